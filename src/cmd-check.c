/* cmd-check.c - caiji check [--org ORG] [--format text|csv] [-o FILE]: the quality check list. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "check.h"
#include "outfile.h"

/* One line: [类别] 党组织 / 姓名(身份证号): 项目: 说明 (党员#id). */
static int
print_item(const struct check_item *it, void *ud)
{
	FILE *fp = ud;

	fprintf(fp, "[%s] %s", check_kind_label(it->kind), it->org);
	if (it->member_id != 0)
		fprintf(fp, " / %s(%s)", it->member, it->idcard);
	fprintf(fp, ": ");
	if (*it->field)
		fprintf(fp, "%s: ", it->field);
	fprintf(fp, "%s (%s#%llu)\n", it->msg, it->member_id ? "党员" : "党组织",
	    (unsigned long long)(it->member_id ? it->member_id : it->org_id));
	return ferror(fp) ? -1 : 0;
}

static void
print_summary(FILE *fp, const struct check_counts *c)
{
	int k, first = 1;

	if (c->items == 0) {
		fprintf(fp, "检查了%zu个党组织、%zu名党员:没有需要处理的问题\n", c->orgs, c->members);
		return;
	}
	fprintf(fp, "检查了%zu个党组织、%zu名党员:共%zu项需要处理(", c->orgs,
	    c->members, c->items);
	for (k = 0; k < CHK_COUNT; k++)
		if (c->by_kind[k] > 0) {
			fprintf(fp, "%s%s%zu", first ? "" : ",", check_kind_label(k), c->by_kind[k]);
			first = 0;
		}
	fprintf(fp, ")\n");
}

enum { OPT_ORG = ARGS_LONG_ID, OPT_FORMAT };

static const struct args_opt check_opts[] = {
	{ OPT_ORG, 0, "org", ARGS_VALUE },
	{ OPT_FORMAT, 0, "format", ARGS_VALUE },
	{ 'o', 'o', NULL, ARGS_VALUE },
	{ 0, 0, NULL, 0 }
};

static int
cmd_check_exec(struct app *app, struct args *args)
{
	const char *orgname = args_get(args, OPT_ORG), *format, *out = args_get(args, 'o');
	struct check_counts c;
	uint64_t org = 0;
	struct stat sb;
	char *tmp = NULL, *dir;
	FILE *fp = stdout;
	int rc, fd;

	if ((format = args_get(args, OPT_FORMAT)) == NULL)
		format = "text";
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0) {
		app_error("check: --format 只能是 text 或 csv");
		cmd_usage_one(&cmd_check_entry, stderr);
		return 1;
	}
	if (app_open_existing(app) != 0)
		return 1;
	if (orgname != NULL && store_org_by_name(app->st, orgname, &org) != 0)
		return app_error("check: 找不到党组织「%s」(请输入全称)", orgname);
	if (out != NULL && stat(out, &sb) == 0 && S_ISDIR(sb.st_mode))
		return app_error("check: %s 是目录,-o 要给出文件名(如 %s/检查结果.csv)", out, out);
	if (out != NULL && stat(out, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		/* a device or a pipe (/dev/stdout, a FIFO): written to as it is,
		 * never replaced by a file */
		fd = open(out, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
			rc = app_error("check: 无法写入 %s: %s", out, outfile_strerror(errno));
			if (fd >= 0)
				close(fd);
			return rc;
		}
	} else if (out != NULL) {
		/* written beside the target, renamed into place when complete */
		if (asprintf(&tmp, "%s.tmp-XXXXXX", out) < 0)
			return app_error("内存不足");
		fd = mkstemp(tmp);
		if (fd < 0 || fchmod(fd, 0600) != 0 || (fp = fdopen(fd, "w")) == NULL) {
			rc = app_error("check: 无法写入 %s: %s", out, errno == ENOENT ?
			    "所在目录不存在" : outfile_strerror(errno));
			if (fd >= 0) {
				close(fd);
				unlink(tmp);
			}
			free(tmp);
			return rc;
		}
	}
	if (strcmp(format, "csv") == 0) {
		if (check_csv_header(fp) != 0)
			rc = -1;
		else
			rc = check_run(app->st, org, app->today, check_csv_row, fp, &c);
	} else
		rc = check_run(app->st, org, app->today, print_item, fp, &c);
	if (fp != stdout) {
		int e = 0;

		/* the first failure's errno: ENOSPC is 磁盘空间不足 */
		if (ferror(fp) || fflush(fp) != 0)
			e = errno ? errno : EIO;
		if (e == 0 && tmp != NULL && fsync(fileno(fp)) != 0)
			e = errno;
		if (fclose(fp) != 0 && e == 0)
			e = errno;
		if (e == 0 && tmp != NULL && rename(tmp, out) != 0)
			e = errno;
		if (e != 0) {
			if (tmp != NULL)
				unlink(tmp);
			free(tmp);
			return app_error("check: 写入 %s 失败: %s", out, outfile_strerror(e));
		}
		/* and the rename lasts: the directory synced too */
		if (tmp != NULL && outfile_sync_dir(dir = dirname(tmp)) != 0) {
			rc = app_error("check: 无法将 %s 同步到磁盘: %s", dir,
			    outfile_strerror(errno));
			free(tmp);
			return rc;
		}
		free(tmp);
	}
	if (rc != 0 && fp == stdout && ferror(stdout))
		return 1;       /* cmd_run says that standard output failed */
	if (rc != 0)
		return app_error("check: %s", rc < 0 ? store_strerror(rc) : "输出失败");
	print_summary(fp == stdout && strcmp(format, "csv") != 0 ? stdout : stderr, &c);
	if (out != NULL)
		fprintf(stderr, "已写入 %s\n", out);
	return c.items == 0 ? 0 : 1;
}

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "[--org 党组织全称] [--format text|csv] [-o 文件]",
	.summary = "质量检查:错误、待确认、草稿、疑似重复、正式党员不足3人、书记空缺、预备期已满、漏统风险、党统人数;有问题时退出码为1",
	.args = { check_opts, 0, 0, 0 },
	.exec = cmd_check_exec,
};
