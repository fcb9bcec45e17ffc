/*
 * linebreak.h: Chinese line breaking on the grid.  A block's items are
 * broken into lines by dynamic programming over the break opportunities
 * (Knuth and Plass's shortest path): each line is brought to the text
 * width by clreq's means in a set order of preference (paired marks share
 * a gap; the line-final mark set half width; a character pushed to the
 * next line and the gaps widened, never beyond a small letterspacing; a
 * mark squeezed mid-line as the last resort); a paragraph's last line
 * never holds a single character.  A block can also be broken into a
 * given number of lines (one more or one fewer, for widow and orphan
 * control).  Titles are split into balanced lines.
 */
#ifndef SHUZHI_LINEBREAK_H
#define SHUZHI_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

#include "items.h"
#include "style.h"

struct font_face;

/* One glyph placed on a line. */
struct glyph {
	uint32_t		 cp;
	const struct font_face	*face;
	double			 size;
	unsigned		 flags;	/* IT_BOLD, IT_FAKE, IT_HALF, IT_MARKS */
	double			 x;	/* where it is drawn, pt from the block's left */
	double			 end;	/* where its cell ends (the next glyph's start) */
};

struct tline {
	size_t		 first;	/* glyphs[first .. first+n) */
	size_t		 n;
	enum elem	 elem;
	size_t		 block;	/* index of the Markdown block */
	int		 index;	/* line number within the block, 0-based */
	int		 last;	/* the block's last line */
	int		 justified; /* stretched or squeezed to the full width */
};

struct line_list {
	struct glyph	*g;
	size_t		 ng, capg;
	struct tline	*l;
	size_t		 nl, capl;
};

struct break_opts {
	double		 width;		/* the text block, pt */
	double		 indent;	/* first line, pt */
	double		 right;		/* kept free on the right, pt */
	enum align	 align;
	double		 pitch;		/* the grid's character pitch, for costs */
	int		 min_last;	/* characters on the last line */
	double		 max_stretch;	/* characters of slack before a line is poor */
	int		 trim_end;	/* line-final marks half width */
	double		 max_space;	/* letterspacing beyond this is poor, pt per gap */
	double		 end_cost;	/* a line-final mark squeezed to fit; < 0: never */
	double		 mid_cost;	/* each mark squeezed mid-line; < 0: never */
	int		 strict;	/* only lines that are not poor (no mid-line squeeze) */
};

/* Break items into lines appended to out; returns the lines' cost. */
double	 break_lines(const struct item *, size_t n, const struct break_opts *,
	    enum elem, size_t block, struct line_list *out);
/* The most lines break_lines_count() is asked for. */
#define BREAK_COUNT_MAX	200
/*
 * Break items into exactly nlines lines appended to out, *cost their
 * cost; -1 (nothing appended) when there is no such break.
 */
int	 break_lines_count(const struct item *, size_t n, const struct break_opts *,
	    enum elem, size_t block, size_t nlines, struct line_list *out, double *cost);
/*
 * Break a title (or the subtitle below it) into the fewest lines, as even
 * as possible, preferring to turn after one of after[] or before one of
 * before[] (keeping words whole).
 */
void	 break_title(const struct item *, size_t n, const struct break_opts *,
	    const struct style *, enum elem, size_t block, struct line_list *out);
/* Append src's lines and glyphs to dst. */
void	 lines_append(struct line_list *dst, const struct line_list *src);
void	 lines_free(struct line_list *);

#endif
