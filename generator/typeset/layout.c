/* layout.c: grid rows and pages for the lines, keep-together rules, widows and orphans, page numbers. */
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
	struct block_info	*bl;
	size_t			 nb;
	const struct layout_rebreak *rb;
	struct line_list	*lines;
	struct layout		*out;
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
	if (p->out->n == p->out->cap) {
		p->out->cap = p->out->cap ? p->out->cap * 2 : 256;
		p->out->v = xreallocarray(p->out->v, p->out->cap, sizeof(*p->out->v));
	}
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

/* A block kept with the next: a heading (keep-with-next), or a redline's note. */
static int
keeps(const struct style *st, const struct block_info *b)
{
	return st->el[b->elem].keep_with_next || b->keep;
}

/*
 * Rows needed from block b on to honour keep-with-next, blank lines
 * included: a heading's chain of headings and the first lines of the text
 * after them (enough that the text leaves no orphan).
 */
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
	if (!keeps(st, &bl[b]))
		return 1;	/* may run over to the next page */
	for (j = b + 1; j < nb; j++) {
		if (bl[j].nlines == 0)
			continue;
		need += gap_before(st, bl[j].elem, prev, &pending);
		prev = bl[j].elem;
		if (!keeps(st, &bl[j])) {
			need += (int)bl[j].nlines < st->orphan_lines ? (int)bl[j].nlines :
			    st->orphan_lines;
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
	for (page = out->first_numbered; page < out->npages; page++) {
		struct item_list items = { NULL, 0, 0 };
		struct buf text;
		const char *f, *hole;
		char num[16];
		double w, x, mid = es->size * 0.3, x0, x1, y0, y1;
		int n = page - out->first_numbered + 1;
		enum align a = n % 2 ? st->pageno_odd : st->pageno_even;
		struct placed *pl;
		size_t k;

		buf_init(&text);
		f = st->pageno_format;
		hole = strstr(f, "{n}");
		buf_put(&text, f, (size_t)(hole - f));
		snprintf(num, sizeof(num), "%d", n);
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
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 256;
			out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
		}
		pl = &out->v[out->n++];
		pl->line = lines->nl - 1;
		pl->page = page;
		pl->row = -1;
		pl->x = st->margin_left + x;
		pl->baseline = st->margin_top + st->block_h + st->pageno_dash_below + mid;
	}
	return errors ? -1 : 0;
}

/* Where the layout stands: the next line to place. */
struct pos {
	size_t		 b;		/* block */
	size_t		 line;		/* its next line */
	int		 gapped;	/* its blank lines before are counted already */
	int		 pending;	/* blank lines due after the blocks so far */
	enum elem	 prev;		/* the last block's element */
	int		 page;
};

/* 1 when block b's lines stop at this position (stop may be NULL). */
static int
stops(const struct pos *stop, size_t b, size_t line)
{
	return stop != NULL && stop->b == b && stop->line == line;
}

/*
 * Never a signature alone on a page: the text's last lines come along
 * (as many as widow control wants, or the whole paragraph when too few
 * would stay behind).  Takes them off this page and sets *s to the first
 * of them; 0 when there is nothing to take.
 */
static int
pull_along(struct placer *p, struct pos *s, size_t first_here, const struct pos *saved)
{
	const struct tline *l;
	size_t blk, m = 0, pull, k;

	if (p->out->n <= first_here)
		return 0;
	l = &p->lines->l[p->out->v[p->out->n - 1].line];
	blk = l->block;
	for (k = p->out->n; k > first_here && p->lines->l[p->out->v[k - 1].line].block == blk;
	    k--)
		m++;
	pull = p->st->widow_lines < 1 ? 1 : (size_t)p->st->widow_lines;
	if (pull > m)
		pull = m;
	if (m - pull > 0 && m - pull < (size_t)p->st->orphan_lines &&
	    p->lines->l[p->out->v[k].line].index == 0)
		pull = m;
	/* Something stays on the page. */
	if (pull >= p->out->n - first_here)
		pull = p->out->n - first_here - 1;
	if (pull == 0)
		return 0;
	p->out->n -= pull;
	s->b = blk;
	s->line = (size_t)p->lines->l[p->out->v[p->out->n].line].index;
	s->gapped = s->line == 0;
	s->pending = saved->pending;
	s->prev = saved->prev;
	return 1;
}

