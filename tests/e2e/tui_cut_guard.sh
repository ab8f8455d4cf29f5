#!/bin/sh
# A value longer than a libform field (here a 22-digit 联系电话 brought back by
# a recovery file) shows its start only: editing keys are refused with a
# message instead of storing the cut text; saving keeps the whole value;
# Ctrl-U then empties it and typing works again.
. "$TOP/tests/e2e/lib.sh"
t_init cutguard
LONGPHONE="0106234567812345678901"
t_start
t_wait "组织树"
t_new_branch "中共截断测试支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_type "钱长号"
t_wait "1 姓名                 钱长号"
pid=$($T display -p -t "$T_PANE" '#{pane_pid}')
cpid=$(pgrep -P "$pid" caiji || true)
[ -n "$cpid" ] || t_fail "no caiji process under the pane"
$T kill-server
n=0
while kill -0 "$cpid" 2>/dev/null; do
	n=$((n + 1)); [ $n -gt 500 ] && t_fail "caiji survived SIGHUP"; sleep 0.02
done
rec=$(ls "$REC_DIR"/*.txt 2>/dev/null | head -n 1)
[ -n "$rec" ] || t_fail "no recovery file"
grep -q "^phone	" "$rec" || t_fail "no phone line in the recovery file"
sed -i "s/^phone	.*/phone	$LONGPHONE/" "$rec"
t_start
t_wait "恢复未保存的录入?"
t_keys y
t_wait "12 联系电话             01062345678123456789"
t_tab_to_row 12                          # to 联系电话 (screen row 12)
t_keys BSpace
t_wait "联系电话: 内容比输入框长"
t_type "9"
t_keys Tab
t_keys F2
t_wait "已保存为草稿"
t_db_has "$LONGPHONE" || t_fail "the whole phone number was not kept"
# Ctrl-U empties it: typing works again
t_tab_to_row 12
t_keys C-u
t_type "13912345678"
t_wait "12 联系电话             13912345678"
t_keys F2
t_wait "已保存"
t_db_has "13912345678" || t_fail "the new phone number was not stored"
t_db_has "$LONGPHONE" && t_fail "the old phone number is still stored"
echo PASS
