/* test_ui.c - the pure parts of the TUI: key mapping, full-width folding,
 * and the screen definitions (layout, widths, code lists, key tables). */
#define _XOPEN_SOURCE_EXTENDED 1
#include <criterion/criterion.h>
#include <curses.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "codelist.h"
#include "record.h"
#include "screen.h"
#include "ui.h"
#include "ui_line.h"
#include "validate.h"

/* A registered screen by its name (the registry alone names them). */
#define SCREEN(name) (*screen_find(name))

static void
utf8(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
}

Test(keys, enter_backspace_variants)
{
	cr_assert_eq(ui_keymap(OK, '\r', 0, 0), UK_ENTER);
	cr_assert_eq(ui_keymap(OK, '\n', 0, 0), UK_ENTER);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_ENTER, 0, 0), UK_ENTER);
	cr_assert_eq(ui_keymap(OK, 127, 0, 0), UK_BACKSPACE);
	cr_assert_eq(ui_keymap(OK, 8, 0, 0), UK_BACKSPACE);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_BACKSPACE, 0, 0), UK_BACKSPACE);
	cr_assert_eq(ui_keymap(OK, 9, 0, 0), UK_TAB);
	cr_assert_eq(ui_keymap(OK, 27, 0, 0), UK_ESC);
	cr_assert_eq(ui_keymap(OK, 19, 0, 0), UK_CTRL_S);
	cr_assert_eq(ui_keymap(OK, 17, 0, 0), UK_CTRL_Q);
}

Test(keys, function_and_cursor_keys)
{
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_F(1), 0, 0), UK_F1);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_F(2), 0, 0), UK_F2);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_F(10), 0, 0), UK_F10);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_BTAB, 0, 0), UK_BTAB);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_FIND, 0, 0), UK_HOME);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_SELECT, 0, 0), UK_END);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_DC, 0, 0), UK_DC);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_IC, 0, 0), UK_IC);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_RESIZE, 0, 0), UK_RESIZE);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, 600, 600, 601), UK_CUP);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, 601, 600, 601), UK_CDOWN);
	cr_assert_eq(ui_keymap(KEY_CODE_YES, KEY_F(11), 0, 0), UK_NONE);
	cr_assert_eq(ui_keymap(ERR, 'a', 0, 0), UK_NONE);
}

Test(keys, fullwidth_folded)
{
	/* a Chinese IME in full-width mode: １２ａＸ and the ideographic space */
	cr_assert_eq(ui_fold_fullwidth(0xFF11), '1');
	cr_assert_eq(ui_fold_fullwidth(0xFF19), '9');
	cr_assert_eq(ui_fold_fullwidth(0xFF41), 'a');
	cr_assert_eq(ui_fold_fullwidth(0xFF38), 'X');
	cr_assert_eq(ui_fold_fullwidth(0xFF0D), '-');
	cr_assert_eq(ui_fold_fullwidth(0x3000), ' ');
	cr_assert_eq(ui_fold_fullwidth(0x5F20), 0x5F20);      /* 张 unchanged */
	cr_assert_eq(ui_keymap(OK, 0xFF11, 0, 0), '1');
}

Test(width, cjk_and_ascii, .init = utf8)
{
	cr_assert_eq(ui_width("张三丰"), 6);
	cr_assert_eq(ui_width("abc"), 3);
	cr_assert_eq(ui_width("阿卜杜·热合曼"), 13);
	cr_assert_eq(ui_width("\xff" "a"), 2);                 /* invalid byte counts 1 */
	cr_assert_eq(ui_width("\xe5\xbc" "a"), 3);            /* so does each of a cut character */
	cr_assert_eq(ui_width("\xed\xa0\x80"), 3);            /* and of a surrogate */
	cr_assert_eq(ui_width("a\tb"), 2);                    /* a control character 0 */
	/* the screen measures what curses draws (wcwidth), even where the
	 * locale-free utf8_width() says otherwise: ䷀ (U+4DC0) */
	cr_assert_eq(ui_width("\xe4\xb7\x80"), wcwidth(0x4DC0));
}

/* The set definition of field f in form d (确认方式), NULL when none. */
static const struct set_def *
set_field(const struct form_def *d, const struct field_def *f)
{
	size_t i;

	for (i = 0; i < d->nsets; i++)
		if (strcmp(d->sets[i].key, f->key) == 0)
			return &d->sets[i];
	return NULL;
}

