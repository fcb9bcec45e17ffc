/*
 * detect.c: find the structure of a report in its paragraphs.  The rules,
 * in the order they are applied (the README's “导入已有的报告” says the
 * same for authors):
 *
 * 1. Title block and addressee.  The addressee (称谓) is a paragraph among
 *    the first eight of at most 40 characters that ends in a colon (：or :)
 *    and names an audience: it contains 各位, 尊敬的, 同志, 领导, 代表, 委员
 *    or 评委.  The paragraphs before it form the title block; each must be
 *    title-like (at most 60 characters, no 。！？；, no heading number or
 *    item ordinal), else the addressee is not taken as one (warning).
 *    Without an addressee, the title block is the leading title-like
 *    paragraphs (at most four) when more paragraphs follow.  In the title
 *    block a paragraph starting with —— is the subtitle; a paragraph after
 *    the subtitle, or one with a space between Chinese characters (职务
 *    姓名), or one in brackets, is the byline; the others, joined, are the
 *    title.  A subtitle and byline on one line, apart by a space, are
 *    split (byline_after_subtitle).  In a .docx the Title and Subtitle
 *    styles say it first.
 * 2. Attachments, date, signature, appendix.  附件 alone on a line (附件2,
 *    附件：), a title-like line and more text start an attachment, kept as
 *    written (attach.c).  A last paragraph before them that is a date
 *    (2020年12月30日, 2020-12-30) is the date; a paragraph just before it of
 *    at most 30 characters without punctuation is the signature.  Above
 *    them (or at the end), a paragraph starting with 附件 followed only by
 *    short lines (at most 60 characters, no 。！？；: "2.××表") is the
 *    appendix.  When the appendix comes after the signature and date, they
 *    stay plain text at the end of the closing, with a warning.
 * 3. Closing.  After the last heading, the first paragraph that opens with
 *    a closing phrase (总之, 综上, 总而言之, 在新的一年, 新的一年, 新年度,
 *    展望, 今后, 下一步, 各位代表, 各位领导, 各位委员, 同志们, 让我们) and
 *    every paragraph after it, up to the appendix, signature or date.
 * 4. Headings.  A paragraph starting with a number of a heading family
 *    (一、 一. | （一） (一) 〔一〕 【一】 | 1. 1、 1． | （1） (1) 1) | ①),
 *    or a .docx paragraph with a heading style or outline level.  Levels
 *    follow nesting, not the way the number is written: a family already
 *    open in the current chain of headings is a sibling at that level (the
 *    deeper ones close); any other family opens the next level down.  A
 *    fifth level stays a plain paragraph (warning), and so does an arabic
 *    or circled number (1. (1) ①) that does not go on from its siblings:
 *    such numbers are often the text's own list.  When the text goes on
 *    after a sentence end (。！？, with closing quotes and brackets) the
 *    heading is a run-in heading: the title ends there and the rest of the
 *    paragraph runs on after it (run_in).  In a .docx, a bold start that
 *    stops inside the paragraph marks the title instead.  The number is
 *    removed, since shuzhi generates it; where the number written differs
 *    from the one shuzhi will print (1、 or 〔一〕 written, a count that
 *    skips or starts again, 1. directly under 一、 becoming （一）) a note
 *    gives the change and its line.
 * 5. Items.  Under a heading, a paragraph starting with 一是, 二是 ... is an
 *    item.  A section's items must start at 一是; numbers that skip are
 *    rewritten (note).  The lead is the text up to the first 。！？；(or ;
 *    ! ?) with closing quotes, or the bold run of a .docx; the rest is the
 *    body.  A 二是 with no item before it stays a plain paragraph (with a
 *    warning unless the paragraph before has the 一是 inside it); so does a
 *    second run that starts again at 一是 (warning).
 * 6. Plain paragraphs go to the innermost open heading: before its items
 *    to its paragraphs, after them to the last item's body as a paragraph
 *    of its own.  Before the first heading they are the opening.  Items in
 *    the opening or the closing stay plain paragraphs (warning).
 *
 * Nothing is dropped: every paragraph ends up in the content, in order.
 */
#include <stdlib.h>
#include <string.h>

#include "importint.h"
#include "../load/model.h"
#include "../util/cnnum.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define TOP_SCAN	8	/* paragraphs searched for the addressee */

struct chain {
	int		 fam;	/* enum mfamily, or 100 + outline level */
	struct isection	*sec;
};

