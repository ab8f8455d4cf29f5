/*
 * store.c - the LMDB store of the organisation tree and the members.
 * The only file that includes lmdb.h; the layout and the encoding are
 * documented in include/store.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <pwd.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <lmdb.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "digest.h"

#include "cause.h"
#include "initials.h"
#include "merge.h"
#include "safefile.h"
#include "schema.h"
#include "store.h"
#include "utf8.h"
#include "validate.h"
#include "words.h"

#define DEFAULT_MAP   ((size_t)64 << 20)
#define SEQ_GAP       ((uint64_t)1 << 16)
/* The record formats (the u16 before every record; store.h "Encoding").
 * Organisations and units are written as FMT_BASE, except an organisation
 * with more than REC_UNITS_V1 units, written as FMT_UNITS (2): builds
 * before issue 10 (B.9) held at most 16 units and would show, export and
 * save only the first 16, so they must refuse it (they refuse a record
 * whose format is newer than theirs, STORE_NEWER_TEXT).  Members are
 * written as FMT_MEMBER (3, issue 15: the packed items of "format 3" below).
 * This build reads all three; FMT_VERSION is the newest. */
#define FMT_BASE      1
#define FMT_UNITS     2
#define FMT_MEMBER    3
#define FMT_VERSION   3

enum {
	DB_META, DB_ORGS, DB_CHILDREN, DB_UNITS, DB_MEMBERS, DB_BRANCH,
	DB_IDCARD, DB_NAMES, DB_ORGNAMES, DB_COUNTS, DB_SEARCH, DB_INITIALS,
	DB_OPSTATS, DB_VERIFY, DB_REVIEW, DB_ORGMARKS, DB_COUNT
};

static const char *const db_name[DB_COUNT] = {
	"meta", "orgs", "children", "units", "members", "branch",
	"idcard", "names", "orgnames", "counts", "search", "initials", "opstats",
	"verify", "review", "orgmarks",
};

/* The search table: members in chunks of SEARCH_CHUNK ids; see t_search_set. */
#define SEARCH_CHUNK 16
#define SEARCH_SEP   0x1F     /* between the ID number and the phone */

struct search_buf {
	uint64_t chunk;           /* id / SEARCH_CHUNK of what buf holds */
	int loaded, dirty;
	int fresh;                /* not in the table yet: may go at its end */
	unsigned char *p;
	size_t len, cap;
};

/* The review counts of a branch kept in "review" (struct
 * store_review_counts; the review section at the end of this file). */
enum { RV_CHECKED, RV_REVIEWED, RV_RETURNED, RV_N };

struct rev_pend {
	uint64_t branch;
	int64_t d[RV_N];
	int64_t last_at;          /* the latest change seen, 0 = none */
	char last_by[REC_SHORT_MAX];
};

/* The member counts of a branch kept in "counts" (struct store_counts). */
enum { CNT_MEMBERS, CNT_FULL, CNT_PROB, CNT_DRAFTS, CNT_REMOVED, CNT_N };
#define CNT_PENDING 32          /* branches whose count changes a txn holds */

struct cnt_pend {
	uint64_t branch;
	int64_t d[CNT_N];
};

static const unsigned db_flag[DB_COUNT] = {
	[DB_NAMES] = MDB_DUPSORT | MDB_DUPFIXED,
	[DB_INITIALS] = MDB_DUPSORT | MDB_DUPFIXED,
};

/* Databases an older caiji did not have, opened apart (aux_open) so that
 * such a database still opens read-only: the audit trail and the users. */
enum { AUX_AUDIT, AUX_USERS, AUX_COUNT };
static const char *const aux_name[AUX_COUNT] = { "audit", "users" };

struct store {
	MDB_env *env;
	MDB_dbi dbi[DB_COUNT];
	unsigned flags;
	unsigned schema;          /* the database's schema version at open */
	MDB_txn *held;            /* store_read_hold's transaction, or NULL */
	unsigned held_depth;
	char user[REC_SHORT_MAX];
	struct initials *ini;     /* pinyin initials table, made on first need */
	int ini_tried;
	MDB_dbi aux[AUX_COUNT];
	unsigned aux_ok;          /* bit i: aux[i] is open */
	uint64_t scope;           /* store_set_scope: the clerk's subtree, 0 = all */
	int marks_stale;          /* orgmarks judged by other rules (read-only open) */
	pthread_t warm;           /* store_search_warm's thread, when warm_on */
	int warm_on;
	atomic_int warm_stop;     /* store_close: the warming may end now */
};

static int in_scope(struct store *s, MDB_txn *txn, uint64_t org);

/* End store_search_warm's thread, if any (before the map may change:
 * LMDB resizes it only with no transaction of this process open). */
static void
warm_end(struct store *s)
{
	if (!s->warm_on)
		return;
	atomic_store(&s->warm_stop, 1);
	pthread_join(s->warm, NULL);
	s->warm_on = 0;
}
static int member_in_scope(struct store *s, MDB_txn *txn, uint64_t id);
#define SCOPE_TEXT "没有权限: 该党组织不在您的管理范围内"

/* What a save changed in a caller's rec_meta, restored when the
 * transaction does not commit (so a retried callback sees its input). */
struct undo {
	struct rec_meta *dst;
	uint64_t id, version;
	int64_t created_at, changed_at;
	char created_by[REC_SHORT_MAX], changed_by[REC_SHORT_MAX];
};

struct buf {
	unsigned char *p;
	size_t len, cap;
};

/* Entries of the randomly keyed indexes (names, initials, and for a bulk
 * writer the ID numbers: t_idb) a transaction has yet to put: kept here
 * and put in key order when the buffer fills, before a delete from those
 * tables, before a look-up of an ID number the filter cannot rule out,
 * and before commit (t_defer_flush).  An import of many members puts its
 * keys sorted, each next to the last, instead of one descent from the
 * root to a leaf far from the last one for every member.  Nothing in a
 * write transaction reads names or initials, and an ID number the filter
 * cannot rule out is looked for among the deferred ones (a hash set of
 * them, ix) before the index: found there, everything is put first; not
 * found, the index alone answers (a false "maybe" of the filter, a few
 * hundred in a million, no longer cuts the sorted runs short).  So the
 * order of the puts is all that changes.  Each entry: table (1 byte), key
 * length (1), key, member id (8, big-endian). */
#define DEFER_BYTES ((size_t)3 << 19)  /* a half: 1.5 MiB */
#define DEFER_MAX   (DEFER_BYTES / 20)  /* entries (of 11 to 265 bytes; an
                                           import's are 20 on average) */
#define DEFER_IX    ((size_t)1 << 17)   /* slots of ix, a power of two, at
                                           least twice its ID numbers */
#define DEFER_DRAIN 2                   /* sorted entries put for a new one */

struct defer_at {
	uint64_t pre, pre2;       /* table and key bytes 0-6, then 7-14 */
	unsigned char *e;
};

struct defer {
	unsigned char *p;         /* DEFER_BYTES, never moved */
	size_t len;
	struct defer_at *at;      /* DEFER_MAX entries */
	size_t n;
	size_t nid;               /* of them ID numbers */
	uint32_t *ix;             /* DEFER_IX slots: 1 + where in p an ID
	                             number's entry is (sorting at[] leaves it),
	                             by its filter hash; 0 empty */
};

/* A bulk writer's (STORE_BULK) Bloom filter of every ID number its
 * transaction's unique index holds or has deferred: built from the index
 * on the transaction's first ID number, added to by every put.  A number
 * it rules out is new without a descent of the index (an import's every
 * row looks its number up, then inserts it), and its insert waits in the
 * deferred entries; a number it cannot rule out is looked up in the index
 * after a flush, as without it.  Blocked: the bits of a key are in one
 * 64-byte line, one cache miss a test.  2 MiB: about one false "maybe"
 * in two thousand at a million numbers, fewer before. */
#define IDB_LINES   ((size_t)1 << 15)
#define IDB_K       7

static uint64_t
idb_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ h >> 33;
}

static uint64_t
idb_hash(const void *k, size_t n)
{
	const unsigned char *p = k;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return idb_mix(h ^ n);
}

static void
idb_add(uint64_t *f, uint64_t h)
{
	uint64_t *line = f + (h & (IDB_LINES - 1)) * 8, g = idb_mix(h + 1);
	int i;

	for (i = 0; i < IDB_K; i++, g >>= 9)
		line[(g & 511) >> 6] |= (uint64_t)1 << (g & 63);
}

static int
idb_maybe(const uint64_t *f, uint64_t h)
{
	const uint64_t *line = f + (h & (IDB_LINES - 1)) * 8;
	uint64_t g = idb_mix(h + 1);
	int i;

	for (i = 0; i < IDB_K; i++, g >>= 9)
		if (!(line[(g & 511) >> 6] >> (g & 63) & 1))
			return 0;
	return 1;
}

struct store_txn {
	struct store *s;
	MDB_txn *txn;
	int64_t now;
	uint64_t next_id;
	int next_loaded, next_dirty;
	int fatal;                /* an LMDB error: the transaction is lost */
	int mdb_rc;               /* that error */
	struct undo *undo;
	size_t n_undo, cap_undo;
	size_t *uset;             /* open addressing: undo index + 1 by dst, 0 = free */
	size_t cap_uset;          /* a power of two, at least 2 * n_undo, or 0 */
	struct buf b;
	uint64_t br_id;           /* last branch found fit for members */
	MDB_dbi last_dbi;         /* last list appended to, and its last seq */
	uint64_t last_owner, last_seq;
	int last_ok;
	struct cnt_pend cnt[CNT_PENDING]; /* count changes not yet written */
	size_t n_cnt;
	struct rev_pend rv[CNT_PENDING];  /* review count changes (t_rev_count) */
	size_t n_rv;
	struct search_buf sb;     /* the search chunk being changed */
	/* the audit trail (its own region at the end of this file) */
	struct buf ab;            /* the entry being built */
	uint64_t au_seq;          /* last entry's number */
	unsigned char au_head[32], au_next[32];  /* last entry's hash */
	int au_loaded, au_dirty;
	uint64_t au_source;       /* store_txn_audit_source: the rows' file entry */
	/* creations under au_source not yet written: one range entry */
	uint64_t au_run_first, au_run_n, au_run_src;
	int au_run_kind;
	struct buf au_one;        /* the run's first creation as its own entry */
	struct digest_ctx *au_md; /* reused for every entry of the transaction */
	int au_undo;              /* the next update restores an earlier value */
	char au_undo_text[64];
	struct vreport *vr;       /* t_org_mark's report, made on first need */
	/* one cursor per table, opened on first put (t_cur): a put next to
	 * the last one (members and lists appended, an import's keys) finds
	 * its leaf from where the cursor stands instead of from the root.
	 * LMDB closes them when the transaction ends. */
	MDB_cursor *cur[DB_COUNT];
	struct defer df;          /* index entries not yet put: filling */
	struct defer dd;          /* ... and sorted, put from dpos on */
	size_t dpos;
	uint64_t *idb;            /* a bulk writer's filter of ID numbers */
	int idb_built;            /* idb holds this transaction's index */
	/* the last number the filter ruled out (an import asks for a row's
	 * twice: its look-up, then its save), until the next one is added */
	char idb_last[32];
	size_t idb_last_len;      /* 0: none */
	uint64_t idb_last_h;
};

static int t_audit_rec(struct store_txn *t, int action, int kind,
    const void *old, const void *now, const char *text, char **cause);
static int t_rev_count(struct store_txn *t, uint64_t branch,
    const struct rec_meta *meta, int sign);
static int t_rev_touch(struct store_txn *t, uint64_t branch);
static int t_rev_flush(struct store_txn *t);
static void t_rev_give(struct rec_meta *dst, const struct rec_meta *nm);
static int t_rev_on_save(struct store_txn *t, const struct rec_meta *old,
    const struct rec_meta *in, int changed, struct rec_meta *nm, int *reset,
    char **cause);
static int member_edit_differs(const struct member *a, const struct member *b);
static int org_edit_differs(const struct org *a, const struct org *b);
#define REV_RESET_TEXT "修改后退回录入（初核通过已撤销，须重新初核）"
static int t_audit_flush(struct store_txn *t);
static int t_audit_run_flush(struct store_txn *t, char **cause);
static int t_audit_build(struct store_txn *t, int action, int kind,
    const void *old, const void *now, const char *text, char **cause);
static void t_audit_reset(struct store_txn *t);
static void t_audit_free(struct store_txn *t);
static int aux_open(struct store *s, char **cause);

/* ---- small helpers ---- */

static void
default_cause(char **cause, int rc)
{
	if (rc != 0 && cause != NULL && *cause == NULL)
		*cause = strdup(store_strerror(rc));
}

static void
put_be64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

static uint64_t
get_be64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static void
put_le(unsigned char *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

static uint64_t
get_le(const unsigned char *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = n - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static const char *
fmt_time(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || localtime_r(&tt, &tm) == NULL)
		snprintf(out, n, "未知时间");
	else
		strftime(out, n, "%Y-%m-%d %H:%M", &tm);
	return out;
}

/* Chinese text for an LMDB or errno code. */
static const char *
mdb_text(int mrc)
{
	switch (mrc) {
	case ENOSPC:
	case EDQUOT:
		return "磁盘空间不足";
	case EFBIG:
		return "文件超出系统允许的大小";
	case EACCES:
	case EPERM:
		return "没有访问权限";
	case ENOENT:
		return "文件或目录不存在";
	case ENOTDIR:
		return "不是目录";
	case EROFS:
		return "文件系统只读";
	case ENOMEM:
		return "内存不足";
	case MDB_MAP_FULL:
		return "数据库空间已满";
	case MDB_CORRUPTED:
	case MDB_PAGE_NOTFOUND:
		return "数据库文件已损坏";
	case MDB_VERSION_MISMATCH:
	case MDB_INVALID:
		return "不是本程序的数据库文件";
	case MDB_READERS_FULL:
		return "同时打开数据库的人数过多";
	default:
		return NULL;
	}
}

static void
mdb_cause(char **cause, int mrc)
{
	const char *t = mdb_text(mrc);

	if (t != NULL)
		cause_set(cause, "数据库错误: %s", t);
	else
		cause_set(cause, "数据库错误: %s", mdb_strerror(mrc));
}

/* ---- encoding: u16 format version, then items: format 1 (u8 tag, u16 len,
 * bytes) for organisations and units, format 3 (below) for members ---- */

/* F_NONE marks a tag no field of the table uses (12 in rec_meta's, the
 * nested confirmation): skipped both ways.  Tables have no other gaps. */
enum { F_STR, F_U64, F_I64, F_INT, F_I32A, F_NONE };

/* What format 3 tries before plain bytes for a string (enc3_str): the
 * encoder's choice only, the decoder reads every head in every field. */
enum { P_NONE, P_WORD, P_DATE, P_DIGITS, P_TEXT };

struct fdesc {
	unsigned char type;
	unsigned char pack;       /* P_*: member fields, from the form type */
	size_t off, size;
};

#define FTYPE_STR F_STR
#define FTYPE_REF F_U64
#define FTYPE_U64 F_U64
#define FTYPE_I64 F_I64
#define FTYPE_INT F_INT
#define FTYPE_I32 F_I32A

/* The decode tables are indexed by tag - base (a tag is looked up, never
 * searched), expanded from include/schema/; -Woverride-init (in
 * -Wextra, an error under CI=1) refuses two fields on one tag. */
#define FDESC(st, key, kind, tag, base) \
	[(tag) - (base)] = { FTYPE_##kind, P_NONE, offsetof(st, key), sizeof(((st *)0)->key) }
#define PACK_FT_TEXT   P_TEXT
#define PACK_FT_CODED  P_WORD
#define PACK_FT_DATE   P_DATE
#define PACK_FT_IDCARD P_DIGITS
#define PACK_FT_PHONE  P_DIGITS
#define PACK_FT_CODE   P_NONE
#define PACK_FT_INT    P_NONE
#define PACK_FT_NONE   P_NONE

#define META_BASE   SCH_META_BASE
#define TAG_CONFIRM SCH_TAG_CONFIRM
#define TAG_RETURN  SCH_TAG_RETURN
#define ORG_BASE    SCH_ORG_BASE
#define UNIT_BASE   SCH_UNIT_BASE
#define MEMBER_BASE SCH_MEMBER_BASE

#define SCH_M(key, kind, size, tag) \
	FDESC(struct rec_meta, key, kind, tag, META_BASE),
static const struct fdesc meta_fields[] = {
#include "schema/meta.def"
	[TAG_CONFIRM - META_BASE] = { F_NONE, 0, 0 },
	[TAG_RETURN - META_BASE] = { F_NONE, 0, 0 },
};
#undef SCH_M
#define SCH_M(key, kind, size, tag) \
	FDESC(struct rec_confirm, key, kind, tag, 1),
static const struct fdesc confirm_fields[] = {
#include "schema/confirm.def"
};
#undef SCH_M
#define SCH_M(key, kind, size, tag) \
	FDESC(struct rec_return, key, kind, tag, 1),
static const struct fdesc return_fields[] = {
#include "schema/return.def"
};
#undef SCH_M

#define SCH_F(key, kind, size, tag, ...) \
	FDESC(struct org, key, kind, tag, ORG_BASE),
static const struct fdesc org_fields[] = {
#include "schema/org.def"
};
#undef SCH_F
#define SCH_F(key, kind, size, tag, ...) \
	FDESC(struct unit, key, kind, tag, UNIT_BASE),
static const struct fdesc unit_fields[] = {
#include "schema/unit.def"
};
#undef SCH_F
#define SCH_F(key, kind, size, tag, label, item, ftype, ...) \
	[(tag) - MEMBER_BASE] = { FTYPE_##kind, PACK_##ftype, \
	    offsetof(struct member, key), sizeof(((struct member *)0)->key) },
static const struct fdesc member_fields[] = {
#include "schema/member.def"
};
#undef SCH_F

/*
 * The released tags.  These pins are the on-disk format of every database
 * written so far: a field keeps its tag forever, a new field takes the next
 * free one (append-only), and a removed field's tag is never reused.  If an
 * assert below fires, a .def line changed a released tag: put it back.
 */
#define PIN(rec, key, tag) _Static_assert(SCH_TAG_##rec##_##key == (tag), \
	"released store tag of " #rec "." #key " changed")
PIN(meta, id, 1); PIN(meta, version, 2); PIN(meta, created_at, 3);
PIN(meta, changed_at, 4); PIN(meta, created_by, 5); PIN(meta, changed_by, 6);
PIN(meta, state, 7); PIN(meta, removed, 8); PIN(meta, removed_note, 9);
PIN(meta, removed_at, 10); PIN(meta, removed_by, 11);
PIN(confirm, rule, 1); PIN(confirm, by, 2); PIN(confirm, at, 3);
PIN(meta, review, 13); PIN(meta, checked_by, 14); PIN(meta, checked_at, 15);
PIN(meta, reviewed_by, 16); PIN(meta, reviewed_at, 17);
PIN(return, field, 1); PIN(return, comment, 2); PIN(return, by, 3);
PIN(return, at, 4);
PIN(org, parent, 32); PIN(org, name, 33); PIN(org, secretary, 34);
PIN(org, contact, 35); PIN(org, phone, 36); PIN(org, category, 37);
PIN(org, unit_situation, 38); PIN(org, stat_count, 39);
PIN(org, signed_by, 40); PIN(org, signed_at, 41); PIN(org, note, 42);
PIN(org, signed_date, 43);
PIN(unit, name, 1); PIN(unit, category, 2); PIN(unit, party_status, 3);
PIN(unit, code, 4);
PIN(member, branch, 64); PIN(member, name, 65); PIN(member, sex, 66);
PIN(member, ethnicity, 67); PIN(member, idcard, 68); PIN(member, birth, 69);
PIN(member, education, 70); PIN(member, category, 71);
PIN(member, join_date, 72); PIN(member, full_date, 73); PIN(member, job, 74);
PIN(member, phone, 75); PIN(member, address, 76);
PIN(member, party_status, 77); PIN(member, lost, 78);
PIN(member, lost_date, 79); PIN(member, floating, 80); PIN(member, flow_to, 81);
PIN(member, confirm_method, 82); PIN(member, note, 83);
#undef PIN

/* Each kind's tags stay inside its own range (meta below the org and
 * member bases, the confirmation item outside the meta fields), and the
 * tables have no tag beyond a u8. */
#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))
_Static_assert(META_BASE + NFIELDS(meta_fields) <= ORG_BASE,
    "meta tags run into the org tags");
#define SCH_M(key, kind, size, tag) _Static_assert((tag) != TAG_CONFIRM && \
	(tag) != TAG_RETURN, \
	"meta." #key " sits on a nested item's tag (12, 18): take the next free tag");
#include "schema/meta.def"
#undef SCH_M
_Static_assert(ORG_BASE + NFIELDS(org_fields) <= MEMBER_BASE,
    "org tags run into the member tags");
_Static_assert(MEMBER_BASE + NFIELDS(member_fields) <= 0x100,
    "member tags beyond 255");
_Static_assert(NFIELDS(member_fields) == SCH_MEMBER_N &&
    NFIELDS(org_fields) == SCH_ORG_N && NFIELDS(unit_fields) == SCH_UNIT_N &&
    NFIELDS(meta_fields) == SCH_META_N + 2 &&
    NFIELDS(confirm_fields) == SCH_CONFIRM_N &&
    NFIELDS(return_fields) == SCH_RETURN_N,
    "tags must be dense (a gap decodes as a string): take the next free tag");

static int
buf_need(struct buf *b, size_t n)
{
	unsigned char *p;
	size_t cap;

	if (b->len + n <= b->cap)
		return 0;
	cap = b->cap ? b->cap * 2 : 4096;
	while (cap < b->len + n)
		cap *= 2;
	if ((p = realloc(b->p, cap)) == NULL)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

static int
buf_item(struct buf *b, unsigned tag, const void *v, size_t len)
{
	if (len > 0xFFFF || tag > 0xFF || buf_need(b, 3 + len) != 0)
		return -1;
	b->p[b->len] = (unsigned char)tag;
	put_le(b->p + b->len + 1, len, 2);
	if (len)
		memcpy(b->p + b->len + 3, v, len);
	b->len += 3 + len;
	return 0;
}

/* Append the fields of rec described by tab, tags from base, as format 1
 * items (enc_fields_fmt, with format 3's below). */
static int enc_fields(struct buf *b, const void *rec, const struct fdesc *tab,
    size_t n, unsigned base);

/* A nested item: header first, its length patched after. */
static int
enc_nested(struct buf *b, unsigned tag, const void *rec,
    const struct fdesc *tab, size_t n)
{
	size_t at;

	if (buf_need(b, 3) != 0)
		return -1;
	at = b->len;
	b->p[at] = (unsigned char)tag;
	b->len += 3;
	if (enc_fields(b, rec, tab, n, 1) != 0 || b->len - at - 3 > 0xFFFF)
		return -1;
	put_le(b->p + at + 1, b->len - at - 3, 2);
	return 0;
}

/* memcpy for the short strings of a record, without a library call (or
 * the compiler's rep movs, slow to start): two overlapping moves cover
 * 4..32 bytes (most fields, region names), else memcpy. */
static inline void
copy_short(unsigned char *d, const unsigned char *s, size_t n)
{
	uint64_t a, b;
	uint32_t x, y;
	unsigned char m[16], z[16];

	if (n > 16 && n <= 32) {
		memcpy(m, s, 16);
		memcpy(z, s + n - 16, 16);
		memcpy(d, m, 16);
		memcpy(d + n - 16, z, 16);
	} else if (n >= 8 && n <= 16) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + n - 8, &b, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(&x, s, 4);
		memcpy(&y, s + n - 4, 4);
		memcpy(d, &x, 4);
		memcpy(d + n - 4, &y, 4);
	} else if (n < 4) {
		if (n > 0)
			d[0] = s[0];
		if (n > 1)
			d[1] = s[1];
		if (n > 2)
			d[2] = s[2];
	} else
		memcpy(d, s, n);
}

static inline __attribute__((always_inline)) void
dec_field(void *rec, const struct fdesc *f, const unsigned char *v, size_t len)
{
	unsigned char *p = (unsigned char *)rec + f->off;
	uint64_t u;
	int32_t iv;

	switch (f->type) {
	case F_STR:
		if (len >= f->size)
			len = utf8_cut((const char *)v, len, f->size - 1);
		copy_short(p, v, len);
		p[len] = '\0';
		break;
	case F_U64:
	case F_I64:
		if (len == 8) {
			u = get_le(v, 8);
			memcpy(p, &u, 8);
		}
		break;
	case F_INT:
	case F_I32A:
		if (len == 4) {
			iv = (int32_t)(uint32_t)get_le(v, 4);
			memcpy(p, &iv, 4);
		}
		break;
	}
}

/* Walk items (no version header); tags outside the tables are skipped.
 * Returns 0, or -1 when the bytes are not items. */
static int
dec_body(const unsigned char *p, size_t len, void *rec,
    const struct fdesc *tab, size_t n, unsigned base, struct rec_meta *meta)
{
	unsigned tag;
	size_t l;

	while (len > 0) {
		if (len < 3)
			return -1;
		tag = p[0];
		l = (size_t)get_le(p + 1, 2);
		p += 3;
		len -= 3;
		if (l > len)
			return -1;
		if (tag >= base && tag < base + n)      /* most items: first */
			dec_field(rec, &tab[tag - base], p, l);
		else if (meta != NULL && tag == TAG_CONFIRM) {
			if (meta->n_confirm < REC_CONFIRM_MAX) {
				struct rec_confirm *c = &meta->confirm[meta->n_confirm];

				memset(c, 0, sizeof *c);
				if (dec_body(p, l, c, confirm_fields,
				    NFIELDS(confirm_fields), 1, NULL) == 0)
					meta->n_confirm++;
			}
		} else if (meta != NULL && tag == TAG_RETURN) {
			if (meta->n_return < REC_RETURN_MAX) {
				struct rec_return *r = &meta->ret[meta->n_return];

				memset(r, 0, sizeof *r);
				if (dec_body(p, l, r, return_fields,
				    NFIELDS(return_fields), 1, NULL) == 0)
					meta->n_return++;
			}
		} else if (meta != NULL && tag >= META_BASE &&
		    tag < META_BASE + NFIELDS(meta_fields))
			dec_field(meta, &meta_fields[tag - META_BASE], p, l);
		p += l;
		len -= l;
	}
	return 0;
}

/*
 * ---- format 3: the member record (issue 15, "disk for 1M members") ----
 *
 * The same tags as formats 1 and 2, in the same order, each item a u8 tag
 * and a u8 head h saying how its value is stored:
 *
 *   0x00-0x7F  h bytes: a string's bytes, or a number's little-endian
 *              bytes with its high zero bytes dropped (0: the value 0;
 *              a negative number keeps all 8, an int its 4)
 *   0x80-0x9F  a word of include/schema/words.def: number (h & 0x1F) << 8
 *              | the next byte
 *   0xA0-0xBF  a word as above, then u8 n and n bytes: the string is the
 *              word followed by them (an address after its region)
 *   0xC0-0xDB  n = h - 0xC0 decimal digits, packed two to a byte (BCD,
 *              the first digit in the high half; an odd n leaves the last
 *              low half 0): (n + 1) / 2 bytes
 *   0xE0-0xFB  the same, then an "X" (a 公民身份证号's check character)
 *   0xFD       a date YYYY-MM-DD (digits, month 00-15, day 00-31) in 3
 *              bytes, year << 9 | month << 5 | day, little-endian
 *   0xFF       u16 length, then that many bytes (strings of 128 bytes on)
 *   others     reserved: a newer caiji's, refused (STORE_ESCHEMA)
 *
 * Nested items (a confirmation, an open return) hold format 3 items; their
 * head is a length (0x00-0x7F or 0xFF).  A word number beyond this build's
 * table was written by a newer caiji and is refused likewise.  The encoder
 * picks the packed forms by the field's form type (enum P_*); the decoder
 * takes any head in any string field and fills exactly the bytes format 1
 * would have (the same cut at the field's size).  Empty strings and zero
 * numbers are left out, as in format 1.  A member of the synthetic
 * generator takes 143 bytes here on average, 329 in format 1.
 */
#define H_RAW_MAX   0x7F
#define H_WORD      0x80
#define H_WORDTEXT  0xA0
#define H_DIGITS    0xC0
#define H_DIGITSX   0xE0
#define H_DATE      0xFD
#define H_LONG      0xFF
#define DIGITS_MAX  27          /* 0xC0 + 27 = 0xDB, 0xE0 + 27 = 0xFB */

_Static_assert(WORDS_MAX == 0x20 << 8, "a word number is 13 bits of a head");

/* The payload length of an item of head h whose payload starts at p (len
 * bytes left): -1 when it cannot be one, -2 for a reserved head. */
static inline long
item3_len(unsigned h, const unsigned char *p, size_t len)
{
	if (h <= H_RAW_MAX)
		return (long)h;
	if (h < H_WORDTEXT)
		return 1;
	if (h < H_DIGITS)
		return len < 2 ? -1 : 2 + (long)p[1];
	if (h <= H_DIGITS + DIGITS_MAX)
		return (long)(h - H_DIGITS + 1) / 2;
	if (h >= H_DIGITSX && h <= H_DIGITSX + DIGITS_MAX)
		return (long)(h - H_DIGITSX + 1) / 2;
	if (h == H_DATE)
		return 3;
	if (h == H_LONG)
		return len < 2 ? -1 : 2 + (long)get_le(p, 2);
	return -2;
}

/* How many low bytes of v are not zero (0 for 0). */
static inline unsigned
num_bytes(uint64_t v)
{
	unsigned n = 0;

	while (v != 0) {
		n++;
		v >>= 8;
	}
	return n;
}

/* A string item of plain bytes. */
static inline void
put3_raw(struct buf *b, unsigned tag, const void *v, size_t len)
{
	unsigned char *q = b->p + b->len;

	q[0] = (unsigned char)tag;
	if (len <= H_RAW_MAX) {
		q[1] = (unsigned char)len;
		q += 2;
		b->len += 2 + len;
	} else {
		q[1] = H_LONG;
		put_le(q + 2, len, 2);
		q += 4;
		b->len += 4 + len;
	}
	memcpy(q, v, len);
}

/* YYYY-MM-DD as year << 9 | month << 5 | day; 0 when s is not that. */
static int
date_pack(const unsigned char *s, uint32_t *v)
{
	unsigned i, y = 0, m, d;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	if (s[4] != '-' || s[7] != '-' || s[5] < '0' || s[5] > '9' ||
	    s[6] < '0' || s[6] > '9' || s[8] < '0' || s[8] > '9' ||
	    s[9] < '0' || s[9] > '9')
		return 0;
	m = (s[5] - '0') * 10u + (s[6] - '0');
	d = (s[8] - '0') * 10u + (s[9] - '0');
	if (m > 15 || d > 31)
		return 0;
	*v = y << 9 | m << 5 | d;
	return 1;
}

/* Append string s (len > 0 bytes) of a field packed as pack.  Room for
 * 4 + len bytes is there. */
static void
enc3_str(struct buf *b, unsigned tag, const unsigned char *s, size_t len,
    unsigned pack)
{
	unsigned char *q = b->p + b->len;
	uint32_t dv;
	size_t i, nd, wl;
	int w;

	switch (pack) {
	case P_DATE:
		if (len == 10 && date_pack(s, &dv)) {
			q[0] = (unsigned char)tag;
			q[1] = H_DATE;
			put_le(q + 2, dv, 3);
			b->len += 5;
			return;
		}
		break;
	case P_DIGITS:
		nd = len > 1 && s[len - 1] == 'X' ? len - 1 : len;
		if (nd == 0 || nd > DIGITS_MAX)
			break;
		for (i = 0; i < nd && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i < nd)
			break;
		q[0] = (unsigned char)tag;
		q[1] = (unsigned char)((nd < len ? H_DIGITSX : H_DIGITS) + nd);
		for (i = 0; i + 1 < nd; i += 2)
			q[2 + i / 2] = (unsigned char)((s[i] - '0') << 4 | (s[i + 1] - '0'));
		if (i < nd)
			q[2 + i / 2] = (unsigned char)((s[i] - '0') << 4);
		b->len += 2 + (nd + 1) / 2;
		return;
	case P_WORD:
		if ((w = words_find((const char *)s, len)) >= 0) {
			q[0] = (unsigned char)tag;
			q[1] = (unsigned char)(H_WORD | w >> 8);
			q[2] = (unsigned char)w;
			b->len += 3;
			return;
		}
		break;
	case P_TEXT:
		if ((wl = words_prefix((const char *)s, len, &w)) == 0 ||
		    len - wl > 0xFF)
			break;
		q[0] = (unsigned char)tag;
		q[2] = (unsigned char)w;
		if (wl == len) {
			q[1] = (unsigned char)(H_WORD | w >> 8);
			b->len += 3;
		} else {
			q[1] = (unsigned char)(H_WORDTEXT | w >> 8);
			q[3] = (unsigned char)(len - wl);
			memcpy(q + 4, s + wl, len - wl);
			b->len += 4 + len - wl;
		}
		return;
	}
	put3_raw(b, tag, s, len);
}

/* Append the fields of rec described by tab, tags from base, as items of
 * format fmt (FMT_BASE or FMT_MEMBER).  Empty strings and zero numbers are
 * left out (they decode to the default), but for an I32 (党统人数: 0 is
 * not -1, "not entered"). */
static inline __attribute__((always_inline)) int
enc_fields_fmt(struct buf *b, unsigned fmt, const void *rec,
    const struct fdesc *tab, size_t n, unsigned base)
{
	const unsigned char *r = rec;
	unsigned char num[8];
	size_t i, len, w;
	uint64_t v;

	for (i = 0; i < n; i++) {
		const unsigned char *p = r + tab[i].off;

		if (tab[i].type == F_STR) {
			len = strnlen((const char *)p, tab[i].size);
			if (len == 0)
				continue;
			if (fmt != FMT_MEMBER) {
				if (buf_item(b, base + i, p, len) != 0)
					return -1;
				continue;
			}
			if (len > 0xFFFF || buf_need(b, 4 + len) != 0)
				return -1;
			enc3_str(b, base + i, p, len, tab[i].pack);
			continue;
		}
		if (tab[i].type == F_NONE)
			continue;
		if (tab[i].type == F_U64 || tab[i].type == F_I64) {
			memcpy(&v, p, 8);
			w = 8;
		} else {
			int32_t iv;

			memcpy(&iv, p, 4);
			v = (uint32_t)iv;
			w = 4;
		}
		if (v == 0 && tab[i].type != F_I32A)
			continue;
		if (fmt != FMT_MEMBER) {
			put_le(num, v, (int)w);
			if (buf_item(b, base + i, num, w) != 0)
				return -1;
			continue;
		}
		if (buf_need(b, 10) != 0)
			return -1;
		w = num_bytes(v);
		b->p[b->len] = (unsigned char)(base + i);
		b->p[b->len + 1] = (unsigned char)w;
		put_le(b->p + b->len + 2, v, (int)w);
		b->len += 2 + w;
	}
	return 0;
}

static int
enc_fields(struct buf *b, const void *rec, const struct fdesc *tab,
    size_t n, unsigned base)
{
	return enc_fields_fmt(b, FMT_BASE, rec, tab, n, base);
}

static int
enc3_fields(struct buf *b, const void *rec, const struct fdesc *tab,
    size_t n, unsigned base)
{
	return enc_fields_fmt(b, FMT_MEMBER, rec, tab, n, base);
}

/* A nested item in format 3: a long head first, made short after when the
 * items fit. */
static int
enc3_nested(struct buf *b, unsigned tag, const void *rec,
    const struct fdesc *tab, size_t n)
{
	size_t at, l;

	if (buf_need(b, 4) != 0)
		return -1;
	at = b->len;
	b->p[at] = (unsigned char)tag;
	b->p[at + 1] = H_LONG;
	b->len += 4;
	if (enc3_fields(b, rec, tab, n, 1) != 0 || (l = b->len - at - 4) > 0xFFFF)
		return -1;
	if (l <= H_RAW_MAX) {
		memmove(b->p + at + 2, b->p + at + 4, l);
		b->p[at + 1] = (unsigned char)l;
		b->len -= 2;
	} else
		put_le(b->p + at + 2, l, 2);
	return 0;
}

typedef int enc_fields_fn(struct buf *, const void *, const struct fdesc *,
    size_t, unsigned);
typedef int enc_nested_fn(struct buf *, unsigned, const void *,
    const struct fdesc *, size_t);

/* The one encoder of every kind of record, driven by its schema table: the
 * u16 format fmt (FMT_BASE: format 1 items; FMT_MEMBER: format 3), the
 * items of meta (NULL for a unit, which has none) with its confirmations
 * and open returns, then the fields of rec that tab describes, tags from
 * base.  Inlined with a constant fmt, so each caller calls one encoder. */
static inline __attribute__((always_inline)) int
enc_rec(struct buf *b, unsigned fmt, const struct rec_meta *meta,
    const void *rec, const struct fdesc *tab, size_t n, unsigned base)
{
	enc_fields_fn *fields = fmt == FMT_MEMBER ? enc3_fields : enc_fields;
	enc_nested_fn *nested = fmt == FMT_MEMBER ? enc3_nested : enc_nested;
	size_t i;

	b->len = 0;
	if (buf_need(b, 2) != 0)
		return -1;
	put_le(b->p, fmt, 2);
	b->len = 2;
	if (meta != NULL) {
		if (fields(b, meta, meta_fields, NFIELDS(meta_fields), META_BASE) != 0)
			return -1;
		for (i = 0; i < meta->n_confirm && i < REC_CONFIRM_MAX; i++)
			if (nested(b, TAG_CONFIRM, &meta->confirm[i], confirm_fields,
			    NFIELDS(confirm_fields)) != 0)
				return -1;
		for (i = 0; i < meta->n_return && i < REC_RETURN_MAX; i++)
			if (nested(b, TAG_RETURN, &meta->ret[i], return_fields,
			    NFIELDS(return_fields)) != 0)
				return -1;
	}
	return fields(b, rec, tab, n, base);
}

static int
enc_org(struct buf *b, const struct rec_meta *meta, const struct org *o)
{
	if (enc_rec(b, FMT_BASE, meta, o, org_fields, NFIELDS(org_fields),
	    ORG_BASE) != 0)
		return -1;
	if (o->n_units > REC_UNITS_V1)
		put_le(b->p, FMT_UNITS, 2);         /* see FMT_BASE */
	return 0;
}

static inline __attribute__((always_inline)) int
enc_member(struct buf *b, const struct rec_meta *meta, const struct member *m)
{
	return enc_rec(b, FMT_MEMBER, meta, m, member_fields,
	    NFIELDS(member_fields), MEMBER_BASE);
}

/* A member in format 1, as builds before issue 15 wrote it: for the tests
 * of the format (store_member_encode_as). */
static int
enc_member1(struct buf *b, const struct rec_meta *meta, const struct member *m)
{
	return enc_rec(b, FMT_BASE, meta, m, member_fields,
	    NFIELDS(member_fields), MEMBER_BASE);
}

static int
enc_unit(struct buf *b, const struct unit *u)
{
	return enc_rec(b, FMT_BASE, NULL, u, unit_fields, NFIELDS(unit_fields),
	    UNIT_BASE);
}

/* A string field from len bytes at v, cut as format 1 cuts. */
static inline void
str_put(unsigned char *p, size_t size, const unsigned char *v, size_t len)
{
	if (len >= size)
		len = utf8_cut((const char *)v, len, size - 1);
	copy_short(p, v, len);
	p[len] = '\0';
}

/* "00" .. "99": two digits at a time. */
static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Write a packed date or digit string (head h, payload v) as n bytes at
 * d (n as dec3_size says). */
static inline __attribute__((always_inline)) void
dec3_digits(unsigned char *d, unsigned h, const unsigned char *v)
{
	size_t i, nd;
	unsigned y, dv;

	if (h == H_DATE) {
		dv = (unsigned)get_le(v, 3);
		y = (dv >> 9) % 10000;                /* 4 digits, as written */
		memcpy(d, digit_pairs + 2 * (y / 100), 2);
		memcpy(d + 2, digit_pairs + 2 * (y % 100), 2);
		d[4] = '-';
		memcpy(d + 5, digit_pairs + 2 * (dv >> 5 & 15), 2);
		d[7] = '-';
		memcpy(d + 8, digit_pairs + 2 * (dv & 31), 2);
		return;
	}
	nd = h - (h >= H_DIGITSX ? H_DIGITSX : H_DIGITS);
	for (i = 0; i + 1 < nd; i += 2, v++) {
		d[i] = (unsigned char)('0' + (*v >> 4));
		d[i + 1] = (unsigned char)('0' + (*v & 15));
	}
	if (i < nd)
		d[i] = (unsigned char)('0' + (*v >> 4));
	if (h >= H_DIGITSX)
		d[nd] = 'X';
}

/* The length of the string a date or digits head stands for. */
static inline size_t
dec3_size(unsigned h)
{
	if (h == H_DATE)
		return 10;
	return h >= H_DIGITSX ? h - H_DIGITSX + 1 : h - H_DIGITS;
}

/* A string of a packed head other than a lone word (plain bytes are not;
 * its payload at v has the length item3_len said) into field p of size:
 * a word and more text, or a date or digits too long for the field (never
 * what the encoder wrote), made in t and cut as format 1 cuts.  0, or -2
 * for a word this build's table does not hold. */
static __attribute__((noinline)) int
dec3_packed(unsigned char *p, size_t size, unsigned h, const unsigned char *v)
{
	unsigned char t[0x100 + 0xFF + 2];
	const unsigned char *w;
	size_t n, wi, wl;

	if (h < H_DIGITS) {
		if ((wi = (h & 0x1F) << 8 | v[0]) >= words_n)
			return -2;
		w = words_blob + words_off[wi];
		wl = w[0];
		n = wl + v[1];
		if (n < size) {
			copy_short(p, w + 1, wl);
			copy_short(p + wl, v + 2, v[1]);
			p[n] = '\0';
			return 0;
		}
		memcpy(t, w + 1, wl);
		memcpy(t + wl, v + 2, v[1]);
	} else {
		n = dec3_size(h);
		dec3_digits(t, h, v);
	}
	str_put(p, size, t, n);
	return 0;
}

/* dec_field in format 3: item of head h, payload v (len bytes).  0, or -2
 * as dec3_packed. */
static inline __attribute__((always_inline)) int
dec3_field(void *rec, const struct fdesc *f, unsigned h,
    const unsigned char *v, size_t len)
{
	unsigned char *p = (unsigned char *)rec + f->off;
	uint64_t u;
	int32_t iv;

	switch (f->type) {
	case F_STR:
		if (h <= H_RAW_MAX)
			str_put(p, f->size, v, len);
		else if (h < H_WORDTEXT) {          /* a word: most coded values */
			size_t wi = (h & 0x1F) << 8 | v[0];
			const unsigned char *w;

			if (wi >= words_n)
				return -2;
			w = words_blob + words_off[wi];
			str_put(p, f->size, w + 1, w[0]);
		} else if (h == H_LONG)
			str_put(p, f->size, v + 2, len - 2);
		else if (h >= H_DIGITS && dec3_size(h) < f->size) {
			dec3_digits(p, h, v);           /* dates, ID numbers, phones */
			p[dec3_size(h)] = '\0';
		} else
			return dec3_packed(p, f->size, h, v);
		break;
	case F_U64:
	case F_I64:
		if (h <= 8) {
			u = get_le(v, (int)h);
			memcpy(p, &u, 8);
		}
		break;
	case F_INT:
	case F_I32A:
		if (h <= 4) {
			iv = (int32_t)(uint32_t)get_le(v, (int)h);
			memcpy(p, &iv, 4);
		}
		break;
	}
	return 0;
}

/* dec_body for format 3 items.  0, -1 when the bytes are not items, -2 for
 * a newer caiji's head or word. */
static int
dec3_body(const unsigned char *p, size_t len, void *rec,
    const struct fdesc *tab, size_t n, unsigned base, struct rec_meta *meta)
{
	unsigned tag, h;
	long l;

	while (len > 0) {
		if (len < 2)
			return -1;
		tag = p[0];
		h = p[1];
		p += 2;
		len -= 2;
		if ((l = item3_len(h, p, len)) < 0)
			return (int)(l < -1 ? -2 : -1);
		if ((size_t)l > len)
			return -1;
		if (tag >= base && tag < base + n) {    /* most items: first */
			if (dec3_field(rec, &tab[tag - base], h, p, (size_t)l) != 0)
				return -2;
		} else if (meta != NULL && (tag == TAG_CONFIRM || tag == TAG_RETURN) &&
		    (h <= H_RAW_MAX || h == H_LONG)) {
			const unsigned char *q = h == H_LONG ? p + 2 : p;
			size_t ql = h == H_LONG ? (size_t)l - 2 : (size_t)l;
			int r = 0;

			if (tag == TAG_CONFIRM && meta->n_confirm < REC_CONFIRM_MAX) {
				struct rec_confirm *c = &meta->confirm[meta->n_confirm];

				memset(c, 0, sizeof *c);
				if ((r = dec3_body(q, ql, c, confirm_fields,
				    NFIELDS(confirm_fields), 1, NULL)) == 0)
					meta->n_confirm++;
			} else if (tag == TAG_RETURN && meta->n_return < REC_RETURN_MAX) {
				struct rec_return *rt = &meta->ret[meta->n_return];

				memset(rt, 0, sizeof *rt);
				if ((r = dec3_body(q, ql, rt, return_fields,
				    NFIELDS(return_fields), 1, NULL)) == 0)
					meta->n_return++;
			}
			if (r == -2)
				return -2;
		} else if (meta != NULL && tag >= META_BASE &&
		    tag < META_BASE + NFIELDS(meta_fields)) {
			if (dec3_field(meta, &meta_fields[tag - META_BASE], h, p,
			    (size_t)l) != 0)
				return -2;
		}
		p += l;
		len -= (size_t)l;
	}
	return 0;
}

/* A whole record: the u16 format version, then items.  Returns 0, -1 when
 * the bytes are not a record, -2 when its format version is newer than
 * FMT_VERSION (see DEC_RC). */
static int
dec_items(const unsigned char *p, size_t len, void *rec,
    const struct fdesc *tab, size_t n, unsigned base, struct rec_meta *meta)
{
	unsigned ver;

	if (len < 2)
		return -1;
	if ((ver = (unsigned)(p[0] | p[1] << 8)) > FMT_VERSION)
		return -2;      /* written by a newer caiji: refused, never guessed */
	if (ver == FMT_MEMBER)
		return dec3_body(p + 2, len - 2, rec, tab, n, base, meta);
	return dec_body(p + 2, len - 2, rec, tab, n, base, meta);
}

_Static_assert(offsetof(struct org, n_units) + sizeof(size_t) * 2 +
    sizeof(struct unit *) == sizeof(struct org),
    "the unit list ends struct org (dec_org's head load)");

/* How much of an org a load fills: everything, or no units at all (the
 * unit array is then left as it was: see struct org).  LOAD_LEAN is kept
 * for the walks' callers; it is LOAD_FULL since the units left the struct. */
enum { LOAD_FULL, LOAD_LEAN, LOAD_HEAD };

/* The store rc of a dec_items result. */
static inline int
dec_rc(int r)
{
	return r == 0 ? 0 : r == -2 ? STORE_ESCHEMA : STORE_EIO;
}

static int
dec_org(const MDB_val *v, struct org *o, int how)
{
	if (how != LOAD_HEAD)
		org_reset(o);
	else {                  /* the unit array is left as it was */
		memset(o, 0, offsetof(struct org, n_units));
		o->stat_count = -1;
		o->n_units = 0;
	}
	return dec_rc(dec_items(v->mv_data, v->mv_size, o, org_fields,
	    NFIELDS(org_fields), ORG_BASE, &o->meta));
}

static int
dec_member(const MDB_val *v, struct member *m)
{
	member_init(m);
	return dec_rc(dec_items(v->mv_data, v->mv_size, m, member_fields,
	    NFIELDS(member_fields), MEMBER_BASE, &m->meta));
}

/* Undo what decoding a member into m may have set: every number and the
 * first byte of every string (the bytes after a terminator are left as
 * they were).  Cheaper than member_init's 3 KiB memset in a walk; expanded
 * from the schema, one store per field. */
#define RESET_STR(x) (x)[0] = '\0';
#define RESET_REF(x) (x) = 0;
#define RESET_U64(x) (x) = 0;
#define RESET_I64(x) (x) = 0;
#define RESET_INT(x) (x) = 0;
#define RESET_I32(x) (x) = 0;

static void
member_reset(struct member *m)
{
#define SCH_F(key, kind, ...) RESET_##kind(m->key)
#include "schema/member.def"
#undef SCH_F
#define SCH_M(key, kind, size, tag) RESET_##kind(m->meta.key)
#include "schema/meta.def"
#undef SCH_M
	m->meta.n_confirm = 0;
	m->meta.n_return = 0;
}

/* dec_member into a record that member_init, then member_reset, cleared. */
static int
dec_member_reset(const MDB_val *v, struct member *m)
{
	member_reset(m);
	return dec_rc(dec_items(v->mv_data, v->mv_size, m, member_fields,
	    NFIELDS(member_fields), MEMBER_BASE, &m->meta));
}

static int
dec_unit(const MDB_val *v, struct unit *u)
{
	memset(u, 0, sizeof *u);
	return dec_rc(dec_items(v->mv_data, v->mv_size, u, unit_fields,
	    NFIELDS(unit_fields), UNIT_BASE, NULL));
}

/* ---- the encoding, for tests of the format ---- */

int
store_member_encode(const struct member *m, unsigned char **out, size_t *len)
{
	return store_member_encode_as(m, FMT_MEMBER, out, len);
}

int
store_member_encode_as(const struct member *m, int fmt, unsigned char **out,
    size_t *len)
{
	struct buf b = { NULL, 0, 0 };

	*out = NULL;
	*len = 0;
	if ((fmt != FMT_BASE && fmt != FMT_MEMBER) ||
	    (fmt == FMT_BASE ? enc_member1(&b, &m->meta, m) :
	    enc_member(&b, &m->meta, m)) != 0) {
		free(b.p);
		return STORE_EIO;
	}
	*out = b.p;
	*len = b.len;
	return 0;
}

int
store_member_decode(const unsigned char *p, size_t len, struct member *m)
{
	MDB_val v = { len, (void *)p };

	return dec_member(&v, m);
}

int
store_org_encode(const struct org *o, unsigned char **out, size_t *len)
{
	struct buf b = { NULL, 0, 0 };

	*out = NULL;
	*len = 0;
	if (enc_org(&b, &o->meta, o) != 0) {
		free(b.p);
		return STORE_EIO;
	}
	*out = b.p;
	*len = b.len;
	return 0;
}

int
store_org_decode(const unsigned char *p, size_t len, struct org *o)
{
	MDB_val v = { len, (void *)p };

	return dec_org(&v, o, LOAD_FULL);
}

/* ---- raw reads, usable in read and write transactions ---- */

static int
get_id(MDB_txn *txn, MDB_dbi dbi, uint64_t id, MDB_val *v)
{
	unsigned char k[8];
	MDB_val key;

	put_be64(k, id);
	key.mv_size = 8;
	key.mv_data = k;
	return mdb_get(txn, dbi, &key, v);
}

/* Load an org with its units.  Returns 0, STORE_ENOTFOUND, STORE_EIO
 * (*mrc holds the LMDB code when there was one). */
static int
load_org_how(struct store *s, MDB_txn *txn, uint64_t id, struct org *o,
    int *mrc, int how)
{
	unsigned char k[12];
	MDB_cursor *cur = NULL;
	MDB_val key, val;
	int rc;

	*mrc = 0;
	if (id == 0)
		return STORE_ENOTFOUND;
	rc = get_id(txn, s->dbi[DB_ORGS], id, &val);
	if (rc == MDB_NOTFOUND)
		return STORE_ENOTFOUND;
	if (rc != 0) {
		*mrc = rc;
		return STORE_EIO;
	}
	if ((rc = dec_org(&val, o, how)) != 0)
		return rc;
	o->n_units = 0;
	if (how == LOAD_HEAD)
		return 0;
	if ((rc = mdb_cursor_open(txn, s->dbi[DB_UNITS], &cur)) != 0) {
		*mrc = rc;
		return STORE_EIO;
	}
	put_be64(k, id);
	memset(k + 8, 0, 4);
	key.mv_size = 12;
	key.mv_data = k;
	for (rc = mdb_cursor_get(cur, &key, &val, MDB_SET_RANGE); rc == 0;
	    rc = mdb_cursor_get(cur, &key, &val, MDB_NEXT)) {
		if (key.mv_size != 12 || get_be64(key.mv_data) != id)
			break;
		if (org_units_reserve(o, o->n_units + 1) != 0 ||
		    dec_unit(&val, &o->units[o->n_units]) != 0) {
			mdb_cursor_close(cur);
			return STORE_EIO;
		}
		o->n_units++;
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND) {
		*mrc = rc;
		return STORE_EIO;
	}
	return 0;
}

static int
load_org(struct store *s, MDB_txn *txn, uint64_t id, struct org *o, int *mrc)
{
	return load_org_how(s, txn, id, o, mrc, LOAD_FULL);
}

static int
load_member(struct store *s, MDB_txn *txn, uint64_t id, struct member *m, int *mrc)
{
	MDB_val val;
	int rc;

	*mrc = 0;
	if (id == 0)
		return STORE_ENOTFOUND;
	rc = get_id(txn, s->dbi[DB_MEMBERS], id, &val);
	if (rc == MDB_NOTFOUND)
		return STORE_ENOTFOUND;
	if (rc != 0) {
		*mrc = rc;
		return STORE_EIO;
	}
	return dec_member(&val, m);
}

static int
lookup_str(MDB_txn *txn, MDB_dbi dbi, const char *str, uint64_t *id, int *mrc)
{
	MDB_val key, val;
	int rc;

	*mrc = 0;
	if (str == NULL || *str == '\0')
		return STORE_ENOTFOUND;
	key.mv_size = strlen(str);
	key.mv_data = (void *)str;
	if (key.mv_size > 500)
		return STORE_ENOTFOUND;
	rc = mdb_get(txn, dbi, &key, &val);
	if (rc == MDB_NOTFOUND)
		return STORE_ENOTFOUND;
	if (rc != 0) {
		*mrc = rc;
		return STORE_EIO;
	}
	if (val.mv_size != 8)
		return STORE_EIO;
	*id = get_be64(val.mv_data);
	return 0;
}

/* Ordered list (children or branch): (owner, seq) -> id, collected. */
struct idlist {
	uint64_t *id, *seq;
	size_t n, cap;
};

static int
idlist_push(struct idlist *l, uint64_t seq, uint64_t id)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		uint64_t *a = realloc(l->id, cap * sizeof *a);

		if (a == NULL)
			return -1;
		l->id = a;
		a = realloc(l->seq, cap * sizeof *a);
		if (a == NULL)
			return -1;
		l->seq = a;
		l->cap = cap;
	}
	l->id[l->n] = id;
	l->seq[l->n] = seq;
	l->n++;
	return 0;
}

