#!/bin/sh
# bench_ui.sh - what the entry TUI costs over a slow SSH line, and how many
# keys a clerk presses.  Measured through tmux pipe-pane (every byte the
# program writes to its terminal), compared with dialog(1) --form, the
# classic curses form program, in the same run.
#   bytes written for one character typed into a field, on xterm,
#   xterm-256color, screen, tmux-256color and linux      (goal <= 12)
#   bytes of the first paint of the member form           (goal <= 4 KiB)
#   keys to enter six typical member records vs the characters of their data
# Env: CAIJI, WORK, OUT (see bench/run.sh); BEFORE=BINARY measures an
# older caiji too, in the same run.  N is not used.
set -u
CAIJI_TODAY=2026-06-01              # the 预备党员 below are not yet due
export CAIJI_TODAY
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
	t_wait "F2保存"
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
	t_keys C-q
	t_exit >/dev/null
	$T kill-session -t app 2>/dev/null
	CAIJI=$_bin
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
# ---- keys, on tmux-256color ----
T_TERM=tmux-256color T_PANE=app DB=$T_DIR/db-keys
t_start
t_wait "组织树"
t_new_branch "中共基准测试支部委员会"
t_keys Enter
t_wait "党员名单"

# Keys for six typical member records of one branch (counted by this
# script: every key sent, F2 included; a CJK character typed counts as one
# key), keyed as a trained clerk keys them: pinyin initials or the code of
# a coded field (the list's full code length moves on), Tab after a unique
# start, + for a 转正日期 one year after 入党, the ID number filling 性别 and 出生日期, the defaults of a new
# member kept, Ctrl-D where the value is the previous record's.  Each record
# must be saved complete; its values are checked in the export below.
# rec NAME DATA: the plan is run by the caller; rec_done checks the save and
# adds the figures.
T_KEYS=0
recs="" sum_keys=0 sum_chars=0 nrec=0
rec_new() {                   # from the last record's form (or the list)
	[ "$nrec" -gt 0 ] && t_keys Escape
	t_wait "党员名单"
	t_keys n
	t_wait "公民身份证号"
	T_KEYS=0
}
rec_done() {                  # $1 name, $2 the record's data as stored
	t_keys F2
	if [ -n "${3:-}" ]; then      # $3: the answer to the save's question
		t_wait "$3"
		t_keys y
	fi
	t_wait "已保存 $1 (完整)"
	_c=$(printf '%s' "$2" | LC_ALL=C.UTF-8 wc -m)
	recs="$recs$1 $T_KEYS $_c $2
"
	sum_keys=$((sum_keys + T_KEYS)) sum_chars=$((sum_chars + _c)) nrec=$((nrec + 1))
}
idok() { t_type "$1"; t_wait "身份证号有效"; }

# 1. 正式党员, 汉族, 大学, 公务员
rec_new
t_type "王小明"; t_keys Tab
t_type "01"                                    # 民族 汉族
idok "110108198503120134"                      # 性别 男, 出生日期 filled
t_type "06"                                    # 学历 大学
t_type "1"                                     # 人员类别 正式党员
t_type "20100701"
t_type "+"                                     # 转正日期: the probation year ended on time
t_type "01"                                    # 工作岗位 公务员
t_type "13912345678"
t_type "北京市海淀区中关村大街1号"; t_keys Tab
t_type "1"                                     # 确认方式 本人签字
rec_done "王小明" "王小明男汉族1101081985031201341985-03-12大学正式党员2010-07-012011-07-01公务员13912345678北京市海淀区中关村大街1号正常否否本人签字"

# 2. admitted at the same branch meeting as 1: both dates are ditto
rec_new
t_type "李丽"; t_keys Tab
t_type "01"
idok "110105198811250249"
t_type "07"                                    # 大专
t_type "1"
t_keys C-d Tab C-d Tab                         # 加入党组织日期, 转正日期 同上
t_type "04"                                    # 事业单位专业技术岗位
t_type "13801012345"
t_type "北京市朝阳区望京西园三区312号楼5单元601"; t_keys Tab
t_type "1"
rec_done "李丽" "李丽女汉族1101051988112502491988-11-25大专正式党员2010-07-012011-07-01事业单位专业技术岗位13801012345北京市朝阳区望京西园三区312号楼5单元601正常否否本人签字"

# 3. a minority name with ·, 预备党员 (转正日期 passed), 研究生
rec_new
t_type "阿依古丽·买买提"; t_keys Tab
t_type "05"                                    # 维吾尔族
idok "650102199702140463"
t_type "02"                                    # 硕士研究生
t_type "2"                                     # 预备党员
t_type "20251201"
t_type "08"                                    # 非公有经济控制企业专业技术岗位
t_type "15999012345"
t_type "北京市海淀区学院路37号"; t_keys Tab
t_type "1"
rec_done "阿依古丽·买买提" "阿依古丽·买买提女维吾尔族6501021997021404631997-02-14硕士研究生预备党员2025-12-01非公有经济控制企业专业技术岗位15999012345北京市海淀区学院路37号正常否否本人签字"

# 4. 预备党员 of the same meeting as 3 (ditto), 回族, 大学
rec_new
t_type "赵敏"; t_keys Tab
t_type "03"                                    # 回族
idok "110102199409090289"
t_type "06"
t_type "2"
t_keys C-d Tab                                 # 加入党组织日期 同上
t_type "01"
t_type "18612345678"
t_type "北京市西城区德胜门外大街10号院3号楼201"; t_keys Tab
t_type "1"
rec_done "赵敏" "赵敏女回族1101021994090902891994-09-09大学预备党员2025-12-01公务员18612345678北京市西城区德胜门外大街10号院3号楼201正常否否本人签字"