struct detector {
	struct diag		*diag;
	const struct isource	*src;
	struct ireport		*rep;
	struct chain		 open[MODEL_MAX_LEVEL + 1];	/* 1..depth */
	int			 written[MODEL_MAX_LEVEL + 1];	/* last number written */
	int			 depth;
	const struct ipara	*date_para;	/* the date, for its note */
	const struct ipara	*late_date;	/* a date before the appendix */
};

static size_t
nchars(const char *s, size_t len)
{
	return utf8_count(s, len);
}

static uint32_t
char_at(const char *s, size_t len, size_t *k)
{
	uint32_t cp = 0;

	*k = utf8_decode(s, len, &cp);
	if (*k == 0)
		*k = 1, cp = 0xFFFD;
	return cp;
}

static int
has_any(const char *s, size_t len, const uint32_t *set)
{
	size_t i, k, j;
	uint32_t cp;

	for (i = 0; i < len; i += k) {
		cp = char_at(s + i, len - i, &k);
		for (j = 0; set[j] != 0; j++)
			if (set[j] == cp)
				return 1;
	}
	return 0;
}

static int
starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

static int
contains(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, word, n) == 0)
			return 1;
	return 0;
}

static int
is_closer(uint32_t cp)
{
	return cp == 0x201D || cp == 0x2019 || cp == 0xFF09 || cp == ')' ||
	    cp == 0x300D || cp == 0x300F || cp == 0x3011 || cp == 0x3015 ||
	    cp == 0x300B || cp == 0x3009 || cp == '"' || cp == '\'';
}

/*
 * The end of the first sentence in s: the offset just past 。！？ (and ；
 * when semi), with any closing quotes and brackets after it; 0 if none.
 */
static size_t
sentence_end(const char *s, size_t len, int semi)
{
	size_t i, k;
	uint32_t cp;

	for (i = 0; i < len; i += k) {
		cp = char_at(s + i, len - i, &k);
		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?' ||
		    (semi && (cp == 0xFF1B || cp == ';'))) {
			i += k;
			while (i < len && is_closer(char_at(s + i, len - i, &k)))
				i += k;
			return i;
		}
	}
	return 0;
}

/* Skip spaces from off; returns the new offset. */
static size_t
skip_space(const char *s, size_t len, size_t off)
{
	size_t k;

	while (off < len && uc_is_space(char_at(s + off, len - off, &k)))
		off += k;
	return off;
}

/* Length without trailing spaces. */
static size_t
trim_end(const char *s, size_t len)
{
	size_t i, k, end = 0;

	for (i = 0; i < len; i += k)
		if (!uc_is_space(char_at(s + i, len - i, &k)))
			end = i + k;
	return end;
}

static void
warn_at(struct detector *d, const struct ipara *p, size_t off, const char *msg)
{
	struct srcpos pos = ipara_pos(d->src, p, off);

	diag_warn(d->diag, &pos, "%s", msg);
}

/* A note that text written as old at off becomes new in the output. */
static void
rewrite(struct detector *d, const struct ipara *p, size_t off, const char *old, size_t oldlen,
    const char *new, const char *why)
{
	struct srcpos pos = ipara_pos(d->src, p, off);

	if (oldlen == strlen(new) && memcmp(old, new, oldlen) == 0)
		return;
	if (oldlen == 0)
		diag_report(d->diag, DIAG_NOTE, &pos, NULL, "加上“%s”（%s）", new, why);
	else
		diag_report(d->diag, DIAG_NOTE, &pos, NULL, "%s：“%.*s”改为“%s”",
		    why, (int)oldlen, old, new);
	d->rep->nrewrites++;
}

static const uint32_t sentence_marks[] = { 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0 };

/* ---- 1. The title block and the addressee ------------------------------ */

static int
is_subtitle(const struct ipara *p)
{
	return p->kind == IPARA_SUBTITLE || starts(p->text, p->len, "——") ||
	    starts(p->text, p->len, "--") || starts(p->text, p->len, "－－");
}

static int
title_like(const struct ipara *p)
{
	if (p->kind == IPARA_TITLE || p->kind == IPARA_SUBTITLE)
		return 1;
	if (p->len == 0 || nchars(p->text, p->len) > 60 ||
	    has_any(p->text, p->len, sentence_marks))
		return 0;
	return is_subtitle(p) || !marker_starts_block(p->text, p->len);
}

