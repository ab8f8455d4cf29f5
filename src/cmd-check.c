/* cmd-check.c - caiji check (placeholder until its issue lands). */
#include "app.h"

static int
cmd_check_exec(struct app *app, int argc, char **argv)
{
	(void)app; (void)argc; (void)argv;
	return app_error("check: 尚未实现");
}

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "",
	.summary = "",
	.exec = cmd_check_exec,
};
