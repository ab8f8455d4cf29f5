/*
 * ui_stats.c - 统计 (ui_stats.h): the statistics of stats.h printed into a
 * text view scrolled up, down and sideways.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "store.h"
#include "ui.h"
#include "ui_stats.h"

#define TOP_ROW 1

struct utext {
	char *text;
	char **line;
	size_t n;
	size_t top;
	int hoff;                   /* columns scrolled to the right */
};

/* Draw line s from column hoff on, at row y, clipped to the screen. */
static void
put_from(int y, const char *s, int hoff)
{
	move(y, 0);
	clrtoeol();
	ui_put_from(y, 0, s, COLS - 1, hoff);
}

static void
text_draw(struct ui *ui, struct uscreen *s)
{
	struct utext *t = s->st;
	int y, rows = LINES - 3 - TOP_ROW + 1;
	size_t i;

	(void)ui;
	for (y = 0; y < rows; y++) {
		i = t->top + (size_t)y;
		if (i < t->n)
			put_from(TOP_ROW + y, t->line[i], t->hoff);
	}
}

static void
text_update(struct ui *ui, struct uscreen *s)
{
	(void)ui;
	(void)s;
	move(LINES - 1, COLS - 1);
}

static void
text_key(struct ui *ui, struct uscreen *s, int k)
{
	struct utext *t = s->st;
	size_t page = (size_t)(LINES > 6 ? LINES - 5 : 1);
	int a = screen_key_action(s->def, k, 0);

	switch (a) {
	case ACT_UP: if (t->top > 0) t->top--; break;
	case ACT_DOWN: if (t->top + 1 < t->n) t->top++; break;
	case ACT_PAGE_PREV: t->top = t->top > page ? t->top - page : 0; break;
	case ACT_PAGE_NEXT: if (t->top + page < t->n) t->top += page; break;
	case ACT_FIRST: t->top = 0; break;
	case ACT_LAST: t->top = t->n > page ? t->n - page : 0; break;
	case ACT_LEFT: t->hoff = t->hoff > 16 ? t->hoff - 16 : 0; break;
	case ACT_RIGHT: t->hoff += 16; break;
	default:
		ui_act_common(ui, s, a);
		return;
	}
	ui->full = 1;
}

static void
text_free(struct uscreen *s)
{
	struct utext *t = s->st;

	free(t->text);
	free(t->line);
	free(t);
	s->st = NULL;
}

/* A text view over text (taken). */
static struct utext *
text_new(char *text)
{
	struct utext *t = calloc(1, sizeof *t);
	size_t cap = 0;
	char *p;

	if (t == NULL) {
		free(text);
		return NULL;
	}
	t->text = text;
	for (p = text; p != NULL && *p != '\0';) {
		if (t->n == cap) {
			char **l = realloc(t->line, (cap = cap ? cap * 2 : 64) * sizeof *l);

			if (l == NULL)
				break;
			t->line = l;
		}
		t->line[t->n++] = p;
		p = strchr(p, '\n');
		if (p != NULL)
			*p++ = '\0';
	}
	return t;
}

static void *
stats_open(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	struct stats st;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	memset(&st, 0, sizeof st);
	(void)def;
	rc = stats_compute(ui->app->st, a->org, ui->app->today, &st);
	if (rc != 0) {
		ui_status(ui, 1, "无法统计: %s", store_strerror(rc));
		return NULL;
	}
	fp = open_memstream(&buf, &len);
	if (fp == NULL) {
		stats_free(&st);
		return NULL;
	}
	stats_print(fp, &st);
	fclose(fp);
	stats_free(&st);
	return text_new(buf);
}

const struct ukind_ops ui_stats_ops = {
	.open = stats_open,
	.draw = text_draw,
	.update = text_update,
	.key = text_key,
	.free = text_free,
};
