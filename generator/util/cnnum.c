/*
 * cnnum.c: numbers in Chinese numerals (一, 十一, 一百零五) written and
 * read, and the numbers of headings and attachments: the renderer writes
 * them, import and diff must write and read them the same way.
 */
#include <stdint.h>

#include "cnnum.h"
#include "utf8.h"

void
cn_numeral(int n, struct buf *out)
{
	static const char *d[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

	if (n <= 0 || n > 999) {
		buf_printf(out, "%d", n);
		return;
	}
	if (n >= 100) {
		buf_puts(out, d[n / 100]);
		buf_puts(out, "百");
		n %= 100;
		if (n == 0)
			return;
		if (n < 10) {
			buf_puts(out, "零");
			buf_puts(out, d[n]);
			return;
		}
		buf_puts(out, d[n / 10]);	/* 一百一十 */
		buf_puts(out, "十");
		if (n % 10)
			buf_puts(out, d[n % 10]);
		return;
	}
	if (n >= 10) {
		if (n >= 20)
			buf_puts(out, d[n / 10]);
		buf_puts(out, "十");
		n %= 10;
		if (n == 0)
			return;
	}
	buf_puts(out, d[n]);
}

void
section_number(int level, int index, struct buf *out)
{
	switch (level) {
	case 1:
		cn_numeral(index, out);
		buf_puts(out, "、");
		break;
	case 2:
		buf_puts(out, "（");
		cn_numeral(index, out);
		buf_puts(out, "）");
		break;
	case 3:
		buf_printf(out, "%d.", index);
		break;
	default:
		buf_printf(out, "（%d）", index);
		break;
	}
}

void
attachment_label(int index, int n, struct buf *out)
{
	buf_puts(out, "附件");
	if (n > 1)
		buf_printf(out, "%d", index);
}

/* The value of a Chinese digit, or -1. */
static int
cn_digit(uint32_t cp)
{
	static const uint32_t d[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
	    0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };	/* 零一二三四五六七八九 */
	int i;

	if (cp == 0x3007)	/* 〇 */
		return 0;
	for (i = 0; i < 10; i++)
		if (d[i] == cp)
			return i;
	return -1;
}

size_t
cn_number_parse(const char *s, size_t len, int *value)
{
	size_t i = 0, k, used = 0;
	uint32_t cp;
	int total = 0, digit = -1, last_unit = 1000, v;

	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0) {
		if ((v = cn_digit(cp)) >= 0) {
			if (digit > 0)
				break;	/* two digits in a row: 二〇二〇 is no count */
			digit = v;
		} else if (cp == 0x5341 || cp == 0x767E) {	/* 十 百 */
			int unit = cp == 0x5341 ? 10 : 100;

			if (unit >= last_unit || digit == 0)
				break;
			total += (digit < 0 ? 1 : digit) * unit;
			digit = -1;
			last_unit = unit;
		} else
			break;
		i += k;
		used = i;
	}
	if (digit > 0)
		total += digit;
	if (total <= 0 || total > 999)
		return 0;
	*value = total;
	return used;
}
