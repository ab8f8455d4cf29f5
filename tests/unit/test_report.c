/* test_report.c - report columns, cell text rules, names and the mandated tree walk. */
#include "export_fixture.h"
#include "report.h"

TestSuite(report, .init = fx_setup, .fini = fx_teardown);

Test(report, headers_verbatim_in_order)
{
	static const char *const h3[] = { "序号", "党组织名称", "党组织书记",
		"党组织联系人", "联系电话", "组织类别", "党组织所在单位情况", "单位名称",
		"单位类别", "单位建立党组织情况", "党组织所在单位代码" };
	static const char *const h4[] = { "序号", "姓名", "性别", "民族",
		"公民身份证号", "出生日期", "学历", "人员类别", "所在党支部",
		"加入党组织日期", "转为正式党员日期", "工作岗位", "联系电话", "家庭住址",
		"党籍状态", "是否为失联党员", "失去联系日期", "是否为流动党员", "外出流向" };
	size_t i;

	cr_assert_eq(sizeof h3 / sizeof h3[0], REPORT_ORG_NCOLS);
	cr_assert_eq(sizeof h4 / sizeof h4[0], REPORT_MEMBER_NCOLS);
	for (i = 0; i < REPORT_ORG_NCOLS; i++) {
		cr_assert_str_eq(report_org_headers[i], h3[i]);
		cr_assert_str_eq(report_org_cols[i].header, h3[i]);
	}
	for (i = 0; i < REPORT_MEMBER_NCOLS; i++) {
		cr_assert_str_eq(report_member_headers[i], h4[i]);
		cr_assert_str_eq(report_member_cols[i].header, h4[i]);
	}
	/* text columns: ID number, phones, unit code, dates */
	cr_assert(report_member_cols[4].text && report_member_cols[12].text);
	cr_assert(report_org_cols[4].text && report_org_cols[10].text);
	cr_assert(!report_member_cols[1].text && !report_member_cols[13].text);
}

Test(report, names_byte_exact)
{
	char out[1024], seq[16];

	/* 序号 exactly as given: 3 stays 3 (it used to become 03) */
	cr_assert_eq(report_seq_format("1", seq, sizeof seq), 0);
	cr_assert_str_eq(seq, "1");
	cr_assert_eq(report_seq_format("3", seq, sizeof seq), 0);
	cr_assert_str_eq(seq, "3");
	cr_assert_eq(report_seq_format("03", seq, sizeof seq), 0);
	cr_assert_str_eq(seq, "03");
	cr_assert_eq(report_seq_format("12", seq, sizeof seq), 0);
	cr_assert_str_eq(seq, "12");
	cr_assert_eq(report_seq_format("001", seq, sizeof seq), 0);
	cr_assert_str_eq(seq, "001");
	cr_assert_eq(report_seq_format("1a", seq, sizeof seq), -1);
	cr_assert_eq(report_seq_format("", seq, sizeof seq), -1);

	cr_assert_eq(report_folder_name("01", "中共某某公司委员会", "张三", 0,
	    out, sizeof out), 0);
	cr_assert_str_eq(out, "01中共某某公司委员会张三");
	cr_assert_eq(memcmp(out, "\x30\x31\xe4\xb8\xad\xe5\x85\xb1", 8), 0);
	cr_assert_eq(report_folder_name("01", "中共某某公司委员会", "张三", 1,
	    out, sizeof out), 0);
	cr_assert_str_eq(out, "草稿-01中共某某公司委员会张三");

	cr_assert_eq(report_file_name(REPORT_FILE_SELF, "中共某某公司委员会", "csv",
	    0, out, sizeof out), 0);
	cr_assert_str_eq(out, "中共某某公司委员会党组织和所在单位信息汇总表（基层党委本级）.csv");
	cr_assert_eq(report_file_name(REPORT_FILE_BRANCHES, "中共某某公司委员会",
	    "xlsx", 0, out, sizeof out), 0);
	cr_assert_str_eq(out, "中共某某公司委员会党组织和所在单位信息汇总表（党支部）.xlsx");
	/* the full-width parentheses of Chinese text (GB/T 15834): U+FF08, U+FF09 */
	cr_assert_not_null(strstr(out, "\xef\xbc\x88党支部\xef\xbc\x89"));
	cr_assert_null(strstr(out, "("));
	cr_assert_eq(report_file_name(REPORT_FILE_MEMBERS, "中共某某公司委员会", "csv",
	    1, out, sizeof out), 0);
	cr_assert_str_eq(out, "草稿-中共某某公司委员会党员基本信息汇总表.csv");

	/* never a path */
	cr_assert_eq(report_folder_name("01", "中共a/b委员会", "张三", 0, out,
	    sizeof out), -1);
	cr_assert_eq(report_file_name(REPORT_FILE_MEMBERS, "..", "csv", 0, out,
	    sizeof out), 0);  /* "..党员..." is a plain name */
	{
		char longname[300];
		memset(longname, 'a', 250);
		longname[250] = '\0';
		cr_assert_eq(report_file_name(REPORT_FILE_MEMBERS, longname, "csv", 0,
		    out, sizeof out), -1);
	}
}

