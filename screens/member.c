/* member.c - 党员基本信息采集表 (附件2): the 16 items plus 失去联系日期, 外出流向, 确认方式, 备注. */
#include <stddef.h>

#include "codelist.h"
#include "record.h"
#include "review.h"
#include "schema.h"
#include "keys.h"
#include "ui_form.h"

/*
 * The fields come from the schema (include/schema/member.def: label, item,
 * type, width, code list, check, default, when shown ...); this screen's
 * layout is one row per field in schema order.
 */
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_FORM_##ftype({ SCH_FIELD_DEF(REC_KIND_MEMBER, struct member, #key, \
	    key, kind, label, item, ftype, width, list, check, req, fixed, longt, \
	    dflt, applies), .row = SCH_MI_##key },)
static const struct field_def member_fields[] = {
#include "schema/member.def"
};
#undef SCH_F

/* 确认方式 is a set (review.h): 本人签字, or 他人代填 with 电话/短信/微信确认. */
static const struct set_def member_sets[] = {
	{ .key = "confirm_method", .n = CM_COUNT, .width = 40, .name = confirm_name,
	  .parse = confirm_parse, .format = confirm_format },
};

static const struct form_def member_form = {
	.rec = REC_KIND_MEMBER,
	.fields = member_fields,
	.nfields = NKEYS(member_fields),
	.sets = member_sets,
	.nsets = NKEYS(member_sets),
};

static const struct key_def member_keys[] = {
	FORM_RECORD_KEYS,
	{ ACT_YEAR_AFTER, { '+' }, "+(转为正式党员日期中)",
	  "填入加入党组织日期满一年之日(按期转正), 并到下一项", NULL, KW_NOTEXT },
	FORM_EDIT_KEYS,
};

const struct screen_def screen_member = {
	.name = "member",
	.ops = &ui_form_ops,
	.title = "党员基本信息采集表",
	.keys = member_keys,
	.nkeys = NKEYS(member_keys),
	.form = &member_form,
};
