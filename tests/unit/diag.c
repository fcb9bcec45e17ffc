/*
 * diag.c: unit tests of the diagnostics sink: at most DIAG_MAX_SHOWN
 * reports of a kind per file, then one note with the count of the rest
 * (every error still counted); names and messages with line feeds,
 * control and bidirectional characters printed on one line; caret lines
 * found in order without counting from the start; a held sink reported
 * into on another thread, printed (or handed to the hook) at the flush
 * in order, its counts added, and forgotten when dropped.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag/diag.h"

#include "tap.h"

/* What a sink printed, reported by fill(). */
struct out {
	char	*text;
	size_t	 len;
	FILE	*f;
};

static struct diag *
open_out(struct out *o)
{
	o->text = NULL;
	o->len = 0;
	o->f = open_memstream(&o->text, &o->len);
	return diag_new(o->f);
}

static void
close_out(struct out *o, struct diag *d)
{
	diag_free(d);
	fclose(o->f);
	free(o->text);
}

static int
count(const char *text, const char *needle)
{
	int n = 0;

	for (; (text = strstr(text, needle)) != NULL; text++)
		n++;
	return n;
}

static int
lines(const char *text)
{
	return count(text, "\n");
}

static void
cap(void)
{
	struct diag *d;
	struct out o;
	struct srcpos a = { "a.yaml", 1, 1 }, b = { "b.yaml", 2, 3 };
	char detail[400];
	int i;

	d = open_out(&o);
	for (i = 0; i < 120; i++) {
		a.col = i + 1;
		diag_error(d, &a, "错误 %d", i);
	}
	for (i = 0; i < 3; i++)
		diag_error(d, &b, "错误 %d", i);
	for (i = 0; i < 60; i++)
		diag_report(d, DIAG_WARNING, &a, "rule.x", "%s", "规则");
	diag_summarize(d);
	fflush(o.f);
	snprintf(detail, sizeof(detail), "%d errors; output:\n%.300s", diag_errors(d), o.text);
	check(count(o.text, "a.yaml:1:") == DIAG_MAX_SHOWN * 2 + 2, "50 shown per kind and file",
	    detail);
	check(count(o.text, "b.yaml:2:3: error") == 3, "another file is a kind of its own", detail);
	check(strstr(o.text, "a.yaml:1:51: note: 从这里起还有 70 处同类问题没有列出") != NULL,
	    "a note at the first not shown, with the count of the rest", detail);
	check(strstr(o.text, "还有 10 处同类问题没有列出（每个文件的每类问题只列出前 50 处）：规则 [rule.x]")
	    != NULL, "a rule's note names the rule", detail);
	check(diag_errors(d) == 123 && diag_warnings(d) == 60, "every report counted", detail);
	close_out(&o, d);
}

static void
quoting(void)
{
	struct diag *d;
	struct out o;
	struct srcpos pos = { "x\nforged.yaml:1:1: error: 伪造", 1, 1 };
	const char *text = "a\x1b[2J\xe2\x80\xae" "b\n";

	d = open_out(&o);
	diag_add_source(d, pos.file, text, strlen(text));
	diag_error(d, &pos, "值“%s”", "c\nd\te\xe2\x80\xae");
	fflush(o.f);
	check(lines(o.text) == 3, "a report is one line, its source line and caret two",
	    o.text);
	check(strncmp(o.text, "\"x\\nforged.yaml:1:1: error: 伪造\":1:1: error: ", 44) == 0,
	    "a name with a line feed in double quotes, escaped", o.text);
	check(strstr(o.text, "值“c\\nd\\te\\u202E”") != NULL,
	    "control and bidirectional characters escaped in the message", o.text);
	check(strstr(o.text, "\x1b") == NULL && strstr(o.text, "\xe2\x80\xae") == NULL,
	    "no escape sequence or direction override reaches the terminal", o.text);
	close_out(&o, d);
}

