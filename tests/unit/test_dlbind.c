/* test_dlbind.c - the dlopen binding xlsx.c and pdf.c share: the first
 * library that loads of a list, a table of libc functions bound and called
 * through, and a missing name that binds nothing and is named back. */
#include <criterion/criterion.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "dlbind.h"

struct libc_fns {
	__typeof__(strlen) *strlen;
	__typeof__(abs) *abs;
	__typeof__(strcmp) *strcmp;
};

static const char *const libc_names[] = { "strlen", "abs", "strcmp" };

static const char *const libc_sonames[] = {
	"", "libcaiji-no-such-library.so.0", "libc.so.6", NULL,
};

Test(dlbind, open_first_skips_empty_and_missing)
{
	static const char *const none[] = { "", "libcaiji-no-such-library.so.0", NULL };
	void *h = dl_open_first(libc_sonames);

	cr_assert_not_null(h, "libc.so.6, the third name, loads");
	cr_assert_null(dl_open_first(none));
	dlclose(h);
}

Test(dlbind, binds_libc_functions_in_order)
{
	struct libc_fns f;
	void *h = dl_open_first(libc_sonames);

	_Static_assert(sizeof f == sizeof libc_names / sizeof libc_names[0] * sizeof(void *),
	    "one name per member");
	cr_assert_not_null(h);
	cr_assert_null(dl_bind(h, libc_names, (void **)&f, 3));
	cr_assert_eq(f.strlen("党支部"), strlen("党支部"));
	cr_assert_eq(f.abs(-7), 7);
	cr_assert_lt(f.strcmp("a", "b"), 0);
	cr_assert_null(dl_bind(RTLD_DEFAULT, libc_names, (void **)&f, 3),
	    "the process's own symbols bind too");
	cr_assert_eq(f.abs(-3), 3);
	dlclose(h);
}

Test(dlbind, missing_name_is_returned_and_nothing_bound)
{
	static const char *const names[] = { "strlen", "caiji_no_such_function", "abs" };
	void *slots[3] = { &slots, &slots, &slots };
	void *h = dl_open_first(libc_sonames);
	const char *missing;

	cr_assert_not_null(h);
	missing = dl_bind(h, names, slots, 3);
	cr_assert_eq(missing, names[1], "the first missing name, itself");
	cr_assert_str_eq(missing, "caiji_no_such_function");
	cr_assert_null(slots[0], "the name found before it is unbound again");
	cr_assert_null(slots[1]);
	cr_assert_null(slots[2], "nor is the one after it left as it was");
	dlclose(h);
}
