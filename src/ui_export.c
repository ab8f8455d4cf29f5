/*
 * ui_export.c - 上报 (ui_export.h): the export of export.h asked for with
 * prompts (序号, 填报人, directory, format), its outcome in a box.  A modal
 * flow run over the tree, not a screen of its own.  The answers are kept
 * in the database (store_setting_put) and offered again next time: 序号
 * per committee, 填报人 and the directory per database.  A report folder
 * that already exists is offered for replacement (export's replace, the
 * CLI's --replace).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "export.h"
#include "store.h"
#include "ui.h"
#include "ui_dialog.h"
#include "ui_export.h"

/* The setting names of a committee's 序号 ("export.seq.<id>") and of the
 * database's 填报人 and directory. */
static void
seq_setting(char *name, size_t size, uint64_t committee)
{
	snprintf(name, size, "export.seq.%llu", (unsigned long long)committee);
}

/* What was answered last time, or def when never (or unreadable). */
static void
setting_load(struct store *st, const char *name, char *buf, size_t size, const char *def)
{
	if (store_setting_get(st, name, buf, size) != 0 || buf[0] == '\0')
		snprintf(buf, size, "%s", def);
}

/* Keep the answers for next time.  Not being able to (a read-only
 * database) stops nothing: the export itself is what the clerk asked. */
static void
settings_save(struct store *st, uint64_t committee, const char *seq, const char *filler,
    const char *dir)
{
	char name[64];

	if (seq != NULL) {
		seq_setting(name, sizeof name, committee);
		(void)store_setting_put(st, name, seq, NULL);
		(void)store_setting_put(st, "export.filler", filler, NULL);
	}
	(void)store_setting_put(st, "export.dir", dir, NULL);
}

