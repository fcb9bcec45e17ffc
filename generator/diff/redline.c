/*
 * redline.c: diff.md, the new report in its usual Markdown (the same
 * headings, bold leads and role comments as report.md) with the changes
 * marked: deleted text <del>struck</del>, inserted text <ins>underlined</ins>,
 * and what was removed shown struck where it stood (a removed item with
 * its old number, 原二是, so that two 二是 never follow each other).  A
 * moved section or item gets a note at its new place (〔由……移来〕) and at
 * its old place (〔……已移至……〕): <!-- shuzhi:note --> block quotes that the
 * typesetter sets in colour with a change bar, and the moved text a change
 * bar of its own (<!-- shuzhi:changed -->).  The summary comes first, then
 * <!-- shuzhi:report -->: the report starts on a new page numbered 1.
 */
#include <stdlib.h>
#include <string.h>

#include "diffint.h"
#include "mdinline.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

struct rl {
	const struct rdiff *r;
	struct buf	*out;
	struct md_line	 line;
	const char	*role;	/* written before the line: a role comment, or NULL */
	char		**own;	/* texts the line points into, freed with it */
	size_t		 nown;
};

static const char *
keep(struct rl *w, struct buf *b)
{
	char *s = buf_take(b);

	w->own = xreallocarray(w->own, w->nown + 1, sizeof(*w->own));
	w->own[w->nown++] = s;
	return s;
}

static void
put(struct rl *w, const char *s, unsigned marks)
{
	if (s != NULL)
		md_line_add(&w->line, s, strlen(s), marks);
}

static void
put_diff(struct rl *w, const struct tdiff *d, unsigned marks)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		md_line_add(&w->line, d->p[i].s, d->p[i].len, marks |
		    (d->p[i].op == TD_DEL ? MD_DEL : d->p[i].op == TD_INS ? MD_INS : 0));
}

/* The old text, the new one, or their diff. */
static void
put_change(struct rl *w, const char *old, const char *new, const struct tdiff *d,
    int changed, unsigned marks)
{
	if (changed)
		put_diff(w, d, marks);
	else if (new != NULL)
		put(w, new, marks);
	else
		put(w, old, marks | MD_DEL);
}

/* End the line: written as one paragraph (or heading: prefix). */
static void
end_line(struct rl *w, const char *prefix)
{
	size_t i;

	if (w->line.n > 0) {
		if (w->role != NULL)
			buf_printf(w->out, "<!-- shuzhi:%s -->\n", w->role);
		buf_puts(w->out, prefix);
		md_inline(w->line.v, w->line.n, w->out);
		buf_puts(w->out, "\n\n");
	}
	w->role = NULL;
	md_line_reset(&w->line);
	for (i = 0; i < w->nown; i++)
		free(w->own[i]);
	w->nown = 0;
}

static void
role(struct rl *w, const char *name)
{
	buf_printf(w->out, "<!-- shuzhi:%s -->\n", name);
}

/* A note on a move: a block quote the typesetter sets in colour. */
static void
note(struct rl *w, struct buf *text)
{
	struct md_span sp = { text->data, text->len, 0 };

	role(w, "note");
	buf_puts(w->out, "> ");
	md_inline(&sp, 1, w->out);
	buf_puts(w->out, "\n\n");
	buf_reset(text);
}

/*
 * A bold run (lead, run-in title) ending in a mark: the mark goes after
 * the bold, as report.md writes it (whatever follows).
 */
static void
bold_tail(struct md_line *l, size_t from)
{
	const char *tail;
	size_t i, k, last = 0, chars = 0;
	unsigned marks;
	uint32_t c = 0;

	if (l->n <= from)
		return;
	for (i = from; i < l->n; i++)
		chars += utf8_count(l->v[i].s, l->v[i].len);
	if (chars < 2)
		return;
	for (i = 0; i < l->v[l->n - 1].len; i += k) {
		k = utf8_decode(l->v[l->n - 1].s + i, l->v[l->n - 1].len - i, &c);
		if (k == 0)
			k = 1, c = 0;
		last = i;
	}
	if (!uc_is_cjk_punct(c) && !(c > 0 && c < 0x80 && strchr("!\"'),.:;?]}", (int)c)))
		return;
	tail = l->v[l->n - 1].s + last;
	k = l->v[l->n - 1].len - last;
	marks = l->v[l->n - 1].marks & ~(unsigned)MD_STRONG;
	if ((l->v[l->n - 1].len = last) == 0)
		l->n--;
	md_line_add(l, tail, k, marks);
}

