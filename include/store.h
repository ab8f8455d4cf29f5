/*
 * store.h - the LMDB store of the organisation tree and the members.
 *
 * src/store.c is the only file that includes lmdb.h.  Every function
 * returns an int rc: 0 (STORE_OK) on success, a negative STORE_E* code on
 * failure, and then fills *cause (when cause is not NULL) with a Chinese
 * one-line message the caller frees.  On error nothing was written.
 *
 * Layout (named databases in one environment, a directory):
 *   meta      "schema" -> u32 schema version; "next_id" -> u64;
 *             "set." + name -> a text setting (store_setting_get)
 *   orgs      u64 id (big-endian) -> encoded struct org (without units)
 *   children  u64 parent + u64 seq -> u64 child id   (order of the tree; parent 0 = top)
 *   units     u64 org id + u32 index -> encoded struct unit
 *   members   u64 id -> encoded struct member
 *   branch    u64 branch id + u64 seq -> u64 member id (reported order)
 *   idcard    公民身份证号 -> u64 member id (unique, removed members too)
 *   names     姓名 -> u64 member id (MDB_DUPSORT)
 *   orgnames  党组织名称 -> u64 org id (unique)
 *   search    u64 id / 16 -> the ID numbers and phones of those 16
 *             members, packed for substring search (schema 2; store.c
 *             "the search table")
 *   counts    u64 branch id -> five u64 little-endian: present members,
 *             正式党员, 预备党员, drafts, removed (struct store_counts),
 *             updated by every save in its own transaction (schema 2; the
 *             migration from 1 counts every member once)
 *   opstats   login + NUL + day -> six u64 counters (struct store_opstat;
 *             schema 3)
 *   verify    u64 branch + u64 member -> a double-keying sample entry
 *             (struct store_verify, encoded field by field; schema 3)
 *   initials  pinyin initials of 姓名 ("wjh") -> u64 member id
 *             (MDB_DUPSORT; schema 3, built from names by its migration;
 *             initials.h)
 *   review    u64 branch id -> the review counts of its members: three
 *             u64 (初核通过, 复核通过, with an open return), the i64 time
 *             of the last change of a member or of the branch's 附件1,
 *             and its login (struct store_review_counts), updated with
 *             "counts" (schema 4: every older record is 录入, so its
 *             migration fills the last changes only; review.h)
 *   orgmarks  u64 org id -> u32 errors + u32 unconfirmed warnings
 *             (little-endian): validate_org's judgement of the
 *             organisation with its units, kept by every save of it in its
 *             own transaction (schema 5); meta "orgrules" -> u32, the
 *             VALIDATE_ORG_RULES they were judged by (validate.h)
 *
 * Encoding: a record is a u16 record-format version (1; 2 for an
 * organisation with more than 16 units; 3 for a member, see "Evolution")
 * followed by items.  In formats 1 and 2 an item is (u8 tag, u16 length,
 * bytes), integers little-endian.  Format 3 (members, issue 15) keeps the
 * tags and gives each item a one-byte head instead of the length: a short
 * string's or a number's length (numbers without their high zero bytes),
 * or a packed value: a word of the frozen table include/schema/words.def
 * (words.h; the code-list names, by number), a word followed by more text
 * (an address after its region), a digit string as a number (公民身份证号,
 * phones), a YYYY-MM-DD date in 3 bytes; store.c's "format 3" comment has
 * the heads.  Anything else stays plain bytes, so every value round-trips.  Strings are UTF-8
 * without NUL; numbers are 8-byte (ids, versions, times) or 4-byte (state,
 * removal reason, 党统人数) little-endian; empty strings and zero numbers
 * are left out.  Tags: rec_meta 1-11 (id, version, created_at, changed_at,
 * created_by, changed_by, state, removed, removed_note, removed_at,
 * removed_by), 12 = one confirmation (nested items: 1 rule, 2 by, 3 at),
 * 13-17 the review state (review, checked_by, checked_at, reviewed_by,
 * reviewed_at), 18 = one open return (nested: 1 field, 2 comment, 3 by,
 * 4 at);
 * org 32-42 (parent, name, secretary, contact, phone, category,
 * unit_situation, stat_count, signed_by, signed_at, note); unit 1-4 (name,
 * category, party_status, code); member 64-83 in struct member order
 * (branch, name, sex, ... note).  The fields and their tags are declared
 * once, in include/schema/ (schema.h); store.c pins the released tags.
 * Keys: ids are u64 big-endian, so they sort in number order.
 *
 * Evolution (the choice made for a database many clerks share, where
 * builds of different ages meet):
 *   - Additive changes (a new optional field) take a new tag and need no
 *     version bump.  A build reading a record skips the tags it does not
 *     know, and when it saves that record it carries those items through
 *     unchanged (members, organisations, and units that keep their 党组织
 *     所在单位代码), so an older caiji never drops a newer one's fields.
 *   - Incompatible changes bump STORE_SCHEMA (the database, "schema" in
 *     meta) with one migration step (store_migrate) that store_open runs
 *     on an older database, or FMT_VERSION (the u16 before every record)
 *     for a new encoding.  Both are checked on read: a database or a
 *     record written by a newer schema is refused, never guessed at, with
 *     STORE_ESCHEMA and STORE_NEWER_TEXT (数据库由较新版本的 caiji 写入，
 *     请升级).  A read-only open of an older database is refused too (the
 *     migration needs a write).
 *   - Schema 6 and format 2 (issue 10, B.9): an organisation holds as
 *     many units as it has; builds before held at most 16.  Schema 6 (a
 *     step that changes no record) makes those builds refuse the database
 *     at open with STORE_NEWER_TEXT.  An organisation is also written as
 *     format 2 while it has more than 16 units (the same items; every other
 *     record stays format 1), so a build that knows schema 6 but not this
 *     (a branch merged without it) refuses that record instead of showing,
 *     exporting and saving only 16 of its units.
 *   - Schema 7 and format 3 (issue 15): members are written in format 3
 *     (half the bytes), by every save, gen and import; records of format 1
 *     are read as they are and rewritten only when saved (no mass rewrite
 *     at open).  Schema 7 (a step that changes no record) makes older
 *     builds refuse the database at open.  A format 3 record naming a word
 *     beyond this build's table, or a head it does not know, was written by
 *     a newer caiji: refused with STORE_ESCHEMA like a newer format.  The
 *     word table is append-only (test_schema pins it).
 *   - Schema 8 (issue 15): the records one import or gen transaction
 *     creates are one audit entry naming their id range (AUDIT_FMT 2), not
 *     one entry each; builds before would show such an entry as the first
 *     record's only, so the bump makes them refuse the database.
 *
 * Writes: one save = one write transaction with every index update.  A save
 * states the version it edited (meta.version); if the stored version
 * differs, STORE_ECONFLICT is returned and nothing is written.  No write
 * transaction is ever held while waiting for the user.  MDB_MAP_FULL grows
 * the map and the whole transaction is retried; MDB_MAP_RESIZED is adopted.
 */
