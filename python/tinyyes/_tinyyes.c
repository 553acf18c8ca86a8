/*
 * _tinyyes.c — the CPython binding of the tinyyes C core (raw C API).
 *
 * A thin layer, one file: argument conversion, error mapping, lifetimes and
 * GIL plumbing. Policy and convenience live in tinyyes/__init__.py.
 *
 *  - Multi-phase init, module state, heap types: no static PyObject *, so
 *    the module works in sub-interpreters and can be re-imported.
 *  - The tinyyes.Error family is created once per module object and one
 *    function (tyb_raise) maps every ty_error onto it.
 *  - tyb_ops is a ty_data_ops over Python objects: the core reads the
 *    caller's dicts/lists lazily, touching only the names a template uses.
 *  - tyb_doc_result converts any ty_doc tree the core returns (match,
 *    recognize, step results) into dict/list/str/int/float/bool/None;
 *    tyb_py_to_doc is its inverse, building ty_value trees from Python
 *    objects (events, states, data) with the core's value builder, so the
 *    core can then run without the GIL.
 *  - Playbook wraps ty_playbook; the GIL is released around load, match,
 *    recognize, step and lint (inputs converted before, results after).
 *  - _payload and _lint are module functions over one message; lint
 *    releases the GIL, payload (a microsecond) only for a long text.
 *  - Metrics wraps the core's streaming ty_metrics: add() converts any
 *    iterable of events one chunk at a time and counts it without the GIL.
 *
 * Statics are prefixed tyb_ (binding) so they cannot clash with the core.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "tinyyes.h"

/* 3.10 brought Py_TPFLAGS_MAPPING/SEQUENCE (what `match` uses to tell a
 * Mapping from a Sequence), Py_NewRef and immutable heap types. */
#if PY_VERSION_HEX < 0x030A0000
#error "tinyyes needs Python 3.10 or later"
#endif

/* Free-threaded builds (3.13t): the module declares it needs no GIL. What
 * the GIL used to serialise is then locked explicitly: the two str caches
 * (tyb_mutex) and Metrics (its own lock); everything else is immutable once
 * made (Playbook, Template) or private to one call. A caller's containers
 * are read through strong references (tyb_dict_get, tyb_list_get) and
 * snapshots (a dict's or a list's items), so another thread mutating them
 * meanwhile can give odd data, never a freed object. With the GIL these
 * are the plain calls. */
#ifdef Py_GIL_DISABLED
typedef PyMutex tyb_mutex;
#define tyb_lock(m) PyMutex_Lock(m)
#define tyb_unlock(m) PyMutex_Unlock(m)
#else
typedef char tyb_mutex; /* unused: the GIL serialises */
#define tyb_lock(m) ((void)(m))
#define tyb_unlock(m) ((void)(m))
#endif

/* d[k] as a new reference in *out: 1 found, 0 missing, -1 error. */
static int tyb_dict_get(PyObject *d, PyObject *k, PyObject **out) {
#if PY_VERSION_HEX >= 0x030D0000
    return PyDict_GetItemRef(d, k, out);
#else
    PyObject *v = PyDict_GetItemWithError(d, k);
    *out = Py_XNewRef(v);
    return v ? 1 : PyErr_Occurred() ? -1 : 0;
#endif
}

/* l[i] of a list as a new reference, NULL (IndexError) past its end. */
static PyObject *tyb_list_get(PyObject *l, Py_ssize_t i) {
#if PY_VERSION_HEX >= 0x030D0000
    return PyList_GetItemRef(l, i);
#else
    if (i < 0 || i >= PyList_GET_SIZE(l)) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    return Py_NewRef(PyList_GET_ITEM(l, i));
#endif
}

/* ===================================================================== *
 * Module state
 * ===================================================================== */

typedef struct {
    PyObject *Error;          /* tinyyes.Error(ValueError) */
    PyObject *TemplateError;  /* the four domain subclasses */
    PyObject *PlaybookError;
    PyObject *StateError;
    PyObject *EventError;
    /* Argument errors: tinyyes errors that are also the builtin kind, so
     * both `except tinyyes.Error` and `except TypeError` catch them. */
    PyObject *ArgumentTypeError;     /* (Error, TypeError) */
    PyObject *ArgumentOverflowError; /* (Error, OverflowError) */
    PyObject *TemplateTypeError;     /* (TemplateError, ArgumentTypeError): template data */
    PyObject *StateTypeError;        /* (StateError, ArgumentTypeError): states */
    PyObject *EventTypeError;        /* (EventError, ArgumentTypeError): events, their data */
    PyTypeObject *TemplateType;
    PyTypeObject *PlaybookType;
    PyTypeObject *MetricsType;
    PyObject *empty_dict;     /* render(None) reads this; never mutated */
    /* Map keys of converted results ("intent", "score", state keys, ...):
     * the same few names arrive in every result, so their str objects are
     * kept (with their hash computed) instead of made anew each time. A
     * direct-mapped cache of interned ASCII strs; a collision replaces. */
    PyObject *keycache[256];
    tyb_mutex keylock; /* guards keycache without the GIL */
    /* Interned attribute names set on every raised error. */
    PyObject *s_code, *s_reason, *s_line, *s_col, *s_path, *s_offset;
    PyObject *s_text; /* "text": an event's message, size-checked before conversion */
} tyb_state;

static inline tyb_state *tyb_module_state(PyObject *module) {
    return (tyb_state *)PyModule_GetState(module);
}

/* ===================================================================== *
 * Errors: one function maps a ty_error onto the exception family
 * ===================================================================== */

/* Raises cls(msg) carrying err's code, reason, line, col, path and offset
 * (err->message is not read). Returns NULL. */
static PyObject *tyb_raise_as(tyb_state *st, PyObject *cls, PyObject *msg, const ty_error *err) {
    PyObject *exc = PyObject_CallOneArg(cls, msg);
    if (!exc) return NULL;

    PyObject *vals[6] = {NULL};
    vals[0] = PyUnicode_FromString(ty_domain_name(err->domain));
    vals[1] = PyUnicode_FromString(ty_code_reason(err->code));
    vals[2] = err->line ? PyLong_FromUnsignedLong(err->line) : Py_NewRef(Py_None);
    vals[3] = err->col ? PyLong_FromUnsignedLong(err->col) : Py_NewRef(Py_None);
    vals[4] = err->path[0] ? PyUnicode_DecodeUTF8(err->path, (Py_ssize_t)strnlen(err->path, sizeof err->path),
                                                  "replace")
                           : Py_NewRef(Py_None);
    vals[5] = PyLong_FromSize_t(err->offset);
    PyObject *names[6] = {st->s_code, st->s_reason, st->s_line, st->s_col, st->s_path, st->s_offset};
    int ok = 1;
    for (int i = 0; i < 6; i++) {
        if (ok && (!vals[i] || PyObject_SetAttr(exc, names[i], vals[i]) < 0)) ok = 0;
        Py_XDECREF(vals[i]);
    }
    if (ok) PyErr_SetObject(cls, exc);
    Py_DECREF(exc);
    return NULL;
}

/* The class for errors of `domain`; `type` picks its TypeError twin. */
static PyObject *tyb_error_class(tyb_state *st, int domain, int type) {
    switch (domain) {
    case TY_DOMAIN_TEMPLATE: return type ? st->TemplateTypeError : st->TemplateError;
    case TY_DOMAIN_PLAYBOOK: return st->PlaybookError;
    case TY_DOMAIN_STATE: return type ? st->StateTypeError : st->StateError;
    case TY_DOMAIN_EVENT: return type ? st->EventTypeError : st->EventError;
    default: return type ? st->ArgumentTypeError : st->Error;
    }
}

/* Raises the Python exception for err and returns NULL (for tail calls).
 * TY_E_HOST means a callback already set a Python exception: it is kept. */
static PyObject *tyb_raise(tyb_state *st, const ty_error *err) {
    if (err->code == TY_E_HOST) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_SystemError, "tinyyes: host callback failed without an exception");
        return NULL;
    }
    if (err->code == TY_E_NOMEM) return PyErr_NoMemory();
    /* The core truncates messages at a UTF-8 boundary, but "replace" keeps a
     * bad byte from turning one error into a confusing UnicodeDecodeError. */
    PyObject *msg = PyUnicode_DecodeUTF8(err->message, (Py_ssize_t)strnlen(err->message, sizeof err->message),
                                         "replace");
    if (!msg) return NULL;
    tyb_raise_as(st, tyb_error_class(st, err->domain, 0), msg, err);
    Py_DECREF(msg);
    return NULL;
}

/* The kinds of argument error (tyb_arg_error). */
enum { TYB_TYPE, TYB_VALUE, TYB_OVERFLOW };

/* Makes `cause` (a reference this steals; NULL: none) the __cause__ and
 * __context__ of the exception now set. Returns NULL (for tail calls). */
static PyObject *tyb_chain(PyObject *cause) {
    if (!cause) return NULL;
    PyObject *type, *exc, *tb;
    PyErr_Fetch(&type, &exc, &tb);
    PyErr_NormalizeException(&type, &exc, &tb);
    if (exc) {
        Py_INCREF(cause);
        PyException_SetContext(exc, cause); /* steals */
        PyException_SetCause(exc, cause);   /* steals */
    } else {
        Py_DECREF(cause);
    }
    PyErr_Restore(type, exc, tb);
    return NULL;
}

/* Raises an argument error of `kind` in `domain` (TY_DOMAIN_NONE for plain
 * arguments): ArgumentTypeError (or the domain's TypeError twin), Error (or
 * the domain's error) with reason "arg", or ArgumentOverflowError; the
 * message is formatted like PyUnicode_FromFormat. `path` may be NULL.
 * Chains a pending exception (an OverflowError) as the cause. Returns NULL. */
static PyObject *tyb_arg_error(tyb_state *st, int kind, int domain, const char *path, const char *fmt, ...) {
    PyObject *cause = NULL;
    if (PyErr_Occurred()) {
        PyObject *t, *tb;
        PyErr_Fetch(&t, &cause, &tb);
        PyErr_NormalizeException(&t, &cause, &tb);
        if (cause && tb) PyException_SetTraceback(cause, tb);
        Py_XDECREF(t);
        Py_XDECREF(tb);
    }
    va_list ap;
    va_start(ap, fmt);
    PyObject *msg = PyUnicode_FromFormatV(fmt, ap);
    va_end(ap);
    if (!msg) {
        Py_XDECREF(cause);
        return NULL;
    }
    ty_error err;
    memset(&err, 0, sizeof err);
    err.code = TY_E_ARG;
    err.domain = domain;
    if (path) snprintf(err.path, sizeof err.path, "%s", path);
    PyObject *cls = kind == TYB_OVERFLOW ? st->ArgumentOverflowError : tyb_error_class(st, domain, kind == TYB_TYPE);
    tyb_raise_as(st, cls, msg, &err);
    Py_DECREF(msg);
    return tyb_chain(cause);
}

/* After a failed PyLong_As*: an OverflowError becomes the argument error
 * "<fn>() <name> is too large ..." (its cause kept). Returns -1. */
static int tyb_overflow(tyb_state *st, const char *fn, const char *name, PyObject *o) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError))
        tyb_arg_error(st, TYB_OVERFLOW, TY_DOMAIN_NONE, NULL, "%s() %s is out of range: %R", fn, name, o);
    return -1;
}

/* Raises a tinyyes error built here (for checks the binding itself makes
 * before reaching the core, e.g. a lone surrogate in a str), chaining the
 * Python exception that caused it. Returns NULL. */
static PyObject *tyb_raise_from(tyb_state *st, int domain, int code, PyObject *message) {
    PyObject *ctype, *cause, *ctb;
    PyErr_Fetch(&ctype, &cause, &ctb);
    PyErr_NormalizeException(&ctype, &cause, &ctb);
    if (cause && ctb) PyException_SetTraceback(cause, ctb);
    Py_XDECREF(ctype);
    Py_XDECREF(ctb);
    ty_error err;
    memset(&err, 0, sizeof err);
    err.code = code;
    err.domain = domain;
    Py_ssize_t n;
    const char *m = PyUnicode_AsUTF8AndSize(message, &n);
    if (!m) {
        Py_XDECREF(cause);
        return NULL;
    }
    if ((size_t)n >= sizeof err.message) n = (Py_ssize_t)sizeof err.message - 1;
    memcpy(err.message, m, (size_t)n);
    tyb_raise(st, &err);
    return tyb_chain(cause);
}

/* UTF-8 of a str for the core. A lone surrogate (the one way a Python str
 * cannot be UTF-8) becomes a tinyyes error of `domain` naming `what` and the
 * index, like invalid UTF-8 is in C and Node. */
static const char *tyb_utf8(tyb_state *st, PyObject *s, Py_ssize_t *len, int domain, const char *what) {
    const char *p = PyUnicode_AsUTF8AndSize(s, len);
    if (p || !PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return p;
    PyObject *type, *exc, *tb;
    PyErr_Fetch(&type, &exc, &tb);
    PyErr_NormalizeException(&type, &exc, &tb);
    Py_ssize_t at = 0;
    if (exc && PyUnicodeEncodeError_GetStart(exc, &at) < 0) PyErr_Clear();
    PyErr_Restore(type, exc, tb);
    PyObject *msg = PyUnicode_FromFormat("%s: lone surrogate at index %zd is not valid Unicode text", what, at);
    if (!msg) return NULL;
    tyb_raise_from(st, domain, TY_E_UTF8, msg);
    Py_DECREF(msg);
    return NULL;
}

/* Raises tinyyes.Error (TY_E_ARG) for an argument the binding checks itself
 * where the core would name it too: `path` is set and the message reads
 * "<path>: <message>", as the core's own errors do. Returns NULL. */
static PyObject *tyb_raise_arg(tyb_state *st, const char *path, PyObject *message) {
    ty_error err;
    memset(&err, 0, sizeof err);
    err.code = TY_E_ARG;
    err.domain = TY_DOMAIN_NONE;
    Py_ssize_t n;
    const char *m = PyUnicode_AsUTF8AndSize(message, &n);
    if (!m) return NULL;
    snprintf(err.path, sizeof err.path, "%s", path);
    snprintf(err.message, sizeof err.message, "%s: %.*s", path, (int)(n < 400 ? n : 400), m);
    return tyb_raise(st, &err);
}

/* Borrows the UTF-8 of an optional str argument of fn: None gives NULL, 0.
 * Returns -1 with an exception set. */
static int tyb_opt_str(tyb_state *st, const char *fn, const char *name, PyObject *o, const char **s, size_t *len) {
    *s = NULL;
    *len = 0;
    if (o == Py_None) return 0;
    if (!PyUnicode_Check(o)) {
        tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "%s() %s must be str or None, not %.100s", fn, name, Py_TYPE(o)->tp_name);
        return -1;
    }
    Py_ssize_t n;
    *s = tyb_utf8(st, o, &n, TY_DOMAIN_NONE, name);
    if (!*s) return -1;
    *len = (size_t)n;
    return 0;
}

/* Reads an optional Unix time argument of fn (int; None: unknown), setting
 * *at and *has. Returns -1 with an exception set. */
static int tyb_opt_seconds(tyb_state *st, const char *fn, const char *name, PyObject *o, int64_t *at, int *has) {
    *has = 0;
    if (o == Py_None) return 0;
    if (!PyLong_Check(o) || PyBool_Check(o)) {
        tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "%s() %s must be int (Unix seconds) or None, not %.100s", fn, name,
                      Py_TYPE(o)->tp_name);
        return -1;
    }
    long long x = PyLong_AsLongLong(o);
    if (x == -1 && PyErr_Occurred()) return tyb_overflow(st, fn, name, o);
    *at = (int64_t)x;
    *has = 1;
    return 0;
}

/* ===================================================================== *
 * Values: ty_doc trees → Python objects (match/recognize/step results)
 * ===================================================================== */

#define TYB_DOC_MAX_DEPTH 1000
#define TYB_EXACT_INT 9007199254740992.0 /* 2^53: doubles are exact integers up to here */

/* Converts v (borrowed from its doc) into a new Python object. */
/* Keys longer than this are rare in results and not worth caching. */
#define TYB_KEYCACHE_MAXLEN 32

/* Returns a new reference to the str for map key k[0..n). */
static PyObject *tyb_key_str(tyb_state *st, const char *k, size_t n) {
    if (n > TYB_KEYCACHE_MAXLEN) return PyUnicode_DecodeUTF8(k, (Py_ssize_t)n, NULL);
    if (n == 0) return PyUnicode_FromStringAndSize("", 0);
    /* Length and three bytes tell the few key names apart well enough; the
     * memcmp below confirms, so a collision costs only a miss. */
    const unsigned char *u = (const unsigned char *)k;
    uint32_t h = ((uint32_t)n * 2654435761u) ^ ((uint32_t)u[0] << 3) ^ ((uint32_t)u[n - 1] << 9) ^ u[n >> 1];
    h ^= h >> 13;
    PyObject **slot = &st->keycache[h & (sizeof st->keycache / sizeof st->keycache[0] - 1)];
    tyb_lock(&st->keylock);
    PyObject *s = *slot;
    if (s && (size_t)PyUnicode_GET_LENGTH(s) == n && memcmp(PyUnicode_DATA(s), k, n) == 0) {
        Py_INCREF(s);
        tyb_unlock(&st->keylock);
        return s;
    }
    tyb_unlock(&st->keylock);
    s = PyUnicode_DecodeUTF8(k, (Py_ssize_t)n, NULL);
    if (s && PyUnicode_IS_COMPACT_ASCII(s)) { /* ASCII only: then length == bytes, as the check above needs */
        PyUnicode_InternInPlace(&s);
        tyb_lock(&st->keylock);
        PyObject *old = *slot;
        *slot = Py_NewRef(s);
        tyb_unlock(&st->keylock);
        Py_XDECREF(old); /* outside the lock: a str's dealloc runs no Python, but keep it short */
    }
    return s;
}

