/*
 * ui.h - the keyboard-only entry TUI (issue 4).  The only module that
 * calls curses and libform: src/ui.c owns the terminal (start, locale,
 * resize, restore on exit and fatal signals), the screen stack and the
 * modal dialogs; src/ui_form.c is the generic form engine that builds
 * libform fields from the declarative definitions of include/screen.h;
 * src/ui_list.c draws the organisation tree, the member list, search and
 * help.  Validation only through validate.h, storage only through store.h.
 *
 * Drawing: handlers change state and set ui->full (whole screen) or leave
 * it to the per-pass draw; the main loop draws once per pass and ends with
 * one doupdate().  Nothing is drawn from a signal handler: handlers only
 * set flags that ui_getkey() reads.
 */
#ifndef CAIJI_UI_H
#define CAIJI_UI_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>
#include "app.h"
#include "codelist.h"
#include "recover.h"
#include "record.h"
#include "screen.h"

#define UI_MIN_COLS  80
#define UI_MIN_LINES 24
#define UI_STACK_MAX 8
#define UI_STATUS_MAX 512

struct ui;
struct uscreen;

/* The operations of one screen kind (enum screen_kind). */
struct ukind_ops {
	/* Draw the whole screen body (rows 1 .. LINES-3). */
	void (*draw)(struct ui *ui, struct uscreen *s);
	/* Draw what a key changed and place the cursor (every pass). */
	void (*update)(struct ui *ui, struct uscreen *s);
	/* Handle key k (enum ukey or a character). */
	void (*key)(struct ui *ui, struct uscreen *s, int k);
	/* Let go of curses resources (covered, resized, closed). */
	void (*detach)(struct ui *ui, struct uscreen *s);
	/* Free the state (after detach). */
	void (*free)(struct uscreen *s);
	/* 1 when a text field has the cursor (KW_NOTEXT keys then type). */
	int (*in_text)(struct uscreen *s);
	/* The terminal is about to be resized and erased: keep what is typed
	 * but not yet stored (NULL = nothing to keep).  Also called under a
	 * dialog, so it frees nothing. */
	void (*hold)(struct ui *ui, struct uscreen *s);
};

/* One screen on the stack. */
struct uscreen {
	const struct screen_def *def;
	const struct ukind_ops *ops;
	void *st;                    /* the kind's state */
	const struct screen_def *help_of;  /* SK_HELP: whose keys */
};

struct ui {
	struct app *app;
	struct uscreen stack[UI_STACK_MAX];
	int depth;
	int full;                    /* redraw everything on the next pass */
	int quit;                    /* leave the main loop */
	int too_small;               /* the terminal is below 80x24 */
	int resized;                 /* the terminal size changed: rebuild the top screen */
	int exit_status;
	char status[UI_STATUS_MAX];  /* status line text */
	int status_err;              /* status shown as an error (reverse) */
	char drawn_status[UI_STATUS_MAX];
	int drawn_status_err;
	struct recover_session recover;  /* this session's recovery slot */
	char *recover_path;          /* recover.path: the recovery file */
	/* ditto: the previous records saved in this session */
	struct member last_member;
	int have_last_member;
	struct org last_org;
	int have_last_org;
	int key_cup, key_cdown;      /* curses codes of Ctrl-Up / Ctrl-Down */
	unsigned long keys_typed;    /* keys read */
	unsigned long gen;           /* bumped by every write through the UI: lists reload */
};

/* ---- src/ui.c: terminal, stack, dialogs ---- */

