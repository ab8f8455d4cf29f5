/* test_audit.c - the audit trail (entries written with the change, field
 * diffs, import rows as one range entry pointing to the file, the hash
 * chain catching an edited, deleted, reordered or inserted entry), a
 * clerk's scope in the store, users, and backups (verified copy, restore
 * only into an empty directory). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lmdb.h>

#include "backup.h"
#include "store.h"

static char dir[64], path[96];
static struct store *st;

static void
setup(void)
{
	char *cause = NULL;

	strcpy(dir, "/tmp/caiji-audit-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/db", dir);
	cr_assert_eq(store_open(&st, path, 0, 0, &cause), 0, "%s", cause ? cause : "");
	store_set_user(st, "clerk1");
}

static void
teardown(void)
{
	char cmd[128];

	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		cr_log_warn("cleanup failed");
}

TestSuite(audit, .init = setup, .fini = teardown);

static uint64_t
mkorg(uint64_t parent, const char *name, const char *cat)
{
	struct org o = { 0 };
	char *cause = NULL;

	org_init(&o);
	o.parent = parent;
	strcpy(o.name, name);
	strcpy(o.category, cat);
	cr_assert_eq(store_org_save(st, &o, &cause), 0, "%s", cause ? cause : "");
	org_free(&o);
	return o.meta.id;
}

static uint64_t
mkmember(uint64_t branch, const char *name, const char *idcard, const char *phone)
{
	struct member m;
	char *cause = NULL;

	member_init(&m);
	m.branch = branch;
	strcpy(m.name, name);
	strcpy(m.idcard, idcard);
	strcpy(m.phone, phone);
	cr_assert_eq(store_member_save(st, &m, &cause), 0, "%s", cause ? cause : "");
	return m.meta.id;
}

struct seen {
	int n;
	struct store_audit_entry last;
	char text[256], login[64], diff[512], key[64];   /* copies: e's strings die with the walk */
	uint64_t sources;
};

static int
collect(const struct store_audit_entry *e, void *ud)
{
	struct seen *s = ud;
	size_t i;

	s->n++;
	s->last = *e;
	snprintf(s->text, sizeof s->text, "%s", e->text);
	snprintf(s->login, sizeof s->login, "%s", e->login);
	snprintf(s->key, sizeof s->key, "%s", e->key);
	s->diff[0] = '\0';
	for (i = 0; i < e->n_diff; i++)
		snprintf(s->diff + strlen(s->diff), sizeof s->diff - strlen(s->diff),
		    "%s:%s>%s;", e->diff[i].label, e->diff[i].old, e->diff[i].new_);
	if (e->source != 0)
		s->sources++;
	return 0;
}

static struct seen
walk(void)
{
	struct seen s;
	struct store_audit_check chk;

	memset(&s, 0, sizeof s);
	cr_assert_eq(store_audit_each(st, 1, collect, &s, &chk, NULL), 0);
	cr_assert_eq(chk.first_bad, 0, "chain broken at %llu", (unsigned long long)chk.first_bad);
	cr_assert_eq((int)chk.entries, s.n);
	return s;
}

