/* import.c: unit tests of the import stages: YAML scalars, numbers, paragraphs, structure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/importint.h"
#include "load/value.h"
#include "load/yamlout.h"

#include "tap.h"

/* s written by yaml_put_scalar reads back through value.c as exactly s. */
static void
scalar(const char *s)
{
	struct diag *d;
	struct buf b;
	struct value_doc *doc;
	const struct value *v;
	char name[256];
	FILE *null = fopen("/dev/null", "w");

	d = diag_new(null);
	buf_init(&b);
	buf_puts(&b, "k: ");
	yaml_put_scalar(&b, s);
	buf_puts(&b, "\n");
	doc = value_load_text(d, "t.yaml", b.data, b.len);
	v = doc ? value_get(value_doc_root(doc), "k") : NULL;
	snprintf(name, sizeof(name), "scalar round trip: %s", b.data);
	name[strcspn(name, "\n")] = '\0';
	check(v != NULL && v->kind == VALUE_STRING && v->len == strlen(s) &&
	    memcmp(v->str, s, v->len) == 0, name, v ? v->str : "not loaded");
	value_doc_free(doc);
	buf_free(&b);
	diag_free(d);
	fclose(null);
}

static void
marker(const char *s, enum mfamily fam, int value)
{
	struct marker m;
	char name[128];
	int found = marker_parse(s, strlen(s), &m);

	snprintf(name, sizeof(name), "marker %s: family %d value %d", s, fam, value);
	check(fam == MF_NONE ? !found : found && m.family == fam && m.value == value, name, "");
}

static void
ordinal(const char *s, int want)
{
	size_t n;
	char name[128];

	snprintf(name, sizeof(name), "ordinal %s is %d", s, want);
	check(ordinal_parse(s, strlen(s), &n) == want, name, "");
}

/* Split text; the paragraphs joined with | must be want. */
static void
paragraphs(const char *label, const char *text, const char *want)
{
	struct diag *d;
	struct isource src;
	struct buf b;
	size_t i;
	FILE *null = fopen("/dev/null", "w");

	d = diag_new(null);
	memset(&src, 0, sizeof(src));
	src.path = diag_intern(d, "t.txt");
	text_paragraphs(d, text, strlen(text), &src);
	buf_init(&b);
	buf_puts(&b, "");	/* NUL-terminated even when empty */
	for (i = 0; i < src.n; i++) {
		if (i > 0)
			buf_putc(&b, '|');
		buf_put(&b, src.p[i].text, src.p[i].len);
	}
	check(strcmp(b.data, want) == 0, label, b.data);
	buf_free(&b);
	isource_free(&src);
	diag_free(d);
	fclose(null);
}

static void
structure(void)
{
	static const char text[] =
	    "各位领导：\n"
	    "现将工作报告如下。\n"
	    "一、第一部分\n"
	    "一是抓学习；学习很好。\n"
	    "二是抓落实。落实很好。\n"
	    "补充一段。\n"
	    "（一）小标题。接着的正文\n"
	    "二、第二部分\n"
	    "〔一〕写法不对的小标题\n"
	    "（三）跳过的编号\n"
	    "总之，很好。\n"
	    "XXX镇党委\n"
	    "2020年12月30日\n";
	struct diag *d;
	struct isource src;
	struct ireport r;
	struct import_opts o = { NULL, NULL, 0 };
	const struct isection *s;
	FILE *null = fopen("/dev/null", "w");

	d = diag_new(null);
	memset(&src, 0, sizeof(src));
	memset(&r, 0, sizeof(r));
	src.path = diag_intern(d, "t.txt");
	text_paragraphs(d, text, strlen(text), &src);
	check(detect_structure(d, &src, &r) == 0 && detect_meta(d, &src, &o, &r) == 0,
	    "structure: detected", "");
	check(r.addressee && strcmp(r.addressee, "各位领导") == 0, "structure: addressee", r.addressee);
	check(r.opening.n == 1 && r.nsections == 2, "structure: opening and two sections", "");
	if (r.nsections == 2) {
		s = &r.sections[0];
		check(s->nitems == 2 && strcmp(s->items[0].lead, "抓学习；") == 0 &&
		    strcmp(s->items[1].lead, "抓落实。") == 0, "structure: items and leads", "");
		check(s->nitems == 2 && s->items[1].body.n == 2 &&
		    strcmp(s->items[1].body.v[1], "补充一段。") == 0,
		    "structure: a paragraph after an item is its next paragraph", "");
		check(s->nsubs == 1 && strcmp(s->subs[0].title, "小标题。") == 0 &&
		    s->subs[0].run_in && strcmp(s->subs[0].run_in, "接着的正文") == 0,
		    "structure: run-in heading", "");
		s = &r.sections[1];
		check(s->nsubs == 2 && strcmp(s->subs[0].title, "写法不对的小标题") == 0,
		    "structure: 〔一〕 is a subheading", "");
	}
	check(r.closing.n == 1 && strcmp(r.closing.v[0], "总之，很好。") == 0,
	    "structure: closing", "");
	check(r.signature && strcmp(r.signature, "XXX镇党委") == 0 && r.date &&
	    strcmp(r.date, "2020年12月30日") == 0, "structure: signature and date", "");
	check(strcmp(r.unit, "XXX镇党委") == 0 && strcmp(r.year, "2020") == 0,
	    "structure: unit from the signature, year from the date", r.unit);
	check(r.nrewrites == 2, "structure: 〔一〕 and （三） reported", "");
	ireport_free(&r);
	isource_free(&src);
	diag_free(d);
	fclose(null);
}

