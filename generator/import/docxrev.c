/*
 * docxrev.c: a reviewer's tracked changes and comments in a .docx (see
 * docxrev.h).  Places are first byte offsets in the paragraph being read;
 * when docx.c emits the paragraph they become a paragraph number and an
 * offset in its trimmed text.  Adjacent changes of one kind by one author
 * at one time (Word splits an insertion where the formatting changes) are
 * one change.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docxrev.h"
#include "wml.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define QUOTE_CHARS	40

struct place {
	long	 para;		/* -1 while pending */
	size_t	 off;		/* pending: bytes of the paragraph being read; then in its text */
};

struct change {
	enum rev_kind	 kind;
	char		 author[128];
	char		 date[16];
	struct buf	 text;
	struct place	 at;
	size_t		 raw_end;
	int		 joined;	/* merged into the one before */
};

/* A comment's range start (1), end (2) or reference mark (4), in document order. */
struct cmark {
	char		 id[32];
	unsigned	 what;
	size_t		 seq;
	struct place	 at;
};

struct comment {
	char		 id[32];
	char		 author[128];
	char		 date[16];
	char		*text;
};

/* A place not yet resolved: a change's or a comment mark's. */
struct pending {
	int	 mark;		/* 0 change, 1 comment mark */
	size_t	 i;
};

struct revlog {
	int		 reject;
	int		 in_ins, in_del;
	struct change	*ch;
	size_t		 nch;
	size_t		 live;		/* the last change not merged away, + 1; 0 none */
	size_t		*open;		/* indices of the changes being read */
	size_t		 nopen;
	struct cmark	*mk;
	size_t		 nmk;
	struct comment	*cm;
	size_t		 ncm;
	struct pending	*pend;
	size_t		 npend;
	size_t		 npend_next;	/* pending places already moved to the next paragraph's start */
};

struct revlog *
revlog_new(int reject)
{
	struct revlog *r = xcalloc(1, sizeof(*r));

	r->reject = reject;
	return r;
}

void
revlog_free(struct revlog *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nch; i++)
		buf_free(&r->ch[i].text);
	for (i = 0; i < r->ncm; i++)
		free(r->cm[i].text);
	free(r->ch);
	free(r->open);
	free(r->mk);
	free(r->cm);
	free(r->pend);
	free(r);
}

static struct place *
place_of(struct revlog *r, const struct pending *p)
{
	return p->mark ? &r->mk[p->i].at : &r->ch[p->i].at;
}

static void
pend(struct revlog *r, int mark, size_t i, size_t raw)
{
	struct place *pl;

	r->pend = xreallocarray(r->pend, r->npend + 1, sizeof(*r->pend));
	r->pend[r->npend].mark = mark;
	r->pend[r->npend].i = i;
	pl = place_of(r, &r->pend[r->npend++]);
	pl->para = -1;
	pl->off = raw;
}

static int
is_insertion(enum rev_kind k)
{
	return k == REV_INS || k == REV_MOVE_TO;
}

/* The date part (YYYY-MM-DD) of w:date. */
static void
who(const xmlNode *x, char *author, size_t asize, char *date, size_t dsize)
{
	char d[64];

	author[0] = date[0] = '\0';
	wml_attr(x, "author", author, asize);
	if (wml_attr(x, "date", d, sizeof(d)))
		snprintf(date, dsize, "%.10s", d);
}

void
revlog_open(struct revlog *r, enum rev_kind kind, const xmlNode *x, size_t raw)
{
	struct change *c;

	if (is_insertion(kind))
		r->in_ins++;
	else
		r->in_del++;
	r->ch = xreallocarray(r->ch, r->nch + 1, sizeof(*r->ch));
	c = &r->ch[r->nch];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	who(x, c->author, sizeof(c->author), c->date, sizeof(c->date));
	buf_init(&c->text);
	r->open = xreallocarray(r->open, r->nopen + 1, sizeof(*r->open));
	r->open[r->nopen++] = r->nch;
	pend(r, 0, r->nch, raw);
	r->nch++;
}

