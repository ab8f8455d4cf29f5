/*
 * words.c - the frozen word table (words.h): include/schema/words.def, and
 * a hash index of it built on first use.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "words.h"

struct word {
	const char *s;
	unsigned char len;
};

#define WORD(s) { s, sizeof(s) - 1 },
static const struct word words[] = {
#include "schema/words.def"
};
#undef WORD

#define NWORDS (sizeof words / sizeof words[0])
#define SLOTS  16384            /* a power of two, at least 2 * WORDS_MAX */

_Static_assert(NWORDS <= WORDS_MAX, "words.def holds more than WORDS_MAX words");
#define WORD(s) _Static_assert(sizeof(s) - 1 >= 1 && sizeof(s) - 1 <= 255, \
	"a word of words.def is empty or longer than 255 bytes");
#include "schema/words.def"
#undef WORD

/* Open addressing: word number + 1 by hash, 0 = free.  Written once. */
static uint16_t slot[SLOTS];
static size_t longest;
static pthread_once_t once = PTHREAD_ONCE_INIT;

#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static uint64_t
fnv(const char *s, size_t n)
{
	uint64_t h = FNV_BASIS;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return h;
}

/* The slot chain of hash h: the word equal to s, or -1. */
static int
probe(uint64_t h, const char *s, size_t len)
{
	size_t j;
	unsigned w;

	for (j = h & (SLOTS - 1); (w = slot[j]) != 0; j = (j + 1) & (SLOTS - 1))
		if (words[w - 1].len == len && memcmp(words[w - 1].s, s, len) == 0)
			return (int)w - 1;
	return -1;
}

static void
build(void)
{
	size_t i, j;

	for (i = 0; i < NWORDS; i++) {
		if (probe(fnv(words[i].s, words[i].len), words[i].s, words[i].len) >= 0)
			continue;       /* a repeat: the first one answers */
		for (j = fnv(words[i].s, words[i].len) & (SLOTS - 1); slot[j] != 0;
		    j = (j + 1) & (SLOTS - 1))
			;
		slot[j] = (uint16_t)(i + 1);
		if (words[i].len > longest)
			longest = words[i].len;
	}
}

size_t
words_count(void)
{
	return NWORDS;
}

const char *
words_get(size_t i, size_t *len)
{
	if (i >= NWORDS)
		return NULL;
	*len = words[i].len;
	return words[i].s;
}

int
words_find(const char *s, size_t len)
{
	pthread_once(&once, build);
	if (len == 0 || len > 255)
		return -1;
	return probe(fnv(s, len), s, len);
}

size_t
words_prefix(const char *s, size_t len, int *idx)
{
	uint64_t h = FNV_BASIS;
	size_t i, best = 0;
	int w;

	pthread_once(&once, build);
	if (len > longest)
		len = longest;
	for (i = 0; i < len; i++) {
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
		/* a boundary: the next byte starts a character */
		if (i + 1 >= 3 && (i + 1 == len || ((unsigned char)s[i + 1] & 0xC0) != 0x80) &&
		    (w = probe(h, s, i + 1)) >= 0) {
			best = i + 1;
			*idx = w;
		}
	}
	return best;
}

unsigned long long
words_hash(size_t n)
{
	uint64_t h = FNV_BASIS;
	size_t i, j;

	for (i = 0; i < n && i < NWORDS; i++) {
		for (j = 0; j < words[i].len; j++)
			h = (h ^ (unsigned char)words[i].s[j]) * FNV_PRIME;
		h = (h ^ '\n') * FNV_PRIME;
	}
	return h;
}
