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
	VK_MEMBER_PHONE,  /*          联系电话 of a member (fixed line = warning) */
	VK_DATE,          /* date */
	VK_NAME,          /* name     姓名 */
	VK_ADDRESS,       /* address  家庭住址 */
	VK_ORGNAME,       /* orgname  党组织名称 */
	VK_TEXT,          /*          free text, required */
	VK_OPTTEXT,       /*          free text, optional */
	VK_CODED,         /*          value of a code list (see validate_coded) */
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
 * kinds; an error "必填" for required ones.  Returns v->sev. */
int validate_field(int k, const char *label, const char *value, struct verdict *v);

/* Check a coded value against list (enum cl_id): a code, an exact name, or
 * an unambiguous pinyin prefix normalise to the name.  Returns v->sev. */
int validate_coded(int list, const char *label, const char *value, struct verdict *v);

/* Resolve a command-line field name (idcard, uscc, ..., or a code list key
 * such as ethnicity) and check the value.  Returns v->sev, or -1 when the
 * field name is unknown. */
int validate_named(const char *field, const char *value, struct verdict *v);

/* The i-th field name validate_named knows besides the code-list keys
 * ("idcard", ...), NULL past the end (for usage messages). */
const char *validate_field_name(size_t i);

/* ISO 7064 MOD 11-2 check character of the first 17 digits (for
 * generators); 0 when they are not 17 digits. */
char idcard_check_char(const char *first17);

/* 15-digit to 18-digit ID number (19 + 6 digits).  out holds 19 bytes.
 * Returns 0, -1 when in is not a 15-digit number. */
int idcard_upgrade15(const char *in, char *out);

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

/* Run every field check and record rule on a member.  today is
 * "YYYY-MM-DD" (NULL = the real date); branch may be NULL (not checked).
 * Values are not modified. */
void validate_member(const struct member *m, const struct org *branch,
    const char *today, struct vreport *r);

/* The same for an organisation (附件1 items and the unit rules). */
void validate_org(const struct org *o, const char *today, struct vreport *r);

/* 1 when the report allows the record to be complete (no error, every
 * warning confirmed), else 0. */
int vreport_complete(const struct vreport *r);

/* Normalise every field of a member / org in place (dates, full-width,
 * trimming, X in ID numbers, codes typed as codes to names).  Values that
 * do not normalise are left as they are for the checks to report. */
void normalize_member(struct member *m);
void normalize_org(struct org *o);

/* Normalise a date in any accepted form to YYYY-MM-DD in out (11 bytes).
 * Returns 0, or -1 when it is not a real date. */
int date_normalize(const char *in, char *out);

#endif
