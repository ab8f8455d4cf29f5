/*
 * fsync_shim.c - an LD_PRELOAD library for tests/e2e/write_errors.sh:
 * with CAIJI_SHIM_LOG=FILE it appends "fsync PATH" and "rename OLD NEW"
 * lines to FILE as the program calls them; with CAIJI_SHIM_FAIL_DIRSYNC=1
 * an fsync of a directory fails with EIO.  Built by the test, not by make.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
logline(const char *a, const char *b, const char *c)
{
	const char *path = getenv("CAIJI_SHIM_LOG");
	char line[8192];
	int fd, n;

	if (path == NULL)
		return;
	n = snprintf(line, sizeof line, "%s %s%s%s\n", a, b, c ? " " : "", c ? c : "");
	if (n < 0 || (size_t)n >= sizeof line)
		return;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	if (write(fd, line, (size_t)n) < 0)
		n = 0;
	close(fd);
}

int
fsync(int fd)
{
	static int (*real)(int);
	char proc[64], path[4096];
	struct stat st;
	ssize_t n;

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	n = readlink(proc, path, sizeof path - 1);
	path[n > 0 ? n : 0] = '\0';
	logline("fsync", path, NULL);
	if (getenv("CAIJI_SHIM_FAIL_DIRSYNC") != NULL && fstat(fd, &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		errno = EIO;
		return -1;
	}
	return real(fd);
}

int
rename(const char *old, const char *new)
{
	static int (*real)(const char *, const char *);

	if (real == NULL)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	logline("rename", old, new);
	return real(old, new);
}
