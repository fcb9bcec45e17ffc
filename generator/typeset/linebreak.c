/* linebreak.c: optimal Chinese line breaking with squeezing, stretching and balanced titles. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linebreak.h"
#include "cjkclass.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define EPS		0.001	/* pt */
#define INF		DBL_MAX
#define RUNT_COST	40.0	/* a lone character on the last line */
#define SQUEEZE_COST	2.0	/* per mark squeezed to make a line fit */
#define POOR_COST	1000.0	/* per character of slack beyond max_stretch */
#define FORCE_COST	1e6	/* an emergency break or overflow */
#define PRUNED		(-1.0)	/* fit_line(): the line cannot improve on what is known */

struct fitter {
	const struct item	*v;
	size_t			 n;
	const struct break_opts	*o;
	double			*w;	/* final widths */
	double			*wn;	/* natural widths (after paired cuts) */
	unsigned char		*used;	/* the blank half is already cut */
	double			*wc;	/* an item's width when not last on its line */
	unsigned char		*st;	/* its stretch flag */
	/*
	 * For the line start the search is at (a): pre[j] is wc[a..j) added
	 * up one by one, gaps[j] the stretchable gaps among them.  Added in
	 * the same order as a line's own loop would, they give the same sums
	 * bit for bit.
	 */
	double			*pre;
	size_t			*gaps;
	/* Per item, for the search's inner loop (see solve()). */
	double			*ninc;	/* box, less the cut of the item before */
	double			*linc;	/* what it adds to the narrowest width */
	unsigned char		*brk;	/* v[].brk; brk[n] = BRK_OK */
};

/* floor(d) for d >= 0, without a call into libm for the common case. */
static double
whole(double d)
{
	return d < 1e15 ? (double)(long long)d : floor(d);
}

static int
is_punct(const struct item *it)
{
	return it->cls == CC_OPEN || it->cls == CC_CLOSE || it->cls == CC_INSEP ||
	    it->cls == CC_NARROW || it->cls == CC_SPACE;
}

/*
 * cost plus what a line's fill costs: the width left over after squeezing
 * (INF, or a high price in an emergency), or the slack a justified line is
 * stretched by (*add per gap).  Shared by fit_line() and line_cost(), in
 * the order they add, so that both give the same bits.
 */
static double
fill_cost(const struct break_opts *o, double excess, size_t gaps, int justify,
    int emergency, double cost, double *add)
{
	double slack;

	*add = 0;
	if (excess > EPS) {
		if (!emergency)
			return INF;
		cost += FORCE_COST * (1 + excess / o->pitch);
	}
	slack = excess < 0 ? -excess : 0;
	if (justify && slack > EPS) {
		/* Each gap takes its share, as the characters are walked. */
		if (gaps > 0)
			*add = slack / gaps;
		/* Looseness grows faster than the slack. */
		cost += (slack / o->pitch) * (slack / o->pitch);
		if (slack > o->max_stretch * o->pitch)
			cost += POOR_COST * (slack / o->pitch - o->max_stretch);
	}
	return cost;
}

/*
 * Fit items [a,b) on one line.  Fills the fitter's arrays and returns the
 * line's cost, or INF when it cannot be made to fit (unless emergency,
 * which accepts an overflowing line at a high cost).  *xstart gets the
 * x of the first box.  The search passes the best cost known up to a
 * (base) and to b (limit): every term of the cost is positive, so once
 * base + cost + 0.001 reaches limit the line cannot win, and PRUNED is
 * returned without the rest (exactly what the comparison would decide).
 */
