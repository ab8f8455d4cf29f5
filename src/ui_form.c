/*
 * ui_form.c - the form screens (ui_form.h), the generic form engine:
 * libform fields built from the declarative definitions (screen.h), with
 * the core's libformw 6.4 shims for Chinese text (ui_edit_*, platform-
 * findings.md section 1): own End, a width guard before every character,
 * own character filter, O_BLANK off, REQ_VALIDATION before reading a
 * buffer, trailing padding trimmed, static one-line fields only,
 * left-justified.  Long texts are edited by ui_line.c.
 *
 * The record being edited lives in memory (struct member / struct org);
 * the libform buffers are only the editing surface.  Nothing holds a write
 * transaction while the clerk types: a save is one store call with the
 * version read, and a conflict is shown field by field.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <assert.h>
#include <curses.h>
#include <form.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <wctype.h>

#include "merge.h"
#include "recover.h"
#include "review.h"
#include "schema.h"
#include "store.h"
#include "ui.h"
#include "ui_dialog.h"
#include "ui_form.h"
#include "ui_line.h"
#include "ui_review.h"
#include "utf8.h"
#include "validate.h"
#include "verify.h"

#define FCOL        24      /* column of the entry fields */
#define MARKCOL     22      /* error / warning mark */
#define TEXT_MAX    (REC_NOTE_MAX)
#define KEEP_EVERY  4       /* keystrokes between recovery writes */
#define UNIT_HEAD_ROW 6
#define DATE_WIDTH  14      /* columns of a date field */
#define DATE_TYPED_MAX 24   /* bytes a date may be typed in (2024年12月31日: 17 + 1) */

struct fslot {
	const struct field_def *def;
	int unit;                       /* unit index, -1 for main fields */
	FIELD *f;
	int width;
	char shown[TEXT_MAX];           /* text put into the buffer (long text: the value) */
};

struct uform {
	const struct screen_def *sd;
	const struct form_def *d;
	int rec;                        /* REC_KIND_MEMBER / REC_KIND_ORG */
	struct member m, m0;            /* working copy, as read (the merge base) */
	char merged[256];               /* fields merged in from another clerk's save */
	/* operator statistics (issue 14.14): this record's keying since it was
	 * opened or last saved */
	struct timespec op_t0;
	int op_started;
	uint64_t op_keys, op_corrected, op_errors;
	unsigned char op_left[64];      /* main field i was left with a value */
	uint64_t verify_id;             /* double keying: the member keyed again blind */
	int verify_done;
	struct org o, o0;
	struct org branch;              /* member: its branch */
	int page;                       /* unit page shown */
	FORM *form;
	WINDOW *sub;
	FIELD **fields;                 /* one per field of a page, NULL-ended */
	struct fslot *slot;             /* as many: d->nfields + d->nunit_fields */
	int nslot;
	unsigned char *sig, *sig_now;    /* the layout at attach, and now (LAYOUT_SIG bytes) */
	const struct field_def *cur_def;
	int cur_unit;
	int drawn_cur;                  /* slot whose label is drawn bold */
	int labels_dirty;               /* marks changed: draw every label again */
	char pend[TEXT_MAX];            /* text typed into the current field, not yet */
	int have_pend;                  /* left, kept over a detach (resize, F1) */
	int pend_unit;
	const struct field_def *pend_def;
	int held;                       /* pend taken before a resize erased the field */
	int fresh;                      /* a coded field just entered: typing replaces */
	int typed;                      /* keys since the last recovery write */
	const struct field_def *skip[SCH_REL_TARGETS_MAX]; /* targets a relation */
	int nskip;                      /* just filled: the next Tab passes them */
	int dflt_visited;               /* went back to a default (skip_default) */
	/* error / warning marks (enum severity), sized from the definition:
	 * one per main field, and a row of one per unit field for each unit
	 * page (mark_units rows, grown by mark_of as pages are added) */
	signed char *mark_main;
	signed char *mark_unit;
	size_t mark_units;
	signed char mark_spare;         /* mark_of's answer when out of memory */
	struct uline ed;                /* the current long-text field (ui_line.c) */
	int ed_slot;                    /* its slot, -1 = the current field is libform's */
	int ed_col;                     /* cursor column in it, as last drawn */
	const struct cl_entry *cand[9];
	size_t ncand;                   /* candidates shown (picked by digit) */
	/* the record rules as last run on the record (validate.h), the marks'
	 * source; required-but-empty fields are marked only once all_marks
	 * (after a save, on a stored record), not while a new one is typed */
	struct vreport *rep;
	int all_marks;
	char dup_msg[1024];             /* the ID number is another member's, "" = not */
	int hint_shown;                 /* the status shows the current field's problem */
	int locked;                     /* 复核通过 (review.h): read-only until 解锁 */
	size_t nmatch;                  /* entries matching what was typed */
};

static void cur_text(struct uform *uf, char *buf, size_t size);
static void refresh_marks(struct ui *ui, struct uform *uf);
static void show_field_problem(struct ui *ui, struct uform *uf);
static void check_duplicate_idcard(struct ui *ui, struct uform *uf, const char *idcard);
static const char *field_problem(struct uform *uf, const struct field_def *d, int unit, int *sev);
static void reread_review(struct ui *ui, struct uform *uf);

/* ---- record access ---- */

/* The record (or unit page) of m or o holding field d; NULL for a unit
 * page the organisation does not have (it reads as empty, and takes
 * nothing).  m and o are the form's own records or others read or written
 * in their place (a copy, the other clerk's in a conflict, the last one
 * saved): never lent to the form, whose org owns its unit array (record.h). */
static void *
field_at(const struct field_def *d, int unit, const struct member *m,
    const struct org *o)
{
	if (d->rec == REC_KIND_UNIT) {
		size_t u = unit < 0 ? 0 : (size_t)unit;

		return u < o->n_units ? (void *)&o->units[u] : NULL;
	}
	if (d->rec == REC_KIND_ORG)
		return (void *)o;
	return (void *)m;
}

static void *
rec_ptr(struct uform *uf)
{
	return uf->rec == REC_KIND_ORG ? (void *)&uf->o : (void *)&uf->m;
}

/* Field d (of unit page unit) of m or o as text, into buf. */
static void
value_of(struct uform *uf, const struct member *m, const struct org *o,
    const struct field_def *d, int unit, char *buf, size_t size)
{
	const char *base = field_at(d, unit, m, o);

	if (d->readonly) {
		rec_strcpy(buf, size, uf->branch.name);
		return;
	}
	if (base == NULL) {
		buf[0] = '\0';
		return;
	}
	if (d->type == FT_INT) {
		int32_t v;

		memcpy(&v, base + d->off, sizeof v);
		if (v >= 0)
			snprintf(buf, size, "%d", (int)v);
		else
			buf[0] = '\0';
		return;
	}
	rec_strcpy(buf, size, base + d->off);
}

static void
get_value(struct uform *uf, const struct field_def *d, int unit, char *buf, size_t size)
{
	value_of(uf, &uf->m, &uf->o, d, unit, buf, size);
}

/* Set field d (of unit page unit) of m or o from text v. */
static void
put_value(struct member *m, struct org *o, const struct field_def *d, int unit,
    const char *v)
{
	char *base = field_at(d, unit, m, o);

	if (d->readonly || base == NULL)
		return;
	if (d->type == FT_INT) {
		int32_t n = (*v == '\0') ? -1 : (int32_t)strtol(v, NULL, 10);

		memcpy(base + d->off, &n, sizeof n);
		return;
	}
	rec_strcpy(base + d->off, d->size, v);
}

static void
set_value(struct uform *uf, const struct field_def *d, int unit, const char *v)
{
	put_value(&uf->m, &uf->o, d, unit, v);
}

/* A new record starts with the definition's default values. */
static void
apply_defaults(struct uform *uf)
{
	size_t i;

	uf->dflt_visited = 0;
	for (i = 0; i < uf->d->nfields; i++)
		if (uf->d->fields[i].dflt != NULL)
			set_value(uf, &uf->d->fields[i], -1, uf->d->fields[i].dflt);
}

static signed char *
mark_of(struct uform *uf, const struct field_def *d, int unit)
{
	if (d->rec == REC_KIND_UNIT) {
		size_t i = (size_t)(d - uf->d->unit_fields), u = unit < 0 ? 0 : (size_t)unit;

		assert(i < uf->d->nunit_fields);
		if (u >= uf->mark_units) {
			/* a row per unit page, zeroed, grown as pages come */
			size_t n = u + 8, w = uf->d->nunit_fields;
			signed char *p = realloc(uf->mark_unit, n * w);

			if (p == NULL) {
				uf->mark_spare = 0;
				return &uf->mark_spare;
			}
			memset(p + uf->mark_units * w, 0, (n - uf->mark_units) * w);
			uf->mark_unit = p;
			uf->mark_units = n;
		}
		return &uf->mark_unit[u * uf->d->nunit_fields + i];
	}
	assert((size_t)(d - uf->d->fields) < uf->d->nfields);
	return &uf->mark_main[d - uf->d->fields];
}

static int
has_units(struct uform *uf)
{
	return uf->d->has_units != NULL && uf->d->has_units(&uf->o);
}

static int
field_shown(struct uform *uf, const struct field_def *d)
{
	if (d->rec == REC_KIND_UNIT)
		return has_units(uf);
	return d->shown == NULL || d->shown(rec_ptr(uf));
}

#define LAYOUT_SIG(d) ((d)->nfields + 1 + sizeof(int) + sizeof(size_t))

/* What decides the layout, into sig (LAYOUT_SIG bytes): which fields are
 * shown, whether unit pages are, the unit page shown and the unit count. */
static void
layout_sig(struct uform *uf, unsigned char *sig)
{
	size_t i, n = uf->d->nfields;

	for (i = 0; i < n; i++)
		sig[i] = (unsigned char)field_shown(uf, &uf->d->fields[i]);
	sig[n] = (unsigned char)has_units(uf);
	memcpy(sig + n + 1, &uf->page, sizeof uf->page);
	memcpy(sig + n + 1 + sizeof uf->page, &uf->o.n_units, sizeof uf->o.n_units);
}

/* The set definition of field d (确认方式), NULL when it holds one value. */
static const struct set_def *
set_of(const struct uform *uf, const struct field_def *d)
{
	size_t i;

	for (i = 0; i < uf->d->nsets; i++)
		if (strcmp(uf->d->sets[i].key, d->key) == 0)
			return &uf->d->sets[i];
	return NULL;
}

/* Width of a field: from the definition, or the list's widest name. */
static int
field_width(const struct field_def *d)
{
	const struct codelist *l;
	size_t i;
	int w = 0, x;

	if (d->type == FT_DATE && d->width < DATE_WIDTH)
		return DATE_WIDTH;      /* room for 2024年12月31日 */
	if (d->width > 0)
		return d->width;
	l = codelist_get(d->list);
	if (l != NULL)
		for (i = 0; i < l->n; i++) {
			x = ui_width(l->e[i].name);
			if (x > w)
				w = x;
		}
	w += 2;
	if (w < 8)
		w = 8;
	if (w > 54)
		w = 54;
	return w + (w & 1);
}

/* Text shown for a value in a field of cols columns (never wider). */
static void
display_text(const char *v, int cols, char *out, size_t size)
{
	uint32_t cp;
	size_t n, o = 0;
	int used = 0, cw;

	while (*v != '\0' && o + 8 < size) {
		n = utf8_decode((const unsigned char *)v, strlen(v), &cp);
		if (n == 0)
			break;
		cw = wcwidth((wchar_t)cp);
		if (cw < 0)
			cw = 1;
		if (used + cw > cols)
			break;
		memcpy(out + o, v, n);
		o += n;
		v += n;
		used += cw;
	}
	out[o] = '\0';
}

/* ---- attach / detach: libform fields from the definitions ---- */

static int
slot_of(struct uform *uf, const struct field_def *d, int unit)
{
	int i;

	for (i = 0; i < uf->nslot; i++)
		if (uf->slot[i].def == d && (d->rec != REC_KIND_UNIT || uf->slot[i].unit == unit))
			return i;
	return -1;
}

static int
cur_slot(struct uform *uf)
{
	FIELD *f;
	int i;

	if (uf->form == NULL)
		return -1;
	f = current_field(uf->form);
	for (i = 0; i < uf->nslot; i++)
		if (uf->slot[i].f == f)
			return i;
	return -1;
}

/* Bytes a value of field d may take (without the NUL). */
static size_t
value_max(const struct field_def *d)
{
	return d->size > 0 ? d->size - 1 : TEXT_MAX - 1;
}

/* Put the view of l (cols columns) into field f; returns the cursor column. */
static int
line_show(FIELD *f, struct uline *l, int cols)
{
	wchar_t w[ULINE_MAX + 4];
	char out[4 * (ULINE_MAX + 4)];
	int col = uline_view(l, cols, w, sizeof w / sizeof w[0]);

	if (wcstombs(out, w, sizeof out) == (size_t)-1)
		out[0] = '\0';
	set_field_buffer(f, 0, out);
	return col;
}

/* Draw the editor of the current long-text field again. */
static void
ed_show(struct uform *uf)
{
	if (uf->ed_slot >= 0 && uf->ed_slot < uf->nslot)
		uf->ed_col = line_show(uf->slot[uf->ed_slot].f, &uf->ed,
		    uf->slot[uf->ed_slot].width);
}

