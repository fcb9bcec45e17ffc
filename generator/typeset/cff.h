/*
 * cff.h: the few facts of a CFF font program (an OpenType font's 'CFF '
 * table) that a PDF needs and HarfBuzz does not tell: its font name,
 * whether it is CID-keyed and its character collection (ROS), and the CID
 * of each glyph (a CIDFontType0's codes select glyphs by CID).
 */
#ifndef SHUZHI_CFF_H
#define SHUZHI_CFF_H

#include <stddef.h>

struct cff_info {
	const unsigned char	*p;		/* the table, not owned */
	size_t			 len;
	unsigned		 nglyphs;	/* CharStrings count */
	int			 cid_keyed;	/* the Top DICT has ROS */
	char			 name[64];	/* the Name INDEX's font name, PDF-name safe */
	/* The ROS of a CID-keyed font; "Adobe" "Identity" 0 otherwise. */
	char			 registry[32];
	char			 ordering[32];
	int			 supplement;
	size_t			 charset;	/* offset; 0..2: a predefined charset */
};

/* Read the table; -1 when it is not a CFF (version 1) font program. */
int		 cff_read(const unsigned char *p, size_t len, struct cff_info *);
/*
 * The CID of glyph gid in a CID-keyed font (its charset); the glyph id
 * itself in a name-keyed one.  -1 when gid or the charset is out of range.
 */
long		 cff_cid(const struct cff_info *, unsigned gid);

#endif
