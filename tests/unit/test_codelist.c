/* test_codelist.c - the code lists: contents, look-ups, pinyin ambiguity, regions. */
#include <criterion/criterion.h>
#include <string.h>
#include <pthread.h>

#include "codelist.h"

#include "app.h"

static int
has(const struct cl_entry **m, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(m[i]->name, name) == 0)
			return 1;
	return 0;
}

Test(codelist, every_list_loads_with_names_and_keys)
{
	int id;

	for (id = 0; id < CL_COUNT; id++) {
		const struct codelist *l = codelist_get(id);
		size_t i;

		cr_assert_not_null(l);
		cr_assert_eq(l->id, id);
		cr_assert_gt(l->n, 1, "list %s empty", l->key);
		cr_assert_eq(codelist_by_key(l->key), l);
		for (i = 0; i < l->n; i++) {
			cr_assert_gt(strlen(l->e[i].name), 0);
			cr_assert_eq(l->e[i].name[0] == '#', 0, "comment line kept as entry");
		}
	}
	cr_assert_null(codelist_get(CL_COUNT));
	cr_assert_null(codelist_get(-1));
	cr_assert_null(codelist_by_key("nope"));
}

Test(codelist, list_sizes_and_filters)
{
	const struct codelist *sex = codelist_get(CL_SEX);
	const struct codelist *org = codelist_get(CL_ORG_CATEGORY);

	cr_assert_eq(sex->n, 2);
	cr_assert_str_eq(sex->e[0].name, "男");
	cr_assert_str_eq(sex->e[0].code, "1");
	cr_assert_str_eq(sex->e[1].name, "女");
	cr_assert_str_eq(sex->e[1].code, "2");
	cr_assert_eq(codelist_get(CL_ETHNICITY)->n, 58);
	cr_assert_eq(codelist_get(CL_EDUCATION)->n, 20);
	cr_assert_eq(codelist_get(CL_JOB)->n, 49);
	cr_assert_eq(codelist_get(CL_CONFIRM_METHOD)->n, 5);
	cr_assert_eq(codelist_get(CL_UNIT_SITUATION)->n, 3);
	cr_assert_eq(codelist_get(CL_MEMBER_CATEGORY)->n, 2);
	cr_assert_eq(codelist_get(CL_PARTY_STATUS)->n, 2);
	cr_assert_eq(org->n, 9);
	cr_assert_null(codelist_find_name(org, "党组"));
	cr_assert_null(codelist_find_name(org, "党小组"));
	cr_assert_not_null(codelist_find_name(org, "党工委"));
	cr_assert_not_null(codelist_find_name(org, "临时联合党支部"));
	cr_assert_str_eq(codelist_find_code(org, "631")->name, "党支部");
}

Test(codelist, yesno_and_flags_codes)
{
	const struct codelist *yn = codelist_get(CL_YESNO);

	cr_assert_eq(yn->n, 2);
	cr_assert_str_eq(codelist_find_code(yn, "1")->name, "是");
	cr_assert_str_eq(codelist_find_code(yn, "0")->name, "否");
	cr_assert_str_eq(codelist_find_code(codelist_get(CL_MEMBER_CATEGORY), "2")->name, "预备党员");
	cr_assert_str_eq(codelist_find_code(codelist_get(CL_CONFIRM_METHOD), "5")->name, "微信确认");
}

Test(codelist, job_groups_for_the_checker)
{
	const struct codelist *j = codelist_get(CL_JOB);

	cr_assert_str_eq(codelist_find_name(j, "退休人员")->group, "离退休人员");
	cr_assert_str_eq(codelist_find_name(j, "离休干部")->group, "离退休人员");
	cr_assert_str_eq(codelist_find_name(j, "内部退养职工")->group, "其他");
	cr_assert_str_eq(codelist_find_name(j, "退职人员")->group, "其他");
	cr_assert_str_eq(codelist_find_code(j, "1")->name, "公务员");
}

Test(codelist, education_groups_for_statistics)
{
	const struct codelist *e = codelist_get(CL_EDUCATION);
	size_t i;

	cr_assert_str_eq(codelist_find_name(e, "中央党校研究生")->group, "研究生");
	cr_assert_str_eq(codelist_find_name(e, "大学")->group, "大学本科");
	cr_assert_str_eq(codelist_find_name(e, "省（区、市）委党校大专")->group, "大学专科");
	cr_assert_str_eq(codelist_find_name(e, "技工学校")->group, "中专/高中");
	cr_assert_str_eq(codelist_find_name(e, "小学")->group, "初中及以下");
	for (i = 0; i < e->n; i++)
		cr_assert_gt(strlen(e->e[i].group), 0, "%s has no group", e->e[i].name);
}

