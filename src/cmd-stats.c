/* cmd-stats.c - caiji stats (placeholder until its issue lands). */
#include "app.h"

static int
cmd_stats_exec(struct app *app, int argc, char **argv)
{
	(void)app; (void)argc; (void)argv;
	return app_error("stats: 尚未实现");
}

const struct cmd_entry cmd_stats_entry = {
	.name = "stats",
	.usage = "",
	.summary = "",
	.exec = cmd_stats_exec,
};
