/* stats.c - member statistics per organisation and in total, and their text tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "codelist.h"
#include "record.h"
#include "stats.h"
#include "utf8.h"
#include "validate.h"
#include "walk.h"

const char *const stats_age_labels[AGE_NBANDS] = {
	"30岁及以下", "31-40岁", "41-50岁", "51-60岁", "61-70岁", "71岁及以上", "年龄不详",
};

const char *const stats_edu_labels[EDU_NGROUPS] = {
	"研究生", "大学本科", "大学专科", "中专/高中", "初中及以下", "其他学历",
};

int
stats_edu_group(const char *e)
{
	const struct codelist *l = codelist_get(CL_EDUCATION);
	const struct cl_entry *ce;
	size_t i;

	if (e == NULL || *e == '\0')
		return EDU_OTHER;
	/* the group column of the code list decides; names outside it by wording */
	if (l != NULL && (ce = codelist_find_name(l, e)) != NULL &&
	    ce->group != NULL && ce->group[0] != '\0')
		for (i = 0; i < EDU_NGROUPS; i++)
			if (strcmp(ce->group, stats_edu_labels[i]) == 0)
				return (int)i;
	if (strstr(e, "研究生") || strstr(e, "硕士") || strstr(e, "博士"))
		return EDU_GRADUATE;
	if (strstr(e, "中等专科") || strstr(e, "中专") || strstr(e, "高中") ||
	    strstr(e, "技工") || strstr(e, "中技") || strstr(e, "职业高中"))
		return EDU_SECONDARY;
	if (strstr(e, "大专") || strstr(e, "专科"))
		return EDU_COLLEGE;
	if (strstr(e, "大学") || strstr(e, "本科") || strstr(e, "学士"))
		return EDU_BACHELOR;
	if (strstr(e, "初中") || strstr(e, "小学") || strstr(e, "文盲") ||
	    strstr(e, "不识字"))
		return EDU_JUNIOR;
	return EDU_OTHER;
}

/* Parse YYYY-MM-DD or YYYYMMDD at s into y/m/d; 0 on success. */
static int
parse_ymd(const char *s, int dashed, int *y, int *m, int *d)
{
	int i, step = dashed ? 1 : 0;
	const char *p = s;

	for (i = 0; i < 4; i++)
		if (p[i] < '0' || p[i] > '9')
			return -1;
	if (dashed && (p[4] != '-' || p[7] != '-'))
		return -1;
	for (i = 4 + step; i < 6 + step; i++)
		if (p[i] < '0' || p[i] > '9')
			return -1;
	for (i = 6 + 2 * step; i < 8 + 2 * step; i++)
		if (p[i] < '0' || p[i] > '9')
			return -1;
	*y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
	    (p[3] - '0');
	*m = (p[4 + step] - '0') * 10 + (p[5 + step] - '0');
	*d = (p[6 + 2 * step] - '0') * 10 + (p[7 + 2 * step] - '0');
	if (*m < 1 || *m > 12 || *d < 1 || *d > 31)
		return -1;
	return 0;
}

int
stats_age_band(const char *birth, const char *idcard, const char *today)
{
	int by, bm, bd, ty, tm, td, age;

	if (today == NULL || strlen(today) < 10 ||
	    parse_ymd(today, 1, &ty, &tm, &td) != 0)
		return AGE_UNKNOWN;
	if (birth != NULL && strlen(birth) >= 10 &&
	    parse_ymd(birth, 1, &by, &bm, &bd) == 0)
		;
	else if (idcard != NULL && strlen(idcard) == 18 &&
	    parse_ymd(idcard + 6, 0, &by, &bm, &bd) == 0)
		;
	else
		return AGE_UNKNOWN;
	age = ty - by;
	if (tm < bm || (tm == bm && td < bd))
		age--;
	if (age < 0)
		return AGE_UNKNOWN;
	if (age <= 30)
		return AGE_LE30;
	if (age <= 40)
		return AGE_31_40;
	if (age <= 50)
		return AGE_41_50;
	if (age <= 60)
		return AGE_51_60;
	if (age <= 70)
		return AGE_61_70;
	return AGE_GE71;
}

void
stats_add_member(struct stats_counts *c, const struct member *m,
    const char *today)
{
	if (m->meta.removed != RM_NONE)
		return;
	c->members++;
	if (m->meta.state == REC_DRAFT)
		c->drafts++;
	if (strcmp(m->category, "正式党员") == 0)
		c->full++;
	else if (rule_is_probationary(m->category)) {
		c->probationary++;
		if (today != NULL && rule_probation_due(m->category, m->join_date, today, NULL))
			c->due++;
	}
	if (strcmp(m->sex, "男") == 0)
		c->male++;
	else if (strcmp(m->sex, "女") == 0)
		c->female++;
	if (m->ethnicity[0] != '\0' && strcmp(m->ethnicity, "汉族") != 0 &&
	    strstr(m->ethnicity, "其他") == NULL &&
	    strstr(m->ethnicity, "外国") == NULL)
		c->minority++;
	c->age[stats_age_band(m->birth, m->idcard, today)]++;
	c->edu[stats_edu_group(m->education)]++;
	if (rule_is_yes(m->lost))
		c->lost++;
	if (rule_is_yes(m->floating))
		c->floating++;
	if (strcmp(m->party_status, "停止党籍") == 0)
		c->suspended++;
}

