/*
 * ui_members.c - 党员名单 (ui_members.h): one branch's members in the
 * reported order.  Read fresh from the store when drawn whole; a list that
 * cannot be read whole is not shown, its error is.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "store.h"
#include "ui.h"
#include "ui_dialog.h"
#include "ui_members.h"
#include "validate.h"
#include "walk.h"

struct mrow {
	uint64_t id, version, branch;
	char name[REC_NAME_MAX];
	char sex[REC_SHORT_MAX];
	char idcard[REC_SHORT_MAX];
	char category[REC_SHORT_MAX];
	char phone[REC_SHORT_MAX];
	int state, removed;
};

struct umembers {
	uint64_t branch;
	struct org o;
	struct mrow *rows;
	size_t n;
	size_t sel, top;
	uint64_t sel_id;
	int show_removed;
	int dirty;
	char *err;                  /* why the list could not be read (shown instead), or NULL */
};

static void
mrow_from(struct mrow *r, const struct member *m)
{
	r->id = m->meta.id;
	r->version = m->meta.version;
	r->branch = m->branch;
	snprintf(r->name, sizeof r->name, "%s", m->name);
	snprintf(r->sex, sizeof r->sex, "%s", m->sex);
	snprintf(r->idcard, sizeof r->idcard, "%s", m->idcard);
	snprintf(r->category, sizeof r->category, "%s", m->category);
	snprintf(r->phone, sizeof r->phone, "%s", m->phone);
	r->state = m->meta.state;
	r->removed = m->meta.removed;
}

/* Read the list again; when it cannot be read whole, no member is listed
 * and the error is shown in its place. */
static void
members_reload(struct ui *ui, struct umembers *ml)
{
	uint64_t *ids = NULL;
	size_t n = 0, i;
	struct member m;
	char *cause = NULL;
	int rc;

	free(ml->rows);
	ml->rows = NULL;
	ml->n = 0;
	free(ml->err);
	ml->err = NULL;
	rc = store_org_get(ui->app->st, ml->branch, &ml->o, &cause);
	if (rc == 0)
		rc = store_branch_members(ui->app->st, ml->branch, &ids, &n);
	if (rc == 0) {
		ml->rows = calloc(n ? n : 1, sizeof *ml->rows);
		if (ml->rows == NULL) {
			rc = STORE_EIO;
			cause_set(&cause, "内存不足");
		}
	}
	for (i = 0; rc == 0 && i < n; i++) {
		rc = store_member_get(ui->app->st, ids[i], &m, &cause);
		if (rc != 0)
			break;
		if (m.meta.removed != RM_NONE && !ml->show_removed)
			continue;
		mrow_from(&ml->rows[ml->n++], &m);
	}
	free(ids);
	if (rc != 0) {
		ml->n = 0;
		if (asprintf(&ml->err, "无法读取党员名单: %s", cause ? cause : store_strerror(rc)) < 0)
			ml->err = NULL;
		ui_status(ui, 1, "%s", ml->err ? ml->err : "无法读取党员名单");
	}
	free(cause);
	ml->sel = 0;
	for (i = 0; i < ml->n; i++)
		if (ml->rows[i].id == ml->sel_id)
			ml->sel = i;
}

