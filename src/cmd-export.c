/* cmd-export.c - caiji export (placeholder until its issue lands). */
#include "app.h"

static int
cmd_export_exec(struct app *app, int argc, char **argv)
{
	(void)app; (void)argc; (void)argv;
	return app_error("export: 尚未实现");
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "",
	.summary = "",
	.exec = cmd_export_exec,
};
