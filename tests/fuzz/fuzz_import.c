/* fuzz_import.c - libFuzzer over the CSV import path: encoding detection,
 * strict libcsv parsing, cell rules, validation and the merge, as a dry run
 * (the write transaction is always aborted) into a temporary store that
 * holds the fixture report, so member rows reach the merge code. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "import.h"
#include "store.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *st;

static void
quiet(const struct import_problem *p, void *ud)
{
	(void)p;
	(void)ud;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char dir[] = "/tmp/caiji-fuzz-import.XXXXXX";
	static char f0[] = "tests/e2e/import-data/中共测试科技有限公司委员会党组织和所在单位信息汇总表(基层党委本级).csv";
	static char f1[] = "tests/e2e/import-data/中共测试科技有限公司委员会党组织和所在单位信息汇总表(党支部).csv";
	static char f2[] = "tests/e2e/import-data/中共测试科技有限公司委员会党员基本信息汇总表.csv";
	char *files[] = { f0, f1, f2 };
	struct import_opts o;
	struct import_stats t;

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL || store_open(&st, dir, 0, 0, NULL) != 0)
		abort();
	memset(&o, 0, sizeof o);
	o.today = "2026-11-29";
	o.report = quiet;
	import_files(st, files, 3, &o, &t, NULL, NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"x党员基本信息汇总表.csv",
		"中共测试科技有限公司委员会党组织和所在单位信息汇总表(党支部).csv",
		"x党组织和所在单位信息汇总表(基层党委本级).csv",
		"roster.csv",
	};
	struct import_opts o;
	struct import_stats s;

	if (size == 0)
		return 0;
	memset(&o, 0, sizeof o);
	o.dry_run = 1;
	o.today = "2026-11-29";
	o.report = quiet;
	if (data[0] & 0x80)
		o.branch = "中共测试科技有限公司第一党支部";
	import_mem(st, names[data[0] & 3], data + 1, size - 1, &o, &s);
	return 0;
}
