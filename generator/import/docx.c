/*
 * docx.c: read the paragraphs of a Word .docx (a zip package whose text
 * is word/document.xml) with libzip and libxml2.  Each w:p is a paragraph
 * and a line break inside one (w:br, w:cr) starts another (not in a
 * title, whose lines it only turns); tables and content controls are
 * read in document order, text boxes after the paragraph that holds
 * them; field codes are left out.  Tracked changes
 * are taken accepted, or rejected on request, and each is a note, as is
 * each comment (docxrev.c).  Kept as hints: the first bold stretch (direct bold
 * or a bold character style), the paragraph style's heading level
 * (heading 1..9, 标题 1..9, or an outline level) or Title/Subtitle (and
 * 公文标题, the title style of shuzhi's own .docx), and
 * automatic numbers, written into the text as Word shows them.  In
 * messages a "line" is the number of the (non-empty) paragraph.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "docxrev.h"
#include "importint.h"
#include "wml.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/*
 * Bounds on what a small file may unpack to (a zip bomb): each part, and
 * the text of all paragraphs (as much as a text file may hold, textin.c).
 */
#define MEMBER_MAX	(32u * 1024 * 1024)
#define TEXT_MAX	(16u * 1024 * 1024)

struct style {
	char		 id[128];
	char		 based[128];
	int		 outline;	/* 1..9, 0 none, -1 not set here */
	enum ipara_kind	 kind;
	int		 bold;		/* character style: bold */
	int		 numid, ilvl;	/* numbering of a paragraph style */
	int		 one_text;	/* a title's: a line break inside does not end the text */
};

/* The paragraph being read. */
struct pbuild {
	struct buf	 text;
	size_t		 bold_from, bold;
	int		 bold_state;	/* 0 none yet, 1 in it, 2 over */
	int		 outline;
	enum ipara_kind	 kind;
	int		 one_text;	/* its style's */
	int		 open;		/* its style is known (a paragraph joined to the next stays open) */
	int		 plain;		/* it has text from outside tracked changes */
	xmlNode		**boxes;	/* text boxes, read after the paragraph */
	size_t		 nboxes;
};

struct docx {
	struct diag		*diag;
	struct isource		*src;
	struct style		*styles;
	size_t			 nstyles;
	struct docx_numbering	*num;
	struct revlog		*rev;	/* tracked changes and comments */
	int			 in_change; /* depth of w:ins/w:del around the text */
	struct pbuild		 pb;
	struct buf		 all;	/* every paragraph, one a line: for carets */
	int			 warned_sym, warned_table;
	int			 too_long;	/* TEXT_MAX reached: reported, read no more */
};

static void blocks(struct docx *, xmlNode *);

/* An on/off property such as w:b: present and not switched off. */
static int
on(const xmlNode *x)
{
	char v[16];

	if (x == NULL)
		return 0;
	if (!wml_attr(x, "val", v, sizeof(v)))
		return 1;
	return strcmp(v, "0") != 0 && strcmp(v, "false") != 0 && strcmp(v, "off") != 0 &&
	    strcmp(v, "none") != 0;
}

/* A package member, or NULL (*missing set when it is not there). */
static char *
member(struct docx *d, zip_t *z, const char *name, size_t *len, int *missing)
{
	struct srcpos pos = { d->src->path, 0, 0 };
	zip_stat_t st;
	zip_file_t *f;
	struct buf b;
	char chunk[65536];
	zip_int64_t n;

	*missing = 0;
	zip_stat_init(&st);
	if (zip_stat(z, name, 0, &st) != 0) {
		*missing = 1;
		return NULL;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > MEMBER_MAX) {
		diag_error(d->diag, &pos, "%s 解压后过大（超过 %u MiB），拒绝读取", name,
		    MEMBER_MAX >> 20);
		return NULL;
	}
	if ((f = zip_fopen(z, name, 0)) == NULL) {
		diag_error(d->diag, &pos, "无法读取 %s：%s", name, zip_strerror(z));
		return NULL;
	}
	buf_init(&b);
	buf_puts(&b, "");	/* NUL-terminated even when empty */
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0 && b.len + (size_t)n <= MEMBER_MAX)
		buf_put(&b, chunk, (size_t)n);
	if (n != 0) {
		if (n > 0)
			diag_error(d->diag, &pos, "%s 解压后过大（超过 %u MiB），拒绝读取", name,
			    MEMBER_MAX >> 20);
		else
			diag_error(d->diag, &pos, "无法读取 %s：%s", name, zip_file_strerror(f));
		zip_fclose(f);
		buf_free(&b);
		return NULL;
	}
	zip_fclose(f);
	if (wml_has_doctype(b.data, b.len)) {
		diag_error(d->diag, &pos, "%s 中有 DOCTYPE 声明：Word 文档从不需要它，它可以让"
		    "很小的文件展开成几 GB（实体扩展），拒绝导入", name);
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return buf_take(&b);
}

