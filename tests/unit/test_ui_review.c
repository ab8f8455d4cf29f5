/* test_ui_review.c - the pure parts of the checking workflow's TUI: the
 * progress board's lines, the wrapping of the batch's skipped list, and
 * the keys and the 确认方式 set of the screen definitions. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "review.h"
#include "screen.h"
#include "ui.h"
#include "ui_progress.h"
#include "ui_review.h"

static void
utf8(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
}

static struct review_row
branch_row(const char *name)
{
	struct review_row r;

	memset(&r, 0, sizeof r);
	r.kind = RR_BRANCH;
	r.depth = 1;
	snprintf(r.name, sizeof r.name, "%s", name);
	r.stat_count = 12;
	r.entered = 11;
	r.complete = 10;
	r.checked = 7;
	r.reviewed = 2;
	r.returned = 1;
	r.orgs = 1;
	r.orgs_signed = 1;
	r.last_at = 1780000000;
	snprintf(r.last_by, sizeof r.last_by, "zhangsan");
	return r;
}

Test(progress, branch_line_fits_80_columns, .init = utf8)
{
	struct review_row r = branch_row("中共某某市示范科技有限公司研发中心第一党支部");
	char line[512];

	ui_progress_line(&r, NULL, line, sizeof line);
	cr_assert_leq(ui_width(line), 79, "%d columns: %s", ui_width(line), line);
	/* cut in the middle: both ends stay (第一/第二 differ at the end) */
	cr_assert_not_null(strstr(line, "  中共某某"), "%s", line);
	cr_assert_not_null(strstr(line, "..") , "%s", line);
	cr_assert_not_null(strstr(line, "第一党支部"), "%s", line);
	cr_assert_not_null(strstr(line, "   12   11   10    7    2    1   是 "), "%s", line);
	cr_assert_not_null(strstr(line, " zhangsan"), "%s", line);
}

Test(progress, totals_and_missing_numbers, .init = utf8)
{
	struct review_row r = branch_row("中共某某公司委员会");
	char line[512];

	r.kind = RR_COMMITTEE;
	r.depth = 0;
	r.stat_count = -1;
	r.orgs = 5;
	r.orgs_signed = 3;
	r.last_at = 0;
	ui_progress_line(&r, "中共某某公司委员会", line, sizeof line);
	cr_assert(strncmp(line, "合计 中共某某公司委员会", strlen("合计 中共某某公司委员会")) == 0,
	    "%s", line);
	cr_assert_not_null(strstr(line, "    -   11"), "%s", line);
	cr_assert_not_null(strstr(line, "  3/5 "), "%s", line);
	r.kind = RR_GENERAL;
	r.depth = 1;
	snprintf(r.name, sizeof r.name, "中共某某公司研发中心总支部委员会");
	ui_progress_line(&r, "中共某某公司委员会", line, sizeof line);
	cr_assert(strncmp(line, "  小计 研发中心总支部委员会 ", strlen("  小计 研发中心总支部委员会 ")) == 0,
	    "below the committee its name's start is left out: %s", line);
}

/* The shared start is cut at a character, never inside one. */
Test(progress, shared_start_whole_characters, .init = utf8)
{
	struct review_row r = branch_row("中共某某物业联合党支部");
	char line[512];

	/* 某 (e6 9f 90) and 柒 (e6 9f 92) share two bytes */
	ui_progress_line(&r, "中共某柒公司委员会", line, sizeof line);
	cr_assert(strncmp(line, "  某物业联合党支部 ", strlen("  某物业联合党支部 ")) == 0, "%s", line);
}

