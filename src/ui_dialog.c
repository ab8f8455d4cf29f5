/*
 * ui_dialog.c - the modal dialogs (ui_dialog.h): a question, a text box,
 * a pick list with filtering, a one-line prompt, the unsaved-changes and
 * removal questions.  Each draws a box over the top screen and reads keys
 * through the core until it is answered.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <form.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui.h"
#include "ui_dialog.h"
#include "utf8.h"

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
	if (!s->ops->stale_under_dialog)
		s->ops->draw(ui, s);
	ui_draw_status(ui);
	wnoutrefresh(stdscr);
}

/* Put text on row y of a box w wide, in attr: A_REVERSE for the selected
 * row of a list and the key bar, A_BOLD for the title, else A_NORMAL. */
static void
box_line(WINDOW *win, int y, int w, const char *text, int attr)
{
	wattron(win, attr);
	ui_wput(win, y, 2, text, w - 4);
	wattroff(win, attr);
}

/* A box's pass starts blank: its frame and its title. */
static void
box_clear(WINDOW *win, int w, const char *title)
{
	werase(win);
	box(win, 0, 0);
	box_line(win, 0, w, title, A_BOLD);
}

/* The end of a box's pass: its key bar (reversed) on the second last
 * row, the screen out, then the next key.  On UK_RESIZE the box is gone
 * (*win NULL, what is below redrawn): the caller makes it again. */
static int
box_key(struct ui *ui, WINDOW **win, int h, int w, const char *bar)
{
	int k;

	box_line(*win, h - 2, w, bar, A_REVERSE);
	wnoutrefresh(*win);
	doupdate();
	k = ui_getkey(ui);
	if (k == UK_RESIZE) {
		delwin(*win);
		*win = NULL;
		redraw_below(ui);
	}
	return k;
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
	int nl = 0, top = 0, h, w = 76, k, y, i, raw;
	size_t j;

	for (p = text; *p != '\0'; p++)
		if (*p == '\n')
			nl++;
	if (*text != '\0' && text[strlen(text) - 1] != '\n')
		nl++;
	ui->in_dialog++;
	for (;;) {
		h = nl + 4;
		if (h > LINES - 2)
			h = LINES - 2;
		if (win == NULL) {
			touchwin(stdscr);
			wnoutrefresh(stdscr);
			win = dialog_win(h, w);
			if (win == NULL) {
				ui->in_dialog--;
				return UK_ESC;
			}
		}
		box_clear(win, w, title);
		for (p = text, i = 0, y = 1; *p != '\0' && y < h - 2; i++) {
			if (i >= top)
				ui_wput(win, y++, 2, p, w - 4);
			p = strchr(p, '\n');
			if (p == NULL)
				break;
			p++;
		}
		if ((k = box_key(ui, &win, h, w, choices)) == UK_RESIZE)
			continue;
		if (k == UK_DOWN && top + (h - 3) < nl)
			top++;
		else if (k == UK_UP && top > 0)
			top--;
		raw = k;
		if (k >= 'A' && k <= 'Z')
			k += 'a' - 'A';
		for (j = 0; j < nkeys; j++)
			if (keys[j] == k) {
				ui->in_dialog--;
				dialog_close(ui, win);
				return k;
			}
		/* typed on before the box was seen: kept for the screen below */
		if ((k >= 32 && k < UK_BASE) || k == UK_TAB || k == UK_ENTER ||
		    k == UK_BACKSPACE)
			ui_keep_key(ui, raw);
	}
}

int
ui_ask(struct ui *ui, const char *title, const char *text, const char *choices,
    const int *keys, size_t nkeys)
{
	return ui_show(ui, title, text, choices, keys, nkeys);
}

