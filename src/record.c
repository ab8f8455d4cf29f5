/*
 * record.c - helpers on the shared record structs.
 */
#include <string.h>

#include "record.h"
#include "utf8.h"

static const char *const removal_labels[] = {
	[RM_NONE] = "",
	[RM_TRANSFER] = "转出",
	[RM_DEATH] = "死亡",
	[RM_EXPELLED] = "出党",
	[RM_ENTRY_ERROR] = "录入错误",
	[RM_OTHER] = "其他",
};

const char *
rec_removal_label(int reason)
{
	if (reason < 0 || reason > RM_OTHER)
		return "";
	return removal_labels[reason];
}

int
rec_removal_parse(const char *label)
{
	int i;

	for (i = RM_TRANSFER; i <= RM_OTHER; i++)
		if (strcmp(label, removal_labels[i]) == 0)
			return i;
	return -1;
}

void
org_init(struct org *o)
{
	memset(o, 0, sizeof *o);
	o->stat_count = -1;
}

void
member_init(struct member *m)
{
	memset(m, 0, sizeof *m);
}

int
org_is_branch(const char *category)
{
	return strcmp(category, "党支部") == 0 ||
	    strcmp(category, "联合党支部") == 0 ||
	    strcmp(category, "临时党支部") == 0 ||
	    strcmp(category, "临时联合党支部") == 0;
}

int
org_is_temporary(const char *category)
{
	return strncmp(category, "临时", strlen("临时")) == 0;
}

int
org_is_general(const char *category)
{
	return strcmp(category, "党总支部") == 0 ||
	    strcmp(category, "临时党总支部") == 0;
}

int
org_is_committee(const char *category)
{
	return strcmp(category, "党委") == 0 ||
	    strcmp(category, "党工委") == 0 ||
	    strcmp(category, "临时党委") == 0;
}

int
rec_strcpy(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);

	if (n == 0)
		return -1;
	if (len < n) {
		memcpy(dst, src, len + 1);
		return 0;
	}
	len = utf8_cut(src, len, n - 1);
	memcpy(dst, src, len);
	dst[len] = '\0';
	return -1;
}

int
rec_confirm_add(struct rec_meta *meta, const char *rule, const char *by,
    int64_t at)
{
	struct rec_confirm *c;
	size_t i;

	for (i = 0; i < meta->n_confirm && i < REC_CONFIRM_MAX; i++)
		if (strcmp(meta->confirm[i].rule, rule) == 0)
			return 0;
	if (meta->n_confirm >= REC_CONFIRM_MAX)
		return -1;
	c = &meta->confirm[meta->n_confirm++];
	memset(c, 0, sizeof *c);
	rec_strcpy(c->rule, sizeof c->rule, rule);
	rec_strcpy(c->by, sizeof c->by, by);
	c->at = at;
	return 0;
}
