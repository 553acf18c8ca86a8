/*
 * nb_hostdata.c — a ty_data_ops over napi_values, so the core reads a JS
 * object tree lazily and touches only the names a template uses, plus the
 * records of node/index.js's pre-extraction (the fast path).
 *
 * How JS values read as template data (documented in index.d.ts too):
 *   - A name is looked up with JS [[Get]] (`obj[name]`), so own properties,
 *     getters, class accessors on the prototype chain and Proxies all work.
 *     `undefined` means "not there": the lookup falls through to the enclosing
 *     context and, in strict mode, is reported missing. `null` is a value.
 *   - Inherited functions (toString, constructor, class methods) are not data:
 *     such a name is absent. An own function property is an error, because
 *     lambdas are not supported. `__proto__` is absent unless it is an own
 *     property (JSON.parse can make one).
 *   - Arrays are lists; plain objects (nb_is_plain) are maps; bigints render
 *     as their decimal string; functions in a list or as the root are a
 *     TypeError (lambdas). Any other value (a Date, Map, Set, class
 *     instance, symbol) is refused as not data: the core names where it was
 *     and nb_throw_render_error adds what it was (", not Date"), as Python
 *     does.
 *   - A string with a lone surrogate (V8 would write U+FFFD) is an error:
 *     in template sources and partials (nb_template_text_ok) and in a
 *     string the template renders (nb_check_lone).
 */

/* Every napi_* call pays for a TryCatch, a call-depth scope and handle
 * bookkeeping, so the hot path is about making fewer of them:
 *
 *  - Property-name strings are created once per template and kept, so a
 *    lookup is one napi_get_property with a string V8 has already
 *    internalised. Node-API 8 cannot reference primitives, so the strings live
 *    in a JS array, the template's "holder" ([source, key0, key1, ...]), held
 *    by one reference. keys[0..npre) are the template's top-level names (in
 *    ty_template_name order); names met later (dynamic names, the later
 *    segments of dotted names) are appended while there is room, and made
 *    per lookup after that.
 *
 *  - Pre-extraction (the fast path; node/index.js writes it). Reading a
 *    property in JS is about ten times cheaper than napi_get_property, so
 *    render() in JS walks the data breadth-first, reading the template's
 *    names from the root object, from plain objects and from list items
 *    below it (bounded in depth and count), and describes what it found as
 *    records of four doubles [tag, a, b, c] in one Float64Array (tags:
 *    NB_PRE_* in tags.h, generated from tags.json):
 *
 *      NB_PRE_MAP    a: index in `objs` (the object itself), b: first record
 *                    of its block: one record per name, keys[0..npre) order,
 *                    c: npre (checked, so both sides agree on the layout)
 *      NB_PRE_LIST   a: index in `objs`, b: first record of its block, c: length
 *      NB_PRE_STRING a: length in UTF-16 units; the strings of all records,
 *                    in record order, are joined into ONE JS string
 *      NB_PRE_NUMBER a: the number;  TRUE, FALSE, NULL: no fields
 *      NB_PRE_ABSENT undefined (a missing name, or a hole in a list)
 *      NB_PRE_HOST   anything else (functions, Dates, class instances, bigints,
 *                    getters that threw, containers past the bounds):
 *                    read from the container through Node-API when needed
 *
 *    Record 0 is the root (a MAP). One napi_get_value_string_utf8 fetches
 *    every string, and the core's lookups in pre-read values cost no napi
 *    call at all. Nothing in the records is trusted: they are validated once
 *    (blocks lie after their parent, in range, each record in one block) and
 *    a malformed set is a TypeError, never a wild read.
 *
 *    The walk learns: after the render the binding writes which names were
 *    looked up in the root record and in nested maps into the record after
 *    the last one (when the buffer has room), as [root bits 0-31, root bits
 *    32-63, nested 0-31, nested 32-63]. The next walk reads only those
 *    names, the rest are HOST records, read (and learnt) on demand. */

#include "common.h"