static void
paras(struct rl *w, const struct plist *pl, const char *const *old, const char *const *new,
    const char *rolename)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		const struct pdiff *p = &pl->v[i];

		w->role = rolename;

		if (p->new == DV_NONE)
			put(w, old[p->old], MD_DEL);
		else if (p->old == DV_NONE)
			put(w, new[p->new], MD_INS);
		else if (p->d.n > 0)
			put_diff(w, &p->d, 0);
		else
			put(w, new[p->new], 0);
		end_line(w, "");
	}
}

/* Paragraphs all added (marks MD_INS) or all removed (MD_DEL). */
static void
paras_all(struct rl *w, const char *const *list, size_t n, unsigned marks)
{
	size_t i;

	for (i = 0; i < n; i++) {
		put(w, list[i], marks);
		end_line(w, "");
	}
}

/*
 * An item paragraph: ordinal and lead in bold, then the body.  A removed
 * item's ordinal is its old one, 原二是.
 */
static void
item_para(struct rl *w, const struct dview *v, size_t item, const struct dv_item *it,
    unsigned marks)
{
	struct buf ord;
	size_t len, body;

	buf_init(&ord);
	if (marks & MD_DEL)
		buf_puts(&ord, "原");
	item_ordinal(v, item, &ord);
	put(w, keep(w, &ord), MD_STRONG | marks);
	if (it->flags & DF_TEXT && it->dlead.n > 0)
		put_diff(w, &it->dlead, MD_STRONG);
	else
		put(w, it->lead, MD_STRONG | marks);
	body = w->line.n;
	if (it->flags & DF_TEXT && it->dbody.n > 0)
		put_diff(w, &it->dbody, 0);
	else
		put(w, it->body, marks);
	if (w->line.n > body) {
		struct md_line body_spans;

		/* Set the body aside, fix the bold's tail, put it back. */
		body_spans.n = w->line.n - body;
		body_spans.v = xreallocarray(NULL, body_spans.n, sizeof(*body_spans.v));
		memcpy(body_spans.v, w->line.v + body, body_spans.n * sizeof(*body_spans.v));
		w->line.n = body;
		bold_tail(&w->line, 0);
		for (len = 0; len < body_spans.n; len++)
			md_line_add(&w->line, body_spans.v[len].s, body_spans.v[len].len,
			    body_spans.v[len].marks);
		free(body_spans.v);
	} else
		bold_tail(&w->line, 0);
	end_line(w, "");
}

static void
removed_item(struct rl *w, size_t i)
{
	const struct dview *o = w->r->old;
	const struct dv_item *it = &o->items[i];

	item_para(w, o, i, it, MD_DEL);
	paras_all(w, it->more, it->nmore, MD_DEL);
}

/* Where an item went or came from: “二、……”的二是, or 本部分的二是. */
static void
item_place(const struct dview *v, size_t item, int same_section, struct buf *b)
{
	if (same_section)
		buf_puts(b, "本部分的");
	else {
		buf_puts(b, "“");
		sec_name(v, v->items[item].sec, b);
		buf_puts(b, "”的");
	}
	item_ordinal(v, item, b);
}

/* What stands at a moved item's old place: 〔原二是“……”已移至……〕. */
static void
moved_away_item(struct rl *w, size_t i)
{
	const struct dview *o = w->r->old, *n = w->r->new;
	size_t j = o->items[i].match;
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "〔原");
	item_ordinal(o, i, &b);
	item_label(o, i, &b);
	buf_puts(&b, "已移至");
	item_place(n, j, (n->items[j].flags & DF_MOVED) == 0, &b);
	buf_puts(&b, "〕");
	note(w, &b);
	buf_free(&b);
}

/* An old item that is not where the new version has it: removed, or moved away. */
static void
old_item(struct rl *w, size_t i)
{
	const struct dview *o = w->r->old, *n = w->r->new;
	size_t j = o->items[i].match;

	if (j == DV_NONE)
		removed_item(w, i);
	else if (n->items[j].flags & (DF_MOVED | DF_REORDERED))
		moved_away_item(w, i);
}

static void
new_item(struct rl *w, size_t j)
{
	const struct dview *o = w->r->old, *n = w->r->new;
	const struct dv_item *it = &n->items[j];
	int moved = (it->flags & (DF_MOVED | DF_REORDERED)) != 0;
	struct buf b;

	buf_init(&b);
	if (moved) {
		buf_puts(&b, "〔由");
		item_place(o, it->match, (it->flags & DF_MOVED) == 0, &b);
		buf_puts(&b, "移来〕");
		note(w, &b);
		w->role = "changed";
	}
	buf_free(&b);
	item_para(w, n, j, it, it->match == DV_NONE ? MD_INS : 0);
	if (it->match == DV_NONE)
		paras_all(w, it->more, it->nmore, MD_INS);
	else
		paras(w, &it->dmore, o->items[it->match].more, it->more,
		    moved ? "changed" : NULL);
}

