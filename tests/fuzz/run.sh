#!/bin/sh
# Build and run every tests/fuzz/fuzz_*.c with clang's libFuzzer, ASan and
# UBSan, FUZZ_SECONDS each (default 60).  Corpora in build/fuzz/NAME/.
# Writes the outcome to build/fuzz/results.md (untracked: a run changes no
# file of the repository).  Exit 1 on any crash or leak.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
secs=${FUZZ_SECONDS:-60}
pkgs="ncursesw formw lmdb xlsxwriter"
src=$(ls src/*.c screens/*.c 2>/dev/null | grep -v '^src/main.c$')
make -s build/gen/codelist_data.c || exit 1
mkdir -p build/fuzz
status=0
{ echo "## Fuzzing (libFuzzer + ASan + UBSan, ${secs} s each)"; echo
  echo "| harness | runs | result |"; echo "|---|---|---|"; } > build/fuzz/results.md
for f in tests/fuzz/fuzz_*.c; do
	[ -f "$f" ] || continue
	n=$(basename "$f" .c)
	clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
	    -Iinclude -Ibuild/gen $(pkg-config --cflags $pkgs) -o "build/fuzz/$n" \
	    "$f" $src build/gen/codelist_data.c $(pkg-config --libs $pkgs) -lcsv -lm || { status=1; continue; }
	mkdir -p "build/fuzz/$n.corpus"
	[ -d "tests/fuzz/$n.seeds" ] && cp -n tests/fuzz/$n.seeds/* "build/fuzz/$n.corpus/" 2>/dev/null
	if "build/fuzz/$n" -max_total_time="$secs" -rss_limit_mb=2048 \
	    -artifact_prefix="build/fuzz/$n-" "build/fuzz/$n.corpus" > "build/fuzz/$n.log" 2>&1; then
		res="no crash, no leak"
	else
		res="FAILED: see build/fuzz/$n.log"; status=1
	fi
	runs=$(grep -o 'Done [0-9]* runs' "build/fuzz/$n.log" | tail -n 1 | cut -d' ' -f2)
	echo "| $n | ${runs:-?} | $res |" >> build/fuzz/results.md
	echo "$n: ${runs:-?} runs, $res"
done
exit $status
