/*
 * ui_history.h - 修改记录 (src/ui_history.c): the audit trail of one member
 * or organisation, newest first, each changed field with its old and new
 * value; u on a field puts its earlier value back (an update recorded as
 * 撤销, naming the entry).  Opened with uopen.rec = REC_KIND_MEMBER or
 * REC_KIND_ORG and uopen.id = the record.
 */
#ifndef CAIJI_UI_HISTORY_H
#define CAIJI_UI_HISTORY_H

struct ukind_ops;

extern const struct ukind_ops ui_history_ops;

#endif
