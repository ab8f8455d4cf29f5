/*
 * args.h - the command line parser shared by every subcommand, in the
 * spirit of tmux's args_template: a command declares its options and how
 * many positional arguments it takes once, in a table; one parser checks
 * argv against it and answers lookups by option id.
 *
 * Syntax accepted: "-o VALUE", "-oVALUE", clusters of flags ("-nq"),
 * "--name VALUE", "--name=VALUE", "--" ending the options, a lone "-" as
 * a positional argument.  Options may follow positional arguments unless
 * the template says ARGS_STOP.  A value given as a separate word must not
 * start with '-' (so "--filler --draft" is a missing value, not a filler
 * called "--draft"); such a value can still be attached: --filler=-x.
 * -h and --help ask for help in every command.
 */
#ifndef CAIJI_ARGS_H
#define CAIJI_ARGS_H

#include <stddef.h>

/* struct args_opt flags */
#define ARGS_VALUE  0x1u   /* takes a value */
#define ARGS_REPEAT 0x2u   /* may be given more than once (else a usage error) */

/* struct args_template flags */
#define ARGS_STOP   0x1u   /* options end at the first positional argument */

/* One option.  id is what lookups use: by convention the short letter
 * ('o') when there is one, else a per-command enum value from
 * ARGS_LONG_ID up.  A table ends with an entry whose id is 0. */
struct args_opt {
	int id;
	char short_name;        /* 'o' for -o; 0 when none */
	const char *long_name;  /* "output" for --output; NULL when none */
	unsigned flags;         /* ARGS_VALUE, ARGS_REPEAT */
};
#define ARGS_LONG_ID 256

struct args_template {
	const struct args_opt *opts;  /* may be NULL: no options */
	int lower;                    /* positional arguments: at least */
	int upper;                    /* at most; -1: no limit */
	unsigned flags;               /* ARGS_STOP */
};

/* What args_parse returns besides 0. */
#define ARGS_HELP  1    /* -h or --help was given */
#define ARGS_ERROR (-1) /* usage error, see *cause */

struct args;

/* Parse argv[1..argc) (argv[0], the command name, is skipped) against
 * the options of t and of common (a second table, e.g. -d shared by every
 * command; may be NULL).  Returns 0 and sets *out (free with args_free);
 * ARGS_HELP as soon as -h/--help is met (*out NULL); or ARGS_ERROR with a
 * Chinese message in *cause (未知选项 --x, 选项 --seq 需要一个值, ...,
 * *out NULL).  Values and positional arguments point into argv. */
int args_parse(const struct args_template *t, const struct args_opt *common,
    int argc, char **argv, struct args **out, char **cause);

void args_free(struct args *a);

/* How many times the option with this id was given (0: not given). */
int args_has(const struct args *a, int id);

/* The value of the option with this id (the last one given), or NULL
 * when it was not given or takes no value. */
const char *args_get(const struct args *a, int id);

/* The n-th value (from 0, in command line order) of a repeated option,
 * or NULL past the last. */
const char *args_get_nth(const struct args *a, int id, int n);

/* The positional arguments: how many, the i-th (NULL when out of range),
 * and all of them as a NULL-terminated vector (owned by a). */
int args_count(const struct args *a);
const char *args_arg(const struct args *a, int i);
char **args_argv(const struct args *a);

#endif
