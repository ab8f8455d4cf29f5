/* test_import.c - the import module on buffers and on the fixture report:
 * hierarchy from row order, joint-branch units, encodings, field limits,
 * problems with row and column, rosters in any column order. */
#include <criterion/criterion.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "import.h"
#include "report.h"
#include "schema.h"
#include "store.h"
#include "validate.h"

#define TODAY "2026-11-29"
#define FX "tests/e2e/import-data/"
#define C "中共测试科技有限公司委员会"
#define B1 "中共测试科技有限公司第一党支部"
#define G "中共测试科技有限公司研发部总支部委员会"
#define B2 "中共测试科技有限公司研发部第一党支部"
#define J "中共测试科技园区联合党支部"
#define MEMBERS FX C "党员基本信息汇总表.csv"

static char dir[64];
static struct store *st;

struct probs {
	size_t n;
	struct { size_t row; char col[64]; int sev; char msg[512]; } p[32];
};

static void
grab(const struct import_problem *p, void *ud)
{
	struct probs *ps = ud;

	if (ps->n >= 32)
		return;
	ps->p[ps->n].row = p->row;
	snprintf(ps->p[ps->n].col, sizeof ps->p[ps->n].col, "%s", p->column);
	ps->p[ps->n].sev = p->sev;
	snprintf(ps->p[ps->n].msg, sizeof ps->p[ps->n].msg, "%s", p->msg);
	ps->n++;
}

static void
setup(void)
{
	strcpy(dir, "/tmp/caiji-import-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(store_open(&st, dir, 0, 0, NULL), 0);
}

static void
teardown(void)
{
	char cmd[128];

	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		cr_log_warn("cleanup failed");
}

static void
load_orgs(void)
{
	static char f0[] = FX C "党组织和所在单位信息汇总表(基层党委本级).csv";
	static char f1[] = FX C "党组织和所在单位信息汇总表(党支部).csv";
	char *files[] = { f0, f1 };
	struct import_opts o;
	struct import_stats t;

	memset(&o, 0, sizeof o);
	o.today = TODAY;
	cr_assert_eq(import_files(st, files, 2, &o, &t, NULL, NULL), 0);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *b = malloc(1 << 20);

	cr_assert_not_null(fp);
	*len = fread(b, 1, 1 << 20, fp);
	fclose(fp);
	return b;
}

static uint64_t
org_id(const char *name)
{
	uint64_t id = 0;

	cr_assert_eq(store_org_by_name(st, name, &id), 0, "%s", name);
	return id;
}

static size_t
count_members(const char *branch)
{
	uint64_t *ids = NULL;
	size_t n = 0;

	cr_assert_eq(store_branch_members(st, org_id(branch), &ids, &n), 0);
	free(ids);
	return n;
}

TestSuite(import, .init = setup, .fini = teardown);

Test(import, hierarchy_and_joint_units_from_row_order)
{
	uint64_t *ids = NULL;
	size_t n = 0;
	struct org o = { 0 };

	load_orgs();
	cr_assert_eq(store_org_children(st, org_id(C), &ids, &n), 0);
	cr_assert_eq(n, 3);
	cr_assert_eq(ids[0], org_id(B1));
	cr_assert_eq(ids[1], org_id(J));
	cr_assert_eq(ids[2], org_id(G));
	free(ids);
	cr_assert_eq(store_org_children(st, org_id(G), &ids, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(ids[0], org_id(B2));
	free(ids);
	cr_assert_eq(store_org_get(st, org_id(J), &o, NULL), 0);
	cr_assert_eq(o.n_units, 2);
	cr_assert_str_eq(o.units[0].name, "甲科技有限公司");
	cr_assert_str_eq(o.units[1].name, "乙贸易有限公司");
	cr_assert_str_eq(o.phone, "13600136000");   /* the export's TAB is gone */
	cr_assert_eq(store_org_get(st, org_id(B2), &o, NULL), 0);
	cr_assert_eq(o.meta.state, REC_DRAFT);      /* vacant secretary: a warning */
	org_free(&o);
}

Test(import, gb18030_is_detected_and_read)
{
	struct import_opts o;
	struct import_stats s;
	size_t len, inl, outl;
	char *u = NULL, *gb, *in, *out;
	iconv_t cd;

	load_orgs();
	u = slurp(MEMBERS, &len);
	gb = malloc(len * 2);
	cd = iconv_open("GB18030", "UTF-8");
	in = u + 3;
	inl = len - 3;
	out = gb;
	outl = len * 2;
	cr_assert_neq(iconv(cd, &in, &inl, &out, &outl), (size_t)-1);
	iconv_close(cd);
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", gb, (size_t)(out - gb), &o, &s), 0);
	cr_assert_str_eq(s.encoding, "GB18030");
	cr_assert_eq(s.added, 6);
	cr_assert_eq(count_members(B1), 3);
	free(u);
	free(gb);
}

Test(import, problems_name_row_and_column_and_nothing_is_written)
{
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };
	size_t len;
	char *u, *p;

	load_orgs();
	u = slurp(MEMBERS, &len);
	/* break row 3 (李娜): 民族 */
	p = strstr(u, "李娜");
	cr_assert_not_null(p);
	p = strstr(p, "汉族");
	memcpy(p, "火星", 6);
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.report = grab;
	o.ud = &ps;
	cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len, &o, &s), 1);
	cr_assert_eq(s.errors, 1);
	cr_assert_eq(ps.n, 1);
	cr_assert_eq(ps.p[0].row, 3);
	cr_assert_str_eq(ps.p[0].col, "民族");
	cr_assert_eq(count_members(B1), 0, "a file with an error writes nothing");
	free(u);
}

