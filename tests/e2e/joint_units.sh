#!/bin/sh
# joint_units.sh - issue 10 B.9 and A.1 through the command line: a
# 联合党支部 of 40 units (older builds kept 16) comes in from its 40 附件3
# rows, goes out as 40 rows in the unit order (the organisation columns
# repeated on each), survives export -> import -> export byte for byte, and
# prints as its 附件1 and 39 附页 (第 40 个单位，共 40 个); and a 附件4 date
# cell written 2005年7月1日 (longer than the stored 2005-07-01) imports.
. "$TOP/tests/e2e/import-lib.inc"
. "$TOP/tests/e2e/joint-lib.inc"
N=40
joint_branches $N "$T/$BRANCHES"
# 张伟's 加入党组织日期 as a clerk types it in WPS
sed 's/"\t2005-07-01"/"2005年7月1日"/' "$DATA/$MEMBERS" > "$T/$MEMBERS"
grep -q '2005年7月1日' "$T/$MEMBERS" || fail "fixture: the date cell"

"$CAIJI" -d "$T/db" import "$DATA/$SELF" "$T/$BRANCHES" "$T/$MEMBERS" > "$T/out" 2>&1 ||
	{ cat "$T/out"; fail "import of $N units"; }
grep -q "单位超过" "$T/out" && { cat "$T/out"; fail "units refused"; }

# export: one 附件3 row per unit, in order, the organisation columns on each
mkdir "$T/e1"
"$CAIJI" -d "$T/db" export --seq 1 --filler 张三 --format csv --draft -o "$T/e1" > "$T/out" 2>&1 ||
	{ cat "$T/out"; fail "export"; }
f=$(ls "$T"/e1/*/*（党支部）.csv) || fail "no branches file"
grep "\"$J\"" "$f" | sed 's/"//g' | tr -d '\t\r' > "$T/rows"
[ "$(wc -l < "$T/rows")" -eq $N ] || fail "$(wc -l < "$T/rows") rows of $J, expected $N"
awk -F, -v n=$N '{ if ($8 != "测试联合单位" NR || $3 != "吴芳" || $6 != "联合党支部") bad = NR }
	END { exit bad ? 1 : 0 }' "$T/rows" || { cat "$T/rows"; fail "rows out of order or cut"; }
grep "张伟" "$T"/e1/*/*党员基本信息汇总表.csv | grep -q "$(printf '"\t2005-07-01"')" ||
	fail "2005年7月1日 not stored as 2005-07-01"

# the round trip keeps all N
"$CAIJI" -d "$T/db2" import "$T"/e1/*/*.csv > "$T/out" 2>&1 || { cat "$T/out"; fail "re-import"; }
mkdir "$T/e2"
"$CAIJI" -d "$T/db2" export --seq 1 --filler 张三 --format csv --draft -o "$T/e2" > "$T/out" 2>&1 ||
	{ cat "$T/out"; fail "second export"; }
for g in "$T"/e1/*/*.csv; do
	cmp "$g" "$T"/e2/*/"$(basename "$g")" || fail "$(basename "$g") differs after the round trip"
done

# print: the 附件1 and a 附页 for each of units 2..N
"$CAIJI" -d "$T/db" print --org "$J" -o "$T/j.pdf" > "$T/out" 2>&1 || { cat "$T/out"; fail "print"; }
[ "$(pdfinfo "$T/j.pdf" | awk '/^Pages:/ {print $2}')" = $N ] || fail "pages: not $N"
last=$(pdftotext -f $N -l $N "$T/j.pdf" - | tr -d ' \n')
case "$last" in *第40个单位，共40个*测试联合单位40*) ;; *) fail "附页 $N: $last" ;; esac
first=$(pdftotext -f 1 -l 1 "$T/j.pdf" - | tr -d ' \n')
case "$first" in *共有40个所在单位*第2至第40个*) ;; *) fail "附件1 note: $first" ;; esac
echo PASS
