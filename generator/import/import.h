/*
 * import.h: turning an existing report (plain text or .docx) into content
 * YAML, the import stage's entry point (its internals are in
 * importint.h): import_file reads the file, finds its structure and gives
 * the content folder's files as texts, with the figures of what it found;
 * the caller writes them and says what was found.
 */
#ifndef SHUZHI_IMPORT_H
#define SHUZHI_IMPORT_H

#include <stddef.h>

#include "../diag/diag.h"
#include "../util/buf.h"

struct import_opts {
	const char	*unit;	/* --unit, or NULL */
	const char	*year;	/* --year, or NULL */
	int		 reject; /* .docx: tracked changes rejected (else accepted) */
};

/* A file of the content folder, as text. */
struct ifile {
	char		*name;
	struct buf	 text;
};

/* What was imported: the files, and what was found, for the summary. */
struct import_result {
	struct ifile	*files;		/* report.yaml first */
	size_t		 nfiles;
	int		 title_derived;	/* title left out: shuzhi generates it */
	int		 title_same;	/* ...and it is the one in the source */
	size_t		 nsections;
	int		 nsubs;		/* subheadings, at every level */
	int		 nitems;
	int		 nleads;	/* items whose lead was found */
	size_t		 nopening, nclosing;	/* paragraphs */
	int		 appendix, signature, date;	/* found (1) or not (0) */
	size_t		 nattachments;
	int		 nrewrites;	/* numbering, colons and dates normalised */
	int		 nplain;	/* paragraphs left plain with a warning */
	int		 nrevisions;	/* .docx: tracked changes, each noted */
	int		 ncomments;	/* .docx: comments, each noted */
};

/* import_file's answer when path is no regular file it could open. */
#define IMPORT_UNREADABLE	(-2)

/*
 * Import the report at path: 0 with res filled in (free it with
 * import_result_free), IMPORT_UNREADABLE, or -1 after reporting why
 * there is nothing to import.
 */
int	 import_file(struct diag *, const char *path, const struct import_opts *,
	    struct import_result *res);
void	 import_result_free(struct import_result *);

#endif
