#!/bin/sh
# Issue 14.7: no key is ever lost.  Keys typed on while a question box is
# up (the 15-digit ID number's offer) or while the 终端窗口太小 notice is
# up are kept and reach the form afterwards; the xterm F1 (ESC O P) is F1
# under TERM=linux too.
. "$TOP/tests/e2e/lib.sh"
t_init typeahead
t_start
t_wait "组织树"
t_new_branch "中共预输入测试支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_type "吴预输"; t_keys Tab
t_type "01"                              # the whole code moves on
# a 15-digit number, and straight on with 学历 (dx) before the box is seen
t_type "110105491231002"; t_keys Tab; t_type "dx"
t_wait "改为对应的18位号码 11010519491231002X"
t_keys y
t_wait "4 公民身份证号         11010519491231002X"
t_wait "6 学历                 dx"             # kept, typed into 学历
t_check "按数字选择"
# the terminal too small: what is typed meanwhile is kept
t_type "1"
t_wait "6 学历                 大学"
$T resize-window -t app -x 60 -y 20
t_wait "终端窗口太小"
t_type "zsdy"                            # whole initials: taken, and on
$T resize-window -t app -x 80 -y 24
t_wait "7 人员类别             正式党员"
t_settle
[ "$(t_cursor | cut -d, -f2)" = 9 ] || t_fail "zsdy did not move on to 加入党组织日期: $(t_cursor)"
t_keys Escape
t_wait "本表有修改尚未保存"
t_keys d
t_wait "党员名单"
t_keys q
t_wait "组织树"
t_keys q
t_exit >/dev/null
# TERM=linux: ESC O P (what PuTTY/xterm send for F1) opens the help
T_TERM=linux
infocmp linux >/dev/null 2>&1 || t_skip "no terminfo for linux"
t_start
t_wait "组织树"
t_type "$(printf '\033OP')"
t_wait "帮助  组织树"
t_keys Escape
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
