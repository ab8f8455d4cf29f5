/*
 * recover.h - the recovery file: what a clerk is typing survives a dropped
 * SSH session (SIGHUP), SIGTERM or a crash.  Pure file code, no curses.
 *
 * One owner-only (0600) file per session, in the clerk's own state
 * directory ($XDG_STATE_HOME/caiji, else ~/.local/state/caiji; 0700,
 * checked to be a real directory of theirs), never in the shared database
 * directory: "<key>-<session>.txt" where key names the database.  Each
 * session holds an flock on "<key>-<session>.lock" while it runs, so a
 * second live session never offers (or deletes) the first one's typing;
 * a session that ended without saving leaves its file unlocked, and the
 * next start on the same database adopts it.  Files are created with
 * O_EXCL|O_NOFOLLOW and read back only when they are this user's regular
 * files.  The form engine rewrites it atomically
 * (write a temporary file, fsync, rename) whenever a field is left and
 * every few keystrokes, and removes it after a save or an explicit
 * discard.  A signal handler never writes it: the file is already current.
 * The next start offers it back (恢复未保存的录入?).
 *
 * Format: UTF-8 text lines "key<TAB>value"; "caiji-recover 1" first, then
 * "form", "id", "version", "parent" (member: branch id; org: parent id),
 * "units" (org), then one line per field key (unit fields as "u<N>.<key>").
 * Tab, newline and backslash in values are escaped as \t \n \\.
 */
#ifndef CAIJI_RECOVER_H
#define CAIJI_RECOVER_H

#include <stdint.h>
#include "record.h"
#include "screen.h"

/* A record being edited, as kept in the recovery file. */
struct recovery {
	int rec;                  /* REC_KIND_MEMBER or REC_KIND_ORG */
	struct member m;          /* when rec == REC_KIND_MEMBER */
	struct org o;             /* when rec == REC_KIND_ORG */
};

/* The recovery slot of one TUI session. */
struct recover_session {
	char *path;               /* this session's recovery file */
	int lock;                 /* descriptor holding the session's flock */
	int adopted;              /* path is an ended session's file, to offer */
};

/* Begin a session on database dbdir: make the state directory, adopt an
 * ended session's file for this database (rs->adopted = 1) or take a new
 * slot.  Returns 0, or -1 with errno set (nothing held). */
int recover_begin(struct recover_session *rs, const char *dbdir);

/* End the session: release the lock; the lock file goes when no
 * recovery file is left (a file left behind is offered next time). */
void recover_end(struct recover_session *rs);

/* Write record r (a struct member or struct org, per d->rec) atomically
 * to path, mode 0600.  Returns 0, or -1 with errno set (nothing replaced). */
int recover_save(const char *path, const struct form_def *d, const void *r);

/* Read path (a regular file of this user, never through a symlink) into *out using the field keys of the member form md and the
 * organisation form od.  Returns 0; 1 when there is no file; -1 when the
 * file is unreadable or not a recovery file. */
/* (out->o's units are the caller's to org_free, whatever the result.) */
int recover_load(const char *path, const struct form_def *md,
    const struct form_def *od, struct recovery *out);

/* Remove the file (no error when it is absent).  Returns 0 or -1. */
int recover_discard(const char *path);

#endif
