/*
 * words.c - the frozen word table (words.h): include/schema/words.def, and
 * a hash index of it built on first use.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "words.h"

/*
 * The words one after another in one block, each after its length byte,
 * so that the decoder reads a word with one look-up in a small offset
 * table and one in the block (a word table of pointers and lengths costs
 * two cache misses for an address's region).  struct blob has a member per
 * line of words.def, named by its line number, so offsetof gives where each
 * word starts at compile time.
 */
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
struct blob {
#define WORD(s) struct { unsigned char len; char b[sizeof(s) - 1]; } CAT(w_, __LINE__);
#include "schema/words.def"
#undef WORD
};

static const struct blob blob = {
#define WORD(s) { sizeof(s) - 1, s },
#include "schema/words.def"
#undef WORD
};

const uint32_t words_off[] = {
#define WORD(s) offsetof(struct blob, CAT(w_, __LINE__)),
#include "schema/words.def"
#undef WORD
};

const unsigned char *const words_blob = (const unsigned char *)&blob;

#define NWORDS (sizeof words_off / sizeof words_off[0])
const size_t words_n = NWORDS;

/* Word i's bytes and length. */
#define W_S(i)   ((const char *)&words_blob[words_off[i] + 1])
#define W_LEN(i) (words_blob[words_off[i]])
#define SLOTS  16384            /* a power of two, at least 2 * WORDS_MAX */

_Static_assert(NWORDS <= WORDS_MAX, "words.def holds more than WORDS_MAX words");
#define WORD(s) _Static_assert(sizeof(s) - 1 >= 1 && sizeof(s) - 1 <= 255, \
	"a word of words.def is empty or longer than 255 bytes");
#include "schema/words.def"
#undef WORD

/* Open addressing: word number + 1 by whash, 0 = free; and a bit for the
 * FNV hash of every start of a word that ends on a character boundary
 * (words_prefix stops where no word goes on).  Written once. */
static uint16_t slot[SLOTS];
#define PFX_BITS 18
static uint64_t pfx[(1u << PFX_BITS) / 64];
static uint64_t ends[(1u << PFX_BITS) / 64];    /* the same, whole words only */
static size_t longest;
static pthread_once_t once = PTHREAD_ONCE_INIT;

#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* The slot hash: a few loads and multiplies, not a pass over every byte
 * (words_find runs for every coded field a save writes). */
static inline uint64_t
whash(const char *s, size_t n)
{
	uint64_t a, b;
	uint32_t x, y;

	if (n >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
	} else if (n >= 4) {
		memcpy(&x, s, 4);
		memcpy(&y, s + n - 4, 4);
		a = x;
		b = y;
	} else {
		a = (unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (uint64_t)(unsigned char)s[n - 1] << 16;
		b = 0;
	}
	a = (a ^ n) * 0x9E3779B97F4A7C15ULL ^ b * 0xC2B2AE3D27D4EB4FULL;
	return a ^ a >> 31;
}

static inline void
bit_set(uint64_t *set, uint64_t h)
{
	h >>= 64 - PFX_BITS;
	set[h / 64] |= (uint64_t)1 << (h % 64);
}

static inline int
bit_has(const uint64_t *set, uint64_t h)
{
	h >>= 64 - PFX_BITS;
	return (int)(set[h / 64] >> (h % 64) & 1);
}

/* The slot chain of hash h: the word equal to s, or -1. */
static int
probe(uint64_t h, const char *s, size_t len)
{
	size_t j;
	unsigned w;

	for (j = h & (SLOTS - 1); (w = slot[j]) != 0; j = (j + 1) & (SLOTS - 1))
		if (W_LEN(w - 1) == len && memcmp(W_S(w - 1), s, len) == 0)
			return (int)w - 1;
	return -1;
}

static void
build(void)
{
	const char *w;
	size_t i, j, n;
	uint64_t h;

	for (i = 0; i < NWORDS; i++) {
		w = W_S(i);
		n = W_LEN(i);
		for (h = FNV_BASIS, j = 0; j < n; j++) {
			h = (h ^ (unsigned char)w[j]) * FNV_PRIME;
			if (j + 1 == n || ((unsigned char)w[j + 1] & 0xC0) != 0x80)
				bit_set(pfx, h);
		}
		bit_set(ends, h);
		if (probe(whash(w, n), w, n) >= 0)
			continue;       /* a repeat: the first one answers */
		for (j = whash(w, n) & (SLOTS - 1); slot[j] != 0;
		    j = (j + 1) & (SLOTS - 1))
			;
		slot[j] = (uint16_t)(i + 1);
		if (W_LEN(i) > longest)
			longest = W_LEN(i);
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
	*len = W_LEN(i);
	return W_S(i);
}

int
words_find(const char *s, size_t len)
{
	pthread_once(&once, build);
	if (len == 0 || len > 255)
		return -1;
	return probe(whash(s, len), s, len);
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
		/* at a boundary (the next byte starts a character): stop where
		 * no word goes on, else look s[0..i] up */
		if (i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80)
			continue;
		if (!bit_has(pfx, h))
			break;
		if (i + 1 >= 3 && bit_has(ends, h) &&
		    (w = probe(whash(s, i + 1), s, i + 1)) >= 0) {
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
		for (j = 0; j < W_LEN(i); j++)
			h = (h ^ (unsigned char)W_S(i)[j]) * FNV_PRIME;
		h = (h ^ '\n') * FNV_PRIME;
	}
	return h;
}
