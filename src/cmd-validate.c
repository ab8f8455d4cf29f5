/*
 * cmd-validate.c - caiji validate FIELD VALUE: one value through the same
 * check the form and the importer use; caiji validate --list KEY: a list.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "codelist.h"
#include "validate.h"

/* Exit statuses. */
enum { VX_OK = 0, VX_ERROR = 1, VX_WARNING = 2, VX_USAGE = 3 };

/* The known field names, on one line, to stream f. */
static void
print_fields(FILE *f)
{
	const char *n;
	size_t i;
	int id;

	for (i = 0; (n = validate_field_name(i)) != NULL; i++)
		fprintf(f, "%s%s", i ? " " : "", n);
	for (id = 0; id < CL_COUNT; id++) {
		const struct codelist *l = codelist_get(id);

		fprintf(f, " %s(%s)", l->key, l->label);
	}
	fputc('\n', f);
}

static int
usage(void)
{
	fprintf(stderr, "用法: caiji validate 字段 值\n"
	    "      caiji validate --list 代码表\n"
	    "      caiji validate --rules\n"
	    "字段: ");
	print_fields(stderr);
	return VX_USAGE;
}

static int
list_entries(const char *key)
{
	const struct codelist *l = codelist_by_key(key);
	size_t i;

	if (l == NULL) {
		fprintf(stderr, "caiji: validate: 未知的代码表“%s”\n代码表:", key);
		for (i = 0; i < CL_COUNT; i++)
			fprintf(stderr, " %s(%s)", codelist_get((int)i)->key,
			    codelist_get((int)i)->label);
		fputc('\n', stderr);
		return VX_USAGE;
	}
	for (i = 0; i < l->n; i++)
		printf("%s\t%s\t%s\t%s\n", l->e[i].code, l->e[i].name, l->e[i].py,
		    l->e[i].group);
	return VX_OK;
}

/* Every rule key with its severity and description. */
static int
list_rules(void)
{
	size_t i;

	for (i = 0; validate_rules[i].key; i++)
		printf("%s\t%s\t%s\n", validate_rules[i].key,
		    validate_rules[i].sev == SEV_ERROR ? "error" : "warning",
		    validate_rules[i].text);
	return VX_OK;
}

enum { OPT_LIST = ARGS_LONG_ID, OPT_RULES };

static const struct args_opt validate_opts[] = {
	{ OPT_LIST, 0, "list", ARGS_VALUE },
	{ OPT_RULES, 0, "rules", 0 },
	{ 0, 0, NULL, 0 }
};

/* -h: the field names after the usage. */
static void
help_fields(FILE *fp)
{
	fprintf(fp, "字段: ");
	print_fields(fp);
}

static int
cmd_validate_exec(struct app *app, struct args *args)
{
	const char *list = args_get(args, OPT_LIST);
	int rules = args_has(args, OPT_RULES) > 0, n = args_count(args);
	struct verdict v;
	int sev;

	if (list != NULL && !rules && n == 0)
		return list_entries(list);
	if (rules && list == NULL && n == 0)
		return list_rules();
	if (list != NULL || rules || n != 2)
		return usage();
	/* CAIJI_TODAY pins the date rules, as in every other command */
	sev = validate_named_at(args_arg(args, 0), args_arg(args, 1), app->today, &v);
	if (sev < 0) {
		fprintf(stderr, "caiji: validate: 未知字段“%s”\n", args_arg(args, 0));
		return usage();
	}
	if (sev == SEV_OK)
		printf("ok%s%s\n", v.what ? "\t" : "", v.what ? v.what : "");
	else
		printf("%s\t%s\n", sev == SEV_ERROR ? "error" : "warning", v.msg);
	printf("规范值\t%s\n", v.norm);
	if (v.what && sev != SEV_OK)
		printf("代码类型\t%s\n", v.what);
	if (v.alt[0])
		printf("建议值\t%s\n", v.alt);
	if (v.sex[0])
		printf("性别\t%s\n", v.sex);
	if (v.birth[0])
		printf("出生日期\t%s\n", v.birth);
	return sev == SEV_OK ? VX_OK : sev == SEV_ERROR ? VX_ERROR : VX_WARNING;
}

const struct cmd_entry cmd_validate_entry = {
	.name = "validate",
	.usage = "FIELD VALUE | --list KEY | --rules",
	.summary = "校验一个值(公民身份证号、统一社会信用代码、日期、代码表等)",
	.args = { validate_opts, 0, 2, ARGS_STOP },
	.usage_status = VX_USAGE,
	.help = help_fields,
	.exec = cmd_validate_exec,
};
