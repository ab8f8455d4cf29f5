/*
 * review_store.c - the transitions of the checking workflow and the
 * progress board (review.h), through the store (store.h): each transition
 * is one store_txn_review (one write transaction, one audit entry) whose
 * check callback runs review.c's rules on the record as stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "cause.h"
#include "review.h"
#include "store.h"
#include "validate.h"
#include "walk.h"

/* What a check callback needs. */
struct rctx {
	int role;
	int level;                /* asked: REV_LEVEL_*, 0 = the next for the role */
	int done;                 /* the level the check decided */
	const char *today;
	struct org *branch;       /* scratch for a member's branch */
	struct review_why why;
	/* the member checked (for a batch's skip list) */
	uint64_t id;
	char name[REC_NAME_MAX], key[REC_SHORT_MAX];
	int silent;               /* not listed: already past the step, removed */
	int no_confirm;           /* REV_NO_CONFIRM (an import checked by the branch) */
};

static int
refuse(struct rctx *c, char **cause)
{
	char msg[V_MSG_MAX * 2];

	review_why_join(&c->why, msg, sizeof msg);
	cause_set(cause, "%s", msg);
	return STORE_ERULE;
}

/* The level record meta may take for c's role and request; 0 with
 * c->why when none. */
static int
decide_level(struct rctx *c, const struct rec_meta *meta, int org_branch)
{
	int level = review_next_level(c->role, meta->review, org_branch, &c->why);

	c->silent = 0;
	if (c->level == 0) {
		/* past what this clerk does: not worth a line */
		if (level == 0 && review_done_for(c->role, meta->review, org_branch))
			c->silent = 1;
		return level;
	}
	if (level == c->level)
		return level;
	/* asked for a step this record is past: no reason to list it */
	if ((c->level == REV_LEVEL_CHECK && meta->review >= REV_CHECKED) ||
	    (c->level == REV_LEVEL_REVIEW && meta->review == REV_REVIEWED)) {
		c->silent = 1;
		if (c->why.n == 0)
			snprintf(c->why.msg[c->why.n++], V_MSG_MAX, "已%s通过",
			    review_level_label(c->level));
		return 0;
	}
	if (c->why.n == 0)
		snprintf(c->why.msg[c->why.n++], V_MSG_MAX, "%s",
		    c->level == REV_LEVEL_REVIEW ? "尚未初核" : "当前状态不能初核");
	return 0;
}

static int
check_member(struct store_txn *t, const void *rec, void *ud, char **cause)
{
	const struct member *m = rec;
	struct rctx *c = ud;
	const struct org *b = NULL;
	int level;

	c->id = m->meta.id;
	rec_strcpy(c->name, sizeof c->name, m->name);
	rec_strcpy(c->key, sizeof c->key, m->idcard);
	c->why.n = 0;
	c->done = 0;
	if (m->meta.removed != RM_NONE) {
		c->silent = 1;
		snprintf(c->why.msg[c->why.n++], V_MSG_MAX, "记录已移除");
		return refuse(c, cause);
	}
	if ((level = decide_level(c, &m->meta, 1)) == 0)
		return refuse(c, cause);
	if (c->branch != NULL && store_txn_org_get(t, m->branch, c->branch) == 0)
		b = c->branch;
	if (!review_member_eligible(m, b, level | (c->no_confirm ? REV_NO_CONFIRM : 0),
	    c->today, &c->why))
		return refuse(c, cause);
	c->done = level;
	return 0;
}

static int
check_org(struct store_txn *t, const void *rec, void *ud, char **cause)
{
	const struct org *o = rec;
	struct rctx *c = ud;
	int level;

	(void)t;
	c->why.n = 0;
	c->done = 0;
	if ((level = decide_level(c, &o->meta, org_is_branch(o->category))) == 0)
		return refuse(c, cause);
	if (!review_org_eligible(o, level, c->today, &c->why))
		return refuse(c, cause);
	c->done = level;
	return 0;
}

/* Which state a pass reaches: chosen by the check (inside the
 * transaction), so the store_review is filled there too. */
struct pass {
	struct store_review r;
	struct rctx c;
	int (*check)(struct store_txn *, const void *, void *, char **);
};

