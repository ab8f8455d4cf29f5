/*
 * cmd-gen.c - caiji gen: a large synthetic database for benchmarks.  One
 * 基层党委, 党总支s of 20 党支部 each, --per-branch members per branch,
 * written through store_write in batches; optionally the same rows as a
 * 附件4-style CSV for other tools.  Deterministic for a seed.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <csv.h>

#include "app.h"
#include "safefile.h"
#include "report.h"
#include "synth.h"

#define GEN_USAGE "--members N [--seed S] [--csv 文件 [--csv-only]] [--batch N] [--per-branch N]"
#define GEN_TOP "中共某某市示范集团有限公司委员会"
#define GEN_UNIT "某某市示范集团有限公司"
#define BRANCHES_PER_GENERAL 20

struct gen {
	struct app *app;
	struct synth syn;
	uint64_t n, per_branch, batch;
	uint64_t nbranch, ngeneral;
	uint64_t *branch_id;          /* org id of every branch */
	uint64_t top_id;
	uint64_t from, to;            /* the batch being written */
	struct member *m;
	FILE *csv;
	char *cause;                  /* why the last batch failed */
};

static void
general_name(char *out, size_t n, uint64_t g)
{
	snprintf(out, n, "中共某某市示范集团有限公司第%" PRIu64 "分公司总支部委员会", g + 1);
}

static void
branch_name(char *out, size_t n, uint64_t b)
{
	snprintf(out, n, "中共某某市示范集团有限公司第%" PRIu64 "分公司第%" PRIu64 "党支部",
	    b / BRANCHES_PER_GENERAL + 1, b % BRANCHES_PER_GENERAL + 1);
}

/* Secretary, contact and phone of an organisation, from its number. */
static void
org_people(const struct gen *g, struct org *o, uint64_t k)
{
	struct member p;
	struct synth_rng r = { g->syn.seed ^ (k * 0xD1B54A32D192ED03ULL) };

	member_init(&p);
	synth_member(&g->syn, synth_capacity(&g->syn) - 1 - k % 100000, &p);
	rec_strcpy(o->secretary, sizeof o->secretary, p.name);
	/* the 书记签字 of its 附件1 (review.h): a generated report is signed */
	rec_strcpy(o->signed_by, sizeof o->signed_by, p.name);
	rec_strcpy(o->signed_date, sizeof o->signed_date, g->syn.ref_date);
	synth_member(&g->syn, synth_capacity(&g->syn) - 100001 - k % 100000, &p);
	rec_strcpy(o->contact, sizeof o->contact, p.name);
	snprintf(o->phone, sizeof o->phone, "0571-8%03u%04u",
	    synth_below(&r, 1000), synth_below(&r, 10000));
	o->meta.state = REC_COMPLETE;
}

static int
gen_orgs(struct store_txn *t, void *ud)
{
	struct gen *g = ud;
	struct org *o = org_new();
	struct unit *u;
	uint64_t general = 0, b;
	char *cause = NULL;
	int rc;

	if (o == NULL || (u = org_unit_add(o)) == NULL) {
		org_delete(o);
		return STORE_EIO;
	}
	/* one audit entry for the run, the organisations one range entry
	 * pointing to it (their ids are consecutive) */
	{
		uint64_t seq;

		if ((rc = store_txn_audit_note(t, AU_IMPORT, AUK_FILE, "caiji gen",
		    "生成合成党组织", NULL, 0, &seq, &cause)) != 0)
			goto out;
		store_txn_audit_source(t, seq);
	}
	rec_strcpy(o->name, sizeof o->name, GEN_TOP);
	rec_strcpy(o->category, sizeof o->category, "党委");
	rec_strcpy(o->unit_situation, sizeof o->unit_situation, "法人单位");
	rec_strcpy(u->name, sizeof u->name, GEN_UNIT);
	rec_strcpy(u->category, sizeof u->category, "国有经济控制");
	rec_strcpy(u->party_status, sizeof u->party_status, "建立党委的");
	synth_uscc(u->code, "330106", "MA2GEN0B");
	org_people(g, o, 0);
	if ((rc = store_txn_org_save(t, o, &cause)) != 0)
		goto out;
	g->top_id = o->meta.id;
	for (b = 0; b < g->nbranch; b++) {
		if (b % BRANCHES_PER_GENERAL == 0) {
			org_reset(o);
			o->parent = g->top_id;
			general_name(o->name, sizeof o->name, b / BRANCHES_PER_GENERAL);
			rec_strcpy(o->category, sizeof o->category, "党总支部");
			rec_strcpy(o->unit_situation, sizeof o->unit_situation, "与上级党组织相同");
			org_people(g, o, 1 + b);
			if ((rc = store_txn_org_save(t, o, &cause)) != 0)
				goto out;
			general = o->meta.id;
		}
		org_reset(o);
		o->parent = general;
		branch_name(o->name, sizeof o->name, b);
		rec_strcpy(o->category, sizeof o->category, "党支部");
		rec_strcpy(o->unit_situation, sizeof o->unit_situation, "与上级党组织相同");
		org_people(g, o, 2 + b);
		if ((rc = store_txn_org_save(t, o, &cause)) != 0)
			goto out;
		g->branch_id[b] = o->meta.id;
	}
out:
	if (rc != 0 && cause != NULL)
		app_error("gen: %s", cause);
	free(cause);
	org_delete(o);
	return rc;
}