#ifndef CAIJI_STORE_H
#define CAIJI_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "merge.h"
#include "record.h"

#define STORE_SCHEMA 8

/* What a clerk reads when a save, removal or move meets a record that
 * passed 复核 (STORE_ELOCKED; review.h). */
#define STORE_LOCKED_TEXT \
	"该记录已复核通过并锁定，不能修改；如需修改，请党委录入员先解锁（caiji review unlock 或界面中的“解锁”）"

/* What a clerk reads when the database (or one of its records) was
 * written by a newer caiji than this one (STORE_ESCHEMA). */
#define STORE_NEWER_TEXT "数据库由较新版本的 caiji 写入，请升级"

enum {
	STORE_OK = 0,
	STORE_ENOTFOUND = -1,   /* no such record */
	STORE_ECONFLICT = -2,   /* the record changed since it was read */
	STORE_EDUP = -3,        /* unique key (ID number, org name) already held */
	STORE_ERULE = -4,       /* tree rule broken (child under a branch, member under a committee...) */
	STORE_ESCHEMA = -5,     /* database of a newer schema */
	STORE_EIO = -6,         /* LMDB or file system error */
	STORE_EINVAL = -7,      /* bad argument */
	STORE_EABORT = -8,      /* a store_write callback asked to abort */
	STORE_ELOCKED = -9,     /* the record passed 复核 and is locked (review.h) */
};

/* Flags for store_open. */
#define STORE_RDONLY  0x1   /* open read-only (no create) */
#define STORE_SHARED  0x2   /* group-shared server database: files 0660, umask 007 */
#define STORE_BULK    0x4   /* bulk writer (import, gen): see below */
#define STORE_FILE    0x8   /* with STORE_RDONLY: dir names a backup's data
                               file itself; opened without a lock file */

/* STORE_BULK opens the map writable (LMDB's MDB_WRITEMAP), so a big write
 * transaction's dirty pages live in the file mapping instead of malloc'd
 * memory: the writer's private memory stays flat however many records one
 * transaction writes.  Consequences:
 *   - LMDB extends data.mdb to the map size as a sparse file (ls shows the
 *     map size; du and mdb_stat -e the pages really used).  The map is
 *     opened at least as large as the file, so opening does not shrink it
 *     under another bulk writer (LMDB truncates the file to the map size
 *     when it maps it; only a bulk writer growing its map between this
 *     open's stat and its mapping could still lose the race).
 *   - Processes with and without the flag share the environment (readers
 *     and writers alike, through Linux's one page cache; test_store.c runs
 *     a plain reader and writer beside a bulk writer).  LMDB's manual warns
 *     that mixing "can defeat durability (mdb_env_sync etc)": that concerns
 *     deferred syncs (MDB_NOSYNC, MDB_MAPASYNC, mdb_env_sync from another
 *     process), which the store never uses; every commit syncs its own
 *     pages before its meta page (msync with the flag, fdatasync without).
 *   - On a full disk a page of the sparse file cannot be allocated when it
 *     is first written and the kernel sends SIGBUS instead of an error;
 *     nothing is committed (the meta page is written last), so the
 *     database is unchanged, but the caller must catch SIGBUS to say so.
 * Ignored with STORE_RDONLY. */

struct store;
struct store_txn;           /* a write transaction inside store_write() */

