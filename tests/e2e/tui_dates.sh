#!/bin/sh
# Issue 14.6: dates take 2024年3月5日 in the form (as the README says); a
# complete 8-digit date moves on like the ID number and the mobile do.
. "$TOP/tests/e2e/lib.sh"
t_init dates
t_start
t_wait "组织树"
t_new_branch "中共日期测试支部委员会"      # its mobile advanced by itself
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_type "钱日期"; t_keys Tab
t_type "01"                               # the whole code: on to the ID number
t_type "110105198507150016"
t_wait "身份证号有效"
t_type "dx"; t_type "1"
t_type "zsdy"                             # whole initials: on to 加入党组织日期
t_type "2010年7月1日"; t_keys Tab
t_wait " 9 加入党组织日期       2010-07-01"
t_type "20110701"                         # complete: on to 工作岗位, no Tab
t_wait "10 转为正式党员日期     2011-07-01"
t_settle
[ "$(t_cursor | cut -d, -f2)" = 11 ] || t_fail "8 digits did not move on: $(t_cursor)"
t_keys Escape
t_wait "本表有修改尚未保存"
t_keys d
t_wait "党员名单"
t_keys q
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
