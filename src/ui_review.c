/*
 * ui_review.c - the checking workflow's dialogs (ui_review.h): pass,
 * return with a comment, unlock with a reason, the batch step of a branch
 * and the 书记签字.  No rule is decided here: the core (review.h) says
 * what may pass and why not; this file asks, calls and shows.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "review.h"
#include "store.h"
#include "ui.h"
#include "ui_dialog.h"
#include "ui_review.h"
#include "utf8.h"

#define WRAP_COLS 70                /* the text box is 76 wide */

int
ui_review_wrap(char **buf, size_t *len, const char *s, int cols, int indent)
{
	int first = 1;

	do {
		size_t n = utf8_cut_cols(s, (size_t)(first ? cols : cols - indent), NULL);
		char *p;

		if (n == 0 && *s != '\0')
			n = 1;
		p = realloc(*buf, *len + (size_t)indent + n + 2);
		if (p == NULL)
			return -1;
		*buf = p;
		*len += (size_t)sprintf(p + *len, "%*s%.*s\n", first ? 0 : indent, "", (int)n, s);
		s += n;
		first = 0;
	} while (*s != '\0');
	return 0;
}

/* Append the wrapped lines of text (ui_review_wrap's) to *buf. */
static int
append_lines(char **buf, size_t *len, const char *text)
{
	size_t n = text != NULL ? strlen(text) : 0;
	char *p = realloc(*buf, *len + n + 1);

	if (p == NULL)
		return -1;
	memcpy(p + *len, text != NULL ? text : "", n + 1);
	*buf = p;
	*len += n;
	return 0;
}

/* What a refusal says: the core's cause, else the store's words. */
static const char *
why_text(int rc, const char *cause)
{
	return cause != NULL ? cause : store_strerror(rc);
}

int
ui_review_pass(struct ui *ui, int rec, uint64_t id, uint64_t version, const char *name)
{
	char *cause = NULL;
	int level = 0, rc;

	if (rec == REC_KIND_ORG)
		rc = review_pass_org(ui->app, id, version, &level, &cause);
	else
		rc = review_pass_member(ui->app, id, version, &level, &cause);
	if (rc != 0)
		ui_status(ui, 1, "%s 未通过: %s", name, why_text(rc, cause));
	else {
		ui_status(ui, 0, "%s 已%s通过", name, review_level_label(level));
		ui->gen++;
	}
	free(cause);
	ui->full = 1;
	return rc == 0 ? 0 : -1;
}

int
ui_review_return(struct ui *ui, int rec, uint64_t id, const char *name)
{
	const struct screen_def *sd = screen_find(rec == REC_KIND_ORG ? "org" : "member");
	const struct form_def *d = sd != NULL ? sd->form : NULL;
	struct cl_entry *e;
	const char **keys;
	char (*items)[12];
	char title[REC_TEXT_MAX + 64], comment[REC_COMMENT_MAX];
	char *cause = NULL, label[64];
	size_t n = 0, i, all;
	int k, rc;

	if (d == NULL)
		return -1;
	all = 1 + d->nfields + d->nunit_fields;
	e = calloc(all, sizeof *e);
	keys = calloc(all, sizeof *keys);
	items = calloc(all, sizeof *items);
	if (e == NULL || keys == NULL || items == NULL) {
		free(e);
		free(keys);
		free(items);
		return -1;
	}
	e[n] = (struct cl_entry){ .code = "0", .name = "整条记录", .py = "", .group = "" };
	keys[n++] = "";
	/* a field by its item number on the paper form, or by its name */
	for (i = 0; i < d->nfields; i++) {
		if (d->fields[i].item > 0)
			snprintf(items[n], sizeof items[n], "%d", d->fields[i].item);
		e[n] = (struct cl_entry){ .code = items[n], .name = d->fields[i].label, .py = "",
		    .group = "" };
		keys[n++] = d->fields[i].key;
	}
	for (i = 0; i < d->nunit_fields; i++) {
		e[n] = (struct cl_entry){ .code = "", .name = d->unit_fields[i].label, .py = "",
		    .group = "" };
		keys[n++] = d->unit_fields[i].key;
	}
	snprintf(title, sizeof title, "退回 %s: 哪一项有问题? (输入汉字筛选)", name);
	k = ui_pick(ui, title, e, n, NULL);
	ui->full = 1;
	if (k < 0) {
		free(e);
		free(keys);
		free(items);
		return -1;
	}
	snprintf(label, sizeof label, "%s", e[k].name);
	comment[0] = '\0';
	snprintf(title, sizeof title, "退回 %s (%s)", name, label);
	for (;;) {
		if (ui_prompt(ui, title, "退回意见(必填, 录入员在该项旁看到):", comment,
		    sizeof comment, 70) != 0) {
			rc = -1;
			goto done;
		}
		if (comment[0] != '\0')
			break;
		ui_status(ui, 1, "请填写退回意见");
	}
	if (rec == REC_KIND_ORG)
		rc = review_return_org(ui->app, id, keys[k], comment, &cause);
	else
		rc = review_return_member(ui->app, id, keys[k], comment, &cause);
	if (rc != 0)
		ui_status(ui, 1, "%s 未退回: %s", name, why_text(rc, cause));
	else {
		ui_status(ui, 0, "已退回 %s (%s): %s", name, label, comment);
		ui->gen++;
	}
done:
	free(cause);
	free(e);
	free(keys);
	free(items);
	ui->full = 1;
	return rc == 0 ? 0 : -1;
}

