#!/bin/sh
# Issue 14.11: the tree shows the report order (the committee's own
# branches, then each 党总支 with its branches), the order the export
# writes; J/K cannot make the two differ: a branch and a 党总支 do not
# trade places, and a move between branches passes a 党总支 stored between.
. "$TOP/tests/e2e/lib.sh"
t_init treeorder
"$CAIJI" demo -d "$DB" >/dev/null || t_fail "demo"
# the demo stores the 联合党支部 after the 党总支
t_start
t_wait "组织树"
t_wait "联合党支部"
tree_names() {
	t_screen | sed -n 's/^[-+ ]*\(中共[^ ]*\).*/\1/p'
}
export_names() {
	rm -rf "$T_DIR/out"; mkdir "$T_DIR/out"
	"$CAIJI" -d "$DB" export --seq 1 --filler 张三 --format csv --draft \
	    -o "$T_DIR/out" >/dev/null 2>&1 || t_fail "export"
	for f in "$T_DIR"/out/*/*本级*.csv "$T_DIR"/out/*/*信息汇总表*党支部*.csv; do
		sed -n 's/^"[0-9]*","\([^"]*\)".*/\1/p' "$f"
	done | uniq
}
# the tree cuts long names in the middle (..): compare on both ends
same_order() {
	tree_names > "$T_DIR/tree"
	export_names > "$T_DIR/export"
	[ "$(wc -l < "$T_DIR/tree")" -eq "$(wc -l < "$T_DIR/export")" ] || return 1
	paste -d '|' "$T_DIR/tree" "$T_DIR/export" | while IFS='|' read -r a b; do
		case $a in
		*..*) h=${a%%..*} tl=${a##*..}
			case $b in "$h"*"$tl") ;; *) exit 1 ;; esac ;;
		*) [ "$a" = "$b" ] || exit 1 ;;
		esac
	done
}
t_settle
same_order || t_fail "tree and export differ: $(paste -d '|' "$T_DIR/tree" "$T_DIR/export")"
# 联合党支部 (the last branch) down past the 党总支: refused, said why
t_keys g j j j                            # 联合党支部
t_settle
t_keys J
t_wait "不能交换"
# 第一党支部 down: it passes 第二党支部 only
t_keys g j J
t_wait "已移动 中共某某市示范科技有限公司第一党支部"
t_settle
same_order || t_fail "after J: tree and export differ: $(paste -d '|' "$T_DIR/tree" "$T_DIR/export")"
t_keys q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
