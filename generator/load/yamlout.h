/*
 * yamlout.h: writing YAML text by hand (for files people then edit):
 * scalars quoted only when they must be, and comment lines.
 */
#ifndef SHUZHI_YAMLOUT_H
#define SHUZHI_YAMLOUT_H

#include "../util/buf.h"

/*
 * Append s as a block-context YAML scalar that reads back as the same
 * string under YAML 1.2 and 1.1: plain when that is safe, else in double
 * quotes with escapes.
 */
void	 yaml_put_scalar(struct buf *, const char *s);
/* 1 when s can be written plain and still reads back as that string. */
int	 yaml_plain_ok(const char *s);
/*
 * Append text as comment lines ("# ..."), each indented by indent
 * spaces; a newline in text starts a new comment line.
 */
void	 yaml_put_comment(struct buf *, int indent, const char *text);
/* Append indent spaces. */
void	 yaml_put_indent(struct buf *, int indent);

#endif
