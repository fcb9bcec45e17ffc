/* fsio.h: reading files whole and writing them atomically. */
#ifndef SHUZHI_FSIO_H
#define SHUZHI_FSIO_H

#include <stddef.h>

struct diag;

/* Read a whole file (at most max bytes); errors go to the sink. */
int	 read_file(struct diag *, const char *path, size_t max, char **text, size_t *len);
/*
 * Write data to path atomically: a temporary file in the same folder,
 * then renamed over path.  On failure path is left as it was.  durable:
 * the data reaches the disk first (the author's content files, which
 * nothing can make again; outputs need not wait).
 */
int	 write_file_atomic(struct diag *, const char *path, const void *data, size_t len,
	    int durable);
/*
 * Write several files as one: every temporary file is written first, and
 * only when all succeeded are they renamed into place.  A folder in the
 * way of any of them is refused before anything is written.
 */
int	 write_files_atomic(struct diag *, size_t n, const char *const *paths,
	    const void *const *data, const size_t *lens, int durable);
/*
 * Replace the whole of an existing file the author owns (shuzhi fix), as
 * write_file_atomic does, keeping what it is: a symbolic link is followed
 * and the file it names is replaced in that file's folder (the link
 * stays), the mode and the owner are kept (refused when the owner cannot
 * be kept), and a file with other hard links is refused.
 */
int	 replace_file_atomic(struct diag *, const char *path, const void *data, size_t len);
/* Create a folder and its parents (like mkdir -p). */
int	 make_dirs(struct diag *, const char *path);
/* Join a folder and a name into a new string. */
char	*path_join(const char *dir, const char *name);
/* 1 when path is an existing folder. */
int	 is_dir(const char *path);

#endif
