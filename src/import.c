/* import.c - read exported 附件3/附件4 files and member rosters back into the store. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "digest.h"
#include "review.h"
#include "import.h"
#include "record.h"
#include "report.h"
#include "utf8.h"
#include "schema.h"
#include "validate.h"

#define IMP_CHUNK   65536
#define IMP_ABORT   1           /* store_write callback: abort, not a failure */
#define NMCOLS      REPORT_MEMBER_NCOLS
#define NOCOLS      REPORT_ORG_NCOLS

enum { ENC_UTF8 = 0, ENC_UTF8_BOM, ENC_GB18030 };
static const char *const enc_names[] = { "UTF-8", "UTF-8 BOM", "GB18030" };

/* Where each 附件4 column goes in struct member, from the schema (序号 and
 * the reference 所在党支部 have none: size 0). */
struct mfield { size_t off, size; };
#define MF_STR(f) { offsetof(struct member, f), sizeof(((struct member *)0)->f) }
#define MF_REF(f) { 0, 0 }
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_##col([SCH_MCOL_##key] = MF_##kind(key),)
static const struct mfield mfields[NMCOLS] = {
#include "schema/member.def"
};
#undef SCH_F
/* The 附件4 columns that hold a date (stored as YYYY-MM-DD). */
#define SCH_F(key, kind, size, tag, label, item, ftype, width, list, check, \
    norm, req, fixed, longt, dflt, applies, col, text, xw, aliases, synth) \
	SCH_WHEN_##col([SCH_MCOL_##key] = (ftype) == FT_DATE,)
static const unsigned char mdate[NMCOLS] = {
#include "schema/member.def"
};
#undef SCH_F
#define MCOL_NAME    SCH_MCOL_name
#define MCOL_IDCARD  SCH_MCOL_idcard
#define MCOL_BRANCH  SCH_MCOL_branch

/* A set of member ids touched by this file (existing members only),
 * with the row that touched them: open addressing, key 0 = empty. */
struct idset {
	uint64_t *key;
	size_t *row;
	size_t cap, n;
};

/* Where the bytes come from. */
struct src {
	FILE *fp;
	const unsigned char *mem;
	size_t len, pos;
};

struct pipe;
struct ppre;

struct imp {
	struct store *s;
	const struct import_opts *o;
	const char *display;            /* file name in problems */
	const char *base;               /* basename, for the kind */
	struct src src;
	int enc;
	iconv_t cd;
	unsigned char *raw;             /* IMP_CHUNK + carry */
	size_t rawlen;                  /* carried undecoded bytes */
	char *dec;                      /* decoded UTF-8 */
	int first_chunk;

	/* per attempt (reset by imp_reset) */
	struct store_txn *t;
	struct csv_parser p;
	int p_live;
	char *arena;                    /* fields of the current row */
	size_t off[IMPORT_COLS_MAX], len[IMPORT_COLS_MAX], used, nf;
	uint64_t suspect;               /* fields cell_control must read (bit i: field i) */

	int row_overflow;               /* too many fields */
	int field_long;                 /* a field over IMPORT_FIELD_MAX */
	size_t recno;                   /* CSV records finished */
	int kind;
	int undecided;                  /* 附件3 without a name: 本级 or 党支部 by content */
	int col[NMCOLS];                /* logical column -> CSV field, -1 absent */
	size_t ncols;                   /* CSV fields of the header */
	int stop;                       /* a problem that ends the file (header, store) */
	int hard_rc;                    /* store failure to return */
	struct import_stats st;
	unsigned char sha256[DIGEST_LEN];  /* of the whole file */
	size_t nprob;                   /* problems raised in this attempt */
	size_t nreported;               /* problems already reported (kept across attempts) */

	/* members */
	char bname[REC_TEXT_MAX];       /* cached branch */
	int bstate;                     /* 0 none, 1 ok, -1 bad */
	struct org branch;
	struct member m, old;
	uint64_t first_new;             /* first member id created by this file */
	struct idset seen;

	/* organisations */
	struct org pend, cur;
	int have_pend;
	int pend_bad;
	size_t pend_row;
	int outside;                    /* errors of fields no file carries (imp_vreport) */
	uint64_t committee;             /* parent of a (党支部) file's first branches */
	uint64_t general;               /* current 党总支 */
	int general_bad;
	char committee_name[REC_TEXT_MAX]; /* 本级: the first organisation of the file */

	/* the second thread (see "the reader thread" below) */
	struct pipe *pp;                /* the reader's: where its rows go; NULL = inline */
	const struct ppre *pre;         /* the writer's: the reader's work on this row */
	int quiet;                      /* the reader's: problems only counted */
	size_t nquiet;                  /* problems a quiet imp raised */
	char empty[1];                  /* imp_cell's "" (each thread its own) */
};

_Static_assert(IMPORT_COLS_MAX <= 64, "struct imp suspect has a bit per field");

const char *
import_kind_label(int kind)
{
	switch (kind) {
	case IMPORT_ORG_SELF:
		return "附件3 党组织和所在单位信息汇总表（基层党委本级）";
	case IMPORT_ORG_BRANCHES:
		return "附件3 党组织和所在单位信息汇总表（党支部）";
	case IMPORT_MEMBERS:
		return "附件4 党员基本信息汇总表";
	case IMPORT_ROSTER:
		return "党员名册";
	}
	return "未识别";
}

/* ---- problems ---- */

static void imp_problem(struct imp *im, size_t row, const char *column, int sev,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Raise one problem; reported once even when the transaction is retried. */
static void
imp_problem(struct imp *im, size_t row, const char *column, int sev,
    const char *fmt, ...)
{
	struct import_problem pr;
	char msg[768];
	va_list ap;

	if (im->quiet) {
		/* the reader thread: the writer raises it again, in order */
		im->nquiet++;
		return;
	}
	if (sev == SEV_ERROR)
		im->st.errors++;
	if (im->nprob++ < im->nreported || im->o->report == NULL)
		return;
	im->nreported = im->nprob;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pr.file = im->display;
	pr.row = row;
	pr.column = column ? column : "";
	pr.sev = sev;
	pr.msg = msg;
	im->o->report(&pr, im->o->ud);
}

static const char *errno_text(int e);

/* Open path for reading, only when it is a regular file: a device
 * (/dev/zero), a pipe or a directory would never end or make no sense.
 * Returns the stream, or NULL with *why set to a Chinese reason. */
static FILE *
imp_fopen(const char *path, const char **why)
{
	struct stat sb;
	FILE *fp;
	int fd, e;

	*why = NULL;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*why = errno_text(errno);
		return NULL;
	}
	if (fstat(fd, &sb) != 0) {
		e = errno;
		close(fd);
		*why = errno_text(e);
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		*why = S_ISDIR(sb.st_mode) ? "这是一个目录,不是文件" :
		    S_ISFIFO(sb.st_mode) ? "这是一个管道,不是普通文件,不能导入" :
		    S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode) ?
		    "这是一个设备,不是普通文件,不能导入" : "不是普通文件,不能导入";
		return NULL;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 ||
	    (fp = fdopen(fd, "rb")) == NULL) {
		e = errno;
		close(fd);
		*why = errno_text(e);
		return NULL;
	}
	return fp;
}

/* errno as a clerk reads it. */
static const char *
errno_text(int e)
{
	switch (e) {
	case ENOENT:
		return "文件不存在";
	case EACCES:
	case EPERM:
		return "没有读取权限";
	case EISDIR:
		return "这是一个目录,不是文件";
	case EIO:
		return "磁盘读写错误";
	}
	return strerror(e);
}

/* ---- the id set ---- */

static size_t
idset_slot(const struct idset *h, uint64_t k)
{
	uint64_t x = k * 0x9E3779B97F4A7C15ull;

	return (size_t)(x >> 17) & (h->cap - 1);
}

/* The row that touched k, or 0. */
static size_t
idset_get(const struct idset *h, uint64_t k)
{
	size_t i;

	if (h->cap == 0)
		return 0;
	for (i = idset_slot(h, k); h->key[i] != 0; i = (i + 1) & (h->cap - 1))
		if (h->key[i] == k)
			return h->row[i];
	return 0;
}

static int
idset_put(struct idset *h, uint64_t k, size_t row)
{
	size_t i;

	if ((h->n + 1) * 2 > h->cap) {
		struct idset g;
		size_t j;

		g.cap = h->cap ? h->cap * 2 : 1024;
		g.n = 0;
		g.key = calloc(g.cap, sizeof *g.key);
		g.row = calloc(g.cap, sizeof *g.row);
		if (g.key == NULL || g.row == NULL) {
			free(g.key);
			free(g.row);
			return -1;
		}
		for (j = 0; j < h->cap; j++)
			if (h->key[j] != 0) {
				for (i = idset_slot(&g, h->key[j]); g.key[i] != 0;
				    i = (i + 1) & (g.cap - 1))
					;
				g.key[i] = h->key[j];
				g.row[i] = h->row[j];
				g.n++;
			}
		free(h->key);
		free(h->row);
		*h = g;
	}
	for (i = idset_slot(h, k); h->key[i] != 0; i = (i + 1) & (h->cap - 1))
		if (h->key[i] == k)
			return 0;
	h->key[i] = k;
	h->row[i] = row;
	h->n++;
	return 0;
}

static void
idset_clear(struct idset *h)
{
	free(h->key);
	free(h->row);
	memset(h, 0, sizeof *h);
}

/* ---- reading and encodings ---- */

static size_t
src_read(struct src *s, void *buf, size_t n)
{
	size_t k;

	if (s->fp != NULL)
		return fread(buf, 1, n, s->fp);
	k = s->len - s->pos;
	if (k > n)
		k = n;
	memcpy(buf, s->mem + s->pos, k);
	s->pos += k;
	return k;
}

static int
ferror_src(struct src *s)
{
	return s->fp != NULL && ferror(s->fp);
}

static int
src_rewind(struct src *s)
{
	s->pos = 0;
	if (s->fp != NULL)
		return fseek(s->fp, 0, SEEK_SET);
	return 0;
}

/* The encoding of a file is decided on all of it, cell by cell (CSV cells
 * and records: a comma or newline inside quotes ends neither; '"', ',' and
 * '\n' never occur inside a multi-byte character of either encoding).  A
 * cell is "UTF-8" when it is valid UTF-8 holding a Chinese character and no
 * two-byte sequence but the middle dot (GBK text is almost never that),
 * "GB" when it is not valid UTF-8.  Both kinds in one file is a file edited
 * by two programs: read either way, one part would be stored as mojibake. */
struct enc_scan {
	size_t row;                     /* current CSV record, header = 1 */
	int quoted;
	/* UTF-8 decoder */
	unsigned u_need;                /* continuation bytes still expected */
	unsigned char u_lo, u_hi;       /* range of the next continuation byte */
	uint32_t u_cp;
	/* GB18030 structure: 0 start, 1 after a lead byte, 2/3 inside a
	 * four-byte sequence */
	int g_state;
	/* the current cell */
	int nonascii, u_bad, g_bad, han, latin;
	/* first rows holding a cell of each kind, 0 = none */
	size_t first_u8, first_gb, first_neither;
};

/* End of a cell: classify it; at the end of a row, count the row. */
static void
enc_cell_end(struct enc_scan *e, int row_end)
{
	if (e->u_need != 0)
		e->u_bad = 1;
	if (e->g_state != 0)
		e->g_bad = 1;
	if (e->nonascii) {
		if (!e->u_bad && e->han && !e->latin) {
			if (e->first_u8 == 0)
				e->first_u8 = e->row;
		} else if (e->u_bad) {
			if (e->first_gb == 0)
				e->first_gb = e->row;
			if (e->g_bad && e->first_neither == 0)
				e->first_neither = e->row;
		}
	}
	e->u_need = 0;
	e->g_state = 0;
	e->nonascii = e->u_bad = e->g_bad = e->han = e->latin = 0;
	if (row_end)
		e->row++;
}

