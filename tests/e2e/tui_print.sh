#!/bin/sh
# tui_print.sh - p prints from the entry screens into the home directory and
# shows the path: on a branch of the tree (its members' 附件2, picked from
# the list), on a member of the member list (its 附件2 at once), on the
# 基层党委 (every form in report order); the PDFs hold the right pages, are
# 0600, and the path on the screen is the file's.
. "$TOP/tests/e2e/lib.sh"
t_init print
HOME=$T_DIR/home
export HOME
mkdir "$HOME"
B=中共某某市示范科技有限公司第一党支部
"$CAIJI" -d "$DB" demo > /dev/null || t_fail "demo"
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

t_start
t_wait "组织树"
# the first branch: its members' 附件2
t_keys j
t_keys p
t_wait "本支部全体党员的附件2"
t_keys Enter
t_wait "已生成"
P="$HOME/${B}党员基本信息采集表.pdf"
[ -f "$P" ] || { ls -la "$HOME"; t_fail "no $P"; }
t_screen | tr -d '\n' | grep -qF "$HOME/" || t_fail "the path is not shown"
[ "$(pages "$P")" = 9 ] || t_fail "branch pages: $(pages "$P")"
[ "$(stat -c %a "$P")" = 600 ] || t_fail "mode of the PDF"
t_keys Enter
t_wait "已生成 $HOME"

# the same branch's own 附件1 (second choice)
t_keys p
t_wait "本支部的附件1"
t_keys Down Enter
t_wait "已生成"
[ "$(pages "$HOME/${B}党组织和所在单位基本信息采集表.pdf")" = 1 ] || t_fail "附件1 pages"
t_keys Enter

# a member of the list: printed at once
t_keys Enter
t_wait "党员名单"
t_wait "林霞岚"
t_keys p
t_wait "已生成"
M=$(ls "$HOME" | grep '^林霞岚-')
[ -n "$M" ] || { ls "$HOME"; t_fail "no member PDF"; }
[ "$(pages "$HOME/$M")" = 1 ] || t_fail "member pages"
pdftotext "$HOME/$M" - | grep -q 林霞岚 || t_fail "member PDF lacks the name"
t_keys Enter
t_keys q
t_wait "组织树"

# the 基层党委: every 附件1 and 附件2 in report order (7 forms, 1 附页, 40 members)
t_keys g
t_keys p
t_wait "全部附件1和附件2"
t_keys Down Enter
t_wait "已生成"
C="$HOME/中共某某市示范科技有限公司委员会信息采集表.pdf"
[ "$(pages "$C")" = 48 ] || t_fail "committee pages: $(pages "$C")"
t_keys Enter
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
echo "tui_print: ok"
