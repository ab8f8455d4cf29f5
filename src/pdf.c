/* pdf.c - pango and cairo through dlopen on first use (pdf.h says why). */
#include <pthread.h>
#include <stddef.h>

#include "dlbind.h"
#include "pdf.h"

/* The process-wide table, filled once (pthread_once); the libraries stay
 * loaded, like those linked at start. */
static struct pdf_lib lib;
static const struct pdf_lib *loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
load(void)
{
	static const char *const names[] = {
		"cairo_arc",
		"cairo_create",
		"cairo_destroy",
		"cairo_fill",
		"cairo_font_options_create",
		"cairo_font_options_destroy",
		"cairo_font_options_set_hint_metrics",
		"cairo_font_options_set_hint_style",
		"cairo_line_to",
		"cairo_move_to",
		"cairo_new_sub_path",
		"cairo_pdf_surface_create_for_stream",
		"cairo_pdf_surface_set_metadata",
		"cairo_rectangle",
		"cairo_restore",
		"cairo_save",
		"cairo_set_dash",
		"cairo_set_line_width",
		"cairo_set_source_rgb",
		"cairo_show_page",
		"cairo_status",
		"cairo_status_to_string",
		"cairo_stroke",
		"cairo_surface_destroy",
		"cairo_surface_finish",
		"cairo_surface_status",
		"g_object_unref",
		"pango_cairo_context_set_font_options",
		"pango_cairo_context_set_resolution",
		"pango_cairo_font_map_new",
		"pango_cairo_show_layout",
		"pango_cairo_update_context",
		"pango_context_set_language",
		"pango_font_describe",
		"pango_font_description_free",
		"pango_font_description_from_string",
		"pango_font_description_get_family",
		"pango_font_description_set_size",
		"pango_font_description_set_weight",
		"pango_font_map_create_context",
		"pango_font_map_load_font",
		"pango_language_from_string",
		"pango_layout_get_size",
		"pango_layout_new",
		"pango_layout_set_alignment",
		"pango_layout_set_ellipsize",
		"pango_layout_set_font_description",
		"pango_layout_set_text",
		"pango_layout_set_width",
		"pango_layout_set_wrap",
	};
	/* libpangocairo's dependencies bring pango, cairo, gobject and glib:
	 * dlsym on its handle searches them too */
	static const char *const sonames[] = { "libpangocairo-1.0.so.0", NULL };
	void *h = dl_open_first(sonames);

	_Static_assert(sizeof lib == sizeof names / sizeof names[0] * sizeof(void *),
	    "one name per function of struct pdf_lib, in order");
	if (h != NULL &&
	    dl_bind(h, names, (void **)&lib, sizeof names / sizeof names[0]) == NULL)
		loaded = &lib;
}

const struct pdf_lib *
pdf_lib(void)
{
	pthread_once(&once, load);
	return loaded;
}
