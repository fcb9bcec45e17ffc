/*
 * load.c: read the rule files (the .yaml files of rules/) and validate
 * every rule: its keys (with a suggestion for typos), kind, level,
 * message, scope and patterns.  A problem is an error at the rule file's
 * line and column; the rule is then left out and the others are kept.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../files/fsio.h"
#include "../util/buf.h"
#include "../util/strdist.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

static const char *const kind_names[] = {
	"pattern", "substitution", "required", "type", "count", "length",
	"consistency", "cross-field", "terms",
};

static const char *const level_names[] = { "error", "warning", "info" };

static const char *const type_names[] = { "text", "number", "list", "map", "year", "date" };

static const char *const against_names[] = {
	"year", "date.year", "unit", "topic", "title", "addressee", "signature", "date",
};

/* Keys every rule may have, and those of each kind. */
static const char *const all_keys[] = {
	"id", "kind", "level", "message", "source", "scope", "exceptions",
	"pattern", "swap", "field", "type", "keys", "min", "max", "either", "against",
	"terms", "examples",
};

static const char *const kind_keys[][8] = {
	[KIND_PATTERN] = { "scope", "exceptions", "pattern", "examples" },
	[KIND_SUBSTITUTION] = { "scope", "exceptions", "swap", "examples" },
	[KIND_REQUIRED] = { "field" },
	[KIND_TYPE] = { "scope", "type", "keys" },
	[KIND_COUNT] = { "field", "min", "max" },
	[KIND_LENGTH] = { "scope", "min", "max", "examples" },
	[KIND_CONSISTENCY] = { "scope", "exceptions", "either", "examples" },
	[KIND_CROSS] = { "scope", "exceptions", "pattern", "against", "min", "max" },
	[KIND_TERMS] = { "scope", "exceptions", "terms", "examples" },
};

/* The message of a terms rule that has none of its own. */
#define TERMS_MESSAGE	"应为“%s”，不是“%s”"
/* What "……" in a term stands for: a few characters within one sentence. */
#define TERMS_GAP	"([^。；！？\\n]{1,15}?)"
#define ELLIPSIS	"\xE2\x80\xA6\xE2\x80\xA6"	/* …… */

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct rload {
	struct diag		*d;
	const struct value_doc	*doc;
	int			 bad;	/* the rule being read has a problem */
};

