/*
 * ui_progress.c - 进度 (ui_progress.h): review_progress's rows as a list,
 * the same numbers `caiji progress` prints, fitted to 80 columns (a long
 * name is cut in the middle; the board scrolls).  Read again whenever
 * something was written through the UI (ui->gen) or on R.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "review.h"
#include "store.h"
#include "ui.h"
#include "ui_progress.h"
#include "utf8.h"

#define NAME_COLS 28

struct uprogress {
	uint64_t top;               /* the organisation whose board this is */
	struct review_row *rows;
	size_t n, cap;
	size_t sel, vtop;
	unsigned long gen;
	int loaded;
	char *err;                  /* why the board could not be read, or NULL */
	char topname[REC_TEXT_MAX]; /* the board's organisation (its 合计 row) */
};

static int
progress_take(const struct review_row *row, void *ud)
{
	struct uprogress *p = ud;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 32;
		struct review_row *r = realloc(p->rows, cap * sizeof *r);

		if (r == NULL)
			return STORE_EIO;
		p->rows = r;
		p->cap = cap;
	}
	p->rows[p->n++] = *row;
	return 0;
}

static void
progress_reload(struct ui *ui, struct uprogress *p)
{
	char *cause = NULL;
	int rc;

	free(p->err);
	p->err = NULL;
	p->n = 0;
	rc = review_progress(ui->app->st, p->top, progress_take, p, &cause);
	if (rc != 0) {
		p->n = 0;
		if (asprintf(&p->err, "无法读取进度: %s", cause ? cause : store_strerror(rc)) < 0)
			p->err = NULL;
		ui_status(ui, 1, "%s", p->err ? p->err : "无法读取进度");
	}
	free(cause);
	p->topname[0] = '\0';
	if (p->n > 0 && p->rows[p->n - 1].depth == 0)
		snprintf(p->topname, sizeof p->topname, "%s", p->rows[p->n - 1].name);
	if (p->sel >= p->n)
		p->sel = p->n ? p->n - 1 : 0;
	p->loaded = 1;
	p->gen = ui->gen;
}

/* s in cols columns: its start and its end joined by ".." when longer
 * (branch names differ at the end: 第一/第二党支部). */
static void
cut_middle(const char *s, int cols, char *out, size_t size)
{
	size_t len = strlen(s), head, tail, used = 0;

	if (ui_width(s) <= cols || cols < 6) {
		snprintf(out, size, "%s", s);
		return;
	}
	head = utf8_cut_cols(s, (size_t)(cols - 2) / 2, &used);
	/* the shortest end that fits in what is left */
	for (tail = len; tail > head; ) {
		size_t t = tail - 1;

		while (t > head && ((unsigned char)s[t] & 0xc0) == 0x80)
			t--;
		if (ui_width(s + t) > cols - 2 - (int)used)
			break;
		tail = t;
	}
	snprintf(out, size, "%.*s..%s", (int)head, s, s + tail);
}

/* Bytes of the whole characters s starts with that t starts with too. */
static size_t
common_prefix(const char *s, const char *t)
{
	size_t i = 0, keep = 0;

	while (s[i] != '\0' && s[i] == t[i]) {
		i++;
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			keep = i;       /* s[i] starts a character */
	}
	return keep;
}

int
ui_progress_line(const struct review_row *r, const char *top, char *out, size_t size)
{
	char name[REC_TEXT_MAX + 16], cut[REC_TEXT_MAX + 16], stat[24], sign[32];
	char last[64] = "";
	const char *shown = r->name;
	size_t k;
	int pad;

	/* below the board's organisation, its name's start is left out */
	if (r->depth > 0 && top != NULL && (k = common_prefix(r->name, top)) > 0 &&
	    r->name[k] != '\0')
		shown = r->name + k;
	snprintf(name, sizeof name, "%*s%s%s", r->depth * 2, "",
	    r->kind == RR_COMMITTEE ? "合计 " : r->kind == RR_GENERAL ? "小计 " : "", shown);
	cut_middle(name, NAME_COLS - 1, cut, sizeof cut);
	pad = NAME_COLS - ui_width(cut);
	if (r->stat_count < 0)
		snprintf(stat, sizeof stat, "-");
	else
		snprintf(stat, sizeof stat, "%lld", (long long)r->stat_count);
	if (r->kind == RR_BRANCH)
		snprintf(sign, sizeof sign, "%s", r->orgs_signed ? "是" : "否");
	else
		snprintf(sign, sizeof sign, "%llu/%llu", (unsigned long long)r->orgs_signed,
		    (unsigned long long)r->orgs);
	if (r->last_at > 0) {
		time_t t = (time_t)r->last_at;
		struct tm tm;

		/* the month and day: the year is this campaign's (caiji progress
		 * prints it whole) */
		if (localtime_r(&t, &tm) != NULL)
			snprintf(last, sizeof last, "%02d-%02d %s", tm.tm_mon + 1, tm.tm_mday,
			    r->last_by);
	}
	return snprintf(out, size, "%s%*s%5s%5llu%5llu%5llu%5llu%5llu%*s%s %s", cut,
	    pad > 0 ? pad : 0, "", stat,
	    (unsigned long long)r->entered, (unsigned long long)r->complete,
	    (unsigned long long)r->checked, (unsigned long long)r->reviewed,
	    (unsigned long long)r->returned,
	    5 - ui_width(sign) > 0 ? 5 - ui_width(sign) : 0, "", sign, last);
}

