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

#include "outfile.h"

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
	while (n > 0) {
		ssize_t k = write(f->fd, p, n);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			f->err = errno;
			return -1;
		}
		p += k;
		n -= (size_t)k;
		f->written += k;
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
	}
	return 0;
}

int
outfile_flush(struct outfile *f)
{
	char *in = f->buf, *out;
	size_t inleft = f->n, outleft;

	if (f->err != 0 || f->buf == NULL)
		return -1;
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

/* Free the buffers and the converter. */
static void
release(struct outfile *f)
{
	if (f->cd != (iconv_t)-1)
		iconv_close(f->cd);
	f->cd = (iconv_t)-1;
	free(f->buf);
	free(f->conv);
	f->buf = f->conv = NULL;
	f->n = 0;
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
	release(f);
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
