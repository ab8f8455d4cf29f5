#!/bin/sh
# A branch's 附件4 merged into the committee's database: a member moved in from
# another branch is refused with both branches named and nothing changes; without
# it the file updates one member, adds one at the end and leaves the rest; the
# same file again changes nothing.  Also a roster in another column order.
. "$TOP/tests/e2e/import-lib.inc"
B1="中共测试科技有限公司第一党支部"
J="中共测试科技园区联合党支部"
F="${B1}党员基本信息汇总表.csv"
db="$T/db"
fixture_db "$db"
s0=$(dbstate "$db")

imp 1 -d "$db" import "$DATA/merge-bad/$F"
grep -q "已登记在「$J」" "$T/out" || fail "cross-branch duplicate: other branch not named"
grep -q "列在「$B1」" "$T/out" || fail "cross-branch duplicate: this branch not named"
grep -q '第6行: \[公民身份证号\]' "$T/out" || fail "row/column of the duplicate"
grep -q '整个文件未导入' "$T/out" || fail "refusal not said"
[ "$s0" = "$(dbstate "$db")" ] || fail "refused file changed the database"

imp 0 -d "$db" import --dry-run "$DATA/merge-ok/$F"
grep -q '新增1,更新1,未变2' "$T/out" || fail "dry-run counts"
[ "$s0" = "$(dbstate "$db")" ] || fail "dry run changed the database"

imp 0 -d "$db" import "$DATA/merge-ok/$F"
grep -q '读取4行,新增1,更新1,未变2,警告0;已导入' "$T/out" || fail "merge counts"
s1=$(dbstate "$db")
[ "$s0" != "$s1" ] || fail "merge wrote nothing"
imp 0 -d "$db" import "$DATA/merge-ok/$F"
grep -q '新增0,更新0,未变4' "$T/out" || fail "re-import not idempotent"
[ "$s1" = "$(dbstate "$db")" ] || fail "re-import changed the database (version bump?)"

# the branch's order: 张伟 李娜 王磊 then the new 赵刚 at the end; 李娜's new address
mkdir -p "$T/x"
"$CAIJI" -d "$db" export --branch "$B1" -o "$T/x" --format csv > /dev/null 2>&1 ||
	"$CAIJI" -d "$db" export --branch "$B1" -o "$T/x" --draft --format csv > /dev/null 2>&1 || fail "branch export"
names=$(tail -n +2 "$T/x/"*.csv | cut -d, -f2 | tr -d '"' | tr '\n' ' ')
[ "$names" = "张伟 李娜 王磊 赵刚 " ] || fail "branch order after merge: $names"
grep -q '学院路30号' "$T/x/"*.csv || fail "update not applied"
# the other branches are untouched: 陈静 still in the joint branch
mkdir -p "$T/y"; "$CAIJI" -d "$db" export --seq 1 --filler 张三 -o "$T/y" --draft --format csv > /dev/null 2>&1 || fail "export"
grep '陈静' "$T/y"/*/*党员基本信息汇总表.csv | grep -q "$J" || fail "陈静 moved"

# a roster: columns in another order, an extra column, no 所在党支部 (--branch)
imp 1 -d "$db" import "$DATA/roster.csv"
grep -q '请用 --branch' "$T/out" || fail "roster without branch must ask for --branch"
imp 0 -d "$db" import --branch "$B1" "$DATA/roster.csv"
grep -q '「备注说明」不是附件4的列名,已忽略' "$T/out" || fail "extra column not reported"
grep -q '党员名册.*新增2' "$T/out" || fail "roster not added"
# a roster missing required columns is refused, naming them
cut -d, -f1-3 "$DATA/roster.csv" > "$T/short.csv"
imp 1 -d "$db" import --branch "$B1" "$T/short.csv"
grep -q '缺少必需的列:民族、学历、人员类别' "$T/out" || fail "missing columns not named"
echo PASS