/* Put the value of slot i into its buffer: a long text whole into its
 * editor (current field) or its start with › (others). */
static void
slot_show(struct uform *uf, int i)
{
	struct fslot *s = &uf->slot[i];
	char v[TEXT_MAX], now[TEXT_MAX];
	struct uline *tmp;

	get_value(uf, s->def, s->unit, v, sizeof v);
	if (s->def->long_text) {
		if (i == uf->ed_slot) {
			uline_get(&uf->ed, now, sizeof now);
			if (strcmp(now, v) == 0 || uline_set(&uf->ed, v, value_max(s->def)) == 0) {
				snprintf(s->shown, sizeof s->shown, "%s", v);
				ed_show(uf);
				return;
			}
			uf->ed_slot = -1;       /* not UTF-8: libform shows its start */
		} else if ((tmp = malloc(sizeof *tmp)) != NULL) {
			int ok = uline_set(tmp, v, value_max(s->def)) == 0;

			if (ok) {
				uline_edit(tmp, ACT_HOME);
				line_show(s->f, tmp, s->width);
				snprintf(s->shown, sizeof s->shown, "%s", v);
			}
			free(tmp);
			if (ok)
				return;
		}
	}
	display_text(v, s->width, s->shown, sizeof s->shown);
	set_field_buffer(s->f, 0, s->shown);
}

/* Keep the current field's text when it differs from the stored value. */
static void
keep_typed(struct uform *uf)
{
	int i = cur_slot(uf);

	uf->have_pend = 0;
	if (i < 0)
		return;
	cur_text(uf, uf->pend, sizeof uf->pend);
	uf->have_pend = strcmp(uf->pend, uf->slot[i].shown) != 0;
	uf->pend_def = uf->slot[i].def;
	uf->pend_unit = uf->slot[i].unit;
}

static void
form_hold(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;

	(void)ui;
	if (uf->form == NULL || uf->held)
		return;
	keep_typed(uf);
	uf->held = 1;
}

static void
detach(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;
	int i;

	(void)ui;
	if (uf->form == NULL)
		return;
	i = cur_slot(uf);
	if (i >= 0) {
		uf->cur_def = uf->slot[i].def;
		uf->cur_unit = uf->slot[i].unit;
	}
	if (!uf->held)
		keep_typed(uf);
	uf->held = 0;
	unpost_form(uf->form);
	free_form(uf->form);
	uf->form = NULL;
	for (i = 0; i < uf->nslot; i++)
		free_field(uf->slot[i].f);
	uf->nslot = 0;
	uf->ed_slot = -1;
	if (uf->sub != NULL)
		delwin(uf->sub);
	uf->sub = NULL;
}

static void draw_labels(struct ui *ui, struct uform *uf);

/* The cursor after the text of slot i (the current field). */
static void
slot_end(struct uform *uf, int i)
{
	if (i == uf->ed_slot) {
		uline_edit(&uf->ed, ACT_END);
		ed_show(uf);
	} else
		ui_edit_key(uf->form, uf->slot[i].width, uf->slot[i].def->type, ACT_END, 0);
}

/* Move to slot i, the cursor after its text. */
static void
go_slot(struct uform *uf, int i)
{
	struct fslot *s;

	if (i < 0 || i >= uf->nslot)
		return;
	s = &uf->slot[i];
	if (uf->ed_slot >= 0 && uf->ed_slot != i) {
		/* the long text left shows its start again */
		int was = uf->ed_slot;

		uf->ed_slot = -1;
		slot_show(uf, was);
	}
	set_current_field(uf->form, s->f);
	uf->cur_def = s->def;
	uf->cur_unit = s->unit;
	if (s->def->long_text && uf->ed_slot != i) {
		char v[TEXT_MAX];

		get_value(uf, s->def, s->unit, v, sizeof v);
		if (uline_set(&uf->ed, v, value_max(s->def)) == 0) {
			uf->ed_slot = i;
			slot_show(uf, i);
		}
	}
	slot_end(uf, i);
	uf->fresh = (s->def->type == FT_CODED);
	uf->ncand = 0;
}

static int
attach(struct ui *ui, struct uform *uf)
{
	const struct form_def *d = uf->d;
	size_t i;
	int n = 0, cur = 0, k;
	struct uline *kept;

	(void)ui;
	if (uf->form != NULL)
		return 0;
	if (has_units(uf)) {
		if (uf->page >= (int)uf->o.n_units)
			uf->page = uf->o.n_units ? (int)uf->o.n_units - 1 : 0;
	}
	for (i = 0; i < d->nfields + d->nunit_fields; i++) {
		/* tab order: main fields, with the unit page after units_after */
		size_t after = d->nunit_fields ? d->units_after : d->nfields;
		const struct field_def *fd = i < after ? &d->fields[i] :
		    i < after + d->nunit_fields ? &d->unit_fields[i - after] :
		    &d->fields[i - d->nunit_fields];
		struct fslot *s;

		if (fd->readonly || !field_shown(uf, fd))
			continue;
		if (fd->rec == REC_KIND_UNIT && uf->o.n_units == 0)
			continue;
		s = &uf->slot[n];
		s->def = fd;
		s->unit = fd->rec == REC_KIND_UNIT ? uf->page : -1;
		s->width = set_of(uf, fd) != NULL ? set_of(uf, fd)->width : field_width(fd);
		s->f = new_field(1, s->width, fd->row, FCOL, 0, 0);
		if (s->f == NULL)
			break;
		field_opts_off(s->f, O_AUTOSKIP | O_BLANK);
		set_field_just(s->f, NO_JUSTIFICATION);
		ui_field_look(s->f);
		uf->fields[n] = s->f;
		n++;
	}
	uf->fields[n] = NULL;
	uf->nslot = n;
	for (k = 0; k < n; k++)
		slot_show(uf, k);
	uf->form = new_form(uf->fields);
	if (uf->form == NULL)
		return -1;
	uf->sub = derwin(stdscr, 21, 80, 1, 0);
	set_form_win(uf->form, stdscr);
	set_form_sub(uf->form, uf->sub);
	if (post_form(uf->form) != E_OK)
		return -1;
	layout_sig(uf, uf->sig);
	if (uf->cur_def != NULL) {
		cur = slot_of(uf, uf->cur_def, uf->page);
		if (cur < 0)
			cur = 0;
	}
	kept = uf->have_pend ? malloc(sizeof *kept) : NULL;
	if (kept != NULL)
		*kept = uf->ed;         /* the long text typed, with its cursor */
	go_slot(uf, cur);
	if (uf->have_pend && cur < n && uf->slot[cur].def == uf->pend_def &&
	    uf->slot[cur].unit == uf->pend_unit) {
		/* typed but not yet left: back into its field, unchecked */
		if (cur == uf->ed_slot) {
			char was[TEXT_MAX];

			if (kept != NULL)
				uline_get(kept, was, sizeof was);
			if (kept != NULL && strcmp(was, uf->pend) == 0)
				uf->ed = *kept;
			else
				uline_set(&uf->ed, uf->pend, value_max(uf->slot[cur].def));
			ed_show(uf);
		} else {
			set_field_buffer(uf->slot[cur].f, 0, uf->pend);
			slot_end(uf, cur);
		}
		uf->fresh = 0;
	}
	free(kept);
	uf->have_pend = 0;
	uf->drawn_cur = -1;
	return 0;
}

/* Re-create the fields when what is shown changed. */
static void
relayout(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;

	if (uf->form != NULL) {
		layout_sig(uf, uf->sig_now);
		if (memcmp(uf->sig_now, uf->sig, LAYOUT_SIG(uf->d)) == 0)
			return;
	}
	detach(ui, sc);
	ui->full = 1;
}

/* ---- values in and out ---- */

/* The current field's text (synced, trimmed). */
static void
cur_text(struct uform *uf, char *buf, size_t size)
{
	if (uf->form == NULL) {
		buf[0] = '\0';
		return;
	}
	if (uf->ed_slot >= 0 && uf->ed_slot == cur_slot(uf)) {
		uline_get(&uf->ed, buf, size);
		return;
	}
	ui_edit_text(uf->form, buf, size);
}

/* Slot i shows only the start of a stored text that is longer than its
 * field and nothing is typed yet: editing the start would store the cut
 * text, so editing keys are refused (Ctrl-U, ditto and picking replace the
 * whole value and stay allowed). */
static int
slot_cut(struct uform *uf, int i)
{
	struct fslot *s = &uf->slot[i];
	char v[TEXT_MAX], text[TEXT_MAX];

	if (s->def->type == FT_CODED || s->def->type == FT_INT)
		return 0;
	get_value(uf, s->def, s->unit, v, sizeof v);
	if (strcmp(v, s->shown) == 0)
		return 0;
	cur_text(uf, text, sizeof text);
	return strcmp(text, s->shown) == 0;
}

static int
refuse_cut(struct ui *ui, struct uform *uf, int i)
{
	if (!slot_cut(uf, i))
		return 0;
	ui_status(ui, 1, "%s: 内容比输入框长, 只显示了开头, 不能在此修改 (Ctrl-U 清空后可重新输入)",
	    uf->slot[i].def->label);
	beep();
	return 1;
}

/* The record with the text being typed applied (for keeping and comparing)
 * into *m, or *o (an org_init'ed org the caller frees) for an organisation
 * form.  -1 when out of memory (*o then has no units). */
static int
overlay_current(struct uform *uf, struct member *m, struct org *o)
{
	char text[TEXT_MAX];
	int i = cur_slot(uf);
	const struct field_def *d;
	int unit;

	*m = uf->m;
	if (org_copy(o, &uf->o) != 0)
		return -1;
	if (uf->form == NULL || uf->held) {
		/* detached (help, resize) or erased: what was kept at that moment */
		if (!uf->have_pend)
			return 0;
		rec_strcpy(text, sizeof text, uf->pend);
		d = uf->pend_def;
		unit = uf->pend_unit;
	} else {
		if (i < 0)
			return 0;
		cur_text(uf, text, sizeof text);
		if (strcmp(text, uf->slot[i].shown) == 0)
			return 0;
		d = uf->slot[i].def;
		unit = uf->slot[i].unit;
	}
	put_value(m, o, d, unit, text);
	return 0;
}

/* Same values (field by field, not bytes)? */
static int
same_fields(const struct form_def *d, int rec, const void *a, const void *b)
{
	size_t i, u;
	const struct org *oa = a, *ob = b;

	for (i = 0; i < d->nfields; i++) {
		const struct field_def *f = &d->fields[i];

		if (f->readonly || f->size == 0)
			continue;
		if (f->type == FT_INT) {
			if (memcmp((const char *)a + f->off, (const char *)b + f->off, sizeof(int32_t)) != 0)
				return 0;
		} else if (strcmp((const char *)a + f->off, (const char *)b + f->off) != 0)
			return 0;
	}
	if (rec != REC_KIND_ORG)
		return 1;
	if (oa->n_units != ob->n_units)
		return 0;
	for (u = 0; u < oa->n_units; u++)
		for (i = 0; i < d->nunit_fields; i++) {
			const struct field_def *f = &d->unit_fields[i];

			if (strcmp((const char *)&oa->units[u] + f->off,
			    (const char *)&ob->units[u] + f->off) != 0)
				return 0;
		}
	return 1;
}

static int
ui_form_changed(struct uscreen *sc)
{
	struct uform *uf = sc->st;
	struct member m;
	struct org o;
	int changed;

	org_init(&o);
	if (overlay_current(uf, &m, &o) != 0)
		changed = 1;            /* no memory to compare: keep it */
	else if (uf->rec == REC_KIND_ORG)
		changed = !same_fields(uf->d, uf->rec, &o, &uf->o0);
	else
		changed = !same_fields(uf->d, uf->rec, &m, &uf->m0);
	org_free(&o);
	return changed;
}

static void
ui_form_keep(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;
	struct member m;
	struct org o;

	uf->typed = 0;
	if (!ui_form_changed(sc)) {
		recover_discard(ui->recover_path);
		return;
	}
	org_init(&o);
	if (overlay_current(uf, &m, &o) != 0 || recover_save(ui->recover_path, uf->d,
	    uf->rec == REC_KIND_ORG ? (const void *)&o : (const void *)&m) != 0)
		ui_status(ui, 1, "无法写入恢复文件 %s", ui->recover_path);
	org_free(&o);
}

static void
ui_form_discard(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;

	uf->m = uf->m0;
	if (org_copy(&uf->o, &uf->o0) != 0)
		ui_status(ui, 1, "内存不足");
	uf->have_pend = 0;
	recover_discard(ui->recover_path);
}

/* Candidates for what is typed in a coded field (pinyin initials). */
static void
update_candidates(struct ui *ui, struct uform *uf, const struct fslot *s)
{
	char text[TEXT_MAX], line[UI_STATUS_MAX];
	const struct codelist *l = codelist_get(s->def->list);
	size_t n, i, o;

	uf->ncand = 0;
	cur_text(uf, text, sizeof text);
	if (l == NULL || text[0] == '\0')
		return;
	n = codelist_match(l, text, uf->cand, 9);
	uf->ncand = n > 9 ? 9 : n;
	uf->nmatch = n;
	if (n == 0) {
		ui_status(ui, 1, "%s: 没有这个选项, 按 F4 或空格打开列表 (已输入 %s)", s->def->label,
		    text);
		return;
	}
	o = (size_t)snprintf(line, sizeof line, "%s", n == 1 ? "Enter 确认: " : "按数字选择: ");
	/* only what the status line shows can be picked by its digit */
	for (i = 0; i < uf->ncand && o < sizeof line - 64; i++) {
		size_t was = o;

		o += (size_t)snprintf(line + o, sizeof line - o, "%zu %s  ", i + 1,
		    uf->cand[i]->name);
		if (i > 0 && ui_width(line) > COLS - 1 - (n > i + 1 ? 16 : 0)) {
			line[was] = '\0';
			o = was;
			break;
		}
	}
	uf->ncand = i;
	if (n > i)
		snprintf(line + o, sizeof line - o, "…共 %zu 项, F4 全部", n);
	ui_status(ui, 0, "%s", line);
}

