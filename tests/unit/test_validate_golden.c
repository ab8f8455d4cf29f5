/*
 * test_validate_golden.c - validate_member's full report (every issue: its
 * severity, field, rule, confirmation and message; the counts) on 4,000
 * generated records, a third of them deliberately broken, against the
 * reports recorded before the validator's fast paths were written
 * (tests/unit/data/validate_golden.txt).  A changed verdict, message or
 * normalisation shows as the first differing record.
 *
 * Regenerate (only for an intended change of a rule, and say so in the
 * commit): CAIJI_GOLDEN_WRITE=1 build/tests/test_validate_golden
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codelist.h"
#include "validate.h"

#define GOLDEN "tests/unit/data/validate_golden.txt"
#define NREC 4000

static uint64_t rng;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static const char *const surnames[] = { "王", "李", "张", "欧阳", "司马", "阿不都" };
static const char *const given[] = { "伟", "芳", "秀英", "敏", "热合曼", "磊" };

/* Values that break or stretch one field: full-width, spaces, bad UTF-8,
 * control characters, overlong, codes typed as codes, pinyin, ... */
static const char *const odd_text[] = {
	"", " ", "\xe3\x80\x80", "\xff\xfe", "\xe6\xb1", "a\tb", "a\nb", "\x7f",
	"\xc2\xa0汉族", "汉族 ", " 汉族", "０１", "01", "1", "hz", "HZ", "dx",
	"ｈｚ", "汉 族", "\xe2\x80\x8b汉族", "\xef\xbb\xbf汉族", "\xed\xa0\x80",
	"\xf4\x90\x80\x80", "\xc0\xaf", "\xe0\x80\xaf", "（）", "()", "zz",
	"男", "女", "是", "否", "正常", "预备党员", "正式党员", "大学", "学生",
	"浙江省杭州市西湖区", "330106", "西湖区", "朝阳区", "本人签字", "电话确认",
};
static const char *const odd_dates[] = {
	"", "2024-03-05", "20240305", "2024年3月5日", "2024.3.5", "2024/3/5",
	"2024-3", "2024年3月", "2024-02-30", "1899-12-31", "2030-01-01",
	"２０２４－０３－０５", " 2024-03-05 ", "2024-03-05x", "1921-06-30",
	"2025-06-01", "2025-06-02", "2000-02-29", "1900-02-29", "2024-13-01",
};
static const char *const odd_phones[] = {
	"", "13812345678", "+8613812345678", "008613812345678", "138 1234 5678",
	"１３８１２３４５６７８", "0571-88888888", "(0571)88888888",
	"0571 8888 8888", "057188888888", "010-12345678-123", "010-12345678转123",
	"88888888", "12345", "0571-8888", "abc", "010-12345678 分机 12",
	"010-12345678ext.99", "0123-1234567", "13812345678\xff",
};
static const char *const odd_names[] = {
	"", "王伟", "阿不都·热合曼", "阿不都.热合曼", "阿不都•热合曼", "·王",
	"王·", "王··伟", "王1", "Wang", "王 伟", "王\xe3\x80\x80伟",
	"𠀀伟", "王\xff", "欧阳", "ｗａｎｇ",
};
static const char *const odd_addr[] = {
	"", "浙江省杭州市西湖区某某路1号", "某某村", "某某村三组", "某某小区5幢",
	"某某路（东段）１２号", "某某街 3 单元", "\xe6\xb1\x89", "某某楼",
};

static const char *
pick(const char *const *a, size_t n)
{
	return a[rnd((uint32_t)n)];
}
#define PICK(a) pick(a, sizeof a / sizeof a[0])

