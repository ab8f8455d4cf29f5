/*
 * ui_import.c - 导入 (ui_import.h): pick CSV files from a directory and
 * import them through import.h, as `caiji import` does, the report in a
 * scrollable box.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import.h"
#include "ui.h"
#include "ui_dialog.h"
#include "ui_import.h"
#include "utf8.h"

#define PICK_MAX 200          /* files listed from one directory */
#define REPORT_MAX (64 * 1024)

struct report {
	char *text;
	size_t len;
	int dry_run;
	const char *dir;        /* the directory: file names are shown without it */
};

/* path without the report's directory (the box names it once). */
static const char *
shown_name(const struct report *r, const char *path)
{
	size_t n = strlen(r->dir);

	if (strncmp(path, r->dir, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

/* Append line to the report, wrapped at 70 columns (the box is 72 wide):
 * a message is never cut. */
static void
add_line(struct report *r, const char *line)
{
	size_t n, room;
	int first = 1;

	do {
		n = utf8_cut_cols(line, first ? 70 : 66, NULL);
		if (n == 0 && *line != '\0')
			n = 1;
		room = REPORT_MAX - r->len;
		if (room < n + 8)
			return;
		r->len += (size_t)snprintf(r->text + r->len, room, "%s%.*s\n",
		    first ? "" : "    ", (int)n, line);
		line += n;
		first = 0;
	} while (*line != '\0');
}

static void
on_problem(const struct import_problem *p, void *ud)
{
	struct import_problem q = *p;
	char line[8192];

	q.file = shown_name(ud, p->file);
	import_problem_text(&q, line, sizeof line);
	add_line(ud, line);
}

static void
on_file(const char *path, const struct import_stats *st, void *ud)
{
	struct report *r = ud;
	char line[8192];

	import_file_text(shown_name(r, path), st, r->dry_run, line, sizeof line);
	add_line(r, line);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular *.csv files of dir, sorted; *n their count.  NULL with
 * *n = 0 when none (errno says why the directory could not be read). */
static char **
list_csv(const char *dir, size_t *n)
{
	DIR *d;
	struct dirent *de;
	char **v = NULL, path[4096];
	struct stat sb;
	size_t len;

	*n = 0;
	errno = 0;
	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL && *n < PICK_MAX) {
		len = strlen(de->d_name);
		if (len < 5 || strcasecmp(de->d_name + len - 4, ".csv") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		if (*n % 16 == 0) {
			char **nv = realloc(v, (*n + 16) * sizeof *v);

			if (nv == NULL)
				break;
			v = nv;
		}
		if ((v[*n] = strdup(de->d_name)) == NULL)
			break;
		(*n)++;
	}
	closedir(d);
	errno = 0;
	if (*n > 0)
		qsort(v, *n, sizeof *v, by_name);
	return v;
}

static void
free_list(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/* Let the clerk tick files of names[0..n-1] (chosen[] in and out).
 * Returns the count chosen, -1 on Esc. */
static int
pick_files(struct ui *ui, const char *title, char **names, size_t n, char *chosen)
{
	struct cl_entry *e = calloc(n + 2, sizeof *e);
	char (*label)[300] = calloc(n + 2, sizeof *label);
	char (*code)[24] = calloc(n + 2, sizeof *code);
	const char *at = NULL;
	size_t i, k;
	int pick, rc = -1;

	if (e == NULL || label == NULL || code == NULL)
		goto out;
	for (;;) {
		for (i = 0, k = 0; i < n; i++)
			k += chosen[i] != 0;
		snprintf(label[0], sizeof label[0], "开始导入已选的 %zu 个文件", k);
		snprintf(label[1], sizeof label[1], "%s", k == n ? "全部不选" : "全部选中");
		for (i = 0; i < n + 2; i++) {
			snprintf(code[i], sizeof code[i], "%zu", i);
			if (i >= 2)
				snprintf(label[i], sizeof label[i], "[%s] %s",
				    chosen[i - 2] ? "√" : " ", names[i - 2]);
			e[i].code = code[i];
			e[i].name = label[i];
			e[i].py = "";
		}
		pick = ui_pick(ui, title, e, n + 2, at);
		if (pick < 0)
			goto out;
		if (pick == 0) {
			if (k > 0) {
				rc = (int)k;
				goto out;
			}
			ui_status(ui, 1, "请先选择文件 (Enter 选中或取消一个文件)");
			at = label[2];
			continue;
		}
		if (pick == 1)
			for (i = 0; i < n; i++)
				chosen[i] = k != n;
		else
			chosen[pick - 2] = !chosen[pick - 2];
		/* the cursor stays on the line just ticked */
		if (pick >= 2)
			snprintf(label[pick], sizeof label[pick], "[%s] %s",
			    chosen[pick - 2] ? "√" : " ", names[pick - 2]);
		at = label[pick];
	}
out:
	free(e);
	free(label);
	free(code);
	return rc;
}

static void
import_flow(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	static const int ok_keys[] = { UK_ENTER, UK_ESC, 'q' };
	static const int run_keys[] = { 'y', 'c', UK_ESC };
	char dir[1024] = ".", ask[600], head[sizeof dir + 16];
	struct import_opts o;
	struct import_stats total;
	struct report rep;
	char **names = NULL, **paths = NULL, *chosen = NULL, title[320], counts[256];
	size_t n = 0, i, k;
	int rc, want;

	snprintf(title, sizeof title, "%s", def->title);
	for (;;) {
		if (ui_prompt(ui, title, "从目录导入(其中的 .csv 文件):", dir, sizeof dir, 54) != 0)
			return;
		names = list_csv(dir[0] ? dir : ".", &n);
		if (n > 0)
			break;
		ui_status(ui, 1, "目录 %s 中没有 .csv 文件%s%s", dir[0] ? dir : ".",
		    errno == ENOENT ? " (目录不存在)" : errno == EACCES ? " (没有权限)" : "",
		    "; 请重新输入 (Esc 取消)");
		free_list(names, n);
	}
	chosen = calloc(n, 1);
	paths = calloc(n, sizeof *paths);
	rep.text = malloc(REPORT_MAX);
	if (chosen == NULL || paths == NULL || rep.text == NULL)
		goto out;
	if (pick_files(ui, "导入: 选择文件 (Enter 选中/取消)", names, n, chosen) < 0)
		goto out;
	snprintf(ask, sizeof ask, "按身份证号合并到数据库; 有错误的文件整个不导入。%s%s%s",
	    a != NULL && a->name != NULL ? "\n没有\"所在党支部\"列的党员名册导入到 " : "",
	    a != NULL && a->name != NULL ? a->name : "",
	    a != NULL && a->name != NULL ? "。" : "");
	want = ui_ask(ui, title, ask, "Y导入  C仅检查(不写入)  Esc取消", run_keys, 3);
	if (want == UK_ESC)
		goto out;
	for (i = 0, k = 0; i < n; i++)
		if (chosen[i]) {
			size_t len = strlen(dir) + strlen(names[i]) + 2;

			if ((paths[k] = malloc(len)) == NULL)
				goto out;
			snprintf(paths[k++], len, "%s/%s", dir[0] ? dir : ".", names[i]);
		}
	memset(&o, 0, sizeof o);
	rep.len = 0;
	rep.text[0] = '\0';
	rep.dry_run = want == 'c';
	rep.dir = dir[0] ? dir : ".";
	snprintf(head, sizeof head, "目录 %s:", rep.dir);
	add_line(&rep, head);
	o.dry_run = rep.dry_run;
	o.branch = a != NULL ? a->name : NULL;
	o.today = ui->app->today;
	o.report = on_problem;
	o.ud = &rep;
	ui_busy(ui, "正在导入……");
	rc = import_files(ui->app->st, paths, k, &o, &total, on_file, &rep);
	if (k > 1) {
		char line[400];

		import_counts_text(&total, counts, sizeof counts);
		snprintf(line, sizeof line, "合计%zu个文件:%s,错误%zu%s", k, counts,
		    total.errors, o.dry_run ? "(试运行)" : "");
		add_line(&rep, line);
	}
	if (!o.dry_run)
		ui->gen++;
	ui->full = 1;
	/* the outcome under the report too, not the last import's */
	ui_status(ui, rc == 0 ? 0 : 1, "%s", rc == 0 ? (o.dry_run ?
	    "检查完毕, 没有写入" : "已导入") : "有文件因错误未导入, 其余已导入");
	ui_draw_status(ui);     /* ui_show puts stdscr out, then its box */
	ui_show(ui, rc == 0 ? (o.dry_run ? "导入检查: 没有错误" : "导入完成") :
	    "导入: 有文件未导入", rep.text, "Enter 返回  ↑↓ 滚动", ok_keys, 3);
out:
	if (paths != NULL)
		for (i = 0; i < n; i++)
			free(paths[i]);
	free(paths);
	free(chosen);
	free(rep.text);
	free_list(names, n);
}

const struct ukind_ops ui_import_ops = {
	.run = import_flow,
};
