/* fsio.c: whole-file reads and atomic writes, so no half-written output survives. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsio.h"
#include "../util/buf.h"
#include "../util/xalloc.h"
#include "../diag/diag.h"
#include "../util/syserr.h"
#include "../util/tempfiles.h"

/*
 * An unlocked temporary output was left by a process that was killed: a
 * live one locks it before writing a byte.  Only an empty one may be in
 * the instant between being made and being locked: it is stale once older
 * than this.
 */
#define STALE_SECONDS	2

/* What a file that is not a regular file is. */
static const char *
file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "一个文件夹";
	if (S_ISFIFO(m))
		return "一个命名管道（FIFO）";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "一个设备文件";
	if (S_ISSOCK(m))
		return "一个套接字（socket）";
	return "一个特殊文件";
}

/* Why path could not be opened (errno err): the true cause, at the file. */
static void
open_failed(struct diag *d, const char *path, int err)
{
	struct srcpos pos = { diag_intern(d, path), 0, 0 };
	struct stat st;
	char target[4096];
	ssize_t n;

	if (err == ENOENT && lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (n = readlink(path, target, sizeof(target) - 1)) >= 0) {
		target[n] = '\0';
		diag_error(d, &pos, "无法打开文件：这是一个符号链接，它指向的“%s”不存在", target);
	} else if (err == ELOOP)
		diag_error(d, &pos, "无法打开文件：符号链接的层数过多（可能是互相指向的循环链接）");
	else if (err == EACCES || err == EPERM)
		diag_error(d, &pos, "无法打开文件：没有读取它的权限");
	else
		diag_error(d, &pos, "无法打开文件：%s", syserr(err));
}

/* Is the real path p the folder within or inside it? */
static int
inside(const char *within, const char *p)
{
	size_t n = strlen(within);

	while (n > 1 && within[n - 1] == '/')
		n--;
	return strncmp(p, within, n) == 0 && (p[n] == '\0' || p[n] == '/' ||
	    (n == 1 && within[0] == '/'));
}

int
open_regular_quiet(const char *path, struct stat *st, const char **kind)
{
	int fd, err;

	*kind = NULL;
	/* O_NONBLOCK: opening a FIFO with no writer would wait forever. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)) < 0)
		return -1;
	if (fstat(fd, st) != 0) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		*kind = file_kind(st->st_mode);
		close(fd);
		return -1;
	}
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);	/* reads as ever */
	return fd;
}

int
open_regular(struct diag *d, const char *within, const char *path, struct stat *st)
{
	struct srcpos pos = { NULL, 0, 0 };
	const char *kind;
	char *real = NULL;
	int fd, err;

	if (within != NULL) {
		if ((real = realpath(path, NULL)) == NULL) {
			open_failed(d, path, errno);
			return -1;
		}
		if (!inside(within, real)) {
			pos.file = diag_intern(d, path);
			diag_error(d, &pos, "拒绝读取：这是指向内容文件夹以外（%s）的符号链接；"
			    "符号链接只能指向同一文件夹中的文件", real);
			free(real);
			return -1;
		}
	}
	fd = open_regular_quiet(real != NULL ? real : path, st, &kind);
	err = errno;
	free(real);
	if (fd < 0 && kind != NULL) {
		pos.file = diag_intern(d, path);
		diag_error(d, &pos, "无法读取：这不是普通文件，而是%s%s", kind,
		    strstr(kind, "FIFO") != NULL ? "，读它会一直等下去" : "");
	} else if (fd < 0)
		open_failed(d, path, err);
	return fd;
}

int
read_file(struct diag *d, const char *path, size_t max, char **text, size_t *len)
{
	return read_file_within(d, NULL, path, max, text, len);
}

