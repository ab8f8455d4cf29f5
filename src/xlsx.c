/* xlsx.c - libxlsxwriter through dlopen on first use (xlsx.h says why). */
#include <pthread.h>
#include <stddef.h>

#include "dlbind.h"
#include "xlsx.h"

#ifndef XLSX_SONAME
#define XLSX_SONAME ""      /* the Makefile names the library it built against */
#endif

/* The process-wide table: the library is loaded once and never closed
 * (like the libraries linked at start); pthread_once fills it. */
static struct xlsx_lib lib;
static const struct xlsx_lib *loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
load(void)
{
	static const char *const names[] = {
		"workbook_new_opt", "workbook_close", "workbook_add_worksheet",
		"workbook_add_format", "worksheet_write_string", "worksheet_write_number",
		"worksheet_write_blank", "worksheet_set_row", "worksheet_set_column",
		"worksheet_hide", "worksheet_freeze_panes", "worksheet_data_validation_range",
		"format_set_border", "format_set_num_format", "format_set_align",
		"format_set_text_wrap", "format_set_bold",
		"worksheet_set_landscape", "worksheet_set_paper", "worksheet_fit_to_pages",
		"worksheet_set_margins", "worksheet_repeat_rows", "worksheet_set_header",
		"worksheet_set_footer", "lxw_strerror",
	};
	static const char *const sonames[] = {
		XLSX_SONAME, "libxlsxwriter.so.4", "libxlsxwriter.so", NULL,
	};
	void *h = dl_open_first(sonames);

	_Static_assert(sizeof lib == sizeof names / sizeof names[0] * sizeof(void *),
	    "one name per function of struct xlsx_lib, in order");
	if (h != NULL &&
	    dl_bind(h, names, (void **)&lib, sizeof names / sizeof names[0]) == NULL)
		loaded = &lib;
}

const struct xlsx_lib *
xlsx_lib(void)
{
	pthread_once(&once, load);
	return loaded;
}
