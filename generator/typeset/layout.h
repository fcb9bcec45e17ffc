/*
 * layout.h: lines onto pages.  Every line sits on a row of the grid
 * (22 rows of the block by default); headings keep with the next lines
 * (a chain of them within a bound), the signature and date stay together
 * and never stand alone on a page; a paragraph never leaves a single line
 * at the foot or the top of a page (widows and orphans): first a
 * paragraph on the page is set a line longer or shorter, only then does
 * the page end a line early; each page gets its number "— N —" below the
 * block.
 */
#ifndef SHUZHI_LAYOUT_H
#define SHUZHI_LAYOUT_H

#include <stddef.h>

#include "linebreak.h"
#include "style.h"

struct itemizer;

/* Where a line goes. */
struct placed {
	size_t		 line;		/* index in the line list */
	int		 page;		/* 0-based */
	int		 row;		/* grid row, or -1 for the page number */
	double		 x;		/* the block's left edge on the page, pt */
	double		 baseline;	/* from the page's top, pt */
};

struct layout {
	struct placed	*v;
	size_t		 n, cap;
	int		 npages;
	int		 first_numbered; /* the page numbered 1 (those before have no number) */
};

/* What layout needs to know about each block (by Markdown block index). */
struct block_info {
	enum elem	 elem;
	size_t		 first_line;	/* its lines in the line list */
	size_t		 nlines;
	int		 newpage;	/* starts on a new page */
	int		 restart;	/* ... whose number is 1 (the pages before have none) */
	int		 keep;		/* kept with the next block, whatever its element */
	int		 loose;		/* may be set in a line more or fewer (a paragraph) */
	double		 cost;		/* the line breaker's cost of its lines */
};

/*
 * The line breaker, for widow and orphan control: block's items broken
 * into exactly nlines lines appended to out (their cost in *cost), or -1.
 */
struct layout_rebreak {
	int	(*fn)(void *arg, size_t block, int nlines, struct line_list *out,
		    double *cost);
	void	*arg;
};

/*
 * Put lines on pages, then add a page-number line per page to lines.
 * Blocks set in other lines (rb, may be NULL) get their new lines
 * appended to lines and their block_info changed.  Returns 0, or -1 after
 * reporting (a page number no font can draw).
 */
int	 layout_pages(const struct itemizer *, const struct style *,
	    struct block_info *, size_t nblocks, const struct layout_rebreak *rb,
	    struct line_list *lines, struct layout *);
void	 layout_free(struct layout *);

#endif
