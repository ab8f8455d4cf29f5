/*
 * ui_report.c - the screens reached from the tree that call the export
 * and import modules: 统计 (stats.h, shown in a scrollable text view),
 * 质量检查 (check.h, a list whose Enter opens the record) and 上报
 * (export.h, asked for with prompts, the outcome in a box).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

#include "check.h"
#include "export.h"
#include "stats.h"
#include "store.h"
#include "ui.h"

#define TOP_ROW 1

/* ---- text view (统计) ---- */

struct utext {
	char *text;
	char **line;
	size_t n;
	size_t top;
	int hoff;                   /* columns scrolled to the right */
};

/* Draw line s from column hoff on, at row y, clipped to the screen. */
static void
put_from(int y, const char *s, int hoff)
{
	move(y, 0);
	clrtoeol();
	ui_put_from(y, 0, s, COLS - 1, hoff);
}

static void
text_draw(struct ui *ui, struct uscreen *s)
{
	struct utext *t = s->st;
	int y, rows = LINES - 3 - TOP_ROW + 1;
	size_t i;

	(void)ui;
	for (y = 0; y < rows; y++) {
		i = t->top + (size_t)y;
		if (i < t->n)
			put_from(TOP_ROW + y, t->line[i], t->hoff);
	}
}

static void
text_update(struct ui *ui, struct uscreen *s)
{
	(void)ui;
	(void)s;
	move(LINES - 1, COLS - 1);
}

static void
text_key(struct ui *ui, struct uscreen *s, int k)
{
	struct utext *t = s->st;
	size_t page = (size_t)(LINES > 6 ? LINES - 5 : 1);
	int a = screen_key_action(s->def, k, 0);

	switch (a) {
	case ACT_UP: if (t->top > 0) t->top--; break;
	case ACT_DOWN: if (t->top + 1 < t->n) t->top++; break;
	case ACT_PAGE_PREV: t->top = t->top > page ? t->top - page : 0; break;
	case ACT_PAGE_NEXT: if (t->top + page < t->n) t->top += page; break;
	case ACT_FIRST: t->top = 0; break;
	case ACT_LAST: t->top = t->n > page ? t->n - page : 0; break;
	case ACT_LEFT: t->hoff = t->hoff > 16 ? t->hoff - 16 : 0; break;
	case ACT_RIGHT: t->hoff += 16; break;
	case ACT_HELP: ui_push(ui, &screen_help, ui_help_new(ui, s->def)); return;
	case ACT_LEAVE: ui_pop(ui); return;
	case ACT_QUIT: ui->quit = 1; return;
	default: return;
	}
	ui->full = 1;
}

static void
text_free(struct uscreen *s)
{
	struct utext *t = s->st;

	free(t->text);
	free(t->line);
	free(t);
	s->st = NULL;
}

const struct ukind_ops ui_text_ops = {
	.draw = text_draw,
	.update = text_update,
	.key = text_key,
	.free = text_free,
};

/* A text view over text (taken). */
static struct utext *
text_new(char *text)
{
	struct utext *t = calloc(1, sizeof *t);
	size_t cap = 0;
	char *p;

	if (t == NULL) {
		free(text);
		return NULL;
	}
	t->text = text;
	for (p = text; p != NULL && *p != '\0';) {
		if (t->n == cap) {
			char **l = realloc(t->line, (cap = cap ? cap * 2 : 64) * sizeof *l);

			if (l == NULL)
				break;
			t->line = l;
		}
		t->line[t->n++] = p;
		p = strchr(p, '\n');
		if (p != NULL)
			*p++ = '\0';
	}
	return t;
}

void *
ui_stats_new(struct ui *ui, uint64_t org)
{
	struct stats st;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	memset(&st, 0, sizeof st);
	rc = stats_compute(ui->app->st, org, ui->app->today, &st);
	if (rc != 0) {
		ui_status(ui, 1, "无法统计: %s", store_strerror(rc));
		return NULL;
	}
	fp = open_memstream(&buf, &len);
	if (fp == NULL) {
		stats_free(&st);
		return NULL;
	}
	stats_print(fp, &st);
	fclose(fp);
	stats_free(&st);
	return text_new(buf);
}

/* ---- 质量检查 ---- */

