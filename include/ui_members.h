/*
 * ui_members.h - 党员名单 (src/ui_members.c): one branch's members in the
 * reported order; opens, adds, removes, restores, reorders and moves them
 * to another branch.  Opened with uopen.org = the branch.
 */
#ifndef CAIJI_UI_MEMBERS_H
#define CAIJI_UI_MEMBERS_H

struct ukind_ops;

extern const struct ukind_ops ui_members_ops;

#endif
