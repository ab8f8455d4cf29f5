/*
 * ui_print.c - 打印 (ui_print.h): print.h's PDF of a member, a branch or an
 * organisation, written into the user's home directory under print.h's
 * default name, the path shown in a box.  A modal flow run over the tree
 * or the member list, not a screen of its own.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "print.h"
#include "ui.h"
#include "ui_dialog.h"
#include "ui_print.h"
#include "utf8.h"

/* The user's directory: $HOME when it is a directory, else the password
 * entry's, else the current one. */
static const char *
user_dir(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;
	struct stat sb;

	if (h != NULL && h[0] == '/' && stat(h, &sb) == 0 && S_ISDIR(sb.st_mode))
		return h;
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && stat(pw->pw_dir, &sb) == 0 &&
	    S_ISDIR(sb.st_mode))
		return pw->pw_dir;
	return ".";
}

/* Append s to out (size n, NUL-terminated) as lines of at most cols
 * columns, each ending in '\n' (the box does not wrap a long path). */
static void
append_wrapped(char *out, size_t n, const char *s, size_t cols)
{
	size_t len = strlen(out);

	while (*s != '\0' && len + 2 < n) {
		size_t k = utf8_cut_cols(s, cols, NULL);

		if (k == 0)
			k = 1;
		if (k > n - len - 2)
			k = n - len - 2;
		memcpy(out + len, s, k);
		len += k;
		out[len++] = '\n';
		out[len] = '\0';
		s += k;
	}
}

/* What to print for the organisation o: asked when there is a choice.
 * Returns 0 with po->what and po->id set, -1 on Esc. */
static int
print_choose(struct ui *ui, const char *title, const struct org *o, struct print_opts *po)
{
	static const struct cl_entry branch_choices[] = {
		{ "1", "本支部全体党员的附件2 党员基本信息采集表", "", "" },
		{ "2", "本支部的附件1 党组织和所在单位基本信息采集表", "", "" },
		{ "3", "空白附件2(已填所在党支部)", "", "" },
	};
	static const struct cl_entry org_choices[] = {
		{ "1", "本组织的附件1 党组织和所在单位基本信息采集表", "", "" },
		{ "2", "本组织及下级的全部附件1和附件2(按上报顺序)", "", "" },
	};
	static const int what_branch[] = { PRINT_BRANCH, PRINT_ORG, PRINT_BLANK_MEMBER };
	static const int what_org[] = { PRINT_ORG, PRINT_COMMITTEE };
	int k;

	if (org_is_branch(o->category)) {
		k = ui_pick(ui, title, branch_choices, 3, NULL);
		if (k < 0)
			return -1;
		po->what = what_branch[k];
	} else {
		k = ui_pick(ui, title, org_choices, 2, NULL);
		if (k < 0)
			return -1;
		po->what = what_org[k];
	}
	po->id = o->meta.id;
	return 0;
}

static void
print_flow(struct ui *ui, const struct screen_def *def, const struct uopen *a)
{
	static const int ok_keys[] = { UK_ENTER, UK_ESC, 'q' };
	struct print_opts po;
	struct print_result res;
	struct member *m = NULL;
	struct org *o = NULL;
	char title[320], fname[1024], path[2048], text[4096], *cause = NULL;
	const char *name = "", *idcard = NULL;
	int rc;

	memset(&po, 0, sizeof po);
	snprintf(title, sizeof title, "%s: %s", def->title, a->name ? a->name : "");
	m = malloc(sizeof *m);
	o = org_new();
	if (m == NULL || o == NULL)
		goto out;
	if (a->id != 0) {
		if (store_member_get(ui->app->st, a->id, m, &cause) != 0) {
			ui_status(ui, 1, "未打印: %s", cause ? cause : "读取失败");
			goto out;
		}
		po.what = PRINT_MEMBER;
		po.id = a->id;
		name = m->name;
		idcard = m->idcard;
	} else {
		if (store_org_get(ui->app->st, a->org, o, &cause) != 0) {
			ui_status(ui, 1, "未打印: %s", cause ? cause : "读取失败");
			goto out;
		}
		if (print_choose(ui, title, o, &po) != 0)
			goto out;
		name = o->name;
	}
	if (print_default_name(po.what, name, idcard, fname, sizeof fname) != 0 ||
	    (size_t)snprintf(path, sizeof path, "%s/%s", user_dir(), fname) >= sizeof path) {
		ui_status(ui, 1, "未打印: 名称太长");
		goto out;
	}
	po.path = path;
	po.today = ui->app->today;
	/* a committee takes a while: say so before the work */
	ui_busy(ui, "正在生成 PDF……");
	rc = print_run(ui->app->st, &po, &res, &cause);
	if (rc != PRINT_OK) {
		ui_status(ui, 1, "未打印: %s", cause ? cause : "未知错误");
		goto out;
	}
	snprintf(text, sizeof text, "已生成:\n");
	append_wrapped(text, sizeof text, path, 70);
	snprintf(text + strlen(text), sizeof text - strlen(text),
	    "共 %zu 页 (附件1 %zu 份, 附件2 %zu 份)\n"
	    "用 PDF 阅读器打开后打印, 交本人核对签字。", res.pages, res.orgs, res.members);
	ui_status(ui, 0, "已生成 %s", path);
	ui_draw_status(ui);     /* ui_show puts stdscr out, then its box */
	ui_show(ui, title, text, "Enter 返回", ok_keys, 3);
out:
	ui->full = 1;
	free(cause);
	free(m);
	org_delete(o);
}

const struct ukind_ops ui_print_ops = {
	.run = print_flow,
};