static int
find_name(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

static void
bad(struct rload *l, const struct srcpos *pos, const char *fmt, const char *a, const char *b)
{
	struct buf m;

	buf_init(&m);
	/* fmt holds at most two %s, filled from a and b. */
	{
		const char *args[2] = { a ? a : "", b ? b : "" };
		format_message(fmt, args, 2, &m);
	}
	diag_error(l->d, pos, "%s", m.data);
	buf_free(&m);
	l->bad = 1;
}

/* A name from a list, or an error with a suggestion. */
static int
pick(struct rload *l, const struct value *v, const char *const *names, size_t n,
    const char *what)
{
	const char *s;
	int k;

	if (v->kind != VALUE_STRING) {
		bad(l, &v->pos, "“%s”应为文字", what, NULL);
		return -1;
	}
	if ((k = find_name(names, n, v->str)) >= 0)
		return k;
	if ((s = str_suggest(v->str, names, n)) != NULL) {
		struct buf m;

		buf_init(&m);
		buf_printf(&m, "未知的%s“%s”，是不是“%s”？", what, v->str, s);
		diag_error(l->d, &v->pos, "%s", m.data);
		buf_free(&m);
		l->bad = 1;
	} else {
		struct buf m;
		size_t i;

		buf_init(&m);
		buf_printf(&m, "未知的%s“%s”（可以是：", what, v->str);
		for (i = 0; i < n; i++)
			buf_printf(&m, "%s%s", i ? "、" : "", names[i]);
		buf_puts(&m, "）");
		diag_error(l->d, &v->pos, "%s", m.data);
		buf_free(&m);
		l->bad = 1;
	}
	return -1;
}

static char *
text_of(struct rload *l, const struct value *v, const char *key)
{
	if (v->kind != VALUE_STRING && v->kind != VALUE_NUMBER) {
		bad(l, &v->pos, "“%s”应为一段文字", key, NULL);
		return NULL;
	}
	return xstrdup(v->str);
}

static int
number_of(struct rload *l, const struct value *v, const char *key, long *out, int signed_ok)
{
	if (v->kind != VALUE_NUMBER || (v->num < 0 && !signed_ok) ||
	    v->num > 1e9 || v->num < -1e9 || v->num != (double)(long)v->num) {
		bad(l, &v->pos, signed_ok ? "“%s”应为整数" : "“%s”应为不小于 0 的整数", key, NULL);
		return -1;
	}
	*out = (long)v->num;
	return 0;
}

/*
 * The byte offset of a map key at kp, found from its value (which comes
 * after it, usually on the same line): back to the key's line, then
 * forward to its column.
 */
static size_t
key_offset(const struct value_doc *doc, const struct srcpos *kp, const struct value *val)
{
	size_t len, off = val->offset, k;
	const char *t = value_doc_text(doc, &len);
	int line = val->pos.line, col = 1;
	uint32_t cp;

	if (off > len || kp->line > line) {
		/* Not before its value (never in libyaml's output): from the top. */
		for (off = 0, line = 1; off < len && line < kp->line; off++)
			if (t[off] == '\n' || (t[off] == '\r' && (off + 1 >= len || t[off + 1] != '\n')))
				line++;
	}
	/* Back to the start of the key's line. */
	while (off > 0) {
		if (t[off - 1] == '\n' || t[off - 1] == '\r') {
			if (line == kp->line)
				break;
			if (t[off - 1] == '\n' && off > 1 && t[off - 2] == '\r')
				off--;
			line--;
		}
		off--;
	}
	while (off < len && col < kp->col) {
		k = utf8_decode(t + off, len - off, &cp);
		off += k ? k : 1;
		col++;
	}
	return off;
}

/* A map key as a scalar node, so a pattern error inside it can be pointed at. */
static void
key_node(const struct value_doc *doc, const struct value *map, size_t i, struct value *kv)
{
	size_t len;
	const char *t = value_doc_text(doc, &len);

	memset(kv, 0, sizeof(*kv));
	kv->kind = VALUE_STRING;
	kv->str = map->keys[i];
	kv->len = strlen(map->keys[i]);
	kv->pos = map->keypos[i];
	kv->offset = key_offset(doc, &map->keypos[i], map->items[i]);
	kv->style = kv->offset < len && t[kv->offset] == '\'' ? STYLE_SINGLE :
	    kv->offset < len && t[kv->offset] == '"' ? STYLE_DOUBLE : STYLE_PLAIN;
}

static int
compile(struct rload *l, const struct value *v, struct regex *re)
{
	if (regex_compile(l->d, l->doc, v, re) != 0) {
		l->bad = 1;
		return -1;
	}
	return 0;
}

static unsigned
parse_scope(struct rload *l, const struct value *v)
{
	unsigned yes = 0, no = 0, bits;
	size_t i, n = v->kind == VALUE_LIST ? v->n : 1;

	for (i = 0; i < n; i++) {
		const struct value *s = v->kind == VALUE_LIST ? v->items[i] : v;
		const char *name;
		int neg;

		if (s->kind != VALUE_STRING) {
			bad(l, &s->pos, "“scope”应为字段名或字段名的列表", NULL, NULL);
			return 0;
		}
		neg = s->str[0] == '!';
		name = s->str + neg;
		if (scope_lookup(name, &bits) != 0) {
			struct value tmp = *s;

			tmp.str = (char *)name;
			tmp.len = strlen(name);
			pick(l, &tmp, scope_names, nscope_names, "范围");
			return 0;
		}
		if (neg)
			no |= bits;
		else
			yes |= bits;
	}
	if (yes == 0 && no != 0)
		scope_lookup("text", &yes);
	return yes & ~no;
}

static void
parse_exceptions(struct rload *l, struct rule *r, const struct value *v)
{
	size_t i;

	if (v->kind != VALUE_LIST) {
		bad(l, &v->pos, "“exceptions”应为列表：每项是一个正则表达式，或 {pattern: …, scope: …}",
		    NULL, NULL);
		return;
	}
	r->exc = xcalloc(v->n ? v->n : 1, sizeof(*r->exc));
	for (i = 0; i < v->n; i++) {
		const struct value *e = v->items[i], *p = e, *sc;
		struct exception *x = &r->exc[r->nexc];

		x->scope = F_ALL;
		if (e->kind == VALUE_MAP) {
			size_t k;

			for (k = 0; k < e->n; k++)
				if (strcmp(e->keys[k], "pattern") != 0 && strcmp(e->keys[k], "scope") != 0)
					bad(l, &e->keypos[k], "例外中未知的键“%s”（可以是 pattern、scope）",
					    e->keys[k], NULL);
			if ((p = value_get(e, "pattern")) == NULL) {
				bad(l, &e->pos, "例外缺少“pattern”", NULL, NULL);
				continue;
			}
			if ((sc = value_get(e, "scope")) != NULL)
				x->scope = parse_scope(l, sc);
		}
		if (compile(l, p, &x->re) == 0)
			r->nexc++;
	}
}

/* A swap's replacement may only name groups its pattern has. */
static void
check_refs(struct rload *l, const struct value *to, uint32_t groups)
{
	const char *p;

	for (p = to->str; (p = strchr(p, '$')) != NULL; p++) {
		unsigned long g;

		if (p[1] == '$') {
			p++;
			continue;
		}
		if (p[1] == '{')
			g = strtoul(p + 2, NULL, 10);
		else if (p[1] >= '0' && p[1] <= '9')
			g = strtoul(p + 1, NULL, 10);
		else
			continue;
		if (g > groups) {
			char num[32];

			snprintf(num, sizeof(num), "%lu", g);
			bad(l, &to->pos, "替换文字引用了不存在的分组 $%s", num, NULL);
		}
	}
}

/* One swap: the wrong form (a regex node) and the right one (text, or {to, message}). */
static void
add_swap(struct rload *l, struct rule *r, const struct value *wrong, const struct value *to)
{
	struct swap *s = &r->swaps[r->nswaps];

	if (compile(l, wrong, &s->re) != 0)
		return;
	if (to->kind == VALUE_MAP) {
		const struct value *t = value_get(to, "to"), *m = value_get(to, "message");
		size_t k;

		for (k = 0; k < to->n; k++)
			if (strcmp(to->keys[k], "to") != 0 && strcmp(to->keys[k], "message") != 0 &&
			    strcmp(to->keys[k], "pattern") != 0)
				bad(l, &to->keypos[k], "替换中未知的键“%s”（可以是 pattern、to、message）",
				    to->keys[k], NULL);
		if (t == NULL) {
			bad(l, &to->pos, "替换缺少“to”（正确写法）", NULL, NULL);
			regex_free(&s->re);
			return;
		}
		if (m != NULL)
			s->message = text_of(l, m, "message");
		to = t;
	}
	if (to->kind == VALUE_NULL)
		s->to = xstrdup("");	/* delete */
	else if ((s->to = text_of(l, to, "swap")) == NULL) {
		regex_free(&s->re);
		free(s->message);
		return;
	}
	check_refs(l, to, s->re.groups);
	r->nswaps++;
}

/*
 * swap: a map of wrong: right, or (for patterns too long for a YAML key,
 * or written over several lines with (?x)) a list of {pattern, to, message}.
 */
static void
parse_swap(struct rload *l, struct rule *r, const struct value *v)
{
	size_t i;

	if ((v->kind != VALUE_MAP && v->kind != VALUE_LIST) || v->n == 0) {
		bad(l, &v->pos, "“swap”应为“错误写法: 正确写法”的映射（错误写法是正则表达式），"
		    "或 {pattern: 错误写法, to: 正确写法} 的列表", NULL, NULL);
		return;
	}
	r->swaps = xcalloc(v->n, sizeof(*r->swaps));
	for (i = 0; i < v->n; i++) {
		const struct value *e = v->items[i], *p;
		struct value kv;

		if (v->kind == VALUE_MAP) {
			key_node(l->doc, v, i, &kv);
			add_swap(l, r, &kv, e);
		} else if (e->kind != VALUE_MAP || (p = value_get(e, "pattern")) == NULL)
			bad(l, &e->pos, "“swap”列表的每一项应为 {pattern: 错误写法, to: 正确写法}",
			    NULL, NULL);
		else
			add_swap(l, r, p, e);
	}
}

/* Append literal text to a pattern, PCRE2's special characters escaped. */
static void
put_literal(struct buf *pat, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strchr("\\^$.|?*+()[]{}", s[i]) != NULL && s[i] != '\0')
			buf_putc(pat, '\\');
		buf_putc(pat, s[i]);
	}
}

