/* report.c - columns, cells, names and the ordered walk of the report (附件3/附件4). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codelist.h"
#include "report.h"
#include "schema.h"
#include "walk.h"

/*
 * The columns and cells are expanded from the schema (include/schema/):
 * every field marked REP or REP_NOLIST is a column, in .def order, after
 * 序号; 附件3 takes the organisation's columns, then its unit's.
 */
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_##col({ label, text, SCH_COLLIST_##col(list), xw },)
const struct report_col report_org_cols[REPORT_ORG_NCOLS] = {
	{ "序号", 0, -1, 6 },
#include "schema/org.def"
#include "schema/unit.def"
};

const struct report_col report_member_cols[REPORT_MEMBER_NCOLS] = {
	{ "序号", 0, -1, 8 },
#include "schema/member.def"
};
#undef SCH_F

#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_##col(label,)
const char *const report_org_headers[REPORT_ORG_NCOLS] = {
	"序号",
#include "schema/org.def"
#include "schema/unit.def"
};

const char *const report_member_headers[REPORT_MEMBER_NCOLS] = {
	"序号",
#include "schema/member.def"
};
#undef SCH_F

size_t
report_org_nrows(const struct org *o)
{
	size_t n = o->n_units;

	return n == 0 ? 1 : n;
}

/* The cell of a reported field: a string, or for a reference (所在党支部)
 * the name the caller passes. */
#define CELL_STR(v, ref) (v)
#define CELL_REF(v, ref) (ref)

void
report_org_cells(const struct org *o, size_t unit, const char *seq,
    const char *cells[REPORT_ORG_NCOLS])
{
	const struct unit *u = NULL;

	if (unit < o->n_units)
		u = &o->units[unit];
	cells[0] = seq;
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_##col(cells[SCH_OCOL_##key] = CELL_##kind(o->key, "");)
#include "schema/org.def"
#undef SCH_F
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_##col(cells[SCH_UCOL_##key] = u ? CELL_##kind(u->key, "") : "";)
#include "schema/unit.def"
#undef SCH_F
}

void
report_member_cells(const struct member *m, const char *branch_name,
    const char *seq, const char *cells[REPORT_MEMBER_NCOLS])
{
	cells[0] = seq;
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_##col(cells[SCH_MCOL_##key] = CELL_##kind(m->key, branch_name);)
#include "schema/member.def"
#undef SCH_F
}

/* First bytes that rule 1 neutralises. */
static int
report_risky(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	    c == '\r' || c == '\'';
}

size_t
report_cell_prefix(const char *v, int text, char pre[2])
{
	size_t o = 0;

	if (text && v[0] != '\0')
		pre[o++] = '\t';
	if (report_risky(v[0]))
		pre[o++] = '\'';
	return o;
}

const char *
report_cell(const char *v, int text, char *dst, size_t n)
{
	char pre[2];
	size_t len = strlen(v), o, np;

	if (n == 0)
		return "";
	np = report_cell_prefix(v, text, pre);
	for (o = 0; o < np && o + 1 < n; o++)
		dst[o] = pre[o];
	if (len > n - 1 - o)
		len = n - 1 - o;
	memcpy(dst + o, v, len);
	dst[o + len] = '\0';
	return dst;
}

int
report_cell_unprotect(char *s)
{
	size_t off = 0;

	if (s[0] == '\t')
		off = 1;
	if (s[off] == '\'' && report_risky(s[off + 1]))
		off++;
	if (off > 0)
		memmove(s, s + off, strlen(s + off) + 1);
	return off > 0;
}

int
report_seq_format(const char *seq, char *out, size_t n)
{
	size_t len = strlen(seq), i;

	if (len == 0 || len > 6)
		return -1;
	for (i = 0; i < len; i++)
		if (seq[i] < '0' || seq[i] > '9')
			return -1;
	/* exactly as given: the source asks for 序号, not for a width */
	return snprintf(out, n, "%s", seq) >= (int)n ? -1 : 0;
}

/* 0 when s can be one path component, -1 otherwise. */
static int
report_name_ok(const char *s)
{
	const unsigned char *p;

	if (strlen(s) > 255 || strcmp(s, ".") == 0 || strcmp(s, "..") == 0 ||
	    *s == '\0')
		return -1;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p == '/' || *p < 0x20 || *p == 0x7f)
			return -1;
	return 0;
}

/* 1 when s starts (at) or ends (at the end) with a space, a TAB or the
 * ideographic space U+3000. */
static int
spaced(const char *s, int at_end)
{
	size_t n = strlen(s);
	const char *p = at_end ? s + n : s;

	if (n == 0)
		return 0;
	if (!at_end)
		return *p == ' ' || *p == '\t' || strncmp(p, "\xe3\x80\x80", 3) == 0;
	return p[-1] == ' ' || p[-1] == '\t' ||
	    (n >= 3 && strcmp(p - 3, "\xe3\x80\x80") == 0);
}