/* A value changed: units to the minimum, buffers refreshed, layout, recovery file. */
static void
after_change(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;
	int i, min;

	if (uf->rec == REC_KIND_ORG && has_units(uf)) {
		min = uf->d->min_units ? uf->d->min_units(&uf->o) : 0;
		while ((int)uf->o.n_units < min && org_unit_add(&uf->o) != NULL)
			;
	}
	/* auto-filled and normalised values */
	if (uf->form != NULL)
		for (i = 0; i < uf->nslot; i++)
			slot_show(uf, i);
	relayout(ui, sc);
	ui_form_keep(ui, sc);
}

/* A 15-digit ID number: offer its 18-digit form (never applied silently).
 * Returns 1 when the clerk takes it. */
static int
offer_idcard18(struct ui *ui, const struct verdict *v)
{
	static const int keys[] = { 'y', 'n', UK_ESC };
	char text[256];

	snprintf(text, sizeof text, "这是15位旧身份证号。\n改为对应的18位号码 %s ?", v->alt);
	return ui_ask(ui, "15位身份证号", text, "Y改为18位  N不改", keys, 3) == 'y';
}

/* A declared relation (schema.h): the valid value of its source (the ID
 * number) gives its targets' values (性别, 出生日期).  An empty target is
 * filled; a target holding that value is passed over by the next Tab; a
 * different one (typed before) is flagged and left as it is. */
static void
apply_relation(struct ui *ui, struct uform *uf, const struct sch_relation *rel,
    const struct verdict *v)
{
	char what[256] = "", done[256] = "";
	size_t i, l;

	for (i = 0; i < rel->ntargets; i++)
		if (*((const char *)v + rel->t[i].verdict_off) == '\0' ||
		    form_field(uf->d, sch_member[rel->t[i].to].key) == NULL)
			return;         /* not a value that determines them */
	for (i = 0; i < rel->ntargets; i++) {
		const struct field_def *d = form_field(uf->d, sch_member[rel->t[i].to].key);
		const char *want = (const char *)v + rel->t[i].verdict_off;
		char *cur = (char *)&uf->m + d->off;

		if (*cur == '\0')
			rec_strcpy(cur, d->size, want);
		if (strcmp(cur, want) == 0) {
			uf->skip[uf->nskip++] = d;
			l = strlen(done);
			snprintf(done + l, sizeof done - l, "%s%s %s", l ? ", " : "",
			    d->label, cur);
		} else {
			*mark_of(uf, d, -1) = SEV_ERROR;
			l = strlen(what);
			snprintf(what + l, sizeof what - l, " %s应为 %s", d->label, want);
		}
	}
	if (what[0] != '\0')
		/* typed before the source and different: say so, change nothing */
		ui_status(ui, 1, "%s, 但与已填的不一致:%s", rel->ok, what);
	else
		ui_status(ui, 0, "%s: 已填 %s", rel->ok, done);
}

/* Operator statistics: a field changed after the clerk had left it with
 * a value is a correction; an error on leaving counts. */
static void
op_left(struct uform *uf, const struct fslot *s, const char *text, int sev)
{
	size_t i = (size_t)(s->def - uf->d->fields);

	if (s->unit < 0 && i < uf->d->nfields && i < sizeof uf->op_left) {
		if (uf->op_left[i])
			uf->op_corrected++;
		if (text[0] != '\0')
			uf->op_left[i] = 1;
	}
	if (sev == SEV_ERROR)
		uf->op_errors++;
}

/* After a save: add this record's keying to the login's row of the day. */
static void
op_saved(struct ui *ui, struct uform *uf, int was_new, int errors)
{
	struct store_opstat o;
	struct timespec t1;
	time_t now = time(NULL);
	struct tm tm;

	memset(&o, 0, sizeof o);
	rec_strcpy(o.user, sizeof o.user, ui->app->user ? ui->app->user : "");
	if (ui->app->today != NULL)
		rec_strcpy(o.day, sizeof o.day, ui->app->today);
	else if (localtime_r(&now, &tm) != NULL)
		strftime(o.day, sizeof o.day, "%Y-%m-%d", &tm);
	o.created = was_new != 0;
	o.changed = was_new == 0;
	o.keys = uf->op_keys;
	if (uf->op_started && clock_gettime(CLOCK_MONOTONIC, &t1) == 0)
		o.ms = (uint64_t)((t1.tv_sec - uf->op_t0.tv_sec) * 1000 +
		    (t1.tv_nsec - uf->op_t0.tv_nsec) / 1000000);
	o.corrected = uf->op_corrected;
	o.errors = uf->op_errors + (uint64_t)(errors > 0 ? errors : 0);
	(void)store_opstat_add(ui->app->st, &o, NULL);  /* statistics never block a save */
	uf->op_started = 0;
	uf->op_keys = uf->op_corrected = uf->op_errors = 0;
	memset(uf->op_left, 0, sizeof uf->op_left);
}

/* Leave the current field: check it (never blocks), store the value. */
static int
leave_field(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;
	char text[TEXT_MAX], old[TEXT_MAX];
	struct verdict v;
	const struct sch_relation *rel;
	struct fslot *s;
	int i = cur_slot(uf);
	signed char *mk;
	size_t nmarks = uf->d->nfields;       /* the main fields' marks */
	signed char *before;

	uf->nskip = 0;
	if (i < 0)
		return 0;
	s = &uf->slot[i];
	cur_text(uf, text, sizeof text);
	get_value(uf, s->def, s->unit, old, sizeof old);
	mk = mark_of(uf, s->def, s->unit);
	uf->ncand = 0;
	if (strcmp(text, s->shown) == 0 && (s->def->type == FT_CODED || strcmp(text, old) != 0 ||
	    text[0] == '\0'))
		return 0;               /* untouched (long coded names stay whole) */
	before = malloc(nmarks);
	if (before == NULL)
		return 0;
	memset(&v, 0, sizeof v);
	if (set_of(uf, s->def) != NULL) {
		const struct set_def *sd = set_of(uf, s->def);
		unsigned set = 0;
		char bad[64];

		if (text[0] == '\0')
			v.sev = SEV_OK;
		else if (sd->parse(text, &set, bad, sizeof bad) != 0 ||
		    sd->format(set, v.norm, sizeof v.norm) != 0) {
			v.sev = SEV_ERROR;
			snprintf(v.msg, sizeof v.msg, "%s: 没有“%s”这一项; 按 F4 或空格勾选",
			    s->def->label, bad);
		} else
			v.sev = SEV_OK;
	} else if (s->def->type == FT_CODED) {
		if (text[0] == '\0')
			v.sev = SEV_OK;
		else
			validate_coded(s->def->list, s->def->label, text, &v);
	} else if (s->def->type == FT_INT) {
		v.sev = SEV_OK;
		rec_strcpy(v.norm, sizeof v.norm, text);
	} else
		validate_field(s->def->vkind, s->def->label, text, &v);
	if (v.alt[0] != '\0' && offer_idcard18(ui, &v)) {
		rec_strcpy(text, sizeof text, v.alt);
		validate_field(s->def->vkind, s->def->label, text, &v);
	}
	if (v.sev < SEV_ERROR && v.norm[0] != '\0')
		set_value(uf, s->def, s->unit, v.norm);
	else
		set_value(uf, s->def, s->unit, text);
	*mk = (signed char)v.sev;
	memcpy(before, uf->mark_main, nmarks);
	if (s->def->vkind == VK_IDCARD && uf->rec == REC_KIND_MEMBER)
		check_duplicate_idcard(ui, uf, v.sev < SEV_ERROR ? v.norm : "");
	uf->hint_shown = 0;
	op_left(uf, s, text, v.sev);
	if (v.sev != SEV_OK)
		ui_status(ui, v.sev == SEV_ERROR, "%s", v.msg);
	else
		ui_status(ui, 0, "%s", "");
	if (v.sev == SEV_OK && uf->rec == REC_KIND_MEMBER &&
	    (rel = sch_relation_from(s->def->key)) != NULL)
		apply_relation(ui, uf, rel, &v);
	/* the record rules this field takes part in (入党 before 18, 转正
	 * before 入党, 失联 without a date ...): marks follow the data */
	refresh_marks(ui, uf);
	if (v.sev == SEV_OK && (ui->status[0] == '\0' || uf->dup_msg[0] != '\0')) {
		const char *msg = NULL;
		int sev = SEV_OK;
		size_t k;

		if (uf->dup_msg[0] != '\0' && s->def->vkind == VK_IDCARD) {
			msg = uf->dup_msg;
			sev = SEV_ERROR;
		} else
			msg = field_problem(uf, s->def, s->unit, &sev);
		for (k = 0; msg == NULL && k < uf->d->nfields; k++)
			if (uf->mark_main[k] > before[k])
				msg = field_problem(uf, &uf->d->fields[k], -1, &sev);
		if (msg != NULL)
			ui_status(ui, sev == SEV_ERROR, "%s", msg);
	}
	free(before);
	uf->labels_dirty = 1;
	after_change(ui, sc);
	return ui->status[0] != '\0';
}

/* A new member's field that a relation fills (性别, 出生日期 from the ID
 * number) is passed by Tab while it is empty and its source is not typed
 * yet: the source will fill it (CSPro skip).  Visited once the source is
 * typed and did not fill it, and always with Shift-Tab. */
static int
skip_until_source(struct uform *uf, const struct field_def *d)
{
	size_t r, k;
	char v[TEXT_MAX];

	if (uf->rec != REC_KIND_MEMBER || uf->m.meta.id != 0)
		return 0;
	for (r = 0; r < SCH_MEMBER_NRELATIONS; r++) {
		const struct sch_relation *rel = &sch_member_relations[r];
		const struct field_def *src = form_field(uf->d, sch_member[rel->from].key);

		for (k = 0; k < rel->ntargets; k++) {
			if (form_field(uf->d, sch_member[rel->t[k].to].key) != d)
				continue;
			get_value(uf, d, -1, v, sizeof v);
			if (v[0] != '\0' || src == NULL)
				return 0;
			get_value(uf, src, -1, v, sizeof v);
			return v[0] == '\0';
		}
	}
	return 0;
}

/* A new record's field still holding its default (党籍状态 正常,
 * 是否为失联党员 否, 是否为流动党员 否) is passed by Tab: kept without a
 * key.  Shift-Tab visits it to change it, and from then on Tab visits
 * them all in this record (on from 失联 to 流动); a saved record's are
 * visited. */
static int
skip_default(struct uform *uf, const struct field_def *d)
{
	char v[TEXT_MAX];

	if (d->dflt == NULL || d->rec == REC_KIND_UNIT || uf->dflt_visited ||
	    (uf->rec == REC_KIND_MEMBER ? uf->m.meta.id : uf->o.meta.id) != 0 ||
	    *mark_of(uf, d, -1) != SEV_OK)
		return 0;
	get_value(uf, d, -1, v, sizeof v);
	return strcmp(v, d->dflt) == 0;
}

/* Next (dir 1) or previous (-1) shown field, wrapping. */
static void
step_field(struct ui *ui, struct uscreen *sc, int dir)
{
	struct uform *uf = sc->st;
	const struct field_def *from = uf->cur_def;
	int from_unit = uf->cur_unit, i, skip, said;

	said = leave_field(ui, sc);
	skip = uf->nskip;
	if (dir > 0 && from != NULL && from->rec == REC_KIND_UNIT &&
	    from == &uf->d->unit_fields[uf->d->nunit_fields - 1] &&
	    from_unit + 1 < (int)uf->o.n_units && has_units(uf)) {
		/* Tab from a unit's last field: the next unit's 单位名称 */
		detach(ui, sc);
		ui->full = 1;
		uf->page = from_unit + 1;
		uf->cur_def = &uf->d->unit_fields[0];
		uf->cur_unit = uf->page;
		attach(ui, uf);
		if (!said)
			show_field_problem(ui, uf);
		return;
	}
	if (uf->form == NULL) {
		attach(ui, uf);
		ui->full = 1;
	}
	i = slot_of(uf, from, from_unit);
	if (i < 0)
		i = 0;
	i = (i + dir + uf->nslot) % uf->nslot;
	while (skip-- > 0)
		if (uf->skip[skip] == uf->slot[i].def) {
			i = (i + dir + uf->nslot) % uf->nslot;
			break;
		}
	for (skip = 0; dir > 0 && skip < uf->nslot && (skip_until_source(uf, uf->slot[i].def) ||
	    skip_default(uf, uf->slot[i].def)); skip++)
		i = (i + 1) % uf->nslot;
	if (dir < 0 && uf->slot[i].def->dflt != NULL)
		uf->dflt_visited = 1;
	go_slot(uf, i);
	if (!said)
		show_field_problem(ui, uf);
}

/* ---- drawing ---- */

