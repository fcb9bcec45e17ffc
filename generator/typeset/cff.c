/* cff.c: read a CFF font program's name, ROS and charset (the CID of each glyph). */
#include <string.h>

#include "cff.h"

/* An INDEX: count items, their offsets, the data after them. */
struct cindex {
	unsigned	 count;
	unsigned	 offsize;
	size_t		 offsets;	/* where the offset array starts */
	size_t		 data;		/* the byte before the first item (offsets are 1-based) */
	size_t		 end;		/* the byte after the INDEX */
};

static unsigned
get(const unsigned char *p, unsigned n)
{
	unsigned v = 0;

	while (n-- > 0)
		v = v << 8 | *p++;
	return v;
}

static int
index_read(const unsigned char *p, size_t len, size_t off, struct cindex *ix)
{
	size_t last;

	memset(ix, 0, sizeof(*ix));
	if (off + 2 > len)
		return -1;
	ix->count = get(p + off, 2);
	if (ix->count == 0) {
		ix->end = off + 2;
		return 0;
	}
	if (off + 3 > len)
		return -1;
	ix->offsize = p[off + 2];
	if (ix->offsize < 1 || ix->offsize > 4)
		return -1;
	ix->offsets = off + 3;
	if (ix->offsets + (size_t)(ix->count + 1) * ix->offsize > len)
		return -1;
	ix->data = ix->offsets + (size_t)(ix->count + 1) * ix->offsize - 1;
	last = get(p + ix->offsets + (size_t)ix->count * ix->offsize, ix->offsize);
	if (last < 1 || ix->data + last > len)
		return -1;
	ix->end = ix->data + last;
	return 0;
}

/* Item i of the INDEX: [*start, *end) in the table. */
static int
index_item(const unsigned char *p, const struct cindex *ix, unsigned i, size_t *start,
    size_t *end)
{
	size_t a, b;

	if (i >= ix->count)
		return -1;
	a = get(p + ix->offsets + (size_t)i * ix->offsize, ix->offsize);
	b = get(p + ix->offsets + (size_t)(i + 1) * ix->offsize, ix->offsize);
	if (a < 1 || b < a || ix->data + b > ix->end)
		return -1;
	*start = ix->data + a;
	*end = ix->data + b;
	return 0;
}

/* The Top DICT entries wanted here. */
struct topdict {
	long	 charset;
	long	 charstrings;
	long	 ros[3];	/* registry SID, ordering SID, supplement */
	int	 has_ros;
};

/*
 * Run through a DICT: operands are kept (the last three integers), and
 * the operators wanted take them.  Reals are skipped.
 */
static int
dict_read(const unsigned char *p, size_t a, size_t b, struct topdict *td)
{
	long ops[3] = { 0, 0, 0 };
	unsigned nops = 0;

	memset(td, 0, sizeof(*td));
	td->charstrings = -1;
	while (a < b) {
		unsigned b0 = p[a];
		long v;

		if (b0 <= 21) {			/* an operator */
			unsigned op = b0;

			if (b0 == 12) {
				if (a + 1 >= b)
					return -1;
				op = 1200 + p[a + 1];
				a++;
			}
			a++;
			if (op == 15 && nops >= 1)
				td->charset = ops[2];
			else if (op == 17 && nops >= 1)
				td->charstrings = ops[2];
			else if (op == 1230 && nops >= 3) {
				memcpy(td->ros, ops, sizeof(ops));
				td->has_ros = 1;
			}
			nops = 0;
			continue;
		}
		if (b0 == 28) {
			if (a + 3 > b)
				return -1;
			v = (short)get(p + a + 1, 2);
			a += 3;
		} else if (b0 == 29) {
			if (a + 5 > b)
				return -1;
			v = (long)(int)get(p + a + 1, 4);
			a += 5;
		} else if (b0 == 30) {		/* a real: nibbles up to 0xf */
			for (a++; a < b && (p[a] & 0x0F) != 0x0F && (p[a] & 0xF0) != 0xF0; a++)
				;
			a++;
			v = 0;
		} else if (b0 >= 32 && b0 <= 246) {
			v = (long)b0 - 139;
			a++;
		} else if (b0 >= 247 && b0 <= 250) {
			if (a + 2 > b)
				return -1;
			v = ((long)b0 - 247) * 256 + p[a + 1] + 108;
			a += 2;
		} else if (b0 >= 251 && b0 <= 254) {
			if (a + 2 > b)
				return -1;
			v = -((long)b0 - 251) * 256 - p[a + 1] - 108;
			a += 2;
		} else
			return -1;
		ops[0] = ops[1];
		ops[1] = ops[2];
		ops[2] = v;
		nops++;
	}
	return 0;
}

