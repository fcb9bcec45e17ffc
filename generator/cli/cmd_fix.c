/*
 * cmd_fix.c: shuzhi fix CONTENT_DIR.  Apply every fixable rule in the
 * YAML files themselves, changing only the matched characters, then say
 * what is left to fix by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "paths.h"
#include "../check/check.h"
#include "../load/model.h"

static const char fix_usage[] =
"用法：shuzhi fix CONTENT_DIR [--dry-run] [--rules DIR]\n"
"  把规则能自动修改的问题（半角标点、规范表述、的地得等）直接改在 CONTENT_DIR\n"
"  的 YAML 文件里：只改 shuzhi check 报告了的字符，注释、键的顺序、引号和换行\n"
"  都不变，并列出每一处修改。每个文件整体替换写入，权限和所有者不变；符号链接\n"
"  改的是它指向的文件，有别的硬链接的文件不改。再运行一次不会再有改动。\n"
"  --dry-run   只显示将要做的修改（unified diff），不写文件\n"
"  --rules DIR 规则文件夹（默认 rules/）\n"
"退出码：0 修改完成，没有剩下的错误；1 还有要手工修改的错误；2 用法错误或无法写入。\n";

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
	const char *content = NULL, *rulesdir = NULL;
	struct ruleset *rs = NULL;
	struct report *r = NULL;
	struct check_opts opts;
	struct fixes fixes;
	struct diag diag, quiet;
	char *own = NULL;
	int i, dry = 0, rc = EXIT_CONTENT, n, round;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0 || strcmp(argv[i], "-n") == 0)
			dry = 1;
		else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
			rulesdir = argv[++i];
		else if (strncmp(argv[i], "--rules=", 8) == 0)
			rulesdir = argv[i] + 8;
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(fix_usage, stdout);
			return 0;
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "shuzhi: error: fix 不认识选项“%s”\n%s", argv[i], fix_usage);
			return EXIT_USAGE;
		} else if (content == NULL)
			content = argv[i];
		else {
			fprintf(stderr, "shuzhi: error: 多余的参数“%s”\n%s", argv[i], fix_usage);
			return EXIT_USAGE;
		}
	}
	if (content == NULL) {
		fputs(fix_usage, stderr);
		return EXIT_USAGE;
	}
	if (rulesdir == NULL)
		rulesdir = own = data_path("rules");
	diag_init(&diag, stderr);
	diag_init(&quiet, stderr);
	quiet.hook = silent;
	memset(&opts, 0, sizeof(opts));
	memset(&fixes, 0, sizeof(fixes));
	opts.fixes = &fixes;
	if ((rs = rules_load(&diag, rulesdir)) == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (diag.errors > 0) {
		fprintf(stderr, "shuzhi: 规则文件有错误，没有修改任何文件\n");
		goto out;
	}
	/*
	 * Edits that overlap others wait for the next round, on the files as
	 * the round before left them, so that one fix leaves nothing for a
	 * second one to do.
	 */
	for (round = 0; ; round++) {
		if ((r = model_load(&diag, content)) == NULL)
			goto out;
		check_report(&quiet, rs, r, &opts);
		if ((n = fixes_apply(&diag, r, &fixes, dry, stdout)) < 0) {
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
	diag.quiet_warnings = 1;
	diag.quiet_notes = 1;
	if ((r = model_load(&diag, content)) == NULL)
		goto out;
	if (check_report(&diag, rs, r, NULL) > 0)
		fprintf(stderr, "shuzhi: 还有 %d 个错误要手工修改\n", diag.errors);
	else
		rc = 0;
out:
	fixes_free(&fixes);
	model_free(r);
	rules_free(rs);
	diag_free(&quiet);
	diag_free(&diag);
	free(own);
	return rc;
}
