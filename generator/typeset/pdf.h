/*
 * pdf.h: the PDF writer.  Fonts are subset (subset.h) and embedded as
 * CID fonts whose codes are the subset's glyph ids; each line is drawn as
 * few text runs as its fonts and spacing allow, so that text extraction
 * gets it back in reading order.  libharu holds and writes the objects.
 */
#ifndef SHUZHI_PDF_H
#define SHUZHI_PDF_H

#include "../diag/diag.h"
#include "../util/buf.h"
#include "layout.h"
#include "linebreak.h"
#include "style.h"

struct fontset;
struct font_face;
struct item_list;
struct timings;
struct pdf_early;

/* A bookmark: a heading's text and where its first line is. */
struct pdf_mark {
	char		*text;
	int		 level;		/* 2 for 一、, 3 for （一） */
	size_t		 line;		/* its first line in the line list */
};

struct pdf_doc {
	const struct style	*style;
	const struct line_list	*lines;
	const struct layout	*layout;
	const struct pdf_mark	*marks;
	size_t			 nmarks;
	const char		*title;		/* UTF-8 or NULL */
	const char		*author;
	const char		*subject;
	long long		 source_date;	/* or -1 */
	struct pdf_early	*early;		/* font programs begun early, or NULL */
	struct timings	*timings;	/* subset and pdf added to, or NULL */
};

/*
 * Begin making the font programs (subset and compressed) for every face
 * the items draw with, on a second thread, while the lines are broken.
 * Faces in late[] (those page numbers may add characters to) are left for
 * pdf_write.  The items must stay as they are until pdf_write.
 */
struct pdf_early *pdf_early_start(const struct item_list *, size_t n,
		    const struct font_face *const *late, size_t nlate);
/* Wait for the thread and free what it made (after pdf_write, or instead of it). */
void		 pdf_early_free(struct pdf_early *);

/* Write the document; 0, or -1 after reporting libharu's errors. */
int	 pdf_write(struct diag *, const struct pdf_doc *, struct buf *out);

#endif
