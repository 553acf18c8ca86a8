/*
 * nb_errors.c — exceptions: a failed napi_* call (NB_CALL, nb_throw_status),
 * a core ty_error as a JS error of the classes node/errors.js defines
 * (nb_throw_ty_error), argument errors, and the bounded message builders
 * they use. Nothing here asserts or aborts.
 */

#include "common.h"

/* Builds "a" + "b" + ... into dst (bounded, NUL-terminated). Used for error
 * messages so no printf-family call runs on user data. */
void nb_concat(char *dst, size_t cap, const char *const *parts, size_t nparts) {
    size_t n = 0;
    for (size_t i = 0; i < nparts && parts[i]; i++) {
        size_t l = strlen(parts[i]);
        if (l > cap - 1 - n) l = cap - 1 - n;
        memcpy(dst + n, parts[i], l);
        n += l;
    }
    dst[n] = '\0';
}

/* Throws an Error describing the napi_* call that just failed unless an
 * exception is already pending (then that one is the better explanation). */
void nb_throw_status(napi_env env, const char *call) {
    const napi_extended_error_info *info = NULL;
    const char *msg = NULL;
    /* must be read before any other napi call overwrites it */
    if (napi_get_last_error_info(env, &info) == napi_ok && info && info->error_message)
        msg = info->error_message;
    bool pending = false;
    if (napi_is_exception_pending(env, &pending) != napi_ok || pending) return;
    char text[256];
    const char *parts[] = {"tinyyes: Node-API call failed (", msg ? msg : "unknown status", ") in ", call};
    nb_concat(text, sizeof text, parts, 4);
    napi_throw_error(env, NULL, text);
}

static void nb_throw_arg(napi_env env, bool range, const char *code, const char *msg);

/* Throws an ArgumentTypeError (a TypeError) with code `code` (NULL: 'TY_ERROR'). */
void nb_type_error(napi_env env, const char *code, const char *msg) { nb_throw_arg(env, false, code, msg); }

/* Sets obj[name] = value; false (exception pending) on failure. */
static bool nb_set(napi_env env, napi_value obj, const char *name, napi_value value) {
    NB_CALL_RET(env, napi_set_named_property(env, obj, name, value), false);
    return true;
}

/* Sets obj[name] to a new string (NUL-terminated s); false on failure. */
bool nb_set_string(napi_env env, napi_value obj, const char *name, const char *s) {
    napi_value v;
    NB_CALL_RET(env, napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v), false);
    return nb_set(env, obj, name, v);
}

/* Sets obj[name] to a new number; false (exception pending) on failure. */
bool nb_set_number(napi_env env, napi_value obj, const char *name, double x) {
    napi_value v;
    NB_CALL_RET(env, napi_create_double(env, x, &v), false);
    return nb_set(env, obj, name, v);
}

/* A new error of class `which` (NB_ERR_*) with message msg, through the
 * class node/errors.js made (it sets code, reason and offset), or a plain
 * Error/TypeError/RangeError before the classes are known. */
bool nb_new_error(napi_env env, int which, napi_value msg, napi_value *out) {
    nb_inst *inst = NULL;
    napi_value ctor = NULL;
    if (napi_get_instance_data(env, (void **)&inst) == napi_ok && inst && inst->err_ctor[which])
        NB_CALL_RET(env, napi_get_reference_value(env, inst->err_ctor[which], &ctor), false);
    if (ctor) {
        NB_CALL_RET(env, napi_new_instance(env, ctor, 1, &msg, out), false);
        return true;
    }
    if (which == NB_ERR_TYPE) NB_CALL_RET(env, napi_create_type_error(env, NULL, msg, out), false);
    else if (which == NB_ERR_RANGE) NB_CALL_RET(env, napi_create_range_error(env, NULL, msg, out), false);
    else NB_CALL_RET(env, napi_create_error(env, NULL, msg, out), false);
    return true;
}

/* Throws an argument error: ArgumentRangeError when `range`, else
 * ArgumentTypeError, with code `code` (NULL: 'TY_ERROR'). */
static void nb_throw_arg(napi_env env, bool range, const char *code, const char *msg) {
    napi_value m, e;
    NB_CALL_RET(env, napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &m), );
    if (!nb_new_error(env, range ? NB_ERR_RANGE : NB_ERR_TYPE, m, &e)) return;
    if (!nb_set_string(env, e, "code", code ? code : "TY_ERROR")) return;
    napi_throw(env, e);
}

/* _setErrorClasses(TinyyesError, TemplateError, PlaybookError, StateError,
 * EventError, ArgumentTypeError, ArgumentRangeError): the classes native
 * errors are made with, kept per environment. */