/* Set the status line (printf format); err shows it as an error. */
void ui_status(struct ui *ui, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Push a screen of definition def with state st (owned by the stack from
 * now on); the screen below is detached.  Returns 0, -1 when full. */
int ui_push(struct ui *ui, const struct screen_def *def, void *st);

/* Pop the top screen (detach, free); the one below is redrawn. */
void ui_pop(struct ui *ui);

/* Read one key (enum ukey or a character), drawing nothing itself except
 * the "terminal too small" message.  Handles resize (ui->full set, returns
 * UK_RESIZE) and the signal flags (SIGHUP/SIGTERM/SIGINT: the recovery
 * file is written and the program exits). */
int ui_getkey(struct ui *ui);

/* Map a curses get_wch result to enum ukey / a folded character (pure:
 * full-width digits, letters and punctuation become ASCII). */
int ui_keymap(int type, unsigned ch, int key_cup, int key_cdown);

/* Fold one full-width character (U+FF01-FF5E, U+3000) to ASCII; others unchanged. */
unsigned ui_fold_fullwidth(unsigned ch);

/* Modal question: shows title and the choices ("S 保存" ...), returns the
 * key chosen from keys (lower-case ASCII or UK_ESC), never anything else. */
int ui_ask(struct ui *ui, const char *title, const char *text, const char *choices,
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

/* Modal one-line prompt (libform field, the same editing keys as forms).
 * buf holds the initial text and receives the answer.  Returns 0 on Enter,
 * -1 on Esc. */
int ui_prompt(struct ui *ui, const char *title, const char *label, char *buf,
    size_t size, int width);

/* Modal text viewer (conflict details): lines separated by '\n'; choices
 * and keys as ui_ask. */
int ui_show(struct ui *ui, const char *title, const char *text, const char *choices,
    const int *keys, size_t nkeys);

/* Draw the title line, the status line and the key bar for screen s. */
void ui_draw_frame(struct ui *ui, struct uscreen *s);
void ui_draw_status(struct ui *ui);

/* Write s into stdscr at (y, x) clipped to cols columns; returns columns used. */
int ui_put(int y, int x, const char *s, int cols);

/* The same, leaving out the first hoff columns of s (side scrolling). */
int ui_put_from(int y, int x, const char *s, int cols, int hoff);

/* Display width of UTF-8 text (wcswidth; invalid bytes count 1). */
int ui_width(const char *s);

/* Ask 保存/放弃/返回 when the top screen has unsaved changes and act on
 * the answer; returns 1 when the screen may be left. */
int ui_leave_ok(struct ui *ui);

/* ---- src/ui_form.c: the form engine ---- */

extern const struct ukind_ops ui_form_ops;

/* A form screen state for a member of branch (id 0 = new) or an
 * organisation (id 0 = new under parent).  NULL with the status set when
 * the record cannot be read. */
void *ui_form_member(struct ui *ui, uint64_t branch, uint64_t id);
void *ui_form_org(struct ui *ui, uint64_t parent, uint64_t id);
/* The same from a recovered record (recover.h). */
void *ui_form_recovered(struct ui *ui, int rec, const void *r);

/* 1 when the form has changes not saved. */
int ui_form_changed(struct uscreen *s);
/* Save as F2 does; returns 0 when saved. */
int ui_form_save(struct ui *ui, struct uscreen *s);
/* Drop the changes and the recovery file. */
void ui_form_discard(struct ui *ui, struct uscreen *s);
/* Write the recovery file now (before an exit). */
void ui_form_keep(struct ui *ui, struct uscreen *s);

/* Editing keys shared with ui_prompt: apply action/char k to the current
 * field of form (width cols, type enum ftype).  Returns 1 when the
 * content changed, 0 when not, -1 when refused (beep). */
int ui_edit_key(void *form, int cols, int type, int action, int ch);
/* The current field's text, synced and trimmed, into buf. */
void ui_edit_text(void *form, char *buf, size_t size);

/* ---- src/ui_line.c: the line editor of long text fields (no curses) ----
 *
 * A field marked long_text (screen.h) is edited here instead of in libform:
 * the whole value as characters, the cursor in characters, a view scrolled
 * by display columns that never splits a wide character and shows ‹ / ›
 * where text is hidden.  The form engine only copies the view into the
 * libform field buffer, so the field keeps the look of the others. */

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

/* ---- src/ui_list.c: tree, member list, search, help ---- */

extern const struct ukind_ops ui_tree_ops, ui_members_ops, ui_search_ops, ui_help_ops;

void *ui_tree_new(struct ui *ui);
void *ui_members_new(struct ui *ui, uint64_t branch);
void *ui_search_new(struct ui *ui);
void *ui_help_new(struct ui *ui, const struct screen_def *of);

/* ---- src/ui_report.c: 统计, 质量检查, 上报 (stats.h, check.h, export.h) ---- */

extern const struct ukind_ops ui_text_ops, ui_check_ops;

/* Statistics of org's subtree (0 = everything) as a text view. */
void *ui_stats_new(struct ui *ui, uint64_t org);
/* The quality check of org's subtree (0 = everything) as a list. */
void *ui_check_new(struct ui *ui, uint64_t org);
/* Ask for 序号/填报人/directory/format and export the report of committee
 * top, or (branch != 0) one branch's 附件4; the outcome is shown. */
void ui_export(struct ui *ui, uint64_t top, uint64_t branch, const char *name);

#endif
