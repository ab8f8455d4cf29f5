/*
 * initials.h - pinyin initials of names, for the store's initials index
 * and caiji find (wjh finds 王建华), without iconv on the save path.
 *
 * GB 2312 level 1 (3,755 common characters) is in pinyin order, so a
 * character's initial follows from its GB 2312 code.  initials_open converts the
 * level-1 codes to Unicode once (iconv, about a millisecond) into a table
 * over the CJK block; a name's initials are then table look-ups.  A
 * character outside level 1 (岚, 琰 ...) has no known initial and gives
 * '?', which a query letter matches (a name is found rather than missed).
 */
#ifndef CAIJI_INITIALS_H
#define CAIJI_INITIALS_H

#include <stddef.h>

struct initials;

/* The table, or NULL when iconv lacks GB2312 or memory is short. */
struct initials *initials_open(void);
void initials_close(struct initials *in);   /* NULL allowed */

/* The initials of the UTF-8 name into out (size n, NUL-terminated, cut at
 * n - 1): a..z per level-1 character, ASCII letters and digits lower-cased,
 * '?' for anything else.  Returns the length written. */
size_t initials_of(const struct initials *in, const char *name, char *out,
    size_t n);

/* 1 when q (lower-case letters and digits) is an initials query: not
 * empty, at most INITIALS_QUERY_MAX characters, letters first. */
#define INITIALS_QUERY_MAX 10
int initials_query(const char *q);

#endif
