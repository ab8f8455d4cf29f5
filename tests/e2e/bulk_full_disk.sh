#!/bin/sh
# bulk_full_disk.sh - a bulk writer (gen, import: STORE_BULK, a writable
# LMDB map over a sparse file) on a full file system: the kernel's SIGBUS
# becomes a Chinese message and exit status 1, and the database still opens
# with nothing of the failed batch in it.  Needs a small tmpfs: mounted as
# root, else in a user namespace (unshare -rm); skipped when neither works.
. "$TOP/tests/e2e/lib.sh"
T=$(mktemp -d /tmp/caiji-e2e-full.XXXXXX) || exit 1
mkdir "$T/small"
trap 'umount "$T/small" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
entries() { mdb_stat -s "$2" "$1" | sed -n 's/^ *Entries: //p'; }
if ! mount -t tmpfs -o size=6m tmpfs "$T/small" 2>/dev/null; then
	if [ "${CAIJI_E2E_NS:-}" != 1 ] && unshare -r -m true 2>/dev/null; then
		rm -rf "$T"
		CAIJI_E2E_NS=1 exec unshare -r -m sh "$0"
	fi
	t_skip "cannot mount a small file system here (neither root nor unshare -rm)"
fi

# 30,000 members in one batch need about 18 MiB: the disk fills mid-batch
"$CAIJI" gen -d "$T/small/db" --members 30000 --batch 100000 > "$T/out" 2> "$T/err"
rc=$?
[ $rc = 1 ] || fail "gen on a full disk: exit $rc, $(cat "$T/err")"
grep -q '磁盘空间不足' "$T/err" || fail "no Chinese message: $(cat "$T/err")"
[ "$(entries "$T/small/db" members)" = 0 ] || fail "members of the failed batch were kept"
n=$(entries "$T/small/db" orgs)
[ "${n:-0}" -gt 0 ] || fail "the committed organisations are gone"
"$CAIJI" stats -d "$T/small/db" > "$T/out" 2>&1 || fail "the database does not open: $(cat "$T/out")"
echo "ok: full disk under a bulk writer"
