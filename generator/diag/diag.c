/* diag.c: print diagnostics in the form editors and CI understand. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "../util/buf.h"
#include "../util/hash.h"
#include "../util/quote.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define WINDOW	60	/* characters of a long source line shown */

struct diag_source {
	struct diag_source	*next;
	const char		*path;	/* interned */
	char			*text;
	size_t			 len;
	/*
	 * Where the last caret line was: reports come in order, so each
	 * finds its line and column from the one before, not from the start.
	 */
	int			 line;	/* 0: none yet */
	size_t			 line_at;	/* where that line starts */
	int			 col;	/* 0: none yet */
	size_t			 col_at;	/* where that column is */
};

/* Reports of one kind in one file (see DIAG_MAX_SHOWN). */
struct diag_kind {
	const char		*file;	/* interned, or NULL */
	uint64_t		 key;	/* the rule or format pointer, or a message's hash */
	const char		*rule;
	unsigned long		 seen, hidden;
	struct srcpos		 first;	/* the first hidden */
	char			*msg;	/* its message */
};

/* A report a held sink keeps for diag_flush(): what emit() or the hook would have had. */
struct diag_held {
	enum diag_level		 level;
	struct srcpos		 pos, end;	/* files interned in the held sink */
	int			 has_pos, has_end;
	int			 raw;	/* msg is text passed on as it is (diag_pass) */
	char			*rule;
	char			*msg;
};

/* The sink: private to diag/, so that callers go through the functions of diag.h. */
struct diag {
	FILE			*out;
	enum diag_format	 format;
	int			 errors;
	int			 warnings;
	int			 quiet_warnings; /* count warnings, print nothing */
	int			 quiet_notes;	/* print no notes (info-level findings) */
	struct diag_source	*sources;	/* texts for the caret lines */
	char			**names;	/* interned file names */
	size_t			 nnames;
	size_t			*slots;		/* open hash of names: index + 1, 0 empty */
	size_t			 nslots;	/* a power of two, or 0 */
	diag_hook_fn		*hook;		/* NULL: print */
	void			*hook_arg;
	struct diag_kind	*kinds;		/* open hash of (file, kind): counts */
	size_t			 nkinds, nkslots;
	int			 show_all;	/* no DIAG_MAX_SHOWN: every report is news */
	int			 holding;	/* a held sink (diag_hold) */
	int			 hooked;	/* held for a sink with a hook */
	struct diag_held	*held;		/* what it keeps */
	size_t			 nheld;
};

struct diag *
diag_new(FILE *out)
{
	struct diag *d = xcalloc(1, sizeof(*d));

	d->out = out;
	d->format = DIAG_TEXT;
	return d;
}

int
diag_errors(const struct diag *d)
{
	return d->errors;
}

int
diag_warnings(const struct diag *d)
{
	return d->warnings;
}

void
diag_set_flags(struct diag *d, unsigned flags)
{
	if (flags & DIAG_QUIET_WARNINGS)
		d->quiet_warnings = 1;
	if (flags & DIAG_QUIET_NOTES)
		d->quiet_notes = 1;
	if (flags & DIAG_SHOW_ALL)
		d->show_all = 1;
}

void
diag_set_format(struct diag *d, enum diag_format format)
{
	d->format = format;
}

void
diag_set_hook(struct diag *d, diag_hook_fn *hook, void *arg)
{
	d->hook = hook;
	d->hook_arg = arg;
}

