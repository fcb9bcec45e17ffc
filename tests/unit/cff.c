/*
 * cff.c: unit tests of the CFF reader (typeset/cff.c): name, ROS and the
 * CID of each glyph of CFF programs built here (charset formats 0, 1 and 2,
 * CID-keyed and name-keyed) and of the installed Noto CJK and Cantarell
 * fonts; every truncation and many corruptions of them read without going
 * out of bounds (make check SANITIZE=1 runs this under ASan).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "typeset/cff.h"

#include "tap.h"

struct out {
	unsigned char	b[512];
	size_t		n;
};

static void
put(struct out *o, const void *p, size_t n)
{
	memcpy(o->b + o->n, p, n);
	o->n += n;
}

static void
put8(struct out *o, unsigned v)
{
	o->b[o->n++] = (unsigned char)v;
}

static void
put16(struct out *o, unsigned v)
{
	put8(o, v >> 8);
	put8(o, v & 255);
}

/* A DICT integer in its 5-byte form (so that offsets can be patched). */
static void
int5(struct out *o, long v)
{
	put8(o, 29);
	put8(o, (unsigned)(v >> 24) & 255);
	put8(o, (unsigned)(v >> 16) & 255);
	put8(o, (unsigned)(v >> 8) & 255);
	put8(o, (unsigned)v & 255);
}

/* An INDEX of one-byte offsets holding the strings items[0..n). */
static void
index1(struct out *o, const char *const *items, unsigned n)
{
	unsigned i, at = 1;

	put16(o, n);
	if (n == 0)
		return;
	put8(o, 1);
	put8(o, at);
	for (i = 0; i < n; i++)
		put8(o, at += (unsigned)strlen(items[i]));
	for (i = 0; i < n; i++)
		put(o, items[i], strlen(items[i]));
}

/*
 * A CFF program of 5 glyphs: CID-keyed (ROS Adobe-Identity-3) or not, its
 * charset in format fmt mapping glyphs 1..4 to 100, 101, 102, 500.
 */
static size_t
build(unsigned char *buf, int cid, int fmt)
{
	static const char *const name[] = { "TestFont" }, *const strings[] = { "Adobe", "Identity" };
	static const unsigned cids[] = { 100, 101, 102, 500 };
	struct out o = { { 0 }, 0 }, dict = { { 0 }, 0 };
	size_t dict_at, charset, charstrings;
	unsigned i;

	put8(&o, 1), put8(&o, 0), put8(&o, 4), put8(&o, 1);
	index1(&o, name, 1);
	/* The Top DICT: its size is known before the offsets are. */
	if (cid) {
		int5(&dict, 391), int5(&dict, 392), int5(&dict, 3);
		put8(&dict, 12), put8(&dict, 30);
	}
	int5(&dict, 0), put8(&dict, 15);
	int5(&dict, 0), put8(&dict, 17);
	put16(&o, 1), put8(&o, 1), put8(&o, 1), put8(&o, 1 + (unsigned)dict.n);
	dict_at = o.n;
	put(&o, dict.b, dict.n);
	index1(&o, strings, 2);
	put16(&o, 0);				/* no global subroutines */
	charset = o.n;
	put8(&o, (unsigned)fmt);
	if (fmt == 0)
		for (i = 0; i < 4; i++)
			put16(&o, cids[i]);
	else if (fmt == 1) {
		put16(&o, 100), put8(&o, 2);
		put16(&o, 500), put8(&o, 0);
	} else {
		put16(&o, 100), put16(&o, 2);
		put16(&o, 500), put16(&o, 0);
	}
	charstrings = o.n;
	put16(&o, 5), put8(&o, 1);
	for (i = 0; i < 6; i++)
		put8(&o, 1 + i);
	for (i = 0; i < 5; i++)
		put8(&o, 14);			/* endchar */
	/* Patch the offsets into the DICT (after the ROS when there is one). */
	memcpy(dict.b, o.b + dict_at, dict.n);
	dict.n = cid ? 17 : 0;
	int5(&dict, (long)charset), put8(&dict, 15);
	int5(&dict, (long)charstrings), put8(&dict, 17);
	memcpy(o.b + dict_at, dict.b, dict.n);
	memcpy(buf, o.b, o.n);
	return o.n;
}

static void
built(void)
{
	unsigned char buf[512];
	char label[96], detail[400];
	int cid, fmt;

	for (cid = 0; cid < 2; cid++)
		for (fmt = 0; fmt < 3; fmt++) {
			struct cff_info ci;
			size_t len = build(buf, cid, fmt);
			int ok = cff_read(buf, len, &ci) == 0;

			snprintf(label, sizeof(label), "%s CFF, charset format %d: name, ROS, CIDs",
			    cid ? "CID-keyed" : "name-keyed", fmt);
			snprintf(detail, sizeof(detail), "read %d cid %d name %s ROS %s-%s-%d n %u "
			    "cids %ld %ld %ld %ld %ld %ld", ok, ci.cid_keyed, ci.name, ci.registry,
			    ci.ordering, ci.supplement, ci.nglyphs, cff_cid(&ci, 0), cff_cid(&ci, 1),
			    cff_cid(&ci, 3), cff_cid(&ci, 4), cff_cid(&ci, 5), cff_cid(&ci, 70000));
			check(ok && ci.cid_keyed == cid && strcmp(ci.name, "TestFont") == 0 &&
			    strcmp(ci.registry, "Adobe") == 0 && strcmp(ci.ordering, "Identity") == 0 &&
			    ci.supplement == (cid ? 3 : 0) && ci.nglyphs == 5 && cff_cid(&ci, 0) == 0 &&
			    cff_cid(&ci, 1) == (cid ? 100 : 1) && cff_cid(&ci, 3) == (cid ? 102 : 3) &&
			    cff_cid(&ci, 4) == (cid ? 500 : 4) && cff_cid(&ci, 5) == -1 &&
			    cff_cid(&ci, 70000) == -1, label, detail);
		}
}

