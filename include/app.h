/*
 * app.h - the application context passed to every command and screen
 * (no globals).  The command registry is in cmd.h.
 */
#ifndef CAIJI_APP_H
#define CAIJI_APP_H

#include <stdio.h>

#include "cmd.h"
#include "store.h"

/* Roles (caiji user add --role): what a clerk of a shared database may
 * see and do.  Single-user mode (no setgid) is always ROLE_ADMIN. */
enum app_role {
	ROLE_NONE = 0,
	ROLE_ADMIN,               /* 管理员: everything, users and backups */
	ROLE_COMMITTEE,           /* 党委: the subtree of their organisation */
	ROLE_BRANCH,              /* 支部: the subtree (branch) of their organisation */
};

/* The configuration file of shared mode: root-owned, fixed at build time
 * (make CONF=...), never taken from the environment when setgid. */
#ifndef CAIJI_CONF
#define CAIJI_CONF "/etc/caiji.conf"
#endif
#define CAIJI_GROUP "caiji"

struct app {
	const char *dbdir;        /* resolved database directory */
	const char *user;         /* login of the real uid, recorded with changes */
	const char *today;        /* "YYYY-MM-DD" override (CAIJI_TODAY), NULL = real date */
	unsigned store_flags;     /* STORE_SHARED when CAIJI_SHARED=1 or setgid */
	struct store *st;         /* open store, NULL until app_open_store */
	char *dbdir_owned;        /* app->dbdir when app_resolve_dbdir made it */
	int setgid;               /* running setgid: the configured database only */
	int role;                 /* enum app_role, set when the store opens */
	uint64_t scope;           /* the clerk's organisation, 0 = the whole tree */
	char login[64];           /* app->user's storage */
	char conf_db[4096];       /* the configured database (setgid) */
	char conf_backup[4096];   /* the configured backup folder, "" = DB/backups */
	/* caiji backup in setgid mode: taken by app_open_store while the group
	 * (which the backup folder needs) is still held */
	int backup_keep;          /* > 0: back up, keeping this many (+1) */
	int backup_rc;            /* then 0 or -1 */
	char backup_path[4400];   /* the file written */
	char *backup_cause;       /* why not (malloc'd) */
	uint64_t backup_orgs, backup_members, backup_audit;  /* what the check counted */
};

/* Start of a setgid run, before anything else: detect it (effective gid
 * not the real one), refuse -d (dbdir_given) and CAIJI_DB, clear the
 * environment down to TERM, LANG and LC_*, set HOME and PATH from the
 * password file, read CAIJI_CONF (a root-owned regular file nobody else
 * can write, not a symlink) and use its database.  Sets app->login from
 * getuid().  Returns 0, or prints why and returns 1. */
int app_secure_start(struct app *app, int dbdir_given);

/* Read the configuration file path into app->conf_db / conf_backup,
 * checking its owner (root), type and mode.  Returns 0 or prints why
 * and returns 1. */
int app_read_conf(struct app *app, const char *path);

/* Give up the setgid group for good (real, effective and saved gid back
 * to the real gid; not dumpable): from here on every file caiji writes is
 * the clerk's alone.  A no-op when not setgid.  Returns 0 or 1. */
int app_drop_group(struct app *app);

/* Require role at least `need` (ROLE_ADMIN is the highest) for what
 * (a Chinese noun phrase: "管理用户").  Returns 0, or prints the missing
 * right in Chinese and returns 1. */
int app_require(struct app *app, int need, const char *what);

/* The Chinese name of a role; "" for ROLE_NONE.  app_role_parse gives
 * the role of a name, ROLE_NONE when unknown. */
const char *app_role_name(int role);
int app_role_parse(const char *name);

/* Choose app->dbdir when no -d gave it (nor is a store open): $CAIJI_DB,
 * else $XDG_DATA_HOME/caiji, else ~/.local/share/caiji (whose parents are
 * created owner-only).  Returns 0, or prints why not and returns 1. */
int app_resolve_dbdir(struct app *app);

/* Free what the context owns (the store is closed by the caller). */
void app_free(struct app *app);

/* Open app->st on app->dbdir (creating it when missing).  Then, in
 * order: the user's role and scope (a login unknown to a shared database
 * is refused), the daily backup (setgid, first open of the day), and
 * app_drop_group.  Returns 0, or prints a one-line Chinese message to
 * stderr and returns 1. */
int app_open_store(struct app *app);

/* app_open_store with an initial map size (0 = default). */
int app_open_store_sized(struct app *app, size_t map);

/* Open app->st on app->dbdir, which must already hold a database
 * (commands that only read: check, export, stats).  A missing database is
 * a one-line Chinese message on stderr and 1; nothing is created. */
int app_open_existing(struct app *app);

/* Print "caiji: <msg>" (printf format) to stderr, one line.  Returns 1. */
int app_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The 基层党委 a command works on: the one named (its full name), or the
 * only one in the database.  none is the message when there is none; with
 * several, their names are listed on stderr.  Returns 0 with *id set, or 1
 * after printing why. */
int app_pick_committee(struct app *app, const char *name, const char *none,
    uint64_t *id);

/* Flush standard output; when that or an earlier write to it failed
 * (a full disk, a closed pipe), print "caiji: <what>: 无法写入标准输出: <why>"
 * (what may be NULL) and return 1; else 0. */
int app_flush_stdout(const char *what);

/* The TUI (src/ui.c); returns the exit status. */
int ui_main(struct app *app);

#endif