static void
draw_label(struct uform *uf, const struct field_def *d, int unit, int bold)
{
	char buf[96];
	signed char mk = *mark_of(uf, d, unit);

	if (d->item > 0)
		snprintf(buf, sizeof buf, "%2d %s", d->item, d->label);
	else
		snprintf(buf, sizeof buf, "   %s", d->label);
	if (bold)
		attron(A_BOLD);
	move(1 + d->row, 0);
	ui_put(1 + d->row, 0, buf, MARKCOL - 1);
	if (bold)
		attroff(A_BOLD);
	mvaddstr(1 + d->row, MARKCOL, mk == SEV_ERROR ? "!" : mk == SEV_WARNING ? "?" : " ");
}

/* The comment of an open return about field d, beside its entry field
 * (as much as fits; the status line shows it whole in the field, F3 in
 * the list). */
static void
draw_return(struct uform *uf, const struct field_def *d)
{
	const struct rec_return *r = review_return_of(rec_ptr(uf), d->key);
	int x = FCOL + (set_of(uf, d) != NULL ? set_of(uf, d)->width : field_width(d)) + 1;
	char buf[REC_TEXT_MAX + 16];

	if (r == NULL || d->rec == REC_KIND_UNIT || x > COLS - 10)
		return;
	snprintf(buf, sizeof buf, "退回: %s", r->comment);
	move(1 + d->row, x);
	clrtoeol();
	attron(A_BOLD);
	ui_put(1 + d->row, x + 1, buf, COLS - x - 2);
	attroff(A_BOLD);
}

static void
draw_labels(struct ui *ui, struct uform *uf)
{
	size_t i;
	char buf[160];

	(void)ui;
	for (i = 0; i < uf->d->nfields; i++) {
		const struct field_def *d = &uf->d->fields[i];

		if (!field_shown(uf, d)) {
			/* keeps its place, shown as not applicable; no libform
			 * field, so Tab passes it (the schema's applies column) */
			if (d->shown != NULL && d->rec != REC_KIND_UNIT) {
				draw_label(uf, d, -1, 0);
				move(1 + d->row, FCOL);
				clrtoeol();
				attron(A_DIM);
				ui_put(1 + d->row, FCOL, "(不适用)", COLS - FCOL - 1);
				attroff(A_DIM);
			}
			continue;
		}
		draw_label(uf, d, -1, 0);
		if (d->readonly) {
			get_value(uf, d, -1, buf, sizeof buf);
			ui_put(1 + d->row, FCOL, buf, COLS - FCOL - 1);
		} else
			draw_return(uf, d);
	}
	if (has_units(uf) && uf->o.n_units > 0) {
		/* one unit (法人单位): nothing to page, add or delete */
		if ((uf->d->min_units ? uf->d->min_units(&uf->o) : 0) < 2 && uf->o.n_units == 1)
			snprintf(buf, sizeof buf, "── 党组织所在单位 ──");
		else
			snprintf(buf, sizeof buf,
			    "── 单位附页 %d/%zu ── PgDn/^F 翻页  ^N 增加单位  ^X 删除单位",
			    uf->page + 1, uf->o.n_units);
		ui_put(1 + UNIT_HEAD_ROW, 0, buf, COLS - 1);
		for (i = 0; i < uf->d->nunit_fields; i++)
			draw_label(uf, &uf->d->unit_fields[i], uf->page, 0);
	}
}

/* The record's state for the title: "[完整]" or "[草稿]", then where it
 * is in the checking workflow ("[录入 · 退回]", "[复核通过 · 锁定]"). */
static const char *
state_text(const struct rec_meta *m, char *out, size_t size)
{
	if (m->id == 0)
		return "[新记录]";
	snprintf(out, size, "[%s] [%s%s%s]", m->state == REC_COMPLETE ? "完整" : "草稿",
	    review_state_label(m->review), review_locked(m) ? " · 锁定" : "",
	    m->n_return > 0 ? " · 退回" : "");
	return out;
}

static void
form_draw(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;
	char buf[320], st[96];
	const struct rec_meta *meta = rec_ptr(uf);

	if (uf->form == NULL)
		attach(ui, uf);
	else {
		/* the screen was erased: paint the fields again */
		unpost_form(uf->form);
		post_form(uf->form);
		uf->drawn_cur = -1;
	}
	if (uf->rec == REC_KIND_MEMBER)
		snprintf(buf, sizeof buf, "  %s  %s", uf->branch.name,
		    uf->verify_id ? "[核对录入, F2 比对]" : state_text(meta, st, sizeof st));
	else if (uf->branch.name[0] != '\0')
		snprintf(buf, sizeof buf, "  %s  上级: %s", state_text(meta, st, sizeof st),
		    uf->branch.name);
	else
		snprintf(buf, sizeof buf, "  %s", state_text(meta, st, sizeof st));
	ui_put(0, ui_width(sc->def->title), buf, COLS - 1 - ui_width(sc->def->title));
	draw_labels(ui, uf);
}

/* Every pass: the bold label of the current field, the cursor. */
static void
form_update(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;
	int i;

	(void)ui;
	if (uf->form == NULL)
		return;
	i = cur_slot(uf);
	if (uf->labels_dirty) {
		draw_labels(ui, uf);
		uf->labels_dirty = 0;
		uf->drawn_cur = -1;
	}
	if (i != uf->drawn_cur) {
		if (uf->drawn_cur >= 0 && uf->drawn_cur < uf->nslot)
			draw_label(uf, uf->slot[uf->drawn_cur].def, uf->slot[uf->drawn_cur].unit, 0);
		if (i >= 0)
			draw_label(uf, uf->slot[i].def, uf->slot[i].unit, 1);
		uf->drawn_cur = i;
	}
	pos_form_cursor(uf->form);
	if (i >= 0 && i == uf->ed_slot)
		move(1 + uf->slot[i].def->row, FCOL + uf->ed_col);
}

static int
form_in_text(struct uscreen *sc)
{
	struct uform *uf = sc->st;

	return uf->cur_def == NULL || !(uf->cur_def->type == FT_CODED ||
	    uf->cur_def->type == FT_DATE);
}

/* ---- saving ---- */

/* Empty the values of fields that are not shown. */
static void
clear_hidden(struct uform *uf)
{
	size_t i;

	for (i = 0; i < uf->d->nfields; i++) {
		const struct field_def *d = &uf->d->fields[i];

		if (!d->readonly && d->size > 0 && !field_shown(uf, d))
			set_value(uf, d, -1, "");
	}
	if (uf->rec == REC_KIND_ORG && !has_units(uf))
		uf->o.n_units = 0;
}

/* Mark the fields named by the report; returns the first error's field.
 * Until all_marks, an empty required field is not marked (a new record is
 * typed in order; the problems panel lists them). */
static const struct field_def *
mark_report(struct uform *uf, const struct vreport *r)
{
	const struct field_def *first = NULL, *d;
	size_t i;

	memset(uf->mark_main, 0, uf->d->nfields);
	if (uf->mark_unit != NULL)
		memset(uf->mark_unit, 0, uf->mark_units * uf->d->nunit_fields);
	for (i = 0; i < r->n; i++) {
		const struct vissue *is = &r->it[i];
		int unit = is->unit >= 0 ? is->unit : uf->page;

		if (is->field == NULL || is->field[0] == '\0' ||
		    (is->sev == SEV_WARNING && is->confirmed))
			continue;
		if (!uf->all_marks && is->rule != NULL && strcmp(is->rule, "required") == 0)
			continue;
		d = form_field(uf->d, is->field);
		if (d == NULL)
			continue;
		if (*mark_of(uf, d, unit) < is->sev)
			*mark_of(uf, d, unit) = (signed char)is->sev;
		if (is->sev == SEV_ERROR && first == NULL && !d->readonly)
			first = d;
	}
	if (uf->dup_msg[0] != '\0' && (d = form_field(uf->d, "idcard")) != NULL)
		*mark_of(uf, d, -1) = SEV_ERROR;
	return first;
}

static void
run_rules(struct uform *uf, const char *today, struct vreport *r)
{
	if (uf->rec == REC_KIND_ORG)
		validate_org(&uf->o, today, r);
	else
		validate_member(&uf->m, uf->branch.meta.id ? &uf->branch : NULL, today, r);
}

/* Run the record rules on what is typed so far and mark the fields. */
static void
refresh_marks(struct ui *ui, struct uform *uf)
{
	if (uf->rep == NULL)
		return;
	run_rules(uf, ui->app->today, uf->rep);
	mark_report(uf, uf->rep);
	uf->labels_dirty = 1;
}

/* The first open problem of field d (unit page unit) in the last report:
 * its message and severity; NULL when none (or the mark is not shown). */
static const char *
field_problem(struct uform *uf, const struct field_def *d, int unit, int *sev)
{
	size_t i;

	if (*mark_of(uf, d, unit) == SEV_OK)
		return NULL;
	if (uf->dup_msg[0] != '\0' && strcmp(d->key, "idcard") == 0) {
		*sev = SEV_ERROR;
		return uf->dup_msg;
	}
	for (i = 0; uf->rep != NULL && i < uf->rep->n; i++) {
		const struct vissue *is = &uf->rep->it[i];

		if (is->field == NULL || strcmp(is->field, d->key) != 0 ||
		    (is->sev == SEV_WARNING && is->confirmed) ||
		    (d->rec == REC_KIND_UNIT && is->unit != unit))
			continue;
		if (!uf->all_marks && is->rule != NULL && strcmp(is->rule, "required") == 0)
			continue;
		*sev = is->sev;
		return is->msg;
	}
	return NULL;
}

/* Moved onto the current field: show its problem, or clear the one shown
 * for the field before. */
static void
show_field_problem(struct ui *ui, struct uform *uf)
{
	const char *msg;
	int sev = SEV_OK;

	if (uf->cur_def == NULL)
		return;
	msg = field_problem(uf, uf->cur_def, uf->cur_unit, &sev);
	if (msg != NULL) {
		ui_status(ui, sev == SEV_ERROR, "%s", msg);
		uf->hint_shown = 1;
	} else if (uf->cur_def->rec != REC_KIND_UNIT &&
	    review_return_of(rec_ptr(uf), uf->cur_def->key) != NULL) {
		const struct rec_return *r = review_return_of(rec_ptr(uf), uf->cur_def->key);

		ui_status(ui, 1, "退回意见(%s): %s", r->by, r->comment);
		uf->hint_shown = 1;
	} else if (uf->hint_shown) {
		ui_status(ui, 0, "%s", "");
		uf->hint_shown = 0;
	}
}

/* The ID number just left belongs to another member: uf->dup_msg says whose. */
static void
check_duplicate_idcard(struct ui *ui, struct uform *uf, const char *idcard)
{
	uint64_t id = 0;
	struct member *other;
	struct org *br;
	char *cause = NULL;

	uf->dup_msg[0] = '\0';
	/* double keying re-keys the member blind: its own number is no duplicate */
	if (uf->rec != REC_KIND_MEMBER || idcard[0] == '\0' ||
	    store_member_by_idcard(ui->app->st, idcard, &id) != 0 || id == 0 ||
	    id == uf->m.meta.id || id == uf->verify_id)
		return;
	other = malloc(sizeof *other);
	br = malloc(sizeof *br);
	if (other != NULL && br != NULL &&
	    store_member_get(ui->app->st, id, other, &cause) == 0) {
		if (store_org_get_head(ui->app->st, other->branch, br) != 0)
			br->name[0] = '\0';
		snprintf(uf->dup_msg, sizeof uf->dup_msg, "公民身份证号 %s 已在 %s 登记（%s%s）",
		    idcard, br->name, other->name,
		    other->meta.removed != RM_NONE ? ", 已移除, 可恢复" : "");
	}
	free(cause);
	free(other);
	free(br);
}

/* Append lead and v to out, wrapped at CONFLICT_COLS columns: a value is
 * never cut (issue 14.10); continuation lines are indented. */
#define CONFLICT_COLS 66
static size_t
wrap_value(char *out, size_t size, size_t o, const char *lead, const char *v)
{
	size_t n, used, lw = utf8_width(lead);

	o += (size_t)snprintf(out + o, size - o, "%s", lead);
	if (*v == '\0')
		v = "(空)";
	while (*v != '\0' && o < size - 1) {
		n = utf8_cut_cols(v, CONFLICT_COLS - lw, &used);
		if (n == 0)
			n = 1;
		o += (size_t)snprintf(out + o, size - o, "%.*s\n", (int)n, v);
		v += n;
		if (*v != '\0' && o < size - 1)
			o += (size_t)snprintf(out + o, size - o, "%*s", (int)lw, "");
	}
	return o < size ? o : size - 1;
}

