/*
 * import.c: the import stage's entry point: what the file is (by its
 * first bytes), its paragraphs (text or .docx), its structure, and the
 * content folder's files, with the figures of what was found.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "importint.h"
#include "../files/fsio.h"
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

/* The paragraphs of the file, by its kind; -1 after an error. */
static int
read_source(struct diag *d, const char *path, enum kind kind, int reject, struct isource *src)
{
	struct srcpos pos = { src->path, 0, 0 };
	const char *enc;
	char *text;
	size_t len;

	switch (kind) {
	case K_DOC:
	case K_PDF:
		diag_error(d, &pos, "%s", kind == K_DOC ?
		    "这是旧版 Word 的 .doc 文件，不能直接导入；请在 Word 或 WPS 中另存为 .docx 或纯文本" :
		    "这是 PDF 文件，不能直接导入；请复制其中的文字，存为纯文本后再导入");
		return -1;
	case K_DOCX:
		if (docx_read(d, path, reject, src) != 0)
			return -1;
		src->format = xstrdup("Word .docx");
		return 0;
	case K_TEXT:
		break;
	}
	if (text_read(d, path, &text, &len, &enc) != 0)
		return -1;
	diag_add_source(d, path, text, len);
	text_paragraphs(d, text, len, src);
	free(text);
	src->format = xstrdup(strcmp(enc, "UTF-8") == 0 ? "UTF-8 文本" :
	    strcmp(enc, "UTF-16") == 0 ? "UTF-16 文本，已转换" : "GB18030/GBK 文本，已转换");
	return 0;
}

static void
count(const struct isection *s, struct import_result *res)
{
	size_t i;

	for (i = 0; i < s->nitems; i++) {
		res->nitems++;
		res->nleads += s->items[i].lead_found;
	}
	for (i = 0; i < s->nsubs; i++) {
		res->nsubs++;
		count(&s->subs[i], res);
	}
}

/* The figures of what was found, for the summary. */
static void
figures(const struct isource *src, const struct ireport *r, struct import_result *res)
{
	size_t i;

	res->title_derived = r->title_derived;
	res->title_same = r->title_same;
	res->nsections = r->nsections;
	for (i = 0; i < r->nsections; i++)
		count(&r->sections[i], res);
	res->nopening = r->opening.n;
	res->nclosing = r->closing.n;
	res->appendix = r->appendix.n > 0;
	res->signature = r->signature != NULL;
	res->date = r->date != NULL;
	res->nattachments = r->nattachments;
	res->nrewrites = r->nrewrites;
	res->nplain = r->nplain;
	res->nrevisions = src->nrevisions;
	res->ncomments = src->ncomments;
}

int
import_file(struct diag *d, const char *path, const struct import_opts *o,
    struct import_result *res)
{
	struct isource src;
	struct ireport rep;
	struct stat st;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	enum kind kind;
	int rc, fd;

	memset(res, 0, sizeof(*res));
	memset(&src, 0, sizeof(src));
	memset(&rep, 0, sizeof(rep));
	src.path = diag_intern(d, path);
	/* A regular file only: a FIFO or a device would block or never end. */
	if ((fd = open_regular(d, NULL, path, &st)) < 0)
		return IMPORT_UNREADABLE;
	kind = sniff(path, fd);
	close(fd);
	rc = read_source(d, path, kind, o->reject, &src);
	if (rc == 0 && detect_structure(d, &src, &rep) == 0 && detect_meta(d, &src, o, &rep) == 0) {
		write_content(&rep, base, src.format, &res->files, &res->nfiles);
		figures(&src, &rep, res);
	} else
		rc = -1;
	ireport_free(&rep);
	isource_free(&src);
	return rc;
}

void
import_result_free(struct import_result *res)
{
	ifiles_free(res->files, res->nfiles);
	res->files = NULL;
	res->nfiles = 0;
}
