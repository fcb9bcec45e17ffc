/*
 * cmd_watch.c: shuzhi watch CONTENT_DIR -o OUT_DIR [build's options].  Build the report,
 * then rebuild it whenever a content, template, rule or font-setting file
 * changes (inotify), so the PDF can stay open beside the editor.  Each
 * build runs build_run() with the same settings in a forked child, so
 * every build starts from a clean process, and its diagnostics go
 * straight to the terminal.  The folders watched are those the build
 * reads, after the same defaults (options.h settings_paths()).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../files/fsio.h"
#include "../util/xalloc.h"
#include "../util/syserr.h"
#include "../util/tempfiles.h"

#define DEBOUNCE_MS	100	/* quiet time after the last change before building */
#define RETRY_MS	1000	/* how often to look again for a folder that went away */
#define MAX_WATCHES	8

static const char *const yaml_files[] = { ".yaml", ".yml", NULL };
static const char *const template_files[] = { ".mustache", ".yaml", ".yml", NULL };
static const char *const font_files[] = { ".yaml", ".yml", ".ttf", ".ttc", ".otf", NULL };

/* A watched folder and the kinds of file in it that matter. */
struct watch {
	char			*dir;
	const char *const	*suffixes;
	int			 wd;	/* -1 while the folder is missing */
};

struct watcher {
	int		 fd;	/* inotify */
	struct watch	 w[MAX_WATCHES];
	size_t		 n;
	const struct settings *s;	/* what every build is asked, as build reads it */
	const char	*outdir;
};

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
has_suffix(const char *name, const char *const *suffixes)
{
	size_t len = strlen(name), k;

	if (name[0] == '.')	/* editors' swap and backup files */
		return 0;
	for (k = 0; suffixes[k] != NULL; k++) {
		size_t sl = strlen(suffixes[k]);

		if (len > sl && strcmp(name + len - sl, suffixes[k]) == 0)
			return 1;
	}
	return 0;
}

static void
add_dir(struct watcher *w, const char *dir, const char *const *suffixes)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (strcmp(w->w[i].dir, dir) == 0 && w->w[i].suffixes == suffixes)
			return;
	if (w->n == MAX_WATCHES)
		return;
	w->w[w->n].dir = xstrdup(dir);
	w->w[w->n].suffixes = suffixes;
	w->w[w->n].wd = -1;
	w->n++;
}

/* The folder of a file path. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Start watching the folders not yet watched; returns how many are missing. */
static int
arm(struct watcher *w)
{
	const unsigned mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
	    IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
	size_t i;
	int missing = 0;

	for (i = 0; i < w->n; i++) {
		if (w->w[i].wd >= 0)
			continue;
		if ((w->w[i].wd = inotify_add_watch(w->fd, w->w[i].dir, mask)) < 0)
			missing++;
	}
	return missing;
}

/*
 * Read the pending events.  Returns 1 when one concerns a file that
 * matters, naming it in *what (a new string, when what is not NULL).
 */
static int
drain(struct watcher *w, char **what)
{
	char ev[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *e;
	ssize_t n;
	size_t i, off;
	int hit = 0;

	while ((n = read(w->fd, ev, sizeof(ev))) > 0) {
		for (off = 0; off < (size_t)n; off += sizeof(*e) + e->len) {
			e = (const struct inotify_event *)(ev + off);
			if (e->mask & IN_Q_OVERFLOW)
				hit = 1;	/* events were lost: rebuild to be sure */
			for (i = 0; i < w->n; i++) {
				if (w->w[i].wd != e->wd)
					continue;
				if (e->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
					/* The folder went away; look for it again by name. */
					if (e->mask & IN_MOVE_SELF)
						inotify_rm_watch(w->fd, e->wd);
					w->w[i].wd = -1;
					hit = 1;
					continue;
				}
				if (e->len == 0 || !has_suffix(e->name, w->w[i].suffixes))
					continue;
				if (what != NULL && *what == NULL)
					*what = path_join(w->w[i].dir, e->name);
				hit = 1;
			}
		}
	}
	return hit;
}

static void
stamp(void)
{
	char tmp[16];
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(tmp, sizeof(tmp), "%H:%M:%S", &tm);
	printf("[%s] ", tmp);
}

/* Run the build in a child process and report how it went. */
static void
build(struct watcher *w)
{
	long long start = now_ms();
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0) {
		perror("shuzhi: error: fork");
		return;
	}
	if (pid == 0) {
		/* The child is a fresh copy of this process: build once and go. */
		close(w->fd);
		/* Ctrl-C reaches the child too: let it finish writing first. */
		signal(SIGINT, SIG_IGN);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		tempfiles_on_signals();	/* SIGTERM, SIGHUP: no temporary file left */
		status = build_run(w->s);
		fflush(NULL);
		_exit(status);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("shuzhi: error: waitpid");
			return;
		}
	if (stop)
		return;
	stamp();
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		printf("已更新 %s/report.pdf（%.2f 秒）\n", w->outdir,
		    (double)(now_ms() - start) / 1000);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_CONTENT)
		printf("有错误，报告没有更新；改正后保存即可重新生成\n");
	else if (WIFEXITED(status))
		printf("生成失败（退出码 %d），报告没有更新\n", WEXITSTATUS(status));
	else
		printf("生成失败（信号 %d），报告没有更新\n", WTERMSIG(status));
	fflush(stdout);
}