static int
pass_check(struct store_txn *t, const void *rec, void *ud, char **cause)
{
	struct pass *p = ud;
	int rc = p->check(t, rec, &p->c, cause);

	if (rc == 0)
		p->r.state = p->c.done == REV_LEVEL_REVIEW ? REV_REVIEWED : REV_CHECKED;
	return rc;
}

static int
pass_one(struct app *app, int kind, uint64_t id, uint64_t version,
    int *level, char **cause)
{
	struct pass p;
	int rc;

	memset(&p, 0, sizeof p);
	p.c.role = app->role;
	p.c.today = app->today;
	p.check = kind == AUK_MEMBER ? check_member : check_org;
	if (kind == AUK_MEMBER && (p.c.branch = org_new()) == NULL) {
		cause_set(cause, "内存不足");
		return STORE_EIO;
	}
	p.r.kind = kind;
	p.r.id = id;
	p.r.version = version;
	p.r.op = SR_PASS;
	p.r.check = pass_check;
	p.r.ud = &p;
	rc = store_review(app->st, &p.r, cause);
	if (rc == 0 && level != NULL)
		*level = p.c.done;
	org_delete(p.c.branch);
	return rc;
}

int
review_pass_member(struct app *app, uint64_t id, uint64_t version,
    int *level, char **cause)
{
	return pass_one(app, AUK_MEMBER, id, version, level, cause);
}

int
review_pass_org(struct app *app, uint64_t id, uint64_t version,
    int *level, char **cause)
{
	return pass_one(app, AUK_ORG, id, version, level, cause);
}

/* Returns and unlocks are the reviewer's (a 党委 clerk, or the admin). */
static int
reviewer_only(struct app *app, const char *what, char **cause)
{
	if (app->role == ROLE_ADMIN || app->role == ROLE_COMMITTEE)
		return 0;
	cause_set(cause, "没有权限: %s须由党委录入员进行", what);
	return STORE_ERULE;
}

static int
op_one(struct app *app, int kind, int op, uint64_t id, const char *field,
    const char *text, char **cause)
{
	struct store_review r;

	memset(&r, 0, sizeof r);
	r.kind = kind;
	r.id = id;
	r.op = op;
	r.field = field;
	r.text = text;
	return store_review(app->st, &r, cause);
}

int
review_return_member(struct app *app, uint64_t id, const char *field,
    const char *comment, char **cause)
{
	int rc;

	if ((rc = reviewer_only(app, "退回", cause)) != 0)
		return rc;
	return op_one(app, AUK_MEMBER, SR_RETURN, id, field, comment, cause);
}

int
review_return_org(struct app *app, uint64_t id, const char *field,
    const char *comment, char **cause)
{
	int rc;

	if ((rc = reviewer_only(app, "退回", cause)) != 0)
		return rc;
	return op_one(app, AUK_ORG, SR_RETURN, id, field, comment, cause);
}

int
review_unlock_member(struct app *app, uint64_t id, const char *reason,
    char **cause)
{
	int rc;

	if ((rc = reviewer_only(app, "解锁", cause)) != 0)
		return rc;
	return op_one(app, AUK_MEMBER, SR_UNLOCK, id, NULL, reason, cause);
}

int
review_unlock_org(struct app *app, uint64_t id, const char *reason,
    char **cause)
{
	int rc;

	if ((rc = reviewer_only(app, "解锁", cause)) != 0)
		return rc;
	return op_one(app, AUK_ORG, SR_UNLOCK, id, NULL, reason, cause);
}

int
review_sign_org(struct app *app, uint64_t id, const char *secretary,
    const char *date, char **cause)
{
	struct store_review r;
	struct verdict v;
	char d[REC_DATE_MAX];

	if (secretary == NULL || validate_field(VK_NAME, "书记签字", secretary, &v) ==
	    SEV_ERROR) {
		cause_set(cause, "%s", secretary == NULL || v.msg[0] == '\0' ?
		    "书记签字:须写明签字人姓名" : v.msg);
		return STORE_EINVAL;
	}
	if (date == NULL)
		date = app->today;
	if (date == NULL) {
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(d, sizeof d, "%Y-%m-%d", &tm);
	} else if (date_normalize(date, d) != 0) {
		cause_set(cause, "签字日期 %s 不是有效日期（YYYY-MM-DD）", date);
		return STORE_EINVAL;
	}
	memset(&r, 0, sizeof r);
	r.kind = AUK_ORG;
	r.id = id;
	r.op = SR_SIGN;
	r.secretary = v.norm;
	r.date = d;
	return store_review(app->st, &r, cause);
}

