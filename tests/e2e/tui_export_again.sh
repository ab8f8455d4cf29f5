#!/bin/sh
# 上报 a second time (issue 14.12): 序号, 填报人 and the directory typed
# the first time are offered again after a restart (kept in the
# database), and a report folder that already exists is offered for
# replacement (the CLI's --replace) instead of "文件夹已存在" and nothing.
CAIJI_TODAY=2026-06-01
. "$TOP/tests/e2e/lib.sh"
t_init export_again
"$CAIJI" demo -d "$DB" > /dev/null || t_fail "caiji demo"
mkdir "$T_DIR/out"

# Answers up to the outcome: the demo holds drafts, exported as a draft.
# $1 = the format's number in the pick list.
export_as_draft() {
	t_wait "上报文件格式"
	t_keys "$1" Enter
	t_wait "上报内容"
	t_keys Enter                         # 全部三个汇总表
	t_wait "上报: 有问题"
	t_keys d
}

t_start
t_wait "中共某某市示范科技有限公司委员会"
t_keys g x
t_wait "序号(上级党委编的本单位序号):"
t_type "07"; t_keys Enter
t_wait "填报人姓名:"
t_type "测试员"; t_keys Enter
t_wait "保存到目录:"
t_keys C-u
t_type "$T_DIR/out"; t_keys Enter
export_as_draft 2                        # CSV
t_wait "上报完成"
t_keys Enter
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
d=$(ls -d "$T_DIR/out"/草稿-07* 2>/dev/null) || { ls "$T_DIR/out"; t_fail "no folder 草稿-07…"; }
[ "$(find "$d" -name '*.csv' | wc -l)" -ge 3 ] || t_fail "first export: no CSV files"

# Again after a restart: every answer offered, Enter takes it.
t_start
t_wait "中共某某市示范科技有限公司委员会"
t_keys g x
t_wait "序号(上级党委编的本单位序号):"
t_check " 07 "
t_keys Enter
t_wait "填报人姓名:"
t_check " 测试员 "
t_keys Enter
t_wait "保存到目录:"
t_check "$T_DIR/out"
t_keys Enter
export_as_draft 1                        # XLSX this time: the folder exists
t_wait "上报: 文件夹已存在"
t_check "替换它?"
t_keys n                                 # N: nothing changes
t_wait "未导出(未替换): 文件夹已存在"
[ "$(find "$d" -name '*.csv' | wc -l)" -ge 3 ] || t_fail "N changed the folder"
[ -z "$(find "$d" -name '*.xlsx')" ] || t_fail "N wrote XLSX files"
t_keys x
t_wait "序号(上级党委编的本单位序号):"
t_keys Enter
t_wait "填报人姓名:"
t_keys Enter
t_wait "保存到目录:"
t_keys Enter
export_as_draft 1
t_wait "上报: 文件夹已存在"
t_keys y                                 # Y: the new folder in its place
t_wait "上报完成"
t_check "out/草稿-07"
t_keys Enter
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
[ "$(find "$d" -name '*.xlsx' | wc -l)" -ge 3 ] || t_fail "replaced: no XLSX files"
[ -z "$(find "$d" -name '*.csv')" ] || t_fail "replaced: the old CSV files are still there"
[ "$(ls -d "$T_DIR/out"/草稿-07* | wc -l)" = 1 ] || { ls "$T_DIR/out"; t_fail "a second folder"; }
exit 0
