/* recover.c - the recovery file of the record being typed (see recover.h). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <limits.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recover.h"
#include "safefile.h"

/* The state directory: $XDG_STATE_HOME/caiji, else ~/.local/state/caiji
 * (home from the password file when $HOME is unset).  NULL: no memory. */
static char *
state_dir(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *p = NULL;

	if (xdg != NULL && *xdg == '/') {
		if (asprintf(&p, "%s/caiji", xdg) < 0)
			return NULL;
		return p;
	}
	if (home == NULL || *home != '/') {
		struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : "/tmp";
	}
	if (asprintf(&p, "%s/.local/state/caiji", home) < 0)
		return NULL;
	return p;
}

/* The file-name prefix of a database's sessions: a hash of its real path
 * (a name, not a secret: FNV-1a, 64 bits in hex). */
static void
db_key(const char *dbdir, char key[17])
{
	char *real = realpath(dbdir, NULL);
	const unsigned char *c = (const unsigned char *)(real ? real : dbdir);
	uint64_t h = 14695981039346656037ULL;

	for (; *c != '\0'; c++)
		h = (h ^ *c) * 1099511628211ULL;
	snprintf(key, 17, "%016" PRIx64, h);
	free(real);
}

/* Take the lock file name in dirfd (an existing one when create is 0).
 * Returns the locked descriptor, or -1 when it is absent, not ours or
 * held by a live session. */
static int
take_lock(int dirfd, const char *name, int create)
{
	int fd;
	struct stat st;

	if (create)
		fd = safe_create_at(dirfd, name, 0600);
	else
		fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int
recover_begin(struct recover_session *rs, const char *dbdir)
{
	char key[17], name[256], *dir;
	DIR *d = NULL;
	struct dirent *e;
	int dfd = -1, rc = -1, saved;

	rs->lock = -1;
	rs->path = NULL;
	rs->adopted = 0;
	if ((dir = state_dir()) == NULL)
		return -1;
	if (safe_private_dir(dir) != 0 || (dfd = safe_dir_open(dir)) < 0)
		goto out;
	db_key(dbdir, key);
	/* a session that ended without saving left <key>-<n>.txt and its
	 * unlocked <key>-<n>.lock: adopt the first one found */
	if ((d = opendir(dir)) != NULL) {
		while (rs->lock < 0 && (e = readdir(d)) != NULL) {
			size_t len = strlen(e->d_name);
			struct stat st;
			int fd;

			if (strncmp(e->d_name, key, 16) != 0 || e->d_name[16] != '-' ||
			    len < 5 || len >= sizeof name ||
			    strcmp(e->d_name + len - 5, ".lock") != 0)
				continue;
			if ((fd = take_lock(dfd, e->d_name, 0)) < 0)
				continue;
			snprintf(name, sizeof name, "%.*s.txt", (int)(len - 5), e->d_name);
			if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISREG(st.st_mode) && st.st_uid == geteuid()) {
				rs->lock = fd;
				rs->adopted = 1;
			} else {
				unlinkat(dfd, e->d_name, 0);    /* nothing left to offer */
				close(fd);
			}
		}
	}
	if (rs->lock < 0) {
		char lname[256];
		unsigned r;
		int tries;

		for (tries = 0; tries < 100 && rs->lock < 0; tries++) {
			if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
				goto out;
			snprintf(name, sizeof name, "%s-%ld%08x.txt", key,
			    (long)getpid(), r);
			snprintf(lname, sizeof lname, "%.*s.lock",
			    (int)(strlen(name) - 4), name);
			rs->lock = take_lock(dfd, lname, 1);
			if (rs->lock < 0 && errno != EEXIST)
				goto out;
		}
		if (rs->lock < 0)
			goto out;
	}
	if (asprintf(&rs->path, "%s/%s", dir, name) < 0) {
		rs->path = NULL;
		goto out;
	}
	rc = 0;
out:
	saved = errno;
	if (d != NULL)
		closedir(d);
	if (dfd >= 0)
		close(dfd);
	if (rc != 0 && rs->lock >= 0) {
		close(rs->lock);
		rs->lock = -1;
	}
	free(dir);
	errno = saved;
	return rc;
}

void
recover_end(struct recover_session *rs)
{
	struct stat st;

	if (rs->path != NULL && lstat(rs->path, &st) != 0 && errno == ENOENT) {
		char *l = NULL;

		if (asprintf(&l, "%.*s.lock", (int)(strlen(rs->path) - 4), rs->path) >= 0) {
			unlink(l);
			free(l);
		}
	}
	if (rs->lock >= 0)
		close(rs->lock);
	rs->lock = -1;
	free(rs->path);
	rs->path = NULL;
}

static void
put_escaped(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\t')
			fputs("\\t", fp);
		else if (*s == '\n')
			fputs("\\n", fp);
		else if (*s == '\\')
			fputs("\\\\", fp);
		else
			fputc(*s, fp);
	}
}

static void
unescape(char *s)
{
	char *d = s;

	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0') {
			s++;
			*d++ = (*s == 't') ? '\t' : (*s == 'n') ? '\n' : *s;
		} else
			*d++ = *s;
	}
	*d = '\0';
}

/* Write the value of field f of record base, when it is a stored string or int. */
static void
put_field(FILE *fp, const char *prefix, const struct field_def *f, const void *base)
{
	if (f->readonly || f->size == 0)
		return;
	fprintf(fp, "%s%s\t", prefix, f->key);
	if (f->type == FT_INT) {
		int32_t v;

		memcpy(&v, (const char *)base + f->off, sizeof v);
		if (v >= 0)
			fprintf(fp, "%" PRId32, v);
	} else
		put_escaped(fp, (const char *)base + f->off);
	fputc('\n', fp);
}

