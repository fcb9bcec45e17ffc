/* prefetch.c: every other section file parsed on a second thread, taken by the loader in order. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prefetch.h"
#include "../files/fsio.h"
#include "../util/xalloc.h"

/* Fewer files than this are parsed in turn: a thread would not pay. */
#define PREFETCH_MIN	8

struct slot {
	struct diag		*d;	/* what parsing reported, held (the thread's while not done) */
	struct value_doc	*doc;
	int			 done;
	int			 taken;
};

struct prefetch {
	char		*dir;
	char		*within;
	char		**names;
	size_t		 n;
	struct slot	*slots;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	pthread_t	 th;
	int		 stop;
};

/* The files the thread parses: the odd ones. */
static int
theirs(size_t i)
{
	return i % 2 == 1;
}

static void *
prefetch_main(void *arg)
{
	struct prefetch *p = arg;
	size_t i;

	for (i = 1; i < p->n; i += 2) {
		struct slot *s = &p->slots[i];
		char *path;
		int stop;

		pthread_mutex_lock(&p->mu);
		stop = p->stop;
		pthread_mutex_unlock(&p->mu);
		/* Only what the loader will take: a plain file name (model.c). */
		if (!stop && p->names[i] != NULL && strchr(p->names[i], '/') == NULL &&
		    p->names[i][0] != '.') {
			path = path_join(p->dir, p->names[i]);
			if (access(path, R_OK) == 0)
				s->doc = value_load_file_within(s->d, p->within, path);
			free(path);
		}
		pthread_mutex_lock(&p->mu);
		s->done = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

struct prefetch *
prefetch_start(const struct diag *d, const char *dir, const char *within,
    const char *const *names, size_t n)
{
	struct prefetch *p;
	size_t i;

	if (n < PREFETCH_MIN)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->dir = xstrdup(dir);
	p->within = within != NULL ? xstrdup(within) : NULL;
	p->n = n;
	p->names = xcalloc(n, sizeof(*p->names));
	for (i = 0; i < n; i++)
		if (names[i] != NULL)
			p->names[i] = xstrdup(names[i]);
	p->slots = xcalloc(n, sizeof(*p->slots));
	for (i = 1; i < n; i += 2)
		p->slots[i].d = diag_hold(d);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pthread_create(&p->th, NULL, prefetch_main, p) != 0) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		for (i = 0; i < n; i++) {
			diag_drop(NULL, p->slots[i].d);
			free(p->names[i]);
		}
		free(p->names);
		free(p->slots);
		free(p->dir);
		free(p->within);
		free(p);
		return NULL;
	}
	return p;
}

struct value_doc *
prefetch_take(struct prefetch *p, size_t i, struct diag *d, const char *within,
    const char *path)
{
	struct slot *s;
	struct value_doc *doc;

	if (p == NULL || i >= p->n || !theirs(i) || p->names[i] == NULL)
		return value_load_file_within(d, within, path);
	s = &p->slots[i];
	pthread_mutex_lock(&p->mu);
	while (!s->done)
		pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
	if (s->taken)	/* asked for again: parse it again */
		return value_load_file_within(d, within, path);
	s->taken = 1;
	diag_flush(d, s->d);	/* the thread is done with it */
	s->d = NULL;
	doc = s->doc;
	s->doc = NULL;
	return doc;
}

void
prefetch_free(struct prefetch *p)
{
	size_t i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->th, NULL);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	for (i = 0; i < p->n; i++) {
		value_doc_free(p->slots[i].doc);
		diag_drop(NULL, p->slots[i].d);	/* not taken: no position points into it */
		free(p->names[i]);
	}
	free(p->names);
	free(p->slots);
	free(p->dir);
	free(p->within);
	free(p);
}
