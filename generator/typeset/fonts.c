/* fonts.c: read fonts/fonts.yaml, open the font files with HarfBuzz, find a face per character. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hb-ot.h>

#include "fonts.h"
#include "cjkclass.h"
#include "fontfind.h"
#include "style.h"
#include "../load/value.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"
#include "../util/syserr.h"

struct font_role {
	char			*name;
	struct srcpos		 pos;
	struct font_face	**reg;	/* regular candidates, available ones */
	struct font_face	**partner;	/* reg[i]'s own bold face, or NULL */
	size_t			*later;		/* or 1 + its index in fontset's later[] */
	size_t			 nreg;
	struct font_face	**bold;	/* bold candidates */
	size_t			 nbold;
	char			**unused;	/* candidates not there or not usable, as written */
	const char		**why;		/* and why */
	size_t			 nunused;
	const char		*note;	/* the serving candidate's note (in the document) */
};

/* A family's bold face, found while loading, opened when first needed. */
struct later_face {
	char			*path;
	unsigned		 index;
	struct font_face	*face;
	int			 tried;
};

struct fontset {
	struct font_face	**faces;
	size_t			 nfaces;
	struct font_role	*roles;
	size_t			 nroles;
	uint64_t		*any;	/* bit cp: some face has it (filled at load) */
	struct fontfind		*find;	/* while loading */
	struct later_face	*later;	/* bold faces opened when first drawn with */
	size_t			 nlater;
	char			**notes;	/* the notes, kept */
	size_t			 nnotes;
};

#define TAG(a, b, c, d)	HB_TAG(a, b, c, d)

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* The em box top from OS/2 typo metrics, else hhea, else a usual value. */
static double
em_top_of(hb_face_t *face, unsigned upem)
{
	hb_blob_t *b;
	const unsigned char *p;
	unsigned len;
	int asc = 0, desc = 0;
	double top = 0.88;

	b = hb_face_reference_table(face, TAG('O', 'S', '/', '2'));
	p = (const unsigned char *)hb_blob_get_data(b, &len);
	if (len >= 72) {
		asc = (int16_t)be16(p + 68);
		desc = (int16_t)be16(p + 70);
	}
	hb_blob_destroy(b);
	if (asc <= 0 || asc - desc < (int)upem * 8 / 10 || asc - desc > (int)upem * 5 / 4) {
		b = hb_face_reference_table(face, TAG('h', 'h', 'e', 'a'));
		p = (const unsigned char *)hb_blob_get_data(b, &len);
		asc = desc = 0;
		if (len >= 8) {
			asc = (int16_t)be16(p + 4);
			desc = (int16_t)be16(p + 6);
		}
		hb_blob_destroy(b);
	}
	if (asc > 0 && asc - desc > 0)
		top = (double)asc / (asc - desc);
	return top;
}