/* FNV-1a of a name, for the key hash. */
static uint32_t nb_hash(const char *s, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Index of key in tp->keys, or -1. */
int nb_key_find(nb_template *tp, const char *key, size_t len) {
    unsigned s = (unsigned)(((uintptr_t)key >> 3) ^ ((uintptr_t)key >> 9)) & (NB_SEEN - 1);
    if (tp->seen[s].ptr == key) {
        const nb_key *k = &tp->keys[tp->seen[s].idx];
        if (k->len == len && memcmp(k->bytes, key, len) == 0) return tp->seen[s].idx;
    }
    for (uint32_t h = nb_hash(key, len);; h++) {
        unsigned slot = tp->hash[h & (NB_KEYS_HASH - 1)];
        if (!slot) return -1;
        const nb_key *k = &tp->keys[slot - 1];
        if (k->len == len && memcmp(k->bytes, key, len) == 0) {
            tp->seen[s].ptr = key;
            tp->seen[s].idx = (int)slot - 1;
            return (int)slot - 1;
        }
    }
}

/* Appends key to tp->keys (the caller puts its JS string in the holder at
 * NB_HOLDER_KEYS + index). False when full or out of memory: the key is then
 * simply not cached. */
bool nb_key_add(nb_template *tp, const char *key, size_t len) {
    if (tp->nkeys >= NB_KEYS_MAX) return false;
    nb_key *k = &tp->keys[tp->nkeys];
    k->bytes = malloc(len ? len : 1);
    if (!k->bytes) return false;
    memcpy(k->bytes, key, len);
    k->len = len;
    uint32_t h = nb_hash(key, len);
    while (tp->hash[h & (NB_KEYS_HASH - 1)]) h++;
    tp->hash[h & (NB_KEYS_HASH - 1)] = (uint8_t)(++tp->nkeys);
    return true;
}

/* The JS string for a property name (idx: its nb_key_find result): from
 * this render's cache, else the template's holder, else freshly made (and
 * kept in the holder when there is room). */
static int nb_key_value(nb_render *r, const char *key, size_t len, int idx, napi_value *out) {
    napi_env env = r->env;
    nb_template *tp = r->tpl;
    if (idx >= 0) {
        size_t i = (size_t)idx;
        while (r->nkv <= i) r->keyvals[r->nkv++] = NULL; /* keys added since the render began */
        if (r->keyvals[i]) {
            *out = r->keyvals[i];
            return TY_OK;
        }
    }
    if (!r->holder) NB_CALL_HOST(env, napi_get_reference_value(env, tp->holder, &r->holder));
    if (idx >= 0) {
        NB_CALL_HOST(env, napi_get_element(env, r->holder, (uint32_t)(NB_HOLDER_KEYS + idx), out));
        r->keyvals[idx] = *out;
        return TY_OK;
    }
    NB_CALL_HOST(env, napi_create_string_utf8(env, key, len, out));
    size_t i = tp->nkeys;
    if (nb_key_add(tp, key, len)) {
        NB_CALL_HOST(env, napi_set_element(env, r->holder, (uint32_t)(NB_HOLDER_KEYS + i), *out));
        while (r->nkv <= i) r->keyvals[r->nkv++] = NULL;
        r->keyvals[i] = *out;
    }
    return TY_OK;
}

/* The record a ref points at, or NULL for a napi_value. */
static inline nb_pre *nb_pre_of(const nb_render *r, ty_ref ref) {
    uintptr_t p = (uintptr_t)ref, lo = (uintptr_t)r->pre;
    return r->npre && p >= lo && p < lo + r->npre * sizeof(nb_pre) ? (nb_pre *)ref : NULL;
}

/* The JS object of a MAP/LIST record (objs[p->obj]). */
static int nb_pre_object(nb_render *r, nb_pre *p, napi_value *out) {
    if (!p->host) NB_CALL_HOST(r->env, napi_get_element(r->env, r->objs, p->obj, &p->host));
    *out = p->host;
    return TY_OK;
}

/* Throws the TypeError for a function met as data. */
static int nb_lambda_error(napi_env env, const char *key, size_t len) {
    char name[72];
    size_t n = len < 64 ? len : 64;
    if (key) memcpy(name, key, n);
    name[key ? n : 0] = '\0';
    char msg[200];
    const char *with_name[] = {"lambdas are not supported: \"", name, "\" is a function", NULL};
    const char *without[] = {"lambdas are not supported: a function cannot be rendered", NULL};
    nb_concat(msg, sizeof msg, key ? with_name : without, key ? 3 : 1);
    nb_type_error(env, "TY_TEMPLATE", msg);
    return TY_E_HOST;
}

/* obj[key] by Node-API with the data rules: undefined and inherited
 * functions are absent (0), own functions an error; 1 with *out set. */
static int nb_get_js(nb_render *r, napi_value obj, const char *key, size_t len, int idx, ty_ref *out) {
    napi_env env = r->env;
    napi_value k, v;
    int rc = nb_key_value(r, key, len, idx, &k);
    if (rc) return rc;
    NB_CALL_HOST(env, napi_get_property(env, obj, k, &v));
    napi_valuetype t;
    NB_CALL_HOST(env, napi_typeof(env, v, &t));
    if (t == napi_undefined) return 0;
    if (t == napi_function || (len == 9 && memcmp(key, "__proto__", 9) == 0)) {
        bool own;
        NB_CALL_HOST(env, napi_has_own_property(env, obj, k, &own));
        if (!own) return 0;
        if (t == napi_function) return nb_lambda_error(env, key, len);
    }
    r->last = v;
    r->last_type = t;
    *out = v;
    return 1;
}

/* Refuses v as template data (kind() returns TY_E_ARG): remembers the name
 * of what it is for the error ("Set", "symbol"), as Python names the type. */
static int nb_refuse(nb_render *r, napi_value v, const char *what) {
    if (what) {
        size_t n = strlen(what) < sizeof r->refused - 1 ? strlen(what) : sizeof r->refused - 1;
        memcpy(r->refused, what, n);
        r->refused[n] = '\0';
    } else if (!nb_class_name(r->env, v, r->refused, sizeof r->refused)) {
        memcpy(r->refused, "object", sizeof "object");
    }
    return TY_E_ARG;
}

static int nb_op_kind(void *ctx, ty_ref ref) {
    nb_render *r = ctx;
    const nb_pre *p = nb_pre_of(r, ref);
    if (p) {
        static const int kinds[] = {TY_NULL, TY_STRING, TY_NUMBER, TY_TRUE, TY_FALSE,
                                    TY_NULL, TY_NULL,   TY_MAP,    TY_LIST};
        return kinds[p->tag];
    }
    napi_env env = r->env;
    napi_value v = (napi_value)ref;
    napi_valuetype t;
    if (v == r->last) t = r->last_type;
    else NB_CALL_HOST(env, napi_typeof(env, v, &t));
    switch (t) {
    case napi_undefined:
    case napi_null: return TY_NULL;
    case napi_boolean: {
        bool b;
        NB_CALL_HOST(env, napi_get_value_bool(env, v, &b));
        return b ? TY_TRUE : TY_FALSE;
    }
    case napi_number: return TY_NUMBER;
    case napi_string:
    case napi_bigint: return TY_STRING;
    case napi_object: {
        bool yes;
        NB_CALL_HOST(env, napi_is_array(env, v, &yes));
        if (yes) return TY_LIST;
        if (!nb_is_plain(env, r->inst, v, &r->object_proto, &yes)) return TY_E_HOST;
        return yes ? TY_MAP : nb_refuse(r, v, NULL);
    }
    case napi_function: return nb_lambda_error(env, NULL, 0);
    case napi_symbol: return nb_refuse(r, v, "symbol");
    default: return nb_refuse(r, v, "external");
    }
}

/* ty_data_ops.get: from a MAP record's block when the walk read the name,
 * else obj[key] through Node-API (nb_get_js). */
static int nb_op_get(void *ctx, ty_ref map, const char *key, size_t len, ty_ref *out) {
    nb_render *r = ctx;
    int idx = nb_key_find(r->tpl, key, len);
    nb_pre *p = nb_pre_of(r, map);
    if (!p) return nb_get_js(r, (napi_value)map, key, len, idx, out);
    /* a MAP record (the core asks only maps): its block holds the names */
    if (idx >= 0 && (size_t)idx < r->tpl->npre) {
        if (p == r->pre) r->seen_root |= (uint64_t)1 << idx;
        else r->seen_nested |= (uint64_t)1 << idx;
        const nb_pre *c = &r->pre[p->block + (uint32_t)idx];
        if (c->tag == NB_PRE_ABSENT) return 0;
        if (c->tag != NB_PRE_HOST) {
            *out = c;
            return 1;
        }
    }
    napi_value obj;
    int rc = nb_pre_object(r, p, &obj);
    return rc ? rc : nb_get_js(r, obj, key, len, idx, out);
}

/* ty_data_ops.count: a LIST record's length, or a JS array's. */
static int nb_op_count(void *ctx, ty_ref list, size_t *n) {
    nb_render *r = ctx;
    const nb_pre *p = nb_pre_of(r, list);
    if (p) {
        *n = p->count;
        return TY_OK;
    }
    uint32_t len;
    NB_CALL_HOST(r->env, napi_get_array_length(r->env, (napi_value)list, &len));
    *n = len;
    return TY_OK;
}

/* ty_data_ops.item: a record of a LIST record's block (items the walk left
 * out are read from the array), or element i of a JS array. */
static int nb_op_item(void *ctx, ty_ref list, size_t i, ty_ref *out) {
    nb_render *r = ctx;
    napi_value arr, v;
    nb_pre *p = nb_pre_of(r, list);
    if (i > UINT32_MAX) return TY_E_ARG;
    if (p) {
        if (i >= p->count) return TY_E_ARG;
        const nb_pre *c = &r->pre[p->block + i];
        if (c->tag != NB_PRE_HOST) {
            *out = c;
            return TY_OK;
        }
        int rc = nb_pre_object(r, p, &arr);
        if (rc) return rc;
    } else {
        arr = (napi_value)list;
    }
    NB_CALL_HOST(r->env, napi_get_element(r->env, arr, (uint32_t)i, &v));
    *out = v;
    return TY_OK;
}

/* TY_E_UTF8 (the index in r->lone) when JS string v, whose UTF-8 V8 wrote
 * as (s, len), has a lone surrogate; TY_OK otherwise. V8 writes a lone
 * surrogate as U+FFFD, so only text holding that character (EF BF BD) is
 * looked at again: ordinary strings cost one memchr. */
static int nb_check_lone(nb_render *r, napi_value v, const char *s, size_t len) {
    if (!nb_has_fffd(s, len)) return TY_OK;
    int64_t at = nb_lone_surrogate(r->env, v, s, len);
    if (at == -2) return TY_E_HOST;
    if (at < 0) return TY_OK;
    r->lone = at;
    return TY_E_UTF8;
}

/* ty_data_ops.string: a STRING record's slice of the joined buffer, or a JS
 * value's UTF-8 in the render's scratch buffer (bigints via their digits),
 * valid until the next callback. A string with a lone surrogate is refused
 * as text (TY_E_UTF8, the index kept in r->lone). */
static int nb_op_string(void *ctx, ty_ref ref, const char **s, size_t *len) {
    nb_render *r = ctx;
    const nb_pre *p = nb_pre_of(r, ref);
    if (p) { /* kind() said STRING */
        *s = p->s;
        *len = p->len;
        return TY_OK;
    }
    napi_env env = r->env;
    napi_value v = (napi_value)ref;
    /* the common case, a string, costs one call; the probe fails fast
     * (napi_string_expected, no exception) for anything else */
    size_t n = 0;
    napi_status st = napi_get_value_string_utf8(env, v, r->scratch, r->scratch_cap, &n);
    if (st == napi_string_expected) { /* bigint (kind() said so): its decimal digits */
        NB_CALL_HOST(env, napi_coerce_to_string(env, v, &v));
    } else if (st != napi_ok) {
        nb_throw_status(env, "napi_get_value_string_utf8");
        return TY_E_HOST;
    } else if (n + 4 < r->scratch_cap) {
        *s = r->scratch;
        *len = n;
        return nb_check_lone(r, v, *s, n);
    }
    int rc = nb_utf8_into(env, v, &r->scratch, &r->scratch_cap, len);
    *s = r->scratch;
    return rc ? rc : nb_check_lone(r, v, *s, *len);
}

/* ty_data_ops.number: a NUMBER record's value, or a JS number's. */
static int nb_op_number(void *ctx, ty_ref ref, double *out) {
    nb_render *r = ctx;
    const nb_pre *p = nb_pre_of(r, ref);
    if (p) {
        *out = p->num;
        return TY_OK;
    }
    NB_CALL_HOST(r->env, napi_get_value_double(r->env, (napi_value)ref, out));
    return TY_OK;
}

/* Handles are borrowed from the render call's scope and records from the
 * render's buffer: nothing to release. JS objects have no text form of
 * their own (`text`): interpolating one is an error in strict mode. */
const ty_data_ops nb_data_ops = {
    nb_op_kind, nb_op_get, nb_op_count, nb_op_item, nb_op_string, nb_op_number, NULL, NULL,
};

/* Room for n records in *pre (grown, never shrunk); false with an
 * exception pending when memory ran out. */
static bool nb_pre_reserve(napi_env env, nb_pre **pre, size_t *pre_cap, size_t n) {
    if (n <= *pre_cap) return true;
    size_t ncap = *pre_cap * 2 > n ? *pre_cap * 2 : n;
    nb_pre *p = realloc(*pre, ncap * sizeof *p);
    if (!p) {
        nb_throw_nomem(env);
        return false;
    }
    *pre = p;
    *pre_cap = ncap;
    return true;
}

/* A whole number within [lo, hi]. */
static bool nb_pre_whole(double x, double lo, double hi) { return x >= lo && x <= hi && x == (double)(uint32_t)x; }

/* Decodes record i (four doubles at f) of n into pr[i]; k: the names a map
 * has. A string's length is added to *units. False when it is malformed:
 * a map's or list's children come after it (so no cycles), within the n
 * records, each in one block only, and a map's block has one record per
 * name. */
static bool nb_pre_record(nb_pre *pr, uint32_t i, const double *f, uint32_t n, size_t k, double *units) {
    nb_pre *p = &pr[i];
    if (!(f[0] >= NB_PRE_ABSENT && f[0] <= NB_PRE_LIST && f[0] == (int)f[0])) return false;
    p->tag = (int)f[0];
    p->s = NULL;
    p->len = 0;
    p->num = f[1];
    p->host = NULL;
    p->block = p->count = p->obj = 0;
    if (p->tag == NB_PRE_STRING) {
        *units += f[1];
        return nb_pre_whole(f[1], 0, (double)(1u << 30));
    }
    if (p->tag != NB_PRE_MAP && p->tag != NB_PRE_LIST) return true;
    double cnt = f[3];
    if (!((p->tag == NB_PRE_LIST || cnt == (double)k) && nb_pre_whole(f[1], 0, UINT32_MAX) &&
          nb_pre_whole(cnt, 0, UINT32_MAX) && f[2] > i && nb_pre_whole(f[2], 0, UINT32_MAX) && f[2] + cnt <= n))
        return false;
    p->obj = (uint32_t)f[1];
    p->block = (uint32_t)f[2];
    p->count = (uint32_t)cnt;
    for (uint32_t j = p->block; j < p->block + p->count; j++) {
        if (pr[j].has_parent) return false;
        pr[j].has_parent = true;
    }
    return true;
}

/* Points each STRING record of pr[0..n) at its text in the UTF-8 of
 * `joined` (into *buf), cut where the UTF-16 lengths say. A string that may
 * hold a lone surrogate (V8 wrote U+FFFD), and every string when the lengths
 * do not add up, becomes a HOST record, read through Node-API and checked
 * there. False with an exception pending on failure. */
static bool nb_pre_strings(napi_env env, nb_pre *pr, uint32_t n, double units, napi_value joined, char **buf,
                           size_t *cap) {
    size_t blen, at = 0;
    if (nb_utf8_into(env, joined, buf, cap, &blen)) return false;
    const unsigned char *u = (const unsigned char *)*buf;
    bool ascii = (double)blen == units, ok = true; /* then one byte per unit */
    for (uint32_t i = 0; ok && i < n; i++) {
        nb_pre *p = &pr[i];
        if (p->tag != NB_PRE_STRING) continue;
        size_t start = at;
        if (ascii) at += (size_t)p->num;
        else ok = nb_utf16_skip(u, blen, &at, (size_t)p->num);
        p->s = *buf + start;
        p->len = at - start;
        if (!ascii && nb_has_fffd(p->s, p->len)) p->tag = NB_PRE_HOST;
    }
    if (ok && at == blen) return true;
    for (uint32_t i = 0; i < n; i++)
        if (pr[i].tag == NB_PRE_STRING) pr[i].tag = NB_PRE_HOST;
    return true;
}

/* Decodes the records of one render's pre-extraction (top of this file) into
 * *pre (grown as needed): `meta` (an ArrayBuffer) holds n records of four
 * doubles, `joined` their strings, `objs` the objects they came from
 * (objs[0]: the data). Everything is copied out before any getter can run,
 * and nothing from JS is trusted: malformed records are a TypeError (false
 * returned), never a wild read. */
bool nb_pre_load(napi_env env, nb_render *r, napi_value joined, napi_value meta, napi_value count,
                 nb_pre **pre, size_t *pre_cap, char **buf, size_t *cap) {
    size_t bytes = 0;
    void *raw = NULL;
    uint32_t n = 0;
    /* an ArrayBuffer: napi_get_arraybuffer_info is much cheaper than
     * napi_get_typedarray_info (no buffer materialisation, no type switch) */
    bool ok = napi_get_value_uint32(env, count, &n) == napi_ok && nb_is_string(env, joined) &&
              napi_get_arraybuffer_info(env, meta, &raw, &bytes) == napi_ok && n >= 1 &&
              n <= NB_PRE_RECORDS_MAX && bytes / (4 * sizeof(double)) >= n && ((uintptr_t)raw % sizeof(double)) == 0;
    if (ok && !nb_pre_reserve(env, pre, pre_cap, n)) return false;
    const double *m = raw;
    nb_pre *pr = *pre;
    double units = 0; /* UTF-16 units the strings claim in `joined` */
    for (uint32_t i = 0; ok && i < n; i++) pr[i].has_parent = false;
    for (uint32_t i = 0; ok && i < n; i++) ok = nb_pre_record(pr, i, m + 4 * (size_t)i, n, r->tpl->npre, &units);
    if (!ok || pr[0].tag != NB_PRE_MAP) {
        nb_type_error(env, NULL, "_renderPre: malformed pre-extraction records");
        return false;
    }
    r->pre = pr;
    r->npre = n;
    return units == 0 || nb_pre_strings(env, pr, n, units, joined, buf, cap);
}

/* Reports the names looked up in pre-read maps (top of this file) into the record
 * after the last one, for the walk to learn. The buffer is looked up again:
 * a getter may have detached it meanwhile. */
void nb_pre_learn(napi_env env, const nb_render *r, napi_value meta) {
    void *raw = NULL;
    size_t bytes = 0;
    if (napi_get_arraybuffer_info(env, meta, &raw, &bytes) != napi_ok || !raw ||
        bytes / (4 * sizeof(double)) < r->npre + 1 || (uintptr_t)raw % sizeof(double))
        return;
    double *h = (double *)raw + 4 * r->npre;
    h[0] = (double)(uint32_t)r->seen_root;
    h[1] = (double)(uint32_t)(r->seen_root >> 32);
    h[2] = (double)(uint32_t)r->seen_nested;
    h[3] = (double)(uint32_t)(r->seen_nested >> 32);
}
