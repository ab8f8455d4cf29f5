#!/bin/sh
# The checking workflow in the TUI (issue 12), single-user (the owner holds
# both roles): a branch and two members typed in; a batch 初核 from the tree
# passes one and lists the other as skipped (no 确认方式) with why; 确认方式
# ticked as a set (他人代填 + 电话确认) and 初核 on that member; a return of
# 联系电话 with a comment listed first in the member list and shown beside the
# field; the fix; 初核 again closes it; the 书记签字 and the 附件1's 初核; the
# progress board; a batch 复核; the 附件4 export of the branch (refused before
# 初核); the locked record refuses an edit on screen, and F7 解锁 (reason
# asked) opens it.
. "$TOP/tests/e2e/lib.sh"
t_init review
B=中共测试公司第一支部委员会
t_start
t_wait "组织树"
t_new_branch "$B"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_member_fill "王小明" "11010519491231002X" "hz 1" "北京市海淀区中关村大街1号"
t_keys F2
t_wait "已保存 王小明 (完整)"
# the second: its 确认方式 left empty (optional on save, needed for 初核)
t_member_fill "李红" "110108198503150026" "03" "上海市浦东新区世纪大道100号3栋"
t_wait "确认方式             本人签字"
t_keys BTab
t_settle
t_keys C-u Tab
t_keys F2
t_wait "已保存 李红 (完整)"
t_keys Escape
t_wait "党员 2 人"
t_check "初核 0, 复核 0, 退回 0"
t_match "^ +1 王小明 .* 完整  录入$"
t_keys q
t_wait "组织树"