static PyObject *tyb_value_to_py(tyb_state *st, const ty_value *v, unsigned depth) {
    if (depth > TYB_DOC_MAX_DEPTH) {
        PyErr_SetString(PyExc_RecursionError, "tinyyes: value nested too deeply");
        return NULL;
    }
    switch (ty_value_kind(v)) {
    case TY_NULL: Py_RETURN_NONE;
    case TY_FALSE: Py_RETURN_FALSE;
    case TY_TRUE: Py_RETURN_TRUE;
    case TY_NUMBER: {
        double x = ty_value_number(v);
        /* Integral values come back as int, the way JSON readers agree. */
        if (isfinite(x) && x == floor(x) && fabs(x) <= TYB_EXACT_INT) return PyLong_FromLongLong((long long)x);
        return PyFloat_FromDouble(x);
    }
    case TY_STRING: {
        size_t n;
        const char *s = ty_value_string(v, &n);
        return PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, NULL);
    }
    case TY_LIST: {
        size_t n = ty_value_count(v);
        PyObject *list = PyList_New((Py_ssize_t)n);
        if (!list) return NULL;
        for (size_t i = 0; i < n; i++) {
            PyObject *item = tyb_value_to_py(st, ty_value_item(v, i), depth + 1);
            if (!item) {
                Py_DECREF(list);
                return NULL;
            }
            PyList_SET_ITEM(list, (Py_ssize_t)i, item);
        }
        return list;
    }
    case TY_MAP: {
        size_t n = ty_value_count(v);
        PyObject *dict = PyDict_New();
        if (!dict) return NULL;
        for (size_t i = 0; i < n; i++) {
            size_t klen;
            const char *k = ty_value_key(v, i, &klen);
            PyObject *key = tyb_key_str(st, k, klen);
            PyObject *item = key ? tyb_value_to_py(st, ty_value_item(v, i), depth + 1) : NULL;
            int rc = item ? PyDict_SetItem(dict, key, item) : -1;
            Py_XDECREF(key);
            Py_XDECREF(item);
            if (rc < 0) {
                Py_DECREF(dict);
                return NULL;
            }
        }
        return dict;
    }
    }
    PyErr_SetString(PyExc_SystemError, "tinyyes: unknown value kind");
    return NULL;
}

/* The result of a core call returning a new doc: converts and frees it,
 * or raises err when doc is NULL. Every doc-returning capability (match,
 * recognize, step) ends in this one call. */
static PyObject *tyb_doc_result(tyb_state *st, ty_doc *doc, const ty_error *err) {
    if (!doc) return tyb_raise(st, err);
    PyObject *res = tyb_value_to_py(st, ty_doc_root(doc), 0);
    ty_doc_free(doc);
    return res;
}

/* Inputs at least this long are handed to the core without the GIL (pure C
 * work that never calls back); below it a GIL round trip costs more than
 * the work, and under contention can wait a whole switch interval. */
#define TYB_NOGIL_BYTES 16384

/* _json_roundtrip(text) — parses JSON with the core and converts it back:
 * exercises the doc converter and the error mapping from tests. */
static PyObject *tyb_json_roundtrip(PyObject *module, PyObject *arg) {
    tyb_state *st = tyb_module_state(module);
    if (!PyUnicode_Check(arg))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "_json_roundtrip() argument must be str, not %.100s",
                             Py_TYPE(arg)->tp_name);
    Py_ssize_t len;
    const char *s = tyb_utf8(st, arg, &len, TY_DOMAIN_NONE, "JSON text");
    if (!s) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc;
    if (len >= TYB_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        doc = ty_doc_parse(s, (size_t)len, NULL, &err);
        Py_END_ALLOW_THREADS
    } else {
        doc = ty_doc_parse(s, (size_t)len, NULL, &err);
    }
    return tyb_doc_result(st, doc, &err);
}

/* ===================================================================== *
 * Template objects
 * ===================================================================== */

/* A key-object cache: the dict lookups of a render need str keys, and
 * building (and hashing) a new str per lookup would dominate a short render.
 * The core passes names as pointers into its compiled template, so the same
 * name arrives at the same address every render: entries are found by that
 * address (cheap to hash) and confirmed by content (so a name from anywhere
 * else is still right, merely not cached as well). Entries are added on
 * first use, never removed until the Template dies, and the table never
 * grows; a lookup takes a strong reference (under keylock when there is
 * no GIL) while a concurrent render adds others. */
typedef struct {
    const char *src; /* the core's pointer when the entry was made */
    const char *s;   /* UTF-8 of key (owned by key) */
    Py_ssize_t len;
    PyObject *key;   /* interned str; NULL: empty slot */
} tyb_key;

typedef struct {
    PyObject_HEAD
    ty_template *tpl;    /* owned; immutable, shared by concurrent renders */
    PyObject *source;    /* str */
    PyObject *names;     /* tuple of str: top-level names in first-use order */
    PyObject *escape;    /* str: the escape mode's name */
    char strict, guard;
    tyb_key *keys;       /* key cache, `mask + 1` slots */
    size_t mask, nkeys, maxkeys;
    tyb_mutex keylock;   /* guards keys without the GIL */
} tyb_template;

static inline size_t tyb_hash_ptr(const char *s) {
    uintptr_t p = (uintptr_t)s;
    return (size_t)((p ^ (p >> 17)) * (uintptr_t)0x9E3779B97F4A7C15u >> 7);
}

/* Finds the cached key for s[0..n) (borrowed) or NULL. */
static inline PyObject *tyb_key_find(const tyb_template *t, const char *s, size_t n) {
    for (size_t i = tyb_hash_ptr(s) & t->mask;; i = (i + 1) & t->mask) {
        const tyb_key *e = &t->keys[i];
        if (!e->key) return NULL;
        if (e->src == s && (size_t)e->len == n && memcmp(e->s, s, n) == 0) return e->key;
    }
}

/* Returns a new reference to the str key for s[0..n), from the cache when
 * it can. Making a key may run the GC (and so other threads): the table is
 * probed again before inserting. */
static PyObject *tyb_key_get(tyb_template *t, const char *s, size_t n) {
    tyb_lock(&t->keylock);
    PyObject *key = Py_XNewRef(tyb_key_find(t, s, n));
    tyb_unlock(&t->keylock);
    if (key) return key;
    key = PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, NULL);
    if (!key || t->nkeys >= t->maxkeys) return key;
    PyUnicode_InternInPlace(&key);
    Py_ssize_t klen;
    const char *ks = PyUnicode_AsUTF8AndSize(key, &klen);
    if (!ks) {
        Py_DECREF(key);
        return NULL;
    }
    tyb_lock(&t->keylock);
    PyObject *again = tyb_key_find(t, s, n);
    if (again) {
        Py_INCREF(again);
        tyb_unlock(&t->keylock);
        Py_DECREF(key);
        return again;
    }
    if (t->nkeys < t->maxkeys) {
        size_t i = tyb_hash_ptr(s) & t->mask;
        while (t->keys[i].key) i = (i + 1) & t->mask;
        t->keys[i].src = s;
        t->keys[i].s = ks;
        t->keys[i].len = klen;
        t->keys[i].key = Py_NewRef(key);
        t->nkeys++;
    }
    tyb_unlock(&t->keylock);
    return key;
}

/* ---- ty_data_ops over Python objects -------------------------------------- */

/* Per-render context: nothing here is shared between renders. */
typedef struct {
    tyb_state *st;
    tyb_template *tpl;
    PyObject *scratch; /* owns the str whose UTF-8 `string` last returned */
    int failed;        /* a Python exception is set: refuse further calls */
    PyObject *refused; /* the type of a value `kind` refused as data (TY_E_ARG), owned */
    int refused_iter;  /* ... and it was an iterator */
    Py_ssize_t lone;   /* index of the lone surrogate `string` refused (TY_E_UTF8), else -1 */
} tyb_ctx;

typedef enum { TYB_OTHER, TYB_MAPPING, TYB_SEQUENCE } tyb_shape;

/* Which protocol a non-builtin object follows: collections.abc.Mapping,
 * collections.abc.Sequence (never str/bytes), or neither. */
static tyb_shape tyb_shape_of(PyObject *o) {
    /* The flags `match` uses: set on dict/list/tuple and their subclasses,
     * on collections.abc.Mapping/Sequence subclasses and on classes
     * registered with them; never on str, bytes or bytearray. */
    unsigned long f = Py_TYPE(o)->tp_flags;
    if (f & Py_TPFLAGS_MAPPING) return TYB_MAPPING;
    if (f & Py_TPFLAGS_SEQUENCE) return TYB_SEQUENCE;
    return TYB_OTHER;
}

/* ty_ref is const for the core; the binding owns what it points to. */
static inline PyObject *tyb_obj(ty_ref r) { return (PyObject *)(uintptr_t)r; }

static int tyb_fail(tyb_ctx *c) {
    c->failed = 1;
    return TY_E_HOST;
}

/* Classifies an int: exact in a double (NUMBER) or beyond ±2^53, where it is
 * rendered from its decimal digits (STRING) to keep every digit. */
static int tyb_int_kind(tyb_ctx *c, PyObject *o) {
    int overflow;
    long long x = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (x == -1 && PyErr_Occurred()) return tyb_fail(c);
    if (overflow) return TY_STRING;
    const long long lim = 9007199254740992LL;
    return (x > lim || x < -lim) ? TY_STRING : TY_NUMBER;
}

static int tyb_op_kind(void *ctx, ty_ref ref) {
    tyb_ctx *c = ctx;
    PyObject *o = tyb_obj(ref);
    if (c->failed) return TY_E_HOST;
    /* Exact builtins first: they are what data almost always is. */
    if (PyUnicode_CheckExact(o)) return TY_STRING;
    if (PyDict_CheckExact(o)) return TY_MAP;
    if (o == Py_None) return TY_NULL;
    if (o == Py_True) return TY_TRUE;
    if (o == Py_False) return TY_FALSE;
    if (PyList_CheckExact(o) || PyTuple_CheckExact(o)) return TY_LIST;
    if (PyLong_CheckExact(o)) return tyb_int_kind(c, o);
    if (PyFloat_Check(o)) return TY_NUMBER;
    if (PyUnicode_Check(o)) return TY_STRING;
    if (PyLong_Check(o)) return tyb_int_kind(c, o); /* IntEnum, int subclasses */
    switch (tyb_shape_of(o)) {
    case TYB_MAPPING: return TY_MAP;
    case TYB_SEQUENCE: return TY_LIST;
    case TYB_OTHER: break;
    }
    /* Not JSON-like (object(), a set, bytes, an iterator, a datetime, a
     * class of one's own): refused, never rendered as its str() or repr().
     * The core names the value; tyb_template_render_data adds the type. */
    Py_XSETREF(c->refused, Py_NewRef((PyObject *)Py_TYPE(o)));
    c->refused_iter = PyIter_Check(o);
    return TY_E_ARG;
}

/* What to add to the core's "... is not data: expected ..." for a refused
 * value of type tp: ", not set", with a hint for bytes and iterators. */
static PyObject *tyb_refused_tail(const tyb_ctx *c) {
    PyTypeObject *t = (PyTypeObject *)c->refused;
    const char *hint = "";
    if (PyType_IsSubtype(t, &PyBytes_Type) || PyType_IsSubtype(t, &PyByteArray_Type))
        hint = " (decode it to str first)";
    else if (c->refused_iter)
        /* read once, while a template may read a section twice */
        hint = " (an iterator: pass a list or tuple instead)";
    return PyUnicode_FromFormat(", not %.100s%s", t->tp_name, hint);
}

static int tyb_op_get(void *ctx, ty_ref map, const char *key, size_t len, ty_ref *out) {
    tyb_ctx *c = ctx;
    PyObject *m = tyb_obj(map);
    if (c->failed) return TY_E_HOST;
    PyObject *k = tyb_key_get(c->tpl, key, len);
    if (!k) return tyb_fail(c);
    PyObject *v;
    if (PyDict_CheckExact(m)) {
        /* a strong reference: a user __str__ later could mutate the dict */
        int found = tyb_dict_get(m, k, &v);
        Py_DECREF(k);
        if (found <= 0) return found < 0 ? tyb_fail(c) : 0;
    } else {
        v = PyObject_GetItem(m, k);
        Py_DECREF(k);
        if (!v) {
            if (!PyErr_ExceptionMatches(PyExc_KeyError)) return tyb_fail(c);
            PyErr_Clear();
            return 0;
        }
    }
    *out = v;
    return 1;
}

static int tyb_op_count(void *ctx, ty_ref list, size_t *n) {
    tyb_ctx *c = ctx;
    PyObject *l = tyb_obj(list);
    if (c->failed) return TY_E_HOST;
    Py_ssize_t size;
    if (PyList_CheckExact(l)) size = PyList_GET_SIZE(l);
    else if (PyTuple_CheckExact(l)) size = PyTuple_GET_SIZE(l);
    else if ((size = PySequence_Size(l)) < 0) return tyb_fail(c);
    *n = (size_t)size;
    return TY_OK;
}

static int tyb_op_item(void *ctx, ty_ref list, size_t i, ty_ref *out) {
    tyb_ctx *c = ctx;
    PyObject *l = tyb_obj(list), *v;
    if (c->failed) return TY_E_HOST;
    if (PyList_CheckExact(l)) {
        /* The list may have shrunk since `count` if user code ran between. */
        if (!(v = tyb_list_get(l, (Py_ssize_t)i))) {
            if (PyErr_ExceptionMatches(PyExc_IndexError)) {
                PyErr_Clear();
                PyErr_SetString(PyExc_RuntimeError, "list changed size during render");
            }
            return tyb_fail(c);
        }
    } else if (PyTuple_CheckExact(l)) {
        v = Py_NewRef(PyTuple_GET_ITEM(l, (Py_ssize_t)i));
    } else if (!(v = PySequence_GetItem(l, (Py_ssize_t)i))) {
        return tyb_fail(c);
    }
    *out = v;
    return TY_OK;
}

/* The start of the pending UnicodeEncodeError (0 when unknown), cleared. */
static Py_ssize_t tyb_encode_error_start(void) {
    PyObject *type, *exc, *tb;
    PyErr_Fetch(&type, &exc, &tb);
    PyErr_NormalizeException(&type, &exc, &tb);
    Py_ssize_t at = 0;
    if (exc && PyUnicodeEncodeError_GetStart(exc, &at) < 0) {
        PyErr_Clear();
        at = 0;
    }
    Py_XDECREF(type);
    Py_XDECREF(exc);
    Py_XDECREF(tb);
    return at;
}

static int tyb_op_string(void *ctx, ty_ref ref, const char **s, size_t *len) {
    tyb_ctx *c = ctx;
    PyObject *o = tyb_obj(ref);
    if (c->failed) return TY_E_HOST;
    if (!PyUnicode_CheckExact(o)) {
        /* str subclasses, big ints and other objects render as str(o);
         * the result is kept until the next call so its bytes stay valid. */
        PyObject *str = PyObject_Str(o);
        if (!str) return tyb_fail(c);
        Py_XSETREF(c->scratch, str);
        o = str;
    }
    if (PyUnicode_IS_COMPACT_ASCII(o)) { /* the common case: no call needed */
        *s = (const char *)PyUnicode_DATA(o);
        *len = (size_t)PyUnicode_GET_LENGTH(o);
        return TY_OK;
    }
    Py_ssize_t n;
    const char *p = PyUnicode_AsUTF8AndSize(o, &n);
    if (!p) {
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return tyb_fail(c);
        /* a lone surrogate: refused as text, the core names the value and
         * tyb_template_render_data adds the index */
        c->lone = tyb_encode_error_start();
        return TY_E_UTF8;
    }
    *s = p;
    *len = (size_t)n;
    return TY_OK;
}

static int tyb_op_number(void *ctx, ty_ref ref, double *out) {
    tyb_ctx *c = ctx;
    PyObject *o = tyb_obj(ref);
    if (c->failed) return TY_E_HOST;
    double x = PyFloat_Check(o) ? PyFloat_AS_DOUBLE(o) : PyLong_AsDouble(o);
    if (x == -1.0 && PyErr_Occurred()) return tyb_fail(c);
    *out = x;
    return TY_OK;
}

static void tyb_op_release(void *ctx, ty_ref ref) {
    (void)ctx;
    Py_DECREF(tyb_obj(ref));
}

static const ty_data_ops tyb_ops = {
    tyb_op_kind, tyb_op_get, tyb_op_count, tyb_op_item, tyb_op_string, tyb_op_number, tyb_op_release, NULL,
};

/* ---- render buffer allocator -------------------------------------------- */

/* Messages are short: a render starts in a buffer on the C stack (ctx points
 * at it) and moves to pymalloc only when it outgrows it. Render holds the
 * GIL, so pymalloc is allowed and faster than libc for these sizes. */
#define TYB_STACK_BUF 2048

static void *tyb_buf_malloc(void *ctx, size_t n) {
    (void)ctx;
    return PyMem_Malloc(n);
}
static void *tyb_buf_realloc(void *ctx, void *p, size_t old_n, size_t n) {
    if (p != ctx) return PyMem_Realloc(p, n);
    void *q = PyMem_Malloc(n);
    if (q) memcpy(q, p, old_n < n ? old_n : n);
    return q;
}
static void tyb_buf_free(void *ctx, void *p) {
    if (p != ctx) PyMem_Free(p);
}

/* ---- Template type ------------------------------------------------------ */

