/*
 * codelist.c - the official code lists, parsed once and lazily from the TSV
 * files compiled into the binary (cl_blobs, see codelist_data.h).  Which
 * columns make a list is described by the table below; the values are data.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codelist.h"
#include "codelist_data.h"

/* How one list is read from its file.  A NULL column is absent. */
struct list_spec {
	int id;
	const char *key, *label, *blob;
	const char *code_col, *name_col, *py_col, *group_col;
	const char *filter_col, *filter_val;  /* keep rows where col == val */
};

static const struct list_spec specs[CL_COUNT] = {
	{ CL_SEX, "sex", "性别", "sex",
	  "code", "short", "py_initials", NULL, "in_form", "yes" },
	{ CL_ETHNICITY, "ethnicity", "民族", "ethnicity",
	  "code", "name", "py_initials", NULL, NULL, NULL },
	{ CL_EDUCATION, "education", "学历", "education_party",
	  "seq", "name", "py_initials", "group", NULL, NULL },
	{ CL_MEMBER_CATEGORY, "member_category", "人员类别", "member_flags",
	  "code", "value", "py_initials", NULL, "field", "人员类别" },
	{ CL_JOB, "job", "工作岗位", "job",
	  "seq", "name", "py_initials", "group_name", NULL, NULL },
	{ CL_PARTY_STATUS, "party_status", "党籍状态", "member_flags",
	  "code", "value", "py_initials", NULL, "field", "党籍状态" },
	{ CL_YESNO, "yesno", "是否", "member_flags",
	  "code", "value", "py_initials", NULL, "field", "是否失联党员" },
	{ CL_ORG_CATEGORY, "org_category", "组织类别", "org_category",
	  "code", "name", "py_initials", NULL, "in_form", "yes" },
	{ CL_UNIT_SITUATION, "unit_situation", "党组织所在单位情况", "org_unit_situation",
	  "seq", "name", "py_initials", NULL, NULL, NULL },
	{ CL_UNIT_CATEGORY, "unit_category", "单位类别", "unit_category",
	  "code_app", "name", "py_initials", NULL, NULL, NULL },
	{ CL_UNIT_PARTY_STATUS, "unit_party_status", "单位建立党组织情况", "unit_party_status",
	  "code_app", "name", "py_initials", NULL, NULL, NULL },
	{ CL_CONFIRM_METHOD, "confirm_method", "确认方式", "confirm_method",
	  "code", "name", "py_initials", NULL, NULL, NULL },
	{ CL_REGION, "region", "外出流向", "regions",
	  "code", "name", "py_initials", NULL, NULL, NULL },
};

/* One parsed region row of regions.tsv. */
struct region_row {
	uint32_t code, parent;
	int level;
	const char *name, *py;
};

/* Everything parsed; built once, immutable afterwards. */
struct cl_state {
	struct codelist lists[CL_COUNT];
	const char **region_short;    /* per CL_REGION entry: the county's own name */
	uint32_t *history;            /* sorted codes of regions_history.tsv */
	size_t nhistory;
	/* names hashed (open addressing, FNV-1a): the first entry in list
	 * order per name; mask + 1 slots, a power of two, at least 2n */
	struct cl_slot {
		const struct cl_entry *e;
		size_t len;           /* strlen(e->name) */
		uint64_t a, b;        /* name_words of the name */
	} *hash[CL_COUNT];
	size_t hmask[CL_COUNT];
	/* one bit per 6-digit code: region_code_known's answer */
	unsigned char *known;
};

static struct cl_state cl;
/* set (release) at the end of lists_init / regions_init: codelist_get's
 * check without a call once the lists are there */
static atomic_int lists_ready, regions_ready;
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;    /* every list but regions */
static pthread_once_t regions_once = PTHREAD_ONCE_INIT;  /* CL_REGION */
static pthread_once_t history_once = PTHREAD_ONCE_INIT;  /* regions_history codes */

/* Allocation failure is fatal: the lists are needed for every check. */
static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL) {
		fputs("caiji: 内存不足\n", stderr);
		abort();
	}
	return p;
}

/* Uninitialised: pages of a large block stay untouched until written. */
static void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL) {
		fputs("caiji: 内存不足\n", stderr);
		abort();
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t len = strlen(s);
	char *p = xcalloc(1, len + 1);

	memcpy(p, s, len + 1);
	return p;
}

/* The compiled-in file with that name (without .tsv). */
static const struct cl_blob *
blob_get(const char *name)
{
	size_t i;

	for (i = 0; i < cl_nblobs; i++)
		if (strcmp(cl_blobs[i].name, name) == 0)
			return &cl_blobs[i];
	return NULL;
}

