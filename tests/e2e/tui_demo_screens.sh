#!/bin/sh
# On the demo database: the tree cuts long names in the middle, so sibling
# branches that differ only at the end (第一/第二党支部) stay apart; 质量检查
# rows are cut at 80 columns and the status line shows the whole message of
# the selected row.  The help screen says it scrolls.
# The demo and the TUI run on one pinned date: the demo's members (ages,
# jobs, probation) and so the 质量检查 list depend on it.
CAIJI_TODAY=2026-06-01
. "$TOP/tests/e2e/lib.sh"
t_init demoscreens
"$CAIJI" demo -d "$DB" >/dev/null || t_fail "demo"
t_start
t_wait "组织树"
t_check "  中共某某市示范科技..研发中心第一党支部"
t_check "  中共某某市示范科技..研发中心第二党支部"
# the tree's help is longer than the screen: the bar says it scrolls
t_keys '?'
t_wait "↓更多"
t_keys PageDown j j j j j j j j j j j     # (eight more lines: i, v, a, A, b, w, t, o)
t_wait "组织树是第一屏"
t_keys q
t_wait "党组织名称"
t_keys j c
t_wait "质量检查"
t_wait "共 4 项"
# the first row's message is cut; the status line holds it whole
t_match "^工作岗位为“退休人员”:离退休、内退、退职等人员容易漏统,请核实仍在本支部$"
t_keys j j
t_wait "宜填本人手机号码"
t_match "^联系电话:为固定电话,宜填本人手机号码$"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
echo ok
