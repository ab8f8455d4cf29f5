/*
 * main.c - caiji command line: global options, database location and the
 * command table.  `caiji [-d DIR]` with no command opens the TUI.
 */
#include <errno.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"

#ifndef CAIJI_VERSION
#define CAIJI_VERSION "0.1.0"
#endif

static const struct cmd_entry *cmd_table[] = {
	&cmd_demo_entry,
	&cmd_gen_entry,
	&cmd_validate_entry,
	&cmd_import_entry,
	&cmd_check_entry,
	&cmd_export_entry,
	&cmd_stats_entry,
	&cmd_print_entry,
	NULL
};

static void
usage(FILE *fp)
{
	const struct cmd_entry **c;

	fprintf(fp, "用法: caiji [-d 目录]            打开录入界面\n");
	for (c = cmd_table; *c != NULL; c++)
		fprintf(fp, "      caiji %s [-d 目录] %s\n        %s\n",
		    (*c)->name, (*c)->usage, (*c)->summary);
	fprintf(fp, "      caiji --help | --version\n");
}

/* The default database directory: $XDG_DATA_HOME/caiji or ~/.local/share/caiji. */
static char *
default_dbdir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char *p = NULL;

	if (xdg != NULL && *xdg == '/') {
		if (asprintf(&p, "%s/caiji", xdg) < 0)
			return NULL;
		return p;
	}
	if (home == NULL || *home == '\0') {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : "/tmp";
	}
	if (asprintf(&p, "%s/.local/share", home) < 0)
		return NULL;
	/* create the parents owner-only; store_open creates the last part */
	{
		char *q = p + strlen(home);
		while ((q = strchr(q + 1, '/')) != NULL) {
			*q = '\0';
			mkdir(p, 0700);
			*q = '/';
		}
		mkdir(p, 0700);
	}
	free(p);
	if (asprintf(&p, "%s/.local/share/caiji", home) < 0)
		return NULL;
	return p;
}

/* Take "-d DIR" / "-dDIR" / "--db DIR" out of argv[from..], in place. */
static int
take_dbdir(int *argc, char **argv, int from, const char **dir)
{
	int i, j;

	for (i = from; i < *argc; i++) {
		const char *val = NULL;
		int take = 0;

		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-d") == 0 || strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= *argc)
				return app_error("%s 需要一个目录", argv[i]);
			val = argv[i + 1];
			take = 2;
		} else if (strncmp(argv[i], "-d", 2) == 0 && argv[i][2] != '\0' &&
		    argv[i][2] != '-') {
			val = argv[i] + 2;
			take = 1;
		}
		if (take) {
			*dir = val;
			for (j = i; j + take <= *argc; j++)
				argv[j] = argv[j + take];
			*argc -= take;
			i--;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct app app;
	const struct cmd_entry **c;
	const char *dir = NULL, *env;
	char *owned = NULL;
	int rc;

	setlocale(LC_ALL, "");
	memset(&app, 0, sizeof app);
	umask(077);

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("caiji %s\n", CAIJI_VERSION);
		return 0;
	}

	/* Global -d before the command, then the command's own -d. */
	{
		int i = 1;
		while (i < argc && argv[i][0] == '-') {
			if (strcmp(argv[i], "-d") == 0 || strcmp(argv[i], "--db") == 0) {
				if (i + 1 >= argc)
					return app_error("%s 需要一个目录", argv[i]);
				dir = argv[i + 1];
				i += 2;
			} else if (strncmp(argv[i], "-d", 2) == 0 && argv[i][2] != '\0') {
				dir = argv[i] + 2;
				i++;
			} else {
				usage(stderr);
				return app_error("未知选项: %s", argv[i]);
			}
		}
		argc -= i - 1;
		argv += i - 1;
	}
	if (argc > 1 && take_dbdir(&argc, argv, 2, &dir) != 0)
		return 1;

	if (dir == NULL && (env = getenv("CAIJI_DB")) != NULL && *env != '\0')
		dir = env;
	if (dir == NULL) {
		owned = default_dbdir();
		if (owned == NULL)
			return app_error("内存不足");
		dir = owned;
	}
	app.dbdir = dir;
	if ((env = getenv("CAIJI_TODAY")) != NULL && *env != '\0')
		app.today = env;
	if ((env = getenv("CAIJI_SHARED")) != NULL && strcmp(env, "1") == 0) {
		app.store_flags |= STORE_SHARED;
		umask(007);
	}
	{
		struct passwd *pw = getpwuid(geteuid());
		app.user = (pw != NULL) ? pw->pw_name : "unknown";
	}

	if (argc <= 1) {
		rc = ui_main(&app);
	} else {
		for (c = cmd_table; *c != NULL; c++)
			if (strcmp((*c)->name, argv[1]) == 0)
				break;
		if (*c == NULL) {
			usage(stderr);
			rc = app_error("未知命令: %s", argv[1]);
		} else
			rc = (*c)->exec(&app, argc - 1, argv + 1);
	}
	store_close(app.st);
	free(owned);
	return rc;
}
