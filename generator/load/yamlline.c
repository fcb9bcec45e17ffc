/*
 * yamlline.c: reading a YAML line's start without parsing the file (see
 * yamlline.h), the line index libyaml's marks are counted in, and the
 * excerpts and quoted forms the messages show.
 */
#include <stdlib.h>
#include <string.h>

#include "yamlline.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define EXCERPT_HEAD	14		/* characters of a long text shown before "……" */
#define EXCERPT_TAIL	6		/* and after it */

int
yl_blank(char c)
{
	return c == ' ' || c == '\t';
}

const char *
yl_skip_blanks(const char *p, const char *e)
{
	while (p < e && yl_blank(*p))
		p++;
	return p;
}

void
yl_read(const struct yaml_text *t, size_t no, struct yline *l)
{
	const char *p, *q;

	memset(l, 0, sizeof(*l));
	l->no = no;
	if (no >= t->nlines) {
		l->s = l->e = l->body = t->text + t->len;
		l->blank = 1;
		return;
	}
	l->s = t->text + t->line_start[no];
	l->e = no + 1 < t->nlines ? t->text + t->line_start[no + 1] : t->text + t->len;
	while (l->e > l->s && (l->e[-1] == '\n' || l->e[-1] == '\r'))
		l->e--;
	for (p = l->s; p < l->e && *p == ' '; p++)
		l->indent++;
	p = yl_skip_blanks(p, l->e);
	if (p == l->e || *p == '#') {
		l->blank = 1;
		l->body = p;
		return;
	}
	while (p < l->e && *p == '-' && (p + 1 == l->e || yl_blank(p[1]))) {
		l->dash++;
		p = yl_skip_blanks(p + 1, l->e);
	}
	l->body = p;
	/* A plain key: up to the first ':' followed by a blank or the end. */
	if (p < l->e && strchr("\"'[{#", *p) == NULL) {
		for (q = p; q < l->e; q++) {
			if (*q == '#' && q > p && yl_blank(q[-1]))
				break;
			if (*q == ':' && (q + 1 == l->e || yl_blank(q[1]))) {
				l->key = p;
				l->colon = q;
				p = yl_skip_blanks(q + 1, l->e);
				break;
			}
		}
	}
	if ((l->key != NULL || l->dash) && p < l->e && *p != '#')
		l->value = p;
}

/* The nearest line before no that is not blank; 0 when there is none. */
int
yl_prev(const struct yaml_text *t, size_t no, struct yline *l)
{
	while (no-- > 0) {
		yl_read(t, no, l);
		if (!l->blank)
			return 1;
	}
	return 0;
}

/* 1-based column (in characters) of p on line l. */
int
yl_col(const struct yline *l, const char *p)
{
	return 1 + (int)utf8_count(l->s, (size_t)(p - l->s));
}

/* The byte on line l at 0-based character column col (its end when shorter). */
const char *
yl_at(const struct yline *l, size_t col)
{
	return l->s + utf8_skip(l->s, (size_t)(l->e - l->s), col);
}

/* The end of the text that starts at p: before a " # comment" and trailing blanks. */
const char *
yl_text_end(const char *p, const char *e)
{
	const char *q;

	for (q = p; q < e; q++)
		if (*q == '#' && q > p && yl_blank(q[-1])) {
			e = q;
			break;
		}
	while (e > p && yl_blank(e[-1]))
		e--;
	return e;
}

/* A lower-case ASCII name ([a-z_][a-z0-9_-]*) at p: its length, or 0. */
size_t
yl_name_len(const char *p, const char *e)
{
	const char *q = p;

	if (q < e && ((*q >= 'a' && *q <= 'z') || *q == '_'))
		for (q++; q < e && ((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') ||
		    *q == '_' || *q == '-'); q++)
			continue;
	return (size_t)(q - p);
}

int
yl_starts(const char *p, const char *e, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(e - p) >= n && memcmp(p, s, n) == 0;
}

/* p after blanks and full-width spaces. */
const char *
yl_skip_any(const char *p, const char *e)
{
	for (;;) {
		p = yl_skip_blanks(p, e);
		if (!yl_starts(p, e, FULLWIDTH_SPACE))
			return p;
		p += 3;
	}
}

/* The text s..e as a reader sees it in a message: long ones shortened. */
void
yl_put_excerpt(struct buf *b, const char *s, const char *e)
{
	size_t n = (size_t)(e - s), chars = utf8_count(s, n), head, tail;

	if (chars <= EXCERPT_HEAD + EXCERPT_TAIL + 2) {
		buf_put(b, s, n);
		return;
	}
	head = utf8_skip(s, n, EXCERPT_HEAD);
	tail = utf8_skip(s, n, chars - EXCERPT_TAIL);
	buf_put(b, s, head);
	buf_puts(b, "……");
	buf_put(b, s + tail, n - tail);
}

/* s..e as a YAML quoted scalar (single quotes unless it holds one only). */
void
yl_put_quoted(struct buf *b, const char *s, const char *e)
{
	struct buf q;
	const char *p;
	int dq = memchr(s, '\'', (size_t)(e - s)) != NULL &&
	    memchr(s, '"', (size_t)(e - s)) == NULL && memchr(s, '\\', (size_t)(e - s)) == NULL;

	buf_init(&q);
	buf_putc(&q, dq ? '"' : '\'');
	for (p = s; p < e; p++) {
		if (!dq && *p == '\'')
			buf_putc(&q, '\'');
		buf_putc(&q, *p);
	}
	buf_putc(&q, dq ? '"' : '\'');
	yl_put_excerpt(b, q.data, q.data + q.len);
	buf_free(&q);
}

/* How the line begins, for "写成“…”": "- " when it is a list item. */
const char *
yl_dash(const struct yline *l)
{
	return l->dash ? "- " : "";
}

static void
add_line(size_t **v, size_t *n, size_t *cap, size_t start)
{
	if (*n == *cap)
		*v = xreallocarray(*v, *cap *= 2, sizeof(size_t));
	(*v)[(*n)++] = start;
}

/* Lines end at "\n", "\r\n" or a lone "\r", as libyaml counts them. */
size_t *
yaml_index_lines(const char *t, size_t len, size_t *n)
{
	size_t cap = 64, i, *v = xmalloc(cap * sizeof(size_t));
	const char *p;

	v[0] = 0;
	*n = 1;
	if (memchr(t, '\r', len) == NULL) {
		for (p = t; (p = memchr(p, '\n', len - (size_t)(p - t))) != NULL; p++)
			add_line(&v, n, &cap, (size_t)(p - t) + 1);
		return v;
	}
	for (i = 0; i < len; i++)
		if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= len || t[i + 1] != '\n')))
			add_line(&v, n, &cap, i + 1);
	return v;
}