static void
idlist_free(struct idlist *l)
{
	free(l->id);
	free(l->seq);
	memset(l, 0, sizeof *l);
}

static int
list_read(MDB_txn *txn, MDB_dbi dbi, uint64_t owner, struct idlist *l, int *mrc)
{
	unsigned char k[16];
	MDB_cursor *cur = NULL;
	MDB_val key, val;
	int rc;

	*mrc = 0;
	if ((rc = mdb_cursor_open(txn, dbi, &cur)) != 0) {
		*mrc = rc;
		return STORE_EIO;
	}
	put_be64(k, owner);
	put_be64(k + 8, 0);
	key.mv_size = 16;
	key.mv_data = k;
	for (rc = mdb_cursor_get(cur, &key, &val, MDB_SET_RANGE); rc == 0;
	    rc = mdb_cursor_get(cur, &key, &val, MDB_NEXT)) {
		if (key.mv_size != 16 || get_be64(key.mv_data) != owner)
			break;
		if (val.mv_size != 8)
			continue;
		if (idlist_push(l, get_be64((unsigned char *)key.mv_data + 8),
		    get_be64(val.mv_data)) != 0) {
			rc = ENOMEM;
			break;
		}
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND) {
		*mrc = rc;
		return STORE_EIO;
	}
	return 0;
}

static int
list_has_any(MDB_txn *txn, MDB_dbi dbi, uint64_t owner, int *any, int *mrc)
{
	unsigned char k[16];
	MDB_cursor *cur = NULL;
	MDB_val key, val;
	int rc;

	*any = 0;
	*mrc = 0;
	if ((rc = mdb_cursor_open(txn, dbi, &cur)) != 0) {
		*mrc = rc;
		return STORE_EIO;
	}
	put_be64(k, owner);
	put_be64(k + 8, 0);
	key.mv_size = 16;
	key.mv_data = k;
	rc = mdb_cursor_get(cur, &key, &val, MDB_SET_RANGE);
	if (rc == 0 && key.mv_size == 16 && get_be64(key.mv_data) == owner)
		*any = 1;
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND) {
		*mrc = rc;
		return STORE_EIO;
	}
	return 0;
}

/* ---- open / close ---- */

static int
read_schema(struct store *s, MDB_txn *txn, unsigned *schema, int *mrc)
{
	MDB_val key = { 6, (void *)"schema" }, val;
	int rc;

	*mrc = 0;
	rc = mdb_get(txn, s->dbi[DB_META], &key, &val);
	if (rc == MDB_NOTFOUND) {
		*schema = 0;
		return 0;
	}
	if (rc != 0) {
		*mrc = rc;
		return STORE_EIO;
	}
	if (val.mv_size != 4)
		return STORE_EIO;
	*schema = (unsigned)get_le(val.mv_data, 4);
	return 0;
}

static int
schema_refuse(unsigned schema, char **cause)
{
	cause_set(cause, "%s（数据库格式版本 %u，本程序支持 %u）", STORE_NEWER_TEXT,
	    schema, (unsigned)STORE_SCHEMA);
	return STORE_ESCHEMA;
}

/* Open the named databases: a read transaction when they all exist (no
 * writer lock taken at open), else a write transaction creating them. */
static int
open_dbs(struct store *s, char **cause)
{
	MDB_txn *txn = NULL;
	unsigned schema = 0;
	int rc = 0, mrc, i, missing = 0;

	mrc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn);
	if (mrc != 0)
		goto mdb_err;
	for (i = 0; i < DB_COUNT; i++) {
		mrc = mdb_dbi_open(txn, db_name[i], db_flag[i], &s->dbi[i]);
		if (mrc == MDB_NOTFOUND) {
			missing = 1;
			break;
		}
		if (mrc != 0)
			goto mdb_err;
	}
	if (!missing) {
		if ((rc = read_schema(s, txn, &schema, &mrc)) != 0)
			goto fail;
		if (schema > STORE_SCHEMA) {
			rc = schema_refuse(schema, cause);
			goto fail;
		}
		if (schema != 0) {
			s->schema = schema;
			mrc = mdb_txn_commit(txn);
			txn = NULL;
			if (mrc != 0)
				goto mdb_err;
			return 0;
		}
	}
	/* a database of an older schema lacks the tables added since: read
	 * only, store_open refuses it as older (the migration needs a write) */
	if (missing && i > DB_META && (s->flags & STORE_RDONLY) &&
	    read_schema(s, txn, &schema, &mrc) == 0 && schema > 0 &&
	    schema < STORE_SCHEMA) {
		s->schema = schema;
		mdb_txn_abort(txn);
		return 0;
	}
	mdb_txn_abort(txn);
	txn = NULL;
	if (s->flags & STORE_RDONLY) {
		cause_set(cause, "数据库尚未建立");
		return STORE_ENOTFOUND;
	}

	mrc = mdb_txn_begin(s->env, NULL, 0, &txn);
	if (mrc != 0)
		goto mdb_err;
	for (i = 0; i < DB_COUNT; i++) {
		mrc = mdb_dbi_open(txn, db_name[i], db_flag[i] | MDB_CREATE, &s->dbi[i]);
		if (mrc != 0)
			goto mdb_err;
	}
	if ((rc = read_schema(s, txn, &schema, &mrc)) != 0)
		goto fail;
	if (schema > STORE_SCHEMA) {
		rc = schema_refuse(schema, cause);
		goto fail;
	}
	if (schema == 0) {
		unsigned char v[4];
		MDB_val key = { 6, (void *)"schema" }, val = { 4, v };

		put_le(v, STORE_SCHEMA, 4);
		if ((mrc = mdb_put(txn, s->dbi[DB_META], &key, &val, 0)) != 0)
			goto mdb_err;
		schema = STORE_SCHEMA;
	}
	s->schema = schema;
	mrc = mdb_txn_commit(txn);
	txn = NULL;
	if (mrc != 0)
		goto mdb_err;
	return 0;

mdb_err:
	rc = STORE_EIO;
fail:
	if (rc == STORE_EIO && mrc != 0)
		mdb_cause(cause, mrc);
	if (txn != NULL)
		mdb_txn_abort(txn);
	return rc;
}

static int migrate_builtin(struct store *s, char **cause);
static int marks_check(struct store *s, char **cause);

