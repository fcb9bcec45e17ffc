/*
 * cmd_rules.c: shuzhi rules [test].  List the rules; or test them: run the
 * examples written beside each rule, and measure labelled sentences (a
 * wrong sentence beside its corrected twin) for how many mistakes are
 * caught and how many correct sentences are flagged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../check/check.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/json.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

struct tally {
	size_t	wrong, caught, fixed, correct, flagged;
};

static int
cmd_list(const struct ruleset *rs)
{
	size_t i, n = rules_count(rs);

	for (i = 0; i < n; i++) {
		const char *id, *level, *msg, *src;
		struct buf b;

		rules_describe(rs, i, &id, &level, &msg, &src);
		buf_init(&b);
		rules_message_shown(msg, &b);
		printf("%-24s %-7s %s\n", id, level, b.data ? b.data : "");
		buf_free(&b);
	}
	return 0;
}

/* Does a rule of the set answer to name? */
static int
known_class(const struct ruleset *rs, const char *name)
{
	size_t i, n = rules_count(rs);

	for (i = 0; i < n; i++) {
		const char *id, *level, *msg, *src;

		rules_describe(rs, i, &id, &level, &msg, &src);
		if (rule_named(name, id))
			return 1;
	}
	return 0;
}

/* Column (in characters, 1-based) of byte at of a line. */
static int
char_col(const char *line, size_t at)
{
	size_t i = 0, len = strlen(line);
	int col = 1;
	uint32_t cp;

	while (i < at && i < len) {
		size_t k = utf8_decode(line + i, len - i, &cp);

		i += k ? k : 1;
		col++;
	}
	return col;
}

static void
json_sentence(FILE *out, int *first, const char *path, int line, const char *kind,
    const char *cls, const char *text, int ok, int fixed, const struct sample *s)
{
	size_t i;

	fputs(*first ? "\n  {" : ",\n  {", out);
	*first = 0;
	fputs("\"file\": ", out);
	json_fputs(out, path);
	fprintf(out, ", \"line\": %d, \"kind\": \"%s\", \"class\": ", line, kind);
	json_fputs(out, cls);
	fputs(", \"text\": ", out);
	json_fputs(out, text);
	fprintf(out, ", \"%s\": %s", strcmp(kind, "wrong") == 0 ? "caught" : "flagged",
	    ok ? "true" : "false");
	if (strcmp(kind, "wrong") == 0)
		fprintf(out, ", \"fixed\": %s", fixed ? "true" : "false");
	fputs(", \"findings\": [", out);
	for (i = 0; i < s->n; i++) {
		fputs(i ? ", {\"rule\": " : "{\"rule\": ", out);
		json_fputs(out, s->v[i].rule);
		fputs(", \"message\": ", out);
		json_fputs(out, s->v[i].msg);
		fputs("}", out);
	}
	fputs("]}", out);
}

/* Split a line at tabs into at most n fields; returns how many. */
static size_t
split_tabs(char *line, char **f, size_t n)
{
	size_t k = 0;
	char *p = line;

	while (k < n) {
		char *t = strchr(p, '\t');

		f[k++] = p;
		if (t == NULL)
			break;
		*t = '\0';
		p = t + 1;
	}
	return k;
}

