/*
 * ui_members.c - 党员名单 (ui_members.h): one branch's members in the
 * reported order.  Only the page on screen is read (store_branch_page),
 * from the place (seq) of its top row, whatever the branch size; the
 * row count comes from the counts the store keeps.  A page that cannot be
 * read is not shown, its error is.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cause.h"
#include "review.h"
#include "store.h"
#include "ui.h"
#include "ui_dialog.h"
#include "ui_members.h"
#include "ui_review.h"
#include "validate.h"
#include "walk.h"

struct mrow {
	uint64_t id, version, branch;
	uint64_t seq;               /* its place in the branch order */
	char name[REC_NAME_MAX];
	char sex[REC_SHORT_MAX];
	char idcard[REC_SHORT_MAX];
	char category[REC_SHORT_MAX];
	char phone[REC_SHORT_MAX];
	int state, removed;
	char marker[16];            /* review_marker: 录入 初核 复核 退回 */
};

/*
 * Positions: the list shows first the members with an open return (退回,
 * ret[0 .. nret-1], found by one walk of the branch, only when the kept
 * review counts say there are any), then the whole branch in its order
 * (where they appear again, marked).  sel and vtop are positions in that
 * whole list; top, n and the page are positions in the branch order.
 */
struct umembers {
	uint64_t branch;
	struct org o;
	struct mrow *rows;          /* the page: rows top .. top + nrows - 1 */
	size_t nrows, caprows;
	size_t n;                   /* rows of the branch order (the store's counts) */
	size_t sel, vtop;           /* positions in the whole list (returned first) */
	size_t top;                 /* branch position of the page's first row */
	struct mrow *ret;           /* the returned, in branch order */
	size_t nret, capret;
	uint64_t ret_count;         /* the kept count they were read for */
	unsigned long ret_gen;      /* ui->gen they were read at */
	int ret_read;
	struct store_review_counts rc;  /* the branch's review counts */
	uint64_t top_seq;           /* seq of row top (0: the list's start) */
	uint64_t sel_id;
	int show_removed;
	int dirty;
	char *err;                  /* why the list could not be read (shown instead), or NULL */
	struct store_counts c;      /* the branch's counts at the last reload */
	/* J/K shown but not yet committed (members_commit) */
	struct store_shift pend[UI_AHEAD_MAX + 1];
	size_t npend;
	struct store *st;
};

static unsigned
page_flags(const struct umembers *ml)
{
	return ml->show_removed ? STORE_PAGE_REMOVED : 0;
}

/* Rows of the whole list: the returned, then the branch. */
static size_t
members_total(const struct umembers *ml)
{
	return ml->nret + ml->n;
}

/* The row at position i of the whole list, or NULL (not on the page). */
static const struct mrow *
members_at(const struct umembers *ml, size_t i)
{
	if (i < ml->nret)
		return &ml->ret[i];
	i -= ml->nret;
	if (i < ml->top || i - ml->top >= ml->nrows)
		return NULL;
	return &ml->rows[i - ml->top];
}

/* The row selected, or NULL (an empty list, or a page not read). */
static const struct mrow *
members_cur(const struct umembers *ml)
{
	return members_at(ml, ml->sel);
}

struct seqwalk {
	size_t got;
	uint64_t last;
};

static int
seq_take(const struct member *m, uint64_t seq, void *ud)
{
	struct seqwalk *w = ud;

	(void)m;
	w->got++;
	w->last = seq;
	return 0;
}

/* Make top (a position) the page's first row: its seq is found by walking
 * from the nearest known place (the list's start or end, or the present
 * top), reading only the rows between. */
