/*
 * fieldtext.c: the text the rules see of every field is the text the
 * report prints.  For each content folder below, every text the checker
 * collects (check/fields.c) must be found in the template context the
 * renderer makes from the same model, once the spaces the checker alone
 * keeps (typed next to Chinese punctuation, for the spacing rules) are
 * taken out and {{facts}} are cut out.  A change to how either stage lays
 * out whitespace fails here, naming the field's file:line:col.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/rule.h"
#include "diag/diag.h"
#include "load/model.h"
#include "load/value.h"
#include "render/context.h"
#include "util/buf.h"
#include "util/utf8.h"

#include "tap.h"

static const char *const folders[] = {
	"tests/fields/content",
	"tests/fields/spaces",
	"content/2020",
};

/*
 * Every string of the context, one after another; a bold text and its
 * tail (lead, lead_tail: the template prints **lead**lead_tail) as one.
 */
static void
strings(const struct value *v, const struct value *tail, struct buf *all)
{
	char key[128];
	size_t i;

	if (v == NULL)
		return;
	if (v->kind == VALUE_STRING) {
		buf_put(all, v->str, v->len);
		if (tail != NULL && tail->kind == VALUE_STRING)
			buf_put(all, tail->str, tail->len);
		buf_putc(all, '\x01');	/* no string holds it: a match stays in one */
	}
	for (i = 0; v->kind == VALUE_LIST && i < v->n; i++)
		strings(v->items[i], NULL, all);
	for (i = 0; v->kind == VALUE_MAP && i < v->n; i++) {
		size_t n = strlen(v->keys[i]);

		if (n > 5 && strcmp(v->keys[i] + n - 5, "_tail") == 0)
			continue;	/* printed after its bold text */
		snprintf(key, sizeof(key), "%s_tail", v->keys[i]);
		strings(v->items[i], value_get(v, key), all);
	}
}

/* The character that ends s[0, at) (0 for none or an invalid one). */
static uint32_t
char_before(const char *s, size_t at)
{
	size_t a = at;
	uint32_t cp = 0;

	while (a > 0 && at - a < 4 && (a == at || ((unsigned char)s[a] & 0xC0) == 0x80))
		a--;
	if (a < at && utf8_decode(s + a, at - a, &cp) == 0)
		cp = 0;
	return cp;
}

/*
 * s[a, b) as the report prints it: none of the spaces the checker alone
 * keeps (between two wide characters, one a punctuation mark), none at
 * the ends.
 */
static void
printed(const char *s, size_t a, size_t b, struct buf *out)
{
	size_t i;
	uint32_t prev, next;

	buf_reset(out);
	for (i = a; i < b; i++) {
		if (s[i] == ' ') {
			if (out->len == 0 || i + 1 >= b)
				continue;
			prev = char_before(out->data, out->len);
			if (utf8_decode(s + i + 1, b - i - 1, &next) > 0 && uc_is_wide(next) &&
			    uc_is_wide(prev) && (uc_is_cjk_punct(prev) || uc_is_cjk_punct(next)))
				continue;
		}
		buf_putc(out, s[i]);
	}
}

/* Is the text of t, each piece between its {{tags}}, in the printed strings? */
static int
found(const struct ctext *t, const char *all, struct buf *piece)
{
	size_t a = 0, k;

	for (k = 0; k <= t->ntags; k += 2) {
		size_t b = k < t->ntags ? t->tags[k] : t->nlen;

		printed(t->norm, a, b, piece);
		if (piece->len > 0 && strstr(all, piece->data) == NULL)
			return 0;
		if (k < t->ntags)
			a = t->tags[k + 1];
	}
	return 1;
}

static void
folder(const char *dir)
{
	struct diag *d;
	struct report *r;
	struct value_doc *ctx;
	struct checkctx c;
	struct buf all, piece;
	size_t i, nfound = 0, ndates = 0;
	char name[512], detail[1024];

	d = diag_new(stderr);
	r = model_load(d, dir);
	ctx = r != NULL ? context_build(d, r) : NULL;
	snprintf(name, sizeof(name), "%s loads and renders", dir);
	check(ctx != NULL, name, NULL);
	if (ctx == NULL) {
		if (r != NULL)
			model_free(r);
		diag_free(d);
		return;
	}
	buf_init(&all);
	buf_init(&piece);
	strings(value_doc_root(ctx), NULL, &all);
	memset(&c, 0, sizeof(c));
	c.r = r;
	texts_collect(&c);
	for (i = 0; i < c.ntexts; i++) {
		const struct ctext *t = &c.texts[i];
		struct srcpos pos;

		if (t->scope == F_DATE) {	/* printed as 2020年12月30日 */
			ndates++;
			continue;
		}
		if (found(t, all.data, &piece)) {
			nfound++;
			continue;
		}
		text_pos(&c.texts[i], 0, &pos);
		snprintf(name, sizeof(name), "%s:%d:%d: printed as the rules saw it", pos.file,
		    pos.line, pos.col);
		snprintf(detail, sizeof(detail), "rules saw \"%s\"; \"%s\" is not in the report",
		    t->norm, piece.data);
		check(0, name, detail);
	}
	snprintf(name, sizeof(name), "%s: %zu fields printed as the rules saw them (%zu dates aside)",
	    dir, nfound, ndates);
	check(nfound > 0 && nfound + ndates == c.ntexts, name, NULL);
	texts_free(&c);
	buf_free(&all);
	buf_free(&piece);
	value_doc_free(ctx);
	model_free(r);
	diag_free(d);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(folders) / sizeof(folders[0]); i++)
		folder(folders[i]);
	return tap_status();
}
