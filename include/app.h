/*
 * app.h - the application context passed to every command and screen
 * (no globals).  The command registry is in cmd.h.
 */
#ifndef CAIJI_APP_H
#define CAIJI_APP_H

#include <stdio.h>

#include "cmd.h"
#include "store.h"

struct app {
	const char *dbdir;        /* resolved database directory */
	const char *user;         /* Unix user recorded with changes */
	const char *today;        /* "YYYY-MM-DD" override (CAIJI_TODAY), NULL = real date */
	unsigned store_flags;     /* STORE_SHARED when CAIJI_SHARED=1 */
	struct store *st;         /* open store, NULL until app_open_store */
	char *dbdir_owned;        /* app->dbdir when app_resolve_dbdir made it */
};

/* Choose app->dbdir when no -d gave it (nor is a store open): $CAIJI_DB,
 * else $XDG_DATA_HOME/caiji, else ~/.local/share/caiji (whose parents are
 * created owner-only).  Returns 0, or prints why not and returns 1. */
int app_resolve_dbdir(struct app *app);

/* Free what the context owns (the store is closed by the caller). */
void app_free(struct app *app);

/* Open app->st on app->dbdir (creating it when missing).  Returns 0, or
 * prints a one-line Chinese message to stderr and returns 1. */
int app_open_store(struct app *app);

/* Open app->st on app->dbdir, which must already hold a database
 * (commands that only read: check, export, stats).  A missing database is
 * a one-line Chinese message on stderr and 1; nothing is created. */
int app_open_existing(struct app *app);

/* Print "caiji: <msg>" (printf format) to stderr, one line.  Returns 1. */
int app_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Flush standard output; when that or an earlier write to it failed
 * (a full disk, a closed pipe), print "caiji: <what>: 无法写入标准输出: <why>"
 * (what may be NULL) and return 1; else 0. */
int app_flush_stdout(const char *what);

/* The TUI (src/ui.c); returns the exit status. */
int ui_main(struct app *app);

#endif
