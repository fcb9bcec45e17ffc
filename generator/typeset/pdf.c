/*
 * pdf.c: the PDF.  libharu holds the document's objects and writes them
 * out; the costly parts it would do on its own are done here instead:
 * each face's subset (subset.c) is embedded directly, a TrueType face as
 * a CIDFontType2, a CFF one as a CIDFontType0 with its bare CFF program
 * (FontFile3 /CIDFontType0C, which libharu cannot make), codes being glyph
 * ids or CIDs (no 65,536-entry maps, no second pass over the font, no
 * half-width copy of a font for squeezed marks: those are codes of their
 * own with half the width, or in a CFF font the same codes in a second
 * font dictionary that shares the program and gives them half widths),
 * page content is written as operators, everything is compressed with
 * libdeflate, and the saved bytes go straight to the caller's buffer.
 * The font programs are made on a second thread while the lines are
 * broken (pdf_early_start()).
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include "pdf.h"
#include "fonts.h"
#include "items.h"
#include "subset.h"
#include "../util/clock.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* Compression levels (libdeflate 1-12): fonts are most of the bytes and of the time. */
#define LEVEL_FONT	4
#define LEVEL_PAGE	6

/* Sets of BMP code points: 65,536 bits in 64-bit words. */
#define SET_WORDS	1024

struct hctx {
	struct diag	*diag;
	int		 failed;
};

/*
 * A face's font program: the subset for a set of code points.  Planned
 * first (the glyph ids, all the page content needs), then made and
 * compressed, possibly on the second thread while the pages are written.
 */
struct fontprog {
	const struct font_face	*face;
	uint32_t		*cps;		/* sorted, distinct */
	size_t			 n;
	uint16_t		*gids;		/* glyph of each in the subset */
	struct subset_plan	*plan;
	struct subset_font	 sf;		/* sf.data freed once compressed */
	unsigned char		*z;		/* zlib data */
	size_t			 zlen;
	int			 failed;
	double			 time;		/* seconds spent on it */
};

/* Font programs made on a second thread while the lines are broken. */
struct pdf_early {
	pthread_t		 thread;
	int			 running;
	atomic_size_t		 next;		/* the next program not taken by a thread */
	struct fontprog		*progs;
	size_t			 n;
};

/* What one face draws, and the PDF font made of it. */
struct pfont {
	const struct font_face	*face;
	uint32_t		*cps[2];	/* sorted; [1]: squeezed to half width */
	size_t			 n[2];
	uint16_t		*cid[2];	/* the code of each */
	int			*width[2];	/* its width in the PDF, 1/1000 em */
	const uint64_t		*set[2];	/* cps[] as sets */
	const uint32_t		*rank[2];	/* members before each word: where in cps[] */
	char			 res[12];	/* resource name */
	char			 res_half[12];	/* a CFF face's half-width font's, else "" */
	struct fontprog		*prog;		/* its program (early, or own) */
	struct fontprog		 own;
	HPDF_Dict		 file;		/* FontFile2 or FontFile3, filled in last */
	HPDF_Array		 bbox;		/* FontBBox, filled in last */
};

struct writer {
	struct hctx		 h;
	HPDF_Doc		 pdf;
	struct libdeflate_compressor *zpage;
	struct buf		 z;		/* compression output */
	struct pfont		*fonts;		/* by face id */
	size_t			 nfonts;
	uint64_t		(*sets)[2][SET_WORDS];	/* each font's set[] */
	uint32_t		(*ranks)[2][SET_WORDS];	/* and rank[] */
	HPDF_Dict		 resources;	/* shared by every page */
	struct rdata		**rd;		/* put_reader()'s */
	size_t			 nrd;
	struct buf		 pagez[2];	/* the pages' content, compressed */
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

/* --- Streams ------------------------------------------------------------ */

static HPDF_STATUS
write_flate(HPDF_Dict d, HPDF_Stream s)
{
	(void)d;
	return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

/* Put data already compressed into stream dictionary d (copied). */
static void
put_compressed(HPDF_Dict d, const void *z, size_t zlen)
{
	HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)z, (HPDF_UINT)zlen);
	d->write_fn = write_flate;
}

/*
 * Bytes that libharu reads straight from our memory when it saves (its
 * memory streams copy byte by byte, twice): the font programs and the
 * page content.  The bytes must live until the document is saved.
 */
struct rdata {
	const unsigned char	*p;
	size_t			 len, pos;
};

static HPDF_STATUS
rd_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
	struct rdata *r = s->attr;
	size_t n = r->len - r->pos < *size ? r->len - r->pos : *size;

	memcpy(ptr, r->p + r->pos, n);
	r->pos += n;
	*size = (HPDF_UINT)n;
	return r->pos == r->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS
rd_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct rdata *r = s->attr;
	long long at = mode == HPDF_SEEK_CUR ? (long long)r->pos + pos :
	    mode == HPDF_SEEK_END ? (long long)r->len + pos : pos;

	if (at < 0 || at > (long long)r->len)
		return HPDF_STREAM_EOF;
	r->pos = (size_t)at;
	return HPDF_OK;
}

static HPDF_INT32
rd_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct rdata *)s->attr)->pos;
}

static HPDF_UINT32
rd_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct rdata *)s->attr)->len;
}

/* Stream dictionary d takes the compressed bytes p[0..len) as they are. */
static void
put_reader(struct writer *w, HPDF_Dict d, const void *p, size_t len)
{
	struct rdata *r;
	HPDF_Stream s;

	w->rd = xreallocarray(w->rd, w->nrd + 1, sizeof(*w->rd));
	r = w->rd[w->nrd++] = xcalloc(1, sizeof(*r));
	r->p = p;
	r->len = len;
	if ((s = HPDF_CallbackReader_New(w->pdf->mmgr, rd_read, rd_seek, rd_tell, rd_size,
	    r)) == NULL)
		return;
	HPDF_Stream_Free(d->stream);
	d->stream = s;
	d->write_fn = write_flate;
}

/* The saved document goes straight into the output buffer. */
static HPDF_STATUS
write_out(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT size)
{
	buf_put(s->attr, ptr, size);
	return HPDF_OK;
}

/* Put data, compressed, into stream dictionary d. */
static void
put_flate(struct writer *w, HPDF_Dict d, const void *data, size_t len)
{
	size_t bound = libdeflate_zlib_compress_bound(w->zpage, len), clen;

	buf_reset(&w->z);
	buf_grow(&w->z, bound);
	clen = libdeflate_zlib_compress(w->zpage, data, len, w->z.data, bound);
	put_compressed(d, w->z.data, clen);
}

/* A new compressed stream object. */
static HPDF_Dict
new_stream(struct writer *w, const void *data, size_t len)
{
	HPDF_Dict d = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);

	if (d != NULL)
		put_flate(w, d, data, len);
	return d;
}

