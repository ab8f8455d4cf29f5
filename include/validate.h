/*
 * validate.h - every field check and record rule of DOMAIN.md.  Pure: no
 * curses, no LMDB; the UI, the importer, the exporter and the checker all
 * call it.  Messages are Chinese, name the field and the rule
 * ("公民身份证号:校验位应为X").
 *
 * Severity semantics, for every caller: an error keeps a record from being
 * complete (it may be kept as a marked draft); a warning must be confirmed
 * once by a person (who and when recorded in rec_meta.confirm, keyed by the
 * rule key) before the record is complete.
 */
#ifndef CAIJI_VALIDATE_H
#define CAIJI_VALIDATE_H

#include <stddef.h>
#include "record.h"

enum severity { SEV_OK = 0, SEV_WARNING = 1, SEV_ERROR = 2 };

/* Field kinds (what `caiji validate FIELD` names in brackets). */
enum vkind {
	VK_IDCARD,        /* idcard   公民身份证号 */
	VK_USCC,          /* uscc     统一社会信用代码 */
	VK_ORGCODE,       /* orgcode  组织机构代码 */
	VK_UNITCODE,      /* unitcode 党组织所在单位代码 (either of the two) */
	VK_MOBILE,        /* mobile   手机号码 */
	VK_PHONE,         /* phone    联系电话 of an organisation (mobile or fixed) */
	VK_MEMBER_PHONE,  /* memberphone 联系电话 of a member (fixed line = warning) */
	VK_DATE,          /* date     a real date, 1900-01-01 .. today */
	VK_NAME,          /* name     姓名 */
	VK_ADDRESS,       /* address  家庭住址 */
	VK_ORGNAME,       /* orgname  党组织名称 */
	VK_TEXT,          /* text     free text, required */
	VK_OPTTEXT,       /*          free text, optional */
	VK_CODED,         /*          not for validate_field: use validate_coded */
};

#define V_MSG_MAX 256

/* The verdict on one value. */
struct verdict {
	int sev;                      /* enum severity */
	const char *rule;             /* rule key ("idcard_check"), NULL when ok */
	char msg[V_MSG_MAX];          /* Chinese message, "" when ok */
	char norm[REC_TEXT_MAX];      /* normalised value (trimmed, full-width folded, ...) */
	/* filled by VK_IDCARD when the number is valid: */
	char sex[REC_SHORT_MAX];      /* 男/女 */
	char birth[REC_DATE_MAX];     /* YYYY-MM-DD */
	/* a replacement the caller may offer, never applied silently: the
	 * 18-digit form of an old 15-digit ID number; "" when none */
	char alt[REC_SHORT_MAX];
	/* VK_UNITCODE: which code the value is ("统一社会信用代码" or
	 * "组织机构代码"), also when it is wrong; NULL when neither */
	const char *what;
};

/* Check one value of kind k.  label is the Chinese field label used in the
 * message (NULL = the kind's default label).  Empty values: ok for optional
 * kinds; an error "必填" for required ones.  Every kind decodes UTF-8
 * strictly: invalid UTF-8, control characters and overlong values are
 * errors (rules utf8, control_char, too_long), never undefined behaviour.
 * v->norm gets the normalised value even on most errors (trimmed, full-width
 * digits and letters folded; dates as YYYY-MM-DD; X upper case; phones as
 * 13812345678 or 0571-88888888[-ext]; organisation codes as 9 characters
 * without the hyphen; middle-dot variants as U+00B7), "" after utf8,
 * control_char and too_long.  Date kinds compare with the real date.
 * Returns v->sev. */
int validate_field(int k, const char *label, const char *value, struct verdict *v);

/* Check a coded value against list (enum cl_id): the exact name (also with
 * half-width brackets for a full-width official name), a code ("1" for
 * "01"), an unambiguous pinyin prefix or an exact pinyin ("dx" is 大学 even
 * though 大学普通班 starts with dx) normalise to the official name in
 * v->norm.  Empty: error "required".  Several matches: error
 * coded_ambiguous naming them ("hz": 汉族、回族...).  Returns v->sev. */
int validate_coded(int list, const char *label, const char *value, struct verdict *v);

/* Resolve a command-line field name (idcard, uscc, ..., or a code list key
 * such as ethnicity) and check the value.  Returns v->sev, or -1 when the
 * field name is unknown. */
int validate_named(const char *field, const char *value, struct verdict *v);

/* The same with today as "YYYY-MM-DD" for the date rules (a date or a
 * birth date in an ID number after today); NULL = the real date, like
 * validate_named. */
int validate_named_at(const char *field, const char *value, const char *today,
    struct verdict *v);

/* The i-th field name validate_named knows besides the code-list keys
 * ("idcard", ...), NULL past the end (for usage messages). */
const char *validate_field_name(size_t i);

/* ISO 7064 MOD 11-2 check character of the first 17 digits (for
 * generators); 0 when they are not 17 digits. */
char idcard_check_char(const char *first17);

/* GB 32100-2015 check character of the first 17 characters of a
 * 统一社会信用代码, or 0 when one of them is not in its 31-character set. */
char uscc_check_char(const char *first17);

/* GB 11714-1997 check character of the 8 body characters of a 组织机构代码,
 * or 0 when one of them is not 0-9 or A-Z. */
char orgcode_check_char(const char *first8);

/* 15-digit to 18-digit ID number (19 + 6 digits).  out holds 19 bytes.
 * Returns 0, -1 when in is not a 15-digit number. */
int idcard_upgrade15(const char *in, char *out);

/* ---- rule keys ---- */

/* One rule: its stable key (what vissue.rule and rec_confirm.rule hold),
 * its severity, and a short Chinese description (for the confirmation
 * prompt and the man page).  Only warnings can be confirmed. */
