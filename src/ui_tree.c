/*
 * ui_tree.c - 组织树, the start screen (ui_tree.h): every organisation in
 * tree order with its member counts and marks.  Read fresh from the store
 * when drawn whole after a write or Ctrl-L; a tree that cannot be read
 * whole is not shown at all, its error is.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cause.h"
#include "store.h"
#include "ui.h"
#include "ui_dialog.h"
#include "ui_review.h"
#include "ui_tree.h"
#include "utf8.h"
#include "validate.h"

/* s in at most cols columns: when longer, its start and its end joined by
 * "..". */
static void
mid_cut(const char *s, int cols, char *out, size_t size)
{
	const char *p = s, *tail;
	size_t l, head = 0;
	uint32_t cp;
	int w = 0, half, cw;

	if (ui_width(s) <= cols || cols < 6) {
		snprintf(out, size, "%s", s);
		return;
	}
	half = (cols - 2) / 2;
	while (*p != '\0' && (l = utf8_decode((const unsigned char *)p, strlen(p), &cp)) > 0) {
		cw = wcwidth((wchar_t)cp) > 0 ? wcwidth((wchar_t)cp) : 1;
		if (w + cw > half)
			break;
		w += cw;
		p += l;
	}
	head = (size_t)(p - s);
	/* the tail: the shortest end of s that fits in what is left */
	for (tail = s + strlen(s); tail > p; ) {
		const char *q = p + utf8_cut(p, (size_t)(tail - p), (size_t)(tail - p) - 1);

		if (ui_width(q) > cols - 2 - w)
			break;
		tail = q;
	}
	snprintf(out, size, "%.*s..%s", (int)head, s, tail);
}

struct utree {
	struct ui_tree_node *nodes;
	size_t n;
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
	char *err;                  /* why the tree could not be read (shown instead), or NULL */
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

/* The reading of the tree: the store's table of organisations and the
 * nodes so far. */
struct tread {
	const struct store_org_tree *ot;
	int show_removed;
	struct ui_tree_node *nodes;
	size_t n, cap;
	char *names;                /* the names, after the nodes in their block */
};

/* Put the children ids[0..n-1] in report order, the walker's
 * WALK_BRANCHES_FIRST (walk.h): the branches first, then the others (each
 * 党总支 is then followed by its own branches), each group in the tree's
 * order.  The tree shows what the export writes, whatever J/K did. */
int
ui_tree_report_order(struct store *st, uint64_t *ids, size_t n)
{
	struct org *o = malloc(sizeof *o);
	uint64_t *out = malloc((n ? n : 1) * sizeof *out);
	unsigned char *br = malloc(n ? n : 1);
	size_t i, k = 0;
	int rc = 0, pass;

	if (n == 0)
		goto cleanup;
	if (o == NULL || out == NULL || br == NULL) {
		rc = STORE_EIO;
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		if ((rc = store_org_get_head(st, ids[i], o)) != 0)
			goto cleanup;
		br[i] = (unsigned char)org_is_branch(o->category);
	}
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < n; i++)
			if (br[i] == pass)
				out[k++] = ids[i];
	memcpy(ids, out, n * sizeof *ids);
cleanup:
	free(o);
	free(out);
	free(br);
	return rc;
}

/* Append the organisations ids[0..n-1] (the children of the node at pidx,
 * -1 for the top level, in stored order) and theirs to tr, depth first.
 * Under an organisation they go in report order, as ui_tree_report_order
 * puts them: the branches first, then the others; the top level keeps the
 * tree's order, as the walker does. */
static int
read_level(struct tread *tr, const uint64_t *ids, size_t n, int depth, int pidx,
    char **cause)
{
	const struct store_org_row **row;
	size_t i;
	int pass, rc = 0;

	if ((row = malloc((n ? n : 1) * sizeof *row)) == NULL) {
		cause_set(cause, "内存不足");
		return STORE_EIO;
	}
	for (i = 0; i < n; i++)
		if ((row[i] = store_org_tree_find(tr->ot, ids[i])) == NULL) {
			cause_set(cause, "党组织不存在（编号 %llu）",
			    (unsigned long long)ids[i]);
			free(row);
			return STORE_EIO;
		}
	for (pass = 1; pass >= 0 && rc == 0; pass--)
		for (i = 0; i < n && rc == 0; i++) {
			const struct store_org_row *r = row[i];
			struct ui_tree_node *nd;
			int me;

			if (pidx >= 0 && r->branch != pass)
				continue;
			if (pidx < 0 && pass == 0)
				break;
			if (r->removed != RM_NONE && !tr->show_removed)
				continue;
			if (tr->n == tr->cap) {     /* an organisation listed twice */
				cause_set(cause, "组织树已损坏: %s 出现不止一次", r->name);
				rc = STORE_EIO;
				break;
			}
			me = (int)tr->n;
			nd = &tr->nodes[tr->n++];
			memset(nd, 0, sizeof *nd);
			nd->id = r->id;
			nd->depth = depth;
			nd->parent = pidx;
			nd->branch = r->branch;
			nd->expanded = 1;
			nd->removed = r->removed;
			nd->name = tr->names + (r->name - tr->ot->names);
			if (r->errors > 0 || r->draft)
				nd->mark = '!';
			else if (r->unconfirmed > 0)
				nd->mark = '?';
			if (r->branch)
				nd->c = r->c;
			if (pidx >= 0)
				tr->nodes[pidx].kids++;
			if (depth > 64) {
				cause_set(cause, "组织树有环（编号 %llu）", (unsigned long long)r->id);
				rc = STORE_EIO;
				break;
			}
			rc = read_level(tr, tr->ot->kids + r->kid0, r->nkids, depth + 1, me,
			    cause);
		}
	free(row);
	return rc;
}

