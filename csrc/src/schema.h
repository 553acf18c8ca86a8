/*
 * schema.h — checking JSON-shaped input (a ty_value map) against a static
 * table of its members (key, accepted kinds, required or not), and the one
 * path helper every validator names the bad part with:
 *   flows.booking.steps[2].ask    events[3].at    state.slots.day
 * An error is "path: message" with err->path the path (just the message at
 * the root). Each caller keeps its own checks (ranges, enum values, rules
 * across members) after the table's and reports them the same way.
 *
 * Internal to the core: the amalgamation (csrc/tinyyes.c) compiles every
 * module as one translation unit, so the functions stay static (no
 * exported symbol) and are declared only there (TY_BUILDING); a test that
 * includes an internal header sees the types alone.
 */
#ifndef TY_SCHEMA_H
#define TY_SCHEMA_H

#include "common.h"

/* ---- paths ------------------------------------------------------------ */

/* A JSON path being built: members push onto it and pop back. */
typedef struct sc_path {
    char s[TY_ERROR_PATH_MAX];
    size_t n;
} sc_path;

#ifdef TY_BUILDING /* the functions: only the amalgamation defines them */
/* Length of s[0..len) cut to at most max bytes on a code point boundary. */
static size_t sc_cut(const char *s, size_t len, size_t max);
/* Starts p at root ("" for none, e.g. "event" or "state"). */
static void sc_path_init(sc_path *p, const char *root);
/* Appends ".key" ("key" at an empty path); returns the mark to pop back to. */
static size_t sc_path_key(sc_path *p, const char *key, size_t klen);
/* sc_path_key for a NUL-terminated key. */
static size_t sc_path_key_s(sc_path *p, const char *key);
/* Appends "[i]"; returns the mark to pop back to. */
static size_t sc_path_index(sc_path *p, size_t i);
/* Cuts p back to a mark a push returned. */
static void sc_path_pop(sc_path *p, size_t mark);
/* Replaces the whole path (for errors found after a traversal). */
static void sc_path_set(sc_path *p, const char *fmt, ...) TY_PRINTF(2, 3);
/* Sets err (when not NULL) to "path: message" (the message alone at an
 * empty path) with err->path = p's path; returns code. */
static int sc_fail(const sc_path *p, ty_error *err, int domain, int code, const char *fmt, ...) TY_PRINTF(5, 6);
/* sc_fail with a va_list. */
static int sc_failv(const sc_path *p, ty_error *err, int domain, int code, const char *fmt, va_list ap);
/* sc_fail at member `key` of p (p itself unchanged). */
static int sc_fail_key(const sc_path *p, const char *key, ty_error *err, int domain, int code, const char *fmt, ...)
    TY_PRINTF(6, 7);
#endif

/* ---- member tables ------------------------------------------------------ */

/* The kinds a member may take (bits; several may be given). */
enum {
    SC_NULL = 1u << 0,
    SC_BOOL = 1u << 1,
    SC_NUMBER = 1u << 2,
    SC_INTEGER = 1u << 3, /* a whole number (any number when SC_NUMBER is set too) */
    SC_STRING = 1u << 4,
    SC_LIST = 1u << 5,
    SC_MAP = 1u << 6,
    SC_ANY = (1u << 7) - 1u
};

/* One member of an object. */
typedef struct sc_member {
    const char *key;
    unsigned kinds;      /* SC_* bits the value may have */
    bool required;
    const char *wrong;   /* message for another kind (NULL: "must be a string", ...) */
    const char *missing; /* message when required and absent (NULL: the schema's) */
} sc_member;

/* An object's members and how its errors read. */
typedef struct sc_schema {
    const sc_member *members; /* the members, in the order they are checked */
    const char *const *names; /* or, when members is NULL, keys that all take `each` */
    size_t n;
    sc_member each;
    int domain, code;
    const char *not_map;  /* message when the value is no object (NULL: the caller checked) */
    const char *unknown;  /* message for a key not in the table (NULL: such keys pass) */
    bool list_allowed;    /* `unknown` ends " (allowed: k1, k2, ...)" */
    unsigned key_max;     /* an unknown key is named by at most this many bytes (0: all) */
    const char *repeated; /* message for a key given twice (NULL: the first counts) */
    const char *missing;  /* message for an absent required member */
    const char *skip;     /* a key passed over wherever it appears ("sig"), or NULL */
} sc_schema;

/* Called on each present member (index i in the table; p the object's
 * path, so an error names the member with sc_fail_key) right after its kind
 * passed: a caller's check that must come before later members' (a
 * version before anything else). Nonzero stops the check. */
typedef int (*sc_visit)(void *ctx, size_t i, const ty_value *v, const sc_path *p);

#ifdef TY_BUILDING
/* Checks map v against s: the kind (s->not_map), then each key in
 * document order (unknown, repeated), then each table member in table
 * order (missing, wrong kind, visit). found[0..s->n) gets each member's
 * value (NULL when absent). p is left as it was. Returns the error code. */
static int sc_check(const sc_schema *s, const ty_value *v, sc_path *p, ty_error *err, const ty_value **found,
                    sc_visit visit, void *ctx);
#endif

#endif /* TY_SCHEMA_H */
