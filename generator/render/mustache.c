/*
 * mustache.c: the Mustache engine.  A template is cut into tokens, the
 * specification's standalone-line rules are applied to them, the tokens are
 * built into a tree, and the tree is rendered against a value tree.  Block
 * tags ({{$name}}) decide their standalone lines and indentation when they
 * are rendered, since that depends on which body, the default or an
 * override from a parent tag ({{<name}}), fills them.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mustache.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define MAX_INCLUDE	100			/* partials and parents within each other */
#define MAX_NEST	100			/* sections within each other in one template */
#define MAX_LEVEL	2000			/* the same across partials */
#define MAX_OUTPUT	(64u * 1024 * 1024)	/* bytes rendered by one call */
/*
 * Sections entered and tags rendered by one call: loops within loops that
 * print nothing never reach MAX_OUTPUT, but would run for hours.  The
 * longest benchmark report takes about half a million.
 */
#define MAX_STEPS	20000000ul
#define MAX_PARTIAL	(16u * 1024 * 1024)	/* bytes of a partial file */

enum kind {
	K_TEXT,
	K_VAR,		/* {{name}}: escaped */
	K_RAW,		/* {{{name}}}, {{&name}} */
	K_SECTION,	/* {{#name}} */
	K_INVERTED,	/* {{^name}} */
	K_CLOSE,	/* {{/name}} (a token only) */
	K_PARTIAL,	/* {{>name}} */
	K_PARENT,	/* {{<name}} */
	K_BLOCK,	/* {{$name}} */
	K_COMMENT,	/* {{! ...}}; as a node: a tag left on a line, nothing else */
	K_DELIM,	/* {{=<% %>=}} (a token only) */
};

struct span {
	size_t		 off, len;
};

struct token {
	enum kind	 kind;
	size_t		 start, end;	/* text kept, or the whole tag */
	struct span	 name;		/* tag content, trimmed */
	size_t		 match;		/* an opening tag <-> its closing tag */
	size_t		 ls;		/* where the whitespace before the tag starts */
	size_t		 le;		/* past the whitespace and newline after it */
	int		 before;	/* only whitespace before the tag on its line */
	int		 after;		/* only whitespace, then newline or end, after it */
	int		 standalone;	/* the line is removed */
};

struct node {
	enum kind	 kind;
	size_t		 off;		/* where the tag starts (diagnostics) */
	struct span	 s;		/* text, or the tag's name */
	int		 flush;		/* the tag stands on a line with other output */
	int		 close_flush;	/* the same for the closing tag */
	int		 standalone;	/* PARTIAL, PARENT: indent by pre */
	/*
	 * Blocks keep the whitespace around their tags apart, for whether
	 * the lines are standalone depends on the body rendered.
	 */
	struct span	 pre;		/* whitespace before the tag on its line */
	struct span	 lead;		/* "whitespace newline" opening the body */
	struct span	 intr;		/* indentation of the body's first line */
	struct span	 trail;		/* whitespace after the body's last newline */
	struct span	 post;		/* "whitespace newline" after the closing tag */
	int		 pre_ok, lead_ok, trail_ok, post_ok;
	struct node	*kids;
	size_t		 nkids;
};

struct tpl {
	struct tpl	*next;
	char		*name;		/* partial name; NULL for the main template */
	const char	*path;		/* interned, for diagnostics */
	const char	*text;
	size_t		 len;
	char		*own;		/* text read from a file */
	struct node	*nodes;
	size_t		 n;
	int		 failed;
	int		 sourced;	/* text given to the sink */
	const struct mustache_opts *where;	/* its locate(), for the main template */
};

struct renderer {
	struct diag			*diag;
	const struct mustache_opts	*opts;
	enum mustache_escape		 esc;
	struct buf			*out;
	size_t				 start;
	struct tpl			*tpls;
	int				 depth;		/* partials and parents */
	int				 level;		/* render_nodes calls */
	unsigned long			 steps;		/* see MAX_STEPS */
	int				 line_start;	/* output is at a template line's start */
	size_t				 strip_k;	/* indentation stripped on this line */
};

/* How template lines of a region are re-indented: strip a prefix, add one. */
struct region {
	const char	*strip;
	size_t		 striplen;
	const char	*add;
	size_t		 addlen;
};

struct ctx {
	const struct value	*v;
	const struct ctx	*up;
};

/* The blocks given by a parent tag, with those of the parents around it. */
struct subs {
	const struct node	*parent;
	struct tpl		*tpl;
	const struct subs	*outer;
};

struct frame {
	struct tpl		*tpl;
	const struct ctx	*ctx;
	const struct subs	*subs;
	const struct region	*rg;
};

