/*
 * ui.h - the core of the keyboard-only entry TUI (issue 4), src/ui.c: it
 * owns the terminal (start, locale, resize, restore on exit and on fatal
 * signals), the screen stack, the main loop that hands each key to the top
 * screen, the drawing helpers and the libform editing shims every one-line
 * field shares.  The modal dialogs are ui_dialog.h.
 *
 * The core knows no screen by name.  A screen is a definition in screens/
 * (screen.h) pointing to the handlers of its kind (struct ukind_ops), one
 * src/ui_<kind>.c each; screens open each other through ui_open() with a
 * name from the registry (screens/registry.c), so adding a screen touches
 * its own files and one registry line.  The first screen of the registry
 * is the start screen.
 *
 * Only src/ui*.c call curses and libform.  Validation only through
 * validate.h, storage only through store.h.
 *
 * Drawing: handlers change state and set ui->full (whole screen) or leave
 * it to the per-pass draw; the main loop draws once per pass and ends with
 * one doupdate().  Nothing is drawn from a signal handler: handlers only
 * set flags that ui_getkey() reads.
 */
#ifndef CAIJI_UI_H
#define CAIJI_UI_H

#include <curses.h>
#include <form.h>
#include <stddef.h>
#include <stdint.h>
#include "app.h"
#include "codelist.h"
#include "recover.h"
#include "record.h"
#include "screen.h"

#define UI_MIN_COLS  80
#define UI_MIN_LINES 24
#define UI_STACK_MAX 8
#define UI_STATUS_MAX 512
#define UI_AHEAD_MAX 64              /* keys kept while a box was up */
#define UI_MSG_LINES 4               /* rows a long status message may take */
#define UI_LIST_TOP  2               /* first row of a list (row 1 is its header) */

struct ui;
struct uscreen;

/* What a screen is opened with; each kind reads the members it names in
 * its header and ignores the others. */
struct uopen {
	uint64_t org;                    /* an organisation: the branch, parent or subtree */
	uint64_t id;                     /* a record; 0 = a new one */
	const char *name;                /* a name to show (上报: the organisation) */
	const struct screen_def *of;     /* help: the screen whose keys are shown */
	int rec;                         /* forms: REC_KIND_* of recovered, or 0 */
	const void *recovered;           /* forms: a struct member / org from recover.h */
	const char *field;               /* forms: open at the field of this label (质量检查) */
	uint64_t verify;                 /* member form: key member `verify` again blind
	                                  * (double keying, verify.h); org = its branch */
};

/* The handlers of one kind of screen (src/ui_<kind>.c); a screen
 * definition points to its kind's (screen_def.ops). */
struct ukind_ops {
	/* The state of a new screen of definition def opened with a, or NULL
	 * (the status line then says why; nothing is opened). */
	void *(*open)(struct ui *ui, const struct screen_def *def, const struct uopen *a);
	/* A modal flow instead of a screen on the stack (open is then NULL):
	 * runs its dialogs and returns, the outcome on the status line. */
	void (*run)(struct ui *ui, const struct screen_def *def, const struct uopen *a);
	/* Once when the TUI starts, after the start screen is open, with the
	 * first definition of this kind (NULL = nothing to do). */
	void (*start)(struct ui *ui, const struct screen_def *def);
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
	/* The terminal is about to be resized and erased: keep what is typed
	 * but not yet stored (NULL = nothing to keep).  Also called under a
	 * dialog, so it frees nothing. */
	void (*hold)(struct ui *ui, struct uscreen *s);
	/* Unsaved work (all NULL when the kind has none): 1 when there are
	 * changes not saved; save them (0 when saved); drop them; write what
	 * is typed to the recovery file now (before an exit on a signal). */
	int (*changed)(struct uscreen *s);
	int (*save)(struct ui *ui, struct uscreen *s);
	void (*discard)(struct ui *ui, struct uscreen *s);
	void (*keep)(struct ui *ui, struct uscreen *s);
	/* 1: after a resize under a dialog the screen is not painted until the
	 * dialog closes (its libform fields live in a window the resize made
	 * stale; drawn then they would show empty). */
	int stale_under_dialog;
};

/* One screen on the stack. */
struct uscreen {
	const struct screen_def *def;
	const struct ukind_ops *ops;     /* def->ops */
	void *st;                        /* the kind's state */
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
	WINDOW *msgwin;              /* the message area's rows above the status line */
	struct recover_session recover;  /* this session's recovery slot */
	char *recover_path;          /* recover.path: the recovery file */
	/* ditto: the previous records saved in this session */
	struct member last_member;
	int have_last_member;
	struct org last_org;
	int have_last_org;
	int key_cup, key_cdown;      /* curses codes of Ctrl-Up / Ctrl-Down */
	unsigned long keys_typed;    /* keys read */
	/* type-ahead: keys read while a question box or the 终端窗口太小
	 * notice was up and not meant for it, handed out first afterwards */
	int ahead[UI_AHEAD_MAX];
	int nahead;
	int in_dialog;               /* a question box is reading keys */
	unsigned long gen;           /* bumped by every write through the UI: lists reload */
};

/* ---- the screen stack ---- */

/* Open the screen registered as name with a (NULL = nothing): a stacked
 * screen is pushed on top (the one below is detached), a modal flow is
 * run.  Returns 0; -1 when it did not open (unknown name, the stack is
 * full, or its kind refused: the status line says why). */