/* Every form field: inside 80 columns with a blank column after it, even
 * widths, rows inside the 21-row body, no two fields on one row of a page.
 * A coded field is checked as one code-list value, unless it holds a set
 * (checked by the core's own rule, its width the set's). */
static void
check_fields(const struct form_def *d, const struct field_def *f, size_t n, int *rows_used)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct set_def *set = set_field(d, &f[i]);
		int w = set != NULL ? set->width : f[i].width;

		cr_assert_not_null(f[i].key);
		cr_assert_not_null(f[i].label);
		cr_assert(f[i].row >= 0 && f[i].row < 21, "%s row %d", f[i].key, f[i].row);
		cr_assert(rows_used[f[i].row] == 0, "%s shares row %d", f[i].key, f[i].row);
		rows_used[f[i].row] = 1;
		cr_assert(w % 2 == 0, "%s width %d is odd", f[i].key, w);
		cr_assert(24 + w <= 79, "%s width %d leaves no blank column", f[i].key, w);
		if (f[i].type == FT_CODED) {
			cr_assert_not_null(codelist_get(f[i].list), "%s list", f[i].key);
			if (set == NULL)
				cr_assert_eq(f[i].vkind, VK_CODED, "%s", f[i].key);
		} else
			cr_assert_eq(f[i].list, -1, "%s has a list but is not coded", f[i].key);
		if (!f[i].readonly && f[i].type != FT_INT)
			cr_assert(f[i].size > 1, "%s size", f[i].key);
		if (f[i].fixed > 0)
			cr_assert(f[i].fixed <= w, "%s fixed %d > width", f[i].key, f[i].fixed);
	}
}

Test(screens, form_layouts, .init = utf8)
{
	int rows[21];

	memset(rows, 0, sizeof rows);
	check_fields(SCREEN("member").form, SCREEN("member").form->fields,
	    SCREEN("member").form->nfields, rows);
	memset(rows, 0, sizeof rows);
	rows[6] = 1;                                   /* the unit page header */
	check_fields(SCREEN("org").form, SCREEN("org").form->fields, SCREEN("org").form->nfields,
	    rows);
	check_fields(SCREEN("org").form, SCREEN("org").form->unit_fields,
	    SCREEN("org").form->nunit_fields, rows);
}

Test(screens, official_labels_verbatim)
{
	static const char *member[] = { "姓名", "性别", "民族", "公民身份证号", "出生日期",
	    "学历", "人员类别", "所在党支部", "加入党组织日期", "转为正式党员日期", "工作岗位",
	    "联系电话", "家庭住址", "党籍状态", "是否为失联党员", "是否为流动党员" };
	static const char *org[] = { "党组织名称", "党组织书记", "党组织联系人", "联系电话",
	    "组织类别", "党组织所在单位情况", "单位名称", "单位类别", "单位建立党组织情况",
	    "党组织所在单位代码" };
	const struct form_def *m = SCREEN("member").form, *o = SCREEN("org").form;
	size_t i, j;

	for (i = 0; i < 16; i++) {
		for (j = 0; j < m->nfields; j++)
			if (m->fields[j].item == (int)i + 1)
				break;
		cr_assert(j < m->nfields, "item %zu missing", i + 1);
		cr_assert_str_eq(m->fields[j].label, member[i]);
	}
	cr_assert_not_null(form_field(m, "lost_date"));
	cr_assert_str_eq(form_field(m, "lost_date")->label, "失去联系日期");
	cr_assert_str_eq(form_field(m, "flow_to")->label, "外出流向");
	cr_assert_str_eq(form_field(m, "confirm_method")->label, "确认方式");
	cr_assert_str_eq(form_field(m, "note")->label, "备注");
	for (i = 0; i < 10; i++) {
		const struct field_def *f = NULL;

		for (j = 0; j < o->nfields; j++)
			if (o->fields[j].item == (int)i + 1)
				f = &o->fields[j];
		for (j = 0; j < o->nunit_fields; j++)
			if (o->unit_fields[j].item == (int)i + 1)
				f = &o->unit_fields[j];
		cr_assert_not_null(f, "org item %zu missing", i + 1);
		cr_assert_str_eq(f->label, org[i]);
	}
	cr_assert_str_eq(form_field(o, "stat_count")->label, "党统人数");
}

