/*
 * docxrev.h: a reviewer's marks in a .docx, met while its paragraphs are
 * read (docx.c): tracked changes (w:ins, w:del, moves, paragraph marks
 * inserted or deleted) and comments.  The text is taken with the changes
 * accepted, or rejected on request; once the paragraphs are known, each
 * change and each comment is reported as one note at its place, with its
 * author and date.
 */
#ifndef SHUZHI_DOCXREV_H
#define SHUZHI_DOCXREV_H

#include <stddef.h>

#include <libxml/tree.h>

#include "importint.h"

enum rev_kind {
	REV_INS,	/* w:ins */
	REV_DEL,	/* w:del */
	REV_MOVE_TO,	/* w:moveTo: where moved text went */
	REV_MOVE_FROM,	/* w:moveFrom: where it came from */
	REV_SPLIT,	/* a paragraph mark inserted: one paragraph became two */
	REV_JOIN,	/* a paragraph mark deleted: two became one */
};

struct revlog;

struct revlog	*revlog_new(int reject);
void		 revlog_free(struct revlog *);

/* Entering and leaving a w:ins/w:del/w:moveTo/w:moveFrom element x; raw: bytes of the paragraph so far. */
void	 revlog_open(struct revlog *, enum rev_kind, const xmlNode *x, size_t raw);
void	 revlog_close(struct revlog *, size_t raw);
/* Whether text met now is kept (outside deletions when accepting, outside insertions when rejecting). */
int	 revlog_keeps(const struct revlog *);
/* Text met inside the open changes (kept or not). */
void	 revlog_text(struct revlog *, const char *s, size_t len);
/* The paragraph mark's own change (its w:pPr/w:rPr holds w:ins or w:del); 1: join it to the next paragraph. */
int	 revlog_para_mark(struct revlog *, const xmlNode *ppr, size_t raw, int plain_text);
/* w:commentRangeStart, w:commentRangeEnd, w:commentReference. */
void	 revlog_comment(struct revlog *, const xmlNode *x, size_t raw);
/*
 * A paragraph was emitted as paragraph para (0-based) of the source from
 * raw bytes [start, start + len) of the text read since the last call
 * (para < 0: it was empty and dropped): the marks met in it get their places.
 */
void	 revlog_placed(struct revlog *, long para, size_t start, size_t len);
/* word/comments.xml: each comment's author, date and text. */
void	 revlog_comments_xml(struct revlog *, const xmlNode *root);
/* One note per change and comment (the source's text is registered); counts them in src. */
void	 revlog_report(struct revlog *, struct diag *, struct isource *);

#endif
