/*
 * diag.h: the one diagnostics sink.  Every stage reports errors and
 * warnings here; the sink prints them as
 *	path:line:col: error|warning|note: message [rule-id]
 * followed, when the source text is known, by the source line and a caret.
 */
#ifndef SHUZHI_DIAG_H
#define SHUZHI_DIAG_H

#include <stdio.h>

/* A position in a source file: lines and columns 1-based, columns in characters. */
struct srcpos {
	const char	*file;	/* NULL when there is no file */
	int		 line;	/* 0 when unknown */
	int		 col;	/* 0 when unknown */
};

enum diag_level {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE,
};

enum diag_format {
	DIAG_TEXT,	/* path:line:col: level: message [rule] + source line */
	DIAG_BRIEF,	/* the first line only */
};

/* A sink: opaque, made by diag_new() or diag_hold(). */
struct diag;

/*
 * Reports printed per file and kind (a rule, or a message of the same
 * form): the rest are counted, and diag_summarize() says how many there
 * were, as compilers do.  A flood of findings stays readable and fast.
 */
#define DIAG_MAX_SHOWN	50

/*
 * When a sink has a hook, each report is handed to it (message formatted,
 * rule id or NULL; end: just past the text it is about, or NULL) instead
 * of being printed: for --format=json or sarif.  Counting and
 * DIAG_QUIET_WARNINGS work as without it.
 */
typedef void	diag_hook_fn(void *arg, enum diag_level, const struct srcpos *,
		    const struct srcpos *end, const char *rule, const char *message);

/* A sink printing to out (NULL: nowhere); aborts when out of memory, as xalloc does. */
struct diag *diag_new(FILE *out);
/* Summarize (diag_summarize()) and free the sink; NULL is fine. */
void	 diag_free(struct diag *);
/* How many errors and warnings were reported (printed or not). */
int	 diag_errors(const struct diag *);
int	 diag_warnings(const struct diag *);

/* Settings (diag_hold() passes on the flags and format); a flag once set stays set. */
enum diag_flag {
	DIAG_QUIET_WARNINGS = 1,	/* count warnings, print nothing */
	DIAG_QUIET_NOTES = 2,		/* print no notes (info-level findings) */
	DIAG_SHOW_ALL = 4,		/* no DIAG_MAX_SHOWN: every report is news */
};
void	 diag_set_flags(struct diag *, unsigned flags);
void	 diag_set_format(struct diag *, enum diag_format);
void	 diag_set_hook(struct diag *, diag_hook_fn *, void *arg);

/* Keep a stable copy of a file name for srcpos.file (lives as long as the sink). */
const char *diag_intern(struct diag *, const char *path);
/* Register the text of a file so that reports in it can show the line. */
void	 diag_add_source(struct diag *, const char *path, const char *text, size_t len);
/* The text registered for path (the latest), or NULL. */
const char *diag_source(const struct diag *, const char *path, size_t *len);
/* Register in dst copies of the texts src has (for diag_source() in a held sink). */
void	 diag_copy_sources(struct diag *dst, const struct diag *src);
void	 diag_report(struct diag *, enum diag_level, const struct srcpos *,
	    const char *rule, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/*
 * For each file and kind of which more than DIAG_MAX_SHOWN were reported,
 * a note at the first one not printed saying how many were not (then the
 * counts start again).  diag_free() does it for what is left.
 */
void	 diag_summarize(struct diag *);
/* The same about the text from pos up to end (exclusive; NULL: unknown). */
void	 diag_report_span(struct diag *, enum diag_level, const struct srcpos *,
	    const struct srcpos *end, const char *rule, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
/*
 * Pass on as it is what another program printed of its own (its lines
 * are its own, no report of ours); counted as errors errors.
 */
void	 diag_pass(struct diag *, int errors, const char *text);

/*
 * Threads.  A sink is used by one thread at a time and shares nothing
 * with another sink, so the rule is: what reports on a second thread
 * reports into a held sink of its own, and it is merged on the thread of
 * the sink it was held for.
 *
 * diag_hold() (on parent's thread) makes a held sink: it takes parent's
 * settings (format, flags, hook or not) but none of its
 * names or texts (diag_copy_sources() for those, on parent's thread).
 * What is reported into it is counted and kept, not printed.  It is then
 * handed to one thread (thread creation or a mutex orders the hand-over)
 * and used there only.  Once that thread is done with it (joined, or
 * its slot marked done under a mutex), diag_flush() on parent's thread
 * prints what it kept into parent (or hands it to parent's hook), in the
 * order reported, adds its counts and frees it; the caret lines come from
 * parent's texts then (a text the held sink registered for a file parent
 * has none for moves to parent first).  diag_drop() forgets what
 * it kept instead (as if never reported).  Both keep its interned names
 * alive in parent, so positions into them stay valid (diag_drop(NULL, held):
 * when nothing points into them).  NULL held is fine.  The same serves
 * one thread that must print its reports later than another's.  A report
 * into a held sink may name a file interned by parent: interned names are
 * never changed or freed while their sink lives, so reading them is safe.
 */
struct diag *diag_hold(const struct diag *parent);
void	 diag_flush(struct diag *parent, struct diag *held);
void	 diag_drop(struct diag *parent, struct diag *held);

#define	 diag_error(d, pos, ...) diag_report((d), DIAG_ERROR, (pos), NULL, __VA_ARGS__)
#define	 diag_warn(d, pos, ...) diag_report((d), DIAG_WARNING, (pos), NULL, __VA_ARGS__)

#endif
