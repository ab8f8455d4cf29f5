#!/bin/sh
# Validate N generated member records (every field check and record rule of
# validate_member) and report records/s and µs/record.  No peer: the table
# shows the whole-record rate beside the ID-number check alone and the
# one-time cost of parsing the code lists.
# Env (from bench/run.sh): CAIJI, WORK, N, OUT.  Run from the repository top.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
N=${N:-1000000}
WORK=${WORK:-$top/bench/work/validate}
OUT=${OUT:-$top/bench/results/validate.md}
mkdir -p "$WORK" "$(dirname "$OUT")"
make -s caiji >/dev/null
objs="build/obj/src/validate.o build/obj/src/schema.o build/obj/src/codelist.o build/obj/src/record.o build/obj/gen/codelist_data.o"
${CC:-cc} -O2 -std=c11 -D_GNU_SOURCE -Iinclude -Ibuild/gen -o "$WORK/validate_bench" \
    bench/validate_bench.c $objs
"$WORK/validate_bench" "$N" > "$WORK/out.txt"
cat "$WORK/out.txt"
get() { sed -n "s/^$1 //p" "$WORK/out.txt"; }
rps=$(get records_per_s)
us=$(get us_per_record)
secs=$(get seconds)
csecs=$(get cpu_seconds)
rpcs=$(get records_per_cpu_s)
idps=$(get idcard_per_s)
nvps=$(get normalize_validate_per_s)
init=$(get codelist_init_ms)
counts=$(sed -n 's/^complete //p' "$WORK/out.txt")
{
	echo "## validate: member records through every field check and record rule"
	echo
	echo "N=$N generated members (pool of 16384 distinct records validated round-robin;"
	echo "about 1% carry an ID-number typo, 5% a fixed line, 2% lost, 10% floating), one core."
	echo
	echo "| measure | caiji |"
	echo "|---|---|"
	echo "| validate_member, records/s (wall) | $rps |"
	echo "| validate_member, records per CPU second | $rpcs |"
	echo "| µs per record (wall) | $us |"
	echo "| time for N records, s: wall / CPU | $secs / $csecs |"
	echo "| normalize_member + validate_member (as the importer does), records/s | $nvps |"
	echo "| ID-number check alone (validate_field idcard), per s | $idps |"
	echo "| first use: parse every code list and the region history, ms | $init |"
	echo "| outcome: complete / errors / warnings | $(echo "$counts" | sed 's/ errors / \/ /; s/ warnings / \/ /') |"
	echo
	echo "No peer tool does these checks; the ID-number row gives the scale of one field."
} > "$OUT"
