/* markdown.c: cmark-gfm's tree flattened into the blocks and runs the typesetter lays out. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "markdown.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

struct walker {
	struct diag	*diag;
	struct md_doc	*doc;
	int		 have_title;
	int		 role;		/* pending block kind from a comment, or -1 */
	int		 role_line;
	int		 newpage;	/* the next block starts a page */
	int		 restart;	/* ... numbered 1 */
	int		 note, changed, run_in;	/* the next block's md_block fields */
	unsigned	 html;		/* RUN_INSERT, RUN_STRIKE: inside <ins>, <del> */
};

static struct md_block *
new_block(struct walker *w, enum block_kind kind, int level, int line)
{
	struct md_block *b;

	/* Room doubled at 0, 1, 2, 4...: hundreds of thousands of blocks. */
	if ((w->doc->n & (w->doc->n - 1)) == 0)
		w->doc->blocks = xreallocarray(w->doc->blocks, w->doc->n ? 2 * w->doc->n : 8,
		    sizeof(*w->doc->blocks));
	b = &w->doc->blocks[w->doc->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->level = level;
	b->line = line;
	b->newpage = w->newpage || w->restart;
	b->restart = w->restart;
	w->newpage = w->restart = 0;
	if (kind == BLK_PARA || kind == BLK_HEADING) {
		b->note = w->note;
		b->changed = w->changed;
		b->run_in = kind == BLK_PARA ? w->run_in : 0;
	}
	w->note = w->changed = w->run_in = 0;
	return b;
}

static void
add_run(struct md_block *b, const char *text, size_t len, unsigned flags, int line,
    int col)
{
	struct md_run *r;

	if ((b->nruns & (b->nruns - 1)) == 0)	/* doubled at 0, 1, 2, 4... */
		b->runs = xreallocarray(b->runs, b->nruns ? 2 * b->nruns : 4, sizeof(*b->runs));
	r = &b->runs[b->nruns++];
	r->text = xstrndup(text, len);
	r->len = len;
	r->flags = flags;
	r->line = line;
	r->col = col;
}

/*
 * The list numbers of a block's items were added after its runs, the
 * innermost first (nmarks of them): put them in front, the outermost
 * first.  Once per block, so that a list nested 30,000 deep costs no more
 * than its text.
 */
static void
marks_in_front(struct md_block *b)
{
	struct md_run *v = xreallocarray(NULL, b->nruns + 1, sizeof(*v));
	size_t k = b->nmarks, text = b->nruns - k, i;

	for (i = 0; i < k; i++)
		v[i] = b->runs[b->nruns - 1 - i];
	memcpy(v + k, b->runs, text * sizeof(*v));
	free(b->runs);
	b->runs = v;
	b->nmarks = 0;
}

/* <ins> </ins> <del> </del> (<s>, <strike>): the text after them is inserted or deleted. */
static void
html_inline(struct walker *w, const char *tag)
{
	static const struct { const char *name; unsigned flag; } tags[] = {
		{ "ins", RUN_INSERT }, { "del", RUN_STRIKE }, { "s", RUN_STRIKE },
		{ "strike", RUN_STRIKE },
	};
	size_t i, len;
	int close;

	if (tag == NULL || tag[0] != '<')
		return;
	close = tag[1] == '/';
	tag += close ? 2 : 1;
	for (len = 0; isalpha((unsigned char)tag[len]); len++)
		;
	if (tag[len] != '>' && !isspace((unsigned char)tag[len]))
		return;
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strlen(tags[i].name) == len && strncasecmp(tag, tags[i].name, len) == 0) {
			if (close)
				w->html &= ~tags[i].flag;
			else
				w->html |= tags[i].flag;
		}
}

