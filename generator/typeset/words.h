/*
 * words.h: where the words of a run of text begin and end (ICU's
 * dictionary-based word break iterator), so that a title line is not
 * ended inside a word (GB/T 9704-2012 7.3.1: 回行时词意完整).
 */
#ifndef SHUZHI_WORDS_H
#define SHUZHI_WORDS_H

#include <stddef.h>
#include <stdint.h>

/*
 * inside[b] = 1 when a break before cp[b] (0 < b < n) would fall inside
 * a word, else 0; inside[0] and inside[n] are 0.  inside has n + 1 bytes.
 * When the segmenter cannot run, every inside[b] is 0: no break is judged.
 */
void	 words_inside(const uint32_t *cp, size_t n, unsigned char *inside);

#endif
