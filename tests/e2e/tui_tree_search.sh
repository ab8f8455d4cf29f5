#!/bin/sh
# The tree (a committee with a joint branch below it, collapse/expand), the
# unit pages of a 联合党支部 (at least two, added and removed with keys), a
# duplicate ID number refused naming the branch that holds it, removal
# with a reason and note, and search by name, ID number and phone.
. "$TOP/tests/e2e/lib.sh"
t_init tree
t_start
t_wait "组织树"
# a 党委 at the top
t_keys n
t_wait "党统人数"
t_type "中共测试县委员会"; t_keys Tab
t_type "刘书记"; t_keys Tab
t_type "何联系"; t_keys Tab
t_type "010-12345678"; t_keys Tab
t_type "dw"                          # whole initials: moves on
t_type "ysj"; t_keys Enter
t_type "40"                          # 党统人数 (optional)
t_keys F2
t_wait "已保存"
t_keys Escape
t_wait "中共测试县委员会"
# a joint branch under it: two unit pages at once
t_keys n
t_wait "党统人数"
t_type "中共测试县联合支部委员会"; t_keys Tab
t_type "马书记"; t_keys Tab
t_type "牛联系"; t_keys Tab
t_type "13800138001"
t_type "lhdzb"
t_type "lhdzb"
t_wait "单位附页 1/2"
t_type "甲公司"; t_keys Tab
t_keys C-f
t_wait "单位附页 2/2"
t_type "乙公司"; t_keys Tab
t_keys C-x
t_wait "至少要有 2 个单位"
t_keys C-n
t_wait "单位附页 3/3"
t_type "丙公司"
t_keys C-x
t_wait "删除单位附页 3 (丙公司)?"
t_keys y
t_wait "单位附页 2/2"
t_check "乙公司"
t_keys C-b
t_wait "单位附页 1/2"
t_check "甲公司"
t_keys F2
t_wait "已保存"
t_keys Escape
t_wait "组织树"
t_wait "  中共测试县联合支部委员会"
# 党统人数 kept; Esc on the tree does not quit
t_keys g e
t_wait "党统人数             40"
t_keys Escape
t_wait "组织树"
t_keys Escape
t_wait "退出请按 q"
# collapse and expand the committee
t_keys g Space
t_gone "中共测试县联合支部委员会"
t_check "+ 中共测试县委员会"
t_keys Space
t_wait "中共测试县联合支部委员会"
t_keys j
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_member_fill "冯小兰" "11010519491231002X" "hz 1" "重庆市渝中区解放碑1号"
t_keys F2
t_wait "已保存 冯小兰 (完整)"
# the same ID number again: refused, naming the branch
t_type "冯重复"; t_keys Tab Tab
t_type "11010519491231002X"
t_keys F2
t_wait "未保存:"
t_check "中共测试县联合支部委员会"
t_keys Escape
t_wait "有未保存的修改"
t_keys d
t_wait "党员名单"
t_gone "冯重复"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
t_db_has "冯重复" && t_fail "duplicate saved"

t_start
t_wait "组织树"
# search by a part of the name, by the ID number, by the phone, by initials
t_keys /
t_wait "查找:"
t_type "小兰"; t_keys Enter
t_wait "找到 1 条"
t_check "冯小兰"
t_check "中共测试县联合"                 # the branch it is in
t_keys Enter
t_wait "重庆市渝中区解放碑1号"
t_keys Escape
t_wait "查找:"
t_keys C-u
t_type "11010519491231002X"; t_keys Enter
t_wait "找到 1 条"
t_keys C-u
t_type "13912345678"; t_keys Enter
t_wait "找到 1 条"
t_keys C-u
t_type "不存在的人"; t_keys Enter
t_wait "找到 0 条"
# pinyin initials of the name (issue 14.16), through the initials index
t_keys C-u
t_type "fxl"; t_keys Enter
t_wait "找到 1 条"
t_check "冯小兰"
t_keys C-u
t_type "zzz"; t_keys Enter
t_wait "找到 0 条"
t_keys Escape
t_wait "组织树"
# remove with a reason and a note, show removed, restore
t_keys j Enter
t_wait "冯小兰"
t_keys d
t_wait "请选择原因"
t_keys Down Enter
t_wait "移除说明"
t_type "病故"
t_keys Enter
t_wait "已移除 冯小兰 (死亡)"
t_gone "   1 冯小兰"
t_check "已移除 1"
t_keys r
t_wait "死亡"
t_keys d                                 # removed already: says so
t_wait "冯小兰 已移除; 按 u 恢复"
t_keys u
t_wait "已恢复 冯小兰"
t_keys u                                 # present: says so
t_wait "冯小兰 没有被移除"
t_keys r
t_wait "   1 冯小兰"
t_check "已移除 0"
exit 0
