/* test_validate.c - field checks, record rules, normalisation, confirmations. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "codelist.h"
#include "validate.h"

#include "app.h"

#define TODAY "2025-06-01"

static const char *const idx_ok = "11010519491231002X";   /* GB 11643 example */

/* ---------- ID numbers ---------- */

Test(idcard, standard_example_and_derived_fields)
{
	struct verdict v;

	cr_assert_eq(validate_field(VK_IDCARD, NULL, idx_ok, &v), SEV_OK, "%s", v.msg);
	cr_assert_str_eq(v.norm, idx_ok);
	cr_assert_str_eq(v.sex, "女");
	cr_assert_str_eq(v.birth, "1949-12-31");
	cr_assert_null(v.rule);
	cr_assert_str_eq(v.msg, "");
	cr_assert_eq(idcard_check_char("11010519491231002"), 'X');
	cr_assert_eq(idcard_check_char("1101051949123100a"), 0);
	/* lower-case x, full-width digits and spaces are normalised */
	cr_assert_eq(validate_field(VK_IDCARD, NULL, " 11010519491231002x ", &v), SEV_OK);
	cr_assert_str_eq(v.norm, idx_ok);
	cr_assert_eq(validate_field(VK_IDCARD, NULL, "１１０１０５１９４９１２３１００２Ｘ", &v), SEV_OK);
	cr_assert_str_eq(v.norm, idx_ok);
}

