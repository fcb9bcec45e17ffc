/*
 * cmd_import.c: shuzhi import FILE -o CONTENT_DIR [--year N] [--unit NAME]
 * [--reject-changes].  Read an existing report (text or .docx, its tracked
 * changes accepted or rejected, each one and each comment a note), find
 * its structure, write it as a content folder (never over a non-empty
 * one), check that the folder loads, say what was found, and run the
 * house rules on it.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "commands.h"
#include "paths.h"
#include "../check/check.h"
#include "../import/import.h"
#include "../load/model.h"
#include "../util/fsio.h"
#include "../util/xalloc.h"

static const char import_usage[] =
"用法：shuzhi import FILE -o CONTENT_DIR [--year N] [--unit NAME] [--reject-changes]\n"
"  把已有的述职报告（纯文本，UTF-8 或 GBK/GB18030 编码；或 Word 的 .docx）\n"
"  转换为内容文件夹 CONTENT_DIR：report.yaml 和每个部分一个文件。标题、称谓、\n"
"  各级标题、条目（一是、二是）、结尾、落款、附件按规则识别，标题的编号去掉\n"
"  （由程序生成；附件正文中的编号照原文），\n"
"  改写了的编号和无法归类的段落都给出原文的行号。CONTENT_DIR 已存在且不是空的\n"
"  文件夹时不会覆盖。导入后按 rules/ 中的规则检查，列出规则会改的地方\n"
"  （能自动改的用 shuzhi fix CONTENT_DIR 修改）。\n"
"  .docx 中的修订（插入、删除、移动）默认全部接受，每处修订、每条批注都给出\n"
"  一条提示：作者、日期、位置（第几段第几个字）和内容。\n"
"  --year N          述职年度（原文中找不到年度时必须给出）\n"
"  --unit NAME       述职单位（原文中找不到时暂写“XXX”）\n"
"  --reject-changes  拒绝 .docx 中的全部修订，导入修订前的原文\n"
"  --accept-changes  接受全部修订（默认）\n";

/* 1 when path exists and is not an empty folder. */
static int
occupied(const char *path, int *notdir)
{
	DIR *d;
	struct dirent *e;
	int used = 0;

	*notdir = 0;
	if (access(path, F_OK) != 0)
		return 0;
	if (!is_dir(path)) {
		*notdir = 1;
		return 1;
	}
	if ((d = opendir(path)) == NULL)
		return 1;
	while (!used && (e = readdir(d)) != NULL)
		used = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return used;
}

enum kind { K_TEXT, K_DOCX, K_DOC, K_PDF };

