/*
 * ui_import.h - 导入 (src/ui_import.c): a modal flow over the tree, not a
 * screen on the stack; asks for a directory, lets the clerk pick CSV files
 * in it, runs import.h's import_files on them (the same checks and the
 * same report as `caiji import`) and shows the report.  Run (ui_open) with
 * uopen.name = the branch under the tree's cursor (a roster without
 * 所在党支部 goes there, as --branch), or NULL.
 */
#ifndef CAIJI_UI_IMPORT_H
#define CAIJI_UI_IMPORT_H

struct ukind_ops;

extern const struct ukind_ops ui_import_ops;

#endif
