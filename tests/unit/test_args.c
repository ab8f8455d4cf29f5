/* test_args.c - the option parser: long and short forms, values attached
 * or separate, clusters, repeats, "--", positional limits, -h, and the
 * Chinese usage errors; then a command run through cmd_run. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "args.h"

enum { O_SEQ = ARGS_LONG_ID, O_DRAFT, O_TAG };

static const struct args_opt opts[] = {
	{ O_SEQ, 0, "seq", ARGS_VALUE },
	{ O_DRAFT, 0, "draft", 0 },
	{ O_TAG, 't', "tag", ARGS_VALUE | ARGS_REPEAT },
	{ 'o', 'o', "output", ARGS_VALUE },
	{ 'n', 'n', "dry-run", 0 },
	{ 'q', 'q', NULL, 0 },
	{ 0, 0, NULL, 0 }
};
static const struct args_opt common[] = {
	{ 'd', 'd', "db", ARGS_VALUE },
	{ 0, 0, NULL, 0 }
};
static const struct args_template tpl = { opts, 0, 2, 0 };

/* Parse the words of line (split on spaces; "cmd" is prepended). */
static int
parse(const struct args_template *t, const char *line, struct args **a, char **cause)
{
	static char buf[512];
	static char *argv[64];
	int argc = 0;
	char *w, *save = NULL;

	snprintf(buf, sizeof buf, "%s", line);
	argv[argc++] = (char *)"cmd";
	for (w = strtok_r(buf, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	*cause = NULL;
	return args_parse(t, common, argc, argv, a, cause);
}

static void
expect_error(const struct args_template *t, const char *line, const char *msg)
{
	struct args *a = (struct args *)1;
	char *cause;

	cr_assert_eq(parse(t, line, &a, &cause), ARGS_ERROR, "%s", line);
	cr_assert_null(a, "%s", line);
	cr_assert_not_null(cause, "%s", line);
	cr_assert_str_eq(cause, msg, "%s", line);
	free(cause);
}

Test(args, long_and_short_forms)
{
	struct args *a;
	char *cause;

	cr_assert_eq(parse(&tpl, "--seq 7 --draft -o out a.csv", &a, &cause), 0);
	cr_assert_str_eq(args_get(a, O_SEQ), "7");
	cr_assert_eq(args_has(a, O_DRAFT), 1);
	cr_assert_null(args_get(a, O_DRAFT));
	cr_assert_str_eq(args_get(a, 'o'), "out");
	cr_assert_eq(args_has(a, 'n'), 0);
	cr_assert_eq(args_count(a), 1);
	cr_assert_str_eq(args_arg(a, 0), "a.csv");
	cr_assert_null(args_arg(a, 1));
	cr_assert_null(args_argv(a)[1]);
	args_free(a);

	/* attached values, options after positional ones, a cluster, -d */
	cr_assert_eq(parse(&tpl, "x --seq=01 -oout2 -nq -ddb --output=o3 y", &a, &cause), ARGS_ERROR);
	cr_assert_str_eq(cause, "选项 --output 只能给一次");
	free(cause);
	cr_assert_eq(parse(&tpl, "x --seq=01 -oout2 -nq -ddb y", &a, &cause), 0);
	cr_assert_str_eq(args_get(a, O_SEQ), "01");
	cr_assert_str_eq(args_get(a, 'o'), "out2");
	cr_assert_eq(args_has(a, 'n'), 1);
	cr_assert_eq(args_has(a, 'q'), 1);
	cr_assert_str_eq(args_get(a, 'd'), "db");
	cr_assert_eq(args_count(a), 2);
	cr_assert_str_eq(args_arg(a, 1), "y");
	args_free(a);

	/* an empty attached value is a value; "-" is a positional argument */
	cr_assert_eq(parse(&tpl, "--seq= -", &a, &cause), 0);
	cr_assert_str_eq(args_get(a, O_SEQ), "");
	cr_assert_str_eq(args_arg(a, 0), "-");
	args_free(a);
}

Test(args, repeated_and_end_of_options)
{
	struct args *a;
	char *cause;

	cr_assert_eq(parse(&tpl, "-t a --tag b -tc -- --draft -n", &a, &cause), 0);
	cr_assert_eq(args_has(a, O_TAG), 3);
	cr_assert_str_eq(args_get_nth(a, O_TAG, 0), "a");
	cr_assert_str_eq(args_get_nth(a, O_TAG, 1), "b");
	cr_assert_str_eq(args_get_nth(a, O_TAG, 2), "c");
	cr_assert_null(args_get_nth(a, O_TAG, 3));
	cr_assert_str_eq(args_get(a, O_TAG), "c");
	cr_assert_eq(args_has(a, O_DRAFT), 0);
	cr_assert_eq(args_count(a), 2);
	cr_assert_str_eq(args_arg(a, 0), "--draft");
	cr_assert_str_eq(args_arg(a, 1), "-n");
	args_free(a);
}

Test(args, stop_at_first_positional)
{
	static const struct args_template stop = { opts, 0, -1, ARGS_STOP };
	struct args *a;
	char *cause;

	cr_assert_eq(parse(&stop, "-d db export --seq 1 -x", &a, &cause), 0);
	cr_assert_str_eq(args_get(a, 'd'), "db");
	cr_assert_eq(args_has(a, O_SEQ), 0);
	cr_assert_eq(args_count(a), 4);
	cr_assert_str_eq(args_arg(a, 0), "export");
	cr_assert_str_eq(args_arg(a, 3), "-x");
	args_free(a);
}

Test(args, help)
{
	struct args *a = (struct args *)1;
	char *cause;

	cr_assert_eq(parse(&tpl, "--seq 1 --help", &a, &cause), ARGS_HELP);
	cr_assert_null(a);
	cr_assert_null(cause);
	cr_assert_eq(parse(&tpl, "-h", &a, &cause), ARGS_HELP);
	cr_assert_eq(parse(&tpl, "-nh", &a, &cause), ARGS_HELP);
	/* help wins over a positional count that would be wrong */
	cr_assert_eq(parse(&tpl, "a b c -h", &a, &cause), ARGS_HELP);
	/* but an unknown option before it is reported */
	expect_error(&tpl, "--nope -h", "未知选项 --nope");
}

Test(args, usage_errors)
{
	static const struct args_template two = { opts, 1, 1, 0 };

	expect_error(&tpl, "--nope", "未知选项 --nope");
	expect_error(&tpl, "--nope=3", "未知选项 --nope");
	expect_error(&tpl, "-x", "未知选项 -x");
	expect_error(&tpl, "-nx", "未知选项 -x");
	expect_error(&tpl, "--seq", "选项 --seq 需要一个值");
	expect_error(&tpl, "-o", "选项 -o 需要一个值");
	expect_error(&tpl, "-d", "选项 -d 需要一个值");
	/* the next word is an option, not a value */
	expect_error(&tpl, "--seq --draft", "选项 --seq 需要一个值");
	expect_error(&tpl, "-o --draft", "选项 -o 需要一个值");
	expect_error(&tpl, "--draft=yes", "选项 --draft 不带值");
	expect_error(&tpl, "--seq 1 --seq 2", "选项 --seq 只能给一次");
	expect_error(&tpl, "-n --dry-run", "选项 --dry-run 只能给一次");
	expect_error(&tpl, "a b c", "多余的参数 c");
	expect_error(&two, "", "缺少参数");
	expect_error(&two, "a b", "多余的参数 b");
}

Test(args, no_options_at_all)
{
	static const struct args_template none = { NULL, 0, 0, 0 };
	struct args *a;
	char *cause;

	cr_assert_eq(parse(&none, "-d x", &a, &cause), 0);
	cr_assert_str_eq(args_get(a, 'd'), "x");
	args_free(a);
	expect_error(&none, "--seq 1", "未知选项 --seq");
	expect_error(&none, "extra", "多余的参数 extra");
}

/* cmd_run: -h prints the command's usage and exits 0; a usage error exits
 * with the command's status (export: 2, validate: 3) and says why. */
Test(args, cmd_run_help_and_errors)
{
	struct app app;
	char dir[] = "/tmp/caiji-test-args.XXXXXX", path[256], *out;
	char *h[] = { (char *)"export", (char *)"-h", NULL };
	char *bad[] = { (char *)"export", (char *)"--seq", NULL };
	char *v[] = { (char *)"validate", (char *)"--nope", NULL };
	FILE *fp;
	long n;

	cr_assert_not_null(mkdtemp(dir));
	memset(&app, 0, sizeof app);
	app.dbdir = dir;
	snprintf(path, sizeof path, "%s/out", dir);
	cr_assert_not_null(freopen(path, "w", stdout));
	cr_assert_eq(cmd_run(&app, &cmd_export_entry, 2, h), 0);
	fflush(stdout);
	cr_assert_not_null(freopen(path, "a", stderr));
	cr_assert_eq(cmd_run(&app, &cmd_export_entry, 2, bad), 2);
	cr_assert_eq(cmd_run(&app, cmd_find("validate"), 2, v), 3);
	fflush(stderr);
	fp = fopen(path, "r");
	cr_assert_not_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	out = calloc(1, (size_t)n + 1);
	cr_assert_eq(fread(out, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	cr_assert_not_null(strstr(out, "用法: caiji export [-d 目录] --seq 序号"), "%s", out);
	cr_assert_not_null(strstr(out, "caiji: export: 选项 --seq 需要一个值"), "%s", out);
	cr_assert_not_null(strstr(out, "caiji: validate: 未知选项 --nope"), "%s", out);
	free(out);
	cr_assert_null(cmd_find("nosuch"));
	/* nothing was created: no command ran */
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	cr_assert_neq(access(path, F_OK), 0);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	cr_assert_eq(system(path), 0);
}
