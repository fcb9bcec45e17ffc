/*
 * jsonschema.h: the JSON Schema (draft-07) of the content files, made
 * from the schema tables in schema.c, for editors with a YAML language
 * server (completion, Chinese descriptions, type errors as one types).
 */
#ifndef SHUZHI_JSONSCHEMA_H
#define SHUZHI_JSONSCHEMA_H

#include "../util/buf.h"

/* Append the schema as pretty-printed JSON ending in a newline. */
void	 content_json_schema(struct buf *);

#endif