/* The fields both clerks changed, both full values, for the conflict box. */
static void
conflict_text(struct uform *uf, const void *theirs, const struct merge_result *r,
    char *out, size_t size)
{
	size_t i, o = 0;
	char a[TEXT_MAX], b[TEXT_MAX];
	const struct rec_meta *tm = theirs;
	int org = uf->rec == REC_KIND_ORG;

	o += (size_t)snprintf(out + o, size - o,
	    "%s 在您打开之后也修改并保存了这条记录。\n"
	    "只有一方修改的项目已合并(双方的都保留); 以下项目双方都改了:\n",
	    tm->changed_by[0] ? tm->changed_by : "别人");
	if (tm->removed != RM_NONE)
		o += (size_t)snprintf(out + o, size - o,
		    "对方已将这条记录移除(%s%s%s), 保存后仍是已移除。\n",
		    rec_removal_label(tm->removed), tm->removed_note[0] ? ": " : "",
		    tm->removed_note);
	for (i = 0; i < r->n_conflict && i < MERGE_MAX && o < size - 600; i++) {
		const struct field_def *d = form_field(uf->d, r->conflict_key[i]);

		if (d == NULL) {
			o += (size_t)snprintf(out + o, size - o, "%s: 单位附页 您的 %zu 页 | 对方的 %zu 页\n",
			    r->conflict[i], uf->o.n_units, ((const struct org *)theirs)->n_units);
			continue;
		}
		get_value(uf, d, -1, a, sizeof a);
		value_of(uf, org ? &uf->m : theirs, org ? theirs : &uf->o, d, -1,
		    b, sizeof b);
		o += (size_t)snprintf(out + o, size - o, "%s:\n", d->label);
		o = wrap_value(out, size, o, "  您的: ", a);
		o = wrap_value(out, size, o, "  对方: ", b);
	}
}

struct settle_ctx {
	struct uform *uf;
	const char *today;
};

/* The state of a merged record (store_merge.settle): its rules again. */
static void
settle_rec(void *rec, void *ud)
{
	struct settle_ctx *c = ud;
	struct vreport *r = malloc(sizeof *r);

	if (r == NULL)
		return;
	if (c->uf->rec == REC_KIND_ORG)
		validate_org(rec, c->today, r);
	else
		validate_member(rec, c->uf->branch.meta.id ? &c->uf->branch : NULL,
		    c->today, r);
	((struct rec_meta *)rec)->state = vreport_complete(r) ? REC_COMPLETE : REC_DRAFT;
	free(r);
}

/* The stored record a conflicting save returned; its org (org set) owns
 * a unit array. */
union theirs { struct member m; struct org o; };

static void
theirs_free(union theirs *t, int org)
{
	if (t != NULL && org)
		org_free(&t->o);
	free(t);
}

/* Save with the record as read as the merge base: another clerk's changes
 * to other fields are merged in; only a field both changed asks the clerk,
 * and the choice touches that field alone.  0 when saved. */
static int
save_conflict_aware(struct ui *ui, struct uscreen *sc)
{
	static const int keys[] = { 'k', 't', UK_ESC };
	struct uform *uf = sc->st;
	struct settle_ctx ctx = { uf, ui->app->today };
	struct store_merge mg;
	char *cause = NULL, *text = NULL;
	union theirs *theirs;
	int rc, k, org = uf->rec == REC_KIND_ORG;
	size_t i, o;

	/* zeroed: its org (when org) starts without a unit array */
	if ((theirs = calloc(1, sizeof *theirs)) == NULL ||
	    (text = malloc(16384)) == NULL) {
		theirs_free(theirs, org);
		return -1;
	}
	for (;;) {
		memset(&mg, 0, sizeof mg);
		mg.base = org ? (const void *)&uf->o0 : (const void *)&uf->m0;
		mg.settle = settle_rec;
		mg.ud = &ctx;
		mg.theirs = theirs;
		rc = org ? store_org_save_merge(ui->app->st, &uf->o, &mg, &cause) :
		    store_member_save_merge(ui->app->st, &uf->m, &mg, &cause);
		if (rc != STORE_ECONFLICT || mg.r.n_conflict == 0)
			break;
		free(cause);
		cause = NULL;
		conflict_text(uf, theirs, &mg.r, text, 16384);
		k = ui_show(ui, "保存冲突: 同一项目双方都改了", text,
		    "K 这些项目用我的  T 这些项目用对方的  Esc 返回", keys, 3);
		if (k == 'k' || k == 't') {
			if (org)
				merge_org_resolve(&uf->o, &uf->o0, &theirs->o, &mg.r, k == 't');
			else
				merge_member_resolve(&uf->m, &uf->m0, &theirs->m, &mg.r, k == 't');
			continue;
		}
		ui_status(ui, 1, "未保存: 记录已被别人修改, 按 F2 可再次保存");
		free(text);
		theirs_free(theirs, org);
		return -1;
	}
	if (rc != 0) {
		ui_status(ui, 1, "未保存: %s", cause ? cause : store_strerror(rc));
		if (rc == STORE_EDUP && uf->rec == REC_KIND_MEMBER)
			*mark_of(uf, form_field(uf->d, SCH_MEMBER_UNIQUE), -1) = SEV_ERROR;
		free(cause);
		free(text);
		theirs_free(theirs, org);
		ui->full = 1;
		return -1;
	}
	/* what was merged in is news: kept for the status after the save */
	uf->merged[0] = '\0';
	for (i = 0, o = 0; i < mg.r.n_theirs && i < MERGE_MAX && o < sizeof uf->merged - 80; i++)
		o += (size_t)snprintf(uf->merged + o, sizeof uf->merged - o, "%s%s",
		    i ? "、" : "", mg.r.theirs[i]);
	if (((struct rec_meta *)rec_ptr(uf))->removed != RM_NONE && o < sizeof uf->merged - 80)
		snprintf(uf->merged + o, sizeof uf->merged - o, "%s对方已将这条记录移除(%s)",
		    o ? "; " : "", rec_removal_label(((struct rec_meta *)rec_ptr(uf))->removed));
	free(text);
	theirs_free(theirs, org);
	return 0;
}

/* The sample entry of member id in branch (verify.h), for its sampling
 * details; 0 when found. */
struct find_verify {
	uint64_t id;
	struct store_verify v;
	int found;
};

static int
find_verify(const struct store_verify *v, void *ud)
{
	struct find_verify *f = ud;

	if (v->member == f->id) {
		f->v = *v;
		f->found = 1;
		return 1;
	}
	return 0;
}

/* Double keying, F2 on the blind form: compare with the first keying
 * field by field, ask which value is right for each difference (the
 * clerk has the paper form), save the choices taken from the second
 * keying and record the outcome.  Nothing is saved as a new member. */
static int
verify_finish(struct ui *ui, struct uscreen *sc)
{
	static const int keys[] = { '1', '2', UK_ESC };
	struct uform *uf = sc->st;
	struct settle_ctx ctx = { uf, ui->app->today };
	struct member *first = malloc(sizeof *first), *res = malloc(sizeof *res);
	struct verify_diff *d = calloc(VERIFY_DIFF_MAX, sizeof *d);
	struct find_verify fv;
	char *text = malloc(4096), *cause = NULL;
	size_t fields = 0, nd, i, o;
	unsigned kept = 0, took = 0;
	int rc = -1, k;

	if (first == NULL || res == NULL || d == NULL || text == NULL)
		goto out;
	if (uf->verify_done) {
		ui_status(ui, 0, "这条已核对完毕, 按 Esc 返回");
		rc = 0;
		goto out;
	}
	leave_field(ui, sc);
	clear_hidden(uf);
	normalize_member(&uf->m);
	if ((k = store_member_get(ui->app->st, uf->verify_id, first, &cause)) != 0) {
		ui_status(ui, 1, "无法读取第一次录入: %s", cause ? cause : store_strerror(k));
		goto out;
	}
	*res = *first;
	nd = verify_compare(first, &uf->m, &fields, d, VERIFY_DIFF_MAX);
	for (i = 0; i < nd && i < VERIFY_DIFF_MAX; i++) {
		o = (size_t)snprintf(text, 4096, "%s (第 %zu/%zu 处不同), 请对照采集表选择:\n",
		    d[i].label, i + 1, nd);
		o = wrap_value(text, 4096, o, "1 第一次录入: ", d[i].first);
		o = wrap_value(text, 4096, o, "2 核对录入:   ", d[i].second);
		k = ui_ask(ui, "双录核对: 两次录入不同", text,
		    "1 用第一次的  2 用核对的  Esc 以后再核对", keys, 3);
		if (k == UK_ESC) {
			ui_status(ui, 1, "未完成核对: 什么也没有保存, 可再按 F2 比对");
			goto out;
		}
		if (k == '2') {
			verify_take(res, &uf->m, d[i].key);
			took++;
		} else
			kept++;
	}
	if (took > 0) {
		settle_rec(res, &ctx);
		if ((k = store_member_save(ui->app->st, res, &cause)) != 0) {
			ui_status(ui, 1, "未保存核对结果: %s", cause ? cause : store_strerror(k));
			goto out;
		}
		ui->gen++;
	}
	memset(&fv, 0, sizeof fv);
	fv.id = uf->verify_id;
	(void)store_verify_each(ui->app->st, uf->m.branch, find_verify, &fv);
	fv.v.branch = uf->m.branch;
	fv.v.member = uf->verify_id;
	fv.v.done = 1;
	rec_strcpy(fv.v.first_by, sizeof fv.v.first_by, first->meta.created_by);
	rec_strcpy(fv.v.second_by, sizeof fv.v.second_by, ui->app->user ? ui->app->user : "");
	fv.v.done_at = (int64_t)time(NULL);
	fv.v.fields = (uint32_t)fields;
	fv.v.agreed = (uint32_t)(fields - nd);
	fv.v.kept_first = kept;
	fv.v.took_second = took;
	if ((k = store_verify_put(ui->app->st, &fv.v, &cause)) != 0) {
		ui_status(ui, 1, "未记录核对结果: %s", cause ? cause : store_strerror(k));
		goto out;
	}
	uf->verify_done = 1;
	uf->m0 = uf->m;                 /* nothing to save on leaving */
	recover_discard(ui->recover_path);
	ui_status(ui, 0, "核对完成: %zu 项中 %zu 项一致; 用第一次的 %u 项, 用核对的 %u 项。按 Esc 返回",
	    fields, fields - nd, kept, took);
	rc = 0;
out:
	ui->full = 1;
	free(cause);
	free(first);
	free(res);
	free(d);
	free(text);
	return rc;
}

static int
ui_form_save(struct ui *ui, struct uscreen *sc)
{
	static const int keys[] = { 'y', 'n', UK_ESC };
	struct uform *uf = sc->st;
	struct vreport *r;
	struct rec_meta *meta;
	const struct field_def *bad;
	char text[V_MSG_MAX + 128], name[REC_TEXT_MAX];
	size_t i;
	int k, was_new, complete, was_checked;

	if (uf->verify_id != 0)
		return verify_finish(ui, sc);
	leave_field(ui, sc);
	r = malloc(sizeof *r);
	if (r == NULL)
		return -1;
	uf->all_marks = 1;              /* from now on every problem is marked */
	clear_hidden(uf);
	if (uf->rec == REC_KIND_ORG)
		normalize_org(&uf->o);
	else
		normalize_member(&uf->m);
	meta = rec_ptr(uf);
	run_rules(uf, ui->app->today, r);
	/* each unconfirmed warning is confirmed once, and recorded */
	if (r->errors == 0)
		for (i = 0; i < r->n; i++) {
			const struct vissue *is = &r->it[i];
			size_t j;

			if (is->sev != SEV_WARNING || is->confirmed)
				continue;
			for (j = 0; j < meta->n_confirm; j++)
				if (strcmp(meta->confirm[j].rule, is->rule) == 0)
					break;
			if (j < meta->n_confirm)
				continue;
			if (meta->n_confirm >= REC_CONFIRM_MAX) {
				/* never dropped silently: the record stays a draft */
				snprintf(text, sizeof text, "%s\n本记录已记录%d条确认, 达到上限, "
				    "这条提醒无法确认; 记录将保存为草稿", is->msg, REC_CONFIRM_MAX);
				ui_ask(ui, "无法记录确认", text, "N返回", keys + 1, 2);
				continue;
			}
			snprintf(text, sizeof text, "%s\n确认无误请按 Y; 按 N 暂不确认(保存为草稿)", is->msg);
			k = ui_ask(ui, "请确认提醒", text, "Y确认  N暂不确认", keys, 3);
			if (k == 'y')
				(void)rec_confirm_add(meta, is->rule, ui->app->user,
				    (int64_t)time(NULL));
		}
	run_rules(uf, ui->app->today, r);
	complete = vreport_complete(r);
	meta->state = complete ? REC_COMPLETE : REC_DRAFT;
	if (uf->rec == REC_KIND_ORG && strcmp(uf->o.signed_by, uf->o0.signed_by) != 0) {
		/* typed into the form, the 书记签字 is dated the day it is saved
		 * (w on the tree records another date) */
		uf->o.signed_at = uf->o.signed_by[0] ? (int64_t)time(NULL) : 0;
		uf->o.signed_date[0] = '\0';
		if (uf->o.signed_by[0] != '\0' && ui->app->today != NULL)
			rec_strcpy(uf->o.signed_date, sizeof uf->o.signed_date, ui->app->today);
		else if (uf->o.signed_by[0] != '\0') {
			time_t now = time(NULL);
			struct tm tm;

			if (localtime_r(&now, &tm) != NULL)
				strftime(uf->o.signed_date, sizeof uf->o.signed_date, "%Y-%m-%d", &tm);
		}
	}
	was_new = meta->id == 0;
	/* F2 on a record with nothing new: no write, so no new version that
	 * would give a clerk editing it meanwhile a conflict about nothing */
	{
		const struct rec_meta *m0 = uf->rec == REC_KIND_ORG ? &uf->o0.meta : &uf->m0.meta;

		if (!was_new && meta->state == m0->state && meta->n_confirm == m0->n_confirm &&
		    same_fields(uf->d, uf->rec, rec_ptr(uf),
		    uf->rec == REC_KIND_ORG ? (const void *)&uf->o0 : (const void *)&uf->m0)) {
			*uf->rep = *r;
			mark_report(uf, r);
			ui_status(ui, 0, "没有修改, 无需保存 (%s)", complete ? "完整" : "草稿");
			free(r);
			ui->full = 1;
			return 0;
		}
	}
	was_checked = !was_new && meta->review == REV_CHECKED;
	if (save_conflict_aware(ui, sc) != 0) {
		free(r);
		return -1;
	}
	reread_review(ui, uf);
	op_saved(ui, uf, was_new, r->errors);
	ui->gen++;
	*uf->rep = *r;
	bad = mark_report(uf, r);
	snprintf(name, sizeof name, "%s", uf->rec == REC_KIND_ORG ? uf->o.name : uf->m.name);
	if (uf->rec == REC_KIND_ORG) {
		/* out of memory: the next F2 saves again, and Ctrl-D copies
		 * the organisation before (not every unit page) */
		(void)org_copy(&uf->o0, &uf->o);
		(void)org_copy(&ui->last_org, &uf->o);
		ui->have_last_org = 1;
	} else {
		uf->m0 = uf->m;
		ui->last_member = uf->m;
		ui->have_last_member = 1;
	}
	recover_discard(ui->recover_path);
	if (!complete) {
		for (i = 0; i < r->n; i++)
			if (r->it[i].sev == SEV_ERROR || (r->it[i].sev == SEV_WARNING &&
			    !r->it[i].confirmed))
				break;
		/* the first problem before the counts: an 80-column line cuts the end */
		if (i < r->n)
			ui_status(ui, 1, "已保存为草稿: %s (错误 %d, 未确认提醒 %d)",
			    r->it[i].msg, r->errors, r->unconfirmed);
		else
			ui_status(ui, 1, "已保存为草稿 (%d 处错误, %d 处未确认提醒)",
			    r->errors, r->unconfirmed);
	} else if (uf->merged[0] != '\0')
		ui_status(ui, 0, "已保存 %s (完整), 已合并对方的修改: %s", name, uf->merged);
	else
		ui_status(ui, 0, "已保存 %s (完整)", name);
	if (was_checked && ((struct rec_meta *)rec_ptr(uf))->review == REV_ENTRY) {
		char said[UI_STATUS_MAX];

		snprintf(said, sizeof said, "%s", ui->status);
		ui_status(ui, ui->status_err, "%s; 已修改, 回到录入状态, 需重新初核", said);
	}
	free(r);
	if (was_new && complete && uf->rec == REC_KIND_MEMBER) {
		/* heads-down: straight on to the next member of this branch */
		uint64_t branch = uf->m.branch;

		member_init(&uf->m);
		uf->m.branch = branch;
		apply_defaults(uf);
		uf->m0 = uf->m;
		memset(uf->mark_main, 0, uf->d->nfields);
		uf->rep->n = 0;
		uf->all_marks = 0;
		uf->dup_msg[0] = '\0';
		ui_status(ui, 0, "已保存 %s (完整)。请录入下一名党员, Esc 返回名单", name);
		detach(ui, sc);
		uf->have_pend = 0;
		uf->cur_def = NULL;
	} else {
		for (k = 0; k < uf->nslot; k++)
			slot_show(uf, k);
		if (bad != NULL) {
			k = slot_of(uf, bad, uf->page);
			if (k >= 0)
				go_slot(uf, k);
		}
	}
	ui->full = 1;
	return 0;
}

