/* cmd-setup.c - caiji setup --shared DIR (as root): the group caiji, the
 * database directory root:caiji 2770 with its database, and the root-owned
 * configuration file that names it (see README, 管理员). */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "safefile.h"

extern char **environ;

enum { OPT_SHARED = ARGS_LONG_ID };

static const struct args_opt setup_opts[] = {
	{ OPT_SHARED, 0, "shared", ARGS_VALUE },
	{ 0, 0, NULL, 0 }
};

/* The group's id, made by groupadd when missing; -1 on failure. */
static gid_t
ensure_group(void)
{
	struct group *g = getgrnam(CAIJI_GROUP);
	char *argv[] = { (char *)"groupadd", (char *)"--system", (char *)CAIJI_GROUP, NULL };
	pid_t pid;
	int status;

	if (g != NULL)
		return g->gr_gid;
	if (posix_spawn(&pid, "/usr/sbin/groupadd", NULL, NULL, argv, environ) != 0 ||
	    waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0 || (g = getgrnam(CAIJI_GROUP)) == NULL)
		return (gid_t)-1;
	return g->gr_gid;
}

/* dir (a real directory, not a symlink) as root:gid with mode. */
static int
own_dir(const char *dir, gid_t gid, mode_t mode)
{
	int fd;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	if ((fd = safe_dir_open(dir)) < 0)
		return -1;
	if (fchown(fd, 0, gid) != 0 || fchmod(fd, mode) != 0) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* A file of the database: root:gid 0660 (never through a symlink). */
static int
own_file(const char *dir, const char *name, gid_t gid)
{
	char p[PATH_MAX];
	int fd;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	if ((fd = open(p, O_RDWR | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return -1;
	if (fchown(fd, 0, gid) != 0 || fchmod(fd, 0660) != 0) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int
write_conf(const char *dir)
{
	char tmp[PATH_MAX];
	FILE *fp;
	int fd;

	if ((fd = safe_tmp_beside(CAIJI_CONF, tmp, sizeof tmp)) < 0)
		return -1;
	if (fchmod(fd, 0644) != 0 || (fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	fprintf(fp, "# caiji 共享数据库 (caiji setup --shared 写入; 仅 root 可改)\n"
	    "db = %s\n# backup = %s/backups\n", dir, dir);
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0 || fclose(fp) != 0 ||
	    rename(tmp, CAIJI_CONF) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int
cmd_setup_exec(struct app *app, struct args *args)
{
	const char *arg = args_get(args, OPT_SHARED);
	char dir[PATH_MAX], bdir[PATH_MAX + 16];
	struct store *s = NULL;
	char *cause = NULL;
	gid_t gid;

	if (arg == NULL) {
		app_error("setup: 请用 --shared 目录 指定共享数据库目录");
		cmd_usage_one(&cmd_setup_entry, stderr);
		return 2;
	}
	if (getuid() != 0 || geteuid() != 0)
		return app_error("没有权限: caiji setup 需要以 root 运行(sudo caiji setup --shared %s)",
		    arg);
	if (*arg != '/')
		return app_error("setup: 目录须为绝对路径: %s", arg);
	if ((gid = ensure_group()) == (gid_t)-1)
		return app_error("setup: 无法建立用户组 %s(groupadd 失败)", CAIJI_GROUP);
	if (own_dir(arg, gid, 02770) != 0 || realpath(arg, dir) == NULL)
		return app_error("setup: 无法建立目录 %s: %s", arg, strerror(errno));
	umask(007);
	if (store_open(&s, dir, STORE_SHARED, 0, &cause) != 0) {
		app_error("setup: 无法建立数据库: %s", cause ? cause : "");
		free(cause);
		return 1;
	}
	store_close(s);
	umask(077);
	snprintf(bdir, sizeof bdir, "%s/backups", dir);
	if (own_file(dir, "data.mdb", gid) != 0 || own_file(dir, "lock.mdb", gid) != 0 ||
	    own_dir(bdir, gid, 02770) != 0)
		return app_error("setup: 无法设置 %s 的属主和权限: %s", dir, strerror(errno));
	if (write_conf(dir) != 0)
		return app_error("setup: 无法写入 %s: %s", CAIJI_CONF, strerror(errno));
	(void)app;
	printf("已建立共享数据库 %s(root:%s 2770)和配置文件 %s。\n"
	    "下一步: make install SHARED=1(安装为 setgid %s 的 caiji),\n"
	    "然后用 caiji user add 登录名 --role 管理员|党委|支部 [--org 党组织全称] 添加用户。\n",
	    dir, CAIJI_GROUP, CAIJI_CONF, CAIJI_GROUP);
	return 0;
}

const struct cmd_entry cmd_setup_entry = {
	.name = "setup",
	.usage = "--shared 目录",
	.summary = "(root)建立多人共用的数据库: 用户组 caiji、目录 root:caiji 2770、配置文件",
	.args = { setup_opts, 0, 0, 0 },
	.usage_status = 2,
	.exec = cmd_setup_exec,
};
