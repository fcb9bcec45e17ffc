/*
 * yamlrepair.c: repair before parsing the YAML mistakes whose repair is
 * certain (see yamlrepair.h).  Each line that may need it gets its edits;
 * the edited text is parsed, and a line's edits are kept only when its
 * key then stands as a key of a map; that is tried again without the
 * lines that failed until every kept line passes.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "model.h"
#include "yamlerr.h"
#include "yamlline.h"
#include "yamlrepair.h"
#include "../diag/diag.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* Rounds of dropping the lines whose key does not read as a key. */
#define MAX_ROUNDS	8

/* One line's repair: up to two edits, and where its key must then stand. */
struct fixline {
	size_t		 line;		/* 0-based */
	size_t		 ind_end;	/* indentation edit: [line start, ind_end) -> ind */
	char		*ind;		/* NULL: none */
	size_t		 colon_start, colon_end;	/* colon edit -> ":" or ": " */
	const char	*colon;		/* NULL: none */
	size_t		 key;		/* byte offset of the key in the original */
	size_t		 keycol;	/* its column (0-based, characters) when repaired */
	int		 keep;
};

static int
known_in(const struct field *f, const char *name, size_t n, int depth)
{
	for (; f->key != NULL; f++)
		if ((strlen(f->key) == n && memcmp(f->key, name, n) == 0) ||
		    (f->sub != NULL && f->sub != model_section_fields && depth < 2 &&
		    known_in(f->sub, name, n, depth + 1)))
			return 1;
	return 0;
}

/* A key of the content files. */
static int
known_key(const char *name, size_t n)
{
	return known_in(model_report_fields, name, n, 0) ||
	    known_in(model_section_fields, name, n, 0);
}

/* The edits line no of text may need; 0 when none. */
static int
plan_line(const char *text, const size_t *ls, size_t nlines, size_t no, size_t len,
    struct fixline *fl)
{
	size_t s = ls[no], e = no + 1 < nlines ? ls[no + 1] : len, p, spaces = 0, blanks = 0;
	const char *name, *colon;
	size_t n, after, indent_end;
	int wide;

	memset(fl, 0, sizeof(*fl));
	fl->line = no;
	for (p = s; p < e; ) {
		if (text[p] == ' ')
			p++, spaces++;
		else if (e - p >= 3 && memcmp(text + p, FULLWIDTH_SPACE, 3) == 0)
			p += 3, blanks++;
		else
			break;
	}
	if (p < e && text[p] == '\t')
		return 0;	/* a tab: how wide it looked is not known */
	if (blanks > 0) {
		fl->ind_end = p;
		fl->ind = xmalloc(spaces + 2 * blanks + 1);
		memset(fl->ind, ' ', spaces + 2 * blanks);
		fl->ind[spaces + 2 * blanks] = '\0';
	}
	if ((n = yaml_colon_key(text + p, e - p, &name, &colon, &wide)) > 0 && known_key(name, n)) {
		fl->colon_start = (size_t)(name - text) + n;
		after = (size_t)(colon - text) + (wide ? 3 : 1);
		while (after < e && (text[after] == ' ' ||
		    (e - after >= 3 && memcmp(text + after, FULLWIDTH_SPACE, 3) == 0)))
			after += text[after] == ' ' ? 1 : 3;
		fl->colon_end = after;
		fl->colon = after < e && text[after] != '\n' && text[after] != '\r' ? ": " : ":";
	}
	if (fl->ind == NULL && fl->colon == NULL)
		return 0;
	/* The key: after the indentation and any "- " (ASCII: one column a byte). */
	indent_end = p;
	while (p < e && text[p] == '-' && p + 1 < e && text[p + 1] == ' ')
		for (p++; p < e && text[p] == ' '; p++)
			continue;
	fl->key = p;
	fl->keycol = (fl->ind != NULL ? strlen(fl->ind) : spaces) + (p - indent_end);
	return 1;
}