/* A TSV file split in place: rows of NUL-terminated fields. */
struct tsv {
	char *buf;
	size_t nrows, ncols;
	char **hdr;                   /* ncols header names */
	char ***rows;                 /* nrows rows of ncols fields ("" when short) */
	char **cells;                 /* one block holding every row's fields */
};

static void
tsv_free(struct tsv *t)
{
	free(t->rows);
	free(t->cells);
}

/* Split a blob; comment lines (#) and empty lines are skipped, the first
 * other line is the header.  Returns 0, or -1 when the blob is missing. */
static int
tsv_parse(const char *blobname, struct tsv *t)
{
	const struct cl_blob *b = blob_get(blobname);
	char *p, *line, *next;
	size_t nlines = 1, maxcols = 1, cols = 1, i, c, r = 0;

	memset(t, 0, sizeof *t);
	if (b == NULL)
		return -1;
	t->buf = xstrdup(b->data);
	for (p = t->buf; *p; p++) {
		if (*p == '\t')
			cols++;
		else if (*p == '\n') {
			nlines++;
			cols = 1;
		}
		if (cols > maxcols)
			maxcols = cols;
	}
	t->rows = xcalloc(nlines, sizeof *t->rows);
	t->cells = xcalloc(nlines * maxcols, sizeof *t->cells);
	for (line = t->buf; line && *line; line = next) {
		char **f;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if ((p = strchr(line, '\r')) != NULL)
			*p = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		f = t->cells + r++ * maxcols;
		f[0] = line;
		for (c = 1, p = line; *p; p++)
			if (*p == '\t') {
				*p = '\0';
				f[c++] = p + 1;
			}
		for (i = c; i < maxcols; i++)
			f[i] = (char *)"";
		if (t->hdr == NULL) {
			t->hdr = f;
			t->ncols = c;
			continue;
		}
		t->rows[t->nrows++] = f;
	}
	return t->hdr ? 0 : -1;
}

/* Column index of name, or -1 (also for a NULL name). */
static int
tsv_col(const struct tsv *t, const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->hdr[i], name) == 0)
			return (int)i;
	return -1;
}

/* Pinyin columns are compared in lower case. */
static void
lower_ascii(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* Build one ordinary list from its spec. */
static void
load_list(const struct list_spec *sp, struct codelist *l)
{
	struct tsv t;
	struct cl_entry *e;
	int cc, cn, cp, cg, cf;
	size_t i;

	l->id = sp->id;
	l->key = sp->key;
	l->label = sp->label;
	l->n = 0;
	l->e = NULL;
	if (tsv_parse(sp->blob, &t) != 0)
		return;
	cc = tsv_col(&t, sp->code_col);
	cn = tsv_col(&t, sp->name_col);
	cp = tsv_col(&t, sp->py_col);
	cg = tsv_col(&t, sp->group_col);
	cf = tsv_col(&t, sp->filter_col);
	if (cn < 0) {
		tsv_free(&t);
		return;
	}
	e = xcalloc(t.nrows, sizeof *e);
	for (i = 0; i < t.nrows; i++) {
		char **r = t.rows[i];
		struct cl_entry *x = &e[l->n];

		if (sp->filter_col && (cf < 0 || strcmp(r[cf], sp->filter_val) != 0))
			continue;
		if (r[cn][0] == '\0')
			continue;
		x->code = cc >= 0 ? r[cc] : "";
		x->name = r[cn];
		if (cp >= 0)
			lower_ascii(r[cp]);
		x->py = cp >= 0 ? r[cp] : "";
		x->group = cg >= 0 ? r[cg] : "";
		l->n++;
	}
	l->e = e;
	tsv_free(&t);
}

static int
cmp_region(const void *a, const void *b)
{
	const struct region_row *x = a, *y = b;

	return (x->code > y->code) - (x->code < y->code);
}

static const struct region_row *
region_row_find(const struct region_row *rows, size_t n, uint32_t code)
{
	struct region_row key = { .code = code };

	return bsearch(&key, rows, n, sizeof *rows, cmp_region);
}

/* Parse a 6-digit code; 0 when it is not one. */
static uint32_t
code6(const char *s)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 6; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint32_t)(s[i] - '0');
	}
	return s[6] == '\0' ? v : 0;
}

/* CL_REGION: every county-level row, and every prefecture-level row without
 * counties (东莞市, 中山市, 儋州市, 嘉峪关市), named in full (浙江省杭州市西湖区). */
