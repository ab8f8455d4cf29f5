#!/bin/sh
# Issue 14.1: no message is cut at 80 columns.  A second member with an ID
# number already registered: the message names the branch and the person
# whole, wrapped into a message area above the key bar; a shorter message
# afterwards takes the area away; the draft message keeps its counts.
. "$TOP/tests/e2e/lib.sh"
t_init msgarea
t_start
t_wait "组织树"
t_new_branch "中共某某区某某公司研发中心第一党支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_member_fill "王小明" "11010519491231002X" "hz 1" "北京市海淀区中关村大街1号"
t_keys F2
t_wait "已保存 王小明 (完整)"
# the next member, with the same ID number: caught on leaving the field,
# the message names the branch and the person whole
t_type "李四"; t_keys Tab                # 性别 passed until the ID number
t_type "hz"; t_type "1"
t_type "11010519491231002X"
t_wait "登记（王小明）"
t_check "公民身份证号 11010519491231002X 已在 中共某某区某某公司研发中心第一党支部委员会"
t_check "公民身份证号       ! 11010519491231002X"
# a shorter message: the message area is gone
t_type "dx"
t_wait "按数字选择"
t_gone "登记（王小明）"
t_type "1"
# another ID number, then F2: the draft message keeps its counts
_on_id() { [ "$(t_cursor | cut -d, -f2)" = 4 ]; }
until _on_id; do
	_was=$(t_cursor); t_keys BTab
	t_until "Shift-Tab did not move" _t_moved "$_was"
done
t_keys C-u; t_type "110108198503150026"
t_wait "身份证号有效"
t_keys F2
t_match "错误 [0-9]+, 未确认提醒 [0-9]+\)"
echo "keys: $T_KEYS"
