#!/bin/sh
# caiji check on the fixture report: exit 1 with the list when something needs
# work, exit 0 on a clean branch, --format csv -o FILE writes a 0600 CSV with a BOM.
. "$TOP/tests/e2e/import-lib.inc"
B1="中共测试科技有限公司第一党支部"
B2="中共测试科技有限公司研发部第一党支部"
db="$T/db"
fixture_db "$db"

"$CAIJI" -d "$db" check > "$T/out" 2>&1; rc=$?
cat "$T/out"
[ $rc -eq 1 ] || fail "check exit $rc, expected 1"
grep -q "^\[书记空缺\] $B2: 党组织书记: " "$T/out" || fail "vacant secretary line"
grep -q "^\[正式党员不足3人\] $B2: .*只有1名" "$T/out" || fail "few full members line"
grep -q '(党组织#[0-9]*)$' "$T/out" || fail "record id missing"
grep -q '共3项需要处理' "$T/out" || fail "summary"

"$CAIJI" -d "$db" check --org "$B1" > "$T/out" 2>&1 || { cat "$T/out"; fail "clean branch: exit $?"; }
grep -q '没有需要处理的问题' "$T/out" || fail "clean summary"

"$CAIJI" -d "$db" check --org 不存在的党组织 > "$T/out" 2>&1 && fail "unknown org accepted"
grep -q '找不到党组织' "$T/out" || fail "unknown org message"

"$CAIJI" -d "$db" check --format csv -o "$T/list.csv" > "$T/out" 2>&1; [ $? -eq 1 ] || fail "csv exit"
[ "$(stat -c %a "$T/list.csv")" = 600 ] || fail "mode of the CSV"
head -c 3 "$T/list.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM"
head -n 1 "$T/list.csv" | grep -q '"类别","党组织","姓名","公民身份证号","项目","说明","记录编号"' || fail "CSV header"
[ "$(wc -l < "$T/list.csv")" -eq 4 ] || fail "CSV rows"
ls "$T" | grep -q 'tmp-' && fail "temporary file left behind"
# -o errors are true and Chinese: a directory, a missing directory, a full
# device (written to, never replaced by a file)
"$CAIJI" -d "$db" check -o "$T" > "$T/out" 2>&1 && fail "-o a directory accepted"
grep -q "是目录,-o 要给出文件名" "$T/out" || { cat "$T/out"; fail "-o directory message"; }
"$CAIJI" -d "$db" check -o "$T/none/x.csv" > "$T/out" 2>&1 && fail "-o in a missing directory"
grep -q "所在目录不存在" "$T/out" || { cat "$T/out"; fail "-o missing directory message"; }
"$CAIJI" -d "$db" check --format csv -o /dev/full > "$T/out" 2>&1 && fail "-o /dev/full accepted"
grep -q "写入 /dev/full 失败: 磁盘空间不足" "$T/out" || { cat "$T/out"; fail "-o /dev/full message"; }
[ -c /dev/full ] || fail "/dev/full is no longer a device"
echo PASS
