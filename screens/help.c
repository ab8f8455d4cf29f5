/* help.c - the keys of the screen it was opened from. */
#include "keys.h"

static const struct key_def help_keys[] = {
	{ ACT_UP, { UK_UP, 'k' }, "↑ 或 k", "上滚", NULL, KW_ANY },
	{ ACT_DOWN, { UK_DOWN, 'j', UK_SPACE }, "↓、j 或 空格", "下滚", NULL, KW_ANY },
	{ ACT_LEAVE, { 'q', UK_ESC, UK_ENTER, UK_F1 }, "q、Esc、Enter 或 F1", "返回", "q返回", KW_ANY },
};

const struct screen_def screen_help = {
	.name = "help",
	.kind = SK_HELP,
	.title = "帮助",
	.keys = help_keys,
	.nkeys = NKEYS(help_keys),
};
