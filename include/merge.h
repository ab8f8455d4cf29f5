/*
 * merge.h - the three-way merge of one record, for saves that raced.
 *
 * A clerk's save states the record it loaded (base) and the values in the
 * form (mine); the store holds what another clerk saved since (theirs).
 * Field by field: a field only one side changed takes that side's value; a
 * field both sides changed to the same value is no question; a field both
 * changed to different values is a conflict, and only those ask the
 * clerk.  Pure: no store, no screen.
 */
#ifndef CAIJI_MERGE_H
#define CAIJI_MERGE_H

#include <stddef.h>
#include "record.h"

#define MERGE_MAX 64

struct merge_result {
	size_t n_theirs;                    /* fields taken from theirs */
	const char *theirs[MERGE_MAX];      /* their labels */
	size_t n_conflict;                  /* fields changed on both sides */
	const char *conflict[MERGE_MAX];    /* their labels ("联系电话"; "单位信息") */
	const char *conflict_key[MERGE_MAX];/* schema keys ("phone"; "units") */
};

/* Merge theirs into *mine field by field against base (see above), and
 * take the union of both sides' confirmations.  *mine's rec_meta is kept
 * otherwise.  Fields in conflict keep mine's value.  Returns r->n_conflict. */
size_t merge_member(struct member *mine, const struct member *base,
    const struct member *theirs, struct merge_result *r);

/* The same for an organisation; its units (n_units and every unit page)
 * merge as one item, "单位信息". */
size_t merge_org(struct org *mine, const struct org *base,
    const struct org *theirs, struct merge_result *r);

/* Resolve the conflicts of r after the clerk chose: for each conflicting
 * field, base takes theirs' value (so the field is no longer changed on
 * their side), and with take_theirs mine does too.  A following merge of
 * mine against theirs then keeps the choice and every other field's merge. */
void merge_member_resolve(struct member *mine, struct member *base,
    const struct member *theirs, const struct merge_result *r, int take_theirs);
void merge_org_resolve(struct org *mine, struct org *base,
    const struct org *theirs, const struct merge_result *r, int take_theirs);

#endif
