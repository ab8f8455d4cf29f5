/*
 * cause.c - the `char **cause` error-message convention (see cause.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "cause.h"

void
cause_set(char **cause, const char *fmt, ...)
{
	va_list ap;

	if (cause == NULL || *cause != NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(cause, fmt, ap) < 0)
		*cause = NULL;
	va_end(ap);
}
