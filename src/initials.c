/* initials.c - pinyin initials from GB 2312's pinyin order (initials.h). */
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "initials.h"
#include "utf8.h"

#define CJK_FIRST 0x4E00
#define CJK_LAST  0x9FFF

/* The first GB 2312 level-1 code of each initial (啊 芭 擦 ... 匝); level 1
 * ends at 0xD7F9 (座).  No syllable starts with i, u or v. */
static const struct { unsigned code; char letter; } first_of[] = {
	{ 0xB0A1, 'a' }, { 0xB0C5, 'b' }, { 0xB2C1, 'c' }, { 0xB4EE, 'd' },
	{ 0xB6EA, 'e' }, { 0xB7A2, 'f' }, { 0xB8C1, 'g' }, { 0xB9FE, 'h' },
	{ 0xBBF7, 'j' }, { 0xBFA6, 'k' }, { 0xC0AC, 'l' }, { 0xC2E8, 'm' },
	{ 0xC4C3, 'n' }, { 0xC5B6, 'o' }, { 0xC5BE, 'p' }, { 0xC6DA, 'q' },
	{ 0xC8BB, 'r' }, { 0xC8F6, 's' }, { 0xCBFA, 't' }, { 0xCDDA, 'w' },
	{ 0xCEF4, 'x' }, { 0xD1B9, 'y' }, { 0xD4D1, 'z' },
};
#define LEVEL1_LAST 0xD7F9

struct initials {
	char of[CJK_LAST - CJK_FIRST + 1];     /* '?' = not level 1 */
};

struct initials *
initials_open(void)
{
	struct initials *in;
	iconv_t cd;
	unsigned code, hi, lo;
	size_t k = 0;

	if ((cd = iconv_open("UTF-8", "GB2312")) == (iconv_t)-1)
		return NULL;
	if ((in = malloc(sizeof *in)) == NULL) {
		iconv_close(cd);
		return NULL;
	}
	memset(in->of, '?', sizeof in->of);
	for (hi = 0xB0; hi <= 0xD7; hi++)
		for (lo = 0xA1; lo <= 0xFE; lo++) {
			char gb[2] = { (char)hi, (char)lo }, u8[8], *ip = gb, *op = u8;
			size_t il = 2, ol = sizeof u8;
			uint32_t cp;

			code = hi << 8 | lo;
			if (code > LEVEL1_LAST)
				break;
			while (k + 1 < sizeof first_of / sizeof first_of[0] &&
			    code >= first_of[k + 1].code)
				k++;
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
				iconv(cd, NULL, NULL, NULL, NULL);
				continue;
			}
			if (utf8_decode((const unsigned char *)u8, (size_t)(op - u8), &cp) > 0 &&
			    cp >= CJK_FIRST && cp <= CJK_LAST)
				in->of[cp - CJK_FIRST] = first_of[k].letter;
		}
	iconv_close(cd);
	return in;
}

void
initials_close(struct initials *in)
{
	free(in);
}

size_t
initials_of(const struct initials *in, const char *name, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t w = 0, len, left = strlen(name);
	uint32_t cp;

	if (n == 0)
		return 0;
	while (left > 0 && w + 1 < n) {
		if (*p < 0x80) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
				out[w++] = (char)*p;
			else if (*p >= 'A' && *p <= 'Z')
				out[w++] = (char)(*p + ('a' - 'A'));
			else
				out[w++] = '?';
			p++;
			left--;
			continue;
		}
		len = utf8_decode(p, left, &cp);
		if (len == 0)
			len = 1;
		out[w++] = len > 1 && cp >= CJK_FIRST && cp <= CJK_LAST ?
		    in->of[cp - CJK_FIRST] : '?';
		p += len;
		left -= len;
	}
	out[w] = '\0';
	return w;
}

int
initials_query(const char *q)
{
	size_t i;

	if (q[0] < 'a' || q[0] > 'z')
		return 0;
	for (i = 0; q[i] != '\0'; i++)
		if (i >= INITIALS_QUERY_MAX ||
		    !((q[i] >= 'a' && q[i] <= 'z') || (q[i] >= '0' && q[i] <= '9')))
			return 0;
	return 1;
}
