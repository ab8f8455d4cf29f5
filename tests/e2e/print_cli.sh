#!/bin/sh
# print_cli.sh - caiji print on the demo database: every value of every
# member of a branch on its page in item order (pdftotext -bbox, from the
# branch's own 附件4 export), the labels and item numbers verbatim, header,
# footer and print date, 确认方式 ticked, the CJK face embedded (pdffonts)
# and required (refused without it),
# the joint branch's 附页, the committee's page count, blank forms, bad usage.
# Page 1 of the branch is rendered to build/print/ (pdftoppm) for a look.
set -u
: "${CAIJI:?}" "${TOP:?}"
. "$TOP/tests/e2e/print-lib.inc"
T=$(mktemp -d /tmp/caiji-e2e-print.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export CAIJI_TODAY=2026-06-01
cd "$T" || exit 1
"$CAIJI" -d db demo >/dev/null 2>&1 || fail "demo"
B=中共某某市示范科技有限公司第一党支部
J=中共某某市示范物业服务有限公司联合党支部

# ---- a branch: one page per member, in list order ----
"$CAIJI" -d db print --branch "$B" -o b.pdf > out 2>&1 || { cat out; fail "print --branch"; }
grep -q "^已生成: b.pdf" out || { cat out; fail "message"; }
[ "$(stat -c %a b.pdf)" = 600 ] || fail "mode of the PDF"
pages=$(pdfinfo b.pdf | awk '/^Pages:/ {print $2}')
mkdir x
"$CAIJI" -d db export --branch "$B" -o x --draft --format csv >/dev/null 2>&1 || fail "export"
# the 附件4 rows: BOM, text TABs and quotes off; no demo value holds a comma
sed '1s/^\xef\xbb\xbf//; s/"//g' x/*.csv | tr -d '\t\r' | sed 1d > rows
[ "$pages" = "$(wc -l < rows)" ] || fail "pages $pages, members $(wc -l < rows)"
grep -q "共 $pages 页,党员基本信息采集表 $pages 份" out || { cat out; fail "count line"; }

# the fonts: only Noto Serif CJK SC, embedded and subset
pdffonts b.pdf | sed 1,2d > fonts
[ -s fonts ] || fail "no fonts"
awk '$1 !~ /\+NotoSerifCJKsc-(Regular|Bold)$/ { print; bad = 1 } END { exit bad }' fonts ||
	fail "a font other than Noto Serif CJK SC"
awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") bad = 1 } END { exit bad }' fonts ||
	{ cat fonts; fail "a font not embedded as a subset"; }

LABELS="姓名 性别 民族 公民身份证号 出生日期 学历 人员类别 所在党支部 加入党组织日期
转为正式党员日期 工作岗位 联系电话 家庭住址 党籍状态 是否为失联党员 失去联系日期
是否为流动党员 外出流向 备注"
k=0
while IFS=, read -r seq v1 v2 v3 v4 v5 v6 v7 v8 v9 v10 v11 v12 v13 v14 v15 v15b v16 v16b; do
	k=$((k + 1))
	[ "$seq" = "$k" ] || fail "row $k: 序号 $seq"
	vals=$(p_column b.pdf $k "$P_X2" "$P_X3")
	p_in_order "$vals" "$v1" "$v2" "$v3" "$v4" "$v5" "$v6" "$v7" "$v8" "$v9" \
	    "$v10" "$v11" "$v12" "$v13" "$v14" "$v15" "$v15b" "$v16" "$v16b" ||
		fail "page $k: values not in item order: $vals"
	labels=$(p_column b.pdf $k "$P_X1" "$P_X2")
	# shellcheck disable=SC2086
	p_in_order "$labels" 项目 $LABELS || fail "page $k: labels: $labels"
	nums=$(p_column b.pdf $k "$P_X0" "$P_X1")
	[ "$nums" = "序号12345678910111213141516" ] || fail "page $k: item numbers: $nums"
	all=$(p_words b.pdf $k | awk '{ print $5 }' | tr -d '\n')
	for w in 党员基本信息采集表 附件2 "$B" "打印日期：2026-06-01" 第${k}页共${pages}页 \
	    党员签字： 代填人或信息采集员签字： 党支部书记签字： 确认方式：; do
		case "$all" in *"$w"*) ;; *) fail "page $k: no $w" ;; esac
	done
done < rows
[ "$k" -gt 1 ] || fail "no rows"

# 确认方式: exactly one tick, on the box of the stored way (first member:
# the demo's 本人签字), i.e. left of that label and right of the one before
p_words b.pdf 1 > w1
[ "$(grep -c ' ✓$' w1)" = 1 ] || fail "not one tick"
tick=$(awk '$5 == "✓" { print $1 }' w1)
lab=$(awk '$5 ~ /本人签字$/ { print $1 }' w1 | head -n 1)
awk -v t="$tick" -v l="$lab" 'BEGIN { exit !(t >= l - 14 && t <= l + 4) }' ||
	fail "tick at $tick, 本人签字 at $lab"

# page 1 as a picture, kept for a look
mkdir -p "$TOP/build/print"
pdftoppm -r 100 -f 1 -l 1 -png b.pdf "$TOP/build/print/branch-page1" || fail "pdftoppm"
[ "$(stat -c %s "$TOP/build/print/branch-page1-1.png")" -gt 20000 ] || fail "PNG too small"

# ---- the joint branch: its form and a 附页 for the second unit ----
"$CAIJI" -d db print --org "$J" -o j.pdf >out 2>&1 || { cat out; fail "print --org"; }
[ "$(pdfinfo j.pdf | awk '/^Pages:/ {print $2}')" = 2 ] || fail "joint branch pages"
p1=$(p_words j.pdf 1 | awk '{ print $5 }' | tr -d '\n')
p2=$(p_words j.pdf 2 | awk '{ print $5 }' | tr -d '\n')
case "$p1" in *党组织和所在单位基本信息采集表*党组织书记签字：*（党组织盖章）*) ;;
	*) fail "附件1 page: $p1" ;; esac
case "$p2" in *党组织和所在单位基本信息采集表附页*第2个单位，共2个*"$J"*) ;;
	*) fail "附页: $p2" ;; esac
labels=$(p_column j.pdf 1 "$P_X1" "$P_X2")
p_in_order "$labels" 党组织名称 党组织书记 党组织联系人 联系电话 组织类别 \
    党组织所在单位情况 单位名称 单位类别 单位建立党组织情况 党组织所在单位代码 ||
	fail "附件1 labels: $labels"
[ "$(p_column j.pdf 1 "$P_X0" "$P_X1")" = 序号12345678910 ] || fail "附件1 numbers"

# ---- the whole committee: 7 附件1 (+1 附页) and every member ----
"$CAIJI" -d db print --committee -o c.pdf >out 2>&1 || { cat out; fail "print --committee"; }
n=$("$CAIJI" -d db stats 2>/dev/null | sed -n 's/.*党员[^0-9]*\([0-9][0-9]*\) *名.*/\1/p' | head -n 1)
cp=$(pdfinfo c.pdf | awk '/^Pages:/ {print $2}')
grep -q "共 $cp 页,党组织和所在单位基本信息采集表 7 份,党员基本信息采集表" out ||
	{ cat out; fail "committee count line"; }
m=$(sed -n 's/.*党员基本信息采集表 \([0-9]*\) 份.*/\1/p' out)
[ "$cp" = $((8 + m)) ] || fail "committee pages $cp, members $m"
[ -z "$n" ] || [ "$n" = "$m" ] || fail "members $m, stats $n"

# ---- blank forms ----
"$CAIJI" -d db print --blank member -o bm.pdf >out 2>&1 || { cat out; fail "blank member"; }
# the text without blanks (spaces, ideographic spaces, word joiners)
flat() { pdftotext -layout "$1" - | tr -d ' \n' | sed 's/　//g; s/\xe2\x81\xa0//g'; }
t=$(flat bm.pdf)
for w in □男 □女 □正式党员 □预备党员 □正常 □停止党籍 □是 □否 □本人签字 □微信确认; do
	case "$t" in *"$w"*) ;; *) fail "blank member: no $w" ;; esac
