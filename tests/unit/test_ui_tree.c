/* test_ui_tree.c - the reading of the 组织树 screen (ui_tree_read): order,
 * depth, counts summed up the tree, removed organisations, and a store
 * that fails half-way giving an error and no tree at all. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lmdb.h>

#include "store.h"
#include "ui_tree.h"
#include "validate.h"

static char dir[64];
static struct store *st;

static void
setup(void)
{
	strcpy(dir, "/tmp/caiji-test-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	st = NULL;
}

static void
teardown(void)
{
	char cmd[128];

	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		cr_log_warn("cleanup of %s failed", dir);
}

static void
open_db(void)
{
	char *cause = NULL, path[96];

	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(store_open(&st, path, 0, 0, &cause), 0, "store_open: %s", cause ? cause : "?");
	store_set_user(st, "tester");
}

static uint64_t
mkorg(uint64_t parent, const char *name, const char *category)
{
	struct org o = { 0 };
	char *cause = NULL;

	org_init(&o);
	o.parent = parent;
	strcpy(o.name, name);
	strcpy(o.category, category);
	cr_assert_eq(store_org_save(st, &o, &cause), 0, "org save %s: %s", name, cause ? cause : "?");
	org_free(&o);
	return o.meta.id;
}

static void
mkmember(uint64_t branch, const char *name, const char *idcard)
{
	struct member m;
	char *cause = NULL;

	member_init(&m);
	m.branch = branch;
	strcpy(m.name, name);
	strcpy(m.idcard, idcard);
	strcpy(m.category, "正式党员");
	cr_assert_eq(store_member_save(st, &m, &cause), 0, "member save %s: %s", name,
	    cause ? cause : "?");
}

/* 甲委 { 一支 (2 members), 二支 (1) }, 丙支 (top level, 1), 旧支 removed under 甲委. */
static void
mktree(uint64_t *top, uint64_t *one)
{
	struct org o = { 0 };
	char *cause = NULL;
	uint64_t old;

	open_db();
	*top = mkorg(0, "甲委", "党委");
	*one = mkorg(*top, "一支", "党支部");
	mkmember(*one, "张三", "110105194901010018");
	mkmember(*one, "李四", "110105195002020012");
	mkmember(mkorg(*top, "二支", "党支部"), "王五", "110105195103030016");
	mkmember(mkorg(0, "丙支", "党支部"), "赵六", "110105195204040010");
	old = mkorg(*top, "旧支", "党支部");
	cr_assert_eq(store_org_get(st, old, &o, NULL), 0);
	cr_assert_eq(store_org_remove(st, old, o.meta.version, RM_OTHER, "", &cause), 0,
	    "%s", cause ? cause : "?");
	org_free(&o);
}

TestSuite(ui_tree, .init = setup, .fini = teardown);

Test(ui_tree, reads_the_whole_tree_in_order_with_counts)
{
	struct ui_tree_node *nd = NULL;
	char *cause = NULL;
	uint64_t top, one;
	size_t n = 0;

	mktree(&top, &one);
	cr_assert_eq(ui_tree_read(st, "2024-06-01", 0, &nd, &n, &cause), 0, "%s",
	    cause ? cause : "?");
	cr_assert_eq(n, 4);
	cr_assert_str_eq(nd[0].name, "甲委");
	cr_assert_str_eq(nd[1].name, "一支");
	cr_assert_str_eq(nd[2].name, "二支");
	cr_assert_str_eq(nd[3].name, "丙支");
	cr_assert_eq(nd[0].id, top);
	cr_assert_eq(nd[1].id, one);
	cr_assert_eq(nd[0].depth, 0);
	cr_assert_eq(nd[1].depth, 1);
	cr_assert_eq(nd[1].parent, 0);
	cr_assert_eq(nd[3].parent, -1);
	cr_assert_eq(nd[0].kids, 2);
	cr_assert(!nd[0].branch && nd[1].branch && nd[3].branch);
	cr_assert_eq(nd[1].c.members, 2);
	cr_assert_eq(nd[2].c.members, 1);
	cr_assert_eq(nd[0].c.members, 3, "a committee counts everything below it");
	cr_assert_eq(nd[0].c.full, 3);
	cr_assert_eq(nd[3].c.members, 1);
	cr_assert(nd[0].expanded && nd[3].expanded);
	cr_assert_eq(nd[1].mark, '!', "an organisation with its fields unfilled is marked");
	free(nd);

	cr_assert_eq(ui_tree_read(st, "2024-06-01", 1, &nd, &n, NULL), 0);
	cr_assert_eq(n, 5);
	cr_assert_str_eq(nd[3].name, "旧支");
	cr_assert_eq(nd[3].removed, RM_OTHER);
	cr_assert_eq(nd[0].kids, 3);
	free(nd);
}

