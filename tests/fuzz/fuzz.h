/*
 * fuzz.h: helpers shared by the libFuzzer harnesses in tests/fuzz/.  Each
 * harness defines LLVMFuzzerTestOneInput; it is linked either with
 * libFuzzer (make fuzz) or with replay.c (make check replays the inputs
 * kept in tests/fuzz/regress/<harness>/).
 *
 * Inputs that hold several texts separate them with a NUL byte.
 */
#ifndef SHUZHI_FUZZ_H
#define SHUZHI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag/diag.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A diagnostics sink that formats everything (caret lines too) into /dev/null. */
struct diag *fuzz_diag(void);

/*
 * Split data at NUL bytes into at most max parts (the last part keeps any
 * further NULs); returns the number of parts.  Parts are NUL-terminated
 * copies in one malloc'd block, *block, to free.
 */
size_t	 fuzz_split(const uint8_t *data, size_t size, size_t max, char **parts,
	    size_t *lens, char **block);

/* A temporary folder for this process, removed at exit. */
const char *fuzz_tmpdir(void);
/*
 * Write (or with text NULL, remove) a file in it, name "file" or
 * "folder/file"; returns its path (static).
 */
const char *fuzz_write(const char *name, const char *text, size_t len);

/* The project's folder (where templates/, fonts/, rules/ are). */
const char *fuzz_root(void);

#endif
