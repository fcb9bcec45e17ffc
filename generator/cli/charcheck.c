/* charcheck.c: characters no font can draw, found in the content files before typesetting. */
#include <stdlib.h>
#include <string.h>

#include "charcheck.h"
#include "../load/scalar_map.h"
#include "../typeset/cjkclass.h"
#include "../typeset/fonts.h"
#include "../util/utf8.h"

struct cc {
	struct diag		*diag;
	const struct report	*r;
	const struct fontset	*fonts;
	int			 errors;
};

static const struct value_doc *
doc_of(const struct cc *c, const struct value *v)
{
	size_t i = model_file_index(c->r, v->pos.file);

	return i < c->r->nfiles && i < c->r->ndocs ? c->r->docs[i] : NULL;
}

/* Report the first character of v no font has (and how many more there are). */
static void
check_value(struct cc *c, const struct value *v)
{
	const struct value_doc *doc;
	size_t i, k, at = 0, count = 0;
	uint32_t cp, bad = 0;

	if (v == NULL)
		return;
	if (v->kind == VALUE_LIST || v->kind == VALUE_MAP) {
		for (i = 0; i < v->n; i++)
			check_value(c, v->items[i]);
		return;
	}
	if (v->kind != VALUE_STRING || v->str == NULL)
		return;
	for (i = 0; i < v->len; i += k ? k : 1) {
		k = utf8_decode(v->str + i, v->len - i, &cp);
		/* The font lookup first: it is cached, and nearly always yes. */
		if (k == 0 || cp == '\n' || fontset_any_has(c->fonts, cp) ||
		    cjk_class(cp) == CC_IGNORE || cjk_class(cp) == CC_SPACE)
			continue;
		if (count++ == 0) {
			at = i;
			bad = cp;
		}
	}
	if (count == 0)
		return;
	{
		struct srcpos pos = v->pos;
		struct buf more;
		char s[8];

		if ((doc = doc_of(c, v)) != NULL) {
			struct scalar_map m;

			scalar_map_init(&m, doc, v);
			scalar_map_pos(&m, at, &pos);
			scalar_map_free(&m);
		}
		buf_init(&more);
		if (count > 1)
			buf_printf(&more, "（这段文字中共 %zu 个这样的字符）", count);
		s[utf8_encode(bad, s)] = '\0';
		if (bad > 0xFFFF)
			diag_error(c->diag, &pos, "字符“%s”（U+%04X）在基本多文种平面之外，PDF 库"
			    "无法编码；请改用常用字或通用写法%s", s, (unsigned)bad,
			    more.data ? more.data : "");
		else if (bad >= 0xE000 && bad <= 0xF8FF)
			diag_error(c->diag, &pos, "字符 U+%04X 是私用区字符（常是输入法或 Word 的"
			    "特殊符号），字体中都没有它；请改用通用的字符%s", (unsigned)bad,
			    more.data ? more.data : "");
		else
			diag_error(c->diag, &pos, "字符“%s”（U+%04X）在所有字体中都没有字形；请改用"
			    "常用字，或在 fonts/fonts.yaml 中加一个含有此字的字体%s", s,
			    (unsigned)bad, more.data ? more.data : "");
		buf_free(&more);
		c->errors++;
	}
}

static void
check_values(struct cc *c, const struct value *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check_value(c, v[i]);
}

static void
check_section(struct cc *c, const struct section *s)
{
	size_t i;

	check_value(c, s->title);
	check_value(c, s->run_in);
	check_values(c, s->paras, s->nparas);
	for (i = 0; i < s->nitems; i++) {
		check_value(c, s->items[i].lead);
		check_value(c, s->items[i].body);
		check_value(c, s->items[i].facts);
	}
	for (i = 0; i < s->nsubs; i++)
		check_section(c, &s->subs[i]);
}

int
check_report_chars(struct diag *d, const struct report *r, const struct fontset *fs)
{
	struct cc c;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.diag = d;
	c.r = r;
	c.fonts = fs;
	check_value(&c, r->unit);
	check_value(&c, r->topic);
	check_value(&c, r->title);
	check_value(&c, r->subtitle);
	check_value(&c, r->byline);
	check_value(&c, r->addressee);
	check_values(&c, r->opening, r->nopening);
	for (i = 0; i < r->nsections; i++)
		check_section(&c, &r->sections[i]);
	check_values(&c, r->closing, r->nclosing);
	check_values(&c, r->appendix, r->nappendix);
	check_value(&c, r->signature);
	for (i = 0; i < r->nattachments; i++) {
		check_value(&c, r->attachments[i].title);
		check_values(&c, r->attachments[i].paras, r->attachments[i].nparas);
	}
	return c.errors > 0 ? -1 : 0;
}
