#!/bin/sh
# Type a new branch and two members (Chinese name and address, an ID number
# that fills 性别 and 出生日期, 民族 by pinyin initials and by code), save,
# quit, reopen: every value is on screen and in the database (mdb_dump).
. "$TOP/tests/e2e/lib.sh"
t_init entry
t_start
t_wait "组织树"
t_new_branch "中共测试公司第一支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_member_fill "王小明" "11010519491231002X" "hz 1" "北京市海淀区中关村大街1号"
t_check "性别                 女"
t_check "出生日期             1949-12-31"
t_check "民族                 汉族"
t_keys F2
t_wait "已保存 王小明 (完整)"
# straight on to the next member: 民族 by its code
# a Chinese IME in full-width mode: digits arrive as １３６…, kept as 136…
t_member_fill "欧阳·娜仁" "110108198503150026" "03" "上海市浦东新区世纪大道100号3栋" "１３６１２３４５６７８"
t_check "联系电话             13612345678"
t_check "民族                 回族"
t_check "出生日期             1985-03-15"
t_keys F2
t_wait "已保存 欧阳·娜仁 (完整)"
t_keys Escape
t_wait "党员 2 人: 正式 2"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"

# the database, read by LMDB's own tool
for v in 王小明 北京市海淀区中关村大街1号 11010519491231002X 1949-12-31 女 汉族 13612345678 \
    欧阳·娜仁 回族 上海市浦东新区世纪大道100号3栋 大学 正式党员 公务员 本人签字; do
	t_db_has "$v" || t_fail "database lacks $v"
done

# reopen: on screen
t_start
t_wait "组织树"
t_wait "中共测试公司第一支部委员会"
t_check "     2      2      0     0"
t_keys Enter
t_wait "王小明"
t_check "欧阳·娜仁"
t_keys Enter
t_wait "公民身份证号"
for v in "王小明" "女" "汉族" "11010519491231002X" "1949-12-31" "大学" "正式党员" \
    "中共测试公司第一支部委员会" "2010-07-01" "2011-07-01" "公务员" "13912345678" \
    "北京市海淀区中关村大街1号" "正常" "本人签字" "[完整]"; do
	t_check "$v"
done
t_keys Escape
t_wait "党员名单"
t_keys j Enter
t_wait "上海市浦东新区世纪大道100号3栋"
t_check "回族"
t_keys F10
[ "$(t_exit)" = 0 ] || t_fail "exit status after F10"
echo "keys: $T_KEYS"