/* What the file is, by its first bytes (and a .docx by its name). */
static enum kind
sniff(const char *path)
{
	size_t n = strlen(path);
	unsigned char magic[8] = { 0 };
	FILE *f;

	if (n > 5 && strcasecmp(path + n - 5, ".docx") == 0)
		return K_DOCX;
	if ((f = fopen(path, "rb")) == NULL)
		return K_TEXT;
	n = fread(magic, 1, sizeof(magic), f);
	fclose(f);
	if (n >= 4 && memcmp(magic, "PK\3\4", 4) == 0)
		return K_DOCX;
	if (n >= 8 && memcmp(magic, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return K_DOC;
	if (n >= 5 && memcmp(magic, "%PDF-", 5) == 0)
		return K_PDF;
	return K_TEXT;
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
check_imported(const struct report *r, const char *outdir)
{
	struct check_opts opts;
	struct ruleset *rs;
	struct diag d;
	char *rules = data_path("rules");

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
	const char *file = NULL, *outdir = NULL, *format;
	struct import_opts o = { NULL, NULL };
	struct isource src;
	struct ireport rep;
	struct ifile *files = NULL;
	struct report *loaded;
	struct diag diag;
	const char *base;
	enum kind kind;
	size_t nfiles = 0, i;
	int rc = EXIT_CONTENT, notdir, reject = 0;

	for (i = 1; i < (size_t)argc; i++) {
		const char **dst = NULL;

		if (strcmp(argv[i], "-o") == 0)
			dst = &outdir;
		else if (strcmp(argv[i], "--year") == 0)
			dst = &o.year;
		else if (strcmp(argv[i], "--unit") == 0)
			dst = &o.unit;
		else if (strcmp(argv[i], "--reject-changes") == 0 ||
		    strcmp(argv[i], "--accept-changes") == 0) {
			reject = strcmp(argv[i], "--reject-changes") == 0;
			continue;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(import_usage, stdout);
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "shuzhi: error: import 不认识选项“%s”\n%s", argv[i], import_usage);
			return EXIT_USAGE;
		} else if (file == NULL) {
			file = argv[i];
			continue;
		} else {
			fprintf(stderr, "shuzhi: error: 多余的参数“%s”\n%s", argv[i], import_usage);
			return EXIT_USAGE;
		}
		if (++i >= (size_t)argc) {
			fprintf(stderr, "shuzhi: error: 选项“%s”后面缺少参数\n%s", argv[i - 1], import_usage);
			return EXIT_USAGE;
		}
		*dst = argv[i];
	}
	if (file == NULL || outdir == NULL) {
		fputs(import_usage, stderr);
		return EXIT_USAGE;
	}
	if (o.year != NULL && (strlen(o.year) != 4 || strspn(o.year, "0123456789") != 4)) {
		fprintf(stderr, "shuzhi: error: --year 应为四位数的年份，如 2020，这里是“%s”\n", o.year);
		return EXIT_USAGE;
	}
	if (occupied(outdir, &notdir)) {
		fprintf(stderr, notdir ? "shuzhi: error: “%s”已存在，而且不是文件夹\n" :
		    "shuzhi: error: “%s”已存在且不是空文件夹，不会覆盖；请换一个文件夹\n", outdir);
		return EXIT_USAGE;
	}

	diag_init(&diag, stderr);
	memset(&src, 0, sizeof(src));
	memset(&rep, 0, sizeof(rep));
	src.path = diag_intern(&diag, file);
	if (access(file, R_OK) != 0) {
		struct srcpos pos = { src.path, 0, 0 };
		diag_error(&diag, &pos, "%s", "无法读取这个文件");
		rc = EXIT_USAGE;
		goto out;
	}
	switch ((kind = sniff(file))) {
	case K_DOC:
	case K_PDF: {
		struct srcpos pos = { src.path, 0, 0 };
		diag_error(&diag, &pos, "%s", kind == K_DOC ?
		    "这是旧版 Word 的 .doc 文件，不能直接导入；请在 Word 或 WPS 中另存为 .docx 或纯文本" :
		    "这是 PDF 文件，不能直接导入；请复制其中的文字，存为纯文本后再导入");
		goto out;
	}
	case K_DOCX:
		if (docx_read(&diag, file, reject, &src) != 0)
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
	if (make_dirs(&diag, outdir) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	{
		const char **paths = xcalloc(nfiles, sizeof(*paths));
		const void **data = xcalloc(nfiles, sizeof(*data));
		size_t *lens = xcalloc(nfiles, sizeof(*lens));
		int wrc;

		for (i = 0; i < nfiles; i++) {
			paths[i] = path_join(outdir, files[i].name);
			data[i] = files[i].text.data;
			lens[i] = files[i].text.len;
		}
		wrc = write_files_atomic(&diag, nfiles, paths, data, lens, 1);
		for (i = 0; i < nfiles; i++)
			free((char *)paths[i]);
		free(paths);
		free(data);
		free(lens);
		if (wrc != 0) {
			rc = EXIT_USAGE;
			goto out;
		}
	}

	/* What was written must load as content. */
	if ((loaded = model_load(&diag, outdir)) == NULL) {
		fprintf(stderr, "shuzhi: error: 导入的内容无法读入（这是 shuzhi 的错误，请报告）\n");
		goto out;
	}
	summary(&rep, &src, reject, outdir, &diag);
	check_imported(loaded, outdir);
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