static void
gen_one(const struct gen *g, uint64_t i, struct member *m)
{
	member_init(m);
	synth_member(&g->syn, i, m);
	m->branch = g->branch_id[i / g->per_branch];
	m->meta.state = REC_COMPLETE;
}

static int
gen_batch(struct store_txn *t, void *ud)
{
	struct gen *g = ud;
	char *cause = NULL;
	uint64_t i;
	int rc;

	free(g->cause);
	g->cause = NULL;
	/* one audit entry for the batch; the members it creates (consecutive
	 * ids) are one range entry pointing to it (store.h, the audit trail) */
	{
		char text[96];
		uint64_t seq;

		snprintf(text, sizeof text, "生成合成党员 第 %" PRIu64 " 至 %" PRIu64 " 名",
		    g->from + 1, g->to);
		if ((rc = store_txn_audit_note(t, AU_IMPORT, AUK_FILE, "caiji gen",
		    text, NULL, 0, &seq, NULL)) != 0)
			return rc;
		store_txn_audit_source(t, seq);
	}
	for (i = g->from; i < g->to; i++) {
		gen_one(g, i, g->m);
		if ((rc = store_txn_member_save(t, g->m, &cause)) != 0) {
			if (asprintf(&g->cause, "第 %" PRIu64 " 名: %s", i + 1,
			    cause ? cause : store_strerror(rc)) < 0)
				g->cause = NULL;
			free(cause);
			return rc;
		}
	}
	return 0;
}

/* The CSV is an 附件4 table: the report's header and cells (report.h). */
#define NCOLS REPORT_MEMBER_NCOLS

static int
csv_row(FILE *fp, const char *const *cells)
{
	size_t i;

	for (i = 0; i < NCOLS; i++) {
		if (i > 0 && fputc(',', fp) == EOF)
			return -1;
		if (csv_fwrite(fp, cells[i], strlen(cells[i])) != 0)
			return -1;
	}
	return fputs("\r\n", fp) == EOF ? -1 : 0;
}

/* The committed batch as CSV rows (regenerated: cheap, and never written
 * twice when a transaction is retried). */
static int
gen_csv(struct gen *g)
{
	char seq[24], bname[REC_TEXT_MAX];
	const char *cells[NCOLS];
	struct member *m = g->m;
	uint64_t i;

	for (i = g->from; i < g->to; i++) {
		gen_one(g, i, m);
		snprintf(seq, sizeof seq, "%" PRIu64, i + 1);
		branch_name(bname, sizeof bname, i / g->per_branch);
		report_member_cells(m, bname, seq, cells);
		if (csv_row(g->csv, cells) != 0)
			return -1;
	}
	return 0;
}

static int
parse_count(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || *s == '-' || v == 0)
		return -1;
	*out = v;
	return 0;
}

