/*
 * main.c - caiji command line: the global options, then the command
 * (src/cmd.c).  `caiji [-d DIR]` with no command opens the TUI.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"

#ifndef CAIJI_VERSION
#define CAIJI_VERSION "0.1.0"
#endif

enum { OPT_VERSION = ARGS_LONG_ID };

/* Options before the command; the first positional argument is the
 * command, and what follows it is the command's. */
static const struct args_opt main_opts[] = {
	{ 'd', 'd', "db", ARGS_VALUE },
	{ OPT_VERSION, 0, "version", 0 },
	{ 0, 0, NULL, 0 }
};
static const struct args_template main_args = { main_opts, 0, -1, ARGS_STOP };

int
main(int argc, char **argv)
{
	struct app app;
	struct args *args = NULL;
	const struct cmd_entry *e;
	const char *env;
	char *cause = NULL;
	int rc;

	setlocale(LC_ALL, "");
	memset(&app, 0, sizeof app);
	umask(077);

	rc = args_parse(&main_args, NULL, argc, argv, &args, &cause);
	if (rc == ARGS_HELP) {
		cmd_usage(stdout);
		return app_flush_stdout(NULL);
	}
	if (rc != 0) {
		cmd_usage(stderr);
		rc = app_error("%s", cause ? cause : "参数有误");
		free(cause);
		return rc;
	}
	if (args_has(args, OPT_VERSION)) {
		printf("caiji %s\n", CAIJI_VERSION);
		args_free(args);
		return app_flush_stdout(NULL);
	}
	app.dbdir = args_get(args, 'd');
	/* setgid: the configured database only, a clean environment */
	if (app_secure_start(&app, app.dbdir != NULL) != 0) {
		args_free(args);
		return 1;
	}
	if ((env = getenv("CAIJI_TODAY")) != NULL && *env != '\0')
		app.today = env;
	if ((env = getenv("CAIJI_SHARED")) != NULL && strcmp(env, "1") == 0) {
		app.store_flags |= STORE_SHARED;
		umask(007);
	}

	if (args_count(args) == 0) {
		rc = app_resolve_dbdir(&app) != 0 ? 1 : ui_main(&app);
	} else if ((e = cmd_find(args_arg(args, 0))) == NULL) {
		cmd_usage(stderr);
		rc = app_error("未知命令: %s", args_arg(args, 0));
	} else
		rc = cmd_run(&app, e, args_count(args), args_argv(args));
	store_close(app.st);
	app_free(&app);
	args_free(args);
	return rc;
}
