/*
 * json.c: diff.json, the same difference for tools: totals, the sections
 * that changed with their counts, and a list of changes (fields,
 * paragraphs, sections, items, facts), each text change as a list of
 * pieces {"op": "=", "-" or "+", "text": ...}.
 */
#include <string.h>

#include "diffint.h"
#include "../util/json.h"

struct js {
	struct buf	*out;
	int		 first;	/* no comma before the next member */
};

static void
key(struct js *j, const char *k)
{
	if (!j->first)
		buf_putc(j->out, ',');
	j->first = 0;
	json_string(j->out, k);
	buf_putc(j->out, ':');
}

static void
kstr(struct js *j, const char *k, const char *v)
{
	key(j, k);
	json_string(j->out, v);
}

static void
knum(struct js *j, const char *k, size_t v)
{
	key(j, k);
	buf_printf(j->out, "%zu", v);
}

static void
kbool(struct js *j, const char *k, int v)
{
	key(j, k);
	buf_puts(j->out, v ? "true" : "false");
}

static void
open_obj(struct js *j)
{
	buf_putc(j->out, '{');
	j->first = 1;
}

static void
close_obj(struct js *j)
{
	buf_putc(j->out, '}');
	j->first = 0;
}

/* Start one element of the changes list. */
static void
change(struct js *j, int *n, const char *kind)
{
	if ((*n)++ > 0)
		buf_putc(j->out, ',');
	buf_puts(j->out, "\n  ");
	open_obj(j);
	kstr(j, "kind", kind);
}

static void
kdiff(struct js *j, const char *k, const struct tdiff *d)
{
	size_t i;

	key(j, k);
	buf_putc(j->out, '[');
	for (i = 0; i < d->n; i++) {
		struct buf t;

		if (i > 0)
			buf_putc(j->out, ',');
		buf_printf(j->out, "{\"op\":\"%s\",\"text\":",
		    d->p[i].op == TD_EQ ? "=" : d->p[i].op == TD_DEL ? "-" : "+");
		buf_init(&t);
		buf_put(&t, d->p[i].s, d->p[i].len);
		json_string(j->out, t.data);
		buf_free(&t);
		buf_putc(j->out, '}');
	}
	buf_putc(j->out, ']');
	j->first = 0;
}

/* "section": {"number", "title", "id"} of a view's section. */
static void
ksec(struct js *j, const char *k, const struct dview *v, size_t sec)
{
	struct buf name;

	key(j, k);
	open_obj(j);
	buf_init(&name);
	sec_name(v, sec, &name);
	kstr(j, "name", name.data);
	kstr(j, "number", v->secs[sec].number);
	kstr(j, "title", v->secs[sec].title);
	kstr(j, "id", v->secs[sec].id);
	buf_free(&name);
	close_obj(j);
}

static void
kordinal(struct js *j, const char *k, const struct dview *v, size_t item)
{
	struct buf b;

	buf_init(&b);
	item_ordinal(v, item, &b);
	kstr(j, k, b.data);
	buf_free(&b);
}

static void
plist_changes(struct js *j, int *n, const char *where, const struct plist *pl,
    const char *const *old, const char *const *new, const struct dview *v, size_t sec)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		const struct pdiff *p = &pl->v[i];

		if (p->old != DV_NONE && p->new != DV_NONE && p->d.n == 0)
			continue;
		change(j, n, "paragraph");
		kstr(j, "where", where);
		if (sec != DV_NONE)
			ksec(j, "section", v, sec);
		kstr(j, "change", p->old == DV_NONE ? "added" : p->new == DV_NONE ? "removed" :
		    "changed");
		if (p->old != DV_NONE)
			knum(j, "old_index", p->old);
		if (p->new != DV_NONE)
			knum(j, "new_index", p->new);
		if (p->new == DV_NONE)
			kstr(j, "text", old[p->old]);
		else if (p->old == DV_NONE)
			kstr(j, "text", new[p->new]);
		else
			kdiff(j, "diff", &p->d);
		close_obj(j);
	}
}

static void
item_change(struct js *j, int *n, const struct rdiff *r, size_t idx, int removed)
{
	const struct dview *v = removed ? r->old : r->new;
	const struct dv_item *it = &v->items[idx];

	change(j, n, "item");
	kstr(j, "status", removed ? "removed" : it->match == DV_NONE ? "added" : "kept");
	kstr(j, "id", it->id);
	ksec(j, "section", v, it->sec);
	kordinal(j, "ordinal", v, idx);
	kstr(j, "lead", it->lead);
	if (!removed && it->match != DV_NONE) {
		const struct dv_item *was = &r->old->items[it->match];

		ksec(j, "old_section", r->old, was->sec);
		kordinal(j, "old_ordinal", r->old, it->match);
		kbool(j, "moved", (it->flags & DF_MOVED) != 0);
		kbool(j, "reordered", (it->flags & DF_REORDERED) != 0);
		kbool(j, "changed", (it->flags & DF_TEXT) != 0);
		if (it->dlead.n > 0)
			kdiff(j, "lead_diff", &it->dlead);
		if (it->dbody.n > 0)
			kdiff(j, "body_diff", &it->dbody);
	} else
		kstr(j, "body", it->body);
	close_obj(j);
}

static void
totals(struct js *j, const struct rdiff *r)
{
	key(j, "totals");
	open_obj(j);
	knum(j, "items_added", r->total.added);
	knum(j, "items_removed", r->total.removed);
	knum(j, "items_moved", r->total.moved);
	knum(j, "items_changed", r->total.changed);
	knum(j, "sections_added", r->secs_added);
	knum(j, "sections_removed", r->secs_removed);
	knum(j, "sections_moved", r->secs_moved);
	knum(j, "sections_renamed", r->secs_renamed);
	knum(j, "paragraphs_changed", r->paras_changed);
	knum(j, "facts_changed", r->nfacts);
	close_obj(j);
}

