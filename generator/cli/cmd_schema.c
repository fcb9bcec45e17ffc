/*
 * cmd_schema.c: shuzhi schema [-o FILE].  Print the JSON Schema of the
 * content files, made from the same tables the loader checks against;
 * the repository keeps its output as content.schema.json.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "../diag/diag.h"
#include "../load/jsonschema.h"
#include "../util/buf.h"
#include "../util/fsio.h"

static const char schema_usage[] =
"用法：shuzhi schema [-o FILE]\n"
"  输出内容文件（report.yaml 和各部分的文件）的 JSON Schema，供编辑器的 YAML 插件\n"
"  补全键名、显示说明、提示类型错误。仓库中保存为 content.schema.json：\n"
"    shuzhi schema -o content.schema.json\n"
"  -o FILE  写入 FILE（原子地替换），而不是标准输出\n";

int
cmd_schema(int argc, char **argv)
{
	const char *out = NULL;
	struct diag diag;
	struct buf b;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(schema_usage, stdout);
			return 0;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc && out == NULL)
			out = argv[++i];
		else {
			fprintf(stderr, "shuzhi: error: schema 不认识参数“%s”\n%s",
			    argv[i], schema_usage);
			return EXIT_USAGE;
		}
	}
	buf_init(&b);
	content_json_schema(&b);
	if (out == NULL) {
		if (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout) != 0) {
			perror("shuzhi: error: 无法写出");
			rc = EXIT_USAGE;
		}
	} else {
		diag_init(&diag, stderr);
		if (write_file_atomic(&diag, out, b.data, b.len, 0) != 0)
			rc = EXIT_USAGE;
		diag_free(&diag);
	}
	buf_free(&b);
	return rc;
}
