/* export.c - the pre-export check and the streamed CSV/XLSX report files. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <csv.h>
#include <xlsxwriter.h>

#include "cause.h"
#include "codelist.h"
#include "export.h"
#include "outfile.h"
#include "safefile.h"
#include "report.h"
#include "review.h"
#include "utf8.h"
#include "validate.h"
#include "xlsx.h"

#define OW_FLUSH  (OUTFILE_BUF - 8192) /* flush once a row ends past this */
#define MEMO_MAX  256            /* cells shorter than this are remembered */
#define MEMO_TRY  256            /* ... and judged after this many rows */
#define MEMO_SHORT 64            /* cells shorter than this: MEMO_WAYS of them */
#define MEMO_WAYS 16
#define PATH_LEN  4096

/* dir + "/" + name into out; -1 when it does not fit. */
static int
path_join(char *out, size_t n, const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);

	if (a + 1 + b + 1 > n)
		return -1;
	memcpy(out, dir, a);
	out[a] = '/';
	memcpy(out + a + 1, name, b + 1);
	return 0;
}

/* ---- CSV rows ---- */

/* What turns cells into CSV bytes: the columns and, per column, the
 * bytes made of its recent cells.  A short cell (a code-list name: 性别,
 * 民族, 学历, 工作岗位, 是/否 ...) is remembered in one of MEMO_WAYS slots
 * chosen by its bytes, so that a column of a dozen names alternating
 * still finds them; a longer one (the branch's name) as the column's last
 * cell.  What is remembered is the cell's finished bytes (its marker
 * included), so a cell met again costs a compare and a copy.  A column
 * whose cells seldom repeat stops being remembered.  One per sink, and
 * one per export worker. */
struct csv_enc {
	const struct report_col *cols;
	size_t ncols;
	int plain;                /* without the Excel-safe markers */
	struct csv_memo {
		size_t tries, hits;
		int off;
		size_t inlen, outlen;             /* the last longer cell */
		char in[MEMO_MAX], out[2 * MEMO_MAX + 4];
		struct csv_slot {                 /* short cells */
			/* size_t, not char: with lengths it knows to be
			 * small gcc inlines the copy as rep movsq, whose
			 * start costs more than a short cell */
			size_t inlen, outlen;
			char in[MEMO_SHORT], out[2 * MEMO_SHORT + 4];
		} slot[MEMO_WAYS];
	} memo[REPORT_MEMBER_NCOLS];
};

/* Bytes csv_cells may need for cells [from, ncols) of lengths len. */
static size_t
csv_room(const size_t *len, size_t from, size_t ncols)
{
	size_t i, room = 2;

	for (i = from; i < ncols; i++)
		room += 2 * len[i] + 9;
	return room;
}

/* Cell i (v, n bytes) as CSV at o: quoted by libcsv's csv_write, with the
 * Excel-safe prefix of its column inside the quotes (not in a header).
 * Returns the bytes (at most 2 * n + 4). */
static size_t
csv_cell(const struct csv_enc *e, size_t i, const char *v, size_t n, int header,
    char *o)
{
	char pre[2];
	size_t np = 0, cl, j;

	if (!header && i > 0 && !e->plain)
		np = report_cell_prefix(v, e->cols[i].text, pre);
	/* csv_write quotes at o[np]; the prefix goes inside */
	cl = csv_write(o + np, 2 * n + 2, v, n);
	if (np > 0) {
		o[0] = '"';
		for (j = 0; j < np; j++)
			o[j + 1] = pre[j];
	}
	return np + cl;
}

/* The slot of a short cell: from its length and two of its bytes (the
 * last ones of two characters, for Chinese names). */
static inline size_t
memo_way(const char *v, size_t n)
{
	return ((unsigned char)v[n - 1] * 31u + (unsigned char)v[n / 2] * 7u +
	    (unsigned)n) & (MEMO_WAYS - 1);
}

/* Cells [from, e->ncols) of one row (lengths len) as CSV at out, which has
 * csv_room() bytes: each cell after a comma (but the first of the row),
 * as csv_cell() makes it, then CRLF.  Returns the bytes. */
static size_t
csv_cells(struct csv_enc *e, const char *const *cells, const size_t *len,
    size_t from, int header, char *out)
{
	char *o = out;
	size_t i, n, cl;

	for (i = from; i < e->ncols; i++) {
		const char *v = cells[i];
		struct csv_memo *mo;

		if (i > 0)
			*o++ = ',';
		n = len[i];
		if (header || n == 0 || n >= MEMO_MAX || i >= REPORT_MEMBER_NCOLS ||
		    e->memo[i].off) {
			o += csv_cell(e, i, v, n, header, o);
			continue;
		}
		mo = &e->memo[i];
		if (n < MEMO_SHORT) {
			struct csv_slot *sl = &mo->slot[memo_way(v, n)];

			if (sl->inlen == n && memcmp(sl->in, v, n) == 0) {
				memcpy(o, sl->out, sl->outlen);
				cl = sl->outlen;
				mo->hits++;
			} else {
				cl = csv_cell(e, i, v, n, 0, o);
				memcpy(sl->in, v, n);
				sl->inlen = n;
				memcpy(sl->out, o, cl);
				sl->outlen = cl;
			}
		} else if (mo->inlen == n && memcmp(mo->in, v, n) == 0) {
			memcpy(o, mo->out, mo->outlen);
			cl = mo->outlen;
			mo->hits++;
		} else {
			cl = csv_cell(e, i, v, n, 0, o);
			memcpy(mo->in, v, n);
			mo->inlen = n;
			memcpy(mo->out, o, cl);
			mo->outlen = cl;
		}
		if (++mo->tries == MEMO_TRY && mo->hits < MEMO_TRY / 4)
			mo->off = 1;
		o += cl;
	}
	*o++ = '\r';
	*o++ = '\n';
	return (size_t)(o - out);
}

/* ---- one table written to CSV and/or XLSX at once ---- */

struct sink {
	const struct report_col *cols;
	size_t ncols;
	int encoding;
	/* CSV */
	int csv;
	struct outfile ow;
	char csv_tmp[PATH_LEN], csv_path[PATH_LEN];
	/* XLSX */
	int xlsx;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *f_head, *f_text, *f_plain;
	lxw_row_t row;
	char x_tmp[PATH_LEN], x_path[PATH_LEN];
	char cell[REPORT_CELL_MAX];
	double width[REPORT_MEMBER_NCOLS]; /* widest cell so far, in Excel units */
	int failed;
	struct csv_enc enc;       /* the CSV's columns and memory */
};

/* The hidden sheet of dropdown lists and the validations that use it. */
static int
sink_lists(struct sink *k, char **cause)
{
	lxw_worksheet *ls;
	const struct codelist *l[REPORT_MEMBER_NCOLS];
	size_t i, j, maxn = 0, ncol = 0;
	int colof[REPORT_MEMBER_NCOLS];

	for (i = 0; i < k->ncols; i++) {
		const struct codelist *cl;

		colof[i] = -1;
		if (k->cols[i].list < 0)
			continue;
		cl = codelist_get(k->cols[i].list);
		if (cl == NULL || cl->n == 0)
			continue;
		for (j = 0; j < ncol; j++)          /* one list column per list */
			if (l[j] == cl)
				colof[i] = (int)j;
		if (colof[i] >= 0)
			continue;
		l[ncol] = cl;
		colof[i] = (int)ncol;
		if (cl->n > maxn)
			maxn = cl->n;
		ncol++;
	}
	if (ncol == 0)
		return 0;
	ls = workbook_add_worksheet(k->wb, "代码表");
	if (ls == NULL) {
		cause_set(cause, "无法创建代码表工作表");
		return -1;
	}
	for (j = 0; j < maxn; j++)
		for (i = 0; i < ncol; i++)
			if (j < l[i]->n)
				worksheet_write_string(ls, (lxw_row_t)j,
				    (lxw_col_t)i, l[i]->e[j].name, NULL);
	worksheet_hide(ls);
	for (i = 0; i < k->ncols; i++) {
		lxw_data_validation dv;
		char formula[96];
		char col = (char)('A' + colof[i]);

		if (colof[i] < 0)
			continue;
		memset(&dv, 0, sizeof dv);
		snprintf(formula, sizeof formula, "='代码表'!$%c$1:$%c$%zu",
		    col, col, l[colof[i]]->n);
		dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
		dv.value_formula = formula;
		dv.error_title = (char *)"输入有误";
		dv.error_message = (char *)"请从下拉列表中选择";
		worksheet_data_validation_range(k->ws, 1, (lxw_col_t)i,
		    LXW_ROW_MAX - 1, (lxw_col_t)i, &dv);
	}
	return 0;
}

/* Print the table the way the official forms are printed: A4 landscape,
 * every column within one page width (as many pages down as needed), the
 * header row repeated on every page, the table's title (its file name) as
 * the page header and the page number as the footer. */
static void
sink_print_layout(struct sink *k, const char *xlsx_name)
{
	char hdr[256];
	size_t n = strlen(xlsx_name), i, o;

	if (n > 5 && strcmp(xlsx_name + n - 5, ".xlsx") == 0)
		n -= 5;
	o = (size_t)snprintf(hdr, sizeof hdr, "&C&B&14");
	for (i = 0; i < n; i++) {
		size_t len = 1;

		while (i + len < n && ((unsigned char)xlsx_name[i + len] & 0xC0) == 0x80)
			len++;
		/* '&' starts a code in a page header: doubled to print itself */
		if (o + len + (xlsx_name[i] == '&') >= sizeof hdr)
			break;
		if (xlsx_name[i] == '&')
			hdr[o++] = '&';
		memcpy(hdr + o, xlsx_name + i, len);
		o += len;
		i += len - 1;
	}
	hdr[o] = '\0';
	worksheet_set_landscape(k->ws);
	worksheet_set_paper(k->ws, 9);                  /* A4 */
	worksheet_fit_to_pages(k->ws, 1, 0);            /* 1 wide, any tall */
	worksheet_set_margins(k->ws, 0.3, 0.3, 0.75, 0.6);
	worksheet_repeat_rows(k->ws, 0, 0);
	worksheet_set_header(k->ws, hdr);
	worksheet_set_footer(k->ws, "&C第 &P 页,共 &N 页");
}

