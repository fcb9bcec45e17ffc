/*
 * cjkclass.h: character classes for Chinese line breaking (W3C clreq,
 * GB/T 15834): which marks may not start or end a line, which pairs may
 * not be split, which marks have a blank half that can be squeezed.
 */
#ifndef SHUZHI_CJKCLASS_H
#define SHUZHI_CJKCLASS_H

#include <stddef.h>
#include <stdint.h>

enum cjk_class {
	CC_WIDE,	/* ideographs, kana, full-width forms: one grid cell */
	CC_OPEN,	/* opening brackets and quotes （《“ */
	CC_CLOSE,	/* closing brackets, quotes and stops ）》”，。、 */
	CC_INSEP,	/* — and …: set in pairs that are never split */
	CC_ALNUM,	/* Latin letters and digits: words are never split */
	CC_NARROW,	/* other proportional characters (ASCII marks...) */
	CC_SPACE,
	CC_IGNORE,	/* zero-width and control characters: dropped */
};

enum cjk_class	 cjk_class(uint32_t);
/* The CC_CLOSE marks, all of them: *set gets the list, the count is returned. */
size_t		 cjk_close_marks(const uint32_t **set);
/* Never at the start of a line: 、，。：；！？）〕〉》」』】”’ · , . : ; ! ? ) ] } ... */
int		 cjk_no_start(uint32_t);
/* Never at the end of a line: （〔〈《「『【“‘ ( [ { ¥ ... */
int		 cjk_no_end(uint32_t);
/* Set on the full-width grid although Unicode calls its width ambiguous. */
int		 cjk_wide_ambiguous(uint32_t);
/* A full-width mark whose glyph may fill half its cell (may be squeezed). */
int		 cjk_squeezable(uint32_t);
/* The 间隔号 (· and its look-alikes), as in 1·24 or 约翰·史密斯. */
int		 cjk_interpunct(uint32_t);
/* An ASCII or full-width digit. */
int		 cjk_digit(uint32_t);
/* A digit or a Chinese numeral (the 十四 of 第十四届, the 九 of 九·一八). */
int		 cjk_numeral(uint32_t);
/* Characters that hold a Latin word or number together: 3.5 1,000 10:30 COVID-19 */
int		 cjk_word_joiner(uint32_t);

#endif
