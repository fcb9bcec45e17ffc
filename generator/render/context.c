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
#include "../util/utf8.h"
#include "../util/xalloc.h"

void
cn_numeral(int n, struct buf *out)
{
	static const char *d[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

	if (n <= 0 || n > 999) {
		buf_printf(out, "%d", n);
		return;
	}
	if (n >= 100) {
		buf_puts(out, d[n / 100]);
		buf_puts(out, "百");
		n %= 100;
		if (n == 0)
			return;
		if (n < 10) {
			buf_puts(out, "零");
			buf_puts(out, d[n]);
			return;
		}
		buf_puts(out, d[n / 10]);	/* 一百一十 */
		buf_puts(out, "十");
		if (n % 10)
			buf_puts(out, d[n % 10]);
		return;
	}
	if (n >= 10) {
		if (n >= 20)
			buf_puts(out, d[n / 10]);
		buf_puts(out, "十");
		n %= 10;
		if (n == 0)
			return;
	}
	buf_puts(out, d[n]);
}

void
text_normalize(const char *s, size_t len, struct buf *out)
{
	size_t i = 0, k;
	uint32_t cp, prev = 0;
	int pending = 0;	/* a whitespace run waits to be written */

	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1, cp = 0xFFFD;
		if (uc_is_space(cp) && cp != 0x3000) {
			pending = prev != 0;
			i += k;
			continue;
		}
		if (pending && !(uc_is_wide(prev) && uc_is_wide(cp)))
			buf_putc(out, ' ');
		pending = 0;
		buf_put(out, s + i, k);
		prev = cp;
		i += k;
	}
	if (out->data == NULL)
		buf_grow(out, 0);
}

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

/* Every {{name}} in an item's body must name one of its facts. */
static int
check_fact_refs(struct diag *diag, const struct item *it)
{
	const char *s = it->body->str, *p = s, *q;
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
			struct srcpos pos = it->body->pos;
			if (it->body->style == STYLE_PLAIN && it->body->pos.line == it->body->end.line)
				pos.col += (int)utf8_count(s, (size_t)(p - s));
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

static int
add_items(struct diag *diag, struct value_doc *doc, struct value *sec, const struct section *s)
{
	struct value *items = value_new(doc, VALUE_LIST);
	struct mustache_opts mo = { ESCAPE_NONE, NULL, NULL };
	struct buf b, body;
	size_t i;
	int rc = 0;

	buf_init(&b);
	buf_init(&body);
	for (i = 0; i < s->nitems; i++) {
		const struct item *it = &s->items[i];
		struct value *v = value_new(doc, VALUE_MAP);
		size_t n, last;
		uint32_t cp = 0, first = 0;

		buf_reset(&b);
		cn_numeral((int)i + 1, &b);
		buf_puts(&b, "是");
		value_set_string(doc, v, "ordinal", b.data);
		if (it->id != NULL)
			value_set_string(doc, v, "id", it->id->str);

		/* The body, with its facts put in. */
		buf_reset(&body);
		if (check_fact_refs(diag, it) != 0 ||
		    mustache_render(diag, it->body->pos.file, it->body->str, it->body->len,
		    it->facts, &mo, &body) != 0) {
			rc = -1;
			continue;
		}
		buf_reset(&b);
		text_normalize(body.data ? body.data : "", body.len, &b);
		value_set(doc, v, "body", value_new_string(doc, b.data, b.len));
		if (b.len > 0)
			utf8_decode(b.data, b.len, &first);

		/*
		 * The lead.  CommonMark closes ** only when it is not preceded
		 * by punctuation or is followed by punctuation or space, so a
		 * lead ending in 。 before a Chinese character would not be
		 * bold: its last mark goes after the closing ** (lead_tail).
		 */
		buf_reset(&b);
		text_normalize(it->lead->str, it->lead->len, &b);
		last = b.len;
		for (n = 0; n < b.len; ) {
			size_t k = utf8_decode(b.data + n, b.len - n, &cp);
			last = n;
			n += k ? k : 1;
		}
		if (b.len > 0)
			utf8_decode(b.data + last, b.len - last, &cp);
		if (b.len > 0 && last > 0 && (uc_is_cjk_punct(cp) || (cp < 0x80 && strchr("!\"'),.:;?]}", (int)cp))) &&
		    first != 0 && !uc_is_space(first) && !uc_is_cjk_punct(first)) {
			value_set(doc, v, "lead", value_new_string(doc, b.data, last));
			value_set(doc, v, "lead_tail", value_new_string(doc, b.data + last, b.len - last));
		} else {
			value_set(doc, v, "lead", value_new_string(doc, b.data, b.len));
			value_set_string(doc, v, "lead_tail", "");
		}
		value_push(items, v);
	}
	value_set(doc, sec, "items", items);
	buf_free(&b);
	buf_free(&body);
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
	switch (s->level) {
	case 1:
		cn_numeral(index, &b);
		buf_puts(&b, "、");
		break;
	case 2:
		buf_puts(&b, "（");
		cn_numeral(index, &b);
		buf_puts(&b, "）");
		break;
	case 3:
		buf_printf(&b, "%d.", index);
		break;
	default:
		buf_printf(&b, "（%d）", index);
		break;
	}
	value_set_string(doc, v, "number", b.data);
	value_set_string(doc, v, "hashes", hashes[s->level]);
	if (s->id != NULL)
		value_set_string(doc, v, "id", s->id->str);
	set_text(doc, v, "title", s->title);
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