static void
members_rows(struct umembers *ml)
{
	int rows = ui_list_rows(), y;
	size_t i;
	char buf[400];

	ui_scroll_to(ml->sel, &ml->top, rows);
	for (y = 0; y < rows; y++) {
		move(UI_LIST_TOP + y, 0);
		clrtoeol();
		i = ml->top + (size_t)y;
		if (i >= ml->n)
			continue;
		{
			const struct mrow *r = &ml->rows[i];
			int x = 0;

			if (i == ml->sel)
				attron(A_REVERSE);
			snprintf(buf, sizeof buf, "%4zu ", i + 1);
			x += ui_put(UI_LIST_TOP + y, x, buf, 5);
			x += ui_put(UI_LIST_TOP + y, x, r->name, 14);
			for (; x < 20; x++)
				mvaddch(UI_LIST_TOP + y, x, ' ');
			snprintf(buf, sizeof buf, "%-3s %-18s %-8s", r->sex, r->idcard, "");
			ui_put(UI_LIST_TOP + y, 20, r->sex, 4);
			for (x = 20 + ui_width(r->sex); x < 25; x++)
				mvaddch(UI_LIST_TOP + y, x, ' ');
			snprintf(buf, sizeof buf, "%-18s ", r->idcard);
			ui_put(UI_LIST_TOP + y, 25, buf, 19);
			ui_put(UI_LIST_TOP + y, 44, r->category, 10);
			for (x = 44 + ui_width(r->category); x < 54; x++)
				mvaddch(UI_LIST_TOP + y, x, ' ');
			ui_put(UI_LIST_TOP + y, 54, r->phone, 14);
			for (x = 54 + ui_width(r->phone); x < 69; x++)
				mvaddch(UI_LIST_TOP + y, x, ' ');
			ui_put(UI_LIST_TOP + y, 69, ui_state_label(r->state, r->removed), COLS - 70);
			if (i == ml->sel)
				attroff(A_REVERSE);
		}
	}
	if (ml->err != NULL)
		ui_put(UI_LIST_TOP, 2, ml->err, COLS - 3);
	else if (ml->n == 0)
		ui_put(UI_LIST_TOP, 2, "本支部还没有党员。按 n 新增党员。", COLS - 3);
	if (ml->n > 0)
		ml->sel_id = ml->rows[ml->sel].id;
}

static void
members_draw(struct ui *ui, struct uscreen *s)
{
	struct umembers *ml = s->st;
	struct store_counts c;
	char buf[512];
	int rc;

	members_reload(ui, ml);
	memset(&c, 0, sizeof c);
	snprintf(buf, sizeof buf, "  %s", ml->o.name);
	ui_put(0, ui_width(s->def->title), buf, COLS - 1 - ui_width(s->def->title));
	if (ml->err != NULL)
		buf[0] = '\0';
	else if ((rc = store_branch_counts(ui->app->st, ml->branch, &c)) != 0)
		snprintf(buf, sizeof buf, "无法统计人数: %s", store_strerror(rc));
	else
		snprintf(buf, sizeof buf, "党员 %zu 人: 正式 %zu, 预备 %zu, 草稿 %zu, 已移除 %zu%s",
		    c.members, c.full, c.probationary, c.drafts, c.removed,
		    ml->show_removed ? " (显示已移除)" : "");
	ui_put(1, 0, buf, COLS - 1);
	ml->dirty = 1;
}

static void
members_update(struct ui *ui, struct uscreen *s)
{
	struct umembers *ml = s->st;

	(void)ui;
	if (ml->dirty)
		members_rows(ml);
	ml->dirty = 0;
	move(UI_LIST_TOP + (int)(ml->sel - ml->top), 0);
}

struct blist {
	struct cl_entry *e;
	char **names;
	uint64_t *ids;
	size_t n, cap;
};

/* The branches a member may move to: every present branch in tree order
 * but its own. */
struct bpick {
	uint64_t skip;
	struct blist b;
};

/* walk_orgs: take n when it is one of them.  Non-zero (out of memory)
 * stops the walk. */
static int
collect_branch(struct walk_node *n, void *ud)
{
	struct bpick *bp = ud;
	struct blist *b = &bp->b;
	const struct org *o = n->org;

	if (!org_is_branch(o->category) || o->meta.id == bp->skip)
		return 0;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		struct cl_entry *e = realloc(b->e, cap * sizeof *e);
		char **nm;
		uint64_t *id;

		if (e == NULL)
			return STORE_EIO;
		b->e = e;
		nm = realloc(b->names, cap * sizeof *nm);
		if (nm == NULL)
			return STORE_EIO;
		b->names = nm;
		id = realloc(b->ids, cap * sizeof *id);
		if (id == NULL)
			return STORE_EIO;
		b->ids = id;
		b->cap = cap;
	}
	b->names[b->n] = strdup(o->name);
	if (b->names[b->n] == NULL)
		return STORE_EIO;
	b->e[b->n].code = "";
	b->e[b->n].name = b->names[b->n];
	b->e[b->n].py = "";
	b->e[b->n].group = "";
	b->ids[b->n] = o->meta.id;
	b->n++;
	return 0;
}

