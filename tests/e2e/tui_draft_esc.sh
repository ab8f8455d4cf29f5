#!/bin/sh
# An invalid ID number shows its message, the record is kept as a marked
# draft; a warning is confirmed once on save (or the record stays a draft);
# Esc after typing asks 保存/放弃/返回 and never discards silently.
. "$TOP/tests/e2e/lib.sh"
t_init draft
t_start
t_wait "组织树"
t_new_branch "中共草稿测试支部委员会"
t_keys Enter
t_wait "党员名单"
t_keys n
t_wait "公民身份证号"
t_type "赵错号"; t_keys Tab                # 性别 passed until the ID number
t_type "01"                          # the whole code: on to the ID number
t_type "110105194912310021"          # wrong check character (X expected)
t_wait "公民身份证号:"
t_check "校验"
t_check "4 公民身份证号       !"
# the clerk can move on (no dead end) and save: a marked draft
t_keys F2
t_wait "已保存为草稿"
t_check "[草稿]"
t_keys Escape
t_wait "党员名单"
t_check "赵错号"
t_check "草稿!"
t_check "草稿 1"

# a warning (a fixed line instead of a mobile) is confirmed once on save
t_keys n
t_wait "公民身份证号"
t_member_fill "李固话" "110108198001010015" "01" "南京市玄武区中山路1号" "025-84561234"
t_keys F2
t_wait "请确认提醒"
t_check "手机"
t_keys y
t_wait "已保存 李固话 (完整)"
# not confirmed: kept as a draft
t_member_fill "王未确认" "110108199006200031" "01" "南京市玄武区中山路2号" "025-84561235"
t_keys F2
t_wait "请确认提醒"
t_keys n
t_wait "已保存为草稿: "
t_check "(错误 0, 未确认提醒 1)"
t_keys Escape
t_wait "党员名单"
t_match "李固话.*完整"
t_match "王未确认.*草稿"
# the confirmation was recorded with the record: saving again asks nothing,
# and with nothing changed writes nothing (no new version)
row=$(t_screen | grep -n "李固话" | cut -d: -f1)
i=3
while [ $i -lt "$row" ]; do t_keys j; i=$((i + 1)); done
t_keys Enter
t_wait "南京市玄武区中山路1号"
before=$(mdb_dump -s members "$DB" | md5sum)
t_keys F2
t_wait "没有修改, 无需保存 (完整)"
t_check "[完整]"
[ "$(mdb_dump -s members "$DB" | md5sum)" = "$before" ] || t_fail "an unchanged save wrote"
# a change is saved, without asking again
t_keys Up Up Up Up Up Up                 # 姓名 -> (wrap) 备注 ... 13 家庭住址
t_keys End
t_type "甲"
t_keys F2
t_wait "已保存 李固话 (完整)"
t_check "南京市玄武区中山路1号甲"
t_keys Escape
t_wait "党员名单"

# Esc after typing asks; R returns with the text kept
t_keys n
t_wait "公民身份证号"
t_type "钱未存"
t_keys Escape
t_wait "有未保存的修改"
t_keys r
t_gone "有未保存的修改"
t_check "钱未存"
# Esc again, then 放弃: the list has no 钱未存
t_keys Escape
t_wait "有未保存的修改"
t_keys d
t_wait "党员名单"
t_gone "钱未存"
# Ctrl-Q with changes asks too; S saves, then the program ends
t_keys n
t_wait "公民身份证号"
t_type "孙要存"
t_keys C-q
t_wait "有未保存的修改"
t_keys s
[ "$(t_exit)" = 0 ] || t_fail "exit status"
t_db_has "孙要存" || t_fail "孙要存 not saved"
t_db_has "钱未存" && t_fail "钱未存 was saved"
exit 0
