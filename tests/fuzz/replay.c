/*
 * replay.c: a main for the harnesses without libFuzzer.  Each argument is
 * a file (or a folder of files) fed to LLVMFuzzerTestOneInput once; make
 * check runs the inputs kept in tests/fuzz/regress/<harness>/ this way, so
 * that every input that once crashed stays fixed, with or without clang.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "files/fsio.h"
#include "util/xalloc.h"

int	LLVMFuzzerInitialize(int *, char ***) __attribute__((weak));

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	do {
		if (len == cap)
			data = xrealloc(data, cap = cap ? cap * 2 : 65536);
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	fprintf(stderr, "replay %s (%zu bytes)\n", path, len);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int
run_path(const char *path)
{
	struct dirent **ents;
	int n, i, rc = 0;

	if (!is_dir(path))
		return run_file(path);
	if ((n = scandir(path, &ents, NULL, alphasort)) < 0) {
		perror(path);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			char *p = path_join(path, ents[i]->d_name);
			if (run_path(p) != 0)
				rc = -1;
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int
main(int argc, char **argv)
{
	int i, rc = 0;

	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++)
		if (run_path(argv[i]) != 0)
			rc = 1;
	return rc;
}
