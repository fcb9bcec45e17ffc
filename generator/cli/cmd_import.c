/*
 * cmd_import.c: shuzhi import FILE -o CONTENT_DIR [--year N] [--unit NAME]
 * [--reject-changes].  The import itself (text or .docx, its tracked
 * changes accepted or rejected, each one and each comment a note, its
 * structure found) is import_file's; here it is written as a content
 * folder (never over a non-empty one), checked to load, said what was
 * found, and run through the house rules.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../check/check.h"
#include "../import/import.h"
#include "../load/model.h"
#include "../files/fsio.h"
#include "../util/syserr.h"
#include "../util/tempfiles.h"
#include "../util/xalloc.h"

/*
 * The files of the content folder, written into a temporary folder beside
 * outdir, loaded back there (what was written must load as content), and
 * only then renamed to outdir (an empty folder there is replaced): a
 * failure or a signal leaves nothing behind.  Returns 0 or the exit status.
 */
static int
write_folder(struct diag *d, const char *outdir, const struct ifile *files, size_t nfiles)
{
	const char **paths = xcalloc(nfiles + 1, sizeof(*paths));
	const void **data = xcalloc(nfiles + 1, sizeof(*data));
	size_t *lens = xcalloc(nfiles + 1, sizeof(*lens)), i, n = strlen(outdir);
	struct report *r;
	char *tmp, *parent;
	int rc = EXIT_USAGE, handle;

	while (n > 1 && outdir[n - 1] == '/')
		n--;
	tmp = xmalloc(n + sizeof(".importXXXXXX"));
	memcpy(tmp, outdir, n);
	memcpy(tmp + n, ".importXXXXXX", sizeof(".importXXXXXX"));
	parent = xstrndup(outdir, n);
	if (strrchr(parent, '/') != NULL && strrchr(parent, '/') != parent)
		*strrchr(parent, '/') = '\0';
	else
		strcpy(parent, strrchr(parent, '/') == parent ? "/" : ".");
	if (make_dirs(d, parent) != 0)
		goto done;
	if (tempfiles_mkdtemp(tmp, &handle) != 0) {
		struct srcpos pos = { diag_intern(d, outdir), 0, 0 };

		diag_error(d, &pos, "无法建立临时文件夹：%s", syserr(errno));
		goto done;
	}
	{
		mode_t mask = umask(0);	/* mkdtemp's 0700: as mkdir would make it */

		umask(mask);
		(void)chmod(tmp, 0777 & ~mask);
	}
	for (i = 0; i < nfiles; i++) {
		paths[i] = path_join(tmp, files[i].name);
		data[i] = files[i].text.data;
		lens[i] = files[i].text.len;
	}
	if (write_files_atomic(d, nfiles, paths, data, lens, 1) == 0) {
		if ((r = model_load(d, tmp)) == NULL) {
			fprintf(stderr, "shuzhi: error: 导入的内容无法读入（这是 shuzhi 的错误，请报告）\n");
			rc = EXIT_CONTENT;
		} else if (rename(tmp, outdir) != 0) {
			struct srcpos pos = { diag_intern(d, outdir), 0, 0 };

			diag_error(d, &pos, "无法写入：%s", errno == ENOTEMPTY || errno == EEXIST ?
			    "文件夹在导入期间被放进了文件，不会覆盖" : syserr(errno));
		} else
			rc = 0;
		model_free(r);
	}
	if (rc != 0)
		remove_folder(tmp);
	tempfiles_forget(handle);
done:
	for (i = 0; i < nfiles; i++)
		free((char *)paths[i]);
	free(paths);
	free(data);
	free(lens);
	free(tmp);
	free(parent);
	return rc;
}

