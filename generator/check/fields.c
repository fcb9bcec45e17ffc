/*
 * fields.c: the texts of a report the rules look at, named by scope, each
 * with whitespace laid out by util/textnorm as the report prints it (so
 * the rules see what the reader will see) and a way back to its bytes in
 * the YAML file.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../util/textnorm.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/*
 * Every text the report prints is in one scope or another: a field added
 * to the content is added here too (tests/fields.py puts a comma into each
 * field of the schema and expects one finding there).
 */
static const struct {
	const char	*name;
	unsigned	 bits;
} scopes[] = {
	{ "all", F_ALL },
	{ "text", F_ALL & ~(F_YEAR | F_DATE) },
	{ "metadata", F_UNIT | F_YEAR | F_TOPIC | F_TITLE | F_SUBTITLE | F_BYLINE | F_ADDRESSEE |
	  F_SIGNATURE | F_DATE },
	{ "titles", F_TITLE | F_SEC_TITLES | F_ATT_TITLE },
	{ "leads", F_ITEM_LEAD },
	{ "body", F_OPENING | F_CLOSING | F_SEC_PARAS | F_SEC_RUN_IN | F_ITEM_BODY | F_APPENDIX |
	  F_ATT_PARAS },
	{ "facts", F_ITEM_FACTS },
	{ "unit", F_UNIT },
	{ "year", F_YEAR },
	{ "topic", F_TOPIC },
	{ "title", F_TITLE },
	{ "subtitle", F_SUBTITLE },
	{ "byline", F_BYLINE },
	{ "addressee", F_ADDRESSEE },
	{ "signature", F_SIGNATURE },
	{ "date", F_DATE },
	{ "opening", F_OPENING },
	{ "closing", F_CLOSING },
	{ "appendix", F_APPENDIX },
	{ "section.title", F_SEC_TITLES },
	{ "section.run-in-title", F_RUN_IN_TITLE },
	{ "section.run_in", F_SEC_RUN_IN },
	{ "section.paragraphs", F_SEC_PARAS },
	{ "item.lead", F_ITEM_LEAD },
	{ "item.body", F_ITEM_BODY },
	{ "item.facts", F_ITEM_FACTS },
	{ "attachment.title", F_ATT_TITLE },
	{ "attachment.paragraphs", F_ATT_PARAS },
};

const char *const scope_names[] = {
	"all", "text", "metadata", "titles", "leads", "body", "facts", "unit", "year",
	"topic", "title", "subtitle", "byline", "addressee", "signature", "date", "opening",
	"closing", "appendix", "section.title", "section.run-in-title", "section.run_in",
	"section.paragraphs", "item.lead", "item.body", "item.facts", "attachment.title",
	"attachment.paragraphs",
};
const size_t nscope_names = sizeof(scope_names) / sizeof(scope_names[0]);

int
scope_lookup(const char *name, unsigned *bits)
{
	size_t i;

	for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
		if (strcmp(scopes[i].name, name) == 0) {
			*bits = scopes[i].bits;
			return 0;
		}
	return -1;
}

static const struct {
	const char	*name;
	enum target	 t;
	int		 countable, requirable;
} targets[] = {
	{ "sections", T_SECTIONS, 1, 0 },
	{ "opening", T_OPENING, 1, 1 },
	{ "closing", T_CLOSING, 1, 1 },
	{ "topic", T_TOPIC, 0, 1 },
	{ "title", T_TITLE, 0, 1 },
	{ "addressee", T_ADDRESSEE, 0, 1 },
	{ "signature", T_SIGNATURE, 0, 1 },
	{ "date", T_DATE, 0, 1 },
	{ "section.id", T_SEC_ID, 0, 1 },
	{ "section.paragraphs", T_SEC_PARAS, 1, 1 },
	{ "section.items", T_SEC_ITEMS, 1, 1 },
	{ "section.sections", T_SEC_SUBS, 1, 1 },
	{ "item.id", T_ITEM_ID, 0, 1 },
	{ "item.body", T_ITEM_BODY, 1, 0 },
	{ "item.facts", T_ITEM_FACTS, 1, 1 },
};

const char *const target_names[] = {
	"sections", "opening", "closing", "topic", "title", "addressee", "signature",
	"date", "section.id", "section.paragraphs", "section.items", "section.sections",
	"item.id", "item.body", "item.facts",
};
const size_t ntarget_names = sizeof(target_names) / sizeof(target_names[0]);

