#!/bin/sh
# Run every bench/bench_*.sh and gather their tables into bench/RESULTS.md.
# Each script gets CAIJI (the binary), WORK (a scratch directory), N (the
# member count, default 1000000; BENCH_N overrides) and OUT (its markdown
# section, bench/results/NAME.md), and compares caiji with the named peer
# in the same run.  Timings are in the results, never asserted in tests.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
N=${BENCH_N:-1000000}
WORK=${BENCH_WORK:-$top/bench/work}
mkdir -p "$WORK" bench/results
status=0
for b in bench/bench_*.sh; do
	[ -f "$b" ] || continue
	n=$(basename "$b" .sh); n=${n#bench_}
	echo "== bench $n (N=$N)"
	if ! CAIJI="$top/caiji" WORK="$WORK/$n" N="$N" OUT="$top/bench/results/$n.md" \
	    sh "$b"; then
		echo "bench $n failed"; status=1
	fi
	rm -rf "$WORK/$n"
done
{
	echo "# caiji benchmarks"
	echo
	echo "Written by \`make bench\` ($(date -u '+%Y-%m-%d %H:%M UTC')). Machine: $(uname -srm)," \
	     "$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1))," \
	     "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, N=$N."
	echo "The machine is shared and noisy: compare the columns of one run, not runs."
	for f in bench/results/*.md; do
		[ -f "$f" ] || continue
		echo; cat "$f"
	done
} > bench/RESULTS.md
echo "wrote bench/RESULTS.md"
exit $status