struct citem {
	int kind;
	uint64_t org_id, member_id;
	char *line;                 /* 类别 党组织 / 姓名: 项目: 说明 */
	size_t msg;                 /* where 说明 starts in line */
};

struct ucheck {
	uint64_t org;
	struct citem *it;
	size_t n, cap;
	size_t sel, top;
	struct check_counts counts;
	unsigned long gen;
	int loaded;
	int msg_shown;              /* the status line shows the selected message */
};

static int
check_collect(const struct check_item *it, void *ud)
{
	struct ucheck *c = ud;
	struct citem *ci;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct citem *p = realloc(c->it, cap * sizeof *p);

		if (p == NULL)
			return 1;
		c->it = p;
		c->cap = cap;
	}
	ci = &c->it[c->n];
	ci->kind = it->kind;
	ci->org_id = it->org_id;
	ci->member_id = it->member_id;
	/* the message names its field already */
	if (asprintf(&ci->line, "[%s] %s%s%s: %s", check_kind_label(it->kind),
	    it->member[0] ? it->member : it->org, it->member[0] ? " / " : "",
	    it->member[0] ? it->org : "", it->msg) < 0)
		return 1;
	ci->msg = strlen(ci->line) - strlen(it->msg);
	c->n++;
	return 0;
}

static void
check_clear(struct ucheck *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->it[i].line);
	c->n = 0;
}

static void
check_load(struct ui *ui, struct ucheck *c)
{
	int rc;

	check_clear(c);
	memset(&c->counts, 0, sizeof c->counts);
	rc = check_run(ui->app->st, c->org, ui->app->today, check_collect, c, &c->counts);
	if (rc < 0)
		ui_status(ui, 1, "检查未完成: %s", store_strerror(rc));
	if (c->sel >= c->n)
		c->sel = c->n ? c->n - 1 : 0;
	c->loaded = 1;
	c->gen = ui->gen;
}

static void
check_draw(struct ui *ui, struct uscreen *s)
{
	struct ucheck *c = s->st;
	char buf[256];
	int y, rows = LINES - 4;
	size_t i;

	if (!c->loaded || c->gen != ui->gen)
		check_load(ui, c);
	snprintf(buf, sizeof buf, "共 %zu 项 (错误 %zu, 待确认 %zu, 草稿 %zu); 查了党组织 %zu 个, 党员 %zu 名",
	    c->counts.items, c->counts.by_kind[CHK_ERROR], c->counts.by_kind[CHK_WARNING],
	    c->counts.by_kind[CHK_DRAFT], c->counts.orgs, c->counts.members);
	ui_put(TOP_ROW, 0, buf, COLS - 1);
	if (c->sel < c->top)
		c->top = c->sel;
	if (rows > 0 && c->sel >= c->top + (size_t)rows)
		c->top = c->sel - (size_t)rows + 1;
	for (y = 0; y < rows; y++) {
		i = c->top + (size_t)y;
		move(TOP_ROW + 1 + y, 0);
		clrtoeol();
		if (i >= c->n)
			continue;
		if (i == c->sel)
			attron(A_REVERSE);
		ui_put(TOP_ROW + 1 + y, 0, c->it[i].line, COLS - 1);
		if (i == c->sel)
			attroff(A_REVERSE);
	}
	if (c->n == 0)
		ui_put(TOP_ROW + 1, 2, "没有发现问题。", COLS - 3);
	/* a row cut at the screen edge: the status line shows its whole message */
	else if (ui_width(c->it[c->sel].line) > COLS - 1) {
		ui_status(ui, 0, "%s", c->it[c->sel].line + c->it[c->sel].msg);
		c->msg_shown = 1;
	} else if (c->msg_shown) {
		ui_status(ui, 0, "%s", "");
		c->msg_shown = 0;
	}
}

static void
check_update(struct ui *ui, struct uscreen *s)
{
	struct ucheck *c = s->st;

	(void)ui;
	move(TOP_ROW + 1 + (int)(c->sel - c->top), 0);
}

