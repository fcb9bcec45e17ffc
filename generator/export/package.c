/*
 * package.c: the parts zipped with libzip, in memory.  The same parts give
 * the same bytes: entries in the order given, every one stamped with the
 * zip format's first date (1980-01-01 00:00), deflated at one level.
 */
#include <stdio.h>
#include <string.h>

#include <zip.h>

#include "export.h"

#define DOS_DATE_1980	((1u << 5) | 1u)	/* 1980-01-01 */
#define DOS_TIME_0	0u

static int
add_parts(zip_t *z, const struct part *parts, size_t n, const char **failed)
{
	size_t i;

	for (i = 0; i < n; i++) {
		zip_source_t *s;
		zip_int64_t idx;

		*failed = parts[i].name;
		if ((s = zip_source_buffer(z, parts[i].data.data, parts[i].data.len, 0)) == NULL)
			return -1;
		if ((idx = zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(s);
			return -1;
		}
		if (zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9) != 0 ||
		    zip_file_set_dostime(z, (zip_uint64_t)idx, DOS_TIME_0, DOS_DATE_1980, 0) != 0)
			return -1;
	}
	*failed = NULL;
	return 0;
}

/* The bytes of a closed in-memory archive. */
static int
read_back(zip_source_t *src, struct buf *out)
{
	char chunk[65536];
	zip_int64_t n;

	if (zip_source_open(src) != 0)
		return -1;
	while ((n = zip_source_read(src, chunk, sizeof(chunk))) > 0)
		buf_put(out, chunk, (size_t)n);
	zip_source_close(src);
	return n < 0 ? -1 : 0;
}

int
package_zip(struct diag *d, const char *out_name, const struct part *parts, size_t n,
    struct buf *out)
{
	struct srcpos pos = { out_name, 0, 0 };
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	const char *failed = NULL;
	int rc = -1;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL) {
		diag_error(d, &pos, "无法生成 .docx：%s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	zip_source_keep(src);
	if ((z = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		diag_error(d, &pos, "无法生成 .docx：%s", zip_error_strerror(&ze));
		goto out;
	}
	if (add_parts(z, parts, n, &failed) != 0) {
		diag_error(d, &pos, "无法生成 .docx 的 %s：%s", failed ? failed : "?", zip_strerror(z));
		zip_discard(z);
		goto out;
	}
	if (zip_close(z) != 0) {
		diag_error(d, &pos, "无法生成 .docx：%s", zip_strerror(z));
		zip_discard(z);
		goto out;
	}
	buf_init(out);
	if (read_back(src, out) != 0) {
		diag_error(d, &pos, "%s", "无法生成 .docx：读不回压缩后的数据");
		buf_free(out);
		goto out;
	}
	rc = 0;
out:
	zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}
