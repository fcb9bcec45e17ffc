/* model.c: unit tests of the loader, the content model and the template context. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/model.h"
#include "load/value.h"
#include "render/context.h"
#include "util/cnnum.h"
#include "util/textnorm.h"

#include "tap.h"

static void
numeral(int n, const char *want)
{
	struct buf b;
	char name[64];

	buf_init(&b);
	cn_numeral(n, &b);
	snprintf(name, sizeof(name), "numeral %d is %s", n, want);
	check(strcmp(b.data, want) == 0, name, b.data);
	buf_free(&b);
}

static void
normalize(const char *in, const char *want)
{
	struct buf b;
	char name[256];

	buf_init(&b);
	text_normalize(in, strlen(in), &b);
	size_t i, k = 0;

	k = (size_t)snprintf(name, sizeof(name), "normalize \"");
	for (i = 0; in[i] != '\0' && k + 4 < sizeof(name); i++) {
		if (in[i] == '\n')
			name[k++] = '\\', name[k++] = 'n';
		else
			name[k++] = in[i];
	}
	snprintf(name + k, sizeof(name) - k, "\"");
	check(strcmp(b.data, want) == 0, name, b.data);
	buf_free(&b);
}

static void
positions(void)
{
	static const char text[] =
	    "a: 1.5\n"
	    "名字: 张三\n"
	    "list:\n"
	    "  - \"引号\"\n"
	    "  - 2020-12-30\n";
	struct diag *d;
	struct value_doc *doc;
	const struct value *root, *v;

	d = diag_new(stderr);
	doc = value_load_text(d, "t.yaml", text, strlen(text));
	check(doc != NULL, "load a small document", NULL);
	if (doc == NULL)
		return;
	root = value_doc_root(doc);
	v = value_get(root, "a");
	check(v && v->kind == VALUE_NUMBER && v->num == 1.5, "plain 1.5 is a number", NULL);
	v = value_get(root, "名字");
	check(v && v->pos.line == 2 && v->pos.col == 5, "column counted in characters", NULL);
	check(v && v->offset == strlen("a: 1.5\n名字: "), "byte offset of a scalar", NULL);
	v = value_get(root, "list");
	check(v && v->kind == VALUE_LIST && v->n == 2, "list of two", NULL);
	check(v && v->items[0]->style == STYLE_DOUBLE && v->items[0]->pos.col == 5,
	    "double-quoted scalar position", NULL);
	check(v && v->items[1]->kind == VALUE_STRING, "a date stays text", NULL);
	value_doc_free(doc);
	diag_free(d);
}

static void
bom_and_crlf(void)
{
	static const char text[] = "\xEF\xBB\xBFunit: 甲\r\nyear: 2020\r\n";
	struct diag *d;
	struct value_doc *doc;
	const struct value *v;

	d = diag_new(stderr);
	doc = value_load_text(d, "t.yaml", text, strlen(text));
	check(doc != NULL, "BOM and CRLF accepted", NULL);
	if (doc != NULL) {
		v = value_get(value_doc_root(doc), "year");
		check(v && v->pos.line == 2 && v->pos.col == 7, "CRLF lines counted once", NULL);
		value_doc_free(doc);
	}
	diag_free(d);
}

int
main(void)
{
	numeral(1, "一");
	numeral(10, "十");
	numeral(11, "十一");
	numeral(20, "二十");
	numeral(23, "二十三");
	numeral(100, "一百");
	numeral(105, "一百零五");
	numeral(110, "一百一十");
	normalize("党管武装 是", "党管武装是");
	normalize("GDP 增长", "GDP 增长");
	normalize("  前后  空白  ", "前后空白");
	normalize("a  b\n c", "a b c");
	normalize("第一行\n第二行", "第一行第二行");
	positions();
	bom_and_crlf();
	return tap_status();
}
