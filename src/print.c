/*
 * print.c - the printable 采集表 (附件1, its 附页, 附件2) as one PDF, laid
 * out with pango and drawn with cairo, one page at a time (see print.h).
 *
 * A page is a form: a header naming the organisation, the title, a grid of
 * three columns (序号 | 项目 | 填写内容) with one row per item, the signature
 * block, and a footer with 第 x 页 共 y 页 and the print date.  Rows grow
 * with their text; when a page's rows would not fit, the whole page is laid
 * out again a size smaller (form_fit), so every form stays one page.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "cause.h"
#include "codelist.h"
#include "outfile.h"
#include "pdf.h"
#include "print.h"
#include "review.h"
#include "record.h"
#include "report.h"
#include "schema.h"
#include "screen.h"

#define FONT_FAMILY "Noto Serif CJK SC"

/* A4 portrait in PDF points (1/72 inch). */
#define MM(x)        ((x) * 72.0 / 25.4)
#define PAGE_W       MM(210.0)
#define PAGE_H       MM(297.0)
#define MARGIN_X     MM(20.0)
#define TABLE_W      (PAGE_W - 2 * MARGIN_X)
#define HEAD_Y       MM(10.0)           /* top of the header line */
#define BODY_TOP     MM(19.0)           /* top of the title */
#define BODY_BOTTOM  (PAGE_H - MM(17.0))
#define FOOT_Y       (PAGE_H - MM(13.5)) /* top of the footer line */
#define COL_NUM      MM(13.0)           /* 序号 */
#define COL_LABEL    MM(44.0)           /* 项目 */
#define COL_VALUE    (TABLE_W - COL_NUM - COL_LABEL)
#define PAD_X        5.0                /* text inset in a cell */
#define PAD_Y        4.0

#define ROWS_MAX     24

/* Text sizes tried in turn until a form fits its page (points). */
static const double fit_sizes[] = { 11.0, 10.5, 10.0, 9.0, 8.0, 7.0, 6.0 };
#define NSIZES (sizeof fit_sizes / sizeof fit_sizes[0])

/* One row of the grid. */
struct frow {
	char num[12];         /* item number, "" for added rows */
	int span;             /* rows the 序号 cell spans (>= 1); 0 = covered by the row above */
	const char *label;
	const char *value;    /* "" = an empty cell to write in */
	double h;             /* laid-out height */
};

enum { SIGN_MEMBER = 1, SIGN_ORG, SIGN_NONE };

/* One form = one page. */
struct form {
	const char *annex;    /* "附件2" */
	const char *title;
	char subtitle[128];   /* "" = none */
	const char *header;   /* organisation named in the page header ("" = none) */
	struct frow rows[ROWS_MAX];
	size_t nrows;
	int sign;             /* SIGN_* */
	const char *confirm;  /* 附件2: the stored 确认方式 ("" = none ticked) */
	char note[160];       /* a line under the grid ("" = none) */
	int blank;            /* taller rows for handwriting */
	char boxes[ROWS_MAX][160]; /* blank forms: "□男　□女" cell texts */
};

/* A pango layout that remembers what it was last set to, so that text
 * repeated from page to page (labels, 男, 汉族, the branch's name) is not
 * shaped again. */
struct lay {
	PangoLayout *l;
	char *text;           /* what l holds; NULL = nothing yet */
	double pt, width;
	int bold, align;
	double w, h;          /* its size in points */
};

#define FIXED_MAX 64

/* The PDF being written. */
struct pdoc {
	struct outfile of;    /* the temporary: cairo's many small writes, gathered */
	char dir[PATH_MAX];   /* the target's directory */
	char tmp[PATH_MAX];   /* the temporary's path, "" = none */
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoFontMap *fm;
	PangoContext *pc;
	struct lay head;      /* the running header (one line, shortened in the middle) */
	struct lay pageno;    /* 第 x 页 共 y 页 */
	struct lay cell[ROWS_MAX + 1][3]; /* the grid's cells (row 0: the column heads) */
	struct lay fixed[FIXED_MAX];      /* other text, found by content */
	size_t nfixed;        /* slots of fixed taken; then reused in turn */
	PangoFontDescription *font;
	size_t page, total;
	char today[16];
	size_t members, orgs;
	size_t smaller, overfull; /* see struct print_result */
	struct form f;        /* the form being drawn */
};

/* ---- labels ---- */

/* An item of the official forms, by field key ("idcard"; a unit's "code"). */
struct item_info {
	const char *label;    /* official label, verbatim */
	int item;             /* item number, 0 = added by caiji */
	int list;             /* enum cl_id, -1 = none */
};

/*
 * The one place this file learns the official labels and item numbers: the
 * schema (include/schema.h), by field key within a record kind.
 */
static void
item_info(int rec, const char *key, struct item_info *out)
{
	const struct sch_field *t = rec == REC_KIND_MEMBER ? sch_member :
	    rec == REC_KIND_ORG ? sch_org : sch_unit;
	size_t i, n = rec == REC_KIND_MEMBER ? SCH_MEMBER_N :
	    rec == REC_KIND_ORG ? SCH_ORG_N : SCH_UNIT_N;

	for (i = 0; i < n && strcmp(t[i].key, key) != 0; i++)
		;
	out->label = i < n ? t[i].label : key;
	out->item = i < n ? t[i].item : 0;
	out->list = i < n ? t[i].list : -1;
}