static double
fit_line(struct fitter *f, size_t a, size_t b, int first, int last, int emergency,
    double base, double limit, double *xstart)
{
	const struct item *v = f->v;
	const struct break_opts *o = f->o;
	double avail, sum, excess, cost = 0, x, nx, indent, add = 0;
	size_t e, k, gaps = 0;
	int justify;

	indent = first ? o->indent : 0;
	avail = o->width - o->right - indent;
	e = b;
	while (e > a && v[e - 1].cls == CC_SPACE)
		e--;
	justify = o->align == ALIGN_JUSTIFY && !last;
	for (sum = 0, k = a; k < e; k++) {
		double w = v[k].box;

		f->used[k] = 0;
		if (k + 1 < e) {
			gaps += v[k].stretch != 0;
			if (v[k].cut > 0) {
				w -= v[k].cut;
				f->used[k] = 1;
			}
		} else if (justify && o->trim_end && v[k].squeeze > 0) {
			w -= v[k].squeeze;
			f->used[k] = 1;
		}
		f->w[k] = f->wn[k] = w;
		sum += w;
	}
	excess = sum - avail;
	/*
	 * Squeeze marks from the end backwards (moving the fewest characters);
	 * the line-final mark keeps its full cell so that the line still ends
	 * on the block's edge (unless the style trims it anyway).
	 */
	if (excess > EPS && e > a) {
		k = e - 1;
		while (excess > EPS && k > a) {
			const struct item *it;

			k--;
			it = &v[k];
			if (it->squeeze <= 0 || f->used[k])
				continue;
			f->w[k] -= it->squeeze;
			f->used[k] = 1;
			excess -= it->squeeze;
			cost += SQUEEZE_COST;
		}
	}
	if ((cost = fill_cost(o, excess, gaps, justify, emergency, cost, &add)) == INF)
		return INF;
	if (base + cost + 0.001 >= limit)
		return PRUNED;
	/*
	 * How far the characters moved off the grid columns they would have
	 * stood in: a character moved by a whole cell is in a column again,
	 * one moved by half a cell is as far off as can be.  A little is
	 * added for the distance itself (nothing while none has moved).
	 */
	for (x = nx = 0, k = a; k < e; k++) {
		if (x != nx) {
			double d = fabs(x - nx) / o->pitch, frac = d - whole(d);

			cost += (frac < 0.5 ? frac : 1 - frac) + 0.05 * d;
			if (base + cost + 0.001 >= limit)
				return PRUNED;
		}
		if (add > 0 && k + 1 < e && v[k].stretch)
			f->w[k] += add;
		x += f->w[k];
		nx += f->wn[k];
	}
	switch (o->align) {
	case ALIGN_RIGHT:
	case ALIGN_CENTER:
		for (sum = 0, k = a; k < e; k++)
			sum += f->w[k];
		*xstart = o->align == ALIGN_RIGHT ? o->width - o->right - sum :
		    indent + (avail - sum) / 2;
		break;
	default:
		*xstart = indent;
		break;
	}
	return cost;
}

/*
 * What fit_line() returns for [a,b), by the same arithmetic in the same
 * order, without filling the fitter's arrays: the search tries every
 * candidate line with this, and only the chosen ones go through fit_line().
 * A mark is squeezed here exactly when fit_line() squeezes it: the marks
 * from the line's end back to the last one squeezed (ksq) that have a
 * blank half not already cut.  The sums come from f->pre (filled up to
 * b - 1 at least); characters move off the grid only from the first
 * squeezed mark on when nothing is stretched, so the walk starts there.
 */
