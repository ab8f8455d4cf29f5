/*
 * ui.c - the core of the TUI (ui.h): the terminal, the screen stack, the
 * main loop and its key dispatch, the drawing helpers and the one-line
 * libform field shims.  It knows no screen by name: screens come from the
 * registry (screen.h) with the handlers of their kind.
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
#include <wctype.h>

#include "recover.h"
#include "ui.h"
#include "utf8.h"

#define EDIT_MAX REC_NOTE_MAX         /* the longest text a field holds */

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
	const unsigned char *p = (const unsigned char *)s;
	size_t rest = strlen(s), n;
	uint32_t cp;
	int w = 0, cw;

	while (rest > 0) {
		n = utf8_decode(p, rest, &cp);
		if (n == 0) {
			w++;                    /* an invalid byte: one '?' */
			n = 1;
		} else if ((cw = wcwidth((wchar_t)cp)) > 0)
			w += cw;
		p += n;
		rest -= n;
	}
	return w;
}

int
ui_wput_from(WINDOW *win, int y, int x, const char *s, int cols, int hoff)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t rest = strlen(s), n;
	uint32_t cp;
	wchar_t wc;
	int used = 0, col = 0, cw;

	wmove(win, y, x);
	while (rest > 0 && *p != '\n') {
		n = utf8_decode(p, rest, &cp);
		if (n == 0) {
			cp = '?';
			n = 1;
		}
		wc = (wchar_t)cp;
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
		p += n;
		rest -= n;
	}
	return used;
}

int
ui_wput(WINDOW *win, int y, int x, const char *s, int cols)
{
	return ui_wput_from(win, y, x, s, cols, 0);
}

int
ui_put_from(int y, int x, const char *s, int cols, int hoff)
{
	return ui_wput_from(stdscr, y, x, s, cols, hoff);
}

int
ui_put(int y, int x, const char *s, int cols)
{
	return ui_wput(stdscr, y, x, s, cols);
}

static void
ui_vstatus(struct ui *ui, int err, const char *fmt, va_list ap)
{
	vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	ui->status_err = err;
}

void
ui_status(struct ui *ui, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vstatus(ui, err, fmt, ap);
	va_end(ap);
}

void
ui_busy(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vstatus(ui, 0, fmt, ap);
	va_end(ap);
	ui_draw_status(ui);
	wnoutrefresh(stdscr);
	ui_show_msgwin(ui);
	doupdate();
}

/* Bytes of the start of s that fit in cols columns, up to a newline (not
 * counted) or the end; at least one character when s is not empty. */
static size_t
fit_bytes(const char *s, int cols)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t rest = strlen(s), n, used = 0;
	uint32_t cp;
	int w = 0, cw;

	while (rest > 0 && *p != '\n') {
		n = utf8_decode(p, rest, &cp);
		if (n == 0) {
			n = 1;
			cw = 1;
		} else if ((cw = wcwidth((wchar_t)cp)) < 0)
			cw = 0;
		if (w + cw > cols && used > 0)
			break;
		w += cw;
		used += n;
		p += n;
		rest -= n;
	}
	return used;
}

int
ui_msg_lines(const char *s, int cols, size_t *starts, int max)
{
	int n = 0;
	size_t at = 0, len = strlen(s), k;

	if (len == 0)
		return 0;
	while (at < len && n < max) {
		if (starts != NULL)
			starts[n] = at;
		n++;
		k = fit_bytes(s + at, cols);
		at += k;
		if (at < len && s[at] == '\n')
			at++;
	}
	return n;
}

/* The status line (LINES-2), growing upwards into a message area of up to
 * UI_MSG_LINES rows when the message is longer: drawn only when it
 * changed.  The rows above the status line are a window of their own over
 * the body (ui->msgwin), so the body under it is kept in stdscr and shown
 * again as soon as the message is shorter. */
