/* fsio.h: files read whole and written atomically, their errors told to the sink (diag/). */
#ifndef SHUZHI_FSIO_H
#define SHUZHI_FSIO_H

#include <stddef.h>
#include <sys/stat.h>

struct diag;

/*
 * Open path for reading.  Only a regular file is opened (a FIFO, a device
 * or a folder would block, never end or fail later: each is refused and
 * named for what it is), and the open never blocks.  With within set (a
 * folder's real path, as realpath gives it), what path points to must lie
 * inside that folder: a symbolic link out of it is refused.  Returns the
 * descriptor (st filled in), or -1 after reporting the true cause at path.
 */
int	 open_regular(struct diag *, const char *within, const char *path, struct stat *st);
/*
 * The same without reporting (and without within): -1 with errno set, or
 * with *kind set to what the file is instead of a regular file ("一个文件夹").
 */
int	 open_regular_quiet(const char *path, struct stat *st, const char **kind);
/* Read a whole regular file (at most max bytes); errors go to the sink. */
int	 read_file(struct diag *, const char *path, size_t max, char **text, size_t *len);
/* The same, for a file that must lie within a folder (see open_regular). */
int	 read_file_within(struct diag *, const char *within, const char *path, size_t max,
	    char **text, size_t *len);
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
 * Remove from dir the temporary files NAME.tmpXXXXXX of the outputs
 * names[0..n) that a killed process left (write_files_atomic with
 * durable 0 writes them): old enough and not locked by a live writer.
 */
void	 remove_stale_temps(const char *dir, const char *const *names, size_t n);
/* The same for one output file path. */
void	 remove_stale_temps_of(const char *path);
/* Remove the files of a folder of our own (not what is in its folders), then it. */
void	 remove_folder(const char *path);
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
/*
 * The first of inputs[0..n) (NULL entries skipped) that is the same file
 * as path (the same device and inode: a link, another name), or NULL.
 */
const char *same_file(const char *path, const char *const *inputs, size_t n);
/* 1 when path is an existing folder. */
int	 is_dir(const char *path);
/*
 * 1 when path exists and is not an empty folder (*notdir: it is not a
 * folder at all); 0 when it can be made or filled.
 */
int	 path_occupied(const char *path, int *notdir);

#endif
