/*
 * json.c — strict JSON text (RFC 8259) to ty_doc, in one pass.
 *
 * A recursive-descent parser that builds our arena-backed values directly.
 * It is strict where lenient parsers guess: no leading zeros, no raw control
 * characters in strings, no lone surrogates, no numbers out of a double's
 * range or integers past 2^53 (which a double cannot keep exactly), no
 * "\u0000" (our strings are NUL-terminated too), no duplicate keys (found in
 * linear time: big objects hash their keys). Every limit applies while
 * parsing: bytes, nesting depth and the number of values, so a hostile text
 * costs time and memory in proportion to what is accepted. A leading byte
 * order mark (U+FEFF) is ignored. Every error names the line and column and
 * what was expected there ("expected ',' or '}' after an object member").
 * Numbers are converted without the locale (ty_parse_number).
 */
#include "common.h"
#include "text.h"

#include <math.h>

#define JSON_DEFAULT_MAX_BYTES (16u << 20)
#define JSON_DEFAULT_MAX_DEPTH 64u
#define JSON_DEFAULT_MAX_VALUES 1000000u
/* A depth past this is clamped: the parser recurses once per level. */
#define JSON_DEPTH_CAP 1000u
/* Every integer up to +-2^53 is exact in a double; past it, only some. */
#define JSON_EXACT_INT 9007199254740992.0
/* ty_parse_number's longest number. */
#define JSON_MAX_NUMBER 350u

/* Objects with more keys than this find duplicates with a hash set of the
 * keys; smaller ones compare each key with the earlier ones. */
#define JSON_DUP_LINEAR 16u

/* One level of the path being parsed: a member's key or an item's index. */
typedef struct json_frame {
    const char *key; /* NULL in an array */
    size_t klen;
    size_t index;
} json_frame;

typedef struct json_ctx {
    const ty_alloc *alloc;
    ty_doc *doc;
    ty_error *err;
    const char *s;
    size_t len, i;
    unsigned max_depth;
    size_t max_values, nvalues;
    ty_buf scratch;     /* a string with escapes, decoded */
    json_frame *frames; /* max_depth + 1 of them, for error paths */
} json_ctx;

/* ---- errors ------------------------------------------------------------ */

/* Sets an error at byte `at`: "invalid JSON at line L, column C: <what>"
 * for TY_E_JSON, "<what> at line L, column C" for the other codes (NUL, a
 * limit). Returns NULL for tail calls. */
