/* export_fixture.h - a known database for the export, report and stats tests
 * (included by those test files only; not a test binary itself).
 *
 * The tree (creation order = id order; tree order set by shifts):
 *   C   中共测试集团有限公司委员会 (党委, 法人单位)
 *     children in tree order: G_A, B_Y, B_Z, G_B, J, R(removed)
 *     G_A 机关党总支部: GA2, GA1 (GA1 created first)
 *     G_B 生产党总支部: GB1
 *     J   联合党支部 with three units
 * Mandated 附件3 (党支部) order: B_Y, B_Z, J, J, J, G_A, GA2, GA1, G_B, GB1.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "record.h"
#include "store.h"
#include "validate.h"

#define FX_P "中共测试集团有限公司"
#define FX_TODAY "2026-06-30"

static char fx_dir[64];
static struct store *fx_st;

struct fx_ids {
	uint64_t c, ga, bz, gb, by, j, ga1, ga2, gb1, r;
	uint64_t m_by1, m_by2, m_bz, m_j, m_ga1, m_ga2, m_gb1, m_gb1_removed, m_r;
};
static struct fx_ids fx;

static void
fx_setup(void)
{
	char *cause = NULL, path[96];

	strcpy(fx_dir, "/tmp/caiji-exp-XXXXXX");
	cr_assert_not_null(mkdtemp(fx_dir));
	snprintf(path, sizeof path, "%s/db", fx_dir);
	cr_assert_eq(store_open(&fx_st, path, 0, 0, &cause), 0, "%s", cause);
	store_set_user(fx_st, "tester");
}

static void
fx_teardown(void)
{
	char cmd[128];

	store_close(fx_st);
	fx_st = NULL;
	if (getenv("FX_KEEP") != NULL) {
		cr_log_info("kept %s", fx_dir);
		return;
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", fx_dir);
	if (system(cmd) != 0)
		cr_log_warn("cleanup of %s failed", fx_dir);
}

/* A valid 统一社会信用代码 starting with the 17 characters p17. */
static void
fx_uscc(const char *p17, char *out)
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	struct verdict v;
	size_t i;

	for (i = 0; cs[i]; i++) {
		snprintf(out, 19, "%s%c", p17, cs[i]);
		if (validate_field(VK_USCC, NULL, out, &v) == SEV_OK)
			return;
	}
	cr_assert_fail("no USCC check char for %s", p17);
}

/* A valid ID number: region 110101, birth, sequence (odd = male). */
static void
fx_idcard(const char *birth8, int seq, char *out)
{
	char first[18];

	snprintf(first, sizeof first, "110101%s%03d", birth8, seq % 1000);
	snprintf(out, 19, "%s%c", first, idcard_check_char(first));
}

static uint64_t
fx_org(uint64_t parent, const char *name, const char *category,
    const char *situation, int nunits)
{
	struct org o = { 0 };
	char *cause = NULL;
	struct vreport r;
	int i;

	org_init(&o);
	o.parent = parent;
	snprintf(o.name, sizeof o.name, "%s", name);
	strcpy(o.secretary, "王建国");
	strcpy(o.contact, "李晓梅");
	strcpy(o.phone, "010-12345678");
	snprintf(o.category, sizeof o.category, "%s", category);
	snprintf(o.unit_situation, sizeof o.unit_situation, "%s", situation);
	for (i = 0; i < nunits; i++) {
		char p17[18];

		cr_assert_not_null(org_unit_add(&o));
		snprintf(o.units[i].name, sizeof o.units[i].name,
		    "测试第%d有限公司", i + 1);
		strcpy(o.units[i].category, "乡镇");
		strcpy(o.units[i].party_status, "建立党支部的");
		snprintf(p17, sizeof p17, "9111010%010d", 1234567 + i);
		fx_uscc(p17, o.units[i].code);
	}
	validate_org(&o, FX_TODAY, &r);
	for (size_t k = 0; k < r.n; k++)
		if (r.it[k].sev == SEV_ERROR || (r.it[k].sev == SEV_WARNING && !r.it[k].confirmed))
			cr_log_error("fixture org %s: %s", name, r.it[k].msg);
	cr_assert(vreport_complete(&r), "fixture org %s not complete", name);
	o.meta.state = REC_COMPLETE;
	cr_assert_eq(store_org_save(fx_st, &o, &cause), 0, "%s", cause);
	org_free(&o);
	return o.meta.id;
}

/* Fill a valid complete member of branch. */
static void
fx_member_fill(struct member *m, uint64_t branch, const char *name,
    const char *birth8, int seq)
{
	member_init(m);
	m->branch = branch;
	snprintf(m->name, sizeof m->name, "%s", name);
	fx_idcard(birth8, seq, m->idcard);
	strcpy(m->sex, seq % 2 ? "男" : "女");
	strcpy(m->ethnicity, "汉族");
	snprintf(m->birth, sizeof m->birth, "%.4s-%.2s-%.2s", birth8, birth8 + 4,
	    birth8 + 6);
	strcpy(m->education, "大学");
	strcpy(m->category, "正式党员");
	strcpy(m->join_date, "2010-07-01");
	strcpy(m->full_date, "2011-07-01");
	strcpy(m->job, "公务员");
	strcpy(m->phone, "13800138000");
	strcpy(m->address, "北京市东城区和平里1号");
	strcpy(m->party_status, "正常");
	strcpy(m->lost, "否");
	strcpy(m->floating, "否");
	m->meta.state = REC_COMPLETE;
}