int
store_open(struct store **out, const char *dir, unsigned flags,
    size_t initial_map, char **cause)
{
	struct store *s = NULL;
	struct stat st;
	mode_t dmode = 0700, fmode = 0600, oldmask = 0;
	int rc = 0, mrc, dead;
	unsigned envflags = MDB_NOTLS;

	if (cause != NULL)
		*cause = NULL;
	*out = NULL;
	if (dir == NULL || *dir == '\0') {
		cause_set(cause, "未指定数据库目录");
		return STORE_EINVAL;
	}
	if (flags & STORE_SHARED) {
		dmode = 0770;
		fmode = 0660;
		oldmask = umask(007);
	}
	if (!(flags & STORE_RDONLY) && mkdir(dir, dmode) != 0 && errno != EEXIST) {
		cause_set(cause, "无法创建数据库目录 %s: %s", dir,
		    mdb_text(errno) ? mdb_text(errno) : strerror(errno));
		rc = STORE_EIO;
		goto out;
	}
	if (stat(dir, &st) != 0) {
		cause_set(cause, "数据库目录 %s 不存在", dir);
		rc = STORE_ENOTFOUND;
		goto out;
	}
	if (!S_ISDIR(st.st_mode) && !(flags & STORE_FILE)) {
		cause_set(cause, "%s 不是目录", dir);
		rc = STORE_EINVAL;
		goto out;
	}
	if ((s = calloc(1, sizeof *s)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	s->flags = flags;
	if ((mrc = mdb_env_create(&s->env)) != 0)
		goto mdb_err;
	if ((mrc = mdb_env_set_maxdbs(s->env, DB_COUNT + AUX_COUNT + 2)) != 0)
		goto mdb_err;
	if ((mrc = mdb_env_set_mapsize(s->env,
	    initial_map ? initial_map : DEFAULT_MAP)) != 0)
		goto mdb_err;
	if (flags & STORE_RDONLY)
		envflags |= MDB_RDONLY;
	if ((flags & STORE_RDONLY) && (flags & STORE_FILE))
		envflags |= MDB_NOSUBDIR | MDB_NOLOCK;
	else if (flags & STORE_BULK) {
		char path[4096];

		/* WRITEMAP truncates data.mdb to the map size: never below the file */
		envflags |= MDB_WRITEMAP | MDB_NORDAHEAD;
		snprintf(path, sizeof path, "%s/data.mdb", dir);
		if (stat(path, &st) == 0 &&
		    (uint64_t)st.st_size > (initial_map ? initial_map : DEFAULT_MAP) &&
		    (mrc = mdb_env_set_mapsize(s->env, (size_t)st.st_size)) != 0)
			goto mdb_err;
	}
	if ((mrc = mdb_env_open(s->env, dir, envflags, fmode)) != 0)
		goto mdb_err;
	mdb_reader_check(s->env, &dead);
	if ((rc = open_dbs(s, cause)) != 0 || (rc = aux_open(s, cause)) != 0)
		goto out;
	if (s->schema < STORE_SCHEMA) {
		if (flags & STORE_RDONLY) {
			cause_set(cause, "数据库格式版本 %u 较旧，需由本程序以可写方式打开一次完成升级",
			    s->schema);
			rc = STORE_ESCHEMA;
			goto out;
		}
		if ((rc = migrate_builtin(s, cause)) != 0)
			goto out;
	}
	if ((rc = marks_check(s, cause)) != 0)
		goto out;
	*out = s;
	s = NULL;
	goto out;

mdb_err:
	rc = STORE_EIO;
	mdb_cause(cause, mrc);
out:
	if (flags & STORE_SHARED)
		umask(oldmask);
	if (s != NULL) {
		if (s->env != NULL)
			mdb_env_close(s->env);
		free(s);
	}
	default_cause(cause, rc);
	return rc;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	warm_end(s);
	if (s->held != NULL)
		mdb_txn_abort(s->held);
	mdb_env_close(s->env);
	initials_close(s->ini);
	free(s);
}

size_t
store_map_size(struct store *s)
{
	MDB_envinfo info;

	if (s == NULL || mdb_env_info(s->env, &info) != 0)
		return 0;
	return info.me_mapsize;
}

void
store_set_user(struct store *s, const char *user)
{
	if (s != NULL && user != NULL && *user != '\0')
		rec_strcpy(s->user, sizeof s->user, user);
}

const char *
store_strerror(int rc)
{
	switch (rc) {
	case STORE_OK:
		return "成功";
	case STORE_ENOTFOUND:
		return "记录不存在";
	case STORE_ECONFLICT:
		return "记录已被他人修改，请重新读取后再保存";
	case STORE_EDUP:
		return "重复: 该值已被其他记录使用";
	case STORE_ERULE:
		return "不符合组织结构规则";
	case STORE_ESCHEMA:
		return STORE_NEWER_TEXT;
	case STORE_EIO:
		return "数据库读写错误";
	case STORE_EINVAL:
		return "参数无效";
	case STORE_EABORT:
		return "操作已取消";
	case STORE_ELOCKED:
		return STORE_LOCKED_TEXT;
	default:
		return "未知错误";
	}
}

/* ---- read transactions ---- */

static int
rd_begin(struct store *s, MDB_txn **txn)
{
	int mrc;

	if (s->held != NULL) {
		*txn = s->held;
		return 0;
	}
	for (;;) {
		mrc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, txn);
		if (mrc != MDB_MAP_RESIZED)
			return mrc;
		warm_end(s);
		if ((mrc = mdb_env_set_mapsize(s->env, 0)) != 0)
			return mrc;
	}
}

/* The end of a read: the held transaction stays (store_read_hold). */
static void
rd_end(struct store *s, MDB_txn *txn)
{
	if (txn != s->held)
		mdb_txn_abort(txn);
}

int
store_read_hold(struct store *s)
{
	int mrc;

	if (s == NULL)
		return STORE_EINVAL;
	if (s->held_depth++ > 0)
		return 0;
	if ((mrc = rd_begin(s, &s->held)) != 0) {
		s->held = NULL;
		s->held_depth = 0;
		return STORE_EIO;
	}
	return 0;
}

void
store_read_release(struct store *s)
{
	if (s == NULL || s->held_depth == 0 || --s->held_depth > 0)
		return;
	mdb_txn_abort(s->held);
	s->held = NULL;
}

/* The loaders of store_get, behind one signature. */
static int
load_org_any(struct store *s, MDB_txn *txn, uint64_t id, void *out, int *mrc)
{
	return load_org(s, txn, id, out, mrc);
}

static int
load_member_any(struct store *s, MDB_txn *txn, uint64_t id, void *out, int *mrc)
{
	return load_member(s, txn, id, out, mrc);
}

/* Read record id with load in its own read transaction; what names the
 * kind of record in the messages ("党组织", "党员记录"). */
static int
store_get(struct store *s, uint64_t id, void *out,
    int (*load)(struct store *, MDB_txn *, uint64_t, void *, int *),
    const char *what, char **cause)
{
	MDB_txn *txn = NULL;
	int rc, mrc;

	if (cause != NULL)
		*cause = NULL;
	if (s == NULL || out == NULL)
		return STORE_EINVAL;
	if ((mrc = rd_begin(s, &txn)) != 0) {
		mdb_cause(cause, mrc);
		return STORE_EIO;
	}
	rc = load(s, txn, id, out, &mrc);
	if (rc == 0 && s->scope != 0 &&
	    !in_scope(s, txn, load == load_member_any ?
	    ((struct member *)out)->branch : id))
		rc = STORE_ENOTFOUND;       /* outside the clerk's subtree */
	rd_end(s, txn);
	if (rc == STORE_EIO && mrc != 0)
		mdb_cause(cause, mrc);
	else if (rc == STORE_EIO)
		cause_set(cause, "%s已损坏，无法读取（编号 %llu）", what, (unsigned long long)id);
	else if (rc == STORE_ENOTFOUND)
		cause_set(cause, "%s不存在（编号 %llu）", what, (unsigned long long)id);
	default_cause(cause, rc);
	return rc;
}

int
store_org_get(struct store *s, uint64_t id, struct org *out, char **cause)
{
	return store_get(s, id, out, load_org_any, "党组织", cause);
}

static int
load_org_lean(struct store *s, MDB_txn *txn, uint64_t id, void *out, int *mrc)
{
	return load_org_how(s, txn, id, out, mrc, LOAD_LEAN);
}

static int
load_org_head(struct store *s, MDB_txn *txn, uint64_t id, void *out, int *mrc)
{
	return load_org_how(s, txn, id, out, mrc, LOAD_HEAD);
}

int
store_org_get_lean(struct store *s, uint64_t id, struct org *out)
{
	return store_get(s, id, out, load_org_lean, "党组织", NULL);
}

int
store_org_get_head(struct store *s, uint64_t id, struct org *out)
{
	return store_get(s, id, out, load_org_head, "党组织", NULL);
}

int
store_member_get(struct store *s, uint64_t id, struct member *out, char **cause)
{
	return store_get(s, id, out, load_member_any, "党员记录", cause);
}

static int
rd_lookup(struct store *s, int db, const char *str, uint64_t *id)
{
	MDB_txn *txn = NULL;
	int rc, mrc;

	if (s == NULL || id == NULL)
		return STORE_EINVAL;
	if (rd_begin(s, &txn) != 0)
		return STORE_EIO;
	rc = lookup_str(txn, s->dbi[db], str, id, &mrc);
	if (rc == 0 && s->scope != 0 && !(db == DB_ORGNAMES ?
	    in_scope(s, txn, *id) : member_in_scope(s, txn, *id)))
		rc = STORE_ENOTFOUND;
	rd_end(s, txn);
	return rc;
}

int
store_org_by_name(struct store *s, const char *name, uint64_t *id)
{
	return rd_lookup(s, DB_ORGNAMES, name, id);
}

int
store_member_by_idcard(struct store *s, const char *idcard, uint64_t *id)
{
	return rd_lookup(s, DB_IDCARD, idcard, id);
}

static int
rd_list(struct store *s, int db, uint64_t owner, uint64_t **ids, size_t *n)
{
	struct idlist l = { 0 };
	MDB_txn *txn = NULL;
	int rc, mrc;

	if (s == NULL || ids == NULL || n == NULL)
		return STORE_EINVAL;
	*ids = NULL;
	*n = 0;
	if (rd_begin(s, &txn) != 0)
		return STORE_EIO;
	if (s->scope != 0 && db == DB_CHILDREN && owner == 0) {
		/* a scoped clerk's top level is their own organisation */
		rd_end(s, txn);
		if ((*ids = malloc(sizeof **ids)) == NULL)
			return STORE_EIO;
		**ids = s->scope;
		*n = 1;
		return 0;
	}
	if (s->scope != 0 && !in_scope(s, txn, owner))
		rc = 0;                     /* outside: nothing there */
	else
		rc = list_read(txn, s->dbi[db], owner, &l, &mrc);
	rd_end(s, txn);
	if (rc != 0) {
		idlist_free(&l);
		return rc;
	}
	free(l.seq);
	*ids = l.id;
	*n = l.n;
	return 0;
}

int
store_org_children(struct store *s, uint64_t parent, uint64_t **ids, size_t *n)
{
	return rd_list(s, DB_CHILDREN, parent, ids, n);
}

int
store_branch_members(struct store *s, uint64_t branch, uint64_t **ids, size_t *n)
{
	return rd_list(s, DB_BRANCH, branch, ids, n);
}

int
store_member_search_name_by(struct store *s,
    int (*match)(const char *name, size_t len, void *ud), void *ud,
    uint64_t **ids, size_t *n)
{
	struct idlist l = { 0 };
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val key, val;
	int rc = 0, mrc, op;

	if (s == NULL || ids == NULL || n == NULL || match == NULL)
		return STORE_EINVAL;
	*ids = NULL;
	*n = 0;
	if (rd_begin(s, &txn) != 0)
		return STORE_EIO;
	if ((mrc = mdb_cursor_open(txn, s->dbi[DB_NAMES], &cur)) != 0) {
		rc = STORE_EIO;
		goto out;
	}
	for (op = MDB_FIRST; (mrc = mdb_cursor_get(cur, &key, &val, op)) == 0;
	    op = MDB_NEXT_NODUP) {
		if (!match(key.mv_data, key.mv_size, ud))
			continue;
		for (;;) {
			if (val.mv_size == 8 && (s->scope == 0 ||
			    member_in_scope(s, txn, get_be64(val.mv_data))) &&
			    idlist_push(&l, 0, get_be64(val.mv_data)) != 0) {
				rc = STORE_EIO;
				goto out;
			}
			mrc = mdb_cursor_get(cur, &key, &val, MDB_NEXT_DUP);
			if (mrc == MDB_NOTFOUND)
				break;
			if (mrc != 0) {
				rc = STORE_EIO;
				goto out;
			}
		}
	}
	if (mrc != MDB_NOTFOUND)
		rc = STORE_EIO;
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	rd_end(s, txn);
	if (rc != 0) {
		idlist_free(&l);
		return rc;
	}
	free(l.seq);
	*ids = l.id;
	*n = l.n;
	return 0;
}

/* The pinyin initials table (initials.h), made the first time a save or
 * a search needs it; NULL when iconv has no GB2312 (then the initials
 * index stays empty and the search says so). */
static const struct initials *
store_initials(struct store *s)
{
	if (!s->ini_tried) {
		s->ini = initials_open();
		s->ini_tried = 1;
	}
	return s->ini;
}

/* Collect the ids under every key of the initials index that starts with
 * prefix (len bytes), within the clerk's scope. */
static int
initials_range(struct store *s, MDB_txn *txn, MDB_cursor *cur, const char *prefix,
    size_t len, struct idlist *l)
{
	MDB_val key = { len, (void *)prefix }, val;
	int mrc, op;

	for (op = MDB_SET_RANGE; (mrc = mdb_cursor_get(cur, &key, &val, op)) == 0;
	    op = MDB_NEXT) {
		if (key.mv_size < len || memcmp(key.mv_data, prefix, len) != 0)
			return 0;
		if (val.mv_size == 8 && (s->scope == 0 ||
		    member_in_scope(s, txn, get_be64(val.mv_data))) &&
		    idlist_push(l, 0, get_be64(val.mv_data)) != 0)
			return STORE_EIO;
	}
	return mrc == MDB_NOTFOUND ? 0 : STORE_EIO;
}

int
store_member_search_initials(struct store *s, const char *q, uint64_t **ids,
    size_t *n)
{
	struct idlist l = { 0 };
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	char prefix[INITIALS_QUERY_MAX + 1];
	size_t len, mask, i;
	int rc = 0;

	if (s == NULL || ids == NULL || n == NULL || q == NULL || !initials_query(q))
		return STORE_EINVAL;
	*ids = NULL;
	*n = 0;
	if (store_initials(s) == NULL)
		return STORE_EIO;
	len = strlen(q);
	if (rd_begin(s, &txn) != 0)
		return STORE_EIO;
	if (mdb_cursor_open(txn, s->dbi[DB_INITIALS], &cur) != 0) {
		rc = STORE_EIO;
		goto out;
	}
	/* each letter matches itself or '?' (a character of unknown initial):
	 * one range per combination, 2^len seeks at most (len <= 10) */
	for (mask = 0; mask < ((size_t)1 << len) && rc == 0; mask++) {
		for (i = 0; i < len; i++) {
			if ((mask >> i & 1) && (q[i] < 'a' || q[i] > 'z'))
				break;
			prefix[i] = (mask >> i & 1) ? '?' : q[i];
		}
		if (i < len)
			continue;
		rc = initials_range(s, txn, cur, prefix, len, &l);
	}
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	if (rc != 0) {
		idlist_free(&l);
		return rc;
	}
	free(l.seq);
	*ids = l.id;
	*n = l.n;
	return 0;
}

static int
name_contains(const char *name, size_t len, void *ud)
{
	const char *needle = ud;
	size_t nl = strlen(needle);

	return len >= nl && memmem(name, len, needle, nl) != NULL;
}

int
store_member_search_name(struct store *s, const char *needle, uint64_t **ids, size_t *n)
{
	if (needle == NULL)
		return STORE_EINVAL;
	return store_member_search_name_by(s, name_contains, (void *)needle, ids, n);
}

int
store_member_each(struct store *s, uint64_t branch,
    int (*fn)(const struct member *m, void *ud), void *ud)
{
	unsigned char k[16], mk[8];
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL, *mcur = NULL;
	MDB_val key, val, mkey, mv;
	struct member *m = NULL;
	uintptr_t pg, mpage = 0;
	int rc = 0, mrc, at = 0;

	if (s == NULL || fn == NULL)
		return STORE_EINVAL;
	if ((m = malloc(sizeof *m)) == NULL)
		return STORE_EIO;
	member_init(m);
	if (rd_begin(s, &txn) != 0) {
		free(m);
		return STORE_EIO;
	}
	if (s->scope != 0 && !in_scope(s, txn, branch)) {
		mdb_txn_abort(txn);     /* outside the clerk's subtree: no members */
		free(m);
		return 0;
	}
	/* a cursor on members: a branch's members were mostly created in
	 * order, so the wanted key is often the next one (no descent from the
	 * root), else MDB_SET finds it */
	if ((mrc = mdb_cursor_open(txn, s->dbi[DB_BRANCH], &cur)) != 0 ||
	    (mrc = mdb_cursor_open(txn, s->dbi[DB_MEMBERS], &mcur)) != 0) {
		rc = STORE_EIO;
		goto out;
	}
	put_be64(k, branch);
	put_be64(k + 8, 0);
	key.mv_size = 16;
	key.mv_data = k;
	for (mrc = mdb_cursor_get(cur, &key, &val, MDB_SET_RANGE); mrc == 0;
	    mrc = mdb_cursor_get(cur, &key, &val, MDB_NEXT)) {
		if (key.mv_size != 16 || get_be64(key.mv_data) != branch)
			break;
		if (val.mv_size != 8)
			continue;
		/* the next member key is most often the one wanted */
		mrc = at ? mdb_cursor_get(mcur, &mkey, &mv, MDB_NEXT) : MDB_NOTFOUND;
		if (mrc != 0 || mkey.mv_size != 8 || memcmp(mkey.mv_data, val.mv_data, 8) != 0) {
			memcpy(mk, val.mv_data, 8);
			mkey.mv_size = 8;
			mkey.mv_data = mk;
			mrc = mdb_cursor_get(mcur, &mkey, &mv, MDB_SET);
		}
		at = mrc == 0;
		if (mrc == MDB_NOTFOUND)
			continue;
		if (mrc != 0 || dec_member_reset(&mv, m) != 0) {
			rc = STORE_EIO;
			goto out;
		}
		/* members written in order sit on the following pages: when
		 * the walk enters a page, ask for the whole next one (a hint,
		 * never a fault); the index entries likewise */
		pg = (uintptr_t)mv.mv_data & ~(uintptr_t)4095;
		if (pg != mpage) {
			const char *nx = (const char *)pg + 4096;
			int l;

			mpage = pg;
			for (l = 0; l < 4096; l += 64)
				__builtin_prefetch(nx + l);
		}
		__builtin_prefetch((const char *)((uintptr_t)val.mv_data & ~(uintptr_t)4095) + 4096);
		if ((rc = fn(m, ud)) != 0)
			goto out;
	}
	if (mrc != 0 && mrc != MDB_NOTFOUND)
		rc = STORE_EIO;
out:
	if (mcur != NULL)
		mdb_cursor_close(mcur);
	if (cur != NULL)
		mdb_cursor_close(cur);
	rd_end(s, txn);
	free(m);
	return rc;
}

/* ---- write transactions ---- */

static int
t_fail(struct store_txn *t, int mrc, char **cause)
{
	if (!t->fatal) {
		t->fatal = 1;
		t->mdb_rc = mrc;
	}
	mdb_cause(cause, mrc);
	return STORE_EIO;
}

/* After a failed read inside a write txn: EIO with an LMDB code is fatal. */
static int
t_read_rc(struct store_txn *t, int rc, int mrc, char **cause)
{
	if (rc == STORE_EIO) {
		if (mrc != 0)
			return t_fail(t, mrc, cause);
		cause_set(cause, "数据库记录已损坏");
	}
	return rc;
}

/* The transaction's cursor on table db (NULL after t_fail). */
static MDB_cursor *
t_cur(struct store_txn *t, int db, char **cause)
{
	int mrc;

	if (t->cur[db] == NULL &&
	    (mrc = mdb_cursor_open(t->txn, t->s->dbi[db], &t->cur[db])) != 0) {
		t->cur[db] = NULL;
		t_fail(t, mrc, cause);
	}
	return t->cur[db];
}

static int
t_put(struct store_txn *t, int db, const void *k, size_t kl, const void *v,
    size_t vl, unsigned fl, char **cause)
{
	MDB_val key = { kl, (void *)k }, val = { vl, (void *)v };
	MDB_cursor *c;
	int mrc;

	if ((c = t_cur(t, db, cause)) == NULL)
		return STORE_EIO;
	if ((mrc = mdb_cursor_put(c, &key, &val, fl)) != 0)
		return t_fail(t, mrc, cause);
	return 0;
}

/* Deferred entries in the order of their tables' keys: table, then key
 * as LMDB's default comparison orders it (bytes, then the shorter first),
 * then the id (big-endian: bytes).  The table and the key's first 15
 * bytes are in pre and pre2 (no key holds a NUL, so a shorter key's zero
 * padding orders it first, as LMDB does); the rest is read only when
 * they are equal and the keys are longer than 14 bytes (pre2's last byte
 * not a NUL).  Equal shorter keys (a common name, initials) are ordered by
 * where they are in the buffer, which is the order of their ids for the
 * members an import or gen creates, without reading them: the order is
 * only for the puts' locality, any order of a key's ids stores the same. */
static int
defer_less(const struct defer_at *a, const struct defer_at *b)
{
	const unsigned char *x, *y;
	size_t lx, ly;
	int c;

	if (a->pre != b->pre)
		return a->pre < b->pre;
	if (a->pre2 != b->pre2)
		return a->pre2 < b->pre2;
	if ((a->pre2 & 0xFF) == 0)
		return a->e < b->e;
	x = a->e;
	y = b->e;
	lx = x[1];
	ly = y[1];
	if ((c = memcmp(x + 2, y + 2, lx < ly ? lx : ly)) != 0)
		return c < 0;
	if (lx != ly)
		return lx < ly;
	return memcmp(x + 2 + lx, y + 2 + ly, 8) < 0;
}

/* Sort a[0..n) by defer_less: quicksort on the median of three, the
 * smaller side first and the larger looped, short runs by insertion
 * (qsort's calls through a pointer and its byte-wise moves were a tenth of
 * an import's writer). */
static void
defer_sort(struct defer_at *a, size_t n)
{
	struct defer_at x, p;
	size_t i, j, m;

	while (n > 16) {
		m = n / 2;
		if (defer_less(&a[m], &a[0])) {
			x = a[m]; a[m] = a[0]; a[0] = x;
		}
		if (defer_less(&a[n - 1], &a[m])) {
			x = a[m]; a[m] = a[n - 1]; a[n - 1] = x;
			if (defer_less(&a[m], &a[0])) {
				x = a[m]; a[m] = a[0]; a[0] = x;
			}
		}
		p = a[m];
		i = 0;
		j = n - 1;
		for (;;) {
			while (defer_less(&a[i], &p))
				i++;
			while (defer_less(&p, &a[j]))
				j--;
			if (i >= j)
				break;
			x = a[i]; a[i] = a[j]; a[j] = x;
			i++;
			j--;
		}
		/* a[0..j] <= p <= a[j+1..n) */
		if (j + 1 < n - j - 1) {
			defer_sort(a, j + 1);
			a += j + 1;
			n -= j + 1;
		} else {
			defer_sort(a + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (i = 1; i < n; i++) {
		x = a[i];
		for (j = i; j > 0 && defer_less(&x, &a[j - 1]); j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* Sort a[0..n) by defer_less with tmp (n entries) to work in: a stable
 * radix sort, least significant byte first, on pre2 then pre (a byte
 * every entry shares is passed over), so equal keys keep the buffer's
 * order; then the runs equal in both whose keys go on past 14 bytes by
 * defer_less.  Quicksort's mispredicted comparisons were a tenth of an
 * import's writer; this is a few passes over the entries. */
static void
defer_radix(struct defer_at *a, struct defer_at *tmp, size_t n)
{
	static const int shift[16] = { 0, 8, 16, 24, 32, 40, 48, 56,
	    0, 8, 16, 24, 32, 40, 48, 56 };
	size_t cnt[16][256], i, j, sum;
	struct defer_at *src = a, *dst = tmp, *x;
	int d;

	if (n < 64) {
		defer_sort(a, n);
		return;
	}
	memset(cnt, 0, sizeof cnt);
	for (i = 0; i < n; i++)
		for (d = 0; d < 8; d++) {
			cnt[d][a[i].pre2 >> shift[d] & 0xFF]++;
			cnt[8 + d][a[i].pre >> shift[d] & 0xFF]++;
		}
	for (d = 0; d < 16; d++) {
		uint64_t first = (d < 8 ? src[0].pre2 : src[0].pre) >> shift[d] & 0xFF;

		if (cnt[d][first] == n)
			continue;       /* one value: the order stays */
		for (j = 0, sum = 0; j < 256; j++) {
			size_t c = cnt[d][j];

			cnt[d][j] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			uint64_t k = (d < 8 ? src[i].pre2 : src[i].pre) >> shift[d] & 0xFF;

			dst[cnt[d][k]++] = src[i];
		}
		x = src;
		src = dst;
		dst = x;
	}
	if (src != a)
		memcpy(a, src, n * sizeof a[0]);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && a[j].pre == a[i].pre && a[j].pre2 == a[i].pre2; j++)
			;
		if (j - i > 1 && (a[i].pre2 & 0xFF) != 0)
			defer_sort(a + i, j - i);
	}
}

/* Empty d (its memory kept). */
static void
defer_clear(struct defer *d)
{
	if (d->nid > 0 && d->ix != NULL)
		memset(d->ix, 0, DEFER_IX * sizeof d->ix[0]);
	d->n = d->len = d->nid = 0;
}

/* d's memory; -1 (d without any) when there is none. */
static int
defer_alloc(struct defer *d)
{
	if (d->p != NULL)
		return 0;
	d->p = malloc(DEFER_BYTES);
	d->at = malloc(DEFER_MAX * sizeof d->at[0]);
	/* without it every "maybe" of the filter puts everything */
	d->ix = calloc(DEFER_IX, sizeof d->ix[0]);
	if (d->p == NULL || d->at == NULL) {
		free(d->p);
		free(d->at);
		free(d->ix);
		d->p = NULL;
		d->at = NULL;
		d->ix = NULL;
		return -1;
	}
	return 0;
}

static void
defer_free(struct defer *d)
{
	free(d->p);
	free(d->at);
	free(d->ix);
}

/* Put d's entries from *pos on, up to max of them, in their order. */
static int
t_defer_putn(struct store_txn *t, struct defer *d, size_t *pos, size_t max)
{
	int rc = 0;

	for (; max > 0 && *pos < d->n && rc == 0; max--, ++*pos) {
		const unsigned char *e = d->at[*pos].e;

		if (*pos + 8 < d->n)
			__builtin_prefetch(d->at[*pos + 8].e);
		/* an ID number the filter ruled out: never there (a bug would
		 * end the transaction, never overwrite a holder) */
		rc = t_put(t, e[0], e + 2, e[1], e + 2 + e[1], 8,
		    e[0] == DB_IDCARD ? MDB_NOOVERWRITE : 0, NULL);
	}
	return rc;
}

/* Put up to max entries of the sorted half (dd) from where its last
 * drain stopped; emptied once all are put. */
static int
t_defer_drain(struct store_txn *t, size_t max)
{
	int rc = t_defer_putn(t, &t->dd, &t->dpos, max);

	if (t->dpos == t->dd.n) {
		defer_clear(&t->dd);
		t->dpos = 0;
	}
	return rc;
}

/* Sort the filling half, the other one drained: its entries' room to
 * work in when it has any. */
static void
t_defer_sort(struct store_txn *t)
{
	if (t->dd.at != NULL)
		defer_radix(t->df.at, t->dd.at, t->df.n);
	else
		defer_sort(t->df.at, t->df.n);
}

/* Put every deferred entry: the rest of the sorted half, then the
 * filling half in key order, through the tables' cursors. */
static int
t_defer_flush(struct store_txn *t)
{
	size_t pos = 0;
	int rc;

	if ((rc = t_defer_drain(t, SIZE_MAX)) != 0 || t->df.n == 0)
		return rc;
	t_defer_sort(t);
	rc = t_defer_putn(t, &t->df, &pos, SIZE_MAX);
	defer_clear(&t->df);
	return rc;
}

/* 1 when the ID number key (len bytes, filter hash h) is among d's
 * entries, or when that cannot be told (no set). */
static int
defer_has_id(const struct defer *d, const void *key, size_t len, uint64_t h)
{
	size_t i;

	if (d->nid == 0)
		return 0;
	if (d->ix == NULL)
		return 1;
	for (i = h & (DEFER_IX - 1); d->ix[i] != 0; i = (i + 1) & (DEFER_IX - 1)) {
		const unsigned char *e = d->p + d->ix[i] - 1;

		if (e[0] == DB_IDCARD && e[1] == len && memcmp(e + 2, key, len) == 0)
			return 1;
	}
	return 0;
}

/* 1 when the ID number key is deferred (in either half): put them all
 * before the index is read or written at key. */
static int
t_defer_has_id(struct store_txn *t, const void *key, size_t len, uint64_t h)
{
	return defer_has_id(&t->df, key, len, h) || defer_has_id(&t->dd, key, len, h);
}

/* Put key -> id in names, initials or (for a number the bulk writer's
 * filter ruled out; h its filter hash) idcard, now or, as a rule, later:
 * into the filling half, which when full is sorted and becomes the half
 * drained DEFER_DRAIN entries for every new one (an import's writer then
 * puts a little of it with every row instead of all at once, while its
 * reader thread waits with the queue full). */
static int
t_defer_put(struct store_txn *t, int db, const void *k, size_t kl, uint64_t id,
    uint64_t h, char **cause)
{
	struct defer *d = &t->df;
	unsigned char v[8], *e;

	if (kl > 0xFF || defer_alloc(d) != 0) {
		put_be64(v, id);
		return t_put(t, db, k, kl, v, 8,
		    db == DB_IDCARD ? MDB_NOOVERWRITE : 0, cause);
	}
	if (d->len + 10 + kl > DEFER_BYTES || d->n == DEFER_MAX ||
	    d->nid == DEFER_IX / 2) {
		struct defer tmp;

		if (defer_alloc(&t->dd) != 0) {
			/* no second half: all of them now */
			if (t_defer_flush(t) != 0)
				return STORE_EIO;
		} else {
			/* the sorted half is empty by now (DEFER_DRAIN) */
			if (t_defer_drain(t, SIZE_MAX) != 0)
				return STORE_EIO;
			t_defer_sort(t);
			tmp = t->dd;
			t->dd = *d;
			*d = tmp;
			t->dpos = 0;
		}
	}
	e = d->p + d->len;
	e[0] = (unsigned char)db;
	e[1] = (unsigned char)kl;
	memcpy(e + 2, k, kl);
	put_be64(e + 2 + kl, id);
	memset(v, 0, sizeof v);
	v[0] = (unsigned char)db;
	memcpy(v + 1, k, kl < 7 ? kl : 7);
	d->at[d->n].pre = get_be64(v);
	memset(v, 0, sizeof v);
	if (kl > 7)
		memcpy(v, (const unsigned char *)k + 7, kl - 7 < 8 ? kl - 7 : 8);
	d->at[d->n].pre2 = get_be64(v);
	d->at[d->n++].e = e;
	d->len += 10 + kl;
	if (db == DB_IDCARD) {
		size_t i = h & (DEFER_IX - 1);

		d->nid++;
		if (d->ix != NULL) {
			while (d->ix[i] != 0)
				i = (i + 1) & (DEFER_IX - 1);
			d->ix[i] = (uint32_t)(e - d->p) + 1;
		}
	}
	return t->dd.n > 0 && t_defer_drain(t, DEFER_DRAIN) != 0 ? STORE_EIO : 0;
}

/* Delete key (and, for the dupsort names db, the one value v). */
static int
t_del(struct store_txn *t, int db, const void *k, size_t kl, const void *v,
    size_t vl, char **cause)
{
	MDB_val key = { kl, (void *)k }, val = { vl, (void *)v };
	int mrc;

	if ((db == DB_NAMES || db == DB_INITIALS || db == DB_IDCARD) &&
	    t_defer_flush(t) != 0)
		return STORE_EIO;
	mrc = mdb_del(t->txn, t->s->dbi[db], &key, v ? &val : NULL);
	if (mrc != 0 && mrc != MDB_NOTFOUND)
		return t_fail(t, mrc, cause);
	return 0;
}

/* The id the next new record will get (not yet taken). */
static int
t_peek_id(struct store_txn *t, uint64_t *id, char **cause)
{
	if (!t->next_loaded) {
		MDB_val key = { 7, (void *)"next_id" }, val;
		int mrc = mdb_get(t->txn, t->s->dbi[DB_META], &key, &val);

		if (mrc == MDB_NOTFOUND)
			t->next_id = 1;
		else if (mrc != 0)
			return t_fail(t, mrc, cause);
		else if (val.mv_size == 8)
			t->next_id = get_le(val.mv_data, 8);
		else
			t->next_id = 1;
		t->next_loaded = 1;
	}
	*id = t->next_id;
	return 0;
}

static int
t_next_id(struct store_txn *t, uint64_t *id, char **cause)
{
	if (t_peek_id(t, id, cause) != 0)
		return STORE_EIO;
	t->next_id++;
	t->next_dirty = 1;
	return 0;
}

/* ---- the member list's page ---- */

int
store_branch_page(struct store *s, uint64_t branch, uint64_t from, int dir,
    size_t n, unsigned flags,
    int (*fn)(const struct member *m, uint64_t seq, void *ud), void *ud)
{
	unsigned char k[16];
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val key, val, mv;
	struct member *m = NULL;
	size_t done = 0;
	int rc = 0, mrc;

	if (s == NULL || fn == NULL || dir == 0)
		return STORE_EINVAL;
	if (n == 0)
		return 0;
	if ((m = malloc(sizeof *m)) == NULL)
		return STORE_EIO;
	member_init(m);
	if (rd_begin(s, &txn) != 0) {
		free(m);
		return STORE_EIO;
	}
	if (s->scope != 0 && !in_scope(s, txn, branch))
		goto out;                   /* outside the clerk's subtree: nothing */
	if ((mrc = mdb_cursor_open(txn, s->dbi[DB_BRANCH], &cur)) != 0) {
		rc = STORE_EIO;
		goto out;
	}
	put_be64(k, branch);
	put_be64(k + 8, from);
	key.mv_size = 16;
	key.mv_data = k;
	mrc = mdb_cursor_get(cur, &key, &val, MDB_SET_RANGE);
	if (dir < 0) {
		/* the last entry at or before from */
		if (mrc == MDB_NOTFOUND)
			mrc = mdb_cursor_get(cur, &key, &val, MDB_LAST);
		else if (mrc == 0 && (key.mv_size != 16 || get_be64(key.mv_data) != branch ||
		    get_be64((unsigned char *)key.mv_data + 8) > from))
			mrc = mdb_cursor_get(cur, &key, &val, MDB_PREV);
	}
	for (; mrc == 0; mrc = mdb_cursor_get(cur, &key, &val,
	    dir > 0 ? MDB_NEXT : MDB_PREV)) {
		if (key.mv_size != 16 || get_be64(key.mv_data) != branch)
			break;
		if (val.mv_size != 8)
			continue;
		mrc = mdb_get(txn, s->dbi[DB_MEMBERS], &val, &mv);
		if (mrc == MDB_NOTFOUND)
			continue;
		if (mrc != 0 || dec_member_reset(&mv, m) != 0) {
			rc = STORE_EIO;
			goto out;
		}
		if (m->meta.removed != RM_NONE && !(flags & STORE_PAGE_REMOVED))
			continue;
		if ((rc = fn(m, get_be64((unsigned char *)key.mv_data + 8), ud)) != 0 ||
		    ++done == n)
			goto out;
	}
	if (mrc != 0 && mrc != MDB_NOTFOUND)
		rc = STORE_EIO;
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	rd_end(s, txn);
	free(m);
	return rc;
}

/* ---- the search table ("search": u64 chunk -> packed entries) ----
 *
 * Finding a member by part of an ID number or a phone reads this table
 * instead of every member: each chunk holds the members with ids
 * chunk * SEARCH_CHUNK ... + SEARCH_CHUNK - 1 in id order, one entry each:
 * u8 id % SEARCH_CHUNK, u8 length, then the ID number, SEARCH_SEP and the
 * phone (each cut at 120 bytes).  About 31 bytes a member, so a chunk of
 * 16 is about 500 bytes, several to a leaf page (larger chunks go to
 * overflow pages, a third of them empty).  A transaction changes one
 * chunk in memory (t->sb) and writes it when it goes on to another chunk
 * and at commit (t_flush), so a bulk import of members in id order writes
 * each chunk once, appended.
 */

static int
t_search_flush(struct store_txn *t)
{
	unsigned char k[8];

	if (!t->sb.loaded || !t->sb.dirty)
		return 0;
	put_be64(k, t->sb.chunk);
	if (t->sb.len == 0)
		return t_del(t, DB_SEARCH, k, 8, NULL, 0, NULL);
	/* a new chunk past the last one (members created in id order) is
	 * appended: full leaf pages instead of pages split in halves */
	if (t->sb.fresh) {
		MDB_val key = { 8, k }, val = { t->sb.len, t->sb.p };
		int mrc = mdb_put(t->txn, t->s->dbi[DB_SEARCH], &key, &val, MDB_APPEND);

		if (mrc == 0) {
			t->sb.dirty = t->sb.fresh = 0;
			return 0;
		}
		if (mrc != MDB_KEYEXIST)
			return t_fail(t, mrc, NULL);
	}
	if (t_put(t, DB_SEARCH, k, 8, t->sb.p, t->sb.len, 0, NULL) != 0)
		return STORE_EIO;
	t->sb.dirty = t->sb.fresh = 0;
	return 0;
}

/* Make t->sb the chunk of id (writing the one it held). */
static int
t_search_load(struct store_txn *t, uint64_t chunk, char **cause)
{
	unsigned char k[8];
	MDB_val key = { 8, k }, val;
	int mrc;

	if (t->sb.loaded && t->sb.chunk == chunk)
		return 0;
	if (t_search_flush(t) != 0)
		return STORE_EIO;
	t->sb.loaded = 0;
	t->sb.len = 0;
	put_be64(k, chunk);
	mrc = mdb_get(t->txn, t->s->dbi[DB_SEARCH], &key, &val);
	if (mrc != 0 && mrc != MDB_NOTFOUND)
		return t_fail(t, mrc, cause);
	if (mrc == 0) {
		if (val.mv_size > t->sb.cap) {
			unsigned char *p = realloc(t->sb.p, val.mv_size);

			if (p == NULL)
				return t_fail(t, ENOMEM, cause);
			t->sb.p = p;
			t->sb.cap = val.mv_size;
		}
		memcpy(t->sb.p, val.mv_data, val.mv_size);
		t->sb.len = val.mv_size;
	}
	t->sb.chunk = chunk;
	t->sb.loaded = 1;
	t->sb.dirty = 0;
	t->sb.fresh = mrc == MDB_NOTFOUND;
	return 0;
}

/* Set member id's entry to its ID number and phone. */
static int
t_search_set(struct store_txn *t, uint64_t id, const char *idcard,
    const char *phone, char **cause)
{
	size_t li = strlen(idcard), lp = strlen(phone), n, at, end;
	unsigned slot = (unsigned)(id % SEARCH_CHUNK);
	unsigned char *p;

	if (li > 120)
		li = 120;
	if (lp > 120)
		lp = 120;
	n = li + lp + 1;
	if (t_search_load(t, id / SEARCH_CHUNK, cause) != 0)
		return STORE_EIO;
	/* the entry of id, or where it goes (entries are in slot order) */
	for (at = 0; at + 2 <= t->sb.len && t->sb.p[at] < slot; at += 2 + t->sb.p[at + 1])
		;
	end = at;
	if (at + 2 <= t->sb.len && t->sb.p[at] == slot)
		end = at + 2 + t->sb.p[at + 1];
	if (t->sb.len - (end - at) + 2 + n > t->sb.cap) {
		size_t cap = t->sb.cap ? t->sb.cap * 2 : 8192;

		while (cap < t->sb.len + 2 + n)
			cap *= 2;
		if ((p = realloc(t->sb.p, cap)) == NULL)
			return t_fail(t, ENOMEM, cause);
		t->sb.p = p;
		t->sb.cap = cap;
	}
	p = t->sb.p;
	memmove(p + at + 2 + n, p + end, t->sb.len - end);
	t->sb.len = t->sb.len - (end - at) + 2 + n;
	p[at] = (unsigned char)slot;
	p[at + 1] = (unsigned char)n;
	memcpy(p + at + 2, idcard, li);
	p[at + 2 + li] = SEARCH_SEP;
	memcpy(p + at + 3 + li, phone, lp);
	t->sb.dirty = 1;
	return 0;
}

/* Build the search table from the member records (its migration). */
static int
t_search_rebuild(struct store_txn *t, char **cause)
{
	MDB_cursor *cur = NULL;
	MDB_val k, v;
	struct member *m;
	int mrc, rc = 0;

	if ((m = malloc(sizeof *m)) == NULL)
		return t_fail(t, ENOMEM, cause);
	member_init(m);
	t->sb.loaded = t->sb.dirty = 0;
	if ((mrc = mdb_drop(t->txn, t->s->dbi[DB_SEARCH], 0)) != 0 ||
	    (mrc = mdb_cursor_open(t->txn, t->s->dbi[DB_MEMBERS], &cur)) != 0) {
		rc = t_fail(t, mrc, cause);
		goto out;
	}
	while ((mrc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		if (k.mv_size != 8 || dec_member_reset(&v, m) != 0)
			continue;
		if ((rc = t_search_set(t, get_be64(k.mv_data), m->idcard, m->phone,
		    cause)) != 0)
			goto out;
	}
	if (mrc != MDB_NOTFOUND)
		rc = t_fail(t, mrc, cause);
	else
		rc = t_search_flush(t);
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	free(m);
	return rc;
}

/* The first place of needle (nl >= 1 bytes) in p[0..len), or NULL.  ID
 * numbers and phones are digits, where a library memmem stops at nearly
 * every byte on the needle's first digit; with SSE2, 16 places are tested
 * at once on the needle's first two and last bytes (digits: one place in
 * a thousand passes) and only those that pass are compared. */
static const unsigned char *
search_find(const unsigned char *p, size_t len, const char *needle, size_t nl)
{
#if defined(__SSE2__)
	const unsigned char *nd = (const unsigned char *)needle;
	size_t i = 0;

	if (nl >= 2 && len >= nl) {
		const __m128i f = _mm_set1_epi8((char)nd[0]);
		const __m128i g = _mm_set1_epi8((char)nd[1]);
		const __m128i l = _mm_set1_epi8((char)nd[nl - 1]);

		for (; i + nl - 1 + 16 <= len; i += 16) {
			__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
			__m128i a1 = _mm_loadu_si128((const __m128i *)(const void *)(p + i + 1));
			__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + i + nl - 1));
			unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(
			    _mm_and_si128(_mm_cmpeq_epi8(a, f), _mm_cmpeq_epi8(a1, g)),
			    _mm_cmpeq_epi8(b, l)));

			while (mask != 0) {
				unsigned bit = (unsigned)__builtin_ctz(mask);
				size_t j;

				/* the first two and the last byte matched: the rest */
				for (j = 2; j < nl - 1 && p[i + bit + j] == nd[j]; j++)
					;
				if (j >= nl - 1)
					return p + i + bit;
				mask &= mask - 1;
			}
		}
		for (; i + nl <= len; i++)          /* the tail, under 16 + nl bytes */
			if (p[i] == nd[0] && memcmp(p + i, nd, nl) == 0)
				return p + i;
		return NULL;
	}
#endif
	return memmem(p, len, needle, nl);
}

/* The warming thread: one cursor over the search table in its own read
 * transaction, so each of its pages is mapped in once. */
static void *
warm_main(void *arg)
{
	struct store *s = arg;
	MDB_txn *txn;
	MDB_cursor *cur;
	MDB_val k, v;

	if (mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn) != 0)
		return NULL;
	if (mdb_cursor_open(txn, s->dbi[DB_SEARCH], &cur) == 0) {
		while (!atomic_load_explicit(&s->warm_stop, memory_order_relaxed) &&
		    mdb_cursor_get(cur, &k, &v, MDB_NEXT) == 0)
			;
		mdb_cursor_close(cur);
	}
	mdb_txn_abort(txn);
	return NULL;
}

int
store_search_warm(struct store *s)
{
	if (s == NULL || s->warm_on)
		return s == NULL ? STORE_EINVAL : 0;
	atomic_store(&s->warm_stop, 0);
	if (pthread_create(&s->warm, NULL, warm_main, s) != 0)
		return STORE_EIO;
	s->warm_on = 1;
	return 0;
}

int
store_member_search_text(struct store *s, const char *needle, uint64_t **ids,
    size_t *n)
{
	struct idlist l = { 0 };
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val key, val;
	size_t nl;
	int rc = 0, mrc;

	if (s == NULL || needle == NULL || ids == NULL || n == NULL)
		return STORE_EINVAL;
	*ids = NULL;
	*n = 0;
	nl = strlen(needle);
	if (nl == 0 || memchr(needle, SEARCH_SEP, nl) != NULL)
		return 0;
	if (rd_begin(s, &txn) != 0)
		return STORE_EIO;
	if ((mrc = mdb_cursor_open(txn, s->dbi[DB_SEARCH], &cur)) != 0) {
		rc = STORE_EIO;
		goto out;
	}
	for (mrc = mdb_cursor_get(cur, &key, &val, MDB_FIRST); mrc == 0;
	    mrc = mdb_cursor_get(cur, &key, &val, MDB_NEXT)) {
		const unsigned char *p = val.mv_data, *hit;
		size_t len = val.mv_size, at = 0, from = 0;
		uint64_t base;

		if (key.mv_size != 8)
			continue;
		base = get_be64(key.mv_data) * SEARCH_CHUNK;
		while (from < len &&
		    (hit = search_find(p + from, len - from, needle, nl)) != NULL) {
			size_t h = (size_t)(hit - p), end;

			/* the entry holding the hit: it must lie in its text */
			while (at + 2 <= len && at + 2 + p[at + 1] <= h)
				at += 2 + p[at + 1];
			if (at + 2 > len)
				break;
			end = at + 2 + p[at + 1];
			if (h < at + 2 || h + nl > end) {
				from = h + 1;
				continue;
			}
			if ((s->scope == 0 ||
			    member_in_scope(s, txn, base + p[at])) &&
			    idlist_push(&l, 0, base + p[at]) != 0) {
				rc = STORE_EIO;
				goto out;
			}
			from = end;
		}
	}
	if (mrc != MDB_NOTFOUND)
		rc = STORE_EIO;
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	rd_end(s, txn);
	if (rc != 0) {
		idlist_free(&l);
		return rc;
	}
	free(l.seq);
	*ids = l.id;
	*n = l.n;
	return 0;
}

/* ---- member counts per branch ("counts": u64 branch -> five u64) ----
 *
 * Every write that adds a member, changes its 人员类别, state or removal,
 * or moves it to another branch adds its change here; the changes of one
 * transaction are summed per branch and written by t_flush, inside that
 * transaction, so the counts are always those of the members committed.
 */

/* What member m (stored with meta) adds to its branch's counts, times sign. */
static void
cnt_of(const struct rec_meta *meta, const char *category, int sign,
    int64_t d[CNT_N])
{
	if (meta->removed != RM_NONE) {
		d[CNT_REMOVED] += sign;
		return;
	}
	d[CNT_MEMBERS] += sign;
	if (strcmp(category, "正式党员") == 0)
		d[CNT_FULL] += sign;
	else if (strcmp(category, "预备党员") == 0)
		d[CNT_PROB] += sign;
	if (meta->state == REC_DRAFT)
		d[CNT_DRAFTS] += sign;
}

static void
cnt_decode(const MDB_val *v, uint64_t c[CNT_N])
{
	int i;

	for (i = 0; i < CNT_N; i++)
		c[i] = v->mv_size == CNT_N * 8 ?
		    get_le((const unsigned char *)v->mv_data + 8 * i, 8) : 0;
}

/* Write the pending count changes of t. */
static int
t_cnt_flush(struct store_txn *t)
{
	unsigned char k[8], v[CNT_N * 8];
	uint64_t c[CNT_N];
	MDB_val key = { 8, k }, val;
	size_t i;
	int j, mrc;

	for (i = 0; i < t->n_cnt; i++) {
		struct cnt_pend *p = &t->cnt[i];

		put_be64(k, p->branch);
		mrc = mdb_get(t->txn, t->s->dbi[DB_COUNTS], &key, &val);
		if (mrc != 0 && mrc != MDB_NOTFOUND)
			return t_fail(t, mrc, NULL);
		if (mrc == MDB_NOTFOUND)
			memset(c, 0, sizeof c);
		else
			cnt_decode(&val, c);
		for (j = 0; j < CNT_N; j++) {
			int64_t x = (int64_t)c[j] + p->d[j];

			put_le(v + 8 * j, x < 0 ? 0 : (uint64_t)x, 8);
		}
		if (t_put(t, DB_COUNTS, k, 8, v, sizeof v, 0, NULL) != 0)
			return STORE_EIO;
	}
	t->n_cnt = 0;
	return 0;
}

/* Add (sign +1) or take away (-1) what a member stored with meta and
 * category counts in branch. */
static int
t_count(struct store_txn *t, uint64_t branch, const struct rec_meta *meta,
    const char *category, int sign)
{
	size_t i;

	for (i = t->n_cnt; i > 0; i--)
		if (t->cnt[i - 1].branch == branch)
			break;
	if (i == 0) {
		if (t->n_cnt == CNT_PENDING && t_cnt_flush(t) != 0)
			return STORE_EIO;
		i = ++t->n_cnt;
		memset(&t->cnt[i - 1], 0, sizeof t->cnt[i - 1]);
		t->cnt[i - 1].branch = branch;
	}
	cnt_of(meta, category, sign, t->cnt[i - 1].d);
	return t_rev_count(t, branch, meta, sign);
}

/* Recount every branch from the member records (the migration that
 * brings the counts, and a repair). */
static int
t_cnt_rebuild(struct store_txn *t, char **cause)
{
	MDB_cursor *cur = NULL;
	MDB_val k, v;
	struct member *m;
	int mrc, rc = 0;

	if ((m = malloc(sizeof *m)) == NULL)
		return t_fail(t, ENOMEM, cause);
	member_init(m);
	if ((mrc = mdb_drop(t->txn, t->s->dbi[DB_COUNTS], 0)) != 0 ||
	    (mrc = mdb_cursor_open(t->txn, t->s->dbi[DB_MEMBERS], &cur)) != 0) {
		rc = t_fail(t, mrc, cause);
		goto out;
	}
	t->n_cnt = 0;
	while ((mrc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		if (k.mv_size != 8 || dec_member_reset(&v, m) != 0)
			continue;
		if ((rc = t_count(t, m->branch, &m->meta, m->category, 1)) != 0)
			goto out;
	}
	if (mrc != MDB_NOTFOUND)
		rc = t_fail(t, mrc, cause);
	else
		rc = t_cnt_flush(t);
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	free(m);
	return rc;
}

int
store_branch_counts(struct store *s, uint64_t branch, struct store_counts *c)
{
	unsigned char k[8];
	uint64_t v[CNT_N];
	MDB_txn *txn = NULL;
	MDB_val key = { 8, k }, val;
	int mrc;

	if (s == NULL || c == NULL)
		return STORE_EINVAL;
	memset(c, 0, sizeof *c);
	if (rd_begin(s, &txn) != 0)
		return STORE_EIO;
	put_be64(k, branch);
	if (s->scope != 0 && !in_scope(s, txn, branch))
		mrc = MDB_NOTFOUND;         /* outside the clerk's subtree */
	else
		mrc = mdb_get(txn, s->dbi[DB_COUNTS], &key, &val);
	if (mrc == 0) {
		cnt_decode(&val, v);
		c->members = (size_t)v[CNT_MEMBERS];
		c->full = (size_t)v[CNT_FULL];
		c->probationary = (size_t)v[CNT_PROB];
		c->drafts = (size_t)v[CNT_DRAFTS];
		c->removed = (size_t)v[CNT_REMOVED];
	}
	rd_end(s, txn);
	return mrc == 0 || mrc == MDB_NOTFOUND ? 0 : STORE_EIO;
}

/* ---- problem marks per organisation ("orgmarks": u64 org id -> u32
 * errors + u32 unconfirmed warnings, little-endian; schema 5) ----
 *
 * validate_org's judgement of each organisation with its units, written
 * by every save of it in the save's own transaction (as the counts are),
 * so that the tree needs no validation at start.  The rules of an
 * organisation use no date (validate_org's today never matters to them),
 * so a mark holds until the record changes or the rules do: meta
 * "orgrules" holds the VALIDATE_ORG_RULES the marks were judged by; a
 * writable open of a database judged by other rules judges every
 * organisation again (t_marks_rebuild), a read-only one reads the marks as
 * unknown and store_org_tree judges each organisation itself.
 */
#define MARK_LEN 8

/* What the tree needs of a stored organisation, from its items alone:
 * 名称, 上级, 组织类别, state and removal (o's other fields are left as
 * they were; a tree of 21,001 needs no more).  0, or as dec_items. */
static int
dec_org_row(const MDB_val *v, struct org *o)
{
	const unsigned char *p = v->mv_data;
	size_t len = v->mv_size, l;
	unsigned tag;

	o->name[0] = o->category[0] = '\0';
	o->parent = 0;
	o->meta.state = 0;
	o->meta.removed = 0;
	if (len < 2)
		return STORE_EIO;
	if ((unsigned)(p[0] | p[1] << 8) > FMT_VERSION)
		return STORE_ESCHEMA;
	if ((unsigned)(p[0] | p[1] << 8) == FMT_MEMBER)  /* never an org's */
		return dec_rc(dec_items(p, len, o, org_fields, NFIELDS(org_fields),
		    ORG_BASE, &o->meta));
	for (p += 2, len -= 2; len > 0; p += l, len -= l) {
		if (len < 3)
			return STORE_EIO;
		tag = p[0];
		l = (size_t)get_le(p + 1, 2);
		p += 3;
		len -= 3;
		if (l > len)
			return STORE_EIO;
		if (tag == SCH_TAG_org_name || tag == SCH_TAG_org_category ||
		    tag == SCH_TAG_org_parent)
			dec_field(o, &org_fields[tag - ORG_BASE], p, l);
		else if (tag >= META_BASE && tag < META_BASE + NFIELDS(meta_fields) &&
		    (meta_fields[tag - META_BASE].off == offsetof(struct rec_meta, state) ||
		    meta_fields[tag - META_BASE].off == offsetof(struct rec_meta, removed)))
			dec_field(&o->meta, &meta_fields[tag - META_BASE], p, l);
	}
	return 0;
}

/* Judge organisation id (o, units included) and keep its mark. */
static int
t_org_mark(struct store_txn *t, uint64_t id, const struct org *o, char **cause)
{
	unsigned char k[8], v[MARK_LEN];

	if (t->vr == NULL && (t->vr = malloc(sizeof *t->vr)) == NULL)
		return t_fail(t, ENOMEM, cause);
	validate_org(o, NULL, t->vr);
	put_be64(k, id);
	put_le(v, (uint64_t)t->vr->errors, 4);
	put_le(v + 4, (uint64_t)t->vr->unconfirmed, 4);
	return t_put(t, DB_ORGMARKS, k, 8, v, sizeof v, 0, cause);
}

/* The rules the marks were judged by (0 when never). */
static int
read_orgrules(MDB_txn *txn, MDB_dbi meta, unsigned *rules)
{
	MDB_val key = { 8, (void *)"orgrules" }, val;
	int mrc = mdb_get(txn, meta, &key, &val);

	*rules = 0;
	if (mrc == 0 && val.mv_size == 4)
		*rules = (unsigned)get_le(val.mv_data, 4);
	return mrc == MDB_NOTFOUND ? 0 : mrc;
}

/* Judge every organisation again (the migration to schema 5, and a
 * database judged by other rules), then record the rules. */
static int
t_marks_rebuild(struct store_txn *t, char **cause)
{
	MDB_cursor *cur = NULL;
	MDB_val k, v, key = { 8, (void *)"orgrules" }, val;
	unsigned char r[4];
	struct org *o;
	int mrc, rc = 0;

	if ((o = org_new()) == NULL)
		return t_fail(t, ENOMEM, cause);
	if ((mrc = mdb_drop(t->txn, t->s->dbi[DB_ORGMARKS], 0)) != 0 ||
	    (mrc = mdb_cursor_open(t->txn, t->s->dbi[DB_ORGS], &cur)) != 0) {
		rc = t_fail(t, mrc, cause);
		goto out;
	}
	while (rc == 0 && (mrc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		uint64_t id;

		if (k.mv_size != 8)
			continue;
		id = get_be64(k.mv_data);
		if (load_org(t->s, t->txn, id, o, &mrc) != 0) {
			if (mrc != 0) {
				rc = t_fail(t, mrc, cause);
				break;
			}
			continue;       /* unreadable: no mark (the tree says why) */
		}
		rc = t_org_mark(t, id, o, cause);
	}
	if (rc == 0 && mrc != MDB_NOTFOUND)
		rc = t_fail(t, mrc, cause);
	if (rc == 0) {
		put_le(r, VALIDATE_ORG_RULES, 4);
		val.mv_size = 4;
		val.mv_data = r;
		if ((mrc = mdb_put(t->txn, t->s->dbi[DB_META], &key, &val, 0)) != 0)
			rc = t_fail(t, mrc, cause);
	}
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	org_delete(o);
	return rc;
}

static int
one_marks_rebuild(struct store_txn *t, void *ud)
{
	return t_marks_rebuild(t, ud);
}

/* At open: marks judged by other rules are judged again (writable) or
 * read as unknown (read-only). */
static int
marks_check(struct store *s, char **cause)
{
	MDB_txn *txn;
	unsigned rules;
	int mrc;

	if ((mrc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn)) != 0) {
		mdb_cause(cause, mrc);
		return STORE_EIO;
	}
	mrc = read_orgrules(txn, s->dbi[DB_META], &rules);
	mdb_txn_abort(txn);
	if (mrc != 0) {
		mdb_cause(cause, mrc);
		return STORE_EIO;
	}
	if (rules == VALIDATE_ORG_RULES)
		return 0;
	if (s->flags & STORE_RDONLY) {
		s->marks_stale = 1;
		return 0;
	}
	return store_write(s, one_marks_rebuild, NULL, cause);
}

/* Advance cursor c (its last result in *mrc, its key in *k) to the first
 * key >= id; 1 when that key is id. */
static int
cur_seek(MDB_cursor *c, MDB_val *k, MDB_val *v, int *mrc, uint64_t id)
{
	while (*mrc == 0 && (k->mv_size != 8 || get_be64(k->mv_data) < id))
		*mrc = mdb_cursor_get(c, k, v, MDB_NEXT);
	return *mrc == 0 && get_be64(k->mv_data) == id;
}

/* Is organisation id within the scope, by the parents of the rows? */
static int
rows_in_scope(const struct store_org_tree *t, uint64_t scope, uint64_t id)
{
	const struct store_org_row *r;
	int depth;

	for (depth = 0; id != 0 && depth < 64; depth++) {
		if (id == scope)
			return 1;
		if ((r = store_org_tree_find(t, id)) == NULL)
			return 0;
		id = r->parent;
	}
	return 0;
}

/* Group the children table into t->kids: each parent's children in the
 * tree's order, found through its row's kid0 and nkids. */
static int
tree_kids(struct store *s, MDB_txn *txn, struct store_org_tree *t, int *mrc)
{
	MDB_cursor *cur;
	MDB_val k, v;
	size_t cap = 0, start = 0;
	uint64_t owner = 0;
	int rc;

	if ((*mrc = mdb_cursor_open(txn, s->dbi[DB_CHILDREN], &cur)) != 0)
		return STORE_EIO;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);; rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		uint64_t o = rc == 0 && k.mv_size == 16 ? get_be64(k.mv_data) : 0;

		/* the end of owner's group: hand it over */
		if (t->nkids > start && (rc != 0 || o != owner)) {
			struct store_org_row *r = (struct store_org_row *)
			    store_org_tree_find(t, owner);

			if (owner == 0) {
				t->top0 = start;
				t->ntop = t->nkids - start;
			} else if (r != NULL) {
				r->kid0 = start;
				r->nkids = t->nkids - start;
			}
			start = t->nkids;
		}
		if (rc != 0)
			break;
		if (k.mv_size != 16 || v.mv_size != 8)
			continue;
		owner = o;
		if (t->nkids == cap) {
			uint64_t *p;

			cap = cap ? cap * 2 : 1024;
			if ((p = realloc(t->kids, cap * sizeof *p)) == NULL) {
				rc = ENOMEM;
				break;
			}
			t->kids = p;
		}
		t->kids[t->nkids++] = get_be64(v.mv_data);
	}
	mdb_cursor_close(cur);
	if (rc != MDB_NOTFOUND) {
		*mrc = rc;
		return STORE_EIO;
	}
	return 0;
}

int
store_org_tree(struct store *s, struct store_org_tree *t, char **cause)
{
	MDB_txn *txn = NULL;
	MDB_cursor *co = NULL, *cc = NULL, *cm = NULL;
	MDB_val k, v, kc, vc, km, vm;
	int rc = 0, mrc = 0, mc, mm;
	struct org *o = NULL;
	struct vreport *vr = NULL;
	size_t cap = 0, ncap = 0, i, j, *noff = NULL;

	if (cause != NULL)
		*cause = NULL;
	if (s == NULL || t == NULL)
		return STORE_EINVAL;
	memset(t, 0, sizeof *t);
	/* an org: the branches without a kept mark are loaded with units */
	if ((o = org_new()) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	if ((mrc = rd_begin(s, &txn)) != 0) {
		rc = STORE_EIO;
		goto out;
	}
	if ((mrc = mdb_cursor_open(txn, s->dbi[DB_ORGS], &co)) != 0 ||
	    (mrc = mdb_cursor_open(txn, s->dbi[DB_COUNTS], &cc)) != 0 ||
	    (mrc = mdb_cursor_open(txn, s->dbi[DB_ORGMARKS], &cm)) != 0) {
		rc = STORE_EIO;
		goto out;
	}
	{
		MDB_stat ms;

		if ((mrc = mdb_stat(txn, s->dbi[DB_ORGS], &ms)) != 0) {
			rc = STORE_EIO;
			goto out;
		}
		cap = ms.ms_entries + 1;    /* the rows at once: no copies */
		t->rows = malloc(cap * sizeof *t->rows);
		t->ids = malloc(cap * sizeof *t->ids);
		noff = malloc(cap * sizeof *noff);
		ncap = cap * 128;         /* names: untouched pages cost nothing */
		t->names = malloc(ncap);
		if (t->rows == NULL || t->ids == NULL || noff == NULL || t->names == NULL) {
			rc = STORE_EIO;
			goto out;
		}
	}
	mc = mdb_cursor_get(cc, &kc, &vc, MDB_FIRST);
	mm = mdb_cursor_get(cm, &km, &vm, MDB_FIRST);
	while ((mrc = mdb_cursor_get(co, &k, &v, MDB_NEXT)) == 0) {
		struct store_org_row *r;
		uint64_t id, c[CNT_N];

		if (k.mv_size != 8)
			continue;
		id = get_be64(k.mv_data);
		if ((rc = dec_org_row(&v, o)) != 0) {
			cause_set(cause, "党组织已损坏，无法读取（编号 %llu）", (unsigned long long)id);
			goto out;
		}
		if (t->n == cap) {
			uint64_t *ip;

			cap *= 2;
			if ((r = realloc(t->rows, cap * sizeof *r)) == NULL) {
				rc = STORE_EIO;
				goto out;
			}
			t->rows = r;
			if ((ip = realloc(t->ids, cap * sizeof *ip)) == NULL) {
				rc = STORE_EIO;
				goto out;
			}
			t->ids = ip;
			if ((ip = realloc(noff, cap * sizeof *noff)) == NULL) {
				rc = STORE_EIO;
				goto out;
			}
			noff = (size_t *)ip;
		}
		{
			size_t l = strlen(o->name) + 1;

			if (t->names_len + l > ncap) {
				char *np;

				ncap = (ncap + l) * 2;
				if ((np = realloc(t->names, ncap)) == NULL) {
					rc = STORE_EIO;
					goto out;
				}
				t->names = np;
			}
			memcpy(t->names + t->names_len, o->name, l);
			noff[t->n] = t->names_len;
			t->names_len += l;
		}
		t->ids[t->n] = id;
		r = &t->rows[t->n++];
		memset(r, 0, sizeof *r);
		r->id = id;
		r->parent = o->parent;
		r->branch = org_is_branch(o->category);
		r->removed = o->meta.removed;
		r->draft = o->meta.state == REC_DRAFT;
		if (cur_seek(cc, &kc, &vc, &mc, id)) {
			cnt_decode(&vc, c);
			r->c.members = (size_t)c[CNT_MEMBERS];
			r->c.full = (size_t)c[CNT_FULL];
			r->c.probationary = (size_t)c[CNT_PROB];
			r->c.drafts = (size_t)c[CNT_DRAFTS];
			r->c.removed = (size_t)c[CNT_REMOVED];
		}
		if (!s->marks_stale && cur_seek(cm, &km, &vm, &mm, id) &&
		    vm.mv_size == MARK_LEN) {
			r->errors = (int)get_le(vm.mv_data, 4);
			r->unconfirmed = (int)get_le((unsigned char *)vm.mv_data + 4, 4);
			continue;
		}
		/* no mark kept (rules of another caiji): judge it here */
		if (vr == NULL && (vr = malloc(sizeof *vr)) == NULL) {
			rc = STORE_EIO;
			goto out;
		}
		if ((rc = load_org(s, txn, id, o, &mrc)) != 0) {
			if (rc == STORE_EIO && mrc == 0)
				cause_set(cause, "党组织已损坏，无法读取（编号 %llu）",
				    (unsigned long long)id);
			goto out;
		}
		validate_org(o, NULL, vr);
		r->errors = vr->errors;
		r->unconfirmed = vr->unconfirmed;
	}
	if (mrc != MDB_NOTFOUND || (mc != 0 && mc != MDB_NOTFOUND) ||
	    (mm != 0 && mm != MDB_NOTFOUND)) {
		if (mrc == MDB_NOTFOUND)
			mrc = mc != MDB_NOTFOUND ? mc : mm;
		rc = STORE_EIO;
		goto out;
	}
	mrc = 0;
	for (i = 0; i < t->n; i++)
		t->rows[i].name = t->names + noff[i];
	if ((rc = tree_kids(s, txn, t, &mrc)) != 0)
		goto out;
	if (s->scope != 0) {
		/* a scoped clerk's top level is their own organisation; the rows
		 * outside their subtree are dropped */
		for (i = j = 0; i < t->n; i++)
			if (rows_in_scope(t, s->scope, t->rows[i].id))
				t->ids[j] = t->ids[i], t->rows[j++] = t->rows[i];
		if (store_org_tree_find(t, s->scope) == NULL)
			j = 0;
		t->n = j;
		t->top0 = t->nkids;
		t->ntop = 0;
		if (j > 0) {
			uint64_t *p = realloc(t->kids, (t->nkids + 1) * sizeof *p);

			if (p == NULL) {
				rc = STORE_EIO;
				goto out;
			}
			t->kids = p;
			t->kids[t->nkids++] = s->scope;
			t->ntop = 1;
		}
	}
out:
	if (co != NULL)
		mdb_cursor_close(co);
	if (cc != NULL)
		mdb_cursor_close(cc);
	if (cm != NULL)
		mdb_cursor_close(cm);
	if (txn != NULL)
		rd_end(s, txn);
	org_delete(o);
	free(vr);
	free(noff);
	if (rc == STORE_EIO && mrc != 0 && mrc != MDB_NOTFOUND && (cause == NULL || *cause == NULL))
		mdb_cause(cause, mrc);
	if (rc != 0)
		store_org_tree_free(t);
	default_cause(cause, rc);
	return rc;
}

const struct store_org_row *
store_org_tree_find(const struct store_org_tree *t, uint64_t id)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->ids[mid] == id)
			return &t->rows[mid];
		if (t->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void
store_org_tree_free(struct store_org_tree *t)
{
	if (t == NULL)
		return;
	free(t->rows);
	free(t->ids);
	free(t->kids);
	free(t->names);
	memset(t, 0, sizeof *t);
}

static int
t_flush(struct store_txn *t)
{
	unsigned char v[8];
	int rc;

	if (t->n_cnt > 0 && t_cnt_flush(t) != 0)
		return STORE_EIO;
	if (t->n_rv > 0 && t_rev_flush(t) != 0)
		return STORE_EIO;
	if (t_search_flush(t) != 0 || t_defer_flush(t) != 0)
		return STORE_EIO;
	if ((rc = t_audit_flush(t)) != 0)
		return rc;
	if (!t->next_dirty)
		return 0;
	put_le(v, t->next_id, 8);
	return t_put(t, DB_META, "next_id", 7, v, 8, 0, NULL);
}

/* Slot of dst in the undo set: its entry or the free slot where it goes. */
static size_t *
t_undo_slot(struct store_txn *t, const struct rec_meta *m)
{
	size_t mask = t->cap_uset - 1;
	uint64_t h = (uint64_t)((uintptr_t)m >> 4) * 0x9e3779b97f4a7c15ull;
	size_t i = (size_t)(h ^ (h >> 32)) & mask;

	while (t->uset[i] != 0 && t->undo[t->uset[i] - 1].dst != m)
		i = (i + 1) & mask;
	return &t->uset[i];
}

/* Double the undo set and put every entry back in it. */
static int
t_undo_rehash(struct store_txn *t)
{
	size_t cap = t->cap_uset ? t->cap_uset * 2 : 128, i;
	size_t *set;

	if ((set = calloc(cap, sizeof *set)) == NULL)
		return -1;
	free(t->uset);
	t->uset = set;
	t->cap_uset = cap;
	for (i = 0; i < t->n_undo; i++)
		*t_undo_slot(t, t->undo[i].dst) = i + 1;
	return 0;
}

/* Remember m as it was before this transaction's first save of it: only
 * the first state of each distinct struct is kept (a later save of the
 * same struct is undone to it anyway), so a caller that reuses one struct
 * for many saves costs one entry, not one per save. */
static int
t_undo_push(struct store_txn *t, struct rec_meta *m)
{
	struct undo *u;
	size_t *slot;

	if (2 * (t->n_undo + 1) > t->cap_uset && t_undo_rehash(t) != 0)
		return -1;
	slot = t_undo_slot(t, m);
	if (*slot != 0)
		return 0;
	if (t->n_undo == t->cap_undo) {
		size_t cap = t->cap_undo ? t->cap_undo * 2 : 64;

		if ((u = realloc(t->undo, cap * sizeof *u)) == NULL)
			return -1;
		t->undo = u;
		t->cap_undo = cap;
	}
	u = &t->undo[t->n_undo++];
	*slot = t->n_undo;
	u->dst = m;
	u->id = m->id;
	u->version = m->version;
	u->created_at = m->created_at;
	u->changed_at = m->changed_at;
	memcpy(u->created_by, m->created_by, sizeof u->created_by);
	memcpy(u->changed_by, m->changed_by, sizeof u->changed_by);
	return 0;
}

/* Forget every undo entry (a new attempt, or the records were put back). */
static void
t_undo_clear(struct store_txn *t)
{
	t->n_undo = 0;
	if (t->cap_uset > 0)
		memset(t->uset, 0, t->cap_uset * sizeof *t->uset);
}

/* Put the callers' records back as they were before the transaction. */
static void
t_undo_apply(struct store_txn *t)
{
	size_t i;

	for (i = t->n_undo; i > 0; i--) {
		struct undo *u = &t->undo[i - 1];

		u->dst->id = u->id;
		u->dst->version = u->version;
		u->dst->created_at = u->created_at;
		u->dst->changed_at = u->changed_at;
		memcpy(u->dst->created_by, u->created_by, sizeof u->created_by);
		memcpy(u->dst->changed_by, u->changed_by, sizeof u->changed_by);
	}
	t_undo_clear(t);
}

static void
list_key(unsigned char *k, uint64_t owner, uint64_t seq)
{
	put_be64(k, owner);
	put_be64(k + 8, seq);
}

static int
t_list_append(struct store_txn *t, int db, uint64_t owner, uint64_t id, char **cause)
{
	MDB_dbi dbi = t->s->dbi[db];
	unsigned char k[16], v[8];
	uint64_t last = 0;

	if (t->last_ok && t->last_dbi == dbi && t->last_owner == owner)
		last = t->last_seq;
	else {
		MDB_cursor *cur = NULL;
		MDB_val key, val;
		int mrc;

		if ((mrc = mdb_cursor_open(t->txn, dbi, &cur)) != 0)
			return t_fail(t, mrc, cause);
		list_key(k, owner, UINT64_MAX);
		key.mv_size = 16;
		key.mv_data = k;
		mrc = mdb_cursor_get(cur, &key, &val, MDB_SET_RANGE);
		if (mrc == 0)
			mrc = mdb_cursor_get(cur, &key, &val, MDB_PREV);
		else if (mrc == MDB_NOTFOUND)
			mrc = mdb_cursor_get(cur, &key, &val, MDB_LAST);
		if (mrc == 0 && key.mv_size == 16 && get_be64(key.mv_data) == owner)
			last = get_be64((unsigned char *)key.mv_data + 8);
		mdb_cursor_close(cur);
		if (mrc != 0 && mrc != MDB_NOTFOUND)
			return t_fail(t, mrc, cause);
	}
	list_key(k, owner, last + SEQ_GAP);
	put_be64(v, id);
	if (t_put(t, db, k, 16, v, 8, 0, cause) != 0)
		return STORE_EIO;
	t->last_ok = 1;
	t->last_dbi = dbi;
	t->last_owner = owner;
	t->last_seq = last + SEQ_GAP;
	return 0;
}

static void
t_list_forget(struct store_txn *t)
{
	t->last_ok = 0;
}

/* Rewrite owner's list as ids[0..n) with fresh, evenly spaced seqs. */
static int
t_list_rewrite(struct store_txn *t, int db, uint64_t owner,
    const struct idlist *old, const uint64_t *ids, size_t n, char **cause)
{
	unsigned char k[16], v[8];
	size_t i;

	t_list_forget(t);
	for (i = 0; i < old->n; i++) {
		list_key(k, owner, old->seq[i]);
		if (t_del(t, db, k, 16, NULL, 0, cause) != 0)
			return STORE_EIO;
	}
	for (i = 0; i < n; i++) {
		list_key(k, owner, (uint64_t)(i + 1) * SEQ_GAP);
		put_be64(v, ids[i]);
		if (t_put(t, db, k, 16, v, 8, 0, cause) != 0)
			return STORE_EIO;
	}
	return 0;
}

/*
 * Where id sits in owner's list: the cursor cur (on db) is left on its
 * entry and *seq is its seq.  hint, when not 0, is the seq the caller saw
 * it at (the member list): tried first, one descent; else the list is
 * walked (no copy of it).  STORE_ENOTFOUND when id is not in the list.
 */
static int
t_list_locate(struct store_txn *t, MDB_cursor *cur, uint64_t owner, uint64_t id,
    uint64_t hint, uint64_t *seq, char **cause)
{
	unsigned char k[16];
	MDB_val key = { 16, k }, val;
	int mrc;

	if (hint != 0) {
		list_key(k, owner, hint);
		mrc = mdb_cursor_get(cur, &key, &val, MDB_SET_KEY);
		if (mrc == 0 && val.mv_size == 8 && get_be64(val.mv_data) == id) {
			*seq = hint;
			return 0;
		}
		if (mrc != 0 && mrc != MDB_NOTFOUND)
			return t_fail(t, mrc, cause);
		key.mv_data = k;
		key.mv_size = 16;
	}
	list_key(k, owner, 0);
	for (mrc = mdb_cursor_get(cur, &key, &val, MDB_SET_RANGE); mrc == 0;
	    mrc = mdb_cursor_get(cur, &key, &val, MDB_NEXT)) {
		if (key.mv_size != 16 || get_be64(key.mv_data) != owner)
			return STORE_ENOTFOUND;
		if (val.mv_size == 8 && get_be64(val.mv_data) == id) {
			*seq = get_be64((unsigned char *)key.mv_data + 8);
			return 0;
		}
	}
	if (mrc != MDB_NOTFOUND)
		return t_fail(t, mrc, cause);
	return STORE_ENOTFOUND;
}

/* Take id out of owner's list. */
static int
t_list_remove(struct store_txn *t, int db, uint64_t owner, uint64_t id, char **cause)
{
	MDB_cursor *cur = NULL;
	uint64_t seq;
	int rc, mrc;

	t_list_forget(t);
	if ((mrc = mdb_cursor_open(t->txn, t->s->dbi[db], &cur)) != 0)
		return t_fail(t, mrc, cause);
	rc = t_list_locate(t, cur, owner, id, 0, &seq, cause);
	if (rc == 0 && (mrc = mdb_cursor_del(cur, 0)) != 0)
		rc = t_fail(t, mrc, cause);
	mdb_cursor_close(cur);
	return rc == STORE_ENOTFOUND ? 0 : rc;
}

/* Renumber owner's list evenly (when two neighbours have no seq left
 * between them: after about 16 insertions at one place). */
static int
t_list_respace(struct store_txn *t, int db, uint64_t owner, char **cause)
{
	struct idlist l = { 0 };
	int rc, mrc;

	if ((rc = list_read(t->txn, t->s->dbi[db], owner, &l, &mrc)) != 0) {
		idlist_free(&l);
		return t_read_rc(t, rc, mrc, cause);
	}
	rc = t_list_rewrite(t, db, owner, &l, l.id, l.n, cause);
	idlist_free(&l);
	return rc;
}

/* Put id into owner's list before `before` (0 = at the end), at the seq
 * halfway between before and the entry ahead of it: nothing else is
 * renumbered unless they are adjacent.  The position of before must exist
 * (STORE_EINVAL otherwise). */
static int
t_list_insert(struct store_txn *t, int db, uint64_t owner, uint64_t id,
    uint64_t before, char **cause)
{
	MDB_cursor *cur = NULL;
	MDB_val key, val;
	unsigned char k[16], v[8];
	uint64_t at, prev = 0;
	int rc, mrc, tries;

	if (before == 0)
		return t_list_append(t, db, owner, id, cause);
	t_list_forget(t);
	for (tries = 0; tries < 2; tries++) {
		if ((mrc = mdb_cursor_open(t->txn, t->s->dbi[db], &cur)) != 0)
			return t_fail(t, mrc, cause);
		rc = t_list_locate(t, cur, owner, before, 0, &at, cause);
		if (rc == STORE_ENOTFOUND) {
			mdb_cursor_close(cur);
			cause_set(cause, "指定的位置不在目标列表中");
			return STORE_EINVAL;
		}
		if (rc != 0) {
			mdb_cursor_close(cur);
			return rc;
		}
		mrc = mdb_cursor_get(cur, &key, &val, MDB_PREV);
		prev = 0;
		if (mrc == 0 && key.mv_size == 16 && get_be64(key.mv_data) == owner)
			prev = get_be64((unsigned char *)key.mv_data + 8);
		mdb_cursor_close(cur);
		if (mrc != 0 && mrc != MDB_NOTFOUND)
			return t_fail(t, mrc, cause);
		if (at - prev >= 2)
			break;
		if ((rc = t_list_respace(t, db, owner, cause)) != 0)
			return rc;
	}
	if (at - prev < 2)
		return t_fail(t, EINVAL, cause);
	list_key(k, owner, prev + (at - prev) / 2);
	put_be64(v, id);
	return t_put(t, db, k, 16, v, 8, 0, cause);
}

static void
stamp_new(struct store_txn *t, struct rec_meta *nm)
{
	nm->version = 1;
	nm->created_at = nm->changed_at = t->now;
	rec_strcpy(nm->created_by, sizeof nm->created_by, t->s->user);
	rec_strcpy(nm->changed_by, sizeof nm->changed_by, t->s->user);
	nm->removed = RM_NONE;
	nm->removed_note[0] = '\0';
	nm->removed_at = 0;
	nm->removed_by[0] = '\0';
	/* a new record starts 录入: only the transitions set the review */
	nm->review = REV_ENTRY;
	nm->checked_by[0] = nm->reviewed_by[0] = '\0';
	nm->checked_at = nm->reviewed_at = 0;
	nm->n_return = 0;
}

/* The stored meta with the caller's state and confirmations, next version. */
static void
stamp_update(struct store_txn *t, struct rec_meta *nm, const struct rec_meta *old,
    const struct rec_meta *in)
{
	*nm = *old;
	nm->version = old->version + 1;
	nm->changed_at = t->now;
	rec_strcpy(nm->changed_by, sizeof nm->changed_by, t->s->user);
	nm->state = in->state;
	nm->n_confirm = in->n_confirm > REC_CONFIRM_MAX ? REC_CONFIRM_MAX : in->n_confirm;
	memcpy(nm->confirm, in->confirm, sizeof nm->confirm);
}

static int
conflict(const struct rec_meta *old, uint64_t seen, char **cause)
{
	char tb[32];

	if (old->version == seen)
		return 0;
	cause_set(cause, "记录已被 %s 于 %s 修改（版本 %llu，您编辑的是版本 %llu），"
	    "请重新读取后再保存", old->changed_by[0] ? old->changed_by : "他人",
	    fmt_time(old->changed_at, tb, sizeof tb),
	    (unsigned long long)old->version, (unsigned long long)seen);
	return STORE_ECONFLICT;
}

/* Undo entry, then the caller's meta takes the fields the store set. */
static int
give_meta(struct store_txn *t, struct rec_meta *dst, const struct rec_meta *nm,
    char **cause)
{
	if (t_undo_push(t, dst) != 0)
		return t_fail(t, ENOMEM, cause);
	dst->id = nm->id;
	dst->version = nm->version;
	dst->created_at = nm->created_at;
	dst->changed_at = nm->changed_at;
	memcpy(dst->created_by, nm->created_by, sizeof dst->created_by);
	memcpy(dst->changed_by, nm->changed_by, sizeof dst->changed_by);
	t_rev_give(dst, nm);
	return 0;
}

/* 1 when this build knows tag in a record of the kind tab/n/base describes
 * (with meta: the rec_meta tags and the confirmation item too). */
static int
tag_known(unsigned tag, const struct fdesc *tab, size_t n, unsigned base,
    int meta)
{
	if (meta && (tag == TAG_CONFIRM || tag == TAG_RETURN || (tag >= META_BASE &&
	    tag < META_BASE + NFIELDS(meta_fields) &&
	    meta_fields[tag - META_BASE].type != F_NONE)))
		return 1;
	return tag >= base && tag < base + n && tab[tag - base].type != F_NONE;
}

/*
 * Append to b the items of the stored record old (bytes of a record of the
 * same kind) whose tags this build does not know: the fields a newer caiji
 * added survive a save by this one, in a database clerks share (store.h,
 * "Evolution").  b is being written in format 3 when out3 (a member), else
 * in format 1 or 2: a format 1 or 2 item is carried into format 3 as plain
 * bytes, a format 3 one as it is (and into format 1 not at all: only
 * members are written as 3).  Nothing when old is not a record of a
 * version we read.
 */
static int
carry_unknown(struct buf *b, const MDB_val *old, const struct fdesc *tab,
    size_t n, unsigned base, int meta, int out3)
{
	const unsigned char *p = old->mv_data;
	size_t len = old->mv_size, l;
	unsigned ver;
	long l3;

	if (len < 2 || (ver = (unsigned)(p[0] | p[1] << 8)) > FMT_VERSION)
		return 0;
	p += 2;
	len -= 2;
	if (ver == FMT_MEMBER) {
		while (out3 && len >= 2) {
			if ((l3 = item3_len(p[1], p + 2, len - 2)) < 0 ||
			    (size_t)l3 > len - 2)
				break;
			l = 2 + (size_t)l3;
			if (!tag_known(p[0], tab, n, base, meta)) {
				if (buf_need(b, l) != 0)
					return -1;
				memcpy(b->p + b->len, p, l);
				b->len += l;
			}
			p += l;
			len -= l;
		}
		return 0;
	}
	while (len >= 3) {
		l = (size_t)get_le(p + 1, 2);
		if (l > len - 3)
			break;
		if (!tag_known(p[0], tab, n, base, meta)) {
			if (!out3) {
				if (buf_item(b, p[0], p + 3, l) != 0)
					return -1;
			} else {
				if (buf_need(b, 4 + l) != 0)
					return -1;
				put3_raw(b, p[0], p + 3, l);
			}
		}
		p += 3 + l;
		len -= 3 + l;
	}
	return 0;
}

/* The stored bytes under key k of db in t, or mv_size 0 when none. */
static int
t_old(struct store_txn *t, int db, unsigned char *k, size_t kl, MDB_val *old)
{
	MDB_val key = { kl, k };
	int mrc = mdb_get(t->txn, t->s->dbi[db], &key, old);

	if (mrc == MDB_NOTFOUND) {
		old->mv_size = 0;
		return 0;
	}
	return mrc;
}

/* carry_unknown from the record stored under k (none for a new one);
 * out of line, so that the writers stay small on the bulk paths. */
static __attribute__((noinline)) int
t_carry(struct store_txn *t, int db, unsigned char *k, const struct fdesc *tab,
    size_t n, unsigned base, char **cause)
{
	MDB_val old;
	int mrc;

	if ((mrc = t_old(t, db, k, 8, &old)) != 0)
		return t_fail(t, mrc, cause);
	if (carry_unknown(&t->b, &old, tab, n, base, 1, db == DB_MEMBERS) != 0)
		return t_fail(t, ENOMEM, cause);
	return 0;
}

static int
t_write_org(struct store_txn *t, const struct rec_meta *nm, const struct org *o,
    char **cause)
{
	unsigned char k[8];

	put_be64(k, nm->id);
	if (enc_org(&t->b, nm, o) != 0)
		return t_fail(t, ENOMEM, cause);
	if (t_carry(t, DB_ORGS, k, org_fields, NFIELDS(org_fields), ORG_BASE,
	    cause) != 0)
		return STORE_EIO;
	return t_put(t, DB_ORGS, k, 8, t->b.p, t->b.len, 0, cause);
}

/* The stored form of m's fields after its branch: member_fields[0] is the
 * branch (MEMBER_BASE is its tag), encoded by the writer. */
_Static_assert(SCH_TAG_member_branch == MEMBER_BASE,
    "the branch is the first field of a member's stored form");

struct store_enc {
	struct buf b;
};

struct store_enc *
store_enc_new(void)
{
	return calloc(1, sizeof(struct store_enc));
}

void
store_enc_free(struct store_enc *e)
{
	if (e != NULL)
		free(e->b.p);
	free(e);
}

const unsigned char *
store_member_fields_enc(struct store_enc *e, const struct member *m, size_t *len)
{
	e->b.len = 0;
	*len = 0;
	if (enc3_fields(&e->b, m, member_fields + 1, NFIELDS(member_fields) - 1,
	    MEMBER_BASE + 1) != 0)
		return NULL;
	*len = e->b.len;
	return e->b.p;
}

/* Write member m with meta nm; its fields after the branch are enc (len
 * bytes of store_member_fields_enc) when len > 0.  fl MDB_APPEND: a new
 * member (nothing stored to carry from). */
static int
t_write_member_enc(struct store_txn *t, const struct rec_meta *nm,
    const struct member *m, const unsigned char *enc, size_t len,
    unsigned fl, char **cause)
{
	unsigned char k[8];

	put_be64(k, nm->id);
	if (len == 0 ? enc_member(&t->b, nm, m) != 0 :
	    (enc_rec(&t->b, FMT_MEMBER, nm, m, member_fields, 1, MEMBER_BASE) != 0 ||
	    buf_need(&t->b, len) != 0))
		return t_fail(t, ENOMEM, cause);
	if (len > 0) {
		memcpy(t->b.p + t->b.len, enc, len);
		t->b.len += len;
	}
	if (!(fl & MDB_APPEND) && t_carry(t, DB_MEMBERS, k, member_fields,
	    NFIELDS(member_fields), MEMBER_BASE, cause) != 0)
		return STORE_EIO;
	return t_put(t, DB_MEMBERS, k, 8, t->b.p, t->b.len, fl, cause);
}

static int
t_write_member(struct store_txn *t, const struct rec_meta *nm,
    const struct member *m, unsigned fl, char **cause)
{
	return t_write_member_enc(t, nm, m, NULL, 0, fl, cause);
}

static void
unit_key(unsigned char *k, uint64_t id, size_t i)
{
	put_be64(k, id);
	k[8] = (unsigned char)(i >> 24);
	k[9] = (unsigned char)(i >> 16);
	k[10] = (unsigned char)(i >> 8);
	k[11] = (unsigned char)i;
}

/* Units are stored by index: unknown items of the old unit at an index
 * are carried when it is the same unit (same 党组织所在单位代码), so a
 * removed page never hands its items to the next one. */
static int
t_write_units(struct store_txn *t, uint64_t id, size_t old_n,
    const struct org *o, char **cause)
{
	unsigned char k[12];
	struct unit ou;
	MDB_val old;
	size_t i;
	int mrc;

	for (i = o->n_units; i < old_n; i++) {
		unit_key(k, id, i);
		if (t_del(t, DB_UNITS, k, 12, NULL, 0, cause) != 0)
			return STORE_EIO;
	}
	for (i = 0; i < o->n_units; i++) {
		unit_key(k, id, i);
		if (enc_unit(&t->b, &o->units[i]) != 0)
			return t_fail(t, ENOMEM, cause);
		if (i < old_n) {
			if ((mrc = t_old(t, DB_UNITS, k, 12, &old)) != 0)
				return t_fail(t, mrc, cause);
			if (old.mv_size > 0 && dec_unit(&old, &ou) == 0 &&
			    strcmp(ou.code, o->units[i].code) == 0 &&
			    carry_unknown(&t->b, &old, unit_fields,
			    NFIELDS(unit_fields), UNIT_BASE, 0, 0) != 0)
				return t_fail(t, ENOMEM, cause);
		}
		if (t_put(t, DB_UNITS, k, 12, t->b.p, t->b.len, 0, cause) != 0)
			return STORE_EIO;
	}
	return 0;
}

static void t_idb_add(struct store_txn *t, uint64_t h);

static int
t_put_name(struct store_txn *t, int db, const char *name, uint64_t id, char **cause)
{
	unsigned char v[8];
	size_t len = strlen(name);

	if (len == 0)
		return 0;
	if (db == DB_NAMES)
		return t_defer_put(t, db, name, len, id, 0, cause);
	if (db == DB_IDCARD && t->idb_built)
		t_idb_add(t, idb_hash(name, len));
	put_be64(v, id);
	return t_put(t, db, name, len, v, 8, 0, cause);
}

static int
t_del_name(struct store_txn *t, int db, const char *name, uint64_t id, char **cause)
{
	unsigned char v[8];
	size_t len = strlen(name);

	if (len == 0)
		return 0;
	put_be64(v, id);
	if (db == DB_NAMES)
		return t_del(t, db, name, len, v, 8, cause);
	return t_del(t, db, name, len, NULL, 0, cause);
}

/* Put (del = 0) or delete the initials index entry of name -> id. */
static int
t_initials(struct store_txn *t, const char *name, uint64_t id, int del,
    char **cause)
{
	const struct initials *in = store_initials(t->s);
	unsigned char v[8];
	char key[REC_NAME_MAX];
	size_t len;

	if (in == NULL || *name == '\0')
		return 0;
	len = initials_of(in, name, key, sizeof key);
	put_be64(v, id);
	if (del)
		return t_del(t, DB_INITIALS, key, len, v, 8, cause);
	return t_defer_put(t, DB_INITIALS, key, len, id, 0, cause);
}

/* Is target (or one of its ancestors) the org id?  For cycle checks. */
static int
t_is_within(struct store_txn *t, uint64_t target, uint64_t id, int *within, char **cause)
{
	struct org *o;
	int rc = 0, mrc, depth = 0;

	*within = 0;
	if ((o = malloc(sizeof *o)) == NULL)
		return t_fail(t, ENOMEM, cause);
	while (target != 0 && depth++ < 64) {
		if (target == id) {
			*within = 1;
			break;
		}
		if ((rc = load_org_how(t->s, t->txn, target, o, &mrc,
		    LOAD_HEAD)) != 0) {
			rc = t_read_rc(t, rc, mrc, cause);
			break;
		}
		target = o->parent;
	}
	free(o);
	return rc;
}

/* The parent check for an org placed under parent. */
static int
t_check_parent(struct store_txn *t, uint64_t parent, char **cause)
{
	struct org *p;
	int rc, mrc;

	if (t->s->scope != 0 && (parent == 0 || !in_scope(t->s, t->txn, parent))) {
		cause_set(cause, SCOPE_TEXT);
		return STORE_ERULE;
	}
	if (parent == 0)
		return 0;
	if ((p = malloc(sizeof *p)) == NULL)
		return t_fail(t, ENOMEM, cause);
	rc = load_org_how(t->s, t->txn, parent, p, &mrc, LOAD_HEAD);
	if (rc == STORE_ENOTFOUND) {
		cause_set(cause, "上级党组织不存在（编号 %llu）", (unsigned long long)parent);
		rc = STORE_ERULE;
	} else if (rc != 0)
		rc = t_read_rc(t, rc, mrc, cause);
	else if (p->meta.removed != RM_NONE) {
		cause_set(cause, "上级党组织 %s 已移除，请先恢复", p->name);
		rc = STORE_ERULE;
	} else if (org_is_branch(p->category)) {
		cause_set(cause, "%s 是%s，不能设立下级党组织", p->name, p->category);
		rc = STORE_ERULE;
	}
	free(p);
	return rc;
}

/* Load a record (with load, into out, whose rec_meta is meta) for a
 * change (a save, a move, a removal) and check the version seen; what names its kind. */
static int
t_for_change(struct store_txn *t, uint64_t id, uint64_t version,
    int check_version, void *out, struct rec_meta *meta,
    int (*load)(struct store *, MDB_txn *, uint64_t, void *, int *),
    const char *what, char **cause)
{
	int rc, mrc;

	rc = load(t->s, t->txn, id, out, &mrc);
	if (rc == STORE_ENOTFOUND) {
		cause_set(cause, "%s不存在（编号 %llu）", what, (unsigned long long)id);
		return rc;
	}
	if (rc != 0)
		return t_read_rc(t, rc, mrc, cause);
	if (t->s->scope != 0 && !in_scope(t->s, t->txn, load == load_member_any ?
	    ((struct member *)out)->branch : id)) {
		cause_set(cause, SCOPE_TEXT);
		return STORE_ERULE;
	}
	if (check_version)
		return conflict(meta, version, cause);
	return 0;
}

static int
t_member_for_change(struct store_txn *t, uint64_t id, uint64_t version,
    int check_version, struct member *m, char **cause)
{
	return t_for_change(t, id, version, check_version, m, &m->meta,
	    load_member_any, "党员记录", cause);
}

static int
t_org_for_change(struct store_txn *t, uint64_t id, uint64_t version,
    int check_version, struct org *o, char **cause)
{
	return t_for_change(t, id, version, check_version, o, &o->meta,
	    load_org_any, "党组织", cause);
}

int
store_txn_org_save(struct store_txn *t, struct org *o, char **cause)
{
	struct org *old = NULL;
	struct rec_meta nm;
	uint64_t holder;
	int rc = 0, mrc, any, reset = 0;

	if (cause != NULL)
		*cause = NULL;
	if (t == NULL || o == NULL)
		return STORE_EINVAL;
	if (t->fatal)
		return STORE_EIO;
	if (o->name[0] == '\0') {
		cause_set(cause, "党组织名称不能为空");
		return STORE_EINVAL;
	}
	if (o->n_units > REC_UNITS_LIMIT) {
		cause_set(cause, "单位数量超过 %d 个", REC_UNITS_LIMIT);
		return STORE_EINVAL;
	}
	rc = lookup_str(t->txn, t->s->dbi[DB_ORGNAMES], o->name, &holder, &mrc);
	if (rc == 0 && holder != o->meta.id) {
		struct org *h = malloc(sizeof *h);

		if (h != NULL && load_org_how(t->s, t->txn, holder, h, &mrc,
		    LOAD_HEAD) == 0 &&
		    h->meta.removed != RM_NONE)
			cause_set(cause, "党组织名称 %s 已被使用（该组织已移除，可恢复）", o->name);
		else
			cause_set(cause, "党组织名称 %s 已被使用", o->name);
		free(h);
		return STORE_EDUP;
	}
	if (rc != 0 && rc != STORE_ENOTFOUND)
		return t_read_rc(t, rc, mrc, cause);

	if (o->meta.id == 0) {
		if ((rc = t_check_parent(t, o->parent, cause)) != 0)
			return rc;
		nm = o->meta;
		if (nm.n_confirm > REC_CONFIRM_MAX)
			nm.n_confirm = REC_CONFIRM_MAX;
		stamp_new(t, &nm);
		if ((rc = t_next_id(t, &nm.id, cause)) != 0)
			return rc;
		if ((rc = t_write_org(t, &nm, o, cause)) != 0 ||
		    (rc = t_write_units(t, nm.id, 0, o, cause)) != 0 ||
		    (rc = t_org_mark(t, nm.id, o, cause)) != 0 ||
		    (rc = t_put_name(t, DB_ORGNAMES, o->name, nm.id, cause)) != 0 ||
		    (rc = t_list_append(t, DB_CHILDREN, o->parent, nm.id, cause)) != 0)
			return rc;
		if ((rc = give_meta(t, &o->meta, &nm, cause)) != 0)
			return rc;
		return t_audit_rec(t, AU_CREATE, AUK_ORG, NULL, o, NULL, cause);
	}

	if ((old = org_new()) == NULL)
		return t_fail(t, ENOMEM, cause);
	if ((rc = t_org_for_change(t, o->meta.id, o->meta.version, 1, old,
	    cause)) != 0)
		goto out;
	if (t->s->scope != 0 && !in_scope(t->s, t->txn, o->meta.id)) {
		cause_set(cause, SCOPE_TEXT);
		rc = STORE_ERULE;
		goto out;
	}
	if (old->parent != o->parent) {
		cause_set(cause, "改变上级党组织请使用移动");
		rc = STORE_EINVAL;
		goto out;
	}
	if (org_is_branch(o->category) && !org_is_branch(old->category)) {
		if ((rc = list_has_any(t->txn, t->s->dbi[DB_CHILDREN], o->meta.id,
		    &any, &mrc)) != 0) {
			rc = t_read_rc(t, rc, mrc, cause);
			goto out;
		}
		if (any) {
			cause_set(cause, "%s 有下级党组织，不能改为%s", old->name, o->category);
			rc = STORE_ERULE;
			goto out;
		}
	}
	if (!org_is_branch(o->category) && org_is_branch(old->category)) {
		if ((rc = list_has_any(t->txn, t->s->dbi[DB_BRANCH], o->meta.id,
		    &any, &mrc)) != 0) {
			rc = t_read_rc(t, rc, mrc, cause);
			goto out;
		}
		if (any) {
			cause_set(cause, "%s 有党员，不能改为%s（党员只能属于党支部）",
			    old->name, o->category[0] ? o->category : "非支部类别");
			rc = STORE_ERULE;
			goto out;
		}
	}
	if (t->br_id == o->meta.id)
		t->br_id = 0;
	stamp_update(t, &nm, &old->meta, &o->meta);
	if ((rc = t_rev_on_save(t, &old->meta, &o->meta,
	    org_edit_differs(old, o), &nm, &reset, cause)) != 0)
		goto out;
	if ((rc = t_write_org(t, &nm, o, cause)) != 0 ||
	    (rc = t_write_units(t, nm.id, old->n_units, o, cause)) != 0 ||
	    (rc = t_org_mark(t, nm.id, o, cause)) != 0)
		goto out;
	if (strcmp(old->name, o->name) != 0 &&
	    ((rc = t_del_name(t, DB_ORGNAMES, old->name, nm.id, cause)) != 0 ||
	    (rc = t_put_name(t, DB_ORGNAMES, o->name, nm.id, cause)) != 0))
		goto out;
	if ((rc = give_meta(t, &o->meta, &nm, cause)) == 0)
		rc = t_audit_rec(t, t->au_undo ? AU_UNDO : AU_UPDATE, AUK_ORG, old, o,
		    t->au_undo_text, cause);
	if (rc == 0 && reset)
		rc = t_audit_rec(t, AU_REVIEW, AUK_ORG, o, o, REV_RESET_TEXT, cause);
	if (rc == 0 && org_is_branch(o->category))
		rc = t_rev_touch(t, o->meta.id);
out:
	org_delete(old);
	return rc;
}

/* Check that branch can hold members: it exists, is branch-level and
 * (for new members) is not removed.  Cached for batches. */
static int
t_check_branch(struct store_txn *t, uint64_t branch, char **cause)
{
	struct org *b;
	int rc, mrc;

	if (branch != 0 && branch == t->br_id)
		return 0;
	if (branch == 0) {
		cause_set(cause, "未指定所在党支部");
		return STORE_ERULE;
	}
	if (t->s->scope != 0 && !in_scope(t->s, t->txn, branch)) {
		cause_set(cause, SCOPE_TEXT);
		return STORE_ERULE;
	}
	if ((b = malloc(sizeof *b)) == NULL)
		return t_fail(t, ENOMEM, cause);
	rc = load_org_how(t->s, t->txn, branch, b, &mrc, LOAD_HEAD);
	if (rc == STORE_ENOTFOUND) {
		cause_set(cause, "所在党支部不存在（编号 %llu）", (unsigned long long)branch);
		rc = STORE_ERULE;
	} else if (rc != 0)
		rc = t_read_rc(t, rc, mrc, cause);
	else if (!org_is_branch(b->category)) {
		cause_set(cause, "%s 是%s，党员只能属于党支部、联合党支部或临时党支部",
		    b->name, b->category[0] ? b->category : "未填组织类别的组织");
		rc = STORE_ERULE;
	} else if (b->meta.removed != RM_NONE) {
		cause_set(cause, "党支部 %s 已移除，请先恢复", b->name);
		rc = STORE_ERULE;
	} else
		t->br_id = branch;
	free(b);
	return rc;
}

/* STORE_EDUP naming the branch and the member that hold idcard. */
static int
dup_idcard(struct store_txn *t, const char *idcard, uint64_t holder, char **cause)
{
	struct member *h = malloc(sizeof *h);
	struct org *b = malloc(sizeof *b);
	const char *bname = "未知党组织";
	int mrc;

	if (h == NULL || b == NULL || load_member(t->s, t->txn, holder, h, &mrc) != 0 ||
	    (t->s->scope != 0 && !in_scope(t->s, t->txn, h->branch)))
		cause_set(cause, "公民身份证号 %s 已被登记", idcard);
	else {
		if (load_org_how(t->s, t->txn, h->branch, b, &mrc, LOAD_HEAD) == 0)
			bname = b->name;
		if (h->meta.removed != RM_NONE)
			cause_set(cause, "公民身份证号 %s 已在 %s 登记（%s，已移除: %s，可恢复）",
			    idcard, bname, h->name, rec_removal_label(h->meta.removed));
		else
			cause_set(cause, "公民身份证号 %s 已在 %s 登记（%s）",
			    idcard, bname, h->name);
	}
	free(h);
	free(b);
	return STORE_EDUP;
}

/* Add hash h to the filter (built). */
static void
t_idb_add(struct store_txn *t, uint64_t h)
{
	idb_add(t->idb, h);
	t->idb_last_len = 0;
}

/* The ID-number filter of a bulk writer's transaction, built on first
 * need from the index as this transaction sees it; NULL for any other
 * writer, or when there was no memory for it (everything is looked up). */
static uint64_t *
t_idb(struct store_txn *t)
{
	MDB_cursor *c = NULL;
	MDB_val k, v;
	int mrc;

	if (t->idb_built)
		return t->idb;
	if (!(t->s->flags & STORE_BULK))
		return NULL;
	if (t->idb == NULL &&
	    (t->idb = malloc(IDB_LINES * 8 * sizeof t->idb[0])) == NULL)
		return NULL;
	memset(t->idb, 0, IDB_LINES * 8 * sizeof t->idb[0]);
	if (t_defer_flush(t) != 0 ||
	    mdb_cursor_open(t->txn, t->s->dbi[DB_IDCARD], &c) != 0)
		return NULL;
	while ((mrc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) == 0)
		idb_add(t->idb, idb_hash(k.mv_data, k.mv_size));
	mdb_cursor_close(c);
	if (mrc != MDB_NOTFOUND)
		return NULL;
	t->idb_built = 1;
	return t->idb;
}

/* 1 when the bulk writer's filter rules the ID number key (len bytes)
 * out, *h its hash; else 0, after putting every deferred entry when key
 * is one of them, so that the index can be read or written at key; -1
 * when that failed. */
static int
t_idb_new(struct store_txn *t, const char *key, size_t len, uint64_t *h)
{
	uint64_t *f = t_idb(t);

	*h = 0;
	if (f != NULL && len == t->idb_last_len &&
	    memcmp(key, t->idb_last, len) == 0) {
		*h = t->idb_last_h;
		return 1;
	}
	if (f != NULL && !idb_maybe(f, *h = idb_hash(key, len))) {
		if (len <= sizeof t->idb_last) {
			memcpy(t->idb_last, key, len);
			t->idb_last_len = len;
			t->idb_last_h = *h;
		}
		return 1;
	}
	if (t_defer_has_id(t, key, len, *h) && t_defer_flush(t) != 0)
		return -1;
	return 0;
}

/* Look idcard up in the unique index through the transaction's cursor
 * on it, left where the key is or would go: the save of a new member
 * that follows (an import's look-up, then its save) inserts there
 * without another descent from the root.  Returns as lookup_str. */
static int
t_idcard_find(struct store_txn *t, const char *idcard, uint64_t *id, int *mrc)
{
	MDB_val key, val;
	MDB_cursor *c;
	uint64_t h;
	size_t len = strlen(idcard);
	int n;

	*mrc = 0;
	if (len == 0 || len > 500)
		return STORE_ENOTFOUND;
	if ((n = t_idb_new(t, idcard, len, &h)) != 0) {
		*mrc = n < 0 ? t->mdb_rc : 0;
		return n < 0 ? STORE_EIO : STORE_ENOTFOUND;
	}
	if ((c = t_cur(t, DB_IDCARD, NULL)) == NULL) {
		*mrc = t->mdb_rc;
		return STORE_EIO;
	}
	key.mv_size = len;
	key.mv_data = (void *)idcard;
	*mrc = mdb_cursor_get(c, &key, &val, MDB_SET_RANGE);
	if (*mrc == MDB_NOTFOUND) {
		*mrc = 0;
		return STORE_ENOTFOUND;
	}
	if (*mrc != 0)
		return STORE_EIO;
	if (key.mv_size != len || memcmp(key.mv_data, idcard, len) != 0)
		return STORE_ENOTFOUND;
	if (val.mv_size != 8)
		return STORE_EIO;
	*id = get_be64(val.mv_data);
	return 0;
}

int
store_txn_member_save(struct store_txn *t, struct member *m, char **cause)
{
	return store_txn_member_save_enc(t, m, NULL, 0, cause);
}

int
store_txn_member_save_enc(struct store_txn *t, struct member *m,
    const unsigned char *enc, size_t len, char **cause)
{
	struct member *old = NULL;
	struct rec_meta nm;
	uint64_t holder;
	int rc, mrc, reset = 0;

	if (cause != NULL)
		*cause = NULL;
	if (t == NULL || m == NULL)
		return STORE_EINVAL;
	if (t->fatal)
		return STORE_EIO;
	if (strlen(m->idcard) > 500) {
		cause_set(cause, "公民身份证号过长");
		return STORE_EINVAL;
	}

	if (m->meta.id == 0) {
		if ((rc = t_check_branch(t, m->branch, cause)) != 0)
			return rc;
		nm = m->meta;
		if (nm.n_confirm > REC_CONFIRM_MAX)
			nm.n_confirm = REC_CONFIRM_MAX;
		stamp_new(t, &nm);
		if ((rc = t_peek_id(t, &nm.id, cause)) != 0)
			return rc;
		/* the unique index first: one descent checks and inserts, or
		 * none when the filter rules the number out (the put waits) */
		if (m->idcard[0] != '\0') {
			unsigned char v[8];
			MDB_val key = { strlen(m->idcard), m->idcard }, val = { 8, v };
			MDB_cursor *c;
			uint64_t h;
			int n = t_idb_new(t, m->idcard, key.mv_size, &h);

			if (n < 0)
				return STORE_EIO;
			if (n > 0) {
				if (t_defer_put(t, DB_IDCARD, key.mv_data,
				    key.mv_size, nm.id, h, cause) != 0)
					return STORE_EIO;
				t_idb_add(t, h);
				goto id_done;
			}
			if ((c = t_cur(t, DB_IDCARD, cause)) == NULL)
				return STORE_EIO;
			put_be64(v, nm.id);
			mrc = mdb_cursor_put(c, &key, &val, MDB_NOOVERWRITE);
			if (mrc == MDB_KEYEXIST)
				return dup_idcard(t, m->idcard,
				    val.mv_size == 8 ? get_be64(val.mv_data) : 0, cause);
			if (mrc != 0)
				return t_fail(t, mrc, cause);
			if (t->idb_built)
				t_idb_add(t, h);
		}
id_done:
		if ((rc = t_next_id(t, &nm.id, cause)) != 0 ||
		    (rc = t_write_member_enc(t, &nm, m, enc, len, MDB_APPEND,
		    cause)) != 0 ||
		    (rc = t_put_name(t, DB_NAMES, m->name, nm.id, cause)) != 0 ||
		    (rc = t_initials(t, m->name, nm.id, 0, cause)) != 0 ||
		    (rc = t_list_append(t, DB_BRANCH, m->branch, nm.id, cause)) != 0 ||
		    (rc = t_count(t, m->branch, &nm, m->category, 1)) != 0 ||
		    (rc = t_search_set(t, nm.id, m->idcard, m->phone, cause)) != 0)
			return rc;
		if ((rc = give_meta(t, &m->meta, &nm, cause)) != 0)
			return rc;
		return t_audit_rec(t, AU_CREATE, AUK_MEMBER, NULL, m, NULL, cause);
	}

	rc = t_idcard_find(t, m->idcard, &holder, &mrc);
	if (rc == 0 && holder != m->meta.id)
		return dup_idcard(t, m->idcard, holder, cause);
	if (rc != 0 && rc != STORE_ENOTFOUND)
		return t_read_rc(t, rc, mrc, cause);

	if ((old = malloc(sizeof *old)) == NULL)
		return t_fail(t, ENOMEM, cause);
	if ((rc = t_member_for_change(t, m->meta.id, m->meta.version, 1, old,
	    cause)) != 0)
		goto out;
	if (t->s->scope != 0 && !in_scope(t->s, t->txn, old->branch)) {
		cause_set(cause, SCOPE_TEXT);
		rc = STORE_ERULE;
		goto out;
	}
	if (old->branch != m->branch) {
		cause_set(cause, "改变所在党支部请使用移动");
		rc = STORE_EINVAL;
		goto out;
	}
	stamp_update(t, &nm, &old->meta, &m->meta);
	if ((rc = t_rev_on_save(t, &old->meta, &m->meta,
	    member_edit_differs(old, m), &nm, &reset, cause)) != 0)
		goto out;
	if ((rc = t_write_member(t, &nm, m, 0, cause)) != 0 ||
	    (rc = t_count(t, old->branch, &old->meta, old->category, -1)) != 0 ||
	    (rc = t_count(t, m->branch, &nm, m->category, 1)) != 0)
		goto out;
	if (strcmp(old->idcard, m->idcard) != 0 &&
	    ((rc = t_del_name(t, DB_IDCARD, old->idcard, nm.id, cause)) != 0 ||
	    (rc = t_put_name(t, DB_IDCARD, m->idcard, nm.id, cause)) != 0))
		goto out;
	if (strcmp(old->name, m->name) != 0 &&
	    ((rc = t_del_name(t, DB_NAMES, old->name, nm.id, cause)) != 0 ||
	    (rc = t_put_name(t, DB_NAMES, m->name, nm.id, cause)) != 0 ||
	    (rc = t_initials(t, old->name, nm.id, 1, cause)) != 0 ||
	    (rc = t_initials(t, m->name, nm.id, 0, cause)) != 0))
		goto out;
	if ((strcmp(old->idcard, m->idcard) != 0 || strcmp(old->phone, m->phone) != 0) &&
	    (rc = t_search_set(t, nm.id, m->idcard, m->phone, cause)) != 0)
		goto out;
	if ((rc = give_meta(t, &m->meta, &nm, cause)) == 0)
		rc = t_audit_rec(t, t->au_undo ? AU_UNDO : AU_UPDATE, AUK_MEMBER, old,
		    m, t->au_undo_text, cause);
	if (rc == 0 && reset)
		rc = t_audit_rec(t, AU_REVIEW, AUK_MEMBER, m, m, REV_RESET_TEXT, cause);
out:
	free(old);
	return rc;
}

int
store_txn_org_get(struct store_txn *t, uint64_t id, struct org *out)
{
	int rc, mrc;

	if (t == NULL || out == NULL)
		return STORE_EINVAL;
	if (t->fatal)
		return STORE_EIO;
	rc = load_org(t->s, t->txn, id, out, &mrc);
	if (rc == 0 && t->s->scope != 0 && !in_scope(t->s, t->txn, id))
		rc = STORE_ENOTFOUND;
	return rc == STORE_EIO ? t_read_rc(t, rc, mrc, NULL) : rc;
}

int
store_txn_member_get(struct store_txn *t, uint64_t id, struct member *out)
{
	int rc, mrc;

	if (t == NULL || out == NULL)
		return STORE_EINVAL;
	if (t->fatal)
		return STORE_EIO;
	rc = load_member(t->s, t->txn, id, out, &mrc);
	if (rc == 0 && t->s->scope != 0 && !in_scope(t->s, t->txn, out->branch))
		rc = STORE_ENOTFOUND;
	return rc == STORE_EIO ? t_read_rc(t, rc, mrc, NULL) : rc;
}

int
store_txn_org_by_name(struct store_txn *t, const char *name, uint64_t *id)
{
	int rc, mrc;

	if (t == NULL || id == NULL)
		return STORE_EINVAL;
	if (t->fatal)
		return STORE_EIO;
	rc = lookup_str(t->txn, t->s->dbi[DB_ORGNAMES], name, id, &mrc);
	if (rc == 0 && t->s->scope != 0 && !in_scope(t->s, t->txn, *id))
		rc = STORE_ENOTFOUND;
	return rc == STORE_EIO ? t_read_rc(t, rc, mrc, NULL) : rc;
}

int
store_txn_member_by_idcard(struct store_txn *t, const char *idcard, uint64_t *id)
{
	int rc, mrc;

	if (t == NULL || id == NULL)
		return STORE_EINVAL;
	if (t->fatal)
		return STORE_EIO;
	rc = t_idcard_find(t, idcard, id, &mrc);
	if (rc == 0 && t->s->scope != 0 && !member_in_scope(t->s, t->txn, *id))
		rc = STORE_ENOTFOUND;
	return rc == STORE_EIO ? t_read_rc(t, rc, mrc, NULL) : rc;
}

static void
t_reset(struct store_txn *t)
{
	t->now = (int64_t)time(NULL);
	t->next_loaded = t->next_dirty = 0;
	t->fatal = 0;
	t->mdb_rc = 0;
	t_undo_clear(t);
	t->br_id = 0;
	t->last_ok = 0;
	t->n_cnt = 0;
	t->n_rv = 0;
	t->sb.loaded = t->sb.dirty = 0;
	memset(t->cur, 0, sizeof t->cur);
	defer_clear(&t->df);
	defer_clear(&t->dd);
	t->dpos = 0;
	t->idb_built = 0;
	t->idb_last_len = 0;
	t_audit_reset(t);
}

static int
grow_map(struct store *s)
{
	MDB_envinfo info;
	int mrc;

	if ((mrc = mdb_env_info(s->env, &info)) != 0)
		return mrc;
	warm_end(s);
	return mdb_env_set_mapsize(s->env, info.me_mapsize * 2);
}

/* What writing and the audit chain need, got the first time they are
 * needed rather than at open: a read-only command (find, list, export's
 * reads) never pays for libcrypto's SHA-256 set-up (its provider tables,
 * about half of a whole-ID `caiji find`) or the password database.  The
 * login is the effective user's, unless store_set_user named one. */
static int
store_ready(struct store *s, char **cause)
{
	if (s->user[0] == '\0') {
		struct passwd *pw = getpwuid(geteuid());

		rec_strcpy(s->user, sizeof s->user, pw ? pw->pw_name : "unknown");
	}
	if (digest_available() != 0) {
		cause_set(cause, "无法使用 SHA-256(libcrypto)");
		return STORE_EIO;
	}
	return 0;
}

int
store_write(struct store *s, int (*fn)(struct store_txn *t, void *ud),
    void *ud, char **cause)
{
	struct store_txn t;
	int rc = 0, mrc = 0, dead;

	if (cause != NULL)
		*cause = NULL;
	if (s == NULL || fn == NULL)
		return STORE_EINVAL;
	if ((rc = store_ready(s, cause)) != 0)
		return rc;
	if (s->flags & STORE_RDONLY) {
		cause_set(cause, "数据库以只读方式打开");
		return STORE_EINVAL;
	}
	if (s->held != NULL) {      /* a write would not see, nor grow, past it */
		cause_set(cause, "%s", store_strerror(STORE_EINVAL));
		return STORE_EINVAL;
	}
	memset(&t, 0, sizeof t);
	t.s = s;
	for (;;) {
		mdb_reader_check(s->env, &dead);
		mrc = mdb_txn_begin(s->env, NULL, 0, &t.txn);
		if (mrc == MDB_MAP_RESIZED) {
			warm_end(s);
			if ((mrc = mdb_env_set_mapsize(s->env, 0)) != 0)
				goto mdb_err;
			continue;
		}
		if (mrc != 0)
			goto mdb_err;
		t_reset(&t);
		rc = fn(&t, ud);
		if (rc == 0 && !t.fatal)
			t_flush(&t);
		if (t.fatal || rc != 0) {
			mdb_txn_abort(t.txn);
			t.txn = NULL;
			t_undo_apply(&t);
			if (t.fatal && t.mdb_rc == MDB_MAP_FULL) {
				if (cause != NULL) {
					free(*cause);
					*cause = NULL;
				}
				if ((mrc = grow_map(s)) != 0)
					goto mdb_err;
				continue;
			}
			if (t.fatal) {
				mrc = t.mdb_rc;
				goto mdb_err;
			}
			goto out;
		}
		mrc = mdb_txn_commit(t.txn);
		t.txn = NULL;
		if (mrc == MDB_MAP_FULL) {
			t_undo_apply(&t);
			if ((mrc = grow_map(s)) != 0)
				goto mdb_err;
			continue;
		}
		if (mrc != 0) {
			t_undo_apply(&t);
			goto mdb_err;
		}
		rc = 0;
		goto out;
	}
mdb_err:
	rc = STORE_EIO;
	if (cause != NULL) {
		free(*cause);
		*cause = NULL;
	}
	mdb_cause(cause, mrc);
out:
	free(t.undo);
	free(t.uset);
	free(t.b.p);
	free(t.sb.p);
	free(t.vr);
	defer_free(&t.df);
	defer_free(&t.dd);
	free(t.idb);
	t_audit_free(&t);
	default_cause(cause, rc);
	return rc;
}

/* ---- single-record writes: one store_write each ---- */

struct one {
	void *rec;
	uint64_t id, version, target, before;
	int reason, delta;
	const char *note;
	char **cause;
	uint64_t *seq_out;          /* shifts: the new seq */
};

static int
one_org_save(struct store_txn *t, void *ud)
{
	struct one *a = ud;

	return store_txn_org_save(t, a->rec, a->cause);
}

static int
one_member_save(struct store_txn *t, void *ud)
{
	struct one *a = ud;

	return store_txn_member_save(t, a->rec, a->cause);
}

int
store_org_save(struct store *s, struct org *o, char **cause)
{
	struct one a = { .rec = o, .cause = cause };

	return store_write(s, one_org_save, &a, cause);
}

int
store_member_save(struct store *s, struct member *m, char **cause)
{
	struct one a = { .rec = m, .cause = cause };

	return store_write(s, one_member_save, &a, cause);
}

/* ---- saves that merge (store_*_save_merge) ---- */

struct merge_job {
	int org;
	void *rec, *work, *old;
	struct store_merge *mg;
	char **cause;
};

/* Copy a member or an organisation (its units deep); 0 or -1 (memory). */
static int
rec_copy(int org, void *dst, const void *src)
{
	if (org)
		return org_copy(dst, src);
	memcpy(dst, src, sizeof(struct member));
	return 0;
}

static int
one_save_merge(struct store_txn *t, void *ud)
{
	struct merge_job *j = ud;
	struct store_merge *mg = j->mg;
	struct rec_meta *meta = j->work, *old = j->old;
	size_t n;
	int rc;

	/* rec_meta is the first member of both structs */
	if (rec_copy(j->org, j->work, j->rec) != 0)
		return t_fail(t, ENOMEM, j->cause);
	old->id = 0;
	memset(&mg->r, 0, sizeof mg->r);
	if (meta->id != 0) {
		rc = j->org ? t_org_for_change(t, meta->id, 0, 0, j->old, j->cause) :
		    t_member_for_change(t, meta->id, 0, 0, j->old, j->cause);
		if (rc != 0)
			return rc;
		if (old->version != meta->version && mg->base != NULL) {
			n = j->org ? merge_org(j->work, mg->base, j->old, &mg->r) :
			    merge_member(j->work, mg->base, j->old, &mg->r);
			if (mg->theirs != NULL &&
			    rec_copy(j->org, mg->theirs, j->old) != 0)
				return t_fail(t, ENOMEM, j->cause);
			if (n > 0)
				return conflict(old, meta->version, j->cause);
			meta->version = old->version;
			if (mg->settle != NULL)
				mg->settle(j->work, mg->ud);
		}
	}
	rc = j->org ? store_txn_org_save(t, j->work, j->cause) :
	    store_txn_member_save(t, j->work, j->cause);
	if (rc == 0 && old->id != 0) {
		/* a save keeps the stored removal mark: the caller sees it */
		meta->removed = old->removed;
		meta->removed_at = old->removed_at;
		memcpy(meta->removed_note, old->removed_note, sizeof meta->removed_note);
		memcpy(meta->removed_by, old->removed_by, sizeof meta->removed_by);
	}
	return rc;
}

static int
save_merge(struct store *s, int org, void *rec, struct store_merge *mg,
    char **cause)
{
	size_t size = org ? sizeof(struct org) : sizeof(struct member);
	struct merge_job j = { .org = org, .rec = rec, .mg = mg, .cause = cause };
	int rc;

	if (cause != NULL)
		*cause = NULL;
	if (rec == NULL || mg == NULL)
		return STORE_EINVAL;
	/* zeroed: an org's unit arrays start empty (org_init, but for
	 * stat_count, which every copy and load sets) */
	j.work = calloc(1, size);
	j.old = calloc(1, size);
	if (j.work == NULL || j.old == NULL) {
		cause_set(cause, "内存不足");
		rc = STORE_EIO;
	} else if ((rc = store_write(s, one_save_merge, &j, cause)) == 0 &&
	    rec_copy(org, rec, j.work) != 0) {
		cause_set(cause, "内存不足");
		rc = STORE_EIO;
	}
	if (org) {
		org_free(j.work);
		org_free(j.old);
	}
	free(j.work);
	free(j.old);
	return rc;
}

int
store_member_save_merge(struct store *s, struct member *m,
    struct store_merge *mg, char **cause)
{
	return save_merge(s, 0, m, mg, cause);
}

int
store_org_save_merge(struct store *s, struct org *o, struct store_merge *mg,
    char **cause)
{
	return save_merge(s, 1, o, mg, cause);
}

static void
bump(struct store_txn *t, struct rec_meta *m)
{
	m->version++;
	m->changed_at = t->now;
	rec_strcpy(m->changed_by, sizeof m->changed_by, t->s->user);
}

/* The name of organisation id (顶层 for 0) for audit texts. */
static void
org_name_of(struct store_txn *t, uint64_t id, char *out, size_t n)
{
	struct org *o;
	int mrc;

	if (id == 0) {
		snprintf(out, n, "顶层");
		return;
	}
	o = malloc(sizeof *o);
	if (o != NULL && load_org_how(t->s, t->txn, id, o, &mrc, LOAD_HEAD) == 0)
		snprintf(out, n, "%s", o->name);
	else
		snprintf(out, n, "编号 %" PRIu64, id);
	free(o);
}

/* May member m go to branch target (its own: a reorder)?  A reviewed
 * member is locked to its branch. */
static int
t_member_move_ok(struct store_txn *t, const struct member *m, uint64_t target,
    char **cause)
{
	if (target != m->branch && m->meta.review == REV_REVIEWED) {
		cause_set(cause, "%s: %s", m->name, STORE_LOCKED_TEXT);
		return STORE_ELOCKED;
	}
	return t_check_branch(t, target, cause);
}

/* May org id go under target, another parent than its own? */
static int
t_org_move_ok(struct store_txn *t, uint64_t id, uint64_t target, char **cause)
{
	int rc, within;

	if ((rc = t_is_within(t, target, id, &within, cause)) != 0)
		return rc;
	if (within) {
		cause_set(cause, "不能把党组织移到它自己或它的下级之下");
		return STORE_ERULE;
	}
	return t_check_parent(t, target, cause);
}

/* Move a member (org 0) to branch a->target (0: its own) or an
 * organisation (org 1) under parent a->target, placed before a->before:
 * its list entry moves; a change of branch or parent also bumps and
 * writes the record (and, for a member, moves its counts). */
static int
t_move(struct store_txn *t, struct one *a, int org)
{
	char text[REC_TEXT_MAX * 2 + 64], fn[REC_TEXT_MAX], tn[REC_TEXT_MAX];
	struct member *m = NULL;
	struct org *o = NULL;
	struct rec_meta *meta;
	uint64_t *owner, target;
	int rc, db = org ? DB_CHILDREN : DB_BRANCH;
	int kind = org ? AUK_ORG : AUK_MEMBER;

	meta = org ? (struct rec_meta *)(o = org_new()) :
	    (struct rec_meta *)(m = malloc(sizeof *m));
	if (meta == NULL)
		return t_fail(t, ENOMEM, a->cause);
	rc = org ? t_org_for_change(t, a->id, a->version, 1, o, a->cause) :
	    t_member_for_change(t, a->id, a->version, 1, m, a->cause);
	if (rc != 0 || a->before == a->id)
		goto out;
	owner = org ? &o->parent : &m->branch;
	target = org || a->target != 0 ? a->target : *owner;
	if (org)
		rc = target != *owner ? t_org_move_ok(t, a->id, target, a->cause) : 0;
	else
		rc = t_member_move_ok(t, m, target, a->cause);
	if (rc != 0)
		goto out;
	if ((rc = t_list_remove(t, db, *owner, a->id, a->cause)) != 0 ||
	    (rc = t_list_insert(t, db, target, a->id, a->before, a->cause)) != 0)
		goto out;
	if (target == *owner) {
		rc = t_audit_rec(t, AU_REORDER, kind, NULL, meta, "调整顺序",
		    a->cause);
		goto out;
	}
	if (!org && ((rc = t_count(t, *owner, meta, m->category, -1)) != 0 ||
	    (rc = t_count(t, target, meta, m->category, 1)) != 0))
		goto out;
	org_name_of(t, *owner, fn, sizeof fn);
	org_name_of(t, target, tn, sizeof tn);
	snprintf(text, sizeof text, org ? "从 %s 之下移到 %s 之下" :
	    "从 %s 移到 %s", fn, tn);
	*owner = target;
	bump(t, meta);
	rc = org ? t_write_org(t, meta, o, a->cause) :
	    t_write_member(t, meta, m, 0, a->cause);
	if (rc == 0)
		rc = t_audit_rec(t, AU_MOVE, kind, NULL, meta, text, a->cause);
out:
	if (org)
		org_delete(o);
	else
		free(m);
	return rc;
}

static int
one_member_move(struct store_txn *t, void *ud)
{
	return t_move(t, ud, 0);
}

static int
one_org_move(struct store_txn *t, void *ud)
{
	return t_move(t, ud, 1);
}

/* Run a move of id (seen at version) through fn. */
static int
move(struct store *s, uint64_t id, uint64_t version, uint64_t target,
    uint64_t before, int (*fn)(struct store_txn *, void *), char **cause)
{
	struct one a = { .id = id, .version = version, .target = target,
	    .before = before, .cause = cause };

	return store_write(s, fn, &a, cause);
}

int
store_member_move(struct store *s, uint64_t id, uint64_t version,
    uint64_t branch, uint64_t before, char **cause)
{
	return move(s, id, version, branch, before, one_member_move, cause);
}

/* Swap id with its nearest present (not removed) neighbour in the list:
 * two puts, whatever the list's length (hint: see t_list_locate).  *seq_out
 * (when not NULL) is id's new seq. */
static int
t_list_shift(struct store_txn *t, int db, uint64_t owner, uint64_t id, int delta,
    uint64_t hint, uint64_t *seq_out, char **cause)
{
	MDB_cursor *cur = NULL;
	MDB_val key, val, rec;
	unsigned char k[16], v[8];
	uint64_t seq, seq2 = 0, id2 = 0;
	int rc, mrc, found = 0;

	t_list_forget(t);
	if ((mrc = mdb_cursor_open(t->txn, t->s->dbi[db], &cur)) != 0)
		return t_fail(t, mrc, cause);
	if ((rc = t_list_locate(t, cur, owner, id, hint, &seq, cause)) != 0)
		goto out;
	while ((mrc = mdb_cursor_get(cur, &key, &val,
	    delta < 0 ? MDB_PREV : MDB_NEXT)) == 0) {
		struct rec_meta meta;

		if (key.mv_size != 16 || get_be64(key.mv_data) != owner)
			break;
		if (val.mv_size != 8)
			continue;
		id2 = get_be64(val.mv_data);
		mrc = get_id(t->txn, t->s->dbi[db == DB_BRANCH ? DB_MEMBERS : DB_ORGS],
		    id2, &rec);
		if (mrc == MDB_NOTFOUND)
			continue;
		if (mrc != 0)
			break;
		memset(&meta, 0, sizeof meta);
		if (dec_items(rec.mv_data, rec.mv_size, NULL, NULL, 0, 0, &meta) == 0 &&
		    meta.removed != RM_NONE)
			continue;
		seq2 = get_be64((unsigned char *)key.mv_data + 8);
		found = 1;
		break;
	}
	if (mrc != 0 && mrc != MDB_NOTFOUND) {
		rc = t_fail(t, mrc, cause);
		goto out;
	}
	if (!found) {
		cause_set(cause, delta < 0 ? "已在最前" : "已在最后");
		rc = STORE_EINVAL;
		goto out;
	}
	list_key(k, owner, seq);
	put_be64(v, id2);
	if ((rc = t_put(t, db, k, 16, v, 8, 0, cause)) != 0)
		goto out;
	list_key(k, owner, seq2);
	put_be64(v, id);
	if ((rc = t_put(t, db, k, 16, v, 8, 0, cause)) != 0)
		goto out;
	if (seq_out != NULL)
		*seq_out = seq2;
out:
	mdb_cursor_close(cur);
	return rc;
}

static int
one_member_shift(struct store_txn *t, void *ud)
{
	struct one *a = ud;
	struct member *m;
	int rc;

	if (a->target != 0)         /* the caller said where it saw the member */
		return t_list_shift(t, DB_BRANCH, a->target, a->id, a->delta,
		    a->before, a->seq_out, a->cause);
	if ((m = malloc(sizeof *m)) == NULL)
		return t_fail(t, ENOMEM, a->cause);
	if ((rc = t_member_for_change(t, a->id, 0, 0, m, a->cause)) == 0 &&
	    (rc = t_list_shift(t, DB_BRANCH, m->branch, a->id, a->delta, 0,
	    a->seq_out, a->cause)) == 0)
		rc = t_audit_rec(t, AU_REORDER, AUK_MEMBER, NULL, m,
		    a->delta < 0 ? "上移" : "下移", a->cause);
	free(m);
	return rc;
}

/* Run a one-step shift (delta -1 or +1) of id through fn. */
static int
shift(struct store *s, uint64_t id, int delta,
    int (*fn)(struct store_txn *, void *), char **cause)
{
	struct one a = { .id = id, .delta = delta, .cause = cause };

	if (delta != -1 && delta != 1) {
		if (cause != NULL) {
			*cause = NULL;
			cause_set(cause, "%s", store_strerror(STORE_EINVAL));
		}
		return STORE_EINVAL;
	}
	return store_write(s, fn, &a, cause);
}

int
store_member_shift(struct store *s, uint64_t id, int delta, char **cause)
{
	return shift(s, id, delta, one_member_shift, cause);
}

int
store_member_shift_at(struct store *s, uint64_t id, uint64_t branch,
    uint64_t *seq, int delta, char **cause)
{
	struct one a = { .id = id, .delta = delta, .target = branch,
	    .before = *seq, .seq_out = seq, .cause = cause };

	if (branch == 0 || (delta != -1 && delta != 1)) {
		if (cause != NULL) {
			*cause = NULL;
			cause_set(cause, "%s", store_strerror(STORE_EINVAL));
		}
		return STORE_EINVAL;
	}
	return store_write(s, one_member_shift, &a, cause);
}

struct shifts {
	uint64_t branch;
	struct store_shift *moves;
	size_t n;
	char **cause;
};

static int
t_member_shifts(struct store_txn *t, void *ud)
{
	struct shifts *a = ud;
	size_t i;
	int rc = 0;

	for (i = 0; i < a->n && rc == 0; i++)
		rc = t_list_shift(t, DB_BRANCH, a->branch, a->moves[i].id,
		    a->moves[i].delta, a->moves[i].seq, &a->moves[i].seq, a->cause);
	return rc;
}

int
store_member_shifts_at(struct store *s, uint64_t branch, struct store_shift *moves,
    size_t n, char **cause)
{
	struct shifts a = { branch, moves, n, cause };
	size_t i;

	for (i = 0; i < n; i++)
		if (moves[i].delta != -1 && moves[i].delta != 1)
			break;
	if (branch == 0 || i < n) {
		if (cause != NULL) {
			*cause = NULL;
			cause_set(cause, "%s", store_strerror(STORE_EINVAL));
		}
		return STORE_EINVAL;
	}
	if (n == 0)
		return 0;
	return store_write(s, t_member_shifts, &a, cause);
}

static int
one_org_shift(struct store_txn *t, void *ud)
{
	struct one *a = ud;
	struct org *o = org_new();
	int rc;

	if (o == NULL)
		return t_fail(t, ENOMEM, a->cause);
	if ((rc = t_org_for_change(t, a->id, 0, 0, o, a->cause)) == 0 &&
	    (rc = t_list_shift(t, DB_CHILDREN, o->parent, a->id, a->delta, 0,
	    NULL, a->cause)) == 0)
		rc = t_audit_rec(t, AU_REORDER, AUK_ORG, NULL, o,
		    a->delta < 0 ? "上移" : "下移", a->cause);
	org_delete(o);
	return rc;
}

int
store_org_shift(struct store *s, uint64_t id, int delta, char **cause)
{
	return shift(s, id, delta, one_org_shift, cause);
}

int
store_org_move(struct store *s, uint64_t id, uint64_t version,
    uint64_t parent, uint64_t before, char **cause)
{
	return move(s, id, version, parent, before, one_org_move, cause);
}

/* Does org id still hold present members or present child orgs? */
static int
t_org_occupied(struct store_txn *t, uint64_t id, int *occupied, char **cause)
{
	struct idlist l = { 0 };
	MDB_val val;
	size_t i;
	int rc, mrc, db;

	*occupied = 0;
	for (db = 0; db < 2 && !*occupied; db++) {
		int list = db == 0 ? DB_CHILDREN : DB_BRANCH;
		int recs = db == 0 ? DB_ORGS : DB_MEMBERS;

		l.n = 0;
		if ((rc = list_read(t->txn, t->s->dbi[list], id, &l, &mrc)) != 0) {
			idlist_free(&l);
			return t_read_rc(t, rc, mrc, cause);
		}
		for (i = 0; i < l.n && !*occupied; i++) {
			struct rec_meta meta;

			mrc = get_id(t->txn, t->s->dbi[recs], l.id[i], &val);
			if (mrc == MDB_NOTFOUND)
				continue;
			if (mrc != 0) {
				idlist_free(&l);
				return t_fail(t, mrc, cause);
			}
			memset(&meta, 0, sizeof meta);
			if (dec_items(val.mv_data, val.mv_size, NULL, NULL, 0, 0, &meta) != 0)
				continue;
			if (meta.removed == RM_NONE)
				*occupied = 1;
		}
	}
	idlist_free(&l);
	return 0;
}

static int
set_removed(struct store_txn *t, struct rec_meta *m, int reason, const char *note)
{
	bump(t, m);
	m->removed = reason;
	rec_strcpy(m->removed_note, sizeof m->removed_note, note ? note : "");
	m->removed_at = t->now;
	rec_strcpy(m->removed_by, sizeof m->removed_by, t->s->user);
	return 0;
}

static void
clear_removed(struct store_txn *t, struct rec_meta *m)
{
	bump(t, m);
	m->removed = RM_NONE;
	m->removed_note[0] = '\0';
	m->removed_at = 0;
	m->removed_by[0] = '\0';
}

/* Removing needs a present record, restoring (a->reason RM_NONE) a removed
 * one; otherwise STORE_EINVAL naming the record. */
static int
removal_allowed(const struct rec_meta *meta, const char *name, const struct one *a)
{
	if (meta->review == REV_REVIEWED) {
		cause_set(a->cause, "%s: %s", name, STORE_LOCKED_TEXT);
		return STORE_ELOCKED;
	}
	if (a->reason == RM_NONE && meta->removed == RM_NONE) {
		cause_set(a->cause, "%s 未被移除", name);
		return STORE_EINVAL;
	}
	if (a->reason != RM_NONE && meta->removed != RM_NONE) {
		cause_set(a->cause, "%s 已移除", name);
		return STORE_EINVAL;
	}
	return 0;
}

/* Set or clear the removal mark as a asks. */
static void
apply_removal(struct store_txn *t, struct rec_meta *meta, const struct one *a)
{
	if (a->reason == RM_NONE)
		clear_removed(t, meta);
	else
		set_removed(t, meta, a->reason, a->note);
}

/* The audit entry of a removal (with its reason and note) or a restore. */
static int
t_audit_removal(struct store_txn *t, int kind, const void *rec,
    const struct one *a)
{
	char text[REC_NOTE_MAX + 64];

	if (a->reason == RM_NONE)
		return t_audit_rec(t, AU_RESTORE, kind, NULL, rec, NULL, a->cause);
	snprintf(text, sizeof text, "原因: %s%s%s", rec_removal_label(a->reason),
	    a->note != NULL && *a->note ? "; 说明: " : "", a->note ? a->note : "");
	return t_audit_rec(t, AU_REMOVE, kind, NULL, rec, text, a->cause);
}

static int
one_member_remove(struct store_txn *t, void *ud)
{
	struct one *a = ud;
	struct member *m = malloc(sizeof *m);
	int rc;

	if (m == NULL)
		return t_fail(t, ENOMEM, a->cause);
	if ((rc = t_member_for_change(t, a->id, a->version, 1, m, a->cause)) != 0)
		goto out;
	if ((rc = removal_allowed(&m->meta, m->name, a)) != 0)
		goto out;
	if (a->reason == RM_NONE &&
	    (rc = t_check_branch(t, m->branch, a->cause)) != 0)
		goto out;
	if ((rc = t_count(t, m->branch, &m->meta, m->category, -1)) != 0)
		goto out;
	apply_removal(t, &m->meta, a);
	if ((rc = t_count(t, m->branch, &m->meta, m->category, 1)) != 0)
		goto out;
	if ((rc = t_write_member(t, &m->meta, m, 0, a->cause)) == 0)
		rc = t_audit_removal(t, AUK_MEMBER, m, a);
out:
	free(m);
	return rc;
}

static int
check_reason(int reason, char **cause)
{
	if (reason < RM_TRANSFER || reason > RM_OTHER) {
		if (cause != NULL) {
			*cause = NULL;
			cause_set(cause, "移除原因无效");
		}
		return STORE_EINVAL;
	}
	return 0;
}

/* Through fn: mark id removed with reason and note when removing, else
 * restore it (reason RM_NONE). */
static int
mark(struct store *s, uint64_t id, uint64_t version, int removing, int reason,
    const char *note, int (*fn)(struct store_txn *, void *), char **cause)
{
	struct one a = { .id = id, .version = version, .reason = reason,
	    .note = note, .cause = cause };

	if (removing && check_reason(reason, cause) != 0)
		return STORE_EINVAL;
	return store_write(s, fn, &a, cause);
}

int
store_member_remove(struct store *s, uint64_t id, uint64_t version,
    int reason, const char *note, char **cause)
{
	return mark(s, id, version, 1, reason, note, one_member_remove, cause);
}

int
store_member_restore(struct store *s, uint64_t id, uint64_t version, char **cause)
{
	return mark(s, id, version, 0, RM_NONE, NULL, one_member_remove, cause);
}

static int
one_org_remove(struct store_txn *t, void *ud)
{
	struct one *a = ud;
	struct org *o = org_new();
	int rc, occupied;

	if (o == NULL)
		return t_fail(t, ENOMEM, a->cause);
	if ((rc = t_org_for_change(t, a->id, a->version, 1, o, a->cause)) != 0)
		goto out;
	if ((rc = removal_allowed(&o->meta, o->name, a)) != 0)
		goto out;
	if (a->reason == RM_NONE) {
		if ((rc = t_check_parent(t, o->parent, a->cause)) != 0)
			goto out;
	} else {
		if ((rc = t_org_occupied(t, a->id, &occupied, a->cause)) != 0)
			goto out;
		if (occupied) {
			cause_set(a->cause, "%s 下还有未移除的党员或下级党组织，"
			    "请先移除或移走", o->name);
			rc = STORE_ERULE;
			goto out;
		}
	}
	apply_removal(t, &o->meta, a);
	if (t->br_id == a->id)
		t->br_id = 0;
	if ((rc = t_write_org(t, &o->meta, o, a->cause)) == 0)
		rc = t_audit_removal(t, AUK_ORG, o, a);
out:
	org_delete(o);
	return rc;
}

int
store_org_remove(struct store *s, uint64_t id, uint64_t version,
    int reason, const char *note, char **cause)
{
	return mark(s, id, version, 1, reason, note, one_org_remove, cause);
}

int
store_org_restore(struct store *s, uint64_t id, uint64_t version, char **cause)
{
	return mark(s, id, version, 0, RM_NONE, NULL, one_org_remove, cause);
}

/* ---- operator statistics (opstats) ---- */

/* Key: login, NUL, day (YYYY-MM-DD); value: OPSTAT_N u64 little-endian. */
enum { OPSTAT_N = 6 };

static size_t
opstat_key(const struct store_opstat *o, char *k, size_t size)
{
	size_t ul = strnlen(o->user, sizeof o->user), dl = strnlen(o->day, sizeof o->day);

	if (ul + 1 + dl > size)
		return 0;
	memcpy(k, o->user, ul);
	k[ul] = '\0';
	memcpy(k + ul + 1, o->day, dl);
	return ul + 1 + dl;
}

static void
opstat_vals(const struct store_opstat *o, uint64_t *v)
{
	v[0] = o->created;
	v[1] = o->changed;
	v[2] = o->keys;
	v[3] = o->ms;
	v[4] = o->corrected;
	v[5] = o->errors;
}

static int
t_opstat_add(struct store_txn *t, void *ud)
{
	const struct store_opstat *add = ud;
	char k[REC_SHORT_MAX + 16];
	unsigned char buf[OPSTAT_N * 8];
	uint64_t v[OPSTAT_N], now[OPSTAT_N] = { 0 };
	MDB_val old;
	size_t kl = opstat_key(add, k, sizeof k), i;
	int mrc;

	if (kl == 0)
		return STORE_EINVAL;
	if ((mrc = t_old(t, DB_OPSTATS, (unsigned char *)k, kl, &old)) != 0)
		return t_fail(t, mrc, NULL);
	for (i = 0; i < OPSTAT_N && old.mv_size >= (i + 1) * 8; i++)
		now[i] = get_le((const unsigned char *)old.mv_data + i * 8, 8);
	opstat_vals(add, v);
	for (i = 0; i < OPSTAT_N; i++)
		put_le(buf + i * 8, now[i] + v[i], 8);
	return t_put(t, DB_OPSTATS, k, kl, buf, sizeof buf, 0, NULL);
}

int
store_opstat_add(struct store *s, const struct store_opstat *add, char **cause)
{
	if (s == NULL || add == NULL || add->user[0] == '\0' || add->day[0] == '\0')
		return STORE_EINVAL;
	return store_write(s, t_opstat_add, (void *)add, cause);
}

int
store_opstat_each(struct store *s, const char *since,
    int (*fn)(const struct store_opstat *o, void *ud), void *ud)
{
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val key, val;
	struct store_opstat o;
	uint64_t v[OPSTAT_N];
	const char *p;
	size_t ul, i;
	int rc = 0, mrc;

	if (s == NULL || fn == NULL)
		return STORE_EINVAL;
	if (rd_begin(s, &txn) != 0)
		return STORE_EIO;
	if (mdb_cursor_open(txn, s->dbi[DB_OPSTATS], &cur) != 0) {
		rc = STORE_EIO;
		goto out;
	}
	while ((mrc = mdb_cursor_get(cur, &key, &val, MDB_NEXT)) == 0) {
		p = memchr(key.mv_data, '\0', key.mv_size);
		if (p == NULL)
			continue;
		ul = (size_t)(p - (const char *)key.mv_data);
		memset(&o, 0, sizeof o);
		if (ul >= sizeof o.user || key.mv_size - ul - 1 >= sizeof o.day)
			continue;
		memcpy(o.user, key.mv_data, ul);
		memcpy(o.day, p + 1, key.mv_size - ul - 1);
		if (since != NULL && strcmp(o.day, since) < 0)
			continue;
		for (i = 0; i < OPSTAT_N; i++)
			v[i] = val.mv_size >= (i + 1) * 8 ?
			    get_le((const unsigned char *)val.mv_data + i * 8, 8) : 0;
		o.created = v[0];
		o.changed = v[1];
		o.keys = v[2];
		o.ms = v[3];
		o.corrected = v[4];
		o.errors = v[5];
		if ((rc = fn(&o, ud)) != 0)
			goto out;
	}
	if (mrc != MDB_NOTFOUND)
		rc = STORE_EIO;
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	return rc;
}

/* ---- settings of this database (issue 14.12) ---- */

#define SETTING_PREFIX "set."

struct setting_put {
	char key[sizeof SETTING_PREFIX + STORE_SETTING_NAME_MAX];
	size_t kl;
	const char *value;
};

static size_t
setting_key(const char *name, char *k, size_t size)
{
	size_t n = strlen(name);

	if (n == 0 || n > STORE_SETTING_NAME_MAX || sizeof SETTING_PREFIX - 1 + n >= size)
		return 0;
	memcpy(k, SETTING_PREFIX, sizeof SETTING_PREFIX - 1);
	memcpy(k + sizeof SETTING_PREFIX - 1, name, n);
	return sizeof SETTING_PREFIX - 1 + n;
}

static int
t_setting_put(struct store_txn *t, void *ud)
{
	const struct setting_put *p = ud;

	return t_put(t, DB_META, p->key, p->kl, p->value, strlen(p->value), 0, NULL);
}

int
store_setting_get(struct store *s, const char *name, char *buf, size_t size)
{
	char k[sizeof SETTING_PREFIX + STORE_SETTING_NAME_MAX];
	MDB_val key, val;
	MDB_txn *txn = NULL;
	int rc = 0, mrc;

	if (s == NULL || name == NULL || buf == NULL || size == 0 ||
	    (key.mv_size = setting_key(name, k, sizeof k)) == 0)
		return STORE_EINVAL;
	key.mv_data = k;
	buf[0] = '\0';
	if (rd_begin(s, &txn) != 0)
		return STORE_EIO;
	mrc = mdb_get(txn, s->dbi[DB_META], &key, &val);
	if (mrc == MDB_NOTFOUND)
		rc = STORE_ENOTFOUND;
	else if (mrc != 0)
		rc = STORE_EIO;
	else if (val.mv_size >= size || memchr(val.mv_data, '\0', val.mv_size) != NULL)
		rc = STORE_EINVAL;        /* too long for buf: not a cut value */
	else {
		memcpy(buf, val.mv_data, val.mv_size);
		buf[val.mv_size] = '\0';
	}
	rd_end(s, txn);
	return rc;
}

int
store_setting_put(struct store *s, const char *name, const char *value, char **cause)
{
	struct setting_put p;

	if (s == NULL || name == NULL || value == NULL ||
	    strlen(value) > STORE_SETTING_VALUE_MAX ||
	    (p.kl = setting_key(name, p.key, sizeof p.key)) == 0)
		return STORE_EINVAL;
	p.value = value;
	return store_write(s, t_setting_put, &p, cause);
}

/* ---- double keying (verify) ---- */

/* Value: u8 done, i64 sampled_at, i64 done_at, u32 fields, agreed,
 * kept_first, took_second (little-endian), then sampled_by, how, first_by,
 * second_by, each NUL-terminated. */
static size_t
verify_enc(const struct store_verify *v, unsigned char *p, size_t size)
{
	const char *str[4] = { v->sampled_by, v->how, v->first_by, v->second_by };
	size_t n = 0, i, l;

	p[n++] = (unsigned char)(v->done != 0);
	put_le(p + n, (uint64_t)v->sampled_at, 8);
	n += 8;
	put_le(p + n, (uint64_t)v->done_at, 8);
	n += 8;
	put_le(p + n, v->fields, 4);
	put_le(p + n + 4, v->agreed, 4);
	put_le(p + n + 8, v->kept_first, 4);
	put_le(p + n + 12, v->took_second, 4);
	n += 16;
	for (i = 0; i < 4; i++) {
		l = strlen(str[i]);
		if (n + l + 1 > size)
			return 0;
		memcpy(p + n, str[i], l + 1);
		n += l + 1;
	}
	return n;
}

static int
verify_dec(const unsigned char *p, size_t len, struct store_verify *v)
{
	char *str[4] = { v->sampled_by, v->how, v->first_by, v->second_by };
	size_t sz[4] = { sizeof v->sampled_by, sizeof v->how, sizeof v->first_by,
	    sizeof v->second_by };
	size_t n = 33, i, l;

	if (len < n)
		return -1;
	v->done = p[0];
	v->sampled_at = (int64_t)get_le(p + 1, 8);
	v->done_at = (int64_t)get_le(p + 9, 8);
	v->fields = (uint32_t)get_le(p + 17, 4);
	v->agreed = (uint32_t)get_le(p + 21, 4);
	v->kept_first = (uint32_t)get_le(p + 25, 4);
	v->took_second = (uint32_t)get_le(p + 29, 4);
	for (i = 0; i < 4; i++) {
		const unsigned char *z = memchr(p + n, '\0', len - n);

		if (z == NULL)
			return -1;
		l = (size_t)(z - (p + n));
		rec_strcpy(str[i], sz[i], l < sz[i] ? (const char *)p + n : "");
		n += l + 1;
	}
	return 0;
}

static int
t_verify_put(struct store_txn *t, void *ud)
{
	const struct store_verify *v = ud;
	unsigned char k[16], buf[512];
	size_t n = verify_enc(v, buf, sizeof buf);

	if (n == 0)
		return STORE_EINVAL;
	put_be64(k, v->branch);
	put_be64(k + 8, v->member);
	return t_put(t, DB_VERIFY, k, 16, buf, n, 0, NULL);
}

int
store_verify_put(struct store *s, const struct store_verify *v, char **cause)
{
	if (s == NULL || v == NULL || v->branch == 0 || v->member == 0)
		return STORE_EINVAL;
	return store_write(s, t_verify_put, (void *)v, cause);
}

int
store_verify_each(struct store *s, uint64_t branch,
    int (*fn)(const struct store_verify *v, void *ud), void *ud)
{
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val key, val;
	unsigned char k[16];
	struct store_verify v;
	int rc = 0, mrc, op = MDB_FIRST;

	if (s == NULL || fn == NULL)
		return STORE_EINVAL;
	if (rd_begin(s, &txn) != 0)
		return STORE_EIO;
	if (mdb_cursor_open(txn, s->dbi[DB_VERIFY], &cur) != 0) {
		rc = STORE_EIO;
		goto out;
	}
	if (branch != 0) {
		put_be64(k, branch);
		memset(k + 8, 0, 8);
		key.mv_size = 16;
		key.mv_data = k;
		op = MDB_SET_RANGE;
	}
	for (; (mrc = mdb_cursor_get(cur, &key, &val, op)) == 0; op = MDB_NEXT) {
		if (key.mv_size != 16)
			continue;
		memset(&v, 0, sizeof v);
		v.branch = get_be64(key.mv_data);
		v.member = get_be64((const unsigned char *)key.mv_data + 8);
		if (branch != 0 && v.branch != branch)
			break;
		if (s->scope != 0 && !in_scope(s, txn, v.branch))
			continue;               /* another clerk's branch */
		if (verify_dec(val.mv_data, val.mv_size, &v) != 0)
			continue;
		if ((rc = fn(&v, ud)) != 0)
			goto out;
	}
	if (mrc != 0 && mrc != MDB_NOTFOUND)
		rc = STORE_EIO;
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	return rc;
}

/* ---- migrations ---- */

/*
 * One step per STORE_SCHEMA bump, in order: steps[i] upgrades schema
 * from to from + 1.  Schema 1 is the first; none yet.  Adding an optional
 * field needs no step (its tag is new; older records simply lack it, and
 * an older caiji carries it through its saves).
 */
static int t_schema2(struct store_txn *t, char **cause);
static int t_build_initials(struct store_txn *t, char **cause);
static int t_rev_rebuild(struct store_txn *t, char **cause);
static int t_marks_rebuild(struct store_txn *t, char **cause);

static const struct store_migration migrations[] = {
	{ 1, "每个党支部的党员人数（counts）和按身份证号、电话查找的索引（search）",
	    NULL, NULL, t_schema2 },
	{ 2, "按拼音首字母查找姓名的索引（initials）、录入员统计（opstats）和双录核对（verify）（后两者新建时为空）",
	    NULL, NULL, t_build_initials },
	{ 3, "审核流程（初核、复核）的每个党支部统计（review），记下各支部最后修改的时间和人",
	    NULL, NULL, t_rev_rebuild },
	{ 4, "每个党组织的问题标记（orgmarks），组织树启动时不再逐个检查党组织",
	    NULL, NULL, t_marks_rebuild },
	/* no record changes: units were already stored one by one; the bump
	 * makes builds that held at most 16 units refuse the database at
	 * open, clearly, instead of meeting a format 2 organisation (store.h
	 * "Evolution") that their export, print and check would skip */
	{ 5, "联合党支部的单位附页不再限于16个（较旧的 caiji 不再打开本数据库）",
	    NULL, NULL, NULL },
	/* no record changes either: members are written as format 3 from
	 * now on (issue 15), one by one as they are saved; the bump makes
	 * older builds refuse the database at open rather than one member at
	 * a time (store.h "Evolution") */
	{ 6, "党员记录改用更紧凑的格式 3（较旧的 caiji 不再打开本数据库）",
	    NULL, NULL, NULL },
	/* no record changes: the creations of one import or gen are one
	 * audit entry naming their id range (format 2, see the audit
	 * section); the bump makes older builds refuse the database instead
	 * of showing such an entry as its first record's only */
	{ 7, "一次导入或生成中新建的记录在审计记录中合为一条（较旧的 caiji 不再打开本数据库）",
	    NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL, NULL },  /* the end */
};

/* Fill the initials index from the name index (schema 2 -> 3). */
static int
t_build_initials(struct store_txn *t, char **cause)
{
	MDB_cursor *cur;
	MDB_val k, v;
	char name[REC_NAME_MAX];
	int mrc, rc = 0;

	if ((mrc = mdb_cursor_open(t->txn, t->s->dbi[DB_NAMES], &cur)) != 0)
		return t_fail(t, mrc, cause);
	while (rc == 0 && (mrc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		if (k.mv_size >= sizeof name || v.mv_size != 8)
			continue;
		memcpy(name, k.mv_data, k.mv_size);
		name[k.mv_size] = '\0';
		rc = t_initials(t, name, get_be64(v.mv_data), 0, cause);
	}
	mdb_cursor_close(cur);
	if (rc == 0 && mrc != MDB_NOTFOUND)
		return t_fail(t, mrc, cause);
	return rc;
}

struct migrate {
	const struct store_migration *steps;
	unsigned target;
	uint64_t *ids;
	size_t n, cap;
	struct member *m;
	struct org *o;
};

/* Every id of db (members or orgs), in key order. */
static int
t_all_ids(struct store_txn *t, int db, struct migrate *g, char **cause)
{
	MDB_cursor *cur;
	MDB_val k, v;
	int mrc;

	g->n = 0;
	if ((mrc = mdb_cursor_open(t->txn, t->s->dbi[db], &cur)) != 0)
		return t_fail(t, mrc, cause);
	while ((mrc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		if (k.mv_size != 8)
			continue;
		if (g->n == g->cap) {
			size_t cap = g->cap ? g->cap * 2 : 1024;
			uint64_t *p = realloc(g->ids, cap * sizeof *p);

			if (p == NULL) {
				mdb_cursor_close(cur);
				return t_fail(t, ENOMEM, cause);
			}
			g->ids = p;
			g->cap = cap;
		}
		g->ids[g->n++] = get_be64(k.mv_data);
	}
	mdb_cursor_close(cur);
	if (mrc != MDB_NOTFOUND)
		return t_fail(t, mrc, cause);
	return 0;
}

/* Run the pending steps in one write transaction: each record rewritten
 * through the step's functions (not a save: versions, times and users stay
 * as they were; unknown items are carried), then the new schema version. */
static int
t_migrate(struct store_txn *t, void *ud)
{
	struct migrate *g = ud;
	const struct store_migration *st;
	unsigned from = t->s->schema;
	unsigned char v[4];
	MDB_val key = { 6, (void *)"schema" }, val = { 4, v };
	char **cause = NULL;
	size_t i;
	int rc, mrc;

	for (; from < g->target; from++) {
		for (st = g->steps; st->what != NULL && st->from != from; st++)
			;
		if (st->what == NULL)
			return STORE_ESCHEMA;
		if (st->txn != NULL && (rc = st->txn(t, cause)) != 0)
			return rc;
		if (st->member != NULL) {
			if ((rc = t_all_ids(t, DB_MEMBERS, g, cause)) != 0)
				return rc;
			for (i = 0; i < g->n; i++) {
				if ((rc = load_member(t->s, t->txn, g->ids[i], g->m, &mrc)) != 0)
					return mrc ? t_fail(t, mrc, cause) : rc;
				/* from schema 2 on the counts exist: keep them */
				if (from >= 2 && (rc = t_count(t, g->m->branch, &g->m->meta,
				    g->m->category, -1)) != 0)
					return rc;
				st->member(g->m);
				if (from >= 2 && (rc = t_count(t, g->m->branch, &g->m->meta,
				    g->m->category, 1)) != 0)
					return rc;
				if ((rc = t_write_member(t, &g->m->meta, g->m, 0, cause)) != 0)
					return rc;
			}
		}
		if (st->org != NULL) {
			if ((rc = t_all_ids(t, DB_ORGS, g, cause)) != 0)
				return rc;
			for (i = 0; i < g->n; i++) {
				size_t old_n;

				if ((rc = load_org(t->s, t->txn, g->ids[i], g->o, &mrc)) != 0)
					return mrc ? t_fail(t, mrc, cause) : rc;
				old_n = g->o->n_units;
				st->org(g->o);
				if ((rc = t_write_org(t, &g->o->meta, g->o, cause)) != 0 ||
				    (rc = t_write_units(t, g->o->meta.id, old_n, g->o, cause)) != 0 ||
				    (from >= 3 && (rc = t_org_mark(t, g->o->meta.id, g->o,
				    cause)) != 0))
					return rc;
			}
		}
	}
	put_le(v, g->target, 4);
	if ((mrc = mdb_put(t->txn, t->s->dbi[DB_META], &key, &val, 0)) != 0)
		return t_fail(t, mrc, cause);
	return 0;
}

int
store_migrate(struct store *s, const struct store_migration *steps,
    unsigned target, char **cause)
{
	struct migrate g = { steps, target, NULL, 0, 0, NULL, NULL };
	int rc;

	if (s->schema >= target)
		return 0;
	g.m = malloc(sizeof *g.m);
	g.o = org_new();
	if (g.m == NULL || g.o == NULL)
		rc = STORE_EIO;
	else
		rc = store_write(s, t_migrate, &g, cause);
	if (rc == STORE_ESCHEMA && cause != NULL && *cause == NULL)
		cause_set(cause, "缺少从数据库格式版本 %u 升级的步骤", s->schema);
	if (rc == 0)
		s->schema = target;
	free(g.ids);
	free(g.m);
	org_delete(g.o);
	return rc;
}

static int
migrate_builtin(struct store *s, char **cause)
{
	return store_migrate(s, migrations, STORE_SCHEMA, cause);
}

/* Schema 1 -> 2: the counts and the search table, from the members. */
static int
t_schema2(struct store_txn *t, char **cause)
{
	int rc = t_cnt_rebuild(t, cause);

	return rc != 0 ? rc : t_search_rebuild(t, cause);
}

/* ---- the audit trail and the users (see store.h) ----
 *
 * Named databases beside the records, opened by aux_open (a database made
 * by an older caiji gets them on its first writable open):
 *   audit     u64 seq (big-endian, from 1) -> entry
 *   users     login -> u32 role + u64 org id (little-endian)
 * meta "audit_seq" (u64) and "audit_head" (the hash of the last entry).
 * An entry is u16 AUDIT_FMT, the 32-byte SHA-256 of the entry before it
 * (zeros for the first), then items (u8 tag, u32 length, bytes).  The
 * hash of an entry is SHA-256 over its key and its whole value, so an
 * edited, moved or deleted entry breaks the chain at the next one (or at
 * the head for the last).
 *
 * Under store_txn_audit_source (an import, gen) the creations of records
 * with consecutive ids (one transaction allocates them one after another)
 * are held back as a run and written as one entry of format 2 (source,
 * action, kind, A_REC the first id, A_NREC the count) before the next
 * entry or at commit: 1,000,000 generated members were 153 MiB of
 * per-member entries, now ten.  A run of one is the short entry of
 * format 1 it always was. */

#define AUDIT_FMT 2               /* the newest this build reads */
#define AUDIT_FMT_RANGE 2         /* an entry with A_NREC (schema 8) */
#define AUDIT_HDR (2 + 32)

enum {
	A_TIME = 1, A_LOGIN, A_ACTION, A_KIND, A_REC, A_KEY, A_ORG, A_SOURCE,
	A_TEXT, A_DIFF, A_FILE, A_NAME,
	A_NREC,                   /* u64: the entry covers A_REC .. + A_NREC - 1 */
};

static const char *const member_label[] = {
#define SCH_F(key, kind, size, tag, label, ...) [(tag) - MEMBER_BASE] = label,
#include "schema/member.def"
#undef SCH_F
};
static const char *const org_label[] = {
#define SCH_F(key, kind, size, tag, label, ...) [(tag) - ORG_BASE] = label,
#include "schema/org.def"
#undef SCH_F
};
static const char *const unit_label[] = {
#define SCH_F(key, kind, size, tag, label, ...) [(tag) - UNIT_BASE] = label,
#include "schema/unit.def"
#undef SCH_F
};

static int
aux_open(struct store *s, char **cause)
{
	MDB_txn *txn = NULL;
	int mrc, i, pass, missing;

	/* a read transaction first: an open must not wait for a writer */
	for (pass = 0; pass < 2; pass++) {
		int wr = pass == 1;

		if ((mrc = mdb_txn_begin(s->env, NULL, wr ? 0 : MDB_RDONLY, &txn)) != 0)
			goto fail;
		missing = 0;
		for (i = 0; i < AUX_COUNT; i++) {
			if (s->aux_ok & (1u << i))
				continue;
			mrc = mdb_dbi_open(txn, aux_name[i], wr ? MDB_CREATE : 0,
			    &s->aux[i]);
			if (mrc == MDB_NOTFOUND && !wr) {
				missing = 1;
				continue;
			}
			if (mrc != 0)
				goto fail;
			s->aux_ok |= 1u << i;
		}
		mrc = mdb_txn_commit(txn);
		txn = NULL;
		if (mrc != 0)
			goto fail;
		/* an older database: created on a writable open, else read as it is */
		if (!missing || (s->flags & STORE_RDONLY))
			return 0;
	}
	return 0;
fail:
	if (txn != NULL)
		mdb_txn_abort(txn);
	mdb_cause(cause, mrc);
	return STORE_EIO;
}

static void
buf_swap(struct buf *a, struct buf *b)
{
	struct buf x = *a;

	*a = *b;
	*b = x;
}

/* Append item tag of n bytes to b (u32 length). */
static int
abuf_item(struct buf *b, unsigned tag, const void *v, size_t n)
{
	if (buf_need(b, 5 + n) != 0)
		return -1;
	b->p[b->len] = (unsigned char)tag;
	put_le(b->p + b->len + 1, n, 4);
	if (n > 0)
		memcpy(b->p + b->len + 5, v, n);
	b->len += 5 + n;
	return 0;
}

static int
abuf_u64(struct buf *b, unsigned tag, uint64_t v)
{
	unsigned char x[8];

	put_le(x, v, 8);
	return abuf_item(b, tag, x, 8);
}

static int
abuf_str(struct buf *b, unsigned tag, const char *s)
{
	return (s == NULL || *s == '\0') ? 0 : abuf_item(b, tag, s, strlen(s));
}

/* The value of field f of rec as text ("" for empty). */
static void
field_text(struct store_txn *t, const struct fdesc *f, const void *rec,
    char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)rec + f->off;
	int64_t i64;
	int32_t i32;
	uint64_t u64;

	out[0] = '\0';
	switch (f->type) {
	case F_STR:
		snprintf(out, n, "%.*s", (int)strnlen((const char *)p, f->size),
		    (const char *)p);
		break;
	case F_U64:
		memcpy(&u64, p, 8);
		if (u64 != 0) {
			struct org *o = t != NULL ? malloc(sizeof *o) : NULL;
			int mrc;

			/* a reference (所在党支部): the organisation's name */
			if (o != NULL && load_org_how(t->s, t->txn, u64, o, &mrc,
			    LOAD_HEAD) == 0)
				snprintf(out, n, "%s", o->name);
			else
				snprintf(out, n, "%" PRIu64, u64);
			free(o);
		}
		break;
	case F_I64:
		memcpy(&i64, p, 8);
		if (i64 != 0)
			snprintf(out, n, "%" PRId64, i64);
		break;
	default:
		memcpy(&i32, p, 4);
		if (i32 > 0 || (i32 == 0 && f->type == F_INT))
			snprintf(out, n, "%" PRId32, i32);
		break;
	}
}

/* Diff item: u8 record kind, u8 unit index, u8 tag, u32 old length, old,
 * new.  Added for every field of tab whose value differs between a and b
 * (a NULL: every filled field of b). */
static int
abuf_diffs(struct store_txn *t, struct buf *b, unsigned kind, unsigned unit,
    const struct fdesc *tab, size_t n, unsigned base, const void *a,
    const void *bb)
{
	char *ov, *nv, *item;
	size_t i;
	int rc = 0;

	ov = malloc(REC_NOTE_MAX * 2 + 16);
	nv = malloc(REC_NOTE_MAX * 2 + 16);
	item = malloc(REC_NOTE_MAX * 4 + 64);
	if (ov == NULL || nv == NULL || item == NULL) {
		rc = -1;
		goto out;
	}
	for (i = 0; i < n; i++) {
		size_t ol, nl;

		if (tab[i].type == F_NONE)
			continue;
		field_text(t, &tab[i], bb, nv, REC_NOTE_MAX * 2);
		if (a != NULL)
			field_text(t, &tab[i], a, ov, REC_NOTE_MAX * 2);
		else
			ov[0] = '\0';
		if (strcmp(ov, nv) == 0)
			continue;
		ol = strlen(ov);
		nl = strlen(nv);
		item[0] = (char)kind;
		item[1] = (char)unit;
		item[2] = (char)(base + i);
		put_le((unsigned char *)item + 3, ol, 4);
		memcpy(item + 7, ov, ol);
		memcpy(item + 7 + ol, nv, nl);
		if ((rc = abuf_item(b, A_DIFF, item, 7 + ol + nl)) != 0)
			goto out;
	}
out:
	free(ov);
	free(nv);
	free(item);
	return rc;
}

/* Load the chain's end into t once per transaction. */
static int
t_audit_load(struct store_txn *t, char **cause)
{
	MDB_val key, val;
	int mrc;

	if (t->au_loaded)
		return 0;
	if (!(t->s->aux_ok & (1u << AUX_AUDIT))) {
		cause_set(cause, "数据库缺少审计记录表");
		return STORE_EIO;
	}
	t->au_seq = 0;
	memset(t->au_head, 0, sizeof t->au_head);
	key.mv_data = (void *)"audit_seq";
	key.mv_size = 9;
	mrc = mdb_get(t->txn, t->s->dbi[DB_META], &key, &val);
	if (mrc == 0 && val.mv_size == 8)
		t->au_seq = get_le(val.mv_data, 8);
	else if (mrc != 0 && mrc != MDB_NOTFOUND)
		return t_fail(t, mrc, cause);
	key.mv_data = (void *)"audit_head";
	key.mv_size = 10;
	mrc = mdb_get(t->txn, t->s->dbi[DB_META], &key, &val);
	if (mrc == 0 && val.mv_size == 32)
		memcpy(t->au_head, val.mv_data, 32);
	else if (mrc != 0 && mrc != MDB_NOTFOUND)
		return t_fail(t, mrc, cause);
	t->au_loaded = 1;
	return 0;
}

/* Start an entry in t->ab: header (the previous hash is filled in by
 * t_audit_put), time, login, action, kind. */
static int
t_audit_start_fmt(struct store_txn *t, int action, int kind, unsigned fmt)
{
	unsigned char x[4];

	t->ab.len = 0;
	if (buf_need(&t->ab, AUDIT_HDR) != 0)
		return -1;
	memset(t->ab.p, 0, AUDIT_HDR);
	put_le(t->ab.p, fmt, 2);
	t->ab.len = AUDIT_HDR;
	put_le(x, (uint64_t)action, 4);
	/* a row of an import has the time and login of the file's entry */
	if (t->au_source != 0 ? abuf_u64(&t->ab, A_SOURCE, t->au_source) != 0 :
	    (abuf_u64(&t->ab, A_TIME, (uint64_t)t->now) != 0 ||
	    abuf_str(&t->ab, A_LOGIN, t->s->user) != 0))
		return -1;
	if (abuf_item(&t->ab, A_ACTION, x, 4) != 0)
		return -1;
	put_le(x, (uint64_t)kind, 4);
	return abuf_item(&t->ab, A_KIND, x, 4);
}

static int
t_audit_start(struct store_txn *t, int action, int kind)
{
	return t_audit_start_fmt(t, action, kind, 1);
}

/* Append the entry body (AUDIT_HDR bytes then items) as the next seq,
 * chained to the one before.  *seq (may be NULL) receives its number. */
static int
t_audit_put(struct store_txn *t, unsigned char *body, size_t len,
    uint64_t *seq, char **cause)
{
	unsigned char k[8];
	struct digest_ctx *ctx;
	int rc;

	if ((rc = t_audit_load(t, cause)) != 0)
		return rc;
	memcpy(body + 2, t->au_head, 32);
	put_be64(k, t->au_seq + 1);
	if (t->au_md == NULL && (t->au_md = digest_begin()) == NULL)
		return t_fail(t, ENOMEM, cause);
	ctx = t->au_md;
	if (digest_restart(ctx) != 0 || digest_add(ctx, k, 8) != 0 ||
	    digest_add(ctx, body, len) != 0 || digest_result(ctx, t->au_next) != 0)
		return t_fail(t, ENOMEM, cause);
	{
		MDB_val key = { 8, k }, val = { len, body };
		int mrc = mdb_put(t->txn, t->s->aux[AUX_AUDIT], &key, &val, MDB_APPEND);

		if (mrc != 0)
			return t_fail(t, mrc, cause);
	}
	t->au_seq++;
	memcpy(t->au_head, t->au_next, 32);
	t->au_dirty = 1;
	if (seq != NULL)
		*seq = t->au_seq;
	return 0;
}

/* Append the entry built in t->ab. */
static int
t_audit_finish(struct store_txn *t, char **cause)
{
	return t_audit_put(t, t->ab.p, t->ab.len, NULL, cause);
}

/* Record a change of a member (kind AUK_MEMBER) or an organisation: old
 * (NULL for a creation) and now, the record after the change. */
static int
t_audit_rec(struct store_txn *t, int action, int kind, const void *old,
    const void *now, const char *text, char **cause)
{
	const struct member *m = kind == AUK_MEMBER ? now : NULL;
	const struct org *o = kind == AUK_ORG ? now : NULL;
	uint64_t id = m != NULL ? m->meta.id : o->meta.id;
	int rc;

	/* a creation of an import or gen: joins the run when it follows it */
	if (action == AU_CREATE && t->au_source != 0 && text == NULL) {
		if (t->au_run_n > 0 && t->au_run_kind == kind &&
		    t->au_run_src == t->au_source &&
		    id == t->au_run_first + t->au_run_n) {
			t->au_run_n++;
			return 0;
		}
		if ((rc = t_audit_run_flush(t, cause)) != 0)
			return rc;
		/* kept built: a run of one is written as it always was */
		if ((rc = t_audit_build(t, action, kind, old, now, text, cause)) != 0)
			return rc;
		buf_swap(&t->ab, &t->au_one);
		t->au_run_first = id;
		t->au_run_n = 1;
		t->au_run_kind = kind;
		t->au_run_src = t->au_source;
		return 0;
	}
	if ((rc = t_audit_run_flush(t, cause)) != 0 ||
	    (rc = t_audit_build(t, action, kind, old, now, text, cause)) != 0)
		return rc;
	return t_audit_finish(t, cause);
}

/* Write the run of creations held back (see the top of this section):
 * one range entry, or the short entry of a lone creation. */
static int
t_audit_run_flush(struct store_txn *t, char **cause)
{
	uint64_t src = t->au_source;
	int rc;

	if (t->au_run_n == 0)
		return 0;
	t->au_source = t->au_run_src;
	if (t->au_run_n == 1) {
		buf_swap(&t->ab, &t->au_one);
		rc = t_audit_finish(t, cause);
	} else if (t_audit_start_fmt(t, AU_CREATE, t->au_run_kind,
	    AUDIT_FMT_RANGE) != 0 ||
	    abuf_u64(&t->ab, A_REC, t->au_run_first) != 0 ||
	    abuf_u64(&t->ab, A_NREC, t->au_run_n) != 0) {
		rc = t_fail(t, ENOMEM, cause);
	} else
		rc = t_audit_finish(t, cause);
	t->au_run_n = 0;
	t->au_source = src;
	return rc;
}

/* Build in t->ab the entry for the change of a record (see t_audit_rec). */
static int
t_audit_build(struct store_txn *t, int action, int kind, const void *old,
    const void *now, const char *text, char **cause)
{
	const struct member *m = kind == AUK_MEMBER ? now : NULL;
	const struct org *o = kind == AUK_ORG ? now : NULL;
	int rc;

	if (t_audit_start(t, action, kind) != 0)
		goto nomem;
	rc = m != NULL ?
	    abuf_u64(&t->ab, A_REC, m->meta.id) ||
	    abuf_str(&t->ab, A_KEY, m->idcard) ||
	    abuf_str(&t->ab, A_NAME, m->name) ||
	    abuf_u64(&t->ab, A_ORG, m->branch) :
	    abuf_u64(&t->ab, A_REC, o->meta.id) ||
	    abuf_str(&t->ab, A_KEY, o->name) ||
	    abuf_str(&t->ab, A_NAME, o->name) ||
	    abuf_u64(&t->ab, A_ORG, o->meta.id);
	if (rc == 0)
		rc = abuf_str(&t->ab, A_TEXT, text);
	/* field values: for an update, and for a creation that is not one
	 * row of an import (that one points to the file's entry instead) */
	if (rc == 0 && (action == AU_UPDATE || action == AU_UNDO ||
	    (action == AU_CREATE && t->au_source == 0))) {
		if (m != NULL)
			rc = abuf_diffs(t, &t->ab, AUK_MEMBER, 0, member_fields,
			    NFIELDS(member_fields), MEMBER_BASE, old, m);
		else {
			const struct org *oo = old;
			size_t u, nu = o->n_units;
			struct unit empty;

			rc = abuf_diffs(t, &t->ab, AUK_ORG, 0, org_fields,
			    NFIELDS(org_fields), ORG_BASE, old, o);
			memset(&empty, 0, sizeof empty);
			if (oo != NULL && oo->n_units > nu)
				nu = oo->n_units;
			for (u = 0; rc == 0 && u < nu; u++)
				rc = abuf_diffs(t, &t->ab, 3, (unsigned)u + 1,
				    unit_fields, NFIELDS(unit_fields), UNIT_BASE,
				    oo != NULL && u < oo->n_units ? &oo->units[u] : &empty,
				    u < o->n_units ? &o->units[u] : &empty);
		}
	}
	if (rc != 0)
		goto nomem;
	return 0;
nomem:
	return t_fail(t, ENOMEM, cause);
}

/* Write the chain's end into meta (from t_flush). */
static int
t_audit_flush(struct store_txn *t)
{
	unsigned char v[8];
	int rc;

	if ((rc = t_audit_run_flush(t, NULL)) != 0)
		return rc;
	if (!t->au_dirty)
		return 0;
	put_le(v, t->au_seq, 8);
	if ((rc = t_put(t, DB_META, "audit_seq", 9, v, 8, 0, NULL)) != 0)
		return rc;
	return t_put(t, DB_META, "audit_head", 10, t->au_head, 32, 0, NULL);
}

static void
t_audit_reset(struct store_txn *t)
{
	t->au_loaded = t->au_dirty = t->au_undo = 0;
	t->au_source = 0;
	t->au_run_n = 0;
}

static void
t_audit_free(struct store_txn *t)
{
	free(t->ab.p);
	free(t->au_one.p);
	if (t->au_md != NULL)
		digest_end(t->au_md, NULL);
}

void
store_txn_audit_source(struct store_txn *t, uint64_t seq)
{
	t->au_source = seq;
}

void
store_txn_audit_undo(struct store_txn *t, uint64_t seq)
{
	t->au_undo = 1;
	snprintf(t->au_undo_text, sizeof t->au_undo_text,
	    "撤销: 恢复第 %" PRIu64 " 条记录之前的值", seq);
}

/* File items: u64 rows, 32-byte hash, name. */
static int
abuf_files(struct buf *b, const struct store_audit_file *f, size_t n)
{
	unsigned char item[8 + 32 + 1024];
	size_t i, nl;

	for (i = 0; i < n; i++) {
		nl = strlen(f[i].name);
		if (nl > 1024)
			nl = 1024;
		put_le(item, f[i].rows, 8);
		memcpy(item + 8, f[i].sha256, 32);
		memcpy(item + 40, f[i].name, nl);
		if (abuf_item(b, A_FILE, item, 40 + nl) != 0)
			return -1;
	}
	return 0;
}

int
store_txn_audit_note(struct store_txn *t, int action, int kind,
    const char *key, const char *text, const struct store_audit_file *files,
    size_t nfiles, uint64_t *seq, char **cause)
{
	uint64_t src = t->au_source;
	int rc;

	if (t->fatal)
		return STORE_EIO;
	if ((rc = t_audit_run_flush(t, cause)) != 0)
		return rc;
	t->au_source = 0;               /* a note is a full entry */
	rc = t_audit_start(t, action, kind) != 0 ||
	    (src != 0 && abuf_u64(&t->ab, A_SOURCE, src) != 0);
	t->au_source = src;
	if (rc != 0 ||
	    abuf_str(&t->ab, A_KEY, key) != 0 ||
	    abuf_str(&t->ab, A_TEXT, text) != 0 ||
	    abuf_files(&t->ab, files, nfiles) != 0)
		return t_fail(t, ENOMEM, cause);
	return t_audit_put(t, t->ab.p, t->ab.len, seq, cause);
}

struct note_args {
	int action, kind;
	const char *key, *text;
	const struct store_audit_file *files;
	size_t nfiles;
	char **cause;
};

static int
one_note(struct store_txn *t, void *ud)
{
	struct note_args *a = ud;

	return store_txn_audit_note(t, a->action, a->kind, a->key, a->text,
	    a->files, a->nfiles, NULL, a->cause);
}

int
store_audit_note(struct store *s, int action, int kind, const char *key,
    const char *text, const struct store_audit_file *files, size_t nfiles,
    char **cause)
{
	struct note_args a = { action, kind, key, text, files, nfiles, cause };

	return store_write(s, one_note, &a, cause);
}

/* Decode value v of entry seq into e (strings into e's arena). */
static int
audit_decode(uint64_t seq, const MDB_val *v, struct store_audit_entry *e,
    char **arena, size_t *cap)
{
	const unsigned char *p = v->mv_data, *end = p + v->mv_size;
	char *a;
	size_t need = v->mv_size * 2 + 64, used = 0;

	if (v->mv_size < AUDIT_HDR || get_le(p, 2) > AUDIT_FMT)
		return STORE_EIO;             /* a newer caiji's entry: refused, not guessed */
	if (need > *cap) {
		char *na = realloc(*arena, need);

		if (na == NULL)
			return STORE_EIO;
		*arena = na;
		*cap = need;
	}
	a = *arena;
	memset(e, 0, sizeof *e);
	e->seq = seq;
	memcpy(e->prev, p + 2, 32);
	e->nrec = 1;
	e->login = e->key = e->name = e->text = "";
	for (p += AUDIT_HDR; p + 5 <= end; ) {
		unsigned tag = p[0];
		size_t n = (size_t)get_le(p + 1, 4);
		const unsigned char *d = p + 5;
		char *str = a + used;

		if (n > (size_t)(end - d))
			return STORE_EIO;
		memcpy(str, d, n);
		str[n] = '\0';
		used += n + 1;
		switch (tag) {
		case A_TIME: e->time = n == 8 ? (int64_t)get_le(d, 8) : 0; break;
		case A_LOGIN: e->login = str; break;
		case A_ACTION: e->action = n == 4 ? (int)get_le(d, 4) : 0; break;
		case A_KIND: e->kind = n == 4 ? (int)get_le(d, 4) : 0; break;
		case A_REC: e->rec = n == 8 ? get_le(d, 8) : 0; break;
		case A_KEY: e->key = str; break;
		case A_NAME: e->name = str; break;
		case A_ORG: e->org = n == 8 ? get_le(d, 8) : 0; break;
		case A_SOURCE: e->source = n == 8 ? get_le(d, 8) : 0; break;
		case A_NREC:
			if (n != 8 || (e->nrec = get_le(d, 8)) == 0)
				return STORE_EIO;
			break;
		case A_TEXT: e->text = str; break;
		case A_DIFF:
			if (n >= 7 && e->n_diff < STORE_AUDIT_DIFF_MAX) {
				struct store_audit_diff *df = &e->diff[e->n_diff++];
				size_t ol = (size_t)get_le(d + 3, 4);

				if (ol > n - 7)
					return STORE_EIO;
				df->kind = d[0];
				df->unit = d[1];
				df->tag = d[2];
				df->label = "";
				if (df->kind == AUK_MEMBER && df->tag >= MEMBER_BASE &&
				    df->tag - MEMBER_BASE < NFIELDS(member_label))
					df->label = member_label[df->tag - MEMBER_BASE];
				else if (df->kind == AUK_ORG && df->tag >= ORG_BASE &&
				    df->tag - ORG_BASE < NFIELDS(org_label))
					df->label = org_label[df->tag - ORG_BASE];
				else if (df->kind == 3 && df->tag >= UNIT_BASE &&
				    df->tag - UNIT_BASE < NFIELDS(unit_label))
					df->label = unit_label[df->tag - UNIT_BASE];
				if (df->label == NULL)
					df->label = "";
				df->old = a + used;
				memcpy(a + used, d + 7, ol);
				a[used + ol] = '\0';
				used += ol + 1;
				df->new_ = a + used;
				memcpy(a + used, d + 7 + ol, n - 7 - ol);
				a[used + n - 7 - ol] = '\0';
				used += n - 7 - ol + 1;
			}
			break;
		case A_FILE:
			if (n >= 40 && e->n_file < STORE_AUDIT_FILE_MAX) {
				struct store_audit_file *f = &e->file[e->n_file++];

				f->rows = get_le(d, 8);
				memcpy(f->sha256, d + 8, 32);
				memmove(str, str + 40, n - 40 + 1);
				f->name = str;
			}
			break;
		default:
			break;                /* a newer caiji's item */
		}
		p = d + n;
	}
	return 0;
}

/* Hash of entry (key k, value v) into h. */
static int
audit_hash(struct digest_ctx *ctx, const unsigned char k[8],
    const MDB_val *v, unsigned char h[32])
{
	int ok = ctx != NULL && digest_restart(ctx) == 0 &&
	    digest_add(ctx, k, 8) == 0 &&
	    digest_add(ctx, v->mv_data, v->mv_size) == 0 &&
	    digest_result(ctx, h) == 0;

	return ok ? 0 : -1;
}

int
store_audit_each(struct store *s, int verify,
    int (*fn)(const struct store_audit_entry *e, void *ud), void *ud,
    struct store_audit_check *chk, char **cause)
{
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val key, val;
	struct store_audit_entry *e = NULL;
	unsigned char prev[32], head[32];
	char *arena = NULL;
	size_t cap = 0;
	struct digest_ctx *ctx = NULL;
	uint64_t want = 1, stored_seq = 0, src_seq = 0;
	int64_t src_time = 0;
	char src_login[64] = "";
	int rc = 0, mrc, have_head = 0;

	if (cause != NULL)
		*cause = NULL;
	if (chk != NULL)
		memset(chk, 0, sizeof *chk);
	if (!(s->aux_ok & (1u << AUX_AUDIT)))
		return 0;                /* an older database: no entries yet */
	if ((rc = store_ready(s, cause)) != 0)
		return rc;
	if ((e = malloc(sizeof *e)) == NULL || (ctx = digest_begin()) == NULL) {
		free(e);
		return STORE_EIO;
	}
	memset(prev, 0, sizeof prev);
	if ((rc = rd_begin(s, &txn)) != 0)
		goto out;
	key.mv_data = (void *)"audit_seq";
	key.mv_size = 9;
	if (mdb_get(txn, s->dbi[DB_META], &key, &val) == 0 && val.mv_size == 8)
		stored_seq = get_le(val.mv_data, 8);
	key.mv_data = (void *)"audit_head";
	key.mv_size = 10;
	if (mdb_get(txn, s->dbi[DB_META], &key, &val) == 0 && val.mv_size == 32) {
		memcpy(head, val.mv_data, 32);
		have_head = 1;
	}
	if ((mrc = mdb_cursor_open(txn, s->aux[AUX_AUDIT], &cur)) != 0) {
		mdb_cause(cause, mrc);
		rc = STORE_EIO;
		goto out;
	}
	for (mrc = mdb_cursor_get(cur, &key, &val, MDB_FIRST); mrc == 0;
	    mrc = mdb_cursor_get(cur, &key, &val, MDB_NEXT)) {
		uint64_t seq = key.mv_size == 8 ? get_be64(key.mv_data) : 0;
		int bad = 0;

		if (audit_decode(seq, &val, e, &arena, &cap) != 0)
			bad = 1;
		else if (verify && (seq != want || memcmp(e->prev, prev, 32) != 0))
			bad = 1;
		if (verify && key.mv_size == 8 &&
		    audit_hash(ctx, key.mv_data, &val, prev) != 0) {
			rc = STORE_EIO;
			goto out;
		}
		if (bad && chk != NULL && chk->first_bad == 0)
			chk->first_bad = seq ? seq : want;
		if (bad && !verify) {
			rc = STORE_EIO;
			cause_set(cause, "审计记录 %" PRIu64 " 无法读取", seq);
			goto out;
		}
		if (chk != NULL)
			chk->entries++;
		want = seq + 1;
		/* an import's row: the time and login of the file's entry */
		if (!bad && e->time == 0 && e->source != 0 && e->source == src_seq) {
			e->time = src_time;
			e->login = src_login;
		} else if (!bad && e->time != 0) {
			src_seq = seq;
			src_time = e->time;
			snprintf(src_login, sizeof src_login, "%s", e->login);
		}
		if (!bad && fn != NULL && (rc = fn(e, ud)) != 0)
			goto out;
	}
	if (mrc != MDB_NOTFOUND) {
		mdb_cause(cause, mrc);
		rc = STORE_EIO;
		goto out;
	}
	if (verify && chk != NULL && chk->first_bad == 0 &&
	    (want - 1 != stored_seq ||
	    (stored_seq > 0 && (!have_head || memcmp(head, prev, 32) != 0))))
		chk->first_bad = want - 1 ? want - 1 : 1;   /* the tail was cut or edited */
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	if (txn != NULL)
		mdb_txn_abort(txn);
	free(arena);
	free(e);
	if (ctx != NULL)
		digest_end(ctx, NULL);
	default_cause(cause, rc);
	return rc;
}

/* ---- users ---- */

int
store_user_get(struct store *s, const char *login, struct store_user *u)
{
	MDB_txn *txn = NULL;
	MDB_val key = { strlen(login), (void *)login }, val;
	int rc, mrc;

	memset(u, 0, sizeof *u);
	if (!(s->aux_ok & (1u << AUX_USERS)) || key.mv_size == 0)
		return STORE_ENOTFOUND;
	if ((rc = rd_begin(s, &txn)) != 0)
		return rc;
	mrc = mdb_get(txn, s->aux[AUX_USERS], &key, &val);
	if (mrc == 0 && val.mv_size >= 12) {
		rec_strcpy(u->login, sizeof u->login, login);
		u->role = (int)get_le(val.mv_data, 4);
		u->org = get_le((const unsigned char *)val.mv_data + 4, 8);
		rc = 0;
	} else
		rc = mrc == MDB_NOTFOUND || mrc == 0 ? STORE_ENOTFOUND : STORE_EIO;
	mdb_txn_abort(txn);
	return rc;
}

int
store_user_each(struct store *s, int (*fn)(const struct store_user *u, void *ud),
    void *ud)
{
	MDB_txn *txn = NULL;
	MDB_cursor *cur = NULL;
	MDB_val key, val;
	struct store_user u;
	int rc = 0, mrc;

	if (!(s->aux_ok & (1u << AUX_USERS)))
		return 0;
	if ((rc = rd_begin(s, &txn)) != 0)
		return rc;
	if ((mrc = mdb_cursor_open(txn, s->aux[AUX_USERS], &cur)) != 0) {
		mdb_txn_abort(txn);
		return STORE_EIO;
	}
	for (mrc = mdb_cursor_get(cur, &key, &val, MDB_FIRST); mrc == 0;
	    mrc = mdb_cursor_get(cur, &key, &val, MDB_NEXT)) {
		if (val.mv_size < 12)
			continue;
		memset(&u, 0, sizeof u);
		snprintf(u.login, sizeof u.login, "%.*s", (int)key.mv_size,
		    (const char *)key.mv_data);
		u.role = (int)get_le(val.mv_data, 4);
		u.org = get_le((const unsigned char *)val.mv_data + 4, 8);
		if ((rc = fn(&u, ud)) != 0)
			break;
	}
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	return rc;
}

struct user_args {
	const struct store_user *u;
	const char *login, *text;
	char **cause;
};

static int
one_user_put(struct store_txn *t, void *ud)
{
	struct user_args *a = ud;
	unsigned char v[12];
	MDB_val key, val = { 12, v };
	int mrc;

	if (!(t->s->aux_ok & (1u << AUX_USERS)))
		return t_fail(t, EINVAL, a->cause);
	key.mv_data = (void *)a->login;
	key.mv_size = strlen(a->login);
	if (a->u != NULL) {
		put_le(v, (uint64_t)a->u->role, 4);
		put_le(v + 4, a->u->org, 8);
		mrc = mdb_put(t->txn, t->s->aux[AUX_USERS], &key, &val, 0);
	} else {
		mrc = mdb_del(t->txn, t->s->aux[AUX_USERS], &key, NULL);
		if (mrc == MDB_NOTFOUND) {
			cause_set(a->cause, "没有用户 %s", a->login);
			return STORE_ENOTFOUND;
		}
	}
	if (mrc != 0)
		return t_fail(t, mrc, a->cause);
	return store_txn_audit_note(t, AU_USER, AUK_USER, a->login, a->text,
	    NULL, 0, NULL, a->cause);
}

int
store_user_put(struct store *s, const struct store_user *u, const char *text,
    char **cause)
{
	struct user_args a = { u, u->login, text, cause };

	return store_write(s, one_user_put, &a, cause);
}

int
store_user_remove(struct store *s, const char *login, const char *text,
    char **cause)
{
	struct user_args a = { NULL, login, text, cause };

	return store_write(s, one_user_put, &a, cause);
}

/* ---- backups ---- */

int
store_backup(struct store *s, const char *path, char **cause)
{
	int fd, mrc;

	if (cause != NULL)
		*cause = NULL;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		cause_set(cause, "无法建立备份文件 %s: %s", path, strerror(errno));
		return STORE_EIO;
	}
	mrc = mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT);
	if (mrc == 0 && fsync(fd) != 0)
		mrc = errno;
	if (close(fd) != 0 && mrc == 0)
		mrc = errno;
	if (mrc != 0) {
		unlink(path);
		mdb_cause(cause, mrc);
		return STORE_EIO;
	}
	return 0;
}

/* Rewrite named database dbi in key order with MDB_APPEND (and
 * MDB_APPENDDUP for a key's further values), in txn: its pages end full
 * where random inserts left them about two thirds full.  Its entries are
 * held in memory meanwhile (about 30 MiB for a million idcards). */
static int
refill(MDB_txn *txn, MDB_dbi dbi, int *mrc)
{
	MDB_cursor *cur = NULL;
	MDB_val k, v;
	unsigned char *a = NULL, *p, *na, *lastk = NULL;
	size_t len = 0, cap = 0, lastn = 0;
	int rc = STORE_EIO;

	if ((*mrc = mdb_cursor_open(txn, dbi, &cur)) != 0)
		goto out;
	for (*mrc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); *mrc == 0;
	    *mrc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (len + 8 + k.mv_size + v.mv_size > cap) {
			cap = cap ? cap * 2 : 1 << 20;
			if (cap < len + 8 + k.mv_size + v.mv_size ||
			    (na = realloc(a, cap)) == NULL) {
				*mrc = ENOMEM;
				goto out;
			}
			a = na;
		}
		put_le(a + len, k.mv_size, 4);
		put_le(a + len + 4, v.mv_size, 4);
		memcpy(a + len + 8, k.mv_data, k.mv_size);
		memcpy(a + len + 8 + k.mv_size, v.mv_data, v.mv_size);
		len += 8 + k.mv_size + v.mv_size;
	}
	if (*mrc != MDB_NOTFOUND || (*mrc = mdb_drop(txn, dbi, 0)) != 0)
		goto out;
	for (p = a; p < a + len; p += 8 + k.mv_size + v.mv_size) {
		k.mv_size = (size_t)get_le(p, 4);
		v.mv_size = (size_t)get_le(p + 4, 4);
		k.mv_data = p + 8;
		v.mv_data = p + 8 + k.mv_size;
		*mrc = mdb_cursor_put(cur, &k, &v, lastk != NULL && lastn == k.mv_size &&
		    memcmp(lastk, k.mv_data, lastn) == 0 ? MDB_APPENDDUP : MDB_APPEND);
		if (*mrc != 0)
			goto out;
		lastk = p + 8;
		lastn = k.mv_size;
	}
	*mrc = 0;
	rc = 0;
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	free(a);
	return rc;
}

