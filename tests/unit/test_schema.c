/* test_schema.c - the record schema and what derives from it: the stored
 * encoding (golden bytes, the last release's records), the report columns,
 * the forms and the import mapping. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lmdb.h>

#include "report.h"
#include "schema.h"
#include "screen.h"
#include "initials.h"
#include "store.h"
#include "synth.h"
#include "words.h"
#include "validate.h"

/* A member with every field set ("b".."t" in tag order, tag 64 = branch),
 * a confirmation and every meta field: the bytes the release (d15c0a1)
 * encoded it as, recorded from that build's enc_member. */
static const unsigned char golden_member[] =
    "\x01\x00\x01\x08\x00\x07\x00\x00\x00\x00\x00\x00\x00\x02\x08\x00\x03\x00\x00\x00\x00\x00\x00\x00\x03\x08\x00\x00\xf1\x53\x65\x00\x00\x00\x00\x04\x08\x00\x64\xf1\x53\x65\x00\x00\x00\x00\x05\x03\x00\x61\x6e\x6e\x06\x03\x00\x62\x6f\x62\x07\x04\x00\x01\x00\x00\x00\x08\x04\x00\x02\x00\x00\x00\x09\x01\x00\x6e\x0a\x08\x00\x05\x00\x00\x00\x00\x00\x00\x00\x0b\x02\x00\x63\x79\x0c\x13\x00\x01\x01\x00\x72\x02\x01\x00\x62\x03\x08\x00\x09\x00\x00\x00\x00\x00\x00\x00\x40\x08\x00\x08\x07\x06\x05\x04\x03\x02\x01\x41\x01\x00\x62\x42\x01\x00\x63\x43\x01\x00\x64\x44\x01\x00\x65\x45\x01\x00\x66\x46\x01\x00\x67\x47\x01\x00\x68\x48\x01\x00\x69\x49\x01\x00\x6a\x4a\x01\x00\x6b\x4b\x01\x00\x6c\x4c\x01\x00\x6d\x4d\x01\x00\x6e\x4e\x01\x00\x6f\x4f\x01\x00\x70\x50\x01\x00\x71\x51\x01\x00\x72\x52\x01\x00\x73\x53\x01\x00\x74";

static void
fill_member(struct member *m)
{
	size_t i;

	member_init(m);
	m->meta.id = 7;
	m->meta.version = 3;
	m->meta.created_at = 1700000000;
	m->meta.changed_at = 1700000100;
	strcpy(m->meta.created_by, "ann");
	strcpy(m->meta.changed_by, "bob");
	m->meta.state = 1;
	m->meta.removed = 2;
	strcpy(m->meta.removed_note, "n");
	m->meta.removed_at = 5;
	strcpy(m->meta.removed_by, "cy");
	m->meta.n_confirm = 1;
	strcpy(m->meta.confirm[0].rule, "r");
	strcpy(m->meta.confirm[0].by, "b");
	m->meta.confirm[0].at = 9;
	m->branch = 0x0102030405060708ULL;
	for (i = 0; i < SCH_MEMBER_N; i++)         /* the fields the release had */
		if (sch_member[i].kind == SK_STR && sch_member[i].tag <= SCH_TAG_member_note) {
			char *p = (char *)m + sch_member[i].off;

			p[0] = (char)('a' + (sch_member[i].tag - SCH_MEMBER_BASE));
			p[1] = '\0';
		}
}

/* The release's format 1 bytes still decode to the member they were, and
 * format 1 is still what store_member_encode_as(1) writes. */
Test(schema, golden_member_bytes)
{
	struct member m, back;
	unsigned char *p, *q;
	size_t n, nq;

	fill_member(&m);
	cr_assert_eq(store_member_encode_as(&m, 1, &p, &n), 0);
	cr_assert_eq(n, sizeof golden_member - 1, "encoded %zu bytes, the release %zu",
	    n, sizeof golden_member - 1);
	cr_assert(memcmp(p, golden_member, n) == 0, "encoding differs from the release's");
	cr_assert_eq(store_member_decode(golden_member, sizeof golden_member - 1, &back), 0);
	cr_assert(memcmp(&back, &m, sizeof m) == 0, "format 1 decodes to another member");
	cr_assert_eq(store_member_encode_as(&back, 1, &q, &nq), 0);
	cr_assert(nq == n && memcmp(p, q, n) == 0, "decode + encode is not the identity");
	cr_assert_str_eq(back.note, "t");
	cr_assert_eq(back.branch, m.branch);
	cr_assert_eq(back.meta.n_confirm, 1);
	free(p);
	free(q);
}

/* The same member in format 3 (issue 15): every item a tag and a one-byte
 * head, numbers without their zero bytes; recorded from this build. */