static int
addressee_like(const struct ipara *p)
{
	static const char *words[] = { "各位", "尊敬的", "同志", "领导", "代表", "委员", "评委", NULL };
	size_t i, end = p->len;

	if (nchars(p->text, p->len) > 40)
		return 0;
	if (end >= 3 && memcmp(p->text + end - 3, "：", 3) == 0)
		end -= 3;
	else if (end >= 1 && p->text[end - 1] == ':')
		end -= 1;
	else
		return 0;
	for (i = 0; words[i] != NULL; i++)
		if (contains(p->text, end, words[i]))
			return 1;
	return 0;
}

/* 职务 姓名: a space between two wide characters; or all in brackets. */
static int
byline_like(const struct ipara *p)
{
	size_t i, k;
	uint32_t cp, prev = 0;
	int space = 0;

	if ((starts(p->text, p->len, "（") && p->len >= 3 &&
	    memcmp(p->text + p->len - 3, "）", 3) == 0) ||
	    (p->text[0] == '(' && p->text[p->len - 1] == ')'))
		return 1;
	for (i = 0; i < p->len; i += k) {
		cp = char_at(p->text + i, p->len - i, &k);
		if (uc_is_space(cp)) {
			space = uc_is_wide(prev);
			continue;
		}
		if (space && uc_is_wide(cp))
			return 1;
		space = 0;
		prev = cp;
	}
	return 0;
}

/* Append text, with whitespace between wide characters as one U+3000. */
static void
put_byline(struct buf *b, const char *s, size_t len)
{
	size_t i, k;
	uint32_t cp, prev = 0;
	int pending = 0;

	for (i = 0; i < len; i += k) {
		cp = char_at(s + i, len - i, &k);
		if (uc_is_space(cp)) {
			pending = 1;
			continue;
		}
		if (pending)
			buf_puts(b, uc_is_wide(prev) && uc_is_wide(cp) ? "\xE3\x80\x80" : " ");
		pending = 0;
		buf_put(b, s + i, k);
		prev = cp;
	}
}

/*
 * A title-block line holding a subtitle and then, after a space, the
 * byline ("——2026年1月27日在……会议上 陕西省省长 赵刚", the dash may be
 * missing): the subtitle part starts with a dash or a year (2026年) or
 * speaks of a meeting (会议, 讲话, ends in 上); the rest is at most 30
 * characters without punctuation.  Returns where the byline starts, or 0.
 */
static size_t
byline_after_subtitle(const struct ipara *p)
{
	static const uint32_t punct[] = { 0xFF0C, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A,
	    0x3001, ',', '.', ';', ':', '!', '?', 0 };
	const char *s = p->text;
	size_t len = p->len, i = 0, k, ws = 0, rest = 0;
	uint32_t cp, prev = 0;

	/* Past the leading dashes (and a space after them). */
	while (i < len && ((cp = char_at(s + i, len - i, &k)) == 0x2014 || cp == '-' ||
	    cp == 0xFF0D || uc_is_space(cp)))
		i += k;
	for (; i < len; i += k) {
		cp = char_at(s + i, len - i, &k);
		if (uc_is_space(cp)) {
			if (ws == 0 && uc_is_wide(prev))
				ws = i;
			continue;
		}
		if (ws > 0) {
			if (uc_is_wide(cp))
				rest = i;
			break;
		}
		prev = cp;
	}
	if (rest == 0 || nchars(s + rest, len - rest) > 30 || nchars(s + rest, len - rest) < 2 ||
	    has_any(s + rest, len - rest, punct))
		return 0;
	if (is_subtitle(p) || (ws >= 7 && s[0] >= '0' && s[0] <= '9' && strspn(s, "0123456789") == 4 &&
	    memcmp(s + 4, "年", 3) == 0) || contains(s, ws, "会议") || contains(s, ws, "讲话") ||
	    (ws >= 3 && memcmp(s + ws - 3, "上", 3) == 0))
		return rest;
	return 0;
}

/*
 * Title lines first, then a subtitle, then byline lines: once a byline
 * has begun, whatever follows in the block is byline too, so that the
 * words keep their order.
 */
