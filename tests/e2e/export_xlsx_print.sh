#!/bin/sh
# export_xlsx_print.sh - the 附件4 workbook prints as the source's tables are
# printed: converted to PDF by LibreOffice, every page is A4 landscape, holds
# all 19 columns (one page wide), repeats the header row and carries the
# table's title as page header.  Skipped (with a note) where LibreOffice is
# not installed (exit 77, counted as skipped); tests/unit/test_export.c
# checks the page setup XML always.
set -u
: "${CAIJI:?}"
command -v libreoffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || {
	echo "SKIP: libreoffice or pdftotext not installed (make check installs them)"; exit 77; }
T=$(mktemp -d /tmp/caiji-e2e-print.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export CAIJI_TODAY=2026-06-30
cd "$T" || exit 1
"$CAIJI" -d db gen --members 300 --seed 7 >/dev/null 2>&1 || fail "gen"
mkdir out pdf
"$CAIJI" -d db export --seq 1 --filler 张三 -o out --format xlsx --draft >log 2>&1 ||
	{ cat log; fail "export"; }
X=$(ls out/*/*党员基本信息汇总表.xlsx) || fail "no 附件4 workbook"
title=$(basename "$X" .xlsx)
HOME="$T" timeout 180 libreoffice --headless --convert-to pdf --outdir pdf "$X" >lo.log 2>&1 ||
	{ cat lo.log; fail "libreoffice conversion"; }
P=$(ls pdf/*.pdf) || { cat lo.log; fail "no PDF"; }
pdfinfo "$P" > info
grep -q "^Page size: *841.* x 595.* (A4)" info || { cat info; fail "not A4 landscape"; }
pages=$(sed -n 's/^Pages: *//p' info)
[ "$pages" -ge 2 ] || fail "300 members on $pages page(s): expected several"
i=1
while [ "$i" -le "$pages" ]; do
	pdftotext -f "$i" -l "$i" "$P" page.txt
	tr -d ' \n' < page.txt > flat.txt
	grep -qF "$title" flat.txt || fail "page $i: no title header"
	for h in 序号 姓名 公民身份证号 所在党支部 家庭住址 党籍状态 是否为流动党员 外出流向; do
		grep -qF "$h" flat.txt || fail "page $i: column $h missing (not one page wide or no repeated header)"
	done
	grep -qF "第${i}页,共${pages}页" flat.txt || fail "page $i: no page number footer"
	i=$((i + 1))
done
echo "PASS ($pages pages, A4 landscape, header and title on each)"
