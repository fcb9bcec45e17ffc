/*
 * cnnum.h: Chinese numerals and the numbering of headings and attachments,
 * one definition for the stages that write them (render, import, diff).
 */
#ifndef SHUZHI_CNNUM_H
#define SHUZHI_CNNUM_H

#include <stddef.h>

#include "buf.h"

/* Chinese numeral for 1..999 (一, 十一, 一百零五...), appended to out. */
void	 cn_numeral(int n, struct buf *out);
/* Parse a Chinese numeral at the start of s; returns its bytes (0: none). */
size_t	 cn_number_parse(const char *s, size_t len, int *value);
/* The number of the index-th heading of level 1..4: 一、 （一） 1. （1）. */
void	 section_number(int level, int index, struct buf *out);
/* The label of attachment index (1-based) of n: 附件 when there is one, else 附件1, 附件2... */
void	 attachment_label(int index, int n, struct buf *out);

#endif
