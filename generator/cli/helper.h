/*
 * helper.h: shuzhi's helper programs, shuzhi-import and shuzhi-docx (they
 * alone link libzip and libxml2; see helper.c), run as children that take
 * their input on a pipe and give back their output.
 */
#ifndef SHUZHI_HELPER_H
#define SHUZHI_HELPER_H

#include <stddef.h>

#include "../util/buf.h"

struct helper_job;

/*
 * Start program prog with the arguments args (NULL-terminated, without
 * argv[0]) and give it in[0..len) on its standard input.  NULL (with a
 * message in err) when it could not be started.
 */
struct helper_job *helper_start(const char *prog, char *const *args, const void *in,
	    size_t len, struct buf *err);
/*
 * Wait for it to end; its standard output goes to out, its standard error
 * to err.  Returns its exit status, or -1 when it was killed by a signal.
 */
int	 helper_finish(struct helper_job *, struct buf *out, struct buf *err);

#endif