/* --- Font programs ------------------------------------------------------------ */

/* Plan the subset (main thread): the glyph ids. */
static void
prog_plan(struct fontprog *p)
{
	double t0 = clock_seconds();

	p->gids = xcalloc(p->n + 1, sizeof(*p->gids));
	if ((p->plan = subset_plan(p->face, p->cps, p->n, p->gids, &p->sf)) == NULL)
		p->failed = 1;
	p->time += clock_seconds() - t0;
}

/* Make and compress; sets p->failed instead of reporting (any thread). */
static void
prog_make(struct fontprog *p, struct libdeflate_compressor *c)
{
	double t0 = clock_seconds();
	size_t bound;

	if (p->failed)
		return;
	if (c == NULL || subset_execute(p->plan, &p->sf) != 0) {
		p->failed = 1;
		return;
	}
	bound = libdeflate_zlib_compress_bound(c, p->sf.len);
	p->z = xmalloc(bound);
	p->zlen = libdeflate_zlib_compress(c, p->sf.data, p->sf.len, p->z, bound);
	subset_font_free(&p->sf);
	/* The subset read much of the font file: those pages are not needed now. */
	face_release_pages(p->face);
	p->time += clock_seconds() - t0;
}

static void
prog_free(struct fontprog *p)
{
	free(p->cps);
	free(p->gids);
	free(p->z);
	subset_plan_free(p->plan);
	subset_font_free(&p->sf);
	memset(p, 0, sizeof(*p));
}

/* Make the programs no thread has taken yet (either thread). */
static void
early_work(struct pdf_early *e)
{
	struct libdeflate_compressor *c = NULL;
	size_t i;

	while ((i = atomic_fetch_add(&e->next, 1)) < e->n) {
		if (c == NULL)
			c = libdeflate_alloc_compressor(LEVEL_FONT);
		prog_make(&e->progs[i], c);
	}
	if (c != NULL)
		libdeflate_free_compressor(c);
}

static void *
early_main(void *arg)
{
	early_work(arg);
	return NULL;
}

static void
set_add(uint64_t *set, uint32_t cp)
{
	set[cp >> 6] |= (uint64_t)1 << (cp & 63);
}

/* The members of a set, in order. */
static uint32_t *
set_list(const uint64_t *set, size_t *n)
{
	uint32_t *v;
	size_t m = 0, cap = 0, i;

	for (i = 0; i < SET_WORDS; i++)
		cap += (size_t)__builtin_popcountll(set[i]);
	v = xcalloc(cap + 1, sizeof(*v));
	for (i = 0; i < SET_WORDS; i++) {
		uint64_t w = set[i];

		for (; w != 0; w &= w - 1)
			v[m++] = (uint32_t)(i * 64 + (size_t)__builtin_ctzll(w));
	}
	*n = m;
	return v;
}

struct pdf_early *
pdf_early_start(const struct item_list *lists, size_t nlists,
    const struct font_face *const *late, size_t nlate)
{
	struct pdf_early *e = xcalloc(1, sizeof(*e));
	uint64_t (*bits)[SET_WORDS] = NULL;
	const struct font_face **faces = NULL;
	size_t i, k, n = 0;

	for (i = 0; i < nlists; i++)
		for (k = 0; k < lists[i].n; k++) {
			const struct item *it = &lists[i].v[k];
			size_t id;

			if ((it->flags & IT_NODRAW) || it->face == NULL || it->cp > 0xFFFF)
				continue;
			id = (size_t)it->face->id;
			if (id >= n) {
				bits = xreallocarray(bits, id + 1, sizeof(*bits));
				memset(bits + n, 0, (id + 1 - n) * sizeof(*bits));
				faces = xreallocarray(faces, id + 1, sizeof(*faces));
				memset(faces + n, 0, (id + 1 - n) * sizeof(*faces));
				n = id + 1;
			}
			faces[id] = it->face;
			set_add(bits[id], it->cp);
		}
	/* Faces that page numbers may draw with are done with the rest, later. */
	for (i = 0; i < nlate; i++)
		if ((size_t)late[i]->id < n)
			faces[late[i]->id] = NULL;
	e->progs = xcalloc(n + 1, sizeof(*e->progs));
	for (i = 0; i < n; i++) {
		struct fontprog *p;

		if (faces[i] == NULL)
			continue;
		p = &e->progs[e->n++];
		p->face = faces[i];
		p->cps = set_list(bits[i], &p->n);
		prog_plan(p);
	}
	free(bits);
	free(faces);
	/* libdeflate picks its checksum code on first use: here, not in two threads at once. */
	(void)libdeflate_adler32(1, "", 0);
	atomic_init(&e->next, 0);
	if (e->n > 0 && pthread_create(&e->thread, NULL, early_main, e) == 0)
		e->running = 1;
	/* Without a second thread, pdf_write makes them itself (early_join()). */
	return e;
}

/*
 * The font programs done: the ones the second thread has not begun are
 * made here meanwhile (all of them without a second thread).  *waited
 * gets the time spent here.
 */
static void
early_join(struct pdf_early *e, int work, double *waited)
{
	double t0 = clock_seconds();

	if (e != NULL && work)
		early_work(e);
	if (e != NULL && e->running) {
		pthread_join(e->thread, NULL);
		e->running = 0;
	}
	*waited = clock_seconds() - t0;
}

void
pdf_early_free(struct pdf_early *e)
{
	double waited;
	size_t i;

	if (e == NULL)
		return;
	early_join(e, 0, &waited);
	for (i = 0; i < e->n; i++)
		prog_free(&e->progs[i]);
	free(e->progs);
	free(e);
}

/* 1 when the sorted set sub[0..n) is part of the sorted set of[0..m). */
static int
subset_of(const uint32_t *sub, size_t n, const uint32_t *of, size_t m)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		while (k < m && of[k] < sub[i])
			k++;
		if (k == m || of[k] != sub[i])
			return 0;
	}
	return 1;
}

/* --- Fonts ----------------------------------------------------------------- */

