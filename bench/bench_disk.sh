#!/bin/sh
# bench_disk.sh - the disk a database of N generated members takes (issue
# 15): `caiji gen --seed 1` (CAIJI_TODAY pinned), the whole data file as
# allocated (`du -B1 data.mdb`, the audit trail and every index included:
# the clerk's disk holds all of it) and the pages in use by each named
# database (`mdb_stat -a -e -f`), against sqlite3 holding gen's CSV with the
# same three indexes (unique 公民身份证号, 姓名, branch order; the peer of
# bench_store.sh).  Goal: the caiji file at most 1.0x the sqlite3 file.
# Env: CAIJI, WORK, N, OUT (see bench/run.sh).  The notes below the line
# NOTES in an existing OUT are kept (the table above it is regenerated).
set -eu
: "${CAIJI:?}" "${WORK:?}" "${N:?}" "${OUT:?}"
command -v sqlite3 >/dev/null || { echo "bench_disk: sqlite3 missing (make bench installs it)" >&2; exit 1; }
command -v mdb_stat >/dev/null || { echo "bench_disk: mdb_stat missing (lmdb-utils)" >&2; exit 1; }
NOTES='<!-- notes: kept by bench_disk.sh when it rewrites the table above -->'
mkdir -p "$WORK"
cd "$WORK"
rm -rf db gen.csv m.sqlite
export CAIJI_TODAY=2025-06-30
SEED=1

"$CAIJI" gen -d db --members "$N" --seed $SEED --csv gen.csv >/dev/null 2>gen.err ||
    { cat gen.err >&2; exit 1; }
cols='"序号" INTEGER, "姓名" TEXT, "性别" TEXT, "民族" TEXT, "公民身份证号" TEXT NOT NULL,
 "出生日期" TEXT, "学历" TEXT, "人员类别" TEXT, "所在党支部" TEXT, "加入党组织日期" TEXT,
 "转为正式党员日期" TEXT, "工作岗位" TEXT, "联系电话" TEXT, "家庭住址" TEXT, "党籍状态" TEXT,
 "是否为失联党员" TEXT, "失去联系日期" TEXT, "是否为流动党员" TEXT, "外出流向" TEXT'
sqlite3 m.sqlite "CREATE TABLE m($cols); CREATE UNIQUE INDEX m_idcard ON m(\"公民身份证号\");
    CREATE INDEX m_name ON m(\"姓名\"); CREATE INDEX m_branch ON m(\"所在党支部\", \"序号\");"
sqlite3 m.sqlite "BEGIN;" ".import --csv --skip 1 gen.csv m" "COMMIT;"

n_caiji=$(mdb_stat -s members db | sed -n 's/^ *Entries: //p')
n_sql=$(sqlite3 m.sqlite 'SELECT count(*) FROM m')
for n in "$n_caiji" "$n_sql"; do
	[ "$n" = "$N" ] || { echo "bench_disk: expected $N rows, got $n" >&2; exit 1; }
done

file=$(du -B1 db/data.mdb | cut -f1)
sql=$(du -B1 m.sqlite | cut -f1)
# pages per named database (branch + leaf + overflow), the main DB's,
# the free list's, the last page used: "name pages" lines
mdb_stat -a -e -f db | awk '
	/Page size:/ { psz = $3 }
	/Number of pages used:/ { used = $5 }
	/^Freelist Status/ { db = "" }
	/Free pages:/ { free = $3 }
	/^Status of / { db = $3; if (db == "Main") db = "(main)" }
	db != "" && /Branch pages:|Leaf pages:|Overflow pages:/ { p[db] += $3 }
	END {
		print "pagesize", psz; print "used", used; print "free", free
		for (d in p) print "db", d, p[d]
	}' > pages.txt
psz=$(awk '$1 == "pagesize" { print $2 }' pages.txt)
used=$(awk '$1 == "used" { print $2 }' pages.txt)
free=$(awk '$1 == "free" { print $2 + 0 }' pages.txt)
audit=$(awk '$1 == "db" && $2 == "audit" { print $3 + 0 }' pages.txt)

mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
inuse=$(( (used - free) * psz ))
noaudit=$(( inuse - ${audit:-0} * psz ))
met=$(awk -v a="$file" -v b="$sql" 'BEGIN { print (a <= b) ? "met" : "not met" }')

old=""
[ -f "$OUT" ] && old=$(sed -n "/^$NOTES\$/,\$p" "$OUT" | sed 1d)
{
	echo "## disk: a database of $N generated members"
	echo
	echo "\`caiji gen --members $N --seed $SEED\` (CAIJI_TODAY=$CAIJI_TODAY) against sqlite3"
	echo "$(sqlite3 --version | cut -d' ' -f1) holding gen's CSV (\`.import --csv\`) with the same three indexes"
	echo "(unique 公民身份证号, 姓名, branch order).  File: \`du -B1\` (allocated bytes).  In use:"
	echo "LMDB pages less the free list (\`mdb_stat -e -f\`).  The goal (issue 15) counts the whole"
	echo "caiji file, the audit trail included (sqlite3 keeps none): **≤ 1.0x, $met**."
	echo
	echo "| database | file (MiB) | in use (MiB) | ratio to sqlite3 (file / in use) |"
	echo "|---|---:|---:|---:|"
	echo "| caiji | $(mib "$file") | $(mib "$inuse") | $(ratio "$file" "$sql") / $(ratio "$inuse" "$sql") |"
	echo "| caiji less its audit trail | - | $(mib "$noaudit") | - / $(ratio "$noaudit" "$sql") |"
	echo "| sqlite3, three indexes | $(mib "$sql") | $(mib "$sql") | 1 |"
	echo
	echo "In use by named database ($psz-byte pages):"
	echo
	echo "| table | pages | MiB |"
	echo "|---|---:|---:|"
	awk -v psz="$psz" '$1 == "db" { printf "%d %s\n", $3, $2 }' pages.txt | sort -rn |
	    awk -v psz="$psz" '{ printf "| %s | %d | %.1f |\n", $2, $1, $1 * psz / 1048576 }'
	echo "| (free pages) | $free | $(mib $(( free * psz ))) |"
	echo
	echo "$NOTES"
	[ -n "$old" ] && echo "$old"
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
rm -rf db gen.csv m.sqlite pages.txt gen.err
