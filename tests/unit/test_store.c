/* test_store.c - the LMDB store: round trips, order, uniqueness, versions,
 * removal, tree rules, map growth, crash safety, concurrency, schema. */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lmdb.h>

#include "app.h"
#include "store.h"

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
open_db(size_t map)
{
	char *cause = NULL;
	char path[96];
	int rc;

	snprintf(path, sizeof path, "%s/db", dir);
	rc = store_open(&st, path, 0, map, &cause);
	cr_assert_eq(rc, 0, "store_open: %s", cause ? cause : "?");
	store_set_user(st, "tester");
}

static uint64_t
mkorg(uint64_t parent, const char *name, const char *category)
{
	struct org o;
	char *cause = NULL;
	int rc;

	org_init(&o);
	o.parent = parent;
	strcpy(o.name, name);
	strcpy(o.category, category);
	rc = store_org_save(st, &o, &cause);
	cr_assert_eq(rc, 0, "org save %s: %s", name, cause ? cause : "?");
	free(cause);
	return o.meta.id;
}

/* A valid-looking 18-character ID number from a serial (check char computed). */
static void
mkid(char *out, unsigned serial)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char cc[] = "10X98765432";
	int i, sum = 0;

	snprintf(out, 19, "110105%04u%02u%02u%03u", 1950 + serial % 50,
	    1 + serial % 12, 1 + serial % 28, (serial / 50) % 1000);
	for (i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = cc[sum % 11];
	out[18] = '\0';
}

static uint64_t
mkmember(uint64_t branch, const char *name, unsigned serial)
{
	struct member m;
	char *cause = NULL;
	int rc;

	member_init(&m);
	m.branch = branch;
	strcpy(m.name, name);
	mkid(m.idcard, serial);
	strcpy(m.category, "正式党员");
	rc = store_member_save(st, &m, &cause);
	cr_assert_eq(rc, 0, "member save %s: %s", name, cause ? cause : "?");
	free(cause);
	return m.meta.id;
}

TestSuite(store, .init = setup, .fini = teardown);

Test(store, org_round_trip_every_field)
{
	struct org o, g;
	char *cause = NULL;
	uint64_t top;
	size_t i;

	open_db(0);
	top = mkorg(0, "中共某某市示范有限公司委员会", "党委");
	org_init(&o);
	org_init(&g);
	o.parent = top;
	strcpy(o.name, "中共某某市示范有限公司联合党支部");
	strcpy(o.secretary, "王建国");
	strcpy(o.contact, "李晓梅");
	strcpy(o.phone, "010-12345678");
	strcpy(o.category, "联合党支部");
	strcpy(o.unit_situation, "联合党支部");
	for (i = 0; i < 3; i++) {
		cr_assert_not_null(org_unit_add(&o));
		snprintf(o.units[i].name, sizeof o.units[i].name, "某某示范单位%zu", i);
		strcpy(o.units[i].category, "国有经济控制企业");
		strcpy(o.units[i].party_status, "与其他单位联合建立党组织");
		snprintf(o.units[i].code, sizeof o.units[i].code, "91110000MA0000000%zu", i);
	}
	o.stat_count = 17;
	strcpy(o.signed_by, "王建国");
	o.signed_at = 1700000000;
	strcpy(o.note, "备注：测试");
	o.meta.state = REC_COMPLETE;
	o.meta.n_confirm = 2;
	strcpy(o.meta.confirm[0].rule, "phone_fixed");
	strcpy(o.meta.confirm[0].by, "clerk1");
	o.meta.confirm[0].at = 1699999999;
	strcpy(o.meta.confirm[1].rule, "secretary_vacant");
	strcpy(o.meta.confirm[1].by, "clerk2");
	o.meta.confirm[1].at = -5;
	cr_assert_eq(store_org_save(st, &o, &cause), 0, "%s", cause ? cause : "");
	cr_assert_neq(o.meta.id, 0);
	cr_assert_eq(o.meta.version, 1);
	cr_assert_str_eq(o.meta.created_by, "tester");

	cr_assert_eq(store_org_get(st, o.meta.id, &g, NULL), 0);
	cr_assert_eq(g.meta.id, o.meta.id);
	cr_assert_eq(g.meta.version, 1);
	cr_assert_eq(g.meta.created_at, o.meta.created_at);
	cr_assert_eq(g.meta.changed_at, o.meta.changed_at);
	cr_assert_str_eq(g.meta.created_by, "tester");
	cr_assert_str_eq(g.meta.changed_by, "tester");
	cr_assert_eq(g.meta.state, REC_COMPLETE);
	cr_assert_eq(g.meta.removed, RM_NONE);
	cr_assert_eq(g.meta.n_confirm, 2);
	cr_assert_str_eq(g.meta.confirm[0].rule, "phone_fixed");
	cr_assert_str_eq(g.meta.confirm[0].by, "clerk1");
	cr_assert_eq(g.meta.confirm[0].at, 1699999999);
	cr_assert_str_eq(g.meta.confirm[1].rule, "secretary_vacant");
	cr_assert_eq(g.meta.confirm[1].at, -5);
	cr_assert_eq(g.parent, top);
	cr_assert_str_eq(g.name, o.name);
	cr_assert_str_eq(g.secretary, o.secretary);
	cr_assert_str_eq(g.contact, o.contact);
	cr_assert_str_eq(g.phone, o.phone);
	cr_assert_str_eq(g.category, o.category);
	cr_assert_str_eq(g.unit_situation, o.unit_situation);
	cr_assert_eq(g.n_units, 3);
	for (i = 0; i < 3; i++) {
		cr_assert_str_eq(g.units[i].name, o.units[i].name);
		cr_assert_str_eq(g.units[i].category, o.units[i].category);
		cr_assert_str_eq(g.units[i].party_status, o.units[i].party_status);
		cr_assert_str_eq(g.units[i].code, o.units[i].code);
	}
	cr_assert_eq(g.stat_count, 17);
	cr_assert_str_eq(g.signed_by, o.signed_by);
	cr_assert_eq(g.signed_at, 1700000000);
	cr_assert_str_eq(g.note, o.note);

	/* fewer units after an edit: the extra pages are gone */
	g.n_units = 2;
	cr_assert_eq(store_org_save(st, &g, &cause), 0, "%s", cause ? cause : "");
	cr_assert_eq(g.meta.version, 2);
	cr_assert_eq(store_org_get(st, o.meta.id, &o, NULL), 0);
	cr_assert_eq(o.n_units, 2);
	cr_assert_str_eq(o.units[1].name, "某某示范单位1");

	/* unset stat_count round-trips as -1 */
	cr_assert_eq(store_org_get(st, top, &o, NULL), 0);
	cr_assert_eq(o.stat_count, -1);
	cr_assert_eq(store_org_by_name(st, "中共某某市示范有限公司联合党支部", &top), 0);
	cr_assert_eq(top, g.meta.id);
	org_free(&o);
	org_free(&g);
}

Test(store, member_round_trip_every_field)
{
	struct member m, g;
	char *cause = NULL;
	uint64_t top, br, id;

	open_db(0);
	top = mkorg(0, "中共某某市示范有限公司委员会", "党委");
	br = mkorg(top, "中共某某市示范有限公司第一党支部", "党支部");
	member_init(&m);
	m.branch = br;
	strcpy(m.name, "阿卜杜·热合曼");
	strcpy(m.sex, "男");
	strcpy(m.ethnicity, "维吾尔族");
	mkid(m.idcard, 7);
	strcpy(m.birth, "1957-08-08");
	strcpy(m.education, "大学本科");
	strcpy(m.category, "预备党员");
	strcpy(m.join_date, "2024-07-01");
	strcpy(m.full_date, "");
	strcpy(m.job, "专业技术人员");
	strcpy(m.phone, "13812345678");
	strcpy(m.address, "北京市朝阳区示范路1号院2号楼3单元401室");
	strcpy(m.party_status, "正常");
	strcpy(m.lost, "是");
	strcpy(m.lost_date, "2023-03-01");
	strcpy(m.floating, "是");
	strcpy(m.flow_to, "广东省深圳市南山区");
	strcpy(m.confirm_method, "电话确认");
	strcpy(m.note, "出生日期以档案为准");
	m.meta.state = REC_DRAFT;
	m.meta.n_confirm = 1;
	strcpy(m.meta.confirm[0].rule, "birth_differs");
	strcpy(m.meta.confirm[0].by, "clerk");
	m.meta.confirm[0].at = 1234567890;
	cr_assert_eq(store_member_save(st, &m, &cause), 0, "%s", cause ? cause : "");
	cr_assert_eq(store_member_get(st, m.meta.id, &g, NULL), 0);
	cr_assert_eq(memcmp(&g, &m, sizeof g), 0, "decoded member differs from saved");
	cr_assert_eq(store_member_by_idcard(st, m.idcard, &id), 0);
	cr_assert_eq(id, m.meta.id);
	cr_assert_eq(store_member_by_idcard(st, "110105195001010000", &id), STORE_ENOTFOUND);
}

/* ids of branch, in order, as a string "a b c" of member names' first chars */
static void
names_of(uint64_t branch, char *out, size_t n)
{
	uint64_t *ids = NULL;
	size_t k, i;
	struct member m;

	out[0] = '\0';
	cr_assert_eq(store_branch_members(st, branch, &ids, &k), 0);
	for (i = 0; i < k; i++) {
		cr_assert_eq(store_member_get(st, ids[i], &m, NULL), 0);
		if (i)
			strncat(out, " ", n - strlen(out) - 1);
		strncat(out, m.name, n - strlen(out) - 1);
	}
	free(ids);
}

static uint64_t
version_of(uint64_t id)
{
	struct member m;

	cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
	return m.meta.version;
}

Test(store, member_order_survives_inserts_moves_shifts_removals)
{
	uint64_t top, b1, b2, a, b, c, d, e, f;
	char got[256], *cause = NULL;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	b1 = mkorg(top, "中共某某第一党支部", "党支部");
	b2 = mkorg(top, "中共某某第二党支部", "党支部");
	a = mkmember(b1, "甲", 1);
	b = mkmember(b1, "乙", 2);
	c = mkmember(b1, "丙", 3);
	d = mkmember(b1, "丁", 4);
	e = mkmember(b2, "戊", 5);
	names_of(b1, got, sizeof got);
	cr_assert_str_eq(got, "甲 乙 丙 丁");

	/* placed before 乙 in the same branch */
	cr_assert_eq(store_member_move(st, d, version_of(d), 0, b, &cause), 0, "%s", cause);
	names_of(b1, got, sizeof got);
	cr_assert_str_eq(got, "甲 丁 乙 丙");

	/* moved to the other branch, at the end, then placed first there */
	cr_assert_eq(store_member_move(st, a, version_of(a), b2, 0, &cause), 0, "%s", cause);
	names_of(b1, got, sizeof got);
	cr_assert_str_eq(got, "丁 乙 丙");
	names_of(b2, got, sizeof got);
	cr_assert_str_eq(got, "戊 甲");
	cr_assert_eq(store_member_move(st, a, version_of(a), b2, e, &cause), 0, "%s", cause);
	names_of(b2, got, sizeof got);
	cr_assert_str_eq(got, "甲 戊");
	{
		struct member m;
		cr_assert_eq(store_member_get(st, a, &m, NULL), 0);
		cr_assert_eq(m.branch, b2);
	}

	/* shifts; at an end the shift is refused */
	cr_assert_eq(store_member_shift(st, c, -1, &cause), 0, "%s", cause);
	names_of(b1, got, sizeof got);
	cr_assert_str_eq(got, "丁 丙 乙");
	cr_assert_eq(store_member_shift(st, d, -1, &cause), STORE_EINVAL);
	free(cause);
	cause = NULL;
	cr_assert_eq(store_member_shift(st, d, +1, &cause), 0, "%s", cause);
	names_of(b1, got, sizeof got);
	cr_assert_str_eq(got, "丙 丁 乙");

	/* removal keeps the place; a shift steps over the removed one */
	cr_assert_eq(store_member_remove(st, d, version_of(d), RM_TRANSFER, "调往外地", &cause), 0);
	names_of(b1, got, sizeof got);
	cr_assert_str_eq(got, "丙 丁 乙");
	cr_assert_eq(store_member_shift(st, b, -1, &cause), 0, "%s", cause);
	names_of(b1, got, sizeof got);
	cr_assert_str_eq(got, "乙 丁 丙");

	/* an insert goes to the end, restore keeps the place */
	f = mkmember(b1, "己", 6);
	(void)f;
	cr_assert_eq(store_member_restore(st, d, version_of(d), &cause), 0, "%s", cause);
	names_of(b1, got, sizeof got);
	cr_assert_str_eq(got, "乙 丁 丙 己");

	/* a move to a position that is not in the target branch is refused */
	cr_assert_eq(store_member_move(st, b, version_of(b), b1, e, &cause), STORE_EINVAL);
	free(cause);
	names_of(b1, got, sizeof got);
	cr_assert_str_eq(got, "乙 丁 丙 己");
}

static void
org_names(uint64_t parent, char *out, size_t n)
{
	uint64_t *ids = NULL;
	size_t k, i;
	struct org o;

	out[0] = '\0';
	org_init(&o);
	cr_assert_eq(store_org_children(st, parent, &ids, &k), 0);
	for (i = 0; i < k; i++) {
		cr_assert_eq(store_org_get(st, ids[i], &o, NULL), 0);
		if (i)
			strncat(out, " ", n - strlen(out) - 1);
		strncat(out, o.name, n - strlen(out) - 1);
	}
	free(ids);
	org_free(&o);
}

