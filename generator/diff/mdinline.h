/*
 * mdinline.h: one line of Markdown from runs of text with marks: bold
 * (the item's lead), deleted and inserted.  Deletions are written
 * <del>so</del> and insertions <ins>so</ins>, as lowdown-diff does: GitHub
 * shows them struck through and underlined, and the typesetter reads them
 * (red and struck, blue and underlined).
 */
#ifndef SHUZHI_MDINLINE_H
#define SHUZHI_MDINLINE_H

#include <stddef.h>

#include "../util/buf.h"

#define MD_STRONG	0x1
#define MD_DEL		0x2
#define MD_INS		0x4

struct md_span {
	const char	*s;
	size_t		 len;
	unsigned	 marks;
};

/* A growing list of spans. */
struct md_line {
	struct md_span	*v;
	size_t		 n;
	size_t		 cap;
};

void	 md_line_add(struct md_line *, const char *s, size_t len, unsigned marks);
void	 md_line_reset(struct md_line *);
void	 md_line_free(struct md_line *);

/*
 * Append the spans as inline Markdown that cmark-gfm reads back as the
 * same text with the same marks: markup characters are backslash-escaped,
 * and where CommonMark's flanking rules would keep a ** from opening or
 * closing (a mark or a tag inside, a letter outside: **一是</ins>**党)
 * the character outside is written as a character reference.
 */
void	 md_inline(const struct md_span *, size_t n, struct buf *out);

#endif