/* Append literal text to a replacement, "$" written "$$". */
static void
put_template(struct buf *to, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '$')
			buf_putc(to, '$');
		buf_putc(to, s[i]);
	}
}

/* How many "……" (gaps) a term has. */
static size_t
term_gaps(const char *s)
{
	size_t n = 0;
	const char *p;

	for (p = s; (p = strstr(p, ELLIPSIS)) != NULL; p += strlen(ELLIPSIS))
		n++;
	return n;
}

/*
 * A term as a swap: the wrong form literally, each "……" a short gap kept
 * as it is; where the right form holds the wrong one (“两学一做” holds
 * 两学一做), the wrong form is not matched inside the right one.
 */
static void
term_swap(const char *wrong, const char *right, struct buf *pat, struct buf *to)
{
	const char *p, *q;
	int g = 0;

	if (term_gaps(wrong) == 0)
		for (p = right; (p = strstr(p, wrong)) != NULL; p++) {
			buf_puts(pat, "(?!");
			if (p > right) {
				buf_puts(pat, "(?<=");
				put_literal(pat, right, (size_t)(p - right));
				buf_puts(pat, ")");
			}
			put_literal(pat, p, strlen(p));
			buf_puts(pat, ")");
		}
	for (p = wrong; (q = strstr(p, ELLIPSIS)) != NULL; p = q + strlen(ELLIPSIS)) {
		put_literal(pat, p, (size_t)(q - p));
		buf_puts(pat, TERMS_GAP);
	}
	put_literal(pat, p, strlen(p));
	for (p = right; (q = strstr(p, ELLIPSIS)) != NULL; p = q + strlen(ELLIPSIS)) {
		put_template(to, p, (size_t)(q - p));
		buf_printf(to, "${%d}", ++g);
	}
	put_template(to, p, strlen(p));
}

