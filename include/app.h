/*
 * app.h - the application context passed to every command and screen
 * (no globals), and the command registry (tmux's cmd_table style: one
 * src/cmd-*.c file per command, each defining one struct cmd_entry).
 */
#ifndef CAIJI_APP_H
#define CAIJI_APP_H

#include <stdio.h>
#include "store.h"

struct app {
	const char *dbdir;        /* resolved database directory */
	const char *user;         /* Unix user recorded with changes */
	const char *today;        /* "YYYY-MM-DD" override (CAIJI_TODAY), NULL = real date */
	unsigned store_flags;     /* STORE_SHARED when CAIJI_SHARED=1 */
	struct store *st;         /* open store, NULL until app_open_store */
};

struct cmd_entry {
	const char *name;         /* "export" */
	const char *usage;        /* "--seq N --filler NAME [--org ORG] ..." */
	const char *summary;      /* one Chinese line for --help */
	/* Run the command.  argv[0] is the command name; "-d DIR" has already
	 * been removed and applied to app->dbdir.  Returns the exit status. */
	int (*exec)(struct app *app, int argc, char **argv);
};

/* Open app->st on app->dbdir (creating it when missing).  Returns 0, or
 * prints a one-line Chinese message to stderr and returns 1. */
int app_open_store(struct app *app);

/* Open app->st on app->dbdir, which must already hold a database
 * (commands that only read: check, export, stats).  A missing database is
 * a one-line Chinese message on stderr and 1; nothing is created. */
int app_open_existing(struct app *app);

/* Print "caiji: <msg>" (printf format) to stderr, one line.  Returns 1. */
int app_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The TUI (src/ui.c); returns the exit status. */
int ui_main(struct app *app);

extern const struct cmd_entry cmd_demo_entry, cmd_gen_entry, cmd_validate_entry,
    cmd_export_entry, cmd_stats_entry, cmd_import_entry, cmd_check_entry;
extern const struct cmd_entry cmd_print_entry;

#endif