Test(idcard, check_character_message)
{
	struct verdict v;

	cr_assert_eq(validate_field(VK_IDCARD, NULL, "110105194912310021", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "idcard_check");
	cr_assert_str_eq(v.msg, "公民身份证号:校验位应为X");
	cr_assert_eq(validate_field(VK_IDCARD, "身份证", "110105194912310021", &v), SEV_ERROR);
	cr_assert_str_eq(v.msg, "身份证:校验位应为X");
}

Test(idcard, fifteen_digits_offered_eighteen)
{
	struct verdict v;
	char out[19];

	cr_assert_eq(idcard_upgrade15("110105491231002", out), 0);
	cr_assert_str_eq(out, idx_ok);
	cr_assert_eq(idcard_upgrade15("11010549123100", out), -1);
	cr_assert_eq(idcard_upgrade15("11010549123100X", out), -1);
	cr_assert_eq(validate_field(VK_IDCARD, NULL, "110105491231002", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "idcard_15");
	cr_assert_str_eq(v.alt, idx_ok);
	cr_assert_str_eq(v.norm, "110105491231002", "never upgraded silently");
	cr_assert_not_null(strstr(v.msg, idx_ok));
}

Test(idcard, malformed_numbers)
{
	struct verdict v;

	cr_assert_eq(validate_field(VK_IDCARD, NULL, "", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "required");
	cr_assert_str_eq(v.msg, "公民身份证号:必填");
	cr_assert_eq(validate_field(VK_IDCARD, NULL, "1101051949123100", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "idcard_length");
	cr_assert_eq(validate_field(VK_IDCARD, NULL, "1101051949123100A2", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "idcard_chars");
	cr_assert_eq(validate_field(VK_IDCARD, NULL, "11010519491331002X", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "idcard_birth");
	/* a real date in the future */
	{
		char id[19] = "11010521000101001";

		id[17] = idcard_check_char(id);
		id[18] = '\0';
		cr_assert_eq(validate_field(VK_IDCARD, NULL, id, &v), SEV_ERROR);
		cr_assert_str_eq(v.rule, "idcard_birth");
	}
	cr_assert_eq(validate_field(VK_IDCARD, NULL, "张三", &v), SEV_ERROR);
}

Test(idcard, unknown_address_code_is_a_warning)
{
	struct verdict v;
	char id[19] = "99990019800101001";

	id[17] = idcard_check_char(id);
	id[18] = '\0';
	cr_assert_eq(validate_field(VK_IDCARD, NULL, id, &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "idcard_region");
	cr_assert_str_eq(v.sex, "男");
	cr_assert_str_eq(v.birth, "1980-01-01");
}

/* Valid ID numbers for the generated tests, check characters computed. */
static void
make_ids(char ids[][19], size_t n)
{
	static const char *const base[] = {
		"11010519491231002", "44030419900307123", "33010619850715321",
		"51010719701122456", "65010219991231987", "23010320000229001",
		"37010219780808888", "11010119600101003",
	};
	size_t i;

	for (i = 0; i < n; i++) {
		memcpy(ids[i], base[i], 17);
		ids[i][17] = idcard_check_char(base[i]);
		ids[i][18] = '\0';
	}
}

Test(idcard, every_single_substitution_rejected)
{
	static const char alphabet[] = "0123456789X";
	char ids[8][19], t[19];
	struct verdict v;
	size_t k, i, a, tried = 0;

	make_ids(ids, 8);
	for (k = 0; k < 8; k++) {
		cr_assert_neq(validate_field(VK_IDCARD, NULL, ids[k], &v), SEV_ERROR,
		    "%s: %s", ids[k], v.msg);
		for (i = 0; i < 18; i++)
			for (a = 0; alphabet[a]; a++) {
				if (alphabet[a] == ids[k][i])
					continue;
				memcpy(t, ids[k], 19);
				t[i] = alphabet[a];
				tried++;
				cr_assert_eq(validate_field(VK_IDCARD, NULL, t, &v), SEV_ERROR,
				    "substitution %s accepted", t);
			}
	}
	cr_assert_eq(tried, 8 * 18 * 10);
}

Test(idcard, every_adjacent_transposition_rejected)
{
	char ids[8][19], t[19];
	struct verdict v;
	size_t k, i, tried = 0;

	make_ids(ids, 8);
	for (k = 0; k < 8; k++)
		for (i = 0; i + 1 < 18; i++) {
			if (ids[k][i] == ids[k][i + 1])
				continue;
			memcpy(t, ids[k], 19);
			t[i] = ids[k][i + 1];
			t[i + 1] = ids[k][i];
			tried++;
			cr_assert_eq(validate_field(VK_IDCARD, NULL, t, &v), SEV_ERROR,
			    "transposition %s of %s accepted", t, ids[k]);
		}
	cr_assert_gt(tried, 100);
}

/* ---------- organisation codes ---------- */

static const char *const uscc_ok[] = {
	"914403001922038216",   /* 华为技术有限公司 */
	"91440300708461136T",   /* 深圳市腾讯计算机系统有限公司 */
	"91110000100010433L",   /* 中国石油天然气集团有限公司 */
	"91330100799655058B",   /* 阿里巴巴(中国)有限公司 */
};

static const char *const org_ok[] = {
	"192203821",            /* 华为, from its credit code */
	"708461136",            /* 腾讯 */
	"100010433",            /* 中国石油 */
	"799655058",            /* 阿里巴巴(中国) */
};

Test(codes, published_credit_codes)
{
	struct verdict v;
	size_t i;

	for (i = 0; i < 4; i++) {
		cr_assert_eq(validate_field(VK_USCC, NULL, uscc_ok[i], &v), SEV_OK, "%s %s",
		    uscc_ok[i], v.msg);
		cr_assert_str_eq(v.norm, uscc_ok[i]);
		cr_assert_eq(validate_field(VK_UNITCODE, NULL, uscc_ok[i], &v), SEV_OK);
		cr_assert_str_eq(v.what, "统一社会信用代码");
		/* the organisation code inside a credit code is the published one */
		cr_assert_eq(strncmp(uscc_ok[i] + 8, org_ok[i], 9), 0);
	}
	cr_assert_eq(validate_field(VK_USCC, NULL, "91440300708461136t", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "91440300708461136T");
	cr_assert_eq(validate_field(VK_USCC, NULL, "914403001922038217", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "uscc_check");
	cr_assert_str_eq(v.msg, "统一社会信用代码:统一社会信用代码校验位应为6");
	cr_assert_eq(validate_field(VK_USCC, NULL, "9144030019220382I6", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "uscc_chars");
	cr_assert_eq(validate_field(VK_USCC, NULL, "91440300192203821", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "uscc_length");
}

Test(codes, published_organisation_codes_with_and_without_hyphen)
{
	struct verdict v;
	char h[11];
	size_t i;

	for (i = 0; i < 4; i++) {
		cr_assert_eq(validate_field(VK_ORGCODE, NULL, org_ok[i], &v), SEV_OK, "%s", v.msg);
		snprintf(h, sizeof h, "%.8s-%c", org_ok[i], org_ok[i][8]);
		cr_assert_eq(validate_field(VK_ORGCODE, NULL, h, &v), SEV_OK, "%s", v.msg);
		cr_assert_str_eq(v.norm, org_ok[i]);
		cr_assert_eq(validate_field(VK_UNITCODE, NULL, h, &v), SEV_OK);
		cr_assert_str_eq(v.what, "组织机构代码");
	}
	cr_assert_eq(validate_field(VK_ORGCODE, NULL, "19220382-2", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "orgcode_check");
	cr_assert_str_eq(v.msg, "组织机构代码:组织机构代码校验位应为1");
	/* a body whose check character is X */
	cr_assert_eq(validate_field(VK_ORGCODE, NULL, "40000000X", &v), SEV_OK, "%s", v.msg);
	cr_assert_eq(validate_field(VK_UNITCODE, NULL, "1234", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "unitcode_length");
	cr_assert_eq(validate_field(VK_UNITCODE, NULL, "", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "required");
}

Test(codes, every_single_substitution_of_a_credit_code_rejected)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ";
	char t[19];
	struct verdict v;
	size_t k, i, a, tried = 0;

	for (k = 0; k < 4; k++)
		for (i = 0; i < 18; i++)
			for (a = 0; alphabet[a]; a++) {
				if (alphabet[a] == uscc_ok[k][i])
					continue;
				memcpy(t, uscc_ok[k], 19);
				t[i] = alphabet[a];
				tried++;
				cr_assert_eq(validate_field(VK_USCC, NULL, t, &v), SEV_ERROR,
				    "substitution %s accepted", t);
				cr_assert_eq(validate_field(VK_UNITCODE, NULL, t, &v), SEV_ERROR);
			}
	cr_assert_eq(tried, 4 * 18 * 35);
}

/* GB 11714 weighs characters mod 11: a digit for a digit is always caught,
 * and so is any letter unless its value differs from the original by a
 * multiple of 11 (0 and B, 1 and C, ...), which no check can see. */
Test(codes, every_single_substitution_of_an_organisation_code_rejected)
{
	static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	char t[10];
	struct verdict v;
	size_t k, i, a, tried = 0, blind = 0;

	for (k = 0; k < 4; k++)
		for (i = 0; i < 9; i++)
			for (a = 0; alphabet[a]; a++) {
				int ov, nv;

				if (alphabet[a] == org_ok[k][i])
					continue;
				memcpy(t, org_ok[k], 10);
				t[i] = alphabet[a];
				ov = org_ok[k][i] <= '9' ? org_ok[k][i] - '0' : org_ok[k][i] - 'A' + 10;
				nv = alphabet[a] <= '9' ? alphabet[a] - '0' : alphabet[a] - 'A' + 10;
				tried++;
				if (i < 8 && (nv - ov) % 11 == 0) {
					blind++;
					cr_assert_eq(validate_field(VK_ORGCODE, NULL, t, &v), SEV_OK);
					continue;
				}
				cr_assert_eq(validate_field(VK_ORGCODE, NULL, t, &v), SEV_ERROR,
				    "substitution %s accepted", t);
				if (alphabet[a] <= '9')
					cr_assert_eq(validate_field(VK_UNITCODE, NULL, t, &v), SEV_ERROR);
			}
	cr_assert_eq(tried, 4 * 9 * 35);
	cr_assert_lt(blind, tried / 10);
}

/* ---------- phones ---------- */

Test(phones, mobile)
{
	struct verdict v;

	cr_assert_eq(validate_field(VK_MOBILE, NULL, "13812345678", &v), SEV_OK);
	cr_assert_eq(validate_field(VK_MOBILE, NULL, "138 1234 5678", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "13812345678");
	cr_assert_eq(validate_field(VK_MOBILE, NULL, "+86 13812345678", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "13812345678");
	cr_assert_eq(validate_field(VK_MOBILE, NULL, "１９９１２３４５６７８", &v), SEV_OK);
	cr_assert_eq(validate_field(VK_MOBILE, NULL, "12812345678", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "mobile_format");
	cr_assert_eq(validate_field(VK_MOBILE, NULL, "1381234567", &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_MOBILE, NULL, "138123456789", &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_MOBILE, NULL, "010-12345678", &v), SEV_ERROR);
}

Test(phones, fixed_lines_for_organisations_and_members)
{
	struct verdict v;

	cr_assert_eq(validate_field(VK_PHONE, NULL, "010-12345678", &v), SEV_OK, "%s", v.msg);
	cr_assert_str_eq(v.norm, "010-12345678");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "0571-8888888", &v), SEV_OK);
	cr_assert_eq(validate_field(VK_PHONE, NULL, "057188888888", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "0571-88888888");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "01012345678", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "010-12345678");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "(0571)88888888", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "0571-88888888");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "010-12345678-123", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "010-12345678-123");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "010-12345678转8001", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "010-12345678-8001");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "0571 8888 8888", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "0571-88888888");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "（０５７１）８８８８８８８８", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "0571-88888888");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "0571-8888-8888", &v), SEV_OK);
	cr_assert_eq(validate_field(VK_PHONE, NULL, "0571-88888888 ext 12", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "0571-88888888-12");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "13812345678", &v), SEV_OK);
	cr_assert_eq(validate_field(VK_PHONE, NULL, "0571-88888888-1234567", &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_PHONE, NULL, "0571-088888888", &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_PHONE, NULL, "00571-88888888", &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_PHONE, NULL, "057100000000000-88888888", &v), SEV_ERROR,
	    "long first group (found by the fuzzer)");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "0571-88888888转", &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_PHONE, NULL, "0571-8888888a", &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_PHONE, NULL, "12345678", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "phone_area");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "010-123", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "phone_format");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "abc", &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_PHONE, NULL, "", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "required");
	/* a member's fixed line is a warning, a mobile is fine */
	cr_assert_eq(validate_field(VK_MEMBER_PHONE, NULL, "0571-88888888", &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "phone_fixed");
	cr_assert_eq(validate_field(VK_MEMBER_PHONE, NULL, "13812345678", &v), SEV_OK);
}

/* ---------- dates ---------- */

Test(dates, every_accepted_form)
{
	static const char *const forms[] = {
		"2024-03-05", "20240305", "2024.3.5", "2024/3/5", "2024年3月5日",
		"2024-3-5", "2024.03.05", "2024/03/05", "2024年03月05日", " 2024-03-05 ",
		"２０２４－０３－０５", "２０２４年３月５日", "２０２４．３．５", "２０２４０３０５",
		"2024 年 3 月 5 日", "2024年3月5号",
	};
	char out[REC_DATE_MAX];
	size_t i;

	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		cr_assert_eq(date_normalize(forms[i], out), 0, "%s refused", forms[i]);
		cr_assert_str_eq(out, "2024-03-05", "%s", forms[i]);
	}
	cr_assert_eq(date_normalize("2000-02-29", out), 0);
	cr_assert_eq(date_normalize("2024-02-29", out), 0);
	cr_assert_eq(date_normalize("2024-12-31", out), 0);
}

Test(dates, impossible_and_malformed_dates_rejected)
{
	static const char *const bad[] = {
		"2023-02-29", "1900-02-29", "2024-02-30", "2024-04-31", "2024-13-01",
		"2024-00-10", "2024-01-00", "20241301", "20230229", "2024-03", "2024年3月",
		"2024.3/5", "2024-3.5", "24-3-5", "2024-003-05", "abc", "", "2024-03-05x",
		"2024年13月1日", "2024—03—05", "2024-03-05-01",
	};
	char out[REC_DATE_MAX];
	struct verdict v;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_eq(date_normalize(bad[i], out), -1, "%s accepted", bad[i]);
	cr_assert_eq(validate_field(VK_DATE, "加入党组织日期", "2023-02-29", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "date_format");
	cr_assert_eq(strncmp(v.msg, "加入党组织日期:", strlen("加入党组织日期:")), 0);
	/* a month without a day: the rule of the instructions is the 1st */
	cr_assert_eq(validate_field(VK_DATE, NULL, "2024年3月", &v), SEV_ERROR);
	cr_assert_str_eq(v.msg, "日期:缺少日,只知道年月时填该月1日(2024-03-01)");
	cr_assert_eq(validate_field(VK_DATE, NULL, "2024-3", &v), SEV_ERROR);
	cr_assert_not_null(strstr(v.msg, "2024-03-01"));
	cr_assert_eq(validate_field(VK_DATE, NULL, "2999-01-01", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "date_future");
	cr_assert_eq(validate_field(VK_DATE, NULL, "1899-12-31", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "date_range");
	cr_assert_eq(validate_field(VK_DATE, NULL, "2024年3月5日", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "2024-03-05");
}

/* ---------- names, addresses, organisation names ---------- */

Test(names, chinese_and_middle_dot)
{
	struct verdict v;
	static const char *const dots[] = {
		"阿卜杜·热合曼", "阿卜杜•热合曼", "阿卜杜・热合曼", "阿卜杜．热合曼",
		"阿卜杜.热合曼", "阿卜杜‧热合曼", "阿卜杜･热合曼",
	};
	size_t i;

	for (i = 0; i < sizeof dots / sizeof dots[0]; i++) {
		cr_assert_eq(validate_field(VK_NAME, NULL, dots[i], &v), SEV_OK, "%s: %s",
		    dots[i], v.msg);
		cr_assert_str_eq(v.norm, "阿卜杜·热合曼");
	}
	cr_assert_eq(validate_field(VK_NAME, NULL, "  张 三　", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "张三");
	cr_assert_eq(validate_field(VK_NAME, NULL, "𠀀三", &v), SEV_OK, "CJK Ext-B");
	cr_assert_eq(validate_field(VK_NAME, NULL, "张三1", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "name_digits");
	cr_assert_str_eq(v.msg, "姓名:不能含有数字");
	cr_assert_eq(validate_field(VK_NAME, NULL, "张三３", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "name_digits");
	cr_assert_eq(validate_field(VK_NAME, NULL, "Zhang San", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "name_chars");
	cr_assert_eq(validate_field(VK_NAME, NULL, "·张三", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "name_dot");
	cr_assert_eq(validate_field(VK_NAME, NULL, "张三·", &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_NAME, NULL, "张··三", &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_NAME, NULL, "   ", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "required");
}

Test(names, invalid_utf8_and_overlong_are_errors)
{
	struct verdict v;
	char big[8192];

	cr_assert_eq(validate_field(VK_NAME, NULL, "\xe5\xbc", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "utf8");
	cr_assert_eq(validate_field(VK_NAME, NULL, "\xc0\xaf", &v), SEV_ERROR, "overlong form");
	cr_assert_eq(validate_field(VK_ADDRESS, NULL, "\xed\xa0\x80", &v), SEV_ERROR, "surrogate");
	cr_assert_eq(validate_field(VK_ADDRESS, NULL, "a\x01" "b", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "control_char");
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	cr_assert_eq(validate_field(VK_ADDRESS, NULL, big, &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "too_long");
	cr_assert_eq(validate_field(VK_NAME, NULL, "张三张三张三张三张三张三张三张三张三张三张三张三", &v),
	    SEV_ERROR);
	cr_assert_str_eq(v.rule, "too_long");
	cr_assert_eq(validate_field(VK_IDCARD, NULL, big, &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_DATE, NULL, big, &v), SEV_ERROR);
	cr_assert_eq(validate_coded(CL_ETHNICITY, NULL, "\xff", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "utf8");
}

Test(addresses, house_number_warning)
{
	struct verdict v;

	cr_assert_eq(validate_field(VK_ADDRESS, NULL, "浙江省杭州市西湖区文三路90号", &v), SEV_OK);
	cr_assert_eq(validate_field(VK_ADDRESS, NULL, "西湖区某小区三栋二单元", &v), SEV_OK);
	cr_assert_eq(validate_field(VK_ADDRESS, NULL, "  杭州市　 文三路１２号 ", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "杭州市 文三路12号");
	/* full-width digits fold, full-width punctuation is kept */
	cr_assert_eq(validate_field(VK_ADDRESS, NULL, "文三路（东段）９０号", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "文三路（东段）90号");
	cr_assert_eq(validate_field(VK_ADDRESS, NULL, "浙江省杭州市西湖区", &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "address_detail");
	cr_assert_eq(validate_field(VK_ADDRESS, NULL, "", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "required");
}

Test(orgnames, full_names_and_numbered_branches)
{
	struct verdict v;

	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "中共某某科技有限公司委员会", &v), SEV_OK);
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "中共某某公司第一党支部", &v), SEV_OK);
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "某某街道联合党支部", &v), SEV_OK);
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "某某公司", &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "orgname_form");
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "第一党支部", &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "orgname_numbered");
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "中共第二十三党支部", &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "orgname_numbered");
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "第3支部", &v), SEV_WARNING);
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "", &v), SEV_ERROR);
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "中共某某（集团）有限公司委员会", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "中共某某（集团）有限公司委员会");
}

/* ---------- coded values ---------- */

Test(coded, code_name_pinyin_and_ambiguity)
{
	struct verdict v;

	cr_assert_eq(validate_coded(CL_ETHNICITY, NULL, "汉族", &v), SEV_OK);
	cr_assert_eq(validate_coded(CL_ETHNICITY, NULL, "01", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "汉族");
	cr_assert_eq(validate_coded(CL_ETHNICITY, NULL, "mgz", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "蒙古族");
	cr_assert_eq(validate_coded(CL_ETHNICITY, NULL, "hz", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "coded_ambiguous");
	cr_assert_not_null(strstr(v.msg, "汉族"));
	cr_assert_not_null(strstr(v.msg, "回族"));
	/* many long matches (found by the fuzzer): the message stays in bounds */
	cr_assert_eq(validate_coded(CL_REGION, NULL, "ch", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "coded_ambiguous");
	cr_assert_not_null(strstr(v.msg, "等"));
	cr_assert_eq(validate_coded(CL_ETHNICITY, NULL, "火星族", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "coded_unknown");
	cr_assert_eq(validate_coded(CL_ETHNICITY, NULL, "", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "required");
	cr_assert_str_eq(v.msg, "民族:必填");
	/* an exact pinyin wins over longer ones: dx is 大学, not 大学普通班 */
	cr_assert_eq(validate_coded(CL_EDUCATION, NULL, "dx", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "大学");
	cr_assert_eq(validate_coded(CL_YESNO, NULL, "1", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "是");
	cr_assert_eq(validate_coded(CL_SEX, NULL, "n", &v), SEV_ERROR, "男 and 女 are both n");
	cr_assert_eq(validate_coded(CL_ORG_CATEGORY, NULL, "党组", &v), SEV_ERROR);
	cr_assert_eq(validate_coded(CL_REGION, NULL, "330106", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "浙江省杭州市西湖区");
}

Test(coded, official_names_with_full_width_punctuation)
{
	struct verdict v;

	/* stored exactly as listed, full-width brackets and commas kept */
	cr_assert_eq(validate_coded(CL_EDUCATION, NULL, "省（区、市）委党校大学", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "省（区、市）委党校大学");
	/* typed with half-width brackets: normalised to the official name */
	cr_assert_eq(validate_coded(CL_EDUCATION, NULL, "省(区、市)委党校大学", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "省（区、市）委党校大学");
	cr_assert_eq(validate_coded(CL_JOB, NULL, "（转业）待安置、学生毕业未就业的人员", &v), SEV_OK);
	cr_assert_eq(validate_coded(CL_UNIT_CATEGORY, NULL, "城市社区(居委会)", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "城市社区（居委会）");
	cr_assert_eq(validate_coded(CL_ETHNICITY, NULL, " 汉族 ", &v), SEV_OK);
	cr_assert_str_eq(v.norm, "汉族");
}

Test(coded, named_fields_for_the_command_line)
{
	struct verdict v;

	cr_assert_eq(validate_named("idcard", idx_ok, &v), SEV_OK);
	cr_assert_eq(validate_named("ethnicity", "hz", &v), SEV_ERROR);
	cr_assert_eq(validate_named("region", "浙江省杭州市", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "flow_not_county");
	cr_assert_eq(validate_named("nosuch", "x", &v), -1);
	cr_assert_str_eq(validate_field_name(0), "idcard");
}

/* ---------- record rules ---------- */

static struct org branch;

static void
good_member(struct member *m)
{
	member_init(m);
	m->branch = 7;
	strcpy(m->name, "王小红");
	strcpy(m->sex, "女");
	strcpy(m->ethnicity, "汉族");
	strcpy(m->idcard, idx_ok);
	strcpy(m->birth, "1949-12-31");
	strcpy(m->education, "大学");
	strcpy(m->category, "正式党员");
	strcpy(m->join_date, "1975-07-01");
	strcpy(m->full_date, "1976-07-01");
	strcpy(m->job, "退休人员");
	strcpy(m->phone, "13812345678");
	strcpy(m->address, "北京市朝阳区某某路1号");
	strcpy(m->party_status, "正常");
	strcpy(m->lost, "否");
	strcpy(m->floating, "否");
	strcpy(m->confirm_method, "本人签字");
	org_init(&branch);
	strcpy(branch.category, "党支部");
}

/* Severity of the issue with this rule key, or -1 when absent. */
static int
rule_sev(const struct vreport *r, const char *rule)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct vrule *k = validate_rule(r->it[i].rule);

		cr_assert_not_null(k, "rule %s not in validate_rules", r->it[i].rule);
		cr_assert_eq(k->sev, r->it[i].sev, "rule %s severity", r->it[i].rule);
	}
	for (i = 0; i < r->n; i++)
		if (strcmp(r->it[i].rule, rule) == 0)
			return r->it[i].sev;
	return -1;
}

static void
dump(const struct vreport *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		cr_log_info("%d %s %s", r->it[i].sev, r->it[i].rule, r->it[i].msg);
}

static struct vreport rep;

#define CHECK_M(m) validate_member(&(m), &branch, TODAY, &rep)

Test(member, valid_member_passes_clean)
{
	struct member m;

	good_member(&m);
	CHECK_M(m);
	dump(&rep);
	cr_assert_eq(rep.n, 0);
	cr_assert_eq(rep.errors + rep.warnings, 0);
	cr_assert(vreport_complete(&rep));
	validate_member(&m, NULL, NULL, &rep);
	cr_assert_eq(rep.n, 0, "real date, no branch");
}

Test(member, required_fields)
{
	struct member m;
	size_t i;
	int seen_name = 0, seen_branch = 0;

	member_init(&m);
	CHECK_M(m);
	cr_assert_geq(rep.errors, 14);
	cr_assert_not(vreport_complete(&rep));
	for (i = 0; i < rep.n; i++) {
		cr_assert_eq(rep.it[i].sev, SEV_ERROR);
		cr_assert_str_eq(rep.it[i].rule, "required");
		seen_name |= strcmp(rep.it[i].field, "name") == 0;
		seen_branch |= strcmp(rep.it[i].field, "branch") == 0;
	}
	cr_assert(seen_name && seen_branch);
	cr_assert_eq(rule_sev(&rep, "required"), SEV_ERROR);
}

Test(member, sex_mismatch)
{
	struct member m;

	good_member(&m);
	strcpy(m.sex, "男");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "sex_mismatch"), SEV_ERROR);
	cr_assert_str_eq(rep.it[0].msg, "性别:与公民身份证号第17位不一致,应为女");
	strcpy(m.sex, "女");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "sex_mismatch"), -1);
}

Test(member, birth_differs_needs_confirmation_and_note)
{
	struct member m;

	good_member(&m);
	strcpy(m.birth, "1949-11-30");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "birth_differs"), SEV_WARNING);
	cr_assert_eq(rule_sev(&rep, "birth_note_missing"), SEV_ERROR);
	cr_assert_not(vreport_complete(&rep));
	/* a note alone is not enough: the warning must be confirmed */
	strcpy(m.note, "组织认定的出生日期,见档案");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "birth_note_missing"), -1);
	cr_assert_eq(rep.unconfirmed, 1);
	cr_assert_not(vreport_complete(&rep));
	strcpy(m.meta.confirm[0].rule, "birth_differs");
	strcpy(m.meta.confirm[0].by, "clerk");
	m.meta.confirm[0].at = 1700000000;
	m.meta.n_confirm = 1;
	CHECK_M(m);
	cr_assert_eq(rep.n, 1);
	cr_assert_eq(rep.it[0].confirmed, 1);
	cr_assert_eq(rep.unconfirmed, 0);
	cr_assert(vreport_complete(&rep));
	/* passing case: same date as the ID number */
	good_member(&m);
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "birth_differs"), -1);
}

Test(member, join_date_rules)
{
	struct member m;

	good_member(&m);
	strcpy(m.join_date, "1921-06-30");
	strcpy(m.full_date, "");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "join_before_1921"), SEV_ERROR);
	good_member(&m);
	strcpy(m.join_date, "2025-06-02");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "join_future"), SEV_ERROR);
	good_member(&m);
	strcpy(m.join_date, "1967-12-30");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "join_under18"), SEV_WARNING);
	/* passing: the 18th birthday itself, and today */
	good_member(&m);
	strcpy(m.join_date, "1967-12-31");
	strcpy(m.full_date, "1968-12-31");
	CHECK_M(m);
	dump(&rep);
	cr_assert_eq(rep.n, 0);
	strcpy(m.category, "预备党员");
	strcpy(m.full_date, "");
	strcpy(m.join_date, TODAY);
	CHECK_M(m);
	dump(&rep);
	cr_assert_eq(rep.n, 0);
	strcpy(m.join_date, "20250601x");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "date_format"), SEV_ERROR);
}