Test(screens, shown_rules)
{
	struct member m;
	struct org o = { 0 };
	const struct form_def *md = SCREEN("member").form, *od = SCREEN("org").form;

	member_init(&m);
	strcpy(m.lost, "否");
	strcpy(m.floating, "否");
	strcpy(m.category, "预备党员");
	cr_assert_not(form_field(md, "lost_date")->shown(&m));
	cr_assert_not(form_field(md, "flow_to")->shown(&m));
	cr_assert_not(form_field(md, "full_date")->shown(&m));
	strcpy(m.lost, "是");
	strcpy(m.floating, "是");
	strcpy(m.category, "正式党员");
	cr_assert(form_field(md, "lost_date")->shown(&m));
	cr_assert(form_field(md, "flow_to")->shown(&m));
	cr_assert(form_field(md, "full_date")->shown(&m));

	org_init(&o);
	strcpy(o.unit_situation, "与上级党组织相同");
	cr_assert_not(od->has_units(&o));
	cr_assert_eq(od->min_units(&o), 0);
	strcpy(o.unit_situation, "法人单位");
	cr_assert(od->has_units(&o));
	cr_assert_eq(od->min_units(&o), 1);
	strcpy(o.unit_situation, "联合党支部");
	cr_assert_eq(od->min_units(&o), 2);
	org_free(&o);
}

/* Key tables: every screen has help and a way out; a key means one thing. */
Test(screens, key_tables)
{
	const struct screen_def *const *s;
	size_t i, j, a, b;

	for (s = screen_table; *s != NULL; s++) {
		int out = 0, help = 0;

		for (i = 0; i < (*s)->nkeys; i++) {
			const struct key_def *k = &(*s)->keys[i];

			cr_assert_not_null(k->keys);
			cr_assert_not_null(k->help);
			if (k->action == ACT_LEAVE || k->action == ACT_QUIT)
				out = 1;
			if (k->action == ACT_HELP)
				help = 1;
			for (j = i + 1; j < (*s)->nkeys; j++) {
				const struct key_def *l = &(*s)->keys[j];

				if (k->where != l->where || strcmp((*s)->name, "search") == 0)
					continue;
				for (a = 0; a < KEY_CODES_MAX && k->codes[a]; a++)
					for (b = 0; b < KEY_CODES_MAX && l->codes[b]; b++)
						cr_assert_neq(k->codes[a], l->codes[b],
						    "%s: key %d bound twice", (*s)->name, k->codes[a]);
			}
		}
		cr_assert_not_null((*s)->ops, "%s has no kind", (*s)->name);
		/* a modal flow (上报) has the keys of its dialogs, not its own */
		cr_assert(out || (*s)->nkeys == 0, "%s has no way out", (*s)->name);
		cr_assert(help || (*s)->nkeys == 0 || strcmp((*s)->name, "help") == 0,
		    "%s has no help key", (*s)->name);
		cr_assert_eq(screen_find((*s)->name), *s);
	}
	cr_assert_null(screen_find("nope"));
}

Test(screens, key_actions)
{
	/* Space picks only outside text fields; F4 everywhere */
	cr_assert_eq(screen_key_action(&SCREEN("member"), UK_SPACE, 0), ACT_PICK);
	cr_assert_eq(screen_key_action(&SCREEN("member"), UK_SPACE, 1), ACT_NONE);
	cr_assert_eq(screen_key_action(&SCREEN("member"), UK_F4, 1), ACT_PICK);
	cr_assert_eq(screen_key_action(&SCREEN("member"), '?', 1), ACT_NONE);
	cr_assert_eq(screen_key_action(&SCREEN("member"), UK_F1, 1), ACT_HELP);
	cr_assert_eq(screen_key_action(&SCREEN("member"), UK_CTRL_S, 1), ACT_SAVE);
	cr_assert_eq(screen_key_action(&SCREEN("member"), UK_F2, 1), ACT_SAVE);
	cr_assert_eq(screen_key_action(&SCREEN("member"), UK_CTRL_D, 1), ACT_DITTO);
	cr_assert_eq(screen_key_action(&SCREEN("member"), UK_ESC, 1), ACT_LEAVE);
	cr_assert_eq(screen_key_action(&SCREEN("member"), UK_CTRL_Q, 1), ACT_QUIT);
	cr_assert_eq(screen_key_action(&SCREEN("members"), 'J', 0), ACT_MOVE_DOWN);
	cr_assert_eq(screen_key_action(&SCREEN("members"), UK_CUP, 0), ACT_MOVE_UP);
	cr_assert_eq(screen_key_action(&SCREEN("members"), UK_IC, 0), ACT_NEW);
	cr_assert_eq(screen_key_action(&SCREEN("members"), 'd', 0), ACT_REMOVE);
	cr_assert_eq(screen_key_action(&SCREEN("tree"), '/', 0), ACT_SEARCH);
	cr_assert_eq(screen_key_action(&SCREEN("org"), UK_CTRL_N, 1), ACT_UNIT_ADD);
}

