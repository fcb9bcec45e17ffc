/*
 * rule.h: the checker's insides, shared by its files: loaded rules, the
 * texts of a report as the reader will see them, and the running check.
 */
#ifndef SHUZHI_RULE_H
#define SHUZHI_RULE_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "check.h"
#include "../load/scalar_map.h"
#include "../util/buf.h"

enum rule_kind {
	KIND_PATTERN,		/* a pattern that must not match */
	KIND_SUBSTITUTION,	/* wrong -> right, fixable */
	KIND_REQUIRED,		/* a field that must be there */
	KIND_TYPE,		/* the type (and keys) of a field */
	KIND_COUNT,		/* how many entries a list field has */
	KIND_LENGTH,		/* how many characters a text has */
	KIND_CONSISTENCY,	/* one way of writing a thing throughout */
	KIND_CROSS,		/* a value against another field */
	KIND_TERMS,		/* literal wrong -> right terms, run as substitutions */
};

enum rule_level {
	LEVEL_ERROR,
	LEVEL_WARNING,
	LEVEL_INFO,
};

/* The text fields of a report, one bit each: a rule's scope is a set of them. */
enum {
	F_UNIT		= 1u << 0,
	F_YEAR		= 1u << 1,
	F_TOPIC		= 1u << 2,
	F_TITLE		= 1u << 3,
	F_ADDRESSEE	= 1u << 4,
	F_SIGNATURE	= 1u << 5,
	F_DATE		= 1u << 6,
	F_OPENING	= 1u << 7,
	F_CLOSING	= 1u << 8,
	F_SEC_TITLE	= 1u << 9,
	F_SEC_PARAS	= 1u << 10,
	F_ITEM_LEAD	= 1u << 11,
	F_ITEM_BODY	= 1u << 12,
	F_ITEM_FACTS	= 1u << 13,
	F_SUBTITLE	= 1u << 14,
	F_BYLINE	= 1u << 15,
	F_APPENDIX	= 1u << 16,
	F_SEC_RUN_IN	= 1u << 17,	/* the text after a run-in title */
	F_RUN_IN_TITLE	= 1u << 18,	/* a title that run_in text follows */
	F_ATT_TITLE	= 1u << 19,
	F_ATT_PARAS	= 1u << 20,
};
#define F_ALL		((1u << 21) - 1)
/* Every section title, standing alone or run in. */
#define F_SEC_TITLES	(F_SEC_TITLE | F_RUN_IN_TITLE)

/* Parts of the content that required and count rules name (field:). */
enum target {
	T_SECTIONS, T_OPENING, T_CLOSING, T_TOPIC, T_TITLE, T_ADDRESSEE,
	T_SIGNATURE, T_DATE, T_SEC_ID, T_SEC_PARAS, T_SEC_ITEMS, T_SEC_SUBS,
	T_ITEM_ID, T_ITEM_BODY, T_ITEM_FACTS,
};

/* Types a type rule can ask for. */
enum vtype { VT_TEXT, VT_NUMBER, VT_LIST, VT_MAP, VT_YEAR, VT_DATE };

struct regex {
	pcre2_code	*code;
	char		*src;		/* the pattern as written */
	size_t		 srclen;
	uint32_t	*need;		/* characters every match needs (prefilter.c) */
	size_t		 nneed;
	int		 jit_tried;	/* JIT compiling is done once it pays (regex.c) */
	int		 jit;		/* JIT-compiled */
	size_t		 scanned;	/* bytes matched by the interpreter so far */
	uint32_t	 groups;	/* capture groups */
	int		 broken;	/* a deferred pattern that did not compile */
	struct srcpos	 pos;		/* where the pattern is written */
};

struct swap {
	struct regex	 re;
	char		*to;		/* the right form; $1.. name groups */
	char		*message;	/* NULL: the rule's */
};

struct exception {
	struct regex	 re;
	unsigned	 scope;
};

/* A text written beside a rule that the rule must (match) or must not report. */
struct example {
	char		*text;
	char		*fix;		/* match: the text after the rule's fixes; NULL: any finding */
	int		 match;
	struct srcpos	 pos;
};

