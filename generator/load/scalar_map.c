/*
 * scalar_map.c: rescan a scalar's source the way libyaml scanned it and
 * record, for each byte of the loaded value, the source bytes it came
 * from.  The rescan is checked against the loaded value; when they differ
 * the map degrades to the scalar's start instead of pointing anywhere wrong.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scalar_map.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define NOPOS	((size_t)-1)

/* The rescan in progress. */
struct scan {
	const char	*t;		/* file text */
	size_t		 len;
	const char	*want;		/* the loaded value */
	size_t		 wlen;
	size_t		*start, *end;
	size_t		 n;		/* value bytes made so far */
	int		 bad;
	size_t		*tb;		/* pending trailing breaks: start, end pairs */
	size_t		 ntb, cap;
};

static int
is_blank(const struct scan *s, size_t i)
{
	return i < s->len && (s->t[i] == ' ' || s->t[i] == '\t');
}

static int
is_break(const struct scan *s, size_t i)
{
	return i < s->len && (s->t[i] == '\n' || s->t[i] == '\r');
}

static size_t
break_len(const struct scan *s, size_t i)
{
	return s->t[i] == '\r' && i + 1 < s->len && s->t[i + 1] == '\n' ? 2 : 1;
}

static size_t
char_len(const struct scan *s, size_t i)
{
	uint32_t cp;
	size_t k = utf8_decode(s->t + i, s->len - i, &cp);

	return k ? k : 1;
}

/* Add value bytes made from source [a, b); they must be the expected ones. */
static void
put(struct scan *s, const char *bytes, size_t k, size_t a, size_t b)
{
	size_t i;

	for (i = 0; i < k && !s->bad; i++) {
		if (s->n >= s->wlen || s->want[s->n] != bytes[i]) {
			s->bad = 1;
			return;
		}
		s->start[s->n] = a;
		s->end[s->n] = b;
		s->n++;
	}
}

/* Copy k source bytes at i verbatim. */
static void
copy(struct scan *s, size_t i, size_t k)
{
	size_t j;

	for (j = 0; j < k; j++)
		put(s, s->t + i + j, 1, i + j, i + j + 1);
}

static void
push_break(struct scan *s, size_t a, size_t b)
{
	if (s->ntb + 2 > s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->tb = xreallocarray(s->tb, s->cap, sizeof(size_t));
	}
	s->tb[s->ntb++] = a;
	s->tb[s->ntb++] = b;
}

static void
put_breaks(struct scan *s)
{
	size_t i;

	for (i = 0; i < s->ntb; i += 2)
		put(s, "\n", 1, s->tb[i], s->tb[i + 1]);
	s->ntb = 0;
}

