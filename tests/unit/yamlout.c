/* yamlout.c: unit tests of the YAML writer: every scalar reads back as the same string. */
#include <stdio.h>
#include <string.h>

#include "load/value.h"
#include "load/yamlout.h"
#include "util/buf.h"

#include "tap.h"

/* Write s as a value and as a key, read it back, and compare. */
static void
roundtrip(const char *s, int want_plain)
{
	struct value_doc *doc;
	const struct value *root, *v;
	struct diag *d;
	struct buf b;
	char name[160], shown[64];
	size_t i, k;
	int ok;

	for (i = k = 0; s[i] != '\0' && k + 3 < sizeof(shown); i++) {
		if (s[i] == '\n' || s[i] == '\t') {
			shown[k++] = '\\';
			shown[k++] = s[i] == '\n' ? 'n' : 't';
		} else
			shown[k++] = s[i];
	}
	shown[k] = '\0';

	buf_init(&b);
	buf_puts(&b, "k: ");
	yaml_put_scalar(&b, s);
	buf_puts(&b, "\n");
	yaml_put_scalar(&b, s);
	buf_puts(&b, ": v\n");
	d = diag_new(stdout);
	diag_set_flags(d, DIAG_QUIET_WARNINGS);
	doc = value_load_text(d, "test.yaml", b.data, b.len);
	root = doc != NULL ? value_doc_root(doc) : NULL;
	v = root != NULL ? value_get(root, "k") : NULL;
	ok = v != NULL && v->kind == VALUE_STRING && strcmp(v->str, s) == 0 &&
	    root->n == 2 && strcmp(root->keys[1], s) == 0;
	snprintf(name, sizeof(name), "scalar \"%s\" reads back", shown);
	check(ok, name, b.data);
	if (want_plain >= 0) {
		snprintf(name, sizeof(name), "scalar \"%s\" is %s", shown,
		    want_plain ? "plain" : "quoted");
		check(yaml_plain_ok(s) == want_plain, name, b.data);
	}
	value_doc_free(doc);
	diag_free(d);
	buf_free(&b);
}

int
main(void)
{
	static const char *const quoted[] = {
		"[待补充]", "", "yes", "No", "on", "null", "~", "true", "2020",
		"2020-12-30", "1e3", "0x1F", ".5", "-", "- 引领", "a: b", "a #b",
		"#注释", "*别名", "&锚", "!标签", "|", ">", "'单引号'", "\"双\"",
		"尾空格 ", " 首空格", "a:", "%指令", "@", "`", "{映射}", "行一\n行二",
		"制表\t符", "12:30", "+1", "1_000",
	};
	static const char *const plain[] = {
		"统一思想，提高站位。", "XXX镇党委", "1-zhidu.yaml", "tongyi-sixiang",
		"各位领导、同志们", "a:b", "a#b", "“引号”", "50%", "第1条", "反斜杠\\",
	};
	struct buf b;
	size_t i;

	for (i = 0; i < sizeof(quoted) / sizeof(quoted[0]); i++)
		roundtrip(quoted[i], 0);
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		roundtrip(plain[i], 1);

	buf_init(&b);
	yaml_put_comment(&b, 2, "一\n\n二");
	check(strcmp(b.data, "  # 一\n  #\n  # 二\n") == 0, "comment lines", b.data);
	buf_free(&b);
	return tap_status();
}
