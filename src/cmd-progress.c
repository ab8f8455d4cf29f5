/* cmd-progress.c - caiji progress [--org 党组织全称] [--format text|csv]
 * [-o FILE]: the progress board of the 初核/复核 workflow, per branch in
 * report order with totals per 党总支 and for the committee (review.h). */
#include <csv.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "outfile.h"
#include "review.h"
#include "safefile.h"
#include "utf8.h"

enum { OPT_ORG = ARGS_LONG_ID, OPT_FORMAT };

static const struct args_opt progress_opts[] = {
	{ OPT_ORG, 0, "org", ARGS_VALUE },
	{ OPT_FORMAT, 0, "format", ARGS_VALUE },
	{ 'o', 'o', NULL, ARGS_VALUE },
	{ 0, 0, NULL, 0 }
};

#define LAST_COLS 26

/* s right-aligned in cols display columns (after a space). */
static void
pad(FILE *fp, const char *s, size_t cols)
{
	size_t w = utf8_width(s);

	fprintf(fp, "%*s%s", (int)(cols > w ? cols - w : 0), "", s);
}

/* s left-aligned in cols display columns. */
static void
pad_left(FILE *fp, const char *s, size_t cols)
{
	size_t w = utf8_width(s);

	fprintf(fp, "%s%*s", s, (int)(cols > w ? cols - w : 0), "");
}

struct out {
	FILE *fp;
	int csv;
};

