/*
 * review.c - the rules of the checking workflow (review.h): states and
 * their names, 确认方式 as a set, who takes which step, and what a record
 * needs to pass a step, with Chinese reasons.  Pure: no LMDB, no curses
 * (the transitions are review_store.c).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "codelist.h"
#include "record.h"
#include "review.h"
#include "validate.h"

const char *
review_state_label(int state)
{
	switch (state) {
	case REV_ENTRY:
		return "录入";
	case REV_CHECKED:
		return "初核通过";
	case REV_REVIEWED:
		return "复核通过";
	}
	return "";
}

const char *
review_level_label(int level)
{
	switch (level) {
	case REV_LEVEL_CHECK:
		return "初核";
	case REV_LEVEL_REVIEW:
		return "复核";
	}
	return "";
}

int
review_locked(const struct rec_meta *meta)
{
	return meta != NULL && meta->review == REV_REVIEWED;
}

const char *
review_marker(const struct rec_meta *meta)
{
	if (meta->n_return > 0)
		return "退回";
	switch (meta->review) {
	case REV_CHECKED:
		return "初核";
	case REV_REVIEWED:
		return "复核";
	}
	return "录入";
}

const struct rec_return *
review_return_of(const struct rec_meta *meta, const char *key)
{
	size_t i;

	if (key == NULL)
		key = "";
	for (i = 0; i < meta->n_return && i < REC_RETURN_MAX; i++)
		if (strcmp(meta->ret[i].field, key) == 0)
			return &meta->ret[i];
	return NULL;
}

/* ---- 确认方式 ---- */

/* The bits in code-list order (src/data/confirm_method.tsv). */
static const struct {
	unsigned bit;
	const char *name;
} cm_names[CM_COUNT] = {
	{ CM_SIGNED, "本人签字" },
	{ CM_PROXY, "他人代填" },
	{ CM_PHONE, "电话确认" },
	{ CM_SMS, "短信确认" },
	{ CM_WECHAT, "微信确认" },
};

const char *
confirm_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < CM_COUNT; i++)
		if (cm_names[i].bit == bit)
			return cm_names[i].name;
	return NULL;
}

/* Length of the separator at s, 0 when none. */
static size_t
sep_len(const char *s)
{
	if (strncmp(s, "、", 3) == 0 || strncmp(s, "，", 3) == 0 ||
	    strncmp(s, "；", 3) == 0 || strncmp(s, "　", 3) == 0 ||
	    strncmp(s, "＋", 3) == 0 || strncmp(s, "／", 3) == 0)
		return 3;
	if (*s == ',' || *s == '+' || *s == '/' || *s == ';' || *s == ' ' ||
	    *s == '\t')
		return 1;
	return 0;
}

int
confirm_parse(const char *s, unsigned *set, char *bad, size_t bad_n)
{
	struct verdict v;
	char tok[REC_TEXT_MAX];
	unsigned out = 0;
	size_t n, i;

	if (bad != NULL && bad_n > 0)
		bad[0] = '\0';
	*set = 0;
	if (s == NULL)
		return 0;
	/* the common case, one stored name, without a scan for separators */
	for (i = 0; i < CM_COUNT; i++)
		if (strcmp(s, cm_names[i].name) == 0) {
			*set = cm_names[i].bit;
			return 0;
		}
	while (*s != '\0') {
		if ((n = sep_len(s)) > 0) {
			s += n;
			continue;
		}
		for (n = 0; s[n] != '\0' && sep_len(s + n) == 0; n++)
			;
		if (n >= sizeof tok)
			n = sizeof tok - 1;
		memcpy(tok, s, n);
		tok[n] = '\0';
		for (; s[0] != '\0' && sep_len(s) == 0; s++)
			;
		/* an official name (what is stored): no code-list search */
		for (i = 0; i < CM_COUNT; i++)
			if (strcmp(tok, cm_names[i].name) == 0)
				break;
		if (i < CM_COUNT) {
			out |= cm_names[i].bit;
			continue;
		}
		if (validate_coded(CL_CONFIRM_METHOD, "确认方式", tok, &v) == SEV_ERROR) {
			if (bad != NULL && bad_n > 0)
				snprintf(bad, bad_n, "%s", tok);
			return -1;
		}
		for (i = 0; i < CM_COUNT; i++)
			if (strcmp(v.norm, cm_names[i].name) == 0)
				out |= cm_names[i].bit;
	}
	*set = out;
	return 0;
}

int
confirm_format(unsigned set, char *out, size_t n)
{
	size_t i, len = 0, l;

	if (n == 0)
		return -1;
	out[0] = '\0';
	for (i = 0; i < CM_COUNT; i++) {
		if (!(set & cm_names[i].bit))
			continue;
		l = strlen(cm_names[i].name) + (len > 0 ? 3 : 0);
		if (len + l + 1 > n) {
			out[0] = '\0';
			return -1;
		}
		if (len > 0) {
			memcpy(out + len, "、", 3);
			len += 3;
		}
		memcpy(out + len, cm_names[i].name, strlen(cm_names[i].name));
		len += strlen(cm_names[i].name);
		out[len] = '\0';
	}
	return 0;
}

const char *
confirm_incomplete(unsigned set)
{
	if ((set & CM_ALL) == 0)
		return "确认方式未填写（本人签字，或他人代填并注明电话、短信或微信确认）";
	if ((set & CM_SIGNED) && (set & (CM_PROXY | CM_CHANNELS)))
		return "确认方式:本人签字与他人代填（电话、短信、微信确认）不能同时选择";
	if ((set & CM_PROXY) && !(set & CM_CHANNELS))
		return "确认方式:他人代填须注明电话、短信或微信确认";
	return NULL;
}