/* Open (creating when missing) the environment in directory dir.  The
 * directory is created 0700 (0770 with STORE_SHARED).  Stale reader slots
 * are cleared.  initial_map is the initial map size in bytes (0 = default,
 * 64 MiB); it grows as needed.  On success *out is the handle. */
int store_open(struct store **out, const char *dir, unsigned flags,
    size_t initial_map, char **cause);

/* Close the handle; NULL is allowed. */
void store_close(struct store *s);

/* The current map size in bytes (for tests of growth). */
size_t store_map_size(struct store *s);

/* Record attribution: every save stamps changed_by with this user (default:
 * the Unix login name) and changed_at with the current time. */
void store_set_user(struct store *s, const char *user);

/* Limit this handle to the subtree of organisation org (0 = the whole
 * tree; a clerk's role, see app.h): the top level is org itself; reads
 * of records outside it are STORE_ENOTFOUND (name and ID-number look-ups,
 * searches and walks included), and writes outside it are STORE_ERULE
 * with a cause saying so (没有权限...).  A duplicate ID number held
 * outside is reported without naming its holder. */
void store_set_scope(struct store *s, uint64_t org);

/* ---- single-record reads (each a short read transaction) ---- */

/* Hold one read transaction for the reads that follow (the tree screen
 * reads 21,000 organisations and their counts: one transaction instead of
 * one each) until the matching store_read_release; holds nest.  While
 * held, every read sees the same snapshot and writes are refused
 * (STORE_EINVAL).  0 or STORE_EIO. */
int store_read_hold(struct store *s);
void store_read_release(struct store *s);

/* Read organisation id with all its units.  out must be an org (org_init,
 * org_new, or loaded before: record.h): its unit array is reused and grown,
 * and the caller releases it with org_free / org_delete. */
int store_org_get(struct store *s, uint64_t id, struct org *out, char **cause);

/* store_org_get for walks that reuse one org buffer (the same load since
 * the units left the struct).  On error as store_org_get, without a
 * cause. */
int store_org_get_lean(struct store *s, uint64_t id, struct org *out);

/* store_org_get without the units: out->n_units is 0 and the unit array
 * is left as it was (out need not be initialised; a buffer used only for
 * head loads needs no org_free).  For walks that need the name, category,
 * parent and removal only. */
int store_org_get_head(struct store *s, uint64_t id, struct org *out);
int store_member_get(struct store *s, uint64_t id, struct member *out, char **cause);

/* Look-ups; STORE_ENOTFOUND when absent. */
int store_org_by_name(struct store *s, const char *name, uint64_t *id);
int store_member_by_idcard(struct store *s, const char *idcard, uint64_t *id);

/* Ordered ids.  *ids is malloc'd (caller frees), *n its length.
 * store_org_children(s, 0, ...) gives the top-level organisations.
 * Removed records are included; callers filter on meta.removed. */
int store_org_children(struct store *s, uint64_t parent, uint64_t **ids, size_t *n);
int store_branch_members(struct store *s, uint64_t branch, uint64_t **ids, size_t *n);

/* Members whose name contains needle (substring, any position), removed
 * ones included.  *ids as above, in name order. */
int store_member_search_name(struct store *s, const char *needle, uint64_t **ids, size_t *n);

/* Members whose name's pinyin initials begin with q (lower-case letters
 * and digits, at most INITIALS_QUERY_MAX: "wjh" finds 王建华; a character
 * of unknown initial matches any letter), removed ones included, through
 * the initials index (a few range reads, not a scan).  *ids as above, in
 * initials order.  STORE_EINVAL for another query, STORE_EIO when iconv
 * lacks GB2312. */
int store_member_search_initials(struct store *s, const char *q, uint64_t **ids,
    size_t *n);

/* Members whose 姓名 (name, len bytes, not NUL-terminated) match() accepts,
 * removed ones included; *ids as above, in name order. */
int store_member_search_name_by(struct store *s,
    int (*match)(const char *name, size_t len, void *ud), void *ud,
    uint64_t **ids, size_t *n);

/* Map the search table in on a thread of its own, in the background: a
 * process's first store_member_search_text otherwise pays a page fault
 * for each of its pages (thousands at a million members: most of the
 * first search's time).  For the TUI's search screen, as it opens (while
 * the clerk types); a second call does nothing.  store_close waits for
 * it (ending it early).  Reads only; 0, or STORE_EIO when no thread could
 * be started (nothing else changes). */
int store_search_warm(struct store *s);

/* Members whose 公民身份证号 or 联系电话 contains needle (a part of an ID
 * number or of a phone number), removed ones included, in id order: all
 * of them (*n is the true count).  Reads the search table (about 31 bytes
 * a member), not the members.  *ids as above. */
int store_member_search_text(struct store *s, const char *needle, uint64_t **ids,
    size_t *n);

/* Streaming read for exports and checks: calls fn for every member of
 * branch in the reported order inside one read transaction (low memory:
 * one member at a time, m valid only during the call).  A non-zero return
 * from fn stops the walk and is returned.  fn may read through the store
 * but must not write (the map cannot grow while this process holds a read
 * transaction). */
