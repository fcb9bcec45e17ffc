/*
 * names.c: how the outputs name a section ("二、（一）组织建设") and an
 * item ("三是“抓好拥军优属工作。”").
 */
#include <string.h>

#include "diffint.h"
#include "../util/cnnum.h"
#include "../util/utf8.h"

void
sec_name(const struct dview *w, size_t sec, struct buf *out)
{
	const struct dv_sec *s = &w->secs[sec];

	if (s->parent != DV_NONE) {
		size_t p = s->parent, chain[8], n = 0;

		while (p != DV_NONE && n < 8) {
			chain[n++] = p;
			p = w->secs[p].parent;
		}
		while (n > 0)
			buf_puts(out, w->secs[chain[--n]].number);
	}
	buf_puts(out, s->number);
	buf_puts(out, s->title);
}

void
item_ordinal(const struct dview *w, size_t item, struct buf *out)
{
	cn_numeral((int)w->items[item].pos + 1, out);
	buf_puts(out, "是");
}

/* An item's lead, cut to about 24 characters, in quotes. */
void
item_label(const struct dview *w, size_t item, struct buf *out)
{
	const char *s = w->items[item].lead;
	size_t len = strlen(s), i = 0, n = 0, k;
	uint32_t c;

	buf_puts(out, "“");
	while (i < len && n < 24) {
		k = utf8_decode(s + i, len - i, &c);
		i += k ? k : 1;
		n++;
	}
	buf_put(out, s, i);
	if (i < len)
		buf_puts(out, "……");
	buf_puts(out, "”");
}
