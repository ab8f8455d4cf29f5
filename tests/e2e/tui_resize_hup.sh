#!/bin/sh
# Resize to 60x20 (a Chinese message) and back (the form returns with what
# was typed); a dropped session (SIGHUP) keeps the typed values, which the
# next start offers back (恢复未保存的录入?).
. "$TOP/tests/e2e/lib.sh"
t_init resize
t_start
t_wait "组织树"
t_new_branch "中共断线测试支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
# typed into a field but not left yet: survives a resize and the help screen
t_type "周断"
t_wait "1 姓名                 周断"
$T resize-window -t app -x 60 -y 20
t_wait "终端窗口太小"
$T resize-window -t app -x 80 -y 24
t_wait "公民身份证号"
t_check "1 姓名                 周断"
t_keys F1
t_wait "帮助"
t_keys Escape
t_wait "1 姓名                 周断"
t_type "线"; t_keys Tab                # 性别 passed until the ID number
# and under the pick list: pinyin typed, F4, resize, Esc: still there
t_type "hz"
t_keys F4
t_wait "筛选: hz"
$T resize-window -t app -x 60 -y 20
t_wait "终端窗口太小"
$T resize-window -t app -x 80 -y 24
t_wait "筛选: hz"
t_keys Escape
t_wait "3 民族                 hz"
t_keys C-u
t_type "hz"; t_type "1"
t_type "110108198001010015"
t_wait "身份证号有效"
$T resize-window -t app -x 60 -y 20
t_wait "终端窗口太小"
t_check "80×24"
$T resize-window -t app -x 80 -y 24
t_wait "公民身份证号"
t_check "周断线"
t_check "110108198001010015"
t_check "1980-01-01"
# keep typing after the resize, then the line drops mid-field
t_type "dx"; t_type "1"
t_type "zsdy"; t_keys Tab Tab Tab Tab      # whole initials move on; to 家庭住址
t_type "河北省石家"
t_wait "13 家庭住址             河北省石家"    # typed, before the line drops
pid=$($T display -p -t app '#{pane_pid}')
cpid=$(pgrep -P "$pid" caiji || true)
[ -n "$cpid" ] || t_fail "no caiji process under the pane"
$T kill-server
n=0
while kill -0 "$cpid" 2>/dev/null; do
	n=$((n + 1)); [ $n -gt 500 ] && t_fail "caiji survived SIGHUP"; sleep 0.02
done
rec=$(ls "$REC_DIR"/*.txt 2>/dev/null | head -n 1)
[ -n "$rec" ] || t_fail "no recovery file"
[ "$(stat -c %a "$rec")" = 600 ] || t_fail "recovery file mode $(stat -c %a "$rec")"
t_start
t_wait "恢复未保存的录入?"
t_check "周断线"
t_keys y
t_wait "公民身份证号"
t_check "周断线"
t_check "汉族"
t_check "110108198001010015"
t_check "大学"
t_check "正式党员"
t_check "13 家庭住址             河北省石家"
t_check "已恢复上次未保存的录入"
# save it: the recovery file goes away
t_keys F2
t_wait "已保存"
[ -z "$(ls "$REC_DIR"/*.txt 2>/dev/null)" ] || t_fail "recovery file left after save"
t_keys Escape
t_wait "党员名单"
t_check "周断线"
# SIGTERM keeps the typing too
t_keys n
t_wait "公民身份证号"
t_type "吴终止"
t_wait "1 姓名                 吴终止"
pid=$($T display -p -t app '#{pane_pid}')
kill -TERM "$(pgrep -P "$pid" caiji)"
[ "$(t_exit)" = 143 ] || t_fail "SIGTERM exit status"
[ "$($T display -p -t app '#{alternate_on}')" = 0 ] || t_fail "terminal not restored after SIGTERM"
t_start
t_wait "恢复未保存的录入?"
t_check "吴终止"
t_keys n
t_wait "组织树"
[ -z "$(ls "$REC_DIR"/*.txt 2>/dev/null)" ] || t_fail "recovery file left after 放弃"
# a crash (SIGSEGV): the terminal is given back, the typing is kept
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_type "段错误测试"
t_wait "段错误测试"
[ "$($T display -p -t app '#{alternate_on}')" = 1 ] || t_fail "not on the alternate screen"
pid=$($T display -p -t app '#{pane_pid}')
kill -SEGV "$(pgrep -P "$pid" caiji)"
[ "$(t_exit)" = 139 ] || t_fail "SIGSEGV exit status"
[ "$($T display -p -t app '#{alternate_on}')" = 0 ] || t_fail "terminal left on the alternate screen"
t_start
t_wait "恢复未保存的录入?"
t_check "段错误测"
t_keys n
t_wait "组织树"
exit 0
