/* diff.c: unit tests of the character diff (tokens, Myers, clean-up) and the redline Markdown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diff/mdinline.h"
#include "diff/textdiff.h"
#include "util/buf.h"

#include "tap.h"

/* The diff as text: [-deleted-]{+inserted+}, like git's word diff. */
static void
show(const struct tdiff *d, struct buf *out)
{
	size_t i;

	buf_reset(out);
	buf_grow(out, 0);
	for (i = 0; i < d->n; i++) {
		if (d->p[i].op == TD_DEL)
			buf_puts(out, "[-");
		else if (d->p[i].op == TD_INS)
			buf_puts(out, "{+");
		buf_put(out, d->p[i].s, d->p[i].len);
		if (d->p[i].op == TD_DEL)
			buf_puts(out, "-]");
		else if (d->p[i].op == TD_INS)
			buf_puts(out, "+}");
	}
}

/* Both texts come back from the pieces. */
static int
restores(const struct tdiff *d, const char *a, size_t alen, const char *b, size_t blen)
{
	struct buf x, y;
	size_t i;
	int ok;

	buf_init(&x);
	buf_init(&y);
	buf_grow(&x, 0);
	buf_grow(&y, 0);
	for (i = 0; i < d->n; i++) {
		if (d->p[i].op != TD_INS)
			buf_put(&x, d->p[i].s, d->p[i].len);
		if (d->p[i].op != TD_DEL)
			buf_put(&y, d->p[i].s, d->p[i].len);
	}
	ok = x.len == alen && memcmp(x.data, a, alen) == 0 &&
	    y.len == blen && memcmp(y.data, b, blen) == 0;
	buf_free(&x);
	buf_free(&y);
	return ok;
}

static void
expect(const char *name, const char *a, const char *b, const char *want)
{
	struct tdiff d;
	struct buf out;

	buf_init(&out);
	textdiff(a, strlen(a), b, strlen(b), &d);
	show(&d, &out);
	if (!restores(&d, a, strlen(a), b, strlen(b)))
		check(0, name, "the pieces do not give back both texts");
	else
		check(strcmp(out.data, want) == 0, name, out.data);
	tdiff_free(&d);
	buf_free(&out);
}

static void
tokens(void)
{
	struct token *t;
	size_t n;
	const char *s = "共计120余名，COVID19疫情3.5%与1,200人 e\xcc\x81t\xc3\xa9 葛\xef\xb8\x80";

	n = tokenize(s, strlen(s), &t);
	/* 共 计 120 余 名 ， COVID19 疫 情 3.5 % 与 1,200 人 ␠ étè ␠ 葛+VS1 */
	check(n == 18, "tokens: one per CJK character, digit runs and words whole", NULL);
	check(n > 2 && t[2].len == 3 && t[2].cls == TOK_DIGITS, "tokens: 120 is one digit run", NULL);
	check(n > 6 && t[6].len == 7 && t[6].cls == TOK_WORD, "tokens: COVID19 is one word", NULL);
	check(n > 9 && t[9].len == 3 && memcmp(t[9].s, "3.5", 3) == 0, "tokens: 3.5 is one number", NULL);
	check(n > 12 && t[12].len == 5, "tokens: 1,200 is one number", NULL);
	check(n > 15 && t[15].len == 6 && t[15].cls == TOK_WORD,
	    "tokens: a combining accent stays in its word", NULL);
	check(n > 17 && t[17].len == 6, "tokens: a variation selector stays with its character", NULL);
	check(n > 5 && t[5].cls == TOK_PAUSE, "tokens: ， is a pause", NULL);
	free(t);

	n = tokenize("\xff\xfe" "a", 3, &t);
	check(n == 3, "tokens: invalid bytes are one token each", NULL);
	free(t);
}