/* The code points each face draws, from sets: sorted, each once. */
static void
collect(struct writer *w, const struct line_list *lines)
{
	size_t i, k, n = 0;
	int half;

	/* By line: a long report's glyph array has gaps between its chunks. */
	for (i = 0; i < lines->nl; i++)
		for (k = 0; k < lines->l[i].n; k++) {
			const struct glyph *g = &lines->g[lines->l[i].first + k];
			size_t id = (size_t)g->face->id;

			if (id >= n) {
				w->sets = xreallocarray(w->sets, id + 1, sizeof(*w->sets));
				memset(w->sets + n, 0, (id + 1 - n) * sizeof(*w->sets));
				w->fonts = xreallocarray(w->fonts, id + 1, sizeof(*w->fonts));
				memset(w->fonts + n, 0, (id + 1 - n) * sizeof(*w->fonts));
				n = id + 1;
			}
			w->fonts[id].face = g->face;
			if (g->cp <= 0xFFFF)
				set_add(w->sets[id][(g->flags & IT_HALF) != 0], g->cp);
		}
	w->ranks = xcalloc(n + 1, sizeof(*w->ranks));
	for (k = 0; k < n; k++)
		for (half = 0; half < 2; half++) {
			struct pfont *f = &w->fonts[k];
			uint32_t r = 0;

			f->cps[half] = set_list(w->sets[k][half], &f->n[half]);
			f->cid[half] = xcalloc(f->n[half] + 1, sizeof(uint16_t));
			f->width[half] = xcalloc(f->n[half] + 1, sizeof(int));
			for (i = 0; i < SET_WORDS; i++) {
				w->ranks[k][half][i] = r;
				r += (uint32_t)__builtin_popcountll(w->sets[k][half][i]);
			}
			f->set[half] = w->sets[k][half];
			f->rank[half] = w->ranks[k][half];
		}
	w->nfonts = n;
}

/* Where cp is in f->cps[half] (so its code and width), or -1. */
static long
code_index(const struct pfont *f, int half, uint32_t cp)
{
	uint64_t word, bit = (uint64_t)1 << (cp & 63);

	if (cp > 0xFFFF || !((word = f->set[half][cp >> 6]) & bit))
		return -1;
	return (long)f->rank[half][cp >> 6] + __builtin_popcountll(word & (bit - 1));
}

/*
 * Width in the PDF, 1/1000 em: truncated, as measure() assumes.  A mark
 * at half width is drawn from where the half of its cell that holds its
 * ink starts (items.c): its width ends that half, so that text extraction
 * sees its box end where the next character's starts.
 */
static int
width_of(const struct font_face *face, uint32_t cp, int half)
{
	double start;

	if (half)
		return (int)floor(((item_half_start(face, cp, 1, 0, &start) == 0 ? start : 0) +
		    0.5) * 1000 + 1e-6);
	return (int)floor(face_advance(face, cp) * 1000 + 1e-6);
}

/* A subset tag, ABCDEF+, from what the subset holds (the same for the same glyphs). */
static void
subset_tag(const struct fontprog *p, const char *psname, char tag[8])
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; psname[i] != '\0'; i++)
		h = (h ^ (unsigned char)psname[i]) * 1099511628211ULL;
	for (i = 0; i < p->n; i++)
		h = (h ^ p->cps[i]) * 1099511628211ULL;
	for (i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '+';
	tag[7] = '\0';
}

/*
 * Text is written straight into a buffer: room is made first (reserve),
 * then filled, then taken (commit).
 */
static char *
reserve(struct buf *b, size_t n)
{
	buf_grow(b, n);
	return b->data + b->len;
}

static void
commit(struct buf *b, char *end)
{
	b->len = (size_t)(end - b->data);
	*end = '\0';
}

static char *
fmt_hex4(char *o, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";

	o[0] = hex[(v >> 12) & 15];
	o[1] = hex[(v >> 8) & 15];
	o[2] = hex[(v >> 4) & 15];
	o[3] = hex[v & 15];
	return o + 4;
}

static void
put_hex4(struct buf *b, unsigned v)
{
	commit(b, fmt_hex4(reserve(b, 4), v));
}

/* A code of a PDF font: the character it stands for and its width. */
struct pcode {
	uint32_t	code;
	uint32_t	cp;
	int		width;
	uint32_t	order;		/* of two entries for one code, the later counts */
};

static int
pcode_cmp(const void *x, const void *y)
{
	const struct pcode *a = x, *b = y;

	if (a->code != b->code)
		return a->code < b->code ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Sort the codes and keep one entry per code (the later); returns how many. */
static size_t
pcode_sort(struct pcode *c, size_t n)
{
	size_t i, k = 0;

	qsort(c, n, sizeof(*c), pcode_cmp);
	for (i = 0; i < n; i++) {
		if (k > 0 && c[k - 1].code == c[i].code)
			k--;
		c[k++] = c[i];
	}
	return k;
}

/* ToUnicode: one bfchar per code, in code order. */
static void
tounicode_text(struct buf *b, const struct pcode *c, size_t n)
{
	size_t i = 0, k;

	buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	while (i < n) {
		size_t chunk = n - i < 100 ? n - i : 100;

		buf_printf(b, "%zu beginbfchar\n", chunk);
		for (k = 0; k < chunk; k++, i++) {
			buf_putc(b, '<');
			put_hex4(b, c[i].code);
			buf_puts(b, "> <");
			put_hex4(b, c[i].cp);
			buf_puts(b, ">\n");
		}
		buf_puts(b, "endbfchar\n");
	}
	buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* W: widths other than 1000, runs of consecutive codes together. */
static HPDF_Array
widths_array(struct writer *w, const struct pcode *c, size_t n)
{
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Array a = HPDF_Array_New(mm), run = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (c[i].width == 1000 || (i > 0 && c[i - 1].code + 1 != c[i].code))
			run = NULL;
		if (c[i].width == 1000)
			continue;
		if (run == NULL) {
			HPDF_Array_AddNumber(a, (HPDF_INT32)c[i].code);
			run = HPDF_Array_New(mm);
			HPDF_Array_Add(a, run);
		}
		HPDF_Array_AddNumber(run, c[i].width);
	}
	return a;
}

/* The glyph of cp in program p (0 when it has none). */
static uint16_t
prog_gid(const struct fontprog *p, uint32_t cp)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (p->cps[mid] < cp)
			lo = mid + 1;
		else if (p->cps[mid] > cp)
			hi = mid;
		else
			return p->gids[mid];
	}
	return 0;
}

/* A Type0 font, Identity-H; its descendant and ToUnicode are added by the caller. */
static HPDF_Dict
type0_font(struct writer *w, const struct fontprog *p, const char *name)
{
	HPDF_Dict type0 = HPDF_Dict_New(w->pdf->mmgr);

	HPDF_Xref_Add(w->pdf->xref, type0);
	HPDF_Dict_AddName(type0, "Type", "Font");
	HPDF_Dict_AddName(type0, "Subtype", "Type0");
	/* A Type0 over a CIDFontType0 is named for the CIDFont and its CMap (9.7.6.1). */
	if (p->sf.cff) {
		char full[96];

		snprintf(full, sizeof(full), "%s-Identity-H", name);
		HPDF_Dict_AddName(type0, "BaseFont", full);
	} else
		HPDF_Dict_AddName(type0, "BaseFont", name);
	HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
	return type0;
}

