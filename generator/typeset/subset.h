/*
 * subset.h: cut a TrueType font down to the glyphs a report uses, in
 * memory, ready to be embedded as a PDF FontFile2: only the tables a
 * CIDFontType2 needs (glyf, loca, head, hhea, hmtx, maxp), no hinting, no
 * layout tables, no cmap (the PDF maps codes to glyphs).  The work is
 * HarfBuzz's subsetter's.
 */
#ifndef SHUZHI_SUBSET_H
#define SHUZHI_SUBSET_H

#include <stddef.h>
#include <stdint.h>

struct font_face;

struct subset_font {
	unsigned char	*data;		/* the TrueType file (malloc'd) */
	size_t		 len;
	unsigned	 nglyphs;	/* glyph ids 0 .. nglyphs-1 */
	char		 psname[64];	/* PostScript name, PDF-name safe */
	/* In 1/1000 em, truncated as PDF libraries do: the em box (hhea is set to it) and head's box. */
	int		 ascent, descent;
	int		 bbox[4];
};

struct subset_plan;

/*
 * Plan the subset of face holding the code points cps[0..n) (and
 * .notdef): gids[i] gets the glyph id of cps[i] in the subset, and out its
 * glyph count, names and metrics.  NULL when the font's tables are
 * broken (the caller reports).
 */
struct subset_plan *subset_plan(const struct font_face *, const uint32_t *cps, size_t n,
		    uint16_t *gids, struct subset_font *out);
/*
 * Make the planned font (any thread): out->data and out->bbox.  hhea's
 * ascender and descender are set to the face's ideographic em box, so
 * that PDF readers see boxes that match the grid.  Returns 0.
 */
int		 subset_execute(struct subset_plan *, struct subset_font *out);
void		 subset_plan_free(struct subset_plan *);
/* Free out->data (len stays). */
void		 subset_font_free(struct subset_font *);

#endif
