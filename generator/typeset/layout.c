/* layout.c: grid rows and pages for the lines, keep-together rules, page numbers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "fonts.h"
#include "items.h"
#include "../util/buf.h"
#include "../util/xalloc.h"

struct placer {
	const struct style	*st;
	struct line_list	*lines;
	struct layout		*out;
	int			 page;
	int			 row;
};

static void
place(struct placer *p, size_t line, int page, int row, double yoff)
{
	const struct style *st = p->st;
	const struct tline *l = &p->lines->l[line];
	struct placed *pl;
	double size = 0, top, em_top = 0.88;
	size_t k;

	for (k = 0; k < l->n; k++)
		if (p->lines->g[l->first + k].size > size)
			size = p->lines->g[l->first + k].size;
	if (l->n > 0)
		em_top = p->lines->g[l->first].face->em_top;
	if (size <= 0)
		size = st->cell_h;
	p->out->v = xreallocarray(p->out->v, p->out->n + 1, sizeof(*p->out->v));
	pl = &p->out->v[p->out->n++];
	pl->line = line;
	pl->page = page;
	pl->row = row;
	pl->x = st->margin_left;
	/* The em box centred on the grid cell, or hung from its top when taller. */
	top = st->margin_top + row * st->pitch_y + yoff;
	if (size <= st->cell_h)
		top += (st->cell_h - size) / 2;
	pl->baseline = top + size * em_top;
	if (page + 1 > p->out->npages)
		p->out->npages = page + 1;
}

/*
 * A subtitle or byline right below the title (or each other) belongs to
 * it: the title's blank line is kept below the last of them as well.
 */
static int
joins_title(enum elem e, enum elem prev)
{
	return (e == EL_SUBTITLE || e == EL_BYLINE) &&
	    (prev == EL_TITLE || prev == EL_SUBTITLE || prev == EL_BYLINE);
}

/* Blank lines before block e, after prev with pending blank lines due; updates pending. */
static int
gap_before(const struct style *st, enum elem e, enum elem prev, int *pending)
{
	const struct elem_style *es = &st->el[e];
	int gap;

	if (joins_title(e, prev) && prev != EL_TITLE)
		gap = es->space_before;		/* within the group */
	else
		gap = es->space_before > *pending ? es->space_before : *pending;
	if (!joins_title(e, prev) || es->space_after > *pending)
		*pending = es->space_after;
	return gap;
}

/* Lines needed from block b on to honour keep-with-next, blank lines included. */
static int
chain_need(const struct style *st, const struct block_info *bl, size_t nb, size_t b)
{
	int need = (int)bl[b].nlines, pending = st->el[bl[b].elem].space_after;
	enum elem prev = bl[b].elem;
	size_t j;

	if (bl[b].elem == EL_SIGNATURE && b + 1 < nb && bl[b + 1].elem == EL_DATE)
		return need + (int)bl[b + 1].nlines;
	if (bl[b].elem == EL_SIGNATURE || bl[b].elem == EL_DATE)
		return need;
	if (!st->el[bl[b].elem].keep_with_next)
		return 1;	/* may run over to the next page */
	for (j = b + 1; j < nb; j++) {
		if (bl[j].nlines == 0)
			continue;
		need += gap_before(st, bl[j].elem, prev, &pending);
		prev = bl[j].elem;
		if (!st->el[bl[j].elem].keep_with_next) {
			need += 1;
			break;
		}
		need += (int)bl[j].nlines;
	}
	return need;
}

static int
page_number_lines(const struct itemizer *iz, const struct style *st,
    struct line_list *lines, struct layout *out)
{
	const struct elem_style *es = &st->el[EL_PAGENO];
	struct break_opts o;
	int page, errors = 0;

