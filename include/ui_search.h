/*
 * ui_search.h - 查找党员 (src/ui_search.c): find members by ID number,
 * part of a name or phone; Enter opens one.  Opened with nothing.
 */
#ifndef CAIJI_UI_SEARCH_H
#define CAIJI_UI_SEARCH_H

struct ukind_ops;

extern const struct ukind_ops ui_search_ops;

#endif