/* Open the sink's files in dir under the final name base (no extension). */
static int
sink_open(struct sink *k, const struct report_col *cols, size_t ncols,
    int formats, int encoding, int plain, const char *dir, const char *csv_name,
    const char *xlsx_name, const char *sheet, char **cause)
{
	size_t i;
	int fd;

	memset(k, 0, sizeof *k);
	outfile_init(&k->ow);
	k->cols = cols;
	k->ncols = ncols;
	k->encoding = encoding;
	if (formats & EXPORT_CSV) {
		fd = -1;
		if (path_join(k->csv_path, sizeof k->csv_path, dir, csv_name) == 0)
			fd = outfile_tmp(dir, k->csv_tmp, sizeof k->csv_tmp);
		if (fd < 0) {
			cause_set(cause, "无法在 %s 中创建文件: %s", dir,
			    outfile_strerror(errno));
			return -1;
		}
		k->csv = 1;
		if (outfile_open(&k->ow, fd, encoding == EXPORT_GB18030 ?
		    OUTFILE_GB18030 : OUTFILE_UTF8) != 0) {
			cause_set(cause, "无法准备%s编码转换",
			    encoding == EXPORT_GB18030 ? "GB18030" : "UTF-8");
			return -1;
		}
		(void)outfile_hash(&k->ow);   /* else export_audit reads it back */
		k->enc.cols = cols;
		k->enc.ncols = ncols;
		k->enc.plain = plain;
		if (encoding == EXPORT_UTF8 && !plain)
			(void)outfile_put(&k->ow, "\xEF\xBB\xBF", 3);
	}
	if (formats & EXPORT_XLSX) {
		lxw_workbook_options wo = { .constant_memory = LXW_TRUE,
			.tmpdir = (char *)dir, .use_zip64 = LXW_FALSE };

		fd = -1;
		if (path_join(k->x_path, sizeof k->x_path, dir, xlsx_name) == 0)
			fd = outfile_tmp(dir, k->x_tmp, sizeof k->x_tmp);
		if (fd < 0) {
			cause_set(cause, "无法在 %s 中创建文件: %s", dir,
			    outfile_strerror(errno));
			return -1;
		}
		close(fd);
		k->xlsx = 1;
		k->wb = workbook_new_opt(k->x_tmp, &wo);
		if (k->wb == NULL) {
			cause_set(cause, "无法创建电子表格 %s", xlsx_name);
			return -1;
		}
		k->ws = workbook_add_worksheet(k->wb, sheet);
		k->f_head = workbook_add_format(k->wb);
		k->f_text = workbook_add_format(k->wb);
		k->f_plain = workbook_add_format(k->wb);
		if (k->ws == NULL || k->f_head == NULL || k->f_text == NULL ||
		    k->f_plain == NULL) {
			cause_set(cause, "无法创建电子表格 %s", xlsx_name);
			return -1;
		}
		format_set_bold(k->f_head);
		format_set_border(k->f_head, LXW_BORDER_THIN);
		format_set_text_wrap(k->f_head);
		format_set_align(k->f_head, LXW_ALIGN_CENTER);
		format_set_align(k->f_head, LXW_ALIGN_VERTICAL_CENTER);
		format_set_num_format(k->f_head, "@");
		format_set_num_format(k->f_text, "@");
		format_set_border(k->f_text, LXW_BORDER_THIN);
		format_set_border(k->f_plain, LXW_BORDER_THIN);
		worksheet_freeze_panes(k->ws, 1, 0);
		sink_print_layout(k, xlsx_name);
		for (i = 0; i < ncols; i++)
			k->width[i] = cols[i].width;
		if (sink_lists(k, cause) != 0)
			return -1;
	}
	return 0;
}

/* Width of a cell in Excel column units, estimated from its bytes: a
 * character of 3 UTF-8 bytes or more (CJK) takes two, ASCII one, plus a
 * margin.  Deliberately not utf8_width(): the column widths of the
 * reports are kept byte-identical across releases, and this estimate
 * gives a 2-byte character such as the middle dot "·" no width. */
static double
cell_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	double w = 1.5;

	for (; *p; p++) {
		if (*p < 0x80)
			w += 1;
		else if (*p >= 0xE0)
			w += 2;
	}
	return w;
}

/* Write one row: cells[0] is 序号 (a number in XLSX). */
static int
sink_row(struct sink *k, const char *const *cells, size_t seq, int header)
{
	size_t i;

	if (k->csv) {
		struct outfile *w = &k->ow;
		size_t len[(int)REPORT_MEMBER_NCOLS > (int)REPORT_ORG_NCOLS ?
		    REPORT_MEMBER_NCOLS : REPORT_ORG_NCOLS];
		char *out;

		for (i = 0; i < k->ncols; i++)
			len[i] = strlen(cells[i]);
		if ((out = outfile_reserve(w, csv_room(len, 0, k->ncols))) == NULL)
			return -1;
		outfile_advance(w, csv_cells(&k->enc, cells, len, 0, header, out));
		if (w->n > OW_FLUSH && outfile_flush(w) != 0)
			return -1;
	}
	if (k->xlsx) {
		for (i = 0; i < k->ncols; i++) {
			lxw_error e;

			if (header) {
				e = worksheet_write_string(k->ws, k->row,
				    (lxw_col_t)i, cells[i], k->f_head);
			} else if (i == 0) {
				e = worksheet_write_number(k->ws, k->row, 0,
				    (double)seq, k->f_plain);
			} else {
				report_cell(cells[i], 0, k->cell, sizeof k->cell);
				utf8_scrub(k->cell);
				if (k->cell[0] == '\0')
					e = worksheet_write_blank(k->ws, k->row,
					    (lxw_col_t)i, k->cols[i].text ?
					    k->f_text : k->f_plain);
				else {
					double cw = cell_width(k->cell);

					if (cw > k->width[i])
						k->width[i] = cw;
					e = worksheet_write_string(k->ws, k->row,
					    (lxw_col_t)i, k->cell, k->cols[i].text ?
					    k->f_text : k->f_plain);
				}
			}
			if (e != LXW_NO_ERROR) {
				k->failed = 1;
				return -1;
			}
		}
		k->row++;
	}
	return 0;
}

static int
sink_header(struct sink *k)
{
	const char *h[REPORT_MEMBER_NCOLS];
	size_t i;

	for (i = 0; i < k->ncols; i++)
		h[i] = k->cols[i].header;
	if (k->xlsx)
		worksheet_set_row(k->ws, 0, 30, NULL);
	return sink_row(k, h, 0, 1);
}

/* Why libxlsxwriter failed, in the clerk's words: the system error it met
 * (errno e2 after workbook_close: 磁盘空间不足, 没有权限 ...), else a full
 * file system under path, else the library's own text. */
static const char *
xlsx_strerror(lxw_error e, int e2, const char *path)
{
	char dir[PATH_LEN];
	struct statvfs sv;
	const char *slash = strrchr(path, '/');

	if (e2 == ENOSPC || e2 == EDQUOT || e2 == EFBIG || e2 == EIO || e2 == EROFS ||
	    e2 == EACCES || e2 == EPERM)
		return outfile_strerror(e2);
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1,
	    slash ? path : ".");
	if (statvfs(dir, &sv) == 0 && sv.f_bavail == 0)
		return outfile_strerror(ENOSPC);
	return e != LXW_NO_ERROR ? lxw_strerror(e) : "电子表格写入失败";
}

/* Finish the files under their temporary names (flushed and synced);
 * on failure, or when ok is 0, they are removed.  Returns 0 or -1. */
static int
sink_finish(struct sink *k, int ok, char **cause)
{
	int rc = ok ? 0 : -1;

	if (k->csv) {
		if (rc != 0)
			outfile_abort(&k->ow);
		else if (outfile_close(&k->ow) != 0) {
			if (k->ow.err == OUTFILE_EILSEQ)
				cause_set(cause, "%s", outfile_strerror(k->ow.err));
			else
				cause_set(cause, "写入 %s 失败: %s", k->csv_path,
				    outfile_strerror(k->ow.err));
			rc = -1;
		}
	}
	if (k->xlsx && k->wb != NULL) {
		lxw_error e;
		size_t i;
		int ce;

		for (i = 0; k->ws != NULL && i < k->ncols; i++)
			worksheet_set_column(k->ws, (lxw_col_t)i, (lxw_col_t)i,
			    k->width[i] > 60 ? 60 : k->width[i],
			    k->cols[i].text ? k->f_text : NULL);
		errno = 0;
		e = workbook_close(k->wb);
		ce = errno;
		k->wb = NULL;
		if (rc == 0 && (e != LXW_NO_ERROR || k->failed)) {
			cause_set(cause, "写入 %s 失败: %s", k->x_path,
			    xlsx_strerror(e, ce, k->x_tmp));
			rc = -1;
		}
		/* libxlsxwriter closed the file without syncing it: sync it
		 * before it is renamed into place */
		if (rc == 0 && (chmod(k->x_tmp, 0600) != 0 ||
		    outfile_sync_path(k->x_tmp) != 0)) {
			cause_set(cause, "写入 %s 失败: %s", k->x_path,
			    outfile_strerror(errno));
			rc = -1;
		}
	}
	return rc;
}

/* Remove the temporary files of a sink. */
static void
sink_discard(struct sink *k)
{
	if (k->csv)
		unlink(k->csv_tmp);
	if (k->xlsx)
		unlink(k->x_tmp);
	k->csv = k->xlsx = 0;
}

/* Rename the finished files into place.  Returns 0 or -1. */
static int
sink_commit(struct sink *k, char **cause)
{
	if (k->csv && rename(k->csv_tmp, k->csv_path) != 0) {
		cause_set(cause, "无法写入 %s: %s", k->csv_path, outfile_strerror(errno));
		return -1;
	}
	k->csv = 0;
	if (k->xlsx && rename(k->x_tmp, k->x_path) != 0) {
		cause_set(cause, "无法写入 %s: %s", k->x_path, outfile_strerror(errno));
		return -1;
	}
	k->xlsx = 0;
	return 0;
}