static double
line_cost(const struct fitter *f, size_t a, size_t b, int first, int last, int emergency,
    double base, double limit)
{
	const struct item *v = f->v;
	const struct break_opts *o = f->o;
	double avail, sum = 0, excess, cost = 0, x, nx, add = 0, wlast = 0;
	size_t e, k, gaps = 0, ksq;
	int justify;

	avail = o->width - o->right - (first ? o->indent : 0);
	e = b;
	while (e > a && v[e - 1].cls == CC_SPACE)
		e--;
	justify = o->align == ALIGN_JUSTIFY && !last;
	if (e > a) {
		sum = f->pre[e - 1];
		gaps = f->gaps[e - 1];
	}
	if (e > a) {
		wlast = v[e - 1].box;
		if (justify && o->trim_end && v[e - 1].squeeze > 0)
			wlast -= v[e - 1].squeeze;
		sum += wlast;
	}
	excess = sum - avail;
	ksq = e;
	if (excess > EPS && e > a) {
		k = e - 1;
		while (excess > EPS && k > a) {
			k--;
			if (v[k].squeeze <= 0 || v[k].cut > 0)
				continue;
			ksq = k;
			excess -= v[k].squeeze;
			cost += SQUEEZE_COST;
		}
	}
	if ((cost = fill_cost(o, excess, gaps, justify, emergency, cost, &add)) == INF)
		return INF;
	if (base + cost + 0.001 >= limit)
		return PRUNED;
	if (add > 0)
		x = nx = 0, k = a;
	else if (ksq + 1 < e)
		x = nx = f->pre[ksq], k = ksq;
	else
		return cost;	/* every character on its grid column */
	/*
	 * The cost only grows, so looking at it now and then decides what
	 * looking after every character would (fit_line() does that).
	 */
	if (add > 0 && ksq == e && gaps + 1 == e - a) {
		/*
		 * Every gap stretched (a line of Chinese): character j stands
		 * j * s cells off its column, and the distances add up in closed
		 * form, half a cell at a time, instead of character by character.
		 * Not bit for bit the walk's sum (they differ by 1e-12 at most):
		 * only lines of truly equal cost could be chosen differently.
		 */
		double s = add / o->pitch;
		size_t G = e - 1 - a, m, jl, jh;

		cost += 0.05 * s * (double)G * (double)(G + 1) / 2;
		for (m = 0, jl = 0; jl <= G; m++) {
			/* j in [jl, jh]: j * s in [m / 2, (m + 1) / 2) */
			double top = (double)(m + 1) / 2 / s, cnt, js;

			jh = top > (double)G ? G : (size_t)ceil(top) - 1;
			if ((double)jh * s >= (double)(m + 1) / 2 && jh > jl)
				jh--;
			if (jh < jl)
				continue;
			cnt = (double)(jh - jl + 1);
			js = ((double)jl + (double)jh) * cnt / 2;
			cost += m % 2 == 0 ? s * js - (double)m / 2 * cnt :
			    (double)(m + 1) / 2 * cnt - s * js;
			jl = jh + 1;
		}
		return base + cost + 0.001 >= limit ? PRUNED : cost;
	}
	if (add > 0 && ksq == e) {
		/*
		 * Stretched, nothing squeezed: the same sums without the tests
		 * (where x == nx the term is 0 + 0.05 * 0, which adds nothing).
		 */
		for (; k + 1 < e; k++) {
			double wn = f->wc[k], d = fabs(x - nx) / o->pitch, frac = d - whole(d);

			cost += (frac < 0.5 ? frac : 1 - frac) + 0.05 * d;
			x += f->st[k] ? wn + add : wn;
			nx += wn;
			if ((k & 7) == 7 && base + cost + 0.001 >= limit)
				return PRUNED;
		}
	}
	for (; k + 1 < e; k++) {
		double w = f->wc[k], wn = w;

		if (x != nx) {
			double d = fabs(x - nx) / o->pitch, frac = d - whole(d);

			cost += (frac < 0.5 ? frac : 1 - frac) + 0.05 * d;
		}
		if (k >= ksq && v[k].squeeze > 0 && v[k].cut <= 0)
			w -= v[k].squeeze;
		if (add > 0 && v[k].stretch)
			w += add;
		x += w;
		nx += wn;
		if ((k & 7) == 7 && base + cost + 0.001 >= limit)
			return PRUNED;
	}
	if (x != nx) {	/* the last character's place */
		double d = fabs(x - nx) / o->pitch, frac = d - whole(d);

		cost += (frac < 0.5 ? frac : 1 - frac) + 0.05 * d;
	}
	return base + cost + 0.001 >= limit ? PRUNED : cost;
}

static void
emit(struct fitter *f, size_t a, size_t b, int first, int last, int emergency,
    enum elem e, size_t block, int index, struct line_list *out)
{
	const struct item *v = f->v;
	struct tline *l;
	double x = 0;
	size_t k, end = b;

	(void)fit_line(f, a, b, first, last, emergency, 0, INF, &x);
	while (end > a && v[end - 1].cls == CC_SPACE)
		end--;
	if (out->nl == out->capl) {
		out->capl = out->capl ? out->capl * 2 : 64;
		out->l = xreallocarray(out->l, out->capl, sizeof(*out->l));
	}
	l = &out->l[out->nl++];
	memset(l, 0, sizeof(*l));
	l->first = out->ng;
	l->elem = e;
	l->block = block;
	l->index = index;
	l->last = last;
	l->justified = f->o->align == ALIGN_JUSTIFY && !last;
	for (k = a; k < end; k++) {
		struct glyph *g;

		if (!(v[k].flags & IT_NODRAW)) {
			if (out->ng == out->capg) {
				out->capg = out->capg ? out->capg * 2 : 1024;
				out->g = xreallocarray(out->g, out->capg, sizeof(*out->g));
			}
			g = &out->g[out->ng++];
			g->cp = v[k].cp;
			g->face = v[k].face;
			g->size = v[k].size;
			g->flags = v[k].flags & (IT_BOLD | IT_FAKE | IT_STRIKE | IT_INSERT);
			if (f->used[k])
				g->flags |= IT_HALF;
			g->x = x + v[k].xoff;
			g->end = x + f->w[k];
			l->n++;
		}
		x += f->w[k];
	}
}

