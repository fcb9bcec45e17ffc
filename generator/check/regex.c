/*
 * regex.c: PCRE2 for the rules: patterns compiled once in UTF and
 * Unicode-property mode (JIT when the library has it), errors pointed at
 * the exact character of the rule file, matching with limits, and the
 * $1 / %s templates of replacements and messages.
 */
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* Multi-line: texts are scanned joined by line feeds (see scan.c). */
#define REGEX_OPTIONS	(PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE)

/*
 * Bytes a pattern may scan with the interpreter before it is JIT-compiled:
 * at least JIT_MIN_BYTES, and more for a long pattern, whose compiling
 * costs more (a pattern with long word lists costs as much to compile as
 * the interpreter takes to scan a few times its length of text).
 */
#define JIT_MIN_BYTES	512
#define JIT_PER_BYTE	8

int
regex_compile_text(const char *pat, size_t len, struct regex *re, int *err, size_t *erroff)
{
	PCRE2_SIZE off = 0;
	int code = 0;

	memset(re, 0, sizeof(*re));
	re->code = pcre2_compile((PCRE2_SPTR)pat, len, REGEX_OPTIONS, &code, &off, NULL);
	if (re->code == NULL) {
		*err = code;
		*erroff = off;
		return -1;
	}
	re->src = xstrndup(pat, len);
	re->srclen = len;
	pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &re->groups);
	regex_literals(re);
	return 0;
}

int
regex_defer(const char *pat, size_t len, uint32_t groups, struct regex *re)
{
	memset(re, 0, sizeof(*re));
	re->src = xstrndup(pat, len);
	re->srclen = len;
	re->groups = groups;
	regex_literals(re);
	return 0;
}

/* Compile a deferred pattern on its first use; -1 when it does not compile. */
static int
regex_ready(const struct regex *re)
{
	struct regex *w = (struct regex *)re;
	PCRE2_SIZE off;
	int code;

	if (re->code != NULL)
		return 0;
	if (re->src == NULL || re->broken)
		return -1;
	w->code = pcre2_compile((PCRE2_SPTR)re->src, re->srclen, REGEX_OPTIONS, &code, &off, NULL);
	if (w->code == NULL) {
		w->broken = 1;
		return -1;
	}
	return 0;
}

int
regex_compile(struct diag *d, const struct value_doc *doc, const struct value *v,
    struct regex *re)
{
	struct scalar_map m;
	struct srcpos pos;
	PCRE2_UCHAR msg[256];
	size_t erroff;
	int err;

	if (v->kind != VALUE_STRING && v->kind != VALUE_NUMBER) {
		diag_error(d, &v->pos, "正则表达式应为一段文字，这里是%s", value_kind_name(v->kind));
		memset(re, 0, sizeof(*re));
		return -1;
	}
	if (v->len == 0) {
		diag_error(d, &v->pos, "正则表达式不能为空（空的表达式处处都匹配）");
		memset(re, 0, sizeof(*re));
		return -1;
	}
	if (regex_compile_text(v->str, v->len, re, &err, &erroff) == 0) {
		re->pos = v->pos;
		return 0;
	}
	pcre2_get_error_message(err, msg, sizeof(msg));
	/* Point at the character PCRE2 names, inside the YAML scalar. */
	scalar_map_init(&m, doc, v);
	scalar_map_pos(&m, erroff > v->len ? v->len : erroff, &pos);
	scalar_map_free(&m);
	diag_error(d, &pos, "正则表达式有误：%s（PCRE2 错误 %d，偏移 %zu）",
	    (const char *)msg, err, erroff);
	return -1;
}

void
regex_free(struct regex *re)
{
	pcre2_code_free(re->code);
	free(re->src);
	free(re->need);
	memset(re, 0, sizeof(*re));
}

int
regex_next(struct checkctx *c, pcre2_match_data *md, const struct regex *re,
    const char *s, size_t len, size_t *at, PCRE2_SIZE **ov)
{
	PCRE2_SIZE *o;
	size_t next;
	uint32_t cp;
	int rc;

	if (*at > len)
		return 0;
	if (regex_ready(re) != 0)
		return -1;
	if (!re->jit_tried && (c->no_jit || re->scanned + (len - *at) >= JIT_MIN_BYTES +
	    JIT_PER_BYTE * re->srclen)) {
		/*
		 * JIT compiling costs as much as the interpreter scanning a
		 * kilobyte or two of Chinese: patterns the prefilter skips are
		 * never compiled, nor those that only ever see short texts.
		 */
		struct regex *w = (struct regex *)re;

		w->jit = !c->no_jit && pcre2_jit_compile(w->code, PCRE2_JIT_COMPLETE) == 0;
		w->jit_tried = 1;
	}
	if (re->jit)
		rc = pcre2_jit_match(re->code, (PCRE2_SPTR)s, len, *at, 0, md, c->mctx);
	else {
		rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, *at, PCRE2_NO_UTF_CHECK,
		    md, c->mctx);
		if (!re->jit_tried) {
			size_t end = rc >= 0 ? pcre2_get_ovector_pointer(md)[1] : len;

			((struct regex *)re)->scanned += end > *at ? end - *at : 0;
		}
	}
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return -1;
	o = pcre2_get_ovector_pointer(md);
	/* \K in a lookahead can put the start after the end. */
	if (o[0] > o[1])
		o[0] = o[1];
	next = o[1];
	if (next <= *at || o[0] == o[1]) {
		/* An empty match: go on one character later. */
		if (next < *at)
			next = *at;
		if (next < len) {
			size_t k = utf8_decode(s + next, len - next, &cp);
			next += k ? k : 1;
		} else
			next = len + 1;
	}
	*at = next;
	*ov = o;
	return 1;
}

void
expand_groups(const char *tmpl, const char *subject, const PCRE2_SIZE *ov,
    uint32_t ngroups, struct buf *out)
{
	const char *p = tmpl;
	unsigned long g;
	char *end;

	if (out->data == NULL)
		buf_put(out, "", 0);
	while (*p != '\0') {
		if (p[0] != '$') {
			buf_putc(out, *p++);
			continue;
		}
		if (p[1] == '$') {
			buf_putc(out, '$');
			p += 2;
			continue;
		}
		if (p[1] == '{')
			g = strtoul(p + 2, &end, 10);
		else if (p[1] >= '0' && p[1] <= '9')
			g = strtoul(p + 1, &end, 10);
		else {
			buf_putc(out, *p++);
			continue;
		}
		if (p[1] == '{') {
			if (*end != '}') {
				buf_putc(out, *p++);
				continue;
			}
			end++;
		}
		if (g <= ngroups && ov[2 * g] != PCRE2_UNSET)
			buf_put(out, subject + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
		p = end;
	}
}

void
format_message(const char *msg, const char *const *args, size_t nargs, struct buf *out)
{
	const char *p;
	size_t k = 0;

	if (out->data == NULL)
		buf_put(out, "", 0);
	for (p = msg; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 's') {
			if (k < nargs)
				buf_puts(out, args[k]);
			k++;
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			buf_putc(out, '%');
			p++;
		} else
			buf_putc(out, *p);
	}
}