static TY_PRINTF(4, 5) ty_value *json_fail(json_ctx *c, int code, size_t at, const char *fmt, ...) {
    char what[TY_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    ty_vformat(what, sizeof what, fmt, ap);
    va_end(ap);
    ty_err_at(c->err, c->s, c->len, at);
    unsigned line = c->err ? c->err->line : 0, col = c->err ? c->err->col : 0;
    if (code != TY_E_JSON)
        ty_err_set(c->err, TY_DOMAIN_NONE, code, "%s at line %u, column %u", what, line, col);
    else
        ty_err_set(c->err, TY_DOMAIN_NONE, code, "invalid JSON at line %u, column %u: %s", line, col, what);
    return NULL;
}

/* Describes what stands at byte i, for "found ..." ("the end of the text",
 * "'x'", "U+00A0"); writes into buf (>= 24 bytes). */
static const char *json_found(const json_ctx *c, size_t i, char *buf, size_t cap) {
    if (i >= c->len) return "the end of the text";
    unsigned char ch = (unsigned char)c->s[i];
    if (ch >= 0x21 && ch < 0x7f) snprintf(buf, cap, "'%c'", ch);
    else {
        int32_t cp = ch;
        if (ch >= 0x80) ty_utf8_decode(c->s, c->len, i, &cp);
        snprintf(buf, cap, "U+%04X", (unsigned)cp);
    }
    return buf;
}

/* "expected <what>, found <...>" at the current byte. */
static ty_value *json_expected(json_ctx *c, const char *what) {
    char buf[24];
    return json_fail(c, TY_E_JSON, c->i, "expected %s, found %s", what, json_found(c, c->i, buf, sizeof buf));
}

/* Writes the path of frames[0..depth) into err->path and returns it. */
static const char *json_path(json_ctx *c, unsigned depth) {
    if (!c->err) return "";
    char *p = c->err->path;
    size_t n = 0, cap = sizeof c->err->path;
    p[0] = '\0';
    for (unsigned d = 0; d < depth && n + 1 < cap; d++) {
        const json_frame *f = &c->frames[d];
        int w = f->key ? snprintf(p + n, cap - n, n ? ".%.*s" : "%.*s", (int)f->klen, f->key)
                       : snprintf(p + n, cap - n, "[%zu]", f->index);
        if (w < 0 || (size_t)w >= cap - n) { /* a segment that does not fit is left out whole */
            p[n] = '\0';
            break;
        }
        n += (size_t)w;
    }
    return p;
}

/* ---- scalars ------------------------------------------------------------ */

static inline void json_ws(json_ctx *c) {
    if (c->i < c->len && (unsigned char)c->s[c->i] > ' ') return; /* mostly: compact text */
    while (c->i < c->len) {
        char ch = c->s[c->i];
        if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') break;
        c->i++;
    }
}

/* Reads the 4 hex digits after "\u" at c->i (pointing at the backslash);
 * -1 when they are not there. */
static int32_t json_u4(const json_ctx *c, size_t at) {
    if (at + 6 > c->len || c->s[at + 1] != 'u') return -1;
    int32_t v = 0;
    for (size_t k = 2; k < 6; k++) {
        int h = ty_hex_value((unsigned char)c->s[at + k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Decodes one escape at c->i (the backslash) into scratch and moves past
 * it; false on error (reported). */
static bool json_escape(json_ctx *c) {
    size_t at = c->i;
    if (at + 1 >= c->len) return json_fail(c, TY_E_JSON, at, "unterminated string"), false;
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *e = strchr(from, c->s[at + 1]);
    if (c->s[at + 1] != 'u') {
        if (!e || !*e) {
            char buf[24];
            json_fail(c, TY_E_JSON, at, "invalid escape: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after '\\', found %s",
                      json_found(c, at + 1, buf, sizeof buf));
            return false;
        }
        c->i += 2;
        return ty_buf_putc(&c->scratch, to[e - from]) == TY_OK || (ty_err_nomem(c->err, TY_DOMAIN_NONE), false);
    }
    int32_t cp = json_u4(c, at);
    if (cp < 0) return json_fail(c, TY_E_JSON, at, "invalid \\u escape: expected four hex digits"), false;
    if (cp == 0) return json_fail(c, TY_E_NUL, at, "JSON string contains \\u0000"), false;
    c->i += 6;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return json_fail(c, TY_E_JSON, at, "lone surrogate \\u%04X: a low surrogate needs a high one before it", (unsigned)cp), false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        int32_t lo = c->i < c->len && c->s[c->i] == '\\' ? json_u4(c, c->i) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return json_fail(c, TY_E_JSON, at, "lone surrogate \\u%04X: a high surrogate needs a low one (\\uDC00-\\uDFFF) after it", (unsigned)cp), false;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        c->i += 6;
    }
    char enc[4];
    int n = ty_utf8_encode(cp, enc);
    return ty_buf_append(&c->scratch, enc, (size_t)n) == TY_OK || (ty_err_nomem(c->err, TY_DOMAIN_NONE), false);
}

/* Parses the string at c->i (its opening quote). *out points into the text
 * when it has no escapes, else into scratch (valid until the next string).
 * False on error (reported). */
static bool json_string(json_ctx *c, const char **out, size_t *outlen) {
    const char *s = c->s;
    size_t open = c->i, i = open + 1, run = i, len = c->len;
    bool escaped = false;
    c->scratch.len = 0;
    for (;;) {
        for (size_t k = 8; k == 8 && len - i >= 8; i += k) k = ty_json_special_at8(s + i); /* 8 bytes at a time */
        while (i < len && !ty_json_special_byte((unsigned char)s[i])) i++;
        if (i >= len) return json_fail(c, TY_E_JSON, open, "unterminated string: expected a closing '\"'"), false;
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"') break;
        if (ch < 0x20) {
            json_fail(c, TY_E_JSON, i, "raw control character U+%04X in a string: write it as an escape (\\n, \\t, \\u00XX)", ch);
            return false;
        }
        /* a backslash */
        if (ty_buf_append(&c->scratch, s + run, i - run)) return ty_err_nomem(c->err, TY_DOMAIN_NONE), false;
        c->i = i;
        if (!json_escape(c)) return false;
        escaped = true;
        i = run = c->i;
    }
    if (escaped) {
        if (ty_buf_append(&c->scratch, s + run, i - run)) return ty_err_nomem(c->err, TY_DOMAIN_NONE), false;
        *out = c->scratch.ptr ? c->scratch.ptr : "";
        *outlen = c->scratch.len;
    } else {
        *out = s + open + 1;
        *outlen = i - open - 1;
    }
    c->i = i + 1; /* past the closing quote */
    return true;
}

/* Moves past a run of digits; returns how many. */
static size_t json_digits(json_ctx *c) {
    size_t from = c->i;
    while (c->i < c->len && c->s[c->i] >= '0' && c->s[c->i] <= '9') c->i++;
    return c->i - from;
}

/* True when the integer literal digits[0..n) is exactly the double x: always
 * below 2^53, from it on only when x's exact decimal form is the literal. */
static bool json_int_exact(const char *digits, size_t n, double x) {
    x = fabs(x);
    if (x < JSON_EXACT_INT) return true;
    char buf[JSON_MAX_NUMBER + 16];
    int w = snprintf(buf, sizeof buf, "%.0f", x); /* exact in glibc and musl; no locale in integers */
    return w > 0 && (size_t)w == n && memcmp(buf, digits, n) == 0;
}

static ty_value *json_number(json_ctx *c) {
    size_t start = c->i;
    if (c->s[c->i] == '-') c->i++;
    size_t int_at = c->i, nint = json_digits(c);
    if (nint == 0) return json_expected(c, "a digit");
    if (nint > 1 && c->s[int_at] == '0') return json_fail(c, TY_E_JSON, int_at, "a number cannot start with a leading zero");
    bool exact_int = true;
    if (c->i < c->len && c->s[c->i] == '.') {
        c->i++;
        exact_int = false;
        if (!json_digits(c)) return json_expected(c, "a digit after the decimal point");
    }
    if (c->i < c->len && (c->s[c->i] == 'e' || c->s[c->i] == 'E')) {
        c->i++;
        exact_int = false;
        if (c->i < c->len && (c->s[c->i] == '+' || c->s[c->i] == '-')) c->i++;
        if (!json_digits(c)) return json_expected(c, "a digit in the exponent");
    }
    size_t n = c->i - start;
    if (exact_int && nint <= 15) { /* times and counts: exact in a double, no conversion needed */
        double x = 0;
        for (size_t k = 0; k < nint; k++) x = x * 10 + (c->s[int_at + k] - '0');
        return ty_val_number(c->doc, c->s[start] == '-' ? -x : x);
    }
    if (n > JSON_MAX_NUMBER)
        return json_fail(c, TY_E_LIMIT, start, "JSON number longer than %u characters", JSON_MAX_NUMBER);
    double x;
    if (!ty_parse_number(c->s + start, n, &x))
        return json_fail(c, TY_E_JSON, start, "number out of range: %.*s", (int)(n < 40 ? n : 40), c->s + start);
    if (exact_int && !json_int_exact(c->s + int_at, nint, x))
        return json_fail(c, TY_E_JSON, start, "integer %.*s cannot be kept exactly in a double (past 2^53): write it as a string",
                         (int)(n < 40 ? n : 40), c->s + start);
    return ty_val_number(c->doc, x);
}

/* Parses true, false or null at c->i. */
static ty_value *json_literal(json_ctx *c) {
    static const char *const names[] = {"true", "false", "null"};
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(names[k]);
        if (c->len - c->i >= n && memcmp(c->s + c->i, names[k], n) == 0) {
            c->i += n;
            return k == 2 ? ty_val_null(c->doc) : ty_val_bool(c->doc, k == 0);
        }
    }
    return json_expected(c, "a value (an object, array, string, number, true, false or null)");
}

/* ---- containers ---------------------------------------------------------- */

static ty_value *json_value(json_ctx *c, unsigned depth);

/* The index of the first member of map m whose key an earlier member has,
 * or SIZE_MAX. Small objects compare with the earlier keys; bigger ones keep
 * the keys' indexes in an open-addressing set (allocated here, freed on
 * return), so an object of any size is checked in linear time. */
static size_t json_duplicate(json_ctx *c, const ty_value *m, bool *oom) {
    size_t count = ty_value_count(m), ka, kb;
    if (count <= JSON_DUP_LINEAR) {
        const char *keys[JSON_DUP_LINEAR];
        size_t lens[JSON_DUP_LINEAR];
        for (size_t e = 0; e < count; e++) {
            keys[e] = ty_value_key(m, e, &lens[e]);
            for (size_t f = 0; f < e; f++)
                if (lens[f] == lens[e] && memcmp(keys[f], keys[e], lens[e]) == 0) return e;
        }
        return SIZE_MAX;
    }
    size_t cap = 64, local[128]; /* objects of up to 64 keys need no allocation */
    while (cap < count * 2) cap *= 2;
    size_t *set = cap <= sizeof local / sizeof local[0] ? local : ty_mem_alloc(c->alloc, cap * sizeof *set);
    if (!set) {
        *oom = true;
        return SIZE_MAX;
    }
    for (size_t k = 0; k < cap; k++) set[k] = SIZE_MAX;
    size_t dup = SIZE_MAX;
    for (size_t e = 0; e < count && dup == SIZE_MAX; e++) {
        const char *a = ty_value_key(m, e, &ka);
        uint64_t h = 1469598103934665603ull; /* FNV-1a */
        for (size_t k = 0; k < ka; k++) h = (h ^ (unsigned char)a[k]) * 1099511628211ull;
        size_t slot = (size_t)h & (cap - 1);
        for (; set[slot] != SIZE_MAX; slot = (slot + 1) & (cap - 1)) {
            const char *b = ty_value_key(m, set[slot], &kb);
            if (ka == kb && memcmp(a, b, ka) == 0) break;
        }
        if (set[slot] != SIZE_MAX) dup = e;
        else set[slot] = e;
    }
    if (set != local) ty_mem_free(c->alloc, set);
    return dup;
}

/* Fails on a duplicate key of the finished object m at `depth`. */
static bool json_check_keys(json_ctx *c, const ty_value *m, unsigned depth, size_t open) {
    bool oom = false;
    size_t dup = json_duplicate(c, m, &oom);
    if (oom) return ty_err_nomem(c->err, TY_DOMAIN_NONE), false;
    if (dup == SIZE_MAX) return true;
    size_t klen;
    const char *key = ty_value_key(m, dup, &klen);
    c->frames[depth - 1] = (json_frame){key, klen, 0};
    const char *path = json_path(c, depth);
    char msg[TY_ERROR_MESSAGE_MAX];
    snprintf(msg, sizeof msg, "%s: duplicate key \"%.*s\"", path, (int)klen, key);
    ty_err_at(c->err, c->s, c->len, open);
    ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_JSON, "%s", msg);
    return false;
}

static ty_value *json_array(json_ctx *c, unsigned depth) {
    ty_value *list = ty_val_list(c->doc);
    if (!list) return NULL;
    c->i++; /* '[' */
    json_ws(c);
    if (c->i < c->len && c->s[c->i] == ']') {
        c->i++;
        return list;
    }
    for (size_t index = 0;; index++) {
        c->frames[depth - 1] = (json_frame){NULL, 0, index};
        ty_value *item = json_value(c, depth + 1);
        if (!item) return NULL;
        if (ty_list_push(c->doc, list, item)) return ty_err_nomem(c->err, TY_DOMAIN_NONE), NULL;
        json_ws(c);
        if (c->i < c->len && c->s[c->i] == ',') {
            c->i++;
            continue;
        }
        if (c->i < c->len && c->s[c->i] == ']') break;
        return json_expected(c, "',' or ']' after an array item");
    }
    c->i++;
    return list;
}

/* Parses one "key": value member into map at `depth`. */
static bool json_member(json_ctx *c, ty_value *map, unsigned depth) {
    json_ws(c);
    if (c->i >= c->len || c->s[c->i] != '"')
        return json_expected(c, "a member name (a string in double quotes)"), false;
    const char *k;
    size_t klen;
    if (!json_string(c, &k, &klen)) return false;
    char *key = ty_arena_dup(ty_doc_arena(c->doc), k, klen);
    if (!key) return ty_err_nomem(c->err, TY_DOMAIN_NONE), false;
    json_ws(c);
    if (c->i >= c->len || c->s[c->i] != ':') return json_expected(c, "':' after the member name"), false;
    c->i++;
    c->frames[depth - 1] = (json_frame){key, klen, 0};
    ty_value *item = json_value(c, depth + 1);
    if (!item) return false;
    if (ty_map_put_nocopy(c->doc, map, key, klen, item)) return ty_err_nomem(c->err, TY_DOMAIN_NONE), false;
    return true;
}

static ty_value *json_object(json_ctx *c, unsigned depth) {
    size_t open = c->i++;
    ty_value *map = ty_val_map(c->doc);
    if (!map) return NULL;
    json_ws(c);
    if (c->i < c->len && c->s[c->i] == '}') {
        c->i++;
        return map;
    }
    for (;;) {
        if (!json_member(c, map, depth)) return NULL;
        json_ws(c);
        if (c->i < c->len && c->s[c->i] == ',') {
            c->i++;
            continue;
        }
        if (c->i < c->len && c->s[c->i] == '}') break;
        return json_expected(c, "',' or '}' after an object member");
    }
    c->i++;
    return json_check_keys(c, map, depth, open) ? map : NULL;
}

/* Parses the value at c->i (after optional whitespace); depth 1 is the root. */
static ty_value *json_value(json_ctx *c, unsigned depth) {
    json_ws(c);
    if (c->i >= c->len) return json_expected(c, "a value");
    if (++c->nvalues > c->max_values)
        return json_fail(c, TY_E_LIMIT, c->i, "more than %zu values in one JSON text (max_values)", c->max_values);
    char ch = c->s[c->i];
    if ((ch == '{' || ch == '[') && depth > c->max_depth) {
        size_t at = c->i;
        json_path(c, depth - 1);
        return json_fail(c, TY_E_DEPTH, at, "JSON nested deeper than %u levels", c->max_depth);
    }
    ty_value *v;
    if (ch == '{') v = json_object(c, depth);
    else if (ch == '[') v = json_array(c, depth);
    else if (ch == '"') {
        const char *s;
        size_t n;
        if (!json_string(c, &s, &n)) return NULL;
        v = ty_val_string(c->doc, s, n);
    } else if (ch == '-' || (ch >= '0' && ch <= '9')) v = json_number(c);
    else return json_literal(c);
    if (!v && c->err && c->err->code == TY_OK) ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return v;
}

/* ---- entry --------------------------------------------------------------- */

/* Parses the whole text into c->doc's root; false on error (reported). */
static bool json_parse_root(json_ctx *c) {
    if (c->len >= 3 && memcmp(c->s, "\xEF\xBB\xBF", 3) == 0) c->i = 3; /* a leading BOM is ignored */
    ty_value *v = json_value(c, 1);
    if (!v) return false;
    json_ws(c);
    if (c->i < c->len) {
        char buf[24];
        json_fail(c, TY_E_JSON, c->i, "expected the end of the text after the JSON value, found %s",
                  json_found(c, c->i, buf, sizeof buf));
        return false;
    }
    ty_doc_set_root(c->doc, v);
    return true;
}

ty_doc *ty_doc_parse(const char *json, size_t len, const ty_json_opts *opts, ty_error *err) {
    ty_err_clear(err);
    json_ctx c;
    memset(&c, 0, sizeof c);
    c.alloc = opts ? opts->alloc : NULL;
    size_t max_bytes = opts && opts->max_bytes ? opts->max_bytes : JSON_DEFAULT_MAX_BYTES;
    c.max_depth = opts && opts->max_depth ? opts->max_depth : JSON_DEFAULT_MAX_DEPTH;
    if (c.max_depth > JSON_DEPTH_CAP) c.max_depth = JSON_DEPTH_CAP;
    c.max_values = opts && opts->max_values ? opts->max_values : JSON_DEFAULT_MAX_VALUES;
    if (ty_text_input(json, len, max_bytes, false, TY_DOMAIN_NONE, "JSON text", err)) return NULL;
    c.s = json ? json : "";
    c.len = len;
    c.err = err;
    ty_buf_init(&c.scratch, c.alloc);
    c.frames = ty_mem_alloc(c.alloc, (c.max_depth + 1) * sizeof *c.frames);
    c.doc = ty_doc_new(c.alloc);
    bool ok = c.frames && c.doc;
    if (!ok) ty_err_nomem(err, TY_DOMAIN_NONE);
    else ok = json_parse_root(&c);
    ty_buf_free(&c.scratch);
    ty_mem_free(c.alloc, c.frames);
    if (!ok) {
        ty_doc_free(c.doc);
        return NULL;
    }
    return c.doc;
}

ty_doc *ty_doc_parse_in(const char *json, size_t len, const ty_alloc *alloc, size_t max_bytes, unsigned max_depth,
                        int domain, ty_error *err) {
    ty_json_opts jo;
    memset(&jo, 0, sizeof jo);
    jo.alloc = alloc;
    jo.max_bytes = max_bytes;
    jo.max_depth = max_depth;
    ty_doc *doc = ty_doc_parse(json ? json : "", len, &jo, err);
    if (!doc && err) err->domain = domain;
    return doc;
}
