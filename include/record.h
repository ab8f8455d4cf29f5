/*
 * record.h - the records caiji keeps: organisations with their units, and
 * members.  Plain fixed-size structs, shared by every module.  Strings are
 * NUL-terminated UTF-8; coded fields hold the official name exactly as it
 * is exported (e.g. "汉族", "正式党员"), never an internal code, so that a
 * replaced code list never changes stored data.  Empty string = not filled.
 *
 * These structs are never written to disk as they are: the store encodes
 * them field by field (see store.h, "Encoding").
 */
#ifndef CAIJI_RECORD_H
#define CAIJI_RECORD_H

#include <stddef.h>
#include <stdint.h>

#define REC_NAME_MAX     64   /* 姓名, people's names (bytes incl. NUL) */
#define REC_TEXT_MAX     256  /* names of organisations/units, addresses, coded values */
#define REC_NOTE_MAX     512  /* 备注, removal note */
#define REC_SHORT_MAX    32   /* phones, codes, ID numbers, user names */
#define REC_DATE_MAX     11   /* YYYY-MM-DD */
#define REC_UNITS_MAX    16   /* units (附页) of one joint branch */
#define REC_CONFIRM_MAX  8    /* confirmed warnings kept per record */

/* Record state.  Removal is a flag beside the state (a removed record keeps
 * whether it was complete), see struct rec_meta. */
enum rec_state {
	REC_DRAFT = 0,      /* saved with an error or unconfirmed warning, or by choice */
	REC_COMPLETE = 1,   /* no error, every warning confirmed */
};

/* Why a record was removed (移除原因).  Order is the on-disk value. */
enum rec_removal {
	RM_NONE = 0,
	RM_TRANSFER,        /* 转出 */
	RM_DEATH,           /* 死亡 */
	RM_EXPELLED,        /* 出党 */
	RM_ENTRY_ERROR,     /* 录入错误 */
	RM_OTHER,           /* 其他 */
};

/* A warning confirmed by a person: which rule, who, when. */
struct rec_confirm {
	char rule[REC_SHORT_MAX];     /* rule key from validate.h, e.g. "birth_differs" */
	char by[REC_SHORT_MAX];       /* Unix user */
	int64_t at;                   /* Unix time */
};

/* Bookkeeping carried by every record. */
struct rec_meta {
	uint64_t id;                  /* 0 = not yet stored */
	uint64_t version;             /* incremented by every save; 0 = new */
	int64_t created_at, changed_at;
	char created_by[REC_SHORT_MAX], changed_by[REC_SHORT_MAX];
	int state;                    /* enum rec_state */
	int removed;                  /* enum rec_removal; RM_NONE = present */
	char removed_note[REC_NOTE_MAX];
	int64_t removed_at;
	char removed_by[REC_SHORT_MAX];
	size_t n_confirm;
	struct rec_confirm confirm[REC_CONFIRM_MAX];
};

/* One unit page (附件1 items 7-10, or one 附页 of a joint branch). */
struct unit {
	char name[REC_TEXT_MAX];          /* 单位名称 */
	char category[REC_TEXT_MAX];      /* 单位类别 */
	char party_status[REC_TEXT_MAX];  /* 单位建立党组织情况 */
	char code[REC_SHORT_MAX];         /* 党组织所在单位代码 (USCC or org code) */
};

/* An organisation (附件1). */
struct org {
	struct rec_meta meta;
	uint64_t parent;                  /* 0 = top level (a 基层党委 or a lone branch) */
	char name[REC_TEXT_MAX];          /* 1 党组织名称 (full name, unique) */
	char secretary[REC_NAME_MAX];     /* 2 党组织书记 (empty = vacant) */
	char contact[REC_NAME_MAX];       /* 3 党组织联系人 */
	char phone[REC_SHORT_MAX];        /* 4 联系电话 */
	char category[REC_TEXT_MAX];      /* 5 组织类别 */
	char unit_situation[REC_TEXT_MAX];/* 6 党组织所在单位情况 */
	size_t n_units;                   /* 7-10: 0, 1, or >= 2 */
	struct unit units[REC_UNITS_MAX];
	int32_t stat_count;               /* 党统人数; -1 = not entered */
	char signed_by[REC_NAME_MAX];     /* 书记签字: who signed off (初核) */
	int64_t signed_at;
	char note[REC_NOTE_MAX];          /* 备注 */
};

/* A member (附件2). */
struct member {
	struct rec_meta meta;
	uint64_t branch;                  /* 8 所在党支部: id of a branch-level org */
	char name[REC_NAME_MAX];          /* 1 姓名 */
	char sex[REC_SHORT_MAX];          /* 2 性别: 男/女 */
	char ethnicity[REC_SHORT_MAX];    /* 3 民族 */
	char idcard[REC_SHORT_MAX];       /* 4 公民身份证号 (18 chars, X upper) */
	char birth[REC_DATE_MAX];         /* 5 出生日期 */
	char education[REC_TEXT_MAX];     /* 6 学历 */
	char category[REC_SHORT_MAX];     /* 7 人员类别: 正式党员/预备党员 */
	char join_date[REC_DATE_MAX];     /* 9 加入党组织日期 */
	char full_date[REC_DATE_MAX];     /* 10 转为正式党员日期 */
	char job[REC_TEXT_MAX];           /* 11 工作岗位 */
	char phone[REC_SHORT_MAX];        /* 12 联系电话 */
	char address[REC_TEXT_MAX];       /* 13 家庭住址 */
	char party_status[REC_SHORT_MAX]; /* 14 党籍状态: 正常/停止党籍 */
	char lost[REC_SHORT_MAX];         /* 15 是否为失联党员: 是/否 */
	char lost_date[REC_DATE_MAX];     /*    失去联系日期 */
	char floating[REC_SHORT_MAX];     /* 16 是否为流动党员: 是/否 */
	char flow_to[REC_TEXT_MAX];       /*    外出流向 (county-level region, full name) */
	char confirm_method[REC_SHORT_MAX]; /* 确认方式: 本人签字/他人代填/电话确认/短信确认/微信确认 */
	char note[REC_NOTE_MAX];          /* 备注 */
};

/* Chinese label of a removal reason ("转出" ...); "" for RM_NONE. */
const char *rec_removal_label(int reason);

/* Removal reason from its Chinese label; -1 when unknown. */
int rec_removal_parse(const char *label);

/* Zero a record and set defaults (stat_count = -1 for orgs). */
void org_init(struct org *o);
void member_init(struct member *m);

/* Organisation kinds the rules care about, from 组织类别. */
int org_is_branch(const char *category);     /* 党支部, 联合党支部, 临时党支部, 临时联合党支部 */
int org_is_general(const char *category);    /* 党总支部 / 临时党总支部 (党总支) */
int org_is_committee(const char *category);  /* 党委, 党工委, 临时党委 */
int org_is_temporary(const char *category);  /* 临时党委, 临时党总支部, 临时党支部, ... */

/* Copy src into a fixed buffer of size n, always NUL-terminated, never
 * splitting a UTF-8 sequence.  Returns 0, or -1 when src was truncated. */
int rec_strcpy(char *dst, size_t n, const char *src);

#endif
