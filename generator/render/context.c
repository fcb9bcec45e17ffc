/*
 * context.c: turn the document model into the Mustache context of the
 * report template.  Everything the author does not type (numbering, the
 * title, the colon after the addressee, dates in Chinese) is made here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "mustache.h"
#include "../util/cnnum.h"
#include "../util/textnorm.h"
#include "../load/scalar_map.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

void
report_title(const struct report *r, struct buf *out)
{
	if (r->title != NULL) {
		text_normalize(r->title->str, r->title->len, out);
		return;
	}
	text_normalize(r->unit->str, r->unit->len, out);
	buf_printf(out, "%s年度", r->year->str);
	if (r->topic != NULL)
		text_normalize(r->topic->str, r->topic->len, out);
	buf_puts(out, "述职报告");
}

static struct value *
set_text(struct value_doc *doc, struct value *map, const char *key, const struct value *v)
{
	struct buf b;
	struct value *s;

	buf_init(&b);
	if (v != NULL)
		text_normalize(v->str, v->len, &b);
	else
		buf_grow(&b, 0);
	s = value_new_string(doc, b.data, b.len);
	if (v != NULL)
		s->pos = v->pos;
	value_set(doc, map, key, s);
	buf_free(&b);
	return s;
}

static struct value *
text_list(struct value_doc *doc, const struct value **paras, size_t n)
{
	struct value *list = value_new(doc, VALUE_LIST);
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		buf_reset(&b);
		text_normalize(paras[i]->str, paras[i]->len, &b);
		if (b.len > 0)
			value_push(list, value_new_string(doc, b.data, b.len));
	}
	buf_free(&b);
	return list;
}

/* Where byte off of a value is in its file, for a template that is the value. */
struct where {
	struct diag		*diag;
	const struct value	*v;
	struct scalar_map	 map;
	int			 mapped;
};

static void
where_locate(void *arg, size_t off, struct srcpos *pos)
{
	struct where *w = arg;
	const char *text;
	size_t len;

	*pos = w->v->pos;
	if (!w->mapped) {
		if (w->v->pos.file == NULL ||
		    (text = diag_source(w->diag, w->v->pos.file, &len)) == NULL)
			return;
		scalar_map_init_text(&w->map, text, len, w->v);
		w->mapped = 1;
	}
	scalar_map_pos(&w->map, off, pos);
}

/* Every {{name}} in a paragraph of an item's body must name one of its facts. */
static int
check_fact_refs(struct diag *diag, const struct item *it, const struct value *para,
    struct where *w)
{
	const char *s = para->str, *p = s, *q;
	int rc = 0;

	while ((p = strstr(p, "{{")) != NULL) {
		char name[256];
		size_t n;

		if ((q = strstr(p + 2, "}}")) == NULL)
			break;
		n = (size_t)(q - p - 2);
		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, p + 2, n);
		name[n] = '\0';
		/* Trim spaces Mustache allows inside the tag. */
		char *a = name, *e = name + strlen(name);
		while (*a == ' ')
			a++;
		while (e > a && e[-1] == ' ')
			*--e = '\0';
		if (strchr("#^/>!&{=$<", *a) == NULL && value_get(it->facts, a) == NULL) {
			struct srcpos pos;

			where_locate(w, (size_t)(p - s), &pos);
			if (it->facts == NULL)
				diag_error(diag, &pos, "正文引用了事实“%s”，但这个条目没有 facts", a);
			else
				diag_error(diag, &pos, "正文引用了未定义的事实“%s”", a);
			rc = -1;
		}
		p = q + 2;
	}
	return rc;
}

/*
 * Set key (bold) and tail_key to text split for "**text**tail": CommonMark
 * closes ** only when it is not preceded by punctuation or is followed by
 * punctuation or space, so bold text ending in 。 before a Chinese
 * character would not be bold; its last mark goes after the closing **,
 * whatever follows it (a lead's 。 is set alike before 党 and before “).
 */