static xmlDoc *
parse_xml(const char *text, size_t len, const char *name)
{
	(void)name;
	return wml_read(text, len, NULL);
}

/* ---- Styles ---------------------------------------------------------------- */

static void
read_styles(struct docx *d, const char *xml, size_t len)
{
	xmlDoc *doc = parse_xml(xml, len, "styles.xml");
	xmlNode *root, *x, *ppr, *np;
	char name[128], type[32], v[16];

	if (doc == NULL)
		return;
	root = xmlDocGetRootElement(doc);
	for (x = root ? root->children : NULL; x != NULL; x = x->next) {
		struct style *s;
		int n;

		if (!wml_is(x, "style"))
			continue;
		d->styles = xreallocarray(d->styles, d->nstyles + 1, sizeof(*d->styles));
		s = &d->styles[d->nstyles++];
		memset(s, 0, sizeof(*s));
		s->outline = -1;
		wml_attr(x, "styleId", s->id, sizeof(s->id));
		wml_attr(wml_child(x, "basedOn"), "val", s->based, sizeof(s->based));
		type[0] = name[0] = '\0';
		wml_attr(x, "type", type, sizeof(type));
		wml_attr(wml_child(x, "name"), "val", name, sizeof(name));
		if ((sscanf(name, "heading %d", &n) == 1 || sscanf(name, "Heading %d", &n) == 1 ||
		    sscanf(name, "标题 %d", &n) == 1) && n >= 1 && n <= 9)
			s->outline = n;
		else if (strcasecmp(name, "Title") == 0 || strcmp(name, "标题") == 0 ||
		    strcmp(name, "公文标题") == 0)
			s->kind = IPARA_TITLE;
		else if (strcasecmp(name, "Subtitle") == 0 || strcmp(name, "副标题") == 0)
			s->kind = IPARA_SUBTITLE;
		/* shuzhi's .docx turns a long title's lines where its PDF does. */
		s->one_text = s->kind == IPARA_TITLE || s->kind == IPARA_SUBTITLE ||
		    strcmp(name, "附件标题") == 0;
		ppr = wml_child(x, "pPr");
		if (s->outline < 0 && wml_attr(wml_child(ppr, "outlineLvl"), "val", v, sizeof(v)) &&
		    atoi(v) >= 0 && atoi(v) < 9)
			s->outline = atoi(v) + 1;
		if ((np = wml_child(ppr, "numPr")) != NULL) {
			s->numid = wml_attr(wml_child(np, "numId"), "val", v, sizeof(v)) ? atoi(v) : 0;
			s->ilvl = wml_attr(wml_child(np, "ilvl"), "val", v, sizeof(v)) ? atoi(v) : 0;
		}
		s->bold = strcmp(type, "character") == 0 && on(wml_child(wml_child(x, "rPr"), "b"));
	}
	xmlFreeDoc(doc);
}

static const struct style *
style(const struct docx *d, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && id[0] != '\0' && i < d->nstyles; i++)
		if (strcmp(d->styles[i].id, id) == 0)
			return &d->styles[i];
	return NULL;
}

/* Outline level of a paragraph style, following basedOn a few steps. */
static int
style_outline(const struct docx *d, const struct style *s)
{
	int depth;

	for (depth = 0; s != NULL && depth < 8; depth++) {
		if (s->outline >= 0)
			return s->outline;
		s = style(d, s->based);
	}
	return 0;
}

/* ---- Paragraphs -------------------------------------------------------- */

/* Add text to the paragraph, following the first bold stretch. */
static void
add_text(struct pbuild *pb, const char *s, size_t len, int bold)
{
	size_t i, k;
	uint32_t cp;
	int blank = 1;

	for (i = 0; i < len && blank; i += k ? k : 1)
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0 || !uc_is_space(cp))
			blank = 0;
	if (!blank) {
		if (pb->bold_state == 0 && bold) {
			pb->bold_from = pb->text.len;
			pb->bold_state = 1;
		} else if (pb->bold_state == 1 && !bold) {
			pb->bold = pb->text.len;
			pb->bold_state = 2;
		}
	}
	buf_put(&pb->text, s, len);
}