Test(import, field_over_the_cap_is_refused)
{
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };
	size_t len, i;
	char *u, *b;

	load_orgs();
	u = slurp(MEMBERS, &len);
	b = malloc(len + IMPORT_FIELD_MAX + 64);
	memcpy(b, u, len);
	memcpy(b + len, "\"7\",\"", 5);
	for (i = 0; i < IMPORT_FIELD_MAX + 10; i++)
		b[len + 5 + i] = 'a';
	memcpy(b + len + 5 + i, "\"\r\n", 3);
	memset(&o, 0, sizeof o);
	o.report = grab;
	o.ud = &ps;
	cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", b, len + 8 + i, &o, &s), 1);
	cr_assert_geq(ps.n, 1);
	cr_assert(strstr(ps.p[ps.n - 1].msg, "超过4096字节") != NULL, "%s", ps.p[ps.n - 1].msg);
	cr_assert_eq(ps.p[ps.n - 1].row, 8);
	cr_assert_eq(count_members(B1), 0);
	free(u);
	free(b);
}

Test(import, roster_any_order_lands_in_the_right_fields)
{
	static const char roster[] =
	    "家庭住址,姓名,公民身份证号,民族,学历,人员类别,加入党组织日期,转为正式党员日期,"
	    "工作岗位,联系电话,党籍状态,是否为失联党员,是否为流动党员,所在党支部,外号\r\n"
	    "北京市海淀区中关村大街1号院2号楼301室,孙燕,110108199508080084,汉族,大学,正式党员,"
	    "2019-03-01,2020-03-01,非公有经济控制企业专业技术岗位,13812345678,正常,否,否,"
	    B1 ",燕子\r\n";
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };
	struct member m;
	uint64_t id;

	load_orgs();
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.report = grab;
	o.ud = &ps;
	cr_assert_eq(import_mem(st, "名册.csv", roster, sizeof roster - 1, &o, &s), 0,
	    "%s", ps.n ? ps.p[0].msg : "");
	cr_assert_eq(s.kind, IMPORT_ROSTER);
	cr_assert_eq(s.added, 1);
	cr_assert_eq(ps.n, 1);                  /* the extra column, as a warning */
	cr_assert_eq(ps.p[0].sev, SEV_WARNING);
	cr_assert_eq(store_member_by_idcard(st, "110108199508080084", &id), 0);
	cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
	cr_assert_str_eq(m.name, "孙燕");
	cr_assert_str_eq(m.sex, "女");          /* from the ID number */
	cr_assert_str_eq(m.birth, "1995-08-08");
	cr_assert_str_eq(m.address, "北京市海淀区中关村大街1号院2号楼301室");
	cr_assert_eq(m.branch, org_id(B1));
	/* dry run: the same roster again reports unchanged, writes nothing */
	o.dry_run = 1;
	cr_assert_eq(import_mem(st, "名册.csv", roster, sizeof roster - 1, &o, &s), 0);
	cr_assert_eq(s.unchanged, 1);
}

Test(import, branches_file_without_its_committee_is_refused)
{
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };
	size_t len;
	char *u = slurp(FX C "党组织和所在单位信息汇总表(党支部).csv", &len);

	memset(&o, 0, sizeof o);
	o.report = grab;
	o.ud = &ps;
	cr_assert_eq(import_mem(st, C "党组织和所在单位信息汇总表(党支部).csv", u, len, &o, &s), 1);
	cr_assert(strstr(ps.p[0].msg, "找不到本表所属的基层党委「" C "」") != NULL, "%s", ps.p[0].msg);
	free(u);
}

