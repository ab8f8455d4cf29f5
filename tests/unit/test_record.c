/* test_record.c - helpers on the record structs: confirmations are
 * recorded once per rule and, at REC_CONFIRM_MAX, refused (never dropped
 * silently); a record with the most confirmations keeps them all through
 * the store; rec_strcpy never splits a character. */
#include "export_fixture.h"

TestSuite(record, .init = fx_setup, .fini = fx_teardown);

Test(record, confirm_add_refuses_past_the_cap)
{
	struct member m;
	char rule[32];
	int i;

	member_init(&m);
	cr_assert_eq(rec_confirm_add(&m.meta, "phone_fixed", "tester", 100), 0);
	cr_assert_eq(m.meta.n_confirm, 1u);
	cr_assert_str_eq(m.meta.confirm[0].rule, "phone_fixed");
	cr_assert_str_eq(m.meta.confirm[0].by, "tester");
	cr_assert_eq(m.meta.confirm[0].at, 100);
	/* the same rule again: already there, nothing added */
	cr_assert_eq(rec_confirm_add(&m.meta, "phone_fixed", "other", 200), 0);
	cr_assert_eq(m.meta.n_confirm, 1u);
	cr_assert_str_eq(m.meta.confirm[0].by, "tester");
	for (i = 1; i < REC_CONFIRM_MAX; i++) {
		snprintf(rule, sizeof rule, "rule_%d", i);
		cr_assert_eq(rec_confirm_add(&m.meta, rule, "tester", 100 + i), 0);
	}
	cr_assert_eq(m.meta.n_confirm, (size_t)REC_CONFIRM_MAX);
	/* full: refused, and nothing changed */
	cr_assert_eq(rec_confirm_add(&m.meta, "birth_differs", "tester", 999), -1);
	cr_assert_eq(m.meta.n_confirm, (size_t)REC_CONFIRM_MAX);
	for (i = 0; i < REC_CONFIRM_MAX; i++)
		cr_assert_str_neq(m.meta.confirm[i].rule, "birth_differs");
	/* a rule already there is still fine when full */
	cr_assert_eq(rec_confirm_add(&m.meta, "rule_3", "tester", 999), 0);
}

Test(record, full_confirmations_survive_the_store)
{
	struct member m;
	char rule[32];
	uint64_t id;
	int i;

	fx_build();
	fx_member_fill(&m, fx.bz, "陈满", "19810101", 301);
	for (i = 0; i < REC_CONFIRM_MAX; i++) {
		snprintf(rule, sizeof rule, "rule_%d", i);
		cr_assert_eq(rec_confirm_add(&m.meta, rule, "tester", 1000 + i), 0);
	}
	id = fx_member_save(&m);
	cr_assert_eq(store_member_get(fx_st, id, &m, NULL), 0);
	cr_assert_eq(m.meta.n_confirm, (size_t)REC_CONFIRM_MAX);
	for (i = 0; i < REC_CONFIRM_MAX; i++) {
		snprintf(rule, sizeof rule, "rule_%d", i);
		cr_assert_str_eq(m.meta.confirm[i].rule, rule);
		cr_assert_eq(m.meta.confirm[i].at, 1000 + i);
	}
}

Test(record, strcpy_never_splits)
{
	char b[8];

	cr_assert_eq(rec_strcpy(b, sizeof b, "党员"), 0);
	cr_assert_str_eq(b, "党员");
	cr_assert_eq(rec_strcpy(b, sizeof b, "党员党员"), -1);
	cr_assert_str_eq(b, "党员");          /* 7 bytes fit, the third 党 would not */
	cr_assert_eq(rec_strcpy(b, 3, "党"), -1);
	cr_assert_str_eq(b, "");
}

/* An org's unit array (issue 10 B.9): grown as units are added, copied deep
 * (the copy's pages are its own) into an org_init'ed org, freed twice
 * without harm; zeroed memory (calloc) is an org holding no array. */
Test(record, org_unit_array_copy_and_zeroed_memory)
{
	struct org a, b, *c;
	size_t i;

	org_init(&a);
	for (i = 0; i < 40; i++)
		snprintf(org_unit_add(&a)->name, sizeof a.units[0].name, "单位%zu", i + 1);
	cr_assert_eq(a.n_units, 40);
	cr_assert_geq(a.cap_units, 40);
	org_init(&b);
	cr_assert_eq(org_copy(&b, &a), 0);
	cr_assert_neq(b.units, a.units);
	strcpy(b.units[39].name, "改过");
	cr_assert_str_eq(a.units[39].name, "单位40");
	org_unit_remove(&b, 0);
	cr_assert_eq(b.n_units, 39);
	cr_assert_str_eq(b.units[0].name, "单位2");
	cr_assert_str_eq(b.units[38].name, "改过");
	cr_assert_eq(org_copy(&b, &a), 0);      /* b's own array reused */
	cr_assert_eq(b.n_units, 40);
	cr_assert_str_eq(b.units[39].name, "单位40");
	org_free(&a);
	org_free(&b);
	org_free(&b);           /* twice: nothing left to free */
	c = calloc(1, sizeof *c);
	cr_assert_not_null(c);
	cr_assert_not_null(org_unit_add(c));
	cr_assert_eq(c->n_units, 1);
	org_delete(c);
}