static void
face_free(struct font_face *f)
{
	if (f == NULL)
		return;
	free(f->has);
	free(f->centred);
	free(f->family);
	free(f->style);
	hb_font_destroy(f->font);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	free(f->path);
	free(f);
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/*
 * Check the outline of a font file before HarfBuzz reads it (HarfBuzz
 * quietly takes a broken file for a font without glyphs): the header, and
 * that every table of face index lies inside the file.  Returns NULL, or
 * what is wrong.
 */
static const char *
sfnt_problem(const unsigned char *p, size_t len, unsigned index)
{
	uint32_t tag, off = 0, n, i;

	if (len < 12)
		return len == 0 ? "是空的" : "不完整（文件被截断了，请重新复制或安装）";
	tag = be32(p);
	if (tag == 0x74746366) {		/* 'ttcf': a collection */
		n = be32(p + 8);
		if (12 + 4 * (uint64_t)n > len)
			return "不完整（文件被截断了，请重新复制或安装）";
		if (index >= n)
			return NULL;		/* reported with the faces' count */
		off = be32(p + 12 + 4 * index);
		if ((uint64_t)off + 12 > len)
			return "不完整（文件被截断了，请重新复制或安装）";
		tag = be32(p + off);
	}
	if (tag != 0x00010000 && tag != 0x74727565 && tag != 0x4F54544F)	/* 'true' 'OTTO' */
		return "不是字体文件（TrueType 或 OpenType：.ttf、.otf、.ttc、.otc）";
	n = be16(p + off + 4);
	if ((uint64_t)off + 12 + 16 * (uint64_t)n > len)
		return "不完整（文件被截断了，请重新复制或安装）";
	for (i = 0; i < n; i++) {
		const unsigned char *rec = p + off + 12 + 16 * i;

		if ((uint64_t)be32(rec + 8) + be32(rec + 12) > len)
			return "不完整（文件被截断了，请重新复制或安装）";
	}
	return NULL;
}

struct mapping {
	void	*addr;
	size_t	 len;
};

static void
unmap(void *user)
{
	struct mapping *m = user;

	munmap(m->addr, m->len);
	free(m);
}

/*
 * The file mapped read-only (HarfBuzz's own loader may read a file into
 * memory instead, and face_release_pages() must only drop pages of a
 * mapping).  Falls back to HarfBuzz's loader.
 */
#define FONT_MAX	(256u * 1024 * 1024)

static hb_blob_t *
blob_map(int fd, const struct stat *st, int *mapped)
{
	struct mapping *m;
	void *p;

	*mapped = 0;
	if (st->st_size <= 0 || (uintmax_t)st->st_size > UINT_MAX ||
	    (p = mmap(NULL, (size_t)st->st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
		return hb_blob_get_empty();	/* sfnt_problem() says what is wrong */
	m = xcalloc(1, sizeof(*m));
	m->addr = p;
	m->len = (size_t)st->st_size;
	*mapped = 1;
	return hb_blob_create(p, (unsigned)st->st_size, HB_MEMORY_MODE_READONLY, m, unmap);
}

/* The face's English family and style names (typographic ones first). */
static void
face_names(struct font_face *f)
{
	static const hb_ot_name_id_t ids[2][2] = { { 16, 1 }, { 17, 2 } };
	char buf[128];
	unsigned len;
	int k, j;

	for (k = 0; k < 2; k++)
		for (j = 0; j < 2; j++) {
			len = sizeof(buf);
			if (hb_ot_name_get_utf8(f->face, ids[k][j], HB_LANGUAGE_INVALID, &len,
			    buf) > 0 && buf[0] != '\0') {
				if (k == 0)
					f->family = xstrdup(buf);
				else
					f->style = xstrdup(buf);
				break;
			}
		}
}

/*
 * Stops, commas and closing marks sit in the left half of their cell in
 * Simplified Chinese; some fonts (WenQuanYi Zen Hei) centre them the
 * Traditional way.
 */
static int
centred_mark(const struct font_face *f, uint32_t cp)
{
	double x0, x1, y0, y1;

	if (cjk_class(cp) != CC_CLOSE || face_advance(f, cp) < 0.9)
		return 0;
	return face_ink(f, cp, &x0, &x1, &y0, &y1) == 0 && x1 > 0.55;
}

#define BMP		0x10000
#define BIT(set, cp)	((set)[(cp) >> 6] >> ((cp) & 63) & 1)

int
face_has(const struct font_face *f, uint32_t cp)
{
	return cp < BMP && BIT(f->has, cp);
}

/*
 * The BMP code points with a glyph (HarfBuzz leaves out those mapped to
 * glyph 0), and the closing marks drawn centred (centred_mark()), asked
 * once when the face is opened: the lookups that follow, on any thread,
 * only read them.
 */
static void
face_tables(struct font_face *f)
{
	hb_set_t *set = hb_set_create();
	hb_codepoint_t cps[1024], cp = HB_SET_VALUE_INVALID;
	const uint32_t *close;
	size_t i, n;

	f->has = xcalloc(BMP / 64, sizeof(*f->has));
	f->centred = xcalloc(BMP / 64, sizeof(*f->centred));
	hb_face_collect_unicodes(f->face, set);
	while ((n = hb_set_next_many(set, cp, cps, 1024)) > 0 && cps[0] < BMP) {
		for (i = 0; i < n && cps[i] < BMP; i++)
			f->has[cps[i] >> 6] |= (uint64_t)1 << (cps[i] & 63);
		cp = cps[n - 1];
	}
	hb_set_destroy(set);
	for (i = 0, n = cjk_close_marks(&close); i < n; i++)
		if (face_has(f, close[i]) && centred_mark(f, close[i]))
			f->centred[close[i] >> 6] |= (uint64_t)1 << (close[i] & 63);
}

/*
 * Open one candidate.  Returns NULL with *why set: quietly when the file
 * does not exist; with an error when it is not a font file or is
 * truncated; with a warning when it cannot serve (no TrueType or CFF
 * outlines, embedding forbidden, bad index).  With d NULL, quietly.
 */
static struct font_face *
face_open(struct diag *d, const struct srcpos *pos, const char *path, unsigned index,
    const char **why)
{
	struct font_face *f;
	struct stat st;
	hb_blob_t *t;
	unsigned len;
	const unsigned char *p;
	const char *problem, *kind;
	int fd;

	/* Never a FIFO (it would block) or /dev/zero (it never ends). */
	if ((fd = open_regular_quiet(path, &st, &kind)) < 0) {
		int err = errno;

		*why = "没有安装";
		if (kind != NULL) {
			*why = "不是普通文件";
			if (d != NULL)
				diag_error(d, pos, "字体文件 %s 不是普通文件，而是%s%s", path, kind,
				    strstr(kind, "FIFO") != NULL ? "，读它会一直等下去" : "");
		} else if (err != ENOENT) {
			*why = "无法读取";
			if (d != NULL)
				diag_warn(d, pos, "字体文件 %s 无法读取：%s，已跳过", path,
				    syserr(err));
		}
		return NULL;
	}
	/* The largest CJK collections are some 100 MiB; this is not a font. */
	if (st.st_size > FONT_MAX) {
		*why = "文件过大，不是字体文件";
		if (d != NULL)
			diag_error(d, pos, "字体文件 %s 过大（%lld MiB，超过 %u MiB），不是字体文件", path,
			    (long long)(st.st_size >> 20), FONT_MAX >> 20);
		close(fd);
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->path = xstrdup(path);
	f->index = index;
	f->blob = blob_map(fd, &st, &f->mapped);
	close(fd);
	if (st.st_size > 0 && !f->mapped) {
		if (d != NULL)
			diag_error(d, pos, "字体文件 %s 无法读入内存：%s", path, syserr(errno));
		*why = "无法读入内存";
		goto skip;
	}
	p = (const unsigned char *)hb_blob_get_data(f->blob, &len);
	if ((problem = sfnt_problem(p, len, index)) != NULL) {
		/* A file that is there but broken is an error, not a fallback. */
		if (d != NULL)
			diag_error(d, pos, "字体文件 %s %s", path, problem);
		*why = "文件有误";
		goto skip;
	}
	if (index >= hb_face_count(f->blob)) {
		if (d != NULL)
			diag_warn(d, pos, "字体文件 %s 中没有第 %u 个字形集（index 从 0 数起，"
			    "共 %u 个），已跳过", path, index, hb_face_count(f->blob));
		*why = "集合中没有这个 index";
		goto skip;
	}
	f->face = hb_face_create(f->blob, index);
	f->upem = hb_face_get_upem(f->face);
	t = hb_face_reference_table(f->face, TAG('g', 'l', 'y', 'f'));
	len = hb_blob_get_length(t);
	hb_blob_destroy(t);
	if (len == 0) {
		t = hb_face_reference_table(f->face, TAG('C', 'F', 'F', ' '));
		len = hb_blob_get_length(t);
		hb_blob_destroy(t);
		f->cff = len > 0;
	}
	if (len == 0) {
		t = hb_face_reference_table(f->face, TAG('C', 'F', 'F', '2'));
		len = hb_blob_get_length(t);
		hb_blob_destroy(t);
		*why = len > 0 ? "是 CFF2 轮廓（可变字体），PDF 不能嵌入" :
		    "没有 TrueType 或 CFF 轮廓（可能是点阵字体）";
		if (d != NULL)
			diag_warn(d, pos, "字体 %s %s，已跳过", path, *why);
		goto skip;
	}
	t = hb_face_reference_table(f->face, TAG('O', 'S', '/', '2'));
	p = (const unsigned char *)hb_blob_get_data(t, &len);
	if (len >= 10 && (be16(p + 8) & 0x030E) == 0x0002) {
		hb_blob_destroy(t);
		*why = "授权不允许嵌入 PDF";
		if (d != NULL)
			diag_warn(d, pos, "字体 %s 的授权不允许嵌入 PDF，已跳过", path);
		goto skip;
	}
	hb_blob_destroy(t);
	f->font = hb_font_create(f->face);
	/*
	 * HarfBuzz loads a font's tables when first asked; asking here, on
	 * one thread, means the threads that share the face later (the rule
	 * check, the subsetter) only read them.
	 */
	{
		hb_codepoint_t g = 0;
		hb_glyph_extents_t e;

		(void)hb_font_get_nominal_glyph(f->font, 0x3000, &g);
		(void)hb_font_get_glyph_h_advance(f->font, g);
		(void)hb_font_get_glyph_extents(f->font, g, &e);
	}
	f->em_top = em_top_of(f->face, f->upem);
	face_tables(f);
	face_names(f);
	return f;
skip:
	face_free(f);
	return NULL;
}

/* The face for (path, index), opened once for all roles. */
static struct font_face *
face_get(struct fontset *fs, struct diag *d, const struct srcpos *pos,
    const char *path, unsigned index, const char **why)
{
	struct font_face *f;
	size_t i;

	for (i = 0; i < fs->nfaces; i++)
		if (fs->faces[i]->index == index && strcmp(fs->faces[i]->path, path) == 0)
			return fs->faces[i];
	if ((f = face_open(d, pos, path, index, why)) == NULL)
		return NULL;
	f->id = (int)fs->nfaces;
	fs->faces = xreallocarray(fs->faces, fs->nfaces + 1, sizeof(*fs->faces));
	fs->faces[fs->nfaces++] = f;
	return f;
}

/* A candidate as written: a file, or a family name (with a style after ':'). */
struct entry {
	const struct value	*at;		/* for positions */
	const char		*file;		/* or NULL */
	const char		*family;	/* or NULL */
	unsigned		 index;
	const struct value	*bold;		/* its bold face, or NULL */
	const char		*note;		/* said by "shuzhi fonts" when it serves */
};

/* A name is a file when it has a folder or a font file's extension. */
static int
is_file_name(const char *s)
{
	static const char *const ext[] = { ".ttf", ".ttc", ".otf", ".otc" };
	size_t n = strlen(s), k;

	if (strchr(s, '/') != NULL)
		return 1;
	for (k = 0; k < 4; k++)
		if (n > 4 && strcasecmp(s + n - 4, ext[k]) == 0)
			return 1;
	return 0;
}

/* Read one candidate ("- file", "- Family", "- {file: ..., index: N}"...); -1 after errors. */
static int
entry_read(struct diag *d, const struct value *it, struct entry *e)
{
	const struct value *file, *family, *idx, *note;
	size_t k;
	int errors = 0;

	memset(e, 0, sizeof(*e));
	e->at = it;
	if (it->kind == VALUE_STRING) {
		if (it->len == 0) {
			diag_error(d, &it->pos, "字体文件名为空");
			return -1;
		}
		if (is_file_name(it->str))
			e->file = it->str;
		else
			e->family = it->str;
		return 0;
	}
	if (it->kind != VALUE_MAP) {
		diag_error(d, &it->pos, "字体候选应当是文件名或字体名，而不是%s",
		    value_kind_name(it->kind));
		return -1;
	}
	for (k = 0; k < it->n; k++)
		if (strcmp(it->keys[k], "file") != 0 && strcmp(it->keys[k], "index") != 0 &&
		    strcmp(it->keys[k], "family") != 0 && strcmp(it->keys[k], "bold") != 0 &&
		    strcmp(it->keys[k], "note") != 0) {
			diag_error(d, &it->keypos[k], "未知的字体设置“%s”（只有 file、family、"
			    "index、bold 和 note）", it->keys[k]);
			errors++;
		}
	file = value_get(it, "file");
	family = value_get(it, "family");
	idx = value_get(it, "index");
	note = value_get(it, "note");
	e->bold = value_get(it, "bold");
	if (idx != NULL) {
		if (idx->kind != VALUE_NUMBER || idx->num < 0 || idx->num > 255 ||
		    idx->num != (unsigned)idx->num) {
			diag_error(d, &idx->pos, "index 应当是 0 到 255 的整数");
			errors++;
		} else
			e->index = (unsigned)idx->num;
	}
	if ((file == NULL) == (family == NULL)) {
		diag_error(d, &it->pos, file == NULL ? "缺少字体文件名 file（或字体名 family）" :
		    "file 和 family 只能写一个");
		return -1;
	}
	if ((file != NULL ? file : family)->kind != VALUE_STRING ||
	    (file != NULL ? file : family)->len == 0) {
		diag_error(d, &(file != NULL ? file : family)->pos, file != NULL ?
		    "字体文件名 file 应当是非空的文字" : "字体名 family 应当是非空的文字");
		return -1;
	}
	if (file != NULL)
		e->file = file->str;
	else
		e->family = family->str;
	if (e->bold != NULL && (e->bold->kind != VALUE_STRING || e->bold->len == 0)) {
		diag_error(d, &e->bold->pos, "bold 应当是粗体的文件名或字体名");
		errors++;
	}
	if (note != NULL && note->kind != VALUE_STRING) {
		diag_error(d, &note->pos, "note 应当是一句话");
		errors++;
	} else if (note != NULL)
		e->note = note->str;
	return errors ? -1 : 0;
}

/*
 * Where the font a name stands for is: a file (in fonts.yaml's folder,
 * or installed under that name), or a family.  *path malloc'd; -1 with
 * *why when it is not found.
 */
static int
locate(struct fontset *fs, const char *dir, const char *name, int file, unsigned *index,
    char **path, const char **why)
{
	struct found_font ff;

	memset(&ff, 0, sizeof(ff));
	if (file) {
		*path = name[0] == '/' ? xstrdup(name) : path_join(dir, name);
		/* A bare name not in the folder: an installed file of that name. */
		if (strchr(name, '/') == NULL && access(*path, F_OK) != 0 && errno == ENOENT &&
		    fontfind_file(fs->find, name, *index, &ff) == 0) {
			free(*path);
			*path = ff.path;
		}
		return 0;
	}
	if (fontfind_family(fs->find, name, &ff, why) != 0)
		return -1;
	*path = ff.path;
	*index = ff.index;
	return 0;
}

/* The face a name stands for, opened; NULL with *why. */
static struct font_face *
resolve(struct fontset *fs, struct diag *d, const struct srcpos *pos, const char *dir,
    const char *name, int file, unsigned index, const char **why)
{
	struct font_face *f;
	char *path;

	if (locate(fs, dir, name, file, &index, &path, why) != 0)
		return NULL;
	f = face_get(fs, d, pos, path, index, why);
	free(path);
	return f;
}

static void
add_unused(struct font_role *r, const char *name, const char *why)
{
	r->unused = xreallocarray(r->unused, r->nunused + 1, sizeof(*r->unused));
	r->why = xreallocarray(r->why, r->nunused + 1, sizeof(*r->why));
	r->why[r->nunused] = why;
	r->unused[r->nunused++] = xstrdup(name);
}

/*
 * The bold face of candidate f: its bold entry (opened now, so that a
 * broken file is reported where it is named), or its family's bold face
 * (opened when first drawn with: most roles never are bold).  Sets
 * r->partner[i] or r->later[i].
 */
static void
partner_of(struct fontset *fs, struct diag *d, const char *dir, const struct entry *e,
    struct font_role *r, size_t i)
{
	const char *why = "没有安装";
	struct font_face *f = r->reg[i];
	unsigned index = 0;
	char *spec, *path;
	size_t k;

	r->partner[i] = NULL;
	r->later[i] = 0;
	if (e->bold != NULL) {
		r->partner[i] = resolve(fs, d, &e->bold->pos, dir, e->bold->str,
		    is_file_name(e->bold->str), 0, &why);
		if (r->partner[i] == NULL)
			add_unused(r, e->bold->str, why);
		if (r->partner[i] == f)
			r->partner[i] = NULL;
		return;
	}
	if (e->family == NULL || fontfind_has_style(e->family))
		return;
	spec = xcalloc(1, strlen(e->family) + 6);
	strcpy(spec, e->family);
	strcat(spec, spec[strlen(spec) - 1] == ':' ? "bold" : ":bold");
	if (locate(fs, dir, spec, 0, &index, &path, &why) == 0) {
		for (k = 0; k < fs->nfaces; k++)
			if (fs->faces[k]->index == index && strcmp(fs->faces[k]->path, path) == 0)
				break;
		if (k < fs->nfaces)		/* already open (another role's) */
			r->partner[i] = fs->faces[k] == f ? NULL : fs->faces[k];
		else {
			fs->later = xreallocarray(fs->later, fs->nlater + 1, sizeof(*fs->later));
			memset(&fs->later[fs->nlater], 0, sizeof(*fs->later));
			fs->later[fs->nlater].path = path;
			fs->later[fs->nlater].index = index;
			r->later[i] = ++fs->nlater;
			path = NULL;
		}
		free(path);
	}
	free(spec);
}

/* A bold face kept for later, opened now (quietly: it fell back to stroked bold). */
static struct font_face *
open_later(struct fontset *fs, size_t k)
{
	struct later_face *l = &fs->later[k - 1];
	const char *why;

	if (!l->tried) {
		l->tried = 1;
		if ((l->face = face_open(NULL, NULL, l->path, l->index, &why)) != NULL)
			l->face->id = (int)(fs->nfaces + k - 1);
	}
	return l->face;
}

/* Read one list of candidates; -1 after errors. */
static int
load_list(struct fontset *fs, struct diag *d, const char *dir, const struct value *list,
    struct font_role *r, int bold)
{
	size_t i, k;
	int errors = 0;

	if (list->kind != VALUE_LIST) {
		diag_error(d, &list->pos, "字体候选应当是文件名或字体名的列表，而不是%s",
		    value_kind_name(list->kind));
		return -1;
	}
	for (i = 0; i < list->n; i++) {
		struct entry e;
		struct font_face *f;
		const char *why = "没有安装";

		if (entry_read(d, list->items[i], &e) != 0) {
			errors++;
			continue;
		}
		f = resolve(fs, d, &e.at->pos, dir, e.file != NULL ? e.file : e.family,
		    e.file != NULL, e.index, &why);
		if (f == NULL) {
			add_unused(r, e.file != NULL ? e.file : e.family, why);
			continue;
		}
		if (bold) {
			for (k = 0; k < r->nbold && r->bold[k] != f; k++)
				;
			if (k == r->nbold) {
				r->bold = xreallocarray(r->bold, r->nbold + 1, sizeof(*r->bold));
				r->bold[r->nbold++] = f;
			}
			continue;
		}
		for (k = 0; k < r->nreg && r->reg[k] != f; k++)
			;
		if (k < r->nreg)
			continue;
		r->reg = xreallocarray(r->reg, r->nreg + 1, sizeof(*r->reg));
		r->partner = xreallocarray(r->partner, r->nreg + 1, sizeof(*r->partner));
		r->later = xreallocarray(r->later, r->nreg + 1, sizeof(*r->later));
		r->reg[r->nreg++] = f;
		partner_of(fs, d, dir, &e, r, r->nreg - 1);
		if (r->nreg == 1 && e.note != NULL) {
			fs->notes = xreallocarray(fs->notes, fs->nnotes + 1, sizeof(*fs->notes));
			r->note = fs->notes[fs->nnotes++] = xstrdup(e.note);
		}
	}
	return errors ? -1 : 0;
}

void
fontset_free(struct fontset *fs)
{
	size_t i, k;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->nroles; i++) {
		free(fs->roles[i].name);
		free(fs->roles[i].reg);
		free(fs->roles[i].partner);
		free(fs->roles[i].later);
		free(fs->roles[i].bold);
		for (k = 0; k < fs->roles[i].nunused; k++)
			free(fs->roles[i].unused[k]);
		free(fs->roles[i].unused);
		free(fs->roles[i].why);
	}
	for (i = 0; i < fs->nlater; i++) {
		face_free(fs->later[i].face);
		free(fs->later[i].path);
	}
	free(fs->later);
	for (i = 0; i < fs->nnotes; i++)
		free(fs->notes[i]);
	free(fs->notes);
	fontfind_free(fs->find);
	free(fs->roles);
	free(fs->any);
	for (i = 0; i < fs->nfaces; i++)
		face_free(fs->faces[i]);
	free(fs->faces);
	free(fs);
}

/* A role none of whose candidates can serve: why, candidate by candidate. */
static void
no_face(struct diag *d, const struct font_role *r, const char *dir)
{
	struct buf b;
	size_t k, missing = 0;

	for (k = 0; k < r->nunused; k++)
		missing += strcmp(r->why[k], "没有安装") == 0;
	if (missing == r->nunused) {
		diag_error(d, &r->pos, "角色“%s”的字体都没有安装：请安装 Debian 的字体包"
		    "（fonts-noto-cjk fonts-arphic-gbsn00lp fonts-arphic-gkai00mp "
		    "fonts-wqy-zenhei fonts-lxgw-wenkai），或把字体文件放到 %s", r->name, dir);
		return;
	}
	buf_init(&b);
	for (k = 0; k < r->nunused; k++)
		buf_printf(&b, "%s%s（%s）", k > 0 ? "，" : "", r->unused[k], r->why[k]);
	diag_error(d, &r->pos, "角色“%s”没有能用的字体：%s", r->name, b.data);
	buf_free(&b);
}

static const struct font_role *
role_get(const struct fontset *fs, const char *name)
{
	size_t i;

	for (i = 0; i < fs->nroles; i++)
		if (strcmp(fs->roles[i].name, name) == 0)
			return &fs->roles[i];
	return NULL;
}

/* fontset_any_has()'s answers: the code points of face added. */
static void
any_add(struct fontset *fs, const struct font_face *f)
{
	size_t k;

	for (k = 0; k < BMP / 64; k++)
		fs->any[k] |= f->has[k];
}

struct fontset *
fontset_load(struct diag *d, const char *path, const struct style *st)
{
	struct value_doc *doc;
	const struct value *root;
	struct fontset *fs;
	struct srcpos pos;
	char *dir, *slash;
	size_t i;
	int errors = 0, before = diag_errors(d);

	if ((doc = value_load_file(d, path)) == NULL)
		return NULL;
	pos.file = diag_intern(d, path);
	pos.line = 1;
	pos.col = 1;
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		slash[1] = '\0';
	else
		strcpy(dir, ".");
	fs = xcalloc(1, sizeof(*fs));
	fs->any = xcalloc(BMP / 64, sizeof(*fs->any));
	fs->find = fontfind_new(dir);
	root = value_doc_root(doc);
	if (root->kind != VALUE_MAP) {
		diag_error(d, &pos, "字体设置应当是“角色: 字体文件列表”的映射");
		errors++;
		goto out;
	}
	fs->roles = xcalloc(root->n, sizeof(*fs->roles));
	for (i = 0; i < root->n; i++) {
		struct font_role *r = &fs->roles[fs->nroles++];
		const struct value *v = root->items[i], *reg, *bold;
		int role_errors = diag_errors(d);

		r->name = xstrdup(root->keys[i]);
		r->pos = root->keypos[i];
		if (v->kind == VALUE_MAP) {
			size_t k;

			for (k = 0; k < v->n; k++)
				if (strcmp(v->keys[k], "regular") != 0 &&
				    strcmp(v->keys[k], "bold") != 0) {
					diag_error(d, &v->keypos[k], "未知的字体设置“%s”"
					    "（只有 regular 和 bold）", v->keys[k]);
					errors++;
				}
			reg = value_get(v, "regular");
			bold = value_get(v, "bold");
			if (reg == NULL) {
				diag_error(d, &v->pos, "角色“%s”缺少 regular 字体列表",
				    r->name);
				errors++;
				continue;
			}
		} else {
			reg = v;
			bold = NULL;
		}
		if (load_list(fs, d, dir, reg, r, 0) != 0)
			errors++;
		if (bold != NULL && load_list(fs, d, dir, bold, r, 1) != 0)
			errors++;
		if (r->nreg == 0 && diag_errors(d) == role_errors) {
			no_face(d, r, dir);
			errors++;
		}
	}
	for (i = 0; i < fs->nfaces; i++)
		any_add(fs, fs->faces[i]);
	/* Fontconfig is not needed once the faces are open. */
	fontfind_free(fs->find);
	fs->find = NULL;
	if (st != NULL && fontset_check_style(d, fs, st, path) != 0)
		errors++;
out:
	free(dir);
	value_doc_free(doc);
	if (errors || diag_errors(d) > before) {	/* face_open's errors too */
		fontset_free(fs);
		return NULL;
	}
	return fs;
}

int
fontset_check_style(struct diag *d, const struct fontset *fs, const struct style *st,
    const char *path)
{
	int e, errors = 0;

	for (e = 0; e < EL_COUNT; e++)
		if (st->el[e].font != NULL && role_get(fs, st->el[e].font) == NULL) {
			diag_error(d, &st->el[e].font_pos, "字体角色“%s”没有在 %s 中定义",
			    st->el[e].font, path);
			errors++;
		}
	return errors > 0 ? -1 : 0;
}

int
fontset_has_role(const struct fontset *fs, const char *role)
{
	return role_get(fs, role) != NULL;
}

/* The first face of list that has cp, preferring Simplified-style marks. */
static const struct font_face *
find_in(struct font_face *const *list, size_t n, uint32_t cp)
{
	const struct font_face *first = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!face_has(list[i], cp))
			continue;
		if (!BIT(list[i]->centred, cp))
			return list[i];
		if (first == NULL)
			first = list[i];
	}
	return first;
}

const struct font_face *
fontset_find(const struct fontset *fs, const char *role, uint32_t cp)
{
	const struct font_role *r = role_get(fs, role);

	if (r == NULL || cp > 0xFFFF)
		return NULL;
	return find_in(r->reg, r->nreg, cp);
}

const struct font_face *
fontset_find_bold(struct fontset *fs, const char *role, uint32_t cp, int *fake)
{
	const struct font_role *r = role_get(fs, role);
	const struct font_face *f;

	size_t i;

	*fake = 0;
	if (r == NULL || cp > 0xFFFF)
		return NULL;
	if ((f = find_in(r->bold, r->nbold, cp)) != NULL)
		return f;
	/* The bold face of the family that draws it, if it has the character too. */
	if ((f = fontset_find(fs, role, cp)) != NULL)
		for (i = 0; i < r->nreg; i++) {
			const struct font_face *b = r->partner[i];

			if (r->reg[i] != f)
				continue;
			if (b == NULL && r->later[i] != 0)
				b = open_later(fs, r->later[i]);
			if (b != NULL && face_has(b, cp))
				return b;
		}
	*fake = 1;
	return f;
}

int
fontset_any_has(const struct fontset *fs, uint32_t cp)
{
	return cp < BMP && BIT(fs->any, cp);
}

int
fontset_check(const struct fontset *fs, struct diag *d, const struct srcpos *pos,
    const char *role, uint32_t cp)
{
	char s[8];

	if (fontset_find(fs, role, cp) != NULL)
		return 0;
	s[utf8_encode(cp, s)] = '\0';
	if (cp > 0xFFFF)
		diag_error(d, pos, "字符“%s”（U+%04X）在基本多文种平面之外，PDF 库无法"
		    "编码（会变成空格）；请改用常用字或通用写法", s, (unsigned)cp);
	else
		diag_error(d, pos, "字符“%s”（U+%04X）在“%s”角色的所有字体中都没有字形；"
		    "请在 fonts/fonts.yaml 中为它加一个含有此字的字体", s, (unsigned)cp,
		    role);
	return -1;
}

size_t
fontset_nfaces(const struct fontset *fs)
{
	return fs->nfaces;
}

const struct font_face *
fontset_face(const struct fontset *fs, size_t i)
{
	return fs->faces[i];
}

size_t
fontset_role_faces(const struct fontset *fs, const char *role,
    const struct font_face ***faces)
{
	const struct font_role *r = role_get(fs, role);

	if (r == NULL) {
		*faces = NULL;
		return 0;
	}
	*faces = (const struct font_face **)r->reg;
	return r->nreg;
}

double
face_advance(const struct font_face *f, uint32_t cp)
{
	hb_codepoint_t g;

	/* HarfBuzz keeps the advances it read (thread-safe): no cache of our own. */
	if (!hb_font_get_nominal_glyph(f->font, cp, &g))
		return 0;
	return (double)hb_font_get_glyph_h_advance(f->font, g) / f->upem;
}

int
face_ink(const struct font_face *f, uint32_t cp, double *x0, double *x1,
    double *y0, double *y1)
{
	hb_codepoint_t g;
	hb_glyph_extents_t e;

	if (!hb_font_get_nominal_glyph(f->font, cp, &g) ||
	    !hb_font_get_glyph_extents(f->font, g, &e))
		return -1;
	*x0 = (double)e.x_bearing / f->upem;
	*x1 = (double)(e.x_bearing + e.width) / f->upem;
	*y1 = (double)e.y_bearing / f->upem;
	*y0 = (double)(e.y_bearing + e.height) / f->upem;
	return 0;
}

void
face_release_pages(const struct font_face *f)
{
	unsigned len;
	const char *p = hb_blob_get_data(f->blob, &len);
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t start, end;

	if (!f->mapped || p == NULL || len == 0 || page <= 0)
		return;
	/* Only whole pages inside the blob; a read-only mapping reads them again. */
	start = ((uintptr_t)p + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
	end = ((uintptr_t)p + len) & ~((uintptr_t)page - 1);
	if (end > start)
		(void)madvise((void *)start, end - start, MADV_DONTNEED);
}

size_t
fontset_nroles(const struct fontset *fs)
{
	return fs->nroles;
}

void
fontset_role_info(struct fontset *fs, size_t i, struct font_role_info *ri)
{
	struct font_role *r = &fs->roles[i];
	size_t k;

	ri->name = r->name;
	ri->reg = (const struct font_face *const *)r->reg;
	ri->nreg = r->nreg;
	ri->bold = (const struct font_face *const *)r->bold;
	ri->nbold = r->nbold;
	ri->unused = (const char *const *)r->unused;
	ri->why = r->why;
	ri->nunused = r->nunused;
	/* For a report of the faces: the bold faces kept for later are opened now. */
	for (k = 0; k < r->nreg; k++)
		if (r->partner[k] == NULL && r->later[k] != 0)
			r->partner[k] = open_later(fs, r->later[k]);
	ri->partner = (const struct font_face *const *)r->partner;
	ri->note = r->note;
}
