/*
 * scalar_map.c: unit tests of the map from a scalar's value back to its
 * source: hand-checked positions in every style, then random texts written
 * by libyaml's own emitter in every style and width, checked byte by byte,
 * and in-place edits checked by loading the edited file again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "load/scalar_map.h"
#include "load/value.h"
#include "util/buf.h"
#include "util/utf8.h"

#include "tap.h"

static struct value_doc *
load(struct diag *d, const char *text, size_t len)
{
	return value_load_text(d, "t.yaml", text, len);
}

/*
 * In the document text, the scalar under key "v" must map the n-th
 * occurrence (from 1) of needle inside its value to line:col.
 */
static void
at(const char *name, const char *text, const char *needle, int nth, int line, int col)
{
	struct diag *d;
	struct value_doc *doc;
	const struct value *v;
	struct scalar_map m;
	struct srcpos pos;
	const char *p;
	char detail[256];
	int k;

	d = diag_new(stderr);
	doc = load(d, text, strlen(text));
	if (doc == NULL || (v = value_get(value_doc_root(doc), "v")) == NULL) {
		check(0, name, "does not load");
		value_doc_free(doc);
		diag_free(d);
		return;
	}
	scalar_map_init(&m, doc, v);
	p = v->str;
	for (k = 0; k < nth && p != NULL; k++) {
		if (k > 0)
			p++;
		p = strstr(p, needle);
	}
	if (p == NULL) {
		check(0, name, "needle not in value");
	} else {
		scalar_map_pos(&m, (size_t)(p - v->str), &pos);
		snprintf(detail, sizeof(detail), "want %d:%d, got %d:%d (exact %d)",
		    line, col, pos.line, pos.col, m.exact);
		check(m.exact && pos.line == line && pos.col == col, name, detail);
	}
	scalar_map_free(&m);
	value_doc_free(doc);
	diag_free(d);
}

static void
hand_cases(void)
{
	at("plain one line", "v: 甲乙,丙\n", ",", 1, 1, 6);
	at("plain after key in Chinese", "名: x\nv: 中文，文字\n", "文字", 1, 2, 7);
	at("plain multi-line", "v: 第一行\n  第二行,尾\n", ",", 1, 2, 6);
	at("plain fold space points at the break", "v: 甲\n  乙\n", " ", 1, 1, 5);
	at("plain two breaks make a line feed", "v: 甲\n\n  乙,\n", ",", 1, 3, 4);
	at("plain trailing blanks dropped", "v: 甲  \n   乙,\n", ",", 1, 2, 5);
	at("plain inner spaces kept", "v: a  b,c\n", ",", 1, 1, 8);
	at("single quoted", "v: '甲''乙,'\n", ",", 1, 1, 9);
	at("single quoted quote", "v: 'it''s'\n", "'", 1, 1, 7);
	at("single quoted folded", "v: '甲\n   乙,'\n", ",", 1, 2, 5);
	at("double quoted", "v: \"甲,乙\"\n", ",", 1, 1, 6);
	at("double quoted after \\\"", "v: \"\\\"甲\\\",\"\n", ",", 1, 1, 10);
	at("double quoted \\u escape", "v: \"\\u4e2d,\"\n", ",", 1, 1, 11);
	at("double quoted \\u escape itself", "v: \"\\u4e2d,\"\n", "中", 1, 1, 5);
	at("double quoted \\n", "v: \"a\\nb,\"\n", ",", 1, 1, 9);
	at("double quoted \\x escape", "v: \"\\x41,\"\n", ",", 1, 1, 9);
	at("double quoted \\U escape", "v: \"\\U0001F600,\"\n", ",", 1, 1, 15);
	at("double quoted folded", "v: \"甲\n  乙,\"\n", ",", 1, 2, 4);
	at("double quoted escaped break", "v: \"甲\\\n   乙,\"\n", ",", 1, 2, 5);
	at("double quoted escaped break keeps blanks", "v: \"甲 \\\n   乙,\"\n", ",", 1, 2, 5);
	at("double quoted blank line", "v: \"甲\n\n  乙,\"\n", ",", 1, 3, 4);
	at("literal", "v: |\n  甲\n  乙,\n", ",", 1, 3, 4);
	at("literal keeps indentation", "v: |\n  甲\n    乙,\n", ",", 1, 3, 6);
	at("literal strip", "v: |-\n  甲,\n", ",", 1, 2, 4);
	at("literal keep", "v: |+\n  甲,\n\n\nw: 1\n", ",", 1, 2, 4);
	at("literal indicator", "v: |2\n    甲,\n", ",", 1, 2, 6);
	at("literal with header comment", "v: | # 注释\n  甲,\n", ",", 1, 2, 4);
	at("folded", "v: >\n  甲\n  乙,\n", ",", 1, 3, 4);
	at("folded fold", "v: >-\n  甲乙\n  丙丁,戊\n", ",", 1, 3, 5);
	at("folded more indented", "v: >\n  甲\n    乙\n  丙,\n", ",", 1, 4, 4);
	at("folded blank line", "v: >\n  甲\n\n  乙,\n", ",", 1, 4, 4);
	at("folded leading blank lines", "v: >\n\n  甲,\n", ",", 1, 3, 4);
	at("anchored plain", "v: &a 甲,\n", ",", 1, 1, 8);
	at("tagged string", "v: !!str 甲,\n", ",", 1, 1, 11);
	at("flow sequence item", "v: 甲,乙\nw: [a, b]\n", ",", 1, 1, 5);
	at("CRLF lines", "x: 1\r\nv: >\r\n  甲\r\n  乙,\r\n", ",", 1, 4, 4);
	at("tab inside text", "v: \"甲\t乙,\"\n", ",", 1, 1, 8);
	at("second occurrence", "v: 甲,乙,丙\n", ",", 2, 1, 7);
	at("after a list", "x:\n  - id: 甲\nv: 统一思想，提高站位。\n", "思", 1, 3, 6);
}