static void
set_bold(struct value_doc *doc, struct value *v, const char *key, const char *tail_key,
    const struct buf *b)
{
	size_t n, last = b->len;
	uint32_t cp = 0;

	for (n = 0; n < b->len; ) {
		size_t k = utf8_decode(b->data + n, b->len - n, &cp);
		last = n;
		n += k ? k : 1;
	}
	if (b->len > 0)
		utf8_decode(b->data + last, b->len - last, &cp);
	if (b->len > 0 && last > 0 && (uc_is_cjk_punct(cp) || (cp < 0x80 && strchr("!\"'),.:;?]}", (int)cp)))) {
		value_set(doc, v, key, value_new_string(doc, b->data, last));
		value_set(doc, v, tail_key, value_new_string(doc, b->data + last, b->len - last));
	} else {
		value_set(doc, v, key, value_new_string(doc, b->data ? b->data : "", b->len));
		value_set_string(doc, v, tail_key, "");
	}
}

/* Whether s holds "{{". */
static int
has_tag(const char *s, size_t len)
{
	const char *p, *end = s + len;

	for (p = s; (p = memchr(p, '{', (size_t)(end - p))) != NULL && p + 1 < end; p++)
		if (p[1] == '{')
			return 1;
	return 0;
}

/* One paragraph of an item's body with its facts put in, normalised. */
static int
item_para(struct diag *diag, const struct item *it, const struct value *para, struct buf *out)
{
	struct mustache_opts mo = { ESCAPE_NONE, NULL, NULL, where_locate, NULL };
	struct where w = { diag, para, { 0 }, 0 };
	struct buf body;
	int rc = 0;

	/* Without a tag, rendering gives the text back as it is. */
	if (!has_tag(para->str, para->len) &&
	    utf8_invalid_at(para->str, para->len) == (size_t)-1) {
		text_normalize(para->str, para->len, out);
		return 0;
	}
	buf_init(&body);
	mo.locate_arg = &w;
	if (check_fact_refs(diag, it, para, &w) != 0 ||
	    mustache_render(diag, para->pos.file, para->str, para->len,
	    it->facts, &mo, &body) != 0)
		rc = -1;
	else
		text_normalize(body.data ? body.data : "", body.len, out);
	buf_free(&body);
	if (w.mapped)
		scalar_map_free(&w.map);
	return rc;
}

static int
add_items(struct diag *diag, struct value_doc *doc, struct value *sec, const struct section *s)
{
	struct value *items = value_new(doc, VALUE_LIST);
	struct buf b;
	size_t i, k;
	int rc = 0;

	buf_init(&b);
	for (i = 0; i < s->nitems; i++) {
		const struct item *it = &s->items[i];
		struct value *v = value_new(doc, VALUE_MAP), *more;
		const struct value *first = it->body;

		buf_reset(&b);
		cn_numeral((int)i + 1, &b);
		buf_puts(&b, "是");
		value_set_string(doc, v, "ordinal", b.data);
		if (it->id != NULL)
			value_set_string(doc, v, "id", it->id->str);

		/*
		 * The body: one text, or a list whose first paragraph follows
		 * the lead and the rest stand as paragraphs of their own (more).
		 */
		if (first->kind == VALUE_LIST)
			first = first->n > 0 ? first->items[0] : NULL;
		more = value_new(doc, VALUE_LIST);
		for (k = 1; it->body->kind == VALUE_LIST && k < it->body->n; k++) {
			buf_reset(&b);
			if (item_para(diag, it, it->body->items[k], &b) != 0)
				rc = -1;
			else if (b.len > 0)
				value_push(more, value_new_string(doc, b.data, b.len));
		}
		value_set(doc, v, "more", more);
		buf_reset(&b);
		if (first != NULL && item_para(diag, it, first, &b) != 0) {
			rc = -1;
			continue;
		}
		value_set(doc, v, "body", value_new_string(doc, b.data ? b.data : "", b.len));

		/* The lead, bold. */
		buf_reset(&b);
		text_normalize(it->lead->str, it->lead->len, &b);
		set_bold(doc, v, "lead", "lead_tail", &b);
		value_push(items, v);
	}
	value_set(doc, sec, "items", items);
	buf_free(&b);
	return rc;
}