/*
 * A bold stretch followed at once by the mark that ends a lead or a run-in
 * title ("**一是……**。" as the report's Markdown writes it, or a lead bolded
 * without its stop in Word): the mark belongs to the bold text.
 */
static size_t
bold_end(const char *s, size_t len, size_t bold)
{
	static const char *const stops[] = { "。", "；", "：", "！", "？", ".", ";", ":", "!", "?" };
	size_t i, n;

	for (i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
		n = strlen(stops[i]);
		if (bold + n <= len && memcmp(s + bold, stops[i], n) == 0)
			return bold + n;
	}
	return bold;
}

/* Emit the paragraph (unless empty) and start a fresh one like it. */
static void
emit(struct docx *d, struct pbuild *pb)
{
	const char *s = pb->text.data ? pb->text.data : "";
	size_t len = pb->text.len, start = 0, end = len, i, k;
	uint32_t cp;
	struct ipara *p;

	if (pb->bold_state == 1)
		pb->bold = len;
	for (i = 0; i < len; i += k ? k : 1)
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0 || !uc_is_space(cp))
			break;
	start = i;
	for (i = start, end = start; i < len; i += k ? k : 1)
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0 || !uc_is_space(cp))
			end = i + (k ? k : 1);
	revlog_placed(d->rev, end > start ? (long)d->src->n : -1, start, end - start);
	if (end > start) {
		p = isource_add(d->src, s + start, end - start, (int)d->src->n + 1, 1);
		if (pb->bold_state > 0 && pb->bold > start) {
			p->bold_from = pb->bold_from > start ? pb->bold_from - start : 0;
			p->bold = bold_end(s, end, pb->bold < end ? pb->bold : end) - start;
		}
		p->outline = pb->outline;
		p->kind = pb->kind;
		buf_put(&d->all, s + start, end - start);
		buf_putc(&d->all, '\n');
	}
	buf_reset(&pb->text);
	pb->bold_state = 0;
	pb->bold_from = pb->bold = 0;
}

/* Text boxes inside a drawing; mc:Fallback repeats mc:Choice, so it is skipped. */
static void
find_boxes(struct pbuild *pb, xmlNode *x)
{
	xmlNode *c;

	for (c = x->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "Fallback") == 0)
			continue;
		if (wml_is(c, "txbxContent")) {
			pb->boxes = xreallocarray(pb->boxes, pb->nboxes + 1, sizeof(*pb->boxes));
			pb->boxes[pb->nboxes++] = c;
		} else
			find_boxes(pb, c);
	}
}

/* Text met in a run: kept unless a tracked change takes it out. */
static void
text_in(struct docx *d, struct pbuild *pb, const char *s, size_t len, int bold)
{
	revlog_text(d->rev, s, len);
	if (!revlog_keeps(d->rev))
		return;
	if (d->in_change == 0)
		pb->plain = 1;
	add_text(pb, s, len, bold);
}

static void
run(struct docx *d, struct pbuild *pb, xmlNode *r)
{
	xmlNode *rpr = wml_child(r, "rPr"), *x;
	char v[128];
	int bold;

	bold = on(wml_child(rpr, "b"));
	if (wml_child(rpr, "b") == NULL && wml_attr(wml_child(rpr, "rStyle"), "val", v, sizeof(v))) {
		const struct style *s = style(d, v);
		bold = s != NULL && s->bold;
	}
	for (x = r->children; x != NULL; x = x->next) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		if (wml_is(x, "t") || wml_is(x, "delText")) {
			xmlChar *t = xmlNodeGetContent(x);

			if (t != NULL)
				text_in(d, pb, (const char *)t, strlen((const char *)t), bold);
			xmlFree(t);
		} else if (wml_is(x, "tab"))
			text_in(d, pb, "\t", 1, bold);
		else if (wml_is(x, "noBreakHyphen"))
			text_in(d, pb, "-", 1, bold);
		else if (wml_is(x, "br") || wml_is(x, "cr")) {
			if ((!wml_attr(x, "type", v, sizeof(v)) || strcmp(v, "textWrapping") == 0) &&
			    revlog_keeps(d->rev) && !pb->one_text)
				emit(d, pb);
		} else if (wml_is(x, "commentReference"))
			revlog_comment(d->rev, x, pb->text.len);
		else if (wml_is(x, "sym")) {
			if (!d->warned_sym++) {
				struct srcpos pos = { d->src->path, (int)d->src->n + 1, 0 };
				diag_warn(d->diag, &pos, "%s", "符号字体中的字符（插入的符号）没有导入");
			}
		} else if (!wml_is(x, NULL) || wml_is(x, "drawing") || wml_is(x, "pict") ||
		    wml_is(x, "object"))
			find_boxes(pb, x);
	}
}

