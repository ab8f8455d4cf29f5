/*
 * validate_bench.c - validate N generated member records (every field check
 * and record rule) and report records/s.  Built by bench/bench_validate.sh
 * against the build's objects.  Usage: validate_bench N
 *
 * Records are generated up front into a pool of POOL distinct records
 * (varied regions, birth dates, categories, lost/floating members, fixed
 * lines, a few faulty ones) and validated round-robin, so that the timing
 * is the validator's alone.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "codelist.h"
#include "validate.h"

#define POOL 16384

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "欧阳", "司马" };
static const char *const given[] = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞" };

static void
gen(struct member *m, const struct codelist *reg, const struct codelist *eth,
    const struct codelist *edu, const struct codelist *job)
{
	const struct cl_entry *r = &reg->e[rnd((uint32_t)reg->n)];
	int y = 1940 + (int)rnd(66), mo = 1 + (int)rnd(12), d = 1 + (int)rnd(28);
	int jy = y + 18 + (int)rnd(8), male = (int)rnd(2);
	char id[19];

	member_init(m);
	m->branch = 1 + rnd(1000);
	if (rnd(50) == 0)
		snprintf(m->name, sizeof m->name, "%s%s·%s", surnames[rnd(12)], given[rnd(20)], given[rnd(20)]);
	else
		snprintf(m->name, sizeof m->name, "%s%s", surnames[rnd(12)], given[rnd(20)]);
	snprintf(id, sizeof id, "%s%04d%02d%02d%02u%u", r->code, y, mo, d, rnd(100),
	    rnd(5) * 2 + (male ? 1 : 0));
	id[17] = idcard_check_char(id);
	id[18] = '\0';
	memcpy(m->idcard, id, 19);
	snprintf(m->sex, sizeof m->sex, "%s", male ? "男" : "女");
	snprintf(m->birth, sizeof m->birth, "%04d-%02d-%02d", y, mo, d);
	snprintf(m->ethnicity, sizeof m->ethnicity, "%s", rnd(10) ? "汉族" : eth->e[rnd((uint32_t)eth->n)].name);
	snprintf(m->education, sizeof m->education, "%s", edu->e[rnd((uint32_t)edu->n)].name);
	if (jy >= 2024) {
		snprintf(m->category, sizeof m->category, "预备党员");
		snprintf(m->join_date, sizeof m->join_date, "2024-%02d-%02d", mo, d);
	} else {
		snprintf(m->category, sizeof m->category, "正式党员");
		snprintf(m->join_date, sizeof m->join_date, "%04d-%02d-%02d", jy, mo, d);
		snprintf(m->full_date, sizeof m->full_date, "%04d-%02d-%02d", jy + 1, mo, d);
	}
	snprintf(m->job, sizeof m->job, "%s", job->e[rnd((uint32_t)job->n)].name);
	if (rnd(20) == 0)
		snprintf(m->phone, sizeof m->phone, "0571-8%07u", rnd(10000000));
	else
		snprintf(m->phone, sizeof m->phone, "1%u%09u", 3 + rnd(7), rnd(1000000000));
	snprintf(m->address, sizeof m->address, "%s某某路%u号%u栋%u室", r->name,
	    1 + rnd(500), 1 + rnd(30), 101 + rnd(1500));
	snprintf(m->party_status, sizeof m->party_status, "%s", rnd(100) ? "正常" : "停止党籍");
	if (rnd(50) == 0) {
		snprintf(m->lost, sizeof m->lost, "是");
		snprintf(m->lost_date, sizeof m->lost_date, "2023-%02d-01", 1 + (int)rnd(12));
	} else
		snprintf(m->lost, sizeof m->lost, "否");
	if (rnd(10) == 0) {
		snprintf(m->floating, sizeof m->floating, "是");
		snprintf(m->flow_to, sizeof m->flow_to, "%s", reg->e[rnd((uint32_t)reg->n)].name);
	} else
		snprintf(m->floating, sizeof m->floating, "否");
	snprintf(m->confirm_method, sizeof m->confirm_method, "%s", rnd(5) ? "本人签字" : "电话确认");
	if (rnd(100) == 0)    /* a typo in the ID number */
		m->idcard[5] = (char)('0' + (m->idcard[5] - '0' + 1) % 10);
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time of this process: on a shared machine wall time includes waits. */
static double
cpu(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000, i;
	struct member *pool;
	struct vreport r;
	struct verdict v;
	double t0, t1, t2, t3, c2, c3;
	long errors = 0, warnings = 0, complete = 0;
	size_t np;

	t0 = now();
	codelist_get(CL_SEX);
	codelist_get(CL_REGION);
	region_code_known("110105");
	t1 = now();
	np = n < POOL ? (size_t)n : POOL;
	if (np == 0)
		np = 1;
	pool = calloc(np, sizeof *pool);
	if (pool == NULL)
		return 1;
	for (i = 0; i < (long)np; i++)
		gen(&pool[i], codelist_get(CL_REGION), codelist_get(CL_ETHNICITY),
		    codelist_get(CL_EDUCATION), codelist_get(CL_JOB));
	t2 = now();
	c2 = cpu();
	for (i = 0; i < n; i++) {
		validate_member(&pool[(size_t)i % np], NULL, "2025-06-01", &r);
		errors += r.errors;
		warnings += r.warnings;
		complete += vreport_complete(&r);
	}
	t3 = now();
	c3 = cpu();
	printf("records %ld\n", n);
	printf("seconds %.3f\n", t3 - t2);
	printf("cpu_seconds %.3f\n", c3 - c2);
	printf("records_per_cpu_s %.0f\n", (double)n / (c3 - c2));
	printf("records_per_s %.0f\n", (double)n / (t3 - t2));
	printf("us_per_record %.2f\n", (t3 - t2) * 1e6 / (double)n);
	printf("complete %ld errors %ld warnings %ld\n", complete, errors, warnings);
	printf("codelist_init_ms %.2f\n", (t1 - t0) * 1e3);
	/* the ID-number check alone, for scale */
	t2 = now();
	for (i = 0; i < n; i++)
		validate_field(VK_IDCARD, NULL, pool[(size_t)i % np].idcard, &v);
	t3 = now();
	printf("idcard_per_s %.0f\n", (double)n / (t3 - t2));
	/* what an importer does: normalise a copy, then validate */
	{
		static struct member c;

		t2 = now();
		for (i = 0; i < n; i++) {
			c = pool[(size_t)i % np];
			normalize_member(&c);
			validate_member(&c, NULL, "2025-06-01", &r);
		}
		t3 = now();
		printf("normalize_validate_per_s %.0f\n", (double)n / (t3 - t2));
	}
	free(pool);
	return 0;
}
