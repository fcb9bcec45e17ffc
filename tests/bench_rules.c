/*
 * bench_rules.c: time the rule checker on a generated content folder of
 * 2,000 items (20 section files) against 300 rules: the house pack in
 * rules/ plus generated pattern and substitution rules.  Prints the time
 * to load the rules, to load the content and to check it; exits 1 when
 * loading and checking take 0.2 s or more.
 *	bench_rules [ITEMS [RULES]]	(run from the repository root)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check/check.h"
#include "load/model.h"
#include "util/buf.h"
#include "files/fsio.h"

static const char *const sentences[] = {
	"党管武装是我党革命战争年代和社会主义建设实践中形成的优良传统和基本制度，",
	"也是新形势下加强国防后备力量建设，做好军事斗争准备的根本保证。",
	"定期组织学习有关加强党管武装工作的指示及有关规定，",
	"形成“党管武装是大局，管好武装是顾全大局”的共识，",
	"面对武装工作重大问题，及时召开专题会议听取意见、研究对策。",
	"受领重要任务、重大活动，能够主动关注、亲自协调、提出要求，高标准抓好落实。",
	"全镇共计120余名民兵参与卡口执勤800余人次，",
	"通过目测、体检、病史、政考等环节挑选优秀青年，提交党委定兵会进行研究决定。",
	"2020年12月，镇党委按照上级要求,将民兵应急队伍纳入地方应急力量管理体系，",
	"确保一旦需要担负任务，能召得来、顶的起。",
	"认真学习党十九届五中全会精神和习主席强军思想，",
	"在参照“三星级”民兵连部的基础上，横徐、里畈等4个村民兵连部同步推进规范化建设工作。",
};

static const char *const words[] = {
	"国防", "民兵", "武装", "征兵", "教育", "训练", "应急", "保障", "建设", "管理",
	"宣传", "动员", "巡逻", "执勤", "整组", "慰问", "帮扶", "预算", "会议", "制度",
};

static unsigned long long rng = 2463534242ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void
put_file(const char *dir, const char *name, const struct buf *b)
{
	char *p = path_join(dir, name);
	FILE *f = fopen(p, "w");

	if (f == NULL || fwrite(b->data, 1, b->len, f) != b->len) {
		perror(p);
		exit(2);
	}
	fclose(f);
	free(p);
}

static void
make_content(const char *dir, int items)
{
	struct buf b;
	int files = 20, per = (items + files - 1) / files, f, i, k;
	char name[32];

	buf_init(&b);
	buf_puts(&b, "unit: XXX镇党委\nyear: 2020\ntopic: 党管武装工作\n"
	    "addressee: 各位领导、同志们\nopening:\n  - 根据要求，现将2020年度履行党管武装工作述职如下。\n"
	    "sections:\n");
	for (f = 0; f < files; f++)
		buf_printf(&b, "  - s%02d.yaml\n", f);
	put_file(dir, "report.yaml", &b);
	for (f = 0; f < files; f++) {
		buf_reset(&b);
		buf_printf(&b, "title: 第%d部分，突出重点，扎实推进各项工作\nitems:\n", f + 1);
		for (i = 0; i < per && f * per + i < items; i++) {
			buf_printf(&b, "  - lead: 抓好%s%s工作。\n    body: ",
			    words[rnd(20)], words[rnd(20)]);
			for (k = 0; k < 4; k++)
				buf_puts(&b, sentences[rnd(sizeof(sentences) / sizeof(sentences[0]))]);
			buf_puts(&b, "\n");
		}
		snprintf(name, sizeof(name), "s%02d.yaml", f);
		put_file(dir, name, &b);
	}
	buf_free(&b);
}

/* Generated rules: half substitutions with three swaps each, half patterns. */
static void
make_rules(const char *dir, int n)
{
	struct buf b;
	int i;

	buf_init(&b);
	buf_puts(&b, "# generated for the benchmark\n");
	for (i = 0; i < n; i++) {
		const char *w1 = words[rnd(20)], *w2 = words[rnd(20)], *w3 = words[rnd(20)];

		buf_printf(&b, "- id: bench.r%d\n  level: %s\n  message: 测试规则 %d：%%s\n"
		    "  source: 基准测试\n", i, i % 3 ? "warning" : "info", i);
		if (i % 2 == 0)
			buf_printf(&b, "  kind: substitution\n  swap:\n"
			    "    '%s%s(?=工作)': '%s%s'\n    '(?<=\\p{Han})%s[，,]%s': '%s、%s'\n"
			    "    '%s的%s(?!建设)': '%s%s'\n",
			    w1, w2, w2, w1, w2, w3, w2, w3, w3, w1, w3, w1);
		else
			buf_printf(&b, "  kind: pattern\n"
			    "  pattern: '%s(?:\\d+|[一二三四五六七八九十]+)[个名次]%s'\n", w1, w2);
	}
	put_file(dir, "zz-bench.yaml", &b);
	buf_free(&b);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
silent(void *arg, enum diag_level l, const struct srcpos *p, const struct srcpos *e,
    const char *r, const char *m)
{
	int *count = arg;

	(void)l, (void)p, (void)e, (void)r, (void)m;
	(*count)++;
}

int
main(int argc, char **argv)
{
	int items = argc > 1 ? atoi(argv[1]) : 2000, want = argc > 2 ? atoi(argv[2]) : 300;
	char tmpl[] = "/tmp/shuzhi-bench-XXXXXX", *dir, *content, *rules, cmd[256];
	struct ruleset *rs;
	struct report *r;
	struct diag *d;
	double t0, t1, t2, t3;
	size_t house;
	int found = 0, errors, rc;

	if ((dir = mkdtemp(tmpl)) == NULL)
		return 2;
	content = path_join(dir, "content");
	rules = path_join(dir, "rules");
	snprintf(cmd, sizeof(cmd), "mkdir -p %s %s && cp rules/*.yaml %s/", content, rules, rules);
	if (system(cmd) != 0)
		return 2;
	d = diag_new(stderr);
	diag_set_hook(d, silent, &found);
	rs = rules_load(d, rules);
	house = rules_count(rs);
	rules_free(rs);
	make_rules(rules, want - (int)house);
	make_content(content, items);

	t0 = now();
	rs = rules_load(d, rules);
	t1 = now();
	r = model_load(d, content);
	t2 = now();
	errors = r ? check_report(d, rs, r, NULL) : -1;
	t3 = now();
	printf("%zu rules (%zu of the house pack), %d items: rules %.1f ms, content %.1f ms, "
	    "check %.1f ms, total %.1f ms; %d findings (%d errors)\n",
	    rules_count(rs), house, items, (t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3,
	    (t3 - t0) * 1e3, found, errors);
	rc = r != NULL && t3 - t0 < 0.2 ? 0 : 1;
	model_free(r);
	rules_free(rs);
	diag_free(d);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		rc = 2;
	free(content);
	free(rules);
	return rc;
}
