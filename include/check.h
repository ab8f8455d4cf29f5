/*
 * check.h - the quality check (质量检查): everything that still needs work
 * in the database or under one organisation, as a list of items the CLI
 * prints (caiji check) and the TUI's 质量检查 screen shows (Enter opens the
 * record named by org_id / member_id).  Computing is separate from
 * printing: check_run calls back once per item, in tree order (the report
 * order of report_walk for each 基层党委, branch by branch, members in their
 * order), then the possible duplicates across branches.
 */
#ifndef CAIJI_CHECK_H
#define CAIJI_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "store.h"

/* What an item is.  Order is the order of check_kind_label. */
enum check_kind {
	CHK_ERROR = 0,       /* 错误: a field or record rule fails */
	CHK_WARNING,         /* 待确认: a warning nobody has confirmed */
	CHK_DRAFT,           /* 草稿: kept as a draft with nothing else open */
	CHK_DUPLICATE,       /* 疑似重复: same 姓名 and 出生日期 in another branch */
	CHK_FEW_FULL,        /* 正式党员不足3人 */
	CHK_NO_SECRETARY,    /* 书记空缺 */
	CHK_PROBATION_DUE,   /* 预备期已满: 预备党员 admitted over a year ago */
	CHK_OMISSION,        /* 漏统风险: retired / 其他 group / 失联 / 停止党籍 */
	CHK_STAT_COUNT,      /* 党统人数不符: collected count differs from 党统人数 */
	CHK_TEMP_BRANCH,     /* 临时党支部党员: not in 附件4, collected where their
	                        formal relation is (不要重复) */
	CHK_COUNT
};

/* Chinese label of a kind ("错误"). */
const char *check_kind_label(int kind);

/* One item.  Strings are borrowed for the duration of the callback. */
struct check_item {
	int kind;               /* enum check_kind */
	uint64_t org_id;        /* the organisation (a member's branch) */
	uint64_t member_id;     /* 0 for an organisation item */
	const char *org;        /* 党组织名称 */
	const char *member;     /* 姓名, "" for an organisation item */
	const char *idcard;     /* 公民身份证号, "" for an organisation item */
	const char *field;      /* Chinese field label, "" for the whole record */
	const char *msg;        /* Chinese message */
};

/* Return non-zero to stop the check (returned by check_run). */
typedef int (*check_fn)(const struct check_item *it, void *ud);

struct check_counts {
	size_t items;
	size_t by_kind[CHK_COUNT];
	size_t orgs, members;   /* records looked at */
};

/* Check every non-removed organisation and member under org (0 = the
 * whole database: every top-level organisation), calling fn for each item.
 * today is "YYYY-MM-DD" (NULL = real date).  counts may be NULL.
 * Memory: one small entry per member for the duplicate search.
 * Returns 0, fn's non-zero value, or a negative STORE_E* code. */
int check_run(struct store *s, uint64_t org, const char *today, check_fn fn,
    void *ud, struct check_counts *counts);

/* Write items as CSV (UTF-8 with BOM, CRLF, every field quoted by libcsv):
 * header 类别,党组织,姓名,公民身份证号,项目,说明,记录编号.  The writer
 * is a check_fn: pass check_csv_row with a FILE * as ud; the header is
 * written by check_csv_header.  Return 0 or -1 on a write error. */
int check_csv_header(FILE *fp);
int check_csv_row(const struct check_item *it, void *ud);

#endif