void
revlog_close(struct revlog *r, size_t raw)
{
	struct change *c, *p;

	if (r->nopen == 0)
		return;
	c = &r->ch[r->open[--r->nopen]];
	if (is_insertion(c->kind))
		r->in_ins--;
	else
		r->in_del--;
	c->raw_end = raw;
	if (c->text.len == 0) {
		c->joined = 1;	/* nothing in it: no change */
		return;
	}
	p = r->live > 0 ? &r->ch[r->live - 1] : NULL;
	if (p != NULL && p != c && p->kind == c->kind && p->at.para < 0 && c->at.para < 0 &&
	    p->raw_end == c->at.off && strcmp(p->author, c->author) == 0 &&
	    strcmp(p->date, c->date) == 0 && r->nopen == 0) {
		buf_put(&p->text, c->text.data, c->text.len);
		p->raw_end = raw;
		c->joined = 1;
	} else
		r->live = (size_t)(c - r->ch) + 1;
}

int
revlog_keeps(const struct revlog *r)
{
	return r->reject ? r->in_ins == 0 : r->in_del == 0;
}

void
revlog_text(struct revlog *r, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < r->nopen; i++)
		buf_put(&r->ch[r->open[i]].text, s, len);
}

/* A change with no text of its own: a paragraph mark. */
static void
mark_change(struct revlog *r, enum rev_kind kind, const xmlNode *x, size_t raw)
{
	struct change *c;

	r->ch = xreallocarray(r->ch, r->nch + 1, sizeof(*r->ch));
	c = &r->ch[r->nch];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	who(x, c->author, sizeof(c->author), c->date, sizeof(c->date));
	buf_init(&c->text);
	pend(r, 0, r->nch, raw);
	r->live = ++r->nch;
}

int
revlog_para_mark(struct revlog *r, const xmlNode *ppr, size_t raw, int plain_text)
{
	const xmlNode *rpr = wml_child(ppr, "rPr"), *ins, *del;

	if ((ins = wml_child(rpr, "ins")) == NULL)
		ins = wml_child(rpr, "moveTo");
	if ((del = wml_child(rpr, "del")) == NULL)
		del = wml_child(rpr, "moveFrom");
	/*
	 * A paragraph wholly inserted or deleted has its text change noted
	 * already; its mark is noted only when it splits or joins text that
	 * was there before.
	 */
	if (ins != NULL && plain_text)
		mark_change(r, REV_SPLIT, ins, raw);
	else if (del != NULL && plain_text)
		mark_change(r, REV_JOIN, del, raw);
	return r->reject ? ins != NULL : del != NULL;
}

void
revlog_comment(struct revlog *r, const xmlNode *x, size_t raw)
{
	struct cmark *m;

	r->mk = xreallocarray(r->mk, r->nmk + 1, sizeof(*r->mk));
	m = &r->mk[r->nmk];
	memset(m, 0, sizeof(*m));
	if (!wml_attr(x, "id", m->id, sizeof(m->id)))
		return;
	m->what = wml_is(x, "commentRangeStart") ? 1 : wml_is(x, "commentRangeEnd") ? 2 : 4;
	m->seq = r->nmk;
	pend(r, 1, r->nmk, raw);
	r->nmk++;
}

void
revlog_placed(struct revlog *r, long para, size_t start, size_t len)
{
	size_t i;

	for (i = para < 0 ? r->npend_next : 0; i < r->npend; i++) {
		struct place *pl = place_of(r, &r->pend[i]);

		if (para < 0) {
			pl->off = 0;	/* the start of the next paragraph */
			continue;
		}
		pl->para = para;
		pl->off = pl->off < start ? 0 : pl->off - start > len ? len : pl->off - start;
	}
	r->npend_next = para < 0 ? r->npend : 0;
	if (para >= 0)
		r->npend = 0;
}

