/*
 * utf8.c - UTF-8 validation, display width and column cuts (see utf8.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

struct range {
	uint32_t lo, hi;
};

/* East Asian Wide (W) and Fullwidth (F) characters, after Unicode's
 * EastAsianWidth.txt, merged into blocks the way terminals draw them. */
static const struct range wide[] = {
	{ 0x1100, 0x115F },   /* Hangul Jamo initials */
	{ 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
	{ 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE },
	{ 0x2614, 0x2615 }, { 0x2648, 0x2653 }, { 0x267F, 0x267F },
	{ 0x2693, 0x2693 }, { 0x26A1, 0x26A1 }, { 0x26AA, 0x26AB },
	{ 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE },
	{ 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x26F2, 0x26F3 },
	{ 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA }, { 0x26FD, 0x26FD },
	{ 0x2705, 0x2705 }, { 0x270A, 0x270B }, { 0x2728, 0x2728 },
	{ 0x274C, 0x274C }, { 0x274E, 0x274E }, { 0x2753, 0x2755 },
	{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 },
	{ 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 },
	{ 0x2B55, 0x2B55 },
	{ 0x2E80, 0x303E },   /* radicals, ideographic description, CJK punctuation */
	{ 0x3041, 0x33FF },   /* kana, bopomofo, CJK compatibility */
	{ 0x3400, 0x4DBF },   /* CJK extension A */
	{ 0x4E00, 0x9FFF },   /* CJK unified ideographs */
	{ 0xA000, 0xA4CF },   /* Yi */
	{ 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 },   /* Hangul */
	{ 0xF900, 0xFAFF },   /* CJK compatibility ideographs */
	{ 0xFE10, 0xFE19 }, { 0xFE30, 0xFE52 }, { 0xFE54, 0xFE66 },
	{ 0xFE68, 0xFE6B },
	{ 0xFF01, 0xFF60 },   /* full-width forms */
	{ 0xFFE0, 0xFFE6 },
	{ 0x16FE0, 0x16FE4 }, { 0x17000, 0x18CFF }, { 0x1B000, 0x1B2FF },
	{ 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E },
	{ 0x1F191, 0x1F19A }, { 0x1F200, 0x1F251 }, { 0x1F300, 0x1F320 },
	{ 0x1F32D, 0x1F335 }, { 0x1F337, 0x1F37C }, { 0x1F37E, 0x1F393 },
	{ 0x1F3A0, 0x1F3CA }, { 0x1F3CF, 0x1F3D3 }, { 0x1F3E0, 0x1F3F0 },
	{ 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F43E }, { 0x1F440, 0x1F440 },
	{ 0x1F442, 0x1F4FC }, { 0x1F4FF, 0x1F53D }, { 0x1F54B, 0x1F54E },
	{ 0x1F550, 0x1F567 }, { 0x1F57A, 0x1F57A }, { 0x1F595, 0x1F596 },
	{ 0x1F5A4, 0x1F5A4 }, { 0x1F5FB, 0x1F64F }, { 0x1F680, 0x1F6C5 },
	{ 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 }, { 0x1F6D5, 0x1F6D7 },
	{ 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC }, { 0x1F7E0, 0x1F7EB },
	{ 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 }, { 0x1F947, 0x1F9FF },
	{ 0x1FA70, 0x1FAFF },
	{ 0x20000, 0x2FFFD },  /* CJK extensions B-F, compatibility supplement */
	{ 0x30000, 0x3FFFD },  /* CJK extensions G, H */
};

/* Characters that take no column of their own: combining marks (Latin,
 * Arabic as Uyghur is written, Tibetan, Mongolian variation selectors),
 * zero-width spaces and joiners, bidi controls, variation selectors. */
static const struct range zero[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x0610, 0x061A }, { 0x064B, 0x065F }, { 0x0670, 0x0670 },
	{ 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 }, { 0x06E7, 0x06E8 },
	{ 0x06EA, 0x06ED }, { 0x0F18, 0x0F19 }, { 0x0F35, 0x0F35 },
	{ 0x0F37, 0x0F37 }, { 0x0F39, 0x0F39 }, { 0x0F71, 0x0F7E },
	{ 0x0F80, 0x0F84 }, { 0x0F86, 0x0F87 }, { 0x0F8D, 0x0FBC },
	{ 0x180B, 0x180F }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF },
	{ 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 },
	{ 0x20D0, 0x20FF }, { 0x302A, 0x302D }, { 0x3099, 0x309A },
	{ 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF },
	{ 0xE0100, 0xE01EF },
};

