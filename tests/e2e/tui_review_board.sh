#!/bin/sh
# 进度 on the demo database (t on the tree): the branches in report order, a
# 小计 after the 党总支's branches and the committee's 合计 last, within 80
# columns; a batch 初核 of a branch with problems lists every skipped member
# with the reasons (wrapped in the box, nothing cut), the board shows the
# change when it is opened again, and Enter on a branch opens its list; the
# 书记签字 typed into the 附件1 form lets the branch's 附件1 pass 初核.
. "$TOP/tests/e2e/lib.sh"
t_init reviewboard
"$CAIJI" demo -d "$DB" >/dev/null || t_fail "demo"
t_start
t_wait "组织树"
t_wait "中共某某市示范科技有限公司第二党支部"
t_keys t
t_wait "党统 录入 完整 初核 复核 退回 签字"
t_wait "进度  中共某某市示范科技有限公司委员会"
t_check "小计 研发中心总支部委员会"
t_match "^合计 中共"
# report order: the committee's own branches, the 党总支's, its 小计, the 合计
t_screen > "$T_DIR/board"
line() { grep -n -- "$1" "$T_DIR/board" | head -n 1 | cut -d: -f1; }
# (below the committee, the start of its name is left out)
a=$(line "^  第一党支部")
b=$(line "^  物业服务.*联合党支部")
c=$(line "^    研发中心第一党支部")
d=$(line "小计 ")
e=$(line "合计 ")
[ -n "$a" ] && [ -n "$e" ] && [ "$a" -lt "$b" ] && [ "$b" -lt "$c" ] && [ "$c" -lt "$d" ] &&
    [ "$d" -lt "$e" ] || t_fail "board order: $a $b $c $d $e"
t_match "^合计 中共.* +[0-9-]+ +40 "
t_match "^  第二党支部 +[0-9-]+ +8 +[0-9]+ +0 +0 +0 +否"
t_keys q
t_wait "组织树"

# the batch on 第二党支部: the skipped and why, wrapped, then Y
t_keys j j A
t_wait "1 初核(党支部)"
t_keys 1
t_wait "批量初核"
t_match "中共某某市示范科技有限公司第二党支部: [0-9]+ 名党员将初核通过; 跳过 [0-9]+ 名"
t_check "原因如下:"
# a reason longer than the box goes on to the next line, indented
t_match "^  │     [^ ]"
skipped=$(t_screen | sed -n 's/.*跳过 \([0-9]*\) 名.*/\1/p' | head -n 1)
passing=$(t_screen | sed -n 's/.*: \([0-9]*\) 名党员将初核通过.*/\1/p' | head -n 1)
[ "$(t_screen | grep -cE '^  │ [^ ].* [0-9]{17}[0-9X]: ')" = "$skipped" ] ||
    t_fail "not every skipped member listed ($skipped)"
t_keys y
t_wait "$passing 名党员已初核通过, 跳过 $skipped 名"
# again: nobody left to pass; the box says so and lists the skipped, Enter closes it
t_keys A
t_wait "1 初核(党支部)"
t_keys 1
t_wait "没有可以初核的党员"
t_check "(已初核 $passing 名,"
t_check "跳过的党员及原因:"
t_keys Enter
t_gone "跳过的党员及原因:"
t_keys t
t_wait "党统 录入 完整 初核 复核 退回 签字"
t_match "^  第二党支部 +[0-9-]+ +8 +[0-9]+ +$passing +0 +0 +否"
# Enter on that branch: its member list
n=$(t_screen | grep -n "^  第二党支部" | cut -d: -f1)
i=3
while [ $i -lt "$n" ]; do t_keys j; i=$((i + 1)); done
t_keys Enter
t_wait "党员名单  中共某某市示范科技有限公司第二党支部"
t_check "初核 $passing, 复核 0, 退回 0"
t_keys q
t_wait "进度"
t_keys q
t_wait "组织树"

# the branch's 附件1: 初核 needs the 书记签字; typed into the form it is
# dated the day of the save, and 初核 passes
t_keys a
t_wait "第二党支部 未通过: 未记录书记签字"
t_keys e
t_wait "党组织和所在单位基本信息采集表"
t_tab_to_row 14
t_type "赵丽娟"
t_keys F2
t_wait "已保存 中共某某市示范科技有限公司第二党支部"
t_keys Escape
t_wait "组织树"
t_keys a
t_wait "中共某某市示范科技有限公司第二党支部 已初核通过"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
"$CAIJI" -d "$DB" log --org 中共某某市示范科技有限公司第二党支部 > "$T_DIR/log" || t_fail "log"
grep -q "初核通过" "$T_DIR/log" || t_fail "log: $(cat "$T_DIR/log")"