static void
counts_add(struct stats_counts *a, const struct stats_counts *b)
{
	size_t i;

	a->members += b->members;
	a->full += b->full;
	a->probationary += b->probationary;
	a->male += b->male;
	a->female += b->female;
	a->minority += b->minority;
	for (i = 0; i < AGE_NBANDS; i++)
		a->age[i] += b->age[i];
	for (i = 0; i < EDU_NGROUPS; i++)
		a->edu[i] += b->edu[i];
	a->lost += b->lost;
	a->floating += b->floating;
	a->suspended += b->suspended;
	a->due += b->due;
	a->drafts += b->drafts;
}

struct stats_ctx {
	struct store *s;
	const char *today;
	struct stats *st;
	size_t cap;
	struct stats_counts *cur;
	int all;                  /* every top-level organisation has 党统人数 */
};

static int
stats_member(const struct member *m, void *ud)
{
	struct stats_ctx *c = ud;

	stats_add_member(c->cur, m, c->today);
	return 0;
}

/* An organisation met: its row (mark = row + 1), its branch's members. */
static int
stats_pre(struct walk_node *n, void *ud)
{
	struct stats_ctx *c = ud;
	const struct org *o = n->org;
	struct stats_org *e;

	if (c->st->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 16;
		struct stats_org *p = realloc(c->st->orgs, ncap * sizeof *p);

		if (p == NULL)
			return STORE_EIO;
		c->st->orgs = p;
		c->cap = ncap;
	}
	e = &c->st->orgs[c->st->n];
	memset(e, 0, sizeof *e);
	e->id = o->meta.id;
	rec_strcpy(e->name, sizeof e->name, o->name);
	rec_strcpy(e->category, sizeof e->category, o->category);
	e->depth = n->depth;
	e->stat_count = o->stat_count;
	n->mark = ++c->st->n;
	if (n->depth == 0) {
		if (o->stat_count < 0)
			c->all = 0;
		else
			c->st->stat_total += o->stat_count;
	}
	if (!org_is_branch(o->category))
		return 0;
	c->cur = &e->c;
	return store_member_each(c->s, o->meta.id, stats_member, c);
}

/* Its subtree done: its counts go into its parent's (or the total). */
static int
stats_post(struct walk_node *n, void *ud)
{
	struct stats_ctx *c = ud;
	const struct stats_counts *mine = &c->st->orgs[n->mark - 1].c;

	if (n->parent != NULL)
		counts_add(&c->st->orgs[n->parent->mark - 1].c, mine);
	else
		counts_add(&c->st->total, mine);
	return 0;
}

int
stats_compute(struct store *s, uint64_t top, const char *today,
    struct stats *out)
{
	static const struct walk_ops ops = { stats_pre, stats_post };
	struct stats_ctx c;
	char now[REC_DATE_MAX];
	int rc;

	memset(out, 0, sizeof *out);
	if (today == NULL) {
		time_t t = time(NULL);
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(now, sizeof now, "%Y-%m-%d", &tm);
		today = now;
	}
	memset(&c, 0, sizeof c);
	c.s = s;
	c.today = today;
	c.st = out;
	c.all = 1;
	rc = walk_orgs(s, top, WALK_BRANCHES_FIRST | WALK_HEAD, &ops, &c);
	if (rc == 0 && top != 0 && out->n == 0)
		rc = STORE_ENOTFOUND;
	if (!c.all || out->n == 0)
		out->stat_total = -1;
	if (rc != 0)
		stats_free(out);
	return rc;
}

void
stats_free(struct stats *st)
{
	free(st->orgs);
	st->orgs = NULL;
	st->n = 0;
}

/* Print s padded to width w (left-aligned when left, else right). */
static void
put_cell(FILE *fp, const char *s, size_t w, int left)
{
	size_t sw = utf8_width(s), i;

	if (!left)
		for (i = sw; i < w; i++)
			fputc(' ', fp);
	fputs(s, fp);
	if (left)
		for (i = sw; i < w; i++)
			fputc(' ', fp);
}

#define T1_COLS 14
#define T2_COLS (1 + AGE_NBANDS + EDU_NGROUPS)
#define CELL 48

