/* test_digest.c - SHA-256 through the libcrypto loaded on first use:
 * the standard test vectors, a context reused for many hashes (the audit
 * chain's way), files, and a symlink refused. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "digest.h"

/* FIPS 180-2 vectors: "abc", the empty string, the 448-bit message. */
#define H_ABC   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define H_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define M_448   "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define H_448   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"

static void
hex_of(const unsigned char d[DIGEST_LEN], char *out)
{
	digest_hex(d, out);
}

Test(digest, vectors_in_one_go)
{
	unsigned char d[DIGEST_LEN];
	char hex[DIGEST_HEX];

	cr_assert_eq(digest_available(), 0);
	cr_assert_eq(digest_mem("abc", 3, d), 0);
	hex_of(d, hex);
	cr_assert_str_eq(hex, H_ABC);
	cr_assert_eq(digest_mem("", 0, d), 0);
	hex_of(d, hex);
	cr_assert_str_eq(hex, H_EMPTY);
}

Test(digest, one_context_many_hashes)
{
	struct digest_ctx *c = digest_begin();
	unsigned char d[DIGEST_LEN];
	char hex[DIGEST_HEX];
	int i;

	cr_assert_not_null(c);
	for (i = 0; i < 3; i++) {
		cr_assert_eq(digest_restart(c), 0);
		cr_assert_eq(digest_add(c, "ab", 2), 0);   /* in pieces */
		cr_assert_eq(digest_add(c, "c", 1), 0);
		cr_assert_eq(digest_result(c, d), 0);
		hex_of(d, hex);
		cr_assert_str_eq(hex, H_ABC, "round %d", i);
		cr_assert_eq(digest_restart(c), 0);
		cr_assert_eq(digest_add(c, M_448, strlen(M_448)), 0);
		cr_assert_eq(digest_result(c, d), 0);
		hex_of(d, hex);
		cr_assert_str_eq(hex, H_448, "round %d", i);
	}
	cr_assert_eq(digest_end(c, NULL), 0);
	cr_assert_eq(digest_end(NULL, d), -1);
}

Test(digest, file_and_stream_and_symlink)
{
	char dir[] = "/tmp/caiji-digest-XXXXXX", f[64], l[64];
	unsigned char d[DIGEST_LEN];
	char hex[DIGEST_HEX];
	FILE *fp;
	int fd;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(f, sizeof f, "%s/f", dir);
	snprintf(l, sizeof l, "%s/l", dir);
	fd = open(f, O_WRONLY | O_CREAT | O_EXCL, 0600);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, M_448, strlen(M_448)), (ssize_t)strlen(M_448));
	close(fd);
	cr_assert_eq(digest_file(f, d), 0);
	hex_of(d, hex);
	cr_assert_str_eq(hex, H_448);
	fp = fopen(f, "rb");
	cr_assert_not_null(fp);
	cr_assert_eq(digest_stream(fp, d), 0);
	fclose(fp);
	hex_of(d, hex);
	cr_assert_str_eq(hex, H_448);
	cr_assert_eq(symlink(f, l), 0);
	cr_assert_eq(digest_file(l, d), -1, "a symlink is not followed");
	unlink(l);
	unlink(f);
	rmdir(dir);
}