static const char *const tyb_escape_names[] = {"none", "html", "telegram_html", "telegram_md"};

/* Writes `partial "<name>"` into dst (cap >= 80): how an error in a partial's
 * source names it, the name cut to 64 bytes at a character boundary (as the
 * Node binding does). */
static void tyb_partial_what(char *dst, size_t cap, const char *name, size_t len) {
    size_t n = len < 64 ? len : 64;
    while (n > 0 && n < len && ((unsigned char)name[n] & 0xC0) == 0x80) n--;
    snprintf(dst, cap, "partial \"%.*s\"", (int)n, name);
}

/* Reads the partials Mapping into a ty_partial array (PyMem, freed by the
 * caller) whose strings borrow from *holder (a list of (name, source)
 * pairs the caller releases after compiling). */
static int tyb_read_partials(tyb_state *st, PyObject *partials, ty_partial **out, size_t *count,
                             PyObject **holder) {
    *out = NULL;
    *count = 0;
    *holder = NULL;
    if (partials == Py_None) return 0;
    if (!PyDict_Check(partials) && tyb_shape_of(partials) != TYB_MAPPING) {
        tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "Template() partials must be a mapping of str to str, not %.100s",
                      Py_TYPE(partials)->tp_name);
        return -1;
    }
    PyObject *items = PyMapping_Items(partials);
    if (!items) return -1;
    Py_ssize_t n = PyList_GET_SIZE(items);
    ty_partial *arr = PyMem_Calloc(n ? (size_t)n : 1, sizeof *arr);
    if (!arr) {
        Py_DECREF(items);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *pair = PyList_GET_ITEM(items, i);
        PyObject *name = PyTuple_Check(pair) && PyTuple_GET_SIZE(pair) == 2 ? PyTuple_GET_ITEM(pair, 0) : NULL;
        PyObject *src = name ? PyTuple_GET_ITEM(pair, 1) : NULL;
        if (!name) {
            tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "Template() partials.items() must yield (name, source) pairs");
            goto fail;
        }
        if (!PyUnicode_Check(name)) {
            tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "Template() partial names must be str, not %.100s",
                          Py_TYPE(name)->tp_name);
            goto fail;
        }
        if (!PyUnicode_Check(src)) {
            tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "Template() partial %R must be str, not %.100s", name,
                          Py_TYPE(src)->tp_name);
            goto fail;
        }
        Py_ssize_t nlen, slen;
        const char *ns = tyb_utf8(st, name, &nlen, TY_DOMAIN_TEMPLATE, "partial name");
        char what[96];
        if (ns) tyb_partial_what(what, sizeof what, ns, (size_t)nlen);
        const char *ss = ns ? tyb_utf8(st, src, &slen, TY_DOMAIN_TEMPLATE, what) : NULL;
        if (!ss) goto fail;
        arr[i].name = ns;
        arr[i].name_len = (size_t)nlen;
        arr[i].source = ss;
        arr[i].source_len = (size_t)slen;
    }
    *out = arr;
    *count = (size_t)n;
    *holder = items;
    return 0;
fail:
    PyMem_Free(arr);
    Py_DECREF(items);
    return -1;
}

/* Builds the names tuple and seeds the key cache with the same objects. */
static int tyb_template_names(tyb_template *self) {
    size_t n = ty_template_name_count(self->tpl);
    /* Room for the top-level names plus the nested ones (section item
     * fields, dotted parts) that a render adds, at most half full. */
    size_t cap = 64;
    while (cap < 4 * n + 64) cap *= 2;
    self->keys = PyMem_Calloc(cap, sizeof *self->keys);
    if (!self->keys) {
        PyErr_NoMemory();
        return -1;
    }
    self->mask = cap - 1;
    self->maxkeys = cap / 2;
    self->names = PyTuple_New((Py_ssize_t)n);
    if (!self->names) return -1;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = ty_template_name(self->tpl, i, &len);
        PyObject *key = tyb_key_get(self, s, len);
        if (!key) return -1;
        PyTuple_SET_ITEM(self->names, (Py_ssize_t)i, key);
    }
    return 0;
}

static PyObject *tyb_template_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"source", "partials", "escape", "strict", "guard", NULL};
    PyObject *source, *partials = Py_None, *escape = NULL, *strict = Py_True, *guard = Py_True;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$OOOO:Template", kwlist, &source, &partials, &escape, &strict,
                                     &guard))
        return NULL;
    tyb_state *st = PyType_GetModuleState(type);
    if (!st) return NULL;
    /* Exactly bool: strict="no" being truthy would silently mean the opposite. */
    if (!PyBool_Check(strict))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "Template() strict must be True or False, not %.100s",
                             Py_TYPE(strict)->tp_name);
    if (!PyBool_Check(guard))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "Template() guard must be True or False, not %.100s",
                             Py_TYPE(guard)->tp_name);
    if (!PyUnicode_Check(source)) {
        if (PyBytes_Check(source) || PyByteArray_Check(source))
            return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "Template() source must be str, not %.100s: decode it first",
                                 Py_TYPE(source)->tp_name);
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "Template() source must be str, not %.100s",
                             Py_TYPE(source)->tp_name);
    }

    ty_template_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.escape = TY_ESCAPE_NONE;
    if (escape && escape != Py_None) {
        if (!PyUnicode_Check(escape))
            return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "Template() escape must be str, not %.100s",
                                 Py_TYPE(escape)->tp_name);
        Py_ssize_t elen;
        const char *e = PyUnicode_AsUTF8AndSize(escape, &elen);
        if (!e) return NULL;
        int mode = ty_escape_parse(e, (size_t)elen);
        if (mode < 0)
            return tyb_arg_error(st, TYB_VALUE, TY_DOMAIN_NONE, NULL, 
                                 "Template() escape must be 'none', 'html', 'telegram_html' or 'telegram_md', not %R",
                                 escape);
        opts.escape = mode;
    }
    opts.lenient = strict == Py_False;
    opts.no_guard = guard == Py_False;

    Py_ssize_t slen;
    const char *src = tyb_utf8(st, source, &slen, TY_DOMAIN_TEMPLATE, "template source");
    if (!src) return NULL;
    ty_partial *parts;
    size_t nparts;
    PyObject *holder;
    if (tyb_read_partials(st, partials, &parts, &nparts, &holder) < 0) return NULL;
    opts.partials = parts;
    opts.npartials = nparts;

    size_t total = (size_t)slen;
    for (size_t i = 0; i < nparts; i++) total += parts[i].source_len;
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_template *tpl;
    if (total >= TYB_NOGIL_BYTES) { /* compile never calls back */
        Py_BEGIN_ALLOW_THREADS
        tpl = ty_template_compile(src, (size_t)slen, &opts, &err);
        Py_END_ALLOW_THREADS
    } else {
        tpl = ty_template_compile(src, (size_t)slen, &opts, &err);
    }
    PyMem_Free(parts);
    Py_XDECREF(holder);
    if (!tpl) return tyb_raise(st, &err);

    tyb_template *self = (tyb_template *)type->tp_alloc(type, 0);
    if (!self) {
        ty_template_free(tpl);
        return NULL;
    }
    self->tpl = tpl;
    self->source = Py_NewRef(source);
    self->escape = PyUnicode_FromString(tyb_escape_names[opts.escape & 3]);
    self->strict = !opts.lenient;
    self->guard = !opts.no_guard;
    if (!self->escape || tyb_template_names(self) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static void tyb_template_dealloc(PyObject *op) {
    tyb_template *self = (tyb_template *)op;
    PyTypeObject *tp = Py_TYPE(op);
    ty_template_free(self->tpl);
    if (self->keys) {
        for (size_t i = 0; i <= self->mask; i++) Py_XDECREF(self->keys[i].key);
        PyMem_Free(self->keys);
    }
    Py_XDECREF(self->source);
    Py_XDECREF(self->names);
    Py_XDECREF(self->escape);
    tp->tp_free(op);
    Py_DECREF(tp); /* instances of heap types own a reference to the type */
}

/* Raises the core's "value of "x" is not data: ..." error with the refused
 * type added, as a TemplateTypeError. Returns NULL. */
static PyObject *tyb_raise_refused(tyb_state *st, const tyb_ctx *c, const ty_error *err) {
    PyObject *tail = tyb_refused_tail(c);
    PyObject *msg = tail ? PyUnicode_FromFormat("%s%U", err->message, tail) : NULL;
    Py_XDECREF(tail);
    if (!msg) return NULL;
    tyb_raise_as(st, st->TemplateTypeError, msg, err);
    Py_DECREF(msg);
    return NULL;
}

/* Raises the core's "value of "x" is not valid Unicode text" error with the
 * index of the lone surrogate added, as a TemplateError. Returns NULL. */
static PyObject *tyb_raise_lone(tyb_state *st, const tyb_ctx *c, const ty_error *err) {
    PyObject *msg = PyUnicode_FromFormat("%s: lone surrogate at index %zd", err->message, c->lone);
    if (!msg) return NULL;
    tyb_raise_as(st, st->TemplateError, msg, err);
    Py_DECREF(msg);
    return NULL;
}

/* Renders with `data` as the root context; returns a new str. */
static PyObject *tyb_template_render_data(tyb_template *self, PyObject *data) {
    tyb_state *st = PyType_GetModuleState(Py_TYPE(self));
    tyb_ctx ctx = {st, self, NULL, 0, NULL, 0, -1};
    ty_data d = {&tyb_ops, &ctx, data == Py_None ? st->empty_dict : data};
    char stack[TYB_STACK_BUF];
    const ty_alloc alloc = {tyb_buf_malloc, tyb_buf_realloc, tyb_buf_free, stack};
    ty_buf out;
    ty_buf_init(&out, &alloc);
    out.ptr = stack;
    out.cap = sizeof stack;
    stack[0] = '\0';
    ty_error err; /* cleared field by field: the 700-byte struct is per call */
    err.code = TY_OK;
    err.domain = TY_DOMAIN_NONE;
    err.offset = 0;
    err.line = err.col = 0;
    err.path[0] = err.message[0] = '\0';
    /* The data object stays alive for the call (the caller holds it), but
     * user code run by callbacks could drop other references: hold ours. */
    Py_INCREF(data);
    int rc = ty_template_render(self->tpl, &d, &out, &err);
    Py_DECREF(data);
    Py_XDECREF(ctx.scratch);
    PyObject *res;
    if (rc < 0) {
        if (ctx.failed && rc != TY_E_HOST) {
            /* The core reported something else after a callback failed:
             * the Python exception is the real cause. */
            err.code = TY_E_HOST;
        }
        if (err.code == TY_E_ARG && ctx.refused) res = tyb_raise_refused(st, &ctx, &err);
        else if (err.code == TY_E_UTF8 && ctx.lone >= 0) res = tyb_raise_lone(st, &ctx, &err);
        else res = tyb_raise(st, &err);
    } else {
        res = PyUnicode_DecodeUTF8(out.ptr, (Py_ssize_t)out.len, NULL);
    }
    ty_buf_free(&out);
    Py_XDECREF(ctx.refused);
    return res;
}

static PyObject *tyb_template_render(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_state *st = PyType_GetModuleState(Py_TYPE(op));
    PyObject *data = nargs > 0 ? args[0] : Py_None;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    if (nargs + nkw > 1 || nargs < 0)
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "render() takes at most 1 argument (%zd given)", nargs + nkw);
    if (nkw) {
        PyObject *name = PyTuple_GET_ITEM(kwnames, 0);
        if (!PyUnicode_Check(name) || PyUnicode_CompareWithASCIIString(name, "data") != 0)
            return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "render() got an unexpected keyword argument %R", name);
        data = args[0];
    }
    return tyb_template_render_data((tyb_template *)op, data);
}

static PyObject *tyb_template_repr(PyObject *op) {
    tyb_template *self = (tyb_template *)op;
    /* Long sources are cut so a repr stays one readable line. */
    PyObject *src;
    if (PyUnicode_GET_LENGTH(self->source) > 60) {
        PyObject *head = PyUnicode_Substring(self->source, 0, 57);
        src = head ? PyUnicode_FromFormat("%U...", head) : NULL;
        Py_XDECREF(head);
    } else {
        src = Py_NewRef(self->source);
    }
    if (!src) return NULL;
    PyObject *r = PyUnicode_FromFormat("Template(%R, escape=%R, strict=%s, guard=%s)", src, self->escape,
                                       self->strict ? "True" : "False", self->guard ? "True" : "False");
    Py_DECREF(src);
    return r;
}

