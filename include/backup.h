/*
 * backup.h - consistent, verified, rotated copies of the database, and
 * their restore into a new directory.  Pure file and store code.
 *
 * A backup is one file "caiji-YYYYMMDD-HHMMSS.mdb" ("-N" before ".mdb" for
 * another one within the same second; the compacted LMDB
 * data file, 0600 or 0640 in a shared backup folder) written beside its
 * final name and renamed there only after it was opened read-only,
 * counted and its audit chain checked.  Rotation keeps the newest N such
 * files of the folder and removes the older ones (only files of that
 * name pattern, never through a symlink).
 */
#ifndef CAIJI_BACKUP_H
#define CAIJI_BACKUP_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* What a verification found. */
struct backup_info {
	uint64_t orgs, members;   /* records in the copy */
	uint64_t audit;           /* audit entries, their chain intact */
};

/* Back s up into directory dir (created 0700 when missing), verify the
 * copy, then keep the newest keep backups (keep 0 = all).  path (size n)
 * receives the file written.  Returns 0, or -1 with *cause. */
int backup_run(struct store *s, const char *dir, int keep, char *path,
    size_t n, struct backup_info *info, char **cause);

/* Open the backup file path read-only and check it: records counted,
 * audit chain intact.  Returns 0, or -1 with *cause. */
int backup_verify(const char *path, struct backup_info *info, char **cause);

/* Does dir hold a backup written on day ("YYYYMMDD")?  1 yes, 0 no. */
int backup_exists_on(const char *dir, const char *day);

/* Restore the backup file into newdir, which must be absent or empty:
 * verified first, copied as newdir/data.mdb (0600, O_EXCL), then opened
 * as a database.  Returns 0, or -1 with *cause (nothing left in newdir). */
int backup_restore(const char *file, const char *newdir, struct backup_info *info,
    char **cause);

#endif