/* 所在党支部 changed: the member moves to another branch (at its end). */
static void
members_move_branch(struct ui *ui, struct umembers *ml)
{
	static const struct walk_ops ops = { .pre = collect_branch };
	struct bpick bp;
	struct blist *b = &bp.b;
	const struct mrow *r;
	char *cause = NULL, title[256];
	size_t i;
	int n, rc;

	if (ml->n == 0)
		return;
	r = &ml->rows[ml->sel];
	memset(&bp, 0, sizeof bp);
	bp.skip = ml->branch;
	/* all of them or none: a store error is said, never a part offered */
	rc = walk_orgs(ui->app->st, 0, WALK_HEAD, &ops, &bp);
	if (rc != 0) {
		ui_status(ui, 1, "无法列出党支部: %s", store_strerror(rc));
	} else if (b->n == 0) {
		ui_status(ui, 1, "没有其他党支部可以转入");
	} else {
		snprintf(title, sizeof title, "%s 转到哪个党支部? (输入汉字筛选)", r->name);
		n = ui_pick(ui, title, b->e, b->n, NULL);
		if (n >= 0) {
			rc = store_member_move(ui->app->st, r->id, r->version, b->ids[n], 0, &cause);
			if (rc != 0)
				ui_status(ui, 1, "未转出: %s", cause ? cause : store_strerror(rc));
			else
				ui_status(ui, 0, "已将 %s 转到 %s", r->name, b->names[n]);
			free(cause);
			ui->gen++;
		}
	}
	for (i = 0; i < b->n; i++)
		free(b->names[i]);
	free(b->names);
	free(b->e);
	free(b->ids);
	ui->full = 1;
}

/* Move the selected member one visible row up or down in the branch order. */
static void
members_shift(struct ui *ui, struct umembers *ml, int delta)
{
	char *cause = NULL;
	int rc, guard;
	size_t target;

	if (ml->n == 0)
		return;
	if ((delta < 0 && ml->sel == 0) || (delta > 0 && ml->sel + 1 >= ml->n)) {
		ui_status(ui, 1, "已经在%s", delta < 0 ? "第一行" : "最后一行");
		return;
	}
	target = delta < 0 ? ml->sel - 1 : ml->sel + 1;
	/* hidden (removed) members in between are stepped over */
	for (guard = 0; guard < 100000; guard++) {
		uint64_t *ids = NULL;
		size_t n = 0, i, me = 0, other = 0;

		rc = store_member_shift(ui->app->st, ml->rows[ml->sel].id, delta, &cause);
		if (rc != 0)
			break;
		if (store_branch_members(ui->app->st, ml->branch, &ids, &n) != 0)
			break;
		for (i = 0; i < n; i++) {
			if (ids[i] == ml->rows[ml->sel].id)
				me = i;
			if (ids[i] == ml->rows[target].id)
				other = i;
		}
		free(ids);
		if ((delta < 0 && me < other) || (delta > 0 && me > other))
			break;
	}
	if (rc != 0)
		ui_status(ui, 1, "无法移动: %s", cause ? cause : store_strerror(rc));
	else
		ui_status(ui, 0, "已移动 %s", ml->rows[ml->sel].name);
	free(cause);
	ui->full = 1;
}

