/* cmd-print.c - caiji print: 附件1 / 附件2 as a PDF to sign, filled from the database or blank. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "print.h"
#include "report.h"

#define PRINT_USAGE "--member 公民身份证号 | --branch 党支部全称 | --org 党组织全称 | " \
	"--committee [--org 基层党委] | --blank member|org [--branch 党支部全称] [-o 文件.pdf]"

enum { OPT_MEMBER = ARGS_LONG_ID, OPT_BRANCH, OPT_ORG, OPT_COMMITTEE, OPT_BLANK };

static const struct args_opt print_opts[] = {
	{ OPT_MEMBER, 0, "member", ARGS_VALUE },
	{ OPT_BRANCH, 0, "branch", ARGS_VALUE },
	{ OPT_ORG, 0, "org", ARGS_VALUE },
	{ OPT_COMMITTEE, 0, "committee", 0 },
	{ OPT_BLANK, 0, "blank", ARGS_VALUE },
	{ 'o', 'o', "output", ARGS_VALUE },
	{ 0, 0, NULL, 0 }
};

static int
usage_error(const char *fmt, const char *arg)
{
	app_error(fmt, arg);
	cmd_usage_one(&cmd_print_entry, stderr);
	return 2;
}

static int
cmd_print_exec(struct app *app, struct args *args)
{
	struct print_opts po;
	struct print_result res;
	const char *member = args_get(args, OPT_MEMBER);
	const char *branch = args_get(args, OPT_BRANCH);
	const char *org = args_get(args, OPT_ORG);
	const char *blank = args_get(args, OPT_BLANK);
	const char *out = args_get(args, 'o'), *name = "";
	char idcard[32], defname[1024], *cause = NULL;
	int committee = args_has(args, OPT_COMMITTEE), nwhat, rc;

	memset(&po, 0, sizeof po);
	/* exactly one thing to print */
	nwhat = (member != NULL) + (blank != NULL) + committee +
	    (branch != NULL && blank == NULL) + (org != NULL && !committee);
	if (nwhat != 1)
		return usage_error("print: 请指定一项打印内容%s", nwhat > 1 ?
		    "(只能一项)" : "");
	if (blank != NULL) {
		if (strcmp(blank, "member") == 0)
			po.what = PRINT_BLANK_MEMBER;
		else if (strcmp(blank, "org") == 0 && branch == NULL)
			po.what = PRINT_BLANK_ORG;
		else
			return usage_error("print: --blank 应为 member 或 org%s",
			    branch != NULL ? "(--branch 只用于 member)" : "");
	} else if (member != NULL) {
		size_t k;

		po.what = PRINT_MEMBER;
		snprintf(idcard, sizeof idcard, "%s", member);
		for (k = 0; idcard[k] != '\0'; k++)
			if (idcard[k] == 'x')
				idcard[k] = 'X';
	} else if (committee)
		po.what = PRINT_COMMITTEE;
	else if (branch != NULL)
		po.what = PRINT_BRANCH;
	else
		po.what = PRINT_ORG;

	if (app_open_existing(app) != 0)
		return 1;
	switch (po.what) {
	case PRINT_MEMBER: {
		struct member *m = malloc(sizeof *m);

		if (m == NULL)
			return app_error("内存不足");
		if (store_member_by_idcard(app->st, idcard, &po.id) != 0 ||
		    store_member_get(app->st, po.id, m, NULL) != 0) {
			free(m);
			return app_error("找不到公民身份证号为 %s 的党员", idcard);
		}
		rc = print_default_name(po.what, m->name, m->idcard, defname, sizeof defname);
		free(m);
		break;
	}
	case PRINT_BRANCH:
	case PRINT_ORG:
	case PRINT_BLANK_MEMBER:
		name = branch != NULL ? branch : org;
		if (name != NULL && store_org_by_name(app->st, name, &po.id) != 0)
			return app_error("找不到党组织: %s", name);
		rc = print_default_name(po.what, name ? name : "", NULL, defname, sizeof defname);
		break;
	case PRINT_COMMITTEE: {
		struct org *o = malloc(sizeof *o);

		if (o == NULL)
			return app_error("内存不足");
		if (app_pick_committee(app, org, "数据库中没有下设党支部或党总支的党委"
		    "(单个党组织请用 --org,党支部的党员请用 --branch)", &po.id) != 0 ||
		    store_org_get_head(app->st, po.id, o) != 0) {
			free(o);
			return 1;
		}
		rc = print_default_name(po.what, o->name, NULL, defname, sizeof defname);
		free(o);
		break;
	}
	default:
		rc = print_default_name(po.what, "", NULL, defname, sizeof defname);
		break;
	}
	if (rc != 0 && out == NULL)
		return app_error("名称太长,请用 -o 指定文件名");
	po.path = out != NULL ? out : defname;
	po.today = app->today;
	rc = print_run(app->st, &po, &res, &cause);
	if (rc != PRINT_OK) {
		app_error("打印失败: %s", cause ? cause : "未知错误");
		free(cause);
		return 1;
	}
	printf("已生成: %s\n共 %zu 页", po.path, res.pages);
	if (res.orgs > 0)
		printf(",党组织和所在单位基本信息采集表 %zu 份", res.orgs);
	if (res.members > 0)
		printf(",党员基本信息采集表 %zu 份", res.members);
	printf("\n");
	return 0;
}

const struct cmd_entry cmd_print_entry = {
	.name = "print",
	.usage = PRINT_USAGE,
	.summary = "打印采集表(附件1、附件2)为 PDF,供签字;也可打印空白表",
	.args = { print_opts, 0, 0, 0 },
	.usage_status = 2,
	.exec = cmd_print_exec,
};
