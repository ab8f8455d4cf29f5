/*
 * review_store.c - the transitions of the checking workflow and the
 * progress board (review.h), through the store (store.h).
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cause.h"
#include "review.h"
#include "store.h"

#define TODO(cause) (cause_set(cause, "尚未实现"), STORE_EINVAL)

int
review_pass_member(struct app *app, uint64_t id, uint64_t version,
    int *level, char **cause)
{
	(void)app; (void)id; (void)version; (void)level;
	return TODO(cause);
}

int
review_pass_org(struct app *app, uint64_t id, uint64_t version,
    int *level, char **cause)
{
	(void)app; (void)id; (void)version; (void)level;
	return TODO(cause);
}

int
review_return_member(struct app *app, uint64_t id, const char *field,
    const char *comment, char **cause)
{
	(void)app; (void)id; (void)field; (void)comment;
	return TODO(cause);
}

int
review_return_org(struct app *app, uint64_t id, const char *field,
    const char *comment, char **cause)
{
	(void)app; (void)id; (void)field; (void)comment;
	return TODO(cause);
}

int
review_unlock_member(struct app *app, uint64_t id, const char *reason,
    char **cause)
{
	(void)app; (void)id; (void)reason;
	return TODO(cause);
}

int
review_unlock_org(struct app *app, uint64_t id, const char *reason,
    char **cause)
{
	(void)app; (void)id; (void)reason;
	return TODO(cause);
}

int
review_sign_org(struct app *app, uint64_t id, const char *secretary,
    const char *date, char **cause)
{
	(void)app; (void)id; (void)secretary; (void)date;
	return TODO(cause);
}

void
review_batch_free(struct review_batch *b)
{
	if (b == NULL)
		return;
	free(b->skip);
	memset(b, 0, sizeof *b);
}

int
review_pass_branch(struct app *app, uint64_t branch, int level,
    struct review_batch *b, char **cause)
{
	(void)app; (void)branch; (void)level; (void)b;
	return TODO(cause);
}

int
review_txn_mark_checked(struct store_txn *t, uint64_t id, const char *today,
    const char *text, char **cause)
{
	(void)t; (void)id; (void)today; (void)text;
	return TODO(cause);
}

int
review_progress(struct store *s, uint64_t top,
    int (*fn)(const struct review_row *row, void *ud), void *ud, char **cause)
{
	(void)s; (void)top; (void)fn; (void)ud;
	return TODO(cause);
}

long
review_missing(struct store *s, uint64_t top, int need, int members,
    void (*fn)(const char *org, const char *what, void *ud), void *ud)
{
	(void)s; (void)top; (void)need; (void)members; (void)fn; (void)ud;
	return 0;
}
