/*
 * json.h: a string written as a JSON string, the one escaper of every JSON
 * the generator writes (check --format=json and sarif, rules test, schema,
 * diff.json).
 */
#ifndef SHUZHI_JSON_H
#define SHUZHI_JSON_H

#include <stdio.h>

#include "buf.h"

/*
 * Append s as a JSON string: quotes, '"' and '\\' escaped, \n \r \t as
 * such, other bytes below 0x20 as \u00xx, the rest (UTF-8) as it is;
 * null when s is NULL.
 */
void	 json_string(struct buf *, const char *s);
/* The same, written to f. */
void	 json_fputs(FILE *f, const char *s);

#endif
