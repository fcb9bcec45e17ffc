/*
 * fuzz_mustache.c: the Mustache engine on an arbitrary template and data.
 * Input: TEMPLATE NUL DATA-YAML NUL PARTIALS-YAML (a map name -> text).
 * Without the partials part, partials come from the project's templates/
 * folder, as in shuzhi build.  The escaping follows the input's length.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "load/value.h"
#include "render/mustache.h"
#include "files/fsio.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *tdir;
	struct diag *d;
	struct value_doc *ctx = NULL, *partials = NULL;
	struct mustache_opts mo;
	struct buf out;
	char *part[3], *block;
	size_t len[3], n;

	if (tdir == NULL)
		tdir = path_join(fuzz_root(), "templates");
	n = fuzz_split(data, size, 3, part, len, &block);
	d = fuzz_diag();
	buf_init(&out);
	memset(&mo, 0, sizeof(mo));
	mo.escape = (enum mustache_escape)(size % 3);
	mo.partials_dir = tdir;
	if (n >= 2 && (ctx = value_load_text(d, "data.yaml", part[1], len[1])) == NULL)
		goto out;
	if (n >= 3) {
		if ((partials = value_load_text(d, "partials.yaml", part[2], len[2])) == NULL)
			goto out;
		mo.partials = value_doc_root(partials);
		mo.partials_dir = NULL;
	}
	if (mustache_render(d, "fuzz.mustache", part[0], len[0],
	    ctx != NULL ? value_doc_root(ctx) : NULL, &mo, &out) != 0 && diag_errors(d) == 0)
		__builtin_trap();	/* failed without saying why */
out:
	buf_free(&out);
	value_doc_free(ctx);
	value_doc_free(partials);
	diag_free(d);
	free(block);
	return 0;
}
