/* store.c - placeholder until the foundation issue lands. */
#include <stdlib.h>
#include "store.h"

int store_open(struct store **out, const char *dir, unsigned flags, size_t m, char **cause)
{ (void)dir; (void)flags; (void)m; (void)cause; *out = NULL; return STORE_EIO; }
void store_close(struct store *s) { (void)s; }
void store_set_user(struct store *s, const char *u) { (void)s; (void)u; }
const char *store_strerror(int rc) { (void)rc; return "尚未实现"; }