static void
parse_terms(struct rload *l, struct rule *r, const struct value *v)
{
	size_t i;

	if (v->kind != VALUE_MAP || v->n == 0) {
		bad(l, &v->pos, "“terms”应为“不规范的写法: 规范的写法”的映射（照字面写，“……”代表中间的几个字）",
		    NULL, NULL);
		return;
	}
	r->swaps = xcalloc(v->n, sizeof(*r->swaps));
	for (i = 0; i < v->n; i++) {
		const struct value *to = v->items[i];
		struct swap *sw = &r->swaps[r->nswaps];
		struct buf pat, rep;
		struct value kv;

		key_node(l->doc, v, i, &kv);
		if (v->keys[i][0] == '\0' || strcmp(v->keys[i], ELLIPSIS) == 0) {
			bad(l, &kv.pos, "不规范的写法不能为空", NULL, NULL);
			continue;
		}
		if (to->kind != VALUE_STRING && to->kind != VALUE_NUMBER) {
			bad(l, &to->pos, "规范的写法应为一段文字", NULL, NULL);
			continue;
		}
		if (term_gaps(v->keys[i]) != term_gaps(to->str)) {
			bad(l, &to->pos, "两边的“……”个数应相同（“……”代表中间照原样保留的字）", NULL, NULL);
			continue;
		}
		if (strcmp(v->keys[i], to->str) == 0) {
			bad(l, &to->pos, "规范的写法与不规范的写法相同", NULL, NULL);
			continue;
		}
		buf_init(&pat);
		buf_init(&rep);
		term_swap(v->keys[i], to->str, &pat, &rep);
		if (rep.data == NULL)
			buf_put(&rep, "", 0);
		/* Literal text with escapes: it compiles; that is deferred to its first use. */
		regex_defer(pat.data, pat.len, (uint32_t)term_gaps(v->keys[i]), &sw->re);
		sw->re.pos = kv.pos;
		sw->to = buf_take(&rep);
		buf_free(&pat);
		r->nswaps++;
	}
}

