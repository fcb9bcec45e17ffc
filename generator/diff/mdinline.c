/*
 * mdinline.c: write runs of marked text as one line of inline Markdown.
 * The line is first laid out as characters and delimiters (nested
 * properly, the longest-running mark outermost), then every ** is checked
 * against CommonMark's flanking rules and the neighbour that spoils it is
 * written as a character reference (&#x...;, whose & and ; are
 * punctuation), then everything is written out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdinline.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

enum el_kind {
	EL_CHAR,
	EL_OPEN,
	EL_CLOSE,
};

struct el {
	enum el_kind	 kind;
	unsigned	 mark;		/* EL_OPEN, EL_CLOSE */
	const char	*s;		/* EL_CHAR: its bytes */
	size_t		 len;
	uint32_t	 cp;		/* 0xFFFD for an invalid byte */
	int		 valid;		/* a real code point, may be a reference */
	int		 escape;	/* written with a backslash */
	int		 ref;		/* written as &#x...; */
};

struct ellist {
	struct el	*v;
	size_t		 n;
	size_t		 cap;
};

void
md_line_add(struct md_line *l, const char *s, size_t len, unsigned marks)
{
	if (len == 0)
		return;
	if (l->n > 0 && l->v[l->n - 1].marks == marks && l->v[l->n - 1].s + l->v[l->n - 1].len == s) {
		l->v[l->n - 1].len += len;
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n].s = s;
	l->v[l->n].len = len;
	l->v[l->n].marks = marks;
	l->n++;
}

void
md_line_reset(struct md_line *l)
{
	l->n = 0;
}

void
md_line_free(struct md_line *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct el *
el_add(struct ellist *l, enum el_kind kind)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	l->v[l->n].kind = kind;
	return &l->v[l->n++];
}

