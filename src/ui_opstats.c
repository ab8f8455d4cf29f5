/*
 * ui_opstats.c - 录入统计 (ui_opstats.h): the report of opstats.h, the
 * same text `caiji stats --operators` prints, in a box.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opstats.h"
#include "ui.h"
#include "ui_dialog.h"
#include "ui_opstats.h"

static void
opstats_flow(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	static const int keys[] = { UK_ENTER, UK_ESC, 'q' };
	struct store_opstat *rows = NULL;
	size_t n = 0, size;
	char *text;
	int rc;

	(void)a;
	if ((rc = opstats_collect(ui->app->st, NULL, &rows, &n)) != 0) {
		ui_status(ui, 1, "录入统计失败: %s", store_strerror(rc));
		return;
	}
	size = 512 + (n + 1) * 160;
	if ((text = malloc(size)) == NULL) {
		free(rows);
		return;
	}
	opstats_text(rows, n, text, size);
	if (n == 0)
		snprintf(text + strlen(text), size - strlen(text),
		    "(还没有记录: 在表单中按 F2 保存的记录才计入)\n");
	ui_show(ui, def->title, text, "Enter 返回  ↑↓ 滚动  (caiji stats --operators 可导出 CSV)",
	    keys, 3);
	ui->full = 1;
	free(text);
	free(rows);
}

const struct ukind_ops ui_opstats_ops = {
	.run = opstats_flow,
};