Test(audit, every_change_is_an_entry_with_old_and_new_values)
{
	uint64_t c = mkorg(0, "中共甲委员会", "党委"), b = mkorg(c, "甲一支部", "党支部");
	uint64_t b2 = mkorg(c, "甲二支部", "党支部"), id;
	struct member m;
	struct seen s;
	char *cause = NULL;

	id = mkmember(b, "张三", "110105194912310021", "13900000001");
	s = walk();
	cr_assert_eq(s.n, 4);
	cr_assert_eq(s.last.action, AU_CREATE);
	cr_assert_str_eq(s.login, "clerk1");
	cr_assert(strstr(s.diff, "联系电话:>13900000001;") != NULL, "%s", s.diff);
	cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
	strcpy(m.phone, "13900000002");
	store_set_user(st, "clerk2");
	cr_assert_eq(store_member_save(st, &m, NULL), 0);
	s = walk();
	cr_assert_eq(s.last.action, AU_UPDATE);
	cr_assert_str_eq(s.login, "clerk2");
	cr_assert_str_eq(s.diff, "联系电话:13900000001>13900000002;");
	cr_assert_str_eq(s.key, "110105194912310021");
	cr_assert_eq(store_member_move(st, id, m.meta.version, b2, 0, NULL), 0);
	s = walk();
	cr_assert_eq(s.last.action, AU_MOVE);
	cr_assert(strstr(s.text, "甲一支部") && strstr(s.text, "甲二支部"), "%s", s.text);
	cr_assert_eq(store_member_get(st, id, &m, NULL), 0);
	cr_assert_eq(store_member_remove(st, id, m.meta.version, RM_TRANSFER, "去乙单位",
	    &cause), 0);
	s = walk();
	cr_assert_eq(s.last.action, AU_REMOVE);
	cr_assert(strstr(s.text, "转出") && strstr(s.text, "去乙单位"), "%s", s.text);
	cr_assert_eq(s.n, 7);
}

/* A refused save writes no entry: the change and its entry are one. */
Test(audit, a_refused_change_records_nothing)
{
	uint64_t c = mkorg(0, "中共甲委员会", "党委"), b = mkorg(c, "甲一支部", "党支部");
	struct member m;
	char *cause = NULL;

	mkmember(b, "张三", "110105194912310021", "1");
	member_init(&m);
	m.branch = b;
	strcpy(m.name, "重复");
	strcpy(m.idcard, "110105194912310021");
	cr_assert_eq(store_member_save(st, &m, &cause), STORE_EDUP);
	free(cause);
	cr_assert_eq(walk().n, 3);
}

struct rows {
	const char *ids[3];
};

static int
import_like(struct store_txn *t, void *ud)
{
	struct rows *r = ud;
	struct store_audit_file f = { "名册.csv", 0, { 1, 2, 3 } };
	struct member m;
	uint64_t seq, b;
	int i, rc;

	if ((rc = store_txn_audit_note(t, AU_IMPORT, AUK_FILE, f.name, "开始导入",
	    &f, 1, &seq, NULL)) != 0)
		return rc;
	store_txn_audit_source(t, seq);
	cr_assert_eq(store_txn_org_by_name(t, "甲一支部", &b), 0);
	for (i = 0; i < 3; i++) {
		member_init(&m);
		m.branch = b;
		snprintf(m.name, sizeof m.name, "成员%d", i);
		strcpy(m.idcard, r->ids[i]);
		if ((rc = store_txn_member_save(t, &m, NULL)) != 0)
			return rc;
	}
	f.rows = 3;
	return store_txn_audit_note(t, AU_IMPORT, AUK_FILE, f.name, "导入完成", &f, 1,
	    NULL, NULL);
}

/* Every entry, decoded (strings copied). */
struct all {
	size_t n;
	struct ent {
		uint64_t seq, rec, nrec, source;
		int64_t time;
		int action, kind;
		char login[32], key[64];
	} e[64];
};

static int
keep(const struct store_audit_entry *e, void *ud)
{
	struct all *a = ud;
	struct ent *x = &a->e[a->n++];

	cr_assert_lt(a->n, 64);
	x->seq = e->seq;
	x->rec = e->rec;
	x->nrec = e->nrec;
	x->source = e->source;
	x->time = e->time;
	x->action = e->action;
	x->kind = e->kind;
	snprintf(x->login, sizeof x->login, "%s", e->login);
	snprintf(x->key, sizeof x->key, "%s", e->key);
	return 0;
}

static void
walk_all(struct all *a)
{
	struct store_audit_check chk;

	memset(a, 0, sizeof *a);
	cr_assert_eq(store_audit_each(st, 1, keep, a, &chk, NULL), 0);
	cr_assert_eq(chk.first_bad, 0, "chain broken at %llu", (unsigned long long)chk.first_bad);
}

/* The rows of an import are one entry naming their id range, pointing at
 * the file's entry and shown with its time and login. */
