/*
 * parts.c: the package's small parts: content types, relationships,
 * document properties, settings (odd and even footers), the font table
 * (with the free alternates) and the two page-number footers.
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "export.h"

#define NS_PKG_REL	"http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_DOC		"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_WML		"application/vnd.openxmlformats-officedocument.wordprocessingml."

int
part_content_types(struct buf *out)
{
	static const char *const over[][2] = {
		{ "/word/document.xml", CT_WML "document.main+xml" },
		{ "/word/styles.xml", CT_WML "styles+xml" },
		{ "/word/settings.xml", CT_WML "settings+xml" },
		{ "/word/fontTable.xml", CT_WML "fontTable+xml" },
		{ "/word/footer1.xml", CT_WML "footer+xml" },
		{ "/word/footer2.xml", CT_WML "footer+xml" },
		{ "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml" },
		{ "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml" },
	};
	struct xw x;
	size_t i;

	xw_open(&x, "Types", "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types",
	    (const char *)NULL);
	xw_empty(&x, "Default", "Extension", "rels", "ContentType",
	    "application/vnd.openxmlformats-package.relationships+xml", (const char *)NULL);
	xw_empty(&x, "Default", "Extension", "xml", "ContentType", "application/xml",
	    (const char *)NULL);
	for (i = 0; i < sizeof(over) / sizeof(over[0]); i++)
		xw_empty(&x, "Override", "PartName", over[i][0], "ContentType", over[i][1],
		    (const char *)NULL);
	return xw_close(&x, out);
}

static void
rel(struct xw *x, const char *id, const char *type, const char *target)
{
	xw_empty(x, "Relationship", "Id", id, "Type", type, "Target", target, (const char *)NULL);
}

int
part_rels(struct buf *out)
{
	struct xw x;

	xw_open(&x, "Relationships", "xmlns", NS_PKG_REL, (const char *)NULL);
	rel(&x, "rId1", REL_DOC "officeDocument", "word/document.xml");
	rel(&x, "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
	    "docProps/core.xml");
	rel(&x, "rId3", REL_DOC "extended-properties", "docProps/app.xml");
	return xw_close(&x, out);
}

/* The footers' ids are the ones document.xml's section names. */
int
part_document_rels(struct buf *out)
{
	struct xw x;

	xw_open(&x, "Relationships", "xmlns", NS_PKG_REL, (const char *)NULL);
	rel(&x, "rId1", REL_DOC "styles", "styles.xml");
	rel(&x, "rId2", REL_DOC "settings", "settings.xml");
	rel(&x, "rId3", REL_DOC "fontTable", "fontTable.xml");
	rel(&x, "rId4", REL_DOC "footer", "footer1.xml");
	rel(&x, "rId5", REL_DOC "footer", "footer2.xml");
	return xw_close(&x, out);
}

int
part_core(const char *title, const char *author, const char *subject, long long source_date,
    struct buf *out)
{
	struct xw x;

	xw_open(&x, "cp:coreProperties",
	    "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
	    "xmlns:dc", "http://purl.org/dc/elements/1.1/",
	    "xmlns:dcterms", "http://purl.org/dc/terms/",
	    "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance", (const char *)NULL);
	if (title != NULL)
		xw_text_elem(&x, "dc:title", title);
	if (subject != NULL)
		xw_text_elem(&x, "dc:subject", subject);
	if (author != NULL)
		xw_text_elem(&x, "dc:creator", author);
	/* A date only when SOURCE_DATE_EPOCH gives one: never the clock. */
	if (source_date >= 0) {
		time_t t = (time_t)source_date;
		struct tm tm;
		char when[32];

		if (gmtime_r(&t, &tm) != NULL &&
		    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) > 0) {
			xw_start(&x, "dcterms:created");
			xw_attr(&x, "xsi:type", "dcterms:W3CDTF");
			xw_text(&x, when, strlen(when));
			xw_end(&x);
		}
	}
	return xw_close(&x, out);
}

int
part_app(struct buf *out)
{
	struct xw x;

	xw_open(&x, "Properties",
	    "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
	    (const char *)NULL);
	xw_text_elem(&x, "Application", "shuzhi");
	return xw_close(&x, out);
}

