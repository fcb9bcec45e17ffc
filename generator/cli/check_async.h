/*
 * check_async.h: the rule check on a second thread.  The rules load while
 * the content loads (they do not depend on each other); once the content
 * is handed over the rules run over it while the report is rendered and
 * typeset.  What the check reports goes to a held sink of its own
 * (diag_hold), merged into the caller's sink when joined; the caller holds
 * its own reports from the hand-over to the join, so the output reads as
 * if the stages ran one after another.
 */
#ifndef SHUZHI_CHECK_ASYNC_H
#define SHUZHI_CHECK_ASYNC_H

#include "../diag/diag.h"
#include "../load/model.h"

struct check_async;

/*
 * Start loading the rules of dir; strict: warnings count as errors.  The
 * check reports as d would (its settings), merged into it when joined.
 */
struct check_async *check_async_start(const struct diag *d, const char *dir, int strict);
struct fontset;

/*
 * Hand over the report to check (r must stay unchanged until joined; the
 * caret lines are printed from the joining sink's texts).  When
 * the rules find no errors, the characters none of fonts has (if not
 * NULL) are looked for next (charcheck.c), as build does in turn.
 */
void	 check_async_run(struct check_async *, const struct report *r,
	    const struct fontset *fonts);
/*
 * Wait for the check; print what it reported into d and count it there.
 * Returns 0, CHECK_ASYNC_FINDINGS when the check found errors, or
 * CHECK_ASYNC_RULES when the rules could not be loaded or have errors.
 */
#define CHECK_ASYNC_FINDINGS	1
#define CHECK_ASYNC_RULES	2
int	 check_async_join(struct check_async *, struct diag *d);
/* Stop (a check not yet handed a report never runs), wait and free; NULL is fine. */
void	 check_async_free(struct check_async *);

#endif