static const unsigned char golden_member3[] =
    "\x03\x00\x01\x01\x07\x02\x01\x03\x03\x04\x00\xf1\x53\x65\x04\x04\x64\xf1\x53\x65\x05\x03\x61\x6e\x6e\x06\x03\x62\x6f\x62\x07\x01\x01\x08\x01\x02\x09\x01\x6e\x0a\x01\x05\x0b\x02\x63\x79\x0c\x09\x01\x01\x72\x02\x01\x62\x03\x01\x09\x40\x08\x08\x07\x06\x05\x04\x03\x02\x01\x41\x01\x62\x42\x01\x63\x43\x01\x64\x44\x01\x65\x45\x01\x66\x46\x01\x67\x47\x01\x68\x48\x01\x69\x49\x01\x6a\x4a\x01\x6b\x4b\x01\x6c\x4c\x01\x6d\x4d\x01\x6e\x4e\x01\x6f\x4f\x01\x70\x50\x01\x71\x51\x01\x72\x52\x01\x73\x53\x01\x74";

Test(schema, golden_member_bytes_format3)
{
	struct member m, back;
	unsigned char *p;
	size_t n;

	fill_member(&m);
	cr_assert_eq(store_member_encode(&m, &p, &n), 0);
	cr_assert_eq(n, sizeof golden_member3 - 1, "encoded %zu bytes, format 3 is %zu",
	    n, sizeof golden_member3 - 1);
	cr_assert(memcmp(p, golden_member3, n) == 0, "format 3 encoding changed");
	cr_assert_eq(store_member_decode(golden_member3, sizeof golden_member3 - 1, &back), 0);
	cr_assert(memcmp(&back, &m, sizeof m) == 0, "format 3 decodes to another member");
	free(p);
}

Test(schema, newer_record_format_is_refused)
{
	unsigned char b[sizeof golden_member];
	struct member m;

	memcpy(b, golden_member, sizeof b);
	b[0] = 4;               /* format 4: a newer caiji's encoding (this
	                         * build reads 1, 2 for an org of more than 16
	                         * units, and 3 for a member) */
	cr_assert_eq(store_member_decode(b, sizeof b - 1, &m), STORE_ESCHEMA);
	cr_assert(strstr(store_strerror(STORE_ESCHEMA), STORE_NEWER_TEXT) != NULL);
}

Test(schema, unknown_tags_are_skipped)
{
	unsigned char b[sizeof golden_member + 8];
	size_t n = sizeof golden_member - 1;
	struct member m;

	memcpy(b, golden_member, n);
	memcpy(b + n, "\xF0\x02\x00zz", 5);   /* a tag this build does not know */
	cr_assert_eq(store_member_decode(b, n + 5, &m), 0);
	cr_assert_str_eq(m.name, "b");
	cr_assert_str_eq(m.note, "t");
}

/* Every record the release wrote decodes and encodes to the same bytes. */
Test(schema, release_records_reencode_identically)
{
	const char *src = "tests/data/release-d15c0a1/data.mdb";
	char dir[] = "/tmp/caiji-rel-XXXXXX", path[64], cmd[256];
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_cursor *cur;
	MDB_val k, v;
	const char *dbs[] = { "members", "orgs" };
	size_t i, seen[2] = { 0, 0 };

	cr_assert_not_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "cp %s %s/", src, dir);
	cr_assert_eq(system(cmd), 0);
	snprintf(path, sizeof path, "%s", dir);
	cr_assert_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 16);
	cr_assert_eq(mdb_env_open(env, path, MDB_RDONLY, 0600), 0);
	cr_assert_eq(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn), 0);
	for (i = 0; i < 2; i++) {
		cr_assert_eq(mdb_dbi_open(txn, dbs[i], 0, &dbi), 0);
		cr_assert_eq(mdb_cursor_open(txn, dbi, &cur), 0);
		while (mdb_cursor_get(cur, &k, &v, MDB_NEXT) == 0) {
			unsigned char *p;
			size_t n;

			if (i == 0) {
				struct member m;

				struct member m3;
				unsigned char *p3;
				size_t n3;

				/* read, then saved as format 3: the same member */
				cr_assert_eq(store_member_decode(v.mv_data, v.mv_size, &m), 0);
				cr_assert_eq(store_member_encode(&m, &p3, &n3), 0);
				cr_assert_eq(store_member_decode(p3, n3, &m3), 0);
				cr_assert(memcmp(&m, &m3, sizeof m) == 0,
				    "a release member differs after format 3");
				cr_assert(n3 * 2 < v.mv_size + 40, "format 3 took %zu bytes for %zu",
				    n3, v.mv_size);
				free(p3);
				cr_assert_eq(store_member_encode_as(&m, 1, &p, &n), 0);
			} else {
				struct org *o = org_new();

				cr_assert_eq(store_org_decode(v.mv_data, v.mv_size, o), 0);
				cr_assert_eq(store_org_encode(o, &p, &n), 0);
				org_delete(o);
			}
			cr_assert(n == v.mv_size && memcmp(p, v.mv_data, n) == 0,
			    "%s record re-encodes differently", dbs[i]);
			free(p);
			seen[i]++;
		}
		mdb_cursor_close(cur);
	}
	mdb_txn_abort(txn);
	mdb_env_close(env);
	cr_assert_eq(seen[0], 40);
	cr_assert_eq(seen[1], 7);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