/* ---- batches ---- */

void
review_batch_free(struct review_batch *b)
{
	if (b == NULL)
		return;
	free(b->skip);
	memset(b, 0, sizeof *b);
}

static int
skip_add(struct review_batch *b, const struct rctx *c, const char *why)
{
	struct review_skip *k;

	if (b->n_skip == b->cap_skip) {
		size_t cap = b->cap_skip ? b->cap_skip * 2 : 16;
		struct review_skip *p = realloc(b->skip, cap * sizeof *p);

		if (p == NULL)
			return -1;
		b->skip = p;
		b->cap_skip = cap;
	}
	k = &b->skip[b->n_skip++];
	k->id = c->id;
	rec_strcpy(k->name, sizeof k->name, c->name);
	rec_strcpy(k->key, sizeof k->key, c->key);
	rec_strcpy(k->why, sizeof k->why, why != NULL ? why : "");
	return 0;
}

struct batch {
	int plan;                 /* review_plan_branch: abort at the end */
	struct review_batch *b;
	const uint64_t *ids;
	size_t n;
	struct pass p;
};

static int
batch_fn(struct store_txn *t, void *ud)
{
	struct batch *a = ud;
	struct review_batch *b = a->b;
	size_t i;
	int rc;

	/* a retried transaction starts over */
	b->passed = b->passed_check = b->passed_review = 0;
	b->n_skip = 0;
	for (i = 0; i < a->n; i++) {
		char *why = NULL;

		a->p.r.id = a->ids[i];
		a->p.c.silent = 0;
		rc = store_txn_review(t, &a->p.r, &why);
		if (rc == 0) {
			b->passed++;
			if (a->p.c.done == REV_LEVEL_REVIEW)
				b->passed_review++;
			else
				b->passed_check++;
		} else if (rc == STORE_ERULE || rc == STORE_EINVAL ||
		    rc == STORE_ELOCKED) {
			if (!a->p.c.silent && skip_add(b, &a->p.c, why) != 0) {
				free(why);
				return STORE_EIO;
			}
		} else if (rc != STORE_ENOTFOUND) {
			free(why);
			return rc;
		}
		free(why);
	}
	return a->plan ? STORE_EABORT : 0;
}

static int
pass_branch(struct app *app, uint64_t branch, int level, int plan,
    struct review_batch *b, char **cause)
{
	struct batch a;
	struct org *o = NULL;
	uint64_t *ids = NULL;
	size_t n = 0;
	int rc;

	memset(b, 0, sizeof *b);
	b->level = level;
	if (level == REV_LEVEL_CHECK && app->role != ROLE_ADMIN &&
	    app->role != ROLE_BRANCH) {
		cause_set(cause, "没有权限: 初核须由本党支部的录入员进行");
		return STORE_ERULE;
	}
	if (level == REV_LEVEL_REVIEW && app->role != ROLE_ADMIN &&
	    app->role != ROLE_COMMITTEE) {
		cause_set(cause, "没有权限: 复核须由党委录入员进行");
		return STORE_ERULE;
	}
	if ((o = org_new()) == NULL)
		return STORE_EIO;
	if ((rc = store_org_get_head(app->st, branch, o)) != 0) {
		cause_set(cause, "党组织不存在或不在您的管理范围内");
		goto out;
	}
	if (!org_is_branch(o->category)) {
		cause_set(cause, "%s 不是党支部", o->name);
		rc = STORE_EINVAL;
		goto out;
	}
	if ((rc = store_branch_members(app->st, branch, &ids, &n)) != 0) {
		cause_set(cause, "%s", store_strerror(rc));
		goto out;
	}
	memset(&a, 0, sizeof a);
	a.plan = plan;
	a.b = b;
	a.ids = ids;
	a.n = n;
	a.p.c.role = app->role;
	a.p.c.level = level;
	a.p.c.today = app->today;
	a.p.c.branch = o;
	a.p.check = check_member;
	a.p.r.kind = AUK_MEMBER;
	a.p.r.op = SR_PASS;
	a.p.r.check = pass_check;
	a.p.r.ud = &a.p;
	rc = store_write(app->st, batch_fn, &a, cause);
	if (plan && rc == STORE_EABORT) {
		rc = 0;
		if (cause != NULL) {
			free(*cause);
			*cause = NULL;
		}
	}
out:
	free(ids);
	org_delete(o);
	return rc;
}

