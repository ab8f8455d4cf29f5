#!/bin/sh
# Fewer keys per member record (issue 14, keys per record), none of them
# taking a value the clerk did not mean:
# - a coded field moves on when what is typed answers it whole: the code
#   to the width of the list's codes ("05", not "1", the start of 10-19),
#   or the whole pinyin initials of one entry ("gwy"); an ambiguous ("dx")
#   or unfinished ("zs") answer waits (Tab takes a unique start);
# - Tab passes a new member's defaults (正常, 否, 否); Shift-Tab goes back
#   to them, and Tab then visits them (on from 失联 to 流动);
# - + in 转为正式党员日期 fills the day one year after 加入党组织日期, and
#   says why when it cannot (no 入党日期 yet, 2月29日).
. "$TOP/tests/e2e/lib.sh"
t_init entrykeys
t_start
t_wait "组织树"
t_new_branch "中共按键测试支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
_row() { t_cursor | cut -d, -f2; }
# the cursor's screen line shows LABEL, once the screen has settled
_on() { t_settle; t_screen | sed -n "$(($(_row) + 1))p" | grep -qF -- "$1"; }
on() { _on "$1" || t_fail "cursor not on $1: $(t_screen | sed -n "$(($(_row) + 1))p")"; }

t_type "阿依古丽·买买提"; t_keys Tab
on "3 民族"
t_type "1"                                # the start of 10-19: waits
t_wait "Enter 确认: 1 汉族"
on "3 民族"
t_keys C-u
t_type "05"                               # whole: 维吾尔族, on to the ID number
t_wait "3 民族                 维吾尔族"
on "4 公民身份证号"
t_type "650102199702140463"
t_wait "身份证号有效"
on "6 学历"
t_type "dx"                               # 大学 or 大学普通班: waits
t_wait "按数字选择"
on "6 学历"
t_type "1"
t_wait "6 学历                 大学"
on "7 人员类别"
t_type "zs"                               # a unique start: waits, Tab takes it
t_wait "Enter 确认: 1 正式党员"
on "7 人员类别"
t_keys Tab
t_wait "7 人员类别             正式党员"
on "9 加入党组织日期"
t_type "+"                                # only for 转正日期
t_wait "+ 只用于转为正式党员日期"
t_keys Tab
on "10 转为正式党员日期"
t_type "+"                                # no 入党日期 to count from yet
t_wait "加入党组织日期还没有正确填写"
t_keys BTab
on "9 加入党组织日期"
t_type "20180301"                         # 8 digits: on to 转正日期
on "10 转为正式党员日期"
t_type "+"                                # one year after 入党, and on
t_wait "10 转为正式党员日期     2019-03-01"
on "11 工作岗位"
t_type "gwy"                              # whole initials: on
t_wait "11 工作岗位             公务员"
on "12 联系电话"
t_type "15999012345"
on "13 家庭住址"
t_type "北京市海淀区学院路37号"; t_keys Tab
on "确认方式"                             # 正常, 否, 否 passed
t_check "14 党籍状态             正常"
t_keys BTab                               # back to 16 (外出流向 does not apply)
on "16 是否为流动党员"
t_type "s"                                # 是: on to 外出流向, which applies now
on "外出流向"
t_type "440305"
t_wait "外出流向             广东省深圳市南山区"
on "确认方式"
t_type "1"                                # 本人签字: on to 备注
t_wait "确认方式             本人签字"
on "备注"
t_keys F2
t_wait "已保存 阿依古丽·买买提 (完整)"
# the next member: went back into the defaults, Tab visits the rest
t_wait "请录入下一名党员"
t_type "李丽"; t_keys Tab
t_type "01"
t_type "110105198811250249"
t_wait "身份证号有效"
t_type "06"
t_type "1"                                # 正式党员 (codes 1 and 2: "1" is whole)
t_wait "7 人员类别             正式党员"
t_type "20120229"
on "10 转为正式党员日期"
t_type "+"                                # 2月29日: typed in full
t_wait "加入党组织日期是2月29日"
on "10 转为正式党员日期"
t_type "20130301"
t_type "01"                               # 公务员
t_type "18612345678"
t_type "北京市西城区德胜门外大街10号"; t_keys Tab
on "确认方式"
t_keys BTab BTab                          # to 15 是否为失联党员
on "15 是否为失联党员"
t_keys Tab                                # kept 否: on to 流动, visited now
on "16 是否为流动党员"
t_keys Tab
on "确认方式"
t_type "1"
t_keys F2
t_wait "已保存 李丽 (完整)"
t_keys Escape
t_wait "党员名单"
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
# what the keys gave, as stored (the branch's 附件4 needs its members
# 初核通过, review.h: the owner passes them first)
mkdir "$T_DIR/exp"
"$CAIJI" -d "$DB" review pass --branch "中共按键测试支部委员会" > /dev/null || t_fail "初核"
"$CAIJI" export -d "$DB" --branch "中共按键测试支部委员会" -o "$T_DIR/exp" --format csv \
    --plain > /dev/null || t_fail "export"
grep -q '"阿依古丽·买买提","女","维吾尔族","650102199702140463","1997-02-14","大学","正式党员","中共按键测试支部委员会","2018-03-01","2019-03-01","公务员","15999012345","北京市海淀区学院路37号","正常","否","","是","广东省深圳市南山区"' \
    "$T_DIR"/exp/*.csv || { cat "$T_DIR"/exp/*.csv; t_fail "the first record as stored"; }
grep -q '"李丽","女","汉族","110105198811250249","1988-11-25","大学","正式党员","中共按键测试支部委员会","2012-02-29","2013-03-01","公务员","18612345678","北京市西城区德胜门外大街10号","正常","否","","否",""' \
    "$T_DIR"/exp/*.csv || { cat "$T_DIR"/exp/*.csv; t_fail "the second record as stored"; }
exit 0
