/* cmd-log.c - caiji log: the audit trail, filtered, and its hash chain checked. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "digest.h"

enum { OPT_MEMBER = ARGS_LONG_ID, OPT_ORG, OPT_USER, OPT_SINCE, OPT_VERIFY };

static const struct args_opt log_opts[] = {
	{ OPT_MEMBER, 0, "member", ARGS_VALUE },
	{ OPT_ORG, 0, "org", ARGS_VALUE },
	{ OPT_USER, 0, "user", ARGS_VALUE },
	{ OPT_SINCE, 0, "since", ARGS_VALUE },
	{ OPT_VERIFY, 0, "verify", 0 },
	{ 0, 0, NULL, 0 }
};

struct log_ctx {
	struct app *app;
	const char *member, *user;
	uint64_t org;             /* --org: entries of this subtree (0 = all) */
	int64_t since;            /* --since: first second, 0 = all */
	uint64_t member_id;       /* --member's record, for range entries (0 = none) */
	size_t shown;
	struct org *o;            /* scratch for the subtree test */
	struct member *m;         /* scratch for a range entry's records */
	struct store_audit_entry *x;  /* one record of a range entry */
};

static const char *
action_name(int a)
{
	static const char *const names[] = {
		"", "新建", "修改", "移动", "调整顺序", "移除", "恢复", "导入",
		"导出", "用户", "备份", "撤销", "审核",
	};

	return a > 0 && a < (int)(sizeof names / sizeof names[0]) ? names[a] : "?";
}

static const char *
kind_name(int k)
{
	switch (k) {
	case AUK_MEMBER: return "党员";
	case AUK_ORG: return "党组织";
	case AUK_FILE: return "文件";
	case AUK_USER: return "用户";
	case AUK_DB: return "数据库";
	default: return "";
	}
}

/* Is organisation id within (or equal to) top?  Removed ones too. */
static int
org_within(struct log_ctx *c, uint64_t id, uint64_t top)
{
	int depth;

	for (depth = 0; id != 0 && depth < 64; depth++) {
		if (id == top)
			return 1;
		if (store_org_get_head(c->app->st, id, c->o) != 0)
			return 0;
		id = c->o->parent;
	}
	return 0;
}

static int
show(const struct store_audit_entry *e, void *ud)
{
	struct log_ctx *c = ud;
	char when[32], hex[DIGEST_HEX];
	struct tm tm;
	time_t t = (time_t)e->time;
	size_t i;

	if (c->since != 0 && e->time < c->since)
		return 0;
	if (c->user != NULL && strcmp(e->login, c->user) != 0)
		return 0;
	if (c->member != NULL && (e->kind != AUK_MEMBER || strcmp(e->key, c->member) != 0))
		return 0;
	/* a scoped clerk sees the record entries of their subtree only */
	if (c->org != 0 && ((e->kind != AUK_MEMBER && e->kind != AUK_ORG) ||
	    !org_within(c, e->org, c->org)))
		return 0;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	printf("#%" PRIu64 "  %s  %s  %s%s", e->seq, when, e->login,
	    action_name(e->action), kind_name(e->kind));
	if (e->name[0] != '\0')
		printf("  %s", e->name);
	if (e->kind == AUK_MEMBER && e->key[0] != '\0')
		printf("(%s)", e->key);
	else if (e->kind != AUK_ORG && e->key[0] != '\0')
		printf("  %s", e->key);
	if (e->source != 0)
		printf("  来自导入 #%" PRIu64, e->source);
	putchar('\n');
	if (e->text[0] != '\0')
		printf("    %s\n", e->text);
	for (i = 0; i < e->n_diff; i++) {
		const struct store_audit_diff *d = &e->diff[i];

		if (d->kind == AUK_UNIT)
			printf("    单位%u %s: ", d->unit, d->label);
		else
			printf("    %s: ", d->label);
		printf("%s → %s\n", d->old[0] ? d->old : "(空)",
		    d->new_[0] ? d->new_ : "(空)");
	}
	for (i = 0; i < e->n_file; i++) {
		digest_hex(e->file[i].sha256, hex);
		printf("    文件 %s  %" PRIu64 " 行  SHA-256 %s\n", e->file[i].name,
		    e->file[i].rows, hex);
	}
	c->shown++;
	return 0;
}

/* One record of range entry e (the creations of one import or gen): its
 * key, name and organisation as stored now. */
