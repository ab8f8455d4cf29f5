/* test_store.c - the LMDB store: round trips, order, uniqueness, versions,
 * removal, tree rules, map growth, crash safety, concurrency, schema. */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lmdb.h>

#include "app.h"
#include "store.h"

/* main.c (not linked into unit tests) defines these; weak so that a
 * strong definition elsewhere wins. */
__attribute__((weak)) int
app_error(const char *fmt, ...)
{
	(void)fmt;
	return 1;
}

__attribute__((weak)) int
app_open_store(struct app *app)
{
	(void)app;
	return 1;
}

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
	o.parent = top;
	strcpy(o.name, "中共某某市示范有限公司联合党支部");
	strcpy(o.secretary, "王建国");
	strcpy(o.contact, "李晓梅");
	strcpy(o.phone, "010-12345678");
	strcpy(o.category, "联合党支部");
	strcpy(o.unit_situation, "联合党支部");
	o.n_units = 3;
	for (i = 0; i < 3; i++) {
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