Test(store, org_order_and_moves)
{
	uint64_t top, g1, b1, b2, b3;
	struct org o;
	char got[512], *cause = NULL;

	open_db(0);
	org_init(&o);
	top = mkorg(0, "甲委", "党委");
	b1 = mkorg(top, "一支", "党支部");
	g1 = mkorg(top, "总支", "党总支部");
	b2 = mkorg(top, "二支", "党支部");
	b3 = mkorg(g1, "三支", "党支部");
	org_names(top, got, sizeof got);
	cr_assert_str_eq(got, "一支 总支 二支");
	org_names(0, got, sizeof got);
	cr_assert_str_eq(got, "甲委");

	cr_assert_eq(store_org_shift(st, b2, -1, &cause), 0, "%s", cause);
	org_names(top, got, sizeof got);
	cr_assert_str_eq(got, "一支 二支 总支");

	/* 二支 under the 总支, before 三支 */
	cr_assert_eq(store_org_get(st, b2, &o, NULL), 0);
	cr_assert_eq(store_org_move(st, b2, o.meta.version, g1, b3, &cause), 0, "%s", cause);
	org_names(top, got, sizeof got);
	cr_assert_str_eq(got, "一支 总支");
	org_names(g1, got, sizeof got);
	cr_assert_str_eq(got, "二支 三支");
	cr_assert_eq(store_org_get(st, b2, &o, NULL), 0);
	cr_assert_eq(o.parent, g1);

	/* no org under a branch, no org under its own descendant */
	cr_assert_eq(store_org_move(st, b3, 1, b1, 0, &cause), STORE_ERULE);
	cr_assert(strstr(cause, "一支") != NULL, "%s", cause);
	free(cause);
	cr_assert_eq(store_org_get(st, g1, &o, NULL), 0);
	cr_assert_eq(store_org_move(st, g1, o.meta.version, b2, 0, &cause), STORE_ERULE);
	free(cause);
	cr_assert_eq(store_org_move(st, top, 1, g1, 0, &cause), STORE_ERULE);
	free(cause);
	org_names(g1, got, sizeof got);
	cr_assert_str_eq(got, "二支 三支");
	org_free(&o);
}

/* What a move refuses, and what it leaves as it was: a removed target (a
 * branch for a member, a parent for an organisation), a place before the
 * record itself (a no-op), and the branches' counts when it succeeds. */
