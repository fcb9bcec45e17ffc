/*
 * cmd_schema.c: shuzhi schema [-o FILE].  Print the JSON Schema of the
 * content files, made from the same tables the loader checks against;
 * the repository keeps its output as content.schema.json.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "../diag/diag.h"
#include "../load/jsonschema.h"
#include "../util/buf.h"
#include "../files/fsio.h"

int
cmd_schema(int argc, char **argv)
{
	const char *out;
	struct settings s;
	struct diag *diag;
	struct buf b;
	int rc;

	if ((rc = options_parse(command_find("schema"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	out = s.out;
	buf_init(&b);
	content_json_schema(&b);
	if (out == NULL) {
		if (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout) != 0) {
			perror("shuzhi: error: 无法写出");
			rc = EXIT_USAGE;
		}
	} else {
		diag = diag_new(stderr);
		if (write_file_atomic(diag, out, b.data, b.len, 0) != 0)
			rc = EXIT_USAGE;
		diag_free(diag);
	}
	buf_free(&b);
	return rc;
}
