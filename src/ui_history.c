/*
 * ui_history.c - 修改记录 (ui_history.h): the audit entries of one record,
 * newest first, read through store_audit_each; u on a changed field puts
 * the value it had before that change back, as one update the store
 * records as 撤销 (store_txn_audit_undo).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "ui.h"
#include "ui_dialog.h"
#include "ui_history.h"

/* One line: an entry's heading, or one changed field (undoable). */
struct hline {
	char *text;
	uint64_t seq;             /* the entry; 0 for none */
	unsigned kind, unit;      /* a field: AUK_MEMBER/AUK_ORG/AUK_UNIT, unit from 1 */
	char *label, *old;        /* a field: its label and the value before */
};

struct uhistory {
	int rec;                  /* REC_KIND_MEMBER / REC_KIND_ORG */
	uint64_t id;
	struct hline *l;
	size_t n, cap;
	size_t sel, top;          /* selected line (a field when there is one) */
	int err;
};

static const char *
action_name(int a)
{
	static const char *const names[] = {
		"", "新建", "修改", "移动", "调整顺序", "移除", "恢复", "导入",
		"导出", "用户", "备份", "撤销", "审核",
	};

	return a > 0 && a < (int)(sizeof names / sizeof names[0]) ? names[a] : "?";
}

static int
push(struct uhistory *h, char *text, uint64_t seq, const struct store_audit_diff *d)
{
	struct hline *l;

	if (text == NULL)
		return -1;
	if (h->n == h->cap) {
		l = realloc(h->l, (h->cap = h->cap ? h->cap * 2 : 64) * sizeof *l);
		if (l == NULL) {
			free(text);
			return -1;
		}
		h->l = l;
	}
	l = &h->l[h->n++];
	memset(l, 0, sizeof *l);
	l->text = text;
	l->seq = seq;
	if (d != NULL) {
		l->kind = d->kind;
		l->unit = d->unit;
		l->label = strdup(d->label);
		l->old = strdup(d->old);
		if (l->label == NULL || l->old == NULL)
			return -1;
	}
	return 0;
}

/* Collect the record's entries (oldest first; reversed by entry below). */
static int
collect(const struct store_audit_entry *e, void *ud)
{
	struct uhistory *h = ud;
	char when[32], *t = NULL;
	struct tm tm;
	time_t tt = (time_t)e->time;
	size_t i;
	int kind = h->rec == REC_KIND_ORG ? AUK_ORG : AUK_MEMBER;

	/* a range entry (nrec > 1): the creations of one import or gen */
	if (e->kind != kind || h->id < e->rec || h->id - e->rec >= e->nrec)
		return 0;
	localtime_r(&tt, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	if (asprintf(&t, "#%" PRIu64 " %s %s %s%s%s%s", e->seq, when, e->login,
	    action_name(e->action), e->source ? " (导入)" : "",
	    e->text[0] ? "  " : "", e->text) < 0)
		t = NULL;
	if (push(h, t, e->seq, NULL) != 0)
		return -1;
	for (i = 0; i < e->n_diff; i++) {
		const struct store_audit_diff *d = &e->diff[i];
		char unit[32] = "";

		if (d->kind == AUK_UNIT)
			snprintf(unit, sizeof unit, "单位%u ", d->unit);
		if (asprintf(&t, "    %s%s: %s → %s", unit, d->label,
		    d->old[0] ? d->old : "(空)", d->new_[0] ? d->new_ : "(空)") < 0)
			t = NULL;
		if (push(h, t, e->seq, d) != 0)
			return -1;
	}
	return 0;
}

static void
lines_free(struct uhistory *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->l[i].text);
		free(h->l[i].label);
		free(h->l[i].old);
	}
	free(h->l);
	h->l = NULL;
	h->n = h->cap = 0;
}

/* Newest entry first: reverse the order of the entry blocks. */
static void
newest_first(struct uhistory *h)
{
	struct hline *r = malloc(h->n * sizeof *r);
	size_t end = h->n, out = 0, start;

	if (r == NULL)
		return;
	while (end > 0) {
		for (start = end - 1; start > 0 && h->l[start].label != NULL; start--)
			;
		memcpy(&r[out], &h->l[start], (end - start) * sizeof *r);
		out += end - start;
		end = start;
	}
	memcpy(h->l, r, h->n * sizeof *r);
	free(r);
}

static int
load(struct ui *ui, struct uhistory *h)
{
	char *cause = NULL;

	lines_free(h);
	if (store_audit_each(ui->app->st, 0, collect, h, NULL, &cause) != 0) {
		ui_status(ui, 1, "无法读取修改记录: %s", cause ? cause : "");
		free(cause);
		return -1;
	}
	newest_first(h);
	h->sel = 0;
	while (h->sel < h->n && h->l[h->sel].label == NULL)
		h->sel++;
	if (h->sel >= h->n)
		h->sel = 0;
	h->top = 0;
	return 0;
}

static void *
history_open(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	struct uhistory *h = calloc(1, sizeof *h);

	(void)def;
	if (h == NULL)
		return NULL;
	h->rec = a->rec;
	h->id = a->id;
	if (load(ui, h) != 0) {
		free(h);
		return NULL;
	}
	if (h->n == 0)
		ui_status(ui, 0, "没有修改记录");
	return h;
}

