/*
 * paths.c: find templates, settings, rules and helper programs: in the
 * current folder (a report repository of one's own, or a checkout), then
 * in the checkout the running program was built in, then where installed.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
#include "../files/fsio.h"
#include "../util/xalloc.h"

#ifndef SHUZHI_DATADIR
#define SHUZHI_DATADIR "/usr/local/share/shuzhi"
#endif

char *
self_path(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n <= 0)
		return NULL;
	self[n] = '\0';
	return xstrdup(self);
}

char *
beside_self(const char *rel, int mode)
{
	char self[PATH_MAX], *slash, *path;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n <= 0)
		return NULL;
	self[n] = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return NULL;
	*slash = '\0';
	path = path_join(self, rel);
	if (access(path, mode) == 0)
		return path;
	free(path);
	return NULL;
}

/*
 * rel in the checkout the running program was built in (build/shuzhi and
 * build/san/shuzhi of a clone), else in the installed data beside the
 * program (PREFIX/bin, PREFIX/libexec/shuzhi), else NULL.
 */
static char *
beside_program(const char *rel)
{
	static const char *const roots[] = { "..", "../..", "../share/shuzhi", "../../share/shuzhi" };
	char *path = NULL, *mark, *p;
	size_t i;

	for (i = 0; path == NULL && i < sizeof(roots) / sizeof(roots[0]); i++) {
		/* A checkout is known by its sources. */
		if (i < 2) {
			mark = path_join(roots[i], "generator/cli/main.c");
			p = beside_self(mark, R_OK);
			free(mark);
			if (p == NULL)
				continue;
			free(p);
		}
		p = path_join(roots[i], rel);
		path = beside_self(p, R_OK);
		free(p);
	}
	return path;
}

char *
program_data_path(const char *rel)
{
	char *path = beside_program(rel);

	return path != NULL ? path : path_join(SHUZHI_DATADIR, rel);
}

char *
data_path(const char *rel)
{
	if (access(rel, R_OK) == 0)
		return xstrdup(rel);
	return program_data_path(rel);
}

int
load_failed(const char *content_dir)
{
	return is_dir(content_dir) ? 1 : 2;
}

int
source_date_epoch(long long *t)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;

	*t = -1;
	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	*t = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || *t < 0) {
		fprintf(stderr, "shuzhi: error: SOURCE_DATE_EPOCH“%s”不是非负整数秒数\n", s);
		*t = -1;
		return -1;
	}
	return 0;
}
