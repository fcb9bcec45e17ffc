/*
 * value.c: load YAML (and JSON, a subset of it) into the value tree with
 * libyaml's event API, keeping the position of every node, resolving plain
 * scalars by the YAML 1.2 core schema, and refusing hostile input (deep
 * nesting, alias bombs, huge files) in bounded time and memory.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "value.h"
#include "yamlerr.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

struct anchor {
	char		*name;
	struct value	*node;
	size_t		 size;	/* nodes in the subtree, aliases expanded */
};

/* Nodes are allocated many at a time. */
struct node_block {
	struct node_block *next;
	size_t		 n, cap;
	struct value	 v[];
};

struct value_doc {
	char		*text;
	size_t		 len;
	size_t		*line_start;	/* byte offset of each line */
	size_t		 nlines;
	struct node_block *blocks;	/* every node, the newest block first */
	struct value	*root;
};

/* A node under construction, with what is needed to finish it. */
struct frame {
	struct value	*node;
	char		*anchor;
	size_t		 size;		/* nodes so far, aliases expanded */
	char		*key;		/* pending map key */
	struct srcpos	 keypos;
};

struct loader {
	struct diag	*diag;
	const char	*path;		/* interned */
	struct value_doc *doc;
	struct frame	*stack;
	size_t		 depth;
	size_t		 stackcap;
	struct anchor	*anchors;
	size_t		 nanchors;
	size_t		 total;		/* nodes, aliases expanded */
	size_t		 aliases;	/* alias nodes (*name) met */
	int		 failed;
	/* The last mark placed by mark_offset(), to go on from. */
	size_t		 mline, mcol, moff;
};

static struct value *
doc_node(struct value_doc *d, enum value_kind kind)
{
	struct node_block *b = d->blocks;
	struct value *v;

	if (b == NULL || b->n == b->cap) {
		size_t cap = b == NULL ? 16 : b->cap < 1024 ? b->cap * 2 : b->cap;

		b = xcalloc(1, sizeof(*b) + cap * sizeof(b->v[0]));
		b->cap = cap;
		b->next = d->blocks;
		d->blocks = b;
	}
	v = &b->v[b->n++];
	v->kind = kind;
	return v;
}

static struct value *
new_node(struct loader *l, enum value_kind kind, const yaml_mark_t *m)
{
	struct value *v = doc_node(l->doc, kind);

	v->pos.file = l->path;
	v->pos.line = (int)m->line + 1;
	v->pos.col = (int)m->column + 1;
	v->end = v->pos;
	l->total++;
	return v;
}

/*
 * Byte offset of a libyaml mark (line and column in characters).  Marks
 * mostly come in file order, so a mark further on the line of the last
 * one is counted on from there rather than from the line's start.
 */
static size_t
mark_offset(struct loader *l, const yaml_mark_t *m)
{
	const struct value_doc *d = l->doc;
	size_t off, col = 0;

	if (m->line >= d->nlines)
		return d->len;
	off = d->line_start[m->line];
	if (m->line == l->mline && m->column >= l->mcol && l->moff >= off) {
		off = l->moff;
		col = l->mcol;
	}
	off += utf8_skip(d->text + off, d->len - off, m->column - col);
	l->mline = m->line;
	l->mcol = m->column;
	l->moff = off;
	return off;
}

static void
err_at(struct loader *l, int line, int col, const char *fmt, const char *arg)
{
	struct srcpos pos = { l->path, line, col };

	diag_report(l->diag, DIAG_ERROR, &pos, NULL, fmt, arg);
	l->failed = 1;
}

void
value_doc_yaml_text(const struct value_doc *d, struct yaml_text *t)
{
	t->text = d->text;
	t->len = d->len;
	t->line_start = d->line_start;
	t->nlines = d->nlines;
}

static void
parser_error(struct loader *l, const yaml_parser_t *p)
{
	struct yaml_text t;
	struct yaml_fault f;

	value_doc_yaml_text(l->doc, &t);
	yaml_explain(&t, p, &f);
	err_at(l, f.line, f.col, "%s", f.msg);
	free(f.msg);
}