static void
sections(struct js *j, const struct rdiff *r)
{
	size_t i;
	int n = 0;

	key(j, "sections");
	buf_putc(j->out, '[');
	for (i = 0; i < r->new->nsecs; i++) {
		const struct dv_sec *s = &r->new->secs[i];
		const struct sec_counts *c = &r->cnew[i];

		if (s->match != DV_NONE && s->flags == 0 && c->added + c->removed + c->moved +
		    c->changed == 0)
			continue;
		if (n++ > 0)
			buf_putc(j->out, ',');
		buf_puts(j->out, "\n  ");
		open_obj(j);
		ksec(j, "section", r->new, i);
		kstr(j, "status", s->match == DV_NONE ? "added" : "kept");
		kbool(j, "renamed", s->dtitle.n > 0);
		kbool(j, "moved", (s->flags & (DF_MOVED | DF_REORDERED)) != 0);
		knum(j, "paragraphs_changed", s->dparas.changed);
		knum(j, "items_added", c->added);
		knum(j, "items_removed", c->removed);
		knum(j, "items_moved", c->moved);
		knum(j, "items_changed", c->changed);
		close_obj(j);
	}
	for (i = 0; i < r->old->nsecs; i++) {
		if (r->old->secs[i].match != DV_NONE)
			continue;
		if (n++ > 0)
			buf_putc(j->out, ',');
		buf_puts(j->out, "\n  ");
		open_obj(j);
		ksec(j, "section", r->old, i);
		kstr(j, "status", "removed");
		knum(j, "items_removed", r->cold[i].removed);
		close_obj(j);
	}
	buf_puts(j->out, n ? "\n]" : "]");
	j->first = 0;
}

static void
changes(struct js *j, const struct rdiff *r)
{
	static const char *names[FLD_COUNT] = { "title", "subtitle", "byline", "addressee",
	    "signature", "date" };
	const struct dview *o = r->old, *nv = r->new;
	size_t i;
	int n = 0;

	key(j, "changes");
	buf_putc(j->out, '[');
	for (i = 0; i < FLD_COUNT; i++) {
		if (!r->field_changed[i])
			continue;
		change(j, &n, "field");
		kstr(j, "field", names[i]);
		kdiff(j, "diff", &r->field[i]);
		close_obj(j);
	}
	plist_changes(j, &n, "opening", &r->opening, o->opening, nv->opening, NULL, DV_NONE);
	for (i = 0; i < nv->nsecs; i++) {
		const struct dv_sec *s = &nv->secs[i];

		if (s->match == DV_NONE || (s->flags & (DF_TEXT | DF_MOVED | DF_REORDERED))) {
			change(j, &n, "section");
			kstr(j, "status", s->match == DV_NONE ? "added" : "kept");
			ksec(j, "section", nv, i);
			if (s->match != DV_NONE) {
				ksec(j, "old_section", o, s->match);
				kbool(j, "moved", (s->flags & DF_MOVED) != 0);
				kbool(j, "reordered", (s->flags & DF_REORDERED) != 0);
				if (s->dtitle.n > 0)
					kdiff(j, "title_diff", &s->dtitle);
				if (s->drunin.n > 0)
					kdiff(j, "run_in_diff", &s->drunin);
			}
			close_obj(j);
		}
		if (s->match != DV_NONE)
			plist_changes(j, &n, "section", &s->dparas, o->secs[s->match].paras,
			    s->paras, nv, i);
	}
	for (i = 0; i < o->nsecs; i++)
		if (o->secs[i].match == DV_NONE) {
			change(j, &n, "section");
			kstr(j, "status", "removed");
			ksec(j, "section", o, i);
			close_obj(j);
		}
	for (i = 0; i < nv->nitems; i++) {
		const struct dv_item *it = &nv->items[i];

		if (it->match == DV_NONE || (it->flags & (DF_MOVED | DF_REORDERED | DF_TEXT)))
			item_change(j, &n, r, i, 0);
		if (it->match != DV_NONE)
			plist_changes(j, &n, "item", &it->dmore, o->items[it->match].more,
			    it->more, nv, it->sec);
	}
	for (i = 0; i < o->nitems; i++)
		if (o->items[i].match == DV_NONE)
			item_change(j, &n, r, i, 1);
	plist_changes(j, &n, "closing", &r->closing, o->closing, nv->closing, NULL, DV_NONE);
	plist_changes(j, &n, "appendix", &r->appendix, o->appendix, nv->appendix, NULL,
	    DV_NONE);
	plist_changes(j, &n, "attachments", &r->attachments, o->attachments, nv->attachments,
	    NULL, DV_NONE);
	for (i = 0; i < r->nfacts; i++) {
		const struct fact_change *f = &r->facts[i];

		change(j, &n, "fact");
		kstr(j, "item_id", nv->items[f->item].id);
		ksec(j, "section", nv, nv->items[f->item].sec);
		kordinal(j, "ordinal", nv, f->item);
		kstr(j, "name", f->name);
		kstr(j, "old", f->old);
		kstr(j, "new", f->new);
		close_obj(j);
	}
	buf_puts(j->out, n ? "\n]" : "]");
	j->first = 0;
}

void
rdiff_json(const struct rdiff *r, const struct rdiff_labels *lb, struct buf *out)
{
	struct js j;

	j.out = out;
	buf_grow(out, 0);
	open_obj(&j);
	kstr(&j, "old", lb->old);
	kstr(&j, "new", lb->new);
	kbool(&j, "identical", r->changes == 0);
	totals(&j, r);
	sections(&j, r);
	changes(&j, r);
	buf_puts(out, "\n}\n");
}