int
cmd_watch(int argc, char **argv)
{
	struct settings s;
	struct paths paths;
	struct watcher w;
	struct sigaction sa;
	char *own[2] = { NULL, NULL }, *what;
	size_t i;
	int missing, changed, rc;

	if ((rc = options_parse(command_find("watch"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	rc = EXIT_USAGE;
	if (!is_dir(s.args[0])) {
		fprintf(stderr, "shuzhi: error: “%s”不是一个内容文件夹\n", s.args[0]);
		return EXIT_USAGE;
	}

	memset(&w, 0, sizeof(w));
	w.outdir = s.out;
	w.s = &s;
	if ((w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
		fprintf(stderr, "shuzhi: error: 无法监视文件改动（inotify）：%s\n", syserr(errno));
		return EXIT_USAGE;
	}

	/* What the build reads: the content, templates, style, rules, fonts. */
	settings_paths(&s, &paths);
	add_dir(&w, s.args[0], yaml_files);
	add_dir(&w, paths.templates, template_files);
	own[0] = dir_of(paths.style);
	add_dir(&w, own[0], template_files);
	if (!s.no_check && is_dir(paths.rules))
		add_dir(&w, paths.rules, yaml_files);
	own[1] = dir_of(paths.fonts);
	add_dir(&w, own[1], font_files);
	missing = arm(&w);
	if (w.w[0].wd < 0) {
		fprintf(stderr, "shuzhi: error: 无法监视“%s”：%s\n", s.args[0], syserr(errno));
		goto out;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	printf("正在监视 ");
	for (i = 0; i < w.n; i++)
		printf("%s%s", i > 0 ? "、" : "", w.w[i].dir);
	printf(" 中的改动，生成到 %s；按 Ctrl-C 结束\n", s.out);
	build(&w);
	while (!stop) {
		struct pollfd p = { w.fd, POLLIN, 0 };
		long long last;

		if (poll(&p, 1, missing ? RETRY_MS : -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("shuzhi: error: poll");
			goto out;
		}
		what = NULL;
		changed = drain(&w, &what);
		if (missing > 0) {
			/* A folder that was gone and is back counts as a change. */
			int now = arm(&w);

			if (now < missing)
				changed = 1;
			missing = now;
		}
		if (!changed)
			continue;
		/* Wait for the editor to finish: DEBOUNCE_MS without changes. */
		last = now_ms();
		while (!stop && now_ms() - last < DEBOUNCE_MS) {
			int left = (int)(DEBOUNCE_MS - (now_ms() - last));

			if (poll(&p, 1, left > 0 ? left : 0) > 0 && drain(&w, NULL))
				last = now_ms();
		}
		missing = arm(&w);
		if (stop) {
			free(what);
			break;
		}
		stamp();
		if (what != NULL)
			printf("%s 有改动，重新生成\n", what);
		else
			printf("监视的文件夹有变动，重新生成\n");
		free(what);
		build(&w);
	}
	rc = 0;
out:
	close(w.fd);
	for (i = 0; i < w.n; i++)
		free(w.w[i].dir);
	for (i = 0; i < 2; i++)
		free(own[i]);
	paths_free(&paths);
	return rc;
}
