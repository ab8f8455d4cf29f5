/*
 * app.c - helpers on the application context shared by every command and
 * screen (kept out of main.c so the unit tests link them too).
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "backup.h"
#include "outfile.h"
#include "report.h"

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

const char *
app_role_name(int role)
{
	switch (role) {
	case ROLE_ADMIN: return "管理员";
	case ROLE_COMMITTEE: return "党委";
	case ROLE_BRANCH: return "支部";
	default: return "";
	}
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
app_role_parse(const char *name)
{
	int r;

	for (r = ROLE_ADMIN; r <= ROLE_BRANCH; r++)
		if (strcmp(name, app_role_name(r)) == 0)
			return r;
	return ROLE_NONE;
}

int
app_require(struct app *app, int need, const char *what)
{
	/* ROLE_ADMIN < ROLE_COMMITTEE < ROLE_BRANCH: a smaller number may more */
	if (app->role != ROLE_NONE && app->role <= need)
		return 0;
	return app_error("没有权限: %s需要「%s」角色(您是「%s」)", what,
	    app_role_name(need), app->role ? app_role_name(app->role) : "未登记用户");
}

int
app_drop_group(struct app *app)
{
	gid_t g = getgid();

	if (!app->setgid)
		return 0;
	if (setresgid(g, g, g) != 0 || getegid() != g)
		return app_error("无法放弃 %s 组权限: %s", CAIJI_GROUP, strerror(errno));
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	return 0;
}

/* The login's role and scope in the open store (see app.h). */
static int
resolve_role(struct app *app)
{
	struct store_user u;

	if (!app->setgid || getuid() == 0) {
		app->role = ROLE_ADMIN;   /* single-user mode: the owner; and root */
		app->scope = 0;
	} else if (store_user_get(app->st, app->user, &u) == 0) {
		app->role = u.role;
		app->scope = u.role == ROLE_ADMIN ? 0 : u.org;
	} else
		return app_error("没有权限: 登录名 %s 不是本数据库的用户"
		    "(请管理员用 caiji user add %s --role 支部 --org 党组织全称 添加)",
		    app->user, app->user);
	if (app->role != ROLE_ADMIN && app->scope == 0)
		return app_error("没有权限: 用户 %s 的角色「%s」未指定党组织",
		    app->user, app_role_name(app->role));
	store_set_scope(app->st, app->scope);
	return 0;
}

/* Shared mode: the first open of the day backs the database up. */
static void
daily_backup(struct app *app)
{
	char dir[4200], day[16], path[4400], *cause = NULL;
	struct backup_info info;
	time_t now = time(NULL);
	struct tm tm;

	if (!app->setgid)
		return;
	localtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y%m%d", &tm);
	if (app->conf_backup[0] != '\0')
		snprintf(dir, sizeof dir, "%s", app->conf_backup);
	else
		snprintf(dir, sizeof dir, "%s/backups", app->dbdir);
	if (backup_exists_on(dir, day))
		return;
	if (backup_run(app->st, dir, 14, path, sizeof path, &info, &cause) == 0)
		(void)store_audit_note(app->st, AU_BACKUP, AUK_DB, path, "每日自动备份",
		    NULL, 0, NULL);
	else
		app_error("每日自动备份失败: %s", cause ? cause : "");
	free(cause);
}

int
app_open_store_sized(struct app *app, size_t map)
{
	char *cause = NULL;
	int rc;

	if (app->st != NULL)
		return 0;
	rc = store_open(&app->st, app->dbdir, app->store_flags, map, &cause);
	if (rc != 0) {
		app_error("无法打开数据库 %s: %s", app->dbdir,
		    cause ? cause : store_strerror(rc));
		free(cause);
		app->st = NULL;
		(void)app_drop_group(app);
		return 1;
	}
	store_set_user(app->st, app->user);
	if (resolve_role(app) != 0) {
		store_close(app->st);
		app->st = NULL;
		(void)app_drop_group(app);
		return 1;
	}
	if (app->setgid && app->backup_keep > 0 && app->role == ROLE_ADMIN) {
		struct backup_info info;
		char dir[4200];

		if (app->conf_backup[0] != '\0')
			snprintf(dir, sizeof dir, "%s", app->conf_backup);
		else
			snprintf(dir, sizeof dir, "%s/backups", app->dbdir);
		app->backup_rc = backup_run(app->st, dir, app->backup_keep - 1,
		    app->backup_path, sizeof app->backup_path, &info, &app->backup_cause);
		app->backup_orgs = info.orgs;
		app->backup_members = info.members;
		app->backup_audit = info.audit;
	} else
		daily_backup(app);
	return app_drop_group(app);
}

int
app_open_store(struct app *app)
{
	return app_open_store_sized(app, 0);
}

/* Keep only a sane value of the terminal and locale variables. */
static int
env_sane(const char *v)
{
	return v != NULL && *v != '\0' && strlen(v) < 64 && strchr(v, '/') == NULL &&
	    strstr(v, "..") == NULL;
}

