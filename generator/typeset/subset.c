/* subset.c: cut fonts down with HarfBuzz's subsetter to what a PDF CIDFontType2 or CIDFontType0 needs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include "subset.h"
#include "cff.h"
#include "fonts.h"
#include "../util/xalloc.h"

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* The table's offset and length, or 0 when absent. */
static uint32_t
find_table(const unsigned char *font, size_t len, const char *tag, uint32_t *tlen,
    unsigned char **rec)
{
	unsigned ntables, i;
	uint32_t off;

	if (len < 12)
		return 0;
	ntables = (unsigned)font[4] << 8 | font[5];
	for (i = 0; i < ntables && 12 + 16 * (i + 1) <= len; i++) {
		const unsigned char *r = font + 12 + 16 * i;

		if (memcmp(r, tag, 4) != 0)
			continue;
		off = be32(r + 8);
		*tlen = be32(r + 12);
		if (off + *tlen > len)
			return 0;
		if (rec != NULL)
			*rec = (unsigned char *)r;
		return off;
	}
	return 0;
}

static void
fix_checksum(unsigned char *font, size_t len, const char *tag)
{
	unsigned char *rec = NULL;
	uint32_t off, tlen, sum, k;

	if ((off = find_table(font, len, tag, &tlen, &rec)) == 0)
		return;
	for (sum = 0, k = 0; k < tlen; k += 4) {
		unsigned char w[4] = { 0, 0, 0, 0 };

		memcpy(w, font + off + k, tlen - k < 4 ? tlen - k : 4);
		sum += be32(w);
	}
	put32(rec + 4, sum);
}

/*
 * Set hhea's ascender and descender to the em box (top em_top, one em
 * tall).  libharu copies these into the PDF font descriptor, which text
 * extraction takes its character boxes from.
 */
static void
patch_hhea(unsigned char *font, size_t len, unsigned upem, double em_top)
{
	uint32_t off, tlen;
	int asc;

	if ((off = find_table(font, len, "hhea", &tlen, NULL)) == 0 || tlen < 36)
		return;
	asc = (int)lround(em_top * upem);
	put16(font + off + 4, (unsigned)(asc & 0xFFFF));
	put16(font + off + 6, (unsigned)((asc - (int)upem) & 0xFFFF));
	put16(font + off + 8, 0);	/* lineGap */
	fix_checksum(font, len, "hhea");
}

static int
be16s(const unsigned char *p)
{
	return (int16_t)((unsigned)p[0] << 8 | p[1]);
}

/* The PostScript name, reduced to characters a PDF name takes as they are. */
static void
ps_name(hb_face_t *face, char *out, size_t size)
{
	char buf[128];
	unsigned len = sizeof(buf);
	size_t i, k = 0;

	if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID,
	    &len, buf) == 0)
		buf[0] = '\0';
	for (i = 0; buf[i] != '\0' && k + 1 < size; i++)
		if ((buf[i] >= 'A' && buf[i] <= 'Z') || (buf[i] >= 'a' && buf[i] <= 'z') ||
		    (buf[i] >= '0' && buf[i] <= '9') || buf[i] == '-' || buf[i] == '_')
			out[k++] = buf[i];
	if (k == 0)
		k = (size_t)snprintf(out, size, "Font");
	out[k] = '\0';
}

/*
 * HarfBuzz's subsetter makes the font: the glyphs of the code points and
 * .notdef (with the components of composites), renumbered, hinting
 * dropped, and only the tables a PDF CIDFontType2 program needs kept.
 * The plan is made first, so that the text can be written with the new
 * glyph ids while the font itself is made on another thread.
 */
struct subset_plan {
	const struct font_face	*face;
	hb_subset_plan_t	*plan;		/* TrueType: made by subset_plan() */
	hb_subset_input_t	*in;		/* CFF: planned by subset_execute() */
	/* CFF: each glyph's id in the font and its code, checked once made. */
	uint16_t		*oldgid, *code;
	size_t			 n;
};

#define CFF_TAG		HB_TAG('C', 'F', 'F', ' ')