/* ---- output ---- */

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdoc *d = closure;

	return outfile_put(&d->of, (const char *)data, len) == 0 ?
	    CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* ---- text ---- */

/* Set c to text at size pt (bold or not), wrapped at width (0 = one
 * line), aligned; unchanged when it holds that already.  Returns its
 * height in points. */
static double
lay_set(struct pdoc *d, struct lay *c, const char *text, double pt, int bold,
    double width, PangoAlignment align)
{
	int w, h;

	if (c->text != NULL && c->pt == pt && c->width == width && c->bold == bold &&
	    c->align == (int)align && strcmp(c->text, text) == 0)
		return c->h;
	free(c->text);
	c->text = strdup(text);
	c->pt = pt;
	c->width = width;
	c->bold = bold;
	c->align = (int)align;
	pango_font_description_set_weight(d->font, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_font_description_set_size(d->font, (gint)(pt * PANGO_SCALE));
	pango_layout_set_font_description(c->l, d->font);
	pango_layout_set_width(c->l, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(c->l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(c->l, align);
	pango_layout_set_text(c->l, text, -1);
	pango_layout_get_size(c->l, &w, &h);
	c->w = (double)w / PANGO_SCALE;
	c->h = (double)h / PANGO_SCALE;
	return c->h;
}

/* A layout holding text as asked, from the fixed slots: the one that
 * holds it already, else a free one, else the next in turn. */
static struct lay *
fixed(struct pdoc *d, const char *text, double pt, int bold, double width,
    PangoAlignment align)
{
	struct lay *c;
	size_t i, n = d->nfixed < FIXED_MAX ? d->nfixed : FIXED_MAX;

	for (i = 0; i < n; i++) {
		c = &d->fixed[i];
		if (c->text != NULL && c->pt == pt && c->width == width && c->bold == bold &&
		    c->align == (int)align && strcmp(c->text, text) == 0)
			return c;
	}
	c = &d->fixed[d->nfixed++ % FIXED_MAX];
	lay_set(d, c, text, pt, bold, width, align);
	return c;
}

static void
lay_show(struct pdoc *d, const struct lay *c, double x, double y)
{
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, c->l);
}

/* Draw text at (x, y) (top left) in one line; returns its width. */
static double
text_at(struct pdoc *d, const char *text, double pt, int bold, double x, double y)
{
	struct lay *c = fixed(d, text, pt, bold, 0, PANGO_ALIGN_LEFT);

	lay_show(d, c, x, y);
	return c->w;
}

static void
hline(struct pdoc *d, double x0, double x1, double y, double w)
{
	cairo_set_line_width(d->cr, w);
	cairo_move_to(d->cr, x0, y);
	cairo_line_to(d->cr, x1, y);
	cairo_stroke(d->cr);
}

static void
vline(struct pdoc *d, double x, double y0, double y1, double w)
{
	cairo_set_line_width(d->cr, w);
	cairo_move_to(d->cr, x, y0);
	cairo_line_to(d->cr, x, y1);
	cairo_stroke(d->cr);
}

/* ---- the page ---- */

static void
page_frame(struct pdoc *d)
{
	const struct form *f = &d->f;
	const struct lay *c;
	char s[64];

	cairo_set_source_rgb(d->cr, 0.25, 0.25, 0.25);
	if (f->header[0] != '\0') {
		/* one line: a name too long for it is shortened in the middle
		 * here only (it is printed whole in the form) */
		lay_set(d, &d->head, f->header, 9, 0, TABLE_W - MM(25), PANGO_ALIGN_LEFT);
		lay_show(d, &d->head, MARGIN_X, HEAD_Y);
	}
	c = fixed(d, f->annex, 9, 0, 0, PANGO_ALIGN_LEFT);
	lay_show(d, c, PAGE_W - MARGIN_X - c->w, HEAD_Y);
	hline(d, MARGIN_X, PAGE_W - MARGIN_X, HEAD_Y + MM(5.5), 0.4);

	hline(d, MARGIN_X, PAGE_W - MARGIN_X, FOOT_Y - MM(1.5), 0.4);
	snprintf(s, sizeof s, "打印日期：%s", d->today);
	text_at(d, s, 9, 0, MARGIN_X, FOOT_Y);
	snprintf(s, sizeof s, "第 %zu 页 共 %zu 页", d->page + 1, d->total);
	lay_set(d, &d->pageno, s, 9, 0, 0, PANGO_ALIGN_LEFT);
	lay_show(d, &d->pageno, PAGE_W - MARGIN_X - d->pageno.w, FOOT_Y);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

/* Height of the title block at text size pt (title, subtitle, gap). */
static double
title_block(struct pdoc *d, double pt, int draw)
{
	const struct form *f = &d->f;
	const struct lay *c;
	double y = BODY_TOP;

	c = fixed(d, f->title, pt + 6, 1, TABLE_W, PANGO_ALIGN_CENTER);
	if (draw)
		lay_show(d, c, MARGIN_X, y);
	y += c->h + MM(1.5);
	if (f->subtitle[0] != '\0') {
		c = fixed(d, f->subtitle, pt, 0, TABLE_W, PANGO_ALIGN_CENTER);
		if (draw)
			lay_show(d, c, MARGIN_X, y);
		y += c->h;
	}
	return y + MM(3.0) - BODY_TOP;
}

/* Lay out the grid's cells at size pt; returns the grid's height. */
static double
grid_layout(struct pdoc *d, double pt)
{
	struct form *f = &d->f;
	double total, minh = (f->blank ? 2.4 : 1.8) * pt + 2 * PAD_Y, hh;
	size_t i;

	/* the column heads */
	hh = lay_set(d, &d->cell[0][0], "序号", pt, 1, COL_NUM, PANGO_ALIGN_CENTER);
	lay_set(d, &d->cell[0][1], "项目", pt, 1, COL_LABEL, PANGO_ALIGN_CENTER);
	lay_set(d, &d->cell[0][2], "填写内容", pt, 1, COL_VALUE, PANGO_ALIGN_CENTER);
	total = hh + 2 * PAD_Y;
	for (i = 0; i < f->nrows; i++) {
		struct frow *r = &f->rows[i];
		double hl, hv;

		lay_set(d, &d->cell[i + 1][0], r->num, pt, 0, COL_NUM, PANGO_ALIGN_CENTER);
		hl = lay_set(d, &d->cell[i + 1][1], r->label, pt, 0, COL_LABEL - 2 * PAD_X,
		    PANGO_ALIGN_CENTER);
		hv = lay_set(d, &d->cell[i + 1][2], r->value, pt, 0, COL_VALUE - 2 * PAD_X,
		    PANGO_ALIGN_LEFT);
		r->h = (hl > hv ? hl : hv) + 2 * PAD_Y;
		if (r->h < minh)
			r->h = minh;
		total += r->h;
	}
	return total;
}

/* Height of the signature block at size pt. */
static double
sign_height(const struct form *f, double pt)
{
	double line = pt * 2.6;

	switch (f->sign) {
	case SIGN_MEMBER:
		return MM(4) + line * 4.0;
	case SIGN_ORG:
		return MM(4) + MM(44);
	default:
		return 0;
	}
}

/* "日期:     年    月    日" from x, to be written in by hand. */
static void
date_blank(struct pdoc *d, double pt, double x, double y)
{
	x += text_at(d, "日期：", pt, 0, x, y);
	text_at(d, "年", pt, 0, x + pt * 4.0, y);
	text_at(d, "月", pt, 0, x + pt * 7.0, y);
	text_at(d, "日", pt, 0, x + pt * 10.0, y);
}

/* A signature line: label and a rule to write on, ending at x_end. */
static void
sign_rule(struct pdoc *d, const char *label, double pt, double y, double x_end)
{
	double w = text_at(d, label, pt, 0, MARGIN_X, y);

	hline(d, MARGIN_X + w + 2, x_end, y + pt * 1.35, 0.5);
}

/* A signature line with its date at the right. */
static void
sign_line(struct pdoc *d, const char *label, double pt, double y)
{
	double x_date = PAGE_W - MARGIN_X - pt * 14.5;

	sign_rule(d, label, pt, y, x_date - MM(6));
	date_blank(d, pt, x_date, y);
}

/* The 确认方式 boxes, the stored one ticked. */
static void
confirm_boxes(struct pdoc *d, double pt, double y)
{
	const struct codelist *cl = codelist_get(CL_CONFIRM_METHOD);
	double x = MARGIN_X;
	unsigned set = 0, bit;
	size_t i, j;

	/* a set of methods (review.h): every one ticked */
	if (confirm_parse(d->f.confirm, &set, NULL, 0) != 0)
		set = 0;
	x += text_at(d, "确认方式：", pt, 0, x, y) + pt * 0.5;
	for (i = 0; cl != NULL && i < cl->n; i++) {
		text_at(d, "□", pt, 0, x, y);
		for (bit = 0, j = 0; j < CM_COUNT; j++)
			if (confirm_name(1u << j) != NULL &&
			    strcmp(confirm_name(1u << j), cl->e[i].name) == 0)
				bit = 1u << j;
		if (set & bit)
			text_at(d, "✓", pt * 1.15, 1, x + pt * 0.05, y - pt * 0.2);
		x += pt * 1.05;
		x += text_at(d, cl->e[i].name, pt, 0, x, y) + pt * 1.2;
	}
}

static void
sign_block(struct pdoc *d, double pt, double y)
{
	double line = pt * 2.6;

	y += MM(4);
	if (d->f.sign == SIGN_MEMBER) {
		confirm_boxes(d, pt, y);
		sign_line(d, "党员签字：", pt, y + line);
		sign_line(d, "代填人或信息采集员签字：", pt, y + 2 * line);
		sign_line(d, "党支部书记签字：", pt, y + 3 * line);
	} else if (d->f.sign == SIGN_ORG) {
		double cx = PAGE_W - MARGIN_X - MM(24), cy = y + MM(22), r = MM(20);
		static const double dash[] = { 3.0, 3.0 };
		const struct lay *c;

		y += MM(2);
		sign_rule(d, "党组织书记签字：", pt, y, cx - r - MM(10));
		text_at(d, "（书记空缺的，由党组织其他负责人签字）", pt * 0.85, 0,
		    MARGIN_X, y + line * 0.75);
		date_blank(d, pt, MARGIN_X, y + line * 2);
		/* the seal's place: a dashed circle at the right */
		cairo_save(d->cr);
		cairo_set_source_rgb(d->cr, 0.45, 0.45, 0.45);
		cairo_set_dash(d->cr, dash, 2, 0);
		cairo_set_line_width(d->cr, 0.6);
		cairo_new_sub_path(d->cr);
		cairo_arc(d->cr, cx, cy, r, 0, 2 * G_PI);
		cairo_stroke(d->cr);
		c = fixed(d, "（党组织盖章）", pt * 0.85, 0, 0, PANGO_ALIGN_LEFT);
		lay_show(d, c, cx - c->w / 2, cy - pt * 0.7);
		cairo_restore(d->cr);
	}
}

/* Pick the largest text size at which the form fits its page; the grid is
 * left laid out at that size.  Returns the size; counts forms set smaller
 * than the first size, and those that do not fit even at the last. */
static double
form_fit(struct pdoc *d)
{
	double avail = BODY_BOTTOM - BODY_TOP, pt = fit_sizes[0], need = 0;
	size_t k;

	for (k = 0; k < NSIZES; k++) {
		pt = fit_sizes[k];
		need = title_block(d, pt, 0) + grid_layout(d, pt) + sign_height(&d->f, pt) +
		    (d->f.note[0] != '\0' ? pt * 2 : 0);
		if (need <= avail)
			break;
	}
	if (k > 0)
		d->smaller++;
	if (need > avail)
		d->overfull++;
	return pt;
}

/* Draw the laid-out grid from y; returns the y under it. */
static double
grid_draw(struct pdoc *d, double pt, double y)
{
	const struct form *f = &d->f;
	double x0 = MARGIN_X, x1 = x0 + COL_NUM, x2 = x1 + COL_LABEL, x3 = MARGIN_X + TABLE_W;
	double top = y, h, ys[ROWS_MAX + 1];
	size_t i, j;

	/* the head row, shaded */
	h = pt * 1.45 + 2 * PAD_Y;
	cairo_set_source_rgb(d->cr, 0.92, 0.92, 0.92);
	cairo_rectangle(d->cr, x0, y, TABLE_W, h);
	cairo_fill(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	lay_show(d, &d->cell[0][0], x0, y + PAD_Y);
	lay_show(d, &d->cell[0][1], x1, y + PAD_Y);
	lay_show(d, &d->cell[0][2], x2, y + PAD_Y);
	y += h;
	for (i = 0; i < f->nrows; i++) {
		ys[i] = y;
		y += f->rows[i].h;
	}
	ys[f->nrows] = y;

	for (i = 0; i < f->nrows; i++) {
		const struct frow *r = &f->rows[i];
		const struct lay *c = d->cell[i + 1];

		/* 序号: centred over the rows it spans */
		if (r->span > 0) {
			double sh = ys[i + (size_t)r->span] - ys[i];

			lay_show(d, &c[0], x0, ys[i] + (sh - c[0].h) / 2);
		}
		lay_show(d, &c[1], x1 + PAD_X, ys[i] + (r->h - c[1].h) / 2);
		lay_show(d, &c[2], x2 + PAD_X, ys[i] + (r->h - c[2].h) / 2);
	}

	/* the rules: the head's underline, each row's, the spans' own */
	hline(d, x0, x3, top + h, 0.6);
	for (i = 1; i < f->nrows; i++) {
		int covered = 0;

		for (j = 0; j < i; j++)
			if (f->rows[j].span > 1 && j + (size_t)f->rows[j].span > i)
				covered = 1;
		hline(d, covered ? x1 : x0, x3, ys[i], 0.5);
	}
	vline(d, x1, top, y, 0.5);
	vline(d, x2, top, y, 0.5);
	cairo_set_line_width(d->cr, 1.2);
	cairo_rectangle(d->cr, x0, top, TABLE_W, y - top);
	cairo_stroke(d->cr);
	return y;
}

/* Draw d->f as the next page. */
static int
form_page(struct pdoc *d)
{
	double pt, y;

	pt = form_fit(d);
	page_frame(d);
	y = BODY_TOP + title_block(d, pt, 1);
	y = grid_draw(d, pt, y);
	if (d->f.note[0] != '\0') {
		lay_show(d, fixed(d, d->f.note, pt * 0.9, 0, TABLE_W, PANGO_ALIGN_LEFT),
		    MARGIN_X, y + pt * 0.4);
		y += pt * 2;
	}
	sign_block(d, pt, y);
	cairo_show_page(d->cr);
	d->page++;
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS || d->of.err != 0)
		return -1;
	return 0;
}

/* ---- forms ---- */

static struct frow *
add_row(struct form *f, int rec, const char *key, const char *value)
{
	struct item_info it;
	struct frow *r;

	if (f->nrows >= ROWS_MAX)
		return NULL;
	item_info(rec, key, &it);
	r = &f->rows[f->nrows];
	memset(r, 0, sizeof *r);
	if (it.item > 0)
		snprintf(r->num, sizeof r->num, "%d", it.item);
	r->span = 1;
	r->label = it.label;
	r->value = value;
	if (f->blank && value[0] == '\0' && it.list >= 0) {
		/* a short list: the choices as boxes to tick */
		const struct codelist *cl = codelist_get(it.list);
		char *b = f->boxes[f->nrows];
		size_t i, n = 0;

		b[0] = '\0';
		for (i = 0; cl != NULL && cl->n <= 6 && i < cl->n; i++) {
			int w;

			/* item 9: the unit hosts the organisation being filled */
			if (it.list == CL_UNIT_PARTY_STATUS &&
			    strcmp(cl->e[i].name, "未建立党组织") == 0)
				continue;
			/* U+2060 WORD JOINER keeps a box on the line of its name */
			w = snprintf(b + n, sizeof f->boxes[0] - n, "%s□\u2060%s",
			    n > 0 ? "　　" : "", cl->e[i].name);

			if (w < 0 || (size_t)w >= sizeof f->boxes[0] - n) {
				b[0] = '\0';
				break;
			}
			n += (size_t)w;
		}
		r->value = b;
	}
	f->nrows++;
	return r;
}

/* A sub-row (失去联系日期 under item 15): the row above spans it. */
static void
add_sub(struct form *f, int rec, const char *key, const char *value)
{
	struct frow *r = add_row(f, rec, key, value);

	if (r == NULL)
		return;
	r->num[0] = '\0';
	r->span = 0;
	f->rows[f->nrows - 2].span = 2;
}

static void
form_reset(struct form *f, int blank)
{
	f->nrows = 0;
	f->subtitle[0] = '\0';
	f->note[0] = '\0';
	f->confirm = "";
	f->header = "";
	f->blank = blank;
}

/* 附件2 of m (NULL = blank) in branch branch_name ("" = unknown). */
static void
form_member(struct form *f, const struct member *m, const char *branch_name)
{
	static const struct member empty;
	const int R = REC_KIND_MEMBER;

	form_reset(f, m == NULL);
	if (m == NULL)
		m = &empty;
	f->annex = "附件2";
	f->title = "党员基本信息采集表";
	f->header = branch_name;
	f->sign = SIGN_MEMBER;
	f->confirm = m->confirm_method;
	add_row(f, R, "name", m->name);
	add_row(f, R, "sex", m->sex);
	add_row(f, R, "ethnicity", m->ethnicity);
	add_row(f, R, "idcard", m->idcard);
	add_row(f, R, "birth", m->birth);
	add_row(f, R, "education", m->education);
	add_row(f, R, "category", m->category);
	add_row(f, R, "branch", branch_name);
	add_row(f, R, "join_date", m->join_date);
	add_row(f, R, "full_date", m->full_date);
	add_row(f, R, "job", m->job);
	add_row(f, R, "phone", m->phone);
	add_row(f, R, "address", m->address);
	add_row(f, R, "party_status", m->party_status);
	add_row(f, R, "lost", m->lost);
	add_sub(f, R, "lost_date", m->lost_date);
	add_row(f, R, "floating", m->floating);
	add_sub(f, R, "flow_to", m->flow_to);
	add_row(f, R, "note", m->note);
}

/* The units an organisation's 附件1 shows (items 7-10 and the 附页). */
static size_t
org_units(const struct org *o)
{
	if (strcmp(o->unit_situation, "法人单位") == 0 ||
	    strcmp(o->unit_situation, "联合党支部") == 0)
		return o->n_units;
	return 0;
}

/* Pages of an organisation's 附件1: the form, and a 附页 per further unit. */
static size_t
org_pages(const struct org *o)
{
	size_t n = org_units(o);

	return n > 1 ? n : 1;
}

static void
add_unit_rows(struct form *f, const struct unit *u)
{
	const int R = REC_KIND_UNIT;

	add_row(f, R, "name", u->name);
	add_row(f, R, "category", u->category);
	add_row(f, R, "party_status", u->party_status);
	add_row(f, R, "code", u->code);
}

/* Draw the 附件1 of o (NULL = blank: the form and one blank 附页). */
static int
print_org_forms(struct pdoc *d, const struct org *o)
{
	static const struct org empty;
	static const struct unit no_unit;
	struct form *f = &d->f;
	const int R = REC_KIND_ORG;
	size_t nu, k;
	int blank = o == NULL;

	if (blank)
		o = &empty;
	nu = org_units(o);
	form_reset(f, blank);
	f->annex = "附件1";
	f->title = "党组织和所在单位基本信息采集表";
	f->header = o->name;
	f->sign = SIGN_ORG;
	add_row(f, R, "name", o->name);
	add_row(f, R, "secretary", o->secretary);
	add_row(f, R, "contact", o->contact);
	add_row(f, R, "phone", o->phone);
	add_row(f, R, "category", o->category);
	add_row(f, R, "unit_situation", o->unit_situation);
	add_unit_rows(f, nu > 0 ? &o->units[0] : &no_unit);
	if (nu > 1) {
		char range[48];

		if (nu > 2)
			snprintf(range, sizeof range, "第 2 至第 %zu 个", nu);
		else
			snprintf(range, sizeof range, "第 2 个");
		snprintf(f->note, sizeof f->note, "注：本党组织共有 %zu 个所在单位，"
		    "%s单位的信息见附页。", nu, range);
	} else if (blank)
		snprintf(f->note, sizeof f->note, "注：联合党支部的第 2 个及以后的"
		    "所在单位，每个单位填写一张附页。");
	if (form_page(d) != 0)
		return -1;
	d->orgs++;
	for (k = 1; k < (blank ? 2 : nu); k++) {
		form_reset(f, blank);
		f->annex = "附件1 附页";
		f->title = "党组织和所在单位基本信息采集表附页";
		f->header = o->name;
		f->sign = SIGN_NONE;
		if (blank)
			snprintf(f->subtitle, sizeof f->subtitle, "（联合党支部所在单位信息　第　　个单位）");
		else
			snprintf(f->subtitle, sizeof f->subtitle,
			    "（联合党支部所在单位信息　第 %zu 个单位，共 %zu 个）", k + 1, nu);
		add_row(f, R, "name", o->name);
		add_unit_rows(f, blank ? &no_unit : &o->units[k]);
		if (form_page(d) != 0)
			return -1;
	}
	return 0;
}

static int
print_member_form(struct pdoc *d, const struct member *m, const char *branch_name)
{
	form_member(&d->f, m, branch_name);
	if (form_page(d) != 0)
		return -1;
	if (m != NULL)
		d->members++;
	return 0;
}

/* ---- the document ---- */

static int
lay_new(struct pdoc *d, struct lay *c)
{
	memset(c, 0, sizeof *c);
	c->l = pango_layout_new(d->pc);
	return c->l != NULL ? 0 : -1;
}

static void
lay_free(struct lay *c)
{
	if (c->l != NULL)
		g_object_unref(c->l);
	free(c->text);
	c->l = NULL;
	c->text = NULL;
}

static void
doc_free(struct pdoc *d)
{
	size_t i, j;

	if (d->cr != NULL)
		cairo_destroy(d->cr);
	if (d->surf != NULL)
		cairo_surface_destroy(d->surf);
	lay_free(&d->head);
	lay_free(&d->pageno);
	for (i = 0; i <= ROWS_MAX; i++)
		for (j = 0; j < 3; j++)
			lay_free(&d->cell[i][j]);
	for (i = 0; i < FIXED_MAX; i++)
		lay_free(&d->fixed[i]);
	if (d->pc != NULL)
		g_object_unref(d->pc);
	if (d->fm != NULL)
		g_object_unref(d->fm);
	if (d->font != NULL)
		pango_font_description_free(d->font);
	d->cr = NULL;
	d->surf = NULL;
	d->pc = NULL;
	d->fm = NULL;
	d->font = NULL;
}

/* The pango context, and whether the form face is there. */
static int
doc_fonts(struct pdoc *d, char **cause)
{
	PangoFont *font;
	size_t i, j;
	int ok = 0;

	d->fm = pango_cairo_font_map_new();
	d->pc = pango_font_map_create_context(d->fm);
	d->font = pango_font_description_from_string(FONT_FAMILY " 12");
	if (d->fm == NULL || d->pc == NULL || d->font == NULL) {
		cause_set(cause, "内存不足");
		return -1;
	}
	pango_cairo_context_set_resolution(d->pc, 72.0);
	pango_context_set_language(d->pc, pango_language_from_string("zh-cn"));
	{
		cairo_font_options_t *fo = cairo_font_options_create();

		cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
		cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
		pango_cairo_context_set_font_options(d->pc, fo);
		cairo_font_options_destroy(fo);
	}
	font = pango_font_map_load_font(d->fm, d->pc, d->font);
	if (font != NULL) {
		PangoFontDescription *got = pango_font_describe(font);
		const char *fam = got ? pango_font_description_get_family(got) : NULL;

		ok = fam != NULL && strcmp(fam, FONT_FAMILY) == 0;
		if (got != NULL)
			pango_font_description_free(got);
		g_object_unref(font);
	}
	if (!ok) {
		cause_set(cause, "没有找到字体 %s(Debian 软件包 fonts-noto-cjk;"
		    "可运行 make deps 安装)", FONT_FAMILY);
		return -1;
	}
	ok = lay_new(d, &d->head) == 0 && lay_new(d, &d->pageno) == 0;
	for (i = 0; i <= ROWS_MAX; i++)
		for (j = 0; j < 3; j++)
			ok = ok && lay_new(d, &d->cell[i][j]) == 0;
	for (i = 0; i < FIXED_MAX; i++)
		ok = ok && lay_new(d, &d->fixed[i]) == 0;
	if (!ok) {
		cause_set(cause, "内存不足");
		return -1;
	}
	pango_layout_set_ellipsize(d->head.l, PANGO_ELLIPSIZE_MIDDLE);
	return 0;
}

/* Open the temporary next to path and the PDF surface on it. */
static int
doc_open(struct pdoc *d, const char *path, const char *title, const char *today,
    char **cause)
{
	const char *slash = strrchr(path, '/');
	int n, fd;

	if (slash == NULL)
		n = snprintf(d->dir, sizeof d->dir, ".");
	else if (slash == path)
		n = snprintf(d->dir, sizeof d->dir, "/");
	else
		n = snprintf(d->dir, sizeof d->dir, "%.*s", (int)(slash - path), path);
	if (n < 0 || (size_t)n >= sizeof d->dir) {
		cause_set(cause, "文件名太长: %s", path);
		return -1;
	}
	fd = outfile_tmp(d->dir, d->tmp, sizeof d->tmp);
	if (fd < 0) {
		cause_set(cause, "无法在 %s 中建立文件: %s", d->dir, outfile_strerror(errno));
		d->tmp[0] = '\0';
		return -1;
	}
	if (outfile_open(&d->of, fd, OUTFILE_UTF8) != 0) {
		cause_set(cause, "内存不足");
		return -1;
	}
	d->surf = cairo_pdf_surface_create_for_stream(pdf_write, d, PAGE_W, PAGE_H);
	if (cairo_surface_status(d->surf) != CAIRO_STATUS_SUCCESS) {
		cause_set(cause, "无法建立 PDF: %s",
		    cairo_status_to_string(cairo_surface_status(d->surf)));
		return -1;
	}
	cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_CREATOR, "caiji");
	if (today != NULL) {
		char date[32];

		snprintf(date, sizeof date, "%sT00:00:00", today);
		cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
	}
	d->cr = cairo_create(d->surf);
	pango_cairo_update_context(d->cr, d->pc);
	return 0;
}

/* Finish the PDF and put it at path. */
static int
doc_close(struct pdoc *d, const char *path, char **cause)
{
	cairo_status_t st;

	cairo_destroy(d->cr);
	d->cr = NULL;
	cairo_surface_finish(d->surf);
	st = cairo_surface_status(d->surf);
	cairo_surface_destroy(d->surf);
	d->surf = NULL;
	if (st != CAIRO_STATUS_SUCCESS && d->of.err == 0) {
		cause_set(cause, "生成 PDF 失败: %s", cairo_status_to_string(st));
		return -1;
	}
	if (outfile_close(&d->of) != 0) {
		cause_set(cause, "写入 PDF 失败: %s", outfile_strerror(d->of.err));
		return -1;
	}
	if (rename(d->tmp, path) != 0) {
		cause_set(cause, "无法保存 %s: %s", path, outfile_strerror(errno));
		return -1;
	}
	d->tmp[0] = '\0';
	outfile_sync_dir(d->dir);
	return 0;
}

/* ---- walks ---- */

struct job {
	struct store *s;
	struct pdoc *d;
	int counting;         /* first pass: add up pages only */
	size_t pages;
	const char *branch_name;
	int err;              /* drawing failed */
};

static int
member_cb(const struct member *m, void *ud)
{
	struct job *j = ud;

	if (m->meta.removed != RM_NONE)
		return 0;
	if (j->counting) {
		j->pages++;
		return 0;
	}
	if (print_member_form(j->d, m, j->branch_name) != 0) {
		j->err = 1;
		return 1;
	}
	return 0;
}

/* One organisation's 附件1 and, for a branch, its members' 附件2. */
static int
org_cb(const struct org *o, int kind, const struct org *parent, void *ud)
{
	struct job *j = ud;
	int rc;

	(void)parent;
	if (j->counting)
		j->pages += org_pages(o);
	else if (print_org_forms(j->d, o) != 0) {
		j->err = 1;
		return 1;
	}
	if (kind == REPORT_BRANCH || (kind == REPORT_SELF && org_is_branch(o->category))) {
		j->branch_name = o->name;
		rc = store_member_each(j->s, o->meta.id, member_cb, j);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static void
today_str(const char *today, char *out, size_t n)
{
	if (today != NULL) {
		snprintf(out, n, "%s", today);
	} else {
		time_t t = time(NULL);
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(out, n, "%Y-%m-%d", &tm);
	}
}

/* The records of the job: rc 0, or PRINT_ENOTFOUND with *cause. */
struct recs {
	struct member *m;
	struct org *o, *br;
};

static int
load_recs(struct store *s, const struct print_opts *o, struct recs *r, char **cause)
{
	switch (o->what) {
	case PRINT_MEMBER:
		if (store_member_get(s, o->id, r->m, NULL) != 0 || r->m->meta.removed != RM_NONE) {
			cause_set(cause, "找不到这名党员(或已移除)");
			return PRINT_ENOTFOUND;
		}
		if (store_org_get_head(s, r->m->branch, r->br) != 0)
			r->br->name[0] = '\0';
		return 0;
	case PRINT_BLANK_MEMBER:
		if (o->id != 0 && store_org_get_head(s, o->id, r->br) != 0) {
			cause_set(cause, "找不到党支部");
			return PRINT_ENOTFOUND;
		}
		return 0;
	case PRINT_BLANK_ORG:
		return 0;
	case PRINT_BRANCH:
	case PRINT_ORG:
	case PRINT_COMMITTEE:
		if (store_org_get(s, o->id, r->o, NULL) != 0 || r->o->meta.removed != RM_NONE) {
			cause_set(cause, "找不到这个党组织(或已移除)");
			return PRINT_ENOTFOUND;
		}
		if (o->what == PRINT_BRANCH && !org_is_branch(r->o->category)) {
			cause_set(cause, "%s 不是党支部(组织类别: %s)", r->o->name,
			    r->o->category[0] ? r->o->category : "未填");
			return PRINT_ENOTFOUND;
		}
		return 0;
	default:
		cause_set(cause, "不支持的打印内容");
		return PRINT_ENOTFOUND;
	}
}

/* Run the job: counting (d == NULL in j) or drawing.  Returns 0 or -1. */
static int
run_job(struct store *s, const struct print_opts *o, const struct recs *r, struct job *j)
{
	int rc = 0;

	j->s = s;
	j->pages = 0;
	switch (o->what) {
	case PRINT_MEMBER:
		if (j->counting)
			j->pages = 1;
		else
			rc = print_member_form(j->d, r->m, r->br->name);
		break;
	case PRINT_BLANK_MEMBER:
		if (j->counting)
			j->pages = 1;
		else
			rc = print_member_form(j->d, NULL, o->id != 0 ? r->br->name : "");
		break;
	case PRINT_BLANK_ORG:
		if (j->counting)
			j->pages = 2;
		else
			rc = print_org_forms(j->d, NULL);
		break;
	case PRINT_ORG:
		if (j->counting)
			j->pages = org_pages(r->o);
		else
			rc = print_org_forms(j->d, r->o);
		break;
	case PRINT_BRANCH:
		j->branch_name = r->o->name;
		rc = store_member_each(s, o->id, member_cb, j);
		break;
	case PRINT_COMMITTEE:
		rc = report_walk(s, o->id, org_cb, j);
		break;
	}
	return rc != 0 || j->err ? -1 : 0;
}

int
print_run(struct store *s, const struct print_opts *o, struct print_result *res,
    char **cause)
{
	struct pdoc *d = NULL;
	struct recs r = { NULL, NULL, NULL };
	struct job j;
	const char *title;
	int rc = PRINT_EFAIL;

	memset(res, 0, sizeof *res);
	memset(&j, 0, sizeof j);
	if (pdf_lib() == NULL) {
		cause_set(cause, "无法载入 pango/cairo 程序库，不能打印");
		return PRINT_EFAIL;
	}
	d = calloc(1, sizeof *d);
	r.m = malloc(sizeof *r.m);
	r.o = org_new();
	r.br = malloc(sizeof *r.br);
	if (d == NULL || r.m == NULL || r.o == NULL || r.br == NULL) {
		cause_set(cause, "内存不足");
		goto out;
	}
	outfile_init(&d->of);
	r.br->name[0] = '\0';
	if ((rc = load_recs(s, o, &r, cause)) != 0)
		goto out;
	rc = PRINT_EFAIL;

	j.counting = 1;
	if (run_job(s, o, &r, &j) != 0) {
		cause_set(cause, "读取数据库失败");
		goto out;
	}
	if (j.pages == 0) {
		cause_set(cause, "没有可打印的内容(党支部中没有党员)");
		rc = PRINT_ENOTFOUND;
		goto out;
	}
	if (doc_fonts(d, cause) != 0) {
		rc = PRINT_EFONT;
		goto out;
	}
	d->total = j.pages;
	today_str(o->today, d->today, sizeof d->today);
	title = o->what == PRINT_ORG || o->what == PRINT_BLANK_ORG ?
	    "党组织和所在单位基本信息采集表" : o->what == PRINT_COMMITTEE ?
	    "党组织和党员基本信息采集表" : "党员基本信息采集表";
	if (doc_open(d, o->path, title, o->today, cause) != 0)
		goto out;
	j.counting = 0;
	j.d = d;
	if (run_job(s, o, &r, &j) != 0) {
		if (d->of.err != 0)
			cause_set(cause, "写入 PDF 失败: %s", outfile_strerror(d->of.err));
		else if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS)
			cause_set(cause, "生成 PDF 失败: %s",
			    cairo_status_to_string(cairo_status(d->cr)));
		else
			cause_set(cause, "读取数据库失败");
		goto out;
	}
	if (d->page != d->total) {
		cause_set(cause, "打印期间数据有变动(应为 %zu 页,实为 %zu 页),"
		    "未保存,请重新打印", d->total, d->page);
		goto out;
	}
	if (doc_close(d, o->path, cause) != 0)
		goto out;
	res->pages = d->page;
	res->members = d->members;
	res->orgs = d->orgs;
	res->smaller = d->smaller;
	res->overfull = d->overfull;
	rc = PRINT_OK;
out:
	if (d != NULL) {
		doc_free(d);
		outfile_abort(&d->of);
		if (d->tmp[0] != '\0')
			unlink(d->tmp);
	}
	free(d);
	free(r.m);
	org_delete(r.o);
	free(r.br);     /* head loads only */
	return rc;
}

/* ---- names ---- */

int
print_default_name(int what, const char *name, const char *idcard, char *out, size_t n)
{
	int w;
	char *p;

	switch (what) {
	case PRINT_MEMBER:
		w = snprintf(out, n, "%s-%s党员基本信息采集表.pdf", name, idcard);
		break;
	case PRINT_BRANCH:
		w = snprintf(out, n, "%s党员基本信息采集表.pdf", name);
		break;
	case PRINT_ORG:
		w = snprintf(out, n, "%s党组织和所在单位基本信息采集表.pdf", name);
		break;
	case PRINT_COMMITTEE:
		w = snprintf(out, n, "%s信息采集表.pdf", name);
		break;
	case PRINT_BLANK_MEMBER:
		w = snprintf(out, n, "空白党员基本信息采集表.pdf");
		break;
	case PRINT_BLANK_ORG:
		w = snprintf(out, n, "空白党组织和所在单位基本信息采集表.pdf");
		break;
	default:
		return -1;
	}
	if (w < 0 || (size_t)w >= n)
		return -1;
	for (p = out; *p != '\0'; p++)
		if (*p == '/' || (unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '_';
	return 0;
}