/* ---- the check ---- */

struct check_ctx {
	struct store *s;
	const char *today;
	export_problem_fn fn;
	void *ud;
	size_t count;
	const struct org *branch;
	struct vreport r;
	pthread_mutex_t *mu;      /* serialises problems while a worker runs */
};

static int
check_report_unlocked(struct check_ctx *c, const struct vreport *r, int draft,
    const char *org, const char *member, const char *idcard)
{
	struct export_problem p;
	size_t i;
	int any = 0, rc;

	p.org = org;
	p.member = member;
	p.idcard = idcard;
	for (i = 0; i < r->n; i++) {
		const struct vissue *v = &r->it[i];

		if (vissue_open(v)) {
			p.field = v->label ? v->label : "";
			p.msg = v->msg;
			p.sev = v->sev;
			c->count++;
			any = 1;
			if (c->fn && (rc = c->fn(&p, c->ud)) != 0)
				return rc;
		}
	}
	if (!any && draft) {
		p.field = "";
		p.msg = "记录为草稿,尚未完成";
		p.sev = SEV_ERROR;
		c->count++;
		if (c->fn && (rc = c->fn(&p, c->ud)) != 0)
			return rc;
	}
	return 0;
}

/* Report the problems of one record (errors, unconfirmed warnings, or a
 * draft with neither) through c->fn. */
static int
check_report(struct check_ctx *c, const struct vreport *r, int draft,
    const char *org, const char *member, const char *idcard)
{
	int rc;

	if (r->errors == 0 && r->unconfirmed == 0 && !draft)
		return 0;
	if (c->mu != NULL)
		pthread_mutex_lock(c->mu);
	rc = check_report_unlocked(c, r, draft, org, member, idcard);
	if (c->mu != NULL)
		pthread_mutex_unlock(c->mu);
	return rc;
}

static int
check_member(const struct member *m, void *ud)
{
	struct check_ctx *c = ud;

	if (m->meta.removed != RM_NONE)
		return 0;
	validate_member(m, c->branch, c->today, &c->r);
	return check_report(c, &c->r, m->meta.state == REC_DRAFT,
	    c->branch->name, m->name, m->idcard);
}

static int
check_org(const struct org *o, int kind, const struct org *parent, void *ud)
{
	struct check_ctx *c = ud;
	int rc;

	(void)parent;
	validate_org(o, c->today, &c->r);
	rc = check_report(c, &c->r, o->meta.state == REC_DRAFT, o->name, "", "");
	if (rc != 0)
		return rc;
	/* members of a 临时党支部 are not in 附件4 (不要重复) */
	if ((kind == REPORT_BRANCH || org_is_branch(o->category)) &&
	    !org_is_temporary(o->category)) {
		c->branch = o;
		rc = store_member_each(c->s, o->meta.id, check_member, c);
		c->branch = NULL;
	}
	return rc;
}

int
export_check(struct store *s, uint64_t top, uint64_t branch,
    const char *today, export_problem_fn fn, void *ud, size_t *count)
{
	struct check_ctx *c;
	int rc;

	c = calloc(1, sizeof *c);
	if (c == NULL)
		return STORE_EIO;
	c->s = s;
	c->today = today;
	c->fn = fn;
	c->ud = ud;
	rc = report_walk(s, branch ? branch : top, check_org, c);
	if (count != NULL)
		*count = c->count;
	free(c);
	return rc;
}

/* ---- problems: printed and saved ---- */

struct problems {
	FILE *fp;                 /* the temporary 问题清单 file */
	FILE *msg;
	size_t n, printed, max_print;
};

static int
problem_out(const struct export_problem *p, void *ud)
{
	struct problems *q = ud;
	const char *sev = p->sev == SEV_ERROR ? "错误" :
	    p->sev == EXPORT_SEV_REVIEW ? "未审核" : "待确认";

	q->n++;
	if (q->fp != NULL)
		fprintf(q->fp, "%zu\t%s\t%s\t%s\t%s\t%s\t%s\n", q->n, p->org,
		    p->member, p->idcard, p->field, sev, p->msg);
	if (q->msg != NULL && q->printed < q->max_print) {
		q->printed++;
		if (p->member[0] != '\0')
			fprintf(q->msg, "[%s] %s %s(%s) %s\n", sev, p->org,
			    p->member, p->idcard, p->msg);
		else
			fprintf(q->msg, "[%s] %s %s\n", sev, p->org, p->msg);
	}
	return 0;
}

/* ---- the review states (review.h): what the workflow still lacks ---- */

static void
review_problem(const char *org, const char *what, void *ud)
{
	struct export_problem p = { org, "", "", "", what, EXPORT_SEV_REVIEW };

	problem_out(&p, ud);
}

/* What of the review states export o asks for: review_missing's need
 * (the state) and what (REVIEW_MISS_*). */
static int
review_need(const struct export_opts *o)
{
	return o->branch ? REV_CHECKED : REV_REVIEWED;
}

static int
review_what(const struct export_opts *o)
{
	return o->branch || o->only == EXPORT_MEMBERS ? REVIEW_MISS_MEMBERS :
	    o->only == EXPORT_ORGS ? REVIEW_MISS_ORGS :
	    REVIEW_MISS_MEMBERS | REVIEW_MISS_ORGS;
}

/* One problem per organisation short of the state the export needs. */
static int
review_problems(struct store *s, const struct export_opts *o,
    const struct org *top, struct problems *q)
{
	return review_missing(s, top->meta.id, review_need(o), review_what(o),
	    review_problem, q) < 0 ? -1 : 0;
}

/* ---- member validation on a worker thread ----
 * The writer decodes and writes; a worker validates copies of the members
 * handed over in batches (one branch per batch), so the two overlap on two
 * CPUs with one hand-over per batch.  validate_member and the code lists
 * are thread-safe (no mutable statics; pthread_once). */

#define VQ_BATCH    64        /* members per batch */
#define VQ_NBATCH   4

struct vq_batch {
	struct org br;            /* the branch of these members, without units */
	size_t n;
	struct member m[VQ_BATCH];
};

struct vq {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;        /* head, tail or done changed */
	struct vq_batch *b;       /* VQ_NBATCH batches, used round robin */
	size_t head, tail;        /* batches published, batches validated */
	struct vq_batch *fill;    /* batch being filled by the producer, or NULL */
	const struct org *cur;    /* the producer's branch */
	int done;
	struct check_ctx *chk;
	struct vreport r;         /* the worker's own scratch */
};

static void *
vq_main(void *arg)
{
	struct vq *q = arg;
	struct vq_batch *b;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&q->mu);
		while (q->tail == q->head && !q->done)
			pthread_cond_wait(&q->cv, &q->mu);
		if (q->tail == q->head) {
			pthread_mutex_unlock(&q->mu);
			break;
		}
		b = &q->b[q->tail % VQ_NBATCH];
		pthread_mutex_unlock(&q->mu);
		for (i = 0; i < b->n; i++) {
			validate_member(&b->m[i], &b->br, q->chk->today, &q->r);
			check_report(q->chk, &q->r, b->m[i].meta.state == REC_DRAFT,
			    b->br.name, b->m[i].name, b->m[i].idcard);
		}
		pthread_mutex_lock(&q->mu);
		q->tail++;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
	}
	return NULL;
}

/* A worker pays off only with a CPU to spare: at least four online and a
 * one-minute load average below their number minus one.  On two CPUs it
 * was measured slower even with the load under one (1,000,000 members:
 * 2.9-3.0 s wall, 4.3 s CPU against 2.3-2.6 s, 2.2 s inline): the hand-
 * over copies every member to the other CPU's cache.
 * CAIJI_EXPORT_WORKER=0 / 1 forces it off / on. */
static int
vq_worth_it(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	const char *e = getenv("CAIJI_EXPORT_WORKER");
	double load;

	if (e != NULL && (*e == '0' || *e == '1'))
		return *e == '1';
	if (ncpu < 4)
		return 0;
	if (getloadavg(&load, 1) != 1)
		return 1;
	return load < (double)ncpu - 1.0;
}

/* Start the worker; returns 0, or -1 (then validate inline). */
static int
vq_start(struct vq *q, struct check_ctx *chk, pthread_mutex_t *outmu)
{
	memset(q, 0, sizeof *q);
	q->b = malloc(VQ_NBATCH * sizeof *q->b);
	if (q->b == NULL)
		return -1;
	q->chk = chk;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	chk->mu = outmu;
	if (pthread_create(&q->th, NULL, vq_main, q) != 0) {
		chk->mu = NULL;
		pthread_cond_destroy(&q->cv);
		pthread_mutex_destroy(&q->mu);
		free(q->b);
		q->b = NULL;
		return -1;
	}
	return 0;
}

/* Publish the batch being filled (if any). */
static void
vq_publish(struct vq *q)
{
	if (q->fill == NULL)
		return;
	pthread_mutex_lock(&q->mu);
	q->head++;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
	q->fill = NULL;
}

/* Finish: publish the last batch, let the worker drain and stop. */
static void
vq_stop(struct vq *q)
{
	vq_publish(q);
	pthread_mutex_lock(&q->mu);
	q->done = 1;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
	pthread_join(q->th, NULL);
	q->chk->mu = NULL;
	pthread_cond_destroy(&q->cv);
	pthread_mutex_destroy(&q->mu);
	free(q->b);
	q->b = NULL;
}

/* The producer moves to branch o. */
static void
vq_branch(struct vq *q, const struct org *o)
{
	vq_publish(q);
	q->cur = o;
}