static uint64_t
fx_member_save(struct member *m)
{
	char *cause = NULL;
	struct org b = { 0 };
	struct vreport r;

	cr_assert_eq(store_org_get(fx_st, m->branch, &b, NULL), 0);
	if (m->meta.state == REC_COMPLETE) {
		validate_member(m, &b, FX_TODAY, &r);
		for (size_t k = 0; k < r.n; k++)
			if (r.it[k].sev == SEV_ERROR || (r.it[k].sev == SEV_WARNING && !r.it[k].confirmed))
				cr_log_error("fixture member %s: %s", m->name, r.it[k].msg);
		cr_assert(vreport_complete(&r), "fixture member %s not complete", m->name);
	}
	cr_assert_eq(store_member_save(fx_st, m, &cause), 0, "%s", cause);
	org_free(&b);
	return m->meta.id;
}

static uint64_t
fx_member(uint64_t branch, const char *name, const char *birth8, int seq)
{
	struct member m;

	fx_member_fill(&m, branch, name, birth8, seq);
	return fx_member_save(&m);
}

/* Build the tree described at the top. */
static void
fx_build(void)
{
	char *cause = NULL;
	struct org o = { 0 };
	struct member m;

	fx.c = fx_org(0, FX_P "委员会", "党委", "法人单位", 1);
	fx.ga = fx_org(fx.c, FX_P "机关党总支部", "党总支部", "与上级党组织相同", 0);
	fx.bz = fx_org(fx.c, FX_P "财务部党支部", "党支部", "与上级党组织相同", 0);
	fx.gb = fx_org(fx.c, FX_P "生产党总支部", "党总支部", "与上级党组织相同", 0);
	fx.by = fx_org(fx.c, FX_P "办公室党支部", "党支部", "与上级党组织相同", 0);
	fx.j = fx_org(fx.c, "中共测试园区联合党支部", "联合党支部", "联合党支部", 3);
	fx.r = fx_org(fx.c, FX_P "已撤销党支部", "党支部", "与上级党组织相同", 0);
	fx.ga1 = fx_org(fx.ga, FX_P "机关第一党支部", "党支部", "与上级党组织相同", 0);
	fx.ga2 = fx_org(fx.ga, FX_P "机关第二党支部", "党支部", "与上级党组织相同", 0);
	fx.gb1 = fx_org(fx.gb, FX_P "生产车间党支部", "党支部", "与上级党组织相同", 0);
	/* [G_A, B_Z, G_B, B_Y, J, R] -> [G_A, B_Y, B_Z, G_B, J, R] */
	cr_assert_eq(store_org_shift(fx_st, fx.by, -1, &cause), 0, "%s", cause);
	cr_assert_eq(store_org_shift(fx_st, fx.by, -1, &cause), 0, "%s", cause);
	cr_assert_eq(store_org_shift(fx_st, fx.ga2, -1, &cause), 0, "%s", cause);

	fx.m_by2 = fx_member(fx.by, "赵二", "19800101", 11);
	fx.m_by1 = fx_member(fx.by, "钱一", "19900202", 22);
	cr_assert_eq(store_member_shift(fx_st, fx.m_by1, -1, &cause), 0, "%s", cause);
	/* formula injection in 家庭住址 and 工作岗位-free fields */
	fx_member_fill(&m, fx.bz, "孙三", "19700303", 33);
	strcpy(m.address, "=HYPERLINK(\"http://x\",\"点\")路3号");
	fx.m_bz = fx_member_save(&m);
	fx.m_j = fx_member(fx.j, "李四", "19600404", 44);
	fx.m_ga1 = fx_member(fx.ga1, "周五", "19500505", 55);
	fx.m_ga2 = fx_member(fx.ga2, "吴六", "19850606", 66);
	fx.m_gb1 = fx_member(fx.gb1, "郑七", "19880707", 77);
	fx.m_gb1_removed = fx_member(fx.gb1, "王八", "19750808", 88);
	fx.m_r = fx_member(fx.r, "冯九", "19650909", 99);
	cr_assert_eq(store_member_get(fx_st, fx.m_gb1_removed, &m, NULL), 0);
	cr_assert_eq(store_member_remove(fx_st, fx.m_gb1_removed, m.meta.version,
	    RM_TRANSFER, "转出到外单位", &cause), 0, "%s", cause);
	cr_assert_eq(store_member_get(fx_st, fx.m_r, &m, NULL), 0);
	cr_assert_eq(store_member_remove(fx_st, fx.m_r, m.meta.version,
	    RM_TRANSFER, "转出", &cause), 0, "%s", cause);
	cr_assert_eq(store_org_get(fx_st, fx.r, &o, NULL), 0);
	cr_assert_eq(store_org_remove(fx_st, fx.r, o.meta.version, RM_OTHER,
	    "撤销", &cause), 0, "%s", cause);
	org_free(&o);
}

/* Whole file into a malloc'd NUL-terminated buffer; *len its size. */
static __attribute__((unused)) char *
fx_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	cr_assert_not_null(fp, "cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	cr_assert_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	if (len)
		*len = (size_t)n;
	return buf;
}
