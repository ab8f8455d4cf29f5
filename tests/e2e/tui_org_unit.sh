#!/bin/sh
# 附件1 of a 党支部 in a 法人单位: one unit, shown as 党组织所在单位 (no
# 附页 paging or add/delete offered); adding a second unit is refused with a
# message; a valid 统一社会信用代码 saves the organisation complete.
. "$TOP/tests/e2e/lib.sh"
t_init orgunit
t_start
t_wait "组织树"
t_keys n
t_wait "党统人数"
t_type "中共某某科技有限公司支部委员会"; t_keys Tab
t_type "周书记"; t_keys Tab
t_type "吴联系"; t_keys Tab
t_type "13800138002"
t_type "dzb"                             # whole initials: moves on
t_type "fr"; t_keys Enter                # 法人单位 (a unique start: Enter)
t_wait "── 党组织所在单位 ──"
t_lacks "单位附页"                        # not offered for a 法人单位
t_keys C-n
t_wait "法人单位只填一个单位"
t_type "某某科技有限公司"; t_keys Tab
t_keys F4
t_wait "非公有经济控制"
t_type "8"; t_keys Enter
t_wait "8 单位类别             非公有经济控制"
t_type "3"                               # 建立党支部的: the whole code moves on
t_type "91330106ma2b3c4d5d"             # lower case is folded; complete: advances
t_wait "91330106MA2B3C4D5D"
t_keys F2
t_wait "已保存 中共某某科技有限公司支部委员会 (完整)"
t_keys Escape
t_wait "组织树"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
echo ok
