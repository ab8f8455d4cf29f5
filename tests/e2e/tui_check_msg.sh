#!/bin/sh
# 质量检查 rows are cut at 80 columns; the status line shows the whole
# message of the selected row, so the end of a long one can be read.
. "$TOP/tests/e2e/lib.sh"
t_init checkmsg
"$CAIJI" demo -d "$DB" >/dev/null || t_fail "demo"
t_start
t_wait "组织树"
t_keys j c
t_wait "质量检查"
t_wait "共 2 项"
t_wait "宜填本人手机号码"
t_screen | grep -q "^联系电话:为固定电话,宜填本人手机号码" || t_fail "message not on the status line"
t_keys j
t_wait "请核实仍在本支部"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
echo ok
