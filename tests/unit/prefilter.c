/*
 * prefilter.c: unit tests of the rule prefilter, which skips a pattern
 * when characters every match needs are absent from the report.  It must
 * never skip a pattern that matches (checked against PCRE2 on each case
 * and on every pattern of the house rules), and it should skip the usual
 * wrong forms in clean text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/rule.h"
#include "util/xalloc.h"

#include "tap.h"

static int
matches(const struct regex *re, const char *text)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code, NULL);
	int rc = pcre2_match(re->code, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);

	pcre2_match_data_free(md);
	return rc >= 0;
}

static void
presence_of(struct presence *p, const char *text)
{
	struct ctext t;

	memset(&t, 0, sizeof(t));
	t.norm = (char *)text;
	t.nlen = strlen(text);
	presence_build(p, &t, 1);
}

/* pattern, a text it matches, a text it cannot match and should be skipped on (or NULL) */
static const char *const cases[][3] = {
	{ "党十九届", "认真学习党十九届五中全会", "认真学习党的十九届五中全会" },
	{ "(?<!共产)党(十[五六七八九]|二十)届", "党十九届", "党的十九大" },
	{ "顶的起", "召得来、顶的起", "召得来、顶得起" },
	{ "做的好(?![事人处])", "工作做的好", "工作做得好" },
	{ "a?b", "b", "c" },
	{ "ab?c", "ac", "bc" },
	{ "ab*c", "ac", "bd" },
	{ "ab{0,2}c", "ac", "bd" },
	{ "ab{2}c", "abbc", "ac" },
	{ "ab+c", "abbbc", "ac" },
	{ "a{2,}", "aa", "b" },
	{ "x{,3}y", "x{,3}y", "x" },
	{ "甲|乙", "乙", "丙" },
	{ "甲乙|丙", "丙", "甲" },
	{ "(甲|乙)丙", "乙丙", "甲乙" },
	{ "(?:甲)?乙", "乙", "甲" },
	{ "[甲乙]丙", "乙丙", "甲乙" },
	{ "[]甲]乙", "]乙", "甲" },
	{ "[^甲]乙", "丙乙", "甲" },
	{ "\\(连\\)", "(连)", "（连）" },
	{ "\\.{3}", "...", "。" },
	{ "\\x{3000}+", "\xe3\x80\x80", NULL },
	{ "\\p{Han},", "中,", "中，" },
	{ "\\d{4}年度", "2020年度", "二〇二〇年" },
	{ "(?<=(?<!\\d)(\\d{4}))年度", "2020年度", "2020年" },
	{ "(?i)abc", "ABC", NULL },
	{ "a(?i)bc", "aBC", NULL },
	{ "\\Qa.b\\E", "a.b", NULL },
	{ "a(*ACCEPT)b", "a", NULL },
	{ "(?|(a)|(b))c", "bc", "ab" },
	{ "^甲", "甲", "乙" },
	{ "甲$", "甲", "乙" },
	{ "甲.乙", "甲丙乙", "甲丙" },
	{ "\\，", "，", "," },
	{ "“(?=[^“”\\n]*(?:“|$))", "“甲", "甲”" },
	{ "^[^“”\\n]*\\K”", "甲”", "甲" },
	{ "(?<![“\"‘])(四个意识|四个自信)(?![”\"’])", "增强四个意识", NULL },
	{ "截止(?=目前|\\d)", "截止目前", "截至目前" },
	{ "(担|扛)的起", "扛的起", "扛得起" },
	{ "\\\\", "\\", "a" },
	{ "a\\Kb", "ab", "b" },
	{ "[[:alpha:]]x", "ax", "a" },
};