static int	render_nodes(struct renderer *, const struct frame *,
		    const struct node *, size_t);

/* --- Diagnostics ---------------------------------------------------------- */

static struct srcpos
tpl_pos(const struct tpl *t, size_t off)
{
	struct srcpos pos;
	size_t i, ls = 0;

	pos.file = t->path;
	pos.line = 1;
	for (i = 0; i < off && i < t->len; i++)
		if (t->text[i] == '\n') {
			pos.line++;
			ls = i + 1;
		}
	pos.col = (int)utf8_count(t->text + ls, i - ls) + 1;
	return pos;
}

static void
tpl_error(struct diag *d, struct tpl *t, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
tpl_error(struct diag *d, struct tpl *t, size_t off, const char *fmt, ...)
{
	struct srcpos pos;
	struct buf b;
	va_list ap;

	if (t->where != NULL)
		t->where->locate(t->where->locate_arg, off, &pos);
	else
		pos = tpl_pos(t, off);
	if (t->where == NULL && !t->sourced) {
		diag_add_source(d, t->path, t->text, t->len);
		t->sourced = 1;
	}
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_error(d, &pos, "%s", b.data);
	buf_free(&b);
}

/* --- Parsing -------------------------------------------------------------- */

struct parser {
	struct diag	*diag;
	struct tpl	*t;
	const char	*s;
	size_t		 len;
	struct token	*tok;
	size_t		 ntok;
};

static int
is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static struct token *
add_token(struct parser *p, enum kind k, size_t start, size_t end)
{
	struct token *t;

	if ((p->ntok & (p->ntok - 1)) == 0)
		p->tok = xreallocarray(p->tok, p->ntok ? p->ntok * 2 : 1, sizeof(*p->tok));
	t = &p->tok[p->ntok++];
	memset(t, 0, sizeof(*t));
	t->kind = k;
	t->start = start;
	t->end = end;
	return t;
}

/* Find c (when not NUL) followed by the delimiter d in s[from..len). */
static size_t
find_close(const char *s, size_t from, size_t len, char c, const char *d, size_t dl)
{
	size_t need = dl + (c != '\0'), i;

	for (i = from; i + need <= len; i++) {
		if (c != '\0' && s[i] != c)
			continue;
		if (memcmp(s + i + (c != '\0'), d, dl) == 0)
			return i;
	}
	return (size_t)-1;
}

static const char *
kind_sigil(enum kind k)
{
	switch (k) {
	case K_SECTION: return "#";
	case K_INVERTED: return "^";
	case K_PARENT: return "<";
	case K_BLOCK: return "$";
	default: return "";
	}
}

/* Cut the template into text and tags, following set-delimiter tags. */
static int
tokenize(struct parser *p)
{
	const char *s = p->s, *od = "{{", *cd = "}}";
	size_t len = p->len, ol = 2, cl = 2, pos = 0;

	while (pos < len) {
		size_t ts, q, e, end, a, b;
		const char *o = NULL;
		char close_c = '\0';
		enum kind k;
		struct token *t;

		if (len - pos >= ol)
			o = memmem(s + pos, len - pos, od, ol);
		if (o == NULL) {
			add_token(p, K_TEXT, pos, len);
			break;
		}
		ts = (size_t)(o - s);
		if (ts > pos)
			add_token(p, K_TEXT, pos, ts);
		q = ts + ol;
		switch (q < len ? s[q] : '\0') {
		case '#': k = K_SECTION; break;
		case '^': k = K_INVERTED; break;
		case '/': k = K_CLOSE; break;
		case '>': k = K_PARTIAL; break;
		case '<': k = K_PARENT; break;
		case '$': k = K_BLOCK; break;
		case '!': k = K_COMMENT; break;
		case '=': k = K_DELIM; close_c = '='; break;
		case '{': k = K_RAW; close_c = '}'; break;
		case '&': k = K_RAW; break;
		default: k = K_VAR; q--; break;
		}
		q++;
		e = find_close(s, q, len, close_c, cd, cl);
		if (e == (size_t)-1) {
			tpl_error(p->diag, p->t, ts, "标签没有结束：缺少“%s%.*s”",
			    close_c == '=' ? "=" : close_c == '}' ? "}" : "", (int)cl, cd);
			return -1;
		}
		end = e + (close_c != '\0') + cl;
		for (a = q; a < e && is_space(s[a]); a++)
			;
		for (b = e; b > a && is_space(s[b - 1]); b--)
			;
		t = add_token(p, k, ts, end);
		t->name.off = a;
		t->name.len = b - a;
		if (k == K_COMMENT) {
			pos = end;
			continue;
		}
		if (k == K_DELIM) {
			/* Two words, without whitespace or '=' in them. */
			size_t w1 = a, w1e, w2, w2e;

			for (w1e = w1; w1e < b && !is_space(s[w1e]); w1e++)
				;
			for (w2 = w1e; w2 < b && is_space(s[w2]); w2++)
				;
			for (w2e = w2; w2e < b && !is_space(s[w2e]); w2e++)
				;
			if (w1e == w1 || w2 == w1e || w2e == w2 || w2e != b ||
			    memchr(s + w1, '=', w1e - w1) || memchr(s + w2, '=', w2e - w2)) {
				tpl_error(p->diag, p->t, ts, "%s",
				    "分隔符设置标签应写成“{{=开始 结束=}}”，两个分隔符之间用空格隔开，且不含空白和“=”");
				return -1;
			}
			od = s + w1;
			ol = w1e - w1;
			cd = s + w2;
			cl = w2e - w2;
			pos = end;
			continue;
		}
		if (b == a) {
			tpl_error(p->diag, p->t, ts, "%s", "标签里缺少名称");
			return -1;
		}
		for (size_t i = a; i < b; i++)
			if (is_space(s[i])) {
				tpl_error(p->diag, p->t, ts, "标签名“%.*s”中不能有空白",
				    (int)(b - a), s + a);
				return -1;
			}
		pos = end;
	}
	return 0;
}

static int
same_name(const char *s, const struct span *a, const struct span *b)
{
	return a->len == b->len && memcmp(s + a->off, s + b->off, a->len) == 0;
}

/* Pair each opening tag with its closing tag. */
static int
match_tags(struct parser *p)
{
	size_t *stack = NULL, depth = 0, i;
	int rc = 0;

	for (i = 0; i < p->ntok && rc == 0; i++) {
		struct token *t = &p->tok[i];

		switch (t->kind) {
		case K_SECTION:
		case K_INVERTED:
		case K_PARENT:
		case K_BLOCK:
			if (depth >= MAX_NEST) {
				tpl_error(p->diag, p->t, t->start, "区块嵌套过深（超过 %d 层）", MAX_NEST);
				rc = -1;
				break;
			}
			if ((depth & (depth - 1)) == 0)
				stack = xreallocarray(stack, depth ? depth * 2 : 1, sizeof(*stack));
			stack[depth++] = i;
			break;
		case K_CLOSE:
			if (depth == 0) {
				tpl_error(p->diag, p->t, t->start,
				    "多余的结束标签“/%.*s”：前面没有对应的开始标签",
				    (int)t->name.len, p->s + t->name.off);
				rc = -1;
				break;
			}
			{
				struct token *o = &p->tok[stack[depth - 1]];

				if (!same_name(p->s, &o->name, &t->name)) {
					struct srcpos op = tpl_pos(p->t, o->start);

					tpl_error(p->diag, p->t, t->start,
					    "结束标签“/%.*s”与第 %d 行第 %d 列的开始标签“%s%.*s”不对应",
					    (int)t->name.len, p->s + t->name.off, op.line, op.col,
					    kind_sigil(o->kind), (int)o->name.len, p->s + o->name.off);
					rc = -1;
					break;
				}
				o->match = i;
				t->match = stack[--depth];
			}
			break;
		default:
			break;
		}
	}
	if (rc == 0 && depth > 0) {
		struct token *o = &p->tok[stack[depth - 1]];

		tpl_error(p->diag, p->t, o->start, "“%s%.*s”没有结束标签（缺少“/%.*s”）",
		    kind_sigil(o->kind), (int)o->name.len, p->s + o->name.off,
		    (int)o->name.len, p->s + o->name.off);
		rc = -1;
	}
	free(stack);
	return rc;
}

/* Shorten the text token before tag i to end at off. */
static void
clip_before(struct parser *p, size_t i, size_t off)
{
	struct token *t;

	if (i == 0 || (t = &p->tok[i - 1])->kind != K_TEXT || t->end != p->tok[i].start)
		return;
	t->end = off > t->start ? off : t->start;
}

/* Make the text token after tag i start at off. */
static void
clip_after(struct parser *p, size_t i, size_t off)
{
	struct token *t;

	if (i + 1 >= p->ntok || (t = &p->tok[i + 1])->kind != K_TEXT ||
	    t->start != p->tok[i].end)
		return;
	t->start = off < t->end ? off : t->end;
}

/*
 * Standalone lines: a tag that is alone on its line, but for whitespace,
 * takes the line with it.  Variables never do.  A parent tag with its
 * closing tag counts as one tag.  Blocks only mark the pieces here.
 */
static void
standalone(struct parser *p)
{
	const char *s = p->s;
	size_t i;

	for (i = 0; i < p->ntok; i++) {
		struct token *t = &p->tok[i];
		size_t a, e;

		if (t->kind == K_TEXT)
			continue;
		for (a = t->start; a > 0 && is_ws(s[a - 1]); a--)
			;
		t->before = a == 0 || s[a - 1] == '\n';
		t->ls = a;
		for (e = t->end; e < p->len && is_ws(s[e]); e++)
			;
		if (e == p->len)
			t->after = 1;
		else if (s[e] == '\n')
			t->after = 1, e++;
		else if (s[e] == '\r' && e + 1 < p->len && s[e + 1] == '\n')
			t->after = 1, e += 2;
		t->le = e;
	}
	for (i = 0; i < p->ntok; i++) {
		struct token *t = &p->tok[i];

		switch (t->kind) {
		case K_SECTION:
		case K_INVERTED:
		case K_PARTIAL:
		case K_COMMENT:
		case K_DELIM:
			t->standalone = t->before && t->after;
			break;
		case K_CLOSE:
			if (p->tok[t->match].kind == K_SECTION || p->tok[t->match].kind == K_INVERTED)
				t->standalone = t->before && t->after;
			break;
		case K_PARENT:
			t->standalone = t->before && p->tok[t->match].after;
			p->tok[t->match].standalone = t->standalone;
			if (t->standalone) {
				clip_before(p, i, t->ls);
				clip_after(p, t->match, p->tok[t->match].le);
			}
			continue;
		default:
			break;
		}
		if (t->standalone && !(t->kind == K_CLOSE && p->tok[t->match].kind == K_PARENT)) {
			clip_before(p, i, t->ls);
			clip_after(p, i, t->le);
		}
	}
	/* Blocks: the whitespace around their tags becomes separate pieces. */
	for (i = 0; i < p->ntok; i++) {
		struct token *t = &p->tok[i];

		if (t->kind == K_BLOCK) {
			if (t->before)
				clip_before(p, i, t->ls);
			if (t->after && t->le > t->end && s[t->le - 1] == '\n')
				clip_after(p, i, t->le);
		} else if (t->kind == K_CLOSE && p->tok[t->match].kind == K_BLOCK) {
			const struct token *o = &p->tok[t->match];
			size_t b;

			for (b = t->start; b > o->end && is_ws(s[b - 1]); b--)
				;
			if (b > o->end && s[b - 1] == '\n')
				clip_before(p, i, b);
			if (t->after)
				clip_after(p, i, t->le);
		}
	}
}

static void
push_node(struct node **v, size_t *n, const struct node *nd)
{
	if ((*n & (*n - 1)) == 0)
		*v = xreallocarray(*v, *n ? *n * 2 : 1, sizeof(**v));
	(*v)[(*n)++] = *nd;
}

/* Build the nodes of tokens [from, to). */
static void
build(struct parser *p, size_t from, size_t to, struct node **out, size_t *nout)
{
	const char *s = p->s;
	size_t i;

	*out = NULL;
	*nout = 0;
	for (i = from; i < to; i++) {
		const struct token *t = &p->tok[i];
		struct node nd;

		memset(&nd, 0, sizeof(nd));
		nd.kind = t->kind;
		nd.off = t->start;
		nd.s = t->name;
		switch (t->kind) {
		case K_TEXT:
			if (t->end <= t->start)
				continue;
			nd.s.off = t->start;
			nd.s.len = t->end - t->start;
			break;
		case K_VAR:
		case K_RAW:
			nd.flush = 1;
			break;
		case K_COMMENT:
		case K_DELIM:
			if (t->standalone)
				continue;
			nd.kind = K_COMMENT;
			nd.flush = 1;
			break;
		case K_PARTIAL:
			nd.flush = !t->standalone;
			nd.standalone = t->standalone;
			nd.pre.off = t->ls;
			nd.pre.len = t->start - t->ls;
			break;
		case K_SECTION:
		case K_INVERTED:
			nd.flush = !t->standalone;
			nd.close_flush = !p->tok[t->match].standalone;
			build(p, i + 1, t->match, &nd.kids, &nd.nkids);
			i = t->match;
			break;
		case K_PARENT:
			nd.flush = !t->standalone;
			nd.standalone = t->standalone;
			nd.pre.off = t->ls;
			nd.pre.len = t->start - t->ls;
			build(p, i + 1, t->match, &nd.kids, &nd.nkids);
			i = t->match;
			break;
		case K_BLOCK: {
			const struct token *c = &p->tok[t->match];
			size_t b, w;

			nd.pre_ok = t->before;
			if (t->before) {
				nd.pre.off = t->ls;
				nd.pre.len = t->start - t->ls;
			}
			if (t->after && t->le > t->end && s[t->le - 1] == '\n') {
				nd.lead_ok = 1;
				nd.lead.off = t->end;
				nd.lead.len = t->le - t->end;
				for (w = t->le; w < c->start && is_ws(s[w]); w++)
					;
				nd.intr.off = t->le;
				nd.intr.len = w - t->le;
			}
			for (b = c->start; b > t->end && is_ws(s[b - 1]); b--)
				;
			if (b > t->end && s[b - 1] == '\n') {
				nd.trail_ok = 1;
				nd.trail.off = b;
				nd.trail.len = c->start - b;
			}
			if (c->after) {
				nd.post_ok = 1;
				nd.post.off = c->end;
				nd.post.len = c->le - c->end;
			}
			build(p, i + 1, t->match, &nd.kids, &nd.nkids);
			i = t->match;
			break;
		}
		default:
			continue;
		}
		push_node(out, nout, &nd);
	}
}

static void
free_nodes(struct node *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free_nodes(v[i].kids, v[i].nkids);
	free(v);
}

static int
parse(struct diag *d, struct tpl *t)
{
	struct parser p;
	size_t bad;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	p.diag = d;
	p.t = t;
	p.s = t->text;
	p.len = t->len;
	if ((bad = utf8_invalid_at(t->text, t->len)) != (size_t)-1)
		tpl_error(d, t, bad, "%s", "模板不是有效的 UTF-8 编码；请把文件另存为 UTF-8");
	else if (tokenize(&p) == 0 && match_tags(&p) == 0) {
		standalone(&p);
		build(&p, 0, p.ntok, &t->nodes, &t->n);
		rc = 0;
	}
	free(p.tok);
	t->failed = rc != 0;
	return rc;
}

static struct tpl *
tpl_new(struct renderer *r, const char *name, const char *path, const char *text,
    size_t len, char *own)
{
	struct tpl *t = xcalloc(1, sizeof(*t));

	t->name = name ? xstrdup(name) : NULL;
	t->path = diag_intern(r->diag, path);
	t->text = text;
	t->len = len;
	t->own = own;
	if (name == NULL && r->opts != NULL && r->opts->locate != NULL)
		t->where = r->opts;
	t->next = r->tpls;
	r->tpls = t;
	parse(r->diag, t);
	return t;
}

/* --- Looking things up -------------------------------------------------- */

static const struct value *
map_get(const struct value *v, const char *k, size_t n)
{
	size_t i;

	if (v == NULL || v->kind != VALUE_MAP)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strncmp(v->keys[i], k, n) == 0 && v->keys[i][n] == '\0')
			return v->items[i];
	return NULL;
}

