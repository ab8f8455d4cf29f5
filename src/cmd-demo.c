/*
 * cmd-demo.c - caiji demo: the demonstration database.  A 基层党委 with two
 * direct 党支部, a 党总支 with two 党支部 and a two-unit 联合党支部; 40
 * synthetic members with a few warnings, one draft, 预备党员, a 流动党员
 * and a 失联党员.  Every record's state comes from the validation module.
 * All names are fictional (某某市示范...).  Written in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "cause.h"
#include "review.h"
#include "codelist.h"
#include "synth.h"
#include "validate.h"

#define DEMO_SEED 2017
#define NORG 7

/* The tree: parent index (-1 = top level), name, category, members. */
static const struct demo_org {
	int parent;
	const char *name, *category, *secretary, *contact, *phone;
	int members;
} demo_orgs[NORG] = {
	{ -1, "中共某某市示范科技有限公司委员会", "党委",
	  "王建国", "李晓梅", "0571-86001234", 0 },
	{ 0, "中共某某市示范科技有限公司第一党支部", "党支部",
	  "陈志强", "刘芳", "13905710001", 9 },
	{ 0, "中共某某市示范科技有限公司第二党支部", "党支部",
	  "赵丽娟", "孙伟", "0571-86001235", 8 },
	{ 0, "中共某某市示范科技有限公司研发中心总支部委员会", "党总支部",
	  "周海峰", "吴敏", "0571-86001236", 0 },
	{ 3, "中共某某市示范科技有限公司研发中心第一党支部", "党支部",
	  "郑宇", "黄婷", "13905710002", 8 },
	{ 3, "中共某某市示范科技有限公司研发中心第二党支部", "党支部",
	  "", "林晓燕", "13905710003", 8 },
	{ 0, "中共某某市示范物业服务有限公司联合党支部", "联合党支部",
	  "马俊", "何秀英", "0571-86002001", 7 },
};

struct demo {
	struct app *app;
	struct synth syn;
	char today[REC_DATE_MAX + 8];
	int64_t now;
	struct org org[NORG];
	size_t members, drafts, warned;
};

static void
confirm(struct rec_meta *meta, const char *rule, const struct demo *d)
{
	/* a record being built holds no other confirmation: never full */
	(void)rec_confirm_add(meta, rule, d->app->user ? d->app->user : "", d->now);
}

/* A new unit page of o; NULL when out of memory. */
static struct unit *
demo_unit(struct org *o, const char *name, const char *category,
    const char *status)
{
	struct unit *u = org_unit_add(o);

	if (u != NULL) {
		rec_strcpy(u->name, sizeof u->name, name);
		rec_strcpy(u->category, sizeof u->category, category);
		rec_strcpy(u->party_status, sizeof u->party_status, status);
	}
	return u;
}

/* Build organisation i; 0, or -1 when out of memory. */
static int
build_org(struct demo *d, int i)
{
	const struct demo_org *t = &demo_orgs[i];
	struct org *o = &d->org[i];
	struct unit *u, *u2;
	struct vreport r;

	org_reset(o);
	o->parent = t->parent < 0 ? 0 : d->org[t->parent].meta.id;
	rec_strcpy(o->name, sizeof o->name, t->name);
	rec_strcpy(o->category, sizeof o->category, t->category);
	rec_strcpy(o->secretary, sizeof o->secretary, t->secretary);
	rec_strcpy(o->contact, sizeof o->contact, t->contact);
	rec_strcpy(o->phone, sizeof o->phone, t->phone);
	if (i == 0) {
		rec_strcpy(o->unit_situation, sizeof o->unit_situation, "法人单位");
		if ((u = demo_unit(o, "某某市示范科技有限公司", "国有经济控制",
		    "建立党委的")) == NULL)
			return -1;
		synth_uscc(u->code, "330106", "MA2CJ7XK");
	} else if (strcmp(t->category, "联合党支部") == 0) {
		char body[9] = "31245678";

		rec_strcpy(o->unit_situation, sizeof o->unit_situation, "联合党支部");
		if ((u = demo_unit(o, "某某市示范物业服务有限公司", "非公有经济控制",
		    "建立联合党支部的")) == NULL)
			return -1;
		synth_uscc(u->code, "330106", "MA2D5K8P");
		if ((u2 = demo_unit(o, "某某市示范餐饮管理有限公司", "非公有经济控制",
		    "建立联合党支部的")) == NULL)
			return -1;
		/* an older unit still known by its 组织机构代码 */
		snprintf(u2->code, sizeof u2->code, "%s-%c", body,
		    orgcode_check_char(body));
	} else
		rec_strcpy(o->unit_situation, sizeof o->unit_situation, "与上级党组织相同");
	if (t->members > 0)
		o->stat_count = t->members;
	if (t->secretary[0] == '\0') {
		rec_strcpy(o->note, sizeof o->note, "原书记退休，新书记待支部党员大会选举");
		confirm(&o->meta, "secretary_vacant", d);
	}
	normalize_org(o);       /* stored as the form stores it (31245678-7 as 312456787) */
	validate_org(o, d->today, &r);
	o->meta.state = vreport_complete(&r) ? REC_COMPLETE : REC_DRAFT;
	return 0;
}

