#!/bin/sh
# cli_review.sh - the 初核/复核 workflow through the real binary (issue 12):
# a branch walked from entry through 初核 (书记签字 first), a return with a
# comment, the fix (an import of the corrected 附件4 row), 初核 again, 复核,
# the lock and 解锁, caiji progress (text and CSV), export refusing until
# 复核 is complete and naming what is missing, export --branch needing 初核,
# import --checked-by-branch with the file's SHA-256 in the audit trail,
# and the usage errors.
. "$TOP/tests/e2e/lib.sh"
T=$(mktemp -d /tmp/caiji-e2e-review.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cd "$T" || exit 1
"$CAIJI" -d db demo > out 2>&1 || { cat out; fail "demo"; }
grep -q "已锁定" out || fail "demo does not say what it reviewed"
C=中共某某市示范科技有限公司委员会
B=中共某某市示范科技有限公司第二党支部
J=中共某某市示范物业服务有限公司联合党支部

# the board: per branch, totals per 党总支 and the committee
"$CAIJI" -d db progress > p.txt || fail "progress"
grep -q "合计 $C" p.txt || { cat p.txt; fail "no committee total"; }
grep -q "合计 中共某某市示范科技有限公司研发中心总支部委员会" p.txt || fail "no 党总支 total"
"$CAIJI" -d db progress --format csv -o p.csv 2>/dev/null || fail "progress csv"
[ "$(stat -c %a p.csv)" = 600 ] || fail "progress csv mode $(stat -c %a p.csv)"
grep -q "^\"党支部\",\"$J\",\"7\",\"7\",\"7\",\"7\",\"7\",\"0\",\"是\",\"复核通过\"," p.csv ||
	{ cat p.csv; fail "joint branch row"; }
grep -q "^\"党支部\",\"$B\",\"8\",\"8\",\"7\",\"0\",\"0\",\"0\",\"否\",\"录入\"," p.csv ||
	{ cat p.csv; fail "second branch row"; }

# export refuses: nothing is 复核通过 but the joint branch; named branch by branch
mkdir out1
"$CAIJI" -d db export --seq 1 --filler 张三 -o out1 --format csv > e.log 2>&1 && fail "export passed"
grep -q "\[未审核\] $B 8 名党员未复核，党组织信息（附件1）未复核" e.log || { cat e.log; fail "missing not named"; }
grep -q "\[未审核\] $J" e.log && fail "the reviewed branch listed"
[ -z "$(ls out1 | grep -v 问题清单)" ] || fail "export wrote something"
# a branch's 附件4 needs 初核: the joint branch has it, the second not
"$CAIJI" -d db export --branch "$J" -o out1 --format csv > e.log 2>&1 || { cat e.log; fail "branch export"; }
"$CAIJI" -d db export --branch "$B" -o out1 --format csv > e.log 2>&1 && fail "unchecked branch exported"
grep -q "7 名党员未初核\|8 名党员未初核" e.log || { cat e.log; fail "branch: missing not named"; }

# 初核 of the 附件1 needs the 书记签字
"$CAIJI" -d db review pass --org "$B" > r.log 2>&1 && fail "org passed unsigned"
grep -q "未记录书记签字" r.log || { cat r.log; fail "unsigned reason"; }
"$CAIJI" -d db review sign --org "$B" --secretary 赵丽娟 --date 2026-05-30 > r.log 2>&1 ||
	{ cat r.log; fail "sign"; }
"$CAIJI" -d db review pass --org "$B" > r.log 2>&1 || { cat r.log; fail "org 初核"; }
grep -q "^初核通过: $B" r.log || { cat r.log; fail "org 初核 message"; }

# the batch: the ineligible member is skipped with why, exit 1
"$CAIJI" -d db review pass --branch "$B" --level 初核 > r.log 2>&1; rc=$?
[ $rc = 1 ] || { cat r.log; fail "batch exit $rc"; }
grep -q "初核通过 7 名" r.log || { cat r.log; fail "batch count"; }
grep -q "刘月琳.*预备期已满" r.log || { cat r.log; fail "skip reason"; }

# a return with a comment about one field, then the fix by a new 附件4 row
mkdir x y
"$CAIJI" -d db export --branch "$B" -o x --format csv --draft > /dev/null 2>&1 || fail "draft branch export"
F=$(ls x/*.csv | head -1)
ID=$(sed -n 2p "$F" | cut -d, -f5 | tr -dc '0-9X')     # 公民身份证号 of the first row
[ -n "$ID" ] || fail "no ID number in the branch export"
"$CAIJI" -d db review return --member "$ID" --field 联系电话 --comment "号码与档案不符" > r.log 2>&1 ||
	{ cat r.log; fail "return"; }
"$CAIJI" -d db progress --format csv | grep -q "^\"党支部\",\"$B\",\"8\",\"8\",\"7\",\"6\",\"0\",\"1\"," ||
	{ "$CAIJI" -d db progress --format csv; fail "return not counted"; }
"$CAIJI" -d db log > log.txt 2>&1
grep -q "退回（联系电话）: 号码与档案不符" log.txt || { tail log.txt; fail "return not in the audit trail"; }
# passing 初核 again closes it (the owner's next step for a 录入 record)
"$CAIJI" -d db review pass --member "$ID" > r.log 2>&1 || { cat r.log; fail "初核 again"; }
grep -q "^初核通过" r.log || { cat r.log; fail "not 初核"; }
"$CAIJI" -d db log > log.txt 2>&1
grep -q "初核通过（关闭退回意见 1 条）" log.txt || { tail log.txt; fail "return not closed"; }

# 复核 of the branch and its 附件1, then the lock
"$CAIJI" -d db review pass --branch "$B" --level 复核 > r.log 2>&1
grep -q "复核通过 7 名" r.log || { cat r.log; fail "复核 count"; }
"$CAIJI" -d db review pass --org "$B" > r.log 2>&1 || { cat r.log; fail "org 复核"; }
grep -q "^复核通过: $B" r.log || fail "org 复核 message"
"$CAIJI" -d db review return --member "$ID" --comment x > r.log 2>&1 && fail "return of a locked record"
grep -q "解锁" r.log || { cat r.log; fail "locked message lacks 解锁"; }
"$CAIJI" -d db review unlock --member "$ID" > r.log 2>&1 && fail "unlock without a reason"
"$CAIJI" -d db review unlock --member "$ID" --reason "档案核对" > r.log 2>&1 || { cat r.log; fail "unlock"; }
"$CAIJI" -d db review pass --member "$ID" > r.log 2>&1 || { cat r.log; fail "复核 after unlock"; }

# export of the folder still names the other branches; --draft writes it
"$CAIJI" -d db export --seq 1 --filler 张三 -o out1 --format csv > e.log 2>&1 && fail "export passed"
# (the branch's 附件1 is reviewed; its member with the unconfirmed warning is not)
grep -q "^\[未审核\] $B 1 名党员未复核$" e.log || { cat e.log; fail "what is left of the branch"; }
"$CAIJI" -d db export --seq 1 --filler 张三 -o out1 --format csv --draft > e.log 2>&1 || { cat e.log; fail "draft export"; }

# import --checked-by-branch: the branch's 附件4 marked 初核, with its SHA-256
"$CAIJI" -d db2 demo > /dev/null 2>&1 || fail "demo 2"
B1=中共某某市示范科技有限公司研发中心第一党支部
"$CAIJI" -d db export --branch "$B1" -o y --format csv --draft > /dev/null 2>&1 || fail "branch file"
G=$(ls y/*.csv | head -1)
SUM=$(sha256sum "$G" | cut -c1-64)
"$CAIJI" -d db2 import --checked-by-branch "$G" > i.log 2>&1 || { cat i.log; fail "import"; }
grep -q "按党支部已初核" i.log || { cat i.log; fail "import: no count of checked"; }
"$CAIJI" -d db2 log > log2.txt 2>&1
grep -q "按党支部已初核导入: .* SHA-256 $SUM" log2.txt || { grep 按党支部 log2.txt | head -3; fail "no SHA-256 in the audit"; }
"$CAIJI" -d db2 progress --format csv | grep -q "^\"党支部\",\"$B1\",\"8\",\"8\",\"8\",\"8\",\"0\"," ||
	{ "$CAIJI" -d db2 progress --format csv; fail "imported members not 初核"; }

# an import that would change a locked record is refused for that row
mkdir z
"$CAIJI" -d db export --branch "$J" -o z --format csv > /dev/null 2>&1 || fail "joint branch file"
H=$(ls z/*.csv | head -1)
sed '2s/,"\t1[0-9]\{10\}",/,"\t13912345678",/' "$H" > z/changed.csv
cmp -s "$H" z/changed.csv && fail "fixture: the phone was not changed"
"$CAIJI" -d db import z/changed.csv > i.log 2>&1 && fail "a locked record was changed by an import"
grep -q "第2行.*锁定\|锁定" i.log || { cat i.log; fail "import: no lock message"; }
grep -q "整个文件未导入" i.log || { cat i.log; fail "import: the file was not refused as a whole"; }

# usage
"$CAIJI" -d db review frob > /dev/null 2>&1; [ $? = 2 ] || fail "unknown subcommand"
"$CAIJI" -d db review pass > r.log 2>&1 && fail "pass without a record"
"$CAIJI" -d db review return --member "$ID" > r.log 2>&1 && fail "return without a comment"
"$CAIJI" -d db review sign --org "$B" > r.log 2>&1 && fail "sign without a name"
"$CAIJI" -d db progress --format xml > r.log 2>&1 && fail "bad format"
echo PASS
