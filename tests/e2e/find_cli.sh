#!/bin/sh
# caiji find: a whole ID number, a part of one, a phone, a name, pinyin
# initials; each match with its branch; exit 1 when nothing is found; the
# digits search equals a scan of the export (every member's ID and phone).
set -u
: "${CAIJI:?}" "${TOP:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/caiji-e2e-find.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export CAIJI_TODAY=2026-06-01

"$CAIJI" demo -d "$T/db" > /dev/null 2>&1 || fail "demo failed"
"$CAIJI" find -d "$T/db" 林霞岚 > "$T/o" 2> "$T/e" || fail "name not found"
grep -q "^林霞岚	41142219430219648X	18105737417	中共某某市示范科技有限公司第一党支部$" "$T/o" ||
    { cat "$T/o"; fail "name line"; }
grep -q "找到 1 名党员" "$T/e" || fail "count: $(cat "$T/e")"
"$CAIJI" find -d "$T/db" 41142219430219648X > "$T/o" 2>/dev/null || fail "whole ID number"
[ "$(cut -f1 "$T/o")" = 林霞岚 ] || fail "whole ID number: $(cat "$T/o")"
"$CAIJI" find -d "$T/db" lxl > "$T/o" 2>/dev/null || fail "pinyin initials"
grep -q "^林霞岚	" "$T/o" || fail "pinyin initials: $(cat "$T/o")"
"$CAIJI" find -d "$T/db" LX > "$T/o" 2>/dev/null || fail "pinyin initials, upper case"
grep -q "^林霞岚	" "$T/o" || fail "pinyin prefix: $(cat "$T/o")"
"$CAIJI" find -d "$T/db" 87654321 > "$T/o" 2>/dev/null || fail "part of a phone"
grep -q "0571-87654321" "$T/o" || fail "phone: $(cat "$T/o")"

# every digit pair: find's lines equal a scan of the members' ID and phone
mkdir "$T/x"
"$CAIJI" export -d "$T/db" --seq 1 --filler 张三 --format csv --draft -o "$T/x" > /dev/null 2>&1 ||
    fail "export failed"
for q in 1 19 0219 648X 8 555 000; do
	"$CAIJI" find -d "$T/db" "$q" 2>/dev/null | cut -f2,3 | sort > "$T/got"
	# columns of 附件4: 公民身份证号 (TAB-protected) and 联系电话
	python3 - "$T/x" "$q" > "$T/want" <<'PY' || fail "scan"
import csv, glob, sys
rows = []
for f in glob.glob(sys.argv[1] + "/*/*党员基本信息汇总表.csv"):
    r = list(csv.reader(open(f, encoding="utf-8-sig")))
    h = r[0]
    i, p = h.index("公民身份证号"), h.index("联系电话")
    for row in r[1:]:
        idc, ph = row[i].strip("\t"), row[p].strip("\t")
        if sys.argv[2] in idc or sys.argv[2] in ph:
            rows.append(idc + "\t" + ph)
print("\n".join(sorted(rows)))
PY
	[ -s "$T/got" ] || [ "$(cat "$T/want")" = "" ] || fail "$q: nothing found"
	cmp -s "$T/got" "$T/want" || { diff "$T/got" "$T/want" | head; fail "$q differs from a scan"; }
done

"$CAIJI" find -d "$T/db" 99999999999 > "$T/o" 2> "$T/e"; rc=$?
[ $rc -eq 1 ] || fail "nothing found: exit $rc"
grep -q "找到 0 名党员" "$T/e" || fail "nothing found: $(cat "$T/e")"
"$CAIJI" find -d "$T/db" > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "no TEXT: exit $rc"
echo PASS
