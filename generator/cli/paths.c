/* paths.c: find templates, settings and helper programs in the checkout or where installed. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
#include "../util/fsio.h"
#include "../util/xalloc.h"

#ifndef SHUZHI_DATADIR
#define SHUZHI_DATADIR "/usr/local/share/shuzhi"
#endif

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

char *
data_path(const char *rel)
{
	/* From PREFIX/bin and PREFIX/libexec/shuzhi (shuzhi-import). */
	static const char *const up[] = { "../share/shuzhi", "../../share/shuzhi" };
	char *path = NULL, *inst;
	size_t i;

	if (access(rel, R_OK) == 0)
		return xstrdup(rel);
	/* Installed under another PREFIX than the one compiled in. */
	for (i = 0; path == NULL && i < sizeof(up) / sizeof(up[0]); i++) {
		inst = path_join(up[i], rel);
		path = beside_self(inst, R_OK);
		free(inst);
	}
	return path != NULL ? path : path_join(SHUZHI_DATADIR, rel);
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
