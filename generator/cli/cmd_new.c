/*
 * cmd_new.c: shuzhi new YEAR [--from PREVIOUS] [--content DIR].  Start a
 * year's content folder from the previous year's: the same files and
 * sections, the titles and item leads kept as prompts, every paragraph
 * replaced by a placeholder the placeholder rule flags, the year
 * advanced and the date cleared, and each field explained in a comment
 * taken from the schema tables.  An existing folder is never touched.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../load/model.h"
#include "../load/yamlout.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/xalloc.h"
#include "../util/syserr.h"

#define PLACEHOLDER	"[待补充]"
#define SCHEMA_FILE	"content.schema.json"
#define GENERATED_NOTE	"# 由 shuzhi new "

/* What one generation needs to know. */
struct gen {
	struct buf	 out;
	const char	*year;		/* the new year */
	const char	*old_year;	/* the year of the folder it starts from */
	int		 in_report;	/* writing report.yaml (metadata) */
	int		 keep;		/* --keep-text: last year's words and facts kept */
	const struct value_doc *doc;	/* the old file being rewritten */
	size_t		 flagged;	/* kept texts that name the old year */
};

static int
is_year(const char *s)
{
	return strlen(s) == 4 && strspn(s, "0123456789") == 4;
}

static const struct value *
present(const struct value *map, const char *key)
{
	const struct value *v = value_get(map, key);

	return v != NULL && v->kind != VALUE_NULL ? v : NULL;
}

/* A field's description for a comment, marked when it must be there. */
static void
put_desc(struct buf *b, int indent, const struct field *f)
{
	struct buf t;

	buf_init(&t);
	buf_puts(&t, f->desc);
	if (f->flags & FIELD_REQUIRED)
		buf_puts(&t, "（必填）");
	yaml_put_comment(b, indent, t.data);
	buf_free(&t);
}

/* Above a list of maps: what each entry may hold. */
static void
put_legend(struct buf *b, const struct field *sub)
{
	const struct field *f;
	struct buf t;
	size_t w = 0;

	for (f = sub; f->key != NULL; f++)
		if (strlen(f->key) > w)
			w = strlen(f->key);
	buf_init(&t);
	yaml_put_comment(b, 0, "每一项可以写：");
	for (f = sub; f->key != NULL; f++) {
		buf_reset(&t);
		buf_printf(&t, "  %-*s  %s%s", (int)w, f->key, f->desc,
		    (f->flags & FIELD_REQUIRED) ? "（必填）" : "");
		yaml_put_comment(b, 0, t.data);
	}
	buf_free(&t);
}

/*
 * In the section files, the titles and item leads are kept as prompts;
 * any other text there is the year's own words, like the bodies.
 */
static int
is_prompt(const struct field *f)
{
	return strcmp(f->key, "title") == 0 || strcmp(f->key, "lead") == 0;
}

/* A metadata text with the old year advanced (e.g. in an explicit title). */
static void
put_text(struct gen *g, const struct value *v)
{
	const char *s = v->str, *hit;
	struct buf t;

	if (!g->in_report || v->kind != VALUE_STRING || g->old_year == NULL) {
		yaml_put_scalar(&g->out, s);
		return;
	}
	buf_init(&t);
	while ((hit = strstr(s, g->old_year)) != NULL) {
		buf_put(&t, s, (size_t)(hit - s));
		buf_puts(&t, g->year);
		s = hit + strlen(g->old_year);
	}
	buf_puts(&t, s);
	yaml_put_scalar(&g->out, t.data);
	buf_free(&t);
}

static void	put_entry(struct gen *, const struct value *, const struct field *,
		    int indent, int level);

/*
 * The text of v as written in the old file: its first line as it was,
 * the lines after it (a block, or a text broken over lines) moved to
 * indent; blank lines inside stay.  NULL when it cannot be moved so
 * (a block with an explicit indentation).
 */
