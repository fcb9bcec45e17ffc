/*
 * run.c: check a report against a rule set.  Findings are gathered from
 * every rule, sorted by file, line and column, one kept for each mistake,
 * and only then reported through the diagnostics sink, so the output
 * reads top to bottom.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../util/strdist.h"
#include "../util/xalloc.h"

size_t
finding_add(struct checkctx *c, const struct rule *r, const struct srcpos *pos, const char *msg,
    int fixable)
{
	return finding_add_span(c, r, pos, NULL, msg, fixable);
}

size_t
finding_add_span(struct checkctx *c, const struct rule *r, const struct srcpos *pos,
    const struct srcpos *end, const char *msg, int fixable)
{
	struct finding *f;

	if ((c->nfound & (c->nfound - 1)) == 0)
		c->found = xreallocarray(c->found, c->nfound ? c->nfound * 2 : 16, sizeof(*c->found));
	f = &c->found[c->nfound];
	f->level = r->level == LEVEL_ERROR ? DIAG_ERROR :
	    r->level == LEVEL_WARNING ? (c->opts->strict ? DIAG_ERROR : DIAG_WARNING) : DIAG_NOTE;
	f->pos = *pos;
	if (end != NULL)
		f->end = *end;
	else
		memset(&f->end, 0, sizeof(f->end));
	f->rule = r->id;
	f->msg = xstrdup(msg);
	f->fileno = ctx_file_index(c, pos->file);
	f->fixable = fixable;
	f->dropped = 0;
	f->text = (size_t)-1;
	f->ms = f->me = 0;
	f->seq = c->nfound++;
	return f->seq;
}

void
finding_span(struct checkctx *c, size_t seq, const struct ctext *t, size_t ms, size_t me)
{
	struct finding *f = &c->found[seq];

	f->text = (size_t)(t - c->texts);
	f->ms = ms;
	f->me = me;
}

int
rule_named(const char *name, const char *id)
{
	size_t n = strlen(name);

	if (n > 0 && name[n - 1] == '.')
		n--;
	return strncmp(name, id, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

int
rule_runs(const struct checkctx *c, const struct rule *r)
{
	const struct value *dis = c->r->disable;
	size_t i;

	if (c->opts->only != NULL && strcmp(c->opts->only, r->id) != 0)
		return 0;
	if (c->opts->text_only && r->kind != KIND_PATTERN && r->kind != KIND_SUBSTITUTION &&
	    r->kind != KIND_TERMS && r->kind != KIND_CONSISTENCY && r->kind != KIND_LENGTH)
		return 0;
	for (i = 0; dis != NULL && dis->kind == VALUE_LIST && i < dis->n; i++)
		if (dis->items[i]->kind == VALUE_STRING && rule_named(dis->items[i]->str, r->id))
			return 0;
	return 1;
}

/* A name in disable: that stands for no rule is a warning, with the nearest id. */
static void
check_disable(struct checkctx *c)
{
	const struct value *dis = c->r->disable;
	const char **ids;
	size_t i, k;

	if (dis == NULL || dis->kind != VALUE_LIST || c->opts->only != NULL || c->opts->text_only)
		return;
	ids = xcalloc(c->rs->n + 1, sizeof(*ids));
	for (k = 0; k < c->rs->n; k++)
		ids[k] = c->rs->rules[k].id;
	for (i = 0; i < dis->n; i++) {
		const struct value *e = dis->items[i];
		const char *s;

		if (e->kind != VALUE_STRING)
			continue;
		for (k = 0; k < c->rs->n && !rule_named(e->str, ids[k]); k++)
			;
		if (k < c->rs->n)
			continue;
		if ((s = str_suggest(e->str, ids, c->rs->n)) != NULL)
			diag_warn(c->diag, &e->pos, "没有标识为“%s”的规则，是不是“%s”？", e->str, s);
		else
			diag_warn(c->diag, &e->pos, "没有标识为“%s”的规则（规则标识见检查结果末尾的方括号，"
			    "或运行 shuzhi rules）", e->str);
	}
	free(ids);
}

/* The next match of an exception into its cursor. */
static void
exc_fetch(struct checkctx *c, const struct exception *x, struct ctext *t, struct exc_cursor *k)
{
	PCRE2_SIZE *ov;

	k->more = regex_next(c, c->md2, &x->re, t->norm, t->nlen, &k->at, &ov) == 1;
	if (k->more) {
		k->next0 = ov[0];
		k->next1 = ov[1];
	}
}

