#!/bin/sh
# Operator statistics (issue 14.14): the saves of the forms add to the
# login's row of the day in the store: records created and changed, keys,
# time, fields corrected after leaving them, errors; `caiji stats
# --operators [--since DATE] [--format csv]` and the tree's o show them.
. "$TOP/tests/e2e/lib.sh"
t_init opstats
ME=$(id -un)
t_start
t_wait "组织树"
t_new_branch "中共统计测试支部委员会"           # one record created (the branch)
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_member_fill "钱统计" "110108198001010015" "hz 1" "天津市和平区南京路1号"
# back to 家庭住址, left with a value before: changing it is a correction
t_keys Up Up Up Up Up
t_keys C-u
t_type "天津市和平区南京路2号"; t_keys Tab
t_keys F2
t_wait "已保存 钱统计 (完整)"
t_keys Escape
t_wait "党员名单"
t_keys Escape
t_wait "组织树"

"$CAIJI" -d "$DB" stats --operators > "$T_DIR/out" || t_fail "stats --operators failed"
cat "$T_DIR/out"
grep -q "^$ME " "$T_DIR/out" || t_fail "no row for $ME"
awk -v me="$ME" '$1 == me {
	if ($2 != "2026-06-01") { print "day " $2; exit 1 }
	if ($3 != 2 || $4 != 0) { print "created/changed " $3 "/" $4; exit 1 }
	if ($6 + 0 < 20) { print "keys per record " $6; exit 1 }
	if ($7 != 1) { print "corrected " $7; exit 1 }
}' "$T_DIR/out" || t_fail "wrong counts"
grep -q "^合计 " "$T_DIR/out" || t_fail "no total"

"$CAIJI" -d "$DB" stats --operators --format csv > "$T_DIR/csv" || t_fail "csv failed"
head -1 "$T_DIR/csv" | grep -q '^"录入员","日期","新建","修改",' || t_fail "csv header: $(head -1 "$T_DIR/csv")"
grep -q "^\"$ME\",\"2026-06-01\",\"2\",\"0\"," "$T_DIR/csv" || t_fail "csv row: $(cat "$T_DIR/csv")"
"$CAIJI" -d "$DB" stats --operators --since 2026-06-02 > "$T_DIR/later"
grep -q "^$ME " "$T_DIR/later" && t_fail "--since kept an earlier day"
"$CAIJI" -d "$DB" stats --operators --format xml > /dev/null 2>&1 && t_fail "--format xml accepted"

# the TUI's 录入统计
t_keys o
t_wait "录入统计"
t_check "每千键错误"
t_check "$ME"
t_check "2026-06-01"
t_keys Enter
t_wait "组织树"
exit 0
