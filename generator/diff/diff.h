/*
 * diff.h: the difference between two versions of a report, the diff
 * stage's entry points (its internals are in diffint.h).  Each version
 * is first seen as the reader sees it (numbering, facts put in, prose
 * normalised: a "view"); sections and items are then matched by identity
 * (their id, else the likeness of their titles and text), not by
 * position, so that moves, renames and reordering show as such; texts
 * that changed get a character diff.  The result is written as a redline
 * Markdown (which the typesetter also turns into the redline PDF) and as
 * JSON.
 */
#ifndef SHUZHI_DIFF_H
#define SHUZHI_DIFF_H

#include <stddef.h>

#include "../diag/diag.h"
#include "../load/model.h"
#include "../util/buf.h"

/* The comparison of two reports (opaque). */
struct rdiff;

/* Labels of the two versions, for the outputs. */
struct rdiff_labels {
	const char	*old;
	const char	*new;
};

/* Compare two loaded reports; NULL after reporting errors. */
struct rdiff	*rdiff_build(struct diag *, const struct report *old,
		    const struct report *new);
void		 rdiff_free(struct rdiff *);
/* How many changes: 0 when the two read the same. */
size_t		 rdiff_changes(const struct rdiff *);

/* The summary, as Markdown paragraphs (top of diff.md) or as plain lines. */
void		 rdiff_summary(const struct rdiff *, const struct rdiff_labels *,
		    int markdown, struct buf *);
/* diff.md: the summary, then the new report with the changes marked. */
void		 rdiff_markdown(const struct rdiff *, const struct rdiff_labels *,
		    struct buf *);
/* diff.json. */
void		 rdiff_json(const struct rdiff *, const struct rdiff_labels *, struct buf *);

#endif
