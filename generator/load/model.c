/*
 * model.c: load a content folder into the document model.  The YAML is
 * checked against the schema tables (unknown keys with a suggestion, wrong
 * types, missing fields) before anything is built from it.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "prefetch.h"
#include "scalar_map.h"
#include "yamlerr.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/strdist.h"
#include "../util/syserr.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

struct loadctx {
	struct diag	*diag;
	struct report	*r;
	const char	*file;	/* the file being read */
	char		*within;	/* the content folder's real path: files stay in it */
	const struct value_doc *doc;	/* and its text */
};

static int
is_scalar(const struct value *v)
{
	return v->kind == VALUE_STRING || v->kind == VALUE_NUMBER;
}

static void
type_error(struct loadctx *c, const struct value *v, const char *key, const char *want)
{
	diag_error(c->diag, &v->pos, "“%s”应为%s，这里是%s", key, want,
	    value_kind_name(v->kind));
}

static int
is_year(const char *s)
{
	return strlen(s) == 4 && strspn(s, "0123456789") == 4;
}

/* 2020-12-30 or 2020年12月30日, with a real month and day. */
static int
parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char tail[16];

	if (sscanf(s, "%4d-%2d-%2d%1s", y, m, d, tail) == 3 ||
	    sscanf(s, "%4d年%2d月%2d日%1s", y, m, d, tail) == 3) {
		if (*m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1])
			return 0;
		if (*m == 2 && *d == 29 && !((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0))
			return 0;
		return *y >= 1900 && *y <= 2999;
	}
	return 0;
}

/* Check one field's value against its type.  Returns 0 when it fits. */
static int check_map(struct loadctx *, const struct value *, const struct field *,
	    const char *what, int level);

static int
check_field(struct loadctx *c, const struct field *f, const struct value *v, int level)
{
	size_t i;
	int y, m, d, rc = 0;

	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_ID:
		if (!is_scalar(v)) {
			type_error(c, v, f->key, "一段文字");
			return -1;
		}
		if (f->type == FIELD_ID && strspn(v->str,
		    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != v->len) {
			diag_error(c->diag, &v->pos, "标识“%s”只能由字母、数字、“-”和“_”组成", v->str);
			return -1;
		}
		return 0;
	case FIELD_YEAR:
		if (!is_scalar(v) || !is_year(v->str)) {
			diag_error(c->diag, &v->pos, "“%s”应为四位数的年份，如 2020", f->key);
			return -1;
		}
		return 0;
	case FIELD_DATE:
		if (!is_scalar(v) || !parse_date(v->str, &y, &m, &d)) {
			diag_error(c->diag, &v->pos,
			    "“%s”应为日期，如 2020-12-30 或 2020年12月30日", f->key);
			return -1;
		}
		return 0;
	case FIELD_PARAS:
		if (is_scalar(v))
			return 0;
		if (v->kind != VALUE_LIST) {
			type_error(c, v, f->key, "一段文字或文字的列表");
			return -1;
		}
		for (i = 0; i < v->n; i++)
			if (!is_scalar(v->items[i])) {
				type_error(c, v->items[i], f->key, "一段文字");
				rc = -1;
			}
		return rc;
	case FIELD_FILES:
		if (v->kind != VALUE_LIST) {
			type_error(c, v, f->key, "文件名的列表");
			return -1;
		}
		for (i = 0; i < v->n; i++)
			if (v->items[i]->kind != VALUE_STRING) {
				type_error(c, v->items[i], f->key, "文件名");
				rc = -1;
			}
		return rc;
	case FIELD_NAMES:
		if (v->kind != VALUE_LIST) {
			type_error(c, v, f->key, "名称的列表，如 [term.qita]");
			return -1;
		}
		for (i = 0; i < v->n; i++)
			if (v->items[i]->kind != VALUE_STRING) {
				type_error(c, v->items[i], f->key, "名称");
				rc = -1;
			}
		return rc;
	case FIELD_FACTS:
		if (v->kind != VALUE_MAP) {
			if (v->kind == VALUE_STRING && strstr(v->str, "：") != NULL)
				diag_error(c->diag, &v->pos, "“%s”应为“名称: 值”的映射：名称后面要用"
				    "半角冒号“:”加一个空格，不能用全角冒号“：”，如“执勤民兵: 120余名”",
				    f->key);
			else
				type_error(c, v, f->key, "“名称: 值”的映射");
			return -1;
		}
		for (i = 0; i < v->n; i++)
			if (!is_scalar(v->items[i])) {
				diag_error(c->diag, &v->items[i]->pos,
				    "事实“%s”的值应为一段文字或数字", v->keys[i]);
				rc = -1;
			}
		return rc;
	case FIELD_LIST:
		if (v->kind != VALUE_LIST) {
			type_error(c, v, f->key, "列表");
			return -1;
		}
		if (f->sub == model_section_fields && level >= MODEL_MAX_LEVEL) {
			diag_error(c->diag, &v->pos, "标题最多四级（一、（一）1.（1））");
			return -1;
		}
		for (i = 0; i < v->n; i++)
			if (check_map(c, v->items[i], f->sub, f->key,
			    f->sub == model_section_fields ? level + 1 : level) != 0)
				rc = -1;
		return rc;
	}
	return 0;
}

