#!/bin/sh
# Bad input gets a clear Chinese message, exit status 1, and changes nothing:
# wrong encoding, invalid UTF-8, a BOM in the middle, unbalanced quotes, a 10 MB
# field, an empty file, formulas, an official header in another order,
# duplicate ID numbers, too many columns.
. "$TOP/tests/e2e/import-lib.inc"
db="$T/db"
fixture_db "$db"
s0=$(dbstate "$db")
M="$DATA/$MEMBERS"
B1="中共测试科技有限公司第一党支部"
n=0

bad() { # $1 file, $2 expected message (grep -F)
	echo "== $(basename "$1")"
	"$CAIJI" -d "$db" import "$1" > "$T/out" 2>&1; rc=$?
	[ $rc -eq 1 ] || { cat "$T/out"; fail "$(basename "$1"): exit $rc, expected 1"; }
	grep -qF -- "$2" "$T/out" || { cat "$T/out"; fail "$(basename "$1"): message '$2' missing"; }
	cat "$T/out"
	[ "$s0" = "$(dbstate "$db")" ] || fail "$(basename "$1") changed the database"
	"$CAIJI" -d "$db" import --dry-run "$1" > /dev/null 2>&1 && fail "$(basename "$1"): dry run passed"
	n=$((n + 1))
}
# members file with a new member row appended (valid otherwise)
newrow='"7","孙燕","女","汉族","	110108199508080084","	1995-08-08","大学","正式党员","'$B1'","	2019-03-01","	2020-03-01","非公有经济控制企业专业技术岗位","	13812345678","北京市海淀区中关村大街1号院2号楼301室","正常","否","","否",""'
mk() { cp "$M" "$T/$1"; printf '%s\r\n' "$2" >> "$T/$1"; echo "$T/$1"; }

