#!/bin/sh
# Issue 14.5: on unit page 2 of a 联合党支部, Ctrl-D copies the unit before
# it (not the previous organisation saved) and stays in the field.
# Issue 14.8: ^F lands on the new page's 单位名称; Tab from a unit's last
# field goes to the next unit's 单位名称.
. "$TOP/tests/e2e/lib.sh"
t_init dittounit
t_start
t_wait "组织树"
t_keys n
t_wait "党统人数"
t_type "中共某某街道联合支部委员会"; t_keys Tab
t_type "周书记"; t_keys Tab
t_type "吴联系"; t_keys Tab
t_type "13800138002"
t_type "lhdzb"                           # 组织类别 联合党支部 (whole initials move on)
t_type "lhdzb"                           # 党组织所在单位情况 联合党支部
t_wait "单位附页 1/2"
t_type "某某商贸有限公司"; t_keys Tab
t_keys F4
t_wait "非公有经济控制"
t_type "8"; t_keys Enter
t_wait "8 单位类别             非公有经济控制"
t_keys C-f                               # from 单位建立党组织情况 (issue 14.8):
t_wait "单位附页 2/2"
t_settle
_row=$(t_cursor | cut -d, -f2)
[ "$_row" = 8 ] || t_fail "^F did not land on 单位名称: $(t_cursor)"
t_keys C-d
t_wait "已复制上一单位: 某某商贸有限公司"
t_settle
[ "$(t_cursor | cut -d, -f2)" = "$_row" ] || t_fail "Ctrl-D left the field"
t_keys Tab
t_keys C-d
t_wait "已复制上一单位: 非公有经济控制"
# Tab from page 1's last field goes to page 2's 单位名称 (issue 14.8)
t_keys C-b
t_wait "单位附页 1/2"
t_tab_to_row 11                          # 党组织所在单位代码, page 1
t_keys Tab
t_wait "单位附页 2/2"
t_settle
[ "$(t_cursor | cut -d, -f2)" = 8 ] || t_fail "Tab did not go to unit 2's 单位名称: $(t_cursor)"
t_keys Escape
t_wait "本表有修改尚未保存"
t_keys d
t_wait "组织树"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