/* One non-ASCII byte through both decoders. */
static void
enc_byte(struct enc_scan *e, unsigned c)
{
	e->nonascii = 1;
	/* UTF-8 */
	if (e->u_need > 0) {
		if (c < e->u_lo || c > e->u_hi) {
			e->u_bad = 1;
			e->u_need = 0;
		} else {
			e->u_cp = (e->u_cp << 6) | (c & 0x3F);
			e->u_lo = 0x80;
			e->u_hi = 0xBF;
			if (--e->u_need == 0) {
				if ((e->u_cp >= 0x4E00 && e->u_cp <= 0x9FFF) ||
				    (e->u_cp >= 0x3400 && e->u_cp <= 0x4DBF))
					e->han = 1;
				else if (e->u_cp < 0x800 && e->u_cp != 0xB7)
					e->latin = 1;
			}
		}
	} else if (c >= 0xC2 && c <= 0xDF) {
		e->u_need = 1;
		e->u_cp = c & 0x1F;
		e->u_lo = 0x80;
		e->u_hi = 0xBF;
	} else if (c >= 0xE0 && c <= 0xEF) {
		e->u_need = 2;
		e->u_cp = c & 0x0F;
		e->u_lo = c == 0xE0 ? 0xA0 : 0x80;
		e->u_hi = c == 0xED ? 0x9F : 0xBF;
	} else if (c >= 0xF0 && c <= 0xF4) {
		e->u_need = 3;
		e->u_cp = c & 0x07;
		e->u_lo = c == 0xF0 ? 0x90 : 0x80;
		e->u_hi = c == 0xF4 ? 0x8F : 0xBF;
	} else
		e->u_bad = 1;
	/* GB18030 */
	switch (e->g_state) {
	case 0:
		if (c >= 0x81 && c <= 0xFE)
			e->g_state = 1;
		else
			e->g_bad = 1;
		break;
	case 1:
		if ((c >= 0x40 && c <= 0x7E) || (c >= 0x80 && c <= 0xFE))
			e->g_state = 0;
		else {
			e->g_bad = 1;
			e->g_state = 0;
		}
		break;
	case 2:
		if (c >= 0x81 && c <= 0xFE)
			e->g_state = 3;
		else {
			e->g_bad = 1;
			e->g_state = 0;
		}
		break;
	default:
		e->g_bad = 1;
		e->g_state = 0;
		break;
	}
}

/* One ASCII byte (c < 0x80). */
static void
enc_ascii(struct enc_scan *e, unsigned c)
{
	if (e->u_need > 0) {
		e->u_bad = 1;
		e->u_need = 0;
	}
	if (e->g_state == 1 && c >= 0x30 && c <= 0x39)
		e->g_state = 2;               /* four-byte GB18030 */
	else if (e->g_state == 3 && c >= 0x30 && c <= 0x39)
		e->g_state = 0;
	else if (e->g_state == 1 && c >= 0x40 && c <= 0x7E)
		e->g_state = 0;               /* GBK trail byte in ASCII range */
	else if (e->g_state != 0) {
		e->g_bad = 1;
		e->g_state = 0;
	}
	if (c == '"')
		e->quoted = !e->quoted;
	else if ((c == '\n' || c == ',') && !e->quoted)
		enc_cell_end(e, c == '\n');
}

/* Scan n bytes. */
static void
enc_scan_buf(struct enc_scan *e, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned c = p[i];

		/* the common case: ASCII other than a quote or a newline, with no
		 * sequence open */
		if (c >= 0x20 && c < 0x80 && c != '"' && c != ',' && e->u_need == 0 &&
		    e->g_state == 0)
			continue;
		if (c < 0x80)
			enc_ascii(e, c);
		else
			enc_byte(e, c);
	}
}

/* Decide the encoding on the whole file: a first pass checks UTF-8 (the
 * common case, fast); a file that is not UTF-8 throughout is scanned again
 * cell by cell (enc_scan) and must then convert from GB18030 as a whole.
 * Returns 0, or 1 after reporting why the file cannot be read. */
static int
imp_detect(struct imp *im)
{
	unsigned char *buf = im->raw;
	size_t n, have = 0, total = 0, need, ok, blank = 1, i;
	int utf8 = 1, bom = 0, first = 1;
	struct enc_scan e;

	for (;;) {
		n = src_read(&im->src, buf + have, IMP_CHUNK);
		if (n == 0)
			break;
		n += have;
		i = 0;
		if (first && n >= 4 && (memcmp(buf, "PK\x03\x04", 4) == 0 ||
		    memcmp(buf, "\xD0\xCF\x11\xE0", 4) == 0)) {
			imp_problem(im, 0, "", SEV_ERROR,
			    "这是Excel/WPS工作簿(.xlsx/.xls),不是CSV:请在Excel/WPS中“另存为”CSV UTF-8后再导入");
			return 1;
		}
		if (first) {
			first = 0;
			if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
				bom = 1;
				i = 3;
			}
		}
		if (blank)
			for (size_t j = i; j < n; j++)
				if (buf[j] != '\r' && buf[j] != '\n' &&
				    buf[j] != ' ' && buf[j] != '\t' && buf[j] != ',') {
					blank = 0;
					break;
				}
		if (utf8) {
			ok = utf8_valid_prefix((const char *)buf + i, n - i, &need);
			have = n - i - ok;      /* a sequence cut by the chunk end */
			if (have > 0 && need == 0) {
				utf8 = 0;
				have = 0;
			} else if (have > 0)
				memmove(buf, buf + n - have, have);
		} else
			have = 0;
		total += n - have;
	}
	if (ferror_src(&im->src))
		goto ioerr;
	if (have > 0 && utf8)
		utf8 = 0;
	if (total + have == 0 || (total <= 3 && bom) || blank) {
		imp_problem(im, 0, "", SEV_ERROR, "文件为空(没有表头,也没有数据)");
		return 1;
	}
	if (utf8) {
		im->enc = bom ? ENC_UTF8_BOM : ENC_UTF8;
		return src_rewind(&im->src) == 0 ? 0 : 1;
	}
	/* not UTF-8 throughout: which cells are what */
	if (src_rewind(&im->src) != 0)
		goto ioerr;
	memset(&e, 0, sizeof e);
	e.row = 1;
	for (first = 1; (n = src_read(&im->src, buf, IMP_CHUNK)) > 0; first = 0)
		enc_scan_buf(&e, buf + (first && bom ? 3 : 0), n - (first && bom ? 3 : 0));
	if (ferror_src(&im->src))
		goto ioerr;
	enc_cell_end(&e, 1);
	if (e.first_neither != 0) {
		imp_problem(im, e.first_neither, "", SEV_ERROR,
		    "文件编码无法识别:本行有内容既不是有效的UTF-8,也不是GB18030(GBK);"
		    "请在Excel/WPS中另存为“CSV UTF-8”后再导入");
		return 1;
	}
	if (e.first_u8 != 0) {
		imp_problem(im, e.first_u8 < e.first_gb ? e.first_gb : e.first_u8, "",
		    SEV_ERROR, "文件混用了两种编码:第%zu行有UTF-8编码的内容,第%zu行有GB18030(GBK)编码的内容,"
		    "无论按哪种读,都有一部分会变成乱码,没有导入;请在Excel/WPS中把整个文件"
		    "另存为“CSV UTF-8”后再导入", e.first_u8, e.first_gb);
		return 1;
	}
	/* GB18030 throughout: iconv must agree on every byte */
	if (src_rewind(&im->src) != 0)
		goto ioerr;
	{
		char out[IMP_CHUNK * 2];
		size_t carry = 0, conv = 0;

		iconv(im->cd, NULL, NULL, NULL, NULL);
		for (;;) {
			char *in = (char *)buf, *o = out;
			size_t inleft, outleft = sizeof out;

			n = src_read(&im->src, buf + carry, IMP_CHUNK);
			inleft = carry + n;
			if (inleft == 0)
				break;
			if (iconv(im->cd, &in, &inleft, &o, &outleft) == (size_t)-1 &&
			    errno != EINVAL && errno != E2BIG) {
				imp_problem(im, 0, "", SEV_ERROR,
				    "文件编码无法识别:第%zu字节起既不是有效的UTF-8,也不是GB18030;"
				    "请在Excel/WPS中另存为“CSV UTF-8”后再导入",
				    conv + (size_t)(in - (char *)buf) + 1);
				return 1;
			}
			conv += (size_t)(in - (char *)buf);
			if (n == 0 && inleft > 0) {
				imp_problem(im, 0, "", SEV_ERROR,
				    "文件编码无法识别:文件末尾是半个字符(第%zu字节);"
				    "既不是有效的UTF-8,也不是完整的GB18030", conv);
				return 1;
			}
			memmove(buf, in, inleft);
			carry = inleft;
		}
	}
	if (ferror_src(&im->src))
		goto ioerr;
	im->enc = ENC_GB18030;
	return src_rewind(&im->src) == 0 ? 0 : 1;
ioerr:
	imp_problem(im, 0, "", SEV_ERROR, "读取文件出错:%s", errno_text(errno));
	return 1;
}

/* Next decoded UTF-8 bytes into im->dec; 0 at the end, (size_t)-1 on a
 * read error. */
static size_t
imp_next(struct imp *im)
{
	size_t n;

	if (im->enc != ENC_GB18030) {
		n = src_read(&im->src, im->dec, IMP_CHUNK);
		if (n == 0 && ferror_src(&im->src))
			return (size_t)-1;
		if (im->first_chunk && im->enc == ENC_UTF8_BOM && n >= 3) {
			memmove(im->dec, im->dec + 3, n - 3);
			n -= 3;
		}
		im->first_chunk = 0;
		return n;
	}
	for (;;) {
		char *in = (char *)im->raw, *o = im->dec;
		size_t inleft, outleft = IMP_CHUNK * 2;

		size_t got, used;

		got = src_read(&im->src, im->raw + im->rawlen, IMP_CHUNK);
		if (got == 0 && ferror_src(&im->src))
			return (size_t)-1;
		inleft = im->rawlen + got;
		if (inleft == 0)
			return 0;
		iconv(im->cd, &in, &inleft, &o, &outleft);
		used = (size_t)(in - (char *)im->raw);
		memmove(im->raw, in, inleft);
		im->rawlen = inleft;
		n = (size_t)(o - im->dec);
		/* no progress (the file changed since imp_detect): stop */
		if (n == 0 && (got == 0 || (used == 0 && im->rawlen > 16)))
			return 0;
		if (im->first_chunk && n >= 3 && memcmp(im->dec, "\xEF\xBB\xBF", 3) == 0) {
			/* GB18030 BOM 84 31 95 33 */
			memmove(im->dec, im->dec + 3, n - 3);
			n -= 3;
		}
		im->first_chunk = 0;
		if (n > 0)
			return n;
	}
}

/* libcsv grows a field in steps; refusing past the cap ends the parse with
 * CSV_ENOMEM, reported as a field that is too long. */
static void *
imp_capped_realloc(void *p, size_t n)
{
	if (n > IMPORT_FIELD_MAX + 512)
		return NULL;
	return realloc(p, n);
}

/* Non-zero when a byte of w is below 0x20, 0x7F, 0xC2 (a C1 control's
 * lead byte) or 0xEF (a BOM's): a cell holding one is read byte by byte
 * (cell_control).  The bits say which, except that one may also be set
 * on the byte above such a byte: only "any" is used. */
static inline uint64_t
cell_word_suspect(uint64_t w)
{
	uint64_t x = w ^ 0x7F7F7F7F7F7F7F7Full, y = w ^ 0xC2C2C2C2C2C2C2C2ull,
	    z = w ^ 0xEFEFEFEFEFEFEFEFull;

	return (((w - 0x2020202020202020ull) & ~w) |
	    ((x - 0x0101010101010101ull) & ~x) |
	    ((y - 0x0101010101010101ull) & ~y) |
	    ((z - 0x0101010101010101ull) & ~z)) & 0x8080808080808080ull;
}

/* libcsv's field: copied into the row's arena, NUL-terminated, a word at
 * a time, noting in im->suspect whether it holds a byte cell_control must
 * see (the export's leading TAB aside). */
static void
imp_cb_field(void *data, size_t len, void *ud)
{
	struct imp *im = ud;
	const unsigned char *src = data;
	unsigned char *dst;
	uint64_t w, bad = 0;
	size_t i = 0, n;

	if (im->nf >= IMPORT_COLS_MAX) {
		im->row_overflow = 1;
		return;
	}
	if (len > IMPORT_FIELD_MAX) {
		im->field_long = 1;
		len = 0;
	}
	im->off[im->nf] = im->used;
	im->len[im->nf] = len;
	dst = (unsigned char *)im->arena + im->used;
	if (len > 0 && src[0] == '\t')
		dst[i++] = '\t';
	n = len - i;
	if (n >= 8) {
		for (; len - i >= 8; i += 8) {
			memcpy(&w, src + i, 8);
			memcpy(dst + i, &w, 8);
			bad |= cell_word_suspect(w);
		}
		if (i < len) {          /* the last word overlaps */
			memcpy(&w, src + len - 8, 8);
			memcpy(dst + len - 8, &w, 8);
			bad |= cell_word_suspect(w);
		}
	} else if (n >= 4) {            /* two half words, overlapping */
		uint32_t a, b;

		memcpy(&a, src + i, 4);
		memcpy(&b, src + len - 4, 4);
		memcpy(dst + i, &a, 4);
		memcpy(dst + len - 4, &b, 4);
		bad = cell_word_suspect((uint64_t)a | (uint64_t)b << 32);
	} else if (n > 0) {             /* bytes i, i + n / 2, len - 1: all */
		dst[i] = src[i];
		dst[i + n / 2] = src[i + n / 2];
		dst[len - 1] = src[len - 1];
		/* padded with spaces (none of the bytes sought) */
		bad = cell_word_suspect(0x2020202020000000ull | src[i] |
		    (uint64_t)src[i + n / 2] << 8 | (uint64_t)src[len - 1] << 16);
	}
	dst[len] = '\0';
	if (bad)
		im->suspect |= 1ull << im->nf;
	im->used += len + 1;
	im->nf++;
}

