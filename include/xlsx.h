/*
 * xlsx.h - libxlsxwriter, loaded when an xlsx file is first written.
 *
 * libxlsxwriter pulls in libcrypto, whose eager symbol binding cost every
 * caiji process about 2.7 ms at start (a whole `caiji find` took 4.5 ms of
 * CPU, 60 % of it the dynamic loader); only the xlsx export uses it.  So
 * the program is not linked against it: the one file that writes xlsx
 * (src/export.c) includes this header after <xlsxwriter.h>, and the
 * functions it calls become calls through a table that xlsx_lib() fills
 * with dlopen/dlsym the first time.  workbook_new_opt() returns NULL (the
 * export's own "cannot create" error) when the library cannot be loaded;
 * every other function is only reached through a workbook it made.
 */
#ifndef CAIJI_XLSX_H
#define CAIJI_XLSX_H

#include <xlsxwriter.h>

struct xlsx_lib {
	__typeof__(workbook_new_opt) *workbook_new_opt;
	__typeof__(workbook_close) *workbook_close;
	__typeof__(workbook_add_worksheet) *workbook_add_worksheet;
	__typeof__(workbook_add_format) *workbook_add_format;
	__typeof__(worksheet_write_string) *worksheet_write_string;
	__typeof__(worksheet_write_number) *worksheet_write_number;
	__typeof__(worksheet_write_blank) *worksheet_write_blank;
	__typeof__(worksheet_set_row) *worksheet_set_row;
	__typeof__(worksheet_set_column) *worksheet_set_column;
	__typeof__(worksheet_hide) *worksheet_hide;
	__typeof__(worksheet_freeze_panes) *worksheet_freeze_panes;
	__typeof__(worksheet_data_validation_range) *worksheet_data_validation_range;
	__typeof__(format_set_border) *format_set_border;
	__typeof__(format_set_num_format) *format_set_num_format;
	__typeof__(format_set_align) *format_set_align;
	__typeof__(format_set_text_wrap) *format_set_text_wrap;
	__typeof__(format_set_bold) *format_set_bold;
	__typeof__(worksheet_set_landscape) *worksheet_set_landscape;
	__typeof__(worksheet_set_paper) *worksheet_set_paper;
	__typeof__(worksheet_fit_to_pages) *worksheet_fit_to_pages;
	__typeof__(worksheet_set_margins) *worksheet_set_margins;
	__typeof__(worksheet_repeat_rows) *worksheet_repeat_rows;
	__typeof__(worksheet_set_header) *worksheet_set_header;
	__typeof__(worksheet_set_footer) *worksheet_set_footer;
	__typeof__(lxw_strerror) *lxw_strerror;
};

/* The loaded library's functions, or NULL when it cannot be loaded (the
 * first call loads it, once per process, thread-safe). */
const struct xlsx_lib *xlsx_lib(void);

#define workbook_new_opt(f, o) \
	(xlsx_lib() != NULL ? xlsx_lib()->workbook_new_opt((f), (o)) : NULL)
#define workbook_close(...) (xlsx_lib()->workbook_close(__VA_ARGS__))
#define workbook_add_worksheet(...) (xlsx_lib()->workbook_add_worksheet(__VA_ARGS__))
#define workbook_add_format(...) (xlsx_lib()->workbook_add_format(__VA_ARGS__))
#define worksheet_write_string(...) (xlsx_lib()->worksheet_write_string(__VA_ARGS__))
#define worksheet_write_number(...) (xlsx_lib()->worksheet_write_number(__VA_ARGS__))
#define worksheet_write_blank(...) (xlsx_lib()->worksheet_write_blank(__VA_ARGS__))
#define worksheet_set_row(...) (xlsx_lib()->worksheet_set_row(__VA_ARGS__))
#define worksheet_set_column(...) (xlsx_lib()->worksheet_set_column(__VA_ARGS__))
#define worksheet_hide(...) (xlsx_lib()->worksheet_hide(__VA_ARGS__))
#define worksheet_freeze_panes(...) (xlsx_lib()->worksheet_freeze_panes(__VA_ARGS__))
#define worksheet_data_validation_range(...) \
	(xlsx_lib()->worksheet_data_validation_range(__VA_ARGS__))
#define format_set_border(...) (xlsx_lib()->format_set_border(__VA_ARGS__))
#define format_set_num_format(...) (xlsx_lib()->format_set_num_format(__VA_ARGS__))
#define format_set_align(...) (xlsx_lib()->format_set_align(__VA_ARGS__))
#define format_set_text_wrap(...) (xlsx_lib()->format_set_text_wrap(__VA_ARGS__))
#define format_set_bold(...) (xlsx_lib()->format_set_bold(__VA_ARGS__))
#define worksheet_set_landscape(...) (xlsx_lib()->worksheet_set_landscape(__VA_ARGS__))
#define worksheet_set_paper(...) (xlsx_lib()->worksheet_set_paper(__VA_ARGS__))
#define worksheet_fit_to_pages(...) (xlsx_lib()->worksheet_fit_to_pages(__VA_ARGS__))
#define worksheet_set_margins(...) (xlsx_lib()->worksheet_set_margins(__VA_ARGS__))
#define worksheet_repeat_rows(...) (xlsx_lib()->worksheet_repeat_rows(__VA_ARGS__))
#define worksheet_set_header(...) (xlsx_lib()->worksheet_set_header(__VA_ARGS__))
#define worksheet_set_footer(...) (xlsx_lib()->worksheet_set_footer(__VA_ARGS__))
#define lxw_strerror(...) (xlsx_lib()->lxw_strerror(__VA_ARGS__))

#endif