/*
 * [a, b) lies within a match of an exception that starts at or before a:
 * the furthest end of those matches reaches b.  As a only grows from one
 * call to the next (a rule's matches in a text, in order), the matches
 * are passed once; asked for an earlier place or another text, the
 * cursors start again.
 */
int
excepted(struct checkctx *c, const struct rule *r, struct ctext *t, size_t a, size_t b)
{
	size_t i;

	if (r->nexc == 0)
		return 0;
	if (c->exc_rule != r || c->exc_text != t || a < c->exc_a) {
		if (c->nexc < r->nexc) {
			c->exc = xreallocarray(c->exc, r->nexc, sizeof(*c->exc));
			c->nexc = r->nexc;
		}
		memset(c->exc, 0, r->nexc * sizeof(*c->exc));
		for (i = 0; i < r->nexc; i++)
			if (r->exc[i].scope & t->scope)
				exc_fetch(c, &r->exc[i], t, &c->exc[i]);
		c->exc_rule = r;
		c->exc_text = t;
	}
	c->exc_a = a;
	for (i = 0; i < r->nexc; i++) {
		struct exc_cursor *k = &c->exc[i];

		while (k->more && k->next0 <= a) {
			if (!k->passed || k->next1 > k->reach)
				k->reach = k->next1;
			k->passed = 1;
			exc_fetch(c, &r->exc[i], t, k);
		}
		if (k->passed && k->reach >= b)
			return 1;
	}
	return 0;
}

/* At one place the most severe first, then one with edits, the longer match, the first found. */
static int
cmp_at_place(const struct finding *x, const struct finding *y)
{
	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	if (x->fixable != y->fixable)
		return x->fixable ? -1 : 1;
	if (x->me - x->ms != y->me - y->ms)
		return x->me - x->ms > y->me - y->ms ? -1 : 1;	/* the one that explains more */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Order of findings as printed: file, line, column, then as at one place. */
static int
cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->fileno != y->fileno)
		return x->fileno < y->fileno ? -1 : 1;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	return cmp_at_place(x, y);
}

/* Two findings of text rules reported at the same character. */
static int
same_place(const struct finding *a, const struct finding *b)
{
	return a->fileno == b->fileno && a->pos.line == b->pos.line && a->pos.col == b->pos.col &&
	    a->pos.line > 0 && a->text != (size_t)-1 && b->text != (size_t)-1;
}

/* Order for choosing among findings of one match start: as cmp_finding at one place. */
static int
cmp_start(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;

	if (x->text != y->text)
		return x->text < y->text ? -1 : 1;
	if (x->ms != y->ms)
		return x->ms < y->ms ? -1 : 1;
	return cmp_at_place(x, y);
}

/* Order of one rule's matches in each text. */
static int
cmp_rule_span(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;
	int k = strcmp(x->rule, y->rule);

	if (k != 0)
		return k;
	if (x->text != y->text)
		return x->text < y->text ? -1 : 1;
	if (x->ms != y->ms)
		return x->ms < y->ms ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * One finding for each mistake: of findings whose matches start at the
 * same character (two rules seeing one mistake: ，， as doubled and as
 * mixed marks; 国发(2020)12号 as a document number and as half-width
 * brackets), of a rule's overlapping matches (a bracket pair and its
 * closing bracket), and of text findings reported at the same place, the
 * most severe stands for all (findings about the shape of the report, such
 * as too many items and too long a title, may share a place); the edits of the others go with them, so that
 * check and fix agree.
 */
