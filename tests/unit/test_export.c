/* test_export.c - the report folder: order, names, BOM, GB18030, CSV round trip
 * through libcsv, XLSX structure, refusal for drafts, --draft naming, modes. */
#include <csv.h>
#include <iconv.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "export_fixture.h"
#include "review.h"
#include "export.h"
#include "report.h"

TestSuite(export, .init = fx_setup, .fini = fx_teardown);

#define MAXROWS 64
#define MAXCOLS 24

struct table {
	size_t nrows, ncols_cur;
	size_t ncols[MAXROWS];
	char *cell[MAXROWS][MAXCOLS];
};

static void
cb_field(void *s, size_t len, void *ud)
{
	struct table *t = ud;
	char *c;

	cr_assert_lt(t->nrows, (size_t)MAXROWS);
	cr_assert_lt(t->ncols_cur, (size_t)MAXCOLS);
	c = malloc(len + 1);
	memcpy(c, s, len);
	c[len] = '\0';
	t->cell[t->nrows][t->ncols_cur++] = c;
}

static void
cb_row(int term, void *ud)
{
	struct table *t = ud;

	(void)term;
	t->ncols[t->nrows++] = t->ncols_cur;
	t->ncols_cur = 0;
}

/* Parse a UTF-8 CSV file with a BOM through libcsv into t. */
static void
parse_csv(const char *path, struct table *t)
{
	struct csv_parser p;
	size_t len;
	char *buf = fx_slurp(path, &len);

	memset(t, 0, sizeof *t);
	cr_assert_geq(len, 3u);
	cr_assert_eq(memcmp(buf, "\xEF\xBB\xBF", 3), 0, "no UTF-8 BOM");
	cr_assert_eq(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	cr_assert_eq(csv_parse(&p, buf + 3, len - 3, cb_field, cb_row, t), len - 3,
	    "%s", csv_strerror(csv_error(&p)));
	csv_fini(&p, cb_field, cb_row, t);
	csv_free(&p);
	/* every line ends in CRLF */
	cr_assert_eq(memcmp(buf + len - 2, "\r\n", 2), 0);
	free(buf);
}

static void
free_table(struct table *t)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols[r]; c++)
			free(t->cell[r][c]);
}

static void
base_opts(struct export_opts *o, const char *out)
{
	memset(o, 0, sizeof *o);
	o->top = fx.c;
	o->seq = "1";
	o->filler = "张三";
	o->outdir = out;
	o->formats = EXPORT_CSV;
	o->encoding = EXPORT_UTF8;
	o->today = FX_TODAY;
}

static char *
outdir(void)
{
	static char p[128];

	snprintf(p, sizeof p, "%s/out", fx_dir);
	mkdir(p, 0700);
	return p;
}

#define FOLDER "1" FX_P "委员会张三"
#define F_SELF FX_P "委员会党组织和所在单位信息汇总表（基层党委本级）"
#define F_BR FX_P "委员会党组织和所在单位信息汇总表（党支部）"
#define F_MEM FX_P "委员会党员基本信息汇总表"

static void
path3(char *out, size_t n, const char *a, const char *b, const char *c)
{
	snprintf(out, n, "%s/%s/%s", a, b, c);
}

static void
assert_mode(const char *path, mode_t want)
{
	struct stat st;

	cr_assert_eq(stat(path, &st), 0, "missing %s", path);
	cr_assert_eq(st.st_mode & 07777, want, "%s mode %o", path,
	    (unsigned)(st.st_mode & 07777));
}

