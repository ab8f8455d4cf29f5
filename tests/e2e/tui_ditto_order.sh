#!/bin/sh
# Ctrl-D copies a field from the previous record saved in this session;
# J/K (and Ctrl-Down/Ctrl-Up) reorder the branch list, and the order persists.
. "$TOP/tests/e2e/lib.sh"
t_init ditto
t_start
t_wait "组织树"
t_new_branch "中共排序测试支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_member_fill "甲一" "110108198001010015" "hz 1" "广州市天河区体育西路1号"
t_keys F2
t_wait "已保存 甲一 (完整)"
# second member: 民族 and 家庭住址 by Ctrl-D, which copies and stays in
# the field (issue 14.5): the Tab after it moves on by one
t_type "乙二"; t_keys Tab                # 性别 passed until the ID number
t_keys C-d
t_wait "已复制上一条: 汉族"
t_settle
[ "$(t_cursor | cut -d, -f2)" = 3 ] || t_fail "Ctrl-D left 民族: $(t_cursor)"
t_keys Tab
t_type "110108199006200031"
t_wait "身份证号有效"
t_type "dx"; t_type "1"; t_type "zsdy"    # whole initials move on
t_keys C-d; t_wait "已复制上一条: 2010-07-01"; t_keys Tab
t_keys C-d; t_wait "已复制上一条: 2011-07-01"; t_keys Tab
t_type "gwy"
t_type "13512345678"
t_keys C-d; t_wait "已复制上一条: 广州市天河区体育西路1号"; t_keys Tab
t_keys F2
t_wait "已保存 乙二 (完整)"
t_type "丙三"
t_keys F2
t_wait "已保存为草稿"
t_keys Escape
t_wait "党员名单"
t_wait "丙三"
# 甲一 down twice (J, then Ctrl-Down): 乙二 丙三 甲一
t_keys g J
t_wait "已移动 甲一"
t_keys C-Down
t_wait "   3 甲一"
# 丙三 (now row 2) up with K: 丙三 乙二 甲一
t_keys g j K
t_wait "   1 丙三"
t_keys q
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
t_start
t_wait "组织树"
t_keys Enter
t_wait "党员名单"
t_wait "   1 丙三"
t_check "   2 乙二"
t_check "   3 甲一"
# 乙二's address came from 甲一 by Ctrl-D
t_keys j Enter
t_wait "公民身份证号"
t_check "广州市天河区体育西路1号"
t_check "2010-07-01"
t_keys Escape
t_wait "党员名单"
exit 0
