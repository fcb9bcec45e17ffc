/*
 * linebreak.c: optimal Chinese line breaking (clreq's line adjustment:
 * paired marks, line-end marks, pushing and pulling characters, squeezing
 * as the last resort), lines of a given number for widow and orphan
 * control, and balanced titles.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linebreak.h"
#include "cjkclass.h"
#include "words.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define EPS		0.001	/* pt */
#define INF		DBL_MAX
#define RUNT_COST	40.0	/* a lone character on the last line */
#define SPREAD_COST	1.0	/* a line off the grid: its gaps widened, or marks narrowed */
#define POOR_COST	1000.0	/* per character of slack beyond max_stretch */
#define SPACED_COST	200.0	/* letterspacing beyond max_space (and per max_space more) */
#define FORCE_COST	1e6	/* an emergency break or overflow */
#define NONE		((size_t)-1)

/*
 * How a line is set (clreq 3.8 "line adjustment").  Adjacent marks share
 * a gap (items.c: always, no cost).  A line too long has its final mark
 * set half width (opts.end_cost), and the blank halves of the marks in
 * its middle give up what is still missing, shared evenly: up to
 * max_space each this is the reverse of letterspacing (a character
 * pulled back into the line), beyond it a squeeze a reader sees, at
 * opts.mid_cost per half cell (the last resort).  A line too short has
 * its gaps widened, at a cost growing with the square of the slack, and
 * past max_space per gap (letterspacing a reader notices, and that text
 * extraction reads as spaces) at a high price.  Every line off the grid
 * costs a little of its own, so that lines keep the grid's 28 characters
 * wherever they can.  Which characters go on which line (pushing one to
 * the next line, or pulling one back) is the search's choice between
 * these costs.
 */
struct fit {
	double		 cost;
	double		 add;	/* widening of each stretchable gap, pt */
	double		 tight;	/* narrowing of each mark in the middle, pt */
	int		 trim;	/* the final mark set half width */
};

struct fitter {
	const struct item	*v;
	size_t			 n;
	const struct break_opts	*o;
	double			*w;	/* final widths (emit) */
	double			*left;	/* taken off an item's left side (emit) */
	unsigned char		*used;	/* drawn at half width (emit) */
	double			*wc;	/* an item's width when not last on its line */
	unsigned char		*st;	/* its stretch flag */
	unsigned char		*mid;	/* a mark whose blank may be narrowed mid-line */
	size_t			*nmid;	/* [k]: such marks in [0, k) */
	double			 midcap; /* the least any of them can give */
	/*
	 * For the line start the search is at (a): pre[j] is wc[a..j) added
	 * up one by one, gaps[j] the stretchable gaps among them.  fit_line()
	 * adds in the same order, so both give the same sums bit for bit.
	 */
	double			*pre;
	size_t			*gaps;
	/* Per item, for the search's inner loop (see solve()). */
	double			*ninc;	/* box, less the cut of the item before */
	double			*linc;	/* what it adds to the narrowest width */
	unsigned char		*brk;	/* v[].brk; brk[n] = BRK_OK */
};

/*
 * A line off the grid's width by cells characters, too long (a character
 * pulled back) or too short (its gaps widened): a small cost of its own,
 * so that lines keep the grid wherever they can, and the square of how
 * far, so that looseness is shared among the lines rather than heaped on one.
 */
static double
off_grid_cost(double cells)
{
	return SPREAD_COST + cells * cells;
}

/*
 * Excess (> 0, pt) taken from the k marks in the middle of a line, evenly:
 * the cost, or INF when they cannot give it; *tight gets each one's share.
 */
static double
tighten(const struct fitter *f, double excess, size_t k, double *tight)
{
	const struct break_opts *o = f->o;
	double t, cells = excess / o->pitch;

	if (k == 0 || (t = excess / (double)k) > f->midcap + EPS)
		return INF;
	*tight = t;
	if (t <= o->max_space + EPS)
		return off_grid_cost(cells);	/* a character pulled back */
	if (o->mid_cost < 0 || o->strict)
		return INF;
	return off_grid_cost(cells) +
	    o->mid_cost * (double)k * (t - o->max_space) / (o->pitch / 2);
}

