#!/bin/sh
# export -> import into an empty database -> export gives byte-identical files:
# the fixture report, the demo database and a generated 10,000-member database.
. "$TOP/tests/e2e/import-lib.inc"

# export of DB $1 into $2 with --draft (records imported with warnings are
# drafts until a person confirms them, see caiji-import); prints the folder
export_db() {
	mkdir -p "$2"
	"$CAIJI" -d "$1" export --seq 1 --filler 张三 -o "$2" --draft --format csv > "$T/exp.out" 2>&1 ||
		{ cat "$T/exp.out"; fail "export of $1"; }
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

# The fixture files carry the ASCII parentheses of the source's web copy
# (import reads both); the export writes the full-width ones (GB/T 15834).
fw() { printf '%s' "$1" | sed 's/(/（/; s/)/）/'; }

# 1. the fixture: our export of it equals the fixture files themselves
fixture_db "$T/fx"
roundtrip "$T/fx" fixture
d=$(ls -d "$T/fixture-out1"/*/)
for f in "$SELF" "$BRANCHES" "$MEMBERS"; do
	g=$(ls "$d" | grep -F "$(fw "$f")") || fail "missing $(fw "$f")"
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
	cmp "$d/$(ls "$d" | grep -F "$(fw "$f")")" "$DATA/$f" || fail "GB18030 import differs: $f"
done
echo "ok: GB18030"

# 3. the demo database.  It holds one error on purpose (a member without
# 家庭住址): the import refuses that file, naming the row.  Filling the cell in
# the exported 附件4 and importing it back into the demo database (an update
# by ID number) repairs it; then the round trip must be exact.
"$CAIJI" -d "$T/demo" demo > "$T/demo.out" 2>&1 || { cat "$T/demo.out"; fail "caiji demo failed"; }
d=$(export_db "$T/demo" "$T/demo-pre")
m=$(ls "$d" | grep 党员基本信息汇总表)
imp 1 -d "$T/scratch" import "$d"/*.csv
grep -q '\[家庭住址\] 错误: 家庭住址:必填' "$T/out" || fail "demo: the missing address is not reported"
mkdir -p "$T/fixed"
awk -F'","' -v OFS='","' 'NR > 1 && $14 == "" { $14 = "北京市海淀区中关村大街1号院2号楼301室" } { print }' \
    "$d/$m" > "$T/fixed/$m"
imp 0 -d "$T/demo" import "$T/fixed/$m"
grep -q '更新1,' "$T/out" || fail "demo: the repair did not update one member"
roundtrip "$T/demo" demo

# 4. a generated 10,000-member database
"$CAIJI" -d "$T/gen" gen --members 10000 > "$T/gen.out" 2>&1 || { cat "$T/gen.out"; fail "caiji gen failed"; }
roundtrip "$T/gen" gen10000
echo PASS
