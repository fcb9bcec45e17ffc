/*
 * fuzz_docx.c: the import of a .docx (import_file): the reader (libzip,
 * libxml2 through wml_read), then structure, title and year, the content
 * files' texts.
 * Input: a .docx as it is (it starts with "PK"), or the parts to pack into
 * one: DOCUMENT-XML [NUL STYLES-XML [NUL NUMBERING-XML]], so that the
 * fuzzer works on the XML rather than on deflated bytes.  Any input must
 * give paragraphs or errors, in bounded time and memory.
 */
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "fuzz.h"
#include "import/import.h"

static const char *const parts[] = {
	"word/document.xml", "word/styles.xml", "word/numbering.xml",
};

/* The parts packed into a zip (stored); NULL when libzip would not. */
static const char *
pack(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("in.docx", "", 0);
	char *part[3], *block;
	size_t len[3], n, i;
	zip_t *z;
	int err;

	if ((z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL)
		abort();
	n = fuzz_split(data, size, 3, part, len, &block);
	for (i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, part[i], len[i], 0);
		zip_int64_t idx;

		if (s == NULL || (idx = zip_file_add(z, parts[i], s, ZIP_FL_OVERWRITE)) < 0)
			abort();
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(z) != 0)
		abort();
	free(block);
	return path;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o = { NULL, "2020", (int)(size & 1) };
	struct import_result res;
	struct diag *d;
	const char *path;

	if (size >= 2 && memcmp(data, "PK", 2) == 0)
		path = fuzz_write("in.docx", (const char *)data, size);
	else
		path = pack(data, size);
	d = fuzz_diag();
	if (import_file(d, path, &o, &res) != 0 && diag_errors(d) == 0)
		__builtin_trap();	/* refused without saying why */
	import_result_free(&res);
	diag_free(d);
	return 0;
}
