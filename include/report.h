/*
 * report.h - what the report (信息上报) is made of: the columns of 附件3 and
 * 附件4 with their headers verbatim and in order, the cells of one row, the
 * folder and file names, the cell text rules shared with the importer, and
 * the mandated walk over the organisation tree.  Pure apart from the walk
 * (which reads the store); no file is written here (see export.h).
 *
 * Cell text rules (CSV and XLSX; import.c reverses exactly these):
 *
 *  1. Formula injection (OWASP "CSV injection"): a value whose first byte is
 *     one of  = + - @ TAB CR '  is written with one apostrophe (') in front.
 *     The apostrophe itself is in the set, so the rule is reversible:
 *     "'=1" is written "''=1".  Applies to every cell except 序号, in CSV
 *     and in XLSX alike.
 *  2. Text columns (CSV only): in the columns flagged text (公民身份证号,
 *     联系电话, 党组织所在单位代码, and every date column) a non-empty value
 *     is written with one leading TAB inside the quoted cell, after rule 1.
 *     Excel and WPS then keep "110101199003070012" as text instead of
 *     1.10101E+17, keep the leading 0 of "010-12345678" and do not turn
 *     "1990-03-07" into a locale date.  XLSX cells are string cells with the
 *     text number format ("@"), so no TAB there.
 *
 *  Reversal (report_cell_unprotect): if the cell starts with TAB, remove that
 *  one TAB; then if it starts with ' followed by one of = + - @ TAB CR ',
 *  remove that one apostrophe.  Nothing else is changed.  A value that was
 *  never exported this way is unchanged unless it starts so.
 *
 * Joint branches (联合党支部): one 附件3 row per unit.  Every row carries the
 * organisation columns (党组织名称 ... 党组织所在单位情况) in full, so each row
 * stands alone and sorting or filtering in Excel never detaches a unit from
 * its branch; each row has its own 序号 (序号 counts rows, 1, 2, 3 ...).  An
 * organisation with no unit (与上级党组织相同) has one row with the unit
 * columns empty.
 */
#ifndef CAIJI_REPORT_H
#define CAIJI_REPORT_H

#include <stddef.h>
#include "record.h"
#include "schema.h"
#include "store.h"

/* Column counts, from the schema (the fields marked reported, and 序号). */
#define REPORT_ORG_NCOLS     SCH_ORG_NCOLS      /* 附件3 党组织和所在单位信息汇总表: 11 */
#define REPORT_MEMBER_NCOLS  SCH_MEMBER_NCOLS   /* 附件4 党员基本信息汇总表: 19 */

/* One column: the header verbatim, and how its cells are written. */
struct report_col {
	const char *header;   /* "公民身份证号" */
	int text;             /* 1: text column (rule 2 above; XLSX text format) */
	int list;             /* enum cl_id of its dropdown list, -1 when none */
	int width;            /* XLSX column width in character units */
};

extern const struct report_col report_org_cols[REPORT_ORG_NCOLS];
extern const struct report_col report_member_cols[REPORT_MEMBER_NCOLS];

/* Header strings only, in order (for the importer and tests). */
extern const char *const report_org_headers[REPORT_ORG_NCOLS];
extern const char *const report_member_headers[REPORT_MEMBER_NCOLS];

/* Number of 附件3 rows an organisation takes: its unit count, at least 1. */
size_t report_org_nrows(const struct org *o);

/* The raw cells of 附件3 row `unit` (0 <= unit < report_org_nrows(o)) of o:
 * cells[i] points into o or at seq/"" (borrowed, valid while o and seq
 * are).  seq is the 序号 text.  Cells are the stored values, not yet
 * protected (see report_cell). */
void report_org_cells(const struct org *o, size_t unit, const char *seq,
    const char *cells[REPORT_ORG_NCOLS]);

/* The raw cells of the 附件4 row of m; branch_name is the full name of its
 * branch (所在党支部).  Borrowed as above. */
void report_member_cells(const struct member *m, const char *branch_name,
    const char *seq, const char *cells[REPORT_MEMBER_NCOLS]);

#define REPORT_CELL_MAX (REC_NOTE_MAX + 4)

/* Apply the cell text rules to value v into dst (size n, at least
 * strlen(v) + 3): rule 1 always, rule 2 when text is non-zero (CSV text
 * columns; pass 0 for XLSX).  Returns dst. */