static PyMethodDef tyb_template_methods[] = {
    {"render", (PyCFunction)(void (*)(void))tyb_template_render, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("render($self, /, data=None)\n--\n\n"
               "Renders the template with data (a Mapping; Sequences, str, int, float,\n"
               "bool and None inside it) and returns the message as str.\n"
               "Raises TemplateError (reason 'missing' in strict mode, 'guard' when\n"
               "a placeholder is left, 'limit' when the output is too long).")},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef tyb_template_members[] = {
    {"source", T_OBJECT_EX, offsetof(tyb_template, source), READONLY, PyDoc_STR("The template source.")},
    {"names", T_OBJECT_EX, offsetof(tyb_template, names), READONLY,
     PyDoc_STR("Top-level names the template (and its partials) reads, in first-use order.")},
    {"escape", T_OBJECT_EX, offsetof(tyb_template, escape), READONLY, PyDoc_STR("The escape mode.")},
    {"strict", T_BOOL, offsetof(tyb_template, strict), READONLY,
     PyDoc_STR("True when a missing name is an error.")},
    {"guard", T_BOOL, offsetof(tyb_template, guard), READONLY,
     PyDoc_STR("True when a leftover placeholder in the output is an error.")},
    {NULL, 0, 0, 0, NULL},
};

PyDoc_STRVAR(tyb_template_doc,
             "Template(source, *, partials=None, escape='none', strict=True, guard=True)\n"
             "--\n\n"
             "A compiled Mustache template with messaging extensions. Immutable;\n"
             "render it from many threads at once.\n\n"
             "partials: mapping of partial name to source.\n"
             "escape:   'none', 'html', 'telegram_html' or 'telegram_md'; applied to\n"
             "          interpolated values only.\n"
             "strict:   a missing name is a TemplateError naming every missing name;\n"
             "          False gives Mustache spec behaviour (empty string).\n"
             "guard:    a rendered message still containing a [placeholder] or\n"
             "          {{ / }} is a TemplateError.");

static PyType_Slot tyb_template_slots[] = {
    {Py_tp_new, tyb_template_new},
    {Py_tp_dealloc, tyb_template_dealloc},
    {Py_tp_repr, tyb_template_repr},
    {Py_tp_methods, tyb_template_methods},
    {Py_tp_members, tyb_template_members},
    {Py_tp_doc, (void *)(uintptr_t)tyb_template_doc},
    {0, NULL},
};

/* Not a GC type: a Template refers only to strs and a tuple of strs, which
 * cannot form a cycle back to it. Immutable, so not subclassable. */
static PyType_Spec tyb_template_spec = {
    .name = "tinyyes.Template",
    .basicsize = sizeof(tyb_template),
    .itemsize = 0,
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = tyb_template_slots,
};

/* ===================================================================== *
 * Values: Python objects → ty_doc trees (match data, step state/event)
 * ===================================================================== */

/* One conversion: the core's checked builder (ty_builder) holds the doc,
 * the path and JSON's rules (NaN, integers past 2^53, nesting past
 * TY_VALUE_MAX_DEPTH, so a value that converts here also parses from JSON
 * in Node and C); this side walks Python objects and words the errors
 * about Python types. */
typedef struct {
    tyb_state *st;
    ty_builder *b;
    int domain; /* ty_domain of type errors (EVENT for events/data, STATE for states) */
} tyb_conv;

/* Raises the builder's error when rc is one; 0 when rc is TY_OK. */
static int tyb_conv_check(const tyb_conv *c, int rc) {
    if (rc == TY_OK) return 0;
    tyb_raise(c->st, ty_builder_error(c->b));
    return -1;
}

/* Raises "<path>: <what>, not <type of o>" as the domain's TypeError twin
 * (ArgumentTypeError outside a domain), `path` set; `repr` adds o's repr.
 * Returns -1. */
static int tyb_conv_type_error(const tyb_conv *c, const char *what, PyObject *o, int repr) {
    char path[TY_ERROR_PATH_MAX];
    ty_builder_path(c->b, path, sizeof path);
    if (repr)
        tyb_arg_error(c->st, TYB_TYPE, c->domain, path, "%s: %s, not %.100s (%.200R)", path, what,
                      Py_TYPE(o)->tp_name, o);
    else
        tyb_arg_error(c->st, TYB_TYPE, c->domain, path, "%s: %s, not %.100s", path, what, Py_TYPE(o)->tp_name);
    return -1;
}

/* UTF-8 of a str inside a value, or the domain's utf8 error naming the
 * builder's place (for a key: the map it was to go in). */
static const char *tyb_conv_utf8(const tyb_conv *c, PyObject *s, Py_ssize_t *len) {
    const char *p = PyUnicode_AsUTF8AndSize(s, len);
    if (p || !PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return p;
    char msg[96]; /* as the Node binding words it */
    snprintf(msg, sizeof msg, "lone surrogate at index %zd is not valid Unicode text", tyb_encode_error_start());
    tyb_conv_check(c, ty_builder_fail(c->b, TY_E_UTF8, msg));
    return NULL;
}

static int tyb_conv_value(tyb_conv *c, PyObject *o);

/* A key with a lone surrogate: the builder's next key with U+FFFD for each
 * surrogate (as Node names it), then the domain's utf8 error there. -1. */
static int tyb_conv_bad_key(tyb_conv *c, PyObject *key) {
    PyErr_Clear();
    PyObject *b = PyUnicode_AsEncodedString(key, "utf-8", "surrogatepass");
    if (!b) return -1;
    /* a surrogate is ED A0-BF xx in surrogatepass UTF-8; U+FFFD is EF BF BD */
    char *p = PyBytes_AS_STRING(b);
    Py_ssize_t n = PyBytes_GET_SIZE(b), first = -1, units = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char u = (unsigned char)p[i];
        if ((u & 0xC0) != 0x80) units += u >= 0xF0 ? 2 : 1; /* UTF-16 units before this one, as Node counts */
        if (u == 0xED && i + 2 < n && ((unsigned char)p[i + 1] & 0xE0) == 0xA0) {
            if (first < 0) first = units - 1;
            p[i] = (char)0xEF, p[i + 1] = (char)0xBF, p[i + 2] = (char)0xBD;
        }
    }
    int rc = tyb_conv_check(c, ty_builder_key(c->b, p, (size_t)n));
    Py_DECREF(b);
    if (rc) return rc;
    char msg[96];
    snprintf(msg, sizeof msg, "lone surrogate at index %zd is not valid Unicode text", first);
    return tyb_conv_check(c, ty_builder_fail(c->b, TY_E_UTF8, msg));
}

/* Converts key (a str: JSON has no other) and then val into the open map. */
static int tyb_conv_member(tyb_conv *c, PyObject *key, PyObject *val) {
    if (!PyUnicode_Check(key)) return tyb_conv_type_error(c, "keys must be str", key, 1);
    Py_ssize_t n;
    const char *k = PyUnicode_AsUTF8AndSize(key, &n);
    if (!k) return PyErr_ExceptionMatches(PyExc_UnicodeEncodeError) ? tyb_conv_bad_key(c, key) : -1;
    if (tyb_conv_check(c, ty_builder_key(c->b, k, (size_t)n))) return -1;
    return tyb_conv_value(c, val);
}

/* Converts a Mapping through its items(), in their order (the core sorts
 * keys where a canonical form needs it). */
static int tyb_conv_items(tyb_conv *c, PyObject *o) {
    PyObject *items = PyDict_Check(o) ? PyDict_Items(o) : PyMapping_Items(o);
    if (!items) return -1;
    int rc = tyb_conv_check(c, ty_builder_map(c->b));
    for (Py_ssize_t i = 0; !rc && i < PyList_GET_SIZE(items); i++) {
        PyObject *pair = PyList_GET_ITEM(items, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            tyb_arg_error(c->st, TYB_TYPE, c->domain, NULL, "%.100s.items() must yield (key, value) pairs",
                          Py_TYPE(o)->tp_name);
            rc = -1;
            break;
        }
        rc = tyb_conv_member(c, PyTuple_GET_ITEM(pair, 0), PyTuple_GET_ITEM(pair, 1));
    }
    Py_DECREF(items);
    return rc ? rc : tyb_conv_check(c, ty_builder_end(c->b));
}

#ifndef Py_GIL_DISABLED
/* Converts a dict in its own order without copying its items. Key and value
 * are held while converting: a nested Mapping's user code may mutate it. */
static int tyb_conv_dict(tyb_conv *c, PyObject *o) {
    int rc = tyb_conv_check(c, ty_builder_map(c->b));
    Py_ssize_t pos = 0;
    PyObject *key, *val;
    while (!rc && PyDict_Next(o, &pos, &key, &val)) {
        Py_INCREF(key);
        Py_INCREF(val);
        rc = tyb_conv_member(c, key, val);
        Py_DECREF(key);
        Py_DECREF(val);
    }
    return rc ? rc : tyb_conv_check(c, ty_builder_end(c->b));
}
#endif

/* Converts list, tuple or any other Sequence. */
static int tyb_conv_seq(tyb_conv *c, PyObject *o) {
#ifdef Py_GIL_DISABLED
    PyObject *seq = PyList_Check(o) ? PyList_AsTuple(o) : PySequence_Fast(o, "not a sequence"); /* a snapshot */
#else
    PyObject *seq = PySequence_Fast(o, "not a sequence"); /* list/tuple: a new reference to o */
#endif
    if (!seq) return -1;
    int rc = tyb_conv_check(c, ty_builder_list(c->b));
    /* Re-read the size each time: user code in a nested value may shrink a list. */
    for (Py_ssize_t i = 0; !rc && i < PySequence_Fast_GET_SIZE(seq); i++) {
        PyObject *item = Py_NewRef(PySequence_Fast_GET_ITEM(seq, i));
        rc = tyb_conv_value(c, item);
        Py_DECREF(item);
    }
    Py_DECREF(seq);
    return rc ? rc : tyb_conv_check(c, ty_builder_end(c->b));
}

/* Converts one Python value at the builder's place; -1 with an exception set. */
static int tyb_conv_value(tyb_conv *c, PyObject *o) {
    if (PyUnicode_Check(o)) {
        Py_ssize_t n;
        const char *s = tyb_conv_utf8(c, o, &n);
        return s ? tyb_conv_check(c, ty_builder_string(c->b, s, (size_t)n)) : -1;
    }
    if (o == Py_None) return tyb_conv_check(c, ty_builder_null(c->b));
    if (PyBool_Check(o)) return tyb_conv_check(c, ty_builder_bool(c->b, o == Py_True));
    if (PyLong_Check(o)) {
        int overflow;
        long long x = PyLong_AsLongLongAndOverflow(o, &overflow);
        if (x == -1 && PyErr_Occurred()) return -1;
        return tyb_conv_check(c, ty_builder_integer(c->b, x, overflow));
    }
    if (PyFloat_Check(o)) return tyb_conv_check(c, ty_builder_number(c->b, PyFloat_AS_DOUBLE(o)));
#ifndef Py_GIL_DISABLED /* without the GIL, a snapshot of the items (below) */
    if (PyDict_CheckExact(o)) return tyb_conv_dict(c, o);
#endif
    if (PyDict_Check(o) || (Py_TYPE(o)->tp_flags & Py_TPFLAGS_MAPPING)) return tyb_conv_items(c, o);
    if (PyList_Check(o) || PyTuple_Check(o) || (Py_TYPE(o)->tp_flags & Py_TPFLAGS_SEQUENCE))
        return tyb_conv_seq(c, o);
    if (PyBytes_Check(o) || PyByteArray_Check(o))
        return tyb_conv_type_error(c, "bytes are not JSON text: decode them to str first", o, 0);
    return tyb_conv_type_error(c, "expected dict, list, tuple, str, int, float, bool or None", o, 0);
}

/* Converts o into a new doc (caller frees with ty_doc_free); NULL with a
 * Python exception set. root names the value in error paths; value errors
 * (depth, NaN, huge int, lone surrogate) are raised in `domain`; `base` is
 * added to the index of a top-level list item named in an error. */
static ty_doc *tyb_py_to_doc_at(tyb_state *st, PyObject *o, const char *root, int domain, Py_ssize_t base) {
    tyb_conv c = {st, ty_builder_new(root, domain, (size_t)base, NULL), domain};
    if (!c.b) return (ty_doc *)PyErr_NoMemory();
    ty_doc *doc = tyb_conv_value(&c, o) ? NULL : ty_builder_finish(c.b);
    ty_builder_free(c.b);
    return doc;
}

/* tyb_py_to_doc_at with no index base: a whole value. */
static ty_doc *tyb_py_to_doc(tyb_state *st, PyObject *o, const char *root, int domain) {
    return tyb_py_to_doc_at(st, o, root, domain, 0);
}

/* _canonical_json(obj) — the bytes a state signature covers: obj converted
 * like any state and written by the core as TY_WRITE_CANONICAL (compact,
 * numbers via ty_format_number, every map's keys in UTF-8 byte order), so the same
 * state signs the same in Python and Node whatever order a database (e.g.
 * PostgreSQL jsonb) gave its keys back in. */
static PyObject *tyb_canonical_json(PyObject *module, PyObject *arg) {
    tyb_state *st = tyb_module_state(module);
    ty_doc *doc = tyb_py_to_doc(st, arg, "state", TY_DOMAIN_STATE);
    if (!doc) return NULL;
    ty_buf out;
    ty_buf_init(&out, NULL);
    ty_error err;
    memset(&err, 0, sizeof err);
    int rc = ty_value_write(ty_doc_root(doc), TY_WRITE_CANONICAL, &out, &err);
    ty_doc_free(doc);
    PyObject *res = rc < 0 ? tyb_raise(st, &err) : PyBytes_FromStringAndSize(out.ptr ? out.ptr : "", (Py_ssize_t)out.len);
    ty_buf_free(&out);
    return res;
}

/* _utc_offset(text) — seconds east of UTC for "Z", "+HH:MM" or "+HHMM"
 * (ty_utc_offset_parse), or None for any other shape; the caller checks
 * the range and words the error. */
static PyObject *tyb_utc_offset(PyObject *module, PyObject *arg) {
    tyb_state *st = tyb_module_state(module);
    if (!PyUnicode_Check(arg)) return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "_utc_offset() takes a str");
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
    if (!s) { /* lone surrogates: not an offset either */
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    int32_t secs;
    if (ty_utc_offset_parse(s, (size_t)n, &secs)) Py_RETURN_NONE;
    return PyLong_FromLong((long)secs);
}

/* _default_playbook() — the embedded default playbook's JSON text. */
static PyObject *tyb_default_playbook(PyObject *module, PyObject *unused) {
    (void)module;
    (void)unused;
    size_t len;
    const char *s = ty_default_playbook(&len);
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)len, NULL);
}

/* ===================================================================== *
 * Playbook objects
 * ===================================================================== */

typedef struct {
    PyObject_HEAD
    ty_playbook *pb; /* owned; immutable, shared by concurrent calls */
} tyb_playbook;

/* Reads one limit keyword: None or 0 is the default, else a positive int. */
static int tyb_limit(tyb_state *st, PyObject *o, const char *name, size_t *out) {
    *out = 0;
    if (!o || o == Py_None) return 0;
    if (!PyLong_Check(o) || PyBool_Check(o)) {
        tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "Playbook() %s must be int or None, not %.100s", name,
                      Py_TYPE(o)->tp_name);
        return -1;
    }
    Py_ssize_t x = PyLong_AsSsize_t(o);
    if (x == -1 && PyErr_Occurred()) return tyb_overflow(st, "Playbook", name, o);
    if (x < 0) {
        tyb_arg_error(st, TYB_VALUE, TY_DOMAIN_NONE, NULL,
                      "Playbook() %s must be positive (0 or None: the default), not %zd", name, x);
        return -1;
    }
    *out = (size_t)x;
    return 0;
}

static PyObject *tyb_playbook_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"", "max_bytes", "max_intents", "max_examples", "max_message", "state_ttl", NULL};
    PyObject *source, *lim[5] = {NULL, NULL, NULL, NULL, NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$OOOOO:Playbook", kwlist, &source, &lim[0], &lim[1], &lim[2],
                                     &lim[3], &lim[4]))
        return NULL;
    tyb_state *st = PyType_GetModuleState(type);
    if (!st) return NULL;
    ty_playbook_opts opts;
    memset(&opts, 0, sizeof opts);
    if (tyb_limit(st, lim[0], "max_bytes", &opts.max_bytes) < 0 ||
        tyb_limit(st, lim[1], "max_intents", &opts.max_intents) < 0 ||
        tyb_limit(st, lim[2], "max_examples", &opts.max_examples) < 0 ||
        tyb_limit(st, lim[3], "max_message", &opts.max_message) < 0)
        return NULL;
    size_t ttl;
    if (tyb_limit(st, lim[4], "state_ttl", &ttl) < 0) return NULL;
    opts.state_ttl = ttl > (size_t)INT64_MAX ? INT64_MAX : (int64_t)ttl; /* the core names the range */
    const char *src;
    Py_ssize_t len;
    if (PyUnicode_Check(source)) {
        src = tyb_utf8(st, source, &len, TY_DOMAIN_PLAYBOOK, "playbook source");
        if (!src) return NULL;
    } else if (PyBytes_Check(source)) {
        /* Immutable, so safe to read without the GIL; the core checks UTF-8. */
        src = PyBytes_AS_STRING(source);
        len = PyBytes_GET_SIZE(source);
    } else {
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL,
                             "Playbook() source must be JSON text (str or bytes), not %.100s", Py_TYPE(source)->tp_name);
    }
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_playbook *pb;
    /* Loading trains the matcher: pure C work, other threads may run. The
     * source stays alive (args holds it) and str/bytes are immutable. */
    Py_BEGIN_ALLOW_THREADS
    pb = ty_playbook_load(src, (size_t)len, &opts, &err);
    Py_END_ALLOW_THREADS
    if (!pb) return tyb_raise(st, &err);
    tyb_playbook *self = (tyb_playbook *)type->tp_alloc(type, 0);
    if (!self) {
        ty_playbook_free(pb);
        return NULL;
    }
    self->pb = pb;
    return (PyObject *)self;
}

static void tyb_playbook_dealloc(PyObject *op) {
    tyb_playbook *self = (tyb_playbook *)op;
    PyTypeObject *tp = Py_TYPE(op);
    ty_playbook_free(self->pb);
    tp->tp_free(op);
    Py_DECREF(tp);
}

/* Checks that the method got exactly n positional arguments. */
static int tyb_nargs(tyb_state *st, const char *name, Py_ssize_t nargs, PyObject *kwnames, Py_ssize_t n) {
    if (kwnames && PyTuple_GET_SIZE(kwnames)) {
        tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs != n) {
        tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "%s() takes exactly %zd arguments (%zd given)", name, n,
                      nargs);
        return -1;
    }
    return 0;
}

/* The bytes str s takes in UTF-8, counted without encoding it (a lone
 * surrogate counts 3, as Node counts it). */
static size_t tyb_utf8_size(PyObject *s) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (PyUnicode_IS_ASCII(s)) return (size_t)n;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    size_t size = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        size += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    return size;
}

/* Refuses a customer message (str s) over pb's max_message before its
 * UTF-8 is made or copied: its code points are a lower bound of its bytes,
 * and only when they are over the limit is the exact size counted for the
 * core's error. Below, the copy is at most 4x the limit and the core
 * decides. Returns -1 with the exception set. */
static int tyb_check_size(tyb_state *st, const ty_playbook *pb, PyObject *s, int in_event) {
    if (!ty_playbook_check_size(pb, (size_t)PyUnicode_GET_LENGTH(s), in_event, NULL)) return 0;
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_playbook_check_size(pb, tyb_utf8_size(s), in_event, &err);
    tyb_raise(st, &err);
    return -1;
}

/* Fills `in` from (text, at, utc_offset_seconds, data): text is borrowed
 * from the str (alive for the call), data converted into *data_doc (the
 * caller frees it). Returns -1 with an exception set. */
static int tyb_read_input(tyb_state *st, const ty_playbook *pb, const char *fn, PyObject *text, PyObject *at,
                          PyObject *utc, PyObject *data, ty_input *in, ty_doc **data_doc) {
    memset(in, 0, sizeof *in);
    *data_doc = NULL;
    if (!PyUnicode_Check(text)) {
        tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "%s() text must be str, not %.100s", fn, Py_TYPE(text)->tp_name);
        return -1;
    }
    if (tyb_check_size(st, pb, text, 0) < 0) return -1;
    Py_ssize_t n;
    in->text = tyb_utf8(st, text, &n, TY_DOMAIN_EVENT, "text");
    if (!in->text) return -1;
    in->len = (size_t)n;
    if (at != Py_None) {
        if (!PyLong_Check(at) || PyBool_Check(at)) {
            tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "%s() at must be int (Unix seconds) or None, not %.100s", fn,
                          Py_TYPE(at)->tp_name);
            return -1;
        }
        long long x = PyLong_AsLongLong(at);
        if (x == -1 && PyErr_Occurred()) return tyb_overflow(st, fn, "at", at);
        in->at = (int64_t)x;
        in->has_at = 1;
    }
    if (utc != Py_None) {
        if (!PyLong_Check(utc) || PyBool_Check(utc)) {
            tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "%s() utc_offset_seconds must be int or None, not %.100s", fn,
                          Py_TYPE(utc)->tp_name);
            return -1;
        }
        int overflow;
        long x = PyLong_AsLongAndOverflow(utc, &overflow);
        if (x == -1 && PyErr_Occurred()) return -1;
        if (overflow || x <= -86400 || x >= 86400) {
            tyb_arg_error(st, TYB_VALUE, TY_DOMAIN_NONE, NULL,
                          "%s() utc_offset_seconds must be within a day (-86399..86399), not %R", fn, utc);
            return -1;
        }
        in->utc_offset = (int32_t)x;
        in->has_offset = 1;
    }
    if (data != Py_None) {
        if (!PyDict_Check(data) && !(Py_TYPE(data)->tp_flags & Py_TPFLAGS_MAPPING)) {
            tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "%s() data must be a mapping or None, not %.100s", fn,
                          Py_TYPE(data)->tp_name);
            return -1;
        }
        *data_doc = tyb_py_to_doc(st, data, "data", TY_DOMAIN_EVENT);
        if (!*data_doc) return -1;
        in->data = ty_doc_root(*data_doc);
    }
    return 0;
}

