/* test_print.c - the printable 采集表: pages per job (members, a joint
 * branch's 附页, the committee in report order, blanks), one page per form
 * even at maximum length, the file's mode and atomic replacement (a
 * symbolic link at the target is replaced, not followed), refusals. */
#include <errno.h>

#include "export_fixture.h"
#include "print.h"

TestSuite(print, .init = fx_setup, .fini = fx_teardown);

/* Pages of the PDF at path (cairo writes one "<< /Type /Page %" per page). */
static size_t
pdf_pages(const char *path)
{
	size_t len, n = 0;
	char *buf = fx_slurp(path, &len), *p = buf;

	cr_assert_gt(len, 8u);
	cr_assert_eq(memcmp(buf, "%PDF-", 5), 0, "not a PDF");
	while ((p = memmem(p, len - (size_t)(p - buf), "/Type /Page", 11)) != NULL) {
		p += 11;
		if (*p != 's')
			n++;
	}
	cr_assert_not_null(memmem(buf, len, "%%EOF", 5), "PDF not finished");
	free(buf);
	return n;
}

static int
run(int what, uint64_t id, const char *name, struct print_result *res, char **cause)
{
	struct print_opts o;
	char path[128];

	memset(&o, 0, sizeof o);
	snprintf(path, sizeof path, "%s/%s", fx_dir, name);
	o.what = what;
	o.id = id;
	o.path = path;
	o.today = FX_TODAY;
	return print_run(fx_st, &o, res, cause);
}

static char *
out_path(const char *name)
{
	static char path[128];

	snprintf(path, sizeof path, "%s/%s", fx_dir, name);
	return path;
}

Test(print, member_one_page_private_file)
{
	struct print_result res;
	struct stat sb;
	char *cause = NULL;

	fx_build();
	cr_assert_eq(run(PRINT_MEMBER, fx.m_by1, "m.pdf", &res, &cause), PRINT_OK, "%s", cause);
	cr_assert_eq(res.pages, 1u);
	cr_assert_eq(res.members, 1u);
	cr_assert_eq(res.orgs, 0u);
	cr_assert_eq(pdf_pages(out_path("m.pdf")), 1u);
	cr_assert_eq(lstat(out_path("m.pdf"), &sb), 0);
	cr_assert(S_ISREG(sb.st_mode));
	cr_assert_eq(sb.st_mode & 07777, 0600);
}

Test(print, branch_pages_in_list_order_without_removed)
{
	struct print_result res;
	char *cause = NULL;

	fx_build();
	cr_assert_eq(run(PRINT_BRANCH, fx.by, "b.pdf", &res, &cause), PRINT_OK, "%s", cause);
	cr_assert_eq(res.pages, 2u);
	cr_assert_eq(res.members, 2u);
	/* 王八 was removed from GB1: one page for 郑七 */
	cr_assert_eq(run(PRINT_BRANCH, fx.gb1, "g.pdf", &res, &cause), PRINT_OK, "%s", cause);
	cr_assert_eq(res.pages, 1u);
	cr_assert_eq(pdf_pages(out_path("g.pdf")), 1u);
}

Test(print, joint_branch_has_one_annex_page_per_further_unit)
{
	struct print_result res;
	char *cause = NULL;

	fx_build();
	cr_assert_eq(run(PRINT_ORG, fx.j, "j.pdf", &res, &cause), PRINT_OK, "%s", cause);
	cr_assert_eq(res.orgs, 1u);
	cr_assert_eq(res.pages, 3u);            /* the form (unit 1) + 附页 for units 2 and 3 */
	cr_assert_eq(pdf_pages(out_path("j.pdf")), 3u);
	cr_assert_eq(run(PRINT_ORG, fx.ga, "ga.pdf", &res, &cause), PRINT_OK, "%s", cause);
	cr_assert_eq(res.pages, 1u);            /* 与上级党组织相同: no unit */
}

Test(print, committee_every_form_in_report_order)
{
	struct print_result res;
	char *cause = NULL;

	fx_build();
	cr_assert_eq(run(PRINT_COMMITTEE, fx.c, "c.pdf", &res, &cause), PRINT_OK, "%s", cause);
	/* C, B_Y, B_Z, J (+2 附页), G_A, GA2, GA1, G_B, GB1; the removed R is not printed */
	cr_assert_eq(res.orgs, 9u);
	/* 钱一 赵二 孙三 李四 吴六 周五 郑七 (王八 and 冯九 removed) */
	cr_assert_eq(res.members, 7u);
	cr_assert_eq(res.pages, 9u + 2u + 7u);
	/* ordinary records take the first size */
	cr_assert_eq(res.smaller, 0u);
	cr_assert_eq(pdf_pages(out_path("c.pdf")), 18u);
}

Test(print, blank_forms)
{
	struct print_result res;
	char *cause = NULL;

	cr_assert_eq(run(PRINT_BLANK_MEMBER, 0, "bm.pdf", &res, &cause), PRINT_OK, "%s", cause);
	cr_assert_eq(res.pages, 1u);
	cr_assert_eq(res.members, 0u);
	cr_assert_eq(run(PRINT_BLANK_ORG, 0, "bo.pdf", &res, &cause), PRINT_OK, "%s", cause);
	cr_assert_eq(res.pages, 2u);            /* the form and one 附页 */
	cr_assert_eq(pdf_pages(out_path("bo.pdf")), 2u);
}

