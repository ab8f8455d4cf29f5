/* test_utf8.c - the UTF-8 module: strict decoding (overlongs, surrogates,
 * cut and stray bytes), encoding, prefixes of chunks, display widths of
 * Chinese text and the middle dot, cuts that never split a character. */
#include <criterion/criterion.h>
#include <string.h>

#include "utf8.h"

static size_t
dec(const char *s, uint32_t *cp)
{
	return utf8_decode((const unsigned char *)s, strlen(s), cp);
}

Test(utf8, decode_valid)
{
	uint32_t cp = 0;

	cr_assert_eq(dec("A", &cp), 1u);
	cr_assert_eq(cp, 0x41u);
	cr_assert_eq(dec("\xC2\xB7", &cp), 2u);          /* · U+00B7 */
	cr_assert_eq(cp, 0xB7u);
	cr_assert_eq(dec("党", &cp), 3u);
	cr_assert_eq(cp, 0x515Au);
	cr_assert_eq(dec("\xEF\xBF\xBD", &cp), 3u);      /* U+FFFD */
	cr_assert_eq(cp, 0xFFFDu);
	cr_assert_eq(dec("\xF0\xA0\x80\x80", &cp), 4u);  /* U+20000, extension B */
	cr_assert_eq(cp, 0x20000u);
	cr_assert_eq(dec("\xF4\x8F\xBF\xBF", &cp), 4u);  /* U+10FFFF, the last */
	cr_assert_eq(cp, 0x10FFFFu);
	cr_assert_eq(dec("\xED\x9F\xBF", &cp), 3u);      /* U+D7FF, before surrogates */
	cr_assert_eq(dec("\xEE\x80\x80", &cp), 3u);      /* U+E000, after them */
}

Test(utf8, decode_invalid)
{
	static const char *const bad[] = {
		"\x80", "\xBF",                  /* stray continuation bytes */
		"\xC0\x80", "\xC1\xBF",          /* overlong 2-byte (NUL, DEL) */
		"\xE0\x80\x80", "\xE0\x9F\xBF",  /* overlong 3-byte */
		"\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF", /* overlong 4-byte */
		"\xED\xA0\x80", "\xED\xBF\xBF",  /* surrogates U+D800, U+DFFF */
		"\xF4\x90\x80\x80",              /* U+110000 */
		"\xF5\x80\x80\x80", "\xFF", "\xFE",
		"\xE5\x85", "\xC2", "\xF0\xA0\x80",  /* cut */
		"\xE5\x41\x9A", "\xC2\xC2",       /* continuation missing */
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp = 12345;

		cr_assert_eq(dec(bad[i], &cp), 0u, "case %zu", i);
		cr_assert_eq(cp, 12345u, "case %zu: cp touched", i);
	}
	/* the length bounds the decode: 党 seen through 2 bytes is cut */
	{
		uint32_t cp;
		cr_assert_eq(utf8_decode((const unsigned char *)"党", 2, &cp), 0u);
	}
}

Test(utf8, encode_round_trip)
{
	static const uint32_t cps[] = { 0, 0x41, 0x7F, 0x80, 0xB7, 0x7FF, 0x800,
	    0x515A, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x20000, 0x10FFFF };
	char b[UTF8_MAX];
	size_t i;

	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		uint32_t back = 0;
		size_t n = utf8_encode(cps[i], b);

		cr_assert(n >= 1 && n <= 4, "U+%X", cps[i]);
		cr_assert_eq(utf8_decode((unsigned char *)b, n, &back), n, "U+%X", cps[i]);
		cr_assert_eq(back, cps[i]);
	}
	cr_assert_eq(utf8_encode(0x515A, b), 3u);
	cr_assert_eq(memcmp(b, "党", 3), 0);
	cr_assert_eq(utf8_encode(0xD800, b), 0u);
	cr_assert_eq(utf8_encode(0xDFFF, b), 0u);
	cr_assert_eq(utf8_encode(0x110000, b), 0u);
}

