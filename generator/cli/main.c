/* main.c: shuzhi's entry point; dispatches to the sub-commands. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "version.h"
#include "../util/tempfiles.h"
#include "../util/strdist.h"

/* shuzhi help [COMMAND] */
static int
cmd_help(int argc, char **argv)
{
	const struct command_def *c;
	struct settings s;
	int rc;

	if ((rc = options_parse(command_find("help"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	if (s.nargs == 0) {
		commands_overview(stdout);
		return 0;
	}
	if ((c = command_find(s.args[0])) == NULL)
		return -1;	/* said by main() */
	command_usage(c, stdout);
	return 0;
}

/* An unknown command, with the one most likely meant. */
static int
unknown(const char *name)
{
	const char *names[32], *hint;
	const struct command_def *c;
	size_t n = 0;

	for (c = shuzhi_commands; c->name != NULL && n < 32; c++)
		names[n++] = c->name;
	if ((hint = str_suggest(name, names, n)) != NULL)
		fprintf(stderr, "shuzhi: error: 未知的命令“%s”，是不是“%s”？运行 shuzhi help 查看全部命令\n",
		    name, hint);
	else
		fprintf(stderr, "shuzhi: error: 未知的命令“%s”；运行 shuzhi help 查看全部命令\n", name);
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "build", cmd_build },
		{ "check", cmd_check },
		{ "fix", cmd_fix },
		{ "template", cmd_template },
		{ "typeset", cmd_typeset },
		{ "new", cmd_new },
		{ "schema", cmd_schema },
		{ "watch", cmd_watch },
		{ "diff", cmd_diff },
		{ "fonts", cmd_fonts },
		{ "rules", cmd_rules },
		{ "import", cmd_import_exec },
		{ "docx", cmd_docx_exec },
		{ "init", cmd_init },
		{ "help", cmd_help },
	};
	size_t i;
	int rc;

	tempfiles_on_signals();
	if (argc < 2) {
		commands_overview(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		commands_overview(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("shuzhi %s\n", SHUZHI_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			if ((rc = cmds[i].fn(argc - 1, argv + 1)) < 0)
				return unknown(argv[2]);
			return rc;
		}
	return unknown(argv[1]);
}
