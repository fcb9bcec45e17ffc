/*
 * mustache.h: a Mustache template engine (the official specification's
 * required modules and ~inheritance; no lambdas).  Data is a value tree;
 * escaping of {{name}} is chosen per output format.
 */
#ifndef SHUZHI_MUSTACHE_H
#define SHUZHI_MUSTACHE_H

#include <stddef.h>

#include "../diag/diag.h"
#include "../load/value.h"
#include "../util/buf.h"

enum mustache_escape {
	ESCAPE_HTML,		/* & < > " as the spec says */
	ESCAPE_MARKDOWN,	/* backslash-escape what CommonMark would read as markup */
	ESCAPE_NONE,
};

struct mustache_opts {
	enum mustache_escape	 escape;
	/* Partials {{>name}} are looked up first in this map (may be NULL)... */
	const struct value	*partials;
	/* ...then as DIR/name.mustache (may be NULL). */
	const char		*partials_dir;
	/*
	 * When set, where byte off of the template text is in its file (a
	 * template that is a value of a YAML file); errors are reported there.
	 */
	void			(*locate)(void *arg, size_t off, struct srcpos *);
	void			*locate_arg;
};

/*
 * Render template text (named path in diagnostics) against data, appending
 * to out.  Returns 0, or -1 after reporting an error at the template's
 * path:line:col (unclosed section, mismatched close, unknown partial,
 * runaway partial recursion...).
 */
int	 mustache_render(struct diag *, const char *path, const char *tpl, size_t len,
	    const struct value *data, const struct mustache_opts *, struct buf *out);

/* Append s escaped for the given output. */
void	 mustache_escape(enum mustache_escape, const char *s, size_t len, struct buf *out);

#endif
