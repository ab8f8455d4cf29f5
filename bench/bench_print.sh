#!/bin/sh
# bench_print.sh - caiji print --committee (every 附件1 and 附件2 of a
# `caiji gen` database, in report order, one PDF) at 1,000 and 10,000
# members: pages per second (wall and CPU), peak resident memory (the
# kernel's high-water mark, /usr/bin/time %M: fonts and the LMDB map are
# file-backed and counted) and peak anonymous memory (RssAnon sampled
# every 10 ms: what the process itself allocates), and the file size.
# Memory should not grow with the members: pages are streamed.
# Median of RUNS runs (default 3).  N from bench/run.sh is not used: a
# million pages is not a print job.  Env: CAIJI, WORK, OUT (bench/run.sh).
set -u
: "${CAIJI:?}" "${WORK:?}" "${OUT:?}"
RUNS=${RUNS:-3}
SIZES=${PRINT_SIZES:-1000 10000}
mkdir -p "$WORK" || exit 1
cd "$WORK" || exit 1
for t in pdfinfo; do
	command -v $t >/dev/null 2>&1 || { echo "bench_print: $t missing"; exit 1; }
done
export CAIJI_TODAY=2026-06-01

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# peak_anon DB: peak RssAnon (KiB) of one print of DB
peak_anon() {
	"$CAIJI" -d "$1" print --committee -o anon.pdf >/dev/null 2>&1 &
	pid=$!
	max=0
	while kill -0 $pid 2>/dev/null; do
		v=$(awk '/^RssAnon:/ {print $2}' /proc/$pid/status 2>/dev/null)
		[ -n "$v" ] && [ "$v" -gt "$max" ] && max=$v
		sleep 0.01
	done
	wait $pid
	rm -f anon.pdf
	echo "$max"
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
rows=""
for n in $SIZES; do
	rm -rf "db$n"
	"$CAIJI" -d "db$n" gen --members "$n" >/dev/null 2>gen.err ||
		{ cat gen.err; echo "bench_print: gen failed"; exit 1; }
	: > "times.$n"
	i=0
	while [ $i -lt "$RUNS" ]; do
		rm -f out.pdf
		/usr/bin/time -o t.one -f '%e %U %S %M' "$CAIJI" -d "db$n" print --committee \
		    -o out.pdf >/dev/null 2>run.err || { cat run.err; echo "bench_print: print failed"; exit 1; }
		awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }' t.one >> "times.$n"
		i=$((i + 1))
	done
	pages=$(pdfinfo out.pdf | awk '/^Pages:/ {print $2}')
	mib=$(du -b out.pdf | awk '{printf "%.1f", $1 / 1048576}')
	wall=$(cut -d' ' -f1 "times.$n" | median)
	cpu=$(cut -d' ' -f2 "times.$n" | median)
	rss=$(cut -d' ' -f3 "times.$n" | median)
	anon=$(peak_anon "db$n")
	rows="$rows$(printf '| %s | %s | %s | %s | %s | %s | %.1f | %.1f | %s |' "$n" "$pages" \
	    "$wall" "$cpu" \
	    "$(awk -v p="$pages" -v t="$wall" 'BEGIN { printf "%.0f", p / t }')" \
	    "$(awk -v p="$pages" -v t="$cpu" 'BEGIN { printf "%.0f", p / t }')" \
	    "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" \
	    "$(awk -v k="$anon" 'BEGIN { print k / 1024 }')" "$mib")
"
	rm -rf "db$n" out.pdf
done
{
	echo "## print: 附件1 and 附件2 of a whole committee as one PDF"
	echo
	echo "caiji \`print --committee\` on a \`caiji gen\` database: every organisation's"
	echo "附件1 (with its 附页) and every member's 附件2, in report order, A4, Noto Serif"
	echo "CJK SC embedded; pages streamed through one cairo PDF surface. Median of $RUNS runs."
	echo "Peak RSS is the kernel's high-water mark (/usr/bin/time %M), which counts the"
	echo "mapped font files and LMDB map; peak anonymous memory is RssAnon sampled every"
	echo "10 ms (what caiji, pango and cairo allocate). The goal is flat memory: the same"
	echo "at 10,000 members as at 1,000."
	echo
	echo "| members | pages | wall s | CPU s | pages/s (wall) | pages/s (CPU) | peak RSS MiB | peak anon MiB | PDF MiB |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	printf '%s' "$rows"
	echo
	echo "Load average ($(nproc) CPUs) at the start: $load0; at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
	echo "Wall time follows the machine's load; CPU time is caiji's own."
} > "$OUT"
cat "$OUT"