struct vrule {
	const char *key;
	int sev;                      /* enum severity */
	const char *text;
};

/* Every rule this module reports, ended by a NULL key.  Immutable. */
extern const struct vrule validate_rules[];

/* The rule with that key, NULL when unknown. */
const struct vrule *validate_rule(const char *key);

/* ---- record rules ---- */

#define V_ISSUES_MAX 48

struct vissue {
	int sev;
	const char *field;            /* struct member/org field key ("idcard"), or "" for the record */
	const char *label;            /* its Chinese label ("公民身份证号") */
	const char *rule;             /* rule key, what rec_confirm.rule records */
	char msg[V_MSG_MAX];
	int confirmed;                /* a warning already confirmed in rec_meta */
	int unit;                     /* org unit fields: index into o->units, else -1 */
};

struct vreport {
	size_t n;
	struct vissue it[V_ISSUES_MAX];
	int errors, warnings, unconfirmed;  /* counts */
};

/* Run every field check and record rule on a member into r (reset first).
 * today is "YYYY-MM-DD" (NULL = the real date); branch is the member's
 * branch, or NULL when not at hand (then only branch != 0 is checked).
 * Warnings whose rule key is in m->meta.confirm are marked confirmed and
 * not counted in r->unconfirmed.  birth_differs (warning) comes with the
 * error birth_note_missing while 备注 is empty: the different date needs a
 * note and a confirmation.  A lost member (是否为失联党员=是) without a
 * phone gets the warning phone_missing_lost instead of an error.  The
 * record is not modified; run normalize_member first to check what will be
 * stored.  At most V_ISSUES_MAX issues are kept; the counts are exact. */
void validate_member(const struct member *m, const struct org *branch,
    const char *today, struct vreport *r);

/* The same for an organisation (附件1 items and the unit rules).  Issues on
 * a unit have unit = its index and messages "单位N 单位名称:...". */
void validate_org(const struct org *o, const char *today, struct vreport *r);

/* The version of validate_org's rules: the store keeps each
 * organisation's judgement (store.h, orgmarks) and judges them all again
 * when a database was judged by another version.  Bump it with any change
 * that can judge a stored organisation differently (a rule, a message's
 * severity, a code list an organisation field uses).  validate_org's
 * outcome never depends on today (no organisation field is a date), which
 * is what makes a kept judgement true on later days. */
#define VALIDATE_ORG_RULES 1

/* 1 when the report allows the record to be complete (no error, every
 * warning confirmed), else 0. */
int vreport_complete(const struct vreport *r);

/* 1 when issue v keeps its record from being complete: an error, or a
 * warning nobody confirmed (预备期已满 too).  The one predicate every
 * count of problems uses (the form's problems panel, caiji check, the TUI
 * 质量检查, export's problem list), so that they agree. */
int vissue_open(const struct vissue *v);

/* 1 when a record with report r, stored in state (enum rec_state), needs
 * work: an open issue, or kept as a draft.  What the tree counts as 草稿
 * and check counts as 未完成记录. */
int vreport_open(const struct vreport *r, int state);

/* Normalise every field of a member / org in place (dates, full-width,
 * trimming, X in ID numbers, codes typed as codes to names).  Values that
 * do not normalise are left as they are for the checks to report. */
void normalize_member(struct member *m);

/* 1 when normalize_member(m) would change nothing, told cheaply by the form
 * of each field (an official name, YYYY-MM-DD, 18 characters, 11 digits,
 * text without spaces or full-width forms); 0 when it might, or when unsure.
 * For callers that normalise many records already in their one form. */
int member_is_normal(const struct member *m);
void normalize_org(struct org *o);

/* ---- when a field applies, and what falls due ----
 *
 * The one place of these rules: the record checks above, the forms (via
 * the schema's applies column), the unit pages, caiji check and the
 * statistics all call them.  They read stored (normalised) values. */

/* 1 for 是 in a 是/否 field (是否为失联党员, 是否为流动党员). */
int rule_is_yes(const char *flag);

/* 1 for 人员类别 预备党员. */
int rule_is_probationary(const char *category);

/* 转为正式党员日期 applies (not to a 预备党员). */
int rule_full_date_applies(const struct member *m);

/* 失去联系日期 applies (是否为失联党员 = 是). */
int rule_lost_date_applies(const struct member *m);

/* 外出流向 applies (是否为流动党员 = 是). */
int rule_flow_to_applies(const struct member *m);

/* How many unit pages (附件1 items 7-10) 党组织所在单位情况 s asks for:
 * 与上级党组织相同 (or not yet chosen) none, 法人单位 exactly one, 联合党支部
 * at least RULE_JOINT_MIN_UNITS (as many as it has: up to REC_UNITS_LIMIT,
 * a bound against hostile files). */
#define RULE_JOINT_MIN_UNITS 2
int rule_units_min(const char *unit_situation);
int rule_units_max(const char *unit_situation);

/* Unit pages apply to o (rule_units_max > 0). */
int rule_org_has_units(const struct org *o);

/* 预备期已满: a 预备党员 admitted on join_date (YYYY-MM-DD) has served the
 * year of probation on today (YYYY-MM-DD): 1, with the day it was full in
 * due (11 bytes; 29 February moves to 1 March); else 0 (also for a date
 * that is not a real date).  due may be NULL. */
int rule_probation_due(const char *category, const char *join_date,
    const char *today, char *due);

/* Normalise a date in any accepted form to YYYY-MM-DD in out (11 bytes).
 * Returns 0, or -1 when it is not a real date. */
int date_normalize(const char *in, char *out);

#endif
