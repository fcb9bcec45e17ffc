/*
 * fontfind.h: installed fonts found through fontconfig, by family name
 * ("仿宋_GB2312", "Noto Serif CJK SC:bold") or by file name (simfang.ttf
 * in ~/.fonts), the fonts of fonts.yaml's own folder first.  Only the
 * family asked for is taken, never a substitute.  Fontconfig is started
 * on the first question, so a fonts.yaml that names only files costs
 * nothing.  Used by fonts.c while it loads fonts.yaml.
 */
#ifndef SHUZHI_FONTFIND_H
#define SHUZHI_FONTFIND_H

struct fontfind;

/* A finder that also looks in dir (fonts.yaml's folder). */
struct fontfind	*fontfind_new(const char *dir);
void		 fontfind_free(struct fontfind *);

/* What was found: the file, the face in it, its names. */
struct found_font {
	char		*path;
	unsigned	 index;
	int		 weight;	/* fontconfig's scale: 80 regular, 200 bold */
};

/*
 * The face of family spec: "Family" or "Family:style" (fontconfig's
 * properties: bold, black, weight=200, style=Bold...).  Returns 0 and
 * fills *out (out->path malloc'd); otherwise 1 and *why says why
 * (in Chinese): not installed, or no face of that weight.
 */
int		 fontfind_family(struct fontfind *, const char *spec, struct found_font *out,
		    const char **why);
/* An installed font file called name (any case), face index; 0 or 1 as above. */
int		 fontfind_file(struct fontfind *, const char *name, unsigned index,
		    struct found_font *out);
/* 1 when spec names a style or weight after a ':'. */
int		 fontfind_has_style(const char *spec);

#endif
