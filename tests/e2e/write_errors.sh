#!/bin/sh
# write_errors.sh - what is written reaches the disk, and a write that
# fails says so: every XLSX of a report folder is fsynced before it is
# renamed into place; a failed fsync of the folder's directory is an
# export failure (status 1, a Chinese message, no folder left behind), and
# so is one after check -o FILE;
# check, stats and validate writing to a full standard output (/dev/full)
# exit non-zero with a Chinese message.  The fsync and rename calls are
# watched and a directory fsync made to fail by tests/e2e/fsync_shim.c,
# preloaded.
set -u
: "${CAIJI:?}" "${TOP:?}"
T=$(mktemp -d /tmp/caiji-e2e-werr.XXXXXX) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
: "${CAIJI_TODAY:=2026-06-01}"
export CAIJI_TODAY
# an ASan build accepts a preloaded library that is not its runtime
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
cc -shared -fPIC -o "$T/shim.so" "$TOP/tests/e2e/fsync_shim.c" -ldl ||
	fail "cannot build the fsync shim"
# the shim goes ahead of what the harness preloads (libfaketime)
SHIM="$T/shim.so${LD_PRELOAD:+ $LD_PRELOAD}"
"$CAIJI" -d "$T/db" demo > /dev/null 2>&1 || fail "demo"
TOPORG=中共某某市示范科技有限公司委员会
BRANCH=中共某某市示范科技有限公司第一党支部

# 1. every .xlsx renamed into place was fsynced under its temporary name first
mkdir "$T/o1"
CAIJI_SHIM_LOG="$T/log" LD_PRELOAD="$SHIM" "$CAIJI" -d "$T/db" export \
    --seq 1 --filler 测试 --draft --format both -o "$T/o1" > "$T/out" 2>&1 ||
	fail "export: $(cat "$T/out")"
n=$(grep -c '^rename .*\.xlsx$' "$T/log")
[ "$n" -eq 3 ] || fail "3 xlsx renames expected, saw $n: $(cat "$T/log")"
grep '^rename .*\.xlsx$' "$T/log" | while read -r _ old new; do
	awk -v old="$old" '$1 == "fsync" && $2 == old { f = 1 }
	    $1 == "rename" && $2 == old { exit !f }' "$T/log" ||
		{ echo "FAIL: $new renamed without an fsync of $old"; exit 1; }
done || exit 1
# ... and the CSVs too (they always were)
for f in $(grep '^rename .*\.csv$' "$T/log" | cut -d' ' -f2); do
	grep -q "^fsync $f\$" "$T/log" || fail "csv $f not fsynced"
done

# 2. the directory fsync fails: the export fails and leaves no folder behind
mkdir "$T/o2"
CAIJI_SHIM_FAIL_DIRSYNC=1 LD_PRELOAD="$SHIM" "$CAIJI" -d "$T/db" export \
    --seq 1 --filler 测试 --draft -o "$T/o2" > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 1 ] || fail "export with a failing directory fsync: exit $rc"
grep -q '^caiji: 导出失败: 无法将 .* 同步到磁盘: 磁盘读写错误$' "$T/err" ||
	fail "message: $(cat "$T/err")"
# (the problem list of the draft stays: it was written before)
[ -z "$(ls -A "$T/o2" | grep -v '^问题清单.txt$')" ] || fail "left behind: $(ls -A "$T/o2")"
# a branch's own table: the file is there, but the export still fails
mkdir "$T/o3"
CAIJI_SHIM_FAIL_DIRSYNC=1 LD_PRELOAD="$SHIM" "$CAIJI" -d "$T/db" export \
    --branch "$BRANCH" --draft -o "$T/o3" > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 1 ] || fail "branch export with a failing directory fsync: exit $rc"
grep -q '同步到磁盘' "$T/err" || fail "branch message: $(cat "$T/err")"

# 3. a full standard output is an error, also when nothing else is wrong
"$CAIJI" -d "$T/db" check > /dev/full 2> "$T/err"
rc=$?
[ $rc -ne 0 ] || fail "check > /dev/full: exit 0"
grep -q '^caiji: check: 无法写入标准输出: 磁盘空间不足$' "$T/err" ||
	fail "check > /dev/full: $(cat "$T/err")"
# a database without problems (gen's seed 5: if gen changes, pick another)
"$CAIJI" -d "$T/clean" gen --members 3 --per-branch 3 --seed 5 > /dev/null 2>&1 ||
	fail "gen"
"$CAIJI" -d "$T/clean" check > "$T/out" 2>&1 ||
	fail "the gen --seed 5 database has problems: $(cat "$T/out")"
# check -o: the file is synced, renamed, and its directory synced
mkdir "$T/o4"
CAIJI_SHIM_LOG="$T/log4" LD_PRELOAD="$SHIM" "$CAIJI" -d "$T/clean" check --format csv \
    -o "$T/o4/清单.txt" > "$T/out" 2>&1 || fail "check -o: $(cat "$T/out")"
grep -q "类别" "$T/o4/清单.txt" || fail "check -o: no header"
grep -q "^fsync $T/o4\$" "$T/log4" || fail "check -o: directory not synced: $(cat "$T/log4")"
CAIJI_SHIM_FAIL_DIRSYNC=1 LD_PRELOAD="$SHIM" "$CAIJI" -d "$T/clean" check \
    -o "$T/o4/清单2.txt" > "$T/out" 2> "$T/err" &&
	fail "check -o with a failing directory fsync: exit 0"
grep -q "^caiji: check: 无法将 $T/o4 同步到磁盘: 磁盘读写错误\$" "$T/err" ||
	fail "check -o message: $(cat "$T/err")"
"$CAIJI" -d "$T/clean" check > /dev/full 2> "$T/err" &&
	fail "clean check > /dev/full: exit 0"
grep -q '无法写入标准输出' "$T/err" || fail "clean check > /dev/full: $(cat "$T/err")"
"$CAIJI" -d "$T/db" check --format csv > /dev/full 2> "$T/err" &&
	fail "check --format csv > /dev/full: exit 0"
grep -q '无法写入标准输出' "$T/err" || fail "check csv > /dev/full: $(cat "$T/err")"
"$CAIJI" -d "$T/db" stats > /dev/full 2> "$T/err" && fail "stats > /dev/full: exit 0"
grep -q '^caiji: stats: 无法写入标准输出: 磁盘空间不足$' "$T/err" ||
	fail "stats > /dev/full: $(cat "$T/err")"
"$CAIJI" validate idcard 11010519491231002X > /dev/full 2> "$T/err" &&
	fail "validate > /dev/full: exit 0"
grep -q '无法写入标准输出' "$T/err" || fail "validate > /dev/full: $(cat "$T/err")"
"$CAIJI" --help > /dev/full 2> "$T/err" && fail "--help > /dev/full: exit 0"
grep -q '无法写入标准输出' "$T/err" || fail "--help > /dev/full: $(cat "$T/err")"
echo "ok"
