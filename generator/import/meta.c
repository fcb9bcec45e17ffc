/*
 * meta.c: the unit, year and topic of an imported report, which the
 * content needs and the generated title is made of.  Each comes from the
 * first place that has it:
 *  - year: --year; the title (2020年...); the date; "2020年度" in the
 *    opening; else the import stops and asks for --year.
 *  - unit: --unit; a title of the form 单位 + 2020年度 + 事项 + 述职报告;
 *    the signature; in the opening, a clause that starts with a name
 *    ending in 党委, 党组, 政府, 公司, 部, 局 ... and goes on with 在, 坚持,
 *    始终, 认真, 紧紧, 按照 or 围绕 ("XXX镇党委在区委..."); else "XXX",
 *    with a warning.
 *  - topic: such a title; the opening's "现将2020年度(履行)××述职如下".
 * A missing title, or one exactly as shuzhi would make it from these, is
 * left out of report.yaml: shuzhi generates it.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "importint.h"
#include "../util/xalloc.h"

#define UNIT_PLACEHOLDER	"XXX"

/* The first match of pattern in s: group 1 (malloc'd), or NULL. */
static char *
match(const char *pattern, const char *s, int group)
{
	pcre2_code *re;
	pcre2_match_data *md;
	PCRE2_SIZE erroff, *ov;
	char *out = NULL;
	int err;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
	    &err, &erroff, NULL);
	if (re == NULL)
		return NULL;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	if (pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL) > group) {
		ov = pcre2_get_ovector_pointer(md);
		if (ov[2 * group] != PCRE2_UNSET)
			out = xstrndup(s + ov[2 * group], ov[2 * group + 1] - ov[2 * group]);
	}
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return out;
}

static const char title_re[] =
    "^(.+?)([0-9]{4})年度(.*)述职报告$";
static const char unit_re[] =
    "(?:^|[，,。；;：:])\\s*([^，,。；;：:、“”\\s]{1,24}?"
    "(?:党委|党组|党工委|党总支|党支部|人民政府|政府|委员会|人武部|分公司|公司|集团|"
    "中心|办公室|局|厅|院|所|部|处|科|站|队|学校|街道|村))"
    "(?:在|坚持|始终|认真|紧紧|按照|围绕)";
static const char topic_re[] =
    "现将(?:[0-9]{4}年度?)?(?:的)?(?:履行|个人|本人)?(.{2,30}?)(?:的)?(?:情况)?"
    "(?:述职|报告)如下";

/* The text of the opening, one paragraph after another. */
static char *
opening_text(const struct ireport *r)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_puts(&b, "");	/* NUL-terminated even when empty */
	for (i = 0; i < r->opening.n; i++) {
		buf_puts(&b, r->opening.v[i]);
		buf_puts(&b, "\n");
	}
	return buf_take(&b);
}

int
detect_meta(struct diag *d, const struct isource *src, const struct import_opts *o,
    struct ireport *r)
{
	struct srcpos pos = { src->path, 0, 0 };
	char *open = opening_text(r), *t;
	struct buf title;

	if (r->title != NULL && (t = match(title_re, r->title, 1)) != NULL) {
		r->unit = t;
		r->year = match(title_re, r->title, 2);
		r->topic = match(title_re, r->title, 3);
	}
	/* Year. */
	if (o->year != NULL) {	/* checked by the command */
		free(r->year);
		r->year = xstrdup(o->year);
	}
	if (r->year == NULL && r->title != NULL)
		r->year = match("([0-9]{4})年", r->title, 1);
	if (r->year == NULL && r->date != NULL)
		r->year = xstrndup(r->date, 4);
	if (r->year == NULL)
		r->year = match("([0-9]{4})年度", open, 1);
	if (r->year == NULL) {
		diag_error(d, &pos, "%s", "原文中没有找到年度（如“2020年度”），请用 --year 指定");
		free(open);
		return -1;
	}
	/* Unit. */
	if (o->unit != NULL) {
		free(r->unit);
		r->unit = xstrdup(o->unit);
	}
	if (r->unit == NULL && r->signature != NULL)
		r->unit = xstrdup(r->signature);
	if (r->unit == NULL)
		r->unit = match(unit_re, open, 1);
	if (r->unit == NULL) {
		diag_warn(d, &pos, "原文中没有找到述职单位，report.yaml 中暂写“%s”，请改正"
		    "（或用 --unit 指定）", UNIT_PLACEHOLDER);
		r->unit = xstrdup(UNIT_PLACEHOLDER);
	}
	/* Topic. */
	if (r->topic == NULL)
		r->topic = match(topic_re, open, 1);
	if (r->topic != NULL && r->topic[0] == '\0') {
		free(r->topic);
		r->topic = NULL;
	}
	free(open);

	/* The title shuzhi would make; the source's is kept when it differs. */
	buf_init(&title);
	buf_printf(&title, "%s%s年度%s述职报告", r->unit, r->year, r->topic ? r->topic : "");
	if (r->title == NULL) {
		r->title_derived = 1;
		diag_report(d, DIAG_NOTE, &pos, NULL, "原文没有标题；生成的标题为“%s”", title.data);
	} else if (strcmp(r->title, title.data) == 0) {
		r->title_derived = 1;
		r->title_same = 1;
		free(r->title);
		r->title = NULL;
	}
	buf_free(&title);
	return 0;
}
