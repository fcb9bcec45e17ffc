/* xmlout.c: one XML part written with libxml2's xmlwriter into memory. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xmlout.h"

#define X(s)	((const xmlChar *)(s))

static void
check(struct xw *x, int rc)
{
	if (rc < 0)
		x->err = 1;
}

void
xw_open(struct xw *x, const char *root, ...)
{
	va_list ap;
	const char *name, *value;

	memset(x, 0, sizeof(*x));
	if ((x->buf = xmlBufferCreate()) == NULL ||
	    (x->w = xmlNewTextWriterMemory(x->buf, 0)) == NULL) {
		x->err = 1;
		return;
	}
	check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", "yes"));
	xw_start(x, root);
	va_start(ap, root);
	while ((name = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		xw_attr(x, name, value);
	}
	va_end(ap);
}

void
xw_start(struct xw *x, const char *name)
{
	if (x->w != NULL)
		check(x, xmlTextWriterStartElement(x->w, X(name)));
}

void
xw_attr(struct xw *x, const char *name, const char *value)
{
	if (x->w != NULL)
		check(x, xmlTextWriterWriteAttribute(x->w, X(name), X(value)));
}

void
xw_attr_int(struct xw *x, const char *name, long value)
{
	char v[32];

	snprintf(v, sizeof(v), "%ld", value);
	xw_attr(x, name, v);
}

void
xw_end(struct xw *x)
{
	if (x->w != NULL)
		check(x, xmlTextWriterEndElement(x->w));
}

void
xw_empty(struct xw *x, const char *name, ...)
{
	va_list ap;
	const char *a, *v;

	xw_start(x, name);
	va_start(ap, name);
	while ((a = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		xw_attr(x, a, v);
	}
	va_end(ap);
	xw_end(x);
}

void
xw_val(struct xw *x, const char *name, const char *value)
{
	xw_empty(x, name, "w:val", value, (const char *)NULL);
}

void
xw_val_int(struct xw *x, const char *name, long value)
{
	char v[32];

	snprintf(v, sizeof(v), "%ld", value);
	xw_val(x, name, v);
}

void
xw_text_elem(struct xw *x, const char *name, const char *text)
{
	xw_start(x, name);
	xw_text(x, text, strlen(text));
	xw_end(x);
}

void
xw_text(struct xw *x, const char *s, size_t len)
{
	char chunk[4096];
	size_t n;

	/* xmlTextWriterWriteString takes a NUL-terminated string. */
	while (x->w != NULL && len > 0) {
		n = len < sizeof(chunk) - 1 ? len : sizeof(chunk) - 1;
		/* Never split a UTF-8 sequence. */
		while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		memcpy(chunk, s, n);
		chunk[n] = '\0';
		check(x, xmlTextWriterWriteString(x->w, X(chunk)));
		s += n;
		len -= n;
	}
}

int
xw_close(struct xw *x, struct buf *out)
{
	int rc;

	if (x->w != NULL) {
		check(x, xmlTextWriterEndDocument(x->w));
		xmlFreeTextWriter(x->w);	/* flushes into buf */
		x->w = NULL;
	}
	buf_init(out);
	if (!x->err && x->buf != NULL)
		buf_put(out, (const char *)xmlBufferContent(x->buf), (size_t)xmlBufferLength(x->buf));
	rc = x->err ? -1 : 0;
	if (x->buf != NULL)
		xmlBufferFree(x->buf);
	x->buf = NULL;
	return rc;
}
