/* dumplines.h: the lines laid out, as text a test can compare line by line. */
#ifndef SHUZHI_DUMPLINES_H
#define SHUZHI_DUMPLINES_H

#include "layout.h"
#include "linebreak.h"
#include "../util/buf.h"

/* Append every placed line of lay (page, row, element, extent, text) to out. */
void	 lines_dump(const struct line_list *, const struct layout *, struct buf *out);

#endif
