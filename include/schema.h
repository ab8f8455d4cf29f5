/*
 * schema.h - the one description of every record kind, and what derives
 * from it.
 *
 * The records are described once, in X-macro tables under include/schema/:
 *   meta.def     struct rec_meta      SCH_M(key, kind, size, tag)
 *   confirm.def  struct rec_confirm   SCH_M(key, kind, size, tag)
 *   return.def   struct rec_return    SCH_M(key, kind, size, tag)
 *   member.def   struct member        SCH_F(...), columns below
 *   org.def      struct org           SCH_F(...)
 *   unit.def     struct unit          SCH_F(...)
 * Each file is a list of macro calls that the including code expands as it
 * needs: record.h declares the struct fields from it, store.c its
 * tag-indexed encoding table, report.c the 附件3/附件4 columns and cells,
 * schema.c the run-time tables below (import mapping, normalisation, the
 * synthetic generator), screens/ the form fields.  X-macros rather than a
 * run-time table alone because the struct, the store's decode table and the
 * form's field_def initialisers must be constant C (compile-time offsets,
 * designated initialisers, _Static_asserts on the tags); the run-time tables
 * are expanded from the same lines.
 *
 * SCH_F columns, in order:
 *   key      C member name; also the field key validate.h reports ("idcard")
 *   kind     stored value: STR (char[size]), REF (uint64_t id of an org),
 *            U64, I64 (int64_t), INT (int, 0 left out), I32 (int32_t, always
 *            written)
 *   size     bytes of a STR incl. the NUL (REC_*_MAX); 0 otherwise
 *   tag      on-disk item tag (store.h "Encoding"): append-only, never
 *            change or reuse one; store.c pins the released tags
 *   label    official Chinese label, verbatim; also the 附件3/4 header
 *   item     item number on the paper form, 0 = added field
 *   ftype    form field type (enum ftype, screen.h); FT_NONE = not in forms
 *   width    form field width in columns, 0 = from the code list
 *   list     code list (enum cl_id) or -1
 *   check    enum vkind run when the form leaves the field
 *   norm     normalisation: a vkind, SN_CODED (to the official name of
 *            list), SN_DATE (to YYYY-MM-DD) or SN_NONE
 *   req      OPT, REQ (required; a roster must carry the column),
 *            REQ_DERIVED (required, filled from a relation, so a roster may
 *            leave it out), REQ_WHEN (required where it applies; a roster
 *            may leave it out), OPT_COL (not marked required, but a roster
 *            must carry the column)
 *   fixed    characters that complete the field in a form, 0 = none
 *   long     1 = long text, edited by the engine's own line editor
 *   dflt     value of a new record, NULL = empty
 *   applies  int (*)(const void *rec): when the field applies (shown in
 *            forms), NULL = always; wrappers of the validate.h predicates
 *   col      REP (a column of 附件3/附件4 with its code list as dropdown),
 *            REP_NOLIST (a column, no dropdown), NOREP (not reported)
 *   text     1 = text column (report.h rule 2)
 *   xw       XLSX column width
 *   aliases  "|"-separated roster header aliases, NULL = none
 *   synth    SYN_HAND (made by synth_member's correlated code),
 *            SYN_EMPTY (left empty), SYN_CODED (a value of its code list)
 *
 * Adding an optional member field: one SCH_F line at the place it takes in
 * the form and in 附件4, with the next free tag (README, "how to add a
 * field"), plus its rules in validate.c when it has any.
 */
#ifndef CAIJI_SCHEMA_H
#define CAIJI_SCHEMA_H

#include <stddef.h>
#include "codelist.h"
#include "record.h"
#include "screen.h"
#include "validate.h"

/* Normalisations besides a vkind. */
enum { SN_NONE = -1, SN_CODED = -2, SN_DATE = -3 };

/* Stored value kinds. */
enum { SK_STR, SK_REF, SK_U64, SK_I64, SK_INT, SK_I32 };

/* Synthetic data. */
enum { SYN_HAND, SYN_EMPTY, SYN_CODED };

/* ---- token helpers for the .def columns ---- */

#define SCH_KIND_STR SK_STR
#define SCH_KIND_REF SK_REF
#define SCH_KIND_U64 SK_U64
#define SCH_KIND_I64 SK_I64
#define SCH_KIND_INT SK_INT
#define SCH_KIND_I32 SK_I32

#define SCH_REQ_FORM_OPT         0
#define SCH_REQ_FORM_REQ         1
#define SCH_REQ_FORM_REQ_DERIVED 1
#define SCH_REQ_FORM_REQ_WHEN    1
#define SCH_REQ_FORM_OPT_COL     0
#define SCH_REQ_COL_OPT          0
#define SCH_REQ_COL_REQ          1
#define SCH_REQ_COL_REQ_DERIVED  0
#define SCH_REQ_COL_REQ_WHEN     0
#define SCH_REQ_COL_OPT_COL      1

