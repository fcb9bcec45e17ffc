/*
 * helper.c: run a command that is a program of its own.  `shuzhi import`
 * is shuzhi-import: reading .docx needs libzip and libxml2, and loading
 * them (with the libcrypto, ICU and libstdc++ they bring) cost every start
 * of shuzhi 4 ms, a fifth of building a report.  The program is looked for
 * beside the running shuzhi (a build folder), then in ../libexec/shuzhi
 * from it (where `make install` puts it), then in the configured folder.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "paths.h"
#include "../util/fsio.h"
#include "../util/syserr.h"
#include "../util/xalloc.h"

#ifndef SHUZHI_LIBEXECDIR
#define SHUZHI_LIBEXECDIR "/usr/local/libexec/shuzhi"
#endif

static int
run_helper(const char *prog, int argc, char **argv)
{
	char *rel = path_join("../libexec/shuzhi", prog);
	char *path = beside_self(prog, X_OK);
	char **args = xcalloc((size_t)argc + 1, sizeof(*args));
	int i;

	if (path == NULL)
		path = beside_self(rel, X_OK);
	if (path == NULL)
		path = path_join(SHUZHI_LIBEXECDIR, prog);
	free(rel);
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
