/*
 * ui_help.c - 帮助 (ui_help.h): the keys of the screen it was opened from,
 * drawn from that screen's key table.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "ui.h"
#include "ui_help.h"

struct uhelp {
	const struct screen_def *of;
	size_t top;
};

static void
help_draw(struct ui *ui, struct uscreen *s)
{
	struct uhelp *h = s->st;
	char buf[256];
	size_t i;
	int y;

	(void)ui;
	snprintf(buf, sizeof buf, "  %s 的按键", h->of->title);
	ui_put(0, ui_width(s->def->title), buf, COLS - 1 - ui_width(s->def->title));
	for (i = h->top, y = 1; i < h->of->nkeys && y < LINES - 2; i++, y++) {
		const struct key_def *k = &h->of->keys[i];

		ui_put(y, 1, k->keys, 26);
		ui_put(y, 28, k->help, COLS - 29);
	}
	if (h->of->form != NULL && y < LINES - 3)
		ui_put(y + 1, 1, "代码项: 输入代码(如 01)或拼音首字母(如 hz), 按数字选候选, Enter 确认唯一候选",
		    COLS - 2);
}

static void
help_update(struct ui *ui, struct uscreen *s)
{
	(void)ui;
	(void)s;
	move(LINES - 1, COLS - 1);
}

static void
help_key(struct ui *ui, struct uscreen *s, int k)
{
	struct uhelp *h = s->st;
	int a = screen_key_action(s->def, k, 0);

	if (a == ACT_LEAVE)
		ui_pop(ui);
	else if (a == ACT_DOWN && h->top + 1 < h->of->nkeys) {
		h->top++;
		ui->full = 1;
	} else if (a == ACT_UP && h->top > 0) {
		h->top--;
		ui->full = 1;
	}
}

static void
help_free(struct uscreen *s)
{
	free(s->st);
	s->st = NULL;
}

static void *
help_open(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	struct uhelp *h;

	(void)ui;
	(void)def;
	if (a->of == NULL)
		return NULL;
	h = calloc(1, sizeof *h);
	if (h != NULL)
		h->of = a->of;
	return h;
}

const struct ukind_ops ui_help_ops = {
	.open = help_open,
	.draw = help_draw,
	.update = help_update,
	.key = help_key,
	.free = help_free,
};