/* Defaults of a new record: each an exact official name of its code list,
 * fitting its field; the member form has the three the clerk keeps most
 * (党籍状态 正常, 失联 否, 流动 否) and none for 确认方式 (it attests a
 * signature). */
Test(screens, field_defaults)
{
	const struct form_def *forms[] = { SCREEN("member").form, SCREEN("org").form };
	const struct form_def *m = SCREEN("member").form;
	size_t i, j;

	for (j = 0; j < 2; j++)
		for (i = 0; i < forms[j]->nfields; i++) {
			const struct field_def *f = &forms[j]->fields[i];

			if (f->dflt == NULL)
				continue;
			cr_assert(strlen(f->dflt) < f->size, "%s default too long", f->key);
			if (f->type == FT_CODED)
				cr_assert_not_null(codelist_find_name(codelist_get(f->list), f->dflt),
				    "%s default %s not in its list", f->key, f->dflt);
		}
	cr_assert_str_eq(form_field(m, "party_status")->dflt, "正常");
	cr_assert_str_eq(form_field(m, "lost")->dflt, "否");
	cr_assert_str_eq(form_field(m, "floating")->dflt, "否");
	cr_assert_null(form_field(m, "confirm_method")->dflt);
	cr_assert_null(form_field(m, "category")->dflt);
}

/* ---- the line editor of long text fields (ui_line.c) ---- */

static struct uline L;

static void
line_text(char *buf, size_t size)
{
	uline_get(&L, buf, size);
}

/* The view of L in cols columns as UTF-8; *cur gets the cursor column. */
static const char *
line_view(int cols, int *cur)
{
	static char out[4 * ULINE_MAX];
	wchar_t w[ULINE_MAX + 4];
	int c = uline_view(&L, cols, w, sizeof w / sizeof w[0]);

	cr_assert_eq(wcswidth(w, wcslen(w)), cols, "view is %d columns, not %d",
	    wcswidth(w, wcslen(w)), cols);
	wcstombs(out, w, sizeof out);
	if (cur != NULL)
		*cur = c;
	return out;
}

Test(line, load_and_get_round_trip, .init = utf8)
{
	char buf[REC_TEXT_MAX];

	cr_assert_eq(uline_set(&L, "北京市海淀区 No.1", 255), 0);
	cr_assert_eq(L.len, 11);
	cr_assert_eq(L.cur, 11);
	cr_assert_eq(uline_bytes(&L), strlen("北京市海淀区 No.1"));
	line_text(buf, sizeof buf);
	cr_assert_str_eq(buf, "北京市海淀区 No.1");
	/* invalid UTF-8 and over-long text are refused, never cut */
	cr_assert_eq(uline_set(&L, "ab\xff", 255), -1);
	cr_assert_eq(L.len, 0);
	cr_assert_eq(uline_set(&L, "一二三", 8), -1);
	cr_assert_eq(uline_set(&L, "一二三", 9), 0);
}

Test(line, insert_move_delete, .init = utf8)
{
	char buf[64];

	uline_set(&L, "张丰", 63);
	cr_assert_eq(uline_edit(&L, ACT_LEFT), 0);
	cr_assert_eq(uline_insert(&L, L'三'), 1);
	line_text(buf, sizeof buf);
	cr_assert_str_eq(buf, "张三丰");
	cr_assert_eq(L.cur, 2);
	cr_assert_eq(uline_edit(&L, ACT_HOME), 0);
	cr_assert_eq(L.cur, 0);
	cr_assert_eq(uline_edit(&L, ACT_LEFT), -1);          /* at the start */
	cr_assert_eq(uline_edit(&L, ACT_BACKSPACE), -1);
	cr_assert_eq(uline_insert(&L, L'X'), 1);
	cr_assert_eq(uline_edit(&L, ACT_DELETE), 1);         /* 张 */
	line_text(buf, sizeof buf);
	cr_assert_str_eq(buf, "X三丰");
	cr_assert_eq(uline_edit(&L, ACT_END), 0);
	cr_assert_eq(uline_edit(&L, ACT_RIGHT), -1);         /* at the end */
	cr_assert_eq(uline_edit(&L, ACT_DELETE), -1);
	cr_assert_eq(uline_edit(&L, ACT_BACKSPACE), 1);
	line_text(buf, sizeof buf);
	cr_assert_str_eq(buf, "X三");
	cr_assert_eq(uline_edit(&L, ACT_CLEAR), 1);
	cr_assert_eq(L.len, 0);
	cr_assert_eq(uline_edit(&L, ACT_CLEAR), 0);          /* already empty */
}

