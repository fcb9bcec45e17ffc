/*
 * paras.c: split text into paragraphs.  The rules:
 *  - A blank line always ends a paragraph.
 *  - A page-number line left by a PDF copy ("— 3 —", "- 3 -", "第3页")
 *    is removed, with a note.
 *  - Otherwise each line is a paragraph, unless the text is hard-wrapped
 *    (copied from a PDF or wrapped by an editor): that is the case when at
 *    least 40% of the lines, and at least three, are "full", within two
 *    Chinese characters of the commonest long line width W (widths are
 *    counted in columns from the text's usual left margin, indent
 *    included: a Chinese character 2, others 1).  Then a line B
 *    continues the paragraph of the line A before it when A is full, B is
 *    not indented more than the text's usual margin, and B does not begin
 *    with a heading number, an item ordinal (一是), "附件" or "——" -- unless
 *    A does not end a sentence (。！？；： maybe with closing quotes):
 *    then B's "二、" is inside a sentence, as in "央企\n二、三级子公司".
 *  - Joined lines get no space between them, except between two Latin
 *    letters.
 *  - When a line that ends a sentence (。！？；：) was joined to the next,
 *    the text may be one sentence or one paragraph a line rather than
 *    hard-wrapped: a warning at the first such line says how many there
 *    are and how to keep the lines apart (a blank line between
 *    paragraphs, or an indented first line).
 */
#include <stdlib.h>
#include <string.h>

#include "importint.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

struct line {
	const char	*s;	/* the text, without leading and trailing spaces */
	size_t		 len;
	int		 no;	/* line number */
	int		 col;	/* column of s */
	int		 indent; /* columns of leading space */
	int		 width;	/* columns of s */
	int		 blank;
	int		 removed;
};

static int
columns(uint32_t cp)
{
	return uc_is_wide(cp) ? 2 : 1;
}

static void
measure(struct line *l, const char *s, size_t len)
{
	size_t i = 0, k, end;
	uint32_t cp;

	l->indent = 0;
	l->col = 1;
	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0 && uc_is_space(cp)) {
		l->indent += cp == '\t' ? 4 : columns(cp);
		l->col++;
		i += k;
	}
	end = len;
	for (;;) {
		size_t j = i, last = end;

		/* Find the last character before end; drop it when it is a space. */
		while (j < end) {
			k = utf8_decode(s + j, end - j, &cp);
			last = j;
			j += k ? k : 1;
		}
		if (last >= end || utf8_decode(s + last, end - last, &cp) == 0 || !uc_is_space(cp))
			break;
		end = last;
	}
	l->s = s + i;
	l->len = end - i;
	l->blank = l->len == 0;
	l->width = 0;
	for (i = 0; i < l->len; i += k ? k : 1) {
		k = utf8_decode(l->s + i, l->len - i, &cp);
		l->width += k ? columns(cp) : 1;
	}
}

/* Digits (ASCII or full-width) at s; returns their bytes. */
static size_t
digits(const char *s, size_t len)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0 &&
	    ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)))
		i += k;
	return i;
}

/* Skip spaces and the given dash characters; returns bytes skipped. */
static size_t
skip_any(const char *s, size_t len, int dashes)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0 &&
	    (uc_is_space(cp) || (dashes && (cp == '-' || cp == 0x2014 || cp == 0x2013 ||
	    cp == 0xFF0D || cp == 0x2212))))
		i += k;
	return i;
}

/* "— 3 —", "-3-", "第 3 页", "第3页 共10页": page furniture. */
static int
page_number_line(const char *s, size_t len)
{
	size_t i, n;

	i = skip_any(s, len, 1);
	if (i > 0 && (n = digits(s + i, len - i)) > 0) {
		size_t j = i + n;

		if (j < len && skip_any(s + j, len - j, 1) == len - j &&
		    skip_any(s + j, len - j, 0) < len - j)
			return 1;
	}
	if (len > 3 && memcmp(s, "第", 3) == 0) {
		i = 3 + skip_any(s + 3, len - 3, 0);
		if ((n = digits(s + i, len - i)) == 0)
			return 0;
		i += n;
		i += skip_any(s + i, len - i, 0);
		if (len - i < 3 || memcmp(s + i, "页", 3) != 0)
			return 0;
		i += 3;
		i += skip_any(s + i, len - i, 0);
		if (i == len)
			return 1;
		if (len - i > 3 && memcmp(s + i, "共", 3) == 0) {
			i += 3;
			i += skip_any(s + i, len - i, 0);
			if ((n = digits(s + i, len - i)) == 0)
				return 0;
			i += n;
			i += skip_any(s + i, len - i, 0);
			return len - i == 3 && memcmp(s + i, "页", 3) == 0;
		}
	}
	return 0;
}

/* Columns a line takes from the margin: its indent and its text. */
static int
extent(const struct line *l, int margin)
{
	return l->indent - margin + l->width;
}