/* _match(text, expect, at, utc_offset_seconds, data) -> dict */
static PyObject *tyb_playbook_match(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_playbook *self = (tyb_playbook *)op;
    tyb_state *st = PyType_GetModuleState(Py_TYPE(op));
    if (tyb_nargs(st, "_match", nargs, kwnames, 5) < 0) return NULL;
    ty_input in;
    ty_doc *data;
    if (tyb_read_input(st, self->pb, "match", args[0], args[2], args[3], args[4], &in, &data) < 0) return NULL;
    if (args[1] != Py_None) {
        Py_ssize_t n;
        if (!PyUnicode_Check(args[1])) {
            ty_doc_free(data);
            return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "match() expect must be a slot name (str) or None, not %.100s",
                                 Py_TYPE(args[1])->tp_name);
        }
        in.expect = tyb_utf8(st, args[1], &n, TY_DOMAIN_EVENT, "expect");
        if (!in.expect) {
            ty_doc_free(data);
            return NULL;
        }
        in.expect_len = (size_t)n;
    }
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc;
    Py_BEGIN_ALLOW_THREADS
    doc = ty_playbook_match(self->pb, &in, &err);
    Py_END_ALLOW_THREADS
    ty_doc_free(data);
    return tyb_doc_result(st, doc, &err);
}

/* _recognize(text, slot, at, utc_offset_seconds, data) -> dict | None */
static PyObject *tyb_playbook_recognize(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_playbook *self = (tyb_playbook *)op;
    tyb_state *st = PyType_GetModuleState(Py_TYPE(op));
    if (tyb_nargs(st, "_recognize", nargs, kwnames, 5) < 0) return NULL;
    if (!PyUnicode_Check(args[1]))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "recognize() slot must be a slot name (str), not %.100s",
                             Py_TYPE(args[1])->tp_name);
    Py_ssize_t slen;
    const char *slot = tyb_utf8(st, args[1], &slen, TY_DOMAIN_EVENT, "slot");
    if (!slot) return NULL;
    ty_input in;
    ty_doc *data;
    if (tyb_read_input(st, self->pb, "recognize", args[0], args[2], args[3], args[4], &in, &data) < 0) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc;
    Py_BEGIN_ALLOW_THREADS
    doc = ty_playbook_recognize(self->pb, slot, (size_t)slen, &in, &err);
    Py_END_ALLOW_THREADS
    ty_doc_free(data);
    return tyb_doc_result(st, doc, &err);
}

/* _stats() -> dict */
static PyObject *tyb_playbook_stats(PyObject *op, PyObject *unused) {
    (void)unused;
    tyb_playbook *self = (tyb_playbook *)op;
    tyb_state *st = PyType_GetModuleState(Py_TYPE(op));
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc = ty_playbook_stats(self->pb, &err);
    return tyb_doc_result(st, doc, &err);
}

/* The event of a step as a new doc (caller frees): a mapping, its text
 * size-checked before any copy; NULL with an exception set. */
static ty_doc *tyb_step_event(tyb_state *st, const ty_playbook *pb, PyObject *event, const char *fn) {
    if (!PyDict_Check(event) && !(Py_TYPE(event)->tp_flags & Py_TPFLAGS_MAPPING)) {
        tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_EVENT, "event", "%s() event must be a dict, not %.100s", fn,
                      Py_TYPE(event)->tp_name);
        return NULL;
    }
    PyObject *text = NULL;
    if (PyDict_CheckExact(event) && tyb_dict_get(event, st->s_text, &text) < 0) return NULL;
    int big = text && PyUnicode_Check(text) && tyb_check_size(st, pb, text, 1) < 0;
    Py_XDECREF(text);
    return big ? NULL : tyb_py_to_doc(st, event, "event", TY_DOMAIN_EVENT);
}

/* Steps with both docs (sdoc NULL: a new conversation), freed here, the
 * GIL released around the core. */
static ty_doc *tyb_step_docs(const ty_playbook *pb, ty_doc *sdoc, ty_doc *edoc, ty_error *err) {
    ty_doc *doc;
    /* Both inputs are C trees owned here: nothing Python is touched. */
    Py_BEGIN_ALLOW_THREADS
    doc = ty_playbook_step(pb, sdoc ? ty_doc_root(sdoc) : NULL, ty_doc_root(edoc), err);
    Py_END_ALLOW_THREADS
    ty_doc_free(sdoc);
    ty_doc_free(edoc);
    return doc;
}

/* _step(state, event) -> {"state", "actions", "events"} */
static PyObject *tyb_playbook_step(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_playbook *self = (tyb_playbook *)op;
    tyb_state *st = PyType_GetModuleState(Py_TYPE(op));
    if (tyb_nargs(st, "_step", nargs, kwnames, 2) < 0) return NULL;
    PyObject *state = args[0];
    if (state != Py_None && !PyDict_Check(state) && !(Py_TYPE(state)->tp_flags & Py_TPFLAGS_MAPPING))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_STATE, "state",
                             "step() state must be a dict (the last result's state) or None, not %.100s",
                             Py_TYPE(state)->tp_name);
    ty_doc *sdoc = NULL, *edoc = tyb_step_event(st, self->pb, args[1], "step");
    if (!edoc) return NULL;
    if (state != Py_None && !(sdoc = tyb_py_to_doc(st, state, "state", TY_DOMAIN_STATE))) {
        ty_doc_free(edoc);
        return NULL;
    }
    ty_error err;
    memset(&err, 0, sizeof err);
    return tyb_doc_result(st, tyb_step_docs(self->pb, sdoc, edoc, &err), &err);
}

/* The canonical JSON of a state (what its signature covers, its own "sig"
 * left out) as new bytes; NULL with an exception set. */
static PyObject *tyb_canonical_of(tyb_state *st, const ty_value *state) {
    ty_buf out;
    ty_buf_init(&out, NULL);
    ty_error err;
    memset(&err, 0, sizeof err);
    int rc = ty_value_write(state, TY_WRITE_CANONICAL | TY_WRITE_NO_SIG, &out, &err);
    PyObject *res = rc < 0 ? tyb_raise(st, &err) : PyBytes_FromStringAndSize(out.ptr ? out.ptr : "", (Py_ssize_t)out.len);
    ty_buf_free(&out);
    return res;
}

/* The stored text of a state (str, bytes or None) as a new doc
 * (ty_state_parse; *out NULL for None or a text "null"); -1 with an
 * exception set. */
static int tyb_state_text(tyb_state *st, PyObject *text, ty_doc **out) {
    *out = NULL;
    if (text == Py_None) return 0;
    const char *s;
    Py_ssize_t len;
    if (PyBytes_Check(text)) {
        s = PyBytes_AS_STRING(text);
        len = PyBytes_GET_SIZE(text);
    } else if (PyUnicode_Check(text)) {
        if (!(s = tyb_utf8(st, text, &len, TY_DOMAIN_STATE, "the stored state"))) return -1;
    } else {
        tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_STATE, "state",
                      "step_json() state must be the stored JSON text (str or bytes) or None, not %.100s",
                      Py_TYPE(text)->tp_name);
        return -1;
    }
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc = ty_state_parse(s, (size_t)len, &err);
    if (!doc) return tyb_raise(st, &err), -1;
    if (ty_value_kind(ty_doc_root(doc)) == TY_NULL) ty_doc_free(doc);
    else *out = doc;
    return 0;
}

/* Calls verify(canonical bytes, the state's "sig": str, None when absent
 * or null, False for another kind), which raises to reject; -1 with an
 * exception set. */
static int tyb_verify_text(tyb_state *st, PyObject *verify, const ty_value *state) {
    const ty_value *sv = ty_value_get(state, "sig", 3);
    size_t n = 0;
    const char *hex = ty_value_string(sv, &n);
    PyObject *sig = hex ? PyUnicode_DecodeUTF8(hex, (Py_ssize_t)n, "strict")
                        : Py_NewRef(!sv || ty_value_kind(sv) == TY_NULL ? Py_None : Py_False);
    PyObject *canon = sig ? tyb_canonical_of(st, state) : NULL;
    PyObject *r = canon ? PyObject_CallFunctionObjArgs(verify, canon, sig, NULL) : NULL;
    Py_XDECREF(sig);
    Py_XDECREF(canon);
    Py_XDECREF(r);
    return r ? 0 : -1;
}

/* Adds "sig" = sign(canonical bytes of the new state) to doc's state; -1
 * with an exception set (doc left to the caller). */
static int tyb_sign_doc(tyb_state *st, PyObject *sign, ty_doc *doc) {
    ty_value *state = (ty_value *)ty_value_get(ty_doc_root(doc), "state", 5); /* doc is ours */
    PyObject *canon = state ? tyb_canonical_of(st, state) : NULL;
    PyObject *hex = canon ? PyObject_CallOneArg(sign, canon) : NULL;
    Py_XDECREF(canon);
    if (!hex) return -1;
    Py_ssize_t n = 0;
    const char *s = PyUnicode_Check(hex) ? PyUnicode_AsUTF8AndSize(hex, &n) : NULL;
    ty_value *v = s ? ty_val_string(doc, s, (size_t)n) : NULL;
    int rc = v && ty_map_put(doc, state, "sig", 3, v) == TY_OK ? 0 : -1;
    if (rc && !PyErr_Occurred()) {
        if (s) PyErr_NoMemory();
        else PyErr_SetString(PyExc_TypeError, "step_json(): sign() must return the signature as a str");
    }
    Py_DECREF(hex);
    return rc;
}

/* _step_json(text, event, verify, sign) -> {"state": text, "actions",
 * "events"}: _step with the state read from its stored JSON text by the
 * core and the new one returned as text. With a secret, the wrapper passes
 * verify(canonical, sig) (raises to reject) and sign(canonical) -> hex;
 * else both None. */
static PyObject *tyb_playbook_step_json(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_playbook *self = (tyb_playbook *)op;
    tyb_state *st = PyType_GetModuleState(Py_TYPE(op));
    if (tyb_nargs(st, "_step_json", nargs, kwnames, 4) < 0) return NULL;
    PyObject *verify = args[2] == Py_None ? NULL : args[2], *sign = args[3] == Py_None ? NULL : args[3];
    ty_doc *sdoc = NULL, *edoc = tyb_step_event(st, self->pb, args[1], "step_json");
    if (!edoc) return NULL;
    if (tyb_state_text(st, args[0], &sdoc) < 0 || (verify && sdoc && tyb_verify_text(st, verify, ty_doc_root(sdoc)) < 0)) {
        ty_doc_free(sdoc);
        ty_doc_free(edoc);
        return NULL;
    }
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc = tyb_step_docs(self->pb, sdoc, edoc, &err);
    if (doc && ((sign && tyb_sign_doc(st, sign, doc) < 0) || ty_result_state_text(doc, &err))) {
        ty_doc_free(doc);
        return PyErr_Occurred() ? NULL : tyb_raise(st, &err);
    }
    return tyb_doc_result(st, doc, &err);
}

/* _migrate(state, at) -> {"state", "actions", "events", "dropped"}: the
 * state carried across an edit of this playbook (ty_playbook_migrate). */
static PyObject *tyb_playbook_migrate(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_playbook *self = (tyb_playbook *)op;
    tyb_state *st = PyType_GetModuleState(Py_TYPE(op));
    if (tyb_nargs(st, "_migrate", nargs, kwnames, 2) < 0) return NULL;
    PyObject *state = args[0];
    if (!PyDict_Check(state) && !(Py_TYPE(state)->tp_flags & Py_TPFLAGS_MAPPING))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_STATE, "state",
                             "migrate() state must be a dict (a stored state), not %.100s", Py_TYPE(state)->tp_name);
    if (!PyLong_Check(args[1]) || PyBool_Check(args[1]))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "migrate() at must be int (Unix seconds), not %.100s",
                             Py_TYPE(args[1])->tp_name);
    long long at = PyLong_AsLongLong(args[1]);
    if (at == -1 && PyErr_Occurred()) {
        tyb_overflow(st, "migrate", "at", args[1]);
        return NULL;
    }
    ty_doc *sdoc = tyb_py_to_doc(st, state, "state", TY_DOMAIN_STATE);
    if (!sdoc) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc;
    Py_BEGIN_ALLOW_THREADS
    doc = ty_playbook_migrate(self->pb, ty_doc_root(sdoc), (int64_t)at, &err);
    Py_END_ALLOW_THREADS
    ty_doc_free(sdoc);
    return tyb_doc_result(st, doc, &err);
}

/* _lint(channel) -> list: every template rendered with samples and linted
 * (docs/playbook.md); channel None is the core's default (webchat). */
static PyObject *tyb_playbook_lint(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_playbook *self = (tyb_playbook *)op;
    tyb_state *st = PyType_GetModuleState(Py_TYPE(op));
    if (tyb_nargs(st, "_lint", nargs, kwnames, 1) < 0) return NULL;
    const char *ch;
    size_t chlen;
    if (tyb_opt_str(st, "lint", "channel", args[0], &ch, &chlen) < 0) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc;
    /* Renders and lints every template: real work, and nothing Python. */
    Py_BEGIN_ALLOW_THREADS
    doc = ty_playbook_lint(self->pb, ch, chlen, &err);
    Py_END_ALLOW_THREADS
    return tyb_doc_result(st, doc, &err);
}

/* _handover_link(locale, number, conversation, tag) -> the wa.me link
 * (ty_handover_link) in this playbook's words. */
static PyObject *tyb_playbook_handover_link(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_playbook *self = (tyb_playbook *)op;
    tyb_state *st = PyType_GetModuleState(Py_TYPE(op));
    if (tyb_nargs(st, "_handover_link", nargs, kwnames, 4) < 0) return NULL;
    const char *s[4];
    size_t n[4];
    static const char *const names[] = {"locale", "number", "conversation", "tag"};
    for (int i = 0; i < 4; i++)
        if (tyb_opt_str(st, "handover_link", names[i], args[i], &s[i], &n[i]) < 0) return NULL;
    ty_buf out;
    ty_buf_init(&out, NULL);
    ty_error err;
    memset(&err, 0, sizeof err);
    PyObject *r = NULL;
    if (ty_handover_link(self->pb, s[0], n[0], s[1], n[1], s[2], n[2], s[3], n[3], &out, &err))
        tyb_doc_result(st, NULL, &err);
    else
        r = PyUnicode_FromStringAndSize(out.ptr ? out.ptr : "", (Py_ssize_t)out.len);
    ty_buf_free(&out);
    return r;
}

static PyMethodDef tyb_playbook_methods[] = {
    {"_handover_link", (PyCFunction)(void (*)(void))tyb_playbook_handover_link, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_handover_link($self, locale, number, conversation, tag, /)\n--\n\n"
               "The wa.me link that continues this conversation in WhatsApp.")},
    {"_match", (PyCFunction)(void (*)(void))tyb_playbook_match, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_match($self, text, expect, at, utc_offset_seconds, data, /)\n--\n\n"
               "Matches text (docs/recognizers.md). at: Unix seconds or None (relative dates\n"
               "unresolved); utc_offset_seconds: int or None (the playbook's);\n"
               "data: a Mapping with options_from lists, or None.")},
    {"_recognize", (PyCFunction)(void (*)(void))tyb_playbook_recognize, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_recognize($self, text, slot, at, utc_offset_seconds, data, /)\n--\n\n"
               "Runs one slot's recogniser over text as an answer: a dict\n"
               "{value, text, start, end} or None.")},
    {"_stats", tyb_playbook_stats, METH_NOARGS,
     PyDoc_STR("_stats($self, /)\n--\n\nMemory and model figures of the loaded playbook.")},
    {"_lint", (PyCFunction)(void (*)(void))tyb_playbook_lint, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_lint($self, channel, /)\n--\n\n"
               "Lints every template (text, variants with channel, channel texts\n"
               "with their own channel) rendered with sample values: a list of\n"
               "{template, variant, channel, code, severity, message, start, end}.")},
    {"_step", (PyCFunction)(void (*)(void))tyb_playbook_step, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_step($self, state, event, /)\n--\n\n"
               "Steps a conversation (docs/playbook.md): state (dict or None) and event (dict)\n"
               "in, a new dict {state, actions, events} out. Signing is the\n"
               "tinyyes.Playbook wrapper's job.")},
    {"_step_json", (PyCFunction)(void (*)(void))tyb_playbook_step_json, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_step_json($self, text, event, verify, sign, /)\n--\n\n"
               "_step with the state as its stored JSON text (str, bytes or None), read\n"
               "by the core; the result's state is the new text. verify(canonical, sig)\n"
               "and sign(canonical) do a signed playbook's HMACs (None: unsigned).")},
    {"_migrate", (PyCFunction)(void (*)(void))tyb_playbook_migrate, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_migrate($self, state, at, /)\n--\n\n"
               "Carries a state across an edit of this playbook: {state, actions,\n"
               "events, dropped}. Signing is the tinyyes.Playbook wrapper's job.")},
    {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(tyb_playbook_doc,
             "Playbook(source, /, *, max_bytes=None, max_intents=None, max_examples=None,\n"
             "         max_message=None, state_ttl=None)\n"
             "--\n\n"
             "A loaded playbook (JSON text as str or UTF-8 bytes): validated, its\n"
             "matcher trained, its templates compiled. Immutable; use it from many\n"
             "threads at once (the GIL is released while the core works). Use\n"
             "tinyyes.Playbook, which wraps it. Limits: None means the default\n"
             "(PLAYBOOK_MAX_BYTES, PLAYBOOK_MAX_INTENTS, PLAYBOOK_MAX_EXAMPLES,\n"
             "MESSAGE_MAX_BYTES); state_ttl None: states do not expire.");

static PyType_Slot tyb_playbook_slots[] = {
    {Py_tp_new, tyb_playbook_new},
    {Py_tp_dealloc, tyb_playbook_dealloc},
    {Py_tp_methods, tyb_playbook_methods},
    {Py_tp_doc, (void *)(uintptr_t)tyb_playbook_doc},
    {0, NULL},
};

/* Not a GC type: it holds no Python objects. Immutable, not subclassable. */
static PyType_Spec tyb_playbook_spec = {
    .name = "tinyyes._tinyyes.Playbook",
    .basicsize = sizeof(tyb_playbook),
    .itemsize = 0,
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = tyb_playbook_slots,
};

/* ===================================================================== *
 * Channels and lint (README.md, docs/playbook.md): module functions
 * ===================================================================== */

/* _payload(action, channel, at, last_customer_at, parse_mode, human_agent,
 *          to, locale) -> dict: a send action as the platform's message JSON.
 * The tinyyes.payload wrapper turns datetimes into seconds and None `at`
 * into now; here None means unknown, as in ty_payload_opts. */
static PyObject *tyb_payload(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_state *st = tyb_module_state(module);
    if (tyb_nargs(st, "_payload", nargs, kwnames, 9) < 0) return NULL;
    PyObject *action = args[0];
    if (!PyDict_Check(action) && !(Py_TYPE(action)->tp_flags & Py_TPFLAGS_MAPPING))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "payload() action must be a dict (a send action of Playbook.step), not %.100s",
                             Py_TYPE(action)->tp_name);
    if (!PyUnicode_Check(args[1]))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "payload() channel must be str, not %.100s", Py_TYPE(args[1])->tp_name);
    Py_ssize_t chlen;
    const char *ch = tyb_utf8(st, args[1], &chlen, TY_DOMAIN_NONE, "channel");
    if (!ch) return NULL;
    ty_payload_opts o;
    memset(&o, 0, sizeof o);
    const char *pm;
    size_t pmlen;
    if (tyb_opt_seconds(st, "payload", "at", args[2], &o.at, &o.has_at) < 0 ||
        tyb_opt_seconds(st, "payload", "last_customer_at", args[3], &o.last_customer_at, &o.has_last_customer_at) < 0 ||
        tyb_opt_str(st, "payload", "parse_mode", args[4], &pm, &pmlen) < 0 ||
        tyb_opt_str(st, "payload", "to", args[6], &o.to, &o.to_len) < 0 ||
        tyb_opt_str(st, "payload", "locale", args[7], &o.locale, &o.locale_len) < 0 ||
        tyb_opt_str(st, "payload", "whatsapp_link", args[8], &o.whatsapp_link, &o.whatsapp_link_len) < 0)
        return NULL;
    if (pm) {
        /* The core's own parser, so Python accepts exactly what C and Node do. */
        o.parse_mode = ty_parse_mode_parse(pm, pmlen);
        if (o.parse_mode < 0) {
            PyObject *msg = PyUnicode_FromFormat("must be \"html\", \"markdownv2\" or \"none\", not %R", args[4]);
            if (!msg) return NULL;
            tyb_raise_arg(st, "options.parse_mode", msg);
            Py_DECREF(msg);
            return NULL;
        }
    }
    int human = PyObject_IsTrue(args[5]);
    if (human < 0) return NULL;
    o.human_agent = human;
    ty_doc *in = tyb_py_to_doc(st, action, "action", TY_DOMAIN_NONE);
    if (!in) return NULL;
    size_t textlen = 0;
    ty_value_string(ty_value_get(ty_doc_root(in), "text", 4), &textlen);
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc;
    /* Short work for a chat message: only a long text is worth a GIL round trip. */
    if (textlen >= TYB_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        doc = ty_payload(ty_doc_root(in), ch, (size_t)chlen, &o, &err);
        Py_END_ALLOW_THREADS
    } else {
        doc = ty_payload(ty_doc_root(in), ch, (size_t)chlen, &o, &err);
    }
    ty_doc_free(in);
    return tyb_doc_result(st, doc, &err);
}

