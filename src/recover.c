/* recover.c - the recovery file of the record being typed (see recover.h). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "recover.h"

char *
recover_path(const char *dbdir, const char *user)
{
	char *p = NULL;
	const char *c;
	char safe[REC_SHORT_MAX];
	size_t i = 0;

	/* keep the user name a plain file name */
	for (c = user ? user : "unknown"; *c != '\0' && i + 1 < sizeof safe; c++)
		safe[i++] = (*c == '/' || *c == '.') ? '_' : *c;
	safe[i] = '\0';
	if (asprintf(&p, "%s/recover-%s.txt", dbdir, safe) < 0)
		return NULL;
	return p;
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

	if (asprintf(&tmp, "%s.tmp", path) < 0)
		return -1;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto cleanup;
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
		for (u = 0; u < o->n_units && u < REC_UNITS_MAX; u++) {
			char prefix[16];

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
	char *line = NULL, *tab;
	size_t cap = 0;
	ssize_t len;
	int rc = -1, lineno = 0;
	uint64_t id = 0, version = 0, parent = 0;
	size_t units = 0;

	memset(out, 0, sizeof *out);
	fp = fopen(path, "r");
	if (fp == NULL)
		return errno == ENOENT ? 1 : -1;
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
			if (units > REC_UNITS_MAX)
				units = REC_UNITS_MAX;
		} else if (out->rec == REC_KIND_ORG && line[0] == 'u' &&
		    strchr(line, '.') != NULL && line[1] >= '0' && line[1] <= '9') {
			size_t u = strtoul(line + 1, NULL, 10);

			if (u < REC_UNITS_MAX)
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
		out->o.n_units = units;
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
