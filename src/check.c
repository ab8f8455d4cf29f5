/* check.c - the quality check (质量检查): what still needs work, record by record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <csv.h>

#include "check.h"
#include "codelist.h"
#include "record.h"
#include "report.h"
#include "validate.h"
#include "walk.h"

static const char *const kind_labels[CHK_COUNT] = {
	"错误", "待确认", "草稿", "疑似重复", "正式党员不足3人", "书记空缺",
	"预备期已满", "漏统风险", "党统人数不符", "临时党支部党员",
};

const char *
check_kind_label(int kind)
{
	if (kind < 0 || kind >= CHK_COUNT)
		return "";
	return kind_labels[kind];
}

/* One member in the duplicate search: hash of 姓名 + 出生日期. */
struct dup {
	uint64_t h, id, branch;
};

/*
 * The duplicate search keeps its memory flat in the member count: the walk
 * marks each member's hash of 姓名 + 出生日期 in a bitmap of hashes seen
 * once and one of hashes seen again (DUP_BITS bits each); a second walk
 * then gathers only the members whose hash was seen again (the duplicates
 * and a few collisions, about 3 % of a million members), which are sorted
 * and compared by their records as before.
 */
#define DUP_BITS ((size_t)1 << 25)

struct chk {
	struct store *s;
	const char *today;
	char today_buf[REC_DATE_MAX];
	check_fn fn;
	void *ud;
	struct check_counts *c;
	int stop;
	const struct org *branch;   /* during store_member_each */
	size_t full;                /* 正式党员 of the branch */
	size_t present;             /* members of the branch */
	unsigned char *seen;        /* 2 * DUP_BITS bits: seen once, seen again */
	uint64_t *branches;         /* the branches walked, in order */
	size_t nbr, capbr;
	struct dup *dups;
	size_t ndup, capdup;
	int due_listed;             /* the record's 预备期已满 is listed as 待确认 */
};

static int
emit(struct chk *k, int kind, const struct org *o, const struct member *m,
    const char *field, const char *msg)
{
	struct check_item it;
	int rc;

	it.kind = kind;
	it.org_id = o ? o->meta.id : 0;
	it.member_id = m ? m->meta.id : 0;
	it.org = o ? o->name : "";
	it.member = m ? m->name : "";
	it.idcard = m ? m->idcard : "";
	it.field = field ? field : "";
	it.msg = msg;
	k->c->items++;
	k->c->by_kind[kind]++;
	rc = k->fn ? k->fn(&it, k->ud) : 0;
	if (rc != 0)
		k->stop = rc;
	return rc;
}

/* Errors, unconfirmed warnings and drafts of one record. */
static void
emit_vreport(struct chk *k, const struct vreport *r, int state,
    const struct org *o, const struct member *m)
{
	size_t i;
	int open = 0;

	for (i = 0; i < r->n && !k->stop; i++) {
		const struct vissue *v = &r->it[i];

		if (v->rule != NULL && (strcmp(v->rule, "secretary_vacant") == 0 ||
		    strcmp(v->rule, "temp_branch_member") == 0)) {
			open = 1;       /* listed under their own kinds */
			continue;
		}
		/* an unconfirmed 预备期已满 blocks export: 待确认, as there */
		if (!vissue_open(v))
			continue;
		if (v->rule != NULL && strcmp(v->rule, "probation_due") == 0)
			k->due_listed = 1;
		emit(k, v->sev == SEV_ERROR ? CHK_ERROR : CHK_WARNING, o, m, v->label, v->msg);
		open = 1;
	}
	if (!open && !k->stop && state == REC_DRAFT)
		emit(k, CHK_DRAFT, o, m, "", "保存为草稿,尚未完成:请核对后保存为完整记录");
	if (vreport_open(r, state))
		k->c->records_open++;
}

static uint64_t
hash_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001B3ull;
	return (h ^ 0xFF) * 0x100000001B3ull;
}

static uint64_t
dup_hash(const struct member *m)
{
	return hash_str(hash_str(0xCBF29CE484222325ull, m->name), m->birth);
}

/* 1 when the job is one where members are often missed. */
static int
job_risky(const char *job)
{
	const struct cl_entry *e = codelist_find_name(codelist_get(CL_JOB), job);

	if (strstr(job, "退休") || strstr(job, "离休") || strstr(job, "退养") ||
	    strstr(job, "退职"))
		return 1;
	return e != NULL && e->group != NULL &&
	    (strcmp(e->group, "其他") == 0 || strcmp(e->group, "离退休人员") == 0);
}