/* Hand member m (of the current branch) to the worker. */
static void
vq_push(struct vq *q, const struct member *m)
{
	if (q->fill == NULL) {
		pthread_mutex_lock(&q->mu);
		while (q->head - q->tail >= VQ_NBATCH)
			pthread_cond_wait(&q->cv, &q->mu);
		q->fill = &q->b[q->head % VQ_NBATCH];
		pthread_mutex_unlock(&q->mu);
		/* validate_member reads the branch's own fields only; its
		 * unit array stays the producer's (a shallow copy would
		 * share it across threads) */
		memcpy(&q->fill->br, q->cur, sizeof q->fill->br);
		q->fill->br.n_units = q->fill->br.cap_units = 0;
		q->fill->br.units = NULL;
		q->fill->n = 0;
	}
	memcpy(&q->fill->m[q->fill->n++], m, sizeof *m);
	if (q->fill->n == VQ_BATCH)
		vq_publish(q);
}

/* ---- the gate: problems of the member table after the 附件3 table's ----
 * When the table of branches is written on another thread while the
 * member table is (aside below), the member table's problems wait at the
 * gate until that table has reported all of its own, so that 问题清单
 * lists them in the order of a one-thread export. */

struct gate {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int open;
};

static void
gate_init(struct gate *g)
{
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->cv, NULL);
	g->open = 0;
}

static void
gate_destroy(struct gate *g)
{
	pthread_cond_destroy(&g->cv);
	pthread_mutex_destroy(&g->mu);
}

static void
gate_open(struct gate *g)
{
	pthread_mutex_lock(&g->mu);
	g->open = 1;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
}

/* Wait until g is open (at once when g is NULL). */
static void
gate_wait(struct gate *g)
{
	if (g == NULL)
		return;
	pthread_mutex_lock(&g->mu);
	while (!g->open)
		pthread_cond_wait(&g->cv, &g->mu);
	pthread_mutex_unlock(&g->mu);
}

/* ---- writing (one pass: every record is checked as it is written) ---- */

struct write_ctx {
	struct store *s;
	struct sink *k;
	struct check_ctx *chk;
	struct vq *vq;            /* member validation worker, NULL = inline */
	int check_orgs;           /* validate organisations in this pass */
	size_t seq;
	size_t rows, orgs;
	const struct org *branch;
	struct gate *gate;        /* problems wait here first, or NULL */
	char seqbuf[24];
	int err;
};

/* Decimal text of v into buf (no printf in the hot path). */
static const char *
utoa(size_t v, char *buf, size_t n)
{
	char *p = buf + n - 1;

	*p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0 && p > buf);
	return p;
}

static int
write_member(const struct member *m, void *ud)
{
	struct write_ctx *w = ud;
	const char *cells[REPORT_MEMBER_NCOLS];
	int rc;

	if (m->meta.removed != RM_NONE)
		return 0;
	if (w->vq != NULL) {
		vq_push(w->vq, m);
	} else {
		validate_member(m, w->branch, w->chk->today, &w->chk->r);
		rc = check_report(w->chk, &w->chk->r, m->meta.state == REC_DRAFT,
		    w->branch->name, m->name, m->idcard);
		if (rc != 0)
			return rc;
	}
	w->seq++;
	report_member_cells(m, w->branch->name,
	    utoa(w->seq, w->seqbuf, sizeof w->seqbuf), cells);
	if (sink_row(w->k, cells, w->seq, 0) != 0) {
		w->err = 1;
		return 1;
	}
	w->rows++;
	return 0;
}

/* Rows of one organisation into the current sink (checked first). */
static int
write_org_rows(struct write_ctx *w, const struct org *o)
{
	const char *cells[REPORT_ORG_NCOLS];
	size_t u, n = report_org_nrows(o);
	int rc;

	if (w->check_orgs) {
		validate_org(o, w->chk->today, &w->chk->r);
		rc = check_report(w->chk, &w->chk->r, o->meta.state == REC_DRAFT,
		    o->name, "", "");
		if (rc != 0)
			return rc;
	}
	for (u = 0; u < n; u++) {
		w->seq++;
		report_org_cells(o, u, utoa(w->seq, w->seqbuf, sizeof w->seqbuf),
		    cells);
		if (sink_row(w->k, cells, w->seq, 0) != 0) {
			w->err = 1;
			return 1;
		}
		w->rows++;
	}
	return 0;
}

static int
write_branches(const struct org *o, int kind, const struct org *parent,
    void *ud)
{
	(void)parent;
	if (kind == REPORT_SELF)
		return 0;
	((struct write_ctx *)ud)->orgs++;
	return write_org_rows(ud, o);
}

static int
write_members(const struct org *o, int kind, const struct org *parent,
    void *ud)
{
	struct write_ctx *w = ud;
	int rc;

	(void)parent;
	if (w->check_orgs) {      /* branch mode: the branch itself */
		validate_org(o, w->chk->today, &w->chk->r);
		rc = check_report(w->chk, &w->chk->r, o->meta.state == REC_DRAFT,
		    o->name, "", "");
		if (rc != 0)
			return rc;
	}
	if (kind == REPORT_GENERAL || !org_is_branch(o->category) ||
	    org_is_temporary(o->category))
		return 0;       /* a 临时党支部's members are not in 附件4 */
	w->branch = o;
	if (w->vq != NULL)
		vq_branch(w->vq, o);
	rc = store_member_each(w->s, o->meta.id, write_member, w);
	w->branch = NULL;
	return rc;
}

/* ---- the member table on two CPUs ----
 * The walk of the organisations (this thread) queues each branch as a
 * job; workers take the jobs in turn and do for their branch what
 * write_member does: read, validate and format every member, into a
 * buffer of their own.  The rows reach the file in the walk's order: the
 * worker whose job is the oldest not yet written (the head) writes its
 * rows, numbering them (序号 is the only cell that depends on the rows
 * before), and its problems; another that finished its job leaves the
 * buffer in the job for the head's worker to write after its own, and
 * goes on with a spare buffer (when none is free, or its buffer fills
 * before its job is done, it waits for its turn).  A job stays the head
 * until it is done, so a large branch goes through its worker's buffer
 * to the file as it is read.  Memory: the buffers, whatever the member
 * count.  Only the CSV (libxlsxwriter
 * writes one sheet from one thread); the output is the same bytes as
 * write_member's (tests/e2e/export_parallel.sh).  With XLSX, vq below. */

/* A worker off its CPU for a time slice (the writer thread's hash, the
 * walk) holds up the jobs after its own: the other one goes on up to
 * PAR_JOBS - 1 jobs ahead (~2.5 ms of 50-member branches), each in a
 * buffer of its own.  Memory: at most PAR_MAXW + PAR_SPARE buffers'
 * pages, as much of each as its largest job used. */
#define PAR_JOBS    32                 /* branches queued ahead */
#define PAR_ROWBUF  (128u * 1024)      /* row bytes a worker gathers */
#define PAR_NROWS   4096               /* ... and rows */
#define PAR_PROBUF  (64u * 1024)       /* problem bytes */
#define PAR_MAXW    2
#define PAR_SPARE   (PAR_JOBS - 2)     /* buffers of finished jobs in wait */

/* What a worker gathers for the file: rows and problems. */
struct par_buf {
	char *rows;               /* rows without their 序号 cell */
	size_t n, nrows;
	uint32_t *len;            /* each row's bytes */
	char *prob;               /* problems: severity, then five strings */
	size_t pn, nprob;
};

struct par_job {
	struct org br;
	int check_org;            /* validate the branch itself first */
	int members;              /* its members are in 附件4 */
	struct par_buf *done;     /* finished before its turn: left to write */
};

struct par;

struct par_worker {
	struct par *p;
	pthread_t th;
	size_t job;               /* the job being done */
	const struct org *br;
	int head;                 /* the job is the head: write at once */
	struct csv_enc enc;
	struct check_ctx chk;     /* problems go into b, not to fn */
	struct par_buf *b;        /* the job's rows and problems so far */
};

struct par {
	pthread_mutex_t mu;
	/* one condition per kind of waiter, so that a change wakes only
	 * who can go on (a context switch costs as much as a short branch's
	 * rows): a worker waiting for a job, a worker waiting for its turn
	 * to write, the walk waiting for a free slot */
	pthread_cond_t work, turn, room;
	struct par_job job[PAR_JOBS];   /* job j in job[j % PAR_JOBS] */
	size_t queued, taken, written;  /* jobs: queued by the walk, taken, written */
	int walk_waits;           /* the walk waits for room: woken at PAR_JOBS / 2 */
	int done;                 /* the walk queued its last job */
	int stop;                 /* a failure: everybody stops */
	int rc, err;              /* the first failure's return; a sink failure */
	struct write_ctx *w;
	size_t nw;
	struct par_worker *wk;
	/* a worker done with a job before its turn leaves its buffer in the
	 * job (par_job.done) and goes on with a spare one; whoever writes
	 * the job before writes it too */
	struct par_buf buf[PAR_MAXW + PAR_SPARE];
	struct par_buf *spare[PAR_SPARE];
	size_t nspare;
};

/* How many workers: none with CAIJI_EXPORT_WORKER=0 (all on this
 * thread), else two when two CPUs are online or CAIJI_EXPORT_WORKER=1.
 * Unlike vq's hand-over of whole members, a job's hand-over is a branch,
 * and what comes back is its bytes. */
static size_t
par_workers(void)
{
	const char *e = getenv("CAIJI_EXPORT_WORKER");

	if (e != NULL && (*e == '0' || *e == '1'))
		return *e == '1' ? PAR_MAXW : 0;
	return sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? PAR_MAXW : 0;
}

/* Stop everybody after a failure (rc non-zero; err: of the sink). */
static void
par_fail(struct par *p, int rc, int err)
{
	pthread_mutex_lock(&p->mu);
	if (!p->stop) {
		p->stop = 1;
		p->rc = rc;
		p->err = err;
	}
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->turn);
	pthread_cond_broadcast(&p->room);
	pthread_mutex_unlock(&p->mu);
}

/* The gathered rows and problems of b into the files; b's job is the
 * head.  Returns 0 or non-zero (the failure is recorded). */