/* examples: {match: [...], ok: [...]}; an item is a text or {text: …, fix: …}. */
static void
parse_examples(struct rload *l, struct rule *r, const struct value *v)
{
	size_t i, k, total = 0;

	if (v->kind != VALUE_MAP) {
		bad(l, &v->pos, "“examples”应为 {match: [应报告的文字…], ok: [不应报告的文字…]}", NULL, NULL);
		return;
	}
	for (i = 0; i < v->n; i++) {
		if (strcmp(v->keys[i], "match") != 0 && strcmp(v->keys[i], "ok") != 0) {
			bad(l, &v->keypos[i], "示例中未知的键“%s”（可以是 match、ok）", v->keys[i], NULL);
			return;
		}
		if (v->items[i]->kind != VALUE_LIST) {
			bad(l, &v->items[i]->pos, "“%s”应为文字的列表", v->keys[i], NULL);
			return;
		}
		total += v->items[i]->n;
	}
	r->examples = xcalloc(total + 1, sizeof(*r->examples));
	for (i = 0; i < v->n; i++) {
		int match = strcmp(v->keys[i], "match") == 0;

		for (k = 0; k < v->items[i]->n; k++) {
			const struct value *e = v->items[i]->items[k], *t = e, *f = NULL;
			struct example *x = &r->examples[r->nexamples];

			if (e->kind == VALUE_MAP) {
				size_t j;

				for (j = 0; j < e->n; j++)
					if (strcmp(e->keys[j], "text") != 0 && strcmp(e->keys[j], "fix") != 0)
						bad(l, &e->keypos[j], "示例中未知的键“%s”（可以是 text、fix）",
						    e->keys[j], NULL);
				t = value_get(e, "text");
				f = value_get(e, "fix");
				if (t == NULL) {
					bad(l, &e->pos, "示例缺少“text”", NULL, NULL);
					continue;
				}
				if (f != NULL && (!match || (r->kind != KIND_SUBSTITUTION &&
				    r->kind != KIND_TERMS))) {
					bad(l, &f->pos, "“fix”只用于 substitution 和 terms 规则应报告的示例",
					    NULL, NULL);
					continue;
				}
			}
			if ((x->text = text_of(l, t, "examples")) == NULL)
				continue;
			if (f != NULL && (x->fix = text_of(l, f, "fix")) == NULL) {
				free(x->text);
				continue;
			}
			x->match = match;
			x->pos = t->pos;
			r->nexamples++;
		}
	}
}

static void
parse_patterns(struct rload *l, struct rule *r, const struct value *v)
{
	size_t i, n = v->kind == VALUE_LIST ? v->n : 1;

	if (v->kind == VALUE_LIST && v->n == 0) {
		bad(l, &v->pos, "至少要有一个正则表达式", NULL, NULL);
		return;
	}
	r->res = xcalloc(n, sizeof(*r->res));
	for (i = 0; i < n; i++)
		if (compile(l, v->kind == VALUE_LIST ? v->items[i] : v, &r->res[r->nres]) == 0)
			r->nres++;
}

static void
free_rule(struct rule *r)
{
	size_t i;

	free(r->id);
	free(r->message);
	free(r->source);
	free(r->against);
	for (i = 0; i < r->nres; i++)
		regex_free(&r->res[i]);
	free(r->res);
	for (i = 0; i < r->nswaps; i++) {
		regex_free(&r->swaps[i].re);
		free(r->swaps[i].to);
		free(r->swaps[i].message);
	}
	free(r->swaps);
	for (i = 0; i < r->nexc; i++)
		regex_free(&r->exc[i].re);
	free(r->exc);
	for (i = 0; i < r->nkeys; i++)
		free(r->keys[i]);
	free(r->keys);
	for (i = 0; i < r->nexamples; i++) {
		free(r->examples[i].text);
		free(r->examples[i].fix);
	}
	free(r->examples);
	memset(r, 0, sizeof(*r));
}

static int
valid_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
	    strlen(s);
}

