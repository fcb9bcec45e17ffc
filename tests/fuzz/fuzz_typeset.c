/*
 * fuzz_typeset.c: the typesetting stage (Markdown -> blocks -> items ->
 * lines -> pages -> PDF bytes) on arbitrary Markdown, with the project's
 * style sheet and fonts/fonts.yaml (the Debian fonts).  Any input must
 * give a PDF or errors at a position.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "typeset/typeset.h"
#include "files/fsio.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *style, *fonts;
	struct typeset_opts to = { 0 };
	struct diag *d;
	struct buf pdf;

	if (style == NULL) {
		style = path_join(fuzz_root(), "templates/style.yaml");
		fonts = path_join(fuzz_root(), "fonts/fonts.yaml");
	}
	d = fuzz_diag();
	buf_init(&pdf);
	to.md_path = "fuzz.md";
	to.style_path = style;
	to.fonts_path = fonts;
	to.source_date = 0;
	if (typeset_markdown(d, (const char *)data, size, &to, &pdf) != 0 && diag_errors(d) == 0)
		__builtin_trap();	/* failed without saying why */
	buf_free(&pdf);
	diag_free(d);
	return 0;
}