static int
par_write(struct par *p, struct par_buf *b)
{
	struct write_ctx *w = p->w;
	struct outfile *ow = &w->k->ow;
	struct export_problem q;
	const char *r = b->rows, *pp = b->prob, *end = b->prob + b->pn;
	const char *seq;
	size_t i, sl;
	char *out;
	int rc;

	for (i = 0; i < b->nrows; i++) {
		w->seq++;
		seq = utoa(w->seq, w->seqbuf, sizeof w->seqbuf);
		sl = strlen(seq);
		if ((out = outfile_reserve(ow, 2 * sl + 2 + b->len[i])) == NULL)
			goto sink_failed;
		sl = csv_write(out, 2 * sl + 2, seq, sl);
		memcpy(out + sl, r, b->len[i]);
		outfile_advance(ow, sl + b->len[i]);
		r += b->len[i];
		if (ow->n > OW_FLUSH && outfile_flush(ow) != 0)
			goto sink_failed;
	}
	w->rows += b->nrows;
	b->n = b->nrows = 0;
	if (pp < end && w->gate != NULL) {
		gate_wait(w->gate);
		w->gate = NULL;         /* the head writes: one thread */
	}
	while (pp < end) {
		q.sev = (unsigned char)*pp++;
		q.org = pp;
		pp += strlen(pp) + 1;
		q.member = pp;
		pp += strlen(pp) + 1;
		q.idcard = pp;
		pp += strlen(pp) + 1;
		q.field = pp;
		pp += strlen(pp) + 1;
		q.msg = pp;
		pp += strlen(pp) + 1;
		w->chk->count++;
		if (w->chk->fn != NULL && (rc = w->chk->fn(&q, w->chk->ud)) != 0) {
			par_fail(p, rc, 0);
			return rc;
		}
	}
	b->pn = b->nprob = 0;
	return 0;
sink_failed:
	par_fail(p, 1, 1);
	return 1;
}

/* Wait until x's job is the head, then write what x gathered. */
static int
par_flush(struct par_worker *x)
{
	struct par *p = x->p;

	if (!x->head) {
		pthread_mutex_lock(&p->mu);
		while (p->written != x->job && !p->stop)
			pthread_cond_wait(&p->turn, &p->mu);
		pthread_mutex_unlock(&p->mu);
		if (p->stop)
			return 1;
		x->head = 1;
	}
	return par_write(p, x->b);
}

/* check_ctx.fn of a worker: keep the problem for par_write. */
static int
par_problem(const struct export_problem *q, void *ud)
{
	struct par_worker *x = ud;
	const char *v[5] = { q->org, q->member, q->idcard, q->field, q->msg };
	size_t l[5], need = 1, i;
	int rc;

	for (i = 0; i < 5; i++)
		need += (l[i] = strlen(v[i])) + 1;
	if (x->b->pn + need > PAR_PROBUF) {
		if ((rc = par_flush(x)) != 0)
			return rc;
		if (need > PAR_PROBUF) {     /* cannot be kept: the head writes */
			struct check_ctx *c = x->p->w->chk;

			gate_wait(x->p->w->gate);
			x->p->w->gate = NULL;
			c->count++;
			return c->fn != NULL ? c->fn(q, c->ud) : 0;
		}
	}
	x->b->prob[x->b->pn++] = (char)q->sev;
	for (i = 0; i < 5; i++) {
		memcpy(x->b->prob + x->b->pn, v[i], l[i] + 1);
		x->b->pn += l[i] + 1;
	}
	x->b->nprob++;
	return 0;
}

/* store_member_each's fn on a worker: write_member into the buffer. */
static int
par_member(const struct member *m, void *ud)
{
	struct par_worker *x = ud;
	const char *cells[REPORT_MEMBER_NCOLS];
	size_t len[REPORT_MEMBER_NCOLS], i, room;
	int rc;

	if (m->meta.removed != RM_NONE)
		return 0;
	validate_member(m, x->br, x->chk.today, &x->chk.r);
	if ((rc = check_report(&x->chk, &x->chk.r, m->meta.state == REC_DRAFT,
	    x->br->name, m->name, m->idcard)) != 0)
		return rc;
	report_member_cells(m, x->br->name, "", cells);
	for (i = 1; i < REPORT_MEMBER_NCOLS; i++)
		len[i] = strlen(cells[i]);
	room = csv_room(len, 1, REPORT_MEMBER_NCOLS);
	if ((x->b->n + room > PAR_ROWBUF || x->b->nrows == PAR_NROWS) &&
	    (rc = par_flush(x)) != 0)
		return rc;
	x->b->len[x->b->nrows] = (uint32_t)csv_cells(&x->enc, cells, len, 1, 0,
	    x->b->rows + x->b->n);
	x->b->n += x->b->len[x->b->nrows++];
	return 0;
}

/* One job: the branch's own check, its members; then its turn to write,
 * or, when the job before is not written yet, its buffer left in the job
 * for the writer of that one (*left set) while x goes on with a spare. */
static int
par_job(struct par_worker *x, struct par_job *j, int *left)
{
	struct par *p = x->p;
	int rc = 0;

	*left = 0;
	x->br = &j->br;
	if (j->check_org) {
		validate_org(&j->br, x->chk.today, &x->chk.r);
		rc = check_report(&x->chk, &x->chk.r, j->br.meta.state == REC_DRAFT,
		    j->br.name, "", "");
	}
	if (rc == 0 && j->members)
		rc = store_member_each(p->w->s, j->br.meta.id, par_member, x);
	if (rc == 0 && !x->head) {
		pthread_mutex_lock(&p->mu);
		if (p->written != x->job && p->nspare > 0 && !p->stop) {
			j->done = x->b;
			x->b = p->spare[--p->nspare];
			*left = 1;
		}
		pthread_mutex_unlock(&p->mu);
	}
	if (rc == 0 && !*left)
		rc = par_flush(x);
	else if (rc != 0 && !p->stop)
		par_fail(p, rc, 0);     /* a store failure, or the problems' fn */
	x->br = NULL;
	return rc;
}

static void *
par_main(void *arg)
{
	struct par_worker *x = arg;
	struct par *p = x->p;
	struct par_job *j;
	struct par_buf *d;
	int left, rc;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->taken == p->queued && !p->done && !p->stop)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->stop || p->taken == p->queued) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		x->job = p->taken++;
		pthread_mutex_unlock(&p->mu);
		x->head = 0;
		if (par_job(x, &p->job[x->job % PAR_JOBS], &left) != 0)
			break;
		if (left)
			continue;
		rc = 0;
		pthread_mutex_lock(&p->mu);
		p->written++;
		/* the jobs after it that were finished early: their turn now */
		while (!p->stop && p->written < p->taken &&
		    (d = (j = &p->job[p->written % PAR_JOBS])->done) != NULL) {
			j->done = NULL;
			pthread_mutex_unlock(&p->mu);
			rc = par_write(p, d);
			pthread_mutex_lock(&p->mu);
			p->spare[p->nspare++] = d;
			if (rc != 0)
				break;
			p->written++;
		}
		pthread_cond_broadcast(&p->turn);       /* the next job's worker */
		if (p->walk_waits && p->queued - p->written <= PAR_JOBS / 2)
			pthread_cond_signal(&p->room);
		pthread_mutex_unlock(&p->mu);
		if (rc != 0)
			break;
	}
	return NULL;
}

/* report_walk's fn: queue the branch (write_members's choices). */
static int
par_queue(const struct org *o, int kind, const struct org *parent, void *ud)
{
	struct par *p = ud;
	struct par_job *j;
	int members = kind != REPORT_GENERAL && org_is_branch(o->category) &&
	    !org_is_temporary(o->category);

	(void)parent;
	if (!members && !p->w->check_orgs)
		return 0;
	pthread_mutex_lock(&p->mu);
	if (p->queued - p->written >= PAR_JOBS) {
		/* full: wait until half the slots are free, not one (fewer
		 * wake-ups; the workers still have PAR_JOBS / 2 queued) */
		p->walk_waits = 1;
		while (p->queued - p->written > PAR_JOBS / 2 && !p->stop)
			pthread_cond_wait(&p->room, &p->mu);
		p->walk_waits = 0;
	}
	pthread_mutex_unlock(&p->mu);
	if (p->stop)
		return p->rc;
	/* the slot's last job is written: no worker reads it */
	j = &p->job[p->queued % PAR_JOBS];
	/* a deep copy: the walk reuses o's unit array for the next branch
	 * while a worker validates this one with its units */
	if (org_copy(&j->br, o) != 0)
		return STORE_EIO;
	j->check_org = p->w->check_orgs;
	j->members = members;
	pthread_mutex_lock(&p->mu);
	p->queued++;
	pthread_cond_signal(&p->work);          /* one job: one worker */
	pthread_mutex_unlock(&p->mu);
	return 0;
}

static void
par_free(struct par *p)
{
	size_t i;

	for (i = 0; i < PAR_MAXW + PAR_SPARE; i++) {
		free(p->buf[i].rows);
		free(p->buf[i].len);
		free(p->buf[i].prob);
	}
	for (i = 0; i < PAR_JOBS; i++)
		org_free(&p->job[i].br);
	free(p->wk);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->turn);
	pthread_cond_destroy(&p->room);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

/* The member table of top through nw workers: *rc is what report_walk
 * with write_members would return (w->err set on a failure of the sink).
 * Returns 0, or -1 when the workers could not be started (nothing
 * written: do it on this thread). */
