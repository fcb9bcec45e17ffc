/* strdist.c: unit tests of the edit distance behind "did you mean": a swapped pair is one edit. */
#include <stdio.h>
#include <string.h>

#include "util/strdist.h"

#include "tap.h"

static void
distance(const char *a, const char *b, size_t want)
{
	char name[96], detail[32];
	size_t got = str_distance(a, b);

	snprintf(name, sizeof(name), "distance(%s, %s) = %zu", a, b, want);
	snprintf(detail, sizeof(detail), "got %zu", got);
	check(got == want, name, detail);
}

int
main(void)
{
	static const char *const keys[] = { "id", "lead", "body", "facts" };
	static const char *const cmds[] = { "build", "check", "fix", "diff", "new", "watch", "help" };

	distance("lead", "lead", 0);
	distance("laed", "lead", 1);		/* swapped neighbours */
	distance("biuld", "build", 1);
	distance("--stirct", "--strict", 1);
	distance("bdy", "body", 1);		/* a letter left out */
	distance("bodyy", "body", 1);		/* one too many */
	distance("titel", "title", 1);
	distance("abc", "cba", 2);		/* not neighbours: two edits */
	distance("", "lead", 4);
	distance("lead", "", 4);
	check(str_suggest("laed", keys, 4) != NULL && strcmp(str_suggest("laed", keys, 4), "lead") == 0,
	    "laed: did you mean lead", NULL);
	check(str_suggest("biuld", cmds, 7) != NULL && strcmp(str_suggest("biuld", cmds, 7), "build") == 0,
	    "biuld: did you mean build", NULL);
	check(str_suggest("xyzzy", cmds, 7) == NULL, "xyzzy: no suggestion", NULL);
	return tap_status();
}