/*
 * A name: "." is the top of the stack; otherwise its first part is looked
 * up from the top of the stack down, the other parts in what was found.
 */
static const struct value *
lookup(const struct ctx *c, const char *name, size_t len)
{
	const struct value *v = NULL;
	const char *dot;
	size_t n;

	if (len == 1 && name[0] == '.')
		return c ? c->v : NULL;
	dot = memchr(name, '.', len);
	n = dot ? (size_t)(dot - name) : len;
	for (; c != NULL; c = c->up)
		if ((v = map_get(c->v, name, n)) != NULL)
			break;
	while (v != NULL && dot != NULL) {
		name = dot + 1;
		len -= n + 1;
		dot = memchr(name, '.', len);
		n = dot ? (size_t)(dot - name) : len;
		v = map_get(v, name, n);
	}
	return v;
}

/* Falsy: missing, null, false, the empty list and the empty string. */
static int
truthy(const struct value *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case VALUE_NULL: return 0;
	case VALUE_BOOL: return v->boolean;
	case VALUE_STRING: return v->len > 0;
	case VALUE_LIST: return v->n > 0;
	default: return 1;
	}
}

/* The shortest form that reads back the same: 85, 1.21, 1e+20. */
static void
format_number(double d, char *b, size_t n)
{
	if (d == 0)
		snprintf(b, n, "0");
	else if (fabs(d) < 1e15 && d == trunc(d))
		snprintf(b, n, "%.0f", d);
	else {
		snprintf(b, n, "%.15g", d);
		if (strtod(b, NULL) != d)
			snprintf(b, n, "%.17g", d);
	}
}