Test(export, report_folder_csv_exact)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL, p[1024];
	struct table t;
	struct org org = { 0 };
	struct member m;
	uint64_t order[] = { 0 };
	size_t r;

	(void)order;
	fx_build();
	base_opts(&o, outdir());
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
	snprintf(p, sizeof p, "%s/" FOLDER, outdir());
	cr_assert_str_eq(res.path, p);
	assert_mode(p, 0700);
	cr_assert_eq(res.members, 7u);
	cr_assert_eq(res.org_rows, 10u);
	cr_assert_eq(res.problems, 0u);

	/* 本级: one row, the 基层党委 itself */
	path3(p, sizeof p, outdir(), FOLDER, F_SELF ".csv");
	assert_mode(p, 0600);
	parse_csv(p, &t);
	cr_assert_eq(t.nrows, 2u);
	for (r = 0; r < REPORT_ORG_NCOLS; r++)
		cr_assert_str_eq(t.cell[0][r], report_org_headers[r]);
	cr_assert_str_eq(t.cell[1][0], "1");
	cr_assert_str_eq(t.cell[1][1], FX_P "委员会");
	cr_assert_str_eq(t.cell[1][4], "\t010-12345678");
	cr_assert_eq(t.cell[1][10][0], '\t');
	free_table(&t);

	/* (党支部): the mandated order; joint branch three rows; 序号 1.. */
	path3(p, sizeof p, outdir(), FOLDER, F_BR ".csv");
	assert_mode(p, 0600);
	parse_csv(p, &t);
	{
		uint64_t want[] = { fx.by, fx.bz, fx.j, fx.j, fx.j, fx.ga, fx.ga2,
			fx.ga1, fx.gb, fx.gb1 };
		size_t u = 0;

		cr_assert_eq(t.nrows, 11u);
		for (r = 0; r < 10; r++) {
			char seq[8];
			cr_assert_eq(t.ncols[r + 1], (size_t)REPORT_ORG_NCOLS);
			cr_assert_eq(store_org_get(fx_st, want[r], &org, NULL), 0);
			snprintf(seq, sizeof seq, "%zu", r + 1);
			cr_assert_str_eq(t.cell[r + 1][0], seq);
			cr_assert_str_eq(t.cell[r + 1][1], org.name, "row %zu", r + 1);
			cr_assert_str_eq(t.cell[r + 1][5], org.category);
			if (want[r] == fx.j) {
				char code[40];
				cr_assert_str_eq(t.cell[r + 1][7], org.units[u].name);
				snprintf(code, sizeof code, "\t%s", org.units[u].code);
				cr_assert_str_eq(t.cell[r + 1][10], code);
				cr_assert_str_eq(t.cell[r + 1][3], org.contact);
				u++;
			} else {
				cr_assert_str_eq(t.cell[r + 1][7], "");
			}
		}
		cr_assert_eq(u, 3u);
	}
	free_table(&t);

	/* 党员: branch by branch in the same order, each in its own order */
	path3(p, sizeof p, outdir(), FOLDER, F_MEM ".csv");
	assert_mode(p, 0600);
	parse_csv(p, &t);
	{
		uint64_t want[] = { fx.m_by1, fx.m_by2, fx.m_bz, fx.m_j, fx.m_ga2,
			fx.m_ga1, fx.m_gb1 };

		cr_assert_eq(t.nrows, 8u);
		for (r = 0; r < REPORT_MEMBER_NCOLS; r++)
			cr_assert_str_eq(t.cell[0][r], report_member_headers[r]);
		for (r = 0; r < 7; r++) {
			const char *cells[REPORT_MEMBER_NCOLS];
			char seq[8], back[REPORT_CELL_MAX];
			size_t c;

			cr_assert_eq(store_member_get(fx_st, want[r], &m, NULL), 0);
			cr_assert_eq(store_org_get(fx_st, m.branch, &org, NULL), 0);
			snprintf(seq, sizeof seq, "%zu", r + 1);
			report_member_cells(&m, org.name, seq, cells);
			cr_assert_eq(t.ncols[r + 1], (size_t)REPORT_MEMBER_NCOLS);
			/* every cell equals the database after the importer's reversal */
			for (c = 0; c < REPORT_MEMBER_NCOLS; c++) {
				snprintf(back, sizeof back, "%s", t.cell[r + 1][c]);
				report_cell_unprotect(back);
				cr_assert_str_eq(back, cells[c], "row %zu col %zu", r + 1, c);
			}
			/* ID number kept as text: TAB inside the quoted cell */
			cr_assert_eq(t.cell[r + 1][4][0], '\t');
			cr_assert_eq(strlen(t.cell[r + 1][4]), 19u);
			cr_assert_eq(t.cell[r + 1][12][0], '\t');
		}
		/* formula injection neutralised (孙三's address) */
		cr_assert_str_eq(t.cell[3][1], "孙三");
		cr_assert_eq(t.cell[3][13][0], '\'');
		cr_assert_eq(t.cell[3][13][1], '=');
		/* removed members never appear */
		for (r = 1; r < t.nrows; r++) {
			cr_assert_str_neq(t.cell[r][1], "王八");
			cr_assert_str_neq(t.cell[r][1], "冯九");
		}
	}
	free_table(&t);
	/* nothing else in the folder, no temporary left in out/ */
	{
		char cmd[512];
		snprintf(cmd, sizeof cmd, "test $(ls -A '%s/" FOLDER "' | wc -l) -eq 3 && "
		    "test $(ls -A '%s' | wc -l) -eq 1", outdir(), outdir());
		cr_assert_eq(system(cmd), 0);
	}
	org_free(&org);
}

Test(export, gb18030_converts_back)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL, p[1024], p2[1024], *u, *g, *back;
	size_t ul, gl, inleft, outleft;
	iconv_t cd;
	char *in, *out;
	char dir2[256];

	fx_build();
	base_opts(&o, outdir());
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
	snprintf(dir2, sizeof dir2, "%s/gb", fx_dir);
	mkdir(dir2, 0700);
	o.outdir = dir2;
	o.encoding = EXPORT_GB18030;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
	path3(p, sizeof p, outdir(), FOLDER, F_MEM ".csv");
	path3(p2, sizeof p2, dir2, FOLDER, F_MEM ".csv");
	u = fx_slurp(p, &ul);
	g = fx_slurp(p2, &gl);
	cr_assert_neq(memcmp(g, "\xEF\xBB\xBF", 3), 0, "GB18030 file has a UTF-8 BOM");
	/* 姓 of 钱一 in GB18030 is C7 AE */
	cr_assert_not_null(memmem(g, gl, "\xC7\xAE\xD2\xBB", 4));
	back = malloc(gl * 4 + 16);
	cd = iconv_open("UTF-8", "GB18030");
	cr_assert_neq(cd, (iconv_t)-1);
	in = g;
	inleft = gl;
	out = back;
	outleft = gl * 4 + 16;
	cr_assert_neq(iconv(cd, &in, &inleft, &out, &outleft), (size_t)-1);
	iconv_close(cd);
	cr_assert_eq((size_t)(out - back), ul - 3);
	cr_assert_eq(memcmp(back, u + 3, ul - 3), 0);
	free(back);
	free(u);
	free(g);
}

