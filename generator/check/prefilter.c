/*
 * prefilter.c: skip patterns that cannot match.  From a pattern's source
 * the characters (and pairs of adjacent characters) that every match must
 * contain are read conservatively; the characters and pairs present in
 * the report are collected once; a pattern needing one that is absent is
 * not run at all.  Most wrong forms (错别字, 不规范表述) never occur in a
 * clean report, so most substitutions cost nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* A unigram is (c, 0); a pair is (a, b). */
static uint64_t
key(uint32_t a, uint32_t b)
{
	return ((uint64_t)a << 21 | b) + 1;	/* never 0: 0 marks an empty slot */
}

struct reader {
	const char	*s;
	size_t		 len, i;
	uint32_t	*need;		/* branch: count, then count (a, b) pairs */
	size_t		 n, cap;
	size_t		 head;		/* where the current branch's count is */
	uint32_t	 run[64];	/* the current run of literal characters */
	size_t		 nrun;
	int		 bad;		/* give up: no filtering */
};

static void
push(struct reader *r, uint32_t v)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->need = xreallocarray(r->need, r->cap, sizeof(uint32_t));
	}
	r->need[r->n++] = v;
}

/* The run of literals so far is required: its characters and pairs. */
static void
end_run(struct reader *r)
{
	size_t k;

	for (k = 0; k < r->nrun; k++) {
		push(r, r->run[k]);
		push(r, k + 1 < r->nrun ? r->run[k + 1] : 0);
		r->need[r->head] += 1;
	}
	r->nrun = 0;
}

static void
new_branch(struct reader *r)
{
	r->head = r->n;
	push(r, 0);
}

/* Skip a bracketed class starting at '['. */
static void
skip_class(struct reader *r)
{
	size_t i = r->i + 1;

	if (i < r->len && r->s[i] == '^')
		i++;
	if (i < r->len && r->s[i] == ']')
		i++;
	while (i < r->len && r->s[i] != ']') {
		if (r->s[i] == '\\')
			i++;
		else if (r->s[i] == '[' && i + 1 < r->len && r->s[i + 1] == ':') {
			const char *e = strstr(r->s + i + 2, ":]");
			if (e != NULL)
				i = (size_t)(e - r->s) + 1;
		}
		i++;
	}
	r->i = i < r->len ? i + 1 : r->len;
}

/* Skip a group starting at '(' to just past its ')'. */
static void
skip_group(struct reader *r)
{
	size_t i = r->i, depth = 0;

	/* (?i) and the like change how literals match: no filtering. */
	if (i + 2 < r->len && r->s[i + 1] == '?') {
		size_t k = i + 2;

		while (k < r->len && strchr("imnsxJU-^", r->s[k]) != NULL && r->s[k] != '\0')
			k++;
		if (k > i + 2 && k < r->len && (r->s[k] == ')' || r->s[k] == ':')) {
			size_t f;

			for (f = i + 2; f < k; f++)
				if (r->s[f] == 'i' || r->s[f] == 'x')
					r->bad = 1;
		}
	}
	while (i < r->len) {
		char c = r->s[i];

		if (c == '\\') {
			if (i + 1 < r->len && r->s[i + 1] == 'Q')
				r->bad = 1;
			i += 2;
			continue;
		}
		if (c == '[') {
			r->i = i;
			skip_class(r);
			i = r->i;
			continue;
		}
		if (c == '(')
			depth++;
		else if (c == ')' && --depth == 0) {
			i++;
			break;
		}
		i++;
	}
	r->i = i;
}

/* A quantifier after an atom; returns 1 when the atom may be absent. */
static int
quantifier(struct reader *r, int *found)
{
	const char *s = r->s;
	size_t i = r->i;
	int optional = 0;

	*found = 0;
	if (i >= r->len)
		return 0;
	if (s[i] == '*' || s[i] == '?')
		optional = 1, i++;
	else if (s[i] == '+')
		i++;
	else if (s[i] == '{') {
		size_t k = i + 1;

		while (k < r->len && ((s[k] >= '0' && s[k] <= '9') || s[k] == ','))
			k++;
		if (k >= r->len || s[k] != '}' || k == i + 1)
			return 0;	/* a literal brace */
		optional = s[i + 1] == '0' || s[i + 1] == ',';
		i = k + 1;
	} else
		return 0;
	if (i < r->len && (s[i] == '?' || s[i] == '+'))
		i++;		/* lazy or possessive */
	r->i = i;
	*found = 1;
	return optional;
}