static int
member_cb(const struct member *m, void *ud)
{
	struct chk *k = ud;
	const struct org *b = k->branch;
	struct vreport r;
	char msg[512], due[REC_DATE_MAX];

	if (m->meta.removed != RM_NONE)
		return 0;
	k->c->members++;
	k->present++;
	if (strcmp(m->category, "正式党员") == 0)
		k->full++;
	validate_member(m, b, k->today, &r);
	k->due_listed = 0;
	emit_vreport(k, &r, m->meta.state, b, m);
	if (!k->stop && !k->due_listed && rule_probation_due(m->category, m->join_date, k->today, due)) {
		snprintf(msg, sizeof msg,
		    "预备党员%s入党,预备期已于%s满一年:应讨论转正(或延长预备期)",
		    m->join_date, due);
		emit(k, CHK_PROBATION_DUE, b, m, "人员类别", msg);
	}
	if (!k->stop && m->job[0] != '\0' && job_risky(m->job)) {
		snprintf(msg, sizeof msg, "工作岗位为“%s”:离退休、内退、退职等人员容易漏统,请核实仍在本支部", m->job);
		emit(k, CHK_OMISSION, b, m, "工作岗位", msg);
	}
	if (!k->stop && rule_is_yes(m->lost)) {
		snprintf(msg, sizeof msg, "失联党员(失去联系日期 %s):请核实并继续联系", m->lost_date[0] ? m->lost_date : "未填");
		emit(k, CHK_OMISSION, b, m, "是否为失联党员", msg);
	}
	if (!k->stop && org_is_temporary(b->category))
		emit(k, CHK_TEMP_BRANCH, b, m, "所在党支部",
		    "临时党支部的党员不列入附件4:其正式组织关系所在的党支部应采集此人(不要重复,也不要漏统)");
	if (!k->stop && strcmp(m->party_status, "停止党籍") == 0)
		emit(k, CHK_OMISSION, b, m, "党籍状态", "停止党籍:请核实仍按规定登记,不要漏统");
	if (m->name[0] != '\0' && m->birth[0] != '\0') {
		size_t h = (size_t)dup_hash(m) & (DUP_BITS - 1);
		unsigned char bit = (unsigned char)(1u << (h & 7));

		h >>= 3;
		if (k->seen[h] & bit)
			k->seen[DUP_BITS / 8 + h] |= bit;
		else
			k->seen[h] |= bit;
	}
	return k->stop;
}

/* An organisation met: its own checks, and its branch's members, whose
 * number starts its subtree's count (n->mark). */
static int
check_pre(struct walk_node *n, void *ud)
{
	struct chk *k = ud;
	const struct org *o = n->org;
	struct vreport r;
	char msg[512];
	int rc;

	k->c->orgs++;
	validate_org(o, k->today, &r);
	emit_vreport(k, &r, o->meta.state, o, NULL);
	if (!k->stop && o->secretary[0] == '\0')
		emit(k, CHK_NO_SECRETARY, o, NULL, "党组织书记",
		    "党组织书记空缺:请核实,书记签字可由其他负责人代签");
	if (k->stop || !org_is_branch(o->category))
		return k->stop;
	if (k->nbr == k->capbr) {
		size_t cap = k->capbr ? k->capbr * 2 : 256;
		uint64_t *p = realloc(k->branches, cap * sizeof *p);

		if (p == NULL)
			return STORE_EIO;
		k->branches = p;
		k->capbr = cap;
	}
	k->branches[k->nbr++] = o->meta.id;
	k->branch = o;
	k->full = k->present = 0;
	rc = store_member_each(k->s, o->meta.id, member_cb, k);
	if (rc != 0 || k->stop)
		return rc != 0 ? rc : k->stop;
	n->mark = k->present;
	if (k->full < 3) {
		snprintf(msg, sizeof msg, "正式党员只有%zu名(党支部至少应有3名正式党员)", k->full);
		emit(k, CHK_FEW_FULL, o, NULL, "人员类别", msg);
	}
	return k->stop;
}

/* Its subtree done: 党统人数 against the members counted under it. */
static int
check_post(struct walk_node *n, void *ud)
{
	struct chk *k = ud;
	const struct org *o = n->org;
	char msg[512];

	if (!k->stop && o->stat_count >= 0 && (uint64_t)o->stat_count != n->mark) {
		snprintf(msg, sizeof msg, "采集到%zu名党员,党统人数为%d,相差%+ld:请核实(不要为凑数修改)",
		    (size_t)n->mark, o->stat_count, (long)n->mark - (long)o->stat_count);
		emit(k, CHK_STAT_COUNT, o, NULL, "党统人数", msg);
	}
	if (n->parent != NULL)
		n->parent->mark += n->mark;
	return k->stop;
}

static int
dup_cmp(const void *a, const void *b)
{
	const struct dup *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return 0;
}

/* Second walk: a present member whose hash was seen again is gathered. */
static int
dup_gather(const struct member *m, void *ud)
{
	struct chk *k = ud;
	size_t b;

	if (m->meta.removed != RM_NONE || m->name[0] == '\0' || m->birth[0] == '\0')
		return 0;
	b = (size_t)dup_hash(m) & (DUP_BITS - 1);
	if (!(k->seen[DUP_BITS / 8 + (b >> 3)] & (1u << (b & 7))))
		return 0;
	if (k->ndup == k->capdup) {
		size_t cap = k->capdup ? k->capdup * 2 : 1024;
		struct dup *d = realloc(k->dups, cap * sizeof *d);

		if (d == NULL)
			return STORE_EIO;
		k->dups = d;
		k->capdup = cap;
	}
	k->dups[k->ndup].h = dup_hash(m);
	k->dups[k->ndup].id = m->meta.id;
	k->dups[k->ndup].branch = m->branch;
	k->ndup++;
	return 0;
}

