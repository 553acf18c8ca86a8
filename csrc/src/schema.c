/*
 * schema.c — one path helper for every validator of JSON-shaped input, and
 * the check of an object against a table of its members (schema.h): keys
 * not in the table, keys given twice, required members that are absent and
 * members of the wrong kind, each reported at its path in one wording per
 * table. Allocates nothing: paths and lists live in fixed buffers.
 */
#include "schema.h"

#include <math.h>
#include <stdio.h>

/* ===================================================================== *
 * Paths
 * ===================================================================== */

/* Owns nothing: a length, cut back to a UTF-8 lead byte when over max. */
static size_t sc_cut(const char *s, size_t len, size_t max) {
    if (len <= max) return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n;
}

/* Appends raw bytes to p (owned by the caller), cut at a code point
 * boundary when the path is full. */
static void sc_path_add(sc_path *p, const char *s, size_t n) {
    n = sc_cut(s, n, sizeof p->s - 1 - p->n);
    memcpy(p->s + p->n, s, n);
    p->n += n;
    p->s[p->n] = '\0';
}

/* Fills the caller's p with root; owns nothing. */
static void sc_path_init(sc_path *p, const char *root) {
    p->n = 0;
    p->s[0] = '\0';
    sc_path_add(p, root, strlen(root));
}

/* Pushes ".key" onto the caller's p; the mark restores it. */
static size_t sc_path_key(sc_path *p, const char *key, size_t klen) {
    size_t mark = p->n;
    if (p->n) sc_path_add(p, ".", 1);
    sc_path_add(p, key, klen);
    return mark;
}

/* Pushes a NUL-terminated key onto the caller's p. */
static size_t sc_path_key_s(sc_path *p, const char *key) { return sc_path_key(p, key, strlen(key)); }

/* Pushes "[i]" onto the caller's p; the mark restores it. */
static size_t sc_path_index(sc_path *p, size_t i) {
    size_t mark = p->n;
    char tmp[32];
    int w = snprintf(tmp, sizeof tmp, "[%zu]", i);
    sc_path_add(p, tmp, w > 0 ? (size_t)w : 0);
    return mark;
}

/* Cuts the caller's p back to mark; owns nothing. */
static void sc_path_pop(sc_path *p, size_t mark) {
    p->n = mark;
    p->s[mark] = '\0';
}

/* Formats a whole new path into the caller's p (cut on a code point
 * boundary, with room for an ellipsis, when it overflows). */
static void sc_path_set(sc_path *p, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(p->s, sizeof p->s, fmt, ap);
    va_end(ap);
    p->n = w < 0 ? 0 : (size_t)w < sizeof p->s ? (size_t)w : sc_cut(p->s, strlen(p->s), sizeof p->s - 4);
    p->s[p->n] = '\0';
}

/* Writes the error into the caller's err (path and "path: message");
 * allocates nothing. */
static int sc_failv(const sc_path *p, ty_error *err, int domain, int code, const char *fmt, va_list ap) {
    if (!err) return code;
    memcpy(err->path, p->s, p->n + 1);
    return ty_err_setv(err, domain, code, p->s, fmt, ap);
}

/* sc_failv with arguments; owns nothing. */
static int sc_fail(const sc_path *p, ty_error *err, int domain, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_failv(p, err, domain, code, fmt, ap);
    va_end(ap);
    return rc;
}

/* sc_fail at member `key` of the caller's p (p itself unchanged); owns
 * nothing. */
static int sc_fail_key(const sc_path *p, const char *key, ty_error *err, int domain, int code, const char *fmt, ...) {
    sc_path q = *p;
    sc_path_key_s(&q, key);
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_failv(&q, err, domain, code, fmt, ap);
    va_end(ap);
    return rc;
}

/* ===================================================================== *
 * Member tables
 * ===================================================================== */

/* The key of member i of s (a table string; owns nothing). */
static const char *sc_key(const sc_schema *s, size_t i) { return s->members ? s->members[i].key : s->names[i]; }

/* Member i's spec: its table entry, or s->each (keyless) for a name list. */
static const sc_member *sc_spec(const sc_schema *s, size_t i) { return s->members ? &s->members[i] : &s->each; }

/* The table index of key k[0..kn) in s, or s->n; `hint` (the index after
 * the last key found) is tried first, as maps list keys in table order. */
static size_t sc_find(const sc_schema *s, const char *k, size_t kn, size_t hint) {
    const char first = kn ? k[0] : '\0'; /* tells most keys apart before strlen */
    const char *h = hint < s->n ? sc_key(s, hint) : NULL;
    if (h && h[0] == first && strlen(h) == kn && memcmp(h, k, kn) == 0) return hint;
    for (size_t i = 0; i < s->n; i++) {
        const char *t = sc_key(s, i);
        if (t[0] == first && strlen(t) == kn && memcmp(t, k, kn) == 0) return i;
    }
    return s->n;
}

/* The SC_* bit of v's kind (SC_INTEGER too for a whole number). */
static unsigned sc_kind_of(const ty_value *v) {
    switch (ty_value_kind(v)) {
    case TY_NULL: return SC_NULL;
    case TY_TRUE:
    case TY_FALSE: return SC_BOOL;
    case TY_NUMBER: {
        double x = ty_value_number(v);
        return isfinite(x) && x == floor(x) ? SC_NUMBER | SC_INTEGER : SC_NUMBER;
    }
    case TY_STRING: return SC_STRING;
    case TY_LIST: return SC_LIST;
    default: return SC_MAP;
    }
}

