/*
 * typeset.h: the typesetting stage.  Reads the report's Markdown (parsed
 * with cmark-gfm), breaks it into lines and pages on the GB/T 9704 grid
 * given by the style sheet, and writes the PDF (libharu holding the
 * objects; fonts subset by subset.c).
 */
#ifndef SHUZHI_TYPESET_H
#define SHUZHI_TYPESET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../diag/diag.h"
#include "../util/buf.h"
#include "../util/clock.h"

struct typeset_opts {
	const char	*md_path;	/* names the Markdown in diagnostics */
	const char	*style_path;	/* templates/style.yaml */
	const char	*fonts_path;	/* fonts/fonts.yaml */
	struct fontset	*fonts;		/* fonts_path already loaded (the caller frees it), or NULL */
	/* PDF document information, UTF-8; NULL: title from the first heading. */
	const char	*title;
	const char	*author;
	const char	*subject;
	long long	 source_date;	/* seconds since the epoch, or -1 for none */
	struct timings	*timings;	/* layout, subset, pdf added to, or NULL */
	struct buf	*lines;		/* the lines laid out appended as text (dumplines.h), or NULL */
};

/*
 * Typeset Markdown into a PDF, appended to pdf.  Returns 0, or -1 after
 * reporting errors (bad style sheet, a character no font has...), or
 * TYPESET_NO_FONTS when the fonts could not be loaded (fonts.yaml, or font
 * files missing or broken: an environment error, exit status 2).
 */
#define TYPESET_NO_FONTS	(-2)
/*
 * Characters typeset at most (some 1,500 pages; the longest benchmark has
 * a million): beyond it, a paragraph of one unbreakable word would take
 * more than a few seconds to break into lines.
 */
#define TYPESET_MAX_CHARS	1500000
/* Pages written at most: short paragraphs or page breaks make many from few characters. */
#define TYPESET_MAX_PAGES	5000
int	 typeset_markdown(struct diag *, const char *md, size_t len,
	    const struct typeset_opts *, struct buf *pdf);
/*
 * For "shuzhi fonts": call fn with the fonts.yaml role, boldness and code
 * point of every character the Markdown draws, page numbers included
 * (the digits all once).  Returns 0, or -1 after reporting.
 */
int	 typeset_chars(struct diag *, const char *md, size_t len, const char *md_path,
	    const char *style_path,
	    void (*fn)(void *arg, const char *role, int bold, uint32_t cp), void *arg);
/*
 * The lines the PDF sets each title, subtitle and attachment title of doc
 * in (break_title's choice), for the .docx to break them at the same
 * places.  out[i] (doc->n of them, filled) for block i: the count of the
 * block's characters before each line after the first, spaces not
 * counted; none for other blocks or a title on one line.  Returns 0, or
 * -1 after reporting a character no font has (out is then empty).
 */
struct md_doc;
struct style;
struct fontset;
struct title_lines {
	size_t	*at;
	size_t	 n;
};
int	 typeset_title_lines(struct diag *, const struct md_doc *, const struct style *,
	    struct fontset *, struct title_lines *out);
void	 title_lines_free(struct title_lines *, size_t n);

#endif