Test(export, xlsx_structure)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL, cmd[8192], p[1024];
	char *xml, *sx;
	size_t len;
	int e2_style = -1;

	fx_build();
	base_opts(&o, outdir());
	o.formats = EXPORT_CSV | EXPORT_XLSX;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
	path3(p, sizeof p, outdir(), FOLDER, F_MEM ".xlsx");
	assert_mode(p, 0600);
	snprintf(cmd, sizeof cmd, "unzip -tq '%s' >/dev/null", p);
	cr_assert_eq(system(cmd), 0, "unzip -t failed");
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet1.xml > '%s/s1.xml' && "
	    "unzip -p '%s' xl/workbook.xml > '%s/wb.xml' && "
	    "unzip -p '%s' xl/styles.xml > '%s/st.xml'", p, fx_dir, p, fx_dir, p,
	    fx_dir);
	cr_assert_eq(system(cmd), 0);
	snprintf(p, sizeof p, "%s/s1.xml", fx_dir);
	xml = fx_slurp(p, &len);
	cr_assert_not_null(strstr(xml, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
	    ? xml : strstr(xml, "state=\"frozen\""), "no frozen pane");
	cr_assert_not_null(strstr(xml, "ySplit=\"1\""));
	/* E2 (公民身份证号 of the first member) is a string cell, not a number */
	{
		struct member m;
		char want[128];
		char *c = strstr(xml, "<c r=\"E2\"");

		cr_assert_not_null(c, "no E2 cell");
		cr_assert_eq(sscanf(c, "<c r=\"E2\" s=\"%d\"", &e2_style), 1);
		cr_assert_not_null(strstr(c, "t=\"inlineStr\"") == strstr(c, "t=") ?
		    c : NULL, "E2 not a string cell");
		cr_assert_eq(store_member_get(fx_st, fx.m_by1, &m, NULL), 0);
		snprintf(want, sizeof want, "<t>%s</t>", m.idcard);
		cr_assert_not_null(strstr(c, want));
		/* and A2 (序号) is a number */
		c = strstr(xml, "<c r=\"A2\"");
		cr_assert_not_null(c);
		cr_assert(strncmp(strstr(c, ">") + 1, "<v>1</v>", 8) == 0);
	}
	/* formula injection neutralised in XLSX too (孙三's 家庭住址, row 4) */
	cr_assert(strstr(xml, "<t>'=HYPERLINK(") != NULL ||
	    strstr(xml, "<t>&apos;=HYPERLINK(") != NULL, "XLSX injection cell");
	cr_assert_null(strstr(xml, "<f>"), "a formula cell in the sheet");
	/* dropdowns from the hidden list sheet */
	cr_assert_not_null(strstr(xml, "<dataValidation type=\"list\""));
	cr_assert_not_null(strstr(xml, "代码表"));
	/* print layout: A4 landscape, one page wide, the title as page header */
	cr_assert_not_null(strstr(xml, "<pageSetUpPr fitToPage=\"1\"/>"), "not fit to page");
	cr_assert_not_null(strstr(xml, "paperSize=\"9\""), "not A4");
	cr_assert_not_null(strstr(xml, "orientation=\"landscape\""), "not landscape");
	cr_assert_not_null(strstr(xml, "fitToHeight=\"0\""), "not any pages tall");
	cr_assert_null(strstr(xml, "fitToWidth=\"") ? strstr(xml, "fitToWidth=\"0\"") : NULL);
	cr_assert_not_null(strstr(xml, "<oddHeader>&amp;C&amp;B&amp;14" F_MEM "</oddHeader>"),
	    "title header missing");
	cr_assert_not_null(strstr(xml, "<oddFooter>"), "page number footer missing");
	free(xml);
	snprintf(p, sizeof p, "%s/wb.xml", fx_dir);
	xml = fx_slurp(p, &len);
	/* the header row repeated on every printed page */
	cr_assert_not_null(strstr(xml, "_xlnm.Print_Titles"), "no print titles");
	cr_assert_not_null(strstr(xml, "!$1:$1</definedName>"), "print titles not row 1");
	cr_assert_not_null(strstr(xml, "name=\"代码表\""));
	cr_assert_not_null(strstr(xml, "state=\"hidden\""));
	free(xml);
	/* E2's style is a cell format whose number format is text ("@") */
	snprintf(p, sizeof p, "%s/st.xml", fx_dir);
	sx = fx_slurp(p, &len);
	{
		char *x = strstr(sx, "<cellXfs"), fmt[64], *f;
		int k;

		cr_assert_not_null(x);
		for (k = 0; k <= e2_style; k++) {
			x = strstr(x + 1, "<xf ");
			cr_assert_not_null(x);
		}
		cr_assert_eq(sscanf(x, "<xf numFmtId=\"%63[0-9]\"", fmt), 1);
		f = strstr(sx, "numFmtId=\"");
		cr_assert_not_null(f);
		{
			char want[160];
			snprintf(want, sizeof want, "<numFmt numFmtId=\"%s\" formatCode=\"@\"/>", fmt);
			cr_assert(strstr(sx, want) != NULL || strcmp(fmt, "49") == 0,
			    "E2 style %d has number format %s, not text", e2_style, fmt);
		}
	}
	free(sx);
}

