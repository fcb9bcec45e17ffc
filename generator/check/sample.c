/*
 * sample.c: check one text on its own (a rule's examples, a labelled
 * sentence): the text becomes the only field of a report made in memory,
 * is checked by the rules that read text alone, and comes back with its
 * findings and with every edit made.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define SAMPLE_FILE	"（示例）"

/* The fields a sample may sit in, in the order one is chosen from a scope. */
static const unsigned sample_fields[] = {
	F_OPENING, F_CLOSING, F_SEC_PARAS, F_ITEM_BODY, F_ITEM_LEAD, F_SEC_TITLE,
	F_TITLE, F_TOPIC, F_ADDRESSEE, F_SIGNATURE, F_UNIT, F_DATE, F_YEAR,
};

struct collected {
	struct sample	*s;
	const char	*text;
};

/* The text as a literal block scalar: line 2 onwards, each line indented by two spaces. */
static void
as_yaml(const char *text, struct buf *y)
{
	const char *p;

	buf_puts(y, "|2-\n  ");
	for (p = text; *p != '\0'; p++) {
		buf_putc(y, *p);
		if (*p == '\n')
			buf_puts(y, "  ");
	}
	buf_putc(y, '\n');
}

/* Byte offset in text of a position in the block scalar (line 2, column 3 is byte 0). */
static size_t
offset_of(const char *text, const struct srcpos *pos)
{
	size_t at = 0, len = strlen(text);
	int line = 2, col = 3;
	uint32_t cp;

	while (at < len && line < pos->line) {
		if (text[at++] == '\n')
			line++;
	}
	while (at < len && col < pos->col && text[at] != '\n') {
		size_t k = utf8_decode(text + at, len - at, &cp);

		at += k ? k : 1;
		col++;
	}
	return at;
}

static void
collect(void *arg, enum diag_level level, const struct srcpos *pos, const struct srcpos *end,
    const char *rule, const char *msg)
{
	struct collected *c = arg;
	struct sample_finding *f;

	(void)end;
	if (rule == NULL)
		return;		/* not a finding (a limit hit, a disable: name) */
	c->s->v = xreallocarray(c->s->v, c->s->n + 1, sizeof(*c->s->v));
	f = &c->s->v[c->s->n++];
	f->rule = rule;
	f->level = level;
	f->at = pos != NULL && pos->line > 0 ? offset_of(c->text, pos) : 0;
	f->msg = xstrdup(msg);
}

static int
cmp_va(const void *a, const void *b)
{
	const struct fix *x = a, *y = b;

	if (x->va != y->va)
		return x->va < y->va ? -1 : 1;
	return x->vb < y->vb ? -1 : x->vb > y->vb;
}

/* The value with the edits made; an edit overlapping an earlier one is left out. */
static char *
edited(const struct value *v, struct fixes *fx)
{
	struct buf b;
	size_t i, at = 0;
	int any = 0;

	if (fx->n > 1)
		qsort(fx->v, fx->n, sizeof(*fx->v), cmp_va);
	buf_init(&b);
	buf_put(&b, "", 0);
	for (i = 0; i < fx->n; i++) {
		const struct fix *f = &fx->v[i];

		if (f->v != v || f->va < at || (any && f->va == at && f->vb == f->va))
			continue;
		buf_put(&b, v->str + at, f->va - at);
		buf_puts(&b, f->new);
		at = f->vb;
		any = 1;
	}
	buf_put(&b, v->str + at, v->len - at);
	return buf_take(&b);
}

