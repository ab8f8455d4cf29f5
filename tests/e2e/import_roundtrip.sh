#!/bin/sh
# export -> import into an empty database -> export gives byte-identical files:
# the fixture report, the demo database and a generated 10,000-member database.
. "$TOP/tests/e2e/import-lib.inc"

# export of DB $1 into $2 (plain, or --draft when records still need work); prints the folder
export_db() {
	mkdir -p "$2"
	if "$CAIJI" -d "$1" export --seq 1 --filler 张三 -o "$2" > "$T/exp.out" 2>&1; then :
	else "$CAIJI" -d "$1" export --seq 1 --filler 张三 -o "$2" --draft > "$T/exp.out" 2>&1 ||
		{ cat "$T/exp.out"; fail "export of $1"; }
	fi
	ls -d "$2"/*/ | head -n 1
}
roundtrip() { # $1 source db, $2 tag
	d1=$(export_db "$1" "$T/$2-out1")
	rm -rf "$T/$2-db2"
	"$CAIJI" -d "$T/$2-db2" import "$d1"/*.csv > "$T/$2-imp.out" 2>&1 ||
		{ tail -n 20 "$T/$2-imp.out"; fail "$2: import of the export"; }
	d2=$(export_db "$T/$2-db2" "$T/$2-out2")
	[ "$(basename "$d1")" = "$(basename "$d2")" ] || fail "$2: folder names differ"
	n=0
	for f in "$d1"/*.csv; do
		cmp "$f" "$d2/$(basename "$f")" || fail "$2: $(basename "$f") differs after the round trip"
		n=$((n + 1))
	done
	[ $n -eq 3 ] || fail "$2: expected 3 CSV files, got $n"
	# and importing the same files again changes nothing
	s1=$(dbstate "$T/$2-db2")
	"$CAIJI" -d "$T/$2-db2" import "$d1"/*.csv > "$T/$2-re.out" 2>&1 || fail "$2: re-import"
	grep -q '新增0,更新0' "$T/$2-re.out" || { cat "$T/$2-re.out"; fail "$2: re-import changed records"; }
	[ "$s1" = "$(dbstate "$T/$2-db2")" ] || fail "$2: re-import changed the database"
	echo "ok: $2 round trip ($(grep -o '合计.*' "$T/$2-imp.out"))"
}

# 1. the fixture: our export of it equals the fixture files themselves
fixture_db "$T/fx"
roundtrip "$T/fx" fixture
d=$(ls -d "$T/fixture-out1"/*/)
for f in "$SELF" "$BRANCHES" "$MEMBERS"; do
	g=$(ls "$d" | grep -F "$f") || fail "missing $f"
	cmp "$d/$g" "$DATA/$f" || fail "export of the imported fixture differs from $f"
done

# 2. GB18030 files come in as the same records
mkdir -p "$T/gb"
for f in "$SELF" "$BRANCHES" "$MEMBERS"; do
	tail -c +4 "$DATA/$f" | iconv -f UTF-8 -t GB18030 > "$T/gb/$f" || fail "iconv"
done
imp 0 -d "$T/gbdb" import "$T/gb/$SELF" "$T/gb/$BRANCHES" "$T/gb/$MEMBERS"
grep -q 'GB18030' "$T/out" || fail "encoding not reported as GB18030"
d=$(export_db "$T/gbdb" "$T/gb-out")
for f in "$SELF" "$BRANCHES" "$MEMBERS"; do
	cmp "$d/$(ls "$d" | grep -F "$f")" "$DATA/$f" || fail "GB18030 import differs: $f"
done
echo "ok: GB18030"

# 3. the demo database
if "$CAIJI" -d "$T/demo" demo > "$T/demo.out" 2>&1; then
	roundtrip "$T/demo" demo
else
	cat "$T/demo.out"; fail "caiji demo failed"
fi

# 4. a generated 10,000-member database
if "$CAIJI" -d "$T/gen" gen 10000 > "$T/gen.out" 2>&1 ||
   "$CAIJI" -d "$T/gen" gen --members 10000 > "$T/gen.out" 2>&1 ||
   "$CAIJI" -d "$T/gen" gen -n 10000 > "$T/gen.out" 2>&1; then
	roundtrip "$T/gen" gen10000
else
	cat "$T/gen.out"; fail "caiji gen failed"
fi
echo PASS