/* SCH_WHEN_<col>(x): x for reported fields, nothing otherwise. */
#define SCH_WHEN_REP(...)        __VA_ARGS__
#define SCH_WHEN_REP_NOLIST(...) __VA_ARGS__
#define SCH_WHEN_NOREP(...)
#define SCH_COLLIST_REP(l)        (l)
#define SCH_COLLIST_REP_NOLIST(l) (-1)
#define SCH_COLLIST_NOREP(l)      (-1)

/* SCH_WHEN_FORM_<ftype>(x): x for fields a form shows. */
#define SCH_WHEN_FORM_FT_TEXT(...)   __VA_ARGS__
#define SCH_WHEN_FORM_FT_CODED(...)  __VA_ARGS__
#define SCH_WHEN_FORM_FT_DATE(...)   __VA_ARGS__
#define SCH_WHEN_FORM_FT_IDCARD(...) __VA_ARGS__
#define SCH_WHEN_FORM_FT_PHONE(...)  __VA_ARGS__
#define SCH_WHEN_FORM_FT_CODE(...)   __VA_ARGS__
#define SCH_WHEN_FORM_FT_INT(...)    __VA_ARGS__
#define SCH_WHEN_FORM_FT_NONE(...)
#define SCH_FT_FT_NONE   (-1)
#define SCH_FT_FT_TEXT   FT_TEXT
#define SCH_FT_FT_CODED  FT_CODED
#define SCH_FT_FT_DATE   FT_DATE
#define SCH_FT_FT_IDCARD FT_IDCARD
#define SCH_FT_FT_PHONE  FT_PHONE
#define SCH_FT_FT_CODE   FT_CODE
#define SCH_FT_FT_INT    FT_INT

/* Form value size: a REF is shown (the org's name), never edited. */
#define SCH_FORMSIZE_STR(st, k) sizeof(((st *)0)->k)
#define SCH_FORMSIZE_I32(st, k) sizeof(((st *)0)->k)
#define SCH_FORMSIZE_REF(st, k) 0
#define SCH_READONLY_STR 0
#define SCH_READONLY_I32 0
#define SCH_READONLY_REF 1

/* The field_def (screen.h) initialisers of one schema field, for a screen
 * file expanding a .def; the screen adds the layout (.row). */
#define SCH_FIELD_DEF(a_rk, a_st, a_keystr, a_key, a_kind, a_label, \
    a_item, a_ftype, a_width, a_list, a_check, a_req, a_fixed, a_longt, \
    a_dflt, a_applies) \
	.key = a_keystr, .label = a_label, .item = a_item, \
	.width = a_width, .type = a_ftype, .list = a_list, \
	.vkind = a_check, .required = SCH_REQ_FORM_##a_req, \
	.fixed = a_fixed, .rec = a_rk, .off = offsetof(a_st, a_key), \
	.size = SCH_FORMSIZE_##a_kind(a_st, a_key), .shown = a_applies, \
	.readonly = SCH_READONLY_##a_kind, .dflt = a_dflt, \
	.long_text = a_longt

/* ---- indices, counts, tags and columns ---- */

#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_MI_##key,
enum sch_member_index {
#include "schema/member.def"
	SCH_MEMBER_N
};
#undef SCH_F
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_OI_##key,
enum sch_org_index {
#include "schema/org.def"
	SCH_ORG_N
};
#undef SCH_F
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_UI_##key,
enum sch_unit_index {
#include "schema/unit.def"
	SCH_UNIT_N
};
#undef SCH_F

#define SCH_M(key, kind, size, tag) SCH_MI_meta_##key,
enum sch_meta_index {
#include "schema/meta.def"
	SCH_META_N
};
#undef SCH_M
#define SCH_M(key, kind, size, tag) SCH_MI_confirm_##key,
enum sch_confirm_index {
#include "schema/confirm.def"
	SCH_CONFIRM_N
};
#undef SCH_M
#define SCH_M(key, kind, size, tag) SCH_MI_return_##key,
enum sch_return_index {
#include "schema/return.def"
	SCH_RETURN_N
};
#undef SCH_M

/* 附件4 columns: 0 is 序号, then the reported member fields in order. */
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_##col(SCH_MCOL_##key,)
enum sch_member_col {
	SCH_MCOL_SEQ = 0,
#include "schema/member.def"
	SCH_MEMBER_NCOLS
};
#undef SCH_F

/* 附件3 columns: 序号, the reported org fields, then the unit fields. */
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_##col(SCH_OCOL_##key,)
#define SCH_G(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_##col(SCH_UCOL_##key,)
enum sch_org_col {
	SCH_OCOL_SEQ = 0,
#include "schema/org.def"
#undef SCH_F
#define SCH_F SCH_G
#include "schema/unit.def"
	SCH_ORG_NCOLS
};
#undef SCH_F
#undef SCH_G

