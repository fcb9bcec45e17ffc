/*
 * cmd_fonts.c: shuzhi fonts [CONTENT_DIR]: which font serves each role of
 * fonts/fonts.yaml (its family, file, index in a collection, outline
 * kind), its fallbacks and bold faces, which candidates were skipped and
 * why, and,
 * for a content folder, how its characters are covered: how many each
 * role draws, which come from a fallback font, which no font has, each
 * with where it first stands in the content files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "paths.h"
#include "../diag/diag.h"
#include "../load/model.h"
#include "../load/scalar_map.h"
#include "../load/value.h"
#include "../render/context.h"
#include "../render/mustache.h"
#include "../typeset/fonts.h"
#include "../typeset/style.h"
#include "../typeset/typeset.h"
#include "../util/buf.h"
#include "../files/fsio.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* A character not drawn with its role's first font. */
struct odd {
	uint32_t		 cp;
	size_t			 role;
	int			 bold;
	const struct font_face	*face;	/* the fallback, or NULL: no font has it */
};

struct cover {
	struct fontset		*fs;
	size_t			 nroles;
	struct font_role_info	*ri;
	unsigned char		(*seen)[2][8192];	/* per role and boldness */
	size_t			*count;			/* distinct characters per role */
	size_t			*nfallback;
	unsigned char		 all[8192];
	size_t			 total;
	struct odd		*odd;
	size_t			 nodd;
	size_t			 nmissing;
};

static int
seen_bit(unsigned char *bits, uint32_t cp)
{
	int was = (bits[cp >> 3] >> (cp & 7)) & 1;

	bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
	return was;
}

static void
add_odd(struct cover *c, size_t r, int bold, uint32_t cp, const struct font_face *face)
{
	size_t i;

	for (i = 0; cp > 0xFFFF && i < c->nodd; i++)	/* no bitmap for these */
		if (c->odd[i].cp == cp && c->odd[i].role == r && c->odd[i].bold == bold)
			return;
	c->odd = xreallocarray(c->odd, c->nodd + 1, sizeof(*c->odd));
	c->odd[c->nodd].cp = cp;
	c->odd[c->nodd].role = r;
	c->odd[c->nodd].bold = bold;
	c->odd[c->nodd].face = face;
	c->nodd++;
	if (face == NULL)
		c->nmissing++;
	else
		c->nfallback[r]++;
}

static void
on_char(void *arg, const char *role, int bold, uint32_t cp)
{
	struct cover *c = arg;
	const struct font_role_info *ri;
	const struct font_face *face;
	size_t r;
	int fake = 0, first;

	for (r = 0; r < c->nroles; r++)
		if (strcmp(c->ri[r].name, role) == 0)
			break;
	if (r == c->nroles)
		return;		/* the style names a role fonts.yaml lacks: fontset_load said so */
	ri = &c->ri[r];
	if (cp <= 0xFFFF) {
		if (seen_bit(c->seen[r][bold != 0], cp))
			return;
		if (!seen_bit(c->all, cp))
			c->total++;
		if (!(c->seen[r][!bold][cp >> 3] & (1u << (cp & 7))))
			c->count[r]++;
	} else {
		c->total++;
		c->count[r]++;
	}
	face = bold ? fontset_find_bold(c->fs, role, cp, &fake) : fontset_find(c->fs, role, cp);
	if (bold && !fake)
		first = ri->nbold > 0 && face == ri->bold[0];
	else
		first = ri->nreg > 0 && face == ri->reg[0];
	if (!first)
		add_odd(c, r, bold, cp, face);
}

/* Where cp first stands in the content: the first scalar holding it, in file order. */
static int
find_in_value(const struct value_doc *doc, const struct value *v, const char *s, size_t n,
    struct srcpos *pos)
{
	const char *hit;
	size_t i;