/* True when v has one of the kinds; SC_INTEGER alone takes whole numbers. */
static bool sc_kind_ok(unsigned kinds, const ty_value *v) {
    if (kinds == SC_ANY) return true;
    unsigned k = sc_kind_of(v);
    if (k & SC_INTEGER) return (kinds & (SC_NUMBER | SC_INTEGER)) != 0;
    return (kinds & k) != 0;
}

/* "must be a string or null" from the kinds, into the caller's dst. */
static const char *sc_kinds_text(unsigned kinds, char *dst, size_t cap) {
    static const char *const words[] = {"null",   "true or false", "a number", "a whole number",
                                        "a string", "a list",       "an object"};
    size_t n = (size_t)snprintf(dst, cap, "must be");
    if (kinds & SC_NUMBER) kinds &= ~(unsigned)SC_INTEGER;
    const char *sep = " ";
    for (unsigned b = 0; b < sizeof words / sizeof *words && n < cap; b++) {
        if (!(kinds & (1u << b))) continue;
        n += (size_t)snprintf(dst + n, cap - n, "%s%s", sep, words[b]);
        sep = " or ";
    }
    return dst;
}

/* The unknown-key error at the key (named by at most key_max bytes, cut
 * at the first byte that is not UTF-8 text there), listing the allowed keys when asked; fixed buffers. */
static int sc_unknown(const sc_schema *s, const char *k, size_t kn, sc_path *p, ty_error *err) {
    size_t bad;
    if (s->key_max && kn > s->key_max) kn = s->key_max;
    if (s->key_max && ty_utf8_check(k, kn, &bad)) kn = bad;
    size_t mark = sc_path_key(p, k, kn);
    char list[256] = "";
    size_t n = 0;
    for (size_t a = 0; s->list_allowed && a < s->n; a++) {
        int w = snprintf(list + n, sizeof list - n, "%s%s", a ? ", " : "", sc_key(s, a));
        if (w > 0 && (size_t)w < sizeof list - n) n += (size_t)w;
    }
    int rc = s->list_allowed ? sc_fail(p, err, s->domain, s->code, "%s (allowed: %s)", s->unknown, list)
                             : sc_fail(p, err, s->domain, s->code, "%s", s->unknown);
    sc_path_pop(p, mark);
    return rc;
}

/* Files each key of map v under its table index in found (first one wins),
 * in document order: an unknown or repeated key is the error. */
static int sc_keys(const sc_schema *s, const ty_value *v, sc_path *p, ty_error *err, const ty_value **found) {
    size_t hint = 0;
    for (size_t i = 0; i < ty_value_count(v); i++) {
        size_t kn;
        const char *k = ty_value_key(v, i, &kn);
        if (s->skip && kn && s->skip[0] == k[0] && strlen(s->skip) == kn && memcmp(s->skip, k, kn) == 0) continue;
        size_t j = sc_find(s, k, kn, hint);
        if (j == s->n) {
            if (s->unknown) return sc_unknown(s, k, kn, p, err);
            continue;
        }
        hint = j + 1;
        if (found[j] && s->repeated) {
            size_t mark = sc_path_key(p, k, kn);
            int rc = sc_fail(p, err, s->domain, s->code, "%s", s->repeated);
            sc_path_pop(p, mark);
            return rc;
        }
        if (!found[j]) found[j] = ty_value_item(v, i);
    }
    return TY_OK;
}

/* Member i of s given its value (NULL: absent): missing, wrong kind (both
 * at the member's path), then the caller's visit. */
static int sc_member_check(const sc_schema *s, size_t i, const ty_value *v, const sc_path *p, ty_error *err,
                           sc_visit visit, void *ctx) {
    const sc_member *m = sc_spec(s, i);
    if (!v) {
        if (!m->required) return TY_OK;
        return sc_fail_key(p, sc_key(s, i), err, s->domain, s->code, "%s", m->missing ? m->missing : s->missing);
    }
    if (!sc_kind_ok(m->kinds, v)) {
        char kinds[96];
        return sc_fail_key(p, sc_key(s, i), err, s->domain, s->code, "%s",
                           m->wrong ? m->wrong : sc_kinds_text(m->kinds, kinds, sizeof kinds));
    }
    return visit ? visit(ctx, i, v, p) : TY_OK;
}

/* The whole check (schema.h); writes only found and err. */
static int sc_check(const sc_schema *s, const ty_value *v, sc_path *p, ty_error *err, const ty_value **found,
                    sc_visit visit, void *ctx) {
    for (size_t i = 0; i < s->n; i++) found[i] = NULL;
    if (ty_value_kind(v) != TY_MAP) return s->not_map ? sc_fail(p, err, s->domain, s->code, "%s", s->not_map) : TY_OK;
    int rc = sc_keys(s, v, p, err, found);
    for (size_t i = 0; !rc && i < s->n; i++) rc = sc_member_check(s, i, found[i], p, err, visit, ctx);
    return rc;
}