/* Summarize and free what d has, but not d. */
static void
release(struct diag *d)
{
	struct diag_source *s, *next;
	size_t i;

	for (s = d->sources; s != NULL; s = next) {
		next = s->next;
		free(s->text);
		free(s);
	}
	diag_summarize(d);
	free(d->kinds);
	d->kinds = NULL;
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

void
diag_free(struct diag *d)
{
	if (d == NULL)
		return;
	release(d);
	free(d);
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

const char *
diag_source(const struct diag *d, const char *path, size_t *len)
{
	const struct diag_source *s;

	for (s = d->sources; s != NULL; s = s->next)
		if (strcmp(s->path, path) == 0) {
			*len = s->len;
			return s->text;
		}
	return NULL;
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

/* Move src's names into dst: positions that point to them stay valid. */
static void
take_names(struct diag *dst, struct diag *src)
{
	size_t i;

	for (i = 0; i < src->nnames; i++)
		adopt_name(dst, src->names[i]);
	free(src->names);
	free(src->slots);
	src->names = NULL;
	src->nnames = 0;
	src->slots = NULL;
	src->nslots = 0;
}

/*
 * Move to the front of dst's texts those of src's that dst has none for
 * (a file the held sink read itself); drop the rest (copies).
 */
static void
take_sources(struct diag *dst, struct diag *src)
{
	struct diag_source *s, *next, *head = NULL, **tail = &head;
	size_t len;

	for (s = src->sources; s != NULL; s = next) {
		next = s->next;
		if (diag_source(dst, s->path, &len) == NULL) {
			s->path = diag_intern(dst, s->path);
			*tail = s;
			tail = &s->next;
		} else {
			free(s->text);
			free(s);
		}
	}
	*tail = dst->sources;	/* src's are the newer */
	dst->sources = head;
	src->sources = NULL;
}

void
diag_copy_sources(struct diag *dst, const struct diag *src)
{
	const struct diag_source *s, **v = NULL;
	size_t n = 0, i;

	/* Oldest first, so that dst's list ends up in src's order (no recursion: many files). */
	for (s = src->sources; s != NULL; s = s->next) {
		if ((n & (n - 1)) == 0)
			v = xreallocarray(v, n ? 2 * n : 8, sizeof(*v));
		v[n++] = s;
	}
	for (i = n; i-- > 0;)
		diag_add_source(dst, v[i]->path, v[i]->text, v[i]->len);
	free(v);
}

/* Where line (1-based) of s starts, or NULL when s has fewer lines. */
static const char *
line_start(struct diag_source *s, int line)
{
	const char *p = s->text, *end = s->text + s->len;
	int l = 1;

	if (s->line > 0 && s->line <= line) {
		l = s->line;
		p = s->text + s->line_at;
	}
	for (; l < line && p < end; l++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return NULL;
		p++;
	}
	if (l < line || (p >= end && line > 1))
		return NULL;
	if (s->line != line)
		s->col = 0;
	s->line = line;
	s->line_at = (size_t)(p - s->text);
	return p;
}

/* Where column col (1-based, in characters) of the line at p is, from the last one. */
static const char *
col_start(struct diag_source *s, const char *p, const char *eol, int col)
{
	int c = 1;
	uint32_t cp;

	if (s->col > 0 && s->col <= col) {
		c = s->col;
		p = s->text + s->col_at;
	}
	for (; c < col && p < eol; c++) {
		size_t k = utf8_decode(p, (size_t)(eol - p), &cp);
		p += k ? k : 1;
	}
	s->col = c;
	s->col_at = (size_t)(p - s->text);
	return p;
}

/* Control characters and bidirectional overrides, shown as U+FFFD in a caret line. */
static int
hidden_char(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Print the source line of pos and a caret under its column. */
static void
print_context(struct diag *d, const struct srcpos *pos)
{
	struct diag_source *s;
	const char *p, *end, *eol, *q, *from, *to;
	struct buf b;
	int col, skip;
	uint32_t cp;

	for (s = d->sources; s != NULL; s = s->next)
		if (strcmp(s->path, pos->file) == 0)
			break;
	if (s == NULL || pos->line <= 0 || (p = line_start(s, pos->line)) == NULL)
		return;
	end = s->text + s->len;
	eol = memchr(p, '\n', (size_t)(end - p));
	if (eol == NULL)
		eol = end;
	if (eol > p && eol[-1] == '\r')
		eol--;
	/*
	 * Long lines (a Chinese paragraph is one line) are cut to a window of
	 * about WINDOW characters around the column, marked with "…".
	 */
	from = p;
	skip = pos->col - 1 - WINDOW / 2;
	if (skip > 0 && utf8_skip(p, (size_t)(eol - p), WINDOW) < (size_t)(eol - p))
		from = col_start(s, p, eol, skip + 1);
	else
		skip = 0;
	to = from + utf8_skip(from, (size_t)(eol - from), WINDOW);
	buf_init(&b);
	buf_puts(&b, skip > 0 ? "…" : " ");
	/* Invalid UTF-8 and control characters are shown as U+FFFD, never sent to the terminal. */
	for (q = from; q < to; ) {
		size_t k = utf8_decode(q, (size_t)(to - q), &cp);
		if (k == 0 || hidden_char(cp)) {
			buf_puts(&b, "\xEF\xBF\xBD");
			q += k ? k : 1;
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
	buf_puts(&b, "^\n");
	fputs(b.data, d->out);
	buf_free(&b);
}

/* A held sink keeps a report (its files interned there) for diag_flush(). */
static void
keep(struct diag *d, enum diag_level level, const struct srcpos *pos,
    const struct srcpos *end, const char *rule, const char *msg)
{
	struct diag_held *h;

	if ((d->nheld & (d->nheld - 1)) == 0)	/* 0, 1, 2, 4...: double */
		d->held = xreallocarray(d->held, d->nheld < 4 ? 8 : 2 * d->nheld,
		    sizeof(*d->held));
	h = &d->held[d->nheld++];
	memset(h, 0, sizeof(*h));
	h->level = level;
	if ((h->has_pos = pos != NULL)) {
		h->pos = *pos;
		if (pos->file != NULL)
			h->pos.file = diag_intern(d, pos->file);
	}
	if ((h->has_end = end != NULL)) {
		h->end = *end;
		if (end->file != NULL)
			h->end.file = diag_intern(d, end->file);
	}
	h->rule = rule != NULL ? xstrdup(rule) : NULL;
	h->msg = xstrdup(msg);
}

/* Print one report: its line, then the source line and caret. */
static void
emit(struct diag *d, enum diag_level level, const struct srcpos *pos, const char *rule,
    const char *msg)
{
	static const char *names[] = { "error", "warning", "note" };
	struct buf b;

	if (d->holding) {
		keep(d, level, pos, NULL, rule, msg);
		return;
	}
	buf_init(&b);
	if (pos != NULL && pos->file != NULL) {
		quote_name(&b, pos->file);
		if (pos->line > 0) {
			buf_printf(&b, ":%d", pos->line);
			if (pos->col > 0)
				buf_printf(&b, ":%d", pos->col);
		}
	} else
		buf_puts(&b, "shuzhi");
	buf_printf(&b, ": %s: ", names[level]);
	quote_text(&b, msg);
	if (rule != NULL) {
		buf_puts(&b, " [");
		quote_text(&b, rule);
		buf_putc(&b, ']');
	}
	buf_putc(&b, '\n');
	fputs(b.data, d->out);
	buf_free(&b);
	if (d->format == DIAG_TEXT && pos != NULL && pos->file != NULL)
		print_context(d, pos);
}

static uint64_t
kind_hash(const char *file, uint64_t key)
{
	return (uint64_t)(uintptr_t)file * 0x9E3779B97F4A7C15u ^ key * 0xC2B2AE3D27D4EB4Fu;
}

/* The counts of a file and kind (slots hold index + 1 after the kinds). */
static struct diag_kind *
kind_get(struct diag *d, const char *file, uint64_t key)
{
	size_t *slots, i, j, mask;

	if (2 * (d->nkinds + 1) > d->nkslots) {
		size_t n = d->nkslots ? 2 * d->nkslots : 64;
		struct diag_kind *k = xcalloc(1, n / 2 * sizeof(*k) + n * sizeof(size_t));

		if (d->nkinds > 0)
			memcpy(k, d->kinds, d->nkinds * sizeof(*k));
		slots = (size_t *)(void *)(k + n / 2);
		for (i = 0; i < d->nkinds; i++) {
			for (j = kind_hash(k[i].file, k[i].key) & (n - 1); slots[j] != 0;
			    j = (j + 1) & (n - 1))
				;
			slots[j] = i + 1;
		}
		free(d->kinds);
		d->kinds = k;
		d->nkslots = n;
	}
	slots = (size_t *)(void *)(d->kinds + d->nkslots / 2);
	mask = d->nkslots - 1;
	for (j = kind_hash(file, key) & mask; slots[j] != 0; j = (j + 1) & mask) {
		struct diag_kind *k = &d->kinds[slots[j] - 1];

		if (k->file == file && k->key == key)
			return k;
	}
	slots[j] = ++d->nkinds;
	d->kinds[d->nkinds - 1].file = file;
	d->kinds[d->nkinds - 1].key = key;
	return &d->kinds[d->nkinds - 1];
}

/*
 * Count a printed report; 0 when it is one too many of its kind (kept
 * for the summary when it is the first such).
 */
static int
kind_count(struct diag *d, const struct srcpos *pos, const char *rule, const char *fmt,
    const char *msg)
{
	const char *file = pos != NULL && pos->file != NULL ? diag_intern(d, pos->file) : NULL;
	uint64_t key;
	struct diag_kind *k;

	/* Pointers of user space never have the top bit set: a message's hash does. */
	if (rule != NULL)
		key = (uint64_t)(uintptr_t)rule;
	else if (strcmp(fmt, "%s") != 0)
		key = (uint64_t)(uintptr_t)fmt;
	else
		key = hash_bytes(msg, strlen(msg)) | (uint64_t)1 << 63;
	k = kind_get(d, file, key);
	if (k->seen++ < DIAG_MAX_SHOWN)
		return 1;
	if (k->hidden++ == 0) {
		k->rule = rule;
		k->first = *pos;
		k->first.file = file;
		k->msg = xstrdup(msg);
	}
	return 0;
}

void
diag_summarize(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->nkinds; i++) {
		struct diag_kind *k = &d->kinds[i];
		struct buf b;

		if (k->hidden == 0 || (d->out == NULL && !d->holding)) {
			free(k->msg);
			continue;
		}
		buf_init(&b);
		buf_printf(&b, "从这里起还有 %lu 处同类问题没有列出（每个文件的每类问题只列出前 %d 处）：%s",
		    k->hidden, DIAG_MAX_SHOWN, k->msg);
		emit(d, DIAG_NOTE, &k->first, k->rule, b.data);
		buf_free(&b);
		free(k->msg);
		k->msg = NULL;
	}
	d->nkinds = 0;
	if (d->nkslots > 0)
		memset(d->kinds + d->nkslots / 2, 0, d->nkslots * sizeof(size_t));
}

static void
vreport(struct diag *d, enum diag_level level, const struct srcpos *pos,
    const struct srcpos *end, const char *rule, const char *fmt, va_list ap)
{
	struct buf b;

	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING) {
		d->warnings++;
		if (d->quiet_warnings)
			return;
	} else if (level == DIAG_NOTE && d->quiet_notes)
		return;
	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	if (b.data == NULL)
		buf_puts(&b, "");
	if (d->hook != NULL)
		d->hook(d->hook_arg, level, pos, end, rule, b.data);
	else if (d->hooked)	/* held for a sink with a hook: all of it goes there */
		keep(d, level, pos, end, rule, b.data);
	else if (d->show_all || kind_count(d, pos, rule, fmt, b.data))
		emit(d, level, pos, rule, b.data);
	buf_free(&b);
}

void
diag_report(struct diag *d, enum diag_level level, const struct srcpos *pos,
    const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(d, level, pos, NULL, rule, fmt, ap);
	va_end(ap);
}

void
diag_report_span(struct diag *d, enum diag_level level, const struct srcpos *pos,
    const struct srcpos *end, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(d, level, pos, end, rule, fmt, ap);
	va_end(ap);
}

/* Print text as it is, or keep it when held. */
static void
pass(struct diag *d, const char *text)
{
	if (d->holding) {
		keep(d, DIAG_NOTE, NULL, NULL, NULL, text);
		d->held[d->nheld - 1].raw = 1;
	} else if (d->out != NULL)
		fputs(text, d->out);
}

void
diag_pass(struct diag *d, int errors, const char *text)
{
	pass(d, text);
	d->errors += errors;
}

struct diag *
diag_hold(const struct diag *parent)
{
	struct diag *h = diag_new(NULL);

	h->holding = 1;
	if (parent != NULL) {
		h->format = parent->format;
		h->quiet_warnings = parent->quiet_warnings;
		h->quiet_notes = parent->quiet_notes;
		h->show_all = parent->show_all;
		h->hooked = parent->hook != NULL || parent->hooked;
	}
	return h;
}

/* Free what a held sink keeps, and it. */
static void
free_held(struct diag *h)
{
	size_t i;

	h->holding = 0;
	release(h);	/* nothing left to summarize: flushed or dropped */
	for (i = 0; i < h->nheld; i++) {
		free(h->held[i].rule);
		free(h->held[i].msg);
	}
	free(h->held);
	free(h);
}

void
diag_flush(struct diag *d, struct diag *h)
{
	size_t i;

	if (h == NULL)
		return;
	diag_summarize(h);	/* kept like the reports */
	take_names(d, h);
	take_sources(d, h);
	for (i = 0; i < h->nheld; i++) {
		struct diag_held *r = &h->held[i];
		const struct srcpos *pos = r->has_pos ? &r->pos : NULL;

		if (r->raw)
			pass(d, r->msg);
		else if (d->hook != NULL)
			d->hook(d->hook_arg, r->level, pos, r->has_end ? &r->end : NULL,
			    r->rule, r->msg);
		else
			emit(d, r->level, pos, r->rule, r->msg);
	}
	d->errors += h->errors;
	d->warnings += h->warnings;
	free_held(h);
}

void
diag_drop(struct diag *d, struct diag *h)
{
	if (h == NULL)
		return;
	diag_summarize(h);
	if (d != NULL)
		take_names(d, h);
	free_held(h);
}
