/*
 * ui_list.c - the list screens: 组织树 (start screen), a branch's member
 * list, member search and help.  Every list is read fresh from the store
 * when its screen is drawn whole; no transaction outlives a call.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <form.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "store.h"
#include "ui.h"
#include "validate.h"

#define LIST_TOP 2      /* first list row (row 1 is the header) */

static int
list_rows(void)
{
	return LINES - 2 - LIST_TOP;
}

/* Keep sel visible in a window of rows starting at *top. */
static void
scroll_to(size_t sel, size_t *top, int rows)
{
	if (sel < *top)
		*top = sel;
	if (rows > 0 && sel >= *top + (size_t)rows)
		*top = sel - (size_t)rows + 1;
}

/* Move sel for a navigation action; returns 1 when it was one. */
static int
navigate(int a, size_t *sel, size_t n)
{
	size_t page = (size_t)(list_rows() > 1 ? list_rows() - 1 : 1);

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

/* Removal reason and note.  Returns the reason, 0 when cancelled. */
static int
ask_removal(struct ui *ui, int org, const char *what, char *note, size_t size)
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
		{ "1", "转出", "zc", "" },
		{ "4", "录入错误", "lrcw", "" },
		{ "5", "其他", "qt", "" },
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

/* s in at most cols columns: when longer, its start and its end joined by
 * "..". */
static void
mid_cut(const char *s, int cols, char *out, size_t size)
{
	mbstate_t ps;
	const char *p = s, *tail;
	size_t l, head = 0;
	wchar_t wc;
	int w = 0, half, cw;

	if (ui_width(s) <= cols || cols < 6) {
		snprintf(out, size, "%s", s);
		return;
	}
	half = (cols - 2) / 2;
	memset(&ps, 0, sizeof ps);
	while (*p != '\0' && (l = mbrtowc(&wc, p, strlen(p), &ps)) > 0 && l < (size_t)-2) {
		cw = wcwidth(wc) > 0 ? wcwidth(wc) : 1;
		if (w + cw > half)
			break;
		w += cw;
		p += l;
	}
	head = (size_t)(p - s);
	/* the tail: the shortest end of s that fits in what is left */
	for (tail = s + strlen(s); tail > p; ) {
		const char *q = tail - 1;

		while (q > p && ((unsigned char)*q & 0xC0) == 0x80)
			q--;
		if (ui_width(q) > cols - 2 - w)
			break;
		tail = q;
	}
	snprintf(out, size, "%.*s..%s", (int)head, s, tail);
}

/* ---- 组织树 ---- */

struct tnode {
	uint64_t id;
	int depth;
	int parent;                 /* index, -1 for top level */
	int branch;
	int expanded;
	int kids;
	char name[REC_TEXT_MAX];
	struct store_counts c;
	char mark;                  /* '!' error or draft, '?' unconfirmed warning */
	int removed;                /* enum rec_removal (shown with r) */
};

struct utree {
	struct tnode *nodes;
	size_t n, cap;
	size_t *vis;                /* visible node indexes */
	size_t nvis;
	size_t sel, top;
	uint64_t sel_id;
	uint64_t *collapsed;        /* ids the clerk collapsed */
	size_t ncollapsed;
	int dirty;
	int loaded;
	int show_removed;           /* removed organisations listed too (r) */
	int opened_new;             /* a new organisation form was opened (n) */
	unsigned long gen;          /* ui->gen when loaded */
};

static int
tree_is_collapsed(struct utree *t, uint64_t id)
{
	size_t i;

	for (i = 0; i < t->ncollapsed; i++)
		if (t->collapsed[i] == id)
			return 1;
	return 0;
}

static void
tree_set_collapsed(struct utree *t, uint64_t id, int on)
{
	size_t i;
	uint64_t *p;

	for (i = 0; i < t->ncollapsed; i++)
		if (t->collapsed[i] == id) {
			if (!on)
				t->collapsed[i] = t->collapsed[--t->ncollapsed];
			return;
		}
	if (!on)
		return;
	p = realloc(t->collapsed, (t->ncollapsed + 1) * sizeof *p);
	if (p == NULL)
		return;
	t->collapsed = p;
	t->collapsed[t->ncollapsed++] = id;
}

static void
tree_load_level(struct ui *ui, struct utree *t, uint64_t parent, int depth, int pidx)
{
	uint64_t *ids = NULL;
	size_t n = 0, i;
	struct org *o;
	struct vreport *r;

	if (store_org_children(ui->app->st, parent, &ids, &n) != 0)
		return;
	o = malloc(sizeof *o);
	r = malloc(sizeof *r);
	for (i = 0; o != NULL && r != NULL && i < n; i++) {
		struct tnode *nd;
		int me;

		if (store_org_get(ui->app->st, ids[i], o, NULL) != 0 ||
		    (o->meta.removed != RM_NONE && !t->show_removed))
			continue;
		if (t->n == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 64;
			struct tnode *p = realloc(t->nodes, cap * sizeof *p);

			if (p == NULL)
				break;
			t->nodes = p;
			t->cap = cap;
		}
		me = (int)t->n;
		nd = &t->nodes[t->n++];
		memset(nd, 0, sizeof *nd);
		nd->id = o->meta.id;
		nd->depth = depth;
		nd->parent = pidx;
		nd->branch = org_is_branch(o->category);
		nd->expanded = !tree_is_collapsed(t, nd->id);
		nd->removed = o->meta.removed;
		snprintf(nd->name, sizeof nd->name, "%s", o->name);
		validate_org(o, ui->app->today, r);
		if (r->errors > 0 || o->meta.state == REC_DRAFT)
			nd->mark = '!';
		else if (r->unconfirmed > 0)
			nd->mark = '?';
		if (nd->branch)
			store_branch_counts(ui->app->st, nd->id, &nd->c);
		if (pidx >= 0)
			t->nodes[pidx].kids++;
		tree_load_level(ui, t, nd->id, depth + 1, me);
	}
	free(o);
	free(r);
	free(ids);
}

static void
tree_visible(struct utree *t)
{
	size_t i;
	int p, shown;

	free(t->vis);
	t->vis = malloc((t->n ? t->n : 1) * sizeof *t->vis);
	t->nvis = 0;
	if (t->vis == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		shown = 1;
		for (p = t->nodes[i].parent; p >= 0; p = t->nodes[p].parent)
			if (!t->nodes[p].expanded)
				shown = 0;
		if (shown)
			t->vis[t->nvis++] = i;
	}
	t->sel = 0;
	for (i = 0; i < t->nvis; i++)
		if (t->nodes[t->vis[i]].id == t->sel_id)
			t->sel = i;
}

static void
tree_reload(struct ui *ui, struct utree *t)
{
	size_t i;

	t->n = 0;
	tree_load_level(ui, t, 0, 0, -1);
	/* a committee counts everything below it */
	for (i = t->n; i-- > 0;) {
		struct tnode *nd = &t->nodes[i];

		if (nd->parent >= 0) {
			struct store_counts *pc = &t->nodes[nd->parent].c;

			pc->members += nd->c.members;
			pc->full += nd->c.full;
			pc->probationary += nd->c.probationary;
			pc->drafts += nd->c.drafts;
			pc->removed += nd->c.removed;
		}
	}
	tree_visible(t);
}

static void
tree_rows(struct ui *ui, struct utree *t)
{
	int rows = list_rows(), y;
	size_t i;
	char buf[400], cnt[80];

	(void)ui;
	scroll_to(t->sel, &t->top, rows);
	for (y = 0; y < rows; y++) {
		move(LIST_TOP + y, 0);
		clrtoeol();
		i = t->top + (size_t)y;
		if (i >= t->nvis)
			continue;
		{
			const struct tnode *nd = &t->nodes[t->vis[i]];

			char name[REC_TEXT_MAX + 8];

			/* cut in the middle: sibling names differ at the end (第一/第二党支部) */
			mid_cut(nd->name, 44 - 2 - nd->depth * 2, name, sizeof name);
			snprintf(buf, sizeof buf, "%*s%s %s", nd->depth * 2, "",
			    nd->kids == 0 ? " " : nd->expanded ? "-" : "+", name);
			if (nd->removed != RM_NONE)
				snprintf(cnt, sizeof cnt, "  已移除(%s)", rec_removal_label(nd->removed));
			else
				snprintf(cnt, sizeof cnt, "%6zu %6zu %6zu %5zu  %c", nd->c.members,
				    nd->c.full, nd->c.probationary, nd->c.drafts,
				    nd->mark ? nd->mark : ' ');
			if (i == t->sel)
				attron(A_REVERSE);
			{
				int x = ui_put(LIST_TOP + y, 0, buf, 44);

				if (i == t->sel)
					for (; x < 46; x++)
						mvaddch(LIST_TOP + y, x, ' ');
			}
			ui_put(LIST_TOP + y, 46, cnt, COLS - 47);
			if (i == t->sel)
				attroff(A_REVERSE);
		}
	}
	if (t->nvis == 0)
		ui_put(LIST_TOP, 2, "还没有党组织。按 n 新建第一个党组织(党委或党支部)。", COLS - 3);
	if (t->nvis > 0)
		t->sel_id = t->nodes[t->vis[t->sel]].id;
	move(LIST_TOP + (int)(t->sel - t->top), 0);
}

static void
tree_draw(struct ui *ui, struct uscreen *s)
{
	struct utree *t = s->st;
	size_t i;

	/* counts walk every member: read again only after a write or Ctrl-L */
	if (!t->loaded || t->gen != ui->gen) {
		/* back from n with a saved organisation: the cursor goes to it */
		if (t->opened_new && ui->have_last_org && ui->last_org.meta.id != 0)
			t->sel_id = ui->last_org.meta.id;
		t->opened_new = 0;
		tree_reload(ui, t);
		t->loaded = 1;
		t->gen = ui->gen;
	} else {
		t->opened_new = 0;
		for (i = 0; i < t->n; i++)
			t->nodes[i].expanded = !tree_is_collapsed(t, t->nodes[i].id);
		tree_visible(t);
	}
	ui_put(1, 0, "党组织名称", 44);
	ui_put(1, 46, "  党员   正式   预备  草稿  标记", COLS - 47);
	t->dirty = 1;
}

static void
tree_update(struct ui *ui, struct uscreen *s)
{
	struct utree *t = s->st;

	if (t->dirty)
		tree_rows(ui, t);
	t->dirty = 0;
	move(LIST_TOP + (int)(t->sel - t->top), 0);
}

/* Children of nd that are not removed. */
static int
tree_present_kids(const struct utree *t, const struct tnode *nd)
{
	size_t i;
	int n = 0, me = (int)(nd - t->nodes);

	for (i = 0; i < t->n; i++)
		if (t->nodes[i].parent == me && t->nodes[i].removed == RM_NONE)
			n++;
	return n;
}

static const struct tnode *
tree_cur(struct utree *t)
{
	return t->nvis ? &t->nodes[t->vis[t->sel]] : NULL;
}

static void
tree_key(struct ui *ui, struct uscreen *s, int k)
{
	struct utree *t = s->st;
	const struct tnode *nd = tree_cur(t);
	int a = screen_key_action(s->def, k, 0);
	char *cause = NULL, note[REC_NOTE_MAX];
	struct org o;
	int rc, reason;

	if (navigate(a, &t->sel, t->nvis)) {
		t->dirty = 1;
		if (t->nvis)
			t->sel_id = t->nodes[t->vis[t->sel]].id;
		return;
	}
	if (nd != NULL && nd->removed != RM_NONE && (a == ACT_OPEN || a == ACT_EDIT_ORG ||
	    a == ACT_NEW || a == ACT_REMOVE || a == ACT_MOVE_UP || a == ACT_MOVE_DOWN ||
	    a == ACT_EXPORT)) {
		ui_status(ui, 1, "%s 已移除; 先按 u 恢复", nd->name);
		return;
	}
	switch (a) {
	case ACT_SHOW_REMOVED:
		t->show_removed = !t->show_removed;
		t->loaded = 0;
		ui->full = 1;
		ui_status(ui, 0, "%s", t->show_removed ?
		    "显示已移除的党组织 (u 恢复, r 隐藏)" : "已隐藏已移除的党组织");
		return;
	case ACT_RESTORE:
		if (nd == NULL)
			return;
		if (nd->removed == RM_NONE) {
			ui_status(ui, 1, "%s 没有被移除", nd->name);
			return;
		}
		rc = store_org_get(ui->app->st, nd->id, &o, &cause);
		if (rc == 0)
			rc = store_org_restore(ui->app->st, nd->id, o.meta.version, &cause);
		if (rc != 0)
			ui_status(ui, 1, "未恢复: %s", cause ? cause : store_strerror(rc));
		else {
			ui_status(ui, 0, "已恢复 %s", o.name);
			ui->gen++;
		}
		free(cause);
		ui->full = 1;
		return;
	case ACT_OPEN:
		if (nd == NULL)
			return;
		if (nd->branch) {
			ui_push(ui, &screen_members, ui_members_new(ui, nd->id));
			return;
		}
		/* FALLTHROUGH */
	case ACT_TOGGLE:
		if (nd == NULL || nd->kids == 0)
			return;
		tree_set_collapsed(t, nd->id, t->nodes[t->vis[t->sel]].expanded);
		ui->full = 1;
		return;
	case ACT_EDIT_ORG:
		if (nd != NULL)
			ui_push(ui, &screen_org, ui_form_org(ui, 0, nd->id));
		return;
	case ACT_NEW: {
		uint64_t parent = 0;

		if (nd != NULL)
			parent = nd->branch ? (nd->parent >= 0 ? t->nodes[nd->parent].id : 0) : nd->id;
		ui_push(ui, &screen_org, ui_form_org(ui, parent, 0));
		t->opened_new = 1;
		return;
	}
	case ACT_REMOVE:
		if (nd == NULL)
			return;
		if (tree_present_kids(t, nd) > 0 || nd->c.members > 0) {
			ui_status(ui, 1, "不能移除: %s 下还有党组织或党员", nd->name);
			return;
		}
		reason = ask_removal(ui, 1, nd->name, note, sizeof note);
		if (reason <= 0)
			return;
		rc = store_org_get(ui->app->st, nd->id, &o, &cause);
		if (rc == 0)
			rc = store_org_remove(ui->app->st, nd->id, o.meta.version, reason, note, &cause);
		if (rc != 0)
			ui_status(ui, 1, "未移除: %s", cause ? cause : store_strerror(rc));
		else {
			ui_status(ui, 0, "已移除 %s (%s)", o.name, rec_removal_label(reason));
			ui->gen++;
		}
		free(cause);
		ui->full = 1;
		return;
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN:
		if (nd == NULL)
			return;
		rc = store_org_shift(ui->app->st, nd->id, a == ACT_MOVE_UP ? -1 : 1, &cause);
		if (rc != 0)
			ui_status(ui, 1, "无法移动: %s", cause ? cause : store_strerror(rc));
		else
			ui_status(ui, 0, "已移动 %s", nd->name);
		ui->gen++;
		free(cause);
		ui->full = 1;
		return;
	case ACT_SEARCH:
		ui_push(ui, &screen_search, ui_search_new(ui));
		return;
	case ACT_HELP:
		ui_push(ui, &screen_help, ui_help_new(ui, s->def));
		return;
	case ACT_STATS:
		ui_push(ui, &screen_stats, ui_stats_new(ui, nd ? nd->id : 0));
		return;
	case ACT_CHECK:
		ui_push(ui, &screen_check, ui_check_new(ui, nd ? nd->id : 0));
		return;
	case ACT_EXPORT: {
		const struct tnode *top = nd;

		if (nd == NULL)
			return;
		if (nd->branch && nd->parent >= 0) {
			ui_export(ui, 0, nd->id, nd->name);
		} else if (nd->branch) {
			ui_export(ui, 0, nd->id, nd->name);
		} else {
			while (top->parent >= 0)
				top = &t->nodes[top->parent];
			ui_export(ui, top->id, 0, top->name);
		}
		ui->full = 1;
		return;
	}
	case ACT_LEAVE:
		ui_status(ui, 0, "这是第一屏; 退出请按 q 或 Ctrl-Q");
		return;
	case ACT_REFRESH:
		t->loaded = 0;
		ui->full = 1;
		ui_status(ui, 0, "已刷新");
		return;
	case ACT_QUIT:
		ui->quit = 1;
		return;
	default:
		return;
	}
}

static void
tree_free(struct uscreen *s)
{
	struct utree *t = s->st;

	free(t->nodes);
	free(t->vis);
	free(t->collapsed);
	free(t);
	s->st = NULL;
}

const struct ukind_ops ui_tree_ops = {
	.draw = tree_draw,
	.update = tree_update,
	.key = tree_key,
	.free = tree_free,
};

void *
ui_tree_new(struct ui *ui)
{
	(void)ui;
	return calloc(1, sizeof(struct utree));
}

/* ---- 党员名单 ---- */

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

static void
members_reload(struct ui *ui, struct umembers *ml)
{
	uint64_t *ids = NULL;
	size_t n = 0, i;
	struct member m;

	free(ml->rows);
	ml->rows = NULL;
	ml->n = 0;
	store_org_get(ui->app->st, ml->branch, &ml->o, NULL);
	if (store_branch_members(ui->app->st, ml->branch, &ids, &n) != 0)
		return;
	ml->rows = calloc(n ? n : 1, sizeof *ml->rows);
	for (i = 0; ml->rows != NULL && i < n; i++) {
		if (store_member_get(ui->app->st, ids[i], &m, NULL) != 0)
			continue;
		if (m.meta.removed != RM_NONE && !ml->show_removed)
			continue;
		mrow_from(&ml->rows[ml->n++], &m);
	}
	free(ids);
	ml->sel = 0;
	for (i = 0; i < ml->n; i++)
		if (ml->rows[i].id == ml->sel_id)
			ml->sel = i;
}

static const char *
row_mark(const struct mrow *r)
{
	if (r->removed != RM_NONE)
		return rec_removal_label(r->removed);
	return r->state == REC_COMPLETE ? "完整" : "草稿!";
}

static void
members_rows(struct umembers *ml)
{
	int rows = list_rows(), y;
	size_t i;
	char buf[400];

	scroll_to(ml->sel, &ml->top, rows);
	for (y = 0; y < rows; y++) {
		move(LIST_TOP + y, 0);
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
			x += ui_put(LIST_TOP + y, x, buf, 5);
			x += ui_put(LIST_TOP + y, x, r->name, 14);
			for (; x < 20; x++)
				mvaddch(LIST_TOP + y, x, ' ');
			snprintf(buf, sizeof buf, "%-3s %-18s %-8s", r->sex, r->idcard, "");
			ui_put(LIST_TOP + y, 20, r->sex, 4);
			for (x = 20 + ui_width(r->sex); x < 25; x++)
				mvaddch(LIST_TOP + y, x, ' ');
			snprintf(buf, sizeof buf, "%-18s ", r->idcard);
			ui_put(LIST_TOP + y, 25, buf, 19);
			ui_put(LIST_TOP + y, 44, r->category, 10);
			for (x = 44 + ui_width(r->category); x < 54; x++)
				mvaddch(LIST_TOP + y, x, ' ');
			ui_put(LIST_TOP + y, 54, r->phone, 14);
			for (x = 54 + ui_width(r->phone); x < 69; x++)
				mvaddch(LIST_TOP + y, x, ' ');
			ui_put(LIST_TOP + y, 69, row_mark(r), COLS - 70);
			if (i == ml->sel)
				attroff(A_REVERSE);
		}
	}
	if (ml->n == 0)
		ui_put(LIST_TOP, 2, "本支部还没有党员。按 n 新增党员。", COLS - 3);
	if (ml->n > 0)
		ml->sel_id = ml->rows[ml->sel].id;
}