/* Skip an anchor (&a) and a tag (!t) before the scalar itself. */
static size_t
skip_props(const struct scan *s, size_t i)
{
	while (i < s->len && (s->t[i] == '&' || s->t[i] == '!')) {
		while (i < s->len && !is_blank(s, i) && !is_break(s, i))
			i++;
		for (;;) {
			while (is_blank(s, i) || is_break(s, i))
				i++;
			if (i < s->len && s->t[i] == '#') {
				while (i < s->len && !is_break(s, i))
					i++;
				continue;
			}
			break;
		}
	}
	return i;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A double-quoted escape at i (the backslash); returns its length or 0. */
static size_t
escape(struct scan *s, size_t i)
{
	static const char simple[] = "0\0a\ab\bt\tn\nv\vf\fr\re\033 \040\"\"//''\\\\";
	char out[8];
	uint32_t cp = 0;
	size_t k, digits = 0, j;
	char c;

	if (i + 1 >= s->len)
		return 0;
	c = s->t[i + 1];
	if (c == '\t') {
		put(s, "\t", 1, i, i + 2);
		return 2;
	}
	for (j = 0; j + 1 < sizeof(simple); j += 2)
		if (simple[j] == c) {
			put(s, &simple[j + 1], 1, i, i + 2);
			return 2;
		}
	switch (c) {
	case 'N': cp = 0x85; break;
	case '_': cp = 0xA0; break;
	case 'L': cp = 0x2028; break;
	case 'P': cp = 0x2029; break;
	case 'x': digits = 2; break;
	case 'u': digits = 4; break;
	case 'U': digits = 8; break;
	default: return 0;
	}
	for (j = 0; j < digits; j++) {
		int h = i + 2 + j < s->len ? hexval(s->t[i + 2 + j]) : -1;
		if (h < 0)
			return 0;
		cp = cp * 16 + (uint32_t)h;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	k = utf8_encode(cp, out);
	put(s, out, k, i, i + 2 + digits);
	return 2 + digits;
}

/*
 * Plain, single- and double-quoted scalars: runs of non-blank characters
 * joined by whitespace kept as written, or by line breaks folded (one
 * break becomes a space, n breaks become n-1 line feeds), as libyaml's
 * scan_plain_scalar and scan_flow_scalar do.
 */
/* Whitespace met between runs of text, written out once text follows. */
struct gap {
	int	 leading;	/* after a line break */
	size_t	 lb_a;		/* the first break of a run */
	size_t	 ws_a, ws_b;	/* blanks on the line */
};

/* Write what g holds before the text at i: a folded break, or the blanks as written. */
static void
gap_flush(struct scan *s, struct gap *g, size_t i)
{
	if (g->leading) {
		if (g->lb_a != NOPOS && s->ntb == 0)
			put(s, " ", 1, g->lb_a, i);
		put_breaks(s);
		g->leading = 0;
		g->lb_a = NOPOS;
	} else if (g->ws_a != NOPOS)
		copy(s, g->ws_a, g->ws_b - g->ws_a);
	g->ws_a = NOPOS;
}

static void
scan_flow(struct scan *s, size_t i, enum scalar_style style)
{
	char quote = style == STYLE_SINGLE ? '\'' : '"';
	int plain = style == STYLE_PLAIN;
	struct gap g = { 0, NOPOS, NOPOS, 0 };

	if (!plain) {
		if (i >= s->len || s->t[i] != quote) {
			s->bad = 1;
			return;
		}
		i++;
	}
	while (!s->bad && i <= s->len) {
		if (plain && s->n == s->wlen)
			return;
		/* Non-blank characters. */
		while (!s->bad && i < s->len && !is_blank(s, i) && !is_break(s, i)) {
			size_t k;

			if (plain) {
				if (s->n == s->wlen)
					return;
				gap_flush(s, &g, i);	/* it waited until text follows */
				k = char_len(s, i);
				copy(s, i, k);
				i += k;
				continue;
			}
			if (style == STYLE_SINGLE && s->t[i] == '\'' &&
			    i + 1 < s->len && s->t[i + 1] == '\'') {
				put(s, "'", 1, i, i + 2);
				i += 2;
				continue;
			}
			if (s->t[i] == quote)
				return;
			if (style == STYLE_DOUBLE && s->t[i] == '\\' && is_break(s, i + 1)) {
				/* An escaped line break: joined without a space. */
				i++;
				i += break_len(s, i);
				g.leading = 1;
				g.lb_a = NOPOS;
				break;
			}
			if (style == STYLE_DOUBLE && s->t[i] == '\\') {
				if ((k = escape(s, i)) == 0)
					s->bad = 1;
				i += k;
				continue;
			}
			k = char_len(s, i);
			copy(s, i, k);
			i += k;
		}
		if (s->bad)
			return;
		if (i >= s->len)
			break;
		if (!plain && s->t[i] == quote)
			return;
		/* Blanks and line breaks. */
		while (is_blank(s, i) || is_break(s, i)) {
			if (is_blank(s, i)) {
				if (!g.leading) {
					if (g.ws_a == NOPOS)
						g.ws_a = i;
					g.ws_b = i + 1;
				}
				i++;
			} else {
				size_t k = break_len(s, i);

				if (!g.leading) {
					g.ws_a = NOPOS;
					g.lb_a = i;
					g.leading = 1;
				} else
					push_break(s, i, i + k);
				i += k;
			}
		}
		if (plain)
			continue;
		gap_flush(s, &g, i);	/* quoted scalars join at once */
		if (i >= s->len)
			break;
	}
	if (!plain || s->n != s->wlen)
		s->bad = 1;
}

/* Indentation spaces and empty lines of a block scalar (libyaml's scan_block_scalar_breaks). */
static size_t
block_breaks(struct scan *s, size_t i, size_t indent, size_t *col)
{
	for (;;) {
		while (i < s->len && s->t[i] == ' ' && *col < indent) {
			i++;
			(*col)++;
		}
		if (!is_break(s, i))
			return i;
		push_break(s, i, i + break_len(s, i));
		i += break_len(s, i);
		*col = 0;
	}
}

/* The indentation libyaml would detect for a block scalar starting at i. */
static size_t
auto_indent(const struct scan *s, size_t i)
{
	size_t best = 0, col;

	for (;;) {
		col = 0;
		while (i < s->len && s->t[i] == ' ') {
			i++;
			col++;
		}
		if (col > best)
			best = col;
		if (!is_break(s, i))
			break;
		i += break_len(s, i);
	}
	return best ? best : 1;
}

/*
 * The content of a literal (|) or folded (>) block scalar from i, the
 * first line after the header, with a given indentation.
 */
static void
scan_block_body(struct scan *s, size_t i, size_t indent, int literal, int chomp)
{
	size_t col = 0, lb_a = NOPOS, lb_b = 0;
	int leading_blank = 0, trailing_blank;

	s->ntb = 0;
	i = block_breaks(s, i, indent, &col);
	while (!s->bad && col == indent && i < s->len) {
		trailing_blank = is_blank(s, i);
		if (!literal && lb_a != NOPOS && !leading_blank && !trailing_blank) {
			if (s->ntb == 0)
				put(s, " ", 1, lb_a, i);
		} else if (lb_a != NOPOS)
			put(s, "\n", 1, lb_a, lb_b);
		lb_a = NOPOS;
		put_breaks(s);
		leading_blank = is_blank(s, i);
		while (!s->bad && i < s->len && !is_break(s, i)) {
			size_t k = char_len(s, i);
			copy(s, i, k);
			i += k;
		}
		if (i >= s->len)
			break;
		lb_a = i;
		lb_b = i + break_len(s, i);
		i = lb_b;
		col = 0;
		i = block_breaks(s, i, indent, &col);
	}
	if (chomp != '-' && lb_a != NOPOS)
		put(s, "\n", 1, lb_a, lb_b);
	if (chomp == '+')
		put_breaks(s);
	s->ntb = 0;
	if (s->n != s->wlen)
		s->bad = 1;
}

/* Parse a block scalar's header at i; returns the first body offset. */
static size_t
block_header(struct scan *s, size_t i, int literal, size_t *indent, int *chomp)
{
	*indent = 0;
	*chomp = 0;
	if (i >= s->len || s->t[i] != (literal ? '|' : '>')) {
		s->bad = 1;
		return i;
	}
	for (i++; i < s->len; i++) {
		if (s->t[i] == '+' || s->t[i] == '-')
			*chomp = s->t[i];
		else if (s->t[i] >= '1' && s->t[i] <= '9')
			*indent = (size_t)(s->t[i] - '0');
		else
			break;
	}
	while (i < s->len && !is_break(s, i))
		i++;		/* blanks and a comment */
	if (i < s->len)
		i += break_len(s, i);
	return i;
}

static void
scan_block(struct scan *s, size_t i, int literal)
{
	size_t indent, body, k;
	int chomp;

	body = block_header(s, i, literal, &indent, &chomp);
	if (s->bad)
		return;
	/*
	 * With an indentation indicator the indentation is relative to the
	 * parent node, which is not known here: the detected indentation is
	 * tried first, then every other until one reproduces the value.
	 */
	scan_block_body(s, body, auto_indent(s, body), literal, chomp);
	for (k = 1; s->bad && k <= 64; k++) {
		s->bad = 0;
		s->n = 0;
		scan_block_body(s, body, k, literal, chomp);
	}
}

static void
map_fallback(struct scalar_map *m)
{
	size_t i;

	m->exact = 0;
	for (i = 0; i <= m->n; i++) {
		m->start[i] = m->v->offset;
		m->end[i] = m->v->offset;
	}
}

void
scalar_map_init_text(struct scalar_map *m, const char *text, size_t len,
    const struct value *v)
{
	struct scan s;
	size_t i;

	memset(m, 0, sizeof(*m));
	m->text = text;
	m->textlen = len;
	m->v = v;
	m->n = v->str != NULL ? v->len : 0;
	m->start = xcalloc(m->n + 1, sizeof(size_t));
	m->end = xcalloc(m->n + 1, sizeof(size_t));
	if (v->str == NULL || v->offset > len || v->style == STYLE_NONE) {
		map_fallback(m);
		return;
	}
	memset(&s, 0, sizeof(s));
	s.t = text;
	s.len = len;
	s.want = v->str;
	s.wlen = v->len;
	s.start = m->start;
	s.end = m->end;
	i = skip_props(&s, v->offset);
	switch (v->style) {
	case STYLE_PLAIN:
	case STYLE_SINGLE:
	case STYLE_DOUBLE:
		scan_flow(&s, i, v->style);
		break;
	case STYLE_LITERAL:
	case STYLE_FOLDED:
		scan_block(&s, i, v->style == STYLE_LITERAL);
		break;
	default:
		s.bad = 1;
		break;
	}
	free(s.tb);
	if (s.bad || s.n != m->n) {
		map_fallback(m);
		return;
	}
	m->exact = 1;
	if (m->n == 0)
		m->start[0] = m->end[0] = i + (v->style == STYLE_SINGLE ||
		    v->style == STYLE_DOUBLE);
	else
		m->start[m->n] = m->end[m->n] = m->end[m->n - 1];
}

void
scalar_map_init(struct scalar_map *m, const struct value_doc *doc, const struct value *v)
{
	size_t len;
	const char *text = value_doc_text(doc, &len);

	scalar_map_init_text(m, text, len, v);
}

void
scalar_map_free(struct scalar_map *m)
{
	free(m->start);
	free(m->end);
	m->start = m->end = NULL;
}

void
scalar_map_offset_pos(struct scalar_map *m, size_t off, struct srcpos *pos)
{
	const char *t = m->text;
	size_t i = m->v->offset;
	int line = m->v->pos.line, col = m->v->pos.col;
	uint32_t cp;

	if (off > m->textlen)
		off = m->textlen;
	/* Findings come in order: one pass over the text for all of them. */
	if (m->at > i && m->at <= off) {
		i = m->at;
		line = m->at_line;
		col = m->at_col;
	}
	while (i < off) {
		if (t[i] == '\n' || t[i] == '\r') {
			i += t[i] == '\r' && i + 1 < m->textlen && t[i + 1] == '\n' ? 2 : 1;
			line++;
			col = 1;
			continue;
		}
		size_t k = utf8_decode(t + i, m->textlen - i, &cp);
		i += k ? k : 1;
		col++;
	}
	m->at = i;
	m->at_line = line;
	m->at_col = col;
	pos->file = m->v->pos.file;
	pos->line = line;
	pos->col = col;
}

void
scalar_map_pos(struct scalar_map *m, size_t i, struct srcpos *pos)
{
	if (i > m->n)
		i = m->n;
	scalar_map_offset_pos(m, m->start[i], pos);
}

size_t
scalar_map_char_byte(const struct scalar_map *m, size_t ch)
{
	const char *s = m->v->str;
	size_t i = 0, k;
	uint32_t cp;

	while (ch > 0 && i < m->n) {
		k = utf8_decode(s + i, m->n - i, &cp);
		i += k ? k : 1;
		ch--;
	}
	return i;
}

/* Does the source span of value byte i hold a line break? */
static int
piece_breaks(const struct scalar_map *m, size_t i)
{
	size_t k;

	for (k = m->start[i]; k < m->end[i]; k++)
		if (m->text[k] == '\n' || m->text[k] == '\r')
			return 1;
	return m->start[i] == m->end[i];
}

static int
blank_at(const struct scalar_map *m, size_t i)
{
	return i < m->n && (m->v->str[i] == ' ' || m->v->str[i] == '\t');
}

/*
 * An edit must not leave blanks at the start of a source line (they would
 * turn into indentation) or, outside block scalars, at its end (they would
 * be dropped by folding).
 */
static int
edge_blanks(const struct scalar_map *m, size_t a, size_t b, size_t sa, size_t sb)
{
	const char *t = m->text;
	size_t k = sa;
	int line_start, line_end;

	while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\t'))
		k--;
	line_start = k == 0 || t[k - 1] == '\n' || t[k - 1] == '\r';
	if (line_start && (blank_at(m, a) || (b > a && blank_at(m, b) &&
	    m->start[b] == sb)))
		return 1;
	line_end = sb >= m->textlen || t[sb] == '\n' || t[sb] == '\r';
	if (line_end && m->v->style != STYLE_LITERAL && m->v->style != STYLE_FOLDED &&
	    a > 0 && blank_at(m, a - 1))
		return 1;
	return 0;
}

int
scalar_map_range(const struct scalar_map *m, size_t a, size_t b, size_t *sa, size_t *sb)
{
	size_t i;

	if (!m->exact || a > b || b > m->n)
		return -1;
	/* Character boundaries only. */
	if ((a < m->n && ((unsigned char)m->v->str[a] & 0xC0) == 0x80) ||
	    (b < m->n && ((unsigned char)m->v->str[b] & 0xC0) == 0x80))
		return -1;
	if (a == b) {
		if (a > 0 && !piece_breaks(m, a - 1))
			*sa = *sb = m->end[a - 1];
		else if (a < m->n && !piece_breaks(m, a))
			*sa = *sb = m->start[a];
		else if (m->n == 0)
			*sa = *sb = m->start[0];
		else
			return -1;
		return edge_blanks(m, a, b, *sa, *sb) ? -1 : 0;
	}
	/* Whole pieces only. */
	if (a > 0 && m->start[a - 1] == m->start[a] && m->end[a - 1] == m->end[a])
		return -1;
	if (b < m->n && m->start[b - 1] == m->start[b] && m->end[b - 1] == m->end[b])
		return -1;
	for (i = a; i < b; i++) {
		if (piece_breaks(m, i))
			return -1;
		if (i + 1 < b && m->start[i + 1] != m->end[i] &&
		    !(m->start[i + 1] == m->start[i] && m->end[i + 1] == m->end[i]))
			return -1;
	}
	*sa = m->start[a];
	*sb = m->end[b - 1];
	return edge_blanks(m, a, b, *sa, *sb) ? -1 : 0;
}

int
scalar_map_quote(enum scalar_style style, const char *s, size_t len, struct buf *out)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' || s[i] == '\r' || (unsigned char)s[i] < 0x20 ||
		    s[i] == 0x7F)
			return -1;
	if (out->data == NULL)
		buf_put(out, "", 0);
	for (i = 0; i < len; i++) {
		if (style == STYLE_SINGLE && s[i] == '\'')
			buf_putc(out, '\'');
		else if (style == STYLE_DOUBLE && (s[i] == '"' || s[i] == '\\'))
			buf_putc(out, '\\');
		buf_putc(out, s[i]);
	}
	return 0;
}
