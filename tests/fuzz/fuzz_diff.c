/*
 * fuzz_diff.c: the diff.  Input: OLD NUL NEW [NUL REPORT-YAML].  The two
 * texts are first diffed as they are with the character diff (textdiff),
 * whose pieces must give back both texts; then they are written as the
 * section file 1.yaml of two content folders (with the given report.yaml,
 * else a usual one) and, when both load, compared whole into the redline
 * Markdown, the summary and the JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "diff/diff.h"
#include "diff/textdiff.h"
#include "load/model.h"
#include "util/buf.h"
#include "files/fsio.h"

static const char default_report[] =
"unit: XXX镇党委\n"
"year: 2020\n"
"topic: 党管武装工作\n"
"opening: 根据要求，现将2020年度履行党管武装工作述职如下。\n"
"sections: [1.yaml]\n"
"closing: 在新的一年里，我们将继续认真落实上级的各项工作要求。\n";

/* The pieces of d must spell a (without insertions) and b (without deletions). */
static void
verify(const struct tdiff *d, const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i, ai = 0, bi = 0;

	for (i = 0; i < d->n; i++) {
		const struct td_piece *p = &d->p[i];

		if (p->op != TD_INS) {
			if (ai + p->len > alen || memcmp(a + ai, p->s, p->len) != 0)
				__builtin_trap();
			ai += p->len;
		}
		if (p->op != TD_DEL) {
			if (bi + p->len > blen || memcmp(b + bi, p->s, p->len) != 0)
				__builtin_trap();
			bi += p->len;
		}
	}
	if (ai != alen || bi != blen)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report *old = NULL, *new = NULL;
	struct rdiff *rd;
	struct tdiff td;
	struct diag *d;
	char *part[3], *block;
	size_t len[3], n;
	const char *rep;
	size_t replen;

	n = fuzz_split(data, size, 3, part, len, &block);
	if (n < 2) {
		part[1] = part[0] + len[0];	/* the empty string at the end */
		len[1] = 0;
	}
	memset(&td, 0, sizeof(td));
	textdiff(part[0], len[0], part[1], len[1], &td);
	verify(&td, part[0], len[0], part[1], len[1]);
	if (tdiff_changed(&td) != (len[0] != len[1] || memcmp(part[0], part[1], len[0]) != 0))
		__builtin_trap();
	tdiff_free(&td);

	rep = n >= 3 ? part[2] : default_report;
	replen = n >= 3 ? len[2] : strlen(default_report);
	d = fuzz_diag();
	fuzz_write("old/report.yaml", rep, replen);
	fuzz_write("new/report.yaml", rep, replen);
	fuzz_write("old/1.yaml", part[0], len[0]);
	fuzz_write("new/1.yaml", part[1], len[1]);
	{
		char *od = path_join(fuzz_tmpdir(), "old"), *nd = path_join(fuzz_tmpdir(), "new");

		old = model_load(d, od);
		new = model_load(d, nd);
		free(od);
		free(nd);
	}
	if (old != NULL && new != NULL && (rd = rdiff_build(d, old, new)) != NULL) {
		struct rdiff_labels lb = { "旧版", "新版" };
		struct buf out;

		buf_init(&out);
		rdiff_summary(rd, &lb, 0, &out);
		rdiff_summary(rd, &lb, 1, &out);
		rdiff_markdown(rd, &lb, &out);
		rdiff_json(rd, &lb, &out);
		buf_free(&out);
		rdiff_free(rd);
	}
	model_free(old);
	model_free(new);
	diag_free(d);
	free(block);
	return 0;
}