/*
 * Lay out one page from *s (which then says where the next page starts):
 * every line on a row of the grid, blank lines between blocks, headings
 * kept with what follows them; the page ends early at stop (NULL: none).
 */
static void
lay_page(struct placer *p, struct pos *s, const struct pos *stop)
{
	const struct style *st = p->st;
	const struct block_info *bl = p->bl;
	size_t first_here = p->out->n, k;
	int row = 0, blank = 0;

	while (s->b < p->nb) {
		const struct block_info *B = &bl[s->b];
		const struct elem_style *es = &st->el[B->elem];

		if (B->nlines == 0) {
			s->b++;
			continue;
		}
		if (s->line == 0) {
			struct pos saved = *s;
			int need;

			if (!s->gapped) {
				if (B->newpage && row > 0)
					break;
				if (B->restart)
					p->out->first_numbered = s->page;
				blank = gap_before(st, B->elem, s->prev, &s->pending);
				s->prev = B->elem;
				s->gapped = 1;
			}
			if (row > 0 && stops(stop, s->b, 0))
				break;
			need = chain_need(st, bl, p->nb, s->b);
			if (row > 0 && row + blank + need > st->lines && need <= st->lines &&
			    (st->lines - row <= st->keep_max || !keeps(st, B))) {
				if ((B->elem == EL_SIGNATURE || B->elem == EL_DATE) &&
				    (s->b == 0 || bl[s->b - 1].elem != EL_SIGNATURE))
					(void)pull_along(p, s, first_here, &saved);
				break;
			}
			if (row > 0)
				row += blank;
			if (es->line_pitch > 0 && B->nlines > 1 &&
			    row + 1 + (int)((B->nlines - 1) * es->line_pitch / st->pitch_y) <
			    st->lines) {
				/* Lines at their own pitch; the next block returns to the grid. */
				for (k = 0; k < B->nlines; k++)
					place(p, B->first_line + k, s->page, row, k * es->line_pitch);
				row += (int)ceil(((B->nlines - 1) * es->line_pitch + es->size) /
				    st->pitch_y - 0.01);
				s->b++;
				s->gapped = 0;
				continue;
			}
		}
		for (; s->line < B->nlines; s->line++) {
			if (row >= st->lines || (row > 0 && stops(stop, s->b, s->line)))
				goto full;
			place(p, B->first_line + s->line, s->page, row++, 0);
		}
		s->b++;
		s->line = 0;
		s->gapped = 0;
	}
full:
	s->page++;
}

/* The rows a page uses, from its placed lines out->v[from..]. */
static int
rows_used(const struct placer *p, size_t from)
{
	int rows = 0;
	size_t k;

	for (k = from; k < p->out->n; k++)
		if (p->out->v[k].row + 1 > rows)
			rows = p->out->v[k].row + 1;
	return rows;
}

/*
 * A paragraph split where the page ends (from start, it ended at end)
 * leaving fewer than orphan_lines at its foot or widow_lines at the top
 * of the next page: how many lines too few, or 0.
 */
static int
split_short(const struct placer *p, const struct pos *start, const struct pos *end,
    int *widow)
{
	const struct block_info *B;
	size_t here;
	int left;

	*widow = 0;
	if (end->b >= p->nb || end->line == 0)
		return 0;
	B = &p->bl[end->b];
	here = end->line - (start->b == end->b ? start->line : 0);
	left = (int)(B->nlines - end->line);
	if (left < p->st->widow_lines) {
		*widow = 1;
		return p->st->widow_lines - left;
	}
	if (!(start->b == end->b && start->line > 0) && (int)here < p->st->orphan_lines)
		return p->st->orphan_lines - (int)here;
	return 0;
}

