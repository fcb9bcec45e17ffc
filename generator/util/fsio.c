/* fsio.c: whole-file reads and atomic writes, so no half-written output survives. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsio.h"
#include "buf.h"
#include "xalloc.h"
#include "../diag/diag.h"
#include "syserr.h"

int
read_file(struct diag *d, const char *path, size_t max, char **text, size_t *len)
{
	struct srcpos pos = { NULL, 0, 0 };	/* the file is named only on error */
	struct buf b;
	struct stat st;
	char chunk[65536];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		int err = errno;

		pos.file = diag_intern(d, path);
		diag_error(d, &pos, "无法打开文件：%s", syserr(err));
		return -1;
	}
	buf_init(&b);
	/* Room for the whole of a regular file at once (read on past it all the same). */
	buf_grow(&b, fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= max ?
	    (size_t)st.st_size : 0);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			int err = errno;

			if (err == EINTR)
				continue;
			pos.file = diag_intern(d, path);
			diag_error(d, &pos, "读取失败：%s", syserr(err));
			goto fail;
		}
		if (b.len + (size_t)n > max) {
			pos.file = diag_intern(d, path);
			if (max >= (1u << 20) && max % (1u << 20) == 0)
				diag_error(d, &pos, "文件过大（超过 %zu MiB），拒绝读取", max >> 20);
			else
				diag_error(d, &pos, "文件过大（超过 %zu 字节），拒绝读取", max);
			goto fail;
		}
		buf_put(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*text = buf_take(&b);
	return 0;
fail:
	close(fd);
	buf_free(&b);
	return -1;
}

/*
 * Write data to a new temporary file beside path; returns its name or
 * NULL.  keep: the file it will replace, whose mode and owner it takes
 * (NULL: a new file, 0644).
 */
static char *
write_temp(struct diag *d, const char *path, const void *data, size_t len, int durable,
    const struct stat *keep)
{
	struct srcpos pos = { NULL, 0, 0 };
	const char *p = data;
	char *tmp;
	size_t off = 0;
	int fd;

	pos.file = diag_intern(d, path);
	tmp = xmalloc(strlen(path) + 16);
	sprintf(tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		diag_error(d, &pos, "无法写入：%s", syserr(errno));
		free(tmp);
		return NULL;
	}
	while (off < len) {
		ssize_t n = write(fd, p + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	/*
	 * Content written for the author (fix, import, new) reaches the disk
	 * before it replaces the old file.  Outputs are not synced: the next
	 * build makes them again, the rename already replaces them whole for
	 * every reader, and waiting for the disk cost more than the build.
	 */
	if (keep != NULL && (keep->st_uid != geteuid() || keep->st_gid != getegid()) &&
	    fchown(fd, keep->st_uid, keep->st_gid) != 0) {
		diag_error(d, &pos, "无法在替换时保留文件的所有者和用户组（%s），没有修改这个文件",
		    syserr(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	if (fchmod(fd, keep != NULL ? keep->st_mode & 07777 : 0644) != 0 ||
	    (durable && fsync(fd) != 0))
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return tmp;
fail:
	diag_error(d, &pos, "无法写入：%s", syserr(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return NULL;
}

int
write_files_atomic(struct diag *d, size_t n, const char *const *paths,
    const void *const *data, const size_t *lens, int durable)
{
	char **tmps = xcalloc(n, sizeof(char *));
	size_t i;
	int rc = 0;

	/*
	 * A folder where a file should go would only fail at its rename,
	 * after the files before it were replaced: refuse it before anything
	 * is written.
	 */
	for (i = 0; i < n; i++) {
		struct stat st;

		if (lstat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			struct srcpos pos = { diag_intern(d, paths[i]), 0, 0 };
			diag_error(d, &pos, "%s", "无法写入：这里已经有一个同名的文件夹");
			rc = -1;
		}
	}
	for (i = 0; i < n && rc == 0; i++)
		if ((tmps[i] = write_temp(d, paths[i], data[i], lens[i], durable, NULL)) == NULL)
			rc = -1;
	for (i = 0; i < n && rc == 0; i++)
		if (rename(tmps[i], paths[i]) != 0) {
			struct srcpos pos = { diag_intern(d, paths[i]), 0, 0 };
			diag_error(d, &pos, "无法写入：%s", syserr(errno));
			rc = -1;
		} else {
			free(tmps[i]);
			tmps[i] = NULL;
		}
	for (i = 0; i < n; i++) {
		if (tmps[i] != NULL)
			unlink(tmps[i]);
		free(tmps[i]);
	}
	free(tmps);
	return rc;
}

int
write_file_atomic(struct diag *d, const char *path, const void *data, size_t len, int durable)
{
	return write_files_atomic(d, 1, &path, &data, &len, durable);
}

int
replace_file_atomic(struct diag *d, const char *path, const void *data, size_t len)
{
	struct srcpos pos = { NULL, 0, 0 };
	struct stat st;
	char *target, *tmp;
	int rc = 0;

	pos.file = diag_intern(d, path);
	/* Through a symbolic link to the file it names, replaced in its own folder. */
	if ((target = realpath(path, NULL)) == NULL) {
		diag_error(d, &pos, "无法写入：%s", syserr(errno));
		return -1;
	}
	if (stat(target, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(d, &pos, "%s", "无法写入：这不是一个普通文件，没有修改它");
		free(target);
		return -1;
	}
	if (st.st_nlink > 1) {
		diag_error(d, &pos, "这个文件有 %lu 个硬链接，替换写入会把它和其他链接分开；"
		    "没有修改它（请先用 cp 复制成独立的文件）", (unsigned long)st.st_nlink);
		free(target);
		return -1;
	}
	if ((tmp = write_temp(d, target, data, len, 1, &st)) == NULL) {
		free(target);
		return -1;
	}
	if (rename(tmp, target) != 0) {
		diag_error(d, &pos, "无法写入：%s", syserr(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	free(target);
	return rc;
}

int
make_dirs(struct diag *d, const char *path)
{
	struct srcpos pos = { NULL, 0, 0 };
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			pos.file = diag_intern(d, p);
			diag_error(d, &pos, "无法创建文件夹：%s", syserr(errno));
			rc = -1;
			break;
		}
		if (!is_dir(p)) {
			pos.file = diag_intern(d, p);
			diag_error(d, &pos, "%s", "无法创建文件夹：同名的文件已存在");
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

char *
path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	char *p = xmalloc(n + strlen(name) + 2);

	if (n > 0 && dir[n - 1] == '/')
		sprintf(p, "%s%s", dir, name);
	else
		sprintf(p, "%s/%s", dir, name);
	return p;
}

int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
