#!/bin/sh
# A name typed and not yet left, then F1: the help screen covers the form.
# The line drops (SIGHUP) there: the recovery file still holds the name, and
# the next start offers it back.
. "$TOP/tests/e2e/lib.sh"
t_init huphelp
t_start
t_wait "组织树"
t_new_branch "中共帮助断线支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_type "郑帮助"
t_wait "1 姓名                 郑帮助"
t_keys F1
t_wait "帮助  党员基本信息采集表"
pid=$($T display -p -t app '#{pane_pid}')
cpid=$(pgrep -P "$pid" caiji || true)
[ -n "$cpid" ] || t_fail "no caiji process under the pane"
$T kill-server
n=0
while kill -0 "$cpid" 2>/dev/null; do
	n=$((n + 1)); [ $n -gt 500 ] && t_fail "caiji survived SIGHUP"; sleep 0.02
done
grep -q "郑帮助" "$REC_DIR"/*.txt 2>/dev/null || t_fail "typed name not in the recovery file"
t_start
t_wait "上次有未保存的录入: 党员 郑帮助"
t_keys y
t_wait "1 姓名                 郑帮助"
t_keys C-q
t_wait "有未保存的修改"
t_keys d
[ "$(t_exit)" = 0 ] || t_fail "exit status"
echo ok
