/*
 * cause.h - the project's error-message convention (tmux's `char **cause`):
 * a function that fails may fill *cause with one Chinese line that the
 * caller frees.
 */
#ifndef CAIJI_CAUSE_H
#define CAIJI_CAUSE_H

/* Set *cause to the formatted message unless cause is NULL or a message is
 * already there (the first, most specific one wins).  Out of memory leaves
 * *cause NULL. */
void cause_set(char **cause, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