int
ui_tree_read(struct store *st, const char *today, int show_removed,
    struct ui_tree_node **nodes, size_t *n, char **cause)
{
	struct store_org_tree ot;
	struct tread tr;
	size_t i;
	int rc;

	(void)today;                /* the store keeps each organisation's judgement */
	memset(&tr, 0, sizeof tr);
	tr.ot = &ot;
	tr.show_removed = show_removed;
	rc = store_org_tree(st, &ot, cause);
	/* every node at once, the names after them: one block, freed whole */
	if (rc == 0 && (tr.nodes = malloc(ot.n * sizeof *tr.nodes + ot.names_len + 1)) == NULL) {
		cause_set(cause, "内存不足");
		store_org_tree_free(&ot);
		rc = STORE_EIO;
	} else if (rc == 0) {
		tr.cap = ot.n;
		tr.names = (char *)(tr.nodes + ot.n);
		if (ot.names_len > 0)
			memcpy(tr.names, ot.names, ot.names_len);
		rc = read_level(&tr, ot.kids + ot.top0, ot.ntop, 0, -1, cause);
		store_org_tree_free(&ot);
	}
	if (rc != 0) {
		free(tr.nodes);
		*nodes = NULL;
		*n = 0;
		return rc;
	}
	/* a committee counts everything below it */
	for (i = tr.n; i-- > 0;) {
		struct ui_tree_node *nd = &tr.nodes[i];

		if (nd->parent >= 0) {
			struct store_counts *pc = &tr.nodes[nd->parent].c;

			pc->members += nd->c.members;
			pc->full += nd->c.full;
			pc->probationary += nd->c.probationary;
			pc->drafts += nd->c.drafts;
			pc->removed += nd->c.removed;
		}
	}
	*nodes = tr.nodes;
	*n = tr.n;
	return 0;
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

/* Read the tree again; when it cannot be read, no node is listed and the
 * error is shown in its place (never a part of the tree). */
static void
tree_reload(struct ui *ui, struct utree *t)
{
	struct ui_tree_node *nodes;
	char *cause = NULL;
	size_t n, i;
	int rc;

	free(t->err);
	t->err = NULL;
	rc = ui_tree_read(ui->app->st, ui->app->today, t->show_removed, &nodes, &n, &cause);
	free(t->nodes);
	t->nodes = nodes;
	t->n = n;
	if (rc != 0) {
		if (asprintf(&t->err, "无法读取组织树: %s", cause ? cause : store_strerror(rc)) < 0)
			t->err = NULL;
		ui_status(ui, 1, "%s", t->err ? t->err : "无法读取组织树");
		free(cause);
	}
	for (i = 0; i < t->n; i++)
		t->nodes[i].expanded = !tree_is_collapsed(t, t->nodes[i].id);
	tree_visible(t);
}

static void
tree_rows(struct ui *ui, struct utree *t)
{
	int rows = ui_list_rows(), y;
	size_t i;
	char buf[400], cnt[80];

	(void)ui;
	ui_scroll_to(t->sel, &t->top, rows);
	for (y = 0; y < rows; y++) {
		move(UI_LIST_TOP + y, 0);
		clrtoeol();
		i = t->top + (size_t)y;
		if (i >= t->nvis)
			continue;
		{
			const struct ui_tree_node *nd = &t->nodes[t->vis[i]];

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
				int x = ui_put(UI_LIST_TOP + y, 0, buf, 44);

				if (i == t->sel)
					for (; x < 46; x++)
						mvaddch(UI_LIST_TOP + y, x, ' ');
			}
			ui_put(UI_LIST_TOP + y, 46, cnt, COLS - 47);
			if (i == t->sel)
				attroff(A_REVERSE);
		}
	}
	if (t->err != NULL) {
		ui_put(UI_LIST_TOP, 2, t->err, COLS - 3);
		ui_put(UI_LIST_TOP + 1, 2, "按 R 重新读取, q 退出。", COLS - 3);
	} else if (t->nvis == 0)
		ui_put(UI_LIST_TOP, 2, "还没有党组织。按 n 新建第一个党组织(党委或党支部)。", COLS - 3);
	if (t->nvis > 0)
		t->sel_id = t->nodes[t->vis[t->sel]].id;
	move(UI_LIST_TOP + (int)(t->sel - t->top), 0);
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
	move(UI_LIST_TOP + (int)(t->sel - t->top), 0);
}