/* A file bigger than the map: the store grows the map and runs the import
 * again from the start; every problem is still reported exactly once and
 * the counts are those of one pass. */
Test(import, map_growth_retry_reports_once)
{
	static const char head[] =
	    "姓名,公民身份证号,民族,学历,人员类别,加入党组织日期,转为正式党员日期,工作岗位,"
	    "联系电话,家庭住址,党籍状态,是否为失联党员,是否为流动党员\r\n";
	static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "丽",
	    "强", "磊", "军", "洋" };
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };
	char *buf, first17[18], path[96];
	size_t len = 0, cap = 4 << 20, i, rows = 4000;
	int k;

	store_close(st);
	snprintf(path, sizeof path, "%s/small", dir);
	cr_assert_eq(store_open(&st, path, 0, 1 << 20, NULL), 0);
	load_orgs();
	buf = malloc(cap);
	len = (size_t)snprintf(buf, cap, "%s", head);
	for (i = 0; i < rows; i++) {
		snprintf(first17, sizeof first17, "1101081980%02zu%02zu%03zu",
		    1 + (i / 1000) % 12, 1 + (i / 12000) % 28, i % 1000);
		k = snprintf(buf + len, cap - len,
		    "张%s%s,%s%c,%s,大学,正式党员,2005-07-01,2006-07-01,"
		    "非公有经济控制企业专业技术岗位,13812345678,"
		    "北京市海淀区中关村大街1号院2号楼301室,正常,否,否\r\n",
		    given[i % 10], given[(i / 10) % 10], first17, idcard_check_char(first17),
		    i == rows - 2 ? "火星族" : "汉族");
		len += (size_t)k;
	}
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.branch = B1;
	o.report = grab;
	o.ud = &ps;
	cr_assert_eq(import_mem(st, "名册.csv", buf, len, &o, &s), 1);
	cr_assert_eq(ps.n, 1, "reported %zu times: %s", ps.n, ps.p[0].msg);
	cr_assert_eq(ps.p[0].row, rows);
	cr_assert_eq(s.rows, rows);
	cr_assert_eq(s.errors, 1);
	cr_assert_eq(count_members(B1), 0);
	cr_assert_gt(store_map_size(st), (size_t)1 << 20, "the aborted pass grew the map (retried)");
	/* without the error: all rows in, once */
	{
		char *p = strstr(buf, "火星族");
		memmove(p + 6, p + 9, len - (size_t)(p + 9 - buf));
		memcpy(p, "汉族", 6);
		len -= 3;
	}
	ps.n = 0;
	cr_assert_eq(import_mem(st, "名册.csv", buf, len, &o, &s), 0,
	    "%s", ps.n ? ps.p[0].msg : "");
	cr_assert_eq(s.added, rows);
	cr_assert_eq(count_members(B1), rows);
	cr_assert_gt(store_map_size(st), (size_t)1 << 20, "the map grew");
	free(buf);
}

/* The fixture 附件4 in GB18030 (no BOM); *len gets its length. */
static char *
members_gb(size_t *len)
{
	size_t ulen, inl, outl;
	char *u = slurp(MEMBERS, &ulen), *gb = malloc(ulen * 2), *in = u + 3, *out = gb;
	iconv_t cd = iconv_open("GB18030", "UTF-8");

	inl = ulen - 3;
	outl = ulen * 2;
	cr_assert_neq(iconv(cd, &in, &inl, &out, &outl), (size_t)-1);
	iconv_close(cd);
	free(u);
	*len = (size_t)(out - gb);
	return gb;
}