static void
drop_doubles(struct checkctx *c)
{
	struct finding **v;
	size_t i, k, n = 0;
	char *gone;

	v = xcalloc(c->nfound + 1, sizeof(*v));
	for (i = 0; i < c->nfound; i++)
		if (c->found[i].text != (size_t)-1)
			v[n++] = &c->found[i];
	qsort(v, n, sizeof(*v), cmp_start);
	for (i = 1; i < n; i++)
		if (v[i]->text == v[i - 1]->text && v[i]->ms == v[i - 1]->ms)
			v[i]->dropped = 1;
	qsort(v, n, sizeof(*v), cmp_rule_span);
	for (i = 0, k = 0; i < n; i++) {
		struct finding *last = k > 0 ? v[k - 1] : NULL;

		if (v[i]->dropped)
			continue;
		if (last != NULL && last->rule == v[i]->rule && last->text == v[i]->text &&
		    (v[i]->ms < last->me || v[i]->ms == last->ms)) {
			v[i]->dropped = 1;
			if (v[i]->me > last->me)
				last->me = v[i]->me;
			continue;
		}
		v[k++] = v[i];
	}
	free(v);
	for (i = 0, k = (size_t)-1; i < c->nfound; i++) {
		if (c->found[i].dropped || c->found[i].text == (size_t)-1)
			continue;
		if (k != (size_t)-1 && same_place(&c->found[i], &c->found[k]))
			c->found[i].dropped = 1;
		else
			k = i;
	}
	if (c->opts->fixes == NULL || c->opts->fixes->n == 0)
		return;
	/* The edits of a dropped finding go with it. */
	gone = xcalloc(c->nfound + 1, 1);
	for (i = 0; i < c->nfound; i++)
		if (c->found[i].dropped)
			gone[c->found[i].seq] = 1;
	for (i = 0, k = 0; i < c->opts->fixes->n; i++) {
		struct fix *f = &c->opts->fixes->v[i];

		if (f->finding < c->nfound && gone[f->finding]) {
			free(f->text);
			free(f->old);
			free(f->new);
			continue;
		}
		c->opts->fixes->v[k++] = *f;
	}
	c->opts->fixes->n = k;
	free(gone);
}

int
check_report(struct diag *d, const struct ruleset *rs, const struct report *r,
    const struct check_opts *opts)
{
	static const struct check_opts none;
	struct checkctx c;
	size_t i;
	int errors = 0;

	if (rs == NULL || r == NULL)
		return 0;
	memset(&c, 0, sizeof(c));
	c.diag = d;
	c.rs = rs;
	c.r = r;
	c.opts = opts != NULL ? opts : &none;
	c.md = pcre2_match_data_create(rs->max_groups + 1, NULL);
	c.md2 = pcre2_match_data_create(rs->max_groups + 1, NULL);
	c.mctx = pcre2_match_context_create(NULL);
	/* Hostile patterns give up instead of taking forever. */
	pcre2_set_match_limit(c.mctx, 1000000);
	pcre2_set_depth_limit(c.mctx, 10000);
	c.loc = xcalloc(2 * (rs->max_groups + 1), sizeof(PCRE2_SIZE));
	/*
	 * SHUZHI_NO_JIT (set by make valgrind): the JIT's SIMD scans read the
	 * subject 16 bytes at a time, past its end within the page, which
	 * memcheck reports; the interpreter does not.
	 */
	c.no_jit = getenv("SHUZHI_NO_JIT") != NULL;
	c.jstack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (c.jstack != NULL)
		pcre2_jit_stack_assign(c.mctx, NULL, c.jstack);
	texts_collect(&c);
	presence_build(&c.pres, c.texts, c.ntexts);
	check_disable(&c);

	for (i = 0; i < rs->n; i++) {
		const struct rule *rule = &rs->rules[i];

		if (!rule_runs(&c, rule))
			continue;
		switch (rule->kind) {
		case KIND_PATTERN:
		case KIND_SUBSTITUTION:
		case KIND_TERMS:
			run_text_rule(&c, rule);
			break;
		case KIND_REQUIRED:
		case KIND_TYPE:
		case KIND_COUNT:
		case KIND_LENGTH:
			run_shape_rule(&c, rule);
			break;
		case KIND_CONSISTENCY:
			run_consistency_rule(&c, rule);
			break;
		case KIND_CROSS:
			run_cross_rule(&c, rule);
			break;
		}
	}

	if (c.nfound > 1)
		qsort(c.found, c.nfound, sizeof(*c.found), cmp_finding);
	drop_doubles(&c);
	for (i = 0; i < c.nfound; i++) {
		struct finding *f = &c.found[i];

		if (f->dropped) {
			free(f->msg);
			continue;
		}
		if (f->level == DIAG_ERROR)
			errors++;
		diag_report_span(d, f->level, &f->pos, f->end.line > 0 ? &f->end : NULL, f->rule,
		    "%s", f->msg);
		free(f->msg);
	}
	diag_summarize(d);
	free(c.found);
	free(c.exc);
	free(c.loc);
	joins_free(&c);
	presence_free(&c.pres);
	texts_free(&c);
	pcre2_match_data_free(c.md);
	pcre2_match_data_free(c.md2);
	pcre2_match_context_free(c.mctx);
	if (c.jstack != NULL)
		pcre2_jit_stack_free(c.jstack);
	return errors;
}