/* "<!-- shuzhi:NAME -->": sets the kind of the next block. */
static void
html_block(struct walker *w, cmark_node *n)
{
	static const struct { const char *name; enum block_kind kind; } roles[] = {
		{ "addressee", BLK_ADDRESSEE },
		{ "signature", BLK_SIGNATURE },
		{ "date", BLK_DATE },
		{ "subtitle", BLK_SUBTITLE },
		{ "byline", BLK_BYLINE },
		{ "appendix", BLK_APPENDIX },
		{ "attachment", BLK_ATT_LABEL },
		{ "attachment-title", BLK_ATT_TITLE },
	};
	const char *lit = cmark_node_get_literal(n), *p, *e;
	struct srcpos pos;
	size_t i, len;

	pos.file = w->doc->path;
	pos.line = cmark_node_get_start_line(n);
	pos.col = 1;
	if (lit == NULL)
		return;
	p = lit;
	while (isspace((unsigned char)*p))
		p++;
	if (strncmp(p, "<!--", 4) != 0) {
		diag_warn(w->diag, &pos, "PDF 中不排版 HTML 块，已忽略");
		return;
	}
	p += 4;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "shuzhi:", 7) != 0)
		return;	/* an ordinary comment */
	p += 7;
	for (e = p; isalnum((unsigned char)*e) || *e == '-' || *e == '_'; e++)
		;
	len = (size_t)(e - p);
	if (len == 7 && strncmp(p, "newpage", 7) == 0) {
		w->newpage = 1;
		return;
	}
	if (len == 6 && strncmp(p, "report", 6) == 0) {
		w->restart = 1;
		return;
	}
	if (len == 4 && strncmp(p, "note", 4) == 0) {
		w->note = 1;
		return;
	}
	if (len == 7 && strncmp(p, "changed", 7) == 0) {
		w->changed = 1;
		return;
	}
	if (len == 6 && strncmp(p, "run-in", 6) == 0) {
		while (*e == ' ')
			e++;
		if (*e >= '2' && *e <= '6' && !isdigit((unsigned char)e[1])) {
			w->run_in = *e - '0';
			return;
		}
	}
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strlen(roles[i].name) == len && strncmp(p, roles[i].name, len) == 0) {
			w->role = (int)roles[i].kind;
			w->role_line = pos.line;
			return;
		}
	diag_warn(w->diag, &pos, "未知的排版标记“shuzhi:%.*s”，已忽略"
	    "（可用：addressee、subtitle、byline、appendix、signature、date、attachment、"
	    "attachment-title、newpage、report、note、changed、run-in 2 到 run-in 6）", (int)len, p);
}

/* A run-in heading's title: the bold runs the paragraph opens with. */
static void
mark_run_in(struct md_block *b)
{
	size_t i;

	for (i = 0; i < b->nruns && (b->runs[i].flags & RUN_BOLD); i++)
		b->runs[i].flags |= RUN_HEAD;
	if (i == 0)
		b->run_in = 0;
}

static void
code_block(struct walker *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n), *p, *nl;
	int len, offset, line;
	char fc;

	if (lit == NULL)
		return;
	line = cmark_node_get_start_line(n) +
	    (cmark_node_get_fenced(n, &len, &offset, &fc) ? 1 : 0);
	for (p = lit; *p != '\0'; p = nl + 1, line++) {
		struct md_block *b;

		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		b = new_block(w, BLK_PLAIN, 0, line);
		if (nl > p)
			add_run(b, p, (size_t)(nl - p), 0, line, 0);
		if (*nl == '\0')
			break;
	}
}

/* The flag an inline container gives the text inside it. */
static unsigned
inline_flag(cmark_node *n)
{
	const char *s;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_STRONG:
		return RUN_BOLD;
	case CMARK_NODE_LINK:
		/* [text](#ins): inserted text in a redline (shuzhi diff) */
		s = cmark_node_get_url(n);
		return s != NULL && strcmp(s, "#ins") == 0 ? RUN_INSERT : 0;
	default:
		s = cmark_node_get_type_string(n);
		return s != NULL && strcmp(s, "strikethrough") == 0 ? RUN_STRIKE : 0;
	}
}

/* A leaf inline node into runs of b. */
static void
inline_leaf(struct walker *w, struct md_block *b, cmark_node *n, unsigned flags)
{
	const char *lit;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(n);
		if (lit != NULL && *lit != '\0')
			add_run(b, lit, strlen(lit), flags | w->html, cmark_node_get_start_line(n),
			    cmark_node_get_type(n) == CMARK_NODE_CODE ? 0 :
			    cmark_node_get_start_column(n));
		break;
	case CMARK_NODE_SOFTBREAK:
		add_run(b, " ", 1, flags | RUN_SOFT, 0, 0);
		break;
	case CMARK_NODE_LINEBREAK:
		add_run(b, "", 0, flags | RUN_BREAK, 0, 0);
		break;
	case CMARK_NODE_HTML_INLINE:
		/* Tags and comments carry no text; <ins> and <del> mark a redline's. */
		html_inline(w, cmark_node_get_literal(n));
		break;
	default:
		break;
	}
}

/*
 * The state of the walk over the tree.  cmark's iterator visits nodes
 * without recursion, so any depth of block quotes, lists or emphasis
 * costs no stack: what an inline container gives the text inside it is
 * counted on entering it and taken back on leaving it.
 */