/*
 * A text where a "key: value" map must be: most often "lead：…" typed
 * with a Chinese input method's colon.
 */
static void
not_a_map(struct loadctx *c, const struct value *v, const char *what)
{
	char *hint = NULL;
	size_t col;

	if (v->kind == VALUE_STRING && v->style == STYLE_PLAIN &&
	    (hint = yaml_colon_hint(v->str, v->len, &col)) != NULL) {
		struct srcpos pos = v->pos;

		pos.col += (int)col;
		diag_error(c->diag, &pos, "%s", hint);
		free(hint);
	} else if (c->doc != NULL && v == value_doc_root(c->doc))
		diag_error(c->diag, &v->pos, "文件的内容应为一行行“键: 值”（如“title: 提高认识”），"
		    "这里是%s", value_kind_name(v->kind));
	else
		diag_error(c->diag, &v->pos, "“%s”的每一项应为“键: 值”的映射（如“- lead: ……”），"
		    "这里是%s", what, value_kind_name(v->kind));
}

/*
 * "key:" with no value: an error where one is required, and where it was
 * "key: #text", a text YAML took for a comment.  Returns -1 when reported.
 */
static int
empty_value(struct loadctx *c, const struct value *v, const struct field *f)
{
	int required = (f->flags & FIELD_REQUIRED) != 0, col;
	struct yaml_text t;
	char *hint = NULL;

	if (c->doc != NULL && v->pos.line > 0) {
		value_doc_yaml_text(c->doc, &t);
		hint = yaml_comment_hint(&t, (size_t)v->pos.line - 1, !required, &col);
	}
	if (hint != NULL) {
		struct srcpos pos = v->pos;

		pos.col = col;
		diag_error(c->diag, &pos, "%s", hint);
		free(hint);
		return -1;
	}
	if (!required)
		return 0;
	diag_error(c->diag, &v->pos, "“%s”不能为空", f->key);
	return -1;
}

static int
check_map(struct loadctx *c, const struct value *v, const struct field *fields,
    const char *what, int level)
{
	const char *names[32];
	size_t i, n = 0;
	int rc = 0;

	if (v->kind != VALUE_MAP) {
		not_a_map(c, v, what);
		return -1;
	}
	for (n = 0; fields[n].key != NULL; n++)
		names[n] = fields[n].key;
	for (i = 0; i < v->n; i++) {
		const struct field *f = NULL;
		size_t k;

		for (k = 0; k < n; k++)
			if (strcmp(fields[k].key, v->keys[i]) == 0)
				f = &fields[k];
		if (f == NULL) {
			const char *s = str_suggest(v->keys[i], names, n);
			char *dash = yaml_dash_hint(v->keys[i]);

			if (dash != NULL) {
				diag_error(c->diag, &v->keypos[i], "%s", dash);
				free(dash);
			} else if (s != NULL)
				diag_error(c->diag, &v->keypos[i], "未知的键“%s”，是不是“%s”？",
				    v->keys[i], s);
			else
				diag_error(c->diag, &v->keypos[i], "未知的键“%s”", v->keys[i]);
			rc = -1;
			continue;
		}
		if (v->items[i]->kind == VALUE_NULL) {
			if (empty_value(c, v->items[i], f) != 0)
				rc = -1;
			continue;
		}
		if (check_field(c, f, v->items[i], level) != 0)
			rc = -1;
	}
	for (i = 0; i < n; i++) {
		if (!(fields[i].flags & FIELD_REQUIRED) || value_get(v, fields[i].key) != NULL)
			continue;
		diag_error(c->diag, &v->pos, "缺少必填的“%s”（%s）", fields[i].key, fields[i].desc);
		rc = -1;
	}
	return rc;
}

