#!/bin/sh
# A removed organisation can be shown (r) and restored (u) from the tree, as
# members can in their list; its removal offers only the reasons that fit an
# organisation; a removed one cannot be opened or edited until restored.
# After n and a save the cursor is on the new organisation; J/K report.
. "$TOP/tests/e2e/lib.sh"
t_init orgrestore
t_start
t_wait "组织树"
t_new_branch "中共恢复测试第一支部委员会"
t_new_branch "中共恢复测试第二支部委员会"
t_keys d                                 # the cursor is on the one just saved
t_wait "移除 中共恢复测试第二支部委员会: 请选择原因"
t_check "2      录入错误"                 # numbered 1..n as shown (issue 14.9)
t_check "3      其他"
t_lacks "死亡"                            # not offered for an organisation
t_lacks "出党"
t_type "9"; t_keys Enter                 # a wrong number says so, not a cancel
t_wait "没有“9”这一项: Backspace 改正, Esc 取消"
t_check "请选择原因"
t_keys BSpace
t_type "3"; t_keys Enter                 # 其他
t_wait "撤销、合并"
t_type "与第一支部合并"; t_keys Enter
t_wait "已移除 中共恢复测试第二支部委员会 (其他)"
t_gone "  中共恢复测试第二支部委员会"
# r shows it, marked; Enter on it refuses; u brings it back
t_keys r
t_wait "已移除(其他)"
t_check "中共恢复测试第二支部委员会"
t_keys G Enter
t_wait "已移除; 先按 u 恢复"
t_keys u
t_wait "已恢复 中共恢复测试第二支部委员会"
t_gone "已移除(其他)"
t_keys r
t_wait "已隐藏已移除的党组织"
t_check "中共恢复测试第二支部委员会"
# J/K on the tree: the edge says so, a move says what moved (not the old error)
t_keys g K
t_wait "无法移动: 已在最前"
t_keys J
t_wait "已移动 中共恢复测试第一支部委员会"
second_first() { t_screen | grep -A1 "第二支部" | grep -q "第一支部"; }
t_until "order not changed" second_first
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
# restored in the database: after a restart it is there and opens
t_start
t_wait "组织树"
t_keys g Enter                           # moved to the top above
t_wait "党员名单  中共恢复测试第二支部委员会"
t_keys C-q
t_exit >/dev/null
echo ok