/* The text of every w:t under x, paragraphs apart by a space. */
static void
all_text(const xmlNode *x, struct buf *b)
{
	const xmlNode *c;

	for (c = x->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (wml_is(c, "t")) {
			xmlChar *t = xmlNodeGetContent(c);

			if (t != NULL)
				buf_puts(b, (const char *)t);
			xmlFree(t);
		} else {
			if (wml_is(c, "p") && b->len > 0)
				buf_putc(b, ' ');
			all_text(c, b);
		}
	}
}

void
revlog_comments_xml(struct revlog *r, const xmlNode *root)
{
	const xmlNode *x;

	for (x = root != NULL ? root->children : NULL; x != NULL; x = x->next) {
		struct comment *c;
		struct buf b;

		if (!wml_is(x, "comment"))
			continue;
		r->cm = xreallocarray(r->cm, r->ncm + 1, sizeof(*r->cm));
		c = &r->cm[r->ncm++];
		memset(c, 0, sizeof(*c));
		wml_attr(x, "id", c->id, sizeof(c->id));
		who(x, c->author, sizeof(c->author), c->date, sizeof(c->date));
		buf_init(&b);
		buf_puts(&b, "");
		all_text(x, &b);
		c->text = buf_take(&b);
	}
}

/* “text”, on one line, cut after QUOTE_CHARS characters. */
static void
quote(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, k, n = 0;
	uint32_t cp;

	buf_puts(out, "“");
	while (i < len && n < QUOTE_CHARS) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		if (cp < 0x20)
			buf_putc(out, ' ');
		else
			buf_put(out, s + i, k);
		i += k;
		n++;
	}
	buf_puts(out, i < len ? "……”" : "”");
}

static void
by(struct buf *out, const char *author, const char *date)
{
	buf_puts(out, "（");
	buf_puts(out, author[0] != '\0' ? author : "未署名");
	if (date[0] != '\0') {
		buf_puts(out, "，");
		buf_puts(out, date);
	}
	buf_puts(out, "）");
}

static struct srcpos
position(const struct isource *src, const struct place *pl)
{
	struct srcpos pos = { src->path, 0, 0 };
	long para = pl->para;
	size_t off = pl->off;

	if (src->n == 0)
		return pos;
	if (para < 0 || (size_t)para >= src->n) {
		para = (long)src->n - 1;	/* after the last paragraph */
		off = src->p[para].len;
	}
	return ipara_pos(src, &src->p[para], off);
}

static void
report_change(struct revlog *r, struct diag *d, const struct isource *src, const struct change *c)
{
	static const char *const verbs[] = {
		[REV_INS] = "插入", [REV_DEL] = "删除", [REV_MOVE_TO] = "移入",
		[REV_MOVE_FROM] = "移出",
		[REV_SPLIT] = "在这里分段",
		[REV_JOIN] = "删去段落标记，这一段与下一段合为一段",
	};
	struct srcpos pos = position(src, &c->at);
	struct buf m;

	buf_init(&m);
	buf_puts(&m, "修订");
	by(&m, c->author, c->date);
	buf_puts(&m, "：");
	buf_puts(&m, verbs[c->kind]);
	if (c->text.len > 0)
		quote(&m, c->text.data, c->text.len);
	buf_puts(&m, r->reject ? "（已拒绝" : "（已接受");
	if (r->reject)
		buf_puts(&m, is_insertion(c->kind) || c->kind == REV_SPLIT ? "，没有导入）" : "，原文保留）");
	else
		buf_puts(&m, "）");
	diag_report(d, DIAG_NOTE, &pos, NULL, "%s", m.data);
	buf_free(&m);
}