int ui_open(struct ui *ui, const char *name, const struct uopen *a);

/* Pop the top screen (detach, free); the one below is redrawn. */
void ui_pop(struct ui *ui);

/* The actions every list-like screen treats alike, for its key handler's
 * default case: ACT_HELP opens the help of s's definition, ACT_LEAVE pops
 * s, ACT_QUIT ends the TUI.  Returns 1 when a was one of them (done), 0
 * otherwise (nothing done).  Screens with something to save or a
 * different meaning of leave (the form, the tree) handle those first. */
int ui_act_common(struct ui *ui, struct uscreen *s, int a);

/* The top screen, NULL when the stack is empty. */
struct uscreen *ui_top(struct ui *ui);

/* ---- keys ---- */

/* Read one key (enum ukey or a character), drawing nothing itself except
 * the "terminal too small" message.  Handles resize (ui->full set, returns
 * UK_RESIZE) and the signal flags (SIGHUP/SIGTERM/SIGINT: what is typed is
 * kept in the recovery file and the program exits). */
int ui_getkey(struct ui *ui);

/* Keep key k for after the box that read it (type-ahead; dropped only
 * past UI_AHEAD_MAX). */
void ui_keep_key(struct ui *ui, int k);

/* Map a curses get_wch result to enum ukey / a folded character (pure:
 * full-width digits, letters and punctuation become ASCII). */
int ui_keymap(int type, unsigned ch, int key_cup, int key_cdown);

/* Fold one full-width character (U+FF01-FF5E, U+3000) to ASCII; others unchanged. */
unsigned ui_fold_fullwidth(unsigned ch);

/* ---- drawing ---- */

/* Set the status line (printf format); err shows it as an error. */
void ui_status(struct ui *ui, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ui_status, and the status line drawn at once: before work that holds
 * the terminal (an import, an export, a PDF), which would otherwise show
 * the dialog that started it and the last status until it ends. */
void ui_busy(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The rows message s takes when wrapped at cols columns (and at each
 * newline), at most max; the byte offset of each row's start into starts
 * (NULL = only count).  0 for an empty message. */
int ui_msg_lines(const char *s, int cols, size_t *starts, int max);

/* Draw the title line, the status line and the key bar for screen s. */
void ui_draw_frame(struct ui *ui, struct uscreen *s);
void ui_draw_status(struct ui *ui);

/* Put the message area (the rows of a long message above the status
 * line) on top again after stdscr was refreshed. */
void ui_show_msgwin(struct ui *ui);

/* Write s into win at (y, x), clipped to cols columns and to its first
 * line, leaving out its first hoff columns (side scrolling; a wide
 * character cut by that edge is left blank); an invalid byte shows as
 * '?'.  Returns the columns used. */
int ui_wput_from(WINDOW *win, int y, int x, const char *s, int cols, int hoff);

/* ui_wput_from from the first column of s. */
int ui_wput(WINDOW *win, int y, int x, const char *s, int cols);

/* The same into stdscr. */
int ui_put_from(int y, int x, const char *s, int cols, int hoff);
int ui_put(int y, int x, const char *s, int cols);

/* Columns UTF-8 text takes on the screen: curses' width of each character
 * (wcwidth; a control character 0), an invalid byte 1 (it shows as '?').
 * Not utf8_width(): the screen must measure what curses draws, and the two
 * differ on a few hundred rare characters (the Yijing hexagram symbols,
 * some combining marks); for Chinese text and ASCII they agree. */
int ui_width(const char *s);

/* Rows of a list that starts at UI_LIST_TOP. */
int ui_list_rows(void);

/* Keep row sel visible in a window of rows rows starting at *top. */
void ui_scroll_to(size_t sel, size_t *top, int rows);

/* Move *sel among n rows for a list action (ACT_UP, ACT_DOWN, ACT_PAGE_*,
 * ACT_FIRST, ACT_LAST); returns 1 when a was one of them. */
int ui_navigate(int a, size_t *sel, size_t n);

/* What a list shows in its mark column for a record: its removal reason,
 * else 完整 or 草稿!. */
const char *ui_state_label(int state, int removed);

/* ---- one-line libform fields: the libformw 6.4 shims for Chinese text
 * (platform-findings.md section 1), shared by the forms, ui_prompt and
 * search ---- */

/* Give a field of the record forms its look: no video attribute (an
 * attribute costs a set and a reset around each character ncurses writes
 * into the field: 12-16 bytes a typed character on the line instead of 1-3),
 * its free cells shown as UI_FIELD_PAD so that its extent stays visible on
 * any terminal, monochrome ones included.  libformw reads the pad
 * character back as a blank: a field edited by libform must refuse it
 * (the long texts, edited by ui_line, keep it). */
#define UI_FIELD_PAD '_'
void ui_field_look(FIELD *f);

/* Apply action/char k to the current field of form (width cols, type enum
 * ftype).  Returns 1 when the content changed, 0 when not, -1 when refused
 * (beep). */
int ui_edit_key(FORM *form, int cols, int type, int action, int ch);

/* The current field's text, synced and trimmed, into buf. */
void ui_edit_text(FORM *form, char *buf, size_t size);

/* Is character *ch allowed in a field of type (enum ftype)?  May rewrite
 * it (x -> X in an ID number, a-z -> A-Z in a unit code). */
int ui_edit_accepts(int type, int *ch);

#endif