Test(store, moves_refuse_removed_targets_and_move_counts)
{
	uint64_t top, g1, g2, b1, b2, gone, a, b;
	struct store_counts c1, c2;
	struct org o;
	char got[256], *cause = NULL;

	open_db(0);
	org_init(&o);
	top = mkorg(0, "甲委", "党委");
	b1 = mkorg(top, "一支", "党支部");
	b2 = mkorg(top, "二支", "党支部");
	gone = mkorg(top, "撤支", "党支部");
	g1 = mkorg(top, "总支", "党总支部");
	g2 = mkorg(top, "撤总支", "党总支部");
	a = mkmember(b1, "甲", 1);
	b = mkmember(b1, "乙", 2);
	cr_assert_eq(store_org_remove(st, gone, 1, RM_OTHER, "撤销", &cause), 0, "%s", cause);
	cr_assert_eq(store_org_remove(st, g2, 1, RM_OTHER, "撤销", &cause), 0, "%s", cause);

	/* into a removed branch: refused, nothing written */
	cr_assert_eq(store_member_move(st, a, version_of(a), gone, 0, &cause), STORE_ERULE);
	cr_assert(strstr(cause, "撤支") && strstr(cause, "已移除"), "%s", cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(version_of(a), 1);
	names_of(b1, got, sizeof got);
	cr_assert_str_eq(got, "甲 乙");
	names_of(gone, got, sizeof got);
	cr_assert_str_eq(got, "");

	/* under a removed parent: refused, still where it was */
	cr_assert_eq(store_org_move(st, b2, 1, g2, 0, &cause), STORE_ERULE);
	cr_assert(strstr(cause, "撤总支") && strstr(cause, "已移除"), "%s", cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(store_org_get(st, b2, &o, NULL), 0);
	cr_assert_eq(o.parent, top);
	cr_assert_eq(o.meta.version, 1);

	/* before itself: nothing to do, nothing written */
	cr_assert_eq(store_member_move(st, b, 1, 0, b, &cause), 0, "%s", cause);
	cr_assert_eq(store_org_move(st, g1, 1, top, g1, &cause), 0, "%s", cause);
	names_of(b1, got, sizeof got);
	cr_assert_str_eq(got, "甲 乙");
	cr_assert_eq(version_of(b), 1);

	/* a reorder keeps the version, a move bumps it and moves the counts */
	cr_assert_eq(store_member_move(st, b, 1, b1, a, &cause), 0, "%s", cause);
	cr_assert_eq(version_of(b), 1);
	cr_assert_eq(store_member_move(st, a, 1, b2, 0, &cause), 0, "%s", cause);
	cr_assert_eq(version_of(a), 2);
	cr_assert_eq(store_branch_counts(st, b1, &c1), 0);
	cr_assert_eq(store_branch_counts(st, b2, &c2), 0);
	cr_assert_eq(c1.members, 1);
	cr_assert_eq(c1.full, 1);
	cr_assert_eq(c2.members, 1);
	cr_assert_eq(c2.full, 1);
	cr_assert_eq(store_org_move(st, b2, 1, g1, 0, &cause), 0, "%s", cause);
	cr_assert_eq(store_org_get(st, b2, &o, NULL), 0);
	cr_assert_eq(o.parent, g1);
	cr_assert_eq(o.meta.version, 2);
	org_free(&o);
}

Test(store, duplicate_idcard_names_the_holder)
{
	uint64_t top, b1, b2, zs;
	struct member m;
	char *cause = NULL;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	b1 = mkorg(top, "中共某某第一支部委员会", "党支部");
	b2 = mkorg(top, "中共某某第二党支部", "党支部");
	zs = mkmember(b1, "张三", 42);

	member_init(&m);
	m.branch = b2;
	strcpy(m.name, "李四");
	mkid(m.idcard, 42);
	cr_assert_eq(store_member_save(st, &m, &cause), STORE_EDUP);
	cr_assert_not_null(cause);
	cr_assert(strstr(cause, m.idcard) && strstr(cause, "中共某某第一支部委员会") &&
	    strstr(cause, "张三"), "cause: %s", cause);
	free(cause);
	cr_assert_eq(m.meta.id, 0);

	/* a removed holder still holds the number, named as removed */
	cr_assert_eq(store_member_remove(st, zs, version_of(zs), RM_DEATH, "", &cause), 0);
	cr_assert_eq(store_member_save(st, &m, &cause), STORE_EDUP);
	cr_assert(strstr(cause, "已移除") && strstr(cause, "可恢复"), "cause: %s", cause);
	free(cause);
	{
		uint64_t *ids;
		size_t n;
		cr_assert_eq(store_branch_members(st, b2, &ids, &n), 0);
		cr_assert_eq(n, 0);
		free(ids);
	}

	/* an edit that keeps its own number is fine; taking another's is not */
	{
		uint64_t other = mkmember(b2, "王五", 43);
		struct member w;
		cr_assert_eq(store_member_get(st, other, &w, NULL), 0);
		strcpy(w.note, "改");
		cr_assert_eq(store_member_save(st, &w, &cause), 0);
		mkid(w.idcard, 42);
		cr_assert_eq(store_member_save(st, &w, &cause), STORE_EDUP);
		free(cause);
		cr_assert_eq(store_member_get(st, other, &w, NULL), 0);
		cr_assert_eq(w.meta.version, 2);
	}
}

Test(store, duplicate_org_name_refused)
{
	uint64_t top;
	struct org o;
	char *cause = NULL;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	mkorg(top, "中共某某第一党支部", "党支部");
	org_init(&o);
	o.parent = top;
	strcpy(o.name, "中共某某第一党支部");
	strcpy(o.category, "党支部");
	cr_assert_eq(store_org_save(st, &o, &cause), STORE_EDUP);
	cr_assert(strstr(cause, "中共某某第一党支部") != NULL);
	free(cause);
	cr_assert_eq(o.meta.id, 0);
}

Test(store, stale_version_is_a_conflict_and_writes_nothing)
{
	uint64_t top, br, id;
	struct member a, b, g;
	struct org o1, o2;
	char *cause = NULL;

	open_db(0);
	org_init(&o1);
	org_init(&o2);
	top = mkorg(0, "中共某某委员会", "党委");
	br = mkorg(top, "中共某某第一党支部", "党支部");
	id = mkmember(br, "张三", 1);
	cr_assert_eq(store_member_get(st, id, &a, NULL), 0);
	cr_assert_eq(store_member_get(st, id, &b, NULL), 0);
	strcpy(a.phone, "13800000001");
	cr_assert_eq(store_member_save(st, &a, &cause), 0);
	cr_assert_eq(a.meta.version, 2);
	strcpy(b.phone, "13900000002");
	strcpy(b.name, "张三丰");
	mkid(b.idcard, 99);
	cr_assert_eq(store_member_save(st, &b, &cause), STORE_ECONFLICT);
	cr_assert(strstr(cause, "tester") != NULL, "%s", cause);
	free(cause);
	cr_assert_eq(b.meta.version, 1);
	cr_assert_eq(store_member_get(st, id, &g, NULL), 0);
	cr_assert_str_eq(g.phone, "13800000001");
	cr_assert_str_eq(g.name, "张三");
	cr_assert_eq(g.meta.version, 2);
	{
		uint64_t *ids, x;
		size_t n;
		cr_assert_eq(store_member_search_name(st, "三丰", &ids, &n), 0);
		cr_assert_eq(n, 0);
		free(ids);
		cr_assert_eq(store_member_by_idcard(st, b.idcard, &x), STORE_ENOTFOUND);
	}
	/* stale removal and move too */
	cr_assert_eq(store_member_remove(st, id, 1, RM_OTHER, "x", &cause), STORE_ECONFLICT);
	free(cause);
	cr_assert_eq(store_member_move(st, id, 1, br, 0, &cause), STORE_ECONFLICT);
	free(cause);
	cr_assert_eq(store_member_get(st, id, &g, NULL), 0);
	cr_assert_eq(g.meta.removed, RM_NONE);

	cr_assert_eq(store_org_get(st, br, &o1, NULL), 0);
	cr_assert_eq(store_org_get(st, br, &o2, NULL), 0);
	strcpy(o1.secretary, "甲");
	cr_assert_eq(store_org_save(st, &o1, &cause), 0);
	strcpy(o2.secretary, "乙");
	cr_assert_eq(store_org_save(st, &o2, &cause), STORE_ECONFLICT);
	free(cause);
	cr_assert_eq(store_org_get(st, br, &o2, NULL), 0);
	cr_assert_str_eq(o2.secretary, "甲");
	org_free(&o1);
	org_free(&o2);
}

Test(store, removal_and_restore)
{
	uint64_t top, br, id;
	struct member m;
	struct org o;
	struct store_counts c;
	char *cause = NULL;

	open_db(0);
	org_init(&o);
	top = mkorg(0, "中共某某委员会", "党委");
	br = mkorg(top, "中共某某第一党支部", "党支部");
	id = mkmember(br, "张三", 1);
	mkmember(br, "李四", 2);
	cr_assert_eq(store_member_remove(st, id, 1, RM_NONE, "", &cause), STORE_EINVAL);
	free(cause);
	cr_assert_eq(store_member_remove(st, id, 1, RM_EXPELLED, "党员大会决定", &cause), 0);
	cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
	cr_assert_eq(m.meta.removed, RM_EXPELLED);
	cr_assert_str_eq(m.meta.removed_note, "党员大会决定");
	cr_assert_str_eq(m.meta.removed_by, "tester");
	cr_assert_neq(m.meta.removed_at, 0);
	cr_assert_eq(m.meta.version, 2);
	cr_assert_str_eq(m.name, "张三");
	cr_assert_eq(store_branch_counts(st, br, &c), 0);
	cr_assert_eq(c.members, 1);
	cr_assert_eq(c.removed, 1);
	cr_assert_eq(c.full, 1);

	/* removing twice is refused; the branch cannot go while 李四 is there */
	cr_assert_eq(store_member_remove(st, id, 2, RM_OTHER, "", &cause), STORE_EINVAL);
	free(cause);
	cr_assert_eq(store_org_get(st, br, &o, NULL), 0);
	cr_assert_eq(store_org_remove(st, br, o.meta.version, RM_OTHER, "", &cause), STORE_ERULE);
	free(cause);

	cr_assert_eq(store_member_restore(st, id, 2, &cause), 0, "%s", cause);
	cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
	cr_assert_eq(m.meta.removed, RM_NONE);
	cr_assert_str_eq(m.meta.removed_note, "");
	cr_assert_eq(m.meta.removed_at, 0);
	cr_assert_eq(m.meta.version, 3);

	/* an empty branch can be removed; its members cannot then be restored into it */
	{
		uint64_t b2 = mkorg(top, "中共某某第二党支部", "党支部");
		uint64_t x = mkmember(b2, "王五", 3);
		cr_assert_eq(store_member_remove(st, x, 1, RM_TRANSFER, "", &cause), 0);
		cr_assert_eq(store_org_remove(st, b2, 1, RM_OTHER, "撤销", &cause), 0, "%s", cause);
		cr_assert_eq(store_member_restore(st, x, 2, &cause), STORE_ERULE);
		free(cause);
		cr_assert_eq(store_org_restore(st, b2, 2, &cause), 0, "%s", cause);
		cr_assert_eq(store_member_restore(st, x, 2, &cause), 0, "%s", cause);
	}
	org_free(&o);
}

Test(store, tree_rules)
{
	uint64_t top, g, br;
	struct org o;
	struct member m;
	char *cause = NULL;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	g = mkorg(top, "中共某某总支部委员会", "党总支部");
	br = mkorg(g, "中共某某第一党支部", "党支部");

	/* no child under a branch */
	org_init(&o);
	o.parent = br;
	strcpy(o.name, "中共某某第一党小组");
	strcpy(o.category, "党支部");
	cr_assert_eq(store_org_save(st, &o, &cause), STORE_ERULE);
	cr_assert(strstr(cause, "中共某某第一党支部") != NULL, "%s", cause);
	free(cause);
	/* the parent must exist */
	o.parent = 9999;
	cr_assert_eq(store_org_save(st, &o, &cause), STORE_ERULE);
	free(cause);
	/* an empty name is refused */
	o.parent = top;
	o.name[0] = '\0';
	cr_assert_eq(store_org_save(st, &o, &cause), STORE_EINVAL);
	free(cause);

	/* members only under branch-level orgs */
	member_init(&m);
	m.branch = g;
	strcpy(m.name, "张三");
	cr_assert_eq(store_member_save(st, &m, &cause), STORE_ERULE);
	cr_assert(strstr(cause, "党总支部") != NULL, "%s", cause);
	free(cause);
	m.branch = 0;
	cr_assert_eq(store_member_save(st, &m, &cause), STORE_ERULE);
	free(cause);
	m.branch = br;
	cr_assert_eq(store_member_save(st, &m, &cause), 0);
	/* changing the branch through save is refused (move instead) */
	m.branch = top;
	cr_assert_eq(store_member_save(st, &m, &cause), STORE_EINVAL);
	free(cause);
	/* moving a member to a committee is refused */
	cr_assert_eq(store_member_move(st, m.meta.id, m.meta.version, g, 0, &cause), STORE_ERULE);
	free(cause);

	/* category changes that would break the tree are refused */
	cr_assert_eq(store_org_get(st, g, &o, NULL), 0);
	strcpy(o.category, "党支部");
	cr_assert_eq(store_org_save(st, &o, &cause), STORE_ERULE);
	free(cause);
	cr_assert_eq(store_org_get(st, br, &o, NULL), 0);
	strcpy(o.category, "党总支部");
	cr_assert_eq(store_org_save(st, &o, &cause), STORE_ERULE);
	free(cause);
	/* a joint branch and a temporary branch may hold members */
	{
		uint64_t j = mkorg(top, "中共某某联合党支部", "联合党支部");
		uint64_t t = mkorg(top, "中共某某临时党支部", "临时党支部");
		mkmember(j, "甲", 10);
		mkmember(t, "乙", 11);
	}
	org_free(&o);
}

Test(store, each_search_and_counts)
{
	uint64_t top, br, *ids;
	size_t n, i;
	struct store_counts c;
	char *cause = NULL;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	br = mkorg(top, "中共某某第一党支部", "党支部");
	mkmember(br, "张三", 1);
	mkmember(br, "张三丰", 2);
	mkmember(br, "李张", 3);
	mkmember(br, "王五", 4);
	mkmember(br, "张三", 5);
	cr_assert_eq(store_member_search_name(st, "张", &ids, &n), 0);
	cr_assert_eq(n, 4);
	free(ids);
	cr_assert_eq(store_member_search_name(st, "张三", &ids, &n), 0);
	cr_assert_eq(n, 3);
	for (i = 0; i < n; i++) {
		struct member m;
		cr_assert_eq(store_member_get(st, ids[i], &m, NULL), 0);
		cr_assert(strstr(m.name, "张三") != NULL);
	}
	free(ids);
	cr_assert_eq(store_member_search_name(st, "赵", &ids, &n), 0);
	cr_assert_eq(n, 0);
	free(ids);
	{
		struct member m;
		uint64_t id;
		cr_assert_eq(store_member_search_name(st, "王五", &ids, &n), 0);
		cr_assert_eq(n, 1);
		id = ids[0];
		free(ids);
		cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
		strcpy(m.name, "王六");
		strcpy(m.category, "预备党员");
		cr_assert_eq(store_member_save(st, &m, &cause), 0);
		cr_assert_eq(store_member_search_name(st, "王五", &ids, &n), 0);
		cr_assert_eq(n, 0);
		free(ids);
		cr_assert_eq(store_member_search_name(st, "王六", &ids, &n), 0);
		cr_assert_eq(n, 1);
		free(ids);
	}
	cr_assert_eq(store_branch_counts(st, br, &c), 0);
	cr_assert_eq(c.members, 5);
	cr_assert_eq(c.full, 4);
	cr_assert_eq(c.probationary, 1);
	cr_assert_eq(c.drafts, 5);
	cr_assert_eq(c.removed, 0);
}

static int
stop_at_third(const struct member *m, void *ud)
{
	int *k = ud;

	(void)m;
	return ++*k == 3 ? 77 : 0;
}

Test(store, each_stops_on_nonzero)
{
	uint64_t top, br;
	int k = 0;

	open_db(0);
	top = mkorg(0, "甲委", "党委");
	br = mkorg(top, "一支", "党支部");
	mkmember(br, "a", 1);
	mkmember(br, "b", 2);
	mkmember(br, "c", 3);
	mkmember(br, "d", 4);
	cr_assert_eq(store_member_each(st, br, stop_at_third, &k), 77);
	cr_assert_eq(k, 3);
}

/* A batch: members prepared in ud, saved in one store_write. */
struct batch {
	struct member *m;
	size_t n, first;
	uint64_t branch;
	int fail_at;       /* index at which the callback aborts, -1 = never */
	int calls;
};

static int
batch_fn(struct store_txn *t, void *ud)
{
	struct batch *b = ud;
	size_t i;
	int rc;

	b->calls++;
	for (i = 0; i < b->n; i++) {
		if ((int)i == b->fail_at)
			return STORE_EABORT;
		if ((rc = store_txn_member_save(t, &b->m[i], NULL)) != 0)
			return rc;
	}
	return 0;
}

static void
batch_fill(struct batch *b, uint64_t branch, size_t first, size_t n)
{
	size_t i;

	b->m = calloc(n, sizeof *b->m);
	cr_assert_not_null(b->m);
	b->n = n;
	b->first = first;
	b->branch = branch;
	b->fail_at = -1;
	b->calls = 0;
	for (i = 0; i < n; i++) {
		member_init(&b->m[i]);
		b->m[i].branch = branch;
		snprintf(b->m[i].name, sizeof b->m[i].name, "成员%zu", first + i);
		mkid(b->m[i].idcard, (unsigned)(first + i));
		strcpy(b->m[i].address, "北京市朝阳区示范路一百二十三号院四号楼五单元六百零七室");
		strcpy(b->m[i].note, "这是一条用来占用空间的备注，使数据库更快地超过初始大小。");
	}
}

Test(store, batch_abort_writes_nothing_and_restores_input)
{
	uint64_t top, br, *ids;
	size_t n;
	struct batch b;

	open_db(0);
	top = mkorg(0, "甲委", "党委");
	br = mkorg(top, "一支", "党支部");
	batch_fill(&b, br, 0, 10);
	b.fail_at = 5;
	cr_assert_eq(store_write(st, batch_fn, &b, NULL), STORE_EABORT);
	cr_assert_eq(b.m[0].meta.id, 0);
	cr_assert_eq(b.m[4].meta.version, 0);
	cr_assert_eq(store_branch_members(st, br, &ids, &n), 0);
	cr_assert_eq(n, 0);
	free(ids);
	b.fail_at = -1;
	cr_assert_eq(store_write(st, batch_fn, &b, NULL), 0);
	cr_assert_eq(store_branch_members(st, br, &ids, &n), 0);
	cr_assert_eq(n, 10);
	cr_assert_eq(ids[0], b.m[0].meta.id);
	free(ids);
	free(b.m);
}

Test(store, map_grows_past_small_initial_size)
{
	uint64_t top, br, *ids;
	size_t n, i, total = 0;
	struct batch b;
	char *cause = NULL;
	int calls = 0;

	open_db((size_t)1 << 20);
	cr_assert_eq(store_map_size(st), (size_t)1 << 20);
	top = mkorg(0, "甲委", "党委");
	br = mkorg(top, "一支", "党支部");
	for (i = 0; i < 4; i++) {
		batch_fill(&b, br, i * 1500, 1500);
		cr_assert_eq(store_write(st, batch_fn, &b, &cause), 0, "%s", cause);
		cr_assert_eq(b.m[1499].meta.version, 1);
		total += 1500;
		calls += b.calls;
		free(b.m);
	}
	cr_assert_gt(calls, 4, "no batch was retried after MDB_MAP_FULL");
	cr_assert_gt(store_map_size(st), (size_t)1 << 20);
	cr_assert_eq(store_branch_members(st, br, &ids, &n), 0);
	cr_assert_eq(n, total);
	for (i = 0; i < n; i += 97) {
		struct member m;
		cr_assert_eq(store_member_get(st, ids[i], &m, NULL), 0);
		cr_assert_eq(m.branch, br);
	}
	free(ids);
}

/* One member struct reused for every row (as import and gen do); its meta
 * holds a sentinel that each attempt must find as it was. */
struct reuse {
	struct member m;
	uint64_t branch;
	size_t n;
	int calls, bad_entry, fail_last;
};

static void
reuse_sentinel(struct member *m)
{
	m->meta.id = 0;
	m->meta.version = 0;
	m->meta.created_at = 111;
	m->meta.changed_at = 222;
	strcpy(m->meta.created_by, "哨兵甲");
	strcpy(m->meta.changed_by, "哨兵乙");
}

static int
reuse_is_sentinel(const struct member *m)
{
	return m->meta.id == 0 && m->meta.version == 0 && m->meta.created_at == 111 &&
	    m->meta.changed_at == 222 && strcmp(m->meta.created_by, "哨兵甲") == 0 &&
	    strcmp(m->meta.changed_by, "哨兵乙") == 0;
}

static int
reuse_fn(struct store_txn *t, void *ud)
{
	struct reuse *r = ud;
	size_t i;
	int rc;

	r->calls++;
	if (!reuse_is_sentinel(&r->m))
		r->bad_entry++;
	for (i = 0; i < r->n; i++) {
		r->m.meta.id = 0;
		r->m.meta.version = 0;
		r->m.branch = r->branch;
		snprintf(r->m.name, sizeof r->m.name, "重用%zu", i);
		mkid(r->m.idcard, (unsigned)(50000 + i));
		strcpy(r->m.address, "北京市朝阳区示范路一百二十三号院四号楼五单元六百零七室");
		strcpy(r->m.note, "这是一条用来占用空间的备注，使数据库更快地超过初始大小。");
		if ((rc = store_txn_member_save(t, &r->m, NULL)) != 0)
			return rc;
		if (r->m.meta.id == 0 || r->m.meta.version != 1)
			return STORE_EINVAL;
	}
	return r->fail_last ? STORE_EABORT : 0;
}

/* A batch saving one struct thousands of times outgrows a 1 MiB map: every
 * retry starts from the struct's original meta, an aborted batch leaves it
 * as it was, and the committed one holds every row. */
static void
reused_struct_retries(unsigned flags)
{
	struct reuse r;
	uint64_t top, br, *ids;
	size_t n;
	char path[96], *cause = NULL;

	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(store_open(&st, path, flags, (size_t)1 << 20, &cause), 0, "%s", cause);
	top = mkorg(0, "甲委", "党委");
	br = mkorg(top, "一支", "党支部");
	memset(&r, 0, sizeof r);
	member_init(&r.m);
	reuse_sentinel(&r.m);
	r.branch = br;
	r.n = 6000;
	r.fail_last = 1;
	cr_assert_eq(store_write(st, reuse_fn, &r, NULL), STORE_EABORT);
	cr_assert(reuse_is_sentinel(&r.m), "an aborted batch must give the meta back");
	cr_assert_gt(r.calls, 1, "the batch was not retried after MDB_MAP_FULL");
	cr_assert_eq(r.bad_entry, 0, "a retry saw the meta of an earlier attempt");
	r.fail_last = 0;
	r.calls = 0;
	cr_assert_eq(store_write(st, reuse_fn, &r, &cause), 0, "%s", cause);
	cr_assert_eq(r.bad_entry, 0, "a retry saw the meta of an earlier attempt");
	cr_assert_eq(r.m.meta.version, 1);
	cr_assert_eq(store_branch_members(st, br, &ids, &n), 0);
	cr_assert_eq(n, r.n);
	cr_assert_eq(ids[n - 1], r.m.meta.id);
	free(ids);
}

Test(store, retried_batch_reusing_one_struct_restores_its_meta)
{
	reused_struct_retries(0);
}

Test(store, bulk_retried_batch_reusing_one_struct_restores_its_meta)
{
	reused_struct_retries(STORE_BULK);
}

/* A bulk (WRITEMAP) writer and a plain process share the environment: the
 * plain reader sees only committed data while the bulk transaction runs,
 * its write waits for the bulk commit and then lands, and a later bulk
 * open never shrinks the sparse data file. */
struct bulk_share {
	int to_child, from_child;
	char seen;
};

static int
bulk_share_fn(struct store_txn *t, void *ud)
{
	struct bulk_share *b = ud;
	struct member m;
	size_t i;
	char c = 'x';

	for (i = 0; i < 2000; i++) {
		member_init(&m);
		m.branch = 2;
		snprintf(m.name, sizeof m.name, "批量%zu", i);
		mkid(m.idcard, (unsigned)(20000 + i));
		if (store_txn_member_save(t, &m, NULL) != 0)
			return STORE_EABORT;
	}
	if (write(b->to_child, &c, 1) != 1 || read(b->from_child, &b->seen, 1) != 1)
		return STORE_EABORT;
	return 0;
}

Test(store, bulk_writer_shares_the_environment_with_plain_processes)
{
	uint64_t top, br, *ids;
	size_t n;
	pid_t pid;
	int status, p2c[2], c2p[2];
	char path[96], file[128], *cause = NULL;
	struct bulk_share b;
	struct stat sb;
	size_t map;

	open_db(0);
	top = mkorg(0, "甲委", "党委");
	br = mkorg(top, "一支", "党支部");
	cr_assert_eq(br, 2);
	mkmember(br, "先来者", 1);
	store_close(st);
	st = NULL;
	snprintf(path, sizeof path, "%s/db", dir);
	snprintf(file, sizeof file, "%s/data.mdb", path);
	cr_assert_eq(pipe(p2c), 0);
	cr_assert_eq(pipe(c2p), 0);
	pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		struct store *s2 = NULL;
		struct member m;
		char c;

		if (read(p2c[0], &c, 1) != 1)
			_exit(2);
		if (store_open(&s2, path, 0, 0, NULL) != 0)
			_exit(3);
		if (store_branch_members(s2, br, &ids, &n) != 0)
			_exit(4);
		free(ids);
		c = (char)n;
		if (write(c2p[1], &c, 1) != 1)
			_exit(5);
		member_init(&m);
		m.branch = br;
		strcpy(m.name, "后来者");
		mkid(m.idcard, 99999);
		if (store_member_save(s2, &m, NULL) != 0)
			_exit(6);
		store_close(s2);
		_exit(0);
	}
	cr_assert_eq(store_open(&st, path, STORE_BULK, 0, &cause), 0, "%s", cause);
	b.to_child = p2c[1];
	b.from_child = c2p[0];
	b.seen = 0;
	cr_assert_eq(store_write(st, bulk_share_fn, &b, &cause), 0, "%s", cause);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %d", status);
	cr_assert_eq(b.seen, 1, "the plain reader saw %d members mid-transaction", b.seen);
	cr_assert_eq(store_branch_members(st, br, &ids, &n), 0);
	cr_assert_eq(n, 2002, "bulk rows and the plain writer's row after them");
	free(ids);
	map = store_map_size(st);
	cr_assert_eq(stat(file, &sb), 0);
	cr_assert_eq((size_t)sb.st_size, map, "WRITEMAP extends data.mdb to the map size");
	cr_assert_lt((size_t)sb.st_blocks * 512, map, "the extension is sparse");
	store_close(st);
	st = NULL;
	cr_assert_eq(store_open(&st, path, STORE_BULK, (size_t)1 << 20, &cause), 0, "%s", cause);
	cr_assert_eq(stat(file, &sb), 0);
	cr_assert_geq((size_t)sb.st_size, map, "a bulk open shrank the data file");
	mkmember(br, "再来者", 77777);
	cr_assert_eq(store_branch_members(st, br, &ids, &n), 0);
	cr_assert_eq(n, 2003);
	free(ids);
	close(p2c[0]);
	close(p2c[1]);
	close(c2p[0]);
	close(c2p[1]);
}

Test(store, another_process_grows_the_map_and_we_adopt_it)
{
	uint64_t top, br, *ids;
	size_t n;
	pid_t pid;
	int status;
	char path[96];

	open_db((size_t)1 << 20);
	top = mkorg(0, "甲委", "党委");
	br = mkorg(top, "一支", "党支部");
	snprintf(path, sizeof path, "%s/db", dir);
	pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		struct store *s2 = NULL;
		struct batch b;

		if (store_open(&s2, path, 0, (size_t)1 << 20, NULL) != 0)
			_exit(2);
		batch_fill(&b, br, 0, 4000);
		if (store_write(s2, batch_fn, &b, NULL) != 0)
			_exit(3);
		store_close(s2);
		_exit(0);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %d", status);
	mkmember(br, "后来者", 99999);
	cr_assert_gt(store_map_size(st), (size_t)1 << 20);
	cr_assert_eq(store_branch_members(st, br, &ids, &n), 0);
	cr_assert_eq(n, 4001);
	free(ids);
}

/* The child commits `committed` members in batches of 100, then starts a
 * transaction of 5000 more, tells the parent, and waits to be killed. */
struct slow {
	size_t n;
	int fd;
};

static int
slow_fn(struct store_txn *t, void *ud)
{
	struct slow *s = ud;
	struct member m;
	size_t i;
	char c = 'x';

	for (i = 0; i < s->n; i++) {
		member_init(&m);
		m.branch = 2;
		snprintf(m.name, sizeof m.name, "未提交%zu", i);
		mkid(m.idcard, (unsigned)(100000 + i));
		if (store_txn_member_save(t, &m, NULL) != 0)
			return STORE_EABORT;
	}
	if (write(s->fd, &c, 1) != 1)
		return STORE_EABORT;
	for (;;)
		pause();
	return 0;
}

Test(store, sigkill_mid_transaction_leaves_committed_data_only)
{
	uint64_t top, br, *ids;
	size_t n, i;
	pid_t pid;
	int status, p[2];
	char c, path[96], *cause = NULL;

	open_db(0);
	top = mkorg(0, "甲委", "党委");
	br = mkorg(top, "一支", "党支部");
	cr_assert_eq(br, 2);
	store_close(st);
	st = NULL;
	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(pipe(p), 0);
	pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		struct store *s2 = NULL;
		struct batch b;
		struct slow sl = { 5000, p[1] };

		close(p[0]);
		if (store_open(&s2, path, 0, 0, NULL) != 0)
			_exit(2);
		for (i = 0; i < 3; i++) {
			batch_fill(&b, br, i * 100, 100);
			if (store_write(s2, batch_fn, &b, NULL) != 0)
				_exit(3);
			free(b.m);
		}
		store_write(s2, slow_fn, &sl, NULL);
		_exit(4);
	}
	close(p[1]);
	cr_assert_eq(read(p[0], &c, 1), 1, "the child did not reach its long transaction");
	cr_assert_eq(kill(pid, SIGKILL), 0);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	close(p[0]);

	cr_assert_eq(store_open(&st, path, 0, 0, &cause), 0, "%s", cause);
	cr_assert_eq(store_branch_members(st, br, &ids, &n), 0);
	cr_assert_eq(n, 300);
	for (i = 0; i < n; i++) {
		struct member m;
		char want[32];
		cr_assert_eq(store_member_get(st, ids[i], &m, NULL), 0);
		snprintf(want, sizeof want, "成员%zu", i);
		cr_assert_str_eq(m.name, want);
	}
	free(ids);
	{
		uint64_t x;
		char id[19];
		mkid(id, 100000);
		cr_assert_eq(store_member_by_idcard(st, id, &x), STORE_ENOTFOUND);
		cr_assert_eq(store_member_search_name(st, "未提交", &ids, &n), 0);
		cr_assert_eq(n, 0);
		free(ids);
	}
	/* and the database takes writes again */
	mkmember(br, "之后", 777777);
}