int
review_pass_branch(struct app *app, uint64_t branch, int level,
    struct review_batch *b, char **cause)
{
	return pass_branch(app, branch, level, 0, b, cause);
}

int
review_plan_branch(struct app *app, uint64_t branch, int level,
    struct review_batch *b, char **cause)
{
	return pass_branch(app, branch, level, 1, b, cause);
}

int
review_txn_mark_checked(struct store_txn *t, uint64_t id, const char *today,
    const char *text, char **cause)
{
	struct pass p;
	int rc;

	memset(&p, 0, sizeof p);
	/* on behalf of the branch: its 初核, whoever imports */
	p.c.role = ROLE_BRANCH;
	p.c.level = REV_LEVEL_CHECK;
	p.c.no_confirm = 1;
	p.c.today = today;
	p.check = check_member;
	if ((p.c.branch = org_new()) == NULL)
		return STORE_EIO;
	p.r.kind = AUK_MEMBER;
	p.r.id = id;
	p.r.op = SR_PASS;
	p.r.text = text;
	p.r.check = pass_check;
	p.r.ud = &p;
	rc = store_txn_review(t, &p.r, cause);
	org_delete(p.c.branch);
	return rc;
}

/* ---- the progress board ---- */

struct prog {
	struct store *s;
	int (*fn)(const struct review_row *row, void *ud);
	void *ud;
	struct review_row acc[WALK_MAX_DEPTH + 1];
	struct review_row row;
};

static void
row_add(struct review_row *to, const struct review_row *r)
{
	if (r->stat_count >= 0)
		to->stat_count = (to->stat_count < 0 ? 0 : to->stat_count) + r->stat_count;
	to->entered += r->entered;
	to->complete += r->complete;
	to->checked += r->checked;
	to->reviewed += r->reviewed;
	to->returned += r->returned;
	to->orgs += r->orgs;
	to->orgs_signed += r->orgs_signed;
	to->orgs_checked += r->orgs_checked;
	to->orgs_reviewed += r->orgs_reviewed;
	if (r->last_at > to->last_at) {
		to->last_at = r->last_at;
		memcpy(to->last_by, r->last_by, sizeof to->last_by);
	}
}

/* The org's own 附件1 in row r. */
static void
org_into(struct review_row *r, const struct org *o)
{
	r->orgs++;
	if (o->signed_by[0] != '\0')
		r->orgs_signed++;
	if (o->meta.review >= REV_CHECKED)
		r->orgs_checked++;
	if (o->meta.review == REV_REVIEWED)
		r->orgs_reviewed++;
	if (o->meta.changed_at > r->last_at) {
		r->last_at = o->meta.changed_at;
		rec_strcpy(r->last_by, sizeof r->last_by, o->meta.changed_by);
	}
}

static void
row_start(struct review_row *r, int kind, const struct walk_node *n)
{
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->org = n->org->meta.id;
	r->depth = n->depth;
	r->stat_count = -1;
	r->org_state = n->org->meta.review;
	rec_strcpy(r->name, sizeof r->name, n->org->name);
}

