/* history.c - the audit trail of one member or organisation (h on it). */
#include "keys.h"
#include "ui_history.h"

static const struct key_def history_keys[] = {
	{ ACT_UNDO, { 'u' }, "u", "把所选项恢复为修改前的值(撤销, 记入审计记录)", "u撤销", KW_ANY },
	LIST_MOVE_KEYS,
	{ ACT_HELP, { UK_F1, '?' }, "F1 或 ?", "帮助: 本屏全部按键", "?帮助", KW_ANY },
	{ ACT_LEAVE, { 'q', UK_ESC }, "q 或 Esc", "返回", "q返回", KW_ANY },
	{ ACT_QUIT, { UK_F10, UK_CTRL_Q }, "F10 或 Ctrl-Q", "退出程序", NULL, KW_ANY },
};

const struct screen_def screen_history = {
	.name = "history",
	.ops = &ui_history_ops,
	.title = "修改记录",
	.keys = history_keys,
	.nkeys = NKEYS(history_keys),
};