static void
check_keys(struct rload *l, const struct value *e, enum rule_kind kind)
{
	size_t i, k, n = 0;
	const char *allowed[16];

	for (k = 0; k < 5; k++)
		allowed[n++] = all_keys[k];
	for (k = 0; k < 8 && kind_keys[kind][k] != NULL; k++)
		allowed[n++] = kind_keys[kind][k];
	for (i = 0; i < e->n; i++) {
		const char *key = e->keys[i], *s;

		if (find_name(allowed, n, key) >= 0)
			continue;
		if (find_name(all_keys, NELEM(all_keys), key) >= 0)
			bad(l, &e->keypos[i], "“%s”不适用于 %s 类规则", key, kind_names[kind]);
		else if ((s = str_suggest(key, allowed, n)) != NULL)
			bad(l, &e->keypos[i], "未知的键“%s”，是不是“%s”？", key, s);
		else
			bad(l, &e->keypos[i], "未知的键“%s”", key, NULL);
	}
}

static const struct value *
need(struct rload *l, const struct value *e, const char *key, const char *what)
{
	const struct value *v = value_get(e, key);

	if (v == NULL || v->kind == VALUE_NULL) {
		struct buf m;

		buf_init(&m);
		buf_printf(&m, "规则缺少“%s”（%s）", key, what);
		diag_error(l->d, &e->pos, "%s", m.data);
		buf_free(&m);
		l->bad = 1;
		return NULL;
	}
	return v;
}

static void
parse_limits(struct rload *l, struct rule *r, const struct value *e, int needed)
{
	const struct value *v;

	int sign = r->kind == KIND_CROSS;

	if ((v = value_get(e, "min")) != NULL && number_of(l, v, "min", &r->min, sign) == 0)
		r->has_min = 1;
	if ((v = value_get(e, "max")) != NULL && number_of(l, v, "max", &r->max, sign) == 0)
		r->has_max = 1;
	if (needed && !r->has_min && !r->has_max && !l->bad)
		bad(l, &e->pos, "规则至少要有“min”或“max”之一", NULL, NULL);
	if (r->has_min && r->has_max && r->min > r->max)
		bad(l, &value_get(e, "min")->pos, "“min”不能大于“max”", NULL, NULL);
}

