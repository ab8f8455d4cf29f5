/* safefile.c - files in shared directories without following symlinks (see safefile.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/random.h>
#include <unistd.h>

#include "safefile.h"

int
safe_dir_open(const char *path)
{
	return open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

int
safe_create_at(int dirfd, const char *name, mode_t mode)
{
	if (strchr(name, '/') != NULL) {
		errno = EINVAL;
		return -1;
	}
	return openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, mode);
}

int
safe_tmp_beside(const char *path, char *tmp, size_t n)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char dir[4096], name[512];
	int dfd, fd = -1, tries, saved;

	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else if ((size_t)(slash - path) >= sizeof dir) {
		errno = ENAMETOOLONG;
		return -1;
	} else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	if ((dfd = safe_dir_open(dir)) < 0)
		return -1;
	for (tries = 0; tries < 100 && fd < 0; tries++) {
		unsigned char r[6];
		static const char alnum[] =
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
		char suf[7];
		size_t i;

		if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
			break;
		for (i = 0; i < sizeof r; i++)
			suf[i] = alnum[r[i] % (sizeof alnum - 1)];
		suf[6] = '\0';
		if ((size_t)snprintf(name, sizeof name, ".%s.%s", base, suf) >=
		    sizeof name) {
			errno = ENAMETOOLONG;
			break;
		}
		fd = safe_create_at(dfd, name, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	saved = errno;
	close(dfd);
	if (fd >= 0 && (size_t)snprintf(tmp, n, "%s/%s", dir, name) >= n) {
		unlinkat(AT_FDCWD, tmp, 0);
		close(fd);
		fd = -1;
		saved = ENAMETOOLONG;
	}
	errno = saved;
	return fd;
}

int
safe_open_own(const char *path, int flags)
{
	struct stat st;
	int fd;

	fd = open(path, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 022) != 0) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	/* back to blocking I/O (O_NONBLOCK only kept a FIFO from hanging) */
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

int
safe_dir_check(int fd)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode) ||
	    (((st.st_uid != geteuid() && st.st_uid != 0) ||
	    (st.st_mode & 022) != 0) && !(st.st_mode & S_ISVTX))) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

int
safe_private_dir(const char *path)
{
	char *p, *q;
	struct stat st;
	int fd, rc = -1, saved;

	if ((p = strdup(path)) == NULL)
		return -1;
	/* parents: created owner-only when missing, otherwise left alone */
	for (q = p + 1; (q = strchr(q, '/')) != NULL; q++) {
		*q = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			goto out;
		*q = '/';
	}
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		goto out;
	if ((fd = safe_dir_open(p)) < 0)
		goto out;
	if (fstat(fd, &st) != 0 || st.st_uid != geteuid()) {
		close(fd);
		errno = EPERM;
		goto out;
	}
	if ((st.st_mode & 077) != 0 && fchmod(fd, 0700) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		goto out;
	}
	close(fd);
	rc = 0;
out:
	saved = errno;
	free(p);
	errno = saved;
	return rc;
}
