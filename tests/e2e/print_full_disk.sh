#!/bin/sh
# print_full_disk.sh - print --committee of the demo (a 0.7 MiB PDF) onto a
# small file system: with room, the PDF is byte for byte the one written to
# /tmp (same CAIJI_TODAY: the output is reproducible); without room, a
# Chinese message, exit status 1, and nothing left behind (no PDF, no
# temporary).  Needs a small tmpfs: mounted as root, else in a user
# namespace (unshare -rm); skipped when neither works.
. "$TOP/tests/e2e/lib.sh"
T=$(mktemp -d /tmp/caiji-e2e-pfull.XXXXXX) || exit 1
mkdir "$T/big" "$T/small"
trap 'umount "$T/big" "$T/small" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
if ! mount -t tmpfs -o size=4m tmpfs "$T/big" 2>/dev/null ||
    ! mount -t tmpfs -o size=256k tmpfs "$T/small" 2>/dev/null; then
	umount "$T/big" 2>/dev/null
	if [ "${CAIJI_E2E_NS:-}" != 1 ] && unshare -r -m true 2>/dev/null; then
		rm -rf "$T"
		CAIJI_E2E_NS=1 exec unshare -r -m sh "$0"
	fi
	t_skip "cannot mount a small file system here (neither root nor unshare -rm)"
fi
"$CAIJI" -d "$T/db" demo > /dev/null 2> "$T/err" || fail "demo: $(cat "$T/err")"
pr() { "$CAIJI" -d "$T/db" print --committee -o "$1"; }

pr "$T/ref.pdf" > /dev/null 2> "$T/err" || fail "print to /tmp: $(cat "$T/err")"
sz=$(stat -c %s "$T/ref.pdf")
[ "$sz" -gt 300000 ] || fail "the PDF is only $sz bytes: the small disk would not fill"
pr "$T/big/c.pdf" > /dev/null 2> "$T/err" || fail "print with room: $(cat "$T/err")"
cmp -s "$T/ref.pdf" "$T/big/c.pdf" || fail "the PDF on tmpfs differs from /tmp's"

pr "$T/small/c.pdf" > "$T/out" 2> "$T/err"
rc=$?
[ $rc = 1 ] || fail "print on a full disk: exit $rc, $(cat "$T/err")"
grep -q '磁盘空间不足' "$T/err" || fail "no Chinese message: $(cat "$T/err")"
left=$(ls -A "$T/small")
[ -z "$left" ] || fail "left behind on the full disk: $left"
exit 0