void
regex_literals(struct regex *re)
{
	struct reader r;
	uint32_t cp;
	int q;

	memset(&r, 0, sizeof(r));
	r.s = re->src;
	r.len = re->srclen;
	/* Verbs such as (*ACCEPT) can end a match before the literals after them. */
	if (memmem(r.s, r.len, "(*", 2) != NULL)
		r.bad = 1;
	new_branch(&r);
	while (r.i < r.len && !r.bad) {
		char c = r.s[r.i];
		int lit = 0;

		if (c == '|') {
			end_run(&r);
			new_branch(&r);
			r.i++;
			continue;
		}
		if (c == '(') {
			end_run(&r);
			skip_group(&r);
			quantifier(&r, &q);	/* the group was not counted anyway */
			continue;
		}
		if (c == '[') {
			end_run(&r);
			skip_class(&r);
			quantifier(&r, &q);
			continue;
		}
		if (c == '.' || c == '^' || c == '$' || c == ')' || c == '*' || c == '+' ||
		    c == '?' || c == '{') {
			end_run(&r);
			r.i++;
			continue;
		}
		if (c == '\\') {
			char n = r.i + 1 < r.len ? r.s[r.i + 1] : '\0';

			if (n == 'Q' || n == 'E') {
				r.bad = 1;
				break;
			}
			if ((unsigned char)n >= 0x80) {
				size_t k = utf8_decode(r.s + r.i + 1, r.len - r.i - 1, &cp);

				r.i += 1 + (k ? k : 1);
				lit = k != 0;	/* an escaped character: itself */
			} else if (n != '\0' && !((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') ||
			    (n >= '0' && n <= '9'))) {
				cp = (unsigned char)n;	/* an escaped sign: a literal */
				r.i += 2;
				lit = 1;
			} else {
				end_run(&r);
				r.i += 2;
				if (r.i < r.len && r.s[r.i] == '{' && strchr("pPxNgko", n) != NULL) {
					while (r.i < r.len && r.s[r.i] != '}')
						r.i++;
					r.i++;
				} else if (n == 'x')
					r.i += 2;
				quantifier(&r, &q);
				continue;
			}
		} else {
			size_t k = utf8_decode(r.s + r.i, r.len - r.i, &cp);

			r.i += k ? k : 1;
			lit = k != 0;
		}
		if (!lit)
			continue;
		if (quantifier(&r, &q)) {
			end_run(&r);	/* optional: not required */
			continue;
		}
		if (r.nrun == sizeof(r.run) / sizeof(r.run[0]))
			end_run(&r);
		r.run[r.nrun++] = cp;
		if (q)
			end_run(&r);	/* repeated: required, but not adjacent to what follows */
	}
	end_run(&r);
	/* A branch without a requirement could match anything. */
	if (!r.bad) {
		size_t i = 0;

		while (i < r.n) {
			if (r.need[i] == 0) {
				r.bad = 1;
				break;
			}
			i += 1 + 2 * r.need[i];
		}
	}
	if (r.bad) {
		free(r.need);
		re->need = NULL;
		re->nneed = 0;
		return;
	}
	re->need = r.need;
	re->nneed = r.n;
}

/* Fibonacci hashing: the high bits of the product spread every bit of k. */
static size_t
slot(const struct presence *p, uint64_t k)
{
	return (size_t)((k * 0x9E3779B97F4A7C15ULL) >> p->shift);
}

static void
insert(struct presence *p, uint64_t k)
{
	size_t h = slot(p, k);

	while (p->keys[h] != 0) {
		if (p->keys[h] == k)
			return;
		h = (h + 1) & (p->cap - 1);
	}
	p->keys[h] = k;
	if (++p->n * 2 > p->cap) {
		uint64_t *old = p->keys;
		size_t i, ocap = p->cap;

		p->cap *= 2;
		p->shift--;
		p->keys = xcalloc(p->cap, sizeof(uint64_t));
		p->n = 0;
		for (i = 0; i < ocap; i++)
			if (old[i] != 0)
				insert(p, old[i]);
		free(old);
	}
}

static int
has(const struct presence *p, uint64_t k)
{
	size_t h = slot(p, k);

	while (p->keys[h] != 0) {
		if (p->keys[h] == k)
			return 1;
		h = (h + 1) & (p->cap - 1);
	}
	return 0;
}

void
presence_build(struct presence *p, const struct ctext *texts, size_t n)
{
	size_t i, j, k;
	uint32_t cp, prev;

	p->cap = 4096;
	p->shift = 64 - 12;
	p->n = 0;
	p->keys = xcalloc(p->cap, sizeof(uint64_t));
	for (i = 0; i < n; i++) {
		const char *s = texts[i].norm;

		prev = 0;
		for (j = 0; j < texts[i].nlen; j += k) {
			k = utf8_decode(s + j, texts[i].nlen - j, &cp);
			if (k == 0)
				k = 1, cp = (unsigned char)s[j];
			insert(p, key(cp, 0));
			if (prev != 0)
				insert(p, key(prev, cp));
			prev = cp;
		}
	}
}

void
presence_free(struct presence *p)
{
	free(p->keys);
	memset(p, 0, sizeof(*p));
}

int
regex_possible(const struct regex *re, const struct presence *p)
{
	size_t i = 0, k;

	if (re->need == NULL || p->keys == NULL)
		return 1;
	while (i < re->nneed) {
		size_t count = re->need[i];
		int ok = 1;

		for (k = 0; k < count && ok; k++)
			ok = has(p, key(re->need[i + 1 + 2 * k], re->need[i + 2 + 2 * k]));
		if (ok)
			return 1;	/* this branch may match */
		i += 1 + 2 * count;
	}
	return 0;
}
