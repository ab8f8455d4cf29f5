/*
 * ui.c - the TUI's terminal, screen stack, main loop and modal dialogs.
 * Owns the terminal: start, locale check, resize, restore on exit (atexit)
 * and on fatal signals.  Signal handlers only set flags (SIGHUP, SIGTERM,
 * SIGINT, SIGQUIT) or restore the tty and re-raise (SIGSEGV and friends);
 * the recovery file is written by the form engine as the clerk types, so
 * nothing needs to be written from a handler.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <form.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "recover.h"
#include "store.h"
#include "ui.h"

static volatile sig_atomic_t got_hangup;      /* SIGHUP */
static volatile sig_atomic_t got_term;        /* SIGTERM, SIGINT, SIGQUIT: which */
static volatile sig_atomic_t curses_active;
static struct termios saved_tio;              /* the tty as we found it */
static int saved_tio_ok;
static char crash_seq[128];                   /* leave alternate screen, show cursor */
static size_t crash_seq_len;

/* Flags only: the main loop acts on them. */
static void
on_quit_signal(int sig)
{
	if (sig == SIGHUP)
		got_hangup = 1;
	else
		got_term = sig;
}

/* A crash: give the clerk the terminal back, then die of the same signal. */
static void
on_fatal_signal(int sig)
{
	if (curses_active) {
		if (crash_seq_len > 0)
			(void)!write(STDOUT_FILENO, crash_seq, crash_seq_len);
		if (saved_tio_ok)
			tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* atexit: whatever path leaves the program, the terminal is restored. */
static void
ui_atexit(void)
{
	if (curses_active) {
		curses_active = 0;
		endwin();
	}
}

unsigned
ui_fold_fullwidth(unsigned ch)
{
	if (ch >= 0xFF01 && ch <= 0xFF5E)
		return ch - 0xFEE0;
	if (ch == 0x3000)
		return ' ';
	return ch;
}

int
ui_keymap(int type, unsigned ch, int key_cup, int key_cdown)
{
	if (type == OK) {
		switch (ch) {
		case '\r':
		case '\n':
			return UK_ENTER;
		case 127:
		case 8:
			return UK_BACKSPACE;
		default:
			return (int)ui_fold_fullwidth(ch);
		}
	}
	if (type != KEY_CODE_YES)
		return UK_NONE;
	if ((int)ch >= KEY_F(1) && (int)ch <= KEY_F(10))
		return UK_F1 + ((int)ch - KEY_F(1));
	if (key_cup > 0 && (int)ch == key_cup)
		return UK_CUP;
	if (key_cdown > 0 && (int)ch == key_cdown)
		return UK_CDOWN;
	switch ((int)ch) {
	case KEY_UP: return UK_UP;
	case KEY_DOWN: return UK_DOWN;
	case KEY_LEFT: return UK_LEFT;
	case KEY_RIGHT: return UK_RIGHT;
	case KEY_HOME: case KEY_FIND: case KEY_A1: return UK_HOME;
	case KEY_END: case KEY_SELECT: case KEY_C1: return UK_END;
	case KEY_PPAGE: case KEY_A3: return UK_PGUP;
	case KEY_NPAGE: case KEY_C3: return UK_PGDN;
	case KEY_IC: return UK_IC;
	case KEY_DC: return UK_DC;
	case KEY_BTAB: return UK_BTAB;
	case KEY_BACKSPACE: return UK_BACKSPACE;
	case KEY_ENTER: return UK_ENTER;
	case KEY_RESIZE: return UK_RESIZE;
	default: return UK_NONE;
	}
}

int
ui_width(const char *s)
{
	mbstate_t ps;
	wchar_t wc;
	size_t n;
	int w = 0, cw;

	memset(&ps, 0, sizeof ps);
	while (*s != '\0') {
		n = mbrtowc(&wc, s, strlen(s), &ps);
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			w++;
			s++;
			continue;
		}
		cw = wcwidth(wc);
		w += cw > 0 ? cw : 0;
		s += n;
	}
	return w;
}

/* Write s into win at (y, x), clipped to cols columns and to its first
 * line, leaving out its first hoff columns (a wide character cut by that
 * edge is left blank); an invalid byte shows as '?'.  Returns the columns
 * used. */
static int
wput_from(WINDOW *win, int y, int x, const char *s, int cols, int hoff)
{
	mbstate_t ps;
	wchar_t wc;
	size_t n;
	int used = 0, col = 0, cw;

	memset(&ps, 0, sizeof ps);
	wmove(win, y, x);
	while (*s != '\0' && *s != '\n') {
		n = mbrtowc(&wc, s, strlen(s), &ps);
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			wc = L'?';
			n = 1;
		}
		cw = wcwidth(wc);
		if (cw < 0)
			cw = 1, wc = L'?';
		if (col >= hoff) {
			if (used + cw > cols)
				break;
			mvwaddnwstr(win, y, x + used, &wc, 1);
			used += cw;
		} else if (col + cw > hoff)
			used += col + cw - hoff;
		col += cw;
		s += n;
	}
	return used;
}

