/* cmd-verify.c - caiji verify --report: the agreement rates of double keying. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "verify.h"

enum { OPT_REPORT = ARGS_LONG_ID };

static const struct args_opt verify_opts[] = {
	{ OPT_REPORT, 0, "report", 0 },
	{ 0, 0, NULL, 0 }
};

static int
cmd_verify_exec(struct app *app, struct args *args)
{
	char *text;
	int rc;

	if (args_has(args, OPT_REPORT) <= 0)
		return app_error("verify: 请加 --report (抽样和核对录入在界面中进行: 组织树上按 v)");
	if (app_open_existing(app) != 0)
		return 1;
	if ((text = malloc(65536)) == NULL)
		return app_error("内存不足");
	if ((rc = verify_report(app->st, text, 65536)) != 0) {
		free(text);
		return app_error("读取核对记录失败: %s", store_strerror(rc));
	}
	fputs(text, stdout);
	free(text);
	return 0;
}

const struct cmd_entry cmd_verify_entry = {
	.name = "verify",
	.usage = "--report",
	.summary = "双录核对: 各录入员的一致率(抽样和核对录入在界面中: 组织树上按 v)",
	.args = { verify_opts, 0, 0, 0 },
	.usage_status = 2,
	.exec = cmd_verify_exec,
};
