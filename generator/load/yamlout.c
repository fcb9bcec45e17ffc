/*
 * yamlout.c: write YAML scalars and comments.  Plain scalars are allowed
 * only when no YAML 1.2 or 1.1 reader would take them for anything but
 * that string; everything else is double-quoted.
 */
#include <string.h>

#include "yamlout.h"

/* Words YAML 1.1 or 1.2 readers resolve to null or a boolean. */
static const char *const special[] = {
	"~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False",
	"FALSE", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
	"on", "On", "ON", "off", "Off", "OFF", NULL,
};

int
yaml_plain_ok(const char *s)
{
	size_t len = strlen(s), i;

	if (len == 0)
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
	const unsigned char *p;

	if (yaml_plain_ok(s)) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_printf(b, "\\x%02x", *p);
			else
				buf_putc(b, (char)*p);
		}
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