struct rule {
	char		*id;
	enum rule_kind	 kind;
	enum rule_level	 level;
	char		*message;
	char		*source;
	unsigned	 scope;
	struct srcpos	 pos;		/* the rule's entry */
	struct regex	*res;		/* pattern(s), consistency variants, cross-field */
	size_t		 nres;
	struct swap	*swaps;
	size_t		 nswaps;
	struct exception *exc;
	size_t		 nexc;
	enum target	 target;	/* required, count */
	enum vtype	 type;		/* type */
	char		**keys;		/* type: allowed keys of a map */
	size_t		 nkeys;
	long		 min, max;	/* count, length, cross-field */
	int		 has_min, has_max;
	char		*against;	/* cross-field: year, date.year, unit... */
	struct example	*examples;
	size_t		 nexamples;
	int		 failed;	/* a match hit PCRE2's limits (reported once) */
};

struct ruleset {
	struct rule	*rules;
	size_t		 n;
	uint32_t	 max_groups;
};

/* A report text as the reader will see it (whitespace as the renderer lays it out). */
struct ctext {
	const struct value	*v;
	unsigned		 scope;		/* one F_ bit */
	const struct value_doc	*doc;
	int			 fileno;	/* order of its file in the report */
	char			*norm;
	size_t			 nlen;
	size_t			*nstart;	/* value bytes of each norm byte; NULL: the same */
	size_t			*nend;
	size_t			*tags;		/* {{...}} spans in norm, start/end pairs */
	size_t			 ntags;
	struct scalar_map	*map;		/* made on first use */
};

/*
 * How far excepted() has gone through one exception's matches in a text:
 * a rule's matches come in order, so each exception is scanned once.
 */
struct exc_cursor {
	size_t		 at;		/* where regex_next goes on */
	size_t		 next0, next1;	/* the next match, not yet passed */
	size_t		 reach;		/* the furthest end of the matches passed */
	int		 passed;	/* some match was passed */
	int		 more;		/* next0, next1 hold a match */
};

struct finding {
	enum diag_level	 level;
	struct srcpos	 pos;
	struct srcpos	 end;		/* just past the text it is about; line 0: unknown */
	const char	*rule;
	char		*msg;
	int		 fileno;
	size_t		 seq;
	int		 fixable;	/* it has edits (substitutions) */
	int		 dropped;	/* another finding stands for the same mistake */
	size_t		 text;		/* the text matched (index in texts), or (size_t)-1 */
	size_t		 ms, me;	/* the match in its norm */
};

/* The characters and pairs of adjacent characters present in the report. */
struct presence {
	uint64_t	*keys;
	size_t		 cap, n;
	unsigned	 shift;		/* 64 - log2(cap) */
};

/* Bytes after a subject that PCRE2's JIT may read (it reads 16-byte words). */
#define SCAN_PAD	64

/* The texts of one scope joined by line feeds, to scan them in one go. */
struct joined {
	unsigned	 scope;
	char		*buf;
	size_t		 len;
	size_t		*start;		/* where each text starts, n + 1 */
	size_t		*text;		/* its index in texts */
	size_t		 n;
};

struct checkctx {
	struct diag		*diag;
	const struct ruleset	*rs;
	const struct report	*r;
	const struct check_opts	*opts;
	struct ctext		*texts;
	size_t			 ntexts;
	struct finding		*found;
	size_t			 nfound;
	pcre2_match_data	*md;		/* for the rule's own patterns */
	pcre2_match_data	*md2;		/* for exceptions, while md is in use */
	pcre2_match_context	*mctx;
	pcre2_jit_stack		*jstack;
	int			 no_jit;	/* SHUZHI_NO_JIT is set */
	PCRE2_SIZE		*loc;		/* an ovector made text-relative */
	struct joined		*joins;
	size_t			 njoins;
	struct presence		 pres;
	const char		*last_file;	/* ctx_file_index()'s last answer */
	int			 last_fileno;
	struct exc_cursor	*exc;		/* one per exception of exc_rule */
	size_t			 nexc;
	const struct rule	*exc_rule;	/* whose exceptions, in exc_text, from exc_a */
	const struct ctext	*exc_text;
	size_t			 exc_a;
};