/* The 附件4 header is the schema's column list: 序号, then every reported
 * member field in .def order, and each cell is that field's value. */
Test(schema, member_report_columns_are_the_schema_columns)
{
	const char *cells[REPORT_MEMBER_NCOLS];
	struct member m;
	size_t i;
	int c = 1;

	fill_member(&m);
	report_member_cells(&m, "支部", "9", cells);
	cr_assert_str_eq(report_member_headers[0], "序号");
	cr_assert_str_eq(cells[0], "9");
	for (i = 0; i < SCH_MEMBER_N; i++) {
		const struct sch_field *f = &sch_member[i];

		if (f->col == 0)
			continue;
		cr_assert_eq(f->col, c, "%s: column %d, expected %d", f->key, f->col, c);
		cr_assert_str_eq(report_member_headers[c], f->label);
		cr_assert_str_eq(report_member_cols[c].header, f->label);
		cr_assert_eq(report_member_cols[c].text, f->text);
		cr_assert_eq(report_member_cols[c].list, f->col_list);
		cr_assert_eq(sch_member_column(c), f);
		if (f->kind == SK_REF)
			cr_assert_str_eq(cells[c], "支部");
		else
			cr_assert_eq(cells[c], (const char *)&m + f->off, "%s", f->key);
		c++;
	}
	cr_assert_eq(c, REPORT_MEMBER_NCOLS);
}

/* 附件3: 序号, the reported organisation fields, then the unit fields. */
Test(schema, org_report_columns_are_the_schema_columns)
{
	const char *cells[REPORT_ORG_NCOLS];
	struct org *o = calloc(1, sizeof *o);
	size_t i;
	int c = 1;

	org_init(o);
	cr_assert_not_null(org_unit_add(o));
	report_org_cells(o, 0, "1", cells);
	for (i = 0; i < SCH_ORG_N; i++)
		if (sch_org[i].col != 0) {
			cr_assert_eq(sch_org[i].col, c);
			cr_assert_str_eq(report_org_headers[c], sch_org[i].label);
			cr_assert_eq(cells[c], (const char *)o + sch_org[i].off);
			c++;
		}
	for (i = 0; i < SCH_UNIT_N; i++)
		if (sch_unit[i].col != 0) {
			cr_assert_eq(sch_unit[i].col, c);
			cr_assert_str_eq(report_org_headers[c], sch_unit[i].label);
			cr_assert_eq(cells[c], (const char *)&o->units[0] + sch_unit[i].off);
			c++;
		}
	cr_assert_eq(c, REPORT_ORG_NCOLS);
	org_delete(o);
}

/* The forms show every schema field a form can edit, as the schema says;
 * the screens add only the layout (rows), and keep each row once. */
static void
form_matches(const struct field_def *fd, size_t n, const struct sch_field *sf,
    size_t ns, const char *prefix)
{
	size_t i, j, shown = 0;
	char key[64];

	for (i = 0; i < ns; i++) {
		const struct field_def *d = NULL;

		if (sf[i].ftype < 0)
			continue;
		snprintf(key, sizeof key, "%s%s", prefix, sf[i].key);
		for (j = 0; j < n; j++)
			if (strcmp(fd[j].key, key) == 0)
				d = &fd[j];
		cr_assert_not_null(d, "the form lacks %s", key);
		cr_assert_str_eq(d->label, sf[i].label);
		cr_assert_eq(d->item, sf[i].item, "%s", key);
		cr_assert_eq(d->type, sf[i].ftype, "%s", key);
		cr_assert_eq(d->width, sf[i].width, "%s", key);
		cr_assert_eq(d->list, sf[i].list, "%s", key);
		cr_assert_eq(d->vkind, sf[i].check, "%s", key);
		cr_assert_eq(d->required, sf[i].required, "%s", key);
		cr_assert_eq(d->fixed, sf[i].fixed, "%s", key);
		cr_assert_eq(d->long_text, sf[i].long_text, "%s", key);
		cr_assert_eq(d->shown, sf[i].applies, "%s", key);
		cr_assert_eq(d->off, sf[i].off, "%s", key);
		cr_assert((d->dflt == NULL) == (sf[i].dflt == NULL), "%s", key);
		cr_assert_eq(d->readonly, sf[i].kind == SK_REF, "%s", key);
		for (j = 0; j < n; j++)
			cr_assert(&fd[j] == d || fd[j].row != d->row, "%s shares its row", key);
		shown++;
	}
	cr_assert_eq(shown, n, "the form has fields the schema does not");
}

Test(schema, forms_show_every_schema_field)
{
	const struct form_def *m = screen_find("member")->form;
	const struct form_def *o = screen_find("org")->form;

	form_matches(m->fields, m->nfields, sch_member, SCH_MEMBER_N, "");
	form_matches(o->fields, o->nfields, sch_org, SCH_ORG_N, "");
	form_matches(o->unit_fields, o->nunit_fields, sch_unit, SCH_UNIT_N, "unit_");
}

