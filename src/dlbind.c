/* dlbind.c - dlopen a library and bind its functions to a table (dlbind.h). */
#include <dlfcn.h>
#include <stddef.h>

#include "dlbind.h"

void *
dl_open_first(const char *const *sonames)
{
	void *h;

	for (; *sonames != NULL; sonames++)
		if ((*sonames)[0] != '\0' &&
		    (h = dlopen(*sonames, RTLD_NOW | RTLD_LOCAL)) != NULL)
			return h;
	return NULL;
}

const char *
dl_bind(void *handle, const char *const *names, void **slots, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		if ((slots[i] = dlsym(handle, names[i])) == NULL) {
			for (j = 0; j < n; j++)
				slots[j] = NULL;
			return names[i];
		}
	return NULL;
}
