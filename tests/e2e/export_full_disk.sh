#!/bin/sh
# export_full_disk.sh - export of 60,000 members (a 19 MiB 党员基本信息汇总表:
# the background fdatasync of the report file runs) onto a small file
# system: with room, the folder is complete and equal to the one written to
# /tmp; without room, a Chinese message, exit status 1, and nothing left
# behind (no folder, no temporary file).  Needs a small tmpfs: mounted as
# root, else in a user namespace (unshare -rm); skipped when neither works.
. "$TOP/tests/e2e/lib.sh"
T=$(mktemp -d /tmp/caiji-e2e-xfull.XXXXXX) || exit 1
mkdir "$T/big" "$T/small" "$T/small2" "$T/ref"
trap 'umount "$T/big" "$T/small" "$T/small2" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
if ! mount -t tmpfs -o size=48m tmpfs "$T/big" 2>/dev/null ||
    ! mount -t tmpfs -o size=12m tmpfs "$T/small" 2>/dev/null ||
    ! mount -t tmpfs -o size=12m tmpfs "$T/small2" 2>/dev/null; then
	umount "$T/big" "$T/small" 2>/dev/null
	if [ "${CAIJI_E2E_NS:-}" != 1 ] && unshare -r -m true 2>/dev/null; then
		rm -rf "$T"
		CAIJI_E2E_NS=1 exec unshare -r -m sh "$0"
	fi
	t_skip "cannot mount a small file system here (neither root nor unshare -rm)"
fi
"$CAIJI" -d "$T/db" gen --members 60000 > /dev/null 2> "$T/err" ||
	fail "gen: $(cat "$T/err")"
ex() { "$CAIJI" -d "$T/db" export --seq 1 --filler 测试 --draft --format csv -o "$1"; }

ex "$T/ref" > /dev/null 2> "$T/err" || fail "export to /tmp: $(cat "$T/err")"
ex "$T/big" > /dev/null 2> "$T/err" || fail "export with room: $(cat "$T/err")"
diff -r "$T/ref" "$T/big" > /dev/null || fail "export on tmpfs differs from /tmp"
sz=$(du -bc "$T"/big/*/*党员基本信息汇总表.csv | tail -1 | cut -f1)
[ "$sz" -gt $((16 * 1048576)) ] || fail "members file only $sz bytes: syncer not exercised"

ex "$T/small" > "$T/out" 2> "$T/err"
rc=$?
[ $rc = 1 ] || fail "export on a full disk: exit $rc, $(cat "$T/err")"
grep -q '磁盘空间不足' "$T/err" || fail "no Chinese message: $(cat "$T/err")"
left=$(ls -A "$T/small")
[ -z "$left" ] || fail "left behind on the full disk: $left"
# the XLSX too: 磁盘空间不足, not libxlsxwriter's "Zip generic error"
"$CAIJI" -d "$T/db" export --seq 1 --filler 测试 --draft --format xlsx -o "$T/small2" > "$T/out" 2> "$T/err"
rc=$?
[ $rc = 1 ] || fail "XLSX export on a full disk: exit $rc, $(cat "$T/err")"
tail -n 1 "$T/err" | grep -q '磁盘空间不足' || fail "XLSX: no Chinese message: $(cat "$T/err")"
left=$(ls -A "$T/small2")
[ -z "$left" ] || fail "XLSX: left behind on the full disk: $left"
exit 0
