/* rules_async.c: the rules loaded on a thread of their own, their reports held until joined. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "rules_async.h"
#include "../check/check.h"
#include "../util/xalloc.h"

struct rules_async {
	char		*dir;
	struct diag	 diag;		/* the thread's own sink, printing into text */
	FILE		*out;
	char		*text;
	size_t		 len;
	struct ruleset	*rs;
	pthread_t	 th;
	int		 threaded;	/* a thread runs (not yet joined) */
	int		 joined;
};

static void *
load_main(void *arg)
{
	struct rules_async *ra = arg;

	ra->rs = rules_load(&ra->diag, ra->dir);
	return NULL;
}

struct rules_async *
rules_async_start(const char *dir)
{
	struct rules_async *ra = xcalloc(1, sizeof(*ra));

	ra->dir = xstrdup(dir);
	if ((ra->out = open_memstream(&ra->text, &ra->len)) == NULL) {
		diag_init(&ra->diag, stderr);	/* no memory stream: load in turn */
		return ra;
	}
	diag_init(&ra->diag, ra->out);
	ra->threaded = pthread_create(&ra->th, NULL, load_main, ra) == 0;
	return ra;
}

static void
wait_for(struct rules_async *ra)
{
	if (ra->joined)
		return;
	ra->joined = 1;
	if (ra->threaded)
		pthread_join(ra->th, NULL);
	else
		load_main(ra);
	if (ra->out != NULL) {
		fclose(ra->out);
		ra->out = NULL;
	}
}

struct ruleset *
rules_async_join(struct rules_async *ra, struct diag *d)
{
	wait_for(ra);
	if (ra->text != NULL && ra->len > 0) {
		fwrite(ra->text, 1, ra->len, d->out);
		fflush(d->out);
	}
	d->errors += ra->diag.errors;
	d->warnings += ra->diag.warnings;
	return ra->diag.errors > 0 ? NULL : ra->rs;
}

void
rules_async_free(struct rules_async *ra)
{
	if (ra == NULL)
		return;
	wait_for(ra);
	rules_free(ra->rs);
	diag_free(&ra->diag);
	free(ra->text);
	free(ra->dir);
	free(ra);
}
