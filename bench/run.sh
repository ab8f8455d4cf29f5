#!/bin/sh
# Run every bench/bench_*.sh (or those named: `run.sh store export`) and
# gather the tables of bench/results/*.md into bench/RESULTS.md
# (`run.sh --collect` only gathers).
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
if [ $# -eq 0 ]; then
	set -- $(for b in bench/bench_*.sh; do n=$(basename "$b" .sh); echo "${n#bench_}"; done)
elif [ "$1" = "--collect" ]; then
	set --
fi
for n in "$@"; do
	b=bench/bench_$n.sh
	[ -f "$b" ] || { echo "no benchmark $n"; status=1; continue; }
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
	echo "Gathered by \`make bench\` ($(date -u '+%Y-%m-%d %H:%M UTC')) from bench/results/*.md, each section" \
	     "written by its benchmark's last run on this machine: $(uname -srm)," \
	     "$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1))," \
	     "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM."
	echo "The machine is shared and noisy: compare the columns of one run (caiji beside its"
	echo "peer, measured in the same run), not runs."
	for f in bench/results/*.md; do
		[ -f "$f" ] || continue
		echo; cat "$f"
	done
} > bench/RESULTS.md
echo "wrote bench/RESULTS.md"
exit $status
