/* cmd-demo.c - caiji demo (placeholder until its issue lands). */
#include "app.h"

static int
cmd_demo_exec(struct app *app, int argc, char **argv)
{
	(void)app; (void)argc; (void)argv;
	return app_error("demo: 尚未实现");
}

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.usage = "",
	.summary = "",
	.exec = cmd_demo_exec,
};