int
app_read_conf(struct app *app, const char *path)
{
	struct stat st;
	FILE *fp;
	char line[4200];
	int fd;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return app_error("无法读取配置文件 %s: %s(请管理员运行 caiji setup --shared 目录)",
		    path, errno == ELOOP ? "不能是符号链接" : strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != 0 ||
	    (st.st_mode & 022) != 0) {
		close(fd);
		return app_error("配置文件 %s 不安全: 须为 root 所有、他人不可写的普通文件", path);
	}
	if ((fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		return app_error("无法读取配置文件 %s", path);
	}
	app->conf_db[0] = app->conf_backup[0] = '\0';
	while (fgets(line, sizeof line, fp) != NULL) {
		char *k = line, *v, *e;

		line[strcspn(line, "\n")] = '\0';
		while (*k == ' ' || *k == '\t')
			k++;
		if (*k == '#' || *k == '\0' || (v = strchr(k, '=')) == NULL)
			continue;
		for (e = v; e > k && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		*e = '\0';
		for (v++; *v == ' ' || *v == '\t'; v++)
			;
		if (strcmp(k, "db") == 0 && *v == '/')
			snprintf(app->conf_db, sizeof app->conf_db, "%s", v);
		else if (strcmp(k, "backup") == 0 && *v == '/')
			snprintf(app->conf_backup, sizeof app->conf_backup, "%s", v);
	}
	fclose(fp);
	if (app->conf_db[0] == '\0')
		return app_error("配置文件 %s 中没有 db = 数据库目录", path);
	return 0;
}

int
app_secure_start(struct app *app, int dbdir_given)
{
	static const char *const keep[] = { "TERM", "LANG", "LC_ALL", "LC_CTYPE",
	    "LC_MESSAGES", "LC_TIME", "LC_COLLATE", "LC_NUMERIC" };
	char saved[8][64];
	struct passwd *pw = getpwuid(getuid());
	size_t i;

	/* root running the setgid binary is root: nothing to drop */
	app->setgid = (getegid() != getgid() || geteuid() != getuid()) && getuid() != 0;
	if (pw == NULL)
		return app_error("无法确定登录名(uid %ld)", (long)getuid());
	snprintf(app->login, sizeof app->login, "%s", pw->pw_name);
	app->user = app->login;
	if (!app->setgid) {
		struct stat st;

		/* root without -d: the configured shared database, when there is one */
		if (getuid() == 0 && !dbdir_given && getenv("CAIJI_DB") == NULL &&
		    lstat(CAIJI_CONF, &st) == 0) {
			if (app_read_conf(app, CAIJI_CONF) != 0)
				return 1;
			app->dbdir = app->conf_db;
			app->store_flags |= STORE_SHARED;
		}
		return 0;
	}
	if (dbdir_given)
		return app_error("没有权限: 共享模式下不能用 -d 指定数据库"
		    "(只使用配置文件 %s 中的数据库)", CAIJI_CONF);
	if (getenv("CAIJI_DB") != NULL)
		return app_error("没有权限: 共享模式下不能用 CAIJI_DB 指定数据库"
		    "(只使用配置文件 %s 中的数据库)", CAIJI_CONF);
	for (i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		const char *v = getenv(keep[i]);

		snprintf(saved[i], sizeof saved[i], "%s", env_sane(v) ? v : "");
	}
	if (clearenv() != 0)
		return app_error("无法清理环境变量");
	for (i = 0; i < sizeof keep / sizeof keep[0]; i++)
		if (saved[i][0] != '\0')
			setenv(keep[i], saved[i], 1);
	setenv("HOME", pw->pw_dir, 1);
	setenv("PATH", "/usr/bin:/bin", 1);
	if (app_read_conf(app, CAIJI_CONF) != 0)
		return 1;
	app->dbdir = app->conf_db;
	app->store_flags |= STORE_SHARED;
	umask(077);
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
	free(app->backup_cause);
	app->backup_cause = NULL;
}

int
app_pick_committee(struct app *app, const char *name, const char *none,
    uint64_t *id)
{
	uint64_t *ids = NULL;
	size_t n = 0, i;
	struct org *o;

	if (name != NULL) {
		if (store_org_by_name(app->st, name, id) != 0)
			return app_error("找不到党组织: %s", name);
		return 0;
	}
	if (report_committees(app->st, &ids, &n) != 0)
		return app_error("读取数据库失败");
	if (n == 1) {
		*id = ids[0];
		free(ids);
		return 0;
	}
	if (n == 0) {
		free(ids);
		return app_error("%s", none);
	}
	o = malloc(sizeof *o);
	fprintf(stderr, "caiji: 数据库中有 %zu 个基层党委,请用 --org 指定其中一个:\n", n);
	for (i = 0; i < n && o != NULL; i++)
		if (store_org_get_head(app->st, ids[i], o) == 0)
			fprintf(stderr, "  %s\n", o->name);
	free(o);
	free(ids);
	return 1;
}
