/*
 * subset.h: cut a font down to the characters a report uses (HarfBuzz's
 * subsetter) before libharu sees it, so that loading and embedding cost
 * milliseconds instead of a whole 5-17 MB font.
 */
#ifndef SHUZHI_SUBSET_H
#define SHUZHI_SUBSET_H

#include <stddef.h>
#include <stdint.h>

#include "../diag/diag.h"

struct font_face;

/*
 * Write a subset of face holding the code points cps[0..n) (plus .notdef)
 * as a single-face TrueType file in $TMPDIR (or /tmp): cmap kept, hinting
 * dropped, and hhea ascender/descender set to the face's ideographic em
 * box so that PDF readers see boxes that match the grid.  With half set,
 * every glyph advances half an em and the PostScript name is changed: a
 * second font for punctuation squeezed to its inked half.  Returns the
 * new file's name (malloc'd; the caller unlinks it), or NULL after
 * reporting.
 */
char	*subset_to_file(struct diag *, const struct font_face *, const uint32_t *cps,
	    size_t n, int half);

#endif
