/*
 * tempfiles.c: the table of temporary paths a signal handler removes.
 *
 * A signal handler can only reach state that is global, and may only
 * call async-signal-safe functions: so this is the program's one table
 * of global mutable state, fixed in size, each slot published with an
 * atomic flag after its path is written, and removed with unlink() and
 * rmdir() only.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tempfiles.h"

#define SLOTS	64

static struct {
	atomic_int	 used;	/* 0 free, 1 being written, 2 set */
	int		 folder;
	char		 path[PATH_MAX];
} slots[SLOTS];

static int
add(const char *path, int folder)
{
	size_t len = strlen(path);
	int i, expect;

	if (len >= PATH_MAX)
		return -1;
	for (i = 0; i < SLOTS; i++) {
		expect = 0;
		if (atomic_compare_exchange_strong(&slots[i].used, &expect, 1)) {
			memcpy(slots[i].path, path, len + 1);
			slots[i].folder = folder;
			atomic_store(&slots[i].used, 2);
			return i;
		}
	}
	return -1;
}

int
tempfiles_add(const char *path)
{
	return add(path, 0);
}

/*
 * The name is made in the slot itself: a signal while mkostemp() is at
 * work finds a name that does not exist yet (removing it does nothing)
 * or the file just made, never a file that the table does not know.
 */
static int
make(char *tmpl, int *handle, int folder)
{
	int h = add(tmpl, folder), fd, err;

	*handle = h;
	if (h < 0)
		return folder ? (mkdtemp(tmpl) != NULL ? 0 : -1) : mkostemp(tmpl, O_CLOEXEC);
	fd = folder ? (mkdtemp(slots[h].path) != NULL ? 0 : -1) :
	    mkostemp(slots[h].path, O_CLOEXEC);
	err = errno;
	if (fd >= 0)
		memcpy(tmpl, slots[h].path, strlen(slots[h].path) + 1);
	else {
		tempfiles_forget(h);
		*handle = -1;
	}
	errno = err;
	return fd;
}

int
tempfiles_mkstemp(char *tmpl, int *handle)
{
	return make(tmpl, handle, 0);
}

int
tempfiles_mkdtemp(char *tmpl, int *handle)
{
	return make(tmpl, handle, 1);
}

int
tempfiles_add_folder(const char *path)
{
	return add(path, 1);
}

/* getdents64's record (no libc declaration of it is async-signal-safe). */
struct dent {
	unsigned long long	ino;
	long long		off;
	unsigned short		reclen;
	unsigned char		type;
	char			name[];
};

/* The files of a folder, with system calls only (opendir may allocate). */
static void
empty_folder(const char *path)
{
	char buf[4096];
	long n, k;
	int round, removed = 1, fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return;
	/* Again from the start while some went: removing may move the rest. */
	for (round = 0; round < 8 && removed; round++) {
		removed = 0;
		(void)lseek(fd, 0, SEEK_SET);
		while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
			for (k = 0; k < n; ) {
				struct dent *e = (struct dent *)(void *)(buf + k);

				if (strcmp(e->name, ".") != 0 && strcmp(e->name, "..") != 0 &&
				    unlinkat(fd, e->name, 0) == 0)
					removed = 1;
				k += e->reclen;
			}
	}
	close(fd);
}

void
tempfiles_forget(int handle)
{
	if (handle >= 0 && handle < SLOTS)
		atomic_store(&slots[handle].used, 0);
}

static void
on_signal(int sig)
{
	int i, pass, saved = errno;

	/* Files first, then the folders that held them. */
	for (pass = 0; pass < 2; pass++)
		for (i = SLOTS - 1; i >= 0; i--) {
			if (atomic_load(&slots[i].used) != 2)
				continue;
			if (pass == 1)
				(void)rmdir(slots[i].path);
			else if (slots[i].folder)
				empty_folder(slots[i].path);
			else
				(void)unlink(slots[i].path);
		}
	errno = saved;
	/* SA_RESETHAND put the default action back: die of the signal. */
	raise(sig);
}

void
tempfiles_on_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigaddset(&sa.sa_mask, sigs[i]);
	}
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		/* A signal ignored by whoever started us (nohup) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}
