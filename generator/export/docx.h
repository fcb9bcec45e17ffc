/*
 * docx.h: the export stage.  The report's Markdown (the same text the PDF
 * is typeset from, read by the typesetter's own reader and roles) written
 * as a Word .docx laid out to GB/T 9704-2012 in Word's terms: A4, the
 * 156 x 225 mm block, a 22-line x 28-character document grid, paragraph
 * styles named for their roles with outline levels, odd/even footers with
 * the page number.  Numbers are text, as in the PDF.  The package is the
 * same bytes for the same input (fixed zip times and order).  It runs in
 * the program shuzhi-docx, which alone links libzip and libxml2.
 */
#ifndef SHUZHI_DOCX_H
#define SHUZHI_DOCX_H

#include <stddef.h>

#include "../diag/diag.h"
#include "../util/buf.h"

struct docx_opts {
	const char	*md_path;	/* names the Markdown in diagnostics */
	const char	*style_path;	/* templates/style.yaml */
	const char	*fonts_path;	/* fonts/fonts.yaml: the faces that set the PDF's titles */
	/* Document properties, UTF-8; NULL: the title from the first heading. */
	const char	*title;
	const char	*author;
	const char	*subject;
	long long	 source_date;	/* seconds since the epoch, or -1 for none */
};

/* The .docx of Markdown md into out; 0, or -1 after reporting errors. */
int	 docx_from_markdown(struct diag *, const char *md, size_t len,
	    const struct docx_opts *, struct buf *out);

#endif