static napi_value nb_set_error_classes(napi_env env, napi_callback_info info) {
    size_t argc = 7;
    napi_value argv[7];
    nb_inst *inst;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, (void **)&inst));
    if (argc != 7) {
        napi_throw_type_error(env, NULL, "_setErrorClasses() takes the seven error classes");
        return NULL;
    }
    for (size_t i = 0; i < 7; i++) {
        napi_valuetype t;
        NB_CALL(env, napi_typeof(env, argv[i], &t));
        if (t != napi_function) {
            napi_throw_type_error(env, NULL, "_setErrorClasses() takes the seven error classes");
            return NULL;
        }
    }
    for (size_t i = 0; i < 7; i++) {
        if (inst->err_ctor[i]) NB_CALL(env, napi_delete_reference(env, inst->err_ctor[i]));
        inst->err_ctor[i] = NULL;
        NB_CALL(env, napi_create_reference(env, argv[i], 1, &inst->err_ctor[i]));
    }
    return NULL;
}

void nb_throw_ty_error(napi_env env, const ty_error *err) { nb_throw_ty_error_as(env, err, -1); }

/* nb_throw_ty_error with the class NB_ERR_* `which` (-1: the domain's). */
void nb_throw_ty_error_as(napi_env env, const ty_error *err, int which) {
    bool pending = false;
    if (napi_is_exception_pending(env, &pending) != napi_ok || pending) return;
    if (err->code == TY_E_HOST) {
        /* the callback failed without leaving an exception: still say so */
        napi_throw_error(env, "TY_ERROR", err->message[0] ? err->message : "tinyyes: host data callback failed");
        return;
    }
    const char *message = err->message[0] ? err->message : ty_code_reason(err->code);
    napi_value msg, code, e;
    if (err->code == TY_E_NOMEM) {
        NB_CALL_RET(env, napi_create_string_utf8(env, "TY_NOMEM", NAPI_AUTO_LENGTH, &code), );
        NB_CALL_RET(env, napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &msg), );
        NB_CALL_RET(env, napi_create_range_error(env, code, msg, &e), );
        if (!nb_set_string(env, e, "reason", "nomem")) return;
        napi_throw(env, e);
        return;
    }
    NB_CALL_RET(env, napi_create_string_utf8(env, ty_domain_name(err->domain), NAPI_AUTO_LENGTH, &code), );
    NB_CALL_RET(env, napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &msg), );
    if (which < 0)
        which = err->domain >= TY_DOMAIN_TEMPLATE && err->domain <= TY_DOMAIN_EVENT ? err->domain : NB_ERR_BASE;
    if (!nb_new_error(env, which, msg, &e)) return;
    if (!nb_set(env, e, "code", code)) return;
    if (!nb_set_string(env, e, "reason", ty_code_reason(err->code))) return;
    if (err->line && !nb_set_number(env, e, "line", err->line)) return;
    if (err->col && !nb_set_number(env, e, "col", err->col)) return;
    if (err->path[0] && !nb_set_string(env, e, "path", err->path)) return;
    if (!nb_set_number(env, e, "offset", (double)err->offset)) return;
    napi_throw(env, e);
}

/* Throws a RangeError with code 'TY_NOMEM'. */
void nb_throw_nomem(napi_env env) { napi_throw_range_error(env, "TY_NOMEM", "out of memory"); }

/* Writes the decimal digits of x into dst (>= 21 bytes); returns dst. */
char *nb_utoa(uint64_t x, char *dst) {
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    for (size_t i = 0; i < n; i++) dst[i] = tmp[n - 1 - i];
    dst[n] = '\0';
    return dst;
}

/* Throws the family error `domain` with `code` (no path) and message
 * "<what>: lone surrogate at index N is not valid Unicode text". */
void nb_throw_lone_surrogate(napi_env env, int domain, const char *what, int64_t at) {
    ty_error err;
    memset(&err, 0, sizeof err);
    err.code = TY_E_UTF8;
    err.domain = domain;
    char num[24];
    const char *parts[] = {what, ": lone surrogate at index ", nb_utoa((uint64_t)at, num),
                           " is not valid Unicode text", NULL};
    nb_concat(err.message, sizeof err.message, parts, 4);
    nb_throw_ty_error(env, &err);
}

/* Throws a TypeError or RangeError "<a><b><c>". */
void nb_arg_error(napi_env env, bool range, const char *a, const char *b, const char *c) {
    char msg[256];
    const char *parts[] = {a, b, c, NULL};
    nb_concat(msg, sizeof msg, parts, 3);
    nb_throw_arg(env, range, NULL, msg);
}


/* Adds _setErrorClasses to exports; false with an exception pending. */
bool nb_errors_init(napi_env env, napi_value exports, nb_inst *inst) {
    napi_property_descriptor d = NB_FN("_setErrorClasses", nb_set_error_classes, inst);
    NB_CALL_RET(env, napi_define_properties(env, exports, 1, &d), false);
    return true;
}
