/*
 * outfile.c - buffered, converting, background-synced output files and
 * the helpers of a safe file write (see outfile.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "outfile.h"

_Static_assert(sizeof ((struct outfile *)0)->sha256 == DIGEST_LEN,
    "outfile's sha256 is a digest");

#define OUTFILE_KICK (8u << 20)   /* start write-back every 8 MiB written */
#define OUTFILE_SYNC (16u << 20)  /* background fdatasync every 16 MiB written */

/* The syncer: fdatasyncs what is written so far while the writer goes
 * on, so that the final fsync (which waits for the device to take every
 * byte: 0.19 s of 312 MiB on the bench machine) has only the last few MiB
 * left; started at the first OUTFILE_SYNC bytes. */
static void *
syncer(void *arg)
{
	struct outfile *f = arg;

	pthread_mutex_lock(&f->sy_mu);
	for (;;) {
		while (!f->sy_want && !f->sy_stop)
			pthread_cond_wait(&f->sy_cv, &f->sy_mu);
		if (f->sy_stop)
			break;
		f->sy_want = 0;
		pthread_mutex_unlock(&f->sy_mu);
		if (fdatasync(f->fd) != 0) {
			pthread_mutex_lock(&f->sy_mu);
			if (f->sy_err == 0)   /* the final fsync may not see it again */
				f->sy_err = errno;
			continue;
		}
		pthread_mutex_lock(&f->sy_mu);
	}
	pthread_mutex_unlock(&f->sy_mu);
	return NULL;
}

/* write(2) all of p[0..n); 0 or an errno.  With O_DIRECT refused at the
 * first write (a file system that takes the flag but not the I/O), the
 * file goes on through the page cache. */
static int
write_fd(struct outfile *f, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(f->fd, p, n);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EINVAL && f->written == 0 &&
			    fcntl(f->fd, F_SETFL, fcntl(f->fd, F_GETFL) & ~O_DIRECT) == 0)
				continue;
			return errno;
		}
		if (f->dg != NULL && digest_add(f->dg, p, (size_t)k) != 0) {
			digest_end(f->dg, NULL);
			f->dg = NULL;
		}
		p += k;
		n -= (size_t)k;
		f->written += k;
	}
	return 0;
}

/* The writer thread of an O_DIRECT file: writes spare[0..dw_n) when
 * asked, fdatasyncs every OUTFILE_SYNC bytes, keeps the first failure in
 * sy_err; dw_n back to 0 says done. */
static void *
dwriter(void *arg)
{
	struct outfile *f = arg;
	size_t n;
	int e;

	pthread_mutex_lock(&f->sy_mu);
	for (;;) {
		while (f->dw_n == 0 && !f->sy_stop)
			pthread_cond_wait(&f->sy_cv, &f->sy_mu);
		if (f->dw_n == 0)
			break;
		n = f->dw_n;
		e = f->sy_err;
		pthread_mutex_unlock(&f->sy_mu);
		if (e == 0 && (e = write_fd(f, f->spare, n)) == 0 &&
		    f->written - f->kicked >= (off_t)OUTFILE_SYNC) {
			if (fdatasync(f->fd) != 0)
				e = errno;
			f->kicked = f->written;
		}
		pthread_mutex_lock(&f->sy_mu);
		if (e != 0 && f->sy_err == 0)
			f->sy_err = e;
		f->dw_n = 0;
		pthread_cond_broadcast(&f->sy_cv);
	}
	pthread_mutex_unlock(&f->sy_mu);
	return NULL;
}

/* Use O_DIRECT for f when fd is a regular file whose file system takes
 * it, with the writer thread; else leave f buffered. */
