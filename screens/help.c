/* help.c - the keys of the screen it was opened from. */
#include "keys.h"
#include "ui_help.h"

static const struct key_def help_keys[] = {
	{ ACT_UP, { UK_UP, 'k', UK_PGUP }, "↑、k 或 PgUp", "上滚", NULL, KW_ANY },
	{ ACT_DOWN, { UK_DOWN, 'j', UK_SPACE, UK_PGDN }, "↓、j、空格 或 PgDn", "下滚", "↓更多", KW_ANY },
	{ ACT_LEAVE, { 'q', UK_ESC, UK_ENTER, UK_F1 }, "q、Esc、Enter 或 F1", "返回", "q返回", KW_ANY },
};

const struct screen_def screen_help = {
	.name = "help",
	.ops = &ui_help_ops,
	.title = "帮助",
	.keys = help_keys,
	.nkeys = NKEYS(help_keys),
};