/* The text of a scalar; lists and maps have none. */
static const char *
scalar_text(const struct value *v, char *num, size_t numsz, size_t *len)
{
	const char *s;

	switch (v->kind) {
	case VALUE_STRING:
		*len = v->len;
		return v->str;
	case VALUE_NUMBER:
		format_number(v->num, num, numsz);
		s = num;
		break;
	case VALUE_BOOL:
		s = v->boolean ? "true" : "false";
		break;
	default:
		s = "";
		break;
	}
	*len = strlen(s);
	return s;
}

/* A partial's name must stay inside the partials folder. */
static int
safe_name(const char *n)
{
	const char *p;

	if (n[0] == '/' || n[0] == '\0')
		return 0;
	for (p = n; *p != '\0'; p = strchr(p, '/') ? strchr(p, '/') + 1 : p + strlen(p))
		if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0'))
			return 0;
	return 1;
}

/*
 * The template of a partial or parent tag: from the partials map first,
 * then from DIR/name.mustache.  *out is NULL when it is missing and
 * missing partials are allowed: that is when only the map is given (the
 * specification's test runner: a missing partial is the empty string).  With
 * a partials folder a missing partial is an error, so that a typo in a
 * report template cannot silently drop text.  Returns -1 on error.
 */
static int
find_partial(struct renderer *r, const struct frame *f, const struct node *nd,
    struct tpl **out)
{
	const struct mustache_opts *o = r->opts;
	const struct value *v;
	struct tpl *t;
	char *name, *file, *text;
	size_t len;
	struct stat st;
	int rc = -1;

