/*
 * escape.c: escaping of interpolated values, for HTML and for Markdown.
 * The Markdown form makes an author's sentence come out literally: nothing
 * in it can turn into emphasis, a link, HTML, a list, a heading or a table
 * (e-mail addresses may still be autolinked by GFM; their text stays).
 */
#include <string.h>

#include "mustache.h"
#include "../util/buf.h"

static void
escape_html(const char *s, size_t len, struct buf *out)
{
	size_t i, from = 0;

	for (i = 0; i < len; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: continue;
		}
		buf_put(out, s + from, i - from);
		buf_puts(out, rep);
		from = i + 1;
	}
	buf_put(out, s + from, len - from);
}

static int
is_nl(char c)
{
	return c == '\n' || c == '\r';
}

/* Bytes that may need escaping inside the value (see escape_markdown). */
static int
special(char c)
{
	switch (c) {
	case '\n': case '\r':
	case '\\': case '`': case '*': case '_': case '[': case ']':
	case '<': case '>': case '&': case '~': case '|':
	case ':': case '.':
		return 1;
	default:
		return 0;
	}
}

/* What may follow a list marker or a heading's #: blank, or the end. */
static int
ends_marker(const char *s, size_t len, size_t i)
{
	return i >= len || s[i] == ' ' || s[i] == '\t' || is_nl(s[i]);
}

/*
 * Markdown (CommonMark with the GFM extensions).  Everywhere: the
 * characters that start inline markup are backslash-escaped.  At the
 * value's start, which may be a line's start: what would open a block
 * (heading, list item, setext underline, thematic break) is escaped, and
 * a leading blank is written as a character reference, so that it cannot
 * start an indented code block.  Newlines inside the value become one
 * space (a report paragraph is one line); those at its ends are dropped.
 * Other text, Chinese included, passes through as it is.
 */
static void
escape_markdown(const char *s, size_t len, struct buf *out)
{
	size_t i = 0, k, from;

	while (len > 0 && is_nl(s[0]))
		s++, len--;
	while (len > 0 && is_nl(s[len - 1]))
		len--;
	if (len == 0)
		return;
	switch (s[0]) {
	case ' ':
		buf_puts(out, "&#32;");
		i = 1;
		break;
	case '\t':
		buf_puts(out, "&#9;");
		i = 1;
		break;
	case '#':
	case '=':
		buf_putc(out, '\\');
		buf_putc(out, s[0]);
		i = 1;
		break;
	case '-':
	case '+':
		if (ends_marker(s, len, 1) || (s[0] == '-' && s[1] == '-')) {
			buf_putc(out, '\\');
			buf_putc(out, s[0]);
			i = 1;
		}
		break;
	default:
		/* An ordered list item: 1 to 9 digits, then "." or ")". */
		for (k = 0; k < len && k < 10 && s[k] >= '0' && s[k] <= '9'; k++)
			;
		if (k >= 1 && k <= 9 && k < len && (s[k] == '.' || s[k] == ')') &&
		    ends_marker(s, len, k + 1)) {
			buf_put(out, s, k);
			buf_putc(out, '\\');
			buf_putc(out, s[k]);
			i = k + 1;
		}
		break;
	}
	/* Runs of bytes that stay as they are are copied whole. */
	for (from = i; i < len; i++) {
		char c = s[i];

		if (!special(c))
			continue;
		if (is_nl(c)) {
			buf_put(out, s + from, i - from);
			while (i + 1 < len && is_nl(s[i + 1]))
				i++;
			buf_putc(out, ' ');
			from = i + 1;
			continue;
		}
		/*
		 * Keep GFM from autolinking "scheme://" and "www." text: it
		 * would take the escapes into the link, backslashes and all.
		 */
		if (c == ':' && !(i + 2 < len && s[i + 1] == '/' && s[i + 2] == '/'))
			continue;
		if (c == '.' && !(i >= 3 && memcmp(s + i - 3, "www", 3) == 0))
			continue;
		buf_put(out, s + from, i - from);
		buf_putc(out, '\\');
		from = i;
	}
	buf_put(out, s + from, len - from);
}

void
mustache_escape(enum mustache_escape e, const char *s, size_t len, struct buf *out)
{
	switch (e) {
	case ESCAPE_HTML:
		escape_html(s, len, out);
		break;
	case ESCAPE_MARKDOWN:
		escape_markdown(s, len, out);
		break;
	default:
		buf_put(out, s, len);
		break;
	}
}