/* The nested confirmation item of rec_meta (confirm.def inside). */
#define SCH_TAG_CONFIRM 12
/* The nested open-return item of rec_meta (return.def inside; review.h). */
#define SCH_TAG_RETURN  18
/* First tag of each record kind's own fields (meta takes 1..31). */
#define SCH_META_BASE   1
#define SCH_ORG_BASE    32
#define SCH_UNIT_BASE   1
#define SCH_MEMBER_BASE 64

/* Tags by name: SCH_TAG_member_name ... (for the pinning asserts). */
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_TAG_member_##key = tag,
enum {
#include "schema/member.def"
};
#undef SCH_F
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_TAG_org_##key = tag,
enum {
#include "schema/org.def"
};
#undef SCH_F
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_TAG_unit_##key = tag,
enum {
#include "schema/unit.def"
};
#undef SCH_F
#define SCH_M(key, kind, size, tag) SCH_TAG_meta_##key = tag,
enum {
#include "schema/meta.def"
};
#undef SCH_M
#define SCH_M(key, kind, size, tag) SCH_TAG_confirm_##key = tag,
enum {
#include "schema/confirm.def"
};
#undef SCH_M
#define SCH_M(key, kind, size, tag) SCH_TAG_return_##key = tag,
enum {
#include "schema/return.def"
};
#undef SCH_M

/* ---- the run-time tables (schema.c) ---- */

/* One field, as the .def line says (see the columns above). */
struct sch_field {
	const char *key;
	int kind;                 /* SK_* */
	size_t off, size;         /* offsetof / sizeof in its struct */
	unsigned tag;
	const char *label;
	int item;
	int ftype;                /* enum ftype, -1 = not in forms */
	int width;
	int list;                 /* enum cl_id, -1 = none */
	int check;                /* enum vkind */
	int norm;                 /* vkind, SN_CODED, SN_DATE or SN_NONE */
	int required;             /* the form marks it required */
	int col_required;         /* a roster must carry its column */
	int fixed, long_text;
	const char *dflt;
	int (*applies)(const void *rec);
	int col;                  /* its 附件3/附件4 column index, 0 = none */
	int col_list;             /* the column's dropdown list, -1 = none */
	int text;                 /* text column */
	int xw;                   /* XLSX width */
	const char *aliases;      /* "|"-separated roster aliases, NULL = none */
	int synth;                /* SYN_* */
};

/* The fields of each record kind, in .def order. */
extern const struct sch_field sch_member[SCH_MEMBER_N];
extern const struct sch_field sch_org[SCH_ORG_N];
extern const struct sch_field sch_unit[SCH_UNIT_N];

/* The member field reported in 附件4 column col (1 <= col <
 * SCH_MEMBER_NCOLS), NULL for 序号 or out of range. */
const struct sch_field *sch_member_column(int col);

/* The field with that key, NULL when absent. */
const struct sch_field *sch_member_field(const char *key);

/* 1 when header names field f: its label, or one of its aliases. */
int sch_header_matches(const struct sch_field *f, const char *header);

/* A declared relation: a valid value of field `from` determines the
 * values of other fields (the ID number gives 性别 and 出生日期).  The
 * derived values come from the verdict of from's check, at the given
 * offsets in struct verdict.  Forms fill empty targets and flag different
 * ones; normalize_member and the importer fill empty ones. */
#define SCH_REL_TARGETS_MAX 4
struct sch_relation {
	int from;                         /* index in sch_member (SCH_MI_idcard) */
	const char *ok;                   /* prefix of the message ("身份证号有效") */
	size_t ntargets;
	struct {
		int to;                   /* index in sch_member (SCH_MI_sex) */
		size_t verdict_off;       /* offsetof(struct verdict, sex) */
	} t[SCH_REL_TARGETS_MAX];
};

/* Defined here, not in schema.c, so that loops over it fold at compile
 * time (normalize_member expands the fields from the .def). */
static const struct sch_relation sch_member_relations[] = {
	/* the ID number gives 性别 (its 17th digit) and 出生日期 */
	{ SCH_MI_idcard, "身份证号有效", 2, {
		{ SCH_MI_sex, offsetof(struct verdict, sex) },
		{ SCH_MI_birth, offsetof(struct verdict, birth) },
	} },
};
#define SCH_MEMBER_NRELATIONS \
	(sizeof sch_member_relations / sizeof sch_member_relations[0])

/* 1 when member field i (SCH_MI_*) is the source of a relation. */
static inline int
sch_member_is_rel_source(int i)
{
	size_t r;

	for (r = 0; r < SCH_MEMBER_NRELATIONS; r++)
		if (sch_member_relations[r].from == i)
			return 1;
	return 0;
}

/* The relation whose source is the field key, NULL when none. */
const struct sch_relation *sch_relation_from(const char *key);

/* The field of a member that a duplicate store key (STORE_EDUP) is about. */
#define SCH_MEMBER_UNIQUE "idcard"

/* Applicability wrappers for the .def lines (rec is a struct member):
 * the validate.h predicates rule_*_applies. */
int sch_full_date_applies(const void *rec);
int sch_lost_date_applies(const void *rec);
int sch_flow_to_applies(const void *rec);

#endif
