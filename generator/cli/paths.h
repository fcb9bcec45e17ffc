/* paths.h: where shuzhi finds its templates and font settings. */
#ifndef SHUZHI_PATHS_H
#define SHUZHI_PATHS_H

/*
 * rel (e.g. "templates" or "fonts/fonts.yaml") in the current folder when
 * it exists there (a checkout), else under the installed data folder.
 * Returns a new string.
 */
char	*data_path(const char *rel);

#endif