static int
members_anchor(struct ui *ui, struct umembers *ml, size_t top)
{
	struct seqwalk w = { 0, 0 };
	size_t fwd = top > ml->top ? top - ml->top : SIZE_MAX;
	size_t back = top < ml->top ? ml->top - top : SIZE_MAX;
	size_t from_end = ml->n > top ? ml->n - top : 1;
	int rc = 0;

	if (top == 0) {
		ml->top_seq = 0;
	} else if (top + 1 < fwd && top + 1 < back && top < from_end) {
		rc = store_branch_page(ui->app->st, ml->branch, 0, 1, top + 1,
		    page_flags(ml), seq_take, &w);
		ml->top_seq = w.last;
		if (w.got < top + 1)
			top = 0, ml->top_seq = 0;
	} else if (from_end <= fwd && from_end <= back) {
		rc = store_branch_page(ui->app->st, ml->branch, UINT64_MAX, -1, from_end,
		    page_flags(ml), seq_take, &w);
		ml->top_seq = w.last;
		if (w.got < from_end)
			top = 0, ml->top_seq = 0;
	} else if (fwd != SIZE_MAX) {
		rc = store_branch_page(ui->app->st, ml->branch, ml->top_seq, 1, fwd + 1,
		    page_flags(ml), seq_take, &w);
		if (w.got > 0)
			ml->top_seq = w.last;
	} else if (back != SIZE_MAX) {
		if (ml->top_seq > 0)
			rc = store_branch_page(ui->app->st, ml->branch, ml->top_seq - 1, -1,
			    back, page_flags(ml), seq_take, &w);
		ml->top_seq = w.got == back ? w.last : 0;
		if (w.got < back)
			top = 0;
	}
	ml->top = top;
	return rc;
}

static void
row_fill(struct mrow *r, const struct member *m, uint64_t seq)
{
	r->id = m->meta.id;
	r->version = m->meta.version;
	r->branch = m->branch;
	r->seq = seq;
	snprintf(r->name, sizeof r->name, "%s", m->name);
	snprintf(r->sex, sizeof r->sex, "%s", m->sex);
	snprintf(r->idcard, sizeof r->idcard, "%s", m->idcard);
	snprintf(r->category, sizeof r->category, "%s", m->category);
	snprintf(r->phone, sizeof r->phone, "%s", m->phone);
	r->state = m->meta.state;
	r->removed = m->meta.removed;
	snprintf(r->marker, sizeof r->marker, "%s", review_marker(&m->meta));
}

static int
row_take(const struct member *m, uint64_t seq, void *ud)
{
	struct umembers *ml = ud;

	if (ml->nrows == ml->caprows)
		return 1;
	row_fill(&ml->rows[ml->nrows++], m, seq);
	return 0;
}

/* store_branch_page over the whole branch: keep the returned. */
static int
ret_take(const struct member *m, uint64_t seq, void *ud)
{
	struct umembers *ml = ud;

	if (m->meta.n_return == 0)
		return 0;
	if (ml->nret == ml->capret) {
		size_t cap = ml->capret ? ml->capret * 2 : 16;
		struct mrow *p = realloc(ml->ret, cap * sizeof *p);

		if (p == NULL)
			return STORE_EIO;
		ml->ret = p;
		ml->capret = cap;
	}
	row_fill(&ml->ret[ml->nret++], m, seq);
	return 0;
}

/* The returned members again when their count or anything written through
 * the UI changed since they were read (none: no walk at all). */
static int
members_returned(struct ui *ui, struct umembers *ml)
{
	int rc = 0;

	if (ml->ret_read && ml->ret_count == ml->rc.returned && ml->ret_gen == ui->gen)
		return 0;
	ml->nret = 0;
	if (ml->rc.returned > 0)
		rc = store_branch_page(ui->app->st, ml->branch, 0, 1, SIZE_MAX, 0, ret_take, ml);
	if (rc != 0)
		ml->nret = 0;
	ml->ret_read = rc == 0;
	ml->ret_count = ml->rc.returned;
	ml->ret_gen = ui->gen;
	return rc;
}

/* Read the page that shows row sel: the window scrolls as little as it
 * must.  On an error no row is listed and the error is shown instead. */