/* Resolve a plain scalar by the YAML 1.2 core schema. */
static void
resolve_plain(struct value *v)
{
	const char *s = v->str;
	char *end;

	/* Only these first characters can start a null, a bool or a number. */
	if (v->len > 0 && strchr("~nNtTfF0123456789+-.eE", s[0]) == NULL)
		return;
	if (v->len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0) {
		v->kind = VALUE_NULL;
		return;
	}
	if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0) {
		v->kind = VALUE_BOOL;
		v->boolean = 1;
		return;
	}
	if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0) {
		v->kind = VALUE_BOOL;
		return;
	}
	/* Numbers: decimal only, with the characters strtod alone would accept. */
	if (strspn(s, "0123456789+-.eE") == v->len && strpbrk(s, "0123456789")) {
		errno = 0;
		double d = strtod(s, &end);
		if (*end == '\0' && errno == 0 && isfinite(d)) {
			v->kind = VALUE_NUMBER;
			v->num = d;
		}
	}
}

/*
 * Make room for one more list item or map pair.  The arrays start with
 * room for 4 and double when the count reaches a power of two from there;
 * every node grows only through here.
 */
static void
grow(struct value *p)
{
	size_t cap;

	if (p->n != 0 && (p->n < 4 || (p->n & (p->n - 1)) != 0))
		return;
	cap = p->n ? p->n * 2 : 4;
	p->items = xreallocarray(p->items, cap, sizeof(*p->items));
	if (p->kind == VALUE_MAP) {
		p->keys = xreallocarray(p->keys, cap, sizeof(*p->keys));
		p->keypos = xreallocarray(p->keypos, cap, sizeof(*p->keypos));
	}
}

static int
add_child(struct loader *l, struct value *child, size_t size, const yaml_mark_t *m)
{
	struct frame *f;
	struct value *p;

	if (l->total > VALUE_MAX_NODES) {
		if (l->aliases > 0)
			err_at(l, (int)m->line + 1, (int)m->column + 1,
			    "数据过大：展开别名后超过 %s 个节点（可能是恶意的“别名炸弹”）",
			    "1000000");
		else
			err_at(l, (int)m->line + 1, (int)m->column + 1,
			    "数据过大：超过 %s 个节点（列表项、键和值），拒绝读取；"
			    "一份报告用不了这么多项", "1000000");
		return -1;
	}
	if (l->depth == 0) {
		if (l->doc->root != NULL) {
			err_at(l, (int)m->line + 1, (int)m->column + 1, "%s",
			    "一个文件只能有一个 YAML 文档");
			return -1;
		}
		l->doc->root = child;
		return 0;
	}
	f = &l->stack[l->depth - 1];
	p = f->node;
	f->size += size;
	if (p->kind == VALUE_LIST) {
		grow(p);
		p->items[p->n++] = child;
		return 0;
	}
	/* A map: the child is a key or a value. */
	if (f->key == NULL) {
		size_t i;

		if (child->kind == VALUE_LIST || child->kind == VALUE_MAP) {
			err_at(l, child->pos.line, child->pos.col, "%s",
			    "映射的键必须是简单文字，不能是列表或映射");
			return -1;
		}
		/* "　　body: ..." : the key took the full-width indentation in. */
		if (child->style == STYLE_PLAIN && child->pos.line > 0) {
			struct yaml_text t;

			value_doc_yaml_text(l->doc, &t);
			if (yaml_fullwidth_indent(&t, (size_t)child->pos.line - 1) == child->pos.col) {
				err_at(l, child->pos.line, child->pos.col, "%s",
				    yaml_fullwidth_indent_msg);
				return -1;
			}
		}
		for (i = 0; i < p->n; i++) {
			if (strcmp(p->keys[i], child->str) == 0) {
				struct buf b;

				buf_init(&b);
				buf_printf(&b, "重复的键“%s”（第一次出现在第 %d 行）",
				    child->str, p->keypos[i].line);
				/* In a list's entry: most likely the next entry, without "- ". */
				if (l->depth >= 2 && l->stack[l->depth - 2].node->kind == VALUE_LIST)
					buf_puts(&b, "：如果这是新的一项，前面要加“- ”，"
					    "与上面的“- ”对齐");
				err_at(l, child->pos.line, child->pos.col, "%s", b.data);
				buf_free(&b);
				return -1;
			}
		}
		f->key = child->str;
		f->keypos = child->pos;
		return 0;
	}
	grow(p);
	p->items[p->n] = child;
	p->keys[p->n] = f->key;
	p->keypos[p->n] = f->keypos;
	p->n++;
	f->key = NULL;
	return 0;
}

