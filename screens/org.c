/* org.c - 党组织和所在单位基本信息采集表 (附件1): the 10 items, 党统人数, and one unit page per unit. */
#include <stddef.h>

#include "codelist.h"
#include "record.h"
#include "schema.h"
#include "validate.h"
#include "keys.h"
#include "ui_form.h"

/* Items 7-10 follow 党组织所在单位情况 when its value asks for units. */
static int
org_has_units(const void *rec)
{
	return rule_org_has_units(rec);
}

/* One unit for 法人单位, at least two for 联合党支部 (validate.h). */
static int
org_min_units(const void *rec)
{
	return rule_units_min(((const struct org *)rec)->unit_situation);
}

/*
 * The fields come from the schema (include/schema/org.def and unit.def).
 * Layout: the organisation's fields one per row in schema order, except
 * that a unit page (its header on row ORG_UNITS_AFTER, the unit fields
 * below it) sits after 党组织所在单位情况.
 */
#define ORG_UNITS_AFTER (SCH_OI_unit_situation + 1)
#define ORG_ROW(i)  ((i) < ORG_UNITS_AFTER ? (i) : (i) + 1 + SCH_UNIT_N + 1)
#define UNIT_ROW(i) (ORG_UNITS_AFTER + 1 + (i))

#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_FORM_##ftype({ SCH_FIELD_DEF(REC_KIND_ORG, struct org, #key, \
	    key, kind, label, item, ftype, width, list, check, req, fixed, longt, \
	    dflt, applies), .row = ORG_ROW(SCH_OI_##key) },)
static const struct field_def org_fields[] = {
#include "schema/org.def"
};
#undef SCH_F

/* One unit page; its field keys are "unit_" + the unit field's key. */
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_FORM_##ftype({ SCH_FIELD_DEF(REC_KIND_UNIT, struct unit, \
	    "unit_" #key, key, kind, label, item, ftype, width, list, check, req, \
	    fixed, longt, dflt, applies), .row = UNIT_ROW(SCH_UI_##key) },)
static const struct field_def unit_fields[] = {
#include "schema/unit.def"
};
#undef SCH_F

static const struct form_def org_form = {
	.rec = REC_KIND_ORG,
	.fields = org_fields,
	.nfields = NKEYS(org_fields),
	.unit_fields = unit_fields,
	.nunit_fields = NKEYS(unit_fields),
	.units_after = ORG_UNITS_AFTER,
	.has_units = org_has_units,
	.min_units = org_min_units,
};

static const struct key_def org_keys[] = {
	FORM_RECORD_KEYS,
	{ ACT_PAGE_NEXT, { UK_PGDN, UK_CTRL_F }, "PgDn 或 Ctrl-F", "下一个单位附页", "^F下页", KW_ANY },
	{ ACT_PAGE_PREV, { UK_PGUP, UK_CTRL_B }, "PgUp 或 Ctrl-B", "上一个单位附页", NULL, KW_ANY },
	{ ACT_UNIT_ADD, { UK_F5, UK_CTRL_N }, "F5 或 Ctrl-N", "联合党支部: 增加一个单位附页", "^N加单位", KW_ANY },
	{ ACT_UNIT_DEL, { UK_F6, UK_CTRL_X }, "F6 或 Ctrl-X", "联合党支部: 删除当前单位附页(至少保留两个)", NULL, KW_ANY },
	FORM_EDIT_KEYS,
};

const struct screen_def screen_org = {
	.name = "org",
	.ops = &ui_form_ops,
	.title = "党组织和所在单位基本信息采集表",
	.keys = org_keys,
	.nkeys = NKEYS(org_keys),
	.form = &org_form,
};