static char *
raw_moved(const struct value_doc *doc, const struct value *v, int indent)
{
	const char *text = value_doc_text(doc, NULL), *s = text + v->offset, *e = text + v->end_offset;
	const char *p, *nl, *q;
	size_t min = (size_t)-1, n;
	struct buf b;

	while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' '))
		e--;
	if ((*s == '|' || *s == '>') && strpbrk(s, "123456789") != NULL &&
	    strpbrk(s, "123456789") < (char *)memchr(s, '\n', (size_t)(e - s) + 1))
		return NULL;
	if ((nl = memchr(s, '\n', (size_t)(e - s))) == NULL)
		return xstrndup(s, (size_t)(e - s));
	for (p = nl + 1; p < e; p = q + 1) {
		if ((q = memchr(p, '\n', (size_t)(e - p))) == NULL)
			q = e;
		for (n = 0; p + n < q && p[n] == ' '; n++)
			continue;
		if (p + n < q && p[n] != '\r' && n < min)
			min = n;
	}
	buf_init(&b);
	buf_put(&b, s, (size_t)(nl - s));
	for (p = nl + 1; p <= e; p = q + 1) {
		if ((q = memchr(p, '\n', (size_t)(e - p))) == NULL)
			q = e;
		buf_putc(&b, '\n');
		for (n = 0; p + n < q && p[n] == ' '; n++)
			continue;
		if (p + n < q && p[n] != '\r') {
			yaml_put_indent(&b, indent);
			buf_put(&b, p + min, (size_t)(q - p) - min);
		}
	}
	return buf_take(&b);
}

/*
 * A text kept from last year (--keep-text): as it was written, with a
 * comment above it when it names last year, which is then most likely
 * to change.
 */
static void
put_kept(struct gen *g, int indent, const char *lead, const struct value *v)
{
	char *raw = raw_moved(g->doc, v, indent + 2);
	struct buf c;

	if (g->old_year != NULL && strstr(v->str, g->old_year) != NULL) {
		buf_init(&c);
		buf_printf(&c, "去年的文字，其中有“%s”：请按 %s 年的情况改写", g->old_year, g->year);
		yaml_put_comment(&g->out, indent, c.data);
		buf_free(&c);
		g->flagged++;
	}
	yaml_put_indent(&g->out, indent);
	buf_puts(&g->out, lead);
	if (raw != NULL)
		buf_puts(&g->out, raw);
	else
		yaml_put_scalar(&g->out, v->str);
	buf_putc(&g->out, '\n');
	free(raw);
}