/* The indexes that inserts leave part empty rewritten full, in one write
 * transaction (the map grown first: the new pages come before the old
 * ones are free): 公民身份证号, 姓名 and 党组织名称 are randomly keyed, the
 * initials' few keys hold long runs of ids split in halves as they grew. */
static int
refill_indexes(struct store *s, char **cause)
{
	MDB_txn *txn = NULL;
	MDB_envinfo info;
	MDB_stat st;
	size_t more = 0;
	int i, mrc, dbs[] = { DB_IDCARD, DB_NAMES, DB_INITIALS, DB_ORGNAMES };

	if ((mrc = mdb_env_info(s->env, &info)) != 0 ||
	    (mrc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn)) != 0)
		goto fail;
	for (i = 0; i < (int)(sizeof dbs / sizeof dbs[0]); i++) {
		if ((mrc = mdb_stat(txn, s->dbi[dbs[i]], &st)) != 0)
			goto fail;
		more += (st.ms_branch_pages + st.ms_leaf_pages +
		    st.ms_overflow_pages) * (size_t)st.ms_psize;
	}
	mdb_txn_abort(txn);
	txn = NULL;
	if ((info.me_last_pgno + 1) * (size_t)st.ms_psize + more + (64u << 20) >
	    info.me_mapsize && (mrc = mdb_env_set_mapsize(s->env,
	    (info.me_last_pgno + 1) * (size_t)st.ms_psize + more + (64u << 20))) != 0)
		goto fail;
	if ((mrc = mdb_txn_begin(s->env, NULL, 0, &txn)) != 0)
		goto fail;
	for (i = 0; i < (int)(sizeof dbs / sizeof dbs[0]); i++)
		if (refill(txn, s->dbi[dbs[i]], &mrc) != 0)
			goto fail;
	mrc = mdb_txn_commit(txn);
	txn = NULL;
	if (mrc == 0)
		return 0;
