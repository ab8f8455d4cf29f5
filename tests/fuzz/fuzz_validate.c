/* fuzz_validate.c - arbitrary bytes through every field kind, every code
 * list, date_normalize, and the record rules (libFuzzer). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "codelist.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Copy the next chunk (up to a 0xFF byte) into dst of cap bytes. */
static void
chunk(const uint8_t **p, const uint8_t *end, char *dst, size_t cap)
{
	size_t n = 0;

	while (*p < end && **p != 0xFF) {
		if (n + 1 < cap && **p != 0)
			dst[n++] = (char)**p;
		(*p)++;
	}
	if (*p < end)
		(*p)++;
	dst[n] = '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int kinds[] = {
		VK_IDCARD, VK_USCC, VK_ORGCODE, VK_UNITCODE, VK_MOBILE, VK_PHONE,
		VK_MEMBER_PHONE, VK_DATE, VK_NAME, VK_ADDRESS, VK_ORGNAME, VK_TEXT, VK_OPTTEXT,
	};
	char *s, d[REC_DATE_MAX], up[19];
	struct verdict v;
	struct vreport *r;
	struct member *m;
	struct org *o;
	const struct cl_entry *match[8];
	const uint8_t *p, *end = data + size;
	size_t i;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		validate_field(kinds[i], NULL, s, &v);
	for (i = 0; i < CL_COUNT; i++) {
		validate_coded((int)i, NULL, s, &v);
		codelist_match(codelist_get((int)i), s, match, 8);
	}
	date_normalize(s, d);
	validate_named("region", s, &v);
	region_code_known(s);
	region_find(s);
	if (size >= 17)
		idcard_check_char(s);
	idcard_upgrade15(s, up);
	free(s);

	/* the same bytes as the fields of a member and an organisation */
	m = calloc(1, sizeof *m);
	o = calloc(1, sizeof *o);
	r = calloc(1, sizeof *r);
	if (m && o && r) {
		member_init(m);
		p = data;
		m->branch = size & 1;
		chunk(&p, end, m->name, sizeof m->name);
		chunk(&p, end, m->sex, sizeof m->sex);
		chunk(&p, end, m->ethnicity, sizeof m->ethnicity);
		chunk(&p, end, m->idcard, sizeof m->idcard);
		chunk(&p, end, m->birth, sizeof m->birth);
		chunk(&p, end, m->education, sizeof m->education);
		chunk(&p, end, m->category, sizeof m->category);
		chunk(&p, end, m->join_date, sizeof m->join_date);
		chunk(&p, end, m->full_date, sizeof m->full_date);
		chunk(&p, end, m->job, sizeof m->job);
		chunk(&p, end, m->phone, sizeof m->phone);
		chunk(&p, end, m->address, sizeof m->address);
		chunk(&p, end, m->party_status, sizeof m->party_status);
		chunk(&p, end, m->lost, sizeof m->lost);
		chunk(&p, end, m->lost_date, sizeof m->lost_date);
		chunk(&p, end, m->floating, sizeof m->floating);
		chunk(&p, end, m->flow_to, sizeof m->flow_to);
		chunk(&p, end, m->confirm_method, sizeof m->confirm_method);
		chunk(&p, end, m->note, sizeof m->note);
		validate_member(m, NULL, "2025-06-01", r);
		vreport_complete(r);
		normalize_member(m);
		validate_member(m, NULL, NULL, r);

		org_init(o);
		p = data;
		chunk(&p, end, o->name, sizeof o->name);
		chunk(&p, end, o->secretary, sizeof o->secretary);
		chunk(&p, end, o->contact, sizeof o->contact);
		chunk(&p, end, o->phone, sizeof o->phone);
		chunk(&p, end, o->category, sizeof o->category);
		chunk(&p, end, o->unit_situation, sizeof o->unit_situation);
		/* 0 .. 40 unit pages (a joint branch has no cap), as many
		 * filled as the bytes last */
		for (i = 0; i < size % 41; i++) {
			struct unit *u = org_unit_add(o);

			if (u == NULL)
				break;
			chunk(&p, end, u->name, sizeof u->name);
			chunk(&p, end, u->category, sizeof u->category);
			chunk(&p, end, u->party_status, sizeof u->party_status);
			chunk(&p, end, u->code, sizeof u->code);
		}
		chunk(&p, end, o->note, sizeof o->note);
		o->stat_count = (int32_t)(size % 7) - 3;
		validate_org(o, "2025-06-01", r);
		vreport_complete(r);
		normalize_org(o);
		validate_org(o, NULL, r);
	}
	free(m);
	org_delete(o);
	free(r);
	return 0;
}
