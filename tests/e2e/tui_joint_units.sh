#!/bin/sh
# Issue 10 B.9 in the 附件1 form: a 联合党支部 imported with 40 units opens
# on 单位附页 1/40; PgUp wraps to 40/40, whose 单位名称 is edited; Ctrl-N adds
# page 41 (older builds stopped at 16 with 单位附页最多 16 个), filled with
# Ctrl-D from page 40 and a 组织机构代码; F2 saves it complete; Ctrl-X asks
# before deleting a page.  The export then has the 41 rows, the edit and the
# new unit last.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/joint-lib.inc"
t_init jointunits
joint_branches 40 "$T_DIR/$BRANCHES"
"$CAIJI" -d "$DB" import "$DATA/中共测试科技有限公司委员会党组织和所在单位信息汇总表(基层党委本级).csv" \
    "$T_DIR/$BRANCHES" > "$T_DIR/out" 2>&1 || { cat "$T_DIR/out"; t_fail "import"; }
t_start
t_wait "$J"                              # the committee opens expanded
t_keys Down Down                         # 第一党支部, then the joint branch
t_keys e
t_wait "单位附页 1/40"
t_check "测试联合单位1"
t_keys C-b                               # back from page 1: the last page
t_wait "单位附页 40/40"
t_check "测试联合单位40"
t_keys C-u
t_type "改名的联合单位"; t_keys Tab
t_wait "改名的联合单位"
t_keys C-n
t_wait "已增加单位附页 41"
t_check "单位附页 41/41"
t_type "新增的联合单位"; t_keys Tab
t_keys C-d
t_wait "已复制上一单位: 非公有经济控制"
t_keys Tab C-d
t_wait "已复制上一单位: 建立联合党支部的"
t_keys Tab
t_type "51230041-0"
t_wait "51230041"
t_keys F2
t_wait "已保存 $J (完整)"
t_check "单位附页 41/41"
# a page is deleted only when confirmed (declined here)
t_keys C-x
t_wait "删除单位附页 41 (新增的联合单位)?"
t_keys n
t_check "单位附页 41/41"
t_keys C-f                               # past the last page: the first
t_wait "单位附页 1/41"
t_keys Escape
t_wait "组织树"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"

mkdir "$T_DIR/e"
"$CAIJI" -d "$DB" export --seq 1 --filler 张三 --format csv --draft --only orgs -o "$T_DIR/e" \
    > "$T_DIR/out" 2>&1 || { cat "$T_DIR/out"; t_fail "export"; }
grep "\"$J\"" "$T_DIR"/e/*/*（党支部）.csv | sed 's/"//g' | tr -d '\t\r' | cut -d, -f8 > "$T_DIR/units"
[ "$(wc -l < "$T_DIR/units")" -eq 41 ] || t_fail "$(wc -l < "$T_DIR/units") rows exported, expected 41"
[ "$(sed -n 40p "$T_DIR/units")" = 改名的联合单位 ] || t_fail "unit 40: $(sed -n 40p "$T_DIR/units")"
[ "$(sed -n 41p "$T_DIR/units")" = 新增的联合单位 ] || t_fail "unit 41: $(sed -n 41p "$T_DIR/units")"
[ "$(sed -n 39p "$T_DIR/units")" = 测试联合单位39 ] || t_fail "unit 39: $(sed -n 39p "$T_DIR/units")"
echo ok