Test(export, refused_for_draft_and_draft_naming)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL, p[1024], *txt;
	struct member m;

	fx_build();
	/* a member saved as a draft with a missing address */
	fx_member_fill(&m, fx.gb1, "陈草稿", "19820101", 123);
	m.address[0] = '\0';
	m.meta.state = REC_DRAFT;
	fx_member_save(&m);
	base_opts(&o, outdir());
	o.msg = NULL;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EPROBLEMS);
	cr_assert_geq(res.problems, 1u);
	snprintf(p, sizeof p, "%s/问题清单.txt", outdir());
	cr_assert_str_eq(res.problems_path, p);
	assert_mode(p, 0600);
	txt = fx_slurp(p, NULL);
	cr_assert_not_null(strstr(txt, "陈草稿"));
	cr_assert_not_null(strstr(txt, "家庭住址"));
	cr_assert_not_null(strstr(txt, FX_P "生产车间党支部"));
	free(txt);
	/* nothing else written */
	snprintf(p, sizeof p, "%s/" FOLDER, outdir());
	cr_assert_neq(access(p, F_OK), 0);
	{
		char cmd[512];
		snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 1", outdir());
		cr_assert_eq(system(cmd), 0);
	}

	/* --draft: written anyway, 草稿- in the folder and every file name */
	o.draft = 1;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
	snprintf(p, sizeof p, "%s/草稿-" FOLDER, outdir());
	cr_assert_str_eq(res.path, p);
	path3(p, sizeof p, outdir(), "草稿-" FOLDER, "草稿-" F_SELF ".csv");
	assert_mode(p, 0600);
	path3(p, sizeof p, outdir(), "草稿-" FOLDER, "草稿-" F_BR ".csv");
	assert_mode(p, 0600);
	path3(p, sizeof p, outdir(), "草稿-" FOLDER, "草稿-" F_MEM ".csv");
	assert_mode(p, 0600);
	cr_assert_eq(res.members, 8u);
}

Test(export, unconfirmed_warning_refused_confirmed_passes)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL;
	struct member m;

	fx_build();
	cr_assert_eq(store_member_get(fx_st, fx.m_j, &m, NULL), 0);
	strcpy(m.address, "北京市东城区和平里");       /* no house number: warning */
	m.meta.state = REC_COMPLETE;
	cr_assert_eq(store_member_save(fx_st, &m, &cause), 0, "%s", cause);
	base_opts(&o, outdir());
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EPROBLEMS);
	cr_assert_eq(res.problems, 1u);
	m.meta.n_confirm = 1;
	strcpy(m.meta.confirm[0].rule, "address_detail");
	strcpy(m.meta.confirm[0].by, "tester");
	m.meta.confirm[0].at = 1;
	cr_assert_eq(store_member_save(fx_st, &m, &cause), 0, "%s", cause);
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
	/* the list of the refused run is gone once the export is clean */
	{
		char p[512];
		snprintf(p, sizeof p, "%s/问题清单.txt", outdir());
		cr_assert_neq(access(p, F_OK), 0);
	}
}

Test(export, existing_folder_refused_or_replaced)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL, p[1024];
	FILE *fp;

	fx_build();
	base_opts(&o, outdir());
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
	path3(p, sizeof p, outdir(), FOLDER, F_MEM ".csv");
	fp = fopen(p, "w");
	fputs("old", fp);
	fclose(fp);
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EEXIST);
	{
		char *txt = fx_slurp(p, NULL);
		cr_assert_str_eq(txt, "old");
		free(txt);
	}
	o.replace = 1;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
	{
		size_t len;
		char *txt = fx_slurp(p, &len);
		cr_assert_gt(len, 100u);
		free(txt);
	}
	{
		char cmd[512];
		snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 1", outdir());
		cr_assert_eq(system(cmd), 0, "old folder or temporary left behind");
	}
}

Test(export, branch_exports_its_own_members_table)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL, p[1024];
	struct table t;

	fx_build();
	base_opts(&o, outdir());
	o.top = 0;
	o.branch = fx.by;
	o.seq = NULL;
	o.filler = NULL;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
	snprintf(p, sizeof p, "%s/" FX_P "办公室党支部党员基本信息汇总表.csv", outdir());
	cr_assert_str_eq(res.path, p);
	assert_mode(p, 0600);
	parse_csv(p, &t);
	cr_assert_eq(t.nrows, 3u);
	cr_assert_str_eq(t.cell[1][1], "钱一");
	cr_assert_str_eq(t.cell[2][1], "赵二");
	cr_assert_str_eq(t.cell[2][0], "2");
	free_table(&t);
	/* a committee is not a branch */
	o.branch = fx.c;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EFAIL);
	cr_assert_not_null(cause);
	free(cause);
}

/* The same refusal with the validation worker forced on and off. */
Test(export, worker_on_and_off_agree)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL;
	struct member m;
	int on;

	fx_build();
	fx_member_fill(&m, fx.ga1, "错一", "19820101", 125);
	strcpy(m.idcard, "110101198201011234");     /* bad check character */
	m.meta.state = REC_DRAFT;
	fx_member_save(&m);
	for (on = 0; on < 2; on++) {
		setenv("CAIJI_EXPORT_WORKER", on ? "1" : "0", 1);
		base_opts(&o, outdir());
		cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EPROBLEMS);
		cr_assert_eq(res.problems, 1u, "worker %d: %zu problems", on, res.problems);
		o.draft = 1;
		o.replace = 1;
		cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
		cr_assert_eq(res.members, 8u);
	}
	unsetenv("CAIJI_EXPORT_WORKER");
}

