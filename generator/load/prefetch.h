/*
 * prefetch.h: the section files of a long report parsed on a second
 * thread, ahead of the loader.  libyaml reads one file at a time, and a
 * report of a hundred sections spends most of its loading there.  The
 * loader takes the files in order; what parsing a file reported is
 * printed into the loader's sink when the file is taken, so the output
 * is the same as parsing them in turn.
 */
#ifndef SHUZHI_PREFETCH_H
#define SHUZHI_PREFETCH_H

#include <stddef.h>

#include "../diag/diag.h"
#include "value.h"

struct prefetch;

/*
 * Start parsing, on a second thread, every other one of the n files
 * (names relative to dir; NULL entries are skipped), each of which must
 * lie within the folder within (value_load_file_within).  What parsing
 * a file reports is held in a sink of its own (diag_hold(d)), merged into
 * d when the file is taken.  NULL when the report is too short for it to pay.
 */
struct prefetch	*prefetch_start(const struct diag *d, const char *dir, const char *within,
		    const char *const *names, size_t n);
/*
 * File i at path: parsed here (into d) or taken from the second thread
 * (its reports printed into d).  NULL when it could not be parsed.
 */
struct value_doc *prefetch_take(struct prefetch *, size_t i, struct diag *d,
		    const char *within, const char *path);
/* Wait for the thread, free what was not taken; NULL is fine. */
void		 prefetch_free(struct prefetch *);

#endif
