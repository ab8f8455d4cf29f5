/*
 * walk.c - the one walk over the organisation tree (see walk.h).
 */
#include <stdlib.h>
#include <string.h>

#include "walk.h"

struct walk {
	struct store *s;
	unsigned flags;
	const struct walk_ops *ops;
	void *ud;
	struct walk_node node[WALK_MAX_DEPTH + 1];
	struct org *org[WALK_MAX_DEPTH + 1];      /* one buffer per depth */
};

/* Load id into the buffer of depth d.  Returns 0 or a STORE_E* code. */
static int
load(struct walk *w, int d, uint64_t id)
{
	if (w->org[d] == NULL && (w->org[d] = calloc(1, sizeof *w->org[d])) == NULL)
		return STORE_EIO;
	if (w->flags & WALK_HEAD)
		return store_org_get_head(w->s, id, w->org[d]);
	return store_org_get_lean(w->s, id, w->org[d]);
}

static int visit(struct walk *w, int d, struct walk_node *parent);

/* How a child of the organisation at p comes: 0 left out, 1 in the first
 * pass, 2 in the second. */
static int
child_pass(const struct walk *w, const struct org *c)
{
	if (w->flags & WALK_REPORT) {
		if (org_is_branch(c->category))
			return 1;
		return org_is_general(c->category) ? 2 : 0;
	}
	if (w->flags & WALK_BRANCHES_FIRST)
		return org_is_branch(c->category) ? 1 : 2;
	return 1;
}

/* Visit the children of the organisation at depth d, in the walk's order. */
static int
children(struct walk *w, int d)
{
	const struct org *p = w->node[d].org;
	uint64_t *ids = NULL;
	unsigned char *later = NULL;
	size_t n = 0, i;
	int rc, pass, want;

	if (org_is_branch(p->category))
		return 0;
	if ((w->flags & WALK_REPORT) && d > 0 && !org_is_general(p->category))
		return 0;
	rc = store_org_children(w->s, p->meta.id, &ids, &n);
	if (rc != 0 || n == 0)
		goto out;
	if (d + 1 > WALK_MAX_DEPTH) {
		rc = STORE_EIO;
		goto out;
	}
	if ((later = calloc(n, 1)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	for (pass = 1; pass <= 2; pass++) {
		for (i = 0; i < n; i++) {
			if (pass == 2 && !later[i])
				continue;
			if ((rc = load(w, d + 1, ids[i])) != 0)
				goto out;       /* listed but unreadable: an error */
			if (w->org[d + 1]->meta.removed != RM_NONE)
				continue;
			want = child_pass(w, w->org[d + 1]);
			if (pass == 1 && want == 2) {
				later[i] = 1;
				continue;
			}
			if (want == 0)
				continue;
			if ((rc = visit(w, d + 1, &w->node[d])) != 0)
				goto out;
		}
	}
out:
	free(later);
	free(ids);
	return rc;
}

/* Visit the organisation loaded at depth d, then its subtree. */
static int
visit(struct walk *w, int d, struct walk_node *parent)
{
	struct walk_node *n = &w->node[d];
	int rc;

	n->org = w->org[d];
	n->parent = parent;
	n->depth = d;
	n->skip = 0;
	n->mark = 0;
	if (w->ops->pre != NULL && (rc = w->ops->pre(n, w->ud)) != 0)
		return rc;
	if (!n->skip && (rc = children(w, d)) != 0)
		return rc;
	if (w->ops->post != NULL)
		return w->ops->post(n, w->ud);
	return 0;
}

int
walk_orgs(struct store *s, uint64_t top, unsigned flags,
    const struct walk_ops *ops, void *ud)
{
	struct walk *w;
	uint64_t *ids = NULL;
	size_t n = 0, i;
	int rc, d;

	if ((w = calloc(1, sizeof *w)) == NULL)
		return STORE_EIO;
	w->s = s;
	w->flags = flags;
	w->ops = ops;
	w->ud = ud;
	if (top != 0) {
		rc = load(w, 0, top);
		if (rc == 0 && w->org[0]->meta.removed == RM_NONE)
			rc = visit(w, 0, NULL);
		goto out;
	}
	rc = store_org_children(s, 0, &ids, &n);
	for (i = 0; rc == 0 && i < n; i++) {
		if ((rc = load(w, 0, ids[i])) != 0)
			break;
		if (w->org[0]->meta.removed == RM_NONE)
			rc = visit(w, 0, NULL);
	}
out:
	for (d = 0; d <= WALK_MAX_DEPTH; d++)
		org_delete(w->org[d]);
	free(w);
	free(ids);
	return rc;
}
