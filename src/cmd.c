/*
 * cmd.c - the command table and the one way every command is run: its
 * arguments parsed against its template, -h and -d handled here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"

static const struct cmd_entry *const cmd_table[] = {
	&cmd_demo_entry,
	&cmd_gen_entry,
	&cmd_validate_entry,
	&cmd_import_entry,
	&cmd_check_entry,
	&cmd_export_entry,
	&cmd_stats_entry,
	&cmd_verify_entry,
	&cmd_find_entry,
	&cmd_print_entry,
	&cmd_log_entry,
	&cmd_backup_entry,
	&cmd_restore_entry,
	&cmd_user_entry,
	&cmd_setup_entry,
	&cmd_review_entry,
	&cmd_progress_entry,
};
#define NCMDS (sizeof cmd_table / sizeof cmd_table[0])

/* Options every command takes besides its own. */
static const struct args_opt cmd_common[] = {
	{ 'd', 'd', "db", ARGS_VALUE },
	{ 0, 0, NULL, 0 }
};

const struct cmd_entry *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

void
cmd_usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "用法: caiji [-d 目录]            打开录入界面\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(fp, "      caiji %s [-d 目录] %s\n        %s\n",
		    cmd_table[i]->name, cmd_table[i]->usage, cmd_table[i]->summary);
	fprintf(fp, "      caiji --help | --version\n");
}

void
cmd_usage_one(const struct cmd_entry *e, FILE *fp)
{
	fprintf(fp, "用法: caiji %s [-d 目录]%s%s\n", e->name,
	    *e->usage ? " " : "", e->usage);
}

int
cmd_run(struct app *app, const struct cmd_entry *e, int argc, char **argv)
{
	struct args *args = NULL;
	char *cause = NULL;
	const char *dir;
	int rc;

	rc = args_parse(&e->args, cmd_common, argc, argv, &args, &cause);
	if (rc == ARGS_HELP) {
		cmd_usage_one(e, stdout);
		printf("  %s\n", e->summary);
		if (e->help != NULL)
			e->help(stdout);
		return app_flush_stdout(e->name);
	}
	if (rc != 0) {
		app_error("%s: %s", e->name, cause ? cause : "参数有误");
		free(cause);
		cmd_usage_one(e, stderr);
		return e->usage_status ? e->usage_status : 1;
	}
	if ((dir = args_get(args, 'd')) != NULL && app->setgid) {
		args_free(args);
		return app_error("没有权限: 共享模式下不能用 -d 指定数据库"
		    "(只使用配置文件 %s 中的数据库)", CAIJI_CONF);
	}
	if (dir != NULL)
		app->dbdir = dir;
	if (app_resolve_dbdir(app) != 0)
		rc = 1;
	else
		rc = e->exec(app, args);
	args_free(args);
	/* what a command printed must have been written, or it fails */
	if (app_flush_stdout(e->name) != 0 && rc == 0)
		rc = 1;
	return rc;
}
