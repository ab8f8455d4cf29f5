/* cmd-validate.c - caiji validate (placeholder until its issue lands). */
#include "app.h"

static int
cmd_validate_exec(struct app *app, int argc, char **argv)
{
	(void)app; (void)argc; (void)argv;
	return app_error("validate: 尚未实现");
}

const struct cmd_entry cmd_validate_entry = {
	.name = "validate",
	.usage = "",
	.summary = "",
	.exec = cmd_validate_exec,
};
