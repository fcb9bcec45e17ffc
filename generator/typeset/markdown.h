/*
 * markdown.h: the report's Markdown read with cmark-gfm into a flat list
 * of blocks (title, headings, paragraphs, addressee, signature, date,
 * appendix lines),
 * each a list of styled text runs that remember where they came from.
 * <!-- shuzhi:ROLE --> comments give the next paragraph its role; a
 * redline's <ins> and <del> (and ~~strike~~) mark inserted and deleted
 * text.
 */
#ifndef SHUZHI_MARKDOWN_H
#define SHUZHI_MARKDOWN_H

#include <stddef.h>

#include "../diag/diag.h"

enum block_kind {
	BLK_TITLE,	/* the first level-1 heading */
	BLK_HEADING,	/* level 2..6 */
	BLK_PARA,
	BLK_ADDRESSEE,	/* after <!-- shuzhi:addressee --> */
	BLK_SIGNATURE,	/* after <!-- shuzhi:signature --> */
	BLK_DATE,	/* after <!-- shuzhi:date --> */
	BLK_SUBTITLE,	/* after <!-- shuzhi:subtitle --> */
	BLK_BYLINE,	/* after <!-- shuzhi:byline --> */
	BLK_ATT_LABEL,	/* after <!-- shuzhi:attachment -->: 附件, 附件2 */
	BLK_ATT_TITLE,	/* after <!-- shuzhi:attachment-title --> */
	BLK_PLAIN,	/* code block lines: no indent, not justified */
	BLK_APPENDIX,	/* after <!-- shuzhi:appendix -->: a 附件说明 line, set as a paragraph */
};

#define RUN_BOLD	0x01
#define RUN_STRIKE	0x02
#define RUN_BREAK	0x04	/* a hard line break (text empty) */
#define RUN_SOFT	0x08	/* a soft line break (text " ") */
#define RUN_INSERT	0x10	/* inserted text of a redline: <ins>, or a link to #ins */
#define RUN_HEAD	0x20	/* a run-in heading's title (md_block.run_in) */

struct md_run {
	char		*text;
	size_t		 len;
	unsigned	 flags;
	int		 line;	/* where the run's node starts, 1-based */
	int		 col;	/* byte column, 1-based; 0 when unknown */
};

struct md_block {
	enum block_kind	 kind;
	int		 level;	/* headings */
	struct md_run	*runs;
	size_t		 nruns;
	size_t		 nmarks;	/* while parsing: list numbers after the runs */
	int		 line;	/* where the block starts */
	int		 newpage; /* after <!-- shuzhi:newpage -->: starts a page */
	int		 restart; /* after <!-- shuzhi:report -->: a page numbered 1 */
	int		 note;	/* after <!-- shuzhi:note -->: a redline's note */
	int		 changed; /* after <!-- shuzhi:changed -->: a change bar beside it */
	int		 run_in; /* after <!-- shuzhi:run-in N -->: its bold start is a level-N heading */
};

struct md_doc {
	const char	*path;	/* interned */
	const char	*src;	/* the Markdown text (not owned) */
	size_t		 srclen;
	struct md_block	*blocks;
	size_t		 n;
};

/* Parse; errors (none expected but resource limits) go to the sink. */
int	 md_parse(struct diag *, const char *path, const char *md, size_t len,
	    struct md_doc *);
void	 md_free(struct md_doc *);
/* The block's text without markup (malloc'd). */
char	*md_block_text(const struct md_block *);
/*
 * The source position of the character at byte off of run's text: found
 * by looking for the same character in the Markdown from the run's start.
 */
struct srcpos md_locate(const struct md_doc *, const struct md_run *, size_t off);

#endif
