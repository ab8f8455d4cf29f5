/*
 * pdf.h - pango and cairo, loaded when the first PDF is printed.
 *
 * Linked, pango, cairo and what they pull in (glib, fontconfig, freetype,
 * harfbuzz ...: about 40 shared libraries) were loaded and bound at every
 * start of every caiji command: `caiji find` took 7.9 ms of CPU instead of
 * 1.9.  Only printing uses them, so the program is not linked against
 * them: src/print.c includes this header after the pango/cairo headers,
 * and the functions it calls become calls through a table that pdf_lib()
 * fills with dlopen/dlsym the first time (as xlsx.h does for
 * libxlsxwriter).  print_run checks pdf_lib() before anything else.
 */
#ifndef CAIJI_PDF_H
#define CAIJI_PDF_H

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

struct pdf_lib {
	__typeof__(cairo_arc) *cairo_arc;
	__typeof__(cairo_create) *cairo_create;
	__typeof__(cairo_destroy) *cairo_destroy;
	__typeof__(cairo_fill) *cairo_fill;
	__typeof__(cairo_font_options_create) *cairo_font_options_create;
	__typeof__(cairo_font_options_destroy) *cairo_font_options_destroy;
	__typeof__(cairo_font_options_set_hint_metrics) *cairo_font_options_set_hint_metrics;
	__typeof__(cairo_font_options_set_hint_style) *cairo_font_options_set_hint_style;
	__typeof__(cairo_line_to) *cairo_line_to;
	__typeof__(cairo_move_to) *cairo_move_to;
	__typeof__(cairo_new_sub_path) *cairo_new_sub_path;
	__typeof__(cairo_pdf_surface_create_for_stream) *cairo_pdf_surface_create_for_stream;
	__typeof__(cairo_pdf_surface_set_metadata) *cairo_pdf_surface_set_metadata;
	__typeof__(cairo_rectangle) *cairo_rectangle;
	__typeof__(cairo_restore) *cairo_restore;
	__typeof__(cairo_save) *cairo_save;
	__typeof__(cairo_set_dash) *cairo_set_dash;
	__typeof__(cairo_set_line_width) *cairo_set_line_width;
	__typeof__(cairo_set_source_rgb) *cairo_set_source_rgb;
	__typeof__(cairo_show_page) *cairo_show_page;
	__typeof__(cairo_status) *cairo_status;
	__typeof__(cairo_status_to_string) *cairo_status_to_string;
	__typeof__(cairo_stroke) *cairo_stroke;
	__typeof__(cairo_surface_destroy) *cairo_surface_destroy;
	__typeof__(cairo_surface_finish) *cairo_surface_finish;
	__typeof__(cairo_surface_status) *cairo_surface_status;
	__typeof__(g_object_unref) *g_object_unref;
	__typeof__(pango_cairo_context_set_font_options) *pango_cairo_context_set_font_options;
	__typeof__(pango_cairo_context_set_resolution) *pango_cairo_context_set_resolution;
	__typeof__(pango_cairo_font_map_new) *pango_cairo_font_map_new;
	__typeof__(pango_cairo_show_layout) *pango_cairo_show_layout;
	__typeof__(pango_cairo_update_context) *pango_cairo_update_context;
	__typeof__(pango_context_set_language) *pango_context_set_language;
	__typeof__(pango_font_describe) *pango_font_describe;
	__typeof__(pango_font_description_free) *pango_font_description_free;
	__typeof__(pango_font_description_from_string) *pango_font_description_from_string;
	__typeof__(pango_font_description_get_family) *pango_font_description_get_family;
	__typeof__(pango_font_description_set_size) *pango_font_description_set_size;
	__typeof__(pango_font_description_set_weight) *pango_font_description_set_weight;
	__typeof__(pango_font_map_create_context) *pango_font_map_create_context;
	__typeof__(pango_font_map_load_font) *pango_font_map_load_font;
	__typeof__(pango_language_from_string) *pango_language_from_string;
	__typeof__(pango_layout_get_size) *pango_layout_get_size;
	__typeof__(pango_layout_new) *pango_layout_new;
	__typeof__(pango_layout_set_alignment) *pango_layout_set_alignment;
	__typeof__(pango_layout_set_ellipsize) *pango_layout_set_ellipsize;
	__typeof__(pango_layout_set_font_description) *pango_layout_set_font_description;
	__typeof__(pango_layout_set_text) *pango_layout_set_text;
	__typeof__(pango_layout_set_width) *pango_layout_set_width;
	__typeof__(pango_layout_set_wrap) *pango_layout_set_wrap;
};

/* The loaded functions, or NULL when the libraries cannot be loaded (the
 * first call loads them, once per process, thread-safe). */
const struct pdf_lib *pdf_lib(void);

