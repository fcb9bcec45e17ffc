/* cjkclass.c: the tables behind Chinese line breaking and punctuation squeezing. */
#include <stddef.h>

#include "cjkclass.h"
#include "../util/utf8.h"

static int
in(uint32_t c, const uint32_t *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == c)
			return 1;
	return 0;
}

#define IN(c, set)	in((c), (set), sizeof(set) / sizeof((set)[0]))

/* Between the CJK marks and the compatibility forms: ideographs, none in the tables. */
#define NO_MARK(c)	((c) >= 0x3400 && (c) < 0xFE00)

static const uint32_t no_start[] = {
	0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F,	/* 、。，．：；！？ */
	0xFF09, 0x3015, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3017,	/* ）〕〉》」』】〗 */
	0x3019, 0xFF3D, 0xFF5D, 0x201D, 0x2019, 0xFE5A, 0xFE5C,		/* 〙］｝”’﹚﹜ */
	0xFF05, 0x2030, 0x2103, 0x2032, 0x2033, 0x3005, 0x30FC, 0xFF5E,	/* ％‰℃′″々ー～ */
	0x00B7, 0x30FB, 0x2027, 0xFF65,				/* the 间隔号 ·・‧･ */
	',', '.', ':', ';', '!', '?', ')', ']', '}', '%',
};

static const uint32_t no_end[] = {
	0xFF08, 0x3014, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3016,	/* （〔〈《「『【〖 */
	0x3018, 0xFF3B, 0xFF5B, 0x201C, 0x2018, 0xFE59, 0xFE5B,		/* 〘［｛“‘﹙﹛ */
	0x00A5, 0xFFE5, 0x00A3, 0xFFE1, 0x20AC, 0x2116, 0xFF03,		/* ¥￥£￡€№＃ */
	'(', '[', '{', '$', '#',
};

static const uint32_t open_marks[] = {
	0xFF08, 0x3014, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3016,
	0x3018, 0xFF3B, 0xFF5B, 0x201C, 0x2018,
};

static const uint32_t close_marks[] = {
	0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F,
	0xFF09, 0x3015, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3017,
	0x3019, 0xFF3D, 0xFF5D, 0x201D, 0x2019,
};

size_t
cjk_close_marks(const uint32_t **set)
{
	*set = close_marks;
	return sizeof(close_marks) / sizeof(close_marks[0]);
}

static const uint32_t ambiguous[] = {
	0x2014, 0x2015, 0x2018, 0x2019, 0x201C, 0x201D, 0x2025, 0x2026,
	0x00B7, 0x2027, 0x30FB, 0x203B, 0x2116, 0x2236,
};

int
cjk_no_start(uint32_t c)
{
	return !NO_MARK(c) && IN(c, no_start);
}

int
cjk_no_end(uint32_t c)
{
	return !NO_MARK(c) && IN(c, no_end);
}

int
cjk_wide_ambiguous(uint32_t c)
{
	return IN(c, ambiguous);
}

int
cjk_squeezable(uint32_t c)
{
	/* The 间隔号 too (JIS X 4051's middle dots): it may give up its sides. */
	return !NO_MARK(c) && (IN(c, open_marks) || IN(c, close_marks) || cjk_interpunct(c));
}

int
cjk_interpunct(uint32_t c)
{
	return c == 0x00B7 || c == 0x30FB || c == 0x2027 || c == 0xFF65;
}

int
cjk_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

int
cjk_numeral(uint32_t c)
{
	/* 〇一二三四五六七八九十百千万零 */
	static const uint32_t cn[] = {
		0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B,
		0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E07, 0x96F6,
	};

	return cjk_digit(c) || IN(c, cn);
}

int
cjk_word_joiner(uint32_t c)
{
	return c == '.' || c == ',' || c == ':' || c == '/' || c == '-' ||
	    c == '\'' || c == '_' || c == '&' || c == '+' || c == '@';
}

enum cjk_class
cjk_class(uint32_t c)
{
	if (c >= 0x4E00 && c <= 0x9FFF)		/* the common ideographs, first */
		return CC_WIDE;
	if (c != 0x3000 && uc_is_space(c))
		return CC_SPACE;
	/* Invisible: the loader warns about each (model.c), nothing is drawn. */
	if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x200B && c <= 0x200F) ||
	    (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x00AD)
		return CC_IGNORE;
	if (c == 0x2014 || c == 0x2015 || c == 0x2026 || c == 0x2025)
		return CC_INSEP;
	if (IN(c, open_marks))
		return CC_OPEN;
	if (IN(c, close_marks))
		return CC_CLOSE;
	if (uc_is_wide(c) || cjk_wide_ambiguous(c))
		return CC_WIDE;
	if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7) ||
	    (c >= 0x0370 && c <= 0x03FF) || (c >= 0x0400 && c <= 0x04FF))
		return CC_ALNUM;
	return CC_NARROW;
}
