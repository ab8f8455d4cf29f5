#!/bin/sh
# print_maxlen.sh - a member whose values are at their maximum length (an
# 85-character branch name, a 21-character 姓名 with the middle dot, an
# 85-character 家庭住址, the longest 外出流向, a 170-character 备注 typed in
# the TUI) prints on one page with every value whole and every word inside
# its own column (pdftotext -bbox), no two words overlapping; the same for
# the branch's 附件1.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/print-lib.inc"
t_init printmax
export CAIJI_TODAY=2026-06-01

# chars TEXT: number of characters
chars() { printf '%s' "$1" | LC_ALL=C.UTF-8 wc -m; }
bytes() { printf '%s' "$1" | wc -c; }
# rep TEXT N: TEXT N times
rep() { _r=; _i=0; while [ $_i -lt "$2" ]; do _r=$_r$1; _i=$((_i + 1)); done; printf '%s' "$_r"; }

B="中共$(rep 新疆维吾尔自治区伊犁哈萨克自治州霍尔果斯市经济开发区 3)某某党支部"
NAME="阿依古丽·买买提$(rep 娜 13)"
ADDR="$(rep 新疆维吾尔自治区伊犁哈萨克自治州霍尔果斯市经济开发区 3)东友谊路十八号"
FLOW=甘肃省临夏回族自治州积石山保安族东乡族撒拉族自治县
NOTE="$(rep 该党员长期在外务工由其配偶代为填写并经电话确认 7)情况属实特此说明。"
[ "$(chars "$B")" = 85 ] && [ "$(bytes "$B")" = 255 ] || t_fail "branch name: $(chars "$B")"
[ "$(chars "$NAME")" = 21 ] && [ "$(bytes "$NAME")" = 62 ] || t_fail "name: $(bytes "$NAME")"
[ "$(chars "$ADDR")" = 85 ] && [ "$(bytes "$ADDR")" = 255 ] || t_fail "address: $(chars "$ADDR")"
[ "$(chars "$NOTE")" = 170 ] && [ "$(bytes "$NOTE")" = 510 ] || t_fail "note: $(chars "$NOTE")"
ID=110108199508080084

t_start
t_wait "组织树"
# t_new_branch, but the tree shows the long name shortened
t_keys n
t_wait "党统人数"
t_type "$B"; t_keys Tab
t_type "张书记"; t_keys Tab
t_type "李联系"; t_keys Tab
t_type "13800138000"
t_type "dzb"                             # whole initials: moves on
t_type "ysj"; t_keys Enter
t_keys F2
t_wait "已保存"
t_keys Escape
t_wait "某某党支部"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
cat > "$T_DIR/roster.csv" <<CSV
"公民身份证号","姓名","民族","学历","人员类别","加入党组织日期","转为正式党员日期","工作岗位","联系电话","家庭住址","党籍状态","是否为失联党员","失去联系日期","是否为流动党员","外出流向"
"$ID","$NAME","哈萨克族","大学","正式党员","2019-03-01","2020-03-01","公务员","13812345678","$ADDR","正常","是","2025-01-01","是","$FLOW"
CSV
"$CAIJI" -d "$DB" import --branch "$B" "$T_DIR/roster.csv" > "$T_DIR/imp.out" 2>&1 ||
	{ cat "$T_DIR/imp.out"; t_fail "roster import"; }

# the 170-character 备注 and 确认方式 他人代填, typed in the member form
t_start
t_wait "组织树"
t_keys Enter
t_wait "阿依古丽"
t_keys Enter
t_wait "公民身份证号"
# Tab until the cursor's line shows LABEL
to_field() {
	_n=0
	until t_screen | sed -n "$(($($T display -p -t "$T_PANE" '#{cursor_y}') + 1))p" |
	    grep -qF "$1"; do
		[ $_n -gt 30 ] && t_fail "no field $1"
		t_keys Tab; _n=$((_n + 1))
		sleep 0.05
	done
}
to_field 确认方式
t_keys C-u
t_type "trdt"                            # whole initials: on to 备注
to_field 备注
t_keys C-u
t_type "$NOTE"
t_keys F2
# Each warning to confirm is answered once: after a y, the next look waits
# for the screen to change (a slow build has not yet redrawn, and a second
# y would be typed into 备注).
_saved_or_asks() { t_screen | grep -qE "已保存|请确认提醒"; }
_changed() { [ "$(t_screen)" != "$1" ]; }
_n=0
while :; do
	t_until "neither saved nor asked" _saved_or_asks
	t_settle
	t_screen | grep -qF "已保存" && break
	[ $_n -lt 10 ] || t_fail "not saved after $_n confirmations"
	_before=$(t_screen)
	t_keys y; _n=$((_n + 1))
	t_until "y changed nothing" _changed "$_before"