/* Type0 font type0's descendant, with the widths of codes c[0..n). */
static HPDF_Dict
cid_font(struct writer *w, const struct fontprog *p, const char *name, HPDF_Dict type0,
    const struct pcode *c, size_t n)
{
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Array arr = HPDF_Array_New(mm);
	HPDF_Dict cidfont, si;

	HPDF_Dict_Add(type0, "DescendantFonts", arr);
	cidfont = HPDF_Dict_New(mm);
	HPDF_Xref_Add(w->pdf->xref, cidfont);
	HPDF_Array_Add(arr, cidfont);
	HPDF_Dict_AddName(cidfont, "Type", "Font");
	HPDF_Dict_AddName(cidfont, "Subtype", p->sf.cff ? "CIDFontType0" : "CIDFontType2");
	HPDF_Dict_AddName(cidfont, "BaseFont", name);
	si = HPDF_Dict_New(mm);
	HPDF_Dict_Add(cidfont, "CIDSystemInfo", si);
	/* A CID-keyed CFF program's own character collection (its ROS). */
	HPDF_Dict_Add(si, "Registry", HPDF_String_New(mm, p->sf.cff ? p->sf.registry : "Adobe",
	    NULL));
	HPDF_Dict_Add(si, "Ordering", HPDF_String_New(mm, p->sf.cff ? p->sf.ordering :
	    "Identity", NULL));
	HPDF_Dict_AddNumber(si, "Supplement", p->sf.cff ? p->sf.supplement : 0);
	HPDF_Dict_AddNumber(cidfont, "DW", 1000);
	HPDF_Dict_Add(cidfont, "W", widths_array(w, c, n));
	return cidfont;
}

/* A TrueType face's CIDToGIDMap: its glyph ids, then the glyphs of its half-width marks. */
static void
cid_to_gid(struct writer *w, const struct pfont *f, HPDF_Dict cidfont)
{
	const struct fontprog *p = f->prog;
	unsigned nglyphs = p->sf.nglyphs;
	size_t ncids = nglyphs + f->n[1], i;
	unsigned char *map;

	if (f->n[1] == 0) {
		HPDF_Dict_AddName(cidfont, "CIDToGIDMap", "Identity");
		return;
	}
	map = xcalloc(ncids, 2);
	for (i = 0; i < ncids; i++) {
		unsigned g = i < nglyphs ? (unsigned)i : prog_gid(p, f->cps[1][i - nglyphs]);

		map[2 * i] = (unsigned char)(g >> 8);
		map[2 * i + 1] = (unsigned char)g;
	}
	HPDF_Dict_Add(cidfont, "CIDToGIDMap", new_stream(w, map, 2 * ncids));
	free(map);
}

/* The FontDescriptor; its program goes into f->file, its FontBBox into f->bbox, last. */
static HPDF_Dict
descriptor(struct writer *w, struct pfont *f, const char *name)
{
	const struct fontprog *p = f->prog;
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Dict desc = HPDF_Dict_New(mm);

	HPDF_Xref_Add(w->pdf->xref, desc);
	HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	HPDF_Dict_AddName(desc, "FontName", name);
	HPDF_Dict_AddNumber(desc, "Flags", 32);		/* nonsymbolic */
	f->bbox = HPDF_Array_New(mm);
	HPDF_Dict_Add(desc, "FontBBox", f->bbox);
	HPDF_Dict_AddNumber(desc, "ItalicAngle", 0);
	HPDF_Dict_AddNumber(desc, "Ascent", p->sf.ascent);
	HPDF_Dict_AddNumber(desc, "Descent", p->sf.descent);
	HPDF_Dict_AddNumber(desc, "CapHeight", p->sf.ascent);
	HPDF_Dict_AddNumber(desc, "StemV", 80);
	f->file = HPDF_DictStream_New(mm, w->pdf->xref);
	if (p->sf.cff) {
		HPDF_Dict_Add(desc, "FontFile3", f->file);
		HPDF_Dict_AddName(f->file, "Subtype", "CIDFontType0C");
	} else
		HPDF_Dict_Add(desc, "FontFile2", f->file);
	return desc;
}

/*
 * The codes of face f, codes[0..*n) for its font, half[0..*nhalf) for a
 * CFF face's half-width font; what each code point is drawn with, its
 * code and width, goes to f->cid and f->width.
 */
static void
font_codes(struct pfont *f, struct pcode *codes, size_t *n, struct pcode *half, size_t *nhalf)
{
	const struct fontprog *p = f->prog;
	size_t i, k = 0, h = 0;

	for (i = 0; i < f->n[0]; i++, k++) {
		codes[k].code = f->cid[0][i] = prog_gid(p, f->cps[0][i]);
		codes[k].cp = f->cps[0][i];
		codes[k].width = f->width[0][i] = width_of(f->face, f->cps[0][i], 0);
		codes[k].order = (uint32_t)k;
	}
	for (i = 0; i < f->n[1]; i++, k++) {
		codes[k].code = f->cid[1][i] = (uint16_t)(p->sf.cff ? prog_gid(p, f->cps[1][i]) :
		    p->sf.nglyphs + i);
		codes[k].cp = f->cps[1][i];
		codes[k].width = f->width[1][i] = width_of(f->face, f->cps[1][i], 1);
		codes[k].order = (uint32_t)k;
		if (!p->sf.cff)
			continue;
		/* A CFF face's code is one for both widths: full in its font, half in the other. */
		half[h] = codes[k];
		half[h].order = (uint32_t)h;
		h++;
		codes[k].width = width_of(f->face, f->cps[1][i], 0);
	}
	*n = pcode_sort(codes, k);
	*nhalf = pcode_sort(half, h);
}

/*
 * Embed face f as a Type0 font with a CIDFontType2 descendant: codes
 * below the program's glyph count are its glyph ids; the half-width marks
 * follow, mapped onto the same glyphs with a width of half an em.  A CFF
 * face gets a CIDFontType0 descendant whose codes are the CIDs (or glyph
 * ids) of its program: it has no CIDToGIDMap, so its half-width marks are
 * drawn with a second Type0 font (*halffont) whose descendant gives those
 * codes half widths and shares the first's descriptor, program and
 * ToUnicode.
 */
