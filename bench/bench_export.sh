#!/bin/sh
# bench_export.sh - caiji export of N members (a `caiji gen` database) to CSV,
# side by side in the same run with mdb_dump of the same LMDB environment and
# with sqlite3 writing the same rows as CSV (loaded from gen's --csv output
# before the timing).  Every tool writes its output to a file in WORK.
# Wall and CPU time: median of RUNS rounds in which the three take turns.
# Peak anonymous memory of caiji:
# /proc/PID/status RssAnon sampled every 10 ms while it runs (the LMDB map
# is file-backed and not counted), at 100,000 members and at N.
# Env: CAIJI, WORK, N, OUT (see bench/run.sh); RUNS (default 3).
set -u
: "${CAIJI:?}" "${WORK:?}" "${N:?}" "${OUT:?}"
RUNS=${RUNS:-3}
mkdir -p "$WORK" || exit 1
cd "$WORK" || exit 1
for t in mdb_dump sqlite3; do
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

# the three tools take turns, RUNS rounds, so that a change in the load of
# the shared machine falls on all of them alike
: > times.caiji; : > times.mdb_dump; : > times.sqlite3
i=0
while [ $i -lt "$RUNS" ]; do
	one caiji "$CAIJI" -d db export --seq 1 --filler 测试 -o out \
	    --format csv --draft
	one mdb_dump sh -c 'mdb_dump -a db > out/dump.txt'
	one sqlite3 sh -c 'sqlite3 -csv -header s.db "select * from m order by rowid" > out/m.csv'
	i=$((i + 1))
done
caiji_t=$(median caiji); dump_t=$(median mdb_dump); sql_t=$(median sqlite3)
# caiji/sqlite3 wall ratio of each round (both ran within seconds of each
# other), and their median: steadier than the ratio of the two medians
# when a neighbour's load comes and goes between rounds
rounds=$(paste -d' ' times.caiji times.sqlite3 |
	awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 / $3 }')
round_med=$(echo "$rounds" | tr ' ' '\n' | sort -n |
	awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

# output sizes (one more run each, kept)
rm -rf out; mkdir out
"$CAIJI" -d db export --seq 1 --filler 测试 -o out --format csv --draft >/dev/null 2>&1
csv_mb=$(du -bc out/*/*党员基本信息汇总表.csv | tail -1 | awk '{printf "%.1f", $1/1048576}')
mdb_dump -a db > dump.txt; dump_mb=$(du -b dump.txt | awk '{printf "%.1f", $1/1048576}')
sqlite3 -csv -header s.db "select * from m order by rowid" > sq.csv
sq_mb=$(du -b sq.csv | awk '{printf "%.1f", $1/1048576}')
rm -f dump.txt sq.csv

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
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
{
	echo "## export: 附件4 CSV of $N members"
	echo
	echo "caiji \`export --format csv --draft\` (every record validated while written; the"
	echo "three report files, fsync'd) against \`mdb_dump -a\` of the same environment to a"
	echo "file and \`sqlite3 -csv\` of the same rows (gen's CSV loaded before timing) to a"
	echo "file. Median of $RUNS rounds, the three tools taking turns in each."
	echo
	echo "| tool | wall s | CPU s (user+sys) | output MiB | wall ratio caiji/tool | goal |"
	echo "|---|---:|---:|---:|---:|---|"
	echo "| caiji export | $cw | $cc | $csv_mb | - | - |"
	echo "| mdb_dump -a | $dw | $dc | $dump_mb | $(ratio "$cw" "$dw") | ≤ 1.5 |"
	echo "| sqlite3 -csv | $sw | $sc | $sq_mb | $(ratio "$cw" "$sw") | ≤ 0.5 |"
	echo
	echo "caiji/sqlite3 wall ratio round by round: $rounds (median $round_med)."
	echo
	echo "Peak anonymous memory of caiji export (RssAnon sampled every 10 ms; the LMDB"
	echo "map is file-backed): $(awk -v k="$anon_100k" 'BEGIN{printf "%.1f", k/1024}') MiB at 100,000 members," \
	     "$(awk -v k="$anon_n" 'BEGIN{printf "%.1f", k/1024}') MiB at $N (goal ≤ 16 MiB, flat)."
} > "$OUT"
cat "$OUT"
