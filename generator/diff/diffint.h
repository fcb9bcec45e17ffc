/*
 * diffint.h: the diff stage's internals, shared by the files of diff/ and
 * by no one else (the entry points are in diff.h): the views of the two
 * versions, the comparison's result, and the steps that build them.
 */
#ifndef SHUZHI_DIFFINT_H
#define SHUZHI_DIFFINT_H

#include <stddef.h>
#include <stdint.h>

#include "diff.h"
#include "textdiff.h"

#define DV_NONE	((size_t)-1)

/* What happened to a section or an item (flags, on the new version's side). */
#define DF_MOVED	0x01	/* now under another section (or parent) */
#define DF_REORDERED	0x02	/* same section, another place among the others */
#define DF_TEXT		0x04	/* its lead, body or title changed */
#define DF_FACTS	0x08	/* one of its facts changed */
#define DF_PARAS	0x10	/* a section's own paragraphs changed */

/* A list of paragraphs compared: the pairs in reading order. */
struct pdiff {
	size_t		 old;	/* index in the old list, or DV_NONE: added */
	size_t		 new;	/* index in the new list, or DV_NONE: removed */
	struct tdiff	 d;	/* when both: the character diff */
};
struct plist {
	struct pdiff	*v;
	size_t		 n;
	size_t		 changed;	/* entries added, removed or changed */
};

struct dv_item {
	const char	*id;		/* NULL when the item has none */
	char		*lead;		/* the bold lead as printed */
	const char	*body;		/* the text after it, facts put in */
	const char	**more;		/* further paragraphs of the body */
	size_t		 nmore;
	const struct value *facts;	/* the item's facts, or NULL */
	size_t		 sec;		/* its section */
	size_t		 pos;		/* place in the section, from 0 */
	size_t		 match;		/* the other version's item, or DV_NONE */
	/* Filled in on the new version's side: */
	unsigned	 flags;
	struct tdiff	 dlead, dbody;	/* when DF_TEXT */
	struct plist	 dmore;
};

struct dv_sec {
	const char	*id;
	const char	*number;	/* 一、 （一） 1. （1） */
	char		*title;
	const char	*run_in;	/* text run on after the title, or NULL */
	int		 level;		/* 1..4 */
	size_t		 parent;	/* DV_NONE at the top */
	size_t		 pos;		/* place among its siblings, from 0 */
	const char	**paras;
	size_t		 nparas;
	size_t		*items;		/* its items, in order */
	size_t		 nitems;
	size_t		*subs;		/* its subsections, in order */
	size_t		 nsubs;
	size_t		 match;
	unsigned	 flags;
	struct tdiff	 dtitle, drunin;
	struct plist	 dparas;
};

/* The report as read: everything points into ctx or into the model. */
struct dview {
	struct value_doc *ctx;		/* the template context (owned) */
	const char	*title, *subtitle, *byline, *addressee, *signature, *date;
	const char	**opening, **closing, **appendix;
	size_t		 nopening, nclosing, nappendix;
	const char	**attachments;	/* each attachment's label, title, paragraphs */
	size_t		 nattachments;
	struct dv_sec	*secs;		/* every section, in reading order */
	size_t		 nsecs;
	size_t		*top;		/* the top sections, in order */
	size_t		 ntop;
	struct dv_item	*items;		/* every item, in reading order */
	size_t		 nitems;
};

/* A fact of a kept item whose value changed (or that came or went). */
struct fact_change {
	size_t		 item;		/* the item, new side */
	const char	*name;
	const char	*old;		/* NULL: the fact is new */
	const char	*new;		/* NULL: the fact is gone */
};

/* A one-line field of the report header or footer. */
enum field_id {
	FLD_TITLE,
	FLD_SUBTITLE,
	FLD_BYLINE,
	FLD_ADDRESSEE,
	FLD_SIGNATURE,
	FLD_DATE,
	FLD_COUNT
};

/* Counts per new section (or per removed old section). */
struct sec_counts {
	size_t		 added, removed, moved, changed;
};

struct rdiff {
	struct dview	*old, *new;
	struct tdiff	 field[FLD_COUNT];
	int		 field_changed[FLD_COUNT];
	struct plist	 opening, closing, appendix, attachments;
	struct fact_change *facts;
	size_t		 nfacts;
	struct sec_counts *cnew;	/* per new section */
	struct sec_counts *cold;	/* per old section (removed ones) */
	struct sec_counts total;
	size_t		 secs_added, secs_removed, secs_moved, secs_renamed;
	size_t		 paras_changed;	/* opening, closing, sections' paragraphs */
	size_t		 changes;	/* everything together: 0 when identical */
};

/* --- The steps (view.c, match.c, order.c, paras.c, compare.c). --------- */

/* The view of a loaded report; NULL after reporting errors. */
struct dview	*dview_build(struct diag *, const struct report *);
void		 dview_free(struct dview *);

/*
 * Likeness of two texts, 0..1: the Dice coefficient of their pairs of
 * adjacent characters (letters and digits; blanks and punctuation left
 * out), or of single characters for texts too short to have pairs.
 */
struct grams {
	uint64_t	*v;	/* sorted */
	size_t		 n;
};
void		 grams_of(const char *, size_t, struct grams *);
double		 grams_dice(const struct grams *, const struct grams *);
void		 grams_free(struct grams *);
double		 text_likeness(const char *, size_t, const char *, size_t);

/* Match items and sections of the two views (sets the match fields). */
void		 match_views(struct dview *old, struct dview *new);

/*
 * Mark the elements of seq (indices of new-side things whose old partners
 * have the positions oldpos[]) that are out of order: all but a longest
 * increasing run.  out[i] is set to 1 for those.
 */
void		 mark_out_of_order(const size_t *oldpos, size_t n, int *out);

/* Compare two lists of paragraphs. */
void		 plist_diff(const char *const *old, size_t nold, const char *const *new,
		    size_t nnew, struct plist *);
void		 plist_free(struct plist *);

/* Names used in the outputs: "二、夯实基础…" and "二是". */
void		 sec_name(const struct dview *, size_t sec, struct buf *);
void		 item_ordinal(const struct dview *, size_t item, struct buf *);
/* An item's lead in quotes, cut short when long. */
void		 item_label(const struct dview *, size_t item, struct buf *);

#endif
