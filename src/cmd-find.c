/*
 * cmd-find.c - caiji find TEXT: where is this person?  Every member whose
 * 公民身份证号 or 联系电话 holds TEXT (digits: the search table), whose
 * 姓名 holds it (the name index), or whose name's pinyin initials begin
 * with it (Latin letters: "zsf" for 张三丰), one line each with the branch.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "initials.h"
#include "utf8.h"

struct find_initials {
	struct initials *in;
	const char *q;            /* lower case */
};

/* Names whose pinyin initials start with the query. */
static int
initials_match(const char *name, size_t len, void *ud)
{
	struct find_initials *fi = ud;
	const char *q = fi->q;
	char buf[REC_SHORT_MAX], ini[REC_SHORT_MAX];
	size_t ql = strlen(q), i;

	if (len >= sizeof buf)
		return 0;
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (utf8_count(buf) < ql)
		return 0;
	initials_of(fi->in, buf, ini, sizeof ini);
	/* a character without a known initial (GB 2312 level 2: 岚, 琰 ...)
	 * matches any letter: a name is found rather than missed */
	for (i = 0; i < ql; i++)
		if (ini[i] != q[i] && ini[i] != '?')
			return 0;
	return 1;
}

static int
cmd_find_exec(struct app *app, struct args *args)
{
	const char *text = args_arg(args, 0);
	char q[REC_SHORT_MAX];
	uint64_t *ids = NULL, id, branch = 0;
	size_t n = 0, i, shown = 0;
	struct member *m = NULL;
	struct org *o = NULL;
	int rc;

	if (strlen(text) >= sizeof q || *text == '\0')
		return app_error("find: 查找内容为空或过长");
	if (app_open_existing(app) != 0)
		return 1;
	if (strspn(text, "0123456789Xx-") == strlen(text)) {
		/* a whole ID number through the unique index; else a part */
		if (strlen(text) == 18 && store_member_by_idcard(app->st, text, &id) == 0) {
			if ((ids = malloc(sizeof *ids)) == NULL)
				return app_error("内存不足");
			ids[0] = id;
			n = 1;
			rc = 0;
		} else
			rc = store_member_search_text(app->st, text, &ids, &n);
	} else if (strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
	    strlen(text)) {
		struct find_initials fi = { initials_open(), q };

		for (i = 0; text[i] != '\0'; i++)
			q[i] = (char)tolower((unsigned char)text[i]);
		q[i] = '\0';
		if (fi.in == NULL)
			return app_error("find: 无法按拼音首字母查找(iconv 不支持 GB2312)");
		/* the initials index (a few range reads); a query longer than
		 * it takes goes through every name */
		if (initials_query(q))
			rc = store_member_search_initials(app->st, q, &ids, &n);
		else
			rc = store_member_search_name_by(app->st, initials_match, &fi, &ids, &n);
		initials_close(fi.in);
	} else
		rc = store_member_search_name(app->st, text, &ids, &n);
	if (rc != 0)
		return app_error("查找失败: %s", store_strerror(rc));
	m = malloc(sizeof *m);
	o = malloc(sizeof *o);
	if (m == NULL || o == NULL) {
		free(ids);
		free(m);
		free(o);
		return app_error("内存不足");
	}
	o->name[0] = '\0';
	for (i = 0; i < n; i++) {
		if (store_member_get(app->st, ids[i], m, NULL) != 0)
			continue;
		if (m->branch != branch) {
			branch = m->branch;
			if (store_org_get_head(app->st, branch, o) != 0)
				rec_strcpy(o->name, sizeof o->name, "未知党组织");
		}
		printf("%s\t%s\t%s\t%s%s%s\n", m->name, m->idcard, m->phone, o->name,
		    m->meta.removed != RM_NONE ? "\t已移除: " : "",
		    m->meta.removed != RM_NONE ? rec_removal_label(m->meta.removed) : "");
		shown++;
	}
	free(ids);
	free(m);
	free(o);
	if (fflush(stdout) != 0)
		return app_error("写出失败");
	fprintf(stderr, "找到 %zu 名党员\n", shown);
	return shown > 0 ? 0 : 1;
}

static void
find_help(FILE *fp)
{
	fputs("  TEXT 为数字时查公民身份证号(整号或其中一段)和联系电话;为汉字时查姓名(包含即可);\n"
	    "  为拉丁字母时查姓名拼音首字母(如 zsf 查张三丰,多音字按国标 GB 2312 的排序读音;\n"
	    "  GB 2312 二级字(如 岚)的首字母未知,可配任何字母)。\n"
	    "  每名党员一行: 姓名、公民身份证号、联系电话、所在党支部(已移除的注明原因),\n"
	    "  以制表符分隔;人数写到标准错误。找到时退出码 0,找不到为 1。\n", fp);
}

const struct cmd_entry cmd_find_entry = {
	.name = "find",
	.usage = "TEXT",
	.summary = "查找党员在哪个党支部:按身份证号(整号或一段)、电话、姓名或姓名拼音首字母",
	.args = { NULL, 1, 1, 0 },
	.usage_status = 2,
	.help = find_help,
	.exec = cmd_find_exec,
};
