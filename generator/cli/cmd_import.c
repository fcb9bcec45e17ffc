/*
 * cmd_import.c: shuzhi import FILE -o CONTENT_DIR [--year N] [--unit NAME]
 * [--reject-changes].  Read an existing report (text or .docx, its tracked
 * changes accepted or rejected, each one and each comment a note), find
 * its structure, write it as a content folder (never over a non-empty
 * one), check that the folder loads, say what was found, and run the
 * house rules on it.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../check/check.h"
#include "../import/import.h"
#include "../load/model.h"
#include "../util/fsio.h"
#include "../util/syserr.h"
#include "../util/tempfiles.h"
#include "../util/xalloc.h"

enum kind { K_TEXT, K_DOCX, K_DOC, K_PDF };

/* What the file is, by its first bytes (and a .docx by its name). */
static enum kind
sniff(const char *path, int fd)
{
	size_t n = strlen(path);
	unsigned char magic[8] = { 0 };
	ssize_t got;

	if (n > 5 && strcasecmp(path + n - 5, ".docx") == 0)
		return K_DOCX;
	if ((got = pread(fd, magic, sizeof(magic), 0)) < 0)
		return K_TEXT;
	n = (size_t)got;
	if (n >= 4 && memcmp(magic, "PK\3\4", 4) == 0)
		return K_DOCX;
	if (n >= 8 && memcmp(magic, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return K_DOC;
	if (n >= 5 && memcmp(magic, "%PDF-", 5) == 0)
		return K_PDF;
	return K_TEXT;
}

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
count(const struct isection *s, int *subs, int *items, int *leads)
{
	size_t i;

	for (i = 0; i < s->nitems; i++) {
		(*items)++;
		*leads += s->items[i].lead_found;
	}
	for (i = 0; i < s->nsubs; i++) {
		(*subs)++;
		count(&s->subs[i], subs, items, leads);
	}
}

static void
summary(const struct ireport *r, const struct isource *src, int reject, const char *outdir,
    const struct diag *d)
{
	size_t i;
	int subs = 0, items = 0, leads = 0;

	for (i = 0; i < r->nsections; i++)
		count(&r->sections[i], &subs, &items, &leads);
	printf("已导入到 %s：%s标题，%zu 个部分，%d 个下级标题，%d 个条目（%d 个识别出引领句），"
	    "开头 %zu 段，结尾 %zu 段%s%s%s",
	    outdir, r->title_same ? "原文的（即程序生成的）" : r->title_derived ? "生成的" : "原文的",
	    r->nsections, subs, items, leads,
	    r->opening.n, r->closing.n, r->appendix.n ? "，有附件说明" : "",
	    r->signature ? "，有落款" : "", r->date ? "，有日期" : "");
	if (r->nattachments > 0)
		printf("，%zu 个附件（正文照原文）", r->nattachments);
	printf("\n");
	printf("改写 %d 处（编号、冒号、日期），按普通段落保留 %d 段，警告 %d 条；行号见上面的提示\n",
	    r->nrewrites, r->nplain, d->warnings);
	if (src->nrevisions > 0 || src->ncomments > 0)
		printf("修订 %d 处（%s），批注 %d 条；每处的作者和位置见上面的提示\n",
		    src->nrevisions, reject ? "已全部拒绝" : "已全部接受", src->ncomments);
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
	struct diag d;
	char *rules = rules_opt != NULL ? xstrdup(rules_opt) : data_path("rules");

	fflush(stdout);
	diag_init(&d, stdout);
	memset(&opts, 0, sizeof(opts));
	if ((rs = rules_load(&d, rules)) == NULL)
		printf("没有找到规则文件夹 %s，没有检查导入的内容\n", rules);
	else {
		printf("\n按 %s 中的规则检查导入的内容：\n", rules);
		fflush(stdout);
		check_report(&d, rs, r, &opts);
		if (d.errors + d.warnings == 0)
			printf("没有发现问题。\n");
		else
			printf("检查发现 %d 个错误、%d 个警告；能自动修改的，用 shuzhi fix %s 修改，"
			    "其余请手工修改。\n", d.errors, d.warnings, outdir);
	}
	rules_free(rs);
	diag_free(&d);
	free(rules);
}

int
cmd_import(int argc, char **argv)
{
	const char *file, *outdir, *format;
	struct settings s;
	struct import_opts o = { NULL, NULL };
	struct isource src;
	struct ireport rep;
	struct ifile *files = NULL;
	struct report *loaded;
	struct diag diag;
	const char *base;
	enum kind kind;
	size_t nfiles = 0;
	int rc = EXIT_CONTENT, notdir;

	if ((rc = options_parse(command_find("import"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	rc = EXIT_CONTENT;
	file = s.args[0];
	outdir = s.out;
	o.year = s.year;
	o.unit = s.unit;
	if (o.year != NULL && (strlen(o.year) != 4 || strspn(o.year, "0123456789") != 4)) {
		fprintf(stderr, "shuzhi: error: --year 应为四位数的年份，如 2020，这里是“%s”\n", o.year);
		return EXIT_USAGE;
	}
	if (path_occupied(outdir, &notdir)) {
		fprintf(stderr, notdir ? "shuzhi: error: “%s”已存在，而且不是文件夹\n" :
		    "shuzhi: error: “%s”已存在且不是空文件夹，不会覆盖；请换一个文件夹\n", outdir);
		return EXIT_USAGE;
	}

	diag_init(&diag, stderr);
	diag.show_all = 1;	/* each note says what was changed in the author's text */
	memset(&src, 0, sizeof(src));
	memset(&rep, 0, sizeof(rep));
	src.path = diag_intern(&diag, file);
	/* A regular file only: a FIFO or a device would block or never end. */
	{
		struct stat st;
		int fd = open_regular(&diag, NULL, file, &st);

		if (fd < 0) {
			rc = EXIT_USAGE;
			goto out;
		}
		kind = sniff(file, fd);
		close(fd);
	}
	switch (kind) {
	case K_DOC:
	case K_PDF: {
		struct srcpos pos = { src.path, 0, 0 };
		diag_error(&diag, &pos, "%s", kind == K_DOC ?
		    "这是旧版 Word 的 .doc 文件，不能直接导入；请在 Word 或 WPS 中另存为 .docx 或纯文本" :
		    "这是 PDF 文件，不能直接导入；请复制其中的文字，存为纯文本后再导入");
		goto out;
	}
	case K_DOCX:
		if (docx_read(&diag, file, s.reject_changes, &src) != 0)
			goto out;
		src.format = xstrdup("Word .docx");
		break;
	case K_TEXT: {
		char *text;
		size_t len;
		const char *enc;

		if (text_read(&diag, file, &text, &len, &enc) != 0)
			goto out;
		diag_add_source(&diag, file, text, len);
		text_paragraphs(&diag, text, len, &src);
		free(text);
		src.format = xstrdup(strcmp(enc, "UTF-8") == 0 ? "UTF-8 文本" :
		    strcmp(enc, "UTF-16") == 0 ? "UTF-16 文本，已转换" : "GB18030/GBK 文本，已转换");
		break;
	}
	}
	if (detect_structure(&diag, &src, &rep) != 0 || detect_meta(&diag, &src, &o, &rep) != 0)
		goto out;

	/* Write every file or none. */
	base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	format = src.format;
	write_content(&rep, base, format, &files, &nfiles);
	if ((rc = write_folder(&diag, outdir, files, nfiles)) != 0)
		goto out;
	rc = EXIT_CONTENT;
	if ((loaded = model_load(&diag, outdir)) == NULL)
		goto out;
	summary(&rep, &src, s.reject_changes, outdir, &diag);
	check_imported(loaded, outdir, s.rules);
	model_free(loaded);
	rc = 0;
out:
	if (rc != 0 && diag.errors > 0)
		fprintf(stderr, "shuzhi: %d 个错误，没有导入\n", diag.errors);
	ifiles_free(files, nfiles);
	ireport_free(&rep);
	isource_free(&src);
	diag_free(&diag);
	return rc;
}