fail:
	if (txn != NULL)
		mdb_txn_abort(txn);
	mdb_cause(cause, mrc);
	return STORE_EIO;
}

int
store_compact_close(struct store *s, char **cause)
{
	const char *dir = NULL;
	char path[4096], tmp[4096 + 16] = "", *slash;
	unsigned envflags = 0;
	struct stat st;
	int fd = -1, dfd, mrc = 0, rc = STORE_EIO;

	if (cause != NULL)
		*cause = NULL;
	if (mdb_env_get_path(s->env, &dir) != 0 ||
	    mdb_env_get_flags(s->env, &envflags) != 0 ||
	    snprintf(path, sizeof path, (envflags & MDB_NOSUBDIR) ? "%s" :
	    "%s/data.mdb", dir) >= (int)sizeof path) {
		cause_set(cause, "数据库路径过长");
		goto out;
	}
	if (refill_indexes(s, cause) != 0)
		goto out;
	if (stat(path, &st) != 0 || (fd = safe_tmp_beside(path, tmp,
	    sizeof tmp)) < 0) {
		cause_set(cause, "无法建立压缩副本 %s: %s", path, strerror(errno));
		tmp[0] = '\0';
		goto out;
	}
	mrc = mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT);
	if (mrc == 0 && (fchmod(fd, st.st_mode & 07777) != 0 || fsync(fd) != 0))
		mrc = errno;
	if (close(fd) != 0 && mrc == 0)
		mrc = errno;
	if (mrc != 0) {
		mdb_cause(cause, mrc);
		goto out;
	}
	/* the copy is complete: no map of the old file may write after it */
	store_close(s);
	s = NULL;
	if (rename(tmp, path) != 0) {
		cause_set(cause, "无法替换 %s: %s", path, strerror(errno));
		goto out;
	}
	tmp[0] = '\0';
	if ((slash = strrchr(path, '/')) != NULL) {
		*slash = '\0';
		dfd = safe_dir_open(slash == path ? "/" : path);
	} else
		dfd = safe_dir_open(".");
	if (dfd < 0 || fsync(dfd) != 0) {
		cause_set(cause, "无法同步数据库目录: %s", strerror(errno));
		if (dfd >= 0)
			close(dfd);
		goto out;
	}
	close(dfd);
	rc = 0;
