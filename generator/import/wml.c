/* wml.c: the w: namespace helpers and the guarded XML reader shared by the .docx readers. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "wml.h"

int
wml_has_doctype(const char *text, size_t len)
{
	const char *p = text, *end = text + len, *q;
	size_t skip;

	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		if (end - p >= 2 && memcmp(p, "<?", 2) == 0) {
			q = memmem(p + 2, (size_t)(end - p - 2), "?>", 2);
			skip = 2;
		} else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			q = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
			skip = 3;
		} else
			/* "<!" here can only be a DOCTYPE (or not XML at all) */
			return end - p >= 2 && memcmp(p, "<!", 2) == 0;
		if (q == NULL)
			return 0;	/* not well-formed: the parser says so */
		p = q + skip;
	}
}

/* SAX: a DOCTYPE begins; stop before its declarations are read. */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr c = ctx;

	(void)name;
	(void)ext;
	(void)sys;
	*(int *)c->_private = 1;
	xmlStopParser(c);
}

xmlDoc *
wml_read(const char *text, size_t len, int *doctype)
{
	xmlParserCtxtPtr c;
	xmlDoc *doc;
	int seen = 0;

	if (doctype != NULL)
		*doctype = 0;
	if (len > INT_MAX || (c = xmlCreateMemoryParserCtxt(text, (int)len)) == NULL)
		return NULL;
	/* No XML_PARSE_NOENT, DTDLOAD or XINCLUDE: nothing is fetched or expanded. */
	xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	c->sax->internalSubset = on_doctype;
	c->_private = &seen;
	(void)xmlParseDocument(c);
	doc = c->myDoc;
	c->myDoc = NULL;
	if (seen || !c->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(c);
	if (doctype != NULL)
		*doctype = seen;
	return doc;
}

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