/*
 * The code of each code point in a CFF font, without HarfBuzz's plan
 * (which reads a megabyte of a CJK font: it is made on the font thread):
 * a CID-keyed font's glyphs are selected by CID, its charset, which the
 * subsetter keeps; a name-keyed font's by glyph id, which the subsetter
 * is told to keep.  -1 when the CFF program cannot be read.
 */
static int
cff_codes(struct subset_plan *p, const uint32_t *cps, size_t n, uint16_t *gids,
    struct subset_font *out)
{
	hb_blob_t *b = hb_face_reference_table(p->face->face, CFF_TAG);
	struct cff_info ci;
	unsigned len;
	const unsigned char *d = (const unsigned char *)hb_blob_get_data(b, &len);
	size_t i;
	long top = 0;
	int ret = -1;

	if (cff_read(d, len, &ci) != 0)
		goto out;
	p->oldgid = xcalloc(n + 1, sizeof(*p->oldgid));
	p->code = xcalloc(n + 1, sizeof(*p->code));
	for (i = 0; i < n; i++) {
		hb_codepoint_t gid = 0;
		long code;

		if (!hb_font_get_nominal_glyph(p->face->font, cps[i], &gid))
			gid = 0;
		if ((code = cff_cid(&ci, gid)) < 0 || code > 0xFFFF || gid > 0xFFFF)
			goto out;
		gids[i] = p->code[i] = (uint16_t)code;
		p->oldgid[i] = (uint16_t)gid;
		if (code > top)
			top = code;
	}
	p->n = n;
	if (!ci.cid_keyed)
		hb_subset_input_set_flags(p->in, hb_subset_input_get_flags(p->in) |
		    HB_SUBSET_FLAGS_RETAIN_GIDS);
	out->cff = 1;
	out->nglyphs = (unsigned)top + 1;
	if (ci.name[0] != '\0')
		snprintf(out->psname, sizeof(out->psname), "%s", ci.name);
	snprintf(out->registry, sizeof(out->registry), "%s", ci.registry);
	snprintf(out->ordering, sizeof(out->ordering), "%s", ci.ordering);
	out->supplement = ci.supplement;
	ret = 0;
out:
	hb_blob_destroy(b);
	return ret;
}

/* Tables a FontFile2 does without: layout, names, cmap (the PDF maps codes), bitmaps... */
static const char drop[][5] = {
	"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort", "feat",
	"name", "post", "OS/2", "cmap", "gasp", "vhea", "vmtx", "VORG", "hdmx", "LTSH",
	"VDMX", "DSIG", "EBDT", "EBLC", "EBSC", "CBDT", "CBLC", "sbix", "COLR", "CPAL",
	"SVG ", "meta", "PCLT", "fpgm", "prep", "cvt ", "STAT", "fvar", "gvar", "avar",
	"HVAR", "MVAR", "cvar", "trak", "bsln", "prop", "opbd", "just", "lcar", "ltag",
};

struct subset_plan *
subset_plan(const struct font_face *f, const uint32_t *cps, size_t n, uint16_t *gids,
    struct subset_font *out)
{
	struct subset_plan *p;
	hb_subset_input_t *in;
	hb_set_t *set;
	const hb_map_t *map;
	unsigned char head[54];
	hb_blob_t *b;
	const char *hd;
	unsigned hlen, k;
	size_t i;

