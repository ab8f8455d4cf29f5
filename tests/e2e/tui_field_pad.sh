#!/bin/sh
# The record forms show a field's free cells as _ (no underline: issue 15's
# bytes per typed character), and libform reads a pad character back as a
# blank: a field libform edits (a coded field: 民族) refuses _ with a
# message; the texts (姓名, 家庭住址: caiji's own line editor) keep a typed
# _.  The one-line prompts (a directory such as .../export_again/out:
# tui_export_again.sh) and / are not padded.
. "$TOP/tests/e2e/lib.sh"
t_init field_pad
t_start
t_wait "组织树"
t_new_branch "中共填充测试支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_match "^ 1 姓名 +_{24}$"                   # the free cells of 姓名
t_type "张_三"; t_keys Tab
t_type "_"
t_wait "民族: 不能输入 _"
t_keys BTab                                  # back to 姓名: the record from there
t_member_fill "" "11010519491231002X" "hz 1" "北京市海淀区_1号"
t_keys F2
t_wait "已保存为草稿"                     # 姓名 with _ is an error: kept as typed
t_keys Escape
t_wait "党员名单"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
t_db_has "张_三" || t_fail "the _ typed in 姓名 not stored"
t_db_has "北京市海淀区_1号" || t_fail "the _ typed in 家庭住址 not stored"
echo ok