Test(import, mixed_encodings_refused_naming_the_rows)
{
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };
	size_t len, i;
	char *gb, *u, *p;
	/* 张伟 (4 bytes in GB18030) becomes 王芳 in UTF-8 (6 bytes) */
	const char *gbname = "\xd5\xc5\xce\xb0", *u8name = "\xe7\x8e\x8b\xe8\x8a\xb3";

	load_orgs();
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.report = grab;
	o.ud = &ps;
	/* a GBK file with one name typed in UTF-8 (row 2) */
	gb = members_gb(&len);
	u = malloc(len + 16);
	p = memmem(gb, len, gbname, 4);
	cr_assert_not_null(p);
	i = (size_t)(p - gb);
	memcpy(u, gb, i);
	memcpy(u + i, u8name, 6);
	memcpy(u + i + 6, gb + i + 4, len - i - 4);
	cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len + 2, &o, &s), 1);
	cr_assert_eq(ps.n, 1);
	cr_assert(strstr(ps.p[0].msg, "混用了两种编码") != NULL, "%s", ps.p[0].msg);
	cr_assert(strstr(ps.p[0].msg, "第2行有UTF-8") != NULL, "%s", ps.p[0].msg);
	cr_assert(strstr(ps.p[0].msg, "第1行有GB18030") != NULL, "%s", ps.p[0].msg);
	cr_assert_eq(count_members(B1), 0, "nothing stored, no 鐜嬭姵");
	free(u);
	/* a UTF-8 file with one row saved as GBK (row 3) */
	ps.n = 0;
	u = slurp(MEMBERS, &len);
	p = strstr(u, "李娜");
	cr_assert_not_null(p);
	memcpy(p, "\xc0\xee\xc4\xc8  ", 6);       /* 李娜 in GBK, padded */
	cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len, &o, &s), 1);
	cr_assert_eq(ps.n, 1);
	cr_assert(strstr(ps.p[0].msg, "混用了两种编码") != NULL, "%s", ps.p[0].msg);
	cr_assert_eq(ps.p[0].row, 3);
	cr_assert_eq(count_members(B1), 0);
	free(u);
	free(gb);
}

Test(import, invalid_in_both_encodings_names_the_row)
{
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };
	size_t len;
	char *u, *p;

	load_orgs();
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.report = grab;
	o.ud = &ps;
	u = slurp(MEMBERS, &len);
	p = strstr(u, "李娜");
	cr_assert_not_null(p);
	p[0] = '\xff';
	cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len, &o, &s), 1);
	cr_assert_eq(ps.n, 1);
	cr_assert_eq(ps.p[0].row, 3, "row %zu: %s", ps.p[0].row, ps.p[0].msg);
	cr_assert(strstr(ps.p[0].msg, "既不是有效的UTF-8") != NULL, "%s", ps.p[0].msg);
	free(u);
}

Test(import, control_characters_and_nul_refused_with_row_and_column)
{
	/* each three bytes: they replace 京 */
	static const char *const bad[] = { "\x01" "ab", "a\x1b" "b", "\x7f  ", "\xc2\x85" "a", "a\nb" };
	struct import_opts o;
	struct import_stats s;
	struct probs ps;
	size_t len, i;
	char *u, *p;

	load_orgs();
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.report = grab;
	o.ud = &ps;
	/* a NUL in the middle of 李娜's address (row 3) */
	u = slurp(MEMBERS, &len);
	p = strstr(strstr(u, "李娜"), "北京市");
	cr_assert_not_null(p);
	memcpy(p + 3, "\0" "ab", 3);     /* 北京市 -> 北\0ab市 */
	memset(&ps, 0, sizeof ps);
	cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len, &o, &s), 1);
	cr_assert_geq(ps.n, 1);
	cr_assert_eq(ps.p[0].row, 3);
	cr_assert_str_eq(ps.p[0].col, "家庭住址", "%s", ps.p[0].msg);
	cr_assert(strstr(ps.p[0].msg, "NUL") != NULL, "%s", ps.p[0].msg);
	cr_assert_eq(count_members(B1), 0);
	free(u);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		u = slurp(MEMBERS, &len);
		p = strstr(strstr(u, "李娜"), "北京市");
		memcpy(p + 3, bad[i], 3);
		memset(&ps, 0, sizeof ps);
		cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len, &o, &s), 1, "%zu", i);
		cr_assert_eq(ps.p[0].row, 3, "%zu: row %zu %s", i, ps.p[0].row, ps.p[0].msg);
		cr_assert_str_eq(ps.p[0].col, "家庭住址", "%zu: %s", i, ps.p[0].msg);
		free(u);
	}
	cr_assert_eq(count_members(B1), 0);
}

/* The fixture's 附件4 with 李娜's 家庭住址 (row 3) replaced by v; *len
 * set.  The caller frees it. */
static char *
with_address(const char *v, size_t *len)
{
	const char *addr = "\"北京市海淀区中关村大街1号院2号楼301室\"";
	size_t n, a = strlen(addr), b = strlen(v);
	char *u = slurp(MEMBERS, &n), *p = strstr(strstr(u, "李娜"), addr);

	cr_assert_not_null(p);
	cr_assert_lt(n + b + 2, (size_t)1 << 20);
	memmove(p + b + 2, p + a, n - (size_t)(p - u) - a);
	p[0] = '"';
	memcpy(p + 1, v, b);
	p[b + 1] = '"';
	*len = n - a + b + 2;
	return u;
}

