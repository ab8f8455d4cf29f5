/*
 * print.h - the printable 采集表: 附件1 党组织和所在单位基本信息采集表 (with one
 * 附页 per further unit of a 联合党支部) and 附件2 党员基本信息采集表, filled
 * from the store or blank, as one PDF for signatures.
 *
 * Pages are A4 portrait, laid out with pango and drawn with cairo in the
 * Song face Noto Serif CJK SC (Debian fonts-noto-cjk), which is embedded
 * (subset) so the file prints the same anywhere.  Every form is exactly one
 * page (a 附页 is a page of its own): a long value wraps inside its cell and
 * the text of a page that would not fit is set a size smaller, never cut.
 *
 * Pages are streamed: one cairo PDF surface, each page drawn and shown
 * before the next record is read, so memory does not grow with the number
 * of members.  The footer's 共 y 页 is counted by a first pass over the same
 * records; if the records change between the passes the file is not kept.
 *
 * The file is written to a new 0600 temporary in the target's directory
 * and renamed over the target at the end: a symbolic link at the target is
 * replaced, never followed, and a failed run leaves nothing behind.
 */
#ifndef CAIJI_PRINT_H
#define CAIJI_PRINT_H

#include <stddef.h>
#include <stdint.h>
#include "store.h"

/* What to print. */
enum print_what {
	PRINT_MEMBER = 1,     /* 附件2 of member id */
	PRINT_BRANCH,         /* 附件2 of every present member of branch id, in list order */
	PRINT_ORG,            /* 附件1 of organisation id (and its 附页) */
	PRINT_COMMITTEE,      /* 基层党委 id: every 附件1 in report order, each branch's
	                       * followed by its members' 附件2 */
	PRINT_BLANK_MEMBER,   /* an empty 附件2 (id: a branch to fill in item 8, or 0) */
	PRINT_BLANK_ORG,      /* an empty 附件1 and an empty 附页 */
};

struct print_opts {
	int what;             /* enum print_what */
	uint64_t id;          /* see enum print_what */
	const char *path;     /* the PDF to write */
	const char *today;    /* print date "YYYY-MM-DD" (CAIJI_TODAY); NULL = today */
};

struct print_result {
	size_t pages;         /* pages written */
	size_t members;       /* 附件2 pages of members */
	size_t orgs;          /* 附件1 forms */
	size_t smaller;       /* forms set below the first text size to fit their page */
	size_t overfull;      /* forms longer than their page even at the smallest
	                       * size (the record limits of record.h never get there) */
};

enum {
	PRINT_OK = 0,
	PRINT_ENOTFOUND = 1,  /* no such (present) record, or not the right kind */
	PRINT_EFONT = 2,      /* the font Noto Serif CJK SC is not installed */
	PRINT_EFAIL = 3,      /* writing failed, or the records changed meanwhile */
};

/* Print what o asks into o->path.  Returns PRINT_OK with *res filled, or
 * a PRINT_E* code with *cause set (a Chinese line the caller frees) and no
 * file left at o->path's temporary; o->path itself is untouched then. */
int print_run(struct store *s, const struct print_opts *o,
    struct print_result *res, char **cause);

/* The file name print_run's callers use when none is given: for a record
 * "<名称>党员基本信息采集表.pdf" (member: "<姓名>-<公民身份证号>…"), for
 * blank forms "空白…".  name is the member's, branch's or organisation's
 * name (unused for blanks), idcard the member's (PRINT_MEMBER only).
 * Slashes and control characters in names become '_'.  Returns 0, or -1
 * when it does not fit in n. */
int print_default_name(int what, const char *name, const char *idcard,
    char *out, size_t n);

#endif