/* The relation the ID number declares, and the rules that live once. */
Test(schema, relations_and_rules)
{
	const struct sch_relation *r = sch_relation_from("idcard");
	struct member m;
	struct org *o = calloc(1, sizeof *o);

	cr_assert_not_null(r);
	cr_assert_eq(r->ntargets, 2);
	cr_assert_str_eq(sch_member[r->t[0].to].key, "sex");
	cr_assert_str_eq(sch_member[r->t[1].to].key, "birth");
	cr_assert_null(sch_relation_from("name"));
	cr_assert(sch_member_is_rel_source(SCH_MI_idcard));
	cr_assert(!sch_member_is_rel_source(SCH_MI_sex));
	/* normalize_member fills the targets from the source */
	member_init(&m);
	strcpy(m.idcard, "110108199508080084");
	normalize_member(&m);
	cr_assert_str_eq(m.sex, "女");
	cr_assert_str_eq(m.birth, "1995-08-08");

	cr_assert_eq(rule_units_min("联合党支部"), RULE_JOINT_MIN_UNITS);
	cr_assert_eq(rule_units_min("法人单位"), 1);
	cr_assert_eq(rule_units_max("法人单位"), 1);
	cr_assert_eq(rule_units_max("与上级党组织相同"), 0);
	org_init(o);
	strcpy(o->unit_situation, "联合党支部");
	cr_assert(rule_org_has_units(o));
	cr_assert_eq(screen_find("org")->form->min_units(o), RULE_JOINT_MIN_UNITS);
	strcpy(o->unit_situation, "与上级党组织相同");
	cr_assert(!rule_org_has_units(o));
	free(o);

	strcpy(m.category, "预备党员");
	cr_assert(!rule_full_date_applies(&m));
	cr_assert(!sch_member_field("full_date")->applies(&m));
	strcpy(m.category, "正式党员");
	cr_assert(rule_full_date_applies(&m));
	strcpy(m.floating, "是");
	cr_assert(sch_member_field("flow_to")->applies(&m));
	strcpy(m.lost, "否");
	cr_assert(!sch_member_field("lost_date")->applies(&m));
}

/* ---- the format evolving: carried items, migrations, newer databases ---- */

static char fdir[64];

/* A copy of the release database in a fresh directory (fdir). */
static void
release_copy(void)
{
	char cmd[256];

	strcpy(fdir, "/tmp/caiji-fmt-XXXXXX");
	cr_assert_not_null(mkdtemp(fdir));
	snprintf(cmd, sizeof cmd, "cp tests/data/release-d15c0a1/data.mdb %s/ && chmod 600 %s/data.mdb",
	    fdir, fdir);
	cr_assert_eq(system(cmd), 0);
}

static void
release_drop(void)
{
	char cmd[160];

	snprintf(cmd, sizeof cmd, "rm -rf %s", fdir);
	cr_assert_eq(system(cmd), 0);
}

/* Raw LMDB access to fdir while no store has it open: the first record of
 * db (its key in *key, 8 or 12 bytes), optionally with extra bytes appended
 * or the version bytes replaced; returns the record as stored after. */
struct raw { unsigned char key[12], val[8192]; size_t kl, vl; };

