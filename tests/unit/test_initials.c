/* test_initials.c - pinyin initials of names through GB 2312's order. */
#include <criterion/criterion.h>
#include <string.h>

#include "initials.h"

static const char *
ini(const char *s)
{
	static char out[64];
	struct initials *in = initials_open();

	cr_assert_not_null(in);
	initials_of(in, s, out, sizeof out);
	initials_close(in);
	return out;
}

Test(initials, common_names)
{
	cr_assert_str_eq(ini("张三丰"), "zsf");
	cr_assert_str_eq(ini("李晓梅"), "lxm");
	cr_assert_str_eq(ini("王建国"), "wjg");
	cr_assert_str_eq(ini("欧阳娜娜"), "oynn");
}

/* The first and last character of each initial in GB 2312 level 1. */
Test(initials, boundaries_of_every_initial)
{
	cr_assert_str_eq(ini("啊芭擦搭蛾发噶哈击喀垃妈拿哦啪期然撒塌挖昔压匝座"),
	    "abcdefghjklmnopqrstwxyzz");
	cr_assert_str_eq(ini("澳八簿从础鹅贰付过盒骏阔络摸挪沤瀑群润所他娃蜗星韵"),
	    "abbcceefghjklmnopqrstwwxy");
}

Test(initials, ascii_other_and_cut)
{
	char out[4];
	struct initials *in = initials_open();

	cr_assert_str_eq(ini("Li 明2"), "li?m2");
	cr_assert_str_eq(ini("·"), "?");             /* not in GB 2312 level 1 */
	cr_assert_str_eq(ini("\xE5"), "?");          /* a cut character */
	cr_assert_eq(initials_of(in, "张三丰李", out, sizeof out), 3);
	cr_assert_str_eq(out, "zsf");
	initials_close(in);
}

Test(initials, query_shape)
{
	cr_assert(initials_query("wjh"));
	cr_assert(initials_query("w2"));
	cr_assert_not(initials_query(""));
	cr_assert_not(initials_query("2w"));
	cr_assert_not(initials_query("abcdefghijk"));     /* over INITIALS_QUERY_MAX */
}
