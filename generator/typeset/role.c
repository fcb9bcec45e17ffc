/* role.c: the element each Markdown block is set as, and the signature and date insets (see role.h). */
#include "role.h"

enum elem
block_elem(const struct md_block *b)
{
	switch (b->kind) {
	case BLK_TITLE:
		return EL_TITLE;
	case BLK_HEADING:
		if (b->level <= 2)
			return EL_H2;
		return b->level >= 6 ? EL_H6 : (enum elem)(EL_H2 + b->level - 2);
	case BLK_ADDRESSEE:
		return EL_ADDRESSEE;
	case BLK_SIGNATURE:
		return EL_SIGNATURE;
	case BLK_DATE:
		return EL_DATE;
	case BLK_SUBTITLE:
		return EL_SUBTITLE;
	case BLK_BYLINE:
		return EL_BYLINE;
	case BLK_ATT_LABEL:
		return EL_ATT_LABEL;
	case BLK_ATT_TITLE:
		return EL_ATT_TITLE;
	default:
		return EL_PARAGRAPH;
	}
}

enum elem
run_in_elem(const struct md_block *b)
{
	return b->run_in >= 6 ? EL_H6 : b->run_in <= 2 ? EL_H2 :
	    (enum elem)(EL_H2 + b->run_in - 2);
}

/*
 * GB/T 9704-2012 7.3.5.2 (no seal): the signature two characters from the
 * right; the date below, its first character two to the right of the
 * signature's; a longer date keeps two characters on the right and the
 * signature moves left with it.  Sets the right insets in pt.
 */
void
signature_insets(const struct style *st, double sig_w, double date_w, int has_sig,
    int has_date, double *sig_right, double *date_right)
{
	double w = st->block_w, p = st->pitch_x, start;

	*sig_right = st->sig_right * p;
	*date_right = st->date_right * p;
	if (!has_sig || !has_date)
		return;
	if (date_w > sig_w) {
		start = w - *date_right - date_w - st->date_shift * p;
		*sig_right = w - start - sig_w;
	} else {
		start = w - *sig_right - sig_w + st->date_shift * p;
		*date_right = w - start - date_w;
	}
	if (*sig_right < 0)
		*sig_right = 0;
	if (*date_right < 0)
		*date_right = 0;
}