/* The node under key "v" of a map emitted by libyaml. */
static char *
emit(const char *key, const char *val, yaml_scalar_style_t style, int width, size_t *len)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	struct buf *out = calloc(1, sizeof(*out));
	unsigned char *text = malloc(1 << 20);
	size_t written = 0;
	char *res;
	int ok = 1;

	buf_init(out);
	yaml_emitter_initialize(&e);
	yaml_emitter_set_output_string(&e, text, 1 << 20, &written);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, width);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	ok &= yaml_emitter_emit(&e, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	ok &= yaml_emitter_emit(&e, &ev);
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	ok &= yaml_emitter_emit(&e, &ev);
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)key, (int)strlen(key),
	    1, 1, YAML_PLAIN_SCALAR_STYLE);
	ok &= yaml_emitter_emit(&e, &ev);
	yaml_scalar_event_initialize(&ev, NULL, (yaml_char_t *)YAML_STR_TAG,
	    (yaml_char_t *)val, (int)strlen(val), 1, 1, style);
	ok &= yaml_emitter_emit(&e, &ev);
	yaml_mapping_end_event_initialize(&ev);
	ok &= yaml_emitter_emit(&e, &ev);
	yaml_document_end_event_initialize(&ev, 1);
	ok &= yaml_emitter_emit(&e, &ev);
	yaml_stream_end_event_initialize(&ev);
	ok &= yaml_emitter_emit(&e, &ev);
	yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	res = ok ? strndup((char *)text, written) : NULL;
	*len = ok ? written : 0;
	free(text);
	buf_free(out);
	free(out);
	return res;
}

