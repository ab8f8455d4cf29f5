#!/bin/sh
# bench_find.sh - "where is this person?": caiji find (a whole process:
# open, look up, print each match with its branch) against sqlite3 on the
# same rows (gen's CSV loaded into a table with a unique index on the ID
# number and indexes on the name and the branch order, as bench_store.sh),
# alternating in every round, each after a sync.  Kinds: a whole ID number
# (sqlite3: its unique index), part of an ID number or phone (sqlite3: LIKE
# over both columns, which no index serves), part of a name (LIKE), and
# caiji's pinyin initials (sqlite3 has no such lookup: no peer).
# Env: CAIJI, WORK, OUT, N (see bench/run.sh), RUNS (default 7).
set -u
: "${WORK:?}" "${OUT:?}" "${CAIJI:?}"
N=${N:-1000000}
RUNS=${RUNS:-7}
command -v sqlite3 >/dev/null || { echo "bench_find: sqlite3 missing (make bench installs it)" >&2; exit 1; }
mkdir -p "$WORK"
cd "$WORK" || exit 1
export CAIJI_TODAY=2025-06-30
rm -rf db m.sqlite gen.csv ./*.t

"$CAIJI" gen -d db --members "$N" --seed 1 --csv gen.csv >/dev/null
cols='"序号" INTEGER, "姓名" TEXT, "性别" TEXT, "民族" TEXT, "公民身份证号" TEXT NOT NULL,
 "出生日期" TEXT, "学历" TEXT, "人员类别" TEXT, "所在党支部" TEXT, "加入党组织日期" TEXT,
 "转为正式党员日期" TEXT, "工作岗位" TEXT, "联系电话" TEXT, "家庭住址" TEXT, "党籍状态" TEXT,
 "是否为失联党员" TEXT, "失去联系日期" TEXT, "是否为流动党员" TEXT, "外出流向" TEXT'
sqlite3 m.sqlite "CREATE TABLE m($cols); CREATE UNIQUE INDEX m_idcard ON m(\"公民身份证号\");
 CREATE INDEX m_name ON m(\"姓名\"); CREATE INDEX m_branch ON m(\"所在党支部\", \"序号\");" \
    "BEGIN;" ".import --csv --skip 1 gen.csv m" "COMMIT;"
"$CAIJI" find -d db 1 >/dev/null 2>&1   # the first open upgrades nothing, maps the file

# the queries: an ID number and a name from the data, parts of them
id=$(sqlite3 m.sqlite "SELECT \"公民身份证号\" FROM m LIMIT 1 OFFSET $((N / 3))")
name=$(sqlite3 m.sqlite "SELECT \"姓名\" FROM m LIMIT 1 OFFSET $((N / 2))")
part=$(printf '%s' "$id" | cut -c11-14)
npart=$(printf '%s' "$name" | cut -c1-6)    # two characters (UTF-8)
sel='SELECT "姓名", "公民身份证号", "联系电话", "所在党支部" FROM m WHERE'

ms() { # run the command, print wall ms
	_t0=$(date +%s%N)
	"$@" > out.t 2>/dev/null
	echo $(( ($(date +%s%N) - _t0) / 1000 ))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

for k in whole part name; do : > "c_$k.t"; : > "s_$k.t"; : > "r_$k.t"; done
: > c_py.t
r=0
while [ $r -lt "$RUNS" ]; do
	for k in whole part name; do
		case $k in
		whole) q=$id; sql="$sel \"公民身份证号\" = '$id'" ;;
		part) q=$part; sql="$sel \"公民身份证号\" LIKE '%$part%' OR \"联系电话\" LIKE '%$part%'" ;;
		name) q=$npart; sql="$sel \"姓名\" LIKE '%$npart%'" ;;
		esac
		sync
		c=$(ms "$CAIJI" find -d db "$q"); cn=$(wc -l < out.t)
		sync
		s=$(ms sqlite3 -separator '	' m.sqlite "$sql"); sn=$(wc -l < out.t)
		echo "$c" >> "c_$k.t"; echo "$s" >> "s_$k.t"
		awk -v c="$c" -v s="$s" 'BEGIN { printf "%.2f\n", c / s }' >> "r_$k.t"
		echo "$cn $sn" > "n_$k.t"
	done
	sync
	ms "$CAIJI" find -d db "$(printf '%s' "$name" | head -c 3)" > /dev/null
	c=$(ms "$CAIJI" find -d db wh); echo "$c" >> c_py.t; echo "$(wc -l < out.t)" > n_py.t
	r=$((r + 1))
done
la=$(cut -d' ' -f1-3 /proc/loadavg)
{
	echo "## find: where is this person ($N members)"
	echo
	echo "\`caiji find TEXT\` as a whole process against \`sqlite3\` on the same rows (unique"
	echo "index on 公民身份证号, indexes on 姓名 and the branch order), each printing name, ID"
	echo "number, phone and branch of every match; $RUNS rounds alternating, a sync before"
	echo "each run; wall µs medians and the median of the per-round ratios.  Load average"
	echo "at the end: $la (2 CPUs)."
	echo
	echo "| query | matches caiji / sqlite3 | caiji µs | sqlite3 µs | ratio caiji/sqlite3 (median) | per-round ratios | goal |"
	echo "|---|---|---:|---:|---:|---|---|"
	for k in whole part name; do
		case $k in
		whole) d="whole ID number ($id)" ;;
		part) d="part of an ID number or phone ($part)" ;;
		name) d="part of a name ($npart)" ;;
		esac
		echo "| $d | $(sed 's| | / |' "n_$k.t") | $(median < "c_$k.t") | $(median < "s_$k.t") |" \
		    "$(median < "r_$k.t") | $(tr '\n' ' ' < "r_$k.t")| ≤ 1 |"
	done
	echo "| pinyin initials (wh) | $(cat n_py.t) / - | $(median < c_py.t) | - | - | | no peer |"
} > "$OUT"
rm -rf db m.sqlite gen.csv ./*.t