/*
 * The cost of items [a,e) on one line whose natural width (pair cuts
 * made, the final mark full) is sum, with gaps stretchable gaps; INF when
 * it cannot be made to fit (unless emergency, which accepts an
 * overflowing line at a high price).  Shared by line_cost() and
 * fit_line(), so that the search and the lines it emits agree.
 */
static double
line_eval(const struct fitter *f, size_t a, size_t e, double sum, size_t gaps, int first,
    int last, int emergency, struct fit *r)
{
	const struct item *v = f->v;
	const struct break_opts *o = f->o;
	double avail, excess, slack, cost = 0, ls, c1, c2, t1 = 0, t2 = 0;
	int justify = o->align == ALIGN_JUSTIFY && !last;
	size_t k = e > a + 1 ? f->nmid[e - 1] - f->nmid[a + 1] : 0;

	r->add = 0;
	r->tight = 0;
	r->trim = 0;
	avail = o->width - o->right - (first ? o->indent : 0);
	if (e > a && v[e - 1].squeeze > 0 && justify && o->trim_end) {
		sum -= v[e - 1].squeeze;	/* the style trims every line's end */
		r->trim = 1;
	}
	excess = sum - avail;
	if (excess > EPS) {
		/* The marks in the middle alone, or the final mark first. */
		c1 = tighten(f, excess, k, &t1);
		c2 = INF;
		if (!r->trim && e > a && v[e - 1].squeeze > 0 && o->end_cost >= 0) {
			double ex2 = excess - v[e - 1].squeeze;

			c2 = ex2 > EPS ? tighten(f, ex2, k, &t2) : 0;
			if (c2 != INF) {
				c2 += o->end_cost;
				if (ex2 < -EPS && justify)	/* and stretched a little */
					c2 += off_grid_cost(-ex2 / o->pitch);
			}
		}
		if (c2 < c1) {
			r->trim = 1;
			excess -= v[e - 1].squeeze;
			if (excess > EPS) {
				r->tight = t2;
				excess = 0;
			}
			cost = o->end_cost;
		} else if (c1 != INF) {
			r->tight = t1;
			excess = 0;
		}
		if (r->tight > 0)
			cost += tighten(f, r->tight * (double)k, k, &t1);
	}
	if (excess > EPS) {
		if (!emergency)
			return INF;
		cost += FORCE_COST * (1 + excess / o->pitch);
	}
	slack = excess < 0 ? -excess : 0;
	if (justify && slack > EPS) {
		double cells = slack / o->pitch;

		cost += off_grid_cost(cells);
		if (cells > o->max_stretch) {
			if (o->strict)
				return INF;
			cost += POOR_COST * (cells - o->max_stretch);
		}
		if (gaps == 0) {
			if (o->strict)
				return INF;
			cost += SPACED_COST * (1 + cells);	/* nothing to widen: ragged */
		} else {
			r->add = slack / gaps;
			ls = r->add / o->max_space;
			if (ls > 1) {
				if (o->strict)
					return INF;
				cost += SPACED_COST * ls;
			}
		}
	}
	r->cost = cost;
	return cost;
}

/* The end of the line [a,b) without its trailing spaces. */
static size_t
line_end(const struct item *v, size_t a, size_t b)
{
	while (b > a && v[b - 1].cls == CC_SPACE)
		b--;
	return b;
}

/* Items [a,e) at their natural widths, nothing cut, squeezed or narrowed. */
static void
set_natural(struct fitter *f, size_t a, size_t e)
{
	size_t k;

	for (k = a; k < e; k++) {
		f->w[k] = f->v[k].box;
		f->left[k] = 0;
		f->used[k] = 0;
	}
}

/*
 * Fit items [a,b) on one line: its cost (INF when it cannot be made to
 * fit), and the fitter's w[] and used[] say how each item is set.
 * *xstart gets the x of the first box.
 */
