#!/bin/sh
# A branch of 100,000 members: the list reads only the page on screen, yet
# its rows are numbered from the store's count (the number column is wide
# enough: "100000 name"), G and g jump to the ends, PgUp/PgDn page, and
# J/K at the end swap two members, as an export of the branch then shows;
# / counts every match (not 500 at most).
. "$TOP/tests/e2e/lib.sh"
t_init bigbranch
T_TIMEOUT=120
t_gen_branch 100000 3
t_branch_names "$T_DIR/before"
[ "$(wc -l < "$T_DIR/before")" -eq 100000 ] || t_fail "export rows: $(wc -l < "$T_DIR/before")"
first=$(sed -n 1p "$T_DIR/before")
n99999=$(sed -n 99999p "$T_DIR/before")
last=$(sed -n 100000p "$T_DIR/before")

t_start
t_wait "组织树"
t_keys Down Down
t_settle
t_keys Enter
t_wait "党员名单"
t_wait "党员 100000 人"
t_check "     1 $first"
t_keys G
t_wait "100000 $last"
t_check " 99999 $n99999"
# the last member up one: it swaps with 99999
t_keys K
t_wait "已移动 $last"
t_wait " 99999 $last"
t_check "100000 $n99999"
t_keys g
t_wait "     1 $first"
t_keys PageDown PageDown PageUp
t_settle
t_keys G
t_wait "100000 $n99999"
# / by part of a phone: the true count (more than 500), as caiji find's
want=$("$CAIJI" find -d "$DB" 1381 2>/dev/null | wc -l)
[ "$want" -gt 500 ] || t_fail "find 1381: only $want"
t_keys /
t_wait "查找:"
t_type 1381
t_keys Enter
t_wait "找到 $want 条"
t_keys Escape
t_wait "党员名单"
t_keys q
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
t_branch_names "$T_DIR/after"
[ "$(sed -n 99999p "$T_DIR/after")" = "$last" ] && [ "$(sed -n 100000p "$T_DIR/after")" = "$n99999" ] ||
    t_fail "the export does not show the swap"
head -n 99998 "$T_DIR/before" > "$T_DIR/b2"
head -n 99998 "$T_DIR/after" | cmp -s - "$T_DIR/b2" || t_fail "rows 1-99998 changed"
exit 0
