#!/bin/sh
# caiji validate FIELD VALUE: verdict line, normalised value, exit 0/1/2/3;
# caiji validate --list KEY.  Needs no database.
. "$TOP/tests/e2e/lib.sh"
fails=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# expect STATUS FIELD VALUE PATTERN...: exit status, then fixed strings that
# must all appear in stdout.
expect() {
	want=$1 field=$2 value=$3
	shift 3
	"$CAIJI" validate "$field" "$value" > "$out" 2> "$err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: validate $field '$value': exit $got, want $want"
		cat "$out" "$err"
		fails=$((fails + 1))
		return
	fi
	for p in "$@"; do
		if ! grep -qF -- "$p" "$out"; then
			echo "FAIL: validate $field '$value': no '$p' in:"
			cat "$out"
			fails=$((fails + 1))
		fi
	done
}

expect 0 idcard 11010519491231002X "ok" "规范值	11010519491231002X" "性别	女" "出生日期	1949-12-31"
expect 0 idcard 11010519491231002x "规范值	11010519491231002X"
expect 1 idcard 110105194912310021 "error	公民身份证号:校验位应为X"
expect 1 idcard 110105491231002 "error	公民身份证号:15位旧号码" "建议值	11010519491231002X"
expect 1 idcard "" "公民身份证号:必填"
expect 0 uscc 914403001922038216 "ok" "规范值	914403001922038216"
expect 0 uscc 91440300708461136t "规范值	91440300708461136T"
expect 1 uscc 91440300708461136A "统一社会信用代码校验位应为T"
expect 0 orgcode 70846113-6 "规范值	708461136"
expect 1 orgcode 70846113-5 "组织机构代码校验位应为6"
expect 0 unitcode 19220382-1 "ok	组织机构代码"
expect 0 unitcode 914403001922038216 "ok	统一社会信用代码"
expect 1 unitcode 12345 "应为18位统一社会信用代码或9位组织机构代码"
expect 0 mobile 13812345678 "规范值	13812345678"
expect 1 mobile 12812345678 "error	手机号码:"
expect 0 phone 057188888888 "规范值	0571-88888888"
expect 2 memberphone 010-12345678 "warning	联系电话:为固定电话"
expect 0 date "2024年3月5日" "规范值	2024-03-05"
expect 0 date "２０２４．３．５" "规范值	2024-03-05"
expect 1 date 2023-02-29 "error	日期:不是有效日期"
expect 0 name "阿卜杜•热合曼" "规范值	阿卜杜·热合曼"
expect 1 name "张三1" "姓名:不能含有数字"
expect 2 address "浙江省杭州市西湖区" "warning	家庭住址:应填写到门牌号"
expect 0 address "浙江省杭州市西湖区文三路90号"
expect 2 orgname "第一党支部" "党组织名称:缺少单位名称"
# issue 10: what is missing is named; plausibility of codes, dates, phones
expect 2 orgname "中共某某公司" "党组织名称:缺少党组织类型"
expect 2 orgname "一支部" "党组织名称:缺少单位名称"
expect 2 orgname "中共一支部" "党组织名称:缺少单位名称"
expect 2 idcard 110000199001011235 "前6位地址码110000是省级代码"
expect 2 orgcode 00000000-0 "像是占位代码"
expect 1 date 240305 "年份应写全四位"
expect 1 date 45356 "Excel的日期序列号(对应2024-03-05)"
expect 0 mobile "(+86)138 1234 5678" "规范值	13812345678"
expect 2 name "$(printf '王\342\200\256芳')" "零宽字符或文字方向控制字符" "规范值	王芳"
expect 1 unit_party_status 未建立党组织 "不在代码表中"
# CAIJI_TODAY pins the date rules like in every other command
export CAIJI_TODAY=2020-01-01
expect 1 date 2024-03-05 "日期:不能晚于今天(2020-01-01)"
expect 1 idcard 110105202001020010 "晚于今天"
unset CAIJI_TODAY
expect 0 ethnicity 01 "规范值	汉族"
expect 1 ethnicity hz "汉族" "回族"
expect 0 org_category dzb "规范值	党支部"
expect 1 org_category 党组 "不在代码表中"
expect 0 region 330106 "规范值	浙江省杭州市西湖区"
expect 1 region 浙江省杭州市 "error	外出流向:应为县级行政区划"
expect 0 confirm_method wxqr "规范值	微信确认"
# invalid UTF-8 is an error, not a crash
expect 1 name "$(printf '\377\376')" "无效的字符编码"

# unknown field: exit 3, the known fields listed on stderr
"$CAIJI" validate nosuch x > "$out" 2> "$err"
rc=$?
if [ $rc -ne 3 ] || ! grep -qF "未知字段" "$err" || ! grep -qF "idcard" "$err" ||
    ! grep -qF "ethnicity(民族)" "$err"; then
	echo "FAIL: unknown field: exit $rc"; cat "$err"; fails=$((fails + 1))
fi
"$CAIJI" validate idcard > "$out" 2> "$err"
[ $? -eq 3 ] || { echo "FAIL: missing value not a usage error"; fails=$((fails + 1)); }

# --list
"$CAIJI" validate --list ethnicity > "$out" 2> "$err"
rc=$?
if [ $rc -ne 0 ] || [ "$(wc -l < "$out")" -ne 58 ] ||
    ! grep -qF "$(printf '01\t汉族\thz')" "$out"; then
	echo "FAIL: --list ethnicity: exit $rc"; head -3 "$out"; fails=$((fails + 1))
fi
"$CAIJI" validate --list org_category > "$out" 2>&1
if grep -qF "党小组" "$out" || ! grep -qF "党工委" "$out"; then
	echo "FAIL: --list org_category"; cat "$out"; fails=$((fails + 1))
fi
"$CAIJI" validate --list nosuch > "$out" 2> "$err"
[ $? -eq 3 ] || { echo "FAIL: --list nosuch"; fails=$((fails + 1)); }

# --rules: every rule key with its severity
"$CAIJI" validate --rules > "$out" 2> "$err"
if [ $? -ne 0 ] || ! grep -qF "$(printf 'birth_differs\twarning\t')" "$out" ||
    ! grep -qF "$(printf 'sex_mismatch\terror\t')" "$out"; then
	echo "FAIL: --rules"; head -3 "$out"; fails=$((fails + 1))
fi

[ $fails -eq 0 ] && echo "validate_cli: all passed"
[ $fails -eq 0 ]