/* A control character, a C1 control or a BOM is found wherever it
 * sit in a cell (the reader reads cells eight bytes at a time: every place
 * in a word, in a short cell, in the last, overlapping word, after the
 * export's TAB), each with its own message, row and column. */
Test(import, cell_checks_at_every_place_of_a_word)
{
	static const struct { const char *bytes, *col, *says; } bad[] = {
		{ "\x01", "家庭住址", "控制字符(U+0001)" },
		{ "\x7f", "家庭住址", "控制字符(U+007F)" },
		{ "\xc2\x9f", "家庭住址", "控制字符(U+009F)" },
		{ "\r", "家庭住址", "换行" },
		/* the read chunk's own check comes first (the cell's, for a BOM
		 * cut by the chunk's end: e2e import_worker) */
		{ "\xef\xbb\xbf", "", "文件中间有BOM" },
	};
	struct import_opts o;
	struct import_stats s;
	struct probs ps;
	char v[64];
	size_t len, b, k, tab;
	char *u;

	load_orgs();
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.report = grab;
	o.ud = &ps;
	for (b = 0; b < sizeof bad / sizeof bad[0]; b++)
		for (tab = 0; tab < 2; tab++)
			for (k = 0; k <= 17; k++) {
				snprintf(v, sizeof v, "%s%.*s%s号", tab ? "\t" : "", (int)k,
				    "Building 7, Room 12", bad[b].bytes);
				u = with_address(v, &len);
				memset(&ps, 0, sizeof ps);
				cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len,
				    &o, &s), 1, "%zu %zu %zu", b, tab, k);
				cr_assert_eq(ps.p[0].row, 3, "%zu %zu %zu: %s", b, tab, k, ps.p[0].msg);
				cr_assert_str_eq(ps.p[0].col, bad[b].col, "%zu %zu %zu", b, tab, k);
				cr_assert(strstr(ps.p[0].msg, bad[b].says) != NULL,
				    "%zu %zu %zu: %s", b, tab, k, ps.p[0].msg);
				free(u);
			}
	cr_assert_eq(count_members(B1), 0);
}

/* Bytes that only look like those (the middle dot C2 B7, full-width
 * brackets EF BC 88/89) pass, and the export's marks are undone: a TAB,
 * a TAB and an apostrophe, an apostrophe before a formula sign. */
Test(import, cells_with_look_alikes_and_marks_are_read_exactly)
{
	static const struct { const char *cell, *stored; } ok[] = {
		{ "阿卜杜·热合曼路1号", "阿卜杜·热合曼路1号" },
		{ "（东区）1号", "（东区）1号" },
		{ "\t北京市1号", "北京市1号" },
		{ "\t'=1号", "=1号" },
		{ "'-2号", "-2号" },
		{ "''x1号", "'x1号" },
		{ "'x1号", "'x1号" },
	};
	struct import_opts o;
	struct import_stats s;
	struct probs ps;
	struct member m;
	size_t len, i;
	uint64_t id;
	char *u;

	load_orgs();
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.report = grab;
	o.ud = &ps;
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		u = with_address(ok[i].cell, &len);
		memset(&ps, 0, sizeof ps);
		cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len, &o, &s), 0,
		    "%zu: %s", i, ps.n ? ps.p[0].msg : "");
		cr_assert_eq(store_member_by_idcard(st, "110108198502020027", &id), 0);
		cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
		cr_assert_str_eq(m.address, ok[i].stored, "%zu", i);
		free(u);
	}
}

Test(import, only_regular_files_are_read)
{
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };

	memset(&o, 0, sizeof o);
	o.report = grab;
	o.ud = &ps;
	cr_assert_eq(import_file(st, "/dev/zero", NULL, &o, &s), 1);
	cr_assert(strstr(ps.p[0].msg, "设备") != NULL, "%s", ps.p[0].msg);
	cr_assert_eq(import_file(st, "/tmp", NULL, &o, &s), 1);
	cr_assert(strstr(ps.p[1].msg, "目录") != NULL, "%s", ps.p[1].msg);
}

/* Every 附件4 column of the schema is mapped: a roster carrying them all,
 * in reverse order and under an alias where the schema declares one, lands
 * every value in its field. */
