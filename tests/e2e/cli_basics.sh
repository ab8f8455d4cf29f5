#!/bin/sh
# cli_basics.sh - the real binary: demo and gen databases (checked with
# mdb_stat), --help/--version, a bad -d path, file modes, CAIJI_DB and the
# default $XDG_DATA_HOME/caiji location.
. "$TOP/tests/e2e/lib.sh"
T=$(mktemp -d /tmp/caiji-e2e-cli.XXXXXX) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
unset CAIJI_DB XDG_DATA_HOME CAIJI_SHARED
entries() { mdb_stat -s "$2" "$1" | sed -n 's/^ *Entries: //p'; }

# --version, --help
"$CAIJI" --version > "$T/out" 2>&1 || fail "--version exit"
grep -q '^caiji [0-9]' "$T/out" || fail "--version output: $(cat "$T/out")"
"$CAIJI" --help > "$T/out" 2>&1 || fail "--help exit"
grep -q 'caiji demo' "$T/out" && grep -q 'caiji gen' "$T/out" || fail "--help lists demo and gen"

# demo: every named database, 7 organisations, 40 members, owner-only files
"$CAIJI" demo -d "$T/db" > "$T/out" 2>&1 || fail "demo: $(cat "$T/out")"
grep -q '演示数据库已建立' "$T/out" || fail "demo message"
mdb_stat -a "$T/db" > "$T/stat" 2>&1 || fail "mdb_stat -a"
for db in meta orgs children units members branch idcard names orgnames; do
	grep -q "^Status of $db\$" "$T/stat" || fail "named database $db missing"
done
[ "$(entries "$T/db" members)" = 40 ] || fail "members: $(entries "$T/db" members)"
[ "$(entries "$T/db" orgs)" = 7 ] || fail "orgs: $(entries "$T/db" orgs)"
[ "$(entries "$T/db" idcard)" = 40 ] || fail "idcard index"
[ "$(entries "$T/db" branch)" = 40 ] || fail "branch order"
[ "$(entries "$T/db" orgnames)" = 7 ] || fail "orgnames index"
[ "$(entries "$T/db" units)" = 3 ] || fail "units: $(entries "$T/db" units)"
[ "$(stat -c %a "$T/db")" = 700 ] || fail "dir mode $(stat -c %a "$T/db")"
[ "$(stat -c %a "$T/db/data.mdb")" = 600 ] || fail "data.mdb mode"
[ "$(stat -c %a "$T/db/lock.mdb")" = 600 ] || fail "lock.mdb mode"
# records are readable in mdb_dump (tag/length/value, strings as UTF-8)
mdb_dump -p -s orgnames "$T/db" | grep -q 'e4\|\\e4' || fail "orgnames dump"

# demo again: refused, one line, nothing added
"$CAIJI" demo -d "$T/db" > "$T/out" 2> "$T/err" && fail "second demo accepted"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "second demo: not one line: $(cat "$T/err")"
grep -q '已有党组织' "$T/err" || fail "second demo message: $(cat "$T/err")"
[ "$(entries "$T/db" members)" = 40 ] || fail "second demo changed the data"

# a bad -d: a file, not a directory
: > "$T/file"
"$CAIJI" demo -d "$T/file" > "$T/out" 2> "$T/err" && fail "demo on a file accepted"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "bad -d: not one line: $(cat "$T/err")"
grep -q '^caiji: .*不是目录' "$T/err" || fail "bad -d message: $(cat "$T/err")"
# ... and a directory that cannot be created
"$CAIJI" gen --members 5 -d "$T/file/sub" > "$T/out" 2> "$T/err" && fail "gen under a file accepted"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "bad -d (gen): $(cat "$T/err")"
grep -q '^caiji: ' "$T/err" || fail "bad -d (gen) message"

# CAIJI_DB
CAIJI_DB="$T/envdb" "$CAIJI" demo > "$T/out" 2>&1 || fail "CAIJI_DB demo: $(cat "$T/out")"
[ -f "$T/envdb/data.mdb" ] || fail "CAIJI_DB not honoured"
# -d wins over CAIJI_DB
CAIJI_DB="$T/envdb" "$CAIJI" gen --members 120 -d "$T/gendb" > "$T/out" 2>&1 || fail "gen: $(cat "$T/out")"
[ "$(entries "$T/gendb" members)" = 120 ] || fail "gen members"
[ "$(entries "$T/envdb" members)" = 40 ] || fail "-d did not win over CAIJI_DB"

# the default location: $XDG_DATA_HOME/caiji
mkdir "$T/xdg"
XDG_DATA_HOME="$T/xdg" HOME="$T/home" "$CAIJI" demo > "$T/out" 2>&1 || fail "XDG demo: $(cat "$T/out")"
[ -f "$T/xdg/caiji/data.mdb" ] || fail "XDG_DATA_HOME/caiji not used"
[ "$(stat -c %a "$T/xdg/caiji/data.mdb")" = 600 ] || fail "XDG data.mdb mode"
# ... else ~/.local/share/caiji
mkdir "$T/home"
HOME="$T/home" "$CAIJI" demo > "$T/out" 2>&1 || fail "HOME demo: $(cat "$T/out")"
[ -f "$T/home/.local/share/caiji/data.mdb" ] || fail "~/.local/share/caiji not used"

# a group-shared server database: CAIJI_SHARED=1 gives 0770 / 0660
CAIJI_SHARED=1 "$CAIJI" demo -d "$T/shared" > "$T/out" 2>&1 || fail "shared demo: $(cat "$T/out")"
[ "$(stat -c %a "$T/shared")" = 770 ] || fail "shared dir mode $(stat -c %a "$T/shared")"
[ "$(stat -c %a "$T/shared/data.mdb")" = 660 ] || fail "shared data.mdb mode"
[ "$(stat -c %a "$T/shared/lock.mdb")" = 660 ] || fail "shared lock.mdb mode"

# gen: CSV of the same rows, owner-only, header of 附件4
"$CAIJI" gen --members 300 --seed 9 --csv "$T/g.csv" -d "$T/gen2" > "$T/out" 2>&1 || fail "gen csv"
[ "$(stat -c %a "$T/g.csv")" = 600 ] || fail "csv mode"
[ "$(wc -l < "$T/g.csv")" -eq 301 ] || fail "csv rows $(wc -l < "$T/g.csv")"
head -n 1 "$T/g.csv" | grep -q '"序号","姓名","性别","民族","公民身份证号"' || fail "csv header"
# --csv-only: the same rows, no database
"$CAIJI" gen --members 300 --seed 9 --csv "$T/o.csv" --csv-only -d "$T/nodb" > "$T/out" 2>&1 || fail "csv-only"
cmp -s "$T/g.csv" "$T/o.csv" || fail "--csv-only rows differ"
[ ! -e "$T/nodb" ] || fail "--csv-only created a database"
"$CAIJI" gen --members 0 -d "$T/gen3" > "$T/out" 2> "$T/err" && fail "gen 0 accepted"
grep -q '正整数' "$T/err" || fail "gen 0 message"
echo "ok"
