/*
 * cmd.h - the command registry (tmux's cmd_table style): one src/cmd-*.c
 * file per subcommand, each defining one struct cmd_entry that declares
 * its options and positional arguments (an args_template) and the
 * function that runs it.  Adding a subcommand is that file, its entry
 * named below and listed in the table of src/cmd.c.
 */
#ifndef CAIJI_CMD_H
#define CAIJI_CMD_H

#include <stdio.h>

#include "args.h"

struct app;

struct cmd_entry {
	const char *name;         /* "export" */
	const char *usage;        /* "--seq 序号 --filler 填报人 [--org 基层党委] ..." */
	const char *summary;      /* one Chinese line for --help */
	struct args_template args;  /* options and positional arguments */
	int usage_status;         /* exit status of a usage error; 0 means 1 */
	void (*help)(FILE *fp);   /* more text after the usage for -h; may be NULL */
	/* Run the command on parsed arguments: the options of args.opts and
	 * the positional arguments, within their limits; -d has been applied
	 * to app->dbdir.  Returns the exit status. */
	int (*exec)(struct app *app, struct args *args);
};

extern const struct cmd_entry cmd_demo_entry, cmd_gen_entry, cmd_validate_entry,
    cmd_export_entry, cmd_stats_entry, cmd_import_entry, cmd_check_entry,
    cmd_verify_entry, cmd_find_entry, cmd_log_entry, cmd_backup_entry,
    cmd_restore_entry, cmd_user_entry, cmd_setup_entry;
extern const struct cmd_entry cmd_print_entry;
extern const struct cmd_entry cmd_review_entry, cmd_progress_entry;

/* The command called name, or NULL. */
const struct cmd_entry *cmd_find(const char *name);

/* Print the usage of every command (caiji --help) to fp. */
void cmd_usage(FILE *fp);

/* Print the usage of one command ("用法: caiji NAME [-d 目录] USAGE") to fp. */
void cmd_usage_one(const struct cmd_entry *e, FILE *fp);

/* Run e on argv (argv[0] is the command name): parse argv against e's
 * template plus the options every command takes (-d/--db DIR, -h/--help);
 * -h prints the usage on stdout and returns 0; a usage error prints
 * "caiji: NAME: <why>" and the usage on stderr and returns e's usage
 * status.  -d sets app->dbdir, else app_resolve_dbdir() picks it.
 * Standard output is flushed at the end: a failed write to it is a
 * message and, if the command succeeded, status 1.  Returns the exit
 * status. */
int cmd_run(struct app *app, const struct cmd_entry *e, int argc, char **argv);

#endif
