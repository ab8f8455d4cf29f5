#!/bin/sh
# bench_ui.sh - what the entry TUI costs over a slow SSH line, and how many
# keys a clerk presses.  Measured through tmux pipe-pane (every byte the
# program writes to its terminal), compared with dialog(1) --form, the
# classic curses form program, in the same run.
#   bytes written for one character typed into a field, on xterm,
#   xterm-256color, screen, tmux-256color and linux      (goal <= 12)
#   bytes of the first paint of the member form           (goal <= 4 KiB)
#   keys to enter a typical member record vs the characters of its data
# Env: CAIJI, WORK, OUT (see bench/run.sh); BEFORE=BINARY measures an
# older caiji too, in the same run.  N is not used.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
TOP=$top
: "${WORK:=$top/bench/work/ui}"
: "${OUT:=/dev/stdout}"
mkdir -p "$WORK"
. "$top/tests/e2e/lib.sh"
t_init bench
trap 't_cleanup' EXIT

CAP=$T_DIR/cap

# Size of $CAP once the pipe has stopped and the file is quiet.
cap_size() {
	$T pipe-pane -t "$T_PANE"
	_last=-1 _same=0
	while [ $_same -lt 3 ]; do
		_s=$(stat -c %s "$CAP" 2>/dev/null || echo 0)
		if [ "$_s" = "$_last" ]; then _same=$((_same + 1)); else _same=0; fi
		_last=$_s
		sleep 0.02
	done
	echo "$_last"
}

cap_start() {
	: > "$CAP"
	$T pipe-pane -t "$T_PANE" -o "cat >> $CAP"
}

# Bytes per character: type each character of $1 alone, waiting for the screen.
per_char() {
	_chars=$1 _shown="" _total=0 _n=0
	for _c in $(printf '%s' "$_chars" | sed 's/./& /g'); do
		_shown="$_shown$_c"
		cap_start
		t_type "$_c"
		t_wait "$_shown"
		_total=$((_total + $(cap_size)))
		_n=$((_n + 1))
	done
	echo "$_total $_n"
}

TERMS=${UI_TERMS:-xterm xterm-256color screen tmux-256color linux}
for term in $TERMS; do
	infocmp "$term" >/dev/null 2>&1 ||
		{ echo "bench_ui: no terminfo entry for $term (ncurses-base, ncurses-term)"; exit 1; }
done

# ---- caiji, once per terminal type (a database each) ----
# ${P}paint_TERM, ${P}cjk_TERM, ${P}ascii_TERM (bytes) for P=c (CAIJI) or
# b (BEFORE); the keys once (CAIJI, tmux-256color)
caiji_term() { # $1 TERM, $2 prefix, $3 binary
	T_TERM=$1 T_PANE=app DB=$T_DIR/db-$2-$1
	_v=$(echo "$1" | tr -c 'a-z0-9\n' _) _p=$2 _bin=$CAIJI
	CAIJI=$3
	t_start
	t_wait "组织树"
	t_new_branch "中共基准测试支部委员会"
	t_keys Enter
	t_wait "党员名单"
	cap_start
	t_keys n
	t_wait "F4选择"
	t_wait "   备注"
	eval "${_p}_paint_$_v=\$(cap_size)"
	t_settle
	set -- $(per_char "张三丰李四王五赵六钱")
	eval "${_p}_cjk_$_v=\$(($1 / $2))"
	c_cjk_n=$2
	t_keys C-u Tab Tab Tab Tab Tab Tab Tab Tab Tab   # to 家庭住址 (性别, 出生日期 passed)
	t_settle                      # the moves drawn before the first capture
	set -- $(per_char "Room101abc")
	eval "${_p}_ascii_$_v=\$(($1 / $2))"
	c_ascii_n=$2
	t_keys C-u
	t_keys Escape                 # both fields cleared again: nothing to ask
	t_wait "党员名单"
	[ "$T_TERM" = tmux-256color ] && [ "$_p" = c ] && keys_record
	t_keys C-q
	t_exit >/dev/null
	$T kill-session -t app 2>/dev/null
	CAIJI=$_bin
}

# keys for a typical record (counted by this script, every key sent)
keys_record() {
	t_keys n
	t_wait "公民身份证号"
	T_KEYS=0
	t_member_fill "王小明" "11010519491231002X" "hz 1" "北京市海淀区中关村大街1号"
	t_keys F2
	t_wait "已保存 王小明 (完整)"
	c_keys=$T_KEYS
	# the same record heads-down: codes, and 党籍状态 正常 / 失联 否 / 流动 否 kept
	# as prefilled (Enter each) instead of typed
	t_keys Escape
	t_wait "党员名单"
	t_keys n
	t_wait "公民身份证号"
	T_KEYS=0
	t_type "王小红"; t_keys Tab
	t_type "01"; t_keys Tab
	t_type "110105194912310046"; t_wait "身份证号有效"
	t_type "dx"; t_type "1"
	t_type "zsdy"; t_keys Enter
	t_type "20100701"
	t_type "20110701"
	t_type "gwy"; t_keys Enter
	t_type "13912345679"
	t_type "北京市海淀区中关村大街1号"; t_keys Tab
	t_keys Enter Enter Enter
	t_type "1"; t_keys Tab
	t_keys F2
	t_wait "已保存 王小红 (完整)"
	c_keys_dflt=$T_KEYS
}

