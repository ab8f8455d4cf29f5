/*
 * screen.h - declarative screen definitions (the files under screens/), read by the
 * generic engine in src/ui*.c.  Pure data: no curses here and no curses in
 * any screens/ file.  Each screen file defines one `const struct screen_def`,
 * and screens/registry.c lists them in screen_table (tmux cmd_table style).
 *
 * A form screen's fields come from the record schema (schema.h): label,
 * item, type, width, code list, check (enum vkind), default, fixed length,
 * long text and when the field applies are the schema's; the screen adds
 * only the layout (order, row, page) by expanding the schema's .def with
 * SCH_FIELD_DEF.  The engine creates the libform fields from this.  Every
 * screen lists its keys: the key bar and the help screen are drawn from
 * that list.
 */
#ifndef CAIJI_SCREEN_H
#define CAIJI_SCREEN_H

#include <stddef.h>

/* Keys as the engine reports them: a Unicode character (after full-width
 * folding), or one of these codes above the Unicode range. */
enum ukey {
	UK_TAB = 9, UK_ENTER = 13, UK_ESC = 27, UK_SPACE = 32,
	UK_CTRL_B = 2, UK_CTRL_D = 4, UK_CTRL_F = 6, UK_CTRL_L = 12, UK_CTRL_N = 14,
	UK_CTRL_Q = 17, UK_CTRL_S = 19, UK_CTRL_U = 21, UK_CTRL_X = 24,
	UK_BASE = 0x110000,
	UK_F1 = UK_BASE + 1, UK_F2, UK_F3, UK_F4, UK_F5, UK_F6, UK_F7, UK_F8,
	UK_F9, UK_F10,
	UK_UP, UK_DOWN, UK_LEFT, UK_RIGHT, UK_HOME, UK_END, UK_PGUP, UK_PGDN,
	UK_IC, UK_DC, UK_BTAB, UK_BACKSPACE, UK_CUP, UK_CDOWN, UK_RESIZE,
	UK_NONE,
};

/* What a key does. */
enum uaction {
	ACT_NONE = 0,
	ACT_NEXT, ACT_PREV, ACT_HOME, ACT_END, ACT_LEFT, ACT_RIGHT, ACT_BACKSPACE, ACT_DELETE,
	ACT_CLEAR, ACT_SAVE, ACT_LEAVE, ACT_HELP, ACT_QUIT, ACT_PICK, ACT_DITTO,
	ACT_PAGE_NEXT, ACT_PAGE_PREV, ACT_UNIT_ADD, ACT_UNIT_DEL,
	ACT_UP, ACT_DOWN, ACT_OPEN, ACT_NEW, ACT_REMOVE, ACT_SEARCH, ACT_MOVE_UP, ACT_MOVE_DOWN,
	ACT_EDIT_ORG, ACT_TOGGLE, ACT_FIRST, ACT_LAST, ACT_RESTORE, ACT_SHOW_REMOVED,
	ACT_REFRESH, ACT_STATS, ACT_CHECK, ACT_EXPORT, ACT_MOVE_BRANCH,
	ACT_PROBLEMS,
	ACT_PRINT, ACT_IMPORT, ACT_OPSTATS, ACT_VERIFY,
	ACT_HISTORY, ACT_UNDO,
	ACT_YEAR_AFTER,
	ACT_PASS, ACT_PASS_BRANCH, ACT_RETURN, ACT_UNLOCK, ACT_SIGN, ACT_PROGRESS,
};

/* Where a key applies in a form. */
enum { KW_ANY = 0, KW_NOTEXT = 1 };

#define KEY_CODES_MAX 4

struct key_def {
	int action;                   /* enum uaction */
	int codes[KEY_CODES_MAX];     /* enum ukey or characters; 0 ends */
	const char *keys;             /* as the help shows them ("F2 或 Ctrl-S") */
	const char *help;             /* what it does, Chinese */
	const char *bar;              /* key-bar text ("F2保存"), NULL = not on the bar */
	int where;                    /* KW_ANY / KW_NOTEXT (coded and date fields only) */
};