# 5. 流动党员 with 外出流向 (a county code), confirmed by phone
rec_new
t_type "张伟"; t_keys Tab
t_type "01"
idok "110111199005060354"
t_type "17"                                    # 普通高中
t_type "1"
t_type "20150620"
t_type "+"                                     # 2016-06-20
t_type "18"                                    # 外出务工经商人员
t_type "13700001111"
t_type "北京市房山区良乡镇东关村12号"; t_keys Tab
t_keys BTab                                    # back to 16 是否为流动党员 (正常, 否, 否 passed)
t_type "1"                                     # 是否为流动党员 是
t_type "440305"                                # 外出流向 广东省深圳市南山区
t_type "3"                                     # 电话确认
rec_done "张伟" "张伟男汉族1101111990050603541990-05-06普通高中正式党员2015-06-202016-06-20外出务工经商人员13700001111北京市房山区良乡镇东关村12号正常否是广东省深圳市南山区电话确认"

# 6. retired, probation extended, a home fixed line and 家庭住址, 他人代填
rec_new
t_type "刘建国"; t_keys Tab
t_type "01"
idok "110108195203150178"
t_type "14"                                    # 中等专科
t_type "1"
t_type "19800501"
t_type "19811101"                              # probation extended by half a year
t_type "34"                                    # 退休人员
t_type "010-62345678"; t_keys Tab              # a fixed line does not move on itself
t_type "北京市海淀区中关村南大街5号院2号楼301"; t_keys Tab
t_type "2"                                     # 他人代填
rec_done "刘建国" "刘建国男汉族1101081952031501781952-03-15中等专科正式党员1980-05-011981-11-01退休人员010-62345678北京市海淀区中关村南大街5号院2号楼301正常否否他人代填" \
    "请确认提醒"                               # Y: the fixed line is what the member has
t_keys C-q
t_exit >/dev/null
# the keys gave the values meant: each record's exported row (all but 序号
# and 所在党支部, empty cells left out) is its data but for 确认方式, which
# the table does not have
mkdir -p "$T_DIR/exp"
"$CAIJI" export -d "$DB" --branch "中共基准测试支部委员会" -o "$T_DIR/exp" --format csv \
    --plain > /dev/null || t_fail "export of the six records"
printf '%s' "$recs" > "$T_DIR/recs"
while read -r n k c d; do
	row=$(grep -h "^\"[0-9]*\",\"$n\"," "$T_DIR"/exp/*.csv | awk -F'","' '{
		s = ""; for (i = 2; i <= NF; i++) if (i != 9) s = s $i; gsub(/["\r]/, "", s); print s }')
	case $d in
	"$row"本人签字|"$row"他人代填|"$row"电话确认) ;;
	*) t_fail "$n: exported as $row, keyed for $d" ;;
	esac
done < "$T_DIR/recs"

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
	echo "for each terminal type (TERM given to the program), and keys for six member records."
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
	echo "Keys for six typical member records of one branch (bench_ui.sh: every key the script"
	echo "sends, F2 included, one key per CJK character typed), keyed as a trained clerk keys"
	echo "them: the code of a coded field (or its pinyin initials), the ID number filling 性别 and"
	echo "出生日期, the prefilled 正常/否/否 kept (Tab passes them; Shift-Tab back for the 流动党员),"
	echo "+ for a 转正日期 one year after 入党, Ctrl-D where a value is the previous record's."
	echo "Data: the characters of the record's values as stored (dates as YYYY-MM-DD), 所在党支部"
	echo "and 备注 left out.  Goal: <= 0.70 keys per character on average."
	echo
	echo "| record | keys | characters of data | keys per character | dialog --form (computed) |"
	echo "|---|---:|---:|---:|---:|"
	printf '%s' "$recs" | while read -r n k c d; do
		echo "| $n | $k | $c | $(awk "BEGIN { printf \"%.2f\", $k / $c }") | $((c + 17)) |"
	done
	echo "| all six | $sum_keys | $sum_chars | $(awk "BEGIN { printf \"%.2f\", $sum_keys / $sum_chars }") | $((sum_chars + 17 * nrec)) |"
	echo "| mean of the six ratios | | | $(printf '%s' "$recs" | awk '{ s += $2 / $3; n++ } END { printf "%.2f", s / n }') | |"
	echo
	echo "dialog --form, computed: every character typed (no codes, nothing derived), one key"
	echo "to leave each of its 16 fields and Enter to finish."
	echo
	echo "Before (entry branch at 6a03165, the same six records and keys but for what did not"
	echo "exist: Tab or Enter after every code, Enter on each of 正常/否/否, 转正日期 typed in"
	echo "full): 80 77 76 74 89 91 keys, 487 for 624 characters, 0.78 per character."
	echo
	echo "caiji saves keys with the ID number (性别 and 出生日期 filled), codes and pinyin initials"
	echo "for coded fields (a whole code or whole initials move on by themselves), auto-advance on"
	echo "full fixed-length fields, the defaults of a new member passed by Tab (党籍状态 正常,"
	echo "是否为失联党员 否, 是否为流动党员 否; 确认方式 has none: it attests a signature), fields"
	echo "that do not apply passed over, + in 转正日期, and Ctrl-D (同上).  The keys left are the"
	echo "data itself (names and addresses, ID and phone numbers, dates) and one Tab after each"
	echo "free-length field, Ctrl-D's Tab, F2, and the one question of a warning."
} > "$OUT"
