/* cmd-user.c - caiji user add|list|remove: the clerks of a shared database
 * and their roles (管理员, 党委, 支部), each change recorded in the audit trail. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "record.h"

enum { OPT_ROLE = ARGS_LONG_ID, OPT_ORG };

static const struct args_opt user_opts[] = {
	{ OPT_ROLE, 0, "role", ARGS_VALUE },
	{ OPT_ORG, 0, "org", ARGS_VALUE },
	{ 0, 0, NULL, 0 }
};

static int
print_user(const struct store_user *u, void *ud)
{
	struct app *app = ud;
	struct org *o = malloc(sizeof *o);

	printf("%-16s %s", u->login, app_role_name(u->role));
	if (u->org != 0 && o != NULL && store_org_get_head(app->st, u->org, o) == 0)
		printf("\t%s", o->name);
	putchar('\n');
	free(o);
	return 0;
}

static int
user_add(struct app *app, const char *login, const char *role_s, const char *org_s)
{
	struct store_user u;
	struct org *o = NULL;
	char text[600], *cause = NULL;
	int rc = 1;

	memset(&u, 0, sizeof u);
	if (role_s == NULL || (u.role = app_role_parse(role_s)) == ROLE_NONE)
		return app_error("user add: --role 应为 管理员、党委 或 支部");
	if (getpwnam(login) == NULL)
		return app_error("user add: 系统中没有登录名 %s", login);
	if (strlen(login) >= sizeof u.login)
		return app_error("user add: 登录名过长");
	snprintf(u.login, sizeof u.login, "%s", login);
	if (u.role != ROLE_ADMIN) {
		if (org_s == NULL)
			return app_error("user add: 角色「%s」须用 --org 指定党组织全称",
			    app_role_name(u.role));
		if (store_org_by_name(app->st, org_s, &u.org) != 0)
			return app_error("user add: 找不到党组织「%s」(请输入全称)", org_s);
		if ((o = malloc(sizeof *o)) == NULL ||
		    store_org_get_head(app->st, u.org, o) != 0) {
			free(o);
			return app_error("user add: 无法读取党组织「%s」", org_s);
		}
		if (u.role == ROLE_BRANCH && !org_is_branch(o->category))
			app_error("user add: 「%s」不是党支部: 角色「支部」应指定党支部",
			    org_s);
		else if (u.role == ROLE_COMMITTEE && org_is_branch(o->category))
			app_error("user add: 「%s」是党支部: 角色「党委」应指定党委或党总支",
			    org_s);
		else
			rc = 0;
		free(o);
		if (rc != 0)
			return 1;
	} else if (org_s != NULL)
		return app_error("user add: 管理员管理全部党组织, 不用 --org");
	snprintf(text, sizeof text, "设为%s%s%s", app_role_name(u.role),
	    org_s ? ": " : "", org_s ? org_s : "");
	if (store_user_put(app->st, &u, text, &cause) != 0) {
		app_error("user add: %s", cause ? cause : "写入失败");
		free(cause);
		return 1;
	}
	printf("已设置用户 %s: %s\n", login, text);
	return 0;
}

static int
cmd_user_exec(struct app *app, struct args *args)
{
	const char *sub = args_arg(args, 0), *login = args_count(args) > 1 ?
	    args_arg(args, 1) : NULL;
	char *cause = NULL;

	if (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0 &&
	    strcmp(sub, "remove") != 0) {
		app_error("user: 未知操作 %s(add、list 或 remove)", sub);
		cmd_usage_one(&cmd_user_entry, stderr);
		return 2;
	}
	if ((strcmp(sub, "list") == 0) != (login == NULL)) {
		app_error("user: %s", login == NULL ? "缺少登录名" : "list 不带登录名");
		cmd_usage_one(&cmd_user_entry, stderr);
		return 2;
	}
	if (app_open_store(app) != 0)
		return 1;
	if (app_require(app, ROLE_ADMIN, "管理用户") != 0)
		return 1;
	if (strcmp(sub, "list") == 0)
		return store_user_each(app->st, print_user, app) != 0;
	if (strcmp(sub, "add") == 0)
		return user_add(app, login, args_get(args, OPT_ROLE),
		    args_get(args, OPT_ORG));
	if (store_user_remove(app->st, login, "删除用户", &cause) != 0) {
		app_error("user remove: %s", cause ? cause : "失败");
		free(cause);
		return 1;
	}
	printf("已删除用户 %s\n", login);
	return 0;
}

const struct cmd_entry cmd_user_entry = {
	.name = "user",
	.usage = "add 登录名 --role 管理员|党委|支部 [--org 党组织全称] | list | remove 登录名",
	.summary = "管理共享数据库的用户及其角色(仅管理员)",
	.args = { user_opts, 1, 2, 0 },
	.usage_status = 2,
	.exec = cmd_user_exec,
};