static int
in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	if (cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

size_t
utf8_valid_prefix(const char *s, size_t len, size_t *need)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	if (need != NULL)
		*need = 0;
	while (i < len) {
		unsigned c = p[i], lo = 0x80, hi = 0xBF;
		size_t n, k;

		if (c < 0x80) {
			uint64_t w;

			/* a run of ASCII: eight bytes at a time */
			i++;
			while (len - i >= 8) {
				memcpy(&w, p + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			continue;
		}
		/* a run of three-byte characters whose lead byte allows any
		 * continuation (E1-EC, EE-EF: nearly all Chinese text), two at
		 * a time while eight bytes are left (the masks read the word
		 * little-endian), then one at a time */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		while (len - i >= 8) {
			uint64_t w;
			unsigned l0, l1;

			memcpy(&w, p + i, 8);
			/* bytes 0 and 3 Ex, 1, 2, 4 and 5 continuation bytes */
			if ((w & 0x0000C0C0F0C0C0F0ull) != 0x00008080E08080E0ull)
				break;
			l0 = (unsigned)(w & 0xFF);
			l1 = (unsigned)(w >> 24) & 0xFF;
			if (l0 == 0xE0 || l0 == 0xED || l1 == 0xE0 || l1 == 0xED)
				break;
			i += 6;
		}
		c = p[i];
#endif
		while (len - i >= 3 && c >= 0xE1 && c <= 0xEF && c != 0xED &&
		    ((p[i + 1] ^ 0x80) | (p[i + 2] ^ 0x80)) < 0x40) {
			i += 3;
			if (i == len)
				return i;
			c = p[i];
		}
		if (c < 0x80)
			continue;
		/* the second byte's range rules out overlongs, surrogates and
		 * values above U+10FFFF (RFC 3629 section 4) */
		if (c >= 0xE0 && c <= 0xEF) {
			n = 3;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xC2 && c <= 0xDF)
			n = 2;
		else if (c >= 0xF0 && c <= 0xF4) {
			n = 4;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else
			return i;
		for (k = 1; k < n; k++) {
			if (i + k == len) {     /* cut by the end of the buffer */
				if (need != NULL)
					*need = n - k;
				return i;
			}
			if (p[i + k] < lo || p[i + k] > hi)
				return i;
			lo = 0x80;
			hi = 0xBF;
		}
		i += n;
	}
	return i;
}

int
utf8_valid(const char *s, size_t len)
{
	return utf8_valid_prefix(s, len, NULL) == len;
}

int
utf8_char_width(uint32_t cp)
{
	if (cp < 0x7F)
		return cp >= 0x20;
	if (cp < 0xA0)
		return 0;
	if (cp >= 0x4E00 && cp <= 0x9FFF)    /* the common case first */
		return 2;
	if (cp < 0x300)
		return 1;
	if (in_table(cp, zero, sizeof zero / sizeof zero[0]))
		return 0;
	return in_table(cp, wide, sizeof wide / sizeof wide[0]) ? 2 : 1;
}

/* Width of the character at p (NUL-terminated) and its length in *n; an
 * invalid byte is one column, one byte. */
static int
char_at(const unsigned char *p, size_t *n)
{
	uint32_t cp;
	size_t len;

	if (*p < 0x80) {
		*n = 1;
		return *p >= 0x20 && *p != 0x7F;
	}
	/* at most 4 bytes are read; a NUL stops the decode as a bad byte */
	len = p[1] == 0 ? 1 : p[2] == 0 ? 2 : p[3] == 0 ? 3 : 4;
	if ((*n = utf8_decode(p, len, &cp)) == 0) {
		*n = 1;
		return 1;
	}
	return utf8_char_width(cp);
}

size_t
utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, n;

	while (*p) {
		w += (size_t)char_at(p, &n);
		p += n;
	}
	return w;
}

size_t
utf8_cut_cols(const char *s, size_t cols, size_t *used)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, i = 0, n;

	while (p[i]) {
		size_t cw = (size_t)char_at(p + i, &n);

		if (w + cw > cols)
			break;
		w += cw;
		i += n;
	}
	if (used != NULL)
		*used = w;
	return i;
}

size_t
utf8_scrub(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t bad = 0, n;

	while (*p) {
		uint32_t cp;
		size_t len;

		if (*p < 0x80) {
			p++;
			continue;
		}
		len = p[1] == 0 ? 1 : p[2] == 0 ? 2 : p[3] == 0 ? 3 : 4;
		if ((n = utf8_decode(p, len, &cp)) == 0) {
			*p++ = '?';
			bad++;
			continue;
		}
		p += n;
	}
	return bad;
}