/* Field i of the current row ("" when the row is shorter). */
static char *
imp_cell(struct imp *im, int i)
{
	if (i < 0 || (size_t)i >= im->nf) {
		im->empty[0] = '\0';
		return im->empty;
	}
	return im->arena + im->off[i];
}

/* ---- header ---- */

/* 1 when the file name says it is one of the report files. */
static int
name_says(const char *base, const char *what)
{
	return strstr(base, what) != NULL;
}

static int
header_is(struct imp *im, const char *const *want, size_t n)
{
	size_t i;

	if (im->nf != n)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(imp_cell(im, (int)i), want[i]) != 0)
			return 0;
	return 1;
}

/* Trim ASCII and full-width spaces around a header name, in place. */
static char *
trim(char *s)
{
	char *e;

	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (strncmp(s, "\xE3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	e = s + strlen(s);
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
		    e[-1] == '\n'))
			e--;
		else if (e - s >= 3 && strncmp(e - 3, "\xE3\x80\x80", 3) == 0)
			e -= 3;
		else
			break;
	}
	*e = '\0';
	return s;
}

/* Where the first header cell differs from the official one. */
static void
header_mismatch(struct imp *im, const char *const *want, size_t n)
{
	size_t i;

	for (i = 0; i < n || i < im->nf; i++) {
		const char *got = i < im->nf ? imp_cell(im, (int)i) : "(缺少)";
		const char *exp = i < n ? want[i] : "(多余)";

		if (strcmp(got, exp) != 0) {
			imp_problem(im, 1, "", SEV_ERROR,
			    "表头与官方格式不一致:第%zu列应为「%s」,实为「%s」;"
			    "导出的汇总表不得增删或调换列(党员名册可任意顺序,但文件名不要叫“汇总表”)",
			    i + 1, exp, got);
			return;
		}
	}
}

static const char *
committee_from_name(const char *base, char *out, size_t n)
{
	const char *p = strstr(base, "党组织和所在单位信息汇总表(党支部)");
	size_t len;

	if (p == NULL)  /* full-width parentheses, as Windows users type them */
		p = strstr(base, "党组织和所在单位信息汇总表\xEF\xBC\x88党支部\xEF\xBC\x89");
	if (p == NULL)
		return NULL;
	if (strncmp(base, REPORT_DRAFT_PREFIX, strlen(REPORT_DRAFT_PREFIX)) == 0)
		base += strlen(REPORT_DRAFT_PREFIX);
	if (p <= base)
		return NULL;
	len = (size_t)(p - base);
	if (len >= n)
		return NULL;
	memcpy(out, base, len);
	out[len] = '\0';
	return out;
}

/* Resolve the 基层党委 of a (党支部) file inside the transaction. */
static void
imp_find_committee(struct imp *im)
{
	char buf[REC_TEXT_MAX];
	const char *name = im->o->committee;
	uint64_t id;

	if (name == NULL)
		name = committee_from_name(im->base, buf, sizeof buf);
	if (name == NULL) {
		imp_problem(im, 0, "", SEV_ERROR,
		    "无法确定本表所属的基层党委:文件名应为“<基层党委名称>党组织和所在单位信息汇总表(党支部).csv”,"
		    "或同时导入(基层党委本级)表");
		im->stop = 1;
		return;
	}
	if (store_txn_org_by_name(im->t, name, &id) != 0) {
		imp_problem(im, 0, "", SEV_ERROR,
		    "找不到本表所属的基层党委「%s」:请同时导入它的(基层党委本级)表", name);
		im->stop = 1;
		return;
	}
	im->committee = id;
}

static void
imp_header(struct imp *im)
{
	size_t i;
	int j, official = name_says(im->base, "汇总表");

	for (j = 0; j < NMCOLS; j++)
		im->col[j] = -1;
	im->ncols = im->nf;
	if (header_is(im, report_org_headers, NOCOLS)) {
		if (name_says(im->base, "基层党委本级"))
			im->kind = IMPORT_ORG_SELF;
		else if (name_says(im->base, "(党支部)") ||
		    name_says(im->base, "\xEF\xBC\x88党支部\xEF\xBC\x89"))
			im->kind = IMPORT_ORG_BRANCHES;
		else {
			im->kind = IMPORT_ORG_BRANCHES;
			im->undecided = 1;
		}
		im->st.kind = im->kind;
		if (im->kind == IMPORT_ORG_BRANCHES && !im->undecided)
			imp_find_committee(im);
		return;
	}
	if (header_is(im, report_member_headers, NMCOLS)) {
		im->kind = im->st.kind = IMPORT_MEMBERS;
		for (j = 0; j < NMCOLS; j++)
			im->col[j] = j;
		return;
	}
	if (official && name_says(im->base, "党组织和所在单位信息汇总表")) {
		header_mismatch(im, report_org_headers, NOCOLS);
		im->stop = 1;
		return;
	}
	if (official && name_says(im->base, "党员基本信息汇总表")) {
		header_mismatch(im, report_member_headers, NMCOLS);
		im->stop = 1;
		return;
	}
	/* a roster: official names in any order */
	{
		char missing[512] = "";
		int known = 0;

		for (i = 0; i < im->nf; i++) {
			char *h = trim(imp_cell(im, (int)i));

			for (j = 0; j < NMCOLS; j++)
				if (strcmp(h, report_member_headers[j]) == 0 ||
				    (sch_member_column(j) != NULL &&
				    sch_header_matches(sch_member_column(j), h)))
					break;
			if (j == NMCOLS) {
				if (*h != '\0')
					imp_problem(im, 1, h, SEV_WARNING,
					    "第%zu列「%s」不是附件4的列名,已忽略", i + 1, h);
				continue;
			}
			if (im->col[j] >= 0) {
				imp_problem(im, 1, h, SEV_ERROR,
				    "列「%s」出现了两次(第%d列和第%zu列)", h, im->col[j] + 1, i + 1);
				im->stop = 1;
				continue;
			}
			im->col[j] = (int)i;
			known++;
		}
		if (im->col[MCOL_NAME] < 0 && im->col[MCOL_IDCARD] < 0 && known < 3) {
			imp_problem(im, 1, "", SEV_ERROR,
			    "无法识别的文件:表头既不是附件3/附件4,也没有“姓名”“公民身份证号”等附件4列名");
			im->stop = 1;
			return;
		}
		for (j = 1; j < NMCOLS; j++)
			if (im->col[j] < 0 && sch_member_column(j)->col_required) {
				size_t l = strlen(missing);
				snprintf(missing + l, sizeof missing - l, "%s%s",
				    l ? "、" : "", report_member_headers[j]);
			}
		if (*missing) {
			imp_problem(im, 1, "", SEV_ERROR, "党员名册缺少必需的列:%s", missing);
			im->stop = 1;
		}
		if (im->col[MCOL_BRANCH] < 0 && im->o->branch == NULL) {
			imp_problem(im, 1, "所在党支部", SEV_ERROR,
			    "党员名册没有“所在党支部”列:请用 --branch 指定党支部全称");
			im->stop = 1;
		}
		im->kind = im->st.kind = IMPORT_ROSTER;
	}
}

/* ---- cells ---- */

/* The first control character of the cell s of len bytes (NUL included;
 * TAB is the export's marker and white space), or -1 when none.  C1
 * controls (U+0080-009F) count too.  *bom is set when the cell holds a
 * BOM (EF BB BF) anywhere.  Only for a cell imp_cb_field found suspect. */
static long
cell_control(const char *s, size_t len, int *bom)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = len > 0 && u[0] == '\t';     /* the export's marker */

	*bom = 0;
	for (; i < len; i++) {
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7F)
			return u[i];
		if (u[i] == 0xC2 && i + 1 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F)
			return u[i + 1];
		if (u[i] == 0xEF && i + 2 < len && u[i + 1] == 0xBB && u[i + 2] == 0xBF)
			*bom = 1;
	}
	return -1;
}

/* Check field fld of the row (-1 when the row has none) for what the
 * export never writes (a control character or NUL, a formula, a BOM) and
 * undo the export's cell text rules: the marks report_cell puts in front
 * are dropped by moving the field's start past them (the bytes stay).
 * Returns the cell as undone, or NULL after raising the problem. */
static char *
imp_cell_prepare(struct imp *im, size_t row, const char *column, int fld)
{
	char *s = imp_cell(im, fld), head[4];
	const char *p = s;
	size_t len, k;
	long cc;
	int bom;

	if (fld < 0 || (size_t)fld >= im->nf)
		return s;       /* "": nothing to check or undo */
	len = im->len[fld];
	if (!(im->suspect & (1ull << fld)))
		cc = -1, bom = 0;
	else if ((cc = cell_control(s, len, &bom)) >= 0) {
		if (cc == 0)
			imp_problem(im, row, column, SEV_ERROR,
			    "含有空字符(NUL,U+0000),其后的内容会丢失:没有导入,请检查这一格");
		else if (cc == '\n' || cc == '\r')
			imp_problem(im, row, column, SEV_ERROR,
			    "单元格内有换行:请改为一行后再保存");
		else
			imp_problem(im, row, column, SEV_ERROR,
			    "含有控制字符(U+%04lX),看不见但会破坏这一项:没有导入,请删除后重新输入", cc);
		return NULL;
	}
	if (bom) {
		imp_problem(im, row, column, SEV_ERROR,
		    "单元格中间有BOM(EF BB BF):文件可能由几个CSV文件拼接而成,请分开导入");
		return NULL;
	}
	if (*p == '\t')
		p++;
	if (*p == '=' || *p == '+' || *p == '-' || *p == '@') {
		imp_problem(im, row, column, SEV_ERROR,
		    "单元格以「%c」开头,像是电子表格公式(导出的文件会在前面加'):"
		    "请把公式转换为数值后再另存为CSV", *p);
		return NULL;
	}
	/* report_cell's marks (a TAB, an apostrophe) are at most the first
	 * two bytes (report.h, "Reversal"): a TAB not followed by an
	 * apostrophe goes alone; else they are undone on a copy of the first
	 * three bytes, skipping what went */
	if (*s != '\t' && *s != '\'')
		return s;
	if (*s == '\t' && s[1] != '\'') {
		im->off[fld]++;
		im->len[fld]--;
		return s + 1;
	}
	k = len < 3 ? len : 3;
	memcpy(head, s, k);
	head[k] = '\0';
	if (report_cell_unprotect(head)) {
		k -= strlen(head);
		im->off[fld] += k;
		im->len[fld] -= k;
		s += k;
	}
	return s;
}

/* The length of field i of the current row (0 when the row is shorter). */
static size_t
imp_cell_len(const struct imp *im, int i)
{
	return i < 0 || (size_t)i >= im->nf ? 0 : im->len[i];
}

/* Copy the value v of len bytes (its NUL after them) into a record field
 * of n bytes; refuses (never cuts) a value too long. */
static int
imp_setn(struct imp *im, size_t row, const char *column, char *dst, size_t n,
    const char *v, size_t len)
{
	if (len >= n) {
		imp_problem(im, row, column, SEV_ERROR,
		    "内容过长:%zu字节,此项最多%zu字节", len, n - 1);
		dst[0] = '\0';
		return -1;
	}
	memcpy(dst, v, len + 1);
	return 0;
}

/* imp_setn of a string. */
static int
imp_set(struct imp *im, size_t row, const char *column, char *dst, size_t n,
    const char *v)
{
	return imp_setn(im, row, column, dst, n, v, strlen(v));
}

/* imp_setn for a date column: a written form longer than the stored one
 * (2005年7月1日, full-width digits, spaces around the separators) is
 * normalised first, as the validator's normaliser reads it (validate.h
 * date_normalize); what fits is copied as it is and validated later with
 * the record.  A long cell that is no date is refused, naming the forms
 * that are. */
static int
imp_set_date(struct imp *im, size_t row, const char *column, char *dst,
    size_t n, const char *v, size_t len)
{
	char d[REC_DATE_MAX];

	if (len < n)
		return imp_setn(im, row, column, dst, n, v, len);
	if (date_normalize(v, d) == 0 && strlen(d) < n) {
		memcpy(dst, d, strlen(d) + 1);
		return 0;
	}
	imp_problem(im, row, column, SEV_ERROR,
	    "「%s」不是可识别的日期:请写成 2005-07-01、2005年7月1日、2005.7.1 或 2005/07/01", v);
	dst[0] = '\0';
	return -1;
}

/* 1 when a rule is about a field no import file carries (备注, 党统人数,
 * 确认方式, 书记签字): not the file's fault, the record comes in as a
 * draft to be completed. */