/* Cells of table 1 for one row. */
static void
row1(char cells[T1_COLS][CELL], const struct stats_counts *c, int64_t stat)
{
	size_t v[] = { c->members, c->full, c->probationary, c->male, c->female,
		c->minority, c->lost, c->floating, c->suspended, c->due, c->drafts };
	size_t i;

	snprintf(cells[1], CELL, "%zu", c->members);
	if (stat >= 0) {
		snprintf(cells[2], CELL, "%lld", (long long)stat);
		snprintf(cells[3], CELL, "%+lld",
		    (long long)c->members - (long long)stat);
		if ((long long)c->members == stat)
			snprintf(cells[3], CELL, "0");
	} else {
		snprintf(cells[2], CELL, "-");
		snprintf(cells[3], CELL, "-");
	}
	for (i = 1; i < sizeof v / sizeof v[0]; i++)
		snprintf(cells[3 + i], CELL, "%zu", v[i]);
}

static void
row2(char cells[T2_COLS][CELL], const struct stats_counts *c)
{
	size_t i;

	for (i = 0; i < AGE_NBANDS; i++)
		snprintf(cells[1 + i], CELL, "%zu", c->age[i]);
	for (i = 0; i < EDU_NGROUPS; i++)
		snprintf(cells[1 + AGE_NBANDS + i], CELL, "%zu", c->edu[i]);
}

/* The first column: the organisation name indented by depth. */
static void
name_cell(char *out, size_t n, const struct stats_org *o)
{
	int i, w = 0;

	for (i = 0; i < o->depth && w + 2 < (int)n; i++)
		w += snprintf(out + w, n - (size_t)w, "  ");
	snprintf(out + w, n - (size_t)w, "%s", o->name);
}

static void
print_table(FILE *fp, const struct stats *st, int which)
{
	static const char *const h1[T1_COLS] = { "党组织", "党员", "党统人数",
		"差额", "正式党员", "预备党员", "男", "女", "少数民族", "失联",
		"流动", "停止党籍", "预备期满", "草稿" };
	const char *h[T2_COLS > T1_COLS ? T2_COLS : T1_COLS];
	size_t ncols = which == 1 ? T1_COLS : T2_COLS, i, r, nrows = st->n + 1;
	size_t w[T2_COLS > T1_COLS ? T2_COLS : T1_COLS];
	char (*cells)[T2_COLS > T1_COLS ? T2_COLS : T1_COLS][CELL];
	char name[CELL * 8];
	size_t namew;

	cells = calloc(nrows, sizeof *cells);
	if (cells == NULL)
		return;
	if (which == 1) {
		for (i = 0; i < T1_COLS; i++)
			h[i] = h1[i];
	} else {
		h[0] = "党组织";
		for (i = 0; i < AGE_NBANDS; i++)
			h[1 + i] = stats_age_labels[i];
		for (i = 0; i < EDU_NGROUPS; i++)
			h[1 + AGE_NBANDS + i] = stats_edu_labels[i];
	}
	for (r = 0; r < nrows; r++) {
		const struct stats_counts *c = r < st->n ? &st->orgs[r].c : &st->total;
		int64_t stat = r < st->n ? st->orgs[r].stat_count : st->stat_total;

		if (which == 1)
			row1((char (*)[CELL])cells[r], c, stat);
		else
			row2((char (*)[CELL])cells[r], c);
	}
	for (i = 0; i < ncols; i++)
		w[i] = utf8_width(h[i]);
	namew = utf8_width("合计");
	for (r = 0; r < st->n; r++) {
		name_cell(name, sizeof name, &st->orgs[r]);
		if (utf8_width(name) > namew)
			namew = utf8_width(name);
	}
	if (namew > w[0])
		w[0] = namew;
	for (r = 0; r < nrows; r++)
		for (i = 1; i < ncols; i++)
			if (utf8_width(cells[r][i]) > w[i])
				w[i] = utf8_width(cells[r][i]);
	for (i = 0; i < ncols; i++) {
		if (i > 0)
			fputs("  ", fp);
		put_cell(fp, h[i], w[i], i == 0);
	}
	fputc('\n', fp);
	for (r = 0; r < nrows; r++) {
		if (r < st->n)
			name_cell(name, sizeof name, &st->orgs[r]);
		else
			snprintf(name, sizeof name, "合计");
		put_cell(fp, name, w[0], 1);
		for (i = 1; i < ncols; i++) {
			fputs("  ", fp);
			put_cell(fp, cells[r][i], w[i], 0);
		}
		fputc('\n', fp);
	}
	free(cells);
}

void
stats_print(FILE *fp, const struct stats *st)
{
	print_table(fp, st, 1);
	fputc('\n', fp);
	print_table(fp, st, 2);
	fputs("\n说明: 差额 = 采集人数 - 党统人数(仅供核对,不作调整);"
	    "预备期满 = 入党满一年的预备党员;年龄按今天计算。\n", fp);
}
