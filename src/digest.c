/* digest.c - SHA-256 through libcrypto's EVP interface (see digest.h),
 * loaded with dlopen the first time a hash is asked for. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <openssl/evp.h>

#include "digest.h"
#include "dlbind.h"

#ifndef CRYPTO_SONAME
#define CRYPTO_SONAME ""    /* the Makefile names the library it built against */
#endif

/* The functions caiji uses, in the order of names[] in load(). */
struct crypto_lib {
	EVP_MD *(*md_fetch)(OSSL_LIB_CTX *, const char *, const char *);
	EVP_MD_CTX *(*ctx_new)(void);
	void (*ctx_free)(EVP_MD_CTX *);
	int (*init)(EVP_MD_CTX *, const EVP_MD *, ENGINE *);
	int (*update)(EVP_MD_CTX *, const void *, size_t);
	int (*final)(EVP_MD_CTX *, unsigned char *, unsigned int *);
};

/* The process-wide table and the SHA-256 fetched once (OpenSSL 3 would
 * otherwise look the algorithm up at every init): filled by
 * pthread_once, never changed after, the library never closed. */
static struct crypto_lib lib;
static const EVP_MD *sha256;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
load(void)
{
	static const char *const names[] = {
		"EVP_MD_fetch", "EVP_MD_CTX_new", "EVP_MD_CTX_free",
		"EVP_DigestInit_ex", "EVP_DigestUpdate", "EVP_DigestFinal_ex",
	};
	static const char *const sonames[] = { CRYPTO_SONAME, "libcrypto.so.3", NULL };
	void *h = dl_open_first(sonames);

	_Static_assert(sizeof lib == sizeof names / sizeof names[0] * sizeof(void *),
	    "one name per function of struct crypto_lib, in order");
	if (h != NULL &&
	    dl_bind(h, names, (void **)&lib, sizeof names / sizeof names[0]) == NULL)
		sha256 = lib.md_fetch(NULL, "SHA256", NULL);
}

/* The loaded library, or NULL (with errno) when it cannot be used. */
static const struct crypto_lib *
crypto(void)
{
	pthread_once(&once, load);
	if (sha256 == NULL) {
		errno = ENOSYS;
		return NULL;
	}
	return &lib;
}

int
digest_available(void)
{
	return crypto() != NULL ? 0 : -1;
}

struct digest_ctx *
digest_begin(void)
{
	const struct crypto_lib *c = crypto();
	EVP_MD_CTX *ctx;

	if (c == NULL || (ctx = c->ctx_new()) == NULL)
		return NULL;
	if (c->init(ctx, sha256, NULL) != 1) {
		c->ctx_free(ctx);
		return NULL;
	}
	return (struct digest_ctx *)ctx;
}

int
digest_restart(struct digest_ctx *c)
{
	return lib.init((EVP_MD_CTX *)c, sha256, NULL) == 1 ? 0 : -1;
}

int
digest_add(struct digest_ctx *c, const void *p, size_t len)
{
	return lib.update((EVP_MD_CTX *)c, p, len) == 1 ? 0 : -1;
}

int
digest_result(struct digest_ctx *c, unsigned char out[DIGEST_LEN])
{
	unsigned int n = 0;

	return lib.final((EVP_MD_CTX *)c, out, &n) == 1 && n == DIGEST_LEN ? 0 : -1;
}

int
digest_end(struct digest_ctx *c, unsigned char out[DIGEST_LEN])
{
	int rc = 0;

	if (c == NULL)
		return -1;
	if (out != NULL)
		rc = digest_result(c, out);
	lib.ctx_free((EVP_MD_CTX *)c);
	return rc;
}

int
digest_mem(const void *p, size_t len, unsigned char out[DIGEST_LEN])
{
	struct digest_ctx *c = digest_begin();

	if (c == NULL)
		return -1;
	if (digest_add(c, p, len) != 0) {
		digest_end(c, NULL);
		return -1;
	}
	return digest_end(c, out);
}

/* Feed what read_fn gives into a SHA-256; read_fn returns bytes, 0 at
 * the end, -1 on error. */
static int
digest_reader(ssize_t (*read_fn)(void *, unsigned char *, size_t), void *src,
    unsigned char out[DIGEST_LEN])
{
	struct digest_ctx *c = digest_begin();
	unsigned char buf[1 << 16];
	ssize_t got;

	if (c == NULL)
		return -1;
	while ((got = read_fn(src, buf, sizeof buf)) > 0)
		if (digest_add(c, buf, (size_t)got) != 0)
			break;
	if (got != 0) {
		digest_end(c, NULL);
		return -1;
	}
	return digest_end(c, out);
}

static ssize_t
read_stream(void *src, unsigned char *buf, size_t n)
{
	size_t got = fread(buf, 1, n, src);

	return got == 0 && ferror(src) ? -1 : (ssize_t)got;
}

static ssize_t
read_fd(void *src, unsigned char *buf, size_t n)
{
	ssize_t got;

	do
		got = read(*(int *)src, buf, n);
	while (got < 0 && errno == EINTR);
	return got;
}

int
digest_stream(FILE *fp, unsigned char out[DIGEST_LEN])
{
	return digest_reader(read_stream, fp, out);
}

int
digest_file(const char *path, unsigned char out[DIGEST_LEN])
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), rc, saved;

	if (fd < 0)
		return -1;
	rc = digest_reader(read_fd, &fd, out);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

void
digest_hex(const unsigned char d[DIGEST_LEN], char hex[DIGEST_HEX])
{
	static const char x[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < DIGEST_LEN; i++) {
		hex[2 * i] = x[d[i] >> 4];
		hex[2 * i + 1] = x[d[i] & 15];
	}
	hex[2 * DIGEST_LEN] = '\0';
}