static double
fit_line(struct fitter *f, size_t a, size_t b, int first, int last, int emergency,
    double *xstart)
{
	const struct item *v = f->v;
	const struct break_opts *o = f->o;
	double sum = 0, cost, indent = first ? o->indent : 0;
	size_t e = line_end(v, a, b), k, gaps = 0;
	struct fit r;

	for (k = a; k + 1 < e; k++) {
		sum += f->wc[k];
		gaps += f->st[k];
	}
	if (e > a)
		sum += v[e - 1].box;
	if ((cost = line_eval(f, a, e, sum, gaps, first, last, emergency, &r)) == INF)
		return INF;
	set_natural(f, a, e);
	for (k = a; k < e; k++) {
		/* A pair's cut is taken from the mark drawn at half width. */
		if (k + 1 < e && v[k].cut > 0) {
			size_t h = v[k].cutnext ? k + 1 : k;

			f->w[h] -= v[k].cut;
			f->left[h] = v[h].hoff;
			f->used[h] = 1;
		}
		if (r.trim && k + 1 == e) {
			f->w[k] -= v[k].squeeze;
			f->left[k] = v[k].hoff;
			f->used[k] = 1;
		} else if (r.tight > 0 && k > a && k + 1 < e && f->mid[k]) {
			/* Narrowed on either side of its ink as the half it keeps. */
			f->w[k] -= r.tight;
			f->left[k] = r.tight / v[k].squeeze * v[k].hoff;
			f->used[k] = r.tight >= v[k].squeeze - EPS;
		}
		if (r.add > 0 && k + 1 < e && v[k].stretch)
			f->w[k] += r.add;
	}
	switch (o->align) {
	case ALIGN_RIGHT:
	case ALIGN_CENTER:
		for (sum = 0, k = a; k < e; k++)
			sum += f->w[k];
		*xstart = o->align == ALIGN_RIGHT ? o->width - o->right - sum :
		    indent + (o->width - o->right - indent - sum) / 2;
		break;
	default:
		*xstart = indent;
		break;
	}
	return cost;
}

/*
 * What fit_line() returns for [a,b), by the same arithmetic, without
 * filling the fitter's arrays: the search tries every candidate line with
 * this.  The sums come from f->pre and f->gaps (filled up to b - 1 at
 * least).
 */
static double
line_cost(const struct fitter *f, size_t a, size_t b, int first, int last, int emergency)
{
	const struct item *v = f->v;
	size_t e = line_end(v, a, b);
	double sum = 0;
	size_t gaps = 0;
	struct fit r;

	if (e > a) {
		sum = f->pre[e - 1] + v[e - 1].box;
		gaps = f->gaps[e - 1];
	}
	return line_eval(f, a, e, sum, gaps, first, last, emergency, &r);
}

/* Extend the running sums of the line from the search's start to item b (line_cost()). */
static void
sums_to(struct fitter *f, size_t b)
{
	f->pre[b] = f->pre[b - 1] + f->wc[b - 1];
	f->gaps[b] = f->gaps[b - 1] + f->st[b - 1];
}

/*
 * In the self-check build (-DSHUZHI_SELFCHECK, which make check runs over
 * the golden reports): the cost the search saw for a line it chose,
 * line_cost() from the running sums, must be the cost fit_line() finds
 * setting it, bit for bit; otherwise the search chose lines by costs
 * that are not the lines'.  Elsewhere nothing.
 */
static void
selfcheck_cost(struct fitter *f, size_t a, size_t b, int first, int last, int emergency,
    double fitted)
{
#ifdef SHUZHI_SELFCHECK
	double searched;
	size_t k;

	f->pre[a] = 0;
	f->gaps[a] = 0;
	for (k = a + 1; k <= b; k++)
		sums_to(f, k);
	searched = line_cost(f, a, b, first, last, emergency);
	if (searched != fitted) {
		fprintf(stderr, "shuzhi: self-check: items [%zu,%zu): line_cost() %.17g, "
		    "fit_line() %.17g\n", a, b, searched, fitted);
		abort();
	}
#else
	(void)f, (void)a, (void)b, (void)first, (void)last, (void)emergency, (void)fitted;
#endif
}

static void
emit(struct fitter *f, size_t a, size_t b, int first, int last, int emergency,
    enum elem e, size_t block, int index, struct line_list *out)
{
	const struct item *v = f->v;
	struct tline *l;
	double x = 0, cost;
	size_t k, end = line_end(v, a, b);

	cost = fit_line(f, a, b, first, last, emergency, &x);
	selfcheck_cost(f, a, b, first, last, emergency, cost);
	if (cost == INF) {
		/* Not reached: the search only chooses lines that fit. */
		set_natural(f, a, end);
		x = first ? f->o->indent : 0;
	}
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
			g->flags = v[k].flags & (IT_BOLD | IT_FAKE | IT_MARKS);
			/* A narrowed mark: what it keeps of its cell starts at x. */
			g->x = x + v[k].xoff - f->left[k];
			if (f->used[k])
				g->flags |= IT_HALF;
			g->end = x + f->w[k];
			l->n++;
		}
		x += f->w[k];
	}
}

