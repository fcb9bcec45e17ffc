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
	struct diag		 diag;	/* the thread's own sink, printing into text */
	struct diag		 srcs;	/* the content's texts, for diag's caret lines */
	FILE			*out;
	char			*text;
	size_t			 len;
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

	ca->rs = rules_load(&ca->diag, ca->dir);
	if (ca->rs == NULL || ca->diag.errors > 0) {
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
	diag_adopt(&ca->diag, &ca->srcs);	/* the copies move over */
	memset(&co, 0, sizeof(co));
	co.strict = ca->strict;
	ca->diag.quiet_notes = 1;	/* info-level findings: shuzhi check shows them */
	check_report(&ca->diag, ca->rs, ca->r, &co);
	/* Only fontset_any_has() here: its cache is used by nothing else. */
	if (ca->diag.errors == 0 && ca->fonts != NULL)
		(void)check_report_chars(&ca->diag, ca->r, ca->fonts);
	return NULL;
}

struct check_async *
check_async_start(const char *dir, int strict)
{
	struct check_async *ca = xcalloc(1, sizeof(*ca));

	ca->dir = xstrdup(dir);
	ca->strict = strict;
	ca->state = CA_WAIT;
	diag_init(&ca->srcs, NULL);
	pthread_mutex_init(&ca->mu, NULL);
	pthread_cond_init(&ca->cv, NULL);
	ca->out = open_memstream(&ca->text, &ca->len);
	diag_init(&ca->diag, ca->out != NULL ? ca->out : stderr);
	/* Without a memory stream or a thread the check runs at the join. */
	if (ca->out != NULL)
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
check_async_run(struct check_async *ca, const struct report *r, const struct diag *d,
    const struct fontset *fonts)
{
	pthread_mutex_lock(&ca->mu);
	ca->r = r;
	ca->fonts = fonts;
	diag_copy_sources(&ca->srcs, d);
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
	if (ca->out != NULL) {
		diag_summarize(&ca->diag);
		fclose(ca->out);
		ca->out = NULL;
	}
}

int
check_async_join(struct check_async *ca, struct diag *d)
{
	wait_done(ca);
	if (ca->text != NULL && ca->len > 0) {
		fwrite(ca->text, 1, ca->len, d->out);
		fflush(d->out);
	}
	d->errors += ca->diag.errors;
	d->warnings += ca->diag.warnings;
	if (ca->rules_bad)
		return CHECK_ASYNC_RULES;
	return ca->diag.errors > 0 ? CHECK_ASYNC_FINDINGS : 0;
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
	diag_free(&ca->diag);
	diag_free(&ca->srcs);
	free(ca->text);
	free(ca->dir);
	free(ca);
}