/* One labelled file; findings on correct sentences are errors, misses warnings. */
static int
run_labelled(struct diag *d, const struct ruleset *rs, const char *path, FILE *json,
    int *first, struct tally *t)
{
	char *text = NULL, *line, *next;
	size_t len;
	int lineno = 0, rc = 0;
	const char *file = diag_intern(d, path);

	if (read_file(d, path, 64u * 1024 * 1024, &text, &len) != 0)
		return -1;
	diag_add_source(d, path, text, len);
	for (line = text; line != NULL && *line != '\0'; line = next) {
		char *f[5], *raw;
		size_t nf, i;
		struct srcpos pos = { file, ++lineno, 1 };
		const char *scope;
		struct sample s;
		int ok;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (*line != '\0' && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		raw = xstrdup(line);
		nf = split_tabs(line, f, 5);
		if (nf < 2 || nf > 4 || *f[1] == '\0') {
			diag_error(d, &pos, "标注的句子应为“错句<TAB>正确句<TAB>类别[<TAB>字段]”");
			free(raw);
			rc = 1;
			continue;
		}
		scope = nf == 4 && *f[3] != '\0' ? f[3] : NULL;
		if (*f[0] != '\0' && (nf < 3 || !known_class(rs, f[2]))) {
			pos.col = char_col(raw, (size_t)(f[nf < 3 ? 1 : 2] - line));
			diag_error(d, &pos, "类别“%s”不是规则标识或它的前缀", nf < 3 ? "" : f[2]);
			free(raw);
			rc = 1;
			continue;
		}
		if (*f[0] != '\0') {
			if (check_sample(rs, f[0], scope, NULL, &s) != 0) {
				diag_error(d, &pos, "这一行无法检查（字段“%s”不对，或文字中有控制字符）",
				    scope ? scope : "");
				free(raw);
				rc = 1;
				continue;
			}
			t->wrong++;
			for (i = 0, ok = 0; i < s.n && !ok; i++)
				ok = rule_named(f[2], s.v[i].rule);
			t->caught += ok;
			t->fixed += strcmp(s.fixed, f[1]) == 0;
			if (!ok)
				diag_report(d, DIAG_WARNING, &pos, NULL, "错句没有被“%s”类规则报告%s%s",
				    f[2], s.n ? "（报告的是：" : "", s.n ? s.v[0].rule : "");
			if (json != NULL)
				json_sentence(json, first, path, lineno, "wrong", f[2], f[0], ok,
				    strcmp(s.fixed, f[1]) == 0, &s);
			sample_free(&s);
		}
		if (check_sample(rs, f[1], scope, NULL, &s) != 0) {
			diag_error(d, &pos, "这一行无法检查（字段“%s”不对，或文字中有控制字符）",
			    scope ? scope : "");
			free(raw);
			rc = 1;
			continue;
		}
		t->correct++;
		if (s.n > 0) {
			t->flagged++;
			pos.col = char_col(raw, (size_t)(f[1] - line) + s.v[0].at);
			diag_report(d, DIAG_ERROR, &pos, s.v[0].rule, "正确句被报告（误报）：%s",
			    s.v[0].msg);
		}
		if (json != NULL)
			json_sentence(json, first, path, lineno, "correct", nf >= 3 ? f[2] : "", f[1],
			    s.n > 0, 0, &s);
		sample_free(&s);
		free(raw);
	}
	free(text);
	return rc;
}

static double
pct(size_t a, size_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

static int
cmd_test(struct diag *d, const struct ruleset *rs, const char *const *files, size_t nfiles, int json,
    int strict)
{
	struct tally t;
	size_t tested, i;
	int failed, first = 1, bad = 0;
	FILE *out = json ? stdout : NULL;

	memset(&t, 0, sizeof(t));
	failed = rules_test_examples(d, rs, strict, &tested);
	if (out != NULL)
		fputs("{\"sentences\": [", out);
	for (i = 0; i < nfiles; i++)
		if (run_labelled(d, rs, files[i], out, &first, &t) != 0)
			bad = 1;
	if (out != NULL) {
		fprintf(out, "%s],\n \"examples\": %zu, \"examples_failed\": %d,\n"
		    " \"wrong\": %zu, \"caught\": %zu, \"fixed\": %zu, \"correct\": %zu, "
		    "\"flagged\": %zu, \"errors\": %d, \"warnings\": %d}\n", first ? "" : "\n",
		    tested, failed, t.wrong, t.caught, t.fixed, t.correct, t.flagged, diag_errors(d),
		    diag_warnings(d));
		return diag_errors(d) > 0 || bad ? EXIT_CONTENT : 0;
	}
	fflush(stdout);
	if (failed == 0)
		fprintf(stderr, "示例：%zu 个，全部通过\n", tested);
	else
		fprintf(stderr, "示例：%zu 个，%d 个没有通过\n", tested, failed);
	if (nfiles > 0)
		fprintf(stderr, "标注的句子：错句 %zu 句，检出 %zu 句（检出率 %.1f%%），其中改正后与"
		    "正确句相同 %zu 句；正确句 %zu 句，被报告 %zu 句（误报率 %.1f%%）\n",
		    t.wrong, t.caught, pct(t.caught, t.wrong), t.fixed, t.correct, t.flagged,
		    pct(t.flagged, t.correct));
	return diag_errors(d) > 0 || bad ? EXIT_CONTENT : 0;
}

int
cmd_rules(int argc, char **argv)
{
	struct settings s;
	struct paths p;
	struct ruleset *rs;
	struct diag *d;
	const char *fmt;
	size_t first = 0;
	int test = 0, rc;

	if ((rc = options_parse(command_find("rules"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	if (s.nargs > 0 && strcmp(s.args[0], "test") == 0)
		test = 1, first = 1;
	else if (s.nargs > 0 && strcmp(s.args[0], "list") == 0)
		first = 1;
	if (first == 0 && s.nargs > 0) {
		fprintf(stderr, "shuzhi: error: 多余的参数“%s”（检验标注的句子用 shuzhi rules test 文件）\n",
		    s.args[0]);
		return EXIT_USAGE;
	}
	if (!test && s.nargs > first) {
		fprintf(stderr, "shuzhi: error: 多余的参数“%s”\n", s.args[first]);
		return EXIT_USAGE;
	}
	fmt = s.format != NULL ? s.format : "text";
	settings_paths(&s, &p);
	d = diag_new(strcmp(fmt, "json") == 0 ? stderr : stdout);
	if ((rs = rules_load(d, p.rules)) == NULL)
		rc = EXIT_USAGE;
	else if (!test)
		rc = diag_errors(d) > 0 ? EXIT_CONTENT : cmd_list(rs);
	else
		rc = cmd_test(d, rs, s.args + first, s.nargs - first, strcmp(fmt, "json") == 0,
		    s.strict);
	rules_free(rs);
	diag_free(d);
	paths_free(&p);
	return rc;
}