static void
gen(struct member *m, size_t k)
{
	const struct codelist *reg = codelist_get(CL_REGION);
	const struct codelist *eth = codelist_get(CL_ETHNICITY);
	const struct codelist *edu = codelist_get(CL_EDUCATION);
	const struct codelist *job = codelist_get(CL_JOB);
	const struct cl_entry *r = &reg->e[rnd((uint32_t)reg->n)];
	int y = 1930 + (int)rnd(90), mo = 1 + (int)rnd(12), d = 1 + (int)rnd(28);
	int jy = y + 16 + (int)rnd(10), male = (int)rnd(2);
	char id[19];
	int broken = k % 3 == 0;

	member_init(m);
	m->branch = 1 + rnd(1000);
	snprintf(m->name, sizeof m->name, "%s%s", PICK(surnames), PICK(given));
	snprintf(id, sizeof id, "%s%04d%02d%02d%02u%u", rnd(10) ? r->code : "999999",
	    y, mo, d, rnd(100), rnd(5) * 2 + (male ? 1 : 0));
	id[17] = idcard_check_char(id);
	id[18] = '\0';
	memcpy(m->idcard, id, 19);
	snprintf(m->sex, sizeof m->sex, "%s", male ? "男" : "女");
	snprintf(m->birth, sizeof m->birth, "%04d-%02d-%02d", y, mo, d);
	snprintf(m->ethnicity, sizeof m->ethnicity, "%s", rnd(3) ? "汉族" : eth->e[rnd((uint32_t)eth->n)].name);
	snprintf(m->education, sizeof m->education, "%s", edu->e[rnd((uint32_t)edu->n)].name);
	if (rnd(4) == 0) {
		snprintf(m->category, sizeof m->category, "预备党员");
		snprintf(m->join_date, sizeof m->join_date, "%04d-%02d-%02d",
		    2023 + (int)rnd(3), mo, d);
	} else {
		snprintf(m->category, sizeof m->category, "正式党员");
		snprintf(m->join_date, sizeof m->join_date, "%04d-%02d-%02d", jy, mo, d);
		snprintf(m->full_date, sizeof m->full_date, "%04d-%02d-%02d",
		    jy + (int)rnd(4), mo, d);
	}
	snprintf(m->job, sizeof m->job, "%s", job->e[rnd((uint32_t)job->n)].name);
	snprintf(m->phone, sizeof m->phone, "1%u%09u", 3 + rnd(7), rnd(1000000000));
	snprintf(m->address, sizeof m->address, "%s某某路%u号", r->name, 1 + rnd(500));
	snprintf(m->party_status, sizeof m->party_status, "%s", rnd(20) ? "正常" : "停止党籍");
	if (rnd(10) == 0) {
		snprintf(m->lost, sizeof m->lost, "是");
		if (rnd(3))
			snprintf(m->lost_date, sizeof m->lost_date, "20%02u-%02d-01", rnd(30), mo);
		if (rnd(3) == 0)
			m->phone[0] = '\0';
	} else
		snprintf(m->lost, sizeof m->lost, "否");
	if (rnd(5) == 0) {
		snprintf(m->floating, sizeof m->floating, "是");
		if (rnd(4))
			snprintf(m->flow_to, sizeof m->flow_to, "%s", reg->e[rnd((uint32_t)reg->n)].name);
	} else
		snprintf(m->floating, sizeof m->floating, "否");
	snprintf(m->confirm_method, sizeof m->confirm_method, "%s", rnd(5) ? "本人签字" : "");
	if (rnd(8) == 0)
		snprintf(m->note, sizeof m->note, "%s", rnd(2) ? "出生日期以档案为准" : "a\x01");
	if (rnd(6) == 0) {
		m->meta.n_confirm = 1 + rnd(2);
		snprintf(m->meta.confirm[0].rule, sizeof m->meta.confirm[0].rule, "%s",
		    rnd(2) ? "phone_fixed" : "birth_differs");
		snprintf(m->meta.confirm[1].rule, sizeof m->meta.confirm[1].rule, "%s",
		    rnd(2) ? "full_gap" : "probation_due");
	}
	if (!broken)
		return;
	/* one to three faults */
	for (int f = 0, nf = 1 + (int)rnd(3); f < nf; f++) {
		switch (rnd(22)) {
		case 0: snprintf(m->name, sizeof m->name, "%s", PICK(odd_names)); break;
		case 1: m->idcard[5 + rnd(10)] ^= 1; break;
		case 2: m->idcard[17] = rnd(2) ? 'x' : 'X'; break;
		case 3: snprintf(m->idcard, sizeof m->idcard, "%.6s%.9s", id, id + 8); break;
		case 4: rec_strcpy(m->idcard, sizeof m->idcard, rnd(2) ? "" : "１１０１０５１９９００１０１００１Ｘ"); break;
		case 5: snprintf(m->sex, sizeof m->sex, "%s", PICK(odd_text)); break;
		case 6: snprintf(m->ethnicity, sizeof m->ethnicity, "%s", PICK(odd_text)); break;
		case 7: snprintf(m->birth, sizeof m->birth, "%s", PICK(odd_dates)); break;
		case 8: snprintf(m->education, sizeof m->education, "%s", PICK(odd_text)); break;
		case 9: snprintf(m->category, sizeof m->category, "%s", PICK(odd_text)); break;
		case 10: snprintf(m->join_date, sizeof m->join_date, "%s", PICK(odd_dates)); break;
		case 11: snprintf(m->full_date, sizeof m->full_date, "%s", PICK(odd_dates)); break;
		case 12: snprintf(m->job, sizeof m->job, "%s", PICK(odd_text)); break;
		case 13: snprintf(m->phone, sizeof m->phone, "%s", PICK(odd_phones)); break;
		case 14: snprintf(m->address, sizeof m->address, "%s", PICK(odd_addr)); break;
		case 15: snprintf(m->party_status, sizeof m->party_status, "%s", PICK(odd_text)); break;
		case 16: snprintf(m->lost, sizeof m->lost, "%s", PICK(odd_text)); break;
		case 17: snprintf(m->lost_date, sizeof m->lost_date, "%s", PICK(odd_dates)); break;
		case 18: snprintf(m->floating, sizeof m->floating, "%s", PICK(odd_text)); break;
		case 19: snprintf(m->flow_to, sizeof m->flow_to, "%s", PICK(odd_text)); break;
		case 20: snprintf(m->confirm_method, sizeof m->confirm_method, "%s", PICK(odd_text)); break;
		default: m->branch = 0; break;
		}
	}
}