/* ---- keys ---- */

/* F4 or Space in a field holding a set: tick the choices. */
static void
pick_set(struct ui *ui, struct uscreen *sc, int i, const struct set_def *sd)
{
	struct uform *uf = sc->st;
	const char *names[9];
	char v[TEXT_MAX], shown[TEXT_MAX], bad[64];
	unsigned set = 0, k, n = sd->n < 9 ? sd->n : 9;

	for (k = 0; k < n; k++)
		names[k] = sd->name(1u << k);
	/* what is typed, else the stored value, is the start */
	cur_text(uf, v, sizeof v);
	if (sd->parse(v, &set, bad, sizeof bad) != 0) {
		get_value(uf, uf->slot[i].def, uf->slot[i].unit, v, sizeof v);
		if (sd->parse(v, &set, bad, sizeof bad) != 0)
			set = 0;
	}
	if (ui_pick_set(ui, uf->slot[i].def->label, names, n, &set) != 0 ||
	    sd->format(set, v, sizeof v) != 0)
		return;
	display_text(v, uf->slot[i].width, shown, sizeof shown);
	set_field_buffer(uf->slot[i].f, 0, shown);
	set_value(uf, uf->slot[i].def, uf->slot[i].unit, v);
	snprintf(uf->slot[i].shown, sizeof uf->slot[i].shown, "%s", shown);
	*mark_of(uf, uf->slot[i].def, uf->slot[i].unit) = SEV_OK;
	after_change(ui, sc);
	refresh_marks(ui, uf);
	step_field(ui, sc, 1);
}

static void
pick(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;
	const struct codelist *l;
	int i = cur_slot(uf), n;
	size_t k;
	char v[TEXT_MAX], typed[64];

	if (i < 0 || uf->slot[i].def->type != FT_CODED)
		return;
	if (set_of(uf, uf->slot[i].def) != NULL) {
		pick_set(ui, sc, i, set_of(uf, uf->slot[i].def));
		return;
	}
	l = codelist_get(uf->slot[i].def->list);
	if (l == NULL)
		return;
	get_value(uf, uf->slot[i].def, uf->slot[i].unit, v, sizeof v);
	/* what was typed (a code or pinyin not yet taken) filters the list */
	cur_text(uf, typed, sizeof typed);
	for (k = 0; k < l->n && strcmp(l->e[k].name, v) != 0; k++)
		;
	n = ui_pick_filter(ui, uf->slot[i].def->label, l->e, l->n, v,
	    strcmp(typed, uf->slot[i].shown) != 0 || k == l->n ? typed : NULL);
	if (n < 0)
		return;
	set_field_buffer(uf->slot[i].f, 0, "");
	display_text(l->e[n].name, uf->slot[i].width, v, sizeof v);
	set_field_buffer(uf->slot[i].f, 0, v);
	/* a long name cut for display is taken whole */
	set_value(uf, uf->slot[i].def, uf->slot[i].unit, l->e[n].name);
	snprintf(uf->slot[i].shown, sizeof uf->slot[i].shown, "%s", v);
	*mark_of(uf, uf->slot[i].def, uf->slot[i].unit) = SEV_OK;
	after_change(ui, sc);
	step_field(ui, sc, 1);
}

static void
pick_candidate(struct ui *ui, struct uscreen *sc, size_t n)
{
	struct uform *uf = sc->st;
	int i = cur_slot(uf);
	char v[TEXT_MAX];

	if (i < 0 || n >= uf->ncand)
		return;
	display_text(uf->cand[n]->name, uf->slot[i].width, v, sizeof v);
	set_field_buffer(uf->slot[i].f, 0, v);
	set_value(uf, uf->slot[i].def, uf->slot[i].unit, uf->cand[n]->name);
	snprintf(uf->slot[i].shown, sizeof uf->slot[i].shown, "%s", v);
	*mark_of(uf, uf->slot[i].def, uf->slot[i].unit) = SEV_OK;
	ui_status(ui, 0, "%s", "");
	after_change(ui, sc);
	step_field(ui, sc, 1);
}

static void
ditto(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;
	int i = cur_slot(uf);
	char v[TEXT_MAX];
	const struct field_def *d;
	int unit;

	if (i < 0)
		return;
	d = uf->slot[i].def;
	unit = uf->slot[i].unit;
	if (d->rec == REC_KIND_UNIT && unit > 0) {
		/* unit page N: the unit before it, not the last organisation */
		get_value(uf, d, unit - 1, v, sizeof v);
	} else if ((uf->rec == REC_KIND_MEMBER && !ui->have_last_member) ||
	    (uf->rec == REC_KIND_ORG && !ui->have_last_org)) {
		ui_status(ui, 1, "本次还没有保存过记录, 无法复制上一条");
		return;
	} else
		value_of(uf, &ui->last_member, &ui->last_org, d, unit, v, sizeof v);
	set_value(uf, d, unit, v);
	slot_show(uf, i);
	/* the ditto value counts as typed: check it on leaving (unless it is
	 * longer than the field: then the shown start must not replace it) */
	if (strcmp(v, uf->slot[i].shown) == 0 || d->type == FT_CODED)
		snprintf(uf->slot[i].shown, sizeof uf->slot[i].shown, "%s", "\x01");
	slot_end(uf, i);
	uf->fresh = 0;
	uf->ncand = 0;
	/* it stays in the field: a habitual Tab then moves on by one */
	uf->hint_shown = 0;
	ui_status(ui, 0, "已复制%s: %s", d->rec == REC_KIND_UNIT && unit > 0 ? "上一单位" : "上一条",
	    v[0] ? v : "(空)");
	ui_form_keep(ui, sc);
}

/* '+' in an empty 转为正式党员日期: the day one year after
 * 加入党组织日期, when the probation year ends (党龄 counts from it), as
 * if typed: shown, checked on leaving with the record rules, and on to
 * the next field.  A date still to be typed or 2月29日 is refused. */
static void
year_after(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;
	const struct field_def *d, *src;
	char from[TEXT_MAX], v[TEXT_MAX];
	int i = cur_slot(uf), y, m, day, n = 0;

	d = i >= 0 ? uf->slot[i].def : NULL;
	src = form_field(uf->d, "join_date");
	if (d == NULL || src == NULL || strcmp(d->key, "full_date") != 0) {
		ui_status(ui, 1, "+ 只用于转为正式党员日期: 填入加入党组织日期满一年之日");
		return;
	}
	cur_text(uf, v, sizeof v);
	if (v[0] != '\0') {
		ui_status(ui, 1, "转为正式党员日期已有内容: 按 Ctrl-U 清空后再按 +");
		return;
	}
	get_value(uf, src, -1, from, sizeof from);
	if (*mark_of(uf, src, -1) == SEV_ERROR || strlen(from) != 10 ||
	    sscanf(from, "%4d-%2d-%2d%n", &y, &m, &day, &n) != 3 || n != 10) {
		ui_status(ui, 1, "加入党组织日期还没有正确填写, 无法推算转为正式党员日期");
		return;
	}
	if (m == 2 && day == 29) {
		ui_status(ui, 1, "加入党组织日期是2月29日: 请输入转为正式党员日期");
		return;
	}
	snprintf(v, sizeof v, "%04d-%02d-%02d", y + 1, m, day);
	set_value(uf, d, -1, v);
	slot_show(uf, i);
	snprintf(uf->slot[i].shown, sizeof uf->slot[i].shown, "%s", "\x01");
	uf->fresh = 0;
	step_field(ui, sc, 1);
}

static void
unit_page(struct ui *ui, struct uscreen *sc, int action)
{
	static const int keys[] = { 'y', 'n', UK_ESC };
	struct uform *uf = sc->st;
	int min;
	char text[REC_TEXT_MAX + 64];

	if (uf->rec != REC_KIND_ORG || !has_units(uf)) {
		ui_status(ui, 1, "只有 党组织所在单位情况 为法人单位或联合党支部时才有单位附页");
		return;
	}
	leave_field(ui, sc);
	detach(ui, sc);            /* remembers the current field first */
	ui->full = 1;
	min = uf->d->min_units ? uf->d->min_units(&uf->o) : 0;
	switch (action) {
	case ACT_PAGE_NEXT:
		if (uf->o.n_units > 0)
			uf->page = (uf->page + 1) % (int)uf->o.n_units;
		uf->cur_def = &uf->d->unit_fields[0];   /* a page starts at 单位名称 */
		break;
	case ACT_PAGE_PREV:
		if (uf->o.n_units > 0)
			uf->page = (uf->page + (int)uf->o.n_units - 1) % (int)uf->o.n_units;
		uf->cur_def = &uf->d->unit_fields[0];
		break;
	case ACT_UNIT_ADD:
		if (rule_units_max(uf->o.unit_situation) <= 1) {
			ui_status(ui, 1, "法人单位只填一个单位; 联合党支部才能增加单位附页");
			return;
		}
		if (uf->o.n_units >= REC_UNITS_LIMIT) {
			ui_status(ui, 1, "单位附页最多 %d 个", REC_UNITS_LIMIT);
			return;
		}
		if (org_unit_add(&uf->o) == NULL) {
			ui_status(ui, 1, "内存不足, 未增加单位附页");
			return;
		}
		uf->page = (int)uf->o.n_units - 1;
		{
			signed char *row = mark_of(uf, &uf->d->unit_fields[0], uf->page);

			if (row != &uf->mark_spare)
				memset(row, 0, uf->d->nunit_fields);
		}
		uf->cur_def = &uf->d->unit_fields[0];
		ui_status(ui, 0, "已增加单位附页 %d", uf->page + 1);
		break;
	case ACT_UNIT_DEL:
		if ((int)uf->o.n_units <= min) {
			ui_status(ui, 1, "%s至少要有 %d 个单位", uf->o.unit_situation, min);
			return;
		}
		snprintf(text, sizeof text, "删除单位附页 %d (%s)?", uf->page + 1,
		    uf->o.units[uf->page].name);
		if (ui_ask(ui, "删除单位附页", text, "Y删除  N返回", keys, 3) != 'y')
			return;
		if ((size_t)uf->page + 1 < uf->mark_units)
			memmove(uf->mark_unit + (size_t)uf->page * uf->d->nunit_fields,
			    uf->mark_unit + (size_t)(uf->page + 1) * uf->d->nunit_fields,
			    (uf->mark_units - (size_t)uf->page - 1) * uf->d->nunit_fields);
		org_unit_remove(&uf->o, (size_t)uf->page);
		if (uf->page >= (int)uf->o.n_units)
			uf->page = (int)uf->o.n_units - 1;
		ui_status(ui, 0, "已删除单位附页");
		break;
	}
	if (uf->cur_def != NULL && uf->cur_def->rec == REC_KIND_UNIT)
		uf->cur_unit = uf->page;
	ui_form_keep(ui, sc);
}