/* With the workers, the table of branches and the review states are
 * worked out beside the member table (export.c, aside): 问题清单 still
 * lists the branches' problems, then the members', then the review
 * states, as on one thread, and the counts and digests agree. */
Test(export, problems_in_turn_with_the_organisation_passes_aside)
{
	struct export_opts o;
	struct export_result res[2];
	char *cause = NULL, path[1024], *list[2], *csv[2][3];
	const char *files[3] = { F_SELF, F_BR, F_MEM };
	const char *p_self, *p_org, *p_mem, *p_rev;
	struct member m;
	struct org g = { 0 };
	size_t len, i;
	int on;

	fx_build();
	/* the 基层党委 left a draft: a problem of the first table (本级) */
	cr_assert_eq(store_org_get(fx_st, fx.c, &g, NULL), 0);
	g.meta.state = REC_DRAFT;
	cr_assert_eq(store_org_save(fx_st, &g, &cause), 0, "%s", cause);
	org_free(&g);
	memset(&g, 0, sizeof g);
	/* a branch late in 附件3 left a draft: a problem of the second table */
	cr_assert_eq(store_org_get(fx_st, fx.gb1, &g, NULL), 0);
	g.meta.state = REC_DRAFT;
	cr_assert_eq(store_org_save(fx_st, &g, &cause), 0, "%s", cause);
	org_free(&g);
	/* a member of the first branch of 附件4 with a wrong check character */
	fx_member_fill(&m, fx.by, "错一", "19820101", 125);
	strcpy(m.idcard, "110101198201011234");
	m.meta.state = REC_DRAFT;
	fx_member_save(&m);
	for (on = 0; on < 2; on++) {
		setenv("CAIJI_EXPORT_WORKER", on ? "1" : "0", 1);
		base_opts(&o, outdir());
		o.draft = 1;
		o.replace = 1;
		o.review = 1;
		cr_assert_eq(export_run(fx_st, &o, &res[on], &cause), EXPORT_OK, "%s",
		    cause);
		snprintf(path, sizeof path, "%s/问题清单.txt", outdir());
		list[on] = fx_slurp(path, &len);
		for (i = 0; i < 3; i++) {
			char name[512];

			snprintf(name, sizeof name, "草稿-%s.csv", files[i]);
			path3(path, sizeof path, outdir(), "草稿-" FOLDER, name);
			csv[on][i] = fx_slurp(path, &len);
		}
	}
	unsetenv("CAIJI_EXPORT_WORKER");
	cr_assert_str_eq(list[1], list[0]);
	for (i = 0; i < 3; i++)
		cr_assert_str_eq(csv[1][i], csv[0][i], "%s", files[i]);
	p_self = strstr(list[1], FX_P "委员会\t\t\t\t错误\t记录为草稿");
	p_org = strstr(list[1], FX_P "生产车间党支部\t\t\t\t错误\t记录为草稿");
	p_mem = strstr(list[1], "错一");
	p_rev = strstr(list[1], "未审核");
	cr_assert(p_self != NULL && p_org != NULL && p_mem != NULL && p_rev != NULL,
	    "%s", list[1]);
	cr_assert(p_self < p_org && p_org < p_mem && p_mem < p_rev, "%s", list[1]);
	cr_assert_eq(res[1].problems, res[0].problems);
	cr_assert_eq(res[1].members, res[0].members);
	cr_assert_eq(res[1].org_rows, res[0].org_rows);
	cr_assert_eq(res[1].orgs, res[0].orgs);
	cr_assert_eq(res[1].nhashed, res[0].nhashed);
	for (i = 0; i < res[0].nhashed; i++) {
		cr_assert_str_eq(res[1].hashed[i].name, res[0].hashed[i].name);
		cr_assert_eq(memcmp(res[1].hashed[i].sha256, res[0].hashed[i].sha256,
		    sizeof res[0].hashed[i].sha256), 0, "%s", res[0].hashed[i].name);
	}
	for (on = 0; on < 2; on++) {
		free(list[on]);
		for (i = 0; i < 3; i++)
			free(csv[on][i]);
	}
}

/* caiji export with two 基层党委 and no --org lists them and writes nothing. */
Test(export, command_needs_org_with_two_committees)
{
	struct app app;
	char *argv[] = { (char *)"export", (char *)"--seq", (char *)"2",
		(char *)"--filler", (char *)"李四", (char *)"-o", NULL, NULL };
	char errpath[256], *err;
	uint64_t c2, b2;
	int rc;

	fx_build();
	c2 = fx_org(0, "中共另一有限公司委员会", "党委", "与上级党组织相同", 0);
	b2 = fx_org(c2, "中共另一有限公司第一党支部", "党支部", "与上级党组织相同", 0);
	memset(&app, 0, sizeof app);
	app.st = fx_st;
	app.today = FX_TODAY;
	argv[6] = outdir();
	snprintf(errpath, sizeof errpath, "%s/stderr.txt", fx_dir);
	cr_assert_not_null(freopen(errpath, "w", stderr));
	rc = cmd_run(&app, &cmd_export_entry, 7, argv);
	fflush(stderr);
	cr_assert_eq(rc, 1);
	err = fx_slurp(errpath, NULL);
	cr_assert_not_null(strstr(err, "--org"), "%s", err);
	cr_assert_not_null(strstr(err, FX_P "委员会"), "%s", err);
	cr_assert_not_null(strstr(err, "中共另一有限公司委员会"), "%s", err);
	free(err);
	{
		char cmd[512];
		snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", outdir());
		cr_assert_eq(system(cmd), 0, "something was written");
	}
	/* with --org it exports that one, once it passed 初核 and 复核 (the
	 * export follows the workflow, review.h) */
	app.role = ROLE_ADMIN;
	app.user = "clerk";
	{
		uint64_t ids[2] = { c2, b2 };
		char *why = NULL;
		int i, j;

		for (i = 0; i < 2; i++) {
			cr_assert_eq(review_sign_org(&app, ids[i], "王五", NULL, &why), 0, "%s", why);
			for (j = 0; j < 2; j++)
				cr_assert_eq(review_pass_org(&app, ids[i], 0, NULL, &why), 0,
				    "%s", why);
		}
	}
	{
		char *argv2[] = { (char *)"export", (char *)"--seq", (char *)"2",
			(char *)"--filler", (char *)"李四", (char *)"-o", outdir(),
			(char *)"--org", (char *)"中共另一有限公司委员会", NULL };
		char p[512];

		cr_assert_not_null(freopen("/dev/null", "w", stdout));
		rc = cmd_run(&app, &cmd_export_entry, 9, argv2);
		cr_assert_eq(rc, 0);
		snprintf(p, sizeof p, "%s/2中共另一有限公司委员会李四", outdir());
		cr_assert_eq(access(p, F_OK), 0);
	}
	app.st = NULL;
}

