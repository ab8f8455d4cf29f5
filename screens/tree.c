/* tree.c - 组织树, the start screen: organisations with member counts and marks. */
#include "keys.h"
#include "ui_tree.h"

static const struct key_def tree_keys[] = {
	{ ACT_OPEN, { UK_ENTER }, "Enter", "党支部: 打开党员名单; 党委/党总支: 展开或收起", "Enter打开", KW_ANY },
	{ ACT_EDIT_ORG, { 'e', UK_F3 }, "e 或 F3", "编辑本党组织的附件1", "e附件1", KW_ANY },
	{ ACT_NEW, { UK_IC, 'n' }, "Ins 或 n", "新建党组织(党委/党总支下为下级, 党支部旁为同级)", "n新建", KW_ANY },
	{ ACT_REMOVE, { UK_DC, 'd' }, "Del 或 d", "移除党组织(询问原因)", "d移除", KW_ANY },
	{ ACT_SHOW_REMOVED, { 'r' }, "r", "显示/隐藏已移除的党组织", NULL, KW_ANY },
	{ ACT_RESTORE, { 'u' }, "u", "恢复已移除的党组织(先按 r 显示)", NULL, KW_ANY },
	{ ACT_TOGGLE, { UK_SPACE, UK_RIGHT, UK_LEFT }, "空格、→、←", "展开/收起", NULL, KW_ANY },
	{ ACT_MOVE_DOWN, { 'J', UK_CDOWN }, "J 或 Ctrl-↓", "本行下移(同级之间)", NULL, KW_ANY },
	{ ACT_MOVE_UP, { 'K', UK_CUP }, "K 或 Ctrl-↑", "本行上移(同级之间)", NULL, KW_ANY },
	{ ACT_SEARCH, { '/' }, "/", "查找党员(身份证号、姓名、电话、拼音首字母)", "/查找", KW_ANY },
	{ ACT_STATS, { 's' }, "s", "统计: 本党组织(含下级)的党员人数、结构", "s统计", KW_ANY },
	{ ACT_CHECK, { 'c' }, "c", "质量检查: 列出需要处理的问题, Enter 打开该记录", "c检查", KW_ANY },
	{ ACT_EXPORT, { 'x' }, "x", "上报: 导出基层党委的上报文件夹(党支部上: 本支部附件4)", "x上报", KW_ANY },
	{ ACT_PRINT, { 'p' }, "p", "打印采集表(PDF, 存入主目录): 党支部上选本支部党员的附件2或附件1, 党委/党总支上选附件1或全部", "p打印", KW_ANY },
	{ ACT_IMPORT, { 'i' }, "i", "导入: 从目录选 CSV 文件, 检查后按身份证号合并", "i导入", KW_ANY },
	{ ACT_VERIFY, { 'v' }, "v", "双录核对(党支部上): 抽样、盲录核对、一致率", NULL, KW_ANY },
	{ ACT_PASS, { 'a' }, "a", "附件1通过初核或复核(党支部初核前须书记签字)", NULL, KW_ANY },
	{ ACT_PASS_BRANCH, { 'A' }, "A", "党支部上: 全体党员批量初核或复核, 列出跳过的", NULL, KW_ANY },
	{ ACT_RETURN, { 'b' }, "b", "退回本党组织的附件1(填写意见)", NULL, KW_ANY },
	{ ACT_SIGN, { 'w' }, "w", "书记签字: 记录附件1的书记签字姓名和日期", NULL, KW_ANY },
	{ ACT_PROGRESS, { 't' }, "t", "进度: 各党支部录入、初核、复核、退回和书记签字情况", NULL, KW_ANY },
	{ ACT_OPSTATS, { 'o' }, "o", "录入统计: 每个录入员每天的录入量、用时和差错", NULL, KW_ANY },
	{ ACT_HISTORY, { 'h' }, "h", "本党组织的修改记录(可撤销)", NULL, KW_ANY },
	{ ACT_REFRESH, { UK_CTRL_L, 'R' }, "Ctrl-L 或 R", "重新读取人数(看到别人刚录入的)", NULL, KW_ANY },
	LIST_MOVE_KEYS,
	{ ACT_HELP, { UK_F1, '?' }, "F1 或 ?", "帮助: 本屏全部按键", "?帮助", KW_ANY },
	{ ACT_QUIT, { UK_F10, UK_CTRL_Q, 'q' }, "F10、Ctrl-Q 或 q", "退出程序", "q退出", KW_ANY },
	{ ACT_LEAVE, { UK_ESC }, "Esc", "组织树是第一屏: 不退出(防止误按), 提示用 q 退出", NULL, KW_ANY },
};

const struct screen_def screen_tree = {
	.name = "tree",
	.ops = &ui_tree_ops,
	.title = "组织树",
	.keys = tree_keys,
	.nkeys = NKEYS(tree_keys),
};