int
main(void)
{
	static const char *scalars[] = {
		"", "null", "Null", "~", "true", "no", "Yes", "2020", "1.5", "1e3", "0x1F",
		"2020-12-30", "- a", "a: b", "a #b", "#x", "x#y", "繁忙:", "a:b", " lead", "trail ",
		"tab\there", "line\nbreak", "cr\rhere", "\xC2\x85nel", "ls\xE2\x80\xA8x",
		"bom\xEF\xBB\xBFx", "ctl\x01x", "del\x7fx", "'quote", "\"dq\"", "back\\slash",
		"%x", "@x", "`x", "{x}", "[x]", "*x", "&x", "!x", "|x", ">x", "?x", ",x", ".x",
		"“八一”前夕", "1+n", "国寿“1+n”服务", "——2026年", "河北省人民政府省长\xE3\x80\x80王正谱",
		"（一）", "{{事实}}", "a\\nb", "\xE3\x80\x80", "x ", "---", "...",
	};
	size_t i;

	for (i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++)
		scalar(scalars[i]);

	marker("一、标题", MF_CN, 1);
	marker("十二、标题", MF_CN, 12);
	marker("一.标题", MF_CN, 1);
	marker("（一）标题", MF_CN_PAREN, 1);
	marker("(二十一)标题", MF_CN_PAREN, 21);
	marker("〔三〕标题", MF_CN_PAREN, 3);
	marker("（一）、标题", MF_CN_PAREN, 1);
	marker("1.标题", MF_AR, 1);
	marker("12、标题", MF_AR, 12);
	marker("１．标题", MF_AR, 1);
	marker("（1）标题", MF_AR_PAREN, 1);
	marker("3)标题", MF_AR_PAREN, 3);
	marker("②标题", MF_CIRCLED, 2);
	marker("1.5亿元", MF_NONE, 0);
	marker("2020年", MF_NONE, 0);
	marker("二〇二〇年", MF_NONE, 0);
	marker("一是抓", MF_NONE, 0);
	marker("一方面", MF_NONE, 0);
	marker("（注）", MF_NONE, 0);
	ordinal("一是抓", 1);
	ordinal("十一是抓", 11);
	ordinal("二十是抓", 20);
	ordinal("一方面", 0);
	ordinal("是", 0);

	paragraphs("paragraphs: one a line", "甲。\n乙。\n\n丙。\n", "甲。|乙。|丙。");
	paragraphs("paragraphs: hard wraps joined without spaces, page numbers removed",
	    "一二三四五六七八九十一二三四五六七八九十\n"
	    "一二三四五六七八九十一二三四五六七八九十\n"
	    "— 1 —\n"
	    "一二三四五六七八九十一二三四五六七八九十\n"
	    "完。\n"
	    "二、标题\n"
	    "一二三四五六七八九十一二三四五六七八九十\n"
	    "央企一二三四五六七八九十一二三四五六七八\n"
	    "二、三级子公司。\n",
	    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	    "一二三四五六七八九十一二三四五六七八九十完。|二、标题|"
	    "一二三四五六七八九十一二三四五六七八九十央企一二三四五六七八九十一二三四五六七八"
	    "二、三级子公司。");
	paragraphs("paragraphs: Latin words keep their space, digits do not",
	    "abcdefghijklmnopqrstuvwxyzabcdefghijklmn\n"
	    "opqrstuvwxyzabcdefghijklmnopqrstuvwxy12\n"
	    "34abcdefghijklmnopqrstuvwxyzabcdefghijkl\n"
	    "end\n",
	    "abcdefghijklmnopqrstuvwxyzabcdefghijklmn opqrstuvwxyzabcdefghijklmnopqrstuvwxy12"
	    "34abcdefghijklmnopqrstuvwxyzabcdefghijkl end");
	structure();
	return tap_status();
}