/*
 * Whether block c could be set in one line more (d = 1) or fewer (-1):
 * a line more needs the lines before the last to push what the last has
 * room for (each at most max-letterspacing a gap), a line fewer needs
 * them to take the last line's characters (each tightened by its final
 * mark and a little in its middle).  Only what cannot be is ruled out:
 * the line breaker decides the rest.
 */
static int
could_loosen(const struct placer *p, size_t c, int d)
{
	const struct style *st = p->st;
	const struct block_info *B = &p->bl[c];
	const struct tline *l = &p->lines->l[B->first_line + B->nlines - 1];
	const struct glyph *g = p->lines->g + l->first;
	double last, room, per;

	if (B->nlines < 1 || l->n == 0)
		return 0;
	last = (g[l->n - 1].end - g[0].x) / st->pitch_x;	/* the last line's cells */
	if (d > 0) {
		room = st->chars - last - (B->nlines == 1 ? st->el[B->elem].indent : 0);
		per = st->max_space * st->chars;
		return (double)(B->nlines - (B->nlines > 1)) * per + 1 >= room;
	}
	return B->nlines > 1 && last <= (double)(B->nlines - 1) * 1.5;
}

/*
 * Widows and orphans, the grid kept: the paragraph on the page that set a
 * line longer or shorter (TeX's looseness) ends the page well at the
 * least cost (with fuller, one that also fills more of a page left
 * short).  Returns 1 when one was found and the page laid out again.
 */
static int
loosen(struct placer *p, const struct pos *start, struct pos *end, size_t mark, int fuller)
{
	struct block_info *bl = p->bl;
	struct line_list *lines = p->lines;
	size_t nl0 = lines->nl, ng0 = lines->ng, c, best_c = 0;
	int d, best_d = 0, rows, widow;
	double best = 1e300, cost;

	if (p->rb == NULL)
		return 0;
	rows = rows_used(p, mark);
	p->out->n = mark;
	for (c = start->b; c <= end->b && c < p->nb; c++) {
		struct block_info save = bl[c];

		if (!bl[c].loose || bl[c].nlines == 0 || (c == start->b && start->line > 0))
			continue;
		for (d = -1; d <= 1; d += 2) {
			struct pos t = *start;

			if ((int)save.nlines + d < 1 || !could_loosen(p, c, d) ||
			    p->rb->fn(p->rb->arg, c, (int)save.nlines + d, lines, &cost) != 0)
				continue;
			bl[c].first_line = nl0;
			bl[c].nlines = lines->nl - nl0;
			lay_page(p, &t, NULL);
			if (split_short(p, start, &t, &widow) == 0 &&
			    (rows_used(p, mark) >= rows + fuller || t.b >= p->nb) &&
			    cost - save.cost < best) {
				best = cost - save.cost;
				best_c = c;
				best_d = d;
			}
			p->out->n = mark;
			bl[c] = save;
			lines->nl = nl0;
			lines->ng = ng0;
		}
	}
	if (best_d != 0 &&
	    p->rb->fn(p->rb->arg, best_c, (int)bl[best_c].nlines + best_d, lines, &cost) == 0) {
		bl[best_c].first_line = nl0;
		bl[best_c].nlines = lines->nl - nl0;
		bl[best_c].cost = cost;
	} else
		best_d = 0;
	*end = *start;
	lay_page(p, end, NULL);	/* as it was, when nothing better was found */
	return best_d != 0;
}

/*
 * The page ends a line early instead: the orphan goes to the next page
 * (with the headings kept with it), or a line more goes with the widow.
 */