	*out = NULL;
	name = xstrndup(f->tpl->text + nd->s.off, nd->s.len);
	for (t = r->tpls; t != NULL; t = t->next)
		if (t->name != NULL && strcmp(t->name, name) == 0) {
			free(name);
			*out = t;
			return t->failed ? -1 : 0;
		}
	if (o != NULL && (v = value_get(o->partials, name)) != NULL) {
		if (v->kind == VALUE_LIST || v->kind == VALUE_MAP) {
			tpl_error(r->diag, f->tpl, nd->off,
			    "局部模板“%s”应是文字，却是%s", name, value_kind_name(v->kind));
			goto done;
		}
		/* A partial loaded from a file has that file's name in pos. */
		if (v->kind == VALUE_NULL || v->str == NULL)
			t = tpl_new(r, name, v->pos.file ? v->pos.file : name, "", 0, NULL);
		else
			t = tpl_new(r, name, v->pos.file ? v->pos.file : name, v->str,
			    v->len, NULL);
		*out = t;
		rc = t->failed ? -1 : 0;
		goto done;
	}
	if (o != NULL && o->partials_dir != NULL) {
		if (!safe_name(name)) {
			tpl_error(r->diag, f->tpl, nd->off,
			    "局部模板名“%s”不能是绝对路径，也不能含“..”", name);
			goto done;
		}
		len = strlen(name);
		file = xmalloc(len + sizeof(".mustache"));
		memcpy(file, name, len);
		memcpy(file + len, ".mustache", sizeof(".mustache"));
		{
			char *path = path_join(o->partials_dir, file);

			free(file);
			if (stat(path, &st) != 0 && errno == ENOENT) {
				tpl_error(r->diag, f->tpl, nd->off,
				    "找不到局部模板“%s”（没有文件 %s）", name, path);
				free(path);
				goto done;
			}
			if (read_file(r->diag, path, MAX_PARTIAL, &text, &len) != 0) {
				free(path);
				goto done;
			}
			t = tpl_new(r, name, path, text, len, text);
			free(path);
		}
		*out = t;
		rc = t->failed ? -1 : 0;
		goto done;
	}
	if (o != NULL && o->partials != NULL)
		rc = 0;		/* the specification's behaviour: empty */
	else
		tpl_error(r->diag, f->tpl, nd->off,
		    "找不到局部模板“%s”（没有指定局部模板的来源）", name);
done:
	free(name);
	return rc;
}