static int
is_punct(const struct item *it)
{
	return it->cls == CC_OPEN || it->cls == CC_CLOSE || it->cls == CC_INSEP ||
	    it->cls == CC_NARROW || it->cls == CC_SPACE;
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
	f->left = xcalloc(n + 1, sizeof(double));
	f->used = xcalloc(n + 1, 1);
	f->wc = xcalloc(n + 1, sizeof(double));
	f->st = xcalloc(n + 1, 1);
	f->mid = xcalloc(n + 1, 1);
	f->nmid = xcalloc(n + 1, sizeof(size_t));
	f->midcap = INF;
	f->pre = xcalloc(n + 1, sizeof(double));
	f->gaps = xcalloc(n + 1, sizeof(size_t));
	f->ninc = xcalloc(n + 1, sizeof(double));
	f->linc = xcalloc(n + 1, sizeof(double));
	f->brk = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		int mid = v[i].squeeze > 0 && v[i].cut <= 0;
		double cut = v[i].cut, least;

		f->wc[i] = v[i].cut > 0 ? v[i].box - v[i].cut : v[i].box;
		f->st[i] = v[i].stretch != 0;
		f->mid[i] = (unsigned char)mid;
		f->nmid[i + 1] = f->nmid[i] + (size_t)mid;
		if (mid && v[i].squeeze < f->midcap)
			f->midcap = v[i].squeeze;
		f->ninc[i] = v[i].box - (i > 0 ? v[i - 1].cut : 0);
		/* The narrowest it can be: cut, or squeezed. */
		if (v[i].squeeze > cut)
			cut = v[i].squeeze;
		least = v[i].box - cut;
		f->linc[i] = v[i].cls != CC_SPACE && least > 0 ? least : 0;
		f->brk[i] = v[i].brk;
	}
}

static void
fitter_free(struct fitter *f)
{
	free(f->w);
	free(f->left);
	free(f->used);
	free(f->wc);
	free(f->st);
	free(f->mid);
	free(f->nmid);
	free(f->ninc);
	free(f->linc);
	free(f->brk);
	free(f->pre);
	free(f->gaps);
}

/*
 * The candidate lines from a (whose best cost so far is known): calls
 * fn(arg, b, cost) for each line [a,b) that fits, cost included the
 * runt's and the forbidden break's.
 */
static void
candidates(struct fitter *f, size_t a, int emergency,
    void (*fn)(void *, size_t b, double cost, int last), void *arg)
{
	const struct item *v = f->v;
	const struct break_opts *o = f->o;
	size_t n = f->n, b;
	double avail, least = 0, short_of, nat = 0, cost;

	avail = o->width - o->right - (a == 0 ? o->indent : 0);
	short_of = avail - (o->max_stretch + 2) * o->pitch;
	f->pre[a] = 0;
	f->gaps[a] = 0;
	for (b = a + 1; b <= n; b++) {
		int last, forced;

		/* The line's natural width, and its running sums (line_cost()). */
		nat += b - 1 > a ? f->ninc[b - 1] : v[a].box;
		sums_to(f, b);
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
		cost = line_cost(f, a, b, a == 0, last, emergency);
		if (cost == INF) {
			if (nat > avail * 1.5)
				break;
			continue;
		}
		if (!last && v[b].brk == BRK_NO)
			cost += FORCE_COST;
		if (last && a > 0 && real_chars(v, a, b) < o->min_last &&
		    real_chars(v, a, b) > 0 && !forced)
			cost += RUNT_COST;
		fn(arg, b, cost, last);
		if (forced || (emergency && nat > avail * 1.5))
			break;
	}
}

/* The search for the best breaks. */
struct search {
	double		*best;		/* [b]: the least cost of lines up to b */
	size_t		*from;		/* [b]: where the last of them starts */
	double		 base;		/* best[a] for the line start being tried */
	size_t		 a;
	size_t		 n;
	/* The search for a given number of lines: [k * (n + 1) + b] for k lines. */
	double		*kbest;
	size_t		*kfrom;
	size_t		 klines;
};