int
target_lookup(const char *name, enum target *t, int *countable, int *requirable)
{
	size_t i;

	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		if (strcmp(targets[i].name, name) == 0) {
			*t = targets[i].t;
			*countable = targets[i].countable;
			*requirable = targets[i].requirable;
			return 0;
		}
	return -1;
}

int
file_index(const struct report *r, const char *file)
{
	return (int)model_file_index(r, file);
}

int
ctx_file_index(struct checkctx *c, const char *file)
{
	/* Texts and findings come file by file, their names one string each. */
	if (file == NULL || file != c->last_file) {
		c->last_fileno = file_index(c->r, file);
		c->last_file = file;
	}
	return c->last_fileno;
}

void
report_pos(const struct report *r, struct srcpos *pos)
{
	const struct value *root = r->ndocs > 0 ? value_doc_root(r->docs[0]) : NULL;

	if (root != NULL)
		*pos = root->pos;
	else {
		pos->file = r->unit ? r->unit->pos.file : NULL;
		pos->line = 1;
		pos->col = 1;
	}
}

/*
 * Was the whitespace of value bytes [a, b) typed on one line, not made by
 * a line break of the file (folded, or in a block scalar)?
 */
static int
typed(struct ctext *t, size_t a, size_t b)
{
	const struct scalar_map *m;
	size_t i;

	for (i = a; i < b; i++)
		if (t->v->str[i] == '\n' || t->v->str[i] == '\r')
			return 0;
	if (t->v->pos.line == t->v->end.line)
		return 1;
	m = text_map(t);
	if (!m->exact)
		return 0;
	for (i = a; i < b; i++)
		if (m->end[i] - m->start[i] != 1 || m->text[m->start[i]] == '\n' ||
		    m->text[m->start[i]] == '\r')
			return 0;
	return 1;
}

/*
 * A space typed next to a Chinese punctuation mark (国有企业 “争链主) is
 * kept for the spacing rules to see, though the report drops it.
 */
static int
keep_typed(void *arg, size_t a, size_t b, uint32_t prev, uint32_t next)
{
	return (uc_is_cjk_punct(prev) || uc_is_cjk_punct(next)) && typed(arg, a, b);
}

/* The text the rules see: the report's (textnorm), with the value bytes of each byte. */
static void
normalize(struct ctext *t)
{
	struct textnorm n;

	textnorm_map(t->v->str, t->v->len, SCAN_PAD, keep_typed, t, &n);
	t->norm = n.text;
	t->nlen = n.len;
	t->nstart = n.start;
	t->nend = n.end;
}

static void
find_tags(struct ctext *t)
{
	const char *p = t->norm, *q;
	size_t cap = 0;

	while ((p = strstr(p, "{{")) != NULL && (q = strstr(p + 2, "}}")) != NULL) {
		if (t->ntags + 2 > cap) {
			cap = cap ? cap * 2 : 8;
			t->tags = xreallocarray(t->tags, cap, sizeof(size_t));
		}
		t->tags[t->ntags++] = (size_t)(p - t->norm);
		t->tags[t->ntags++] = (size_t)(q + 2 - t->norm);
		p = q + 2;
	}
}

static void
add(struct checkctx *c, const struct value *v, unsigned scope, size_t *cap)
{
	struct ctext *t;
	int fi;

	if (v == NULL || v->str == NULL || (v->kind != VALUE_STRING && v->kind != VALUE_NUMBER))
		return;
	if (c->ntexts == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		c->texts = xreallocarray(c->texts, *cap, sizeof(*c->texts));
	}
	t = &c->texts[c->ntexts++];
	memset(t, 0, sizeof(*t));
	t->v = v;
	t->scope = scope;
	fi = ctx_file_index(c, v->pos.file);
	t->fileno = fi;
	t->doc = (size_t)fi < c->r->ndocs ? c->r->docs[fi] : NULL;
	normalize(t);
	if (scope == F_ITEM_BODY)
		find_tags(t);
}

static void
add_paras(struct checkctx *c, const struct value *const *p, size_t n, unsigned scope, size_t *cap)
{
	size_t i;

	for (i = 0; i < n; i++)
		add(c, p[i], scope, cap);
}