/* A present, non-null field. */
static const struct value *
field(const struct value *map, const char *key)
{
	const struct value *v = value_get(map, key);

	return v != NULL && v->kind != VALUE_NULL ? v : NULL;
}

static const struct value **
paragraphs(const struct value *v, size_t *n)
{
	const struct value **p;
	size_t i;

	*n = 0;
	if (v == NULL)
		return NULL;
	if (v->kind != VALUE_LIST) {
		p = xmalloc(sizeof(*p));
		p[0] = v;
		*n = 1;
		return p;
	}
	p = xcalloc(v->n, sizeof(*p));
	for (i = 0; i < v->n; i++)
		p[i] = v->items[i];
	*n = v->n;
	return p;
}

static void
build_section(struct section *s, const struct value *v, const char *file, int level)
{
	const struct value *items = field(v, "items"), *subs = field(v, "sections");
	size_t i;

	s->file = file;
	s->level = level;
	s->id = field(v, "id");
	s->title = field(v, "title");
	s->run_in = field(v, "run_in");
	s->paras = paragraphs(field(v, "paragraphs"), &s->nparas);
	if (items != NULL) {
		s->items = xcalloc(items->n, sizeof(*s->items));
		s->nitems = items->n;
		for (i = 0; i < items->n; i++) {
			s->items[i].id = field(items->items[i], "id");
			s->items[i].lead = field(items->items[i], "lead");
			s->items[i].body = field(items->items[i], "body");
			s->items[i].facts = field(items->items[i], "facts");
		}
	}
	if (subs != NULL) {
		s->subs = xcalloc(subs->n, sizeof(*s->subs));
		s->nsubs = subs->n;
		for (i = 0; i < subs->n; i++)
			build_section(&s->subs[i], subs->items[i], file, level + 1);
	}
}

static void
build_attachments(struct report *r, const struct value *list)
{
	size_t i;

	if (list == NULL || list->n == 0)
		return;
	r->attachments = xcalloc(list->n, sizeof(*r->attachments));
	r->nattachments = list->n;
	for (i = 0; i < list->n; i++) {
		r->attachments[i].entry = list->items[i];
		r->attachments[i].title = field(list->items[i], "title");
		r->attachments[i].paras = paragraphs(field(list->items[i], "paragraphs"),
		    &r->attachments[i].nparas);
	}
}

/*
 * Characters that print as nothing (their UTF-8 starts with a byte below
 * 0x20, 0x7F, 0xC2, 0xE2 or 0xEF): controls (a tab is a blank and a line
 * break is a line break, so they are not among them), zero-width spaces and
 * joiners, direction marks, the soft hyphen.  They come with text pasted
 * from web pages and Word, and make searches and rules miss the words they
 * split.  Returns their Chinese name, or NULL for any other character.
 */
static const char *
invisible_char_name(uint32_t cp)
{
	if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F))
		return "控制字符";
	switch (cp) {
	case 0x00AD: return "软连字符";
	case 0x200B: return "零宽空格";
	case 0x200C: return "零宽不连字";
	case 0x200D: return "零宽连字";
	case 0x200E: case 0x200F: return "文字方向标记";
	case 0x2060: return "零宽不折行符";
	case 0xFEFF: return "零宽不折行空格（字节顺序标记）";
	}
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return "文字方向控制符";
	if (cp >= 0x2061 && cp <= 0x2064)
		return "不可见的运算符";
	return NULL;
}

