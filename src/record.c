/*
 * record.c - helpers on the shared record structs.
 */
#include <stdlib.h>
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
org_reset(struct org *o)
{
	struct unit *u;
	size_t cap;

	u = o->units;
	cap = o->cap_units;
	org_init(o);
	o->units = u;
	o->cap_units = cap;
}

void
org_free(struct org *o)
{
	if (o == NULL)
		return;
	free(o->units);
	o->units = NULL;
	o->cap_units = 0;
	o->n_units = 0;
}

struct org *
org_new(void)
{
	struct org *o = malloc(sizeof *o);

	if (o != NULL)
		org_init(o);
	return o;
}

void
org_delete(struct org *o)
{
	org_free(o);
	free(o);
}

int
org_units_reserve(struct org *o, size_t n)
{
	struct unit *u;
	size_t cap;

	if (n <= o->cap_units)
		return 0;
	if (n > REC_UNITS_LIMIT)
		return -1;
	cap = o->cap_units ? o->cap_units * 2 : 4;
	if (cap < n)
		cap = n;
	if (cap > REC_UNITS_LIMIT)
		cap = REC_UNITS_LIMIT;
	if ((u = realloc(o->units, cap * sizeof *u)) == NULL)
		return -1;
	o->units = u;
	o->cap_units = cap;
	return 0;
}

struct unit *
org_unit_add(struct org *o)
{
	struct unit *u;

	if (org_units_reserve(o, o->n_units + 1) != 0)
		return NULL;
	u = &o->units[o->n_units++];
	memset(u, 0, sizeof *u);
	return u;
}

void
org_unit_remove(struct org *o, size_t i)
{
	if (i >= o->n_units)
		return;
	memmove(&o->units[i], &o->units[i + 1],
	    (o->n_units - i - 1) * sizeof o->units[0]);
	o->n_units--;
}

int
org_units_copy(struct org *dst, const struct org *src)
{
	if (dst == src)
		return 0;
	if (org_units_reserve(dst, src->n_units) != 0)
		return -1;
	if (src->n_units > 0)
		memcpy(dst->units, src->units, src->n_units * sizeof src->units[0]);
	dst->n_units = src->n_units;
	return 0;
}

int
org_copy(struct org *dst, const struct org *src)
{
	struct unit *u;
	size_t cap;

	if (dst == src)
		return 0;
	u = dst->units;
	cap = dst->cap_units;
	*dst = *src;
	dst->units = u;
	dst->cap_units = cap;
	dst->n_units = 0;
	return org_units_copy(dst, src);
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
