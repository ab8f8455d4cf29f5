/*
 * ui_form.h - the form screens (src/ui_form.c): the generic form engine
 * that builds libform fields from a screen's form definition (screen.h)
 * and edits one member or organisation record, saved with the version read.
 *
 * Opened (ui_open) with uopen.id = the record (0 = a new one) and
 * uopen.org = its branch (a member) or its parent (a new organisation); or
 * with uopen.recovered, a record of kind uopen.rec from the recovery file.
 * At start it offers back what an earlier session left unsaved.
 */
#ifndef CAIJI_UI_FORM_H
#define CAIJI_UI_FORM_H

struct ukind_ops;

extern const struct ukind_ops ui_form_ops;

#endif