int
read_file_within(struct diag *d, const char *within, const char *path, size_t max,
    char **text, size_t *len)
{
	struct srcpos pos = { NULL, 0, 0 };	/* the file is named only on error */
	struct buf b;
	struct stat st;
	char chunk[65536];
	ssize_t n;
	int fd;

	if ((fd = open_regular(d, within, path, &st)) < 0)
		return -1;
	buf_init(&b);
	/* Room for the whole file at once (read on past it all the same). */
	buf_grow(&b, (size_t)st.st_size <= max ? (size_t)st.st_size : 0);
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

/* A temporary file being written beside its final name. */
struct temp {
	char	*path;
	int	 fd;		/* held open (and locked) until renamed: an output's */
	int	 handle;	/* in tempfiles.h's table */
	int	 unnamed;	/* written without a name: path is its name to be */
};

static void
temp_drop(struct temp *t, int remove)
{
	if (t->path == NULL)
		return;
	if (remove && !t->unnamed)
		unlink(t->path);
	tempfiles_forget(t->handle);
	if (t->fd >= 0)
		close(t->fd);
	free(t->path);
	t->path = NULL;
	t->fd = -1;
}

/* All of data to fd: 0, or -1 with errno set. */
static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(fd, p + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}

/* A file without a name in path's folder (O_TMPFILE), or -1 where there is none. */
static int
open_unnamed(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash == NULL)
		strcpy(dir, ".");
	else
		slash[slash == dir ? 1 : 0] = '\0';
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
	free(dir);
	return fd;
}

/*
 * Give the file fd without a name the name tmp (PATH.tmpXXXXXX, the six
 * X replaced by random letters and digits), in tempfiles.h's table from
 * before it has it.  0, or -1 with errno set.
 */
static int
name_unnamed(int fd, char *tmp, int *handle)
{
	static const char set[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	char proc[32], *x = tmp + strlen(tmp) - 6;
	unsigned char r[6];
	int tries, i, err;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (tries = 0; tries < 64; tries++) {
		if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
			return -1;
		for (i = 0; i < 6; i++)
			x[i] = set[r[i] % (sizeof(set) - 1)];
		*handle = tempfiles_add(tmp);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0)
			return 0;
		err = errno;
		tempfiles_forget(*handle);
		*handle = -1;
		if ((errno = err) != EEXIST)
			return -1;
	}
	return -1;
}

/*
 * Write data to a new temporary file PATH.tmpXXXXXX beside path (made
 * with its name, in tempfiles.h's table).  An output's stays open with a
 * lock on it until it is renamed: the next build removes only the
 * unlocked ones (remove_stale_temps), those a killed process left.
 * keep: the file it will replace, whose mode and owner it takes (NULL:
 * a new file, 0644).  Returns 0, or -1 with t empty.
 */
