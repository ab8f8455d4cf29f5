/*
 * import.h - reading the files caiji exports (附件3 本级 and 党支部, 附件4) and
 * plain member rosters back into the store: encoding detection, CSV
 * parsing (libcsv, strict), the reversal of the export's cell text rules
 * (report.h), validation of every row, and the merge into the database.
 *
 * Files (see import_files for the order and the transactions):
 *   附件3 (基层党委本级)  header = report_org_headers exactly; name contains
 *                        "基层党委本级" (or every organisation is a committee)
 *   附件3 (党支部)       the same header; the hierarchy is in the row order:
 *                        branches before the first 党总支 hang under the
 *                        基层党委, every branch after a 党总支 row under that
 *                        党总支; consecutive rows with the same 党组织名称 are
 *                        the units of one joint branch (report.h)
 *   附件4                header = report_member_headers exactly
 *   roster              any header holding 姓名 and 公民身份证号 and the
 *                        other required 附件4 names, in any order; unknown
 *                        columns are ignored and reported
 * A file named like an official export (…汇总表…) must carry its header
 * exactly; only rosters may reorder columns.
 *
 * Encoding: valid UTF-8 (a leading BOM is dropped) is UTF-8; otherwise the
 * whole file must convert from GB18030 (iconv), else it is refused.
 *
 * Limits: a field over IMPORT_FIELD_MAX bytes, a row over IMPORT_COLS_MAX
 * fields, and a value longer than its record field are refused, never cut.
 *
 * Threads: with two CPUs (or CAIJI_IMPORT_WORKER=1; =0: never) a file is
 * read, parsed and its member rows validated on a second thread, and its
 * SHA-256 taken on a third while the encoding is detected; every store
 * call and every o->report call stays on the calling thread, and the
 * problems, their order, the records and the audit entries are the same
 * as on one thread.  Those threads are joined before a call returns.
 */
#ifndef CAIJI_IMPORT_H
#define CAIJI_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include "store.h"

#define IMPORT_FIELD_MAX 4096   /* bytes per CSV field */
#define IMPORT_COLS_MAX  64     /* fields per row */

/* What a file is, from its header (and name). */
enum import_kind {
	IMPORT_UNKNOWN = 0,
	IMPORT_ORG_SELF,        /* 附件3 (基层党委本级) */
	IMPORT_ORG_BRANCHES,    /* 附件3 (党支部) */
	IMPORT_MEMBERS,         /* 附件4 党员基本信息汇总表 */
	IMPORT_ROSTER,          /* plain member roster */
};

/* Chinese name of a kind ("附件4 党员基本信息汇总表"). */
const char *import_kind_label(int kind);

/* One problem found in a file.  Strings are borrowed for the call only. */
struct import_problem {
	const char *file;       /* the file as given */
	size_t row;             /* CSV record number, header = 1; 0 = the whole file */
	const char *column;     /* column header, "" when not one column */
	int sev;                /* SEV_ERROR (the file is refused) or SEV_WARNING */
	const char *msg;        /* Chinese message */
};

typedef void (*import_report_fn)(const struct import_problem *p, void *ud);

struct import_opts {
	const char *branch;     /* --branch: branch for a roster without 所在党支部 */
	const char *committee;  /* 基层党委 for a (党支部) file; NULL = from the
	                           本级 file of the same run, else the file name */
	int dry_run;            /* check everything, write nothing */
	int checked_by_branch;  /* --checked-by-branch: every member row is
	                           初核通过 on behalf of its branch (review.h),
	                           the audit entry naming the file and its
	                           SHA-256; a row that cannot pass stays 录入,
	                           with a warning saying why */
	const char *today;      /* "YYYY-MM-DD" for the rules, NULL = real date */
	import_report_fn report;/* every problem and warning; NULL = ignore */
	void *ud;
};

/* Counts of one file (or a run, summed). */
struct import_stats {
	int kind;               /* enum import_kind */
	const char *encoding;   /* "UTF-8", "UTF-8 BOM", "GB18030" (static) */
	size_t rows;            /* data rows read */
	size_t added, updated, unchanged;   /* records (orgs or members) */
	size_t warnings;        /* rows that came in with unconfirmed warnings */
	size_t checked;         /* --checked-by-branch: members marked 初核通过 */
	size_t errors;          /* problems of severity error */
	int written;            /* 1 when the file's transaction was committed */
	char committee[256];    /* 本级 file: name of its first organisation */
};

/* Import one file into s as one write transaction: if any row has an
 * error, nothing of the file is written and every problem is reported
 * through o->report.  Rows with warnings only are stored as drafts
 * (REC_DRAFT) whose warnings stay unconfirmed.  With o->dry_run nothing is
 * ever written.  display is the name used in problems (NULL = path).
 * Returns 0 when the file was imported (or would be), 1 when it was
 * refused (problems reported), or a negative STORE_E* code on a store
 * failure (reported as a problem too). */
int import_file(struct store *s, const char *path, const char *display,
    const struct import_opts *o, struct import_stats *st);

/* The same on a buffer (tests, fuzzing); name stands for the file name. */
int import_mem(struct store *s, const char *name, const void *buf, size_t len,
    const struct import_opts *o, struct import_stats *st);

/* Import several files in order 本级, then (党支部), then members (each
 * group in the given order, told apart by file name), one transaction per
 * file; a (党支部) file takes its 基层党委 from a 本级 file of the same run.
 * With o->dry_run every file runs in one transaction that is always
 * aborted, so later files see what earlier ones would have written.
 * per_file (may be NULL) is called after each file.  Returns 0 when every
 * file was imported, 1 otherwise. */
int import_files(struct store *s, char **paths, size_t n,
    const struct import_opts *o, struct import_stats *total,
    void (*per_file)(const char *path, const struct import_stats *st, void *ud),
    void *ud);

/* The report `caiji import` prints and the TUI's 导入 shows, one format:
 * a problem as "FILE:第N行: [列] 错误|警告: message" (no newline), and a
 * file's outcome as "FILE: kind (encoding);读取…;已导入" (dry_run: 试运行).
 * Both write at most size bytes (NUL included) and return the length they
 * wanted (snprintf). */
int import_problem_text(const struct import_problem *p, char *buf, size_t size);
int import_file_text(const char *path, const struct import_stats *st,
    int dry_run, char *buf, size_t size);
/* "读取N行,新增…,警告N" of st (the line of a run's total). */
int import_counts_text(const struct import_stats *st, char *buf, size_t size);

#endif
