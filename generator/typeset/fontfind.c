/* fontfind.c: fonts by family or file name through fontconfig, for fonts.yaml. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>

#include "fontfind.h"
#include "../util/xalloc.h"

/* Every name of every installed face, sorted, so that a name is found by bisection. */
struct fname {
	char		*key;		/* same_key(): the name, or "/" and the file's name */
	FcPattern	*p;
	int		 exact;		/* a full or PostScript name: one face */
	int		 app;		/* in fonts.yaml's folder */
};

struct fontfind {
	char		*dir;
	int		 started;
	FcConfig	*cfg;		/* NULL when fontconfig could not start */
	struct fname	*names;
	size_t		 nnames;
};

/*
 * The folders and caches of Debian's /etc/fonts/fonts.conf and the
 * user's own configuration, without the rest of conf.d: its aliases and
 * rendering rules pick substitutes and hints, and a family is only taken
 * here when it is the one asked for.  Reading them all would cost a build
 * 3 ms more.  FONTCONFIG_FILE, when set, is read instead.
 */
static const char fc_conf[] =
	"<?xml version=\"1.0\"?>\n<fontconfig>\n"
	"<dir>/usr/share/fonts</dir>\n<dir>/usr/local/share/fonts</dir>\n"
	"<dir prefix=\"xdg\">fonts</dir>\n<dir>~/.fonts</dir>\n"
	"<cachedir>/var/cache/fontconfig</cachedir>\n"
	"<cachedir prefix=\"xdg\">fontconfig</cachedir>\n<cachedir>~/.fontconfig</cachedir>\n"
	"<include ignore_missing=\"yes\" prefix=\"xdg\">fontconfig/fonts.conf</include>\n"
	"<include ignore_missing=\"yes\">~/.fonts.conf</include>\n"
	"<include ignore_missing=\"yes\">/etc/fonts/local.conf</include>\n"
	"</fontconfig>\n";

struct fontfind *
fontfind_new(const char *dir)
{
	struct fontfind *ff = xcalloc(1, sizeof(*ff));

	ff->dir = xstrdup(dir);
	return ff;
}

void
fontfind_free(struct fontfind *ff)
{
	size_t i;

	if (ff == NULL)
		return;
	if (ff->cfg != NULL)
		FcConfigDestroy(ff->cfg);
	for (i = 0; i < ff->nnames; i++)
		free(ff->names[i].key);
	free(ff->names);
	free(ff->dir);
	free(ff);
}

/* 1 when the folder holds a font file (else it is not scanned). */
static int
has_font_files(const char *dir)
{
	static const char *const ext[] = { ".ttf", ".ttc", ".otf", ".otc" };
	struct dirent *e;
	DIR *d;
	int found = 0;
	size_t k, n;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while (!found && (e = readdir(d)) != NULL)
		for (k = 0, n = strlen(e->d_name); k < 4 && !found; k++)
			found = n > 4 && strcasecmp(e->d_name + n - 4, ext[k]) == 0;
	closedir(d);
	return found;
}

/*
 * A name as compared: without case, blanks, '-' and '_' (仿宋_GB2312 and
 * 仿宋 GB2312 are one name); a file name with a '/' before it, only its
 * case ignored.
 */
static char *
same_key(const char *name, int file)
{
	char *k = xcalloc(1, strlen(name) + 2), *o = k;

	if (file)
		*o++ = '/';
	for (; *name != '\0'; name++) {
		if (!file && (*name == ' ' || *name == '-' || *name == '_'))
			continue;
		*o++ = *name >= 'A' && *name <= 'Z' ? (char)(*name + 32) : *name;
	}
	*o = '\0';
	return k;
}

static int
fname_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fname *)a)->key, ((const struct fname *)b)->key);
}

static void
add_name(struct fontfind *ff, size_t *cap, const char *name, int file, FcPattern *p,
    int exact, int app)
{
	if (ff->nnames == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		ff->names = xreallocarray(ff->names, *cap, sizeof(*ff->names));
	}
	ff->names[ff->nnames].key = same_key(name, file);
	ff->names[ff->nnames].p = p;
	ff->names[ff->nnames].exact = exact;
	ff->names[ff->nnames++].app = app;
}