int store_member_each(struct store *s, uint64_t branch,
    int (*fn)(const struct member *m, void *ud), void *ud);

/* The member list's page: calls fn for at most n members of branch in
 * the reported order, with each one's seq (its place: a key of the order,
 * spaced so that reordering writes only the entries that move), starting
 * at the first member with seq >= from going down the list (dir > 0;
 * from 0 = the top), or at the last with seq <= from going up (dir < 0;
 * from UINT64_MAX = the end).  Removed members are skipped unless flags
 * has STORE_PAGE_REMOVED.  One read transaction; reads only the members
 * it passes to fn (and the removed ones it skips), whatever the branch
 * size.  m is valid only during the call; a non-zero return from fn stops
 * the walk and is returned. */
#define STORE_PAGE_REMOVED 0x1
int store_branch_page(struct store *s, uint64_t branch, uint64_t from, int dir,
    size_t n, unsigned flags,
    int (*fn)(const struct member *m, uint64_t seq, void *ud), void *ud);

/* Counts for the tree screen (removed members not counted in members,
 * full, probationary, drafts).  Kept by the store (the counts database),
 * so this is one look-up whatever the branch size: 0 with zeros for a
 * branch that never had a member. */
struct store_counts { size_t members, full, probationary, drafts, removed; };
int store_branch_counts(struct store *s, uint64_t branch, struct store_counts *c);

/* One organisation as the tree lists it (store_org_tree). */
struct store_org_row {
	uint64_t id, parent;
	const char *name;           /* 党组织名称, in the tree's names */
	int branch;                 /* org_is_branch(组织类别) */
	int removed;                /* enum rec_removal */
	int draft;                  /* meta.state == REC_DRAFT */
	int errors, unconfirmed;    /* validate_org's counts (kept in orgmarks) */
	struct store_counts c;      /* a branch's members, as store_branch_counts */
	size_t kid0, nkids;         /* its children: kids[kid0 .. kid0 + nkids - 1] */
};

struct store_org_tree {
	struct store_org_row *rows; /* by id, ascending */
	uint64_t *ids;              /* ids[i] == rows[i].id (what a search reads) */
	size_t n;
	uint64_t *kids;             /* children ids grouped by parent, each group
	                             * in the tree's stored order */
	size_t nkids;
	size_t top0, ntop;          /* the top level: kids[top0 .. top0 + ntop - 1] */
	char *names;                /* the rows' names, each NUL-terminated */
	size_t names_len;           /* bytes of names in use */
};

/* Every organisation with what the tree shows of it (name, kind, removal,
 * draft, problem counts, a branch's member counts, children), read in one
 * pass over each table instead of one look-up per organisation: what the
 * start screen needs at tens of thousands of organisations.  Scoped
 * (store_set_scope): only the subtree, its root the one top-level id.
 * Problem counts are the kept ones; when they were judged by other rules
 * (a read-only open of a database an older caiji judged) each
 * organisation is judged here instead.  Fills *t (store_org_tree_free
 * frees it; it is zeroed on failure).  0; STORE_EIO with *cause naming the
 * organisation when a record cannot be read. */
int store_org_tree(struct store *s, struct store_org_tree *t, char **cause);

/* The row of organisation id in t (rows are by id), or NULL. */
const struct store_org_row *store_org_tree_find(const struct store_org_tree *t,
    uint64_t id);

/* Free what store_org_tree filled; *t is zeroed (NULL: nothing). */
void store_org_tree_free(struct store_org_tree *t);

/* ---- single-record writes (each one write transaction) ---- */

/* Save an organisation.  o->meta.id == 0 creates it under o->parent,
 * appended at the end of the parent's children; otherwise o->meta.version
 * must equal the stored version.  Enforces: unique name, no children under
 * a branch, a parent that exists.  On success o->meta (id, version, times,
 * users) is updated in place. */
int store_org_save(struct store *s, struct org *o, char **cause);

/* Saves and the review state (review.h): a save of an existing record
 * keeps the stored review fields (rec_meta.review ... ret) whatever the
 * caller's struct holds; a save that changes a field, the draft state or
 * the confirmations of a 初核通过 record sends it back to 录入 (an
 * AU_REVIEW entry beside the update); of a 复核通过 record it is refused
 * with STORE_ELOCKED (nothing written), as are removing, restoring and
 * moving such a member or organisation. */

/* Save a member.  m->meta.id == 0 creates it appended at the end of
 * m->branch; otherwise m->meta.version must match.  m->branch must be a
 * branch-level org; changing m->branch of an existing member is refused
 * (use store_member_move).  A duplicate 公民身份证号 is STORE_EDUP with
 * *cause naming the branch that holds it.  Updates m->meta in place. */
int store_member_save(struct store *s, struct member *m, char **cause);