/* Warn, at its position, about the first invisible character of each text. */
static void
warn_invisible(struct loadctx *c, const struct value_doc *doc, const struct value *v)
{
	const char *name = NULL;
	size_t i, k, at = 0, count = 0;
	uint32_t cp;

	if (v->kind == VALUE_LIST || v->kind == VALUE_MAP) {
		for (i = 0; i < v->n; i++)
			warn_invisible(c, doc, v->items[i]);
		return;
	}
	if (v->kind != VALUE_STRING || v->str == NULL)
		return;
	for (i = 0; i < v->len; i++) {
		unsigned char b = (unsigned char)v->str[i];
		const char *n;

		/*
		 * Only these bytes start an invisible character: controls but
		 * tab and line feed, 0x7F, 0xC2, 0xE2 and 0xEF (a bit each).
		 */
		static const uint64_t starts[4] = {
			0x00000000FFFFF9FFull, 0x8000000000000000ull, 0,
			1ull << (0xC2 - 0xC0) | 1ull << (0xE2 - 0xC0) | 1ull << (0xEF - 0xC0),
		};

		if (!(starts[b >> 6] >> (b & 63) & 1))
			continue;
		k = utf8_decode(v->str + i, v->len - i, &cp);
		if (k == 0 || (n = invisible_char_name(cp)) == NULL)
			continue;
		if (count++ == 0) {
			name = n;
			at = i;
		}
		i += k - 1;
	}
	if (count > 0) {
		struct scalar_map m;
		struct srcpos pos;
		struct buf more;

		scalar_map_init(&m, doc, v);
		scalar_map_pos(&m, at, &pos);
		scalar_map_free(&m);
		utf8_decode(v->str + at, v->len - at, &cp);
		buf_init(&more);
		if (count > 1)
			buf_printf(&more, "（这段文字中共 %zu 个这样的字符）", count);
		diag_warn(c->diag, &pos, "文字中有看不见的%s U+%04X，它不会印出来，还会让检查"
		    "漏掉它隔开的词（常随网页或 Word 的文字粘贴进来）；请删除%s", name,
		    (unsigned)cp, more.data != NULL ? more.data : "");
		buf_free(&more);
	}
}

/* Warn where " #word" after a plain text cut words off as a comment. */
static void
warn_cut(struct loadctx *c, const struct value_doc *doc, const struct value *v)
{
	const char *text;
	size_t i, len, hash;
	char *hint;

	if (v->kind == VALUE_LIST || v->kind == VALUE_MAP) {
		for (i = 0; i < v->n; i++)
			warn_cut(c, doc, v->items[i]);
		return;
	}
	if (v->style != STYLE_PLAIN || v->kind != VALUE_STRING)
		return;
	text = value_doc_text(doc, &len);
	if ((hint = yaml_cut_hint(text, len, v->end_offset, &hash)) != NULL) {
		struct srcpos pos = v->end;

		pos.col += (int)utf8_count(text + v->end_offset, hash - v->end_offset);
		diag_warn(c->diag, &pos, "%s", hint);
		free(hint);
	}
}

static struct value_doc *
load_doc(struct loadctx *c, const char *path, struct prefetch *pf, size_t i)
{
	struct value_doc *doc = prefetch_take(pf, i, c->diag, c->within, path);
	struct report *r = c->r;

	if (doc == NULL)
		return NULL;
	r->docs = xreallocarray(r->docs, r->ndocs + 1, sizeof(*r->docs));
	r->docs[r->ndocs++] = doc;
	r->files = xreallocarray(r->files, r->nfiles + 1, sizeof(*r->files));
	r->files[r->nfiles++] = xstrdup(path);
	if (value_doc_root(doc)->kind == VALUE_NULL) {
		struct srcpos pos = { diag_intern(c->diag, path), 1, 1 };
		diag_error(c->diag, &pos, "文件是空的");
		return NULL;
	}
	warn_invisible(c, doc, value_doc_root(doc));
	warn_cut(c, doc, value_doc_root(doc));
	return doc;
}

/* A listed file name and its place in the list. */
struct listed {
	const char	*name;
	size_t		 i;
};