Test(member, full_date_rules)
{
	struct member m;

	good_member(&m);
	strcpy(m.full_date, "");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_missing"), SEV_ERROR);
	good_member(&m);
	strcpy(m.full_date, "1975-06-30");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_before_join"), SEV_ERROR);
	good_member(&m);
	strcpy(m.full_date, "1974-07-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_before_join"), SEV_ERROR);
	good_member(&m);
	strcpy(m.category, "预备党员");
	strcpy(m.join_date, "2025-01-01");
	strcpy(m.full_date, "2025-05-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_for_probationary"), SEV_ERROR);
	strcpy(m.full_date, "");
	CHECK_M(m);
	cr_assert_eq(rep.n, 0);
	good_member(&m);
	strcpy(m.full_date, "2026-01-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_future"), SEV_ERROR);
}

Test(member, full_gap_outside_one_to_two_years)
{
	struct member m;

	good_member(&m);
	strcpy(m.full_date, "1976-03-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_gap"), SEV_WARNING);
	strcpy(m.full_date, "1977-07-02");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_gap"), SEV_WARNING);
	strcpy(m.full_date, "1977-07-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_gap"), -1, "extended one year");
	strcpy(m.full_date, "1976-07-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_gap"), -1);
}

Test(member, probation_due)
{
	struct member m;

	good_member(&m);
	strcpy(m.category, "预备党员");
	strcpy(m.full_date, "");
	strcpy(m.join_date, "2024-06-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "probation_due"), SEV_WARNING);
	strcpy(m.join_date, "2024-06-02");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "probation_due"), -1);
}