Test(line, byte_limit_counts_utf8, .init = utf8)
{
	char buf[16];

	/* 8 bytes: two Chinese characters (3 bytes each) and two ASCII */
	uline_set(&L, "", 8);
	cr_assert_eq(uline_insert(&L, L'中'), 1);
	cr_assert_eq(uline_insert(&L, L'文'), 1);
	cr_assert_eq(uline_insert(&L, L'字'), -1);
	cr_assert_eq(uline_insert(&L, L'a'), 1);
	cr_assert_eq(uline_insert(&L, L'b'), 1);
	cr_assert_eq(uline_insert(&L, L'c'), -1);
	cr_assert_eq(uline_bytes(&L), 8);
	line_text(buf, sizeof buf);
	cr_assert_str_eq(buf, "中文ab");
	/* 255 bytes hold 85 Chinese characters, not 86 */
	uline_set(&L, "", REC_TEXT_MAX - 1);
	for (int i = 0; i < 85; i++)
		cr_assert_eq(uline_insert(&L, L'路'), 1);
	cr_assert_eq(uline_insert(&L, L'路'), -1);
	cr_assert_eq(L.len, 85);
}

Test(line, view_scrolls_by_columns, .init = utf8)
{
	int cur;

	uline_set(&L, "一二三四五六七八", 255);     /* 16 columns in a 10-column field */
	cr_assert_str_eq(line_view(10, &cur), "‹五六七八 ");
	cr_assert_eq(cur, 9);
	cr_assert_eq(L.off, 4);
	uline_edit(&L, ACT_HOME);
	cr_assert_str_eq(line_view(10, &cur), "一二三四 ›");
	cr_assert_eq(cur, 0);
	/* right to the 5th character: it must show whole, so the view moves */
	for (int i = 0; i < 4; i++)
		uline_edit(&L, ACT_RIGHT);
	cr_assert_str_eq(line_view(10, &cur), "‹二三四五›");
	cr_assert_eq(cur, 7);
	/* left again: the view follows the cursor to the left edge */
	for (int i = 0; i < 3; i++)
		uline_edit(&L, ACT_LEFT);
	line_view(10, &cur);
	cr_assert_eq(L.off, 1);
	cr_assert_eq(cur, 1);
	uline_edit(&L, ACT_LEFT);
	cr_assert_str_eq(line_view(10, &cur), "一二三四 ›");
	cr_assert_eq(cur, 0);
}

Test(line, view_never_splits_wide_characters, .init = utf8)
{
	int cur;

	/* an odd column count: "a" shifts the wide characters by one */
	uline_set(&L, "a一二三四五", 255);
	uline_edit(&L, ACT_HOME);
	cr_assert_str_eq(line_view(8, &cur), "a一二三›");
	uline_edit(&L, ACT_END);
	cr_assert_str_eq(line_view(8, &cur), "‹三四五 ");
	cr_assert_eq(cur, 7);
	/* fits whole: no marks at all */
	uline_set(&L, "北京a", 255);
	cr_assert_str_eq(line_view(8, &cur), "北京a   ");
	cr_assert_eq(cur, 5);
}

Test(line, view_fills_back_after_deleting_at_the_end, .init = utf8)
{
	int cur;

	uline_set(&L, "一二三四五六", 255);         /* 12 columns in 10 */
	line_view(10, &cur);
	cr_assert_gt(L.off, 0);
	uline_edit(&L, ACT_BACKSPACE);
	uline_edit(&L, ACT_BACKSPACE);               /* 8 columns + the cursor */
	cr_assert_str_eq(line_view(10, &cur), "一二三四  ");
	cr_assert_eq(L.off, 0);
	cr_assert_eq(cur, 8);
	/* a narrower field after a resize shows the cursor too */
	cr_assert_str_eq(line_view(6, &cur), "‹三四 ");
	cr_assert_eq(cur, 5);
}
