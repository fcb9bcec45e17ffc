/* paths.c: find templates and settings in the checkout or the installed data folder. */
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