/* Fill s (size n) with the CJK character c repeated to the last byte that fits. */
static void
fill_cjk(char *s, size_t n, const char *c)
{
	size_t k = 0;

	while (k + 3 < n) {
		memcpy(s + k, c, 3);
		k += 3;
	}
	s[k] = '\0';
}

Test(print, maximum_length_member_is_one_page)
{
	struct print_result res;
	struct member m;
	struct org b = { 0 };
	char *cause = NULL;
	uint64_t br;

	fx_build();
	org_init(&b);
	b.parent = fx.c;
	fill_cjk(b.name, sizeof b.name, "党");
	strcpy(b.category, "党支部");
	cr_assert_eq(store_org_save(fx_st, &b, &cause), 0, "%s", cause);
	br = b.meta.id;
	fx_member_fill(&m, br, "x", "19800101", 12);
	m.meta.state = REC_DRAFT;
	fill_cjk(m.name, sizeof m.name, "龘");
	fill_cjk(m.ethnicity, sizeof m.ethnicity, "族");
	fill_cjk(m.education, sizeof m.education, "学");
	fill_cjk(m.job, sizeof m.job, "岗");
	fill_cjk(m.address, sizeof m.address, "址");
	fill_cjk(m.flow_to, sizeof m.flow_to, "向");
	fill_cjk(m.note, sizeof m.note, "注");
	strcpy(m.lost, "是");
	strcpy(m.lost_date, "2020-01-01");
	strcpy(m.floating, "是");
	strcpy(m.confirm_method, "他人代填");
	fx_member_save(&m);
	cr_assert_eq(run(PRINT_MEMBER, m.meta.id, "max.pdf", &res, &cause), PRINT_OK, "%s", cause);
	cr_assert_eq(res.pages, 1u);
	/* every text field full: set smaller, and it fits */
	cr_assert_eq(res.smaller, 1u);
	cr_assert_eq(res.overfull, 0u);
	cr_assert_eq(pdf_pages(out_path("max.pdf")), 1u);
	org_free(&b);
}

Test(print, symlink_at_target_is_replaced_not_followed)
{
	struct print_result res;
	struct stat sb;
	char *cause = NULL, victim[128], *body;
	FILE *fp;
	size_t len;

	fx_build();
	snprintf(victim, sizeof victim, "%s/victim", fx_dir);
	fp = fopen(victim, "w");
	cr_assert_not_null(fp);
	fputs("keep", fp);
	fclose(fp);
	cr_assert_eq(symlink(victim, out_path("s.pdf")), 0);
	cr_assert_eq(run(PRINT_MEMBER, fx.m_j, "s.pdf", &res, &cause), PRINT_OK, "%s", cause);
	cr_assert_eq(lstat(out_path("s.pdf"), &sb), 0);
	cr_assert(S_ISREG(sb.st_mode), "the link was followed");
	body = fx_slurp(victim, &len);
	cr_assert_str_eq(body, "keep");
	free(body);
}

Test(print, refusals_leave_nothing)
{
	struct print_result res;
	struct print_opts o;
	char *cause = NULL, cmd[160];

	fx_build();
	/* a removed member, a committee as a branch, a removed organisation */
	cr_assert_eq(run(PRINT_MEMBER, fx.m_r, "r.pdf", &res, &cause), PRINT_ENOTFOUND);
	cr_assert_not_null(cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(run(PRINT_BRANCH, fx.c, "r.pdf", &res, &cause), PRINT_ENOTFOUND);
	cr_assert_not_null(strstr(cause, "不是党支部"), "%s", cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(run(PRINT_ORG, fx.r, "r.pdf", &res, &cause), PRINT_ENOTFOUND);
	free(cause);
	cause = NULL;
	cr_assert_eq(access(out_path("r.pdf"), F_OK), -1);
	/* a directory that does not exist */
	memset(&o, 0, sizeof o);
	o.what = PRINT_MEMBER;
	o.id = fx.m_j;
	o.path = out_path("nodir/x.pdf");
	cr_assert_eq(print_run(fx_st, &o, &res, &cause), PRINT_EFAIL);
	cr_assert_not_null(cause);
	free(cause);
	/* no temporary left behind in the database's directory */
	snprintf(cmd, sizeof cmd, "ls -A %s | grep -q '^\\.caiji-'", fx_dir);
	cr_assert_neq(system(cmd), 0, "a temporary was left");
}

Test(print, default_names)
{
	char b[256];

	cr_assert_eq(print_default_name(PRINT_MEMBER, "张三", "110101199003070012", b, sizeof b), 0);
	cr_assert_str_eq(b, "张三-110101199003070012党员基本信息采集表.pdf");
	cr_assert_eq(print_default_name(PRINT_BRANCH, "a/b", NULL, b, sizeof b), 0);
	cr_assert_str_eq(b, "a_b党员基本信息采集表.pdf");
	cr_assert_eq(print_default_name(PRINT_BLANK_ORG, "", NULL, b, sizeof b), 0);
	cr_assert_str_eq(b, "空白党组织和所在单位基本信息采集表.pdf");
	cr_assert_eq(print_default_name(PRINT_ORG, "中共某某委员会", NULL, b, 8), -1);
}