Test(audit, import_rows_point_to_the_file_entry)
{
	struct rows r = { { "110105194912310021", "11010519491231002X", "110105195001010011" } };
	uint64_t c = mkorg(0, "中共甲委员会", "党委"), id;
	struct seen s;
	struct all a;

	mkorg(c, "甲一支部", "党支部");
	cr_assert_eq(store_write(st, import_like, &r, NULL), 0);
	s = walk();
	cr_assert_eq(s.n, 2 + 3, "the file, one entry for the three rows, the closing one");
	cr_assert_eq(s.sources, 2, "the rows' entry and the closing one point to the file");
	cr_assert_eq(s.last.n_file, 1);
	cr_assert_eq(s.last.file[0].rows, 3);
	cr_assert_eq(s.last.file[0].sha256[2], 3);
	walk_all(&a);
	cr_assert_eq(a.e[3].action, AU_CREATE);
	cr_assert_eq(a.e[3].kind, AUK_MEMBER);
	cr_assert_eq(a.e[3].source, a.e[2].seq);
	cr_assert_eq(a.e[3].nrec, 3);
	cr_assert_eq(a.e[3].time, a.e[2].time, "the file entry's time");
	cr_assert_str_eq(a.e[3].login, "clerk1");
	/* the range is the three members, by their idcards */
	cr_assert_eq(store_member_by_idcard(st, r.ids[0], &id), 0);
	cr_assert_eq(id, a.e[3].rec);
	cr_assert_eq(store_member_by_idcard(st, r.ids[2], &id), 0);
	cr_assert_eq(id, a.e[3].rec + 2);
}

struct mixed {
	uint64_t top, ids[6];
};

/* An import that creates a branch between its rows and saves one row that
 * is not new: the runs break there, and every creation is covered once. */
static int
import_mixed(struct store_txn *t, void *ud)
{
	struct mixed *x = ud;
	struct store_audit_file f = { "名册.csv", 6, { 1 } };
	struct member m;
	struct org o;
	uint64_t seq, b;
	int i, rc;

	if ((rc = store_txn_audit_note(t, AU_IMPORT, AUK_FILE, f.name, NULL,
	    &f, 1, &seq, NULL)) != 0)
		return rc;
	store_txn_audit_source(t, seq);
	cr_assert_eq(store_txn_org_by_name(t, "甲一支部", &b), 0);
	for (i = 0; i < 6; i++) {
		if (i == 2) {
			org_init(&o);
			o.parent = x->top;
			strcpy(o.name, "甲二支部");
			strcpy(o.category, "党支部");
			cr_assert_eq(store_txn_org_save(t, &o, NULL), 0);
			b = o.meta.id;
			org_free(&o);
		}
		member_init(&m);
		m.branch = b;
		snprintf(m.name, sizeof m.name, "成员%d", i);
		snprintf(m.idcard, sizeof m.idcard, "11010519491231%03d%c", 100 + i, '0');
		if ((rc = store_txn_member_save(t, &m, NULL)) != 0)
			return rc;
		x->ids[i] = m.meta.id;
		if (i == 4) {         /* an update of the row just saved */
			strcpy(m.phone, "13800000000");
			if ((rc = store_txn_member_save(t, &m, NULL)) != 0)
				return rc;
		}
	}
	return 0;
}

