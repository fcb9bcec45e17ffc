/*
 * importint.h: the import stage's internals, shared by the files of
 * import/ and by no one else (the entry point is in import.h).  The
 * steps: read the source into paragraphs that remember where they came
 * from (textin.c + paras.c, or docx.c), find the structure (detect.c,
 * with marker.c for numbering and meta.c for unit, year and topic), and
 * write the content folder's files as texts (write.c with
 * load/yamlout.c); import.c runs them in turn.
 */
#ifndef SHUZHI_IMPORTINT_H
#define SHUZHI_IMPORTINT_H

#include <stddef.h>

#include "import.h"

/* Where a stretch of a paragraph's text came from. */
struct iseg {
	size_t	 off;	/* byte offset in the paragraph's text */
	int	 line;	/* source line (a .docx: paragraph number) */
	int	 col;	/* column of that byte, in characters, 1-based */
};

enum ipara_kind {
	IPARA_BODY,
	IPARA_TITLE,	/* .docx: paragraph style Title */
	IPARA_SUBTITLE,	/* .docx: paragraph style Subtitle */
};

/* One paragraph of the source, trimmed, with hints from a .docx. */
struct ipara {
	char		*text;
	size_t		 len;
	struct iseg	*segs;	/* at least one; segs[0].off == 0 */
	size_t		 nsegs;
	size_t		 bold_from; /* the first bold stretch: [bold_from, bold) */
	size_t		 bold;	/* 0: no bold text */
	int		 outline; /* heading level from the style (1..9); 0: none */
	enum ipara_kind	 kind;
};

struct isource {
	const char	*path;		/* interned in the sink */
	char		*format;	/* e.g. "UTF-8 文本", for the header comment */
	struct ipara	*p;
	size_t		 n;
	int		 nrevisions;	/* .docx: tracked changes, each noted */
	int		 ncomments;	/* .docx: comments, each noted */
};

void	 isource_free(struct isource *);
/* Append a paragraph (text is copied); returns it. */
struct ipara *isource_add(struct isource *, const char *text, size_t len, int line, int col);
/* Record that text from byte off on comes from line:col. */
void	 ipara_seg(struct ipara *, size_t off, int line, int col);
/* The source position of byte off of a paragraph. */
struct srcpos ipara_pos(const struct isource *, const struct ipara *, size_t off);

/* textin.c: read a text file as UTF-8 (converting GB18030/GBK, UTF-16). */
int	 text_read(struct diag *, const char *path, char **text, size_t *len,
	    const char **encoding);
/* paras.c: split text into paragraphs (lines, blank lines, PDF hard wraps). */
void	 text_paragraphs(struct diag *, const char *text, size_t len, struct isource *);
/*
 * docx.c: read the paragraphs of a .docx, with bold, styles and numbering;
 * tracked changes accepted (reject: rejected), each change and comment a note.
 */
int	 docx_read(struct diag *, const char *path, int reject, struct isource *);
/* docxnum.c: the numbers Word shows for numbered paragraphs. */
struct docx_numbering;
struct docx_numbering *docx_numbering_parse(const char *xml, size_t len);
/* Append the number of paragraph (numId, ilvl) as Word shows it. */
void	 docx_numbering_next(struct docx_numbering *, int numid, int ilvl, struct buf *);
void	 docx_numbering_free(struct docx_numbering *);

/*
 * marker.c: the numbers written at the start of headings and items.
 * Families are the four GB/T 9704 levels (and circled numbers), whatever
 * way they were written: 一、 一. | （一） (一) 〔一〕 | 1. 1、 1． | （1） (1) 1)
 */
enum mfamily {
	MF_NONE,
	MF_CN,		/* 一、 */
	MF_CN_PAREN,	/* （一） */
	MF_AR,		/* 1. */
	MF_AR_PAREN,	/* （1） */
	MF_CIRCLED,	/* ① */
};

struct marker {
	enum mfamily	 family;
	int		 value;	/* the number written */
	size_t		 len;	/* bytes of the marker as written */
	size_t		 skip;	/* bytes up to the text after it (spaces too) */
};

/* Parse a heading number at the start of s; 0 when there is none. */
int	 marker_parse(const char *s, size_t len, struct marker *);
/* Parse an item ordinal (一是, 十二是) at the start of s: its value, or 0. */
int	 ordinal_parse(const char *s, size_t len, size_t *mlen);
/* A line that begins a paragraph of its own: a number, 一是, 附件, ——. */
int	 marker_starts_block(const char *s, size_t len);

/* The structure found, as the content files will hold it. */
struct strv {
	char	**v;
	size_t	 n;
};

void	 strv_push(struct strv *, const char *s, size_t len);
void	 strv_free(struct strv *);

struct iitem {
	char		*lead;
	struct strv	 body;	/* first paragraph after the lead, then more */
	int		 lead_found; /* the lead ended at 。/；, or was bold */
};

struct isection {
	char		*title;
	char		*run_in;	/* text after a title in the same paragraph */
	int		 line;
	struct strv	 paras;
	struct iitem	*items;
	size_t		 nitems;
	int		 items_closed;	/* a second 一是 run was seen */
	struct isection	*subs;
	size_t		 nsubs;
};

struct iattachment {
	char		*title;
	struct strv	 paras;		/* as written */
	int		 line;		/* of its label */
};

struct ireport {
	char		*unit, *year, *topic, *title, *subtitle, *byline;
	char		*addressee, *signature, *date;
	int		 title_derived;	/* title left out: shuzhi generates it */
	int		 title_same;	/* ...and it is the one in the source */
	struct strv	 opening, closing, appendix;
	struct isection	*sections;
	size_t		 nsections;
	struct iattachment *attachments;
	size_t		 nattachments;
	/* For the summary. */
	int		 nrewrites;	/* numbering and colons normalised */
	int		 nplain;	/* paragraphs left plain with a warning */
};

/* detect.c: find the structure; -1 after an error (nothing to import). */
int	 detect_structure(struct diag *, const struct isource *, struct ireport *);
void	 ireport_free(struct ireport *);
/*
 * attach.c: the attachments (附件 + title + text) among paragraphs [from,
 * end), into rep; returns the first paragraph they take (end: none).
 */
size_t	 attachments_find(struct diag *, const struct isource *, size_t from, size_t end,
	    struct ireport *);
/* meta.c: unit, year and topic from the options, the title and the opening. */
int	 detect_meta(struct diag *, const struct isource *, const struct import_opts *,
	    struct ireport *);

/* write.c: the content folder's files (report.yaml first), as texts. */
void	 write_content(const struct ireport *, const char *source_name,
	    const char *format, struct ifile **files, size_t *nfiles);
void	 ifiles_free(struct ifile *, size_t);

#endif