static void
members_draw(struct ui *ui, struct uscreen *s)
{
	struct umembers *ml = s->st;
	struct store_counts c;
	char buf[512];

	members_reload(ui, ml);
	memset(&c, 0, sizeof c);
	store_branch_counts(ui->app->st, ml->branch, &c);
	snprintf(buf, sizeof buf, "  %s", ml->o.name);
	ui_put(0, ui_width(s->def->title), buf, COLS - 1 - ui_width(s->def->title));
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
	move(LIST_TOP + (int)(ml->sel - ml->top), 0);
}

struct blist {
	struct cl_entry *e;
	char **names;
	uint64_t *ids;
	size_t n, cap;
};

/* Every branch under parent, in tree order, except skip. */
static void
collect_branches(struct ui *ui, uint64_t parent, uint64_t skip, struct blist *b)
{
	uint64_t *ids = NULL;
	size_t n = 0, i;
	struct org o;

	if (store_org_children(ui->app->st, parent, &ids, &n) != 0)
		return;
	for (i = 0; i < n; i++) {
		if (store_org_get(ui->app->st, ids[i], &o, NULL) != 0 || o.meta.removed != RM_NONE)
			continue;
		if (org_is_branch(o.category) && o.meta.id != skip) {
			if (b->n == b->cap) {
				size_t cap = b->cap ? b->cap * 2 : 32;
				struct cl_entry *e = realloc(b->e, cap * sizeof *e);
				char **nm;
				uint64_t *id;

				if (e == NULL)
					break;
				b->e = e;
				nm = realloc(b->names, cap * sizeof *nm);
				if (nm == NULL)
					break;
				b->names = nm;
				id = realloc(b->ids, cap * sizeof *id);
				if (id == NULL)
					break;
				b->ids = id;
				b->cap = cap;
			}
			b->names[b->n] = strdup(o.name);
			if (b->names[b->n] == NULL)
				break;
			b->e[b->n].code = "";
			b->e[b->n].name = b->names[b->n];
			b->e[b->n].py = "";
			b->e[b->n].group = "";
			b->ids[b->n] = o.meta.id;
			b->n++;
		}
		collect_branches(ui, o.meta.id, skip, b);
	}
	free(ids);
}