/* The text with the kept lines' edits. */
static char *
apply(const char *text, size_t len, const size_t *ls, const struct fixline *fl, size_t n,
    size_t *outlen)
{
	struct buf b;
	size_t i, at = 0;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (!fl[i].keep)
			continue;
		if (fl[i].ind != NULL) {
			buf_put(&b, text + at, ls[fl[i].line] - at);
			buf_puts(&b, fl[i].ind);
			at = fl[i].ind_end;
		}
		if (fl[i].colon != NULL) {
			buf_put(&b, text + at, fl[i].colon_start - at);
			buf_puts(&b, fl[i].colon);
			at = fl[i].colon_end;
		}
	}
	buf_put(&b, text + at, len - at);
	*outlen = b.len;
	return buf_take(&b);
}

/* Does a map key start at (line, col) of text?  keys: those seen, sorted. */
struct keyat {
	size_t		 line, col;
};

static int
cmp_keyat(const void *a, const void *b)
{
	const struct keyat *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

/* Where the keys of maps start in text, as far as it parses. */
static struct keyat *
map_keys(const char *text, size_t len, size_t *n)
{
	yaml_parser_t p;
	yaml_event_t e;
	struct keyat *k = NULL;
	char *iskey = NULL;	/* per open collection: a map expecting a key */
	size_t depth = 0, cap = 0;
	int done = 0;

	*n = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done && yaml_parser_parse(&p, &e)) {
		int node = 0;

		switch (e.type) {
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
			if (depth > 0 && iskey[depth - 1] == 1) {
				k = xreallocarray(k, *n + 1, sizeof(*k));
				k[*n].line = e.start_mark.line;
				k[*n].col = e.start_mark.column;
				(*n)++;
			}
			node = 1;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth > 0 && iskey[depth - 1] != 0)
				iskey[depth - 1] = 3 - iskey[depth - 1];
			if (depth == cap)
				iskey = xreallocarray(iskey, cap = cap ? cap * 2 : 16, 1);
			iskey[depth++] = e.type == YAML_MAPPING_START_EVENT ? 1 : 0;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		/* In a map, keys (1) and values (2) take turns. */
		if (node && depth > 0 && iskey[depth - 1] != 0)
			iskey[depth - 1] = 3 - iskey[depth - 1];
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	free(iskey);
	if (*n > 1)
		qsort(k, *n, sizeof(*k), cmp_keyat);
	return k;
}

/* Print each kept repair (out not NULL); returns how many edits. */
static size_t
report(FILE *out, const char *path, const char *text, const size_t *ls,
    const struct fixline *fl, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++) {
		if (!fl[i].keep)
			continue;
		if (fl[i].ind != NULL && out != NULL)
			fprintf(out, "%s:%zu:1: 把行首的全角空格“　”改为半角空格（每个换两个）"
			    " [yaml.fullwidth-indent]\n", path, fl[i].line + 1);
		if (fl[i].colon != NULL && out != NULL)
			fprintf(out, "%s:%zu:%zu: 把“%.*s”改为“%s” [yaml.colon]\n", path,
			    fl[i].line + 1, 1 + utf8_count(text + ls[fl[i].line],
			    fl[i].colon_start - ls[fl[i].line]), (int)(fl[i].colon_end -
			    fl[i].colon_start), text + fl[i].colon_start, fl[i].colon);
		count += (fl[i].ind != NULL) + (fl[i].colon != NULL);
	}
	return count;
}

