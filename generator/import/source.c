/*
 * source.c: the paragraphs of an imported file and where each stretch of
 * their text came from, so every warning can name its source line.
 */
#include <stdlib.h>
#include <string.h>

#include "importint.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

struct ipara *
isource_add(struct isource *src, const char *text, size_t len, int line, int col)
{
	struct ipara *p;

	src->p = xreallocarray(src->p, src->n + 1, sizeof(*src->p));
	p = &src->p[src->n++];
	memset(p, 0, sizeof(*p));
	p->text = xstrndup(text, len);
	p->len = len;
	ipara_seg(p, 0, line, col);
	return p;
}

void
ipara_seg(struct ipara *p, size_t off, int line, int col)
{
	p->segs = xreallocarray(p->segs, p->nsegs + 1, sizeof(*p->segs));
	p->segs[p->nsegs].off = off;
	p->segs[p->nsegs].line = line;
	p->segs[p->nsegs].col = col;
	p->nsegs++;
}

struct srcpos
ipara_pos(const struct isource *src, const struct ipara *p, size_t off)
{
	struct srcpos pos = { src->path, 0, 0 };
	size_t i = 0;

	while (i + 1 < p->nsegs && p->segs[i + 1].off <= off)
		i++;
	pos.line = p->segs[i].line;
	pos.col = p->segs[i].col + (int)utf8_count(p->text + p->segs[i].off,
	    off - p->segs[i].off);
	return pos;
}

void
isource_free(struct isource *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		free(src->p[i].text);
		free(src->p[i].segs);
	}
	free(src->p);
	free(src->format);
	src->p = NULL;
	src->n = 0;
	src->format = NULL;
}

void
strv_push(struct strv *sv, const char *s, size_t len)
{
	sv->v = xreallocarray(sv->v, sv->n + 1, sizeof(*sv->v));
	sv->v[sv->n++] = xstrndup(s, len);
}

void
strv_free(struct strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}