static void
members_page(struct ui *ui, struct umembers *ml)
{
	size_t want = (size_t)(ui_list_rows() > 0 ? ui_list_rows() : 1);
	size_t total = members_total(ml), top, shown;
	int rc = 0;

	free(ml->err);
	ml->err = NULL;
	if (ml->sel >= total)
		ml->sel = total ? total - 1 : 0;
	ui_scroll_to(ml->sel, &ml->vtop, (int)want);
	if (ml->vtop + want > total)        /* the list ends on the screen */
		ml->vtop = total > want ? total - want : 0;
	/* the returned shown on top take rows from the branch's page */
	shown = ml->vtop < ml->nret ? ml->nret - ml->vtop : 0;
	if (shown > want)
		shown = want;
	top = ml->vtop > ml->nret ? ml->vtop - ml->nret : 0;
	if (top != ml->top || ml->n == 0)
		rc = members_anchor(ui, ml, top);
	if (rc == 0 && want > ml->caprows) {
		struct mrow *p = realloc(ml->rows, want * sizeof *p);

		if (p == NULL)
			rc = STORE_EIO;
		else {
			ml->rows = p;
			ml->caprows = want;
		}
	}
	ml->nrows = 0;
	if (rc == 0 && want > shown)
		rc = store_branch_page(ui->app->st, ml->branch, ml->top_seq, 1,
		    want - shown, page_flags(ml), row_take, ml);
	if (rc == 1)
		rc = 0;
	if (rc != 0) {
		ml->nrows = 0;
		if (asprintf(&ml->err, "无法读取党员名单: %s", store_strerror(rc)) < 0)
			ml->err = NULL;
		ui_status(ui, 1, "%s", ml->err ? ml->err : "无法读取党员名单");
		return;
	}
	/* rows written since the count (another clerk): the page says */
	if (ml->nrows < want - shown && ml->top + ml->nrows > ml->n)
		ml->n = ml->top + ml->nrows;
	if (ml->sel >= ml->nret && ml->sel - ml->nret >= ml->top + ml->nrows && ml->nrows > 0)
		ml->sel = ml->nret + ml->top + ml->nrows - 1;
}

/* The list again (after a save, a move, a removal, or another screen): the
 * count, then the page at the same place, the selection kept on its member
 * when it is still on the page. */
static void
members_reload(struct ui *ui, struct umembers *ml)
{
	struct store_counts c;
	char *cause = NULL;
	size_t i;
	int rc;

	rc = store_org_get(ui->app->st, ml->branch, &ml->o, &cause);
	if (rc == 0)
		rc = store_branch_counts(ui->app->st, ml->branch, &c);
	if (rc == 0)
		rc = store_branch_review(ui->app->st, ml->branch, &ml->rc);
	if (rc == 0)
		rc = members_returned(ui, ml);
	if (rc != 0) {
		free(ml->err);
		ml->nrows = 0;
		if (asprintf(&ml->err, "无法读取党员名单: %s", cause ? cause : store_strerror(rc)) < 0)
			ml->err = NULL;
		ui_status(ui, 1, "%s", ml->err ? ml->err : "无法读取党员名单");
		free(cause);
		return;
	}
	ml->c = c;
	ml->n = c.members + (ml->show_removed ? c.removed : 0);
	members_page(ui, ml);
	/* the selection stays on its member: among the returned when it was
	 * there (or is now), else on the page */
	if (members_cur(ml) != NULL && members_cur(ml)->id == ml->sel_id)
		return;
	for (i = 0; i < ml->nret; i++)
		if (ml->ret[i].id == ml->sel_id) {
			ml->sel = i;
			members_page(ui, ml);
			return;
		}
	for (i = 0; i < ml->nrows; i++)
		if (ml->rows[i].id == ml->sel_id)
			ml->sel = ml->nret + ml->top + i;
}

static void
members_rows(struct umembers *ml)
{
	int rows = ui_list_rows(), y, numw = 4;
	size_t i, last;
	char buf[400];

	/* the number column as wide as the last number (1,000,000: 7) */
	for (last = ml->n; last >= 10000; last /= 10)
		numw++;
	for (y = 0; y < rows; y++) {
		move(UI_LIST_TOP + y, 0);
		clrtoeol();
		i = ml->vtop + (size_t)y;
		if (members_at(ml, i) == NULL)
			continue;
		{
			const struct mrow *r = members_at(ml, i);
			int x = 0;

			if (i == ml->sel)
				attron(A_REVERSE);
			if (i < ml->nret)             /* the returned, listed first */
				snprintf(buf, sizeof buf, "%*s ", numw, "退回");
			else
				snprintf(buf, sizeof buf, "%*zu ", numw, i - ml->nret + 1);
			x += ui_put(UI_LIST_TOP + y, x, buf, numw + 1);
			x += ui_put(UI_LIST_TOP + y, x, r->name, 18 - numw);
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
			if (r->removed == RM_NONE) {
				for (x = 69 + ui_width(ui_state_label(r->state, r->removed)); x < 75; x++)
					mvaddch(UI_LIST_TOP + y, x, ' ');
				ui_put(UI_LIST_TOP + y, 75, r->marker, COLS - 76);
			}
			if (i == ml->sel)
				attroff(A_REVERSE);
		}
	}
	if (ml->err != NULL)
		ui_put(UI_LIST_TOP, 2, ml->err, COLS - 3);
	else if (ml->n == 0)
		ui_put(UI_LIST_TOP, 2, "本支部还没有党员。按 n 新增党员。", COLS - 3);
	if (members_cur(ml) != NULL)
		ml->sel_id = members_cur(ml)->id;
}