static void
title_block(struct detector *d, size_t n)
{
	struct buf title, sub, by;
	size_t i;
	int state = 0;	/* 0 title, 1 subtitle, 2 byline */

	buf_init(&title);
	buf_init(&sub);
	buf_init(&by);
	for (i = 0; i < n; i++) {
		const struct ipara *p = &d->src->p[i];
		size_t cut;

		if (state < 2 && p->kind != IPARA_TITLE && (cut = byline_after_subtitle(p)) > 0) {
			if (by.len > 0)
				buf_puts(&by, "\xE3\x80\x80");
			buf_put(&sub, p->text, trim_end(p->text, cut));
			put_byline(&by, p->text + cut, p->len - cut);
			state = 2;
		} else if (state < 2 && is_subtitle(p) && p->kind != IPARA_TITLE) {
			buf_put(&sub, p->text, p->len);
			state = 1;
		} else if (state > 0 || (p->kind != IPARA_TITLE && byline_like(p))) {
			if (by.len > 0)
				buf_puts(&by, "\xE3\x80\x80");
			put_byline(&by, p->text, p->len);
			state = 2;
		} else
			buf_put(&title, p->text, p->len);
	}
	if (title.len > 0)
		d->rep->title = buf_take(&title);
	if (sub.len > 0)
		d->rep->subtitle = buf_take(&sub);
	if (by.len > 0)
		d->rep->byline = buf_take(&by);
	buf_free(&title);
	buf_free(&sub);
	buf_free(&by);
}

/* Returns the index of the first paragraph after the top matter. */
static size_t
top_matter(struct detector *d, size_t end)
{
	const struct isource *src = d->src;
	size_t i, a = (size_t)-1, t;

	for (i = 0; i < end && i < TOP_SCAN; i++)
		if (addressee_like(&src->p[i])) {
			a = i;
			break;
		}
	if (a != (size_t)-1) {
		for (i = 0; i < a; i++)
			if (!title_like(&src->p[i]))
				break;
		if (i < a) {
			warn_at(d, &src->p[a], 0, "称谓前有不像标题的段落，这一段没有当作称谓，"
			    "按普通段落保留在开头");
			d->rep->nplain++;
			a = (size_t)-1;
		}
	}
	if (a != (size_t)-1) {
		const struct ipara *p = &src->p[a];
		size_t len = p->len;

		title_block(d, a);
		if (p->text[len - 1] == ':') {
			rewrite(d, p, len - 1, ":", 1, "：", "称谓后的冒号");
			len -= 1;
		} else
			len -= 3;
		d->rep->addressee = xstrndup(p->text, trim_end(p->text, len));
		return a + 1;
	}
	for (t = 0; t < end && t < 4 && title_like(&src->p[t]); t++)
		;
	if (t >= end)
		t = 0;	/* nothing but title-like lines: no title block */
	title_block(d, t);
	return t;
}

/* ---- 2. Date, signature, appendix --------------------------------------- */

/* The date in p as "2020年12月30日" (malloc'd), or NULL. */
static char *
parse_date(const char *s, size_t len)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char buf[64], tail[4];
	int y, m, dd, ok = 0;

	if (len >= sizeof(buf))
		return NULL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (sscanf(buf, "%4d年%2d月%2d日%1s", &y, &m, &dd, tail) == 3 ||
	    sscanf(buf, "%4d-%2d-%2d%1s", &y, &m, &dd, tail) == 3 ||
	    sscanf(buf, "%4d.%2d.%2d%1s", &y, &m, &dd, tail) == 3 ||
	    sscanf(buf, "%4d/%2d/%2d%1s", &y, &m, &dd, tail) == 3)
		ok = 1;
	if (!ok || strspn(buf, "0123456789") != 4 || y < 1900 || y > 2999 ||
	    m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1] ||
	    (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return NULL;
	snprintf(buf, sizeof(buf), "%d年%d月%d日", y, m, dd);
	return xstrdup(buf);
}

static int
signature_like(const struct ipara *p)
{
	static const uint32_t punct[] = { 0xFF0C, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A,
	    0x3001, ',', '.', ';', ':', '!', '?', 0 };

	return p->len > 0 && nchars(p->text, p->len) <= 30 &&
	    !has_any(p->text, p->len, punct) && !marker_starts_block(p->text, p->len);
}

/* Heading number or .docx heading style. */
static int
heading_para(const struct ipara *p)
{
	struct marker m;

	return marker_parse(p->text, p->len, &m) || p->outline > 0;
}

/*
 * Find the signature, date and appendix between from and *end; *end
 * becomes the end of the body (closing included).
 */
