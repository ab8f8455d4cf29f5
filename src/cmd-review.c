/* cmd-review.c - caiji review pass|return|unlock|sign: the 初核/复核
 * workflow from the command line, with the rules and messages of the TUI
 * (review.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "record.h"
#include "review.h"
#include "schema.h"
#include "walk.h"

enum {
	OPT_MEMBER = ARGS_LONG_ID, OPT_ORG, OPT_BRANCH, OPT_FIELD, OPT_COMMENT,
	OPT_REASON, OPT_SECRETARY, OPT_DATE, OPT_LEVEL, OPT_ALL,
};

static const struct args_opt review_opts[] = {
	{ OPT_MEMBER, 0, "member", ARGS_VALUE },
	{ OPT_ORG, 0, "org", ARGS_VALUE },
	{ OPT_BRANCH, 0, "branch", ARGS_VALUE },
	{ OPT_FIELD, 0, "field", ARGS_VALUE },
	{ OPT_COMMENT, 0, "comment", ARGS_VALUE },
	{ OPT_REASON, 0, "reason", ARGS_VALUE },
	{ OPT_SECRETARY, 0, "secretary", ARGS_VALUE },
	{ OPT_DATE, 0, "date", ARGS_VALUE },
	{ OPT_LEVEL, 0, "level", ARGS_VALUE },
	{ OPT_ALL, 0, "all", 0 },
	{ 0, 0, NULL, 0 }
};

/* The record the options name: a member (its id, name and ID number) or
 * an organisation.  Returns 0, or prints why and returns 1. */
struct target {
	int org;                  /* 1: an organisation */
	uint64_t id;
	char name[REC_TEXT_MAX];
};

static int
find_target(struct app *app, const char *sub, const char *idcard,
    const char *orgname, struct target *t)
{
	struct member *m;

	memset(t, 0, sizeof *t);
	if ((idcard != NULL) == (orgname != NULL))
		return app_error("review %s: 请用 --member 身份证号 或 --org 党组织全称 指定一条记录",
		    sub);
	if (orgname != NULL) {
		t->org = 1;
		if (store_org_by_name(app->st, orgname, &t->id) != 0)
			return app_error("review %s: 找不到党组织「%s」(请输入全称)", sub,
			    orgname);
		snprintf(t->name, sizeof t->name, "%s", orgname);
		return 0;
	}
	if (store_member_by_idcard(app->st, idcard, &t->id) != 0)
		return app_error("review %s: 找不到公民身份证号为 %s 的党员", sub, idcard);
	if ((m = malloc(sizeof *m)) == NULL)
		return app_error("内存不足");
	if (store_member_get(app->st, t->id, m, NULL) == 0)
		snprintf(t->name, sizeof t->name, "%s（%s）", m->name, m->idcard);
	free(m);
	return 0;
}

/* A field named by its key ("phone") or its label ("联系电话"); NULL when
 * the record kind has none. */
static const char *
field_key(int org, const char *s)
{
	const struct sch_field *tab = org ? sch_org : sch_member;
	size_t i, n = org ? SCH_ORG_N : SCH_MEMBER_N;

	for (i = 0; i < n; i++)
		if (strcmp(tab[i].key, s) == 0 || strcmp(tab[i].label, s) == 0)
			return tab[i].key;
	return NULL;
}

static int
failed(const char *sub, int rc, char *cause)
{
	app_error("review %s: %s", sub, cause ? cause : store_strerror(rc));
	free(cause);
	return 1;
}

static int
review_batch(struct app *app, const char *branch, int level)
{
	struct review_batch b;
	uint64_t id;
	char *cause = NULL;
	size_t i;
	int rc;

	if (store_org_by_name(app->st, branch, &id) != 0)
		return app_error("review pass: 找不到党组织「%s」(请输入全称)", branch);
	if ((rc = review_pass_branch(app, id, level, &b, &cause)) != 0)
		return failed("pass", rc, cause);
	printf("%s: 初核通过 %zu 名，复核通过 %zu 名", branch, b.passed_check,
	    b.passed_review);
	if (b.n_skip == 0) {
		printf("\n");
		review_batch_free(&b);
		return 0;
	}
	printf("；未通过 %zu 名:\n", b.n_skip);
	for (i = 0; i < b.n_skip; i++)
		printf("  %s（%s）: %s\n", b.skip[i].name, b.skip[i].key, b.skip[i].why);
	review_batch_free(&b);
	return 1;
}