/* key: value lines for one field (v present and not null). */
static void
put_field(struct gen *g, const struct field *f, const struct value *v, int indent,
    int level)
{
	struct buf *b = &g->out, lead;
	char *raw;
	size_t i;

	switch (f->type) {
	case FIELD_TEXT:
		if (g->keep && !g->in_report && !is_prompt(f)) {
			buf_init(&lead);
			buf_printf(&lead, "%s: ", f->key);
			put_kept(g, indent, lead.data, v);
			buf_free(&lead);
			break;
		}
		yaml_put_indent(b, indent);
		buf_printf(b, "%s: ", f->key);
		if (g->in_report || is_prompt(f))
			put_text(g, v);
		else
			yaml_put_scalar(b, PLACEHOLDER);
		buf_putc(b, '\n');
		break;
	case FIELD_ID:
		yaml_put_indent(b, indent);
		buf_printf(b, "%s: ", f->key);
		yaml_put_scalar(b, v->str);
		buf_putc(b, '\n');
		break;
	case FIELD_YEAR:
		yaml_put_indent(b, indent);
		buf_printf(b, "%s: %s\n", f->key, g->year);
		break;
	case FIELD_DATE:
		/* Cleared: this year's date is not known yet. */
		yaml_put_indent(b, indent);
		buf_printf(b, "# %s:\n", f->key);
		break;
	case FIELD_PARAS:
		if (g->keep && v->kind != VALUE_LIST) {
			buf_init(&lead);
			buf_printf(&lead, "%s: ", f->key);
			put_kept(g, indent, lead.data, v);
			buf_free(&lead);
			break;
		}
		if (g->keep && v->n > 0) {
			yaml_put_indent(b, indent);
			buf_printf(b, "%s:\n", f->key);
			for (i = 0; i < v->n; i++)
				put_kept(g, indent + 2, "- ", v->items[i]);
			break;
		}
		yaml_put_indent(b, indent);
		if (v->kind != VALUE_LIST || v->n == 0) {
			buf_printf(b, "%s: ", f->key);
			yaml_put_scalar(b, PLACEHOLDER);
			buf_putc(b, '\n');
			break;
		}
		buf_printf(b, "%s:\n", f->key);
		for (i = 0; i < v->n; i++) {
			yaml_put_indent(b, indent + 2);
			buf_puts(b, "- ");
			yaml_put_scalar(b, PLACEHOLDER);
			buf_putc(b, '\n');
		}
		break;
	case FIELD_FILES:
	case FIELD_NAMES:
		yaml_put_indent(b, indent);
		buf_printf(b, "%s:\n", f->key);
		for (i = 0; i < v->n; i++) {
			yaml_put_indent(b, indent + 2);
			buf_puts(b, "- ");
			yaml_put_scalar(b, v->items[i]->str);
			buf_putc(b, '\n');
		}
		break;
	case FIELD_FACTS:
		if (v->n == 0)
			break;
		if (g->keep) {
			/* Kept with the body that uses them: each to be checked. */
			yaml_put_comment(b, indent, "去年的事实，正文中用 {{名称}} 引用："
			    "请把每个值改成今年的");
			yaml_put_indent(b, indent);
			buf_printf(b, "%s:\n", f->key);
			for (i = 0; i < v->n; i++) {
				yaml_put_indent(b, indent + 2);
				yaml_put_scalar(b, v->keys[i]);
				buf_puts(b, ": ");
				buf_puts(b, (raw = raw_moved(g->doc, v->items[i], indent + 4)) != NULL ?
				    raw : v->items[i]->str);
				free(raw);
				buf_putc(b, '\n');
			}
			break;
		}
		/*
		 * Last year's facts are this year's questions: kept as a
		 * commented-out block, since the body no longer uses them.
		 */
		yaml_put_comment(b, indent, "去年这一条有下面的事实；要用时去掉行首的“#”，"
		    "填上今年的值，并在正文中用 {{名称}} 引用：");
		yaml_put_indent(b, indent);
		buf_printf(b, "# %s:\n", f->key);
		for (i = 0; i < v->n; i++) {
			yaml_put_indent(b, indent);
			buf_puts(b, "#   ");
			yaml_put_scalar(b, v->keys[i]);
			buf_puts(b, ": ");
			yaml_put_scalar(b, PLACEHOLDER);
			buf_putc(b, '\n');
		}
		break;
	case FIELD_LIST:
		yaml_put_indent(b, indent);
		if (v->n == 0) {
			buf_printf(b, "%s: []\n", f->key);
			break;
		}
		buf_printf(b, "%s:\n", f->key);
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				buf_putc(b, '\n');
			put_entry(g, v->items[i], f->sub, indent + 2,
			    f->sub == model_section_fields ? level + 1 : level);
		}
		break;
	default:
		/* Any other scalar (a setting such as true/false) is kept as written. */
		if (v->kind == VALUE_LIST || v->kind == VALUE_MAP)
			break;
		yaml_put_indent(b, indent);
		buf_printf(b, "%s: ", f->key);
		if (v->kind == VALUE_STRING)
			yaml_put_scalar(b, v->str);
		else
			buf_puts(b, v->str);
		buf_putc(b, '\n');
		break;
	}
}

/* One map of a list: "- " on the line of its first key. */
static void
put_entry(struct gen *g, const struct value *m, const struct field *fields,
    int indent, int level)
{
	const struct field *f;
	const struct value *v;
	size_t start = g->out.len, i, eol;

	for (f = fields; f->key != NULL; f++)
		if ((v = present(m, f->key)) != NULL)
			put_field(g, f, v, indent + 2, level);
	/* Put the dash on the first line that is a key, not a comment. */
	for (i = start; i < g->out.len; i = eol + 1) {
		size_t key = i + (size_t)indent + 2;

		for (eol = i; eol < g->out.len && g->out.data[eol] != '\n'; eol++)
			continue;
		if (key < eol && g->out.data[key] != '#' && g->out.data[key] != ' ') {
			g->out.data[i + (size_t)indent] = '-';
			break;
		}
	}
}