void
ui_draw_status(struct ui *ui)
{
	size_t starts[UI_MSG_LINES];
	int n, i;

	if (!ui->full && strcmp(ui->status, ui->drawn_status) == 0 &&
	    ui->status_err == ui->drawn_status_err)
		return;
	n = ui_msg_lines(ui->status, COLS - 1, starts, UI_MSG_LINES);
	if (ui->msgwin != NULL) {
		touchline(stdscr, getbegy(ui->msgwin), getmaxy(ui->msgwin));
		delwin(ui->msgwin);
		ui->msgwin = NULL;
	}
	if (n > 1)
		ui->msgwin = newwin(n - 1, COLS, LINES - 1 - n, 0);
	move(LINES - 2, 0);
	clrtoeol();
	if (ui->status_err)
		attron(A_REVERSE);
	for (i = 0; i < n; i++) {
		if (i < n - 1 && ui->msgwin == NULL)
			continue;
		if (i < n - 1) {
			if (ui->status_err)
				wattron(ui->msgwin, A_REVERSE);
			ui_wput(ui->msgwin, i, 0, ui->status + starts[i], COLS - 1);
			wattroff(ui->msgwin, A_REVERSE);
		} else
			ui_put(LINES - 2, 0, ui->status + starts[i], COLS - 1);
	}
	if (ui->status_err)
		attroff(A_REVERSE);
	snprintf(ui->drawn_status, sizeof ui->drawn_status, "%s", ui->status);
	ui->drawn_status_err = ui->status_err;
}