static int
outside_field(const struct vissue *v)
{
	static const char *const f[] = { "note", "stat_count", "confirm_method",
	    "signed_by", "signed_at" };
	size_t i;

	for (i = 0; v->field != NULL && i < sizeof f / sizeof f[0]; i++)
		if (strcmp(v->field, f[i]) == 0)
			return 1;
	return 0;
}

/* Report the issues of a validation.  mode 0: errors of the file's
 * columns only; 1: those, unconfirmed warnings and the errors of fields
 * outside the file (as warnings); 2: the latter two only.  Returns the
 * errors of the file's columns; im->outside counts the others. */
static int
imp_vreport(struct imp *im, size_t row, const struct vreport *r, int mode)
{
	size_t i;
	int errors = 0;

	im->outside = 0;
	for (i = 0; i < r->n; i++) {
		const struct vissue *v = &r->it[i];
		const char *col = v->label ? v->label : "";

		if (v->sev == SEV_ERROR && outside_field(v)) {
			im->outside++;
			if (mode != 0)
				imp_problem(im, row, col, SEV_WARNING,
				    "%s(导入文件没有此项,已作为草稿导入,请在界面中补充)", v->msg);
		} else if (v->sev == SEV_ERROR && mode != 2) {
			imp_problem(im, row, col, SEV_ERROR, "%s", v->msg);
			errors++;
		} else if (v->sev == SEV_WARNING && !v->confirmed && mode != 0)
			imp_problem(im, row, col, SEV_WARNING,
			    "%s(已作为草稿导入,需在界面中确认)", v->msg);
	}
	return errors;
}

/* Forget the issues of a column already reported (e.g. "必填" after a
 * value was refused as too long). */
static void
vreport_drop(struct vreport *r, const char *label)
{
	size_t i, k = 0;

	for (i = 0; i < r->n; i++)
		if (r->it[i].label == NULL || strcmp(r->it[i].label, label) != 0)
			r->it[k++] = r->it[i];
	r->n = k;
}

/* A store failure inside the transaction: stop and hand the rc back. */
static void
imp_store_fail(struct imp *im, size_t row, int rc, char *cause)
{
	if (rc == STORE_EDUP || rc == STORE_ERULE || rc == STORE_ECONFLICT ||
	    rc == STORE_EINVAL || rc == STORE_ENOTFOUND || rc == STORE_ELOCKED) {
		imp_problem(im, row, "", SEV_ERROR, "%s", cause ? cause : store_strerror(rc));
	} else {
		if (im->hard_rc == 0)
			im->hard_rc = rc;
		im->stop = 1;
	}
	free(cause);
}

/* caiji import --checked-by-branch: member m (saved) 初核通过 on behalf
 * of its branch, in the file's transaction; one that cannot pass stays
 * 录入 with a warning naming why.  Members already past 录入 are left. */
static void
imp_mark_checked(struct imp *im, size_t row, const struct member *m)
{
	char text[256], hex[DIGEST_HEX], *cause = NULL;
	int rc;

	if (!im->o->checked_by_branch || m->meta.review != REV_ENTRY)
		return;
	digest_hex(im->sha256, hex);
	snprintf(text, sizeof text, "按党支部已初核导入: %s SHA-256 %s", im->base, hex);
	rc = review_txn_mark_checked(im->t, m->meta.id, im->o->today, text, &cause);
	if (rc == 0)
		im->st.checked++;
	else if (rc == STORE_ERULE || rc == STORE_EINVAL)
		imp_problem(im, row, "", SEV_WARNING, "未标记为初核通过: %s",
		    cause ? cause : store_strerror(rc));
	else {
		if (im->hard_rc == 0)
			im->hard_rc = rc;
		im->stop = 1;
	}
	free(cause);
}

/* ---- members ---- */

/* A 党组织名称 as normalize_org stores it (spaces trimmed and collapsed,
 * full-width letters and digits folded) in out (n bytes); name itself
 * when it does not normalise. */
static const char *
imp_orgname(const char *name, char *out, size_t n)
{
	struct verdict v;

	if (validate_field(VK_OPTTEXT, NULL, name, &v) == SEV_ERROR || strlen(v.norm) >= n)
		return name;
	memcpy(out, v.norm, strlen(v.norm) + 1);
	return out;
}

/* The branch named name, cached; 0 when usable. */
static int
imp_branch(struct imp *im, size_t row, const char *name)
{
	uint64_t id;

	if (im->bstate != 0 && strcmp(im->bname, name) == 0)
		return im->bstate > 0 ? 0 : -1;
	rec_strcpy(im->bname, sizeof im->bname, name);
	im->bstate = -1;
	if (store_txn_org_by_name(im->t, name, &id) != 0 ||
	    store_txn_org_get(im->t, id, &im->branch) != 0) {
		imp_problem(im, row, "所在党支部", SEV_ERROR,
		    "所在党支部「%s」不在数据库中:请先导入(党支部)表,或核对党支部全称", name);
		return -1;
	}
	if (im->branch.meta.removed != RM_NONE) {
		imp_problem(im, row, "所在党支部", SEV_ERROR, "党支部「%s」已被移除", name);
		return -1;
	}
	if (!org_is_branch(im->branch.category)) {
		imp_problem(im, row, "所在党支部", SEV_ERROR,
		    "「%s」的组织类别是%s,不是党支部,不能直接登记党员", name,
		    im->branch.category);
		return -1;
	}
	im->bstate = 1;
	return 0;
}

/* The 附件4 fields of a and b are equal. */
static int
member_same(const struct member *a, const struct member *b)
{
	int j;

	for (j = 0; j < NMCOLS; j++) {
		if (mfields[j].size == 0)
			continue;
		if (strcmp((const char *)a + mfields[j].off,
		    (const char *)b + mfields[j].off) != 0)
			return 0;
	}
	return 1;
}

static void
member_copy_fields(struct member *dst, const struct member *src)
{
	int j;

	for (j = 0; j < NMCOLS; j++)
		if (mfields[j].size != 0)
			memcpy((char *)dst + mfields[j].off,
			    (const char *)src + mfields[j].off, mfields[j].size);
}

static char *
org_name_of(struct imp *im, uint64_t id, char *buf, size_t n)
{
	if (store_txn_org_get(im->t, id, &im->cur) == 0)
		rec_strcpy(buf, n, im->cur.name);
	else
		snprintf(buf, n, "#%llu", (unsigned long long)id);
	return buf;
}

/* The cells of member row `row` into m (member_init'ed), each checked and
 * its export text rules undone (imp_cell_prepare: the row's fields then
 * start past the marks).  Sets a bit of *badcols per refused column;
 * returns 1 when one was. */
static int
member_cells(struct imp *im, size_t row, struct member *m, uint32_t *badcols)
{
	int j, bad = 0;

	for (j = 1; j < NMCOLS; j++) {
		char *v;

		if (im->col[j] < 0)
			continue;
		v = imp_cell_prepare(im, row, report_member_headers[j], im->col[j]);
		if (v == NULL) {
			bad = 1;
			*badcols |= 1u << j;
			continue;
		}
		if (mfields[j].size != 0 && (mdate[j] ? imp_set_date : imp_setn)(im, row,
		    report_member_headers[j], (char *)m + mfields[j].off,
		    mfields[j].size, v, imp_cell_len(im, im->col[j])) != 0) {
			bad = 1;
			*badcols |= 1u << j;
		}
	}
	return bad;
}

static void pre_report(const struct ppre *pre, struct vreport *r);
static void pre_member(const struct ppre *pre, struct member *m);
static const char *pre_bname(const struct ppre *pre);
static const unsigned char *pre_enc(const struct ppre *pre, size_t *len);

static void
imp_member_row(struct imp *im)
{
	size_t row = im->recno;
	struct member *m = &im->m, *old = &im->old;
	const struct ppre *pre = im->pre;
	struct vreport r;
	const char *bname;
	char *cause = NULL;
	uint64_t id;
	uint32_t badcols = 0;
	char nbuf[REC_TEXT_MAX], obuf[REC_TEXT_MAX];
	int j, bad = 0, exists = 0, rc;

	if (pre != NULL)
		pre_member(pre, m);     /* its cells undone and normalised */
	else {
		member_init(m);
		bad = member_cells(im, row, m, &badcols);
	}
	bname = im->col[MCOL_BRANCH] < 0 ? "" : pre != NULL ? pre_bname(pre) :
	    imp_orgname(imp_cell(im, im->col[MCOL_BRANCH]), nbuf, sizeof nbuf);
	if (im->o->branch != NULL) {
		const char *want = imp_orgname(im->o->branch, obuf, sizeof obuf);

		if (*bname != '\0' && strcmp(bname, want) != 0) {
			imp_problem(im, row, "所在党支部", SEV_ERROR,
			    "所在党支部「%s」与 --branch 指定的「%s」不一致", bname,
			    im->o->branch);
			bad = 1;
		}
		bname = want;
	}
	if (*bname == '\0') {
		imp_problem(im, row, "所在党支部", SEV_ERROR, "所在党支部为空");
		bad = 1;
		badcols |= 1u << MCOL_BRANCH;
	} else if (imp_branch(im, row, bname) != 0) {
		bad = 1;
		badcols |= 1u << MCOL_BRANCH;
	} else
		m->branch = im->branch.meta.id;

	/* Every file is normalised exactly as a roster is, official 附件4
	 * included: a value that passes the check as typed (an ID number
	 * with a lower-case x or spaces, 性别 1/2, 民族 01, 1987.01.04,
	 * 130 7657 0468) must still reach the unique index and the table in
	 * its one form.  What caiji exported normalises to itself, so a round
	 * trip stays exact.  A roster without the targets of a relation (性别,
	 * 出生日期) takes them from its source (the ID number): normalize_member
	 * fills empty targets.  (A row already in its one form, as caiji
	 * exports it, is told cheaply and left as it is.)  The reader thread's
	 * member comes normalised. */
	if (pre == NULL && !member_is_normal(m))
		normalize_member(m);

	/* merge by ID number */
	if (m->idcard[0] != '\0' &&
	    store_txn_member_by_idcard(im->t, m->idcard, &id) == 0 &&
	    store_txn_member_get(im->t, id, old) == 0) {
		size_t prev;

		exists = 1;
		if ((im->first_new != 0 && id >= im->first_new) ||
		    (prev = idset_get(&im->seen, id)) != 0) {
			prev = im->first_new != 0 && id >= im->first_new ? 0 :
			    idset_get(&im->seen, id);
			if (prev)
				imp_problem(im, row, "公民身份证号", SEV_ERROR,
				    "公民身份证号%s与本文件第%zu行重复(不要重复)", m->idcard, prev);
			else
				imp_problem(im, row, "公民身份证号", SEV_ERROR,
				    "公民身份证号%s在本文件前面已出现过(不要重复)", m->idcard);
			return;
		}
		if (old->meta.removed != RM_NONE) {
			char b1[REC_TEXT_MAX];
			imp_problem(im, row, "公民身份证号", SEV_ERROR,
			    "公民身份证号%s属于已移除的党员%s(%s,原属「%s」):导入不会恢复,请在界面中恢复",
			    m->idcard, old->name, rec_removal_label(old->meta.removed),
			    org_name_of(im, old->branch, b1, sizeof b1));
			return;
		}
		if (m->branch != 0 && old->branch != m->branch) {
			char b1[REC_TEXT_MAX];
			imp_problem(im, row, "公民身份证号", SEV_ERROR,
			    "公民身份证号%s(%s)已登记在「%s」,本文件把此人列在「%s」:"
			    "不要重复,导入不会把党员从一个党支部移到另一个", m->idcard,
			    old->name, org_name_of(im, old->branch, b1, sizeof b1),
			    im->branch.name);
			return;
		}
		if (idset_put(&im->seen, id, row) != 0) {
			im->hard_rc = STORE_EIO;
			im->stop = 1;
			return;
		}
	}
	if (bad) {
		/* still run the rules so every problem of the row is listed */
		validate_member(m, im->bstate > 0 ? &im->branch : NULL, im->o->today, &r);
		for (j = 0; j < NMCOLS; j++)
			if (badcols & (1u << j))
				vreport_drop(&r, report_member_headers[j]);
		imp_vreport(im, row, &r, 0);
		return;
	}
	if (exists) {
		if (member_same(old, m)) {
			im->st.unchanged++;
			imp_mark_checked(im, row, old);
			return;
		}
		member_copy_fields(old, m);
		m = old;        /* validated with its confirmations */
	}
	/* The reader validated a new member as it is here against a plain
	 * branch: all validate_member reads of the branch is whether it is
	 * one (imp_branch made sure), removed (ditto) or temporary. */
	if (pre != NULL && !exists && !org_is_temporary(im->branch.category))
		pre_report(pre, &r);
	else
		validate_member(m, &im->branch, im->o->today, &r);
	if (imp_vreport(im, row, &r, 1) > 0)
		return;
	if (r.unconfirmed > 0 || im->outside > 0)
		im->st.warnings++;
	m->meta.state = vreport_complete(&r) ? REC_COMPLETE : REC_DRAFT;
	/* a new member's fields as the reader encoded them (pre_member's) */
	if (pre != NULL && !exists) {
		size_t n;
		const unsigned char *enc = pre_enc(pre, &n);

		rc = store_txn_member_save_enc(im->t, m, enc, n, &cause);
	} else
		rc = store_txn_member_save(im->t, m, &cause);
	if (rc != 0) {
		imp_store_fail(im, row, rc, cause);
		return;
	}
	if (exists)
		im->st.updated++;
	else {
		im->st.added++;
		if (im->first_new == 0)
			im->first_new = m->meta.id;
	}
	imp_mark_checked(im, row, m);
}

