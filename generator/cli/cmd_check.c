/*
 * cmd_check.c: shuzhi check CONTENT_DIR.  Load the content and the rules,
 * report every finding (as compiler-style text, JSON or SARIF) and exit
 * 1 when there are errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "../util/buf.h"
#include "paths.h"
#include "version.h"
#include "../check/check.h"
#include "../load/model.h"
#include "../util/json.h"
#include "../util/xalloc.h"

enum format { FMT_TEXT, FMT_JSON, FMT_SARIF };

struct collected {
	enum diag_level	 level;
	char		*file;
	int		 line, col;
	int		 end_line, end_col;	/* 0: unknown */
	char		*rule;
	char		*msg;
};

struct collector {
	struct collected *v;
	size_t		 n;
};

static void
collect(void *arg, enum diag_level level, const struct srcpos *pos, const struct srcpos *end,
    const char *rule, const char *msg)
{
	struct collector *c = arg;
	struct collected *e;

	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	e = &c->v[c->n++];
	e->level = level;
	e->file = pos && pos->file ? xstrdup(pos->file) : NULL;
	e->line = pos ? pos->line : 0;
	e->col = pos ? pos->col : 0;
	e->end_line = end ? end->line : 0;
	e->end_col = end ? end->col : 0;
	e->rule = rule ? xstrdup(rule) : NULL;
	e->msg = xstrdup(msg);
}

static const char *const level_json[] = { "error", "warning", "note" };

static void
print_json(FILE *f, const struct collector *c, int errors, int warnings)
{
	size_t i;

	fputs("{\"diagnostics\": [", f);
	for (i = 0; i < c->n; i++) {
		const struct collected *e = &c->v[i];

		fputs(i ? ",\n  {" : "\n  {", f);
		fputs("\"file\": ", f);
		if (e->file)
			json_fputs(f, e->file);
		else
			fputs("null", f);
		fprintf(f, ", \"line\": %d, \"column\": %d, ", e->line, e->col);
		if (e->end_line > 0)
			fprintf(f, "\"end_line\": %d, \"end_column\": %d, ", e->end_line,
			    e->end_col);
		fprintf(f, "\"level\": \"%s\", \"rule\": ", level_json[e->level]);
		if (e->rule)
			json_fputs(f, e->rule);
		else
			fputs("null", f);
		fputs(", \"message\": ", f);
		json_fputs(f, e->msg);
		fputs("}", f);
	}
	fprintf(f, "%s], \"errors\": %d, \"warnings\": %d}\n", c->n ? "\n" : "", errors, warnings);
}

/* SARIF 2.1.0, as GitHub code scanning and other CI tools read it. */
static void
print_sarif(FILE *f, const struct collector *c, const struct ruleset *rs)
{
	size_t i, n = rules_count(rs);

	fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	    "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
	    "    \"tool\": {\"driver\": {\"name\": \"shuzhi\", \"version\": ", f);
	json_fputs(f, SHUZHI_VERSION);
	fputs(", \"rules\": [", f);
	for (i = 0; i < n; i++) {
		const char *id, *level, *msg, *src;

		rules_describe(rs, i, &id, &level, &msg, &src);
		fputs(i ? ",\n      {\"id\": " : "\n      {\"id\": ", f);
		json_fputs(f, id);
		fputs(", \"shortDescription\": {\"text\": ", f);
		{
			/* A message's %s slots are filled per finding: "…" here. */
			struct buf b;

			buf_init(&b);
			rules_message_shown(msg, &b);
			json_fputs(f, b.data ? b.data : "");
			buf_free(&b);
		}
		fprintf(f, "}, \"defaultConfiguration\": {\"level\": \"%s\"}",
		    strcmp(level, "info") == 0 ? "note" : level);
		if (src != NULL) {
			fputs(", \"fullDescription\": {\"text\": ", f);
			json_fputs(f, src);
			fputs("}", f);
		}
		fputs("}", f);
	}
	fputs("]}},\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [", f);
	for (i = 0; i < c->n; i++) {
		const struct collected *e = &c->v[i];

		fputs(i ? ",\n      {" : "\n      {", f);
		if (e->rule) {
			fputs("\"ruleId\": ", f);
			json_fputs(f, e->rule);
			fputs(", ", f);
		}
		fprintf(f, "\"level\": \"%s\", \"message\": {\"text\": ", level_json[e->level]);
		json_fputs(f, e->msg);
		fputs("}", f);
		if (e->file != NULL) {
			fputs(", \"locations\": [{\"physicalLocation\": "
			    "{\"artifactLocation\": {\"uri\": ", f);
			json_fputs(f, e->file);
			fputs("}", f);
			if (e->line > 0) {
				fprintf(f, ", \"region\": {\"startLine\": %d", e->line);
				if (e->col > 0)
					fprintf(f, ", \"startColumn\": %d", e->col);
				if (e->end_line > 0)
					fprintf(f, ", \"endLine\": %d, \"endColumn\": %d",
					    e->end_line, e->end_col);
				fputs("}", f);
			}
			fputs("}}]", f);
		}
		fputs("}", f);
	}
	fputs("\n    ]\n  }]\n}\n", f);
}

int
cmd_check(int argc, char **argv)
{
	struct settings s;
	struct paths p;
	struct ruleset *rs = NULL;
	struct report *r = NULL;
	struct check_opts opts;
	struct collector col;
	struct diag *diag;
	enum format format = FMT_TEXT;
	size_t i;
	int rc;

	if ((rc = options_parse(command_find("check"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	memset(&opts, 0, sizeof(opts));
	opts.strict = s.strict;
	if (s.format != NULL && strcmp(s.format, "json") == 0)
		format = FMT_JSON;
	else if (s.format != NULL && strcmp(s.format, "sarif") == 0)
		format = FMT_SARIF;
	settings_paths(&s, &p);

	diag = diag_new(stdout);
	memset(&col, 0, sizeof(col));
	if (format != FMT_TEXT) {
		diag_set_hook(diag, collect, &col);
	}
	rc = EXIT_CONTENT;
	if ((rs = rules_load(diag, p.rules)) == NULL)
		rc = EXIT_USAGE;
	else if ((r = model_load(diag, s.args[0])) != NULL)
		check_report(diag, rs, r, &opts);
	else
		rc = load_failed(s.args[0]);
	if (rs != NULL && r != NULL && diag_errors(diag) == 0)
		rc = 0;
	if (format == FMT_JSON)
		print_json(stdout, &col, diag_errors(diag), diag_warnings(diag));
	else if (format == FMT_SARIF)
		print_sarif(stdout, &col, rs);
	else if (diag_errors(diag) > 0 || diag_warnings(diag) > 0)
		fprintf(stderr, "shuzhi: %d 个错误，%d 个警告\n", diag_errors(diag), diag_warnings(diag));
	fflush(stdout);
	for (i = 0; i < col.n; i++) {
		free(col.v[i].file);
		free(col.v[i].rule);
		free(col.v[i].msg);
	}
	free(col.v);
	model_free(r);
	rules_free(rs);
	diag_free(diag);
	paths_free(&p);
	return rc;
}