static void
summary(const struct import_result *r, int reject, const char *outdir, const struct diag *d)
{
	printf("已导入到 %s：%s标题，%zu 个部分，%d 个下级标题，%d 个条目（%d 个识别出引领句），"
	    "开头 %zu 段，结尾 %zu 段%s%s%s",
	    outdir, r->title_same ? "原文的（即程序生成的）" : r->title_derived ? "生成的" : "原文的",
	    r->nsections, r->nsubs, r->nitems, r->nleads,
	    r->nopening, r->nclosing, r->appendix ? "，有附件说明" : "",
	    r->signature ? "，有落款" : "", r->date ? "，有日期" : "");
	if (r->nattachments > 0)
		printf("，%zu 个附件（正文照原文）", r->nattachments);
	printf("\n");
	printf("改写 %d 处（编号、冒号、日期），按普通段落保留 %d 段，警告 %d 条；行号见上面的提示\n",
	    r->nrewrites, r->nplain, diag_warnings(d));
	if (r->nrevisions > 0 || r->ncomments > 0)
		printf("修订 %d 处（%s），批注 %d 条；每处的作者和位置见上面的提示\n",
		    r->nrevisions, reject ? "已全部拒绝" : "已全部接受", r->ncomments);
}

/*
 * Run the house rules on what was imported, so the person sees at once
 * what they would change.  The findings are advice: the import stands.
 */
static void
check_imported(const struct report *r, const char *outdir, const char *rules_opt)
{
	struct check_opts opts;
	struct ruleset *rs;
	struct diag *d;
	char *rules = rules_opt != NULL ? xstrdup(rules_opt) : data_path("rules");

	fflush(stdout);
	d = diag_new(stdout);
	memset(&opts, 0, sizeof(opts));
	if ((rs = rules_load(d, rules)) == NULL)
		printf("没有找到规则文件夹 %s，没有检查导入的内容\n", rules);
	else {
		printf("\n按 %s 中的规则检查导入的内容：\n", rules);
		fflush(stdout);
		check_report(d, rs, r, &opts);
		if (diag_errors(d) + diag_warnings(d) == 0)
			printf("没有发现问题。\n");
		else
			printf("检查发现 %d 个错误、%d 个警告；能自动修改的，用 shuzhi fix %s 修改，"
			    "其余请手工修改。\n", diag_errors(d), diag_warnings(d), outdir);
	}
	rules_free(rs);
	diag_free(d);
	free(rules);
}

int
cmd_import(int argc, char **argv)
{
	const char *file, *outdir;
	struct settings s;
	struct import_opts o;
	struct import_result res;
	struct report *loaded;
	struct diag *diag;
	int rc = EXIT_CONTENT, notdir;

	if ((rc = options_parse(command_find("import"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	rc = EXIT_CONTENT;
	file = s.args[0];
	outdir = s.out;
	memset(&o, 0, sizeof(o));
	o.year = s.year;
	o.unit = s.unit;
	o.reject = s.reject_changes;
	if (o.year != NULL && (strlen(o.year) != 4 || strspn(o.year, "0123456789") != 4)) {
		fprintf(stderr, "shuzhi: error: --year 应为四位数的年份，如 2020，这里是“%s”\n", o.year);
		return EXIT_USAGE;
	}
	if (path_occupied(outdir, &notdir)) {
		fprintf(stderr, notdir ? "shuzhi: error: “%s”已存在，而且不是文件夹\n" :
		    "shuzhi: error: “%s”已存在且不是空文件夹，不会覆盖；请换一个文件夹\n", outdir);
		return EXIT_USAGE;
	}

	diag = diag_new(stderr);
	diag_set_flags(diag, DIAG_SHOW_ALL);	/* each note says what was changed in the author's text */
	switch (import_file(diag, file, &o, &res)) {
	case 0:
		break;
	case IMPORT_UNREADABLE:
		rc = EXIT_USAGE;
		goto out;
	default:
		goto out;
	}

	/* Write every file or none. */
	if ((rc = write_folder(diag, outdir, res.files, res.nfiles)) != 0)
		goto out;
	rc = EXIT_CONTENT;
	if ((loaded = model_load(diag, outdir)) == NULL)
		goto out;
	summary(&res, o.reject, outdir, diag);
	check_imported(loaded, outdir, s.rules);
	model_free(loaded);
	rc = 0;
out:
	if (rc != 0 && diag_errors(diag) > 0)
		fprintf(stderr, "shuzhi: %d 个错误，没有导入\n", diag_errors(diag));
	import_result_free(&res);
	diag_free(diag);
	return rc;
}