/* FNV-1a of every text field of m (what normalize_member made of it). */
static uint64_t
norm_hash(const struct member *m)
{
	const char *f[] = { m->name, m->sex, m->ethnicity, m->idcard, m->birth,
	    m->education, m->category, m->join_date, m->full_date, m->job,
	    m->phone, m->address, m->party_status, m->lost, m->lost_date,
	    m->floating, m->flow_to, m->confirm_method, m->note };
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;
	const unsigned char *p;

	for (i = 0; i < sizeof f / sizeof f[0]; i++)
		for (p = (const unsigned char *)f[i]; ; p++) {
			h = (h ^ *p) * 0x100000001b3ull;
			if (*p == '\0')
				break;
		}
	return h;
}

/* One record's report as one line. */
static void
report_line(const struct vreport *r, char *out, size_t cap)
{
	size_t o, i;

	o = (size_t)snprintf(out, cap, "e%d w%d u%d n%zu", r->errors, r->warnings,
	    r->unconfirmed, r->n);
	for (i = 0; i < r->n && o < cap; i++)
		o += (size_t)snprintf(out + o, cap - o, " | %d %s %s %s c%d u%d %s",
		    r->it[i].sev, r->it[i].field, r->it[i].label, r->it[i].rule,
		    r->it[i].confirmed, r->it[i].unit, r->it[i].msg);
}

Test(validate_golden, reports_unchanged)
{
	static struct member m, norm;
	struct org br[3];
	struct vreport r;
	char line[16384], want[16384];
	FILE *fp;
	int write = getenv("CAIJI_GOLDEN_WRITE") != NULL;
	size_t k, diffs = 0, nnormal = 0;

	fp = fopen(GOLDEN, write ? "w" : "r");
	cr_assert_not_null(fp, "cannot open %s (run from the repository top)", GOLDEN);
	for (k = 0; k < 3; k++)
		org_init(&br[k]);
	snprintf(br[0].category, sizeof br[0].category, "党支部");
	snprintf(br[1].category, sizeof br[1].category, "党委");
	snprintf(br[2].category, sizeof br[2].category, "联合党支部");
	br[2].meta.removed = RM_TRANSFER;
	rng = 0x2545F4914F6CDD1Dull;
	for (k = 0; k < NREC; k++) {
		const struct org *b = k % 7 == 0 ? NULL : k % 53 == 0 ? &br[1] :
		    k % 61 == 0 ? &br[2] : &br[0];

		gen(&m, k);
		validate_member(&m, b, k % 11 == 0 ? "2024-01-15" : "2025-06-01", &r);
		report_line(&r, line, sizeof line);
		/* and what normalising makes of it, checked again */
		norm = m;
		normalize_member(&norm);
		/* member_is_normal never claims a record normalising would change */
		if (member_is_normal(&m)) {
			nnormal++;
			cr_assert_eq(norm_hash(&norm), norm_hash(&m),
			    "record %zu: member_is_normal but normalize_member changed it", k);
		}
		validate_member(&norm, b, "2025-06-01", &r);
		snprintf(line + strlen(line), sizeof line - strlen(line),
		    " || %016llx e%d w%d u%d n%zu", (unsigned long long)norm_hash(&norm),
		    r.errors, r.warnings, r.unconfirmed, r.n);
		if (write) {
			fprintf(fp, "%s\n", line);
			continue;
		}
		cr_assert_not_null(fgets(want, sizeof want, fp), "fixture ends at record %zu", k);
		want[strcspn(want, "\n")] = '\0';
		if (strcmp(line, want) != 0 && diffs++ == 0)
			cr_log_error("record %zu:\n got  %s\n want %s", k, line, want);
	}
	fclose(fp);
	cr_assert_gt(nnormal, NREC / 4, "only %zu records taken as normal", nnormal);
	cr_assert_eq(diffs, 0, "%zu of %d reports differ from %s", diffs, NREC, GOLDEN);
}