static void
table(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct regex re;
		struct presence p;
		char name[256];
		int err;
		size_t off;

		if (regex_compile_text(cases[i][0], strlen(cases[i][0]), &re, &err, &off) != 0) {
			snprintf(name, sizeof(name), "pattern %s compiles", cases[i][0]);
			check(0, name, NULL);
			continue;
		}
		snprintf(name, sizeof(name), "/%s/ matches \"%s\" and is not skipped there",
		    cases[i][0], cases[i][1]);
		presence_of(&p, cases[i][1]);
		check(matches(&re, cases[i][1]) && regex_possible(&re, &p), name, NULL);
		presence_free(&p);
		if (cases[i][2] != NULL) {
			snprintf(name, sizeof(name), "/%s/ is skipped on \"%s\"", cases[i][0], cases[i][2]);
			presence_of(&p, cases[i][2]);
			check(!matches(&re, cases[i][2]) && !regex_possible(&re, &p), name, NULL);
			presence_free(&p);
		} else {
			snprintf(name, sizeof(name), "/%s/ is never skipped", cases[i][0]);
			check(re.need == NULL, name, NULL);
		}
		regex_free(&re);
	}
}

/*
 * Every pattern of the house rules against texts made to match it: each
 * text is the report line the pattern matches best, so the property is
 * tried on real wording.  A pattern that matches a text must not be
 * skipped on it.
 */
static void
house(void)
{
	static const char *texts[] = {
		"各位领导、同志们:", "根据要求,现将2020年度履行党管武装工作述职如下。",
		"认真学习党十九届五中全会精神和习主席强军思想,牢固树立党管武装意识",
		"能召得来、顶的起。", "通过目测、体检、病史和、政考等环节挑选优秀青年",
		"民兵营(连)部规范化建设", "XXX镇党委", "驻XX部队", "2020年01月05日",
		"20年12月", "１２３", "“八一”、“双拥”", "三、四个", "甲  ABC", "甲 ，乙",
		"等...", "甲--乙", "甲—乙", "“甲", "甲”", "‘甲", "（甲", "甲）", "《甲", "甲》",
		"，，", "。。", "，。", "……等", "约60余名", "1,000", "增强四个意识", "十四五规划",
		"不忘初心牢记使命主题教育", "三农工作", "一带一路战略", "京津冀一体化", "党中央国务院",
		"区委区政府", "北朝鲜", "台湾总统", "大陆和香港", "武汉肺炎", "布署", "截止目前",
		"惟一", "所所辖", "的的", "认真的开展", "羸家", "三嬴", "做的不够", "经的起",
		"2019年度", "2021年3月", "二〇二〇年", "新冠病毒感染", "人民武装部",
		"一、标题", "一是统一思想", "统一思想", "标题。", "　缩进",
		"国家总体安全观", "供给侧改革", "以习近平总书记为核心的党中央",
	};
	struct diag *d;
	struct ruleset *rs;
	size_t i, k, t, tried = 0, bad = 0;
	char first[300] = "";

	d = diag_new(stderr);
	rs = rules_load(d, "rules");
	check(rs != NULL && rs->n > 30 && diag_errors(d) == 0, "the house rules load without errors", NULL);
	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++) {
		struct rule *r = &rs->rules[i];
		size_t n = r->kind == KIND_SUBSTITUTION ? r->nswaps : r->nres;

		for (k = 0; k < n; k++) {
			struct regex *re = r->kind == KIND_SUBSTITUTION ? &r->swaps[k].re : &r->res[k];

			for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
				struct presence p;

				if (!matches(re, texts[t]))
					continue;
				tried++;
				presence_of(&p, texts[t]);
				if (!regex_possible(re, &p) && bad++ == 0)
					snprintf(first, sizeof(first), "%s: /%s/ on \"%s\"", r->id,
					    re->src, texts[t]);
				presence_free(&p);
			}
		}
	}
	{
		char name[128];

		snprintf(name, sizeof(name), "no house pattern is skipped on a text it matches (%zu tried)",
		    tried);
		check(bad == 0 && tried > 60, name, first);
	}
	rules_free(rs);
	diag_free(d);
}

int
main(void)
{
	table();
	house();
	return tap_status();
}