/* Every character of the value must come from where the map says. */
static const char *
verify_map(const struct scalar_map *m)
{
	const struct value *v = m->v;
	size_t i, k;
	uint32_t cp;

	if (!m->exact)
		return "not exact";
	for (i = 0; i < m->n; i += k) {
		const char *src = m->text + m->start[i];
		size_t span;
		int brk;

		k = utf8_decode(v->str + i, m->n - i, &cp);
		if (k == 0)
			return "bad UTF-8 in value";
		span = m->end[i + k - 1] - m->start[i];
		brk = memchr(src, '\n', span) != NULL || memchr(src, '\r', span) != NULL;
		if (i > 0 && m->start[i] < m->start[i - 1])
			return "not in order";
		if (span == k && memcmp(src, v->str + i, k) == 0)
			continue;	/* verbatim */
		if ((cp == ' ' || cp == '\n') && brk)
			continue;	/* folded line break */
		if (v->style == STYLE_DOUBLE && src[0] == '\\')
			continue;	/* escape */
		if (v->style == STYLE_SINGLE && cp == '\'' && span == 2 &&
		    memcmp(src, "''", 2) == 0)
			continue;
		return "a byte maps to the wrong source";
	}
	return NULL;
}

/* Replace value bytes [a, b) by rep in the file; the reloaded value must match. */
static const char *
verify_edit(const struct scalar_map *m, size_t a, size_t b, const char *rep)
{
	static char why[128];
	struct diag *d;
	FILE *null;
	struct value_doc *doc;
	const struct value *nv;
	struct buf file, want, q;
	size_t sa, sb;
	const char *res = NULL;

	if (scalar_map_range(m, a, b, &sa, &sb) != 0)
		return "";	/* not editable here: fine */
	buf_init(&file);
	buf_init(&want);
	buf_init(&q);
	if (scalar_map_quote(m->v->style, rep, strlen(rep), &q) != 0) {
		res = "";
		goto out;
	}
	buf_put(&file, m->text, sa);
	buf_put(&file, q.data, q.len);
	buf_put(&file, m->text + sb, m->textlen - sb);
	buf_put(&want, m->v->str, a);
	buf_puts(&want, rep);
	buf_put(&want, m->v->str + b, m->n - b);
	null = fopen("/dev/null", "w");
	d = diag_new(null);
	doc = load(d, file.data, file.len);
	nv = doc ? value_get(value_doc_root(doc), "v") : NULL;
	if (nv == NULL || nv->len != want.len || memcmp(nv->str, want.data, want.len) != 0) {
		snprintf(why, sizeof(why), "edit [%zu,%zu) -> \"%s\" gives a different value", a, b, rep);
		res = why;
	}
	value_doc_free(doc);
	diag_free(d);
	fclose(null);
out:
	buf_free(&file);
	buf_free(&want);
	buf_free(&q);
	return res;
}

static unsigned long long rng = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void
random_text(struct buf *b, int safe)
{
	static const char *plain[] = {
		"甲", "乙", "中文", "，", ",", "。", "a", "1", " ", "\n", "\n\n", "XXX", "“", "”",
	};
	static const char *pieces[] = {
		"甲", "乙", "中文", "，", ",", "。", "a", "Z", "1", " ", "  ", "\n", "\n\n",
		"'", "\"", "\\", ":", "#", "-", "\t", "“", "”", "XXX", "é", "😀",
	};
	unsigned n = 1 + rnd(30), i;

	buf_reset(b);
	buf_put(b, "", 0);
	for (i = 0; i < n; i++)
		buf_puts(b, safe ? plain[rnd(sizeof(plain) / sizeof(plain[0]))] :
		    pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))]);
}