Test(member, lost_member_rules)
{
	struct member m;

	good_member(&m);
	strcpy(m.lost, "是");
	strcpy(m.confirm_method, "他人代填");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "lost_date_missing"), SEV_ERROR);
	strcpy(m.lost_date, "2025-07-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "lost_date_future"), SEV_ERROR);
	strcpy(m.lost_date, "1970-01-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "lost_before_join"), SEV_ERROR);
	strcpy(m.lost_date, "2020.5.1");
	CHECK_M(m);
	cr_assert_eq(rep.n, 0);
	/* a lost member may lack a phone: a warning, not an error */
	strcpy(m.phone, "");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "phone_missing_lost"), SEV_WARNING);
	cr_assert_eq(rule_sev(&rep, "required"), -1);
	good_member(&m);
	strcpy(m.lost_date, "2020-05-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "lost_date_extra"), SEV_ERROR);
	good_member(&m);
	strcpy(m.phone, "");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "required"), SEV_ERROR);
}

Test(member, floating_member_rules)
{
	struct member m;

	good_member(&m);
	strcpy(m.floating, "是");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "flow_missing"), SEV_ERROR);
	strcpy(m.flow_to, "浙江省杭州市");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "flow_not_county"), SEV_ERROR);
	strcpy(m.flow_to, "浙江省");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "flow_not_county"), SEV_ERROR);
	strcpy(m.flow_to, "浙江省杭州市西湖区");
	CHECK_M(m);
	cr_assert_eq(rep.n, 0);
	strcpy(m.flow_to, "330106");
	CHECK_M(m);
	cr_assert_eq(rep.n, 0);
	good_member(&m);
	strcpy(m.flow_to, "浙江省杭州市西湖区");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "flow_extra"), SEV_ERROR);
}