Test(store, two_processes_write_concurrently)
{
	uint64_t top, br, *ids;
	size_t n;
	pid_t pid[2];
	int k, status;
	char path[96];

	open_db(0);
	top = mkorg(0, "甲委", "党委");
	br = mkorg(top, "一支", "党支部");
	store_close(st);
	st = NULL;
	snprintf(path, sizeof path, "%s/db", dir);
	for (k = 0; k < 2; k++) {
		pid[k] = fork();
		cr_assert_neq(pid[k], -1);
		if (pid[k] == 0) {
			struct store *s2 = NULL;
			struct member m;
			int i;

			if (store_open(&s2, path, 0, (size_t)1 << 20, NULL) != 0)
				_exit(2);
			for (i = 0; i < 1000; i++) {
				member_init(&m);
				m.branch = br;
				snprintf(m.name, sizeof m.name, "进程%d成员%d", k, i);
				mkid(m.idcard, (unsigned)(k * 1000 + i));
				if (store_member_save(s2, &m, NULL) != 0)
					_exit(3);
			}
			store_close(s2);
			_exit(0);
		}
	}
	for (k = 0; k < 2; k++) {
		cr_assert_eq(waitpid(pid[k], &status, 0), pid[k]);
		cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d: %d", k, status);
	}
	open_db(0);
	cr_assert_eq(store_branch_members(st, br, &ids, &n), 0);
	cr_assert_eq(n, 2000);
	free(ids);
	cr_assert_eq(store_member_search_name(st, "进程0", &ids, &n), 0);
	cr_assert_eq(n, 1000);
	free(ids);
	cr_assert_eq(store_member_search_name(st, "进程1", &ids, &n), 0);
	cr_assert_eq(n, 1000);
	free(ids);
}

Test(store, newer_schema_is_refused)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k = { 6, (void *)"schema" }, v;
	unsigned char ver[4] = { STORE_SCHEMA + 1, 0, 0, 0 };
	char path[96], *cause = NULL;

	open_db(0);
	mkorg(0, "甲委", "党委");
	store_close(st);
	st = NULL;
	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 16);
	cr_assert_eq(mdb_env_open(env, path, 0, 0600), 0);
	cr_assert_eq(mdb_txn_begin(env, NULL, 0, &txn), 0);
	cr_assert_eq(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
	v.mv_size = 4;
	v.mv_data = ver;
	cr_assert_eq(mdb_put(txn, dbi, &k, &v, 0), 0);
	cr_assert_eq(mdb_txn_commit(txn), 0);
	mdb_env_close(env);

	cr_assert_eq(store_open(&st, path, 0, 0, &cause), STORE_ESCHEMA);
	cr_assert_null(st);
	cr_assert(strstr(cause, "版本") != NULL && strstr(cause, "升级") != NULL, "%s", cause);
	free(cause);
}

Test(store, files_owner_only_by_default)
{
	struct stat sb;
	char path[128];

	umask(022);
	open_db(0);
	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0700);
	snprintf(path, sizeof path, "%s/db/data.mdb", dir);
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	snprintf(path, sizeof path, "%s/db/lock.mdb", dir);
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
}

Test(store, files_group_shared_with_flag)
{
	struct stat sb;
	char path[128], *cause = NULL;

	umask(077);
	snprintf(path, sizeof path, "%s/shared", dir);
	cr_assert_eq(store_open(&st, path, STORE_SHARED, 0, &cause), 0, "%s", cause);
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0770);
	snprintf(path, sizeof path, "%s/shared/data.mdb", dir);
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0660);
	cr_assert_eq(umask(077), 077, "store_open must restore the umask");
}

Test(store, bad_directory_is_a_chinese_error)
{
	char path[96], *cause = NULL;
	FILE *fp;

	snprintf(path, sizeof path, "%s/afile", dir);
	fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fclose(fp);
	cr_assert_neq(store_open(&st, path, 0, 0, &cause), 0);
	cr_assert_null(st);
	cr_assert(strstr(cause, "不是目录") != NULL, "%s", cause);
	free(cause);
	cr_assert_neq(store_open(&st, "/proc/nonexistent/x", 0, 0, &cause), 0);
	cr_assert_not_null(cause);
	free(cause);
}

Test(store, readonly_open)
{
	char path[96], *cause = NULL;
	struct member m;
	uint64_t top, br, id;

	open_db(0);
	top = mkorg(0, "甲委", "党委");
	br = mkorg(top, "一支", "党支部");
	id = mkmember(br, "张三", 1);
	store_close(st);
	st = NULL;
	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(store_open(&st, path, STORE_RDONLY, 0, &cause), 0, "%s", cause);
	cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
	cr_assert_str_eq(m.name, "张三");
	strcpy(m.name, "李四");
	cr_assert_neq(store_member_save(st, &m, &cause), 0);
	free(cause);
}

/* In one batch: a duplicate is refused, the batch goes on and commits. */
struct dupb { uint64_t br; int dup_rc, ok_rc; };

static int
dup_then_more(struct store_txn *t, void *ud)
{
	struct dupb *d = ud;
	struct member a, b, c;
	uint64_t id;

	member_init(&a);
	a.branch = d->br;
	strcpy(a.name, "甲");
	mkid(a.idcard, 1);
	if (store_txn_member_save(t, &a, NULL) != 0)
		return STORE_EABORT;
	b = a;
	member_init(&b);
	b.branch = d->br;
	strcpy(b.name, "乙");
	mkid(b.idcard, 1);
	d->dup_rc = store_txn_member_save(t, &b, NULL);
	member_init(&c);
	c.branch = d->br;
	strcpy(c.name, "丙");
	mkid(c.idcard, 2);
	d->ok_rc = store_txn_member_save(t, &c, NULL);
	if (store_txn_member_by_idcard(t, c.idcard, &id) != 0 || id != c.meta.id)
		return STORE_EABORT;
	return 0;
}

