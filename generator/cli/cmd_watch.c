/*
 * cmd_watch.c: shuzhi watch CONTENT_DIR -o OUT_DIR.  Build the report,
 * then rebuild it whenever a content, template, rule or font-setting file
 * changes (inotify), so the PDF can stay open beside the editor.  Each
 * build runs cmd_build in a forked child, so every build starts from a
 * clean process, and its diagnostics go straight to the terminal.
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
#include "paths.h"
#include "../util/fsio.h"
#include "../util/xalloc.h"
#include "../util/syserr.h"
#include "../util/tempfiles.h"

#define DEBOUNCE_MS	100	/* quiet time after the last change before building */
#define RETRY_MS	1000	/* how often to look again for a folder that went away */
#define MAX_WATCHES	8

static const char watch_usage[] =
"用法：shuzhi watch CONTENT_DIR -o OUT_DIR [--templates DIR] [--style FILE] [--fonts FILE]\n"
"  先生成一次报告，之后内容、模板、规则或字体设置文件一有改动就重新生成，\n"
"  并打印诊断信息；可以一边编辑，一边开着 OUT_DIR/report.pdf 看结果。\n"
"  按 Ctrl-C 结束。选项与 shuzhi build 相同。\n";

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
	char		**build_argv;	/* "build" CONTENT_DIR -o OUT_DIR ... */
	int		 build_argc;
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
		status = cmd_build(w->build_argc, w->build_argv);
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
	const char *content = NULL, *outdir = NULL, *tdir = NULL, *style = NULL, *fonts = NULL;
	struct watcher w;
	struct sigaction sa;
	char *own[4] = { NULL, NULL, NULL, NULL }, *what;
	size_t i;
	int k, nargs = 0, missing, changed, rc = EXIT_USAGE;

	for (k = 1; k < argc; k++) {
		const char **dst = NULL;

		if (strcmp(argv[k], "-o") == 0)
			dst = &outdir;
		else if (strcmp(argv[k], "--templates") == 0)
			dst = &tdir;
		else if (strcmp(argv[k], "--style") == 0)
			dst = &style;
		else if (strcmp(argv[k], "--fonts") == 0)
			dst = &fonts;
		else if (strcmp(argv[k], "-h") == 0 || strcmp(argv[k], "--help") == 0) {
			fputs(watch_usage, stdout);
			return 0;
		} else if (argv[k][0] == '-') {
			fprintf(stderr, "shuzhi: error: watch 不认识选项“%s”\n%s", argv[k], watch_usage);
			return EXIT_USAGE;
		} else if (content == NULL) {
			content = argv[k];
			continue;
		} else {
			fprintf(stderr, "shuzhi: error: 多余的参数“%s”\n%s", argv[k], watch_usage);
			return EXIT_USAGE;
		}
		if (++k >= argc) {
			fprintf(stderr, "shuzhi: error: 选项“%s”后面缺少参数\n%s", argv[k - 1], watch_usage);
			return EXIT_USAGE;
		}
		*dst = argv[k];
	}
	if (content == NULL || outdir == NULL) {
		fputs(watch_usage, stderr);
		return EXIT_USAGE;
	}
	if (!is_dir(content)) {
		fprintf(stderr, "shuzhi: error: “%s”不是一个内容文件夹\n", content);
		return EXIT_USAGE;
	}

	memset(&w, 0, sizeof(w));
	w.outdir = outdir;
	if ((w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
		fprintf(stderr, "shuzhi: error: 无法监视文件改动（inotify）：%s\n", syserr(errno));
		return EXIT_USAGE;
	}
	/* The same arguments for every build. */
	w.build_argv = xcalloc(12, sizeof(char *));
	w.build_argv[nargs++] = "build";
	w.build_argv[nargs++] = (char *)content;
	w.build_argv[nargs++] = "-o";
	w.build_argv[nargs++] = (char *)outdir;
	if (tdir != NULL) {
		w.build_argv[nargs++] = "--templates";
		w.build_argv[nargs++] = (char *)tdir;
	}
	if (style != NULL) {
		w.build_argv[nargs++] = "--style";
		w.build_argv[nargs++] = (char *)style;
	}
	if (fonts != NULL) {
		w.build_argv[nargs++] = "--fonts";
		w.build_argv[nargs++] = (char *)fonts;
	}

	w.build_argc = nargs;

	/* What the build reads: the content, templates, style, rules, fonts. */
	add_dir(&w, content, yaml_files);
	own[0] = tdir != NULL ? xstrdup(tdir) : data_path("templates");
	add_dir(&w, own[0], template_files);
	if (style != NULL) {
		own[1] = dir_of(style);
		add_dir(&w, own[1], template_files);
	}
	own[2] = data_path("rules");
	if (is_dir(own[2]))
		add_dir(&w, own[2], yaml_files);
	{
		char *f = fonts != NULL ? xstrdup(fonts) : data_path("fonts/fonts.yaml");

		own[3] = dir_of(f);
		free(f);
		add_dir(&w, own[3], font_files);
	}
	missing = arm(&w);
	if (w.w[0].wd < 0) {
		fprintf(stderr, "shuzhi: error: 无法监视“%s”：%s\n", content, syserr(errno));
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
	printf(" 中的改动，生成到 %s；按 Ctrl-C 结束\n", outdir);
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
	for (i = 0; i < 4; i++)
		free(own[i]);
	free(w.build_argv);
	return rc;
}