static void
progress_draw(struct ui *ui, struct uscreen *s)
{
	struct uprogress *p = s->st;
	char head[REC_TEXT_MAX + 8];

	if (!p->loaded || p->gen != ui->gen)
		progress_reload(ui, p);
	snprintf(head, sizeof head, "  %s", p->topname);
	ui_put(0, ui_width(s->def->title), head, COLS - 1 - ui_width(s->def->title));
	move(1, 0);
	clrtoeol();
	ui_put(1, 0, "党组织                       党统 录入 完整 初核 复核 退回 签字 最后修改",
	    COLS - 1);
}

static void
progress_update(struct ui *ui, struct uscreen *s)
{
	struct uprogress *p = s->st;
	int rows = ui_list_rows(), y;
	char line[REC_TEXT_MAX + 160];

	(void)ui;
	ui_scroll_to(p->sel, &p->vtop, rows);
	for (y = 0; y < rows; y++) {
		size_t i = p->vtop + (size_t)y;
		int bold, x;

		move(UI_LIST_TOP + y, 0);
		clrtoeol();
		if (i >= p->n)
			continue;
		ui_progress_line(&p->rows[i], p->topname, line, sizeof line);
		bold = p->rows[i].kind != RR_BRANCH;
		if (bold)
			attron(A_BOLD);
		if (i == p->sel)
			attron(A_REVERSE);
		x = ui_put(UI_LIST_TOP + y, 0, line, COLS - 1);
		if (i == p->sel)
			for (; x < COLS - 1; x++)
				mvaddch(UI_LIST_TOP + y, x, ' ');
		attroff(A_REVERSE | A_BOLD);
	}
	if (p->err != NULL)
		ui_put(UI_LIST_TOP, 2, p->err, COLS - 3);
	else if (p->n == 0)
		ui_put(UI_LIST_TOP, 2, "这里还没有党支部。", COLS - 3);
	move(UI_LIST_TOP + (int)(p->sel - p->vtop), 0);
}

static void
progress_key(struct ui *ui, struct uscreen *s, int k)
{
	struct uprogress *p = s->st;
	int a = screen_key_action(s->def, k, 0);

	if (ui_navigate(a, &p->sel, p->n))
		return;
	switch (a) {
	case ACT_OPEN:
		if (p->sel < p->n && p->rows[p->sel].kind == RR_BRANCH)
			ui_open(ui, "members", &(struct uopen){ .org = p->rows[p->sel].org });
		else
			ui_status(ui, 1, "合计行没有名单: 请选择党支部所在的行");
		return;
	case ACT_REFRESH:
		p->loaded = 0;
		ui->full = 1;
		ui_status(ui, 0, "已刷新");
		return;
	default:
		ui_act_common(ui, s, a);
		return;
	}
}

static void
progress_free(struct uscreen *s)
{
	struct uprogress *p = s->st;

	free(p->rows);
	free(p->err);
	free(p);
	s->st = NULL;
}

static void *
progress_open(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	struct uprogress *p = calloc(1, sizeof *p);

	(void)ui;
	(void)def;
	if (p != NULL)
		p->top = a->org;
	return p;
}

const struct ukind_ops ui_progress_ops = {
	.open = progress_open,
	.draw = progress_draw,
	.update = progress_update,
	.key = progress_key,
	.free = progress_free,
};