static void
members_key(struct ui *ui, struct uscreen *s, int k)
{
	struct umembers *ml = s->st;
	int a = screen_key_action(s->def, k, 0), rc, reason;
	const struct mrow *r = ml->n ? &ml->rows[ml->sel] : NULL;
	char *cause = NULL, note[REC_NOTE_MAX];

	if (ui_navigate(a, &ml->sel, ml->n)) {
		ml->dirty = 1;
		if (ml->n)
			ml->sel_id = ml->rows[ml->sel].id;
		return;
	}
	switch (a) {
	case ACT_OPEN:
		if (r != NULL)
			ui_open(ui, "member", &(struct uopen){ .org = ml->branch, .id = r->id });
		return;
	case ACT_NEW:
		ui_open(ui, "member", &(struct uopen){ .org = ml->branch });
		return;
	case ACT_REMOVE:
		if (r == NULL)
			return;
		if (r->removed != RM_NONE) {
			ui_status(ui, 1, "%s 已移除; 按 u 恢复", r->name);
			return;
		}
		reason = ui_ask_removal(ui, 0, r->name, note, sizeof note);
		if (reason <= 0)
			return;
		rc = store_member_remove(ui->app->st, r->id, r->version, reason, note, &cause);
		if (rc != 0)
			ui_status(ui, 1, "未移除: %s", cause ? cause : store_strerror(rc));
		else
			ui_status(ui, 0, "已移除 %s (%s)", r->name, rec_removal_label(reason));
		ui->gen++;
		free(cause);
		ui->full = 1;
		return;
	case ACT_RESTORE:
		if (r == NULL)
			return;
		if (r->removed == RM_NONE) {
			ui_status(ui, 1, "%s 没有被移除%s", r->name,
			    ml->show_removed ? "" : " (按 r 显示已移除的党员)");
			return;
		}
		rc = store_member_restore(ui->app->st, r->id, r->version, &cause);
		if (rc != 0)
			ui_status(ui, 1, "未恢复: %s", cause ? cause : store_strerror(rc));
		else
			ui_status(ui, 0, "已恢复 %s", r->name);
		ui->gen++;
		free(cause);
		ui->full = 1;
		return;
	case ACT_SHOW_REMOVED:
		ml->show_removed = !ml->show_removed;
		ui->full = 1;
		return;
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN:
		members_shift(ui, ml, a == ACT_MOVE_UP ? -1 : 1);
		return;
	case ACT_EDIT_ORG:
		ui_open(ui, "org", &(struct uopen){ .id = ml->branch });
		return;
	case ACT_MOVE_BRANCH:
		members_move_branch(ui, ml);
		return;
	case ACT_PRINT:
		if (r == NULL)
			return;
		if (r->removed != RM_NONE) {
			ui_status(ui, 1, "%s 已移除; 按 u 恢复后才能打印", r->name);
			return;
		}
		ui_open(ui, "print", &(struct uopen){ .org = ml->branch, .id = r->id,
		    .name = r->name });
		return;
	case ACT_SEARCH:
		ui_open(ui, "search", NULL);
		return;
	case ACT_HELP:
		ui_open(ui, "help", &(struct uopen){ .of = s->def });
		return;
	case ACT_LEAVE:
		ui_pop(ui);
		return;
	case ACT_QUIT:
		ui->quit = 1;
		return;
	default:
		return;
	}
}

static void
members_free(struct uscreen *s)
{
	struct umembers *ml = s->st;

	free(ml->rows);
	free(ml->err);
	free(ml);
	s->st = NULL;
}

static void *
members_open(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	struct umembers *ml = calloc(1, sizeof *ml);
	char *cause = NULL;
	int rc;

	(void)def;
	if (ml == NULL)
		return NULL;
	rc = store_org_get(ui->app->st, a->org, &ml->o, &cause);
	if (rc != 0) {
		ui_status(ui, 1, "无法打开党员名单: %s", cause ? cause : store_strerror(rc));
		free(cause);
		free(ml);
		return NULL;
	}
	ml->branch = a->org;
	return ml;
}

const struct ukind_ops ui_members_ops = {
	.open = members_open,
	.draw = members_draw,
	.update = members_update,
	.key = members_key,
	.free = members_free,
};
