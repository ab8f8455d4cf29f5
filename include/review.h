/*
 * review.h - the checking workflow of the source (issue 12): 初核 by the
 * branch, 复核 by the 基层党委, returns with comments, the lock of a
 * reviewed record, the 书记签字 of a branch's 附件1, and the progress board.
 *
 * States (rec_meta.review), for every member and organisation record:
 *
 *   录入 (REV_ENTRY) --初核--> 初核通过 (REV_CHECKED) --复核--> 复核通过 (REV_REVIEWED)
 *        ^                       |                                 |
 *        +--- an edit, a return -+              解锁 (with a reason) v
 *                                          初核通过 <---------------+
 *
 *   - 初核 is taken by a 支部 clerk of the record's branch (ROLE_BRANCH,
 *     whose store scope is the branch), 复核 and 解锁 by a 党委 clerk
 *     (ROLE_COMMITTEE); ROLE_ADMIN (single-user mode: the owner) holds
 *     every role and takes both steps, each recorded on its own.  The
 *     附件1 of an organisation that is not a branch (党总支, 党委) is checked
 *     (初核) by a 党委 clerk, as its own "branch".
 *   - A save that changes a field (or the record's draft state or its
 *     confirmations) of a 初核通过 record sends it back to 录入, in the
 *     save's transaction, with an audit entry (AU_REVIEW) saying so.
 *   - A 复核通过 record is locked: every save, removal and move refuses
 *     with STORE_ELOCKED and REVIEW_LOCKED_TEXT until 解锁.
 *   - A return (退回) by a reviewer adds an open return (a field key or ""
 *     for the whole record, a comment, who, when) to rec_meta.ret and sends
 *     a 初核通过 record back to 录入; returns stay open until the branch
 *     passes 初核 again, which closes them all (they are kept in the audit
 *     trail, AU_REVIEW entries, with the whole exchange).
 *   - The review fields of rec_meta are written only by the transitions
 *     below (and the reset of an edit); an ordinary save keeps the stored
 *     ones whatever its caller's struct holds.
 *
 * Every transition is one write transaction with one AU_REVIEW audit entry
 * (text: what happened, e.g. "初核通过", "退回 联系电话: 号码少一位").
 *
 * Two halves: the rules (confirm sets, eligibility with Chinese reasons,
 * who may take which step) are pure (src/review.c: no LMDB, no curses);
 * the transitions and the progress board (src/review_store.c) go through
 * store.h.  The TUI and the CLI call the same functions and show the same
 * messages.
 */
#ifndef CAIJI_REVIEW_H
#define CAIJI_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "record.h"
#include "store.h"
#include "validate.h"

/* What a clerk reads when a locked record refuses a change (STORE_ELOCKED). */
#define REVIEW_LOCKED_TEXT STORE_LOCKED_TEXT

/* ---- states ---- */

/* enum rev_state lives in record.h (rec_meta.review): REV_ENTRY 录入,
 * REV_CHECKED 初核通过, REV_REVIEWED 复核通过. */

/* The two steps. */
enum rev_level {
	REV_LEVEL_NONE = 0,
	REV_LEVEL_CHECK = 1,      /* 初核 */
	REV_LEVEL_REVIEW = 2,     /* 复核 */
};

/* Chinese name of a state ("录入", "初核通过", "复核通过"), "" when unknown. */
const char *review_state_label(int state);

/* Chinese name of a step ("初核", "复核"), "" for REV_LEVEL_NONE. */
const char *review_level_label(int level);

/* 1 when the record is locked (复核通过). */
int review_locked(const struct rec_meta *meta);

/* Short marker for lists: "退回" when a return is open, else "录入",
 * "初核", "复核" (locked). */
const char *review_marker(const struct rec_meta *meta);

/* The open return about field key (a struct member / org field key), or
 * NULL; key "" asks for a return of the whole record. */
const struct rec_return *review_return_of(const struct rec_meta *meta,
    const char *key);

/* ---- 确认方式: a set of methods ----
 *
 * Stored in member.confirm_method as the official names joined by "、" in
 * code-list order ("他人代填、电话确认、微信确认").  A value a former caiji
 * stored (one name, e.g. "本人签字" or "微信确认") is a set of one and reads
 * unchanged.  A set is complete (what 初核 needs) when it is 本人签字 alone,
 * or 他人代填 with at least one of 电话确认 / 短信确认 / 微信确认; a channel
 * without 他人代填 is normalised to include it (only forms filled by
 * another are confirmed that way). */
enum {
	CM_SIGNED = 0x1,          /* 本人签字 */
	CM_PROXY = 0x2,           /* 他人代填 */
	CM_PHONE = 0x4,           /* 电话确认 */
	CM_SMS = 0x8,             /* 短信确认 */
	CM_WECHAT = 0x10,         /* 微信确认 */
	CM_CHANNELS = CM_PHONE | CM_SMS | CM_WECHAT,
	CM_ALL = 0x1f,
};
#define CM_COUNT 5