Test(utf8, valid_prefix_and_cut_chunks)
{
	const char *s = "党员A\xC2\xB7";
	size_t need = 99;

	cr_assert_eq(utf8_valid_prefix(s, strlen(s), &need), strlen(s));
	cr_assert_eq(need, 0u);
	cr_assert(utf8_valid(s, strlen(s)));
	/* a chunk that ends inside 员: valid up to it, 2 more bytes needed */
	cr_assert_eq(utf8_valid_prefix(s, 4, &need), 3u);
	cr_assert_eq(need, 2u);
	cr_assert_eq(utf8_valid_prefix(s, 5, &need), 3u);
	cr_assert_eq(need, 1u);
	cr_assert(!utf8_valid(s, 5));
	/* a bad byte in the middle: the prefix stops there, nothing needed */
	cr_assert_eq(utf8_valid_prefix("ab\xFF" "cd", 5, &need), 2u);
	cr_assert_eq(need, 0u);
	/* a cut start that can never become valid is bad, not cut */
	cr_assert_eq(utf8_valid_prefix("a\xED\xA0", 3, &need), 1u);
	cr_assert_eq(need, 0u);
	cr_assert_eq(utf8_valid_prefix("a\xE0\x80", 3, &need), 1u);
	cr_assert_eq(need, 0u);
	cr_assert_eq(utf8_valid_prefix("a\xF4\x90", 3, &need), 1u);
	cr_assert_eq(need, 0u);
	cr_assert_eq(utf8_valid_prefix("a\xF0\x9F", 3, &need), 1u);
	cr_assert_eq(need, 2u);
	/* GB18030 "党员" (B5 B3 D4 B1) is not UTF-8 */
	cr_assert(!utf8_valid("\xB5\xB3\xD4\xB1", 4));
	cr_assert(utf8_valid("", 0));
	cr_assert_eq(utf8_valid_prefix("x\xC2", 2, NULL), 1u);
}

/* utf8_valid_prefix agrees with a byte-by-byte decode (utf8_decode) on
 * runs of Chinese text broken at every place by every kind of bad or cut
 * sequence: the three-byte fast path must stop where the slow path
 * would. */
static size_t
valid_prefix_slow(const char *s, size_t len, size_t *need)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	*need = 0;
	while (i < len) {
		if ((n = utf8_decode(p + i, len - i, &cp)) > 0) {
			i += n;
			continue;
		}
		/* bad, or a start cut by the end: some continuation tells */
		for (unsigned pad = 0x80; pad <= 0xA0 && len - i < 4; pad += 0x10) {
			unsigned char b[4] = { (unsigned char)pad, 0x80, 0x80, 0x80 };
			size_t k = len - i, m;

			memcpy(b, p + i, k);
			if (k == 1)
				b[1] = (unsigned char)pad;
			if ((m = utf8_decode(b, 4, &cp)) > k) {
				*need = m - k;
				break;
			}
		}
		return i;
	}
	return i;
}

Test(utf8, valid_prefix_runs_of_chinese)
{
	static const char *const bad[] = {
		"\xFF", "\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80",
		"\xF4\x90\x80\x80", "\xE5\x85", "\xE5\x85" "A", "\xE5" "A\x9A",
		"\xEF\xBB\xBF", "\xC2\xB7", "\xF0\x9F\x98\x80", "\xE0\xA0\x80",
		"\xED\x9F\xBF", "\xEF\xBF", "\xF0\x9F", "\x80",
	};
	char buf[64];
	size_t b, at, len, need, need2, got;

	for (b = 0; b < sizeof bad / sizeof bad[0]; b++)
		for (at = 0; at <= 30; at++) {
			/* 党员张三 ... then the sequence at byte at, then more text */
			len = 0;
			while (len < at) {
				memcpy(buf + len, "\xE5\x85\x9A", 3);
				len += 3;
			}
			len = at < len ? at : len;
			memcpy(buf + len, bad[b], strlen(bad[b]));
			len += strlen(bad[b]);
			memcpy(buf + len, "\xE5\x91\x98x", 4);
			for (size_t end = 0; end <= len + 4; end++) {
				got = utf8_valid_prefix(buf, end, &need);
				cr_assert_eq(got, valid_prefix_slow(buf, end, &need2),
				    "bad %zu at %zu end %zu", b, at, end);
				cr_assert_eq(need, need2, "need: bad %zu at %zu end %zu", b, at, end);
			}
		}
}

