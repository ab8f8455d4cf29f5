/*
 * merge.c - the three-way merge of one record (see merge.h).
 */
#include <string.h>

#include "merge.h"
#include "schema.h"

/* One field's value equal in a and b? */
static int
same(const struct sch_field *f, const void *a, const void *b)
{
	const char *pa = (const char *)a + f->off, *pb = (const char *)b + f->off;

	if (f->kind == SK_STR)
		return strcmp(pa, pb) == 0;
	return memcmp(pa, pb, f->size) == 0;
}

static void
take(const struct sch_field *f, void *dst, const void *src)
{
	memcpy((char *)dst + f->off, (const char *)src + f->off, f->size);
}

static void
note(const char **list, size_t *n, const char *what, const char **keys,
    const char *key)
{
	if (*n < MERGE_MAX) {
		if (keys != NULL)
			keys[*n] = key;
		list[*n] = what;
	}
	(*n)++;
}

/* Merge the fields of one table; REF fields (the branch, the parent) are
 * never edited by a save and are left alone. */
static void
merge_fields(const struct sch_field *t, size_t n, void *mine, const void *base,
    const void *theirs, struct merge_result *r)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct sch_field *f = &t[i];

		if (f->kind == SK_REF)
			continue;
		if (same(f, theirs, base) || same(f, mine, theirs))
			continue;
		if (same(f, mine, base)) {
			take(f, mine, theirs);
			note(r->theirs, &r->n_theirs, f->label, NULL, NULL);
		} else
			note(r->conflict, &r->n_conflict, f->label, r->conflict_key, f->key);
	}
}

/* Union of the confirmations: mine's, then theirs' that mine lacks. */
static void
merge_confirm(struct rec_meta *mine, const struct rec_meta *theirs)
{
	size_t i, j;

	for (i = 0; i < theirs->n_confirm && i < REC_CONFIRM_MAX; i++) {
		for (j = 0; j < mine->n_confirm; j++)
			if (strcmp(mine->confirm[j].rule, theirs->confirm[i].rule) == 0)
				break;
		if (j == mine->n_confirm && mine->n_confirm < REC_CONFIRM_MAX)
			mine->confirm[mine->n_confirm++] = theirs->confirm[i];
	}
}

size_t
merge_member(struct member *mine, const struct member *base,
    const struct member *theirs, struct merge_result *r)
{
	memset(r, 0, sizeof *r);
	merge_fields(sch_member, SCH_MEMBER_N, mine, base, theirs, r);
	merge_confirm(&mine->meta, &theirs->meta);
	return r->n_conflict;
}

static int
same_units(const struct org *a, const struct org *b)
{
	size_t u, i;

	if (a->n_units != b->n_units)
		return 0;
	for (u = 0; u < a->n_units; u++)
		for (i = 0; i < SCH_UNIT_N; i++)
			if (!same(&sch_unit[i], &a->units[u], &b->units[u]))
				return 0;
	return 1;
}


size_t
merge_org(struct org *mine, const struct org *base, const struct org *theirs,
    struct merge_result *r)
{
	memset(r, 0, sizeof *r);
	merge_fields(sch_org, SCH_ORG_N, mine, base, theirs, r);
	if (!same_units(theirs, base) && !same_units(mine, theirs)) {
		if (same_units(mine, base) && org_units_copy(mine, theirs) == 0)
			note(r->theirs, &r->n_theirs, "单位信息", NULL, NULL);
		else    /* both changed them (or no memory to take theirs) */
			note(r->conflict, &r->n_conflict, "单位信息", r->conflict_key, "units");
	}
	merge_confirm(&mine->meta, &theirs->meta);
	return r->n_conflict;
}

static const struct sch_field *
by_key(const struct sch_field *t, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			return &t[i];
	return NULL;
}

void
merge_member_resolve(struct member *mine, struct member *base,
    const struct member *theirs, const struct merge_result *r, int take_theirs)
{
	size_t i;

	for (i = 0; i < r->n_conflict && i < MERGE_MAX; i++) {
		const struct sch_field *f = by_key(sch_member, SCH_MEMBER_N,
		    r->conflict_key[i]);

		if (f == NULL)
			continue;
		take(f, base, theirs);
		if (take_theirs)
			take(f, mine, theirs);
	}
}

void
merge_org_resolve(struct org *mine, struct org *base, const struct org *theirs,
    const struct merge_result *r, int take_theirs)
{
	size_t i;

	for (i = 0; i < r->n_conflict && i < MERGE_MAX; i++) {
		const struct sch_field *f;

		if (strcmp(r->conflict_key[i], "units") == 0) {
			/* out of memory: the choice is not kept, so the
			 * next merge asks again; nothing is lost */
			if (org_units_copy(base, theirs) == 0 && take_theirs)
				(void)org_units_copy(mine, theirs);
			continue;
		}
		if ((f = by_key(sch_org, SCH_ORG_N, r->conflict_key[i])) == NULL)
			continue;
		take(f, base, theirs);
		if (take_theirs)
			take(f, mine, theirs);
	}
}
