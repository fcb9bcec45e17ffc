/* subset.c: HarfBuzz font subsetting into a private temporary file for libharu. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb.h>
#include <hb-subset.h>

#include "subset.h"
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

/*
 * Make every glyph advance half an em, and toggle the case of the last
 * letter of the PostScript name (libharu refuses two fonts of one name).
 */
static void
make_half(unsigned char *font, size_t len, unsigned upem)
{
	uint32_t off, tlen, hoff, hlen, k;
	unsigned nmetrics, count, sto, i;

	if ((hoff = find_table(font, len, "hhea", &hlen, NULL)) == 0 || hlen < 36 ||
	    (off = find_table(font, len, "hmtx", &tlen, NULL)) == 0)
		return;
	nmetrics = (unsigned)font[hoff + 34] << 8 | font[hoff + 35];
	for (k = 0; k < nmetrics && 4 * k + 2 <= tlen; k++)
		put16(font + off + 4 * k, upem / 2);
	put16(font + hoff + 10, upem / 2);	/* advanceWidthMax */
	fix_checksum(font, len, "hmtx");
	fix_checksum(font, len, "hhea");

	if ((off = find_table(font, len, "name", &tlen, NULL)) == 0 || tlen < 6)
		return;
	count = (unsigned)font[off + 2] << 8 | font[off + 3];
	sto = (unsigned)font[off + 4] << 8 | font[off + 5];
	for (i = 0; i < count && 6 + 12 * (i + 1) <= tlen; i++) {
		const unsigned char *r = font + off + 6 + 12 * i;
		unsigned platform = (unsigned)r[0] << 8 | r[1];
		unsigned id = (unsigned)r[6] << 8 | r[7];
		unsigned slen = (unsigned)r[8] << 8 | r[9];
		unsigned soff = (unsigned)r[10] << 8 | r[11];
		unsigned char *str = font + off + sto + soff;
		unsigned step = platform == 1 ? 1 : 2, j;

		if (id != 6 || sto + soff + slen > tlen)
			continue;
		for (j = slen; j >= step; j -= step) {
			unsigned char *c = str + j - 1;

			if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z')) {
				*c ^= 0x20;
				break;
			}
		}
	}
	fix_checksum(font, len, "name");
}

char *
subset_to_file(struct diag *d, const struct font_face *f, const uint32_t *cps, size_t n,
    int half)
{
	hb_subset_input_t *in;
	hb_face_t *sub;
	hb_blob_t *blob;
	const char *data, *tmpdir;
	unsigned char *copy;
	unsigned len;
	size_t i, off;
	char *path;
	int fd;

	if ((in = hb_subset_input_create_or_fail()) == NULL) {
		diag_error(d, NULL, "内存不足，无法裁剪字体 %s", f->path);
		return NULL;
	}
	for (i = 0; i < n; i++)
		hb_set_add(hb_subset_input_unicode_set(in), cps[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	/* The default keeps the English names, which libharu reads. */
	sub = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL) {
		diag_error(d, NULL, "无法裁剪字体 %s（HarfBuzz 子集化失败）", f->path);
		return NULL;
	}
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &len);
	copy = xmalloc(len ? len : 1);
	memcpy(copy, data, len);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	patch_hhea(copy, len, f->upem, f->em_top);
	if (half)
		make_half(copy, len, f->upem);

	if ((tmpdir = getenv("TMPDIR")) == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	path = xmalloc(strlen(tmpdir) + 32);
	sprintf(path, "%s/shuzhi-font-XXXXXX", tmpdir);
	if ((fd = mkstemp(path)) < 0) {
		diag_error(d, NULL, "无法创建临时字体文件 %s：%s", path, strerror(errno));
		goto fail;
	}
	for (off = 0; off < len; ) {
		ssize_t w = write(fd, copy + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			diag_error(d, NULL, "无法写入临时字体文件 %s：%s", path,
			    strerror(errno));
			close(fd);
			unlink(path);
			goto fail;
		}
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		diag_error(d, NULL, "无法写入临时字体文件 %s：%s", path, strerror(errno));
		unlink(path);
		goto fail;
	}
	free(copy);
	return path;
fail:
	free(copy);
	free(path);
	return NULL;
}
