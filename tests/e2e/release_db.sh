#!/bin/sh
# The database the last release (d15c0a1) wrote, kept under
# tests/data/release-d15c0a1 (built with `CAIJI_TODAY=2026-06-01 caiji demo`):
# this build opens it, checks it and exports it byte-identically to what the
# release exported from it (recorded alongside), in UTF-8 and GB18030.
set -u
: "${CAIJI:?}" "${TOP:?}"
REL=$TOP/tests/data/release-d15c0a1
T=$(mktemp -d "${TMPDIR:-/tmp}/caiji-e2e-rel.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export CAIJI_TODAY=2026-06-01

mkdir "$T/db" "$T/e1" "$T/e2"
cp "$REL/data.mdb" "$T/db/" && chmod 600 "$T/db/data.mdb"

"$CAIJI" check -d "$T/db" --format csv > "$T/check.csv"; rc=$?
[ $rc -eq 1 ] || fail "check exit $rc, expected 1 (as the release)"
cmp "$REL/check.csv" "$T/check.csv" || fail "check output differs from the release's"

"$CAIJI" export -d "$T/db" --seq 1 --filler 张三 --format csv --draft -o "$T/e1" > "$T/out" 2>&1 ||
    { cat "$T/out"; fail "export failed"; }
"$CAIJI" export -d "$T/db" --seq 1 --filler 张三 --format csv --encoding gb18030 --draft \
    -o "$T/e2" > "$T/out" 2>&1 || { cat "$T/out"; fail "gb18030 export failed"; }
for enc in utf8 gb18030; do
	d=$T/e1; [ $enc = gb18030 ] && d=$T/e2
	n=0
	for f in "$REL/export-$enc"/*.csv; do
		# the release named the files with ASCII parentheses; the
		# contents must be the same under the full-width names
		b=$(basename "$f" | sed 's/(/（/; s/)/）/')
		cmp "$f" "$d"/*/"$b" || fail "$enc $b differs from the release's"
		n=$((n + 1))
	done
	[ $n -eq 3 ] || fail "$enc: $n files recorded, expected 3"
done
echo PASS
