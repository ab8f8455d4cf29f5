/*
 * verify.h - double keying (issue 14.15): a committee clerk marks a
 * sample of a branch's members for verification (every Nth, or N at
 * random with a recorded seed); a second clerk keys each one again blind
 * (an empty form), the two keyings are compared field by field, each
 * difference is resolved by a person, and agreement rates per operator
 * are reported.  The sample entries live in the store (store_verify_*).
 */
#ifndef CAIJI_VERIFY_H
#define CAIJI_VERIFY_H

#include <stddef.h>
#include <stdint.h>
#include "record.h"
#include "store.h"

#define VERIFY_DIFF_MAX 32

/* One field the two keyings disagree on. */
struct verify_diff {
	const char *key, *label;
	char first[REC_NOTE_MAX], second[REC_NOTE_MAX];
};

/* The sample of ids[0..n-1] (a branch's members in their order) into out
 * (room for n): every > 0 takes the every-th, 2*every-th, ...; otherwise
 * count members at random, the same ones for the same seed, in list order.
 * Returns how many. */
size_t verify_sample(const uint64_t *ids, size_t n, unsigned every,
    unsigned count, uint32_t seed, uint64_t *out);

/* Compare the stored record (first keying) with the second keying, field
 * by field (every keyed field of the schema; 所在党支部 is not keyed).
 * *fields gets the number compared; d[0..max) the differences.  Returns
 * the number of differences (may exceed max; only max are filled). */
size_t verify_compare(const struct member *first, const struct member *second,
    size_t *fields, struct verify_diff *d, size_t max);

/* Copy field key from src into dst. */
void verify_take(struct member *dst, const struct member *src, const char *key);

/* The agreement report as text (size bytes, NUL-terminated): per
 * operator, records and fields keyed first and verified, fields agreeing
 * and the rate; then the samples still waiting.  0 or a STORE_E* code. */
int verify_report(struct store *s, char *buf, size_t size);

#endif
