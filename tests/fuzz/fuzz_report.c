/* fuzz_report.c - the CSV cell contract shared with the importer: any value,
 * protected by report_cell (text column or not), written by libcsv, parsed
 * back by libcsv and unprotected, is the value again; and a protected cell
 * never starts with a formula character (libFuzzer). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "app.h"
#include "report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct back {
	char v[REPORT_CELL_MAX];
	int fields;
};

static void
on_field(void *s, size_t len, void *ud)
{
	struct back *b = ud;

	if (len >= sizeof b->v)
		abort();
	memcpy(b->v, s, len);
	b->v[len] = '\0';
	b->fields++;
}

static void
on_row(int c, void *ud)
{
	(void)c;
	(void)ud;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char v[REC_NOTE_MAX], cell[REPORT_CELL_MAX], out[2 * REPORT_CELL_MAX + 4];
	struct csv_parser p;
	struct back b;
	size_t n = 0, w;
	int text;

	if (size == 0)
		return 0;
	text = data[0] & 1;
	for (size_t i = 1; i < size && n + 1 < sizeof v; i++)
		if (data[i] != 0)
			v[n++] = (char)data[i];
	v[n] = '\0';

	report_cell(v, text, cell, sizeof cell);
	if (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
	    cell[0] == '\r')
		abort();
	w = csv_write(out, sizeof out, cell, strlen(cell));
	if (w > sizeof out)
		abort();
	memset(&b, 0, sizeof b);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		abort();
	if (csv_parse(&p, out, w, on_field, on_row, &b) != w)
		abort();
	csv_fini(&p, on_field, on_row, &b);
	csv_free(&p);
	if (b.fields != 1)
		abort();
	report_cell_unprotect(b.v);
	if (strcmp(b.v, v) != 0)
		abort();
	return 0;
}
