/* test_demo.c - caiji demo builds the documented tree, 40 members whose
 * states agree with the validation module, and refuses a non-empty db;
 * caiji gen writes N valid members in branch order. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "validate.h"

static char dir[64];
static struct app app;

static void
setup(void)
{
	strcpy(dir, "/tmp/caiji-demo-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	memset(&app, 0, sizeof app);
	app.dbdir = dir;
	app.user = "clerk";
	app.today = "2026-03-15";
}

static void
teardown(void)
{
	char cmd[128];

	store_close(app.st);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		cr_log_warn("cleanup failed");
}

TestSuite(demo, .init = setup, .fini = teardown);

struct tally {
	const struct org *branch;
	size_t n, drafts, prob, floating, lost, birth_confirmed, fixed_phone, no_address, wrong_state;
};

static int
tally_one(const struct member *m, void *ud)
{
	struct tally *t = ud;
	struct vreport r;

	t->n++;
	validate_member(m, t->branch, "2026-03-15", &r);
	if ((m->meta.state == REC_COMPLETE) != vreport_complete(&r))
		t->wrong_state++;
	if (m->meta.state == REC_DRAFT)
		t->drafts++;
	if (strcmp(m->category, "预备党员") == 0)
		t->prob++;
	if (strcmp(m->floating, "是") == 0 && m->flow_to[0])
		t->floating++;
	if (strcmp(m->lost, "是") == 0 && m->lost_date[0])
		t->lost++;
	if (m->meta.n_confirm == 1 && strcmp(m->meta.confirm[0].rule, "birth_differs") == 0 &&
	    strcmp(m->meta.confirm[0].by, "clerk") == 0)
		t->birth_confirmed++;
	if (strncmp(m->phone, "0", 1) == 0)
		t->fixed_phone++;
	if (m->address[0] == '\0')
		t->no_address++;
	return 0;
}

static void
walk(uint64_t parent, int depth, struct tally *t, size_t *norgs, size_t *nbranch)
{
	uint64_t *ids;
	size_t n, i;
	struct org o = { 0 };
	struct vreport r;

	cr_assert_eq(store_org_children(app.st, parent, &ids, &n), 0);
	for (i = 0; i < n; i++) {
		cr_assert_eq(store_org_get(app.st, ids[i], &o, NULL), 0);
		(*norgs)++;
		validate_org(&o, "2026-03-15", &r);
		cr_assert_eq(o.meta.state == REC_COMPLETE, vreport_complete(&r), "%s", o.name);
		if (org_is_branch(o.category)) {
			(*nbranch)++;
			t->branch = &o;
			cr_assert_eq(store_member_each(app.st, o.meta.id, tally_one, t), 0);
		}
		if (strcmp(o.category, "联合党支部") == 0) {
			size_t u;
			cr_assert_eq(o.n_units, 2);
			for (u = 0; u < 2; u++)
				cr_assert_eq(validate_field(VK_UNITCODE, NULL, o.units[u].code, &(struct verdict){0}),
				    SEV_OK, "%s", o.units[u].code);
		}
		if (depth == 0) {
			cr_assert_str_eq(o.category, "党委");
			cr_assert_eq(o.n_units, 1);
		}
		walk(o.meta.id, depth + 1, t, norgs, nbranch);
	}
	free(ids);
	org_free(&o);
}

Test(demo, builds_the_documented_tree)
{
	char a0[] = "demo", *argv[] = { a0, NULL };
	struct tally t = { 0 };
	size_t norgs = 0, nbranch = 0;
	uint64_t *ids, *kids;
	size_t n;
	struct org o = { 0 };

	cr_assert_eq(cmd_run(&app, &cmd_demo_entry, 1, argv), 0);
	walk(0, 0, &t, &norgs, &nbranch);
	cr_assert_eq(norgs, 7);
	cr_assert_eq(nbranch, 5);
	cr_assert_eq(t.n, 40);
	cr_assert_eq(t.wrong_state, 0);
	cr_assert_eq(t.no_address, 1);
	cr_assert_geq(t.drafts, 2);
	cr_assert_leq(t.drafts, 4);
	cr_assert_geq(t.prob, 3);
	cr_assert_eq(t.floating, 1);
	cr_assert_eq(t.lost, 1);
	cr_assert_eq(t.birth_confirmed, 1);
	cr_assert_geq(t.fixed_phone, 1);

	/* top: two direct branches, a 党总支 with two, the joint branch */
	cr_assert_eq(store_org_children(app.st, 0, &ids, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(store_org_children(app.st, ids[0], &kids, &n), 0);
	cr_assert_eq(n, 4);
	cr_assert_eq(store_org_get(app.st, kids[2], &o, NULL), 0);
	cr_assert_str_eq(o.category, "党总支部");
	cr_assert_eq(store_org_get(app.st, kids[3], &o, NULL), 0);
	cr_assert_str_eq(o.category, "联合党支部");
	free(kids);
	free(ids);

	/* a second run refuses and changes nothing */
	cr_assert_eq(cmd_run(&app, &cmd_demo_entry, 1, argv), 1);
	cr_assert_eq(store_org_children(app.st, 0, &ids, &n), 0);
	cr_assert_eq(n, 1);
	free(ids);
	org_free(&o);
}

static int
count_valid(const struct member *m, void *ud)
{
	size_t *k = ud;
	struct vreport r;

	validate_member(m, NULL, "2026-03-15", &r);
	cr_assert(vreport_complete(&r), "%s %s: %s", m->name, m->idcard, r.n ? r.it[0].msg : "");
	cr_assert_eq(m->meta.state, REC_COMPLETE);
	(*k)++;
	return 0;
}

Test(demo, gen_writes_valid_members_in_batches)
{
	char a0[] = "gen", a1[] = "--members", a2[] = "1234", a3[] = "--batch",
	    a4[] = "100", a5[] = "--per-branch", a6[] = "50";
	char *argv[] = { a0, a1, a2, a3, a4, a5, a6, NULL };
	uint64_t *top, *gens, *br;
	size_t n1, n2, n3, i, total = 0;

	cr_assert_eq(cmd_run(&app, &cmd_gen_entry, 7, argv), 0);
	/* gen replaces the file by a compacted copy and closes it: reopened */
	cr_assert_null(app.st);
	cr_assert_eq(app_open_store(&app), 0);
	cr_assert_eq(store_org_children(app.st, 0, &top, &n1), 0);
	cr_assert_eq(n1, 1);
	cr_assert_eq(store_org_children(app.st, top[0], &gens, &n2), 0);
	cr_assert_eq(n2, 2);   /* 25 branches, 20 per 党总支 */
	for (i = 0; i < n2; i++) {
		size_t j;
		cr_assert_eq(store_org_children(app.st, gens[i], &br, &n3), 0);
		for (j = 0; j < n3; j++)
			cr_assert_eq(store_member_each(app.st, br[j], count_valid, &total), 0);
		free(br);
	}
	cr_assert_eq(total, 1234);
	free(top);
	free(gens);
	/* and it refuses a non-empty database */
	cr_assert_eq(cmd_run(&app, &cmd_gen_entry, 3, argv), 1);
}
