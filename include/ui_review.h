/*
 * ui_review.h - the dialogs of the checking workflow (src/ui_review.c),
 * shared by the tree, the member list and the forms: each asks what it
 * needs in boxes over the top screen, calls the core (review.h: every
 * rule and message is the core's) and puts the outcome on the status
 * line.  Each bumps ui->gen after a write, so lists and boards reload.
 */
#ifndef CAIJI_UI_REVIEW_H
#define CAIJI_UI_REVIEW_H

#include <stdint.h>
#include "ui.h"

/* Pass the next step (初核 or 复核, as the core decides from the clerk's
 * role and the record's state) on member / organisation id of kind rec
 * (REC_KIND_MEMBER / REC_KIND_ORG) named name; version as read (0 = do
 * not check).  Returns 0 when passed, -1 when refused (the core's reasons
 * on the status line). */
int ui_review_pass(struct ui *ui, int rec, uint64_t id, uint64_t version, const char *name);

/* Return record id of kind rec: asks the field concerned (a pick list of
 * the form's fields, the whole record first) and the comment.  Returns 0
 * when returned, -1 when cancelled or refused. */
int ui_review_return(struct ui *ui, int rec, uint64_t id, const char *name);

/* Unlock record id of kind rec (asks the reason).  Returns 0 when
 * unlocked, -1 when cancelled or refused. */
int ui_review_unlock(struct ui *ui, int rec, uint64_t id, const char *name);

/* The batch step on every member of branch (named name): the step from
 * the role (the admin of a single-user database chooses 初核 or 复核),
 * then one confirmation listing how many pass and every member skipped
 * with why (a scrolled box, lines wrapped, never cut), then the core's
 * review_pass_branch. */
void ui_review_batch(struct ui *ui, uint64_t branch, const char *name);

/* 书记签字 of organisation id's 附件1: asks the secretary's name (its
 * 书记 offered) and the date (today offered). */
void ui_review_sign(struct ui *ui, uint64_t id);

/* Append s to the malloc'd text *buf (length *len), wrapped at cols
 * columns, lines after the first indented by indent blanks, each line
 * ending in '\n'.  Returns 0, -1 when out of memory (*buf unchanged). */
int ui_review_wrap(char **buf, size_t *len, const char *s, int cols, int indent);

#endif