Test(import, roster_maps_every_schema_column)
{
	struct member want, m;
	const char *cells[REPORT_MEMBER_NCOLS];
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };
	char buf[8192];
	size_t len = 0, i;
	int c;
	uint64_t id;

	load_orgs();
	member_init(&want);
	strcpy(want.name, "孙燕");
	strcpy(want.sex, "女");
	strcpy(want.ethnicity, "汉族");
	strcpy(want.idcard, "110108199508080084");
	strcpy(want.birth, "1995-08-08");
	strcpy(want.education, "大学");
	strcpy(want.category, "正式党员");
	strcpy(want.join_date, "2019-03-01");
	strcpy(want.full_date, "2020-03-01");
	strcpy(want.job, "非公有经济控制企业专业技术岗位");
	strcpy(want.phone, "13812345678");
	strcpy(want.address, "北京市海淀区中关村大街1号院2号楼301室");
	strcpy(want.party_status, "正常");
	strcpy(want.lost, "否");
	strcpy(want.floating, "否");
	report_member_cells(&want, B1, "1", cells);
	for (c = REPORT_MEMBER_NCOLS - 1; c >= 1; c--) {
		const struct sch_field *f = sch_member_column(c);
		const char *h = f->label;
		char alias[64];

		cr_assert_not_null(f, "column %d has no schema field", c);
		cr_assert_str_eq(report_member_headers[c], f->label);
		if (f->aliases != NULL && c % 2 == 0) {
			snprintf(alias, sizeof alias, "%s", f->aliases);
			alias[strcspn(alias, "|")] = '\0';
			h = alias;
		}
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", h, c > 1 ? "," : "\r\n");
	}
	for (c = REPORT_MEMBER_NCOLS - 1; c >= 1; c--)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", cells[c],
		    c > 1 ? "," : "\r\n");
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.report = grab;
	o.ud = &ps;
	cr_assert_eq(import_mem(st, "名册.csv", buf, len, &o, &s), 0,
	    "%s", ps.n ? ps.p[0].msg : "");
	cr_assert_eq(s.kind, IMPORT_ROSTER);
	cr_assert_eq(ps.n, 0, "%s", ps.n ? ps.p[0].msg : "");
	cr_assert_eq(store_member_by_idcard(st, want.idcard, &id), 0);
	cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
	for (i = 0; i < SCH_MEMBER_N; i++) {
		const struct sch_field *f = &sch_member[i];

		if (f->col == 0)
			continue;
		if (f->kind == SK_REF)
			cr_assert_eq(m.branch, org_id(B1));
		else
			cr_assert_str_eq((char *)&m + f->off, (char *)&want + f->off,
			    "column %s", f->label);
	}
}

/* buf (len bytes, with room) with the first `from` replaced by `to`. */
static size_t
replace1(char *buf, size_t len, size_t cap, const char *from, const char *to)
{
	char *p = memmem(buf, len, from, strlen(from));
	size_t a = strlen(from), b = strlen(to);

	cr_assert_not_null(p, "no %s", from);
	cr_assert_lt(len - a + b, cap);
	memmove(p + b, p + a, len - (size_t)(p - buf) - a);
	memcpy(p, to, b);
	return len - a + b;
}

/* An official 附件4 is normalised exactly like a roster: written as WPS or
 * Excel users leave it, it updates the one member instead of adding a
 * second, and the table gets the official forms. */
Test(import, official_members_file_normalised_like_a_roster)
{
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };
	struct member m;
	size_t len;
	char *u;
	uint64_t id;

	load_orgs();
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.report = grab;
	o.ud = &ps;
	u = slurp(MEMBERS, &len);
	cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len, &o, &s), 0);
	cr_assert_eq(count_members(B1), 3);
	/* 张伟's row as a spreadsheet user leaves it */
	len = replace1(u, len, 1 << 20, "\"\t110108198001010015\"", "\"110108 19800101 0015\"");
	len = replace1(u, len, 1 << 20, "\"男\",\"汉族\"", "\"1\",\"01\"");
	len = replace1(u, len, 1 << 20, "\"\t1980-01-01\"", "\"1980.01.01\"");
	len = replace1(u, len, 1 << 20, "\"\t2005-07-01\"", "\"2005.7.1\"");
	len = replace1(u, len, 1 << 20, "\"\t13812345678\"", "\"138 1234 5678\"");
	len = replace1(u, len, 1 << 20, "\"中共测试科技有限公司第一党支部\"",
	    "\"中共测试科技有限公司第一党支部 \"");
	cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len, &o, &s), 0,
	    "%s", ps.n ? ps.p[0].msg : "");
	cr_assert_eq(s.added, 0, "a second 张伟 was added");
	cr_assert_eq(s.updated, 0, "the normalised row equals the stored one");
	cr_assert_eq(count_members(B1), 3);
	cr_assert_eq(store_member_by_idcard(st, "110108198001010015", &id), 0);
	cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
	cr_assert_str_eq(m.sex, "男");
	cr_assert_str_eq(m.ethnicity, "汉族");
	cr_assert_str_eq(m.join_date, "2005-07-01");
	cr_assert_str_eq(m.phone, "13812345678");
	free(u);
}