/* pass --all: every organisation under top in report order, its 附件1
 * and, for a branch, its members; each record its next step. */
struct all {
	struct app *app;
	int level;
	size_t passed, skipped;
	int fail;
};

static int
all_pre(struct walk_node *n, void *ud)
{
	struct all *a = ud;
	struct review_batch b;
	char *cause = NULL;
	size_t i;
	int rc, level = 0;

	rc = review_pass_org(a->app, n->org->meta.id, 0, &level, &cause);
	if (rc == 0) {
		a->passed++;
		printf("%s: 党组织信息（附件1）%s通过\n", n->org->name, review_level_label(level));
	} else if (rc == STORE_ERULE || rc == STORE_EINVAL || rc == STORE_ELOCKED) {
		/* past what this clerk does: not worth a line */
		if (!review_done_for(a->app->role, n->org->meta.review,
		    org_is_branch(n->org->category))) {
			a->skipped++;
			printf("%s: 党组织信息（附件1）未通过: %s\n", n->org->name, cause);
		}
	} else {
		app_error("review pass: %s", cause ? cause : store_strerror(rc));
		free(cause);
		a->fail = 1;
		return rc;
	}
	free(cause);
	cause = NULL;
	if (!org_is_branch(n->org->category))
		return 0;
	if ((rc = review_pass_branch(a->app, n->org->meta.id, a->level, &b,
	    &cause)) != 0) {
		app_error("review pass: %s: %s", n->org->name, cause ? cause :
		    store_strerror(rc));
		free(cause);
		a->fail = 1;
		return rc;
	}
	a->passed += b.passed;
	a->skipped += b.n_skip;
	if (b.passed > 0 || b.n_skip > 0)
		printf("%s: 初核通过 %zu 名，复核通过 %zu 名%s\n", n->org->name,
		    b.passed_check, b.passed_review, b.n_skip ? "；未通过:" : "");
	for (i = 0; i < b.n_skip; i++)
		printf("  %s（%s）: %s\n", b.skip[i].name, b.skip[i].key, b.skip[i].why);
	review_batch_free(&b);
	return 0;
}

static int
review_all(struct app *app, const char *orgname, int level)
{
	static const struct walk_ops ops = { all_pre, NULL };
	struct all a;
	uint64_t top = app->scope;

	if (orgname != NULL && store_org_by_name(app->st, orgname, &top) != 0)
		return app_error("review pass: 找不到党组织「%s」(请输入全称)", orgname);
	memset(&a, 0, sizeof a);
	a.app = app;
	a.level = level;
	if (walk_orgs(app->st, top, WALK_REPORT | WALK_HEAD, &ops, &a) != 0 || a.fail) {
		if (!a.fail)
			app_error("review pass: 无法读取党组织");
		return 1;
	}
	printf("合计: 通过 %zu 条，未通过 %zu 条\n", a.passed, a.skipped);
	return a.skipped > 0;
}

