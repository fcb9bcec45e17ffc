/*
 * rules_async.h: load the rules on a second thread while the content
 * loads; they do not depend on each other, and the rules (YAML, PCRE2
 * compilation) are the longer of the two for a short report.  Reports
 * about the rule files are held and printed into the caller's sink when
 * joined, so the output is the same as loading them in turn.
 */
#ifndef SHUZHI_RULES_ASYNC_H
#define SHUZHI_RULES_ASYNC_H

#include "../diag/diag.h"

struct ruleset;
struct rules_async;

/* Start loading the rules of dir (copied). */
struct rules_async *rules_async_start(const char *dir);
/*
 * Wait for the rules; print what loading them reported into d and count
 * it there.  NULL when they could not be loaded or had errors.  The
 * ruleset stays valid until rules_async_free().
 */
struct ruleset	*rules_async_join(struct rules_async *, struct diag *d);
/* Wait if not joined, free the ruleset and everything else; NULL is fine. */
void		 rules_async_free(struct rules_async *);

#endif