static void
load_regions(struct codelist *l)
{
	struct tsv t;
	struct region_row *rows;
	struct cl_entry *e;
	size_t i, n = 0, ne = 0, used = 0;
	int cc, cn, cpar, clev, cp;
	char **row, *has_child, *arena;

	l->id = CL_REGION;
	l->key = specs[CL_REGION].key;
	l->label = specs[CL_REGION].label;
	if (tsv_parse("regions", &t) != 0)
		return;
	cc = tsv_col(&t, "code");
	cn = tsv_col(&t, "name");
	cpar = tsv_col(&t, "parent_code");
	clev = tsv_col(&t, "level");
	cp = tsv_col(&t, "py_initials");
	if (cc < 0 || cn < 0 || cpar < 0 || clev < 0) {
		tsv_free(&t);
		return;
	}
	rows = xcalloc(t.nrows, sizeof *rows);
	for (i = 0; i < t.nrows; i++) {
		row = t.rows[i];
		if ((rows[n].code = code6(row[cc])) == 0)
			continue;
		rows[n].parent = code6(row[cpar]);
		rows[n].level = atoi(row[clev]);
		rows[n].name = row[cn];
		if (cp >= 0)
			lower_ascii(row[cp]);
		rows[n].py = cp >= 0 ? row[cp] : "";
		n++;
	}
	qsort(rows, n, sizeof *rows, cmp_region);
	has_child = xcalloc(n, 1);
	for (i = 0; i < n; i++) {
		const struct region_row *p = region_row_find(rows, n, rows[i].parent);

		if (p)
			has_child[p - rows] = 1;
	}
	e = xcalloc(n, sizeof *e);
	cl.region_short = xcalloc(n, sizeof *cl.region_short);
	/* codes and full names in one arena; only the used part is touched */
	arena = xmalloc(n * (7 + 256));
	for (i = 0; i < n; i++) {
		const struct region_row *r = &rows[i], *p, *pp = NULL;

		if (r->level == 2 ? has_child[i] : r->level != 3)
			continue;
		p = region_row_find(rows, n, r->parent);
		if (p && p->level == 2)
			pp = region_row_find(rows, n, p->parent);
		e[ne].code = arena + used;
		snprintf(arena + used, 7, "%06u", (unsigned)(r->code % 1000000));
		used += 7;
		e[ne].name = arena + used;
		snprintf(arena + used, 256, "%s%s%s", pp ? pp->name : "",
		    p ? p->name : "", r->name);
		used += strlen(arena + used) + 1;
		e[ne].py = r->py;
		e[ne].group = p ? p->name : "";
		cl.region_short[ne] = r->name;
		ne++;
	}
	free(rows);
	free(has_child);
	tsv_free(&t);
	l->n = ne;
	l->e = e;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Only the code column of regions_history.tsv, as a sorted array. */
static void
load_history(void)
{
	const struct cl_blob *b = blob_get("regions_history");
	const char *p;
	size_t cap = 0, i;

	if (b == NULL)
		return;
	for (p = b->data; *p; p++)
		if (*p == '\n')
			cap++;
	cl.history = xcalloc(cap + 1, sizeof *cl.history);
	for (p = b->data; *p; ) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char c[7];

		if (len > 7 && p[6] == '\t' && cl.nhistory < cap + 1) {
			memcpy(c, p, 6);
			c[6] = '\0';
			if (code6(c))
				cl.history[cl.nhistory++] = code6(c);
		}
		p += len;
		if (*p)
			p++;
	}
	for (i = 1; i < cl.nhistory; i++)
		if (cl.history[i - 1] >= cl.history[i]) {
			qsort(cl.history, cl.nhistory, sizeof *cl.history, cmp_u32);
			break;
		}
	/* the answers as a bitmap: each code, and the xxxx01 市辖区 of each
	 * prefecture-level code (xxxx00, not a province) */
	cl.known = xcalloc(1000000 / 8, 1);
	for (i = 0; i < cl.nhistory; i++) {
		uint32_t c = cl.history[i];

		cl.known[c / 8] |= (unsigned char)(1u << (c % 8));
		if (c % 100 == 0 && c % 10000 != 0)
			cl.known[(c + 1) / 8] |= (unsigned char)(1u << ((c + 1) % 8));
	}
}

/* The first and last 8 bytes of a name of len bytes (below 8, fixed-size
 * loads that cover every byte): with the length they are the whole name
 * up to 16 bytes.  No call to memcpy: the lists' names are short. */