Test(member, branch_level_and_field_checks)
{
	struct member m;

	good_member(&m);
	strcpy(branch.category, "党委");
	validate_member(&m, &branch, TODAY, &rep);
	cr_assert_eq(rule_sev(&rep, "branch_level"), SEV_ERROR);
	good_member(&m);
	strcpy(branch.category, "联合党支部");
	validate_member(&m, &branch, TODAY, &rep);
	cr_assert_eq(rep.n, 0);
	good_member(&m);
	strcpy(m.idcard, "110105194912310021");
	strcpy(m.phone, "0571-88888888");
	strcpy(m.ethnicity, "hz");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "idcard_check"), SEV_ERROR);
	cr_assert_eq(rule_sev(&rep, "phone_fixed"), SEV_WARNING);
	cr_assert_eq(rule_sev(&rep, "coded_ambiguous"), SEV_ERROR);
	good_member(&m);
	strcpy(m.confirm_method, "");
	CHECK_M(m);
	cr_assert_eq(rep.n, 0, "确认方式 is optional");
	strcpy(m.confirm_method, "传真");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "coded_unknown"), SEV_ERROR);
}

Test(member, normalize_member_fills_and_folds)
{
	struct member m;

	good_member(&m);
	strcpy(m.name, " 王 小红 ");
	strcpy(m.idcard, "11010519491231002x");
	strcpy(m.sex, "");
	strcpy(m.birth, "");
	strcpy(m.ethnicity, "01");
	strcpy(m.education, "dx");
	strcpy(m.join_date, "1975.7.1");
	strcpy(m.full_date, "19760701");
	strcpy(m.job, "txry");
	strcpy(m.phone, "138 1234 5678");
	strcpy(m.lost, "0");
	strcpy(m.floating, "f");
	normalize_member(&m);
	cr_assert_str_eq(m.name, "王小红");
	cr_assert_str_eq(m.idcard, idx_ok);
	cr_assert_str_eq(m.sex, "女");
	cr_assert_str_eq(m.birth, "1949-12-31");
	cr_assert_str_eq(m.ethnicity, "汉族");
	cr_assert_str_eq(m.education, "大学");
	cr_assert_str_eq(m.join_date, "1975-07-01");
	cr_assert_str_eq(m.full_date, "1976-07-01");
	cr_assert_str_eq(m.job, "退休人员");
	cr_assert_str_eq(m.phone, "13812345678");
	cr_assert_str_eq(m.lost, "否");
	cr_assert_str_eq(m.floating, "否");
	CHECK_M(m);
	dump(&rep);
	cr_assert_eq(rep.n, 0);
	/* what does not normalise is left for the checks */
	strcpy(m.ethnicity, "hz");
	strcpy(m.join_date, "2023-02-29");
	strcpy(m.idcard, "110105491231002");
	normalize_member(&m);
	cr_assert_str_eq(m.ethnicity, "hz");
	cr_assert_str_eq(m.join_date, "2023-02-29");
	cr_assert_str_eq(m.idcard, "110105491231002");
}

/* ---------- organisations ---------- */

/* The unit pages of the organisations these tests build: the checks read
 * units and never grow the array, so one zeroed pool (per test process)
 * serves as the org's array, with nothing to free. */
#define POOL_UNITS 64
static struct unit unit_pool[POOL_UNITS];

static void
pool_org(struct org *o)
{
	org_init(o);
	memset(unit_pool, 0, sizeof unit_pool);
	o->units = unit_pool;
	o->cap_units = POOL_UNITS;
}

static void
good_org(struct org *o)
{
	pool_org(o);
	strcpy(o->name, "中共华为技术有限公司委员会");
	strcpy(o->secretary, "李四");
	strcpy(o->contact, "王五");
	strcpy(o->phone, "0755-28780808");
	strcpy(o->category, "党委");
	strcpy(o->unit_situation, "法人单位");
	o->n_units = 1;
	strcpy(o->units[0].name, "华为技术有限公司");
	strcpy(o->units[0].category, "非公有经济控制");
	strcpy(o->units[0].party_status, "建立党委的");
	strcpy(o->units[0].code, "914403001922038216");
}

#define CHECK_O(o) validate_org(&(o), TODAY, &rep)

Test(org, valid_org_passes_clean)
{
	struct org o;

	good_org(&o);
	CHECK_O(o);
	dump(&rep);
	cr_assert_eq(rep.n, 0);
	cr_assert(vreport_complete(&rep));
}

Test(org, unit_count_follows_the_situation)
{
	struct org o;

	good_org(&o);
	o.n_units = 0;
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "unit_count"), SEV_ERROR, "法人单位 needs one");
	good_org(&o);
	o.n_units = 2;
	o.units[1] = o.units[0];
	strcpy(o.units[1].code, "91440300708461136T");
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "unit_count"), SEV_ERROR, "法人单位: exactly one");
	good_org(&o);
	strcpy(o.unit_situation, "与上级党组织相同");
	strcpy(o.category, "党支部");
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "unit_count"), SEV_ERROR, "与上级党组织相同: none");
	o.n_units = 0;
	CHECK_O(o);
	cr_assert_eq(rep.n, 0);
	strcpy(o.unit_situation, "联合党支部");
	strcpy(o.category, "联合党支部");
	o.n_units = 1;
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "unit_count"), SEV_ERROR, "联合党支部: two or more");
	o.n_units = 2;
	o.units[1] = o.units[0];
	strcpy(o.units[1].code, "70846113-6");
	CHECK_O(o);
	dump(&rep);
	cr_assert_eq(rep.n, 0);
	strcpy(o.units[1].code, "914403001922038216");
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "unit_duplicate"), SEV_ERROR);
	cr_assert_eq(rep.it[0].unit, 1);
}

Test(org, secretary_vacant_and_unit_fields)
{
	struct org o;

	good_org(&o);
	o.secretary[0] = '\0';
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "secretary_vacant"), SEV_WARNING);
	cr_assert_eq(rep.errors, 0);
	cr_assert_not(vreport_complete(&rep));
	strcpy(o.meta.confirm[0].rule, "secretary_vacant");
	o.meta.n_confirm = 1;
	CHECK_O(o);
	cr_assert(vreport_complete(&rep));
	good_org(&o);
	strcpy(o.units[0].code, "914403001922038217");
	strcpy(o.units[0].category, "火星");
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "uscc_check"), SEV_ERROR);
	cr_assert_eq(rule_sev(&rep, "coded_unknown"), SEV_ERROR);
	cr_assert_eq(rep.it[0].unit, 0);
	cr_assert_not_null(strstr(rep.it[0].msg, "单位1"));
	good_org(&o);
	strcpy(o.category, "联合党支部");
	o.n_units = 1;
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "joint_mismatch"), SEV_WARNING);
	good_org(&o);
	strcpy(o.phone, "12345");
	strcpy(o.name, "第一党支部");
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "phone_format"), SEV_ERROR);
	cr_assert_eq(rule_sev(&rep, "orgname_numbered"), SEV_WARNING);
}

Test(org, normalize_org)
{
	struct org o;

	good_org(&o);
	strcpy(o.category, "dw");
	strcpy(o.unit_situation, "2");
	strcpy(o.units[0].code, "91440300708461136t");
	strcpy(o.phone, "(0755)28780808");
	normalize_org(&o);
	cr_assert_str_eq(o.category, "党委");
	cr_assert_str_eq(o.unit_situation, "法人单位");
	cr_assert_str_eq(o.units[0].code, "91440300708461136T");
	cr_assert_str_eq(o.phone, "0755-28780808");
}

Test(rules, table_is_unique_and_every_warning_confirmable)
{
	size_t i, j;

	for (i = 0; validate_rules[i].key; i++) {
		cr_assert(validate_rules[i].sev == SEV_ERROR || validate_rules[i].sev == SEV_WARNING);
		cr_assert_lt(strlen(validate_rules[i].key), REC_SHORT_MAX, "fits rec_confirm.rule");
		cr_assert_gt(strlen(validate_rules[i].text), 0);
		for (j = 0; j < i; j++)
			cr_assert_str_neq(validate_rules[i].key, validate_rules[j].key);
	}
	cr_assert_gt(i, 50);
	cr_assert_null(validate_rule("nope"));
	cr_assert_eq(validate_rule("full_gap")->sev, SEV_WARNING);
}

