/*
 * yamlerr.h: a YAML mistake told as the author's mistake: the line where
 * it is (libyaml often notices it a line or two later), its cause in
 * Chinese and what to type instead (yamlerr.c for the errors libyaml
 * stops at, yamlhint.c for those that parse but not as meant), and the
 * line index and "key：" reading that `shuzhi fix` shares to repair the
 * certain cases before parsing (yamlline.c).
 */
#ifndef SHUZHI_YAMLERR_H
#define SHUZHI_YAMLERR_H

#include <stddef.h>
#include <yaml.h>

/* A file's text (NUL-terminated) and where its lines start (lines end at \n, \r\n or \r). */
struct yaml_text {
	const char	*text;
	size_t		 len;
	const size_t	*line_start;
	size_t		 nlines;
};

/* The offset of each line's start in text; *n lines (at least 1). Returns a new array. */
size_t	*yaml_index_lines(const char *text, size_t len, size_t *n);

/* Where the mistake is (1-based; columns in characters) and what to say. */
struct yaml_fault {
	int		 line, col;
	char		*msg;	/* malloc'd */
};

/* The parser's error (yaml_parser_parse() failed) as the author's mistake. */
void	 yaml_explain(const struct yaml_text *, const yaml_parser_t *, struct yaml_fault *);

/*
 * The 1-based column of the first full-width space (U+3000) among the
 * blanks that start line (0-based), or 0 when there is none.
 */
int	 yaml_fullwidth_indent(const struct yaml_text *, size_t line);
extern const char yaml_fullwidth_indent_msg[];

/*
 * For a plain text loaded where a "key: value" map was expected, such as
 * "lead：统一思想": the message naming the full-width colon after the key
 * and the column (0-based, in characters) of that colon; NULL when the
 * text does not start that way.  Returns a new string.
 */
char	*yaml_colon_hint(const char *text, size_t len, size_t *col);

/*
 * Line (0-based) as "key: #…", a value YAML took for a comment: the
 * message, and the 1-based column of the "#"; NULL when it is not so
 * (with glued, also when a blank follows the "#", as in a real comment).
 */
char	*yaml_comment_hint(const struct yaml_text *, size_t line, int glued, int *col);

/*
 * A plain text ending at byte end of text, followed on its line by
 * " #word": the message for words YAML took for a comment, and the
 * offset of the "#"; NULL when there is no such "#" (or a blank follows
 * it, as in a real comment).  Returns a new string.
 */
char	*yaml_cut_hint(const char *text, size_t len, size_t end, size_t *hash);

/*
 * A key written "-lead" (no blank after a list item's "-"): the message,
 * or NULL.  Returns a new string.
 */
char	*yaml_dash_hint(const char *key);

/*
 * A line's leading "key" written with a colon YAML does not take: after
 * the indentation and any "- ", a lower-case ASCII name, then blanks and
 * "：" (full-width), or ":" right before a character that is not a blank
 * ("lead:统一思想").  Returns the name's length (0 when the line is not
 * so), sets *name to it, *colon to the colon and *wide to whether it is
 * the full-width one.
 */
size_t	 yaml_colon_key(const char *line, size_t len, const char **name,
	    const char **colon, int *wide);

#endif