static void
raw(const char *db, const unsigned char *key, size_t kl, const void *append,
    size_t alen, int version, struct raw *out)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_cursor *cur;
	MDB_val k, v;

	cr_assert_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 16);
	cr_assert_eq(mdb_env_open(env, fdir, 0, 0600), 0);
	cr_assert_eq(mdb_txn_begin(env, NULL, 0, &txn), 0);
	cr_assert_eq(mdb_dbi_open(txn, db, 0, &dbi), 0);
	if (key == NULL) {
		cr_assert_eq(mdb_cursor_open(txn, dbi, &cur), 0);
		cr_assert_eq(mdb_cursor_get(cur, &k, &v, MDB_FIRST), 0);
		mdb_cursor_close(cur);
	} else {
		k.mv_data = (void *)key;
		k.mv_size = kl;
		cr_assert_eq(mdb_get(txn, dbi, &k, &v), 0);
	}
	out->kl = k.mv_size;
	memcpy(out->key, k.mv_data, k.mv_size);
	out->vl = v.mv_size;
	memcpy(out->val, v.mv_data, v.mv_size);
	if (append != NULL || version != 0) {
		if (append != NULL) {
			memcpy(out->val + out->vl, append, alen);
			out->vl += alen;
		}
		if (version != 0)
			out->val[0] = (unsigned char)version;
		k.mv_data = out->key;
		v.mv_data = out->val;
		v.mv_size = out->vl;
		cr_assert_eq(mdb_put(txn, dbi, &k, &v, 0), 0);
	}
	cr_assert_eq(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

static int
has_item(const struct raw *r, const char *item, size_t n)
{
	return memmem(r->val, r->vl, item, n) != NULL;
}

static uint64_t
be64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* A newer caiji's item (a tag this build does not know) survives a save
 * by this build: members, organisations and their units. */
Test(schema, unknown_items_are_carried_through_a_save)
{
	static const char item[] = "\xF0\x03\x00new", uitem[] = "\x20\x02\x00un";
	struct store *s;
	struct member m;
	struct org *o = org_new();
	struct raw rm, ro, ru;
	char *cause = NULL;
	unsigned char ukey[12];

	release_copy();
	raw("members", NULL, 0, item, sizeof item - 1, 0, &rm);
	raw("orgs", NULL, 0, item, sizeof item - 1, 0, &ro);
	memcpy(ukey, ro.key, 8);
	memset(ukey + 8, 0, 4);
	cr_assert_eq(store_open(&s, fdir, 0, 0, &cause), 0, "%s", cause);
	cr_assert_eq(store_member_get(s, be64(rm.key), &m, NULL), 0);
	strcpy(m.note, "改过");
	cr_assert_eq(store_member_save(s, &m, &cause), 0, "%s", cause);
	cr_assert_eq(store_org_get(s, be64(ro.key), o, NULL), 0);
	strcpy(o->note, "改过");
	cr_assert_eq(store_org_save(s, o, &cause), 0, "%s", cause);
	store_close(s);
	raw("members", rm.key, 8, NULL, 0, 0, &rm);
	raw("orgs", ro.key, 8, NULL, 0, 0, &ro);
	/* the member is format 3 now: the item kept as plain bytes */
	cr_assert_eq(rm.val[0], 3);
	cr_assert(has_item(&rm, "\xF0\x03new", 5), "the member lost the newer item");
	cr_assert(has_item(&rm, "改过", strlen("改过")));
	cr_assert(has_item(&ro, item, sizeof item - 1), "the organisation lost the newer item");

	/* a unit of the joint branch (the first org with units) */
	cr_assert_eq(store_open(&s, fdir, 0, 0, &cause), 0, "%s", cause);
	{
		uint64_t id;

		cr_assert_eq(store_org_by_name(s, "中共某某市示范物业服务有限公司联合党支部", &id), 0);
		memset(ukey, 0, sizeof ukey);
		for (int i = 7; i >= 0; i--, id >>= 8)
			ukey[i] = (unsigned char)(id & 0xff);
	}
	store_close(s);
	raw("units", ukey, 12, uitem, sizeof uitem - 1, 0, &ru);
	cr_assert_eq(store_open(&s, fdir, 0, 0, &cause), 0, "%s", cause);
	cr_assert_eq(store_org_get(s, be64(ukey), o, NULL), 0);
	cr_assert_eq(o->n_units, 2);
	strcpy(o->units[1].name, "改过的单位");
	cr_assert_eq(store_org_save(s, o, &cause), 0, "%s", cause);
	store_close(s);
	raw("units", ukey, 12, NULL, 0, 0, &ru);
	cr_assert(has_item(&ru, uitem, sizeof uitem - 1), "the unit lost the newer item");
	org_delete(o);
	release_drop();
}

/* A record whose format version is newer is refused with the message. */
Test(schema, newer_record_in_the_database_is_refused)
{
	struct store *s;
	struct member m;
	struct raw rm;
	char *cause = NULL;

	release_copy();
	/* format 4: this build reads 1, 2 (an organisation with more than 16
	 * units, store.h "Evolution") and 3 (a member, issue 15) */
	raw("members", NULL, 0, NULL, 0, 4, &rm);
	cr_assert_eq(store_open(&s, fdir, 0, 0, &cause), 0, "%s", cause);
	cr_assert_eq(store_member_get(s, be64(rm.key), &m, &cause), STORE_ESCHEMA);
	cr_assert_not_null(cause);
	cr_assert(strstr(cause, STORE_NEWER_TEXT) != NULL, "%s", cause);
	free(cause);
	store_close(s);
	release_drop();
}

static void
mig_note(struct member *m)
{
	snprintf(m->note, sizeof m->note, "迁移:%s", m->name);
}

static void
mig_org(struct org *o)
{
	snprintf(o->note, sizeof o->note, "迁移");
}

/* The migration framework: a step rewrites every record without a new
 * version, and records the new schema; this build then refuses the
 * database as written by a newer caiji. */
Test(schema, migration_step_and_newer_database)
{
	static const struct store_migration steps[] = {
		{ STORE_SCHEMA, "test: a note on every record", mig_note, mig_org, NULL },
		{ 0, NULL, NULL, NULL, NULL },
	};
	struct store *s;
	struct member m, before;
	struct raw rm;
	char *cause = NULL;
	uint64_t id;

	release_copy();
	raw("members", NULL, 0, NULL, 0, 0, &rm);
	id = be64(rm.key);
	cr_assert_eq(store_open(&s, fdir, 0, 0, &cause), 0, "%s", cause);
	cr_assert_eq(store_member_get(s, id, &before, NULL), 0);
	cr_assert_eq(store_migrate(s, steps, STORE_SCHEMA + 2, &cause), STORE_ESCHEMA,
	    "a missing step must refuse");
	free(cause);
	cause = NULL;
	cr_assert_eq(store_member_get(s, id, &m, NULL), 0);
	cr_assert_str_eq(m.note, before.note, "a refused migration wrote");
	cr_assert_eq(store_migrate(s, steps, STORE_SCHEMA + 1, &cause), 0, "%s", cause);
	cr_assert_eq(store_member_get(s, id, &m, NULL), 0);
	cr_assert(strncmp(m.note, "迁移:", strlen("迁移:")) == 0, "%s", m.note);
	cr_assert_eq(m.meta.version, before.meta.version);
	cr_assert_eq(m.meta.changed_at, before.meta.changed_at);
	store_close(s);
	cr_assert_eq(store_open(&s, fdir, 0, 0, &cause), STORE_ESCHEMA);
	cr_assert(strstr(cause, STORE_NEWER_TEXT) != NULL, "%s", cause);
	free(cause);
	release_drop();
}

/* Schema 3 (issue 14.16): opening the release database builds the
 * initials index from its names, so pinyin initials find its members. */
Test(schema, release_database_gets_the_initials_index)
{
	struct store *s;
	struct member m;
	struct raw rm;
	char *cause = NULL, q[8];
	uint64_t id, *ids = NULL;
	size_t n = 0, i;
	int found = 0;

	release_copy();
	raw("members", NULL, 0, NULL, 0, 0, &rm);
	id = be64(rm.key);
	cr_assert_eq(store_open(&s, fdir, 0, 0, &cause), 0, "%s", cause);
	cr_assert_eq(store_member_get(s, id, &m, NULL), 0);
	/* the first two initials of the first member's name, by hand: the
	 * release's names are common characters */
	{
		struct initials *in = initials_open();

		cr_assert_not_null(in);
		initials_of(in, m.name, q, 3);
		initials_close(in);
	}
	cr_assert_eq(store_member_search_initials(s, q, &ids, &n), 0);
	for (i = 0; i < n; i++)
		found |= ids[i] == id;
	cr_assert(found, "%s (%s) not found by its initials after the migration", m.name, q);
	free(ids);
	store_close(s);
	release_drop();
}

/* ---- schema 2: the counts table, built on the first open ---- */

static size_t with_1;   /* members whose ID number or phone holds a 1 */

static int
recount_one(const struct member *m, void *ud)
{
	struct store_counts *c = ud;

	with_1 += strchr(m->idcard, '1') != NULL || strchr(m->phone, '1') != NULL;

	if (m->meta.removed != RM_NONE) {
		c->removed++;
		return 0;
	}
	c->members++;
	c->full += strcmp(m->category, "正式党员") == 0;
	c->probationary += strcmp(m->category, "预备党员") == 0;
	c->drafts += m->meta.state == REC_DRAFT;
	return 0;
}

/* Every branch under id: kept counts equal a walk; *branches counted. */
static void
counts_below(struct store *s, uint64_t id, size_t *branches, size_t *members)
{
	uint64_t *ids = NULL;
	size_t n = 0, i;

	cr_assert_eq(store_org_children(s, id, &ids, &n), 0);
	for (i = 0; i < n; i++) {
		struct store_counts kept, walk;

		memset(&walk, 0, sizeof walk);
		cr_assert_eq(store_member_each(s, ids[i], recount_one, &walk), 0);
		cr_assert_eq(store_branch_counts(s, ids[i], &kept), 0);
		cr_assert(memcmp(&kept, &walk, sizeof kept) == 0,
		    "org %llu: kept %zu members, a walk %zu", (unsigned long long)ids[i],
		    kept.members, walk.members);
		if (walk.members + walk.removed > 0)
			(*branches)++;
		*members += walk.members;
		counts_below(s, ids[i], branches, members);
	}
	free(ids);
}

/* The release's database (schema 1) opens: read-only it is refused as
 * older, the first writable open counts every branch once and builds the
 * search table. */
Test(schema, release_database_gets_its_counts_on_first_open)
{
	struct store *s;
	char *cause = NULL;
	size_t branches = 0, members = 0;

	release_copy();
	cr_assert_eq(store_open(&s, fdir, STORE_RDONLY, 0, &cause), STORE_ESCHEMA);
	cr_assert(strstr(cause, "较旧") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(store_open(&s, fdir, 0, 0, &cause), 0, "%s", cause);
	with_1 = 0;
	counts_below(s, 0, &branches, &members);
	cr_assert_gt(branches, 0);
	cr_assert_gt(members, 0);
	{
		uint64_t *ids = NULL;
		size_t n = 0;

		cr_assert_eq(store_member_search_text(s, "1", &ids, &n), 0);
		cr_assert_eq(n, with_1, "search table: %zu, a scan: %zu", n, with_1);
		cr_assert_gt(n, 0);
		free(ids);
	}
	store_close(s);
	cr_assert_eq(store_open(&s, fdir, STORE_RDONLY, 0, &cause), 0, "%s", cause);
	store_close(s);
	release_drop();
}

/* ---- format 3 (issue 15) ---- */

/* The word table is part of the format: the 3015 words of the release are
 * pinned (edit, remove or reorder one and every stored member naming a
 * later one decodes wrong); words may only be appended. */
Test(schema, word_table_is_frozen)
{
	size_t n;
	const char *w;

	cr_assert_geq(words_count(), 3015);
	cr_assert_leq(words_count(), WORDS_MAX);
	cr_assert_eq(words_hash(3015), 0x879eb032255f5e99ULL,
	    "include/schema/words.def: a released word was edited, removed or moved");
	w = words_get(2, &n);
	cr_assert(n == strlen("汉族") && memcmp(w, "汉族", n) == 0);
	cr_assert_eq(words_find("汉族", strlen("汉族")), 2);
	cr_assert_eq(words_find("汉", strlen("汉")), -1);
	cr_assert_null(words_get(words_count(), &n));
}

/* Decode bytes as format 1 and as format 3 from m: the same member. */
static void
same_both_ways(const struct member *m, const char *what)
{
	struct member a, b;
	unsigned char *p1, *p3;
	size_t n1, n3;

	cr_assert_eq(store_member_encode_as(m, 1, &p1, &n1), 0, "%s", what);
	cr_assert_eq(store_member_encode(m, &p3, &n3), 0, "%s", what);
	cr_assert_eq(p3[0], 3);
	cr_assert_eq(store_member_decode(p1, n1, &a), 0, "%s", what);
	cr_assert_eq(store_member_decode(p3, n3, &b), 0, "%s", what);
	cr_assert(memcmp(&a, &b, sizeof a) == 0, "format 3 decodes %s otherwise", what);
	cr_assert_leq(n3, n1 + 2 * n1 / 3 + 8, "%s", what);
	free(p1);
	free(p3);
}

/* The synthetic generator's members (what gen writes) and their meta. */
Test(schema, format3_round_trip_synthetic)
{
	struct synth g;
	struct member *m = malloc(sizeof *m);
	unsigned char *p1, *p3;
	size_t n1, n3, t1 = 0, t3 = 0;
	uint64_t i;

	cr_assert_eq(synth_init(&g, 1, "2025-06-30"), 0);
	for (i = 0; i < 20000; i++) {
		member_init(m);
		synth_member(&g, i, m);
		m->meta.id = i + 1;
		m->meta.version = 1 + i % 3;
		m->meta.created_at = 1750000000 + (int64_t)i;
		m->meta.changed_at = 1750000000 + (int64_t)i * 7;
		strcpy(m->meta.created_by, "admin");
		strcpy(m->meta.changed_by, i % 2 ? "admin" : "张三");
		m->meta.state = (int)(i % 2);
		m->branch = 1 + i / 25;
		same_both_ways(m, "a synthetic member");
		cr_assert_eq(store_member_encode_as(m, 1, &p1, &n1), 0);
		cr_assert_eq(store_member_encode(m, &p3, &n3), 0);
		t1 += n1;
		t3 += n3;
		free(p1);
		free(p3);
	}
	/* the goal: about half the bytes */
	cr_assert_lt(t3 * 100 / t1, 55, "format 3 is %zu%% of format 1", t3 * 100 / t1);
	free(m);
}

/* Values a clerk or an import may hold in any string field: empty, not in
 * the table, digits that are no number, dates that are no date, the
 * longest, cut UTF-8; and numbers at their limits. */
Test(schema, format3_round_trip_hostile)
{
	static const char *const vals[] = {
		"", "a", "X", "x", "0", "00", "0X", "00000000000000000000",
		"0000000000000000000", "9999999999999999999", "99999999999999999999",
		"1234567890123456789X", "123456789012345678XX", "12345678901234567x",
		"-1", "１２３", "2025-06-30", "2025-13-01", "2025-02-30", "0000-00-00",
		"9999-15-31", "2025-16-01", "2025-01-32", "2025-1-01", "2025/06/30",
		"2025-06-30 ", "汉族", "汉族 ", "汉", "北京市东城区", "北京市东城区 1号",
		"北京市东城区北京市东城区", "新疆维吾尔自治区", "正式党员", "否", "是",
		"本人签字", "他人代填、电话确认",
	};
	struct member *m = malloc(sizeof *m);
	char big[700];
	size_t f, v, i;

	for (f = 0; f < SCH_MEMBER_N; f++) {
		if (sch_member[f].kind != SK_STR)
			continue;
		for (v = 0; v < sizeof vals / sizeof vals[0] + 6; v++) {
			char *p;
			size_t size = sch_member[f].size;

			member_init(m);
			fill_member(m);
			p = (char *)m + sch_member[f].off;
			if (v < sizeof vals / sizeof vals[0])
				rec_strcpy(p, size, vals[v]);
			else {
				/* the longest: ASCII, three-byte characters (cut
				 * whole), 127/128 bytes, a region and 255 more */
				size_t k = v - sizeof vals / sizeof vals[0];

				memset(big, 0, sizeof big);
				if (k == 0)
					memset(big, 'a', size - 1);
				else if (k == 1)
					for (i = 0; i + 3 < sizeof big - 1; i += 3)
						memcpy(big + i, "汉", 3);
				else if (k == 2 || k == 3)
					memset(big, 'b', 127 + (k - 2));
				else {
					strcpy(big, "北京市东城区");
					memset(big + strlen(big), 'c', k == 4 ? 255 : 256);
				}
				rec_strcpy(p, size, big);
			}
			same_both_ways(m, sch_member[f].key);
		}
	}
	member_init(m);
	fill_member(m);
	m->meta.version = UINT64_MAX;
	m->meta.created_at = -1;
	m->meta.changed_at = INT64_MIN;
	m->meta.state = -5;
	m->meta.removed = INT32_MAX;
	m->branch = 1;
	m->meta.n_confirm = REC_CONFIRM_MAX;
	m->meta.n_return = REC_RETURN_MAX;
	for (i = 0; i < REC_CONFIRM_MAX; i++) {
		memset(m->meta.confirm[i].rule, 'r', sizeof m->meta.confirm[i].rule - 1);
		m->meta.confirm[i].at = -(int64_t)i;
	}
	for (i = 0; i < REC_RETURN_MAX; i++) {
		memset(m->meta.ret[i].comment, 'c', sizeof m->meta.ret[i].comment - 1);
		strcpy(m->meta.ret[i].field, "name");
	}
	same_both_ways(m, "numbers at their limits, every nested item");
	free(m);
}

/* What a newer caiji may write that this one cannot read is refused, not
 * guessed: a word beyond this build's table, a reserved head; bytes that
 * are no items are an error. */
Test(schema, format3_newer_and_broken)
{
	unsigned char b[16] = { 3, 0, 65, 0x80 | 0x1F, 0xFF };  /* name: word 8191 */
	struct member m;

	cr_assert_eq(store_member_decode(b, 5, &m), STORE_ESCHEMA);
	b[3] = 0xFE;                                            /* reserved */
	cr_assert_eq(store_member_decode(b, 5, &m), STORE_ESCHEMA);
	b[3] = 0x05;                                            /* 5 bytes, 1 there */
	cr_assert_eq(store_member_decode(b, 5, &m), STORE_EIO);
	b[3] = 0x80;                                            /* word 2: 汉族 */
	b[4] = 2;
	cr_assert_eq(store_member_decode(b, 5, &m), 0);
	cr_assert_str_eq(m.name, "汉族");
	b[2] = 0xF0;                                  /* an unknown tag, skipped */
	cr_assert_eq(store_member_decode(b, 5, &m), 0);
	cr_assert_str_eq(m.name, "");
}

/* A database opened by this build is at its schema, 7 or later: builds
 * before format 3 refuse it at open. */
Test(schema, open_takes_the_database_to_format_3s_schema)
{
	struct store *s;
	struct raw r;
	char *cause = NULL;

	release_copy();
	cr_assert_eq(store_open(&s, fdir, 0, 0, &cause), 0, "%s", cause);
	store_close(s);
	raw("meta", (const unsigned char *)"schema", 6, NULL, 0, 0, &r);
	cr_assert_eq(r.vl, 4);
	cr_assert_eq(r.val[0], STORE_SCHEMA);
	cr_assert_geq(STORE_SCHEMA, 7);
	release_drop();
}

/* Any bytes after a format 3 header decode to a member or an error, never
 * past the end (the ASan run of this test is the check): truncations and
 * single-byte changes of a real record, and random items. */
Test(schema, format3_garbage_is_safe)
{
	struct synth g;
	struct member *m = malloc(sizeof *m), *back = malloc(sizeof *back);
	unsigned char *p, *q;
	size_t n, i, j;
	uint64_t x = 88172645463325252ULL;
	int rc;

	cr_assert_eq(synth_init(&g, 1, "2025-06-30"), 0);
	member_init(m);
	synth_member(&g, 7, m);
	m->meta.n_confirm = 1;
	strcpy(m->meta.confirm[0].rule, "r");
	cr_assert_eq(store_member_encode(m, &p, &n), 0);
	for (i = 0; i <= n; i++) {                       /* every truncation */
		q = malloc(i ? i : 1);
		memcpy(q, p, i);
		rc = store_member_decode(q, i, back);
		cr_assert(rc == 0 || rc == STORE_EIO || rc == STORE_ESCHEMA);
		free(q);
	}
	for (i = 2; i < n; i++)                          /* every byte, 8 values */
		for (j = 0; j < 8; j++) {
			q = malloc(n);
			memcpy(q, p, n);
			q[i] = (unsigned char)(q[i] + 1 + j * 37);
			rc = store_member_decode(q, n, back);
			cr_assert(rc == 0 || rc == STORE_EIO || rc == STORE_ESCHEMA);
			free(q);
		}
	for (i = 0; i < 20000; i++) {                    /* random records */
		size_t len = 2 + (size_t)(i % 64);

		q = malloc(len);
		q[0] = 3;
		q[1] = 0;
		for (j = 2; j < len; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			q[j] = (unsigned char)x;
		}
		rc = store_member_decode(q, len, back);
		cr_assert(rc == 0 || rc == STORE_EIO || rc == STORE_ESCHEMA);
		free(q);
	}
	free(p);
	free(m);
	free(back);
}
