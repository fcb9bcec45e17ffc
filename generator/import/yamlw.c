/*
 * yamlw.c: scalars for the imported content files that read back through
 * value.c (libyaml) as exactly the same text.  Plain when load/yamlout.c
 * says a plain scalar is safe and no character needs an escape; otherwise
 * double-quoted, with an escape for every character YAML would fold,
 * reject or read as a line break (control characters, U+0085, U+2028,
 * U+2029, U+FEFF, U+FFFE, U+FFFF).
 */
#include <string.h>

#include "import.h"
#include "../load/yamlout.h"
#include "../util/utf8.h"

/* A character that must be escaped inside double quotes. */
static int
needs_escape(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

static int
plain_ok(const char *s)
{
	size_t i, k, len = strlen(s);
	uint32_t cp;

	for (i = 0; i < len; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0 || needs_escape(cp))
			return 0;
	}
	return yaml_plain_ok(s);
}

void
yamlw_scalar(struct buf *b, const char *s)
{
	size_t i, k, len = strlen(s);
	uint32_t cp;

	if (plain_ok(s)) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (i = 0; i < len; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			k = 1;	/* not UTF-8: cannot be written; U+FFFD instead */
			buf_puts(b, "\\uFFFD");
			continue;
		}
		if (cp == '"')
			buf_puts(b, "\\\"");
		else if (cp == '\\')
			buf_puts(b, "\\\\");
		else if (cp == '\n')
			buf_puts(b, "\\n");
		else if (cp == '\t')
			buf_puts(b, "\\t");
		else if (needs_escape(cp) && cp <= 0xFF)
			buf_printf(b, "\\x%02X", (unsigned)cp);
		else if (needs_escape(cp))
			buf_printf(b, "\\u%04X", (unsigned)cp);
		else
			buf_put(b, s + i, k);
	}
	buf_putc(b, '"');
}
