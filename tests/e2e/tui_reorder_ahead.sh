#!/bin/sh
# J/K are shown at once and stored right after the screen: keys typed in a
# burst (J J J K) are stored together, the move across the page's edge is
# stored before it is shown, and leaving the list at once (q) loses none:
# an export of the branch shows every move.
. "$TOP/tests/e2e/lib.sh"
t_init reorder
t_gen_branch 40 5
t_branch_names "$T_DIR/before"
[ "$(wc -l < "$T_DIR/before")" -eq 40 ] || t_fail "export rows: $(wc -l < "$T_DIR/before")"
row() { sed -n "${2}p" "$T_DIR/$1"; }

t_start
t_wait "组织树"
t_keys Down Down
t_settle
t_keys Enter
t_wait "党员名单"
t_wait "党员 40 人"
t_check "   1 $(row before 1)"
# a burst: row 1 down three places and back up one (ends on row 3)
t_keys J J J K
t_wait "   3 $(row before 1)"
t_check "   4 $(row before 4)"
t_check "已移动 $(row before 1)"
# the last row on screen down one: its neighbour is on the next page
rows=$(t_screen | grep -cE '^ +[0-9]+ ')
t_keys G g
t_settle
i=1
while [ $i -lt "$rows" ]; do t_keys Down; i=$((i + 1)); done
t_settle
t_keys J
t_wait "已移动 $(row before "$rows")"
t_keys J q
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
t_branch_names "$T_DIR/after"
{
	row before 2; row before 3; row before 1
	i=4
	while [ $i -lt "$rows" ]; do row before $i; i=$((i + 1)); done
	row before $((rows + 1)); row before $((rows + 2)); row before "$rows"
	i=$((rows + 3))
	while [ $i -le 40 ]; do row before $i; i=$((i + 1)); done
} > "$T_DIR/want"
cmp -s "$T_DIR/want" "$T_DIR/after" || { diff "$T_DIR/want" "$T_DIR/after"; t_fail "the export does not show every move"; }
exit 0