/* ---- organisations ---- */

static int
unit_same(const struct unit *a, const struct unit *b)
{
	return strcmp(a->name, b->name) == 0 && strcmp(a->category, b->category) == 0 &&
	    strcmp(a->party_status, b->party_status) == 0 && strcmp(a->code, b->code) == 0;
}

/* The 附件3 fields of a and b are equal. */
static int
org_same(const struct org *a, const struct org *b)
{
	size_t i;

	if (strcmp(a->name, b->name) != 0 || strcmp(a->secretary, b->secretary) != 0 ||
	    strcmp(a->contact, b->contact) != 0 || strcmp(a->phone, b->phone) != 0 ||
	    strcmp(a->category, b->category) != 0 ||
	    strcmp(a->unit_situation, b->unit_situation) != 0 || a->n_units != b->n_units)
		return 0;
	for (i = 0; i < a->n_units; i++)
		if (!unit_same(&a->units[i], &b->units[i]))
			return 0;
	return 1;
}

/* Validate and write the pending organisation. */
static void
imp_org_flush(struct imp *im)
{
	struct org *o = &im->pend, *old = &im->cur;
	struct vreport r;
	uint64_t parent = 0, id;
	char *cause = NULL;
	size_t row = im->pend_row;
	int rc, exists = 0, general = org_is_general(o->category);

	if (!im->have_pend)
		return;
	im->have_pend = 0;
	if (general) {
		im->general = 0;
		im->general_bad = 1;
	}
	/* normalised as members are (a 党组织名称 with a trailing space or
	 * full-width letters must find the organisation it names, not make a
	 * second, near-identical one); what caiji exported normalises to itself */
	normalize_org(o);
	validate_org(o, im->o->today, &r);
	if (im->kind == IMPORT_ORG_BRANCHES) {
		if (org_is_committee(o->category)) {
			imp_problem(im, row, "组织类别", SEV_ERROR,
			    "(党支部)表中不应有%s「%s」:基层党委只在(基层党委本级)表中",
			    o->category, o->name);
			im->pend_bad = 1;
		}
		parent = general ? im->committee : (im->general_bad ? 0 :
		    im->general ? im->general : im->committee);
		if (!general && im->general_bad)
			im->pend_bad = 1;       /* its 党总支 was refused: reported there */
	}
	if (imp_vreport(im, row, &r, 0) > 0 || im->pend_bad)
		return;
	if (store_txn_org_by_name(im->t, o->name, &id) == 0 &&
	    store_txn_org_get(im->t, id, old) == 0) {
		exists = 1;
		if (old->meta.removed != RM_NONE) {
			imp_problem(im, row, "党组织名称", SEV_ERROR,
			    "党组织「%s」已被移除(%s):导入不会恢复,请在界面中恢复", o->name,
			    rec_removal_label(old->meta.removed));
			return;
		}
		if (im->kind == IMPORT_ORG_BRANCHES && old->parent != parent) {
			char b1[REC_TEXT_MAX], b2[REC_TEXT_MAX];
			imp_problem(im, row, "党组织名称", SEV_ERROR,
			    "党组织「%s」在数据库中属于「%s」,本文件把它列在「%s」之下:导入不会移动党组织",
			    o->name, old->parent ? org_name_of(im, old->parent, b1, sizeof b1) : "(顶层)",
			    org_name_of(im, parent, b2, sizeof b2));
			return;
		}
		if (org_same(old, o)) {
			im->st.unchanged++;
			goto done;
		}
		if (org_units_copy(old, o) != 0) {
			imp_problem(im, row, "单位名称", SEV_ERROR, "内存不足");
			return;
		}
		memcpy(old->secretary, o->secretary, sizeof o->secretary);
		memcpy(old->contact, o->contact, sizeof o->contact);
		memcpy(old->phone, o->phone, sizeof o->phone);
		memcpy(old->category, o->category, sizeof o->category);
		memcpy(old->unit_situation, o->unit_situation, sizeof o->unit_situation);
		validate_org(old, im->o->today, &r);
		o = old;
	} else
		o->parent = parent;
	imp_vreport(im, row, &r, 2);
	if (r.unconfirmed > 0 || im->outside > 0)
		im->st.warnings++;
	o->meta.state = vreport_complete(&r) ? REC_COMPLETE : REC_DRAFT;
	rc = store_txn_org_save(im->t, o, &cause);
	if (rc != 0) {
		imp_store_fail(im, row, rc, cause);
		return;
	}
	if (exists)
		im->st.updated++;
	else
		im->st.added++;
	id = o->meta.id;
done:
	if (general) {
		im->general = id;
		im->general_bad = 0;
	}
	if (im->kind == IMPORT_ORG_SELF && im->committee_name[0] == '\0')
		rec_strcpy(im->committee_name, sizeof im->committee_name, o->name);
}

/* Append unit u (one row of a joint branch) to o; -1 after saying why
 * not (REC_UNITS_LIMIT, a bound against hostile files, or memory). */
static int
imp_unit_add(struct imp *im, size_t row, struct org *o, const struct unit *u)
{
	struct unit *to;

	if (o->n_units >= REC_UNITS_LIMIT) {
		imp_problem(im, row, "单位名称", SEV_ERROR,
		    "党组织「%s」的单位超过%d个", o->name, REC_UNITS_LIMIT);
		return -1;
	}
	if ((to = org_unit_add(o)) == NULL) {
		imp_problem(im, row, "单位名称", SEV_ERROR, "内存不足");
		return -1;
	}
	*to = *u;
	return 0;
}

static void
imp_org_row(struct imp *im)
{
	size_t row = im->recno;
	struct org *o = &im->pend;
	struct unit u;
	char *c[NOCOLS];
	int j, bad = 0, has_unit;

	for (j = 1; j < NOCOLS; j++)
		if ((c[j] = imp_cell_prepare(im, row, report_org_headers[j], j)) == NULL) {
			c[j] = imp_cell(im, j);
			bad = 1;
		}
	if (im->undecided) {
		/* a 附件3 file not named: the 本级 file holds only committees */
		im->undecided = 0;
		if (org_is_committee(c[5]))
			im->kind = im->st.kind = IMPORT_ORG_SELF;
		else
			imp_find_committee(im);
		if (im->stop)
			return;
	}
	memset(&u, 0, sizeof u);
	has_unit = *c[7] || *c[8] || *c[9] || *c[10];
	bad |= imp_set(im, row, report_org_headers[7], u.name, sizeof u.name, c[7]);
	bad |= imp_set(im, row, report_org_headers[8], u.category, sizeof u.category, c[8]);
	bad |= imp_set(im, row, report_org_headers[9], u.party_status, sizeof u.party_status, c[9]);
	bad |= imp_set(im, row, report_org_headers[10], u.code, sizeof u.code, c[10]);

	if (im->have_pend && *c[1] != '\0' && strcmp(c[1], o->name) == 0) {
		/* the next unit of a joint branch: organisation columns repeat */
		if (strcmp(c[2], o->secretary) != 0 || strcmp(c[3], o->contact) != 0 ||
		    strcmp(c[4], o->phone) != 0 || strcmp(c[5], o->category) != 0 ||
		    strcmp(c[6], o->unit_situation) != 0) {
			imp_problem(im, row, "党组织名称", SEV_ERROR,
			    "与上一行同名的党组织「%s」其他列不同:联合党支部的每一行应重复相同的党组织信息",
			    o->name);
			im->pend_bad = 1;
		}
		if (!has_unit) {
			imp_problem(im, row, "单位名称", SEV_ERROR,
			    "党组织「%s」的第二行没有单位信息", o->name);
			im->pend_bad = 1;
		} else if (imp_unit_add(im, row, o, &u) != 0)
			im->pend_bad = 1;
		if (bad)
			im->pend_bad = 1;
		return;
	}
	imp_org_flush(im);
	org_reset(o);
	im->have_pend = 1;
	im->pend_bad = bad;
	im->pend_row = row;
	bad = 0;
	bad |= imp_set(im, row, report_org_headers[1], o->name, sizeof o->name, c[1]);
	bad |= imp_set(im, row, report_org_headers[2], o->secretary, sizeof o->secretary, c[2]);
	bad |= imp_set(im, row, report_org_headers[3], o->contact, sizeof o->contact, c[3]);
	bad |= imp_set(im, row, report_org_headers[4], o->phone, sizeof o->phone, c[4]);
	bad |= imp_set(im, row, report_org_headers[5], o->category, sizeof o->category, c[5]);
	bad |= imp_set(im, row, report_org_headers[6], o->unit_situation, sizeof o->unit_situation, c[6]);
	if (bad)
		im->pend_bad = 1;
	if (has_unit && imp_unit_add(im, row, o, &u) != 0)
		im->pend_bad = 1;
}

/* ---- rows ---- */

/* One CSV record, on the writer (or the one thread). */
static void
imp_row(struct imp *im)
{
	im->recno++;
	if (im->stop)
		goto reset;
	/* prepared by the reader thread: a member row of the header's width
	 * with a cell that is not empty, past the header (pipe_row) */
	if (im->pre != NULL) {
		im->st.rows++;
		imp_member_row(im);
		goto reset;
	}
	if (im->row_overflow) {
		imp_problem(im, im->recno, "", SEV_ERROR, "本行超过%d列", IMPORT_COLS_MAX);
		if (im->recno == 1)
			im->stop = 1;
		goto reset;
	}
	if (im->field_long) {
		imp_problem(im, im->recno, "", SEV_ERROR,
		    "本行有字段超过%d字节(上限),未读入", IMPORT_FIELD_MAX);
		if (im->recno == 1)
			im->stop = 1;
		goto reset;
	}
	if (im->recno == 1) {
		imp_header(im);
		goto reset;
	}
	/* a row of nothing but empty cells is a spreadsheet's blank line */
	{
		size_t i;
		for (i = 0; i < im->nf && im->len[i] == 0; i++)
			;
		if (i == im->nf)
			goto reset;
	}
	im->st.rows++;
	if (im->nf > im->ncols || (im->nf < im->ncols && im->kind != IMPORT_ROSTER))
		imp_problem(im, im->recno, "", SEV_ERROR, "本行有%zu列,表头有%zu列",
		    im->nf, im->ncols);
	else if (im->kind == IMPORT_MEMBERS || im->kind == IMPORT_ROSTER)
		imp_member_row(im);
	else
		imp_org_row(im);
reset:
	im->nf = 0;
	im->used = 0;
	im->suspect = 0;
	im->row_overflow = 0;
	im->field_long = 0;
}

/* ---- what the reading loop meets besides rows ---- */

enum {
	EV_ROW,         /* a CSV record */
	EV_CHUNK,       /* a chunk parsed: the one thread stops here after a stop */
	EV_BOM,         /* a BOM inside the file; arg: the text before it parsed */
	EV_CSVERR,      /* libcsv refused the chunk; arg: csv_error, nf: fields read */
	EV_FINI,        /* a quote open at the end of the file */
	EV_READERR,     /* arg: errno */
	EV_END,         /* the reader is done */
};

/* React to an event of the reading loop other than a row, as the one
 * thread always did: the problem, with the row numbers of the records
 * before it.  Returns 1 when reading stops here. */
static int
imp_handle(struct imp *im, int type, int arg, size_t nf)
{
	switch (type) {
	case EV_CHUNK:
		return im->stop;
	case EV_READERR:
		imp_problem(im, 0, "", SEV_ERROR, "读取文件出错:%s", errno_text(arg));
		break;
	case EV_FINI:
		imp_problem(im, im->recno + 1, "", SEV_ERROR,
		    "引号不配对:从第%zu行开始的引号到文件末尾都没有闭合", im->recno + 1);
		break;
	case EV_BOM:
		/* parsed up to it, so the row number is exact */
		if (arg && !im->stop)
			imp_problem(im, im->recno + 1, "", SEV_ERROR,
			    "文件中间有BOM(EF BB BF):可能是几个CSV文件拼接而成,请分开导入");
		else if (!im->stop)
			imp_problem(im, im->recno + 1, "", SEV_ERROR,
			    "CSV格式错误:引号不配对,或引号出现在未加引号的单元格中间");
		im->stop = 1;
		break;
	case EV_CSVERR:
		if (arg == CSV_ENOMEM || arg == CSV_ETOOBIG)
			imp_problem(im, im->recno + 1,
			    im->kind == IMPORT_MEMBERS && nf < NMCOLS ?
			    report_member_headers[nf] :
			    (im->kind != IMPORT_UNKNOWN && im->kind != IMPORT_ROSTER &&
			    nf < NOCOLS) ? report_org_headers[nf] : "",
			    SEV_ERROR, "第%zu个字段超过%d字节(单元格长度上限),已拒绝整个文件",
			    nf + 1, IMPORT_FIELD_MAX);
		else
			imp_problem(im, im->recno + 1, "", SEV_ERROR,
			    "CSV格式错误:引号不配对,或引号出现在未加引号的单元格中间");
		break;
	}
	return 1;
}