static void
remember_anchor(struct loader *l, const yaml_char_t *name, struct value *v, size_t size)
{
	if (name == NULL)
		return;
	l->anchors = xreallocarray(l->anchors, l->nanchors + 1, sizeof(*l->anchors));
	l->anchors[l->nanchors].name = xstrdup((const char *)name);
	l->anchors[l->nanchors].node = v;
	l->anchors[l->nanchors].size = size;
	l->nanchors++;
}

static int
on_event(struct loader *l, yaml_event_t *e)
{
	struct value *v;
	size_t i;

	switch (e->type) {
	case YAML_SCALAR_EVENT: {
		const char *tag = (const char *)e->data.scalar.tag;

		v = new_node(l, VALUE_STRING, &e->start_mark);
		v->str = xstrndup((const char *)e->data.scalar.value, e->data.scalar.length);
		v->len = e->data.scalar.length;
		v->offset = mark_offset(l, &e->start_mark);
		v->end_offset = mark_offset(l, &e->end_mark);
		v->end.line = (int)e->end_mark.line + 1;
		v->end.col = (int)e->end_mark.column + 1;
		switch (e->data.scalar.style) {
		case YAML_SINGLE_QUOTED_SCALAR_STYLE: v->style = STYLE_SINGLE; break;
		case YAML_DOUBLE_QUOTED_SCALAR_STYLE: v->style = STYLE_DOUBLE; break;
		case YAML_LITERAL_SCALAR_STYLE: v->style = STYLE_LITERAL; break;
		case YAML_FOLDED_SCALAR_STYLE: v->style = STYLE_FOLDED; break;
		default: v->style = STYLE_PLAIN; break;
		}
		if (v->style == STYLE_PLAIN && (tag == NULL || strcmp(tag, "!") != 0))
			resolve_plain(v);
		if (tag != NULL && strcmp(tag, YAML_STR_TAG) == 0)
			v->kind = VALUE_STRING;
		if (memchr(v->str, '\0', v->len) != NULL) {
			err_at(l, v->pos.line, v->pos.col, "%s", "文字中有 NUL 字符");
			return -1;
		}
		remember_anchor(l, e->data.scalar.anchor, v, 1);
		return add_child(l, v, 1, &e->start_mark);
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (l->depth >= VALUE_MAX_DEPTH) {
			err_at(l, (int)e->start_mark.line + 1, (int)e->start_mark.column + 1,
			    "嵌套过深（超过 %s 层）", "256");
			return -1;
		}
		if (l->depth == l->stackcap) {
			l->stackcap = l->stackcap ? l->stackcap * 2 : 16;
			l->stack = xreallocarray(l->stack, l->stackcap, sizeof(*l->stack));
		}
		v = new_node(l, e->type == YAML_SEQUENCE_START_EVENT ? VALUE_LIST : VALUE_MAP,
		    &e->start_mark);
		v->style = STYLE_NONE;
		v->offset = mark_offset(l, &e->start_mark);
		l->stack[l->depth].node = v;
		l->stack[l->depth].size = 1;
		l->stack[l->depth].key = NULL;
		{
			const yaml_char_t *a = e->type == YAML_SEQUENCE_START_EVENT ?
			    e->data.sequence_start.anchor : e->data.mapping_start.anchor;
			l->stack[l->depth].anchor = a ? xstrdup((const char *)a) : NULL;
		}
		l->depth++;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: {
		struct frame f = l->stack[--l->depth];

		f.node->end.line = (int)e->end_mark.line + 1;
		f.node->end.col = (int)e->end_mark.column + 1;
		f.node->end_offset = mark_offset(l, &e->end_mark);
		remember_anchor(l, (const yaml_char_t *)f.anchor, f.node, f.size);
		free(f.anchor);
		return add_child(l, f.node, f.size, &e->start_mark);
	}
	case YAML_ALIAS_EVENT:
		for (i = l->nanchors; i > 0; i--)
			if (strcmp(l->anchors[i - 1].name, (const char *)e->data.alias.anchor) == 0)
				break;
		if (i == 0) {
			err_at(l, (int)e->start_mark.line + 1, (int)e->start_mark.column + 1,
			    "未定义的别名“*%s”", (const char *)e->data.alias.anchor);
			return -1;
		}
		l->total += l->anchors[i - 1].size;
		l->aliases++;
		return add_child(l, l->anchors[i - 1].node, l->anchors[i - 1].size,
		    &e->start_mark);
	case YAML_DOCUMENT_START_EVENT:
		if (l->doc->root != NULL) {
			err_at(l, (int)e->start_mark.line + 1, (int)e->start_mark.column + 1,
			    "%s", "一个文件只能有一个 YAML 文档");
			return -1;
		}
		return 0;
	default:
		return 0;
	}
}

struct value_doc *
value_load_text(struct diag *diag, const char *path, const char *text, size_t len)
{
	struct loader l;
	yaml_parser_t parser;
	yaml_event_t e;
	size_t bad, i;
	int done = 0;

	memset(&l, 0, sizeof(l));
	l.diag = diag;
	l.path = diag_intern(diag, path);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3, len -= 3;	/* a UTF-8 byte-order mark is accepted */
	l.doc = xcalloc(1, sizeof(*l.doc));
	l.doc->text = xstrndup(text, len);
	l.doc->len = len;
	l.doc->line_start = yaml_index_lines(l.doc->text, len, &l.doc->nlines);
	diag_add_source(diag, path, text, len);
	if (len > VALUE_MAX_FILE) {
		err_at(&l, 0, 0, "文件过大（超过 %s），拒绝读取", "16 MiB");
		goto fail;
	}
	if ((bad = utf8_invalid_at(text, len)) != (size_t)-1) {
		/* Report the first bad byte as line:col. */
		size_t line = 0, col = 1, off;
		char hex[8];

		while (line + 1 < l.doc->nlines && l.doc->line_start[line + 1] <= bad)
			line++;
		for (off = l.doc->line_start[line]; off < bad; col++) {
			uint32_t cp;
			size_t k = utf8_decode(text + off, bad - off, &cp);
			off += k ? k : 1;
		}
		snprintf(hex, sizeof(hex), "0x%02X", (unsigned char)text[bad]);
		err_at(&l, (int)line + 1, (int)col,
		    "不是有效的 UTF-8 编码（字节 %s）；请把文件另存为 UTF-8", hex);
		goto fail;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)l.doc->text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &e)) {
			parser_error(&l, &parser);
			break;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		if (on_event(&l, &e) != 0)
			done = 1;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&parser);
	for (i = 0; i < l.depth; i++)
		free(l.stack[i].anchor);
	free(l.stack);
	for (i = 0; i < l.nanchors; i++)
		free(l.anchors[i].name);
	free(l.anchors);
	if (l.failed)
		goto fail;
	if (l.doc->root == NULL) {
		yaml_mark_t m = { 0, 0, 0 };
		l.doc->root = new_node(&l, VALUE_NULL, &m);
		l.doc->root->str = xstrdup("");
	}
	return l.doc;
