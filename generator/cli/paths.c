/* paths.c: find templates and settings in the checkout or the installed data folder. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "paths.h"
#include "../util/fsio.h"
#include "../util/xalloc.h"

#ifndef SHUZHI_DATADIR
#define SHUZHI_DATADIR "/usr/local/share/shuzhi"
#endif

char *
data_path(const char *rel)
{
	if (access(rel, R_OK) == 0)
		return xstrdup(rel);
	return path_join(SHUZHI_DATADIR, rel);
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