/* _lint(text, channel, locale) -> list of findings {code, severity,
 * message, start, end}; channel/locale None are the core's defaults. */
static PyObject *tyb_lint(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_state *st = tyb_module_state(module);
    if (tyb_nargs(st, "_lint", nargs, kwnames, 3) < 0) return NULL;
    if (!PyUnicode_Check(args[0]))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "lint() text must be str, not %.100s", Py_TYPE(args[0])->tp_name);
    Py_ssize_t len;
    const char *text = tyb_utf8(st, args[0], &len, TY_DOMAIN_NONE, "text");
    if (!text) return NULL;
    const char *ch, *loc;
    size_t chlen, loclen;
    if (tyb_opt_str(st, "lint", "channel", args[1], &ch, &chlen) < 0 ||
        tyb_opt_str(st, "lint", "locale", args[2], &loc, &loclen) < 0)
        return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc;
    /* Tokenising and phrase matching take some 10 us even for a short
     * message (bench/bench_lint_metrics.py), like match: worth letting
     * other threads run. The strs stay alive (the caller holds them) and
     * are immutable. */
    Py_BEGIN_ALLOW_THREADS
    doc = ty_lint(text, (size_t)len, ch, chlen, loc, loclen, &err);
    Py_END_ALLOW_THREADS
    return tyb_doc_result(st, doc, &err);
}

/* Reads an optional str argument of audit() as UTF-8 (None: NULL). */
static int tyb_audit_str(tyb_state *st, const char *name, PyObject *o, const char **s, size_t *len) {
    return tyb_opt_str(st, "audit", name, o, s, len);
}

/* _audit(inputs, business, date_order, utc_offset, columns, hours,
 * late_after, playbook) -> dict: inputs a sequence of (name, text,
 * format), text a str or the bytes of a file (format None: guessed); columns None or four str|None;
 * playbook None or a Playbook. The GIL is released while the core works
 * (the strs stay alive: the caller holds them). */
static PyObject *tyb_audit(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_state *st = tyb_module_state(module);
    if (tyb_nargs(st, "_audit", nargs, kwnames, 8) < 0) return NULL;
    ty_audit_opts o;
    memset(&o, 0, sizeof o);
    if (tyb_audit_str(st, "business", args[1], &o.business, &o.business_len) < 0 ||
        tyb_audit_str(st, "hours", args[5], &o.hours, &o.hours_len) < 0)
        return NULL;
    long long order = args[2] == Py_None ? 0 : PyLong_AsLongLong(args[2]);
    long long off = args[3] == Py_None ? 0 : PyLong_AsLongLong(args[3]);
    long long late = args[6] == Py_None ? 0 : PyLong_AsLongLong(args[6]);
    if (PyErr_Occurred()) return NULL;
    o.date_order = (int)order;
    o.utc_offset = (int32_t)(off > TY_UTC_OFFSET_MAX + 1 ? TY_UTC_OFFSET_MAX + 1 : off < -TY_UTC_OFFSET_MAX - 1 ? -TY_UTC_OFFSET_MAX - 1 : off);
    o.late_after = late;
    if (args[4] != Py_None) {
        if (!PyTuple_Check(args[4]) || PyTuple_GET_SIZE(args[4]) != 4)
            return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "audit() columns must be a tuple of four names");
        for (int k = 0; k < 4; k++)
            if (tyb_audit_str(st, "columns", PyTuple_GET_ITEM(args[4], k), &o.columns[k], &o.column_lens[k]) < 0)
                return NULL;
    }
    if (args[7] != Py_None) {
        if (!PyObject_TypeCheck(args[7], st->PlaybookType))
            return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "audit() playbook must be a Playbook or None");
        o.playbook = ((tyb_playbook *)args[7])->pb;
    }
    PyObject *seq = PySequence_Tuple(args[0]);
    if (!seq) return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(seq);
    ty_audit_input *in = PyMem_Calloc(n ? (size_t)n : 1, sizeof *in);
    if (!in) {
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = PyTuple_GET_ITEM(seq, i);
        PyObject *text = PyTuple_Check(t) && PyTuple_GET_SIZE(t) == 3 ? PyTuple_GET_ITEM(t, 1) : NULL;
        if (!text || !(PyUnicode_Check(text) || PyBytes_Check(text))) {
            PyMem_Free(in);
            Py_DECREF(seq);
            return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL,
                                 "audit() inputs must be (name, text, format) tuples, text a str or bytes");
        }
        Py_ssize_t tl;
        /* bytes as read from a file: no decoding, the core checks the UTF-8 */
        if (PyBytes_Check(text)) {
            in[i].text = PyBytes_AS_STRING(text);
            tl = PyBytes_GET_SIZE(text);
        } else {
            in[i].text = tyb_utf8(st, text, &tl, TY_DOMAIN_NONE, "text");
        }
        in[i].len = (size_t)tl;
        if (!in[i].text || tyb_audit_str(st, "name", PyTuple_GET_ITEM(t, 0), &in[i].name, &in[i].name_len) < 0 ||
            tyb_audit_str(st, "format", PyTuple_GET_ITEM(t, 2), &in[i].format, &in[i].format_len) < 0) {
            PyMem_Free(in);
            Py_DECREF(seq);
            return NULL;
        }
    }
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc;
    Py_BEGIN_ALLOW_THREADS
    doc = ty_audit(in, (size_t)n, &o, &err);
    Py_END_ALLOW_THREADS
    PyMem_Free(in);
    Py_DECREF(seq);
    return tyb_doc_result(st, doc, &err);
}

/* _audit_report(result) -> str: the readable report of an audit dict. */
static PyObject *tyb_audit_report(PyObject *module, PyObject *arg) {
    tyb_state *st = tyb_module_state(module);
    ty_doc *doc = tyb_py_to_doc(st, arg, "result", TY_DOMAIN_NONE);
    if (!doc) return NULL;
    ty_buf b;
    ty_buf_init(&b, NULL);
    ty_error err;
    memset(&err, 0, sizeof err);
    int rc = ty_audit_report(ty_doc_root(doc), &b, &err);
    ty_doc_free(doc);
    PyObject *res = rc ? tyb_raise(st, &err) : PyUnicode_DecodeUTF8(b.ptr ? b.ptr : "", (Py_ssize_t)b.len, NULL);
    ty_buf_free(&b);
    return res;
}

/* _inbound(channel, body, at) -> {"events", "ignored"}: a webhook body
 * (str, or bytes-like as the web framework received it) read by the core
 * (ty_inbound). at: Unix seconds or None (unknown). */
static PyObject *tyb_inbound(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_state *st = tyb_module_state(module);
    if (tyb_nargs(st, "_inbound", nargs, kwnames, 3) < 0) return NULL;
    if (!PyUnicode_Check(args[0]))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "inbound() channel must be str, not %.100s",
                             Py_TYPE(args[0])->tp_name);
    Py_ssize_t chlen, blen;
    const char *ch = tyb_utf8(st, args[0], &chlen, TY_DOMAIN_NONE, "channel");
    if (!ch) return NULL;
    int64_t at = 0;
    int has_at = 0;
    if (tyb_opt_seconds(st, "inbound", "at", args[2], &at, &has_at) < 0) return NULL;
    Py_buffer view = {0};
    const char *body;
    if (PyUnicode_Check(args[1])) {
        if (!(body = tyb_utf8(st, args[1], &blen, TY_DOMAIN_EVENT, "body"))) return NULL;
    } else if (PyObject_CheckBuffer(args[1])) {
        if (PyObject_GetBuffer(args[1], &view, PyBUF_CONTIG_RO) < 0) return NULL;
        body = view.buf;
        blen = view.len;
    } else {
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL,
                             "inbound() body must be str or bytes (the request body as received), not %.100s",
                             Py_TYPE(args[1])->tp_name);
    }
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc;
    /* a webhook body is a few KB: parsed with the GIL held unless large */
    if ((size_t)blen >= TYB_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        doc = ty_inbound(ch, (size_t)chlen, body, (size_t)blen, at, has_at, &err);
        Py_END_ALLOW_THREADS
    } else {
        doc = ty_inbound(ch, (size_t)chlen, body, (size_t)blen, at, has_at, &err);
    }
    if (view.obj) PyBuffer_Release(&view);
    return tyb_doc_result(st, doc, &err);
}

/* The bytes of a str (UTF-8) or bytes-like object o into *view (release
 * with PyBuffer_Release when view->obj is set); -1 with an error set. */
static int tyb_bytes_arg(tyb_state *st, const char *fn, const char *what, PyObject *o, Py_buffer *view,
                         const char **p, Py_ssize_t *n) {
    memset(view, 0, sizeof *view);
    if (PyUnicode_Check(o)) return (*p = tyb_utf8(st, o, n, TY_DOMAIN_EVENT, what)) ? 0 : -1;
    if (PyObject_CheckBuffer(o)) {
        if (PyObject_GetBuffer(o, view, PyBUF_CONTIG_RO) < 0) return -1;
        *p = view->buf;
        *n = view->len;
        return 0;
    }
    tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "%s() %s must be str or bytes, not %.100s", fn, what,
                  Py_TYPE(o)->tp_name);
    return -1;
}

/* The UTF-8 of str arg (what: "fn() name" for the TypeError), or NULL with
 * an error set. */
static const char *tyb_str_arg(tyb_state *st, PyObject *arg, const char *what, const char *name, Py_ssize_t *n) {
    if (!PyUnicode_Check(arg)) {
        tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "%s must be str, not %.100s", what, Py_TYPE(arg)->tp_name);
        return NULL;
    }
    return tyb_utf8(st, arg, n, TY_DOMAIN_NONE, name);
}

/* _signature_header(channel) -> str: the channel's signature header. */
static PyObject *tyb_signature_header(PyObject *module, PyObject *arg) {
    tyb_state *st = tyb_module_state(module);
    Py_ssize_t n;
    const char *ch = tyb_str_arg(st, arg, "verify() channel", "channel", &n);
    if (!ch) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    const char *h = ty_signature_header(ch, (size_t)n, &err);
    if (!h) return tyb_doc_result(st, NULL, &err);
    return PyUnicode_FromString(h);
}

/* _signature_check(channel, header, body, url) -> (algorithm, message,
 * digest): what ty_signature_check reads; the HMAC is tinyyes.verify's. */
static PyObject *tyb_signature_check(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_state *st = tyb_module_state(module);
    if (tyb_nargs(st, "_signature_check", nargs, kwnames, 4) < 0) return NULL;
    if (!PyUnicode_Check(args[0]))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "verify() channel must be str, not %.100s",
                             Py_TYPE(args[0])->tp_name);
    Py_ssize_t chn, hn = 0, bn;
    const char *ch = tyb_utf8(st, args[0], &chn, TY_DOMAIN_NONE, "channel"), *hdr = NULL, *body, *url;
    size_t un;
    if (!ch || tyb_opt_str(st, "verify", "url", args[3], &url, &un) < 0) return NULL;
    Py_buffer hv, bv;
    memset(&hv, 0, sizeof hv);
    if (args[1] != Py_None && tyb_bytes_arg(st, "verify", "header", args[1], &hv, &hdr, &hn) < 0) return NULL;
    if (tyb_bytes_arg(st, "verify", "body", args[2], &bv, &body, &bn) < 0) {
        if (hv.obj) PyBuffer_Release(&hv);
        return NULL;
    }
    ty_signature sig;
    memset(&sig, 0, sizeof sig);
    ty_error err;
    memset(&err, 0, sizeof err);
    int rc = ty_signature_check(ch, (size_t)chn, hdr, (size_t)hn, body, (size_t)bn, url, un, &sig, &err);
    if (hv.obj) PyBuffer_Release(&hv);
    if (bv.obj) PyBuffer_Release(&bv);
    PyObject *out = NULL;
    if (rc) {
        tyb_doc_result(st, NULL, &err);
    } else {
        out = Py_BuildValue("(iy#y#)", sig.algorithm, sig.message.ptr ? sig.message.ptr : "", (Py_ssize_t)sig.message.len,
                            (const char *)sig.digest, (Py_ssize_t)sig.digest_len);
    }
    ty_signature_free(&sig);
    return out;
}

/* _handover_signed(conversation) -> bytes a handover tag signs. */
static PyObject *tyb_handover_signed(PyObject *module, PyObject *arg) {
    tyb_state *st = tyb_module_state(module);
    Py_ssize_t n;
    const char *conv = tyb_str_arg(st, arg, "handover: the conversation", "conversation", &n);
    if (!conv) return NULL;
    ty_buf out;
    ty_buf_init(&out, NULL);
    ty_error err;
    memset(&err, 0, sizeof err);
    PyObject *r = NULL;
    if (ty_handover_signed(conv, (size_t)n, &out, &err)) tyb_doc_result(st, NULL, &err);
    else r = PyBytes_FromStringAndSize(out.ptr ? out.ptr : "", (Py_ssize_t)out.len);
    ty_buf_free(&out);
    return r;
}

/* _handover_find(text) -> (conversation, tag) | None */
static PyObject *tyb_handover_find(PyObject *module, PyObject *arg) {
    tyb_state *st = tyb_module_state(module);
    Py_ssize_t n;
    const char *text = tyb_str_arg(st, arg, "handover_ref() text", "text", &n);
    if (!text) return NULL;
    const char *conv, *tag;
    size_t cn, tn;
    if (!ty_handover_find(text, (size_t)n, &conv, &cn, &tag, &tn)) Py_RETURN_NONE;
    return Py_BuildValue("(s#s#)", conv, (Py_ssize_t)cn, tag, (Py_ssize_t)tn);
}

/* _handshake(mode, token, challenge, verify_token) -> str | None */
static PyObject *tyb_handshake(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_state *st = tyb_module_state(module);
    if (tyb_nargs(st, "_handshake", nargs, kwnames, 4) < 0) return NULL;
    const char *s[4];
    size_t n[4];
    static const char *const names[] = {"hub.mode", "hub.verify_token", "hub.challenge", "verify_token"};
    for (int i = 0; i < 4; i++)
        if (tyb_opt_str(st, "handshake", names[i], args[i], &s[i], &n[i]) < 0) return NULL;
    const char *c = ty_handshake(s[0], n[0], s[1], n[1], s[2], n[2], s[3], n[3]);
    if (!c) Py_RETURN_NONE;
    return Py_NewRef(args[2]);
}