static void
random_cases(void)
{
	static const yaml_scalar_style_t styles[] = {
		YAML_PLAIN_SCALAR_STYLE, YAML_SINGLE_QUOTED_SCALAR_STYLE,
		YAML_DOUBLE_QUOTED_SCALAR_STYLE, YAML_LITERAL_SCALAR_STYLE,
		YAML_FOLDED_SCALAR_STYLE,
	};
	static const char *names[] = { "plain", "single", "double", "literal", "folded" };
	int counts[5] = { 0 }, bad[5] = { 0 }, edits[5] = { 0 };
	char first[5][300] = { "", "", "", "", "" };
	struct buf b;
	int round;
	size_t si;

	buf_init(&b);
	for (round = 0; round < 3000; round++) {
		for (si = 0; si < 5; si++) {
			struct diag *d;
			FILE *null;
			struct value_doc *doc;
			const struct value *v;
			struct scalar_map m;
			const char *why;
			char *text;
			size_t len, a, c;

			random_text(&b, round & 1);
			text = emit("v", b.data, styles[si], 10 + rnd(20), &len);
			if (text == NULL)
				continue;
			null = fopen("/dev/null", "w");
			d = diag_new(null);
			doc = load(d, text, len);
			v = doc ? value_get(value_doc_root(doc), "v") : NULL;
			/* libyaml may pick another style than asked; count what it used. */
			if (v != NULL && v->str != NULL && strcmp(v->str, b.data) == 0) {
				int k = v->style == STYLE_PLAIN ? 0 : v->style == STYLE_SINGLE ? 1 :
				    v->style == STYLE_DOUBLE ? 2 : v->style == STYLE_LITERAL ? 3 : 4;

				scalar_map_init(&m, doc, v);
				counts[k]++;
				why = verify_map(&m);
				for (c = 0; why == NULL && c < 4 && m.n > 0; c++) {
					a = rnd((unsigned)m.n + 1);
					size_t e = a + rnd((unsigned)(m.n - a) + 1);
					why = verify_edit(&m, a, e, c & 1 ? "，" :
					    v->style == STYLE_PLAIN ? "甲x" : "'\"\\ x");
					if (why != NULL && *why == '\0')
						why = NULL;
					else if (why == NULL)
						edits[k]++;
				}
				if (why != NULL && bad[k]++ == 0)
					snprintf(first[k], sizeof(first[k]), "%s in %.200s", why, text);
				scalar_map_free(&m);
			}
			value_doc_free(doc);
			diag_free(d);
			fclose(null);
			free(text);
		}
	}
	for (si = 0; si < 5; si++) {
		char name[128];

		snprintf(name, sizeof(name), "random %s scalars map back (%d texts, %d edits)",
		    names[si], counts[si], edits[si]);
		check(bad[si] == 0 && counts[si] > 100, name, first[si]);
	}
	buf_free(&b);
}

/* Multi-line plain scalars (libyaml's emitter never writes them). */
static void
random_plain_lines(void)
{
	static const char *words[] = { "甲", "乙丙", "，", ",", "a", "1", "“中”", "XXX", "。" };
	struct buf text, want;
	int round, count = 0, bad = 0;
	char first[300] = "";

	buf_init(&text);
	buf_init(&want);
	for (round = 0; round < 2000; round++) {
		unsigned lines = 1 + rnd(5), l, w, nw;
		struct diag *d;
		FILE *null;
		struct value_doc *doc;
		const struct value *v;
		struct scalar_map m;
		const char *why = NULL;

		buf_reset(&text);
		buf_reset(&want);
		buf_puts(&text, "k: 1\nv: 起");
		buf_puts(&want, "起");
		buf_put(&want, "", 0);
		for (l = 0; l < lines; l++) {
			unsigned breaks = 1 + rnd(3);

			if (l > 0) {
				if (rnd(2))
					buf_puts(&text, "  ");	/* trailing blanks */
				for (w = 0; w < breaks; w++)
					buf_puts(&text, rnd(2) ? "\n" : "\r\n");
				buf_puts(&text, rnd(2) ? "  " : "     ");
				if (breaks == 1)
					buf_putc(&want, ' ');
				for (w = 1; w < breaks; w++)
					buf_putc(&want, '\n');
			}
			nw = 1 + rnd(4);
			for (w = 0; w < nw; w++) {
				const char *s = words[rnd(sizeof(words) / sizeof(words[0]))];
				if (w > 0) {
					const char *sp = rnd(3) ? " " : "  ";
					buf_puts(&text, sp);
					buf_puts(&want, sp);
				}
				buf_puts(&text, s);
				buf_puts(&want, s);
			}
		}
		buf_puts(&text, "\nw: 2\n");
		null = fopen("/dev/null", "w");
		d = diag_new(null);
		doc = load(d, text.data, text.len);
		v = doc ? value_get(value_doc_root(doc), "v") : NULL;
		if (v == NULL || strcmp(v->str, want.data) != 0)
			why = "libyaml reads another value than expected";
		else {
			scalar_map_init(&m, doc, v);
			count++;
			why = verify_map(&m);
			if (why == NULL && m.n > 0) {
				size_t a = rnd((unsigned)m.n + 1), e;
				e = a + rnd((unsigned)(m.n - a) + 1);
				why = verify_edit(&m, a, e, "，");
				if (why != NULL && *why == '\0')
					why = NULL;
			}
			scalar_map_free(&m);
		}
		if (why != NULL && bad++ == 0)
			snprintf(first, sizeof(first), "%s in %.200s", why, text.data);
		value_doc_free(doc);
		diag_free(d);
		fclose(null);
	}
	check(bad == 0, "random multi-line plain scalars map back", first);
	buf_free(&text);
	buf_free(&want);
}

