#!/bin/sh
# The conditional items of the member form: 预备党员 shows 转为正式党员日期 as (不适用) and Tab passes it;
# 是否为失联党员 是 shows 失去联系日期 (dates typed as 2025.7.1, 2025/12/1 or
# 2025.12 with its message); 是否为流动党员 是 shows 外出流向, typed by pinyin
# initials (only the candidates the status line shows can be picked by digit;
# F4 opens the list filtered by what was typed) or by its 6-digit code.
. "$TOP/tests/e2e/lib.sh"
t_init flags
t_start
t_wait "组织树"
t_new_branch "中共流动测试支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_type "孙流动"; t_keys Tab                # 性别 passed until the ID number
t_type "01"                              # the whole code moves on
t_type "330106198507150013"
t_wait "身份证号有效"
t_type "dx"; t_type "1"
t_check "   失去联系日期         (不适用)"  # kept in place (issue 14.4)
t_check "   外出流向             (不适用)"
t_type "ybdy"                            # 预备党员 (moves on): 转为正式党员日期 does not apply
t_wait "7 人员类别             预备党员"
t_wait "10 转为正式党员日期     (不适用)"  # shown, and Tab passes it:
t_type "2025.7.1"; t_keys Tab
t_wait "9 加入党组织日期       2025-07-01"
t_type "gwy"
t_type "13912345670"
t_type "杭州市西湖区文三路1号"; t_keys Tab  # on to 确认方式: 正常, 否, 否 passed
t_keys BTab BTab                         # back to 是否为失联党员 (the (不适用) ones passed)
t_wait "15 是否为失联党员       否"
t_type "s"                               # 是否为失联党员 是: moves on
t_gone "失去联系日期         (不适用)"
t_type "2025.12"; t_keys Tab
t_wait "只知道年月时填该月1日"
t_keys BTab C-u
t_type "2025/12/1"; t_keys Tab
t_wait "失去联系日期         2025-12-01"
t_type "s"                               # 是否为流动党员 是 (visited again after the
                                         # clerk went back into the defaults)
t_gone "外出流向             (不适用)"
t_type "内蒙古自治区鄂尔多斯市某某旗"     # no such entry: the hint is not cut off
t_wait "外出流向: 没有这个选项, 按 F4 或空格打开列表"
t_keys C-u
t_type "xhq"
t_wait "…共 11 项, F4 全部"
# the third candidate is not on the status line: its digit picks nothing
t_lacks " 3 河北省沧州市新华区"            # the third candidate
t_keys F4
t_wait "筛选: xhq"
t_check "330106 浙江省杭州市西湖区"
t_keys Escape
t_gone "筛选: xhq"
t_keys C-u
t_type "330106"                          # the whole code: taken, on to 确认方式
t_wait "外出流向             浙江省杭州市西湖区"
t_type "2"                               # 确认方式 他人代填 (a 失联党员 cannot sign)
t_keys F2
# 失联 and 流动 at once contradict the source's definitions: confirmed once
t_wait "请确认提醒"
t_check "失联党员是尚未取得联系的党员"
t_keys y
t_wait "已保存 孙流动 (完整)"
t_keys Escape
t_wait "党员名单"
t_keys Enter
t_wait "失去联系日期         2025-12-01"
t_check "外出流向             浙江省杭州市西湖区"
t_check "确认方式             他人代填"
t_check "10 转为正式党员日期     (不适用)"  # not for a 预备党员
t_keys C-q
[ "$(t_exit)" = 0 ] || t_fail "exit status"
echo ok
