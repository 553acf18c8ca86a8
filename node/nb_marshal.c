/*
 * nb_marshal.c — values across the boundary, both ways.
 *   In:  every JS value the core reads (events, states, match data,
 *        actions, metric events, canonical JSON for signatures) arrives as
 *        a value tape written by node/tape.js; nb_tape_docs turns it into
 *        ty_value trees with JSON's rules, walking through Node-API only
 *        the values the tape holds for it.
 *   Out: every result reaches JS one way: nb_doc_result writes the output
 *        tape that node/index.js decodes; _jsonRoundtrip tests it.
 */

/* The rules every input meets (events, states, match data, actions,
 * metric events and canonical JSON), JSON's own, applied directly (no JSON text in
 * between), as JSON.stringify would see the value:
 *   - plain objects (prototype Object.prototype, of any realm, or null):
 *     own enumerable string keys in their JS order; a property whose value
 *     is undefined is skipped; getters run;
 *   - arrays: every index up to length; undefined and holes become null;
 *   - strings, finite numbers, booleans, null.
 * Anything else (functions, symbols, bigints, Dates, Maps, class instances,
 * undefined at the root) is a TypeError naming the path ("event.data.x").
 * NaN and infinities, lone surrogates in strings and keys, and nesting past
 * NB_CONV_MAX_DEPTH (which is also how a cycle ends) are errors of the
 * input's own family (TY_EVENT for events and data, TY_STATE for states)
 * with the path, exactly as the Python binding reports them. */

#include "common.h"

/* Containers this large convert each child in its own handle scope, so huge
 * documents do not pile up handles. */
#define NB_DOC_SCOPE_MIN 64

/* _jsonRoundtrip(text): parses text with ty_doc_parse and converts the doc
 * back as every result is (nb_doc_result). For tests of the converter. */
static napi_value nb_json_roundtrip(napi_env env, napi_callback_info info) {
    size_t argc = 1;
    napi_value argv[1];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    if (argc < 1 || !nb_is_string(env, argv[0])) {
        nb_type_error(env, NULL, "text must be a string");
        return NULL;
    }
    size_t len;
    char *text = nb_string_dup(env, argv[0], &len);
    if (!text) return NULL;
    ty_error err;
    ty_doc *doc = ty_doc_parse(text, len, NULL, &err);
    free(text);
    return nb_doc_result(env, doc, &err);
}

/* Initial UTF-8 scratch of one conversion (grown as needed). */
#define NB_CONV_SCRATCH 256

/* One conversion: the core's checked builder (ty_builder) holds the doc,
 * the path and JSON's rules (NaN and infinities, nesting past
 * NB_CONV_MAX_DEPTH, which is also how a cycle ends); this side walks JS
 * values and words the errors about JS kinds. */
typedef struct nb_conv {
    napi_env env;
    ty_builder *b;
    int domain; /* ty_domain of type errors */
    napi_value object_proto;
    char *buf; /* UTF-8 of the string or key being read */
    size_t cap;
} nb_conv;

/* Throws the builder's error when rc is one (TY_E_NOMEM as Node's
 * out-of-memory error); true when rc is TY_OK. */
static bool nb_conv_ok(const nb_conv *c, int rc) {
    if (rc == TY_OK) return true;
    nb_throw_ty_error(c->env, ty_builder_error(c->b));
    return false;
}

/* Throws TypeError "<path>: <what>, not <kind of v>" with err.path set;
 * false. */
static bool nb_conv_type_error(const nb_conv *c, const char *what, napi_value v) {
    napi_env env = c->env;
    char path[TY_ERROR_PATH_MAX];
    ty_builder_path(c->b, path, sizeof path);
    const char *kind = "a value of another kind";
    char ctor[64] = "";
    napi_valuetype t = napi_undefined;
    if (napi_typeof(env, v, &t) == napi_ok) {
        switch (t) {
        case napi_undefined: kind = "undefined"; break;
        case napi_function: kind = "a function"; break;
        case napi_symbol: kind = "a symbol"; break;
        case napi_bigint: kind = "a bigint"; break;
        case napi_external: kind = "an external"; break;
        case napi_object: /* name the class: "a Date", "a Map" (best effort) */
            kind = nb_class_name(env, v, ctor, sizeof ctor) ? NULL : "an object that is not plain";
            break;
        default: break;
        }
    }
    char msg[TY_ERROR_MESSAGE_MAX];
    const char *parts[] = {path, ": ", what, ", not ", kind ? kind : "an instance of ", kind ? NULL : ctor, NULL};
    nb_concat(msg, sizeof msg, parts, kind ? 5 : 6);
    napi_value m, e;
    NB_CALL_RET(env, napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &m), false);
    if (!nb_new_error(env, NB_ERR_TYPE, m, &e)) return false;
    if (!nb_set_string(env, e, "code", ty_domain_name(c->domain))) return false;
    if (!nb_set_string(env, e, "path", path)) return false;
    napi_throw(env, e);
    return false;
}

/* UTF-8 of JS string v into c->buf (valid until the next read). A key is
 * the builder's next key at once, so a lone surrogate (the domain's utf8
 * error) names it, as V8 writes it (U+FFFD for the surrogate). */