static int
by_id(const void *a, const void *b)
{
	const struct cmark *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c != 0 ? c : x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
comment_by_id(const void *a, const void *b)
{
	return strcmp(((const struct comment *)a)->id, ((const struct comment *)b)->id);
}

/* One comment: its text (or NULL) and its marks (start, end, reference; NULL when missing). */
static void
report_comment(struct diag *d, const struct isource *src, const struct comment *c,
    const struct cmark *start, const struct cmark *end, const struct cmark *ref)
{
	const struct cmark *at = start != NULL ? start : ref;
	struct srcpos pos = { src->path, 0, 0 };
	struct buf m;

	if (at != NULL)
		pos = position(src, &at->at);
	buf_init(&m);
	buf_puts(&m, "批注");
	by(&m, c != NULL ? c->author : "", c != NULL ? c->date : "");
	buf_puts(&m, "：");
	quote(&m, c != NULL ? c->text : "", c != NULL ? strlen(c->text) : 0);
	if (start != NULL && end != NULL && start->at.para >= 0 && (size_t)start->at.para < src->n) {
		const struct ipara *p = &src->p[start->at.para];
		size_t from = start->at.off, to = end->at.para == start->at.para ? end->at.off : p->len;

		if (to > from && to <= p->len) {
			buf_puts(&m, "；批注的文字：");
			quote(&m, p->text + from, to - from);
		}
	}
	if (at == NULL)
		buf_puts(&m, "（在正文之外，位置不明）");
	diag_report(d, DIAG_NOTE, &pos, NULL, "%s", m.data);
	buf_free(&m);
}

/* A comment found in the body, with its marks. */
struct found {
	const struct comment	*c;
	const struct cmark	*start, *end, *ref;
};

static const struct place *
found_at(const struct found *f)
{
	return f->start != NULL ? &f->start->at : &f->ref->at;
}

static int
by_place(const void *a, const void *b)
{
	const struct place *x = found_at(a), *y = found_at(b);
	long px = x->para < 0 ? LONG_MAX : x->para, py = y->para < 0 ? LONG_MAX : y->para;

	if (px != py)
		return px < py ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/*
 * The comments in the order of their places; a comment whose marks are
 * not in the body (a header's, a footnote's) after them.  Marks and
 * comments are sorted by id, so that many of them cost n log n.
 */
static void
report_comments(struct revlog *r, struct diag *d, struct isource *src)
{
	struct comment key;
	struct found *f = xcalloc(r->nmk + 1, sizeof(*f));
	size_t i, j, nf = 0;
	char *seen = xcalloc(r->ncm + 1, 1);

	if (r->nmk > 1)
		qsort(r->mk, r->nmk, sizeof(*r->mk), by_id);
	if (r->ncm > 1)
		qsort(r->cm, r->ncm, sizeof(*r->cm), comment_by_id);
	for (i = 0; i < r->nmk; i = j) {
		const struct cmark *mark[5] = { NULL };
		struct comment *c;

		for (j = i; j < r->nmk && strcmp(r->mk[j].id, r->mk[i].id) == 0; j++)
			if (mark[r->mk[j].what] == NULL)
				mark[r->mk[j].what] = &r->mk[j];
		if (mark[1] == NULL && mark[4] == NULL)
			continue;
		memset(&key, 0, sizeof(key));
		snprintf(key.id, sizeof(key.id), "%s", r->mk[i].id);
		c = r->ncm > 0 ? bsearch(&key, r->cm, r->ncm, sizeof(*r->cm), comment_by_id) : NULL;
		if (c != NULL)
			seen[c - r->cm] = 1;
		f[nf].c = c;
		f[nf].start = mark[1];
		f[nf].end = mark[2];
		f[nf++].ref = mark[4];
	}
	if (nf > 1)
		qsort(f, nf, sizeof(*f), by_place);
	for (i = 0; i < nf; i++) {
		report_comment(d, src, f[i].c, f[i].start, f[i].end, f[i].ref);
		src->ncomments++;
	}
	free(f);
	for (i = 0; i < r->ncm; i++)
		if (!seen[i]) {
			report_comment(d, src, &r->cm[i], NULL, NULL, NULL);
			src->ncomments++;
		}
	free(seen);
}

void
revlog_report(struct revlog *r, struct diag *d, struct isource *src)
{
	size_t i;

	for (i = 0; i < r->nch; i++)
		if (!r->ch[i].joined) {
			report_change(r, d, src, &r->ch[i]);
			src->nrevisions++;
		}
	report_comments(r, d, src);
}
