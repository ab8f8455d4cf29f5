#!/bin/sh
# bench_store.sh - bulk insert of N generated members: caiji gen (LMDB,
# batches of 100,000 and of 10,000 members per write transaction, every
# index maintained) against sqlite3 importing the very same rows (the CSV written by
# `caiji gen --csv`, same seed and date) in one transaction, once with only
# a UNIQUE index on 公民身份证号 and once with the indexes caiji keeps
# (unique 公民身份证号, 姓名, branch order).  Reports records/s, data file
# size and peak RSS.  Environment: CAIJI, WORK, N, OUT (see bench/run.sh).
set -eu
: "${CAIJI:?}" "${WORK:?}" "${N:?}" "${OUT:?}"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench_store: /usr/bin/time missing (make bench installs it)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench_store: sqlite3 missing (make bench installs it)" >&2; exit 1; }
mkdir -p "$WORK"
cd "$WORK"
rm -rf csvdb db db10k gen.csv full.sqlite min.sqlite ./*.time caiji.err
export CAIJI_TODAY=2025-06-30
SEED=1

# The rows, once (not timed): the same generator, written as CSV only.
"$CAIJI" gen -d csvdb --members "$N" --seed $SEED --csv gen.csv --csv-only >/dev/null

# caiji: generation + insert into LMDB, timed (progress lines dropped).
"$TIME" -f '%e %M' -o caiji.time "$CAIJI" gen -d db --members "$N" --seed $SEED \
    --batch 100000 >/dev/null 2>caiji.err || { cat caiji.err >&2; exit 1; }
"$TIME" -f '%e %M' -o caiji10k.time "$CAIJI" gen -d db10k --members "$N" --seed $SEED \
    --batch 10000 >/dev/null 2>caiji.err || { cat caiji.err >&2; exit 1; }

cols='"序号" INTEGER, "姓名" TEXT, "性别" TEXT, "民族" TEXT, "公民身份证号" TEXT NOT NULL,
 "出生日期" TEXT, "学历" TEXT, "人员类别" TEXT, "所在党支部" TEXT, "加入党组织日期" TEXT,
 "转为正式党员日期" TEXT, "工作岗位" TEXT, "联系电话" TEXT, "家庭住址" TEXT, "党籍状态" TEXT,
 "是否为失联党员" TEXT, "失去联系日期" TEXT, "是否为流动党员" TEXT, "外出流向" TEXT'
sqlite_run() { # $1 db file, $2 extra index SQL, $3 time file
	sqlite3 "$1" "CREATE TABLE m($cols); CREATE UNIQUE INDEX m_idcard ON m(\"公民身份证号\"); $2"
	"$TIME" -f '%e %M' -o "$3" sqlite3 "$1" \
	    "BEGIN;" ".import --csv --skip 1 gen.csv m" "COMMIT;"
}
sqlite_run min.sqlite "" sqlite_min.time
sqlite_run full.sqlite 'CREATE INDEX m_name ON m("姓名"); CREATE INDEX m_branch ON m("所在党支部", "序号");' sqlite_full.time

# Every row must be there.
n_caiji=$(mdb_stat -s members db | sed -n 's/^ *Entries: //p')
n_caiji10k=$(mdb_stat -s idcard db10k | sed -n 's/^ *Entries: //p')
n_min=$(sqlite3 min.sqlite 'SELECT count(*) FROM m')
n_full=$(sqlite3 full.sqlite 'SELECT count(*) FROM m')
for n in "$n_caiji" "$n_caiji10k" "$n_min" "$n_full"; do
	[ "$n" = "$N" ] || { echo "bench_store: expected $N rows, got $n" >&2; exit 1; }
done

# Bytes of data: LMDB pages in use (gen opens with MDB_WRITEMAP, so
# data.mdb is a sparse file of the map size), a SQLite file's size.
used() {
	if [ -d "$1" ]; then
		mdb_stat -e "$1" | awk '/Page size:/ { p = $3 } /pages used:/ { n = $5 } END { print n * p }'
	else
		stat -c %s "$1"
	fi
}
row() { # label, time file, database (LMDB directory or SQLite file)
	set -- "$1" $(cat "$2") "$(used "$3")"
	awk -v l="$1" -v s="$2" -v kb="$3" -v b="$4" -v n="$N" 'BEGIN {
		if (s < 0.01) s = 0.01
		printf "| %s | %d | %.2f | %.0f | %.1f | %.1f |\n", l, n, s, n / s, b / 1048576, kb / 1024 }'
}
{
	echo "## store: bulk insert of generated members"
	echo
	echo "The same $N rows (\`caiji gen --seed $SEED\`, CAIJI_TODAY=$CAIJI_TODAY). caiji: \`caiji gen\`,"
	echo "which also generates the rows, 100,000 or 10,000 members per LMDB write transaction (each"
	echo "committed with fsync), maintaining the member, 公民身份证号 (unique), 姓名 and branch-order"
	echo "indexes; smaller batches copy the randomly keyed index pages more often (copy-on-write per"
	echo "commit), so they write more."
	echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1): \`.import --csv\` of the CSV in one transaction"
	echo "(BEGIN ... COMMIT, default journal and synchronous=FULL).  caiji's data size is the LMDB"
	echo "pages in use (\`mdb_stat -e\`; gen writes through a writable map, so data.mdb is a sparse"
	echo "file of the map size); its peak RSS counts the pages of that memory-mapped file (shared"
	echo "and reclaimable), not private heap, which stays at a few MiB."
	echo
	echo "| run | records | seconds | records/s | data (MiB) | peak RSS (MiB) |"
	echo "|---|---:|---:|---:|---:|---:|"
	row "caiji gen (LMDB, batches of 100,000: the default)" caiji.time db
	row "caiji gen (LMDB, batches of 10,000)" caiji10k.time db10k
	row "sqlite3 .import, UNIQUE 公民身份证号" sqlite_min.time min.sqlite
	row "sqlite3 .import, UNIQUE 公民身份证号 + 姓名 + branch order" sqlite_full.time full.sqlite
} > "$OUT"
cat "$OUT"
rm -rf csvdb db db10k gen.csv full.sqlite min.sqlite
