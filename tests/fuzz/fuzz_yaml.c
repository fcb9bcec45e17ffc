/*
 * fuzz_yaml.c: the YAML loader (value_load_text) on arbitrary bytes: any
 * input must give a tree or errors at a position, within the loader's
 * limits, and nothing else; no error may carry libyaml's English.  The
 * repair shuzhi fix makes before parsing (yaml_repair_text) may change
 * only blanks and colons, never a line break or any other character.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "load/value.h"
#include "load/yamlrepair.h"

struct input {
	const uint8_t	*data;
	size_t		 size;
};

/* An error said in libyaml's words (not quoted from the input) instead of the author's. */
static void
no_english(void *arg, enum diag_level level, const struct srcpos *pos,
    const struct srcpos *end, const char *rule, const char *msg)
{
	static const char *const en[] = { "did not find", "could not find", "found ",
	    "while scanning", "while parsing", "not allowed", NULL };
	const struct input *in = arg;
	size_t i;

	(void)level, (void)pos, (void)end, (void)rule;
	for (i = 0; en[i] != NULL; i++)
		if (strstr(msg, en[i]) != NULL && memmem(in->data, in->size, en[i], strlen(en[i])) == NULL)
			__builtin_trap();
}

/* text without the characters a repair may change: blanks, U+3000, ':' and U+FF1A. */
static size_t
squeeze(const char *s, size_t n, char *out)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == ':')
			continue;
		if (n - i >= 3 && (memcmp(s + i, "\xE3\x80\x80", 3) == 0 ||
		    memcmp(s + i, "\xEF\xBC\x9A", 3) == 0)) {
			i += 2;
			continue;
		}
		out[k++] = s[i];
	}
	return k;
}

static void
repair(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t len, count, a, b;
	char *fixed = yaml_repair_text("fuzz.yaml", text, size, NULL, &len, &count), *x, *y;

	if (fixed == NULL)
		return;
	x = malloc(size + 1);
	y = malloc(len + 1);
	a = squeeze(text, size, x);
	b = squeeze(fixed, len, y);
	if (count == 0 || a != b || memcmp(x, y, a) != 0)
		__builtin_trap();
	free(x);
	free(y);
	free(fixed);
}

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
	struct input in = { data, size };
	struct diag *d;
	struct value_doc *doc;

	d = fuzz_diag();
	doc = value_load_text(d, "fuzz.yaml", (const char *)data, size);
	if (doc != NULL) {
		size_t len;

		walk(value_doc_root(doc), 0);
		value_doc_text(doc, &len);
		value_doc_free(doc);
	} else if (diag_errors(d) == 0)
		__builtin_trap();	/* refused without saying why */
	diag_free(d);
	d = fuzz_diag();
	diag_set_hook(d, no_english, &in);
	value_doc_free(value_load_text(d, "fuzz.yaml", (const char *)data, size));
	diag_free(d);
	repair(data, size);
	return 0;
}
