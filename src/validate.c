/*
 * validate.c - every field check and record rule of DOMAIN.md.  Character
 * classes are decided on decoded code points (POSIX regex over CJK is
 * unusable); invalid UTF-8 and overlong input are errors, never crashes.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "codelist.h"
#include "utf8.h"
#include "review.h"
#include "schema.h"
#include "validate.h"

#define IN_MAX 4096            /* longer input is refused before any scan */

/* ---- rule keys ---- */

const struct vrule validate_rules[] = {
	/* any field */
	{ "required", SEV_ERROR, "必填项为空" },
	{ "utf8", SEV_ERROR, "含有无效的字符编码(不是UTF-8)" },
	{ "control_char", SEV_ERROR, "含有控制字符或换行" },
	{ "invisible_char", SEV_WARNING, "含有零宽字符或文字方向控制字符(看不见,已去除)" },
	{ "too_long", SEV_ERROR, "内容过长" },
	{ "coded_unknown", SEV_ERROR, "不在代码表中" },
	{ "coded_ambiguous", SEV_ERROR, "拼音首字母对应多项,须选择" },
	/* 公民身份证号 */
	{ "idcard_15", SEV_ERROR, "15位旧号码,提示对应的18位号码" },
	{ "idcard_length", SEV_ERROR, "公民身份证号不是18位" },
	{ "idcard_chars", SEV_ERROR, "公民身份证号含有数字和末位X以外的字符" },
	{ "idcard_birth", SEV_ERROR, "公民身份证号中的出生日期无效或晚于今天" },
	{ "idcard_check", SEV_ERROR, "公民身份证号校验位错误(GB 11643-1999)" },
	{ "idcard_region", SEV_WARNING, "公民身份证号地址码不在1981年以来的行政区划代码中" },
	{ "idcard_region_level", SEV_WARNING, "公民身份证号地址码是省级或地级代码,不是县级" },
	/* 单位代码 */
	{ "uscc_length", SEV_ERROR, "统一社会信用代码不是18位" },
	{ "uscc_chars", SEV_ERROR, "统一社会信用代码含有不用的字符(I、O、Z、S、V等)" },
	{ "uscc_check", SEV_ERROR, "统一社会信用代码校验位错误(GB 32100-2015)" },
	{ "orgcode_length", SEV_ERROR, "组织机构代码不是9位" },
	{ "orgcode_chars", SEV_ERROR, "组织机构代码含有不用的字符" },
	{ "orgcode_check", SEV_ERROR, "组织机构代码校验位错误(GB 11714-1997)" },
	{ "orgcode_dummy", SEV_WARNING, "组织机构代码是占位代码(如00000000-0)" },
	{ "unitcode_length", SEV_ERROR, "既不是统一社会信用代码也不是组织机构代码" },
	/* 电话 */
	{ "mobile_format", SEV_ERROR, "不是11位手机号码" },
	{ "phone_format", SEV_ERROR, "不是手机号码或带区号的固定电话" },
	{ "phone_area", SEV_ERROR, "固定电话缺少区号" },
	{ "phone_fixed", SEV_WARNING, "党员联系电话为固定电话(宜填手机号码)" },
	/* 日期 */
	{ "date_format", SEV_ERROR, "不是有效日期" },
	{ "date_future", SEV_ERROR, "日期晚于今天" },
	{ "date_range", SEV_ERROR, "日期早于1900年" },
	/* 姓名、住址、党组织名称 */
	{ "name_digits", SEV_ERROR, "姓名含有数字" },
	{ "name_chars", SEV_ERROR, "姓名含有汉字和间隔号以外的字符" },
	{ "name_dot", SEV_ERROR, "间隔号不在两个字之间" },
	{ "address_detail", SEV_WARNING, "家庭住址未到门牌号" },
	{ "orgname_form", SEV_WARNING, "党组织名称不像全称(缺少“中共”和党组织类型)" },
	{ "orgname_type", SEV_WARNING, "党组织名称缺少党组织类型(党委、党总支、党支部等)" },
	{ "orgname_numbered", SEV_WARNING, "编号党组织名称缺少单位名称" },
	/* 党员 */
	{ "sex_mismatch", SEV_ERROR, "性别与公民身份证号不一致" },
	{ "birth_differs", SEV_WARNING, "出生日期与公民身份证号不一致(须确认并在备注中说明)" },
	{ "birth_note_missing", SEV_ERROR, "出生日期与公民身份证号不一致而备注为空" },
	{ "branch_level", SEV_ERROR, "所在党组织不是党支部一级" },
	{ "branch_removed", SEV_ERROR, "所在党支部已移除" },
	{ "join_before_1921", SEV_ERROR, "加入党组织日期早于1921-07-01" },
	{ "join_future", SEV_ERROR, "加入党组织日期晚于今天" },
	{ "join_under18", SEV_WARNING, "入党时未满18周岁(须确认并在备注中说明)" },
	{ "under18_note_missing", SEV_ERROR, "入党时未满18周岁而备注为空" },
	{ "full_missing", SEV_ERROR, "正式党员未填转为正式党员日期" },
	{ "full_for_probationary", SEV_ERROR, "预备党员填了转为正式党员日期" },
	{ "full_future", SEV_ERROR, "转为正式党员日期晚于今天" },
	{ "full_before_join", SEV_ERROR, "转为正式党员日期早于加入党组织日期" },
	{ "full_same_day", SEV_WARNING, "转为正式党员日期与加入党组织日期相同(1969年4月至1977年8月入党的除外)" },
	{ "full_gap", SEV_WARNING, "转正距入党不在一至二年之间" },
	{ "probation_due", SEV_WARNING, "预备党员预备期已满一年,应讨论转正" },
	{ "probation_overdue", SEV_WARNING, "预备党员入党已满两年(预备期最多延长一年)" },
	{ "temp_branch_member", SEV_WARNING, "临时党支部的党员不列入附件4(组织关系在别处,不要重复)" },
	{ "phone_missing_lost", SEV_WARNING, "失联党员未填联系电话" },
	{ "lost_date_missing", SEV_ERROR, "失联党员未填失去联系日期" },
	{ "lost_date_future", SEV_ERROR, "失去联系日期晚于今天" },
	{ "lost_before_join", SEV_ERROR, "失去联系日期早于加入党组织日期" },
	{ "lost_date_extra", SEV_ERROR, "未失联党员填了失去联系日期" },
	{ "lost_signed", SEV_WARNING, "失联党员的确认方式为本人签字" },
	{ "confirm_conflict", SEV_ERROR, "确认方式既有本人签字又有他人代填" },
	{ "lost_floating", SEV_WARNING, "同时为失联党员和流动党员" },
	{ "flow_missing", SEV_ERROR, "流动党员未填外出流向" },
	{ "flow_not_county", SEV_ERROR, "外出流向不是县级行政区划" },
	{ "flow_extra", SEV_ERROR, "非流动党员填了外出流向" },
	/* 党组织 */
	{ "secretary_vacant", SEV_WARNING, "党组织书记空缺" },
	{ "unit_count", SEV_ERROR, "单位个数与党组织所在单位情况不符" },
	{ "joint_mismatch", SEV_WARNING, "组织类别与党组织所在单位情况不符(联合党支部)" },
	{ "unit_duplicate", SEV_ERROR, "联合党支部的两个单位代码相同" },
	{ "unitcode_missing", SEV_WARNING, "党组织所在单位代码未填(一般应填)" },
	{ "unit_no_party", SEV_ERROR, "单位建立党组织情况为未建立党组织(本党组织就建在该单位)" },
	{ "stat_count", SEV_ERROR, "党统人数为负数" },
	{ "kind", SEV_ERROR, "未知的字段类型或代码表(程序错误)" },
	{ NULL, 0, NULL },
};

const struct vrule *
validate_rule(const char *key)
{
	size_t i;

	for (i = 0; key && validate_rules[i].key; i++)
		if (strcmp(validate_rules[i].key, key) == 0)
			return &validate_rules[i];
	return NULL;
}

/* memcpy(d, s, n) for a short value whose length gcc knows to be under
 * a bound (len < cap): it would expand the copy inline as rep movsq,
 * whose start costs more than the copy (perf: most of validate_coded's
 * cycles).  Through a volatile the length's range is unknown: a call to
 * memcpy. */
static inline void
copy_short(char *d, const char *s, size_t n)
{
	volatile size_t vn = n;

	memcpy(d, s, vn);
}

/* ---- UTF-8 ---- */

/* Decode the code point at s[*i] (strict, see utf8_decode) and advance
 * *i.  Returns -1 on invalid input. */
static inline int32_t
u8_next(const unsigned char *s, size_t len, size_t *i)
{
	uint32_t cp;
	size_t n = utf8_decode(s + *i, len - *i, &cp);

	if (n == 0)
		return -1;
	*i += n;
	return (int32_t)cp;
}

/* Append cp to out[*o] (cap bytes incl. NUL).  Returns -1 when full. */
static int
u8_put(char *out, size_t cap, size_t *o, uint32_t cp)
{
	char b[UTF8_MAX];
	size_t n = utf8_encode(cp, b);

	if (n == 0 || *o + n + 1 > cap)
		return -1;
	memcpy(out + *o, b, n);
	*o += n;
	out[*o] = '\0';
	return 0;
}

/* White space as people type it, ideographic space included. */
static int
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000 ||
	    cp == 0x2002 || cp == 0x2003 || cp == 0x2009 || cp == 0x200B ||
	    cp == 0xFEFF;
}

/* Zero-width characters and bidirectional controls: invisible on screen and
 * in a printed table, they make two equal-looking values differ (a second
 * member, a second branch) or reorder what is shown. */
static int
is_invisible_cp(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F) ||
	    cp == 0xFEFF || cp == 0x061C;
}

/* The variants people type for the middle dot of minority names. */
static int
is_dot_cp(uint32_t cp)
{
	return cp == 0xB7 || cp == '.' || cp == 0x2022 || cp == 0x2027 ||
	    cp == 0x2219 || cp == 0x22C5 || cp == 0x30FB || cp == 0xFF65 ||
	    cp == 0x0387 || cp == 0x2E31 || cp == 0x318D || cp == 0x16EB ||
	    cp == 0x2024 || cp == 0xFF0E;
}

/* CJK unified ideographs (all extensions), compatibility ones, 〇. */
static int
is_han_cp(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) ||
	    (cp >= 0x30000 && cp <= 0x323AF) || cp == 0x3007;
}

/* fold() results: FOLD_INVIS is a success (out is complete) that removed
 * invisible characters; the errors are negative. */
enum { FOLD_OK = 0, FOLD_INVIS = 1, FOLD_UTF8 = -1, FOLD_CTRL = -2, FOLD_LONG = -3 };
/* fold() flags: inner white space collapsed to one or dropped; full-width
 * punctuation folded too, or kept (free text keeps （） and ，). */
enum { SP_KEEP = 0, SP_DROP = 1, KEEP_PUNCT = 2 };

/* Length of in when fold() would copy it unchanged: strict UTF-8, no
 * white space or control character of any kind, no full-width form
 * (U+FF01-FF5E), shorter than IN_MAX; else (size_t)-1 (fold decides). */