static void
check_key(struct ui *ui, struct uscreen *s, int k)
{
	struct ucheck *c = s->st;
	size_t page = (size_t)(LINES > 6 ? LINES - 5 : 1);
	int a = screen_key_action(s->def, k, 0);

	switch (a) {
	case ACT_UP: if (c->sel > 0) c->sel--; break;
	case ACT_DOWN: if (c->sel + 1 < c->n) c->sel++; break;
	case ACT_PAGE_PREV: c->sel = c->sel > page ? c->sel - page : 0; break;
	case ACT_PAGE_NEXT: c->sel = c->sel + page < c->n ? c->sel + page : (c->n ? c->n - 1 : 0); break;
	case ACT_FIRST: c->sel = 0; break;
	case ACT_LAST: c->sel = c->n ? c->n - 1 : 0; break;
	case ACT_OPEN:
		if (c->n == 0)
			return;
		if (c->it[c->sel].member_id != 0)
			ui_push(ui, &screen_member, ui_form_member(ui, c->it[c->sel].org_id,
			    c->it[c->sel].member_id));
		else
			ui_push(ui, &screen_org, ui_form_org(ui, 0, c->it[c->sel].org_id));
		return;
	case ACT_REFRESH:
		c->loaded = 0;
		ui_status(ui, 0, "已重新检查");
		break;
	case ACT_HELP: ui_push(ui, &screen_help, ui_help_new(ui, s->def)); return;
	case ACT_LEAVE: ui_pop(ui); return;
	case ACT_QUIT: ui->quit = 1; return;
	default: return;
	}
	ui->full = 1;
}

static void
check_free(struct uscreen *s)
{
	struct ucheck *c = s->st;

	check_clear(c);
	free(c->it);
	free(c);
	s->st = NULL;
}

const struct ukind_ops ui_check_ops = {
	.draw = check_draw,
	.update = check_update,
	.key = check_key,
	.free = check_free,
};

void *
ui_check_new(struct ui *ui, uint64_t org)
{
	struct ucheck *c = calloc(1, sizeof *c);

	(void)ui;
	if (c != NULL)
		c->org = org;
	return c;
}

/* ---- 上报 ---- */

void
ui_export(struct ui *ui, uint64_t top, uint64_t branch, const char *name)
{
	static const int ok_keys[] = { UK_ENTER, UK_ESC, 'q' };
	static const int retry_keys[] = { 'd', UK_ESC, 'q' };
	static const int yes_keys[] = { 'y', 'n', UK_ESC };
	static const struct cl_entry formats[] = {
		{ "1", "CSV 和 XLSX 两种", "csvxlsx", "" },
		{ "2", "仅 CSV", "csv", "" },
		{ "3", "仅 XLSX", "xlsx", "" },
	};
	struct export_opts o;
	struct export_result *res;
	char seq[64] = "", filler[REC_NAME_MAX] = "", dir[1024] = ".", fmt[16] = "both";
	char text[12288], title[320];
	char *cause = NULL;
	int rc;

	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, "上报: %s", name);
	if (branch == 0) {
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
	rc = ui_pick(ui, "上报文件格式", formats, 3, NULL);
	if (rc < 0)
		return;
	snprintf(fmt, sizeof fmt, "%s", rc == 1 ? "csv" : rc == 2 ? "xlsx" : "both");
	o.top = top;
	o.branch = branch;
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
	ui_status(ui, 0, "正在导出……");
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
			continue;
		}
		break;
	}
	switch (rc) {
	case EXPORT_OK:
		if (export_audit(ui->app->st, &o, res, NULL) != 0)
			ui_status(ui, 1, "已导出, 但无法记入审计记录");
		snprintf(text, sizeof text, "已导出: %s\n党组织 %zu 个, 党员 %zu 名%s%s",
		    res->path, res->orgs, res->members,
		    res->problems ? "\n注意: 按草稿导出; 问题清单: " : "",
		    res->problems ? res->problems_path : "");
		ui_show(ui, "上报完成", text, "Enter 返回", ok_keys, 3);
		ui_status(ui, 0, "已导出 %s", res->path);
		break;
	case EXPORT_EPROBLEMS:
		ui_status(ui, 1, "未导出: 有 %zu 个问题, 见 %s", res->problems, res->problems_path);
		break;
	case EXPORT_EEXIST:
		ui_status(ui, 1, "未导出: 文件夹已存在 %s", res->path);
		break;
	default:
		ui_status(ui, 1, "导出失败: %s", cause ? cause : "未知错误");
		break;
	}
	free(cause);
	free(res);
}
