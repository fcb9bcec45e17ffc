/* wml.h: reading WordprocessingML (the XML of a .docx) with libxml2: elements and attributes of the w: namespace. */
#ifndef SHUZHI_WML_H
#define SHUZHI_WML_H

#include <stddef.h>

#include <libxml/tree.h>

#define W_NS	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/*
 * Does the XML text declare a document type (<!DOCTYPE ...> or anything
 * else but comments and processing instructions before the root)?  A
 * .docx never needs one; with one come entities, the way to make a small
 * file expand into gigabytes.
 */
int	 wml_has_doctype(const char *text, size_t len);
/*
 * Parse a part of the package: no network, no DTD loaded, no entities
 * substituted, and parsing stops at a document type declaration in any
 * encoding (*doctype set; may be NULL).  NULL when it is not well-formed.
 */
xmlDoc	*wml_read(const char *text, size_t len, int *doctype);
/* x is the element w:name (any w: element when name is NULL). */
int	 wml_is(const xmlNode *x, const char *name);
/* The first child w:name of x, or NULL (also when x is NULL). */
xmlNode	*wml_child(const xmlNode *x, const char *name);
/* The attribute w:name of x copied into out; 0 when absent. */
int	 wml_attr(const xmlNode *x, const char *name, char *out, size_t size);

#endif
