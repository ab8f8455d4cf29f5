/*
 * ui_search.c - 查找党员 (ui_search.h): a one-line query (libform, the
 * core's editing shims) and the members found, with their branches.  An
 * ID number is looked up in its index, a name in the name index, pinyin
 * initials (wjh for 王建华) in the initials index, a part of an ID number or
 * phone in the store's search table: every match is counted (the ids are
 * kept), and only the rows on screen are read.
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
	uint64_t *ids;                    /* every member found */
	size_t n;
	struct srow *rows;                /* the rows on screen: page_top ... */
	char (*bname)[REC_TEXT_MAX];      /* ... and their branches */
	size_t page_top, page_n, page_cap;
	size_t sel, top;
	int in_results;
	int dirty;
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

/* Find se->q: every match's id (the true count), or none and the error. */
static void
search_run(struct ui *ui, struct usearch *se)
{
	uint64_t id;
	const char *q = se->q;
	int rc = 0;

	free(se->ids);
	se->ids = NULL;
	se->n = 0;
	se->page_n = 0;
	se->sel = se->top = 0;
	if (*q == '\0')
		return;
	if (strlen(q) == 18 && strspn(q, "0123456789Xx") == 18 &&
	    store_member_by_idcard(ui->app->st, q, &id) == 0) {
		if ((se->ids = malloc(sizeof *se->ids)) == NULL)
			rc = STORE_EIO;
		else {
			se->ids[0] = id;
			se->n = 1;
		}
	} else if (strspn(q, "0123456789Xx-") == strlen(q))
		rc = store_member_search_text(ui->app->st, q, &se->ids, &se->n);
	else if (initials_query(q) &&
	    (rc = store_member_search_initials(ui->app->st, q, &se->ids, &se->n)) == 0 &&
	    se->n > 0)
		;       /* pinyin initials (wjh: 王建华) through their index */
	else {
		/* when no initials match, the letters as part of a name */
		free(se->ids);
		se->ids = NULL;
		se->n = 0;
		rc = store_member_search_name(ui->app->st, q, &se->ids, &se->n);
	}
	if (rc != 0) {
		se->n = 0;
		ui_status(ui, 1, "查找未完成: %s", store_strerror(rc));
		return;
	}
	ui_status(ui, 0, "找到 %zu 条%s", se->n, se->n ? ", ↓ 选择, Enter 打开" : "");
}

/* Read the rows top .. top + rows - 1 of the results (and their branch
 * names) unless they are the ones held. */
static void
search_page(struct ui *ui, struct usearch *se, size_t rows)
{
	struct member *m;
	struct org *o;
	uint64_t branch = 0;
	size_t i;

	if (se->page_n > 0 && se->page_top == se->top)
		return;
	if (rows > se->page_cap) {
		struct srow *r = realloc(se->rows, rows * sizeof *r);
		char (*b)[REC_TEXT_MAX];

		if (r == NULL)
			return;
		se->rows = r;
		b = realloc(se->bname, rows * sizeof *b);
		if (b == NULL)
			return;
		se->bname = b;
		se->page_cap = rows;
	}
	m = malloc(sizeof *m);
	o = malloc(sizeof *o);
	se->page_top = se->top;
	se->page_n = 0;
	for (i = 0; m != NULL && o != NULL && i < rows && se->top + i < se->n; i++) {
		struct srow *r = &se->rows[i];

		memset(r, 0, sizeof *r);
		if (store_member_get(ui->app->st, se->ids[se->top + i], m, NULL) == 0)
			srow_from(r, m);
		if (r->branch != branch || i == 0) {
			branch = r->branch;
			o->name[0] = '\0';
			if (branch != 0)
				store_org_get_head(ui->app->st, branch, o);
		}
		rec_strcpy(se->bname[i], sizeof se->bname[i], o->name);
		se->page_n++;
	}
	free(m);
	free(o);
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
	se->page_n = 0;             /* the rows again: a member may have changed */
	se->dirty = 1;
}

static void
search_rows(struct ui *ui, struct usearch *se)
{
	int rows = ui_list_rows() - 1, y, x;
	size_t i;

	if (rows < 1)
		rows = 1;
	ui_scroll_to(se->sel, &se->top, rows);
	search_page(ui, se, (size_t)rows);
	for (y = 0; y < rows; y++) {
		const struct srow *r;

		move(UI_LIST_TOP + 1 + y, 0);
		clrtoeol();
		i = se->top + (size_t)y;
		if (i >= se->n || (size_t)y >= se->page_n)
			continue;
		r = &se->rows[y];
		if (se->in_results && i == se->sel)
			attron(A_REVERSE);
		x = ui_put(UI_LIST_TOP + 1 + y, 0, r->name, 14);
		for (; x < 16; x++)
			mvaddch(UI_LIST_TOP + 1 + y, x, ' ');
		ui_put(UI_LIST_TOP + 1 + y, 16, r->idcard, 19);
		ui_put(UI_LIST_TOP + 1 + y, 36, r->phone, 12);
		ui_put(UI_LIST_TOP + 1 + y, 49, ui_state_label(r->state, r->removed), 8);
		ui_put(UI_LIST_TOP + 1 + y, 58, se->bname[y], COLS - 59);
		if (se->in_results && i == se->sel)
			attroff(A_REVERSE);
	}
}

static void
search_update(struct ui *ui, struct uscreen *s)
{
	struct usearch *se = s->st;

	if (se->dirty)
		search_rows(ui, se);
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
			const struct srow *r;

			if (se->sel < se->page_top || se->sel - se->page_top >= se->page_n)
				return;
			r = &se->rows[se->sel - se->page_top];
			if (r->id != 0)
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
	case ACT_BACKSPACE:
		se->in_results = 0;
		ui_edit_key(se->form, SEARCH_W, FT_TEXT, ACT_BACKSPACE, 0);
		return;
	case ACT_CLEAR:
		se->in_results = 0;
		ui_edit_key(se->form, SEARCH_W, FT_TEXT, ACT_CLEAR, 0);
		return;
	default:
		if (ui_act_common(ui, s, a))
			return;
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

	free(se->ids);
	free(se->rows);
	free(se->bname);
	free(se);
	s->st = NULL;
}

static void *
search_open(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	(void)def;
	(void)a;
	/* the search table is mapped in on a thread of its own while the
	 * clerk types the query, so the first search does not wait for
	 * thousands of page faults (store_search_warm; once a session, and
	 * not at start, where it would slow the tree's first screen) */
	(void)store_search_warm(ui->app->st);     /* only ever a speed-up */
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