static void
relax(void *arg, size_t b, double cost, int last)
{
	struct search *s = arg;
	double total = s->base + cost + 0.001;

	(void)last;
	if (total < s->best[b]) {
		s->best[b] = total;
		s->from[b] = s->a;
	}
}

/* Shortest-path line breaking; returns 0, or -1 when no break sequence fits. */
static int
solve(struct fitter *f, int emergency, struct search *s)
{
	size_t n = f->n, a, b;

	for (b = 0; b <= n; b++) {
		s->best[b] = INF;
		s->from[b] = 0;
	}
	s->best[0] = 0;
	for (a = 0; a < n; a++) {
		if (s->best[a] == INF)
			continue;
		s->a = a;
		s->base = s->best[a];
		candidates(f, a, emergency, relax, s);
	}
	return s->best[n] == INF ? -1 : 0;
}

static void
relax_k(void *arg, size_t b, double cost, int last)
{
	struct search *s = arg;
	size_t k, w = s->n + 1;

	(void)last;
	for (k = 0; k < s->klines; k++) {
		double base = s->kbest[k * w + s->a], total;

		if (base == INF)
			continue;
		total = base + cost + 0.001;
		if (total < s->kbest[(k + 1) * w + b]) {
			s->kbest[(k + 1) * w + b] = total;
			s->kfrom[(k + 1) * w + b] = s->a;
		}
	}
}

/* The best breaks into exactly s->klines lines; 0, or -1 when there are none. */
static int
solve_count(struct fitter *f, struct search *s)
{
	size_t n = f->n, w = n + 1, a, k, i;

	for (i = 0; i < (s->klines + 1) * w; i++) {
		s->kbest[i] = INF;
		s->kfrom[i] = 0;
	}
	s->kbest[0] = 0;
	for (a = 0; a < n; a++) {
		for (k = 0; k < s->klines && s->kbest[k * w + a] == INF; k++)
			;
		if (k == s->klines)
			continue;
		s->a = a;
		candidates(f, a, 0, relax_k, s);
	}
	return s->kbest[s->klines * w + n] == INF ? -1 : 0;
}

/* Emit the lines whose ends are stack[nst-1] (the first) .. stack[0] (n). */
static void
emit_all(struct fitter *f, const size_t *stack, size_t nst, int emergency, enum elem e,
    size_t block, struct line_list *out)
{
	size_t i;

	for (i = nst; i > 0; i--) {
		size_t end = stack[i - 1], start = i < nst ? stack[i] : 0;
		int last = end == f->n || f->v[end].brk == BRK_FORCE;

		emit(f, start, end, start == 0, last, emergency, e, block,
		    (int)(nst - i), out);
	}
}

double
break_lines(const struct item *v, size_t n, const struct break_opts *o, enum elem e,
    size_t block, struct line_list *out)
{
	struct fitter f;
	struct search s;
	size_t *stack, b, nst = 0;
	int emergency = 0;
	double cost;

	if (n == 0)
		return 0;
	fitter_init(&f, v, n, o);
	memset(&s, 0, sizeof(s));
	s.n = n;
	s.best = xcalloc(n + 1, sizeof(*s.best));
	s.from = xcalloc(n + 1, sizeof(*s.from));
	stack = xcalloc(n + 1, sizeof(*stack));
	if (solve(&f, 0, &s) != 0) {
		emergency = 1;
		(void)solve(&f, 1, &s);
	}
	for (b = n; b > 0; b = s.from[b])
		stack[nst++] = b;
	emit_all(&f, stack, nst, emergency, e, block, out);
	cost = s.best[n];
	free(stack);
	free(s.from);
	free(s.best);
	fitter_free(&f);
	return cost;
}

