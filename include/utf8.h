/*
 * utf8.h - UTF-8 text: decode and encode one character, validate a buffer,
 * display width in terminal columns, and cutting a string at a byte or
 * column limit without ever splitting a character.
 *
 * Strict UTF-8 (RFC 3629) throughout: no overlong forms, no surrogates
 * (U+D800-DFFF), nothing above U+10FFFF.  The functions that are on hot
 * paths (the store's field decoding, the validator's fold) are static
 * inline here; the rest live in src/utf8.c.  Nothing here depends on the
 * locale: the curses screens use wcwidth(), which agrees with
 * utf8_char_width() for Chinese text, ASCII and the middle dot.
 */
#ifndef CAIJI_UTF8_H
#define CAIJI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Longest encoding of one character, in bytes. */
#define UTF8_MAX 4

/* Decode the character at s[0..len).  On success store its code point in
 * *cp and return its length in bytes (1-4).  Return 0 when s does not start
 * with a valid character: a stray continuation byte, a bad lead byte, a
 * sequence cut by len, an overlong form, a surrogate or a value above
 * U+10FFFF (*cp is then left alone).  len must be at least 1. */
static inline size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned c = s[0];
	uint32_t v;
	size_t n, k;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[k] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
	    (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return 0;
	*cp = v;
	return n;
}

/* Encode cp into out (UTF8_MAX bytes, not NUL-terminated).  Returns the
 * length written (1-4), or 0 when cp is a surrogate or above U+10FFFF. */
static inline size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *b = (unsigned char *)out;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return 0;
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	b[0] = (unsigned char)(0xF0 | (cp >> 18));
	b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The largest n <= max such that s[0..n) does not end inside a character
 * of s[0..len): len itself when len <= max, else max backed off to the
 * start of the character it would cut.  (Bytes are not validated: a stray
 * continuation byte is backed over like the tail of a character.) */
static inline size_t
utf8_cut(const char *s, size_t len, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;

	if (len <= max)
		return len;
	while (max > 0 && (p[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* Number of characters in the NUL-terminated s (bytes that are not
 * continuation bytes, so an invalid byte counts as one). */
static inline size_t
utf8_count(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Length of the longest valid prefix of s[0..len).  When need is not NULL,
 * *need is set to the bytes a character cut by the end of the buffer still
 * lacks (0 when the prefix stops at len or at an invalid byte), so that a
 * reader of chunks can tell a cut character from a bad one. */
size_t utf8_valid_prefix(const char *s, size_t len, size_t *need);

/* 1 when s[0..len) is valid UTF-8 as a whole, else 0. */
int utf8_valid(const char *s, size_t len);

/* Display width of cp in terminal columns: 2 for East Asian wide and
 * full-width characters (汉字, 全角 forms, CJK punctuation), 0 for control
 * characters, combining marks and zero-width characters, 1 for the rest
 * (ASCII, the middle dot U+00B7 "·"). */
int utf8_char_width(uint32_t cp);

/* Display width of the NUL-terminated s: the sum of its characters'
 * widths; each invalid byte counts one column (it shows as '?'). */
size_t utf8_width(const char *s);

/* Bytes of s (NUL-terminated) that fit in cols terminal columns without
 * cutting a character; *used, when not NULL, gets their width.  An invalid
 * byte is one column. */
size_t utf8_cut_cols(const char *s, size_t cols, size_t *used);

/* Replace every byte of the NUL-terminated s that is not part of a valid
 * character by '?', in place.  Returns the number of bytes replaced. */
size_t utf8_scrub(char *s);

#endif