static int
wput(WINDOW *win, int y, int x, const char *s, int cols)
{
	return wput_from(win, y, x, s, cols, 0);
}

int
ui_put_from(int y, int x, const char *s, int cols, int hoff)
{
	return wput_from(stdscr, y, x, s, cols, hoff);
}

int
ui_put(int y, int x, const char *s, int cols)
{
	return wput(stdscr, y, x, s, cols);
}

void
ui_status(struct ui *ui, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	va_end(ap);
	ui->status_err = err;
}

/* The status line (LINES-2): drawn only when it changed. */
void
ui_draw_status(struct ui *ui)
{
	if (!ui->full && strcmp(ui->status, ui->drawn_status) == 0 &&
	    ui->status_err == ui->drawn_status_err)
		return;
	move(LINES - 2, 0);
	clrtoeol();
	if (ui->status[0] != '\0') {
		if (ui->status_err)
			attron(A_REVERSE);
		ui_put(LINES - 2, 0, ui->status, COLS - 1);
		if (ui->status_err)
			attroff(A_REVERSE);
	}
	snprintf(ui->drawn_status, sizeof ui->drawn_status, "%s", ui->status);
	ui->drawn_status_err = ui->status_err;
}

/* Title line and key bar of screen s (full redraws only). */
void
ui_draw_frame(struct ui *ui, struct uscreen *s)
{
	size_t i;
	int x = 0, w;
	char buf[128];

	(void)ui;
	move(0, 0);
	clrtoeol();
	attron(A_BOLD);
	ui_put(0, 0, s->def->title, COLS - 1);
	attroff(A_BOLD);
	move(LINES - 1, 0);
	clrtoeol();
	attron(A_REVERSE);
	for (i = 0; i < s->def->nkeys; i++) {
		const char *bar = s->def->keys[i].bar;

		if (bar == NULL)
			continue;
		snprintf(buf, sizeof buf, "%s ", bar);
		w = ui_width(buf);
		if (x + w > COLS - 1)
			break;
		ui_put(LINES - 1, x, buf, w);
		x += w;
	}
	attroff(A_REVERSE);
}

int
ui_push(struct ui *ui, const struct screen_def *def, void *st)
{
	struct uscreen *s;

	if (st == NULL)
		return -1;
	if (ui->depth >= UI_STACK_MAX) {
		ui_status(ui, 1, "打开的屏幕太多");
		return -1;
	}
	if (ui->depth > 0) {
		s = &ui->stack[ui->depth - 1];
		if (s->ops->detach != NULL)
			s->ops->detach(ui, s);
	}
	s = &ui->stack[ui->depth++];
	memset(s, 0, sizeof *s);
	ui_status(ui, 0, "%s", "");
	s->def = def;
	s->st = st;
	switch (def->kind) {
	case SK_TREE: s->ops = &ui_tree_ops; break;
	case SK_MEMBERS: s->ops = &ui_members_ops; break;
	case SK_FORM: s->ops = &ui_form_ops; break;
	case SK_SEARCH: s->ops = &ui_search_ops; break;
	case SK_TEXT: s->ops = &ui_text_ops; break;
	case SK_CHECK: s->ops = &ui_check_ops; break;
	default: s->ops = &ui_help_ops; break;
	}
	ui->full = 1;
	return 0;
}

void
ui_pop(struct ui *ui)
{
	struct uscreen *s;

	if (ui->depth == 0)
		return;
	s = &ui->stack[--ui->depth];
	if (s->ops->detach != NULL)
		s->ops->detach(ui, s);
	s->ops->free(s);
	memset(s, 0, sizeof *s);
	ui_status(ui, 0, "%s", "");
	ui->full = 1;
	if (ui->depth == 0)
		ui->quit = 1;
}