/* Field verdicts name rules of the table, with the same severity. */
Test(rules, field_verdicts_use_table_keys)
{
	static const struct { int k; const char *v; } cases[] = {
		{ VK_IDCARD, "110105194912310021" }, { VK_IDCARD, "110105491231002" },
		{ VK_IDCARD, "99990019800101001X" }, { VK_USCC, "9144030019220382I6" },
		{ VK_ORGCODE, "1234" }, { VK_UNITCODE, "12" }, { VK_MOBILE, "1" },
		{ VK_PHONE, "12345678" }, { VK_MEMBER_PHONE, "010-12345678" },
		{ VK_DATE, "2023-02-29" }, { VK_NAME, "A" }, { VK_NAME, "\xff" },
		{ VK_ADDRESS, "某地" }, { VK_ORGNAME, "某某" }, { VK_TEXT, "" },
	};
	struct verdict v;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int sev = validate_field(cases[i].k, NULL, cases[i].v, &v);

		cr_assert_neq(sev, SEV_OK, "%s", cases[i].v);
		cr_assert_not_null(validate_rule(v.rule), "%s", v.rule);
		cr_assert_eq(validate_rule(v.rule)->sev, sev, "%s", v.rule);
	}
}

Test(member, leap_day_birthday_turns_18_on_1_march)
{
	struct member m;
	char id[19] = "11010520000229002";

	id[17] = idcard_check_char(id);
	id[18] = '\0';
	good_member(&m);
	strcpy(m.idcard, id);
	strcpy(m.birth, "2000-02-29");
	strcpy(m.join_date, "2018-02-28");
	strcpy(m.full_date, "2019-02-28");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "join_under18"), SEV_WARNING);
	strcpy(m.join_date, "2018-03-01");
	strcpy(m.full_date, "2019-03-01");
	CHECK_M(m);
	dump(&rep);
	cr_assert_eq(rep.n, 0);
}

Test(member, a_confirmation_covers_only_its_own_rule)
{
	struct member m;

	good_member(&m);
	strcpy(m.full_date, "1976-03-01");       /* full_gap */
	strcpy(m.phone, "010-12345678");         /* phone_fixed */
	strcpy(m.meta.confirm[0].rule, "phone_fixed");
	m.meta.n_confirm = 1;
	CHECK_M(m);
	cr_assert_eq(rep.warnings, 2);
	cr_assert_eq(rep.unconfirmed, 1);
	cr_assert_not(vreport_complete(&rep));
	strcpy(m.meta.confirm[1].rule, "full_gap");
	m.meta.n_confirm = 2;
	CHECK_M(m);
	cr_assert_eq(rep.unconfirmed, 0);
	cr_assert(vreport_complete(&rep));
	/* confirming an error's key changes nothing */
	strcpy(m.sex, "男");
	strcpy(m.meta.confirm[2].rule, "sex_mismatch");
	m.meta.n_confirm = 3;
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "sex_mismatch"), SEV_ERROR);
	cr_assert_not(vreport_complete(&rep));
}

Test(member, removed_branch)
{
	struct member m;

	good_member(&m);
	branch.meta.removed = RM_OTHER;
	validate_member(&m, &branch, TODAY, &rep);
	cr_assert_eq(rule_sev(&rep, "branch_removed"), SEV_ERROR);
	branch.meta.removed = RM_NONE;
	validate_member(&m, &branch, TODAY, &rep);
	cr_assert_eq(rep.n, 0);
}

Test(org, stat_count_and_notes)
{
	struct org o;

	good_org(&o);
	o.stat_count = -5;
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "stat_count"), SEV_ERROR);
	o.stat_count = 12;
	strcpy(o.note, "第一行\n第二行");
	CHECK_O(o);
	cr_assert_eq(rep.n, 0, "a note may have several lines");
	strcpy(o.note, "坏\xff");
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "utf8"), SEV_ERROR);
}

Test(org, every_issue_is_counted_even_past_the_list)
{
	struct org o;
	size_t i;

	pool_org(&o);
	strcpy(o.unit_situation, "联合党支部");
	o.n_units = 16;
	for (i = 0; i < 16; i++)
		strcpy(o.units[i].code, "x");
	CHECK_O(o);
	cr_assert_eq(rep.n, V_ISSUES_MAX);
	cr_assert_gt(rep.errors, V_ISSUES_MAX);
	cr_assert_not(vreport_complete(&rep));
}

/* What counts as blank for 转为正式党员日期 and the 备注 of birth_differs:
 * empty and white space only (ASCII, full-width, no-break), never a value
 * starting with ASCII, Han or bad UTF-8. */
Test(member, blank_values_by_first_byte)
{
	static const char *const blank[] = {
		"", " ", "\t", "\xE3\x80\x80", "\xC2\xA0 ", " \xE3\x80\x80\t",
		"\xEF\xBB\xBF",
	};
	static const char *const filled[] = {
		"2020-01-01", "x", "~", "!", " 2020-01-01", "\xE4\xB8\x80",
		"\xE9\xBE\xA5", "\xE4\x80", "\xFF", "\xE3\x80\x80" "2020",
		"\xC3\xA9",
	};
	struct member m;
	size_t i;

	for (i = 0; i < sizeof blank / sizeof blank[0]; i++) {
		good_member(&m);
		strcpy(m.full_date, blank[i]);
		CHECK_M(m);
		cr_assert_eq(rule_sev(&rep, "full_missing"), SEV_ERROR, "blank %zu", i);
		good_member(&m);
		strcpy(m.category, "预备党员");
		strcpy(m.full_date, blank[i]);
		CHECK_M(m);
		cr_assert_eq(rule_sev(&rep, "full_for_probationary"), -1, "blank %zu", i);
	}
	for (i = 0; i < sizeof filled / sizeof filled[0]; i++) {
		good_member(&m);
		strcpy(m.category, "预备党员");
		strcpy(m.full_date, filled[i]);
		CHECK_M(m);
		cr_assert_eq(rule_sev(&rep, "full_for_probationary"), SEV_ERROR,
		    "filled %zu", i);
	}
}

/* ---------- issue 10: severities and plausibility ---------- */

Test(member, full_date_equal_to_join_date_in_1969_to_1977)
{
	struct member m;

	/* the 九大 and 十大 constitutions had no probation period */
	good_member(&m);
	strcpy(m.join_date, "1969-04-01");
	strcpy(m.full_date, "1969-04-01");
	CHECK_M(m);
	dump(&rep);
	cr_assert_eq(rep.n, 0, "admitted April 1969: same day is right");
	strcpy(m.join_date, "1977-08-31");
	strcpy(m.full_date, "1977-08-31");
	CHECK_M(m);
	cr_assert_eq(rep.n, 0, "admitted August 1977: same day is right");
	/* outside the window: a warning, not an error */
	strcpy(m.join_date, "1969-03-31");
	strcpy(m.full_date, "1969-03-31");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_same_day"), SEV_WARNING);
	cr_assert_eq(rule_sev(&rep, "full_before_join"), -1);
	cr_assert_eq(rule_sev(&rep, "full_gap"), -1);
	strcpy(m.join_date, "1977-09-01");
	strcpy(m.full_date, "1977-09-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_same_day"), SEV_WARNING);
	/* before the admission is still an error */
	strcpy(m.full_date, "1977-08-31");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "full_before_join"), SEV_ERROR);
}

Test(member, joining_before_18_needs_confirmation_and_a_note)
{
	struct member m;

	good_member(&m);
	strcpy(m.join_date, "1964-07-01");        /* aged 14: wartime-like */
	strcpy(m.full_date, "1965-07-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "join_under18"), SEV_WARNING);
	cr_assert_eq(rule_sev(&rep, "under18_note_missing"), SEV_ERROR, "a note is needed");
	strcpy(m.note, "战争年代入党,组织认定");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "under18_note_missing"), -1);
	cr_assert_eq(rep.errors, 0);
	cr_assert_eq(rep.unconfirmed, 1);
	cr_assert(!vreport_complete(&rep));
	m.meta.n_confirm = 1;
	strcpy(m.meta.confirm[0].rule, "join_under18");
	CHECK_M(m);
	cr_assert(vreport_complete(&rep), "confirmed with a note: complete");
}

Test(member, contradictions_warn)
{
	struct member m;

	/* 失联 and 本人签字 */
	good_member(&m);
	strcpy(m.lost, "是");
	strcpy(m.lost_date, "2020-05-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "lost_signed"), SEV_WARNING);
	strcpy(m.confirm_method, "电话确认");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "lost_signed"), -1);
	/* 失联 and 流动 at once */
	strcpy(m.floating, "是");
	strcpy(m.flow_to, "浙江省杭州市西湖区");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "lost_floating"), SEV_WARNING);
	strcpy(m.lost, "否");
	strcpy(m.lost_date, "");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "lost_floating"), -1);
	cr_assert_eq(rep.n, 0);
	/* a 预备党员 admitted over two years ago */
	good_member(&m);
	strcpy(m.category, "预备党员");
	strcpy(m.full_date, "");
	strcpy(m.join_date, "2023-05-31");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "probation_overdue"), SEV_WARNING);
	cr_assert_eq(rule_sev(&rep, "probation_due"), -1);
	strcpy(m.join_date, "2023-06-01");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "probation_overdue"), -1, "two years to the day");
	cr_assert_eq(rule_sev(&rep, "probation_due"), SEV_WARNING);
}

