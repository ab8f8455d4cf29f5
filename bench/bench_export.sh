#!/bin/sh
# bench_export.sh - caiji export of N members (a `caiji gen` database) to CSV,
# side by side in the same run with mdb_dump of the same LMDB environment,
# with sqlite3 writing the same rows as CSV (loaded from gen's --csv output
# before the timing), and with a copy of caiji's own member file to a new
# file, fsync'd (dd conv=fsync: the cost of writing those bytes).  Every
# tool writes its output to a file in WORK.  RUNS rounds (default 7) in
# which the tools take turns, a sync before every run; wall and CPU time
# are medians, the ratios the median of the per-round ratios; the load
# average is recorded.  BEFORE=BINARY adds an older caiji to the rounds.
# Peak anonymous memory of caiji:
# /proc/PID/status RssAnon sampled every 10 ms while it runs (the LMDB map
# is file-backed and not counted), at 100,000 members and at N.
# Env: CAIJI, WORK, N, OUT (see bench/run.sh); RUNS, BEFORE.
set -u
: "${CAIJI:?}" "${WORK:?}" "${N:?}" "${OUT:?}"
RUNS=${RUNS:-7}
BEFORE=${BEFORE:-}
mkdir -p "$WORK" || exit 1
cd "$WORK" || exit 1
for t in mdb_dump sqlite3 dd; do
	command -v $t >/dev/null 2>&1 || { echo "bench_export: $t missing"; exit 1; }
done

# gen DIR COUNT CSV: a generated database (not timed)
gen() {
	rm -rf "$1"; mkdir -p "$(dirname "$1")"
	"$CAIJI" -d "$1" gen --members "$2" ${3:+--csv "$3"} >/dev/null 2>gen.err ||
		{ cat gen.err; echo "bench_export: gen failed"; exit 1; }
}

# one LABEL CMD...: one timed run, appended to times.LABEL as "wall cpu"
one() {
	label=$1; shift
	rm -rf out; mkdir out
	sync
	/usr/bin/time -o t.one -f '%e %U %S' "$@" >/dev/null 2>run.err ||
		{ cat run.err; echo "bench_export: $label failed"; exit 1; }
	awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' t.one >> "times.$label"
}