# ---- dialog --form, the same labels and widths, the same terminal types ----
cat > "$T_DIR/form.sh" <<'FORM'
exec dialog --form "党员基本信息采集表" 0 80 0 \
 "姓名" 1 1 "" 1 24 24 0  "性别" 2 1 "" 2 24 8 0  "民族" 3 1 "" 3 24 20 0 \
 "公民身份证号" 4 1 "" 4 24 18 0  "出生日期" 5 1 "" 5 24 10 0  "学历" 6 1 "" 6 24 24 0 \
 "人员类别" 7 1 "" 7 24 10 0  "加入党组织日期" 8 1 "" 8 24 10 0 \
 "转为正式党员日期" 9 1 "" 9 24 10 0  "工作岗位" 10 1 "" 10 24 40 0 \
 "联系电话" 11 1 "" 11 24 20 0  "家庭住址" 12 1 "" 12 24 40 0 \
 "党籍状态" 13 1 "" 13 24 10 0  "是否为失联党员" 14 1 "" 14 24 4 0 \
 "是否为流动党员" 15 1 "" 15 24 4 0  "确认方式" 16 1 "" 16 24 10 0 \
 "备注" 17 1 "" 17 24 40 0
FORM
dialog_term() { # $1 TERM
	_v=$(echo "$1" | tr -c 'a-z0-9\n' _)
	T_PANE=dlg-$_v
	$T new-session -d -s "$T_PANE" -x 80 -y 24 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 \
	    "sleep 0.3; TERM=$1 sh $T_DIR/form.sh; sleep 86400"
	cap_start
	t_wait "Cancel"
	eval "d_paint_$_v=\$(cap_size)"
	set -- $(per_char "张三丰李四王五赵六钱")
	eval "d_cjk_$_v=\$(($1 / $2))"
	t_keys C-u Down Down Down Down Down Down Down Down Down Down Down
	t_settle
	set -- $(per_char "Room101abc")
	eval "d_ascii_$_v=\$(($1 / $2))"
	$T kill-session -t "$T_PANE" 2>/dev/null
}

have_dialog=0
command -v dialog >/dev/null 2>&1 && have_dialog=1
BEFORE=${BEFORE:-}
for term in $TERMS; do
	caiji_term "$term" c "$CAIJI"
	[ -n "$BEFORE" ] && caiji_term "$term" b "$BEFORE"
	[ $have_dialog = 1 ] && dialog_term "$term"
done
data="王小明女汉族11010519491231002X1949-12-31大学正式党员2010-07-012011-07-01公务员13912345678北京市海淀区中关村大街1号正常否否本人签字"
data_chars=$(printf '%s' "$data" | LC_ALL=C.UTF-8 wc -m)
fields=16
# one table row per terminal type: caiji CJK / ASCII / paint, dialog the same
val() { eval "echo \${$1_$(echo "$2" | tr -c 'a-z0-9\n' _):--}"; }
ok() { [ "$1" != - ] && [ "$1" -le "$2" ] && echo met || echo "not met"; }
term_rows="" b_rows=""
for term in $TERMS; do
	cc=$(val c_cjk "$term") ca=$(val c_ascii "$term")
	worst=$cc; [ "$ca" -gt "$worst" ] && worst=$ca
	term_rows="$term_rows
| $term | $cc | $ca | $(val c_paint "$term") | $(val d_cjk "$term") | $(val d_ascii "$term") | $(val d_paint "$term") | $(ok "$worst" 12) |"
	[ -n "$BEFORE" ] && b_rows="$b_rows
| $term | $(val b_cjk "$term") | $(val b_ascii "$term") | $(val b_paint "$term") |"
done

{
	echo "## TUI (bench_ui.sh)"
	echo
	echo "Bytes written to the terminal (tmux pipe-pane: every byte the program writes, 80x24),"
	echo "for each terminal type (TERM given to the program), and keys for one member record."
	echo "Peer: dialog $(dialog --version 2>/dev/null | sed 's/Version: //') --form with the same 17 labels and widths,"
	echo "on the same terminal types in the same run.  Bytes per character: the mean of"
	echo "$c_cjk_n characters typed into 姓名 (CJK) and $c_ascii_n into 家庭住址 (ASCII), each alone,"
	echo "waiting for the screen.  Goal: ≤ 12 bytes a character on every type."
	echo
	echo "| TERM | caiji CJK | caiji ASCII | caiji first paint | dialog CJK | dialog ASCII | dialog first paint | ≤ 12 |"
	echo "|---|---:|---:|---:|---:|---:|---:|---|$term_rows"
	if [ -n "$BEFORE" ]; then
		echo
		echo "The same run, the older build $(basename "$BEFORE") (BEFORE):"
		echo
		echo "| TERM | CJK | ASCII | first paint |"
		echo "|---|---:|---:|---:|$b_rows"
	fi
	echo
	echo "| measure | caiji | dialog --form | goal |"
	echo "|---|---|---|---|"
	echo "| keys for a typical member record, every value typed (F2 included) | $c_keys | $((data_chars + fields)) (typed in full, one key per field; computed) | fewer than data characters |"
	echo "| the same record keeping the prefilled 党籍状态/失联/流动, codes for 民族/确认方式 | $c_keys_dflt | | |"
	echo "| characters of that record's data | $data_chars | $data_chars | |"
	echo
	echo "caiji saves keys with the ID number (性别 and 出生日期 filled), pinyin initials and"
	echo "codes for coded fields, auto-advance on full fixed-length fields, and the defaults of"
	echo "a new member (党籍状态 正常, 是否为失联党员 否, 是否为流动党员 否; 确认方式 has none: it"
	echo "attests a signature)."
} > "$OUT"