int
check_sample(const struct ruleset *rs, const char *text, const char *scope, const char *only,
    struct sample *out)
{
	const struct value *one[1];
	struct value_doc *doc;
	struct report r;
	struct section sec;
	struct item it;
	struct check_opts opts;
	struct fixes fx;
	struct collected col;
	struct diag *d;
	struct buf y;
	char *files[1];
	unsigned bits = F_OPENING, field = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (scope != NULL && scope_lookup(scope, &bits) != 0)
		return -1;
	for (i = 0; i < sizeof(sample_fields) / sizeof(sample_fields[0]) && field == 0; i++)
		if (bits & sample_fields[i])
			field = sample_fields[i];
	if (field == 0)
		return -1;
	d = diag_new(stderr);
	col.s = out;
	col.text = text;
	diag_set_hook(d, collect, &col);
	buf_init(&y);
	as_yaml(text, &y);
	doc = value_load_text(d, SAMPLE_FILE, y.data, y.len);
	buf_free(&y);
	if (doc == NULL || value_doc_root(doc)->kind != VALUE_STRING ||
	    strcmp(value_doc_root(doc)->str, text) != 0) {
		value_doc_free(doc);
		diag_free(d);
		sample_free(out);
		return -1;
	}
	one[0] = value_doc_root(doc);
	memset(&r, 0, sizeof(r));
	memset(&sec, 0, sizeof(sec));
	memset(&it, 0, sizeof(it));
	files[0] = (char *)one[0]->pos.file;
	r.docs = &doc;
	r.ndocs = 1;
	r.files = files;
	r.nfiles = 1;
	switch (field) {
	case F_OPENING:	r.opening = one, r.nopening = 1; break;
	case F_CLOSING:	r.closing = one, r.nclosing = 1; break;
	case F_TITLE:	r.title = one[0]; break;
	case F_TOPIC:	r.topic = one[0]; break;
	case F_ADDRESSEE: r.addressee = one[0]; break;
	case F_SIGNATURE: r.signature = one[0]; break;
	case F_UNIT:	r.unit = one[0]; break;
	case F_DATE:	r.date = one[0]; break;
	case F_YEAR:	r.year = one[0]; break;
	default:
		r.sections = &sec;
		r.nsections = 1;
		sec.level = 1;
		sec.file = files[0];
		if (field == F_SEC_PARAS)
			sec.paras = one, sec.nparas = 1;
		else if (field == F_SEC_TITLE)
			sec.title = one[0];
		else {
			sec.items = &it;
			sec.nitems = 1;
			if (field == F_ITEM_LEAD)
				it.lead = one[0];
			else
				it.body = one[0];
		}
		break;
	}
	memset(&opts, 0, sizeof(opts));
	memset(&fx, 0, sizeof(fx));
	opts.fixes = &fx;
	opts.only = only;
	opts.text_only = 1;
	check_report(d, rs, &r, &opts);
	out->fixed = edited(one[0], &fx);
	fixes_free(&fx);
	value_doc_free(doc);
	diag_free(d);
	return 0;
}

void
sample_free(struct sample *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].msg);
	free(s->v);
	free(s->fixed);
	memset(s, 0, sizeof(*s));
}

/* The name of the field a rule's examples sit in: the first of its scope. */
static const char *
example_scope(const struct rule *r)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
		{ F_OPENING, "opening" }, { F_CLOSING, "closing" },
		{ F_SEC_PARAS, "section.paragraphs" }, { F_ITEM_BODY, "item.body" },
		{ F_ITEM_LEAD, "item.lead" }, { F_SEC_TITLE, "section.title" },
		{ F_TITLE, "title" }, { F_TOPIC, "topic" }, { F_ADDRESSEE, "addressee" },
		{ F_SIGNATURE, "signature" }, { F_UNIT, "unit" }, { F_DATE, "date" },
		{ F_YEAR, "year" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (r->scope & names[i].bit)
			return names[i].name;
	return NULL;
}

static int
reads_text(const struct rule *r)
{
	return r->kind == KIND_PATTERN || r->kind == KIND_SUBSTITUTION || r->kind == KIND_TERMS ||
	    r->kind == KIND_CONSISTENCY || r->kind == KIND_LENGTH;
}

/* One example; returns 0 when it passes, else reports why and returns 1. */
static int
run_example(struct diag *d, const struct ruleset *rs, const struct rule *r,
    const struct example *x)
{
	struct sample s;
	int fail = 0;

	if (check_sample(rs, x->text, example_scope(r), r->id, &s) != 0) {
		diag_report(d, DIAG_ERROR, &x->pos, r->id, "示例“%s”无法检查（文字中有控制字符？）",
		    x->text);
		return 1;
	}
	if (x->match && s.n == 0) {
		diag_report(d, DIAG_ERROR, &x->pos, r->id, "示例“%s”应被这条规则报告，却没有", x->text);
		fail = 1;
	} else if (!x->match && s.n > 0) {
		diag_report(d, DIAG_ERROR, &x->pos, r->id, "示例“%s”不应被报告，却报告了：%s",
		    x->text, s.v[0].msg);
		fail = 1;
	} else if (x->fix != NULL && strcmp(x->fix, s.fixed) != 0) {
		diag_report(d, DIAG_ERROR, &x->pos, r->id, "示例“%s”改正后是“%s”，应为“%s”",
		    x->text, s.fixed, x->fix);
		fail = 1;
	}
	sample_free(&s);
	return fail;
}

int
rules_test_examples(struct diag *d, const struct ruleset *rs, int strict, size_t *tested)
{
	size_t i, k;
	int failed = 0;

	*tested = 0;
	for (i = 0; rs != NULL && i < rs->n; i++) {
		const struct rule *r = &rs->rules[i];

		if (!reads_text(r))
			continue;
		if (r->nexamples == 0) {
			diag_report(d, strict ? DIAG_ERROR : DIAG_WARNING, &r->pos, r->id,
			    "规则“%s”没有示例（examples: {match: […], ok: […]}）", r->id);
			failed += strict;
			continue;
		}
		for (k = 0; k < r->nexamples; k++) {
			failed += run_example(d, rs, r, &r->examples[k]);
			(*tested)++;
		}
	}
	return failed;
}
