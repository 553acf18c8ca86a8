/*
 * common.c — the private toolkit every module shares: allocation through a
 * per-object ty_alloc, filling ty_error without allocating, growable buffers,
 * UTF-8 validation, a bump arena, and locale-free number parsing/formatting.
 */
#include "common.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- allocation ------------------------------------------------------- */

void *ty_mem_alloc(const ty_alloc *a, size_t n) {
    if (n == 0) n = 1;
    return a ? a->malloc(a->ctx, n) : malloc(n);
}

void *ty_mem_realloc(const ty_alloc *a, void *p, size_t old_n, size_t n) {
    if (n == 0) n = 1;
    return a ? a->realloc(a->ctx, p, old_n, n) : realloc(p, n);
}

void ty_mem_free(const ty_alloc *a, void *p) {
    if (!p) return;
    if (a) a->free(a->ctx, p);
    else free(p);
}

char *ty_mem_dup(const ty_alloc *a, const char *s, size_t n) {
    if (n == SIZE_MAX) return NULL;
    char *d = ty_mem_alloc(a, n + 1);
    if (!d) return NULL;
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

bool ty_size_mul(size_t a, size_t b, size_t *out) {
    if (a && b > SIZE_MAX / a) return false;
    *out = a * b;
    return true;
}

/* ---- error names ------------------------------------------------------ */

static const struct {
    int code;
    const char *name;
    const char *reason;
} cmn_codes[] = {
    {TY_OK, "TY_OK", "ok"},
    {TY_E_NOMEM, "TY_E_NOMEM", "nomem"},
    {TY_E_ARG, "TY_E_ARG", "arg"},
    {TY_E_UTF8, "TY_E_UTF8", "utf8"},
    {TY_E_NUL, "TY_E_NUL", "nul"},
    {TY_E_LIMIT, "TY_E_LIMIT", "limit"},
    {TY_E_SYNTAX, "TY_E_SYNTAX", "syntax"},
    {TY_E_MISSING, "TY_E_MISSING", "missing"},
    {TY_E_GUARD, "TY_E_GUARD", "guard"},
    {TY_E_DEPTH, "TY_E_DEPTH", "depth"},
    {TY_E_HOST, "TY_E_HOST", "host"},
    {TY_E_JSON, "TY_E_JSON", "json"},
    {TY_E_SCHEMA, "TY_E_SCHEMA", "schema"},
    {TY_E_STATE, "TY_E_STATE", "state"},
    {TY_E_EVENT, "TY_E_EVENT", "event"},
    {TY_E_NOTFOUND, "TY_E_NOTFOUND", "notfound"},
    {TY_E_STALE, "TY_E_STALE", "stale"},
    {TY_E_EXPIRED, "TY_E_EXPIRED", "expired"},
    {TY_E_LATE, "TY_E_LATE", "late"},
};

const char *ty_code_name(int code) {
    for (size_t i = 0; i < sizeof cmn_codes / sizeof cmn_codes[0]; i++)
        if (cmn_codes[i].code == code) return cmn_codes[i].name;
    return "TY_E_UNKNOWN";
}

const char *ty_code_reason(int code) {
    for (size_t i = 0; i < sizeof cmn_codes / sizeof cmn_codes[0]; i++)
        if (cmn_codes[i].code == code) return cmn_codes[i].reason;
    return "unknown";
}

const char *ty_domain_name(int domain) {
    switch (domain) {
    case TY_DOMAIN_TEMPLATE: return "TY_TEMPLATE";
    case TY_DOMAIN_PLAYBOOK: return "TY_PLAYBOOK";
    case TY_DOMAIN_STATE: return "TY_STATE";
    case TY_DOMAIN_EVENT: return "TY_EVENT";
    default: return "TY_ERROR";
    }
}

/* ---- errors ----------------------------------------------------------- */

void ty_err_clear(ty_error *err) {
    if (!err) return;
    err->code = TY_OK;
    err->domain = TY_DOMAIN_NONE;
    err->offset = 0;
    err->line = err->col = 0;
    err->path[0] = '\0';
    err->message[0] = '\0';
}

/* Cuts a formatted message that overflowed at a UTF-8 boundary and marks
 * the cut with an ellipsis, so a truncated message is never invalid text. */
static void cmn_trim_utf8(char *buf, size_t cap, int written) {
    if (written < 0 || (size_t)written < cap) return;
    size_t n = cap - 4; /* room for the 3-byte ellipsis and NUL */
    while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80) n--;
    memcpy(buf + n, "\xE2\x80\xA6", 3);
    buf[n + 3] = '\0';
}