int
ui_review_unlock(struct ui *ui, int rec, uint64_t id, const char *name)
{
	char title[REC_TEXT_MAX + 32], reason[REC_TEXT_MAX] = "", *cause = NULL;
	int rc;

	snprintf(title, sizeof title, "解锁 %s", name);
	for (;;) {
		if (ui_prompt(ui, title, "解锁原因(必填, 记入修改记录):", reason, sizeof reason,
		    70) != 0) {
			ui->full = 1;
			return -1;
		}
		if (reason[0] != '\0')
			break;
		ui_status(ui, 1, "请填写解锁原因");
	}
	if (rec == REC_KIND_ORG)
		rc = review_unlock_org(ui->app, id, reason, &cause);
	else
		rc = review_unlock_member(ui->app, id, reason, &cause);
	if (rc != 0)
		ui_status(ui, 1, "%s 未解锁: %s", name, why_text(rc, cause));
	else {
		ui_status(ui, 0, "已解锁 %s (回到初核通过), 可以修改", name);
		ui->gen++;
	}
	free(cause);
	ui->full = 1;
	return rc == 0 ? 0 : -1;
}

/* ---- the batch ---- */

struct preview {
	const struct org *branch;
	const char *today;
	int level;
	size_t pass, skip, past;
	char *text;                     /* the skipped, wrapped */
	size_t len;
	struct review_why why;
	int oom;
};

/* One member of the branch: would it pass?  (The same pure rules the
 * core applies; the core's answer after the confirmation is what counts.) */
static int
preview_member(const struct member *m, uint64_t seq, void *ud)
{
	struct preview *p = ud;
	int target = p->level == REV_LEVEL_REVIEW ? REV_REVIEWED : REV_CHECKED;
	char line[V_MSG_MAX * REVIEW_WHY_MAX + REC_NAME_MAX + 64], why[V_MSG_MAX * REVIEW_WHY_MAX];

	(void)seq;
	if (m->meta.review >= target) {
		p->past++;
		return 0;
	}
	if (review_member_eligible(m, p->branch, p->level, p->today, &p->why)) {
		p->pass++;
		return 0;
	}
	p->skip++;
	review_why_join(&p->why, why, sizeof why);
	snprintf(line, sizeof line, "%s %s: %s", m->name, m->idcard, why);
	if (ui_review_wrap(&p->text, &p->len, line, WRAP_COLS, 4) != 0)
		p->oom = 1;
	return 0;
}

/* The step of a batch: from the role; the admin (single-user: both roles)
 * chooses.  0 when cancelled. */
static int
batch_level(struct ui *ui, const char *name)
{
	static const int keys[] = { '1', '2', UK_ESC };
	char text[REC_TEXT_MAX + 128];
	int k;

	if (ui->app->role == ROLE_BRANCH)
		return REV_LEVEL_CHECK;
	if (ui->app->role == ROLE_COMMITTEE)
		return REV_LEVEL_REVIEW;
	snprintf(text, sizeof text, "%s 全体党员:\n1 初核(党支部)\n2 复核(党委)", name);
	k = ui_ask(ui, "批量核对", text, "1初核  2复核  Esc取消", keys, 3);
	return k == '1' ? REV_LEVEL_CHECK : k == '2' ? REV_LEVEL_REVIEW : 0;
}

