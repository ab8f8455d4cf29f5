/* report.c - columns, cells, names and the ordered walk of the report (附件3/附件4). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codelist.h"
#include "report.h"
#include "schema.h"

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

	if (n > REC_UNITS_MAX)
		n = REC_UNITS_MAX;
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

	if (unit < o->n_units && unit < REC_UNITS_MAX)
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

/* Visit the branches of parent, then its 党总支 each followed by its own. */
static int
report_walk_children(struct store *s, const struct org *parent,
    report_visit_fn fn, void *ud, int depth)
{
	uint64_t *ids = NULL;
	size_t n = 0, i;
	struct org *o = NULL;
	unsigned char *general = NULL;  /* pass 0 saw a 党总支 at i */
	int rc, pass;

	if (depth > 8)
		return 0;
	rc = store_org_children(s, parent->meta.id, &ids, &n);
	if (rc != 0)
		goto out;
	o = malloc(sizeof *o);
	general = calloc(n ? n : 1, 1);
	if (o == NULL || general == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			if (pass == 1 && !general[i])
				continue;         /* only 党总支 are visited in pass 1 */
			rc = store_org_get_lean(s, ids[i], o);
			if (rc == STORE_ENOTFOUND)
				continue;
			if (rc != 0)
				goto out;
			if (o->meta.removed != RM_NONE)
				continue;
			if (pass == 0 && org_is_general(o->category))
				general[i] = 1;
			if (pass == 0 && org_is_branch(o->category)) {
				rc = fn(o, REPORT_BRANCH, parent, ud);
				if (rc != 0)
					goto out;
			} else if (pass == 1 && org_is_general(o->category)) {
				rc = fn(o, REPORT_GENERAL, parent, ud);
				if (rc != 0)
					goto out;
				rc = report_walk_children(s, o, fn, ud, depth + 1);
				if (rc != 0)
					goto out;
			}
		}
	}
	rc = 0;
out:
	free(general);
	free(o);
	free(ids);
	return rc;
}

int
report_walk(struct store *s, uint64_t top, report_visit_fn fn, void *ud)
{
	struct org *o;
	int rc;

	o = malloc(sizeof *o);
	if (o == NULL)
		return STORE_EIO;
	rc = store_org_get(s, top, o, NULL);
	if (rc != 0)
		goto out;
	if (o->meta.removed != RM_NONE) {
		rc = STORE_ENOTFOUND;
		goto out;
	}
	rc = fn(o, REPORT_SELF, NULL, ud);
	if (rc != 0)
		goto out;
	if (!org_is_branch(o->category))
		rc = report_walk_children(s, o, fn, ud, 0);
out:
	free(o);
	return rc;
}

/* Depth-first collection of committees holding a branch or 党总支. */
static int
report_committees_under(struct store *s, uint64_t parent, uint64_t **ids,
    size_t *n, size_t *cap, int depth)
{
	uint64_t *kids = NULL;
	size_t nk = 0, i, j;
	struct org *o = NULL, *c = NULL;
	int rc;

	if (depth > 16)
		return 0;
	rc = store_org_children(s, parent, &kids, &nk);
	if (rc != 0)
		goto out;
	o = malloc(sizeof *o);
	c = malloc(sizeof *c);
	if (o == NULL || c == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	for (i = 0; i < nk; i++) {
		int holds = 0;
		uint64_t *gk = NULL;
		size_t ngk = 0;

		rc = store_org_get_head(s, kids[i], o);
		if (rc == STORE_ENOTFOUND)
			continue;
		if (rc != 0)
			goto out;
		if (o->meta.removed != RM_NONE || org_is_branch(o->category))
			continue;
		if (org_is_committee(o->category)) {
			rc = store_org_children(s, o->meta.id, &gk, &ngk);
			if (rc != 0)
				goto out;
			for (j = 0; j < ngk && !holds; j++) {
				if (store_org_get_head(s, gk[j], c) != 0)
					continue;
				if (c->meta.removed == RM_NONE &&
				    (org_is_branch(c->category) ||
				    org_is_general(c->category)))
					holds = 1;
			}
			free(gk);
		}
		if (holds) {
			if (*n == *cap) {
				size_t nc = *cap ? *cap * 2 : 8;
				uint64_t *p = realloc(*ids, nc * sizeof *p);
				if (p == NULL) {
					rc = STORE_EIO;
					goto out;
				}
				*ids = p;
				*cap = nc;
			}
			(*ids)[(*n)++] = o->meta.id;
		}
		rc = report_committees_under(s, o->meta.id, ids, n, cap,
		    depth + 1);
		if (rc != 0)
			goto out;
	}
	rc = 0;
out:
	free(c);
	free(o);
	free(kids);
	return rc;
}

int
report_committees(struct store *s, uint64_t **ids, size_t *n)
{
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	rc = report_committees_under(s, 0, ids, n, &cap, 0);
	if (rc != 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}
