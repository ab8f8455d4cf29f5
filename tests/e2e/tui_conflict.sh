#!/bin/sh
# Two clerks edit the same member: the second save reports the conflict,
# shows what the other person changed field by field, and lets the clerk
# choose; nothing is overwritten silently.  A removal by the other clerk is
# said in the conflict box (it changes no field).
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

# clerk two changes the address and saves: conflict
T_PANE=two
t_keys Up Up Up Up Up Up                  # 13 家庭住址
t_keys C-u
t_type "天津市南开区鞍山西道2号"
t_keys Tab F2
t_wait "保存冲突"
t_check "联系电话: 13912345678 | 13700000001"
t_check "家庭住址: 天津市南开区鞍山西道2号 | 天津市和平区南京路1号"
# keep mine, on top of their version
t_keys k
t_wait "已保存 郑并发"
t_keys Escape
t_wait "党员名单"
t_keys Enter
t_wait "公民身份证号"
t_check "天津市南开区鞍山西道2号"
t_check "13912345678"
t_keys Escape
t_wait "党员名单"

# clerk one (still on the old version) changes the note: conflict, take theirs
T_PANE=app
t_keys Down Down Down Down Down Down      # 12 联系电话 -> 备注
t_type "一号的备注"
t_keys F2
t_wait "保存冲突"
t_check "家庭住址: 天津市和平区南京路1号 | 天津市南开区鞍山西道2号"
t_keys t
t_wait "已采用对方的版本"
t_check "天津市南开区鞍山西道2号"
t_gone "一号的备注"

# clerk two removes the member while clerk one edits it: the conflict says so
t_keys Up Up Up Up Up Up Up Up            # back to 家庭住址 (from 出生日期 skipped)
T_PANE=two
t_check "党员名单"
t_keys d
t_wait "请选择原因"
t_type "4"; t_keys Enter
t_wait "移除说明"
t_type "重复录入"; t_keys Enter
t_wait "已移除 郑并发 (录入错误)"
T_PANE=app
t_type "甲"
t_keys F2
t_wait "保存冲突"
t_check "对方已将这条记录移除(录入错误: 重复录入)"
t_keys Escape
t_wait "未保存: 记录已被别人修改"
exit 0
