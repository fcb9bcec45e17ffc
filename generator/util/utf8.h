/* utf8.h: decoding, encoding and classifying UTF-8 text. */
#ifndef SHUZHI_UTF8_H
#define SHUZHI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one code point from s[0..n).  Returns the number of bytes used
 * (1..4) and stores the code point in *cp, or returns 0 for an invalid or
 * truncated sequence (overlong forms and surrogates are invalid).
 */
size_t	 utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out (at least 4 bytes); returns the byte count. */
size_t	 utf8_encode(uint32_t cp, char *out);
/* Offset of the first invalid byte, or (size_t)-1 when s is valid. */
size_t	 utf8_invalid_at(const char *s, size_t n);
/* Number of code points in s[0..n) (invalid bytes count as one each). */
size_t	 utf8_count(const char *s, size_t n);
/*
 * Byte offset after the first count code points of s[0..n) (invalid bytes
 * count as one each), or n when s holds fewer.
 */
size_t	 utf8_skip(const char *s, size_t n, size_t count);

/* Han ideographs (CJK Unified, extensions, compatibility). */
int	 uc_is_han(uint32_t);
/* Full-width CJK punctuation and symbols (U+3000-303F, U+FF00-FFEF...). */
int	 uc_is_cjk_punct(uint32_t);
/* Anything laid out on the full-width grid: Han, kana, CJK punctuation. */
int	 uc_is_wide(uint32_t);
/* Space characters, ASCII and Unicode. */
int	 uc_is_space(uint32_t);

#endif