/* The kind of tracked change x is, or -1. */
static int
change_kind(const xmlNode *x)
{
	if (wml_is(x, "ins"))
		return REV_INS;
	if (wml_is(x, "del"))
		return REV_DEL;
	if (wml_is(x, "moveTo"))
		return REV_MOVE_TO;
	if (wml_is(x, "moveFrom"))
		return REV_MOVE_FROM;
	return -1;
}

/* The runs of a paragraph, through links, tracked changes and the like. */
static void
runs(struct docx *d, struct pbuild *pb, xmlNode *n)
{
	static const char *through[] = { "hyperlink", "smartTag", "customXml",
	    "fldSimple", "sdt", "sdtContent", "bdo", "dir", NULL };
	xmlNode *x;
	size_t i;
	int kind;

	for (x = n->children; x != NULL; x = x->next) {
		if (wml_is(x, "r")) {
			run(d, pb, x);
			continue;
		}
		if ((kind = change_kind(x)) >= 0) {
			revlog_open(d->rev, (enum rev_kind)kind, x, pb->text.len);
			d->in_change++;
			runs(d, pb, x);
			d->in_change--;
			revlog_close(d->rev, pb->text.len);
			continue;
		}
		if (wml_is(x, "commentRangeStart") || wml_is(x, "commentRangeEnd")) {
			revlog_comment(d->rev, x, pb->text.len);
			continue;
		}
		for (i = 0; through[i] != NULL; i++)
			if (wml_is(x, through[i]))
				runs(d, pb, x);
	}
}

/*
 * A paragraph.  When its mark is deleted (a tracked change, accepted) its
 * text runs on into the next paragraph, which keeps this one's style.
 */
static void
paragraph(struct docx *d, xmlNode *p)
{
	struct pbuild *pb = &d->pb;
	xmlNode *ppr = wml_child(p, "pPr"), *np, **boxes;
	const struct style *s = NULL;
	char v[128];
	int numid = 0, ilvl = 0;
	size_t i, nboxes;

	if (wml_attr(wml_child(ppr, "pStyle"), "val", v, sizeof(v)))
		s = style(d, v);
	if (s != NULL) {
		numid = s->numid;
		ilvl = s->ilvl;
	}
	if ((np = wml_child(ppr, "numPr")) != NULL) {
		if (wml_attr(wml_child(np, "numId"), "val", v, sizeof(v)))
			numid = atoi(v);
		if (wml_attr(wml_child(np, "ilvl"), "val", v, sizeof(v)))
			ilvl = atoi(v);
	}
	if (!pb->open) {
		pb->open = 1;
		pb->outline = s != NULL ? style_outline(d, s) : 0;
		pb->kind = s != NULL ? s->kind : IPARA_BODY;
		pb->one_text = s != NULL && s->one_text;
		if (wml_attr(wml_child(ppr, "outlineLvl"), "val", v, sizeof(v)) && atoi(v) >= 0 &&
		    atoi(v) < 9)
			pb->outline = atoi(v) + 1;
	}
	if (numid > 0) {
		struct buf n;

		buf_init(&n);
		docx_numbering_next(d->num, numid, ilvl, &n);
		if (n.len > 0 && pb->text.len == 0)
			add_text(pb, n.data, n.len, 0);
		buf_free(&n);
	}
	runs(d, pb, p);
	if (revlog_para_mark(d->rev, ppr, pb->text.len, pb->plain) && pb->nboxes == 0)
		return;	/* joined to the next paragraph */
	emit(d, pb);
	pb->open = pb->plain = 0;
	/* Text boxes may hold paragraphs of their own: read them with a fresh list. */
	boxes = pb->boxes;
	nboxes = pb->nboxes;
	pb->boxes = NULL;
	pb->nboxes = 0;
	for (i = 0; i < nboxes; i++)
		blocks(d, boxes[i]);
	free(boxes);
}