static int
par_members(struct write_ctx *w, uint64_t top, size_t nw, int *rcp)
{
	struct par *p;
	size_t i, started = 0;
	int rc;

	if ((p = calloc(1, sizeof *p)) == NULL)
		return -1;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->turn, NULL);
	pthread_cond_init(&p->room, NULL);
	p->w = w;
	p->wk = calloc(nw, sizeof *p->wk);
	if (p->wk == NULL) {
		par_free(p);
		return -1;
	}
	p->nw = nw;
	for (i = 0; i < nw; i++) {
		struct par_worker *x = &p->wk[i];

		x->p = p;
		/* the columns; the memory starts empty (calloc): untouched
		 * slots cost no pages */
		x->enc.cols = w->k->enc.cols;
		x->enc.ncols = w->k->enc.ncols;
		x->enc.plain = w->k->enc.plain;
		x->chk.s = w->s;
		x->chk.today = w->chk->today;
		x->chk.fn = par_problem;
		x->chk.ud = x;
	}
	/* the buffers: touched as used (a short branch's rows are a few
	 * pages of PAR_ROWBUF) */
	for (i = 0; i < nw + PAR_SPARE; i++) {
		struct par_buf *b = &p->buf[i];

		b->rows = malloc(PAR_ROWBUF);
		b->len = malloc(PAR_NROWS * sizeof *b->len);
		b->prob = malloc(PAR_PROBUF);
		if (b->rows == NULL || b->len == NULL || b->prob == NULL) {
			par_free(p);
			return -1;
		}
		if (i < nw)
			p->wk[i].b = b;
		else
			p->spare[p->nspare++] = b;
	}
	for (i = 0; i < nw; i++) {
		if (pthread_create(&p->wk[i].th, NULL, par_main, &p->wk[i]) != 0)
			break;
		started++;
	}
	if (started == 0) {
		par_free(p);
		return -1;
	}
	rc = report_walk(w->s, top, par_queue, p);
	pthread_mutex_lock(&p->mu);
	if (rc != 0 && !p->stop) {
		p->stop = 1;
		p->rc = rc;
	}
	p->done = 1;
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->turn);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < started; i++)
		pthread_join(p->wk[i].th, NULL);
	if (p->stop) {
		rc = p->rc != 0 ? p->rc : 1;
		w->err = p->err;
	}
	par_free(p);
	*rcp = rc;
	return 0;
}

/* Remove the files we may have left in a temporary folder, then it
 * (never through a symlink standing at its name). */
static void
rm_tree_flat(const char *dir)
{
	int fd = safe_dir_open(dir);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	if (d == NULL && fd >= 0)
		close(fd);
	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			unlinkat(dirfd(d), e->d_name, 0);
		}
		closedir(d);
	}
	rmdir(dir);
}

/* 1 when table f belongs to the part (enum export_part) of the report. */
static int
part_has(int only, int f)
{
	if (only == EXPORT_ORGS)
		return f == REPORT_FILE_SELF || f == REPORT_FILE_BRANCHES;
	if (only == EXPORT_MEMBERS)
		return f == REPORT_FILE_MEMBERS;
	return 1;
}

/* 1 when a file of the part already is in the report folder final. */
static int
part_exists(const struct export_opts *o, const char *final, const char *name)
{
	static const char *const ext[2] = { "csv", "xlsx" };
	char fn[PATH_LEN], p[PATH_LEN];
	int f, x;

	for (f = 0; f < REPORT_FILE_COUNT; f++)
		for (x = 0; x < 2; x++)
			if (part_has(o->only, f) && (o->formats & (x ? EXPORT_XLSX : EXPORT_CSV)) &&
			    report_file_name(f, name, ext[x], o->draft, fn, sizeof fn) == 0 &&
			    path_join(p, sizeof p, final, fn) == 0 && access(p, F_OK) == 0)
				return 1;
	return 0;
}

/* Put the files of a part, finished in tmp, into the report folder final:
 * tmp becomes the folder when there is none yet, else each file goes in
 * beside the other part's (one of the same name only with replace).
 * Returns 0, 1 when a file is there already (nothing moved), or -1. */
static int
place_part(const char *tmp, const char *final, int replace, char **cause)
{
	char from[PATH_LEN], to[PATH_LEN];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int pass;

	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EEXIST && errno != ENOTEMPTY) {
		cause_set(cause, "无法建立文件夹 %s: %s", final, outfile_strerror(errno));
		return -1;
	}
	if (lstat(final, &st) != 0 || !S_ISDIR(st.st_mode)) {
		cause_set(cause, "%s 已存在,但不是文件夹(符号链接不会被跟随)", final);
		return -1;
	}
	if (st.st_uid != geteuid()) {
		cause_set(cause, "%s 不是您自己的文件夹,未写入", final);
		return -1;
	}
	for (pass = 0; pass < 2; pass++) {
		if ((d = opendir(tmp)) == NULL) {
			cause_set(cause, "无法读取 %s: %s", tmp, outfile_strerror(errno));
			return -1;
		}
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			if (path_join(from, sizeof from, tmp, e->d_name) != 0 ||
			    path_join(to, sizeof to, final, e->d_name) != 0)
				continue;
			if (pass == 0 && !replace && access(to, F_OK) == 0) {
				closedir(d);
				return 1;
			}
			if (pass == 1 && rename(from, to) != 0) {
				cause_set(cause, "无法把 %s 放入 %s: %s", e->d_name, final,
				    outfile_strerror(errno));
				closedir(d);
				return -1;
			}
		}
		closedir(d);
	}
	rmdir(tmp);
	return 0;
}