/* ---- the reader thread ----
 *
 * With two CPUs the file is read, decoded and parsed (libcsv), each member
 * row's cells checked and undone (imp_cell_prepare), normalised and
 * validated (validate_member) on a second thread, the reader; this one,
 * the writer, keeps everything that reads or writes the store (the branch,
 * the ID number against the database and the file, the merge, every save
 * and audit entry) inside the file's one transaction, so a file still
 * lands whole or not at all.  The reader hands over batches of events in
 * file order: each row as it was read (and, for a member row whose cells
 * raised nothing, its member as built and normalised, with its
 * validation), and the reading loop's own problems; the writer runs them
 * exactly as the one thread runs them inline, so every problem, its row
 * number and its order are the same.  The reader raises no problem itself
 * (a quiet imp): a row it could not prepare without one goes over as read
 * and the writer does it all.  Memory is fixed: PIPE_BATCHES arenas,
 * whatever the row count (4 MiB; a prepared row goes over without its
 * cells, in a few hundred bytes: its issues, its fields' stored form and
 * its fields packed, so a batch holds up to PIPE_EVENTS rows).  A
 * reader that finds the queue full waits until PIPE_REFILL batches are
 * free, and is woken only then: one sleep per PIPE_REFILL batches rather
 * than per batch when the writer is the slower; the same for a writer
 * that finds it empty (after the header). */

#define PIPE_BATCHES 8
#define PIPE_REFILL  2
#define PIPE_ARENA   (512u * 1024)
#define PIPE_EVENTS  1024
#define PRE_NONE     UINT32_MAX

struct pev {
	unsigned char type, overflow, toolong;
	int arg;
	uint32_t nf;
	uint32_t at, used;      /* EV_ROW: off[nf], len[nf], then used bytes of text */
	uint32_t pre;           /* EV_ROW: its struct ppre in the arena, or PRE_NONE */
	uint64_t suspect;       /* EV_ROW: the row's struct imp suspect */
};

/* The part of a struct member after its bookkeeping: the schema's fields,
 * all a member built from a row holds (its meta stays as member_init
 * leaves it). */
#define MFIELDS_AT  (offsetof(struct member, meta) + sizeof(struct rec_meta))
#define MFIELDS_LEN (sizeof(struct member) - MFIELDS_AT)

/* A member row prepared and validated by the reader: its vreport's
 * issues, then the stored form of its fields (enc bytes), then packed (as
 * few bytes as the writer's core must read): the 所在党支部 cell as
 * imp_orgname makes it (with its NUL) and its member's fields, undone and
 * normalised (pack_member). */
struct ppre {
	int errors, warnings, unconfirmed;
	size_t n;
	size_t enc;
	struct vissue it[];     /* n issues of its vreport */
};

/* The bytes a row's packed strings take at most: the branch's name, and
 * each field's bytes and its 2-byte length. */
enum { PPRE_NFIELDS = 0
#define SCH_F(key, ...) + 1
#include "schema/member.def"
#undef SCH_F
};
#define PPRE_PACKED_MAX (REC_TEXT_MAX + MFIELDS_LEN + 2 * PPRE_NFIELDS)

/* The largest row (IMPORT_COLS_MAX fields of IMPORT_FIELD_MAX bytes), its
 * offsets and lengths and the reader's work on it fit in one arena. */
_Static_assert(PIPE_ARENA >= 2 * 16 + IMPORT_COLS_MAX * (IMPORT_FIELD_MAX + 1 + 8) +
    sizeof(struct ppre) + V_ISSUES_MAX * sizeof(struct vissue) +
    STORE_MEMBER_ENC_MAX + PPRE_PACKED_MAX,
    "PIPE_ARENA holds a row and its work");

struct pbatch {
	size_t n, used;
	struct pev ev[PIPE_EVENTS];
	char *arena;
};

struct pipe {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;              /* head, tail, hdr or cancel changed */
	struct pbatch b[PIPE_BATCHES];  /* batch k in b[k % PIPE_BATCHES] */
	size_t head, tail;              /* batches handed over / given back */
	int cancel;                     /* the writer stopped: stop reading */
	int hdr;                        /* the writer has read the header */
	int done;                       /* the reader's last batch is handed over */
	int pre_ok;                     /* ... and it is a member file */
	int kind, col[NMCOLS];
	size_t ncols;
	/* the reader's */
	struct imp *rd;
	struct pbatch *cur;
	int cancelled;                  /* cancel, as last seen */
	struct org stub;                /* a plain branch, for validate_member */
	int bcached;                    /* braw and bnorm hold the last row's */
	char braw[REC_TEXT_MAX];        /* 所在党支部 cell (as undone) */
	char bnorm[REC_TEXT_MAX];       /* ... and its imp_orgname */
	struct store_enc *enc;          /* the reader's, for its members' fields */
};

static void
pre_report(const struct ppre *pre, struct vreport *r)
{
	r->n = pre->n;
	memcpy(r->it, pre->it, pre->n * sizeof pre->it[0]);
	r->errors = pre->errors;
	r->warnings = pre->warnings;
	r->unconfirmed = pre->unconfirmed;
}

/* m's string fields (all but its branch, the writer's) at w, each its
 * length (2 bytes) then its bytes; returns the end. */
static char *
pack_member(const struct member *m, char *w)
{
	size_t n;

#define PACK_STR(key) n = strlen(m->key); w[0] = (char)(n & 0xFF); \
	w[1] = (char)(n >> 8); memcpy(w + 2, m->key, n); w += 2 + n;
#define PACK_REF(key)
#define SCH_F(key, kind, ...) PACK_##kind(key)
#include "schema/member.def"
#undef SCH_F
#undef PACK_REF
#undef PACK_STR
	return w;
}

/* pack_member's strings at r into m. */
static void
unpack_member(struct member *m, const char *r)
{
	size_t n;

#define UNPACK_STR(key) n = (unsigned char)r[0] | (size_t)(unsigned char)r[1] << 8; \
	memcpy(m->key, r + 2, n); m->key[n] = '\0'; r += 2 + n;
#define UNPACK_REF(key)
#define SCH_F(key, kind, ...) UNPACK_##kind(key)
#include "schema/member.def"
#undef SCH_F
#undef UNPACK_REF
#undef UNPACK_STR
}

/* The stored form of the reader's member's fields, *len bytes. */
static const unsigned char *
pre_enc(const struct ppre *pre, size_t *len)
{
	*len = pre->enc;
	return (const unsigned char *)&pre->it[pre->n];
}

static const char *
pre_bname(const struct ppre *pre)
{
	return (const char *)&pre->it[pre->n] + pre->enc;
}

/* The reader's member into m, as member_cells and normalize_member make
 * it on the writer (no branch yet). */
static void
pre_member(const struct ppre *pre, struct member *m)
{
	const char *b = pre_bname(pre);

	member_init(m);
	unpack_member(m, b + strlen(b) + 1);
	m->branch = 0;
}

/* 1 when the workers are worth it: CAIJI_IMPORT_WORKER=0 / 1 forces it
 * off / on, else on with two CPUs online. */