	if (v == NULL)
		return 0;
	if (v->kind == VALUE_LIST || v->kind == VALUE_MAP) {
		for (i = 0; i < v->n; i++)
			if (find_in_value(doc, v->items[i], s, n, pos))
				return 1;
		return 0;
	}
	if (v->str == NULL || (hit = memmem(v->str, v->len, s, n)) == NULL)
		return 0;
	{
		struct scalar_map m;

		scalar_map_init(&m, doc, v);
		scalar_map_pos(&m, (size_t)(hit - v->str), pos);
		scalar_map_free(&m);
	}
	return 1;
}

static int
find_char(const struct report *r, uint32_t cp, struct srcpos *pos)
{
	char s[8];
	size_t n = utf8_encode(cp, s), i;

	for (i = 0; i < r->ndocs; i++)
		if (find_in_value(r->docs[i], value_doc_root(r->docs[i]), s, n, pos))
			return 1;
	return 0;
}

/* A face: its names, outline kind, file and index in a collection. */
static void
print_face(const char *label, const struct font_face *f, const char *of)
{
	printf("  %s  ", label);
	if (f->family != NULL)
		printf("%s%s%s  ", f->family, f->style != NULL ? " " : "",
		    f->style != NULL ? f->style : "");
	printf("%s  %s", f->cff ? "OpenType/CFF" : "TrueType", f->path);
	if (f->index > 0)
		printf("（index %u）", f->index);
	if (of != NULL)
		printf("（%s 的粗体）", of);
	putchar('\n');
}

/* The candidates not used, grouped by why. */
static void
print_unused(const struct font_role_info *ri)
{
	size_t k, j;
	int first = 1;

	for (k = 0; k < ri->nunused; k++) {
		for (j = 0; j < k && strcmp(ri->why[j], ri->why[k]) != 0; j++)
			;
		if (j < k)
			continue;	/* listed with the first of its kind */
		printf("  %s  ", first ? "跳过" : "    ");
		first = 0;
		for (j = k; j < ri->nunused; j++)
			if (strcmp(ri->why[j], ri->why[k]) == 0)
				printf("%s%s", j > k ? "、" : "", ri->unused[j]);
		printf("（%s）\n", ri->why[k]);
	}
}

static void
print_roles(const struct cover *c)
{
	size_t r, k;

	for (r = 0; r < c->nroles; r++) {
		const struct font_role_info *ri = &c->ri[r];
		int bold = 0;

		printf("%s\n", ri->name);
		for (k = 0; k < ri->nreg; k++) {
			print_face(k == 0 ? "首选" : "后备", ri->reg[k], NULL);
			if (k == 0 && ri->note != NULL)
				printf("  说明  %s\n", ri->note);
		}
		for (k = 0; k < ri->nbold; k++, bold++)
			print_face("粗体", ri->bold[k], NULL);
		for (k = 0; k < ri->nreg; k++)
			if (ri->partner[k] != NULL && bold++ >= 0)
				print_face("粗体", ri->partner[k], ri->reg[k]->family != NULL ?
				    ri->reg[k]->family : ri->reg[k]->path);
		if (bold == 0)
			printf("  粗体  （没有粗体字体：描边加粗）\n");
		print_unused(ri);
	}
}

/* The report's Markdown, rendered as the build does. */
static int
render(struct diag *d, const struct report *r, const char *tdir, struct buf *md)
{
	struct value_doc *ctx;
	struct mustache_opts mo;
	char *tpath = path_join(tdir, "report.md.mustache"), *tpl = NULL;
	size_t tlen;
	int ret = -1;

	if ((ctx = context_build(d, r)) != NULL &&
	    read_file(d, tpath, 1u << 20, &tpl, &tlen) == 0) {
		memset(&mo, 0, sizeof(mo));
		mo.escape = ESCAPE_MARKDOWN;
		mo.partials_dir = tdir;
		ret = mustache_render(d, diag_intern(d, tpath), tpl, tlen, value_doc_root(ctx),
		    &mo, md);
	}
	free(tpl);
	free(tpath);
	value_doc_free(ctx);
	return ret;
}