/* The usual width of a full line, or 0 when the text is not hard-wrapped. */
static int
wrap_width(const struct line *l, size_t n, int margin)
{
	size_t i, j, lines = 0, best = 0;
	int w, bestw = 0;

	for (i = 0; i < n; i++)
		if (!l[i].blank && !l[i].removed)
			lines++;
	for (i = 0; i < n; i++) {
		size_t count = 0;

		if (l[i].blank || l[i].removed || (w = extent(&l[i], margin)) < 20)
			continue;
		for (j = 0; j < n; j++)
			if (!l[j].blank && !l[j].removed &&
			    extent(&l[j], margin) >= w - 4 && extent(&l[j], margin) <= w)
				count++;
		if (count > best || (count == best && w > bestw)) {
			best = count;
			bestw = w;
		}
	}
	if (best < 3 || best * 10 < lines * 4)
		return 0;
	return bestw;
}

static int
is_letter(uint32_t cp)
{
	return cp < 0x80 && (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
}

static int
is_closer(uint32_t cp)
{
	return cp == 0x201D || cp == 0x2019 || cp == 0xFF09 || cp == ')' || cp == 0x300B ||
	    cp == 0x3011 || cp == 0x300D || cp == 0x300F;	/* ”’）)》】」』 */
}

/* Does s end a paragraph: 。！？；： (or ! ? ; :), maybe before closing marks? */
static int
ends_paragraph(const char *s, size_t len)
{
	size_t i = 0, k;
	uint32_t cp, last = 0;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1, cp = 0xFFFD;
		if (!is_closer(cp))
			last = cp;
		i += k;
	}
	return last == 0x3002 || last == 0xFF01 || last == 0xFF1F || last == 0xFF1B ||
	    last == 0xFF1A || last == '!' || last == '?' || last == ';' || last == ':';
}

/* The last character of s[0..len). */
static uint32_t
last_char(const char *s, size_t len)
{
	size_t i = 0, k;
	uint32_t cp = 0, c;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &c);
		if (k == 0)
			k = 1, c = 0xFFFD;
		cp = c;
		i += k;
	}
	return cp;
}

void
text_paragraphs(struct diag *d, const char *text, size_t len, struct isource *src)
{
	struct line *l = NULL;
	struct ipara *cur = NULL;
	struct buf b;
	size_t n = 0, i, start = 0, sentence_joins = 0;
	int W, margin = -1, prev_full = 0, first_join = 0, first_col = 0;

	/* Lines. */
	for (i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		l = xreallocarray(l, n + 1, sizeof(*l));
		measure(&l[n], text + start, i - start);
		l[n].no = (int)n + 1;
		l[n].removed = 0;
		if (!l[n].blank && page_number_line(l[n].s, l[n].len)) {
			struct srcpos pos = { src->path, l[n].no, l[n].col };

			l[n].removed = 1;
			diag_report(d, DIAG_NOTE, &pos, NULL, "去掉了页码行“%.*s”",
			    (int)l[n].len, l[n].s);
		}
		n++;
		start = i + 1;
	}
	for (i = 0; i < n; i++)
		if (!l[i].blank && !l[i].removed && (margin < 0 || l[i].indent < margin))
			margin = l[i].indent;
	W = wrap_width(l, n, margin);

	buf_init(&b);
	for (i = 0; i < n; i++) {
		int join;

		if (l[i].removed)
			continue;	/* a paragraph goes on across a page break */
		if (l[i].blank) {
			cur = NULL;
			continue;
		}
		join = cur != NULL && W > 0 && prev_full && l[i].indent <= margin &&
		    (!marker_starts_block(l[i].s, l[i].len) ||
		    !ends_paragraph(cur->text, cur->len));
		prev_full = W > 0 && extent(&l[i], margin) >= W - 4;
		if (!join) {
			cur = isource_add(src, l[i].s, l[i].len, l[i].no, l[i].col);
			continue;
		}
		if (ends_paragraph(cur->text, cur->len) && sentence_joins++ == 0) {
			first_join = l[i].no;
			first_col = l[i].col;
		}
		/* Join: a space only between two Latin letters. */
		buf_reset(&b);
		buf_put(&b, cur->text, cur->len);
		{
			uint32_t a = last_char(cur->text, cur->len), c = 0;

			utf8_decode(l[i].s, l[i].len, &c);
			if (is_letter(a) && is_letter(c))
				buf_putc(&b, ' ');
		}
		ipara_seg(cur, b.len, l[i].no, l[i].col);
		buf_put(&b, l[i].s, l[i].len);
		free(cur->text);
		cur->len = b.len;
		cur->text = buf_take(&b);
	}
	if (sentence_joins > 0) {
		struct srcpos pos = { src->path, first_join, first_col };

		diag_warn(d, &pos, "这一行接在上一行后面成了同一段：上一行几乎写满，看作从 PDF 复制来的"
		    "硬换行；像这样在句末标点之后接起来的行共 %zu 处。如果原文每行就是一段，请在段与段"
		    "之间加一个空行（或把每段第一行缩进两个字）后重新导入", sentence_joins);
	}
	buf_free(&b);
	free(l);
}
