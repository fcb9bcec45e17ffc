/*
 * style.h: the style sheet (templates/style.yaml), which holds every layout
 * number of the report: paper, margins, text block, grid, fonts by role and
 * sizes per element, indents, page numbers, signature and date.
 */
#ifndef SHUZHI_STYLE_H
#define SHUZHI_STYLE_H

#include "../diag/diag.h"

enum align {
	ALIGN_JUSTIFY,	/* full lines to the block width, last line left */
	ALIGN_LEFT,
	ALIGN_CENTER,
	ALIGN_RIGHT,
};

/* The kinds of text the typesetter knows. */
enum elem {
	EL_TITLE,
	EL_ADDRESSEE,
	EL_PARAGRAPH,
	EL_H2,
	EL_H3,
	EL_H4,
	EL_H5,
	EL_H6,
	EL_SIGNATURE,
	EL_DATE,
	EL_SUBTITLE,	/* below the title: a —— line (subtitle) */
	EL_BYLINE,	/* below the title: the author's line */
	EL_ATT_LABEL,	/* 附件 / 附件2 at the top left of an attachment's first page */
	EL_ATT_TITLE,	/* an attachment's title, centred like the document's */
	EL_PAGENO,
	EL_COUNT
};

struct elem_style {
	char		*font;		/* role in fonts.yaml */
	struct srcpos	 font_pos;	/* where the role is named */
	double		 size;		/* font size, pt */
	double		 indent;	/* first-line indent, grid characters */
	int		 bold;		/* the whole element in bold */
	int		 grid;		/* wide characters on the grid pitch */
	enum align	 align;
	int		 space_before;	/* blank grid lines before */
	int		 space_after;	/* blank grid lines after */
	int		 keep_with_next; /* never the last line of a page */
	double		 line_pitch;	/* between its own lines, pt; 0: the grid's */
};

struct style {
	const char	*path;		/* interned, for diagnostics */
	double		 page_w, page_h; /* pt */
	double		 margin_top, margin_left;
	double		 block_w, block_h;
	int		 lines, chars;	/* the grid */
	double		 line_gap;	/* gap between lines / character height */
	/* Derived from the above. */
	double		 pitch_x;	/* character pitch, pt */
	double		 cell_h;	/* character height on the grid, pt */
	double		 pitch_y;	/* line pitch, pt */

	struct elem_style el[EL_COUNT];

	double		 fake_bold;	/* stroke width of fake bold, em */
	int		 compress_pairs; /* adjacent punctuation shares a gap */
	int		 trim_line_end;	/* a line-final mark is set half width */
	int		 min_last_chars; /* characters on a paragraph's last line */
	double		 max_stretch;	/* slack beyond which a line is poor, chars */
	double		 max_space;	/* letterspacing beyond which a line is poor, chars */
	/*
	 * punctuation.priority: what it costs to squeeze a line-final mark
	 * and each mark mid-line to make a line fit, against pushing a
	 * character to the next line (letterspacing, about 1 a character's
	 * worth); < 0: never.
	 */
	double		 end_cost, mid_cost;
	int		 widow_lines;	/* a paragraph's lines at least at the top of a page */
	int		 orphan_lines;	/* and at the foot of one */
	int		 keep_max;	/* rows a kept-together chain may leave empty */

	int		 title_balance;	/* split a long title into even lines */
	char		**title_after;	/* good places to end a title line */
	size_t		 ntitle_after;
	char		**title_before;	/* good places to start a title line */
	size_t		 ntitle_before;
	char		**title_avoid_after;	/* never the end of a title line */
	size_t		 ntitle_avoid_after;
	char		**title_avoid_before;	/* never the start of one */
	size_t		 ntitle_avoid_before;

	char		*pageno_format;	/* "— {n} —" */
	double		 pageno_dash_below; /* em dash below the block, pt */
	double		 pageno_inset;	/* from the block edge, characters */
	enum align	 pageno_odd, pageno_even;

	double		 sig_right;	/* signature: right space, characters */
	double		 date_shift;	/* date: first character right of the signature's */
	double		 date_right;	/* date: right space when longer, characters */
};

/* Load and check a style sheet; NULL after reporting errors. */
struct style	*style_load(struct diag *, const char *path);
void		 style_free(struct style *);
/* The element's key in style.yaml ("paragraph", "heading-2"...). */
const char	*elem_key(enum elem);

#endif
