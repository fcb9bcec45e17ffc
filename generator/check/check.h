/*
 * check.h: the rule checker.  Rules are YAML files (the .yaml files in rules/) that
 * authors can edit: PCRE2 patterns, wrong -> right substitutions, the
 * shape of the content, consistency and cross-field checks.  Findings go
 * through the one diagnostics sink at the exact line and column inside
 * the content files; substitutions can be applied to the files in place.
 */
#ifndef SHUZHI_CHECK_H
#define SHUZHI_CHECK_H

#include <stdio.h>

#include "../diag/diag.h"
#include "../load/model.h"

struct ruleset;

/* One edit of a content file made by a fixable rule. */
struct fix {
	const char	*file;		/* the content file (as in srcpos) */
	size_t		 start, end;	/* source bytes replaced */
	char		*text;		/* written in the scalar's style */
	char		*old;		/* the value text replaced (for messages) */
	char		*new;		/* the value text put in */
	const char	*rule;		/* rule id */
	struct srcpos	 pos;
	const struct value *v;		/* the scalar edited */
	size_t		 va, vb;	/* value bytes replaced */
};

struct fixes {
	struct fix	*v;
	size_t		 n;
	int		 unfixable;	/* fixable findings that cannot be edited in place */
	size_t		 overlaps;	/* edits left out by fixes_apply: they overlap others */
};

struct check_opts {
	int		 strict;	/* warnings count as errors (--strict) */
	struct fixes	*fixes;		/* when set, fixes are collected here */
};

/*
 * Load every .yaml file of dir, in name order.  Problems in a rule file
 * are errors at its path:line:col; the rules without problems are kept.
 * Returns NULL only when dir cannot be read.
 */
struct ruleset	*rules_load(struct diag *, const char *dir);
/* The same from one file (for tests). */
struct ruleset	*rules_load_file(struct diag *, const char *path);
size_t		 rules_count(const struct ruleset *);
/* Rule i's id, level ("error", "warning", "info"), message and source (or NULL). */
void		 rules_describe(const struct ruleset *, size_t i, const char **id,
		    const char **level, const char **message, const char **source);
void		 rules_free(struct ruleset *);

/*
 * Check a loaded report.  Findings are reported through the sink, sorted
 * by file, line and column.  Returns the number of errors reported.
 */
int		 check_report(struct diag *, const struct ruleset *, const struct report *,
		    const struct check_opts *);

/*
 * Apply fixes to the content files: every file's edits are made at once,
 * the file is reloaded to verify that exactly the intended values changed
 * (edits that would change anything else are dropped), and the file is
 * written atomically (replace_file_atomic: mode, owner and symbolic links
 * kept).  Each change is printed to out; with dry_run a unified diff is
 * printed instead and nothing is written.  Edits that overlap others are
 * left for another round (counted in fixes->overlaps).  Returns the
 * number of edits made (or that would be made), or -1 when a file could
 * not be written.
 */
int		 fixes_apply(struct diag *, const struct report *, struct fixes *,
		    int dry_run, FILE *out);
void		 fixes_free(struct fixes *);

#endif