void
ui_review_batch(struct ui *ui, uint64_t branch, const char *name)
{
	static const int keys[] = { 'y', 'n', UK_ESC };
	static const int ok_keys[] = { UK_ENTER, UK_ESC, 'q' };
	struct preview p;
	struct org *o = org_new();
	struct review_batch b;
	char *cause = NULL, *text = NULL, head[REC_TEXT_MAX + 256], title[64];
	size_t len = 0, i;
	int rc, k;

	memset(&p, 0, sizeof p);
	memset(&b, 0, sizeof b);
	ui->full = 1;
	if (o == NULL)
		return;
	if ((p.level = batch_level(ui, name)) == 0)
		goto done;
	rc = store_org_get(ui->app->st, branch, o, &cause);
	if (rc == 0) {
		p.branch = o;
		p.today = ui->app->today;
		rc = store_branch_page(ui->app->st, branch, 0, 1, SIZE_MAX, 0, preview_member, &p);
	}
	if (rc != 0 || p.oom) {
		ui_status(ui, 1, "无法读取党员名单: %s", rc ? why_text(rc, cause) : "内存不足");
		goto done;
	}
	snprintf(title, sizeof title, "批量%s", review_level_label(p.level));
	if (p.pass == 0) {
		snprintf(head, sizeof head, "%s: 没有可以%s的党员 (已%s %zu 名, 跳过 %zu 名)",
		    name, review_level_label(p.level), review_level_label(p.level), p.past, p.skip);
		if (ui_review_wrap(&text, &len, head, WRAP_COLS, 0) != 0)
			goto done;
		if (p.skip > 0 && (ui_review_wrap(&text, &len, "跳过的党员及原因:", WRAP_COLS, 0) != 0 ||
		    append_lines(&text, &len, p.text) != 0))
			goto done;
		ui_show(ui, title, text, "Enter返回  ↑↓滚动", ok_keys, 3);
		goto done;
	}
	snprintf(head, sizeof head, "%s: %zu 名党员将%s通过; 跳过 %zu 名%s", name, p.pass,
	    review_level_label(p.level), p.skip, p.skip ? ", 原因如下:" : "。");
	if (ui_review_wrap(&text, &len, head, WRAP_COLS, 0) != 0 ||
	    (p.skip > 0 && append_lines(&text, &len, p.text) != 0))
		goto done;
	k = ui_show(ui, title, text, "Y确认  N取消  ↑↓滚动", keys, 3);
	if (k != 'y') {
		ui_status(ui, 0, "已取消, 没有改动");
		goto done;
	}
	rc = review_pass_branch(ui->app, branch, p.level, &b, &cause);
	if (rc != 0) {
		ui_status(ui, 1, "未%s: %s", review_level_label(p.level), why_text(rc, cause));
		goto done;
	}
	ui->gen++;
	ui_status(ui, b.n_skip > 0, "%s: %zu 名党员已%s通过, 跳过 %zu 名", name, b.passed,
	    review_level_label(b.level), b.n_skip);
	if (b.n_skip != p.skip) {
		/* someone changed the branch meanwhile: the core's list */
		free(text);
		text = NULL;
		len = 0;
		for (i = 0; i < b.n_skip; i++) {
			char line[sizeof b.skip[i].why + REC_NAME_MAX + REC_SHORT_MAX + 8];

			snprintf(line, sizeof line, "%s %s: %s", b.skip[i].name, b.skip[i].key,
			    b.skip[i].why);
			if (ui_review_wrap(&text, &len, line, WRAP_COLS, 4) != 0)
				goto done;
		}
		if (text != NULL)
			ui_show(ui, "跳过的党员及原因", text, "Enter返回  ↑↓滚动", ok_keys, 3);
	}
done:
	review_batch_free(&b);
	free(cause);
	free(p.text);
	free(text);
	org_delete(o);
	ui->full = 1;
}

void
ui_review_sign(struct ui *ui, uint64_t id)
{
	struct org *o = org_new();
	char title[REC_TEXT_MAX + 32], who[REC_NAME_MAX], date[32], *cause = NULL;
	int rc;

	ui->full = 1;
	if (o == NULL)
		return;
	if ((rc = store_org_get(ui->app->st, id, o, &cause)) != 0) {
		ui_status(ui, 1, "无法读取: %s", why_text(rc, cause));
		goto done;
	}
	snprintf(title, sizeof title, "书记签字: %s", o->name);
	snprintf(who, sizeof who, "%s", o->signed_by[0] ? o->signed_by : o->secretary);
	if (ui_prompt(ui, title, "签字的书记姓名:", who, sizeof who, 24) != 0 || who[0] == '\0')
		goto done;
	if (o->signed_date[0] != '\0')
		snprintf(date, sizeof date, "%s", o->signed_date);
	else if (ui->app->today != NULL)
		snprintf(date, sizeof date, "%s", ui->app->today);
	else {
		time_t t = time(NULL);
		struct tm tm;

		if (localtime_r(&t, &tm) == NULL || strftime(date, sizeof date, "%Y-%m-%d", &tm) == 0)
			date[0] = '\0';
	}
	if (ui_prompt(ui, title, "签字日期:", date, sizeof date, 14) != 0)
		goto done;
	rc = review_sign_org(ui->app, id, who, date[0] ? date : NULL, &cause);
	if (rc != 0)
		ui_status(ui, 1, "未记录签字: %s", why_text(rc, cause));
	else {
		ui_status(ui, 0, "已记录书记签字: %s %s", who, date);
		ui->gen++;
	}
done:
	free(cause);
	org_delete(o);
	ui->full = 1;
}
