/* test_outfile.c - the buffered output file: bytes through unchanged
 * (past the buffer and the syncer's 16 MiB), GB18030 conversion and its
 * failure, a full disk reported at close, the reserve/advance appenders,
 * the same bytes with O_DIRECT and without,
 * owner-only temporary files, fsync of a path and of a directory. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

static char dir[64];

static void
setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/caiji-test-outfile.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(outfile, .init = setup, .fini = teardown);

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *b;
	long n;

	cr_assert_not_null(fp, "%s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	b = malloc((size_t)n + 1);
	cr_assert_eq(fread(b, 1, (size_t)n, fp), (size_t)n);
	b[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return b;
}

/* 40 MiB in rows of varying length: past the 1 MiB buffer many times and
 * past the syncer's 16 MiB twice; the file holds exactly what was put. */
Test(outfile, large_file_byte_for_byte)
{
	struct outfile f;
	char path[256], row[64], *got;
	size_t total = 0, len, i, off = 0;
	int fd;

	fd = outfile_tmp(dir, path, sizeof path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(outfile_open(&f, fd, OUTFILE_UTF8), 0);
	for (i = 0; total < (40u << 20); i++) {
		int n = snprintf(row, sizeof row, "%zu,党员%zu\r\n", i, i * 7919 % 1000);

		cr_assert_eq(outfile_put(&f, row, (size_t)n), 0);
		total += (size_t)n;
	}
	cr_assert_eq(outfile_close(&f), 0, "err %d", f.err);
	cr_assert_eq(f.fd, -1);
	got = slurp(path, &len);
	cr_assert_eq(len, total);
	for (i = 0; off < len; i++) {
		int n = snprintf(row, sizeof row, "%zu,党员%zu\r\n", i, i * 7919 % 1000);

		cr_assert_eq(memcmp(got + off, row, (size_t)n), 0, "row %zu", i);
		off += (size_t)n;
	}
	free(got);
	outfile_abort(&f);      /* harmless after close */
}

/* The same bytes whether the file takes O_DIRECT (whole blocks from the
 * writer thread, the last partial block at close) or goes through the page
 * cache (CAIJI_OUTFILE_BUFFERED); sizes around the block. */
Test(outfile, direct_and_buffered_alike)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 4097, (3u << 20) + 5 };
	struct outfile f;
	char path[256], *got, *want;
	size_t len, i, k, at;
	int fd, pass;

	want = malloc(sizes[5]);
	cr_assert_not_null(want);
	for (i = 0; i < sizes[5]; i++)
		want[i] = (char)('a' + i * 31 % 26);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			setenv("CAIJI_OUTFILE_BUFFERED", "1", 1);
		for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			fd = outfile_tmp(dir, path, sizeof path);
			cr_assert_geq(fd, 0);
			cr_assert_eq(outfile_open(&f, fd, OUTFILE_UTF8), 0);
			if (pass == 1)
				cr_assert_eq(f.direct, 0);
			for (at = 0; at < sizes[k]; at += len) {
				len = sizes[k] - at < 1000 ? sizes[k] - at : 1000;
				cr_assert_eq(outfile_put(&f, want + at, len), 0);
			}
			cr_assert_eq(outfile_close(&f), 0, "err %d", f.err);
			got = slurp(path, &len);
			cr_assert_eq(len, sizes[k], "pass %d size %zu", pass, sizes[k]);
			cr_assert_eq(memcmp(got, want, len), 0);
			free(got);
			unlink(path);
		}
	}
	unsetenv("CAIJI_OUTFILE_BUFFERED");
	free(want);
}

Test(outfile, reserve_and_advance)
{
	struct outfile f;
	char path[256], *p, *got;
	size_t len;
	int fd;

	fd = outfile_tmp(dir, path, sizeof path);
	cr_assert_eq(outfile_open(&f, fd, OUTFILE_UTF8), 0);
	cr_assert_null(outfile_reserve(&f, OUTFILE_BUF + 1));
	cr_assert_eq(f.err, 0, "a refused reserve is not a failure");
	p = outfile_reserve(&f, 16);
	cr_assert_not_null(p);
	memcpy(p, "abcdef", 6);
	outfile_advance(&f, 3);           /* only "abc" counts */
	/* a reserve that does not fit flushes what is gathered first (with
	 * O_DIRECT all but the partial block: here all four bytes) */
	cr_assert_eq(outfile_put(&f, "x", 1), 0);
	p = outfile_reserve(&f, OUTFILE_BUF);
	cr_assert_not_null(p);
	cr_assert_eq(f.n, f.direct ? 4u : 0u);
	memset(p, 'y', OUTFILE_BUF);
	outfile_advance(&f, OUTFILE_BUF);
	cr_assert_eq(outfile_close(&f), 0);
	got = slurp(path, &len);
	cr_assert_eq(len, 4u + OUTFILE_BUF);
	cr_assert_eq(memcmp(got, "abcxy", 5), 0);
	cr_assert_eq(got[len - 1], 'y');
	free(got);
}

