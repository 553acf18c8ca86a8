/*
 * nb_args.c — reading JS values with Node-API: strings (as UTF-8, with lone
 * surrogates found), whole numbers and limits, own keys, and what kind of
 * object a value is (plain, or which class).
 */

#include "common.h"

/* Copies the UTF-8 of JS string v into *buf (growing it), NUL-terminated.
 * One napi call when it fits: V8's WriteUtf8 stops at most 3 bytes short of
 * the room it has, so a copy that ends earlier than that is complete. */
int nb_utf8_into(napi_env env, napi_value v, char **buf, size_t *cap, size_t *len) {
    size_t n = 0;
    NB_CALL_HOST(env, napi_get_value_string_utf8(env, v, *buf, *cap, &n));
    if (n + 4 < *cap) {
        *len = n;
        return TY_OK;
    }
    size_t full = 0;
    NB_CALL_HOST(env, napi_get_value_string_utf8(env, v, NULL, 0, &full));
    if (full + 1 > *cap) {
        size_t ncap = *cap * 2 > full + 1 ? *cap * 2 : full + 1;
        char *p = realloc(*buf, ncap);
        if (!p) {
            nb_throw_nomem(env);
            return TY_E_HOST;
        }
        *buf = p;
        *cap = ncap;
        NB_CALL_HOST(env, napi_get_value_string_utf8(env, v, *buf, *cap, &n));
    }
    *len = n;
    return TY_OK;
}

/* ty_data_ops.kind: a record by its tag; a JS value by typeof: arrays are
 * lists, plain objects maps, bigints strings; functions throw (lambdas);
 * any other object (a Date, Map, Set, class instance...) and symbols are
 * refused as not data (TY_E_ARG, see nb_refuse). */
/* True in *plain when obj is a plain object: its prototype is null,
 * Object.prototype, or (another realm's Object.prototype, e.g. from a vm
 * context or a test runner's sandbox) an object whose own prototype is null.
 * *object_proto caches this environment's Object.prototype (NULL at first),
 * found through inst (NULL: looked up). The common case, Object.prototype,
 * costs two Node-API calls. False with an exception pending on failure. */
bool nb_is_plain(napi_env env, nb_inst *inst, napi_value obj, napi_value *object_proto, bool *plain) {
    napi_value proto, up;
    napi_valuetype t;
    *plain = false;
    NB_CALL_RET(env, napi_get_prototype(env, obj, &proto), false);
    if (!*object_proto) {
        if (!inst) NB_CALL_RET(env, napi_get_instance_data(env, (void **)&inst), false);
        if (inst && inst->object_proto)
            NB_CALL_RET(env, napi_get_reference_value(env, inst->object_proto, object_proto), false);
    }
    if (*object_proto) NB_CALL_RET(env, napi_strict_equals(env, proto, *object_proto, plain), false);
    if (*plain) return true;
    NB_CALL_RET(env, napi_typeof(env, proto, &t), false);
    if (t == napi_null) {
        *plain = true;
        return true;
    }
    NB_CALL_RET(env, napi_get_prototype(env, proto, &up), false);
    NB_CALL_RET(env, napi_typeof(env, up, &t), false);
    *plain = t == napi_null;
    return true;
}

/* Writes the name of object v's class (v.constructor.name: "Map", "Date",
 * "Point") into dst; false when it has none. Best effort: an exception
 * thrown on the way (a getter, a Proxy trap) is cleared. */
bool nb_class_name(napi_env env, napi_value v, char *dst, size_t cap) {
    napi_value fn, name;
    size_t len = 0;
    bool ok = napi_get_named_property(env, v, "constructor", &fn) == napi_ok &&
              napi_get_named_property(env, fn, "name", &name) == napi_ok && nb_is_string(env, name) &&
              napi_get_value_string_utf8(env, name, dst, cap, &len) == napi_ok && len > 0;
    bool pending = false;
    if (napi_is_exception_pending(env, &pending) == napi_ok && pending) {
        napi_value ignored;
        napi_get_and_clear_last_exception(env, &ignored);
    }
    if (!ok && cap) dst[0] = '\0';
    return ok;
}

/* Reads JS string v into a fresh malloc'd UTF-8 buffer (caller frees).
 * NULL with an exception pending on failure. */
char *nb_string_dup(napi_env env, napi_value v, size_t *len) {
    size_t n = 0, got = 0;
    NB_CALL(env, napi_get_value_string_utf8(env, v, NULL, 0, &n));
    char *p = malloc(n + 1);
    if (!p) {
        napi_throw_range_error(env, "TY_NOMEM", "out of memory");
        return NULL;
    }
    napi_status st = napi_get_value_string_utf8(env, v, p, n + 1, &got);
    if (st != napi_ok) {
        free(p);
        nb_throw_status(env, "napi_get_value_string_utf8");
        return NULL;
    }
    *len = got;
    return p;
}