/* The current field holds letters (pinyin initials), so digits pick. */
static int
cur_is_pinyin(struct uform *uf)
{
	char text[TEXT_MAX];

	cur_text(uf, text, sizeof text);
	return (text[0] | 0x20) >= 'a' && (text[0] | 0x20) <= 'z';
}

/* A fixed-length field is full: move on when its value passes its check;
 * on an error stay in it, marked, with the message (Tab still moves on). */
static void
full_field(struct ui *ui, struct uscreen *sc, const struct field_def *d)
{
	struct uform *uf = sc->st;
	char text[TEXT_MAX];
	struct verdict v;
	int unit = uf->cur_unit;

	cur_text(uf, text, sizeof text);
	memset(&v, 0, sizeof v);
	validate_field(d->vkind, d->label, text, &v);
	if (v.sev != SEV_ERROR) {
		step_field(ui, sc, 1);
		return;
	}
	leave_field(ui, sc);
	if (uf->form == NULL) {
		attach(ui, uf);
		ui->full = 1;
	}
	go_slot(uf, slot_of(uf, d, unit));
}

/* What a field of type t takes, for the message when a key is refused. */
static const char *
refuse_text(int t)
{
	switch (t) {
	case FT_DATE: return "只能输入数字和 - . /, 如 20240301 或 2024-03-01";
	case FT_IDCARD: return "只能输入数字和 X";
	case FT_PHONE: return "只能输入数字、- 和空格";
	case FT_CODE: return "只能输入字母、数字和 -";
	case FT_INT: return "只能输入数字";
	default: return "不能输入这个字符";
	}
}

static void
typed_char(struct ui *ui, struct uscreen *sc, int k)
{
	struct uform *uf = sc->st;
	int i = cur_slot(uf), rc;
	struct fslot *s;
	char text[TEXT_MAX], mb[UTF8_MAX];
	size_t l;

	if (i < 0)
		return;
	s = &uf->slot[i];
	if (s->def->type == FT_CODED && uf->ncand > 1 && k >= '1' && k <= '9' &&
	    cur_is_pinyin(uf)) {
		pick_candidate(ui, sc, (size_t)(k - '1'));
		return;
	}
	if (uf->fresh && s->def->type == FT_CODED)
		form_driver_w(uf->form, KEY_CODE_YES, REQ_CLR_FIELD);
	uf->fresh = 0;
	if (refuse_cut(ui, uf, i))
		return;
	if (i == uf->ed_slot) {
		int c = k;

		if (!ui_edit_accepts(s->def->type, &c)) {
			ui_status(ui, 1, "%s: %s", s->def->label, refuse_text(s->def->type));
			beep();
			return;
		}
		if (uline_insert(&uf->ed, (wchar_t)c) < 0) {
			ui_status(ui, 1, "%s: 已填满, 输入的字没有放进去 (最多 %zu 字节, 约 %zu 个汉字)",
			    s->def->label, value_max(s->def), value_max(s->def) / 3);
			beep();
			return;
		}
		ed_show(uf);
		goto typed;
	}
	/* libform would read the pad character back as a blank (the long
	 * texts above keep it: their text is not libform's; the typed
	 * fields' own filters refuse it anyway) */
	if (k == UI_FIELD_PAD && (rc = k, ui_edit_accepts(s->def->type, &rc))) {
		ui_status(ui, 1, "%s: 不能输入 %c", s->def->label, UI_FIELD_PAD);
		beep();
		return;
	}
	/* bytes: the value must fit its record field */
	cur_text(uf, text, sizeof text);
	l = utf8_encode((uint32_t)k, mb);
	/* a date is stored as YYYY-MM-DD but may be typed as 2024年12月31日 */
	if (l == 0 || (s->def->size > 0 && strlen(text) + l + 1 >
	    (s->def->type == FT_DATE ? DATE_TYPED_MAX : s->def->size))) {
		ui_status(ui, 1, "%s: 已填满, 输入的字没有放进去", s->def->label);
		beep();
		return;
	}
	rc = ui_edit_key(uf->form, s->width, s->def->type, ACT_NONE, k);
	if (rc < 0) {
		int c = k;

		/* a beep alone is easy to miss over SSH: say why */
		if (!ui_edit_accepts(s->def->type, &c))
			ui_status(ui, 1, "%s: %s", s->def->label, refuse_text(s->def->type));
		else
			ui_status(ui, 1, "%s: 已填满, 输入的字没有放进去", s->def->label);
		beep();
		return;
	}
typed:
	if (++uf->typed >= KEEP_EVERY)
		ui_form_keep(ui, sc);
	if (s->def->type == FT_CODED) {
		update_candidates(ui, uf, s);
		/* a whole code or the whole pinyin initials of one entry
		 * moves on, as a full ID number does; a unique start ("zs")
		 * still waits for Tab or Enter */
		cur_text(uf, text, sizeof text);
		if (codelist_complete(codelist_get(s->def->list), text) != NULL)
			step_field(ui, sc, 1);
		return;
	}
	cur_text(uf, text, sizeof text);
	if (s->def->fixed > 0) {
		if ((int)strlen(text) == s->def->fixed &&
		    (s->def->type != FT_PHONE || (text[0] == '1' &&
		    strspn(text, "0123456789") == strlen(text))))
			full_field(ui, sc, s->def);
	} else if ((s->def->type == FT_DATE && strlen(text) == 8 &&
	    strspn(text, "0123456789") == 8) ||
	    (s->def->type == FT_PHONE && strlen(text) == 11 && text[0] == '1' &&
	    strspn(text, "0123456789") == 11) ||
	    (s->def->type == FT_CODE && strlen(text) == 18)) {
		/* complete as typed (a date as 8 digits, an organisation's
		 * mobile, an 18-character 统一社会信用代码): moves on when valid */
		full_field(ui, sc, s->def);
	}
}

/* The problems panel: every error and open warning of the record with
 * its field (also the empty required ones); Enter goes to that field. */
static void
problems(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;
	struct cl_entry e[V_ISSUES_MAX + 1 + REC_RETURN_MAX];
	const char *keys[V_ISSUES_MAX + 1 + REC_RETURN_MAX];
	int units[V_ISSUES_MAX + 1 + REC_RETURN_MAX];
	char rets[REC_RETURN_MAX][REC_TEXT_MAX + 96];
	const struct rec_meta *meta = rec_ptr(uf);
	size_t i, n = 0;
	int pick_i, sev;
	const struct field_def *d;
	const char *msg;

	leave_field(ui, sc);
	refresh_marks(ui, uf);
	/* the reviewer's returns first: what the branch is asked to fix */
	for (i = 0; i < meta->n_return && i < REC_RETURN_MAX; i++) {
		const struct rec_return *r = &meta->ret[i];

		d = r->field[0] != '\0' ? form_field(uf->d, r->field) : NULL;
		snprintf(rets[i], sizeof rets[i], "%s: %s (%s)", d != NULL ? d->label : "整条记录",
		    r->comment, r->by);
		e[n] = (struct cl_entry){ .code = "退回", .name = rets[i], .py = "", .group = "" };
		keys[n] = r->field;
		units[n++] = -1;
	}
	if (uf->dup_msg[0] != '\0') {
		e[n] = (struct cl_entry){ .code = "错误", .name = uf->dup_msg, .py = "", .group = "" };
		keys[n] = "idcard";
		units[n++] = -1;
	}
	for (i = 0; i < uf->rep->n && n < V_ISSUES_MAX + 1 + REC_RETURN_MAX; i++) {
		const struct vissue *is = &uf->rep->it[i];

		if (!vissue_open(is))
			continue;
		e[n] = (struct cl_entry){ .code = is->sev == SEV_ERROR ? "错误" : "待确认",
		    .name = is->msg, .py = "", .group = "" };
		keys[n] = is->field;
		units[n++] = is->unit;
	}
	if (n == 0) {
		ui_status(ui, 0, "本记录没有错误和提醒, 也没有退回意见");
		return;
	}
	pick_i = ui_pick(ui, "本记录的问题 (Enter 到该项, Esc 返回)", e, n, NULL);
	ui->full = 1;
	if (pick_i < 0)
		return;
	d = keys[pick_i] != NULL && keys[pick_i][0] != '\0' ? form_field(uf->d, keys[pick_i]) : NULL;
	if (d == NULL || d->readonly || !field_shown(uf, d)) {
		ui_status(ui, 1, "%s", e[pick_i].name);
		return;
	}
	detach(ui, sc);
	uf->cur_def = d;
	uf->cur_unit = -1;
	if (d->rec == REC_KIND_UNIT) {
		uf->page = units[pick_i] >= 0 ? units[pick_i] : 0;
		uf->cur_unit = uf->page;
	}
	msg = field_problem(uf, d, uf->cur_unit, &sev);
	ui_status(ui, 1, "%s", msg != NULL ? msg : e[pick_i].name);
	uf->hint_shown = 1;
}

/* What a locked record says; 解锁 is offered to who may take it. */
static void
locked_status(struct ui *ui)
{
	ui_status(ui, 1, "%s%s", REVIEW_LOCKED_TEXT,
	    ui->app->role == ROLE_BRANCH ? "" : "; 按 F7 解锁(须填写原因)");
}

/* Keys a locked (read-only) record refuses: every change. */
static int
locked_refuses(int a, int k)
{
	switch (a) {
	case ACT_NEXT: case ACT_PREV: case ACT_HOME: case ACT_END: case ACT_LEFT:
	case ACT_RIGHT: case ACT_PAGE_NEXT: case ACT_PAGE_PREV: case ACT_PROBLEMS:
	case ACT_HELP: case ACT_LEAVE: case ACT_QUIT:
		return 0;
	case ACT_NONE:
		return k >= 32 && k < UK_BASE;
	default:
		return 1;
	}
}

/* The stored review fields of the record again (after a save, which may
 * have sent a 初核通过 record back to 录入; after 解锁). */
static void
reread_review(struct ui *ui, struct uform *uf)
{
	struct rec_meta *meta = rec_ptr(uf), *m0 = uf->rec == REC_KIND_ORG ? &uf->o0.meta :
	    &uf->m0.meta;
	/* zeroed: an empty org the load may give units to */
	union { struct member m; struct org o; } *r = calloc(1, sizeof *r);
	const struct rec_meta *got;
	int rc;

	if (r == NULL || meta->id == 0) {
		free(r);
		return;
	}
	rc = uf->rec == REC_KIND_ORG ? store_org_get(ui->app->st, meta->id, &r->o, NULL) :
	    store_member_get(ui->app->st, meta->id, &r->m, NULL);
	got = uf->rec == REC_KIND_ORG ? &r->o.meta : &r->m.meta;
	if (rc == 0) {
		meta->version = got->version;
		meta->review = got->review;
		memcpy(meta->checked_by, got->checked_by, sizeof meta->checked_by);
		meta->checked_at = got->checked_at;
		memcpy(meta->reviewed_by, got->reviewed_by, sizeof meta->reviewed_by);
		meta->reviewed_at = got->reviewed_at;
		meta->n_return = got->n_return;
		memcpy(meta->ret, got->ret, sizeof meta->ret);
		*m0 = *meta;
		uf->locked = review_locked(meta);
	}
	if (uf->rec == REC_KIND_ORG)
		org_free(&r->o);
	free(r);
}

/* F7: unlock a locked record (the core asks for the 党委 role). */
static void
unlock(struct ui *ui, struct uscreen *sc)
{
	struct uform *uf = sc->st;
	const struct rec_meta *meta = rec_ptr(uf);

	if (!uf->locked) {
		ui_status(ui, 0, "本记录没有锁定(尚未复核通过), 不需要解锁");
		return;
	}
	if (ui_review_unlock(ui, uf->rec, meta->id,
	    uf->rec == REC_KIND_ORG ? uf->o.name : uf->m.name) == 0)
		reread_review(ui, uf);
	ui->full = 1;
}