static bool nb_conv_utf8(nb_conv *c, napi_value v, bool key, size_t *len) {
    if (nb_utf8_into(c->env, v, &c->buf, &c->cap, len)) return false;
    if (key && !nb_conv_ok(c, ty_builder_key(c->b, c->buf, *len))) return false;
    int64_t at = nb_lone_surrogate(c->env, v, c->buf, *len);
    if (at == -1) return true;
    if (at >= 0) {
        char num[24], msg[96];
        const char *parts[] = {"lone surrogate at index ", nb_utoa((uint64_t)at, num), " is not valid Unicode text",
                               NULL};
        nb_concat(msg, sizeof msg, parts, 3);
        nb_conv_ok(c, ty_builder_fail(c->b, TY_E_UTF8, msg));
    }
    return false;
}

static bool nb_conv_value(nb_conv *c, napi_value v, napi_valuetype t);

/* Converts item i of a JS array (undefined and holes are null, as
 * JSON.stringify has it). */
static bool nb_conv_item(nb_conv *c, napi_value arr, uint32_t i) {
    napi_value item;
    napi_valuetype t;
    if (napi_get_element(c->env, arr, i, &item) != napi_ok || napi_typeof(c->env, item, &t) != napi_ok) {
        nb_throw_status(c->env, "napi_get_element");
        return false;
    }
    return t == napi_undefined ? nb_conv_ok(c, ty_builder_null(c->b)) : nb_conv_value(c, item, t);
}

/* Converts own property k of a plain object (skipped when undefined, as
 * JSON.stringify has it). */
static bool nb_conv_member(nb_conv *c, napi_value obj, napi_value k) {
    napi_value val;
    napi_valuetype t;
    if (napi_get_property(c->env, obj, k, &val) != napi_ok || napi_typeof(c->env, val, &t) != napi_ok) {
        nb_throw_status(c->env, "napi_get_property");
        return false;
    }
    if (t == napi_undefined) return true;
    size_t klen = 0;
    return nb_conv_utf8(c, k, true, &klen) && nb_conv_value(c, val, t);
}

/* Converts the n children of a JS array or plain object (keys: its own
 * keys) into the list or map just opened, then closes it. Containers this
 * large convert each child in its own handle scope. */
static bool nb_conv_children(nb_conv *c, napi_value v, napi_value keys, uint32_t n) {
    napi_env env = c->env;
    bool scoped = n >= NB_DOC_SCOPE_MIN, ok = true;
    for (uint32_t i = 0; i < n && ok; i++) {
        napi_handle_scope scope = NULL;
        if (scoped && napi_open_handle_scope(env, &scope) != napi_ok) {
            nb_throw_status(env, "napi_open_handle_scope");
            return false;
        }
        napi_value k;
        if (!keys) ok = nb_conv_item(c, v, i);
        else if (napi_get_element(env, keys, i, &k) != napi_ok) ok = (nb_throw_status(env, "napi_get_element"), false);
        else ok = nb_conv_member(c, v, k);
        if (scoped && napi_close_handle_scope(env, scope) != napi_ok && ok) {
            nb_throw_status(env, "napi_close_handle_scope");
            ok = false;
        }
    }
    return ok && nb_conv_ok(c, ty_builder_end(c->b));
}

/* Converts a JS array or plain object (anything else is a TypeError). */
static bool nb_conv_object(nb_conv *c, napi_value v) {
    napi_env env = c->env;
    bool yes;
    uint32_t n;
    NB_CALL_RET(env, napi_is_array(env, v, &yes), false);
    if (yes) {
        NB_CALL_RET(env, napi_get_array_length(env, v, &n), false);
        return nb_conv_ok(c, ty_builder_list(c->b)) && nb_conv_children(c, v, NULL, n);
    }
    if (!nb_is_plain(env, NULL, v, &c->object_proto, &yes)) return false;
    if (!yes)
        return nb_conv_type_error(c, "expected a plain object, an array, a string, a finite number, a boolean or null",
                                  v);
    napi_value keys;
    return nb_conv_ok(c, ty_builder_map(c->b)) && nb_own_keys(env, v, &keys, &n) &&
           nb_conv_children(c, v, keys, n);
}

/* Converts one JS value (of typeof t) at the builder's place; false with
 * an exception pending on failure. */
static bool nb_conv_value(nb_conv *c, napi_value v, napi_valuetype t) {
    napi_env env = c->env;
    switch (t) {
    case napi_null: return nb_conv_ok(c, ty_builder_null(c->b));
    case napi_boolean: {
        bool x;
        NB_CALL_RET(env, napi_get_value_bool(env, v, &x), false);
        return nb_conv_ok(c, ty_builder_bool(c->b, x));
    }
    case napi_number: {
        double x;
        NB_CALL_RET(env, napi_get_value_double(env, v, &x), false);
        return nb_conv_ok(c, ty_builder_number(c->b, x));
    }
    case napi_string: {
        size_t len;
        return nb_conv_utf8(c, v, false, &len) && nb_conv_ok(c, ty_builder_string(c->b, c->buf, len));
    }
    case napi_object: return nb_conv_object(c, v);
    default:
        return nb_conv_type_error(c, "expected a plain object, an array, a string, a finite number, a boolean or null",
                                  v);
    }
}