static void
ranges(void)
{
	static const char text[] = "v: \"甲\\u4e2d乙\n  丙\"\n";
	struct diag *d;
	struct value_doc *doc;
	const struct value *v;
	struct scalar_map m;
	size_t sa, sb;

	d = diag_new(stderr);
	doc = load(d, text, strlen(text));
	v = value_get(value_doc_root(doc), "v");
	scalar_map_init(&m, doc, v);
	/* 甲中乙 丙: 甲 0-3, 中 3-6 (escape), 乙 6-9, fold 9, 丙 10-13 */
	check(scalar_map_range(&m, 0, 3, &sa, &sb) == 0 && sa == 4 && sb == 7,
	    "range of a verbatim character", NULL);
	check(scalar_map_range(&m, 3, 6, &sa, &sb) == 0 && sa == 7 && sb == 13,
	    "range of a whole escape", NULL);
	check(scalar_map_range(&m, 4, 6, &sa, &sb) != 0, "part of an escape is refused", NULL);
	check(scalar_map_range(&m, 6, 13, &sa, &sb) != 0, "a folded break is refused", NULL);
	check(scalar_map_range(&m, 3, 3, &sa, &sb) == 0 && sa == 7,
	    "insertion point before an escape", NULL);
	check(scalar_map_range(&m, 9, 9, &sa, &sb) == 0 && sa == 16,
	    "insertion point at the end of a line", NULL);
	check(scalar_map_char_byte(&m, 2) == 6, "character index to byte", NULL);
	scalar_map_free(&m);
	value_doc_free(doc);
	diag_free(d);
}

static void
quoting(void)
{
	struct buf b;

	buf_init(&b);
	check(scalar_map_quote(STYLE_SINGLE, "it's", 4, &b) == 0 && strcmp(b.data, "it''s") == 0,
	    "single quotes doubled", b.data);
	buf_reset(&b);
	check(scalar_map_quote(STYLE_DOUBLE, "a\"\\", 3, &b) == 0 && strcmp(b.data, "a\\\"\\\\") == 0,
	    "double quotes escaped", b.data);
	buf_reset(&b);
	check(scalar_map_quote(STYLE_PLAIN, "a\nb", 3, &b) != 0, "line break refused", NULL);
	buf_free(&b);
}

static void
fallback(void)
{
	struct value v;
	struct scalar_map m;
	struct srcpos pos;
	const char text[] = "v: 甲\n";

	memset(&v, 0, sizeof(v));
	v.kind = VALUE_STRING;
	v.style = STYLE_PLAIN;
	v.str = (char *)"乙丙";
	v.len = strlen(v.str);
	v.offset = 3;
	v.pos.line = 1;
	v.pos.col = 4;
	scalar_map_init_text(&m, text, strlen(text), &v);
	scalar_map_pos(&m, 3, &pos);
	check(!m.exact && pos.line == 1 && pos.col == 4,
	    "a value the source does not give maps to the scalar's start", NULL);
	scalar_map_free(&m);
}

int
main(void)
{
	hand_cases();
	ranges();
	quoting();
	fallback();
	random_cases();
	random_plain_lines();
	return tap_status();
}