/* fields.c */
int	 scope_lookup(const char *name, unsigned *bits);
extern const char *const scope_names[];
extern const size_t nscope_names;
int	 target_lookup(const char *name, enum target *, int *countable, int *requirable);
extern const char *const target_names[];
extern const size_t ntarget_names;
void	 texts_collect(struct checkctx *);
void	 texts_free(struct checkctx *);
/* Value bytes of norm bytes [a, b) of a text. */
void	 text_value_range(const struct ctext *, size_t a, size_t b, size_t *va, size_t *vb);
/* Source position of norm byte a. */
void	 text_pos(struct ctext *, size_t a, struct srcpos *);
/* Source position just past norm bytes [a, b) (b > a), or of a when a == b. */
void	 text_end_pos(struct ctext *, size_t a, size_t b, struct srcpos *);
struct scalar_map *text_map(struct ctext *);
/* Does norm [a, b) touch a {{tag}}? */
int	 text_in_tag(const struct ctext *, size_t a, size_t b);
int	 file_index(const struct report *, const char *file);
/* The same, remembering the last file asked about. */
int	 ctx_file_index(struct checkctx *, const char *file);
/* A srcpos for report.yaml itself. */
void	 report_pos(const struct report *, struct srcpos *);

/* regex.c */
int	 regex_compile(struct diag *, const struct value_doc *, const struct value *,
	    struct regex *);
int	 regex_compile_text(const char *pat, size_t len, struct regex *, int *err,
	    size_t *erroff);
/*
 * Keep a pattern made by the program (a literal term: it always compiles)
 * to be compiled on its first use, which the prefilter makes rare.
 */
int	 regex_defer(const char *pat, size_t len, uint32_t groups, struct regex *);
void	 regex_free(struct regex *);
/*
 * Find the next match of re in s[0..len) at or after *at; returns 1 with
 * the match in ov (as PCRE2's ovector, groups + 1 pairs), 0 when there is
 * none, -1 when PCRE2 gave up (a limit).  *at moves past the match.
 */
int	 regex_next(struct checkctx *, pcre2_match_data *, const struct regex *,
	    const char *s, size_t len, size_t *at, PCRE2_SIZE **ov);
/* Expand $1, ${1}, $$ and $0 in tmpl from a match of subject. */
void	 expand_groups(const char *tmpl, const char *subject, const PCRE2_SIZE *ov,
	    uint32_t ngroups, struct buf *);
/* Fill %s in msg with args in order; %% is a percent sign. */
void	 format_message(const char *msg, const char *const *args, size_t nargs, struct buf *);

/* run.c: finding_add returns the finding's number (for its fixes) */
size_t	 finding_add(struct checkctx *, const struct rule *, const struct srcpos *,
	    const char *msg, int fixable);
/* The same about the text up to end. */
size_t	 finding_add_span(struct checkctx *, const struct rule *, const struct srcpos *,
	    const struct srcpos *end, const char *msg, int fixable);
/* The text and match a finding was made from (for one finding per mistake). */
void	 finding_span(struct checkctx *, size_t seq, const struct ctext *, size_t ms, size_t me);
/* Does a rule run on this report (not disabled, not left out by the options)? */
int	 rule_runs(const struct checkctx *, const struct rule *);
/* Matches of the rule's exceptions (scoped to t) contain norm [a, b)? */
int	 excepted(struct checkctx *, const struct rule *, struct ctext *, size_t a, size_t b);

/* prefilter.c */
void	 regex_literals(struct regex *);
void	 presence_build(struct presence *, const struct ctext *, size_t);
void	 presence_free(struct presence *);
int	 regex_possible(const struct regex *, const struct presence *);

/* scan.c: call fn for every match of re in the texts of scope (ov relative to t). */
typedef void	match_fn(struct checkctx *, const struct rule *, struct ctext *t,
		    const PCRE2_SIZE *ov, void *arg);
int	 scan_texts(struct checkctx *, const struct regex *, unsigned scope, match_fn *,
	    const struct rule *, void *arg);
void	 joins_free(struct checkctx *);

/* text.c, shape.c, consist.c */
void	 run_text_rule(struct checkctx *, const struct rule *);
void	 run_shape_rule(struct checkctx *, const struct rule *);
void	 run_consistency_rule(struct checkctx *, const struct rule *);
void	 run_cross_rule(struct checkctx *, const struct rule *);

/* fix.c */
void	 fix_add(struct checkctx *, struct ctext *, size_t na, size_t nb,
	    const char *rep, size_t replen, const struct rule *, const struct srcpos *,
	    size_t finding);

#endif
