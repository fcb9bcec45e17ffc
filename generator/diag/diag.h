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

struct diag_source;
struct diag_kind;

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
 * quiet_warnings work as without it.
 */
typedef void	diag_hook_fn(void *arg, enum diag_level, const struct srcpos *,
		    const struct srcpos *end, const char *rule, const char *message);

struct diag {
	FILE			*out;
	enum diag_format	 format;
	int			 errors;
	int			 warnings;
	int			 quiet_warnings; /* count warnings, print nothing */
	int			 quiet_notes;	/* print no notes (info-level findings) */
	struct diag_source	*sources;	/* texts for the caret lines */
	char			**names;	/* interned file names */
	size_t			 nnames;
	size_t			*slots;		/* open hash of names: index + 1, 0 empty */
	size_t			 nslots;	/* a power of two, or 0 */
	diag_hook_fn		*hook;		/* NULL: print */
	void			*hook_arg;
	struct diag_kind	*kinds;		/* open hash of (file, kind): counts */
	size_t			 nkinds, nkslots;
	int			 show_all;	/* no DIAG_MAX_SHOWN: every report is news */
};

void	 diag_init(struct diag *, FILE *out);
void	 diag_free(struct diag *);
/* Keep a stable copy of a file name for srcpos.file (lives as long as the sink). */
const char *diag_intern(struct diag *, const char *path);
/* Register the text of a file so that reports in it can show the line. */
void	 diag_add_source(struct diag *, const char *path, const char *text, size_t len);
/* The text registered for path (the latest), or NULL. */
const char *diag_source(const struct diag *, const char *path, size_t *len);
/*
 * Move src's names and texts into dst and add its counts (src reported on
 * another thread; its output is the caller's to print).  Positions that
 * point to src's names stay valid.
 */
void	 diag_adopt(struct diag *dst, struct diag *src);
/* Register in dst copies of the texts src has (for a sink used on another thread). */
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
#define	 diag_error(d, pos, ...) diag_report((d), DIAG_ERROR, (pos), NULL, __VA_ARGS__)
#define	 diag_warn(d, pos, ...) diag_report((d), DIAG_WARNING, (pos), NULL, __VA_ARGS__)

#endif