/* Own enumerable string keys of obj (as a JS array). */
bool nb_own_keys(napi_env env, napi_value obj, napi_value *keys, uint32_t *n) {
    NB_CALL_RET(env,
                napi_get_all_property_names(env, obj, napi_key_own_only,
                                            napi_key_enumerable | napi_key_skip_symbols,
                                            napi_key_numbers_to_strings, keys),
                false);
    NB_CALL_RET(env, napi_get_array_length(env, *keys, n), false);
    return true;
}

/* Index (in UTF-16 units) of the first lone surrogate in JS string v, or -1
 * when there is none; -2 with an exception pending on failure. V8 writes a
 * lone surrogate as U+FFFD, so only strings whose UTF-8 (s, len) holds that
 * character are looked at again, in UTF-16. */
int64_t nb_lone_surrogate(napi_env env, napi_value v, const char *s, size_t len) {
    if (!nb_has_fffd(s, len)) return -1;
    size_t n = 0;
    NB_CALL_RET(env, napi_get_value_string_utf16(env, v, NULL, 0, &n), -2);
    char16_t *u = malloc((n + 1) * sizeof *u);
    if (!u) {
        napi_throw_range_error(env, "TY_NOMEM", "out of memory");
        return -2;
    }
    if (napi_get_value_string_utf16(env, v, u, n + 1, &n) != napi_ok) {
        free(u);
        nb_throw_status(env, "napi_get_value_string_utf16");
        return -2;
    }
    int64_t at = -1;
    for (size_t i = 0; i < n && at < 0; i++) {
        unsigned c = u[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) i++;
        else if (c >= 0xD800 && c <= 0xDFFF) at = (int64_t)i;
    }
    free(u);
    return at;
}

/* Reads a JS string argument into a fresh malloc'd UTF-8 buffer (caller
 * frees): a TypeError "<fn> <what> must be a string" for anything else, and
 * the `domain` family's utf8 error for a lone surrogate. NULL with an
 * exception pending on failure. */
char *nb_text_arg(napi_env env, napi_value v, const char *fn, const char *what, int domain, size_t *len) {
    if (!nb_is_string(env, v)) {
        char msg[160];
        const char *parts[] = {fn, "() ", what, " must be a string", NULL};
        nb_concat(msg, sizeof msg, parts, 4);
        nb_type_error(env, NULL, msg);
        return NULL;
    }
    char *s = nb_string_dup(env, v, len);
    if (!s) return NULL;
    int64_t at = nb_lone_surrogate(env, v, s, *len);
    if (at != -1) {
        free(s);
        if (at >= 0) nb_throw_lone_surrogate(env, domain, what, at);
        return NULL;
    }
    return s;
}

/* True (exception-free) when v is undefined or null. */
bool nb_is_nullish(napi_env env, napi_value v) {
    napi_valuetype t;
    return !v || (napi_typeof(env, v, &t) == napi_ok && (t == napi_undefined || t == napi_null));
}

/* Reads a whole number argument within [lo, hi]; false with a TypeError
 * (not a number) or RangeError (not whole, out of range) thrown. */
bool nb_whole_arg(napi_env env, napi_value v, const char *what, double lo, double hi, double *out) {
    napi_valuetype t;
    NB_CALL_RET(env, napi_typeof(env, v, &t), false);
    if (t != napi_number) {
        nb_arg_error(env, false, what, " must be a number", "");
        return false;
    }
    NB_CALL_RET(env, napi_get_value_double(env, v, out), false);
    if (!(*out >= lo && *out <= hi) || *out != (double)(int64_t)*out) {
        nb_arg_error(env, true, what, " must be a whole number within its range", "");
        return false;
    }
    return true;
}

/* A load limit: undefined, null or 0 is the default, else a positive
 * whole number (at most 2^53). */
bool nb_limit_arg(napi_env env, napi_value v, const char *what, size_t *out) {
    *out = 0;
    if (nb_is_nullish(env, v)) return true;
    double x;
    if (!nb_whole_arg(env, v, what, 0, 9007199254740992.0, &x)) return false;
    *out = x > (double)SIZE_MAX ? SIZE_MAX : (size_t)x;
    return true;
}

/* Reads an optional string argument (undefined/null: *out NULL) into a
 * fresh malloc'd UTF-8 buffer; false with an exception pending. */
bool nb_ch_opt_text(napi_env env, napi_value v, const char *fn, const char *what, char **out, size_t *len) {
    *out = NULL;
    *len = 0;
    if (nb_is_nullish(env, v)) return true;
    *out = nb_text_arg(env, v, fn, what, TY_DOMAIN_NONE, len);
    return *out != NULL;
}
