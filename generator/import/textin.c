/*
 * textin.c: read a text file as UTF-8.  Valid UTF-8 (with or without a
 * byte-order mark) is taken as it is; a UTF-16 byte-order mark means
 * UTF-16; anything else is converted from GB18030 (which includes GBK and
 * GB2312, what Chinese Windows saves as "ANSI") with iconv, and a note
 * says so.  Line ends become \n, and characters that are not text
 * (control characters, byte-order marks inside the text) are removed
 * with a warning, so that every line number matches the file.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "importint.h"
#include "../files/fsio.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define TEXT_MAX	(16u * 1024 * 1024)

/* Convert with iconv; on failure *bad is the offset of the bad input. */
static int
convert(const char *from, const char *in, size_t len, struct buf *out, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *ip = (char *)in, chunk[4096];
	size_t left = len;

	if (cd == (iconv_t)-1) {
		*bad = (size_t)-1;
		return -1;
	}
	while (left > 0) {
		char *op = chunk;
		size_t room = sizeof(chunk);

		if (iconv(cd, &ip, &left, &op, &room) == (size_t)-1 && errno != E2BIG) {
			buf_put(out, chunk, (size_t)(op - chunk));
			*bad = (size_t)(ip - in);
			iconv_close(cd);
			return -1;
		}
		buf_put(out, chunk, (size_t)(op - chunk));
	}
	iconv_close(cd);
	return 0;
}

/* Line and column (1-based) of byte off in raw bytes of unknown encoding. */
static void
raw_position(const char *s, size_t off, int *line, int *col)
{
	size_t i, start = 0;

	*line = 1;
	for (i = 0; i < off; i++)
		if (s[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	*col = (int)(off - start) + 1;
}

/*
 * Mostly UTF-8 with a few bad bytes (a damaged UTF-8 file) rather than
 * another encoding: many valid multi-byte sequences per invalid byte.
 */
static int
damaged_utf8(const char *s, size_t n)
{
	size_t i = 0, good = 0, bad = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			bad++;
			i++;
		} else {
			good++;
			i += k;
		}
	}
	return good >= 20 * bad;
}

/*
 * Line ends to \n; U+2028, U+2029 and NEL are line ends too.  Form feeds
 * (page breaks in text saved from a PDF) and byte-order marks go silently;
 * other control characters go with a warning.
 */
static void
clean(struct diag *d, const char *path, const char *s, size_t len, struct buf *out)
{
	size_t i = 0, k;
	uint32_t cp;
	int line = 1, col = 1, warned = 0;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1, cp = 0xFFFD;
		if (cp == '\r' && i + 1 < len && s[i + 1] == '\n') {
			i++;
			continue;
		}
		if (cp == '\r' || cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
			buf_putc(out, '\n');
			line++;
			col = 1;
		} else if (cp == '\f' || cp == '\v' || cp == 0xFEFF) {
			/* nothing */
		} else if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0) ||
		    cp == 0xFFFE || cp == 0xFFFF) {
			if (!warned++) {
				struct srcpos pos = { path, line, col };
				diag_warn(d, &pos, "去掉了不是文字的控制字符 U+%04X（这一类只提示第一处）",
				    (unsigned)cp);
			}
		} else {
			buf_put(out, s + i, k);
			col++;
		}
		i += k;
	}
}

int
text_read(struct diag *d, const char *path, char **text, size_t *len, const char **encoding)
{
	struct srcpos pos = { NULL, 0, 0 };
	struct buf conv, out;
	char *raw;
	size_t rawlen, bad;
	const char *s;
	size_t n;

	pos.file = diag_intern(d, path);
	if (read_file(d, path, TEXT_MAX, &raw, &rawlen) != 0)
		return -1;
	buf_init(&conv);
	buf_init(&out);
	buf_grow(&out, rawlen);
	buf_puts(&out, "");
	s = raw;
	n = rawlen;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3, n -= 3;
		*encoding = "UTF-8";
	} else if (n >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0)) {
		*encoding = "UTF-16";
		if (convert("UTF-16", s, n, &conv, &bad) != 0) {
			diag_error(d, &pos, "文件以 UTF-16 的字节顺序标记开头，但内容不是有效的 UTF-16");
			goto fail;
		}
		diag_report(d, DIAG_NOTE, &pos, NULL, "%s", "文件是 UTF-16 编码，已转换为 UTF-8");
		s = conv.data, n = conv.len;
	} else if (utf8_invalid_at(s, n) == (size_t)-1) {
		*encoding = "UTF-8";
	} else if (damaged_utf8(s, n)) {
		int line, col;

		raw_position(s, utf8_invalid_at(s, n), &line, &col);
		pos.line = line;
		pos.col = col;
		diag_error(d, &pos, "文件是 UTF-8 编码，但这里有无效的字节 0x%02X；请修正后再导入",
		    (unsigned char)s[utf8_invalid_at(s, n)]);
		goto fail;
	} else {
		*encoding = "GB18030";
		if (convert("GB18030", s, n, &conv, &bad) != 0) {
			int line, col;

			if (bad == (size_t)-1) {
				diag_error(d, &pos, "%s", "无法转换编码：系统的 iconv 不支持 GB18030");
				goto fail;
			}
			raw_position(s, bad, &line, &col);
			pos.line = line;
			pos.col = col;
			diag_error(d, &pos, "文件既不是有效的 UTF-8，也不是 GB18030/GBK 编码"
			    "（第 %d 行第 %d 个字节 0x%02X）；请另存为 UTF-8 后再导入",
			    line, col, (unsigned char)s[bad]);
			goto fail;
		}
		diag_report(d, DIAG_NOTE, &pos, NULL, "%s",
		    "文件不是 UTF-8 编码，已按 GB18030（兼容 GBK、GB2312）转换为 UTF-8");
		s = conv.data ? conv.data : "";
		n = conv.len;
	}
	clean(d, pos.file, s, n, &out);
	free(raw);
	buf_free(&conv);
	*len = out.len;
	*text = buf_take(&out);
	return 0;
fail:
	free(raw);
	buf_free(&conv);
	buf_free(&out);
	return -1;
}