/* ---- value tapes: the one way a JS value reaches the core ---------------
 *
 * node/tape.js walks a value in JS, where reading a property costs a
 * fraction of a Node-API call, and writes it as tokens of two doubles
 * [tag, x] in one ArrayBuffer, every string and key joined into ONE JS
 * string, and what it does not judge itself kept in a JS array, `held`
 * (tags: NB_TAPE_* in tags.h, generated from tags.json):
 *
 *   NB_TAPE_NULL, _FALSE, _TRUE   x unused
 *   NB_TAPE_NUMBER                x: the (finite) number
 *   NB_TAPE_STRING, NB_TAPE_KEY   x: its length in UTF-16 units, its text
 *                                 next in the joined string
 *   NB_TAPE_LIST                  x: item count; the items follow
 *   NB_TAPE_MAP                   x: entry count; (KEY or HELD_KEY, value)
 *                                 pairs follow
 *   NB_TAPE_HELD                  x: index in `held` of a value the walk
 *                                 left to the rules above: a Date, NaN, a
 *                                 lone surrogate, a class instance, a
 *                                 function, nesting past NB_TAPE_DEPTH
 *   NB_TAPE_HELD_KEY              x: index in `held` of a key with a lone
 *                                 surrogate
 *
 * The decoder feeds the builder of one conversion (nb_conv) and hands each
 * held value to the walk above at its place, so a value meets one set of
 * rules, one path and one wording whether it is plain or not. Nothing in a
 * tape is trusted: counts, lengths, tags and held indexes are checked, and a
 * malformed tape is a TypeError, never a wild read. */

_Static_assert(NB_TAPE_DEPTH == TY_VALUE_MAX_DEPTH, "a tape carries what the builder takes");

typedef struct nb_tape {
    nb_conv *c;      /* the conversion (builder) tokens are fed into */
    const double *t; /* n tokens of two doubles */
    size_t n, at;    /* token count, next token */
    const char *s;   /* UTF-8 of the joined strings */
    size_t slen, pos;
    bool ascii;       /* one byte per UTF-16 unit throughout */
    napi_value held;  /* the held values (an array), or null */
} nb_tape;

/* Throws TypeError "malformed value tape"; false. */
static bool nb_tape_bad(const nb_tape *tp) {
    nb_type_error(tp->c->env, NULL, "malformed value tape");
    return false;
}

/* The next `units` UTF-16 units of the joined strings, as UTF-8. */
static bool nb_tape_text(nb_tape *tp, double units, const char **s, size_t *len) {
    if (!(units >= 0 && units <= (double)(1u << 30)) || units != (double)(size_t)units) return false;
    size_t want = (size_t)units, start = tp->pos;
    if (tp->ascii) {
        if (want > tp->slen - tp->pos) return false;
        tp->pos += want;
    } else if (!nb_utf16_skip((const unsigned char *)tp->s, tp->slen, &tp->pos, want)) {
        return false;
    }
    *s = tp->s + start;
    *len = tp->pos - start;
    return true;
}

/* The held value at index x (and its type); false with an exception
 * pending when there is none. */
static bool nb_tape_held(nb_tape *tp, double x, napi_value *v, napi_valuetype *t) {
    napi_env env = tp->c->env;
    bool arr = false;
    uint32_t len = 0;
    if (tp->held) NB_CALL_RET(env, napi_is_array(env, tp->held, &arr), false);
    if (arr) NB_CALL_RET(env, napi_get_array_length(env, tp->held, &len), false);
    if (!(x >= 0 && x < (double)len) || x != (double)(uint32_t)x) return nb_tape_bad(tp);
    NB_CALL_RET(env, napi_get_element(env, tp->held, (uint32_t)x, v), false);
    NB_CALL_RET(env, napi_typeof(env, *v, t), false);
    return true;
}

/* Decodes a map's next key (KEY, or HELD_KEY through the walk's own key
 * reading) as the builder's next key. */
static bool nb_tape_key(nb_tape *tp) {
    if (tp->at >= tp->n) return nb_tape_bad(tp);
    const double tag = tp->t[2 * tp->at], x = tp->t[2 * tp->at + 1];
    tp->at++;
    const char *s;
    size_t len;
    if (tag == NB_TAPE_HELD_KEY) {
        napi_value k;
        napi_valuetype t;
        if (!nb_tape_held(tp, x, &k, &t)) return false;
        return t == napi_string ? nb_conv_utf8(tp->c, k, true, &len) : nb_tape_bad(tp);
    }
    if (tag != NB_TAPE_KEY || !nb_tape_text(tp, x, &s, &len)) return nb_tape_bad(tp);
    return nb_conv_ok(tp->c, ty_builder_key(tp->c->b, s, len));
}

static bool nb_tape_value(nb_tape *tp);

