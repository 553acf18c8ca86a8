/*
 * common.h — private toolkit shared by every core module: allocation through
 * the per-object ty_alloc, error reporting into ty_error, buffer appends,
 * UTF-8 validation and decoding, line/column computation and a bump arena.
 * Nothing here is public; the amalgamation (csrc/tinyyes.c) compiles every
 * module as one translation unit, so file-local statics carry a file prefix.
 */
#ifndef TY_COMMON_H
#define TY_COMMON_H

#include "../include/tinyyes.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define TY_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define TY_UNUSED __attribute__((unused))
#else
#define TY_PRINTF(a, b)
#define TY_UNUSED
#endif

/* ---- allocation (alloc may be NULL: libc) ---------------------------- */
void *ty_mem_alloc(const ty_alloc *a, size_t n);
void *ty_mem_realloc(const ty_alloc *a, void *p, size_t old_n, size_t n);
void ty_mem_free(const ty_alloc *a, void *p);
/* Copies n bytes into a fresh NUL-terminated allocation; NULL on OOM. */
char *ty_mem_dup(const ty_alloc *a, const char *s, size_t n);
/* a*b with overflow check: false on overflow. */
bool ty_size_mul(size_t a, size_t b, size_t *out);

/* ---- errors ------------------------------------------------------------ */
/* Resets err to "no error" (accepts NULL). */
void ty_err_clear(ty_error *err);
/* Sets code/domain and a formatted message; returns code for tail calls.
 * Keeps any path/line/col already set. Accepts err == NULL. */
int ty_err_set(ty_error *err, int domain, int code, const char *fmt, ...) TY_PRINTF(4, 5);
/* ty_err_set with a va_list; a non-empty prefix is written first as
 * "prefix: message" (the form path-naming errors use). One UTF-8-safe trim
 * when the result overflows the fixed message. Accepts err == NULL. */
int ty_err_setv(ty_error *err, int domain, int code, const char *prefix, const char *fmt, va_list ap);
/* Sets the JSON path (formatted) on err. Accepts NULL. */
void ty_err_path(ty_error *err, const char *fmt, ...) TY_PRINTF(2, 3);
/* vsnprintf into dst (cap > 0 bytes, NUL-terminated); returns the length
 * written, cut to cap - 1 (0 on an encoding error). */
size_t ty_vformat(char *dst, size_t cap, const char *fmt, va_list ap);
/* Sets offset and computes line/col (1-based, col in code points) in src. */
void ty_err_at(ty_error *err, const char *src, size_t len, size_t offset);
/* Reports OOM (never allocates). Returns TY_E_NOMEM. */
int ty_err_nomem(ty_error *err, int domain);

/* ---- buffers ----------------------------------------------------------- */
/* Ensures room for `extra` more bytes plus a NUL; TY_E_NOMEM on failure. */
int ty_buf_reserve(ty_buf *b, size_t extra);
/* Appends n bytes (inline: writers call it for every comma and quote). */
static inline int ty_buf_append(ty_buf *b, const char *s, size_t n) {
    if (!b->ptr || b->cap - b->len <= n) {
        int rc = ty_buf_reserve(b, n);
        if (rc) return rc;
    }
    if (n) memcpy(b->ptr + b->len, s, n);
    b->len += n;
    b->ptr[b->len] = '\0';
    return TY_OK;
}
static inline int ty_buf_putc(ty_buf *b, char c) {
    if (!b->ptr || b->cap - b->len <= 1) {
        int rc = ty_buf_reserve(b, 1);
        if (rc) return rc;
    }
    b->ptr[b->len++] = c;
    b->ptr[b->len] = '\0';
    return TY_OK;
}
int ty_buf_puts(ty_buf *b, const char *s); /* NUL-terminated literal */
/* True when one of the 8 bytes at s is a control character, '"' or '\\'
 * (bytes of UTF-8 past ASCII are none of these). */
static inline uint64_t ty_json_special_bits8(const char *s) {
    uint64_t w;
    memcpy(&w, s, 8);
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t ctl = (w - ones * 0x20) & ~w;               /* a byte below 0x20 */
    uint64_t quote = w ^ (ones * '"'), bslash = w ^ (ones * '\\');
    uint64_t eq = ((quote - ones) & ~quote) | ((bslash - ones) & ~bslash); /* a byte equal to either */
    return (ctl | eq) & highs; /* the lowest byte's flag is exact; borrows may flag bytes above it */
}
static inline bool ty_json_special8(const char *s) {
    return ty_json_special_bits8(s) != 0;
}
/* True for the bytes a JSON string must escape, or that end it: control
 * characters, '"' and '\\'. */
extern const bool ty_json_special_bytes[256];
static inline bool ty_json_special_byte(unsigned char c) {
    return ty_json_special_bytes[c];
}
/* The offset (0..8) of the first special byte (ty_json_special_byte) among
 * the 8 at s; 8 when there is none. */
