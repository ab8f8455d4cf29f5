/*
 * ui_print.h - 打印 (src/ui_print.c): a modal flow, not a screen on the
 * stack; prints the 采集表 of print.h into the user's home directory and
 * shows the file's path.  Run (ui_open) with uopen.id = a member (its
 * 附件2), or uopen.id = 0 and uopen.org = an organisation: a branch offers
 * its members' 附件2 or its own 附件1, a 党委 or 党总支 its 附件1 or every
 * form of its subtree in report order; uopen.name is what the title shows.
 */
#ifndef CAIJI_UI_PRINT_H
#define CAIJI_UI_PRINT_H

struct ukind_ops;

extern const struct ukind_ops ui_print_ops;

#endif