/* Decodes the x entries (map) or items (list) of the container just
 * opened, then closes it. */
static bool nb_tape_children(nb_tape *tp, double x, bool map) {
    /* every item takes at least one token, every entry two */
    size_t per = map ? 2 : 1;
    if (!(x >= 0) || x != (double)(size_t)x || (size_t)x > (tp->n - tp->at) / per) return nb_tape_bad(tp);
    for (size_t i = 0, count = (size_t)x; i < count; i++) {
        if (map && !nb_tape_key(tp)) return false;
        if (!nb_tape_value(tp)) return false;
    }
    return nb_conv_ok(tp->c, ty_builder_end(tp->c->b));
}

/* Decodes the value at the next token into the builder; false with an
 * exception pending on failure. Recursion ends at the builder's depth
 * limit, whatever the tape says. */
static bool nb_tape_value(nb_tape *tp) {
    if (tp->at >= tp->n) return nb_tape_bad(tp);
    const double tag = tp->t[2 * tp->at], x = tp->t[2 * tp->at + 1];
    tp->at++;
    nb_conv *c = tp->c;
    const char *s;
    size_t len;
    napi_value v;
    napi_valuetype t;
    if (tag == NB_TAPE_NULL) return nb_conv_ok(c, ty_builder_null(c->b));
    if (tag == NB_TAPE_FALSE || tag == NB_TAPE_TRUE) return nb_conv_ok(c, ty_builder_bool(c->b, tag == NB_TAPE_TRUE));
    if (tag == NB_TAPE_NUMBER) /* the walk holds NaN and infinities */
        return x - x == 0 ? nb_conv_ok(c, ty_builder_number(c->b, x)) : nb_tape_bad(tp);
    if (tag == NB_TAPE_STRING)
        return nb_tape_text(tp, x, &s, &len) ? nb_conv_ok(c, ty_builder_string(c->b, s, len)) : nb_tape_bad(tp);
    if (tag == NB_TAPE_LIST) return nb_conv_ok(c, ty_builder_list(c->b)) && nb_tape_children(tp, x, false);
    if (tag == NB_TAPE_MAP) return nb_conv_ok(c, ty_builder_map(c->b)) && nb_tape_children(tp, x, true);
    if (tag == NB_TAPE_HELD) return nb_tape_held(tp, x, &v, &t) && nb_conv_value(c, v, t);
    return nb_tape_bad(tp);
}

/* Decodes the next root into a new doc (*doc; NULL for a null root when
 * r->null_is_none); false with an exception pending on failure. */
static bool nb_tape_root(nb_tape *tp, const nb_root *r, ty_doc **doc) {
    if (r->null_is_none && tp->at < tp->n && tp->t[2 * tp->at] == NB_TAPE_NULL) {
        tp->at++;
        return true;
    }
    nb_conv *c = tp->c;
    c->domain = r->domain;
    c->b = ty_builder_new(r->name, r->domain, (size_t)r->base, NULL);
    if (!c->b) {
        nb_throw_nomem(c->env);
        return false;
    }
    bool ok = nb_tape_value(tp);
    if (ok && !(*doc = ty_builder_finish(c->b))) ok = nb_tape_bad(tp);
    ty_builder_free(c->b);
    c->b = NULL;
    return ok;
}

/* The tape's joined strings as UTF-8 (caller frees), its length in *len
 * and whether it is all ASCII; NULL with an exception pending. */
static char *nb_tape_joined(napi_env env, napi_value joined, size_t *len, bool *ascii) {
    size_t units = 0;
    if (!nb_is_string(env, joined)) {
        nb_type_error(env, NULL, "malformed value tape");
        return NULL;
    }
    NB_CALL(env, napi_get_value_string_utf16(env, joined, NULL, 0, &units));
    size_t cap = units * 3 + 1; /* UTF-8 takes at most 3 bytes per UTF-16 unit */
    char *buf = malloc(cap);
    if (!buf) {
        nb_throw_nomem(env);
        return NULL;
    }
    if (napi_get_value_string_utf8(env, joined, buf, cap, len) != napi_ok) {
        free(buf);
        nb_throw_status(env, "napi_get_value_string_utf8");
        return NULL;
    }
    *ascii = *len == units;
    return buf;
}

bool nb_tape_docs(napi_env env, const napi_value *tape, const nb_root *roots, size_t nroots, ty_doc **docs) {
    void *raw = NULL;
    size_t bytes = 0;
    uint32_t n = 0;
    for (size_t r = 0; r < nroots; r++) docs[r] = NULL;
    if (napi_get_value_uint32(env, tape[1], &n) != napi_ok ||
        napi_get_arraybuffer_info(env, tape[0], &raw, &bytes) != napi_ok || bytes / (2 * sizeof(double)) < n ||
        (n && ((uintptr_t)raw % sizeof(double)) != 0)) {
        nb_type_error(env, NULL, "malformed value tape");
        return false;
    }
    nb_conv c = {env, NULL, TY_DOMAIN_NONE, NULL, malloc(NB_CONV_SCRATCH), NB_CONV_SCRATCH};
    nb_tape tp = {&c, raw, n, 0, NULL, 0, 0, false, nb_is_nullish(env, tape[3]) ? NULL : tape[3]};
    char *buf = c.buf ? nb_tape_joined(env, tape[2], &tp.slen, &tp.ascii) : NULL;
    bool ok = buf != NULL;
    if (!c.buf) nb_throw_nomem(env);
    tp.s = buf;
    for (size_t r = 0; r < nroots && ok; r++) ok = nb_tape_root(&tp, &roots[r], &docs[r]);
    if (ok && (tp.at != tp.n || tp.pos != tp.slen)) ok = nb_tape_bad(&tp);
    free(buf);
    free(c.buf);
    for (size_t r = 0; r < nroots && !ok; r++) {
        ty_doc_free(docs[r]);
        docs[r] = NULL;
    }
    return ok;
}