static int
ascii_punct(uint32_t c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
	    (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

/*
 * Certainly neither punctuation nor a blank for any version of the
 * flanking rules (which differ on symbols): letters, digits, Han, kana.
 */
static int
surely_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    uc_is_han(c) || (c >= 0x3041 && c <= 0x30FA) || (c >= 0xAC00 && c <= 0xD7A3) ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	    (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
	    (c >= 0xFF41 && c <= 0xFF5A);
}

/* What a neighbour of a delimiter looks like to the flanking rules. */
enum side {
	SIDE_EDGE,	/* the line's start or end: counts as a blank */
	SIDE_BLANK,
	SIDE_PUNCT,	/* ASCII punctuation: punctuation for every version */
	SIDE_ALNUM,	/* surely not punctuation */
	SIDE_OTHER,	/* Unicode punctuation or symbols: may be either */
};

static enum side
classify(uint32_t c)
{
	if (uc_is_space(c))
		return SIDE_BLANK;
	if (ascii_punct(c))
		return SIDE_PUNCT;
	if (surely_alnum(c))
		return SIDE_ALNUM;
	return SIDE_OTHER;
}

/* What element e looks like, as written, to a delimiter beside it. */
static enum side
el_side(const struct el *e)
{
	if (e->kind != EL_CHAR)
		return SIDE_PUNCT;	/* * ~ [ ] ( ) */
	if (e->ref || e->escape)
		return SIDE_PUNCT;	/* &#x...; or \x */
	if (!e->valid)
		return SIDE_OTHER;
	return classify(e->cp);
}

/* Only ** has flanking rules: <ins> and <del> are tags. */
static int
is_delim(const struct el *e)
{
	return e->kind != EL_CHAR && e->mark == MD_STRONG;
}

/* Write e as a character reference if it is a character that can be one. */
static int
make_ref(struct el *e)
{
	if (e == NULL || e->kind != EL_CHAR || !e->valid || e->ref)
		return 0;
	e->ref = 1;
	e->escape = 0;
	return 1;
}

/* One pass over the delimiters; returns 1 when a character was changed. */
static int
fix_flanking(struct ellist *l)
{
	size_t i;
	int changed = 0;

	for (i = 0; i < l->n; i++) {
		struct el *e = &l->v[i];
		struct el *prev = i > 0 ? &l->v[i - 1] : NULL;
		struct el *next = i + 1 < l->n ? &l->v[i + 1] : NULL;
		enum side p, n;

		if (!is_delim(e))
			continue;
		p = prev ? el_side(prev) : SIDE_EDGE;
		n = next ? el_side(next) : SIDE_EDGE;
		if (e->kind == EL_OPEN) {
			/* left-flanking: not blank after, and letter after or blank/punctuation before */
			if (n == SIDE_BLANK && make_ref(next))
				changed = 1, n = SIDE_PUNCT;
			if (n != SIDE_ALNUM && p != SIDE_EDGE && p != SIDE_BLANK && p != SIDE_PUNCT &&
			    make_ref(prev))
				changed = 1;
		} else {
			/* right-flanking: not blank before, and letter before or blank/punctuation after */
			if (p == SIDE_BLANK && make_ref(prev))
				changed = 1, p = SIDE_PUNCT;
			if (p != SIDE_ALNUM && n != SIDE_EDGE && n != SIDE_BLANK && n != SIDE_PUNCT &&
			    make_ref(next))
				changed = 1;
		}
	}
	return changed;
}

/* Index of the end of mark m's run starting at character index i. */
static size_t
run_end(const struct el *chars, size_t n, size_t i, unsigned m)
{
	while (i < n && (chars[i].mark & m))
		i++;
	return i;
}

/* Characters with their marks (in el.mark) to characters and delimiters. */
static void
lay_out(const struct el *chars, size_t n, struct ellist *l)
{
	unsigned stack[3], want;
	size_t depth = 0, i, k;

	for (i = 0; i <= n; i++) {
		want = i < n ? chars[i].mark : 0;
		/* Close down to the first open mark that ends here, then reopen the rest. */
		for (k = 0; k < depth && (want & stack[k]); k++)
			;
		while (depth > k) {
			struct el *e = el_add(l, EL_CLOSE);

			e->mark = stack[--depth];
		}
		if (i == n)
			break;
		for (;;) {
			unsigned best = 0, m;
			size_t bestend = 0, end;

			for (m = MD_STRONG; m <= MD_INS; m <<= 1) {
				if (!(want & m))
					continue;
				for (k = 0; k < depth && stack[k] != m; k++)
					;
				if (k < depth)
					continue;
				end = run_end(chars, n, i, m);
				if (best == 0 || end > bestend)
					best = m, bestend = end;
			}
			if (best == 0)
				break;
			stack[depth++] = best;
			el_add(l, EL_OPEN)->mark = best;
		}
		*el_add(l, EL_CHAR) = chars[i];
		l->v[l->n - 1].mark = 0;
	}
}

/* Escapes: markup characters everywhere, block starts at the line's start. */
static void
mark_escapes(struct ellist *l)
{
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		struct el *e = &l->v[i];

		if (e->kind == EL_CHAR && e->len == 1 && strchr("\\`*_[]<>&~|!", e->s[0]) != NULL)
			e->escape = 1;
	}
	if (l->n == 0 || l->v[0].kind != EL_CHAR)
		return;
	switch (l->v[0].cp) {
	case '#': case '=': case '-': case '+':
		l->v[0].escape = 1;
		break;
	case ' ': case '\t':
		l->v[0].ref = 1;
		break;
	default:
		for (k = 0; k < l->n && l->v[k].kind == EL_CHAR && l->v[k].cp >= '0' &&
		    l->v[k].cp <= '9'; k++)
			;
		if (k > 0 && k < l->n && l->v[k].kind == EL_CHAR &&
		    (l->v[k].cp == '.' || l->v[k].cp == ')'))
			l->v[k].escape = 1;
		break;
	}
}

static void
write_out(const struct ellist *l, struct buf *out)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct el *e = &l->v[i];

		switch (e->kind) {
		case EL_OPEN:
			buf_puts(out, e->mark == MD_STRONG ? "**" : e->mark == MD_DEL ? "<del>" :
			    "<ins>");
			break;
		case EL_CLOSE:
			buf_puts(out, e->mark == MD_STRONG ? "**" : e->mark == MD_DEL ? "</del>" :
			    "</ins>");
			break;
		case EL_CHAR:
			if (e->ref)
				buf_printf(out, "&#x%X;", (unsigned)e->cp);
			else if (e->cp == '\n' || e->cp == '\r')
				buf_putc(out, ' ');
			else {
				if (e->escape)
					buf_putc(out, '\\');
				buf_put(out, e->s, e->len);
			}
			break;
		}
	}
}

void
md_inline(const struct md_span *sp, size_t n, struct buf *out)
{
	struct ellist chars = { NULL, 0, 0 }, l = { NULL, 0, 0 };
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		for (j = 0; j < sp[i].len; j += k) {
			struct el *e = el_add(&chars, EL_CHAR);

			e->s = sp[i].s + j;
			k = utf8_decode(e->s, sp[i].len - j, &e->cp);
			e->valid = k > 0;
			if (k == 0)
				k = 1, e->cp = 0xFFFD;
			e->len = k;
			e->mark = sp[i].marks & (MD_STRONG | MD_DEL | MD_INS);
			if (e->mark & MD_INS)
				e->mark &= ~(unsigned)MD_DEL;
		}
	}
	lay_out(chars.v, chars.n, &l);
	mark_escapes(&l);
	while (fix_flanking(&l))
		;
	buf_grow(out, 0);
	write_out(&l, out);
	free(chars.v);
	free(l.v);
}
