/* cmd-import.c - caiji import FILE... [--branch ORG] [--dry-run]: read exported tables and rosters. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "import.h"
#include "validate.h"

/* Print one problem: FILE:ROW: [列] 错误|警告: message. */
static void
print_problem(const struct import_problem *p, void *ud)
{
	FILE *fp = ud;
	char line[8192];

	import_problem_text(p, line, sizeof line);
	fprintf(fp, "%s\n", line);
}

struct run {
	int dry_run;
	size_t files;
};

static void
print_counts(const struct import_stats *st)
{
	char line[256];

	import_counts_text(st, line, sizeof line);
	fputs(line, stdout);
}

static void
print_file(const char *path, const struct import_stats *st, void *ud)
{
	struct run *r = ud;
	char line[8192];

	r->files++;
	import_file_text(path, st, r->dry_run, line, sizeof line);
	printf("%s\n", line);
}

/* A bulk writer's full disk arrives as SIGBUS on a page of the sparse
 * data file (store.h, STORE_BULK): the file being written was not
 * committed, so say so and stop. */
static void
on_sigbus(int sig)
{
	static const char msg[] = "caiji import: 磁盘空间不足,无法写入数据库;"
	    "正在导入的文件没有写入(之前已导入的文件不受影响)\n";

	(void)sig;
	if (write(2, msg, sizeof msg - 1) < 0)
		_exit(1);
	_exit(1);
}

/* Open the store with a map large enough for the files (about 6 bytes
 * of database per byte of CSV), so that a big file's one transaction is
 * not restarted each time the map doubles.  The map only reserves
 * address space; data.mdb grows as written. */
static int
open_sized(struct app *app, char **files, size_t n)
{
	unsigned long long need = 64ull << 20;
	struct stat sb;
	char path[4096];
	size_t i;

	if (app->st != NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (stat(files[i], &sb) == 0 && S_ISREG(sb.st_mode))
			need += 6ull * (unsigned long long)sb.st_size;
	snprintf(path, sizeof path, "%s/data.mdb", app->dbdir);
	if (stat(path, &sb) == 0)
		need += (unsigned long long)sb.st_size;
	if (need < (256ull << 20))
		return app_open_store(app);
	if (need > (64ull << 30))
		need = 64ull << 30;
	return app_open_store_sized(app, (size_t)need);
}

enum { OPT_BRANCH = ARGS_LONG_ID, OPT_CHECKED };

static const struct args_opt import_opts[] = {
	{ 'n', 'n', "dry-run", 0 },
	{ OPT_BRANCH, 0, "branch", ARGS_VALUE },
	{ OPT_CHECKED, 0, "checked-by-branch", 0 },
	{ 0, 0, NULL, 0 }
};

static int
cmd_import_exec(struct app *app, struct args *args)
{
	struct import_opts o;
	struct import_stats total;
	struct run r;
	char **files = args_argv(args), today[16];
	size_t nfiles = (size_t)args_count(args);
	int rc;

	memset(&o, 0, sizeof o);
	memset(&r, 0, sizeof r);
	o.dry_run = args_has(args, 'n') > 0;
	o.branch = args_get(args, OPT_BRANCH);
	o.checked_by_branch = args_has(args, OPT_CHECKED) > 0;
	if (!o.dry_run) {
		/* one transaction per file: dirty pages in the file map, not the heap */
		app->store_flags |= STORE_BULK;
		signal(SIGBUS, on_sigbus);
	}
	if (open_sized(app, files, nfiles) != 0)
		return 1;
	if (app->today == NULL) {       /* once, not per row */
		time_t now = time(NULL);
		struct tm tm;

		if (localtime_r(&now, &tm) != NULL &&
		    strftime(today, sizeof today, "%Y-%m-%d", &tm) > 0)
			o.today = today;
	} else
		o.today = app->today;
	o.report = print_problem;
	o.ud = stdout;
	r.dry_run = o.dry_run;
	rc = import_files(app->st, files, nfiles, &o, &total, print_file, &r);
	if (nfiles > 1) {
		printf("合计%zu个文件:", nfiles);
		print_counts(&total);
		printf(",错误%zu%s\n", total.errors, o.dry_run ? "(试运行)" : "");
	}
	return rc == 0 ? 0 : 1;
}

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "文件... [--branch 党支部全称] [--checked-by-branch] [--dry-run]",
	.summary = "导入附件3/附件4汇总表或党员名册(UTF-8或GB18030 CSV),按身份证号合并;有错则整个文件不导入",
	.args = { import_opts, 1, -1, 0 },
	.exec = cmd_import_exec,
};