out:
	if (tmp[0] != '\0')
		unlink(tmp);
	store_close(s);
	default_cause(cause, rc);
	return rc;
}

int
store_count(struct store *s, uint64_t *orgs, uint64_t *members)
{
	MDB_txn *txn = NULL;
	MDB_stat so, sm;
	int rc;

	if ((rc = rd_begin(s, &txn)) != 0)
		return rc;
	rc = mdb_stat(txn, s->dbi[DB_ORGS], &so) != 0 ||
	    mdb_stat(txn, s->dbi[DB_MEMBERS], &sm) != 0 ? STORE_EIO : 0;
	mdb_txn_abort(txn);
	if (rc == 0) {
		*orgs = so.ms_entries;
		*members = sm.ms_entries;
	}
	return rc;
}

/* ---- scope: a clerk's subtree (store_set_scope) ---- */

void
store_set_scope(struct store *s, uint64_t org)
{
	s->scope = org;
}

/* Is organisation org the scope or below it (always when unscoped)? */
static int
in_scope(struct store *s, MDB_txn *txn, uint64_t org)
{
	struct org *o;
	uint64_t id = org;
	int depth, mrc, yes = 0;

	if (s->scope == 0)
		return 1;
	if (org == s->scope)
		return 1;
	if ((o = malloc(sizeof *o)) == NULL)
		return 0;
	for (depth = 0; id != 0 && depth < 64; depth++) {
		if (id == s->scope) {
			yes = 1;
			break;
		}
		if (load_org_how(s, txn, id, o, &mrc, LOAD_HEAD) != 0)
			break;
		id = o->parent;
	}
	free(o);
	return yes;
}