/* The official name of method bit (CM_*), NULL for anything else. */
const char *confirm_name(unsigned bit);

/* Parse s: names, codes or pinyin of the code list (validate_coded), one
 * or more, separated by "、", ",", "，", "+", "/", ";" or spaces.  "" is the
 * empty set.  Returns 0 with *set, or -1 with the first unknown part in
 * bad (bad_n bytes, may be NULL). */
int confirm_parse(const char *s, unsigned *set, char *bad, size_t bad_n);

/* Write set as the stored form (names joined by "、" in code-list order)
 * into out (n bytes).  Returns 0, or -1 when it did not fit (out empty). */
int confirm_format(unsigned set, char *out, size_t n);

/* NULL when set is what 初核 needs, else the Chinese reason
 * ("确认方式未填写", "本人签字与他人代填不能同时选择",
 * "他人代填须注明电话、短信或微信确认"). */
const char *confirm_incomplete(unsigned set);

/* ---- eligibility (pure) ---- */

#define REVIEW_WHY_MAX 12

/* Why a record may not take a step: Chinese reasons, in order. */
struct review_why {
	size_t n;
	char msg[REVIEW_WHY_MAX][V_MSG_MAX];
};

/* Join the reasons with "；" into out (n bytes). */
void review_why_join(const struct review_why *w, char *out, size_t n);

/* The step a clerk of role (enum app_role) takes next on a record in
 * state, when the record is a member or the 附件1 of a branch
 * (org_branch 1) or of a 党总支/党委 (org_branch 0): REV_LEVEL_CHECK or
 * REV_LEVEL_REVIEW, or REV_LEVEL_NONE with the reason in why (已复核通过;
 * 复核须由党委录入员进行; 尚未初核; 初核须由本支部录入员进行). */
int review_next_level(int role, int state, int org_branch, struct review_why *why);

/* 1 when a record in state is past every step a clerk of role takes (复核通过;
 * 初核通过 for a 支部 clerk): a batch does not list it as skipped. */
int review_done_for(int role, int state, int org_branch);

/* 1 when member m (of branch, may be NULL) may take step level now, else
 * 0 with every reason in why: its state (初核 needs 录入, 复核 needs
 * 初核通过), removal, errors and unconfirmed warnings of validate_member
 * (each named), a draft, a 确认方式 that is not complete (初核), open
 * returns (复核).  today as validate_member.  Does not look at roles.
 * level | REV_NO_CONFIRM: 初核 without the 确认方式 (a branch's 附件4
 * imported as checked by it: 附件4 has no such column, the signed forms
 * stay at the branch). */
#define REV_NO_CONFIRM 0x100
int review_member_eligible(const struct member *m, const struct org *branch,
    int level, const char *today, struct review_why *why);

/* The same for an organisation's 附件1: validate_org, and for 初核 the
 * 书记签字 (signed_by and signed_date). */
int review_org_eligible(const struct org *o, int level, const char *today,
    struct review_why *why);

/* ---- transitions (src/review_store.c; each one write transaction) ----
 *
 * Every function returns 0 or a STORE_E* code with a Chinese *cause
 * (caller frees): STORE_ERULE for a refusal by the rules (the reasons
 * joined), STORE_ELOCKED for a locked record, STORE_ENOTFOUND outside the
 * clerk's scope, STORE_ECONFLICT when version (0 = do not check) is not
 * the stored one.  The role is app->role; the login app->user (the
 * store's); today app->today. */

/* Pass the next step (review_next_level) on member id: *level (may be
 * NULL) receives the step taken. */
int review_pass_member(struct app *app, uint64_t id, uint64_t version,
    int *level, char **cause);

/* The same for organisation id's own 附件1. */
int review_pass_org(struct app *app, uint64_t id, uint64_t version,
    int *level, char **cause);

/* Return member / organisation id with comment (required), about field
 * key (a field key of its schema, "" or NULL = the whole record).  A 党委
 * clerk or the admin; not on a locked record (解锁 first). */
int review_return_member(struct app *app, uint64_t id, const char *field,
    const char *comment, char **cause);
int review_return_org(struct app *app, uint64_t id, const char *field,
    const char *comment, char **cause);

/* Unlock a 复核通过 member / organisation (back to 初核通过), with reason
 * (required); a 党委 clerk or the admin. */
int review_unlock_member(struct app *app, uint64_t id, const char *reason,
    char **cause);
int review_unlock_org(struct app *app, uint64_t id, const char *reason,
    char **cause);

/* Record the 书记签字 of organisation id's 附件1: the secretary's name and
 * the date signed (YYYY-MM-DD, any form date_normalize takes; NULL =
 * today).  Not on a locked record; does not change the state. */
