/* usage.c: a usage error said the same way by every command. */
#include <stdio.h>

#include "commands.h"

int
usage_error(const char *usage, const char *fmt, const char *arg)
{
	fputs("shuzhi: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(usage, stderr);
	return EXIT_USAGE;
}
