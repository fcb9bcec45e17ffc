/*
 * helper.c: run a command that is a program of its own.  `shuzhi import`
 * is shuzhi-import and `shuzhi docx` is shuzhi-docx: reading and writing
 * .docx needs libzip and libxml2, and loading them (with the libcrypto,
 * ICU and libstdc++ they bring) cost every start of shuzhi 4 ms, a fifth
 * of building a report.  `shuzhi build` runs shuzhi-docx as a child, the
 * Markdown on a pipe in and the .docx on a pipe out, while it typesets the
 * PDF.  The program is looked for beside the running shuzhi (a build
 * folder), then in ../libexec/shuzhi from it (where `make install` puts
 * it), then in the configured folder.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "helper.h"
#include "paths.h"
#include "../files/fsio.h"
#include "../util/syserr.h"
#include "../util/xalloc.h"

#ifndef SHUZHI_LIBEXECDIR
#define SHUZHI_LIBEXECDIR "/usr/local/libexec/shuzhi"
#endif

extern char **environ;

static char *
helper_path(const char *prog)
{
	char *rel = path_join("../libexec/shuzhi", prog);
	char *path = beside_self(prog, X_OK);

	if (path == NULL)
		path = beside_self(rel, X_OK);
	if (path == NULL)
		path = path_join(SHUZHI_LIBEXECDIR, prog);
	free(rel);
	return path;
}

static int
run_helper(const char *prog, int argc, char **argv)
{
	char *path = helper_path(prog);
	char **args = xcalloc((size_t)argc + 1, sizeof(*args));
	int i;

	args[0] = path;
	for (i = 1; i < argc; i++)
		args[i] = argv[i];
	execv(path, args);
	fprintf(stderr, "shuzhi: error: 无法运行 %s：%s（shuzhi %s 由它完成；请重新 make 或 make install）\n",
	    path, syserr(errno), argv[0]);
	free(args);
	free(path);
	return EXIT_USAGE;
}

int
cmd_import_exec(int argc, char **argv)
{
	return run_helper("shuzhi-import", argc, argv);
}

int
cmd_docx_exec(int argc, char **argv)
{
	return run_helper("shuzhi-docx", argc, argv);
}

struct helper_job {
	pid_t	 pid;
	int	 out, err;	/* the child's stdout and stderr, read ends */
};

/* Write all of data to fd; a child gone early gives EPIPE, not SIGPIPE. */
static int
feed(int fd, const char *data, size_t len)
{
	struct sigaction ign, old;
	ssize_t n;
	int rc = 0;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	while (len > 0) {
		if ((n = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		data += n;
		len -= (size_t)n;
	}
	sigaction(SIGPIPE, &old, NULL);
	return rc;
}

struct helper_job *
helper_start(const char *prog, char *const *args, const void *in, size_t len, struct buf *err)
{
	posix_spawn_file_actions_t fa;
	struct helper_job *j;
	char *path = helper_path(prog), **argv;
	int pin[2] = { -1, -1 }, pout[2] = { -1, -1 }, perr[2] = { -1, -1 }, rc;
	size_t n, i;

	for (n = 0; args[n] != NULL; n++)
		;
	argv = xcalloc(n + 2, sizeof(*argv));
	argv[0] = path;
	for (i = 0; i < n; i++)
		argv[i + 1] = args[i];
	if (pipe2(pin, O_CLOEXEC) != 0 || pipe2(pout, O_CLOEXEC) != 0 ||
	    pipe2(perr, O_CLOEXEC) != 0) {
		buf_printf(err, "无法运行 %s：%s\n", path, syserr(errno));
		goto fail;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pin[0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, pout[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, perr[1], STDERR_FILENO);
	j = xcalloc(1, sizeof(*j));
	rc = posix_spawn(&j->pid, path, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		buf_printf(err, "无法运行 %s：%s（请重新 make 或 make install）\n", path, syserr(rc));
		free(j);
		goto fail;
	}
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	j->out = pout[0];
	j->err = perr[0];
	/* The child reads all of its input before it writes anything. */
	feed(pin[1], in, len);
	close(pin[1]);
	free(argv);
	free(path);
	return j;
fail:
	for (i = 0; i < 2; i++) {
		if (pin[i] >= 0)
			close(pin[i]);
		if (pout[i] >= 0)
			close(pout[i]);
		if (perr[i] >= 0)
			close(perr[i]);
	}
	free(argv);
	free(path);
	return NULL;
}

int
helper_finish(struct helper_job *j, struct buf *out, struct buf *err)
{
	struct pollfd pf[2];
	char chunk[65536];
	ssize_t n;
	int status, k;

	pf[0].fd = j->out;
	pf[1].fd = j->err;
	pf[0].events = pf[1].events = POLLIN;
	while (pf[0].fd >= 0 || pf[1].fd >= 0) {
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (k = 0; k < 2; k++) {
			if (pf[k].fd < 0 || !(pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if ((n = read(pf[k].fd, chunk, sizeof(chunk))) > 0)
				buf_put(k == 0 ? out : err, chunk, (size_t)n);
			else if (n == 0 || errno != EINTR) {
				close(pf[k].fd);
				pf[k].fd = -1;
			}
		}
	}
	for (k = 0; k < 2; k++)
		if (pf[k].fd >= 0)
			close(pf[k].fd);
	while (waitpid(j->pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	free(j);
	if (status == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}
