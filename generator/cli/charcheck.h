/*
 * charcheck.h: before a report is typeset, find the characters of its
 * texts that no font can draw and report them where they are in the
 * content files (the typesetter can only point into the generated
 * Markdown, which is not written when it fails).
 */
#ifndef SHUZHI_CHARCHECK_H
#define SHUZHI_CHARCHECK_H

#include "../diag/diag.h"
#include "../load/model.h"

struct fontset;

/*
 * Check every text of r against the fonts (any role: which role draws
 * which text is the typesetter's business; a character that is in none
 * of the fonts, or outside the BMP, fails in every role).  Returns 0, or
 * -1 after reporting such characters.
 */
int	 check_report_chars(struct diag *, const struct report *, const struct fontset *);

#endif