int ty_err_setv(ty_error *err, int domain, int code, const char *prefix, const char *fmt, va_list ap) {
    if (!err) return code;
    err->code = code;
    err->domain = domain;
    size_t cap = sizeof err->message, at = 0;
    if (prefix && prefix[0]) {
        int p = snprintf(err->message, cap, "%s: ", prefix);
        at = p < 0 ? 0 : (size_t)p;
    }
    int w = at < cap ? vsnprintf(err->message + at, cap - at, fmt, ap) : 0;
    if (w < 0 || at + (size_t)w >= cap) cmn_trim_utf8(err->message, cap, (int)cap); /* overflowed */
    return code;
}

int ty_err_set(ty_error *err, int domain, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int rc = ty_err_setv(err, domain, code, NULL, fmt, ap);
    va_end(ap);
    return rc;
}

size_t ty_vformat(char *dst, size_t cap, const char *fmt, va_list ap) {
    int k = vsnprintf(dst, cap, fmt, ap);
    if (k < 0) {
        dst[0] = '\0';
        return 0;
    }
    return (size_t)k >= cap ? cap - 1 : (size_t)k;
}

void ty_err_path(ty_error *err, const char *fmt, ...) {
    if (!err) return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(err->path, sizeof err->path, fmt, ap);
    va_end(ap);
    cmn_trim_utf8(err->path, sizeof err->path, w);
}

void ty_err_at(ty_error *err, const char *src, size_t len, size_t offset) {
    if (!err) return;
    if (offset > len) offset = len;
    unsigned line = 1, col = 1;
    for (size_t i = 0; i < offset; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c == '\n') {
            line++;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {
            col++;
        }
    }
    err->offset = offset;
    err->line = line;
    err->col = col;
}

int ty_err_nomem(ty_error *err, int domain) {
    if (!err) return TY_E_NOMEM;
    err->code = TY_E_NOMEM;
    err->domain = domain;
    memcpy(err->message, "out of memory", sizeof "out of memory");
    return TY_E_NOMEM;
}

/* ---- buffers ---------------------------------------------------------- */

void ty_buf_init(ty_buf *b, const ty_alloc *alloc) {
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->alloc = alloc;
}

void ty_buf_free(ty_buf *b) {
    if (!b) return;
    ty_mem_free(b->alloc, b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

int ty_buf_reserve(ty_buf *b, size_t extra) {
    if (extra > SIZE_MAX - b->len - 1) return TY_E_NOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return TY_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) {
            cap = need;
            break;
        }
        cap *= 2;
    }
    char *p = b->ptr ? ty_mem_realloc(b->alloc, b->ptr, b->cap, cap) : ty_mem_alloc(b->alloc, cap);
    if (!p) return TY_E_NOMEM;
    b->ptr = p;
    b->cap = cap;
    return TY_OK;
}

int ty_buf_puts(ty_buf *b, const char *s) { return ty_buf_append(b, s, strlen(s)); }

/* The control characters, '"' and '\\'. */
const bool ty_json_special_bytes[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
    ['"'] = 1, ['\\'] = 1,
};

