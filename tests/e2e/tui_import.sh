#!/bin/sh
# 导入 from the TUI (issue 14.13): i on the tree asks for a directory, lists
# its CSV files to tick, imports them through the same importer as
# `caiji import` and shows the same report (a bad file refused with the
# CLI's message, the others imported); the tree then shows what came in.
# With the cursor on a branch a roster without 所在党支部 goes there.
# While the files are read the status line says so (drawn before the work,
# not only after it), and under each report it says that import's outcome,
# not the one before.
. "$TOP/tests/e2e/lib.sh"
t_init import
IN=$T_DIR/in
mkdir -p "$IN"
cp "$TOP/tests/e2e/import-data/"*.csv "$IN/"
mv "$IN/roster.csv" "$T_DIR/roster.csv"
: > "$IN/empty.csv"
# what the CLI says about the same files (another database)
(cd "$IN" && "$CAIJI" -d "$T_DIR/cli" import *.csv) > "$T_DIR/cli.out" 2>&1
grep -qF "empty.csv: 错误: 文件为空(没有表头,也没有数据)" "$T_DIR/cli.out" ||
    t_fail "the CLI's message changed: $(cat "$T_DIR/cli.out")"

t_start
t_wait "组织树"
t_keys i
t_wait "从目录导入"
t_keys C-u
t_type "$IN"
t_keys Enter
t_wait "开始导入已选的 0 个文件"
t_check "[ ] empty.csv"
t_type "1"; t_keys Enter                  # 全部选中
t_wait "开始导入已选的 4 个文件"
t_check "[√] empty.csv"
t_type "0"; t_keys Enter
t_wait "Y导入"
# every byte the program writes from here: the busy status is drawn
# before the import, whatever its length (the screen after it has its
# outcome in the same place)
$T pipe-pane -t "$T_PANE" "cat >> '$T_DIR/tty.out'"
t_keys y
t_wait "导入: 有文件未导入"
t_check "empty.csv: 错误: 文件为空(没有表头,也没有数据)"
t_check "empty.csv: 未识别;读取0行,新增0,更新0,未变0,警告0;错误1,整个文件未导入"
t_check "总表 (UTF-8 BOM);读取6行,新增6,更新0,未变0,警告0;已导入"
t_check "合计4个文件:读取12行,新增11,更新0,未变0,警告1,错误1"
t_match '^有文件因错误未导入, 其余已导入'
$T pipe-pane -t "$T_PANE"
grep -q "正在" "$T_DIR/tty.out" ||
    t_fail "no 正在导入…… was drawn while the files were read"
t_keys Enter
t_wait "有文件因错误未导入, 其余已导入"
t_check "中共测试科技有限公司委员会"

# a roster into the branch under the cursor
t_keys Down
t_wait "第一党支部"
t_keys i
t_wait "从目录导入"
t_keys C-u
t_type "$T_DIR"
t_keys Enter
t_wait "开始导入已选的 0 个文件"
t_type "2"; t_keys Enter                  # tick roster.csv
t_wait "[√] roster.csv"
t_type "0"; t_keys Enter
t_wait "导入到"
t_keys y
t_wait "导入完成"
t_check "党员名册 (UTF-8);读取2行,新增2"
t_match '^已导入 *$'
t_lacks '^有文件因错误未导入'
t_keys Enter
t_wait "已导入"
exit 0