/* The form being typed, when the top screen is one. */
static struct uscreen *
top_form(struct ui *ui)
{
	int i;

	for (i = ui->depth - 1; i >= 0; i--)
		if (ui->stack[i].def->kind == SK_FORM)
			return &ui->stack[i];
	return NULL;
}

/* SIGHUP/SIGTERM: keep what is typed, restore the terminal, exit. */
static void
act_on_signals(struct ui *ui)
{
	struct uscreen *f;

	if (!got_hangup && !got_term)
		return;
	f = top_form(ui);
	if (f != NULL)
		ui_form_keep(ui, f);
	exit(got_hangup ? 128 + SIGHUP : 128 + (int)got_term);
}

static int
size_ok(void)
{
	return COLS >= UI_MIN_COLS && LINES >= UI_MIN_LINES;
}

/* Below 80x24: say so and wait until the terminal is large enough. */
static void
wait_for_size(struct ui *ui)
{
	char msg[160];
	int type;
	wint_t ch;

	while (!size_ok()) {
		ui->too_small = 1;
		erase();
		snprintf(msg, sizeof msg, "终端窗口太小(%d×%d)", COLS, LINES);
		ui_put(0, 0, msg, COLS);
		ui_put(1, 0, "请放大到至少 80×24", COLS);
		refresh();
		type = get_wch(&ch);
		act_on_signals(ui);
		(void)type;
	}
	ui->too_small = 0;
	ui->full = 1;
	clearok(curscr, TRUE);
}

int
ui_getkey(struct ui *ui)
{
	int type, k;
	wint_t ch;

	for (;;) {
		act_on_signals(ui);
		type = get_wch(&ch);
		act_on_signals(ui);
		if (type == ERR)
			continue;
		k = ui_keymap(type, (unsigned)ch, ui->key_cup, ui->key_cdown);
		if (k == UK_RESIZE) {
			if (ui->depth > 0 && ui->stack[ui->depth - 1].ops->hold != NULL)
				ui->stack[ui->depth - 1].ops->hold(ui, &ui->stack[ui->depth - 1]);
			ui->full = 1;
			if (!size_ok())
				wait_for_size(ui);
			ui->resized = 1;
			return UK_RESIZE;
		}
		if (k == UK_NONE)
			continue;
		ui->keys_typed++;
		return k;
	}
}

/* ---- modal dialogs ---- */

/* A resize under a dialog: paint the screen below it again (its state as
 * it is: no detach, no reload of a form), then the dialog goes on top.
 * The main loop still redraws everything once the dialog is closed. */
static void
redraw_below(struct ui *ui)
{
	struct uscreen *s;

	clear();
	if (ui->depth <= 0)
		return;
	s = &ui->stack[ui->depth - 1];
	ui->full = 1;
	ui_draw_frame(ui, s);
	/* a form's fields live in a window the resize made stale: they are
	 * drawn again once the dialog is closed, not shown empty meanwhile */
	if (s->def->kind != SK_FORM)
		s->ops->draw(ui, s);
	ui_draw_status(ui);
	wnoutrefresh(stdscr);
}

/* A centred box of h x w; the caller deletes it. */
static WINDOW *
dialog_win(int h, int w)
{
	WINDOW *win;

	if (w > COLS)
		w = COLS;
	if (h > LINES)
		h = LINES;
	win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	if (win != NULL) {
		keypad(win, TRUE);
		werase(win);
		box(win, 0, 0);
	}
	return win;
}

/* After a dialog: the screen below is shown again as it was. */
static void
dialog_close(struct ui *ui, WINDOW *win)
{
	if (win != NULL)
		delwin(win);
	touchwin(stdscr);
	ui->full = 1;
}