fail:
	value_doc_free(l.doc);
	return NULL;
}

struct value_doc *
value_load_file(struct diag *diag, const char *path)
{
	return value_load_file_within(diag, NULL, path);
}

struct value_doc *
value_load_file_within(struct diag *diag, const char *within, const char *path)
{
	struct value_doc *doc;
	char *text;
	size_t len;

	if (read_file_within(diag, within, path, VALUE_MAX_FILE, &text, &len) != 0)
		return NULL;
	doc = value_load_text(diag, path, text, len);
	free(text);
	return doc;
}

void
value_doc_free(struct value_doc *d)
{
	struct node_block *b, *next;
	size_t i;

	if (d == NULL)
		return;
	for (b = d->blocks; b != NULL; b = next) {
		next = b->next;
		for (i = 0; i < b->n; i++) {
			struct value *v = &b->v[i];

			free(v->str);
			free(v->items);
			if (v->built && v->kind == VALUE_MAP) {
				size_t k;
				/* Keys of built maps are owned by the map. */
				for (k = 0; k < v->n; k++)
					free(v->keys[k]);
			}
			free(v->keys);
			free(v->keypos);
		}
		free(b);
	}
	free(d->line_start);
	free(d->text);
	free(d);
}

const struct value *
value_doc_root(const struct value_doc *d)
{
	return d->root;
}

