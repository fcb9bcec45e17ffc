/*
 * cmd_docx.c: shuzhi docx FILE.md -o FILE.docx: the report's Markdown as a
 * Word .docx in GB/T 9704 layout (export/docx.h).  It runs in shuzhi-docx;
 * `shuzhi build` runs that program too, with the Markdown on its standard
 * input and the .docx read from its standard output ("-").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../diag/diag.h"
#include "../export/docx.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/syserr.h"

#define MAX_MARKDOWN	(16u * 1024 * 1024)

/* All of standard input, at most max bytes. */
static int
read_stdin(struct diag *d, size_t max, struct buf *b)
{
	struct srcpos pos = { "<stdin>", 0, 0 };
	char chunk[65536];
	size_t n;

	buf_init(b);
	buf_puts(b, "");
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (b->len + n > max) {
			diag_error(d, &pos, "%s", "输入过大（超过 16 MiB）");
			return -1;
		}
		buf_put(b, chunk, n);
	}
	if (ferror(stdin)) {
		diag_error(d, &pos, "无法读取：%s", syserr(errno));
		return -1;
	}
	return 0;
}

static int
write_stdout(struct diag *d, const struct buf *b)
{
	struct srcpos pos = { "<stdout>", 0, 0 };

	if (fwrite(b->data, 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
		diag_error(d, &pos, "无法写出：%s", syserr(errno));
		return -1;
	}
	return 0;
}

int
cmd_docx(int argc, char **argv)
{
	struct docx_opts o;
	struct diag *d;
	struct buf md, docx;
	struct settings s;
	struct paths p;
	const char *in, *out;
	char *text = NULL;
	size_t len = 0;
	long long when;
	int ret;

	if ((ret = options_parse(command_find("docx"), argc, argv, &s)) != 0)
		return ret == OPTIONS_HELP ? 0 : ret;
	ret = EXIT_USAGE;
	memset(&o, 0, sizeof(o));
	in = s.args[0];
	out = s.out;
	o.title = s.title;
	o.author = s.author;
	o.subject = s.subject;
	o.md_path = s.md_path;
	settings_paths(&s, &p);
	o.style_path = p.style;
	o.fonts_path = p.fonts;
	if (source_date_epoch(&when) != 0) {
		paths_free(&p);
		return EXIT_USAGE;
	}
	o.source_date = when;
	if (o.md_path == NULL)
		o.md_path = strcmp(in, "-") == 0 ? "<stdin>" : in;

	d = diag_new(stderr);
	buf_init(&md);
	buf_init(&docx);
	if (strcmp(out, "-") != 0) {
		const char *inputs[2] = { strcmp(in, "-") != 0 ? in : NULL, o.style_path }, *same;

		if ((same = same_file(out, inputs, 2)) != NULL) {
			struct srcpos pos = { diag_intern(d, out), 0, 0 };

			diag_error(d, &pos, "输出的 .docx 会覆盖输入文件 %s（同一个文件），"
			    "请换一个输出文件名", same);
			goto out;
		}
	}
	if (strcmp(in, "-") == 0) {
		if (read_stdin(d, MAX_MARKDOWN, &md) != 0)
			goto out;
	} else {
		if (read_file(d, in, MAX_MARKDOWN, &text, &len) != 0)
			goto out;
		buf_put(&md, text, len);
	}
	if (docx_from_markdown(d, md.data ? md.data : "", md.len, &o, &docx) != 0 ||
	    diag_errors(d) > 0) {
		ret = EXIT_CONTENT;
		goto out;
	}
	if (strcmp(out, "-") != 0)
		remove_stale_temps_of(out);	/* what a run killed while writing left */
	if (strcmp(out, "-") == 0 ? write_stdout(d, &docx) != 0 :
	    write_file_atomic(d, out, docx.data, docx.len, 0) != 0)
		goto out;
	ret = 0;
out:
	buf_free(&md);
	buf_free(&docx);
	free(text);
	paths_free(&p);
	diag_free(d);
	return ret;
}
