/*
 * digest.h - SHA-256 of files and buffers (OpenSSL's libcrypto), for the
 * audit trail's chain, its record of imported and exported files, and
 * for backups.  libcrypto is not linked: it is loaded (dlopen) the first
 * time a hash is asked for, so a command that hashes nothing (find, the
 * TUI's start, a read) does not pay for binding its thousands of symbols
 * and setting up its algorithm tables.  Thread-safe: the library is
 * loaded once; each context belongs to one thread at a time.
 */
#ifndef CAIJI_DIGEST_H
#define CAIJI_DIGEST_H

#include <stddef.h>
#include <stdio.h>

#define DIGEST_LEN 32
#define DIGEST_HEX (DIGEST_LEN * 2 + 1)

/* 0 when libcrypto's SHA-256 can be used, -1 when the library cannot be
 * loaded (every function below then fails). */
int digest_available(void);

/* SHA-256 of len bytes at p into out.  Returns 0, -1 when libcrypto fails. */
int digest_mem(const void *p, size_t len, unsigned char out[DIGEST_LEN]);

/* SHA-256 of the rest of fp (read to its end) into out.  Returns 0, or -1
 * with errno set when reading fails. */
int digest_stream(FILE *fp, unsigned char out[DIGEST_LEN]);

/* SHA-256 of the file at path (opened without following a symlink). */
int digest_file(const char *path, unsigned char out[DIGEST_LEN]);

/* A SHA-256 fed piece by piece: digest_begin() (NULL when libcrypto
 * fails), digest_add() for each piece (0 or -1), digest_end() for the
 * result (0 or -1; frees the context either way, as does
 * digest_end(c, NULL)). */
struct digest_ctx;
struct digest_ctx *digest_begin(void);
int digest_add(struct digest_ctx *c, const void *p, size_t len);
int digest_end(struct digest_ctx *c, unsigned char out[DIGEST_LEN]);

/* For many short hashes with one context (the audit chain): the result
 * of c into out without freeing it (0 or -1), and c made a fresh
 * SHA-256 again (0 or -1).  c must come from digest_begin. */
int digest_result(struct digest_ctx *c, unsigned char out[DIGEST_LEN]);
int digest_restart(struct digest_ctx *c);

/* Lower-case hex of a digest into hex (DIGEST_HEX bytes). */
void digest_hex(const unsigned char d[DIGEST_LEN], char hex[DIGEST_HEX]);

#endif
