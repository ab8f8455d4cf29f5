/*
 * ui_opstats.h - 录入统计 (src/ui_opstats.c): the operator statistics of
 * opstats.h (each login's keying per day) in a scrollable box over the
 * tree; a modal flow, not a screen on the stack.  Opened with nothing.
 */
#ifndef CAIJI_UI_OPSTATS_H
#define CAIJI_UI_OPSTATS_H

struct ukind_ops;

extern const struct ukind_ops ui_opstats_ops;

#endif