static void
tail(struct detector *d, size_t from, size_t *end)
{
	const struct isource *src = d->src;
	const size_t none = (size_t)-1;
	size_t i, app = none, e = *end;
	char *date;

	if (e > from && (date = parse_date(src->p[e - 1].text, src->p[e - 1].len)) != NULL) {
		d->date_para = &src->p[e - 1];	/* noted after the body, in line order */
		d->rep->date = date;
		e--;
		if (e > from && signature_like(&src->p[e - 1])) {
			d->rep->signature = xstrdup(src->p[e - 1].text);
			e--;
		}
	}
	/* The appendix: 附件 and the short lines after it (2.…, 3.…). */
	for (i = e; i > from; i--) {
		const struct ipara *p = &src->p[i - 1];

		if (starts(p->text, p->len, "附件")) {
			app = i - 1;
			break;
		}
		if (nchars(p->text, p->len) > 60 || has_any(p->text, p->len, sentence_marks))
			break;
	}
	if (app != none && d->rep->date == NULL && app > from &&
	    (date = parse_date(src->p[app - 1].text, src->p[app - 1].len)) != NULL) {
		free(date);
		d->late_date = &src->p[app - 1];	/* warned after the body */
		d->rep->nplain++;
	}
	if (app != none) {
		for (i = app; i < e; i++)
			strv_push(&d->rep->appendix, src->p[i].text, src->p[i].len);
		e = app;
	}
	*end = e;
}

/* ---- 3. Closing ------------------------------------------------------------- */

static size_t
closing_start(struct detector *d, size_t from, size_t end)
{
	static const char *phrases[] = { "总之", "综上", "总而言之", "在新的一年", "新的一年",
	    "新年度", "展望", "今后", "下一步", "各位代表", "各位领导", "各位委员", "同志们",
	    "让我们", NULL };
	size_t i, k, last_head = (size_t)-1;

	for (i = from; i < end; i++)
		if (heading_para(&d->src->p[i]))
			last_head = i;
	if (last_head == (size_t)-1)
		return end;
	for (i = last_head + 1; i < end; i++)
		for (k = 0; phrases[k] != NULL; k++)
			if (starts(d->src->p[i].text, d->src->p[i].len, phrases[k]))
				return i;
	return end;
}

/* ---- 4-6. Headings, items, paragraphs ------------------------------------ */

static struct isection *
new_section(struct detector *d, int depth, int *index)
{
	struct isection **arr, *s;
	size_t *n;

	if (depth == 1) {
		arr = &d->rep->sections;
		n = &d->rep->nsections;
	} else {
		arr = &d->open[depth - 1].sec->subs;
		n = &d->open[depth - 1].sec->nsubs;
	}
	*arr = xreallocarray(*arr, *n + 1, sizeof(**arr));
	s = &(*arr)[(*n)++];
	memset(s, 0, sizeof(*s));
	*index = (int)*n;
	return s;
}

/* The level a family is written for in GB/T 9704. */
static int
family_level(int fam)
{
	switch (fam) {
	case MF_CN: return 1;
	case MF_CN_PAREN: return 2;
	case MF_AR: return 3;
	case MF_AR_PAREN: return 4;
	default: return 0;
	}
}