static void
blocks(struct docx *d, xmlNode *n)
{
	static const char *through[] = { "body", "tbl", "tr", "tc", "sdt", "sdtContent",
	    "customXml", "txbxContent", NULL };
	xmlNode *x;
	size_t i;

	for (x = n->children; x != NULL && !d->too_long; x = x->next) {
		if (wml_is(x, "p")) {
			paragraph(d, x);
			if (d->all.len > TEXT_MAX) {
				struct srcpos pos = { d->src->path, 0, 0 };

				diag_error(d->diag, &pos, "文档的文字超过 %u MiB，拒绝导入（述职报告"
				    "不会这么长；可能是损坏或恶意构造的文件）", TEXT_MAX >> 20);
				d->too_long = 1;
			}
			continue;
		}
		if (wml_is(x, "commentRangeStart") || wml_is(x, "commentRangeEnd")) {
			revlog_comment(d->rev, x, d->pb.text.len);
			continue;
		}
		if (wml_is(x, "tbl") && !d->warned_table++) {
			struct srcpos pos = { d->src->path, (int)d->src->n + 1, 0 };
			diag_report(d->diag, DIAG_NOTE, &pos, NULL, "%s",
			    "表格中的文字按单元格的顺序作为段落导入");
		}
		for (i = 0; through[i] != NULL; i++)
			if (wml_is(x, through[i]))
				blocks(d, x);
	}
}

int
docx_read(struct diag *diag, const char *path, int reject, struct isource *src)
{
	struct srcpos pos = { src->path, 0, 0 };
	struct docx d;
	zip_t *z;
	xmlDoc *doc = NULL;
	char *xml;
	size_t len;
	int err, missing, doctype, rc = -1;

	memset(&d, 0, sizeof(d));
	d.diag = diag;
	d.src = src;
	d.rev = revlog_new(reject);
	buf_init(&d.all);
	buf_init(&d.pb.text);
	if ((z = zip_open(path, ZIP_RDONLY, &err)) == NULL) {
		diag_error(diag, &pos, "%s", "不是有效的 .docx 文件（无法作为 zip 包打开）");
		revlog_free(d.rev);
		buf_free(&d.all);
		buf_free(&d.pb.text);
		return -1;
	}
	if ((xml = member(&d, z, "word/styles.xml", &len, &missing)) != NULL) {
		read_styles(&d, xml, len);
		free(xml);
	} else if (!missing)
		goto out;
	if ((xml = member(&d, z, "word/numbering.xml", &len, &missing)) != NULL) {
		d.num = docx_numbering_parse(xml, len);
		free(xml);
	} else if (!missing)
		goto out;
	if ((xml = member(&d, z, "word/comments.xml", &len, &missing)) != NULL) {
		xmlDoc *cdoc = parse_xml(xml, len, "comments.xml");

		if (cdoc != NULL)
			revlog_comments_xml(d.rev, xmlDocGetRootElement(cdoc));
		xmlFreeDoc(cdoc);
		free(xml);
	} else if (!missing)
		goto out;
	if ((xml = member(&d, z, "word/document.xml", &len, &missing)) == NULL) {
		if (missing)
			diag_error(diag, &pos, "%s", "不是 Word 文档：包中没有 word/document.xml");
		goto out;
	}
	doc = wml_read(xml, len, &doctype);
	free(xml);
	if (doc == NULL) {
		diag_error(diag, &pos, "%s", doctype ? "word/document.xml 中有 DOCTYPE 声明，"
		    "Word 文档从不需要它，拒绝导入" : "word/document.xml 不是有效的 XML");
		goto out;
	}
	blocks(&d, xmlDocGetRootElement(doc));
	if (d.too_long)
		goto out;
	if (d.pb.open)
		emit(&d, &d.pb);	/* the last paragraph's mark was deleted */
	diag_add_source(diag, path, d.all.data ? d.all.data : "", d.all.len);
	revlog_report(d.rev, diag, src);
	rc = 0;
out:
	if (doc != NULL)
		xmlFreeDoc(doc);
	zip_close(z);
	docx_numbering_free(d.num);
	free(d.styles);
	free(d.pb.boxes);
	buf_free(&d.pb.text);
	buf_free(&d.all);
	revlog_free(d.rev);
	return rc;
}