/* The leading comments of the old file, less the lines shuzhi writes itself. */
static void
put_old_header(struct buf *b, const struct value_doc *doc)
{
	const char *s, *end, *nl;
	size_t len;

	s = value_doc_text(doc, &len);
	end = s + len;
	while (s < end && *s == '#') {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		if (strncmp(s, "# yaml-language-server:", 23) != 0 &&
		    strncmp(s, GENERATED_NOTE, strlen(GENERATED_NOTE)) != 0) {
			buf_put(b, s, (size_t)(nl - s));
			buf_putc(b, '\n');
		}
		s = nl < end ? nl + 1 : end;
	}
}

/* The whole text of one new file from the old file's root map. */
static void
put_file(struct gen *g, const struct value_doc *doc, const struct field *fields,
    const char *schema, const char *from)
{
	const struct value *root = value_doc_root(doc), *v;
	const struct field *f;
	struct buf *b = &g->out;

	buf_reset(b);
	g->doc = doc;
	buf_printf(b, "# yaml-language-server: $schema=%s\n", schema);
	put_old_header(b, doc);
	if (g->keep)
		buf_printf(b, GENERATED_NOTE "%s --keep-text 从 %s 生成：正文、事实、标题和引领句"
		    "都沿用去年的，请逐段按今年的工作改写；标出“%s”的地方最要紧。\n", g->year, from,
		    g->old_year);
	else
		buf_printf(b, GENERATED_NOTE "%s 从 %s 生成：“" PLACEHOLDER "”处写上今年的内容；"
		    "标题和引领句沿用去年的，请按今年的工作修改。\n", g->year, from);
	for (f = fields; f->key != NULL; f++) {
		v = present(root, f->key);
		if (v == NULL && !g->in_report)
			continue;
		buf_putc(b, '\n');
		put_desc(b, 0, f);
		if (f->type == FIELD_LIST && v != NULL && v->n > 0)
			put_legend(b, f->sub);
		if (v == NULL)
			buf_printf(b, "# %s:\n", f->key);
		else
			put_field(g, f, v, 0, 1);
	}
}

/* The latest year folder in dir before year, or NULL. */
static char *
previous_year(const char *dir, const char *year)
{
	struct dirent *e;
	char best[5] = "", *p;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		if (!is_year(e->d_name) || strcmp(e->d_name, year) >= 0 ||
		    strcmp(e->d_name, best) <= 0)
			continue;
		p = path_join(dir, e->d_name);
		if (is_dir(p))
			memcpy(best, e->d_name, 5);
		free(p);
	}
	closedir(d);
	return best[0] != '\0' ? path_join(dir, best) : NULL;
}

/* 1 when dir holds any year folder. */
static int
any_year(const char *dir)
{
	char *p = previous_year(dir, "9999");

	free(p);
	return p != NULL;
}

/* The latest year of the sample shuzhi installs (or of its checkout), or NULL. */
static char *
sample_year(void)
{
	char *dir = program_data_path("content"), *p = previous_year(dir, "9999");

	free(dir);
	if (p != NULL)
		printf("内容文件夹中还没有任何一年，以 shuzhi 自带的示例 %s 为底稿\n", p);
	return p;
}

/*
 * The schema reference for files in content/YEAR: the repository's
 * schema beside content/ when it is there, else the installed one.
 */
static char *
schema_ref(const char *content)
{
	char *p = path_join(content, "../" SCHEMA_FILE), *d, *abs;

	if (access(p, R_OK) == 0) {
		free(p);
		return xstrdup("../../" SCHEMA_FILE);
	}
	free(p);
	d = data_path(SCHEMA_FILE);
	abs = realpath(d, NULL);
	free(d);
	return abs != NULL ? abs : xstrdup("../../" SCHEMA_FILE);
}