/* The block that overrides name: the outermost parent's wins. */
static const struct node *
find_block(const struct subs *s, const char *text, const struct span *name,
    struct tpl **tpl)
{
	const struct node *nd;
	size_t i;

	if (s == NULL)
		return NULL;
	if ((nd = find_block(s->outer, text, name, tpl)) != NULL)
		return nd;
	for (i = 0; i < s->parent->nkids; i++) {
		const struct node *k = &s->parent->kids[i];

		if (k->kind == K_BLOCK && k->s.len == name->len &&
		    memcmp(s->tpl->text + k->s.off, text + name->off, name->len) == 0) {
			*tpl = s->tpl;
			return k;
		}
	}
	return NULL;
}

/* --- Rendering ------------------------------------------------------------ */

/* Put the pending indentation of a line that gets output. */
static void
flush(struct renderer *r, const struct region *rg)
{
	if (r->line_start) {
		buf_put(r->out, rg->add, rg->addlen);
		r->line_start = 0;
	}
}

/*
 * Template text: at each line's start, strip the region's prefix and add
 * its indentation (not on blank lines).
 */
static void
emit_text(struct renderer *r, const struct region *rg, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		const char *nl;
		size_t n;

		if (r->line_start) {
			while (i < len && r->strip_k < rg->striplen && s[i] == rg->strip[r->strip_k]) {
				i++;
				r->strip_k++;
			}
			if (i == len)
				return;
			r->strip_k = rg->striplen;
			if (s[i] != '\n' && !(s[i] == '\r' && i + 1 < len && s[i + 1] == '\n'))
				buf_put(r->out, rg->add, rg->addlen);
			r->line_start = 0;
		}
		nl = memchr(s + i, '\n', len - i);
		n = nl ? (size_t)(nl - (s + i)) + 1 : len - i;
		buf_put(r->out, s + i, n);
		i += n;
		if (nl != NULL) {
			r->line_start = 1;
			r->strip_k = 0;
		}
	}
}

