/*
 * pdf.h: the PDF writer (libharu).  Fonts are subset with HarfBuzz and
 * embedded; each line is drawn as few text runs as its fonts and spacing
 * allow, so that text extraction gets it back in reading order.
 */
#ifndef SHUZHI_PDF_H
#define SHUZHI_PDF_H

#include "../diag/diag.h"
#include "../util/buf.h"
#include "layout.h"
#include "linebreak.h"
#include "style.h"

struct fontset;

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
};

/* Write the document; 0, or -1 after reporting libharu's errors. */
int	 pdf_write(struct diag *, const struct pdf_doc *, struct buf *out);

#endif
