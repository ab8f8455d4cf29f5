/*
 * opstats.h - the operator statistics report (issue 14.14): what each
 * login keyed per day, from the store's opstats rows (store.h), as the
 * aligned text `caiji stats --operators` prints and the TUI's 录入统计
 * shows, or as CSV (libcsv).
 *
 * Columns: 录入员, 日期, 新建, 修改 (records saved), 每条用时 (seconds of
 * keying per record saved), 每条按键 (keys per record), 离开后更正 (fields
 * changed after the clerk had left them with a value), 每千键错误 (errors
 * the checks raised per 1,000 keys).  A last row 合计 sums every row shown.
 */
#ifndef CAIJI_OPSTATS_H
#define CAIJI_OPSTATS_H

#include <stdio.h>
#include "store.h"

/* The rows with day >= since (NULL = all) into *rows (malloc'd, caller
 * frees), *n their count, in login then day order.  0 or a STORE_E* code. */
int opstats_collect(struct store *s, const char *since, struct store_opstat **rows,
    size_t *n);

/* The report as aligned text into buf (size bytes, NUL-terminated; cut
 * at size - 1): a header line, one line per row, the 合计 line.  Returns
 * the length it wanted. */
size_t opstats_text(const struct store_opstat *rows, size_t n, char *buf, size_t size);

/* The same table as CSV (UTF-8, a header row, numbers as text) on fp.
 * 0, or -1 on a write error. */
int opstats_csv(FILE *fp, const struct store_opstat *rows, size_t n);

#endif
