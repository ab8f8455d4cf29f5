/*
 * ui_dialog.h - the TUI's modal dialogs (src/ui_dialog.c): boxes over the
 * top screen that read keys until answered.  A resize under a dialog
 * paints the screen below again and the dialog on top of it.
 */
#ifndef CAIJI_UI_DIALOG_H
#define CAIJI_UI_DIALOG_H

#include <stddef.h>
#include "codelist.h"
#include "ui.h"

/* Modal question: shows title and the choices ("S 保存" ...), returns the
 * key chosen from keys (lower-case ASCII or UK_ESC), never anything else. */
int ui_ask(struct ui *ui, const char *title, const char *text, const char *choices,
    const int *keys, size_t nkeys);

/* Modal text viewer (conflict details): lines separated by '\n', scrolled
 * with the arrows; choices and keys as ui_ask. */
int ui_show(struct ui *ui, const char *title, const char *text, const char *choices,
    const int *keys, size_t nkeys);

/* Modal pick list over entries e[0..n-1] (code + name); typing filters by
 * code prefix, pinyin-initial prefix or name substring.  Returns the index
 * picked, -1 on Esc. */
int ui_pick(struct ui *ui, const char *title, const struct cl_entry *e, size_t n,
    const char *initial);
/* The same, its filter starting as typed (what the clerk typed into the
 * field before F4); typed NULL or "" = no filter. */
int ui_pick_filter(struct ui *ui, const char *title, const struct cl_entry *e, size_t n,
    const char *initial, const char *typed);

/* Modal multiple choice over names[0..n-1] (n <= 9): each ticked or not,
 * toggled by its number or Space; *set holds the ticked as bits (1 << i)
 * on entry and on Enter.  Returns 0 on Enter, -1 on Esc (*set unchanged). */
int ui_pick_set(struct ui *ui, const char *title, const char *const *names, size_t n,
    unsigned *set);

/* Modal one-line prompt (libform field, the same editing keys as forms).
 * buf holds the initial text and receives the answer.  Returns 0 on Enter,
 * -1 on Esc. */
int ui_prompt(struct ui *ui, const char *title, const char *label, char *buf,
    size_t size, int width);

/* Ask 保存/放弃/返回 when the top screen has unsaved changes and act on
 * the answer; returns 1 when the screen may be left. */
int ui_leave_ok(struct ui *ui);

/* Ask why a record named what is removed (a member: 转出, 死亡, 出党,
 * 录入错误, 其他; an organisation, org != 0: 转出, 录入错误, 其他) and a
 * note (into note).  Returns the reason (enum rec_removal), 0 when the
 * clerk cancelled. */
int ui_ask_removal(struct ui *ui, int org, const char *what, char *note, size_t size);

#endif