/* A save that merges instead of refusing (issue 14, point 10).  base is
 * the record as the clerk loaded it (a struct member / struct org); when
 * the stored version differs from the one edited, the store's record
 * (theirs) is merged into the form's (mine) field by field in the same
 * write transaction (merge.h): fields only one side changed take that
 * side's value, confirmations are united, settle (may be NULL) re-derives
 * the merged record's state (it runs inside the write transaction: no
 * waiting), and the result is saved on top of theirs.  Only fields both
 * sides changed to different values refuse the save: STORE_ECONFLICT,
 * nothing written, r lists them and *theirs (when not NULL) holds the
 * stored record, so the caller can ask and resolve (merge_*_resolve) and
 * save again.  On success *m / *o is the merged record as saved and r
 * names the fields taken from theirs.  base NULL: the plain version check. */
struct store_merge {
	const void *base;
	void (*settle)(void *rec, void *ud);
	void *ud;
	void *theirs;
	struct merge_result r;
};
int store_member_save_merge(struct store *s, struct member *m,
    struct store_merge *mg, char **cause);
int store_org_save_merge(struct store *s, struct org *o,
    struct store_merge *mg, char **cause);

/* Move a member to branch (0 = same branch) placed before member `before`
 * (0 = at the end; STORE_EINVAL when before is not in that branch).
 * version is the member version the caller saw.  The target must be a
 * present branch-level org.  The member's version is bumped only when its
 * branch changes (a reorder does not conflict with an open edit). */
int store_member_move(struct store *s, uint64_t id, uint64_t version,
    uint64_t branch, uint64_t before, char **cause);

/* Swap a member with its nearest present (not removed) neighbour in the
 * branch order: delta -1 = up, +1 = down.  STORE_EINVAL at either end.
 * Removed members keep their places. */
int store_member_shift(struct store *s, uint64_t id, int delta, char **cause);

/* store_member_shift for the member list, which knows where it shows the
 * member: *seq is the member's seq in branch (store_branch_page); the swap
 * is then two writes whatever the branch size (a stale *seq is looked up).
 * On success *seq is the member's new seq. */
int store_member_shift_at(struct store *s, uint64_t id, uint64_t branch,
    uint64_t *seq, int delta, char **cause);

/* Several store_member_shift_at of one branch in one write transaction
 * (one commit: the member list's J/K keys typed ahead of the disk): each
 * moves[i] in order, its seq the hint and then the new seq.  All or
 * none. */
struct store_shift { uint64_t id, seq; int delta; };
int store_member_shifts_at(struct store *s, uint64_t branch,
    struct store_shift *moves, size_t n, char **cause);

/* The same for an organisation among its siblings, and moving an
 * organisation under another parent (0 = top level; before = 0: at the
 * end).  A move under a branch, under itself or under one of its own
 * descendants is STORE_ERULE. */
int store_org_shift(struct store *s, uint64_t id, int delta, char **cause);
int store_org_move(struct store *s, uint64_t id, uint64_t version,
    uint64_t parent, uint64_t before, char **cause);

/* Mark removed with a reason (enum rec_removal, not RM_NONE) and a note
 * (who and when are recorded); restore clears the mark.  Nothing is ever
 * deleted: a removed member keeps its place, its ID number and its name
 * in the indexes.  An organisation that still holds present members or
 * present child organisations cannot be removed (STORE_ERULE); a member
 * of a removed branch, or an org under a removed parent, cannot be
 * restored before it (STORE_ERULE).  Removing twice or restoring a
 * present record is STORE_EINVAL. */
int store_member_remove(struct store *s, uint64_t id, uint64_t version,
    int reason, const char *note, char **cause);
int store_member_restore(struct store *s, uint64_t id, uint64_t version, char **cause);
int store_org_remove(struct store *s, uint64_t id, uint64_t version,
    int reason, const char *note, char **cause);
int store_org_restore(struct store *s, uint64_t id, uint64_t version, char **cause);

/* ---- batches: many writes, one transaction ---- */

/* Run fn inside one write transaction and commit when it returns 0; any
 * other return aborts (nothing written) and is returned.  fn may be called
 * more than once (after the map grows), so it must not keep state between
 * calls except through ud in a way it resets itself; the rec_meta of
 * records saved by an attempt that did not commit is put back as it was,
 * so a retried fn sees its input unchanged.  A refused save inside fn
 * (STORE_EDUP, STORE_ERULE, STORE_ECONFLICT, ...) writes nothing and fn
 * may go on; an LMDB failure makes the whole transaction fail.  Never
 * wait for the user inside fn, and never call the other (non-txn) write
 * functions from it: the writer lock is not recursive. */
int store_write(struct store *s, int (*fn)(struct store_txn *t, void *ud),
    void *ud, char **cause);

/* The same operations, inside a store_write callback. */
int store_txn_org_save(struct store_txn *t, struct org *o, char **cause);
int store_txn_member_save(struct store_txn *t, struct member *m, char **cause);

/* A bulk writer's reader thread encodes a new member's fields beside the
 * writer: store_member_fields_enc puts in its scratch e (store_enc_new,
 * one per thread; store_enc_free) the stored form of every field of m but
 * its branch (the writer's), and returns it and its length in *len, valid
 * until the next call on e; NULL when out of memory.  Pure: no store, no
 * LMDB.  store_txn_member_save_enc is store_txn_member_save with those
 * bytes for the fields of a new member (m->meta.id 0), which must be m's
 * as they were encoded (its branch aside); with len 0, or for a member
 * that exists, it is the same call.  STORE_MEMBER_ENC_MAX bytes hold the
 * fields of any member. */