static HPDF_Dict
embed_font(struct writer *w, struct pfont *f, HPDF_Dict *halffont)
{
	const struct fontprog *p = f->prog;
	HPDF_Dict type0, cidfont, desc, tu;
	struct buf b;
	struct pcode *codes, *half;
	size_t ncodes, nhalf;
	char tag[8], name[80];

	codes = xcalloc(f->n[0] + f->n[1] + 1, sizeof(*codes));
	half = xcalloc(f->n[1] + 1, sizeof(*half));
	font_codes(f, codes, &ncodes, half, &nhalf);
	subset_tag(p, p->sf.psname, tag);
	snprintf(name, sizeof(name), "%s%s", tag, p->sf.psname);

	type0 = type0_font(w, p, name);
	cidfont = cid_font(w, p, name, type0, codes, ncodes);
	if (!p->sf.cff)	/* a CIDFontType0 selects glyphs by CID: no CIDToGIDMap */
		cid_to_gid(w, f, cidfont);
	desc = descriptor(w, f, name);
	HPDF_Dict_Add(cidfont, "FontDescriptor", desc);

	buf_init(&b);
	tounicode_text(&b, codes, ncodes);
	tu = new_stream(w, b.data, b.len);
	HPDF_Dict_Add(type0, "ToUnicode", tu);
	buf_free(&b);

	*halffont = NULL;
	if (nhalf > 0) {
		*halffont = type0_font(w, p, name);
		cidfont = cid_font(w, p, name, *halffont, half, nhalf);
		HPDF_Dict_Add(cidfont, "FontDescriptor", desc);
		HPDF_Dict_Add(*halffont, "ToUnicode", tu);
	}
	free(codes);
	free(half);
	return type0;
}

/*
 * Every face drawn with gets its program: the one planned early when it
 * covers what is drawn, else one made now.  The programs themselves go in
 * by fill_fonts(), once the second thread is done.
 */
static int
embed_fonts(struct writer *w, struct pdf_early *early)
{
	struct libdeflate_compressor *c = NULL;
	HPDF_Dict fontres;
	size_t i, k, nres = 0;
	int ret = 0;

	w->resources = HPDF_Dict_New(w->pdf->mmgr);
	HPDF_Xref_Add(w->pdf->xref, w->resources);
	fontres = HPDF_Dict_New(w->pdf->mmgr);
	HPDF_Dict_Add(w->resources, "Font", fontres);
	for (i = 0; i < w->nfonts && ret == 0; i++) {
		struct pfont *f = &w->fonts[i];
		uint32_t *all;
		size_t n, a, b;
		HPDF_Dict font, half;

		if (f->face == NULL)
			continue;
		/* Full and half-width marks share the glyphs: one set. */
		all = xcalloc(f->n[0] + f->n[1] + 1, sizeof(*all));
		for (a = b = n = 0; a < f->n[0] || b < f->n[1]; ) {
			uint32_t cp = b == f->n[1] || (a < f->n[0] && f->cps[0][a] <= f->cps[1][b]) ?
			    f->cps[0][a] : f->cps[1][b];

			all[n++] = cp;
			while (a < f->n[0] && f->cps[0][a] == cp)
				a++;
			while (b < f->n[1] && f->cps[1][b] == cp)
				b++;
		}
		for (k = 0; early != NULL && k < early->n; k++)
			if (early->progs[k].face == f->face && early->progs[k].plan != NULL &&
			    subset_of(all, n, early->progs[k].cps, early->progs[k].n)) {
				f->prog = &early->progs[k];
				break;
			}
		if (f->prog == NULL) {
			f->own.face = f->face;
			f->own.cps = all;
			f->own.n = n;
			all = NULL;
			if (c == NULL)
				c = libdeflate_alloc_compressor(LEVEL_FONT);
			prog_plan(&f->own);
			prog_make(&f->own, c);
			f->prog = &f->own;
		}
		free(all);
		if (f->prog->failed) {
			diag_error(w->h.diag, NULL, "无法裁剪字体 %s（字体的表不完整或有误）",
			    f->face->path);
			ret = -1;
		} else if ((font = embed_font(w, f, &half)) == NULL)
			ret = -1;
		else {
			snprintf(f->res, sizeof(f->res), "F%zu", ++nres);
			HPDF_Dict_Add(fontres, f->res, font);
			if (half != NULL) {
				snprintf(f->res_half, sizeof(f->res_half), "F%zuH", nres);
				HPDF_Dict_Add(fontres, f->res_half, half);
			}
		}
	}
	if (c != NULL)
		libdeflate_free_compressor(c);
	if (ret == 0 && HPDF_GetError(w->pdf) != HPDF_OK)
		ret = -1;
	return ret;
}

/* The font programs into their streams (after the second thread is done). */
static int
fill_fonts(struct writer *w, double *subset_time)
{
	size_t i;
	int k;

	for (i = 0; i < w->nfonts; i++) {
		struct pfont *f = &w->fonts[i];
		const struct fontprog *p = f->prog;

		if (f->face == NULL || p == NULL)
			continue;
		*subset_time += p->time;
		if (p->failed) {
			diag_error(w->h.diag, NULL, "无法裁剪字体 %s（字体的表不完整或有误）",
			    f->face->path);
			return -1;
		}
		put_reader(w, f->file, p->z, p->zlen);
		if (!p->sf.cff)
			HPDF_Dict_AddNumber(f->file, "Length1", (HPDF_INT32)p->sf.len);
		for (k = 0; k < 4; k++)
			HPDF_Array_AddNumber(f->bbox, p->sf.bbox[k]);
	}
	return HPDF_GetError(w->pdf) == HPDF_OK ? 0 : -1;
}

/* --- Page content ----------------------------------------------------------- */

#define NUM_ROOM	24	/* the longest number fmt_num() writes */
#define RUN_ROOM	(6 * NUM_ROOM + 64)	/* a run's operators, its glyphs aside */

