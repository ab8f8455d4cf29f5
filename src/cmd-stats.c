/* cmd-stats.c - caiji stats: member statistics per organisation and in total. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "stats.h"

static int
cmd_stats_exec(struct app *app, int argc, char **argv)
{
	const char *org = NULL;
	struct stats st;
	uint64_t top = 0;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--org") == 0 && i + 1 < argc)
			org = argv[++i];
		else if (strncmp(argv[i], "--org=", 6) == 0)
			org = argv[i] + 6;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			printf("用法: caiji stats [--org 党组织名称]\n");
			return 0;
		}
		else {
			app_error("stats: 未知参数 %s", argv[i]);
			fprintf(stderr, "用法: caiji stats [--org 党组织名称]\n");
			return 2;
		}
	}
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
	.exec = cmd_stats_exec,
};
