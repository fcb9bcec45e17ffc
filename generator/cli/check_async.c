/* check_async.c: the rules loaded and run on a thread of their own, their reports held until joined. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charcheck.h"
#include "check_async.h"
#include "../check/check.h"
#include "../util/xalloc.h"

enum ca_state { CA_WAIT, CA_RUN, CA_STOP };

struct check_async {
	char			*dir;
	int			 strict;
	/*
	 * The thread's own held sink: the thread's from the start to the
	 * join, the caller's before and after (merged into its sink then).
	 */
	struct diag		*diag;
	struct ruleset		*rs;
	const struct report	*r;
	const struct fontset	*fonts;
	enum ca_state		 state;
	int			 rules_bad;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	pthread_t		 th;
	int			 threaded;	/* a thread was started and not yet joined */
	int			 done;
};

/* The check itself: rules, then (once handed over) the report. */
static void *
check_main(void *arg)
{
	struct check_async *ca = arg;
	struct check_opts co;
	enum ca_state st;

	ca->rs = rules_load(ca->diag, ca->dir);
	if (ca->rs == NULL || diag_errors(ca->diag) > 0) {
		ca->rules_bad = 1;
		return NULL;
	}
	pthread_mutex_lock(&ca->mu);
	while (ca->state == CA_WAIT)
		pthread_cond_wait(&ca->cv, &ca->mu);
	st = ca->state;
	pthread_mutex_unlock(&ca->mu);
	if (st != CA_RUN)
		return NULL;
	memset(&co, 0, sizeof(co));
	co.strict = ca->strict;
	diag_set_flags(ca->diag, DIAG_QUIET_NOTES);	/* info-level findings: shuzhi check shows them */
	check_report(ca->diag, ca->rs, ca->r, &co);
	/* fontset_any_has() only reads tables filled when the fontset was loaded. */
	if (diag_errors(ca->diag) == 0 && ca->fonts != NULL)
		(void)check_report_chars(ca->diag, ca->r, ca->fonts);
	return NULL;
}

struct check_async *
check_async_start(const struct diag *d, const char *dir, int strict)
{
	struct check_async *ca = xcalloc(1, sizeof(*ca));

	ca->dir = xstrdup(dir);
	ca->strict = strict;
	ca->state = CA_WAIT;
	ca->diag = diag_hold(d);
	pthread_mutex_init(&ca->mu, NULL);
	pthread_cond_init(&ca->cv, NULL);
	/* Without a thread the check runs at the join. */
	ca->threaded = pthread_create(&ca->th, NULL, check_main, ca) == 0;
	return ca;
}

static void
set_state(struct check_async *ca, enum ca_state st)
{
	pthread_mutex_lock(&ca->mu);
	if (ca->state == CA_WAIT)
		ca->state = st;
	pthread_cond_signal(&ca->cv);
	pthread_mutex_unlock(&ca->mu);
}

void
check_async_run(struct check_async *ca, const struct report *r, const struct fontset *fonts)
{
	pthread_mutex_lock(&ca->mu);
	ca->r = r;
	ca->fonts = fonts;
	pthread_mutex_unlock(&ca->mu);
	set_state(ca, CA_RUN);
}

static void
wait_done(struct check_async *ca)
{
	if (ca->done)
		return;
	ca->done = 1;
	if (ca->threaded)
		pthread_join(ca->th, NULL);
	else if (ca->state == CA_RUN)
		check_main(ca);
}

int
check_async_join(struct check_async *ca, struct diag *d)
{
	int errors;

	wait_done(ca);
	errors = diag_errors(ca->diag);
	diag_flush(d, ca->diag);	/* the thread is done with it */
	ca->diag = NULL;
	if (ca->rules_bad)
		return CHECK_ASYNC_RULES;
	return errors > 0 ? CHECK_ASYNC_FINDINGS : 0;
}

void
check_async_free(struct check_async *ca)
{
	if (ca == NULL)
		return;
	set_state(ca, CA_STOP);
	wait_done(ca);
	pthread_cond_destroy(&ca->cv);
	pthread_mutex_destroy(&ca->mu);
	rules_free(ca->rs);
	diag_drop(NULL, ca->diag);	/* never joined: nothing points into it */
	free(ca->dir);
	free(ca);
}
