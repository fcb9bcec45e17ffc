/*
 * options.h: every command's options, read one way.  Each command is a
 * row of the table in cmdtable.c: its arguments, what it does, and its
 * options (name, argument, help in Chinese, the settings field it sets).
 * One parser reads any command line into one struct settings; the usage
 * texts, `shuzhi --help` and `shuzhi help COMMAND` are printed from the
 * table, and tests/cli.py checks the manual and README against it.
 *
 * Adding an option: a row in the command's table in cmdtable.c (and a
 * field in struct settings when no existing one fits), then the code that
 * uses the field; document it in shuzhi.1 and README, which the test checks.
 */
#ifndef SHUZHI_OPTIONS_H
#define SHUZHI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#define SETTINGS_MAX_ARGS	16

/* What a command line asks for; fields a command has no option for stay 0. */
struct settings {
	const char	*command;	/* its name */
	const char	*args[SETTINGS_MAX_ARGS];	/* the arguments, in order */
	size_t		 nargs;
	/* files and folders */
	const char	*out;		/* -o */
	const char	*rules;		/* --rules DIR */
	const char	*templates;	/* --templates DIR */
	const char	*style;		/* --style FILE */
	const char	*fonts;		/* --fonts FILE */
	const char	*content;	/* --content DIR (new) */
	const char	*from;		/* --from YEAR|DIR (new) */
	const char	*partials;	/* --partials DIR (template) */
	/* values */
	const char	*format;	/* --format (check, rules) */
	const char	*rev;		/* --rev A..B (diff) */
	const char	*year;		/* --year (import) */
	const char	*unit;		/* --unit (import) */
	const char	*title, *author, *subject;	/* typeset */
	const char	*escape;	/* --escape (template) */
	const char	*missing_partial;	/* --missing-partial (template) */
	const char	*md_path;	/* --md-path (docx, as build runs it) */
	const char	*dump_lines;	/* --dump-lines FILE (typeset) */
	/* switches */
	int		 no_check, strict, timings;	/* build, watch (strict: check, rules) */
	int		 dry_run;	/* fix */
	int		 exit_code, no_pdf;	/* diff */
	int		 keep_text;	/* new */
	int		 reject_changes, accept_changes;	/* import (accepting is the default) */
};

/* One option of a command. */
struct option_def {
	const char	*name;		/* "--rules" or "-o" */
	const char	*alias;		/* another spelling ("-n"), or NULL */
	const char	*arg;		/* what follows it ("DIR"), NULL for a switch */
	const char	*choices;	/* the values allowed ("text|json|sarif"), or NULL */
	const char	*help;		/* what it does, in Chinese (one line) */
	size_t		 offset;	/* of its field (const char * or int) in settings */
	int		 flags;
};
#define OPT_REQUIRED	0x1	/* the command cannot run without it */
#define OPT_HIDDEN	0x2	/* for shuzhi's own use: not in the usage */

/* One command. */
struct command_def {
	const char		*name;
	const char		*args;		/* its arguments, as in the synopsis */
	size_t			 min_args, max_args;
	const char		*summary;	/* one line, for shuzhi --help */
	const char		*about;		/* the usage's description (lines end in \n) */
	const char		*example;	/* a whole command line */
	const struct option_def	*opts;		/* ends with a NULL name */
	const char		*notes;		/* after the options, or NULL */
};

/* Every command, in the order shuzhi --help lists them; ends with a NULL name. */
extern const struct command_def shuzhi_commands[];

const struct command_def *command_find(const char *name);

#define OPTIONS_HELP	(-1)	/* the usage was printed on request: exit 0 */
/*
 * Read argv (argv[0]: the command's name) into s.  Returns 0, OPTIONS_HELP
 * after printing the usage for -h/--help, or EXIT_USAGE after saying what
 * is wrong (with "did you mean" for a mistyped option) and the usage.
 */
int	 options_parse(const struct command_def *, int argc, char **argv, struct settings *s);

/* "用法：…", the description, the options and the notes. */
void	 command_usage(const struct command_def *, FILE *);
/* The whole synopsis on one or more lines, indented by indent. */
void	 command_synopsis(const struct command_def *, int indent, FILE *);
/* shuzhi --help. */
void	 commands_overview(FILE *);

/*
 * The paths a command reads, defaults filled in the same way for every
 * command: templates/, the style in it, fonts/fonts.yaml and rules/ as
 * data_path() finds them.  Strings are new; paths_free() frees them.
 */
struct paths {
	char	*templates, *style, *fonts, *rules;
};
void	 settings_paths(const struct settings *, struct paths *);
void	 paths_free(struct paths *);

#endif
