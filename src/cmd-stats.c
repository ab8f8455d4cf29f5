/* cmd-stats.c - caiji stats: member statistics per organisation and in total. */
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "app.h"
#include "opstats.h"
#include "stats.h"

enum { OPT_ORG = ARGS_LONG_ID, OPT_OPERATORS, OPT_SINCE, OPT_FORMAT };

static const struct args_opt stats_opts[] = {
	{ OPT_ORG, 0, "org", ARGS_VALUE },
	{ OPT_OPERATORS, 0, "operators", 0 },
	{ OPT_SINCE, 0, "since", ARGS_VALUE },
	{ OPT_FORMAT, 0, "format", ARGS_VALUE },
	{ 0, 0, NULL, 0 }
};

/* caiji stats --operators [--since DATE] [--format csv]. */
static int
operators(struct app *app, const char *since, const char *format)
{
	struct store_opstat *rows = NULL;
	size_t n = 0, size;
	char *text;
	int rc;

	if (format != NULL && strcmp(format, "csv") != 0 && strcmp(format, "text") != 0)
		return app_error("--format 只能是 csv 或 text: %s", format);
	if (since != NULL && (strlen(since) != 10 || since[4] != '-' || since[7] != '-'))
		return app_error("--since 应写作 YYYY-MM-DD: %s", since);
	if (app_open_existing(app) != 0)
		return 1;
	if ((rc = opstats_collect(app->st, since, &rows, &n)) != 0)
		return app_error("统计失败: %s", store_strerror(rc));
	if (format != NULL && strcmp(format, "csv") == 0) {
		rc = opstats_csv(stdout, rows, n);
		free(rows);
		return rc == 0 ? 0 : app_error("写出失败");
	}
	size = 256 + (n + 1) * 160;
	if ((text = malloc(size)) == NULL) {
		free(rows);
		return app_error("内存不足");
	}
	opstats_text(rows, n, text, size);
	fputs(text, stdout);
	free(text);
	free(rows);
	return 0;
}

static int
cmd_stats_exec(struct app *app, struct args *args)
{
	const char *org = args_get(args, OPT_ORG);
	struct stats st;
	uint64_t top = 0;
	int rc;

	if (args_has(args, OPT_OPERATORS) > 0)
		return operators(app, args_get(args, OPT_SINCE), args_get(args, OPT_FORMAT));
	if (args_get(args, OPT_SINCE) != NULL || args_get(args, OPT_FORMAT) != NULL)
		return app_error("--since 和 --format 只用于 --operators");
	if (app_open_existing(app) != 0)
		return 1;
	if (org != NULL && store_org_by_name(app->st, org, &top) != 0)
		return app_error("找不到党组织: %s", org);
	rc = stats_compute(app->st, top, app->today, &st);
	if (rc != 0)
		return app_error("统计失败: %s", store_strerror(rc));
	if (st.n == 0)
		printf("数据库中还没有党组织。\n");
	else
		stats_print(stdout, &st);
	stats_free(&st);
	return 0;
}

const struct cmd_entry cmd_stats_entry = {
	.name = "stats",
	.usage = "[--org 党组织名称] | --operators [--since 日期] [--format csv]",
	.summary = "统计党员人数(正式/预备、性别、民族、年龄、学历、失联、流动等),与党统人数对照;--operators: 每个录入员每天的录入统计",
	.args = { stats_opts, 0, 0, 0 },
	.usage_status = 2,
	.exec = cmd_stats_exec,
};