/* Is member id in a branch within the scope? */
static int
member_in_scope(struct store *s, MDB_txn *txn, uint64_t id)
{
	struct member *m;
	int mrc, yes;

	if (s->scope == 0)
		return 1;
	if ((m = malloc(sizeof *m)) == NULL)
		return 0;
	yes = load_member(s, txn, id, m, &mrc) == 0 && in_scope(s, txn, m->branch);
	free(m);
	return yes;
}

/* ---- the review workflow (review.h; store.h "the review workflow") ----
 *
 * The review fields of rec_meta are written here only: store_txn_review's
 * transitions, and t_rev_on_save (the reset of an edit, the lock) called
 * by the saves.  The "review" table keeps per branch what the progress
 * board shows, changed with the counts (t_count calls t_rev_count):
 * three u64 (初核通过, 复核通过, with an open return; present members),
 * the i64 time of the last change and its login (the rest of the value).
 */

#define RV_FIXED (RV_N * 8 + 8)

static void
rev_decode(const MDB_val *v, struct store_review_counts *c)
{
	const unsigned char *p = v->mv_data;
	size_t n;

	memset(c, 0, sizeof *c);
	if (v->mv_size < RV_FIXED)
		return;
	c->checked = get_le(p, 8);
	c->reviewed = get_le(p + 8, 8);
	c->returned = get_le(p + 16, 8);
	c->last_at = (int64_t)get_le(p + 24, 8);
	n = v->mv_size - RV_FIXED;
	if (n >= sizeof c->last_by)
		n = sizeof c->last_by - 1;
	memcpy(c->last_by, p + RV_FIXED, n);
	c->last_by[n] = '\0';
}