static int
write_temp_named(struct diag *d, const char *path, const void *data, size_t len,
    int durable, const struct stat *keep, struct temp *t)
{
	struct srcpos pos = { NULL, 0, 0 };
	char *tmp;
	int fd;

	t->path = NULL;
	t->fd = -1;
	t->handle = -1;
	t->unnamed = 0;
	pos.file = diag_intern(d, path);
	tmp = xmalloc(strlen(path) + 16);
	sprintf(tmp, "%s.tmpXXXXXX", path);
	if ((fd = tempfiles_mkstemp(tmp, &t->handle)) < 0) {
		diag_error(d, &pos, "无法写入：%s", syserr(errno));
		free(tmp);
		return -1;
	}
	if (!durable)
		(void)flock(fd, LOCK_EX);
	if (write_all(fd, data, len) != 0)
		goto fail;
	if (keep != NULL && (keep->st_uid != geteuid() || keep->st_gid != getegid()) &&
	    fchown(fd, keep->st_uid, keep->st_gid) != 0) {
		diag_error(d, &pos, "无法在替换时保留文件的所有者和用户组（%s），没有修改这个文件",
		    syserr(errno));
		close(fd);
		unlink(tmp);
		tempfiles_forget(t->handle);
		free(tmp);
		t->fd = -1;
		return -1;
	}
	/*
	 * Content written for the author (fix, import, new) reaches the disk
	 * before it replaces the old file.  Outputs are not synced: the next
	 * build makes them again, the rename already replaces them whole for
	 * every reader, and waiting for the disk cost more than the build.
	 */
	if (fchmod(fd, keep != NULL ? keep->st_mode & 07777 : 0644) != 0 ||
	    (durable && fsync(fd) != 0))
		goto fail;
	t->path = tmp;
	if (!durable) {
		t->fd = fd;
		return 0;
	}
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	diag_error(d, &pos, "无法写入：%s", syserr(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	tempfiles_forget(t->handle);
	free(tmp);
	t->path = NULL;
	t->fd = -1;
	return -1;
}

/*
 * The same, but written without a name where the file system allows
 * (O_TMPFILE; locked from the start when an output), and named by
 * name_temp() only when every file is written: a process killed while
 * writing leaves nothing.
 */
static int
write_temp(struct diag *d, const char *path, const void *data, size_t len, int durable,
    struct temp *t)
{
	int fd;

	if ((fd = open_unnamed(path)) >= 0) {
		if (!durable)
			(void)flock(fd, LOCK_EX);
		if (write_all(fd, data, len) == 0 && fchmod(fd, 0644) == 0 &&
		    (!durable || fsync(fd) == 0)) {
			t->path = xmalloc(strlen(path) + 16);
			sprintf(t->path, "%s.tmpXXXXXX", path);
			t->fd = fd;
			t->handle = -1;
			t->unnamed = 1;
			return 0;
		}
		close(fd);	/* a full disk: the usual way says what fails */
	}
	return write_temp_named(d, path, data, len, durable, NULL, t);
}

/*
 * Name a temporary file written without one, just before it is renamed.
 * Where that cannot be done (no /proc), it is written again the usual way.
 */
static int
name_temp(struct diag *d, const char *path, const void *data, size_t len, int durable,
    struct temp *t)
{
	if (!t->unnamed)
		return 0;
	if (name_unnamed(t->fd, t->path, &t->handle) == 0) {
		t->unnamed = 0;
		if (!durable)
			return 0;	/* held open and locked until renamed */
		if (close(t->fd) == 0) {
			t->fd = -1;
			return 0;
		} else {
			struct srcpos pos = { diag_intern(d, path), 0, 0 };

			diag_error(d, &pos, "无法写入：%s", syserr(errno));
		}
		t->fd = -1;
		temp_drop(t, 1);
		return -1;
	}
	close(t->fd);
	t->fd = -1;
	free(t->path);
	t->path = NULL;
	t->unnamed = 0;
	return write_temp_named(d, path, data, len, durable, NULL, t);
}

int
write_files_atomic(struct diag *d, size_t n, const char *const *paths,
    const void *const *data, const size_t *lens, int durable)
{
	struct temp *tmps = xcalloc(n, sizeof(*tmps));
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
		} else if (lstat(paths[i], &st) == 0 && !S_ISREG(st.st_mode) &&
		    !S_ISLNK(st.st_mode)) {
			/* The rename would replace it: /dev/null itself, for root. */
			struct srcpos pos = { diag_intern(d, paths[i]), 0, 0 };
			diag_error(d, &pos, "无法写入：这里是%s，不是普通文件，不会替换它",
			    file_kind(st.st_mode));
			rc = -1;
		}
	}
	for (i = 0; i < n && rc == 0; i++)
		if (write_temp(d, paths[i], data[i], lens[i], durable, &tmps[i]) != 0)
			rc = -1;
	/* Named only now, all at once: killed while writing, nothing is left. */
	for (i = 0; i < n && rc == 0; i++)
		if (name_temp(d, paths[i], data[i], lens[i], durable, &tmps[i]) != 0)
			rc = -1;
	for (i = 0; i < n && rc == 0; i++)
		if (rename(tmps[i].path, paths[i]) != 0) {
			struct srcpos pos = { diag_intern(d, paths[i]), 0, 0 };
			diag_error(d, &pos, "无法写入：%s", syserr(errno));
			rc = -1;
		} else
			temp_drop(&tmps[i], 0);
	for (i = 0; i < n; i++)
		temp_drop(&tmps[i], 1);
	free(tmps);
	return rc;
}

