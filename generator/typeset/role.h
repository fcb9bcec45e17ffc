/*
 * role.h: which element of the style sheet each Markdown block is set as,
 * and where a signature and date sit.  The PDF (typeset.c) and the .docx
 * (export/) both ask here, so that the two never disagree.
 */
#ifndef SHUZHI_ROLE_H
#define SHUZHI_ROLE_H

#include "markdown.h"
#include "style.h"

/* The element a block is set as (its style.yaml entry). */
enum elem	 block_elem(const struct md_block *);
/* The heading element a paragraph's run-in title (RUN_HEAD) is set as. */
enum elem	 run_in_elem(const struct md_block *);

/*
 * GB/T 9704-2012 7.3.5.2 (no seal): the right insets, pt, of a signature
 * sig_w wide and a date date_w wide (either may be absent).
 */
void	 signature_insets(const struct style *, double sig_w, double date_w, int has_sig,
	    int has_date, double *sig_right, double *date_right);

#endif
