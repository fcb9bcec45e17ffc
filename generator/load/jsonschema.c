/*
 * jsonschema.c: turn the schema tables into a JSON Schema.  One schema
 * serves every content file: its root accepts either report.yaml or a
 * section file, each closed to unknown keys.  Section files nest at most
 * MODEL_MAX_LEVEL levels, so each level is its own definition and the
 * last one has no "sections".  The types mirror the loader's checks in
 * model.c: a text may be a string or a number, and an optional field may
 * be left empty (null), which the loader takes as absent.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonschema.h"
#include "model.h"
#include "value.h"
#include "../util/json.h"
#include "../util/xalloc.h"

/* A real date (month and day checked; February always up to 29). */
#define DATE_CORE(y, m, d) \
	"(19|2[0-9])[0-9]{2}" y "(" \
	"(0?[13578]|1[02])" m "(0?[1-9]|[12][0-9]|3[01])|" \
	"(0?[469]|11)" m "(0?[1-9]|[12][0-9]|30)|" \
	"0?2" m "(0?[1-9]|[12][0-9])" \
	")" d
#define DATE_RE	"^(" DATE_CORE("-", "-", "") "|" DATE_CORE("年", "月", "日") ")$"

static struct value *
str(struct value_doc *d, const char *s)
{
	return value_new_string(d, s, strlen(s));
}

static struct value *
num(struct value_doc *d, long n)
{
	struct value *v = value_new(d, VALUE_NUMBER);
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%ld", n);
	free(v->str);
	v->str = xstrdup(tmp);
	v->len = strlen(tmp);
	v->num = (double)n;
	return v;
}

/* A list of strings, NULL-terminated arguments. */
static struct value *
strs(struct value_doc *d, const char *first, ...)
{
	struct value *l = value_new(d, VALUE_LIST);
	const char *s;
	va_list ap;

	va_start(ap, first);
	for (s = first; s != NULL; s = va_arg(ap, const char *))
		value_push(l, str(d, s));
	va_end(ap);
	return l;
}

static struct value *
ref(struct value_doc *d, const char *name)
{
	struct value *m = value_new(d, VALUE_MAP);
	char tmp[64];

	snprintf(tmp, sizeof(tmp), "#/definitions/%s", name);
	value_set_string(d, m, "$ref", tmp);
	return m;
}

/* The JSON types of a field; optional fields may also be null. */
static struct value *
types(struct value_doc *d, const struct field *f, const char *a, const char *b,
    const char *c)
{
	const char *opt = (f->flags & FIELD_REQUIRED) ? NULL : "null";

	if (b == NULL)
		return opt == NULL ? str(d, a) : strs(d, a, opt, NULL);
	if (c == NULL)
		return strs(d, a, b, opt, NULL);
	return strs(d, a, b, c, opt, NULL);
}

static struct value	*object(struct value_doc *, const struct field *, int level,
			    const char *desc);

static void
section_name(char *out, size_t size, int level)
{
	snprintf(out, size, "section-%d", level);
}

static struct value *
property(struct value_doc *d, const struct field *f, int level)
{
	struct value *p = value_new(d, VALUE_MAP), *it;
	char name[32];

	value_set_string(d, p, "description", f->desc);
	switch (f->type) {
	case FIELD_TEXT:
		value_set(d, p, "type", types(d, f, "string", "number", NULL));
		break;
	case FIELD_ID:
		value_set(d, p, "type", types(d, f, "string", "number", NULL));
		value_set_string(d, p, "pattern", "^[-A-Za-z0-9_.]*$");
		value_set_string(d, p, "patternErrorMessage",
		    "标识只能由字母、数字、“-”和“_”组成");
		break;
	case FIELD_YEAR:
		value_set(d, p, "type", types(d, f, "integer", "string", NULL));
		value_set(d, p, "minimum", num(d, 1000));
		value_set(d, p, "maximum", num(d, 9999));
		value_set_string(d, p, "pattern", "^[0-9]{4}$");
		value_set_string(d, p, "patternErrorMessage", "应为四位数的年份，如 2020");
		break;
	case FIELD_DATE:
		value_set(d, p, "type", types(d, f, "string", NULL, NULL));
		value_set_string(d, p, "pattern", DATE_RE);
		value_set_string(d, p, "patternErrorMessage",
		    "应为日期，如 2020-12-30 或 2020年12月30日");
		break;
	case FIELD_PARAS:
		value_set(d, p, "type", types(d, f, "string", "number", "array"));
		it = value_new(d, VALUE_MAP);
		value_set(d, it, "type", strs(d, "string", "number", NULL));
		value_set(d, p, "items", it);
		break;
	case FIELD_FILES:
		value_set(d, p, "type", types(d, f, "array", NULL, NULL));
		value_set(d, p, "minItems", num(d, 1));
		value_set(d, p, "uniqueItems", value_new_bool(d, 1));
		it = value_new(d, VALUE_MAP);
		value_set_string(d, it, "type", "string");
		value_set_string(d, it, "pattern", "^[^./][^/]*$");
		value_set_string(d, it, "patternErrorMessage", "应为同一文件夹中的文件名");
		value_set(d, p, "items", it);
		break;
	case FIELD_NAMES:
		value_set(d, p, "type", types(d, f, "array", NULL, NULL));
		it = value_new(d, VALUE_MAP);
		value_set_string(d, it, "type", "string");
		value_set_string(d, it, "pattern", "^[A-Za-z0-9][-A-Za-z0-9._]*$");
		value_set(d, p, "items", it);
		break;
	case FIELD_FACTS:
		value_set(d, p, "type", types(d, f, "object", NULL, NULL));
		it = value_new(d, VALUE_MAP);
		value_set(d, it, "type", strs(d, "string", "number", NULL));
		value_set(d, p, "additionalProperties", it);
		break;
	case FIELD_LIST:
		value_set(d, p, "type", types(d, f, "array", NULL, NULL));
		if (f->sub == model_section_fields) {
			section_name(name, sizeof(name), level + 1);
			value_set(d, p, "items", ref(d, name));
		} else if (f->sub == model_item_fields)
			value_set(d, p, "items", ref(d, "item"));
		else
			value_set(d, p, "items", object(d, f->sub, level, NULL));
		break;
	default:
		/* A type this generator does not know yet: described, not checked. */
		break;
	}
	return p;
}

