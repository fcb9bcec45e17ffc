/*
 * yamlout.c: write YAML scalars and comments.  Plain scalars are allowed
 * only when no YAML 1.2 or 1.1 reader would take them for anything but
 * that string; everything else is double-quoted, with an escape for
 * every character YAML would fold, reject or read as a line break, so
 * that it reads back through value.c (libyaml) as exactly the same text.
 */
#include <string.h>

#include "yamlout.h"
#include "../util/utf8.h"

/* Words YAML 1.1 or 1.2 readers resolve to null or a boolean. */
static const char *const special[] = {
	"~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False",
	"FALSE", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
	"on", "On", "ON", "off", "Off", "OFF", NULL,
};

/*
 * A character that must be escaped inside double quotes: one YAML would
 * fold, reject or read as a line break (control characters, U+0085,
 * U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF).
 */
static int
needs_escape(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

int
yaml_plain_ok(const char *s)
{
	size_t len = strlen(s), i, k;
	uint32_t cp;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i += k)
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0 || needs_escape(cp))
			return 0;
	/* Indicators that may not start a plain scalar (or do so only sometimes). */
	if (strchr("-?:,[]{}#&*!|>'\"%@` \t.+=<", s[0]) != NULL)
		return 0;
	if (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == ':')
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return 0;
		if (c == ':' && (s[i + 1] == ' ' || s[i + 1] == '\0'))
			return 0;
		if (c == '#' && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			return 0;
	}
	for (i = 0; special[i] != NULL; i++)
		if (strcmp(s, special[i]) == 0)
			return 0;
	/* Numbers, dates and sexagesimals of either version, hex and octal. */
	if (strspn(s, "0123456789+-.eE_:") == len)
		return 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b'))
		return 0;
	/* A YAML 1.1 timestamp such as 2020-12-30T10:00:00Z. */
	if (len >= 10 && strspn(s, "0123456789") == 4 && s[4] == '-')
		return 0;
	return 1;
}

void
yaml_put_scalar(struct buf *b, const char *s)
{
	size_t i, k, len = strlen(s);
	uint32_t cp;

	if (yaml_plain_ok(s)) {
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

void
yaml_put_indent(struct buf *b, int indent)
{
	while (indent-- > 0)
		buf_putc(b, ' ');
}

void
yaml_put_comment(struct buf *b, int indent, const char *text)
{
	const char *nl;
	size_t n;

	for (;;) {
		nl = strchr(text, '\n');
		n = nl != NULL ? (size_t)(nl - text) : strlen(text);
		yaml_put_indent(b, indent);
		buf_puts(b, n > 0 ? "# " : "#");
		buf_put(b, text, n);
		buf_putc(b, '\n');
		if (nl == NULL)
			return;
		text = nl + 1;
	}
}
