/*
 * subset.h: cut a font down to the glyphs a report uses, in memory, ready
 * to be embedded in a PDF.  A TrueType font becomes a FontFile2 with only
 * the tables a CIDFontType2 needs (glyf, loca, head, hhea, hmtx, maxp), no
 * hinting, no layout tables, no cmap (the PDF maps codes to glyphs); an
 * OpenType font with CFF outlines becomes its bare CFF program, without
 * hinting, for a CIDFontType0's FontFile3 /CIDFontType0C.  The work is
 * HarfBuzz's subsetter's.
 */
#ifndef SHUZHI_SUBSET_H
#define SHUZHI_SUBSET_H

#include <stddef.h>
#include <stdint.h>

struct font_face;

struct subset_font {
	unsigned char	*data;		/* the TrueType file or the CFF program (malloc'd) */
	size_t		 len;
	unsigned	 nglyphs;	/* codes 0 .. nglyphs-1: glyph ids, or a CFF's CIDs */
	char		 psname[64];	/* PostScript name (a CFF's font name), PDF-name safe */
	int		 cff;		/* CFF outlines: a CIDFontType0 */
	/* A CFF's character collection (its ROS, or Adobe-Identity-0). */
	char		 registry[32];
	char		 ordering[32];
	int		 supplement;
	/* In 1/1000 em, truncated as PDF libraries do: the em box (hhea is set to it) and head's box. */
	int		 ascent, descent;
	int		 bbox[4];
};

struct subset_plan;

/*
 * Plan the subset of face holding the code points cps[0..n) (and
 * .notdef): gids[i] gets the code of cps[i] in the PDF font (its glyph id
 * in the subset; in a CFF font, which a CIDFontType0 selects glyphs of by
 * CID, the glyph's CID, or in a name-keyed one its glyph id, kept), and
 * out its code count, names and metrics.  A CFF font's subset is planned
 * by subset_execute(), on the font thread.  NULL when the font's tables
 * are broken (the caller reports).
 */
struct subset_plan *subset_plan(const struct font_face *, const uint32_t *cps, size_t n,
		    uint16_t *gids, struct subset_font *out);
/*
 * Make the planned font (any thread): out->data and out->bbox.  hhea's
 * ascender and descender are set to the face's ideographic em box, so
 * that PDF readers see boxes that match the grid.  A CFF program is
 * checked to select each planned glyph by its planned code.  Returns 0,
 * -1 when the subset could not be made.
 */
int		 subset_execute(struct subset_plan *, struct subset_font *out);
void		 subset_plan_free(struct subset_plan *);
/* Free out->data (len stays). */
void		 subset_font_free(struct subset_font *);

#endif
