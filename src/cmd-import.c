/* cmd-import.c - caiji import (placeholder until its issue lands). */
#include "app.h"

static int
cmd_import_exec(struct app *app, int argc, char **argv)
{
	(void)app; (void)argc; (void)argv;
	return app_error("import: 尚未实现");
}

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "",
	.summary = "",
	.exec = cmd_import_exec,
};