Test(outfile, gb18030)
{
	struct outfile f;
	char path[256], *got;
	size_t len;
	int fd;

	fd = outfile_tmp(dir, path, sizeof path);
	cr_assert_eq(outfile_open(&f, fd, OUTFILE_GB18030), 0);
	cr_assert_eq(outfile_put(&f, "党员,A·\r\n", strlen("党员,A·\r\n")), 0);
	cr_assert_eq(outfile_close(&f), 0);
	got = slurp(path, &len);
	cr_assert_eq(len, 10u);
	cr_assert_eq(memcmp(got, "\xB5\xB3\xD4\xB1,A\xA1\xA4\r\n", 10), 0);
	free(got);

	/* bytes that are not UTF-8 cannot be converted: reported at close,
	 * the hash begun for the audit freed unfinished (LSan would say) */
	fd = outfile_tmp(dir, path, sizeof path);
	cr_assert_eq(outfile_open(&f, fd, OUTFILE_GB18030), 0);
	cr_assert_eq(outfile_hash(&f), 0);
	cr_assert_eq(outfile_put(&f, "ok\xFF", 3), 0);
	cr_assert_eq(outfile_close(&f), -1);
	cr_assert_eq(f.err, OUTFILE_EILSEQ);
	cr_assert_not(f.hashed);
	cr_assert_str_eq(outfile_strerror(f.err),
	    "有字符无法转换为GB18030编码,请改用 UTF-8 导出");
}

/* A full disk: the failure is kept and reported once, at close. */
Test(outfile, full_disk_reported_at_close)
{
	struct outfile f;
	int fd = open("/dev/full", O_WRONLY);

	cr_assert_geq(fd, 0);
	cr_assert_eq(outfile_open(&f, fd, OUTFILE_UTF8), 0);
	cr_assert_eq(outfile_put(&f, "abc", 3), 0);    /* only gathered */
	cr_assert_eq(outfile_close(&f), -1);
	cr_assert_eq(f.err, ENOSPC);
	cr_assert_str_eq(outfile_strerror(f.err), "磁盘空间不足");

	/* the first failure sticks: later appends fail at once */
	fd = open("/dev/full", O_WRONLY);
	cr_assert_eq(outfile_open(&f, fd, OUTFILE_UTF8), 0);
	cr_assert_eq(outfile_flush(&f), 0);             /* nothing to write */
	cr_assert_eq(outfile_put(&f, "abc", 3), 0);
	cr_assert_eq(outfile_flush(&f), -1);
	cr_assert_eq(outfile_put(&f, "d", 1), 0);       /* room: gathered */
	cr_assert_null(outfile_reserve(&f, OUTFILE_BUF));
	cr_assert_eq(outfile_close(&f), -1);
	cr_assert_eq(f.err, ENOSPC);
}

Test(outfile, tmp_files_and_sync)
{
	char path[256], link[300];
	struct outfile f;
	struct stat st;
	int fd;

	fd = outfile_tmp(dir, path, sizeof path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(fstat(fd, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	cr_assert_not_null(strstr(path, "/.caiji-"));
	close(fd);
	cr_assert_eq(outfile_sync_path(path), 0);
	/* never through a symlink */
	snprintf(link, sizeof link, "%s/link", dir);
	cr_assert_eq(symlink(path, link), 0);
	cr_assert_eq(outfile_sync_path(link), -1);
	cr_assert_eq(errno, ELOOP);
	cr_assert_eq(outfile_sync_dir(dir), 0);
	snprintf(link, sizeof link, "%s/nosuch", dir);
	cr_assert_eq(outfile_sync_dir(link), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(outfile_tmp(link, path, sizeof path), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(outfile_tmp(dir, path, 10), -1);
	cr_assert_eq(errno, ENAMETOOLONG);
	/* a struct that was never opened can be aborted and closed */
	outfile_init(&f);
	outfile_abort(&f);
	cr_assert_eq(outfile_close(&f), 0);
}
