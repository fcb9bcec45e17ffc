/*
 * options.c: the one command-line parser, and the usage texts printed
 * from the command table (see options.h).
 */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/strdist.h"
#include "../util/xalloc.h"

#define WRAP	79	/* columns of a synopsis line */
#define HELPCOL	22	/* where an option's help starts */

const struct command_def *
command_find(const char *name)
{
	const struct command_def *c;

	for (c = shuzhi_commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* "-o OUT_DIR", "--format text|json|sarif", "--strict" */
static void
put_option(struct buf *b, const struct option_def *o)
{
	buf_puts(b, o->name);
	if (o->arg != NULL) {
		buf_putc(b, ' ');
		buf_puts(b, o->choices != NULL ? o->choices : o->arg);
	}
}

void
command_synopsis(const struct command_def *c, int indent, FILE *out)
{
	const struct option_def *o;
	struct buf word;
	int col, pass;

	col = fprintf(out, "%*sshuzhi %s", indent, "", c->name);
	if (c->args != NULL && *c->args != '\0')
		col += fprintf(out, " %s", c->args);
	buf_init(&word);
	/* The options the command needs, then the others in brackets. */
	for (pass = 0; pass < 2; pass++)
		for (o = c->opts; o != NULL && o->name != NULL; o++) {
			if (((o->flags & OPT_REQUIRED) != 0) != (pass == 0) || (o->flags & OPT_HIDDEN))
				continue;
			buf_reset(&word);
			if (pass == 1)
				buf_putc(&word, '[');
			put_option(&word, o);
			if (pass == 1)
				buf_putc(&word, ']');
			if (col + 1 + (int)word.len > WRAP) {
				fprintf(out, "\n%*s", indent + 7, "");
				col = indent + 7;
			} else
				col += fprintf(out, " ");
			col += fprintf(out, "%s", word.data);
		}
	fputc('\n', out);
	buf_free(&word);
}

void
command_usage(const struct command_def *c, FILE *out)
{
	const struct option_def *o;
	struct buf b;

	fputs("用法：", out);
	command_synopsis(c, 0, out);
	fputs(c->about, out);
	buf_init(&b);
	fputs("选项：\n", out);
	for (o = c->opts; o != NULL && o->name != NULL; o++) {
		if (o->flags & OPT_HIDDEN)
			continue;
		buf_reset(&b);
		put_option(&b, o);
		if (o->alias != NULL)
			buf_printf(&b, ", %s", o->alias);
		fprintf(out, "  %-*s%s%s\n", HELPCOL - 2, b.data,
		    b.len >= HELPCOL - 2 ? "\n                      " : "", o->help);
	}
	fprintf(out, "  %-*s%s\n", HELPCOL - 2, "-h, --help", "显示本帮助");
	buf_free(&b);
	if (c->notes != NULL)
		fputs(c->notes, out);
	if (c->example != NULL)
		fprintf(out, "例如：%s\n", c->example);
}

void
commands_overview(FILE *out)
{
	const struct command_def *c;

	fputs("用法：shuzhi 命令 [参数] [选项]\n"
	    "\n"
	    "把按年份写成 YAML 的述职内容，生成经过检查、按 GB/T 9704-2012 排版的\n"
	    "述职报告（PDF）和便于在 git 中审阅的 Markdown。\n"
	    "\n"
	    "命令：\n", out);
	for (c = shuzhi_commands; c->name != NULL; c++) {
		command_synopsis(c, 2, out);
		fprintf(out, "      %s\n", c->summary);
	}
	fputs("\n"
	    "每个命令的说明和选项：shuzhi help 命令（或 shuzhi 命令 --help）；\n"
	    "全部说明：man shuzhi。\n"
	    "\n"
	    "选项：\n"
	    "  -h, --help      显示本帮助\n"
	    "  --version       显示版本\n"
	    "\n"
	    "退出码：\n"
	    "  0  成功\n"
	    "  1  内容（或模板、规则）有错误，未写出结果\n"
	    "  2  用法或环境错误（选项不对、文件无法读写、缺少字体等）\n"
	    "\n"
	    "诊断信息的格式为“文件:行:列: error|warning: 说明 [规则]”。\n", out);
}

/* A usage error: what is wrong, then the usage. */
static int
bad(const struct command_def *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
bad(const struct command_def *c, const char *fmt, ...)
{
	va_list ap;

	fputs("shuzhi: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	command_usage(c, stderr);
	return EXIT_USAGE;
}

static const struct option_def *
find_option(const struct command_def *c, const char *a, size_t n)
{
	const struct option_def *o;

	for (o = c->opts; o != NULL && o->name != NULL; o++)
		if ((strlen(o->name) == n && strncmp(o->name, a, n) == 0) ||
		    (o->alias != NULL && strlen(o->alias) == n && strncmp(o->alias, a, n) == 0))
			return o;
	return NULL;
}

/* The option a mistyped one was most likely meant to be, or NULL. */
static const char *
option_suggest(const struct command_def *c, const char *a, size_t n)
{
	const char *names[32];
	const struct option_def *o;
	char *typed = xstrndup(a, n);
	const char *s;
	size_t k = 0;

	for (o = c->opts; o != NULL && o->name != NULL && k < 32; o++)
		if (!(o->flags & OPT_HIDDEN))
			names[k++] = o->name;
	s = str_suggest(typed, names, k);
	free(typed);
	return s;
}

static int
is_choice(const char *choices, const char *v)
{
	size_t n = strlen(v);
	const char *p = choices;

	while (p != NULL && *p != '\0') {
		size_t len = strcspn(p, "|");

		if (len == n && strncmp(p, v, n) == 0)
			return 1;
		p += len + (p[len] == '|');
	}
	return 0;
}

/* The example line, when there is one, after an error about what is missing. */
static const char *
example_of(const struct command_def *c, struct buf *b)
{
	buf_reset(b);
	if (c->example != NULL)
		buf_printf(b, "。例如：%s", c->example);
	else
		buf_puts(b, "");
	return b->data;
}

static int
missing(const struct command_def *c, struct settings *s)
{
	const struct option_def *o;
	struct buf ex;
	int rc = 0;

	buf_init(&ex);
	if (s->nargs < c->min_args)
		rc = bad(c, "缺少参数 %s%s", c->args, example_of(c, &ex));
	for (o = c->opts; rc == 0 && o != NULL && o->name != NULL; o++)
		if ((o->flags & OPT_REQUIRED) &&
		    *(const char **)(void *)((char *)s + o->offset) == NULL)
			rc = bad(c, "缺少 %s %s：%s%s", o->name, o->arg, o->help, example_of(c, &ex));
	buf_free(&ex);
	return rc;
}

int
options_parse(const struct command_def *c, int argc, char **argv, struct settings *s)
{
	int i, opts_done = 0;

	memset(s, 0, sizeof(*s));
	s->command = c->name;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *eq, *val, *hint;
		const struct option_def *o;
		size_t n;
		char *field;

		if (opts_done || a[0] != '-' || a[1] == '\0') {
			if (s->nargs >= c->max_args || s->nargs >= SETTINGS_MAX_ARGS)
				return bad(c, "多余的参数“%s”", a);
			s->args[s->nargs++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			opts_done = 1;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			command_usage(c, stdout);
			return OPTIONS_HELP;
		}
		eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
		n = eq != NULL ? (size_t)(eq - a) : strlen(a);
		if ((o = find_option(c, a, n)) == NULL) {
			if ((hint = option_suggest(c, a, n)) != NULL)
				return bad(c, "%s 不认识选项“%.*s”，是不是“%s”？", c->name, (int)n, a, hint);
			return bad(c, "%s 不认识选项“%.*s”", c->name, (int)n, a);
		}
		field = (char *)s + o->offset;
		if (o->arg == NULL) {
			if (eq != NULL)
				return bad(c, "选项“%s”后面不带值", o->name);
			*(int *)(void *)field = 1;
			continue;
		}
		if (eq != NULL)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else
			return bad(c, "选项“%s”后面缺少 %s", o->name, o->arg);
		if (o->choices != NULL && !is_choice(o->choices, val))
			return bad(c, "“%s”不是 %s 可取的值（可以是 %s）", val, o->name, o->choices);
		*(const char **)(void *)field = val;
	}
	return missing(c, s);
}

void
settings_paths(const struct settings *s, struct paths *p)
{
	p->templates = s->templates != NULL ? xstrdup(s->templates) : data_path("templates");
	p->style = s->style != NULL ? xstrdup(s->style) : path_join(p->templates, "style.yaml");
	p->fonts = s->fonts != NULL ? xstrdup(s->fonts) : data_path("fonts/fonts.yaml");
	p->rules = s->rules != NULL ? xstrdup(s->rules) : data_path("rules");
}

void
paths_free(struct paths *p)
{
	free(p->templates);
	free(p->style);
	free(p->fonts);
	free(p->rules);
	memset(p, 0, sizeof(*p));
}
