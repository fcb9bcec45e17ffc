/*
 * text.c: the pattern, substitution and terms kinds.  Each text in the
 * rule's scope is scanned once; a substitution's match is compared with
 * its right form character by character: the match is reported once, at
 * its first differing stretch, and each differing stretch becomes one edit.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define LCS_MAX	160	/* characters; longer texts are diffed by prefix and suffix */

struct hunk {
	size_t	a0, a1;		/* bytes of the wrong text */
	size_t	b0, b1;		/* bytes of the right text */
};

/* Byte offsets of the characters of s, n + 1 of them. */
static size_t *
char_offsets(const char *s, size_t len, size_t *n)
{
	size_t *o = xmalloc((len + 1) * sizeof(size_t)), i = 0, k;
	uint32_t cp;

	*n = 0;
	while (i < len) {
		o[(*n)++] = i;
		k = utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
	}
	o[*n] = len;
	return o;
}

static int
same_char(const char *a, const size_t *ao, size_t i, const char *b, const size_t *bo, size_t j)
{
	size_t la = ao[i + 1] - ao[i], lb = bo[j + 1] - bo[j];

	return la == lb && memcmp(a + ao[i], b + bo[j], la) == 0;
}

/* The stretches where a and b differ, by a longest common subsequence of characters. */
static size_t
diff(const char *a, size_t alen, const char *b, size_t blen, struct hunk **out)
{
	size_t n, m, i, j, nh = 0, *ao, *bo;
	unsigned short *L;
	struct hunk *h;
	int open = 0;

	ao = char_offsets(a, alen, &n);
	bo = char_offsets(b, blen, &m);
	h = xcalloc(n + m + 1, sizeof(*h));
	if (n > LCS_MAX || m > LCS_MAX) {
		size_t p = 0, s = 0;

		while (p < n && p < m && same_char(a, ao, p, b, bo, p))
			p++;
		while (s < n - p && s < m - p && same_char(a, ao, n - 1 - s, b, bo, m - 1 - s))
			s++;
		if (p < n - s || p < m - s) {
			h[0].a0 = ao[p];
			h[0].a1 = ao[n - s];
			h[0].b0 = bo[p];
			h[0].b1 = bo[m - s];
			nh = 1;
		}
		goto out;
	}
	/* L[i][j]: the longest common subsequence of a[i..] and b[j..]. */
	L = xcalloc((n + 1) * (m + 1), sizeof(*L));
#define LL(x, y) L[(x) * (m + 1) + (y)]
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			LL(i, j) = same_char(a, ao, i, b, bo, j) ? LL(i + 1, j + 1) + 1 :
			    LL(i + 1, j) > LL(i, j + 1) ? LL(i + 1, j) : LL(i, j + 1);
	i = j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && same_char(a, ao, i, b, bo, j)) {
			open = 0;
			i++, j++;
			continue;
		}
		if (!open) {
			h[nh].a0 = h[nh].a1 = ao[i];
			h[nh].b0 = h[nh].b1 = bo[j];
			nh++;
			open = 1;
		}
		if (j >= m || (i < n && LL(i + 1, j) >= LL(i, j + 1)))
			i++;
		else
			j++;
		h[nh - 1].a1 = ao[i];
		h[nh - 1].b1 = bo[j];
	}
#undef LL
	free(L);
out:
	free(ao);
	free(bo);
	*out = h;
	return nh;
}

/* Bytes of the character at s (1 for a bad byte). */
static size_t
utf8_next_len(const char *s, size_t len)
{
	uint32_t cp;
	size_t k = utf8_decode(s, len, &cp);

	return k ? k : 1;
}

/* Where to point for a hunk: its first character, or for an insertion the one before. */
static size_t
hunk_at(const char *match, const struct hunk *h)
{
	size_t k;

	if (h->a1 > h->a0 || h->a0 == 0)
		return h->a0;
	k = h->a0 - 1;
	while (k > 0 && ((unsigned char)match[k] & 0xC0) == 0x80)
		k--;
	return k;
}

