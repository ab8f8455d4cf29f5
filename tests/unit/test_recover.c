/* test_recover.c - the recovery file: round trips of members and
 * organisations (units included), owner-only mode, atomic replacement,
 * escapes, absent and foreign files. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "recover.h"
#include "screen.h"

/* A registered screen by its name (the registry alone names them). */
#define SCREEN(name) (*screen_find(name))

static char dir[64];
static char *path;
static struct recover_session sess;

static void
setup(void)
{
	char state[96];

	strcpy(dir, "/tmp/caiji-recover-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(state, sizeof state, "%s/state", dir);
	setenv("XDG_STATE_HOME", state, 1);
	cr_assert_eq(recover_begin(&sess, dir), 0);
	path = sess.path;
	cr_assert_not_null(path);
}

static void
teardown(void)
{
	char cmd[128];

	recover_end(&sess);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(recover, .init = setup, .fini = teardown);

Test(recover, path_is_in_the_private_state_dir)
{
	char want[128];
	struct stat st;

	snprintf(want, sizeof want, "%s/state/caiji/", dir);
	cr_assert_eq(strncmp(path, want, strlen(want)), 0, "%s", path);
	cr_assert_eq(stat(want, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0700);
	cr_assert_eq(sess.adopted, 0);
}

/* A second live session on the same database never gets the first one's
 * file; once the first ends with typing left, the next start adopts it. */
Test(recover, one_file_per_live_session_adopted_after_it_ends)
{
	struct recover_session b, c;
	struct member m;

	member_init(&m);
	strcpy(m.name, "甲");
	cr_assert_eq(recover_save(path, SCREEN("member").form, &m), 0);
	cr_assert_eq(recover_begin(&b, dir), 0);
	cr_assert_eq(b.adopted, 0);
	cr_assert_str_neq(b.path, path);
	recover_end(&b);
	recover_end(&sess);                  /* the first session ends, file kept */
	cr_assert_eq(recover_begin(&c, dir), 0);
	cr_assert_eq(c.adopted, 1);
	cr_assert_eq(access(c.path, F_OK), 0);
	sess = c;                            /* teardown ends it */
	path = sess.path;
}

/* A symlink planted at the temporary or final name is never written
 * through; a file of another kind is not loaded. */
Test(recover, planted_symlink_and_fifo_refused)
{
	char victim[128];
	struct member m;
	struct recovery r;
	FILE *fp;

	snprintf(victim, sizeof victim, "%s/victim", dir);
	fp = fopen(victim, "w");
	cr_assert_not_null(fp);
	fputs("keep\n", fp);
	fclose(fp);
	cr_assert_eq(symlink(victim, path), 0);
	cr_assert_eq(recover_load(path, SCREEN("member").form, SCREEN("org").form, &r), -1);
	member_init(&m);
	cr_assert_eq(recover_save(path, SCREEN("member").form, &m), 0);
	fp = fopen(victim, "r");
	cr_assert_not_null(fp);
	{
		char buf[16] = "";

		cr_assert_not_null(fgets(buf, sizeof buf, fp));
		cr_assert_str_eq(buf, "keep\n");
	}
	fclose(fp);
	unlink(path);
	cr_assert_eq(mkfifo(path, 0600), 0);
	cr_assert_eq(recover_load(path, SCREEN("member").form, SCREEN("org").form, &r), -1);
	unlink(path);
}

Test(recover, member_round_trip)
{
	struct member m;
	struct recovery r;
	struct stat sb;

	member_init(&m);
	m.meta.id = 42;
	m.meta.version = 7;
	m.branch = 9;
	strcpy(m.name, "阿卜杜·热合曼");
	strcpy(m.idcard, "11010519491231002X");
	strcpy(m.address, "北京市\t海淀区\\中关村\n1号");
	strcpy(m.ethnicity, "hz");
	cr_assert_eq(recover_save(path, SCREEN("member").form, &m), 0);
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	cr_assert_eq(recover_load(path, SCREEN("member").form, SCREEN("org").form, &r), 0);
	cr_assert_eq(r.rec, REC_KIND_MEMBER);
	cr_assert_eq(r.m.meta.id, 42);
	cr_assert_eq(r.m.meta.version, 7);
	cr_assert_eq(r.m.branch, 9);
	cr_assert_str_eq(r.m.name, "阿卜杜·热合曼");
	cr_assert_str_eq(r.m.idcard, "11010519491231002X");
	cr_assert_str_eq(r.m.address, "北京市\t海淀区\\中关村\n1号");
	cr_assert_str_eq(r.m.ethnicity, "hz");
	cr_assert_str_eq(r.m.sex, "");
}

Test(recover, org_round_trip_with_units)
{
	struct org o = { 0 };
	struct recovery r;
	size_t i;

	org_init(&o);
	o.parent = 3;
	strcpy(o.name, "中共联合党支部");
	strcpy(o.unit_situation, "联合党支部");
	o.stat_count = 12;
	/* as many unit pages as the joint branch has (issue 10 B.9: the
	 * file kept 16 before) */
	for (i = 0; i < 40; i++)
		snprintf(org_unit_add(&o)->name, sizeof o.units[0].name, "单位%zu", i + 1);
	strcpy(o.units[0].name, "甲公司");
	strcpy(o.units[1].name, "乙公司");
	strcpy(o.units[2].code, "91350100M000100Y43");
	cr_assert_eq(recover_save(path, SCREEN("org").form, &o), 0);
	cr_assert_eq(recover_load(path, SCREEN("member").form, SCREEN("org").form, &r), 0);
	cr_assert_eq(r.rec, REC_KIND_ORG);
	cr_assert_eq(r.o.parent, 3);
	cr_assert_eq(r.o.meta.id, 0);
	cr_assert_str_eq(r.o.name, "中共联合党支部");
	cr_assert_eq(r.o.stat_count, 12);
	cr_assert_eq(r.o.n_units, 40);
	cr_assert_str_eq(r.o.units[0].name, "甲公司");
	cr_assert_str_eq(r.o.units[1].name, "乙公司");
	cr_assert_str_eq(r.o.units[2].code, "91350100M000100Y43");
	cr_assert_str_eq(r.o.units[39].name, "单位40");
	org_free(&o);
	org_free(&r.o);
}

Test(recover, empty_stat_count_stays_empty)
{
	struct org o = { 0 };
	struct recovery r;

	org_init(&o);
	cr_assert_eq(o.stat_count, -1);
	cr_assert_eq(recover_save(path, SCREEN("org").form, &o), 0);
	cr_assert_eq(recover_load(path, SCREEN("member").form, SCREEN("org").form, &r), 0);
	cr_assert_eq(r.o.stat_count, -1);
	org_free(&o);
	org_free(&r.o);
}

Test(recover, replace_and_discard)
{
	struct member m;
	struct recovery r;
	char tmp[256];

	member_init(&m);
	strcpy(m.name, "第一");
	cr_assert_eq(recover_save(path, SCREEN("member").form, &m), 0);
	strcpy(m.name, "第二");
	cr_assert_eq(recover_save(path, SCREEN("member").form, &m), 0);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	cr_assert_neq(access(tmp, F_OK), 0, "temporary file left behind");
	cr_assert_eq(recover_load(path, SCREEN("member").form, SCREEN("org").form, &r), 0);
	cr_assert_str_eq(r.m.name, "第二");
	cr_assert_eq(recover_discard(path), 0);
	cr_assert_eq(recover_load(path, SCREEN("member").form, SCREEN("org").form, &r), 1);
	cr_assert_eq(recover_discard(path), 0);        /* absent is fine */
}

Test(recover, unwritable_directory_fails_cleanly)
{
	struct member m;
	member_init(&m);
	cr_assert_eq(recover_save("/nonexistent-caiji-dir/x.txt",
	    SCREEN("member").form, &m), -1);
}

Test(recover, foreign_file_refused)
{
	FILE *fp = fopen(path, "w");
	struct recovery r;

	cr_assert_not_null(fp);
	fputs("name\t张三\n", fp);
	fclose(fp);
	cr_assert_eq(recover_load(path, SCREEN("member").form, SCREEN("org").form, &r), -1);
}
