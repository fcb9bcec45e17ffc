/*
 * attach.c: the attachments (附件) at the end of an imported report.  An
 * attachment starts with its label alone on a line -- 附件, 附件2, 附件：,
 * 附件2： -- followed by a title-like line (at most 60 characters, no
 * 。！？；, not starting with a number) and at least one more paragraph;
 * or with the label and such a title on one line (附件：《……》名词解释)
 * when prose (a sentence mark, or over 60 characters) follows: "附件：
 * 1.××表" and its short lines are the appendix, not an attachment.  It
 * runs to the next label or to the end of the text.  Its paragraphs are
 * kept exactly as written: "1.“……”：" or "20.2026年……" are the entries of
 * a glossary, not headings, and are never renumbered.  The label is made
 * by shuzhi (附件, or 附件1, 附件2 ... when there are several); where the
 * one written differs, a note says so.
 */
#include <stdlib.h>
#include <string.h>

#include "importint.h"
#include "../util/cnnum.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/*
 * The bytes of a label at the start of s: 附件, then maybe a number, then
 * maybe a colon, with spaces; 0 when s does not start with one.
 */
static size_t
label_len(const char *s, size_t len)
{
	size_t i = 0, k;
	uint32_t cp;
	int digits = 0, v;

	if (len < 6 || memcmp(s, "附件", 6) != 0)
		return 0;
	i = 6;
	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0 &&
	    ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) ||
	    (uc_is_space(cp) && digits == 0))) {
		digits += !uc_is_space(cp);
		i += k;
	}
	if (digits == 0)
		i += cn_number_parse(s + i, len - i, &v);
	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0 &&
	    (uc_is_space(cp) || cp == ':' || cp == 0xFF1A))
		i += k;
	return i;
}

static int
label_only(const char *s, size_t len)
{
	return len > 0 && label_len(s, len) == len;
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

/* Could s be an attachment's title? */
static int
title_like(const char *s, size_t len)
{
	struct marker m;
	size_t n;

	return len > 0 && utf8_count(s, len) <= 60 && !has_sentence_mark(s, len) &&
	    !marker_parse(s, len, &m) && ordinal_parse(s, len, &n) == 0 && !label_only(s, len);
}

/* A paragraph of text, not a short line: long, or with a sentence mark. */
static int
prose(const struct ipara *p)
{
	return utf8_count(p->text, p->len) > 60 || has_sentence_mark(p->text, p->len);
}

/*
 * Does an attachment start at paragraph i, and where does its title stand?
 * Returns 0 (no), 1 (label alone, the title is the next paragraph, and
 * more text follows before end) or 2 (label and title on one line --
 * 附件：《……》名词解释 -- and prose follows before the next label).
 */
static int
starts_at(const struct isource *src, size_t i, size_t end)
{
	const struct ipara *p = &src->p[i];
	size_t n = label_len(p->text, p->len), k;

	if (n == 0)
		return 0;
	if (n == p->len)
		return i + 2 < end && title_like(src->p[i + 1].text, src->p[i + 1].len) ? 1 : 0;
	if (!title_like(p->text + n, p->len - n))
		return 0;
	for (k = i + 1; k < end && label_len(src->p[k].text, src->p[k].len) == 0; k++)
		if (prose(&src->p[k]))
			return 2;
	return 0;
}

size_t
attachments_find(struct diag *d, const struct isource *src, size_t from, size_t end,
    struct ireport *rep)
{
	size_t i, first = end, count = 0, at = 0, n;
	struct buf label;
	int how;

	for (i = from; i < end; i++)
		if ((how = starts_at(src, i, end)) > 0) {
			if (first == end)
				first = i;
			count++;
			i += how == 1;	/* past its title */
		}
	if (first == end)
		return end;
	rep->attachments = xcalloc(count, sizeof(*rep->attachments));
	buf_init(&label);
	for (i = first; i < end; i++) {
		const struct ipara *p = &src->p[i];
		struct iattachment *a;

		if (at == count || (how = starts_at(src, i, end)) == 0) {
			strv_push(&rep->attachments[at - 1].paras, p->text, p->len);
			continue;
		}
		a = &rep->attachments[at++];
		buf_reset(&label);
		attachment_label((int)at, (int)count, &label);
		n = label_len(p->text, p->len);
		if (how == 2) {
			/* The label as written ends where the title begins. */
			a->title = xstrndup(p->text + n, p->len - n);
			while (n > 0 && (p->text[n - 1] == ' ' || p->text[n - 1] == '\t'))
				n--;
		} else
			a->title = xstrndup(src->p[i + 1].text, src->p[i + 1].len);
		if (n != label.len || memcmp(p->text, label.data, label.len) != 0) {
			struct srcpos pos = ipara_pos(src, p, 0);

			diag_report(d, DIAG_NOTE, &pos, NULL, "附件的标识由 shuzhi 生成：“%.*s”改为“%s”",
			    (int)n, p->text, label.data);
			rep->nrewrites++;
		}
		a->line = p->segs[0].line;
		i += how == 1;
	}
	rep->nattachments = count;
	buf_free(&label);
	return first;
}
