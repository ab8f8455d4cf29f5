/*
 * ui_export.h - 上报 (src/ui_export.c): a modal flow, not a screen on the
 * stack; asks for 序号, 填报人, the directory and the format, exports
 * through export.h and shows the outcome.  Run (ui_open) with uopen.org =
 * the committee whose report is exported, or uopen.id = one branch (its
 * 附件4 alone), and uopen.name = that organisation's name.
 */
#ifndef CAIJI_UI_EXPORT_H
#define CAIJI_UI_EXPORT_H

struct ukind_ops;

extern const struct ukind_ops ui_export_ops;

#endif
