/* cmd-gen.c - caiji gen (placeholder until its issue lands). */
#include "app.h"

static int
cmd_gen_exec(struct app *app, int argc, char **argv)
{
	(void)app; (void)argc; (void)argv;
	return app_error("gen: 尚未实现");
}

const struct cmd_entry cmd_gen_entry = {
	.name = "gen",
	.usage = "",
	.summary = "",
	.exec = cmd_gen_exec,
};