Test(report, cell_rules_reversible)
{
	static const char *const vals[] = { "=1+1", "+86", "-3", "@SUM(A1)",
		"'=x", "'", "''", "\tx", "\rx", "plain", "", "110101199003070012",
		"中文=在中间", "'abc", NULL };
	char cell[REPORT_CELL_MAX], back[REPORT_CELL_MAX];
	size_t i;
	int text;

	cr_assert_str_eq(report_cell("=1+1", 0, cell, sizeof cell), "'=1+1");
	cr_assert_str_eq(report_cell("-3", 0, cell, sizeof cell), "'-3");
	cr_assert_str_eq(report_cell("@a", 0, cell, sizeof cell), "'@a");
	cr_assert_str_eq(report_cell("+1", 0, cell, sizeof cell), "'+1");
	cr_assert_str_eq(report_cell("'x", 0, cell, sizeof cell), "''x");
	cr_assert_str_eq(report_cell("110101199003070012", 1, cell, sizeof cell),
	    "\t110101199003070012");
	cr_assert_str_eq(report_cell("", 1, cell, sizeof cell), "");
	cr_assert_str_eq(report_cell("-1", 1, cell, sizeof cell), "\t'-1");
	cr_assert_str_eq(report_cell("张三", 1, cell, sizeof cell), "\t张三");
	for (text = 0; text < 2; text++)
		for (i = 0; vals[i]; i++) {
			report_cell(vals[i], text, cell, sizeof cell);
			{
				char pre[2], joined[REPORT_CELL_MAX];
				size_t np = report_cell_prefix(vals[i], text, pre);
				memcpy(joined, pre, np);
				strcpy(joined + np, vals[i]);
				cr_assert_str_eq(joined, cell, "prefix of value %zu", i);
			}
			strcpy(back, cell);
			report_cell_unprotect(back);
			cr_assert_str_eq(back, vals[i], "value %zu text %d", i, text);
			/* a protected cell never starts with a risky byte but TAB/' */
			if (cell[0] != '\0' && cell[0] != '\t')
				cr_assert(strchr("=+-@\r", cell[0]) == NULL);
		}
}

struct seen {
	uint64_t id[32];
	int kind[32];
	size_t n;
};

