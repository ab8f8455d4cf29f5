#!/bin/sh
# The audit trail of a bulk writer (issue 15): gen's batches are one entry
# each for their file and for the range of members they created, yet every
# member stays attributable: log --member and log --org show each one's
# creation pointing to its batch, 修改记录 (h) shows it, the chain verifies;
# gen leaves a compacted file (no free pages, mode 0600).
. "$TOP/tests/e2e/lib.sh"
t_init auditgen
"$CAIJI" gen -d "$DB" --members 120 --per-branch 60 --batch 50 --seed 2 \
    --csv "$T_DIR/m.csv" > /dev/null 2>&1 || t_fail "gen failed"
row() { # field $2 (1-based) of member $1 in gen's CSV
	python3 -c 'import csv, sys
r = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
print(r[int(sys.argv[2])][int(sys.argv[3]) - 1])' "$T_DIR/m.csv" "$1" "$2"
}
"$CAIJI" -d "$DB" log --verify > "$T_DIR/v" || t_fail "verify: $(cat "$T_DIR/v")"
# the organisations' note and range, then a note and a range per batch
grep -q "审计记录完整: 8 条" "$T_DIR/v" || t_fail "entries: $(cat "$T_DIR/v")"
"$CAIJI" -d "$DB" log > "$T_DIR/log" || t_fail "log"
[ "$(grep -c '新建党员' "$T_DIR/log")" = 120 ] || t_fail "members in the log: $(grep -c '新建党员' "$T_DIR/log")"
[ "$(grep -c '新建党组织' "$T_DIR/log")" = 4 ] || t_fail "organisations in the log"
# member 51 opens the second batch (note #5, range #6)
id51=$(row 51 5) name51=$(row 51 2)
"$CAIJI" -d "$DB" log --member "$id51" > "$T_DIR/m" || t_fail "log --member"
[ "$(wc -l < "$T_DIR/m")" = 1 ] || t_fail "log --member lines: $(cat "$T_DIR/m")"
grep -q "^#6  .*新建党员  $name51($id51)  来自导入 #5\$" "$T_DIR/m" ||
    t_fail "log --member: $(cat "$T_DIR/m")"
grep -q "^#5  .*导入文件  caiji gen\$" "$T_DIR/log" || t_fail "the batch's note"
grep -q "生成合成党员 第 51 至 100 名" "$T_DIR/log" || t_fail "the batch's text"
# the second branch: its members (61-120) and itself, nobody of the first
B2=$(row 61 9)
"$CAIJI" -d "$DB" log --org "$B2" > "$T_DIR/o" || t_fail "log --org"
[ "$(grep -c '新建党员' "$T_DIR/o")" = 60 ] || t_fail "log --org members: $(grep -c '新建党员' "$T_DIR/o")"
grep -q "$(row 1 5)" "$T_DIR/o" && t_fail "log --org shows the first branch"
grep -q "$(row 120 5)" "$T_DIR/o" || t_fail "log --org lacks member 120"
# compacted: no free pages; still the clerk's file only
free=$(mdb_stat -ef "$DB" | sed -n 's/^ *Free pages: //p')
[ "$free" = 0 ] || t_fail "free pages after gen: $free"
[ "$(stat -c %a "$DB/data.mdb")" = 600 ] || t_fail "mode $(stat -c %a "$DB/data.mdb")"
ls -a "$DB" | grep -q '^\.data' && t_fail "the compaction's temporary file was left"

# 修改记录 of member 60 (the first branch's last, created by batch 2)
t_start
t_wait "组织树"
t_keys Down Down
t_settle
t_keys Enter
t_wait "党员名单"
t_wait "$(row 1 2)"
t_keys G
t_wait "60 $(row 60 2)"
t_keys h
t_wait "修改记录"
t_wait "新建 (导入)"
t_check "#6 "
t_keys q
t_wait "党员名单"
t_keys q
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
echo "ok: gen's audit trail, per member"