/* Characters that count on a last line: not marks, not spaces. */
static int
real_chars(const struct item *v, size_t a, size_t b)
{
	int n = 0;
	size_t k;

	for (k = a; k < b; k++)
		if (!is_punct(&v[k]))
			n++;
	return n;
}

static void
fitter_init(struct fitter *f, const struct item *v, size_t n, const struct break_opts *o)
{
	size_t i;

	f->v = v;
	f->n = n;
	f->o = o;
	f->w = xcalloc(n + 1, sizeof(double));
	f->wn = xcalloc(n + 1, sizeof(double));
	f->used = xcalloc(n + 1, 1);
	f->wc = xcalloc(n + 1, sizeof(double));
	f->st = xcalloc(n + 1, 1);
	f->pre = xcalloc(n + 1, sizeof(double));
	f->gaps = xcalloc(n + 1, sizeof(size_t));
	f->ninc = xcalloc(n + 1, sizeof(double));
	f->linc = xcalloc(n + 1, sizeof(double));
	f->brk = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		double cut = v[i].cut > v[i].squeeze ? v[i].cut : v[i].squeeze;

		f->wc[i] = v[i].cut > 0 ? v[i].box - v[i].cut : v[i].box;
		f->st[i] = v[i].stretch != 0;
		f->ninc[i] = v[i].box - (i > 0 ? v[i - 1].cut : 0);
		f->linc[i] = v[i].cls != CC_SPACE && v[i].box > cut ? v[i].box - cut : 0;
		f->brk[i] = v[i].brk;
	}
}

static void
fitter_free(struct fitter *f)
{
	free(f->w);
	free(f->wn);
	free(f->used);
	free(f->wc);
	free(f->st);
	free(f->ninc);
	free(f->linc);
	free(f->brk);
	free(f->pre);
	free(f->gaps);
}

/* Shortest-path line breaking; returns 0, or -1 when no break sequence fits. */
static int
solve(struct fitter *f, int emergency, double *best, size_t *from)
{
	const struct item *v = f->v;
	const struct break_opts *o = f->o;
	size_t n = f->n, a, b;
	double cost, nat, total;

	for (b = 0; b <= n; b++) {
		best[b] = INF;
		from[b] = 0;
	}
	best[0] = 0;
	for (a = 0; a < n; a++) {
		double avail, least, short_of;

		if (best[a] == INF)
			continue;
		avail = o->width - o->right - (a == 0 ? o->indent : 0);
		short_of = avail - (o->max_stretch + 2) * o->pitch;
		f->pre[a] = 0;
		f->gaps[a] = 0;
		for (nat = least = 0, b = a + 1; b <= n; b++) {
			int last, forced;

			/* The line's natural width, and its running sums (line_cost()). */
			nat += b - 1 > a ? f->ninc[b - 1] : v[a].box;
			f->pre[b] = f->pre[b - 1] + f->wc[b - 1];
			f->gaps[b] = f->gaps[b - 1] + f->st[b - 1];
			/*
			 * The narrowest the line could be squeezed to (spaces left
			 * out, every mark at its cut or squeezed width) only grows
			 * with b: once it is too wide, so is every longer line.
			 */
			least += f->linc[b - 1];
			if (!emergency && least > avail + EPS)
				break;
			forced = f->brk[b] == BRK_FORCE;
			last = b == n || forced;
			if (!last && f->brk[b] == BRK_NO && !emergency)
				continue;
			/* Too short to be worth trying: much slack, and more to come. */
			if (!last && !emergency && nat < short_of)
				continue;
			cost = line_cost(f, a, b, a == 0, last, emergency, best[a], best[b]);
			if (cost == INF) {
				if (nat > avail * 1.5)
					break;
				continue;
			}
			if (cost == PRUNED) {
				if (forced || (emergency && nat > avail * 1.5))
					break;
				continue;
			}
			if (!last && v[b].brk == BRK_NO)
				cost += FORCE_COST;
			if (last && a > 0 && real_chars(v, a, b) < o->min_last &&
			    real_chars(v, a, b) > 0 && !forced)
				cost += RUNT_COST;
			total = best[a] + cost + 0.001;
			if (total < best[b]) {
				best[b] = total;
				from[b] = a;
			}
			if (forced || (emergency && nat > avail * 1.5))
				break;
		}
	}
	return best[n] == INF ? -1 : 0;
}