/* Members with the same 姓名 and 出生日期 in different branches. */
static int
check_dups(struct chk *k)
{
	struct member *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	struct org *oa = malloc(sizeof *oa), *ob = malloc(sizeof *ob);
	size_t i, j, g;
	char msg[768];
	int rc = 0;

	if (a == NULL || b == NULL || oa == NULL || ob == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	for (i = 0; i < k->nbr; i++)
		if ((rc = store_member_each(k->s, k->branches[i], dup_gather, k)) != 0)
			goto out;
	if (k->ndup > 1)            /* none gathered: k->dups is NULL */
		qsort(k->dups, k->ndup, sizeof *k->dups, dup_cmp);
	for (i = 0; i < k->ndup && !k->stop; i = g) {
		for (g = i + 1; g < k->ndup && k->dups[g].h == k->dups[i].h; g++)
			;
		if (g - i < 2)
			continue;
		for (j = i; j < g && !k->stop; j++) {
			size_t o2;

			if (store_member_get(k->s, k->dups[j].id, a, NULL) != 0 ||
			    store_org_get_head(k->s, a->branch, oa) != 0)
				continue;
			for (o2 = i; o2 < g; o2++) {
				if (o2 == j || k->dups[o2].branch == k->dups[j].branch)
					continue;
				if (store_member_get(k->s, k->dups[o2].id, b, NULL) != 0 ||
				    strcmp(a->name, b->name) != 0 || strcmp(a->birth, b->birth) != 0 ||
				    store_org_get_head(k->s, b->branch, ob) != 0)
					continue;
				snprintf(msg, sizeof msg,
				    "与「%s」的%s(公民身份证号%s)同名且出生日期相同(%s):请核实是否同一人,不要重复",
				    ob->name, b->name, b->idcard, a->birth);
				emit(k, CHK_DUPLICATE, oa, a, "姓名", msg);
				break;
			}
		}
	}
out:
	free(a);
	free(b);
	free(oa);       /* head loads only */
	free(ob);
	return rc != 0 ? rc : k->stop;
}

int
check_run(struct store *s, uint64_t org, const char *today, check_fn fn,
    void *ud, struct check_counts *counts)
{
	static const struct walk_ops ops = { check_pre, check_post };
	struct check_counts local;
	struct chk k;
	int rc;

	memset(&k, 0, sizeof k);
	memset(&local, 0, sizeof local);
	k.s = s;
	k.fn = fn;
	k.ud = ud;
	k.c = counts ? counts : &local;
	memset(k.c, 0, sizeof *k.c);
	if (today == NULL) {
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(k.today_buf, sizeof k.today_buf, "%Y-%m-%d", &tm);
		today = k.today_buf;
	}
	k.today = today;
	if ((k.seen = calloc(2, DUP_BITS / 8)) == NULL)
		return STORE_EIO;
	rc = walk_orgs(s, org, 0, &ops, &k);
	if (rc == 0)
		rc = check_dups(&k);
	free(k.dups);
	free(k.branches);
	free(k.seen);
	return rc;
}

static int
csv_cell(FILE *fp, const char *s, int last)
{
	if (csv_fwrite(fp, s, strlen(s)) != 0)
		return -1;
	return fputs(last ? "\r\n" : ",", fp) == EOF ? -1 : 0;
}

int
check_csv_header(FILE *fp)
{
	static const char *const h[] = { "类别", "党组织", "姓名", "公民身份证号",
	    "项目", "说明", "记录编号" };
	size_t i;

	if (fputs("\xEF\xBB\xBF", fp) == EOF)
		return -1;
	for (i = 0; i < 7; i++)
		if (csv_cell(fp, h[i], i == 6) != 0)
			return -1;
	return 0;
}

int
check_csv_row(const struct check_item *it, void *ud)
{
	FILE *fp = ud;
	char idbuf[48], c1[REPORT_CELL_MAX], c2[REPORT_CELL_MAX], c3[REPORT_CELL_MAX];
	char c4[REPORT_CELL_MAX], c5[V_MSG_MAX + 768];

	snprintf(idbuf, sizeof idbuf, "%s%llu", it->member_id ? "党员#" : "党组织#",
	    (unsigned long long)(it->member_id ? it->member_id : it->org_id));
	/* the export's cell rules: no formula, ID number kept as text */
	if (csv_cell(fp, check_kind_label(it->kind), 0) != 0 ||
	    csv_cell(fp, report_cell(it->org, 0, c1, sizeof c1), 0) != 0 ||
	    csv_cell(fp, report_cell(it->member, 0, c2, sizeof c2), 0) != 0 ||
	    csv_cell(fp, report_cell(it->idcard, 1, c3, sizeof c3), 0) != 0 ||
	    csv_cell(fp, report_cell(it->field, 0, c4, sizeof c4), 0) != 0 ||
	    csv_cell(fp, report_cell(it->msg, 0, c5, sizeof c5), 0) != 0 ||
	    csv_cell(fp, idbuf, 1) != 0)
		return -1;
	return 0;
}