Test(store, duplicate_inside_a_batch_leaves_the_batch_usable)
{
	struct dupb d = { 0, 0, 0 };
	char got[128], *cause = NULL;

	open_db(0);
	d.br = mkorg(mkorg(0, "甲委", "党委"), "一支", "党支部");
	cr_assert_eq(store_write(st, dup_then_more, &d, &cause), 0, "%s", cause);
	cr_assert_eq(d.dup_rc, STORE_EDUP);
	cr_assert_eq(d.ok_rc, 0);
	names_of(d.br, got, sizeof got);
	cr_assert_str_eq(got, "甲 丙");
}

/* Put raw bytes as member id's record, bypassing the store. */
static void
raw_put_member(uint64_t id, const void *bytes, size_t len)
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
	cr_assert_eq(mdb_dbi_open(txn, "members", 0, &dbi), 0);
	cr_assert_eq(mdb_put(txn, dbi, &key, &val, 0), 0);
	cr_assert_eq(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

Test(store, records_decode_portably_and_bad_bytes_are_refused)
{
	unsigned char rec[2048];
	size_t n = 0, i;
	struct member m;
	char path[96], *cause = NULL;
	uint64_t br;

	open_db(0);
	br = mkorg(mkorg(0, "甲委", "党委"), "一支", "党支部");
	store_close(st);
	st = NULL;

	/* version 1; unknown tag 200 skipped; name of 300 bytes cut at a
	 * character boundary; branch */
	rec[n++] = 1; rec[n++] = 0;
	rec[n++] = 200; rec[n++] = 3; rec[n++] = 0; rec[n++] = 'x'; rec[n++] = 'y'; rec[n++] = 'z';
	rec[n++] = 65; rec[n++] = 44; rec[n++] = 1;          /* 300 bytes */
	for (i = 0; i < 100; i++) {
		memcpy(rec + n, "张", 3);
		n += 3;
	}
	rec[n++] = 64; rec[n++] = 8; rec[n++] = 0;
	for (i = 0; i < 8; i++)
		rec[n++] = i == 0 ? (unsigned char)br : 0;
	raw_put_member(500, rec, n);
	/* truncated item */
	raw_put_member(501, "\x01\x00\x41\x09\x00\xe5", 6);
	/* not even a version */
	raw_put_member(502, "\x01", 1);

	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(store_open(&st, path, 0, 0, &cause), 0, "%s", cause);
	cr_assert_eq(store_member_get(st, 500, &m, NULL), 0);
	cr_assert_eq(m.branch, br);
	cr_assert_eq(strlen(m.name) % 3, 0, "cut inside a character: %zu", strlen(m.name));
	cr_assert_eq(strlen(m.name), 63);
	cr_assert_eq(store_member_get(st, 501, &m, &cause), STORE_EIO);
	cr_assert(strstr(cause, "已损坏") != NULL, "%s", cause);
	free(cause);
	cr_assert_eq(store_member_get(st, 502, &m, &cause), STORE_EIO);
	free(cause);
}

Test(store, a_failed_write_to_disk_changes_nothing)
{
	uint64_t top, br, *ids;
	size_t n;
	pid_t pid;
	int status;
	char path[96];

	open_db(0);
	top = mkorg(0, "甲委", "党委");
	br = mkorg(top, "一支", "党支部");
	mkmember(br, "张三", 1);
	store_close(st);
	st = NULL;
	snprintf(path, sizeof path, "%s/db", dir);
	pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		/* the file may not grow: every write past its end fails (EFBIG) */
		struct store *s2 = NULL;
		struct batch b;
		struct stat sb;
		struct rlimit rl;
		char *cause = NULL, file[128];
		int rc;

		signal(SIGXFSZ, SIG_IGN);
		if (store_open(&s2, path, 0, 0, NULL) != 0)
			_exit(2);
		snprintf(file, sizeof file, "%s/data.mdb", path);
		if (stat(file, &sb) != 0)
			_exit(2);
		rl.rlim_cur = rl.rlim_max = (rlim_t)sb.st_size;
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(2);
		batch_fill(&b, br, 100, 3000);
		rc = store_write(s2, batch_fn, &b, &cause);
		if (rc != STORE_EIO || cause == NULL || strstr(cause, "文件超出") == NULL)
			_exit(3);
		if (b.m[0].meta.id != 0)
			_exit(4);
		store_close(s2);
		_exit(0);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %d", status);
	open_db(0);
	cr_assert_eq(store_branch_members(st, br, &ids, &n), 0);
	cr_assert_eq(n, 1);
	free(ids);
	mkmember(br, "李四", 2);
}

/* ---- issue 14.10: a save merges instead of refusing ---- */

static void
settle_draft(void *rec, void *ud)
{
	(void)ud;
	((struct rec_meta *)rec)->state = REC_DRAFT;
}

Test(store, merge_different_fields_keeps_both)
{
	struct member base, one, two;
	struct store_merge mg;
	char *cause = NULL;
	uint64_t b, id;
	int rc;

	open_db(0);
	b = mkorg(0, "中共合并测试支部委员会", "党支部");
	id = mkmember(b, "甲", 1);
	cr_assert_eq(store_member_get(st, id, &base, NULL), 0);
	one = two = base;
	strcpy(one.phone, "13700000001");
	cr_assert_eq(store_member_save(st, &one, NULL), 0);
	/* the plain save still refuses a stale version */
	strcpy(two.address, "天津市南开区鞍山西道2号");
	cr_assert_eq(store_member_save(st, &two, NULL), STORE_ECONFLICT);
	memset(&mg, 0, sizeof mg);
	mg.base = &base;
	mg.settle = settle_draft;
	rc = store_member_save_merge(st, &two, &mg, &cause);
	cr_assert_eq(rc, 0, "%s", cause ? cause : "?");
	cr_assert_eq(mg.r.n_conflict, 0);
	cr_assert_eq(mg.r.n_theirs, 1);
	cr_assert_str_eq(mg.r.theirs[0], "联系电话");
	cr_assert_str_eq(two.phone, "13700000001");
	cr_assert_eq(two.meta.state, REC_DRAFT, "settle ran on the merged record");
	cr_assert_eq(store_member_get(st, id, &one, NULL), 0);
	cr_assert_str_eq(one.phone, "13700000001");
	cr_assert_str_eq(one.address, "天津市南开区鞍山西道2号");
	cr_assert_eq(one.meta.version, base.meta.version + 2);
}

Test(store, merge_same_field_asks_and_choice_keeps_the_rest)
{
	struct member base, one, two, theirs, got;
	struct store_merge mg;
	uint64_t b, id;

	open_db(0);
	b = mkorg(0, "中共合并测试支部委员会", "党支部");
	id = mkmember(b, "乙", 2);
	cr_assert_eq(store_member_get(st, id, &base, NULL), 0);
	one = two = base;
	strcpy(one.phone, "13700000003");
	strcpy(one.address, "对方的地址");
	cr_assert_eq(store_member_save(st, &one, NULL), 0);
	strcpy(two.address, "我的地址");
	strcpy(two.note, "我的备注");
	memset(&mg, 0, sizeof mg);
	mg.base = &base;
	mg.theirs = &theirs;
	cr_assert_eq(store_member_save_merge(st, &two, &mg, NULL), STORE_ECONFLICT);
	cr_assert_eq(mg.r.n_conflict, 1);
	cr_assert_str_eq(mg.r.conflict[0], "家庭住址");
	cr_assert_str_eq(theirs.address, "对方的地址");
	cr_assert_eq(store_member_get(st, id, &got, NULL), 0);
	cr_assert_str_eq(got.note, "", "nothing written on a conflict");
	/* keep mine for the address: their phone must stay */
	merge_member_resolve(&two, &base, &theirs, &mg.r, 0);
	cr_assert_eq(store_member_save_merge(st, &two, &mg, NULL), 0);
	cr_assert_eq(store_member_get(st, id, &got, NULL), 0);
	cr_assert_str_eq(got.address, "我的地址");
	cr_assert_str_eq(got.phone, "13700000003");
	cr_assert_str_eq(got.note, "我的备注");
}

Test(store, merge_org_units_as_one_item)
{
	struct org o, base, one, two, got;
	struct store_merge mg;

	open_db(0);
	org_init(&o);
	org_init(&base);
	org_init(&one);
	org_init(&two);
	org_init(&got);
	strcpy(o.name, "中共联合测试支部委员会");
	strcpy(o.category, "联合党支部");
	strcpy(org_unit_add(&o)->name, "甲公司");
	strcpy(org_unit_add(&o)->name, "乙公司");
	cr_assert_eq(store_org_save(st, &o, NULL), 0);
	cr_assert_eq(store_org_get(st, o.meta.id, &base, NULL), 0);
	cr_assert_eq(org_copy(&one, &base), 0);
	cr_assert_eq(org_copy(&two, &base), 0);
	strcpy(one.units[1].name, "乙有限公司");
	cr_assert_eq(store_org_save(st, &one, NULL), 0);
	strcpy(two.secretary, "王书记");
	memset(&mg, 0, sizeof mg);
	mg.base = &base;
	cr_assert_eq(store_org_save_merge(st, &two, &mg, NULL), 0);
	cr_assert_eq(store_org_get(st, o.meta.id, &got, NULL), 0);
	cr_assert_str_eq(got.secretary, "王书记");
	cr_assert_str_eq(got.units[1].name, "乙有限公司");
	org_free(&o);
	org_free(&base);
	org_free(&one);
	org_free(&two);
	org_free(&got);
}

/* ---- issue 14.16: pinyin initials through their index ---- */

static int
has_id(const uint64_t *ids, size_t n, uint64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

Test(store, search_by_pinyin_initials)
{
	struct member m;
	uint64_t b, wjh, wjh2, ljh, lan, *ids = NULL;
	size_t n = 0;

	open_db(0);
	b = mkorg(0, "中共拼音测试支部委员会", "党支部");
	wjh = mkmember(b, "王建华", 11);
	wjh2 = mkmember(b, "汪家辉", 12);
	ljh = mkmember(b, "李建华", 13);
	lan = mkmember(b, "王岚华", 14);    /* 岚: GB 2312 level 2, initial unknown */
	cr_assert_eq(store_member_search_initials(st, "wjh", &ids, &n), 0);
	cr_assert(has_id(ids, n, wjh) && has_id(ids, n, wjh2));
	cr_assert(has_id(ids, n, lan), "a character of unknown initial matches any letter");
	cr_assert(!has_id(ids, n, ljh));
	cr_assert_eq(n, 3);
	free(ids);
	cr_assert_eq(store_member_search_initials(st, "w", &ids, &n), 0);
	cr_assert_eq(n, 3);
	free(ids);
	/* a rename moves the entry */
	cr_assert_eq(store_member_get(st, wjh, &m, NULL), 0);
	strcpy(m.name, "李建国");
	cr_assert_eq(store_member_save(st, &m, NULL), 0);
	cr_assert_eq(store_member_search_initials(st, "wjh", &ids, &n), 0);
	cr_assert(!has_id(ids, n, wjh));
	free(ids);
	cr_assert_eq(store_member_search_initials(st, "ljg", &ids, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(ids[0], wjh);
	free(ids);
	cr_assert_eq(store_member_search_initials(st, "王", &ids, &n), STORE_EINVAL);
}

/* ---- issue 14.14: operator statistics rows ---- */

static int
opstat_grab(const struct store_opstat *o, void *ud)
{
	struct store_opstat *v = ud;
	size_t i;

	for (i = 0; v[i].user[0] != '\0'; i++)
		;
	if (i < 3)
		v[i] = *o;
	return 0;
}

Test(store, opstats_add_up_per_login_and_day)
{
	struct store_opstat a, got[4];

	open_db(0);
	memset(&a, 0, sizeof a);
	strcpy(a.user, "wang");
	strcpy(a.day, "2026-06-01");
	a.created = 1;
	a.keys = 100;
	a.ms = 5000;
	a.corrected = 2;
	a.errors = 1;
	cr_assert_eq(store_opstat_add(st, &a, NULL), 0);
	a.created = 0;
	a.changed = 1;
	cr_assert_eq(store_opstat_add(st, &a, NULL), 0);
	strcpy(a.day, "2026-06-02");
	cr_assert_eq(store_opstat_add(st, &a, NULL), 0);
	strcpy(a.user, "li");
	cr_assert_eq(store_opstat_add(st, &a, NULL), 0);
	memset(got, 0, sizeof got);
	cr_assert_eq(store_opstat_each(st, NULL, opstat_grab, got), 0);
	cr_assert_str_eq(got[0].user, "li");
	cr_assert_str_eq(got[1].user, "wang");
	cr_assert_str_eq(got[1].day, "2026-06-01");
	cr_assert_eq(got[1].created, 1);
	cr_assert_eq(got[1].changed, 1);
	cr_assert_eq(got[1].keys, 200);
	cr_assert_eq(got[1].ms, 10000);
	cr_assert_eq(got[1].corrected, 4);
	cr_assert_eq(got[1].errors, 2);
	cr_assert_str_eq(got[2].day, "2026-06-02");
	memset(got, 0, sizeof got);
	cr_assert_eq(store_opstat_each(st, "2026-06-02", opstat_grab, got), 0);
	cr_assert_str_eq(got[0].day, "2026-06-02");
	cr_assert_str_eq(got[1].day, "2026-06-02");
	cr_assert_str_eq(got[2].user, "");
	a.user[0] = '\0';
	cr_assert_eq(store_opstat_add(st, &a, NULL), STORE_EINVAL);
}

/* ---- issue 14.15: double-keying sample entries ---- */

static int
verify_grab(const struct store_verify *v, void *ud)
{
	struct store_verify *out = ud;
	size_t i;

	for (i = 0; out[i].member != 0; i++)
		;
	if (i < 3)
		out[i] = *v;
	return 0;
}

Test(store, verify_entries_round_trip_per_branch)
{
	struct store_verify v, got[4];

	open_db(0);
	memset(&v, 0, sizeof v);
	v.branch = 7;
	v.member = 3;
	strcpy(v.sampled_by, "wang");
	strcpy(v.how, "随机5条, 种子42");
	v.sampled_at = 1700000000;
	cr_assert_eq(store_verify_put(st, &v, NULL), 0);
	v.member = 2;
	v.done = 1;
	strcpy(v.first_by, "li");
	strcpy(v.second_by, "zhao");
	v.fields = 19;
	v.agreed = 18;
	v.took_second = 1;
	cr_assert_eq(store_verify_put(st, &v, NULL), 0);
	v.branch = 8;
	cr_assert_eq(store_verify_put(st, &v, NULL), 0);
	memset(got, 0, sizeof got);
	cr_assert_eq(store_verify_each(st, 7, verify_grab, got), 0);
	cr_assert_eq(got[0].member, 2);
	cr_assert_eq(got[0].done, 1);
	cr_assert_str_eq(got[0].first_by, "li");
	cr_assert_str_eq(got[0].second_by, "zhao");
	cr_assert_eq(got[0].agreed, 18);
	cr_assert_eq(got[0].took_second, 1);
	cr_assert_eq(got[1].member, 3);
	cr_assert_eq(got[1].done, 0);
	cr_assert_str_eq(got[1].how, "随机5条, 种子42");
	cr_assert_eq(got[1].sampled_at, 1700000000);
	cr_assert_eq(got[2].member, 0, "branch 8 is not branch 7's");
}

/* ---- counts kept by the store (schema 2) ---- */

static int
recount_one(const struct member *m, void *ud)
{
	struct store_counts *c = ud;

	if (m->meta.removed != RM_NONE) {
		c->removed++;
		return 0;
	}
	c->members++;
	if (strcmp(m->category, "正式党员") == 0)
		c->full++;
	else if (strcmp(m->category, "预备党员") == 0)
		c->probationary++;
	if (m->meta.state == REC_DRAFT)
		c->drafts++;
	return 0;
}

/* The kept counts of branch equal a walk over its members. */
static void
assert_counts(uint64_t branch, const char *after)
{
	struct store_counts kept, walk;

	memset(&walk, 0, sizeof walk);
	cr_assert_eq(store_member_each(st, branch, recount_one, &walk), 0);
	cr_assert_eq(store_branch_counts(st, branch, &kept), 0);
	cr_assert(kept.members == walk.members && kept.full == walk.full &&
	    kept.probationary == walk.probationary && kept.drafts == walk.drafts &&
	    kept.removed == walk.removed,
	    "after %s, branch %llu: kept %zu/%zu/%zu/%zu/%zu, recount %zu/%zu/%zu/%zu/%zu",
	    after, (unsigned long long)branch, kept.members, kept.full,
	    kept.probationary, kept.drafts, kept.removed, walk.members, walk.full,
	    walk.probationary, walk.drafts, walk.removed);
}

struct cbatch { struct member m; uint64_t branch[3]; unsigned serial, n, dup_at; };

/* Saves cb->n new members round the branches, one with a taken ID number
 * (refused, the batch goes on) at dup_at. */
static int
cbatch_fn(struct store_txn *t, void *ud)
{
	struct cbatch *cb = ud;
	unsigned i;

	for (i = 0; i < cb->n; i++) {
		member_init(&cb->m);
		cb->m.branch = cb->branch[i % 3];
		snprintf(cb->m.name, sizeof cb->m.name, "批%u", i);
		mkid(cb->m.idcard, i == cb->dup_at ? 1 : cb->serial + i);
		strcpy(cb->m.category, i % 2 ? "预备党员" : "正式党员");
		cb->m.meta.state = i % 3 ? REC_COMPLETE : REC_DRAFT;
		if (store_txn_member_save(t, &cb->m, NULL) == STORE_EIO)
			return STORE_EIO;
	}
	return 0;
}

Test(store, counts_equal_a_recount_after_every_kind_of_write)
{
	static const char *const cat[] = { "正式党员", "预备党员", "" };
	uint64_t top, br[3], ids[64];
	unsigned x = 12345, serial = 100, i, n = 0;
	struct cbatch *cb = calloc(1, sizeof *cb);
	struct member m;
	char *cause = NULL, what[64];
	int b;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	br[0] = mkorg(top, "中共某某第一党支部", "党支部");
	br[1] = mkorg(top, "中共某某第二党支部", "党支部");
	br[2] = mkorg(top, "中共某某第三党支部", "党支部");
	for (i = 0; i < 400; i++) {
		int op;

		x = x * 1103515245u + 12345u;
		op = n < 4 ? 0 : (int)((x >> 16) % 6);
		if (op != 0) {
			uint64_t id = ids[(x >> 8) % n];

			cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
			if (op == 1) {                  /* edit: category and state */
				strcpy(m.category, cat[(x >> 4) % 3]);
				m.meta.state = (x >> 3) & 1 ? REC_COMPLETE : REC_DRAFT;
				cr_assert_eq(store_member_save(st, &m, &cause), 0, "%s", cause);
			} else if (op == 2) {           /* move to another branch */
				b = (int)((x >> 5) % 3);
				cr_assert_eq(store_member_move(st, id, m.meta.version, br[b], 0,
				    &cause), 0, "%s", cause);
			} else if (op == 3 && m.meta.removed == RM_NONE) {
				cr_assert_eq(store_member_remove(st, id, m.meta.version,
				    RM_TRANSFER, "", &cause), 0, "%s", cause);
			} else if (op == 3) {
				cr_assert_eq(store_member_restore(st, id, m.meta.version,
				    &cause), 0, "%s", cause);
			} else if (op == 4) {           /* a refused save changes nothing */
				cr_assert_eq(store_member_save(st, &m, NULL), 0);
				m.meta.version = 1000;
				strcpy(m.category, "预备党员");
				cr_assert_eq(store_member_save(st, &m, &cause), STORE_ECONFLICT);
				free(cause);
				cause = NULL;
			} else {                        /* reorder inside the branch */
				store_member_shift(st, id, (x >> 7) & 1 ? 1 : -1, &cause);
				free(cause);
				cause = NULL;
			}
		} else if (n < 64) {
			member_init(&m);
			b = (int)((x >> 5) % 3);
			m.branch = br[b];
			snprintf(m.name, sizeof m.name, "成员%u", i);
			mkid(m.idcard, serial++);
			strcpy(m.category, cat[(x >> 4) % 3]);
			m.meta.state = (x >> 3) & 1 ? REC_COMPLETE : REC_DRAFT;
			cr_assert_eq(store_member_save(st, &m, &cause), 0, "%s", cause);
			ids[n++] = m.meta.id;
		}
		snprintf(what, sizeof what, "operation %u (kind %d)", i, op);
		for (b = 0; b < 3; b++)
			assert_counts(br[b], what);
	}
	/* a batch over three branches (more than the pending slots hold per
	 * branch does not matter: 3 branches) with one refused duplicate */
	cr_assert_not_null(cb);
	memcpy(cb->branch, br, sizeof br);
	cb->serial = 5000;
	cb->n = 300;
	cb->dup_at = 150;
	cr_assert_eq(store_write(st, cbatch_fn, cb, &cause), 0, "%s", cause);
	for (b = 0; b < 3; b++)
		assert_counts(br[b], "a batch");
	free(cb);
}

/* More branches in one transaction than the pending count slots. */
static int
wide_fn(struct store_txn *t, void *ud)
{
	uint64_t *br = ud;
	struct member m;
	unsigned i;

	for (i = 0; i < 200; i++) {
		member_init(&m);
		m.branch = br[(i * 7) % 50];
		snprintf(m.name, sizeof m.name, "宽%u", i);
		mkid(m.idcard, 9000 + i);
		strcpy(m.category, "正式党员");
		if (store_txn_member_save(t, &m, NULL) != 0)
			return STORE_EIO;
	}
	return 0;
}

Test(store, counts_of_a_transaction_over_many_branches)
{
	uint64_t top, br[50];
	char name[64], *cause = NULL;
	int b;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	for (b = 0; b < 50; b++) {
		snprintf(name, sizeof name, "中共某某第%d党支部", b + 1);
		br[b] = mkorg(top, name, "党支部");
	}
	cr_assert_eq(store_write(st, wide_fn, br, &cause), 0, "%s", cause);
	for (b = 0; b < 50; b++)
		assert_counts(br[b], "a wide batch");
}

/* ---- order: shifts and inserts write only what moves ---- */

struct pg { uint64_t id[512], seq[512]; size_t n; };

static int
pg_take(const struct member *m, uint64_t seq, void *ud)
{
	struct pg *p = ud;

	p->id[p->n] = m->meta.id;
	p->seq[p->n] = seq;
	p->n++;
	return 0;
}

/* The order the store holds equals want[0..n) (present members). */
static void
assert_order(uint64_t br, const uint64_t *want, size_t n, const char *after)
{
	uint64_t *ids = NULL;
	size_t got = 0, i;

	cr_assert_eq(store_branch_members(st, br, &ids, &got), 0);
	cr_assert_eq(got, n, "after %s: %zu members, want %zu", after, got, n);
	for (i = 0; i < n; i++)
		cr_assert_eq(ids[i], want[i], "after %s: row %zu", after, i);
	free(ids);
}

Test(store, order_after_many_shifts_and_inserts_is_the_intended_one)
{
	uint64_t top, br, want[200], seq[200], tmp;
	unsigned x = 777, i;
	size_t n = 0, pos;
	char *cause = NULL, name[32], what[64];
	struct pg *p = calloc(1, sizeof *p);

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	br = mkorg(top, "中共某某第一党支部", "党支部");
	for (i = 0; i < 60; i++) {
		snprintf(name, sizeof name, "序%u", i);
		want[n++] = mkmember(br, name, 300 + i);
	}
	/* the seqs the member list would hold */
	cr_assert_eq(store_branch_page(st, br, 0, 1, 512, 0, pg_take, p), 0);
	cr_assert_eq(p->n, n);
	memcpy(seq, p->seq, n * sizeof *seq);
	for (i = 0; i < 500; i++) {
		int delta;

		x = x * 1103515245u + 12345u;
		pos = (x >> 8) % n;
		delta = (x >> 4) & 1 ? 1 : -1;
		if ((delta < 0 && pos == 0) || (delta > 0 && pos + 1 == n)) {
			cr_assert_eq(store_member_shift_at(st, want[pos], br, &seq[pos],
			    delta, &cause), STORE_EINVAL);
			free(cause);
			cause = NULL;
			continue;
		}
		if ((x >> 5) % 4 == 0) {        /* the plain shift, no place given */
			cr_assert_eq(store_member_shift(st, want[pos], delta, &cause), 0,
			    "%s", cause);
		} else {
			uint64_t s = (x >> 6) % 8 == 0 ? seq[pos] + 1 : seq[pos]; /* stale */

			cr_assert_eq(store_member_shift_at(st, want[pos], br, &s, delta,
			    &cause), 0, "%s", cause);
			cr_assert_eq(s, seq[pos + delta], "the new seq is the neighbour's");
		}
		tmp = want[pos];
		want[pos] = want[pos + delta];
		want[pos + delta] = tmp;
		snprintf(what, sizeof what, "shift %u", i);
		assert_order(br, want, n, what);
	}
	/* 40 inserts at one place: the gap halves until the list is respaced */
	for (i = 0; i < 40; i++) {
		uint64_t id;

		snprintf(name, sizeof name, "插%u", i);
		id = mkmember(br, name, 900 + i);
		cr_assert_eq(store_member_move(st, id, 1, 0, want[10], &cause), 0, "%s", cause);
		memmove(&want[11], &want[10], (n - 10) * sizeof *want);
		want[10] = id;
		n++;
		snprintf(what, sizeof what, "insert %u", i);
		assert_order(br, want, n, what);
	}
	free(p);
}

/* J/K typed ahead: several shifts in one transaction, each after the
 * one before it, as the member list showed them; one bad move stores none. */
Test(store, shifts_in_one_transaction_apply_in_order_all_or_none)
{
	uint64_t top, br, want[6], tmp;
	struct store_shift mv[4];
	struct pg *p = calloc(1, sizeof *p);
	char name[32], *cause = NULL;
	unsigned i;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	br = mkorg(top, "中共某某第一党支部", "党支部");
	for (i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "序%u", i);
		want[i] = mkmember(br, name, 500 + i);
	}
	cr_assert_eq(store_branch_page(st, br, 0, 1, 512, 0, pg_take, p), 0);
	/* row 0 down, down, down, then up: it ends on row 2 */
	for (i = 0; i < 4; i++) {
		mv[i].id = want[0];
		mv[i].delta = i < 3 ? 1 : -1;
	}
	mv[0].seq = p->seq[0];
	mv[1].seq = p->seq[1];
	mv[2].seq = p->seq[2];
	mv[3].seq = p->seq[3];
	cr_assert_eq(store_member_shifts_at(st, br, mv, 4, &cause), 0, "%s", cause);
	cr_assert_eq(mv[3].seq, p->seq[2], "the last move's new seq");
	tmp = want[0];
	want[0] = want[1];
	want[1] = want[2];
	want[2] = tmp;
	assert_order(br, want, 6, "four shifts");
	/* the second move would pass the end: neither is stored */
	mv[0].id = want[4];
	mv[0].seq = p->seq[4];
	mv[0].delta = 1;
	mv[1].id = want[4];
	mv[1].seq = p->seq[5];
	mv[1].delta = 1;
	cr_assert_eq(store_member_shifts_at(st, br, mv, 2, &cause), STORE_EINVAL);
	free(cause);
	assert_order(br, want, 6, "a refused batch");
	free(p);
}

Test(store, member_page_reads_forward_and_back_skipping_removed)
{
	uint64_t top, br, all[30];
	struct pg *p = calloc(1, sizeof *p), *q = calloc(1, sizeof *q);
	char name[32], *cause = NULL;
	size_t i, j;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	br = mkorg(top, "中共某某第一党支部", "党支部");
	mkorg(top, "中共某某第二党支部", "党支部");
	for (i = 0; i < 30; i++) {
		snprintf(name, sizeof name, "页%zu", i);
		all[i] = mkmember(br, name, 500 + (unsigned)i);
	}
	for (i = 0; i < 30; i += 7)
		cr_assert_eq(store_member_remove(st, all[i], 1, RM_TRANSFER, "", &cause), 0);
	/* the whole list with removed ones, then pages of 4 both ways */
	cr_assert_eq(store_branch_page(st, br, 0, 1, 100, STORE_PAGE_REMOVED, pg_take, p), 0);
	cr_assert_eq(p->n, 30);
	for (i = 0; i < 30; i++)
		cr_assert_eq(p->id[i], all[i]);
	p->n = 0;
	cr_assert_eq(store_branch_page(st, br, 0, 1, 100, 0, pg_take, p), 0);
	cr_assert_eq(p->n, 25);
	for (i = 0, j = 0; i < 30; i++)
		if (i % 7 != 0)
			cr_assert_eq(p->id[j++], all[i]);
	/* forward from each seq: the next 4 present; backward: the 4 before */
	for (i = 0; i < p->n; i++) {
		q->n = 0;
		cr_assert_eq(store_branch_page(st, br, p->seq[i], 1, 4, 0, pg_take, q), 0);
		cr_assert_eq(q->n, p->n - i < 4 ? p->n - i : 4);
		for (j = 0; j < q->n; j++)
			cr_assert_eq(q->id[j], p->id[i + j]);
		q->n = 0;
		cr_assert_eq(store_branch_page(st, br, p->seq[i], -1, 4, 0, pg_take, q), 0);
		cr_assert_eq(q->n, i + 1 < 4 ? i + 1 : 4);
		for (j = 0; j < q->n; j++)
			cr_assert_eq(q->id[j], p->id[i - j]);
	}
	q->n = 0;
	cr_assert_eq(store_branch_page(st, br, UINT64_MAX, -1, 2, 0, pg_take, q), 0);
	cr_assert_eq(q->n, 2);
	cr_assert_eq(q->id[0], all[29]);
	/* between two seqs, and an empty branch */
	q->n = 0;
	cr_assert_eq(store_branch_page(st, br, p->seq[3] + 1, 1, 1, 0, pg_take, q), 0);
	cr_assert_eq(q->id[0], p->id[4]);
	q->n = 0;
	cr_assert_eq(store_branch_page(st, br + 1, 0, 1, 10, 0, pg_take, q), 0);
	cr_assert_eq(q->n, 0);
	free(p);
	free(q);
}

/* ---- the search table: part of an ID number or a phone ---- */

struct brute { const char *q; uint64_t id[4096]; size_t n; };

static int
brute_one(const struct member *m, void *ud)
{
	struct brute *b = ud;

	if (strstr(m->idcard, b->q) != NULL || strstr(m->phone, b->q) != NULL)
		b->id[b->n++] = m->meta.id;
	return 0;
}

static int
id_order(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* store_member_search_text(q) equals a scan of every member of brs. */
static void
assert_search(const uint64_t *brs, int nb, const char *q)
{
	struct brute *b = calloc(1, sizeof *b);
	uint64_t *ids = NULL;
	size_t n = 0, i;
	int k;

	b->q = q;
	for (k = 0; k < nb; k++)
		cr_assert_eq(store_member_each(st, brs[k], brute_one, b), 0);
	qsort(b->id, b->n, sizeof *b->id, id_order);
	cr_assert_eq(store_member_search_text(st, q, &ids, &n), 0);
	cr_assert_eq(n, b->n, "\"%s\": %zu found, a scan finds %zu", q, n, b->n);
	for (i = 0; i < n; i++)
		cr_assert_eq(ids[i], b->id[i], "\"%s\": result %zu", q, i);
	free(ids);
	free(b);
}

static int
many_fn(struct store_txn *t, void *ud)
{
	uint64_t *br = ud;
	struct member m;
	unsigned i;

	for (i = 0; i < 700; i++) {
		member_init(&m);
		m.branch = br[i % 2];
		snprintf(m.name, sizeof m.name, "多%u", i);
		mkid(m.idcard, 2000 + i);
		if (i % 3)
			snprintf(m.phone, sizeof m.phone, "13%09u", i * 7919u);
		strcpy(m.category, "正式党员");
		if (store_txn_member_save(t, &m, NULL) != 0)
			return STORE_EIO;
	}
	return 0;
}

Test(store, search_by_part_of_an_id_number_or_phone_equals_a_scan)
{
	static const char *const qs[] = { "1", "11", "0105", "1950", "19", "X", "23",
	    "138", "7919", "000", "110105195", "5555", "-", "13800001111", "" };
	uint64_t top, br[2], *ids = NULL;
	unsigned x = 99, i;
	size_t n, k;
	char *cause = NULL;
	struct member m;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	br[0] = mkorg(top, "中共某某第一党支部", "党支部");
	br[1] = mkorg(top, "中共某某第二党支部", "党支部");
	/* 700 in one transaction: three chunks, each written once */
	cr_assert_eq(store_write(st, many_fn, br, &cause), 0, "%s", cause);
	for (k = 0; qs[k][0] != '\0'; k++)
		assert_search(br, 2, qs[k]);
	/* edits of the ID number and the phone, removals: the table follows */
	for (i = 0; i < 60; i++) {
		x = x * 1103515245u + 12345u;
		cr_assert_eq(store_member_search_text(st, "1", &ids, &n), 0);
		cr_assert_gt(n, 0);
		cr_assert_eq(store_member_get(st, ids[(x >> 8) % n], &m, NULL), 0);
		free(ids);
		if (i % 3 == 0)
			snprintf(m.phone, sizeof m.phone, "010-%08u", x % 100000000u);
		else if (i % 3 == 1)
			m.phone[0] = '\0';
		else
			mkid(m.idcard, 5000 + i);
		cr_assert_eq(store_member_save(st, &m, &cause), 0, "%s", cause);
		if (i % 10 == 0)
			cr_assert_eq(store_member_remove(st, m.meta.id, m.meta.version,
			    RM_OTHER, "", &cause), 0, "%s", cause);
	}
	for (k = 0; qs[k][0] != '\0'; k++)
		assert_search(br, 2, qs[k]);
	assert_search(br, 2, "010-");
}

/* A held read transaction: every read sees one snapshot, writes wait for
 * the release (refused meanwhile), and holds nest. */
Test(store, held_read_sees_one_snapshot_and_refuses_writes)
{
	uint64_t top, br, id;
	struct store_counts c;
	struct member m;
	char *cause = NULL;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	br = mkorg(top, "中共某某第一党支部", "党支部");
	id = mkmember(br, "张三", 1);
	cr_assert_eq(store_read_hold(st), 0);
	cr_assert_eq(store_read_hold(st), 0);
	cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
	cr_assert_eq(store_member_save(st, &m, &cause), STORE_EINVAL);
	free(cause);
	cause = NULL;
	store_read_release(st);
	cr_assert_eq(store_branch_counts(st, br, &c), 0);
	cr_assert_eq(c.members, 1);
	store_read_release(st);
	cr_assert_eq(store_member_save(st, &m, &cause), 0, "%s", cause);
	mkmember(br, "李四", 2);
	cr_assert_eq(store_branch_counts(st, br, &c), 0);
	cr_assert_eq(c.members, 2);
}

/* Issue 10 B.9: a 联合党支部 keeps every unit page through the store (40;
 * older builds kept 16), fewer after an edit drop the rest; the record of
 * an organisation with more than 16 units is format 2, so an older build
 * refuses it (STORE_NEWER_TEXT) instead of saving its first 16 only, and
 * it is format 1 again once it has 16 or fewer. */
Test(store, joint_branch_keeps_forty_units)
{
	struct org o = { 0 }, g = { 0 };
	unsigned char *p;
	size_t i, n;
	uint64_t top;

	open_db(0);
	top = mkorg(0, "中共某某委员会", "党委");
	org_init(&o);
	org_init(&g);
	o.parent = top;
	strcpy(o.name, "中共某某商务楼联合党支部");
	strcpy(o.category, "联合党支部");
	strcpy(o.unit_situation, "联合党支部");
	for (i = 0; i < 40; i++)
		snprintf(org_unit_add(&o)->name, sizeof o.units[0].name, "单位%zu", i + 1);
	cr_assert_eq(store_org_encode(&o, &p, &n), 0);
	cr_assert_eq(p[0] | p[1] << 8, 2, "format of an org of 40 units");
	free(p);
	cr_assert_eq(store_org_save(st, &o, NULL), 0);
	cr_assert_eq(store_org_get(st, o.meta.id, &g, NULL), 0);
	cr_assert_eq(g.n_units, 40);
	for (i = 0; i < 40; i++) {
		char want[32];

		snprintf(want, sizeof want, "单位%zu", i + 1);
		cr_assert_str_eq(g.units[i].name, want);
	}
	/* down to 16: the rest are gone, and the record is format 1 */
	g.n_units = 16;
	cr_assert_eq(store_org_save(st, &g, NULL), 0);
	cr_assert_eq(store_org_encode(&g, &p, &n), 0);
	cr_assert_eq(p[0] | p[1] << 8, 1);
	free(p);
	cr_assert_eq(store_org_get(st, o.meta.id, &o, NULL), 0);
	cr_assert_eq(o.n_units, 16);
	cr_assert_str_eq(o.units[15].name, "单位16");
	/* a head load leaves the unit array as it was */
	cr_assert_eq(store_org_get_head(st, o.meta.id, &o), 0);
	cr_assert_eq(o.n_units, 0);
	cr_assert_geq(o.cap_units, 16);
	org_free(&o);
	org_free(&g);
}

Test(store, settings_are_kept_with_the_database_never_cut)
{
	char buf[16], name[STORE_SETTING_NAME_MAX + 2], path[96];
	char *cause = NULL;

	open_db(0);
	cr_assert_eq(store_setting_get(st, "export.seq", buf, sizeof buf), STORE_ENOTFOUND);
	cr_assert_str_empty(buf);
	cr_assert_eq(store_setting_put(st, "export.seq", "07", &cause), 0, "%s", cause);
	cr_assert_eq(store_setting_put(st, "export.filler", "测试员", &cause), 0, "%s", cause);
	cr_assert_eq(store_setting_put(st, "export.seq", "08", &cause), 0, "%s", cause);
	cr_assert_eq(store_setting_get(st, "export.seq", buf, sizeof buf), 0);
	cr_assert_str_eq(buf, "08");
	/* a value longer than the caller's buffer is refused, not cut */
	cr_assert_eq(store_setting_put(st, "export.dir", "/home/clerk/上报文件", &cause), 0);
	cr_assert_eq(store_setting_get(st, "export.dir", buf, sizeof buf), STORE_EINVAL);
	cr_assert_str_empty(buf);
	memset(name, 'a', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	cr_assert_eq(store_setting_put(st, name, "x", &cause), STORE_EINVAL);
	cr_assert_eq(store_setting_get(st, "", buf, sizeof buf), STORE_EINVAL);
	/* kept across a reopen; a read-only open reads but does not write */
	store_close(st);
	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(store_open(&st, path, STORE_RDONLY, 0, &cause), 0, "%s", cause);
	cr_assert_eq(store_setting_get(st, "export.filler", buf, sizeof buf), 0);
	cr_assert_str_eq(buf, "测试员");
	cr_assert_eq(store_setting_put(st, "export.seq", "09", &cause), STORE_EINVAL);
	cr_assert_not_null(cause);
	free(cause);
}

/* ---- gen's compaction (store_compact_close) ---- */

static size_t
file_size(const char *path)
{
	struct stat sb;

	cr_assert_eq(stat(path, &sb), 0, "%s", path);
	return (size_t)sb.st_size;
}

/* The compacted file holds every record and index entry of the old one in
 * fewer bytes, with no free pages and the file's mode, and nothing is left
 * beside it. */
Test(store, compact_close_keeps_everything_in_a_smaller_file)
{
	char path[128], name[16], id[20], *cause = NULL;
	uint64_t c, b, ids[300], v, orgs, members;
	size_t before, after;
	MDB_env *env;
	MDB_stat ms;
	MDB_envinfo info;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_cursor *cur;
	MDB_val k, d;
	size_t free_pages = 0;
	unsigned i;

	open_db(0);
	c = mkorg(0, "甲委", "党委");
	b = mkorg(c, "甲一支部", "党支部");
	for (i = 0; i < 300; i++) {         /* 300 transactions: free pages */
		snprintf(name, sizeof name, "成员%u", i);
		ids[i] = mkmember(b, name, 7 * i + 1);
	}
	snprintf(path, sizeof path, "%s/db/data.mdb", dir);
	cr_assert_eq(chmod(path, 0640), 0);
	before = file_size(path);
	cr_assert_eq(store_compact_close(st, &cause), 0, "%s", cause ? cause : "");
	st = NULL;
	after = file_size(path);
	cr_assert_lt(after, before, "%zu >= %zu", after, before);
	{
		struct stat sb;

		cr_assert_eq(stat(path, &sb), 0);
		cr_assert_eq(sb.st_mode & 0777, 0640, "the file's mode is kept");
	}
	snprintf(path, sizeof path, "%s/db", dir);
	/* no free pages: the free list (the main DB 0) is empty */
	cr_assert_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 32);
	cr_assert_eq(mdb_env_open(env, path, MDB_RDONLY, 0600), 0);
	cr_assert_eq(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn), 0);
	dbi = 0;                              /* FREE_DBI */
	cr_assert_eq(mdb_cursor_open(txn, dbi, &cur), 0);
	while (mdb_cursor_get(cur, &k, &d, MDB_NEXT) == 0)
		free_pages += *(size_t *)d.mv_data;
	mdb_cursor_close(cur);
	cr_assert_eq(free_pages, 0);
	cr_assert_eq(mdb_env_info(env, &info), 0);
	cr_assert_eq(mdb_env_stat(env, &ms), 0);
	cr_assert_eq((info.me_last_pgno + 1) * ms.ms_psize, after, "no page past the data");
	mdb_txn_abort(txn);
	mdb_env_close(env);
	{
		char cmd[256];

		snprintf(cmd, sizeof cmd, "test -z \"$(ls -A %s | grep '^\\.')\"", path);
		cr_assert_eq(system(cmd), 0, "a temporary file was left");
	}
	open_db(0);
	cr_assert_eq(store_count(st, &orgs, &members), 0);
	cr_assert_eq(orgs, 2);
	cr_assert_eq(members, 300);
	for (i = 0; i < 300; i++) {
		mkid(id, 7 * i + 1);
		cr_assert_eq(store_member_by_idcard(st, id, &v), 0, "%s", id);
		cr_assert_eq(v, ids[i]);
	}
	mkmember(b, "新来的", 5000);          /* and it takes writes */
}

/* Names and initials entries are put in key order: a half of the
 * transaction's buffer, once full, a few at a time with the next ones, and
 * all of them before a delete from their tables and at commit: a rename
 * within the transaction that created the member, one put from the first
 * half and one still deferred, leaves both indexes exact. */
struct renames {
	uint64_t branch;
	size_t n;
	uint64_t early, late;       /* ids renamed */
};

static const char *const rn_names[] = {
	"王建华", "李四", "张三", "赵六", "钱七", "孙八", "周九",
};

static int
renames_fn(struct store_txn *t, void *ud)
{
	struct renames *r = ud;
	struct member *m = malloc(sizeof *m), *early = malloc(sizeof *early);
	char *cause = NULL;
	size_t i;
	int rc = 0;

	cr_assert_not_null(m);
	cr_assert_not_null(early);
	for (i = 0; i < r->n && rc == 0; i++) {
		member_init(m);
		m->branch = r->branch;
		strcpy(m->name, rn_names[i % 7]);
		mkid(m->idcard, (unsigned)i);
		strcpy(m->category, "正式党员");
		rc = store_txn_member_save(t, m, &cause);
		if (i == 5)
			*early = *m;
	}
	cr_assert_eq(rc, 0, "%s", cause ? cause : "?");
	/* member 5 went out with the first half, the last one is deferred */
	strcpy(early->name, "吴十");
	cr_assert_eq(store_txn_member_save(t, early, &cause), 0, "%s", cause ? cause : "?");
	strcpy(m->name, "吴十");
	cr_assert_eq(store_txn_member_save(t, m, &cause), 0, "%s", cause ? cause : "?");
	r->early = early->meta.id;
	r->late = m->meta.id;
	free(m);
	free(early);
	return 0;
}

Test(store, names_and_initials_exact_after_renames_across_a_flush)
{
	struct renames r;
	uint64_t top, *ids;
	size_t n, i, want;
	char *cause = NULL;

	open_db(0);
	top = mkorg(0, "甲委", "党委");
	r.branch = mkorg(top, "一支", "党支部");
	r.n = 50000;            /* two entries each: past a half's 78,643 */
	cr_assert_eq(store_write(st, renames_fn, &r, &cause), 0, "%s", cause ? cause : "?");

	cr_assert_eq(store_member_search_name(st, "吴十", &ids, &n), 0);
	cr_assert_eq(n, 2);
	cr_assert(ids[0] == r.early || ids[1] == r.early);
	cr_assert(ids[0] == r.late || ids[1] == r.late);
	free(ids);
	cr_assert_eq(store_member_search_initials(st, "ws", &ids, &n), 0);
	cr_assert_eq(n, 2);
	free(ids);
	for (i = 0; i < 7; i++) {
		/* name i of serials i, i + 7, ...; 5 and the last renamed */
		want = r.n / 7 + (i < r.n % 7) - (i == 5) - (i == (r.n - 1) % 7);
		cr_assert_eq(store_member_search_name(st, rn_names[i], &ids, &n), 0);
		cr_assert_eq(n, want, "%s: %zu, not %zu", rn_names[i], n, want);
		/* in name order, then id order: the order the index keeps */
		for (size_t j = 1; j < n; j++)
			cr_assert_lt(ids[j - 1], ids[j]);
		free(ids);
	}
	cr_assert_eq(store_member_search_initials(st, "wjh", &ids, &n), 0);
	cr_assert_eq(n, r.n / 7 + (r.n % 7 > 0), "wjh: %zu", n);
	free(ids);
}

/* A bulk writer rules ID numbers out through a filter and defers their
 * inserts: a number already in the database, one deferred in the same
 * transaction and one put out by an earlier flush are each still refused
 * naming their holder, a deferred number is found by a look-up in the
 * transaction, and after commit every number leads to its member. */
struct bulk_ids {
	uint64_t branch, held;
	size_t n;
	uint64_t *ids;              /* ids[i]: the member of serial i, or 0 */
	int dup_rc[4];
	char *dup_cause[4];
	uint64_t found_pending;
};

static int
bulk_ids_fn(struct store_txn *t, void *ud)
{
	struct bulk_ids *b = ud;
	struct member *m = malloc(sizeof *m);
	char *cause = NULL;
	size_t i;
	int rc, d = 0;

	cr_assert_not_null(m);
	for (i = 0; i < b->n; i++) {
		member_init(m);
		m->branch = b->branch;
		snprintf(m->name, sizeof m->name, "成员%zu", i);
		strcpy(m->category, "正式党员");
		/* 100: the number held before; 25,000: that of 19,999 (in the
		 * sorted half, which fills at about 23,000 members, and its
		 * year 1999 put last, so not yet put); 29,995: that of 29,993
		 * (in the filling half); 39,000: that of 5 (put) */
		mkid(m->idcard, i == 100 ? 49999u : i == 25000 ? 19999u :
		    i == 29995 ? 29993u : i == 39000 ? 5u : (unsigned)i);
		rc = store_txn_member_save(t, m, &cause);
		if (i == 100 || i == 25000 || i == 29995 || i == 39000) {
			b->dup_rc[d] = rc;
			b->dup_cause[d++] = cause;
			cause = NULL;
			continue;
		}
		cr_assert_eq(rc, 0, "%zu: rc %d %s", i, rc, cause ? cause : "?");
		b->ids[i] = m->meta.id;
		if (i == 29990) {
			char id[19];

			mkid(id, 29990);
			cr_assert_eq(store_txn_member_by_idcard(t, id, &b->found_pending), 0);
		}
	}
	free(m);
	return 0;
}

Test(store, bulk_id_numbers_deferred_stay_unique)
{
	struct bulk_ids b;
	char *cause = NULL, path[96], id[19];
	uint64_t top, got;
	size_t i;
	int rc;

	snprintf(path, sizeof path, "%s/db", dir);
	rc = store_open(&st, path, STORE_BULK, 0, &cause);
	cr_assert_eq(rc, 0, "store_open: %s", cause ? cause : "?");
	store_set_user(st, "tester");
	top = mkorg(0, "甲委", "党委");
	b.branch = mkorg(top, "一支", "党支部");
	b.held = mkmember(b.branch, "先登记的", 49999);
	b.n = 40000;
	b.ids = calloc(b.n, sizeof b.ids[0]);
	cr_assert_not_null(b.ids);
	cr_assert_eq(store_write(st, bulk_ids_fn, &b, &cause), 0, "%s", cause ? cause : "?");

	cr_assert_eq(b.dup_rc[0], STORE_EDUP);
	cr_assert_not_null(strstr(b.dup_cause[0], "先登记的"), "%s", b.dup_cause[0]);
	cr_assert_eq(b.dup_rc[1], STORE_EDUP);
	cr_assert_not_null(strstr(b.dup_cause[1], "成员19999"), "%s", b.dup_cause[1]);
	cr_assert_eq(b.dup_rc[2], STORE_EDUP);
	cr_assert_not_null(strstr(b.dup_cause[2], "成员29993"), "%s", b.dup_cause[2]);
	cr_assert_eq(b.dup_rc[3], STORE_EDUP);
	cr_assert_not_null(strstr(b.dup_cause[3], "成员5"), "%s", b.dup_cause[3]);
	cr_assert_eq(b.found_pending, b.ids[29990]);
	for (i = 0; i < 4; i++)
		free(b.dup_cause[i]);

	mkid(id, 49999);
	cr_assert_eq(store_member_by_idcard(st, id, &got), 0);
	cr_assert_eq(got, b.held);
	for (i = 0; i < b.n; i++) {
		if (b.ids[i] == 0)
			continue;
		mkid(id, (unsigned)i);
		cr_assert_eq(store_member_by_idcard(st, id, &got), 0, "%zu", i);
		cr_assert_eq(got, b.ids[i], "%zu", i);
	}
	free(b.ids);
}

/* A new member saved with its fields as a bulk writer's reader thread
 * encodes them (store_member_fields_enc, store_txn_member_save_enc) reads
 * back as the same member saved the plain way: every field, the fields an
 * import never fills (备注, 确认方式) and text packed as words too. */
struct encsave {
	uint64_t branch, plain, enc;
};

static void
encsave_fill(struct member *m, uint64_t branch, unsigned serial)
{
	member_init(m);
	m->branch = branch;
	strcpy(m->name, "欧阳晓明");
	strcpy(m->sex, "男");
	strcpy(m->ethnicity, "汉族");
	mkid(m->idcard, serial);
	strcpy(m->birth, "1980-01-02");
	strcpy(m->education, "大学本科");
	strcpy(m->category, "正式党员");
	strcpy(m->join_date, "2005-07-01");
	strcpy(m->full_date, "2006-07-01");
	strcpy(m->job, "专业技术人员");
	strcpy(m->phone, "13800138000");
	strcpy(m->address, "北京市东城区某某街道某某社区12号楼3单元401室");
	strcpy(m->party_status, "正常");
	strcpy(m->lost, "否");
	strcpy(m->floating, "是");
	strcpy(m->flow_to, "广东省广州市");
	strcpy(m->confirm_method, "他人代填");
	strcpy(m->note, "备注:由党支部代为填写");
}

static int
encsave_fn(struct store_txn *t, void *ud)
{
	struct encsave *es = ud;
	struct member *m = malloc(sizeof *m);
	struct store_enc *e = store_enc_new();
	const unsigned char *enc;
	char *cause = NULL;
	size_t len;

	cr_assert_not_null(m);
	cr_assert_not_null(e);
	encsave_fill(m, es->branch, 1);
	cr_assert_eq(store_txn_member_save(t, m, &cause), 0, "%s", cause ? cause : "?");
	es->plain = m->meta.id;
	encsave_fill(m, es->branch, 2);
	m->branch = 0;          /* the reader's member has none yet */
	enc = store_member_fields_enc(e, m, &len);
	cr_assert_not_null(enc);
	cr_assert_gt(len, 0);
	m->branch = es->branch;
	cr_assert_eq(store_txn_member_save_enc(t, m, enc, len, &cause), 0, "%s",
	    cause ? cause : "?");
	es->enc = m->meta.id;
	store_enc_free(e);
	free(m);
	return 0;
}

Test(store, member_saved_with_fields_encoded_aside_reads_the_same)
{
	struct encsave es;
	struct member *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	char *cause = NULL;
	uint64_t top;

	cr_assert_not_null(a);
	cr_assert_not_null(b);
	open_db(0);
	top = mkorg(0, "甲委", "党委");
	es.branch = mkorg(top, "一支", "党支部");
	cr_assert_eq(store_write(st, encsave_fn, &es, &cause), 0, "%s", cause ? cause : "?");
	cr_assert_eq(store_member_get(st, es.plain, a, &cause), 0);
	cr_assert_eq(store_member_get(st, es.enc, b, &cause), 0);
	cr_assert_eq(b->branch, es.branch);
	cr_assert_str_neq(a->idcard, b->idcard);
	strcpy(b->idcard, a->idcard);
#define SAME_STR(key) cr_assert_str_eq(a->key, b->key, #key);
#define SAME_REF(key) cr_assert_eq(a->key, b->key, #key);
#define SCH_F(key, kind, ...) SAME_##kind(key)
#include "schema/member.def"
#undef SCH_F
#undef SAME_REF
#undef SAME_STR
	cr_assert_str_eq(b->note, "备注:由党支部代为填写");
	free(a);
	free(b);
}