/* Children of nd that are not removed. */
static int
tree_present_kids(const struct utree *t, const struct ui_tree_node *nd)
{
	size_t i;
	int n = 0, me = (int)(nd - t->nodes);

	for (i = 0; i < t->n; i++)
		if (t->nodes[i].parent == me && t->nodes[i].removed == RM_NONE)
			n++;
	return n;
}

static const struct ui_tree_node *
tree_cur(struct utree *t)
{
	return t->nvis ? &t->nodes[t->vis[t->sel]] : NULL;
}

/* J/K: move nd past its neighbour in the order shown (report order).  A
 * branch and a 党总支 never trade places: report order puts the branches
 * first, so the tree cannot be made to differ from the export.  Moves
 * over the stored siblings of the other kind in between. */
static int
tree_shift(struct ui *ui, struct utree *t, const struct ui_tree_node *nd, int delta,
    char **cause)
{
	uint64_t parent = nd->parent >= 0 ? t->nodes[nd->parent].id : 0;
	uint64_t *ids = NULL, *shown = NULL;
	size_t n = 0, i, p = 0, sp = 0, sq = 0, q;
	struct org *a = NULL, *b = NULL;
	int rc;

	rc = store_org_children(ui->app->st, parent, &ids, &n);
	if (rc != 0)
		goto cleanup;
	shown = malloc((n ? n : 1) * sizeof *shown);
	a = malloc(sizeof *a);
	b = malloc(sizeof *b);
	if (shown == NULL || a == NULL || b == NULL) {
		rc = STORE_EIO;
		goto cleanup;
	}
	memcpy(shown, ids, n * sizeof *ids);
	if (parent != 0 && (rc = ui_tree_report_order(ui->app->st, shown, n)) != 0)
		goto cleanup;
	for (i = 0; i < n; i++)
		if (shown[i] == nd->id)
			p = i;
	if ((delta < 0 && p == 0) || (delta > 0 && p + 1 >= n)) {
		cause_set(cause, delta < 0 ? "已在最前" : "已在最后");
		rc = STORE_EINVAL;
		goto cleanup;
	}
	q = delta < 0 ? p - 1 : p + 1;
	if ((rc = store_org_get_head(ui->app->st, shown[p], a)) != 0 ||
	    (rc = store_org_get_head(ui->app->st, shown[q], b)) != 0)
		goto cleanup;
	if (parent != 0 && org_is_branch(a->category) != org_is_branch(b->category)) {
		cause_set(cause, "上报顺序是先本级党支部、后党总支及其党支部, 不能交换");
		rc = STORE_EINVAL;
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		if (ids[i] == shown[p])
			sp = i;
		if (ids[i] == shown[q])
			sq = i;
	}
	for (i = 0; i < (sp > sq ? sp - sq : sq - sp) && rc == 0; i++)
		rc = store_org_shift(ui->app->st, nd->id, delta, cause);
cleanup:
	free(ids);
	free(shown);
	free(a);
	free(b);
	return rc;
}

