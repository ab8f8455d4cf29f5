/*
 * outfile.h - a buffered output file for large exports: bytes gathered in
 * a 1 MiB buffer, converted from UTF-8 to GB18030 on the way out when
 * asked (iconv), written with write(2), and pushed to the disk as they go
 * (a syncer thread fdatasyncs every 16 MiB while the writer goes on, with
 * sync_file_range as the fallback), so that the final fsync waits for the
 * last few MiB only.  A UTF-8 regular file on a file system that takes
 * O_DIRECT skips the page cache: whole 4 KiB blocks go from a second
 * buffer straight to the disk on a writer thread (which also fdatasyncs
 * every 16 MiB) while the caller fills the first; the last partial block
 * is written through the page cache at close.  The kernel's copy of every
 * byte into the page cache, and the reclaim of those pages on a machine
 * short of free memory, cost more CPU than the rest of an export's
 * writing (perf: a fifth of a 1,000,000-member export).  Also the small helpers every safe file write needs:
 * an owner-only temporary file beside the target, fsync of a finished
 * file by name and of a directory, and Chinese text for the errors.
 *
 * Errors are sticky: the first one is kept in f->err and every later call
 * fails, so a writer may check once, at outfile_close().
 */
#ifndef CAIJI_OUTFILE_H
#define CAIJI_OUTFILE_H

#include <iconv.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>
#include <sys/types.h>

#define OUTFILE_BUF (1u << 20)  /* bytes gathered before a write */
#define OUTFILE_BLK 4096u       /* O_DIRECT: alignment of buffers, offsets, lengths */

enum outfile_encoding { OUTFILE_UTF8 = 0, OUTFILE_GB18030 = 1 };

/* f->err when a character has no GB18030 form (not an errno value). */
#define OUTFILE_EILSEQ (-1)

struct outfile {
	char *buf;                /* bytes not yet written (UTF-8) */
	size_t n;                 /* ... how many */
	int fd;
	int err;                  /* first failure: an errno, or OUTFILE_EILSEQ */
	/* private */
	iconv_t cd;               /* (iconv_t)-1: no conversion */
	char *conv;
	off_t written, kicked;    /* bytes written; bytes handed to write-back */
	int sy_on, sy_want, sy_stop, sy_err;
	pthread_t sy_th;
	pthread_mutex_t sy_mu;
	pthread_cond_t sy_cv;
	/* O_DIRECT: the syncer thread writes spare[0..dw_n) (whole blocks) */
	int direct;
	char *spare;
	size_t dw_n;
	/* outfile_hash */
	struct digest_ctx *dg;
	int hashed;               /* sha256 holds the file's digest */
	unsigned char sha256[32];
};

/* Create an owner-only (0600) temporary file in dir, named
 * dir/.caiji-XXXXXX (created with O_EXCL, so never through a symlink).
 * Its path goes to out (n bytes).  Returns the fd, or -1 (errno set). */
int outfile_tmp(const char *dir, char *out, size_t n);

/* A closed outfile: outfile_abort() and outfile_close() are harmless on
 * it (for a struct that may fail before outfile_open). */
void outfile_init(struct outfile *f);

/* Start writing to fd (the outfile owns it from now on, also on
 * failure), converting to GB18030 when encoding says so.  Returns 0, or
 * -1 (out of memory, or no GB18030 converter: f->err is set, and
 * outfile_abort() must still be called). */
int outfile_open(struct outfile *f, int fd, enum outfile_encoding encoding);

/* Write the gathered bytes out (with O_DIRECT: hand their whole blocks
 * to the writer thread, keeping the rest; a failure of that write shows
 * at the next flush or at close).  Returns 0 or -1 (see f->err). */
int outfile_flush(struct outfile *f) __attribute__((cold));

/* Room for need more bytes at f->buf + f->n (flushing first when the
 * buffer lacks it): returns that address, or NULL on a failure or when
 * need exceeds OUTFILE_BUF.  Bytes put there count once outfile_advance()
 * says how many.  (With O_DIRECT a flush keeps up to OUTFILE_BLK - 1
 * bytes; the buffers have that much room beyond OUTFILE_BUF.) */
static inline char *
outfile_reserve(struct outfile *f, size_t need)
{
	if (__builtin_expect(f->n + need > OUTFILE_BUF, 0)) {
		if (need > OUTFILE_BUF || outfile_flush(f) != 0)
			return NULL;
	}
	return f->buf + f->n;
}

static inline void
outfile_advance(struct outfile *f, size_t k)
{
	f->n += k;
}

/* Append p[0..len) (any length).  Returns 0 or -1. */
static inline int
outfile_put(struct outfile *f, const char *p, size_t len)
{
	while (len > 0) {
		size_t k = len < OUTFILE_BUF / 2 ? len : OUTFILE_BUF / 2;
		char *d = outfile_reserve(f, k);

		if (d == NULL)
			return -1;
		memcpy(d, p, k);
		f->n += k;
		p += k;
		len -= k;
	}
	return 0;
}

/* Hash every byte written from now on (call before the first put): after
 * a successful outfile_close(), f->hashed is 1 and f->sha256 holds the
 * SHA-256 of the file (as written, after any conversion), so that nobody
 * need read it back.  Returns 0, or -1 when libcrypto fails (then no
 * hash). */
int outfile_hash(struct outfile *f);

/* Flush, wait for the syncer, fsync and close the file, free the
 * buffers.  Returns 0 when every byte is on the disk, else -1 with the
 * first failure in f->err.  The file is closed either way. */
int outfile_close(struct outfile *f);

/* Stop without writing what is gathered: close the file and free the
 * buffers (for a file that will be removed).  Harmless after
 * outfile_init() and on an outfile already closed or aborted. */
void outfile_abort(struct outfile *f);

/* fsync the file at path (one written by someone else, e.g. a library,
 * before it is renamed into place).  Returns 0, or -1 with errno. */
int outfile_sync_path(const char *path);

/* fsync directory dir (after a rename into it, or out of it).  Returns 0,
 * or -1 with errno. */
int outfile_sync_dir(const char *dir);

/* Chinese text for an errno value a clerk can meet (磁盘空间不足, 没有权限,
 * ...) or for OUTFILE_EILSEQ; strerror() for the others. */
const char *outfile_strerror(int err);

#endif