static int
pipe_wanted(void)
{
	const char *e = getenv("CAIJI_IMPORT_WORKER");

	if (e != NULL && (*e == '0' || *e == '1'))
		return *e == '1';
	return sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

/* Hand the reader's batch over. */
static void
pipe_submit(struct pipe *p, int last)
{
	pthread_mutex_lock(&p->mu);
	p->head++;
	p->done = last;
	p->cancelled = p->cancel;
	/* a writer waiting for rows waits for PIPE_REFILL batches (or the
	 * header's, or the last) */
	if (p->head - p->tail >= PIPE_REFILL || !p->hdr || last)
		pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	p->cur = NULL;
}

/* Room for one event and need bytes (aligned) in the reader's batch;
 * returns where the bytes go, as an offset in the arena. */
static uint32_t
pipe_reserve(struct pipe *p, size_t need)
{
	size_t at;

	if (p->cur != NULL) {
		at = (p->cur->used + 15) & ~(size_t)15;
		if (p->cur->n < PIPE_EVENTS && at + need <= PIPE_ARENA)
			return (uint32_t)at;
		pipe_submit(p, 0);
	}
	pthread_mutex_lock(&p->mu);
	if (p->head - p->tail == PIPE_BATCHES)
		while (p->head - p->tail > PIPE_BATCHES - PIPE_REFILL)
			pthread_cond_wait(&p->cv, &p->mu);
	p->cancelled = p->cancel;
	pthread_mutex_unlock(&p->mu);
	p->cur = &p->b[p->head % PIPE_BATCHES];
	p->cur->n = p->cur->used = 0;
	return 0;
}

/* A reading-loop event; returns 1 when the writer asked to stop. */
static int
pipe_event(struct imp *rd, int type, int arg, size_t nf)
{
	struct pipe *p = rd->pp;
	struct pev *e;

	pipe_reserve(p, 0);
	e = &p->cur->ev[p->cur->n++];
	memset(e, 0, sizeof *e);
	e->type = (unsigned char)type;
	e->arg = arg;
	e->nf = (uint32_t)nf;
	e->pre = PRE_NONE;
	if (type == EV_END)
		pipe_submit(p, 1);
	return p->cancelled;
}

/* The reader's work on member row `row`: its cells checked and undone,
 * the member built, normalised and validated in pre (*size bytes in
 * all).  Returns 0, or -1
 * when a cell raised a problem (the writer then does the row from the
 * text as read). */
static int
pipe_prework(struct imp *rd, size_t row, struct ppre *pre, size_t *size)
{
	struct pipe *p = rd->pp;
	struct member *m = &rd->m;
	struct vreport r;
	uint32_t badcols = 0;
	char bname[REC_TEXT_MAX], *w;
	size_t len;

	rd->nquiet = 0;
	/* nothing here sets the bookkeeping (member_init'ed once, by
	 * imp_read_piped): the fields alone start over */
	memset((char *)m + MFIELDS_AT, 0, MFIELDS_LEN);
	if (member_cells(rd, row, m, &badcols) != 0 || rd->nquiet > 0)
		return -1;
	if (rd->col[MCOL_BRANCH] >= 0) {
		/* rows come branch by branch: the last name's form is kept */
		const char *cell = imp_cell(rd, rd->col[MCOL_BRANCH]), *b;
		size_t n = imp_cell_len(rd, rd->col[MCOL_BRANCH]);

		if (p->bcached && n < sizeof p->braw && memcmp(cell, p->braw, n + 1) == 0)
			memcpy(bname, p->bnorm, sizeof bname);
		else {
			b = imp_orgname(cell, bname, sizeof bname);
			if (b != bname && rec_strcpy(bname, sizeof bname, b) != 0)
				return -1;      /* too long to carry: the writer's */
			p->bcached = n < sizeof p->braw;
			if (p->bcached) {
				memcpy(p->braw, cell, n + 1);
				memcpy(p->bnorm, bname, sizeof p->bnorm);
			}
		}
	} else
		bname[0] = '\0';
	if (!member_is_normal(m))
		normalize_member(m);
	m->branch = 1;          /* the writer's, never 0 when it saves */
	validate_member(m, &p->stub, rd->o->today, &r);
	pre->n = r.n;
	memcpy(pre->it, r.it, r.n * sizeof r.it[0]);
	pre->errors = r.errors;
	pre->warnings = r.warnings;
	pre->unconfirmed = r.unconfirmed;
	/* what the writer stores for it when it is new, encoded here */
	pre->enc = 0;
	if (p->enc != NULL) {
		size_t n;
		const unsigned char *b = store_member_fields_enc(p->enc, m, &n);

		if (b != NULL && n <= STORE_MEMBER_ENC_MAX) {
			memcpy((unsigned char *)&pre->it[pre->n], b, n);
			pre->enc = n;
		}
	}
	w = (char *)&pre->it[pre->n] + pre->enc;
	len = strlen(bname) + 1;
	memcpy(w, bname, len);
	*size = (size_t)(pack_member(m, w + len) - (char *)pre);
	return 0;
}

/* The end of a record on the reader: over to the writer, with its work. */
static void
pipe_row(struct imp *rd)
{
	struct pipe *p = rd->pp;
	struct pev *e;
	size_t i, need, blank;
	uint32_t at, *offs;
	char *text;
	int work;

	rd->recno++;
	for (blank = 0; blank < rd->nf && rd->len[blank] == 0; blank++)
		;
	work = rd->recno > 1 && p->pre_ok && !rd->row_overflow && !rd->field_long &&
	    blank < rd->nf && rd->nf <= rd->ncols &&
	    (rd->nf == rd->ncols || rd->kind == IMPORT_ROSTER);
	need = rd->nf * 2 * sizeof *offs + rd->used + 16;
	if (work)
		need += sizeof(struct ppre) + V_ISSUES_MAX * sizeof(struct vissue) +
		    STORE_MEMBER_ENC_MAX + PPRE_PACKED_MAX;
	at = pipe_reserve(p, need);
	e = &p->cur->ev[p->cur->n++];
	memset(e, 0, sizeof *e);
	e->type = EV_ROW;
	e->overflow = (unsigned char)rd->row_overflow;
	e->toolong = (unsigned char)rd->field_long;
	e->nf = (uint32_t)rd->nf;
	e->at = at;
	e->used = (uint32_t)rd->used;
	e->suspect = rd->suspect;
	e->pre = PRE_NONE;
	/* a row the reader prepared goes over without its cells: the writer
	 * reads none of them (imp_row) */
	if (work) {
		struct ppre *pre = (struct ppre *)(void *)(p->cur->arena + at);
		size_t size;

		if (pipe_prework(rd, rd->recno, pre, &size) == 0) {
			e->pre = at;
			e->nf = 0;
			e->used = 0;
			p->cur->used = at + size;
			goto out;
		}
	}
	offs = (uint32_t *)(void *)(p->cur->arena + at);
	for (i = 0; i < rd->nf; i++) {
		offs[i] = (uint32_t)rd->off[i];
		offs[rd->nf + i] = (uint32_t)rd->len[i];
	}
	text = (char *)(offs + 2 * rd->nf);
	memcpy(text, rd->arena, rd->used);
	p->cur->used = (size_t)(text - p->cur->arena) + rd->used;
out:
	if (rd->recno == 1) {
		/* the header: what the file is decides what the reader can do */
		pipe_submit(p, 0);
		pthread_mutex_lock(&p->mu);
		while (!p->hdr && !p->cancel)
			pthread_cond_wait(&p->cv, &p->mu);
		p->cancelled = p->cancel;
		rd->kind = p->kind;
		rd->ncols = p->ncols;
		memcpy(rd->col, p->col, sizeof rd->col);
		pthread_mutex_unlock(&p->mu);
	}
	rd->nf = 0;
	rd->used = 0;
	rd->suspect = 0;
	rd->row_overflow = 0;
	rd->field_long = 0;
}

/* libcsv's end of a record. */
static void
imp_cb_row(int term, void *ud)
{
	struct imp *im = ud;

	(void)term;
	if (im->pp != NULL)
		pipe_row(im);
	else
		imp_row(im);
}

/* An event of the reading loop: handled here, or handed to the writer. */
static int
imp_ev(struct imp *im, int type, int arg, size_t nf)
{
	if (im->pp != NULL)
		return pipe_event(im, type, arg, nf);
	return imp_handle(im, type, arg, nf);
}

/* The first BOM (EF BB BF) in the n bytes at p, or NULL.  memchr for its
 * first byte: Chinese text seldom has it (full-width forms only). */
static char *
find_bom(char *p, size_t n)
{
	char *e = p + n, *q;

	while ((q = memchr(p, 0xEF, (size_t)(e - p))) != NULL) {
		if (e - q >= 3 && (unsigned char)q[1] == 0xBB &&
		    (unsigned char)q[2] == 0xBF)
			return q;
		p = q + 1;
	}
	return NULL;
}

/* Read, decode and parse the whole file (im is the one thread's imp, or
 * the reader's). */
static void
imp_read(struct imp *im)
{
	char *bom;
	size_t n;

	for (;;) {
		n = imp_next(im);
		if (n == (size_t)-1) {
			imp_ev(im, EV_READERR, errno, 0);
			break;
		}
		if (n == 0) {
			if (csv_fini(&im->p, imp_cb_field, imp_cb_row, im) != 0)
				imp_ev(im, EV_FINI, 0, 0);
			break;
		}
		bom = find_bom(im->dec, n);
		if (bom != NULL) {
			size_t k = (size_t)(bom - im->dec);

			imp_ev(im, EV_BOM, csv_parse(&im->p, im->dec, k, imp_cb_field,
			    imp_cb_row, im) == k, 0);
			break;
		}
		if (csv_parse(&im->p, im->dec, n, imp_cb_field, imp_cb_row, im) != n) {
			imp_ev(im, EV_CSVERR, csv_error(&im->p), im->nf);
			break;
		}
		if (imp_ev(im, EV_CHUNK, 0, 0))
			break;
	}
}

static void *
pipe_main(void *arg)
{
	struct imp *rd = arg;

	imp_read(rd);
	pipe_event(rd, EV_END, 0, 0);
	csv_free(&rd->p);
	return NULL;
}

/* Tell the reader what the header made of the file (or to stop). */
static void
pipe_publish(struct pipe *p, struct imp *im, int stop)
{
	int wake = stop;

	pthread_mutex_lock(&p->mu);
	if (!p->hdr && (im->recno >= 1 || stop)) {
		wake = 1;
		p->hdr = 1;
		p->kind = im->kind;
		p->ncols = im->ncols;
		memcpy(p->col, im->col, sizeof p->col);
		p->pre_ok = !im->stop &&
		    (im->kind == IMPORT_MEMBERS || im->kind == IMPORT_ROSTER);
	}
	if (stop)
		p->cancel = 1;
	p->tail++;
	/* a reader waiting for room waits for PIPE_REFILL free batches */
	if (wake || p->head - p->tail <= PIPE_BATCHES - PIPE_REFILL)
		pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

/* The writer: run the reader's events in order until its end. */
static void
pipe_consume(struct pipe *p, struct imp *im)
{
	char *own = im->arena;
	int skip = 0, end = 0;

	while (!end) {
		struct pbatch *b;
		size_t k, i;

		pthread_mutex_lock(&p->mu);
		if (p->head == p->tail)
			while (p->head - p->tail < (p->hdr && !p->done ? PIPE_REFILL : 1))
				pthread_cond_wait(&p->cv, &p->mu);
		b = &p->b[p->tail % PIPE_BATCHES];
		pthread_mutex_unlock(&p->mu);
		for (k = 0; k < b->n; k++) {
			struct pev *e = &b->ev[k];

			if (e->type == EV_END) {
				end = 1;
				break;
			}
			if (skip)
				continue;
			if (e->type == EV_ROW) {
				uint32_t *offs = (uint32_t *)(void *)(b->arena + e->at);

				im->nf = e->nf;
				for (i = 0; i < e->nf; i++) {
					im->off[i] = offs[i];
					im->len[i] = offs[e->nf + i];
				}
				im->used = e->used;
				im->suspect = e->suspect;
				im->arena = (char *)(offs + 2 * e->nf);
				im->row_overflow = e->overflow;
				im->field_long = e->toolong;
				im->pre = e->pre == PRE_NONE ? NULL :
				    (const struct ppre *)(void *)(b->arena + e->pre);
				imp_row(im);
				im->pre = NULL;
				im->arena = own;
			} else if (imp_handle(im, e->type, e->arg, e->nf))
				skip = 1;
		}
		pipe_publish(p, im, skip);
	}
}

/* Run the file's reading on a reader thread, the rest here (csv_init'ed
 * im->p is left untouched).  Returns 0, or -1 when no thread could be
 * started (nothing read yet). */
static int
imp_read_piped(struct imp *im)
{
	struct pipe *p;
	struct imp *rd;
	sigset_t all, old;
	size_t k;
	int rc = -1, made;

	p = calloc(1, sizeof *p);
	rd = malloc(sizeof *rd);
	if (p == NULL || rd == NULL)
		goto out;
	*rd = *im;              /* the source, the decoder and the parser move over */
	rd->arena = NULL;
	member_init(&rd->m);
	for (k = 0; k < PIPE_BATCHES; k++)
		if ((p->b[k].arena = malloc(PIPE_ARENA)) == NULL)
			goto out;
	if ((rd->arena = malloc((size_t)IMPORT_COLS_MAX * (IMPORT_FIELD_MAX + 1))) == NULL)
		goto out;
	rd->pp = p;
	rd->quiet = 1;
	p->rd = rd;
	p->enc = store_enc_new();       /* without it the writer encodes */
	rec_strcpy(p->stub.category, sizeof p->stub.category, "党支部");
	if (pthread_mutex_init(&p->mu, NULL) != 0)
		goto out;
	if (pthread_cond_init(&p->cv, NULL) != 0) {
		pthread_mutex_destroy(&p->mu);
		goto out;
	}
	/* signals (the TUI's SIGHUP, a terminal's SIGINT) stay this thread's */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	made = pthread_create(&p->th, NULL, pipe_main, rd) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!made) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		goto out;
	}
	pipe_consume(p, im);
	pthread_join(p->th, NULL);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	rc = 0;
out:
	if (p != NULL)
		for (k = 0; k < PIPE_BATCHES; k++)
			free(p->b[k].arena);
	if (rd != NULL)
		free(rd->arena);
	if (p != NULL)
		store_enc_free(p->enc);
	free(rd);
	free(p);
	return rc;
}

/* ---- one file in a transaction ---- */

static void
imp_reset(struct imp *im, struct store_txn *t)
{
	im->t = t;
	im->nf = im->used = 0;
	im->suspect = 0;
	im->row_overflow = im->field_long = 0;
	im->recno = 0;
	im->kind = IMPORT_UNKNOWN;
	im->undecided = 0;
	im->ncols = 0;
	im->stop = 0;
	im->hard_rc = 0;
	memset(&im->st, 0, sizeof im->st);
	im->st.encoding = enc_names[im->enc];
	im->nprob = 0;
	im->bstate = 0;
	im->first_new = 0;
	idset_clear(&im->seen);
	im->have_pend = im->pend_bad = 0;
	im->committee = im->general = 0;
	im->general_bad = 0;
	im->committee_name[0] = '\0';
	im->rawlen = 0;
	im->first_chunk = 1;
	if (im->enc == ENC_GB18030)
		iconv(im->cd, NULL, NULL, NULL, NULL);
}

/* Parse and merge the whole file inside t.  Returns 0 (commit), IMP_ABORT
 * (problems or dry run) or a negative store rc. */
