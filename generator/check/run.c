/*
 * run.c: check a report against a rule set.  Findings are gathered from
 * every rule, sorted by file, line and column, and only then reported
 * through the diagnostics sink, so the output reads top to bottom.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../util/xalloc.h"

void
finding_add(struct checkctx *c, const struct rule *r, const struct srcpos *pos, const char *msg)
{
	finding_add_span(c, r, pos, NULL, msg);
}

void
finding_add_span(struct checkctx *c, const struct rule *r, const struct srcpos *pos,
    const struct srcpos *end, const char *msg)
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
	f->seq = c->nfound++;
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
	return x->seq < y->seq ? -1 : x->seq > y->seq;
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

	for (i = 0; i < rs->n; i++) {
		const struct rule *rule = &rs->rules[i];

		switch (rule->kind) {
		case KIND_PATTERN:
		case KIND_SUBSTITUTION:
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
	for (i = 0; i < c.nfound; i++) {
		struct finding *f = &c.found[i];
		size_t k;

		/* One finding per rule and place (swaps of a rule may overlap). */
		for (k = i; k-- > 0 && c.found[k].fileno == f->fileno &&
		    c.found[k].pos.line == f->pos.line && c.found[k].pos.col == f->pos.col;)
			if (c.found[k].rule == f->rule)
				break;
		if (k != (size_t)-1 && c.found[k].fileno == f->fileno &&
		    c.found[k].pos.line == f->pos.line && c.found[k].pos.col == f->pos.col &&
		    c.found[k].rule == f->rule) {
			free(f->msg);
			f->msg = NULL;
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