void
break_lines(const struct item *v, size_t n, const struct break_opts *o, enum elem e,
    size_t block, struct line_list *out)
{
	struct fitter f;
	double *best;
	size_t *from, *stack, b, nst = 0, i;
	int emergency = 0;

	if (n == 0)
		return;
	fitter_init(&f, v, n, o);
	best = xcalloc(n + 1, sizeof(*best));
	from = xcalloc(n + 1, sizeof(*from));
	stack = xcalloc(n + 1, sizeof(*stack));
	if (solve(&f, 0, best, from) != 0) {
		emergency = 1;
		(void)solve(&f, 1, best, from);
	}
	for (b = n; b > 0; b = from[b])
		stack[nst++] = b;
	for (i = nst; i > 0; i--) {
		size_t end = stack[i - 1], start = i < nst ? stack[i] : 0;
		int last = end == n || v[end].brk == BRK_FORCE;

		emit(&f, start, end, start == 0, last, emergency, e, block,
		    (int)(nst - i), out);
	}
	free(stack);
	free(from);
	free(best);
	fitter_free(&f);
}

/* 1 when the UTF-8 string s matches v[k..k+len) (len characters). */
static int
match_at(const struct item *v, size_t n, size_t k, const char *s, size_t *len)
{
	size_t off = 0, slen = strlen(s), i = 0;

	while (off < slen) {
		uint32_t cp;
		size_t c = utf8_decode(s + off, slen - off, &cp);

		if (c == 0 || k + i >= n || v[k + i].cp != cp)
			return 0;
		off += c;
		i++;
	}
	*len = i;
	return i > 0;
}

/* A digit or a Chinese numeral (the 十四 of 第十四届). */
static int
numeral(uint32_t cp)
{
	/* 〇一二三四五六七八九十百千万零 */
	static const uint32_t cn[] = {
		0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B,
		0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E07, 0x96F6,
	};
	size_t i;

	if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
		return 1;
	for (i = 0; i < sizeof(cn) / sizeof(cn[0]); i++)
		if (cp == cn[i])
			return 1;
	return 0;
}

/* 0 for a break before v[b] at a place the style prefers, else a penalty. */
static double
title_break_cost(const struct item *v, size_t n, size_t b, const struct style *st)
{
	size_t i, len;

	/*
	 * Never right after a number (inside it, or between it and its 年,
	 * 届, 次...), nor between 第 and its number.
	 */
	if (b > 0 && b < n && (numeral(v[b - 1].cp) ||
	    (numeral(v[b].cp) && v[b - 1].cp == 0x7B2C)))
		return 1000;

	for (i = 0; i < st->ntitle_after; i++) {
		size_t cnt = utf8_count(st->title_after[i], strlen(st->title_after[i]));

		if (cnt <= b && match_at(v, n, b - cnt, st->title_after[i], &len))
			return 0;
	}
	for (i = 0; i < st->ntitle_before; i++)
		if (match_at(v, n, b, st->title_before[i], &len))
			return 0;
	return 30;	/* possibly inside a word */
}

#define TITLE_MAX_LINES	6
/*
 * The search tries every combination of breaks: fine for the few dozen
 * wide characters of a real title, but exponential in its length, and a
 * title of narrow characters has twice the breaks per line.  Past this
 * many steps the best split found so far is taken (none: broken like a
 * paragraph), so that a hostile title costs milliseconds, not hours.
 */
#define TITLE_MAX_STEPS	50000

/* The search for the best split of a title into a given number of lines. */
struct tsearch {
	const struct item	*v;
	size_t			 n;
	const struct style	*st;
	double			 avail;
	double			 target;	/* the even width */
	size_t			 lines;
	size_t			 brk[TITLE_MAX_LINES];
	double			 w[TITLE_MAX_LINES];
	size_t			 best[TITLE_MAX_LINES];
	double			 best_cost;
	unsigned long		 steps;		/* title_search calls, up to TITLE_MAX_STEPS */
};