int
ui_show(struct ui *ui, const char *title, const char *text, const char *choices,
    const int *keys, size_t nkeys)
{
	WINDOW *win = NULL;
	const char *p;
	int nl = 0, top = 0, h, w = 76, k, y, i;
	size_t j;

	for (p = text; *p != '\0'; p++)
		if (*p == '\n')
			nl++;
	if (*text != '\0' && text[strlen(text) - 1] != '\n')
		nl++;
	for (;;) {
		h = nl + 4;
		if (h > LINES - 2)
			h = LINES - 2;
		if (win == NULL) {
			touchwin(stdscr);
			wnoutrefresh(stdscr);
			win = dialog_win(h, w);
			if (win == NULL)
				return UK_ESC;
		}
		werase(win);
		box(win, 0, 0);
		wattron(win, A_BOLD);
		wput(win, 0, 2, title, w - 4);
		wattroff(win, A_BOLD);
		for (p = text, i = 0, y = 1; *p != '\0' && y < h - 2; i++) {
			if (i >= top)
				wput(win, y++, 2, p, w - 4);
			p = strchr(p, '\n');
			if (p == NULL)
				break;
			p++;
		}
		wattron(win, A_REVERSE);
		wput(win, h - 2, 2, choices, w - 4);
		wattroff(win, A_REVERSE);
		wnoutrefresh(win);
		doupdate();
		k = ui_getkey(ui);
		if (k == UK_RESIZE) {
			delwin(win);
			win = NULL;
			redraw_below(ui);
			continue;
		}
		if (k == UK_DOWN && top + (h - 3) < nl)
			top++;
		else if (k == UK_UP && top > 0)
			top--;
		if (k >= 'A' && k <= 'Z')
			k += 'a' - 'A';
		for (j = 0; j < nkeys; j++)
			if (keys[j] == k) {
				dialog_close(ui, win);
				return k;
			}
	}
}

int
ui_ask(struct ui *ui, const char *title, const char *text, const char *choices,
    const int *keys, size_t nkeys)
{
	return ui_show(ui, title, text, choices, keys, nkeys);
}

/* Does entry e match the filter typed in the pick list? */
static int
pick_match(const struct cl_entry *e, const char *f)
{
	size_t n = strlen(f), i;

	if (n == 0)
		return 1;
	if (e->code != NULL && strncmp(e->code, f, n) == 0)
		return 1;
	if (e->py != NULL) {
		for (i = 0; i < n && e->py[i] != '\0'; i++)
			if ((f[i] | 0x20) != e->py[i])
				break;
		if (i == n)
			return 1;
	}
	return strstr(e->name, f) != NULL;
}

int
ui_pick(struct ui *ui, const char *title, const struct cl_entry *e, size_t n,
    const char *initial)
{
	return ui_pick_filter(ui, title, e, n, initial, NULL);
}

int
ui_pick_filter(struct ui *ui, const char *title, const struct cl_entry *e, size_t n,
    const char *initial, const char *typed)
{
	WINDOW *win = NULL;
	size_t *idx, nv = 0, i, sel = 0, top = 0, rows;
	char filter[64] = "", line[512];
	int k, h, w = 70, result = -1, y;

	if (typed != NULL)
		snprintf(filter, sizeof filter, "%s", typed);

	idx = calloc(n ? n : 1, sizeof *idx);
	if (idx == NULL)
		return -1;
	for (;;) {
		nv = 0;
		for (i = 0; i < n; i++)
			if (pick_match(&e[i], filter))
				idx[nv++] = i;
		if (initial != NULL) {
			for (i = 0; i < nv; i++)
				if (strcmp(e[idx[i]].name, initial) == 0)
					sel = i;
			initial = NULL;
		}
		if (sel >= nv)
			sel = nv ? nv - 1 : 0;
		h = LINES - 4;
		if ((int)nv + 5 < h)
			h = (int)nv + 5 < 8 ? 8 : (int)nv + 5;
		rows = (size_t)(h - 4);
		if (sel < top)
			top = sel;
		if (sel >= top + rows)
			top = sel - rows + 1;
		if (win == NULL) {
			touchwin(stdscr);
			wnoutrefresh(stdscr);
			win = dialog_win(h, w);
			if (win == NULL)
				break;
		}
		if (getmaxy(win) != h) {
			delwin(win);
			touchwin(stdscr);
			wnoutrefresh(stdscr);
			win = dialog_win(h, w);
			if (win == NULL)
				break;
		}
		werase(win);
		box(win, 0, 0);
		wattron(win, A_BOLD);
		wput(win, 0, 2, title, w - 4);
		wattroff(win, A_BOLD);
		snprintf(line, sizeof line, "筛选: %s", filter);
		wput(win, 1, 2, line, w - 4);
		for (i = top, y = 2; i < nv && y < h - 2; i++, y++) {
			const struct cl_entry *c = &e[idx[i]];

			snprintf(line, sizeof line, "%-6s %s", c->code ? c->code : "", c->name);
			if (i == sel)
				wattron(win, A_REVERSE);
			wput(win, y, 2, line, w - 4);
			if (i == sel)
				wattroff(win, A_REVERSE);
		}
		if (nv == 0)
			wput(win, 2, 2, "(没有匹配项)", w - 4);
		wattron(win, A_REVERSE);
		wput(win, h - 2, 2, "↑↓选择 Enter确定 Esc取消 输入代码/拼音首字母/汉字筛选", w - 4);
		wattroff(win, A_REVERSE);
		wnoutrefresh(win);
		doupdate();
		k = ui_getkey(ui);
		if (k == UK_RESIZE) {
			delwin(win);
			win = NULL;
			redraw_below(ui);
			continue;
		}
		if (k == UK_ESC)
			break;
		if (k == UK_ENTER) {
			if (nv > 0)
				result = (int)idx[sel];
			break;
		}
		if (k == UK_UP && sel > 0)
			sel--;
		else if (k == UK_DOWN && sel + 1 < nv)
			sel++;
		else if (k == UK_PGUP)
			sel = sel > rows ? sel - rows : 0;
		else if (k == UK_PGDN)
			sel = sel + rows < nv ? sel + rows : (nv ? nv - 1 : 0);
		else if (k == UK_HOME)
			sel = 0;
		else if (k == UK_END)
			sel = nv ? nv - 1 : 0;
		else if (k == UK_BACKSPACE) {
			size_t l = strlen(filter);

			while (l > 0 && (filter[l - 1] & 0xC0) == 0x80)
				l--;
			if (l > 0)
				l--;
			filter[l] = '\0';
			sel = top = 0;
		} else if (k > 32 && k < UK_BASE) {
			char mb[8];
			mbstate_t ps;
			size_t l;

			memset(&ps, 0, sizeof ps);
			l = wcrtomb(mb, (wchar_t)k, &ps);
			if (l != (size_t)-1 && strlen(filter) + l < sizeof filter) {
				memcpy(filter + strlen(filter), mb, l);
				filter[strlen(filter) + l] = '\0';
			}
			sel = top = 0;
		}
	}
	free(idx);
	dialog_close(ui, win);
	return result;
}

