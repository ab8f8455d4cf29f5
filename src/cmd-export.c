/* cmd-export.c - caiji export: the report folder of a 基层党委, or a branch's own 附件4. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "export.h"
#include "report.h"

#define EXPORT_USAGE "--seq 序号 --filler 填报人 [--org 基层党委] [-o 目录] " \
	"[--only orgs|members] [--format xlsx|csv|both] [--plain] [--encoding utf8|gb18030] " \
	"[--draft] [--replace] | " \
	"--branch 党支部 [-o 目录] [--format ...] [--plain] [--encoding ...] [--draft]"

enum {
	OPT_SEQ = ARGS_LONG_ID, OPT_FILLER, OPT_ORG, OPT_BRANCH, OPT_FORMAT,
	OPT_ENCODING, OPT_DRAFT, OPT_REPLACE, OPT_ONLY, OPT_PLAIN
};

static const struct args_opt export_opts[] = {
	{ OPT_SEQ, 0, "seq", ARGS_VALUE },
	{ OPT_FILLER, 0, "filler", ARGS_VALUE },
	{ OPT_ORG, 0, "org", ARGS_VALUE },
	{ OPT_BRANCH, 0, "branch", ARGS_VALUE },
	{ OPT_FORMAT, 0, "format", ARGS_VALUE },
	{ OPT_ENCODING, 0, "encoding", ARGS_VALUE },
	{ 'o', 'o', "output", ARGS_VALUE },
	{ OPT_DRAFT, 0, "draft", 0 },
	{ OPT_REPLACE, 0, "replace", 0 },
	{ OPT_ONLY, 0, "only", ARGS_VALUE },
	{ OPT_PLAIN, 0, "plain", 0 },
	{ 0, 0, NULL, 0 }
};

static int
cmd_export_exec(struct app *app, struct args *args)
{
	struct export_opts o;
	struct export_result *res = NULL;
	const char *org, *branch, *fmt, *enc, *only;
	char *cause = NULL;
	int rc;

	memset(&o, 0, sizeof o);
	o.seq = args_get(args, OPT_SEQ);
	o.filler = args_get(args, OPT_FILLER);
	o.outdir = args_get(args, 'o');
	o.draft = args_has(args, OPT_DRAFT) > 0;
	o.replace = args_has(args, OPT_REPLACE) > 0;
	o.plain = args_has(args, OPT_PLAIN) > 0;
	o.review = 1;           /* the workflow: 复核通过 (a branch's 附件4: 初核通过) */
	org = args_get(args, OPT_ORG);
	branch = args_get(args, OPT_BRANCH);
	only = args_get(args, OPT_ONLY);
	/* the source's 电子表 (XLSX, with 下拉菜单) unless CSV is asked for;
	 * --encoding and --plain are about CSV, so they ask for it */
	if ((fmt = args_get(args, OPT_FORMAT)) == NULL)
		fmt = args_get(args, OPT_ENCODING) != NULL || o.plain ? "csv" : "xlsx";
	if ((enc = args_get(args, OPT_ENCODING)) == NULL)
		enc = "utf8";
	if (strcmp(fmt, "csv") == 0)
		o.formats = EXPORT_CSV;
	else if (strcmp(fmt, "xlsx") == 0)
		o.formats = EXPORT_XLSX;
	else if (strcmp(fmt, "both") == 0)
		o.formats = EXPORT_CSV | EXPORT_XLSX;
	else {
		app_error("export: --format 应为 csv、xlsx 或 both");
		return 2;
	}
	if (o.plain && o.formats != EXPORT_CSV) {
		app_error("export: --plain 只用于 --format csv(给其他程序读的纯数据)");
		return 2;
	}
	if (only == NULL)
		o.only = EXPORT_ALL;
	else if (strcmp(only, "orgs") == 0)
		o.only = EXPORT_ORGS;
	else if (strcmp(only, "members") == 0)
		o.only = EXPORT_MEMBERS;
	else {
		app_error("export: --only 应为 orgs(两个党组织汇总表)或 members(党员基本信息汇总表)");
		return 2;
	}
	if (only != NULL && branch != NULL) {
		app_error("export: --branch 只导出党员基本信息汇总表,不能与 --only 同用");
		return 2;
	}
	if (strcmp(enc, "utf8") == 0 || strcmp(enc, "utf-8") == 0)
		o.encoding = EXPORT_UTF8;
	else if (strcmp(enc, "gb18030") == 0 || strcmp(enc, "GB18030") == 0)
		o.encoding = EXPORT_GB18030;
	else {
		app_error("export: --encoding 应为 utf8 或 gb18030");
		return 2;
	}
	if (branch != NULL && org != NULL) {
		app_error("export: --branch 与 --org 不能同时使用");
		return 2;
	}
	if (branch == NULL && (o.seq == NULL || o.filler == NULL)) {
		app_error("export: 请用 --seq 指定序号、用 --filler 指定填报人姓名");
		cmd_usage_one(&cmd_export_entry, stderr);
		return 2;
	}
	if (app_open_existing(app) != 0)
		return 1;
	o.today = app->today;
	o.msg = stderr;
	if (branch != NULL) {
		if (store_org_by_name(app->st, branch, &o.branch) != 0)
			return app_error("找不到党支部: %s", branch);
	} else if (app_pick_committee(app, org, "数据库中没有下设党支部或党总支的党委,无法导出上报文件夹"
	    "(党支部可用 --branch 导出本支部的党员基本信息汇总表)", &o.top) != 0) {
		return 1;
	}
	res = calloc(1, sizeof *res);
	if (res == NULL)
		return app_error("内存不足");
	rc = export_run(app->st, &o, res, &cause);
	switch (rc) {
	case EXPORT_OK:
		if (export_audit(app->st, &o, res, &cause) != 0) {
			app_error("导出完成,但无法记入审计记录: %s", cause ? cause : "");
			rc = 1;
			break;
		}
		if (branch != NULL || o.only == EXPORT_MEMBERS)
			printf("已导出: %s\n党员 %zu 名%s\n", res->path, res->members,
			    o.only == EXPORT_MEMBERS ? "(只导出了党员基本信息汇总表)" : "");
		else if (o.only == EXPORT_ORGS)
			printf("已导出: %s\n党组织 %zu 个(党支部表 %zu 行)(只导出了两个党组织和所在单位信息汇总表;"
			    "党员基本信息汇总表以后用 --only members 放入同一文件夹)\n",
			    res->path, res->orgs, res->org_rows);
		else
			printf("已导出: %s\n党组织 %zu 个(党支部表 %zu 行),党员 %zu 名\n",
			    res->path, res->orgs, res->org_rows, res->members);
		if (res->problems > 0)
			printf("注意: 有 %zu 个问题,已按草稿导出;问题清单: %s\n",
			    res->problems, res->problems_path);
		rc = 0;
		break;
	case EXPORT_EPROBLEMS:
		app_error("发现 %zu 个问题,未导出任何文件。问题清单已保存到 %s;"
		    "改正后重新导出,或加 --draft 导出草稿。", res->problems,
		    res->problems_path);
		rc = 1;
		break;
	case EXPORT_EEXIST:
		if (o.only != EXPORT_ALL)
			app_error("文件夹 %s 中已有要导出的汇总表(未改动)。加 --replace 替换这几个文件。",
			    res->path);
		else
			app_error("文件夹已存在: %s(未改动)。请移走它,或加 --replace 替换。",
			    res->path);
		rc = 1;
		break;
	default:
		app_error("导出失败: %s", cause ? cause : "未知错误");
		rc = 1;
		break;
	}
	free(cause);
	free(res);
	return rc;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = EXPORT_USAGE,
	.summary = "导出上报文件夹(党组织和所在单位信息汇总表、党员基本信息汇总表)",
	.args = { export_opts, 0, 0, 0 },
	.usage_status = 2,
	.exec = cmd_export_exec,
};