void
ui_show_msgwin(struct ui *ui)
{
	if (ui->msgwin == NULL)
		return;
	touchwin(ui->msgwin);
	wnoutrefresh(ui->msgwin);
	/* stdscr again: nothing of it changed since, but the cursor is its */
	wnoutrefresh(stdscr);
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

/* ---- lists ---- */

int
ui_list_rows(void)
{
	return LINES - 2 - UI_LIST_TOP;
}

void
ui_scroll_to(size_t sel, size_t *top, int rows)
{
	if (sel < *top)
		*top = sel;
	if (rows > 0 && sel >= *top + (size_t)rows)
		*top = sel - (size_t)rows + 1;
}

int
ui_navigate(int a, size_t *sel, size_t n)
{
	size_t page = (size_t)(ui_list_rows() > 1 ? ui_list_rows() - 1 : 1);

	switch (a) {
	case ACT_UP: if (*sel > 0) (*sel)--; return 1;
	case ACT_DOWN: if (*sel + 1 < n) (*sel)++; return 1;
	case ACT_PAGE_PREV: *sel = *sel > page ? *sel - page : 0; return 1;
	case ACT_PAGE_NEXT: *sel = *sel + page < n ? *sel + page : (n ? n - 1 : 0); return 1;
	case ACT_FIRST: *sel = 0; return 1;
	case ACT_LAST: *sel = n ? n - 1 : 0; return 1;
	default: return 0;
	}
}

const char *
ui_state_label(int state, int removed)
{
	if (removed != RM_NONE)
		return rec_removal_label(removed);
	return state == REC_COMPLETE ? "完整" : "草稿!";
}

/* ---- one-line libform fields ---- */

void
ui_field_look(FIELD *f)
{
	set_field_back(f, A_NORMAL);
	set_field_fore(f, A_NORMAL);
	set_field_pad(f, UI_FIELD_PAD);
}

void
ui_edit_text(FORM *fm, char *buf, size_t size)
{
	FIELD *f = current_field(fm);
	const char *b;
	size_t n;

	buf[0] = '\0';
	if (f == NULL)
		return;
	/* libformw 6.4: the current buffer is stale until REQ_VALIDATION */
	form_driver_w(fm, KEY_CODE_YES, REQ_VALIDATION);
	b = field_buffer(f, 0);
	if (b == NULL)
		return;
	snprintf(buf, size, "%s", b);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
}

/* Characters in the buffer (for our own End). */
static size_t
text_chars(const char *s)
{
	size_t n = mbstowcs(NULL, s, 0);

	return n == (size_t)-1 ? strlen(s) : n;
}

int
ui_edit_accepts(int type, int *ch)
{
	int c = *ch;

	if (c < 32 || c >= UK_BASE || !iswprint((wint_t)c))
		return 0;
	switch (type) {
	case FT_DATE:
		/* 2024-03-05, 2024.3.5, 2024/3/5, 20240305, 2024年3月5日 */
		return (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '/' ||
		    c == 0x5E74 || c == 0x6708 || c == 0x65E5;
	case FT_IDCARD:
		if (c == 'x')
			*ch = 'X';
		return (c >= '0' && c <= '9') || c == 'x' || c == 'X';
	case FT_PHONE:
		return (c >= '0' && c <= '9') || c == '-' || c == ' ' || c == '(' ||
		    c == ')' || c == '+';
	case FT_CODE:
		if (c >= 'a' && c <= 'z')
			*ch = c - 'a' + 'A';
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c == '-';
	case FT_INT:
		return c >= '0' && c <= '9';
	default:
		return 1;
	}
}

int
ui_edit_key(FORM *fm, int cols, int type, int action, int ch)
{
	char text[EDIT_MAX];
	size_t n, i;
	int w;

	switch (action) {
	case ACT_HOME:
		form_driver_w(fm, KEY_CODE_YES, REQ_BEG_FIELD);
		return 0;
	case ACT_END:
		/* REQ_END_FIELD misplaces the cursor after wide characters */
		ui_edit_text(fm, text, sizeof text);
		n = text_chars(text);
		form_driver_w(fm, KEY_CODE_YES, REQ_BEG_FIELD);
		for (i = 0; i < n; i++)
			form_driver_w(fm, KEY_CODE_YES, REQ_NEXT_CHAR);
		return 0;
	case ACT_LEFT:
		if (fm->curcol == 0)
			return -1;
		form_driver_w(fm, KEY_CODE_YES, REQ_PREV_CHAR);
		return 0;
	case ACT_RIGHT:
		ui_edit_text(fm, text, sizeof text);
		if (fm->curcol >= ui_width(text))
			return -1;
		form_driver_w(fm, KEY_CODE_YES, REQ_NEXT_CHAR);
		return 0;
	case ACT_BACKSPACE:
		if (fm->curcol == 0)
			return -1;
		form_driver_w(fm, KEY_CODE_YES, REQ_DEL_PREV);
		return 1;
	case ACT_DELETE:
		form_driver_w(fm, KEY_CODE_YES, REQ_DEL_CHAR);
		return 1;
	case ACT_CLEAR:
		form_driver_w(fm, KEY_CODE_YES, REQ_CLR_FIELD);
		return 1;
	default:
		break;
	}
	if (!ui_edit_accepts(type, &ch))
		return -1;
	ui_edit_text(fm, text, sizeof text);
	w = wcwidth((wchar_t)ch);
	if (w < 0)
		return -1;
	/* a wide character in the last column overflows the field */
	if (ui_width(text) + w > cols)
		return -1;
	if (form_driver_w(fm, OK, (wchar_t)ch) != E_OK)
		return -1;
	return 1;
}

/* Push a screen of definition def with state st (owned by the stack from
 * now on); the screen below is detached.  Returns 0, -1 when full. */
static int
push(struct ui *ui, const struct screen_def *def, void *st)
{
	struct uscreen *s;

	if (st == NULL)
		return -1;
	if (ui->depth >= UI_STACK_MAX) {
		ui_status(ui, 1, "打开的屏幕太多");
		def->ops->free(&(struct uscreen){ .def = def, .ops = def->ops, .st = st });
		return -1;
	}
	if (ui->depth > 0) {
		s = &ui->stack[ui->depth - 1];
		if (s->ops->detach != NULL)
			s->ops->detach(ui, s);
	}
	s = &ui->stack[ui->depth++];
	memset(s, 0, sizeof *s);
	s->def = def;
	s->ops = def->ops;
	s->st = st;
	ui->full = 1;
	return 0;
}

int
ui_open(struct ui *ui, const char *name, const struct uopen *a)
{
	static const struct uopen none;
	const struct screen_def *def = screen_find(name);

	if (def == NULL || def->ops == NULL) {
		ui_status(ui, 1, "内部错误: 没有名为 %s 的屏幕", name);
		return -1;
	}
	if (a == NULL)
		a = &none;
	if (def->ops->run != NULL) {
		def->ops->run(ui, def, a);
		return 0;
	}
	/* cleared before: what the new screen says on opening stays */
	ui_status(ui, 0, "%s", "");
	return push(ui, def, def->ops->open(ui, def, a));
}

struct uscreen *
ui_top(struct ui *ui)
{
	return ui->depth > 0 ? &ui->stack[ui->depth - 1] : NULL;
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

int
ui_act_common(struct ui *ui, struct uscreen *s, int a)
{
	switch (a) {
	case ACT_HELP:
		ui_open(ui, "help", &(struct uopen){ .of = s->def });
		return 1;
	case ACT_LEAVE:
		ui_pop(ui);
		return 1;
	case ACT_QUIT:
		ui->quit = 1;
		return 1;
	default:
		return 0;
	}
}

/* SIGHUP/SIGTERM: keep what is typed, restore the terminal, exit. */
static void
act_on_signals(struct ui *ui)
{
	int i;

	if (!got_hangup && !got_term)
		return;
	/* the uppermost screen with typed work (a form under its help too) */
	for (i = ui->depth - 1; i >= 0; i--)
		if (ui->stack[i].ops->keep != NULL) {
			ui->stack[i].ops->keep(ui, &ui->stack[i]);
			break;
		}
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
		if (type != ERR) {
			/* typed on while the notice was up: kept, never dropped */
			int k = ui_keymap(type, (unsigned)ch, ui->key_cup, ui->key_cdown);

			if (k != UK_RESIZE && k != UK_NONE)
				ui_keep_key(ui, k);
		}
	}
	ui->too_small = 0;
	ui->full = 1;
	clearok(curscr, TRUE);
}

void
ui_keep_key(struct ui *ui, int k)
{
	if (ui->nahead < UI_AHEAD_MAX)
		ui->ahead[ui->nahead++] = k;
}

int
ui_getkey(struct ui *ui)
{
	int type, k;
	wint_t ch;

	if (ui->nahead > 0 && ui->in_dialog == 0) {
		k = ui->ahead[0];
		memmove(ui->ahead, ui->ahead + 1, (size_t)--ui->nahead * sizeof ui->ahead[0]);
		ui->keys_typed++;
		return k;
	}
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
	/* the xterm F1-F4 (SS3) where the terminfo says otherwise (TERM=linux
	 * over an xterm-like client) */
	define_key("\033OP", KEY_F(1));
	define_key("\033OQ", KEY_F(2));
	define_key("\033OR", KEY_F(3));
	define_key("\033OS", KEY_F(4));
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

/* Each kind's start hook, once per kind (the form offers back what a
 * session left unsaved). */
static void
start_kinds(struct ui *ui)
{
	const struct screen_def *const *s, *const *p;

	for (s = screen_table; *s != NULL; s++) {
		if ((*s)->ops == NULL || (*s)->ops->start == NULL)
			continue;
		for (p = screen_table; p < s && (*p)->ops != (*s)->ops; p++)
			;
		if (p == s)
			(*s)->ops->start(ui, *s);
	}
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
	ui_show_msgwin(ui);
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
	/* the registry's first screen is the start screen */
	ui_open(ui, screen_table[0]->name, NULL);
	ui_status(ui, 0, "就绪");
	start_kinds(ui);
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
	org_free(&ui->last_org);
	free(ui);
	return rc;
}
