/*
 * fuzz_rules.c: the rule engine.  Input: SECTION-YAML NUL REPORT-YAML NUL
 * RULES-YAML.  The texts are written as a content folder (report.yaml
 * listing 1.yaml; a usual report.yaml when that part is absent), loaded,
 * checked with the given rules (the project's rules/ when absent), and the
 * fixes found are applied (a dry run, or for real in the temporary folder).
 * The given rules' own examples are run, and the section text is checked
 * on its own as a sample, as `shuzhi rules test` does.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "check/check.h"
#include "load/model.h"
#include "files/fsio.h"

static const char default_report[] =
"unit: XXX镇党委\n"
"year: 2020\n"
"topic: 党管武装工作\n"
"addressee: 各位领导、同志们\n"
"opening:\n"
"  - 根据要求，现将2020年度履行党管武装工作述职如下。\n"
"sections:\n"
"  - 1.yaml\n"
"closing: 在新的一年里，我们将继续认真落实上级的各项工作要求。\n"
"signature: XXX镇党委\n"
"date: 2020-12-30\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/*
	 * Rule positions point into it.  volatile: else the compiler drops the
	 * store (never read again) and the leak checker finds its names lost.
	 */
	static struct diag *volatile rdiag;
	static struct ruleset *project_rules;
	struct ruleset *rs, *own = NULL;
	struct check_opts co;
	struct fixes fx;
	struct report *r;
	struct diag *d;
	char *part[3], *block;
	size_t len[3], n;
	FILE *devnull;

	if (project_rules == NULL) {
		char *dir = path_join(fuzz_root(), "rules");

		rdiag = fuzz_diag();
		project_rules = rules_load(rdiag, dir);
		free(dir);
		if (project_rules == NULL)
			abort();
	}
	n = fuzz_split(data, size, 3, part, len, &block);
	d = fuzz_diag();
	fuzz_write("1.yaml", part[0], len[0]);
	if (n >= 2)
		fuzz_write("report.yaml", part[1], len[1]);
	else
		fuzz_write("report.yaml", default_report, strlen(default_report));
	rs = project_rules;
	if (n >= 3) {
		const char *path = fuzz_write("rules.yml", part[2], len[2]);

		size_t tested;

		if ((rs = own = rules_load_file(d, path)) == NULL)
			__builtin_trap();
		rules_test_examples(d, rs, size & 4, &tested);
	}
	if (len[0] < 4096 && memchr(part[0], '\0', len[0]) == NULL) {
		struct sample s;

		if (check_sample(rs, part[0], (size & 8) ? "item.lead" : NULL, NULL, &s) == 0)
			sample_free(&s);
	}
	if ((r = model_load(d, fuzz_tmpdir())) == NULL) {
		if (diag_errors(d) == 0)
			__builtin_trap();	/* refused without saying why */
		goto out;
	}
	memset(&co, 0, sizeof(co));
	memset(&fx, 0, sizeof(fx));
	co.strict = size & 1;
	co.fixes = &fx;
	check_report(d, rs, r, &co);
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	fixes_apply(d, r, &fx, !(size & 2), devnull);
	fclose(devnull);
	fixes_free(&fx);
	model_free(r);
out:
	rules_free(own);
	fuzz_write("rules.yml", NULL, 0);
	diag_free(d);
	free(block);
	return 0;
}