/* A number as PDF content takes it: up to 4 decimals, no trailing zeros. */
static char *
fmt_num(char *o, double v)
{
	long long q = llround(v * 10000), t;
	int frac, digits = 4, n = 1;
	char *e;

	if (q < 0) {
		*o++ = '-';
		q = -q;
	}
	frac = (int)(q % 10000);
	q /= 10000;
	for (t = q; t >= 10; t /= 10)
		n++;
	e = o += n;
	do {
		*--e = (char)('0' + q % 10);
		q /= 10;
	} while (q > 0);
	if (frac != 0) {
		while (frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		*o++ = '.';
		e = o += digits;
		while (digits-- > 0) {
			*--e = (char)('0' + frac % 10);
			frac /= 10;
		}
	}
	return o;
}

/* "v op\n" */
static char *
fmt_op(char *o, double v, const char *op, size_t oplen)
{
	o = fmt_num(o, v);
	*o++ = ' ';
	memcpy(o, op, oplen);
	o += oplen;
	*o++ = '\n';
	return o;
}

static void
put_op(struct buf *b, const double *v, int n, const char *op)
{
	size_t oplen = strlen(op);
	char *o = reserve(b, (size_t)n * (NUM_ROOM + 1) + oplen + 1);
	int i;

	for (i = 0; i < n; i++) {
		o = fmt_num(o, v[i]);
		*o++ = ' ';
	}
	memcpy(o, op, oplen);
	o += oplen;
	*o++ = '\n';
	commit(b, o);
}

/* Scratch space of one thread writing pages: each glyph of a line's spacing and code. */
struct scratch {
	double		*tc;
	uint16_t	*cid;
	size_t		 cap;
};

/*
 * Character spacing after each glyph of a line so that the next one lands
 * in place, given the glyph's advance as the PDF records it (its width,
 * truncated to 1/1000 em), and the glyph's code.  (Those were found by
 * embed_font(): here they are only read, on either thread.)
 */
static void
measure(struct scratch *sc, const struct pfont *fonts, const struct glyph *g, size_t n)
{
	size_t k;

	if (n > sc->cap) {
		sc->cap = n + 64;
		sc->tc = xreallocarray(sc->tc, sc->cap, sizeof(*sc->tc));
		sc->cid = xreallocarray(sc->cid, sc->cap, sizeof(*sc->cid));
	}
	for (k = 0; k < n; k++) {
		const struct pfont *f = &fonts[g[k].face->id];
		int half = (g[k].flags & IT_HALF) != 0, width;
		long i = code_index(f, half, g[k].cp);

		if (i >= 0) {
			width = f->width[half][i];
			sc->cid[k] = f->cid[half][i];
		} else {
			width = width_of(g[k].face, g[k].cp, half);
			sc->cid[k] = 0;
		}
		sc->tc[k] = (k + 1 < n ? g[k + 1].x : g[k].end) - g[k].x -
		    width / 1000.0 * g[k].size;
	}
}

struct pen {
	const char		*res;		/* the font's resource name */
	double			 size;
	double			 tc;
	int			 stroke;
	double			 lw;
	int			 color;	/* ink_color() */
};

/*
 * A redline's colours: deleted text red (and struck), inserted blue (and
 * underlined), notes of moved items green; the rest black.
 */
#define INK_BLACK	0
#define INK_DELETED	1
#define INK_INSERTED	2
#define INK_NOTE	3

static const char *const ink_ops[] = {
	"0 g 0 G\n", "0.85 0 0 rg 0.85 0 0 RG\n", "0 0.25 0.85 rg 0 0.25 0.85 RG\n",
	"0 0.5 0.2 rg 0 0.5 0.2 RG\n",
};

static int
ink_color(unsigned flags)
{
	return (flags & IT_STRIKE) ? INK_DELETED : (flags & IT_INSERT) ? INK_INSERTED :
	    (flags & IT_NOTE) ? INK_NOTE : INK_BLACK;
}

/* Character spacing beyond what viewers are known to take is not used. */
#define MIN_CHARSPACE	(-30.0)
#define MAX_CHARSPACE	300.0

/* The font a glyph is drawn with: a CFF face's half-width marks have their own. */
static const char *
glyph_res(const struct pfont *fonts, const struct glyph *g)
{
	const struct pfont *f = &fonts[g->face->id];

	return (g->flags & IT_HALF) && f->res_half[0] != '\0' ? f->res_half : f->res;
}

static void
draw_line(struct buf *b, const struct style *st, const struct line_list *lines,
    const struct placed *pl, const struct pfont *fonts, struct scratch *sc, struct pen *pen)
{
	const struct tline *l = &lines->l[pl->line];
	const struct glyph *g = lines->g + l->first;
	double y = st->page_h - pl->baseline, *tcs;
	size_t k = 0, m, ylen;
	char ytm[NUM_ROOM + 8], *o;

	measure(sc, fonts, g, l->n);
	tcs = sc->tc;
	/* Every run of the line ends its Tm with the same y. */
	o = fmt_num(ytm, y);
	memcpy(o, " Tm\n", 4);
	ylen = (size_t)(o + 4 - ytm);
	while (k < l->n) {
		double tc = tcs[k];
		const char *res = glyph_res(fonts, &g[k]);
		int stroke = (g[k].flags & IT_FAKE) != 0, color = ink_color(g[k].flags);

		for (m = k + 1; m < l->n; m++)
			if (glyph_res(fonts, &g[m]) != res || g[m].size != g[k].size ||
			    (g[m].flags & (IT_BOLD | IT_FAKE)) !=
			    (g[k].flags & (IT_BOLD | IT_FAKE)) ||
			    ink_color(g[m].flags) != color || fabs(tcs[m] - tc) > 1e-4)
				break;
		/*
		 * Character spacing far out of the usual range (a nearly empty
		 * justified line): each glyph is placed on its own, where the
		 * spacing after it does not matter.
		 */
		if (tc < MIN_CHARSPACE || tc > MAX_CHARSPACE) {
			m = k + 1;
			tc = tc < MIN_CHARSPACE ? MIN_CHARSPACE : MAX_CHARSPACE;
		}
		o = reserve(b, RUN_ROOM + 4 * (m - k));
		if (res != pen->res || g[m - 1].size != pen->size) {
			size_t rl = strlen(res);

			*o++ = '/';
			memcpy(o, res, rl);
			o += rl;
			*o++ = ' ';
			o = fmt_op(o, g[m - 1].size, "Tf", 2);
			pen->res = res;
			pen->size = g[m - 1].size;
		}
		if (fabs(tc - pen->tc) > 1e-5) {
			o = fmt_op(o, tc, "Tc", 2);
			pen->tc = tc;
		}
		if (stroke != pen->stroke) {
			memcpy(o, stroke ? "2 Tr\n" : "0 Tr\n", 5);
			o += 5;
			pen->stroke = stroke;
		}
		if (color != pen->color) {
			size_t cl = strlen(ink_ops[color]);

			memcpy(o, ink_ops[color], cl);
			o += cl;
			pen->color = color;
		}
		if (stroke && fabs(st->fake_bold * pen->size - pen->lw) > 1e-5) {
			pen->lw = st->fake_bold * pen->size;
			o = fmt_op(o, pen->lw, "w", 1);
		}
		memcpy(o, "1 0 0 1 ", 8);
		o = fmt_num(o + 8, pl->x + g[k].x);
		*o++ = ' ';
		memcpy(o, ytm, ylen);
		o += ylen;
		*o++ = '<';
		for (; k < m; k++)
			o = fmt_hex4(o, sc->cid[k]);
		memcpy(o, "> Tj\n", 5);
		commit(b, o + 5);
	}
}

static void
stroke_line(struct buf *b, double x0, double y0, double x1, double y1)
{
	double v[2];

	v[0] = x0, v[1] = y0;
	put_op(b, v, 2, "m");
	v[0] = x1, v[1] = y1;
	put_op(b, v, 2, "l");
	buf_puts(b, "S\n");
}

/*
 * Lines through struck glyphs (red), under inserted ones (blue, a redline's
 * insertions), and a change bar in the left margin of a line that has
 * either, a note or a moved item's text.
 */
static void
draw_strikes(struct buf *b, const struct style *st, const struct line_list *lines,
    const struct placed *pl)
{
	const struct tline *l = &lines->l[pl->line];
	const struct glyph *g = lines->g + l->first;
	double y = st->page_h - pl->baseline, size = 0, lw, dy;
	size_t k = 0, m;
	unsigned f;

	for (m = 0; m < l->n; m++)
		if (g[m].flags & IT_MARKS)
			size = g[m].size;
	while (k < l->n) {
		if (!(f = g[k].flags & (IT_STRIKE | IT_INSERT))) {
			k++;
			continue;
		}
		for (m = k + 1; m < l->n && (g[m].flags & (IT_STRIKE | IT_INSERT)) == f; m++)
			;
		buf_puts(b, ink_ops[ink_color(f)]);
		lw = g[k].size * 0.05;
		put_op(b, &lw, 1, "w");
		dy = g[k].size * ((f & IT_STRIKE) ? 0.3 : -0.15);
		stroke_line(b, pl->x + g[k].x, y + dy, pl->x + g[m - 1].end, y + dy);
		k = m;
	}
	if (size > 0) {
		buf_puts(b, ink_ops[INK_BLACK]);
		lw = size * 0.08;
		put_op(b, &lw, 1, "w");
		stroke_line(b, pl->x - size * 0.6, y - size * 0.2, pl->x - size * 0.6,
		    y + size * 0.85);
	}
}

/* --- Document ------------------------------------------------------------------ */

/* A PDF text string: UTF-16BE with its byte-order mark (what pdfinfo and viewers read). */
static HPDF_Binary
text_string(HPDF_MMgr mm, const char *s)
{
	size_t len = strlen(s), off = 0, k;
	unsigned char *u = xcalloc(2 * len + 4, 2);
	HPDF_Binary bin;

	u[0] = 0xFE;
	u[1] = 0xFF;
	k = 2;
	while (off < len) {
		uint32_t cp;
		size_t c = utf8_decode(s + off, len - off, &cp);

		if (c == 0) {
			cp = 0xFFFD;
			c = 1;
		}
		off += c;
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			u[k++] = (unsigned char)(0xD8 | (cp >> 18));
			u[k++] = (unsigned char)(cp >> 10);
			cp = 0xDC00 | (cp & 0x3FF);
		}
		u[k++] = (unsigned char)(cp >> 8);
		u[k++] = (unsigned char)cp;
	}
	bin = HPDF_Binary_New(mm, u, (HPDF_UINT)k);
	free(u);
	return bin;
}