/* The indentation ws at a line's start in region rg comes out as. */
static void
compose(const struct region *rg, const char *ws, size_t n, struct buf *b)
{
	size_t k = 0;

	while (k < n && k < rg->striplen && ws[k] == rg->strip[k])
		k++;
	buf_put(b, rg->add, rg->addlen);
	buf_put(b, ws + k, n - k);
}

static int
render_section(struct renderer *r, const struct frame *f, const struct node *nd)
{
	const struct value *v = lookup(f->ctx, f->tpl->text + nd->s.off, nd->s.len);
	struct frame g = *f;
	struct ctx c;
	size_t i;

	if (nd->flush)
		flush(r, f->rg);
	if (nd->kind == K_INVERTED) {
		if (truthy(v))
			return 0;
		if (render_nodes(r, f, nd->kids, nd->nkids) != 0)
			return -1;
		if (nd->close_flush)
			flush(r, f->rg);
		return 0;
	}
	if (!truthy(v))
		return 0;
	c.up = f->ctx;
	g.ctx = &c;
	for (i = 0; i < (v->kind == VALUE_LIST ? v->n : 1); i++) {
		c.v = v->kind == VALUE_LIST ? v->items[i] : v;
		if (render_nodes(r, &g, nd->kids, nd->nkids) != 0)
			return -1;
		if (nd->close_flush)
			flush(r, f->rg);
	}
	return 0;
}

/* {{>name}} and {{<name}}...{{/name}}. */
static int
render_include(struct renderer *r, const struct frame *f, const struct node *nd)
{
	struct region rg = { "", 0, "", 0 };
	struct subs s;
	struct frame g;
	struct tpl *t;
	struct buf ind;
	int rc;

	if (nd->flush)
		flush(r, f->rg);
	if (r->depth >= MAX_INCLUDE) {
		tpl_error(r->diag, f->tpl, nd->off,
		    "局部模板嵌套超过 %d 层：可能是局部模板无终止地包含自身", MAX_INCLUDE);
		return -1;
	}
	if (find_partial(r, f, nd, &t) != 0)
		return -1;
	if (t == NULL)
		return 0;
	buf_init(&ind);
	if (nd->standalone) {
		compose(f->rg, f->tpl->text + nd->pre.off, nd->pre.len, &ind);
		rg.add = ind.data ? ind.data : "";
		rg.addlen = ind.len;
		r->strip_k = 0;
	}
	g.tpl = t;
	g.ctx = f->ctx;
	g.subs = f->subs;
	g.rg = &rg;
	if (nd->kind == K_PARENT) {
		s.parent = nd;
		s.tpl = f->tpl;
		s.outer = f->subs;
		g.subs = &s;
	}
	r->depth++;
	rc = render_nodes(r, &g, t->nodes, t->n);
	r->depth--;
	buf_free(&ind);
	return rc;
}

/*
 * {{$name}}: the override given by a parent, else the default body.  The
 * opening tag's line is standalone when the tag is alone on the site's line
 * and the body starts with a newline; the closing tag's likewise.  When
 * the opening line is standalone, an override is re-indented: its own first
 * line's indentation is replaced by that of the site.
 */