#define STORE_MEMBER_ENC_MAX (sizeof(struct member))
struct store_enc;
struct store_enc *store_enc_new(void);
void store_enc_free(struct store_enc *e);
const unsigned char *store_member_fields_enc(struct store_enc *e,
    const struct member *m, size_t *len);
int store_txn_member_save_enc(struct store_txn *t, struct member *m,
    const unsigned char *enc, size_t len, char **cause);
int store_txn_org_get(struct store_txn *t, uint64_t id, struct org *out);  /* out as store_org_get */
int store_txn_member_get(struct store_txn *t, uint64_t id, struct member *out);
int store_txn_org_by_name(struct store_txn *t, const char *name, uint64_t *id);
int store_txn_member_by_idcard(struct store_txn *t, const char *idcard, uint64_t *id);

/* ---- operator statistics (issue 14.14) ---- */

/* What one login did on one day, summed over the saves of the forms:
 * records created and changed, keys typed and milliseconds spent on them,
 * fields corrected after the clerk had left them, and errors the checks
 * raised (on leaving a field, and the record's at its save). */
struct store_opstat {
	char user[REC_SHORT_MAX];
	char day[11];                       /* YYYY-MM-DD */
	uint64_t created, changed, keys, ms, corrected, errors;
};

/* Add add's counts to the row of add->user and add->day (created when
 * missing), in one write transaction.  STORE_EINVAL without user or day. */
int store_opstat_add(struct store *s, const struct store_opstat *add, char **cause);

/* Call fn for every row with day >= since (NULL = all), in login then day
 * order, in one read transaction; a non-zero return from fn stops and is
 * returned. */
int store_opstat_each(struct store *s, const char *since,
    int (*fn)(const struct store_opstat *o, void *ud), void *ud);

/* ---- double keying (issue 14.15) ---- */

/* One member of a branch's verification sample: who marked it and how
 * (how: "每3条" / "随机5条, 种子42"), and once re-keyed: who keyed it first
 * (the record's creator) and second, the fields compared and agreeing,
 * and how each difference was resolved. */
struct store_verify {
	uint64_t branch, member;
	char sampled_by[REC_SHORT_MAX];
	int64_t sampled_at;
	char how[64];
	int done;
	char first_by[REC_SHORT_MAX], second_by[REC_SHORT_MAX];
	int64_t done_at;
	uint32_t fields, agreed, kept_first, took_second;
};

/* Write v (its branch and member are the key), replacing what was there. */
int store_verify_put(struct store *s, const struct store_verify *v, char **cause);

/* Call fn for each sample entry of branch (0 = every branch) in branch,
 * then member id order; a non-zero return stops and is returned. */
int store_verify_each(struct store *s, uint64_t branch,
    int (*fn)(const struct store_verify *v, void *ud), void *ud);

/* ---- settings of this database (issue 14.12) ---- */

/* Small text values kept with the data, in meta under "set." + name (the
 * 上报 screen's 序号, 填报人 and directory: "export.dir"), so that every
 * login of this database finds them again. */
#define STORE_SETTING_NAME_MAX 64
#define STORE_SETTING_VALUE_MAX 4096

/* Copy the value of name into buf (size bytes, NUL-terminated).
 * STORE_ENOTFOUND when never set (buf ""), STORE_EINVAL when the value
 * does not fit in buf (buf "": never a cut value) or name is empty or
 * longer than STORE_SETTING_NAME_MAX, STORE_EIO on a read error. */
int store_setting_get(struct store *s, const char *name, char *buf, size_t size);

/* Set name to value (at most STORE_SETTING_VALUE_MAX bytes; "" keeps an
 * empty value) in one write transaction.  STORE_EINVAL on a bad argument
 * or a read-only database (with cause). */
int store_setting_put(struct store *s, const char *name, const char *value, char **cause);

/* ---- evolution of the format (see "Evolution" above) ---- */

/* One migration step: upgrades a database of schema version `from` to
 * from + 1 by passing every record through member() / org() (NULL =
 * that kind is unchanged).  A list of steps ends with what == NULL. */
struct store_migration {
	unsigned from;
	const char *what;                   /* what the step changes, one line */
	void (*member)(struct member *m);
	void (*org)(struct org *o);         /* units included */
	/* run first, inside the step's transaction (NULL = nothing): for a
	 * step that builds an index or table from the records */
	int (*txn)(struct store_txn *t, char **cause);
};

/* Upgrade the open database to schema version target with steps, in one
 * write transaction (records rewritten without a new version, time or
 * user; unknown items carried), then record target in meta.  store_open
 * runs this with the built-in steps when the database is older than
 * STORE_SCHEMA; tests run it with their own.  STORE_ESCHEMA when a step is
 * missing.  0 when the database is already at target. */
int store_migrate(struct store *s, const struct store_migration *steps,
    unsigned target, char **cause);

/* ---- the record encoding, for tests of the on-disk format ---- */

/* The bytes a member / an organisation (without its units) is stored as:
 * *out is malloc'd (caller frees), *len its length.  0 or STORE_EIO. */