/* The pending entry of branch in t, made when missing (flushing when
 * full); NULL on an LMDB failure. */
static struct rev_pend *
t_rev_slot(struct store_txn *t, uint64_t branch)
{
	size_t i;

	for (i = t->n_rv; i > 0; i--)
		if (t->rv[i - 1].branch == branch)
			return &t->rv[i - 1];
	if (t->n_rv == CNT_PENDING && t_rev_flush(t) != 0)
		return NULL;
	i = t->n_rv++;
	memset(&t->rv[i], 0, sizeof t->rv[i]);
	t->rv[i].branch = branch;
	return &t->rv[i];
}

static void
rev_last(struct rev_pend *p, int64_t at, const char *by)
{
	if (at != 0 && at >= p->last_at) {
		p->last_at = at;
		rec_strcpy(p->last_by, sizeof p->last_by, by);
	}
}

/* Add (sign +1) or take away (-1) what a member stored with meta counts
 * in branch's review counts; an added one's change is the branch's last
 * when it is the latest. */
static int
t_rev_count(struct store_txn *t, uint64_t branch, const struct rec_meta *meta,
    int sign)
{
	struct rev_pend *p = t_rev_slot(t, branch);

	if (p == NULL)
		return STORE_EIO;
	if (sign > 0)
		rev_last(p, meta->changed_at, meta->changed_by);
	if (meta->removed != RM_NONE)
		return 0;
	if (meta->review == REV_CHECKED)
		p->d[RV_CHECKED] += sign;
	else if (meta->review == REV_REVIEWED)
		p->d[RV_REVIEWED] += sign;
	if (meta->n_return > 0)
		p->d[RV_RETURNED] += sign;
	return 0;
}

/* The branch's 附件1 changed now (by this transaction's login). */
static int
t_rev_touch(struct store_txn *t, uint64_t branch)
{
	struct rev_pend *p = t_rev_slot(t, branch);

	if (p == NULL)
		return STORE_EIO;
	rev_last(p, t->now, t->s->user);
	return 0;
}

static int
t_rev_flush(struct store_txn *t)
{
	unsigned char k[8], v[RV_FIXED + REC_SHORT_MAX];
	struct store_review_counts c;
	MDB_val key = { 8, k }, val;
	size_t i, n;
	int j, mrc;

	for (i = 0; i < t->n_rv; i++) {
		struct rev_pend *p = &t->rv[i];
		uint64_t cur[RV_N];

		put_be64(k, p->branch);
		mrc = mdb_get(t->txn, t->s->dbi[DB_REVIEW], &key, &val);
		if (mrc != 0 && mrc != MDB_NOTFOUND)
			return t_fail(t, mrc, NULL);
		if (mrc == MDB_NOTFOUND)
			memset(&c, 0, sizeof c);
		else
			rev_decode(&val, &c);
		cur[RV_CHECKED] = c.checked;
		cur[RV_REVIEWED] = c.reviewed;
		cur[RV_RETURNED] = c.returned;
		for (j = 0; j < RV_N; j++) {
			int64_t x = (int64_t)cur[j] + p->d[j];

			put_le(v + 8 * j, x < 0 ? 0 : (uint64_t)x, 8);
		}
		if (p->last_at != 0 && p->last_at >= c.last_at) {
			c.last_at = p->last_at;
			memcpy(c.last_by, p->last_by, sizeof c.last_by);
		}
		put_le(v + 8 * RV_N, (uint64_t)c.last_at, 8);
		n = strlen(c.last_by);
		memcpy(v + RV_FIXED, c.last_by, n);
		if (t_put(t, DB_REVIEW, k, 8, v, RV_FIXED + n, 0, NULL) != 0)
			return STORE_EIO;
	}
	t->n_rv = 0;
	return 0;
}

/* Recount every branch's review counts and last change from the records
 * (schema 3 -> 4, and a repair). */
static int
t_rev_rebuild(struct store_txn *t, char **cause)
{
	MDB_cursor *cur = NULL;
	MDB_val k, v;
	struct member *m;
	struct org *o;
	int mrc, rc = 0;

	m = malloc(sizeof *m);
	o = malloc(sizeof *o);
	if (m == NULL || o == NULL) {
		rc = t_fail(t, ENOMEM, cause);
		goto out;
	}
	member_init(m);
	t->n_rv = 0;
	if ((mrc = mdb_drop(t->txn, t->s->dbi[DB_REVIEW], 0)) != 0 ||
	    (mrc = mdb_cursor_open(t->txn, t->s->dbi[DB_MEMBERS], &cur)) != 0) {
		rc = t_fail(t, mrc, cause);
		goto out;
	}
	while ((mrc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		if (k.mv_size != 8 || dec_member_reset(&v, m) != 0)
			continue;
		if ((rc = t_rev_count(t, m->branch, &m->meta, 1)) != 0)
			goto out;
	}
	mdb_cursor_close(cur);
	cur = NULL;
	if (mrc != MDB_NOTFOUND) {
		rc = t_fail(t, mrc, cause);
		goto out;
	}
	if ((mrc = mdb_cursor_open(t->txn, t->s->dbi[DB_ORGS], &cur)) != 0) {
		rc = t_fail(t, mrc, cause);
		goto out;
	}
	while ((mrc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		struct rev_pend *p;

		if (k.mv_size != 8 || dec_org(&v, o, LOAD_HEAD) != 0 ||
		    !org_is_branch(o->category))
			continue;
		if ((p = t_rev_slot(t, o->meta.id)) == NULL) {
			rc = STORE_EIO;
			goto out;
		}
		rev_last(p, o->meta.changed_at, o->meta.changed_by);
	}
	if (mrc != MDB_NOTFOUND)
		rc = t_fail(t, mrc, cause);
	else
		rc = t_rev_flush(t);
out:
	if (cur != NULL)
		mdb_cursor_close(cur);
	free(m);
	free(o);
	return rc;
}

int
store_branch_review(struct store *s, uint64_t branch,
    struct store_review_counts *c)
{
	unsigned char k[8];
	MDB_txn *txn = NULL;
	MDB_val key = { 8, k }, val;
	int mrc;

	if (s == NULL || c == NULL)
		return STORE_EINVAL;
	memset(c, 0, sizeof *c);
	if (s->schema < 4)              /* an older database opened read-only */
		return 0;
	if (rd_begin(s, &txn) != 0)
		return STORE_EIO;
	put_be64(k, branch);
	if (s->scope != 0 && !in_scope(s, txn, branch))
		mrc = MDB_NOTFOUND;
	else
		mrc = mdb_get(txn, s->dbi[DB_REVIEW], &key, &val);
	if (mrc == 0)
		rev_decode(&val, c);
	rd_end(s, txn);
	return mrc == 0 || mrc == MDB_NOTFOUND ? 0 : STORE_EIO;
}

/* The caller's meta takes the review fields the store holds. */
static void
t_rev_give(struct rec_meta *dst, const struct rec_meta *nm)
{
	size_t i;

	dst->review = nm->review;
	memcpy(dst->checked_by, nm->checked_by, sizeof dst->checked_by);
	dst->checked_at = nm->checked_at;
	memcpy(dst->reviewed_by, nm->reviewed_by, sizeof dst->reviewed_by);
	dst->reviewed_at = nm->reviewed_at;
	dst->n_return = nm->n_return;
	for (i = 0; i < nm->n_return && i < REC_RETURN_MAX; i++)
		dst->ret[i] = nm->ret[i];
}

/* 1 when the fields of table tab differ between records a and b. */
static int
fields_differ(const void *a, const void *b, const struct fdesc *tab, size_t n)
{
	const unsigned char *x = a, *y = b;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct fdesc *f = &tab[i];

		switch (f->type) {
		case F_STR:
			if (strcmp((const char *)x + f->off, (const char *)y + f->off) != 0)
				return 1;
			break;
		case F_U64:
		case F_I64:
			if (memcmp(x + f->off, y + f->off, 8) != 0)
				return 1;
			break;
		case F_INT:
		case F_I32A:
			if (memcmp(x + f->off, y + f->off, 4) != 0)
				return 1;
			break;
		}
	}
	return 0;
}

/* 1 when the draft state or the confirmations differ. */
static int
meta_edit_differs(const struct rec_meta *a, const struct rec_meta *b)
{
	size_t i;

	if (a->state != b->state || a->n_confirm != b->n_confirm)
		return 1;
	for (i = 0; i < a->n_confirm && i < REC_CONFIRM_MAX; i++)
		if (strcmp(a->confirm[i].rule, b->confirm[i].rule) != 0)
			return 1;
	return 0;
}

static int
member_edit_differs(const struct member *a, const struct member *b)
{
	return meta_edit_differs(&a->meta, &b->meta) ||
	    fields_differ(a, b, member_fields, NFIELDS(member_fields));
}

static int
org_edit_differs(const struct org *a, const struct org *b)
{
	size_t u;

	if (meta_edit_differs(&a->meta, &b->meta) || a->n_units != b->n_units ||
	    fields_differ(a, b, org_fields, NFIELDS(org_fields)))
		return 1;
	for (u = 0; u < a->n_units; u++)
		if (fields_differ(&a->units[u], &b->units[u], unit_fields,
		    NFIELDS(unit_fields)))
			return 1;
	return 0;
}

/* A save of a record stored with old, edited into in (changed: a field,
 * the draft state or the confirmations differ), whose new meta is nm:
 * refused when old is locked; back to 录入 (*reset) when it was 初核通过. */
static int
t_rev_on_save(struct store_txn *t, const struct rec_meta *old,
    const struct rec_meta *in, int changed, struct rec_meta *nm, int *reset,
    char **cause)
{
	(void)t;
	(void)in;
	*reset = 0;
	if (!changed)
		return 0;
	if (old->review == REV_REVIEWED) {
		cause_set(cause, STORE_LOCKED_TEXT);
		return STORE_ELOCKED;
	}
	if (old->review == REV_CHECKED) {
		nm->review = REV_ENTRY;
		nm->checked_by[0] = '\0';
		nm->checked_at = 0;
		*reset = 1;
	}
	return 0;
}

/* The Chinese label of field key of a member (org 0) or an organisation,
 * NULL when there is no such field. */
static const char *
rev_field_label(int org, const char *key)
{
	const struct sch_field *f;
	size_t i;

	if (!org)
		return (f = sch_member_field(key)) != NULL ? f->label : NULL;
	for (i = 0; i < SCH_ORG_N; i++)
		if (strcmp(sch_org[i].key, key) == 0)
			return sch_org[i].label;
	return NULL;
}

int
store_txn_review(struct store_txn *t, const struct store_review *r,
    char **cause)
{
	union {
		struct member m;
		struct org o;
	} *rec = NULL;
	struct rec_meta *meta, nm;
	const char *name, *label = NULL, *field;
	char text[REC_TEXT_MAX * 2 + 160], date[REC_DATE_MAX];
	int org, rc = 0;
	size_t i;

	if (cause != NULL)
		*cause = NULL;
	if (t == NULL || r == NULL || (r->kind != AUK_MEMBER && r->kind != AUK_ORG))
		return STORE_EINVAL;
	if (t->fatal)
		return STORE_EIO;
	org = r->kind == AUK_ORG;
	/* zeroed: an empty org whose units the load owns (org_free below) */
	if ((rec = calloc(1, sizeof *rec)) == NULL)
		return t_fail(t, ENOMEM, cause);
	rc = org ? t_org_for_change(t, r->id, r->version, r->version != 0,
	    &rec->o, cause) : t_member_for_change(t, r->id, r->version,
	    r->version != 0, &rec->m, cause);
	if (rc != 0)
		goto out;
	meta = org ? &rec->o.meta : &rec->m.meta;
	name = org ? rec->o.name : rec->m.name;
	if (r->check != NULL && (rc = r->check(t, rec, r->ud, cause)) != 0)
		goto out;
	nm = *meta;
	field = r->field != NULL ? r->field : "";
	switch (r->op) {
	case SR_PASS:
		if (r->state == REV_CHECKED && meta->review == REV_ENTRY) {
			nm.review = REV_CHECKED;
			rec_strcpy(nm.checked_by, sizeof nm.checked_by, t->s->user);
			nm.checked_at = t->now;
			if (meta->n_return > 0)
				snprintf(text, sizeof text, "初核通过（关闭退回意见 %zu 条）",
				    meta->n_return);
			else
				snprintf(text, sizeof text, "初核通过");
			nm.n_return = 0;
		} else if (r->state == REV_REVIEWED && meta->review == REV_CHECKED) {
			nm.review = REV_REVIEWED;
			rec_strcpy(nm.reviewed_by, sizeof nm.reviewed_by, t->s->user);
			nm.reviewed_at = t->now;
			snprintf(text, sizeof text, "复核通过");
		} else {
			cause_set(cause, "%s 当前为%s，不能%s", name,
			    meta->review == REV_CHECKED ? "初核通过" :
			    meta->review == REV_REVIEWED ? "复核通过" : "录入",
			    r->state == REV_REVIEWED ? "复核" : "初核");
			rc = STORE_EINVAL;
			goto out;
		}
		if (r->text != NULL && r->text[0] != '\0') {
			size_t l = strlen(text);

			snprintf(text + l, sizeof text - l, "；%s", r->text);
		}
		break;
	case SR_RETURN:
		if (meta->review == REV_REVIEWED) {
			cause_set(cause, "%s: %s", name, STORE_LOCKED_TEXT);
			rc = STORE_ELOCKED;
			goto out;
		}
		if (r->text == NULL || r->text[0] == '\0') {
			cause_set(cause, "退回须写明意见");
			rc = STORE_EINVAL;
			goto out;
		}
		if (field[0] != '\0' && (label = rev_field_label(org, field)) == NULL) {
			cause_set(cause, "没有字段 %s", field);
			rc = STORE_EINVAL;
			goto out;
		}
		if (meta->n_return >= REC_RETURN_MAX) {
			cause_set(cause, "%s 已有 %d 条未处理的退回意见，请等党支部处理后再退回",
			    name, REC_RETURN_MAX);
			rc = STORE_EINVAL;
			goto out;
		}
		i = nm.n_return++;
		memset(&nm.ret[i], 0, sizeof nm.ret[i]);
		rec_strcpy(nm.ret[i].field, sizeof nm.ret[i].field, field);
		rec_strcpy(nm.ret[i].comment, sizeof nm.ret[i].comment, r->text);
		rec_strcpy(nm.ret[i].by, sizeof nm.ret[i].by, t->s->user);
		nm.ret[i].at = t->now;
		if (nm.review == REV_CHECKED) {
			nm.review = REV_ENTRY;
			nm.checked_by[0] = '\0';
			nm.checked_at = 0;
		}
		if (label != NULL)
			snprintf(text, sizeof text, "退回（%s）: %s", label, nm.ret[i].comment);
		else
			snprintf(text, sizeof text, "退回: %s", nm.ret[i].comment);
		break;
	case SR_UNLOCK:
		if (meta->review != REV_REVIEWED) {
			cause_set(cause, "%s 未锁定（未复核通过），无须解锁", name);
			rc = STORE_EINVAL;
			goto out;
		}
		if (r->text == NULL || r->text[0] == '\0') {
			cause_set(cause, "解锁须写明原因");
			rc = STORE_EINVAL;
			goto out;
		}
		nm.review = REV_CHECKED;
		nm.reviewed_by[0] = '\0';
		nm.reviewed_at = 0;
		snprintf(text, sizeof text, "解锁: %s", r->text);
		break;
	case SR_SIGN:
		if (!org) {
			rc = STORE_EINVAL;
			goto out;
		}
		if (meta->review == REV_REVIEWED) {
			cause_set(cause, "%s: %s", name, STORE_LOCKED_TEXT);
			rc = STORE_ELOCKED;
			goto out;
		}
		if (r->secretary == NULL || r->secretary[0] == '\0' ||
		    r->date == NULL || date_normalize(r->date, date) != 0) {
			cause_set(cause, "书记签字须有姓名和日期（YYYY-MM-DD）");
			rc = STORE_EINVAL;
			goto out;
		}
		rec_strcpy(rec->o.signed_by, sizeof rec->o.signed_by, r->secretary);
		rec_strcpy(rec->o.signed_date, sizeof rec->o.signed_date, date);
		rec->o.signed_at = t->now;
		snprintf(text, sizeof text, "书记签字: %s %s", rec->o.signed_by, date);
		break;
	default:
		rc = STORE_EINVAL;
		goto out;
	}
	nm.version = meta->version + 1;
	nm.changed_at = t->now;
	rec_strcpy(nm.changed_by, sizeof nm.changed_by, t->s->user);
	if (org) {
		if ((rc = t_write_org(t, &nm, &rec->o, cause)) != 0)
			goto out;
		if (org_is_branch(rec->o.category) &&
		    (rc = t_rev_touch(t, rec->o.meta.id)) != 0)
			goto out;
	} else if ((rc = t_write_member(t, &nm, &rec->m, 0, cause)) != 0 ||
	    (rc = t_count(t, rec->m.branch, meta, rec->m.category, -1)) != 0 ||
	    (rc = t_count(t, rec->m.branch, &nm, rec->m.category, 1)) != 0)
		goto out;
	*meta = nm;
	rc = t_audit_rec(t, AU_REVIEW, r->kind, rec, rec, text, cause);
out:
	if (org)
		org_free(&rec->o);          /* the units its load took */
	free(rec);
	return rc;
}

static int
one_review(struct store_txn *t, void *ud)
{
	struct one *a = ud;

	return store_txn_review(t, a->rec, a->cause);
}

int
store_review(struct store *s, const struct store_review *r, char **cause)
{
	struct one a;

	memset(&a, 0, sizeof a);
	a.rec = (void *)(uintptr_t)r;
	a.cause = cause;
	if (cause != NULL)
		*cause = NULL;
	return store_write(s, one_review, &a, cause);
}
