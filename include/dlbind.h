/*
 * dlbind.h - bind a library loaded with dlopen to a table of function
 * pointers: the one loop src/xlsx.c, src/pdf.c and src/digest.c share
 * (xlsx.h, pdf.h and digest.c say why libxlsxwriter, pango/cairo and
 * libcrypto are loaded on first use, not linked).
 *
 * The table is a struct whose members are all function pointers, in the
 * order of a parallel array of symbol names; it is filled through a
 * `void **` view of the struct, as dlsym(3) returns `void *`.
 */
#ifndef CAIJI_DLBIND_H
#define CAIJI_DLBIND_H

#include <stddef.h>

/* Open the first library of the NULL-terminated list sonames that loads
 * (dlopen RTLD_NOW | RTLD_LOCAL; an empty name is skipped, so a build-time
 * soname may be "").  Returns the handle, never closed by the callers, or
 * NULL when none loads. */
void *dl_open_first(const char *const *sonames);

/* Look up each of the n symbols names[i] in handle (a dlopen handle, or
 * RTLD_DEFAULT) and store it in slots[i].  Returns NULL when every name is
 * found; otherwise the first name that is missing, with every slot set to
 * NULL, so that a half-bound table is never used. */
const char *dl_bind(void *handle, const char *const *names, void **slots, size_t n);

#endif