	memset(out, 0, sizeof(*out));
	if ((in = hb_subset_input_create_or_fail()) == NULL)
		return NULL;
	/*
	 * A CFF font's subroutines are flattened into its glyphs: for the
	 * few hundred glyphs of a report the program comes out smaller, and
	 * is made in half the time (no closure over the subroutines).
	 */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
	    (f->cff ? HB_SUBSET_FLAGS_DESUBROUTINIZE : 0));
	set = hb_subset_input_unicode_set(in);
	for (i = 0; i < n; i++)
		hb_set_add(set, cps[i]);
	set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (k = 0; k < sizeof(drop) / sizeof(drop[0]); k++)
		hb_set_add(set, HB_TAG(drop[k][0], drop[k][1], drop[k][2], drop[k][3]));
	p = xcalloc(1, sizeof(*p));
	p->face = f;
	ps_name(f->face, out->psname, sizeof(out->psname));
	if (f->cff) {
		p->in = in;
		if (cff_codes(p, cps, n, gids, out) != 0) {
			subset_plan_free(p);
			return NULL;
		}
	} else {
		p->plan = hb_subset_plan_create_or_fail(f->face, in);
		hb_subset_input_destroy(in);
		if (p->plan == NULL) {
			free(p);
			return NULL;
		}
		map = hb_subset_plan_old_to_new_glyph_mapping(p->plan);
		for (i = 0; i < n; i++) {
			hb_codepoint_t gid = 0, ng;

			(void)hb_font_get_nominal_glyph(f->font, cps[i], &gid);
			ng = hb_map_get(map, gid);
			gids[i] = ng == HB_MAP_VALUE_INVALID ? 0 : (uint16_t)ng;
		}
		out->nglyphs = hb_map_get_population(map);
	}

	b = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	hd = hb_blob_get_data(b, &hlen);
	memset(head, 0, sizeof(head));
	memcpy(head, hd, hlen < sizeof(head) ? hlen : sizeof(head));
	hb_blob_destroy(b);
	{
		int asc = (int)lround(f->em_top * f->upem), desc = asc - (int)f->upem;

		out->ascent = (int16_t)(asc * 1000 / (int)f->upem);
		out->descent = (int16_t)(desc * 1000 / (int)f->upem);
	}
	for (k = 0; k < 4; k++)
		out->bbox[k] = be16s(head + 36 + 2 * k) * 1000 / (int)f->upem;
	return p;
}

/*
 * The subset's CFF program selects each glyph by its planned code: the
 * glyph's new id (map) has the planned CID, or is the planned glyph id.
 */
static int
cff_check(const struct subset_plan *p, const hb_map_t *map, const struct subset_font *out)
{
	struct cff_info ci;
	size_t i;

	if (cff_read(out->data, out->len, &ci) != 0)
		return -1;
	for (i = 0; i < p->n; i++) {
		hb_codepoint_t ng = hb_map_get(map, p->oldgid[i]);

		if (ng == HB_MAP_VALUE_INVALID || cff_cid(&ci, ng) != (long)p->code[i])
			return -1;
	}
	return 0;
}

int
subset_execute(struct subset_plan *p, struct subset_font *out)
{
	hb_face_t *sub;
	hb_blob_t *b;
	const char *data;
	unsigned len;
	int ret;

	if (p->face->cff && p->plan == NULL &&
	    (p->plan = hb_subset_plan_create_or_fail(p->face->face, p->in)) == NULL)
		return -1;
	if ((sub = hb_subset_plan_execute_or_fail(p->plan)) == NULL)
		return -1;
	/* CFF outlines: the bare CFF program is the PDF's font program. */
	b = p->face->cff ? hb_face_reference_table(sub, CFF_TAG) : hb_face_reference_blob(sub);
	data = hb_blob_get_data(b, &len);
	out->data = xmalloc(len ? len : 1);
	memcpy(out->data, data, len);
	out->len = len;
	hb_blob_destroy(b);
	hb_face_destroy(sub);
	if (p->face->cff) {
		ret = len > 0 && cff_check(p, hb_subset_plan_old_to_new_glyph_mapping(p->plan),
		    out) == 0 ? 0 : -1;
		/* The plan holds much memory; the PDF only needs the program now. */
		hb_subset_plan_destroy(p->plan);
		p->plan = NULL;
		return ret;
	}
	/* The em box as ascender/descender: the boxes text extraction sees. */
	patch_hhea(out->data, out->len, p->face->upem, p->face->em_top);
	return len > 0 ? 0 : -1;
}

void
subset_plan_free(struct subset_plan *p)
{
	if (p == NULL)
		return;
	hb_subset_plan_destroy(p->plan);
	hb_subset_input_destroy(p->in);
	free(p->oldgid);
	free(p->code);
	free(p);
}

void
subset_font_free(struct subset_font *s)
{
	free(s->data);
	s->data = NULL;		/* len stays: it is the program's Length1 */
}
