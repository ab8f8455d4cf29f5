#!/bin/sh
# bench_ui.sh - what the entry TUI costs over a slow SSH line, and how many
# keys a clerk presses.  Measured through tmux pipe-pane (every byte the
# program writes to its terminal), compared with dialog(1) --form, the
# classic curses form program, in the same run.
#   bytes written for one character typed into a field   (goal <= 16)
#   bytes of the first paint of the member form           (goal <= 4 KiB)
#   keys to enter a typical member record vs the characters of its data
# Env: CAIJI, WORK, OUT (see bench/run.sh).  N is not used.
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

# ---- caiji ----
t_start
t_wait "组织树"
t_new_branch "中共基准测试支部委员会"
t_keys Enter
t_wait "党员名单"
cap_start
t_keys n
t_wait "F2保存 F4选择"
t_wait "   备注"
c_paint=$(cap_size)
set -- $(per_char "张三丰李四王五赵六钱")
c_cjk_total=$1 c_cjk_n=$2
t_keys C-u Tab Tab Tab Tab Tab Tab Tab Tab Tab   # to 家庭住址 (性别, 出生日期 passed)
set -- $(per_char "Room101abc")
c_ascii_total=$1 c_ascii_n=$2
t_keys C-u
t_keys Escape                 # both fields cleared again: nothing to ask
t_wait "党员名单"

# keys for a typical record (counted by this script, every key sent)
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
data="王小明女汉族11010519491231002X1949-12-31大学正式党员2010-07-012011-07-01公务员13912345678北京市海淀区中关村大街1号正常否否本人签字"
data_chars=$(printf '%s' "$data" | LC_ALL=C.UTF-8 wc -m)
fields=16
t_keys C-q
t_exit >/dev/null

# ---- dialog --form, the same labels and widths ----
d_paint="-" d_cjk="-" d_ascii="-"
if command -v dialog >/dev/null 2>&1; then
	T_PANE=dlg
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
	$T new-session -d -s dlg -x 80 -y 24 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 \
	    -e TERM=tmux-256color "sleep 0.3; sh $T_DIR/form.sh; sleep 86400"
	cap_start
	t_wait "Cancel"
	d_paint=$(cap_size)
	set -- $(per_char "张三丰李四王五赵六钱")
	d_cjk=$(( $1 / $2 ))
	t_keys C-u Down Down Down Down Down Down Down Down Down Down Down
	set -- $(per_char "Room101abc")
	d_ascii=$(( $1 / $2 ))
fi

{
	echo "## TUI (bench_ui.sh)"
	echo
	echo "Bytes written to the terminal (tmux pipe-pane, TERM=tmux-256color, 80x24), and keys"
	echo "for one member record. Peer: dialog $(dialog --version 2>/dev/null | sed 's/Version: //') --form with the"
	echo "same 17 labels and widths, in the same run."
	echo
	echo "| measure | caiji | dialog --form | goal |"
	echo "|---|---|---|---|"
	echo "| bytes per CJK character typed (姓名, mean of $c_cjk_n) | $((c_cjk_total / c_cjk_n)) | $d_cjk | <= 16 |"
	echo "| bytes per ASCII character typed (家庭住址, mean of $c_ascii_n) | $((c_ascii_total / c_ascii_n)) | $d_ascii | <= 16 |"
	echo "| bytes of the first paint of the member form | $c_paint | $d_paint | <= 4096 |"
	echo "| keys for a typical member record, every value typed (F2 included) | $c_keys | $((data_chars + fields)) (typed in full, one key per field; computed) | fewer than data characters |"
	echo "| the same record keeping the prefilled 党籍状态/失联/流动, codes for 民族/确认方式 | $c_keys_dflt | | |"
	echo "| characters of that record's data | $data_chars | $data_chars | |"
	echo
	echo "caiji saves keys with the ID number (性别 and 出生日期 filled), pinyin initials and"
	echo "codes for coded fields, auto-advance on full fixed-length fields, and the defaults of"
	echo "a new member (党籍状态 正常, 是否为失联党员 否, 是否为流动党员 否; 确认方式 has none: it"
	echo "attests a signature)."
} > "$OUT"
