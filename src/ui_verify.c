/*
 * ui_verify.c - 双录核对 (ui_verify.h): sample, blind re-keying, report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui.h"
#include "ui_dialog.h"
#include "ui_verify.h"
#include "verify.h"

struct entries {
	uint64_t *done, *pending;
	size_t ndone, npending;
};

static int
collect(const struct store_verify *v, void *ud)
{
	struct entries *e = ud;
	uint64_t **list = v->done ? &e->done : &e->pending;
	size_t *n = v->done ? &e->ndone : &e->npending;
	uint64_t *p = realloc(*list, (*n + 1) * sizeof *p);

	if (p == NULL)
		return STORE_EIO;
	*list = p;
	(*list)[(*n)++] = v->member;
	return 0;
}

static int
in_list(const uint64_t *l, size_t n, uint64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (l[i] == id)
			return 1;
	return 0;
}

/* The branch's present (not removed) members in their order. */
static int
present(struct ui *ui, uint64_t branch, uint64_t **ids, size_t *n)
{
	struct member m;
	size_t i, k = 0;
	int rc;

	if ((rc = store_branch_members(ui->app->st, branch, ids, n)) != 0)
		return rc;
	for (i = 0; i < *n; i++)
		if (store_member_get(ui->app->st, (*ids)[i], &m, NULL) == 0 &&
		    m.meta.removed == RM_NONE)
			(*ids)[k++] = (*ids)[i];
	*n = k;
	return 0;
}

static void
mark_sample(struct ui *ui, const struct uopen *a, const char *title,
    const struct entries *e)
{
	char every[16] = "", count[16] = "";
	struct store_verify v;
	uint64_t *ids = NULL, *sel = NULL;
	size_t n = 0, k, i, added = 0;
	unsigned ev, cnt = 0;
	uint32_t seed = 0;

	if (ui_prompt(ui, title, "每隔几条抽一条(如 3; 留空则随机抽取):", every,
	    sizeof every, 8) != 0)
		return;
	ev = (unsigned)strtoul(every, NULL, 10);
	if (ev == 0) {
		if (ui_prompt(ui, title, "随机抽取几条:", count, sizeof count, 8) != 0)
			return;
		cnt = (unsigned)strtoul(count, NULL, 10);
		if (cnt == 0) {
			ui_status(ui, 1, "未抽样: 请输入条数");
			return;
		}
		seed = (uint32_t)time(NULL);
	}
	if (present(ui, a->org, &ids, &n) != 0 || (sel = malloc((n + 1) * sizeof *sel)) == NULL) {
		free(ids);
		ui_status(ui, 1, "未抽样: 无法读取党员名单");
		return;
	}
	k = verify_sample(ids, n, ev, cnt, seed, sel);
	memset(&v, 0, sizeof v);
	v.branch = a->org;
	rec_strcpy(v.sampled_by, sizeof v.sampled_by, ui->app->user ? ui->app->user : "");
	v.sampled_at = (int64_t)time(NULL);
	if (ev > 0)
		snprintf(v.how, sizeof v.how, "每%u条", ev);
	else
		snprintf(v.how, sizeof v.how, "随机%u条, 种子%u", cnt, (unsigned)seed);
	for (i = 0; i < k; i++) {
		if (in_list(e->done, e->ndone, sel[i]) || in_list(e->pending, e->npending, sel[i]))
			continue;               /* already in the sample: kept as it is */
		v.member = sel[i];
		if (store_verify_put(ui->app->st, &v, NULL) != 0)
			break;
		added++;
	}
	ui_status(ui, 0, "已抽取 %zu 条待核对 (%s; 共 %zu 名党员)", added, v.how, n);
	free(ids);
	free(sel);
}

static void
rekey_next(struct ui *ui, const struct uopen *a, const char *title,
    const struct entries *e)
{
	static const int keys[] = { 'y', UK_ESC };
	uint64_t *ids = NULL;
	size_t n = 0, i;
	char text[512];

	if (e->npending == 0) {
		ui_status(ui, 0, "没有待核对的记录 (先抽样)");
		return;
	}
	if (present(ui, a->org, &ids, &n) != 0)
		return;
	for (i = 0; i < n && ids[i] != e->pending[0]; i++)
		;
	free(ids);
	snprintf(text, sizeof text, "待核对 %zu 条。\n请拿出党员名单第 %zu 条的采集表,"
	    " 按表重新录入(看不到第一次录入的内容)。\n录完按 F2 与第一次录入逐项比对。",
	    e->npending, i + 1);
	if (ui_ask(ui, title, text, "Y开始  Esc返回", keys, 2) != 'y')
		return;
	ui_open(ui, "member", &(struct uopen){ .org = a->org, .verify = e->pending[0] });
}

static void
verify_flow(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	static const struct cl_entry what[] = {
		{ "1", "抽样: 标记本支部要核对的记录", "cy", "" },
		{ "2", "核对录入: 盲录下一条待核对的记录", "hdlr", "" },
		{ "3", "一致率: 各录入员的双录一致率", "yzl", "" },
	};
	static const int ok_keys[] = { UK_ENTER, UK_ESC, 'q' };
	struct entries e = { NULL, NULL, 0, 0 };
	char title[320], *text;
	int pick;

	snprintf(title, sizeof title, "%s: %s", def->title, a->name ? a->name : "");
	if (store_verify_each(ui->app->st, a->org, collect, &e) != 0) {
		ui_status(ui, 1, "无法读取核对记录");
		goto out;
	}
	pick = ui_pick(ui, title, what, 3, NULL);
	if (pick == 0)
		mark_sample(ui, a, title, &e);
	else if (pick == 1)
		rekey_next(ui, a, title, &e);
	else if (pick == 2 && (text = malloc(16384)) != NULL) {
		if (verify_report(ui->app->st, text, 16384) == 0)
			ui_show(ui, "双录核对一致率", text, "Enter 返回", ok_keys, 3);
		free(text);
	}
	ui->full = 1;
out:
	free(e.done);
	free(e.pending);
}

const struct ukind_ops ui_verify_ops = {
	.run = verify_flow,
};