static inline void
name_words(const char *s, size_t len, uint64_t *a, uint64_t *b)
{
	uint32_t x, y;

	*a = *b = 0;
	if (len >= 8) {
		memcpy(a, s, 8);
		memcpy(b, s + len - 8, 8);
	} else if (len >= 4) {  /* two windows that overlap: every byte */
		memcpy(&x, s, 4);
		memcpy(&y, s + len - 4, 4);
		*a = (uint64_t)x | (uint64_t)y << 32;
	} else if (len > 0)     /* 1-3 bytes: first, middle and last are all */
		*a = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[len / 2] << 8 |
		    (uint64_t)(unsigned char)s[len - 1] << 16;
}

/* Hash of a name from its words and length. */
static inline size_t
name_hash(uint64_t a, uint64_t b, size_t len)
{
	a = (a ^ (b * 0x9E3779B97F4A7C15ull) ^ len) * 0xBF58476D1CE4E5B9ull;
	return (size_t)(a ^ (a >> 31));
}

/* Hash a list's names for codelist_find_name. */
static void
index_names(int id)
{
	size_t j, n;

	for (n = 4; n < 2 * cl.lists[id].n; n *= 2)
		;
	cl.hash[id] = xcalloc(n, sizeof *cl.hash[id]);
	cl.hmask[id] = n - 1;
	for (j = 0; j < cl.lists[id].n; j++) {
		const struct cl_entry *e = &cl.lists[id].e[j];
		size_t len = strlen(e->name), h;
		uint64_t a, b;

		name_words(e->name, len, &a, &b);
		h = name_hash(a, b, len) & cl.hmask[id];
		while (cl.hash[id][h].e != NULL && strcmp(cl.hash[id][h].e->name, e->name) != 0)
			h = (h + 1) & cl.hmask[id];
		if (cl.hash[id][h].e == NULL) {
			cl.hash[id][h].e = e;
			cl.hash[id][h].len = len;
			cl.hash[id][h].a = a;
			cl.hash[id][h].b = b;
		}
	}
}

/* Every list but regions (small: well under a millisecond). */
static void
lists_init(void)
{
	int i;

	for (i = 0; i < CL_COUNT; i++)
		if (i != CL_REGION) {
			load_list(&specs[i], &cl.lists[i]);
			index_names(i);
		}
	atomic_store_explicit(&lists_ready, 1, memory_order_release);
}

static void
regions_init(void)
{
	load_regions(&cl.lists[CL_REGION]);
	index_names(CL_REGION);
	atomic_store_explicit(&regions_ready, 1, memory_order_release);
}

const struct codelist *
codelist_get(int id)
{
	if (id < 0 || id >= CL_COUNT)
		return NULL;
	if (atomic_load_explicit(id == CL_REGION ? &regions_ready : &lists_ready,
	    memory_order_acquire))
		return &cl.lists[id];
	pthread_once(id == CL_REGION ? &regions_once : &lists_once,
	    id == CL_REGION ? regions_init : lists_init);
	return &cl.lists[id];
}

const struct codelist *
codelist_by_key(const char *key)
{
	int i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < CL_COUNT; i++)
		if (strcmp(specs[i].key, key) == 0)
			return codelist_get(i);
	return NULL;
}

/* Both all ASCII digits and numerically equal ("1" and "01"). */
static int
code_equal(const char *a, const char *b)
{
	if (*a == '\0' || *b == '\0')
		return 0;
	if (strcmp(a, b) == 0)
		return 1;
	if (strspn(a, "0123456789") != strlen(a) || strspn(b, "0123456789") != strlen(b))
		return 0;
	while (*a == '0' && a[1])
		a++;
	while (*b == '0' && b[1])
		b++;
	return strcmp(a, b) == 0;
}

static int
cmp_entry_code6(const void *key, const void *elem)
{
	const struct cl_entry *e = elem;

	return strcmp(key, e->code);
}

const struct cl_entry *
codelist_find_code(const struct codelist *l, const char *code)
{
	size_t i;
	int digits;

	if (l == NULL || code == NULL || *code == '\0')
		return NULL;
	digits = strspn(code, "0123456789") == strlen(code);
	if (l->id == CL_REGION)  /* six digits, in code order */
		return digits && strlen(code) == 6 ?
		    bsearch(code, l->e, l->n, sizeof *l->e, cmp_entry_code6) : NULL;
	for (i = 0; i < l->n; i++)
		if (digits ? code_equal(l->e[i].code, code) : strcmp(l->e[i].code, code) == 0)
			return &l->e[i];
	return NULL;
}

