/*
 * xmlout.h: writing one XML part of the package with libxml2's xmlwriter.
 * Errors are remembered and reported once, when the part is closed.
 */
#ifndef SHUZHI_XMLOUT_H
#define SHUZHI_XMLOUT_H

#include <stddef.h>

#include <libxml/xmlwriter.h>

#include "../util/buf.h"

struct xw {
	xmlBufferPtr		 buf;
	xmlTextWriterPtr	 w;
	int			 err;
};

/* Start a part whose root element is root (with its xmlns attributes as name, value pairs, NULL-ended). */
void	 xw_open(struct xw *, const char *root, ...);
void	 xw_start(struct xw *, const char *name);
void	 xw_attr(struct xw *, const char *name, const char *value);
void	 xw_attr_int(struct xw *, const char *name, long value);
void	 xw_end(struct xw *);
/* An empty element with attributes (name, value pairs, NULL-ended). */
void	 xw_empty(struct xw *, const char *name, ...);
/* <name w:val="value"/> */
void	 xw_val(struct xw *, const char *name, const char *value);
void	 xw_val_int(struct xw *, const char *name, long value);
/* An element holding text (escaped). */
void	 xw_text_elem(struct xw *, const char *name, const char *text);
/* Text content, escaped; characters XML 1.0 cannot hold must not be in it. */
void	 xw_text(struct xw *, const char *s, size_t len);
/* End the part and move it to out; -1 when something failed. */
int	 xw_close(struct xw *, struct buf *out);

#endif
