/*
 * mustache.c: unit tests of the Mustache engine beyond the specification:
 * where errors are reported, runaway partials, missing partials, Markdown
 * escaping, number formatting and Chinese text around tags.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag/diag.h"
#include "load/value.h"
#include "render/mustache.h"
#include "util/buf.h"
#include "files/fsio.h"

#include "tap.h"

struct result {
	int	 rc;
	char	*out;	/* rendered text */
	char	*err;	/* diagnostics, first lines only */
};

/* Render tpl (named t.mustache) against YAML data. */
static struct result
render(const char *tpl, const char *yaml, const struct mustache_opts *o)
{
	struct result res;
	struct value_doc *doc;
	struct diag *d;
	struct buf out;
	size_t errlen;
	FILE *f;

	f = open_memstream(&res.err, &errlen);
	d = diag_new(f);
	diag_set_format(d, DIAG_BRIEF);
	buf_init(&out);
	buf_puts(&out, "前");	/* what was there is kept */
	doc = value_load_text(d, "data.yaml", yaml, strlen(yaml));
	if (doc == NULL) {
		res.rc = -2;
		buf_puts(&out, "(bad data)");
	} else
		res.rc = mustache_render(d, "t.mustache", tpl, strlen(tpl),
		    value_doc_root(doc), o, &out);
	value_doc_free(doc);
	diag_free(d);
	fclose(f);
	if (strncmp(out.data, "前", strlen("前")) != 0)
		res.out = strdup("(output before the call was lost)");
	else
		res.out = strdup(out.data + strlen("前"));
	buf_free(&out);
	return res;
}

static void
result_free(struct result *r)
{
	free(r->out);
	free(r->err);
}

static void
renders(const char *name, const char *tpl, const char *yaml,
    const struct mustache_opts *o, const char *want)
{
	struct result r = render(tpl, yaml, o);
	struct buf d;

	buf_init(&d);
	buf_printf(&d, "rc %d, got \"%s\", diagnostics: %s", r.rc, r.out, r.err);
	check(r.rc == 0 && strcmp(r.out, want) == 0, name, d.data);
	buf_free(&d);
	result_free(&r);
}

/* The render must fail with a diagnostic starting with where and containing what. */
static void
fails(const char *name, const char *tpl, const char *yaml,
    const struct mustache_opts *o, const char *where, const char *what)
{
	struct result r = render(tpl, yaml, o);
	struct buf d;

	buf_init(&d);
	buf_printf(&d, "rc %d, output \"%s\", diagnostics: %s", r.rc, r.out, r.err);
	check(r.rc == -1 && strncmp(r.err, where, strlen(where)) == 0 &&
	    strstr(r.err, what) != NULL && r.out[0] == '\0', name, d.data);
	buf_free(&d);
	result_free(&r);
}

static void
write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

