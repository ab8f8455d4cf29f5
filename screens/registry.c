/* registry.c - every screen definition, and the look-ups over them.  A new
 * screen is its definition in screens/, its kind's handlers in src/ (when
 * it is a new kind) and one line here; screens open each other by name. */
#include <string.h>

#include "screen.h"

extern const struct screen_def screen_tree, screen_members, screen_member, screen_org,
    screen_search, screen_help, screen_stats, screen_check, screen_export, screen_print,
    screen_import, screen_opstats, screen_verify, screen_history, screen_progress;

const struct screen_def *const screen_table[] = {
	&screen_tree,
	&screen_members,
	&screen_member,
	&screen_org,
	&screen_search,
	&screen_help,
	&screen_stats,
	&screen_check,
	&screen_export,
	&screen_print,
	&screen_import,
	&screen_opstats,
	&screen_verify,
	&screen_history,
	&screen_progress,
	NULL
};

const struct screen_def *
screen_find(const char *name)
{
	const struct screen_def *const *s;

	for (s = screen_table; *s != NULL; s++)
		if (strcmp((*s)->name, name) == 0)
			return *s;
	return NULL;
}

int
screen_key_action(const struct screen_def *s, int k, int in_text)
{
	size_t i, j;

	for (i = 0; i < s->nkeys; i++) {
		const struct key_def *kd = &s->keys[i];

		if (kd->where == KW_NOTEXT && in_text)
			continue;
		for (j = 0; j < KEY_CODES_MAX && kd->codes[j] != 0; j++)
			if (kd->codes[j] == k)
				return kd->action;
	}
	return ACT_NONE;
}

const struct field_def *
form_field(const struct form_def *d, const char *key)
{
	size_t i;

	for (i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].key, key) == 0)
			return &d->fields[i];
	for (i = 0; i < d->nunit_fields; i++)
		if (strcmp(d->unit_fields[i].key, key) == 0)
			return &d->unit_fields[i];
	return NULL;
}
