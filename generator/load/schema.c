/*
 * schema.c: the fields of the content files.  The loader validates against
 * these tables, and the same tables describe the files to authors.
 */
#include <stddef.h>

#include "model.h"

const struct field model_item_fields[] = {
	{ "id", FIELD_ID, 0, "条目的固定标识（可选），比较版本时用来认出同一条目", NULL },
	{ "lead", FIELD_TEXT, FIELD_REQUIRED,
	  "加粗的引领句，如“统一思想，提高站位。”；“一是、二是”自动生成，不要写", NULL },
	{ "body", FIELD_PARAS, FIELD_REQUIRED,
	  "引领句后面的正文；可用 {{名称}} 引用 facts 中的事实", NULL },
	{ "facts", FIELD_FACTS, 0,
	  "条目中的事实（日期、地点、人数等），名称: 值，正文中写 {{名称}} 引用", NULL },
	{ NULL, 0, 0, NULL, NULL },
};

const struct field model_section_fields[] = {
	{ "id", FIELD_ID, 0, "部分的固定标识（可选），比较版本时用来认出同一部分", NULL },
	{ "title", FIELD_TEXT, FIELD_REQUIRED,
	  "标题，如“提高认识，严格贯彻落实各项制度”；编号“一、”“（一）”自动生成", NULL },
	{ "run_in", FIELD_TEXT, 0,
	  "接在标题后、与标题同一段的正文（标题不单独成行时用）", NULL },
	{ "paragraphs", FIELD_PARAS, 0, "标题下、条目前的段落", NULL },
	{ "items", FIELD_LIST, 0, "条目，按顺序编号为“一是、二是……”", model_item_fields },
	{ "sections", FIELD_LIST, 0, "下一级标题的部分（（一）、1.、（1））", model_section_fields },
	{ NULL, 0, 0, NULL, NULL },
};

const struct field model_attachment_fields[] = {
	{ "title", FIELD_TEXT, FIELD_REQUIRED,
	  "附件的标题，如“有关内容名词注释”；居中印在“附件”二字下面", NULL },
	{ "paragraphs", FIELD_PARAS, 0,
	  "附件的正文，每项一段，照写照印：“1.”“20.”等编号是正文的一部分，不会重新编号",
	  NULL },
	{ NULL, 0, 0, NULL, NULL },
};

const struct field model_report_fields[] = {
	{ "unit", FIELD_TEXT, FIELD_REQUIRED, "述职单位，如“XXX镇党委”", NULL },
	{ "year", FIELD_YEAR, FIELD_REQUIRED, "述职年度，如 2020", NULL },
	{ "topic", FIELD_TEXT, 0,
	  "述职事项，如“党管武装工作”；用于生成标题", NULL },
	{ "title", FIELD_TEXT, 0,
	  "标题；不写时生成为“单位＋年度＋事项＋述职报告”", NULL },
	{ "subtitle", FIELD_TEXT, 0, "副标题（可选），如“——在××会议上”，破折号照写", NULL },
	{ "byline", FIELD_TEXT, 0, "标题下的署名行（可选），如“××省人民政府省长　×××”", NULL },
	{ "addressee", FIELD_TEXT, 0,
	  "主送（称谓），如“各位领导、同志们”；末尾的冒号自动加上", NULL },
	{ "opening", FIELD_PARAS, 0, "开头的段落，每项一段", NULL },
	{ "sections", FIELD_FILES, FIELD_REQUIRED,
	  "各部分所在的文件，按报告中的顺序列出", NULL },
	{ "closing", FIELD_PARAS, 0, "结尾的段落，每项一段", NULL },
	{ "appendix", FIELD_PARAS, 0, "附件说明（可选），每项一段，如“附件：1.××××”", NULL },
	{ "signature", FIELD_TEXT, 0, "落款的署名（可选）", NULL },
	{ "date", FIELD_DATE, 0, "成文日期（可选），如 2020-12-30", NULL },
	{ "attachments", FIELD_LIST, 0,
	  "附件（可选），每项一个，排在落款和日期之后，各自另起一页，左上角印“附件”"
	  "（多个时为“附件1”“附件2”……）", model_attachment_fields },
	{ "disable", FIELD_NAMES, 0,
	  "不做的检查（可选）：规则标识的列表，如 [term.qita]；写 de 关闭 de. 开头的全部规则", NULL },
	{ NULL, 0, 0, NULL, NULL },
};