struct walk {
	struct md_block	*b;		/* the heading or paragraph being filled */
	long		 bold, strike, insert;	/* open containers giving each flag */
	cmark_node	*skip;		/* a block whose contents are not set */
};

static void
walk_count(struct walk *k, unsigned flag, long delta)
{
	if (flag == RUN_BOLD)
		k->bold += delta;
	else if (flag == RUN_STRIKE)
		k->strike += delta;
	else if (flag == RUN_INSERT)
		k->insert += delta;
}

static unsigned
walk_flags(const struct walk *k)
{
	return (k->bold > 0 ? RUN_BOLD : 0) | (k->strike > 0 ? RUN_STRIKE : 0) |
	    (k->insert > 0 ? RUN_INSERT : 0);
}

/*
 * An ordered list keeps the number of its next item in its user data; an
 * item keeps the index of its first block + 1.  When the item is left,
 * its number goes in front of that block.
 */
static void
ordered_item_leave(struct walker *w, cmark_node *it)
{
	cmark_node *list = cmark_node_parent(it);
	size_t first = (size_t)(uintptr_t)cmark_node_get_user_data(it) - 1;
	intptr_t num = (intptr_t)cmark_node_get_user_data(list);

	cmark_node_set_user_data(list, (void *)(num + 1));
	if (first < w->doc->n) {
		struct md_block *fb = &w->doc->blocks[first];
		int l = fb->nruns ? fb->runs[0].line : fb->line;
		char mark[24];

		snprintf(mark, sizeof(mark), "%ld.", (long)num);
		add_run(fb, mark, strlen(mark), 0, l, 0);
		fb->nmarks++;	/* moved in front at the end (marks_in_front) */
	}
}

static int
in_ordered_list(cmark_node *it)
{
	cmark_node *list = cmark_node_parent(it);

	return list != NULL && cmark_node_get_type(list) == CMARK_NODE_LIST &&
	    cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
}

/* A block node entered: start what it makes. */
static void
block_enter(struct walker *w, struct walk *k, cmark_node *n)
{
	enum block_kind kind;
	int level, line = cmark_node_get_start_line(n);

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HEADING:
		level = cmark_node_get_heading_level(n);
		if (level == 1 && !w->have_title) {
			w->have_title = 1;
			kind = BLK_TITLE;
		} else {
			kind = BLK_HEADING;
			if (level < 2)
				level = 2;
		}
		k->b = new_block(w, kind, level, line);
		w->role = -1;
		break;
	case CMARK_NODE_PARAGRAPH:
		kind = w->role >= 0 ? (enum block_kind)w->role : BLK_PARA;
		w->role = -1;
		k->b = new_block(w, kind, 0, line);
		break;
	case CMARK_NODE_HTML_BLOCK:
		html_block(w, n);
		break;
	case CMARK_NODE_CODE_BLOCK:
		w->role = -1;
		code_block(w, n);
		break;
	case CMARK_NODE_LIST:
		w->role = -1;
		if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST)
			cmark_node_set_user_data(n,
			    (void *)(intptr_t)cmark_node_get_list_start(n));
		break;
	case CMARK_NODE_ITEM:
		if (in_ordered_list(n))
			cmark_node_set_user_data(n, (void *)(uintptr_t)(w->doc->n + 1));
		break;
	case CMARK_NODE_DOCUMENT:
	case CMARK_NODE_BLOCK_QUOTE:
		break;
	default:
		/* thematic breaks and the like: nothing to set, inside either */
		if (cmark_node_first_child(n) != NULL)
			k->skip = n;	/* left on its exit (leaves have none) */
		break;
	}
}

static void
blocks(struct walker *w, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	struct walk k;
	size_t i;

	memset(&k, 0, sizeof(k));
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (k.skip != NULL) {
			if (n == k.skip && ev == CMARK_EVENT_EXIT)
				k.skip = NULL;
			continue;
		}
		if (t == CMARK_NODE_HEADING || t == CMARK_NODE_PARAGRAPH) {
			if (ev == CMARK_EVENT_ENTER)
				block_enter(w, &k, n);
			else {
				/* <ins>, <del> end with their heading or paragraph */
				w->html = 0;
				if (k.b != NULL && t == CMARK_NODE_PARAGRAPH && k.b->run_in > 0)
					mark_run_in(k.b);
				k.b = NULL;
			}
		} else if (k.b != NULL) {
			/* inside a heading or paragraph: inline nodes */
			if (cmark_node_first_child(n) != NULL)
				walk_count(&k, inline_flag(n), ev == CMARK_EVENT_ENTER ? 1 : -1);
			else if (ev == CMARK_EVENT_ENTER)
				inline_leaf(w, k.b, n, walk_flags(&k));
		} else if (ev == CMARK_EVENT_ENTER)
			block_enter(w, &k, n);
		else if (t == CMARK_NODE_ITEM && in_ordered_list(n))
			ordered_item_leave(w, n);
	}
	cmark_iter_free(it);
	for (i = 0; i < w->doc->n; i++)
		if (w->doc->blocks[i].nmarks > 0)
			marks_in_front(&w->doc->blocks[i]);
}