/* A closed object with the fields of a table. */
static struct value *
object(struct value_doc *d, const struct field *fields, int level, const char *desc)
{
	struct value *o = value_new(d, VALUE_MAP), *props, *req;
	const struct field *f;

	if (desc != NULL)
		value_set_string(d, o, "description", desc);
	value_set_string(d, o, "type", "object");
	value_set(d, o, "additionalProperties", value_new_bool(d, 0));
	req = value_new(d, VALUE_LIST);
	for (f = fields; f->key != NULL; f++)
		if (f->flags & FIELD_REQUIRED)
			value_push(req, str(d, f->key));
	if (req->n > 0)
		value_set(d, o, "required", req);
	props = value_new(d, VALUE_MAP);
	for (f = fields; f->key != NULL; f++) {
		if (f->type == FIELD_LIST && f->sub == model_section_fields &&
		    level >= MODEL_MAX_LEVEL)
			continue;	/* the loader allows no deeper level */
		value_set(d, props, f->key, property(d, f, level));
	}
	value_set(d, o, "properties", props);
	return o;
}

static int
all_scalars(const struct value *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->items[i]->kind == VALUE_LIST || v->items[i]->kind == VALUE_MAP)
			return 0;
	return 1;
}

/* Pretty JSON: maps one key a line, lists of scalars on one line. */
static void
json_write(struct buf *b, const struct value *v, int indent)
{
	size_t i;

	switch (v->kind) {
	case VALUE_NULL:
		buf_puts(b, "null");
		break;
	case VALUE_BOOL:
		buf_puts(b, v->boolean ? "true" : "false");
		break;
	case VALUE_NUMBER:
		buf_puts(b, v->str);
		break;
	case VALUE_STRING:
		json_string(b, v->str);
		break;
	case VALUE_LIST:
		if (all_scalars(v)) {
			buf_putc(b, '[');
			for (i = 0; i < v->n; i++) {
				if (i > 0)
					buf_puts(b, ", ");
				json_write(b, v->items[i], indent);
			}
			buf_putc(b, ']');
			break;
		}
		buf_puts(b, "[\n");
		for (i = 0; i < v->n; i++) {
			buf_printf(b, "%*s", indent + 2, "");
			json_write(b, v->items[i], indent + 2);
			buf_puts(b, i + 1 < v->n ? ",\n" : "\n");
		}
		buf_printf(b, "%*s]", indent, "");
		break;
	case VALUE_MAP:
		if (v->n == 0) {
			buf_puts(b, "{}");
			break;
		}
		buf_puts(b, "{\n");
		for (i = 0; i < v->n; i++) {
			buf_printf(b, "%*s", indent + 2, "");
			json_string(b, v->keys[i]);
			buf_puts(b, ": ");
			json_write(b, v->items[i], indent + 2);
			buf_puts(b, i + 1 < v->n ? ",\n" : "\n");
		}
		buf_printf(b, "%*s}", indent, "");
		break;
	}
}

void
content_json_schema(struct buf *b)
{
	static const char *const level_desc[MODEL_MAX_LEVEL + 1] = {
		NULL,
		"一个部分的文件（标题印成“一、”“二、”……），由 report.yaml 的 sections 列出",
		"第二级标题的部分，标题印成“（一）”“（二）”……",
		"第三级标题的部分，标题印成“1.”“2.”……",
		"第四级标题的部分，标题印成“（1）”“（2）”……；不能再往下分",
	};
	struct value_doc *d = value_doc_new();
	struct value *root = value_new(d, VALUE_MAP), *any, *defs;
	char name[32];
	int level;

	value_set_string(d, root, "$schema", "http://json-schema.org/draft-07/schema#");
	value_set_string(d, root, "$comment",
	    "由 shuzhi schema 从程序中的内容模型生成，不要手改；改了内容模型后重新运行 "
	    "shuzhi schema > content.schema.json");
	value_set_string(d, root, "title", "shuzhi 述职报告的内容文件");
	value_set_string(d, root, "description",
	    "content/<年份>/ 中的 report.yaml（基本信息），或它的 sections 列出的一个部分的文件");
	any = value_new(d, VALUE_LIST);
	value_push(any, ref(d, "report"));
	section_name(name, sizeof(name), 1);
	value_push(any, ref(d, name));
	value_set(d, root, "anyOf", any);
	defs = value_new(d, VALUE_MAP);
	value_set(d, defs, "report", object(d, model_report_fields, 0,
	    "report.yaml：述职报告的基本信息、开头、结尾，以及各部分文件的顺序"));
	for (level = 1; level <= MODEL_MAX_LEVEL; level++) {
		section_name(name, sizeof(name), level);
		value_set(d, defs, name, object(d, model_section_fields, level,
		    level_desc[level]));
	}
	value_set(d, defs, "item", object(d, model_item_fields, 0,
	    "一个条目，印成“一是”“二是”……加粗的引领句和正文"));
	value_set(d, root, "definitions", defs);
	value_doc_set_root(d, root);
	json_write(b, root, 0);
	buf_putc(b, '\n');
	value_doc_free(d);
}