int store_member_encode(const struct member *m, unsigned char **out, size_t *len);
int store_org_encode(const struct org *o, unsigned char **out, size_t *len);

/* store_member_encode in record format fmt: 3 (what every save writes) or
 * 1 (what builds before issue 15 wrote, for tests that old records still
 * decode to the same member).  STORE_EIO for another fmt. */
int store_member_encode_as(const struct member *m, int fmt, unsigned char **out,
    size_t *len);

/* Decode stored bytes into *m / *o (reset first).  0; STORE_EIO when the
 * bytes are not a record; STORE_ESCHEMA when the record's format version
 * is newer than this program's (or, in format 3, it names a word or a head
 * this program does not know).  Unknown tags are skipped. */
int store_member_decode(const unsigned char *p, size_t len, struct member *m);
int store_org_decode(const unsigned char *p, size_t len, struct org *o);


/* ---- the audit trail ----
 *
 * Every change is recorded in the write transaction that makes it: one
 * entry per record change (creation with the filled fields; update with
 * each changed field's old and new value; move; reorder; removal with its
 * reason and note; restore), with the login (store_set_user), the time
 * and the SHA-256 of the entry before it, so an edited, moved or deleted
 * entry breaks the chain (store_audit_each with verify).  A row saved by
 * an import is one entry pointing (source) to the import file's entry
 * (name, rows, SHA-256), without the field values of a creation; the
 * records one such transaction creates one after another (ids are
 * consecutive) share one entry naming the range (rec, nrec), so a million
 * generated or imported members cost a few entries, not a million. */

enum store_audit_action {
	AU_CREATE = 1, AU_UPDATE, AU_MOVE, AU_REORDER, AU_REMOVE, AU_RESTORE,
	AU_IMPORT, AU_EXPORT, AU_USER, AU_BACKUP, AU_UNDO,
	AU_REVIEW,                /* a review transition (review.h); text says which */
};
enum store_audit_kind { AUK_MEMBER = 1, AUK_ORG, AUK_UNIT, AUK_FILE, AUK_USER, AUK_DB };

#define STORE_AUDIT_DIFF_MAX 96
#define STORE_AUDIT_FILE_MAX 8

/* One changed field: kind AUK_MEMBER / AUK_ORG, or AUK_UNIT with unit =
 * the unit's number from 1; label is the field's Chinese name. */
struct store_audit_diff {
	unsigned kind, unit, tag;
	const char *label, *old, *new_;
};

/* One file of an import or export. */
struct store_audit_file {
	const char *name;
	uint64_t rows;
	unsigned char sha256[32];
};

/* A decoded entry; its strings are valid during the callback only. */
struct store_audit_entry {
	uint64_t seq;
	int64_t time;
	int action, kind;
	const char *login;
	uint64_t rec;             /* member or organisation id */
	uint64_t nrec;            /* records rec .. rec + nrec - 1: more than 1
	                           * for the creations of one import or gen
	                           * (store_txn_audit_source), whose key, name
	                           * and org are then empty / 0: read the records */
	uint64_t org;             /* the member's branch, or the organisation */
	uint64_t source;          /* the import file's entry, or 0 */
	const char *key;          /* 公民身份证号, 党组织名称, login, folder... */
	const char *name;         /* 姓名 or 党组织名称 */
	const char *text;         /* reason, note, what moved where */
	unsigned char prev[32];   /* hash of the entry before */
	size_t n_diff, n_file;
	struct store_audit_diff diff[STORE_AUDIT_DIFF_MAX];
	struct store_audit_file file[STORE_AUDIT_FILE_MAX];
};

struct store_audit_check {
	uint64_t entries;         /* entries read */
	uint64_t first_bad;       /* first entry where the chain breaks, 0 = intact */
};

/* Append an entry that is not a record change (action AU_EXPORT,
 * AU_IMPORT, AU_USER, AU_BACKUP; key and text may be NULL; files may be
 * NULL with nfiles 0), in its own write transaction / inside t.  *seq
 * (may be NULL) receives its number.  Inside t after
 * store_txn_audit_source, the entry points to that source too. */
int store_audit_note(struct store *s, int action, int kind, const char *key,
    const char *text, const struct store_audit_file *files, size_t nfiles,
    char **cause);
int store_txn_audit_note(struct store_txn *t, int action, int kind,
    const char *key, const char *text, const struct store_audit_file *files,
    size_t nfiles, uint64_t *seq, char **cause);

/* For an import (or gen): the records saved in t from now on are recorded
 * as short entries pointing to entry seq (the file's, written first with
 * store_txn_audit_note): no time or login of their own (the file entry's
 * are shown), and no field values for a creation (an update keeps its
 * changed fields).  Creations with consecutive ids share one entry naming
 * the range (nrec), written before the next entry or at commit.  0 ends
 * it. */
void store_txn_audit_source(struct store_txn *t, uint64_t seq);

/* The next update saved in t restores an earlier value (from entry seq):
 * it is recorded as AU_UNDO naming that entry. */
void store_txn_audit_undo(struct store_txn *t, uint64_t seq);