int
recover_save(const char *path, const struct form_def *d, const void *r)
{
	char *tmp = NULL;
	FILE *fp = NULL;
	int fd = -1, rc = -1, saved;
	size_t i, u;
	const struct rec_meta *meta = r;

	if ((tmp = malloc(PATH_MAX)) == NULL)
		return -1;
	fd = safe_tmp_beside(path, tmp, PATH_MAX);
	if (fd < 0) {
		saved = errno;
		free(tmp);
		errno = saved;
		return -1;
	}
	fp = fdopen(fd, "w");
	if (fp == NULL)
		goto cleanup;
	fd = -1;
	fprintf(fp, "caiji-recover\t1\nform\t%s\nid\t%" PRIu64 "\nversion\t%" PRIu64 "\n",
	    d->rec == REC_KIND_ORG ? "org" : "member", meta->id, meta->version);
	if (d->rec == REC_KIND_ORG) {
		const struct org *o = r;

		fprintf(fp, "parent\t%" PRIu64 "\nunits\t%zu\n", o->parent, o->n_units);
		for (i = 0; i < d->nfields; i++)
			put_field(fp, "", &d->fields[i], o);
		for (u = 0; u < o->n_units; u++) {
			char prefix[24];

			snprintf(prefix, sizeof prefix, "u%zu.", u);
			for (i = 0; i < d->nunit_fields; i++)
				put_field(fp, prefix, &d->unit_fields[i], &o->units[u]);
		}
	} else {
		const struct member *m = r;

		fprintf(fp, "parent\t%" PRIu64 "\n", m->branch);
		for (i = 0; i < d->nfields; i++)
			put_field(fp, "", &d->fields[i], m);
	}
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0)
		goto cleanup;
	if (fclose(fp) != 0) {
		fp = NULL;
		goto cleanup;
	}
	fp = NULL;
	if (rename(tmp, path) != 0)
		goto cleanup;
	rc = 0;
cleanup:
	saved = errno;
	if (fp != NULL)
		fclose(fp);
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	errno = saved;
	return rc;
}

/* Set field key of record base from the text value; 0 when known. */
static int
set_field(const struct field_def *fs, size_t n, void *base, const char *key, const char *val)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct field_def *f = &fs[i];

		if (f->readonly || f->size == 0 || strcmp(f->key, key) != 0)
			continue;
		if (f->type == FT_INT) {
			int32_t v = (*val == '\0') ? -1 : (int32_t)strtol(val, NULL, 10);

			memcpy((char *)base + f->off, &v, sizeof v);
		} else
			rec_strcpy((char *)base + f->off, f->size, val);
		return 0;
	}
	return -1;
}

int
recover_load(const char *path, const struct form_def *md,
    const struct form_def *od, struct recovery *out)
{
	FILE *fp;
	int fd;
	char *line = NULL, *tab;
	size_t cap = 0;
	ssize_t len;
	int rc = -1, lineno = 0;
	uint64_t id = 0, version = 0, parent = 0;
	size_t units = 0;

	memset(out, 0, sizeof *out);
	/* only a regular file of this user, never through a symlink */
	if ((fd = safe_open_own(path, O_RDONLY)) < 0)
		return errno == ENOENT ? 1 : -1;
	if ((fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		return -1;
	}
	member_init(&out->m);
	org_init(&out->o);
	while ((len = getline(&line, &cap, fp)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		lineno++;
		tab = strchr(line, '\t');
		if (tab == NULL)
			continue;
		*tab++ = '\0';
		unescape(tab);
		if (lineno == 1) {
			if (strcmp(line, "caiji-recover") != 0)
				goto cleanup;
			continue;
		}
		if (strcmp(line, "form") == 0)
			out->rec = strcmp(tab, "org") == 0 ? REC_KIND_ORG : REC_KIND_MEMBER;
		else if (strcmp(line, "id") == 0)
			id = strtoull(tab, NULL, 10);
		else if (strcmp(line, "version") == 0)
			version = strtoull(tab, NULL, 10);
		else if (strcmp(line, "parent") == 0)
			parent = strtoull(tab, NULL, 10);
		else if (strcmp(line, "units") == 0) {
			units = strtoul(tab, NULL, 10);
			if (units > REC_UNITS_LIMIT)
				units = REC_UNITS_LIMIT;
			out->o.n_units = 0;
			while (out->o.n_units < units)
				if (org_unit_add(&out->o) == NULL)
					goto cleanup;
		} else if (out->rec == REC_KIND_ORG && line[0] == 'u' &&
		    strchr(line, '.') != NULL && line[1] >= '0' && line[1] <= '9') {
			size_t u = strtoul(line + 1, NULL, 10);

			if (u < out->o.n_units)
				set_field(od->unit_fields, od->nunit_fields,
				    &out->o.units[u], strchr(line, '.') + 1, tab);
		} else if (out->rec == REC_KIND_ORG)
			set_field(od->fields, od->nfields, &out->o, line, tab);
		else if (out->rec == REC_KIND_MEMBER)
			set_field(md->fields, md->nfields, &out->m, line, tab);
	}
	if (lineno == 0 || out->rec == 0)
		goto cleanup;
	if (out->rec == REC_KIND_ORG) {
		out->o.meta.id = id;
		out->o.meta.version = version;
		out->o.parent = parent;
	} else {
		out->m.meta.id = id;
		out->m.meta.version = version;
		out->m.branch = parent;
	}
	rc = 0;
cleanup:
	free(line);
	fclose(fp);
	return rc;
}

int
recover_discard(const char *path)
{
	if (unlink(path) != 0 && errno != ENOENT)
		return -1;
	return 0;
}
