/*
 * yamlerr.c: a YAML syntax error told as the author's mistake.  libyaml
 * stops where it can no longer go on, often a line or two after the
 * mistake, and says why in English.  Here the source text around its
 * marks is read again, a line at a time, for the mistakes people who type
 * with a Chinese input method make: a full-width colon after a key, a
 * missing colon, a value starting with a character YAML reserves, a line
 * break pasted into a text, a list item without "- ", indentation that
 * does not line up, full-width spaces or tabs in the indentation.  The
 * message names the line of the mistake, its cause and what to type.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yamlerr.h"
#include "yamlline.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define NAME_MAX_CHARS	12		/* a name before "：" in a facts map */

const char yaml_fullwidth_indent_msg[] =
    "缩进用了全角空格“　”：YAML 只认半角空格的缩进，请把行首的全角空格换成半角空格"
    "（shuzhi fix 可以自动改正）";

/* What is being explained. */
struct ctx {
	const struct yaml_text	*t;
	const yaml_parser_t	*p;
	struct yaml_fault	*f;
};

static void
fault(struct ctx *x, const struct yline *l, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
fault(struct ctx *x, const struct yline *l, const char *at, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	x->f->line = (int)l->no + 1;
	x->f->col = yl_col(l, at);
	x->f->msg = buf_take(&b);
}

/* The message is built in a buf: fault() with it. */
static void
fault_buf(struct ctx *x, const struct yline *l, const char *at, struct buf *b)
{
	fault(x, l, at, "%s", b->data);
	buf_free(b);
}

/* --- Full-width spaces and tabs in the indentation ----------------------- */

static int
fullwidth_indent(struct ctx *x)
{
	const yaml_parser_t *p = x->p;
	size_t lines[2] = { p->problem_mark.line, p->context_mark.line }, i;
	struct yline l;
	int col;

	for (i = 0; i < (p->context != NULL ? 2u : 1u); i++)
		if ((col = yaml_fullwidth_indent(x->t, lines[i])) > 0) {
			yl_read(x->t, lines[i], &l);
			fault(x, &l, yl_at(&l, (size_t)col - 1), "%s", yaml_fullwidth_indent_msg);
			return 1;
		}
	return 0;
}

static int
tab_indent(struct ctx *x)
{
	const yaml_parser_t *p = x->p;
	struct yline l;
	const char *tab, *at;

	yl_read(x->t, p->problem_mark.line, &l);
	at = yl_at(&l, p->problem_mark.column);
	if ((p->problem == NULL || strstr(p->problem, "tab") == NULL) && !(at < l.e && *at == '\t'))
		return 0;
	for (tab = l.s; tab < l.e && *tab == ' '; tab++)
		continue;
	if (tab < l.e && *tab == '\t') {
		fault(x, &l, tab, "%s", "行首用了 Tab 缩进：YAML 只认空格缩进，请把行首的 Tab "
		    "换成空格，与同一层的键或“- ”对齐");
		return 1;
	}
	if (at < l.e && *at == '\t') {
		fault(x, &l, at, "%s", "这里有一个 Tab 字符，YAML 不允许它出现在这个位置：请换成空格");
		return 1;
	}
	return 0;
}

/* --- A value that starts with a character YAML reserves ------------------ */

/* What YAML takes c (at the start of a value, then n) for, or NULL. */
static const char *
indicator_meaning(const char *v, const char *e)
{
	char c = *v, n = v + 1 < e ? v[1] : ' ';

	switch (c) {
	case '"': case '\'': return "YAML 把开头的引号当成了整个值的引号，引号后面的文字就接不上了";
	case '[': return "YAML 把“[”当成了列表的开始";
	case ']': case '}': case ',': return "YAML 不允许值以它开头";
	case '{': return "YAML 把“{”当成了映射的开始";
	case '*': return "YAML 把“*”当成了别名的标记";
	case '&': return "YAML 把“&”当成了锚点的标记";
	case '!': return "YAML 把“!”当成了标签的标记";
	case '%': return "YAML 把“%”当成了指令的标记";
	case '@': case '`': return "YAML 保留了这个符号，值不能以它开头";
	case '|': case '>': return "YAML 把它当成了多行文字的标记，它后面不能再有文字";
	case '-': return yl_blank(n) ? "YAML 把“- ”当成了列表项的标记" : NULL;
	case '?': return yl_blank(n) ? "YAML 把“? ”当成了键的标记" : NULL;
	case ':': return yl_blank(n) ? "YAML 把“: ”当成了键和值之间的冒号" : NULL;
	}
	return NULL;
}

enum quoting { QUOTE_FINE, QUOTE_TEXT_AFTER, QUOTE_UNCLOSED };

/*
 * A quoted value is a mistake only when text follows its closing quote,
 * or it does not close on its line.
 */
static enum quoting
quote_use(const char *v, const char *e)
{
	const char *p;

	for (p = v + 1; p < e; p++) {
		if (*p == '\\' && *v == '"') {
			p++;
			continue;
		}
		if (*p != *v)
			continue;
		if (*v == '\'' && p + 1 < e && p[1] == '\'') {
			p++;
			continue;
		}
		p = yl_skip_blanks(p + 1, e);
		return p < e && *p != '#' ? QUOTE_TEXT_AFTER : QUOTE_FINE;
	}
	return QUOTE_UNCLOSED;
}

/* "[2021]12号": a document number, whose year goes in 〔〕. */
static int
is_doc_number(const char *v, const char *e)
{
	return e - v >= 6 && v[0] == '[' && strspn(v + 1, "0123456789") >= 4 &&
	    v[5] == ']';
}

static int
indicator_on(struct ctx *x, size_t no)
{
	const yaml_parser_t *p = x->p;
	const char *meaning, *end;
	struct yline l;
	struct buf b;
	size_t vcol;
	enum quoting q;

	yl_read(x->t, no, &l);
	if (l.value == NULL || (meaning = indicator_meaning(l.value, l.e)) == NULL)
		return 0;
	vcol = (size_t)yl_col(&l, l.value) - 1;
	if (!((p->problem_mark.line == no && p->problem_mark.column >= vcol) ||
	    (p->context != NULL && p->context_mark.line == no && p->context_mark.column >= vcol)))
		return 0;
	if (*l.value == '"' || *l.value == '\'') {
		if ((q = quote_use(l.value, l.e)) == QUOTE_FINE)
			return 0;
		if (q == QUOTE_UNCLOSED)
			meaning = "YAML 把它当成了引号的开始，但这一行里没有与它配对的结束引号";
	}
	end = yl_text_end(l.value, l.e);
	buf_init(&b);
	if (l.key != NULL)
		buf_printf(&b, "“%.*s”的值", (int)(l.colon - l.key), l.key);
	else
		buf_puts(&b, "这一项");
	buf_printf(&b, "以“%c”开头，%s：", *l.value, meaning);
	if (*l.value == '"')
		buf_puts(&b, "中文的引号请用全角的“”；如果要照原样保留半角引号，");
	if (is_doc_number(l.value, end)) {
		buf_printf(&b, "文号的年份请用六角括号，写成“%s", l.key != NULL ? yl_dash(&l) : "- ");
		if (l.key != NULL)
			buf_printf(&b, "%.*s: ", (int)(l.colon - l.key), l.key);
		buf_printf(&b, "〔%.4s〕", l.value + 1);
		yl_put_excerpt(&b, l.value + 6, end);
		buf_puts(&b, "”；或者");
	}
	buf_puts(&b, "整个值要加引号，写成“");
	if (l.key != NULL)
		buf_printf(&b, "%s%.*s: ", yl_dash(&l), (int)(l.colon - l.key), l.key);
	else
		buf_puts(&b, "- ");
	yl_put_quoted(&b, l.value, end);
	buf_puts(&b, "”");
	fault_buf(x, &l, l.value, &b);
	return 1;
}

static int
indicator(struct ctx *x)
{
	const yaml_parser_t *p = x->p;

	if (p->context != NULL && indicator_on(x, p->context_mark.line))
		return 1;
	return indicator_on(x, p->problem_mark.line);
}

/* --- Colons --------------------------------------------------------------- */

/* "lead：统一思想" or "lead:统一思想" (also "  - lead：…"). */
static int
colon_key(struct ctx *x, const struct yline *l)
{
	const char *name, *colon;
	int wide;
	size_t n = yaml_colon_key(l->s, (size_t)(l->e - l->s), &name, &colon, &wide);
	struct buf b;

	if (n == 0 || (l->key != NULL && l->colon < colon))
		return 0;
	buf_init(&b);
	yl_put_colon_msg(&b, l, name, n, colon, wide);
	fault_buf(x, l, colon, &b);
	return 1;
}
/* A list item's "-" with no blank after it: "-lead: …". */
static int
glued_dash(struct ctx *x, size_t no)
{
	struct yline l;
	char *msg, *key;

	yl_read(x->t, no, &l);
	if (l.key == NULL)
		return 0;
	key = xstrndup(l.key, (size_t)(l.colon - l.key));
	msg = yaml_dash_hint(key);
	free(key);
	if (msg == NULL)
		return 0;
	fault(x, &l, l.key, "%s", msg);
	free(msg);
	return 1;
}

/* "lead 统一思想" or "lead统一思想": a key without its colon. */
static int
missing_colon(struct ctx *x, const struct yline *l)
{
	size_t n = yl_name_len(l->body, l->e);
	const char *after = l->body + n;
	struct buf b;

	if (n == 0 || l->key != NULL || memchr(l->body, ':', (size_t)(l->e - l->body)) ||
	    (after < l->e && !yl_blank(*after) && !((unsigned char)*after & 0x80)))
		return 0;
	buf_init(&b);
	buf_printf(&b, "“%.*s”后面缺少冒号：键和值之间要有半角冒号“:”和一个空格，", (int)n, l->body);
	yl_put_written(&b, l, l->body, n, after);
	fault_buf(x, l, after, &b);
	return 1;
}

/* A short name before "：", as in a facts map ("执勤民兵：120余名"). */
static const char *
name_colon(const struct yline *l)
{
	const char *p = strstr(l->body, FULLWIDTH_COLON);
	size_t chars;

	if (p == NULL || p >= l->e || p == l->body)
		return NULL;
	chars = utf8_count(l->body, (size_t)(p - l->body));
	if (chars > NAME_MAX_CHARS || memchr(l->body, ' ', (size_t)(p - l->body)) != NULL)
		return NULL;
	/* Sentence punctuation makes it a text, not a name. */
	if (strstr(l->body, "，") && strstr(l->body, "，") < p)
		return NULL;
	if (strstr(l->body, "。") && strstr(l->body, "。") < p)
		return NULL;
	return p;
}

static int
name_fullwidth_colon(struct ctx *x, const struct yline *l)
{
	const char *colon = name_colon(l);
	struct buf b;

	if (colon == NULL)
		return 0;
	buf_init(&b);
	buf_printf(&b, "“%.*s”后面用了全角冒号“：”：名称和值之间要用半角冒号“:”加一个空格，",
	    (int)(colon - l->body), l->body);
	yl_put_written(&b, l, l->body, (size_t)(colon - l->body), colon + 3);
	fault_buf(x, l, colon, &b);
	return 1;
}

/* --- Lines that do not fit where they are ---------------------------------- */

/* A line of text without indentation after a line of text: a pasted line break. */
static int
continuation(struct ctx *x, const struct yline *l, const struct yline *pv)
{
	struct yline own;
	struct buf b;
	size_t need;

	yl_owner(x->t, pv, &own);
	buf_init(&b);
	if (own.key == NULL && !own.dash) {
		need = pv->indent;
		buf_puts(&b, "这一行的缩进比上一行的文字少，像是一段文字中间多了一个换行"
		    "（常见于从 Word、网页粘贴的文字）：");
	} else {
		need = yl_owner_col(&own) + 2;
		if (own.key != NULL)
			buf_printf(&b, "这一行像是第 %zu 行“%.*s”的文字", own.no + 1,
			    (int)(own.colon - own.key), own.key);
		else
			buf_printf(&b, "这一行像是第 %zu 行那一项的文字", own.no + 1);
		buf_puts(&b, "中间多了一个换行（常见于从 Word、网页粘贴的文字），"
		    "而续行要缩进得比它的键深：");
	}
	buf_printf(&b, "把它接到第 %zu 行末尾", pv->no + 1);
	if (need > l->indent && l->indent == 0)
		buf_printf(&b, "，或在行首加 %zu 个空格", need);
	else if (need > l->indent)
		buf_printf(&b, "，或在行首再加 %zu 个空格（共 %zu 格）", need - l->indent, need);
	fault_buf(x, l, l->body, &b);
	return 1;
}

/* Whether the list item that starts at line item already has key (up to line end). */
static int
item_has_key(const struct yaml_text *t, const struct yline *item, size_t end, const char *key,
    size_t n)
{
	struct yline l;
	size_t no, col = (size_t)(item->body - item->s);

	for (no = item->no; no < end; no++) {
		yl_read(t, no, &l);
		if (l.key != NULL && (size_t)(l.key - l.s) == col && (size_t)(l.colon - l.key) == n &&
		    strncmp(l.key, key, n) == 0)
			return 1;
	}
	return 0;
}

/*
 * A line at the column of the list items above it, without their "- ":
 * a new item whose "- " was left out, or, when the item above lacks its
 * key, a key of that item indented too little.
 */
static int
missing_dash(struct ctx *x, const struct yline *l)
{
	struct yline up;
	struct buf b;
	size_t n = l->key != NULL ? (size_t)(l->colon - l->key) : 0;

	if (l->dash || !yl_up_to(x->t, l->no, l->indent, &up) || !up.dash ||
	    up.indent != l->indent)
		return 0;
	buf_init(&b);
	if (l->key != NULL && up.key != NULL && !item_has_key(x->t, &up, l->no, l->key, n)) {
		buf_printf(&b, "“%.*s”和上面的列表项“- ”对齐了，像是第 %zu 行那一项的键，却少缩进了"
		    " 2 格：再加 2 个空格，与“%.*s”对齐（共 %zu 格）；如果它是新的一项，前面要加“- ”",
		    (int)n, l->key, up.no + 1, (int)(up.colon - up.key), up.key,
		    (size_t)(up.key - up.s));
		fault_buf(x, l, l->body, &b);
		return 1;
	}
	buf_puts(&b, "这一行和上面的列表项对齐，但前面没有“- ”：新的一项写成“- ");
	yl_put_excerpt(&b, l->body, yl_text_end(l->body, l->e));
	buf_puts(&b, "”");
	if (l->key != NULL)
		buf_printf(&b, "；如果它属于上一项，再缩进 2 格，与上一项的键对齐");
	fault_buf(x, l, l->body, &b);
	return 1;
}
/*
 * A line that does not line up: the nearest indentations above it, of
 * lines of the same kind (list items or keys), below and above its own.
 */
static int
misaligned(struct ctx *x, const struct yline *l)
{
	struct yline up;
	size_t no = l->no, lo = (size_t)-1, hi = (size_t)-1, c, own = (size_t)(l->body - l->s);
	struct buf b;

	if (l->dash)
		own = l->indent;
	while ((lo == (size_t)-1 || hi == (size_t)-1) && yl_prev(x->t, no, &up)) {
		no = up.no;
		if (l->dash ? !up.dash : up.key == NULL)
			continue;
		c = l->dash ? up.indent : (size_t)(up.key - up.s);
		if (c == own)
			return 0;
		if (c < own && lo == (size_t)-1)
			lo = c;
		if (c > own && hi == (size_t)-1)
			hi = c;
	}
	if (lo == (size_t)-1 && hi == (size_t)-1)
		return 0;
	buf_init(&b);
	buf_printf(&b, "这一行缩进了 %zu 格，和上面同一层的%s对不齐（上面", own,
	    l->dash ? "列表项“- ”" : "键");
	if (lo != (size_t)-1)
		buf_printf(&b, "有缩进 %zu 格的", lo);
	if (lo != (size_t)-1 && hi != (size_t)-1)
		buf_puts(&b, "，也");
	if (hi != (size_t)-1)
		buf_printf(&b, "有缩进 %zu 格的", hi);
	buf_puts(&b, "）：YAML 靠缩进分层，同一层的键和“- ”要用同样多的空格缩进");
	fault_buf(x, l, l->dash ? l->s + l->indent : l->body, &b);
	return 1;
}

/* A line deeper than the key above it, taken for that key's text. */
static int
deeper_than_key(struct ctx *x, const struct yline *l, const struct yline *pv)
{
	struct yline own;
	size_t col;
	struct buf b;

	if (!yl_has_text(pv) || l->key == NULL)
		return 0;
	yl_owner(x->t, pv, &own);
	if (own.key == NULL)
		return 0;
	col = (size_t)(own.key - own.s);
	if ((size_t)(l->key - l->s) <= col)
		return 0;
	buf_init(&b);
	buf_printf(&b, "“%.*s”比第 %zu 行的“%.*s”多缩进了 %zu 格，被当成了“%.*s”的文字的续行："
	    "同一层的键要对齐，这一行应缩进 %zu 格", (int)(l->colon - l->key), l->key,
	    own.no + 1, (int)(own.colon - own.key), own.key, (size_t)(l->key - l->s) - col,
	    (int)(own.colon - own.key), own.key, col);
	fault_buf(x, l, l->key, &b);
	return 1;
}

/* --- Each of libyaml's problems ------------------------------------------- */

/* "could not find expected ':'": the simple key at the context mark. */
static int
simple_key(struct ctx *x)
{
	struct yline l, pv;
	int haspv;

	yl_read(x->t, x->p->context_mark.line, &l);
	if (l.blank)
		return 0;
	haspv = yl_prev(x->t, l.no, &pv);
	if (colon_key(x, &l) || missing_colon(x, &l))
		return 1;
	/* A name of a facts map where names are: under "facts:", or beside another. */
	if (name_colon(&l) != NULL && (!haspv || !yl_has_text(&pv) ||
	    (pv.key != NULL && l.indent == (size_t)(pv.key - pv.s))))
		return name_fullwidth_colon(x, &l);
	if (!(haspv && yl_has_text(&pv) && yl_ends_open(&pv)) && missing_dash(x, &l))
		return 1;
	if (haspv && yl_has_text(&pv))
		return continuation(x, &l, &pv);
	if (name_fullwidth_colon(x, &l))
		return 1;
	fault(x, &l, l.body, "%s", "这一行应是“键: 值”，但没有半角冒号“:”："
	    "键和值之间要有半角冒号和一个空格，如“lead: 统一思想，提高站位。”");
	return 1;
}

/* "mapping values are not allowed in this context": a ": " where no key can be. */
static int
stray_colon(struct ctx *x)
{
	struct yline l, pv;
	const char *at;
	struct buf b;

	yl_read(x->t, x->p->problem_mark.line, &l);
	at = yl_at(&l, x->p->problem_mark.column);
	if (l.key != NULL && at > l.colon && at < l.e && *at == ':') {
		buf_init(&b);
		buf_printf(&b, "“%.*s”的值里有半角冒号加空格“: ”，YAML 以为后面是一个新的键："
		    "中文里请用全角冒号“：”；或者整个值加引号，写成“%s%.*s: ",
		    (int)(l.colon - l.key), l.key, yl_dash(&l), (int)(l.colon - l.key), l.key);
		yl_put_quoted(&b, l.value, yl_text_end(l.value, l.e));
		buf_puts(&b, "”");
		fault_buf(x, &l, at, &b);
		return 1;
	}
	/* The key on this line was read as the end of a text begun above. */
	if (!yl_prev(x->t, l.no, &pv))
		return 0;
	if (colon_key(x, &pv) || missing_colon(x, &pv))
		return 1;
	if (deeper_than_key(x, &l, &pv))
		return 1;
	return name_fullwidth_colon(x, &pv);
}

/* A key of a list item that does not line up with the item's first key. */
static int
item_key(struct ctx *x, const struct yline *l)
{
	struct yline up;
	size_t col;

	if (!yl_up_to(x->t, l->no, x->p->context_mark.column, &up) || !up.dash ||
	    up.key == NULL)
		return 0;
	col = (size_t)(up.key - up.s);
	fault(x, l, l->key, "“%.*s”缩进了 %zu 格，和第 %zu 行同一项的“%.*s”（%zu 格）对不齐："
	    "同一项中的键要对齐，这一行应缩进 %zu 格", (int)(l->colon - l->key), l->key,
	    l->indent, up.no + 1, (int)(up.colon - up.key), up.key, col, col);
	return 1;
}

/* "did not find expected '-' indicator": a line in a list that is not an item. */
static int
not_an_item(struct ctx *x)
{
	struct yline l;

	yl_read(x->t, x->p->problem_mark.line, &l);
	if (l.blank)
		return 0;
	if (!l.dash && l.indent == x->p->context_mark.column)
		return missing_dash(x, &l) || misaligned(x, &l);
	if (!l.dash && l.key != NULL && l.indent > x->p->context_mark.column &&
	    item_key(x, &l))
		return 1;
	return misaligned(x, &l);
}

/* "did not find expected key": something in a map that is not a key. */
static int
not_a_key(struct ctx *x)
{
	struct yline l;

	yl_read(x->t, x->p->problem_mark.line, &l);
	return !l.blank && misaligned(x, &l);
}

static int
unclosed_quote(struct ctx *x)
{
	struct yline l;
	const char *at;

	if (x->p->context == NULL || strcmp(x->p->context, "while scanning a quoted scalar") != 0)
		return 0;
	yl_read(x->t, x->p->context_mark.line, &l);
	at = yl_at(&l, x->p->context_mark.column);
	if (at >= l.e)
		return 0;
	fault(x, &l, at, "这里开始的引号“%c”一直到文件末尾都没有结束：在文字末尾补上“%c”；"
	    "如果引号是文字的一部分，中文请用全角引号“”", *at, *at);
	return 1;
}

static int
bad_escape(struct ctx *x)
{
	struct yline l;
	const char *at;

	yl_read(x->t, x->p->problem_mark.line, &l);
	at = yl_at(&l, x->p->problem_mark.column);
	if (at >= l.e || *at != '\\')
		return 0;
	fault(x, &l, at, "%s", "双引号中的反斜杠“\\”是转义符，后面的字符不能转义：把两边的双引号换成"
	    "单引号，或把“\\”写成“\\\\”");
	return 1;
}

/* Any other problem in Chinese, at libyaml's mark: never its English. */
static void
generic(struct ctx *x)
{
	static const struct { const char *en, *zh; } t[] = {
		{ "did not find expected key", "这里应是一个键（“键: 值”），可能是缩进没有对齐" },
		{ "mapping values are not allowed in this context",
		  "这里不能出现“: ”：中文里请用全角冒号“：”，或者给整个值加引号" },
		{ "found character that cannot start any token", "值不能以这个字符开头：请给整个值加引号" },
		{ "found unexpected end of stream", "文件意外结束：可能有没有结束的引号或括号" },
		{ "could not find expected ':'", "缺少半角冒号“:”：键和值之间要有半角冒号和一个空格" },
		{ "did not find expected '-' indicator", "这一行应是列表项，前面缺少“- ”，或者缩进没有对齐" },
		{ "did not find expected node content", "这里缺少内容：可能是值以 YAML 的特殊符号开头，"
		  "请给整个值加引号" },
		{ "found unknown escape character", "双引号中有无效的转义“\\”：请改用单引号" },
		{ "found undefined tag handle", "值以“!”开头：请给整个值加引号" },
		{ "did not find expected ',' or ']'", "方括号“[”没有配对的“]”：请给整个值加引号" },
		{ "did not find expected ',' or '}'", "花括号“{”没有配对的“}”：请给整个值加引号" },
		{ "found unexpected ':'", "这里不能出现冒号：请给整个值加引号" },
		{ "did not find expected comment or line break", "这里应该换行：请给整个值加引号" },
		{ "did not find expected <document start>",
		  "一个文件只能有一个 YAML 文档：“---”“...”只能出现在文件开头和末尾" },
		{ "found unexpected document indicator",
		  "“---”“...”只能出现在文件开头和末尾：请给这段文字加引号" },
		{ "block sequence entries are not allowed in this context",
		  "这里不能开始列表项“- ”：可能是缩进没有对齐，或值以“- ”开头（请加引号）" },
		{ "mapping keys are not allowed in this context",
		  "这里不能出现“? ”：请给整个值加引号" },
	};
	const yaml_parser_t *p = x->p;
	const char *zh = "这里的写法无法读取：请检查这一行和上一行的冒号、缩进和引号";
	struct yline l;
	size_t i;

	for (i = 0; p->problem != NULL && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(p->problem, t[i].en) == 0)
			zh = t[i].zh;
	yl_read(x->t, p->problem_mark.line, &l);
	fault(x, &l, yl_at(&l, p->problem_mark.column), "YAML 格式错误：%s", zh);
}

/* The reader's problems: characters YAML does not allow anywhere. */
static void
reader_error(struct ctx *x)
{
	const yaml_parser_t *p = x->p;
	size_t line = 0, off = p->problem_offset;
	struct yline l;

	while (line + 1 < x->t->nlines && x->t->line_start[line + 1] <= off)
		line++;
	yl_read(x->t, line, &l);
	if (off > (size_t)(l.e - x->t->text))
		off = (size_t)(l.e - x->t->text);
	if (p->problem != NULL && strcmp(p->problem, "control characters are not allowed") == 0)
		fault(x, &l, x->t->text + off, "文件中有不允许的控制字符 U+%04X（常随网页或 Word 的"
		    "文字粘贴进来）：请删除它", (unsigned)p->problem_value);
	else
		fault(x, &l, x->t->text + off, "%s", "文件的编码有误：请把文件另存为 UTF-8");
}

void
yaml_explain(const struct yaml_text *t, const yaml_parser_t *p, struct yaml_fault *f)
{
	struct ctx x = { t, p, f };
	struct yline l;
	const char *pr = p->problem != NULL ? p->problem : "";

	memset(f, 0, sizeof(*f));
	if (p->error == YAML_READER_ERROR) {
		reader_error(&x);
		return;
	}
	if (fullwidth_indent(&x) || tab_indent(&x))
		return;
	if (p->context != NULL && glued_dash(&x, p->context_mark.line))
		return;
	if (glued_dash(&x, p->problem_mark.line) ||
	    (yl_prev(t, p->problem_mark.line, &l) && glued_dash(&x, l.no)))
		return;
	if (strcmp(pr, "found unknown escape character") == 0 && bad_escape(&x))
		return;
	if (indicator(&x))
		return;
	if (strcmp(pr, "could not find expected ':'") == 0 && p->context != NULL && simple_key(&x))
		return;
	if (strcmp(pr, "mapping values are not allowed in this context") == 0 && stray_colon(&x))
		return;
	if (strcmp(pr, "did not find expected '-' indicator") == 0 && not_an_item(&x))
		return;
	if (strcmp(pr, "did not find expected key") == 0 && not_a_key(&x))
		return;
	if (strcmp(pr, "found unexpected end of stream") == 0 && unclosed_quote(&x))
		return;
	generic(&x);
}