/* A full disk (here: a file size limit) leaves nothing behind. */
Test(export, write_failure_leaves_nothing)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL;
	struct rlimit rl = { 1024, 1024 };
	int i;

	fx_build();
	for (i = 0; i < 40; i++)
		fx_member(fx.gb1, "批量党员", "19800101", 200 + i);
	signal(SIGXFSZ, SIG_IGN);
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	base_opts(&o, outdir());
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EFAIL);
	cr_assert_not_null(cause);
	cr_assert_not_null(strstr(cause, "文件过大"), "%s", cause);
	free(cause);
	{
		char cmd[512];
		snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", outdir());
		cr_assert_eq(system(cmd), 0, "something was left behind");
	}
}

/* Bytes that are not UTF-8 (only a draft can hold them): GB18030 fails
 * cleanly leaving nothing; XLSX stays a well-formed file. */
Test(export, invalid_utf8_draft)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL, p[1024], cmd[8192];
	struct member m;

	fx_build();
	fx_member_fill(&m, fx.ga1, "坏字节", "19820101", 127);
	strcpy(m.address, "北京市\xff\xfe东城区1号");
	m.meta.state = REC_DRAFT;
	fx_member_save(&m);
	base_opts(&o, outdir());
	o.draft = 1;
	o.encoding = EXPORT_GB18030;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EFAIL);
	cr_assert_not_null(strstr(cause, "GB18030"), "%s", cause);
	free(cause);
	cause = NULL;
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", outdir());
	cr_assert_eq(system(cmd), 0, "something was left behind");

	o.encoding = EXPORT_UTF8;
	o.formats = EXPORT_XLSX;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
	path3(p, sizeof p, outdir(), "草稿-" FOLDER, "草稿-" F_MEM ".xlsx");
	snprintf(cmd, sizeof cmd, "unzip -tq '%s' >/dev/null && unzip -p '%s' "
	    "xl/worksheets/sheet1.xml | iconv -f UTF-8 -t UTF-8 >/dev/null && "
	    "unzip -p '%s' xl/worksheets/sheet1.xml | grep -q '北京市??东城区1号'",
	    p, p, p);
	cr_assert_eq(system(cmd), 0, "XLSX not well-formed UTF-8");
}

/* Members of a 临时党支部 keep their formal relation elsewhere: not in 附件4
 * (不要重复), and their warning does not hold the report back. */
Test(export, temporary_branch_members_left_out_of_members_table)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL, p[1024];
	struct table t;
	struct org org = { 0 };
	size_t r;

	fx_build();
	cr_assert_eq(store_org_get(fx_st, fx.bz, &org, NULL), 0);
	strcpy(org.category, "临时党支部");
	cr_assert_eq(store_org_save(fx_st, &org, &cause), 0, "%s", cause ? cause : "");
	base_opts(&o, outdir());
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
	cr_assert_eq(res.members, 6u);
	path3(p, sizeof p, outdir(), FOLDER, F_MEM ".csv");
	parse_csv(p, &t);
	cr_assert_eq(t.nrows, 7u);
	for (r = 1; r < t.nrows; r++)
		cr_assert_str_neq(t.cell[r][1], "孙三", "row %zu", r);
	free_table(&t);
	/* the branch itself stays in 附件3 */
	path3(p, sizeof p, outdir(), FOLDER, F_BR ".csv");
	parse_csv(p, &t);
	for (r = 1; r < t.nrows; r++)
		if (strcmp(t.cell[r][1], FX_P "财务部党支部") == 0)
			break;
	cr_assert_lt(r, t.nrows, "the 临时党支部 is in 附件3");
	free_table(&t);
	org_free(&org);
}

/* A 本级 table belongs to a 基层党委: --org naming a 党总支 or a branch is
 * refused for the report folder; a branch's own 附件4 stays --branch. */
Test(export, report_folder_only_for_a_committee)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL, cmd[512];

	fx_build();
	base_opts(&o, outdir());
	o.top = fx.ga;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EFAIL);
	cr_assert_not_null(cause);
	cr_assert(strstr(cause, "不是基层党委") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	o.top = fx.by;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EFAIL);
	cr_assert(strstr(cause, "--branch") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", outdir());
	cr_assert_eq(system(cmd), 0, "something was written");
	o.top = 0;
	o.branch = fx.ga1;
	o.seq = o.filler = NULL;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause ? cause : "");
}