static void
substitute(struct checkctx *c, const struct rule *r, struct ctext *t,
    const struct swap *sw, const PCRE2_SIZE *ov, uint32_t groups)
{
	const char *match = t->norm + ov[0];
	size_t mlen = ov[1] - ov[0], nh, i, seq = 0;
	struct hunk *h;
	struct buf right, wrong, msg, tmpl;
	const char *args[2];

	buf_init(&right);
	expand_groups(sw->to, t->norm, ov, groups, &right);
	if (right.len == mlen && memcmp(right.data, match, mlen) == 0) {
		buf_free(&right);
		return;		/* already right */
	}
	buf_init(&wrong);
	buf_put(&wrong, match, mlen);
	if (wrong.data == NULL)
		buf_put(&wrong, "", 0);
	buf_init(&msg);
	buf_init(&tmpl);
	args[0] = right.data;
	args[1] = wrong.data;
	/* A swap's own message may name the groups of its match ($1). */
	if (sw->message != NULL)
		expand_groups(sw->message, t->norm, ov, groups, &tmpl);
	format_message(sw->message != NULL ? tmpl.data : r->message, args, 2, &msg);
	/* One finding for the match (a pair of brackets is one mistake), an edit per stretch. */
	nh = diff(match, mlen, right.data, right.len, &h);
	for (i = 0; i < nh; i++) {
		struct srcpos pos, end;
		size_t at = ov[0] + hunk_at(match, &h[i]), to;

		text_pos(t, at, &pos);
		if (i == 0) {
			size_t last = ov[0] + hunk_at(match, &h[nh - 1]);

			/* The finding spans the match's edits; an insertion, the character before it. */
			to = ov[0] + h[nh - 1].a1;
			if (to <= last && last < t->nlen)
				to = last + utf8_next_len(t->norm + last, t->nlen - last);
			text_end_pos(t, at, to, &end);
			seq = finding_add_span(c, r, &pos, &end, msg.data, 1);
			finding_span(c, seq, t, ov[0], ov[1]);
		}
		if (c->opts->fixes != NULL)
			fix_add(c, t, ov[0] + h[i].a0, ov[0] + h[i].a1,
			    right.data + h[i].b0, h[i].b1 - h[i].b0, r, &pos, seq);
	}
	free(h);
	buf_free(&right);
	buf_free(&wrong);
	buf_free(&msg);
	buf_free(&tmpl);
}

static void
limit_hit(struct checkctx *c, const struct rule *r, const struct regex *re)
{
	struct rule *w = (struct rule *)r;

	if (w->failed)
		return;
	w->failed = 1;
	diag_warn(c->diag, &re->pos, "规则“%s”的正则表达式超出了匹配的回溯限制，有些文字没有检查；"
	    "请简化表达式（避免嵌套的重复）", r->id);
}

struct scanarg {
	const struct regex	*re;
	long			 swap;	/* the swap of re, or -1: a pattern rule */
};

static void
on_match(struct checkctx *c, const struct rule *r, struct ctext *t, const PCRE2_SIZE *ov,
    void *arg)
{
	const struct scanarg *a = arg;
	size_t ms = ov[0], me = ov[1];
	const struct swap *sw;

	if (text_in_tag(t, ms, me) || excepted(c, r, t, ms, me))
		return;
	if (r->kind == KIND_PATTERN) {
		struct buf wrong, msg;
		struct srcpos pos, end;
		const char *w;

		buf_init(&wrong);
		buf_init(&msg);
		buf_put(&wrong, t->norm + ms, me - ms);
		w = wrong.data;
		format_message(r->message, &w, 1, &msg);
		text_pos(t, ms, &pos);
		text_end_pos(t, ms, me, &end);
		finding_span(c, finding_add_span(c, r, &pos, &end, msg.data, 0), t, ms, me);
		buf_free(&wrong);
		buf_free(&msg);
		return;
	}
	sw = &r->swaps[a->swap];
	substitute(c, r, t, sw, ov, a->re->groups);
}

/* Scan every text in scope with one regex. */
static void
scan(struct checkctx *c, const struct rule *r, const struct regex *re, long swap)
{
	struct scanarg a = { re, swap };

	if (scan_texts(c, re, r->scope, on_match, r, &a) < 0)
		limit_hit(c, r, re);
}

void
run_text_rule(struct checkctx *c, const struct rule *r)
{
	size_t i;

	/*
	 * Each pattern or swap is its own scan: PCRE2 finds a pattern's
	 * first characters with SIMD, which one alternation of many Chinese
	 * words would defeat, and the prefilter skips the swaps whose
	 * wrong form is nowhere in the report.
	 */
	if (r->kind == KIND_PATTERN)
		for (i = 0; i < r->nres; i++)
			scan(c, r, &r->res[i], -1);
	else
		for (i = 0; i < r->nswaps; i++)
			scan(c, r, &r->swaps[i].re, (long)i);
}