Test(audit, runs_break_at_other_entries_and_cover_each_creation_once)
{
	struct mixed x;
	struct all a;
	size_t i, j;
	int covered;

	memset(&x, 0, sizeof x);
	x.top = mkorg(0, "中共甲委员会", "党委");
	mkorg(x.top, "甲一支部", "党支部");
	cr_assert_eq(store_write(st, import_mixed, &x, NULL), 0);
	walk_all(&a);
	/* orgs 1, 2; the file 3; rows 0-1 4; the branch 5; rows 2-4 6; the
	 * update of row 4 7; row 5 alone 8 (a short entry with its key) */
	cr_assert_eq(a.n, 8);
	cr_assert_eq(a.e[3].nrec, 2);
	cr_assert_eq(a.e[4].kind, AUK_ORG);
	cr_assert_eq(a.e[4].nrec, 1);
	cr_assert_eq(a.e[5].nrec, 3);
	cr_assert_eq(a.e[6].action, AU_UPDATE);
	cr_assert_eq(a.e[6].rec, x.ids[4]);
	cr_assert_eq(a.e[7].nrec, 1);
	cr_assert_eq(a.e[7].rec, x.ids[5]);
	cr_assert_str_eq(a.e[7].key, "110105194912311050");
	for (i = 0; i < 6; i++) {
		covered = 0;
		for (j = 0; j < a.n; j++)
			if (a.e[j].action == AU_CREATE && a.e[j].kind == AUK_MEMBER &&
			    x.ids[i] >= a.e[j].rec && x.ids[i] - a.e[j].rec < a.e[j].nrec) {
				covered++;
				cr_assert_eq(a.e[j].source, a.e[2].seq);
			}
		cr_assert_eq(covered, 1, "row %zu covered %d times", i, covered);
	}
}

/* Open the raw database (the store closed) and run fn on the audit table. */
static void
raw(void (*fn)(MDB_txn *txn, MDB_dbi dbi))
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;

	store_close(st);
	st = NULL;
	cr_assert_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 32);
	cr_assert_eq(mdb_env_open(env, path, 0, 0600), 0);
	cr_assert_eq(mdb_txn_begin(env, NULL, 0, &txn), 0);
	cr_assert_eq(mdb_dbi_open(txn, "audit", 0, &dbi), 0);
	fn(txn, dbi);
	cr_assert_eq(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	cr_assert_eq(store_open(&st, path, 0, 0, NULL), 0);
}

static uint64_t
first_bad(void)
{
	struct store_audit_check chk;

	cr_assert_eq(store_audit_each(st, 1, NULL, NULL, &chk, NULL), 0);
	return chk.first_bad;
}

static unsigned char rkey[8];

static void
set_key(uint64_t seq)
{
	int i;

	for (i = 0; i < 8; i++)
		rkey[i] = (unsigned char)(seq >> (56 - 8 * i));
}

/* Entry 4 is the range of import_like (orgs 1, 2, file 3, closing 5). */
static void
widen_range(MDB_txn *txn, MDB_dbi dbi)
{
	MDB_val k = { 8, rkey }, v;
	unsigned char *copy;

	set_key(4);
	cr_assert_eq(mdb_get(txn, dbi, &k, &v), 0);
	copy = malloc(v.mv_size);
	memcpy(copy, v.mv_data, v.mv_size);
	cr_assert_eq(copy[v.mv_size - 8], 3, "A_NREC ends the range entry");
	copy[v.mv_size - 8] = 4;      /* claim one more member */
	v.mv_data = copy;
	cr_assert_eq(mdb_put(txn, dbi, &k, &v, 0), 0);
	free(copy);
}

static void
swap_3_4(MDB_txn *txn, MDB_dbi dbi)
{
	MDB_val k = { 8, rkey }, v;
	unsigned char *a, *b;
	size_t na, nb;

	set_key(3);
	cr_assert_eq(mdb_get(txn, dbi, &k, &v), 0);
	a = malloc(na = v.mv_size);
	memcpy(a, v.mv_data, na);
	set_key(4);
	cr_assert_eq(mdb_get(txn, dbi, &k, &v), 0);
	b = malloc(nb = v.mv_size);
	memcpy(b, v.mv_data, nb);
	v = (MDB_val){ na, a };
	cr_assert_eq(mdb_put(txn, dbi, &k, &v, 0), 0);
	set_key(3);
	v = (MDB_val){ nb, b };
	cr_assert_eq(mdb_put(txn, dbi, &k, &v, 0), 0);
	free(a);
	free(b);
}