static void
chardiff(void)
{
	struct tdiff d;

	textdiff("", 0, "", 0, &d);
	check(d.n == 0, "empty texts give no pieces", NULL);
	tdiff_free(&d);
	expect("identical text is one equal piece", "统一思想，提高站位。", "统一思想，提高站位。",
	    "统一思想，提高站位。");
	expect("120余名 -> 150余名 marks the number only",
	    "全镇共计120余名民兵参与卡口执勤800余人次", "全镇共计150余名民兵参与卡口执勤800余人次",
	    "全镇共计[-120-]{+150+}余名民兵参与卡口执勤800余人次");
	expect("a year is one token", "2019年度", "2020年度", "[-2019-]{+2020+}年度");
	expect("a decimal stays whole", "增长3.5%", "增长3.8%", "增长[-3.5-]{+3.8+}%");
	expect("a Latin word stays whole", "用Word排版", "用WPS排版", "用[-Word-]{+WPS+}排版");
	expect("one character changed", "强化责任，加强领导。", "强化责任，坚强领导。",
	    "强化责任，[-加-]{+坚+}强领导。");
	expect("insertion at the start", "提高站位。", "统一思想，提高站位。", "{+统一思想，+}提高站位。");
	expect("deletion at the end", "提高站位。落实要求。", "提高站位。", "提高站位。[-落实要求。-]");
	expect("insert one sentence, delete another, the middle intact",
	    "镇党委紧紧围绕党管武装制度开展工作。扎实落实党委议军制度。强化民兵教育管理。",
	    "年初召开专题会议。镇党委紧紧围绕党管武装制度开展工作。扎实落实党委议军制度。",
	    "{+年初召开专题会议。+}镇党委紧紧围绕党管武装制度开展工作。扎实落实党委议军制度。"
	    "[-强化民兵教育管理。-]");
	expect("no confetti: a rewritten phrase is one replacement",
	    "加强民兵教育管理", "强化队伍训练管理", "[-加强民兵教育-]{+强化队伍训练+}管理");
	expect("a deleted sentence is aligned on 。",
	    "统一思想。提高站位。落实要求。", "统一思想。落实要求。",
	    "统一思想。[-提高站位。-]落实要求。");
	expect("an inserted clause ends at its comma", "统一思想，提高站位。",
	    "统一思想，强化责任，提高站位。", "统一思想，{+强化责任，+}提高站位。");
	expect("a combining accent is never split off", "cafe\xcc\x81 au lait", "cafe au lait",
	    "[-cafe\xcc\x81-]{+cafe+} au lait");
	expect("a clause moved to the end keeps the longer part equal", "民兵整组纳入政府年度管理",
	    "纳入政府年度管理，民兵整组", "[-民兵整组-]纳入政府年度管理{+，民兵整组+}");
}

/* Random texts: the pieces always give back both texts. */
static void
fuzz(void)
{
	static const char *alpha[] = { "民", "兵", "，", "。", "1", "2", "a", "b", " ", "的",
	    "\xcc\x81", "\xff", "3.", "整", "组" };
	char a[400], b[8192];
	unsigned seed = 12345;
	int i, bad = 0;

	for (i = 0; i < 3000 && !bad; i++) {
		size_t alen = 0, blen = 0;
		int k, na = (int)(seed % 40), nb;
		struct tdiff d;

		seed = seed * 1103515245 + 12345;
		nb = (int)((seed >> 8) % 40);
		for (k = 0; k < na; k++) {
			const char *s;

			seed = seed * 1103515245 + 12345;
			s = alpha[(seed >> 16) % 15];
			memcpy(a + alen, s, strlen(s));
			alen += strlen(s);
		}
		/* b: a edited (or random, one time in four) */
		for (k = 0; k < nb; k++) {
			const char *s;

			seed = seed * 1103515245 + 12345;
			s = alpha[(seed >> 16) % ((seed >> 24) % 4 == 0 ? 15 : 4)];
			memcpy(b + blen, s, strlen(s));
			blen += strlen(s);
			if ((seed >> 12) % 3 == 0 && alen > 0) {
				size_t cut = (seed >> 4) % alen;

				memcpy(b + blen, a, cut);
				blen += cut;
			}
		}
		textdiff(a, alen, b, blen, &d);
		if (!restores(&d, a, alen, b, blen))
			bad = 1;
		tdiff_free(&d);
	}
	check(!bad, "3000 random pairs: the pieces give back both texts", NULL);
}