ty_doc *nb_tape_doc(napi_env env, const napi_value *tape, const char *root, int domain) {
    nb_root r = {root, domain, 0, false};
    ty_doc *doc = NULL;
    return nb_tape_docs(env, tape, &r, 1, &doc) ? doc : NULL;
}

/* ---- results: the output tape ------------------------------------------
 *
 * Every result (a step's, match's, lint's, ...) reaches JS one way: the
 * core's doc is written here as an output tape, tokens of doubles plus every
 * string joined into ONE string, and the decoder node/index.js registers
 * (_setResultDecoder) builds the plain objects from it.
 *
 * Why not Node-API sets or JSON.parse: a property set through Node-API is a
 * slow-path [[Set]] with a key V8 must internalise first (about 200 ns), and
 * JSON.parse still scans every byte and looks every key up. Step results
 * have a handful of shapes (the state, a turn, a send action, a metric
 * event), so each map is sent as a shape id, its keys once per environment:
 * the decoder makes each shape's objects with one object literal (the same
 * own data properties, in the same order, as JSON.parse gives, `__proto__`
 * included), which V8 builds from a cached map. Numbers travel as the
 * doubles themselves (NaN and infinities as null, as JSON would have them).
 *
 * Tokens (NB_OUT_* in tags.h, generated from tags.json with OUT_* of tags.js):
 *   NULL, FALSE, TRUE            one token
 *   NUMBER x                     the double
 *   STRING u                     the next u UTF-16 units of the joined string
 *   LIST n                       then n values
 *   MAP id                       then the values of shape id's keys, in order
 *   OBJECT n                     a map with no shape: n times (KEY u, value)
 *   SHAPES first count           shape definitions, then the value they precede:
 *                                count times (nkeys, nkeys times u), the keys'
 *                                text in the joined string; ids first.. */

/* Bounds of the shape table: maps past them go as OBJECT. */
#define NB_SHAPES_MAX 4096u
#define NB_SHAPE_KEYS_MAX 256u
#define NB_SHAPE_BYTES_MAX (1u << 20)

/* One result being written: tokens, joined strings, the shapes it defines. */
typedef struct nb_out {
    nb_shapes *sh;
    double *t;
    size_t n, cap; /* doubles */
    char *s;       /* joined UTF-8 */
    size_t slen, scap;
    bool ascii;    /* every joined byte < 0x80 */
    uint32_t sent; /* shapes the decoder knows, counting those this result defines */
    bool nomem;
} nb_out;

/* Appends k doubles (remembers an allocation failure). */
static void nb_out_tok(nb_out *o, double a, double b, size_t k) {
    if (o->nomem) return;
    if (o->cap - o->n < 2) {
        size_t cap = o->cap ? o->cap * 2 : 512;
        double *t = realloc(o->t, cap * sizeof *t);
        if (!t) {
            o->nomem = true;
            return;
        }
        o->t = t;
        o->cap = cap;
    }
    o->t[o->n++] = a;
    if (k > 1) o->t[o->n++] = b;
}

/* Appends s[0..n) (valid UTF-8) to the joined string; returns its UTF-16 units. */
static size_t nb_out_text(nb_out *o, const char *s, size_t n) {
    if (!o->nomem && n > o->scap - o->slen) {
        size_t cap = o->scap ? o->scap : 2048;
        while (cap - o->slen < n) {
            if (cap > SIZE_MAX / 2) {
                o->nomem = true;
                return 0;
            }
            cap *= 2;
        }
        char *p = realloc(o->s, cap);
        if (!p) o->nomem = true;
        else {
            o->s = p;
            o->scap = cap;
        }
    }
    if (!o->nomem && n) {
        memcpy(o->s + o->slen, s, n);
        o->slen += n;
    }
    size_t units = 0;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) { /* ASCII eight bytes at a time */
        uint64_t w;
        memcpy(&w, u + i, 8);
        if (w & 0x8080808080808080ULL) break;
        units += 8;
    }
    for (; i < n; i++) {
        if (u[i] < 0x80) units++;
        else {
            o->ascii = false;
            if ((u[i] & 0xC0) != 0x80) units += u[i] >= 0xF0 ? 2 : 1;
        }
    }
    return units;
}