Test(utf8, widths)
{
	cr_assert_eq(utf8_char_width('A'), 1);
	cr_assert_eq(utf8_char_width('\t'), 0);
	cr_assert_eq(utf8_char_width(0x7F), 0);
	cr_assert_eq(utf8_char_width(0x85), 0);
	cr_assert_eq(utf8_char_width(0xB7), 1);       /* · the middle dot */
	cr_assert_eq(utf8_char_width(0x515A), 2);     /* 党 */
	cr_assert_eq(utf8_char_width(0x3000), 2);     /* ideographic space */
	cr_assert_eq(utf8_char_width(0x3001), 2);     /* 、 */
	cr_assert_eq(utf8_char_width(0xFF08), 2);     /* （ */
	cr_assert_eq(utf8_char_width(0xFF61), 1);     /* half-width ｡ */
	cr_assert_eq(utf8_char_width(0x3400), 2);     /* extension A */
	cr_assert_eq(utf8_char_width(0x2A6D6), 2);    /* extension B */
	cr_assert_eq(utf8_char_width(0xAC00), 2);     /* 가 */
	cr_assert_eq(utf8_char_width(0x0301), 0);     /* combining acute */
	cr_assert_eq(utf8_char_width(0x200B), 0);     /* zero-width space */
	cr_assert_eq(utf8_char_width(0x064E), 0);     /* Arabic fatha (Uyghur) */
	cr_assert_eq(utf8_char_width(0x0628), 1);     /* Arabic beh */
	cr_assert_eq(utf8_char_width(0x2014), 1);     /* — em dash: ambiguous, narrow */

	cr_assert_eq(utf8_width(""), 0u);
	cr_assert_eq(utf8_width("党员abc"), 7u);
	cr_assert_eq(utf8_width("艾力·阿不都拉"), 13u);
	cr_assert_eq(utf8_width("（第一）党支部"), 14u);
	cr_assert_eq(utf8_width("e\xCC\x81"), 1u);     /* e + combining acute */
	cr_assert_eq(utf8_width("a\xFF" "b"), 3u);     /* an invalid byte: one column */
	cr_assert_eq(utf8_width("\xE5\x85"), 2u);      /* a cut character: two bytes */
}

Test(utf8, cut_bytes_never_splits)
{
	const char *s = "党员·A";     /* 3 + 3 + 2 + 1 bytes */
	size_t len = strlen(s), max;

	cr_assert_eq(utf8_cut(s, len, 100), len);
	cr_assert_eq(utf8_cut(s, len, len), len);
	cr_assert_eq(utf8_cut(s, len, 0), 0u);
	cr_assert_eq(utf8_cut(s, len, 2), 0u);
	cr_assert_eq(utf8_cut(s, len, 3), 3u);
	cr_assert_eq(utf8_cut(s, len, 5), 3u);
	cr_assert_eq(utf8_cut(s, len, 6), 6u);
	cr_assert_eq(utf8_cut(s, len, 7), 6u);
	cr_assert_eq(utf8_cut(s, len, 8), 8u);
	for (max = 0; max <= len; max++) {
		size_t n = utf8_cut(s, len, max);

		cr_assert(n <= max);
		cr_assert(utf8_valid(s, n), "cut at %zu split a character", max);
	}
}

Test(utf8, cut_columns)
{
	const char *s = "党员A·e\xCC\x81" "B";
	size_t used = 99;

	cr_assert_eq(utf8_cut_cols(s, 0, &used), 0u);
	cr_assert_eq(used, 0u);
	cr_assert_eq(utf8_cut_cols(s, 1, &used), 0u);   /* 党 does not fit */
	cr_assert_eq(used, 0u);
	cr_assert_eq(utf8_cut_cols(s, 2, &used), 3u);
	cr_assert_eq(used, 2u);
	cr_assert_eq(utf8_cut_cols(s, 3, &used), 3u);
	cr_assert_eq(utf8_cut_cols(s, 5, &used), 7u);   /* 党员A */
	cr_assert_eq(utf8_cut_cols(s, 6, &used), 9u);   /* + · */
	/* the combining mark stays with its e */
	cr_assert_eq(utf8_cut_cols(s, 7, &used), 12u);
	cr_assert_eq(used, 7u);
	cr_assert_eq(utf8_cut_cols(s, 100, &used), strlen(s));
	cr_assert_eq(used, 8u);
	cr_assert_eq(utf8_cut_cols(s, 100, NULL), strlen(s));
}

Test(utf8, count_and_scrub)
{
	char buf[64];

	cr_assert_eq(utf8_count(""), 0u);
	cr_assert_eq(utf8_count("110101199003070012"), 18u);
	cr_assert_eq(utf8_count("艾力·阿不都拉"), 7u);

	strcpy(buf, "党员\xFF" "A\xC0\x80" "\xED\xA0\x80" "B\xE5\x85");
	cr_assert_eq(utf8_scrub(buf), 8u);
	cr_assert_str_eq(buf, "党员?A?????B??");
	strcpy(buf, "艾力·阿不都拉");
	cr_assert_eq(utf8_scrub(buf), 0u);
	cr_assert_str_eq(buf, "艾力·阿不都拉");
}