static int
render_block(struct renderer *r, const struct frame *f, const struct node *nd)
{
	struct tpl *bt = f->tpl;
	const struct node *body;
	struct region rg = *f->rg;
	struct frame g = *f;
	struct buf ind;
	int open_sa, close_sa, rc;

	body = find_block(f->subs, f->tpl->text, &nd->s, &bt);
	if (body == NULL) {
		body = nd;
		bt = f->tpl;
	}
	open_sa = nd->pre_ok && body->lead_ok;
	close_sa = body->trail_ok && nd->post_ok;
	buf_init(&ind);
	if (!open_sa) {
		emit_text(r, f->rg, f->tpl->text + nd->pre.off, nd->pre.len);
		flush(r, f->rg);
		emit_text(r, f->rg, bt->text + body->lead.off, body->lead.len);
	} else {
		r->line_start = 1;
		r->strip_k = 0;
		if (body != nd) {
			if (nd->lead_ok)
				compose(f->rg, f->tpl->text + nd->intr.off, nd->intr.len, &ind);
			else
				compose(f->rg, f->tpl->text + nd->pre.off, nd->pre.len, &ind);
			rg.strip = bt->text + body->intr.off;
			rg.striplen = body->intr.len;
			rg.add = ind.data ? ind.data : "";
			rg.addlen = ind.len;
		}
	}
	g.tpl = bt;
	g.rg = &rg;
	rc = render_nodes(r, &g, body->kids, body->nkids);
	if (rc == 0 && !close_sa) {
		emit_text(r, &rg, bt->text + body->trail.off, body->trail.len);
		flush(r, f->rg);
		emit_text(r, f->rg, f->tpl->text + nd->post.off, nd->post.len);
	}
	buf_free(&ind);
	return rc;
}

static int
render_nodes(struct renderer *r, const struct frame *f, const struct node *v, size_t n)
{
	size_t i;
	int rc = 0;

	if (r->level >= MAX_LEVEL) {
		tpl_error(r->diag, f->tpl, n > 0 ? v[0].off : 0, "区块嵌套过深（超过 %d 层）",
		    MAX_LEVEL);
		return -1;
	}
	if ((r->steps += n + 1) > MAX_STEPS) {
		tpl_error(r->diag, f->tpl, n > 0 ? v[0].off : 0, "渲染超过了 %lu 万步，停止渲染"
		    "（区块中的循环套着循环，展开得过多）", MAX_STEPS / 10000);
		return -1;
	}
	r->level++;
	for (i = 0; i < n && rc == 0; i++) {
		const struct node *nd = &v[i];
		const struct value *val;
		char num[64];
		const char *s;
		size_t len;

		if (r->out->len - r->start > MAX_OUTPUT) {
			tpl_error(r->diag, f->tpl, nd->off,
			    "输出超过 %u MiB，停止渲染（模板展开得过多）",
			    MAX_OUTPUT / 1024 / 1024);
			rc = -1;
			break;
		}
		switch (nd->kind) {
		case K_TEXT:
			emit_text(r, f->rg, f->tpl->text + nd->s.off, nd->s.len);
			break;
		case K_VAR:
		case K_RAW:
			flush(r, f->rg);
			val = lookup(f->ctx, f->tpl->text + nd->s.off, nd->s.len);
			if (val == NULL)
				break;
			s = scalar_text(val, num, sizeof(num), &len);
			if (nd->kind == K_VAR)
				mustache_escape(r->esc, s, len, r->out);
			else
				buf_put(r->out, s, len);
			break;
		case K_SECTION:
		case K_INVERTED:
			rc = render_section(r, f, nd);
			break;
		case K_PARTIAL:
		case K_PARENT:
			rc = render_include(r, f, nd);
			break;
		case K_BLOCK:
			rc = render_block(r, f, nd);
			break;
		case K_COMMENT:
			flush(r, f->rg);
			break;
		default:
			break;
		}
	}
	r->level--;
	return rc;
}

int
mustache_render(struct diag *d, const char *path, const char *text, size_t len,
    const struct value *data, const struct mustache_opts *opts, struct buf *out)
{
	struct renderer r;
	struct region rg = { "", 0, "", 0 };
	struct ctx c;
	struct frame f;
	struct tpl *t, *next;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.diag = d;
	r.opts = opts;
	r.esc = opts ? opts->escape : ESCAPE_HTML;
	r.out = out;
	r.start = out->len;
	r.line_start = 1;
	buf_put(out, "", 0);	/* NUL-terminated even when nothing is rendered */
	t = tpl_new(&r, NULL, path, text, len, NULL);
	if (!t->failed) {
		c.v = data;
		c.up = NULL;
		f.tpl = t;
		f.ctx = data ? &c : NULL;
		f.subs = NULL;
		f.rg = &rg;
		rc = render_nodes(&r, &f, t->nodes, t->n);
	}
	for (t = r.tpls; t != NULL; t = next) {
		next = t->next;
		free_nodes(t->nodes, t->n);
		free(t->name);
		free(t->own);
		free(t);
	}
	if (rc != 0) {
		out->len = r.start;
		out->data[out->len] = '\0';
	}
	return rc;
}