/* A hash of a map's keys from each one's length and first and last bytes
 * (FNV-1a steps): cheap, and equal key sequences hash alike; nb_shape_is
 * compares the keys in full. */
static uint64_t nb_shape_hash(const ty_value *v, size_t n) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        size_t klen;
        const unsigned char *k = (const unsigned char *)ty_value_key(v, i, &klen);
        uint64_t x = klen ? (uint64_t)klen << 16 | (uint64_t)k[0] << 8 | k[klen - 1] : 0;
        h = (h ^ x) * 0x100000001b3ULL;
    }
    return h ^ h >> 32; /* the table indexes by the low bits */
}

/* True when shape i has exactly map v's n keys, in order. */
static bool nb_shape_is(const nb_shapes *sh, uint32_t i, const ty_value *v, size_t n) {
    const char *p = sh->keys + sh->list[i].at;
    if (sh->list[i].nkeys != n) return false;
    for (size_t k = 0; k < n; k++) {
        size_t klen;
        const char *key = ty_value_key(v, k, &klen);
        uint32_t len;
        memcpy(&len, p, sizeof len);
        if (len != klen || memcmp(p + sizeof len, key, klen) != 0) return false;
        p += sizeof len + len;
    }
    return true;
}

/* Doubles the open-addressing index of sh (ids + 1; 0 empty); false on OOM. */
static bool nb_shapes_rehash(nb_shapes *sh) {
    size_t ns = sh->nslots ? sh->nslots * 2 : 256;
    uint32_t *slots = calloc(ns, sizeof *slots);
    if (!slots) return false;
    for (uint32_t i = 0; i < sh->n; i++) {
        size_t at = (size_t)sh->list[i].hash & (ns - 1);
        while (slots[at]) at = (at + 1) & (ns - 1);
        slots[at] = i + 1;
    }
    free(sh->slots);
    sh->slots = slots;
    sh->nslots = ns;
    return true;
}

/* The id of map v's key sequence, added to the table when new; -1 when
 * the map is past the table's bounds (or memory ran out): send it as OBJECT. */
static int64_t nb_shape_id(nb_shapes *sh, const ty_value *v) {
    size_t n = ty_value_count(v);
    if (n > NB_SHAPE_KEYS_MAX) return -1;
    uint64_t h = nb_shape_hash(v, n);
    if (sh->nslots) {
        for (size_t at = (size_t)h & (sh->nslots - 1); sh->slots[at]; at = (at + 1) & (sh->nslots - 1)) {
            uint32_t i = sh->slots[at] - 1;
            if (sh->list[i].hash == h && nb_shape_is(sh, i, v, n)) return i;
        }
    }
    size_t bytes = 0;
    for (size_t k = 0; k < n; k++) {
        size_t klen;
        ty_value_key(v, k, &klen);
        if (klen > NB_SHAPE_BYTES_MAX) return -1;
        bytes += sizeof(uint32_t) + klen;
    }
    if (sh->n >= NB_SHAPES_MAX || bytes > NB_SHAPE_BYTES_MAX - sh->keys_len) return -1;
    if ((sh->n + 1) * 2 > sh->nslots && !nb_shapes_rehash(sh)) return -1;
    if (sh->n == sh->cap) {
        uint32_t cap = sh->cap ? sh->cap * 2 : 64;
        void *l = realloc(sh->list, cap * sizeof *sh->list);
        if (!l) return -1;
        sh->list = l;
        sh->cap = cap;
    }
    if (sh->keys_len + bytes > sh->keys_cap) {
        size_t cap = sh->keys_cap ? sh->keys_cap : 4096;
        while (cap < sh->keys_len + bytes) cap *= 2;
        char *k = realloc(sh->keys, cap);
        if (!k) return -1;
        sh->keys = k;
        sh->keys_cap = cap;
    }
    uint32_t id = sh->n++;
    sh->list[id].hash = h;
    sh->list[id].at = (uint32_t)sh->keys_len;
    sh->list[id].nkeys = (uint32_t)n;
    for (size_t k = 0; k < n; k++) {
        size_t klen;
        const char *key = ty_value_key(v, k, &klen);
        uint32_t len = (uint32_t)klen;
        memcpy(sh->keys + sh->keys_len, &len, sizeof len);
        memcpy(sh->keys + sh->keys_len + sizeof len, key, klen);
        sh->keys_len += sizeof len + klen;
    }
    size_t at = (size_t)h & (sh->nslots - 1);
    while (sh->slots[at]) at = (at + 1) & (sh->nslots - 1);
    sh->slots[at] = id + 1;
    return id;
}

/* Defines shapes o->sent..id for the decoder (a SHAPES token). */
static void nb_out_define(nb_out *o, uint32_t id) {
    const nb_shapes *sh = o->sh;
    nb_out_tok(o, NB_OUT_SHAPES, o->sent, 2);
    nb_out_tok(o, (double)(id + 1 - o->sent), 0, 1);
    for (uint32_t i = o->sent; i <= id; i++) {
        const char *p = sh->keys + sh->list[i].at;
        nb_out_tok(o, sh->list[i].nkeys, 0, 1);
        for (uint32_t k = 0; k < sh->list[i].nkeys; k++) {
            uint32_t len;
            memcpy(&len, p, sizeof len);
            nb_out_tok(o, (double)nb_out_text(o, p + sizeof len, len), 0, 1);
            p += sizeof len + len;
        }
    }
    o->sent = id + 1;
}

