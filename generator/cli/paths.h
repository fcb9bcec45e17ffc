/* paths.h: where shuzhi finds its templates and settings, and the date it writes. */
#ifndef SHUZHI_PATHS_H
#define SHUZHI_PATHS_H

/*
 * rel (e.g. "templates" or "fonts/fonts.yaml") in the current folder when
 * it exists there (a report repository or a checkout), else as
 * program_data_path() finds it.  Returns a new string.
 */
char	*data_path(const char *rel);

/*
 * rel in the checkout the running program was built in (found from any
 * current folder), else in PREFIX/share/shuzhi beside the program, else
 * under the data folder compiled in.  Returns a new string.
 */
char	*program_data_path(const char *rel);

/* The running program's absolute path (a new string), or NULL. */
char	*self_path(void);

/*
 * rel (a path relative to the folder of the running program) when it
 * exists there and access(2) allows mode; else NULL.  Returns a new string.
 */
char	*beside_self(const char *rel, int mode);

/*
 * The date to write into PDFs: SOURCE_DATE_EPOCH (seconds since the
 * epoch) when set, else -1 for none: never the clock, so builds are
 * reproducible.  Returns 0, or -1 after printing an error when the
 * variable is not a non-negative whole number.
 */
int	 source_date_epoch(long long *t);

/*
 * The exit status of a command whose content folder did not load: 2 (a
 * usage error, as from diff) when there is no such folder, else 1.
 */
int	 load_failed(const char *content_dir);

#endif