/* Imbalance of one line, and a line of one character. */
static double
title_line_cost(const struct tsearch *s, size_t a, size_t b, double w)
{
	double dev = (w - s->target) / s->v[a].size;

	return dev * dev + (real_chars(s->v, a, b) < 2 ? 100 : 0);
}

/* Lines shorter than both neighbours make an hourglass, neither trapezoid nor diamond. */
static double
title_shape_cost(const struct tsearch *s)
{
	double cost = 0, tol = 0.5 * s->v[0].size;
	size_t i;

	for (i = 1; i + 1 < s->lines; i++)
		if (s->w[i] < s->w[i - 1] - tol && s->w[i] < s->w[i + 1] - tol)
			cost += 20;
	return cost;
}

static void
title_search(struct tsearch *s, size_t depth, size_t start, double cost)
{
	size_t b;
	double w;

	if (++s->steps > TITLE_MAX_STEPS || cost >= s->best_cost)
		return;
	if (depth == s->lines - 1) {
		w = items_width(s->v, start, s->n);
		if (w > s->avail + EPS)
			return;
		s->w[depth] = w;
		s->brk[depth] = s->n;
		cost += title_line_cost(s, start, s->n, w) + title_shape_cost(s);
		if (cost < s->best_cost) {
			s->best_cost = cost;
			memcpy(s->best, s->brk, sizeof(s->best));
		}
		return;
	}
	for (b = start + 1; b < s->n; b++) {
		if (s->v[b].brk == BRK_NO)
			continue;
		w = items_width(s->v, start, b);
		if (w > s->avail + EPS)
			break;
		s->w[depth] = w;
		s->brk[depth] = b;
		title_search(s, depth + 1, b, cost + title_line_cost(s, start, b, w) +
		    title_break_cost(s->v, s->n, b, s->st));
	}
}

void
break_title(const struct item *v, size_t n, const struct break_opts *o,
    const struct style *st, enum elem e, size_t block, struct line_list *out)
{
	struct tsearch s;
	struct fitter f;
	double total;
	size_t i, start;

	if (n == 0)
		return;
	total = items_width(v, 0, n);
	memset(&s, 0, sizeof(s));
	s.v = v;
	s.n = n;
	s.st = st;
	s.avail = o->width - o->right - o->indent;
	if (total <= s.avail + EPS || !st->title_balance) {
		break_lines(v, n, o, e, block, out);
		return;
	}
	/* The fewest lines that fit, each as long as the others, words whole. */
	s.best_cost = INF;
	for (s.lines = (size_t)ceil(total / s.avail); s.lines <= TITLE_MAX_LINES &&
	    s.best_cost == INF; s.lines++) {
		s.target = total / (double)s.lines;
		title_search(&s, 0, 0, 0);
	}
	if (s.best_cost == INF) {
		break_lines(v, n, o, e, block, out);
		return;
	}
	s.lines--;
	fitter_init(&f, v, n, o);
	for (i = 0, start = 0; i < s.lines; start = s.best[i++]) {
		emit(&f, start, s.best[i], i == 0, 1, 0, e, block, (int)i, out);
		out->l[out->nl - 1].last = s.best[i] == n;
	}
	fitter_free(&f);
}

void
lines_append(struct line_list *dst, const struct line_list *src)
{
	size_t i;

	if (src->nl == 0)
		return;
	if (dst->ng + src->ng > dst->capg) {
		dst->capg = dst->ng + src->ng;
		dst->g = xreallocarray(dst->g, dst->capg, sizeof(*dst->g));
	}
	if (dst->nl + src->nl > dst->capl) {
		dst->capl = dst->nl + src->nl;
		dst->l = xreallocarray(dst->l, dst->capl, sizeof(*dst->l));
	}
	memcpy(dst->g + dst->ng, src->g, src->ng * sizeof(*src->g));
	for (i = 0; i < src->nl; i++) {
		dst->l[dst->nl + i] = src->l[i];
		dst->l[dst->nl + i].first += dst->ng;
	}
	dst->ng += src->ng;
	dst->nl += src->nl;
}

void
lines_free(struct line_list *l)
{
	free(l->g);
	free(l->l);
	memset(l, 0, sizeof(*l));
}