Test(member, temporary_branch_member_warns)
{
	struct member m;

	good_member(&m);
	strcpy(branch.category, "临时党支部");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "temp_branch_member"), SEV_WARNING);
	cr_assert_eq(rule_sev(&rep, "branch_level"), -1);
	good_member(&m);
	strcpy(branch.category, "临时联合党支部");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "temp_branch_member"), SEV_WARNING);
	good_member(&m);
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "temp_branch_member"), -1);
}

/* Issue 10 B.9: a 联合党支部 has as many units as it has, past the 16
 * of older builds (each with its own duplicate check); only a hostile
 * count past REC_UNITS_LIMIT is refused. */
Test(org, joint_branch_takes_forty_units)
{
	struct org o;
	char body[9];
	size_t i;

	good_org(&o);
	strcpy(o.name, "中共某某商务楼联合支部委员会");
	strcpy(o.category, "联合党支部");
	strcpy(o.unit_situation, "联合党支部");
	o.n_units = 40;
	for (i = 0; i < 40; i++) {
		snprintf(o.units[i].name, sizeof o.units[i].name, "某某商贸有限公司%zu", i + 1);
		strcpy(o.units[i].category, "非公有经济控制");
		strcpy(o.units[i].party_status, "建立联合党支部的");
		snprintf(body, sizeof body, "%08zu", 31245600 + i);
		snprintf(o.units[i].code, sizeof o.units[i].code, "%s-%c", body,
		    orgcode_check_char(body));
	}
	CHECK_O(o);
	dump(&rep);
	cr_assert_eq(rep.errors, 0);
	cr_assert_eq(rule_sev(&rep, "unit_count"), -1);
	strcpy(o.units[39].code, o.units[2].code);
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "unit_duplicate"), SEV_ERROR);
	cr_assert_eq(rep.it[0].unit, 39);
	cr_assert_not_null(strstr(rep.it[0].msg, "单位40"));
	cr_assert_eq(rule_units_max("联合党支部"), REC_UNITS_LIMIT);
}

Test(org, empty_unit_code_is_a_warning)
{
	struct org o;

	good_org(&o);
	strcpy(o.units[0].code, "");
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "unitcode_missing"), SEV_WARNING);
	cr_assert_eq(rule_sev(&rep, "required"), -1);
	cr_assert_eq(rep.errors, 0);
	cr_assert_eq(rep.it[0].unit, 0);
	strcpy(o.units[0].code, " \xe3\x80\x80");
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "unitcode_missing"), SEV_WARNING);
}

Test(org, unit_without_party_organisation_is_not_offered)
{
	struct org o;
	struct verdict v;
	const struct codelist *l = codelist_get(CL_UNIT_PARTY_STATUS);
	size_t i;

	for (i = 0; i < l->n; i++)
		cr_assert_str_neq(l->e[i].name, "未建立党组织");
	cr_assert_eq(validate_named("unit_party_status", "未建立党组织", &v), SEV_ERROR);
	good_org(&o);
	strcpy(o.units[0].party_status, "未建立党组织");
	CHECK_O(o);
	cr_assert_eq(rule_sev(&rep, "unit_no_party"), SEV_ERROR);
}

Test(orgnames, missing_parts_are_named)
{
	struct verdict v;

	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "中共某某公司", &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "orgname_type");
	cr_assert(strstr(v.msg, "缺少党组织类型") != NULL, "%s", v.msg);
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "一支部", &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "orgname_numbered");
	cr_assert(strstr(v.msg, "缺少单位名称") != NULL, "%s", v.msg);
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "1支部", &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "orgname_numbered");
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "中共一支部", &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "orgname_numbered");
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "某某公司", &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "orgname_form");
	cr_assert(strstr(v.msg, "缺少“中共”和党组织类型") != NULL, "%s", v.msg);
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "中共某某公司一车间党支部", &v), SEV_OK);
	cr_assert_eq(validate_field(VK_ORGNAME, NULL, "中共十堰某某公司委员会", &v), SEV_OK);
}

/* An ID number with address code c6, born 1990-01-01. */
static void
id_with(const char *c6, char *out)
{
	snprintf(out, 19, "%s19900101123", c6);
	out[17] = idcard_check_char(out);
	out[18] = '\0';
}

Test(idcard, province_and_prefecture_address_codes_warn)
{
	static const char *const above[] = { "110000", "371400", "411500", "370100" };
	static const char *const fine[] = { "110101", "441900", "442000", "620200", "460400" };
	struct verdict v;
	char id[19];
	size_t i;

	for (i = 0; i < sizeof above / sizeof above[0]; i++) {
		id_with(above[i], id);
		cr_assert_eq(validate_field(VK_IDCARD, NULL, id, &v), SEV_WARNING, "%s", id);
		cr_assert_str_eq(v.rule, "idcard_region_level", "%s", id);
		cr_assert_str_eq(v.sex, "男", "the number is still read");
	}
	/* county level, and prefectures without counties (东莞, 中山, 嘉峪关, 儋州) */
	for (i = 0; i < sizeof fine / sizeof fine[0]; i++) {
		id_with(fine[i], id);
		cr_assert_eq(validate_field(VK_IDCARD, NULL, id, &v), SEV_OK, "%s: %s", id, v.msg);
	}
}

Test(codes, placeholder_organisation_code_warns)
{
	struct verdict v;

	cr_assert_eq(validate_field(VK_ORGCODE, NULL, "00000000-0", &v), SEV_WARNING);
	cr_assert_str_eq(v.rule, "orgcode_dummy");
	cr_assert_eq(validate_field(VK_UNITCODE, NULL, "000000000", &v), SEV_WARNING);
	cr_assert_eq(validate_field(VK_UNITCODE, NULL, "11111111-7", &v), SEV_WARNING);
	cr_assert_eq(validate_field(VK_ORGCODE, NULL, "70846113-6", &v), SEV_OK);
}

Test(text, zero_width_and_bidi_controls_warn_and_are_removed)
{
	static const char *const inv[] = { "\xe2\x80\x8b", "\xe2\x80\x8d", "\xe2\x80\x8f",
	    "\xe2\x80\xae", "\xe2\x81\xa6", "\xef\xbb\xbf", "\xd8\x9c" };
	struct verdict v;
	struct member m;
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof inv / sizeof inv[0]; i++) {
		snprintf(buf, sizeof buf, "王%s芳", inv[i]);
		cr_assert_eq(validate_field(VK_NAME, NULL, buf, &v), SEV_WARNING, "%zu", i);
		cr_assert_str_eq(v.rule, "invisible_char");
		cr_assert_str_eq(v.norm, "王芳");
		snprintf(buf, sizeof buf, "某某路%s1号", inv[i]);
		cr_assert_eq(validate_field(VK_ADDRESS, NULL, buf, &v), SEV_WARNING);
		cr_assert_str_eq(v.norm, "某某路1号");
		snprintf(buf, sizeof buf, "1381234%s5678", inv[i]);
		cr_assert_eq(validate_field(VK_MOBILE, NULL, buf, &v), SEV_WARNING);
		cr_assert_str_eq(v.norm, "13812345678");
		snprintf(buf, sizeof buf, "%s汉族", inv[i]);
		cr_assert_eq(validate_coded(CL_ETHNICITY, NULL, buf, &v), SEV_WARNING);
		cr_assert_str_eq(v.norm, "汉族");
	}
	/* in a record: reported, and gone once normalised */
	good_member(&m);
	strcpy(m.name, "王\xe2\x80\xae芳");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "invisible_char"), SEV_WARNING);
	normalize_member(&m);
	cr_assert_str_eq(m.name, "王芳");	CHECK_M(m);
	cr_assert_eq(rep.n, 0);
	strcpy(m.note, "档案\xe2\x80\x8f为准");
	CHECK_M(m);
	cr_assert_eq(rule_sev(&rep, "invisible_char"), SEV_WARNING);
}

