/*
 * attach.c: the attachments (附件) at the end of an imported report.  An
 * attachment starts with its label alone on a line -- 附件, 附件2, 附件：,
 * 附件2： -- followed by a title-like line (at most 60 characters, no
 * 。！？；, not starting with a number) and at least one more paragraph;
 * it runs to the next label or to the end of the text.  Its paragraphs are
 * kept exactly as written: "1.“……”：" or "20.2026年……" are the entries of
 * a glossary, not headings, and are never renumbered.  The label is made
 * by shuzhi (附件, or 附件1, 附件2 ... when there are several); where the
 * one written differs, a note says so.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "../render/context.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* The bytes of s after 附件 and an optional number and colon, when that is all. */
static int
label_only(const char *s, size_t len)
{
	size_t i = 0, k;
	uint32_t cp;
	int digits = 0;

	if (len < 6 || memcmp(s, "附件", 6) != 0)
		return 0;
	i = 6;
	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0) {
		if (uc_is_space(cp) && digits == 0) {
			i += k;
			continue;
		}
		if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)) {
			digits++;
			i += k;
			continue;
		}
		break;
	}
	if (digits == 0) {
		int v;
		size_t n = cn_number_parse(s + i, len - i, &v);

		i += n;
	}
	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0 &&
	    (uc_is_space(cp) || cp == ':' || cp == 0xFF1A))
		i += k;
	return i == len;
}

static int
has_sentence_mark(const char *s, size_t len)
{
	size_t i, k;
	uint32_t cp;

	for (i = 0; i < len; i += k ? k : 1) {
		k = utf8_decode(s + i, len - i, &cp);
		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B)
			return 1;
	}
	return 0;
}

/* Could p be an attachment's title? */
static int
title_like(const struct ipara *p)
{
	struct marker m;
	size_t n;

	return p->len > 0 && utf8_count(p->text, p->len) <= 60 &&
	    !has_sentence_mark(p->text, p->len) && !marker_parse(p->text, p->len, &m) &&
	    ordinal_parse(p->text, p->len, &n) == 0 && !label_only(p->text, p->len);
}

/* Does an attachment start at paragraph i: a label, a title, some text before end? */
static int
starts_at(const struct isource *src, size_t i, size_t end)
{
	return i + 2 < end && label_only(src->p[i].text, src->p[i].len) &&
	    title_like(&src->p[i + 1]);
}

size_t
attachments_find(struct diag *d, const struct isource *src, size_t from, size_t end,
    struct ireport *rep)
{
	size_t i, first = end, count = 0, at;
	struct buf label;

	for (i = from; i < end; i++)
		if (starts_at(src, i, end)) {
			first = i;
			break;
		}
	if (first == end)
		return end;
	for (i = first; i < end; i++)
		if (starts_at(src, i, end)) {
			count++;
			i++;	/* its title */
		}
	rep->attachments = xcalloc(count, sizeof(*rep->attachments));
	buf_init(&label);
	for (i = first, at = 0; i < end; i++) {
		const struct ipara *p = &src->p[i];
		struct iattachment *a;

		if (!starts_at(src, i, end)) {
			strv_push(&rep->attachments[at - 1].paras, p->text, p->len);
			continue;
		}
		a = &rep->attachments[at++];
		buf_reset(&label);
		attachment_label((int)at, (int)count, &label);
		if (p->len != label.len || memcmp(p->text, label.data, label.len) != 0) {
			struct srcpos pos = ipara_pos(src, p, 0);

			diag_report(d, DIAG_NOTE, &pos, NULL, "附件的标识由 shuzhi 生成：“%.*s”改为“%s”",
			    (int)p->len, p->text, label.data);
			rep->nrewrites++;
		}
		a->line = p->segs[0].line;
		a->title = xstrndup(src->p[i + 1].text, src->p[i + 1].len);
		i++;
	}
	rep->nattachments = count;
	buf_free(&label);
	return first;
}
