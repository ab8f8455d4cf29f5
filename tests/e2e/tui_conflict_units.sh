#!/bin/sh
# Two clerks edit the same 联合党支部 (its unit pages are a heap array that
# the form owns): one adds a unit page and renames the secretary, the other
# renames a unit and the secretary too.  The second save asks about both
# (the secretary with both values, the units by their page counts); T takes
# theirs, whose four pages the form then shows, saves, and shows again in a
# new process.  Under ASan (make e2e-asan) no unit array may be freed twice
# or read after it is freed.
. "$TOP/tests/e2e/lib.sh"
. "$TOP/tests/e2e/joint-lib.inc"
t_init conflictunits
joint_branches 3 "$T_DIR/$BRANCHES"
"$CAIJI" -d "$DB" import "$DATA/中共测试科技有限公司委员会党组织和所在单位信息汇总表(基层党委本级).csv" \
    "$T_DIR/$BRANCHES" > "$T_DIR/out" 2>&1 || { cat "$T_DIR/out"; t_fail "import"; }

# both clerks open the joint branch
for T_PANE in app two; do
	t_start
	t_wait "$J"
	t_keys Down Down
	t_keys e
	t_wait "单位附页 1/3"
done

# clerk one: a new secretary and a fourth unit page, saved
T_PANE=app
t_keys Tab
t_keys C-u
t_type "一号书记"; t_keys Tab
t_keys C-b                                # back from page 1: the last page
t_wait "单位附页 3/3"
t_keys C-n
t_wait "已增加单位附页 4"
t_type "一号加的单位"; t_keys Tab
t_keys C-d
t_wait "已复制上一单位"
t_keys Tab C-d
t_wait "已复制上一单位: 建立联合党支部的"
t_keys Tab
t_type "51230004X"
t_wait "51230004"
t_keys F2
t_wait "已保存 $J"

# clerk two, on the version both opened: another secretary, unit 1 renamed
T_PANE=two
t_keys Tab
t_keys C-u
t_type "二号书记"; t_keys Tab
t_keys C-f
t_wait "单位附页 2/3"
t_keys C-b
t_wait "单位附页 1/3"
t_keys C-u
t_type "二号改的单位"; t_keys Tab
t_keys F2
t_wait "保存冲突"
t_check "您的: 二号书记"
t_check "对方: 一号书记"
t_check "单位附页 您的 3 页 | 对方的 4 页"
t_keys t
t_wait "已保存 $J"
t_check "一号书记"
t_match "单位附页 [0-9]/4"
# what was stored: their four pages, unit 1 not renamed (a new process)
t_keys Escape
t_wait "组织树"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
T_PANE=app
t_keys Escape
t_wait "组织树"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status (clerk one)"
t_start
t_wait "$J"
t_keys Down Down
t_keys e
t_wait "单位附页 1/4"
t_check "测试联合单位1"
t_lacks "二号改的单位"
t_keys C-b
t_wait "单位附页 4/4"
t_check "一号加的单位"
t_keys Escape
t_wait "组织树"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
