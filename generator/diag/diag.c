/* diag.c: print diagnostics in the form editors and CI understand. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "../util/buf.h"
#include "../util/hash.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define WINDOW	60	/* characters of a long source line shown */

struct diag_source {
	struct diag_source	*next;
	const char		*path;	/* interned */
	char			*text;
	size_t			 len;
};

void
diag_init(struct diag *d, FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->format = DIAG_TEXT;
}

void
diag_free(struct diag *d)
{
	struct diag_source *s, *next;
	size_t i;

	for (s = d->sources; s != NULL; s = next) {
		next = s->next;
		free(s->text);
		free(s);
	}
	for (i = 0; i < d->nnames; i++)
		free(d->names[i]);
	free(d->names);
	free(d->slots);
	d->sources = NULL;
	d->names = NULL;
	d->nnames = 0;
	d->slots = NULL;
	d->nslots = 0;
}

/* Rebuild the hash at twice the size (a report may load thousands of files). */
static void
grow_slots(struct diag *d)
{
	size_t i, j, n = d->nslots ? d->nslots * 2 : 64;

	free(d->slots);
	d->slots = xcalloc(n, sizeof(*d->slots));
	d->nslots = n;
	for (i = 0; i < d->nnames; i++) {
		j = (size_t)hash_bytes(d->names[i], strlen(d->names[i])) & (n - 1);
		while (d->slots[j] != 0)
			j = (j + 1) & (n - 1);
		d->slots[j] = i + 1;
	}
}

/* The slot of name in the hash: where it is, or the empty one it would take. */
static size_t
find_slot(struct diag *d, const char *name)
{
	size_t j;

	if (2 * (d->nnames + 1) > d->nslots)
		grow_slots(d);
	for (j = (size_t)hash_bytes(name, strlen(name)) & (d->nslots - 1); d->slots[j] != 0;
	    j = (j + 1) & (d->nslots - 1))
		if (strcmp(d->names[d->slots[j] - 1], name) == 0)
			break;
	return j;
}

/* Append name (owned from now on) to the names; returns it. */
static const char *
push_name(struct diag *d, char *name)
{
	if ((d->nnames & (d->nnames - 1)) == 0)	/* 0, 1, 2, 4...: double */
		d->names = xreallocarray(d->names, d->nnames < 4 ? 8 : 2 * d->nnames,
		    sizeof(char *));
	d->names[d->nnames++] = name;
	return name;
}

const char *
diag_intern(struct diag *d, const char *path)
{
	size_t j = find_slot(d, path);

	if (d->slots[j] != 0)
		return d->names[d->slots[j] - 1];
	d->slots[j] = d->nnames + 1;
	return push_name(d, xstrdup(path));
}

void
diag_add_source(struct diag *d, const char *path, const char *text, size_t len)
{
	struct diag_source *s = xcalloc(1, sizeof(*s));

	s->path = diag_intern(d, path);
	s->text = xstrndup(text, len);
	s->len = len;
	s->next = d->sources;
	d->sources = s;
}

/*
 * Put name (owned from now on) among d's names; kept even when the name
 * is there already, since positions point to it.
 */
static void
adopt_name(struct diag *d, char *name)
{
	size_t j = find_slot(d, name);

	if (d->slots[j] == 0)
		d->slots[j] = d->nnames + 1;
	(void)push_name(d, name);
}

void
diag_adopt(struct diag *dst, struct diag *src)
{
	struct diag_source *last;
	size_t i;

	for (i = 0; i < src->nnames; i++)
		adopt_name(dst, src->names[i]);
	free(src->names);
	free(src->slots);
	src->names = NULL;
	src->nnames = 0;
	src->slots = NULL;
	src->nslots = 0;
	if (src->sources != NULL) {
		for (last = src->sources; last->next != NULL; last = last->next)
			;
		last->next = dst->sources;	/* src's are the newer */
		dst->sources = src->sources;
		src->sources = NULL;
	}
	dst->errors += src->errors;
	dst->warnings += src->warnings;
	src->errors = src->warnings = 0;
}

/* Oldest first, so that dst's list ends up in src's order. */
static void
copy_from(struct diag *dst, const struct diag_source *s)
{
	if (s == NULL)
		return;
	copy_from(dst, s->next);
	diag_add_source(dst, s->path, s->text, s->len);
}

void
diag_copy_sources(struct diag *dst, const struct diag *src)
{
	copy_from(dst, src->sources);
}