static void
tree_key(struct ui *ui, struct uscreen *s, int k)
{
	struct utree *t = s->st;
	const struct ui_tree_node *nd = tree_cur(t);
	int a = screen_key_action(s->def, k, 0);
	char *cause = NULL, note[REC_NOTE_MAX];
	struct org o;           /* head loads only (version, name) */
	int rc, reason;

	if (ui_navigate(a, &t->sel, t->nvis)) {
		t->dirty = 1;
		if (t->nvis)
			t->sel_id = t->nodes[t->vis[t->sel]].id;
		return;
	}
	if (nd != NULL && nd->removed != RM_NONE && (a == ACT_OPEN || a == ACT_EDIT_ORG ||
	    a == ACT_NEW || a == ACT_REMOVE || a == ACT_MOVE_UP || a == ACT_MOVE_DOWN ||
	    a == ACT_EXPORT || a == ACT_PRINT || a == ACT_PASS || a == ACT_PASS_BRANCH ||
	    a == ACT_RETURN || a == ACT_SIGN)) {
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
		rc = store_org_get_head(ui->app->st, nd->id, &o);
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
			ui_open(ui, "members", &(struct uopen){ .org = nd->id });
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
			ui_open(ui, "org", &(struct uopen){ .id = nd->id });
		return;
	case ACT_HISTORY:
		if (nd != NULL)
			ui_open(ui, "history", &(struct uopen){ .rec = REC_KIND_ORG,
			    .id = nd->id });
		return;
	case ACT_NEW: {
		uint64_t parent = 0;

		if (t->err != NULL) {
			ui_status(ui, 1, "组织树没有读出, 不能新建; 按 R 重新读取");
			return;
		}
		if (nd != NULL)
			parent = nd->branch ? (nd->parent >= 0 ? t->nodes[nd->parent].id : 0) : nd->id;
		ui_open(ui, "org", &(struct uopen){ .org = parent });
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
		reason = ui_ask_removal(ui, 1, nd->name, note, sizeof note);
		if (reason <= 0)
			return;
		rc = store_org_get_head(ui->app->st, nd->id, &o);
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
		rc = tree_shift(ui, t, nd, a == ACT_MOVE_UP ? -1 : 1, &cause);
		if (rc != 0)
			ui_status(ui, 1, "无法移动: %s", cause ? cause : store_strerror(rc));
		else
			ui_status(ui, 0, "已移动 %s", nd->name);
		ui->gen++;
		free(cause);
		ui->full = 1;
		return;
	case ACT_SEARCH:
		ui_open(ui, "search", NULL);
		return;
	case ACT_HELP:
		ui_open(ui, "help", &(struct uopen){ .of = s->def });
		return;
	case ACT_STATS:
		ui_open(ui, "stats", &(struct uopen){ .org = nd ? nd->id : 0 });
		return;
	case ACT_CHECK:
		ui_open(ui, "check", &(struct uopen){ .org = nd ? nd->id : 0 });
		return;
	case ACT_EXPORT: {
		const struct ui_tree_node *top = nd;

		if (nd == NULL)
			return;
		if (nd->branch) {
			ui_open(ui, "export", &(struct uopen){ .id = nd->id, .name = nd->name });
		} else {
			while (top->parent >= 0)
				top = &t->nodes[top->parent];
			ui_open(ui, "export", &(struct uopen){ .org = top->id, .name = top->name });
		}
		ui->full = 1;
		return;
	}
	case ACT_PRINT:
		if (nd != NULL)
			ui_open(ui, "print", &(struct uopen){ .org = nd->id, .name = nd->name });
		return;
	case ACT_VERIFY:
		if (nd == NULL || !nd->branch) {
			ui_status(ui, 1, "双录核对在党支部上进行: 请把光标移到党支部");
			return;
		}
		ui_open(ui, "verify", &(struct uopen){ .org = nd->id, .name = nd->name });
		t->loaded = 0;
		return;
	case ACT_OPSTATS:
		ui_open(ui, "opstats", NULL);
		return;
	case ACT_PASS:
		if (nd != NULL)
			ui_review_pass(ui, REC_KIND_ORG, nd->id, 0, nd->name);
		return;
	case ACT_RETURN:
		if (nd != NULL)
			ui_review_return(ui, REC_KIND_ORG, nd->id, nd->name);
		return;
	case ACT_SIGN:
		if (nd != NULL)
			ui_review_sign(ui, nd->id);
		return;
	case ACT_PASS_BRANCH:
		if (nd == NULL || !nd->branch) {
			ui_status(ui, 1, "批量核对在党支部上进行: 请把光标移到党支部");
			return;
		}
		ui_review_batch(ui, nd->id, nd->name);
		return;
	case ACT_PROGRESS: {
		const struct ui_tree_node *top = nd;

		if (nd == NULL)
			return;
		while (top->parent >= 0)
			top = &t->nodes[top->parent];
		ui_open(ui, "progress", &(struct uopen){ .org = top->id });
		return;
	}
	case ACT_IMPORT:
		ui_open(ui, "import", &(struct uopen){
		    .name = nd != NULL && nd->branch ? nd->name : NULL });
		t->loaded = 0;
		ui->full = 1;
		return;
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
	free(t->err);
	free(t);
	s->st = NULL;
}

static void *
tree_open(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	(void)ui;
	(void)def;
	(void)a;
	return calloc(1, sizeof(struct utree));
}

const struct ukind_ops ui_tree_ops = {
	.open = tree_open,
	.draw = tree_draw,
	.update = tree_update,
	.key = tree_key,
	.free = tree_free,
};