/* Commit the moves shown but not yet stored, in one write transaction.
 * 0, or the store's rc: then the list is read again (showing what is
 * stored) and the status line says why. */
static int
members_commit(struct ui *ui, struct umembers *ml)
{
	char *cause = NULL;
	int rc;

	if (ml->npend == 0)
		return 0;
	rc = store_member_shifts_at(ml->st, ml->branch, ml->pend, ml->npend, &cause);
	ml->npend = 0;
	if (rc != 0) {
		if (ui != NULL) {
			ui_status(ui, 1, "无法移动: %s", cause ? cause : store_strerror(rc));
			ui->full = 1;
		}
	}
	free(cause);
	return rc;
}

static void
members_draw(struct ui *ui, struct uscreen *s)
{
	struct umembers *ml = s->st;
	const struct store_counts *c = &ml->c;
	char buf[512];

	members_commit(ui, ml);             /* the list read is the one stored */
	members_reload(ui, ml);
	snprintf(buf, sizeof buf, "  %s", ml->o.name);
	ui_put(0, ui_width(s->def->title), buf, COLS - 1 - ui_width(s->def->title));
	if (ml->err != NULL)
		buf[0] = '\0';
	else
		snprintf(buf, sizeof buf, "党员 %zu 人: 正式 %zu, 预备 %zu, 草稿 %zu, 已移除 %zu; "
		    "初核 %llu, 复核 %llu, 退回 %llu%s",
		    c->members, c->full, c->probationary, c->drafts, c->removed,
		    (unsigned long long)ml->rc.checked, (unsigned long long)ml->rc.reviewed,
		    (unsigned long long)ml->rc.returned, ml->show_removed ? " (显示已移除)" : "");
	ui_put(1, 0, buf, COLS - 1);
	ml->dirty = 1;
}

