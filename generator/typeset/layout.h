/*
 * layout.h: lines onto pages.  Every line sits on a row of the grid
 * (22 rows of the block by default); headings keep with the next line, the
 * signature and date stay together and never stand alone on a page; each
 * page gets its number "— N —" below the block.
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
	size_t		 n;
	int		 npages;
};

/* What layout needs to know about each block (by Markdown block index). */
struct block_info {
	enum elem	 elem;
	size_t		 first_line;	/* its lines in the line list */
	size_t		 nlines;
	int		 newpage;	/* starts on a new page */
};

/*
 * Put lines on pages, then add a page-number line per page to lines.
 * Returns 0, or -1 after reporting (a page number no font can draw).
 */
int	 layout_pages(const struct itemizer *, const struct style *,
	    const struct block_info *, size_t nblocks, struct line_list *lines,
	    struct layout *);
void	 layout_free(struct layout *);

#endif
