/* test_stats.c - statistics on a known database: every count, 党统人数 beside
 * the collected count, order, and the aligned text. */
#include "export_fixture.h"
#include "stats.h"
#include "utf8.h"

TestSuite(stats, .init = fx_setup, .fini = fx_teardown);

/* fx_build plus three drafts in GB1 and 党统人数 on GB1 and C. */
static void
build_known(void)
{
	struct member m;
	struct org o = { 0 };
	char *cause = NULL;

	fx_build();
	fx_member_fill(&m, fx.gb1, "马预备", "19960101", 101);
	strcpy(m.category, "预备党员");
	strcpy(m.join_date, "2025-06-01");
	m.full_date[0] = '\0';
	strcpy(m.ethnicity, "回族");
	strcpy(m.education, "硕士研究生");
	strcpy(m.lost, "是");
	strcpy(m.lost_date, "2025-10-01");
	m.meta.state = REC_DRAFT;
	fx_member_save(&m);
	fx_member_fill(&m, fx.gb1, "牛流动", "20000101", 102);
	strcpy(m.join_date, "2020-01-01");
	strcpy(m.full_date, "2021-01-01");
	strcpy(m.education, "中等专科");
	strcpy(m.floating, "是");
	strcpy(m.flow_to, "北京市东城区");
	strcpy(m.party_status, "停止党籍");
	m.meta.state = REC_DRAFT;
	fx_member_save(&m);
	fx_member_fill(&m, fx.gb1, "羊预备", "19940101", 104);
	strcpy(m.category, "预备党员");
	strcpy(m.join_date, "2026-01-01");
	m.full_date[0] = '\0';
	strcpy(m.education, "初中");
	m.meta.state = REC_DRAFT;
	fx_member_save(&m);

	cr_assert_eq(store_org_get(fx_st, fx.gb1, &o, NULL), 0);
	o.stat_count = 5;
	cr_assert_eq(store_org_save(fx_st, &o, &cause), 0, "%s", cause);
	cr_assert_eq(store_org_get(fx_st, fx.c, &o, NULL), 0);
	o.stat_count = 10;
	cr_assert_eq(store_org_save(fx_st, &o, &cause), 0, "%s", cause);
	org_free(&o);
}

Test(stats, known_database_counts)
{
	struct stats st;
	const struct stats_counts *t;
	uint64_t order[9];
	size_t i;

	build_known();
	cr_assert_eq(stats_compute(fx_st, fx.c, FX_TODAY, &st), 0);
	{
		uint64_t w[] = { fx.c, fx.by, fx.bz, fx.j, fx.ga, fx.ga2, fx.ga1,
			fx.gb, fx.gb1 };
		memcpy(order, w, sizeof order);
	}
	cr_assert_eq(st.n, 9u);
	for (i = 0; i < 9; i++)
		cr_assert_eq(st.orgs[i].id, order[i], "org %zu", i);
	cr_assert_eq(st.orgs[0].depth, 0);
	cr_assert_eq(st.orgs[1].depth, 1);
	cr_assert_eq(st.orgs[8].depth, 2);
	t = &st.total;
	cr_assert_eq(t->members, 10u);
	cr_assert_eq(t->full, 8u);
	cr_assert_eq(t->probationary, 2u);
	cr_assert_eq(t->male, 5u);
	cr_assert_eq(t->female, 5u);
	cr_assert_eq(t->minority, 1u);
	cr_assert_eq(t->age[AGE_LE30], 2u);
	cr_assert_eq(t->age[AGE_31_40], 3u);
	cr_assert_eq(t->age[AGE_41_50], 2u);
	cr_assert_eq(t->age[AGE_51_60], 1u);
	cr_assert_eq(t->age[AGE_61_70], 1u);
	cr_assert_eq(t->age[AGE_GE71], 1u);
	cr_assert_eq(t->age[AGE_UNKNOWN], 0u);
	cr_assert_eq(t->edu[EDU_GRADUATE], 1u);
	cr_assert_eq(t->edu[EDU_BACHELOR], 7u);
	cr_assert_eq(t->edu[EDU_COLLEGE], 0u);
	cr_assert_eq(t->edu[EDU_SECONDARY], 1u);
	cr_assert_eq(t->edu[EDU_JUNIOR], 1u);
	cr_assert_eq(t->lost, 1u);
	cr_assert_eq(t->floating, 1u);
	cr_assert_eq(t->suspended, 1u);
	cr_assert_eq(t->due, 1u);
	cr_assert_eq(t->drafts, 3u);
	/* subtree sums and 党统人数 shown, never adjusted */
	cr_assert_eq(st.orgs[8].c.members, 4u);
	cr_assert_eq(st.orgs[8].stat_count, 5);
	cr_assert_eq(st.orgs[7].c.members, 4u);
	cr_assert_eq(st.orgs[7].stat_count, -1);
	cr_assert_eq(st.orgs[1].c.members, 2u);
	cr_assert_eq(st.orgs[0].c.members, 10u);
	cr_assert_eq(st.stat_total, 10);
	stats_free(&st);

	/* whole database: the same members (removed branch R left out) */
	cr_assert_eq(stats_compute(fx_st, 0, FX_TODAY, &st), 0);
	cr_assert_eq(st.total.members, 10u);
	cr_assert_eq(st.n, 9u);
	cr_assert_eq(st.stat_total, 10);
	stats_free(&st);
}