static inline size_t ty_json_special_at8(const char *s) {
    uint64_t bits = ty_json_special_bits8(s);
    if (!bits) return 8;
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(bits) / 8; /* the lowest flag is the first byte in memory */
#else
    size_t k = 0;
    while (!ty_json_special_byte((unsigned char)s[k])) k++;
    return k;
#endif
}

/* True when s[i] (of s[a..b)) starts a dash that parts two clauses: a
 * hyphen with a space either side (" - ", not the one of "tune-up"), or
 * U+2013 or U+2014. */
static inline bool ty_dash_at(const char *s, size_t a, size_t b, size_t i) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == '-') return i > a && i + 1 < b && s[i - 1] == ' ' && s[i + 1] == ' ';
    return ch == 0xE2 && i + 2 < b && (unsigned char)s[i + 1] == 0x80 &&
           ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94);
}

/* Appends s as a JSON string literal with quotes and escapes. */
int ty_buf_json_string(ty_buf *b, const char *s, size_t n);

/* ---- UTF-8 ------------------------------------------------------------- */
/* 0 when s is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF);
 * otherwise TY_E_UTF8 and *bad = offset of the first bad byte. */
int ty_utf8_check(const char *s, size_t len, size_t *bad);
/* Decodes one code point at s[i] of valid UTF-8; returns its byte length
 * (1..4) and stores the code point. Input must be pre-validated. */
int ty_utf8_decode(const char *s, size_t len, size_t i, int32_t *cp);
/* Encodes cp into dst (>= 4 bytes); returns byte length. */
int ty_utf8_encode(int32_t cp, char *dst);
/* Number of code points in valid UTF-8 s[0..len). */
size_t ty_utf8_count(const char *s, size_t len);
/* Validates a text input at an API boundary: UTF-8, no NUL (when !allow_nul)
 * and len <= max (when max). Sets err (domain given) and returns a code. */
int ty_text_input(const char *s, size_t len, size_t max, bool allow_nul,
                  int domain, const char *what, ty_error *err);

/* ---- arena --------------------------------------------------------------- */
/* A bump allocator: many small allocations released in one go. */
typedef struct ty_arena_block ty_arena_block;
typedef struct ty_arena {
    const ty_alloc *alloc;
    ty_arena_block *head;
    size_t used;   /* bytes handed out, for stats */
    size_t total;  /* bytes reserved from the allocator */
} ty_arena;

/* One block of an arena; its data follows the header. */
struct ty_arena_block {
    ty_arena_block *next;
    size_t cap, used;
    /* data follows, 16-byte aligned by the header size */
    max_align_t align_[];
};

void ty_arena_init(ty_arena *a, const ty_alloc *alloc);
/* ty_arena_alloc when the head block has no room: a new block. */
void *ty_arena_alloc_block(ty_arena *a, size_t n);

/* Returns 8-byte aligned memory or NULL on OOM (owned by a, freed with it).
 * Inline: the common case is a bump of the head block. */
static inline void *ty_arena_alloc(ty_arena *a, size_t n) {
    n = (n + 7u) & ~(size_t)7u;
    if (n == 0) n = 8;
    ty_arena_block *b = a->head;
    if (!b || b->cap - b->used < n) return ty_arena_alloc_block(a, n);
    void *p = (char *)(b + 1) + b->used;
    b->used += n;
    a->used += n;
    return p;
}
/* Copies s[0..n) plus a NUL; NULL on OOM. */
char *ty_arena_dup(ty_arena *a, const char *s, size_t n);
/* Releases every block. */
void ty_arena_free(ty_arena *a);

/* ---- values: the builder is public (tinyyes.h); the arena is not ------ */
ty_arena *ty_doc_arena(ty_doc *doc);
/* ty_map_put without the key's copy: key must outlive d (a string literal,
 * or bytes d owns). */
int ty_map_put_nocopy(ty_doc *d, ty_value *map, const char *key, size_t klen, ty_value *val);
/* An empty map with room for cap members (it grows past them). */
ty_value *ty_val_map_sized(ty_doc *d, size_t cap);
/* ty_doc_parse (json NULL: empty) with these limits (0: the defaults),
 * its errors reported in `domain` (a playbook's, a stored state's). */
ty_doc *ty_doc_parse_in(const char *json, size_t len, const ty_alloc *alloc, size_t max_bytes, unsigned max_depth,
                        int domain, ty_error *err);
/* Replaces item i of a list or map (same doc; the key stays). */
void ty_val_set_item(ty_value *container, size_t i, ty_value *v);
/* An upper bound of v's compact JSON size; SIZE_MAX past depth 64 or `cap`. */
size_t ty_val_json_bound(const ty_value *v, unsigned depth, size_t cap);

/* ---- numbers without locale ---------------------------------------------- */
/* Parses a JSON-grammar number in s[0..len) without locale; false if not one. */
bool ty_parse_number(const char *s, size_t len, double *out);

#endif /* TY_COMMON_H */