int
cmd_new(int argc, char **argv)
{
	const char *year, *from_arg, *content = "content";
	struct settings s;
	const struct value *files;
	struct report *r = NULL;
	struct diag *diag;
	struct gen g;
	struct stat st;
	char *target = NULL, *from = NULL, *schema = NULL;
	char **paths = NULL, **texts = NULL;
	size_t *lens = NULL, nfiles = 0, i;
	int rc = EXIT_USAGE;

	if ((rc = options_parse(command_find("new"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	rc = EXIT_USAGE;
	year = s.args[0];
	from_arg = s.from;
	if (s.content != NULL)
		content = s.content;
	if (!is_year(year))
		return usage_error("new", "“%s”不是四位数的年份，如 2021", year);

	diag = diag_new(stderr);
	buf_init(&g.out);
	target = path_join(content, year);
	if (lstat(target, &st) == 0) {
		fprintf(stderr, "shuzhi: error: “%s”已经存在；shuzhi new 不会覆盖已有的内容\n",
		    target);
		goto out;
	}
	if (from_arg != NULL)
		from = is_year(from_arg) ? path_join(content, from_arg) : xstrdup(from_arg);
	else if ((from = previous_year(content, year)) == NULL &&
	    (any_year(content) || (from = sample_year()) == NULL)) {
		fprintf(stderr, "shuzhi: error: 在“%s”中找不到早于 %s 年的年份文件夹；"
		    "请用 --from 指定底稿\n", content, year);
		goto out;
	}
	if (!is_dir(from)) {
		fprintf(stderr, "shuzhi: error: 底稿“%s”不是一个文件夹\n", from);
		goto out;
	}
	if ((r = model_load(diag, from)) == NULL) {
		fprintf(stderr, "shuzhi: 底稿“%s”有 %d 个错误，没有新建 %s\n",
		    from, diag_errors(diag), target);
		rc = EXIT_CONTENT;
		goto out;
	}

	/* report.yaml, then each section file it lists, from the loaded docs */
	files = value_get(value_doc_root(r->docs[0]), "sections");
	nfiles = 1 + files->n;
	paths = xcalloc(nfiles, sizeof(*paths));
	texts = xcalloc(nfiles, sizeof(*texts));
	lens = xcalloc(nfiles, sizeof(*lens));
	schema = schema_ref(content);
	g.year = year;
	g.old_year = r->year->str;
	g.keep = s.keep_text;
	g.flagged = 0;
	for (i = 0; i < nfiles; i++) {
		g.in_report = i == 0;
		put_file(&g, r->docs[i], i == 0 ? model_report_fields :
		    model_section_fields, schema, from);
		paths[i] = path_join(target, i == 0 ? "report.yaml" : files->items[i - 1]->str);
		lens[i] = g.out.len;
		texts[i] = buf_take(&g.out);
	}

	/* Claim the folder first: mkdir fails if anyone made it meanwhile. */
	if (make_dirs(diag, content) != 0)
		goto out;
	if (mkdir(target, 0777) != 0) {
		fprintf(stderr, "shuzhi: error: 无法新建“%s”：%s\n", target,
		    errno == EEXIST ? "已经存在" : syserr(errno));
		goto out;
	}
	if (write_files_atomic(diag, nfiles, (const char *const *)paths,
	    (const void *const *)texts, lens, 1) != 0) {
		rmdir(target);
		goto out;
	}
	printf("已新建 %s（底稿：%s）：\n", target, from);
	for (i = 0; i < nfiles; i++)
		printf("  %s\n", paths[i]);
	if (g.keep)
		printf("正文和事实沿用了去年的；其中 %zu 段提到“%s”，已在上方加注释。\n"
		    "下一步：逐段按 %s 年的工作改写，", g.flagged, g.old_year, year);
	else
		printf("下一步：把“" PLACEHOLDER "”换成 %s 年的内容，按今年的工作修改标题和引领句，",
		    year);
	printf("再运行 make（或 shuzhi build %s -o out/%s）。\n", target, year);
	rc = 0;
out:
	for (i = 0; i < nfiles; i++) {
		free(paths[i]);
		free(texts[i]);
	}
	free(paths);
	free(texts);
	free(lens);
	free(schema);
	free(target);
	free(from);
	buf_free(&g.out);
	model_free(r);
	diag_free(diag);
	return rc;
}
