#!/bin/sh
# cli_missing_db.sh - commands that only read (check, export, stats) refuse
# a database directory that does not exist, with one Chinese line and exit
# status 1, and create nothing (they used to create an empty database).
. "$TOP/tests/e2e/lib.sh"
T=$(mktemp -d /tmp/caiji-e2e-missing.XXXXXX) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
unset CAIJI_DB XDG_DATA_HOME CAIJI_SHARED

for cmd in "check" "stats" "export --seq 1 --filler 张三 -o $T"; do
	# shellcheck disable=SC2086
	"$CAIJI" $cmd -d "$T/none" > "$T/out" 2> "$T/err"
	rc=$?
	[ $rc -eq 1 ] || fail "$cmd: exit $rc"
	[ "$(wc -l < "$T/err")" -eq 1 ] || fail "$cmd: stderr not one line: $(cat "$T/err")"
	grep -q '数据库 .* 不存在' "$T/err" || fail "$cmd: message: $(cat "$T/err")"
	[ ! -e "$T/none" ] || fail "$cmd created $T/none"
done

# An existing database still works (stats on the demo).
"$CAIJI" demo -d "$T/db" > /dev/null 2>&1 || fail "demo"
"$CAIJI" stats -d "$T/db" > "$T/out" 2>&1 || fail "stats on demo: $(cat "$T/out")"
grep -q '合计' "$T/out" || fail "stats output: $(cat "$T/out")"

# A database the user may not read says so, not 不存在 (as root: run as nobody).
# Without check-stress's libfaketime: nobody cannot use root's /dev/shm
# semaphore for it (see sec_shared.sh), and the clock is not what is tested.
as_other() { if [ "$(id -u)" -eq 0 ]; then env -u LD_PRELOAD -u FAKETIME_SHARED setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; else "$@"; fi; }
chmod 755 "$T"
chmod 700 "$T/db"
[ "$(id -u)" -eq 0 ] || chmod 000 "$T/db"
for cmd in "check" "stats"; do
	# shellcheck disable=SC2086
	as_other "$CAIJI" $cmd -d "$T/db" > "$T/out" 2> "$T/err"
	rc=$?
	[ $rc -eq 1 ] || fail "$cmd on an unreadable database: exit $rc"
	grep -q '没有权限读取数据库' "$T/err" || fail "$cmd: message: $(cat "$T/err")"
	grep -q '不存在' "$T/err" && fail "$cmd: says 不存在: $(cat "$T/err")"
done
chmod 700 "$T/db"
echo ok