static int
imp_run(struct store_txn *t, struct imp *im)
{
	int rc;

	imp_reset(im, t);
	if (src_rewind(&im->src) != 0) {
		imp_problem(im, 0, "", SEV_ERROR, "无法重新读取文件:%s", errno_text(errno));
		return IMP_ABORT;
	}
	if (csv_init(&im->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return STORE_EIO;
	csv_set_realloc_func(&im->p, imp_capped_realloc);
	csv_set_blk_size(&im->p, 1024);
	if (!pipe_wanted() || imp_read_piped(im) != 0)
		imp_read(im);
	if (!im->stop && (im->kind == IMPORT_ORG_SELF || im->kind == IMPORT_ORG_BRANCHES))
		imp_org_flush(im);
	csv_free(&im->p);
	if (im->recno == 0 && im->st.errors == 0)
		imp_problem(im, 0, "", SEV_ERROR, "文件为空(没有表头,也没有数据)");
	rc = im->hard_rc;
	if (rc == 0 && (im->st.errors > 0 || im->o->dry_run))
		rc = IMP_ABORT;
	return rc;
}

/* The audit trail: the file's entry (name, SHA-256), then one short
 * entry per record written pointing to it, then the rows read. */
static int
imp_txn_cb(struct store_txn *t, void *ud)
{
	struct imp *im = ud;
	struct store_audit_file f;
	uint64_t seq;
	char text[160];
	int rc;

	f.name = im->base;
	f.rows = 0;
	memcpy(f.sha256, im->sha256, sizeof f.sha256);
	if ((rc = store_txn_audit_note(t, AU_IMPORT, AUK_FILE, im->base, "开始导入",
	    &f, 1, &seq, NULL)) != 0)
		return rc;
	store_txn_audit_source(t, seq);
	if ((rc = imp_run(t, ud)) != 0)
		return rc;
	f.rows = im->st.rows;
	snprintf(text, sizeof text, "导入完成 %s: 读取 %zu 行, 新增 %zu, 更新 %zu, 未变 %zu",
	    import_kind_label(im->st.kind), im->st.rows, im->st.added,
	    im->st.updated, im->st.unchanged);
	return store_txn_audit_note(t, AU_IMPORT, AUK_FILE, im->base, text, &f, 1,
	    NULL, NULL);
}

static const char *
base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

static int
imp_open(struct imp *im, struct store *s, const char *name, const char *display,
    const struct import_opts *o)
{
	memset(im, 0, sizeof *im);
	im->s = s;
	im->o = o;
	im->display = display ? display : name;
	im->base = base_name(name);
	im->cd = (iconv_t)-1;
	im->raw = malloc(IMP_CHUNK + 64);
	im->dec = malloc(IMP_CHUNK * 2 + 64);
	im->arena = malloc((size_t)IMPORT_COLS_MAX * (IMPORT_FIELD_MAX + 1));
	im->cd = iconv_open("UTF-8", "GB18030");
	if (im->raw == NULL || im->dec == NULL || im->arena == NULL ||
	    im->cd == (iconv_t)-1)
		return -1;
	return 0;
}

static void
imp_close(struct imp *im)
{
	if (im->src.fp != NULL)
		fclose(im->src.fp);
	if (im->cd != (iconv_t)-1)
		iconv_close(im->cd);
	free(im->raw);
	free(im->dec);
	free(im->arena);
	idset_clear(&im->seen);
	org_free(&im->branch);
	org_free(&im->pend);
	org_free(&im->cur);
}

/* The SHA-256 of a file, taken on a thread of its own while imp_detect
 * reads the file on this one (pread: the two never share an offset). */
struct hashing {
	struct imp *im;
	int rc, err;
};

static void *
hash_main(void *arg)
{
	struct hashing *h = arg;
	struct imp *im = h->im;
	struct digest_ctx *c;
	char *buf;
	off_t off = 0;
	ssize_t n;

	h->rc = -1;
	h->err = 0;
	if (im->src.fp == NULL) {
		h->rc = 0;
		(void)digest_mem(im->src.mem, im->src.len, im->sha256);
		return NULL;
	}
	if ((buf = malloc(IMP_CHUNK)) == NULL || (c = digest_begin()) == NULL) {
		h->err = ENOMEM;
		free(buf);
		return NULL;
	}
	while ((n = pread(fileno(im->src.fp), buf, IMP_CHUNK, off)) > 0) {
		if (digest_add(c, buf, (size_t)n) != 0)
			break;
		off += n;
	}
	if (n < 0)
		h->err = errno;
	if (digest_end(c, n == 0 ? im->sha256 : NULL) == 0 && n == 0)
		h->rc = 0;
	free(buf);
	return NULL;
}

/* imp_detect with the file's SHA-256 taken beside it, problems and their
 * order as when one follows the other.  Returns 0 (detected), 1 (refused,
 * reported) or -1 when no thread could be started (nothing done). */
static int
imp_detect_hashing(struct imp *im)
{
	struct hashing h = { im, -1, 0 };
	sigset_t all, old;
	pthread_t th;
	int made, rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	made = pthread_create(&th, NULL, hash_main, &h) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!made)
		return -1;
	/* quiet: a problem of the file's bytes comes after one of reading it */
	im->quiet = 1;
	im->nquiet = 0;
	rc = imp_detect(im);
	im->quiet = 0;
	pthread_join(th, NULL);
	if (h.rc != 0) {
		imp_problem(im, 0, "", SEV_ERROR, "无法读取文件:%s",
		    errno_text(h.err ? h.err : EIO));
		return 1;
	}
	if (rc != 0 && (src_rewind(&im->src) != 0 || imp_detect(im) != 0))
		return 1;       /* again, to report it */
	return 0;
}

/* Detect, then run the file in its own transaction (or, with dry_run,
 * one that is always aborted). */
static int
imp_go(struct imp *im, struct import_stats *st)
{
	char *cause = NULL;
	int rc = -1;

	im->st.encoding = "";
	/* the SHA-256 of the file, for the audit trail */
	if (pipe_wanted() && (rc = imp_detect_hashing(im)) >= 0) {
		if (rc != 0)
			goto out;
	} else if (im->src.fp != NULL) {
		if (digest_stream(im->src.fp, im->sha256) != 0 ||
		    fseek(im->src.fp, 0, SEEK_SET) != 0) {
			imp_problem(im, 0, "", SEV_ERROR, "无法读取文件:%s",
			    errno_text(errno));
			rc = 1;
			goto out;
		}
	} else
		(void)digest_mem(im->src.mem, im->src.len, im->sha256);
	if (rc != 0 && imp_detect(im) != 0) {
		rc = 1;
		goto out;
	}
	rc = store_write(im->s, imp_txn_cb, im, &cause);
	if (rc == IMP_ABORT)
		rc = im->st.errors > 0 ? 1 : 0;
	else if (rc == 0)
		im->st.written = 1;
	else {
		imp_problem(im, 0, "", SEV_ERROR, "写入数据库失败:%s,文件没有导入",
		    cause ? cause : store_strerror(rc));
		if (rc > 0)
			rc = 1;
	}
	free(cause);
out:
	if (st != NULL) {
		*st = im->st;
		if (st->encoding == NULL)
			st->encoding = "";
		rec_strcpy(st->committee, sizeof st->committee, im->committee_name);
	}
	return rc;
}

int
import_file(struct store *s, const char *path, const char *display,
    const struct import_opts *o, struct import_stats *st)
{
	struct imp *im;
	const char *why;
	int rc;

	im = calloc(1, sizeof *im);
	if (im == NULL)
		return STORE_EIO;
	if (imp_open(im, s, path, display, o) != 0) {
		rc = STORE_EIO;
		goto out;
	}
	im->src.fp = imp_fopen(path, &why);
	if (im->src.fp == NULL) {
		imp_problem(im, 0, "", SEV_ERROR, "无法打开文件:%s", why);
		if (st != NULL) {
			memset(st, 0, sizeof *st);
			st->encoding = "";
			st->errors = 1;
		}
		rc = 1;
		goto out;
	}
	rc = imp_go(im, st);
out:
	imp_close(im);
	free(im);
	return rc;
}

int
import_mem(struct store *s, const char *name, const void *buf, size_t len,
    const struct import_opts *o, struct import_stats *st)
{
	struct imp *im;
	int rc;

	im = calloc(1, sizeof *im);
	if (im == NULL)
		return STORE_EIO;
	if (imp_open(im, s, name, NULL, o) != 0) {
		rc = STORE_EIO;
		goto out;
	}
	im->src.mem = buf;
	im->src.len = len;
	rc = imp_go(im, st);
out:
	imp_close(im);
	free(im);
	return rc;
}

/* ---- several files ---- */

/* 0 本级, 1 (党支部), 2 members: the order files are imported in. */
static int
file_rank(const char *path)
{
	const char *b = base_name(path);

	if (strstr(b, "基层党委本级") != NULL)
		return 0;
	if (strstr(b, "(党支部)") != NULL || strstr(b, "\xEF\xBC\x88党支部\xEF\xBC\x89") != NULL)
		return 1;
	return 2;
}

static void
stats_add(struct import_stats *t, const struct import_stats *s)
{
	t->rows += s->rows;
	t->added += s->added;
	t->updated += s->updated;
	t->unchanged += s->unchanged;
	t->warnings += s->warnings;
	t->checked += s->checked;
	t->errors += s->errors;
}

struct dry {
	struct imp **im;
	struct import_opts *fo;
	size_t n;
};

/* Dry run of every file in one transaction, always aborted. */
static int
dry_cb(struct store_txn *t, void *ud)
{
	struct dry *d = ud;
	char committee[REC_TEXT_MAX] = "";
	size_t i;
	int rc;

	for (i = 0; i < d->n; i++) {
		struct imp *im = d->im[i];

		if (im == NULL)
			continue;
		if (file_rank(im->display) == 1 && d->fo[i].committee == NULL &&
		    committee[0] != '\0')
			d->fo[i].committee = committee;
		rc = imp_run(t, im);
		if (rc < 0)
			return rc;
		if (im->kind == IMPORT_ORG_SELF && committee[0] == '\0')
			memcpy(committee, im->committee_name, sizeof committee);
		if (d->fo[i].committee == committee)
			d->fo[i].committee = NULL;
	}
	return IMP_ABORT;
}

int
import_files(struct store *s, char **paths, size_t n, const struct import_opts *o,
    struct import_stats *total,
    void (*per_file)(const char *path, const struct import_stats *st, void *ud),
    void *ud)
{
	size_t *ord, i, k;
	int rank, status = 0, rc;
	char committee[REC_TEXT_MAX] = "";
	struct import_stats st;

	memset(total, 0, sizeof *total);
	total->encoding = "";
	ord = calloc(n ? n : 1, sizeof *ord);
	if (ord == NULL)
		return 1;
	for (k = 0, rank = 0; rank < 3; rank++)
		for (i = 0; i < n; i++)
			if (file_rank(paths[i]) == rank)
				ord[k++] = i;
	if (!o->dry_run) {
		for (k = 0; k < n; k++) {
			struct import_opts fo = *o;
			const char *p = paths[ord[k]];

			if (file_rank(p) == 1 && fo.committee == NULL && committee[0] != '\0')
				fo.committee = committee;
			rc = import_file(s, p, NULL, &fo, &st);
			if (rc != 0)
				status = 1;
			if (st.kind == IMPORT_ORG_SELF && st.written && committee[0] == '\0')
				rec_strcpy(committee, sizeof committee, st.committee);
			stats_add(total, &st);
			if (per_file != NULL)
				per_file(p, &st, ud);
		}
		free(ord);
		return status;
	}
	{
		struct dry d;
		char *cause = NULL;

		d.n = n;
		d.im = calloc(n ? n : 1, sizeof *d.im);
		d.fo = calloc(n ? n : 1, sizeof *d.fo);
		if (d.im == NULL || d.fo == NULL) {
			free(d.im);
			free(d.fo);
			free(ord);
			return 1;
		}
		for (k = 0; k < n; k++) {
			struct imp *im = calloc(1, sizeof *im);
			const char *p = paths[ord[k]], *why = NULL;

			d.fo[k] = *o;
			if (im == NULL || imp_open(im, s, p, NULL, &d.fo[k]) != 0 ||
			    (im->src.fp = imp_fopen(p, &why)) == NULL) {
				if (im != NULL) {
					imp_problem(im, 0, "", SEV_ERROR, "无法打开文件:%s",
					    why ? why : errno_text(errno));
					imp_close(im);
					free(im);
				}
				total->errors++;
				status = 1;
				continue;
			}
			if (imp_detect(im) != 0) {
				stats_add(total, &im->st);
				if (per_file != NULL)
					per_file(p, &im->st, ud);
				imp_close(im);
				free(im);
				status = 1;
				continue;
			}
			d.im[k] = im;
		}
		rc = store_write(s, dry_cb, &d, &cause);
		if (rc != IMP_ABORT) {
			fprintf(stderr, "caiji: 数据库出错:%s\n", cause ? cause : store_strerror(rc));
			status = 1;
		}
		free(cause);
		for (k = 0; k < n; k++) {
			if (d.im[k] == NULL)
				continue;
			if (d.im[k]->st.errors > 0)
				status = 1;
			stats_add(total, &d.im[k]->st);
			if (per_file != NULL)
				per_file(paths[ord[k]], &d.im[k]->st, ud);
			imp_close(d.im[k]);
			free(d.im[k]);
		}
		free(d.im);
		free(d.fo);
	}
	free(ord);
	return status;
}

int
import_problem_text(const struct import_problem *p, char *buf, size_t size)
{
	char row[32] = "", col[320] = "";

	if (p->row > 0)
		snprintf(row, sizeof row, "第%zu行:", p->row);
	if (p->column != NULL && *p->column != '\0')
		snprintf(col, sizeof col, " [%s]", p->column);
	return snprintf(buf, size, "%s:%s%s %s: %s", p->file, row, col,
	    p->sev == SEV_ERROR ? "错误" : "警告", p->msg);
}

int
import_counts_text(const struct import_stats *st, char *buf, size_t size)
{
	int n = snprintf(buf, size, "读取%zu行,新增%zu,更新%zu,未变%zu,警告%zu",
	    st->rows, st->added, st->updated, st->unchanged, st->warnings);

	if (st->checked > 0 && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, ",按党支部已初核%zu", st->checked);
	return n;
}

int
import_file_text(const char *path, const struct import_stats *st, int dry_run,
    char *buf, size_t size)
{
	char enc[64] = "", counts[160];

	if (st->encoding != NULL && *st->encoding)
		snprintf(enc, sizeof enc, " (%s)", st->encoding);
	import_counts_text(st, counts, sizeof counts);
	if (st->errors > 0)
		return snprintf(buf, size, "%s: %s%s;%s;错误%zu,整个文件未导入,数据库没有改动",
		    path, st->kind ? import_kind_label(st->kind) : "未识别", enc, counts,
		    st->errors);
	return snprintf(buf, size, "%s: %s%s;%s;%s", path,
	    st->kind ? import_kind_label(st->kind) : "未识别", enc, counts,
	    dry_run ? "试运行,没有写入" : "已导入");
}
