/*
 * pinyin.h - pinyin initials of Chinese names, for finding a member by
 * typing "zsf" for 张三丰.
 */
#ifndef CAIJI_PINYIN_H
#define CAIJI_PINYIN_H

#include <stddef.h>

struct pinyin;

/* A converter for pinyin_initials (iconv to GB 2312), NULL when iconv
 * cannot provide it; pinyin_close frees it (NULL allowed). */
struct pinyin *pinyin_open(void);
void pinyin_close(struct pinyin *py);

/* Write to out (size n, NUL-terminated, cut at n - 1) the lower-case
 * pinyin initial of each character of the UTF-8 string s: a..z for the
 * 3,755 common characters (GB 2312 level 1, which that standard orders by
 * pinyin; a character with two readings gets the one it is sorted by, so
 * 单 is d, not s), the character itself lower-cased for ASCII letters and
 * digits, '?' for any other character.  Returns the number of characters
 * written. */
int pinyin_initials(struct pinyin *py, const char *s, char *out, size_t n);

#endif