/* Print the source line of pos and a caret under its column. */
static void
print_context(struct diag *d, const struct srcpos *pos)
{
	const struct diag_source *s;
	const char *p, *end, *eol;
	struct buf b;
	int line, col;

	for (s = d->sources; s != NULL; s = s->next)
		if (strcmp(s->path, pos->file) == 0)
			break;
	if (s == NULL || pos->line <= 0)
		return;
	p = s->text;
	end = s->text + s->len;
	for (line = 1; line < pos->line && p < end; line++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return;
		p++;
	}
	if (p >= end && pos->line > 1)
		return;
	eol = memchr(p, '\n', (size_t)(end - p));
	if (eol == NULL)
		eol = end;
	if (eol > p && eol[-1] == '\r')
		eol--;
	/*
	 * Long lines (a Chinese paragraph is one line) are cut to a window of
	 * about WINDOW characters around the column, marked with "…".
	 */
	{
		const char *q, *from = p, *to = eol;
		int n, skip = pos->col - 1 - WINDOW / 2;
		uint32_t cp;

		if (skip > 0 && (int)utf8_count(p, (size_t)(eol - p)) > WINDOW) {
			for (n = 0; n < skip && from < eol; n++) {
				size_t k = utf8_decode(from, (size_t)(eol - from), &cp);
				from += k ? k : 1;
			}
		} else
			skip = 0;
		for (q = from, n = 0; q < eol && n < WINDOW; n++) {
			size_t k = utf8_decode(q, (size_t)(eol - q), &cp);
			q += k ? k : 1;
		}
		to = q;
		buf_init(&b);
		buf_puts(&b, skip > 0 ? "…" : " ");
		/* Invalid UTF-8 is shown as U+FFFD, never copied to the terminal. */
		for (q = from; q < to; ) {
			size_t k = utf8_decode(q, (size_t)(to - q), &cp);
			if (k == 0) {
				buf_puts(&b, "\xEF\xBF\xBD");
				q++;
			} else {
				buf_put(&b, q, k);
				q += k;
			}
		}
		if (to < eol)
			buf_puts(&b, "…");
		buf_puts(&b, skip > 0 ? "\n  " : "\n ");
		/* Pad with the same width as the characters before the column. */
		for (col = 1 + skip, p = from; col < pos->col && p < to; col++) {
			size_t k = utf8_decode(p, (size_t)(to - p), &cp);

			if (k == 0)
				cp = '?';
			if (cp == '\t')
				buf_putc(&b, '\t');
			else if (uc_is_wide(cp))
				buf_puts(&b, "  ");
			else
				buf_putc(&b, ' ');
			p += k ? k : 1;
		}
	}
	buf_puts(&b, "^\n");
	fputs(b.data, d->out);
	buf_free(&b);
}

static void
report(struct diag *d, enum diag_level level, const struct srcpos *pos,
    const struct srcpos *end, const char *rule, const char *fmt, va_list ap)
{
	static const char *names[] = { "error", "warning", "note" };
	struct buf b;

	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING) {
		d->warnings++;
		if (d->quiet_warnings)
			return;
	} else if (level == DIAG_NOTE && d->quiet_notes)
		return;
	if (d->hook != NULL) {
		buf_init(&b);
		buf_vprintf(&b, fmt, ap);
		d->hook(d->hook_arg, level, pos, end, rule, b.data ? b.data : "");
		buf_free(&b);
		return;
	}
	buf_init(&b);
	if (pos != NULL && pos->file != NULL) {
		buf_puts(&b, pos->file);
		if (pos->line > 0) {
			buf_printf(&b, ":%d", pos->line);
			if (pos->col > 0)
				buf_printf(&b, ":%d", pos->col);
		}
	} else
		buf_puts(&b, "shuzhi");
	buf_printf(&b, ": %s: ", names[level]);
	buf_vprintf(&b, fmt, ap);
	if (rule != NULL)
		buf_printf(&b, " [%s]", rule);
	buf_putc(&b, '\n');
	fputs(b.data, d->out);
	buf_free(&b);
	if (d->format == DIAG_TEXT && pos != NULL && pos->file != NULL)
		print_context(d, pos);
}

void
diag_report(struct diag *d, enum diag_level level, const struct srcpos *pos,
    const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(d, level, pos, NULL, rule, fmt, ap);
	va_end(ap);
}

void
diag_report_span(struct diag *d, enum diag_level level, const struct srcpos *pos,
    const struct srcpos *end, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(d, level, pos, end, rule, fmt, ap);
	va_end(ap);
}
