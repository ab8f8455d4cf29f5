/* schema.c - the run-time tables of the record schema (include/schema.h). */
#include <stddef.h>
#include <string.h>

#include "schema.h"

/* One run-time row of a .def line (a_colidx: its column constant). */
#define SCH_ROW(a_st, a_key, a_kind, a_size, a_tag, a_label, a_item, \
    a_ftype, a_width, a_list, a_check, a_norm, a_req, a_fixed, a_longt, \
    a_dflt, a_applies, a_col, a_text, a_xw, a_aliases, a_synth, a_colidx) \
	{ .key = #a_key, .kind = SCH_KIND_##a_kind, \
	  .off = offsetof(a_st, a_key), .size = sizeof(((a_st *)0)->a_key), \
	  .tag = a_tag, .label = a_label, .item = a_item, \
	  .ftype = SCH_FT_##a_ftype, .width = a_width, .list = a_list, \
	  .check = a_check, .norm = a_norm, \
	  .required = SCH_REQ_FORM_##a_req, \
	  .col_required = SCH_REQ_COL_##a_req, .fixed = a_fixed, \
	  .long_text = a_longt, .dflt = a_dflt, .applies = a_applies, \
	  .col = 0 SCH_WHEN_##a_col(+ a_colidx), \
	  .col_list = SCH_COLLIST_##a_col(a_list), .text = a_text, \
	  .xw = a_xw, .aliases = a_aliases, .synth = a_synth },

#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_ROW(struct member, key, kind, size, tag, label, item, ftype, width, \
	    list, check, norm, req, fixed, longt, dflt, applies, col, text, xw, \
	    aliases, synth, SCH_MCOL_##key)
const struct sch_field sch_member[SCH_MEMBER_N] = {
#include "schema/member.def"
};
#undef SCH_F

#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_ROW(struct org, key, kind, size, tag, label, item, ftype, width, \
	    list, check, norm, req, fixed, longt, dflt, applies, col, text, xw, \
	    aliases, synth, SCH_OCOL_##key)
const struct sch_field sch_org[SCH_ORG_N] = {
#include "schema/org.def"
};
#undef SCH_F

#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_ROW(struct unit, key, kind, size, tag, label, item, ftype, width, \
	    list, check, norm, req, fixed, longt, dflt, applies, col, text, xw, \
	    aliases, synth, SCH_UCOL_##key)
const struct sch_field sch_unit[SCH_UNIT_N] = {
#include "schema/unit.def"
};
#undef SCH_F

const struct sch_field *
sch_member_column(int col)
{
	size_t i;

	if (col <= 0 || col >= SCH_MEMBER_NCOLS)
		return NULL;
	for (i = 0; i < SCH_MEMBER_N; i++)
		if (sch_member[i].col == col)
			return &sch_member[i];
	return NULL;
}

const struct sch_field *
sch_member_field(const char *key)
{
	size_t i;

	for (i = 0; i < SCH_MEMBER_N; i++)
		if (strcmp(sch_member[i].key, key) == 0)
			return &sch_member[i];
	return NULL;
}

int
sch_header_matches(const struct sch_field *f, const char *header)
{
	const char *a = f->aliases, *bar;
	size_t n = strlen(header);

	if (strcmp(f->label, header) == 0)
		return 1;
	while (a != NULL && *a != '\0') {
		bar = strchr(a, '|');
		if ((bar ? (size_t)(bar - a) : strlen(a)) == n && strncmp(a, header, n) == 0)
			return 1;
		a = bar ? bar + 1 : NULL;
	}
	return 0;
}

const struct sch_relation *
sch_relation_from(const char *key)
{
	size_t i;

	for (i = 0; i < SCH_MEMBER_NRELATIONS; i++)
		if (strcmp(sch_member[sch_member_relations[i].from].key, key) == 0)
			return &sch_member_relations[i];
	return NULL;
}

int
sch_full_date_applies(const void *rec)
{
	return rule_full_date_applies(rec);
}

int
sch_lost_date_applies(const void *rec)
{
	return rule_lost_date_applies(rec);
}

int
sch_flow_to_applies(const void *rec)
{
	return rule_flow_to_applies(rec);
}