/* ===================================================================== *
 * Metrics objects (docs/metrics.md): a streaming accumulator
 * ===================================================================== */

/* Events converted and handed to the core at a time: a chunk's doc is a few
 * MB at most, so a stream of any length never sits in memory at once. */

typedef struct {
    PyObject_HEAD
    ty_metrics *m;           /* owned; the core's accumulator (not thread-safe) */
    PyThread_type_lock lock; /* serialises add/result between threads */
    atomic_ulong owner;      /* the thread holding the lock, 0: none (read without it) */
    Py_ssize_t count;        /* events counted */
    /* The "flow.step" keys asks and commits named, in first-seen order (a
     * dict used as an ordered set), so the funnel shows steps as customers
     * met them; the counts are the core's ("steps"), whose keys are sorted
     * so that a result does not depend on the events' order. It holds strs
     * and None only, so no cycle can form and the type need not take part
     * in GC. */
    PyObject *order;
} tyb_metrics;

static PyObject *tyb_metrics_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    tyb_state *st = PyType_GetModuleState(type);
    if (!st) return NULL;
    if (PyTuple_GET_SIZE(args) || (kwds && PyDict_GET_SIZE(kwds)))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "Metrics() takes no arguments");
    tyb_metrics *self = (tyb_metrics *)type->tp_alloc(type, 0);
    if (!self) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    self->lock = PyThread_allocate_lock();
    self->order = PyDict_New();
    if (!self->lock || !self->order) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    if (!(self->m = ty_metrics_new(NULL, &err))) {
        Py_DECREF(self);
        return tyb_raise(st, &err);
    }
    return (PyObject *)self;
}

static void tyb_metrics_dealloc(PyObject *op) {
    tyb_metrics *self = (tyb_metrics *)op;
    PyTypeObject *tp = Py_TYPE(op);
    ty_metrics_free(self->m);
    if (self->lock) PyThread_free_lock(self->lock);
    Py_XDECREF(self->order);
    tp->tp_free(op);
    Py_DECREF(tp);
}

/* Takes self's lock for this thread, waiting with the GIL released while
 * another thread holds it. A re-entrant call (an events iterator that adds
 * to the Metrics it feeds) would wait for ever: it is a RuntimeError.
 * Returns -1 with an exception set. */
static int tyb_metrics_enter(tyb_metrics *self, const char *fn) {
    unsigned long me = PyThread_get_thread_ident();
    /* only this thread stores its own ident, so a relaxed load tells */
    if (atomic_load_explicit(&self->owner, memory_order_relaxed) == me) {
        PyErr_Format(PyExc_RuntimeError, "Metrics.%s() called inside Metrics.add() on the same object "
                     "(from the events iterator?)", fn);
        return -1;
    }
    if (!PyThread_acquire_lock(self->lock, NOWAIT_LOCK)) {
        Py_BEGIN_ALLOW_THREADS
        PyThread_acquire_lock(self->lock, WAIT_LOCK);
        Py_END_ALLOW_THREADS
    }
    atomic_store_explicit(&self->owner, me, memory_order_relaxed);
    return 0;
}

static void tyb_metrics_leave(tyb_metrics *self) {
    atomic_store_explicit(&self->owner, 0, memory_order_relaxed);
    PyThread_release_lock(self->lock);
}

/* Notes "flow.step" in self->order when it is new; -1 with an exception set. */
static int tyb_metrics_note_step(tyb_metrics *self, const char *f, size_t fn, const char *s, size_t sn) {
    char *k = PyMem_Malloc(fn + sn + 1);
    if (!k) return (PyErr_NoMemory(), -1);
    memcpy(k, f, fn);
    k[fn] = '.';
    memcpy(k + fn + 1, s, sn);
    PyObject *key = PyUnicode_DecodeUTF8(k, (Py_ssize_t)(fn + sn + 1), NULL);
    PyMem_Free(k);
    if (!key) return -1;
    PyObject *had = PyDict_SetDefault(self->order, key, Py_None);
    Py_DECREF(key);
    return had ? 0 : -1;
}

/* Notes the steps the asks and commits of a chunk the core accepted name
 * (every ask and commit has string flow and step). -1 with an exception set. */
static int tyb_metrics_note_steps(tyb_metrics *self, const ty_value *list) {
    size_t n = ty_value_count(list), fn = 0, sn = 0, lfn = 0, lsn = 0;
    const char *lf = NULL, *ls = NULL;
    for (size_t i = 0; i < n; i++) {
        const ty_value *e = ty_value_item(list, i);
        size_t tn;
        const char *t = ty_value_string(ty_value_get(e, "type", 4), &tn);
        if (!t || !((tn == 3 && memcmp(t, "ask", 3) == 0) || (tn == 6 && memcmp(t, "commit", 6) == 0))) continue;
        const char *f = ty_value_string(ty_value_get(e, "flow", 4), &fn);
        const char *s = ty_value_string(ty_value_get(e, "step", 4), &sn);
        if (!f || !s) continue;
        /* a conversation's events come in runs at one step: look up only on change */
        if (lf && fn == lfn && sn == lsn && !memcmp(f, lf, fn) && !memcmp(s, ls, sn)) continue;
        if (tyb_metrics_note_step(self, f, fn, s, sn) < 0) return -1;
        lf = f, lfn = fn, ls = s, lsn = sn;
    }
    return 0;
}

/* add(events, /) — counts every event of an iterable. */
static PyObject *tyb_metrics_add(PyObject *op, PyObject *events) {
    tyb_metrics *self = (tyb_metrics *)op;
    tyb_state *st = PyType_GetModuleState(Py_TYPE(op));
    if (tyb_metrics_enter(self, "add") < 0) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    PyObject *it = NULL, *chunk = NULL, *res = NULL;
    ty_doc *doc = NULL;
    /* A mapping or a str iterates, but over keys or letters: like anything
     * not iterable it goes to the core whole, which names what it wants. */
    int listlike = !PyUnicode_Check(events) && !PyBytes_Check(events) && !PyByteArray_Check(events) &&
                   !PyDict_Check(events) && !(Py_TYPE(events)->tp_flags & Py_TPFLAGS_MAPPING);
    if (listlike && !(it = PyObject_GetIter(events))) {
        if (!PyErr_ExceptionMatches(PyExc_TypeError)) goto done;
        PyErr_Clear();
    }
    if (!it) {
        if (!(doc = ty_doc_new(NULL))) { /* its root is null */
            PyErr_NoMemory();
            goto done;
        }
        if (ty_metrics_add(self->m, ty_doc_root(doc), &err) < 0) tyb_raise(st, &err);
        else PyErr_SetString(PyExc_SystemError, "tinyyes: the core counted a non-list of events");
        goto done;
    }
    if (!(chunk = PyList_New(0))) goto done;
    Py_ssize_t base = 0;
    for (;;) {
        PyObject *item = NULL;
        while (PyList_GET_SIZE(chunk) < TY_METRICS_CHUNK && (item = PyIter_Next(it))) {
            int rc = PyList_Append(chunk, item);
            Py_DECREF(item);
            if (rc < 0) goto done;
        }
        if (PyErr_Occurred()) goto done; /* the iterator raised */
        Py_ssize_t n = PyList_GET_SIZE(chunk);
        if (n == 0) break;
        if (!(doc = tyb_py_to_doc_at(st, chunk, "events", TY_DOMAIN_EVENT, base))) goto done;
        /* Drop the events as soon as they are converted: a generator's
         * dicts then live for one chunk only. */
        if (PyList_SetSlice(chunk, 0, n, NULL) < 0) goto done;
        int rc;
        Py_BEGIN_ALLOW_THREADS
        rc = ty_metrics_add_at(self->m, ty_doc_root(doc), (size_t)base, &err);
        Py_END_ALLOW_THREADS
        if (rc < 0) {
            tyb_raise(st, &err);
            goto done;
        }
        self->count += n;
        if (tyb_metrics_note_steps(self, ty_doc_root(doc)) < 0) goto done;
        ty_doc_free(doc);
        doc = NULL;
        base += n;
        if (n < TY_METRICS_CHUNK) break;
    }
    res = Py_NewRef(Py_None);
done:
    ty_doc_free(doc);
    Py_XDECREF(chunk);
    Py_XDECREF(it);
    tyb_metrics_leave(self);
    return res;
}

/* The core's metrics of self as a new dict; self's lock is held. */
static PyObject *tyb_metrics_result_locked(tyb_state *st, tyb_metrics *self) {
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc;
    /* sorts every commit latency for the percentiles: no GIL needed */
    Py_BEGIN_ALLOW_THREADS
    doc = ty_metrics_result(self->m, &err);
    Py_END_ALLOW_THREADS
    return tyb_doc_result(st, doc, &err);
}

/* result() -> dict: the core's metrics so far (docs/metrics.md). */
static PyObject *tyb_metrics_result(PyObject *op, PyObject *unused) {
    (void)unused;
    tyb_metrics *self = (tyb_metrics *)op;
    if (tyb_metrics_enter(self, "result") < 0) return NULL;
    PyObject *res = tyb_metrics_result_locked(PyType_GetModuleState(Py_TYPE(op)), self);
    tyb_metrics_leave(self);
    return res;
}

/* _snapshot() -> (result dict, ["flow.step", ...] in first-seen order),
 * both of the same moment (one lock held), for tinyyes.MetricsResult. */
static PyObject *tyb_metrics_snapshot(PyObject *op, PyObject *unused) {
    (void)unused;
    tyb_metrics *self = (tyb_metrics *)op;
    if (tyb_metrics_enter(self, "result") < 0) return NULL;
    PyObject *res = tyb_metrics_result_locked(PyType_GetModuleState(Py_TYPE(op)), self);
    PyObject *steps = res ? PySequence_List(self->order) : NULL;
    tyb_metrics_leave(self);
    PyObject *pair = steps ? PyTuple_Pack(2, res, steps) : NULL;
    Py_XDECREF(res);
    Py_XDECREF(steps);
    return pair;
}

static PyObject *tyb_metrics_get_count(PyObject *op, void *closure) {
    (void)closure;
    return PyLong_FromSsize_t(((tyb_metrics *)op)->count);
}