Test(wrap, lines_keep_every_character, .init = utf8)
{
	const char *s = "胡蕾兰 150925195711280363: 错误: 加入党组织日期:不能晚于今天(2026-06-01)；"
	    "确认方式未填写；记录保存为草稿";
	char *buf = NULL, *p, *q, joined[1024] = "";
	size_t len = 0;
	int lines = 0;

	cr_assert_eq(ui_review_wrap(&buf, &len, s, 30, 4), 0);
	cr_assert_eq(len, strlen(buf));
	for (p = buf; *p != '\0'; p = q + 1) {
		q = strchr(p, '\n');
		cr_assert_not_null(q, "each line ends in a newline");
		*q = '\0';
		cr_assert_leq(ui_width(p), 30, "line %d: %s", lines, p);
		if (lines > 0) {
			cr_assert(strncmp(p, "    ", 4) == 0, "continuation indented: %s", p);
			p += 4;
		}
		strcat(joined, p);
		lines++;
	}
	cr_assert_gt(lines, 2);
	cr_assert_str_eq(joined, s);
	free(buf);
}

Test(keys, review_keys_bound_once)
{
	const struct screen_def *org = screen_find("org"), *member = screen_find("member");
	const struct screen_def *tree = screen_find("tree"), *members = screen_find("members");

	cr_assert_eq(screen_key_action(member, UK_F7, 1), ACT_UNLOCK);
	cr_assert_eq(screen_key_action(org, UK_F7, 1), ACT_UNLOCK);
	/* F6 stays the org form's 删除单位附页 */
	cr_assert_eq(screen_key_action(org, UK_F6, 1), ACT_UNIT_DEL);
	cr_assert_eq(screen_key_action(members, 'a', 0), ACT_PASS);
	cr_assert_eq(screen_key_action(members, 'b', 0), ACT_RETURN);
	cr_assert_eq(screen_key_action(tree, 'a', 0), ACT_PASS);
	cr_assert_eq(screen_key_action(tree, 'A', 0), ACT_PASS_BRANCH);
	cr_assert_eq(screen_key_action(tree, 'b', 0), ACT_RETURN);
	cr_assert_eq(screen_key_action(tree, 'w', 0), ACT_SIGN);
	cr_assert_eq(screen_key_action(tree, 't', 0), ACT_PROGRESS);
	cr_assert_not_null(screen_find("progress"));
	cr_assert_eq(screen_key_action(screen_find("progress"), 'R', 0), ACT_REFRESH);
}

/* 确认方式 is a set in the member form: ticked, stored as the core formats it. */
Test(screens, confirm_method_is_a_set, .init = utf8)
{
	const struct form_def *d = screen_find("member")->form;
	const struct set_def *s = NULL;
	char out[256];
	unsigned set = 0;
	size_t i;

	for (i = 0; i < d->nsets; i++)
		if (strcmp(d->sets[i].key, "confirm_method") == 0)
			s = &d->sets[i];
	cr_assert_not_null(s);
	cr_assert_not_null(form_field(d, s->key));
	cr_assert_eq(s->n, CM_COUNT);
	cr_assert_str_eq(s->name(1u << 0), "本人签字");
	cr_assert_eq(s->parse("他人代填、电话确认", &set, NULL, 0), 0);
	cr_assert_eq(s->format(set, out, sizeof out), 0);
	cr_assert_str_eq(out, "他人代填、电话确认");
	/* the widest set fits its field */
	cr_assert_eq(s->format(CM_PROXY | CM_CHANNELS, out, sizeof out), 0);
	cr_assert_leq(ui_width(out), s->width);
	cr_assert_eq(screen_find("org")->form->nsets, 0);
}

/* The help screen gives a key's text 51 columns (80 - 29): the workflow's
 * keys say all they do there, nothing cut. */
Test(keys, review_help_fits, .init = utf8)
{
	const struct screen_def *const *s;
	size_t i;

	for (s = screen_table; *s != NULL; s++)
		for (i = 0; i < (*s)->nkeys; i++) {
			const struct key_def *k = &(*s)->keys[i];

			int review = k->action == ACT_PASS || k->action == ACT_PASS_BRANCH ||
			    k->action == ACT_RETURN || k->action == ACT_UNLOCK ||
			    k->action == ACT_SIGN || k->action == ACT_PROGRESS;

			if (!review && strcmp((*s)->name, "progress") != 0)
				continue;
			cr_assert_leq(ui_width(k->help), 51, "%s: %s", (*s)->name, k->help);
			cr_assert_leq(ui_width(k->keys), 26, "%s: %s", (*s)->name, k->keys);
		}
}
