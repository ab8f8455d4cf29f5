#!/bin/sh
# export_report.sh - caiji export and stats driven through the real binary on
# a `caiji gen` database: folder/file names byte-exact, modes, BOM, CRLF, the
# member table equal to gen's own 附件4 CSV, GB18030 round trip, XLSX, an
# existing folder refused then replaced, the branch table, stats, bad usage.
. "$TOP/tests/e2e/lib.sh"
T=$(mktemp -d /tmp/caiji-e2e-export.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cd "$T" || exit 1
"$CAIJI" -d db gen --members 500 --seed 7 --csv gen.csv >/dev/null 2>&1 ||
	fail "gen"
# the folder needs every record 复核通过 (review.h): the owner takes both steps
"$CAIJI" -d db review pass --all >/dev/null 2>&1 && "$CAIJI" -d db review pass --all >/dev/null 2>&1 ||
	fail "review pass --all"
TOP=中共某某市示范集团有限公司委员会
mkdir out
"$CAIJI" -d db export --seq 1 --filler 张三 -o out --format both >log 2>&1 ||
	{ cat log; fail "export exit"; }
D="out/1${TOP}张三"
[ -d "$D" ] || { ls out; fail "folder name"; }
# exactly the six files, names byte-exact (full-width parentheses, GB/T 15834)
ls "$D" | LC_ALL=C sort > names
LC_ALL=C sort > want <<EOF
${TOP}党员基本信息汇总表.csv
${TOP}党员基本信息汇总表.xlsx
${TOP}党组织和所在单位信息汇总表（党支部）.csv
${TOP}党组织和所在单位信息汇总表（党支部）.xlsx
${TOP}党组织和所在单位信息汇总表（基层党委本级）.csv
${TOP}党组织和所在单位信息汇总表（基层党委本级）.xlsx
EOF
cmp -s names want || { diff names want; fail "file names"; }
[ "$(stat -c %a "$D")" = 700 ] || fail "folder mode"
for f in "$D"/*; do
	[ "$(stat -c %a "$f")" = 600 ] || fail "mode of $f"
done
[ "$(ls -A out | wc -l)" = 1 ] || { ls -A out; fail "temporary left in out/"; }

M="$D/${TOP}党员基本信息汇总表.csv"
[ "$(head -c 3 "$M" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM"
# every line ends in CRLF
[ "$(grep -c "$(printf '\r')\$" "$M")" = "$(wc -l < "$M")" ] || fail "CRLF"
[ "$(wc -l < "$M")" = 501 ] || fail "member rows"
# the table equals gen's own 附件4 CSV once the BOM and the text TABs go
sed '1s/^\xEF\xBB\xBF//' "$M" | sed "s/\"$(printf '\t')/\"/g" | cmp -s - gen.csv ||
	fail "member table differs from the generated data"
# ID numbers carry the text TAB inside their quotes
sed -n 2p "$M" | grep -q "\"$(printf '\t')[0-9]\{17\}[0-9X]\"" || fail "ID text TAB"
# 本级: header + the committee itself
S="$D/${TOP}党组织和所在单位信息汇总表（基层党委本级）.csv"
[ "$(wc -l < "$S")" = 2 ] || fail "本级 rows"
sed -n 2p "$S" | grep -q "^\"1\",\"${TOP}\"" || fail "本级 row"
# (党支部): 序号 1..n down the file, the committee itself absent
B="$D/${TOP}党组织和所在单位信息汇总表（党支部）.csv"
n=$(($(wc -l < "$B") - 1))
[ "$(sed 1d "$B" | cut -d, -f1 | tr -d '"' | tr '\n' ' ')" = "$(seq -s ' ' 1 $n) " ] ||
	fail "序号 not 1..n"
grep -q "\"${TOP}\"" "$B" && fail "committee in the branch table"

# XLSX: a valid zip, frozen header, ID cells as strings
X="$D/${TOP}党员基本信息汇总表.xlsx"
unzip -tq "$X" >/dev/null || fail "unzip -t"
unzip -p "$X" xl/worksheets/sheet1.xml > s1.xml
grep -q 'ySplit="1"' s1.xml && grep -q 'state="frozen"' s1.xml || fail "frozen pane"
grep -q '<c r="E2" s="[0-9]*" t="inlineStr"><is><t>[0-9]\{17\}[0-9X]</t>' s1.xml ||
	fail "ID cell not a string"

# GB18030: converts back to the same text
mkdir gb
"$CAIJI" -d db export --seq 1 --filler 张三 -o gb --encoding gb18030 >/dev/null 2>&1 ||
	fail "gb18030 export"
G="gb/1${TOP}张三/${TOP}党员基本信息汇总表.csv"
iconv -f GB18030 -t UTF-8 "$G" > back.csv || fail "iconv back"
sed '1s/^\xEF\xBB\xBF//' "$M" | cmp -s - back.csv || fail "GB18030 round trip"

# an existing folder is refused (untouched), then replaced with --replace
echo old > "$D/备注.txt"
"$CAIJI" -d db export --seq 1 --filler 张三 -o out >log 2>&1 && fail "overwrote"
grep -q '已存在' log || { cat log; fail "exists message"; }
[ -f "$D/备注.txt" ] || fail "folder touched"
"$CAIJI" -d db export --seq 1 --filler 张三 -o out --replace --format csv >log 2>&1 ||
	{ cat log; fail "replace"; }
[ -f "$D/${TOP}党员基本信息汇总表.xlsx" ] && fail "old xlsx kept in the new folder"
ls out | grep -q "1${TOP}张三.old-" || fail "old folder with a foreign file not kept"

# a branch exports its own 附件4
BR=$(sed -n 2p "$M" | cut -d, -f9 | tr -d '"')
mkdir br
"$CAIJI" -d db export --branch "$BR" -o br --format csv >log 2>&1 || { cat log; fail "branch"; }
[ -f "br/${BR}党员基本信息汇总表.csv" ] || { ls br; fail "branch file name"; }
[ "$(stat -c %a "br/${BR}党员基本信息汇总表.csv")" = 600 ] || fail "branch mode"

# the default is the 电子表 (XLSX) the source describes
mkdir dx
"$CAIJI" -d db export --seq 2 --filler 张三 -o dx >log 2>&1 || { cat log; fail "default export"; }
[ "$(ls dx/*/ | grep -c '\.xlsx$')" = 3 ] && [ "$(ls dx/*/ | grep -c '\.csv$')" = 0 ] ||
	{ ls dx/*/; fail "the default is not three XLSX files"; }
