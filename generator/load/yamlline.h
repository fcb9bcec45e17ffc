/*
 * yamlline.h: a line of YAML read the way the error messages and the
 * repair need it (yamlerr.c, yamlhint.c, yamlrepair.c): its indentation,
 * its list item's "- ", its key and where its value starts, without
 * parsing the file.  Internal to load/.
 */
#ifndef SHUZHI_YAMLLINE_H
#define SHUZHI_YAMLLINE_H

#include <stddef.h>

#include "yamlerr.h"
#include "../util/buf.h"

#define FULLWIDTH_SPACE	"\xE3\x80\x80"	/* U+3000 */
#define FULLWIDTH_COLON	"\xEF\xBC\x9A"	/* U+FF1A */

/* One line as YAML sees its start. */
struct yline {
	size_t		 no;		/* 0-based */
	const char	*s, *e;		/* the text, without the line break */
	size_t		 indent;	/* leading ASCII spaces */
	int		 blank;		/* nothing but blanks, or a comment */
	int		 dash;		/* starts with a list item's "- " */
	const char	*body;		/* after the indentation and "- " */
	const char	*key, *colon;	/* "key:" at body (colon: the ':'), or NULL */
	const char	*value;		/* the text after "key: " or "- ", or NULL */
};

/* Line no (0-based) of t; past the end: a blank line. */
void		 yl_read(const struct yaml_text *t, size_t no, struct yline *l);
/* The nearest line before no that is not blank; 0 when there is none. */
int		 yl_prev(const struct yaml_text *t, size_t no, struct yline *l);
/* The nearest line above no, not blank, indented at most indent; 0 when none. */
int		 yl_up_to(const struct yaml_text *t, size_t no, size_t indent, struct yline *l);
/* 1-based column (in characters) of p on line l. */
int		 yl_col(const struct yline *l, const char *p);
/* The byte on line l at 0-based character column col (its end when shorter). */
const char	*yl_at(const struct yline *l, size_t col);
/* The end of the text at p: before a " # comment" and trailing blanks. */
const char	*yl_text_end(const char *p, const char *e);
/* A lower-case ASCII name ([a-z_][a-z0-9_-]*) at p: its length, or 0. */
size_t		 yl_name_len(const char *p, const char *e);
int		 yl_blank(char c);
int		 yl_starts(const char *p, const char *e, const char *s);
const char	*yl_skip_blanks(const char *p, const char *e);
/* p after blanks and full-width spaces. */
const char	*yl_skip_any(const char *p, const char *e);
/* "- " when line l is a list item, else "". */
const char	*yl_dash(const struct yline *l);
/* Whether l carries text: a value, or a line of a text broken over lines. */
int		 yl_has_text(const struct yline *l);
/* Whether the text on l stops in the middle of a Chinese sentence. */
int		 yl_ends_open(const struct yline *l);
/* The line whose key (or "- ") the text on pv belongs to. */
void		 yl_owner(const struct yaml_text *t, const struct yline *pv, struct yline *own);
/* The column (0-based) the owner's text must be indented past. */
size_t		 yl_owner_col(const struct yline *own);

/* The text s..e as a reader sees it in a message: a long one shortened. */
void		 yl_put_excerpt(struct buf *, const char *s, const char *e);
/* s..e as a YAML quoted scalar (single quotes unless it holds one only), excerpted. */
void		 yl_put_quoted(struct buf *, const char *s, const char *e);
/* "写成“name: rest”" for line l, rest after a colon and blanks. */
void		 yl_put_written(struct buf *, const struct yline *l, const char *name, size_t n,
		    const char *rest);

/* The message for yaml_colon_key()'s colon on line l, with what to write. */
void		 yl_put_colon_msg(struct buf *, const struct yline *l, const char *name, size_t n,
		    const char *colon, int wide);

#endif
