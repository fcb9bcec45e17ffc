/*
 * escape.c: unit tests of the Markdown escaper: each escaped value, put
 * through cmark-gfm with the GFM extensions, must come out as its own
 * text, in a paragraph, mid-line, in a list item and in a table cell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "render/mustache.h"
#include "util/buf.h"

/* In libcmark-gfm, not in its headers: frees the registered extensions. */
void	cmark_release_plugins(void);

#include "tap.h"

/* Markdown to HTML as the report's readers see it: CommonMark plus GFM. */
static char *
to_html(const char *md)
{
	static const char *exts[] = { "table", "strikethrough", "autolink", "tagfilter", "tasklist" };
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_node *doc;
	char *html;
	size_t i;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e != NULL)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, md, strlen(md));
	doc = cmark_parser_finish(p);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(p));
	cmark_node_free(doc);
	cmark_parser_free(p);
	return html;
}

/* The text a value should read as: newlines become one space, none at the ends. */
static void
plain(const char *in, struct buf *out)
{
	size_t len = strlen(in), i;

	while (len > 0 && (in[0] == '\n' || in[0] == '\r'))
		in++, len--;
	while (len > 0 && (in[len - 1] == '\n' || in[len - 1] == '\r'))
		len--;
	for (i = 0; i < len; i++) {
		if (in[i] == '\n' || in[i] == '\r') {
			while (i + 1 < len && (in[i + 1] == '\n' || in[i + 1] == '\r'))
				i++;
			buf_putc(out, ' ');
		} else
			buf_putc(out, in[i]);
	}
	buf_put(out, "", 0);
}

/* Render before + escaped(in) + after; the HTML must be want_pre + text + want_post. */
static void
literal_in(const char *what, const char *in, const char *before, const char *after,
    const char *want_pre, const char *want_post)
{
	struct buf md, text, want, name;
	char *html;

	buf_init(&md);
	buf_init(&text);
	buf_init(&want);
	buf_init(&name);
	buf_puts(&md, before);
	mustache_escape(ESCAPE_MARKDOWN, in, strlen(in), &md);
	buf_puts(&md, after);
	plain(in, &text);
	buf_puts(&want, want_pre);
	mustache_escape(ESCAPE_HTML, text.data, text.len, &want);
	buf_puts(&want, want_post);
	html = to_html(md.data);
	buf_printf(&name, "%s: ", what);
	for (const char *p = in; *p != '\0'; p++) {
		if (*p == '\n')
			buf_puts(&name, "\\n");
		else if (*p == '\t')
			buf_puts(&name, "\\t");
		else if (*p == '\r')
			buf_puts(&name, "\\r");
		else
			buf_putc(&name, *p);
	}
	if (strcmp(html, want.data) == 0)
		check(1, name.data, NULL);
	else {
		struct buf d;

		buf_init(&d);
		buf_printf(&d, "markdown %s gave %s", md.data, html);
		check(0, name.data, d.data);
		buf_free(&d);
	}
	free(html);
	buf_free(&md);
	buf_free(&text);
	buf_free(&want);
	buf_free(&name);
}

static void
literal(const char *in)
{
	literal_in("paragraph", in, "", "\n", "<p>", "</p>\n");
	literal_in("mid-line", in, "前文", "后文\n", "<p>前文", "后文</p>\n");
	literal_in("list item", in, "- ", "\n", "<ul>\n<li>", "</li>\n</ul>\n");
	literal_in("table cell", in, "| 列 |\n| --- |\n| ", " |\n",
	    "<table>\n<thead>\n<tr>\n<th>列</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>",
	    "</td>\n</tr>\n</tbody>\n</table>\n");
}

static void
exact(const char *in, const char *want)
{
	struct buf b, name;

	buf_init(&b);
	buf_init(&name);
	mustache_escape(ESCAPE_MARKDOWN, in, strlen(in), &b);
	buf_put(&b, "", 0);
	buf_puts(&name, "markdown escape of \"");
	for (const char *p = in; *p != '\0'; p++)
		if (*p == '\n')
			buf_puts(&name, "\\n");
		else
			buf_putc(&name, *p);
	buf_printf(&name, "\" is \"%s\"", want);
	check(strcmp(b.data, want) == 0, name.data, b.data);
	buf_free(&b);
	buf_free(&name);
}

int
main(void)
{
	static const char *inputs[] = {
		"*", "**x**", "*强调*与**加粗**", "_a_", "a_b_c", "__init__",
		"[a](b)", "![图](x.png)", "[ ] 任务", "[x] 完成", "[^1]", "[链接][ref]",
		"<b>粗</b>", "<!-- 注释 -->", "<http://example.com>", "a < b > c",
		"`code`", "``x``", "`", "```",
		"# x", "#标签", "## 二级标题", "###### 六级",
		"1. x", "1) x", "2023.", "2023.10", "123456789. 九位数", "3.14",
		"- x", "-", "--", "---", "-5", "- [ ] 任务", "+ x", "+1",
		"= x", "===", "> 引用", ">>",
		"&amp;", "&copy;", "&#42;", "A&B", "&",
		"~~x~~", "~x~", "~~~", "a|b", "a | b | c", "|",
		"中文述职报告：完成了“数字化”建设（一期），效率提升 30%。",
		"a\\b", "a\\*b", "\\", "\\\\", "行尾反斜杠\\",
		"    code", "\tcode", " 前导空格", "  - x",
		"a\nb", "第一行\n\n# 第二行", "\n- x\n", "x\r\ny",
		"\"引号\" 'single'", "x * y * z", "2 * 3 = 6", "a_b", "snake_case_name",
		"http://example.com/a_b", "见 https://example.com/x_y~z 网页",
		"www.example.com/a_b", "ftp://x.y/*z*", "时间 10:30", "C://",
	};
	size_t i;

	cmark_gfm_core_extensions_ensure_registered();
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		literal(inputs[i]);
	/* A setext underline needs a paragraph line above. */
	literal_in("after a line", "===", "标题\n", "\n", "<p>标题\n", "</p>\n");
	literal_in("after a line", "---", "标题\n", "\n", "<p>标题\n", "</p>\n");
	literal_in("after a line", "- x", "标题\n", "\n", "<p>标题\n", "</p>\n");

	/* The escaped forms stay readable in the Markdown itself. */
	exact("中文述职报告", "中文述职报告");
	exact("2023.10", "2023.10");
	exact("-5", "-5");
	exact("A&B", "A\\&B");
	exact("1. x", "1\\. x");
	exact("# x", "\\# x");
	exact(" x", "&#32;x");
	exact("a\n\nb\n", "a b");
	exact("", "");
	exact("http://a.b", "http\\://a.b");
	exact("www.a.b", "www\\.a.b");

	{
		struct buf b;

		buf_init(&b);
		mustache_escape(ESCAPE_HTML, "& \" < > '", 9, &b);
		check(strcmp(b.data, "&amp; &quot; &lt; &gt; '") == 0, "html escape", b.data);
		buf_reset(&b);
		mustache_escape(ESCAPE_NONE, "<*>", 3, &b);
		check(strcmp(b.data, "<*>") == 0, "no escape", b.data);
		buf_free(&b);
	}
	cmark_release_plugins();
	return tap_status();
}
