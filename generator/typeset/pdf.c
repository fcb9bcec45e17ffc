/* pdf.c: libharu output: subset fonts, text runs with character spacing, info, bookmarks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "pdf.h"
#include "fonts.h"
#include "items.h"
#include "subset.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

struct hctx {
	struct diag	*diag;
	int		 failed;
};

/* Code points drawn with one PDF font. */
struct cpset {
	uint32_t	*cps;
	size_t		 n, cap;
	HPDF_Font	 font;
};

/* What a face draws: at full width, and squeezed to half width. */
struct used {
	const struct font_face	*face;
	struct cpset		 set[2];	/* [1]: IT_HALF glyphs */
};

static void
on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct hctx *h = user;

	if (err == HPDF_STREAM_EOF)
		return;	/* the end of the saved document, not an error */
	if (h->failed++ == 0)
		diag_error(h->diag, NULL, "生成 PDF 失败（libharu 错误 0x%04X，详情 %u）",
		    (unsigned)err, (unsigned)detail);
}

static int
cmp_cp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void
cpset_add(struct cpset *c, uint32_t cp)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->cps = xreallocarray(c->cps, c->cap, sizeof(uint32_t));
	}
	c->cps[c->n++] = cp;
}

static void
cpset_sort(struct cpset *c)
{
	size_t i, j;

	if (c->n == 0)
		return;
	qsort(c->cps, c->n, sizeof(uint32_t), cmp_cp);
	for (i = j = 0; i < c->n; i++)
		if (j == 0 || c->cps[j - 1] != c->cps[i])
			c->cps[j++] = c->cps[i];
	c->n = j;
}

static struct used *
collect(const struct line_list *lines, size_t *nused)
{
	struct used *u = NULL;
	size_t n = 0, i, k;

	for (i = 0; i < lines->ng; i++) {
		const struct glyph *g = &lines->g[i];
		size_t id = (size_t)g->face->id;

		if (id >= n) {
			u = xreallocarray(u, id + 1, sizeof(*u));
			memset(u + n, 0, (id + 1 - n) * sizeof(*u));
			n = id + 1;
		}
		u[id].face = g->face;
		cpset_add(&u[id].set[(g->flags & IT_HALF) != 0], g->cp);
	}
	for (k = 0; k < n; k++) {
		cpset_sort(&u[k].set[0]);
		cpset_sort(&u[k].set[1]);
	}
	*nused = n;
	return u;
}

/*
 * libharu 2.3.0 writes a ToUnicode CMap with an identity "cidrange" that
 * strict readers reject.  Its UTF-8 encoding uses the UCS-2 value as the
 * character code, so the right map is one bfchar per code point used.
 */