int ty_buf_json_string(ty_buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    size_t i = 0;
    for (size_t k = 8; k == 8 && n - i >= 8; i += k) k = ty_json_special_at8(s + i); /* 8 bytes at a time */
    while (i < n && !ty_json_special_byte((unsigned char)s[i])) i++;
    if (i == n) { /* nothing to escape at all (most strings): one copy */
        if (n > SIZE_MAX - 3 || ((!b->ptr || b->cap - b->len <= n + 2) && ty_buf_reserve(b, n + 2))) return TY_E_NOMEM;
        char *d = b->ptr + b->len;
        d[0] = '"';
        if (n) memcpy(d + 1, s, n);
        d[n + 1] = '"';
        d[n + 2] = '\0';
        b->len += n + 2;
        return TY_OK;
    }
    int rc = ty_buf_putc(b, '"');
    size_t run = 0;
    for (; i < n && !rc; i++) {
        while (n - i >= 8 && !ty_json_special8(s + i)) i += 8;
        if (i >= n) break;
        unsigned char c = (unsigned char)s[i];
        if (!ty_json_special_byte(c)) continue;
        rc = ty_buf_append(b, s + run, i - run);
        run = i + 1;
        if (rc) break;
        switch (c) {
        case '"': rc = ty_buf_append(b, "\\\"", 2); break;
        case '\\': rc = ty_buf_append(b, "\\\\", 2); break;
        case '\n': rc = ty_buf_append(b, "\\n", 2); break;
        case '\r': rc = ty_buf_append(b, "\\r", 2); break;
        case '\t': rc = ty_buf_append(b, "\\t", 2); break;
        case '\b': rc = ty_buf_append(b, "\\b", 2); break;
        case '\f': rc = ty_buf_append(b, "\\f", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            rc = ty_buf_append(b, u, 6);
        }
        }
    }
    if (!rc) rc = ty_buf_append(b, s + run, n - run);
    if (!rc) rc = ty_buf_putc(b, '"');
    return rc;
}

/* ---- UTF-8 ------------------------------------------------------------ */

int ty_utf8_check(const char *s, size_t len, size_t *bad) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = u[i];
        if (c < 0x80) {
            i++;
            while (len - i >= 8) { /* ASCII eight bytes at a time */
                uint64_t w;
                memcpy(&w, u + i, 8);
                if (w & 0x8080808080808080ULL) break;
                i += 8;
            }
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            cp = c & 0x07;
        } else {
            goto fail;
        }
        if (len - i < n) goto fail;
        for (size_t k = 1; k < n; k++) {
            if ((u[i + k] & 0xC0) != 0x80) goto fail;
            cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            goto fail;
        i += n;
    }
    return TY_OK;
fail:
    if (bad) *bad = i;
    return TY_E_UTF8;
}