# --format csv --plain: bare values for programs (no BOM, no TAB or ' markers)
mkdir pl
"$CAIJI" -d db export --seq 2 --filler 张三 -o pl --format csv --plain >log 2>&1 || { cat log; fail "plain"; }
P=$(ls pl/*/*党员基本信息汇总表.csv)
[ "$(head -c 3 "$P" | od -An -tx1 | tr -d ' ')" != efbbbf ] || fail "BOM in a plain CSV"
grep -q "$(printf '\t')" "$P" && fail "TAB marker in a plain CSV"
sed '1s/^\xEF\xBB\xBF//' "$M" | tr -d '\t' | cmp -s - "$P" || fail "plain CSV is not the marked one without markers"
"$CAIJI" -d db export --seq 2 --filler 张三 -o pl --format xlsx --plain >log 2>&1 && fail "--plain with xlsx"
grep -q -- '--plain 只用于' log || { cat log; fail "--plain xlsx message"; }
# in parts: the organisation tables first, 附件4 later into the same folder
mkdir parts
"$CAIJI" -d db export --seq 2 --filler 张三 -o parts --format csv --only orgs >log 2>&1 || { cat log; fail "--only orgs"; }
[ "$(ls parts/*/ | wc -l)" = 2 ] || { ls parts/*/; fail "--only orgs: two files"; }
"$CAIJI" -d db export --seq 2 --filler 张三 -o parts --format csv --only members >log 2>&1 || { cat log; fail "--only members"; }
[ "$(ls parts/*/ | wc -l)" = 3 ] || { ls parts/*/; fail "--only members: the third file"; }
cmp -s "$(ls parts/*/*党员基本信息汇总表.csv)" "$M" || fail "--only members: 附件4 differs"
"$CAIJI" -d db export --seq 2 --filler 张三 -o parts --format csv --only members >log 2>&1 && fail "part written twice"
"$CAIJI" -d db export --seq 2 --filler 张三 -o parts --only nothing >log 2>&1; [ $? = 2 ] || fail "--only nothing"

# an interrupted export's hidden leftovers (personal data) are removed by
# the next export into the same directory, which says so; others' stay
mkdir st
mkdir "st/.1${TOP}张三.AbC123" st/.other.ABCDEF
echo x > "st/.1${TOP}张三.AbC123/${TOP}党员基本信息汇总表.csv"
echo y > st/.caiji-Xy12Zq
echo z > st/.other.ABCDEF/notes.txt
"$CAIJI" -d db export --seq 1 --filler 张三 -o st >log 2>err || { cat log err; fail "export after an interrupted one"; }
grep -q '已删除上次中断的导出留下的临时文件夹' err || { cat err; fail "stale folder not reported"; }
grep -q '已清理上次中断的导出留下的临时文件 2 个' err || { cat err; fail "stale count"; }
[ "$(ls -A st | grep -c '^\.')" = 1 ] && [ -f st/.other.ABCDEF/notes.txt ] ||
	{ ls -A st; fail "stale leftovers kept, or a foreign folder removed"; }

# bad usage
: > afile
"$CAIJI" -d db export --seq 1 --filler 张三 -o afile >log 2>&1 && fail "-o a file accepted"
grep -q 'afile 是文件,不是目录' log || { cat log; fail "-o file message"; }
"$CAIJI" -d db export --seq 1 >/dev/null 2>&1; [ $? = 2 ] || fail "usage exit"
"$CAIJI" -d db export --seq x --filler 张三 -o out >log 2>&1 && fail "bad seq"
grep -q '序号' log || fail "seq message"
"$CAIJI" -d db export --seq 1 --filler 张三 --org 不存在的党委 -o out >log 2>&1 &&
	fail "unknown org"
# a 填报人 that would make a hidden, odd or blank folder name is refused
mkdir fl
for bad in " " " 张三" "张三 " "张三　" "." ".." ".张三"; do
	"$CAIJI" -d db export --seq 1 --filler="$bad" -o fl --draft >log 2>&1 && fail "filler '$bad' accepted"
	grep -q '填报人姓名' log || { cat log; fail "filler '$bad': message"; }
done
[ -z "$(ls -A fl)" ] || { ls -A fl; fail "a refused filler left something in fl/"; }

# stats: totals on the same database
"$CAIJI" -d db stats > st.txt || fail "stats"
grep -q '^合计 .* 500 ' st.txt || { cat st.txt; fail "stats total"; }
grep -q '党统人数' st.txt || fail "stats header"
echo "ok"
