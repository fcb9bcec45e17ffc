/*
 * context.h: the data the report template sees, computed from the model:
 * numbering in Chinese numerals, the derived title, dates written out,
 * facts put into item bodies, prose normalised.
 */
#ifndef SHUZHI_CONTEXT_H
#define SHUZHI_CONTEXT_H

#include "../load/model.h"
#include "../util/buf.h"

/* Build the template context; NULL after reporting errors. */
struct value_doc *context_build(struct diag *, const struct report *);

/* The derived title: unit + year + 年度 + topic + 述职报告. */
void	 report_title(const struct report *, struct buf *out);

#endif
