#!/bin/sh
# Two clerks edit the same member (issue 14.10, merge instead of conflict):
# changes to different fields are merged without a question; only a field
# both changed asks, with both full values wrapped (never cut), and the
# choice touches that field alone (choosing K once put back the other
# clerk's old phone).  A removal by the other clerk is said after the save.
. "$TOP/tests/e2e/lib.sh"
t_init conflict
t_start
t_wait "组织树"
t_new_branch "中共并发测试支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_member_fill "郑并发" "110108198001010015" "hz 1" "天津市和平区南京路1号"
t_keys F2
t_wait "已保存 郑并发 (完整)"
t_keys Escape
t_wait "党员名单"
t_keys Enter
t_wait "天津市和平区南京路1号"

# the second clerk opens the same member
T_PANE=two
t_start
t_wait "组织树"
t_keys Enter
t_wait "党员名单"
t_keys Enter
t_wait "天津市和平区南京路1号"

# clerk one changes the phone and saves
T_PANE=app
t_keys Up Up Up Up Up Up Up               # 姓名 -> (wrap) 备注 ... 12 联系电话
t_keys C-u
t_type "13700000001"
t_keys F2
t_wait "已保存 郑并发 (完整)"

# clerk two changes the address and saves: merged, no question
T_PANE=two
t_keys Up Up Up Up Up Up                  # 13 家庭住址
t_keys C-u
t_type "天津市南开区鞍山西道2号"
t_keys Tab F2
t_wait "已合并对方的修改: 联系电话"
t_gone "保存冲突"
t_check "13700000001"
t_check "天津市南开区鞍山西道2号"

# clerk two then changes the phone and the address again (a long one)
LONG="天津市南开区鞍山西道二号院三号楼四单元五层五零一室东侧靠近红旗南路地铁站出口"
t_keys Up Up                              # 13 家庭住址 -> 12 联系电话
t_keys C-u
t_type "13700000003"                      # 11 digits: on to 家庭住址
t_keys C-u
t_type "$LONG"
t_keys Tab F2
t_wait "已保存 郑并发 (完整)"

# clerk one, still on the version it saved, changes the address and the
# note: the note and their phone merge, the address asks with both values
T_PANE=app
t_keys C-u                                # on 13 家庭住址 (after the phone's 11 digits)
t_type "天津市河西区友谊路3号"
t_keys Down Down Down Down Down           # 13 -> 备注
t_type "一号的备注"
t_keys F2
t_wait "保存冲突"
t_check "家庭住址:"
t_check "您的: 天津市河西区友谊路3号"
t_check "对方: 天津市南开区鞍山西道二号院三号楼四单元五层五零一室东侧靠近"
t_check "        红旗南路地铁站出口"      # the wrapped rest: never cut
t_lacks "联系电话:"                       # changed by one side only: no question
t_keys k
t_wait "已合并对方的修改: 联系电话"
t_check "13700000003"                     # their phone stays
t_check "天津市河西区友谊路3号"
t_check "一号的备注"
t_keys Escape
t_wait "党员名单"

# what is stored: both clerks' changes
T_PANE=two
t_keys Escape
t_wait "党员名单"
t_keys Enter
t_wait "公民身份证号"
t_check "13700000003"
t_check "天津市河西区友谊路3号"
t_check "一号的备注"

# clerk one opens again; clerk two removes the member meanwhile: the edit
# merges and the status says the record is removed
T_PANE=app
t_keys Enter
t_wait "公民身份证号"
T_PANE=two
t_keys Escape
t_wait "党员名单"
t_keys d
t_wait "请选择原因"
t_type "4"; t_keys Enter
t_wait "移除说明"
t_type "重复录入"; t_keys Enter
t_wait "已移除 郑并发 (录入错误)"
T_PANE=app
t_keys Up Up Up Up Up Up                  # 13 家庭住址
t_keys C-u
t_type "天津市河东区六纬路4号"
t_keys Tab F2
t_wait "对方已将这条记录移除(录入错误)"
t_gone "保存冲突"
exit 0
