/*
 * ui_search.c - 查找党员 (ui_search.h): a one-line query (libform, the
 * core's editing shims) and the members found, with their branches.  An
 * ID number is looked up in its index, a name in the name index, pinyin
 * initials (wjh for 王建华) in the initials index, a part of an ID number or
 * phone by scanning every branch.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <form.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initials.h"
#include "store.h"
#include "ui.h"
#include "ui_search.h"
#include "validate.h"

#define SEARCH_MAX 500
#define SEARCH_W 40

/* One member found. */
struct srow {
	uint64_t id, branch;
	char name[REC_NAME_MAX];
	char idcard[REC_SHORT_MAX];
	char phone[REC_SHORT_MAX];
	int state, removed;
};

struct usearch {
	FORM *form;
	FIELD *fld[2];
	WINDOW *sub;
	char q[128];
	struct srow *rows;
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

static void
srow_from(struct srow *r, const struct member *m)
{
	r->id = m->meta.id;
	r->branch = m->branch;
	snprintf(r->name, sizeof r->name, "%s", m->name);
	snprintf(r->idcard, sizeof r->idcard, "%s", m->idcard);
	snprintf(r->phone, sizeof r->phone, "%s", m->phone);
	r->state = m->meta.state;
	r->removed = m->meta.removed;
}

static int
scan_one(const struct member *m, void *ud)
{
	struct scan *sc = ud;

	if (sc->se->n >= SEARCH_MAX)
		return 1;
	if (strstr(m->idcard, sc->q) != NULL || strstr(m->phone, sc->q) != NULL ||
	    strstr(m->name, sc->q) != NULL)
		srow_from(&sc->se->rows[sc->se->n++], m);
	return 0;
}

/* Scan the members of every branch under parent; returns 0 or a STORE_E*
 * code (the results are then a part). */
static int
scan_level(struct ui *ui, uint64_t parent, struct scan *sc)
{
	uint64_t *ids = NULL;
	size_t n = 0, i;
	struct org o;
	int rc;

	rc = store_org_children(ui->app->st, parent, &ids, &n);
	for (i = 0; rc == 0 && i < n && sc->se->n < SEARCH_MAX; i++) {
		rc = store_org_get(ui->app->st, ids[i], &o, NULL);
		if (rc != 0)
			break;
		if (org_is_branch(o.category))
			rc = store_member_each(ui->app->st, o.meta.id, scan_one, sc);
		else
			rc = scan_level(ui, o.meta.id, sc);
		if (rc > 0)
			rc = 0;                 /* scan_one: the results are full */
	}
	free(ids);
	return rc;
}

/* Find se->q; the results whole, or none and the error. */
static void
search_run(struct ui *ui, struct usearch *se)
{
	uint64_t *ids = NULL, id;
	size_t n = 0, i;
	struct member m;
	const char *q = se->q;
	struct scan sc;
	int rc = 0;

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
			srow_from(&se->rows[se->n++], &m);
		else {
			sc.q = q;
			sc.se = se;
			rc = scan_level(ui, 0, &sc);
		}
	} else if ((initials_query(q) &&
	    (rc = store_member_search_initials(ui->app->st, q, &ids, &n)) == 0 && n > 0) ||
	    (rc = store_member_search_name(ui->app->st, q, &ids, &n)) == 0) {
		/* pinyin initials (wjh: 王建华) through their index; when none
		 * match, the letters as part of a name */
		for (i = 0; i < n && se->n < SEARCH_MAX; i++) {
			rc = store_member_get(ui->app->st, ids[i], &m, NULL);
			if (rc != 0)
				break;
			srow_from(&se->rows[se->n++], &m);
		}
		free(ids);
	}
	if (rc != 0) {
		se->n = 0;
		ui_status(ui, 1, "查找未完成: %s", store_strerror(rc));
		return;
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
	int rows = ui_list_rows() - 1, y, x;
	size_t i;

	ui_scroll_to(se->sel, &se->top, rows);
	for (y = 0; y < rows; y++) {
		move(UI_LIST_TOP + 1 + y, 0);
		clrtoeol();
		i = se->top + (size_t)y;
		if (i >= se->n)
			continue;
		if (se->bname == NULL)
			continue;
		if (se->in_results && i == se->sel)
			attron(A_REVERSE);
		x = ui_put(UI_LIST_TOP + 1 + y, 0, se->rows[i].name, 14);
		for (; x < 16; x++)
			mvaddch(UI_LIST_TOP + 1 + y, x, ' ');
		ui_put(UI_LIST_TOP + 1 + y, 16, se->rows[i].idcard, 19);
		ui_put(UI_LIST_TOP + 1 + y, 36, se->rows[i].phone, 12);
		ui_put(UI_LIST_TOP + 1 + y, 49, ui_state_label(se->rows[i].state, se->rows[i].removed), 8);
		ui_put(UI_LIST_TOP + 1 + y, 58, se->bname[i], COLS - 59);
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
		move(UI_LIST_TOP + 1 + (int)(se->sel - se->top), 0);
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
			const struct srow *r = &se->rows[se->sel];

			ui_open(ui, "member", &(struct uopen){ .org = r->branch, .id = r->id });
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
		ui_open(ui, "help", &(struct uopen){ .of = s->def });
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

static void *
search_open(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	(void)ui;
	(void)def;
	(void)a;
	return calloc(1, sizeof(struct usearch));
}

const struct ukind_ops ui_search_ops = {
	.open = search_open,
	.draw = search_draw,
	.update = search_update,
	.key = search_key,
	.detach = search_detach,
	.free = search_free,
};
