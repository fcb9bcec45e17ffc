/*
 * cmd_typeset.c: shuzhi typeset: lay out any Markdown file (written to the
 * report's Markdown contract) as a GB/T 9704 PDF.  For testing the
 * typesetter and for people who write their Markdown by hand.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../diag/diag.h"
#include "../typeset/typeset.h"
#include "../util/buf.h"
#include "../files/fsio.h"

#define MAX_MARKDOWN	(16u * 1024 * 1024)

/* 1 (after reporting) when writing out (what) would overwrite one of the files named. */
static int
overwrites(struct diag *d, const char *what, const char *out, const char *const *inputs,
    size_t n)
{
	const char *same;

	if ((same = same_file(out, inputs, n)) != NULL) {
		struct srcpos pos = { diag_intern(d, out), 0, 0 };

		diag_error(d, &pos, "输出的%s会覆盖%s文件 %s（同一个文件），"
		    "请换一个输出文件名", what, n == 1 ? "输出的 PDF " : "输入", same);
		return 1;
	}
	return 0;
}

/* The PDF, and the lines when asked for (--dump-lines): both written, or neither. */
static int
write_outputs(struct diag *d, const char *out, const struct buf *pdf, const char *lines_path,
    const struct buf *lines)
{
	const char *paths[2] = { out, lines_path };
	const void *data[2] = { pdf->data, lines->data };
	size_t lens[2] = { pdf->len, lines->len };

	remove_stale_temps_of(out);	/* what a typeset killed while writing left */
	if (lines_path != NULL)
		remove_stale_temps_of(lines_path);
	return write_files_atomic(d, lines_path != NULL ? 2 : 1, paths, data, lens, 0);
}

int
cmd_typeset(int argc, char **argv)
{
	struct typeset_opts o;
	struct settings s;
	struct paths p;
	struct diag *d;
	struct buf pdf, lines;
	const char *in, *out;
	char *md;
	size_t len;
	int ret;

	if ((ret = options_parse(command_find("typeset"), argc, argv, &s)) != 0)
		return ret == OPTIONS_HELP ? 0 : ret;
	memset(&o, 0, sizeof(o));
	in = s.args[0];
	out = s.out;
	o.title = s.title;
	o.author = s.author;
	o.subject = s.subject;
	if (source_date_epoch(&o.source_date) != 0)
		return EXIT_USAGE;
	settings_paths(&s, &p);
	o.md_path = in;
	o.style_path = p.style;
	o.fonts_path = p.fonts;

	d = diag_new(stderr);
	{
		const char *inputs[3] = { in, o.style_path, o.fonts_path };

		if (overwrites(d, " PDF ", out, inputs, 3) || (s.dump_lines != NULL &&
		    (overwrites(d, "分行文本", s.dump_lines, inputs, 3) ||
		    overwrites(d, "分行文本", s.dump_lines, &out, 1)))) {
			paths_free(&p);
			diag_free(d);
			return EXIT_USAGE;
		}
	}
	if (read_file(d, in, MAX_MARKDOWN, &md, &len) != 0) {
		paths_free(&p);
		diag_free(d);
		return EXIT_USAGE;
	}
	buf_init(&pdf);
	buf_init(&lines);
	if (s.dump_lines != NULL)
		o.lines = &lines;
	ret = 0;
	if ((ret = typeset_markdown(d, md, len, &o, &pdf)) != 0 || diag_errors(d) > 0)
		ret = ret == TYPESET_NO_FONTS ? EXIT_USAGE : EXIT_CONTENT;
	else if (write_outputs(d, out, &pdf, s.dump_lines, &lines) != 0)
		ret = EXIT_USAGE;
	buf_free(&lines);
	buf_free(&pdf);
	free(md);
	paths_free(&p);
	diag_free(d);
	return ret;
}