static void
history_draw(struct ui *ui, struct uscreen *s)
{
	struct uhistory *h = s->st;
	int rows = LINES - 3, y;
	size_t i;

	(void)ui;
	ui_scroll_to(h->sel, &h->top, rows);
	for (y = 0; y < rows; y++) {
		i = h->top + (size_t)y;
		move(1 + y, 0);
		clrtoeol();
		if (i >= h->n)
			continue;
		if (i == h->sel && h->l[i].label != NULL)
			attron(A_REVERSE);
		ui_put_from(1 + y, 0, h->l[i].text, COLS - 1, 0);
		if (i == h->sel && h->l[i].label != NULL)
			attroff(A_REVERSE);
	}
}

static void
history_update(struct ui *ui, struct uscreen *s)
{
	(void)ui;
	(void)s;
	move(LINES - 1, COLS - 1);
}

/* The form field labelled label (unit fields when unit), or NULL. */
static const struct field_def *
field_by_label(const struct form_def *d, const char *label, int unit)
{
	const struct field_def *f = unit ? d->unit_fields : d->fields;
	size_t i, n = unit ? d->nunit_fields : d->nfields;

	for (i = 0; i < n; i++)
		if (strcmp(f[i].label, label) == 0)
			return &f[i];
	return NULL;
}

struct undo_args {
	int rec;
	void *r;
	uint64_t seq;
	char **cause;
};

static int
undo_write(struct store_txn *t, void *ud)
{
	struct undo_args *a = ud;

	store_txn_audit_undo(t, a->seq);
	return a->rec == REC_KIND_ORG ? store_txn_org_save(t, a->r, a->cause) :
	    store_txn_member_save(t, a->r, a->cause);
}

/* Put the selected field's earlier value back. */
static void
undo(struct ui *ui, struct uhistory *h)
{
	static const int keys[] = { 'y', 'n', UK_ESC };
	const struct hline *l = &h->l[h->sel];
	const struct screen_def *sd = screen_find(h->rec == REC_KIND_ORG ? "org" : "member");
	const struct field_def *f;
	struct undo_args a;
	struct member *m = NULL;
	struct org *o = NULL;
	char text[600], *cause = NULL;
	unsigned char *base;
	int rc;

	if (h->sel >= h->n || l->label == NULL) {
		ui_status(ui, 1, "请先选择一项修改(↑↓)");
		return;
	}
	f = sd != NULL && sd->form != NULL ?
	    field_by_label(sd->form, l->label, l->kind == AUK_UNIT) : NULL;
	if (f == NULL || f->readonly || f->size == 0) {
		ui_status(ui, 1, "「%s」不能在这里撤销(所在党支部、上级党组织请用移动)",
		    l->label);
		return;
	}
	snprintf(text, sizeof text, "把「%s」恢复为: %s\n(第 %" PRIu64 " 条修改之前的值; "
	    "撤销本身也记入审计记录)\nY 恢复   N 不恢复", l->label,
	    l->old[0] ? l->old : "(空)", l->seq);
	if (ui_ask(ui, "撤销修改?", text, "Y恢复  N返回", keys, 3) != 'y')
		return;
	memset(&a, 0, sizeof a);
	a.rec = h->rec;
	a.seq = l->seq;
	a.cause = &cause;
	if (h->rec == REC_KIND_ORG) {
		if ((o = org_new()) == NULL)
			return;
		rc = store_org_get(ui->app->st, h->id, o, &cause);
		if (rc == 0 && l->kind == AUK_UNIT && (l->unit == 0 || l->unit > o->n_units)) {
			ui_status(ui, 1, "单位%u 已不存在, 请在附件1中修改", l->unit);
			org_delete(o);
			return;
		}
		base = l->kind == AUK_UNIT ? (unsigned char *)&o->units[l->unit - 1] :
		    (unsigned char *)o;
		a.r = o;
	} else {
		if ((m = malloc(sizeof *m)) == NULL)
			return;
		rc = store_member_get(ui->app->st, h->id, m, &cause);
		base = (unsigned char *)m;
		a.r = m;
	}
	if (rc == 0) {
		if (f->type == FT_INT) {
			int32_t v = l->old[0] ? (int32_t)strtol(l->old, NULL, 10) : -1;

			memcpy(base + f->off, &v, sizeof v);
		} else
			rec_strcpy((char *)base + f->off, f->size, l->old);
		free(cause);
		cause = NULL;
		rc = store_write(ui->app->st, undo_write, &a, &cause);
	}
	if (rc != 0)
		ui_status(ui, 1, "未撤销: %s", cause ? cause : store_strerror(rc));
	else {
		ui_status(ui, 0, "已恢复「%s」为修改前的值", l->label);
		ui->gen++;
		load(ui, h);
	}
	free(cause);
	free(m);
	org_delete(o);
	ui->full = 1;
}

static void
history_key(struct ui *ui, struct uscreen *s, int k)
{
	struct uhistory *h = s->st;
	int a = screen_key_action(s->def, k, 0);

	if (ui_navigate(a, &h->sel, h->n)) {
		ui->full = 1;
		return;
	}
	switch (a) {
	case ACT_UNDO:
		undo(ui, h);
		return;
	default:
		ui_act_common(ui, s, a);
		return;
	}
}

static void
history_free(struct uscreen *s)
{
	struct uhistory *h = s->st;

	lines_free(h);
	free(h);
	s->st = NULL;
}

const struct ukind_ops ui_history_ops = {
	.open = history_open,
	.draw = history_draw,
	.update = history_update,
	.key = history_key,
	.free = history_free,
};