const char *report_cell(const char *v, int text, char *dst, size_t n);

/* The bytes report_cell puts before v (0, 1 or 2 of them) into pre;
 * returns their number.  report_cell(v) == pre + v. */
size_t report_cell_prefix(const char *v, int text, char pre[2]);

/* Undo report_cell in place (for the importer).  Returns 1 when something
 * was removed, else 0. */
int report_cell_unprotect(char *s);

/* ---- names ---- */

#define REPORT_DRAFT_PREFIX "草稿-"

/* The three files of a report folder, and a branch's own table. */
enum report_file {
	REPORT_FILE_SELF = 0,     /* <名称>党组织和所在单位信息汇总表（基层党委本级） */
	REPORT_FILE_BRANCHES,     /* <名称>党组织和所在单位信息汇总表（党支部） */
	REPORT_FILE_MEMBERS,      /* <名称>党员基本信息汇总表 */
	REPORT_FILE_COUNT
};

/* The 序号 text of a folder: digits only, 1 to 6 of them, kept exactly as
 * given ("3" stays "3", "03" stays "03").  Returns 0, or -1 when seq is
 * not that. */
int report_seq_format(const char *seq, char *out, size_t n);

/* Why filler cannot be the 填报人姓名 of a folder name, as one Chinese
 * sentence, or NULL when it can: not empty or blank, no leading or
 * trailing space (ideographic space included), not starting with '.' (so
 * neither "." nor ".." nor a hidden folder), no '/', '\\' or control
 * character. */
const char *report_filler_problem(const char *filler);

/* Folder name: [草稿-]序号 + 基层党组织名称 + 填报人姓名, e.g.
 * "1中共某某公司委员会张三".  seq must be formatted already.  Returns 0,
 * or -1 when it does not fit in n or would not be a valid file name (a
 * '/' or a control character in it, "." / "..", over 255 bytes). */
int report_folder_name(const char *seq, const char *org_name,
    const char *filler, int draft, char *out, size_t n);

/* File name of file f for organisation org_name with extension ext ("csv",
 * "xlsx"): [草稿-]<名称>党员基本信息汇总表.csv.  Parentheses are the
 * full-width ones of Chinese text (GB/T 15834): <名称>党组织和所在单位信息
 * 汇总表（党支部）.csv; the web copy of the source lost its full-width
 * punctuation, its ASCII ones are an artefact.  Returns 0, or -1 as
 * report_folder_name. */
int report_file_name(int f, const char *org_name, const char *ext,
    int draft, char *out, size_t n);

/* ---- the walk ---- */

/* What a visited organisation is in the report. */
enum report_kind {
	REPORT_SELF = 0,      /* the 基层党委 itself: the 本级 file only */
	REPORT_BRANCH,        /* a branch: a 附件3 (党支部) row group, its members in 附件4 */
	REPORT_GENERAL,       /* a 党总支: a 附件3 (党支部) row group, no members */
};

/* Called for each organisation in report order; parent is the organisation
 * it hangs under (NULL for REPORT_SELF); both are valid only during the
 * call.  A non-zero return stops the walk and is returned. */
typedef int (*report_visit_fn)(const struct org *o, int kind,
    const struct org *parent, void *ud);

/* Walk the report of the 基层党委 `top` (any organisation id; a branch id
 * gives just that branch as REPORT_SELF).  Order: top itself (REPORT_SELF);
 * then top's own branches; then each of its 党总支, immediately followed
 * by its own branches (a 党总支 nested in a 党总支 follows the same rule,
 * after the branches).  Siblings keep the tree's order (store_org_children);
 * removed organisations and everything under them are skipped, and so are
 * children that are neither branches nor 党总支 (a 党委 under a 党委 reports
 * on its own).  Returns 0, the callback's non-zero value, or a STORE_E*
 * code (negative). */
int report_walk(struct store *s, uint64_t top, report_visit_fn fn, void *ud);

/* Candidate 基层党委: non-removed committees (org_is_committee) anywhere in
 * the tree that directly hold a non-removed branch or 党总支, in tree order
 * (depth first).  *ids is malloc'd (caller frees).
 * Returns 0 or a STORE_E* code. */
int report_committees(struct store *s, uint64_t **ids, size_t *n);

#endif