int
ui_prompt(struct ui *ui, const char *title, const char *label, char *buf,
    size_t size, int width)
{
	WINDOW *win = NULL, *sub = NULL;
	FIELD *fld[2] = { NULL, NULL };
	FORM *form = NULL;
	int k, rc = -1, w = width + 8, lw;

	lw = ui_width(label);
	if (w < lw + 6)
		w = lw + 6;
	if (w < ui_width(title) + 6)
		w = ui_width(title) + 6;          /* the title whole (上报: 党组织全称) */
	if (w > 78)
		w = 78;
	if (width > w - 4)
		width = w - 4;
	for (;;) {
		if (win == NULL) {
			ui_draw_status(ui);      /* why it is asked again, if so */
			touchwin(stdscr);
			wnoutrefresh(stdscr);
			win = dialog_win(6, w);
			if (win == NULL)
				return -1;
			wattron(win, A_BOLD);
			wput(win, 0, 2, title, w - 4);
			wattroff(win, A_BOLD);
			wput(win, 1, 2, label, w - 4);
			wattron(win, A_REVERSE);
			wput(win, 4, 2, "Enter确定 Esc取消", w - 4);
			wattroff(win, A_REVERSE);
			fld[0] = new_field(1, width, 0, 0, 0, 0);
			if (fld[0] == NULL)
				break;
			field_opts_off(fld[0], O_AUTOSKIP | O_BLANK);
			set_field_back(fld[0], A_UNDERLINE);
			set_field_buffer(fld[0], 0, buf);
			form = new_form(fld);
			if (form == NULL)
				break;
			/* post_form clears its sub window: not the box */
			sub = derwin(win, 1, width, 2, 2);
			if (sub == NULL)
				break;
			set_form_win(form, win);
			set_form_sub(form, sub);
			post_form(form);
			ui_edit_key(form, width, FT_TEXT, ACT_END, 0);
		}
		pos_form_cursor(form);
		wnoutrefresh(win);
		doupdate();
		k = ui_getkey(ui);
		if (k == UK_RESIZE) {
			ui_edit_text(form, buf, size);
			unpost_form(form);
			free_form(form);
			free_field(fld[0]);
			form = NULL;
			fld[0] = NULL;
			delwin(sub);
			sub = NULL;
			delwin(win);
			win = NULL;
			redraw_below(ui);
			continue;
		}
		if (k == UK_ESC)
			break;
		if (k == UK_ENTER) {
			ui_edit_text(form, buf, size);
			rc = 0;
			break;
		}
		switch (k) {
		case UK_HOME: case 1: ui_edit_key(form, width, FT_TEXT, ACT_HOME, 0); break;
		case UK_END: case 5: ui_edit_key(form, width, FT_TEXT, ACT_END, 0); break;
		case UK_LEFT: ui_edit_key(form, width, FT_TEXT, ACT_LEFT, 0); break;
		case UK_RIGHT: ui_edit_key(form, width, FT_TEXT, ACT_RIGHT, 0); break;
		case UK_BACKSPACE: ui_edit_key(form, width, FT_TEXT, ACT_BACKSPACE, 0); break;
		case UK_DC: ui_edit_key(form, width, FT_TEXT, ACT_DELETE, 0); break;
		case UK_CTRL_U: ui_edit_key(form, width, FT_TEXT, ACT_CLEAR, 0); break;
		default:
			if (k >= 32 && k < UK_BASE)
				ui_edit_key(form, width, FT_TEXT, ACT_NONE, k);
		}
	}
	if (form != NULL) {
		unpost_form(form);
		free_form(form);
	}
	if (fld[0] != NULL)
		free_field(fld[0]);
	if (sub != NULL)
		delwin(sub);
	dialog_close(ui, win);
	return rc;
}

