/* backup.c - verified, rotated backups and their restore (see backup.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "cause.h"
#include "safefile.h"

#define PREFIX "caiji-"
#define SUFFIX ".mdb"

/* Is name a backup file name (caiji-YYYYMMDD-HHMMSS.mdb, or with -N
 * before .mdb for a second one within the same second)? */
static int
is_backup_name(const char *name)
{
	size_t i, p = strlen(PREFIX), len = strlen(name);

	if (len < p + 15 + strlen(SUFFIX) || strncmp(name, PREFIX, p) != 0 ||
	    strcmp(name + len - strlen(SUFFIX), SUFFIX) != 0)
		return 0;
	for (i = p; i < p + 15; i++)
		if (i == p + 8 ? name[i] != '-' : (name[i] < '0' || name[i] > '9'))
			return 0;
	if (len == p + 15 + strlen(SUFFIX))
		return 1;
	if (name[p + 15] != '-' || len == p + 16 + strlen(SUFFIX))
		return 0;
	for (i = p + 16; i < len - strlen(SUFFIX); i++)
		if (name[i] < '0' || name[i] > '9')
			return 0;
	return 1;
}

int
backup_verify(const char *path, struct backup_info *info, char **cause)
{
	struct store *s = NULL;
	struct store_audit_check chk;
	int rc;

	memset(info, 0, sizeof *info);
	rc = store_open(&s, path, STORE_RDONLY | STORE_FILE, 0, cause);
	if (rc != 0)
		return -1;
	if (store_count(s, &info->orgs, &info->members) != 0) {
		cause_set(cause, "无法统计备份中的记录");
		store_close(s);
		return -1;
	}
	rc = store_audit_each(s, 1, NULL, NULL, &chk, cause);
	store_close(s);
	if (rc != 0)
		return -1;
	if (chk.first_bad != 0) {
		cause_set(cause, "备份中的审计记录在第 %llu 条处不连续",
		    (unsigned long long)chk.first_bad);
		return -1;
	}
	info->audit = chk.entries;
	return 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Remove all but the newest keep backups in dir. */
static void
rotate(const char *dir, int keep)
{
	int fd = safe_dir_open(dir);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (!is_backup_name(e->d_name))
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *nn);

			if (nn == NULL)
				break;
			names = nn;
		}
		if ((names[n] = strdup(e->d_name)) == NULL)
			break;
		n++;
	}
	qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i + (size_t)keep < n; i++)
		unlinkat(dirfd(d), names[i], 0);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
}

int
backup_run(struct store *s, const char *dir, int keep, char *path, size_t n,
    struct backup_info *info, char **cause)
{
	char name[64], stamp[32], tmp[4096];
	struct tm tm;
	int i;
	time_t now = time(NULL);
	struct stat st;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		cause_set(cause, "无法建立备份目录 %s: %s", dir, strerror(errno));
		return -1;
	}
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		cause_set(cause, "备份目录 %s 不是目录(或是符号链接)", dir);
		return -1;
	}
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	/* a second backup within the same second takes the next free -N */
	for (i = 0; i < 1000; i++) {
		if (i == 0)
			snprintf(name, sizeof name, PREFIX "%s" SUFFIX, stamp);
		else
			snprintf(name, sizeof name, PREFIX "%s-%d" SUFFIX, stamp, i);
		if ((size_t)snprintf(path, n, "%s/%s", dir, name) >= n ||
		    (size_t)snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name) >= sizeof tmp) {
			cause_set(cause, "备份目录名过长");
			return -1;
		}
		if (lstat(path, &st) != 0 && lstat(tmp, &st) != 0)
			break;
	}
	if (i == 1000) {
		cause_set(cause, "备份目录 %s 中同一秒的备份过多", dir);
		return -1;
	}
	if (store_backup(s, tmp, cause) != 0)
		return -1;
	if (backup_verify(tmp, info, cause) != 0) {
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path) != 0) {
		cause_set(cause, "无法写入备份 %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (keep > 0)
		rotate(dir, keep);
	return 0;
}

int
backup_exists_on(const char *dir, const char *day)
{
	int fd = safe_dir_open(dir);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	int found = 0;

	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while (!found && (e = readdir(d)) != NULL)
		found = is_backup_name(e->d_name) &&
		    strncmp(e->d_name + strlen(PREFIX), day, 8) == 0;
	closedir(d);
	return found;
}

int
backup_restore(const char *file, const char *newdir, struct backup_info *info,
    char **cause)
{
	struct store *s = NULL;
	unsigned char buf[1 << 16];
	int in = -1, dfd = -1, out = -1, rc = -1, made = 0;
	ssize_t got;
	DIR *d;
	struct dirent *e;

	if (backup_verify(file, info, cause) != 0)
		return -1;
	if (mkdir(newdir, 0700) == 0)
		made = 1;
	else if (errno != EEXIST) {
		cause_set(cause, "无法建立目录 %s: %s", newdir, strerror(errno));
		return -1;
	}
	if ((dfd = safe_dir_open(newdir)) < 0) {
		cause_set(cause, "%s 不是目录(或是符号链接)", newdir);
		return -1;
	}
	/* only into an empty directory: never over a database */
	if ((d = opendir(newdir)) != NULL) {
		int others = 0;

		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
				others = 1;
		closedir(d);
		if (others) {
			cause_set(cause, "目录 %s 不是空的: 只能恢复到一个新的空目录,"
			    "不会覆盖正在使用的数据库", newdir);
			close(dfd);
			return -1;
		}
	}
	if ((in = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0 ||
	    (out = safe_create_at(dfd, "data.mdb", 0600)) < 0) {
		cause_set(cause, "无法复制备份: %s", strerror(errno));
		goto out;
	}
	while ((got = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)got) != got) {
			got = -1;
			break;
		}
	if (got < 0 || fsync(out) != 0) {
		cause_set(cause, "无法复制备份: %s", strerror(errno));
		goto out;
	}
	close(out);
	out = -1;
	if (store_open(&s, newdir, 0, 0, cause) != 0)
		goto out;
	store_close(s);
	rc = 0;
out:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (rc != 0) {
		unlinkat(dfd, "data.mdb", 0);
		unlinkat(dfd, "lock.mdb", 0);
		if (made)
			rmdir(newdir);
	}
	close(dfd);
	return rc;
}
