/*
 * export.h - writing the report (信息上报) of one 基层党委: the pre-export
 * check of every record in scope and the CSV / XLSX files, streamed (one
 * member at a time through store_member_each) so memory stays flat.
 *
 * Files (names from report.h):
 *   report:  DIR/<folder>/ with the three tables, per format;
 *            <folder> = [草稿-]序号 + 基层党组织名称 + 填报人姓名.
 *   branch:  DIR/[草稿-]<支部名称>党员基本信息汇总表.csv|.xlsx (a branch's own
 *            附件4, to send up; no folder).
 *   problems: DIR/问题清单.txt (UTF-8, tab-separated: 序号, 党组织, 姓名,
 *            公民身份证号, 字段, 级别, 问题) whenever the check finds a
 *            problem; removed by the next export that finds none.
 * Everything is created mode 0600 (folders 0700).  Each file is written
 * to a temporary name in the same folder and renamed into place; a report
 * folder is built as a hidden temporary sibling (.<folder>.XXXXXX) and
 * renamed into place only when complete.  An existing report folder is
 * refused, or with replace swapped atomically (renameat2 RENAME_EXCHANGE)
 * and the old one deleted (kept as <folder>.old-<time> when it holds files
 * that are not ours).  A branch file is replaced atomically by rename.
 *
 * The check runs in the same pass as the writing (each record is validated
 * as it is written, into temporary files); when it finds a problem and
 * draft is off, the temporary files are deleted and nothing appears.
 * Members are validated on a worker thread when a CPU is spare (see
 * CAIJI_EXPORT_WORKER in the man page); the result is the same.
 */
#ifndef CAIJI_EXPORT_H
#define CAIJI_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "digest.h"
#include "report.h"
#include "store.h"

#define EXPORT_CSV   0x1
#define EXPORT_XLSX  0x2

enum export_encoding { EXPORT_UTF8 = 0, EXPORT_GB18030 = 1 };

/* Which tables of the report folder (the source asks for the 本级
 * organisation table by 7月7日 and the rest by 7月19日). */
enum export_part {
	EXPORT_ALL = 0,          /* the three tables; everything checked */
	EXPORT_ORGS,             /* the two 附件3 tables; organisations checked */
	EXPORT_MEMBERS,          /* 附件4 only; members checked */
};

enum {
	EXPORT_OK = 0,
	EXPORT_EPROBLEMS = 1,    /* the check found problems: nothing written */
	EXPORT_EEXIST = 2,       /* the report folder exists (no replace) */
	EXPORT_EFAIL = 3,        /* store, file system or library error (cause set) */
};

struct export_opts {
	uint64_t top;            /* the 基层党委 (report mode) */
	uint64_t branch;         /* non-zero: branch mode, this branch's 附件4 only */
	const char *seq;         /* 序号 as typed (report mode) */
	const char *filler;      /* 填报人姓名 (report mode) */
	const char *outdir;      /* DIR, NULL = "." */
	int formats;             /* EXPORT_CSV | EXPORT_XLSX */
	int encoding;            /* enum export_encoding (CSV only) */
	int draft;               /* write even with problems; 草稿- in every name */
	int replace;             /* replace an existing report folder (or, with
	                            only, the part's existing files) */
	int only;                /* enum export_part (report mode): a part goes
	                            into the folder beside the other part */
	int plain;               /* CSV: bare values, no BOM, no Excel markers */
	const char *today;       /* YYYY-MM-DD, NULL = real date */
	FILE *msg;               /* where problems are printed (NULL = none) */
	size_t max_print;        /* at most this many printed (0 = 200) */
	int review;              /* follow the workflow (review.h): the folder
	                            needs every record 复核通过 (--only orgs: the
	                            organisations; --only members: the members),
	                            a branch's 附件4 its members 初核通过; what is
	                            short is a problem per organisation (级别
	                            未审核).  The CLI and the TUI set it. */
};

struct export_result {
	char path[4096];         /* folder (report) or first file (branch) written */
	char problems_path[4096];/* 问题清单.txt when problems were found, else "" */
	size_t problems;         /* problems found by the check */
	size_t orgs;             /* organisations in the report (本级 included) */
	size_t org_rows;         /* rows of the (党支部) table */
	size_t members;          /* rows of the 党员 table */
	size_t stale;            /* leftovers of interrupted exports removed */
	/* the CSV files hashed as they were written (export_audit need not
	 * read them back): name in the folder, SHA-256 */
	size_t nhashed;
	struct export_hashed {
		char name[256];
		unsigned char sha256[DIGEST_LEN];
	} hashed[REPORT_FILE_COUNT];
};

/* One problem found by the check.  Strings are borrowed for the call. */
struct export_problem {
	const char *org;         /* organisation (the member's branch) */
	const char *member;      /* 姓名, "" for an organisation problem */
	const char *idcard;      /* 公民身份证号, "" for an organisation */
	const char *field;       /* Chinese field label, "" for the whole record */
	const char *msg;         /* Chinese message */
	int sev;                 /* enum severity, or EXPORT_SEV_REVIEW */
};

/* export_problem.sev of a record short of its review state (未审核). */
#define EXPORT_SEV_REVIEW 3

typedef int (*export_problem_fn)(const struct export_problem *p, void *ud);

/* Check every record of the report of top (branch = 0) or of one branch:
 * each organisation with validate_org, each member with validate_member,
 * honouring confirmed warnings (vreport_complete); a draft record with no
 * other problem is reported as one.  Calls fn for each problem (a non-zero
 * return stops and is returned).  *count (may be NULL) receives the number
 * of problems.  Returns 0 or a STORE_E* code. */
int export_check(struct store *s, uint64_t top, uint64_t branch,
    const char *today, export_problem_fn fn, void *ud, size_t *count);

/* Run the export described by o.  Returns EXPORT_OK (files written, *res
 * filled), EXPORT_EPROBLEMS (problems printed to o->msg and saved in
 * res->problems_path, nothing else written), EXPORT_EEXIST or EXPORT_EFAIL;
 * on EXPORT_EFAIL *cause (caller frees) says why in Chinese, and no
 * partial file or folder is left behind. */
int export_run(struct store *s, const struct export_opts *o,
    struct export_result *res, char **cause);

/* Record a finished export (export_run returned EXPORT_OK) in the audit
 * trail: the folder, and each table file written with its rows and
 * SHA-256 (from res->hashed, else read back from the disk).  0, or a store rc with *cause. */
int export_audit(struct store *s, const struct export_opts *o,
    const struct export_result *res, char **cause);

#endif
