/*
 * synth.h - synthetic but valid data for `caiji demo` and `caiji gen`:
 * unique ID numbers with real county codes, birth dates and MOD 11-2 check
 * characters, realistic Chinese names and addresses, unit codes with real
 * GB 32100 / GB 11714 check characters.  Deterministic for a seed.  Pure:
 * no LMDB, no curses; uses the code lists and validate.h.
 */
#ifndef CAIJI_SYNTH_H
#define CAIJI_SYNTH_H

#include <stddef.h>
#include <stdint.h>
#include "record.h"

struct cl_entry;

/* A small deterministic random generator (splitmix64). */
struct synth_rng { uint64_t s; };

uint64_t synth_next(struct synth_rng *r);

/* Uniform in [0, n); n > 0. */
uint32_t synth_below(struct synth_rng *r, uint32_t n);

/* The generator: a bijection from member index to ID-number space, so that
 * indexes 0 .. synth_capacity()-1 give distinct ID numbers. */
struct synth {
	uint64_t seed;
	size_t nregion;               /* county-level regions (code list) */
	const struct cl_entry *region;/* their codes and full names (borrowed) */
	uint64_t space, mul, add;     /* index -> (region, day, seq) permutation */
	char ref_date[REC_DATE_MAX];  /* dates are generated up to this day */
	int64_t ref_days, ndays;      /* that day; birth days in the range */
};

/* Prepare g for seed; ref_date "YYYY-MM-DD" bounds every generated date
 * (NULL = 2025-06-30, fixed so that the output does not depend on the
 * day).  Returns 0, or -1 when the region list is unavailable. */
int synth_init(struct synth *g, uint64_t seed, const char *ref_date);

/* How many distinct members synth_member can make. */
uint64_t synth_capacity(const struct synth *g);

/* Fill m (member_init first) with a complete, valid member number index:
 * every field but branch and meta.  Same seed and index, same member. */
void synth_member(const struct synth *g, uint64_t index, struct member *m);

/* ISO 7064 MOD 11-2 ID number from its parts: region "330106", a real
 * date, a sequence 0..999 (odd = 男).  out holds 19 bytes. */
void synth_idcard(char *out, const char *region, int y, int mo, int d, unsigned seq);

/* A 统一社会信用代码: 9 (registered by 工商) 1 (enterprise), region, the
 * organisation code body8 with its check character, and the check
 * character.  out holds 19 bytes. */
void synth_uscc(char *out, const char *region, const char *body8);

/* Day arithmetic on "YYYY-MM-DD" (proleptic Gregorian). */
int64_t synth_days(int y, int m, int d);
void synth_date(int64_t days, char *out);   /* out holds 11 bytes */
int synth_parse_date(const char *s, int *y, int *m, int *d);

#endif