/* Read one rule entry into r; returns 0 when it is usable. */
static int
parse_rule(struct rload *l, const struct value *e, struct rule *r)
{
	const struct value *v;
	int k;

	memset(r, 0, sizeof(*r));
	l->bad = 0;
	r->pos = e->pos;
	if (e->kind != VALUE_MAP) {
		bad(l, &e->pos, "每条规则应为“键: 值”的映射（id、kind、level、message……）", NULL, NULL);
		return -1;
	}
	if ((v = need(l, e, "kind", "规则的类型：pattern、substitution、terms、required、type、"
	    "count、length、consistency 或 cross-field")) == NULL)
		return -1;
	if ((k = pick(l, v, kind_names, NELEM(kind_names), "规则类型")) < 0)
		return -1;
	r->kind = (enum rule_kind)k;
	check_keys(l, e, r->kind);
	if ((v = need(l, e, "id", "规则的标识，如 punct.fullwidth")) != NULL) {
		if (v->kind != VALUE_STRING || !valid_id(v->str))
			bad(l, &v->pos, "规则的标识只能由字母、数字、“.”、“-”和“_”组成", NULL, NULL);
		else
			r->id = xstrdup(v->str);
	}
	if ((v = need(l, e, "level", "级别：error、warning 或 info")) != NULL &&
	    (k = pick(l, v, level_names, NELEM(level_names), "级别")) >= 0)
		r->level = (enum rule_level)k;
	if (r->kind == KIND_TERMS && ((v = value_get(e, "message")) == NULL || v->kind == VALUE_NULL))
		r->message = xstrdup(TERMS_MESSAGE);
	else if ((v = need(l, e, "message", "给作者看的说明")) != NULL)
		r->message = text_of(l, v, "message");
	if ((v = value_get(e, "source")) != NULL && v->kind != VALUE_NULL)
		r->source = text_of(l, v, "source");
	r->scope = F_ALL & ~(F_YEAR | F_DATE);
	if ((v = value_get(e, "scope")) != NULL && kind_keys[r->kind][0] != NULL &&
	    strcmp(kind_keys[r->kind][0], "scope") == 0)
		r->scope = parse_scope(l, v);
	if ((v = value_get(e, "exceptions")) != NULL && r->kind != KIND_TYPE &&
	    r->kind != KIND_REQUIRED && r->kind != KIND_COUNT && r->kind != KIND_LENGTH)
		parse_exceptions(l, r, v);

	switch (r->kind) {
	case KIND_PATTERN:
		if ((v = need(l, e, "pattern", "不应出现的写法，PCRE2 正则表达式")) != NULL)
			parse_patterns(l, r, v);
		break;
	case KIND_SUBSTITUTION:
		if ((v = need(l, e, "swap", "“错误写法: 正确写法”的映射")) != NULL)
			parse_swap(l, r, v);
		break;
	case KIND_TERMS:
		if ((v = need(l, e, "terms", "“不规范的写法: 规范的写法”的映射")) != NULL)
			parse_terms(l, r, v);
		break;
	case KIND_REQUIRED:
	case KIND_COUNT:
		if ((v = need(l, e, "field", "内容中的字段，如 section.items")) != NULL) {
			int countable, requirable;

			if (v->kind != VALUE_STRING ||
			    target_lookup(v->str, &r->target, &countable, &requirable) != 0)
				pick(l, v, target_names, ntarget_names, "字段");
			else if (r->kind == KIND_COUNT && !countable)
				bad(l, &v->pos, "字段“%s”不是列表，不能计数", v->str, NULL);
			else if (r->kind == KIND_REQUIRED && !requirable)
				bad(l, &v->pos,
				    "字段“%s”总是存在（或已由内容格式要求），不能作为 required 规则",
				    v->str, NULL);
		}
		if (r->kind == KIND_COUNT)
			parse_limits(l, r, e, 1);
		break;
	case KIND_TYPE:
		if ((v = need(l, e, "type", "text、number、list、map、year 或 date")) != NULL &&
		    (k = pick(l, v, type_names, NELEM(type_names), "类型")) >= 0)
			r->type = (enum vtype)k;
		if ((v = value_get(e, "keys")) != NULL) {
			size_t i;

			if (r->type != VT_MAP)
				bad(l, &v->pos, "“keys”只用于 type: map", NULL, NULL);
			else if (v->kind != VALUE_LIST)
				bad(l, &v->pos, "“keys”应为允许的键名的列表", NULL, NULL);
			else {
				r->keys = xcalloc(v->n ? v->n : 1, sizeof(char *));
				for (i = 0; i < v->n; i++)
					if ((r->keys[r->nkeys] = text_of(l, v->items[i], "keys")) != NULL)
						r->nkeys++;
			}
		}
		break;
	case KIND_LENGTH:
		parse_limits(l, r, e, 1);
		break;
	case KIND_CONSISTENCY:
		if ((v = need(l, e, "either", "同一事物的几种写法（正则表达式的列表）")) != NULL) {
			if (v->kind != VALUE_LIST || v->n < 2)
				bad(l, &v->pos, "“either”应为至少两种写法的列表", NULL, NULL);
			else
				parse_patterns(l, r, v);
		}
		break;
	case KIND_CROSS:
		if ((v = need(l, e, "pattern", "在文字中找出要比较的值，第一个分组是值")) != NULL) {
			if (v->kind == VALUE_LIST)
				bad(l, &v->pos, "cross-field 规则只能有一个正则表达式", NULL, NULL);
			else
				parse_patterns(l, r, v);
		}
		if ((v = need(l, e, "against", "与之比较的字段：year、date.year、unit……")) != NULL &&
		    (k = pick(l, v, against_names, NELEM(against_names), "比较字段")) >= 0)
			r->against = xstrdup(against_names[k]);
		parse_limits(l, r, e, 0);
		break;
	}
	if ((v = value_get(e, "examples")) != NULL && find_name(kind_keys[r->kind], 8, "examples") >= 0)
		parse_examples(l, r, v);
	if (l->bad) {
		free_rule(r);
		return -1;
	}
	if (r->source == NULL)
		diag_warn(l->d, &r->pos, "规则“%s”没有注明出处（source），请写明依据的标准或规范", r->id);
	return 0;
}

