/* cmd-stats.c - caiji stats: member statistics per organisation and in total. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "stats.h"

enum { OPT_ORG = ARGS_LONG_ID };

static const struct args_opt stats_opts[] = {
	{ OPT_ORG, 0, "org", ARGS_VALUE },
	{ 0, 0, NULL, 0 }
};

static int
cmd_stats_exec(struct app *app, struct args *args)
{
	const char *org = args_get(args, OPT_ORG);
	struct stats st;
	uint64_t top = 0;
	int rc;

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
	.usage = "[--org 党组织名称]",
	.summary = "统计党员人数(正式/预备、性别、民族、年龄、学历、失联、流动等),与党统人数对照",
	.args = { stats_opts, 0, 0, 0 },
	.usage_status = 2,
	.exec = cmd_stats_exec,
};
