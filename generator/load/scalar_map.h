/*
 * scalar_map.h: map bytes of a scalar's loaded value back to the file it
 * was read from, through every YAML scalar style (plain, quoted with
 * escapes, literal and folded blocks), so that a finding inside a long
 * text points at the exact line and column, and a fix can edit the file
 * in place.
 */
#ifndef SHUZHI_SCALAR_MAP_H
#define SHUZHI_SCALAR_MAP_H

#include <stddef.h>

#include "value.h"
#include "../util/buf.h"

/*
 * Each byte i of the value was made from the source bytes [start[i],
 * end[i]) of the file text.  A byte copied verbatim has a span of one byte;
 * the bytes of an escape (\u4e2d, '') share the escape's span; a space or
 * line feed made by folding a line break spans the break.  start[n] and
 * end[n] are just past the last piece.
 */
struct scalar_map {
	const char		*text;		/* the file text */
	size_t			 textlen;
	const struct value	*v;
	size_t			 n;		/* bytes of the value */
	size_t			*start;		/* n + 1 entries */
	size_t			*end;		/* n + 1 entries */
	int			 exact;		/* the value was reproduced from the source */
	/* The last position found: the next one after it is counted on from it. */
	size_t			 at;		/* a file offset, 0: none yet */
	int			 at_line, at_col;
};

/*
 * Build the map of a scalar read from doc.  When the value cannot be
 * reproduced from the source (a style this code does not follow), every
 * byte maps to the scalar's start and exact is 0: positions then point at
 * the scalar and nothing can be edited in place.
 */
void	 scalar_map_init(struct scalar_map *, const struct value_doc *,
	    const struct value *);
/* The same from the file text directly. */
void	 scalar_map_init_text(struct scalar_map *, const char *text, size_t len,
	    const struct value *);
void	 scalar_map_free(struct scalar_map *);

/* Line and column (1-based, in characters) of value byte i (0..n). */
void	 scalar_map_pos(struct scalar_map *, size_t i, struct srcpos *);
/* Line and column of a byte offset in the file text at or after the scalar. */
void	 scalar_map_offset_pos(struct scalar_map *, size_t off, struct srcpos *);
/* Byte offset of the ch-th character of the value (n when past the end). */
size_t	 scalar_map_char_byte(const struct scalar_map *, size_t ch);

/*
 * The source bytes [*sa, *sb) that hold value bytes [a, b), when they can
 * be replaced in place: a and b fall on piece boundaries, the pieces are
 * contiguous in the file, and no line break lies between them.  For a == b
 * the insertion point is returned.  Returns 0, or -1 when not possible.
 */
int	 scalar_map_range(const struct scalar_map *, size_t a, size_t b,
	    size_t *sa, size_t *sb);

/*
 * Append s, written the way the scalar's style needs it (quotes doubled,
 * backslashes escaped), to out.  Returns -1 when s cannot go into the
 * scalar on one line (it holds a line break or a control character).
 */
int	 scalar_map_quote(enum scalar_style, const char *s, size_t len, struct buf *out);

#endif