static void
end_early(struct placer *p, const struct pos *start, struct pos *end, size_t mark, int short_by,
    int widow)
{
	const struct block_info *bl = p->bl;
	struct pos stop = *end;
	size_t b;

	if (widow) {
		stop.line = end->line > (size_t)short_by ? end->line - (size_t)short_by : 0;
		if (stop.line > 0 && !(start->b == end->b && start->line > 0) &&
		    (int)stop.line < p->st->orphan_lines)
			stop.line = 0;
	} else
		stop.line = 0;
	if (stop.line == 0)
		/* The headings before the paragraph go with it. */
		for (b = stop.b; b > start->b; b--) {
			if (bl[b - 1].nlines == 0)
				continue;
			if (!keeps(p->st, &bl[b - 1]))
				break;
			stop.b = b - 1;
		}
	if (stop.b < start->b || (stop.b == start->b && stop.line <= start->line))
		return;	/* the page would be empty: leave it */
	p->out->n = mark;
	*end = *start;
	lay_page(p, end, &stop);
}

/*
 * The last page before a forced page break (a summary's, before the
 * report) holding only a few lines: the page before it (from *prev,
 * placed from prev_mark on) ends at an earlier paragraph, so that the two
 * share the lines about evenly.  *s: where the page after them starts.
 */
static void
balance(struct placer *p, struct pos *prev, size_t prev_mark, struct pos *s)
{
	const struct tline *l;
	size_t k, n = p->out->n - prev_mark, best = 0, total = n, half;
	struct pos stop, t;

	/* The paragraph starts on the page before: the one nearest half way. */
	half = total / 2;
	for (k = prev_mark + 1; k < p->out->n && p->out->v[k].page == prev->page; k++) {
		l = &p->lines->l[p->out->v[k].line];
		if (l->index != 0 || keeps(p->st, &p->bl[l->block]) ||
		    keeps(p->st, &p->bl[p->lines->l[p->out->v[k - 1].line].block]))
			continue;
		if (best == 0 || (k - prev_mark > half ? k - prev_mark - half : half - (k - prev_mark)) <
		    (best - prev_mark > half ? best - prev_mark - half : half - (best - prev_mark)))
			best = k;
	}
	if (best == 0)
		return;
	l = &p->lines->l[p->out->v[best].line];
	memset(&stop, 0, sizeof(stop));
	stop.b = l->block;
	stop.line = 0;
	p->out->n = prev_mark;
	t = *prev;
	lay_page(p, &t, &stop);
	lay_page(p, &t, NULL);
	*s = t;
}

int
layout_pages(const struct itemizer *iz, const struct style *st, struct block_info *bl,
    size_t nb, const struct layout_rebreak *rb, struct line_list *lines, struct layout *out)
{
	struct placer p;
	struct pos s, prev;
	size_t prev_mark = 0;
	int have_prev = 0;

	memset(&prev, 0, sizeof(prev));
	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	p.st = st;
	p.bl = bl;
	p.nb = nb;
	p.rb = rb;
	p.lines = lines;
	p.out = out;
	s.prev = EL_COUNT;	/* none yet */
	out->npages = 1;
	while (s.b < nb) {
		struct pos start = s;
		size_t mark = out->n;
		int short_by, widow;

		lay_page(&p, &s, NULL);
		if ((short_by = split_short(&p, &start, &s, &widow)) > 0) {
			if (!loosen(&p, &start, &s, mark, 0))
				end_early(&p, &start, &s, mark, short_by, widow);
		} else if (s.b < nb && !(s.line == 0 && bl[s.b].newpage) &&
		    rows_used(&p, mark) < st->lines)
			/* A page left short (headings moved on with their text). */
			(void)loosen(&p, &start, &s, mark, 1);
		else if (have_prev && s.b < nb && s.line == 0 && bl[s.b].newpage &&
		    !(start.line == 0 && start.b < nb && bl[start.b].newpage) &&
		    rows_used(&p, mark) < st->lines / 4)
			balance(&p, &prev, prev_mark, &s);
		prev = start;
		prev_mark = mark;
		have_prev = 1;
	}
	return page_number_lines(iz, st, lines, out);
}

void
layout_free(struct layout *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}
