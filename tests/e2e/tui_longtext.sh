#!/bin/sh
# A 家庭住址 longer than its entry field (imported from a roster) is never
# cut by editing: the field is edited, saved, and the whole value is stored.
. "$TOP/tests/e2e/lib.sh"
t_init longtext
B="中共长文本测试支部委员会"
# 70 characters (210 bytes): more than twice the 54-column field
LONG="新疆维吾尔自治区伊犁哈萨克自治州霍尔果斯市经济开发区兵团分区友谊路与亚欧大道交叉口东南角国际商贸城二期十八号楼三单元一千二百零六室"
t_start
t_wait "组织树"
t_new_branch "$B"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
cat > "$T_DIR/roster.csv" <<CSV
"公民身份证号","姓名","民族","学历","人员类别","加入党组织日期","转为正式党员日期","工作岗位","联系电话","家庭住址","党籍状态","是否为失联党员","是否为流动党员"
"110108199508080084","孙燕","汉族","大学","正式党员","2019-03-01","2020-03-01","公务员","13812345678","$LONG","正常","否","否"
CSV
"$CAIJI" -d "$DB" import --branch "$B" "$T_DIR/roster.csv" > "$T_DIR/imp.out" 2>&1 ||
	{ cat "$T_DIR/imp.out"; t_fail "roster import"; }
t_db_has "$LONG" || t_fail "import did not store the whole address"