int
part_settings(struct buf *out)
{
	struct xw x;

	xw_open(&x, "w:settings", "xmlns:w", NS_W, (const char *)NULL);
	xw_val(&x, "w:defaultTabStop", "420");
	/* Odd pages' number on the right, even pages' on the left. */
	xw_empty(&x, "w:evenAndOddHeaders", (const char *)NULL);
	/* Marks keep their full cell on the grid, as in the PDF. */
	xw_val(&x, "w:characterSpacingControl", "doNotCompress");
	xw_start(&x, "w:compat");
	xw_empty(&x, "w:compatSetting", "w:name", "compatibilityMode",
	    "w:uri", "http://schemas.microsoft.com/office/word", "w:val", "15", (const char *)NULL);
	xw_end(&x);
	xw_empty(&x, "w:themeFontLang", "w:val", "en-US", "w:eastAsia", "zh-CN", (const char *)NULL);
	return xw_close(&x, out);
}

/* Each font the styles ask for, once, with its free alternate. */
int
part_fonts(const struct style *st, const struct font_alts *alts, struct buf *out)
{
	const char *seen[EL_COUNT];
	size_t nseen = 0, i;
	struct xw x;
	int e;

	xw_open(&x, "w:fonts", "xmlns:w", NS_W, (const char *)NULL);
	for (e = 0; e < EL_COUNT; e++) {
		const char *word = word_font(st->el[e].font), *alt;

		for (i = 0; i < nseen && strcmp(seen[i], word) != 0; i++)
			;
		if (i < nseen)
			continue;
		seen[nseen++] = word;
		xw_start(&x, "w:font");
		xw_attr(&x, "w:name", word);
		if ((alt = font_alt(alts, word)) != NULL)
			xw_val(&x, "w:altName", alt);
		xw_val(&x, "w:charset", "86");	/* GB2312 */
		xw_val(&x, "w:family", "modern");
		xw_val(&x, "w:pitch", "fixed");
		xw_end(&x);
	}
	return xw_close(&x, out);
}

static void
text_run(struct xw *x, const char *s, size_t len)
{
	xw_start(x, "w:r");
	xw_start(x, "w:t");
	xw_attr(x, "xml:space", "preserve");
	xw_text(x, s, len);
	xw_end(x);
	xw_end(x);
}

static void
field_char(struct xw *x, const char *type)
{
	xw_start(x, "w:r");
	xw_empty(x, "w:fldChar", "w:fldCharType", type, (const char *)NULL);
	xw_end(x);
}

/*
 * "— N —" (the style sheet's format around a PAGE field), one character of
 * its own size in from the block's outer edge: right on odd pages, left on
 * even ones.
 */
int
part_footer(const struct style *st, const struct geom *g, int even, struct buf *out)
{
	const char *f = st->pageno_format != NULL ? st->pageno_format : "— {n} —";
	const char *hole = strstr(f, "{n}");
	double size = st->el[EL_PAGENO].size > 0 ? st->el[EL_PAGENO].size : 14;
	enum align a = even ? st->pageno_even : st->pageno_odd;
	long inset = lround(st->pageno_inset * size * 20);
	struct xw x;

	(void)g;
	xw_open(&x, "w:ftr", "xmlns:w", NS_W, "xmlns:r", NS_R, (const char *)NULL);
	xw_start(&x, "w:p");
	xw_start(&x, "w:pPr");
	xw_val(&x, "w:pStyle", pstyle_info(PS_FOOTER)->id);
	xw_start(&x, "w:ind");
	xw_attr_int(&x, a == ALIGN_RIGHT ? "w:right" : "w:left", a == ALIGN_CENTER ? 0 : inset);
	xw_attr(&x, "w:firstLine", "0");
	xw_end(&x);
	xw_val(&x, "w:jc", a == ALIGN_RIGHT ? "right" : a == ALIGN_CENTER ? "center" : "left");
	xw_end(&x);
	if (hole == NULL)
		text_run(&x, f, strlen(f));
	else {
		if (hole > f)
			text_run(&x, f, (size_t)(hole - f));
		field_char(&x, "begin");
		xw_start(&x, "w:r");
		xw_start(&x, "w:instrText");
		xw_attr(&x, "xml:space", "preserve");
		xw_text(&x, " PAGE ", 6);
		xw_end(&x);
		xw_end(&x);
		field_char(&x, "separate");
		text_run(&x, even ? "2" : "1", 1);
		field_char(&x, "end");
		if (hole[3] != '\0')
			text_run(&x, hole + 3, strlen(hole + 3));
	}
	xw_end(&x);
	return xw_close(&x, out);
}
