/* fuzz.c: helpers shared by the harnesses (see fuzz.h). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "files/fsio.h"

static FILE *devnull;

struct diag *
fuzz_diag(void)
{
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	return diag_new(devnull);
}

size_t
fuzz_split(const uint8_t *data, size_t size, size_t max, char **parts, size_t *lens,
    char **block)
{
	char *b = malloc(size + max + 1);
	size_t n = 0, i, start = 0;

	if (b == NULL)
		abort();
	memcpy(b, data, size);
	b[size] = '\0';
	for (i = 0; i <= size && n < max; i++) {
		if (i < size && (b[i] != '\0' || n + 1 == max))
			continue;
		parts[n] = b + start;
		lens[n] = i - start;
		n++;
		start = i + 1;
	}
	*block = b;
	return n;
}

static char tmpdir[64];

static void
remove_tree(const char *dir)
{
	DIR *d;
	struct dirent *e;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *p;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		p = path_join(dir, e->d_name);
		if (is_dir(p))
			remove_tree(p);
		else
			unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

static void
remove_tmpdir(void)
{
	if (tmpdir[0] != '\0')
		remove_tree(tmpdir);
}

const char *
fuzz_tmpdir(void)
{
	if (tmpdir[0] == '\0') {
		strcpy(tmpdir, "/tmp/shuzhi-fuzz-XXXXXX");
		if (mkdtemp(tmpdir) == NULL)
			abort();
		atexit(remove_tmpdir);
	}
	return tmpdir;
}

const char *
fuzz_write(const char *name, const char *text, size_t len)
{
	static char path[128];
	FILE *f;

	char *slash;

	snprintf(path, sizeof(path), "%s/%s", fuzz_tmpdir(), name);
	if ((slash = strrchr(path, '/')) != NULL && slash > path + strlen(tmpdir)) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	if (text == NULL) {
		unlink(path);
		return path;
	}
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (len > 0 && fwrite(text, 1, len, f) != len)
		abort();
	if (fclose(f) != 0)
		abort();
	return path;
}

const char *
fuzz_root(void)
{
	static char root[4096];
	const char *env = getenv("SHUZHI_ROOT");

	if (root[0] != '\0')
		return root;
	if (env != NULL && *env != '\0')
		snprintf(root, sizeof(root), "%s", env);
	else if (getcwd(root, sizeof(root)) == NULL)
		strcpy(root, ".");
	return root;
}
