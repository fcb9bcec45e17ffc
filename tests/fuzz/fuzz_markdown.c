/*
 * fuzz_markdown.c: typeset's reading of Markdown (cmark-gfm's tree walked
 * into blocks and runs, typeset/markdown.c) on inputs far longer than
 * fuzz_typeset takes: nesting tens of thousands deep, long runs.  Every
 * character of every run is located back in the Markdown, as the
 * typesetter does for a character no font has.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "typeset/markdown.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct md_doc doc;
	struct diag *d;
	size_t i, r, located = 0;

	d = fuzz_diag();
	if (md_parse(d, "fuzz.md", (const char *)data, size, &doc) == 0) {
		for (i = 0; i < doc.n; i++) {
			const struct md_block *b = &doc.blocks[i];

			free(md_block_text(b));
			/* The first and last character of the first runs (each a search). */
			for (r = 0; r < b->nruns && located < 40; r++, located += 2) {
				const struct md_run *run = &b->runs[r];
				struct srcpos pos;

				if (run->len == 0)
					continue;
				pos = md_locate(&doc, run, 0);
				pos = md_locate(&doc, run, run->len - 1);
				if (pos.line < 0 || pos.col < 0)
					__builtin_trap();
			}
		}
		md_free(&doc);
	}
	diag_free(d);
	return 0;
}