int review_sign_org(struct app *app, uint64_t id, const char *secretary,
    const char *date, char **cause);

/* One record a batch skipped, and why. */
struct review_skip {
	uint64_t id;
	char name[REC_NAME_MAX];
	char key[REC_SHORT_MAX];          /* 公民身份证号 */
	char why[V_MSG_MAX * 2];
};

/* What a batch did (or, planned, would do); free with review_batch_free. */
struct review_batch {
	int level;                        /* the step asked (0: each record's next) */
	size_t passed;                    /* records that passed a step */
	size_t passed_check, passed_review;  /* of them: 初核, 复核 */
	size_t n_skip, cap_skip;
	struct review_skip *skip;         /* malloc'd, in branch order */
};
void review_batch_free(struct review_batch *b);

/* Pass step level (REV_LEVEL_CHECK or REV_LEVEL_REVIEW; 0 = each
 * member's next step for the role, review_next_level: the admin then
 * checks the 录入 members and reviews the 初核通过 ones) for every present
 * member of branch that may take it, in one write transaction (one
 * AU_REVIEW entry each); the others are listed in b->skip with why
 * (members already past the step are not listed).  The role must be
 * allowed the step, else STORE_ERULE and nothing done.  The branch's own
 * 附件1 is not included (review_pass_org). */
int review_pass_branch(struct app *app, uint64_t branch, int level,
    struct review_batch *b, char **cause);

/* review_pass_branch without writing anything: b says what it would do
 * (the counts and the skipped with why), for a screen that asks one
 * confirmation first.  The act may still differ if records change between
 * the two calls (it checks each record again). */
int review_plan_branch(struct app *app, uint64_t branch, int level,
    struct review_batch *b, char **cause);

/* Inside an import's write transaction (caiji import --checked-by-branch):
 * mark member id 初核通过 on behalf of its branch, the audit entry naming
 * the file and its SHA-256 (hex) in text.  The record must be eligible as
 * for review_pass_member but for the 确认方式 (REV_NO_CONFIRM); else
 * STORE_ERULE with the reasons. */
int review_txn_mark_checked(struct store_txn *t, uint64_t id, const char *today,
    const char *text, char **cause);

/* ---- the progress board (caiji progress, the TUI board) ---- */

enum review_row_kind {
	RR_BRANCH = 1,            /* one branch */
	RR_GENERAL,               /* the total of a 党总支's branches */
	RR_COMMITTEE,             /* the total of the 基层党委 */
};

struct review_row {
	int kind;                         /* enum review_row_kind */
	uint64_t org;
	int depth;                        /* 0 = the committee */
	char name[REC_TEXT_MAX];
	int64_t stat_count;               /* 党统人数 (sum for totals), -1 = not entered */
	uint64_t entered, complete;       /* present members; of them without a problem */
	uint64_t checked;                 /* members 初核通过 or past it (复核通过 too) */
	uint64_t reviewed;                /* members 复核通过 */
	uint64_t returned;                /* members with an open return */
	uint64_t orgs, orgs_signed;       /* 附件1: organisations, and with 书记签字 */
	uint64_t orgs_checked, orgs_reviewed;  /* 附件1 初核通过 (or past) / 复核通过 */
	int org_state;                    /* the row's own 附件1's enum rev_state */
	int64_t last_at;                  /* last change of a member or the org, 0 = none */
	char last_by[REC_SHORT_MAX];
};

/* Call fn for every row of the committee (or 党总支, or branch) top, in
 * report order: each branch, then after the branches of a 党总支 its total
 * (RR_GENERAL), and last the committee's total (RR_COMMITTEE).  From the
 * store's kept counts (store_branch_counts, store_branch_review): no
 * member is decoded.  A non-zero return from fn stops and is returned. */
int review_progress(struct store *s, uint64_t top,
    int (*fn)(const struct review_row *row, void *ud), void *ud, char **cause);

/* ---- what export needs ---- */

/* Count what keeps the records under top (a committee or a branch) from
 * reaching state need (REV_CHECKED or REV_REVIEWED): members and orgs
 * below it, per organisation in the board's order.  Calls fn (may be
 * NULL) once per organisation that falls short with its name and a
 * Chinese line ("3 名党员未复核，党组织信息（附件1）未复核"); returns the
 * number of records short (0 = ready), -1 on a store error.  what:
 * REVIEW_MISS_MEMBERS and/or REVIEW_MISS_ORGS (export --only).  From the
 * kept counts. */
#define REVIEW_MISS_MEMBERS 0x1
#define REVIEW_MISS_ORGS    0x2
long review_missing(struct store *s, uint64_t top, int need, int what,
    void (*fn)(const char *org, const char *what, void *ud), void *ud);

#endif
