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
#include "options.h"
#include "../diag/diag.h"
#include "../load/value.h"
#include "../render/mustache.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/xalloc.h"

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
	const char *tpath, *dpath, *pdir;
	struct settings s;
	struct mustache_opts mo;
	struct value_doc *data = NULL, *partials = NULL;
	struct diag *diag;
	struct buf out;
	char *tpl = NULL, *dtext = NULL;
	size_t tlen, dlen;
	int missing_empty, rc;

	if ((rc = options_parse(command_find("template"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	rc = EXIT_USAGE;
	memset(&mo, 0, sizeof(mo));
	mo.escape = s.escape == NULL || strcmp(s.escape, "html") == 0 ? ESCAPE_HTML :
	    strcmp(s.escape, "markdown") == 0 ? ESCAPE_MARKDOWN : ESCAPE_NONE;
	missing_empty = s.missing_partial != NULL && strcmp(s.missing_partial, "empty") == 0;
	tpath = s.args[0];
	dpath = s.args[1];
	pdir = s.partials;
	if (pdir != NULL && !is_dir(pdir))
		return usage_error("template", "局部模板文件夹“%s”不存在", pdir);

	diag = diag_new(stderr);
	buf_init(&out);
	if (read_file(diag, tpath, VALUE_MAX_FILE, &tpl, &tlen) != 0 ||
	    read_file(diag, dpath, VALUE_MAX_FILE, &dtext, &dlen) != 0)
		goto done;
	rc = EXIT_CONTENT;
	if ((data = value_load_text(diag, dpath, dtext, dlen)) == NULL)
		goto done;
	if (missing_empty) {
		/* The engine's "map only" mode: missing partials are empty. */
		if (pdir != NULL) {
			if ((partials = load_partials(diag, pdir)) == NULL) {
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
	if (mustache_render(diag, tpath, tpl, tlen, value_doc_root(data), &mo, &out) != 0)
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
	diag_free(diag);
	return rc;
}