/* Long texts stay fast: unrelated ones, and one edited in many places. */
static void
speed(void)
{
	struct buf a, b;
	struct tdiff d;
	clock_t t0;
	double secs;
	char name[100];
	size_t i, edits = 0;

	buf_init(&a);
	buf_init(&b);
	for (i = 0; i < 3000; i++) {
		buf_puts(&a, i % 7 ? "民兵" : "整组。");
		buf_puts(&b, i % 5 ? "队伍" : "训练，");
	}
	t0 = clock();
	textdiff(a.data, a.len, b.data, b.len, &d);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	snprintf(name, sizeof(name), "two unrelated 7,000-character texts in %.3f s", secs);
	check(secs < 2.0 && restores(&d, a.data, a.len, b.data, b.len), name, NULL);
	tdiff_free(&d);

	buf_reset(&a);
	buf_reset(&b);
	for (i = 0; i < 1000; i++) {
		static const char *w[] = { "加强", "国防", "教育", "民兵", "整组", "训练", "落实" };

		buf_puts(&a, w[(i * 7 + i / 3) % 7]);
		buf_puts(&b, i % 50 == 25 ? "切实" : w[(i * 7 + i / 3) % 7]);
		buf_puts(&a, i % 9 == 8 ? "。" : "");
		buf_puts(&b, i % 9 == 8 ? "。" : "");
	}
	t0 = clock();
	textdiff(a.data, a.len, b.data, b.len, &d);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	for (i = 0; i < d.n; i++)
		edits += d.p[i].op == TD_INS;
	snprintf(name, sizeof(name), "a 2,100-character text with 20 edits: %zu insertions, %.3f s",
	    edits, secs);
	check(secs < 2.0 && edits == 20 && restores(&d, a.data, a.len, b.data, b.len), name, NULL);
	tdiff_free(&d);
	buf_free(&a);
	buf_free(&b);
}

static void
md(const char *name, const struct md_span *sp, size_t n, const char *want)
{
	struct buf out;

	buf_init(&out);
	md_inline(sp, n, &out);
	check(out.data != NULL && strcmp(out.data, want) == 0, name, out.data);
	buf_free(&out);
}

#define S(x)	x, sizeof(x) - 1

static void
markdown(void)
{
	struct md_span s1[] = {
		{ S("全镇共计"), 0 }, { S("120"), MD_DEL }, { S("150"), MD_INS },
		{ S("余名"), 0 },
	};
	struct md_span s2[] = {
		{ S("统一思想"), 0 }, { S("，提高"), MD_DEL }, { S("站位"), 0 },
	};
	struct md_span s3[] = {
		{ S("一是统一思想，提高站位"), MD_STRONG }, { S("。"), 0 }, { S("党管"), 0 },
	};
	struct md_span s4[] = {
		{ S("一是统一思想。"), MD_STRONG }, { S("党管"), 0 },
	};
	struct md_span s5[] = {
		{ S("a*b_c[d]!e~f<g>&h|i\\j`"), 0 },
	};
	struct md_span s6[] = {
		{ S("1. 加强"), MD_INS },
	};
	struct md_span s8[] = {
		{ S("二是"), MD_STRONG }, { S("做好"), MD_STRONG | MD_INS }, { S("正文"), 0 },
	};
	struct md_span s7[] = {
		{ S("二是"), MD_STRONG }, { S("抓好"), MD_STRONG | MD_DEL },
		{ S("做好"), MD_STRONG | MD_INS }, { S("工作"), MD_STRONG }, { S("。正文"), 0 },
	};

	md("a replaced number", s1, 4, "全镇共计<del>120</del><ins>150</ins>余名");
	md("a deletion that starts with a mark needs no character reference (a tag, not ~~)",
	    s2, 3, "统一思想<del>，提高</del>站位");
	md("bold before a mark, as the report writes it", s3, 3,
	    "**一是统一思想，提高站位**。党管");
	md("bold ending in a mark before a character", s4, 2, "**一是统一思想。**&#x515A;管");
	md("markup characters are escaped", s5, 1, "a\\*b\\_c\\[d\\]\\!e\\~f\\<g\\>\\&h\\|i\\\\j\\`");
	md("an inserted list marker stays text", s6, 1, "<ins>1. 加强</ins>");
	s6[0].marks = 0;
	md("a list marker at the line's start is escaped", s6, 1, "1\\. 加强");
	md("marks nest inside the bold lead", s7, 5,
	    "**二是<del>抓好</del><ins>做好</ins>工作**。正文");
	md("bold ending in a tag before a character: a character reference after it", s8, 3,
	    "**二是<ins>做好</ins>**&#x6B63;文");
}

int
main(void)
{
	tokens();
	chardiff();
	fuzz();
	speed();
	markdown();
	return tap_status();
}
