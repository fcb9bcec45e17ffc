/*
 * fix.c: turn substitutions into edits of the YAML files and apply them.
 * Only the matched characters change: comments, key order, quoting and
 * line breaks stay.  Each edited file is loaded again to prove that
 * exactly the intended values changed before it is written atomically.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../files/fsio.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

static int
wide_at(const char *s, size_t len, size_t i, int before)
{
	uint32_t cp;
	size_t k;

	if (before) {
		if (i == 0)
			return 0;
		k = i - 1;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		i = k;
	}
	if (i >= len)
		return 0;
	return utf8_decode(s + i, len - i, &cp) != 0 && uc_is_wide(cp);
}

/*
 * A space at either end of the replaced text that stands for a line break
 * in the file need not be edited when the renderer drops it anyway: when
 * the characters on both sides of it will be wide (，and 第 in "第一行,
 * 第二行" written over two lines).  Returns 1 when [*na, *nb) shrank.
 */
static int
keep_break(const struct ctext *t, size_t *na, size_t *nb, const char *rep, size_t replen)
{
	int done = 0;

	if (replen == 0)
		return 0;
	if (*nb > *na && t->norm[*nb - 1] == ' ' && wide_at(rep, replen, replen, 1) &&
	    (*nb >= t->nlen || wide_at(t->norm, t->nlen, *nb, 0))) {
		(*nb)--;
		done = 1;
	}
	if (*nb > *na && t->norm[*na] == ' ' && wide_at(rep, replen, 0, 0) &&
	    (*na == 0 || wide_at(t->norm, t->nlen, *na, 1))) {
		(*na)++;
		done = 1;
	}
	return done;
}

void
fix_add(struct checkctx *c, struct ctext *t, size_t na, size_t nb,
    const char *rep, size_t replen, const struct rule *r, const struct srcpos *pos,
    size_t finding)
{
	struct fixes *fx = c->opts->fixes;
	struct scalar_map *m = text_map(t);
	size_t va, vb, sa, sb;
	struct fix *f;
	struct buf q;
	int ok;

	text_value_range(t, na, nb, &va, &vb);
	ok = scalar_map_range(m, va, vb, &sa, &sb) == 0;
	if (!ok && keep_break(t, &na, &nb, rep, replen)) {
		text_value_range(t, na, nb, &va, &vb);
		ok = scalar_map_range(m, va, vb, &sa, &sb) == 0;
	}
	buf_init(&q);
	if (t->doc == NULL || !ok || scalar_map_quote(t->v->style, rep, replen, &q) != 0) {
		fx->unfixable++;
		buf_free(&q);
		return;
	}
	if (q.data == NULL)
		buf_put(&q, "", 0);
	fx->v = xreallocarray(fx->v, fx->n + 1, sizeof(*fx->v));
	f = &fx->v[fx->n++];
	f->file = t->v->pos.file;
	f->start = sa;
	f->end = sb;
	f->text = buf_take(&q);
	f->old = xstrndup(t->v->str + va, vb - va);
	f->new = xstrndup(rep, replen);
	f->rule = r->id;
	f->pos = *pos;
	f->v = t->v;
	f->va = va;
	f->vb = vb;
	f->finding = finding;
}

void
fixes_free(struct fixes *fx)
{
	size_t i;

	for (i = 0; i < fx->n; i++) {
		free(fx->v[i].text);
		free(fx->v[i].old);
		free(fx->v[i].new);
	}
	free(fx->v);
	memset(fx, 0, sizeof(*fx));
}

