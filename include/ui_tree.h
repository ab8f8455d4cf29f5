/*
 * ui_tree.h - 组织树, the start screen (src/ui_tree.c): the organisations
 * with their member counts and marks; opens a branch's member list, the
 * 附件1 forms, search, 统计, 质量检查 and 上报.  Opened with nothing.
 */
#ifndef CAIJI_UI_TREE_H
#define CAIJI_UI_TREE_H

#include <stddef.h>
#include <stdint.h>
#include "record.h"
#include "store.h"

struct ukind_ops;

extern const struct ukind_ops ui_tree_ops;

/* One organisation as the tree shows it. */
struct ui_tree_node {
	uint64_t id;
	int depth;
	int parent;                 /* index, -1 for top level */
	int branch;                 /* a branch-level organisation (holds members) */
	int expanded;
	int kids;                   /* children listed */
	const char *name;           /* in the block the nodes are (freed with them) */
	struct store_counts c;      /* a committee's: everything below it */
	char mark;                  /* '!' error or draft, '?' unconfirmed warning */
	int removed;                /* enum rec_removal (listed with show_removed) */
};

/* Read the whole organisation tree of st in tree order (depth first),
 * removed organisations too when show_removed, each with its validation
 * mark and member counts, both kept by the store (store_org_tree: one
 * pass over each table; today is not needed, an organisation's rules use
 * no date, and is kept for the callers).  On success *nodes (the
 * caller frees it) holds *n nodes, every one expanded.  On failure returns
 * a STORE_E* code with *cause set (when cause is not NULL), *nodes NULL and
 * *n 0: a tree is read whole or not at all, never shown in part. */
int ui_tree_read(struct store *st, const char *today, int show_removed,
    struct ui_tree_node **nodes, size_t *n, char **cause);

/* Reorder the sibling organisations ids[0..n-1] under one organisation (in
 * the tree's stored order; the top level keeps it) into report order: the branches first, then the others, each
 * group keeping its order (walk.h WALK_BRANCHES_FIRST, which the export's
 * WALK_REPORT agrees with).  Returns 0 or a STORE_E* code. */
int ui_tree_report_order(struct store *st, uint64_t *ids, size_t n);

#endif
