#!/bin/sh
# Monochrome terminals without relying on function keys: TERM=vt100,
# linux, screen and xterm-256color, every action by Ctrl keys and letters (Ctrl-S save, Space pick
# list, ? help, Ctrl-Q quit), PuTTY's F1 sequence (ESC[11~) opens help.
. "$TOP/tests/e2e/lib.sh"
for term in vt100 linux screen xterm-256color; do
	T_TERM=$term
	t_init "mono-$term"
	t_start
	t_wait "组织树"
	t_keys "?"
	t_wait "帮助  组织树 的按键"
	t_check "新建党组织"
	t_keys q
	t_wait "组织树"
	t_keys n
	t_wait "党统人数"
	t_type "中共单色测试支部委员会"; t_keys Tab
	t_keys Tab
	t_type "陈联系"; t_keys Tab
	t_type "13800138000"
	t_keys Space
	t_wait "筛选:"
	t_type "dzb"
	t_wait "党支部"
	t_keys Enter
	t_gone "筛选:"
	t_type "ysj"; t_keys Enter
	t_keys C-s
	t_wait "党组织书记:空缺"          # a warning: confirmed once, recorded
	t_keys y
	t_wait "已保存"
	# PuTTY's F1 under TERM=xterm-like terminals
	$T send-keys -t app -H 1b 5b 31 31 7e
	t_wait "党组织和所在单位基本信息采集表 的按键"
	t_check "F2 或 Ctrl-S"
	t_keys Escape
	t_wait "党统人数"
	t_keys Escape
	t_wait "组织树"
	t_check "中共单色测试支部委员会"
	t_keys C-q
	[ "$(t_exit)" = 0 ] || t_fail "exit status under $term"
	t_cleanup
done
# no locale at all: caiji falls back to C.UTF-8 and still takes Chinese
T_TERM=xterm
t_init nolocale
CAIJI="env -u LANG -u LC_ALL -u LC_CTYPE $CAIJI"
t_start
t_wait "组织树"
t_keys /
t_wait "查找:"
t_type "张三丰"
t_wait "张三丰"
t_keys Escape
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status without a locale"
exit 0