static void
insert_copy(MDB_txn *txn, MDB_dbi dbi)
{
	MDB_val k = { 8, rkey }, v;
	unsigned char *e[5];
	size_t n[5];
	uint64_t i;

	/* entries 4, 5 move to 5, 6; a copy of the range is the new 4 */
	for (i = 1; i <= 5; i++) {
		set_key(i);
		cr_assert_eq(mdb_get(txn, dbi, &k, &v), 0);
		e[i - 1] = malloc(n[i - 1] = v.mv_size);
		memcpy(e[i - 1], v.mv_data, v.mv_size);
	}
	set_key(6);
	v = (MDB_val){ n[4], e[4] };
	cr_assert_eq(mdb_put(txn, dbi, &k, &v, 0), 0);
	set_key(5);
	v = (MDB_val){ n[3], e[3] };
	cr_assert_eq(mdb_put(txn, dbi, &k, &v, 0), 0);
	for (i = 0; i < 5; i++)
		free(e[i]);
}

/* A range entry is in the chain like any other: widening it (this test),
 * swapping it with the file's entry, or inserting a copy of it (the next
 * two) is caught. */
Test(audit, the_chain_catches_a_widened_range)
{
	struct rows r = { { "110105194912310021", "11010519491231002X", "110105195001010011" } };
	uint64_t c = mkorg(0, "中共甲委员会", "党委");

	mkorg(c, "甲一支部", "党支部");
	cr_assert_eq(store_write(st, import_like, &r, NULL), 0);
	cr_assert_eq(first_bad(), 0);
	raw(widen_range);
	cr_assert_eq(first_bad(), 5, "a widened range breaks the chain at the next entry");
}

Test(audit, the_chain_catches_a_reordered_range)
{
	struct rows r = { { "110105194912310021", "11010519491231002X", "110105195001010011" } };
	uint64_t c = mkorg(0, "中共甲委员会", "党委");

	mkorg(c, "甲一支部", "党支部");
	cr_assert_eq(store_write(st, import_like, &r, NULL), 0);
	raw(swap_3_4);
	cr_assert_eq(first_bad(), 3, "swapped entries break the chain where they start");
}

Test(audit, the_chain_catches_an_inserted_range)
{
	struct rows r = { { "110105194912310021", "11010519491231002X", "110105195001010011" } };
	uint64_t c = mkorg(0, "中共甲委员会", "党委");

	mkorg(c, "甲一支部", "党支部");
	cr_assert_eq(store_write(st, import_like, &r, NULL), 0);
	raw(insert_copy);
	cr_assert_neq(first_bad(), 0, "an inserted copy of a range goes unnoticed");
}

/* Edit one byte of an entry, then delete the last one: both are caught. */
Test(audit, the_chain_catches_an_edited_and_a_deleted_entry)
{
	struct store_audit_check chk;
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k, v;
	unsigned char key[8] = { 0, 0, 0, 0, 0, 0, 0, 2 }, *copy;
	uint64_t c = mkorg(0, "中共甲委员会", "党委");

	mkorg(c, "甲一支部", "党支部");
	mkorg(c, "甲二支部", "党支部");
	store_close(st);
	st = NULL;
	cr_assert_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 16);
	cr_assert_eq(mdb_env_open(env, path, 0, 0600), 0);
	cr_assert_eq(mdb_txn_begin(env, NULL, 0, &txn), 0);
	cr_assert_eq(mdb_dbi_open(txn, "audit", 0, &dbi), 0);
	k.mv_size = 8;
	k.mv_data = key;
	cr_assert_eq(mdb_get(txn, dbi, &k, &v), 0);
	copy = malloc(v.mv_size);
	memcpy(copy, v.mv_data, v.mv_size);
	copy[v.mv_size - 1] ^= 1;
	v.mv_data = copy;
	cr_assert_eq(mdb_put(txn, dbi, &k, &v, 0), 0);
	cr_assert_eq(mdb_txn_commit(txn), 0);
	free(copy);
	mdb_env_close(env);
	cr_assert_eq(store_open(&st, path, 0, 0, NULL), 0);
	cr_assert_eq(store_audit_each(st, 1, NULL, NULL, &chk, NULL), 0);
	cr_assert_eq(chk.first_bad, 3, "edited entry 2 breaks the chain at 3");
	store_close(st);
	st = NULL;
	/* a fresh database: delete its last entry */
	cr_assert_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 16);
	cr_assert_eq(mdb_env_open(env, path, 0, 0600), 0);
	cr_assert_eq(mdb_txn_begin(env, NULL, 0, &txn), 0);
	cr_assert_eq(mdb_dbi_open(txn, "audit", 0, &dbi), 0);
	key[7] = 3;
	cr_assert_eq(mdb_del(txn, dbi, &k, NULL), 0);
	cr_assert_eq(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	cr_assert_eq(store_open(&st, path, 0, 0, NULL), 0);
	cr_assert_eq(store_audit_each(st, 1, NULL, NULL, &chk, NULL), 0);
	cr_assert_neq(chk.first_bad, 0, "a deleted last entry goes unnoticed");
}