static void
fix_tounicode(HPDF_Font font, const uint32_t *cps, size_t n)
{
	HPDF_Dict tu;
	struct buf b;
	size_t i, chunk;

	tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (tu == NULL || tu->stream == NULL)
		return;
	buf_init(&b);
	buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (i = 0; i < n; i += chunk) {
		size_t k;

		chunk = n - i < 100 ? n - i : 100;
		buf_printf(&b, "%zu beginbfchar\n", chunk);
		for (k = i; k < i + chunk; k++)
			buf_printf(&b, "<%04X> <%04X>\n", (unsigned)cps[k], (unsigned)cps[k]);
		buf_puts(&b, "endbfchar\n");
	}
	buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_MemStream_FreeData(tu->stream);
	HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	HPDF_Dict_RemoveElement(tu, "Type");
	HPDF_Dict_RemoveElement(tu, "CMapName");
	HPDF_Dict_RemoveElement(tu, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(tu, "WMode");
	buf_free(&b);
}

static int
load_fonts(struct diag *d, struct hctx *h, HPDF_Doc pdf, struct used *u, size_t n)
{
	size_t i;
	int half;

	for (i = 0; i < n; i++)
		for (half = 0; half < 2; half++) {
			struct cpset *c = &u[i].set[half];
			const char *name;
			char *path;

			if (c->n == 0)
				continue;
			path = subset_to_file(d, u[i].face, c->cps, c->n, half);
			if (path == NULL)
				return -1;
			/* libharu keeps the file open and reads it again when saving. */
			name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
			unlink(path);
			free(path);
			if (name == NULL || h->failed) {
				diag_error(d, NULL, "字体 %s 无法嵌入 PDF", u[i].face->path);
				return -1;
			}
			c->font = HPDF_GetFont(pdf, name, "UTF-8");
			if (c->font == NULL || h->failed)
				return -1;
			fix_tounicode(c->font, c->cps, c->n);
		}
	return 0;
}

/* The glyph's advance as the PDF records it (libharu truncates to 1/1000 em). */
static double
pdf_advance(const struct glyph *g)
{
	if (g->flags & IT_HALF)
		return floor(g->face->upem / 2 * 1000.0 / g->face->upem + 1e-6) / 1000 *
		    g->size;
	return floor(face_advance(g->face, g->cp) * 1000 + 1e-6) / 1000 * g->size;
}

/* Character spacing after glyph k of the line so that the next one lands in place. */
static double
spacing_after(const struct glyph *g, size_t k, size_t n)
{
	double next = k + 1 < n ? g[k + 1].x : g[k].end;

	return next - g[k].x - pdf_advance(&g[k]);
}

struct pen {
	HPDF_Font	 font;
	double		 size;
	double		 tc;
	int		 stroke;
	double		 lw;
};

static void
draw_line(HPDF_Page page, const struct style *st, const struct line_list *lines,
    const struct placed *pl, struct used *u, struct pen *pen)
{
	const struct tline *l = &lines->l[pl->line];
	const struct glyph *g = lines->g + l->first;
	double y = st->page_h - pl->baseline;
	struct buf text;
	size_t k = 0, m, start;

	buf_init(&text);
	while (k < l->n) {
		double tc = spacing_after(g, k, l->n);
		HPDF_Font font = u[g[k].face->id].set[(g[k].flags & IT_HALF) != 0].font;
		int stroke = (g[k].flags & IT_FAKE) != 0;

		for (m = k + 1; m < l->n; m++)
			if (g[m].face != g[k].face || g[m].size != g[k].size ||
			    (g[m].flags & (IT_BOLD | IT_FAKE | IT_HALF)) !=
			    (g[k].flags & (IT_BOLD | IT_FAKE | IT_HALF)) ||
			    fabs(spacing_after(g, m, l->n) - tc) > 1e-4)
				break;
		/*
		 * libharu takes character spacing in [-30, 300] only; beyond
		 * that (a nearly empty justified line) each glyph is placed on
		 * its own, where the spacing after it does not matter.
		 */
		if (tc < HPDF_MIN_CHARSPACE || tc > HPDF_MAX_CHARSPACE) {
			m = k + 1;
			tc = tc < HPDF_MIN_CHARSPACE ? HPDF_MIN_CHARSPACE : HPDF_MAX_CHARSPACE;
		}
		start = k;
		buf_reset(&text);
		for (; k < m; k++) {
			char s[4];

			buf_put(&text, s, utf8_encode(g[k].cp, s));
		}
		if (font != pen->font || g[m - 1].size != pen->size) {
			HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)g[m - 1].size);
			pen->font = font;
			pen->size = g[m - 1].size;
		}
		if (fabs(tc - pen->tc) > 1e-5) {
			HPDF_Page_SetCharSpace(page, (HPDF_REAL)tc);
			pen->tc = tc;
		}
		if (stroke != pen->stroke) {
			HPDF_Page_SetTextRenderingMode(page, stroke ? HPDF_FILL_THEN_STROKE :
			    HPDF_FILL);
			pen->stroke = stroke;
		}
		if (stroke && fabs(st->fake_bold * pen->size - pen->lw) > 1e-5) {
			pen->lw = st->fake_bold * pen->size;
			HPDF_Page_SetLineWidth(page, (HPDF_REAL)pen->lw);
		}
		HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1, (HPDF_REAL)(pl->x + g[start].x),
		    (HPDF_REAL)y);
		HPDF_Page_ShowText(page, text.data);
	}
	buf_free(&text);
}

/*
 * Lines through struck glyphs (red), under inserted ones (blue, a redline's
 * insertions), and a change bar in the left margin of a line that has
 * either.
 */
static void
draw_strikes(HPDF_Page page, const struct style *st, const struct line_list *lines,
    const struct placed *pl)
{
	const struct tline *l = &lines->l[pl->line];
	const struct glyph *g = lines->g + l->first;
	double y = st->page_h - pl->baseline, size = 0;
	size_t k = 0, m;
	unsigned f;

	while (k < l->n) {
		if (!(f = g[k].flags & (IT_STRIKE | IT_INSERT))) {
			k++;
			continue;
		}
		for (m = k + 1; m < l->n && (g[m].flags & (IT_STRIKE | IT_INSERT)) == f; m++)
			;
		size = g[k].size;
		if (f & IT_STRIKE)
			HPDF_Page_SetRGBStroke(page, 0.85f, 0, 0);
		else
			HPDF_Page_SetRGBStroke(page, 0, 0.25f, 0.85f);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(g[k].size * 0.05));
		HPDF_Page_MoveTo(page, (HPDF_REAL)(pl->x + g[k].x),
		    (HPDF_REAL)(y + g[k].size * ((f & IT_STRIKE) ? 0.3 : -0.15)));
		HPDF_Page_LineTo(page, (HPDF_REAL)(pl->x + g[m - 1].end),
		    (HPDF_REAL)(y + g[k].size * ((f & IT_STRIKE) ? 0.3 : -0.15)));
		HPDF_Page_Stroke(page);
		k = m;
	}
	if (size > 0) {
		HPDF_Page_SetRGBStroke(page, 0, 0, 0);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(size * 0.08));
		HPDF_Page_MoveTo(page, (HPDF_REAL)(pl->x - size * 0.6), (HPDF_REAL)(y - size * 0.2));
		HPDF_Page_LineTo(page, (HPDF_REAL)(pl->x - size * 0.6), (HPDF_REAL)(y + size * 0.85));
		HPDF_Page_Stroke(page);
	}
}