static void
add_section(struct checkctx *c, const struct section *s, size_t *cap)
{
	size_t i, k;

	add(c, s->title, s->run_in != NULL ? F_RUN_IN_TITLE : F_SEC_TITLE, cap);
	add(c, s->run_in, F_SEC_RUN_IN, cap);
	add_paras(c, s->paras, s->nparas, F_SEC_PARAS, cap);
	for (i = 0; i < s->nitems; i++) {
		const struct item *it = &s->items[i];

		add(c, it->lead, F_ITEM_LEAD, cap);
		if (it->body != NULL && it->body->kind == VALUE_LIST)
			for (k = 0; k < it->body->n; k++)
				add(c, it->body->items[k], F_ITEM_BODY, cap);
		else
			add(c, it->body, F_ITEM_BODY, cap);
		for (k = 0; it->facts != NULL && k < it->facts->n; k++)
			add(c, it->facts->items[k], F_ITEM_FACTS, cap);
	}
	for (i = 0; i < s->nsubs; i++)
		add_section(c, &s->subs[i], cap);
}

static int
cmp_text(const void *a, const void *b)
{
	const struct ctext *x = a, *y = b;

	if (x->fileno != y->fileno)
		return x->fileno < y->fileno ? -1 : 1;
	if (x->v->offset != y->v->offset)
		return x->v->offset < y->v->offset ? -1 : 1;
	return 0;
}

void
texts_collect(struct checkctx *c)
{
	const struct report *r = c->r;
	size_t cap = 0, i;

	add(c, r->unit, F_UNIT, &cap);
	add(c, r->year, F_YEAR, &cap);
	add(c, r->topic, F_TOPIC, &cap);
	add(c, r->title, F_TITLE, &cap);
	add(c, r->subtitle, F_SUBTITLE, &cap);
	add(c, r->byline, F_BYLINE, &cap);
	add(c, r->addressee, F_ADDRESSEE, &cap);
	add(c, r->signature, F_SIGNATURE, &cap);
	add(c, r->date, F_DATE, &cap);
	add_paras(c, r->opening, r->nopening, F_OPENING, &cap);
	add_paras(c, r->closing, r->nclosing, F_CLOSING, &cap);
	add_paras(c, r->appendix, r->nappendix, F_APPENDIX, &cap);
	for (i = 0; i < r->nattachments; i++) {
		add(c, r->attachments[i].title, F_ATT_TITLE, &cap);
		add_paras(c, r->attachments[i].paras, r->attachments[i].nparas, F_ATT_PARAS,
		    &cap);
	}
	for (i = 0; i < r->nsections; i++)
		add_section(c, &r->sections[i], &cap);
	/* Document order, so "first seen" means what a reader sees first. */
	if (c->ntexts > 1)
		qsort(c->texts, c->ntexts, sizeof(*c->texts), cmp_text);
}

void
texts_free(struct checkctx *c)
{
	size_t i;

	for (i = 0; i < c->ntexts; i++) {
		struct ctext *t = &c->texts[i];

		free(t->norm);
		free(t->nstart);
		free(t->nend);
		free(t->tags);
		if (t->map != NULL) {
			scalar_map_free(t->map);
			free(t->map);
		}
	}
	free(c->texts);
	c->texts = NULL;
	c->ntexts = 0;
}

void
text_value_range(const struct ctext *t, size_t a, size_t b, size_t *va, size_t *vb)
{
	if (t->nstart == NULL) {
		*va = a;
		*vb = b;
		return;
	}
	*va = t->nstart[a];
	*vb = b > a ? t->nend[b - 1] : *va;
}

struct scalar_map *
text_map(struct ctext *t)
{
	if (t->map == NULL) {
		t->map = xcalloc(1, sizeof(*t->map));
		if (t->doc != NULL)
			scalar_map_init(t->map, t->doc, t->v);
		else
			scalar_map_init_text(t->map, "", 0, t->v);
	}
	return t->map;
}

void
text_pos(struct ctext *t, size_t a, struct srcpos *pos)
{
	size_t va, vb;

	text_value_range(t, a, a, &va, &vb);
	scalar_map_pos(text_map(t), va, pos);
}

void
text_end_pos(struct ctext *t, size_t a, size_t b, struct srcpos *pos)
{
	struct scalar_map *m;
	size_t va, vb;

	if (b <= a) {
		text_pos(t, a, pos);
		return;
	}
	text_value_range(t, a, b, &va, &vb);
	m = text_map(t);
	if (vb > m->n)
		vb = m->n;
	if (vb == 0) {
		scalar_map_pos(m, 0, pos);
		return;
	}
	scalar_map_offset_pos(m, m->end[vb - 1], pos);
}

int
text_in_tag(const struct ctext *t, size_t a, size_t b)
{
	size_t i;

	for (i = 0; i < t->ntags; i += 2)
		if (a < t->tags[i + 1] && b > t->tags[i])
			return 1;
		else if (a == b && a > t->tags[i] && a < t->tags[i + 1])
			return 1;
	return 0;
}