/* Is name NAME.tmpXXXXXX (mkstemp's six letters and digits) for one of names? */
static int
temp_of(const char *name, const char *const *names, size_t n)
{
	size_t i, k, len;

	for (i = 0; i < n; i++) {
		len = strlen(names[i]);
		if (strncmp(name, names[i], len) != 0 || strncmp(name + len, ".tmp", 4) != 0 ||
		    strlen(name + len + 4) != 6)
			continue;
		for (k = len + 4; name[k] != '\0'; k++)
			if (!((name[k] >= 'a' && name[k] <= 'z') || (name[k] >= 'A' &&
			    name[k] <= 'Z') || (name[k] >= '0' && name[k] <= '9')))
				break;
		if (name[k] == '\0')
			return 1;
	}
	return 0;
}

void
remove_stale_temps(const char *dir, const char *const *names, size_t n)
{
	DIR *dp;
	struct dirent *e;
	time_t now = time(NULL);

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		struct stat st;
		int fd;

		if (!temp_of(e->d_name, names, n))
			continue;
		fd = openat(dirfd(dp), e->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
		if (fd < 0)
			continue;
		/* Locked: a build writing it now (write_temp). */
		if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &st) == 0 &&
		    S_ISREG(st.st_mode) && (st.st_size > 0 || st.st_mtime < now - STALE_SECONDS))
			(void)unlinkat(dirfd(dp), e->d_name, 0);
		close(fd);
	}
	closedir(dp);
}

void
remove_stale_temps_of(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *name = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;

	if (slash != NULL)
		slash[1] = '\0';
	remove_stale_temps(slash != NULL ? dir : ".", &name, 1);
	free(dir);
}

int
write_file_atomic(struct diag *d, const char *path, const void *data, size_t len, int durable)
{
	return write_files_atomic(d, 1, &path, &data, &len, durable);
}

void
remove_folder(const char *path)
{
	DIR *dp;
	struct dirent *e;

	if ((dp = opendir(path)) == NULL)
		return;
	while ((e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			(void)unlinkat(dirfd(dp), e->d_name, 0);
	closedir(dp);
	(void)rmdir(path);
}

int
replace_file_atomic(struct diag *d, const char *path, const void *data, size_t len)
{
	struct srcpos pos = { NULL, 0, 0 };
	struct temp t;
	struct stat st;
	char *target;
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
	if (write_temp_named(d, target, data, len, 1, &st, &t) != 0) {
		free(target);
		return -1;
	}
	if (rename(t.path, target) != 0) {
		diag_error(d, &pos, "无法写入：%s", syserr(errno));
		rc = -1;
	}
	temp_drop(&t, rc != 0);
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

const char *
same_file(const char *path, const char *const *inputs, size_t n)
{
	struct stat a, b;
	size_t i;

	if (stat(path, &a) != 0)
		return NULL;
	for (i = 0; i < n; i++)
		if (inputs[i] != NULL && stat(inputs[i], &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return inputs[i];
	return NULL;
}

int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
path_occupied(const char *path, int *notdir)
{
	DIR *d;
	struct dirent *e;
	int used = 0;

	*notdir = 0;
	if (access(path, F_OK) != 0)
		return 0;
	if (!is_dir(path)) {
		*notdir = 1;
		return 1;
	}
	if ((d = opendir(path)) == NULL)
		return 1;
	while (!used && (e = readdir(d)) != NULL)
		used = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return used;
}