const char *
value_doc_text(const struct value_doc *d, size_t *len)
{
	if (len != NULL)
		*len = d->len;
	return d->text;
}

const struct value *
value_get(const struct value *v, const char *key)
{
	size_t i;

	if (v == NULL || v->kind != VALUE_MAP)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return v->items[i];
	return NULL;
}

const struct srcpos *
value_keypos(const struct value *v, const char *key)
{
	size_t i;

	for (i = 0; v != NULL && v->kind == VALUE_MAP && i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->keypos[i];
	return v ? &v->pos : NULL;
}

int
value_truthy(const struct value *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case VALUE_NULL: return 0;
	case VALUE_BOOL: return v->boolean;
	case VALUE_NUMBER: return v->num != 0;
	case VALUE_STRING: return 1;
	default: return v->n > 0;
	}
}

const char *
value_kind_name(enum value_kind k)
{
	static const char *names[] = { "空值", "布尔值", "数字", "文字", "列表", "映射" };
	return names[k];
}

struct value_doc *
value_doc_new(void)
{
	struct value_doc *d = xcalloc(1, sizeof(*d));

	d->text = xstrdup("");
	return d;
}

struct value *
value_new(struct value_doc *d, enum value_kind kind)
{
	struct value *v = doc_node(d, kind);

	v->style = STYLE_NONE;
	v->built = 1;
	if (kind != VALUE_LIST && kind != VALUE_MAP)
		v->str = xstrdup("");
	return v;
}

struct value *
value_new_string(struct value_doc *d, const char *s, size_t len)
{
	struct value *v = value_new(d, VALUE_STRING);

	free(v->str);
	v->str = xstrndup(s, len);
	v->len = len;
	return v;
}

struct value *
value_new_bool(struct value_doc *d, int b)
{
	struct value *v = value_new(d, VALUE_BOOL);

	free(v->str);
	v->str = xstrdup(b ? "true" : "false");
	v->len = strlen(v->str);
	v->boolean = b != 0;
	return v;
}

void
value_push(struct value *list, struct value *item)
{
	grow(list);
	list->items[list->n++] = item;
}

void
value_set(struct value_doc *d, struct value *map, const char *key, struct value *item)
{
	size_t i;

	(void)d;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0) {
			map->items[i] = item;
			return;
		}
	grow(map);
	map->items[map->n] = item;
	map->keys[map->n] = xstrdup(key);
	memset(&map->keypos[map->n], 0, sizeof(map->keypos[0]));
	map->n++;
}

struct value *
value_set_string(struct value_doc *d, struct value *map, const char *key, const char *s)
{
	struct value *v = value_new_string(d, s, strlen(s));

	value_set(d, map, key, v);
	return v;
}

void
value_doc_set_root(struct value_doc *d, struct value *root)
{
	d->root = root;
}