/* 1 when name ends in '.' and the six characters mkstemp/mkdtemp add. */
static int
tmp_suffix(const char *name)
{
	size_t n = strlen(name), i;

	if (n < 8 || name[n - 7] != '.')
		return 0;
	for (i = n - 6; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9')))
			return 0;
	return 1;
}

/* A hidden folder an interrupted export of this user left in dir: the
 * temporary report folder (.<序号名称填报人>.XXXXXX) holding nothing but
 * report tables and caiji's temporary files. */
static int
stale_folder(const char *dir, const char *name)
{
	char p[PATH_LEN], q[PATH_LEN];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int ok = 1;

	if (name[0] != '.' || !tmp_suffix(name) || path_join(p, sizeof p, dir, name) != 0 ||
	    lstat(p, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    (d = opendir(p)) == NULL)
		return 0;
	while (ok && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		ok = (strstr(e->d_name, "汇总表") != NULL ||
		    strncmp(e->d_name, ".caiji-", 7) == 0) &&
		    path_join(q, sizeof q, p, e->d_name) == 0 && lstat(q, &st) == 0 &&
		    S_ISREG(st.st_mode);
	}
	closedir(d);
	return ok;
}

/* Remove what interrupted exports of this user left in dir (hidden report
 * folders and .caiji-XXXXXX files: personal data nobody sees), saying so
 * on msg.  The caller holds dir's lock, so no export is writing them.
 * Returns how many were removed. */
static size_t
remove_stale(const char *dir, FILE *msg)
{
	char p[PATH_LEN];
	struct dirent *e;
	struct stat st;
	size_t n = 0;
	DIR *d = opendir(dir);

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.' || path_join(p, sizeof p, dir, e->d_name) != 0)
			continue;
		if (strncmp(e->d_name, ".caiji-", 7) == 0 && strlen(e->d_name) == 13 &&
		    lstat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid()) {
			if (unlink(p) == 0)
				n++;
		} else if (stale_folder(dir, e->d_name)) {
			rm_tree_flat(p);
			if (access(p, F_OK) != 0) {
				n++;
				if (msg != NULL)
					fprintf(msg, "已删除上次中断的导出留下的临时文件夹 %s(含个人信息)\n", p);
			}
		}
	}
	closedir(d);
	if (n > 0 && msg != NULL)
		fprintf(msg, "已清理上次中断的导出留下的临时文件 %zu 个\n", n);
	return n;
}

/* Write table f of the report (top = the 基层党委, or the branch in branch
 * mode) into dir, checking what it writes.  The files are left finished
 * under temporary names in k (commit or discard them).  The member
 * table's problems wait for gate (may be NULL).  Returns 0 or -1. */
static int
write_table(struct store *s, const struct export_opts *o, const char *dir,
    int f, const struct org *top, struct check_ctx *chk, struct gate *gate,
    struct sink *k, struct export_result *res, char **cause)
{
	struct write_ctx w;
	char csvn[PATH_LEN], xn[PATH_LEN];
	const struct report_col *cols = f == REPORT_FILE_MEMBERS ?
	    report_member_cols : report_org_cols;
	size_t ncols = f == REPORT_FILE_MEMBERS ? REPORT_MEMBER_NCOLS :
	    REPORT_ORG_NCOLS;
	int rc;

	if (report_file_name(f, top->name, "csv", o->draft, csvn, sizeof csvn) != 0 ||
	    report_file_name(f, top->name, "xlsx", o->draft, xn, sizeof xn) != 0) {
		cause_set(cause, "党组织名称过长或含有不能用于文件名的字符: %s",
		    top->name);
		return -1;
	}
	memset(&w, 0, sizeof w);
	w.s = s;
	w.k = k;
	w.chk = chk;
	w.gate = gate;
	rc = sink_open(k, cols, ncols, o->formats, o->encoding, o->plain, dir, csvn, xn,
	    f == REPORT_FILE_MEMBERS ? "党员基本信息汇总表" :
	    "党组织和所在单位信息汇总表", cause);
	if (rc == 0)
		rc = sink_header(k);
	if (rc == 0) {
		if (f == REPORT_FILE_SELF) {
			w.check_orgs = 1;
			rc = write_org_rows(&w, top);
		} else if (f == REPORT_FILE_BRANCHES) {
			w.check_orgs = 1;
			rc = report_walk(s, top->meta.id, write_branches, &w);
		} else {
			struct vq *q = NULL;
			pthread_mutex_t outmu = PTHREAD_MUTEX_INITIALIZER;
			size_t nw = o->formats == EXPORT_CSV ? par_workers() : 0;

			w.check_orgs = o->branch != 0;
			if (nw == 0 || par_members(&w, top->meta.id, nw, &rc) != 0) {
				gate_wait(gate);        /* problems at once */
				q = malloc(sizeof *q);
				if (q != NULL && vq_worth_it() &&
				    vq_start(q, chk, &outmu) == 0)
					w.vq = q;
				rc = report_walk(s, top->meta.id, write_members, &w);
				if (w.vq != NULL)
					vq_stop(w.vq);
				free(q);
			}
		}
		if (rc != 0 && w.err && k->xlsx && k->row >= LXW_ROW_MAX)
			cause_set(cause, "超过电子表格的行数上限(%u行),请导出 CSV",
			    (unsigned)LXW_ROW_MAX);
		else if (rc != 0 && w.err)
			cause_set(cause, "写入文件失败: %s", k->csv && k->ow.err > 0 ?
			    outfile_strerror(k->ow.err) : (k->ow.err == OUTFILE_EILSEQ ?
			    outfile_strerror(OUTFILE_EILSEQ) : "电子表格写入失败"));
		else if (rc != 0)
			cause_set(cause, "读取数据库失败: %s", store_strerror(rc));
	}
	if (sink_finish(k, rc == 0, cause) != 0)
		rc = -1;
	if (rc != 0) {
		sink_discard(k);
		return -1;
	}
	if (k->csv && k->ow.hashed && res->nhashed < REPORT_FILE_COUNT &&
	    strlen(csvn) < sizeof res->hashed[0].name) {
		struct export_hashed *h = &res->hashed[res->nhashed++];

		memcpy(h->name, csvn, strlen(csvn) + 1);
		memcpy(h->sha256, k->ow.sha256, sizeof h->sha256);
	}
	if (f == REPORT_FILE_BRANCHES) {
		res->org_rows = w.rows;
		res->orgs += w.orgs;
	} else if (f == REPORT_FILE_MEMBERS) {
		res->members = w.rows;
		if (o->branch != 0)
			(void)path_join(res->path, sizeof res->path, dir,
			    (o->formats & EXPORT_CSV) ? csvn : xn);
	} else {
		res->orgs += 1;
	}
	return 0;
}

/* ---- the organisation passes beside the member table ----
 * With the member table on the workers (par_*), this thread would write
 * the 基层党委本级 table and the table of branches before it (the first
 * one's close alone, its digest and fsync, took 5 % of a million members'
 * export) and count the review states after it, with the workers idle.
 * Instead a thread of their own does all three while the member table is
 * written: the two tables, in order, each into its own sink, their
 * problems straight to the list (then it opens the gate, and the
 * member table's problems follow); the review states into a temporary
 * file (unnumbered), which export_run lists after the member table's. */

struct aside {
	pthread_t th;
	int started;
	struct store *s;
	const struct export_opts *o;
	const char *dir;
	const struct org *top;
	struct sink *self;        /* the 基层党委本级 table, or NULL */
	struct sink *k;           /* the table of branches, or NULL */
	struct check_ctx chk;     /* the export's fn and ud, its own count */
	struct export_result res; /* the tables' counts and digests */
	struct gate gate;
	FILE *review;             /* review problems: org NUL what NUL ... */
	int rc;                   /* write_table's */
	long missing;             /* review_missing's */
	char *cause;
};

static void
review_keep(const char *org, const char *what, void *ud)
{
	FILE *fp = ud;

	fwrite(org, 1, strlen(org) + 1, fp);
	fwrite(what, 1, strlen(what) + 1, fp);
}

static void *
aside_main(void *arg)
{
	struct aside *a = arg;

	if (a->self != NULL)
		a->rc = write_table(a->s, a->o, a->dir, REPORT_FILE_SELF,
		    a->top, &a->chk, NULL, a->self, &a->res, &a->cause);
	if (a->rc == 0 && a->k != NULL)
		a->rc = write_table(a->s, a->o, a->dir, REPORT_FILE_BRANCHES,
		    a->top, &a->chk, NULL, a->k, &a->res, &a->cause);
	gate_open(&a->gate);
	if (a->rc == 0 && a->review != NULL)
		a->missing = review_missing(a->s, a->top->meta.id,
		    review_need(a->o), review_what(a->o), review_keep, a->review);
	return NULL;
}

/* An aside for an export of o whose member table goes to the workers,
 * or NULL (then everything is done in turn on this thread). */
static struct aside *
aside_new(struct store *s, const struct export_opts *o, const char *dir,
    const struct org *top, const struct check_ctx *chk)
{
	struct aside *a;

	if (o->formats != EXPORT_CSV || par_workers() == 0 ||
	    (!o->branch && !part_has(o->only, REPORT_FILE_MEMBERS)) ||
	    (!o->review && (o->branch || (!part_has(o->only, REPORT_FILE_BRANCHES) &&
	    !part_has(o->only, REPORT_FILE_SELF)))))
		return NULL;
	if ((a = calloc(1, sizeof *a)) == NULL)
		return NULL;
	a->s = s;
	a->o = o;
	a->dir = dir;
	a->top = top;
	a->chk.s = chk->s;
	a->chk.today = chk->today;
	a->chk.fn = chk->fn;
	a->chk.ud = chk->ud;
	gate_init(&a->gate);
	/* unlinked at once, 0600 (names of organisations, no member data) */
	if (o->review && (a->review = tmpfile()) == NULL) {
		gate_destroy(&a->gate);
		free(a);
		return NULL;
	}
	return a;
}

/* Start a's thread; without one, do its work now. */
static void
aside_start(struct aside *a)
{
	if (pthread_create(&a->th, NULL, aside_main, a) == 0)
		a->started = 1;
	else
		aside_main(a);
}

/* Wait for a's thread (when it was started). */
static void
aside_join(struct aside *a)
{
	if (a->started)
		pthread_join(a->th, NULL);
	a->started = 0;
}

static void
aside_free(struct aside *a)
{
	if (a == NULL)
		return;
	aside_join(a);
	if (a->review != NULL)
		fclose(a->review);
	gate_destroy(&a->gate);
	free(a->cause);
	free(a);
}

/* Wait for a, then take its tables' results into chk and res (their
 * digests from nh, where turns on this thread would have put them).  Returns
 * 0, or EXPORT_EFAIL with *cause (its table failed). */
static int
aside_done(struct aside *a, struct check_ctx *chk, struct export_result *res,
    size_t nh, char **cause)
{
	size_t i, j;

	aside_join(a);
	if (a->rc != 0) {
		if (cause != NULL && *cause == NULL) {
			*cause = a->cause;
			a->cause = NULL;
		}
		return EXPORT_EFAIL;
	}
	chk->count += a->chk.count;
	res->org_rows = a->res.org_rows;
	res->orgs += a->res.orgs;
	for (j = 0; j < a->res.nhashed && res->nhashed < REPORT_FILE_COUNT; j++) {
		for (i = res->nhashed; i > nh + j; i--)
			res->hashed[i] = res->hashed[i - 1];
		res->hashed[nh + j] = a->res.hashed[j];
		res->nhashed++;
	}
	if (a->review != NULL && a->missing < 0) {
		cause_set(cause, "无法读取审核状态");
		return EXPORT_EFAIL;
	}
	return 0;
}

/* The kept review problems of a through review_problem into q, in the
 * order found.  Returns 0; -1 when none was listed (they could not be
 * kept: list them anew); -2 when reading them back failed half-way. */
static int
aside_review(struct aside *a, struct problems *q)
{
	char *org = NULL, *what = NULL;
	size_t no = 0, nw = 0;
	int rc = 0;

	if (fflush(a->review) != 0 || ferror(a->review) ||
	    fseek(a->review, 0, SEEK_SET) != 0)
		return -1;
	while (getdelim(&org, &no, '\0', a->review) > 0) {
		if (getdelim(&what, &nw, '\0', a->review) <= 0) {
			rc = -2;
			break;
		}
		review_problem(org, what, q);
	}
	if (ferror(a->review))
		rc = -2;
	free(org);
	free(what);
	return rc;
}

/* fsync directory dir, so that the renames into it last.  Returns 0, or
 * -1 with a message. */
static int
sync_dir(const char *dir, char **cause)
{
	if (outfile_sync_dir(dir) == 0)
		return 0;
	cause_set(cause, "无法将 %s 同步到磁盘: %s", dir, outfile_strerror(errno));
	return -1;
}

/* Put the finished temporary folder tmp at final.  Returns 0, 1 when
 * final exists (and replace is off), -1 on error, -2 when what stands at
 * final is not this user's own directory (tmp is left as it was). */
static int
place_folder(const char *tmp, const char *final, int replace, FILE *msg,
    char **cause)
{
	char old[PATH_LEN];
	DIR *d;
	struct dirent *e;
	struct stat st;
	int others = 0, dfd;

	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EEXIST || !replace) {
		if (errno == EEXIST || errno == ENOTEMPTY)
			return 1;
		cause_set(cause, "无法建立文件夹 %s: %s", final, outfile_strerror(errno));
		return -1;
	}
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_EXCHANGE) != 0) {
		cause_set(cause, "无法替换文件夹 %s: %s", final, outfile_strerror(errno));
		return -1;
	}
	/* tmp now holds what stood at final.  Only a real directory of this
	 * user is emptied, through its descriptor: a symlink planted there
	 * (or another user's folder) is put back and the export refused. */
	dfd = safe_dir_open(tmp);
	if (dfd < 0 || fstat(dfd, &st) != 0 || st.st_uid != geteuid()) {
		if (dfd >= 0)
			close(dfd);
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_EXCHANGE) != 0)
			cause_set(cause, "%s 不是您自己的文件夹(可能是符号链接),未替换;"
			    "新文件夹留在 %s", final, tmp);
		else
			cause_set(cause, "%s 不是您自己的文件夹(可能是符号链接),未替换",
			    final);
		return -2;
	}
	d = fdopendir(dfd);
	if (d == NULL)
		close(dfd);
	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			size_t len = strlen(e->d_name);
			int ours;

			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			ours = strstr(e->d_name, "汇总表") != NULL &&
			    ((len > 4 && strcmp(e->d_name + len - 4, ".csv") == 0) ||
			    (len > 5 && strcmp(e->d_name + len - 5, ".xlsx") == 0));
			if (!ours) {
				others = 1;
				continue;
			}
			unlinkat(dirfd(d), e->d_name, 0);
		}
		closedir(d);
	}
	if (others || rmdir(tmp) != 0) {
		int w = snprintf(old, sizeof old, "%s.old-%ld", final,
		    (long)time(NULL));
		if (w > 0 && (size_t)w < sizeof old && rename(tmp, old) == 0 &&
		    msg != NULL)
			fprintf(msg, "原文件夹中有其他文件,已保留为 %s\n", old);
	}
	return 0;
}