static void
members_update(struct ui *ui, struct uscreen *s)
{
	struct umembers *ml = s->st;

	if (ml->dirty)
		members_rows(ml);
	ml->dirty = 0;
	move(UI_LIST_TOP + (int)(ml->sel - ml->vtop), 0);
	if (ml->npend > 0) {
		struct pollfd in = { .fd = STDIN_FILENO, .events = POLLIN };

		/* the moves are on screen: out with it, then to the disk, unless
		 * more keys wait (J/K typed on join the same transaction) */
		wnoutrefresh(stdscr);
		doupdate();
		if (ui->nahead > 0 || poll(&in, 1, 0) > 0)
			return;
		if (members_commit(ui, ml) != 0) {
			members_reload(ui, ml);
			members_rows(ml);
			ui_draw_status(ui);
			move(UI_LIST_TOP + (int)(ml->sel - ml->vtop), 0);
		}
	}
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

	if ((r = members_cur(ml)) == NULL)
		return;
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

/* J/K shown at once: the selected row and its nearest present neighbour
 * on the page trade places on screen, and the move waits in ml->pend
 * until the screen is out (members_update), so the clerk never waits for
 * the disk; the rows keep their seqs (places), as the store swaps the
 * members between them.  0 when done so; -1 when the neighbour is not on
 * the page (the caller stores the move first). */
static int
members_shift_shown(struct ui *ui, struct umembers *ml, int delta)
{
	size_t i, j;
	struct mrow tmp;
	uint64_t seq;

	/* rows[] holds the page of the branch's own order, after the nret
	 * returned members listed first */
	if (members_cur(ml) == NULL || ml->sel < ml->nret ||
	    ml->npend >= sizeof ml->pend / sizeof ml->pend[0])
		return -1;
	i = j = ml->sel - ml->nret - ml->top;
	if (ml->rows[i].removed != RM_NONE)
		return -1;
	do {
		if ((delta < 0 && j == 0) || (delta > 0 && j + 1 >= ml->nrows))
			return -1;
		j = delta < 0 ? j - 1 : j + 1;
	} while (ml->rows[j].removed != RM_NONE);
	ml->pend[ml->npend].id = ml->rows[i].id;
	ml->pend[ml->npend].seq = ml->rows[i].seq;
	ml->pend[ml->npend].delta = delta;
	ml->npend++;
	seq = ml->rows[i].seq;
	tmp = ml->rows[i];
	ml->rows[i] = ml->rows[j];
	ml->rows[i].seq = seq;
	seq = ml->rows[j].seq;
	ml->rows[j] = tmp;
	ml->rows[j].seq = seq;
	ml->sel = ml->nret + ml->top + j;
	ml->sel_id = tmp.id;
	ml->dirty = 1;
	ui_status(ui, 0, "已移动 %s", tmp.name);
	return 0;
}

/* Move the selected member up or down in the branch order: it swaps
 * places with its nearest present neighbour (removed members keep theirs),
 * two writes whatever the branch size; the selection follows it.  Shown
 * at once when the neighbour is on the page, stored right after the
 * screen is (members_shift_shown, members_update). */
static void
members_shift(struct ui *ui, struct umembers *ml, int delta)
{
	const struct mrow *r = members_cur(ml);
	char *cause = NULL, name[REC_NAME_MAX];
	uint64_t seq;
	int rc;

	if (r == NULL)
		return;
	if (ml->sel < ml->nret) {
		ui_status(ui, 1, "最前面是退回的党员; 请在名单中的原位置调整顺序");
		return;
	}
	if ((delta < 0 && ml->sel == ml->nret) || (delta > 0 && ml->sel + 1 >= members_total(ml))) {
		ui_status(ui, 1, "已经在%s", delta < 0 ? "第一行" : "最后一行");
		return;
	}
	if (members_shift_shown(ui, ml, delta) == 0)
		return;
	if (members_commit(ui, ml) != 0)
		return;
	r = members_cur(ml);
	if (r == NULL)
		return;
	seq = r->seq;
	snprintf(name, sizeof name, "%s", r->name);
	rc = store_member_shift_at(ui->app->st, r->id, ml->branch, &seq, delta, &cause);
	if (rc != 0)
		ui_status(ui, 1, "无法移动: %s", cause ? cause : store_strerror(rc));
	else {
		ui_status(ui, 0, "已移动 %s", name);
		ml->sel = delta < 0 ? ml->sel - 1 : ml->sel + 1;
	}
	free(cause);
	ui->full = 1;
}

static void
members_key(struct ui *ui, struct uscreen *s, int k)
{
	struct umembers *ml = s->st;
	int a = screen_key_action(s->def, k, 0), rc, reason;
	const struct mrow *r;
	char *cause = NULL, note[REC_NOTE_MAX];

	/* any other key acts on what is stored */
	if (a != ACT_MOVE_UP && a != ACT_MOVE_DOWN && members_commit(ui, ml) != 0)
		return;
	r = members_cur(ml);
	if (ui_navigate(a, &ml->sel, members_total(ml))) {
		members_page(ui, ml);
		ml->dirty = 1;
		if (members_cur(ml) != NULL)
			ml->sel_id = members_cur(ml)->id;
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
	case ACT_HISTORY:
		if (r != NULL)
			ui_open(ui, "history", &(struct uopen){ .rec = REC_KIND_MEMBER,
			    .id = r->id });
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
	case ACT_PASS:
	case ACT_RETURN:
		if (r == NULL)
			return;
		if (r->removed != RM_NONE) {
			ui_status(ui, 1, "%s 已移除; 按 u 恢复后才能核对", r->name);
			return;
		}
		if (a == ACT_PASS)
			ui_review_pass(ui, REC_KIND_MEMBER, r->id, r->version, r->name);
		else
			ui_review_return(ui, REC_KIND_MEMBER, r->id, r->name);
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
	default:
		ui_act_common(ui, s, a);
		return;
	}
}

static void
members_free(struct uscreen *s)
{
	struct umembers *ml = s->st;

	members_commit(NULL, ml);           /* leaving with moves typed ahead */
	free(ml->rows);
	free(ml->ret);
	free(ml->err);
	org_free(&ml->o);
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
		org_free(&ml->o);
		free(ml);
		return NULL;
	}
	ml->branch = a->org;
	ml->st = ui->app->st;
	return ml;
}

const struct ukind_ops ui_members_ops = {
	.open = members_open,
	.draw = members_draw,
	.update = members_update,
	.key = members_key,
	.free = members_free,
};
