/* test_walk.c - the organisation tree walk: tree order, branches first,
 * report order (附件3's), pre/post and the subtree mark, skip and stop,
 * the forest, removed and missing tops; and a damaged tree (a child the
 * store cannot read, a cycle) reported as an error by the walk and by
 * every user of it (report, statistics, check), never as a shorter tree. */
#include "export_fixture.h"
#include "check.h"
#include "report.h"
#include "stats.h"
#include "walk.h"

TestSuite(walk, .init = fx_setup, .fini = fx_teardown);

static uint64_t k_id, kb_id;

/* fx_build plus a 党委 under C (K) holding one branch (KB). */
static void
build(void)
{
	fx_build();
	k_id = fx_org(fx.c, FX_P "子公司委员会", "党委", "法人单位", 1);
	kb_id = fx_org(k_id, FX_P "子公司第一党支部", "党支部", "与上级党组织相同", 0);
}

struct rec {
	char seen[64][600];
	int n;                    /* visits (the first 64 are in seen) */
	int stop_at;              /* pre returns 7 at this visit (1-based), 0 never */
	uint64_t skip_id;         /* pre sets skip on it */
	int posts;
};

/* "depth:name<parent" without the common prefix */
static int
rec_pre(struct walk_node *n, void *ud)
{
	struct rec *r = ud;
	const char *nm = n->org->name, *pn = n->parent ? n->parent->org->name : "-";

	if (strncmp(nm, FX_P, strlen(FX_P)) == 0)
		nm += strlen(FX_P);
	if (strncmp(pn, FX_P, strlen(FX_P)) == 0)
		pn += strlen(FX_P);
	if (r->n < 64)
		snprintf(r->seen[r->n], sizeof r->seen[0], "%d:%s<%s", n->depth, nm, pn);
	r->n++;
	if (n->org->meta.id == r->skip_id)
		n->skip = 1;
	if (r->stop_at != 0 && r->n == r->stop_at)
		return 7;
	return 0;
}

/* counts the organisations of each subtree into mark */
static int
rec_post(struct walk_node *n, void *ud)
{
	struct rec *r = ud;

	n->mark += 1;
	if (n->parent != NULL)
		n->parent->mark += n->mark;
	else
		r->posts = (int)n->mark;
	return 0;
}

static void
expect(const struct rec *r, const char *const *want, int nwant)
{
	int i;

	for (i = 0; i < r->n && i < nwant; i++)
		cr_assert_str_eq(r->seen[i], want[i], "visit %d", i);
	cr_assert_eq(r->n, nwant, "visited %d, want %d", r->n, nwant);
}

static const struct walk_ops ops = { rec_pre, rec_post };

Test(walk, tree_order)
{
	static const char *const want[] = {
		"0:委员会<-", "1:机关党总支部<委员会", "2:机关第二党支部<机关党总支部",
		"2:机关第一党支部<机关党总支部", "1:办公室党支部<委员会",
		"1:财务部党支部<委员会", "1:生产党总支部<委员会", "2:生产车间党支部<生产党总支部",
		"1:中共测试园区联合党支部<委员会", "1:子公司委员会<委员会",
		"2:子公司第一党支部<子公司委员会",
	};
	struct rec r = { .n = 0 };

	build();
	cr_assert_eq(walk_orgs(fx_st, fx.c, 0, &ops, &r), 0);
	expect(&r, want, 11);
	cr_assert_eq(r.posts, 11);     /* post saw every subtree */
}

Test(walk, branches_first)
{
	static const char *const want[] = {
		"0:委员会<-", "1:办公室党支部<委员会", "1:财务部党支部<委员会",
		"1:中共测试园区联合党支部<委员会", "1:机关党总支部<委员会",
		"2:机关第二党支部<机关党总支部", "2:机关第一党支部<机关党总支部",
		"1:生产党总支部<委员会", "2:生产车间党支部<生产党总支部",
		"1:子公司委员会<委员会", "2:子公司第一党支部<子公司委员会",
	};
	struct rec r = { .n = 0 };

	build();
	cr_assert_eq(walk_orgs(fx_st, fx.c, WALK_BRANCHES_FIRST | WALK_HEAD, &ops, &r), 0);
	expect(&r, want, 11);
}

/* The mandated order of 附件3: own branches, then each 党总支 followed by
 * its branches; the 党委 under the 党委 reports on its own. */
Test(walk, report_order)
{
	static const char *const want[] = {
		"0:委员会<-", "1:办公室党支部<委员会", "1:财务部党支部<委员会",
		"1:中共测试园区联合党支部<委员会", "1:机关党总支部<委员会",
		"2:机关第二党支部<机关党总支部", "2:机关第一党支部<机关党总支部",
		"1:生产党总支部<委员会", "2:生产车间党支部<生产党总支部",
	};
	struct rec r = { .n = 0 };

	build();
	cr_assert_eq(walk_orgs(fx_st, fx.c, WALK_REPORT, &ops, &r), 0);
	expect(&r, want, 9);
	/* K as a 基层党委 of its own */
	memset(&r, 0, sizeof r);
	cr_assert_eq(walk_orgs(fx_st, k_id, WALK_REPORT, &ops, &r), 0);
	cr_assert_eq(r.n, 2);
	cr_assert_str_eq(r.seen[1], "1:子公司第一党支部<子公司委员会");
}