/* Appends v; false when nested past NB_DOC_MAX_DEPTH. */
static bool nb_out_value(nb_out *o, const ty_value *v, unsigned depth) {
    if (depth > NB_DOC_MAX_DEPTH) return false;
    switch (ty_value_kind(v)) {
    case TY_NULL: nb_out_tok(o, NB_OUT_NULL, 0, 1); return true;
    case TY_FALSE: nb_out_tok(o, NB_OUT_FALSE, 0, 1); return true;
    case TY_TRUE: nb_out_tok(o, NB_OUT_TRUE, 0, 1); return true;
    case TY_NUMBER: {
        double x = ty_value_number(v);
        if (x - x == 0) nb_out_tok(o, NB_OUT_NUMBER, x, 2);
        else nb_out_tok(o, NB_OUT_NULL, 0, 1); /* as JSON writes NaN and infinities */
        return true;
    }
    case TY_STRING: {
        size_t n;
        const char *s = ty_value_string(v, &n);
        nb_out_tok(o, NB_OUT_STRING, (double)nb_out_text(o, s, n), 2);
        return true;
    }
    case TY_LIST:
    case TY_MAP: break;
    }
    size_t n = ty_value_count(v);
    if (ty_value_kind(v) == TY_LIST) {
        nb_out_tok(o, NB_OUT_LIST, (double)n, 2);
        for (size_t i = 0; i < n; i++)
            if (!nb_out_value(o, ty_value_item(v, i), depth + 1)) return false;
        return true;
    }
    int64_t id = nb_shape_id(o->sh, v);
    if (id >= 0) {
        if ((uint32_t)id >= o->sent) nb_out_define(o, (uint32_t)id);
        nb_out_tok(o, NB_OUT_MAP, (double)id, 2);
    } else {
        nb_out_tok(o, NB_OUT_OBJECT, (double)n, 2);
    }
    for (size_t i = 0; i < n; i++) {
        if (id < 0) {
            size_t klen;
            const char *k = ty_value_key(v, i, &klen);
            nb_out_tok(o, NB_OUT_KEY, (double)nb_out_text(o, k, klen), 2);
        }
        if (!nb_out_value(o, ty_value_item(v, i), depth + 1)) return false;
    }
    return true;
}

/* Copies o's tokens into the caller's ArrayBuffer `into` when they fit and
 * sets *out to the joined string (NULL with an exception pending when it
 * cannot be made); false when they do not fit (nothing thrown). */
static bool nb_out_into(napi_env env, const nb_out *o, napi_value into, napi_value *out) {
    void *data = NULL;
    size_t bytes = 0;
    bool is_ab = false;
    if (napi_is_arraybuffer(env, into, &is_ab) != napi_ok || !is_ab ||
        napi_get_arraybuffer_info(env, into, &data, &bytes) != napi_ok || !data ||
        bytes / sizeof(double) < o->n || ((uintptr_t)data % sizeof(double)) != 0)
        return false;
    if ((o->ascii ? napi_create_string_latin1(env, o->slen ? o->s : "", o->slen, out)
                  : napi_create_string_utf8(env, o->s, o->slen, out)) != napi_ok) {
        *out = NULL;
        nb_throw_status(env, "the conversion of a result");
        return true;
    }
    if (o->n) memcpy(data, o->t, o->n * sizeof(double));
    return true;
}

/* Throws err (when doc is NULL) or turns doc into JS values through the
 * output tape (above) and the registered decoder; frees doc. With sig (not
 * NULL), the result's "state" gets "sig" as its last key, where a signed
 * step puts it. With `into` (an ArrayBuffer of the caller's, or NULL) large
 * enough for the tokens, they go there and the joined string is returned
 * for the caller to decode itself (no call back into JS); otherwise the
 * decoder builds the result as usual. With state_text, the state (its
 * "sig" added first) is written as its compact JSON text (stepJson). */