static void
export_flow(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	static const int ok_keys[] = { UK_ENTER, UK_ESC, 'q' };
	static const int retry_keys[] = { 'd', UK_ESC, 'q' };
	static const int yes_keys[] = { 'y', 'n', UK_ESC };
	static const struct cl_entry formats[] = {
		{ "1", "XLSX 电子表(带下拉菜单)", "xlsx", "" },
		{ "2", "CSV", "csv", "" },
		{ "3", "XLSX 和 CSV 两种", "xlsxcsv", "" },
	};
	static const struct cl_entry parts[] = {
		{ "1", "全部三个汇总表", "qb", "" },
		{ "2", "先报两个党组织和所在单位信息汇总表(7月7日前)", "dzz", "" },
		{ "3", "后报党员基本信息汇总表(7月19日前,放入同一文件夹)", "dy", "" },
	};
	struct export_opts o;
	struct export_result *res;
	char seq[64] = "", filler[REC_NAME_MAX] = "", dir[1024] = ".", fmt[16] = "both";
	char text[12288], title[320], name[64];
	char *cause = NULL;
	int rc;

	memset(&o, 0, sizeof o);
	o.review = 1;           /* the export follows the 初核/复核 workflow */
	snprintf(title, sizeof title, "%s: %s", def->title, a->name ? a->name : "");
	setting_load(ui->app->st, "export.dir", dir, sizeof dir, ".");
	if (a->id == 0) {
		seq_setting(name, sizeof name, a->org);
		setting_load(ui->app->st, name, seq, sizeof seq, "");
		setting_load(ui->app->st, "export.filler", filler, sizeof filler, "");
		/* both are required: asked again until given (Esc leaves) */
		for (;;) {
			if (ui_prompt(ui, title, "序号(上级党委编的本单位序号):", seq, sizeof seq,
			    20) != 0)
				return;
			if (seq[0] != '\0')
				break;
			ui_status(ui, 1, "序号必须填写 (Esc 取消上报)");
		}
		for (;;) {
			if (ui_prompt(ui, title, "填报人姓名:", filler, sizeof filler, 24) != 0)
				return;
			if (filler[0] != '\0')
				break;
			ui_status(ui, 1, "填报人姓名必须填写 (Esc 取消上报)");
		}
		ui_status(ui, 0, "%s", "");
	}
	for (;;) {
		struct stat sb;

		if (ui_prompt(ui, title, "保存到目录:", dir, sizeof dir, 54) != 0)
			return;
		if (dir[0] == '\0' || (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)))
			break;
		if (stat(dir, &sb) == 0) {
			ui_status(ui, 1, "%s 是文件,不是目录:请输入保存上报文件夹的目录", dir);
			continue;
		}
		snprintf(text, sizeof text, "目录 %s 不存在。\n新建这个目录(只有本人可读写)?", dir);
		if (ui_ask(ui, title, text, "Y新建  N重新输入", yes_keys, 3) == 'y') {
			if (mkdir(dir, 0700) == 0)
				break;
			ui_status(ui, 1, "无法新建目录 %s: %s", dir, errno == ENOENT ?
			    "上一级目录不存在" : errno == EACCES || errno == EPERM ? "没有权限" :
			    errno == ENOSPC ? "磁盘已满" : errno == EROFS ? "只读文件系统" :
			    strerror(errno));
		}
	}
	settings_save(ui->app->st, a->org, a->id == 0 ? seq : NULL, filler, dir);
	rc = ui_pick(ui, "上报文件格式", formats, 3, NULL);
	if (rc < 0)
		return;
	snprintf(fmt, sizeof fmt, "%s", rc == 0 ? "xlsx" : rc == 1 ? "csv" : "both");
	if (a->id == 0) {
		/* the source asks for the organisation tables first */
		rc = ui_pick(ui, "上报内容", parts, 3, NULL);
		if (rc < 0)
			return;
		o.only = rc == 1 ? EXPORT_ORGS : rc == 2 ? EXPORT_MEMBERS : EXPORT_ALL;
	}
	o.top = a->org;
	o.branch = a->id;
	o.seq = seq;
	o.filler = filler;
	o.outdir = dir[0] ? dir : ".";
	o.formats = strcmp(fmt, "csv") == 0 ? EXPORT_CSV : strcmp(fmt, "xlsx") == 0 ?
	    EXPORT_XLSX : EXPORT_CSV | EXPORT_XLSX;
	o.encoding = EXPORT_UTF8;
	o.today = ui->app->today;
	o.msg = NULL;                    /* never print under curses */
	res = calloc(1, sizeof *res);
	if (res == NULL)
		return;
	ui_busy(ui, "正在导出……");
	for (;;) {
		rc = export_run(ui->app->st, &o, res, &cause);
		if (rc == EXPORT_EPROBLEMS && !o.draft) {
			snprintf(text, sizeof text,
			    "发现 %zu 个问题, 未导出任何文件。\n问题清单: %s\n"
			    "可在组织树按 c 质量检查逐条改正后再上报。\n"
			    "D 仍按草稿导出(文件名带\"草稿-\")   Esc 返回",
			    res->problems, res->problems_path);
			if (ui_show(ui, "上报: 有问题", text, "D草稿导出  Esc返回", retry_keys, 3) != 'd')
				break;
			o.draft = 1;
			o.replace = 0;   /* the draft's folder has another name: asked anew */
			continue;
		}
		if (rc == EXPORT_EEXIST && !o.replace) {
			/* the same safe path as --replace: the new folder is built
			 * aside and swapped in whole; nothing changes on N */
			snprintf(text, sizeof text, o.only != EXPORT_ALL ?
			    "文件夹 %s 中已有这些汇总表。\n替换这几个文件?" :
			    "文件夹已存在: %s\n替换它?(新文件夹写完后整个换入; 旧文件夹删除,"
			    "其中有别的文件时改名保留)", res->path);
			if (ui_ask(ui, "上报: 文件夹已存在", text, "Y替换  N不替换",
			    yes_keys, 3) != 'y')
				break;
			o.replace = 1;
			ui_busy(ui, "正在导出……");
			continue;
		}
		break;
	}
	switch (rc) {
	case EXPORT_OK:
		if (export_audit(ui->app->st, &o, res, NULL) != 0)
			ui_status(ui, 1, "已导出 %s, 但无法记入审计记录", res->path);
		else
			ui_status(ui, 0, "已导出 %s", res->path);
		snprintf(text, sizeof text, "已导出: %s\n党组织 %zu 个, 党员 %zu 名%s%s%s",
		    res->path, res->orgs, res->members,
		    res->problems ? "\n注意: 按草稿导出; 问题清单: " : "",
		    res->problems ? res->problems_path : "",
		    res->stale ? "\n已清理上次中断的导出留下的临时文件(含个人信息)" : "");
		ui_draw_status(ui);     /* ui_show puts stdscr out, then its box */
		ui_show(ui, "上报完成", text, "Enter 返回", ok_keys, 3);
		break;
	case EXPORT_EPROBLEMS:
		ui_status(ui, 1, "未导出: 有 %zu 个问题, 见 %s", res->problems, res->problems_path);
		break;
	case EXPORT_EEXIST:
		ui_status(ui, 1, o.only != EXPORT_ALL ? "未导出(未替换): 文件夹 %s 中已有这些汇总表" :
		    "未导出(未替换): 文件夹已存在 %s", res->path);
		break;
	default:
		ui_status(ui, 1, "导出失败: %s", cause ? cause : "未知错误");
		break;
	}
	free(cause);
	free(res);
}

const struct ukind_ops ui_export_ops = {
	.run = export_flow,
};