/* Report in parts, as the source asks: the organisation tables first (7月7日),
 * then 附件4 (7月19日) into the same folder. */
Test(export, report_in_parts)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL, p[1024], all[1024];
	struct member m;
	struct table t;

	fx_build();
	/* a member with a problem: the organisations can still go up */
	cr_assert_eq(store_member_get(fx_st, fx.m_bz, &m, NULL), 0);
	strcpy(m.ethnicity, "火星族");
	cr_assert_eq(store_member_save(fx_st, &m, &cause), 0, "%s", cause ? cause : "");
	base_opts(&o, outdir());
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EPROBLEMS, "the full folder needs all clean");
	o.only = EXPORT_MEMBERS;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EPROBLEMS, "附件4 needs clean members");
	o.only = EXPORT_ORGS;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause ? cause : "");
	cr_assert_eq(res.members, 0u);
	path3(p, sizeof p, outdir(), FOLDER, F_SELF ".csv");
	cr_assert_eq(access(p, F_OK), 0, "本级 table missing");
	path3(p, sizeof p, outdir(), FOLDER, F_BR ".csv");
	cr_assert_eq(access(p, F_OK), 0, "党支部 table missing");
	path3(p, sizeof p, outdir(), FOLDER, F_MEM ".csv");
	cr_assert_neq(access(p, F_OK), 0, "附件4 written with the organisations");
	/* the same part again: refused without --replace, replaced with it */
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_EEXIST);
	o.replace = 1;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause ? cause : "");
	o.replace = 0;
	/* members fixed: 附件4 goes into the same folder, beside the others */
	cr_assert_eq(store_member_get(fx_st, fx.m_bz, &m, NULL), 0);
	strcpy(m.ethnicity, "汉族");
	cr_assert_eq(store_member_save(fx_st, &m, &cause), 0, "%s", cause ? cause : "");
	o.only = EXPORT_MEMBERS;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause ? cause : "");
	cr_assert_eq(res.members, 7u);
	parse_csv(p, &t);
	cr_assert_eq(t.nrows, 8u);
	free_table(&t);
	path3(p, sizeof p, outdir(), FOLDER, F_SELF ".csv");
	cr_assert_eq(access(p, F_OK), 0, "the organisation tables stay");
	/* the parts equal the whole folder, byte for byte */
	snprintf(all, sizeof all, "%s/whole", fx_dir);
	mkdir(all, 0700);
	o.outdir = all;
	o.only = EXPORT_ALL;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause ? cause : "");
	{
		char cmd[2048];

		snprintf(cmd, sizeof cmd, "diff -r '%s/" FOLDER "' '%s/" FOLDER "' >/dev/null",
		    outdir(), all);
		cr_assert_eq(system(cmd), 0, "parts differ from the whole folder");
	}
}

/* --plain: bare values for programs, without the BOM and Excel markers. */
Test(export, plain_csv_has_no_markers)
{
	struct export_opts o;
	struct export_result res;
	char *cause = NULL, p[1024], *buf;
	size_t len;

	fx_build();
	base_opts(&o, outdir());
	o.plain = 1;
	cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause ? cause : "");
	path3(p, sizeof p, outdir(), FOLDER, F_MEM ".csv");
	buf = fx_slurp(p, &len);
	cr_assert_neq(memcmp(buf, "\xEF\xBB\xBF", 3), 0, "a BOM in a plain CSV");
	cr_assert_eq(memcmp(buf, "\"序号\"", strlen("\"序号\"")), 0);
	cr_assert_null(memchr(buf, '\t', len), "a TAB marker in a plain CSV");
	cr_assert_null(strstr(buf, ",\"'="), "an apostrophe marker in a plain CSV");
	cr_assert_not_null(strstr(buf, ",\"=HYPERLINK("), "the value itself, bare");
	free(buf);
}

/* ---- the CSV encoder's memory against libcsv's parser ----
 * csv_cells remembers the finished bytes of recent cells (short ones in
 * slots chosen by their bytes, longer ones as the column's last) and
 * copies them when a cell comes again.  Hundreds of members whose cells
 * cycle through values made to hurt: quotes, the characters the Excel-safe
 * marker is for, slot collisions, lengths at the limits of the two
 * memories (63/64 and 255 bytes).  Every cell read back by libcsv must be
 * the value with exactly report_cell_prefix's marker, with and without
 * the workers. */

#define HOSTILE_N   700
#define HOSTILE_COLS 5

static const char *const hostile_short[] = {
	"\"", "\"\"", "a\"b", "=1+1", "-", "@x", "'x", "+86", "汉族", "回族",
	"大学", "大学\"本科\"", "=\"汉族\"", "\"=\"", " ", "x", "xx", "xy", "yx",
	"中专", "公务员", "-公务员", "@公务员", "'公务员'", "a,b", "a\r\nb", "\t",
	"\tx", "\rx", "正常", "正常\"", "\"正常",
};
#define HOSTILE_NSHORT (int)(sizeof hostile_short / sizeof hostile_short[0])

