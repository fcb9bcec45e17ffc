/* wml.c: the w: namespace helpers shared by the .docx readers. */
#include <stdio.h>
#include <string.h>

#include "wml.h"

int
wml_is(const xmlNode *x, const char *name)
{
	return x->type == XML_ELEMENT_NODE && x->ns != NULL &&
	    strcmp((const char *)x->ns->href, W_NS) == 0 &&
	    (name == NULL || strcmp((const char *)x->name, name) == 0);
}

xmlNode *
wml_child(const xmlNode *x, const char *name)
{
	xmlNode *c;

	for (c = x ? x->children : NULL; c != NULL; c = c->next)
		if (wml_is(c, name))
			return c;
	return NULL;
}

int
wml_attr(const xmlNode *x, const char *name, char *out, size_t size)
{
	xmlChar *v;

	if (x == NULL || (v = xmlGetNsProp((xmlNode *)x, (const xmlChar *)name,
	    (const xmlChar *)W_NS)) == NULL)
		return 0;
	snprintf(out, size, "%s", (const char *)v);
	xmlFree(v);
	return 1;
}
