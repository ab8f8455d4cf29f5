#!/bin/sh
# A store that cannot be read whole: the 组织树 shows the Chinese error and
# no part of the tree (the committee read before the damaged branch is not
# listed as if it were everything); R reads again once the record is sound.
# The branch picker (m in a member list) says it cannot list the branches
# instead of offering some of them.
. "$TOP/tests/e2e/lib.sh"
t_init tree-error
"$CAIJI" -d "$DB" demo > /dev/null || t_fail "demo failed"
mdb_dump -s orgs -p "$DB" > "$T_DIR/orgs.dump" || t_fail "mdb_dump failed"
# damage ID: organisation ID's record becomes one byte
damage() {
	printf 'VERSION=3\nformat=print\ntype=btree\nHEADER=END\n \\00\\00\\00\\00\\00\\00\\00\\0%s\n \\01\nDATA=END\n' "$1" |
	    mdb_load -s orgs "$DB" || t_fail "mdb_load failed"
}
damage 2        # the first branch, read after the committee
t_start
t_wait "无法读取组织树"
t_check "已损坏"
t_check "按 R 重新读取"
t_lacks "委员会"                 # no part of the tree
t_keys n
t_wait "不能新建"
# put the record back while caiji runs: R shows the whole tree again
mdb_load -s orgs "$DB" < "$T_DIR/orgs.dump" || t_fail "mdb_load of the saved records failed"
t_keys R
t_gone "无法读取组织树"
t_wait "第一党支部"
t_check "委员会"
# the branch picker over a damaged branch elsewhere in the tree
t_keys Down
t_keys Enter
t_wait "党员名单  中共某某市示范科技有限公司第一党支部"
t_wait "完整"
damage 3
t_keys m
t_wait "无法列出党支部: 数据库读写错误"
t_lacks "转到哪个党支部"
mdb_load -s orgs "$DB" < "$T_DIR/orgs.dump" || t_fail "mdb_load of the saved records failed"
t_keys m
t_wait "转到哪个党支部"
t_keys Escape
t_gone "转到哪个党支部"
t_keys q
t_wait "组织树"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
