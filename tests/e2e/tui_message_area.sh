#!/bin/sh
# Issue 14.1: no message is cut at 80 columns.  A second member with an ID
# number already registered: the message names the branch and the person
# whole, wrapped into a message area above the key bar; a shorter message
# afterwards uncovers the form again.
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
# the next member, with the same ID number
t_member_fill "李四" "11010519491231002X" "hz 1" "北京市海淀区中关村大街2号"
t_keys F2
t_wait "（王小明）"
t_check "11010519491231002X 已在"
t_check "研发中心第一党支部委员会"
t_check "部委员会 登记（王小明）"       # the end, not cut at the 80th column
# a short message: the form under the message area is shown again
t_type "复员军人"; t_keys Tab          # 备注: leaving it clears the message
t_gone "王小明）"
t_check "   备注                 复员军人"
t_check "   确认方式             本人签字"
echo "keys: $T_KEYS"
