#!/bin/sh
# h on a member shows its audit trail (an import's change with the old and
# new value) and u puts the earlier value back: recorded as 撤销 naming the
# entry, the chain still intact; h on an organisation shows its creation.
. "$TOP/tests/e2e/lib.sh"
t_init history
D=$TOP/tests/e2e/import-data
C=中共测试科技有限公司委员会
"$CAIJI" -d "$DB" import "$D/$C党组织和所在单位信息汇总表(基层党委本级).csv" \
    "$D/$C党组织和所在单位信息汇总表(党支部).csv" "$D/$C党员基本信息汇总表.csv" >/dev/null ||
    t_fail "import"
"$CAIJI" -d "$DB" import "$D"/merge-ok/*.csv >/dev/null || t_fail "merge import"
t_start
t_wait "组织树"
t_keys h
t_wait "修改记录"
t_wait "新建 (导入)"                    # created by the import: one entry, no values
t_keys Escape
t_wait "组织树"
t_keys j Enter
t_wait "党员名单"
t_wait "李娜"
t_keys j h
t_wait "修改记录"
t_wait "家庭住址: 北京市海淀区中关村大街1号院2号楼301室 → 北京市海淀区学院路"
t_check "(导入)"
t_keys u
t_wait "撤销修改?"
t_keys y
t_wait "已恢复「家庭住址」为修改前的值"
t_wait "撤销: 恢复第"
t_keys q
t_wait "党员名单"
t_keys q
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
"$CAIJI" -d "$DB" log --member 110108198502020027 > "$T_DIR/log" || t_fail "log"
grep -q "撤销党员  李娜" "$T_DIR/log" || t_fail "undo not in the log: $(cat "$T_DIR/log")"
grep -q "家庭住址: 北京市海淀区学院路30号5号楼102室 → 北京市海淀区中关村大街1号院2号楼301室" \
    "$T_DIR/log" || t_fail "undo values"
"$CAIJI" -d "$DB" log --verify >/dev/null || t_fail "chain after the undo"
