/*
 * commands.h: the sub-commands of shuzhi.  Each takes the arguments after
 * its name and returns the process exit code:
 *	0 success, 1 errors in the content (or template, rules...),
 *	2 usage or environment errors (bad option, unreadable file, no font).
 */
#ifndef SHUZHI_COMMANDS_H
#define SHUZHI_COMMANDS_H

#define EXIT_CONTENT	1
#define EXIT_USAGE	2

int	cmd_build(int argc, char **argv);
/* The build of settings read by options_parse() (watch runs it for each change). */
struct settings;
int	build_run(const struct settings *);
int	cmd_check(int argc, char **argv);
int	cmd_fix(int argc, char **argv);
int	cmd_template(int argc, char **argv);
int	cmd_typeset(int argc, char **argv);
int	cmd_new(int argc, char **argv);
int	cmd_schema(int argc, char **argv);
int	cmd_watch(int argc, char **argv);
int	cmd_diff(int argc, char **argv);
/* In shuzhi-import (main_import.c), which shuzhi runs for `import`. */
int	cmd_import(int argc, char **argv);
/* In shuzhi-docx (main_docx.c), which shuzhi runs for `docx` and `build`. */
int	cmd_docx(int argc, char **argv);
int	cmd_fonts(int argc, char **argv);
int	cmd_init(int argc, char **argv);
int	cmd_rules(int argc, char **argv);

/*
 * usage.c: "shuzhi: error: " and fmt (with arg) on stderr, then the
 * command's usage (from the table of options.h); returns EXIT_USAGE.
 */
int	usage_error(const char *command, const char *fmt, const char *arg);

/* helper.c: run shuzhi-import and shuzhi-docx (found beside shuzhi, or installed). */
int	cmd_import_exec(int argc, char **argv);
int	cmd_docx_exec(int argc, char **argv);

#endif
