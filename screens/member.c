/* member.c - 党员基本信息采集表 (附件2): the 16 items plus 失去联系日期, 外出流向, 确认方式, 备注. */
#include <stddef.h>
#include <string.h>

#include "codelist.h"
#include "record.h"
#include "validate.h"
#include "keys.h"
#include "ui_form.h"

#define M(f) .rec = REC_KIND_MEMBER, .off = offsetof(struct member, f), \
	.size = sizeof(((struct member *)0)->f)

/* 转为正式党员日期: empty for 预备党员. */
static int
shown_full_date(const void *rec)
{
	return strcmp(((const struct member *)rec)->category, "预备党员") != 0;
}

/* 失去联系日期 only for 是否为失联党员 = 是. */
static int
shown_lost_date(const void *rec)
{
	return strcmp(((const struct member *)rec)->lost, "是") == 0;
}

/* 外出流向 only for 是否为流动党员 = 是. */
static int
shown_flow_to(const void *rec)
{
	return strcmp(((const struct member *)rec)->floating, "是") == 0;
}

static const struct field_def member_fields[] = {
	{ .key = "name", .label = "姓名", .item = 1, .row = 0, .width = 24,
	  .type = FT_TEXT, .list = -1, .vkind = VK_NAME, .required = 1, M(name), .long_text = 1 },
	{ .key = "sex", .label = "性别", .item = 2, .row = 1, .width = 0,
	  .type = FT_CODED, .list = CL_SEX, .vkind = VK_CODED, .required = 1, M(sex) },
	{ .key = "ethnicity", .label = "民族", .item = 3, .row = 2, .width = 0,
	  .type = FT_CODED, .list = CL_ETHNICITY, .vkind = VK_CODED, .required = 1, M(ethnicity) },
	{ .key = "idcard", .label = "公民身份证号", .item = 4, .row = 3, .width = 18,
	  .type = FT_IDCARD, .list = -1, .vkind = VK_IDCARD, .required = 1, .fixed = 18, M(idcard) },
	{ .key = "birth", .label = "出生日期", .item = 5, .row = 4, .width = 10,
	  .type = FT_DATE, .list = -1, .vkind = VK_DATE, .required = 1, M(birth) },
	{ .key = "education", .label = "学历", .item = 6, .row = 5, .width = 0,
	  .type = FT_CODED, .list = CL_EDUCATION, .vkind = VK_CODED, .required = 1, M(education) },
	{ .key = "category", .label = "人员类别", .item = 7, .row = 6, .width = 0,
	  .type = FT_CODED, .list = CL_MEMBER_CATEGORY, .vkind = VK_CODED, .required = 1, M(category) },
	{ .key = "branch", .label = "所在党支部", .item = 8, .row = 7, .width = 54,
	  .type = FT_TEXT, .list = -1, .vkind = VK_OPTTEXT, .readonly = 1,
	  .rec = REC_KIND_MEMBER, .off = offsetof(struct member, branch), .size = 0 },
	{ .key = "join_date", .label = "加入党组织日期", .item = 9, .row = 8, .width = 10,
	  .type = FT_DATE, .list = -1, .vkind = VK_DATE, .required = 1, M(join_date) },
	{ .key = "full_date", .label = "转为正式党员日期", .item = 10, .row = 9, .width = 10,
	  .type = FT_DATE, .list = -1, .vkind = VK_DATE, M(full_date), .shown = shown_full_date },
	{ .key = "job", .label = "工作岗位", .item = 11, .row = 10, .width = 54,
	  .type = FT_CODED, .list = CL_JOB, .vkind = VK_CODED, .required = 1, M(job) },
	{ .key = "phone", .label = "联系电话", .item = 12, .row = 11, .width = 20,
	  .type = FT_PHONE, .list = -1, .vkind = VK_MEMBER_PHONE, .required = 1, .fixed = 11, M(phone) },
	{ .key = "address", .label = "家庭住址", .item = 13, .row = 12, .width = 54,
	  .type = FT_TEXT, .list = -1, .vkind = VK_ADDRESS, .required = 1, M(address), .long_text = 1 },
	{ .key = "party_status", .label = "党籍状态", .item = 14, .row = 13, .width = 0,
	  .type = FT_CODED, .list = CL_PARTY_STATUS, .vkind = VK_CODED, .required = 1, M(party_status),
	  .dflt = "正常" },
	{ .key = "lost", .label = "是否为失联党员", .item = 15, .row = 14, .width = 0,
	  .type = FT_CODED, .list = CL_YESNO, .vkind = VK_CODED, .required = 1, M(lost),
	  .dflt = "否" },
	{ .key = "lost_date", .label = "失去联系日期", .item = 0, .row = 15, .width = 10,
	  .type = FT_DATE, .list = -1, .vkind = VK_DATE, .required = 1, M(lost_date),
	  .shown = shown_lost_date },
	{ .key = "floating", .label = "是否为流动党员", .item = 16, .row = 16, .width = 0,
	  .type = FT_CODED, .list = CL_YESNO, .vkind = VK_CODED, .required = 1, M(floating),
	  .dflt = "否" },
	{ .key = "flow_to", .label = "外出流向", .item = 0, .row = 17, .width = 40,
	  .type = FT_CODED, .list = CL_REGION, .vkind = VK_CODED, .required = 1, M(flow_to),
	  .shown = shown_flow_to },
	{ .key = "confirm_method", .label = "确认方式", .item = 0, .row = 18, .width = 0,
	  .type = FT_CODED, .list = CL_CONFIRM_METHOD, .vkind = VK_CODED, M(confirm_method) },
	{ .key = "note", .label = "备注", .item = 0, .row = 19, .width = 54,
	  .type = FT_TEXT, .list = -1, .vkind = VK_OPTTEXT, M(note), .long_text = 1 },
};

static const struct form_def member_form = {
	.rec = REC_KIND_MEMBER,
	.fields = member_fields,
	.nfields = NKEYS(member_fields),
};

static const struct key_def member_keys[] = {
	FORM_RECORD_KEYS,
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