int
yaml_fullwidth_indent(const struct yaml_text *t, size_t line)
{
	struct yline l;
	const char *p;
	int col = 1;

	yl_read(t, line, &l);
	for (p = l.s; p < l.e; col++) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if (yl_starts(p, l.e, FULLWIDTH_SPACE))
			return col;
		else
			break;
	}
	return 0;
}

size_t
yaml_colon_key(const char *line, size_t len, const char **name, const char **colon, int *wide)
{
	const char *e = line + len, *p = yl_skip_blanks(line, e), *q;
	size_t n;

	while (p + 1 < e && *p == '-' && yl_blank(p[1]))
		p = yl_skip_blanks(p + 1, e);
	if ((n = yl_name_len(p, e)) == 0)
		return 0;
	q = yl_skip_any(p + n, e);
	if (yl_starts(q, e, FULLWIDTH_COLON))
		*wide = 1;
	else if (q == p + n && q + 1 < e && *q == ':' && !yl_blank(q[1]) && q[1] != ':' &&
	    q[1] != '\n' && q[1] != '\r' && q[1] != '/')
		*wide = 0;
	else
		return 0;
	*name = p;
	*colon = q;
	return n;
}

/* "写成“name: value”": the value after a colon (ASCII or full-width) and blanks. */
void
yl_put_written(struct buf *b, const struct yline *l, const char *name, size_t n, const char *rest)
{
	const char *end;

	rest = yl_skip_any(rest, l->e);
	end = yl_text_end(rest, l->e);
	buf_printf(b, "写成“%s%.*s:", yl_dash(l), (int)n, name);
	if (end > rest) {
		buf_putc(b, ' ');
		yl_put_excerpt(b, rest, end);
	}
	buf_puts(b, "”");
}

/* Whether line l carries text: a value, or a line of a text broken over lines. */
int
yl_has_text(const struct yline *l)
{
	if (l->blank)
		return 0;
	if (l->value != NULL)
		return *l->value != '|' && *l->value != '>';
	return l->key == NULL && !l->dash;
}

/*
 * Whether the text on line l stops in the middle of a Chinese sentence:
 * after a Han character or a comma, an enumeration comma, a colon, an
 * opening bracket or quote.
 */
int
yl_ends_open(const struct yline *l)
{
	static const char *const open[] = { "，", "、", "：", "（", "“", "‘", "《", "—", NULL };
	const char *e = yl_text_end(l->body, l->e), *p = e;
	uint32_t cp;
	size_t i;

	while (p > l->body && ((unsigned char)p[-1] & 0xC0) == 0x80)
		p--;
	if (p > l->body)
		p--;
	while (p > l->body && ((unsigned char)*p & 0xC0) == 0x80)
		p--;
	if (p >= e || utf8_decode(p, (size_t)(e - p), &cp) == 0)
		return 0;
	if (uc_is_han(cp))
		return 1;
	for (i = 0; open[i] != NULL; i++)
		if ((size_t)(e - p) == strlen(open[i]) && memcmp(p, open[i], (size_t)(e - p)) == 0)
			return 1;
	return 0;
}

/*
 * The line whose key (or "- ") the text on line pv belongs to: pv itself,
 * or the line above a run of text lines.
 */
void
yl_owner(const struct yaml_text *t, const struct yline *pv, struct yline *own)
{
	struct yline up;

	*own = *pv;
	while (own->key == NULL && !own->dash && yl_prev(t, own->no, &up))
		*own = up;
}

/* The column (0-based) where the text of the owner line's key must be indented past. */
size_t
yl_owner_col(const struct yline *own)
{
	if (own->key != NULL)
		return (size_t)(own->key - own->s);
	return (size_t)(own->body - own->s) - 2;
}

/* The nearest line above no with indentation at most indent (not blank). */
int
yl_up_to(const struct yaml_text *t, size_t no, size_t indent, struct yline *l)
{
	while (yl_prev(t, no, l)) {
		if (l->indent <= indent)
			return 1;
		no = l->no;
	}
	return 0;
}

void
yl_put_colon_msg(struct buf *b, const struct yline *l, const char *name, size_t n,
    const char *colon, int wide)
{
	if (wide)
		buf_printf(b, "“%.*s”后面用了全角冒号“：”，YAML 只认半角冒号“:”加一个空格：", (int)n, name);
	else
		buf_printf(b, "“%.*s”后面的冒号“:”后要有一个空格，YAML 才把它当成键：", (int)n, name);
	yl_put_written(b, l, name, n, colon + (wide ? 3 : 1));
	buf_puts(b, "（shuzhi fix 可以自动改正）");
}
