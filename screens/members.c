/* members.c - one branch's member list, in the branch's reported order. */
#include "keys.h"
#include "ui_members.h"

static const struct key_def members_keys[] = {
	{ ACT_OPEN, { UK_ENTER }, "Enter", "打开党员基本信息采集表", "Enter打开", KW_ANY },
	{ ACT_NEW, { UK_IC, 'n' }, "Ins 或 n", "新增党员", "n新增", KW_ANY },
	{ ACT_REMOVE, { UK_DC, 'd' }, "Del 或 d", "移除党员(询问原因和说明)", "d移除", KW_ANY },
	{ ACT_RESTORE, { 'u' }, "u", "恢复已移除的党员", NULL, KW_ANY },
	{ ACT_SHOW_REMOVED, { 'r' }, "r", "显示/隐藏已移除的党员", NULL, KW_ANY },
	{ ACT_MOVE_DOWN, { 'J', UK_CDOWN }, "J 或 Ctrl-↓", "本行下移(名单顺序)", "J/K调序", KW_ANY },
	{ ACT_MOVE_UP, { 'K', UK_CUP }, "K 或 Ctrl-↑", "本行上移(名单顺序)", NULL, KW_ANY },
	{ ACT_MOVE_BRANCH, { 'm' }, "m", "转到其他党支部(修改所在党支部)", NULL, KW_ANY },
	{ ACT_PASS, { 'a' }, "a", "本党员通过初核或复核(按角色和状态)", "a通过", KW_ANY },
	{ ACT_RETURN, { 'b' }, "b", "退回本党员(选择项目, 填写意见)", "b退回", KW_ANY },
	{ ACT_EDIT_ORG, { 'e', UK_F3 }, "e 或 F3", "编辑本支部的附件1", "e附件1", KW_ANY },
	{ ACT_PRINT, { 'p' }, "p", "打印本党员的附件2 党员基本信息采集表(PDF, 存入主目录), 交本人签字", "p打印", KW_ANY },
	{ ACT_SEARCH, { '/' }, "/", "查找党员", "/查找", KW_ANY },
	{ ACT_HISTORY, { 'h' }, "h", "本党员的修改记录(可撤销)", NULL, KW_ANY },
	LIST_MOVE_KEYS,
	{ ACT_HELP, { UK_F1, '?' }, "F1 或 ?", "帮助: 本屏全部按键", "?帮助", KW_ANY },
	{ ACT_LEAVE, { 'q', UK_ESC }, "q 或 Esc", "返回组织树", "q返回", KW_ANY },
	{ ACT_QUIT, { UK_F10, UK_CTRL_Q }, "F10 或 Ctrl-Q", "退出程序", NULL, KW_ANY },
};

const struct screen_def screen_members = {
	.name = "members",
	.ops = &ui_members_ops,
	.title = "党员名单",
	.keys = members_keys,
	.nkeys = NKEYS(members_keys),
};