# UTF-16 (Excel "Unicode text") is neither UTF-8 nor GB18030
printf '\377\376' > "$T/utf16.csv"; tail -c +4 "$M" | iconv -f UTF-8 -t UTF-16LE >> "$T/utf16.csv"
bad "$T/utf16.csv" "文件编码无法识别"
# a workbook, not a CSV
printf 'PK\003\004rest-of-a-zip' > "$T/book.xlsx"
bad "$T/book.xlsx" "不是CSV"
# a stray invalid byte in an otherwise UTF-8 file
f=$(mk invalid.csv "$(printf '%s' "$newrow" | sed 's/孙燕/孙\xff/')")
bad "$f" "既不是有效的UTF-8"
# two exports glued together: the second BOM is in the middle
cat "$M" "$M" > "$T/twice.csv"
bad "$T/twice.csv" "文件中间有BOM"
# an unbalanced quote
f=$(mk quote.csv '"7","孙燕,"女"')
bad "$f" "引号不配对"
# a 10 MB field
{ cat "$M"; printf '"7","'; head -c 10485760 /dev/zero | tr '\0' 'a'; printf '"\r\n'; } > "$T/huge.csv"
bad "$T/huge.csv" "超过4096字节"
# empty, and BOM only
: > "$T/empty.csv"; bad "$T/empty.csv" "文件为空"
printf '\357\273\277' > "$T/bom.csv"; bad "$T/bom.csv" "文件为空"
# a spreadsheet saved with a formula (not the export's '= form)
f=$(mk formula.csv "$(printf '%s' "$newrow" | sed 's/"北京市海淀区中关村大街1号院2号楼301室"/"=A1\&B1"/')")
bad "$f" "像是电子表格公式"
# but the export's neutralised form is data: '=... comes back as =...
f=$(mk neutral.csv "$(printf '%s' "$newrow" | sed 's/"北京市海淀区中关村大街1号院2号楼301室"/"'"'"'=北京市海淀区中关村大街1号"/')")
"$CAIJI" -d "$db" import --dry-run "$f" > "$T/out" 2>&1
grep -q '像是电子表格公式' "$T/out" && fail "the export's neutralised '= form was taken for a formula"
# the official header in another order (an official file name)
sed '1s/"姓名","性别"/"性别","姓名"/' "$M" > "$T/$MEMBERS"
bad "$T/$MEMBERS" "第2列应为「姓名」,实为「性别」"
# the same ID number twice in one file
f=$(mk dup.csv "$(sed -n 2p "$M" | tr -d '\r' | sed 's/"1"/"7"/')")
bad "$f" "与本文件第2行重复"
f=$(mk dup2.csv "$newrow"); printf '%s\r\n' "$(printf '%s' "$newrow" | sed 's/"7"/"8"/')" >> "$f"
bad "$f" "在本文件前面已出现过"
# too many columns
f=$(mk wide.csv "$(printf '"x",%.0s' $(seq 1 70))\"y\"")
bad "$f" "超过64列"
# a value too long for its field is refused, not cut
f=$(mk long.csv "$(printf '%s' "$newrow" | sed "s/孙燕/$(printf '孙%.0s' $(seq 1 30))/")")
bad "$f" "内容过长"
# an unknown branch
f=$(mk nobranch.csv "$(printf '%s' "$newrow" | sed 's/第一党支部/第九党支部/')")
bad "$f" "不在数据库中"
# a check-digit error lists file, row and column
f=$(mk checkdigit.csv "$(printf '%s' "$newrow" | sed 's/110108199508080084/110108199508080081/')")
bad "$f" "第8行: [公民身份证号] 错误"
# every problem of a file is listed, not only the first
cp "$M" "$T/many.csv"; sed -i '2s/"汉族"/"火星族"/; 4s/"汉族"/"水星族"/' "$T/many.csv"
bad "$T/many.csv" "第4行: [民族]"
grep -q '第2行: \[民族\]' "$T/out" || fail "first problem missing"
# an unreadable file
bad "$T/no-such-file.csv" "无法打开文件"
# a NUL inside a cell (it used to cut the address silently), a control character
f=$(mk nul.csv "$(printf '%s' "$newrow" | sed 's/中关村大街/中关村大街@@/')")
perl -pi -e 's/\@\@/\x00/' "$f"
bad "$f" "第8行: [家庭住址] 错误: 含有空字符(NUL"
f=$(mk ctrl.csv "$(printf '%s' "$newrow" | sed 's/中关村大街/中关村大街@@/')")
perl -pi -e 's/\@\@/\x1b/' "$f"
bad "$f" "第8行: [家庭住址] 错误: 含有控制字符(U+001B)"
# a GBK file with one name typed in UTF-8: refused, never stored as 鐜嬭姵
tail -c +4 "$M" | iconv -f UTF-8 -t GB18030 > "$T/mixed.csv"
printf '%s' "$newrow" | sed 's/孙燕/@@/' | iconv -f UTF-8 -t GB18030 | sed 's/@@/王芳/' >> "$T/mixed.csv"
printf '\r\n' >> "$T/mixed.csv"
bad "$T/mixed.csv" "第8行有UTF-8编码的内容,第1行有GB18030(GBK)编码的内容"
# only regular files: a device or a pipe ends at once
mkfifo "$T/fifo.csv"
for f in /dev/zero "$T/fifo.csv"; do
	timeout 10 "$CAIJI" -d "$db" import "$f" > "$T/out" 2>&1; rc=$?
	[ $rc -eq 1 ] || { cat "$T/out"; fail "import $f: exit $rc, expected 1 (124 = hung)"; }
	grep -qF "不是普通文件" "$T/out" || { cat "$T/out"; fail "import $f: message"; }
	cat "$T/out"
	n=$((n + 1))
done
# and the good row itself is fine (so the cases above fail for their reason)
f=$(mk good.csv "$newrow")
"$CAIJI" -d "$db" import --dry-run "$f" > "$T/out" 2>&1 || { cat "$T/out"; fail "the base row is not valid"; }
echo "PASS ($n bad inputs)"
