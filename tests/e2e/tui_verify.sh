#!/bin/sh
# Double keying (issue 14.15): on a branch, v marks a sample (every Nth,
# recorded with who and how), a second keying of a sampled member in an
# empty form (the first keying hidden) is compared field by field, each
# difference resolved by a choice that is saved and recorded, and
# `caiji verify --report` and v's report give the agreement per operator.
. "$TOP/tests/e2e/lib.sh"
t_init verify
ME=$(id -un)
t_start
t_wait "组织树"
t_new_branch "中共核对测试支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_member_fill "孙核对" "110108198001010015" "hz 1" "天津市和平区南京路1号"
t_keys F2
t_wait "已保存 孙核对 (完整)"
t_member_fill "周核对" "110108198002020012" "hz 1" "天津市和平区南京路2号"
t_keys F2
t_wait "已保存 周核对 (完整)"
t_keys Escape
t_wait "党员名单"
t_keys Escape
t_wait "组织树"

# the sample: every 2nd member -> 周核对
t_keys v
t_wait "抽样: 标记本支部要核对的记录"
t_type "1"; t_keys Enter
t_wait "每隔几条抽一条"
t_type "2"; t_keys Enter
t_wait "已抽取 1 条待核对 (每2条; 共 2 名党员)"

# the second keying, blind: the form is empty
t_keys v
t_wait "抽样: 标记本支部要核对的记录"
t_type "2"; t_keys Enter
t_wait "党员名单第 2 条的采集表"
t_keys y
t_wait "[核对录入, F2 比对]"
t_gone "周核对"
t_gone "南京路2号"
# keyed again with a different address (the second keying is right)
t_member_fill "周核对" "110108198002020012" "hz 1" "天津市和平区南京路20号"
t_keys F2
t_wait "双录核对: 两次录入不同"
t_check "家庭住址 (第 1/1 处不同)"
t_check "1 第一次录入: 天津市和平区南京路2号"
t_check "2 核对录入:   天津市和平区南京路20号"
t_keys 2
t_wait "核对完成:"
t_check "用第一次的 0 项, 用核对的 1 项"
t_keys Escape
t_wait "组织树"

# the choice is saved; the outcome is recorded per operator
t_db_has "天津市和平区南京路20号" || t_fail "the choice was not saved"
"$CAIJI" -d "$DB" verify --report > "$T_DIR/rep" || t_fail "verify --report failed"
cat "$T_DIR/rep"
grep -q "已核对 1 条, 待核对 0 条" "$T_DIR/rep" || t_fail "counts"
grep -q "^$ME " "$T_DIR/rep" || t_fail "no row for $ME"
grep "^$ME " "$T_DIR/rep" | grep -q "%" || t_fail "no rate"

t_keys v
t_wait "抽样: 标记本支部要核对的记录"
t_type "3"; t_keys Enter
t_wait "双录核对一致率"
t_check "已核对 1 条"
t_keys Enter
t_wait "组织树"
t_keys v
t_wait "抽样"
t_type "2"; t_keys Enter
t_wait "没有待核对的记录"
exit 0
