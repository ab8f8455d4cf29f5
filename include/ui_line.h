/*
 * ui_line.h - the line editor of long text fields (src/ui_line.c, no
 * curses), used by the form engine.
 *
 * A field marked long_text (screen.h) is edited here instead of in libform:
 * the whole value as characters, the cursor in characters, a view scrolled
 * by display columns that never splits a wide character and shows ‹ / ›
 * where text is hidden.  The form engine only copies the view into the
 * libform field buffer, so the field keeps the look of the others.
 */
#ifndef CAIJI_UI_LINE_H
#define CAIJI_UI_LINE_H

#include <stddef.h>
#include <wchar.h>
#include "record.h"

#define ULINE_MAX REC_NOTE_MAX       /* characters at most */

struct uline {
	wchar_t c[ULINE_MAX];
	size_t len;                      /* characters */
	size_t cur;                      /* characters before the cursor */
	size_t off;                      /* first character shown */
	size_t max_bytes;                /* UTF-8 bytes the text may take (no NUL) */
};

/* Load UTF-8 text s, the cursor at its end, the view from the start.  The
 * text may take max_bytes bytes.  Returns 0; -1 (l left empty) when s is
 * not valid UTF-8 or longer than max_bytes or ULINE_MAX characters. */
int uline_set(struct uline *l, const char *s, size_t max_bytes);

/* The text as UTF-8 into out (always terminated, cut at size). */
void uline_get(const struct uline *l, char *out, size_t size);

/* UTF-8 bytes of the text. */
size_t uline_bytes(const struct uline *l);

/* Insert c at the cursor.  Returns 1; -1 when it would pass max_bytes or
 * ULINE_MAX (nothing changes).  c is taken as is: filtering and full-width
 * folding are the caller's. */
int uline_insert(struct uline *l, wchar_t c);

/* Apply ACT_HOME, ACT_END, ACT_LEFT, ACT_RIGHT, ACT_BACKSPACE, ACT_DELETE or
 * ACT_CLEAR (enum uaction).  Returns 1 when the text changed, 0 when only
 * the cursor moved, -1 when refused (at an edge; nothing changes). */
int uline_edit(struct uline *l, int action);

/* Scroll l->off so the cursor shows in a field of cols columns, and write
 * the view into out (n wide characters with the NUL): exactly cols columns,
 * ‹ first when text is hidden on the left, › last when hidden on the
 * right, blanks where a wide character does not fit.  Returns the cursor's
 * column in the field. */
int uline_view(struct uline *l, int cols, wchar_t *out, size_t n);

#endif
