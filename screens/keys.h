/* keys.h - key bindings shared by the screen definitions (data only). */
#ifndef CAIJI_SCREENS_KEYS_H
#define CAIJI_SCREENS_KEYS_H

#include "screen.h"

/* Moving and editing inside a form. */
#define FORM_EDIT_KEYS \
	{ ACT_NEXT, { UK_TAB, UK_ENTER, UK_DOWN }, "Tab、Enter、↓", "下一项", NULL, KW_ANY }, \
	{ ACT_PREV, { UK_BTAB, UK_UP }, "Shift-Tab、↑", "上一项", NULL, KW_ANY }, \
	{ ACT_HOME, { UK_HOME, 1 }, "Home 或 Ctrl-A", "到本项开头", NULL, KW_ANY }, \
	{ ACT_END, { UK_END, 5 }, "End 或 Ctrl-E", "到本项末尾", NULL, KW_ANY }, \
	{ ACT_LEFT, { UK_LEFT }, "←", "左移一个字", NULL, KW_ANY }, \
	{ ACT_RIGHT, { UK_RIGHT }, "→", "右移一个字", NULL, KW_ANY }, \
	{ ACT_BACKSPACE, { UK_BACKSPACE }, "Backspace", "删除前一个字", NULL, KW_ANY }, \
	{ ACT_DELETE, { UK_DC }, "Delete", "删除光标处的字", NULL, KW_ANY }, \
	{ ACT_CLEAR, { UK_CTRL_U }, "Ctrl-U", "清空本项", NULL, KW_ANY }

/* Saving, leaving, help and the coded-field keys of every record form. */
#define FORM_RECORD_KEYS \
	{ ACT_SAVE, { UK_F2, UK_CTRL_S }, "F2 或 Ctrl-S", "保存(有错误时保存为草稿)", "F2保存", KW_ANY }, \
	{ ACT_PROBLEMS, { UK_F3 }, "F3", "本记录的全部错误和提醒(各注明项目), Enter 到该项", "F3问题", KW_ANY }, \
	{ ACT_PICK, { UK_F4 }, "F4", "代码项: 打开选择列表(确认方式: 勾选一项或多项)", "F4选择", KW_ANY }, \
	{ ACT_PICK, { UK_SPACE }, "空格(代码项中)", "代码项: 打开选择列表", NULL, KW_NOTEXT }, \
	{ ACT_DITTO, { UK_CTRL_D }, "Ctrl-D", "复制本次上一条已保存记录的同一项", "^D同上", KW_ANY }, \
	{ ACT_UNLOCK, { UK_F7 }, "F7", "解锁复核通过(锁定)的记录: 党委录入员, 填写原因", NULL, KW_ANY }, \
	{ ACT_HELP, { UK_F1 }, "F1", "帮助: 本屏全部按键", "F1帮助", KW_ANY }, \
	{ ACT_HELP, { '?' }, "?(代码项、日期项中)", "帮助: 本屏全部按键", NULL, KW_NOTEXT }, \
	{ ACT_LEAVE, { UK_ESC }, "Esc", "离开(有修改时询问 保存/放弃/返回)", "Esc离开", KW_ANY }, \
	{ ACT_QUIT, { UK_F10, UK_CTRL_Q }, "F10 或 Ctrl-Q", "退出程序(有修改时先询问)", "^Q退出", KW_ANY }

/* Moving in a list or the tree. */
#define LIST_MOVE_KEYS \
	{ ACT_UP, { UK_UP, 'k' }, "↑ 或 k", "上一行", NULL, KW_ANY }, \
	{ ACT_DOWN, { UK_DOWN, 'j' }, "↓ 或 j", "下一行", NULL, KW_ANY }, \
	{ ACT_PAGE_PREV, { UK_PGUP }, "PgUp", "上一页", NULL, KW_ANY }, \
	{ ACT_PAGE_NEXT, { UK_PGDN }, "PgDn", "下一页", NULL, KW_ANY }, \
	{ ACT_FIRST, { UK_HOME, 'g' }, "Home 或 g", "第一行", NULL, KW_ANY }, \
	{ ACT_LAST, { UK_END, 'G' }, "End 或 G", "最后一行", NULL, KW_ANY }

#define NKEYS(a) (sizeof (a) / sizeof (a)[0])

#endif