static PyMethodDef tyb_metrics_methods[] = {
    {"add", tyb_metrics_add, METH_O,
     PyDoc_STR("add($self, events, /)\n--\n\n"
               "Counts an iterable of metric events (Playbook.step's \"events\"),\n"
               "converted and handed to the core 10,000 at a time with the GIL\n"
               "released. A bad event is an EventError naming its index in the\n"
               "iterable; the chunks before its own stay counted.")},
    {"result", tyb_metrics_result, METH_NOARGS,
     PyDoc_STR("result($self, /)\n--\n\nThe metrics so far as a new dict (docs/metrics.md).")},
    {"_snapshot", tyb_metrics_snapshot, METH_NOARGS,
     PyDoc_STR("_snapshot($self, /)\n--\n\n"
               "(result(), {\"flow.step\": (asks, commits)} in first-seen order),\n"
               "taken together.")},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef tyb_metrics_getset[] = {
    {"count", tyb_metrics_get_count, NULL, PyDoc_STR("Events counted so far."), NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(tyb_metrics_doc,
             "Metrics()\n"
             "--\n\n"
             "The core's streaming metrics accumulator. Use tinyyes.Metrics, which\n"
             "wraps it. Safe to share between threads (calls take turns).");

static PyType_Slot tyb_metrics_slots[] = {
    {Py_tp_new, tyb_metrics_new},
    {Py_tp_dealloc, tyb_metrics_dealloc},
    {Py_tp_methods, tyb_metrics_methods},
    {Py_tp_getset, tyb_metrics_getset},
    {Py_tp_doc, (void *)(uintptr_t)tyb_metrics_doc},
    {0, NULL},
};

/* Not a GC type (see `index`). Immutable, not subclassable. */
static PyType_Spec tyb_metrics_spec = {
    .name = "tinyyes._tinyyes.Metrics",
    .basicsize = sizeof(tyb_metrics),
    .itemsize = 0,
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = tyb_metrics_slots,
};


/* ===================================================================== *
 * Command lines: the lint report and the chat session (chat.c, lint_report.c)
 * ===================================================================== */

/* A str of the buffer's bytes (empty when nothing was written). */
static PyObject *tyb_buf_str(const ty_buf *b) {
    return PyUnicode_DecodeUTF8(b->ptr ? b->ptr : "", (Py_ssize_t)b->len, "replace");
}

/* _lint_report(findings, label, text, channel, source, json) -> (status, output):
 * what `python -m tinyyes lint` prints (ty_lint_report). */
static PyObject *tyb_lint_report(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_state *st = tyb_module_state(module);
    if (tyb_nargs(st, "_lint_report", nargs, kwnames, 6) < 0) return NULL;
    ty_lint_report_opts o;
    memset(&o, 0, sizeof o);
    if (tyb_opt_str(st, "_lint_report", "label", args[1], &o.label, &o.label_len) < 0 ||
        tyb_opt_str(st, "_lint_report", "text", args[2], &o.text, &o.text_len) < 0 ||
        tyb_opt_str(st, "_lint_report", "channel", args[3], &o.channel, &o.channel_len) < 0 ||
        tyb_opt_str(st, "_lint_report", "source", args[4], &o.source, &o.source_len) < 0)
        return NULL;
    o.json = PyObject_IsTrue(args[5]);
    if (o.json < 0) return NULL;
    ty_doc *doc = tyb_py_to_doc(st, args[0], "findings", TY_DOMAIN_NONE);
    if (!doc) return NULL;
    ty_buf b;
    ty_buf_init(&b, NULL);
    ty_error err;
    int rc = ty_lint_report(ty_doc_root(doc), &o, &b, &err);
    ty_doc_free(doc);
    PyObject *res = rc < 0 ? tyb_raise(st, &err) : Py_BuildValue("(iN)", rc, tyb_buf_str(&b));
    ty_buf_free(&b);
    return res;
}

/* _duration(text) -> seconds, as /wait reads "90s", "1h30m" (ValueError else). */
static PyObject *tyb_duration(PyObject *module, PyObject *arg) {
    tyb_state *st = tyb_module_state(module);
    const char *s;
    size_t n;
    if (tyb_opt_str(st, "_duration", "text", arg, &s, &n) < 0) return NULL;
    int64_t secs;
    ty_error err;
    if (ty_duration_parse(s ? s : "", n, &secs, &err)) return tyb_raise(st, &err);
    return PyLong_FromLongLong((long long)secs);
}

#define TYB_CHAT "tinyyes._chat"

/* Frees a chat capsule's session and releases the playbook it borrows. */
static void tyb_chat_destroy(PyObject *capsule) {
    ty_chat_free(PyCapsule_GetPointer(capsule, TYB_CHAT));
    Py_XDECREF((PyObject *)PyCapsule_GetContext(capsule));
}

/* Reads _chat_new's options (args[1..]) into o; -1 with an exception set. */
static int tyb_chat_opts(tyb_state *st, PyObject *const *a, ty_chat_opts *o, ty_doc **data) {
    memset(o, 0, sizeof *o);
    *data = NULL;
    if (tyb_opt_seconds(st, "_chat_new", "start", a[0], &o->start, &o->has_start) < 0 ||
        tyb_opt_str(st, "_chat_new", "conversation", a[1], &o->conversation, &o->conversation_len) < 0 ||
        tyb_opt_str(st, "_chat_new", "channel", a[2], &o->channel, &o->channel_len) < 0)
        return -1;
    if (a[3] != Py_None && !(*data = tyb_py_to_doc(st, a[3], "data", TY_DOMAIN_EVENT))) return -1;
    o->data = *data ? ty_doc_root(*data) : NULL;
    if (a[4] != Py_None) {
        long off = PyLong_AsLong(a[4]);
        if (off == -1 && PyErr_Occurred()) return -1;
        o->utc_offset = (int32_t)(off > 86400 ? 86400 : off < -86400 ? -86400 : off);
        o->has_utc_offset = 1;
    }
    o->verbose = PyObject_IsTrue(a[5]);
    o->echo = (int)PyLong_AsLong(a[6]);
    o->is_default = PyObject_IsTrue(a[7]);
    o->record = PyObject_IsTrue(a[8]);
    return o->verbose < 0 || o->is_default < 0 || o->record < 0 || PyErr_Occurred() ? -1 : 0;
}

/* _chat_new(playbook, start, conversation, channel, data, utc_offset, verbose,
 * echo, is_default, record) -> (chat, header): a chat session (ty_chat_new) and its greeting. */
static PyObject *tyb_chat_new(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_state *st = tyb_module_state(module);
    if (tyb_nargs(st, "_chat_new", nargs, kwnames, 10) < 0) return NULL;
    if (!PyObject_TypeCheck(args[0], st->PlaybookType))
        return tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "_chat_new() playbook must be a Playbook");
    ty_chat_opts o;
    ty_doc *data;
    if (tyb_chat_opts(st, args + 1, &o, &data) < 0) {
        ty_doc_free(data);
        return NULL;
    }
    ty_error err;
    ty_chat *chat = ty_chat_new(((tyb_playbook *)args[0])->pb, &o, &err);
    ty_doc_free(data);
    if (!chat) return tyb_raise(st, &err);
    PyObject *cap = PyCapsule_New(chat, TYB_CHAT, tyb_chat_destroy);
    if (!cap) {
        ty_chat_free(chat);
        return NULL;
    }
    Py_INCREF(args[0]);
    PyCapsule_SetContext(cap, args[0]);
    ty_buf b;
    ty_buf_init(&b, NULL);
    PyObject *res = ty_chat_header(chat, &b, &err) ? tyb_raise(st, &err) : Py_BuildValue("(ON)", cap, tyb_buf_str(&b));
    ty_buf_free(&b);
    Py_DECREF(cap);
    return res;
}

/* The session of a chat capsule, or NULL with an exception set. */
static ty_chat *tyb_chat_of(tyb_state *st, PyObject *cap) {
    if (!PyCapsule_IsValid(cap, TYB_CHAT)) {
        tyb_arg_error(st, TYB_TYPE, TY_DOMAIN_NONE, NULL, "not a chat session");
        return NULL;
    }
    return PyCapsule_GetPointer(cap, TYB_CHAT);
}

/* _chat_feed(chat, line) -> (go_on, output): one line of input (ty_chat_feed). */
static PyObject *tyb_chat_feed(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_state *st = tyb_module_state(module);
    if (tyb_nargs(st, "_chat_feed", nargs, kwnames, 2) < 0) return NULL;
    ty_chat *chat = tyb_chat_of(st, args[0]);
    const char *line;
    size_t n;
    if (!chat || tyb_opt_str(st, "_chat_feed", "line", args[1], &line, &n) < 0) return NULL;
    ty_buf b;
    ty_buf_init(&b, NULL);
    ty_error err;
    int rc = ty_chat_feed(chat, line, n, &b, &err);
    PyObject *res = rc < 0 ? tyb_raise(st, &err) : Py_BuildValue("(NN)", PyBool_FromLong(rc), tyb_buf_str(&b));
    ty_buf_free(&b);
    return res;
}

/* _chat_get(chat, what) -> the state (what 0) or the last feed's log (1), converted. */
static PyObject *tyb_chat_get(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    tyb_state *st = tyb_module_state(module);
    if (tyb_nargs(st, "_chat_get", nargs, kwnames, 2) < 0) return NULL;
    ty_chat *chat = tyb_chat_of(st, args[0]);
    if (!chat) return NULL;
    const ty_value *v = PyObject_IsTrue(args[1]) ? ty_chat_log(chat) : ty_chat_state(chat);
    if (!v) Py_RETURN_NONE;
    return tyb_value_to_py(st, v, 0);
}

#undef TYB_CHAT

/* ===================================================================== *
 * Module
 * ===================================================================== */

/* Creates one exception class with class-level defaults for the attributes
 * raised errors carry, so a user-raised tinyyes.Error has them too. */
static PyObject *tyb_new_error(const char *name, const char *doc, PyObject *base, const char *code) {
    PyObject *dict = Py_BuildValue("{s:s,s:O,s:O,s:O,s:O,s:O}", "code", code, "reason", Py_None, "line", Py_None,
                                   "col", Py_None, "path", Py_None, "offset", Py_None);
    if (!dict) return NULL;
    PyObject *cls = PyErr_NewExceptionWithDoc(name, doc, base, dict);
    Py_DECREF(dict);
    return cls;
}

/* A class of two bases (a tinyyes error and a builtin kind). */
static PyObject *tyb_new_error2(const char *name, const char *doc, PyObject *a, PyObject *b, const char *code) {
    PyObject *bases = PyTuple_Pack(2, a, b);
    if (!bases) return NULL;
    PyObject *cls = tyb_new_error(name, doc, bases, code);
    Py_DECREF(bases);
    return cls;
}

/* The argument errors: tinyyes errors that are also TypeError or
 * OverflowError (README.md, "Errors"). */
static int tyb_new_arg_errors(tyb_state *st) {
    st->ArgumentTypeError = tyb_new_error2(
        "tinyyes.ArgumentTypeError",
        "An argument or a value in it has the wrong type (a tinyyes.Error and a TypeError).", st->Error,
        PyExc_TypeError, "TY_ERROR");
    st->ArgumentOverflowError = tyb_new_error2(
        "tinyyes.ArgumentOverflowError",
        "An integer argument is out of range (a tinyyes.Error and an OverflowError).", st->Error,
        PyExc_OverflowError, "TY_ERROR");
    if (!st->ArgumentTypeError || !st->ArgumentOverflowError) return -1;
    st->TemplateTypeError = tyb_new_error2(
        "tinyyes.TemplateTypeError", "Template data holds a value that is not data (a TemplateError and a TypeError).",
        st->TemplateError, st->ArgumentTypeError, "TY_TEMPLATE");
    st->StateTypeError = tyb_new_error2(
        "tinyyes.StateTypeError", "A state holds a value JSON cannot carry (a StateError and a TypeError).",
        st->StateError, st->ArgumentTypeError, "TY_STATE");
    st->EventTypeError = tyb_new_error2(
        "tinyyes.EventTypeError", "An event holds a value JSON cannot carry (an EventError and a TypeError).",
        st->EventError, st->ArgumentTypeError, "TY_EVENT");
    return st->TemplateTypeError && st->StateTypeError && st->EventTypeError ? 0 : -1;
}

static int tyb_add_type(PyObject *m, const char *name, PyObject *obj) {
    /* PyModule_AddObjectRef keeps our reference (module state owns it). */
    return PyModule_AddObjectRef(m, name, obj);
}

static int tyb_exec(PyObject *m) {
    tyb_state *st = tyb_module_state(m);
#define TYB_INTERN(field, text) \
    if (!(st->field = PyUnicode_InternFromString(text))) return -1;
    TYB_INTERN(s_code, "code")
    TYB_INTERN(s_reason, "reason")
    TYB_INTERN(s_line, "line")
    TYB_INTERN(s_col, "col")
    TYB_INTERN(s_path, "path")
    TYB_INTERN(s_offset, "offset")
    TYB_INTERN(s_text, "text")
#undef TYB_INTERN

    st->Error = tyb_new_error("tinyyes.Error",
                              "Base of every tinyyes error (a ValueError).\n\n"
                              "Attributes: code ('TY_TEMPLATE', 'TY_PLAYBOOK', 'TY_STATE', 'TY_EVENT'\n"
                              "or 'TY_ERROR'), reason (a short word: 'syntax', 'missing', 'guard',\n"
                              "'limit', 'utf8', 'nul', 'depth', ...), line and col (1-based, col in\n"
                              "code points; None when not about text), path (JSON path or partial\n"
                              "name; None when not set), offset (byte offset into the input).",
                              PyExc_ValueError, "TY_ERROR");
    if (!st->Error) return -1;
    st->TemplateError = tyb_new_error("tinyyes.TemplateError", "A template failed to compile or render.",
                                      st->Error, "TY_TEMPLATE");
    st->PlaybookError = tyb_new_error("tinyyes.PlaybookError", "A playbook is invalid (path names where).",
                                      st->Error, "TY_PLAYBOOK");
    st->StateError = tyb_new_error("tinyyes.StateError", "A conversation state is malformed, tampered or foreign.",
                                   st->Error, "TY_STATE");
    st->EventError = tyb_new_error("tinyyes.EventError", "An event is malformed.", st->Error, "TY_EVENT");
    if (!st->TemplateError || !st->PlaybookError || !st->StateError || !st->EventError) return -1;
    if (tyb_new_arg_errors(st) < 0) return -1;

    st->TemplateType = (PyTypeObject *)PyType_FromModuleAndSpec(m, &tyb_template_spec, NULL);
    if (!st->TemplateType) return -1;
    st->PlaybookType = (PyTypeObject *)PyType_FromModuleAndSpec(m, &tyb_playbook_spec, NULL);
    if (!st->PlaybookType) return -1;
    st->MetricsType = (PyTypeObject *)PyType_FromModuleAndSpec(m, &tyb_metrics_spec, NULL);
    if (!st->MetricsType) return -1;
    if (!(st->empty_dict = PyDict_New())) return -1;

    if (tyb_add_type(m, "Error", st->Error) < 0 || tyb_add_type(m, "TemplateError", st->TemplateError) < 0 ||
        tyb_add_type(m, "PlaybookError", st->PlaybookError) < 0 ||
        tyb_add_type(m, "StateError", st->StateError) < 0 || tyb_add_type(m, "EventError", st->EventError) < 0 ||
        tyb_add_type(m, "ArgumentTypeError", st->ArgumentTypeError) < 0 ||
        tyb_add_type(m, "ArgumentOverflowError", st->ArgumentOverflowError) < 0 ||
        tyb_add_type(m, "TemplateTypeError", st->TemplateTypeError) < 0 ||
        tyb_add_type(m, "StateTypeError", st->StateTypeError) < 0 ||
        tyb_add_type(m, "EventTypeError", st->EventTypeError) < 0 ||
        tyb_add_type(m, "Template", (PyObject *)st->TemplateType) < 0 ||
        tyb_add_type(m, "Playbook", (PyObject *)st->PlaybookType) < 0 ||
        tyb_add_type(m, "Metrics", (PyObject *)st->MetricsType) < 0)
        return -1;
    /* the library's own version (ty_version()), not the header's it was built with */
    if (PyModule_AddStringConstant(m, "__version__", ty_version()) < 0) return -1;
    /* the core's tables, as they are: every documented limit, the channels */
    size_t nlim = 0;
    const ty_limit *lim = ty_limits(&nlim);
    PyObject *limits = PyDict_New();
    if (!limits) return -1;
    for (size_t i = 0; i < nlim; i++) {
        PyObject *v = PyLong_FromLongLong(lim[i].value);
        int rc = v ? PyDict_SetItemString(limits, lim[i].name, v) : -1;
        Py_XDECREF(v);
        if (rc < 0 || PyModule_AddIntConstant(m, lim[i].name, (long)lim[i].value) < 0) {
            Py_DECREF(limits);
            return -1;
        }
    }
    if (PyModule_AddObject(m, "LIMITS", limits) < 0) {
        Py_DECREF(limits);
        return -1;
    }
    PyObject *channels = PyTuple_New((Py_ssize_t)ty_channel_count());
    if (!channels) return -1;
    for (size_t i = 0; i < ty_channel_count(); i++) {
        PyObject *name = PyUnicode_FromString(ty_channel_name(i));
        if (!name) {
            Py_DECREF(channels);
            return -1;
        }
        PyTuple_SET_ITEM(channels, (Py_ssize_t)i, name);
    }
    if (PyModule_AddObject(m, "CHANNELS", channels) < 0) {
        Py_DECREF(channels);
        return -1;
    }
    return 0;
}

static int tyb_traverse(PyObject *m, visitproc visit, void *arg) {
    tyb_state *st = tyb_module_state(m);
    if (!st) return 0;
    Py_VISIT(st->Error);
    Py_VISIT(st->TemplateError);
    Py_VISIT(st->PlaybookError);
    Py_VISIT(st->StateError);
    Py_VISIT(st->EventError);
    Py_VISIT(st->ArgumentTypeError);
    Py_VISIT(st->ArgumentOverflowError);
    Py_VISIT(st->TemplateTypeError);
    Py_VISIT(st->StateTypeError);
    Py_VISIT(st->EventTypeError);
    Py_VISIT(st->TemplateType);
    Py_VISIT(st->PlaybookType);
    Py_VISIT(st->MetricsType);
    Py_VISIT(st->empty_dict);
    return 0;
}

static int tyb_clear(PyObject *m) {
    tyb_state *st = tyb_module_state(m);
    if (!st) return 0;
    Py_CLEAR(st->Error);
    Py_CLEAR(st->TemplateError);
    Py_CLEAR(st->PlaybookError);
    Py_CLEAR(st->StateError);
    Py_CLEAR(st->EventError);
    Py_CLEAR(st->ArgumentTypeError);
    Py_CLEAR(st->ArgumentOverflowError);
    Py_CLEAR(st->TemplateTypeError);
    Py_CLEAR(st->StateTypeError);
    Py_CLEAR(st->EventTypeError);
    Py_CLEAR(st->TemplateType);
    Py_CLEAR(st->PlaybookType);
    Py_CLEAR(st->MetricsType);
    Py_CLEAR(st->empty_dict);
    for (size_t i = 0; i < sizeof st->keycache / sizeof st->keycache[0]; i++) Py_CLEAR(st->keycache[i]);
    Py_CLEAR(st->s_code);
    Py_CLEAR(st->s_reason);
    Py_CLEAR(st->s_line);
    Py_CLEAR(st->s_col);
    Py_CLEAR(st->s_path);
    Py_CLEAR(st->s_offset);
    Py_CLEAR(st->s_text);
    return 0;
}

static void tyb_free(void *m) { tyb_clear((PyObject *)m); }

static PyMethodDef tyb_module_methods[] = {
    {"_json_roundtrip", tyb_json_roundtrip, METH_O,
     PyDoc_STR("_json_roundtrip($module, text, /)\n--\n\n"
               "Parses JSON with the C core and converts the tree back to Python\n"
               "objects (for tests of the value converter).")},
    {"_canonical_json", tyb_canonical_json, METH_O,
     PyDoc_STR("_canonical_json($module, obj, /)\n--\n\n"
               "The bytes a state signature covers: obj converted like a state and\n"
               "written as compact JSON by the core, every map's keys sorted by\n"
               "their UTF-8 bytes.")},
    {"_payload", (PyCFunction)(void (*)(void))tyb_payload, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_payload($module, action, channel, at, last_customer_at, parse_mode,\n"
               "         human_agent, to, locale, whatsapp_link, /)\n--\n\n"
               "A send action as the channel's message JSON (README.md): {channel,\n"
               "payload, window, ...}. at/last_customer_at: Unix seconds or None\n"
               "(unknown); parse_mode: 'html', 'markdownv2', 'none' or None (html).")},
    {"_audit", (PyCFunction)(void (*)(void))tyb_audit, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_audit($module, inputs, business, date_order, utc_offset, columns, hours, late_after, playbook, /)\n--\n\n"
               "Audits chat exports (docs/audit.md); tinyyes.audit is the public form.")},
    {"_audit_report", tyb_audit_report, METH_O,
     PyDoc_STR("_audit_report($module, result, /)\n--\n\n"
               "The readable report of an audit result.")},
    {"_lint", (PyCFunction)(void (*)(void))tyb_lint, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_lint($module, text, channel, locale, /)\n--\n\n"
               "Lints one outgoing message (docs/playbook.md): a list of findings {code,\n"
               "severity, message, start, end}. None: webchat / English.")},
    {"_inbound", (PyCFunction)(void (*)(void))tyb_inbound, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_inbound($module, channel, body, at, /)\n--\n\n"
               "A webhook body (str or bytes) of a messaging platform as step() events:\n"
               "{events, ignored} (docs/inbound.md). at: Unix seconds or None (unknown).")},
    {"_signature_header", tyb_signature_header, METH_O,
     PyDoc_STR("_signature_header($module, channel, /)\n--\n\n"
               "The header that carries the channel's webhook signature, in lower case.")},
    {"_signature_check", (PyCFunction)(void (*)(void))tyb_signature_check, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_signature_check($module, channel, header, body, url, /)\n--\n\n"
               "(algorithm, signed bytes, claimed digest) of a webhook signature header:\n"
               "0 invalid, 1 token, 2 HMAC-SHA256, 3 HMAC-SHA1 (docs/inbound.md).")},
    {"_handover_signed", tyb_handover_signed, METH_O,
     PyDoc_STR("_handover_signed($module, conversation, /)\n--\n\nThe bytes a handover tag signs.")},
    {"_handover_find", tyb_handover_find, METH_O,
     PyDoc_STR("_handover_find($module, text, /)\n--\n\n(conversation, tag) of a handover reference in text, or None.")},
    {"_handshake", (PyCFunction)(void (*)(void))tyb_handshake, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_handshake($module, mode, token, challenge, verify_token, /)\n--\n\n"
               "The challenge of Meta's verification request, or None.")},
    {"_utc_offset", tyb_utc_offset, METH_O,
     PyDoc_STR("_utc_offset($module, text, /)\n--\n\n"
               "Seconds east of UTC for 'Z', '+HH:MM' or '+HHMM', or None for another shape.")},
    {"_default_playbook", tyb_default_playbook, METH_NOARGS,
     PyDoc_STR("_default_playbook($module, /)\n--\n\n"
               "The JSON text of the playbook tinyyes ships with.")},
    {"_lint_report", (PyCFunction)(void (*)(void))tyb_lint_report, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_lint_report($module, findings, label, text, channel, source, json, /)\n--\n\n"
               "(exit status, output) of `python -m tinyyes lint` for the findings.")},
    {"_duration", tyb_duration, METH_O,
     PyDoc_STR("_duration($module, text, /)\n--\n\nSeconds in '90s', '15m', '4h', '2d', '1h30m' or a bare number.")},
    {"_chat_new", (PyCFunction)(void (*)(void))tyb_chat_new, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_chat_new($module, playbook, start, conversation, channel, data, utc_offset, verbose, echo,\n"
               "          is_default, record, /)\n--\n\n(session, header) of `python -m tinyyes chat`.")},
    {"_chat_feed", (PyCFunction)(void (*)(void))tyb_chat_feed, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_chat_feed($module, chat, line, /)\n--\n\n(go on, output) for one line of input.")},
    {"_chat_get", (PyCFunction)(void (*)(void))tyb_chat_get, METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("_chat_get($module, chat, log, /)\n--\n\nThe chat's state, or with log the last feed's steps.")},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot tyb_slots[] = {
    {Py_mod_exec, tyb_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED}, /* tests/freethreaded/stress.py */
#endif
    {0, NULL},
};

static struct PyModuleDef tyb_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "tinyyes._tinyyes",
    .m_doc = "The tinyyes C core, bound with the raw CPython C API. Use the tinyyes package.",
    .m_size = sizeof(tyb_state),
    .m_methods = tyb_module_methods,
    .m_slots = tyb_slots,
    .m_traverse = tyb_traverse,
    .m_clear = tyb_clear,
    .m_free = tyb_free,
};

PyMODINIT_FUNC PyInit__tinyyes(void);
PyMODINIT_FUNC PyInit__tinyyes(void) { return PyModuleDef_Init(&tyb_module); }