done
t_keys Escape
t_wait "党员名单"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"

P=$T_DIR/max.pdf
"$CAIJI" -d "$DB" print --member "$ID" -o "$P" > "$T_DIR/p.out" 2>&1 ||
	{ cat "$T_DIR/p.out"; t_fail "print --member"; }
[ "$(pdfinfo "$P" | awk '/^Pages:/ {print $2}')" = 1 ] || t_fail "not one page"
vals=$(p_column "$P" 1 "$P_X2" "$P_X3")
p_in_order "$vals" "$NAME" 女 哈萨克族 "$ID" 1995-08-08 大学 正式党员 "$B" 2019-03-01 \
    2020-03-01 公务员 13812345678 "$ADDR" 正常 是 2025-01-01 是 "$FLOW" "$NOTE" ||
	t_fail "values: $vals"
pdftotext "$P" - | grep -q "✓" || t_fail "no tick"

# inside: every word of the grid starts and ends in one column, and no two
# words of the page overlap; the footer is still there
inside() {
	p_words "$1" "$2" | awk -v x0="$P_X0" -v x1="$P_X1" -v x2="$P_X2" -v x3="$P_X3" '
	{ n++; a[n] = $1; b[n] = $2; c[n] = $3; d[n] = $4; w[n] = $5 }
	$5 == "序号" && top == "" { top = $2 }
	$5 ~ /^(确认方式：|党组织书记签字：|注：|打印日期：)/ && (bot == "" || $2 < bot) { bot = $2 }
	END {
		if (top == "" || bot == "") { print "no grid"; exit 1 }
		e = 0.5
		for (i = 1; i <= n; i++) {
			if (a[i] < 0 || c[i] > 595.3 || d[i] > 841.9) { print "off the page: " w[i]; exit 1 }
			if (b[i] < top || b[i] >= bot) continue
			if (a[i] >= x0 && a[i] < x1) hi = x1
			else if (a[i] >= x1 && a[i] < x2) hi = x2
			else if (a[i] >= x2 && a[i] < x3) hi = x3
			else { print "outside the grid: " w[i] " at " a[i]; exit 1 }
			if (c[i] > hi + e) { print "over its cell: " w[i] " ends at " c[i] " > " hi; exit 1 }
		}
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
			if (w[i] != "✓" && w[j] != "✓" && a[i] < c[j] - e && a[j] < c[i] - e &&
			    b[i] < d[j] - e && b[j] < d[i] - e) {
				print "overlap: " w[i] " / " w[j]; exit 1
			}
	}'
}
inside "$P" 1 || t_fail "member page"
p_words "$P" 1 | awk '{ print $5 }' | tr -d '\n' | grep -q "第1页共1页" || t_fail "footer"

# the branch's 附件1 with the 85-character name
"$CAIJI" -d "$DB" print --org "$B" -o "$T_DIR/org.pdf" > "$T_DIR/p.out" 2>&1 ||
	{ cat "$T_DIR/p.out"; t_fail "print --org"; }
p_in_order "$(p_column "$T_DIR/org.pdf" 1 "$P_X2" "$P_X3")" "$B" 张书记 李联系 ||
	t_fail "附件1 values"
inside "$T_DIR/org.pdf" 1 || t_fail "附件1 page"
mkdir -p "$TOP/build/print"
pdftoppm -r 100 -f 1 -l 1 -png "$P" "$TOP/build/print/maxlen-page1" || t_fail "pdftoppm"
echo "print_maxlen: ok"
