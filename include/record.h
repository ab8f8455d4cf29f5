/*
 * record.h - the records caiji keeps: organisations with their units, and
 * members.  Plain fixed-size structs, shared by every module, except an
 * organisation's unit pages: a heap array the org owns (see struct org).  Strings are
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
#define REC_UNITS_LIMIT  1000 /* units (附页) of one joint branch: a bound
                                  against hostile files, not a rule */
#define REC_UNITS_V1     16   /* the cap of builds before issue 10 (B.9): an
                                 org with more units is stored as format 2 */
#define REC_CONFIRM_MAX  8    /* confirmed warnings kept per record */
#define REC_RETURN_MAX   4    /* open returns (退回) kept per record */
#define REC_COMMENT_MAX  192  /* a return's comment (64 Chinese characters) */
#define REC_METHODS_MAX  96   /* 确认方式, a set: "他人代填、电话确认、短信确认、微信确认" is 58 */

/* Record state.  Removal is a flag beside the state (a removed record keeps
 * whether it was complete), see struct rec_meta. */
enum rec_state {
	REC_DRAFT = 0,      /* saved with an error or unconfirmed warning, or by choice */
	REC_COMPLETE = 1,   /* no error, every warning confirmed */
};

/* Review state of a record (rec_meta.review; the workflow is review.h).
 * Order is the on-disk value. */
enum rev_state {
	REV_ENTRY = 0,      /* 录入: as entered, draft or complete */
	REV_CHECKED = 1,    /* 初核通过: checked by its branch */
	REV_REVIEWED = 2,   /* 复核通过: reviewed by the committee; locked */
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

/* The field lists live in include/schema/ (see schema.h): the
 * structs below are declared from them, with the same names and types the
 * hand-written structs had, in form order. */
#define SCH_DECL_STR(k, n) char k[n];
#define SCH_DECL_REF(k, n) uint64_t k;
#define SCH_DECL_U64(k, n) uint64_t k;
#define SCH_DECL_I64(k, n) int64_t k;
#define SCH_DECL_INT(k, n) int k;
#define SCH_DECL_I32(k, n) int32_t k;
#define SCH_M(key, kind, size, tag) SCH_DECL_##kind(key, size)
#define SCH_F(key, kind, size, ...) SCH_DECL_##kind(key, size)

/* A warning confirmed by a person: which rule, who, when. */
struct rec_confirm {
#include "schema/confirm.def"
};

/* An open return (退回) by a reviewer: which field ("" = the record),
 * the comment, who, when. */
struct rec_return {
#include "schema/return.def"
};

/* Bookkeeping carried by every record. */
struct rec_meta {
#include "schema/meta.def"
	size_t n_confirm;
	struct rec_confirm confirm[REC_CONFIRM_MAX];
	size_t n_return;
	struct rec_return ret[REC_RETURN_MAX];
};

/* One unit page (附件1 items 7-10, or one 附页 of a joint branch). */
struct unit {
#include "schema/unit.def"
};

/* An organisation (附件1).  parent 0 = top level (a 基层党委 or a lone
 * branch); stat_count (党统人数) -1 = not entered; secretary "" = vacant.
 *
 * Its unit pages are a heap array the org owns, as many as the 联合党支部
 * has units.  Every org that may hold units (a full load by the store,
 * org_copy's destination, org_unit_add, an import's or a recovery's
 * record) is made with org_new or org_init, or is zeroed memory (calloc),
 * and released with org_delete or org_free; the array is copied only by
 * org_copy / org_units_copy (never by assignment or memcpy: both copies
 * would own one array).  The functions below and the store's loads trust
 * units and cap_units: memory left from malloc or the stack, or one that
 * held another org, is no org to load into.  A load of the head only
 * (store_org_get_head) writes no unit field but n_units (0), so a buffer
 * used for head loads only may be plain malloc'd memory released with
 * free. */
struct org {
	struct rec_meta meta;
#include "schema/org.def"
	size_t n_units;                   /* 7-10: 0, 1, or >= 2 */
	size_t cap_units;                 /* allocated length of units */
	struct unit *units;               /* NULL while cap_units is 0 */
};

/* A member (附件2).  branch is the id of its branch-level org. */
struct member {
	struct rec_meta meta;
#include "schema/member.def"
};

#undef SCH_M
#undef SCH_F

/* Chinese label of a removal reason ("转出" ...); "" for RM_NONE. */
const char *rec_removal_label(int reason);

/* Removal reason from its Chinese label; -1 when unknown. */
int rec_removal_parse(const char *label);

/* Zero a record and set defaults (stat_count = -1 for orgs).  org_init
 * takes memory holding no unit array (a new struct, or one org_free'd):
 * the array of an org in use would leak; org_reset is for those. */
void org_init(struct org *o);
void member_init(struct member *m);

/* org_init for an org in use: its unit array is kept for reuse (n_units
 * is 0). */
void org_reset(struct org *o);

/* Free o's unit array (o may be NULL); o then holds no units (and may be
 * loaded into again). */
void org_free(struct org *o);

/* A new org_init'ed org on the heap, NULL when out of memory; and its
 * release with its units (o may be NULL). */
struct org *org_new(void);
void org_delete(struct org *o);

/* Make room for n units (n_units unchanged).  0, or -1 when out of memory
 * or n is over REC_UNITS_LIMIT (o unchanged). */
int org_units_reserve(struct org *o, size_t n);

/* Append a zeroed unit page and return it; NULL when out of memory or at
 * REC_UNITS_LIMIT (o unchanged). */
struct unit *org_unit_add(struct org *o);

/* Remove unit page i (< n_units); the later ones move up. */
void org_unit_remove(struct org *o, size_t i);

/* Make dst's units a copy of src's.  0, or -1 when out of memory (dst's
 * units unchanged). */
int org_units_copy(struct org *dst, const struct org *src);

/* Make dst (an org as above) a deep copy of src; dst's own array is reused.
 * 0, or -1 when out of memory (then dst is src without units: n_units 0). */
int org_copy(struct org *dst, const struct org *src);

/* Organisation kinds the rules care about, from 组织类别. */
int org_is_branch(const char *category);     /* 党支部, 联合党支部, 临时党支部, 临时联合党支部 */
int org_is_general(const char *category);    /* 党总支部 / 临时党总支部 (党总支) */
int org_is_committee(const char *category);  /* 党委, 党工委, 临时党委 */
int org_is_temporary(const char *category);  /* 临时党委, 临时党总支部, 临时党支部, ... */

/* Copy src into a fixed buffer of size n, always NUL-terminated, never
 * splitting a UTF-8 sequence.  Returns 0, or -1 when src was truncated. */
int rec_strcpy(char *dst, size_t n, const char *src);

/* Record that `by` confirmed the warning of rule at time at.  Returns 0
 * (also when rule is already confirmed: nothing is added), or -1 when the
 * record already holds REC_CONFIRM_MAX confirmations (nothing changed: the
 * caller must tell the clerk, the record stays a draft). */
int rec_confirm_add(struct rec_meta *meta, const char *rule, const char *by,
    int64_t at);

#endif
