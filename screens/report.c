/* report.c - the 统计 (statistics) and 质量检查 (quality check) screens, the 上报 and 打印 flows. */
#include "keys.h"
#include "ui_check.h"
#include "ui_export.h"
#include "ui_print.h"
#include "ui_stats.h"

#define TEXT_SCROLL_KEYS \
	{ ACT_LEFT, { UK_LEFT, 'h' }, "← 或 h", "左移(表格较宽)", NULL, KW_ANY }, \
	{ ACT_RIGHT, { UK_RIGHT, 'l' }, "→ 或 l", "右移", NULL, KW_ANY }

static const struct key_def stats_keys[] = {
	LIST_MOVE_KEYS,
	TEXT_SCROLL_KEYS,
	{ ACT_HELP, { UK_F1, '?' }, "F1 或 ?", "帮助: 本屏全部按键", "?帮助", KW_ANY },
	{ ACT_LEAVE, { 'q', UK_ESC }, "q 或 Esc", "返回组织树", "q返回 ←→左右移", KW_ANY },
	{ ACT_QUIT, { UK_F10, UK_CTRL_Q }, "F10 或 Ctrl-Q", "退出程序", NULL, KW_ANY },
};

const struct screen_def screen_stats = {
	.name = "stats",
	.ops = &ui_stats_ops,
	.title = "统计",
	.keys = stats_keys,
	.nkeys = NKEYS(stats_keys),
};

static const struct key_def check_keys[] = {
	{ ACT_OPEN, { UK_ENTER }, "Enter", "打开该问题所在的记录(改好后按 Esc 回到清单)", "Enter打开", KW_ANY },
	LIST_MOVE_KEYS,
	{ ACT_REFRESH, { UK_CTRL_L, 'R' }, "Ctrl-L 或 R", "重新检查", "R重查", KW_ANY },
	{ ACT_HELP, { UK_F1, '?' }, "F1 或 ?", "帮助: 本屏全部按键", "?帮助", KW_ANY },
	{ ACT_LEAVE, { 'q', UK_ESC }, "q 或 Esc", "返回组织树", "q返回", KW_ANY },
	{ ACT_QUIT, { UK_F10, UK_CTRL_Q }, "F10 或 Ctrl-Q", "退出程序", NULL, KW_ANY },
};

const struct screen_def screen_check = {
	.name = "check",
	.ops = &ui_check_ops,
	.title = "质量检查",
	.keys = check_keys,
	.nkeys = NKEYS(check_keys),
};

/* 上报: a modal flow of prompts (their keys are on each prompt). */
const struct screen_def screen_export = {
	.name = "export",
	.ops = &ui_export_ops,
	.title = "上报",
};

/* 打印: a modal flow (a choice for organisations, then the path shown). */
const struct screen_def screen_print = {
	.name = "print",
	.ops = &ui_print_ops,
	.title = "打印",
};