static int
record_visit(const struct org *o, int kind, const struct org *parent, void *ud)
{
	struct seen *s = ud;

	(void)parent;
	cr_assert_lt(s->n, 32u);
	s->id[s->n] = o->meta.id;
	s->kind[s->n] = kind;
	s->n++;
	return 0;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static const char *sort_names[32];
static int
cmp_name(const void *a, const void *b)
{
	return strcmp(sort_names[*(const size_t *)a], sort_names[*(const size_t *)b]);
}

Test(report, walk_mandated_order_differs_from_any_sort)
{
	struct seen s = { .n = 0 };
	uint64_t want[9];
	int wantk[] = { REPORT_SELF, REPORT_BRANCH, REPORT_BRANCH, REPORT_BRANCH,
		REPORT_GENERAL, REPORT_BRANCH, REPORT_BRANCH, REPORT_GENERAL,
		REPORT_BRANCH };
	size_t i, n = sizeof want / sizeof want[0], idx[32];
	uint64_t byid[32];
	struct org o[32] = { { .n_units = 0 } };
	int same;

	fx_build();
	{
		uint64_t w[] = { fx.c, fx.by, fx.bz, fx.j, fx.ga, fx.ga2, fx.ga1,
			fx.gb, fx.gb1 };
		memcpy(want, w, sizeof want);
	}
	cr_assert_eq(report_walk(fx_st, fx.c, record_visit, &s), 0);
	cr_assert_eq(s.n, n);
	for (i = 0; i < n; i++) {
		cr_assert_eq(s.id[i], want[i], "position %zu: %llu want %llu", i, (unsigned long long)s.id[i], (unsigned long long)want[i]);
		cr_assert_eq(s.kind[i], wantk[i], "kind at %zu", i);
	}
	/* the premise: sorting by id (= creation order) or by name differs */
	memcpy(byid, want + 1, (n - 1) * sizeof *byid);
	qsort(byid, n - 1, sizeof *byid, cmp_u64);
	cr_assert_neq(memcmp(byid, want + 1, (n - 1) * sizeof *byid), 0);
	for (i = 1; i < n; i++) {
		cr_assert_eq(store_org_get(fx_st, want[i], &o[i], NULL), 0);
		sort_names[i - 1] = o[i].name;
		idx[i - 1] = i - 1;
	}
	qsort(idx, n - 1, sizeof *idx, cmp_name);
	same = 1;
	for (i = 0; i < n - 1; i++)
		if (idx[i] != i)
			same = 0;
	cr_assert(!same, "name order happens to equal the mandated order");
	/* creation times: ids are allocated in creation order, checked above;
	 * also check the stored timestamps are not in mandated order */
	{
		int sorted_by_time = 1;
		for (i = 2; i < n; i++)
			if (o[i].meta.created_at < o[i - 1].meta.created_at ||
			    (o[i].meta.created_at == o[i - 1].meta.created_at &&
			    o[i].meta.id < o[i - 1].meta.id))
				sorted_by_time = 0;
		cr_assert(!sorted_by_time);
	}
	for (i = 0; i < n; i++)
		org_free(&o[i]);
}

Test(report, walk_branch_alone_and_committees)
{
	struct seen s = { .n = 0 };
	uint64_t *ids = NULL;
	size_t n = 0;

	fx_build();
	cr_assert_eq(report_walk(fx_st, fx.ga1, record_visit, &s), 0);
	cr_assert_eq(s.n, 1u);
	cr_assert_eq(s.kind[0], REPORT_SELF);
	cr_assert_eq(report_committees(fx_st, &ids, &n), 0);
	cr_assert_eq(n, 1u);
	cr_assert_eq(ids[0], fx.c);
	free(ids);
	/* a removed organisation is not walked */
	cr_assert_eq(report_walk(fx_st, fx.r, record_visit, &s), STORE_ENOTFOUND);
}

Test(report, joint_branch_rows_repeat_org_columns)
{
	struct org j = { 0 };
	const char *cells[REPORT_ORG_NCOLS];
	size_t u, i;

	fx_build();
	cr_assert_eq(store_org_get(fx_st, fx.j, &j, NULL), 0);
	cr_assert_eq(report_org_nrows(&j), 3u);
	for (u = 0; u < 3; u++) {
		report_org_cells(&j, u, "7", cells);
		cr_assert_str_eq(cells[0], "7");
		cr_assert_str_eq(cells[1], "中共测试园区联合党支部");
		cr_assert_str_eq(cells[5], "联合党支部");
		cr_assert_str_eq(cells[6], "联合党支部");
		cr_assert_str_eq(cells[7], j.units[u].name);
		cr_assert_str_eq(cells[10], j.units[u].code);
		for (i = 0; i < REPORT_ORG_NCOLS; i++)
			cr_assert_not_null(cells[i]);
	}
	{
		struct org g = { 0 };
		cr_assert_eq(store_org_get(fx_st, fx.ga, &g, NULL), 0);
		cr_assert_eq(report_org_nrows(&g), 1u);
		report_org_cells(&g, 0, "1", cells);
		cr_assert_str_eq(cells[7], "");
		cr_assert_str_eq(cells[10], "");
		org_free(&g);
	}
	org_free(&j);
}

Test(report, filler_refused_when_it_would_make_a_bad_folder)
{
	static const char *const bad[] = { "", " ", "\xe3\x80\x80", " 张三", "张三 ",
	    "张三\xe3\x80\x80", "\t张三", ".", "..", ".张三", "张/三", "张\\三", "张\x01三" };
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_not_null(report_filler_problem(bad[i]), "accepted \"%s\"", bad[i]);
	cr_assert(strstr(report_filler_problem(" 张三"), "空格") != NULL);
	cr_assert(strstr(report_filler_problem(".."), "“.”开头") != NULL);
	cr_assert_null(report_filler_problem("张三"));
	cr_assert_null(report_filler_problem("阿卜杜·热合曼"));
	cr_assert_null(report_filler_problem("张 三"), "inner space is a name's business");
}
