/*
 * app.c - helpers on the application context shared by every command and
 * screen (kept out of main.c so the unit tests link them too).
 */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "outfile.h"

int
app_error(const char *fmt, ...)
{
	va_list ap;

	fputs("caiji: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int
app_flush_stdout(const char *what)
{
	int e;

	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	e = ferror(stdout) && errno == 0 ? EIO : errno;
	if (what != NULL)
		app_error("%s: 无法写入标准输出: %s", what, outfile_strerror(e));
	else
		app_error("无法写入标准输出: %s", outfile_strerror(e));
	return 1;
}

int
app_open_store(struct app *app)
{
	char *cause = NULL;
	int rc;

	if (app->st != NULL)
		return 0;
	rc = store_open(&app->st, app->dbdir, app->store_flags, 0, &cause);
	if (rc != 0) {
		app_error("无法打开数据库 %s: %s", app->dbdir,
		    cause ? cause : store_strerror(rc));
		free(cause);
		return 1;
	}
	store_set_user(app->st, app->user);
	return 0;
}

int
app_open_existing(struct app *app)
{
	char *path = NULL;
	struct stat st;
	int found, e;

	if (app->st != NULL)
		return 0;
	if (asprintf(&path, "%s/data.mdb", app->dbdir) < 0)
		return app_error("内存不足");
	found = stat(path, &st) == 0;
	e = errno;
	free(path);
	if (!found && (e == EACCES || e == EPERM))
		return app_error("没有权限读取数据库 %s(它属于其他用户,或目录不允许您进入):"
		    "请用建立它的用户运行,多人共用时请管理员设置权限并设 CAIJI_SHARED=1",
		    app->dbdir);
	if (!found && e == ENOTDIR)
		return app_error("数据库 %s 的路径中有一项是文件,不是目录", app->dbdir);
	if (!found && e != ENOENT)
		return app_error("无法读取数据库 %s: %s", app->dbdir, strerror(e));
	if (!found)
		return app_error("数据库 %s 不存在(请先用录入界面、caiji import 或 caiji demo 建立)",
		    app->dbdir);
	return app_open_store(app);
}

/* The default database directory: $XDG_DATA_HOME/caiji or
 * ~/.local/share/caiji, its parents created owner-only.  NULL when out
 * of memory. */
static char *
default_dbdir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char *p = NULL, *q;

	if (xdg != NULL && *xdg == '/') {
		if (asprintf(&p, "%s/caiji", xdg) < 0)
			return NULL;
		return p;
	}
	if (home == NULL || *home == '\0') {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : "/tmp";
	}
	if (asprintf(&p, "%s/.local/share", home) < 0)
		return NULL;
	/* create the parents owner-only; store_open creates the last part */
	for (q = p + strlen(home); (q = strchr(q + 1, '/')) != NULL; *q = '/') {
		*q = '\0';
		mkdir(p, 0700);
	}
	mkdir(p, 0700);
	free(p);
	if (asprintf(&p, "%s/.local/share/caiji", home) < 0)
		return NULL;
	return p;
}

int
app_resolve_dbdir(struct app *app)
{
	const char *env;

	if (app->dbdir != NULL || app->st != NULL)
		return 0;
	if ((env = getenv("CAIJI_DB")) != NULL && *env != '\0') {
		app->dbdir = env;
		return 0;
	}
	if ((app->dbdir_owned = default_dbdir()) == NULL)
		return app_error("内存不足");
	app->dbdir = app->dbdir_owned;
	return 0;
}

void
app_free(struct app *app)
{
	free(app->dbdir_owned);
	app->dbdir_owned = NULL;
}
