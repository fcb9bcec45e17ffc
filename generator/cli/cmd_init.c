/*
 * cmd_init.c: shuzhi init DIR: a report repository of one's own.  DIR
 * (new, or an empty folder) gets a Makefile that runs this very shuzhi
 * (report.mk's rules below a line naming the program), .gitignore and
 * .gitattributes, content.schema.json for the editor, fonts/ with a
 * fonts.yaml of its own (so that licensed fonts dropped there are used),
 * a README and the installed sample year under content/.  Nothing is
 * written unless all of it can be.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../diag/diag.h"
#include "../load/jsonschema.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/xalloc.h"

#define MAX_DATA	(1u << 20)

static const char gitignore[] =
"# 生成的报告和修改对照（由 make 重新生成，不提交）\n"
"/out/\n"
"# 授权字体不提交，只提交字体设置\n"
"/fonts/*\n"
"!/fonts/fonts.yaml\n";

static const char readme[] =
"# 述职报告\n"
"\n"
"这个仓库由 `shuzhi init` 新建：`content/<年份>/` 中是每一年的述职内容（YAML），\n"
"`make` 用 shuzhi 把它们生成为 `out/<年份>/report.pdf`（GB/T 9704 版式）、\n"
"`report.docx`（同样版式的 Word 文档）和 `report.md`。\n"
"\n"
"| 命令 | 作用 |\n"
"|---|---|\n"
"| `make` | 生成每一年的报告；内容有错误时指出文件、行、列，原来的报告不变 |\n"
"| `make check` | 按规则检查每一年的内容（标点、数字、规范表述、占位符） |\n"
"| `make new YEAR=2025` | 以最近的一年为底稿新建 `content/2025`（`KEEP=1` 保留去年的正文） |\n"
"| `make watch YEAR=2025` | 一保存就重新生成 `out/2025/report.pdf` |\n"
"| `make diff` | 与上一次提交比较，生成带修订标记的对照 `out/<年份>/diff/` |\n"
"| `make git-setup` | 一次性设置：`git diff --word-diff` 按字显示中文的改动 |\n"
"| `make schema` | 升级 shuzhi 后重新生成编辑器用的 `content.schema.json` |\n"
"\n"
"`content/%s/` 是 shuzhi 自带的示例，照着它写，或用 `make new YEAR=…` 以它为底稿。\n"
"有授权的字体（如 `FangSong_GB2312.ttf`、`FZXiaoBiaoSong-B05S.ttf`）放进 `fonts/`，\n"
"`fonts/fonts.yaml` 会优先使用它们；`shuzhi fonts` 显示每种字体实际用的文件。\n"
"想改版式时，把 shuzhi 的 `templates/` 复制到这里，改其中的 `style.yaml`。\n";

/* What init writes: a file name in DIR and its text. */
struct out {
	char		**names;
	char		**texts;
	size_t		*lens;
	size_t		 n;
};

static void
add(struct out *o, char *name, char *text, size_t len)
{
	o->names = xreallocarray(o->names, o->n + 1, sizeof(*o->names));
	o->texts = xreallocarray(o->texts, o->n + 1, sizeof(*o->texts));
	o->lens = xreallocarray(o->lens, o->n + 1, sizeof(*o->lens));
	o->names[o->n] = name;
	o->texts[o->n] = text;
	o->lens[o->n++] = len;
}

/* A data file of the program's own (never the current folder's) as DIR/name. */
static int
add_data(struct diag *d, struct out *o, const char *dir, const char *rel, const char *name)
{
	char *path = program_data_path(rel), *text;
	size_t len;
	int rc = read_file(d, path, MAX_DATA, &text, &len);

	free(path);
	if (rc == 0)
		add(o, path_join(dir, name), text, len);
	return rc;
}

/* The Makefile: the program, then report.mk's rules. */
static int
add_makefile(struct diag *d, struct out *o, const char *dir, const char *self)
{
	char *path = program_data_path("report.mk"), *mk;
	struct buf b;
	size_t len;
	int rc;

	rc = read_file(d, path, MAX_DATA, &mk, &len);
	free(path);
	if (rc == 0) {
		buf_init(&b);
		buf_printf(&b, "# 由 shuzhi init 新建的报告仓库的 Makefile：make 生成 content/ 中每一年的报告。\n"
		    "# 下面一行是所用的 shuzhi；换了安装位置时改这一行。\n"
		    "SHUZHI = %s\n\n", self);
		buf_put(&b, mk, len);
		buf_puts(&b, "\n# make check：检查内容（在 shuzhi 自己的仓库中是它的测试）\n"
		    "check: check-content\n.PHONY: check\n");
		free(mk);
		len = b.len;
		add(o, path_join(dir, "Makefile"), buf_take(&b), len);
	}
	return rc;
}