/* 所在党支部 changed: the member moves to another branch (at its end). */
static void
members_move_branch(struct ui *ui, struct umembers *ml)
{
	struct blist b;
	const struct mrow *r;
	char *cause = NULL, title[256];
	size_t i;
	int n, rc;

	if (ml->n == 0)
		return;
	r = &ml->rows[ml->sel];
	memset(&b, 0, sizeof b);
	collect_branches(ui, 0, ml->branch, &b);
	if (b.n == 0) {
		ui_status(ui, 1, "没有其他党支部可以转入");
	} else {
		snprintf(title, sizeof title, "%s 转到哪个党支部? (输入汉字筛选)", r->name);
		n = ui_pick(ui, title, b.e, b.n, NULL);
		if (n >= 0) {
			rc = store_member_move(ui->app->st, r->id, r->version, b.ids[n], 0, &cause);
			if (rc != 0)
				ui_status(ui, 1, "未转出: %s", cause ? cause : store_strerror(rc));
			else
				ui_status(ui, 0, "已将 %s 转到 %s", r->name, b.names[n]);
			free(cause);
			ui->gen++;
		}
	}
	for (i = 0; i < b.n; i++)
		free(b.names[i]);
	free(b.names);
	free(b.e);
	free(b.ids);
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

	if (navigate(a, &ml->sel, ml->n)) {
		ml->dirty = 1;
		if (ml->n)
			ml->sel_id = ml->rows[ml->sel].id;
		return;
	}
	switch (a) {
	case ACT_OPEN:
		if (r != NULL)
			ui_push(ui, &screen_member, ui_form_member(ui, ml->branch, r->id));
		return;
	case ACT_NEW:
		ui_push(ui, &screen_member, ui_form_member(ui, ml->branch, 0));
		return;
	case ACT_REMOVE:
		if (r == NULL)
			return;
		if (r->removed != RM_NONE) {
			ui_status(ui, 1, "%s 已移除; 按 u 恢复", r->name);
			return;
		}
		reason = ask_removal(ui, 0, r->name, note, sizeof note);
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
		ui_push(ui, &screen_org, ui_form_org(ui, 0, ml->branch));
		return;
	case ACT_MOVE_BRANCH:
		members_move_branch(ui, ml);
		return;
	case ACT_SEARCH:
		ui_push(ui, &screen_search, ui_search_new(ui));
		return;
	case ACT_HELP:
		ui_push(ui, &screen_help, ui_help_new(ui, s->def));
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
	free(ml);
	s->st = NULL;
}

const struct ukind_ops ui_members_ops = {
	.draw = members_draw,
	.update = members_update,
	.key = members_key,
	.free = members_free,
};

void *
ui_members_new(struct ui *ui, uint64_t branch)
{
	struct umembers *ml = calloc(1, sizeof *ml);
	char *cause = NULL;
	int rc;

	if (ml == NULL)
		return NULL;
	rc = store_org_get(ui->app->st, branch, &ml->o, &cause);
	if (rc != 0) {
		ui_status(ui, 1, "无法打开党员名单: %s", cause ? cause : store_strerror(rc));
		free(cause);
		free(ml);
		return NULL;
	}
	ml->branch = branch;
	return ml;
}

/* ---- 查找党员 ---- */

#define SEARCH_MAX 500
#define SEARCH_W 40

struct usearch {
	FORM *form;
	FIELD *fld[2];
	WINDOW *sub;
	char q[128];
	struct mrow *rows;
	char (*bname)[REC_TEXT_MAX];      /* each result's branch */
	size_t n;
	size_t sel, top;
	int in_results;
	int dirty;
};

struct scan {
	const char *q;
	struct usearch *se;
};

static int
scan_one(const struct member *m, void *ud)
{
	struct scan *sc = ud;

	if (sc->se->n >= SEARCH_MAX)
		return 1;
	if (strstr(m->idcard, sc->q) != NULL || strstr(m->phone, sc->q) != NULL ||
	    strstr(m->name, sc->q) != NULL)
		mrow_from(&sc->se->rows[sc->se->n++], m);
	return 0;
}

/* Every branch id under parent (the tree walk for scans). */
static void
scan_level(struct ui *ui, uint64_t parent, struct scan *sc)
{
	uint64_t *ids = NULL;
	size_t n = 0, i;
	struct org o;

	if (store_org_children(ui->app->st, parent, &ids, &n) != 0)
		return;
	for (i = 0; i < n && sc->se->n < SEARCH_MAX; i++) {
		if (store_org_get(ui->app->st, ids[i], &o, NULL) != 0)
			continue;
		if (org_is_branch(o.category))
			store_member_each(ui->app->st, o.meta.id, scan_one, sc);
		else
			scan_level(ui, o.meta.id, sc);
	}
	free(ids);
}

static void
search_run(struct ui *ui, struct usearch *se)
{
	uint64_t *ids = NULL, id;
	size_t n = 0, i;
	struct member m;
	const char *q = se->q;
	struct scan sc;

	se->n = 0;
	se->sel = se->top = 0;
	if (se->rows == NULL)
		se->rows = calloc(SEARCH_MAX, sizeof *se->rows);
	if (se->rows == NULL || *q == '\0')
		return;
	if (strspn(q, "0123456789Xx-") == strlen(q)) {
		/* ID number (exact, by index) or part of an ID number / phone (scan) */
		if (strlen(q) == 18 && store_member_by_idcard(ui->app->st, q, &id) == 0 &&
		    store_member_get(ui->app->st, id, &m, NULL) == 0)
			mrow_from(&se->rows[se->n++], &m);
		else {
			sc.q = q;
			sc.se = se;
			scan_level(ui, 0, &sc);
		}
	} else if (store_member_search_name(ui->app->st, q, &ids, &n) == 0) {
		for (i = 0; i < n && se->n < SEARCH_MAX; i++)
			if (store_member_get(ui->app->st, ids[i], &m, NULL) == 0)
				mrow_from(&se->rows[se->n++], &m);
		free(ids);
	}
	if (se->bname == NULL)
		se->bname = calloc(SEARCH_MAX, sizeof *se->bname);
	for (i = 0; se->bname != NULL && i < se->n; i++) {
		struct org o;

		se->bname[i][0] = '\0';
		if (store_org_get(ui->app->st, se->rows[i].branch, &o, NULL) == 0)
			rec_strcpy(se->bname[i], sizeof se->bname[i], o.name);
	}
	ui_status(ui, 0, "找到 %zu 条%s", se->n, se->n ? ", ↓ 选择, Enter 打开" : "");
}

static void
search_detach(struct ui *ui, struct uscreen *s)
{
	struct usearch *se = s->st;

	(void)ui;
	if (se->form == NULL)
		return;
	ui_edit_text(se->form, se->q, sizeof se->q);
	unpost_form(se->form);
	free_form(se->form);
	free_field(se->fld[0]);
	delwin(se->sub);
	se->form = NULL;
}

static void
search_draw(struct ui *ui, struct uscreen *s)
{
	struct usearch *se = s->st;

	(void)ui;
	if (se->form == NULL) {
		se->fld[0] = new_field(1, SEARCH_W, 0, 8, 0, 0);
		se->fld[1] = NULL;
		field_opts_off(se->fld[0], O_AUTOSKIP | O_BLANK);
		set_field_back(se->fld[0], A_UNDERLINE);
		set_field_buffer(se->fld[0], 0, se->q);
		se->form = new_form(se->fld);
		se->sub = derwin(stdscr, 1, 80, 1, 0);
		set_form_win(se->form, stdscr);
		set_form_sub(se->form, se->sub);
		post_form(se->form);
		ui_edit_key(se->form, SEARCH_W, FT_TEXT, ACT_END, 0);
	} else {
		unpost_form(se->form);
		post_form(se->form);
		ui_edit_key(se->form, SEARCH_W, FT_TEXT, ACT_END, 0);
	}
	ui_put(1, 0, "查找:", 8);
	ui_put(1, 50, "身份证号/姓名/电话", COLS - 51);
	se->dirty = 1;
}

static void
search_rows(struct usearch *se)
{
	int rows = list_rows() - 1, y, x;
	size_t i;

	scroll_to(se->sel, &se->top, rows);
	for (y = 0; y < rows; y++) {
		move(LIST_TOP + 1 + y, 0);
		clrtoeol();
		i = se->top + (size_t)y;
		if (i >= se->n)
			continue;
		if (se->bname == NULL)
			continue;
		if (se->in_results && i == se->sel)
			attron(A_REVERSE);
		x = ui_put(LIST_TOP + 1 + y, 0, se->rows[i].name, 14);
		for (; x < 16; x++)
			mvaddch(LIST_TOP + 1 + y, x, ' ');
		ui_put(LIST_TOP + 1 + y, 16, se->rows[i].idcard, 19);
		ui_put(LIST_TOP + 1 + y, 36, se->rows[i].phone, 12);
		ui_put(LIST_TOP + 1 + y, 49, row_mark(&se->rows[i]), 8);
		ui_put(LIST_TOP + 1 + y, 58, se->bname[i], COLS - 59);
		if (se->in_results && i == se->sel)
			attroff(A_REVERSE);
	}
}

static void
search_update(struct ui *ui, struct uscreen *s)
{
	struct usearch *se = s->st;

	(void)ui;
	if (se->dirty)
		search_rows(se);
	se->dirty = 0;
	if (se->in_results && se->n > 0)
		move(LIST_TOP + 1 + (int)(se->sel - se->top), 0);
	else if (se->form != NULL)
		pos_form_cursor(se->form);
}

static void
search_key(struct ui *ui, struct uscreen *s, int k)
{
	struct usearch *se = s->st;
	int a;

	if (se->form == NULL)
		return;
	if (k == UK_ENTER) {
		if (se->in_results && se->n > 0) {
			const struct mrow *r = &se->rows[se->sel];

			ui_push(ui, &screen_member, ui_form_member(ui, r->branch, r->id));
			return;
		}
		ui_edit_text(se->form, se->q, sizeof se->q);
		search_run(ui, se);
		se->in_results = se->n > 0;
		se->dirty = 1;
		return;
	}
	a = screen_key_action(s->def, k, 1);
	switch (a) {
	case ACT_DOWN:
		if (!se->in_results && se->n > 0)
			se->in_results = 1;
		else if (se->sel + 1 < se->n)
			se->sel++;
		se->dirty = 1;
		return;
	case ACT_UP:
		if (se->sel > 0)
			se->sel--;
		else
			se->in_results = 0;
		se->dirty = 1;
		return;
	case ACT_HELP:
		ui_push(ui, &screen_help, ui_help_new(ui, s->def));
		return;
	case ACT_LEAVE:
		ui_pop(ui);
		return;
	case ACT_QUIT:
		ui->quit = 1;
		return;
	case ACT_BACKSPACE:
		se->in_results = 0;
		ui_edit_key(se->form, SEARCH_W, FT_TEXT, ACT_BACKSPACE, 0);
		return;
	case ACT_CLEAR:
		se->in_results = 0;
		ui_edit_key(se->form, SEARCH_W, FT_TEXT, ACT_CLEAR, 0);
		return;
	default:
		break;
	}
	if (k == UK_LEFT || k == UK_RIGHT || k == UK_HOME || k == UK_END || k == UK_DC) {
		ui_edit_key(se->form, SEARCH_W, FT_TEXT, k == UK_LEFT ? ACT_LEFT : k == UK_RIGHT ?
		    ACT_RIGHT : k == UK_HOME ? ACT_HOME : k == UK_END ? ACT_END : ACT_DELETE, 0);
		return;
	}
	if (k >= 32 && k < UK_BASE) {
		se->in_results = 0;
		se->dirty = 1;
		if (ui_edit_key(se->form, SEARCH_W, FT_TEXT, ACT_NONE, k) < 0)
			beep();
	}
}

static void
search_free(struct uscreen *s)
{
	struct usearch *se = s->st;

	free(se->rows);
	free(se->bname);
	free(se);
	s->st = NULL;
}

const struct ukind_ops ui_search_ops = {
	.draw = search_draw,
	.update = search_update,
	.key = search_key,
	.detach = search_detach,
	.free = search_free,
};

void *
ui_search_new(struct ui *ui)
{
	(void)ui;
	return calloc(1, sizeof(struct usearch));
}

/* ---- 帮助 ---- */

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
	if (h->of->kind == SK_FORM && y < LINES - 3)
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

const struct ukind_ops ui_help_ops = {
	.draw = help_draw,
	.update = help_update,
	.key = help_key,
	.free = help_free,
};

void *
ui_help_new(struct ui *ui, const struct screen_def *of)
{
	struct uhelp *h = calloc(1, sizeof *h);

	(void)ui;
	if (h != NULL)
		h->of = of;
	return h;
}
