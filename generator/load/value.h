/*
 * value.h: the data tree read from YAML (or JSON) files.  Every node keeps
 * the position where it starts, so any later stage can point back into the
 * file.  Content files, rule files, style sheets and Mustache data all load
 * into this one tree.
 */
#ifndef SHUZHI_VALUE_H
#define SHUZHI_VALUE_H

#include <stddef.h>

#include "../diag/diag.h"

enum value_kind {
	VALUE_NULL,
	VALUE_BOOL,
	VALUE_NUMBER,
	VALUE_STRING,
	VALUE_LIST,
	VALUE_MAP,
};

/* How a scalar was written in the file (needed to map characters back). */
enum scalar_style {
	STYLE_NONE,	/* not a scalar, or made by the program */
	STYLE_PLAIN,
	STYLE_SINGLE,
	STYLE_DOUBLE,
	STYLE_LITERAL,	/* | */
	STYLE_FOLDED,	/* > */
};

struct value {
	enum value_kind	 kind;
	enum scalar_style style;
	struct srcpos	 pos;	/* where the node starts */
	struct srcpos	 end;	/* just past where it ends (scalars) */
	size_t		 offset; /* byte offset of the node in its file */
	size_t		 end_offset;
	char		*str;	/* scalar text as loaded (all scalar kinds) */
	size_t		 len;
	double		 num;	/* VALUE_NUMBER */
	int		 boolean; /* VALUE_BOOL */
	size_t		 n;	/* list items or map pairs */
	struct value	**items; /* list items or map values */
	char		**keys;	/* map keys (NUL-terminated) */
	struct srcpos	*keypos; /* map key positions */
	int		 built;	/* made by the program: owns its keys */
};

struct value_doc;

/* Limits that keep hostile files from costing unbounded time or memory. */
#define VALUE_MAX_FILE	(16u * 1024 * 1024)	/* bytes per file */
#define VALUE_MAX_DEPTH	256			/* nesting */
#define VALUE_MAX_NODES	1000000			/* nodes incl. alias expansions */

/*
 * Load a YAML or JSON file.  Errors go to the sink with the file's
 * position; returns NULL on error.  The tree lives until value_doc_free().
 */
struct value_doc *value_load_file(struct diag *, const char *path);
/* The same for a file that must lie within a folder (files/fsio.h: open_regular). */
struct value_doc *value_load_file_within(struct diag *, const char *within, const char *path);
/* The same from text in memory; path names it in diagnostics. */
struct value_doc *value_load_text(struct diag *, const char *path,
	    const char *text, size_t len);
void		 value_doc_free(struct value_doc *);
const struct value *value_doc_root(const struct value_doc *);
/* The text the document was loaded from (after BOM removal). */
const char	*value_doc_text(const struct value_doc *, size_t *len);
/* The same with its lines, as yamlerr.h reads them. */
struct yaml_text;
void		 value_doc_yaml_text(const struct value_doc *, struct yaml_text *);

/*
 * Building trees in the program (Mustache contexts): nodes belong to the
 * document and are freed with it.  Strings are copied.
 */
struct value_doc *value_doc_new(void);
struct value	*value_new(struct value_doc *, enum value_kind);
struct value	*value_new_string(struct value_doc *, const char *, size_t);
struct value	*value_new_bool(struct value_doc *, int);
/* Append to a list; set a key of a map (the key is copied). */
void		 value_push(struct value *list, struct value *item);
void		 value_set(struct value_doc *, struct value *map, const char *key,
		    struct value *item);
/* Shorthands: set key to a new string / bool; returns the new node. */
struct value	*value_set_string(struct value_doc *, struct value *map,
		    const char *key, const char *s);
void		 value_doc_set_root(struct value_doc *, struct value *);

/* Map lookup; NULL when absent or v is not a map. */
const struct value *value_get(const struct value *v, const char *key);
/* Position of a key in a map, or of the map itself when absent. */
const struct srcpos *value_keypos(const struct value *v, const char *key);
/* "true"-ness of a scalar (for settings). */
int		 value_truthy(const struct value *);
const char	*value_kind_name(enum value_kind);

#endif
