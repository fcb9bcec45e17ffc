/*
 * fuzz_yaml.c: the YAML loader (value_load_text) on arbitrary bytes: any
 * input must give a tree or errors at a position, within the loader's
 * limits, and nothing else.
 */
#include <string.h>

#include "fuzz.h"
#include "load/value.h"

static size_t
walk(const struct value *v, int depth)
{
	size_t i, n = 1;

	if (depth > VALUE_MAX_DEPTH + 1)
		__builtin_trap();	/* the depth limit did not hold */
	if (v->str != NULL && strlen(v->str) > v->len)
		__builtin_trap();
	for (i = 0; i < v->n; i++) {
		n += walk(v->items[i], depth + 1);
		if (v->kind == VALUE_MAP && value_get(v, v->keys[i]) == NULL)
			__builtin_trap();
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct value_doc *doc;

	fuzz_diag(&d);
	doc = value_load_text(&d, "fuzz.yaml", (const char *)data, size);
	if (doc != NULL) {
		size_t len;

		walk(value_doc_root(doc), 0);
		value_doc_text(doc, &len);
		value_doc_free(doc);
	} else if (d.errors == 0)
		__builtin_trap();	/* refused without saying why */
	diag_free(&d);
	return 0;
}