const char *
report_filler_problem(const char *filler)
{
	const unsigned char *p;
	size_t i;

	if (filler == NULL || *filler == '\0')
		return "请填写填报人姓名";
	for (i = 0; filler[i] == ' ' || filler[i] == '\t' ||
	    strncmp(filler + i, "\xe3\x80\x80", 3) == 0; i += filler[i] == ' ' ||
	    filler[i] == '\t' ? 1 : 3)
		;
	if (filler[i] == '\0')
		return "填报人姓名不能只有空格";
	if (spaced(filler, 0) || spaced(filler, 1))
		return "填报人姓名前后不能有空格(文件夹名会带上看不见的空格)";
	if (filler[0] == '.')
		return "填报人姓名不能以“.”开头(这样的文件夹是隐藏的)";
	for (p = (const unsigned char *)filler; *p; p++)
		if (*p == '/' || *p == '\\' || *p < 0x20 || *p == 0x7f)
			return "填报人姓名不能含有“/”“\\”或控制字符";
	return NULL;
}

int
report_folder_name(const char *seq, const char *org_name, const char *filler,
    int draft, char *out, size_t n)
{
	int w;

	w = snprintf(out, n, "%s%s%s%s", draft ? REPORT_DRAFT_PREFIX : "", seq,
	    org_name, filler);
	if (w < 0 || (size_t)w >= n)
		return -1;
	return report_name_ok(out);
}

int
report_file_name(int f, const char *org_name, const char *ext, int draft,
    char *out, size_t n)
{
	static const char *const suffix[REPORT_FILE_COUNT] = {
		/* the full-width parentheses of Chinese text (GB/T 15834) */
		"党组织和所在单位信息汇总表（基层党委本级）",
		"党组织和所在单位信息汇总表（党支部）",
		"党员基本信息汇总表",
	};
	int w;

	if (f < 0 || f >= REPORT_FILE_COUNT)
		return -1;
	w = snprintf(out, n, "%s%s%s.%s", draft ? REPORT_DRAFT_PREFIX : "",
	    org_name, suffix[f], ext);
	if (w < 0 || (size_t)w >= n)
		return -1;
	return report_name_ok(out);
}

struct report_walk_ctx {
	report_visit_fn fn;
	void *ud;
	int visited;
};

static int
report_pre(struct walk_node *n, void *ud)
{
	struct report_walk_ctx *c = ud;
	int kind = n->depth == 0 ? REPORT_SELF :
	    org_is_branch(n->org->category) ? REPORT_BRANCH : REPORT_GENERAL;

	c->visited = 1;
	return c->fn(n->org, kind, n->parent ? n->parent->org : NULL, c->ud);
}

int
report_walk(struct store *s, uint64_t top, report_visit_fn fn, void *ud)
{
	static const struct walk_ops ops = { report_pre, NULL };
	struct report_walk_ctx c = { fn, ud, 0 };
	int rc;

	rc = walk_orgs(s, top, WALK_REPORT, &ops, &c);
	if (rc == 0 && !c.visited)
		rc = STORE_ENOTFOUND;   /* top was removed */
	return rc;
}

/* Committees that hold a branch or 党总支, in tree order: a committee's
 * slot is taken when it is met (mark = slot + 1) and kept if a child
 * turns out to be one. */
struct committees_ctx {
	uint64_t *ids;
	unsigned char *holds;
	size_t n, cap;
};

static int
committees_pre(struct walk_node *n, void *ud)
{
	struct committees_ctx *c = ud;
	struct walk_node *p = n->parent;

	if (p != NULL && p->mark != 0 && (org_is_branch(n->org->category) ||
	    org_is_general(n->org->category)))
		c->holds[p->mark - 1] = 1;
	if (!org_is_committee(n->org->category))
		return 0;
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 8;
		uint64_t *q = realloc(c->ids, nc * sizeof *q);
		unsigned char *h;

		if (q == NULL)
			return STORE_EIO;
		c->ids = q;
		if ((h = realloc(c->holds, nc)) == NULL)
			return STORE_EIO;
		c->holds = h;
		c->cap = nc;
	}
	c->ids[c->n] = n->org->meta.id;
	c->holds[c->n] = 0;
	n->mark = ++c->n;
	return 0;
}

int
report_committees(struct store *s, uint64_t **ids, size_t *n)
{
	static const struct walk_ops ops = { committees_pre, NULL };
	struct committees_ctx c;
	size_t i, k = 0;
	int rc;

	memset(&c, 0, sizeof c);
	*ids = NULL;
	*n = 0;
	rc = walk_orgs(s, 0, WALK_HEAD, &ops, &c);
	if (rc != 0) {
		free(c.ids);
		free(c.holds);
		return rc;
	}
	for (i = 0; i < c.n; i++)
		if (c.holds[i])
			c.ids[k++] = c.ids[i];
	free(c.holds);
	if (k == 0) {
		free(c.ids);
		c.ids = NULL;
	}
	*ids = c.ids;
	*n = k;
	return 0;
}