static void
add_rules(struct diag *d, struct ruleset *rs, const char *path)
{
	struct value_doc *doc = value_load_file(d, path);
	const struct value *root;
	struct rload l;
	size_t i, k;

	if (doc == NULL)
		return;
	root = value_doc_root(doc);
	l.d = d;
	l.doc = doc;
	l.bad = 0;
	if (root->kind == VALUE_NULL)
		goto out;
	if (root->kind != VALUE_LIST) {
		diag_error(d, &root->pos, "规则文件的顶层应为规则的列表（每项以“- id: …”开始）");
		goto out;
	}
	for (i = 0; i < root->n; i++) {
		struct rule r;

		if (parse_rule(&l, root->items[i], &r) != 0)
			continue;
		for (k = 0; k < rs->n; k++)
			if (strcmp(rs->rules[k].id, r.id) == 0)
				break;
		if (k < rs->n) {
			const struct value *idv = value_get(root->items[i], "id");
			struct buf m;

			buf_init(&m);
			buf_printf(&m, "规则标识“%s”重复（第一次在 %s:%d）", r.id,
			    rs->rules[k].pos.file, rs->rules[k].pos.line);
			diag_error(d, &idv->pos, "%s", m.data);
			buf_free(&m);
			free_rule(&r);
			continue;
		}
		rs->rules = xreallocarray(rs->rules, rs->n + 1, sizeof(*rs->rules));
		rs->rules[rs->n++] = r;
	}
out:
	value_doc_free(doc);
}

static void
count_groups(struct ruleset *rs)
{
	size_t i, k;

	rs->max_groups = 0;
	for (i = 0; i < rs->n; i++) {
		struct rule *r = &rs->rules[i];

		for (k = 0; k < r->nres; k++)
			if (r->res[k].groups > rs->max_groups)
				rs->max_groups = r->res[k].groups;
		for (k = 0; k < r->nswaps; k++)
			if (r->swaps[k].re.groups > rs->max_groups)
				rs->max_groups = r->swaps[k].re.groups;
		for (k = 0; k < r->nexc; k++)
			if (r->exc[k].re.groups > rs->max_groups)
				rs->max_groups = r->exc[k].re.groups;
	}
}

static int
is_yaml(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '.' && ((n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(e->d_name + n - 4, ".yml") == 0));
}

struct ruleset *
rules_load(struct diag *d, const char *dir)
{
	struct ruleset *rs;
	struct dirent **ents;
	int n, i;

	if ((n = scandir(dir, &ents, is_yaml, alphasort)) < 0) {
		struct srcpos pos = { diag_intern(d, dir), 0, 0 };
		diag_error(d, &pos, "无法读取规则文件夹");
		return NULL;
	}
	rs = xcalloc(1, sizeof(*rs));
	for (i = 0; i < n; i++) {
		char *path = path_join(dir, ents[i]->d_name);

		add_rules(d, rs, path);
		free(path);
		free(ents[i]);
	}
	free(ents);
	count_groups(rs);
	diag_summarize(d);	/* what was not listed of each kind */
	return rs;
}

struct ruleset *
rules_load_file(struct diag *d, const char *path)
{
	struct ruleset *rs = xcalloc(1, sizeof(*rs));

	add_rules(d, rs, path);
	count_groups(rs);
	return rs;
}

size_t
rules_count(const struct ruleset *rs)
{
	return rs != NULL ? rs->n : 0;
}

void
rules_describe(const struct ruleset *rs, size_t i, const char **id, const char **level,
    const char **message, const char **source)
{
	const struct rule *r = &rs->rules[i];

	*id = r->id;
	*level = level_names[r->level];
	*message = r->message;
	*source = r->source;
}

void
rules_message_shown(const char *message, struct buf *out)
{
	const char *p;

	for (p = message; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 's') {
			buf_puts(out, "…");
			p++;
		} else
			buf_putc(out, *p);
	}
}

void
rules_free(struct ruleset *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++)
		free_rule(&rs->rules[i]);
	free(rs->rules);
	free(rs);
}