const struct cl_entry *
codelist_find_name_n(const struct codelist *l, const char *name, size_t len)
{
	const struct cl_slot *t;
	size_t h, mask;
	uint64_t a, b;

	if (l == NULL || name == NULL || l->id < 0 || l->id >= CL_COUNT ||
	    l != &cl.lists[l->id])
		return NULL;
	t = cl.hash[l->id];
	mask = cl.hmask[l->id];
	name_words(name, len, &a, &b);
	for (h = name_hash(a, b, len) & mask; t[h].e != NULL; h = (h + 1) & mask)
		if (t[h].len == len && t[h].a == a && t[h].b == b &&
		    (len <= 16 || memcmp(t[h].e->name + 8, name + 8, len - 16) == 0))
			return t[h].e;
	return NULL;
}

const struct cl_entry *
codelist_find_name(const struct codelist *l, const char *name)
{
	return name == NULL ? NULL : codelist_find_name_n(l, name, strlen(name));
}

/* typed is a case-insensitive prefix of py (typed all ASCII letters). */
static int
py_prefix(const char *py, const char *typed)
{
	size_t i;

	if (*py == '\0')
		return 0;
	for (i = 0; typed[i]; i++)
		if (py[i] == '\0' || tolower((unsigned char)typed[i]) != py[i])
			return 0;
	return 1;
}

/* Only ASCII letters: what a pinyin prefix looks like. */
static int
all_alpha(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isalpha((unsigned char)*s))
			return 0;
	return 1;
}

/* A region typed by the end of its full name ("西湖区", "杭州市西湖区"). */
static int
region_suffix(const struct codelist *l, size_t i, const char *typed, size_t tlen)
{
	size_t nlen = strlen(l->e[i].name);

	if (l->id != CL_REGION || tlen < 3 || tlen > nlen)
		return 0;
	return strcmp(l->e[i].name + nlen - tlen, typed) == 0 &&
	    strlen(cl.region_short[i]) <= tlen;
}

size_t
codelist_match(const struct codelist *l, const char *typed,
    const struct cl_entry **out, size_t max)
{
	const struct cl_entry *exact;
	size_t i, n = 0, tlen;
	int alpha, digits, wide;

	if (l == NULL || typed == NULL || *typed == '\0')
		return 0;
	alpha = all_alpha(typed);
	tlen = strlen(typed);
	digits = strspn(typed, "0123456789") == tlen;
	wide = !alpha && !digits && l->id == CL_REGION;
	exact = codelist_find_name(l, typed);
	for (i = 0; i < l->n; i++) {
		const struct cl_entry *e = &l->e[i];

		if (e == exact || (digits && code_equal(e->code, typed)) ||
		    (alpha && py_prefix(e->py, typed)) ||
		    (wide && region_suffix(l, i, typed, tlen))) {
			if (n < max && out)
				out[n] = e;
			n++;
		}
	}
	return n;
}

const struct cl_entry *
codelist_complete(const struct codelist *l, const char *typed)
{
	const struct cl_entry *m[2];
	size_t i, n, tlen, width = 0;

	if (l == NULL || typed == NULL || (tlen = strlen(typed)) == 0 ||
	    codelist_match(l, typed, m, 2) != 1)
		return NULL;
	if (strspn(typed, "0123456789") == tlen) {
		/* the code to the list's full width ("01", not "1": "1" might
		 * be the start of "12" for the clerk) */
		for (i = 0; i < l->n; i++) {
			n = strlen(l->e[i].code);
			if (n > width)
				width = n;
		}
		return tlen == width && code_equal(m[0]->code, typed) ? m[0] : NULL;
	}
	if (all_alpha(typed))
		return strcasecmp(m[0]->py, typed) == 0 ? m[0] : NULL;
	return NULL;
}

int
region_code_known(const char *code)
{
	uint32_t c;

	if (code == NULL)
		return 0;
	pthread_once(&history_once, load_history);
	if ((c = code6(code)) == 0)
		return 0;
	return cl.known != NULL && (cl.known[c / 8] >> (c % 8) & 1);
}

const struct cl_entry *
region_find(const char *code_or_name)
{
	const struct codelist *l = codelist_get(CL_REGION);
	const struct cl_entry *e;

	if (code_or_name == NULL)
		return NULL;
	if (code6(code_or_name) && (e = codelist_find_code(l, code_or_name)))
		return e;
	return codelist_find_name(l, code_or_name);
}