#define cairo_arc(...) (pdf_lib()->cairo_arc(__VA_ARGS__))
#define cairo_create(...) (pdf_lib()->cairo_create(__VA_ARGS__))
#define cairo_destroy(...) (pdf_lib()->cairo_destroy(__VA_ARGS__))
#define cairo_fill(...) (pdf_lib()->cairo_fill(__VA_ARGS__))
#define cairo_font_options_create(...) (pdf_lib()->cairo_font_options_create(__VA_ARGS__))
#define cairo_font_options_destroy(...) (pdf_lib()->cairo_font_options_destroy(__VA_ARGS__))
#define cairo_font_options_set_hint_metrics(...) (pdf_lib()->cairo_font_options_set_hint_metrics(__VA_ARGS__))
#define cairo_font_options_set_hint_style(...) (pdf_lib()->cairo_font_options_set_hint_style(__VA_ARGS__))
#define cairo_line_to(...) (pdf_lib()->cairo_line_to(__VA_ARGS__))
#define cairo_move_to(...) (pdf_lib()->cairo_move_to(__VA_ARGS__))
#define cairo_new_sub_path(...) (pdf_lib()->cairo_new_sub_path(__VA_ARGS__))
#define cairo_pdf_surface_create_for_stream(...) (pdf_lib()->cairo_pdf_surface_create_for_stream(__VA_ARGS__))
#define cairo_pdf_surface_set_metadata(...) (pdf_lib()->cairo_pdf_surface_set_metadata(__VA_ARGS__))
#define cairo_rectangle(...) (pdf_lib()->cairo_rectangle(__VA_ARGS__))
#define cairo_restore(...) (pdf_lib()->cairo_restore(__VA_ARGS__))
#define cairo_save(...) (pdf_lib()->cairo_save(__VA_ARGS__))
#define cairo_set_dash(...) (pdf_lib()->cairo_set_dash(__VA_ARGS__))
#define cairo_set_line_width(...) (pdf_lib()->cairo_set_line_width(__VA_ARGS__))
#define cairo_set_source_rgb(...) (pdf_lib()->cairo_set_source_rgb(__VA_ARGS__))
#define cairo_show_page(...) (pdf_lib()->cairo_show_page(__VA_ARGS__))
#define cairo_status(...) (pdf_lib()->cairo_status(__VA_ARGS__))
#define cairo_status_to_string(...) (pdf_lib()->cairo_status_to_string(__VA_ARGS__))
#define cairo_stroke(...) (pdf_lib()->cairo_stroke(__VA_ARGS__))
#define cairo_surface_destroy(...) (pdf_lib()->cairo_surface_destroy(__VA_ARGS__))
#define cairo_surface_finish(...) (pdf_lib()->cairo_surface_finish(__VA_ARGS__))
#define cairo_surface_status(...) (pdf_lib()->cairo_surface_status(__VA_ARGS__))
#define g_object_unref(...) (pdf_lib()->g_object_unref(__VA_ARGS__))
#define pango_cairo_context_set_font_options(...) (pdf_lib()->pango_cairo_context_set_font_options(__VA_ARGS__))
#define pango_cairo_context_set_resolution(...) (pdf_lib()->pango_cairo_context_set_resolution(__VA_ARGS__))
#define pango_cairo_font_map_new(...) (pdf_lib()->pango_cairo_font_map_new(__VA_ARGS__))
#define pango_cairo_show_layout(...) (pdf_lib()->pango_cairo_show_layout(__VA_ARGS__))
#define pango_cairo_update_context(...) (pdf_lib()->pango_cairo_update_context(__VA_ARGS__))
#define pango_context_set_language(...) (pdf_lib()->pango_context_set_language(__VA_ARGS__))
#define pango_font_describe(...) (pdf_lib()->pango_font_describe(__VA_ARGS__))
#define pango_font_description_free(...) (pdf_lib()->pango_font_description_free(__VA_ARGS__))
#define pango_font_description_from_string(...) (pdf_lib()->pango_font_description_from_string(__VA_ARGS__))
#define pango_font_description_get_family(...) (pdf_lib()->pango_font_description_get_family(__VA_ARGS__))
#define pango_font_description_set_size(...) (pdf_lib()->pango_font_description_set_size(__VA_ARGS__))
#define pango_font_description_set_weight(...) (pdf_lib()->pango_font_description_set_weight(__VA_ARGS__))
#define pango_font_map_create_context(...) (pdf_lib()->pango_font_map_create_context(__VA_ARGS__))
#define pango_font_map_load_font(...) (pdf_lib()->pango_font_map_load_font(__VA_ARGS__))
#define pango_language_from_string(...) (pdf_lib()->pango_language_from_string(__VA_ARGS__))
#define pango_layout_get_size(...) (pdf_lib()->pango_layout_get_size(__VA_ARGS__))
#define pango_layout_new(...) (pdf_lib()->pango_layout_new(__VA_ARGS__))
#define pango_layout_set_alignment(...) (pdf_lib()->pango_layout_set_alignment(__VA_ARGS__))
#define pango_layout_set_ellipsize(...) (pdf_lib()->pango_layout_set_ellipsize(__VA_ARGS__))
#define pango_layout_set_font_description(...) (pdf_lib()->pango_layout_set_font_description(__VA_ARGS__))
#define pango_layout_set_text(...) (pdf_lib()->pango_layout_set_text(__VA_ARGS__))
#define pango_layout_set_width(...) (pdf_lib()->pango_layout_set_width(__VA_ARGS__))
#define pango_layout_set_wrap(...) (pdf_lib()->pango_layout_set_wrap(__VA_ARGS__))

#endif
