#!/bin/sh
# export_draft.sh - on the demo database (which holds a draft and unconfirmed
# warnings) caiji export refuses, prints and saves the problem list, writes
# nothing else; --draft writes the folder with 草稿- in every name; the joint
# branch has one row per unit with the organisation columns repeated.
. "$TOP/tests/e2e/lib.sh"
T=$(mktemp -d /tmp/caiji-e2e-draft.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cd "$T" || exit 1
"$CAIJI" -d db demo >/dev/null 2>&1 || fail "demo"
mkdir out
"$CAIJI" -d db export --seq 7 --filler 王五 -o out >out.txt 2>err.txt
[ $? = 1 ] || fail "refusal exit status"
grep -q '未导出任何文件' err.txt || { cat err.txt; fail "refusal message"; }
grep -q '^\[错误\]' err.txt || fail "problems not printed"
[ "$(ls -A out)" = "问题清单.txt" ] || { ls -A out; fail "something else written"; }
[ "$(stat -c %a out/问题清单.txt)" = 600 ] || fail "problem list mode"
head -n 1 out/问题清单.txt | grep -q "^序号$(printf '\t')党组织$(printf '\t')姓名" ||
	fail "problem list header"
# as many listed as counted
n=$(sed -n 's/.*发现 \([0-9]*\) 个问题.*/\1/p' err.txt)
[ "$(($(wc -l < out/问题清单.txt) - 1))" = "$n" ] || fail "problem count"

"$CAIJI" -d db export --seq 7 --filler 王五 -o out --draft --format both >out.txt 2>&1 ||
	{ cat out.txt; fail "--draft"; }
TOP=$(ls out | sed -n 's/^草稿-7\(.*\)王五$/\1/p')
[ -n "$TOP" ] || { ls out; fail "draft folder name"; }
D="out/草稿-7${TOP}王五"
[ "$(ls "$D" | grep -vc '^草稿-')" = 0 ] || { ls "$D"; fail "a name without 草稿-"; }
[ "$(ls "$D" | wc -l)" = 6 ] || fail "six files"
grep -q '草稿' out.txt || fail "draft notice"
# the joint branch: one row per unit, organisation columns identical
B="$D/草稿-${TOP}党组织和所在单位信息汇总表（党支部）.csv"
grep '联合党支部","联合党支部"' "$B" | cut -d, -f2-7 | sort -u > joint
[ "$(wc -l < joint)" = 1 ] || { cat joint; fail "joint org columns differ"; }
[ "$(grep -c '联合党支部","联合党支部"' "$B")" -ge 2 ] || fail "one row per unit"
echo "ok"
