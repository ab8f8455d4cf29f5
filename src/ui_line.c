/* ui_line.c - the line editor of long text fields: editing and horizontal
 * scrolling by display columns (pure, no curses; see ui_line.h). */
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "screen.h"
#include "ui_line.h"
#include "utf8.h"

#define MARK_LEFT  L'\u2039'        /* ‹ text hidden on the left */
#define MARK_RIGHT L'\u203a'        /* › text hidden on the right */

/* Columns of one character (a control or unknown one shows as ?, 1 column). */
static int
cwidth(wchar_t c)
{
	int w = wcwidth(c);

	return w < 0 ? 1 : w;
}

/* Columns of characters [a, b). */
static int
span(const struct uline *l, size_t a, size_t b)
{
	int w = 0;

	for (; a < b; a++)
		w += cwidth(l->c[a]);
	return w;
}

int
uline_set(struct uline *l, const char *s, size_t max_bytes)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, rest = strlen(s);
	uint32_t cp;

	l->len = l->cur = l->off = 0;
	l->max_bytes = max_bytes;
	if (rest > max_bytes)
		return -1;
	while (rest > 0) {
		n = utf8_decode(p, rest, &cp);
		if (n == 0 || l->len >= ULINE_MAX) {
			l->len = 0;
			return -1;
		}
		l->c[l->len++] = (wchar_t)cp;
		p += n;
		rest -= n;
	}
	l->cur = l->len;
	return 0;
}

size_t
uline_bytes(const struct uline *l)
{
	char mb[UTF8_MAX];
	size_t i, n, b = 0;

	for (i = 0; i < l->len; i++) {
		n = utf8_encode((uint32_t)l->c[i], mb);
		b += n == 0 ? 1 : n;
	}
	return b;
}

void
uline_get(const struct uline *l, char *out, size_t size)
{
	char mb[UTF8_MAX];
	size_t i, n, o = 0;

	if (size == 0)
		return;
	for (i = 0; i < l->len; i++) {
		n = utf8_encode((uint32_t)l->c[i], mb);
		if (n == 0 || o + n >= size)
			break;
		memcpy(out + o, mb, n);
		o += n;
	}
	out[o] = '\0';
}

int
uline_insert(struct uline *l, wchar_t c)
{
	char mb[UTF8_MAX];
	size_t n;

	n = utf8_encode((uint32_t)c, mb);
	if (n == 0 || l->len >= ULINE_MAX || uline_bytes(l) + n > l->max_bytes)
		return -1;
	memmove(&l->c[l->cur + 1], &l->c[l->cur], (l->len - l->cur) * sizeof l->c[0]);
	l->c[l->cur++] = c;
	l->len++;
	return 1;
}

/* Remove the character under the cursor. */
static void
del_at(struct uline *l)
{
	memmove(&l->c[l->cur], &l->c[l->cur + 1], (l->len - l->cur - 1) * sizeof l->c[0]);
	l->len--;
}

int
uline_edit(struct uline *l, int action)
{
	switch (action) {
	case ACT_HOME:
		l->cur = 0;
		return 0;
	case ACT_END:
		l->cur = l->len;
		return 0;
	case ACT_LEFT:
		if (l->cur == 0)
			return -1;
		l->cur--;
		return 0;
	case ACT_RIGHT:
		if (l->cur >= l->len)
			return -1;
		l->cur++;
		return 0;
	case ACT_BACKSPACE:
		if (l->cur == 0)
			return -1;
		l->cur--;
		del_at(l);
		return 1;
	case ACT_DELETE:
		if (l->cur >= l->len)
			return -1;
		del_at(l);
		return 1;
	case ACT_CLEAR:
		if (l->len == 0)
			return 0;
		l->len = l->cur = l->off = 0;
		return 1;
	default:
		return -1;
	}
}

/* Columns left for text in a view from off (after the ‹, before the ›). */
static int
room(const struct uline *l, size_t off, int cols)
{
	int avail = cols - (off > 0);

	if (span(l, off, l->len) > avail)
		avail--;
	return avail;
}

/* Does a view from off show the cursor (and the character under it)? */
static int
shows_cursor(const struct uline *l, size_t off, int cols)
{
	int w = l->cur < l->len ? cwidth(l->c[l->cur]) : 1;

	return span(l, off, l->cur) + (w > 0 ? w : 1) <= room(l, off, cols);
}

int
uline_view(struct uline *l, int cols, wchar_t *out, size_t n)
{
	size_t i, o = 0;
	int avail, used = 0, right, lm, w;

	if (l->off > l->cur)
		l->off = l->cur;
	while (l->off < l->cur && !shows_cursor(l, l->off, cols))
		l->off++;
	/* room on the right (text deleted at the end): show more on the left */
	while (l->off > 0 && span(l, l->off - 1, l->len) + (l->cur == l->len) <=
	    cols - (l->off - 1 > 0))
		l->off--;
	lm = l->off > 0;
	avail = room(l, l->off, cols);
	right = avail < cols - lm;
	if (n == 0)
		return 0;
	if (lm && o + 1 < n)
		out[o++] = MARK_LEFT;
	for (i = l->off; i < l->len && o + 1 < n; i++) {
		w = cwidth(l->c[i]);
		if (used + w > avail)
			break;
		out[o++] = iswprint((wint_t)l->c[i]) ? l->c[i] : L'?';
		used += w;
	}
	for (; used < avail && o + 1 < n; used++)
		out[o++] = L' ';
	if (right && o + 1 < n)
		out[o++] = MARK_RIGHT;
	out[o] = L'\0';
	return lm + span(l, l->off, l->cur);
}
