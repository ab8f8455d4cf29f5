/* verify.c - double keying: sample, compare, report (verify.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "utf8.h"
#include "verify.h"

/* xorshift32: a small generator whose sequence is fixed by the seed, so a
 * recorded seed names the sample again. */
static uint32_t
next_rand(uint32_t *st)
{
	uint32_t x = *st ? *st : 0x9E3779B9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *st = x;
}

static int
by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

size_t
verify_sample(const uint64_t *ids, size_t n, unsigned every, unsigned count,
    uint32_t seed, uint64_t *out)
{
	size_t i, j, k = 0, *idx, t;
	uint32_t st = seed;

	if (every > 0) {
		for (i = every - 1; i < n; i += every)
			out[k++] = ids[i];
		return k;
	}
	if (count == 0 || n == 0 || (idx = malloc(n * sizeof *idx)) == NULL)
		return 0;
	for (i = 0; i < n; i++)
		idx[i] = i;
	if (count > n)
		count = (unsigned)n;
	for (i = 0; i < count; i++) {            /* partial Fisher-Yates */
		j = i + next_rand(&st) % (n - i);
		t = idx[i];
		idx[i] = idx[j];
		idx[j] = t;
	}
	qsort(idx, count, sizeof *idx, by_index);
	for (i = 0; i < count; i++)
		out[k++] = ids[idx[i]];
	free(idx);
	return k;
}

static int
keyed(const struct sch_field *f)
{
	return f->kind == SK_STR && f->ftype >= 0;
}

size_t
verify_compare(const struct member *first, const struct member *second,
    size_t *fields, struct verify_diff *d, size_t max)
{
	size_t i, n = 0;

	*fields = 0;
	for (i = 0; i < SCH_MEMBER_N; i++) {
		const struct sch_field *f = &sch_member[i];
		const char *a = (const char *)first + f->off, *b = (const char *)second + f->off;

		if (!keyed(f))
			continue;
		(*fields)++;
		if (strcmp(a, b) == 0)
			continue;
		if (n < max) {
			d[n].key = f->key;
			d[n].label = f->label;
			rec_strcpy(d[n].first, sizeof d[n].first, a);
			rec_strcpy(d[n].second, sizeof d[n].second, b);
		}
		n++;
	}
	return n;
}

void
verify_take(struct member *dst, const struct member *src, const char *key)
{
	const struct sch_field *f = sch_member_field(key);

	if (f != NULL && keyed(f))
		memcpy((char *)dst + f->off, (const char *)src + f->off, f->size);
}

/* ---- the report ---- */

struct op {
	char user[REC_SHORT_MAX];
	uint64_t first_recs, first_fields, first_agreed;
	uint64_t second_recs, second_fields, second_agreed;
};

struct tally {
	struct op *ops;
	size_t n, cap, pending, done;
};

static struct op *
op_of(struct tally *t, const char *user)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->ops[i].user, user) == 0)
			return &t->ops[i];
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;
		struct op *p = realloc(t->ops, cap * sizeof *p);

		if (p == NULL)
			return NULL;
		t->ops = p;
		t->cap = cap;
	}
	memset(&t->ops[t->n], 0, sizeof t->ops[t->n]);
	rec_strcpy(t->ops[t->n].user, sizeof t->ops[t->n].user, user);
	return &t->ops[t->n++];
}

static int
tally_one(const struct store_verify *v, void *ud)
{
	struct tally *t = ud;
	struct op *o;

	if (!v->done) {
		t->pending++;
		return 0;
	}
	t->done++;
	if ((o = op_of(t, v->first_by[0] ? v->first_by : "(未知)")) == NULL)
		return STORE_EIO;
	o->first_recs++;
	o->first_fields += v->fields;
	o->first_agreed += v->agreed;
	if ((o = op_of(t, v->second_by[0] ? v->second_by : "(未知)")) == NULL)
		return STORE_EIO;
	o->second_recs++;
	o->second_fields += v->fields;
	o->second_agreed += v->agreed;
	return 0;
}

static void
rate(char *out, size_t size, uint64_t agreed, uint64_t fields)
{
	if (fields == 0)
		snprintf(out, size, "-");
	else
		snprintf(out, size, "%.1f%%", 100.0 * (double)agreed / (double)fields);
}

int
verify_report(struct store *s, char *buf, size_t size)
{
	struct tally t = { NULL, 0, 0, 0, 0 };
	char r1[16], r2[16], name[64];
	size_t len = 0, i, w;
	int rc;

	if (size == 0)
		return STORE_EINVAL;
	buf[0] = '\0';
	if ((rc = store_verify_each(s, 0, tally_one, &t)) != 0) {
		free(t.ops);
		return rc;
	}
#define ADD(...) do { if (len < size) len += (size_t)snprintf(buf + len, size - len, __VA_ARGS__); } while (0)
	ADD("双录核对一致率 (已核对 %zu 条, 待核对 %zu 条)\n", t.done, t.pending);
	ADD("录入员      首录条数 首录一致率  核对条数 核对一致率\n");
	for (i = 0; i < t.n; i++) {
		const struct op *o = &t.ops[i];

		w = utf8_width(o->user);
		snprintf(name, sizeof name, "%s%*s", o->user, (int)(w < 12 ? 12 - w : 0), "");
		rate(r1, sizeof r1, o->first_agreed, o->first_fields);
		rate(r2, sizeof r2, o->second_agreed, o->second_fields);
		ADD("%s%8llu %10s %9llu %10s\n", name, (unsigned long long)o->first_recs, r1,
		    (unsigned long long)o->second_recs, r2);
	}
#undef ADD
	if (len >= size)
		buf[size - 1] = '\0';
	free(t.ops);
	return 0;
}
