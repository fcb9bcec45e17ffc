/*
 * items.h: a block's text turned into items, one per character, each with
 * the face that draws it, its width on the line, how much of it may be
 * squeezed, and whether a line may break before it.
 */
#ifndef SHUZHI_ITEMS_H
#define SHUZHI_ITEMS_H

#include <stddef.h>
#include <stdint.h>

#include "../diag/diag.h"
#include "style.h"

struct fontset;
struct font_face;
struct md_doc;
struct md_block;

#define IT_BOLD		0x01	/* drawn bold */
#define IT_FAKE		0x02	/* bold by stroking a regular face */
#define IT_STRIKE	0x04	/* struck through */
#define IT_NODRAW	0x08	/* a space: width only */
#define IT_HALF		0x10	/* a mark squeezed to the half of its cell that holds its ink */
#define IT_INSERT	0x20	/* inserted (a redline): underlined */
#define IT_NOTE		0x40	/* a redline's note (moved from, moved to) */
#define IT_CHANGED	0x80	/* in a changed block (a redline's moved item): a change bar */
#define IT_MARKS	(IT_STRIKE | IT_INSERT | IT_NOTE | IT_CHANGED)	/* a redline's */

enum brk {
	BRK_OK,		/* a line may break before this item */
	BRK_NO,		/* never */
	BRK_FORCE,	/* a hard line break precedes it */
};

struct item {
	uint32_t		 cp;
	const struct font_face	*face;
	double			 size;	/* pt */
	unsigned		 flags;	/* IT_* */
	unsigned char		 cls;	/* enum cjk_class */
	unsigned char		 brk;	/* enum brk: before this item */
	unsigned char		 stretch; /* justification may widen the gap after it */
	unsigned char		 cutnext; /* cut is taken from the next item (“《: its blank left half) */
	double			 adv;	/* glyph advance, pt */
	double			 box;	/* natural width on the line, pt */
	double			 xoff;	/* where the glyph sits in its box */
	double			 squeeze; /* blank half that may be removed, pt (0: never squeezed) */
	double			 hoff;	/* where the half that is kept starts in the box, pt */
	double			 cut;	/* removed when the next item is on the same line */
};

struct item_list {
	struct item	*v;
	size_t		 n;
	size_t		 cap;
};

struct itemizer {
	struct diag		*diag;
	const struct style	*style;
	struct fontset		*fonts;		/* fontset_find_bold() may open a bold face */
	const struct md_doc	*doc;
	/*
	 * Characters no font has, located so far: each search costs a pass
	 * over the Markdown, and the sink prints DIAG_MAX_SHOWN of a kind.
	 */
	int			*located;
};

/*
 * Itemize block as element e.  Characters no font of the element's role
 * can draw are reported at their Markdown position; returns the number of
 * such errors (the items are still made, without them).
 */
int	 items_make(const struct itemizer *, const struct md_block *, enum elem,
	    struct item_list *);
/* Items for plain program text (page numbers). */
int	 items_make_text(const struct itemizer *, const char *text, enum elem,
	    struct item_list *);
void	 items_free(struct item_list *);
/*
 * The half of a full-width mark's cell that holds its ink, found from the
 * glyph (HarfBuzz's extents), not assumed: the half centred on the ink,
 * kept within the cell, so that a mark inked on the left keeps its left
 * half, an opening mark its right half, and a mark drawn in the middle
 * of its cell (AR PL Kai's 。) the middle half, with as much blank on
 * either side of its ink.  cell and xoff (where the glyph's origin sits
 * in the cell) in em.  Returns 0 and where the half starts, in em from
 * the glyph's origin; -1 when the ink does not fit in half a cell (the
 * mark is never squeezed).
 */
int	 item_half_start(const struct font_face *, uint32_t cp, double cell, double xoff,
	    double *start);
/* Natural width of items[a..b) set on one line, pt. */
double	 items_width(const struct item *, size_t a, size_t b);

#endif