/* Replace the stored record of organisation id with bytes, bypassing the store. */
static void
raw_put_org(uint64_t id, const void *bytes, size_t len)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	unsigned char k[8];
	MDB_val key = { 8, k }, val = { len, (void *)bytes };
	char path[96];
	int i;

	for (i = 7; i >= 0; i--, id >>= 8)
		k[i] = (unsigned char)(id & 0xff);
	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 16);
	cr_assert_eq(mdb_env_open(env, path, 0, 0600), 0);
	cr_assert_eq(mdb_txn_begin(env, NULL, 0, &txn), 0);
	cr_assert_eq(mdb_dbi_open(txn, "orgs", 0, &dbi), 0);
	cr_assert_eq(mdb_put(txn, dbi, &key, &val, 0), 0);
	cr_assert_eq(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

/* The store fails on the second organisation of the walk: the clerk gets
 * the error and no tree, never the part read before it. */
Test(ui_tree, a_store_error_gives_no_tree_and_says_why)
{
	struct ui_tree_node *nd = (void *)1;
	char *cause = NULL;
	uint64_t top, one;
	size_t n = 99;
	int rc;

	mktree(&top, &one);
	store_close(st);
	st = NULL;
	raw_put_org(one, "\x01", 1);
	open_db();
	rc = ui_tree_read(st, "2024-06-01", 0, &nd, &n, &cause);
	cr_assert_eq(rc, STORE_EIO);
	cr_assert_null(nd);
	cr_assert_eq(n, 0);
	cr_assert_not_null(cause);
	cr_assert(strstr(cause, "已损坏") != NULL, "%s", cause);
	free(cause);
}

/* Write key -> bytes into named database db, bypassing the store. */
static void
raw_put(const char *db, const void *key, size_t kl, const void *bytes, size_t len)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k = { kl, (void *)key }, val = { len, (void *)bytes };
	char path[96];

	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 32);
	cr_assert_eq(mdb_env_open(env, path, 0, 0600), 0);
	cr_assert_eq(mdb_txn_begin(env, NULL, 0, &txn), 0);
	cr_assert_eq(mdb_dbi_open(txn, db, 0, &dbi), 0);
	cr_assert_eq(mdb_put(txn, dbi, &k, &val, 0), 0);
	cr_assert_eq(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

/* The problem counts of organisation id as the store keeps them. */
static void
kept_counts(uint64_t id, int *errors, int *unconfirmed)
{
	struct store_org_tree ot;
	const struct store_org_row *r;

	cr_assert_eq(store_org_tree(st, &ot, NULL), 0);
	cr_assert_not_null(r = store_org_tree_find(&ot, id));
	*errors = r->errors;
	*unconfirmed = r->unconfirmed;
	store_org_tree_free(&ot);
}

/* The tree's marks come from the store, which judges an organisation in
 * the transaction that saves it: they follow every save, and agree with
 * validate_org on the record as saved. */
Test(ui_tree, marks_follow_the_saves)
{
	struct vreport *r = malloc(sizeof *r);
	struct org o;
	char *cause = NULL;
	uint64_t top, one;
	int e, u, before;

	org_init(&o);
	mktree(&top, &one);
	cr_assert_eq(store_org_get(st, one, &o, NULL), 0);
	validate_org(&o, NULL, r);
	kept_counts(one, &e, &u);
	cr_assert_eq(e, r->errors);
	cr_assert_eq(u, r->unconfirmed);
	cr_assert_gt(e, 0, "一支 has its fields unfilled");
	before = e;

	strcpy(o.contact, "张三");
	strcpy(o.phone, "13800138000");
	cr_assert_eq(store_org_save(st, &o, &cause), 0, "%s", cause ? cause : "?");
	validate_org(&o, NULL, r);
	kept_counts(one, &e, &u);
	cr_assert_eq(e, r->errors);
	cr_assert_lt(e, before, "the save took its errors away");

	strcpy(o.phone, "12");
	cr_assert_eq(store_org_save(st, &o, &cause), 0, "%s", cause ? cause : "?");
	validate_org(&o, NULL, r);
	kept_counts(one, &e, &u);
	cr_assert_eq(e, r->errors, "a bad phone again");
	org_free(&o);
	free(r);
}

/* Marks judged by other rules (meta "orgrules") are not trusted: a
 * read-only open judges each organisation itself, a writable one judges
 * them all again and records the rules. */
Test(ui_tree, marks_of_other_rules_are_judged_again)
{
	static const unsigned char none[8];
	unsigned char k[8], old[4] = { 0 };
	struct ui_tree_node *nd = NULL;
	char *cause = NULL, path[96];
	uint64_t top, one, id;
	size_t n = 0;
	int i, e, u;

	mktree(&top, &one);
	store_close(st);
	st = NULL;
	for (id = one, i = 7; i >= 0; i--, id >>= 8)
		k[i] = (unsigned char)(id & 0xff);
	raw_put("orgmarks", k, 8, none, 8);         /* "no problem": a lie */
	raw_put("meta", "orgrules", 8, old, 4);     /* judged by rules 0 */

	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(store_open(&st, path, STORE_RDONLY, 0, &cause), 0, "%s", cause ? cause : "?");
	cr_assert_eq(ui_tree_read(st, "2024-06-01", 0, &nd, &n, NULL), 0);
	cr_assert_eq(n, 4);
	cr_assert_eq(nd[1].id, one);
	cr_assert_eq(nd[1].mark, '!', "read-only: judged again, not the stale mark");
	free(nd);
	store_close(st);
	st = NULL;

	open_db();                                  /* writable: judged again, kept */
	kept_counts(one, &e, &u);
	cr_assert_gt(e, 0);
	store_close(st);
	st = NULL;
	raw_put("orgmarks", k, 8, none, 8);         /* the rules are current now: */
	open_db();                                  /* the kept mark is used as is */
	kept_counts(one, &e, &u);
	cr_assert_eq(e, 0);
}

/* A scoped clerk's tree is their organisation and what is below it: the
 * store's one-pass read keeps the scope as the per-record reads did. */
Test(ui_tree, a_scoped_clerk_reads_only_their_subtree)
{
	struct ui_tree_node *nd = NULL;
	uint64_t top, one;
	size_t n = 0, i;

	mktree(&top, &one);
	store_set_scope(st, top);
	cr_assert_eq(ui_tree_read(st, "2024-06-01", 0, &nd, &n, NULL), 0);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(nd[0].name, "甲委");
	cr_assert_eq(nd[0].parent, -1);
	cr_assert_eq(nd[0].c.members, 3);
	for (i = 0; i < n; i++)
		cr_assert_str_neq(nd[i].name, "丙支", "outside the scope");
	free(nd);

	store_set_scope(st, one);
	cr_assert_eq(ui_tree_read(st, "2024-06-01", 0, &nd, &n, NULL), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(nd[0].name, "一支");
	cr_assert_eq(nd[0].c.members, 2);
	free(nd);
}
