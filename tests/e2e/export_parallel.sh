#!/bin/sh
# export_parallel.sh - the member table written by two workers (the default
# on two CPUs) is the same bytes as written on one thread
# (CAIJI_EXPORT_WORKER=0), problems list included: many small branches
# (a worker done before its turn leaves its rows for the other to write),
# branches of 2,000 (a worker's buffer fills before its turn: it waits),
# and one branch of 20,000 members (more than a worker's buffer, so it goes
# to the file while it is read); also in GB18030 and --branch.  The audit
# entry's SHA-256 of each CSV (hashed while written, not read back) is the
# file's, also through O_DIRECT's path and the page cache's
# (CAIJI_OUTFILE_BUFFERED).
. "$TOP/tests/e2e/lib.sh"
T=$(mktemp -d /tmp/caiji-e2e-par.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$T" || exit 1
"$CAIJI" -d many gen --members 20000 --seed 5 >/dev/null 2>&1 || fail "gen many"
"$CAIJI" -d one gen --members 20000 --per-branch 20000 --seed 6 >/dev/null 2>&1 ||
	fail "gen one"
"$CAIJI" -d mid gen --members 20000 --per-branch 2000 --seed 7 >/dev/null 2>&1 ||
	fail "gen mid"
# exported five years later: hundreds of 预备期已满 and other problems to list
export CAIJI_TODAY=2031-06-01

# exp DB OUT ARGS...: export DB into the new folder OUT
exp() {
	_db=$1 _out=$2; shift 2
	rm -rf "$_out"; mkdir "$_out"
	"$CAIJI" -d "$_db" export -o "$_out" --format csv --draft "$@" > "$_out.log" 2>&1 ||
		{ cat "$_out.log"; fail "export $_db $*"; }
}
for db in many mid one; do
	for enc in gb18030 utf8; do
		CAIJI_EXPORT_WORKER=0 exp $db s --seq 1 --filler 测试 --encoding $enc
		CAIJI_EXPORT_WORKER=1 exp $db p --seq 1 --filler 测试 --encoding $enc
		diff -r s p >/dev/null || fail "$db $enc: two workers wrote other bytes"
		[ -s p/问题清单.txt ] || fail "$db $enc: no problems to compare"
	done
	[ "$(sed -n 's/.*党员 \([0-9]*\) 名.*/\1/p' p.log)" = 20000 ] || fail "$db count"
done
B=$(cut -d, -f2 p/*/*（党支部）.csv | tr -d '"' | grep -v 总支 | grep -m 1 '党支部$')
CAIJI_EXPORT_WORKER=0 exp one s --branch "$B"
CAIJI_EXPORT_WORKER=1 exp one p --branch "$B"
diff -r s p >/dev/null || fail "--branch: two workers wrote other bytes"

# the audit's SHA-256 of each CSV is the file's
for buffered in "" 1; do
	rm -rf a; mkdir a
	env ${buffered:+CAIJI_OUTFILE_BUFFERED=1} "$CAIJI" -d many export -o a \
	    --seq 2 --filler 测试 --format csv --draft >/dev/null 2>&1 || fail "export a"
	for f in a/*/*.csv; do
		want=$(sha256sum "$f" | cut -d' ' -f1)
		"$CAIJI" -d many log 2>/dev/null | grep -F "${f##*/}" | tail -n 1 |
			grep -q "SHA-256 $want" || fail "audit SHA-256 of ${f##*/} (buffered=$buffered)"
	done
done
echo "ok"
