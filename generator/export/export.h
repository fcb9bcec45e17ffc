/*
 * export.h: inside the export stage: the page geometry in Word's units,
 * the paragraph styles and fonts, and the parts of the package.
 */
#ifndef SHUZHI_EXPORT_H
#define SHUZHI_EXPORT_H

#include "docx.h"
#include "xmlout.h"
#include "../typeset/markdown.h"
#include "../typeset/style.h"
#include "../typeset/typeset.h"

#define NS_W	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* The page in twips (1/20 pt), from the style sheet. */
struct geom {
	long	 page_w, page_h;
	long	 top, right, bottom, left;
	long	 footer;	/* page's bottom edge to the footer's */
	long	 line_pitch;	/* w:docGrid w:linePitch: the block's height / lines */
	long	 char_space;	/* w:docGrid w:charSpace: 4096ths of a pt added to the body size */
	double	 pitch_x;	/* the character pitch this gives, pt */
	long	 tracking;	/* w:spacing of the body's runs, 1/20 pt: the same pitch for LibreOffice */
	long	 pageno_line;	/* the footer's line height */
};

void	 geom_of(const struct style *, struct geom *);

/* The paragraph styles, one per role. */
enum pstyle {
	PS_NORMAL,	/* 正文: Word's Normal (shown as 正文 by Chinese Word and WPS) */
	PS_TITLE,	/* 公文标题 */
	PS_SUBTITLE,	/* 副标题: Word's Subtitle */
	PS_BYLINE,	/* 署名 */
	PS_ADDRESSEE,	/* 主送 */
	PS_H1,		/* 一级标题 一、 */
	PS_H2,		/* 二级标题 （一） */
	PS_H3,		/* 三级标题 1. */
	PS_H4,		/* 四级标题 （1） */
	PS_H5,		/* 五级标题 */
	PS_SIGNATURE,	/* 落款 */
	PS_DATE,	/* 成文日期 */
	PS_APPENDIX,	/* 附件说明 */
	PS_ATTACHMENT,	/* 附件 (the label atop an attachment) */
	PS_ATT_TITLE,	/* 附件标题: an attachment's title, set like the document's */
	PS_FOOTER,	/* the page number: Word's footer */
	PS_COUNT
};

struct pstyle_info {
	const char	*id;
	const char	*name;
	enum elem	 elem;		/* its settings in style.yaml */
	int		 outline;	/* 1..5 for headings, 0 none */
};

const struct pstyle_info *pstyle_info(enum pstyle);
/* The font Word is asked for in a fonts.yaml role. */
const char	*word_font(const char *role);
/*
 * The free alternates (w:altName) of the WORD_FONTS office fonts: the
 * faces fonts.yaml serves their roles with in the PDF (NULL: the office
 * font itself, or no fontset).
 */
#define WORD_FONTS	5
struct fontset;
struct font_alts {
	char	*alt[WORD_FONTS];
};
void		 font_alts_of(struct fontset *, struct font_alts *);	/* may open a bold face */
void		 font_alts_free(struct font_alts *);
const char	*font_alt(const struct font_alts *, const char *word);

/* The XML parts. */
/* titles: where the PDF breaks each block's lines (typeset.h), or NULL. */
int	 part_document(struct diag *, const struct style *, const struct geom *,
	    const struct md_doc *, const struct title_lines *titles, struct buf *);
int	 part_styles(const struct style *, const struct geom *, struct buf *);
int	 part_footer(const struct style *, const struct geom *, int even, struct buf *);
int	 part_settings(struct buf *);
int	 part_fonts(const struct style *, const struct font_alts *, struct buf *);
int	 part_core(const char *title, const char *author, const char *subject,
	    long long source_date, struct buf *);
int	 part_app(struct buf *);
int	 part_content_types(struct buf *);
int	 part_rels(struct buf *);
int	 part_document_rels(struct buf *);

/* package.c: the parts zipped in order with fixed times. */
struct part {
	const char	*name;
	struct buf	 data;
};
int	 package_zip(struct diag *, const char *out_name, const struct part *, size_t n,
	    struct buf *out);

#endif
