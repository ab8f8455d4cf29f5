/*
 * ui_verify.h - 双录核对 (src/ui_verify.c): double keying of a branch
 * (verify.h) from the tree: mark a sample (every Nth or N at random, the
 * seed recorded), key the next sampled member again blind (the member
 * form with verify set), or show the agreement rates.  A modal flow; run
 * with uopen.org = the branch, uopen.name = its name.
 */
#ifndef CAIJI_UI_VERIFY_H
#define CAIJI_UI_VERIFY_H

struct ukind_ops;

extern const struct ukind_ops ui_verify_ops;

#endif
