/*
 * ui_help.h - 帮助 (src/ui_help.c): every key of a screen, from its key
 * table.  Opened with uopen.of = that screen's definition.
 */
#ifndef CAIJI_UI_HELP_H
#define CAIJI_UI_HELP_H

struct ukind_ops;

extern const struct ukind_ops ui_help_ops;

#endif
