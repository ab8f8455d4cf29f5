/* opstats.c - the operator statistics report (opstats.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "opstats.h"
#include "utf8.h"

struct gather {
	struct store_opstat *rows;
	size_t n, cap;
};

static int
gather_one(const struct store_opstat *o, void *ud)
{
	struct gather *g = ud;

	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 16;
		struct store_opstat *p = realloc(g->rows, cap * sizeof *p);

		if (p == NULL)
			return STORE_EIO;
		g->rows = p;
		g->cap = cap;
	}
	g->rows[g->n++] = *o;
	return 0;
}

int
opstats_collect(struct store *s, const char *since, struct store_opstat **rows,
    size_t *n)
{
	struct gather g = { NULL, 0, 0 };
	int rc = store_opstat_each(s, since, gather_one, &g);

	if (rc != 0) {
		free(g.rows);
		return rc;
	}
	*rows = g.rows;
	*n = g.n;
	return 0;
}

static void
total_of(const struct store_opstat *rows, size_t n, struct store_opstat *t)
{
	size_t i;

	memset(t, 0, sizeof *t);
	snprintf(t->user, sizeof t->user, "合计");
	for (i = 0; i < n; i++) {
		t->created += rows[i].created;
		t->changed += rows[i].changed;
		t->keys += rows[i].keys;
		t->ms += rows[i].ms;
		t->corrected += rows[i].corrected;
		t->errors += rows[i].errors;
	}
}

/* The derived columns of o as text: seconds and keys per record, errors
 * per 1,000 keys ("-" without records or keys). */
static void
derived(const struct store_opstat *o, char *sec, char *keys, char *err, size_t size)
{
	uint64_t recs = o->created + o->changed;

	if (recs > 0) {
		snprintf(sec, size, "%.1f", (double)o->ms / 1000.0 / (double)recs);
		snprintf(keys, size, "%.1f", (double)o->keys / (double)recs);
	} else {
		snprintf(sec, size, "-");
		snprintf(keys, size, "-");
	}
	if (o->keys > 0)
		snprintf(err, size, "%.1f", (double)o->errors * 1000.0 / (double)o->keys);
	else
		snprintf(err, size, "-");
}

/* The widths of the columns in display columns (71 in all: the report
 * fits the TUI's box). */
static const int colw[8] = { 10, 11, 5, 5, 9, 9, 11, 11 };

/* s padded with spaces to cols display columns, on the left (right = 1:
 * right-aligned) or the right. */
static size_t
cell(char *out, size_t size, const char *s, int cols, int right)
{
	size_t w = utf8_width(s);
	int padn = (int)((size_t)cols > w ? (size_t)cols - w : 0);

	if (right)
		return (size_t)snprintf(out, size, "%*s%s", padn, "", s);
	return (size_t)snprintf(out, size, "%s%*s", s, padn, "");
}

static size_t
row(char *buf, size_t size, const char *const *v)
{
	size_t len = 0;
	int i;

	for (i = 0; i < 8; i++)
		len += cell(len < size ? buf + len : NULL, len < size ? size - len : 0,
		    v[i], colw[i], i >= 2);
	len += (size_t)snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0, "\n");
	return len;
}

static size_t
line(char *buf, size_t size, const struct store_opstat *o)
{
	char c[8][40];
	const char *v[8];
	int i;

	snprintf(c[0], sizeof c[0], "%s", o->user);
	snprintf(c[1], sizeof c[1], "%s", o->day);
	snprintf(c[2], sizeof c[2], "%llu", (unsigned long long)o->created);
	snprintf(c[3], sizeof c[3], "%llu", (unsigned long long)o->changed);
	derived(o, c[4], c[5], c[7], sizeof c[4]);
	snprintf(c[6], sizeof c[6], "%llu", (unsigned long long)o->corrected);
	for (i = 0; i < 8; i++)
		v[i] = c[i];
	return row(buf, size, v);
}

size_t
opstats_text(const struct store_opstat *rows, size_t n, char *buf, size_t size)
{
	static const char *const head[8] = { "录入员", "日期", "新建", "修改",
	    "每条用时", "每条按键", "离开后更正", "每千键错误" };
	struct store_opstat t;
	size_t len, i;

	if (size == 0)
		return 0;
	len = row(buf, size, head);
	for (i = 0; i < n; i++)
		len += line(len < size ? buf + len : NULL, len < size ? size - len : 0, &rows[i]);
	total_of(rows, n, &t);
	len += line(len < size ? buf + len : NULL, len < size ? size - len : 0, &t);
	if (len >= size)
		buf[size - 1] = '\0';
	return len;
}

static int
csv_row(FILE *fp, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0 && fputc(',', fp) == EOF)
			return -1;
		if (csv_fwrite(fp, cells[i], strlen(cells[i])) != 0)
			return -1;
	}
	return fputs("\r\n", fp) == EOF ? -1 : 0;
}

int
opstats_csv(FILE *fp, const struct store_opstat *rows, size_t n)
{
	static const char *const head[] = { "录入员", "日期", "新建", "修改",
	    "每条用时(秒)", "每条按键", "离开后更正", "每千键错误", "按键", "用时(秒)", "错误" };
	struct store_opstat t;
	char v[11][40];
	const char *cells[11];
	size_t i, j;

	if (csv_row(fp, head, 11) != 0)
		return -1;
	total_of(rows, n, &t);
	for (i = 0; i <= n; i++) {
		const struct store_opstat *o = i < n ? &rows[i] : &t;

		snprintf(v[0], sizeof v[0], "%s", o->user);
		snprintf(v[1], sizeof v[1], "%s", o->day);
		snprintf(v[2], sizeof v[2], "%llu", (unsigned long long)o->created);
		snprintf(v[3], sizeof v[3], "%llu", (unsigned long long)o->changed);
		derived(o, v[4], v[5], v[7], sizeof v[4]);
		snprintf(v[6], sizeof v[6], "%llu", (unsigned long long)o->corrected);
		snprintf(v[8], sizeof v[8], "%llu", (unsigned long long)o->keys);
		snprintf(v[9], sizeof v[9], "%.1f", (double)o->ms / 1000.0);
		snprintf(v[10], sizeof v[10], "%llu", (unsigned long long)o->errors);
		for (j = 0; j < 11; j++)
			cells[j] = v[j];
		if (csv_row(fp, cells, 11) != 0)
			return -1;
	}
	return fflush(fp) == 0 ? 0 : -1;
}