/* The same for 附件3: a 党组织名称 with a trailing space or full-width
 * letters names the organisation that exists, not a second one. */
Test(import, official_org_file_matches_the_normalised_name)
{
	static char f0[] = FX C "党组织和所在单位信息汇总表(基层党委本级).csv";
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };
	uint64_t *ids = NULL;
	size_t len, n = 0;
	char *u;

	load_orgs();
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.report = grab;
	o.ud = &ps;
	o.committee = C;
	u = slurp(FX C "党组织和所在单位信息汇总表(党支部).csv", &len);
	len = replace1(u, len, 1 << 20, "\"中共测试科技有限公司第一党支部\"",
	    "\"中共测试科技有限公司第一党支部　\"");
	cr_assert_eq(import_mem(st, C "党组织和所在单位信息汇总表（党支部）.csv", u, len, &o, &s), 0,
	    "%s", ps.n ? ps.p[0].msg : "");
	cr_assert_eq(s.added, 0, "a second, near-identical branch");
	cr_assert_eq(store_org_children(st, org_id(C), &ids, &n), 0);
	cr_assert_eq(n, 3);
	free(ids);
	free(u);
	(void)f0;
}

/* Issue 10 A.1: a date written out longer than the stored form (2005年7月1日
 * is 16 bytes, full-width digits more) is normalised before the length
 * check, as the validator's normaliser reads it; a long cell that is no
 * date is still refused, naming the forms that are. */
Test(import, long_written_dates_are_normalised_first)
{
	struct import_opts o;
	struct import_stats s;
	struct probs ps = { 0 };
	struct member m;
	size_t len;
	char *u;
	uint64_t id;

	load_orgs();
	memset(&o, 0, sizeof o);
	o.today = TODAY;
	o.report = grab;
	o.ud = &ps;
	u = slurp(MEMBERS, &len);
	len = replace1(u, len, 1 << 20, "\"\t2005-07-01\"", "\"2005年7月1日\"");
	len = replace1(u, len, 1 << 20, "\"\t2006-07-01\"", "\"２００６年０７月０１日\"");
	len = replace1(u, len, 1 << 20, "\"\t1980-01-01\"", "\"1980 / 01 / 01\"");
	cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len, &o, &s), 0,
	    "%s", ps.n ? ps.p[0].msg : "");
	cr_assert_eq(store_member_by_idcard(st, "110108198001010015", &id), 0);
	cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
	cr_assert_str_eq(m.join_date, "2005-07-01");
	cr_assert_str_eq(m.full_date, "2006-07-01");
	cr_assert_str_eq(m.birth, "1980-01-01");
	free(u);

	/* not a date: refused with the row and the column */
	teardown();
	setup();
	load_orgs();
	memset(&ps, 0, sizeof ps);
	u = slurp(MEMBERS, &len);
	len = replace1(u, len, 1 << 20, "\"\t2005-07-01\"", "\"2005年7月1日前后\"");
	cr_assert_eq(import_mem(st, "x党员基本信息汇总表.csv", u, len, &o, &s), 1);
	cr_assert_geq(ps.n, 1);
	cr_assert_eq(ps.p[0].row, 2, "row %zu", ps.p[0].row);     /* after the header */
	cr_assert_str_eq(ps.p[0].col, "加入党组织日期");
	cr_assert_not_null(strstr(ps.p[0].msg, "2005年7月1日"), "%s", ps.p[0].msg);
	free(u);
}

/* ---- the reader thread (CAIJI_IMPORT_WORKER) ---- */

/* A 附件4 of n members of B1 (ID numbers made valid), row `bad` (CSV
 * record number, 0 = none) with an unknown 民族 and row `dup` repeating
 * row 3's ID number. */
