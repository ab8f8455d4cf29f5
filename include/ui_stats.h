/*
 * ui_stats.h - 统计 (src/ui_stats.c): the statistics of stats.h for a
 * subtree in a text view scrolled both ways.  Opened with uopen.org = the
 * subtree's organisation (0 = everything).
 */
#ifndef CAIJI_UI_STATS_H
#define CAIJI_UI_STATS_H

struct ukind_ops;

extern const struct ukind_ops ui_stats_ops;

#endif