static void
set_text(struct writer *w, HPDF_InfoType type, const char *key, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	/* libharu makes the Info dictionary; the value is then put as UTF-16. */
	if (HPDF_SetInfoAttr(w->pdf, type, "-") == HPDF_OK && w->pdf->info != NULL)
		HPDF_Dict_Add(w->pdf->info, key, text_string(w->pdf->mmgr, value));
}

static void
set_info(struct writer *w, const struct pdf_doc *doc)
{
	set_text(w, HPDF_INFO_TITLE, "Title", doc->title);
	set_text(w, HPDF_INFO_AUTHOR, "Author", doc->author);
	set_text(w, HPDF_INFO_SUBJECT, "Subject", doc->subject);
	HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, "shuzhi");
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
			HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, date);
			HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date);
		}
	}
}

static void
add_outline(struct writer *w, const struct pdf_doc *doc, HPDF_Page *pages)
{
	const struct style *st = doc->style;
	const struct layout *lay = doc->layout;
	HPDF_Outline parent = NULL, o;
	size_t i, k, *where;

	if (doc->nmarks == 0)
		return;
	/* Where each line went: one pass, not one per bookmark. */
	where = xcalloc(doc->lines->nl + 1, sizeof(*where));
	for (k = 0; k < lay->n; k++)
		if (lay->v[k].line < doc->lines->nl && where[lay->v[k].line] == 0)
			where[lay->v[k].line] = k + 1;
	for (i = 0; i < doc->nmarks; i++) {
		const struct pdf_mark *mk = &doc->marks[i];
		const struct placed *pl;
		HPDF_Destination dst;

		if (mk->line >= doc->lines->nl || where[mk->line] == 0)
			continue;
		pl = &lay->v[where[mk->line] - 1];
		o = HPDF_CreateOutline(w->pdf, mk->level > 2 && parent != NULL ? parent : NULL,
		    "-", NULL);
		if (o == NULL)
			continue;
		HPDF_Dict_Add(o, "Title", text_string(w->pdf->mmgr, mk->text));
		if (mk->level <= 2)
			parent = o;
		dst = HPDF_Page_CreateDestination(pages[pl->page]);
		HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(st->page_h -
		    (st->margin_top + pl->row * st->pitch_y) + st->pitch_y / 2), 1);
		HPDF_Outline_SetDestination(o, dst);
	}
	free(where);
	HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

/* The content of pages [from, to), compressed one after another into z. */
struct pagejob {
	const struct pdf_doc	*doc;
	const struct pfont	*fonts;
	const size_t		*first, *order;
	int			 from, to;
	struct buf		*z;
	size_t			*at;		/* per page p: at[p] in z, and at[to] */
	struct libdeflate_compressor *c;
};

static void
page_content(struct pagejob *j)
{
	const struct style *st = j->doc->style;
	const struct layout *lay = j->doc->layout;
	struct scratch sc = { NULL, NULL, 0 };
	struct buf b;
	size_t i;
	int p;

	buf_init(&b);
	for (p = j->from; p < j->to; p++) {
		struct pen pen = { NULL, 0, 0, 0, 0, INK_BLACK };
		size_t bound;

		buf_reset(&b);
		buf_puts(&b, "BT\n");
		for (i = j->first[p]; i < j->first[p + 1]; i++)
			draw_line(&b, st, j->doc->lines, &lay->v[j->order[i]], j->fonts, &sc, &pen);
		buf_puts(&b, "ET\n");
		for (i = j->first[p]; i < j->first[p + 1]; i++)
			draw_strikes(&b, st, j->doc->lines, &lay->v[j->order[i]]);
		bound = libdeflate_zlib_compress_bound(j->c, b.len);
		buf_grow(j->z, bound);
		j->at[p] = j->z->len;
		j->z->len += libdeflate_zlib_compress(j->c, b.data, b.len,
		    j->z->data + j->z->len, bound);
	}
	j->at[j->to] = j->z->len;
	buf_free(&b);
	free(sc.tc);
	free(sc.cid);
}

static void *
page_thread(void *arg)
{
	page_content(arg);
	return NULL;
}

/* Reports at least this long write their pages' content on two threads. */
#define PARALLEL_PAGES	16