/* The latest year of the installed sample, each file as DIR/content/YEAR/name. */
static int
add_sample(struct diag *d, struct out *o, const char *dir, char **year)
{
	char *samples = program_data_path("content"), *from, *to, *rel;
	struct dirent **ents;
	int n, k, rc = 0;

	*year = NULL;
	if ((n = scandir(samples, &ents, NULL, alphasort)) < 0) {
		fprintf(stderr, "shuzhi: error: 找不到 shuzhi 自带的示例内容 %s（请重新 make install）\n",
		    samples);
		free(samples);
		return -1;
	}
	for (k = n - 1; k >= 0 && *year == NULL; k--)
		if (strlen(ents[k]->d_name) == 4 && strspn(ents[k]->d_name, "0123456789") == 4)
			*year = xstrdup(ents[k]->d_name);
	for (k = 0; k < n; k++)
		free(ents[k]);
	free(ents);
	if (*year == NULL) {
		fprintf(stderr, "shuzhi: error: %s 中没有示例年份（请重新 make install）\n", samples);
		free(samples);
		return -1;
	}
	from = path_join(samples, *year);
	rel = path_join("content", *year);
	to = path_join(dir, rel);
	if ((n = scandir(from, &ents, NULL, alphasort)) < 0)
		rc = -1;
	for (k = 0; k < n; k++) {
		size_t len = strlen(ents[k]->d_name);

		if (rc == 0 && len > 5 && strcmp(ents[k]->d_name + len - 5, ".yaml") == 0) {
			char *src = path_join(from, ents[k]->d_name), *text;
			size_t tlen;

			if ((rc = read_file(d, src, MAX_DATA, &text, &tlen)) == 0)
				add(o, path_join(to, ents[k]->d_name), text, tlen);
			free(src);
		}
		free(ents[k]);
	}
	if (n >= 0)
		free(ents);
	free(samples);
	free(from);
	free(rel);
	free(to);
	return rc;
}

static void
out_free(struct out *o)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		free(o->names[i]);
		free(o->texts[i]);
	}
	free(o->names);
	free(o->texts);
	free(o->lens);
}

int
cmd_init(int argc, char **argv)
{
	struct settings s;
	struct diag *d;
	struct out o;
	struct buf b;
	char *year = NULL, *self = NULL;
	const char *dir;
	size_t len, i;
	int rc, notdir;

	if ((rc = options_parse(command_find("init"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	dir = s.args[0];
	if (path_occupied(dir, &notdir)) {
		fprintf(stderr, notdir ? "shuzhi: error: “%s”已存在，而且不是文件夹\n" :
		    "shuzhi: error: “%s”已存在且不是空文件夹；shuzhi init 只在新的或空的文件夹中"
		    "新建报告仓库\n", dir);
		return EXIT_USAGE;
	}
	d = diag_new(stderr);
	memset(&o, 0, sizeof(o));
	rc = EXIT_USAGE;
	if ((self = self_path()) == NULL)
		self = xstrdup("shuzhi");
	if (add_makefile(d, &o, dir, self) != 0 ||
	    add_data(d, &o, dir, ".gitattributes", ".gitattributes") != 0 ||
	    add_data(d, &o, dir, "fonts/fonts.yaml", "fonts/fonts.yaml") != 0 ||
	    add_sample(d, &o, dir, &year) != 0)
		goto out;
	add(&o, path_join(dir, ".gitignore"), xstrdup(gitignore), strlen(gitignore));
	buf_init(&b);
	buf_printf(&b, readme, year);
	len = b.len;
	add(&o, path_join(dir, "README.md"), buf_take(&b), len);
	buf_init(&b);
	content_json_schema(&b);
	len = b.len;
	add(&o, path_join(dir, "content.schema.json"), buf_take(&b), len);

	for (i = 0; i < o.n; i++) {
		char *slash = strrchr(o.names[i], '/'), *folder;

		folder = xstrndup(o.names[i], (size_t)(slash - o.names[i]));
		rc = make_dirs(d, folder);
		free(folder);
		if (rc != 0) {
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (write_files_atomic(d, o.n, (const char *const *)o.names,
	    (const void *const *)o.texts, o.lens, 1) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	printf("已新建报告仓库 %s：\n", dir);
	printf("  Makefile             make 生成报告，用的是 %s\n", self);
	printf("  content/%s/        示例内容，照着写，或用 make new YEAR=… 以它为底稿\n", year);
	printf("  fonts/fonts.yaml     字体设置；授权字体放进 fonts/\n");
	printf("  content.schema.json  编辑器的补全和提示\n");
	printf("  README.md、.gitignore、.gitattributes\n");
	printf("下一步：cd %s && make（可再 git init && make git-setup，把内容放进 git）\n", dir);
	rc = 0;
out:
	out_free(&o);
	free(year);
	free(self);
	diag_free(d);
	return rc;
}
