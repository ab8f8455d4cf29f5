/*
 * stats.h - statistics of the collected members, per organisation and in
 * total (caiji stats, and the TUI's 统计 screen).  Computing is separate
 * from printing: stats_compute fills a struct, stats_print writes aligned
 * text (CJK width-aware) for a terminal.
 *
 * Definitions (removed members are never counted; drafts are, and are
 * counted separately too):
 *   正式/预备      人员类别 正式党员 / 预备党员
 *   男/女          性别
 *   少数民族       民族 filled, not 汉族 and not 其他/外国血统 entries
 *   年龄           full years on today (CAIJI_TODAY or the real date), from
 *                  出生日期, else from the ID number; bands ≤30, 31-40,
 *                  41-50, 51-60, 61-70, ≥71, and 未知 when neither is a date
 *   学历           the group column of the 学历 code list
 *                  (src/data/education_party.tsv); a value not in the list
 *                  by its wording.  As shipped: 研究生 (博士/硕士研究生, 硕士生班,
 *                  党校研究生), 大学本科 (大学, 大学普通班, 第二学士学位班,
 *                  党校大学), 大学专科 (大专, 党校大专), 中专/高中 (中等专科,
 *                  职业高中, 技工学校, 普通高中), 初中及以下 (初中, 小学),
 *                  其他 (其他, empty, anything else)
 *   失联 / 流动    是否为失联党员 / 是否为流动党员 = 是
 *   停止党籍       党籍状态 = 停止党籍
 *   预备期满       预备党员 whose 加入党组织日期 is at least one year before
 *                  today (the probation year is over: due for 转正 review)
 *   党统人数       struct org.stat_count as entered (-1 = not entered), shown
 *                  beside the collected count with the difference
 *                  (collected - 党统人数); never used to adjust anything.
 */
#ifndef CAIJI_STATS_H
#define CAIJI_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "store.h"

enum stats_age { AGE_LE30, AGE_31_40, AGE_41_50, AGE_51_60, AGE_61_70,
	AGE_GE71, AGE_UNKNOWN, AGE_NBANDS };

enum stats_edu { EDU_GRADUATE, EDU_BACHELOR, EDU_COLLEGE, EDU_SECONDARY,
	EDU_JUNIOR, EDU_OTHER, EDU_NGROUPS };

extern const char *const stats_age_labels[AGE_NBANDS];
extern const char *const stats_edu_labels[EDU_NGROUPS];

struct stats_counts {
	size_t members, full, probationary, male, female, minority;
	size_t age[AGE_NBANDS];
	size_t edu[EDU_NGROUPS];
	size_t lost, floating, suspended, due, drafts;
};

/* One organisation; its counts cover its whole subtree (a branch: its own
 * members; a 党总支 or 党委: the sum of its branches). */
struct stats_org {
	uint64_t id;
	char name[256];
	char category[64];
	int depth;                /* 0 = the top of what was computed */
	int32_t stat_count;       /* 党统人数, -1 = not entered */
	struct stats_counts c;
};

struct stats {
	size_t n;                 /* organisations, in report order */
	struct stats_org *orgs;
	struct stats_counts total;
	int64_t stat_total;       /* sum of the tops' 党统人数, -1 unless all entered */
};

/* Add one member to c (today "YYYY-MM-DD"). */
void stats_add_member(struct stats_counts *c, const struct member *m,
    const char *today);

/* The 学历 group and the age band of a value (exposed for tests and the UI). */
int stats_edu_group(const char *education);
int stats_age_band(const char *birth, const char *idcard, const char *today);

/* Compute statistics of the subtree of org top, or of the whole database
 * when top is 0.  Organisations are listed depth first; under each
 * organisation its branches come first, then its other children, each in
 * the tree's order (the report order of report.h).  Removed organisations
 * and their subtrees are left out.  today NULL = the real date.  On
 * success *out is filled (free with stats_free).  Returns 0 or a STORE_E*
 * code. */
int stats_compute(struct store *s, uint64_t top, const char *today,
    struct stats *out);

void stats_free(struct stats *st);

/* Print st as two aligned tables (counts, then ages and 学历). */
void stats_print(FILE *fp, const struct stats *st);

#endif