done
"$CAIJI" -d db print --blank member --branch "$B" -o bmb.pdf >/dev/null 2>&1 || fail "blank member --branch"
flat bmb.pdf | grep -q "所在党支部$B" || fail "blank member: item 8 not filled"
"$CAIJI" -d db print --blank org -o bo.pdf >/dev/null 2>&1 || fail "blank org"
[ "$(pdfinfo bo.pdf | awk '/^Pages:/ {print $2}')" = 2 ] || fail "blank org pages"
flat bo.pdf | grep -q "□与上级党组织相同□法人单位□联合党支部" ||
	fail "blank org: 党组织所在单位情况 boxes"
flat bo.pdf | grep -q "□建立联合党支部的" || fail "blank org: 单位建立党组织情况 boxes"
flat bo.pdf | grep -q "未建立党组织" && fail "blank org: 未建立党组织 offered"

# ---- a member by ID number (a lower-case x is taken as X), default name ----
id=$(cut -d, -f5 rows | head -n 1)
name=$(cut -d, -f2 rows | head -n 1)
"$CAIJI" -d db print --member "$(echo "$id" | tr X x)" >out 2>&1 || { cat out; fail "print --member"; }
[ -f "${name}-${id}党员基本信息采集表.pdf" ] || { ls; fail "default file name"; }

# ---- refusals: nothing written ----
"$CAIJI" -d db print >out 2>&1; [ $? = 2 ] || fail "no argument: exit"
"$CAIJI" -d db print --branch "$B" --org "$J" >out 2>&1; [ $? = 2 ] || fail "two kinds: exit"
"$CAIJI" -d db print --blank x >out 2>&1; [ $? = 2 ] || fail "--blank x: exit"
"$CAIJI" -d db print --member 110101199003070012 -o no.pdf >out 2>&1; [ $? = 1 ] ||
	fail "unknown member: exit"
grep -q "找不到公民身份证号为 110101199003070012 的党员" out || { cat out; fail "unknown member message"; }
"$CAIJI" -d db print --branch 中共某某市示范科技有限公司委员会 -o no.pdf >out 2>&1; [ $? = 1 ] ||
	fail "a committee as a branch: exit"
grep -q "不是党支部" out || { cat out; fail "not a branch message"; }
"$CAIJI" -d db print --org "$J" -o nodir/j.pdf >out 2>&1; [ $? = 1 ] || fail "missing directory: exit"
[ ! -e no.pdf ] || fail "a refused print left a file"
# without the form face (fontconfig sees no fonts): refused, not printed in another face
cat > nofonts.conf <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/nonexistent</dir><cachedir>fc-cache</cachedir></fontconfig>
XML
FONTCONFIG_FILE=$PWD/nofonts.conf "$CAIJI" -d db print --blank member -o nf.pdf >out 2>&1
[ $? = 1 ] || { cat out; fail "no font: exit"; }
grep -q "没有找到字体 Noto Serif CJK SC" out || { cat out; fail "no font: message"; }
[ ! -e nf.pdf ] || fail "no font: a file was written"
ls -A | grep -q '^\.caiji-' && fail "a temporary was left"
echo "print_cli: ok"
exit 0
