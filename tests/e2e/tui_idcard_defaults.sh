#!/bin/sh
# The ID number on the member form: a full but wrong number keeps the cursor
# in the field (the fix is typed there, not into 出生日期); a number that
# disagrees with a 性别 typed before it says so and marks 性别; a 15-digit
# number offers its 18-digit form.  A new member starts with 党籍状态 正常,
# 是否为失联党员 否 and 是否为流动党员 否, kept without a key: Tab passes
# them on a new member.
. "$TOP/tests/e2e/lib.sh"
t_init idcard
t_start
t_wait "组织树"
t_new_branch "中共身份证测试支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
# the defaults are shown on a new form, 确认方式 is left to the clerk
t_check "14 党籍状态             正常"
t_check "15 是否为失联党员       否"
t_check "16 是否为流动党员       否"
t_lacks "确认方式 *[^ _]"                 # no default (free cells show _)

# a refused key says why (a beep alone is lost over SSH)
t_type "钱身份钱身份钱身份钱身份钱身份钱身份钱身份"   # 21 characters: 63 bytes, the most 姓名 holds
t_type "多"
t_wait "姓名: 已填满, 输入的字没有放进去 (最多 63 字节, 约 21 个汉字)"
t_check "1 姓名                 ‹"              # scrolled: its start is hidden
t_keys C-u
t_type "钱身份"; t_keys Tab              # 性别 passed while the ID number is empty
t_settle
[ "$(t_cursor | cut -d, -f2)" = 3 ] || t_fail "Tab from 姓名 not on 民族: $(t_cursor)"
t_keys BTab                              # but Shift-Tab reaches it:
t_type "1"                               # 性别 男, typed before the ID number (moves on)
t_type "01"                              # 民族 汉族: the whole code moves on
t_type "a"
t_wait "公民身份证号: 只能输入数字和 X"
t_type "110105194912310021"              # wrong check character: stays here
t_wait "校验位应为X"
t_check "4 公民身份证号       !"
t_keys C-u
t_type "11010519491231002X"              # right now: a woman's number
t_wait "身份证号有效, 但与已填的不一致: 性别应为 女"
t_check "4 公民身份证号         11010519491231002X"
t_check "5 出生日期             1949-12-31"
t_check "2 性别               ! 男"
# a 15-digit number: the 18-digit form is offered, taken with y
t_keys BTab BTab C-u
t_type "110105491231002"
t_keys Tab
t_wait "改为对应的18位号码 11010519491231002X"
t_keys y
t_wait "4 公民身份证号         11010519491231002X"
# 性别 put right, then the rest; the three defaults are passed by Tab
t_keys BTab BTab BTab BTab C-u         # from 学历 up to 性别
t_type "2"                               # the whole code: moves on
t_wait "2 性别                 女"
t_keys Tab Tab                           # 民族, 公民身份证号 (出生日期 skipped)
t_type "dx"; t_type "1"                  # 学历 大学
t_type "zsdy"                            # whole initials move on
t_type "20100701"
t_type "20110701"
t_type "gwy"
t_type "13912345678"
t_type "北京市海淀区中关村大街1号"; t_keys Tab  # on to 确认方式: 正常, 否, 否 passed
t_keys F2
t_wait "已保存 钱身份 (完整)"
# straight on to the next member: the defaults are there again
t_wait "请录入下一名党员"
t_check "14 党籍状态             正常"
t_check "15 是否为失联党员       否"
t_check "16 是否为流动党员       否"
t_keys Escape
t_wait "党员名单"
t_match "钱身份.*11010519491231002X.*完整"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
t_db_has "正常" || t_fail "党籍状态 not stored"
echo "ok"