static void
days_ago(const struct demo *d, int days, char *out)
{
	int y, m, dd;

	synth_parse_date(d->today, &y, &m, &dd);
	synth_date(synth_days(y, m, dd) - days, out);
}

/* Member number k (0..39) of branch org[bi], position pos in it. */
static void
build_member(struct demo *d, int bi, int pos, int k, struct member *m)
{
	const struct cl_entry *flow;
	struct vreport r;
	int y, mo, dd;

	member_init(m);
	synth_member(&d->syn, (uint64_t)k, m);
	m->branch = d->org[bi].meta.id;
	rec_strcpy(m->floating, sizeof m->floating, "否");
	m->flow_to[0] = '\0';

	switch (bi * 100 + pos) {
	case 102:	/* 出生日期 by the archives, confirmed, with its note */
		synth_parse_date(m->birth, &y, &mo, &dd);
		synth_date(synth_days(y, mo, dd) + 45, m->birth);
		rec_strcpy(m->note, sizeof m->note, "出生日期以干部人事档案记载为准");
		confirm(&m->meta, "birth_differs", d);
		break;
	case 104:	/* a fixed line instead of a mobile, not yet confirmed */
		rec_strcpy(m->phone, sizeof m->phone, "0571-87654321");
		break;
	case 201:	/* 预备党员 admitted five months ago */
	case 402:
	case 604:
		rec_strcpy(m->category, sizeof m->category, "预备党员");
		days_ago(d, 150 + pos * 7, m->join_date);
		m->full_date[0] = '\0';
		break;
	case 205:	/* 预备党员 whose probation year is over: due for discussion */
		rec_strcpy(m->category, sizeof m->category, "预备党员");
		days_ago(d, 420, m->join_date);
		m->full_date[0] = '\0';
		break;
	case 403:	/* 流动党员 working in Shenzhen */
		rec_strcpy(m->floating, sizeof m->floating, "是");
		if ((flow = region_find("440305")) != NULL)
			rec_strcpy(m->flow_to, sizeof m->flow_to, flow->name);
		rec_strcpy(m->job, sizeof m->job, "外出务工经商人员");
		rec_strcpy(m->confirm_method, sizeof m->confirm_method, "微信确认");
		break;
	case 406:	/* 失联党员 since a date after joining */
		rec_strcpy(m->lost, sizeof m->lost, "是");
		days_ago(d, 700, m->lost_date);
		if (strcmp(m->lost_date, m->join_date) < 0)
			rec_strcpy(m->join_date, sizeof m->join_date, "2001-07-01");
		rec_strcpy(m->confirm_method, sizeof m->confirm_method, "他人代填");
		rec_strcpy(m->note, sizeof m->note, "多次电话联系未果，由支部委员代填");
		break;
	case 500:	/* the draft: 家庭住址 still missing */
		m->address[0] = '\0';
		break;
	case 504:
		rec_strcpy(m->party_status, sizeof m->party_status, "停止党籍");
		break;
	case 601:	/* a member with a two-part Uyghur name */
		rec_strcpy(m->ethnicity, sizeof m->ethnicity, "维吾尔族");
		rec_strcpy(m->name, sizeof m->name,
		    strcmp(m->sex, "男") == 0 ? "艾力·阿不都拉" : "阿依古丽·买买提");
		rec_strcpy(m->confirm_method, sizeof m->confirm_method, "电话确认");
		break;
	}
	if (m->full_date[0] && strcmp(m->full_date, m->join_date) <= 0)
		m->full_date[0] = '\0';
	validate_member(m, &d->org[bi], d->today, &r);
	m->meta.state = vreport_complete(&r) ? REC_COMPLETE : REC_DRAFT;
}

static int
demo_write(struct store_txn *t, void *ud)
{
	struct demo *d = ud;
	struct member m;
	char *cause = NULL;
	int i, pos, k = 0, rc = 0;

	d->members = d->drafts = d->warned = 0;
	for (i = 0; i < NORG; i++) {
		if (build_org(d, i) != 0) {
			cause_set(&cause, "内存不足");
			rc = STORE_EIO;
			goto fail;
		}
		if ((rc = store_txn_org_save(t, &d->org[i], &cause)) != 0)
			goto fail;
	}
	for (i = 0; i < NORG; i++)
		for (pos = 0; pos < demo_orgs[i].members; pos++) {
			build_member(d, i, pos, k++, &m);
			if ((rc = store_txn_member_save(t, &m, &cause)) != 0)
				goto fail;
			d->members++;
			if (m.meta.state == REC_DRAFT)
				d->drafts++;
		}
	return 0;
fail:
	app_error("demo: %s", cause ? cause : store_strerror(rc));
	free(cause);
	return rc;
}