static void
direct_start(struct outfile *f)
{
	struct stat st;
	int fl;
	void *b;

	if (getenv("CAIJI_OUTFILE_BUFFERED") != NULL)
		return;                   /* for comparisons */
	if (fstat(f->fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != 0 ||
	    (fl = fcntl(f->fd, F_GETFL)) < 0)
		return;
	/* a flush keeps the partial block: room for it beyond OUTFILE_BUF */
	if (posix_memalign(&b, OUTFILE_BLK, OUTFILE_BUF + OUTFILE_BLK) != 0)
		return;
	f->spare = b;
	if (posix_memalign(&b, OUTFILE_BLK, OUTFILE_BUF + OUTFILE_BLK) != 0)
		goto undo;
	if (fcntl(f->fd, F_SETFL, fl | O_DIRECT) != 0) {
		free(b);
		goto undo;
	}
	if (pthread_mutex_init(&f->sy_mu, NULL) != 0)
		goto undo_fl;
	if (pthread_cond_init(&f->sy_cv, NULL) != 0) {
		pthread_mutex_destroy(&f->sy_mu);
		goto undo_fl;
	}
	if (pthread_create(&f->sy_th, NULL, dwriter, f) != 0) {
		pthread_cond_destroy(&f->sy_cv);
		pthread_mutex_destroy(&f->sy_mu);
		goto undo_fl;
	}
	free(f->buf);
	f->buf = b;
	f->direct = 1;
	f->sy_on = 1;
	return;
undo_fl:
	free(b);
	(void)fcntl(f->fd, F_SETFL, fl);
undo:
	free(f->spare);
	f->spare = NULL;
}

/* Wait until the writer thread is idle; its failure (an errno) or 0. */
static int
direct_wait(struct outfile *f)
{
	int e;

	pthread_mutex_lock(&f->sy_mu);
	while (f->dw_n != 0)
		pthread_cond_wait(&f->sy_cv, &f->sy_mu);
	e = f->sy_err;
	pthread_mutex_unlock(&f->sy_mu);
	return e;
}

/* O_DIRECT flush: the whole blocks of buf to the writer thread (the
 * buffers swap), the rest stays at the start of buf. */
static int
direct_flush(struct outfile *f)
{
	size_t whole = f->n & ~(size_t)(OUTFILE_BLK - 1);
	char *t;
	int e;

	if ((e = direct_wait(f)) != 0) {
		f->err = e;
		return -1;
	}
	if (whole == 0)
		return 0;
	t = f->spare;
	f->spare = f->buf;
	f->buf = t;
	f->n -= whole;
	memcpy(f->buf, f->spare + whole, f->n);
	pthread_mutex_lock(&f->sy_mu);
	f->dw_n = whole;
	pthread_cond_signal(&f->sy_cv);
	pthread_mutex_unlock(&f->sy_mu);
	return 0;
}

/* Ask the syncer for an fdatasync (started on first use); 0, or -1 when
 * there is no syncer (then write-back is started by sync_file_range). */
static int
sync_ask(struct outfile *f)
{
	if (f->sy_on == 0) {
		f->sy_on = -1;
		if (pthread_mutex_init(&f->sy_mu, NULL) != 0)
			return -1;
		if (pthread_cond_init(&f->sy_cv, NULL) != 0) {
			pthread_mutex_destroy(&f->sy_mu);
			return -1;
		}
		if (pthread_create(&f->sy_th, NULL, syncer, f) != 0) {
			pthread_cond_destroy(&f->sy_cv);
			pthread_mutex_destroy(&f->sy_mu);
			return -1;
		}
		f->sy_on = 1;
	}
	if (f->sy_on < 0)
		return -1;
	pthread_mutex_lock(&f->sy_mu);
	f->sy_want = 1;
	pthread_cond_signal(&f->sy_cv);
	pthread_mutex_unlock(&f->sy_mu);
	return 0;
}

/* Stop the syncer; returns the errno of a failed fdatasync, or 0. */
static int
sync_stop(struct outfile *f)
{
	int e;

	if (f->sy_on <= 0)
		return 0;
	pthread_mutex_lock(&f->sy_mu);
	f->sy_stop = 1;
	pthread_cond_signal(&f->sy_cv);
	pthread_mutex_unlock(&f->sy_mu);
	pthread_join(f->sy_th, NULL);
	pthread_cond_destroy(&f->sy_cv);
	pthread_mutex_destroy(&f->sy_mu);
	f->sy_on = 0;
	e = f->sy_err;
	f->sy_err = 0;
	return e;
}

static int
write_all(struct outfile *f, const char *p, size_t n)
{
	int e;

	if ((e = write_fd(f, p, n)) != 0) {
		f->err = e;
		return -1;
	}
	/* start writing back what is written so far, so that the final
	 * fsync waits for the last few MiB only (errors: fsync reports) */
	if (f->written - f->kicked >=
	    (off_t)(f->sy_on < 0 ? OUTFILE_KICK : OUTFILE_SYNC)) {
		if (sync_ask(f) != 0)
			sync_file_range(f->fd, f->kicked, f->written - f->kicked,
			    SYNC_FILE_RANGE_WRITE);
		f->kicked = f->written;
	}
	return 0;
}

int
outfile_tmp(const char *dir, char *out, size_t n)
{
	int fd;

	if ((size_t)snprintf(out, n, "%s/.caiji-XXXXXX", dir) >= n) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = mkstemp(out);
	if (fd >= 0 && fchmod(fd, 0600) != 0) {
		int e = errno;

		close(fd);
		unlink(out);
		errno = e;
		return -1;
	}
	return fd;
}

void
outfile_init(struct outfile *f)
{
	memset(f, 0, sizeof *f);
	f->fd = -1;
	f->cd = (iconv_t)-1;
}

int
outfile_open(struct outfile *f, int fd, enum outfile_encoding encoding)
{
	outfile_init(f);
	f->fd = fd;
	f->buf = malloc(OUTFILE_BUF);
	if (f->buf == NULL) {
		f->err = ENOMEM;
		return -1;
	}
	if (encoding == OUTFILE_GB18030) {
		f->cd = iconv_open("GB18030", "UTF-8");
		if (f->cd == (iconv_t)-1) {
			f->err = errno;
			return -1;
		}
		if ((f->conv = malloc(OUTFILE_BUF)) == NULL) {
			f->err = ENOMEM;
			return -1;
		}
	} else
		direct_start(f);
	return 0;
}

int
outfile_flush(struct outfile *f)
{
	char *in = f->buf, *out;
	size_t inleft = f->n, outleft;

	if (f->err != 0 || f->buf == NULL)
		return -1;
	if (f->direct)
		return direct_flush(f);
	if (f->cd == (iconv_t)-1) {
		if (write_all(f, f->buf, f->n) != 0)
			return -1;
		f->n = 0;
		return 0;
	}
	while (inleft > 0) {
		size_t r;

		out = f->conv;
		outleft = OUTFILE_BUF;
		r = iconv(f->cd, &in, &inleft, &out, &outleft);
		if (write_all(f, f->conv, OUTFILE_BUF - outleft) != 0)
			return -1;
		if (r == (size_t)-1 && errno != E2BIG) {
			f->err = OUTFILE_EILSEQ;  /* EILSEQ / EINVAL: not convertible */
			return -1;
		}
	}
	f->n = 0;
	return 0;
}

int
outfile_hash(struct outfile *f)
{
	f->hashed = 0;
	if (f->dg == NULL && (f->dg = digest_begin()) == NULL)
		return -1;
	return 0;
}

/* Free the buffers and the converter (and a hash not finished). */
static void
release(struct outfile *f)
{
	if (f->dg != NULL)
		digest_end(f->dg, NULL);
	f->dg = NULL;
	if (f->cd != (iconv_t)-1)
		iconv_close(f->cd);
	f->cd = (iconv_t)-1;
	free(f->buf);
	free(f->conv);
	free(f->spare);
	f->buf = f->conv = f->spare = NULL;
	f->n = 0;
	f->direct = 0;
}

int
outfile_close(struct outfile *f)
{
	int rc = 0, e;

	if (f->fd < 0) {
		release(f);
		return f->err != 0 ? -1 : 0;
	}
	if (outfile_flush(f) != 0)
		rc = -1;
	e = sync_stop(f);               /* before close, always */
	if (f->direct && rc == 0 && e == 0) {
		/* the last partial block through the page cache */
		if (fcntl(f->fd, F_SETFL, fcntl(f->fd, F_GETFL) & ~O_DIRECT) != 0)
			e = errno;
		else
			e = write_fd(f, f->buf, f->n);
		f->n = 0;
	}
	if (rc == 0) {
		if (e == 0 && fsync(f->fd) != 0)
			e = errno;
		if (e != 0) {
			f->err = e;
			rc = -1;
		}
	}
	if (close(f->fd) != 0 && rc == 0) {
		f->err = errno;
		rc = -1;
	}
	f->fd = -1;
	if (rc == 0 && f->dg != NULL) {
		if (digest_end(f->dg, f->sha256) == 0)
			f->hashed = 1;
		f->dg = NULL;
	}
	release(f);             /* a hash not finished (a failed close) too */
	return rc;
}

void
outfile_abort(struct outfile *f)
{
	(void)sync_stop(f);
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	release(f);
}

int
outfile_sync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), e;

	if (fd < 0)
		return -1;
	if (fsync(fd) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

int
outfile_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), e;

	if (fd < 0)
		return -1;
	/* some file systems cannot sync a directory: nothing to wait for */
	if (fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	return 0;
}

const char *
outfile_strerror(int e)
{
	switch (e) {
	case OUTFILE_EILSEQ: return "有字符无法转换为GB18030编码,请改用 UTF-8 导出";
	case ENOSPC:       return "磁盘空间不足";
	case EDQUOT:       return "超出磁盘配额";
	case EFBIG:        return "文件过大(超出系统限制)";
	case EACCES:
	case EPERM:        return "没有权限";
	case EROFS:        return "只读文件系统";
	case ENOENT:       return "目录不存在";
	case ENOTDIR:      return "路径中有一项不是目录";
	case ENAMETOOLONG: return "名称过长";
	case EIO:          return "磁盘读写错误";
	case EEXIST:       return "已存在";
	case EXDEV:        return "不在同一文件系统";
	case ENOMEM:       return "内存不足";
	default:           return strerror(e);
	}
}
