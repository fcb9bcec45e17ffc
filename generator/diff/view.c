/*
 * view.c: a report as its reader sees it, for comparing: the template
 * context gives the numbering and the texts with facts put in and prose
 * normalised (so a change in a fact is compared in the sentence it
 * appears in); the model gives the ids and the facts themselves.
 */
#include <stdlib.h>
#include <string.h>

#include "diffint.h"
#include "../render/context.h"
#include "../util/buf.h"
#include "../util/xalloc.h"

static const char *
str(const struct value *map, const char *key)
{
	const struct value *v = value_get(map, key);

	return v != NULL && v->str != NULL && v->kind != VALUE_NULL ? v->str : NULL;
}

static const char *
str0(const struct value *map, const char *key)
{
	const char *s = str(map, key);

	return s != NULL ? s : "";
}

/* A list of texts in the context as an array (NULL when empty). */
static const char **
texts(const struct value *map, const char *key, size_t *n)
{
	const struct value *v = value_get(map, key);
	const char **a;
	size_t i;

	*n = 0;
	if (v == NULL || v->kind != VALUE_LIST || v->n == 0)
		return NULL;
	a = xcalloc(v->n, sizeof(*a));
	for (i = 0; i < v->n; i++)
		if (v->items[i]->str != NULL)
			a[(*n)++] = v->items[i]->str;
	return a;
}

/* The texts of the attachments, one after another: label, title, paragraphs. */
static const char **
attachment_texts(const struct value *root, size_t *n)
{
	const struct value *list = value_get(root, "attachments"), *paras;
	const char **a = NULL;
	size_t i, k, cap = 0;

	*n = 0;
	for (i = 0; list != NULL && list->kind == VALUE_LIST && i < list->n; i++) {
		const struct value *m = list->items[i];
		const char *head[2] = { str(m, "label"), str(m, "title") };

		paras = value_get(m, "paragraphs");
		for (k = 0; k < 2 + (paras != NULL ? paras->n : 0); k++) {
			const char *t = k < 2 ? head[k] : paras->items[k - 2]->str;

			if (t == NULL)
				continue;
			if (*n == cap)
				a = xreallocarray(a, cap = cap ? cap * 2 : 16, sizeof(*a));
			a[(*n)++] = t;
		}
	}
	return a;
}

/* key + tail_key, as printed ("lead" and "lead_tail"). */
static char *
joined(const struct value *map, const char *key, const char *tail_key)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, str0(map, key));
	buf_puts(&b, str0(map, tail_key));
	return buf_take(&b);
}

static void
push_index(size_t **a, size_t *n, size_t v)
{
	*a = xreallocarray(*a, *n + 1, sizeof(**a));
	(*a)[(*n)++] = v;
}

static void
add_section(struct dview *w, const struct section *s, const struct value *cs,
    size_t parent, size_t pos)
{
	const struct value *items = value_get(cs, "items"), *subs = value_get(cs, "sections");
	struct dv_sec *d;
	size_t me = w->nsecs, i;

	w->secs = xreallocarray(w->secs, w->nsecs + 1, sizeof(*w->secs));
	d = &w->secs[w->nsecs++];
	memset(d, 0, sizeof(*d));
	d->id = s->id != NULL ? s->id->str : NULL;
	d->number = str0(cs, "number");
	d->title = joined(cs, "title", "title_tail");
	d->run_in = str(cs, "run_in_text");
	d->level = s->level;
	d->parent = parent;
	d->pos = pos;
	d->match = DV_NONE;
	d->paras = texts(cs, "paragraphs", &d->nparas);
	if (parent != DV_NONE)
		push_index(&w->secs[parent].subs, &w->secs[parent].nsubs, me);
	else
		push_index(&w->top, &w->ntop, me);

	for (i = 0; i < s->nitems && items != NULL && i < items->n; i++) {
		const struct value *ci = items->items[i];
		struct dv_item *it;

		w->items = xreallocarray(w->items, w->nitems + 1, sizeof(*w->items));
		it = &w->items[w->nitems];
		memset(it, 0, sizeof(*it));
		it->id = s->items[i].id != NULL ? s->items[i].id->str : NULL;
		it->lead = joined(ci, "lead", "lead_tail");
		it->body = str0(ci, "body");
		it->more = texts(ci, "more", &it->nmore);
		it->facts = s->items[i].facts;
		it->sec = me;
		it->pos = i;
		it->match = DV_NONE;
		push_index(&w->secs[me].items, &w->secs[me].nitems, w->nitems);
		w->nitems++;
	}
	for (i = 0; i < s->nsubs && subs != NULL && i < subs->n; i++)
		add_section(w, &s->subs[i], subs->items[i], me, i);
}

struct dview *
dview_build(struct diag *diag, const struct report *r)
{
	struct dview *w;
	const struct value *root, *secs;
	struct value_doc *ctx;
	size_t i;

	if ((ctx = context_build(diag, r)) == NULL)
		return NULL;
	w = xcalloc(1, sizeof(*w));
	w->ctx = ctx;
	root = value_doc_root(ctx);
	w->title = str0(root, "title");
	w->subtitle = str(root, "subtitle");
	w->byline = str(root, "byline");
	w->addressee = str(root, "addressee");
	w->signature = str(root, "signature");
	w->date = str(root, "date");
	w->opening = texts(root, "opening", &w->nopening);
	w->closing = texts(root, "closing", &w->nclosing);
	w->appendix = texts(root, "appendix", &w->nappendix);
	w->attachments = attachment_texts(root, &w->nattachments);
	secs = value_get(root, "sections");
	for (i = 0; i < r->nsections && secs != NULL && i < secs->n; i++)
		add_section(w, &r->sections[i], secs->items[i], DV_NONE, i);
	return w;
}

void
dview_free(struct dview *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->nsecs; i++) {
		struct dv_sec *s = &w->secs[i];

		free(s->title);
		free(s->paras);
		free(s->items);
		free(s->subs);
		tdiff_free(&s->dtitle);
		tdiff_free(&s->drunin);
		plist_free(&s->dparas);
	}
	for (i = 0; i < w->nitems; i++) {
		struct dv_item *it = &w->items[i];

		free(it->lead);
		free(it->more);
		tdiff_free(&it->dlead);
		tdiff_free(&it->dbody);
		plist_free(&it->dmore);
	}
	free(w->secs);
	free(w->items);
	free(w->top);
	free(w->opening);
	free(w->closing);
	free(w->appendix);
	free(w->attachments);
	value_doc_free(w->ctx);
	free(w);
}
