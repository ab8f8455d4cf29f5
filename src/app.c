/*
 * app.c - helpers on the application context shared by every command and
 * screen (kept out of main.c so the unit tests link them too).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "app.h"

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
	int found;

	if (app->st != NULL)
		return 0;
	if (asprintf(&path, "%s/data.mdb", app->dbdir) < 0)
		return app_error("内存不足");
	found = stat(path, &st) == 0;
	free(path);
	if (!found)
		return app_error("数据库 %s 不存在(请先用录入界面、caiji import 或 caiji demo 建立)",
		    app->dbdir);
	return app_open_store(app);
}