static void
print_cover(const struct cover *c, const struct report *rep, const char *content)
{
	size_t r, i;
	int any;

	printf("\n内容 %s：用到 %zu 个不同的字符\n", content, c->total);
	for (r = 0; r < c->nroles; r++) {
		if (c->count[r] == 0)
			continue;
		printf("  %-12s %5zu 个", c->ri[r].name, c->count[r]);
		if (c->nfallback[r] > 0)
			printf("，%zu 个由后备字体提供\n", c->nfallback[r]);
		else
			printf("，都由首选字体提供\n");
	}
	for (any = 0, i = 0; i < c->nodd; i++) {
		const struct odd *o = &c->odd[i];
		struct srcpos pos;
		char s[8];

		if (o->face == NULL)
			continue;
		if (!any++)
			printf("由后备字体提供的字符：\n");
		s[utf8_encode(o->cp, s)] = '\0';
		printf("  %s U+%04X  %s%s  %s", s, (unsigned)o->cp, c->ri[o->role].name,
		    o->bold ? "（粗体）" : "", o->face->path);
		if (find_char(rep, o->cp, &pos))
			printf("  %s:%d:%d", pos.file, pos.line, pos.col);
		putchar('\n');
	}
	printf(c->nmissing > 0 ? "所有字体都没有的字符：\n" : "所有字体都没有的字符：无\n");
	for (i = 0; i < c->nodd; i++) {
		const struct odd *o = &c->odd[i];
		struct srcpos pos;
		char s[8];

		if (o->face != NULL)
			continue;
		s[utf8_encode(o->cp, s)] = '\0';
		printf("  %s U+%04X  %s", s, (unsigned)o->cp, c->ri[o->role].name);
		if (find_char(rep, o->cp, &pos))
			printf("  %s:%d:%d", pos.file, pos.line, pos.col);
		if (o->cp > 0xFFFF)
			printf("（在基本多文种平面之外，PDF 无法编码）");
		putchar('\n');
	}
}

int
cmd_fonts(int argc, char **argv)
{
	const char *content, *tdir, *fpath, *spath;
	struct settings s;
	struct paths p;
	struct diag *diag;
	struct style *st = NULL;
	struct fontset *fs = NULL;
	struct report *rep = NULL;
	struct cover c;
	struct buf md;
	size_t r;
	int rc;

	if ((rc = options_parse(command_find("fonts"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	rc = EXIT_USAGE;
	content = s.nargs > 0 ? s.args[0] : NULL;
	diag = diag_new(stderr);
	buf_init(&md);
	memset(&c, 0, sizeof(c));
	settings_paths(&s, &p);
	tdir = p.templates;
	spath = p.style;
	fpath = p.fonts;
	if ((st = style_load(diag, spath)) == NULL ||
	    (fs = fontset_load(diag, fpath, st)) == NULL)
		goto out;
	c.fs = fs;
	c.nroles = fontset_nroles(fs);
	c.ri = xcalloc(c.nroles + 1, sizeof(*c.ri));
	for (r = 0; r < c.nroles; r++)
		fontset_role_info(fs, r, &c.ri[r]);
	printf("字体设置 %s\n\n", fpath);
	print_roles(&c);
	rc = 0;
	if (content == NULL)
		goto out;

	rc = EXIT_CONTENT;
	if ((rep = model_load(diag, content)) == NULL) {
		rc = load_failed(content);
		goto out;
	}
	if (render(diag, rep, tdir, &md) != 0)
		goto out;
	c.seen = xcalloc(c.nroles + 1, sizeof(*c.seen));
	c.count = xcalloc(c.nroles + 1, sizeof(*c.count));
	c.nfallback = xcalloc(c.nroles + 1, sizeof(*c.nfallback));
	if (typeset_chars(diag, md.data, md.len, "report.md", spath, on_char, &c) != 0)
		goto out;
	print_cover(&c, rep, content);
	rc = c.nmissing > 0 ? EXIT_CONTENT : 0;
out:
	free(c.ri);
	free(c.seen);
	free(c.count);
	free(c.nfallback);
	free(c.odd);
	buf_free(&md);
	model_free(rep);
	fontset_free(fs);
	style_free(st);
	paths_free(&p);
	diag_free(diag);
	return rc;
}