int
ui_leave_ok(struct ui *ui)
{
	static const int keys[] = { 's', 'd', 'r', UK_ESC };
	struct uscreen *s;
	int k;

	if (ui->depth == 0)
		return 1;
	s = &ui->stack[ui->depth - 1];
	if (s->def->kind != SK_FORM || !ui_form_changed(s))
		return 1;
	k = ui_ask(ui, "有未保存的修改",
	    "本表有修改尚未保存。\n"
	    "S 保存   D 放弃修改   R 或 Esc 返回继续录入",
	    "S保存  D放弃  Esc返回", keys, 4);
	if (k == 's')
		return ui_form_save(ui, s) == 0;
	if (k == 'd') {
		ui_form_discard(ui, s);
		return 1;
	}
	return 0;
}

/* ---- start-up ---- */

/* UTF-8 or bust: fall back to C.UTF-8, else say why we stop. */
static int
ensure_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (cs != NULL && strcmp(cs, "UTF-8") == 0)
		return 0;
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	return app_error("当前区域设置不是 UTF-8, 且没有 C.UTF-8; 请设置 LANG=C.UTF-8 后再运行");
}

/* Escape sequences the crash handler writes (no curses there). */
static void
prepare_crash_seq(void)
{
	const char *parts[3];
	size_t i, l;

	parts[0] = tigetstr("rmcup");
	parts[1] = tigetstr("cnorm");
	parts[2] = tigetstr("sgr0");
	crash_seq_len = 0;
	for (i = 0; i < 3; i++) {
		if (parts[i] == NULL || parts[i] == (char *)-1)
			continue;
		l = strlen(parts[i]);
		if (crash_seq_len + l + 2 >= sizeof crash_seq)
			break;
		memcpy(crash_seq + crash_seq_len, parts[i], l);
		crash_seq_len += l;
	}
	crash_seq[crash_seq_len++] = '\r';
	crash_seq[crash_seq_len++] = '\n';
}

/* The curses code of an extended key named name (kUP5...), defining it from
 * the xterm sequence when the terminal description lacks it. */
static int
ext_key(const char *name, const char *fallback)
{
	const char *s = tigetstr(name);
	int code;

	if (s != NULL && s != (char *)-1) {
		code = key_defined(s);
		if (code > 0)
			return code;
	}
	code = key_defined(fallback);
	if (code > 0)
		return code;
	return 0;
}