/* Pages with their content; the page size is set once, on the page tree. */
static int
write_pages(struct writer *w, const struct pdf_doc *doc, HPDF_Page *pages)
{
	const struct style *st = doc->style;
	const struct layout *lay = doc->layout;
	struct pagejob job[2];
	size_t *first, *order, *at, i;
	HPDF_Array box;
	pthread_t th;
	int p, np, mid, threaded = 0, k;

	box = HPDF_Array_New(w->pdf->mmgr);
	HPDF_Array_AddNumber(box, 0);
	HPDF_Array_AddNumber(box, 0);
	HPDF_Array_AddReal(box, (HPDF_REAL)st->page_w);
	HPDF_Array_AddReal(box, (HPDF_REAL)st->page_h);
	HPDF_Dict_Add(w->pdf->root_pages, "MediaBox", box);

	/* The placed lines of each page, in their order. */
	first = xcalloc((size_t)lay->npages + 2, sizeof(*first));
	order = xcalloc(lay->n + 1, sizeof(*order));
	for (i = 0; i < lay->n; i++)
		first[lay->v[i].page + 1]++;
	for (p = 0; p < lay->npages; p++)
		first[p + 1] += first[p];
	for (i = 0; i < lay->n; i++)
		order[first[lay->v[i].page]++] = i;
	for (p = lay->npages; p > 0; p--)
		first[p] = first[p - 1];
	first[0] = 0;

	for (np = 0; np < lay->npages && !w->h.failed; np++) {
		HPDF_Page page = HPDF_AddPage(w->pdf);

		if (page == NULL)
			break;
		pages[np] = page;
		HPDF_Dict_RemoveElement(page, "MediaBox");
		HPDF_Dict_Add(page, "Resources", w->resources);
	}
	/* The content: a long report's second half on a second thread. */
	at = xcalloc((size_t)np + 2, sizeof(*at));
	mid = np >= PARALLEL_PAGES ? np / 2 : np;
	for (k = 0; k < 2; k++) {
		job[k].doc = doc;
		job[k].fonts = w->fonts;
		job[k].first = first;
		job[k].order = order;
		job[k].from = k == 0 ? 0 : mid;
		job[k].to = k == 0 ? mid : np;
		job[k].z = &w->pagez[k];
		job[k].at = at;
		job[k].c = k == 0 ? w->zpage : NULL;
	}
	/* at[mid] is written by both jobs: the second keeps its own copy. */
	if (mid < np) {
		job[1].at = xcalloc((size_t)np + 2, sizeof(*at));
		if ((job[1].c = libdeflate_alloc_compressor(LEVEL_PAGE)) != NULL)
			threaded = pthread_create(&th, NULL, page_thread, &job[1]) == 0;
	}
	page_content(&job[0]);
	if (threaded)
		pthread_join(th, NULL);
	else if (mid < np) {
		if (job[1].c != NULL)
			libdeflate_free_compressor(job[1].c);
		job[1].c = w->zpage;
		page_content(&job[1]);
		job[1].c = NULL;
	}
	for (p = 0; p < np; p++) {
		const struct pagejob *j = &job[p < mid ? 0 : 1];

		put_reader(w, ((HPDF_PageAttr)pages[p]->attr)->contents,
		    j->z->data + j->at[p], j->at[p + 1] - j->at[p]);
	}
	if (job[1].c != NULL)
		libdeflate_free_compressor(job[1].c);
	if (mid < np)
		free(job[1].at);
	free(at);
	free(order);
	free(first);
	return w->h.failed || np < lay->npages || HPDF_GetError(w->pdf) != HPDF_OK ? -1 : 0;
}

int
pdf_write(struct diag *d, const struct pdf_doc *doc, struct buf *out)
{
	struct writer w;
	struct timings *tm = doc->timings;
	HPDF_Page *pages;
	double t0 = clock_seconds(), subset_time = 0, waited = 0;
	size_t i;
	int ret = -1, half;

	memset(&w, 0, sizeof(w));
	w.h.diag = d;
	if ((w.pdf = HPDF_New(on_error, &w.h)) == NULL) {
		diag_error(d, NULL, "无法初始化 PDF 库");
		return -1;
	}
	w.zpage = libdeflate_alloc_compressor(LEVEL_PAGE);
	buf_init(&w.z);
	pages = xcalloc((size_t)doc->layout->npages + 1, sizeof(*pages));
	if (w.zpage == NULL) {
		diag_error(d, NULL, "内存不足，无法压缩 PDF");
		goto out;
	}
	HPDF_SetCompressionMode(w.pdf, HPDF_COMP_NONE);	/* streams come compressed */
	collect(&w, doc->lines);
	if (embed_fonts(&w, doc->early) != 0) {
		if (!w.h.failed && diag_errors(d) == 0)
			diag_error(d, NULL, "生成 PDF 失败：无法嵌入字体");
		goto out;
	}
	set_info(&w, doc);
	if (write_pages(&w, doc, pages) != 0)
		goto out;
	add_outline(&w, doc, pages);
	/* The second thread has been making the font programs meanwhile. */
	early_join(doc->early, 1, &waited);
	if (fill_fonts(&w, &subset_time) != 0)
		goto out;
	/* Saved straight into out (libharu's own memory stream copies byte by byte). */
	if ((w.pdf->stream = HPDF_CallbackWriter_New(w.pdf->mmgr, write_out, out)) == NULL)
		goto out;
	buf_grow(out, w.pagez[0].len + w.pagez[1].len + (size_t)doc->layout->npages * 256 + 65536);
	if (HPDF_SaveToStream(w.pdf) != HPDF_OK || w.h.failed)
		goto out;
	ret = w.h.failed ? -1 : 0;
out:
	if (ret != 0 && !w.h.failed && diag_errors(d) == 0)
		diag_error(d, NULL, "生成 PDF 失败（libharu 错误 0x%04X）",
		    (unsigned)HPDF_GetError(w.pdf));
	for (i = 0; i < w.nfonts; i++) {
		for (half = 0; half < 2; half++) {
			free(w.fonts[i].cps[half]);
			free(w.fonts[i].cid[half]);
			free(w.fonts[i].width[half]);
		}
		prog_free(&w.fonts[i].own);
	}
	free(w.fonts);
	free(w.sets);
	free(w.ranks);
	for (i = 0; i < w.nrd; i++)
		free(w.rd[i]);
	free(w.rd);
	buf_free(&w.pagez[0]);
	buf_free(&w.pagez[1]);
	free(pages);
	buf_free(&w.z);
	if (w.zpage != NULL)
		libdeflate_free_compressor(w.zpage);
	HPDF_Free(w.pdf);
	if (tm != NULL) {
		/* Made on the second thread, font programs cost only the wait. */
		tm->subset += subset_time;
		tm->subset_wait += waited;
		tm->pdf += clock_seconds() - t0 - waited;
	}
	return ret;
}
