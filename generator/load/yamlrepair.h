/*
 * yamlrepair.h: the YAML mistakes whose repair is certain, made in a
 * content folder's files before they are parsed (by shuzhi fix): a
 * full-width colon after a content key ("lead：统一思想" -> "lead: 统一思想")
 * and full-width spaces in the indentation (each U+3000 -> two spaces, the
 * width it showed in the editor).  A repair is made only when, in the
 * repaired file, its line's key is read as a key of a map; any other
 * line (a text in quotes or a block, a comment) is left as it was.
 */
#ifndef SHUZHI_YAMLREPAIR_H
#define SHUZHI_YAMLREPAIR_H

#include <stddef.h>
#include <stdio.h>

struct diag;

/*
 * The repaired text of one file (a new string, its length in *outlen) and
 * each repair listed on out (when not NULL) as
 * "path:line:col: 把“…”改为“…” [rule]"; NULL
 * when nothing is to be repaired.  *count: the repairs made.
 */
char	*yaml_repair_text(const char *path, const char *text, size_t len, FILE *out,
	    size_t *outlen, size_t *count);

/*
 * Repair every YAML file of the content folder dir.  With dry_run, print
 * the changes as a unified diff instead of writing them.  Returns the
 * number of repairs, or -1 when a file could not be read or written.
 */
int	 yaml_repair_folder(struct diag *, const char *dir, int dry_run, FILE *out);

#endif
