/*
 * scan.c: run one pattern over every text in a scope with a single PCRE2
 * call sequence.  The texts of a scope are joined with line feeds (a
 * normalised text never holds one) and patterns are compiled multi-line,
 * so ^ and $ are a text's start and end; a match that would run from one
 * text into the next is redone on that text alone.  Handlers see offsets
 * relative to their own text.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../util/xalloc.h"

static const struct joined *
joined_for(struct checkctx *c, unsigned scope)
{
	struct joined *j;
	size_t i, n = 0, len = 0;

	for (i = 0; i < c->njoins; i++)
		if (c->joins[i].scope == scope)
			return &c->joins[i];
	c->joins = xreallocarray(c->joins, c->njoins + 1, sizeof(*c->joins));
	j = &c->joins[c->njoins++];
	memset(j, 0, sizeof(*j));
	j->scope = scope;
	for (i = 0; i < c->ntexts; i++)
		if (c->texts[i].scope & scope) {
			n++;
			len += c->texts[i].nlen + 1;
		}
	/* PCRE2's JIT reads whole 16-byte words: pad past the end. */
	j->buf = xcalloc(len + SCAN_PAD, 1);
	j->start = xcalloc(n + 1, sizeof(size_t));
	j->text = xcalloc(n + 1, sizeof(size_t));
	for (i = 0; i < c->ntexts; i++) {
		const struct ctext *t = &c->texts[i];

		if (!(t->scope & scope))
			continue;
		j->start[j->n] = j->len;
		j->text[j->n] = i;
		memcpy(j->buf + j->len, t->norm, t->nlen);
		j->len += t->nlen;
		j->buf[j->len++] = '\n';
		j->n++;
	}
	j->start[j->n] = j->len + 1;
	j->buf[j->len] = '\0';
	return j;
}

void
joins_free(struct checkctx *c)
{
	size_t i;

	for (i = 0; i < c->njoins; i++) {
		free(c->joins[i].buf);
		free(c->joins[i].start);
		free(c->joins[i].text);
	}
	free(c->joins);
	c->joins = NULL;
	c->njoins = 0;
}

/* The joined text holding offset p: the last that starts at or before it. */
static size_t
which(const struct joined *j, size_t p)
{
	size_t lo = 0, hi = j->n;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (j->start[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The ovector with offsets made relative to a text at base, len long; a
 * group caught outside the text (by a lookbehind reaching into the text
 * before) counts as unset.
 */
static void
localize(const PCRE2_SIZE *ov, uint32_t groups, size_t base, size_t len, PCRE2_SIZE *out)
{
	uint32_t g;

	for (g = 0; g < groups + 1; g++) {
		if (ov[2 * g] == PCRE2_UNSET || ov[2 * g] < base || ov[2 * g + 1] > base + len ||
		    ov[2 * g] > ov[2 * g + 1]) {
			out[2 * g] = out[2 * g + 1] = PCRE2_UNSET;
			continue;
		}
		out[2 * g] = ov[2 * g] - base;
		out[2 * g + 1] = ov[2 * g + 1] - base;
	}
}

/* Every match in one text from offset at, alone. */
static int
scan_one(struct checkctx *c, const struct regex *re, size_t ti, size_t at,
    match_fn *fn, const struct rule *r, void *arg, PCRE2_SIZE *loc)
{
	struct ctext *t = &c->texts[ti];
	PCRE2_SIZE *ov;
	int rc;

	while ((rc = regex_next(c, c->md, re, t->norm, t->nlen, &at, &ov)) == 1) {
		localize(ov, re->groups, 0, t->nlen, loc);
		fn(c, r, t, loc, arg);
	}
	return rc;
}

int
scan_texts(struct checkctx *c, const struct regex *re, unsigned scope, match_fn *fn,
    const struct rule *r, void *arg)
{
	const struct joined *j = joined_for(c, scope);
	PCRE2_SIZE *ov, *loc = c->loc;
	size_t at = 0, k;
	int rc, failed = 0;

	if (j->n == 0 || !regex_possible(re, &c->pres))
		return 0;
	while ((rc = regex_next(c, c->md, re, j->buf, j->len, &at, &ov)) != 0) {
		size_t base, end;

		if (rc < 0) {
			failed = 1;
			break;
		}
		k = which(j, ov[0]);
		base = j->start[k];
		end = base + c->texts[j->text[k]].nlen;
		if (ov[1] <= end) {
			localize(ov, re->groups, base, end - base, loc);
			fn(c, r, &c->texts[j->text[k]], loc, arg);
			continue;
		}
		/* The match runs into the next text: redo this one alone. */
		if (ov[0] <= end && scan_one(c, re, j->text[k], ov[0] - base, fn, r, arg, loc) < 0)
			failed = 1;
		if (k + 1 >= j->n)
			break;
		at = j->start[k + 1];
	}
	return failed ? -1 : 0;
}