int ty_utf8_decode(const char *s, size_t len, size_t i, int32_t *cp) {
    const unsigned char *u = (const unsigned char *)s + i;
    size_t left = len - i;
    if (u[0] < 0x80 || left < 2) {
        *cp = u[0];
        return 1;
    }
    if (u[0] < 0xE0) {
        *cp = ((int32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    if (u[0] < 0xF0 || left < 4) {
        *cp = ((int32_t)(u[0] & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return 3;
    }
    *cp = ((int32_t)(u[0] & 0x07) << 18) | ((int32_t)(u[1] & 0x3F) << 12) |
          ((int32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
    return 4;
}

int ty_utf8_encode(int32_t cp, char *dst) {
    unsigned char *d = (unsigned char *)dst;
    if (cp < 0x80) {
        d[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        d[0] = (unsigned char)(0xC0 | (cp >> 6));
        d[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        d[0] = (unsigned char)(0xE0 | (cp >> 12));
        d[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        d[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    d[0] = (unsigned char)(0xF0 | (cp >> 18));
    d[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    d[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    d[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t ty_utf8_count(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

int ty_text_input(const char *s, size_t len, size_t max, bool allow_nul, int domain,
                  const char *what, ty_error *err) {
    if (!s && len) return ty_err_set(err, domain, TY_E_ARG, "%s: NULL pointer with length %zu", what, len);
    if (max && len > max)
        return ty_err_set(err, domain, TY_E_LIMIT, "%s is %zu bytes, over the limit of %zu bytes", what, len,
                          max);
    size_t bad = 0;
    if (len && ty_utf8_check(s, len, &bad)) {
        ty_err_at(err, s, len, bad);
        return ty_err_set(err, domain, TY_E_UTF8, "%s is not valid UTF-8 (byte %zu)", what, bad);
    }
    if (!allow_nul && len) {
        const char *z = memchr(s, '\0', len);
        if (z) {
            ty_err_at(err, s, len, (size_t)(z - s));
            return ty_err_set(err, domain, TY_E_NUL, "%s contains a NUL byte (byte %zu)", what,
                              (size_t)(z - s));
        }
    }
    return TY_OK;
}

/* ---- arena ------------------------------------------------------------ */

#define CMN_ARENA_BLOCK 4096u

void ty_arena_init(ty_arena *a, const ty_alloc *alloc) {
    a->alloc = alloc;
    a->head = NULL;
    a->used = a->total = 0;
}

/* n (already rounded) from a new block: the arena owns it. */
void *ty_arena_alloc_block(ty_arena *a, size_t n) {
    ty_arena_block *b = a->head;
    size_t cap = n > CMN_ARENA_BLOCK / 2 ? n : CMN_ARENA_BLOCK;
    if (cap > SIZE_MAX - sizeof(ty_arena_block)) return NULL;
    ty_arena_block *nb = ty_mem_alloc(a->alloc, sizeof(ty_arena_block) + cap);
    if (!nb) return NULL;
    nb->cap = cap;
    nb->used = 0;
    a->total += sizeof(ty_arena_block) + cap;
    if (b && n > CMN_ARENA_BLOCK / 2) {
        /* a big one-off: keep the current block as head for small ones */
        nb->next = b->next;
        b->next = nb;
    } else {
        nb->next = b;
        a->head = nb;
    }
    nb->used = n;
    a->used += n;
    return nb + 1;
}

char *ty_arena_dup(ty_arena *a, const char *s, size_t n) {
    if (n == SIZE_MAX) return NULL;
    char *d = ty_arena_alloc(a, n + 1);
    if (!d) return NULL;
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void ty_arena_free(ty_arena *a) {
    ty_arena_block *b = a->head;
    while (b) {
        ty_arena_block *n = b->next;
        ty_mem_free(a->alloc, b);
        b = n;
    }
    a->head = NULL;
    a->used = a->total = 0;
}

/* ---- numbers ---------------------------------------------------------- */

/* snprintf/strtod honour LC_NUMERIC; a host may have set a locale with a
 * decimal comma. Normalise to '.' after formatting and before parsing. */
static char cmn_decimal_point(void) {
    char probe[8];
    snprintf(probe, sizeof probe, "%.1f", 0.5);
    return probe[1];
}

size_t ty_format_number(double x, char dst[33]) {
    if (x != x || x > DBL_MAX || x < -DBL_MAX) {
        memcpy(dst, "null", 5);
        return 4;
    }
    if (x == 0) { /* also -0 */
        dst[0] = '0';
        dst[1] = '\0';
        return 1;
    }
    if (x >= -9007199254740992.0 && x <= 9007199254740992.0 && x == (double)(int64_t)x) {
        /* whole numbers (times, counts) are most numbers written: digits by
         * hand, as %lld would give them */
        int64_t v = (int64_t)x;
        uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        char rev[20];
        size_t k = 0, n = 0;
        do rev[k++] = (char)('0' + u % 10), u /= 10;
        while (u);
        if (v < 0) dst[n++] = '-';
        while (k) dst[n++] = rev[--k];
        dst[n] = '\0';
        return n;
    }
    /* Shortest text that reads back exactly. If the shortest form has at most
     * 15 significant digits, rounding x to 15 digits reproduces it (x lies far
     * closer to it than half a unit in the 15th digit), and %g drops the
     * trailing zeros; otherwise 16 or 17 digits are needed. So three tries at
     * most, and the first succeeds for nearly every value people write.
     * Subnormals carry fewer significant bits, so the argument fails there. */
    char tmp[40];
    int w = 0;
    bool subnormal = x > -DBL_MIN && x < DBL_MIN; /* fewer bits: search all */
    for (int prec = subnormal ? 1 : 15; prec <= 17; prec++) {
        w = snprintf(tmp, sizeof tmp, "%.*g", prec, x);
        if (strtod(tmp, NULL) == x) break; /* same locale both ways */
    }
    /* the only non-ASCII-digit byte %g can emit besides - + e is the locale's
     * decimal point: print it as '.', whatever the host's LC_NUMERIC says */
    size_t n = 0;
    for (int i = 0; i < w && n < 32; i++) {
        char ch = tmp[i];
        bool plain = (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == 'e';
        dst[n++] = plain ? ch : '.';
    }
    dst[n] = '\0';
    return n;
}

/* The exact powers of ten a double holds (10^22 is the last). */
static const double cmn_pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* A number of valid JSON grammar with at most 15 significant digits and a
 * decimal exponent within 22 of them (times, counts, prices, scores: nearly
 * every number read) as one multiplication or division of two doubles that
 * hold their operands exactly, which IEEE rounds correctly: strtod's value
 * without strtod, its locale or its probe. False for any other number
 * (left to strtod). */
static bool cmn_parse_short(const char *s, size_t len, double *out) {
    size_t i = 0;
    bool neg = s[0] == '-';
    if (neg) i++;
    uint64_t m = 0;
    int sig = 0, e10 = 0;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
        if (m || s[i] != '0') sig++;
        m = m * 10 + (uint64_t)(s[i] - '0');
        if (sig > 15) return false;
    }
    if (i < len && s[i] == '.') {
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            if (m || s[i] != '0') sig++;
            m = m * 10 + (uint64_t)(s[i] - '0');
            e10--;
            if (sig > 15) return false;
        }
    }
    if (i < len) { /* the exponent: a few digits at most */
        i++;
        bool eneg = s[i] == '-';
        if (s[i] == '+' || s[i] == '-') i++;
        int ev = 0;
        for (; i < len; i++) {
            ev = ev * 10 + (s[i] - '0');
            if (ev > 400) return false;
        }
        e10 += eneg ? -ev : ev;
    }
    if (e10 < -22 || e10 > 22) return false;
    double v = (double)m; /* exact: m < 10^15 < 2^53 */
    v = e10 < 0 ? v / cmn_pow10[-e10] : v * cmn_pow10[e10];
    *out = neg ? -v : v;
    return true;
}

bool ty_parse_number(const char *s, size_t len, double *out) {
    /* validate JSON number grammar first */
    size_t i = 0;
    if (i < len && s[i] == '-') i++;
    if (i >= len) return false;
    if (s[i] == '0') {
        i++;
    } else if (s[i] >= '1' && s[i] <= '9') {
        while (i < len && s[i] >= '0' && s[i] <= '9') i++;
    } else {
        return false;
    }
    if (i < len && s[i] == '.') {
        i++;
        size_t d = i;
        while (i < len && s[i] >= '0' && s[i] <= '9') i++;
        if (i == d) return false;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) i++;
        size_t d = i;
        while (i < len && s[i] >= '0' && s[i] <= '9') i++;
        if (i == d) return false;
    }
    if (i != len || len > 350) return false;
    if (cmn_parse_short(s, len, out)) return true;
    char tmp[352];
    char dp = cmn_decimal_point();
    for (size_t k = 0; k < len; k++) tmp[k] = s[k] == '.' ? dp : s[k];
    tmp[len] = '\0';
    double v = strtod(tmp, NULL);
    if (v > DBL_MAX || v < -DBL_MAX) return false;
    *out = v;
    return true;
}
