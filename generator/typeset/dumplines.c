/* dumplines.c: the lines laid out, as stable text (shuzhi typeset --dump-lines, the golden tests). */
#include "dumplines.h"
#include "../util/utf8.h"

/*
 * One row a line, in the order the PDF draws them:
 *   PAGE ROW ELEMENT BLOCK.LINE J|- X0..X1 |TEXT|
 * PAGE from 1; ROW the grid row from 1, "pn" for the page number; J a
 * justified line; X0..X1 where its first glyph starts and its last cell
 * ends on the page, pt, two decimals.
 */
void
lines_dump(const struct line_list *lines, const struct layout *lay, struct buf *out)
{
	size_t i, k;

	for (i = 0; i < lay->n; i++) {
		const struct placed *p = &lay->v[i];
		const struct tline *l = &lines->l[p->line];
		const struct glyph *g = lines->g + l->first;
		double x0 = l->n > 0 ? g[0].x : 0, x1 = l->n > 0 ? g[l->n - 1].end : 0;

		buf_printf(out, "%d ", p->page + 1);
		if (p->row < 0)
			buf_printf(out, "pn ");
		else
			buf_printf(out, "%d ", p->row + 1);
		buf_printf(out, "%s %zu.%d %c %.2f..%.2f |", elem_key(l->elem), l->block + 1,
		    l->index + 1, l->justified ? 'J' : '-', p->x + x0, p->x + x1);
		for (k = 0; k < l->n; k++) {
			char s[8];

			buf_put(out, s, utf8_encode(g[k].cp, s));
		}
		buf_printf(out, "|\n");
	}
}
