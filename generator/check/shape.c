/*
 * shape.c: the shape kinds: required fields, the type (and allowed keys)
 * of a field, how many entries a list has, how long a text is.  The loader
 * already enforces the content format; these are the house's own limits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../util/strdist.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

static void
say(struct checkctx *c, const struct rule *r, const struct srcpos *pos,
    const char *a0, const char *a1)
{
	const char *args[2] = { a0, a1 };
	struct buf m;

	buf_init(&m);
	format_message(r->message, args, 2, &m);
	finding_add(c, r, pos, m.data, 0);
	buf_free(&m);
}

/* A count or length against the rule's limits. */
static void
limits(struct checkctx *c, const struct rule *r, const struct srcpos *pos, long n)
{
	char have[32], lim[32];

	if (r->has_min && n < r->min)
		snprintf(lim, sizeof(lim), "%ld", r->min);
	else if (r->has_max && n > r->max)
		snprintf(lim, sizeof(lim), "%ld", r->max);
	else
		return;
	snprintf(have, sizeof(have), "%ld", n);
	say(c, r, pos, have, lim);
}

static const struct value *
root_get(const struct report *r, const char *key)
{
	return r->ndocs > 0 ? value_get(value_doc_root(r->docs[0]), key) : NULL;
}

static long
paras(const struct value *v)
{
	if (v == NULL || v->kind == VALUE_NULL)
		return 0;
	return v->kind == VALUE_LIST ? (long)v->n : 1;
}

/* A section's own map, for paragraphs and sub-sections written as lists. */
static void
section_shape(struct checkctx *c, const struct rule *r, const struct section *s)
{
	const struct srcpos *pos = s->title ? &s->title->pos : NULL;
	struct srcpos none = { s->file, 1, 1 };
	size_t i;

	if (pos == NULL)
		pos = &none;
	switch (r->target) {
	case T_SEC_ID:
		if (r->kind == KIND_REQUIRED && s->id == NULL)
			say(c, r, pos, "section.id", NULL);
		break;
	case T_SEC_PARAS:
		if (r->kind == KIND_REQUIRED && s->nparas == 0)
			say(c, r, pos, "section.paragraphs", NULL);
		else if (r->kind == KIND_COUNT)
			limits(c, r, pos, (long)s->nparas);
		break;
	case T_SEC_ITEMS:
		if (r->kind == KIND_REQUIRED && s->nitems == 0)
			say(c, r, pos, "section.items", NULL);
		else if (r->kind == KIND_COUNT && (s->nitems > 0 || s->nsubs == 0))
			limits(c, r, pos, (long)s->nitems);
		break;
	case T_SEC_SUBS:
		if (r->kind == KIND_REQUIRED && s->nsubs == 0)
			say(c, r, pos, "section.sections", NULL);
		else if (r->kind == KIND_COUNT && s->nsubs > 0)
			limits(c, r, pos, (long)s->nsubs);
		break;
	case T_ITEM_ID:
	case T_ITEM_BODY:
	case T_ITEM_FACTS:
		for (i = 0; i < s->nitems; i++) {
			const struct item *it = &s->items[i];
			const struct srcpos *ip = it->lead ? &it->lead->pos : pos;

			if (r->target == T_ITEM_ID && it->id == NULL)
				say(c, r, ip, "item.id", NULL);
			else if (r->target == T_ITEM_FACTS && r->kind == KIND_REQUIRED &&
			    it->facts == NULL)
				say(c, r, ip, "item.facts", NULL);
			else if (r->target == T_ITEM_FACTS && r->kind == KIND_COUNT)
				limits(c, r, it->facts ? &it->facts->pos : ip,
				    it->facts ? (long)it->facts->n : 0);
			else if (r->target == T_ITEM_BODY && r->kind == KIND_COUNT)
				limits(c, r, it->body ? &it->body->pos : ip, paras(it->body));
		}
		break;
	default:
		break;
	}
	for (i = 0; i < s->nsubs; i++)
		section_shape(c, r, &s->subs[i]);
}

static void
report_shape(struct checkctx *c, const struct rule *r)
{
	const struct report *rep = c->r;
	const struct value *v = NULL;
	struct srcpos pos;
	size_t i;

	report_pos(rep, &pos);
	switch (r->target) {
	case T_SECTIONS:
		v = root_get(rep, "sections");
		limits(c, r, v ? &v->pos : &pos, (long)rep->nsections);
		return;
	case T_OPENING:
	case T_CLOSING:
		v = root_get(rep, r->target == T_OPENING ? "opening" : "closing");
		if (r->kind == KIND_REQUIRED) {
			if (paras(v) == 0)
				say(c, r, &pos, r->target == T_OPENING ? "opening" : "closing", NULL);
		} else
			limits(c, r, v ? &v->pos : &pos, paras(v));
		return;
	case T_TOPIC: v = rep->topic; break;
	case T_TITLE: v = rep->title; break;
	case T_ADDRESSEE: v = rep->addressee; break;
	case T_SIGNATURE: v = rep->signature; break;
	case T_DATE: v = rep->date; break;
	default:
		for (i = 0; i < rep->nsections; i++)
			section_shape(c, r, &rep->sections[i]);
		return;
	}
	if (v == NULL)
		say(c, r, &pos, target_names[r->target], NULL);
}

static int
is_year(const char *s)
{
	return strlen(s) == 4 && strspn(s, "0123456789") == 4;
}

