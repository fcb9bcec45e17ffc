/*
 * docx.c: the export stage's entry: read the style sheet and the Markdown
 * (the typesetter's reader), make every part, zip them in a fixed order.
 */
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "../typeset/fonts.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* Entry order: content types first, as Word and the Open Packaging Conventions expect. */
enum {
	P_TYPES, P_RELS, P_CORE, P_APP, P_DOC, P_DOC_RELS, P_STYLES, P_SETTINGS,
	P_FONTS, P_FOOTER1, P_FOOTER2, P_COUNT
};

static const char *const part_names[P_COUNT] = {
	"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
	"word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
	"word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
};

/* Where byte off of md is, as line:col. */
static struct srcpos
pos_at(const char *path, const char *md, size_t off)
{
	struct srcpos pos = { path, 1, 1 };
	size_t i, start = 0;

	for (i = 0; i < off; i++)
		if (md[i] == '\n') {
			pos.line++;
			start = i + 1;
		}
	pos.col = (int)utf8_count(md + start, off - start) + 1;
	return pos;
}

/*
 * What the PDF chose, for Word to show the same: the faces of fonts.yaml's
 * roles (the alternates) and where the titles' lines turn (GB/T 9704
 * 7.3.1: balanced, words whole; the typesetter decides).  Its messages are
 * the PDF's to give: when it cannot (fonts missing), one warning, and
 * Word breaks the titles itself.  *titles: NULL, or doc->n entries.
 */
static void
pdf_choices(struct diag *d, const char *md_path, const struct md_doc *doc,
    const struct style *st, const char *fonts_path, struct title_lines **titles,
    struct font_alts *alts)
{
	struct title_lines *t = xcalloc(doc->n + 1, sizeof(*t));
	struct fontset *fs = NULL;
	struct diag *quiet;
	char *msgs = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&msgs, &len);
	int rc = -1, loaded = 0;

	memset(alts, 0, sizeof(*alts));
	if (f != NULL) {
		quiet = diag_new(f);
		if ((fs = fontset_load(quiet, fonts_path, st)) != NULL) {
			loaded = 1;
			font_alts_of(fs, alts);
			rc = typeset_title_lines(quiet, doc, st, fs, t);
		}
		fontset_free(fs);
		diag_free(quiet);
		fclose(f);
	}
	free(msgs);
	if (rc != 0) {
		struct srcpos pos = { md_path, 0, 0 };

		if (loaded)
			diag_warn(d, &pos, "%s", "标题中有字体没有的字，.docx 的标题不按 PDF 的位置转行");
		else
			diag_warn(d, &pos, "无法加载字体设置 %s，.docx 的标题不按 PDF 的位置转行，"
			    "也不注明替代字体", fonts_path != NULL ? fonts_path : "fonts/fonts.yaml");
		free(t);
		t = NULL;
	}
	*titles = t;
}

int
docx_from_markdown(struct diag *d, const char *md, size_t len, const struct docx_opts *o,
    struct buf *out)
{
	const char *md_path = diag_intern(d, o->md_path != NULL ? o->md_path : "<markdown>");
	struct part parts[P_COUNT];
	struct style *st;
	struct md_doc doc;
	struct geom g;
	struct title_lines *titles = NULL;
	struct font_alts alts;
	char *title = NULL;
	size_t bad, i;
	int rc = -1, failed = -1;

	memset(parts, 0, sizeof(parts));
	memset(&alts, 0, sizeof(alts));
	memset(&doc, 0, sizeof(doc));
	diag_add_source(d, md_path, md, len);
	if ((bad = utf8_invalid_at(md, len)) != (size_t)-1) {
		struct srcpos pos = pos_at(md_path, md, bad);

		diag_error(d, &pos, "%s", "不是有效的 UTF-8 文本");
		return -1;
	}
	if ((st = style_load(d, o->style_path)) == NULL)
		return -1;
	if (md_parse(d, md_path, md, len, &doc) != 0)
		goto out;
	geom_of(st, &g);
	pdf_choices(d, md_path, &doc, st, o->fonts_path, &titles, &alts);
	for (i = 0; i < doc.n && o->title == NULL && title == NULL; i++)
		if (doc.blocks[i].kind == BLK_TITLE)
			title = md_block_text(&doc.blocks[i]);
	for (i = 0; i < P_COUNT; i++)
		parts[i].name = part_names[i];
	if (part_content_types(&parts[P_TYPES].data) != 0)
		failed = P_TYPES;
	else if (part_rels(&parts[P_RELS].data) != 0)
		failed = P_RELS;
	else if (part_core(o->title != NULL ? o->title : title, o->author, o->subject,
	    o->source_date, &parts[P_CORE].data) != 0)
		failed = P_CORE;
	else if (part_app(&parts[P_APP].data) != 0)
		failed = P_APP;
	else if (part_document(d, st, &g, &doc, titles, &parts[P_DOC].data) != 0)
		failed = P_DOC;
	else if (part_document_rels(&parts[P_DOC_RELS].data) != 0)
		failed = P_DOC_RELS;
	else if (part_styles(st, &g, &parts[P_STYLES].data) != 0)
		failed = P_STYLES;
	else if (part_settings(&parts[P_SETTINGS].data) != 0)
		failed = P_SETTINGS;
	else if (part_fonts(st, &alts, &parts[P_FONTS].data) != 0)
		failed = P_FONTS;
	else if (part_footer(st, &g, 0, &parts[P_FOOTER1].data) != 0)
		failed = P_FOOTER1;
	else if (part_footer(st, &g, 1, &parts[P_FOOTER2].data) != 0)
		failed = P_FOOTER2;
	if (failed >= 0) {
		struct srcpos pos = { md_path, 0, 0 };

		diag_error(d, &pos, "无法生成 .docx 的 %s（libxml2 出错）", part_names[failed]);
		goto out;
	}
	rc = package_zip(d, md_path, parts, P_COUNT, out);
out:
	for (i = 0; i < P_COUNT; i++)
		buf_free(&parts[i].data);
	free(title);
	if (titles != NULL)
		title_lines_free(titles, doc.n);
	free(titles);
	font_alts_free(&alts);
	md_free(&doc);
	style_free(st);
	return rc;
}