napi_value nb_doc_result_signed(napi_env env, ty_doc *doc, const ty_error *err, const char *sig,
                                       size_t siglen, napi_value into, bool state_text) {
    if (!doc) {
        nb_throw_ty_error(env, err);
        return NULL;
    }
    nb_inst *inst = NULL;
    if (napi_get_instance_data(env, (void **)&inst) != napi_ok || !inst) {
        ty_doc_free(doc);
        nb_throw_status(env, "the conversion of a result");
        return NULL;
    }
    nb_out o;
    memset(&o, 0, sizeof o);
    o.sh = &inst->shapes;
    o.ascii = true;
    o.sent = inst->shapes_sent;
    const ty_value *root = ty_doc_root(doc);
    ty_value *state = (ty_value *)ty_value_get(root, "state", 5); /* doc is ours: it may change */
    if (sig && ty_value_kind(state) == TY_MAP) {
        ty_value *sv = ty_val_string(doc, sig, siglen);
        if (!sv || ty_map_put(doc, state, "sig", 3, sv)) o.nomem = true;
    }
    ty_error terr;
    if (state_text && !o.nomem && ty_result_state_text(doc, &terr)) {
        ty_doc_free(doc);
        nb_throw_ty_error(env, &terr);
        return NULL;
    }
    bool ok = o.nomem || nb_out_value(&o, root, 0);
    ty_doc_free(doc);
    napi_value out = NULL, buf = NULL, count, text, fn, recv;
    void *data = NULL;
    size_t bytes = 0;
    if (!ok) {
        napi_throw_range_error(env, "TY_ERROR", "tinyyes: document nested too deeply to convert");
    } else if (o.nomem) {
        nb_throw_nomem(env);
    } else if (into && nb_out_into(env, &o, into, &out)) {
        /* the caller decodes the tokens it was given back (out: the joined string, or NULL: thrown) */
        if (out) inst->shapes_sent = o.sent;
    } else if (!inst->decoder) {
        nb_type_error(env, NULL, "tinyyes: load the addon through node/index.js (it registers the result decoder)");
    } else {
        /* the tokens go in one ArrayBuffer kept between calls, grown as needed */
        if (inst->tokens && napi_get_reference_value(env, inst->tokens, &buf) == napi_ok && buf)
            napi_get_arraybuffer_info(env, buf, &data, &bytes);
        if (!data || bytes < o.n * sizeof(double)) {
            size_t want = bytes ? bytes : 4096;
            while (want < o.n * sizeof(double)) want *= 2;
            napi_ref ref = NULL;
            if (napi_create_arraybuffer(env, want, &data, &buf) != napi_ok ||
                napi_create_reference(env, buf, 1, &ref) != napi_ok) {
                data = NULL;
            } else {
                if (inst->tokens) napi_delete_reference(env, inst->tokens);
                inst->tokens = ref;
            }
        }
        if (!data || napi_create_uint32(env, (uint32_t)o.n, &count) != napi_ok ||
            (o.ascii ? napi_create_string_latin1(env, o.slen ? o.s : "", o.slen, &text)
                     : napi_create_string_utf8(env, o.s, o.slen, &text)) != napi_ok ||
            napi_get_reference_value(env, inst->decoder, &fn) != napi_ok ||
            napi_get_undefined(env, &recv) != napi_ok) {
            nb_throw_status(env, "the conversion of a result");
        } else {
            if (o.n) memcpy(data, o.t, o.n * sizeof(double));
            napi_value args[3] = {buf, count, text};
            if (napi_call_function(env, recv, fn, 3, args, &out) != napi_ok) out = NULL;
            else inst->shapes_sent = o.sent; /* the decoder has them now */
        }
    }
    free(o.t);
    free(o.s);
    return out;
}

napi_value nb_doc_result(napi_env env, ty_doc *doc, const ty_error *err) {
    return nb_doc_result_signed(env, doc, err, NULL, 0, NULL, false);
}

/* _setResultDecoder(fn): the function node/index.js decodes every result
 * with, fn(tokens ArrayBuffer, token count, joined strings); it knows no
 * shapes yet. */
static napi_value nb_set_result_decoder(napi_env env, napi_callback_info info) {
    size_t argc = 1;
    napi_value argv[1] = {NULL};
    void *data;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, &data));
    nb_inst *inst = data;
    napi_valuetype t = napi_undefined;
    if (argv[0]) NB_CALL(env, napi_typeof(env, argv[0], &t));
    if (t != napi_function) {
        nb_type_error(env, NULL, "_setResultDecoder(fn) needs a function");
        return NULL;
    }
    napi_ref ref;
    NB_CALL(env, napi_create_reference(env, argv[0], 1, &ref));
    if (inst->decoder) napi_delete_reference(env, inst->decoder);
    inst->decoder = ref;
    inst->shapes_sent = 0;
    return NULL;
}

/* Defines the n properties on exports; false with an exception pending. */
bool nb_export(napi_env env, napi_value exports, const napi_property_descriptor *props, size_t n) {
    NB_CALL_RET(env, napi_define_properties(env, exports, n, props), false);
    return true;
}

/* _liveTemplates(), _livePlaybooks(): the count its callback data points
 * at (a double of nb_inst), objects wrapped and not yet finalized. */
napi_value nb_live_count(napi_env env, napi_callback_info info) {
    void *count;
    napi_value out;
    NB_CALL(env, napi_get_cb_info(env, info, NULL, NULL, NULL, &count));
    NB_CALL(env, napi_create_double(env, *(const double *)count, &out));
    return out;
}

/* Adds _jsonRoundtrip and _setResultDecoder to exports; false with an
 * exception pending on failure. */
bool nb_marshal_init(napi_env env, napi_value exports, nb_inst *inst) {
    napi_property_descriptor eprops[] = {
        NB_FN("_jsonRoundtrip", nb_json_roundtrip, inst),
        NB_FN("_setResultDecoder", nb_set_result_decoder, inst),
    };
    return nb_export(env, exports, eprops, NB_COUNT(eprops));
}
