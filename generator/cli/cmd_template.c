/*
 * cmd_template.c: shuzhi template: render any Mustache template against a
 * YAML or JSON data file to standard output.  Also what the Mustache
 * specification's test runner drives.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "../diag/diag.h"
#include "../load/value.h"
#include "../render/mustache.h"
#include "../util/buf.h"
#include "../util/fsio.h"
#include "../util/xalloc.h"

static const char template_usage[] =
"用法：shuzhi template [选项] TEMPLATE DATA.yaml\n"
"  用 DATA.yaml（YAML 或 JSON）中的数据渲染 Mustache 模板 TEMPLATE，写到标准输出。\n"
"  --escape=html|markdown|none  {{名称}} 的转义方式（默认 html；{{{名称}}} 不转义）\n"
"  --partials DIR               局部模板 {{>名称}} 取自 DIR/名称.mustache\n"
"  --missing-partial=error|empty\n"
"                               找不到的局部模板是错误（默认），或按 Mustache\n"
"                               规范当作空文字（规范测试用）\n"
"退出码：0 成功；1 模板或数据有错误；2 用法错误或文件无法读取。\n";

/*
 * Read every DIR/NAME.mustache into a map NAME -> text, each named by its
 * file for diagnostics.  Used when missing partials are empty: the engine
 * then takes partials from the map only.
 */
static struct value_doc *
load_partials(struct diag *d, const char *dir)
{
	struct value_doc *doc = value_doc_new();
	struct value *map = value_new(doc, VALUE_MAP);
	struct dirent *e;
	DIR *dp;

	value_doc_set_root(doc, map);
	if ((dp = opendir(dir)) == NULL) {
		struct srcpos pos = { NULL, 0, 0 };

		pos.file = diag_intern(d, dir);
		diag_error(d, &pos, "%s", "无法打开局部模板文件夹");
		value_doc_free(doc);
		return NULL;
	}
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		const size_t ext = sizeof(".mustache") - 1;
		struct value *v;
		char *path, *text, *name;
		size_t len;

		if (n <= ext || strcmp(e->d_name + n - ext, ".mustache") != 0)
			continue;
		path = path_join(dir, e->d_name);
		if (read_file(d, path, VALUE_MAX_FILE, &text, &len) != 0) {
			free(path);
			closedir(dp);
			value_doc_free(doc);
			return NULL;
		}
		name = xstrndup(e->d_name, n - ext);
		v = value_new_string(doc, text, len);
		v->pos.file = diag_intern(d, path);
		v->pos.line = 1;
		v->pos.col = 1;
		value_set(doc, map, name, v);
		free(name);
		free(text);
		free(path);
	}
	closedir(dp);
	return doc;
}

int
cmd_template(int argc, char **argv)
{
	const char *tpath = NULL, *dpath = NULL, *pdir = NULL;
	struct mustache_opts mo;
	struct value_doc *data = NULL, *partials = NULL;
	struct diag diag;
	struct buf out;
	char *tpl = NULL, *dtext = NULL;
	size_t tlen, dlen;
	int i, missing_empty = 0, rc = EXIT_USAGE, opts_done = 0;

	memset(&mo, 0, sizeof(mo));
	mo.escape = ESCAPE_HTML;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;

		if (opts_done || a[0] != '-' || a[1] == '\0') {
			if (tpath == NULL)
				tpath = a;
			else if (dpath == NULL)
				dpath = a;
			else
				return usage_error(template_usage, "多余的参数“%s”", a);
			continue;
		}
		if (strcmp(a, "--") == 0) {
			opts_done = 1;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(template_usage, stdout);
			return 0;
		}
		if (strncmp(a, "--escape", 8) == 0 && (a[8] == '=' || a[8] == '\0')) {
			if (a[8] == '=')
				val = a + 9;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				return usage_error(template_usage, "%s 后面缺少转义方式", a);
			if (strcmp(val, "html") == 0)
				mo.escape = ESCAPE_HTML;
			else if (strcmp(val, "markdown") == 0)
				mo.escape = ESCAPE_MARKDOWN;
			else if (strcmp(val, "none") == 0)
				mo.escape = ESCAPE_NONE;
			else
				return usage_error(template_usage, "未知的转义方式“%s”：应是 html、markdown 或 none", val);
		} else if (strncmp(a, "--partials", 10) == 0 && (a[10] == '=' || a[10] == '\0')) {
			if (a[10] == '=')
				pdir = a + 11;
			else if (i + 1 < argc)
				pdir = argv[++i];
			else
				return usage_error(template_usage, "%s 后面缺少文件夹", a);
		} else if (strncmp(a, "--missing-partial=", 18) == 0) {
			val = a + 18;
			if (strcmp(val, "empty") == 0)
				missing_empty = 1;
			else if (strcmp(val, "error") == 0)
				missing_empty = 0;
			else
				return usage_error(template_usage, "未知的取值“%s”：--missing-partial 应是 error 或 empty", val);
		} else
			return usage_error(template_usage, "template 不认识选项“%s”", a);
	}
	if (tpath == NULL || dpath == NULL)
		return usage_error(template_usage, "%s", "缺少参数：需要模板文件和数据文件");
	if (pdir != NULL && !is_dir(pdir))
		return usage_error(template_usage, "局部模板文件夹“%s”不存在", pdir);

	diag_init(&diag, stderr);
	buf_init(&out);
	if (read_file(&diag, tpath, VALUE_MAX_FILE, &tpl, &tlen) != 0 ||
	    read_file(&diag, dpath, VALUE_MAX_FILE, &dtext, &dlen) != 0)
		goto done;
	rc = EXIT_CONTENT;
	if ((data = value_load_text(&diag, dpath, dtext, dlen)) == NULL)
		goto done;
	if (missing_empty) {
		/* The engine's "map only" mode: missing partials are empty. */
		if (pdir != NULL) {
			if ((partials = load_partials(&diag, pdir)) == NULL) {
				rc = EXIT_USAGE;
				goto done;
			}
		} else {
			partials = value_doc_new();
			value_doc_set_root(partials, value_new(partials, VALUE_MAP));
		}
		mo.partials = value_doc_root(partials);
	} else
		mo.partials_dir = pdir;
	if (mustache_render(&diag, tpath, tpl, tlen, value_doc_root(data), &mo, &out) != 0)
		goto done;
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		fputs("shuzhi: error: 无法写入标准输出\n", stderr);
		rc = EXIT_USAGE;
		goto done;
	}
	rc = 0;
done:
	buf_free(&out);
	value_doc_free(data);
	value_doc_free(partials);
	free(tpl);
	free(dtext);
	diag_free(&diag);
	return rc;
}