Test(codelist, lookup_by_code_name_and_numeric_code)
{
	const struct codelist *e = codelist_get(CL_ETHNICITY);

	cr_assert_str_eq(codelist_find_code(e, "01")->name, "汉族");
	cr_assert_str_eq(codelist_find_code(e, "1")->name, "汉族");
	cr_assert_str_eq(codelist_find_code(e, "97")->name, "其他");
	cr_assert_null(codelist_find_code(e, "57"));
	cr_assert_null(codelist_find_code(e, ""));
	cr_assert_str_eq(codelist_find_name(e, "回族")->code, "03");
	cr_assert_null(codelist_find_name(e, "回"));
}

Test(codelist, pinyin_prefix_returns_every_match)
{
	const struct codelist *e = codelist_get(CL_ETHNICITY);
	const struct cl_entry *m[64];
	size_t n;

	n = codelist_match(e, "hz", m, 64);
	cr_assert_geq(n, 2);
	cr_assert(has(m, n, "汉族"));
	cr_assert(has(m, n, "回族"));
	cr_assert_str_eq(m[0]->name, "汉族", "list order");
	n = codelist_match(e, "HZ", m, 64);
	cr_assert(has(m, n, "汉族") && has(m, n, "回族"), "case-insensitive");
	n = codelist_match(e, "zz", m, 64);
	cr_assert(has(m, n, "藏族") && has(m, n, "壮族"));
	n = codelist_match(codelist_get(CL_SEX), "n", m, 64);
	cr_assert_eq(n, 2);
	n = codelist_match(e, "mgz", m, 64);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(m[0]->name, "蒙古族");
	cr_assert_eq(codelist_match(e, "qqqq", m, 64), 0);
	cr_assert_eq(codelist_match(e, "", m, 64), 0);
	/* more matches than room: the count is still total */
	n = codelist_match(e, "h", m, 1);
	cr_assert_gt(n, 1);
	cr_assert_eq(codelist_match(e, "汉族", m, 64), 1);
	cr_assert_eq(codelist_match(e, "03", m, 64), 1);
	cr_assert_str_eq(m[0]->name, "回族");
}

Test(codelist, regions_county_level_full_names)
{
	const struct codelist *r = codelist_get(CL_REGION);
	const struct cl_entry *e, *m[16];
	size_t n;

	cr_assert_gt(r->n, 2800);
	e = region_find("330106");
	cr_assert_not_null(e);
	cr_assert_str_eq(e->name, "浙江省杭州市西湖区");
	cr_assert_eq(region_find("浙江省杭州市西湖区"), e);
	cr_assert_str_eq(region_find("110101")->name, "北京市东城区");
	cr_assert_str_eq(region_find("419001")->name, "河南省济源市");
	/* prefecture-level cities without counties count as county level */
	cr_assert_str_eq(region_find("441900")->name, "广东省东莞市");
	cr_assert_null(region_find("330100"), "杭州市 itself is not county level");
	cr_assert_null(region_find("330000"));
	cr_assert_null(region_find("浙江省杭州市"));
	/* type-ahead on the county's own initials: 西湖区 in 杭州 and 南昌 */
	n = codelist_match(r, "xhq", m, 16);
	cr_assert(has(m, n, "浙江省杭州市西湖区"));
	cr_assert(has(m, n, "江西省南昌市西湖区"));
	n = codelist_match(r, "杭州市西湖区", m, 16);
	cr_assert_eq(n, 1);
	n = codelist_match(r, "西湖区", m, 16);
	cr_assert_eq(n, 2);
}

Test(codelist, region_codes_of_id_numbers)
{
	cr_assert_eq(region_code_known("110105"), 1);
	cr_assert_eq(region_code_known("110103"), 1, "崇文区, retired 2010");
	cr_assert_eq(region_code_known("330101"), 1, "市辖区 of 杭州市");
	cr_assert_eq(region_code_known("440300"), 1);
	cr_assert_eq(region_code_known("999999"), 0);
	cr_assert_eq(region_code_known("110199"), 0);
	cr_assert_eq(region_code_known("11010"), 0);
	cr_assert_eq(region_code_known("1101055"), 0);
	cr_assert_eq(region_code_known("11010a"), 0);
	cr_assert_eq(region_code_known(""), 0);
	cr_assert_eq(region_code_known(NULL), 0);
}

/* First use from two threads at once: one parse, the same pointers. */
static void *
first_use(void *arg)
{
	(void)arg;
	return (void *)region_find("330106");
}