char *
yaml_repair_text(const char *path, const char *text, size_t len, FILE *out,
    size_t *outlen, size_t *count)
{
	size_t nlines, *ls = yaml_index_lines(text, len, &nlines), n = 0, i, nkeys, round;
	struct fixline *fl = xcalloc(nlines, sizeof(*fl));
	char *fixed = NULL;
	int changed = 1;

	*count = 0;
	for (i = 0; i < nlines; i++)
		if (plan_line(text, ls, nlines, i, len, &fl[n]))
			fl[n++].keep = 1;
	for (round = 0; n > 0 && changed && round < MAX_ROUNDS; round++) {
		struct keyat *keys, want;
		size_t flen, fnl, *fls;

		free(fixed);
		fixed = apply(text, len, ls, fl, n, &flen);
		fls = yaml_index_lines(fixed, flen, &fnl);
		keys = map_keys(fixed, flen, &nkeys);
		changed = 0;
		for (i = 0; i < n; i++) {
			if (!fl[i].keep)
				continue;
			want.line = fl[i].line;
			want.col = fl[i].keycol;
			if (nkeys == 0 || bsearch(&want, keys, nkeys, sizeof(*keys), cmp_keyat) == NULL) {
				fl[i].keep = 0;
				changed = 1;
			}
		}
		*outlen = flen;
		free(keys);
		free(fls);
	}
	/* Not settled: repair nothing rather than anything uncertain. */
	for (i = 0; changed && i < n; i++)
		fl[i].keep = 0;
	for (i = 0; i < n && fixed != NULL; i++)
		if (fl[i].keep)
			break;
	if (i == n) {
		free(fixed);
		fixed = NULL;
	} else
		*count = report(out, path, text, ls, fl, n);
	for (i = 0; i < n; i++)
		free(fl[i].ind);
	free(fl);
	free(ls);
	return fixed;
}

static int
is_yaml_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

/* One changed line as a unified diff hunk (the repairs keep the line breaks). */
static void
print_hunks(FILE *out, const char *path, const char *a, size_t alen, const char *b, size_t blen)
{
	size_t na, nb, i, *la = yaml_index_lines(a, alen, &na), *lb = yaml_index_lines(b, blen, &nb);

	fprintf(out, "--- a/%s\n+++ b/%s\n", path, path);
	for (i = 0; i < na && i < nb; i++) {
		size_t ea = i + 1 < na ? la[i + 1] : alen, eb = i + 1 < nb ? lb[i + 1] : blen;

		if (ea - la[i] == eb - lb[i] && memcmp(a + la[i], b + lb[i], ea - la[i]) == 0)
			continue;
		fprintf(out, "@@ -%zu,1 +%zu,1 @@\n-%.*s", i + 1, i + 1, (int)(ea - la[i]), a + la[i]);
		if (ea == la[i] || a[ea - 1] != '\n')
			fputc('\n', out);
		fprintf(out, "+%.*s", (int)(eb - lb[i]), b + lb[i]);
		if (eb == lb[i] || b[eb - 1] != '\n')
			fputc('\n', out);
	}
	free(la);
	free(lb);
}

int
yaml_repair_folder(struct diag *d, const char *dir, int dry_run, FILE *out)
{
	struct dirent **ents;
	char **paths = NULL, **texts = NULL;
	size_t *lens = NULL, nfiles = 0, total = 0, i;
	int n, k, rc = 0;

	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0)
		return 0;	/* model_load says what is wrong with the folder */
	for (k = 0; k < n; k++) {
		char *path, *text, *fixed;
		size_t len, flen, count;

		if (rc == 0 && is_yaml_name(ents[k]->d_name)) {
			path = path_join(dir, ents[k]->d_name);
			if (read_file(d, path, VALUE_MAX_FILE, &text, &len) != 0) {
				rc = -1;
				free(path);
			} else if ((fixed = yaml_repair_text(path, text, len, dry_run ? NULL : out,
			    &flen, &count)) == NULL) {
				free(path);
				free(text);
			} else {
				if (dry_run)
					print_hunks(out, path, text, len, fixed, flen);
				free(text);
				paths = xreallocarray(paths, nfiles + 1, sizeof(*paths));
				texts = xreallocarray(texts, nfiles + 1, sizeof(*texts));
				lens = xreallocarray(lens, nfiles + 1, sizeof(*lens));
				paths[nfiles] = path;
				texts[nfiles] = fixed;
				lens[nfiles++] = flen;
				total += count;
			}
		}
		free(ents[k]);
	}
	free(ents);
	if (rc == 0 && nfiles > 0 && !dry_run && write_files_atomic(d, nfiles,
	    (const char *const *)paths, (const void *const *)texts, lens, 1) != 0)
		rc = -1;
	for (i = 0; i < nfiles; i++) {
		free(paths[i]);
		free(texts[i]);
	}
	free(paths);
	free(texts);
	free(lens);
	return rc < 0 ? -1 : (int)total;
}