static void
install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static int
start_terminal(struct ui *ui)
{
	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		saved_tio_ok = 1;
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	if (initscr() == NULL)
		return app_error("无法初始化终端 (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
	curses_active = 1;
	atexit(ui_atexit);
	prepare_crash_seq();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	wtimeout(stdscr, 500);
	/* PuTTY's default F1-F4 under TERM=xterm */
	define_key("\033[11~", KEY_F(1));
	define_key("\033[12~", KEY_F(2));
	define_key("\033[13~", KEY_F(3));
	define_key("\033[14~", KEY_F(4));
	ui->key_cup = ext_key("kUP5", "\033[1;5A");
	ui->key_cdown = ext_key("kDN5", "\033[1;5B");
	if (ui->key_cup == 0) {
		ui->key_cup = KEY_MAX + 100;
		define_key("\033[1;5A", ui->key_cup);
	}
	if (ui->key_cdown == 0) {
		ui->key_cdown = KEY_MAX + 101;
		define_key("\033[1;5B", ui->key_cdown);
	}
	curs_set(1);
	return 0;
}

/* A recovery file from an earlier session: offer it back. */
static void
offer_recovery(struct ui *ui)
{
	static const int keys[] = { 'y', 'n', UK_ESC };
	struct recovery *r;
	char text[512];
	void *st;
	int k;

	r = calloc(1, sizeof *r);
	if (r == NULL)
		return;
	if (!ui->recover.adopted ||
	    recover_load(ui->recover_path, screen_member.form, screen_org.form, r) != 0) {
		free(r);
		return;
	}
	snprintf(text, sizeof text,
	    "上次有未保存的录入: %s %s\n"
	    "Y 恢复并继续录入   N 放弃这些录入",
	    r->rec == REC_KIND_ORG ? "党组织" : "党员",
	    (r->rec == REC_KIND_ORG ? r->o.name : r->m.name)[0] != '\0' ?
	    (r->rec == REC_KIND_ORG ? r->o.name : r->m.name) : "(名称未填)");
	k = ui_ask(ui, "恢复未保存的录入?", text, "Y恢复  N放弃", keys, 3);
	if (k == 'y') {
		if (r->rec == REC_KIND_MEMBER && r->m.branch != 0)
			ui_push(ui, &screen_members, ui_members_new(ui, r->m.branch));
		st = ui_form_recovered(ui, r->rec, r->rec == REC_KIND_ORG ?
		    (const void *)&r->o : (const void *)&r->m);
		if (st != NULL) {
			ui_push(ui, r->rec == REC_KIND_ORG ? &screen_org : &screen_member, st);
			ui_status(ui, 0, "已恢复上次未保存的录入, 请检查后按 F2 保存");
		} else
			ui_status(ui, 1, "无法恢复: 该记录所在的党组织已不存在");
	} else if (k == 'n') {
		recover_discard(ui->recover_path);
		ui_status(ui, 0, "已放弃上次未保存的录入");
	}
	free(r);
}

/* Draw the top screen: everything when ui->full, else what changed. */
static void
draw_pass(struct ui *ui)
{
	struct uscreen *s = &ui->stack[ui->depth - 1];

	if (ui->resized) {
		ui->resized = 0;
		if (s->ops->detach != NULL)
			s->ops->detach(ui, s);
	}
	if (ui->full) {
		erase();
		ui_draw_frame(ui, s);
		s->ops->draw(ui, s);
	}
	ui_draw_status(ui);
	s->ops->update(ui, s);
	ui->full = 0;
	wnoutrefresh(stdscr);
	doupdate();
}

int
ui_main(struct app *app)
{
	struct ui *ui;
	int k, rc;

	if (ensure_utf8() != 0)
		return 1;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return app_error("录入界面需要在终端中运行");
	if (app_open_store(app) != 0)
		return 1;
	ui = calloc(1, sizeof *ui);
	if (ui == NULL)
		return app_error("内存不足");
	ui->app = app;
	if (recover_begin(&ui->recover, app->dbdir) != 0) {
		free(ui);
		return app_error("无法建立恢复文件目录(~/.local/state/caiji): %s",
		    strerror(errno));
	}
	ui->recover_path = ui->recover.path;
	install_signals();
	if (start_terminal(ui) != 0) {
		recover_end(&ui->recover);
		free(ui);
		return 1;
	}
	if (!size_ok())
		wait_for_size(ui);
	ui_push(ui, &screen_tree, ui_tree_new(ui));
	ui_status(ui, 0, "就绪");
	offer_recovery(ui);
	while (!ui->quit && ui->depth > 0) {
		struct uscreen *s;

		draw_pass(ui);
		k = ui_getkey(ui);
		if (k == UK_RESIZE)
			continue;
		s = &ui->stack[ui->depth - 1];
		s->ops->key(ui, s, k);
	}
	while (ui->depth > 0)
		ui_pop(ui);
	rc = ui->exit_status;
	curses_active = 0;
	endwin();
	recover_end(&ui->recover);
	free(ui);
	return rc;
}