static int
cmd_review_exec(struct app *app, struct args *args)
{
	const char *sub = args_arg(args, 0);
	const char *member = args_get(args, OPT_MEMBER), *org = args_get(args, OPT_ORG);
	const char *branch = args_get(args, OPT_BRANCH), *lv = args_get(args, OPT_LEVEL);
	const char *text, *field = args_get(args, OPT_FIELD), *key = NULL;
	struct target t;
	char *cause = NULL;
	int rc, level = 0;

	if (strcmp(sub, "pass") != 0 && strcmp(sub, "return") != 0 &&
	    strcmp(sub, "unlock") != 0 && strcmp(sub, "sign") != 0) {
		app_error("review: 未知操作 %s(pass、return、unlock 或 sign)", sub);
		cmd_usage_one(&cmd_review_entry, stderr);
		return 2;
	}
	if (args_has(args, OPT_ALL) && (strcmp(sub, "pass") != 0 || member || branch))
		return app_error("review: --all 只用于 pass（可与 --org 同用）");
	if (lv != NULL) {
		if (strcmp(sub, "pass") != 0 || (branch == NULL && !args_has(args, OPT_ALL)))
			return app_error("review: --level 只用于 pass --branch 或 pass --all");
		if (strcmp(lv, "初核") == 0 || strcmp(lv, "check") == 0)
			level = REV_LEVEL_CHECK;
		else if (strcmp(lv, "复核") == 0 || strcmp(lv, "review") == 0)
			level = REV_LEVEL_REVIEW;
		else
			return app_error("review: --level 应为 初核 或 复核");
	}
	if (branch != NULL && (strcmp(sub, "pass") != 0 || member || org))
		return app_error("review: --branch 只用于 pass（不与 --member、--org 同用）");
	if (app_open_store(app) != 0)
		return 1;
	if (branch != NULL)
		return review_batch(app, branch, level);
	if (args_has(args, OPT_ALL))
		return review_all(app, org, level);

	if (strcmp(sub, "sign") == 0) {
		if (org == NULL || member != NULL)
			return app_error("review sign: 须用 --org 指定党组织全称");
		if (args_get(args, OPT_SECRETARY) == NULL)
			return app_error("review sign: 须用 --secretary 写明签字的书记姓名");
	}
	if (find_target(app, sub, member, org, &t) != 0)
		return 1;
	if (strcmp(sub, "pass") == 0) {
		rc = t.org ? review_pass_org(app, t.id, 0, &level, &cause) :
		    review_pass_member(app, t.id, 0, &level, &cause);
		if (rc != 0)
			return failed(sub, rc, cause);
		printf("%s通过: %s\n", review_level_label(level), t.name);
		return 0;
	}
	if (strcmp(sub, "return") == 0) {
		if ((text = args_get(args, OPT_COMMENT)) == NULL || text[0] == '\0')
			return app_error("review return: 须用 --comment 写明退回意见");
		if (field != NULL && (key = field_key(t.org, field)) == NULL)
			return app_error("review return: 没有字段「%s」", field);
		rc = t.org ? review_return_org(app, t.id, key, text, &cause) :
		    review_return_member(app, t.id, key, text, &cause);
		if (rc != 0)
			return failed(sub, rc, cause);
		printf("已退回: %s%s%s\n", t.name, field ? " / " : "", field ? field : "");
		return 0;
	}
	if (strcmp(sub, "unlock") == 0) {
		if ((text = args_get(args, OPT_REASON)) == NULL || text[0] == '\0')
			return app_error("review unlock: 须用 --reason 写明解锁原因");
		rc = t.org ? review_unlock_org(app, t.id, text, &cause) :
		    review_unlock_member(app, t.id, text, &cause);
		if (rc != 0)
			return failed(sub, rc, cause);
		printf("已解锁: %s（回到初核通过，可以修改）\n", t.name);
		return 0;
	}
	rc = review_sign_org(app, t.id, args_get(args, OPT_SECRETARY),
	    args_get(args, OPT_DATE), &cause);
	if (rc != 0)
		return failed(sub, rc, cause);
	printf("已记录书记签字: %s\n", t.name);
	return 0;
}

static void
review_help(FILE *fp)
{
	fprintf(fp,
	    "  pass    通过下一步审核: 支部录入员初核、党委录入员复核(管理员两步都可做,各记一次);\n"
	    "          --member 一名党员, --org 一个党组织的附件1, --branch 一个党支部的全部党员\n"
	    "          (不符合条件的跳过并列出原因, 有跳过时退出码为1; --level 初核|复核 指定党员的步骤);\n"
	    "          --all [--org 党组织全称] 该党组织(默认全部)下每个党组织的附件1和每个党支部的党员\n"
	    "  return  退回(党委录入员): --comment 意见, --field 字段(键名或中文名, 不给则退回整条记录)\n"
	    "  unlock  解锁复核通过的记录(党委录入员): --reason 原因\n"
	    "  sign    记录附件1的书记签字: --org 党组织 --secretary 姓名 [--date 日期, 默认今天]\n");
}

const struct cmd_entry cmd_review_entry = {
	.name = "review",
	.usage = "pass (--member 身份证号 | --org 党组织全称 | --branch 党支部全称 [--level 初核|复核] | "
	    "--all [--org 党组织全称] [--level 初核|复核]) | "
	    "return (--member 身份证号 | --org 党组织全称) [--field 字段] --comment 意见 | "
	    "unlock (--member 身份证号 | --org 党组织全称) --reason 原因 | "
	    "sign --org 党组织全称 --secretary 姓名 [--date 日期]",
	.summary = "初核、复核、退回、解锁和书记签字(审核流程)",
	.args = { review_opts, 1, 1, 0 },
	.usage_status = 2,
	.help = review_help,
	.exec = cmd_review_exec,
};