static void
fmt_last(const struct review_row *r, char *out, size_t n)
{
	time_t t = (time_t)r->last_at;
	struct tm tm;

	if (r->last_at == 0 || localtime_r(&t, &tm) == NULL) {
		snprintf(out, n, "%s", "");
		return;
	}
	strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

static const char *
kind_label(int kind)
{
	return kind == RR_BRANCH ? "党支部" : kind == RR_GENERAL ? "党总支合计" : "党委合计";
}

static int
csv_cell(FILE *fp, const char *s, int last)
{
	if (csv_fwrite(fp, s, strlen(s)) != 0)
		return -1;
	return fputs(last ? "\r\n" : ",", fp) == EOF ? -1 : 0;
}

static int
csv_header(FILE *fp)
{
	static const char *const h[] = { "类型", "党组织", "党统人数", "已录入",
	    "完整", "已初核", "已复核", "退回未处理", "书记签字", "附件1状态",
	    "最后修改时间", "最后修改人" };
	size_t i, n = sizeof h / sizeof h[0];

	if (fputs("\xEF\xBB\xBF", fp) == EOF)
		return -1;
	for (i = 0; i < n; i++)
		if (csv_cell(fp, h[i], i + 1 == n) != 0)
			return -1;
	return 0;
}

/* 书记签字: 是/否 for a branch, signed/orgs for a total. */
static void
fmt_signed(const struct review_row *r, char *out, size_t n)
{
	if (r->kind == RR_BRANCH)
		snprintf(out, n, "%s", r->orgs_signed ? "是" : "否");
	else
		snprintf(out, n, "%llu/%llu", (unsigned long long)r->orgs_signed,
		    (unsigned long long)r->orgs);
}

static int
print_row(const struct review_row *r, void *ud)
{
	struct out *o = ud;
	char stat[24], sig[48], last[40], name[REC_TEXT_MAX + 64];
	char num[7][24];
	size_t i;

	if (r->stat_count >= 0)
		snprintf(stat, sizeof stat, "%lld", (long long)r->stat_count);
	else
		snprintf(stat, sizeof stat, "%s", o->csv ? "" : "-");
	fmt_signed(r, sig, sizeof sig);
	fmt_last(r, last, sizeof last);
	snprintf(num[0], sizeof num[0], "%llu", (unsigned long long)r->entered);
	snprintf(num[1], sizeof num[1], "%llu", (unsigned long long)r->complete);
	snprintf(num[2], sizeof num[2], "%llu",
	    (unsigned long long)r->checked);
	snprintf(num[3], sizeof num[3], "%llu", (unsigned long long)r->reviewed);
	snprintf(num[4], sizeof num[4], "%llu", (unsigned long long)r->returned);
	if (o->csv) {
		const char *cells[12];

		cells[0] = kind_label(r->kind);
		cells[1] = r->name;
		cells[2] = stat;
		for (i = 0; i < 5; i++)
			cells[3 + i] = num[i];
		cells[8] = sig;
		cells[9] = review_state_label(r->org_state);
		cells[10] = last;
		cells[11] = r->last_by;
		for (i = 0; i < 12; i++)
			if (csv_cell(o->fp, cells[i], i == 11) != 0)
				return -1;
		return 0;
	}
	/* text: the counts in columns, then the name indented by depth
	 * (full names are long: last, never cut) */
	for (i = 0; i < 5; i++)
		pad(o->fp, num[i], 6);
	pad(o->fp, stat, 6);
	pad(o->fp, sig, 6);
	fprintf(o->fp, "  ");
	snprintf(name, sizeof name, "%s%s%s", last, last[0] ? " " : "", r->last_by);
	pad_left(o->fp, name, LAST_COLS);
	fprintf(o->fp, "  %*s%s%s\n", r->depth * 2, "",
	    r->kind == RR_BRANCH ? "" : "合计 ", r->name);
	return ferror(o->fp) ? -1 : 0;
}

static int
cmd_progress_exec(struct app *app, struct args *args)
{
	const char *orgname = args_get(args, OPT_ORG), *format, *path = args_get(args, 'o');
	char tmp[4200], *cause = NULL, *dir;
	struct out o;
	uint64_t top = 0;
	int rc, fd = -1, e = 0;

	if ((format = args_get(args, OPT_FORMAT)) == NULL)
		format = "text";
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0) {
		app_error("progress: --format 只能是 text 或 csv");
		cmd_usage_one(&cmd_progress_entry, stderr);
		return 1;
	}
	if (app_open_existing(app) != 0)
		return 1;
	if (orgname != NULL && store_org_by_name(app->st, orgname, &top) != 0)
		return app_error("progress: 找不到党组织「%s」(请输入全称)", orgname);
	if (orgname == NULL && app->scope != 0)
		top = app->scope;
	o.csv = strcmp(format, "csv") == 0;
	o.fp = stdout;
	if (path != NULL) {
		if ((fd = safe_tmp_beside(path, tmp, sizeof tmp)) < 0 ||
		    (o.fp = fdopen(fd, "w")) == NULL) {
			rc = app_error("progress: 无法写入 %s: %s", path, errno == ENOENT ?
			    "所在目录不存在" : outfile_strerror(errno));
			if (fd >= 0) {
				close(fd);
				unlink(tmp);
			}
			return rc;
		}
	}
	if (o.csv)
		rc = csv_header(o.fp);
	else {
		rc = 0;
		static const char *const h[] = { "录入", "完整", "初核", "复核",
		    "退回", "党统", "签字" };
		size_t i;

		for (i = 0; i < 7; i++)
			pad(o.fp, h[i], 6);
		fprintf(o.fp, "  ");
		pad_left(o.fp, "最后修改", LAST_COLS);
		fprintf(o.fp, "  党组织\n");
	}
	if (rc == 0)
		rc = review_progress(app->st, top, print_row, &o, &cause);
	if (path != NULL) {
		if (ferror(o.fp) || fflush(o.fp) != 0)
			e = errno ? errno : EIO;
		if (e == 0 && fsync(fileno(o.fp)) != 0)
			e = errno;
		if (fclose(o.fp) != 0 && e == 0)
			e = errno;
		if (e == 0 && rc == 0 && rename(tmp, path) != 0)
			e = errno;
		if (e != 0 || rc != 0)
			unlink(tmp);
		if (e != 0) {
			free(cause);
			return app_error("progress: 写入 %s 失败: %s", path, outfile_strerror(e));
		}
		if (rc == 0 && outfile_sync_dir(dir = dirname(tmp)) != 0) {
			free(cause);
			return app_error("progress: 无法将 %s 同步到磁盘: %s", dir,
			    outfile_strerror(errno));
		}
	}
	if (rc != 0) {
		if (path == NULL && ferror(stdout)) {
			free(cause);
			return 1;
		}
		app_error("progress: %s", cause ? cause : rc < 0 ? store_strerror(rc) :
		    "输出失败");
		free(cause);
		return 1;
	}
	if (path != NULL)
		fprintf(stderr, "已写入 %s\n", path);
	return 0;
}

const struct cmd_entry cmd_progress_entry = {
	.name = "progress",
	.usage = "[--org 党组织全称] [--format text|csv] [-o 文件]",
	.summary = "审核进度:每个党支部的党统人数、已录入、完整、初核、复核、退回未处理、书记签字和最后修改,并按党总支、党委合计",
	.args = { progress_opts, 0, 0, 0 },
	.exec = cmd_progress_exec,
};