int
ui_pick_set(struct ui *ui, const char *title, const char *const *names, size_t n,
    unsigned *set)
{
	WINDOW *win = NULL;
	unsigned cur = *set;
	size_t sel = 0, i;
	int k, h = (int)n + 5, w = 60, result = -1;
	char line[256];

	ui->in_dialog++;
	for (;;) {
		if (win == NULL) {
			touchwin(stdscr);
			wnoutrefresh(stdscr);
			win = dialog_win(h, w);
			if (win == NULL)
				break;
		}
		box_clear(win, w, title);
		ui_wput(win, 1, 2, "可以选多项:", w - 4);
		for (i = 0; i < n; i++) {
			snprintf(line, sizeof line, "[%s] %zu %s", cur & (1u << i) ? "x" : " ",
			    i + 1, names[i]);
			box_line(win, 2 + (int)i, w, line, i == sel ? A_REVERSE : A_NORMAL);
		}
		k = box_key(ui, &win, h, w, "数字或空格 勾选/取消  ↑↓移动  Enter确定  Esc取消");
		if (k == UK_RESIZE)
			continue;
		if (k == UK_ESC)
			break;
		if (k == UK_ENTER) {
			*set = cur;
			result = 0;
			break;
		}
		if (k == UK_UP && sel > 0)
			sel--;
		else if (k == UK_DOWN && sel + 1 < n)
			sel++;
		else if (k == UK_SPACE)
			cur ^= 1u << sel;
		else if (k >= '1' && k < '1' + (int)n) {
			sel = (size_t)(k - '1');
			cur ^= 1u << sel;
		}
	}
	ui->in_dialog--;
	dialog_close(ui, win);
	return result;
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
	int k, h, w = 70, result = -1, y, refused = 0;

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
		box_clear(win, w, title);
		snprintf(line, sizeof line, "筛选: %s", filter);
		ui_wput(win, 1, 2, line, w - 4);
		for (i = top, y = 2; i < nv && y < h - 2; i++, y++) {
			const struct cl_entry *c = &e[idx[i]];

			snprintf(line, sizeof line, "%-6s %s", c->code ? c->code : "", c->name);
			box_line(win, y, w, line, i == sel ? A_REVERSE : A_NORMAL);
		}
		if (nv == 0 && refused) {
			/* Enter on a number or name that is not in the list: say so */
			snprintf(line, sizeof line, "没有“%s”这一项: Backspace 改正, Esc 取消", filter);
			box_line(win, 2, w, line, A_REVERSE);
		} else if (nv == 0)
			ui_wput(win, 2, 2, "(没有匹配项)", w - 4);
		k = box_key(ui, &win, h, w, "↑↓选择 Enter确定 Esc取消 输入代码/拼音首字母/汉字筛选");
		if (k == UK_RESIZE)
			continue;
		if (k == UK_ESC)
			break;
		if (k == UK_ENTER) {
			if (nv == 0 && filter[0] != '\0') {
				refused = 1;    /* not a cancel: the clerk meant a choice */
				beep();
				continue;
			}
			if (nv > 0)
				result = (int)idx[sel];
			break;
		}
		refused = 0;
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

			/* the last character, never a part of it */
			filter[l > 0 ? utf8_cut(filter, l, l - 1) : 0] = '\0';
			sel = top = 0;
		} else if (k > 32 && k < UK_BASE) {
			char mb[UTF8_MAX];
			size_t l;

			l = utf8_encode((uint32_t)k, mb);
			if (l != 0 && strlen(filter) + l < sizeof filter) {
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
			box_clear(win, w, title);
			ui_wput(win, 1, 2, label, w - 4);
			box_line(win, 4, w, "Enter确定 Esc取消", A_REVERSE);
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

	s = ui_top(ui);
	if (s == NULL || s->ops->changed == NULL || !s->ops->changed(s))
		return 1;
	k = ui_ask(ui, "有未保存的修改",
	    "本表有修改尚未保存。\n"
	    "S 保存   D 放弃修改   R 或 Esc 返回继续录入",
	    "S保存  D放弃  Esc返回", keys, 4);
	if (k == 's')
		return s->ops->save(ui, s) == 0;
	if (k == 'd') {
		s->ops->discard(ui, s);
		return 1;
	}
	return 0;
}

int
ui_ask_removal(struct ui *ui, int org, const char *what, char *note, size_t size)
{
	static const struct cl_entry reasons[] = {
		{ "1", "转出", "zc", "" },
		{ "2", "死亡", "sw", "" },
		{ "3", "出党", "cd", "" },
		{ "4", "录入错误", "lrcw", "" },
		{ "5", "其他", "qt", "" },
	};
	/* an organisation is neither dead nor expelled: 撤销、合并 go under 其他 */
	static const struct cl_entry org_reasons[] = {
		{ "1", "转出", "zc", "" },           /* numbered 1..n as shown */
		{ "2", "录入错误", "lrcw", "" },
		{ "3", "其他", "qt", "" },
	};
	char title[REC_TEXT_MAX + 64];
	const struct cl_entry *e = org ? org_reasons : reasons;
	int n;

	snprintf(title, sizeof title, "移除 %s: 请选择原因", what);
	n = ui_pick(ui, title, e, org ? 3 : 5, NULL);
	if (n < 0)
		return 0;
	note[0] = '\0';
	if (ui_prompt(ui, "移除说明", org ? "说明(如 撤销、合并; 可空, Enter 确定, Esc 取消):" :
	    "说明(可空, Enter 确定, Esc 取消):", note, size, 56) != 0)
		return 0;
	return rec_removal_parse(e[n].name);
}