int
md_parse(struct diag *d, const char *path, const char *md, size_t len, struct md_doc *doc)
{
	cmark_parser *p;
	cmark_node *root;
	cmark_syntax_extension *ext;
	struct walker w;
	struct srcpos pos = { NULL, 0, 0 };

	memset(doc, 0, sizeof(*doc));
	doc->path = diag_intern(d, path);
	doc->src = md;
	doc->srclen = len;
	pos.file = doc->path;
	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	if ((ext = cmark_find_syntax_extension("strikethrough")) != NULL)
		cmark_parser_attach_syntax_extension(p, ext);
	cmark_parser_feed(p, md, len);
	root = cmark_parser_finish(p);
	if (root == NULL) {
		cmark_parser_free(p);
		diag_error(d, &pos, "无法解析 Markdown");
		return -1;
	}
	memset(&w, 0, sizeof(w));
	w.diag = d;
	w.doc = doc;
	w.role = -1;
	blocks(&w, root);
	if (w.role >= 0) {
		pos.line = w.role_line;
		pos.col = 1;
		diag_warn(d, &pos, "排版标记后面没有段落，已忽略");
	}
	cmark_node_free(root);
	cmark_parser_free(p);
	return 0;
}

void
md_free(struct md_doc *doc)
{
	size_t i, j;

	for (i = 0; i < doc->n; i++) {
		for (j = 0; j < doc->blocks[i].nruns; j++)
			free(doc->blocks[i].runs[j].text);
		free(doc->blocks[i].runs);
	}
	free(doc->blocks);
	memset(doc, 0, sizeof(*doc));
}

char *
md_block_text(const struct md_block *b)
{
	struct buf s;
	size_t i;

	buf_init(&s);
	buf_puts(&s, "");
	for (i = 0; i < b->nruns; i++)
		if (!(b->runs[i].flags & (RUN_SOFT | RUN_BREAK)))
			buf_put(&s, b->runs[i].text, b->runs[i].len);
	return buf_take(&s);
}

/* Byte offset of the start of line (1-based), or len when past the end. */
static size_t
line_offset(const char *s, size_t len, int line)
{
	size_t off = 0;
	int l;

	for (l = 1; l < line && off < len; l++) {
		const char *nl = memchr(s + off, '\n', len - off);

		if (nl == NULL)
			return len;
		off = (size_t)(nl - s) + 1;
	}
	return off;
}

struct srcpos
md_locate(const struct md_doc *doc, const struct md_run *r, size_t off)
{
	struct srcpos pos;
	const char *ch, *p, *end;
	size_t start, clen, k, nth;
	uint32_t cp;
	int line;

	pos.file = doc->path;
	pos.line = r->line;
	pos.col = 0;
	if (r->line <= 0 || off >= r->len)
		return pos;
	ch = r->text + off;
	clen = utf8_decode(ch, r->len - off, &cp);
	if (clen == 0)
		clen = 1;
	/* How many times the character occurs before it in the run. */
	for (nth = 0, k = 0; k < off; k++)
		if (memcmp(r->text + k, ch, clen) == 0)
			nth++;
	start = line_offset(doc->src, doc->srclen, r->line);
	if (r->col > 0)
		start += (size_t)r->col - 1;
	end = doc->src + doc->srclen;
	for (p = doc->src + (start < doc->srclen ? start : doc->srclen);
	    p + clen <= end; p++)
		if (memcmp(p, ch, clen) == 0 && nth-- == 0)
			break;
	if (p + clen > end)
		return pos;
	/* Line and character column of p. */
	line = 1;
	for (k = 0, start = 0; doc->src + k < p; k++)
		if (doc->src[k] == '\n') {
			line++;
			start = k + 1;
		}
	pos.line = line;
	pos.col = (int)utf8_count(doc->src + start, (size_t)(p - doc->src) - start) + 1;
	return pos;
}
