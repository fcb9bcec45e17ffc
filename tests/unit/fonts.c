/*
 * fonts.c: unit tests of the fontset's tables filled at load
 * (typeset/fonts.c): for every face fonts/fonts.yaml opens, face_has()
 * answers what HarfBuzz's cmap lookup answers for each BMP code point,
 * and fontset_any_has() is true exactly where some face has the code point.
 */
#include <stdio.h>
#include <stdlib.h>

#include <hb.h>

#include "diag/diag.h"
#include "typeset/fonts.h"

#include "tap.h"

static int
hb_has(const struct font_face *f, uint32_t cp)
{
	hb_codepoint_t g;

	return hb_font_get_nominal_glyph(f->font, cp, &g) && g != 0;
}

int
main(void)
{
	struct diag *d;
	struct fontset *fs;
	size_t i, n, wrong_any = 0;
	uint32_t cp;
	char name[600], detail[200];

	d = diag_new(stderr);
	if ((fs = fontset_load(d, "fonts/fonts.yaml", NULL)) == NULL) {
		check(0, "fonts/fonts.yaml loads", "see stderr");
		diag_free(d);
		return tap_status();
	}
	n = fontset_nfaces(fs);
	check(n > 0, "fonts/fonts.yaml opens faces", "none");
	for (i = 0; i < n; i++) {
		const struct font_face *f = fontset_face(fs, i);
		size_t wrong = 0, have = 0;
		uint32_t first = 0;

		for (cp = 0; cp < 0x10000; cp++) {
			have += (size_t)face_has(f, cp);
			if (face_has(f, cp) != hb_has(f, cp) && wrong++ == 0)
				first = cp;
		}
		snprintf(name, sizeof(name), "face_has() is HarfBuzz's lookup: %s (%u), %zu code points",
		    f->path, f->index, have);
		snprintf(detail, sizeof(detail), "%zu differ, the first U+%04X", wrong, (unsigned)first);
		check(wrong == 0 && have > 0, name, detail);
	}
	for (cp = 0; cp < 0x10000; cp++) {
		int some = 0;

		for (i = 0; i < n && !some; i++)
			some = face_has(fontset_face(fs, i), cp);
		wrong_any += fontset_any_has(fs, cp) != some;
	}
	snprintf(detail, sizeof(detail), "%zu code points differ", wrong_any);
	check(wrong_any == 0, "fontset_any_has() is some face's face_has()", detail);
	check(!face_has(fontset_face(fs, 0), 0x20000) && !fontset_any_has(fs, 0x20000),
	    "nothing outside the BMP", "U+20000 found");
	fontset_free(fs);
	diag_free(d);
	return tap_status();
}