Test(stats, groups_and_bands)
{
	cr_assert_eq(stats_edu_group("博士研究生"), EDU_GRADUATE);
	cr_assert_eq(stats_edu_group("硕士生班"), EDU_GRADUATE);
	cr_assert_eq(stats_edu_group("省（区、市）委党校研究生"), EDU_GRADUATE);
	cr_assert_eq(stats_edu_group("大学"), EDU_BACHELOR);
	cr_assert_eq(stats_edu_group("第二学士学位班"), EDU_BACHELOR);
	cr_assert_eq(stats_edu_group("中央党校大学"), EDU_BACHELOR);
	cr_assert_eq(stats_edu_group("大专"), EDU_COLLEGE);
	cr_assert_eq(stats_edu_group("中央党校大专"), EDU_COLLEGE);
	cr_assert_eq(stats_edu_group("中等专科"), EDU_SECONDARY);
	cr_assert_eq(stats_edu_group("技工学校"), EDU_SECONDARY);
	cr_assert_eq(stats_edu_group("普通高中"), EDU_SECONDARY);
	cr_assert_eq(stats_edu_group("小学"), EDU_JUNIOR);
	cr_assert_eq(stats_edu_group("其他"), EDU_OTHER);
	cr_assert_eq(stats_edu_group(""), EDU_OTHER);
	/* birthday boundaries: 30 until the day before the 31st birthday */
	cr_assert_eq(stats_age_band("1995-07-01", "", "2026-06-30"), AGE_LE30);
	cr_assert_eq(stats_age_band("1995-06-30", "", "2026-06-30"), AGE_31_40);
	cr_assert_eq(stats_age_band("1955-06-30", "", "2026-06-30"), AGE_GE71);
	cr_assert_eq(stats_age_band("1955-07-01", "", "2026-06-30"), AGE_61_70);
	cr_assert_eq(stats_age_band("", "110101199003070012", "2026-06-30"), AGE_31_40);
	cr_assert_eq(stats_age_band("", "", "2026-06-30"), AGE_UNKNOWN);
	cr_assert_eq(utf8_width("党员abc"), 7u);
}

Test(stats, printed_table_aligned)
{
	struct stats st;
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0, w0 = 0, lines = 0;
	FILE *fp;

	build_known();
	cr_assert_eq(stats_compute(fx_st, fx.c, FX_TODAY, &st), 0);
	fp = open_memstream(&buf, &len);
	stats_print(fp, &st);
	fclose(fp);
	stats_free(&st);
	cr_assert_not_null(strstr(buf, "党统人数"));
	cr_assert_not_null(strstr(buf, "合计"));
	/* first table: every line has the same display width */
	for (line = strtok_r(buf, "\n", &save); line && *line;
	    line = strtok_r(NULL, "\n", &save)) {
		size_t w = utf8_width(line);
		if (lines == 0)
			w0 = w;
		if (strstr(line, "30岁及以下"))
			break;
		cr_assert_eq(w, w0, "line %zu: %s", lines, line);
		if (strstr(line, "生产车间党支部")) {
			cr_assert_not_null(strstr(line, " 5 "), "%s", line);
			cr_assert_not_null(strstr(line, " -1 "), "%s", line);
		}
		lines++;
	}
	cr_assert_eq(lines, 11u);
	free(buf);
}
