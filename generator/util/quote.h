/*
 * quote.h: names and texts made safe to print on one line of a terminal
 * or a log: a line feed in a file name must not start a line that reads
 * like another diagnostic.
 */
#ifndef SHUZHI_QUOTE_H
#define SHUZHI_QUOTE_H

struct buf;

/*
 * Append s as it is when it is valid UTF-8 without control characters;
 * otherwise in double quotes with C escapes (\n, \t, \", \\, \ooo for
 * other control and invalid bytes).
 */
void	 quote_name(struct buf *, const char *s);
/* Append s with control characters and invalid bytes escaped (no quotes). */
void	 quote_text(struct buf *, const char *s);
/* A quoted copy of s (malloc'd) for the messages printed without a buf. */
char	*quote_dup(const char *s);

#endif
