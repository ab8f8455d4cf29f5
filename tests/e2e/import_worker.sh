#!/bin/sh
# The import's reader thread (the default with two CPUs) and the one-thread
# path (CAIJI_IMPORT_WORKER=0) give the same exit status, the same problems
# (row numbers, columns, order), the same database and the same audit
# entries, on files of several thousand rows (more than the reader's queue
# holds): good, with errors scattered, mixed errors and warnings, an error
# only in the last row, one ID number twice far apart, a quote left open at
# the end, a BOM in the middle (and one cut by the end of a 64 KiB read,
# inside a cell), an update of existing members, and the same file again.
# A file whose only bad row comes after thousands were queued writes
# nothing.
. "$TOP/tests/e2e/import-lib.inc"
N=6000
"$CAIJI" -d "$T/src" gen --members $N --per-branch 300 > /dev/null || fail "gen"
mkdir "$T/out"
"$CAIJI" -d "$T/src" export --seq 1 --filler 测试 -o "$T/out" --draft --format csv > /dev/null 2>&1 ||
	fail "export"
rep=$(ls -d "$T/out"/*/)
M=$(ls "$rep"/*党员基本信息汇总表.csv)
"$CAIJI" -d "$T/base" import "$rep"/*本级*.csv "$rep"/*党支部）*.csv > /dev/null || fail "org import"
last=$((N + 1))

# A copy of the members file with awk's edits ($1: name, the rest: awk program
# on fields split at '","'; the BOM and the first quote stay in $1).
edit() { # $1 file name, $2 awk statements
	awk -v FS='","' -v OFS='","' "{ $2; print }" "$M" > "$T/$1"
	echo "$T/$1"
}
# dbstate without the clock: every record's items walked (LMDB's own
# mdb_dump, hex) and its created_at and changed_at (meta tags 3 and 4)
# dropped: format 1 and 2 items are (tag, u16 length, bytes); format 3
# items are (tag, head, bytes) with the head saying how many bytes follow
# (src/store.c, "format 3").  The audit entries in meta are left out.
dbsame() {
	for _d in meta orgs children units members branch idcard names orgnames; do
		echo "== $_d"
		mdb_dump -s "$_d" "$1" 2>/dev/null | tr -d ' ' | awk '
		function hv(x) { return index("0123456789abcdef", x) - 1 }
		function byte(s, i) { return hv(substr(s, 2 * i + 1, 1)) * 16 + hv(substr(s, 2 * i + 2, 1)) }
		# the bytes of format 3 item head h (at p, its bytes) hold
		function len3(s, h, p) {
			if (h < 128) return h
			if (h < 160) return 1
			if (h < 192) return 2 + byte(s, p + 1)
			if (h < 252 && h % 32 < 28) return int((h % 32 + 1) / 2)
			if (h == 253) return 3
			if (h == 255) return 2 + byte(s, p) + 256 * byte(s, p + 1)
			return -1
		}
		/^HEADER=END$/ { body = 1; k = 0; next }
		!body || /^DATA=END$/ { next }
		k++ % 2 == 0 { key = $0; skip = key ~ /^61756469745f/; if (!skip) print "K" key; next }
		skip { next }
		{
			v = byte($0, 0) + 256 * byte($0, 1); n = length($0) / 2
			if (v < 1 || v > 3 || n < 3) { print "V" $0; next }
			out = substr($0, 1, 4)
			for (i = 2; i < n; i = e) {
				t = byte($0, i)
				if (v < 3) e = i + 3 + byte($0, i + 1) + 256 * byte($0, i + 2)
				else { l = len3($0, byte($0, i + 1), i + 2); if (l < 0) { out = out "?"; break } e = i + 2 + l }
				if (t != 3 && t != 4) out = out substr($0, 2 * i + 1, 2 * (e - i))
			}
			print "V" out
		}'
	done | md5sum
}
# The audit trail without its clock.
auditlog() { "$CAIJI" -d "$1" log 2>&1 | sed 's/[0-9][0-9]:[0-9][0-9]:[0-9][0-9]/T/g'; }

# Import $2 into a copy of database $1 both ways; everything must agree.
# Leaves the two-thread database in $T/db1 and the output in $T/o1.
both() { # $1 database, $2 file
	for w in 0 1; do
		rm -rf "$T/db$w"; cp -r "$1" "$T/db$w"
		CAIJI_IMPORT_WORKER=$w "$CAIJI" -d "$T/db$w" import "$2" > "$T/o$w" 2>&1
		echo $? >> "$T/o$w"
	done
	cmp -s "$T/o0" "$T/o1" || { diff "$T/o0" "$T/o1" | head -20; fail "$(basename "$2"): output differs"; }
	[ "$(dbsame "$T/db0")" = "$(dbsame "$T/db1")" ] || fail "$(basename "$2"): databases differ"
	auditlog "$T/db0" > "$T/a0"; auditlog "$T/db1" > "$T/a1"
	cmp -s "$T/a0" "$T/a1" || { diff "$T/a0" "$T/a1" | head -20; fail "$(basename "$2"): audit differs"; }
	echo "== $(basename "$2"): same ($(grep -c '错误\|警告' "$T/o1") problems, exit $(tail -n 1 "$T/o1"))"
}
expect() { # $1 exit status, $2 text that must be in the output
	[ "$(tail -n 1 "$T/o1")" = "$1" ] || { tail -n 5 "$T/o1"; fail "exit $(tail -n 1 "$T/o1"), expected $1"; }
	[ -z "$2" ] || grep -qF -- "$2" "$T/o1" || { tail -n 5 "$T/o1"; fail "'$2' missing"; }
}
s0=$(dbstate "$T/base")
unchanged() { [ "$(dbstate "$T/db1")" = "$s0" ] || fail "$1: the database changed"; }

both "$T/base" "$M"
expect 0 "新增$N"
cp -r "$T/db1" "$T/full"
# the same file again: every row unchanged
both "$T/full" "$M"
expect 0 "未变$N"
# an update: other phone numbers and addresses for every 7th member
f=$(edit upd.csv 'if (NR > 1 && NR % 7 == 0) $14 = "北京市海淀区中关村大街" NR "号"')
both "$T/full" "$f"
expect 0 "更新$((N / 7))"

# a roster (any column order, no 序号) of the same members, some of them changed
f=$(edit roster.csv '$1 = "\"" $3; $3 = "序号"; if (NR > 1 && NR % 11 == 0) $14 = "新地址" NR')
both "$T/full" "$f"
expect 0 "党员名册"

# errors scattered: bad codes, dates, a formula, a control character, a short row
f=$(edit bad.csv 'if (NR == 3) $3 = "男女"; if (NR == 700) $6 = "\t1991-13-45";
	if (NR == 2500) $2 = "=1+1"; if (NR == 4000) $4 = "火星族";
	if (NR == 4001) $13 = "1\0012"; if (NR == 5000) $0 = "\"1\",\"2\""')
both "$T/base" "$f"
expect 1 "第5000行"
unchanged bad.csv
grep -qF '第3行' "$T/o1" && grep -qF '第4001行' "$T/o1" || fail "bad.csv: a problem is missing"
# mixed: warnings (a birth date other than the ID number's) and errors
f=$(edit mixed.csv 'if (NR % 500 == 0) $6 = "\t1970-01-01"; if (NR == 4321) $5 = "\t110108199508080081"')
both "$T/base" "$f"
expect 1 "第4321行: [公民身份证号] 错误"
# only warnings: stored as drafts
f=$(edit warn.csv 'if (NR % 500 == 0) { $6 = "\t1970-01-01" }')
both "$T/base" "$f"
# the last row alone is wrong, after thousands queued: nothing written
f=$(edit lastrow.csv "if (NR == $last) \$4 = \"水星族\"")
both "$T/base" "$f"
expect 1 "第${last}行: [民族]"
unchanged lastrow.csv
# one ID number twice, far apart
f=$(edit dup.csv "if (NR == 3) id = \$5; if (NR == $((last - 1))) \$5 = id")
both "$T/base" "$f"
expect 1 "第$((last - 1))行: [公民身份证号] 错误: 公民身份证号"
grep -qF "在本文件前面已出现过" "$T/o1" || fail "dup.csv: the repeat is not named"
unchanged dup.csv
# an existing member twice (the second time against the database's)
both "$T/full" "$(edit dup2.csv "if (NR == 3) id = \$5; if (NR == $((last - 1))) \$5 = id")"
expect 1 "与本文件第3行重复"
# a quote left open at the end
cp "$M" "$T/quote.csv"; printf '"7","孙燕,"女\r\n' >> "$T/quote.csv"
both "$T/base" "$T/quote.csv"
expect 1 "引号不配对"
unchanged quote.csv
# two exports glued together: a BOM in the middle
cat "$M" "$M" > "$T/twice.csv"
both "$T/base" "$T/twice.csv"
expect 1 "文件中间有BOM"
unchanged twice.csv
# a BOM cut by the end of the reader's first 64 KiB read, inside a cell: the
# chunk's own check cannot see it, the cell's does (row and column)
sep=$(LC_ALL=C grep -abo '","' "$M" | awk -F: '$1 < 65500 { x = $1 } END { print x + 3 }')
{ head -c "$sep" "$M"; awk -v n=$((65534 - sep)) 'BEGIN { while (n-- > 0) printf "x" }'
  printf '\357\273\277'; tail -c +$((sep + 1)) "$M"; } > "$T/cutbom.csv"
both "$T/base" "$T/cutbom.csv"
expect 1 "错误: 单元格中间有BOM"
unchanged cutbom.csv
# a byte that is neither UTF-8 nor GB18030 (found while the file's SHA-256 is taken)
cp "$M" "$T/invalid.csv"; printf '"7","\377"\r\n' >> "$T/invalid.csv"
both "$T/base" "$T/invalid.csv"
expect 1 "文件编码无法识别"
# a dry run of a good file writes nothing, the same both ways
for w in 0 1; do
	CAIJI_IMPORT_WORKER=$w "$CAIJI" -d "$T/base" import --dry-run "$M" > "$T/d$w" 2>&1 ||
		fail "dry run (worker=$w)"
done
cmp -s "$T/d0" "$T/d1" || fail "dry run output differs"
[ "$(dbstate "$T/base")" = "$s0" ] || fail "the dry run wrote"
echo "PASS import_worker"
