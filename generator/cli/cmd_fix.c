/*
 * cmd_fix.c: shuzhi fix CONTENT_DIR.  Apply every fixable rule in the
 * YAML files themselves, changing only the matched characters, then say
 * what is left to fix by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../check/check.h"
#include "../load/model.h"
#include "../load/yamlrepair.h"

/* Rounds of fixing at most (overlapping edits wait for the next). */
#define FIX_ROUNDS	4

static void
silent(void *arg, enum diag_level l, const struct srcpos *p, const struct srcpos *e,
    const char *r, const char *m)
{
	(void)arg, (void)l, (void)p, (void)e, (void)r, (void)m;
}

int
cmd_fix(int argc, char **argv)
{
	struct settings s;
	struct paths p;
	const char *content, *rulesdir;
	struct ruleset *rs = NULL;
	struct report *r = NULL;
	struct check_opts opts;
	struct fixes fixes;
	struct diag *diag, *quiet;
	int dry, rc, n, round;

	if ((rc = options_parse(command_find("fix"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	rc = EXIT_CONTENT;
	settings_paths(&s, &p);
	content = s.args[0];
	rulesdir = p.rules;
	dry = s.dry_run;
	diag = diag_new(stderr);
	quiet = diag_new(stderr);
	diag_set_hook(quiet, silent, NULL);
	memset(&opts, 0, sizeof(opts));
	memset(&fixes, 0, sizeof(fixes));
	opts.fixes = &fixes;
	if ((rs = rules_load(diag, rulesdir)) == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (diag_errors(diag) > 0) {
		fprintf(stderr, "shuzhi: 规则文件有错误，没有修改任何文件\n");
		goto out;
	}
	/* YAML mistakes whose repair is certain, before the files are parsed */
	if (yaml_repair_folder(diag, content, dry, stdout) < 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	/*
	 * Edits that overlap others wait for the next round, on the files as
	 * the round before left them, so that one fix leaves nothing for a
	 * second one to do.
	 */
	for (round = 0; ; round++) {
		if ((r = model_load(diag, content)) == NULL) {
			rc = load_failed(content);
			goto out;
		}
		check_report(quiet, rs, r, &opts);
		if ((n = fixes_apply(diag, r, &fixes, dry, stdout)) < 0) {
			rc = EXIT_USAGE;
			goto out;
		}
		if (round == 0 && n == 0 && fixes.n == 0)
			printf("shuzhi: 没有可以自动修改的地方\n");
		if (dry || n == 0 || fixes.overlaps == 0 || round == FIX_ROUNDS - 1)
			break;
		fixes_free(&fixes);
		model_free(r);
		r = NULL;
	}
	if (fixes.overlaps > 0)
		printf("shuzhi: 另有 %zu 处修改与别的修改重叠，%s\n", fixes.overlaps,
		    dry ? "改完上面的再看" : "请手工修改");
	fflush(stdout);
	if (dry) {
		rc = 0;
		goto out;
	}
	/* What is left: the errors a person has to fix. */
	model_free(r);
	diag_set_flags(diag, DIAG_QUIET_WARNINGS | DIAG_QUIET_NOTES);
	if ((r = model_load(diag, content)) == NULL)
		goto out;
	if (check_report(diag, rs, r, NULL) > 0)
		fprintf(stderr, "shuzhi: 还有 %d 个错误要手工修改\n", diag_errors(diag));
	else
		rc = 0;
out:
	fixes_free(&fixes);
	model_free(r);
	rules_free(rs);
	diag_free(quiet);
	diag_free(diag);
	paths_free(&p);
	return rc;
}