	memset(&o, 0, sizeof(o));
	o.width = 1e6;
	o.align = ALIGN_LEFT;
	o.pitch = st->pitch_x;
	o.min_last = 1;
	o.max_stretch = 1e6;
	for (page = 0; page < out->npages; page++) {
		struct item_list items = { NULL, 0, 0 };
		struct buf text;
		const char *f, *hole;
		char num[16];
		double w, x, mid = es->size * 0.3, x0, x1, y0, y1;
		enum align a = (page + 1) % 2 ? st->pageno_odd : st->pageno_even;
		struct placed *pl;
		size_t k;

		buf_init(&text);
		f = st->pageno_format;
		hole = strstr(f, "{n}");
		buf_put(&text, f, (size_t)(hole - f));
		snprintf(num, sizeof(num), "%d", page + 1);
		buf_puts(&text, num);
		buf_puts(&text, hole + 3);
		errors += items_make_text(iz, text.data, EL_PAGENO, &items);
		buf_free(&text);
		if (items.n == 0) {
			items_free(&items);
			continue;
		}
		w = items_width(items.v, 0, items.n);
		break_lines(items.v, items.n, &o, EL_PAGENO, (size_t)-1, lines);
		/* The first mark with ink (the em dash) sets the height. */
		for (k = 0; k < items.n; k++)
			if (!(items.v[k].flags & IT_NODRAW) &&
			    face_ink(items.v[k].face, items.v[k].cp, &x0, &x1, &y0, &y1) == 0 &&
			    y1 > y0) {
				mid = (y0 + y1) / 2 * items.v[k].size;
				break;
			}
		items_free(&items);
		switch (a) {
		case ALIGN_RIGHT:
			x = st->block_w - st->pageno_inset * es->size - w;
			break;
		case ALIGN_CENTER:
			x = (st->block_w - w) / 2;
			break;
		default:
			x = st->pageno_inset * es->size;
			break;
		}
		out->v = xreallocarray(out->v, out->n + 1, sizeof(*out->v));
		pl = &out->v[out->n++];
		pl->line = lines->nl - 1;
		pl->page = page;
		pl->row = -1;
		pl->x = st->margin_left + x;
		pl->baseline = st->margin_top + st->block_h + st->pageno_dash_below + mid;
	}
	return errors ? -1 : 0;
}

int
layout_pages(const struct itemizer *iz, const struct style *st,
    const struct block_info *bl, size_t nb, struct line_list *lines, struct layout *out)
{
	struct placer p;
	size_t b, k;
	int pending_after = 0;
	enum elem prev = EL_COUNT;	/* none yet */

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	p.st = st;
	p.lines = lines;
	p.out = out;
	out->npages = 1;
	for (b = 0; b < nb; b++) {
		const struct elem_style *es = &st->el[bl[b].elem];
		int blank, need;

		if (bl[b].nlines == 0)
			continue;
		if (bl[b].newpage && p.row > 0) {
			p.page++;
			p.row = 0;
		}
		blank = gap_before(st, bl[b].elem, prev, &pending_after);
		prev = bl[b].elem;
		need = chain_need(st, bl, nb, b);
		if (p.row > 0 && p.row + blank + need > st->lines && need <= st->lines) {
			int pull = (bl[b].elem == EL_SIGNATURE || bl[b].elem == EL_DATE) &&
			    out->n > 0 && out->v[out->n - 1].page == p.page &&
			    (b == 0 || bl[b - 1].elem != EL_SIGNATURE);

			p.page++;
			p.row = 0;
			if (pull) {
				/* Never a signature alone: the text's last line comes along. */
				size_t line = out->v[--out->n].line;

				place(&p, line, p.page, p.row++, 0);
			}
		}
		if (p.row > 0)
			p.row += blank;
		if (es->line_pitch > 0 && bl[b].nlines > 1 &&
		    p.row + 1 + (int)((bl[b].nlines - 1) * es->line_pitch / st->pitch_y) <
		    st->lines) {
			/* Lines at their own pitch; the next block returns to the grid. */
			for (k = 0; k < bl[b].nlines; k++)
				place(&p, bl[b].first_line + k, p.page, p.row, k * es->line_pitch);
			p.row += (int)ceil(((bl[b].nlines - 1) * es->line_pitch + es->size) /
			    st->pitch_y - 0.01);
		} else
			for (k = 0; k < bl[b].nlines; k++) {
				if (p.row >= st->lines) {
					p.page++;
					p.row = 0;
				}
				place(&p, bl[b].first_line + k, p.page, p.row++, 0);
			}
	}
	return page_number_lines(iz, st, lines, out);
}

void
layout_free(struct layout *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}