static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A bulk writer's full disk arrives as SIGBUS on a page of the sparse
 * data file (store.h, STORE_BULK): the batch being written was not
 * committed, so say so and stop. */
static void
on_sigbus(int sig)
{
	static const char msg[] = "caiji gen: 磁盘空间不足,无法写入数据库;"
	    "正在写入的一批没有写入(之前各批已提交)\n";

	(void)sig;
	if (write(2, msg, sizeof msg - 1) < 0)
		_exit(1);
	_exit(1);
}

enum { OPT_CSV_ONLY = ARGS_LONG_ID };

static const struct args_opt gen_opts[] = {
	{ 'n', 'n', "members", ARGS_VALUE },
	{ 's', 's', "seed", ARGS_VALUE },
	{ 'c', 'c', "csv", ARGS_VALUE },
	{ 'b', 'b', "batch", ARGS_VALUE },
	{ 'p', 'p', "per-branch", ARGS_VALUE },
	{ OPT_CSV_ONLY, 0, "csv-only", 0 },
	{ 0, 0, NULL, 0 }
};

static int
cmd_gen_exec(struct app *app, struct args *args)
{
	struct gen g;
	uint64_t seed = 1, *ids = NULL, next_report;
	const char *csv_path = args_get(args, 'c'), *v;
	char *cause = NULL, today[REC_DATE_MAX + 8], csv_tmp[PATH_MAX] = "";
	size_t nids = 0;
	double t0;
	int rc, status = 1, fd, csv_only = args_has(args, OPT_CSV_ONLY) > 0;

	memset(&g, 0, sizeof g);
	g.app = app;
	g.per_branch = 50;
	g.batch = 100000;
	if ((v = args_get(args, 'n')) != NULL && parse_count(v, &g.n) != 0)
		return app_error("gen: --members 需要一个正整数: %s", v);
	if ((v = args_get(args, 's')) != NULL) {
		if (strcmp(v, "0") == 0)
			seed = 0;
		else if (parse_count(v, &seed) != 0)
			return app_error("gen: --seed 需要一个非负整数: %s", v);
	}
	if ((v = args_get(args, 'b')) != NULL && parse_count(v, &g.batch) != 0)
		return app_error("gen: --batch 需要一个正整数: %s", v);
	if ((v = args_get(args, 'p')) != NULL &&
	    (parse_count(v, &g.per_branch) != 0 || g.per_branch > 100000))
		return app_error("gen: --per-branch 需要 1 到 100000 之间的整数: %s", v);
	if (g.n == 0)
		return app_error("gen: 请用 --members N 指定党员人数");
	if (app->today != NULL)
		snprintf(today, sizeof today, "%s", app->today);
	else {
		time_t tt = time(NULL);
		struct tm tm;

		localtime_r(&tt, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
	}
	if (synth_init(&g.syn, seed, today) != 0)
		return app_error("gen: 行政区划代码表不可用");
	if (g.n > 50000000 || g.n > synth_capacity(&g.syn))
		return app_error("gen: --members 最多 50000000");
	if (csv_only && csv_path == NULL)
		return app_error("gen: --csv-only 需要与 --csv 文件 一起使用");
	if (!csv_only) {
		/* big batches: dirty pages in the file map, not the heap */
		app->store_flags |= STORE_BULK;
		signal(SIGBUS, on_sigbus);
	}
	if (!csv_only && app->setgid) {
		app_error("没有权限: 共享数据库上不能生成合成数据(--csv-only 只写 CSV 可以)");
		goto out;
	}
	if (!csv_only && app_open_store(app) != 0)
		return 1;
	if (!csv_only && store_org_children(app->st, 0, &ids, &nids) != 0) {
		app_error("gen: 无法读取数据库 %s", app->dbdir);
		goto out;
	}
	if (nids > 0) {
		app_error("gen: 数据库 %s 中已有党组织，gen 只写入空数据库（请用 -d 指定一个新目录）",
		    app->dbdir);
		goto out;
	}
	g.nbranch = (g.n + g.per_branch - 1) / g.per_branch;
	g.ngeneral = (g.nbranch + BRANCHES_PER_GENERAL - 1) / BRANCHES_PER_GENERAL;
	if ((g.branch_id = calloc(g.nbranch, sizeof *g.branch_id)) == NULL ||
	    (g.m = malloc(sizeof *g.m)) == NULL) {
		app_error("gen: 内存不足");
		goto out;
	}
	if (csv_path != NULL) {
		/* a new file beside the target, renamed over it when complete:
		 * a symlink planted at the name is replaced, never written through */
		fd = safe_tmp_beside(csv_path, csv_tmp, sizeof csv_tmp);
		if (fd < 0 || (g.csv = fdopen(fd, "w")) == NULL) {
			app_error("gen: 无法写入 %s: %s", csv_path, strerror(errno));
			if (fd >= 0)
				close(fd);
			goto out;
		}
		if (csv_row(g.csv, report_member_headers) != 0) {
			app_error("gen: 写入 %s 失败: %s", csv_path, strerror(errno));
			goto out;
		}
	}

	t0 = now_sec();
	if (!csv_only && (rc = store_write(app->st, gen_orgs, &g, &cause)) != 0) {
		app_error("gen: 建立党组织失败: %s", cause ? cause : store_strerror(rc));
		goto out;
	}
	next_report = g.n / 10;
	for (g.from = 0; g.from < g.n; g.from = g.to) {
		g.to = g.from + g.batch < g.n ? g.from + g.batch : g.n;
		free(cause);
		cause = NULL;
		if (!csv_only && (rc = store_write(app->st, gen_batch, &g, &cause)) != 0) {
			app_error("gen: 写入失败（已写入 %" PRIu64 " 名）: %s", g.from,
			    g.cause ? g.cause : cause ? cause : store_strerror(rc));
			goto out;
		}
		if (g.csv != NULL && gen_csv(&g) != 0) {
			app_error("gen: 写入 %s 失败: %s", csv_path, strerror(errno));
			goto out;
		}
		if (g.n >= 100000 && g.to >= next_report && g.to < g.n) {
			fprintf(stderr, "caiji gen: 已写入 %" PRIu64 " / %" PRIu64 " 名党员\n",
			    g.to, g.n);
			next_report += g.n / 10;
		}
	}
	if (g.csv != NULL) {
		rc = fflush(g.csv) != 0 || fsync(fileno(g.csv)) != 0;
		rc |= fclose(g.csv) != 0;
		g.csv = NULL;
		if (rc == 0 && rename(csv_tmp, csv_path) == 0)
			csv_tmp[0] = '\0';
		else
			rc = 1;
		if (rc != 0) {
			app_error("gen: 写入 %s 失败: %s", csv_path, strerror(errno));
			goto out;
		}
	}
	/* nobody else has this new database open: drop the free pages the
	 * batches left (145 MiB at a million members) with a compacting copy */
	if (!csv_only) {
		rc = store_compact_close(app->st, &cause);
		app->st = NULL;
		if (rc != 0) {
			app_error("gen: 压缩数据库失败（数据已写入，未压缩）: %s",
			    cause ? cause : store_strerror(rc));
			goto out;
		}
	}
	if (csv_only)
		printf("已生成 %" PRIu64 " 名党员的 CSV（%.1f 秒）: %s\n", g.n,
		    now_sec() - t0, csv_path);
	else
		printf("已生成 %" PRIu64 " 名党员，%" PRIu64 " 个党支部，%" PRIu64 " 个党总支，"
		    "1 个基层党委（%.1f 秒）: %s\n", g.n, g.nbranch, g.ngeneral,
		    now_sec() - t0, app->dbdir);
	status = 0;
out:
	if (g.csv != NULL)
		fclose(g.csv);
	if (csv_tmp[0] != '\0')
		unlink(csv_tmp);
	free(cause);
	free(ids);
	free(g.branch_id);
	free(g.m);
	free(g.cause);
	return status;
}

const struct cmd_entry cmd_gen_entry = {
	.name = "gen",
	.usage = GEN_USAGE,
	.summary = "生成大量合成的党员数据（用于性能测试）",
	.args = { gen_opts, 0, 0, 0 },
	.exec = cmd_gen_exec,
};