/* The hostile columns: 民族 and 党籍状态 hold 31 bytes, the others 255. */
static const char *const hostile_labels[HOSTILE_COLS] = {
	"民族", "学历", "工作岗位", "家庭住址", "党籍状态"
};
static const int hostile_long[HOSTILE_COLS] = { 0, 1, 1, 1, 0 };

struct hostile {
	char long63[64], long64[65], long255[256], long255q[256];
	int col[REPORT_MEMBER_NCOLS];       /* hostile column of a CSV column, or -1 */
	size_t rows, cells, bad, col_i;
	int row_no;                         /* the row's z number; -1: not ours */
};

/* The value of member k in hostile column c: each value twice in a row
 * (the memory stays on), the list in order (the two 255-byte values of
 * equal length follow each other), every column at its own offset. */
static const char *
hostile_value(struct hostile *h, int c, int k)
{
	int n = HOSTILE_NSHORT + (hostile_long[c] ? 4 : 0);
	int j = (k / 2 + c * 7) % n;

	switch (j - HOSTILE_NSHORT) {
	case 0: return h->long63;
	case 1: return h->long64;
	case 2: return h->long255;
	case 3: return h->long255q;
	default: return hostile_short[j];
	}
}

static void
hostile_field(void *s, size_t len, void *ud)
{
	struct hostile *h = ud;
	size_t c = h->col_i++, np;
	char want[600], pre[2];
	const char *v;

	if (c == 1)                     /* 姓名: the member's number */
		h->row_no = len == 5 && ((char *)s)[0] == 'z' ? atoi((char *)s + 1) : -1;
	if (h->row_no < 0 || c >= REPORT_MEMBER_NCOLS || h->col[c] < 0)
		return;
	v = hostile_value(h, h->col[c], h->row_no);
	np = report_cell_prefix(v, report_member_cols[c].text, pre);
	memcpy(want, pre, np);
	strcpy(want + np, v);
	h->cells++;
	if ((len != strlen(want) || memcmp(s, want, len) != 0) && h->bad++ < 5)
		cr_log_error("row z%04d column %zu: got [%.*s] want [%s]", h->row_no, c,
		    (int)len, (char *)s, want);
}

static void
hostile_row(int term, void *ud)
{
	struct hostile *h = ud;

	(void)term;
	h->rows++;
	h->col_i = 0;
	h->row_no = -1;
}

Test(export, csv_memory_gives_libcsv_bytes_for_hostile_cells)
{
	struct export_opts o;
	struct export_result res;
	struct hostile h;
	struct csv_parser p;
	char *cause = NULL, path[1024], *buf;
	char *field[HOSTILE_COLS];
	size_t len, c;
	struct member m;
	int i, k, on, found;

	memset(&h, 0, sizeof h);
	memset(h.long63, 'q', 63);
	memset(h.long64, '"', 64);
	memset(h.long255, 'w', 255);
	memset(h.long255q, '"', 255);
	h.long255q[0] = '=';
	for (c = 0; c < REPORT_MEMBER_NCOLS; c++) {
		h.col[c] = -1;
		for (k = 0; k < HOSTILE_COLS; k++)
			if (strcmp(report_member_headers[c], hostile_labels[k]) == 0)
				h.col[c] = k;
	}
	for (k = 0; k < HOSTILE_COLS; k++) {
		for (found = 0, c = 0; c < REPORT_MEMBER_NCOLS; c++)
			found += h.col[c] == k;
		cr_assert_eq(found, 1, "column %s", hostile_labels[k]);
	}
	fx_build();
	field[0] = m.ethnicity;
	field[1] = m.education;
	field[2] = m.job;
	field[3] = m.address;
	field[4] = m.party_status;
	for (i = 0; i < HOSTILE_N; i++) {
		fx_member_fill(&m, fx.by, "z", "19800101", 300 + i);
		snprintf(m.name, sizeof m.name, "z%04d", i);
		for (k = 0; k < HOSTILE_COLS; k++) {
			const char *v = hostile_value(&h, k, i);

			cr_assert_lt(strlen(v), hostile_long[k] ? (size_t)REC_TEXT_MAX :
			    (size_t)REC_SHORT_MAX);
			strcpy(field[k], v);
		}
		m.meta.state = REC_DRAFT;
		fx_member_save(&m);
	}
	for (on = 0; on < 2; on++) {
		setenv("CAIJI_EXPORT_WORKER", on ? "1" : "0", 1);
		base_opts(&o, outdir());
		o.draft = 1;
		o.replace = 1;
		cr_assert_eq(export_run(fx_st, &o, &res, &cause), EXPORT_OK, "%s", cause);
		snprintf(path, sizeof path, "%s/草稿-%s/草稿-%s.csv", outdir(), FOLDER, F_MEM);
		buf = fx_slurp(path, &len);
		h.rows = h.cells = h.bad = h.col_i = 0;
		h.row_no = -1;
		cr_assert_eq(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
		cr_assert_eq(csv_parse(&p, buf + 3, len - 3, hostile_field, hostile_row, &h),
		    len - 3, "%s", csv_strerror(csv_error(&p)));
		csv_fini(&p, hostile_field, hostile_row, &h);
		csv_free(&p);
		free(buf);
		cr_assert_eq(h.cells, (size_t)HOSTILE_N * HOSTILE_COLS, "worker %d: %zu cells",
		    on, h.cells);
		cr_assert_eq(h.bad, 0u, "worker %d: %zu cells differ", on, h.bad);
	}
	unsetenv("CAIJI_EXPORT_WORKER");
}