int
break_lines_count(const struct item *v, size_t n, const struct break_opts *o, enum elem e,
    size_t block, size_t lines, struct line_list *out, double *cost)
{
	struct fitter f;
	struct search s;
	size_t *stack, b, k, w = n + 1;
	int ret = -1;

	if (n == 0 || lines == 0 || lines > n || lines > BREAK_COUNT_MAX)
		return -1;
	fitter_init(&f, v, n, o);
	memset(&s, 0, sizeof(s));
	s.n = n;
	s.klines = lines;
	s.kbest = xcalloc((lines + 1) * w, sizeof(*s.kbest));
	s.kfrom = xcalloc((lines + 1) * w, sizeof(*s.kfrom));
	stack = xcalloc(lines + 1, sizeof(*stack));
	if (solve_count(&f, &s) == 0) {
		for (b = n, k = lines; k > 0; b = s.kfrom[k * w + b], k--)
			stack[lines - k] = b;
		emit_all(&f, stack, lines, 0, e, block, out);
		*cost = s.kbest[lines * w + n];
		ret = 0;
	}
	free(stack);
	free(s.kfrom);
	free(s.kbest);
	fitter_free(&f);
	return ret;
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

/*
 * A break inside a word (GB/T 9704 7.3.1 wants words whole): worse than a
 * line ending with 和, better than one inside a number.
 */
#define TITLE_INSIDE_WORD	250
/* A break between two words that the style does not list. */
#define TITLE_UNLISTED		30

/*
 * 0 for a break before v[b] at a place the style prefers, else a penalty;
 * inside[b] says the break would fall inside a word.
 */
static double
title_break_cost(const struct item *v, size_t n, size_t b, const struct style *st,
    const unsigned char *inside)
{
	size_t i, len;

	/*
	 * Never right after a number (inside it, or between it and its 年,
	 * 届, 次...), nor between 第 and its number.
	 */
	if (b > 0 && b < n && (cjk_numeral(v[b - 1].cp) ||
	    (cjk_numeral(v[b].cp) && v[b - 1].cp == 0x7B2C)))
		return 1000;
	/* Never a line ending with 以及 or 和, nor one starting with 和 or 的. */
	for (i = 0; i < st->ntitle_avoid_after; i++) {
		size_t cnt = utf8_count(st->title_avoid_after[i], strlen(st->title_avoid_after[i]));

		if (cnt <= b && match_at(v, n, b - cnt, st->title_avoid_after[i], &len))
			return 200;
	}
	for (i = 0; i < st->ntitle_avoid_before; i++)
		if (match_at(v, n, b, st->title_avoid_before[i], &len))
			return 200;

	for (i = 0; i < st->ntitle_after; i++) {
		size_t cnt = utf8_count(st->title_after[i], strlen(st->title_after[i]));

		if (cnt <= b && match_at(v, n, b - cnt, st->title_after[i], &len))
			return 0;
	}
	for (i = 0; i < st->ntitle_before; i++)
		if (match_at(v, n, b, st->title_before[i], &len))
			return 0;
	return inside[b] ? TITLE_INSIDE_WORD : TITLE_UNLISTED;
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
	const unsigned char	*inside;	/* words_inside() of the title */
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
		    title_break_cost(s->v, s->n, b, s->st, s->inside));
	}
}

/* A listed word is a word too: no break strictly inside one written at k. */
static void
listed_inside(const struct item *v, size_t n, size_t k, char *const *list, size_t nlist,
    unsigned char *inside)
{
	size_t i, j, len;

	for (i = 0; i < nlist; i++)
		if (match_at(v, n, k, list[i], &len))
			for (j = k + 1; j < k + len; j++)
				inside[j] = 1;
}

/* inside[b] = 1 when a break before v[b] falls inside a word (n + 1 bytes). */
static unsigned char *
title_words(const struct item *v, size_t n, const struct style *st)
{
	unsigned char *inside = xmalloc(n + 1);
	uint32_t *cp = xreallocarray(NULL, n, sizeof(*cp));
	size_t k;

	for (k = 0; k < n; k++)
		cp[k] = v[k].cp;
	words_inside(cp, n, inside);
	free(cp);
	for (k = 0; k < n; k++) {
		listed_inside(v, n, k, st->title_after, st->ntitle_after, inside);
		listed_inside(v, n, k, st->title_before, st->ntitle_before, inside);
	}
	return inside;
}

void
break_title(const struct item *v, size_t n, const struct break_opts *o,
    const struct style *st, enum elem e, size_t block, struct line_list *out)
{
	struct tsearch s;
	struct fitter f;
	unsigned char *inside;
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
	s.inside = inside = title_words(v, n, st);
	s.best_cost = INF;
	for (s.lines = (size_t)ceil(total / s.avail); s.lines <= TITLE_MAX_LINES &&
	    s.best_cost == INF; s.lines++) {
		s.target = total / (double)s.lines;
		title_search(&s, 0, 0, 0);
	}
	free(inside);
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