Test(codelist, first_use_from_two_threads)
{
	pthread_t a, b;
	void *ra, *rb;

	cr_assert_eq(pthread_create(&a, NULL, first_use, NULL), 0);
	cr_assert_eq(pthread_create(&b, NULL, first_use, NULL), 0);
	pthread_join(a, &ra);
	pthread_join(b, &rb);
	cr_assert_not_null(ra);
	cr_assert_eq(ra, rb);
	cr_assert_eq(region_find("330106"), ra, "pointers stay valid");
	cr_assert_eq(codelist_get(CL_ETHNICITY), codelist_get(CL_ETHNICITY));
}

Test(codelist, complete_answers_only_when_nothing_longer_could_be_meant)
{
	const struct codelist *eth = codelist_get(CL_ETHNICITY);
	const struct codelist *edu = codelist_get(CL_EDUCATION);
	const struct codelist *cat = codelist_get(CL_MEMBER_CATEGORY);
	const struct codelist *job = codelist_get(CL_JOB);
	const struct codelist *yn = codelist_get(CL_YESNO);
	const struct codelist *reg = codelist_get(CL_REGION);
	const struct cl_entry *e;

	/* codes: to the width of the list's longest code */
	cr_assert_not_null(e = codelist_complete(eth, "01"));
	cr_assert_str_eq(e->name, "汉族");
	cr_assert_null(codelist_complete(eth, "1"));       /* 10-19 start so */
	cr_assert_null(codelist_complete(eth, "0"));
	cr_assert_not_null(e = codelist_complete(edu, "06"));
	cr_assert_str_eq(e->name, "大学");
	cr_assert_null(codelist_complete(edu, "6"));
	cr_assert_null(codelist_complete(edu, "1"));       /* 博士研究生, or 10-19 */
	cr_assert_null(codelist_complete(edu, "99"));      /* no such code */
	cr_assert_not_null(e = codelist_complete(cat, "2"));
	cr_assert_str_eq(e->name, "预备党员");
	cr_assert_not_null(e = codelist_complete(job, "34"));
	cr_assert_str_eq(e->name, "退休人员");
	cr_assert_not_null(e = codelist_complete(reg, "440305"));
	cr_assert_str_eq(e->name, "广东省深圳市南山区");
	cr_assert_null(codelist_complete(reg, "44030"));
	/* pinyin: the whole initials of the only entry they start */
	cr_assert_not_null(e = codelist_complete(cat, "zsdy"));
	cr_assert_str_eq(e->name, "正式党员");
	cr_assert_null(codelist_complete(cat, "zs"));      /* unique, not whole */
	cr_assert_not_null(e = codelist_complete(yn, "f"));
	cr_assert_str_eq(e->name, "否");
	cr_assert_not_null(e = codelist_complete(job, "GWY"));
	cr_assert_str_eq(e->name, "公务员");
	cr_assert_null(codelist_complete(edu, "dx"));      /* 大学, 大学普通班 */
	cr_assert_null(codelist_complete(eth, "hz"));      /* 汉族, 回族 */
	/* names and mixtures never move on by themselves */
	cr_assert_null(codelist_complete(eth, "汉族"));
	cr_assert_null(codelist_complete(eth, "h1"));
	cr_assert_null(codelist_complete(eth, ""));
}

/* The name index over every length the hash words treat apart (under 8
 * bytes, 8 to 16, longer): each entry's own name finds that entry, and
 * the name cut by a byte or grown by one does not find a different one. */
Test(codelist, every_name_found_and_near_misses_not)
{
	char buf[512];
	int id;
	size_t i, len;

	for (id = 0; id < CL_COUNT; id++) {
		const struct codelist *l = codelist_get(id);

		for (i = 0; i < l->n; i++) {
			const struct cl_entry *e;

			len = strlen(l->e[i].name);
			cr_assert_lt(len + 2, sizeof buf);
			e = codelist_find_name(l, l->e[i].name);
			cr_assert_not_null(e, "%s", l->e[i].name);
			cr_assert_str_eq(e->name, l->e[i].name);
			cr_assert_eq(codelist_find_name_n(l, l->e[i].name, len), e);
			memcpy(buf, l->e[i].name, len + 1);
			buf[len] = 'a';
			buf[len + 1] = '\0';
			e = codelist_find_name(l, buf);
			cr_assert(e == NULL || strcmp(e->name, buf) == 0, "%s", buf);
			if (len > 0) {
				buf[len - 1] = '\0';
				e = codelist_find_name(l, buf);
				cr_assert(e == NULL || strcmp(e->name, buf) == 0, "%s", buf);
			}
		}
	}
}