Test(dates, hints_never_suggest_an_impossible_year)
{
	struct verdict v;

	cr_assert_eq(validate_field(VK_DATE, NULL, "240305", &v), SEV_ERROR);
	cr_assert(strstr(v.msg, "2403") == NULL, "%s", v.msg);
	cr_assert(strstr(v.msg, "四位") != NULL, "%s", v.msg);
	cr_assert_eq(validate_field(VK_DATE, NULL, "45356", &v), SEV_ERROR);
	cr_assert(strstr(v.msg, "4535") == NULL || strstr(v.msg, "4535-") == NULL, "%s", v.msg);
	cr_assert(strstr(v.msg, "Excel") != NULL, "%s", v.msg);
	cr_assert(strstr(v.msg, "2024-03-05") != NULL, "serial 45356 is 2024-03-05: %s", v.msg);
	cr_assert_eq(validate_field(VK_DATE, NULL, "2403.05", &v), SEV_ERROR);
	cr_assert(strstr(v.msg, "2403-") == NULL, "%s", v.msg);
	/* a real year and month still gets its hint */
	cr_assert_eq(validate_field(VK_DATE, NULL, "202403", &v), SEV_ERROR);
	cr_assert(strstr(v.msg, "2024-03-01") != NULL, "%s", v.msg);
}

Test(phones, country_code_written_forms)
{
	static const char *const mob[] = { "(+86)13812345678", "（＋86）138 1234 5678",
	    "(+86) 138-1234-5678", "(86)13812345678", "+86-138-1234-5678", "(0086)13812345678" };
	struct verdict v;
	size_t i;

	for (i = 0; i < sizeof mob / sizeof mob[0]; i++) {
		cr_assert_eq(validate_field(VK_MOBILE, NULL, mob[i], &v), SEV_OK, "%s: %s", mob[i], v.msg);
		cr_assert_str_eq(v.norm, "13812345678");
		cr_assert_eq(validate_field(VK_PHONE, NULL, mob[i], &v), SEV_OK, "%s", mob[i]);
	}
	cr_assert_eq(validate_field(VK_PHONE, NULL, "+86 10 1234 5678", &v), SEV_OK, "%s", v.msg);
	cr_assert_str_eq(v.norm, "010-12345678");
	cr_assert_eq(validate_field(VK_PHONE, NULL, "(+86)0571-88888888", &v), SEV_OK, "%s", v.msg);
	cr_assert_str_eq(v.norm, "0571-88888888");
	cr_assert_eq(validate_field(VK_MOBILE, NULL, "(+86)0571-88888888", &v), SEV_ERROR);
}

Test(coded, named_fields_take_a_pinned_today)
{
	struct verdict v;

	cr_assert_eq(validate_named_at("date", "2025-06-02", "2025-06-01", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "date_future");
	cr_assert_eq(validate_named_at("date", "2025-06-01", "2025-06-01", &v), SEV_OK);
	cr_assert_eq(validate_named_at("idcard", "110105202506020016", "2025-06-01", &v), SEV_ERROR);
	cr_assert_str_eq(v.rule, "idcard_birth");
	cr_assert_eq(validate_named_at("ethnicity", "01", "2025-06-01", &v), SEV_OK);
}

/* ---------- fast paths against the general path ----------
 * An ID number or a mobile number as the store keeps it is checked
 * without folding; the same value after a leading space goes through
 * fold() and the general checks.  Both verdicts must be the same in every
 * field, over numbers built to hit every branch (check characters right
 * and wrong, x and X, impossible and future birth dates, 29 February,
 * province, prefecture, unknown and county address codes, wrong lengths,
 * stray characters). */

static void
same_verdict(const char *field, const char *value)
{
	struct verdict a, b;
	char spaced[96];
	int ra, rb;

	snprintf(spaced, sizeof spaced, " %s", value);
	ra = validate_named_at(field, value, TODAY, &a);
	rb = validate_named_at(field, spaced, TODAY, &b);
	cr_assert_eq(ra, rb, "%s %s", field, value);
	cr_assert_eq(a.sev, b.sev, "%s %s", field, value);
	cr_assert((a.rule == NULL) == (b.rule == NULL), "%s %s", field, value);
	if (a.rule != NULL)
		cr_assert_str_eq(a.rule, b.rule, "%s %s", field, value);
	cr_assert_str_eq(a.msg, b.msg, "%s %s", field, value);
	cr_assert_str_eq(a.norm, b.norm, "%s %s", field, value);
	cr_assert_str_eq(a.sex, b.sex, "%s %s", field, value);
	cr_assert_str_eq(a.birth, b.birth, "%s %s", field, value);
	cr_assert_str_eq(a.alt, b.alt, "%s %s", field, value);
}

static unsigned
lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 16;
}

Test(fastpath, idcard_as_stored_equals_the_general_check)
{
	static const char *const regions[] = {
		"110105", "330106", "441900", "110000", "330100", "999999", "000000",
		"110101", "460400", "620200",
	};
	static const char *const births[] = {
		"19491231", "20000229", "19000229", "19000101", "18991231", "20250601",
		"20250602", "20300101", "19991301", "19990001", "19990100", "19990132",
		"20240229", "20230229", "19800431", "00000000", "99991231",
	};
	unsigned seed = 15;
	char id[32];
	int i, k;

	for (i = 0; i < 4000; i++) {
		const char *r = regions[lcg(&seed) % (sizeof regions / sizeof regions[0])];
		const char *b = births[lcg(&seed) % (sizeof births / sizeof births[0])];
		char want;

		snprintf(id, sizeof id, "%s%s%03u", r, b, lcg(&seed) % 1000);
		want = idcard_check_char(id);
		switch (lcg(&seed) % 8) {
		case 0: id[17] = (char)('0' + lcg(&seed) % 10); break;  /* maybe wrong */
		case 1: id[17] = 'X'; break;
		case 2: id[17] = 'x'; break;
		case 3: id[17] = 'Y'; break;
		default: id[17] = want; break;
		}
		id[18] = '\0';
		switch (lcg(&seed) % 10) {   /* some made wrong in shape */
		case 0: id[17] = '\0'; break;                               /* 17 */
		case 1: id[18] = '5'; id[19] = '\0'; break;                 /* 19 */
		case 2: id[lcg(&seed) % 17] = 'A'; break;                   /* letter */
		case 3: id[15] = '\0'; break;                               /* 15 */
		case 4: id[lcg(&seed) % 18] = '-'; break;
		default: break;
		}
		same_verdict("idcard", id);
	}
	for (k = 0; k < 20; k++) {          /* every length up to 19 digits */
		memset(id, '1', (size_t)k);
		id[k] = '\0';
		same_verdict("idcard", id);
	}
	same_verdict("idcard", idx_ok);
}

Test(fastpath, mobile_as_stored_equals_the_general_check)
{
	static const char *const fields[] = { "mobile", "phone", "memberphone" };
	unsigned seed = 86;
	char p[32];
	int i, k, n;

	for (i = 0; i < 3000; i++) {
		n = 9 + (int)(lcg(&seed) % 5);      /* 9-13 characters */
		for (k = 0; k < n; k++)
			p[k] = (char)('0' + lcg(&seed) % 10);
		p[n] = '\0';
		if (lcg(&seed) % 2)
			p[0] = '1';
		switch (lcg(&seed) % 6) {
		case 0: p[lcg(&seed) % (unsigned)n] = '-'; break;
		case 1: p[lcg(&seed) % (unsigned)n] = 'x'; break;
		case 2: p[0] = '+'; break;
		default: break;
		}
		same_verdict(fields[i % 3], p);
	}
	for (k = '0'; k <= '9'; k++) {      /* every second digit */
		snprintf(p, sizeof p, "1%c012345678", k);
		for (i = 0; i < 3; i++)
			same_verdict(fields[i], p);
	}
}

Test(fastpath, name_as_stored_equals_the_general_check)
{
	static const char *const names[] = {
		"王小红", "欧阳", "王", "一", "〇", "王一", "丁", "龥", "王\xe5\x80",
		"王\xe5", "王\xe5\x80\x41", "\xe5\x80\x80", "\xe9\xbf\xbf", "\xea\x80\x80",
		"王·小红", "王·", "·王", "王小红·", "王 小红", "A王", "王1", "王\xc2\xb7红",
		"王\xef\xbc\x8e红", "王\xe2\x80\x8b红", "王\t红", "abc", "王\x7f",
	};
	char buf[256];
	size_t i, k;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		same_verdict("name", names[i]);
	for (k = 1; k <= 24; k++) {         /* 3k bytes: around REC_NAME_MAX */
		buf[0] = '\0';
		for (i = 0; i < k; i++)
			strcat(buf, i % 2 ? "红" : "王");
		same_verdict("name", buf);
	}
}