static int
prog_pre(struct walk_node *n, void *ud)
{
	struct prog *p = ud;
	struct store_counts c;
	struct store_review_counts rv;
	struct review_row *r = &p->row;
	int d, rc;

	if (n->depth > WALK_MAX_DEPTH)
		return STORE_EIO;
	if (!org_is_branch(n->org->category)) {
		row_start(&p->acc[n->depth], org_is_general(n->org->category) ?
		    RR_GENERAL : RR_COMMITTEE, n);
		org_into(&p->acc[n->depth], n->org);
		return 0;
	}
	row_start(r, RR_BRANCH, n);
	if ((rc = store_branch_counts(p->s, r->org, &c)) != 0 ||
	    (rc = store_branch_review(p->s, r->org, &rv)) != 0)
		return rc;
	r->stat_count = n->org->stat_count;
	r->entered = c.members;
	r->complete = c.members >= c.drafts ? c.members - c.drafts : 0;
	r->checked = rv.checked + rv.reviewed;      /* 初核通过 or past it */
	r->reviewed = rv.reviewed;
	r->returned = rv.returned;
	r->last_at = rv.last_at;
	memcpy(r->last_by, rv.last_by, sizeof r->last_by);
	org_into(r, n->org);
	if ((rc = p->fn(r, p->ud)) != 0)
		return rc;
	for (d = 0; d < n->depth; d++)
		row_add(&p->acc[d], r);
	return 0;
}

static int
prog_post(struct walk_node *n, void *ud)
{
	struct prog *p = ud;
	int d;

	if (org_is_branch(n->org->category) || n->depth > WALK_MAX_DEPTH)
		return 0;
	/* the branches added themselves to every total above them; what the
	 * parents' totals still lack is this organisation's own 附件1 */
	for (d = 0; d < n->depth; d++)
		org_into(&p->acc[d], n->org);
	return p->fn(&p->acc[n->depth], p->ud);
}

int
review_progress(struct store *s, uint64_t top,
    int (*fn)(const struct review_row *row, void *ud), void *ud, char **cause)
{
	static const struct walk_ops ops = { prog_pre, prog_post };
	struct prog *p;
	int rc;

	if ((p = calloc(1, sizeof *p)) == NULL)
		return STORE_EIO;
	p->s = s;
	p->fn = fn;
	p->ud = ud;
	rc = walk_orgs(s, top, WALK_REPORT | WALK_HEAD, &ops, p);
	if (rc < 0)
		cause_set(cause, "%s", store_strerror(rc));
	free(p);
	return rc;
}

/* ---- what export needs ---- */

struct miss {
	int need, what;
	long n;
	void (*fn)(const char *org, const char *what, void *ud);
	void *ud;
};

/* One row of the board: its branch's members (RR_BRANCH) and every row's
 * own 附件1 (org_state), so each organisation is named once, in report
 * order (a 党总支 or the committee after its branches). */
static int
miss_row(const struct review_row *r, void *ud)
{
	struct miss *m = ud;
	const char *step = m->need == REV_REVIEWED ? "复核" : "初核";
	uint64_t done, short_m = 0, short_o;
	char what[512];
	size_t len = 0;

	if (r->kind == RR_BRANCH && (m->what & REVIEW_MISS_MEMBERS)) {
		done = m->need == REV_REVIEWED ? r->reviewed : r->checked;
		short_m = r->entered > done ? r->entered - done : 0;
	}
	short_o = (m->what & REVIEW_MISS_ORGS) && r->org_state < m->need;
	if (short_m + short_o == 0)
		return 0;
	what[0] = '\0';
	if (short_m > 0)
		len = (size_t)snprintf(what, sizeof what, "%llu 名党员未%s",
		    (unsigned long long)short_m, step);
	if (short_o > 0 && len < sizeof what)
		snprintf(what + len, sizeof what - len, "%s党组织信息（附件1）未%s",
		    len > 0 ? "，" : "", step);
	m->n += (long)(short_m + short_o);
	if (m->fn != NULL)
		m->fn(r->name, what, m->ud);
	return 0;
}

long
review_missing(struct store *s, uint64_t top, int need, int what,
    void (*fn)(const char *org, const char *what, void *ud), void *ud)
{
	struct miss m;

	memset(&m, 0, sizeof m);
	m.need = need;
	m.what = what;
	m.fn = fn;
	m.ud = ud;
	if (review_progress(s, top, miss_row, &m, NULL) != 0)
		return -1;
	return m.n;
}