# the branch's 附件4 export refuses before 初核 and says what is missing
t_keys x
t_wait "保存到目录:"
t_keys C-u
t_type "$T_DIR/early"
t_keys Enter
t_wait "新建这个目录"
t_keys y
t_wait "上报文件格式"
t_type "2"
t_keys Enter
t_wait "未导出任何文件"
t_keys Escape
t_wait "组织树"
grep -q "初核" "$T_DIR"/early/问题清单.txt || t_fail "problem list: $(cat "$T_DIR"/early/问题清单.txt)"
ls "$T_DIR"/early/*汇总表* >/dev/null 2>&1 && t_fail "a table written before 初核"

# batch 初核: one confirmation, the skipped listed with why
t_keys A
t_wait "1 初核(党支部)"
t_keys 1
t_wait "批量初核"
t_check "1 名党员将初核通过; 跳过 1 名"
t_check "李红 110108198503150026: 确认方式未填写"
t_keys y
t_wait "1 名党员已初核通过, 跳过 1 名"

# 确认方式 ticked as a set, then 初核 of that member from the list
t_keys Enter
t_wait "党员名单"
t_match "^ +1 王小明 .* 完整  初核$"
t_keys j Enter
t_wait "[完整] [录入]"
t_tab_to_row 19
t_keys F4
t_wait "可以选多项:"
t_keys 2 3
t_wait "[x] 3 电话确认"
t_keys Enter
t_wait "确认方式             他人代填、电话确认"
t_keys F2
t_wait "已保存 李红 (完整)"
t_keys Escape
t_wait "党员名单"
t_keys a
t_wait "李红 已初核通过"
t_check "初核 2, 复核 0, 退回 0"

# a return of 王小明's 联系电话 (by its item number): listed first, marked
t_keys k b
t_wait "哪一项有问题?"
t_type "12"
t_wait "联系电话"
t_keys Enter
t_wait "退回意见(必填"
t_type "号码少一位, 请核对"
t_keys Enter
t_wait "已退回 王小明 (联系电话): 号码少一位, 请核对"
t_check "初核 1, 复核 0, 退回 1"
t_match "^退回 王小明 .* 完整  退回$"
# the comment beside its field; the fix; the save says the state
t_keys g Enter
t_wait "[完整] [录入 · 退回]"
t_check "退回 1 处: 号码少一位, 请核对"
t_match "^12 联系电话 +13912345678_* +退回: 号码少一位, 请核对$"
t_tab_to_row 12
t_check "退回意见(root"
t_keys C-u
t_type "13912345670"
t_keys F2
t_wait "已保存 王小明 (完整)"
t_keys Escape
t_wait "党员名单"
# returns stay open until 初核 passes again; then the list is in order
t_match "^退回 王小明"
t_keys a
t_wait "王小明 已初核通过"
t_wait "初核 2, 复核 0, 退回 0"
t_lacks "^退回 "
t_keys q
t_wait "组织树"

# the 附件1: 书记签字, then 初核
t_keys a
t_wait "未通过"
t_check "书记签字"
t_keys w
t_wait "签字的书记姓名:"
t_check "张书记"
t_keys Enter
t_wait "签字日期:"
t_check "2026-06-01"
t_keys Enter
t_wait "已记录书记签字: 张书记 2026-06-01"
t_keys a
t_wait "$B 已初核通过"

# the board: one branch, its numbers, the committee line
t_keys t
t_wait "党统 录入 完整 初核 复核 退回 签字"
t_match "^中共测试公司第一支部委员会 +- +2 +2 +2 +0 +0 +是 [0-9][0-9]-[0-9][0-9] [a-z]"
t_keys q
t_wait "组织树"

# 复核 of the branch's members and of its 附件1
t_keys A
t_wait "2 复核(党委)"
t_keys 2
t_wait "2 名党员将复核通过; 跳过 0 名"
t_keys y
t_wait "2 名党员已复核通过, 跳过 0 名"
t_keys a
t_wait "$B 已复核通过"
t_keys t
t_wait "党统 录入 完整 初核 复核 退回 签字"
t_match "^中共测试公司第一支部委员会 +- +2 +2 +2 +2 +0 +是"
t_keys q
t_wait "组织树"

# the branch's 附件4 export (it needs 初核; everything is 复核通过 now)
t_keys x
t_wait "保存到目录:"
t_keys C-u
t_type "$T_DIR/out"
t_keys Enter
t_wait "新建这个目录"
t_keys y
t_wait "上报文件格式"
t_type "2"
t_keys Enter
t_wait "上报完成"
t_check "党员 2 名"
t_keys Enter
t_wait "组织树"
ls "$T_DIR"/out/*党员基本信息汇总表*.csv >/dev/null 2>&1 || t_fail "no 附件4 written"

# a locked record: read-only, the refusal on screen; F7 解锁 with a reason
t_keys Enter
t_wait "党员名单"
t_match "^ +1 王小明 .* 完整  复核$"
t_keys Enter
t_wait "[完整] [复核通过 · 锁定]"
t_check "已复核通过并锁定, 只能查看; 按 F7 解锁"
t_tab_to_row 12
t_type "9"
t_wait "该记录已复核通过并锁定，不能修改"
t_keys F2
t_check "该记录已复核通过并锁定，不能修改"
t_match "^12 联系电话 +13912345670_*$"
t_keys F7
t_wait "解锁原因(必填"
t_type "电话号码有变"
t_keys Enter
t_wait "已解锁 王小明 (回到初核通过), 可以修改"
t_check "[完整] [初核通过]"
t_tab_to_row 12
t_keys C-u
t_type "13912345671"
t_keys F2
t_wait "已修改, 回到录入状态, 需重新初核"
t_check "[完整] [录入]"
t_keys Escape
t_wait "党员名单"
t_match "^ +1 王小明 .* 完整  录入$"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"

# the exchange is in the audit trail
"$CAIJI" -d "$DB" log --member 11010519491231002X > "$T_DIR/log" || t_fail "log"
for w in "退回" "号码少一位, 请核对" "初核通过" "复核通过" "解锁" "电话号码有变"; do
	grep -q "$w" "$T_DIR/log" || t_fail "log lacks $w: $(cat "$T_DIR/log")"
done