static int
add_section(struct diag *diag, struct value_doc *doc, struct value *list,
    const struct section *s, int index)
{
	static const char *hashes[] = { "", "##", "###", "####", "#####" };
	struct value *v = value_new(doc, VALUE_MAP), *subs;
	struct buf b;
	size_t i;
	int rc = 0;

	buf_init(&b);
	section_number(s->level, index, &b);
	value_set_string(doc, v, "number", b.data);
	value_set_string(doc, v, "hashes", hashes[s->level]);
	/* A run-in title is set in the style of the heading it would be (typesetter). */
	{
		char lv[24];

		snprintf(lv, sizeof(lv), "%zu", strlen(hashes[s->level]));
		value_set_string(doc, v, "heading_level", lv);
	}
	if (s->id != NULL)
		value_set_string(doc, v, "id", s->id->str);
	if (s->run_in != NULL) {
		/* The title in bold, and text running on in the same paragraph. */
		struct buf t;

		buf_init(&t);
		text_normalize(s->run_in->str, s->run_in->len, &t);
		value_set(doc, v, "run_in_text", value_new_string(doc, t.data, t.len));
		buf_reset(&t);
		text_normalize(s->title->str, s->title->len, &t);
		set_bold(doc, v, "title", "title_tail", &t);
		buf_free(&t);
	} else
		set_text(doc, v, "title", s->title);
	value_set(doc, v, "run_in", value_new_bool(doc, s->run_in != NULL));
	value_set(doc, v, "paragraphs", text_list(doc, s->paras, s->nparas));
	if (add_items(diag, doc, v, s) != 0)
		rc = -1;
	subs = value_new(doc, VALUE_LIST);
	for (i = 0; i < s->nsubs; i++)
		if (add_section(diag, doc, subs, &s->subs[i], (int)i + 1) != 0)
			rc = -1;
	value_set(doc, v, "sections", subs);
	value_push(list, v);
	buf_free(&b);
	return rc;
}

/* Each attachment: its label (附件, or 附件1, 附件2 ... when there are several), title, text. */
static void
add_attachments(struct value_doc *doc, struct value *root, const struct report *r)
{
	struct value *list = value_new(doc, VALUE_LIST);
	struct buf label;
	size_t i;

	buf_init(&label);
	for (i = 0; i < r->nattachments; i++) {
		const struct attachment *a = &r->attachments[i];
		struct value *v = value_new(doc, VALUE_MAP);

		buf_reset(&label);
		attachment_label((int)i + 1, (int)r->nattachments, &label);
		value_set_string(doc, v, "label", label.data);
		set_text(doc, v, "title", a->title);
		value_set(doc, v, "paragraphs", text_list(doc, a->paras, a->nparas));
		value_push(list, v);
	}
	buf_free(&label);
	value_set(doc, root, "attachments", list);
}

struct value_doc *
context_build(struct diag *diag, const struct report *r)
{
	struct value_doc *doc = value_doc_new();
	struct value *root = value_new(doc, VALUE_MAP), *list;
	struct buf b;
	size_t i;
	int rc = 0;

	value_doc_set_root(doc, root);
	buf_init(&b);
	report_title(r, &b);
	value_set_string(doc, root, "title", b.data);
	set_text(doc, root, "unit", r->unit);
	value_set_string(doc, root, "year", r->year->str);
	if (r->topic != NULL)
		set_text(doc, root, "topic", r->topic);
	if (r->subtitle != NULL)
		set_text(doc, root, "subtitle", r->subtitle);
	if (r->byline != NULL)
		set_text(doc, root, "byline", r->byline);
	if (r->addressee != NULL)
		set_text(doc, root, "addressee", r->addressee);
	if (r->signature != NULL)
		set_text(doc, root, "signature", r->signature);
	if (r->date != NULL) {
		int y, m, d;
		char tail[8];

		buf_reset(&b);
		if (sscanf(r->date->str, "%d-%d-%d%1s", &y, &m, &d, tail) == 3 ||
		    sscanf(r->date->str, "%d年%d月%d日%1s", &y, &m, &d, tail) == 3)
			buf_printf(&b, "%d年%d月%d日", y, m, d);
		value_set_string(doc, root, "date", b.data);
	}
	value_set(doc, root, "opening", text_list(doc, r->opening, r->nopening));
	value_set(doc, root, "closing", text_list(doc, r->closing, r->nclosing));
	value_set(doc, root, "appendix", text_list(doc, r->appendix, r->nappendix));
	add_attachments(doc, root, r);
	list = value_new(doc, VALUE_LIST);
	for (i = 0; i < r->nsections; i++)
		if (add_section(diag, doc, list, &r->sections[i], (int)i + 1) != 0)
			rc = -1;
	value_set(doc, root, "sections", list);
	buf_free(&b);
	if (rc != 0) {
		value_doc_free(doc);
		return NULL;
	}
	return doc;
}
