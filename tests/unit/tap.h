/*
 * tap.h: what every unit test program prints, one line per check:
 * "ok - name" or "not ok - name: detail"; main returns tap_status().
 * Included by one .c file per program, hence the static definitions.
 */
#ifndef SHUZHI_TAP_H
#define SHUZHI_TAP_H

#include <stdio.h>

static int tap_failures;

static void
check(int ok, const char *name, const char *detail)
{
	if (ok)
		printf("ok - %s\n", name);
	else {
		printf("not ok - %s: %s\n", name, detail ? detail : "");
		tap_failures++;
	}
}

static int
tap_status(void)
{
	return tap_failures ? 1 : 0;
}

#endif
