/*
 * walk.h - the one walk over the organisation tree.  The report, the
 * statistics, the quality check and the choice of 基层党委 all visit the
 * tree through it, in one of two orders:
 *
 *   tree order      each organisation, then its children in the tree's
 *                   order (WALK_BRANCHES_FIRST: a level's branches first,
 *                   then its other children, each in the tree's order);
 *   report order    (WALK_REPORT) the order of 附件3/附件4: an
 *                   organisation, then its own branches, then each of its
 *                   党总支 immediately followed by the 党总支's branches
 *                   (and nested 党总支 by the same rule); children that are
 *                   neither branches nor 党总支 are left out with their
 *                   subtrees (a 党委 under a 党委 reports on its own).
 *
 * Removed organisations are left out with everything under them.  A
 * branch's children are not looked up (the store allows none).  A store
 * error stops the walk and is returned: a child the tree lists but the
 * store cannot read is an error, never a silently shorter tree, and so is
 * a tree deeper than WALK_MAX_DEPTH (a cycle).
 */
#ifndef CAIJI_WALK_H
#define CAIJI_WALK_H

#include <stdint.h>

#include "record.h"
#include "store.h"

#define WALK_MAX_DEPTH 32

/* walk_orgs flags */
#define WALK_BRANCHES_FIRST 0x1u  /* tree order, each level's branches first */
#define WALK_REPORT         0x2u  /* report order (see above) */
#define WALK_HEAD           0x4u  /* load without the units (store_org_get_head) */

/* One visited organisation.  org, parent and the node itself are valid
 * during the callbacks only (the walk reuses one buffer per depth). */
struct walk_node {
	const struct org *org;
	struct walk_node *parent;         /* NULL at depth 0 */
	int depth;                        /* 0 for top (or each top-level organisation) */
	int skip;                         /* set by pre: do not visit the subtree */
	uint64_t mark;                    /* the callbacks' own, 0 at pre */
};

struct walk_ops {
	/* Before the subtree; may set n->skip.  Non-zero stops the walk. */
	int (*pre)(struct walk_node *n, void *ud);
	/* After the subtree (may be NULL); n->mark is what the subtree left
	 * there.  Non-zero stops the walk. */
	int (*post)(struct walk_node *n, void *ud);
};

/* Walk the organisation top and its subtree, or with top 0 every
 * top-level organisation (in the tree's order) and theirs.  Returns 0;
 * the first non-zero value of a callback; STORE_ENOTFOUND when top does
 * not exist; or another STORE_E* code (STORE_EIO for a tree deeper than
 * WALK_MAX_DEPTH).  A removed top is not visited and gives 0. */
int walk_orgs(struct store *s, uint64_t top, unsigned flags,
    const struct walk_ops *ops, void *ud);

#endif
