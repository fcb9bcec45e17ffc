/*
 * cmd_diff.c: shuzhi diff OLD NEW [-o OUT_DIR]: compare two versions of a
 * report's content, each a content folder or a git revision of one
 * (HEAD~1:content/2020, extracted with git archive into a private
 * temporary folder), or --rev A..B PATH; write the redline diff.md, the
 * redline diff.pdf and diff.json.  Exits as git diff does: 0, or 1 with
 * --exit-code when the versions differ; 2 on any error.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../diff/diff.h"
#include "../load/model.h"
#include "../render/context.h"
#include "../typeset/typeset.h"
#include "../files/fsio.h"
#include "../util/xalloc.h"
#include "../util/syserr.h"

extern char **environ;

#define EXIT_DIFF_ERROR	2

/* One version: a folder, maybe extracted from git into tmp. */
struct side {
	char		*label;	/* how the outputs name it */
	char		*dir;	/* the content folder to read */
	char		*tmp;	/* a private folder to remove at the end, or NULL */
};

/*
 * Run a program (no shell); its standard output goes to out (when not
 * NULL), its error output nowhere when quiet.  Returns its exit status,
 * or -1 when it could not be run.
 */
static int
run(char *const argv[], struct buf *out, int quiet)
{
	posix_spawn_file_actions_t fa;
	int pfd[2] = { -1, -1 }, status;
	pid_t pid;
	char chunk[4096];
	ssize_t n;

	if (out != NULL && pipe(pfd) != 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	if (out != NULL) {
		posix_spawn_file_actions_addclose(&fa, pfd[0]);
		posix_spawn_file_actions_adddup2(&fa, pfd[1], STDOUT_FILENO);
		posix_spawn_file_actions_addclose(&fa, pfd[1]);
	} else
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		if (out != NULL) {
			close(pfd[0]);
			close(pfd[1]);
		}
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	if (out != NULL) {
		close(pfd[1]);
		while ((n = read(pfd[0], chunk, sizeof(chunk))) > 0 ||
		    (n < 0 && errno == EINTR))
			if (n > 0)
				buf_put(out, chunk, (size_t)n);
		close(pfd[0]);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The first line of a git command's output (malloc'd), or NULL. */
static char *
git_line(const char *a1, const char *a2)
{
	char *argv[] = { "git", (char *)a1, (char *)a2, NULL };
	struct buf out;

	buf_init(&out);
	if (run(argv, &out, 1) != 0) {
		buf_free(&out);
		return NULL;
	}
	buf_grow(&out, 0);
	out.data[strcspn(out.data, "\n")] = '\0';
	return buf_take(&out);
}

/* dir/path with . and .. taken out and no trailing slash (new string). */
static char *
path_clean(const char *dir, const char *path)
{
	struct buf b;
	char *all, *p, *tok;
	size_t *marks = NULL, n = 0;

	buf_init(&b);
	buf_grow(&b, 0);
	all = xmalloc(strlen(dir) + strlen(path) + 2);
	sprintf(all, "%s/%s", dir, path);
	for (p = all; (tok = strsep(&p, "/")) != NULL; ) {
		if (*tok == '\0' || strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (n > 0)
				b.len = marks[--n];
			b.data[b.len] = '\0';
			continue;
		}
		marks = xreallocarray(marks, n + 1, sizeof(*marks));
		marks[n++] = b.len;
		if (b.len > 0)
			buf_putc(&b, '/');
		buf_puts(&b, tok);
	}
	free(all);
	free(marks);
	return buf_take(&b);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
side_free(struct side *s)
{
	if (s->tmp != NULL)
		nftw(s->tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(s->label);
	free(s->dir);
	free(s->tmp);
	memset(s, 0, sizeof(*s));
}

/*
 * REV:PATH (PATH from the repository's top) into a private temporary
 * folder: git archive of the tree, unpacked with tar.
 */
static int
from_git(const char *rev, const char *rootpath, struct side *s)
{
	char *top = git_line("rev-parse", "--show-toplevel");
	char *spec, *tar, *tree, *type;
	const char *tmpdir = getenv("TMPDIR");
	int rc = -1;

	if (rev[0] == '-') {
		fprintf(stderr, "shuzhi: error: “%s”不是 git 版本\n", rev);
		free(top);
		return -1;
	}
	if (top == NULL) {
		fprintf(stderr, "shuzhi: error: “%s:%s”：当前目录不在 git 仓库中\n", rev, rootpath);
		return -1;
	}
	spec = xmalloc(strlen(rev) + strlen(rootpath) + 2);
	sprintf(spec, "%s:%s", rev, rootpath);
	{
		char *argv[] = { "git", "-C", top, "cat-file", "-t", spec, NULL };
		struct buf out;

		buf_init(&out);
		if (run(argv, &out, 1) != 0) {
			fprintf(stderr, "shuzhi: error: git 中没有“%s”（版本或路径不存在）\n", spec);
			buf_free(&out);
			goto out;
		}
		buf_grow(&out, 0);
		type = out.data;
		if (strncmp(type, "tree", 4) != 0) {
			fprintf(stderr, "shuzhi: error: git 中的“%s”不是文件夹\n", spec);
			buf_free(&out);
			goto out;
		}
		buf_free(&out);
	}
	s->tmp = xmalloc(strlen(tmpdir && *tmpdir ? tmpdir : "/tmp") + 32);
	sprintf(s->tmp, "%s/shuzhi-diff-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (mkdtemp(s->tmp) == NULL) {
		fprintf(stderr, "shuzhi: error: 无法建立临时文件夹 %s：%s\n", s->tmp, syserr(errno));
		free(s->tmp);
		s->tmp = NULL;
		goto out;
	}
	tar = path_join(s->tmp, "tree.tar");
	tree = path_join(s->tmp, "tree");
	{
		char *argv[] = { "git", "-C", top, "archive", "--format=tar", "-o", tar, spec, NULL };
		char *targv[] = { "tar", "-x", "-f", tar, "-C", tree, NULL };

		if (mkdir(tree, 0700) != 0 || run(argv, NULL, 0) != 0) {
			fprintf(stderr, "shuzhi: error: 无法用 git archive 取出“%s”\n", spec);
		} else if (run(targv, NULL, 0) != 0) {
			fprintf(stderr, "shuzhi: error: 无法解开“%s”的 tar 文件\n", spec);
		} else {
			s->dir = tree;
			tree = NULL;
			rc = 0;
		}
	}
	free(tar);
	free(tree);
out:
	free(spec);
	free(top);
	return rc;
}

/* A folder as it is, or REV:PATH. */
static int
resolve(const char *arg, struct side *s)
{
	const char *colon;
	char *rev, *prefix, *path;
	int rc;

	memset(s, 0, sizeof(*s));
	s->label = xstrdup(arg);
	if (is_dir(arg)) {
		s->dir = xstrdup(arg);
		return 0;
	}
	if ((colon = strchr(arg, ':')) == NULL) {
		fprintf(stderr, "shuzhi: error: “%s”既不是内容文件夹，也不是 git 中的版本"
		    "（如 HEAD~1:content/2020）\n", arg);
		return -1;
	}
	rev = xstrndup(arg, (size_t)(colon - arg));
	if (*rev == '\0') {
		free(rev);
		rev = xstrdup("HEAD");
	}
	/* git's rule: from the top, unless it starts with ./ or ../ */
	if (strncmp(colon + 1, "./", 2) == 0 || strncmp(colon + 1, "../", 3) == 0) {
		if ((prefix = git_line("rev-parse", "--show-prefix")) == NULL)
			prefix = xstrdup("");
		path = path_clean(prefix, colon + 1);
		free(prefix);
	} else
		path = path_clean("", colon + 1);
	rc = from_git(rev, path, s);
	free(rev);
	free(path);
	return rc;
}

/* --rev A..B PATH: both sides. */
static int
resolve_rev(const char *range, const char *path, struct side *old, struct side *new)
{
	const char *dots = strstr(range, "..");
	char *a, *b, *prefix, *root, *label;
	int rc = -1;

	memset(old, 0, sizeof(*old));
	memset(new, 0, sizeof(*new));
	a = dots ? xstrndup(range, (size_t)(dots - range)) : xstrdup(range);
	b = dots ? xstrdup(dots + 2) : xstrdup("");
	if (*a == '\0') {
		free(a);
		a = xstrdup("HEAD");
	}
	if ((prefix = git_line("rev-parse", "--show-prefix")) == NULL) {
		fprintf(stderr, "shuzhi: error: --rev 只能在 git 仓库中使用\n");
		free(a);
		free(b);
		return -1;
	}
	root = path_clean(prefix, path);
	if (from_git(a, root, old) == 0) {
		label = xmalloc(strlen(a) + strlen(root) + 2);
		sprintf(label, "%s:%s", a, root);
		old->label = label;
		if (*b == '\0') {
			new->label = xstrdup(path);
			if (!is_dir(path))
				fprintf(stderr, "shuzhi: error: 工作区中没有内容文件夹“%s”\n", path);
			else {
				new->dir = xstrdup(path);
				rc = 0;
			}
		} else if (from_git(b, root, new) == 0) {
			label = xmalloc(strlen(b) + strlen(root) + 2);
			sprintf(label, "%s:%s", b, root);
			new->label = label;
			rc = 0;
		}
	}
	free(prefix);
	free(root);
	free(a);
	free(b);
	return rc;
}

static struct report *
load(struct diag *diag, const struct side *s, const char *which)
{
	struct report *r = model_load(diag, s->dir);

	if (r == NULL) {
		fprintf(stderr, "shuzhi: %s“%s”有错误，无法比较", which, s->label);
		if (s->tmp != NULL)
			fprintf(stderr, "（取自 git，上面的路径是临时解出的 %s）", s->dir);
		fputc('\n', stderr);
	}
	return r;
}

int
cmd_diff(int argc, char **argv)
{
	const char *outdir;
	struct settings s;
	struct paths p;
	struct side old, new;
	struct report *ro = NULL, *rn = NULL;
	struct rdiff *d = NULL;
	struct diag *diag;
	struct buf md, js, pdf, title, out_default, sum;
	struct rdiff_labels lb;
	char *mdpath = NULL, *jspath = NULL, *pdfpath = NULL;
	int rc, stale = 0;

	if ((rc = options_parse(command_find("diff"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	if (s.rev != NULL ? s.nargs != 1 : s.nargs != 2)
		return usage_error("diff", "%s", s.rev != NULL ? "用 --rev 时只给一个 PATH" :
		    "要给出两个版本 OLD NEW");
	rc = EXIT_DIFF_ERROR;
	outdir = s.out;
	settings_paths(&s, &p);

	memset(&old, 0, sizeof(old));
	memset(&new, 0, sizeof(new));
	diag = diag_new(stderr);
	buf_init(&md);
	buf_init(&js);
	buf_init(&pdf);
	buf_init(&title);
	buf_init(&out_default);
	buf_init(&sum);
	if (s.rev != NULL) {
		if (resolve_rev(s.rev, s.args[0], &old, &new) != 0)
			goto out;
	} else if (resolve(s.args[0], &old) != 0 || resolve(s.args[1], &new) != 0)
		goto out;
	if ((ro = load(diag, &old, "旧版本")) == NULL || (rn = load(diag, &new, "新版本")) == NULL)
		goto out;
	if ((d = rdiff_build(diag, ro, rn)) == NULL) {
		fprintf(stderr, "shuzhi: 内容有错误，无法比较\n");
		goto out;
	}
	lb.old = old.label;
	lb.new = new.label;
	rdiff_markdown(d, &lb, &md);
	if (rdiff_changes(d) == 0)
		buf_printf(&md, "# 修改对照\n\n没有改动：%s 与 %s 的内容相同。\n", lb.old, lb.new);
	rdiff_json(d, &lb, &js);

	if (outdir == NULL) {
		buf_printf(&out_default, "out/%s/diff", rn->year->str);
		outdir = out_default.data;
	}
	if (make_dirs(diag, outdir) != 0)
		goto out;
	mdpath = path_join(outdir, "diff.md");
	jspath = path_join(outdir, "diff.json");
	pdfpath = path_join(outdir, "diff.pdf");
	if (!s.no_pdf && rdiff_changes(d) > 0) {
		struct typeset_opts to;

		buf_puts(&title, "修改对照：");
		report_title(rn, &title);
		memset(&to, 0, sizeof(to));
		to.md_path = mdpath;
		to.style_path = p.style;
		to.fonts_path = p.fonts;
		to.title = title.data;
		to.author = rn->unit->str;
		to.subject = "述职报告修改对照";
		if (source_date_epoch(&to.source_date) != 0)
			goto out;
		if (typeset_markdown(diag, md.data, md.len, &to, &pdf) != 0) {
			fprintf(stderr, "shuzhi: 无法排版 %s（可用 --no-pdf 只写出 diff.md 和 diff.json）\n",
			    pdfpath);
			goto out;
		}
	}
	{
		static const char *const names[3] = { "diff.md", "diff.json", "diff.pdf" };
		const char *paths[3] = { mdpath, jspath, pdfpath };
		const void *data[3] = { md.data, js.data, pdf.data };
		size_t lens[3] = { md.len, js.len, pdf.len };
		size_t n = pdf.len > 0 ? 3 : 2;

		remove_stale_temps(outdir, names, 3);
		if (write_files_atomic(diag, n, paths, data, lens, 0) != 0)
			goto out;
		/* A diff.pdf from an earlier run would not match the new diff.md. */
		if (n == 2 && unlink(pdfpath) == 0)
			stale = 1;
		else if (n == 2 && errno != ENOENT)
			fprintf(stderr, "shuzhi: warning: 无法删除旧的 %s：%s\n", pdfpath, syserr(errno));
	}
	if (rdiff_changes(d) > 0) {
		rdiff_summary(d, &lb, 0, &sum);
		fputs(sum.data, stdout);
	} else
		printf("没有改动：%s 与 %s 的内容相同。\n", lb.old, lb.new);
	printf("已写出 %s、%s%s%s%s\n", mdpath, jspath, pdf.len > 0 ? "、" : "",
	    pdf.len > 0 ? pdfpath : "", stale ? "；删去了上一次的 diff.pdf（与它们不符）" : "");
	rc = s.exit_code && rdiff_changes(d) > 0 ? 1 : 0;
out:
	rdiff_free(d);
	model_free(ro);
	model_free(rn);
	side_free(&old);
	side_free(&new);
	buf_free(&md);
	buf_free(&js);
	buf_free(&pdf);
	buf_free(&title);
	buf_free(&out_default);
	buf_free(&sum);
	free(mdpath);
	free(jspath);
	free(pdfpath);
	paths_free(&p);
	diag_free(diag);
	return rc;
}
