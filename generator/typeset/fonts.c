/* fonts.c: read fonts/fonts.yaml, open the font files with HarfBuzz, find a face per character. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb-ot.h>

#include "fonts.h"
#include "cjkclass.h"
#include "style.h"
#include "../load/value.h"
#include "../util/fsio.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

struct font_role {
	char			*name;
	struct srcpos		 pos;
	struct font_face	**reg;	/* regular candidates, available ones */
	size_t			 nreg;
	struct font_face	**bold;	/* bold candidates */
	size_t			 nbold;
};

struct fontset {
	struct font_face	**faces;
	size_t			 nfaces;
	struct font_role	*roles;
	size_t			 nroles;
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
	hb_font_destroy(f->font);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	free(f->path);
	free(f);
}

/*
 * Open one candidate.  Returns NULL quietly when the file does not exist;
 * warns and returns NULL when it exists but cannot serve (CFF outlines,
 * embedding forbidden, bad index).
 */
static struct font_face *
face_open(struct diag *d, const struct srcpos *pos, const char *path, unsigned index)
{
	struct font_face *f;
	hb_blob_t *t;
	unsigned len;
	const unsigned char *p;

	if (access(path, R_OK) != 0) {
		if (errno != ENOENT)
			diag_warn(d, pos, "字体文件 %s 无法读取：%s，已跳过", path,
			    strerror(errno));
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->path = xstrdup(path);
	f->index = index;
	f->blob = hb_blob_create_from_file(path);
	if (hb_blob_get_length(f->blob) == 0) {
		diag_warn(d, pos, "字体文件 %s 为空或无法读取，已跳过", path);
		goto skip;
	}
	if (index >= hb_face_count(f->blob)) {
		diag_warn(d, pos, "字体文件 %s 中没有第 %u 个字形集（共 %u 个），已跳过",
		    path, index, hb_face_count(f->blob));
		goto skip;
	}
	f->face = hb_face_create(f->blob, index);
	f->upem = hb_face_get_upem(f->face);
	t = hb_face_reference_table(f->face, TAG('g', 'l', 'y', 'f'));
	len = hb_blob_get_length(t);
	hb_blob_destroy(t);
	if (len == 0) {
		diag_warn(d, pos, "字体 %s 不是 TrueType 轮廓（可能是 OpenType/CFF），"
		    "PDF 库无法嵌入，已跳过", path);
		goto skip;
	}
	t = hb_face_reference_table(f->face, TAG('O', 'S', '/', '2'));
	p = (const unsigned char *)hb_blob_get_data(t, &len);
	if (len >= 10 && (be16(p + 8) & 0x030E) == 0x0002) {
		hb_blob_destroy(t);
		diag_warn(d, pos, "字体 %s 的授权不允许嵌入 PDF，已跳过", path);
		goto skip;
	}
	hb_blob_destroy(t);
	f->font = hb_font_create(f->face);
	f->em_top = em_top_of(f->face, f->upem);
	return f;
skip:
	face_free(f);
	return NULL;
}

/* The face for (path, index), opened once for all roles. */
static struct font_face *
face_get(struct fontset *fs, struct diag *d, const struct srcpos *pos,
    const char *path, unsigned index)
{
	struct font_face *f;
	size_t i;

	for (i = 0; i < fs->nfaces; i++)
		if (fs->faces[i]->index == index && strcmp(fs->faces[i]->path, path) == 0)
			return fs->faces[i];
	if ((f = face_open(d, pos, path, index)) == NULL)
		return NULL;
	f->id = (int)fs->nfaces;
	fs->faces = xreallocarray(fs->faces, fs->nfaces + 1, sizeof(*fs->faces));
	fs->faces[fs->nfaces++] = f;
	return f;
}

/* Read one list of candidates ("- file" or "- {file: ..., index: N}"). */
static int
load_list(struct fontset *fs, struct diag *d, const char *dir, const struct value *list,
    struct font_face ***out, size_t *n)
{
	size_t i;
	int errors = 0;

	if (list->kind != VALUE_LIST) {
		diag_error(d, &list->pos, "字体候选应当是文件列表，而不是%s",
		    value_kind_name(list->kind));
		return -1;
	}
	for (i = 0; i < list->n; i++) {
		const struct value *it = list->items[i], *file, *idx;
		struct font_face *f;
		unsigned index = 0;
		char *path;
		size_t k;

		if (it->kind == VALUE_STRING)
			file = it;
		else if (it->kind == VALUE_MAP) {
			for (k = 0; k < it->n; k++)
				if (strcmp(it->keys[k], "file") != 0 &&
				    strcmp(it->keys[k], "index") != 0) {
					diag_error(d, &it->keypos[k],
					    "未知的字体设置“%s”（只有 file 和 index）",
					    it->keys[k]);
					errors++;
				}
			file = value_get(it, "file");
			idx = value_get(it, "index");
			if (idx != NULL) {
				if (idx->kind != VALUE_NUMBER || idx->num < 0 ||
				    idx->num > 255 || idx->num != (unsigned)idx->num) {
					diag_error(d, &idx->pos, "index 应当是 0 到 255 的整数");
					errors++;
					continue;
				}
				index = (unsigned)idx->num;
			}
			if (file == NULL || file->kind != VALUE_STRING) {
				diag_error(d, &it->pos, "缺少字体文件名 file");
				errors++;
				continue;
			}
		} else {
			diag_error(d, &it->pos, "字体候选应当是文件名，而不是%s",
			    value_kind_name(it->kind));
			errors++;
			continue;
		}
		if (file->len == 0) {
			diag_error(d, &file->pos, "字体文件名为空");
			errors++;
			continue;
		}
		path = file->str[0] == '/' ? xstrdup(file->str) :
		    path_join(dir, file->str);
		f = face_get(fs, d, &file->pos, path, index);
		free(path);
		if (f == NULL)
			continue;
		for (k = 0; k < *n; k++)
			if ((*out)[k] == f)
				break;
		if (k < *n)
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[(*n)++] = f;
	}
	return errors ? -1 : 0;
}

void
fontset_free(struct fontset *fs)
{
	size_t i;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->nroles; i++) {
		free(fs->roles[i].name);
		free(fs->roles[i].reg);
		free(fs->roles[i].bold);
	}
	free(fs->roles);
	for (i = 0; i < fs->nfaces; i++)
		face_free(fs->faces[i]);
	free(fs->faces);
	free(fs);
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

struct fontset *
fontset_load(struct diag *d, const char *path, const struct style *st)
{
	struct value_doc *doc;
	const struct value *root;
	struct fontset *fs;
	struct srcpos pos;
	char *dir, *slash;
	size_t i;
	int errors = 0, e;

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
		int before = errors;

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
		if (load_list(fs, d, dir, reg, &r->reg, &r->nreg) != 0)
			errors++;
		if (bold != NULL && load_list(fs, d, dir, bold, &r->bold, &r->nbold) != 0)
			errors++;
		if (r->nreg == 0 && errors == before) {
			diag_error(d, &r->pos, "角色“%s”的字体文件都不存在：请安装 Debian 的"
			    "字体包（fonts-arphic-gbsn00lp fonts-arphic-gkai00mp "
			    "fonts-wqy-zenhei），或把字体文件放到 %s", r->name, dir);
			errors++;
		}
	}
	if (st != NULL)
		for (e = 0; e < EL_COUNT; e++)
			if (st->el[e].font != NULL && role_get(fs, st->el[e].font) == NULL) {
				diag_error(d, &st->el[e].font_pos, "字体角色“%s”没有在 %s 中定义",
				    st->el[e].font, path);
				errors++;
			}
out:
	free(dir);
	value_doc_free(doc);
	if (errors) {
		fontset_free(fs);
		return NULL;
	}
	return fs;
}

int
fontset_has_role(const struct fontset *fs, const char *role)
{
	return role_get(fs, role) != NULL;
}

static int
has_glyph(const struct font_face *f, uint32_t cp)
{
	hb_codepoint_t g;

	return hb_font_get_nominal_glyph(f->font, cp, &g) && g != 0;
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

/* The first face of list that has cp, preferring Simplified-style marks. */
static const struct font_face *
find_in(struct font_face *const *list, size_t n, uint32_t cp)
{
	const struct font_face *first = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!has_glyph(list[i], cp))
			continue;
		if (!centred_mark(list[i], cp))
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
fontset_find_bold(const struct fontset *fs, const char *role, uint32_t cp, int *fake)
{
	const struct font_role *r = role_get(fs, role);
	const struct font_face *f;

	*fake = 0;
	if (r == NULL || cp > 0xFFFF)
		return NULL;
	if ((f = find_in(r->bold, r->nbold, cp)) != NULL)
		return f;
	*fake = 1;
	return fontset_find(fs, role, cp);
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
