/* test_verify.c - double keying: the sample and the comparison (verify.h). */
#include <criterion/criterion.h>
#include <string.h>

#include "verify.h"

Test(verify, every_nth)
{
	uint64_t ids[10], out[10];
	size_t i, k;

	for (i = 0; i < 10; i++)
		ids[i] = 100 + i;
	k = verify_sample(ids, 10, 3, 0, 0, out);
	cr_assert_eq(k, 3);
	cr_assert_eq(out[0], 102);
	cr_assert_eq(out[1], 105);
	cr_assert_eq(out[2], 108);
}

Test(verify, random_n_is_fixed_by_the_seed)
{
	uint64_t ids[50], a[50], b[50], c[50];
	size_t i, k;

	for (i = 0; i < 50; i++)
		ids[i] = i + 1;
	k = verify_sample(ids, 50, 0, 7, 42, a);
	cr_assert_eq(k, 7);
	cr_assert_eq(verify_sample(ids, 50, 0, 7, 42, b), 7);
	cr_assert(memcmp(a, b, sizeof a[0] * 7) == 0, "same seed, same sample");
	for (i = 1; i < 7; i++)
		cr_assert(a[i - 1] < a[i], "in list order, no repeats");
	verify_sample(ids, 50, 0, 7, 43, c);
	cr_assert(memcmp(a, c, sizeof a[0] * 7) != 0, "another seed, another sample");
	cr_assert_eq(verify_sample(ids, 5, 0, 9, 1, a), 5, "at most every member");
}

Test(verify, compare_field_by_field_and_take)
{
	struct member a, b;
	struct verify_diff d[VERIFY_DIFF_MAX];
	size_t fields, n;

	member_init(&a);
	strcpy(a.name, "周核对");
	strcpy(a.address, "南京路2号");
	strcpy(a.phone, "13912345678");
	b = a;
	b.branch = 99;                       /* not keyed: never a difference */
	strcpy(b.address, "南京路20号");
	n = verify_compare(&a, &b, &fields, d, VERIFY_DIFF_MAX);
	cr_assert_eq(n, 1);
	cr_assert(fields > 10);
	cr_assert_str_eq(d[0].key, "address");
	cr_assert_str_eq(d[0].first, "南京路2号");
	cr_assert_str_eq(d[0].second, "南京路20号");
	verify_take(&a, &b, "address");
	cr_assert_str_eq(a.address, "南京路20号");
	cr_assert_eq(verify_compare(&a, &b, &fields, d, VERIFY_DIFF_MAX), 0);
}
