/* export_audit.c - the audit entry of an export: the folder, and each file
 * written with its rows and SHA-256 (see export.h). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "digest.h"
#include "export.h"
#include "safefile.h"

/* Rows of the table file name: the 党员 table, the (党支部) table, 本级. */
static uint64_t
rows_of(const char *name, const struct export_result *res)
{
	if (strstr(name, "党员") != NULL)
		return res->members;
	if (strstr(name, "党支部") != NULL)
		return res->org_rows;
	return 1;
}

int
export_audit(struct store *s, const struct export_opts *o,
    const struct export_result *res, char **cause)
{
	struct store_audit_file f[STORE_AUDIT_FILE_MAX];
	char names[STORE_AUDIT_FILE_MAX][256], folder[4096], path[4400];
	size_t n = 0, i;
	int dfd;
	DIR *d;
	struct dirent *e;

	snprintf(folder, sizeof folder, "%s", res->path);
	if (o->branch != 0) {            /* a branch's file: its folder */
		char *slash = strrchr(folder, '/');

		if (slash != NULL)
			*slash = '\0';
		else
			snprintf(folder, sizeof folder, ".");
	}
	if ((dfd = safe_dir_open(folder)) >= 0 && (d = fdopendir(dfd)) != NULL) {
		while ((e = readdir(d)) != NULL && n < STORE_AUDIT_FILE_MAX) {
			size_t len = strlen(e->d_name);

			if (strstr(e->d_name, "汇总表") == NULL || len >= sizeof names[0] ||
			    !((len > 4 && strcmp(e->d_name + len - 4, ".csv") == 0) ||
			    (len > 5 && strcmp(e->d_name + len - 5, ".xlsx") == 0)))
				continue;
			/* a branch export lists only the file(s) it wrote */
			if (o->branch != 0 && strncmp(strrchr(res->path, '/') ?
			    strrchr(res->path, '/') + 1 : res->path, e->d_name,
			    len - (e->d_name[len - 1] == 'x' ? 5 : 4)) != 0)
				continue;
			for (i = 0; i < res->nhashed; i++)
				if (strcmp(res->hashed[i].name, e->d_name) == 0)
					break;
			snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
			if (i < res->nhashed)   /* hashed as written */
				memcpy(f[n].sha256, res->hashed[i].sha256, DIGEST_LEN);
			else if (digest_file(path, f[n].sha256) != 0)
				continue;
			snprintf(names[n], sizeof names[n], "%s", e->d_name);
			f[n].name = names[n];
			f[n].rows = rows_of(e->d_name, res);
			n++;
		}
		closedir(d);
	} else if (dfd >= 0)
		close(dfd);
	return store_audit_note(s, AU_EXPORT, AUK_FILE, folder,
	    o->draft ? "导出(草稿)" : "导出", f, n, cause);
}
