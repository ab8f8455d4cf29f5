/* pinyin.c - pinyin initials through GB 2312's pinyin order (iconv). */
#include <ctype.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "pinyin.h"
#include "utf8.h"

/* The first GB 2312 level-1 code of each initial (啊 芭 擦 ... 匝), and
 * the last code of level 1 (座). */
static const struct { unsigned code; char letter; } first_of[] = {
	{ 0xB0A1, 'a' }, { 0xB0C5, 'b' }, { 0xB2C1, 'c' }, { 0xB4EE, 'd' },
	{ 0xB6EA, 'e' }, { 0xB7A2, 'f' }, { 0xB8C1, 'g' }, { 0xB9FE, 'h' },
	{ 0xBBF7, 'j' }, { 0xBFA6, 'k' }, { 0xC0AC, 'l' }, { 0xC2E8, 'm' },
	{ 0xC4C3, 'n' }, { 0xC5B6, 'o' }, { 0xC5BE, 'p' }, { 0xC6DA, 'q' },
	{ 0xC8BB, 'r' }, { 0xC8F6, 's' }, { 0xCBFA, 't' }, { 0xCDDA, 'w' },
	{ 0xCEF4, 'x' }, { 0xD1B9, 'y' }, { 0xD4D1, 'z' },
};
#define LEVEL1_LAST 0xD7F9

static char
initial_of(unsigned code)
{
	size_t i;

	if (code < first_of[0].code || code > LEVEL1_LAST)
		return '?';
	for (i = sizeof first_of / sizeof first_of[0]; i-- > 0;)
		if (code >= first_of[i].code)
			return first_of[i].letter;
	return '?';
}

struct pinyin {
	iconv_t cd;
};

struct pinyin *
pinyin_open(void)
{
	struct pinyin *py = malloc(sizeof *py);

	if (py == NULL)
		return NULL;
	py->cd = iconv_open("GB2312", "UTF-8");
	if (py->cd == (iconv_t)-1) {
		free(py);
		return NULL;
	}
	return py;
}

void
pinyin_close(struct pinyin *py)
{
	if (py == NULL)
		return;
	iconv_close(py->cd);
	free(py);
}

int
pinyin_initials(struct pinyin *py, const char *s, char *out, size_t n)
{
	iconv_t cd = py->cd;
	size_t w = 0, len;
	const char *p = s;

	if (n == 0)
		return 0;
	while (*p != '\0' && w + 1 < n) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x80) {
			out[w++] = isalnum(c) ? (char)tolower(c) : '?';
			p++;
			continue;
		}
		{
			uint32_t cp;

			len = utf8_decode((const unsigned char *)p, strnlen(p, UTF8_MAX), &cp);
		}
		if (len == 0) {
			out[w++] = '?';
			p++;
			continue;
		}
		{
			char in[4], gb[4], *ip = in, *op = gb;
			size_t il = len, ol = sizeof gb;

			memcpy(in, p, len);
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || op - gb != 2)
				out[w++] = '?';
			else
				out[w++] = initial_of((unsigned)(unsigned char)gb[0] << 8 |
				    (unsigned char)gb[1]);
			iconv(cd, NULL, NULL, NULL, NULL);
		}
		p += len;
	}
	out[w] = '\0';
	return (int)w;
}