static double
number(FcPattern *p, const char *object, double dflt)
{
	FcValue v;

	if (FcPatternGet(p, object, 0, &v) != FcResultMatch)
		return dflt;
	if (v.type == FcTypeInteger)
		return v.u.i;
	if (v.type == FcTypeDouble)
		return v.u.d;
	return dflt;
}

/* A face shuzhi can embed: TrueType or CFF outlines, not a variable font's instance. */
static int
usable(FcPattern *p)
{
	FcChar8 *fmt;
	FcBool var = FcFalse;
	int index = 0;

	if (FcPatternGetString(p, FC_FONTFORMAT, 0, &fmt) != FcResultMatch ||
	    (strcmp((const char *)fmt, "TrueType") != 0 && strcmp((const char *)fmt, "CFF") != 0))
		return 0;
	(void)FcPatternGetBool(p, FC_VARIABLE, 0, &var);
	(void)FcPatternGetInteger(p, FC_INDEX, 0, &index);
	return !var && (index >> 16) == 0;
}

static void
take(FcPattern *p, struct found_font *out)
{
	FcChar8 *file;
	int index = 0;

	(void)FcPatternGetString(p, FC_FILE, 0, &file);
	(void)FcPatternGetInteger(p, FC_INDEX, 0, &index);
	out->path = xstrdup((const char *)file);
	out->index = (unsigned)index;
	out->weight = (int)number(p, FC_WEIGHT, FC_WEIGHT_REGULAR);
}

/* Earlier in the order: the same path and face are found the same way every time. */
static int
before(FcPattern *a, FcPattern *b)
{
	FcChar8 *fa, *fb;
	int ia = 0, ib = 0, c;

	(void)FcPatternGetString(a, FC_FILE, 0, &fa);
	(void)FcPatternGetString(b, FC_FILE, 0, &fb);
	(void)FcPatternGetInteger(a, FC_INDEX, 0, &ia);
	(void)FcPatternGetInteger(b, FC_INDEX, 0, &ib);
	c = strcmp((const char *)fa, (const char *)fb);
	return c < 0 || (c == 0 && ia < ib);
}

/* Index the names of the faces: families, full and PostScript names, file names. */
static void
index_names(struct fontfind *ff)
{
	static const FcSetName sets[2] = { FcSetApplication, FcSetSystem };
	static const char *const objects[3] = { FC_FAMILY, FC_FULLNAME, FC_POSTSCRIPT_NAME };
	size_t cap = 0;
	int k, i, o, j;

	for (k = 0; k < 2; k++) {
		FcFontSet *fs = FcConfigGetFonts(ff->cfg, sets[k]);

		for (i = 0; fs != NULL && i < fs->nfont; i++) {
			FcPattern *p = fs->fonts[i];
			FcChar8 *s;
			const char *base;

			if (!usable(p))
				continue;
			for (o = 0; o < 3; o++)
				for (j = 0; FcPatternGetString(p, objects[o], j, &s) == FcResultMatch; j++)
					add_name(ff, &cap, (const char *)s, 0, p, o > 0, k == 0);
			if (FcPatternGetString(p, FC_FILE, 0, &s) == FcResultMatch) {
				base = strrchr((const char *)s, '/');
				add_name(ff, &cap, base != NULL ? base + 1 : (const char *)s, 1, p, 0,
				    k == 0);
			}
		}
	}
	if (ff->nnames > 0)
		qsort(ff->names, ff->nnames, sizeof(*ff->names), fname_cmp);
}

static FcConfig *
start(struct fontfind *ff)
{
	FcConfig *c;

	if (ff->started)
		return ff->cfg;
	ff->started = 1;
	if (getenv("FONTCONFIG_FILE") != NULL)
		c = FcInitLoadConfigAndFonts();
	else if ((c = FcConfigCreate()) != NULL &&
	    (!FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)fc_conf, FcFalse) ||
	    !FcConfigBuildFonts(c))) {
		FcConfigDestroy(c);
		c = NULL;
	}
	if (c != NULL && has_font_files(ff->dir))
		(void)FcConfigAppFontAddDir(c, (const FcChar8 *)ff->dir);
	ff->cfg = c;
	if (c != NULL)
		index_names(ff);
	return c;
}