/* ---- eligibility ---- */

static void
why_add(struct review_why *w, const char *fmt, const char *a, const char *b)
{
	if (w == NULL)
		return;
	if (w->n == REVIEW_WHY_MAX) {
		/* the last line says that more were left out */
		snprintf(w->msg[REVIEW_WHY_MAX - 1], V_MSG_MAX, "……还有其他问题");
		return;
	}
	snprintf(w->msg[w->n++], V_MSG_MAX, fmt, a, b != NULL ? b : "");
}

void
review_why_join(const struct review_why *w, char *out, size_t n)
{
	size_t i, len = 0, l;

	if (n == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < w->n; i++) {
		l = strlen(w->msg[i]);
		if (len + (i ? 3 : 0) + l + 1 > n)
			break;
		if (i > 0) {
			memcpy(out + len, "；", 3);
			len += 3;
		}
		memcpy(out + len, w->msg[i], l);
		len += l;
		out[len] = '\0';
	}
}

int
review_next_level(int role, int state, int org_branch, struct review_why *why)
{
	if (why != NULL)
		why->n = 0;
	if (state == REV_REVIEWED) {
		why_add(why, "%s", "已复核通过（已锁定）", NULL);
		return REV_LEVEL_NONE;
	}
	if (state == REV_ENTRY) {
		if (role == ROLE_ADMIN || (org_branch ? role == ROLE_BRANCH :
		    role == ROLE_COMMITTEE))
			return REV_LEVEL_CHECK;
		if (role == ROLE_COMMITTEE)
			why_add(why, "%s", "尚未初核：初核须由本党支部的录入员进行", NULL);
		else
			why_add(why, "%s", "没有权限进行初核", NULL);
		return REV_LEVEL_NONE;
	}
	if (role == ROLE_ADMIN || role == ROLE_COMMITTEE)
		return REV_LEVEL_REVIEW;
	if (role == ROLE_BRANCH)
		why_add(why, "%s", "已初核通过：复核须由党委录入员进行", NULL);
	else
		why_add(why, "%s", "没有权限进行复核", NULL);
	return REV_LEVEL_NONE;
}

int
review_done_for(int role, int state, int org_branch)
{
	if (state == REV_REVIEWED)
		return 1;
	if (state == REV_CHECKED)
		return org_branch ? role == ROLE_BRANCH : 0;
	return 0;
}

/* The state, removal and draft reasons common to both kinds. */
static void
common_reasons(const struct rec_meta *meta, int level, int open,
    struct review_why *why)
{
	if (meta->removed != RM_NONE)
		why_add(why, "记录已移除（%s）", rec_removal_label(meta->removed), NULL);
	if (level == REV_LEVEL_CHECK && meta->review == REV_CHECKED)
		why_add(why, "%s", "已初核通过", NULL);
	else if (meta->review == REV_REVIEWED)
		why_add(why, "%s", "已复核通过（已锁定）", NULL);
	else if (level == REV_LEVEL_REVIEW && meta->review == REV_ENTRY)
		why_add(why, "%s", meta->n_return > 0 ? "退回意见尚未处理（须重新初核）" :
		    "尚未初核", NULL);
	if (meta->state == REC_DRAFT && !open)
		why_add(why, "%s", "记录保存为草稿", NULL);
}

/* The open issues of r, each a reason. */
static int
issue_reasons(const struct vreport *r, struct review_why *why)
{
	size_t i;
	int open = 0;

	for (i = 0; i < r->n; i++) {
		if (!vissue_open(&r->it[i]))
			continue;
		open = 1;
		why_add(why, r->it[i].sev == SEV_ERROR ? "错误: %s" : "未确认的警告: %s",
		    r->it[i].msg, NULL);
	}
	if (!open && (r->errors > 0 || r->unconfirmed > 0))
		open = 1;
	return open;
}

int
review_member_eligible(const struct member *m, const struct org *branch,
    int level, const char *today, struct review_why *why)
{
	struct review_why local;
	struct vreport r;
	const char *c;
	unsigned set;
	int open, confirm = !(level & REV_NO_CONFIRM);

	if (why == NULL)
		why = &local;
	why->n = 0;
	level &= ~REV_NO_CONFIRM;
	validate_member(m, branch, today, &r);
	open = r.errors > 0 || r.unconfirmed > 0;
	common_reasons(&m->meta, level, open, why);
	issue_reasons(&r, why);
	if (level == REV_LEVEL_CHECK && confirm) {
		if (confirm_parse(m->confirm_method, &set, NULL, 0) != 0)
			why_add(why, "%s", "确认方式无法识别", NULL);
		else if ((c = confirm_incomplete(set)) != NULL)
			why_add(why, "%s", c, NULL);
	}
	return why->n == 0;
}

int
review_org_eligible(const struct org *o, int level, const char *today,
    struct review_why *why)
{
	struct review_why local;
	struct vreport r;
	int open;

	if (why == NULL)
		why = &local;
	why->n = 0;
	validate_org(o, today, &r);
	open = r.errors > 0 || r.unconfirmed > 0;
	common_reasons(&o->meta, level, open, why);
	issue_reasons(&r, why);
	if (level == REV_LEVEL_CHECK) {
		if (o->signed_by[0] == '\0')
			why_add(why, "%s", "未记录书记签字（caiji review sign）", NULL);
		else if (o->signed_date[0] == '\0')
			why_add(why, "%s", "未记录书记签字日期", NULL);
	}
	return why->n == 0;
}