static size_t
fold_plain(const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0;

	for (;;) {
		unsigned c = s[i];

		if (c - 0x21u < 0x5Eu) {             /* printable ASCII but space */
			i++;
			continue;
		}
		if (c - 0xE4u < 6u) {                /* U+4000-9FFF: Han */
			if ((s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
				return (size_t)-1;
			i += 3;
			continue;
		}
		if (c == 0)
			return i <= IN_MAX ? i : (size_t)-1;
		if (c >= 0xE1 && c <= 0xEC) {         /* U+1000-CFFF: most Han */
			if ((s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
				return (size_t)-1;
			/* U+2000-2FFF (E2) and U+3000-3FFF (E3) hold spaces */
			if (c == 0xE2 || (c == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80))
				return (size_t)-1;
			i += 3;
			continue;
		}
		return (size_t)-1;
	}
}

/* Fold a value: strict UTF-8, full-width ASCII to ASCII, ideographic and
 * other spaces to ' ', white space trimmed and collapsed (or dropped), see
 * the flags; zero-width and bidirectional control characters removed.  Out
 * holds cap bytes.  Returns FOLD_OK, FOLD_INVIS (something invisible was
 * removed) or a negative FOLD_ error. */
static int
fold(const char *in, char *out, size_t cap, int spaces)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t len = fold_plain(in), i = 0, o = 0;
	int pend = 0, invis = 0;

	if (len != (size_t)-1 && len < cap) {   /* already canonical */
		copy_short(out, in, len + 1);
		return FOLD_OK;
	}
	len = strlen(in);
	out[0] = '\0';
	if (len > IN_MAX)
		return FOLD_LONG;
	while (i < len) {
		size_t at = i;
		int32_t c;
		uint32_t cp;

		if (s[i] > 0x20 && s[i] < 0x7F) {       /* printable ASCII: itself */
			if (pend && !(spaces & SP_DROP) && u8_put(out, cap, &o, ' ') < 0)
				return FOLD_LONG;
			pend = 0;
			if (o + 2 > cap)
				return FOLD_LONG;
			out[o++] = (char)s[i++];
			out[o] = '\0';
			continue;
		}
		if ((c = u8_next(s, len, &i)) < 0)
			return FOLD_UTF8;
		cp = (uint32_t)c;
		if (is_invisible_cp(cp)) {
			invis = 1;
			continue;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E && (!(spaces & KEEP_PUNCT) ||
		    (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
		    (cp >= 0xFF41 && cp <= 0xFF5A)))
			cp -= 0xFEE0;
		if (is_space_cp(cp)) {
			pend = o > 0;
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
			return FOLD_CTRL;
		if (pend && !(spaces & SP_DROP) && u8_put(out, cap, &o, ' ') < 0)
			return FOLD_LONG;
		pend = 0;
		if (cp != (uint32_t)c) {
			if (u8_put(out, cap, &o, cp) < 0)
				return FOLD_LONG;
			continue;
		}
		/* unchanged: strict UTF-8 is canonical, copy its bytes */
		if (o + (i - at) + 1 > cap)
			return FOLD_LONG;
		memcpy(out + o, s + at, i - at);
		o += i - at;
		out[o] = '\0';
	}
	return invis ? FOLD_INVIS : FOLD_OK;
}

/* ---- verdicts ---- */

static int vset(struct verdict *v, int sev, const char *rule, const char *label,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Record a finding: "label:text".  A warning never replaces an error. */
static int
vset(struct verdict *v, int sev, const char *rule, const char *label,
    const char *fmt, ...)
{
	va_list ap;
	int n;

	if (v->sev >= sev)
		return v->sev;
	v->sev = sev;
	v->rule = rule;
	n = snprintf(v->msg, sizeof v->msg, "%s:", label);
	if (n < 0 || (size_t)n >= sizeof v->msg)
		return v->sev;
	va_start(ap, fmt);
	vsnprintf(v->msg + n, sizeof v->msg - (size_t)n, fmt, ap);
	va_end(ap);
	return v->sev;
}

/* Reset a verdict to ok (the buffers' first bytes only: it is hot). */
static void
vclear(struct verdict *v)
{
	v->sev = SEV_OK;
	v->rule = NULL;
	v->msg[0] = v->norm[0] = v->sex[0] = v->birth[0] = v->alt[0] = '\0';
	v->what = NULL;
}

/* The warning for invisible characters fold() removed; returns v->sev. */
static int
invis_warn(struct verdict *v, const char *label)
{
	return vset(v, SEV_WARNING, "invisible_char", label,
	    "含有看不见的零宽字符或文字方向控制字符(已去除),请核对");
}

/* Report a fold failure (rc < 0) or the warning of FOLD_INVIS; returns v->sev. */
static int
fold_error(struct verdict *v, const char *label, int rc, size_t cap)
{
	if (rc == FOLD_INVIS)
		return invis_warn(v, label);
	v->norm[0] = '\0';
	if (rc == FOLD_UTF8)
		return vset(v, SEV_ERROR, "utf8", label, "含有无效的字符编码(不是UTF-8)");
	if (rc == FOLD_CTRL)
		return vset(v, SEV_ERROR, "control_char", label, "含有控制字符或换行");
	return vset(v, SEV_ERROR, "too_long", label, "过长(最多%zu个字节,约%zu个汉字)",
	    cap - 1, (cap - 1) / 3);
}

/* The empty-value error of a required field. */
static int
required(struct verdict *v, const char *label)
{
	return vset(v, SEV_ERROR, "required", label, "必填");
}

/* ---- dates ---- */

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

static int
real_date(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    (d <= 28 || d <= days_in_month(y, m));
}

/* The first 8 bytes of s, most significant first. */
static inline uint64_t
load_be8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return (uint64_t)u[0] << 56 | (uint64_t)u[1] << 48 | (uint64_t)u[2] << 40 |
	    (uint64_t)u[3] << 32 | (uint64_t)u[4] << 24 | (uint64_t)u[5] << 16 |
	    (uint64_t)u[6] << 8 | u[7];
}

/* strcmp's sign for two dates written YYYY-MM-DD (ten characters: a
 * verdict's norm of a date that passed its check, today_str's, fmt_date's,
 * iso_add_years'), without a call. */
static inline int
date_cmp(const char *a, const char *b)
{
	uint64_t x = load_be8(a), y = load_be8(b);
	unsigned p, q;

	if (x != y)
		return x < y ? -1 : 1;
	p = (unsigned)(unsigned char)a[8] << 8 | (unsigned char)a[9];
	q = (unsigned)(unsigned char)b[8] << 8 | (unsigned char)b[9];
	return (p > q) - (p < q);
}

/* y-m-d as YYYY-MM-DD into out (REC_DATE_MAX bytes); y is 1000..9999. */
static void
fmt_date(char *out, int y, int m, int d)
{
	y %= 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10 % 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10 % 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* s is already YYYY-MM-DD with a real date (the fast path for dates this
 * module wrote itself); fills y/m/d. */
static int
is_iso_date(const char *s, int *y, int *m, int *d)
{
#define D_(k) ((unsigned)(s[k] - '0') > 9u)
	if (D_(0) || D_(1) || D_(2) || D_(3) || s[4] != '-' || D_(5) || D_(6) ||
	    s[7] != '-' || D_(8) || D_(9) || s[10] != '\0')
		return 0;
#undef D_
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return real_date(*y, *m, *d);
}

/* Read n..max ASCII digits at *p; returns the number or -1. */
static int
digits(const char **p, int min, int max)
{
	int v = 0, k = 0;

	while (k < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k >= min ? v : -1;
}

/* Skip the literal lit at *p; 1 when it was there. */
static int
skip(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/* Parse a folded date string (spaces dropped) into y/m/d.  Forms:
 * YYYYMMDD, Y-M-D, Y.M.D, Y/M/D (one separator), Y年M月D日.  0 or -1. */
static int
date_parse(const char *s, int *y, int *m, int *d)
{
	const char *p = s;
	char sep;

	if (strlen(s) == 8 && strspn(s, "0123456789") == 8) {
		*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		*m = (s[4] - '0') * 10 + (s[5] - '0');
		*d = (s[6] - '0') * 10 + (s[7] - '0');
		return real_date(*y, *m, *d) ? 0 : -1;
	}
	if ((*y = digits(&p, 4, 4)) < 0)
		return -1;
	if (skip(&p, "年")) {
		if ((*m = digits(&p, 1, 2)) < 0 || !skip(&p, "月"))
			return -1;
		if ((*d = digits(&p, 1, 2)) < 0)
			return -1;
		if (!skip(&p, "日"))
			skip(&p, "号");
	} else {
		sep = *p;
		if (sep != '-' && sep != '.' && sep != '/')
			return -1;
		p++;
		if ((*m = digits(&p, 1, 2)) < 0 || *p++ != sep)
			return -1;
		if ((*d = digits(&p, 1, 2)) < 0)
			return -1;
	}
	if (*p != '\0')
		return -1;
	return real_date(*y, *m, *d) ? 0 : -1;
}

/* A year and month without a day (2024-03, 2024.3, 202403, 2024年3月). */
static int
month_only(const char *s, int *y, int *m)
{
	const char *p = s;

	/* a plausible year only: 240305 is not March 2403 */
	if ((*y = digits(&p, 4, 4)) < 1900 || *y > 2100)
		return 0;
	if (!skip(&p, "年") && (*p == '-' || *p == '.' || *p == '/'))
		p++;
	if ((*m = digits(&p, 1, 2)) < 1 || *m > 12)
		return 0;
	skip(&p, "月");
	return *p == '\0';
}

int
date_normalize(const char *in, char *out)
{
	char buf[64];
	int y, m, d;

	out[0] = '\0';
	if (in == NULL)
		return -1;
	if (is_iso_date(in, &y, &m, &d)) {
		memcpy(out, in, REC_DATE_MAX);
		return 0;
	}
	if (fold(in, buf, sizeof buf, SP_DROP) < 0)
		return -1;
	if (date_parse(buf, &y, &m, &d) != 0)
		return -1;
	fmt_date(out, y, m, d);
	return 0;
}

/* today as YYYY-MM-DD: the override when it is a real date, else the clock. */
static void
today_str(const char *today, char *out)
{
	time_t t;
	struct tm tm;

	if (today && date_normalize(today, out) == 0)
		return;
	t = time(NULL);
	if (localtime_r(&t, &tm) == NULL) {
		snprintf(out, REC_DATE_MAX, "2000-01-01");
		return;
	}
	fmt_date(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* date_add_years of a date that is_iso_date() accepts (a verdict's norm of
 * a date that passed its check): the same result, without checking again. */
static void
iso_add_years(const char *date, int n, char *out)
{
	int y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 +
	    (date[3] - '0') + n;

	if (date[5] == '0' && date[6] == '2' && date[8] == '2' && date[9] == '9' &&
	    !is_leap(y))
		fmt_date(out, y, 3, 1);
	else if (y <= 9999) {         /* only the year changes */
		memcpy(out, date, REC_DATE_MAX);
		out[0] = (char)('0' + y / 1000);
		out[1] = (char)('0' + y / 100 % 10);
		out[2] = (char)('0' + y / 10 % 10);
		out[3] = (char)('0' + y % 10);
	} else
		fmt_date(out, y, (date[5] - '0') * 10 + (date[6] - '0'),
		    (date[8] - '0') * 10 + (date[9] - '0'));
}

/* A normalised date moved by n years (29 Feb to 1 Mar when needed). */
static void
date_add_years(const char *date, int n, char *out)
{
	int y = 0, m = 0, d = 0;

	if (!is_iso_date(date, &y, &m, &d)) {
		rec_strcpy(out, REC_DATE_MAX, date);
		return;
	}
	y += n;
	if (m == 2 && d == 29 && !is_leap(y)) {
		m = 3;
		d = 1;
	} else if (y <= 9999) {       /* only the year changes */
		memcpy(out, date, REC_DATE_MAX);
		out[0] = (char)('0' + y / 1000);
		out[1] = (char)('0' + y / 100 % 10);
		out[2] = (char)('0' + y / 10 % 10);
		out[3] = (char)('0' + y % 10);
		return;
	}
	fmt_date(out, y, m, d);
}

/* The date of an Excel serial day number (1900 date system, which counts a
 * 29 February 1900 that never was) as YYYY-MM-DD; serial is 61..2958465. */
static void
excel_serial_date(int serial, char *out)
{
	/* days from 1899-12-30 by the civil-from-days algorithm */
	long z = serial - 25569L + 719468L, era, doe, yoe, y, doy, mp, d, m;

	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	fmt_date(out, (int)(y + (m <= 2)), (int)m, (int)d);
}

/* Format check of a date field, no range rules (the record rules do those). */
static int
check_date_format(const char *label, const char *value, struct verdict *v)
{
	int rc, y, m, d;
	char out[REC_DATE_MAX];

	if (is_iso_date(value, &y, &m, &d)) {
		memcpy(v->norm, value, REC_DATE_MAX);
		return SEV_OK;
	}
	rc = fold(value, v->norm, sizeof v->norm, SP_DROP);
	if (rc < 0)
		return fold_error(v, label, rc, REC_DATE_MAX + 20);
	if (rc == FOLD_INVIS)
		invis_warn(v, label);
	if (v->norm[0] == '\0')
		return required(v, label);
	if (date_normalize(v->norm, out) != 0)
	{
		size_t nd = strspn(v->norm, "0123456789");

		if (month_only(v->norm, &y, &m))
			return vset(v, SEV_ERROR, "date_format", label,
			    "缺少日,只知道年月时填该月1日(%04d-%02d-01)", y, m);
		if (nd == 5 && v->norm[5] == '\0') {
			/* Excel's day count (1900 system) shown as a number */
			excel_serial_date(atoi(v->norm), out);
			return vset(v, SEV_ERROR, "date_format", label,
			    "%s像是Excel的日期序列号(对应%s):请在Excel/WPS中把该列设为"
			    "日期格式(yyyy-mm-dd)后再保存", v->norm, out);
		}
		if (nd == 6 && v->norm[6] == '\0')
			return vset(v, SEV_ERROR, "date_format", label,
			    "年份应写全四位(如2024-03-05),两位年份分不清是哪个世纪");
		return vset(v, SEV_ERROR, "date_format", label,
		    "不是有效日期(格式如2024-03-05、20240305、2024年3月5日)");
	}
	snprintf(v->norm, sizeof v->norm, "%s", out);
	return v->sev;
}

/* VK_DATE: a real date, not before 1900, not after today (td, YYYY-MM-DD). */
static int
check_date(const char *label, const char *value, const char *td, struct verdict *v)
{
	if (check_date_format(label, value, v) != SEV_OK)
		return v->sev;
	if (date_cmp(v->norm, td) > 0)
		return vset(v, SEV_ERROR, "date_future", label, "不能晚于今天(%s)", td);
	if (date_cmp(v->norm, "1900-01-01") < 0)
		return vset(v, SEV_ERROR, "date_range", label, "不能早于1900年");
	return v->sev;
}

/* ---- ID numbers (GB 11643-1999) ---- */

char
idcard_check_char(const char *first17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char map[] = "10X98765432";
	int i, sum = 0;

	if (first17 == NULL)
		return 0;
	for (i = 0; i < 17; i++) {
		if (first17[i] < '0' || first17[i] > '9')
			return 0;
		sum += (first17[i] - '0') * w[i];
	}
	return map[sum % 11];
}

int
idcard_upgrade15(const char *in, char *out)
{
	if (in == NULL || strlen(in) != 15 || strspn(in, "0123456789") != 15)
		return -1;
	memcpy(out, in, 6);
	out[6] = '1';
	out[7] = '9';
	memcpy(out + 8, in + 6, 9);
	out[17] = idcard_check_char(out);
	out[18] = '\0';
	return 0;
}

/* 1 when a known 6-digit code is a province or a prefecture that has (or
 * had) county-level divisions: an ID number's address code is the
 * county-level one.  Prefectures without counties (东莞 441900, 中山 442000,
 * 嘉峪关 620200, 儋州 460400) are address codes themselves. */
static int
region_above_county(const char *c6)
{
	char k[7];
	int i;

	if (strcmp(c6 + 4, "00") != 0)
		return 0;
	if (strcmp(c6 + 2, "0000") == 0)
		return 1;
	memcpy(k, c6, 7);
	/* from 02: region_code_known accepts xxxx01 (市辖区) of every prefecture */
	for (i = 2; i <= 99; i++) {
		k[4] = (char)('0' + i / 10);
		k[5] = (char)('0' + i % 10);
		if (region_code_known(k))
			return 1;
	}
	return 0;
}

/* 1 when s is an ID number as the store keeps it: 17 ASCII digits, a digit
 * or X, nothing else.  fold() and the upper-casing leave such a value as
 * it is and the length and character checks pass it: check_idcard skips
 * them (tests/unit/test_validate.c compares both ways). */
static int
idcard_canonical(const char *s)
{
	size_t i;

	for (i = 0; i < 17; i++)            /* stops at the NUL of a short one */
		if ((unsigned)(s[i] - '0') > 9u)
			return 0;
	return ((unsigned)(s[17] - '0') <= 9u || s[17] == 'X') && s[18] == '\0';
}

/* VK_IDCARD: GB 11643-1999; fills sex and birth when valid, alt for 15
 * digits.  td is today as YYYY-MM-DD. */
static int
check_idcard(const char *label, const char *value, const char *td, struct verdict *v)
{
	char birth[REC_DATE_MAX], *s = v->norm, want;
	int rc, y, m, d;
	size_t len, i;

	if (idcard_canonical(value)) {
		memcpy(s, value, 19);
		goto digits_ok;
	}
	rc = fold(value, s, REC_SHORT_MAX, SP_DROP);
	if (rc < 0)
		return fold_error(v, label, rc, REC_SHORT_MAX);
	if (rc == FOLD_INVIS)
		invis_warn(v, label);
	for (i = 0; s[i]; i++)
		if (s[i] == 'x')
			s[i] = 'X';
	len = strlen(s);
	if (len == 0)
		return required(v, label);
	if (len == 15 && strspn(s, "0123456789") == 15) {
		char up[19];

		idcard_upgrade15(s, up);
		if (date_parse((char[9]){ up[6], up[7], up[8], up[9], up[10], up[11],
		    up[12], up[13], '\0' }, &y, &m, &d) == 0) {
			snprintf(v->alt, sizeof v->alt, "%s", up);
			return vset(v, SEV_ERROR, "idcard_15", label,
			    "15位旧号码,应改为18位:%s", up);
		}
	}
	/* 18 bytes of which the first 17 are digits: 18 characters */
	if (len != 18 || (strspn(s, "0123456789") < 17 && utf8_count(s) != 18))
		return vset(v, SEV_ERROR, "idcard_length", label, "应为18位(现为%zu位)",
		    utf8_count(s));
	if (strspn(s, "0123456789") < 17 || !((s[17] >= '0' && s[17] <= '9') || s[17] == 'X'))
		return vset(v, SEV_ERROR, "idcard_chars", label, "只能是17位数字加末位数字或X");
digits_ok:
	/* s[6..13], eight digits: date_parse's YYYYMMDD */
	y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	if (!real_date(y, m, d) || y < 1900) {
		char b8[9];

		memcpy(b8, s + 6, 8);
		b8[8] = '\0';
		return vset(v, SEV_ERROR, "idcard_birth", label,
		    "第7-14位出生日期%s不是有效日期", b8);
	}
	/* fmt_date(birth, y, m, d): the digits as they are */
	memcpy(birth, s + 6, 4);
	birth[4] = '-';
	memcpy(birth + 5, s + 10, 2);
	birth[7] = '-';
	memcpy(birth + 8, s + 12, 2);
	birth[10] = '\0';
	if (date_cmp(birth, td) > 0)
		return vset(v, SEV_ERROR, "idcard_birth", label,
		    "第7-14位出生日期%s晚于今天", birth);
	want = idcard_check_char(s);
	if (want != s[17])
		return vset(v, SEV_ERROR, "idcard_check", label, "校验位应为%c", want);
	memcpy(v->birth, birth, REC_DATE_MAX);
	memcpy(v->sex, (s[16] - '0') % 2 ? "男" : "女", sizeof "男");
	{
		char c6[7];

		memcpy(c6, s, 6);
		c6[6] = '\0';
		if (!region_code_known(c6))
			vset(v, SEV_WARNING, "idcard_region", label,
			    "前6位地址码%s不在行政区划代码表中,请核对", c6);
		else if (region_above_county(c6))
			vset(v, SEV_WARNING, "idcard_region_level", label,
			    "前6位地址码%s是%s级代码,公民身份证号的地址码应为县级(区、县、县级市),请核对",
			    c6, strcmp(c6 + 2, "0000") == 0 ? "省" : "地");
	}
	return v->sev;
}

/* ---- organisation codes ---- */

static const char uscc_set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* Value of c in the GB 32100 set, or -1. */
static int
uscc_val(char c)
{
	const char *p = c ? strchr(uscc_set, c) : NULL;

	return p ? (int)(p - uscc_set) : -1;
}

char
uscc_check_char(const char *s)
{
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int i, sum = 0, c;

	for (i = 0; i < 17; i++) {
		if ((c = uscc_val(s[i])) < 0)
			return 0;
		sum += c * w[i];
	}
	return uscc_set[(31 - sum % 31) % 31];
}

/* Value of c in GB 11714 (0-9, A-Z = 10-35), or -1. */
static int
orgcode_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return -1;
}

char
orgcode_check_char(const char *s)
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int i, sum = 0, c, r;

	for (i = 0; i < 8; i++) {
		if ((c = orgcode_val(s[i])) < 0)
			return 0;
		sum += c * w[i];
	}
	r = 11 - sum % 11;
	return r == 10 ? 'X' : r == 11 ? '0' : (char)('0' + r);
}

/* Upper-case ASCII letters in place. */
static void
upper(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

/* GB 32100-2015 on the folded, upper-cased value in v->norm. */
static int
check_uscc_norm(const char *label, struct verdict *v)
{
	const char *s = v->norm;
	char want;
	size_t i;

	if (utf8_count(s) != 18 || strlen(s) != 18)
		return vset(v, SEV_ERROR, "uscc_length", label,
		    "统一社会信用代码应为18位(现为%zu位)", utf8_count(s));
	for (i = 0; i < 18; i++)
		if (uscc_val(s[i]) < 0)
			return vset(v, SEV_ERROR, "uscc_chars", label,
			    "第%zu位“%c”不是统一社会信用代码用字(数字和除I、O、Z、S、V外的大写字母)",
			    i + 1, s[i]);
	want = uscc_check_char(s);
	if (want != s[17])
		return vset(v, SEV_ERROR, "uscc_check", label,
		    "统一社会信用代码校验位应为%c", want);
	return v->sev;
}

/* Org code in v->norm, with or without the hyphen; normalised to 9 chars. */
static int
check_orgcode_norm(const char *label, struct verdict *v)
{
	char *s = v->norm, want;
	size_t len = strlen(s), i;

	if (len == 10 && s[8] == '-') {
		memmove(s + 8, s + 9, 2);
		len = 9;
	}
	if (utf8_count(s) != 9 || len != 9)
		return vset(v, SEV_ERROR, "orgcode_length", label,
		    "组织机构代码应为9位(XXXXXXXX-X)");
	for (i = 0; i < 8; i++)
		if (orgcode_val(s[i]) < 0)
			return vset(v, SEV_ERROR, "orgcode_chars", label,
			    "组织机构代码第%zu位只能是数字或大写字母", i + 1);
	if (!((s[8] >= '0' && s[8] <= '9') || s[8] == 'X'))
		return vset(v, SEV_ERROR, "orgcode_chars", label,
		    "组织机构代码校验位只能是数字或X");
	want = orgcode_check_char(s);
	if (want != s[8])
		return vset(v, SEV_ERROR, "orgcode_check", label,
		    "组织机构代码校验位应为%c", want);
	/* 00000000-0 passes the check character: a placeholder, not a code */
	for (i = 1; i < 8 && s[i] == s[0]; i++)
		;
	if (i == 8)
		return vset(v, SEV_WARNING, "orgcode_dummy", label,
		    "%.8s-%c像是占位代码,不是单位的真实组织机构代码,请核对", s, s[8]);
	return v->sev;
}

/* VK_USCC, VK_ORGCODE, VK_UNITCODE (either, named in v->what). */
static int
check_code(int kind, const char *label, const char *value, struct verdict *v)
{
	int rc = fold(value, v->norm, REC_SHORT_MAX, SP_DROP);
	size_t len;

	if (rc < 0)
		return fold_error(v, label, rc, REC_SHORT_MAX);
	if (rc == FOLD_INVIS)
		invis_warn(v, label);
	upper(v->norm);
	len = strlen(v->norm);
	if (len == 0)
		return required(v, label);
	if (kind == VK_USCC)
		return check_uscc_norm(label, v);
	if (kind == VK_ORGCODE)
		return check_orgcode_norm(label, v);
	if (len == 18 || (len > 10 && strchr(v->norm, '-') == NULL)) {
		v->what = "统一社会信用代码";
		return check_uscc_norm(label, v);
	}
	if (len == 9 || (len == 10 && v->norm[8] == '-')) {
		v->what = "组织机构代码";
		return check_orgcode_norm(label, v);
	}
	return vset(v, SEV_ERROR, "unitcode_length", label,
	    "应为18位统一社会信用代码或9位组织机构代码");
}

/* ---- phones ---- */

/* Keep digits only, dropping the separators people type.  -1 on others. */
static int
phone_digits(const char *s, char *out, size_t cap)
{
	size_t o = 0;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (o + 1 >= cap)
				return -1;
			out[o++] = *s;
		} else if (*s != '-' && *s != ' ')
			return -1;
	}
	out[o] = '\0';
	return 0;
}

/* The country code in the ways people write it before a number: +86,
 * (+86), (86), 0086, (0086), +86-.  Returns the rest of s after it and
 * its separators, or NULL when s does not start with one. */
static const char *
skip_country(const char *s)
{
	static const char *const pre[] = { "(+86)", "(0086)", "(86)", "+86", "0086", NULL };
	size_t i;

	for (i = 0; pre[i]; i++)
		if (strncmp(s, pre[i], strlen(pre[i])) == 0) {
			s += strlen(pre[i]);
			while (*s == ' ' || *s == '-')
				s++;
			return s;
		}
	return NULL;
}

/* s is a mobile number as the store keeps it: 11 ASCII digits, 13-19
 * first, nothing else (what fold() and parse_mobile() leave as it is). */
static int
is_mobile11(const char *s)
{
	size_t i;

	if (s[0] != '1' || (unsigned)(s[1] - '3') > 6u)
		return 0;
	for (i = 2; i < 11; i++)            /* stops at the NUL of a short one */
		if ((unsigned)(s[i] - '0') > 9u)
			return 0;
	return s[11] == '\0';
}

/* A mobile number in s (folded), normalised to 11 digits in out. */
static int
parse_mobile(const char *s, char *out)
{
	char d[REC_SHORT_MAX];
	const char *p = d;

	if (s[0] == '+')
		s++;
	if (phone_digits(s, d, sizeof d) != 0)
		return -1;
	if (strlen(d) == 13 && strncmp(d, "86", 2) == 0)
		p += 2;
	else if (strlen(d) == 15 && strncmp(d, "0086", 4) == 0)
		p += 4;
	if (strlen(p) != 11 || p[0] != '1' || p[1] < '3' || p[1] > '9')
		return -1;
	memcpy(out, p, 12);
	return 0;
}

/* A fixed line: 0 + 2-3 digit area code, 7-8 digit number (not 0 first),
 * optional extension of 1-6 digits, in the ways people write them:
 * 010-12345678, (0571)88888888, 0571 8888 8888, 057188888888,
 * 010-12345678-123, 010-12345678转123.  out: "AREA-NUMBER[-EXT]".
 * Returns 0, -1 when malformed, -2 when the area code is missing. */
static int
parse_fixed(const char *in, char *out, size_t cap)
{
	static const char *const extmark[] = { "转", "分机", "EXT", "ext", "Ext", "x", "X", "#", ",", NULL };
	char s[REC_SHORT_MAX * 2], area[8] = "", num[16] = "", ext[8] = "";
	char grp[8][16];
	size_t ng = 0, n, i, k;
	char *p, *x;

	if (strlen(in) >= sizeof s)
		return -1;
	memcpy(s, in, strlen(in) + 1);
	/* digits and separators only (the common case): no extension mark */
	for (i = strspn(s, "0123456789- ()") == strlen(s) ? sizeof extmark / sizeof extmark[0] - 1 : 0;
	    extmark[i]; i++)
		if ((x = strstr(s, extmark[i])) != NULL) {
			p = x + strlen(extmark[i]);
			while (*p == '.' || *p == ':' || *p == ' ')
				p++;
			if ((n = strlen(p)) < 1 || n > 6 || strspn(p, "0123456789") != n)
				return -1;
			memcpy(ext, p, n + 1);
			*x = '\0';
			break;
		}
	/* digit groups; - space ( ) separate them, anything else is wrong */
	for (p = s; *p; ) {
		if (strchr("- ()", *p)) {
			p++;
			continue;
		}
		n = strspn(p, "0123456789");
		if (n == 0 || n >= sizeof grp[0] || ng == 8)
			return -1;
		memcpy(grp[ng], p, n);
		grp[ng++][n] = '\0';
		p += n;
	}
	if (ng == 0)
		return -1;
	if (ng == 1 && grp[0][0] == '0') {
		/* 010 and 02x have three-digit codes, the rest four */
		k = (grp[0][1] == '1' || grp[0][1] == '2') ? 3 : 4;
		if (strlen(grp[0]) <= k)
			return -1;
		memcpy(area, grp[0], k);
		area[k] = '\0';
		memcpy(num, grp[0] + k, strlen(grp[0] + k) + 1);
	} else if (grp[0][0] == '0') {
		if (strlen(grp[0]) >= sizeof area)
			return -1;
		memcpy(area, grp[0], strlen(grp[0]) + 1);
		for (i = 1; i < ng && strlen(num) + strlen(grp[i]) <= 8; i++)
			memcpy(num + strlen(num), grp[i], strlen(grp[i]) + 1);
		if (i == ng - 1 && !ext[0] && strlen(grp[i]) <= 6)
			memcpy(ext, grp[i], strlen(grp[i]) + 1);
		else if (i != ng)
			return -1;
	} else {
		for (i = 0; i < ng && strlen(num) + strlen(grp[i]) < sizeof num; i++)
			memcpy(num + strlen(num), grp[i], strlen(grp[i]) + 1);
		n = strlen(num);
		return n >= 7 && n <= 8 && num[0] != '0' ? -2 : -1;
	}
	n = strlen(num);
	if (n < 7 || n > 8 || num[0] == '0')
		return -1;
	n = strlen(area);
	if (n < 3 || n > 4 || area[1] == '0')
		return -1;
	snprintf(out, cap, "%s-%s%s%s", area, num, ext[0] ? "-" : "", ext);
	return 0;
}

/* VK_MOBILE, VK_PHONE and VK_MEMBER_PHONE (a fixed line is a warning). */
static int
check_phone(int kind, const char *label, const char *value, struct verdict *v)
{
	char s[REC_SHORT_MAX * 2], out[REC_SHORT_MAX * 2];
	int rc;

	if (is_mobile11(value)) {       /* as stored: itself, no folding */
		memcpy(v->norm, value, 12);
		return v->sev;
	}
	rc = fold(value, s, sizeof s, SP_KEEP);
	if (rc < 0)
		return fold_error(v, label, rc, REC_SHORT_MAX);
	if (rc == FOLD_INVIS)
		invis_warn(v, label);
	rec_strcpy(v->norm, REC_SHORT_MAX, s);
	if (s[0] == '\0')
		return required(v, label);
	if (parse_mobile(s, out) == 0) {
		memcpy(v->norm, out, 12);
		return v->sev;
	}
	{
		/* (+86) 138 1234 5678; +86 10 1234 5678 is 010-12345678 */
		const char *rest = skip_country(s);

		if (rest != NULL && parse_mobile(rest, out) == 0) {
			memcpy(v->norm, out, 12);
			return v->sev;
		}
		if (rest != NULL && kind != VK_MOBILE && *rest != '\0') {
			size_t k = *rest == '0' ? 0 : 1;

			memmove(s + k, rest, strlen(rest) + 1);
			s[0] = '0';
		}
	}
	if (kind == VK_MOBILE)
		return vset(v, SEV_ERROR, "mobile_format", label,
		    "应为11位手机号码(以13-19开头)");
	rc = parse_fixed(s, out, sizeof out);
	if (rc == -2)
		return vset(v, SEV_ERROR, "phone_area", label,
		    "固定电话应带区号(如0571-88888888)");
	if (rc != 0 || strlen(out) >= REC_SHORT_MAX)
		return vset(v, SEV_ERROR, "phone_format", label,
		    "应为11位手机号码或带区号的固定电话(如010-12345678,可带分机号)");
	rec_strcpy(v->norm, sizeof v->norm, out);
	if (kind == VK_MEMBER_PHONE)
		return vset(v, SEV_WARNING, "phone_fixed", label,
		    "为固定电话,宜填本人手机号码");
	return v->sev;
}

/* ---- names, addresses, organisation names, text ---- */

/* VK_NAME: Chinese characters and one middle dot between them. */
static int
check_name(const char *label, const char *value, struct verdict *v)
{
	char s[REC_NAME_MAX * 2];
	const unsigned char *u;
	size_t len, i = 0, o = 0;
	uint32_t prev = 0;
	int rc;

	/* the common name as stored: U+5000-9FFF only (Han, no dot), strict
	 * UTF-8, short enough; what fold() copies and the loop below passes */
	u = (const unsigned char *)value;
	for (i = 0; u[i] - 0xE5u < 5u && (u[i + 1] & 0xC0) == 0x80 &&
	    (u[i + 2] & 0xC0) == 0x80; i += 3)
		;
	if (u[i] == '\0' && i > 0 && i < REC_NAME_MAX) {
		copy_short(v->norm, value, i + 1);
		return v->sev;
	}
	i = 0;
	rc = fold(value, s, sizeof s, SP_DROP);
	if (rc < 0)
		return fold_error(v, label, rc, REC_NAME_MAX);
	if (rc == FOLD_INVIS)
		invis_warn(v, label);
	u = (const unsigned char *)s;
	len = strlen(s);
	/* the common name: U+5000-9FFF only (Han, no dot), short enough */
	for (i = 0; i < len && u[i] - 0xE5u < 5u; i += 3)
		;
	if (i == len && len > 0 && len < REC_NAME_MAX) {
		copy_short(v->norm, s, len + 1);
		return v->sev;
	}
	i = 0;
	v->norm[0] = '\0';
	while (i < len) {
		uint32_t cp = (uint32_t)u8_next(u, len, &i);

		if (is_dot_cp(cp))
			cp = 0xB7;
		if (u8_put(v->norm, REC_NAME_MAX, &o, cp) < 0)
			return fold_error(v, label, FOLD_LONG, REC_NAME_MAX);
		if (cp >= '0' && cp <= '9')
			vset(v, SEV_ERROR, "name_digits", label, "不能含有数字");
		else if (cp == 0xB7) {
			if (o == 2 || prev == 0xB7)
				vset(v, SEV_ERROR, "name_dot", label, "间隔号“·”只能在两个字之间");
		} else if (!is_han_cp(cp))
			vset(v, SEV_ERROR, "name_chars", label,
			    "只能含有汉字和少数民族姓名的间隔号“·”");
		prev = cp;
	}
	if (o == 0)
		return required(v, label);
	if (prev == 0xB7)
		vset(v, SEV_ERROR, "name_dot", label, "间隔号“·”只能在两个字之间");
	return v->sev;
}

/* VK_TEXT, VK_OPTTEXT and VK_ADDRESS (house number or a warning). */
static int
check_text(int kind, const char *label, const char *value, struct verdict *v)
{
	int rc = fold(value, v->norm, sizeof v->norm, SP_KEEP | KEEP_PUNCT);

	if (rc < 0)
		return fold_error(v, label, rc, sizeof v->norm);
	if (rc == FOLD_INVIS)
		invis_warn(v, label);
	if (v->norm[0] == '\0')
		return kind == VK_OPTTEXT ? v->sev : required(v, label);
	if (kind == VK_ADDRESS && strpbrk(v->norm, "0123456789") == NULL &&
	    strstr(v->norm, "号") == NULL && strstr(v->norm, "室") == NULL &&
	    strstr(v->norm, "栋") == NULL && strstr(v->norm, "幢") == NULL &&
	    strstr(v->norm, "单元") == NULL && strstr(v->norm, "楼") == NULL &&
	    strstr(v->norm, "组") == NULL)
		return vset(v, SEV_WARNING, "address_detail", label,
		    "应填写到门牌号(未见门牌号或号、室、栋、单元)");
	return v->sev;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && strcmp(s + n - k, suf) == 0;
}

static int
starts_with(const char *s, const char *pre)
{
	return strncmp(s, pre, strlen(pre)) == 0;
}

/* Organisation types a full name ends in, longest first. */
static const char *const org_suffixes[] = {
	"联合党支部", "党总支部", "党支部", "党总支", "党工委", "党委",
	"总支部委员会", "支部委员会", "工作委员会", "委员会", "支部", NULL
};

/* VK_ORGNAME: full name, numbered branches with their unit. */
static int
check_orgname(const char *label, const char *value, struct verdict *v)
{
	const char *rest, *suf = NULL, *p;
	size_t i, n;

	if (check_text(VK_TEXT, label, value, v) == SEV_ERROR)
		return v->sev;
	rest = v->norm;
	if (starts_with(rest, "中共"))
		rest += strlen("中共");
	else if (starts_with(rest, "中国共产党"))
		rest += strlen("中国共产党");
	for (i = 0; org_suffixes[i]; i++)
		if (ends_with(v->norm, org_suffixes[i])) {
			suf = org_suffixes[i];
			break;
		}
	if (rest == v->norm && suf == NULL)
		return vset(v, SEV_WARNING, "orgname_form", label,
		    "不像全称:缺少“中共”和党组织类型(如“中共某某公司委员会”“中共某某公司第一党支部”)");
	if (suf == NULL)
		return vset(v, SEV_WARNING, "orgname_type", label,
		    "缺少党组织类型:全称应以委员会、党委、党总支部、党支部等结尾"
		    "(如“中共某某公司委员会”“中共某某公司第一党支部”)");
	/* what is left between the prefix and the type must be a unit name */
	n = strlen(rest);
	n = suf && strlen(suf) <= n ? n - strlen(suf) : suf ? 0 : n;
	p = rest;
	if (starts_with(p, "临时"))
		p += strlen("临时");
	/* a number, with or without 第: 第一, 一, 1 */
	if (starts_with(p, "第"))
		p += strlen("第");
	while ((size_t)(p - rest) < n && ((*p && strchr("0123456789", *p)) ||
	    starts_with(p, "一") || starts_with(p, "二") || starts_with(p, "三") ||
	    starts_with(p, "四") || starts_with(p, "五") || starts_with(p, "六") ||
	    starts_with(p, "七") || starts_with(p, "八") || starts_with(p, "九") ||
	    starts_with(p, "十") || starts_with(p, "〇") || starts_with(p, "零")))
		p += *p >= '0' && *p <= '9' ? 1 : 3;
	if ((size_t)(p - rest) >= n)
		return vset(v, SEV_WARNING, "orgname_numbered", label,
		    "缺少单位名称:应写清楚所在单位(如“中共某某公司第一党支部”)");
	return v->sev;
}

/* ---- public field checks ---- */

/* Default Chinese label of a field kind. */
static const char *
kind_label(int k)
{
	switch (k) {
	case VK_IDCARD: return "公民身份证号";
	case VK_USCC: return "统一社会信用代码";
	case VK_ORGCODE: return "组织机构代码";
	case VK_UNITCODE: return "党组织所在单位代码";
	case VK_MOBILE: return "手机号码";
	case VK_PHONE: case VK_MEMBER_PHONE: return "联系电话";
	case VK_DATE: return "日期";
	case VK_NAME: return "姓名";
	case VK_ADDRESS: return "家庭住址";
	case VK_ORGNAME: return "党组织名称";
	default: return "内容";
	}
}

/* A field check with today already as YYYY-MM-DD (today_str's): what a
 * record's checks use, today_str done once per record. */
static int
field_check_at(int k, const char *label, const char *value, const char *td,
    struct verdict *v)
{
	vclear(v);
	if (label == NULL)
		label = kind_label(k);
	if (value == NULL)
		value = "";
	switch (k) {
	case VK_IDCARD:
		return check_idcard(label, value, td, v);
	case VK_USCC: case VK_ORGCODE: case VK_UNITCODE:
		return check_code(k, label, value, v);
	case VK_MOBILE: case VK_PHONE: case VK_MEMBER_PHONE:
		return check_phone(k, label, value, v);
	case VK_DATE:
		return check_date(label, value, td, v);
	case VK_NAME:
		return check_name(label, value, v);
	case VK_ORGNAME:
		return check_orgname(label, value, v);
	case VK_ADDRESS: case VK_TEXT: case VK_OPTTEXT:
		return check_text(k, label, value, v);
	default:
		return vset(v, SEV_ERROR, "kind", label, "未知的字段类型");
	}
}

/* validate_field with an explicit today (NULL = the clock). */
static int
field_check(int k, const char *label, const char *value, const char *today,
    struct verdict *v)
{
	char td[REC_DATE_MAX] = "";

	if (k == VK_IDCARD || k == VK_DATE)
		today_str(today, td);
	return field_check_at(k, label, value, td, v);
}

int
validate_field(int k, const char *label, const char *value, struct verdict *v)
{
	return field_check(k, label, value, NULL, v);
}

/* The entry whose name equals the folded value once folded itself
 * ("省(区、市)委党校大学" for "省（区、市）委党校大学"); NULL if none. */
static const struct cl_entry *
find_folded_name(const struct codelist *l, const char *folded)
{
	char buf[REC_TEXT_MAX];
	size_t i;

	for (i = 0; l->id != CL_REGION && i < l->n; i++) {
		const char *n = l->e[i].name;

		/* only names with full-width forms (EF BC xx, EF BD xx) or spaces fold */
		if (!strstr(n, "\xef\xbc") && !strstr(n, "\xef\xbd") && !strchr(n, ' '))
			continue;
		if (fold(n, buf, sizeof buf, SP_DROP) == FOLD_OK && strcmp(buf, folded) == 0)
			return &l->e[i];
	}
	return NULL;
}

int
validate_coded(int list, const char *label, const char *value, struct verdict *v)
{
	const struct codelist *l = codelist_get(list);
	const struct cl_entry *m[64], *pick = NULL;
	size_t n, i, len;
	int rc;

	vclear(v);
	if (l == NULL)
		return vset(v, SEV_ERROR, "kind", label ? label : "内容", "未知的代码表");
	if (label == NULL)
		label = l->label;
	if (value == NULL)
		value = "";
	/* the exact name, as stored: the common case, no folding */
	len = strlen(value);
	if (len < sizeof v->norm && codelist_find_name_n(l, value, len) != NULL) {
		copy_short(v->norm, value, len + 1);
		return SEV_OK;
	}
	rc = fold(value, v->norm, sizeof v->norm, SP_DROP);
	if (rc < 0)
		return fold_error(v, label, rc, sizeof v->norm);
	if (rc == FOLD_INVIS)
		invis_warn(v, label);
	if (v->norm[0] == '\0')
		return required(v, label);
	if ((pick = codelist_find_name(l, v->norm)) == NULL &&
	    (pick = codelist_find_code(l, v->norm)) == NULL &&
	    (pick = find_folded_name(l, v->norm)) == NULL) {
		n = codelist_match(l, v->norm, m, 64);
		if (n == 1)
			pick = m[0];
		for (i = 0; n > 1 && i < n && i < 64; i++)
			if (strcasecmp(m[i]->py, v->norm) == 0) {
				if (pick) {
					pick = NULL;
					break;
				}
				pick = m[i];
			}
		if (pick == NULL && n > 1) {
			char list_s[160] = "", shown[64];
			size_t o = 0, k;

			/* whole names only, as many as fit */
			for (i = 0; i < n && i < 4; i++) {
				k = strlen(m[i]->name) + (i ? strlen("、") : 0);
				if (o + k >= sizeof list_s)
					break;
				memcpy(list_s + o, i ? "、" : "", i ? strlen("、") : 0);
				memcpy(list_s + o + (i ? strlen("、") : 0), m[i]->name,
				    strlen(m[i]->name) + 1);
				o += k;
			}
			rec_strcpy(shown, sizeof shown, v->norm);
			return vset(v, SEV_ERROR, "coded_ambiguous", label,
			    "“%s”可指%s%s,请选择", shown, list_s, i < n ? "等" : "");
		}
	}
	if (pick == NULL) {
		char shown[64];

		rec_strcpy(shown, sizeof shown, v->norm);
		return vset(v, SEV_ERROR, "coded_unknown", label, "“%s”不在代码表中", shown);
	}
	snprintf(v->norm, sizeof v->norm, "%s", pick->name);
	return v->sev;
}

/* Command-line field names (codelist keys are looked up as well). */
static const struct {
	const char *name;
	int kind;
} named_fields[] = {
	{ "idcard", VK_IDCARD }, { "uscc", VK_USCC }, { "orgcode", VK_ORGCODE },
	{ "unitcode", VK_UNITCODE }, { "mobile", VK_MOBILE }, { "phone", VK_PHONE },
	{ "memberphone", VK_MEMBER_PHONE }, { "date", VK_DATE }, { "name", VK_NAME },
	{ "address", VK_ADDRESS }, { "orgname", VK_ORGNAME }, { "text", VK_TEXT },
};

int
validate_named(const char *field, const char *value, struct verdict *v)
{
	return validate_named_at(field, value, NULL, v);
}

int
validate_named_at(const char *field, const char *value, const char *today,
    struct verdict *v)
{
	const struct codelist *l;
	size_t i;

	if (field == NULL)
		return -1;
	for (i = 0; i < sizeof named_fields / sizeof named_fields[0]; i++)
		if (strcmp(field, named_fields[i].name) == 0)
			return field_check(named_fields[i].kind, NULL, value, today, v);
	if ((l = codelist_by_key(field)) != NULL) {
		validate_coded(l->id, NULL, value, v);
		if (l->id == CL_REGION && v->sev == SEV_ERROR &&
		    strcmp(v->rule, "coded_unknown") == 0) {
			v->sev = SEV_OK;
			vset(v, SEV_ERROR, "flow_not_county", l->label,
			    "应为县级行政区划(如浙江省杭州市西湖区或其代码330106)");
		}
		return v->sev;
	}
	return -1;
}

const char *
validate_field_name(size_t i)
{
	return i < sizeof named_fields / sizeof named_fields[0] ? named_fields[i].name : NULL;
}

/* ---- record rules ---- */

/* Where issues go while one record is checked. */
struct vctx {
	struct vreport *r;
	const struct rec_meta *meta;
	char today[REC_DATE_MAX];
};

/* Is this rule among the record's confirmed warnings? */
static int
confirmed(const struct rec_meta *meta, const char *rule)
{
	size_t i;

	for (i = 0; meta && i < meta->n_confirm && i < REC_CONFIRM_MAX; i++)
		if (strcmp(meta->confirm[i].rule, rule) == 0)
			return 1;
	return 0;
}

static void issue(struct vctx *c, int sev, const char *field, const char *label,
    const char *rule, int unit, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Add one issue; counts stay right even when the list is full. */
static void
issue(struct vctx *c, int sev, const char *field, const char *label,
    const char *rule, int unit, const char *fmt, ...)
{
	struct vreport *r = c->r;
	struct vissue *it;
	va_list ap;
	int conf = sev == SEV_WARNING && confirmed(c->meta, rule);

	if (sev == SEV_ERROR)
		r->errors++;
	else if (sev == SEV_WARNING) {
		r->warnings++;
		if (!conf)
			r->unconfirmed++;
	} else
		return;
	if (r->n >= V_ISSUES_MAX)
		return;
	it = &r->it[r->n++];
	it->sev = sev;
	it->field = field;
	it->label = label;
	it->rule = rule;
	it->confirmed = conf;
	it->unit = unit;
	va_start(ap, fmt);
	vsnprintf(it->msg, sizeof it->msg, fmt, ap);
	va_end(ap);
}

/* Empty a report (the items are overwritten as they are added). */
static void
vreport_clear(struct vreport *r)
{
	r->n = 0;
	r->errors = r->warnings = r->unconfirmed = 0;
}

/* Turn a field verdict into an issue; returns the verdict's severity. */
static int
vissue_from(struct vctx *c, const char *field, const char *label, int unit,
    const struct verdict *v)
{
	if (v->sev != SEV_OK)
		issue(c, v->sev, field, label, v->rule, unit, "%s", v->msg);
	return v->sev;
}

/* A field check of the record, reported under field/label. */
static int
fld(struct vctx *c, const char *field, const char *label, int kind,
    const char *value, struct verdict *v)
{
	field_check_at(kind, label, value, c->today, v);
	return vissue_from(c, field, label, -1, v);
}

/* A coded field of the record, reported under field/label. */
static int
coded(struct vctx *c, const char *field, const char *label, int list,
    const char *value, struct verdict *v)
{
	validate_coded(list, label, value, v);
	return vissue_from(c, field, label, -1, v);
}

/* 确认方式, a set of methods (review.h): every part a name of the code
 * list (else coded()'s verdict on the first unknown part), not both
 * 本人签字 and a form filled by another.  Whether the set is enough for
 * 初核 is review.c's question, not an error here. */
static void
confirm_check(struct vctx *c, const char *value, struct verdict *v)
{
	char bad[REC_TEXT_MAX];
	unsigned set;

	if (confirm_parse(value, &set, bad, sizeof bad) != 0) {
		coded(c, "confirm_method", "确认方式", CL_CONFIRM_METHOD, bad, v);
		return;
	}
	if ((set & CM_SIGNED) && (set & (CM_PROXY | CM_CHANNELS)))
		issue(c, SEV_ERROR, "confirm_method", "确认方式", "confirm_conflict", -1,
		    "确认方式:本人签字与他人代填（电话、短信、微信确认）不能同时选择");
}

/* An optional note: valid UTF-8, no control characters but newlines. */
static void
check_note(struct vctx *c, const char *note, size_t cap)
{
	const unsigned char *s = (const unsigned char *)note;
	size_t len = strnlen(note, cap), i = 0;

	if (len >= cap) {
		issue(c, SEV_ERROR, "note", "备注", "too_long", -1, "备注:过长");
		return;
	}
	while (i < len) {
		int32_t cp = u8_next(s, len, &i);

		if (cp < 0) {
			issue(c, SEV_ERROR, "note", "备注", "utf8", -1,
			    "备注:含有无效的字符编码(不是UTF-8)");
			return;
		}
		if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F) {
			issue(c, SEV_ERROR, "note", "备注", "control_char", -1,
			    "备注:含有控制字符");
			return;
		}
		if (is_invisible_cp((uint32_t)cp)) {
			issue(c, SEV_WARNING, "note", "备注", "invisible_char", -1,
			    "备注:含有看不见的零宽字符或文字方向控制字符,请删除后重新输入");
			return;
		}
	}
}

/* Empty or white space only (what the checks would trim to ""). */
static int
is_blank(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i = 0;
	int32_t cp;

	/* the common cases at the first byte: empty, or a printable ASCII
	 * character but space, or the lead byte of U+4000-9FFF (Han, or bad
	 * UTF-8: not blank either way) */
	if (u[0] == '\0')
		return 1;
	if (u[0] - 0x21u < 0x5Eu || u[0] - 0xE4u < 6u)
		return 0;
	len = strlen(s);
	while (i < len) {
		if ((cp = u8_next(u, len, &i)) < 0)
			return 0;
		if (!is_space_cp((uint32_t)cp))
			return 0;
	}
	return 1;
}

static int probation_full(const char *join, const char *today, char *due);

/* Joining before 18 (wartime admissions, an organisation-recognised birth
 * date): a warning to confirm, with the reason in 备注.  d is the 18th
 * birthday. */
static void
under18(struct vctx *c, const struct member *m, const char *d)
{
	issue(c, SEV_WARNING, "join_date", "加入党组织日期", "join_under18", -1,
	    "加入党组织日期:入党时未满18周岁(%s满18周岁),须确认并在备注中说明", d);
	if (is_blank(m->note))
		issue(c, SEV_ERROR, "note", "备注", "under18_note_missing", -1,
		    "备注:入党时未满18周岁,须在备注中说明原因(如战争年代入党、组织认定的出生日期)");
}

/* 转为正式党员日期 equal to 加入党组织日期: right for admissions under the
 * 九大 and 十大 constitutions (April 1969 to August 1977), which had no
 * probation period; a warning otherwise. */
static void
full_same_day(struct vctx *c, const char *join)
{
	if (strcmp(join, "1969-04-01") >= 0 && strcmp(join, "1977-08-31") <= 0)
		return;
	issue(c, SEV_WARNING, "full_date", "转为正式党员日期", "full_same_day", -1,
	    "转为正式党员日期:与加入党组织日期相同;只有1969年4月至1977年8月入党"
	    "(九大、十大党章没有预备期)才会相同,请核对");
}

/* A 预备党员 a year after admission is due for discussion; two years after,
 * past the one possible extension, the category or the date is wrong. */
static void
probation(struct vctx *c, const char *join)
{
	char d[REC_DATE_MAX];

	date_add_years(join, 2, d);
	if (strcmp(c->today, d) > 0) {
		issue(c, SEV_WARNING, "category", "人员类别", "probation_overdue", -1,
		    "人员类别:%s入党至今已超过两年仍为预备党员(预备期一年,最多延长一年),"
		    "请核对人员类别或加入党组织日期", join);
		return;
	}
	if (probation_full(join, c->today, NULL))
		issue(c, SEV_WARNING, "category", "人员类别", "probation_due", -1,
		    "人员类别:预备党员自%s起预备期已满一年,应按期讨论转正", join);
}

/* What the source's definitions exclude together: a 失联党员 (not reached by
 * the time of filling) cannot have signed the form, nor be a 流动党员 (whose
 * home branch knows where the member went).  lost and flo are the verdicts
 * on 是否为失联党员 and 是否为流动党员; v is scratch. */
static void
member_contradictions(struct vctx *c, const struct member *m,
    const struct verdict *lost, const struct verdict *flo, struct verdict *v)
{
	if (lost->sev != SEV_OK || !rule_is_yes(lost->norm))
		return;
	unsigned set;

	(void)v;
	if (!is_blank(m->confirm_method) &&
	    confirm_parse(m->confirm_method, &set, NULL, 0) == 0 &&
	    (set & CM_SIGNED))
		issue(c, SEV_WARNING, "confirm_method", "确认方式", "lost_signed", -1,
		    "确认方式:失联党员尚未取得联系,不能本人签字;应为他人代填或注明确认方式");
	if (flo->sev == SEV_OK && rule_is_yes(flo->norm))
		issue(c, SEV_WARNING, "floating", "是否为流动党员", "lost_floating", -1,
		    "是否为流动党员:失联党员是尚未取得联系的党员,流动党员的外出流向是知道的,"
		    "两者不能同时为“是”,请核对");
}

void
validate_member(const struct member *m, const struct org *branch,
    const char *today, struct vreport *r)
{
	struct vctx c = { .r = r, .meta = &m->meta };
	struct verdict v, id, birth, join, full, cat, lost, flo;
	char d[REC_DATE_MAX];
	int id_ok, birth_ok, join_ok, full_ok;

	vreport_clear(r);
	today_str(today, c.today);

	fld(&c, "name", "姓名", VK_NAME, m->name, &v);

	id_ok = fld(&c, "idcard", "公民身份证号", VK_IDCARD, m->idcard, &id) != SEV_ERROR;

	if (coded(&c, "sex", "性别", CL_SEX, m->sex, &v) == SEV_OK && id_ok &&
	    strcmp(v.norm, id.sex) != 0)
		issue(&c, SEV_ERROR, "sex", "性别", "sex_mismatch", -1,
		    "性别:与公民身份证号第17位不一致,应为%s", id.sex);

	coded(&c, "ethnicity", "民族", CL_ETHNICITY, m->ethnicity, &v);

	birth_ok = fld(&c, "birth", "出生日期", VK_DATE, m->birth, &birth) == SEV_OK;
	if (birth_ok && id_ok && date_cmp(birth.norm, id.birth) != 0) {
		issue(&c, SEV_WARNING, "birth", "出生日期", "birth_differs", -1,
		    "出生日期:与公民身份证号中的%s不一致,须确认并在备注中说明", id.birth);
		if (is_blank(m->note))
			issue(&c, SEV_ERROR, "note", "备注", "birth_note_missing", -1,
			    "备注:出生日期与公民身份证号不一致,须在备注中说明原因");
	}

	coded(&c, "education", "学历", CL_EDUCATION, m->education, &v);
	coded(&c, "category", "人员类别", CL_MEMBER_CATEGORY, m->category, &cat);

	if (m->branch == 0)
		issue(&c, SEV_ERROR, "branch", "所在党支部", "required", -1, "所在党支部:必填");
	else if (branch && !org_is_branch(branch->category))
		issue(&c, SEV_ERROR, "branch", "所在党支部", "branch_level", -1,
		    "所在党支部:党员只能编入党支部一级的党组织(现为%s)",
		    branch->category[0] ? branch->category : "未填组织类别");
	else if (branch && branch->meta.removed != RM_NONE)
		issue(&c, SEV_ERROR, "branch", "所在党支部", "branch_removed", -1,
		    "所在党支部:该党组织已移除");

	/* 加入党组织日期 */
	join_ok = 0;
	if (check_date_format("加入党组织日期", m->join_date, (vclear(&join), &join)) != SEV_OK)
		vissue_from(&c, "join_date", "加入党组织日期", -1, &join);
	else if (date_cmp(join.norm, "1921-07-01") < 0)
		issue(&c, SEV_ERROR, "join_date", "加入党组织日期", "join_before_1921", -1,
		    "加入党组织日期:不能早于1921-07-01");
	else if (date_cmp(join.norm, c.today) > 0)
		issue(&c, SEV_ERROR, "join_date", "加入党组织日期", "join_future", -1,
		    "加入党组织日期:不能晚于今天(%s)", c.today);
	else {
		const char *b = birth_ok ? birth.norm : id_ok ? id.birth : NULL;

		join_ok = 1;
		if (b) {
			iso_add_years(b, 18, d);
			if (date_cmp(join.norm, d) < 0)
				under18(&c, m, d);
		}
	}

	/* 转为正式党员日期 */
	full_ok = 0;
	if (cat.sev == SEV_OK && rule_is_probationary(cat.norm)) {
		if (!is_blank(m->full_date))
			issue(&c, SEV_ERROR, "full_date", "转为正式党员日期", "full_for_probationary", -1,
			    "转为正式党员日期:预备党员不填");
		else if (join_ok)
			probation(&c, join.norm);
	} else if (cat.sev == SEV_OK) {
		if (is_blank(m->full_date))
			issue(&c, SEV_ERROR, "full_date", "转为正式党员日期", "full_missing", -1,
			    "转为正式党员日期:正式党员必填");
		else if (check_date_format("转为正式党员日期", m->full_date,
		    (vclear(&full), &full)) != SEV_OK)
			vissue_from(&c, "full_date", "转为正式党员日期", -1, &full);
		else if (date_cmp(full.norm, c.today) > 0)
			issue(&c, SEV_ERROR, "full_date", "转为正式党员日期", "full_future", -1,
			    "转为正式党员日期:不能晚于今天(%s)", c.today);
		else if (join_ok && date_cmp(full.norm, join.norm) < 0)
			issue(&c, SEV_ERROR, "full_date", "转为正式党员日期", "full_before_join", -1,
			    "转为正式党员日期:不能早于加入党组织日期(%s)", join.norm);
		else if (join_ok && date_cmp(full.norm, join.norm) == 0)
			full_same_day(&c, join.norm);
		else
			full_ok = 1;
		if (full_ok && join_ok) {
			char lo[REC_DATE_MAX], hi[REC_DATE_MAX];

			iso_add_years(join.norm, 1, lo);
			iso_add_years(join.norm, 2, hi);
			if (date_cmp(full.norm, lo) < 0 || date_cmp(full.norm, hi) > 0)
				issue(&c, SEV_WARNING, "full_date", "转为正式党员日期", "full_gap", -1,
				    "转为正式党员日期:距加入党组织日期不在一至二年之间(预备期一年,最多延长一年)");
		}
	}

	coded(&c, "job", "工作岗位", CL_JOB, m->job, &v);

	validate_coded(CL_YESNO, "是否为失联党员", m->lost, &lost);
	if (is_blank(m->phone) && lost.sev == SEV_OK && rule_is_yes(lost.norm))
		issue(&c, SEV_WARNING, "phone", "联系电话", "phone_missing_lost", -1,
		    "联系电话:失联党员未填联系电话");
	else
		fld(&c, "phone", "联系电话", VK_MEMBER_PHONE, m->phone, &v);

	fld(&c, "address", "家庭住址", VK_ADDRESS, m->address, &v);
	coded(&c, "party_status", "党籍状态", CL_PARTY_STATUS, m->party_status, &v);

	/* 是否为失联党员 and its date */
	if (vissue_from(&c, "lost", "是否为失联党员", -1, &lost) == SEV_OK) {
		if (rule_is_yes(lost.norm)) {
			if (is_blank(m->lost_date))
				issue(&c, SEV_ERROR, "lost_date", "失去联系日期", "lost_date_missing", -1,
				    "失去联系日期:失联党员必填");
			else if (check_date_format("失去联系日期", m->lost_date,
			    (vclear(&v), &v)) != SEV_OK)
				vissue_from(&c, "lost_date", "失去联系日期", -1, &v);
			else if (date_cmp(v.norm, c.today) > 0)
				issue(&c, SEV_ERROR, "lost_date", "失去联系日期", "lost_date_future", -1,
				    "失去联系日期:不能晚于今天(%s)", c.today);
			else if (join_ok && date_cmp(v.norm, join.norm) < 0)
				issue(&c, SEV_ERROR, "lost_date", "失去联系日期", "lost_before_join", -1,
				    "失去联系日期:不能早于加入党组织日期(%s)", join.norm);
		} else if (!is_blank(m->lost_date))
			issue(&c, SEV_ERROR, "lost_date", "失去联系日期", "lost_date_extra", -1,
			    "失去联系日期:未失联的党员不填");
	}

	/* 是否为流动党员 and 外出流向 */
	if (coded(&c, "floating", "是否为流动党员", CL_YESNO, m->floating, &flo) == SEV_OK) {
		if (rule_is_yes(flo.norm)) {
			if (is_blank(m->flow_to))
				issue(&c, SEV_ERROR, "flow_to", "外出流向", "flow_missing", -1,
				    "外出流向:流动党员必填,填写到县级");
			else if (validate_coded(CL_REGION, "外出流向", m->flow_to, &v) != SEV_OK) {
				if (strcmp(v.rule, "coded_ambiguous") == 0)
					vissue_from(&c, "flow_to", "外出流向", -1, &v);
				else
					issue(&c, SEV_ERROR, "flow_to", "外出流向", "flow_not_county", -1,
					    "外出流向:应为县级行政区划(如浙江省杭州市西湖区)");
			}
		} else if (!is_blank(m->flow_to))
			issue(&c, SEV_ERROR, "flow_to", "外出流向", "flow_extra", -1,
			    "外出流向:非流动党员不填");
	}

	if (!is_blank(m->confirm_method))
		confirm_check(&c, m->confirm_method, &v);
	member_contradictions(&c, m, &lost, &flo, &v);
	if (branch && org_is_temporary(branch->category))
		issue(&c, SEV_WARNING, "branch", "所在党支部", "temp_branch_member", -1,
		    "所在党支部:%s是临时党组织,其党员的正式组织关系在别处,不列入附件4(不要重复);"
		    "应在正式组织关系所在党支部采集", branch->category);
	check_note(&c, m->note, sizeof m->note);
}

void
validate_org(const struct org *o, const char *today, struct vreport *r)
{
	struct vctx c = { .r = r, .meta = &o->meta };
	struct verdict v, cat, sit;
	size_t i, j, nu;

	vreport_clear(r);
	today_str(today, c.today);

	fld(&c, "name", "党组织名称", VK_ORGNAME, o->name, &v);
	if (is_blank(o->secretary))
		issue(&c, SEV_WARNING, "secretary", "党组织书记", "secretary_vacant", -1,
		    "党组织书记:空缺");
	else
		fld(&c, "secretary", "党组织书记", VK_NAME, o->secretary, &v);
	fld(&c, "contact", "党组织联系人", VK_NAME, o->contact, &v);
	fld(&c, "phone", "联系电话", VK_PHONE, o->phone, &v);
	coded(&c, "category", "组织类别", CL_ORG_CATEGORY, o->category, &cat);
	coded(&c, "unit_situation", "党组织所在单位情况", CL_UNIT_SITUATION,
	    o->unit_situation, &sit);

	nu = o->n_units;
	if (nu > REC_UNITS_LIMIT) {
		issue(&c, SEV_ERROR, "units", "单位", "unit_count", -1,
		    "单位:最多%d个", REC_UNITS_LIMIT);
		nu = REC_UNITS_LIMIT;
	}
	if (sit.sev == SEV_OK) {
		int lo = rule_units_min(sit.norm), hi = rule_units_max(sit.norm);

		if ((int)nu >= lo && (int)nu <= hi)
			;
		else if (hi == 0)
			issue(&c, SEV_ERROR, "units", "单位", "unit_count", -1,
			    "党组织所在单位情况:与上级党组织相同时不填单位信息(现有%zu个单位)", nu);
		else if (hi == 1)
			issue(&c, SEV_ERROR, "units", "单位", "unit_count", -1,
			    "党组织所在单位情况:法人单位须填写且只填写一个单位(现有%zu个)", nu);
		else
			issue(&c, SEV_ERROR, "units", "单位", "unit_count", -1,
			    "党组织所在单位情况:联合党支部须填写两个及以上单位(现有%zu个)", nu);
		if (cat.sev == SEV_OK &&
		    (rule_units_min(sit.norm) == RULE_JOINT_MIN_UNITS) !=
		    (strcmp(cat.norm, "联合党支部") == 0 || strcmp(cat.norm, "临时联合党支部") == 0))
			issue(&c, SEV_WARNING, "unit_situation", "党组织所在单位情况", "joint_mismatch", -1,
			    "党组织所在单位情况:组织类别为%s,所在单位情况为%s,请核对", cat.norm, sit.norm);
	}
	for (i = 0; i < nu; i++) {
		const struct unit *u = &o->units[i];
		char lab[64];

		snprintf(lab, sizeof lab, "单位%zu 单位名称", i + 1);
		field_check(VK_TEXT, lab, u->name, c.today, &v);
		vissue_from(&c, "unit_name", "单位名称", (int)i, &v);
		snprintf(lab, sizeof lab, "单位%zu 单位类别", i + 1);
		validate_coded(CL_UNIT_CATEGORY, lab, u->category, &v);
		vissue_from(&c, "unit_category", "单位类别", (int)i, &v);
		snprintf(lab, sizeof lab, "单位%zu 单位建立党组织情况", i + 1);
		validate_coded(CL_UNIT_PARTY_STATUS, lab, u->party_status, &v);
		if (v.sev == SEV_ERROR && strcmp(v.rule, "coded_unknown") == 0 &&
		    strcmp(v.norm, "未建立党组织") == 0)
			issue(&c, SEV_ERROR, "unit_party_status", "单位建立党组织情况",
			    "unit_no_party", (int)i, "%s:不能为未建立党组织,本党组织就建在"
			    "该单位(应为建立党委的、建立党支部的等)", lab);
		else
			vissue_from(&c, "unit_party_status", "单位建立党组织情况", (int)i, &v);
		snprintf(lab, sizeof lab, "单位%zu 党组织所在单位代码", i + 1);
		/* the source says 一般 (usually): an empty code is a warning */
		if (is_blank(u->code)) {
			issue(&c, SEV_WARNING, "unit_code", "党组织所在单位代码",
			    "unitcode_missing", (int)i, "%s:未填;一般应填该单位的统一社会信用代码"
			    "或组织机构代码(见营业执照)", lab);
			continue;
		}
		field_check(VK_UNITCODE, lab, u->code, c.today, &v);
		vissue_from(&c, "unit_code", "党组织所在单位代码", (int)i, &v);
		for (j = 0; v.sev == SEV_OK && j < i; j++) {
			struct verdict w;

			if (field_check(VK_UNITCODE, NULL, o->units[j].code, c.today, &w) == SEV_OK &&
			    strcmp(w.norm, v.norm) == 0) {
				issue(&c, SEV_ERROR, "unit_code", "党组织所在单位代码", "unit_duplicate",
				    (int)i, "单位%zu 党组织所在单位代码:与单位%zu重复", i + 1, j + 1);
				break;
			}
		}
	}
	if (o->stat_count < -1)
		issue(&c, SEV_ERROR, "stat_count", "党统人数", "stat_count", -1,
		    "党统人数:不能为负数");
	check_note(&c, o->note, sizeof o->note);
}

int
vreport_complete(const struct vreport *r)
{
	return r->errors == 0 && r->unconfirmed == 0;
}

int
vissue_open(const struct vissue *v)
{
	return v->sev == SEV_ERROR || (v->sev == SEV_WARNING && !v->confirmed);
}

int
vreport_open(const struct vreport *r, int state)
{
	return !vreport_complete(r) || state == REC_DRAFT;
}

/* ---- when a field applies, and what falls due ---- */

int
rule_is_yes(const char *flag)
{
	return strcmp(flag, "是") == 0;
}

int
rule_is_probationary(const char *category)
{
	return strcmp(category, "预备党员") == 0;
}

int
rule_full_date_applies(const struct member *m)
{
	return !rule_is_probationary(m->category);
}

int
rule_lost_date_applies(const struct member *m)
{
	return rule_is_yes(m->lost);
}

int
rule_flow_to_applies(const struct member *m)
{
	return rule_is_yes(m->floating);
}

int
rule_units_min(const char *unit_situation)
{
	if (strcmp(unit_situation, "联合党支部") == 0)
		return RULE_JOINT_MIN_UNITS;
	if (strcmp(unit_situation, "法人单位") == 0)
		return 1;
	return 0;
}

int
rule_units_max(const char *unit_situation)
{
	if (strcmp(unit_situation, "联合党支部") == 0)
		return REC_UNITS_LIMIT;
	if (strcmp(unit_situation, "法人单位") == 0)
		return 1;
	return 0;
}

int
rule_org_has_units(const struct org *o)
{
	return rule_units_max(o->unit_situation) > 0;
}

/* The probation of a 预备党员 admitted on join (a real YYYY-MM-DD date) is
 * full on today: the computation behind rule_probation_due. */
static int
probation_full(const char *join, const char *today, char *due)
{
	char d[REC_DATE_MAX];

	date_add_years(join, 1, d);
	if (strcmp(today, d) < 0)
		return 0;
	if (due != NULL)
		memcpy(due, d, REC_DATE_MAX);
	return 1;
}

int
rule_probation_due(const char *category, const char *join_date,
    const char *today, char *due)
{
	int y, m, dd;

	if (!rule_is_probationary(category) || !is_iso_date(join_date, &y, &m, &dd) ||
	    !real_date(y, m, dd))
		return 0;
	return probation_full(join_date, today, due);
}

/* ---- normalisation ---- */

/* Copy a normalised value back unless it is unusable or does not fit. */
static void
put_norm(char *dst, size_t cap, const struct verdict *v)
{
	if (v->rule && (strcmp(v->rule, "utf8") == 0 || strcmp(v->rule, "too_long") == 0 ||
	    strcmp(v->rule, "control_char") == 0))
		return;
	size_t len = strlen(v->norm);

	if (len < cap)
		copy_short(dst, v->norm, len + 1);
}

/* Normalise one field in place with its kind's check. */
static inline __attribute__((always_inline)) void
norm_field(char *dst, size_t cap, int kind)
{
	struct verdict v;

	field_check(kind, NULL, dst, NULL, &v);
	put_norm(dst, cap, &v);
}

/* A coded field to its official name, or at least trimmed. */
static void
norm_coded(char *dst, size_t cap, int list)
{
	struct verdict v;

	validate_coded(list, NULL, dst, &v);
	if (v.sev != SEV_ERROR || (v.rule && strcmp(v.rule, "required") == 0))
		put_norm(dst, cap, &v);
	else {
		/* keep what was typed, trimmed */
		field_check(VK_OPTTEXT, NULL, dst, NULL, &v);
		put_norm(dst, cap, &v);
	}
}

/* A date to YYYY-MM-DD, or at least trimmed. */
static void
norm_date(char *dst, size_t cap)
{
	char d[REC_DATE_MAX];
	struct verdict v;

	if (date_normalize(dst, d) == 0 && strlen(d) < cap)
		memcpy(dst, d, strlen(d) + 1);
	else {
		field_check(VK_OPTTEXT, NULL, dst, NULL, &v);
		if (strlen(v.norm) < cap && v.rule == NULL)
			memcpy(dst, v.norm, strlen(v.norm) + 1);
	}
}

/* A field's normalisation from its .def line (the norm column): a vkind's
 * check, the code list's official name, a date, or none.  Expanded at
 * compile time, so each field's call is the direct call it always was. */
#define NORM_SN_NONE(d, n, l)
#define NORM_SN_CODED(d, n, l)       norm_coded(d, n, l);
#define NORM_SN_DATE(d, n, l)        norm_date(d, n);
#define NORM_VK_IDCARD(d, n, l)      norm_field(d, n, VK_IDCARD);
#define NORM_VK_USCC(d, n, l)        norm_field(d, n, VK_USCC);
#define NORM_VK_ORGCODE(d, n, l)     norm_field(d, n, VK_ORGCODE);
#define NORM_VK_UNITCODE(d, n, l)    norm_field(d, n, VK_UNITCODE);
#define NORM_VK_MOBILE(d, n, l)      norm_field(d, n, VK_MOBILE);
#define NORM_VK_PHONE(d, n, l)       norm_field(d, n, VK_PHONE);
#define NORM_VK_MEMBER_PHONE(d, n, l) norm_field(d, n, VK_MEMBER_PHONE);
#define NORM_VK_NAME(d, n, l)        norm_field(d, n, VK_NAME);
#define NORM_VK_ADDRESS(d, n, l)     norm_field(d, n, VK_ADDRESS);
#define NORM_VK_ORGNAME(d, n, l)     norm_field(d, n, VK_ORGNAME);
#define NORM_VK_TEXT(d, n, l)        norm_field(d, n, VK_TEXT);
#define NORM_VK_OPTTEXT(d, n, l)     norm_field(d, n, VK_OPTTEXT);

/* The vkind of a norm column for a relation's source (a check that yields
 * the values of the targets); -1 for the others. */
#define NORMK_SN_NONE        (-1)
#define NORMK_SN_CODED       (-1)
#define NORMK_SN_DATE        (-1)
#define NORMK_VK_IDCARD      VK_IDCARD
#define NORMK_VK_USCC        VK_USCC
#define NORMK_VK_ORGCODE     VK_ORGCODE
#define NORMK_VK_UNITCODE    VK_UNITCODE
#define NORMK_VK_MOBILE      VK_MOBILE
#define NORMK_VK_PHONE       VK_PHONE
#define NORMK_VK_MEMBER_PHONE VK_MEMBER_PHONE
#define NORMK_VK_NAME        VK_NAME
#define NORMK_VK_ADDRESS     VK_ADDRESS
#define NORMK_VK_ORGNAME     VK_ORGNAME
#define NORMK_VK_TEXT        VK_TEXT
#define NORMK_VK_OPTTEXT     VK_OPTTEXT

/* Normalise the source field `from` of relations (its value dst, of size
 * n) with its check kind, and fill the empty targets from the verdict. */
static inline __attribute__((always_inline)) void
rel_fill(struct member *m, int from, int kind, char *dst, size_t n)
{
	char *rec = (char *)m;
	struct verdict v;
	size_t i, j;

	if (kind < 0)
		return;
	field_check(kind, NULL, dst, NULL, &v);
	put_norm(dst, n, &v);
	if (v.sev == SEV_ERROR)
		return;
	for (i = 0; i < SCH_MEMBER_NRELATIONS; i++) {
		const struct sch_relation *r = &sch_member_relations[i];

		if (r->from != from)
			continue;
		for (j = 0; j < r->ntargets; j++) {
			const struct sch_field *t = &sch_member[r->t[j].to];

			if (is_blank(rec + t->off))
				snprintf(rec + t->off, t->size, "%s",
				    (const char *)&v + r->t[j].verdict_off);
		}
	}
}

/* 确认方式 as its stored form: the names in code-list order joined by
 * "、", 他人代填 added to a channel (电话/短信/微信确认) without it.  A value
 * that does not parse is left for the checks. */
static void
confirm_normalize(char *s, size_t n)
{
	char out[REC_TEXT_MAX];
	unsigned set;

	if (s[0] == '\0' || confirm_parse(s, &set, NULL, 0) != 0)
		return;
	if ((set & CM_CHANNELS) && !(set & CM_SIGNED))
		set |= CM_PROXY;
	if (set != 0 && confirm_format(set, out, sizeof out) == 0 &&
	    strlen(out) < n)
		memcpy(s, out, strlen(out) + 1);
}

void
normalize_member(struct member *m)
{
	/* a relation's source first: its verdict fills the empty targets */
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	if (sch_member_is_rel_source(SCH_MI_##key)) \
		rel_fill(m, SCH_MI_##key, NORMK_##norm, (char *)&m->key, sizeof m->key);
#include "schema/member.def"
#undef SCH_F
	/* then every other field */
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	if (!sch_member_is_rel_source(SCH_MI_##key)) { \
		NORM_##norm(m->key, sizeof m->key, list) \
	}
#include "schema/member.def"
#undef SCH_F
	confirm_normalize(m->confirm_method, sizeof m->confirm_method);
}

/* 1 when normalize_member's field f would leave the value s as it is,
 * told by its form alone; 0 when unsure. */
static int
field_is_normal(const struct sch_field *f, const char *s)
{
	size_t len = strlen(s), i;
	int y, mo, d;

	if (len == 0)
		return 1;
	switch (f->norm) {
	case SN_NONE:
		return 1;
	case SN_CODED:
		return codelist_find_name_n(codelist_get(f->list), s, len) != NULL;
	case SN_DATE:
		return is_iso_date(s, &y, &mo, &d);
	case VK_IDCARD:
		return len == 18 && strspn(s, "0123456789") >= 17 &&
		    ((s[17] >= '0' && s[17] <= '9') || s[17] == 'X');
	case VK_PHONE:
		return len == 11 && strspn(s, "0123456789") == 11 && s[0] == '1' &&
		    s[1] >= '3' && s[1] <= '9';
	case VK_NAME:
		if (fold_plain(s) != len || len >= REC_NAME_MAX)
			return 0;
		for (i = 0; i < len && (unsigned char)s[i] - 0xE5u < 5u; i += 3)
			;
		return i == len;
	case VK_OPTTEXT:
		return fold_plain(s) == len && len < f->size;
	default:
		return 0;
	}
}

int
member_is_normal(const struct member *m)
{
	const char *rec = (const char *)m;
	size_t i;

	/* the targets of a relation (性别, 出生日期 from the ID number) */
	if (m->sex[0] == '\0' || m->birth[0] == '\0')
		return 0;
	for (i = 0; i < SCH_MEMBER_N; i++)
		if (sch_member[i].kind == SK_STR &&
		    !field_is_normal(&sch_member[i], rec + sch_member[i].off))
			return 0;
	if (m->confirm_method[0] != '\0') {
		char c[REC_TEXT_MAX];

		memcpy(c, m->confirm_method, sizeof c);
		confirm_normalize(c, sizeof c);
		return strcmp(c, m->confirm_method) == 0;
	}
	return 1;
}

void
normalize_org(struct org *o)
{
	size_t i;

#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	NORM_##norm(o->key, sizeof o->key, list)
#include "schema/org.def"
	for (i = 0; i < o->n_units; i++) {
		struct unit *u = &o->units[i];

#undef SCH_F
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	NORM_##norm(u->key, sizeof u->key, list)
#include "schema/unit.def"
#undef SCH_F
	}
}
