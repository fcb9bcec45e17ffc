/* clock.h: a monotonic clock, and the seconds a build spends in each stage (--timings). */
#ifndef SHUZHI_CLOCK_H
#define SHUZHI_CLOCK_H

#include <stdio.h>

/*
 * Seconds spent in the stages of a build ("shuzhi build --timings"): the
 * command fills its own with timings_lap(); the typesetter adds layout,
 * subset and pdf.
 */
struct timings {
	double	load, check, render, typeset, write;
	double	layout;		/* style, fonts, Markdown, lines and pages */
	double	subset;		/* font programs, subset and compressed (second thread) */
	double	subset_wait;	/* what the PDF writer waited for them */
	double	pdf;		/* writing the PDF, compression included */
	double	last;		/* the clock at the last lap */
};

/* A monotonic clock in seconds, for timing the stages. */
double	 clock_seconds(void);
/* Add the time since the last lap to *stage (none: just start the clock). */
void	 timings_lap(struct timings *, double *stage);
/* The stages, in milliseconds, on f. */
void	 timings_print(FILE *, const struct timings *);

#endif