int
main(void)
{
	struct mustache_opts html = { ESCAPE_HTML, NULL, NULL, NULL, NULL };
	struct mustache_opts md = { ESCAPE_MARKDOWN, NULL, NULL, NULL, NULL };
	struct mustache_opts map = { ESCAPE_HTML, NULL, NULL, NULL, NULL };
	struct mustache_opts dir = { ESCAPE_HTML, NULL, NULL, NULL, NULL };
	struct mustache_opts both = { ESCAPE_HTML, NULL, NULL, NULL, NULL };
	struct value_doc *pdoc;
	struct value *pm;
	char tmpl[] = "/tmp/shuzhi-mustache-XXXXXX";
	char *tmp, *p1, *p2, *p3;
	struct buf where;

	/* Errors: position of the opening tag, columns in characters. */
	fails("unclosed section at its opening tag", "第一行\n  {{#项目}}内容\n", "{}", &html,
	    "t.mustache:2:3: error:", "没有结束标签");
	fails("column counted in characters", "述职：{{#甲}}……", "{}", &html,
	    "t.mustache:1:4: error:", "“#甲”没有结束标签");
	fails("innermost unclosed section", "{{#a}}{{#b}}{{/b}}\n{{^c}}", "{}", &html,
	    "t.mustache:2:1: error:", "“^c”");
	fails("mismatched closing tag", "{{#a}}\n  甲 {{/b}}", "{}", &html,
	    "t.mustache:2:5: error:", "与第 1 行第 1 列的开始标签“#a”不对应");
	fails("closing tag without opening", "正文{{/a}}", "{}", &html,
	    "t.mustache:1:3: error:", "多余的结束标签");
	fails("unclosed tag", "你好，{{名字", "{}", &html,
	    "t.mustache:1:4: error:", "标签没有结束");
	fails("unclosed triple mustache", "{{{名字}}", "{}", &html,
	    "t.mustache:1:1: error:", "标签没有结束");
	fails("empty tag", "甲{{ }}", "{}", &html, "t.mustache:1:2: error:", "缺少名称");
	fails("bad set-delimiter", "{{=<%=}}", "{}", &html, "t.mustache:1:1: error:", "分隔符");
	fails("unclosed block", "{{<p}}{{$a}}{{/p}}", "{}", &html,
	    "t.mustache:1:13: error:", "与第 1 行第 7 列的开始标签“$a”不对应");

	/* Partials: from a map, with a runaway recursion. */
	pdoc = value_doc_new();
	pm = value_new(pdoc, VALUE_MAP);
	value_doc_set_root(pdoc, pm);
	value_set_string(pdoc, pm, "self", "甲{{>self}}");
	value_set_string(pdoc, pm, "up", "{{<up}}{{/up}}");
	value_set_string(pdoc, pm, "bad", "正文\n  {{#x}}");
	value_set_string(pdoc, pm, "item", "- {{名称}}\n");
	map.partials = pm;
	fails("partial recursion limit", "{{>self}}", "{}", &map, "self:1:2: error:", "100");
	fails("parent recursion limit", "{{<up}}{{/up}}", "{}", &map, "up:1:1: error:", "100");
	fails("error inside a partial", "{{>bad}}", "{}", &map, "bad:2:3: error:", "没有结束标签");
	renders("missing partial is empty with a map only", "[{{>nothing}}]", "{}", &map, "[]");
	renders("standalone partial indented", "列表：\n  {{>item}}\n", "名称: 甲", &map,
	    "列表：\n  - 甲\n");
	fails("missing partial without any source", "甲{{>nothing}}", "{}", &html,
	    "t.mustache:1:2: error:", "找不到局部模板“nothing”");

	/* Partials from a folder: a missing one is an error, positions in the file. */
	tmp = mkdtemp(tmpl);
	p1 = path_join(tmp, "layout.mustache");
	p2 = path_join(tmp, "broken.mustache");
	p3 = path_join(tmp, "row.mustache");
	write_text(p1, "# {{$标题}}默认标题{{/标题}}\n\n{{$正文}}{{/正文}}\n");
	write_text(p2, "第一行\n第二行 {{#未结束}}\n");
	write_text(p3, "| {{名称}} | {{数量}} |\n");
	dir.partials_dir = tmp;
	both.partials = pm;
	both.partials_dir = tmp;
	renders("parent from a folder",
	    "{{<layout}}\n{{$标题}}述职报告{{/标题}}\n{{$正文}}\n正文。\n{{/正文}}\n{{/layout}}\n",
	    "{}", &dir, "# 述职报告\n\n正文。\n");
	renders("partial from a folder", "{{#行}}\n{{>row}}\n{{/行}}",
	    "行: [{名称: 甲, 数量: 1}, {名称: 乙, 数量: 2.50}]", &dir,
	    "| 甲 | 1 |\n| 乙 | 2.5 |\n");
	buf_init(&where);
	buf_printf(&where, "%s:2:5: error:", p2);
	fails("error position in a partial file", "{{>broken}}", "{}", &dir, where.data,
	    "“#未结束”没有结束标签");
	fails("missing partial with a folder is an error", "甲\n  {{>rwo}}\n", "{}", &dir,
	    "t.mustache:2:3: error:", "找不到局部模板“rwo”");
	fails("missing partial with map and folder is an error", "{{>rwo}}", "{}", &both,
	    "t.mustache:1:1: error:", "找不到局部模板");
	renders("map before folder", "{{>item}}", "名称: 丙", &both, "- 丙\n");
	fails("partial name leaving the folder", "{{>../etc/passwd}}", "{}", &dir,
	    "t.mustache:1:1: error:", "..");

	/* Markdown escaping inside templates; triple mustache stays raw. */
	renders("markdown escaping", "- {{事项}}\n", "事项: '**加粗** [链接](u) <b> 1|2'", &md,
	    "- \\*\\*加粗\\*\\* \\[链接\\](u) \\<b\\> 1\\|2\n");
	renders("markdown escaping at a line start", "{{a}}\n{{b}}\n", "{a: '# 标题', b: '1. 第一'}",
	    &md, "\\# 标题\n1\\. 第一\n");
	renders("markdown escaping joins lines", "{{a}}", "a: \"第一行\\n第二行\\n\"", &md,
	    "第一行 第二行");
	renders("triple mustache unescaped in markdown", "{{{a}}}{{&a}}", "a: '*x*'", &md,
	    "*x**x*");
	renders("html escaping", "{{a}}", "a: '<&\">'", &html, "&lt;&amp;&quot;&gt;");

	/* Values. */
	renders("numbers", "{{a}} {{b}} {{c}} {{d}} {{e}}", "{a: 1.210, b: 85, c: -0.5, d: 1e20, e: 0.1}",
	    &html, "1.21 85 -0.5 1e+20 0.1");
	renders("booleans and null", "[{{t}}|{{f}}|{{n}}]", "{t: true, f: false, n: null}", &html,
	    "[true|false|]");
	renders("empty string is falsy", "{{#s}}有{{/s}}{{^s}}无{{/s}}", "s: ''", &html, "无");
	renders("zero is truthy", "{{#z}}有{{/z}}", "z: 0", &html, "有");
	renders("list of scalars", "{{#l}}{{.}}、{{/l}}", "l: [甲, 乙, 丙]", &html, "甲、乙、丙、");
	renders("dotted names", "{{单位.名称}}", "单位: {名称: 信息中心}", &html, "信息中心");

	/* Chinese around tags. */
	renders("chinese around tags", "姓名：{{姓名}}，单位：{{单位}}。\n{{#有}}（有）{{/有}}",
	    "{姓名: 张三, 单位: 信息中心, 有: true}", &html, "姓名：张三，单位：信息中心。\n（有）");
	renders("chinese set-delimiter", "{{=【 】=}}【名】：【#列】【.】【/列】", "{名: 甲, 列: [1, 2]}",
	    &html, "甲：12");
	renders("no data", "文字{{a}}", "", &html, "文字");

	/* The engine leaves no output on error and keeps earlier output. */
	fails("output discarded on error", "正文很长{{a}}{{#b}}", "a: 甲", &html,
	    "t.mustache:1:10: error:", "没有结束标签");

	unlink(p1);
	unlink(p2);
	unlink(p3);
	rmdir(tmp);
	free(p1);
	free(p2);
	free(p3);
	buf_free(&where);
	value_doc_free(pdoc);
	return tap_status();
}
