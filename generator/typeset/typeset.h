/*
 * typeset.h: the typesetting stage.  Reads the report's Markdown (parsed
 * with cmark-gfm), breaks it into lines and pages on the GB/T 9704 grid
 * given by the style sheet, and writes the PDF with libharu.
 */
#ifndef SHUZHI_TYPESET_H
#define SHUZHI_TYPESET_H

#include <stddef.h>

#include "../diag/diag.h"
#include "../util/buf.h"

struct typeset_opts {
	const char	*md_path;	/* names the Markdown in diagnostics */
	const char	*style_path;	/* templates/style.yaml */
	const char	*fonts_path;	/* fonts/fonts.yaml */
	/* PDF document information, UTF-8; NULL: title from the first heading. */
	const char	*title;
	const char	*author;
	const char	*subject;
	long long	 source_date;	/* seconds since the epoch, or -1 for none */
};

/*
 * Typeset Markdown into a PDF, appended to pdf.  Returns 0, or -1 after
 * reporting errors (bad style sheet, missing font, a character no font
 * has...).
 */
int	 typeset_markdown(struct diag *, const char *md, size_t len,
	    const struct typeset_opts *, struct buf *pdf);

#endif