static int
cmp_listed(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* The names of list sorted (then by place), so that lookups need no scan. */
static struct listed *
sort_listed(const struct value *list)
{
	struct listed *v = xcalloc(list->n, sizeof(*v));
	size_t i;

	for (i = 0; i < list->n; i++) {
		v[i].name = list->items[i]->str;
		v[i].i = i;
	}
	qsort(v, list->n, sizeof(*v), cmp_listed);
	return v;
}

static int
is_listed(const struct listed *v, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(v[mid].name, name);

		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Warn about YAML files in the folder that report.yaml does not list. */
static void
warn_unlisted(struct loadctx *c, const char *dir, const struct listed *list, size_t nlist)
{
	struct dirent **ents;
	int n, i;

	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		size_t len = strlen(name);
		int listed = strcmp(name, "report.yaml") == 0 || is_listed(list, nlist, name);

		if (!listed && len > 5 && (strcmp(name + len - 5, ".yaml") == 0 ||
		    (len > 4 && strcmp(name + len - 4, ".yml") == 0))) {
			char *p = path_join(dir, name);
			struct srcpos pos = { diag_intern(c->diag, p), 0, 0 };
			diag_warn(c->diag, &pos, "%s", "这个文件没有列在 report.yaml 的 sections 中，不会出现在报告里");
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
}

static int
cmp_name(const void *a, const void *b)
{
	const struct model_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

size_t
model_file_index(const struct report *r, const char *path)
{
	size_t lo = 0, hi = r->nfiles, i;

	if (path == NULL)
		return r->nfiles;
	if (r->byname == NULL) {
		for (i = 0; i < r->nfiles; i++)
			if (strcmp(r->files[i], path) == 0)
				return i;
		return r->nfiles;
	}
	/* The first of the name (a file listed twice is read twice). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(r->byname[mid].name, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nfiles && strcmp(r->byname[lo].name, path) == 0 ? r->byname[lo].i :
	    r->nfiles;
}

struct report *
model_load(struct diag *diag, const char *dir)
{
	struct loadctx c;
	struct report *r = xcalloc(1, sizeof(*r));
	const struct value *root, *files;
	struct value_doc *doc;
	struct listed *sorted;
	struct prefetch *pf = NULL;
	struct stat st;
	char *path;
	size_t i, *at;
	int errors = diag_errors(diag);

	memset(&c, 0, sizeof(c));
	c.diag = diag;
	c.r = r;
	c.within = NULL;
	r->dir = xstrdup(dir);
	if (!is_dir(dir)) {
		struct srcpos pos = { diag_intern(diag, dir), 0, 0 };
		if (stat(dir, &st) != 0 && errno == ENOENT)
			diag_error(diag, &pos, "%s", "没有这个内容文件夹");
		else
			diag_error(diag, &pos, "%s", "不是一个内容文件夹（应包含 report.yaml）");
		goto fail;
	}
	/* What the names in it point to must stay in it (a link to /etc/shadow). */
	if ((c.within = realpath(dir, NULL)) == NULL) {
		struct srcpos pos = { diag_intern(diag, dir), 0, 0 };
		diag_error(diag, &pos, "无法读取内容文件夹：%s", syserr(errno));
		goto fail;
	}
	path = path_join(dir, "report.yaml");
	if (lstat(path, &st) != 0 && errno == ENOENT) {
		struct srcpos pos = { diag_intern(diag, dir), 0, 0 };
		diag_error(diag, &pos, "%s", "文件夹中没有内容文件 report.yaml：内容文件夹应包含"
		    " report.yaml 和它列出的各部分文件（如 content/2020）");
		free(path);
		goto fail;
	}
	c.file = diag_intern(diag, path);
	doc = load_doc(&c, path, NULL, 0);
	free(path);
	if (doc == NULL)
		goto fail;
	c.doc = doc;
	root = value_doc_root(doc);
	if (check_map(&c, root, model_report_fields, "report.yaml", 0) != 0)
		goto fail;
	r->unit = field(root, "unit");
	r->year = field(root, "year");
	r->topic = field(root, "topic");
	r->title = field(root, "title");
	r->subtitle = field(root, "subtitle");
	r->byline = field(root, "byline");
	r->addressee = field(root, "addressee");
	r->signature = field(root, "signature");
	r->date = field(root, "date");
	r->disable = field(root, "disable");
	r->opening = paragraphs(field(root, "opening"), &r->nopening);
	r->closing = paragraphs(field(root, "closing"), &r->nclosing);
	r->appendix = paragraphs(field(root, "appendix"), &r->nappendix);
	build_attachments(r, field(root, "attachments"));
	files = field(root, "sections");
	if (files == NULL || files->n == 0) {
		diag_error(diag, files ? &files->pos : &root->pos, "%s",
		    "“sections”至少要列出一个部分的文件");
		goto fail;
	}
	/* Many large files would each pass the limit of one. */
	{
		unsigned long long total = 0;

		for (i = 0; i < files->n; i++) {
			if (files->items[i]->kind != VALUE_STRING)
				continue;
			path = path_join(dir, files->items[i]->str);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
				total += (unsigned long long)st.st_size;
			free(path);
		}
		if (total > MODEL_MAX_BYTES) {
			diag_error(diag, &files->pos, "各部分的文件合计 %llu 字节，超过了 %u MiB 的"
			    "上限，拒绝读取", total, MODEL_MAX_BYTES >> 20);
			goto fail;
		}
	}
	r->sections = xcalloc(files->n, sizeof(*r->sections));
	sorted = sort_listed(files);
	at = xcalloc(files->n, sizeof(*at));
	for (i = 0; i < files->n; i++)
		at[sorted[i].i] = i;
	{
		const char **names = xcalloc(files->n + 1, sizeof(*names));

		for (i = 0; i < files->n; i++)
			if (files->items[i]->kind == VALUE_STRING)
				names[i] = files->items[i]->str;
		pf = prefetch_start(diag, dir, c.within, names, files->n);
		free(names);
	}
	for (i = 0; i < files->n; i++) {
		const struct value *f = files->items[i], *sroot;
		size_t k;

		/* The same name listed before, in the order listed. */
		for (k = at[i]; k > 0 && strcmp(sorted[k - 1].name, f->str) == 0; k--)
			;
		for (; k < at[i]; k++)
			diag_error(diag, &f->pos, "文件“%s”重复列出（第一次在第 %d 行）",
			    f->str, files->items[sorted[k].i]->pos.line);
		if (strchr(f->str, '/') != NULL || f->str[0] == '.') {
			diag_error(diag, &f->pos, "“%s”应为同一文件夹中的文件名", f->str);
			continue;
		}
		path = path_join(dir, f->str);
		if (lstat(path, &st) != 0 && errno == ENOENT) {
			diag_error(diag, &f->pos, "找不到文件“%s”", path);
			free(path);
			continue;
		}
		doc = load_doc(&c, path, pf, i);
		free(path);
		if (doc == NULL)
			continue;
		sroot = value_doc_root(doc);
		c.file = sroot->pos.file;	/* the name as interned by the loader */
		c.doc = doc;
		if (check_map(&c, sroot, model_section_fields, f->str, 1) != 0)
			continue;
		build_section(&r->sections[r->nsections++], sroot, c.file, 1);
	}
	prefetch_free(pf);
	warn_unlisted(&c, dir, sorted, files->n);
	free(sorted);
	free(at);
	if (diag_errors(diag) > errors)
		goto fail;
	free(c.within);
	r->byname = xcalloc(r->nfiles + 1, sizeof(*r->byname));
	for (i = 0; i < r->nfiles; i++) {
		r->byname[i].name = r->files[i];
		r->byname[i].i = i;
	}
	qsort(r->byname, r->nfiles, sizeof(*r->byname), cmp_name);
	diag_summarize(diag);	/* what was not listed of each kind */
	return r;
fail:
	free(c.within);
	model_free(r);
	diag_summarize(diag);
	return NULL;
}

static void
free_section(struct section *s)
{
	size_t i;

	for (i = 0; i < s->nsubs; i++)
		free_section(&s->subs[i]);
	free(s->subs);
	free(s->items);
	free(s->paras);
}

void
model_free(struct report *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsections; i++)
		free_section(&r->sections[i]);
	free(r->sections);
	free(r->opening);
	free(r->closing);
	free(r->appendix);
	for (i = 0; i < r->nattachments; i++)
		free(r->attachments[i].paras);
	free(r->attachments);
	for (i = 0; i < r->ndocs; i++)
		value_doc_free(r->docs[i]);
	free(r->docs);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	free(r->byname);
	free(r->dir);
	free(r);
}
