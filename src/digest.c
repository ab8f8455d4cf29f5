/* digest.c - SHA-256 through libcrypto's EVP interface (see digest.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "digest.h"

int
digest_mem(const void *p, size_t len, unsigned char out[DIGEST_LEN])
{
	unsigned int n = 0;

	if (EVP_Digest(p, len, out, &n, EVP_sha256(), NULL) != 1 ||
	    n != DIGEST_LEN)
		return -1;
	return 0;
}

struct digest_ctx *
digest_begin(void)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(ctx);
		ctx = NULL;
	}
	return (struct digest_ctx *)ctx;
}

int
digest_add(struct digest_ctx *c, const void *p, size_t len)
{
	return EVP_DigestUpdate((EVP_MD_CTX *)c, p, len) == 1 ? 0 : -1;
}

int
digest_end(struct digest_ctx *c, unsigned char out[DIGEST_LEN])
{
	unsigned int n = 0;
	int rc = 0;

	if (out != NULL && (EVP_DigestFinal_ex((EVP_MD_CTX *)c, out, &n) != 1 ||
	    n != DIGEST_LEN))
		rc = -1;
	EVP_MD_CTX_free((EVP_MD_CTX *)c);
	return rc;
}

/* Feed what read_fn gives into a SHA-256; read_fn returns bytes, 0 at
 * the end, -1 on error. */
static int
digest_reader(ssize_t (*read_fn)(void *, unsigned char *, size_t), void *src,
    unsigned char out[DIGEST_LEN])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char buf[1 << 16];
	unsigned int n = 0;
	ssize_t got;
	int rc = -1;

	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		goto out;
	while ((got = read_fn(src, buf, sizeof buf)) > 0)
		if (EVP_DigestUpdate(ctx, buf, (size_t)got) != 1)
			goto out;
	if (got < 0 || EVP_DigestFinal_ex(ctx, out, &n) != 1 || n != DIGEST_LEN)
		goto out;
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	return rc;
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