/* A scoped handle sees its subtree only and cannot write outside it. */
Test(audit, scope_limits_reads_and_writes)
{
	uint64_t c = mkorg(0, "中共甲委员会", "党委"), b1 = mkorg(c, "甲一支部", "党支部");
	uint64_t b2 = mkorg(c, "甲二支部", "党支部"), m1, m2, id, *ids;
	struct member m;
	size_t n;
	char *cause = NULL;

	m1 = mkmember(b1, "张三", "110105194912310021", "1");
	m2 = mkmember(b2, "李四", "11010519491231002X", "2");
	store_set_scope(st, b1);
	cr_assert_eq(store_org_children(st, 0, &ids, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(ids[0], b1);
	free(ids);
	cr_assert_eq(store_member_get(st, m1, &m, NULL), 0);
	cr_assert_eq(store_member_get(st, m2, &m, NULL), STORE_ENOTFOUND);
	cr_assert_eq(store_member_by_idcard(st, "11010519491231002X", &id), STORE_ENOTFOUND);
	cr_assert_eq(store_org_by_name(st, "甲二支部", &id), STORE_ENOTFOUND);
	cr_assert_eq(store_member_search_name(st, "李", &ids, &n), 0);
	cr_assert_eq(n, 0);
	free(ids);
	cr_assert_eq(store_branch_members(st, b2, &ids, &n), 0);
	cr_assert_eq(n, 0);
	free(ids);
	member_init(&m);
	m.branch = b2;
	strcpy(m.name, "王五");
	cr_assert_eq(store_member_save(st, &m, &cause), STORE_ERULE);
	cr_assert(strstr(cause, "没有权限") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	/* a duplicate held outside is refused without naming its holder */
	m.branch = b1;
	strcpy(m.idcard, "11010519491231002X");
	cr_assert_eq(store_member_save(st, &m, &cause), STORE_EDUP);
	cr_assert(strstr(cause, "甲二支部") == NULL && strstr(cause, "李四") == NULL, "%s", cause);
	free(cause);
	cr_assert_eq(store_member_move(st, m1, 1, b2, 0, &cause), STORE_ERULE);
	free(cause);
}

Test(audit, users_are_kept_and_their_changes_recorded)
{
	struct store_user u, got;
	struct seen s;

	memset(&u, 0, sizeof u);
	strcpy(u.login, "zhang");
	u.role = 3;
	u.org = 7;
	cr_assert_eq(store_user_put(st, &u, "设为支部", NULL), 0);
	cr_assert_eq(store_user_get(st, "zhang", &got), 0);
	cr_assert_eq(got.role, 3);
	cr_assert_eq(got.org, 7);
	cr_assert_eq(store_user_remove(st, "zhang", "删除用户", NULL), 0);
	cr_assert_eq(store_user_get(st, "zhang", &got), STORE_ENOTFOUND);
	s = walk();
	cr_assert_eq(s.n, 2);
	cr_assert_eq(s.last.action, AU_USER);
	cr_assert_str_eq(s.key, "zhang");
}

Test(audit, backup_is_verified_and_restores_only_into_an_empty_dir)
{
	char bdir[128], file[512], rdir[128], *cause = NULL;
	struct backup_info info;
	uint64_t c = mkorg(0, "中共甲委员会", "党委"), b = mkorg(c, "甲一支部", "党支部");
	FILE *fp;

	mkmember(b, "张三", "110105194912310021", "1");
	snprintf(bdir, sizeof bdir, "%s/bk", dir);
	cr_assert_eq(backup_run(st, bdir, 2, file, sizeof file, &info, &cause), 0,
	    "%s", cause ? cause : "");
	cr_assert_eq(info.orgs, 2);
	cr_assert_eq(info.members, 1);
	cr_assert_eq(info.audit, 3);
	/* a second one within the same second takes another name */
	{
		char file2[512];

		cr_assert_eq(backup_run(st, bdir, 2, file2, sizeof file2, &info, &cause), 0,
		    "%s", cause ? cause : "");
		cr_assert_str_neq(file, file2);
		cr_assert_eq(access(file, F_OK), 0, "rotation removed one of the newest 2");
	}
	snprintf(rdir, sizeof rdir, "%s/restored", dir);
	cr_assert_eq(backup_restore(file, rdir, &info, &cause), 0, "%s", cause ? cause : "");
	/* again into the now used directory: refused, nothing touched */
	cr_assert_eq(backup_restore(file, rdir, &info, &cause), -1);
	cr_assert(strstr(cause, "不是空的") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	/* not a backup: refused */
	snprintf(rdir, sizeof rdir, "%s/junk.mdb", dir);
	fp = fopen(rdir, "w");
	fputs("junk", fp);
	fclose(fp);
	snprintf(bdir, sizeof bdir, "%s/r2", dir);
	cr_assert_eq(backup_restore(rdir, bdir, &info, &cause), -1);
	free(cause);
	cr_assert_neq(access(bdir, F_OK), 0, "a refused restore left its directory");
}

/* One row per transaction: a run of one, the short format 1 entry that
 * builds before schema 8 wrote for every row. */
static int
import_one(struct store_txn *t, void *ud)
{
	const char *idcard = ud;
	struct store_audit_file f = { "一行.csv", 1, { 9 } };
	struct member m;
	uint64_t seq, b;
	int rc;

	if ((rc = store_txn_audit_note(t, AU_IMPORT, AUK_FILE, f.name, NULL,
	    &f, 1, &seq, NULL)) != 0)
		return rc;
	store_txn_audit_source(t, seq);
	cr_assert_eq(store_txn_org_by_name(t, "甲一支部", &b), 0);
	member_init(&m);
	m.branch = b;
	strcpy(m.name, "单行");
	strcpy(m.idcard, idcard);
	return store_txn_member_save(t, &m, NULL);
}

static void
set_schema_6(MDB_txn *txn, MDB_dbi dbi)
{
	MDB_dbi meta;
	unsigned char v6[4] = { 6, 0, 0, 0 };
	MDB_val k = { 6, (void *)"schema" }, v = { 4, v6 };

	(void)dbi;
	cr_assert_eq(mdb_dbi_open(txn, "meta", 0, &meta), 0);
	cr_assert_eq(mdb_put(txn, meta, &k, &v, 0), 0);
}

/* A schema 6 database (entries of format 1 only) opens, is migrated to
 * schema 8 without touching its trail, and its chain still verifies; the
 * range entries written after it chain on. */
Test(audit, format_1_entries_verify_after_the_schema_8_migration)
{
	struct rows r = { { "110105194912310021", "11010519491231002X", "110105195001010011" } };
	uint64_t c = mkorg(0, "中共甲委员会", "党委");
	struct all a;

	mkorg(c, "甲一支部", "党支部");
	cr_assert_eq(store_write(st, import_one, (void *)"110105195001010038", NULL), 0);
	walk_all(&a);
	cr_assert_eq(a.n, 4);
	cr_assert_eq(a.e[3].nrec, 1);
	cr_assert_str_eq(a.e[3].key, "110105195001010038", "a lone row keeps its key");
	raw(set_schema_6);            /* reopened: migrated */
	cr_assert_eq(first_bad(), 0);
	cr_assert_eq(store_write(st, import_like, &r, NULL), 0);
	walk_all(&a);
	cr_assert_eq(a.n, 4 + 3);
	cr_assert_eq(a.e[5].nrec, 3);
}