static int
cmp_fix(const void *a, const void *b)
{
	const struct fix *x = *(const struct fix *const *)a, *y = *(const struct fix *const *)b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void
discard(void *arg, enum diag_level l, const struct srcpos *p, const struct srcpos *e,
    const char *r, const char *m)
{
	(void)arg, (void)l, (void)p, (void)e, (void)r, (void)m;
}

/* The value v should have after the edits among fx that touch it. */
static void
expected(const struct value *v, struct fix **fx, size_t n, struct buf *out)
{
	size_t i, at = 0;

	buf_reset(out);
	buf_put(out, "", 0);
	for (i = 0; i < n; i++) {
		if (fx[i]->v != v)
			continue;
		buf_put(out, v->str + at, fx[i]->va - at);
		buf_puts(out, fx[i]->new);
		at = fx[i]->vb;
	}
	buf_put(out, v->str + at, v->len - at);
}

/*
 * Walk the old and the new tree together.  Returns 0 when they match,
 * else -1 with *culprit set to the edited scalar that came out wrong
 * (NULL when the structure itself changed).
 */
static int
same_tree(const struct value *o, const struct value *n, struct fix **fx, size_t nfx,
    struct buf *tmp, const struct value **culprit)
{
	size_t i;

	if (o->kind == VALUE_LIST || o->kind == VALUE_MAP || n->kind == VALUE_LIST ||
	    n->kind == VALUE_MAP) {
		if (o->kind != n->kind || o->n != n->n) {
			*culprit = NULL;
			return -1;
		}
		for (i = 0; i < o->n; i++) {
			if (o->kind == VALUE_MAP && strcmp(o->keys[i], n->keys[i]) != 0) {
				*culprit = NULL;
				return -1;
			}
			if (same_tree(o->items[i], n->items[i], fx, nfx, tmp, culprit) != 0)
				return -1;
		}
		return 0;
	}
	expected(o, fx, nfx, tmp);
	if (n->str == NULL || n->len != tmp->len || memcmp(n->str, tmp->data, tmp->len) != 0) {
		*culprit = o;
		return -1;
	}
	return 0;
}

static char *
apply(const char *text, size_t len, struct fix **fx, size_t n, size_t *outlen)
{
	struct buf b;
	size_t i, at = 0;

	buf_init(&b);
	buf_grow(&b, len);
	for (i = 0; i < n; i++) {
		buf_put(&b, text + at, fx[i]->start - at);
		buf_puts(&b, fx[i]->text);
		at = fx[i]->end;
	}
	buf_put(&b, text + at, len - at);
	*outlen = b.len;
	return buf_take(&b);
}

/* Lines of a text: start offsets, n + 1 of them (the last is the length). */
static size_t *
lines_of(const char *t, size_t len, size_t *n)
{
	size_t cap = 64, i;
	size_t *l = xmalloc(cap * sizeof(size_t));

	*n = 0;
	l[(*n)++] = 0;
	for (i = 0; i < len; i++)
		if (t[i] == '\n' && i + 1 < len) {
			if (*n + 1 >= cap)
				l = xreallocarray(l, cap *= 2, sizeof(size_t));
			l[(*n)++] = i + 1;
		}
	l[*n] = len;
	return l;
}

static void
put_line(FILE *out, char tag, const char *t, size_t a, size_t b)
{
	fputc(tag, out);
	fwrite(t + a, 1, b - a, out);
	if (b == a || t[b - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
}

/* A unified diff; the edits never add or remove line breaks, so lines pair up. */
static void
print_diff(FILE *out, const char *path, const char *a, size_t alen, const char *b, size_t blen)
{
	size_t na, nb, i, j, *la = lines_of(a, alen, &na), *lb = lines_of(b, blen, &nb);
	const size_t ctx = 3;

	fprintf(out, "--- a/%s\n+++ b/%s\n", path, path);
	for (i = 0; i < na && i < nb;) {
		size_t first, last, k;

		if (la[i + 1] - la[i] == lb[i + 1] - lb[i] &&
		    memcmp(a + la[i], b + lb[i], la[i + 1] - la[i]) == 0) {
			i++;
			continue;
		}
		/* A hunk: changed lines closer than 2 * ctx apart go together. */
		first = i > ctx ? i - ctx : 0;
		last = i;
		for (j = i; j < na && j < nb && j <= last + 2 * ctx; j++)
			if (la[j + 1] - la[j] != lb[j + 1] - lb[j] ||
			    memcmp(a + la[j], b + lb[j], la[j + 1] - la[j]) != 0)
				last = j;
		k = last + ctx + 1 < na ? last + ctx + 1 : na;
		fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", first + 1, k - first, first + 1, k - first);
		for (j = first; j < k; j++) {
			if (la[j + 1] - la[j] == lb[j + 1] - lb[j] &&
			    memcmp(a + la[j], b + lb[j], la[j + 1] - la[j]) == 0)
				put_line(out, ' ', a, la[j], la[j + 1]);
			else {
				put_line(out, '-', a, la[j], la[j + 1]);
				put_line(out, '+', b, lb[j], lb[j + 1]);
			}
		}
		i = k;
	}
	free(la);
	free(lb);
}

static void
print_change(FILE *out, const struct fix *f)
{
	fprintf(out, "%s:%d:%d: ", f->file, f->pos.line, f->pos.col);
	if (*f->old == '\0')
		fprintf(out, "插入“%s”", f->new);
	else if (*f->new == '\0')
		fprintf(out, "删除“%s”", f->old);
	else
		fprintf(out, "把“%s”改为“%s”", f->old, f->new);
	fprintf(out, " [%s]\n", f->rule);
}

/* Edits of one file that do not overlap, verified; returns how many are kept. */
static size_t
settle(const struct value_doc *doc, const char *path, struct fix **fx, size_t n,
    size_t *overlaps, size_t *refused)
{
	struct buf tmp;
	size_t i, k, len, nlen;
	const char *text = value_doc_text(doc, &len);

	qsort(fx, n, sizeof(*fx), cmp_fix);
	for (i = 0, k = 0; i < n; i++) {
		struct fix *f = fx[i], *last = k > 0 ? fx[k - 1] : NULL;

		if (last != NULL && f->start == last->start && f->end == last->end &&
		    strcmp(f->text, last->text) == 0)
			continue;	/* the same edit from two rules */
		if (last != NULL && (f->start < last->end ||
		    (f->start == last->start && (f->start == f->end || last->start == last->end)))) {
			(*overlaps)++;
			continue;
		}
		fx[k++] = f;
	}
	n = k;
	buf_init(&tmp);
	while (n > 0) {
		struct diag *quiet;
		struct value_doc *nd;
		const struct value *culprit = NULL;
		char *ntext = apply(text, len, fx, n, &nlen);
		int ok;

		quiet = diag_new(stderr);
		diag_set_hook(quiet, discard, NULL);
		nd = value_load_text(quiet, path, ntext, nlen);
		ok = nd != NULL && same_tree(value_doc_root(doc), value_doc_root(nd), fx, n,
		    &tmp, &culprit) == 0;
		value_doc_free(nd);
		diag_free(quiet);
		free(ntext);
		if (ok)
			break;
		/* Drop the edits of the scalar that came out wrong (all when unknown). */
		for (i = 0, k = 0; i < n; i++)
			if (culprit != NULL && fx[i]->v != culprit)
				fx[k++] = fx[i];
			else
				(*refused)++;
		n = k;
	}
	buf_free(&tmp);
	return n;
}

int
fixes_apply(struct diag *d, const struct report *r, struct fixes *fixes, int dry_run, FILE *out)
{
	struct fix **fx = xcalloc(fixes->n + 1, sizeof(*fx)), **byfile;
	size_t fi, i, n, total = 0, files = 0, overlaps = 0, refused = 0;
	size_t *first = xcalloc(r->nfiles + 2, sizeof(*first));
	int rc = 0;

	/* The fixes of each file together, in their order (a counting sort). */
	byfile = xcalloc(fixes->n + 1, sizeof(*byfile));
	for (i = 0; i < fixes->n; i++)
		first[model_file_index(r, fixes->v[i].file) + 1]++;
	for (fi = 0; fi < r->nfiles; fi++)
		first[fi + 1] += first[fi];
	{
		size_t *at = xcalloc(r->nfiles + 1, sizeof(*at));

		for (i = 0; i < fixes->n; i++) {
			size_t k = model_file_index(r, fixes->v[i].file);

			if (k < r->nfiles)
				byfile[first[k] + at[k]++] = &fixes->v[i];
		}
		free(at);
	}
	for (fi = 0; fi < r->nfiles && fi < r->ndocs; fi++) {
		const char *path = r->files[fi];
		size_t len, disklen, nlen, bom;
		const char *text = value_doc_text(r->docs[fi], &len);
		char *disk = NULL, *ntext;

		for (i = first[fi], n = 0; i < first[fi + 1]; i++)
			fx[n++] = byfile[i];
		if (n == 0 || (n = settle(r->docs[fi], path, fx, n, &overlaps, &refused)) == 0)
			continue;
		/* The file must still be what was checked; a byte-order mark is kept. */
		if (read_file(d, path, VALUE_MAX_FILE, &disk, &disklen) != 0) {
			rc = -1;
			continue;
		}
		bom = disklen >= 3 && memcmp(disk, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		if (disklen - bom != len || memcmp(disk + bom, text, len) != 0) {
			struct srcpos pos = { diag_intern(d, path), 0, 0 };
			diag_error(d, &pos, "文件在检查之后被改动过，没有修改它；请再运行一次");
			free(disk);
			rc = -1;
			continue;
		}
		ntext = apply(text, len, fx, n, &nlen);
		if (dry_run)
			print_diff(out, path, text, len, ntext, nlen);
		else {
			struct buf b;

			buf_init(&b);
			buf_put(&b, disk, bom);
			buf_put(&b, ntext, nlen);
			if (b.data == NULL)
				buf_put(&b, "", 0);
			if (replace_file_atomic(d, path, b.data, b.len) != 0) {
				rc = -1;
				buf_free(&b);
				free(ntext);
				free(disk);
				continue;
			}
			buf_free(&b);
			for (i = 0; i < n; i++)
				print_change(out, fx[i]);
		}
		free(ntext);
		free(disk);
		total += n;
		files++;
	}
	free(fx);
	free(byfile);
	free(first);
	if (total > 0)
		fprintf(out, "shuzhi: %s %zu 个文件中的 %zu 处\n", dry_run ? "将修改" : "修改了",
		    files, total);
	fixes->overlaps = overlaps;
	if (refused + (size_t)fixes->unfixable > 0)
		fprintf(out, "shuzhi: %zu 处不能在原处自动修改（跨行、在转义序列中，或会改变别的内容），"
		    "请手工修改\n", refused + (size_t)fixes->unfixable);
	return rc < 0 ? -1 : (int)total;
}
