/* cmd-backup.c - caiji backup and caiji restore: verified copies of the
 * database taken while clerks work, and their restore into a new directory. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "backup.h"

enum { OPT_KEEP = ARGS_LONG_ID };

static const struct args_opt backup_opts[] = {
	{ 'o', 'o', "output", ARGS_VALUE },
	{ OPT_KEEP, 0, "keep", ARGS_VALUE },
	{ 0, 0, NULL, 0 }
};

static int
cmd_backup_exec(struct app *app, struct args *args)
{
	const char *out = args_get(args, 'o'), *keep_s = args_get(args, OPT_KEEP);
	char dir[4200], path[4400], *cause = NULL, *end;
	struct backup_info info;
	long keep = 14;

	if (keep_s != NULL) {
		keep = strtol(keep_s, &end, 10);
		if (*keep_s == '\0' || *end != '\0' || keep < 0 || keep > 100000)
			return app_error("backup: --keep 应为 0 或正整数: %s", keep_s);
	}
	if (app->setgid && out == NULL)
		app->backup_keep = (int)keep + 1;   /* taken at open, before the group goes */
	if (app_open_existing(app) != 0)
		return 1;
	if (app_require(app, ROLE_ADMIN, "备份数据库") != 0)
		return 1;
	if (app->backup_keep > 0) {
		if (app->backup_rc != 0) {
			app_error("backup: %s", app->backup_cause ? app->backup_cause : "失败");
			return 1;
		}
		/* verified by backup_run; the folder is out of reach now */
		snprintf(path, sizeof path, "%s", app->backup_path);
		info.orgs = app->backup_orgs;
		info.members = app->backup_members;
		info.audit = app->backup_audit;
		goto done;
	}
	if (out != NULL)
		snprintf(dir, sizeof dir, "%s", out);
	else if (app->conf_backup[0] != '\0')
		snprintf(dir, sizeof dir, "%s", app->conf_backup);
	else
		snprintf(dir, sizeof dir, "%s/backups", app->dbdir);
	if (backup_run(app->st, dir, (int)keep, path, sizeof path, &info, &cause) != 0) {
		app_error("backup: %s", cause ? cause : "失败");
		free(cause);
		return 1;
	}
done:
	if (store_audit_note(app->st, AU_BACKUP, AUK_DB, path, "备份", NULL, 0,
	    &cause) != 0) {
		app_error("backup: 备份已写入,但无法记入审计记录: %s", cause ? cause : "");
		free(cause);
		return 1;
	}
	printf("已备份并校验: %s(党组织 %" PRIu64 " 个,党员 %" PRIu64 " 名,审计记录 %"
	    PRIu64 " 条)\n", path, info.orgs, info.members, info.audit);
	return 0;
}

const struct cmd_entry cmd_backup_entry = {
	.name = "backup",
	.usage = "[-o 备份目录] [--keep N]",
	.summary = "在他人录入的同时备份数据库(压缩复制),校验后只保留最近 N 份(默认 14)",
	.args = { backup_opts, 0, 0, 0 },
	.usage_status = 2,
	.exec = cmd_backup_exec,
};

static int
cmd_restore_exec(struct app *app, struct args *args)
{
	struct backup_info info;
	char *cause = NULL;

	if (app->setgid)
		return app_error("没有权限: 恢复备份需要管理员以 root 或数据库所有者身份运行");
	if (app->dbdir_owned != NULL)
		return app_error("restore: 请用 -d 指定一个新的空目录");
	if (backup_restore(args_arg(args, 0), app->dbdir, &info, &cause) != 0) {
		app_error("restore: %s", cause ? cause : "失败");
		free(cause);
		return 1;
	}
	printf("已恢复到 %s(党组织 %" PRIu64 " 个,党员 %" PRIu64 " 名,审计记录 %" PRIu64
	    " 条,哈希链完整)\n", app->dbdir, info.orgs, info.members, info.audit);
	return 0;
}

const struct cmd_entry cmd_restore_entry = {
	.name = "restore",
	.usage = "备份文件 -d 新目录",
	.summary = "把备份恢复到一个新的空目录(从不覆盖正在使用的数据库)",
	.args = { NULL, 1, 1, 0 },
	.usage_status = 2,
	.exec = cmd_restore_exec,
};
