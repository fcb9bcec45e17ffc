/*
 * yamlhint.c: the author's YAML mistakes that parse, but not as meant,
 * told by the model where it finds them: "lead：…" read as one text,
 * "key: #text" read as a comment, "-lead" read as a key.
 */
#include <stdlib.h>
#include <string.h>

#include "yamlerr.h"
#include "yamlline.h"
#include "../util/buf.h"
#include "../util/utf8.h"

char *
yaml_colon_hint(const char *text, size_t len, size_t *col)
{
	const char *name, *colon, *e = memchr(text, '\n', len);
	struct yline l;
	struct buf b;
	size_t n;
	int wide;

	if (e == NULL)
		e = text + len;
	if ((n = yaml_colon_key(text, (size_t)(e - text), &name, &colon, &wide)) == 0)
		return NULL;
	memset(&l, 0, sizeof(l));
	l.s = text;
	l.e = e;
	*col = utf8_count(text, (size_t)(colon - text));
	buf_init(&b);
	yl_put_colon_msg(&b, &l, name, n, colon, wide);
	return buf_take(&b);
}
char *
yaml_comment_hint(const struct yaml_text *t, size_t line, int glued, int *col)
{
	struct yline l;
	const char *hash;
	struct buf b;

	yl_read(t, line, &l);
	if (l.key == NULL || l.value != NULL)
		return NULL;
	hash = yl_skip_blanks(l.colon + 1, l.e);
	if (hash >= l.e || *hash != '#' || (glued && (hash + 1 == l.e || yl_blank(hash[1]))))
		return NULL;
	*col = yl_col(&l, hash);
	buf_init(&b);
	buf_printf(&b, "“%.*s”的值以“#”开头，YAML 把“#”和它后面的文字当成了注释，值就成了空的："
	    "整个值要加引号，写成“%s%.*s: ", (int)(l.colon - l.key), l.key, yl_dash(&l),
	    (int)(l.colon - l.key), l.key);
	yl_put_quoted(&b, hash, yl_text_end(hash + 1, l.e));
	buf_puts(&b, "”");
	return buf_take(&b);
}

char *
yaml_dash_hint(const char *key)
{
	struct buf b;

	if (key[0] != '-' || yl_name_len(key + 1, key + strlen(key)) == 0)
		return NULL;
	buf_init(&b);
	buf_printf(&b, "“%s”：列表项的“-”后面要有一个空格，写成“- %s”", key, key + 1);
	return buf_take(&b);
}

char *
yaml_cut_hint(const char *text, size_t len, size_t end, size_t *hash)
{
	const char *e = text + len, *p = text + end, *q;
	struct buf b;

	while (p < e && yl_blank(*p))
		p++;
	if (p == text + end || p + 1 >= e || *p != '#' || yl_blank(p[1]) || p[1] == '\n' ||
	    p[1] == '\r')
		return NULL;
	for (q = p; q < e && *q != '\n' && *q != '\r'; q++)
		continue;
	*hash = (size_t)(p - text);
	buf_init(&b);
	buf_puts(&b, "“#”前面有空格，YAML 把“");
	yl_put_excerpt(&b, p, q);
	buf_puts(&b, "”当成了注释，这几个字不会印出来：如果它们是正文，给整个值加引号，"
	    "或去掉“#”前的空格");
	return buf_take(&b);
}