static void
set_info(HPDF_Doc pdf, const struct pdf_doc *doc)
{
	if (doc->title != NULL && *doc->title != '\0')
		HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, doc->title);
	if (doc->author != NULL && *doc->author != '\0')
		HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, doc->author);
	if (doc->subject != NULL && *doc->subject != '\0')
		HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, doc->subject);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "shuzhi");
	if (doc->source_date >= 0) {
		time_t t = (time_t)doc->source_date;
		struct tm tm;
		HPDF_Date date;

		if (gmtime_r(&t, &tm) != NULL) {
			memset(&date, 0, sizeof(date));
			date.year = tm.tm_year + 1900;
			date.month = tm.tm_mon + 1;
			date.day = tm.tm_mday;
			date.hour = tm.tm_hour;
			date.minutes = tm.tm_min;
			date.seconds = tm.tm_sec;
			date.ind = 'Z';
			HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
			HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
		}
	}
}

static void
add_outline(HPDF_Doc pdf, const struct pdf_doc *doc, HPDF_Page *pages)
{
	const struct style *st = doc->style;
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	HPDF_Outline parent = NULL, o;
	size_t i, k;

	if (doc->nmarks == 0)
		return;
	for (i = 0; i < doc->nmarks; i++) {
		const struct pdf_mark *mk = &doc->marks[i];
		const struct placed *pl = NULL;
		HPDF_Destination dst;

		for (k = 0; k < doc->layout->n; k++)
			if (doc->layout->v[k].line == mk->line) {
				pl = &doc->layout->v[k];
				break;
			}
		if (pl == NULL)
			continue;
		o = HPDF_CreateOutline(pdf, mk->level > 2 && parent != NULL ? parent : NULL,
		    mk->text, enc);
		if (o == NULL)
			continue;
		if (mk->level <= 2)
			parent = o;
		dst = HPDF_Page_CreateDestination(pages[pl->page]);
		HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(st->page_h -
		    (st->margin_top + pl->row * st->pitch_y) + st->pitch_y / 2), 1);
		HPDF_Outline_SetDestination(o, dst);
	}
	HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

int
pdf_write(struct diag *d, const struct pdf_doc *doc, struct buf *out)
{
	const struct style *st = doc->style;
	struct hctx h = { d, 0 };
	struct used *u;
	size_t nused, i;
	HPDF_Doc pdf;
	HPDF_Page *pages;
	int p, ret = -1;

	if ((pdf = HPDF_New(on_error, &h)) == NULL) {
		diag_error(d, NULL, "无法初始化 PDF 库");
		return -1;
	}
	u = collect(doc->lines, &nused);
	pages = xcalloc((size_t)doc->layout->npages + 1, sizeof(*pages));
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	if (load_fonts(d, &h, pdf, u, nused) != 0)
		goto out;
	set_info(pdf, doc);
	for (p = 0; p < doc->layout->npages && !h.failed; p++) {
		struct pen pen = { NULL, 0, 0, 0, 0 };
		HPDF_Page page = HPDF_AddPage(pdf);

		pages[p] = page;
		HPDF_Page_SetWidth(page, (HPDF_REAL)st->page_w);
		HPDF_Page_SetHeight(page, (HPDF_REAL)st->page_h);
		HPDF_Page_BeginText(page);
		for (i = 0; i < doc->layout->n; i++)
			if (doc->layout->v[i].page == p)
				draw_line(page, st, doc->lines, &doc->layout->v[i], u, &pen);
		HPDF_Page_EndText(page);
		for (i = 0; i < doc->layout->n; i++)
			if (doc->layout->v[i].page == p)
				draw_strikes(page, st, doc->lines, &doc->layout->v[i]);
	}
	if (h.failed)
		goto out;
	add_outline(pdf, doc, pages);
	if (HPDF_SaveToStream(pdf) != HPDF_OK || h.failed)
		goto out;
	HPDF_ResetStream(pdf);
	for (;;) {
		HPDF_BYTE chunk[65536];
		HPDF_UINT32 len = sizeof(chunk);
		HPDF_STATUS s = HPDF_ReadFromStream(pdf, chunk, &len);

		buf_put(out, chunk, len);
		if (s == HPDF_STREAM_EOF)
			break;
		if (s != HPDF_OK)
			goto out;
	}
	ret = h.failed ? -1 : 0;
out:
	for (i = 0; i < nused; i++) {
		free(u[i].set[0].cps);
		free(u[i].set[1].cps);
	}
	free(u);
	free(pages);
	HPDF_Free(pdf);
	return ret;
}
