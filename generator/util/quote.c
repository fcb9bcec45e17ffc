/* quote.c: control characters and invalid bytes of names and texts escaped for printing. */
#include <stdint.h>
#include <string.h>

#include "quote.h"
#include "buf.h"
#include "utf8.h"

/*
 * C0 and C1 control characters, and the bidirectional controls that
 * would show the rest of the line reversed.
 */
static int
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

static int
needs_quotes(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0 || is_control(cp))
			return 1;
		i += k;
	}
	return 0;
}

static void
escaped(struct buf *b, const char *s, int quoted)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k != 0 && !is_control(cp) && !(quoted && (cp == '"' || cp == '\\'))) {
			buf_put(b, s + i, k);
			i += k;
			continue;
		}
		if (k != 0 && cp >= 0x80) {	/* C1 or bidirectional control */
			buf_printf(b, "\\u%04X", (unsigned)cp);
			i += k;
			continue;
		}
		switch (s[i]) {
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		default: buf_printf(b, "\\%03o", (unsigned char)s[i]); break;
		}
		i++;
	}
}

void
quote_name(struct buf *b, const char *s)
{
	if (!needs_quotes(s)) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	escaped(b, s, 1);
	buf_putc(b, '"');
}

void
quote_text(struct buf *b, const char *s)
{
	escaped(b, s, 0);
}

char *
quote_dup(const char *s)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "");
	quote_name(&b, s);
	return buf_take(&b);
}