/* The workflow, so that it can be tried (review.h): the 联合党支部 checked
 * and reviewed (locked), the 第一党支部 checked with one member returned
 * (its fixed-line member is skipped: a warning nobody confirmed); the rest
 * 录入.  Through the same calls as caiji review. */
#define DEMO_REVIEWED 6
#define DEMO_CHECKED  1

static int
demo_review(struct demo *d)
{
	struct app *app = d->app;
	struct review_batch b;
	uint64_t *ids = NULL, id;
	size_t n = 0;
	char *cause = NULL;
	int rc, i, level;
	const int order[] = { DEMO_REVIEWED, DEMO_CHECKED };

	for (i = 0; i < 2; i++) {
		id = d->org[order[i]].meta.id;
		if ((rc = review_sign_org(app, id, demo_orgs[order[i]].secretary,
		    d->today, &cause)) != 0 ||
		    (rc = review_pass_org(app, id, 0, &level, &cause)) != 0 ||
		    (rc = review_pass_branch(app, id, REV_LEVEL_CHECK, &b, &cause)) != 0)
			goto fail;
		review_batch_free(&b);
	}
	id = d->org[DEMO_REVIEWED].meta.id;
	if ((rc = review_pass_org(app, id, 0, &level, &cause)) != 0 ||
	    (rc = review_pass_branch(app, id, REV_LEVEL_REVIEW, &b, &cause)) != 0)
		goto fail;
	review_batch_free(&b);
	if ((rc = store_branch_members(app->st, d->org[DEMO_CHECKED].meta.id, &ids,
	    &n)) != 0 || n == 0)
		goto fail;
	rc = review_return_member(app, ids[0], "phone",
	    "联系电话与党员档案登记的不一致，请核对后重新初核", &cause);
	free(ids);
	if (rc != 0)
		goto fail;
	return 0;
fail:
	app_error("demo: 审核步骤失败: %s", cause ? cause : store_strerror(rc));
	free(cause);
	return 1;
}

static int
cmd_demo_exec(struct app *app, struct args *args)
{
	struct demo *d = NULL;
	uint64_t *ids = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc, status = 1;

	(void)args;
	if (app->setgid)
		return app_error("没有权限: 共享数据库上不能建立演示数据(请用 -d 在自己的目录中建立,"
		    "需以普通方式运行 caiji)");
	if (app_open_store(app) != 0)
		return 1;
	if (store_org_children(app->st, 0, &ids, &n) != 0)
		return app_error("demo: 无法读取数据库 %s", app->dbdir);
	free(ids);
	if (n > 0)
		return app_error("demo: 数据库 %s 中已有党组织，演示数据只写入空数据库"
		    "（请用 -d 指定一个新目录）", app->dbdir);
	if ((d = calloc(1, sizeof *d)) == NULL)
		return app_error("demo: 内存不足");
	d->app = app;
	d->now = (int64_t)time(NULL);
	if (app->today != NULL)
		snprintf(d->today, sizeof d->today, "%s", app->today);
	else {
		time_t tt = time(NULL);
		struct tm tm;

		localtime_r(&tt, &tm);
		strftime(d->today, sizeof d->today, "%Y-%m-%d", &tm);
	}
	if (synth_init(&d->syn, DEMO_SEED, d->today) != 0) {
		app_error("demo: 行政区划代码表不可用");
		goto out;
	}
	if ((rc = store_write(app->st, demo_write, d, &cause)) != 0) {
		if (rc != STORE_EDUP && rc != STORE_ERULE)
			app_error("demo: 写入失败: %s", cause ? cause : store_strerror(rc));
		goto out;
	}
	if (demo_review(d) != 0)
		goto out;
	printf("演示数据库已建立: %s\n党组织 %d 个（1 个基层党委、1 个党总支、5 个党支部），"
	    "党员 %zu 名（其中草稿 %zu 名）\n", app->dbdir, NORG, d->members, d->drafts);
	printf("审核: %s 已初核、复核通过（已锁定）；%s 已初核，1 名党员被退回；"
	    "其余为录入（caiji progress 查看进度）\n", demo_orgs[DEMO_REVIEWED].name,
	    demo_orgs[DEMO_CHECKED].name);
	status = 0;
out:
	free(cause);
	for (n = 0; n < NORG; n++)
		org_free(&d->org[n]);
	free(d);
	return status;
}

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.usage = "",
	.summary = "建立演示数据库（一个基层党委及其党总支、党支部和40名党员，均为虚构）",
	.args = { NULL, 0, 0, 0 },
	.exec = cmd_demo_exec,
};
