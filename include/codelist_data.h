/* codelist_data.h - the code-list TSV files compiled in (build/gen/codelist_data.c). */
#ifndef CAIJI_CODELIST_DATA_H
#define CAIJI_CODELIST_DATA_H
#include <stddef.h>
struct cl_blob {
	const char *name;     /* file name without .tsv ("ethnicity") */
	const char *data;     /* the whole file, NUL-terminated */
	size_t len;
};
extern const struct cl_blob cl_blobs[];
extern const size_t cl_nblobs;
#endif