Test(walk, skip_stop_forest_and_tops)
{
	struct rec r = { .n = 0 };

	build();
	r.skip_id = fx.ga;
	cr_assert_eq(walk_orgs(fx_st, fx.c, 0, &ops, &r), 0);
	cr_assert_eq(r.n, 9);           /* GA2, GA1 left out */
	cr_assert_str_eq(r.seen[2], "1:办公室党支部<委员会");
	cr_assert_eq(r.posts, 9);

	memset(&r, 0, sizeof r);
	r.stop_at = 3;
	cr_assert_eq(walk_orgs(fx_st, fx.c, 0, &ops, &r), 7);
	cr_assert_eq(r.n, 3);
	cr_assert_eq(r.posts, 0);

	/* the forest: a second top-level organisation after C's tree */
	fx_org(0, "中共另一有限公司第一党支部", "党支部", "法人单位", 1);
	memset(&r, 0, sizeof r);
	cr_assert_eq(walk_orgs(fx_st, 0, 0, &ops, &r), 0);
	cr_assert_eq(r.n, 12);
	cr_assert_str_eq(r.seen[11], "0:中共另一有限公司第一党支部<-");

	/* a branch as top: itself; removed top: nothing; missing: an error */
	memset(&r, 0, sizeof r);
	cr_assert_eq(walk_orgs(fx_st, fx.ga1, WALK_REPORT, &ops, &r), 0);
	cr_assert_eq(r.n, 1);
	memset(&r, 0, sizeof r);
	cr_assert_eq(walk_orgs(fx_st, fx.r, 0, &ops, &r), 0);
	cr_assert_eq(r.n, 0);
	cr_assert_eq(walk_orgs(fx_st, 999999, 0, &ops, &r), STORE_ENOTFOUND);
	cr_assert_eq(r.n, 0);
}

/* Add (parent, seq 0x7fffffff) -> child to the children list with
 * mdb_load, the store closed meanwhile: a tree entry the API never writes. */
static void
add_child_entry(uint64_t parent, uint64_t child)
{
	char path[128], cmd[384], *cause = NULL;
	FILE *fp;

	store_close(fx_st);
	fx_st = NULL;
	snprintf(path, sizeof path, "%s/children.dump", fx_dir);
	fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fprintf(fp, "VERSION=3\nformat=bytevalue\ndatabase=children\ntype=btree\n"
	    "HEADER=END\n %016llx000000007fffffff\n %016llx\nDATA=END\n",
	    (unsigned long long)parent, (unsigned long long)child);
	fclose(fp);
	snprintf(cmd, sizeof cmd, "mdb_load -s children -f %s %s/db", path, fx_dir);
	cr_assert_eq(system(cmd), 0, "%s", cmd);
	snprintf(path, sizeof path, "%s/db", fx_dir);
	cr_assert_eq(store_open(&fx_st, path, 0, 0, &cause), 0, "%s", cause);
}

static int
count_item(const struct check_item *it, void *ud)
{
	(void)it;
	(*(int *)ud)++;
	return 0;
}

static int
noop_visit(const struct org *o, int kind, const struct org *parent, void *ud)
{
	(void)o; (void)kind; (void)parent; (void)ud;
	return 0;
}

/* G_B lists a child the store has no record of: every walk fails with
 * STORE_ENOTFOUND, and so do the report, the statistics and the check. */
Test(walk, unreadable_child_is_an_error)
{
	struct rec r = { .n = 0 };
	struct stats st;
	uint64_t *ids;
	size_t n;
	int items = 0;

	build();
	add_child_entry(fx.gb, 424242);
	cr_assert_eq(walk_orgs(fx_st, fx.c, 0, &ops, &r), STORE_ENOTFOUND);
	cr_assert_eq(walk_orgs(fx_st, fx.c, WALK_REPORT, &ops, &r), STORE_ENOTFOUND);
	cr_assert_eq(walk_orgs(fx_st, 0, WALK_BRANCHES_FIRST, &ops, &r), STORE_ENOTFOUND);
	cr_assert_eq(report_walk(fx_st, fx.c, noop_visit, NULL), STORE_ENOTFOUND);
	cr_assert_eq(stats_compute(fx_st, 0, FX_TODAY, &st), STORE_ENOTFOUND);
	cr_assert_eq(check_run(fx_st, 0, FX_TODAY, count_item, &items, NULL),
	    STORE_ENOTFOUND);
	cr_assert_eq(report_committees(fx_st, &ids, &n), STORE_ENOTFOUND);
	/* the parts of the tree that are sound still walk */
	cr_assert_eq(report_walk(fx_st, fx.ga, noop_visit, NULL), 0);
}

/* A cycle (C listed under its own 党总支) ends as STORE_EIO, not a hang
 * and not a silent cut; the report order never follows a 党委 down. */
Test(walk, cycle_is_an_error)
{
	struct rec r = { .n = 0 };
	struct stats st;
	int items = 0;

	build();
	add_child_entry(fx.ga, fx.c);
	cr_assert_eq(walk_orgs(fx_st, fx.c, 0, &ops, &r), STORE_EIO);
	cr_assert_eq(stats_compute(fx_st, fx.c, FX_TODAY, &st), STORE_EIO);
	cr_assert_eq(check_run(fx_st, fx.c, FX_TODAY, count_item, &items, NULL), STORE_EIO);
	memset(&r, 0, sizeof r);
	cr_assert_eq(walk_orgs(fx_st, fx.c, WALK_REPORT, &ops, &r), 0);
	cr_assert_eq(r.n, 9);
}
