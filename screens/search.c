/* search.c - find a member by ID number, name (substring) or phone. */
#include "keys.h"
#include "ui_search.h"

static const struct key_def search_keys[] = {
	{ ACT_SEARCH, { UK_ENTER }, "Enter(输入行)", "查找: 身份证号、姓名中的字、联系电话、姓名拼音首字母(wjh: 王建华)", NULL, KW_ANY },
	{ ACT_OPEN, { UK_ENTER }, "Enter(结果中)", "打开该党员", "Enter打开", KW_ANY },
	{ ACT_DOWN, { UK_DOWN, UK_TAB }, "↓ 或 Tab", "下一条结果", NULL, KW_ANY },
	{ ACT_UP, { UK_UP, UK_BTAB }, "↑ 或 Shift-Tab", "上一条结果(从第一条回到输入行)", NULL, KW_ANY },
	{ ACT_BACKSPACE, { UK_BACKSPACE }, "Backspace", "删除前一个字", NULL, KW_ANY },
	{ ACT_CLEAR, { UK_CTRL_U }, "Ctrl-U", "清空输入", NULL, KW_ANY },
	{ ACT_HELP, { UK_F1 }, "F1", "帮助: 本屏全部按键", "F1帮助", KW_ANY },
	{ ACT_LEAVE, { UK_ESC }, "Esc", "返回", "Esc返回", KW_ANY },
	{ ACT_QUIT, { UK_F10, UK_CTRL_Q }, "F10 或 Ctrl-Q", "退出程序", NULL, KW_ANY },
};

const struct screen_def screen_search = {
	.name = "search",
	.ops = &ui_search_ops,
	.title = "查找党员",
	.keys = search_keys,
	.nkeys = NKEYS(search_keys),
};
