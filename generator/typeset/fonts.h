/*
 * fonts.h: fonts by role (fonts/fonts.yaml).  Each role (title, body, hei,
 * kai, page-number...) lists candidate fonts in order, as files or as
 * family names found through fontconfig (fontfind.h); a character is
 * drawn with the first available face that has it.  TrueType and
 * OpenType/CFF outlines, single files and collections.  The build stage
 * uses fontset_check() to find characters no font can draw before
 * typesetting.
 */
#ifndef SHUZHI_FONTS_H
#define SHUZHI_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include <hb.h>

#include "../diag/diag.h"

struct style;
struct fontset;

/* One face of a font file (a .ttc or .otc holds several). */
struct font_face {
	char		*path;		/* as found */
	unsigned	 index;		/* face in a collection */
	int		 id;		/* position in the fontset's faces */
	hb_blob_t	*blob;
	hb_face_t	*face;
	hb_font_t	*font;		/* scaled to upem */
	unsigned	 upem;
	double		 em_top;	/* top of the ideographic em box, em above baseline */
	/* Filled when the face is opened, read only afterwards (by any thread): */
	uint64_t	*has;		/* bit cp: a glyph for BMP code point cp */
	uint64_t	*centred;	/* bit cp: a closing mark centred the Traditional way */
	int		 mapped;	/* blob is the file mapped read-only */
	int		 cff;		/* CFF outlines (OpenType), else TrueType (glyf) */
	char		*family;	/* its family and style names (name table), for reports */
	char		*style;
};

/*
 * Load fonts.yaml.  Relative file names are relative to its folder (a
 * bare name not there is looked for among the installed fonts), family
 * names are looked for in its folder and among the installed fonts;
 * candidates not found are skipped (users' licensed fonts are optional).
 * When style is not NULL, every role it names must exist.  NULL after
 * errors.
 */
struct fontset	*fontset_load(struct diag *, const char *path, const struct style *);
void		 fontset_free(struct fontset *);
/* Every role style names must be in the fontset (loaded from path); -1 after errors. */
int		 fontset_check_style(struct diag *, const struct fontset *,
		    const struct style *, const char *path);

/* 1 when the role is defined. */
int		 fontset_has_role(const struct fontset *, const char *role);
/*
 * The face that draws cp in role: the first candidate with a glyph for it.
 * NULL when none has it, or cp is outside the BMP (libharu cannot encode
 * those).  For bold, the role's bold faces are tried first, then the bold
 * face of the regular face's family; *fake is set to 1 when the face
 * found is not bold (draw it stroked).  Not const: the bold face of a
 * family found while loading is opened when first drawn with (no report
 * uses most of them).
 */
const struct font_face *fontset_find(const struct fontset *, const char *role,
		    uint32_t cp);
const struct font_face *fontset_find_bold(struct fontset *, const char *role,
		    uint32_t cp, int *fake);
/* 1 when some face of any role can draw cp (for checks before typesetting). */
int		 fontset_any_has(const struct fontset *, uint32_t cp);
/*
 * Check that cp can be drawn in role; otherwise report the reason at pos
 * and return -1.
 */
int		 fontset_check(const struct fontset *, struct diag *,
		    const struct srcpos *, const char *role, uint32_t cp);

size_t		 fontset_nfaces(const struct fontset *);
const struct font_face *fontset_face(const struct fontset *, size_t);
/* The files serving a role, in order (for "shuzhi fonts"-style reports). */
size_t		 fontset_role_faces(const struct fontset *, const char *role,
		    const struct font_face ***faces);

/* A role as loaded, for "shuzhi fonts". */
struct font_role_info {
	const char			*name;
	const struct font_face *const	*reg;	/* in order: the first serves, the rest fall back */
	size_t				 nreg;
	const struct font_face *const	*bold;
	size_t				 nbold;
	const char *const		*unused; /* candidates not installed or not usable */
	size_t				 nunused;
	const char *const		*why;	/* unused[i]: why, in Chinese */
	const struct font_face *const	*partner; /* reg[i]'s own bold face, or NULL */
	const char			*note;	/* what fonts.yaml says of the serving candidate */
};
size_t		 fontset_nroles(const struct fontset *);
/* Role i; opens the bold faces fontset_find_bold() would open when first asked. */
void		 fontset_role_info(struct fontset *, size_t, struct font_role_info *);

/* 1 when the face has a glyph for cp (and cp is in the BMP, where libharu can encode it). */
int		 face_has(const struct font_face *, uint32_t cp);
/* Advance of cp in em (0 when the face lacks it). */
double		 face_advance(const struct font_face *, uint32_t cp);
/* Ink box of cp in em, relative to the glyph origin; -1 when absent. */
int		 face_ink(const struct font_face *, uint32_t cp, double *x0,
		    double *x1, double *y0, double *y1);
/*
 * Let go of the file's pages read so far (they are read again if needed):
 * the font files are mapped, and a subset touches most of a big one.
 */
void		 face_release_pages(const struct font_face *);

#endif
