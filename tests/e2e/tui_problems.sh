#!/bin/sh
# Issue 14.2: what is wrong is in sight while typing.  Cross-field rules run
# when a field they concern is left (入党 before 18), marks follow the data
# (a new ID number clears the 性别 mark it now agrees with), F3 lists every
# problem with its field and Enter goes there, a reopened draft shows its
# marks at once, and Enter on a problem in 质量检查 opens the record at
# the field concerned.
. "$TOP/tests/e2e/lib.sh"
t_init problems
t_start
t_wait "组织树"
t_new_branch "中共问题测试第一支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_type "李四"; t_keys Tab BTab            # (Tab passes 性别 until the ID number)
t_type "1"                                # 性别 男, typed before the ID number (moves on)
t_type "hz"; t_type "1"
t_type "11010519491231002X"               # a woman's number: 性别 is marked
t_wait "性别应为 女"
t_check " 2 性别               ! 男"
# back to the ID number, a man's: the mark goes, the value agrees
_row() { t_cursor | cut -d, -f2; }
while [ "$(_row)" != 4 ]; do
	_was=$(t_cursor); t_keys BTab
	t_until "Shift-Tab did not move" _t_moved "$_was"
done
t_keys C-u; t_type "110105198507150016"
t_wait "出生日期应为 1985-07-15"
t_check " 2 性别                 男"            # agrees now: unmarked
t_check " 5 出生日期           ? 1949-12-31"    # still contradicts: kept
t_keys C-u; t_type "19850715"
t_wait " 5 出生日期             1985-07-15"
t_check "   备注"
t_lacks "备注               !"
# 加入党组织日期 before 18: said and marked when the field is left, not at F2
t_type "dx"; t_type "1"
t_type "zsdy"                             # whole initials move on
t_type "20000701"
t_wait "入党时未满18周岁"
t_check " 9 加入党组织日期     ? 2000-07-01"
# F3: every problem with its field; Enter goes to it
t_keys F3
t_wait "本记录的问题"
t_check "入党时未满18周岁"
t_check "必填"
t_type "18"                               # filter the list to the 18 周岁 rule
t_keys Enter
t_gone "本记录的问题"
t_until "cursor not on 加入党组织日期" sh -c '[ "$(tmux -L '"$T_SOCK"' display -p -t app "#{cursor_y}")" = 9 ]'
# saved as a draft; reopened: its marks at once
t_keys F2
t_wait "已保存为草稿"
t_keys Escape
t_wait "党员名单"
t_keys Enter
t_wait "草稿: 错误"
t_check " 9 加入党组织日期     ? 2000-07-01"
t_check "11 工作岗位           !"
t_keys Escape
t_wait "党员名单"
t_keys Escape
t_wait "组织树"
# 质量检查: Enter on the problem opens the record at its field
t_keys c
t_wait "入党时未满18周岁"
t_check "[错误] 李四 / 中共问题测试第一支部委员会: 工作岗位:必填"
_line=$(t_screen | grep -n "工作岗位:必填" | cut -d: -f1)   # 1-based; the first item is line 3
_n=$((_line - 3))
while [ $_n -gt 0 ]; do t_keys j; _n=$((_n - 1)); done
t_keys Enter
t_wait "党员基本信息采集表"
t_wait "工作岗位:必填"
t_until "cursor not on 工作岗位" sh -c '[ "$(tmux -L '"$T_SOCK"' display -p -t app "#{cursor_y}")" = 11 ]'
t_type "gwy"                              # whole initials: on to 联系电话
t_wait "11 工作岗位             公务员"
t_check "联系电话:必填"                    # moved onto a marked field: its message
t_keys Escape
t_wait "本表有修改尚未保存"
t_keys d
t_wait "质量检查"
t_keys C-q
t_wait "[exit "
echo "keys: $T_KEYS"