/* The names equal to key: [*first, return). */
static size_t
lookup(const struct fontfind *ff, const char *key, size_t *first)
{
	size_t lo = 0, hi = ff->nnames;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(ff->names[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (hi < ff->nnames && strcmp(ff->names[hi].key, key) == 0)
		hi++;
	return hi;
}

int
fontfind_has_style(const char *spec)
{
	const char *colon = strchr(spec, ':');

	return colon != NULL && colon[1] != '\0';
}

/* The wanted weight and style of "Family:props"; the family is spec up to the colon. */
static void
wanted(const char *props, double *weight, char **style)
{
	FcPattern *p;
	FcChar8 *s;
	char *q = xcalloc(1, strlen(props) + 2);

	*weight = FC_WEIGHT_REGULAR;
	*style = NULL;
	q[0] = ':';
	strcpy(q + 1, props);
	if ((p = FcNameParse((const FcChar8 *)q)) != NULL) {
		*weight = number(p, FC_WEIGHT, FC_WEIGHT_REGULAR);
		if (FcPatternGetString(p, FC_STYLE, 0, &s) == FcResultMatch)
			*style = xstrdup((const char *)s);
		FcPatternDestroy(p);
	}
	free(q);
}

/* 1 when one of the face's style names is style. */
static int
has_style(FcPattern *p, const char *style)
{
	char *want = same_key(style, 0), *got;
	FcChar8 *s;
	int i, same = 0;

	for (i = 0; !same && FcPatternGetString(p, FC_STYLE, i, &s) == FcResultMatch; i++) {
		got = same_key((const char *)s, 0);
		same = strcmp(got, want) == 0;
		free(got);
	}
	free(want);
	return same;
}

int
fontfind_family(struct fontfind *ff, const char *spec, struct found_font *out,
    const char **why)
{
	const struct fname *best = NULL;
	double want, best_score = 0;
	char *family = xstrdup(spec), *colon, *style = NULL, *key;
	size_t i, end;

	memset(out, 0, sizeof(*out));
	*why = "没有安装";
	if ((colon = strchr(family, ':')) != NULL)
		*colon = '\0';
	wanted(colon != NULL ? colon + 1 : "", &want, &style);
	key = same_key(family, 0);
	end = start(ff) != NULL ? lookup(ff, key, &i) : (i = 0);
	for (; i < end; i++) {
		const struct fname *n = &ff->names[i];
		double w = number(n->p, FC_WEIGHT, FC_WEIGHT_REGULAR), score;

		*why = "没有这种字重或样式的字形";
		if (style != NULL && !has_style(n->p, style))
			continue;
		/* A full or PostScript name is one face; a family, a choice of weights. */
		score = n->exact && colon == NULL ? 0 : 4 * (w > want ? w - want : want - w);
		score += number(n->p, FC_SLANT, FC_SLANT_ROMAN) != FC_SLANT_ROMAN ? 1000 : 0;
		score += number(n->p, FC_WIDTH, FC_WIDTH_NORMAL) != FC_WIDTH_NORMAL ? 100 : 0;
		/* The report's own folder first, then a fixed order. */
		if (best == NULL || score < best_score ||
		    (score == best_score && (n->app > best->app ||
		    (n->app == best->app && before(n->p, best->p))))) {
			best = n;
			best_score = score;
		}
	}
	/* A bold face asked for and only lighter ones there: not this family's bold. */
	if (best != NULL && want >= FC_WEIGHT_DEMIBOLD &&
	    number(best->p, FC_WEIGHT, FC_WEIGHT_REGULAR) < FC_WEIGHT_DEMIBOLD)
		best = NULL;
	if (best != NULL)
		take(best->p, out);
	free(key);
	free(style);
	free(family);
	return best != NULL ? 0 : 1;
}

int
fontfind_file(struct fontfind *ff, const char *name, unsigned index, struct found_font *out)
{
	const struct fname *best = NULL;
	char *key = same_key(name, 1);
	size_t i, end;

	memset(out, 0, sizeof(*out));
	end = start(ff) != NULL ? lookup(ff, key, &i) : (i = 0);
	for (; i < end; i++) {
		const struct fname *n = &ff->names[i];
		int at = 0;

		(void)FcPatternGetInteger(n->p, FC_INDEX, 0, &at);
		if ((unsigned)at != index)
			continue;
		if (best == NULL || n->app > best->app ||
		    (n->app == best->app && before(n->p, best->p)))
			best = n;
	}
	free(key);
	if (best == NULL)
		return 1;
	take(best->p, out);
	return 0;
}