/* Read p[0..len) (a copy, so that ASan sees its end) and every glyph's CID. */
static int
read_all(const unsigned char *p, size_t len)
{
	unsigned char *copy = malloc(len ? len : 1);
	struct cff_info ci;
	unsigned g;
	int ok;

	memcpy(copy, p, len);
	if ((ok = cff_read(copy, len, &ci) == 0))
		for (g = 0; g < ci.nglyphs + 2; g++)
			(void)cff_cid(&ci, g);
	free(copy);
	return ok;
}

/*
 * Truncations and byte changes of a program: never out of bounds; the
 * program itself reads when whole is set.
 */
static void
damaged(const char *label, const unsigned char *p, size_t len, int whole)
{
	unsigned char *d = malloc(len ? len : 1);
	unsigned long seed = 12345;
	size_t n, step = len / 400 + 1, i, k;
	char name[96];
	int ok = read_all(p, len) || !whole;

	for (n = 0; n < len; n += n < 600 ? 1 : step)
		(void)read_all(p, n);
	memcpy(d, p, len);
	for (k = 0; k < 2000; k++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		i = (size_t)(seed >> 33) % (len < 4096 ? len : 4096);
		d[i] = (unsigned char)(seed >> 20);
		(void)read_all(d, len);
		d[i] = p[i];
	}
	snprintf(name, sizeof(name), "%s: %struncated and changed copies stay in bounds",
	    label, whole ? "read whole; " : "");
	check(ok, name, "the whole program did not read");
	free(d);
}

static hb_blob_t *
cff_table(const char *path, unsigned index)
{
	hb_blob_t *file = hb_blob_create_from_file_or_fail(path);
	hb_face_t *face;
	hb_blob_t *t;

	if (file == NULL)
		return NULL;
	face = hb_face_create(file, index);
	t = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
	hb_face_destroy(face);
	hb_blob_destroy(file);
	return t;
}

static void
installed(void)
{
	hb_blob_t *t = cff_table("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2);
	struct cff_info ci;
	unsigned len = 0;
	const unsigned char *p = t ? (const unsigned char *)hb_blob_get_data(t, &len) : NULL;
	char detail[300];

	check(p != NULL && len > 0, "Noto Serif CJK (fonts-noto-cjk) has a CFF table", "");
	if (p != NULL && len > 0) {
		int ok = cff_read(p, len, &ci) == 0;

		snprintf(detail, sizeof(detail), "read %d cid %d name %s ROS %s-%s-%d n %u",
		    ok, ci.cid_keyed, ci.name, ci.registry, ci.ordering, ci.supplement, ci.nglyphs);
		check(ok && ci.cid_keyed && strcmp(ci.name, "NotoSerifCJKjp-Bold") == 0 &&
		    strcmp(ci.registry, "Adobe") == 0 && strcmp(ci.ordering, "Identity") == 0 &&
		    ci.nglyphs == 65535 && cff_cid(&ci, 9502) == 9502 && cff_cid(&ci, 65534) == 65534,
		    "Noto Serif CJK SC Bold: CID-keyed, Adobe-Identity, its glyphs' CIDs", detail);
		/* Its first 256 KB: header, DICTs, strings, subroutines' start. */
		damaged("Noto Serif CJK SC Bold (its first 256 KB)", p, len < 262144 ? len : 262144,
		    0);
	}
	hb_blob_destroy(t);
	t = cff_table("/usr/share/fonts/opentype/cantarell/Cantarell-Regular.otf", 0);
	p = t ? (const unsigned char *)hb_blob_get_data(t, &len) : NULL;
	if (p != NULL && len > 0) {
		int ok = cff_read(p, len, &ci) == 0;

		snprintf(detail, sizeof(detail), "read %d cid %d name %s n %u", ok, ci.cid_keyed,
		    ci.name, ci.nglyphs);
		check(ok && !ci.cid_keyed && strcmp(ci.name, "Cantarell-Regular") == 0 &&
		    ci.nglyphs > 100 && cff_cid(&ci, 50) == 50,
		    "Cantarell (a name-keyed .otf): glyph ids are its codes", detail);
		damaged("Cantarell", p, len, 1);
	}
	hb_blob_destroy(t);
}

int
main(void)
{
	unsigned char buf[512];
	size_t len;
	int cid, fmt;

	built();
	for (cid = 0; cid < 2; cid++)
		for (fmt = 0; fmt < 3; fmt++) {
			char label[64];

			len = build(buf, cid, fmt);
			snprintf(label, sizeof(label), "built CFF %d/%d", cid, fmt);
			damaged(label, buf, len, 1);
		}
	installed();
	return tap_status();
}