static char *
many_rows(size_t n, size_t bad, size_t dup, size_t *len)
{
	size_t cap = 512 + n * 512, at, i;
	char *b = malloc(cap), id[64], first[64] = "";

	cr_assert_not_null(b);
	at = (size_t)snprintf(b, cap, "\xEF\xBB\xBF");
	for (i = 0; i < REPORT_MEMBER_NCOLS; i++)
		at += (size_t)snprintf(b + at, cap - at, "%s\"%s\"", i ? "," : "",
		    report_member_headers[i]);
	at += (size_t)snprintf(b + at, cap - at, "\r\n");
	for (i = 0; i < n; i++) {
		int month = 1 + (int)(i / 28) % 12, day = 1 + (int)(i % 28);
		size_t row = i + 2;

		snprintf(id, sizeof id, "1101081980%02d%02d%03zu", month, day, (i / 336) * 2 + 1);
		id[17] = idcard_check_char(id);
		id[18] = '\0';
		if (row == 3)
			memcpy(first, id, sizeof id);
		at += (size_t)snprintf(b + at, cap - at,
		    "\"%zu\",\"张伟\",\"男\",\"%s\",\"\t%s\",\"\t1980-%02d-%02d\",\"大学\",\"正式党员\","
		    "\"" B1 "\",\"\t2005-07-01\",\"\t2006-07-01\",\"非公有经济控制企业专业技术岗位\","
		    "\"\t13812345678\",\"北京市海淀区中关村大街1号院2号楼301室\",\"正常\",\"否\",\"\",\"否\",\"\"\r\n",
		    i + 1, row == bad ? "火星族" : "汉族", row == dup ? first : id, month, day);
		cr_assert_lt(at, cap);
	}
	*len = at;
	return b;
}

/* Import buf (dry run or not) with the reader thread on or off. */
static int
import_way(const char *buf, size_t len, int worker, int dry, struct probs *ps,
    struct import_stats *s)
{
	struct import_opts o;

	memset(&o, 0, sizeof o);
	memset(ps, 0, sizeof *ps);
	o.today = TODAY;
	o.dry_run = dry;
	o.report = grab;
	o.ud = ps;
	cr_assert_eq(setenv("CAIJI_IMPORT_WORKER", worker ? "1" : "0", 1), 0);
	return import_mem(st, B1 "党员名册.csv", buf, len, &o, s);
}

Test(import, reader_thread_gives_the_same_problems_and_counts)
{
	static const size_t cases[][2] = {
		{ 0, 0 }, { 5001, 0 }, { 0, 4999 }, { 2, 0 }, { 700, 2500 },
	};
	size_t i, k, len;

	load_orgs();
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *b = many_rows(5000, cases[i][0], cases[i][1], &len);
		struct probs p0, p1;
		struct import_stats s0, s1;
		int rc0 = import_way(b, len, 0, 1, &p0, &s0);
		int rc1 = import_way(b, len, 1, 1, &p1, &s1);

		cr_assert_eq(rc0, rc1, "case %zu", i);
		cr_assert_eq(rc0, cases[i][0] || cases[i][1] ? 1 : 0, "case %zu", i);
		cr_assert_eq(s0.rows, 5000);
		cr_assert_eq(s1.rows, s0.rows);
		cr_assert_eq(s1.added, s0.added);
		cr_assert_eq(s1.errors, s0.errors);
		cr_assert_eq(s1.warnings, s0.warnings);
		cr_assert_eq(p1.n, p0.n, "case %zu: %zu problems against %zu", i, p1.n, p0.n);
		for (k = 0; k < p0.n; k++) {
			cr_assert_eq(p1.p[k].row, p0.p[k].row, "case %zu", i);
			cr_assert_eq(p1.p[k].sev, p0.p[k].sev);
			cr_assert_str_eq(p1.p[k].col, p0.p[k].col);
			cr_assert_str_eq(p1.p[k].msg, p0.p[k].msg);
		}
		if (cases[i][0])
			cr_assert_eq(p1.p[0].row, cases[i][0], "case %zu", i);
		for (k = 0; cases[i][1] && k < p1.n && p1.p[k].row != cases[i][1]; k++)
			;
		cr_assert(!cases[i][1] || (k < p1.n &&
		    strstr(p1.p[k].msg, "重复") != NULL), "case %zu: the repeat", i);
		free(b);
	}
	unsetenv("CAIJI_IMPORT_WORKER");
}

Test(import, a_bad_row_after_thousands_queued_writes_nothing)
{
	struct probs p;
	struct import_stats s;
	size_t before, len;
	char *b;

	load_orgs();
	before = count_members(B1);
	b = many_rows(5000, 5001, 0, &len);
	cr_assert_eq(import_way(b, len, 1, 0, &p, &s), 1);
	cr_assert_eq(s.written, 0);
	cr_assert_eq(count_members(B1), before);
	free(b);
	/* the same rows without the bad one land whole, the same both ways */
	b = many_rows(5000, 0, 0, &len);
	cr_assert_eq(import_way(b, len, 1, 0, &p, &s), 0);
	cr_assert_eq(s.added, 5000);
	cr_assert_eq(count_members(B1), before + 5000);
	cr_assert_eq(import_way(b, len, 0, 0, &p, &s), 0);
	cr_assert_eq(s.unchanged, 5000);
	free(b);
	unsetenv("CAIJI_IMPORT_WORKER");
}
