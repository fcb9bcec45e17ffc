/* usage.c: a usage error said the same way by every command. */
#include <stdio.h>

#include "commands.h"
#include "options.h"

int
usage_error(const char *command, const char *fmt, const char *arg)
{
	fputs("shuzhi: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	command_usage(command_find(command), stderr);
	return EXIT_USAGE;
}