int
export_run(struct store *s, const struct export_opts *o,
    struct export_result *res, char **cause)
{
	const char *dir = o->outdir ? o->outdir : ".";
	struct org *top = NULL;
	struct check_ctx *chk = NULL;
	struct sink *k = NULL;
	struct problems q;
	char seq[16], folder[PATH_LEN], final[PATH_LEN], tmp[PATH_LEN];
	char ptmp[PATH_LEN], ppath[PATH_LEN], today[16];
	const char *wdir, *why;
	struct aside *a = NULL;
	size_t nh = 0;
	mode_t um;
	int rc, f, made = 0, nk = 0, i, pfd = -1, lockfd = -1;

	memset(res, 0, sizeof *res);
	memset(&q, 0, sizeof q);
	ptmp[0] = '\0';
	um = umask(077);
	top = org_new();
	chk = calloc(1, sizeof *chk);
	k = calloc(REPORT_FILE_COUNT, sizeof *k);
	if (top == NULL || chk == NULL || k == NULL) {
		cause_set(cause, "内存不足");
		rc = EXPORT_EFAIL;
		goto out;
	}
	rc = store_org_get(s, o->branch ? o->branch : o->top, top, NULL);
	if (rc != 0 || top->meta.removed != RM_NONE) {
		cause_set(cause, "找不到要导出的党组织");
		rc = EXPORT_EFAIL;
		goto out;
	}
	if (o->branch && !org_is_branch(top->category)) {
		cause_set(cause, "%s 不是党支部,不能单独导出党员基本信息汇总表",
		    top->name);
		rc = EXPORT_EFAIL;
		goto out;
	}
	if (!o->branch && org_is_branch(top->category)) {
		cause_set(cause, "%s 是党支部:上报文件夹由基层党委导出(党支部请用 --branch)",
		    top->name);
		rc = EXPORT_EFAIL;
		goto out;
	}
	/* a 本级 table belongs to a 基层党委, never to a 党总支 */
	if (!o->branch && !org_is_committee(top->category)) {
		cause_set(cause, "%s 是%s,不是基层党委:上报文件夹(含基层党委本级表)由它所属的"
		    "基层党委导出,请用 --org 指定基层党委", top->name,
		    top->category[0] ? top->category : "未填组织类别的党组织");
		rc = EXPORT_EFAIL;
		goto out;
	}
	{
		struct stat st;
		if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
			cause_set(cause, "%s 是文件,不是目录:-o 要给出保存上报文件夹的目录", dir);
			rc = EXPORT_EFAIL;
			goto out;
		}
		if (stat(dir, &st) != 0) {
			cause_set(cause, "输出目录 %s 无法使用: %s", dir, errno == ENOENT ?
			    "不存在" : outfile_strerror(errno));
			rc = EXPORT_EFAIL;
			goto out;
		}
	}
	/* the directory's lock for as long as this export writes in it: an
	 * export that gets it knows no other one is writing there, so the
	 * hidden leftovers of an interrupted one can go */
	lockfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lockfd >= 0 && flock(lockfd, LOCK_EX | LOCK_NB) == 0)
		res->stale = remove_stale(dir, o->msg);
	if (!o->branch) {
		if (report_seq_format(o->seq ? o->seq : "", seq, sizeof seq) != 0) {
			cause_set(cause, "序号应为1至6位数字: %s", o->seq ? o->seq : "");
			rc = EXPORT_EFAIL;
			goto out;
		}
		if ((why = report_filler_problem(o->filler)) != NULL) {
			cause_set(cause, "%s: “%s”", why, o->filler ? o->filler : "");
			rc = EXPORT_EFAIL;
			goto out;
		}
		if (report_folder_name(seq, top->name, o->filler, o->draft, folder,
		    sizeof folder) != 0 ||
		    path_join(final, sizeof final, dir, folder) != 0) {
			cause_set(cause, "文件夹名称过长或含有不能用于文件名的字符");
			rc = EXPORT_EFAIL;
			goto out;
		}
		if (!o->replace && (o->only == EXPORT_ALL ? access(final, F_OK) == 0 :
		    part_exists(o, final, top->name))) {
			snprintf(res->path, sizeof res->path, "%s", final);
			rc = EXPORT_EEXIST;
			goto out;
		}
		if ((size_t)snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, folder) >=
		    sizeof tmp || mkdtemp(tmp) == NULL) {
			cause_set(cause, "无法在 %s 中建立文件夹: %s", dir,
			    outfile_strerror(errno));
			rc = EXPORT_EFAIL;
			goto out;
		}
		made = 1;
		wdir = tmp;
	} else {
		wdir = dir;
	}

	/* problems go to a temporary list beside the output */
	if (path_join(ppath, sizeof ppath, dir, "问题清单.txt") != 0 ||
	    (pfd = outfile_tmp(dir, ptmp, sizeof ptmp)) < 0 ||
	    (q.fp = fdopen(pfd, "w")) == NULL) {
		cause_set(cause, "无法在 %s 中写入问题清单: %s", dir, outfile_strerror(errno));
		if (pfd >= 0)
			close(pfd);
		rc = EXPORT_EFAIL;
		goto out;
	}
	fprintf(q.fp, "序号\t党组织\t姓名\t公民身份证号\t字段\t级别\t问题\n");
	q.msg = o->msg;
	q.max_print = o->max_print ? o->max_print : 200;
	chk->s = s;
	if (o->today == NULL) {       /* once, not per record */
		time_t t = time(NULL);
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
		chk->today = today;
	} else {
		chk->today = o->today;
	}
	chk->fn = problem_out;
	chk->ud = &q;

	a = aside_new(s, o, wdir, top, chk);
	for (f = o->branch ? REPORT_FILE_MEMBERS : 0; f < REPORT_FILE_COUNT; f++) {
		if (!o->branch && !part_has(o->only, f))
			continue;
		if (a != NULL && (f == REPORT_FILE_SELF || f == REPORT_FILE_BRANCHES)) {
			/* written aside, in its place */
			if (a->self == NULL && a->k == NULL)
				nh = res->nhashed;
			if (f == REPORT_FILE_SELF)
				a->self = &k[nk++];
			else
				a->k = &k[nk++];
			continue;
		}
		if (a != NULL && f == REPORT_FILE_MEMBERS)
			aside_start(a);
		if (write_table(s, o, wdir, f, top, chk,
		    a != NULL && f == REPORT_FILE_MEMBERS ? &a->gate : NULL,
		    &k[nk], res, cause) != 0) {
			rc = EXPORT_EFAIL;
			goto out;
		}
		nk++;
	}
	if (a != NULL && (rc = aside_done(a, chk, res, nh, cause)) != 0)
		goto out;
	if (o->review) {
		int rv = a != NULL ? aside_review(a, &q) : -1;

		if (rv == -1)       /* not kept aside: list them now */
			rv = review_problems(s, o, top, &q);
		if (rv != 0) {
			cause_set(cause, "无法读取审核状态");
			rc = EXPORT_EFAIL;
			goto out;
		}
	}
	res->problems = q.n;

	if (q.n > 0) {
		if (fflush(q.fp) != 0 || fsync(fileno(q.fp)) != 0 ||
		    rename(ptmp, ppath) != 0) {
			cause_set(cause, "无法写入问题清单 %s: %s", ppath,
			    outfile_strerror(errno));
			rc = EXPORT_EFAIL;
			goto out;
		}
		ptmp[0] = '\0';
		snprintf(res->problems_path, sizeof res->problems_path, "%s", ppath);
		if (o->msg != NULL && q.n > q.printed)
			fprintf(o->msg, "……另有 %zu 个问题未列出,见问题清单\n",
			    q.n - q.printed);
		if (!o->draft) {
			res->path[0] = '\0';
			rc = sync_dir(dir, cause) == 0 ? EXPORT_EPROBLEMS : EXPORT_EFAIL;
			goto out;
		}
	}
	if (q.n == 0)
		unlink(ppath);          /* a list from an earlier run is stale now */
	for (i = 0; i < nk; i++)
		if (sink_commit(&k[i], cause) != 0) {
			rc = EXPORT_EFAIL;
			goto out;
		}
	if (o->branch) {
		rc = sync_dir(dir, cause) == 0 ? EXPORT_OK : EXPORT_EFAIL;
		goto out;
	}
	if (sync_dir(tmp, cause) != 0) {
		rc = EXPORT_EFAIL;
		goto out;
	}
	if (o->only == EXPORT_ALL) {
		rc = place_folder(tmp, final, o->replace, o->msg, cause);
		if (rc == -2) {             /* refused: the new folder was put back at tmp */
			made = 1;
			rc = EXPORT_EFAIL;
			goto out;
		}
	} else {
		/* a part goes file by file into an existing folder of the clerk's */
		rc = place_part(tmp, final, o->replace, cause);
		if (rc == 0 && sync_dir(final, cause) != 0)
			rc = -1;
	}
	if (rc == 1) {
		snprintf(res->path, sizeof res->path, "%s", final);
		rc = EXPORT_EEXIST;
		goto out;
	}
	if (rc != 0) {
		rc = EXPORT_EFAIL;
		goto out;
	}
	made = 0;
	snprintf(res->path, sizeof res->path, "%s", final);
	rc = sync_dir(dir, cause) == 0 ? EXPORT_OK : EXPORT_EFAIL;
out:
	if (a != NULL) {
		aside_join(a);          /* before k and q go */
		if (rc == EXPORT_EFAIL && a->rc != 0 && a->cause != NULL &&
		    cause != NULL) {
			free(*cause);   /* the first table's failure, as in turn */
			*cause = a->cause;
			a->cause = NULL;
		}
	}
	if (k != NULL)
		for (i = 0; i < nk; i++)
			sink_discard(&k[i]);
	if (q.fp != NULL)
		fclose(q.fp);
	if (ptmp[0] != '\0')
		unlink(ptmp);
	if (made)
		rm_tree_flat(tmp);
	aside_free(a);
	if (lockfd >= 0)
		close(lockfd);
	umask(um);
	free(k);
	free(chk);
	org_delete(top);
	return rc;
}