static int
is_date(const char *s)
{
	int y, m, d;
	char tail[4];

	return sscanf(s, "%4d-%2d-%2d%1s", &y, &m, &d, tail) == 3 ||
	    sscanf(s, "%4d年%2d月%2d日%1s", &y, &m, &d, tail) == 3;
}

static const char *const vtype_zh[] = { "一段文字", "数字", "列表", "映射", "四位数的年份", "日期" };

static int
type_ok(const struct value *v, enum vtype t)
{
	switch (t) {
	case VT_TEXT: return v->kind == VALUE_STRING || v->kind == VALUE_NUMBER;
	case VT_NUMBER: return v->kind == VALUE_NUMBER;
	case VT_LIST: return v->kind == VALUE_LIST;
	case VT_MAP: return v->kind == VALUE_MAP;
	case VT_YEAR: return v->str != NULL && is_year(v->str);
	case VT_DATE: return v->str != NULL && is_date(v->str);
	}
	return 0;
}

static void
type_one(struct checkctx *c, const struct rule *r, const struct value *v)
{
	size_t i;

	if (v == NULL)
		return;
	if (!type_ok(v, r->type)) {
		say(c, r, &v->pos, vtype_zh[r->type], value_kind_name(v->kind));
		return;
	}
	for (i = 0; r->nkeys > 0 && v->kind == VALUE_MAP && i < v->n; i++) {
		size_t k;
		const char *s;
		struct buf m;

		for (k = 0; k < r->nkeys; k++)
			if (strcmp(r->keys[k], v->keys[i]) == 0)
				break;
		if (k < r->nkeys)
			continue;
		buf_init(&m);
		s = str_suggest(v->keys[i], (const char *const *)r->keys, r->nkeys);
		if (s != NULL)
			buf_printf(&m, "%s：未知的键“%s”，是不是“%s”？", r->message, v->keys[i], s);
		else
			buf_printf(&m, "%s：未知的键“%s”", r->message, v->keys[i]);
		finding_add(c, r, &v->keypos[i], m.data, 0);
		buf_free(&m);
	}
}

static void
type_section(struct checkctx *c, const struct rule *r, const struct section *s)
{
	size_t i;

	if (r->scope & (s->run_in != NULL ? F_RUN_IN_TITLE : F_SEC_TITLE))
		type_one(c, r, s->title);
	if (r->scope & F_SEC_RUN_IN)
		type_one(c, r, s->run_in);
	for (i = 0; (r->scope & F_SEC_PARAS) && i < s->nparas; i++)
		type_one(c, r, s->paras[i]);
	for (i = 0; i < s->nitems; i++) {
		if (r->scope & F_ITEM_LEAD)
			type_one(c, r, s->items[i].lead);
		if (r->scope & F_ITEM_BODY)
			type_one(c, r, s->items[i].body);
		if (r->scope & F_ITEM_FACTS)
			type_one(c, r, s->items[i].facts);
	}
	for (i = 0; i < s->nsubs; i++)
		type_section(c, r, &s->subs[i]);
}

/* Type rules look at whole field values (a body may be a list). */
static void
type_rule(struct checkctx *c, const struct rule *r)
{
	const struct report *rep = c->r;
	const struct {
		unsigned bit;
		const struct value *v;
	} top[] = {
		{ F_UNIT, rep->unit }, { F_YEAR, rep->year }, { F_TOPIC, rep->topic },
		{ F_TITLE, rep->title }, { F_ADDRESSEE, rep->addressee },
		{ F_SIGNATURE, rep->signature }, { F_DATE, rep->date },
		{ F_OPENING, root_get(rep, "opening") }, { F_CLOSING, root_get(rep, "closing") },
		{ F_SUBTITLE, rep->subtitle }, { F_BYLINE, rep->byline },
		{ F_APPENDIX, root_get(rep, "appendix") },
	};
	size_t i;

	for (i = 0; i < sizeof(top) / sizeof(top[0]); i++)
		if (r->scope & top[i].bit)
			type_one(c, r, top[i].v);
	for (i = 0; i < rep->nattachments; i++) {
		const struct attachment *a = &rep->attachments[i];

		if (r->scope & F_ATT_TITLE)
			type_one(c, r, a->title);
		if (r->scope & F_ATT_PARAS)
			type_one(c, r, value_get(a->entry, "paragraphs"));
	}
	for (i = 0; i < rep->nsections; i++)
		type_section(c, r, &rep->sections[i]);
}

static void
length_rule(struct checkctx *c, const struct rule *r)
{
	size_t i;

	for (i = 0; i < c->ntexts; i++) {
		struct ctext *t = &c->texts[i];
		struct srcpos pos;

		if (!(t->scope & r->scope))
			continue;
		long n = (long)utf8_count(t->norm, t->nlen);
		if ((r->has_min && n < r->min) || (r->has_max && n > r->max)) {
			text_pos(t, 0, &pos);
			limits(c, r, &pos, n);
		}
	}
}

void
run_shape_rule(struct checkctx *c, const struct rule *r)
{
	switch (r->kind) {
	case KIND_REQUIRED:
	case KIND_COUNT:
		report_shape(c, r);
		break;
	case KIND_TYPE:
		type_rule(c, r);
		break;
	case KIND_LENGTH:
		length_rule(c, r);
		break;
	default:
		break;
	}
}