/* Copy a string, keeping only what a PDF name or string takes as it is. */
static void
copy_name(char *out, size_t size, const unsigned char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 1 < size; i++)
		if ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_' || s[i] == '.')
			out[k++] = (char)s[i];
	out[k] = '\0';
}

/* String sid (a custom one: standard strings are not looked up), or "". */
static void
sid_string(const unsigned char *p, const struct cindex *strings, long sid, char *out,
    size_t size)
{
	size_t a, b;

	out[0] = '\0';
	if (sid >= 391 && index_item(p, strings, (unsigned)(sid - 391), &a, &b) == 0)
		copy_name(out, size, p + a, b - a);
}

int
cff_read(const unsigned char *p, size_t len, struct cff_info *ci)
{
	struct cindex names, tops, strings, cs;
	struct topdict td;
	size_t a, b;

	memset(ci, 0, sizeof(*ci));
	if (len < 4 || p[0] != 1 || p[2] < 4)
		return -1;
	if (index_read(p, len, p[2], &names) != 0 ||
	    index_read(p, len, names.end, &tops) != 0 ||
	    index_read(p, len, tops.end, &strings) != 0)
		return -1;
	if (index_item(p, &tops, 0, &a, &b) != 0 || dict_read(p, a, b, &td) != 0)
		return -1;
	if (td.charstrings <= 0 || (size_t)td.charstrings >= len ||
	    index_read(p, len, (size_t)td.charstrings, &cs) != 0 || cs.count == 0)
		return -1;
	if (td.charset < 0 || (size_t)td.charset >= len)
		return -1;
	ci->p = p;
	ci->len = len;
	ci->nglyphs = cs.count;
	ci->charset = (size_t)td.charset;
	ci->cid_keyed = td.has_ros;
	if (index_item(p, &names, 0, &a, &b) == 0)
		copy_name(ci->name, sizeof(ci->name), p + a, b - a);
	strcpy(ci->registry, "Adobe");
	strcpy(ci->ordering, "Identity");
	if (td.has_ros) {
		char r[32], o[32];

		sid_string(p, &strings, td.ros[0], r, sizeof(r));
		sid_string(p, &strings, td.ros[1], o, sizeof(o));
		if (r[0] != '\0' && o[0] != '\0') {
			strcpy(ci->registry, r);
			strcpy(ci->ordering, o);
			ci->supplement = td.ros[2] >= 0 && td.ros[2] < 1000 ? (int)td.ros[2] : 0;
		}
	}
	return 0;
}

long
cff_cid(const struct cff_info *ci, unsigned gid)
{
	const unsigned char *p = ci->p;
	size_t at = ci->charset;
	unsigned g = 1, fmt;

	if (gid >= ci->nglyphs)
		return -1;
	if (!ci->cid_keyed || gid == 0 || ci->charset <= 2)
		return gid;	/* name-keyed: codes are glyph ids; .notdef is CID 0 */
	fmt = p[at++];
	if (fmt == 0)
		return at + 2 * (size_t)gid <= ci->len ? (long)get(p + at + 2 * (size_t)(gid - 1), 2) : -1;
	if (fmt != 1 && fmt != 2)
		return -1;
	while (g < ci->nglyphs) {
		unsigned first, left, rl = fmt == 1 ? 3 : 4;

		if (at + rl > ci->len)
			return -1;
		first = get(p + at, 2);
		left = get(p + at + 2, fmt == 1 ? 1 : 2);
		if (gid <= g + left)
			return (long)first + (gid - g);
		g += left + 1;
		at += rl;
	}
	return -1;
}