/* A paragraph that is a heading; returns 0 when it must stay plain. */
static int
heading(struct detector *d, const struct ipara *p)
{
	struct marker m;
	struct isection *s;
	struct buf num;
	const char *why;
	size_t start, cut;
	int fam, depth = 0, k, index, nolevel;

	if (marker_parse(p->text, p->len, &m))
		fam = m.family;
	else {
		memset(&m, 0, sizeof(m));
		fam = 100 + p->outline;
	}
	for (k = 1; k <= d->depth; k++)
		if (d->open[k].fam == fam) {
			depth = k;
			break;
		}
	if (depth == 0)
		depth = d->depth + 1;
	if (depth > MODEL_MAX_LEVEL) {
		warn_at(d, p, 0, "标题超过四级（一、（一）1.（1）），这一段按普通段落保留");
		d->rep->nplain++;
		return 0;
	}
	/*
	 * Arabic and circled numbers are often the text's own (a numbered
	 * list, a glossary): one that does not go on from the ones before it
	 * is left as it is written, in a plain paragraph.
	 */
	index = (int)(depth == 1 ? d->rep->nsections : d->open[depth - 1].sec->nsubs) + 1;
	if ((fam == MF_AR || fam == MF_AR_PAREN || fam == MF_CIRCLED) && m.value != index) {
		struct buf msg;

		buf_init(&msg);
		buf_printf(&msg, "编号“%.*s”接不上前面的编号（这里应是第 %d 个），不当作标题，"
		    "按普通段落保留，编号照原文", (int)m.len, p->text, index);
		warn_at(d, p, 0, msg.data);
		buf_free(&msg);
		d->rep->nplain++;
		return 0;
	}
	s = new_section(d, depth, &index);
	d->depth = depth;
	d->open[depth].fam = fam;
	d->open[depth].sec = s;
	s->line = p->segs[0].line;

	/* The number shuzhi will print instead of the one written. */
	buf_init(&num);
	section_number(depth, index, &num);
	nolevel = family_level(fam) != depth;
	if (m.family == MF_NONE)
		why = "标题的编号由 shuzhi 生成";
	else if (m.value != index && m.value == 1)
		why = "原文编号从头重新开始，shuzhi 连续编号";
	else if (m.value != index && m.value == d->written[depth] + 1)
		why = "原文编号前面重新开始过，shuzhi 连续编号";
	else if (m.value != index)
		why = "原文编号不连续";
	else if (nolevel)
		why = depth == 1 ? "这里是一级标题" : depth == 2 ? "这里是二级标题" :
		    depth == 3 ? "这里是三级标题" : "这里是四级标题";
	else
		why = "编号的规范写法";
	rewrite(d, p, 0, p->text, m.len, num.data, why);
	buf_free(&num);
	d->written[depth] = m.value;
	for (k = depth + 1; k <= MODEL_MAX_LEVEL; k++)
		d->written[k] = 0;

	/* Title, and the text running on after it. */
	start = m.skip;
	cut = 0;
	if (p->bold > start && p->bold_from <= start && p->bold < p->len &&
	    skip_space(p->text, p->len, p->bold) < p->len)
		cut = p->bold;
	else if ((cut = sentence_end(p->text + start, p->len - start, 0)) > 0) {
		cut += start;
		if (skip_space(p->text, p->len, cut) >= p->len)
			cut = 0;
	}
	if (cut > 0) {
		s->title = xstrndup(p->text + start, trim_end(p->text + start, cut - start));
		cut = skip_space(p->text, p->len, cut);
		s->run_in = xstrndup(p->text + cut, p->len - cut);
	} else
		s->title = xstrndup(p->text + start, p->len - start);
	return 1;
}

static void
add_body_para(struct isection *s, const char *text, size_t len)
{
	if (s->nitems > 0)
		strv_push(&s->items[s->nitems - 1].body, text, len);
	else
		strv_push(&s->paras, text, len);
}

/* Does the paragraph before contain the ordinal before n (一是 for 二是)? */
static int
inline_run(const struct ipara *prev, int n)
{
	struct buf b;
	int found;

	if (prev == NULL)
		return 0;
	buf_init(&b);
	cn_numeral(n - 1, &b);
	buf_puts(&b, "是");
	found = contains(prev->text, prev->len, b.data);
	buf_free(&b);
	return found;
}

/* A paragraph starting with an ordinal; returns 0 when it must stay plain. */
static int
item(struct detector *d, const struct ipara *p, const struct ipara *prev, int n, size_t mlen)
{
	struct isection *s = d->open[d->depth].sec;
	struct iitem *it;
	struct buf b;
	size_t start, cut;

	if (s->items_closed)
		return 0;
	if (s->nitems == 0 && n != 1) {
		if (!inline_run(prev, n)) {
			warn_at(d, p, 0, "这一段以序数开头，但前面没有“一是”，按普通段落保留");
			d->rep->nplain++;
		}
		return 0;
	}
	if (s->nitems > 0 && n == 1) {
		warn_at(d, p, 0, "同一标题下又从“一是”开始了一组条目（每个标题下只能有一组），"
		    "这一组按普通段落保留");
		d->rep->nplain++;
		s->items_closed = 1;
		return 0;
	}
	buf_init(&b);
	cn_numeral((int)s->nitems + 1, &b);
	buf_puts(&b, "是");
	rewrite(d, p, 0, p->text, mlen, b.data, "原文编号不连续");
	buf_free(&b);

	s->items = xreallocarray(s->items, s->nitems + 1, sizeof(*s->items));
	it = &s->items[s->nitems++];
	memset(it, 0, sizeof(*it));
	start = skip_space(p->text, p->len, mlen);
	if (p->bold > start && p->bold_from <= start && p->bold <= p->len) {
		cut = p->bold;
		it->lead_found = 1;
	} else if ((cut = sentence_end(p->text + start, p->len - start, 1)) > 0) {
		cut += start;
		it->lead_found = 1;
	} else
		cut = p->len;
	it->lead = xstrndup(p->text + start, trim_end(p->text + start, cut - start));
	cut = skip_space(p->text, p->len, cut);
	strv_push(&it->body, p->text + cut, p->len - cut);
	if (contains(p->text, p->len, "{{"))
		warn_at(d, p, 0, "条目正文中的“{{”会被当作事实引用，生成前请改写");
	return 1;
}