static const char *const hashes[] = { "## ", "## ", "### ", "#### ", "##### " };
static const char *const run_in_roles[] = { "run-in 2", "run-in 2", "run-in 3", "run-in 4",
	"run-in 5" };

static const char *
heading(int level)
{
	return hashes[level >= 1 && level <= 4 ? level : 4];
}

/* A section's title line: a heading, or a bold run-in title with its text. */
static void
title_line(struct rl *w, const struct dv_sec *s, const char *old_title,
    const char *old_run_in, unsigned marks)
{
	int changed = (s->flags & DF_TEXT) != 0;
	size_t start;

	if (s->run_in == NULL && old_run_in == NULL) {
		put(w, s->number, marks);
		put_change(w, old_title, s->title, &s->dtitle, changed && s->dtitle.n > 0, marks);
		end_line(w, heading(s->level));
		return;
	}
	/* Set in its heading's style, as report.md has it. */
	w->role = run_in_roles[s->level >= 1 && s->level <= 4 ? s->level : 4];
	start = w->line.n;
	put(w, s->number, MD_STRONG | marks);
	put_change(w, old_title, s->title, &s->dtitle, changed && s->dtitle.n > 0,
	    MD_STRONG | marks);
	bold_tail(&w->line, start);
	put_change(w, old_run_in, s->run_in, &s->drunin, changed && s->drunin.n > 0, marks);
	end_line(w, "");
}

static void removed_section(struct rl *, size_t);
static void old_section(struct rl *, size_t);
static void new_section(struct rl *, size_t);

/*
 * Where the removed old things go among the new ones: before new thing i
 * come the removed old things that stood before the next new thing (from
 * i on) that kept its place; so a deletion comes before the insertion
 * that replaces it.  anchor[i] is the old place of such a thing, or nold.
 */
static size_t *
anchors(size_t n, size_t nold, const size_t *oldpos)
{
	size_t *a = xreallocarray(NULL, n + 1, sizeof(*a)), i;

	a[n] = nold;
	for (i = n; i > 0; i--)
		a[i - 1] = oldpos[i - 1] != DV_NONE ? oldpos[i - 1] : a[i];
	return a;
}

/* The sections under one parent, with the removed ones where they stood. */
static void
children(struct rl *w, const size_t *nl, size_t nn, const size_t *ol, size_t on)
{
	const struct dview *o = w->r->old, *n = w->r->new;
	size_t *pos = xreallocarray(NULL, nn + 1, sizeof(*pos)), *anc, i, k = 0;

	for (i = 0; i < nn; i++) {
		const struct dv_sec *s = &n->secs[nl[i]];

		pos[i] = s->match != DV_NONE && !(s->flags & (DF_MOVED | DF_REORDERED)) ?
		    o->secs[s->match].pos : DV_NONE;
	}
	anc = anchors(nn, on, pos);
	for (i = 0; i < nn; i++) {
		for (; k < on && k < anc[i]; k++)
			old_section(w, ol[k]);
		if (pos[i] != DV_NONE && k == pos[i])
			k++;
		new_section(w, nl[i]);
	}
	for (; k < on; k++)
		old_section(w, ol[k]);
	free(pos);
	free(anc);
}

/* An old section not where the new version has it: removed, or moved away. */
static void
old_section(struct rl *w, size_t i)
{
	const struct dview *o = w->r->old, *n = w->r->new;
	size_t j = o->secs[i].match;
	struct buf b;

	if (j == DV_NONE) {
		removed_section(w, i);
		return;
	}
	if (!(n->secs[j].flags & (DF_MOVED | DF_REORDERED)))
		return;
	buf_init(&b);
	buf_puts(&b, "〔原“");
	sec_name(o, i, &b);
	buf_puts(&b, "”已移至“");
	sec_name(n, j, &b);
	buf_puts(&b, "”〕");
	note(w, &b);
	buf_free(&b);
}

