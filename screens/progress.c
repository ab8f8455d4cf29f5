/* progress.c - 进度: the checking workflow's board per branch (t on the tree). */
#include "keys.h"
#include "ui_progress.h"

static const struct key_def progress_keys[] = {
	{ ACT_OPEN, { UK_ENTER }, "Enter", "党支部行: 打开本支部党员名单", "Enter名单", KW_ANY },
	LIST_MOVE_KEYS,
	{ ACT_REFRESH, { UK_CTRL_L, 'R' }, "Ctrl-L 或 R", "重新读取(看到别人刚做的初核、复核)", "R刷新", KW_ANY },
	{ ACT_HELP, { UK_F1, '?' }, "F1 或 ?", "帮助: 本屏全部按键", "?帮助", KW_ANY },
	{ ACT_LEAVE, { 'q', UK_ESC }, "q 或 Esc", "返回组织树", "q返回", KW_ANY },
	{ ACT_QUIT, { UK_F10, UK_CTRL_Q }, "F10 或 Ctrl-Q", "退出程序", NULL, KW_ANY },
};

const struct screen_def screen_progress = {
	.name = "progress",
	.ops = &ui_progress_ops,
	.title = "进度",
	.keys = progress_keys,
	.nkeys = NKEYS(progress_keys),
};
