/*
 * args.c - one command line parser for every subcommand (see args.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cause.h"

struct occ {
	int id;
	const char *value;
};

struct args {
	struct occ *occ;        /* the options in command line order */
	int nocc;
	char **argv;            /* positional arguments, NULL-terminated */
	int argc;
};

/* The option called name (len bytes) in t, then in common; NULL if none. */
static const struct args_opt *
find_long(const struct args_opt *t, const struct args_opt *common,
    const char *name, size_t len)
{
	const struct args_opt *tabs[2] = { t, common }, *o;
	int k;

	for (k = 0; k < 2; k++)
		for (o = tabs[k]; o != NULL && o->id != 0; o++)
			if (o->long_name != NULL && strlen(o->long_name) == len &&
			    memcmp(o->long_name, name, len) == 0)
				return o;
	return NULL;
}

static const struct args_opt *
find_short(const struct args_opt *t, const struct args_opt *common, char c)
{
	const struct args_opt *tabs[2] = { t, common }, *o;
	int k;

	for (k = 0; k < 2; k++)
		for (o = tabs[k]; o != NULL && o->id != 0; o++)
			if (o->short_name != 0 && o->short_name == c)
				return o;
	return NULL;
}

/* The option as the clerk wrote it, for messages: "--seq" or "-o". */
static const char *
optname(const struct args_opt *o, int as_long, char *buf, size_t n)
{
	if (as_long)
		snprintf(buf, n, "--%s", o->long_name);
	else
		snprintf(buf, n, "-%c", o->short_name);
	return buf;
}

/* Record one occurrence of o.  Returns 0, or -1 when o may not repeat. */
static int
add(struct args *a, const struct args_opt *o, const char *value, int as_long,
    char **cause)
{
	char b[64];

	if (!(o->flags & ARGS_REPEAT) && args_has(a, o->id) > 0) {
		cause_set(cause, "选项 %s 只能给一次", optname(o, as_long, b, sizeof b));
		return -1;
	}
	a->occ[a->nocc].id = o->id;
	a->occ[a->nocc].value = value;
	a->nocc++;
	return 0;
}

/* A separate word that can be an option's value: not an option itself. */
static int
value_word(const char *w)
{
	return w[0] != '-' || w[1] == '\0';
}

int
args_parse(const struct args_template *t, const struct args_opt *common,
    int argc, char **argv, struct args **out, char **cause)
{
	struct args *a;
	int i, stop = 0, rc = ARGS_ERROR;
	char b[64];

	*out = NULL;
	a = calloc(1, sizeof *a);
	if (a == NULL || (a->occ = calloc((size_t)argc + 1, sizeof *a->occ)) == NULL ||
	    (a->argv = calloc((size_t)argc + 1, sizeof *a->argv)) == NULL) {
		cause_set(cause, "内存不足");
		goto fail;
	}
	for (i = 1; i < argc; i++) {
		const char *w = argv[i];
		const struct args_opt *o;

		if (stop || w[0] != '-' || w[1] == '\0') {
			a->argv[a->argc++] = argv[i];
			if (t->flags & ARGS_STOP)
				stop = 1;
			continue;
		}
		if (strcmp(w, "--") == 0) {
			stop = 1;
			continue;
		}
		if (w[1] == '-') {                      /* --name[=value] */
			const char *name = w + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			const char *v = NULL;

			o = find_long(t->opts, common, name, len);
			if (o == NULL) {
				if (len == 4 && memcmp(name, "help", 4) == 0) {
					rc = ARGS_HELP;
					goto fail;
				}
				cause_set(cause, "未知选项 --%.*s", (int)len, name);
				goto fail;
			}
			if (o->flags & ARGS_VALUE) {
				if (eq != NULL)
					v = eq + 1;
				else if (i + 1 < argc && value_word(argv[i + 1]))
					v = argv[++i];
				else {
					cause_set(cause, "选项 --%s 需要一个值", o->long_name);
					goto fail;
				}
			} else if (eq != NULL) {
				cause_set(cause, "选项 --%s 不带值", o->long_name);
				goto fail;
			}
			if (add(a, o, v, 1, cause) != 0)
				goto fail;
			continue;
		}
		for (w++; *w != '\0'; w++) {            /* -x, -xy, -oVALUE */
			const char *v = NULL;

			o = find_short(t->opts, common, *w);
			if (o == NULL) {
				if (*w == 'h') {
					rc = ARGS_HELP;
					goto fail;
				}
				cause_set(cause, "未知选项 -%c", *w);
				goto fail;
			}
			if (o->flags & ARGS_VALUE) {
				if (w[1] != '\0')
					v = w + 1;
				else if (i + 1 < argc && value_word(argv[i + 1]))
					v = argv[++i];
				else {
					cause_set(cause, "选项 %s 需要一个值", optname(o, 0, b, sizeof b));
					goto fail;
				}
			}
			if (add(a, o, v, 0, cause) != 0)
				goto fail;
			if (v != NULL)
				break;
		}
	}
	if (a->argc < t->lower) {
		cause_set(cause, "缺少参数");
		goto fail;
	}
	if (t->upper >= 0 && a->argc > t->upper) {
		cause_set(cause, "多余的参数 %s", a->argv[t->upper]);
		goto fail;
	}
	*out = a;
	return 0;
fail:
	args_free(a);
	return rc;
}

void
args_free(struct args *a)
{
	if (a == NULL)
		return;
	free(a->occ);
	free(a->argv);
	free(a);
}

int
args_has(const struct args *a, int id)
{
	int i, n = 0;

	for (i = 0; i < a->nocc; i++)
		if (a->occ[i].id == id)
			n++;
	return n;
}

const char *
args_get(const struct args *a, int id)
{
	int i;

	for (i = a->nocc - 1; i >= 0; i--)
		if (a->occ[i].id == id)
			return a->occ[i].value;
	return NULL;
}

const char *
args_get_nth(const struct args *a, int id, int n)
{
	int i;

	for (i = 0; i < a->nocc; i++)
		if (a->occ[i].id == id && n-- == 0)
			return a->occ[i].value;
	return NULL;
}

int
args_count(const struct args *a)
{
	return a->argc;
}

const char *
args_arg(const struct args *a, int i)
{
	return i >= 0 && i < a->argc ? a->argv[i] : NULL;
}

char **
args_argv(const struct args *a)
{
	return a->argv;
}
