/* hash.h: FNV-1a over bytes, the one string hash of the hash tables (diag's names, diff's maps). */
#ifndef SHUZHI_HASH_H
#define SHUZHI_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t	 hash_bytes(const char *s, size_t len);

#endif