static void
form_key(struct ui *ui, struct uscreen *sc, int k)
{
	struct uform *uf = sc->st;
	int a, i, rc;

	if (uf->form == NULL)
		return;
	if (!uf->op_started) {
		clock_gettime(CLOCK_MONOTONIC, &uf->op_t0);
		uf->op_started = 1;
	}
	uf->op_keys++;
	a = screen_key_action(sc->def, k, form_in_text(sc));
	i = cur_slot(uf);
	if (a == ACT_UNLOCK) {
		unlock(ui, sc);
		return;
	}
	if (uf->locked && locked_refuses(a, k)) {
		locked_status(ui);
		return;
	}
	/* Enter on a unique candidate takes it */
	if ((a == ACT_NEXT) && k == UK_ENTER && uf->ncand == 1 && uf->nmatch == 1 && i >= 0) {
		pick_candidate(ui, sc, 0);
		return;
	}
	switch (a) {
	case ACT_NEXT:
		step_field(ui, sc, 1);
		return;
	case ACT_PREV:
		step_field(ui, sc, -1);
		return;
	case ACT_HOME: case ACT_END: case ACT_LEFT: case ACT_RIGHT:
	case ACT_BACKSPACE: case ACT_DELETE: case ACT_CLEAR:
		if (i < 0)
			return;
		if ((a == ACT_BACKSPACE || a == ACT_DELETE) && refuse_cut(ui, uf, i))
			return;
		uf->fresh = 0;
		if (i == uf->ed_slot) {
			rc = uline_edit(&uf->ed, a);
			ed_show(uf);
		} else
			rc = ui_edit_key(uf->form, uf->slot[i].width, uf->slot[i].def->type, a, 0);
		if (rc < 0)
			beep();
		if (rc > 0) {
			if (++uf->typed >= KEEP_EVERY)
				ui_form_keep(ui, sc);
			if (uf->slot[i].def->type == FT_CODED)
				update_candidates(ui, uf, &uf->slot[i]);
		}
		return;
	case ACT_SAVE:
		ui_form_save(ui, sc);
		return;
	case ACT_PICK:
		pick(ui, sc);
		return;
	case ACT_DITTO:
		ditto(ui, sc);
		return;
	case ACT_YEAR_AFTER:
		year_after(ui, sc);
		return;
	case ACT_PROBLEMS:
		problems(ui, sc);
		return;
	case ACT_HELP:
		ui_open(ui, "help", &(struct uopen){ .of = sc->def });
		return;
	case ACT_LEAVE:
		if (ui_leave_ok(ui)) {
			recover_discard(ui->recover_path);
			ui_pop(ui);
		}
		return;
	case ACT_QUIT:
		if (ui_leave_ok(ui)) {
			recover_discard(ui->recover_path);
			ui->quit = 1;
		}
		return;
	case ACT_PAGE_NEXT: case ACT_PAGE_PREV: case ACT_UNIT_ADD: case ACT_UNIT_DEL:
		unit_page(ui, sc, a);
		return;
	default:
		break;
	}
	if (k >= 32 && k < UK_BASE)
		typed_char(ui, sc, k);
}

static void
form_del(struct uform *uf)
{
	if (uf != NULL) {
		free(uf->rep);
		free(uf->mark_main);
		free(uf->mark_unit);
		org_free(&uf->o);
		org_free(&uf->o0);
		org_free(&uf->branch);
		free(uf->sig);
		free(uf->fields);
		free(uf->slot);
	}
	free(uf);
}

static void
form_free(struct uscreen *sc)
{
	form_del(sc->st);
	sc->st = NULL;
}

/* ---- opening ---- */

static struct uform *
form_new(const struct screen_def *sd)
{
	struct uform *uf = calloc(1, sizeof *uf);

	if (uf == NULL)
		return NULL;
	uf->sd = sd;
	uf->d = sd->form;
	uf->rec = sd->form->rec;
	uf->mark_main = calloc(uf->d->nfields + 1, 1);
	uf->sig = calloc(2, LAYOUT_SIG(uf->d));
	uf->fields = calloc(uf->d->nfields + uf->d->nunit_fields + 1, sizeof *uf->fields);
	uf->slot = calloc(uf->d->nfields + uf->d->nunit_fields, sizeof *uf->slot);
	uf->rep = calloc(1, sizeof *uf->rep);
	if (uf->rep == NULL || uf->mark_main == NULL || uf->sig == NULL || uf->fields == NULL || uf->slot == NULL) {
		form_del(uf);
		return NULL;
	}
	uf->sig_now = uf->sig + LAYOUT_SIG(uf->d);
	uf->drawn_cur = -1;
	uf->ed_slot = -1;
	member_init(&uf->m);
	org_init(&uf->o);
	org_init(&uf->o0);
	org_init(&uf->branch);
	return uf;
}

/* A member of branch (id 0 = new) in form sd. */
static struct uform *
form_member(struct ui *ui, const struct screen_def *sd, uint64_t branch, uint64_t id)
{
	struct uform *uf = form_new(sd);
	char *cause = NULL;
	int rc;

	if (uf == NULL)
		return NULL;
	rc = store_org_get(ui->app->st, branch, &uf->branch, &cause);
	if (rc == 0 && id != 0)
		rc = store_member_get(ui->app->st, id, &uf->m, &cause);
	if (rc != 0) {
		ui_status(ui, 1, "无法读取: %s", cause ? cause : store_strerror(rc));
		free(cause);
		form_del(uf);
		return NULL;
	}
	uf->m.branch = branch;
	if (id == 0)
		apply_defaults(uf);
	uf->m0 = uf->m;
	return uf;
}

/* An organisation (id 0 = new under parent) in form sd. */
static struct uform *
form_org(struct ui *ui, const struct screen_def *sd, uint64_t parent, uint64_t id)
{
	struct uform *uf = form_new(sd);
	char *cause = NULL;
	int rc;

	if (uf == NULL)
		return NULL;
	if (id != 0) {
		rc = store_org_get(ui->app->st, id, &uf->o, &cause);
		if (rc != 0) {
			ui_status(ui, 1, "无法读取: %s", cause ? cause : store_strerror(rc));
			free(cause);
			form_del(uf);
			return NULL;
		}
	} else {
		uf->o.parent = parent;
		apply_defaults(uf);
	}
	/* the parent's name for the title line (uf->branch is unused for orgs) */
	if (uf->o.parent != 0)
		store_org_get_head(ui->app->st, uf->o.parent, &uf->branch);
	if (org_copy(&uf->o0, &uf->o) != 0) {
		ui_status(ui, 1, "无法读取: 内存不足");
		form_del(uf);
		return NULL;
	}
	return uf;
}

/* A record of kind rec read back from the recovery file (recover.h). */
static struct uform *
form_recovered(struct ui *ui, const struct screen_def *sd, int rec, const void *r)
{
	struct uform *uf;
	char *cause = NULL;

	if (rec == REC_KIND_ORG) {
		const struct org *o = r;

		uf = form_org(ui, sd, o->parent, o->meta.id);
		if (uf == NULL)
			return NULL;
		/* keep the stored bookkeeping, take the typed values */
		{
			struct rec_meta meta = uf->o.meta;
			uint64_t parent = uf->o.parent;

			if (org_copy(&uf->o, o) != 0) {
				form_del(uf);
				return NULL;
			}
			uf->o.meta = meta;
			uf->o.parent = parent;
		}
		if (uf->o.meta.version != o->meta.version)
			ui_status(ui, 1, "注意: 该记录在此期间已被修改, 保存时会显示差异");
		uf->o.meta.version = o->meta.version ? o->meta.version : uf->o.meta.version;
	} else {
		const struct member *m = r;

		uf = form_member(ui, sd, m->branch, m->meta.id);
		if (uf == NULL)
			return NULL;
		{
			struct rec_meta meta = uf->m.meta;

			uf->m = *m;
			uf->m.meta = meta;
			uf->m.branch = m->branch;
		}
		if (m->meta.id != 0 && uf->m.meta.version != m->meta.version)
			uf->m.meta.version = m->meta.version;
	}
	(void)cause;
	ui_status(ui, 0, "已恢复上次未保存的录入, 请检查后按 F2 保存");
	return uf;
}

/* A stored or recovered record shows its problems at once: every field
 * marked, the counts on the status line (F3 lists them). */
static void
show_open_problems(struct ui *ui, struct uform *uf)
{
	const struct rec_meta *meta = rec_ptr(uf);

	uf->all_marks = 1;
	refresh_marks(ui, uf);
	uf->locked = review_locked(meta);
	if (uf->locked)
		ui_status(ui, 0, "已复核通过并锁定, 只能查看%s", ui->app->role == ROLE_BRANCH ?
		    "; 如需修改请党委录入员解锁" : "; 按 F7 解锁(须填写原因)");
	else if (meta->n_return > 0)
		ui_status(ui, 1, "退回 %zu 处: %s; 改好后保存, 再初核; F3 列出全部",
		    meta->n_return, meta->ret[0].comment);
	else if (uf->rep->errors > 0 || uf->rep->unconfirmed > 0)
		ui_status(ui, uf->rep->errors > 0, "%s: 错误 %d, 未确认提醒 %d; F3 列出全部问题",
		    meta->state == REC_DRAFT ? "草稿" : "本记录",
		    uf->rep->errors, uf->rep->unconfirmed);
}

/* The field labelled label (main or unit field), NULL when none. */
static const struct field_def *
field_by_label(const struct form_def *d, const char *label)
{
	size_t i;

	for (i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].label, label) == 0 && !d->fields[i].readonly)
			return &d->fields[i];
	for (i = 0; i < d->nunit_fields; i++)
		if (strcmp(d->unit_fields[i].label, label) == 0)
			return &d->unit_fields[i];
	return NULL;
}

static void *
form_open(struct ui *ui, const struct screen_def *sd, const struct uopen *a)
{
	struct uform *uf;

	if (a->recovered != NULL) {
		uf = form_recovered(ui, sd, a->rec, a->recovered);
		if (uf != NULL && ((const struct rec_meta *)rec_ptr(uf))->id != 0)
			show_open_problems(ui, uf);
		return uf;
	}
	if (sd->form->rec == REC_KIND_MEMBER && a->verify != 0) {
		/* blind: an empty form, the first keying is not read into it */
		if ((uf = form_member(ui, sd, a->org, 0)) != NULL)
			uf->verify_id = a->verify;
		return uf;
	}
	if (sd->form->rec == REC_KIND_ORG)
		uf = form_org(ui, sd, a->org, a->id);
	else
		uf = form_member(ui, sd, a->org, a->id);
	if (uf == NULL || a->id == 0)
		return uf;
	show_open_problems(ui, uf);
	/* opened for a problem (质量检查): at its field */
	if (a->field != NULL && a->field[0] != '\0') {
		const struct field_def *d = field_by_label(uf->d, a->field);
		int sev;
		const char *msg;

		if (d != NULL && field_shown(uf, d)) {
			uf->cur_def = d;
			uf->cur_unit = d->rec == REC_KIND_UNIT ? 0 : -1;
			if ((msg = field_problem(uf, d, uf->cur_unit, &sev)) != NULL) {
				ui_status(ui, sev == SEV_ERROR, "%s", msg);
				uf->hint_shown = 1;
			}
		}
	}
	return uf;
}

/* The form screen of records of kind rec (the registry's first). */
static const struct screen_def *
form_screen(int rec)
{
	const struct screen_def *const *s;

	for (s = screen_table; *s != NULL; s++)
		if ((*s)->ops == &ui_form_ops && (*s)->form->rec == rec)
			return *s;
	return NULL;
}

/* A recovery file from an earlier session: offer it back. */
static void
form_start(struct ui *ui, const struct screen_def *def)
{
	static const int keys[] = { 'y', 'n', UK_ESC };
	const struct screen_def *ms = form_screen(REC_KIND_MEMBER), *os = form_screen(REC_KIND_ORG);
	struct recovery *r;
	char text[512];
	int k;

	(void)def;
	if (ms == NULL || os == NULL)
		return;
	r = calloc(1, sizeof *r);
	if (r == NULL)
		return;
	/* only an ended session's file (adopted by recover_begin) is offered */
	if (!ui->recover.adopted ||
	    recover_load(ui->recover_path, ms->form, os->form, r) != 0) {
		org_free(&r->o);
		free(r);
		return;
	}
	snprintf(text, sizeof text,
	    "上次有未保存的录入: %s %s\n"
	    "Y 恢复并继续录入   N 放弃这些录入",
	    r->rec == REC_KIND_ORG ? "党组织" : "党员",
	    (r->rec == REC_KIND_ORG ? r->o.name : r->m.name)[0] != '\0' ?
	    (r->rec == REC_KIND_ORG ? r->o.name : r->m.name) : "(名称未填)");
	k = ui_ask(ui, "恢复未保存的录入?", text, "Y恢复  N放弃", keys, 3);
	if (k == 'y') {
		/* a member comes back over its branch's list, as when typed */
		if (r->rec == REC_KIND_MEMBER && r->m.branch != 0)
			ui_open(ui, "members", &(struct uopen){ .org = r->m.branch });
		if (ui_open(ui, (r->rec == REC_KIND_ORG ? os : ms)->name, &(struct uopen){
		    .rec = r->rec, .recovered = r->rec == REC_KIND_ORG ?
		    (const void *)&r->o : (const void *)&r->m }) == 0)
			ui_status(ui, 0, "已恢复上次未保存的录入, 请检查后按 F2 保存");
		else
			ui_status(ui, 1, "无法恢复: 该记录所在的党组织已不存在");
	} else if (k == 'n') {
		recover_discard(ui->recover_path);
		ui_status(ui, 0, "已放弃上次未保存的录入");
	}
	org_free(&r->o);
	free(r);
}

const struct ukind_ops ui_form_ops = {
	.open = form_open,
	.start = form_start,
	.draw = form_draw,
	.update = form_update,
	.key = form_key,
	.detach = detach,
	.free = form_free,
	.hold = form_hold,
	.changed = ui_form_changed,
	.save = ui_form_save,
	.discard = ui_form_discard,
	.keep = ui_form_keep,
	.stale_under_dialog = 1,
};
