/*
 * ui_progress.h - 进度 (src/ui_progress.c): the progress board of the
 * checking workflow (review.h review_progress) as a list: one row per
 * branch in report order, a total after each 党总支's branches and one for
 * the committee; Enter on a branch opens its member list.  Read again
 * after every write through the UI.  Opened with uopen.org = the
 * committee (or 党总支, or branch) whose rows are shown.
 */
#ifndef CAIJI_UI_PROGRESS_H
#define CAIJI_UI_PROGRESS_H

#include <stddef.h>

struct ukind_ops;
struct review_row;

extern const struct ukind_ops ui_progress_ops;

/* One row of the board as shown under its header, into out (size bytes):
 * the name indented by depth, without the start it shares with top (the
 * board's organisation, whose name the title shows; NULL = none) below
 * it, cut in the middle to fit; then 党统 录入 完整 初核 复核 退回 签字
 * 最后修改.  At most 79 columns for a login of 8 characters.  Returns
 * snprintf's. */
int ui_progress_line(const struct review_row *r, const char *top, char *out, size_t size);

#endif