static void
removed_section(struct rl *w, size_t i)
{
	const struct dview *o = w->r->old;
	const struct dv_sec *s = &o->secs[i];
	size_t k;

	title_line(w, s, NULL, NULL, MD_DEL);
	paras_all(w, s->paras, s->nparas, MD_DEL);
	for (k = 0; k < s->nitems; k++)
		old_item(w, s->items[k]);
	for (k = 0; k < s->nsubs; k++)
		old_section(w, s->subs[k]);
}

static void
new_section(struct rl *w, size_t j)
{
	const struct dview *o = w->r->old, *n = w->r->new;
	const struct dv_sec *s = &n->secs[j], *t = NULL;
	struct buf b;
	size_t i, k = 0, *pos, *anc;

	if (s->match != DV_NONE)
		t = &o->secs[s->match];
	title_line(w, s, t ? t->title : NULL, t ? t->run_in : NULL, t ? 0 : MD_INS);
	buf_init(&b);
	if (s->flags & (DF_MOVED | DF_REORDERED)) {
		buf_puts(&b, "〔由原“");
		sec_name(o, s->match, &b);
		buf_puts(&b, "”移来〕");
		note(w, &b);
	}
	buf_free(&b);
	if (t != NULL)
		paras(w, &s->dparas, t->paras, s->paras, NULL);
	else
		paras_all(w, s->paras, s->nparas, MD_INS);

	/* Items, with the removed ones where they stood. */
	pos = xreallocarray(NULL, s->nitems + 1, sizeof(*pos));
	for (i = 0; i < s->nitems; i++) {
		const struct dv_item *it = &n->items[s->items[i]];

		pos[i] = t != NULL && it->match != DV_NONE &&
		    !(it->flags & (DF_MOVED | DF_REORDERED)) ? o->items[it->match].pos : DV_NONE;
	}
	anc = anchors(s->nitems, t != NULL ? t->nitems : 0, pos);
	for (i = 0; i < s->nitems; i++) {
		for (; t != NULL && k < t->nitems && k < anc[i]; k++)
			old_item(w, t->items[k]);
		if (pos[i] != DV_NONE && k == pos[i])
			k++;
		new_item(w, s->items[i]);
	}
	for (; t != NULL && k < t->nitems; k++)
		old_item(w, t->items[k]);
	free(pos);
	free(anc);

	children(w, s->subs, s->nsubs, t ? t->subs : NULL, t ? t->nsubs : 0);
}

/* A one-line field (subtitle, addressee...) with its role comment. */
static void
field(struct rl *w, enum field_id f, const char *old, const char *new, const char *rolename,
    const char *suffix)
{
	if (old == NULL && new == NULL)
		return;
	if (rolename != NULL)
		role(w, rolename);
	put_change(w, old, new, &w->r->field[f], w->r->field_changed[f] && w->r->field[f].n > 0,
	    new == NULL ? MD_DEL : 0);
	if (suffix != NULL)
		put(w, suffix, new == NULL ? MD_DEL : 0);
	end_line(w, "");
}

void
rdiff_markdown(const struct rdiff *r, const struct rdiff_labels *lb, struct buf *out)
{
	const struct dview *o = r->old, *n = r->new;
	struct rl w;
	size_t i;

	buf_grow(out, 0);
	if (r->changes == 0)
		return;
	memset(&w, 0, sizeof(w));
	w.r = r;
	w.out = out;
	rdiff_summary(r, lb, 1, out);
	buf_puts(out, "<!-- shuzhi:report -->\n\n");

	put_change(&w, o->title, n->title, &r->field[FLD_TITLE], r->field_changed[FLD_TITLE], 0);
	end_line(&w, "# ");
	field(&w, FLD_SUBTITLE, o->subtitle, n->subtitle, NULL, NULL);
	field(&w, FLD_BYLINE, o->byline, n->byline, NULL, NULL);
	field(&w, FLD_ADDRESSEE, o->addressee, n->addressee, "addressee", "：");
	paras(&w, &r->opening, o->opening, n->opening, NULL);
	children(&w, n->top, n->ntop, o->top, o->ntop);
	paras(&w, &r->closing, o->closing, n->closing, NULL);
	paras(&w, &r->appendix, o->appendix, n->appendix, NULL);
	field(&w, FLD_SIGNATURE, o->signature, n->signature, "signature", NULL);
	field(&w, FLD_DATE, o->date, n->date, "date", NULL);
	paras(&w, &r->attachments, o->attachments, n->attachments, NULL);

	/* One newline at the end, as report.md has. */
	while (out->len > 1 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n')
		out->data[--out->len] = '\0';
	md_line_free(&w.line);
	for (i = 0; i < w.nown; i++)
		free(w.own[i]);
	free(w.own);
}
