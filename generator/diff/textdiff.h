/*
 * textdiff.h: the character diff of two texts, for Chinese prose.  Texts
 * are cut into tokens (one CJK character, a digit run, a Latin word, one
 * punctuation mark, a run of blanks; combining marks stay with their
 * base), diffed with Myers' O(ND) algorithm, and cleaned up so that the
 * result reads as phrases rather than scattered characters.
 */
#ifndef SHUZHI_TEXTDIFF_H
#define SHUZHI_TEXTDIFF_H

#include <stddef.h>
#include <stdint.h>

enum td_op {
	TD_EQ,
	TD_DEL,		/* only in the old text */
	TD_INS,		/* only in the new text */
};

/* One piece of the diff; the text lives in the tdiff's storage. */
struct td_piece {
	enum td_op	 op;
	const char	*s;
	size_t		 len;
};

struct tdiff {
	struct td_piece	*p;
	size_t		 n;
	char		*store;	/* the pieces' bytes, one after the other */
};

/*
 * Diff a against b into d (pieces in reading order; a deletion comes
 * before the insertion that replaces it).  Equal texts give one TD_EQ
 * piece, or none when both are empty.
 */
void	 textdiff(const char *a, size_t alen, const char *b, size_t blen,
	    struct tdiff *d);
void	 tdiff_free(struct tdiff *);
/* 1 when the diff has a deletion or an insertion. */
int	 tdiff_changed(const struct tdiff *);

/* --- The pieces the character diff is made of. --------------------------- */

enum tok_class {
	TOK_CHAR,	/* a Han character, kana, a symbol: one each */
	TOK_DIGITS,	/* 120, 3.5, 1,200 */
	TOK_WORD,	/* a Latin (Greek, Cyrillic) word, letters and digits */
	TOK_SPACE,	/* a run of blanks */
	TOK_STOP,	/* 。！？； and their ASCII forms: ends a sentence */
	TOK_PAUSE,	/* ，、：and , : */
	TOK_OPEN,	/* “（《【 ( [ */
	TOK_CLOSE,	/* ”）》】 ) ] */
	TOK_PUNCT,	/* other punctuation */
};

struct token {
	const char	*s;
	size_t		 len;
	enum tok_class	 cls;
};

/* Cut s into tokens; returns their number, *toks malloc'd. */
size_t	 tokenize(const char *s, size_t len, struct token **toks);

/*
 * Myers' diff of two sequences of integers, as runs: each edit covers
 * n elements of a (TD_EQ, TD_DEL) and/or of b (TD_EQ, TD_INS).
 */
struct edit {
	enum td_op	 op;
	size_t		 n;
};
size_t	 seq_diff(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
	    struct edit **edits);

/*
 * The clean-up works on lists of token ids (small integers naming
 * distinct token texts), with the class of each id at hand.
 */
struct seg {
	enum td_op	 op;
	uint32_t	*ids;
	size_t		 n;
	size_t		 cap;
};
struct seglist {
	struct seg	*v;
	size_t		 n;
	size_t		 cap;
	const struct token *tok;	/* tok[id]: a token with that text */
};
void	 seg_cleanup_merge(struct seglist *);
void	 seg_cleanup_semantic(struct seglist *);
void	 seg_cleanup_lossless(struct seglist *);
/* Helpers shared by the clean-up passes. */
void	 seg_insert(struct seglist *, size_t at, enum td_op, const uint32_t *, size_t);
void	 seg_remove(struct seglist *, size_t at);
void	 seg_append(struct seg *, const uint32_t *, size_t);
void	 seg_prepend(struct seg *, const uint32_t *, size_t);
void	 seg_cut_front(struct seg *, size_t);
void	 seglist_free(struct seglist *);

#endif
