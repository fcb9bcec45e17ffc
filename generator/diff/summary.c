/*
 * summary.c: the summary of the changes: the totals, one line per
 * section that changed (items added, removed, moved, edited), the moves,
 * and the facts whose values changed (执勤民兵：120余名 → 150余名).  As
 * Markdown paragraphs for the top of diff.md (and the PDF's first page),
 * or as plain lines for the terminal.  No text here is marked as deleted
 * or inserted: the marks belong to the report below it.
 */
#include <string.h>

#include "diffint.h"
#include "mdinline.h"

struct sum {
	struct buf	*out;
	int		 markdown;
	struct buf	 line;
	int		 parts;	/* parts written to line so far */
};

static void
flush(struct sum *s)
{
	if (s->line.len == 0)
		return;
	if (s->markdown) {
		struct md_span sp = { s->line.data, s->line.len, 0 };

		md_inline(&sp, 1, s->out);
		buf_puts(s->out, "\n\n");
	} else {
		buf_put(s->out, s->line.data, s->line.len);
		buf_putc(s->out, '\n');
	}
	buf_reset(&s->line);
	s->parts = 0;
}

/* One part of a line: "修改 2 条"; nothing when n is 0. */
static void
part(struct sum *s, const char *what, size_t n, const char *unit)
{
	if (n == 0)
		return;
	if (s->parts++ > 0)
		buf_puts(&s->line, "，");
	if (unit != NULL)
		buf_printf(&s->line, "%s %zu %s", what, n, unit);
	else
		buf_puts(&s->line, what);
}

static void
end_parts(struct sum *s)
{
	if (s->parts > 0) {
		buf_puts(&s->line, "。");
		flush(s);
	}
	buf_reset(&s->line);
	s->parts = 0;
}

static void
totals(struct sum *s, const struct rdiff *r)
{
	size_t i, fields = 0;

	for (i = 0; i < FLD_COUNT; i++)
		fields += r->field_changed[i] != 0;
	buf_puts(&s->line, "合计：");
	part(s, "新增", r->total.added, "条");
	part(s, "删除", r->total.removed, "条");
	part(s, "移动", r->total.moved, "条");
	part(s, "修改", r->total.changed, "条");
	part(s, "新增部分", r->secs_added, "个");
	part(s, "删除部分", r->secs_removed, "个");
	part(s, "调整部分位置", r->secs_moved, "个");
	part(s, "修改部分标题", r->secs_renamed, "个");
	part(s, "修改段落", r->paras_changed, "段");
	part(s, "修改标题、主送、落款等", fields, "处");
	part(s, "事实变化", r->nfacts, "项");
	end_parts(s);
}

static void
sections(struct sum *s, const struct rdiff *r)
{
	const struct dview *o = r->old, *n = r->new;
	size_t j;

	for (j = 0; j < n->nsecs; j++) {
		const struct dv_sec *sec = &n->secs[j];
		const struct sec_counts *c = &r->cnew[j];

		sec_name(n, j, &s->line);
		buf_puts(&s->line, "：");
		part(s, "新增本部分", sec->match == DV_NONE, NULL);
		part(s, "标题修改", (sec->flags & DF_TEXT) != 0, NULL);
		part(s, "位置调整", (sec->flags & (DF_MOVED | DF_REORDERED)) != 0, NULL);
		part(s, "段落修改", sec->dparas.changed, "段");
		part(s, "新增", sec->match == DV_NONE ? 0 : c->added, "条");
		part(s, "删除", c->removed, "条");
		part(s, "移动", c->moved, "条");
		part(s, "修改", c->changed, "条");
		end_parts(s);
	}
	for (j = 0; j < o->nsecs; j++) {
		if (o->secs[j].match != DV_NONE)
			continue;
		sec_name(o, j, &s->line);
		buf_puts(&s->line, "：");
		part(s, "删除本部分", 1, NULL);
		part(s, "其中删除", r->cold[j].removed, "条");
		end_parts(s);
	}
}

static void
moves(struct sum *s, const struct rdiff *r)
{
	const struct dview *o = r->old, *n = r->new;
	size_t j;

	for (j = 0; j < n->nitems; j++) {
		const struct dv_item *it = &n->items[j];
		const struct dv_item *was;

		if (!(it->flags & (DF_MOVED | DF_REORDERED)))
			continue;
		was = &o->items[it->match];
		buf_puts(&s->line, "移动：");
		item_label(n, j, &s->line);
		if (it->flags & DF_MOVED) {
			buf_puts(&s->line, "由“");
			sec_name(o, was->sec, &s->line);
			buf_puts(&s->line, "”的");
			item_ordinal(o, it->match, &s->line);
			buf_puts(&s->line, "移到“");
			sec_name(n, it->sec, &s->line);
			buf_puts(&s->line, "”的");
			item_ordinal(n, j, &s->line);
		} else {
			buf_puts(&s->line, "在“");
			sec_name(n, it->sec, &s->line);
			buf_puts(&s->line, "”中由");
			item_ordinal(o, it->match, &s->line);
			buf_puts(&s->line, "调到");
			item_ordinal(n, j, &s->line);
		}
		buf_puts(&s->line, "。");
		flush(s);
	}
}

static void
facts(struct sum *s, const struct rdiff *r)
{
	const struct dview *n = r->new;
	size_t i;

	for (i = 0; i < r->nfacts; i++) {
		const struct fact_change *f = &r->facts[i];

		/* Punctuation, not spaces, between the parts: the PDF sets no space beside Chinese. */
		buf_puts(&s->line, "事实：“");
		sec_name(n, n->items[f->item].sec, &s->line);
		buf_puts(&s->line, "”的");
		item_ordinal(n, f->item, &s->line);
		item_label(n, f->item, &s->line);
		buf_printf(&s->line, "，%s：", f->name);
		if (f->old != NULL && f->new != NULL)
			buf_printf(&s->line, "%s → %s", f->old, f->new);
		else if (f->new != NULL)
			buf_printf(&s->line, "新增，%s", f->new);
		else
			buf_printf(&s->line, "删去（原为%s）", f->old);
		buf_puts(&s->line, "。");
		flush(s);
	}
}

void
rdiff_summary(const struct rdiff *r, const struct rdiff_labels *lb, int markdown,
    struct buf *out)
{
	struct sum s;

	s.out = out;
	s.markdown = markdown;
	s.parts = 0;
	buf_init(&s.line);
	buf_grow(out, 0);
	if (r->changes == 0)
		return;
	if (markdown)
		buf_puts(out, "## 修改摘要\n\n");
	buf_printf(&s.line, "报告：%s", r->new->title != NULL && *r->new->title != '\0' ?
	    r->new->title : r->old->title != NULL ? r->old->title : "");
	flush(&s);
	buf_printf(&s.line, "旧版本：%s", lb->old);
	flush(&s);
	buf_printf(&s.line, "新版本：%s", lb->new);
	flush(&s);
	totals(&s, r);
	sections(&s, r);
	moves(&s, r);
	facts(&s, r);
	if (markdown) {
		buf_puts(&s.line, "以下是新版本的全文，改动处已标出：删去的文字加删除线（PDF 中为红色），"
		    "新加的文字加下划线（PDF 中为蓝色），页边竖线标出有改动的行；移动的条目在新位置注明"
		    "“〔由……移来〕”，在原位置注明“〔……已移至……〕”（PDF 中为绿色）；删去的条目标原编号"
		    "（如“原二是”）。编号按新版本，因增删而变的编号不算改动。");
		flush(&s);
	}
	buf_free(&s.line);
}