static int
show_one(struct log_ctx *c, const struct store_audit_entry *e, uint64_t id)
{
	struct store_audit_entry *x = c->x;
	char name[sizeof c->o->name] = "";

	x->rec = id;
	x->nrec = 1;
	x->key = x->name = name;
	x->org = 0;
	if (e->kind == AUK_MEMBER) {
		member_init(c->m);
		if (store_member_get(c->app->st, id, c->m, NULL) == 0) {
			x->key = c->m->idcard;
			x->name = c->m->name;
			x->org = c->m->branch;
		}
	} else if (e->kind == AUK_ORG && store_org_get_head(c->app->st, id, c->o) == 0) {
		/* copied: show's subtree test reuses c->o */
		snprintf(name, sizeof name, "%s", c->o->name);
		x->org = id;
	}
	return show(x, c);
}

/* An entry, or each record of a range entry in turn. */
static int
show_each(const struct store_audit_entry *e, void *ud)
{
	struct log_ctx *c = ud;
	uint64_t id;
	int rc;

	if (e->nrec <= 1)
		return show(e, ud);
	if ((c->since != 0 && e->time < c->since) ||
	    (c->user != NULL && strcmp(e->login, c->user) != 0))
		return 0;
	if (c->x == NULL && (c->x = malloc(sizeof *c->x)) == NULL)
		return -1;
	*c->x = *e;
	if (c->member != NULL) {
		/* --member: its record only, when the range holds it */
		if (e->kind != AUK_MEMBER || c->member_id < e->rec ||
		    c->member_id - e->rec >= e->nrec)
			return 0;
		return show_one(c, e, c->member_id);
	}
	for (id = e->rec; id - e->rec < e->nrec; id++)
		if ((rc = show_one(c, e, id)) != 0)
			return rc;
	return 0;
}

/* "YYYY-MM-DD" as local midnight; -1 when malformed. */
static int64_t
parse_day(const char *s)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

static int
cmd_log_exec(struct app *app, struct args *args)
{
	struct log_ctx c;
	struct store_audit_check chk;
	const char *org = args_get(args, OPT_ORG), *since = args_get(args, OPT_SINCE);
	char *cause = NULL;
	int rc, verify = args_has(args, OPT_VERIFY) > 0;

	memset(&c, 0, sizeof c);
	c.app = app;
	c.member = args_get(args, OPT_MEMBER);
	c.user = args_get(args, OPT_USER);
	if (since != NULL && (c.since = parse_day(since)) < 0)
		return app_error("log: --since 应为 YYYY-MM-DD: %s", since);
	if (app_open_existing(app) != 0)
		return 1;
	if (app_require(app, ROLE_COMMITTEE, "查看审计记录") != 0)
		return 1;
	if (verify && app_require(app, ROLE_ADMIN, "校验审计记录") != 0)
		return 1;
	if (org != NULL && store_org_by_name(app->st, org, &c.org) != 0)
		return app_error("log: 找不到党组织「%s」(请输入全称)", org);
	if (c.org == 0)
		c.org = app->scope;
	if (c.member != NULL && store_member_by_idcard(app->st, c.member, &c.member_id) != 0)
		c.member_id = 0;
	if ((c.o = malloc(sizeof *c.o)) == NULL || (c.m = malloc(sizeof *c.m)) == NULL) {
		free(c.o);
		return app_error("内存不足");
	}
	member_init(c.m);
	rc = store_audit_each(app->st, verify, verify ? NULL : show_each, &c, &chk, &cause);
	free(c.o);
	free(c.m);
	free(c.x);
	if (rc != 0) {
		app_error("log: %s", cause ? cause : store_strerror(rc));
		free(cause);
		return 1;
	}
	if (verify) {
		if (chk.first_bad != 0) {
			printf("审计记录的哈希链在第 %" PRIu64 " 条处断开: 该条或其前一条被改动、"
			    "删除或插入(共读到 %" PRIu64 " 条)\n", chk.first_bad, chk.entries);
			return 1;
		}
		printf("审计记录完整: %" PRIu64 " 条, 哈希链无断开\n", chk.entries);
		return 0;
	}
	if (c.shown == 0)
		printf("没有符合条件的审计记录\n");
	return 0;
}

static void
log_help(FILE *fp)
{
	fprintf(fp, "  --member 身份证号  只看该党员的记录\n"
	    "  --org 党组织全称   只看该党组织及其下级(党员与党组织)的记录\n"
	    "  --user 登录名      只看该用户做的修改\n"
	    "  --since 日期       只看该日(YYYY-MM-DD)起的记录\n"
	    "  --verify           校验哈希链: 有条目被改动或删除时退出码为 1\n");
}

const struct cmd_entry cmd_log_entry = {
	.name = "log",
	.usage = "[--member 身份证号] [--org 党组织全称] [--user 登录名] [--since YYYY-MM-DD] [--verify]",
	.summary = "查看审计记录(谁在何时改了什么),或校验其哈希链",
	.args = { log_opts, 0, 0, 0 },
	.usage_status = 2,
	.help = log_help,
	.exec = cmd_log_exec,
};
