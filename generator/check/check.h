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

struct buf;
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
	size_t		 finding;	/* the finding it belongs to (inside the check) */
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
	const char	*only;		/* when set, only the rule with this id runs */
	int		 text_only;	/* only the rules that read text alone run */
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
/* A rule's message as a list of rules shows it: each %s slot (filled per finding) as "…". */
void		 rules_message_shown(const char *message, struct buf *out);
void		 rules_free(struct ruleset *);
/* Does name stand for the rule with this id: the id itself, or a prefix of it up to a dot (de, term.)? */
int		 rule_named(const char *name, const char *id);

/*
 * Check a loaded report.  Findings are reported through the sink, sorted
 * by file, line and column, one for each mistake: where findings of
 * several rules start at the same character, the most severe stands for
 * them (and only its edits are collected).  The rules the report's
 * `disable:` names do not run.  Returns the number of errors reported.
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

/* One finding in a text checked on its own. */
struct sample_finding {
	const char	*rule;		/* the rule's id (lives with the rule set) */
	enum diag_level	 level;
	size_t		 at;		/* byte offset in the text */
	char		*msg;
};

struct sample {
	struct sample_finding *v;
	size_t		 n;
	char		*fixed;		/* the text with every edit made */
};

/*
 * Check one text on its own, as if it were the only text of a report, in
 * the field scope names (a scope name as in rule files, e.g. "item.lead";
 * NULL: a body paragraph), with the rules that read text alone (only the
 * rule named only when it is not NULL).  Returns 0, or -1 when scope is
 * unknown or the text cannot be put in a YAML scalar.
 */
int		 check_sample(const struct ruleset *, const char *text, const char *scope,
		    const char *only, struct sample *);
void		 sample_free(struct sample *);

/*
 * Run the examples written beside the rules: each `match` example must be
 * reported by its rule (and come out as its `fix` when given), each `ok`
 * example must not.  Failures are errors at the example; text rules
 * without examples are warnings (errors, and failures, when strict).
 * *tested is the number of examples run.  Returns the number of failures.
 */
int		 rules_test_examples(struct diag *, const struct ruleset *, int strict,
		    size_t *tested);

#endif