static void
carets(void)
{
	struct diag *d;
	struct out o;
	char *text = malloc(200001), detail[256];
	struct srcpos pos = { "long.md", 2, 1 };
	int i;

	memset(text, 'x', 200000);
	text[0] = '\n';
	text[200000] = '\0';
	d = open_out(&o);
	diag_add_source(d, "long.md", text, 200000);
	for (i = 0; i < 40; i++) {
		pos.col = 1 + i * 4000;
		diag_error(d, &pos, "第 %d 处", i);
	}
	fflush(o.f);
	snprintf(detail, sizeof(detail), "%.200s", o.text);
	/* The first at column 1; the others cut to 30 characters before and after. */
	check(count(o.text, "\n…xxxxxxxxxx") == 39, "each caret line a window of the long line",
	    detail);
	check(count(o.text, "\n                                ^") == 39,
	    "the caret under the column, 30 characters into the window", detail);
	close_out(&o, d);
	free(text);
}

/* The second thread's work: two reports into its own held sink, one about a file it read. */
static void *
on_thread(void *arg)
{
	struct diag *h = arg;
	struct srcpos pos = { "b.yaml", 2, 3 };
	const char *text = "x: 1\nyy: [\n";

	diag_add_source(h, "b.yaml", text, strlen(text));
	diag_error(h, &pos, "第二个线程的错误");
	pos.line = 1;
	diag_warn(h, &pos, "第二个线程的警告");
	return NULL;
}

static void
held(void)
{
	struct diag *d;
	struct diag *h, *dropped;
	struct out o;
	struct srcpos pos = { "a.yaml", 1, 1 };
	pthread_t th;
	const char *want =
	    "a.yaml:1:1: error: 之前\n"
	    "b.yaml:2:3: error: 第二个线程的错误\n yy: [\n   ^\n"
	    "b.yaml:1:3: warning: 第二个线程的警告\n x: 1\n   ^\n"
	    "shuzhi: error: 照原样\n"
	    "a.yaml:1:1: error: 之后\n";

	d = open_out(&o);
	diag_error(d, &pos, "之前");
	h = diag_hold(d);
	dropped = diag_hold(d);
	diag_error(dropped, &pos, "被丢掉的");
	check(pthread_create(&th, NULL, on_thread, h) == 0 && pthread_join(th, NULL) == 0,
	    "a thread reports into a held sink", NULL);
	diag_pass(h, 1, "shuzhi: error: 照原样\n");
	fflush(o.f);
	check(o.len == strlen("a.yaml:1:1: error: 之前\n"), "nothing printed while held", o.text);
	diag_drop(d, dropped);
	diag_flush(d, h);
	diag_error(d, &pos, "之后");
	fflush(o.f);
	check(strcmp(o.text, want) == 0, "printed at the flush, in order, with caret lines", o.text);
	check(diag_errors(d) == 4 && diag_warnings(d) == 1, "its counts added, the dropped one's not", NULL);
	close_out(&o, d);
}

/* What a hook was handed. */
static void
collect(void *arg, enum diag_level level, const struct srcpos *pos, const struct srcpos *end,
    const char *rule, const char *message)
{
	char *b = arg;
	size_t n = strlen(b);

	snprintf(b + n, 4096 - n, "%d %s:%d-%d %s %s|", (int)level, pos->file, pos->col,
	    end != NULL ? end->col : 0, rule != NULL ? rule : "-", message);
}

static void
held_hook(void)
{
	struct diag *d, *h;
	struct srcpos pos = { "c.yaml", 1, 2 }, end = { "c.yaml", 1, 5 };
	char got[4096] = "";
	int i;

	d = diag_new(NULL);
	diag_set_hook(d, collect, got);
	h = diag_hold(d);
	for (i = 0; i < DIAG_MAX_SHOWN + 1; i++)
		diag_report_span(h, DIAG_WARNING, &pos, &end, "r.x", "第 %d 处", i);
	diag_flush(d, h);
	check(count(got, "|") == DIAG_MAX_SHOWN + 1 && strncmp(got, "1 c.yaml:2-5 r.x 第 0 处|", 25) == 0,
	    "held for a sink with a hook: every report reaches the hook, span and rule kept", got);
	diag_free(d);
}

int
main(void)
{
	cap();
	quoting();
	carets();
	held();
	held_hook();
	return tap_status();
}
