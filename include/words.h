/*
 * words.h - the frozen word table of the member record format 3
 * (store.h, "Encoding"): the code-list names of include/schema/words.def,
 * each known by its number (its line, from 0).  The table is part of the
 * on-disk format: append-only, never edited, so a stored word decodes the
 * same after a code list file is replaced (codelist.h).  Pure, and
 * immutable after the first call (pthread_once).
 */
#ifndef CAIJI_WORDS_H
#define CAIJI_WORDS_H

#include <stddef.h>
#include <stdint.h>

/* The most words a record can name (13 bits of an item head). */
#define WORDS_MAX 8192

/* The table itself, for the decoder's hot path: word i (below words_n) is
 * words_blob[words_off[i]] bytes long (1..255) and its bytes follow that
 * length byte. */
extern const unsigned char *const words_blob;
extern const uint32_t words_off[];
extern const size_t words_n;

/* How many words the table holds. */
size_t words_count(void);

/* Word i and its length in bytes (no NUL needed: *len says), or NULL when
 * i is not below words_count(). */
const char *words_get(size_t i, size_t *len);

/* The number of the word that is exactly the len bytes at s, or -1. */
int words_find(const char *s, size_t len);

/* The longest word of at least 3 bytes that the len bytes at s start with,
 * ending on a character boundary: its length, with its number in *idx; 0
 * when none. */
size_t words_prefix(const char *s, size_t len, int *idx);

/* FNV-1a 64 of the first n words, each followed by '\n' (n at most
 * words_count()): what test_store pins of the released table. */
unsigned long long words_hash(size_t n);

#endif
