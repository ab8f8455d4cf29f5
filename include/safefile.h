/*
 * safefile.h - creating and opening files in directories other users can
 * write to (a shared database directory, /tmp, a clerk's export folder),
 * without following a symlink someone planted there.
 *
 * Every file caiji writes for a clerk is made by safe_create_at() (or
 * safe_tmp_beside(), then renamed into place: rename replaces a planted
 * symlink itself, never its target), inside a directory opened by
 * safe_dir_open().  Every file it reads back as its own (recovery files)
 * is opened by safe_open_own(), which checks the owner and the type.
 * Functions return -1 with errno set on failure; ELOOP means a symlink
 * stood where a file or directory was expected, EPERM a wrong owner or
 * type.
 */
#ifndef CAIJI_SAFEFILE_H
#define CAIJI_SAFEFILE_H

#include <stddef.h>
#include <sys/types.h>

/* Open directory path (O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC, read-only): a
 * symlink as its last component is ELOOP.  Returns the descriptor. */
int safe_dir_open(const char *path);

/* Create the new file name in directory dirfd (O_CREAT|O_EXCL|O_NOFOLLOW,
 * write-only, close-on-exec) with mode (masked by the umask).  An
 * existing name of any kind, a symlink included, is EEXIST.  name must
 * be one path component.  Returns the descriptor. */
int safe_create_at(int dirfd, const char *name, mode_t mode);

/* Create a temporary file beside path ("<dir>/.<base>.XXXXXX", mode
 * 0600) with safe_create_at, retrying on a taken name.  tmp (size n)
 * receives its path, to rename over path when complete.  Returns the
 * descriptor. */
int safe_tmp_beside(const char *path, char *tmp, size_t n);

/* Open path with flags plus O_NOFOLLOW|O_CLOEXEC and check that it is a
 * regular file owned by the effective user that no one else may write
 * (else EPERM, and the descriptor is closed).  Returns the descriptor. */
int safe_open_own(const char *path, int flags);

/* Make path a private directory of the effective user: created 0700
 * (its missing parents too, 0700) when absent; an existing one must be a
 * real directory (not a symlink) owned by the effective user, and loses
 * any group or other permission.  Returns 0. */
int safe_private_dir(const char *path);

/* Check that descriptor fd is a directory owned by the effective user
 * (or by root) that others cannot write, or a sticky one (/tmp).  For
 * callers that remove entries in it.  Returns 0, or -1 with EPERM. */
int safe_dir_check(int fd);

#endif
