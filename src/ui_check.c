/*
 * ui_check.c - 质量检查 (ui_check.h): the problems check.h finds in a
 * subtree as a list; Enter opens the record, and the list is checked again
 * after every write through the UI.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "store.h"
#include "ui.h"
#include "ui_check.h"

#define TOP_ROW 1

struct citem {
	int kind;
	uint64_t org_id, member_id;
	char *line;                 /* 类别 党组织 / 姓名: 项目: 说明 */
	size_t msg;                 /* where 说明 starts in line */
	char *field;                /* its field's label, "" for the record */
};

struct ucheck {
	uint64_t org;
	struct citem *it;
	size_t n, cap;
	size_t sel, top;
	struct check_counts counts;
	unsigned long gen;
	int loaded;
	int msg_shown;              /* the status line shows the selected message */
};

static int
check_collect(const struct check_item *it, void *ud)
{
	struct ucheck *c = ud;
	struct citem *ci;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct citem *p = realloc(c->it, cap * sizeof *p);

		if (p == NULL)
			return 1;
		c->it = p;
		c->cap = cap;
	}
	ci = &c->it[c->n];
	ci->kind = it->kind;
	ci->org_id = it->org_id;
	ci->member_id = it->member_id;
	/* the message names its field already */
	if (asprintf(&ci->line, "[%s] %s%s%s: %s", check_kind_label(it->kind),
	    it->member[0] ? it->member : it->org, it->member[0] ? " / " : "",
	    it->member[0] ? it->org : "", it->msg) < 0)
		return 1;
	ci->msg = strlen(ci->line) - strlen(it->msg);
	ci->field = strdup(it->field ? it->field : "");
	if (ci->field == NULL) {
		free(ci->line);
		return 1;
	}
	c->n++;
	return 0;
}

static void
check_clear(struct ucheck *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->it[i].line);
		free(c->it[i].field);
	}
	c->n = 0;
}

static void
check_load(struct ui *ui, struct ucheck *c)
{
	int rc;

	check_clear(c);
	memset(&c->counts, 0, sizeof c->counts);
	rc = check_run(ui->app->st, c->org, ui->app->today, check_collect, c, &c->counts);
	if (rc < 0)
		ui_status(ui, 1, "检查未完成: %s", store_strerror(rc));
	if (c->sel >= c->n)
		c->sel = c->n ? c->n - 1 : 0;
	c->loaded = 1;
	c->gen = ui->gen;
}

static void
check_draw(struct ui *ui, struct uscreen *s)
{
	struct ucheck *c = s->st;
	char buf[256];
	int y, rows = LINES - 4;
	size_t i;

	if (!c->loaded || c->gen != ui->gen)
		check_load(ui, c);
	snprintf(buf, sizeof buf, "共 %zu 项 (错误 %zu, 待确认 %zu, 草稿 %zu); 未完成记录 %zu; 查了党组织 %zu 个, 党员 %zu 名",
	    c->counts.items, c->counts.by_kind[CHK_ERROR], c->counts.by_kind[CHK_WARNING],
	    c->counts.by_kind[CHK_DRAFT], c->counts.records_open, c->counts.orgs, c->counts.members);
	ui_put(TOP_ROW, 0, buf, COLS - 1);
	if (c->sel < c->top)
		c->top = c->sel;
	if (rows > 0 && c->sel >= c->top + (size_t)rows)
		c->top = c->sel - (size_t)rows + 1;
	for (y = 0; y < rows; y++) {
		i = c->top + (size_t)y;
		move(TOP_ROW + 1 + y, 0);
		clrtoeol();
		if (i >= c->n)
			continue;
		if (i == c->sel)
			attron(A_REVERSE);
		ui_put(TOP_ROW + 1 + y, 0, c->it[i].line, COLS - 1);
		if (i == c->sel)
			attroff(A_REVERSE);
	}
	if (c->n == 0)
		ui_put(TOP_ROW + 1, 2, "没有发现问题。", COLS - 3);
	/* a row cut at the screen edge: the status line shows its whole message */
	else if (ui_width(c->it[c->sel].line) > COLS - 1) {
		ui_status(ui, 0, "%s", c->it[c->sel].line + c->it[c->sel].msg);
		c->msg_shown = 1;
	} else if (c->msg_shown) {
		ui_status(ui, 0, "%s", "");
		c->msg_shown = 0;
	}
}

static void
check_update(struct ui *ui, struct uscreen *s)
{
	struct ucheck *c = s->st;

	(void)ui;
	move(TOP_ROW + 1 + (int)(c->sel - c->top), 0);
}

static void
check_key(struct ui *ui, struct uscreen *s, int k)
{
	struct ucheck *c = s->st;
	size_t page = (size_t)(LINES > 6 ? LINES - 5 : 1);
	int a = screen_key_action(s->def, k, 0);

	switch (a) {
	case ACT_UP: if (c->sel > 0) c->sel--; break;
	case ACT_DOWN: if (c->sel + 1 < c->n) c->sel++; break;
	case ACT_PAGE_PREV: c->sel = c->sel > page ? c->sel - page : 0; break;
	case ACT_PAGE_NEXT: c->sel = c->sel + page < c->n ? c->sel + page : (c->n ? c->n - 1 : 0); break;
	case ACT_FIRST: c->sel = 0; break;
	case ACT_LAST: c->sel = c->n ? c->n - 1 : 0; break;
	case ACT_OPEN:
		if (c->n == 0)
			return;
		if (c->it[c->sel].member_id != 0)
			ui_open(ui, "member", &(struct uopen){ .org = c->it[c->sel].org_id,
			    .id = c->it[c->sel].member_id, .field = c->it[c->sel].field });
		else
			ui_open(ui, "org", &(struct uopen){ .id = c->it[c->sel].org_id,
			    .field = c->it[c->sel].field });
		return;
	case ACT_REFRESH:
		c->loaded = 0;
		ui_status(ui, 0, "已重新检查");
		break;
	default:
		ui_act_common(ui, s, a);
		return;
	}
	ui->full = 1;
}

static void
check_free(struct uscreen *s)
{
	struct ucheck *c = s->st;

	check_clear(c);
	free(c->it);
	free(c);
	s->st = NULL;
}

static void *
check_open(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	struct ucheck *c = calloc(1, sizeof *c);

	(void)ui;
	(void)def;
	if (c != NULL)
		c->org = a->org;
	return c;
}

const struct ukind_ops ui_check_ops = {
	.open = check_open,
	.draw = check_draw,
	.update = check_update,
	.key = check_key,
	.free = check_free,
};