/* Call fn for every entry in order (a non-zero return stops the walk and
 * is returned).  With verify, the chain is checked as it is read and chk
 * (may be NULL) receives the count and the first broken entry; entries
 * that break it are not passed to fn. */
int store_audit_each(struct store *s, int verify,
    int (*fn)(const struct store_audit_entry *e, void *ud), void *ud,
    struct store_audit_check *chk, char **cause);

/* ---- the review workflow (the rules and the API are review.h) ---- */

/* Kept per branch in the "review" table (see Layout). */
struct store_review_counts {
	uint64_t checked, reviewed, returned;  /* present members 初核通过 /
	                                          复核通过 / with an open return */
	int64_t last_at;                       /* last change, 0 = none */
	char last_by[REC_SHORT_MAX];
};

/* The review counts of branch: one look-up; zeros for a branch without
 * any (or outside the scope).  0 or STORE_EIO. */
int store_branch_review(struct store *s, uint64_t branch,
    struct store_review_counts *c);

/* One review transition (enum store_review_op) on one record. */
enum store_review_op {
	SR_PASS = 1,              /* level: REV_CHECKED or REV_REVIEWED reached */
	SR_RETURN,                /* add an open return (field, text) */
	SR_UNLOCK,                /* 复核通过 -> 初核通过, reason text */
	SR_SIGN,                  /* org: 书记签字 secretary + date */
};
struct store_review {
	int kind;                 /* AUK_MEMBER or AUK_ORG */
	uint64_t id;
	uint64_t version;         /* the version the caller saw, 0 = any */
	int op;                   /* enum store_review_op */
	int state;                /* SR_PASS: the state reached (REV_CHECKED / REV_REVIEWED) */
	const char *field;        /* SR_RETURN: the field key, "" or NULL = the record */
	const char *text;         /* comment, reason, or what the audit entry adds */
	const char *secretary;    /* SR_SIGN: the name */
	const char *date;         /* SR_SIGN: YYYY-MM-DD */
	/* called with the stored record (struct member / struct org, its
	 * review fields as stored) before anything is written, inside the
	 * transaction; a non-zero return refuses: that rc is returned, with
	 * *cause as it set it.  NULL = no check. */
	int (*check)(struct store_txn *t, const void *rec, void *ud, char **cause);
	void *ud;
};

/* Apply r in t: the record's review fields (and for SR_SIGN signed_by,
 * signed_date, signed_at), its version bumped, changed_at/by stamped, the
 * branch's review counts, and one AU_REVIEW audit entry whose text says
 * what happened ("初核通过", "复核通过", "退回（联系电话）: ...", "解锁: ...",
 * "书记签字: 张三 2026-06-01", then r->text for SR_PASS when given).
 * SR_PASS to REV_CHECKED closes the open returns; SR_RETURN sends a
 * 初核通过 record back to 录入.  Refuses: STORE_ELOCKED for SR_RETURN or
 * SR_SIGN on a 复核通过 record; STORE_EINVAL for SR_UNLOCK of a record
 * not locked, SR_RETURN beyond REC_RETURN_MAX open returns or without a
 * comment; STORE_ERULE outside the scope. */
int store_txn_review(struct store_txn *t, const struct store_review *r,
    char **cause);

/* store_txn_review in its own write transaction. */
int store_review(struct store *s, const struct store_review *r, char **cause);

/* ---- users of a shared database (roles: see app.h) ---- */

struct store_user {
	char login[64];
	int role;                 /* enum app_role */
	uint64_t org;             /* the organisation of a 党委 or 支部 clerk */
};

/* Look up login; STORE_ENOTFOUND when absent. */
int store_user_get(struct store *s, const char *login, struct store_user *u);

/* Every user in login order. */
int store_user_each(struct store *s, int (*fn)(const struct store_user *u, void *ud),
    void *ud);

/* Add or change / remove a user, recorded (AU_USER) with text. */
int store_user_put(struct store *s, const struct store_user *u, const char *text,
    char **cause);
int store_user_remove(struct store *s, const char *login, const char *text,
    char **cause);

/* ---- backups ---- */

/* Organisations and members stored (removed ones included). */
int store_count(struct store *s, uint64_t *orgs, uint64_t *members);

/* Write a compacted, consistent copy of the database to the new file path
 * (created 0600 with O_EXCL|O_NOFOLLOW) while others keep working (LMDB's
 * copy with compaction, from one read transaction).  0 or STORE_EIO (the
 * partial file removed). */
int store_backup(struct store *s, const char *path, char **cause);

/* Replace the database file by a compacted copy of it and close s (in
 * every case; s is gone afterwards).  For a database no other process
 * has open (gen's new one): the indexes inserts leave part empty
 * (公民身份证号, 姓名, initials, 党组织名称) are first rewritten in key order
 * so their pages are full (one write transaction), then the copy (LMDB's, with compaction: no free pages,
 * pages renumbered in tree order) is written beside the file as
 * a new 0600 file, given the file's mode, fsync'ed and renamed over it,
 * then the directory is fsync'ed.  0, or STORE_EIO with the database
 * left as it was (the copy removed). */
int store_compact_close(struct store *s, char **cause);

/* Human-readable Chinese text for an rc (static string). */
const char *store_strerror(int rc);

#endif