# median LABEL: "median_wall median_cpu" of times.LABEL
median() {
	w=$(cut -d' ' -f1 "times.$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	c=$(cut -d' ' -f2 "times.$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	echo "$w $c"
}

# peak_anon DB: peak RssAnon (KiB) of one caiji export of DB
peak_anon() {
	rm -rf out; mkdir out
	"$CAIJI" -d "$1" export --seq 1 --filler 测试 -o out --format csv --draft \
	    >/dev/null 2>&1 &
	pid=$!
	max=0
	while kill -0 $pid 2>/dev/null; do
		v=$(awk '/^RssAnon:/ {print $2}' /proc/$pid/status 2>/dev/null)
		[ -n "$v" ] && [ "$v" -gt "$max" ] && max=$v
		sleep 0.01
	done
	wait $pid
	echo "$max"
}

gen db "$N" gen.csv
# sqlite3: the same 19 columns and rows, loaded outside the timing
rm -f s.db
sqlite3 s.db ".import --csv gen.csv m" || { echo "bench_export: sqlite load"; exit 1; }
[ "$(sqlite3 s.db 'select count(*) from m')" = "$N" ] ||
	{ echo "bench_export: sqlite row count"; exit 1; }

# caiji's member file (for the copy), outside the timing
rm -rf mine; mkdir mine
"$CAIJI" -d db export --seq 1 --filler 测试 -o mine --format csv --draft >/dev/null 2>&1 ||
	{ echo "bench_export: export failed"; exit 1; }
mfile=$(ls mine/*/*党员基本信息汇总表.csv)

# the tools take turns, RUNS rounds, so that a change in the load of
# the shared machine falls on all of them alike
: > times.caiji; : > times.mdb_dump; : > times.sqlite3; : > times.copy; : > times.before
i=0
while [ $i -lt "$RUNS" ]; do
	one caiji "$CAIJI" -d db export --seq 1 --filler 测试 -o out \
	    --format csv --draft
	one copy dd if="$mfile" of=out/copy.csv bs=1M conv=fsync status=none
	one mdb_dump sh -c 'mdb_dump -a db > out/dump.txt'
	one sqlite3 sh -c 'sqlite3 -csv -header s.db "select * from m order by rowid" > out/m.csv'
	[ -n "$BEFORE" ] && one before "$BEFORE" -d db export --seq 1 \
	    --filler 测试 -o out --format csv --draft
	i=$((i + 1))
done
la=$(cut -d' ' -f1-3 /proc/loadavg)
caiji_t=$(median caiji); dump_t=$(median mdb_dump); sql_t=$(median sqlite3)
copy_t=$(median copy)
# wall ratio of each round (the tools ran within seconds of each other),
# and their median: steadier than the ratio of two medians when a
# neighbour's load comes and goes between rounds
# per_round A B: "r1 r2 ... (median m)" of times.A / times.B
per_round() {
	_r=$(paste -d' ' "times.$1" "times.$2" |
		awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), ($3 > 0 ? $1 / $3 : 0) }')
	_m=$(echo "$_r" | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	echo "$_m|$_r"
}
r_sql=$(per_round caiji sqlite3); r_dump=$(per_round caiji mdb_dump)
r_copy=$(per_round caiji copy)
[ -n "$BEFORE" ] && { b_sql=$(per_round before sqlite3); b_copy=$(per_round before copy); }

# output sizes (one more run each, kept)
rm -rf out; mkdir out
"$CAIJI" -d db export --seq 1 --filler 测试 -o out --format csv --draft >/dev/null 2>&1
csv_mb=$(du -bc out/*/*党员基本信息汇总表.csv | tail -1 | awk '{printf "%.1f", $1/1048576}')
mdb_dump -a db > dump.txt; dump_mb=$(du -b dump.txt | awk '{printf "%.1f", $1/1048576}')
sqlite3 -csv -header s.db "select * from m order by rowid" > sq.csv
sq_mb=$(du -b sq.csv | awk '{printf "%.1f", $1/1048576}')
rm -f dump.txt sq.csv
copy_mb=$(du -b "$mfile" | awk '{printf "%.1f", $1/1048576}')
rm -rf mine

[ -f db/data.mdb ] || { echo "bench_export: database vanished"; exit 1; }
anon_n=$(peak_anon db)
if [ "$N" -ne 100000 ]; then
	gen db100k 100000 ""
	anon_100k=$(peak_anon db100k)
	rm -rf db100k
else
	anon_100k=$anon_n
fi

cw=${caiji_t% *}; cc=${caiji_t#* }
dw=${dump_t% *}; dc=${dump_t#* }
sw=${sql_t% *}; sc=${sql_t#* }
pw=${copy_t% *}; pc=${copy_t#* }
met() { awk -v r="$1" -v g="$2" 'BEGIN { print (r <= g ? "met" : "not met") }'; }
{
	echo "## export: 附件4 CSV of $N members"
	echo
	echo "caiji \`export --format csv --draft\` (every record validated while written; the"
	echo "three report files, fsync'd) against a copy of its own member file to a new"
	echo "file with fsync (\`dd bs=1M conv=fsync\`: the cost of writing those bytes),"
	echo "\`mdb_dump -a\` of the same environment to a file, and \`sqlite3 -csv\` of the"
	echo "same rows (gen's CSV loaded before timing) to a file.  $RUNS rounds, the tools"
	echo "taking turns in each, a sync before every run; seconds are medians, the"
	echo "ratios the median of the per-round ratios.  Load average at the end: $la"
	echo "($(nproc) CPUs)."
	echo
	echo "| tool | wall s | CPU s (user+sys) | output MiB | wall ratio caiji/tool (median of rounds) | goal |"
	echo "|---|---:|---:|---:|---:|---|"
	echo "| caiji export | $cw | $cc | $csv_mb | - | - |"
	echo "| copy of its member file, fsync'd | $pw | $pc | $copy_mb | ${r_copy%%|*} | ≤ 3: $(met "${r_copy%%|*}" 3) |"
	echo "| sqlite3 -csv | $sw | $sc | $sq_mb | ${r_sql%%|*} | ≤ 0.25: $(met "${r_sql%%|*}" 0.25) |"
	echo "| mdb_dump -a | $dw | $dc | $dump_mb | ${r_dump%%|*} | ≤ 1.5: $(met "${r_dump%%|*}" 1.5) |"
	if [ -n "$BEFORE" ]; then
		bt=$(median before)
		echo "| before: $(basename "$BEFORE") | ${bt% *} | ${bt#* } | | to sqlite3 ${b_sql%%|*}, to the copy ${b_copy%%|*} | |"
	fi
	echo
	echo "Per round, caiji/sqlite3: ${r_sql#*|}; caiji/copy: ${r_copy#*|}."
	[ -n "$BEFORE" ] && echo "Before, per round, to sqlite3: ${b_sql#*|}; to the copy: ${b_copy#*|}."
	echo
	echo "Peak anonymous memory of caiji export (RssAnon sampled every 10 ms; the LMDB"
	echo "map is file-backed): $(awk -v k="$anon_100k" 'BEGIN{printf "%.1f", k/1024}') MiB at 100,000 members," \
	     "$(awk -v k="$anon_n" 'BEGIN{printf "%.1f", k/1024}') MiB at $N (goal ≤ 16 MiB, flat)."
} > "$OUT"
cat "$OUT"
