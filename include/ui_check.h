/*
 * ui_check.h - 质量检查 (src/ui_check.c): the problems check.h finds in a
 * subtree, as a list whose Enter opens the record.  Opened with uopen.org
 * = the subtree's organisation (0 = everything).
 */
#ifndef CAIJI_UI_CHECK_H
#define CAIJI_UI_CHECK_H

struct ukind_ops;

extern const struct ukind_ops ui_check_ops;

#endif
