/* org.c - 党组织和所在单位基本信息采集表 (附件1): the 10 items, 党统人数, and one unit page per unit. */
#include <stddef.h>
#include <string.h>

#include "codelist.h"
#include "record.h"
#include "validate.h"
#include "keys.h"
#include "ui_form.h"

#define O(f) .rec = REC_KIND_ORG, .off = offsetof(struct org, f), \
	.size = sizeof(((struct org *)0)->f)
#define U(f) .rec = REC_KIND_UNIT, .off = offsetof(struct unit, f), \
	.size = sizeof(((struct unit *)0)->f)

/* Items 7-10 follow 党组织所在单位情况: none for 与上级党组织相同 (or not yet chosen). */
static int
org_has_units(const void *rec)
{
	const char *s = ((const struct org *)rec)->unit_situation;

	return strcmp(s, "法人单位") == 0 || strcmp(s, "联合党支部") == 0;
}

/* One unit for 法人单位, at least two for 联合党支部. */
static int
org_min_units(const void *rec)
{
	const char *s = ((const struct org *)rec)->unit_situation;

	if (strcmp(s, "联合党支部") == 0)
		return 2;
	if (strcmp(s, "法人单位") == 0)
		return 1;
	return 0;
}

static const struct field_def org_fields[] = {
	{ .key = "name", .label = "党组织名称", .item = 1, .row = 0, .width = 54,
	  .type = FT_TEXT, .list = -1, .vkind = VK_ORGNAME, .required = 1, O(name), .long_text = 1 },
	{ .key = "secretary", .label = "党组织书记", .item = 2, .row = 1, .width = 24,
	  .type = FT_TEXT, .list = -1, .vkind = VK_OPTTEXT, O(secretary), .long_text = 1 },
	{ .key = "contact", .label = "党组织联系人", .item = 3, .row = 2, .width = 24,
	  .type = FT_TEXT, .list = -1, .vkind = VK_NAME, .required = 1, O(contact), .long_text = 1 },
	{ .key = "phone", .label = "联系电话", .item = 4, .row = 3, .width = 20,
	  .type = FT_PHONE, .list = -1, .vkind = VK_PHONE, .required = 1, O(phone) },
	{ .key = "category", .label = "组织类别", .item = 5, .row = 4, .width = 0,
	  .type = FT_CODED, .list = CL_ORG_CATEGORY, .vkind = VK_CODED, .required = 1, O(category) },
	{ .key = "unit_situation", .label = "党组织所在单位情况", .item = 6, .row = 5, .width = 0,
	  .type = FT_CODED, .list = CL_UNIT_SITUATION, .vkind = VK_CODED, .required = 1,
	  O(unit_situation) },
	{ .key = "stat_count", .label = "党统人数", .item = 0, .row = 12, .width = 8,
	  .type = FT_INT, .list = -1, .vkind = VK_OPTTEXT, O(stat_count) },
	{ .key = "signed_by", .label = "书记签字", .item = 0, .row = 13, .width = 24,
	  .type = FT_TEXT, .list = -1, .vkind = VK_OPTTEXT, O(signed_by), .long_text = 1 },
	{ .key = "note", .label = "备注", .item = 0, .row = 14, .width = 54,
	  .type = FT_TEXT, .list = -1, .vkind = VK_OPTTEXT, O(note), .long_text = 1 },
};

/* One unit page, after item 6 (row 6 holds the page header). */
static const struct field_def unit_fields[] = {
	{ .key = "unit_name", .label = "单位名称", .item = 7, .row = 7, .width = 54,
	  .type = FT_TEXT, .list = -1, .vkind = VK_TEXT, .required = 1, U(name), .long_text = 1 },
	{ .key = "unit_category", .label = "单位类别", .item = 8, .row = 8, .width = 0,
	  .type = FT_CODED, .list = CL_UNIT_CATEGORY, .vkind = VK_CODED, .required = 1, U(category) },
	{ .key = "unit_party_status", .label = "单位建立党组织情况", .item = 9, .row = 9, .width = 0,
	  .type = FT_CODED, .list = CL_UNIT_PARTY_STATUS, .vkind = VK_CODED, .required = 1,
	  U(party_status) },
	{ .key = "unit_code", .label = "党组织所在单位代码", .item = 10, .row = 10, .width = 20,
	  .type = FT_CODE, .list = -1, .vkind = VK_UNITCODE, .required = 1, U(code) },
};

static const struct form_def org_form = {
	.rec = REC_KIND_ORG,
	.fields = org_fields,
	.nfields = NKEYS(org_fields),
	.unit_fields = unit_fields,
	.nunit_fields = NKEYS(unit_fields),
	.units_after = 6,
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