# the stored value of 孙燕's 家庭住址, exactly (export --draft of the branch)
stored_address() {
	rm -rf "$T_DIR/x"; mkdir "$T_DIR/x"
	"$CAIJI" -d "$DB" export --branch "$B" -o "$T_DIR/x" --draft --format csv > /dev/null 2>&1 ||
		t_fail "export --draft"
	# no value of this roster holds a comma: split on commas, drop the quotes
	sed '1s/^\xef\xbb\xbf//; s/"//g' "$T_DIR"/x/*.csv | awk -F, '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "家庭住址") c = i }
		NR == 2 { print $c }'
}
[ "$(stored_address)" = "$LONG" ] || t_fail "export before editing: $(stored_address)"

# Tab until the cursor is on screen row $1 (0-based)
to_row() {
	t_tab_to_row "$1"
}
# the cursor is at column $1 (0-based)
at_col() {
	t_until "cursor at $(t_cursor), not at column $1" _at_col "$1"
}
_at_col() { [ "$(t_cursor | cut -d, -f1)" = "$1" ]; }
open_member() {
	t_start
	t_wait "组织树"
	t_wait "$B"
	t_keys Enter
	t_wait "孙燕"
	t_keys Enter
	t_wait "公民身份证号"
}
save_ok() {
	t_keys F2
	_end=$(( $(t_now) + T_TIMEOUT * 1000000000 ))
	until t_screen | grep -qF "已保存"; do
		# an address without a house number is a warning: confirmed
		# (once: the next y only after this one took the prompt away)
		if t_screen | grep -qF "请确认提醒"; then
			t_keys y
			t_gone "请确认提醒"
		fi
		[ "$(t_now)" -gt "$_end" ] && t_fail "not saved"
		sleep 0.02
	done
}
quit_saved() {
	save_ok
	t_keys Escape
	t_wait "党员名单"
	t_keys C-q
	[ "$(t_exit)" = 0 ] || t_fail "exit status"
}

# 1. the imported value is shown from its start, › says there is more; End
#    scrolls to its end (‹ on the left); edited at both ends, nothing lost
open_member
t_wait "13 家庭住址             新疆维吾尔自治区伊犁哈萨克自治州霍尔果斯市经济开发区_›"
to_row 13                                # 13 家庭住址: the cursor after its end
t_wait "13 家庭住址             ‹叉口东南角国际商贸城二期十八号楼三单元一千二百零六室"
at_col 77                                # 24 + ‹ + 26 characters
t_keys BSpace
t_type "号"
t_keys Home
at_col 24
t_wait "经济开发区_›"
t_type "中国"
at_col 28
t_keys Tab
t_wait "中国新疆维吾尔自治区"
quit_saved
want="中国${LONG%室}号"
got=$(stored_address)
[ "$got" = "$want" ] || t_fail "家庭住址 after editing: $got"

# 2. a 60-character address typed, edited in the middle, saved, reopened
A60="广东省深圳市南山区粤海街道科技园社区科苑路十五号科兴科学园A栋三单元二十层二零零一号房间北侧靠窗工位旁边的小会议室"
open_member
to_row 13
t_keys C-u
t_gone "单元一千二百零六号"
t_type "$A60"
t_wait "小会议室"
t_keys Left Left Left Left               # before 小会议室
t_type "甲"
t_keys C-e BSpace                        # 室 gone
t_keys C-a Delete                        # 广 gone
t_keys Tab
quit_saved
want="东省深圳市南山区粤海街道科技园社区科苑路十五号科兴科学园A栋三单元二十层二零零一号房间北侧靠窗工位旁边的甲小会议"
got=$(stored_address)
[ "$got" = "$want" ] || t_fail "typed 家庭住址: $got"
open_member
t_wait "东省深圳市南山区粤海街道"
to_row 13
t_wait "的甲小会议"

# 3. beyond 255 bytes: the 86th Chinese character is refused, said on the status line
t_keys C-u
S85=""
i=0; while [ $i -lt 17 ]; do S85="${S85}北京上海广"; i=$((i + 1)); done
t_type "${S85}州"
t_wait "最多 255 字节"
t_keys Tab
quit_saved
[ "$(stored_address)" = "$S85" ] || t_fail "85 characters not stored whole: $(stored_address)"

# 4. typed in the middle of a long text: a resize keeps the text and the
#    cursor; a dropped line keeps the whole text in the recovery file
H="河北省石家庄市长安区中山东路一百二十三号院七号楼二单元五零一室北侧"
open_member
to_row 13
t_keys C-u
t_type "$H"
t_wait "五零一室北侧"
t_keys Home Right Right Right
t_type "省会"
at_col 34
t_wait "13 家庭住址             河北省省会石家庄"
$T resize-window -t "$T_PANE" -x 60 -y 20
t_wait "终端窗口太小"
$T resize-window -t "$T_PANE" -x 80 -y 24
t_wait "13 家庭住址             河北省省会石家庄"
at_col 34
t_type "的"
t_wait "河北省省会的石家庄"
pid=$($T display -p -t "$T_PANE" '#{pane_pid}')
cpid=$(pgrep -P "$pid" caiji || true)
[ -n "$cpid" ] || t_fail "no caiji process under the pane"
$T kill-server
n=0
while kill -0 "$cpid" 2>/dev/null; do
	n=$((n + 1)); [ $n -gt 500 ] && t_fail "caiji survived SIGHUP"; sleep 0.02
done
H2="河北省省会的石家庄市长安区中山东路一百二十三号院七号楼二单元五零一室北侧"
grep -qF "$H2" "$REC_DIR"/*.txt || t_fail "recovery file lacks the typed address"
t_start
t_wait "恢复未保存的录入?"
t_keys y
t_wait "已恢复上次未保存的录入"
t_check "13 家庭住址             河北省省会的石家庄"
t_check "›"
quit_saved
[ "$(stored_address)" = "$H2" ] || t_fail "recovered 家庭住址: $(stored_address)"

# 5. Ctrl-D copies the previous record's long address whole
H3="江苏省苏州市工业园区星湖街三百二十八号创意产业园十二栋五楼五零八室东侧会议区"
open_member
to_row 13
t_keys C-u
t_type "$H3"
t_keys Tab
save_ok
t_keys Escape
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
to_row 13
t_keys C-d
t_wait "已复制上一条: 江苏省苏州市"
t_wait "13 家庭住址             ‹"              # stays, after the copied text
t_check "五楼五零八室东侧会议区"
t_keys Tab                               # on to 确认方式 (a new member's defaults passed)
t_wait "13 家庭住址             江苏省苏州市工业园区星湖街三百二十八号创意产业园十二_›"
t_keys BTab BTab BTab BTab               # back: 16, 15, 14, 13 家庭住址
t_wait "13 家庭住址             ‹"
t_check "五楼五零八室东侧会议区"
t_keys Escape
t_wait "放弃"
t_keys d
t_wait "党员名单"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"

# 6. 党组织名称 longer than its field: typed whole, stored whole
O="中共新疆维吾尔自治区伊犁哈萨克自治州霍尔果斯市经济开发区国际商贸城管理委员会第一党支部委员会"
t_start
t_wait "组织树"
t_wait "$B"
t_keys e
t_wait "党统人数"
t_keys C-u
t_type "$O"
t_wait "1 党组织名称           ‹"
t_keys Tab
t_wait "1 党组织名称           中共新疆维吾尔自治区"
t_check "›"
save_ok
t_keys Escape
t_wait "组织树"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
"$CAIJI" -d "$DB" export --branch "$O" -o "$T_DIR" --draft > "$T_DIR/exp.out" 2>&1 ||
	{ cat "$T_DIR/exp.out"; t_fail "the branch is not found by its whole name"; }
echo PASS