int
detect_structure(struct diag *diag, const struct isource *src, struct ireport *rep)
{
	struct detector d;
	size_t i, body, end, close;
	const struct ipara *prev = NULL;

	memset(&d, 0, sizeof(d));
	d.diag = diag;
	d.src = src;
	d.rep = rep;
	if (src->n == 0) {
		struct srcpos pos = { src->path, 0, 0 };
		diag_error(diag, &pos, "%s", "文件中没有文字");
		return -1;
	}
	end = src->n;
	body = top_matter(&d, end);
	end = attachments_find(diag, src, body, end, rep);
	tail(&d, body, &end);
	close = closing_start(&d, body, end);
	for (i = body; i < close; i++)
		if (heading_para(&src->p[i]))
			break;
	if (i == close) {
		struct srcpos pos = { src->path, 0, 0 };
		diag_error(diag, &pos, "%s", "没有找到“一、”“（一）”这样的标题；shuzhi 的报告至少要有一个部分");
		return -1;
	}
	for (i = body; i < close; i++) {
		const struct ipara *p = &src->p[i];
		size_t mlen = 0;
		int n;

		if (heading_para(p) && heading(&d, p)) {
			prev = p;
			continue;
		}
		n = ordinal_parse(p->text, p->len, &mlen);
		if (d.depth == 0) {
			if (n > 0) {
				warn_at(&d, p, 0, "这一段以序数开头，但在第一个标题之前，不能作为条目，"
				    "按普通段落保留在开头");
				rep->nplain++;
			}
			strv_push(&rep->opening, p->text, p->len);
		} else if (n == 0 || !item(&d, p, prev, n, mlen))
			add_body_para(d.open[d.depth].sec, p->text, p->len);
		prev = p;
	}
	for (i = close; i < end; i++) {
		const struct ipara *p = &src->p[i];
		size_t mlen;

		if (ordinal_parse(p->text, p->len, &mlen) > 0) {
			warn_at(&d, p, 0, "结尾中的条目按普通段落保留");
			rep->nplain++;
		}
		strv_push(&rep->closing, p->text, p->len);
	}
	if (d.late_date != NULL)
		warn_at(&d, d.late_date, 0, "落款和日期在附件之前，按普通段落保留在结尾");
	if (d.date_para != NULL)
		rewrite(&d, d.date_para, 0, d.date_para->text, d.date_para->len, rep->date,
		    "日期的写法");
	if (rep->title == NULL)
		rep->title_derived = 1;
	return 0;
}

static void
free_section(struct isection *s)
{
	size_t i;

	free(s->title);
	free(s->run_in);
	strv_free(&s->paras);
	for (i = 0; i < s->nitems; i++) {
		free(s->items[i].lead);
		strv_free(&s->items[i].body);
	}
	free(s->items);
	for (i = 0; i < s->nsubs; i++)
		free_section(&s->subs[i]);
	free(s->subs);
}

void
ireport_free(struct ireport *r)
{
	size_t i;

	free(r->unit);
	free(r->year);
	free(r->topic);
	free(r->title);
	free(r->subtitle);
	free(r->byline);
	free(r->addressee);
	free(r->signature);
	free(r->date);
	strv_free(&r->opening);
	strv_free(&r->closing);
	strv_free(&r->appendix);
	for (i = 0; i < r->nattachments; i++) {
		free(r->attachments[i].title);
		strv_free(&r->attachments[i].paras);
	}
	free(r->attachments);
	for (i = 0; i < r->nsections; i++)
		free_section(&r->sections[i]);
	free(r->sections);
	memset(r, 0, sizeof(*r));
}