/* Field types: what may be typed, how the value is stored. */
enum ftype {
	FT_TEXT,      /* any printable text */
	FT_CODED,     /* a code-list value: code, pinyin initials or pick list */
	FT_DATE,      /* digits and - . / */
	FT_IDCARD,    /* digits and X */
	FT_PHONE,     /* digits, - and space */
	FT_CODE,      /* letters, digits and - (unit codes) */
	FT_INT,       /* a non-negative number kept in an int32_t (-1 = empty) */
};

/* Which record a field belongs to. */
enum { REC_KIND_MEMBER = 1, REC_KIND_ORG = 2, REC_KIND_UNIT = 3 };

struct field_def {
	const char *key;        /* field key as validate.h reports it ("idcard") */
	const char *label;      /* official label, verbatim */
	int item;               /* item number on the paper form, 0 = added field */
	int row;                /* row on its page, 0 = first form row */
	int width;              /* columns of the entry field (even); 0 = from the list */
	int type;               /* enum ftype */
	int list;               /* enum cl_id, -1 = none */
	int vkind;              /* enum vkind: the check run on leaving the field */
	int required;           /* shown with a mark; checked on save by the record rules */
	int fixed;              /* characters that complete the field (advance), 0 = none */
	int rec;                /* REC_KIND_*: which struct off/size refer to */
	size_t off, size;       /* offsetof / sizeof of the value in that struct */
	/* When shown (NULL = always): rec is the whole struct member / org. */
	int (*shown)(const void *rec);
	int readonly;           /* shown, never edited (所在党支部) */
	const char *dflt;       /* value of a new record, shown and overwritable; NULL = empty */
	int long_text;          /* may be wider than the field: edited by the engine's own
	                         * line editor, scrolled sideways (FT_TEXT and the like) */
};

/* A field holding a set of choices (确认方式: 他人代填、电话确认): picked
 * with ticks, typed as names joined by a separator, stored as its format. */
struct set_def {
	const char *key;                  /* the field's key */
	unsigned n;                       /* choices: bits 1 << 0 .. 1 << (n - 1) */
	int width;                        /* columns of the field */
	/* the name of choice bit; parse typed text (0, or -1 with the part
	 * not understood in bad); format a set as stored (0, or -1) */
	const char *(*name)(unsigned bit);
	int (*parse)(const char *s, unsigned *set, char *bad, size_t bad_n);
	int (*format)(unsigned set, char *out, size_t n);
};

struct form_def {
	int rec;                          /* REC_KIND_MEMBER / REC_KIND_ORG */
	const struct field_def *fields;   /* the main page */
	size_t nfields;
	const struct field_def *unit_fields;  /* one unit page (附件1 items 7-10) */
	size_t nunit_fields;
	size_t units_after;               /* unit fields follow this many main fields */
	/* When unit pages exist (NULL = never). */
	int (*has_units)(const void *rec);
	/* Units a record must have at least (1 for 法人单位, 2 for 联合党支部). */
	int (*min_units)(const void *rec);
	const struct set_def *sets;       /* fields holding sets (NULL = none) */
	size_t nsets;
};

struct ukind_ops;                     /* ui.h: the handlers of a kind of screen */

struct screen_def {
	const char *name;                 /* "member", "tree" ...: ui_open() finds it by this */
	const struct ukind_ops *ops;      /* its kind, drawn by src/ui_<kind>.c */
	const char *title;                /* shown on the top line */
	const struct key_def *keys;
	size_t nkeys;
	const struct form_def *form;      /* form screens only */
};

/* Every screen, NULL-terminated (screens/registry.c, which alone names
 * them: the rest find a screen by its name); the first is the start
 * screen. */
extern const struct screen_def *const screen_table[];

/* The screen named name, NULL when unknown. */
const struct screen_def *screen_find(const char *name);

/* The action bound to key k on screen s; in_text = a text field is current
 * (then KW_NOTEXT bindings do not apply).  ACT_NONE when unbound. */
int screen_key_action(const struct screen_def *s, int k, int in_text);

/* The field with that key in d's main or unit page, NULL when absent. */
const struct field_def *form_field(const struct form_def *d, const char *key);

#endif
