/*
 * tinyyes_node.c — the Node-API binding of the tinyyes C core, in C.
 *
 * One file, raw Node-API (version 8 plus basic finalizers), and only plumbing: argument
 * conversion, error mapping, object lifetimes. Policy and convenience live in
 * node/index.js beside it.
 *
 * Layout of this file:
 *   1. checked calls      NB_CALL turns any failed napi_* status into a thrown
 *                         JS Error and returns; nothing here asserts or aborts.
 *   2. instance data      everything per-environment (constructor refs, reusable
 *                         buffers, the table of live templates) hangs off
 *                         napi_set_instance_data, so the addon loads
 *                         independently in every worker thread. There is no
 *                         static napi_value or napi_ref anywhere.
 *   3. errors             throw_ty_error maps a ty_error onto an Error object.
 *   4. host data          a ty_data_ops over napi_values, so the core reads a JS
 *                         object tree lazily and touches only the names a
 *                         template uses, plus the records of node/index.js's
 *                         pre-extraction (the fast path).
 *   5. results            one road from any ty_value tree to plain JS values:
 *                         nb_doc_result writes the output tape that
 *                         node/index.js decodes (section 8, "the output
 *                         tape"); _jsonRoundtrip tests it.
 *   6. Template           the class wrapping ty_template.
 *   7. js_to_doc          JS values to ty_value trees with JSON's rules (events,
 *                         states, match data, canonical JSON for signatures),
 *                         and value tapes, the fast path node/index.js
 *                         encodes plain values into.
 *   8. Playbook           the class wrapping ty_playbook (match, recognize,
 *                         stats, step with the signing hooks), the default
 *                         playbook, canonical JSON.
 *   8b. channels, lint    payload, lint, Playbook#lint and the Metrics class
 *       and metrics       (node/channels.js is their JS side).
 *   9. module init.
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
/* Experimental Node-API, for one thing: basic finalizers (node_api_basic_finalize).
 * Node runs them inside garbage collection instead of on a later turn of the
 * event loop, so a synchronous loop that creates and drops native objects
 * frees their memory as it goes. They call only the basic (GC-safe) APIs.
 * Node 18 and older ignore the experimental version and run the same
 * finalizers on the event loop, as before. */
#define NAPI_EXPERIMENTAL
#include <node_api.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "tinyyes.h"

/* ===================================================================== *
 * 1. Checked calls
 * ===================================================================== */

/* Builds "a" + "b" + ... into dst (bounded, NUL-terminated). Used for error
 * messages so no printf-family call runs on user data. */
static void nb_concat(char *dst, size_t cap, const char *const *parts, size_t nparts) {
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
static void nb_throw_status(napi_env env, const char *call) {
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

/* Runs a napi_* call; on failure throws (see nb_throw_status) and returns
 * `ret` from the enclosing function. */
#define NB_CALL_RET(env, call, ret)                                                                \
    do {                                                                                           \
        if ((call) != napi_ok) {                                                                   \
            nb_throw_status((env), #call);                                                         \
            return ret;                                                                            \
        }                                                                                          \
    } while (0)

/* For functions returning napi_value: NULL tells Node "exception pending". */
#define NB_CALL(env, call) NB_CALL_RET(env, call, NULL)

/* For the ty_data_ops callbacks: a failure becomes TY_E_HOST with a JS
 * exception pending, which the core passes back up unchanged. */
#define NB_CALL_HOST(env, call) NB_CALL_RET(env, call, TY_E_HOST)

static void nb_throw_arg(napi_env env, bool range, const char *code, const char *msg);
static int64_t nb_lone_surrogate(napi_env env, napi_value v, const char *s, size_t len);
static bool nb_is_string(napi_env env, napi_value v);
static char *nb_utoa(uint64_t x, char *dst);
static void nb_throw_lone_surrogate(napi_env env, int domain, const char *what, int64_t at);

/* True when UTF-8 (s, len) holds U+FFFD (EF BF BD), which is how V8 writes a
 * lone surrogate; memchr keeps the common case (none) cheap. */
static bool nb_has_fffd(const char *s, size_t len) {
    const char *end = s + len, *p = s;
    while (len >= 3 && (p = memchr(p, 0xEF, (size_t)(end - p))) != NULL) {
        if (end - p >= 3 && (unsigned char)p[1] == 0xBF && (unsigned char)p[2] == 0xBD) return true;
        p++;
    }
    return false;
}

/* Throws an ArgumentTypeError (a TypeError) with code `code` (NULL: 'TY_ERROR'). */
static void nb_type_error(napi_env env, const char *code, const char *msg) { nb_throw_arg(env, false, code, msg); }


/* ===================================================================== *
 * 2. Instance data (one per Node environment: main thread, each worker)
 * ===================================================================== */

/* The map shapes (key sequences) results were sent with, by id (the output
 * tape, section 8): an open-addressing index over a list, keys stored as
 * (uint32 length, bytes) one after another. Grows only; bounded. */
typedef struct nb_shapes {
    uint32_t *slots; /* id + 1, 0 empty; nslots a power of two */
    size_t nslots;
    struct {
        uint64_t hash;
        uint32_t at, nkeys; /* the keys at keys + at */
    } *list;
    uint32_t n, cap;
    char *keys;
    size_t keys_len, keys_cap;
} nb_shapes;

/* Per-environment state. Freed when both the environment and every Template
 * registered in it are gone (`refs`): Node does not promise an order for
 * finalizers at teardown. */
typedef struct nb_inst {
    size_t refs;            /* the environment + each live template and playbook */
    napi_ref template_ctor; /* the Template constructor */
    /* Reusable memory for renders. `busy` is set while a render uses it: a
     * getter in the data can call render() again, and that nested render
     * then allocates its own buffers instead. */
    int busy;
    ty_buf out;    /* rendered output */
    char *scratch; /* UTF-8 of the string being read */
    size_t scratch_cap;
    char *joined; /* UTF-8 of the pre-extracted strings */
    size_t joined_cap;
    struct nb_pre *pre; /* decoded pre-extraction records */
    size_t pre_cap;
    /* Live templates by id. The fast path (node/index.js) names a template by
     * its id, which costs no private-property lookups (napi_unwrap and the
     * type-tag check are the priciest part of a short render). Ids of
     * finalized templates are reused. */
    struct nb_template **table;
    uint32_t table_len, table_cap;
    uint32_t *free_ids;
    uint32_t nfree;
    double live_templates; /* wrapped and not yet finalized (for leak tests) */
    napi_ref playbook_ctor;  /* the Playbook constructor */
    napi_ref object_proto;   /* this environment's Object.prototype (js_to_doc) */
    double live_playbooks;   /* wrapped and not yet finalized (for leak tests) */
    /* results (nb_doc_result): the decoder node/index.js registered, the
     * ArrayBuffer the tokens go in, the shapes sent and how many it knows */
    napi_ref decoder, tokens;
    nb_shapes shapes;
    uint32_t shapes_sent;
    /* the error classes of node/errors.js, by NB_ERR_* (set by
     * _setErrorClasses at load; until then plain Errors are thrown) */
    napi_ref err_ctor[7];
} nb_inst;

/* Indices of inst->err_ctor: the core's domains in ty_domain order, then
 * the two argument errors. */
enum { NB_ERR_BASE, NB_ERR_TEMPLATE, NB_ERR_PLAYBOOK, NB_ERR_STATE, NB_ERR_EVENT, NB_ERR_TYPE, NB_ERR_RANGE };

#define NB_SCRATCH_INITIAL 1024
/* Buffers grown past this by one big render are released afterwards. */
#define NB_KEEP_BYTES (256u << 10)

/* Drops one reference to inst; the last one frees it. */
static void nb_inst_release(nb_inst *inst) {
    if (--inst->refs) return;
    free(inst->table);
    free(inst->free_ids);
    free(inst->shapes.slots);
    free(inst->shapes.list);
    free(inst->shapes.keys);
    free(inst);
}

/* The environment is shutting down: frees what only renders use, and
 * releases the environment's reference to inst. */
static void nb_inst_finalize(napi_env env, void *data, void *hint) {
    (void)hint;
    nb_inst *inst = data;
    if (!inst) return;
    if (inst->template_ctor) napi_delete_reference(env, inst->template_ctor);
    if (inst->playbook_ctor) napi_delete_reference(env, inst->playbook_ctor);
    if (inst->object_proto) napi_delete_reference(env, inst->object_proto);
    if (inst->decoder) napi_delete_reference(env, inst->decoder);
    if (inst->tokens) napi_delete_reference(env, inst->tokens);
    inst->template_ctor = inst->playbook_ctor = inst->object_proto = inst->decoder = inst->tokens = NULL;
    for (size_t i = 0; i < sizeof inst->err_ctor / sizeof inst->err_ctor[0]; i++) {
        if (inst->err_ctor[i]) napi_delete_reference(env, inst->err_ctor[i]);
        inst->err_ctor[i] = NULL;
    }
    ty_buf_free(&inst->out);
    free(inst->scratch);
    free(inst->joined);
    free(inst->pre);
    inst->scratch = inst->joined = NULL;
    inst->pre = NULL;
    nb_inst_release(inst);
}

/* Registers tp under a fresh id (tp->id); false when out of memory. */
static bool nb_inst_add(nb_inst *inst, struct nb_template *tp, uint32_t *id) {
    if (inst->nfree) {
        *id = inst->free_ids[--inst->nfree];
    } else {
        if (inst->table_len == inst->table_cap) {
            uint32_t cap = inst->table_cap ? inst->table_cap * 2 : 64;
            if (cap <= inst->table_cap) return false;
            struct nb_template **t = realloc(inst->table, cap * sizeof *t);
            if (!t) return false;
            inst->table = t;
            uint32_t *f = realloc(inst->free_ids, cap * sizeof *f);
            if (!f) return false; /* the larger table is kept; harmless */
            inst->free_ids = f;
            inst->table_cap = cap;
        }
        *id = inst->table_len++;
    }
    inst->table[*id] = tp;
    inst->live_templates++;
    inst->refs++;
    return true;
}

/* Unregisters template id (its finalizer runs) and releases its reference. */
static void nb_inst_remove(nb_inst *inst, uint32_t id) {
    inst->table[id] = NULL;
    inst->free_ids[inst->nfree++] = id; /* room: nfree < table_len <= cap */
    inst->live_templates--;
    nb_inst_release(inst);
}

/* ===================================================================== *
 * 3. Errors
 * ===================================================================== */

/* Sets obj[name] = value; false (exception pending) on failure. */
static bool nb_set(napi_env env, napi_value obj, const char *name, napi_value value) {
    NB_CALL_RET(env, napi_set_named_property(env, obj, name, value), false);
    return true;
}

/* Sets obj[name] to a new string (NUL-terminated s); false on failure. */
static bool nb_set_string(napi_env env, napi_value obj, const char *name, const char *s) {
    napi_value v;
    NB_CALL_RET(env, napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v), false);
    return nb_set(env, obj, name, v);
}

/* Sets obj[name] to a new number; false (exception pending) on failure. */
static bool nb_set_number(napi_env env, napi_value obj, const char *name, double x) {
    napi_value v;
    NB_CALL_RET(env, napi_create_double(env, x, &v), false);
    return nb_set(env, obj, name, v);
}

/* A new error of class `which` (NB_ERR_*) with message msg, through the
 * class node/errors.js made (it sets code, reason and offset), or a plain
 * Error/TypeError/RangeError before the classes are known. */
static bool nb_new_error(napi_env env, int which, napi_value msg, napi_value *out) {
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

/* Throws the JS form of a core error:
 *   Error(message) with code ('TY_TEMPLATE', 'TY_PLAYBOOK', 'TY_STATE',
 *   'TY_EVENT', 'TY_ERROR'), reason (ty_code_reason: 'missing', 'syntax', ...),
 *   offset, and line/col/path when they apply.
 * TY_E_NOMEM is a RangeError with code 'TY_NOMEM'. TY_E_HOST means a JS
 * exception is already pending (a getter threw): it is left as it is. */
static void throw_ty_error_as(napi_env env, const ty_error *err, int which);

static void throw_ty_error(napi_env env, const ty_error *err) { throw_ty_error_as(env, err, -1); }

/* throw_ty_error with the class NB_ERR_* `which` (-1: the domain's). */
static void throw_ty_error_as(napi_env env, const ty_error *err, int which) {
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

/* ===================================================================== *
 * 4. Host data: ty_data_ops over napi_values
 * ===================================================================== */

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
 *    records of four doubles [tag, a, b, c] in one Float64Array:
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
#define NB_KEYS_MAX 64
#define NB_KEYS_HASH 128 /* open-addressing slots, at most half full */
#define NB_SEEN 32       /* pointer cache slots */
#define NB_HOLDER_SOURCE 0 /* holder index of the source string */
#define NB_HOLDER_KEYS 1   /* holder index of key 0 */
#define NB_PRE_RECORDS_MAX (1u << 20)

/* Record tags; node/index.js uses the same numbers. */
enum {
    NB_PRE_ABSENT = 0,
    NB_PRE_STRING = 1,
    NB_PRE_NUMBER = 2,
    NB_PRE_TRUE = 3,
    NB_PRE_FALSE = 4,
    NB_PRE_NULL = 5,
    NB_PRE_HOST = 6,
    NB_PRE_MAP = 7,
    NB_PRE_LIST = 8
};

typedef struct nb_key {
    char *bytes; /* own copy: the core may pass names from a transient buffer */
    size_t len;
} nb_key;

typedef struct nb_template {
    ty_template *t;
    struct nb_inst *inst; /* set once registered under `id` */
    uint32_t id;
    napi_ref holder; /* [source exactly as given, key strings...] */
    int64_t external; /* bytes reported to V8 as external memory */
    size_t npre;     /* keys[0..npre) are the template's top-level names */
    size_t nkeys;
    nb_key keys[NB_KEYS_MAX];
    uint8_t hash[NB_KEYS_HASH]; /* key index + 1; 0: empty */
    /* The core passes names from its immutable pool, so the same pointer
     * comes back render after render: remember pointer -> key index. A hit
     * is still checked byte for byte (dynamic names come from data). */
    struct {
        const char *ptr;
        int idx;
    } seen[NB_SEEN];
} nb_template;

/* A decoded record. Refs handed to the core are either napi_values or
 * pointers to records (never to ABSENT or HOST ones). */
typedef struct nb_pre {
    int tag;
    bool has_parent;
    uint32_t block, count; /* MAP/LIST: children are pre[block .. block+count) */
    uint32_t obj;          /* MAP/LIST: index in objs */
    const char *s;         /* STRING: UTF-8 in the joined buffer */
    size_t len;
    double num;      /* NUMBER; STRING: its UTF-16 length while decoding */
    napi_value host; /* MAP/LIST: the JS object, fetched on first need */
} nb_pre;

/* Per-render state: the callbacks' ctx. */
typedef struct nb_render {
    napi_env env;
    nb_template *tpl;
    napi_value holder; /* tpl->holder's array, fetched on first use */
    size_t nkv;        /* keyvals[0..nkv) are initialised */
    /* the JS value of tpl->keys[i] for this render, fetched on first use */
    napi_value keyvals[NB_KEYS_MAX];
    /* typeof of the value get() returned last, so kind() need not ask again.
     * Handles are never reused within the render's scope, so a matching
     * address is the same value. */
    napi_value last;
    napi_valuetype last_type;
    char *scratch; /* string() results: valid until the next callback */
    size_t scratch_cap;
    /* pre-extraction (npre == 0: none for this render) */
    napi_value objs;
    nb_pre *pre;
    size_t npre;
    /* names (bits of keys[0..npre)) looked up in the root record and in
     * nested MAP records, reported back to the walk (see nb_pre_learn) */
    uint64_t seen_root, seen_nested;
    struct nb_inst *inst;
    napi_value object_proto; /* this environment's Object.prototype (nb_is_plain) */
    /* why the render failed, for its error: the kind of value refused as
     * data (kind() returned TY_E_ARG), the index of the lone surrogate in
     * a string refused as text (string() returned TY_E_UTF8), else -1 */
    char refused[64];
    int64_t lone;
} nb_render;

/* FNV-1a of a name, for the key hash. */
static uint32_t nb_hash(const char *s, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Index of key in tp->keys, or -1. */
static int nb_key_find(nb_template *tp, const char *key, size_t len) {
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
static bool nb_key_add(nb_template *tp, const char *key, size_t len) {
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

/* Throws a RangeError with code 'TY_NOMEM'. */
static void nb_throw_nomem(napi_env env) { napi_throw_range_error(env, "TY_NOMEM", "out of memory"); }

/* Copies the UTF-8 of JS string v into *buf (growing it), NUL-terminated.
 * One napi call when it fits: V8's WriteUtf8 stops at most 3 bytes short of
 * the room it has, so a copy that ends earlier than that is complete. */
static int nb_utf8_into(napi_env env, napi_value v, char **buf, size_t *cap, size_t *len) {
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
static bool nb_is_plain(napi_env env, nb_inst *inst, napi_value obj, napi_value *object_proto, bool *plain) {
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
static bool nb_class_name(napi_env env, napi_value v, char *dst, size_t cap) {
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
static const ty_data_ops nb_data_ops = {
    nb_op_kind, nb_op_get, nb_op_count, nb_op_item, nb_op_string, nb_op_number, NULL, NULL,
};

/* ===================================================================== *
 * 5. ty_value trees to JS values
 * ===================================================================== */

/* Deeper trees than this are refused rather than risking the C stack; core
 * documents are far shallower (JSON parsing stops at 64 by default). */
#define NB_DOC_MAX_DEPTH 1000
/* Containers this large convert each child in its own handle scope, so huge
 * documents do not pile up handles. */
#define NB_DOC_SCOPE_MIN 64

static napi_value nb_doc_result(napi_env env, ty_doc *doc, const ty_error *err);

/* Reads JS string v into a fresh malloc'd UTF-8 buffer (caller frees).
 * NULL with an exception pending on failure. */
static char *nb_string_dup(napi_env env, napi_value v, size_t *len) {
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

/* True when v is a JS string (no exception is thrown either way). */
static bool nb_is_string(napi_env env, napi_value v) {
    napi_valuetype t;
    return napi_typeof(env, v, &t) == napi_ok && t == napi_string;
}

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

/* ===================================================================== *
 * 6. Template
 * ===================================================================== */

/* Identifies objects wrapped by this addon as Templates, so a foreign
 * wrapped object passed as `this` is refused instead of misread. */
static const napi_type_tag nb_template_tag = {0x74696e7979657331ULL, 0x54656d706c617465ULL};

/* Reports to V8 that the object whose reported external memory is *held
 * now holds `bytes` (the difference), so its collector weighs the native
 * memory too; the basic finalizers then free it during the collection. */
static void nb_external_set(node_api_basic_env env, int64_t *held, size_t bytes) {
    int64_t b = bytes < ((size_t)1 << 53) ? (int64_t)bytes : (int64_t)1 << 53, ignored;
    if (b != *held && napi_adjust_external_memory(env, b - *held, &ignored) == napi_ok) *held = b;
}

/* napi_delete_reference from a basic finalizer. It touches no JS state (it
 * only drops a persistent handle), and from Node 22 on its header says so
 * (node_api_basic_env); Node 20's still declares it with napi_env. */
static void nb_ref_delete_in_gc(node_api_basic_env env, napi_ref ref) {
    napi_delete_reference((napi_env)env, ref);
}

/* Frees a Template's native state when its JS object is collected (a basic
 * finalizer: runs during garbage collection). */
static void nb_template_finalize(node_api_basic_env env, void *data, void *hint) {
    (void)hint;
    nb_template *tp = data;
    if (!tp) return;
    if (tp->inst) nb_inst_remove(tp->inst, tp->id);
    nb_external_set(env, &tp->external, 0);
    ty_template_free(tp->t);
    tp->t = NULL;
    for (size_t i = 0; i < tp->nkeys; i++) free(tp->keys[i].bytes);
    if (tp->holder) nb_ref_delete_in_gc(env, tp->holder);
    free(tp);
}

/* The nb_template behind `self`, or NULL with a TypeError thrown. */
static nb_template *nb_template_unwrap(napi_env env, napi_value self) {
    bool ok = false;
    void *p = NULL;
    if (self && napi_check_object_type_tag(env, self, &nb_template_tag, &ok) == napi_ok && ok &&
        napi_unwrap(env, self, &p) == napi_ok && p)
        return p;
    nb_type_error(env, NULL, "this method needs a Template (called on another object)");
    return NULL;
}

static const char *const nb_option_names[] = {"partials", "escape", "strict", "guard"};
#define NB_NOPTIONS (sizeof nb_option_names / sizeof nb_option_names[0])

/* Own enumerable string keys of obj (as a JS array). */
static bool nb_own_keys(napi_env env, napi_value obj, napi_value *keys, uint32_t *n) {
    NB_CALL_RET(env,
                napi_get_all_property_names(env, obj, napi_key_own_only,
                                            napi_key_enumerable | napi_key_skip_symbols,
                                            napi_key_numbers_to_strings, keys),
                false);
    NB_CALL_RET(env, napi_get_array_length(env, *keys, n), false);
    return true;
}

/* Fails with a TypeError on any option key not in nb_option_names. */
static bool nb_check_option_keys(napi_env env, napi_value options) {
    napi_value keys;
    uint32_t n;
    if (!nb_own_keys(env, options, &keys, &n)) return false;
    for (uint32_t i = 0; i < n; i++) {
        napi_value k;
        char name[64];
        size_t len = 0;
        NB_CALL_RET(env, napi_get_element(env, keys, i, &k), false);
        NB_CALL_RET(env, napi_get_value_string_utf8(env, k, name, sizeof name, &len), false);
        bool known = false;
        for (size_t j = 0; j < NB_NOPTIONS && !known; j++)
            known = strlen(nb_option_names[j]) == len && memcmp(nb_option_names[j], name, len) == 0;
        if (!known) {
            char msg[200];
            const char *parts[] = {"unknown Template option '", name,
                                   "' (allowed: partials, escape, strict, guard)", NULL};
            nb_concat(msg, sizeof msg, parts, 3);
            nb_type_error(env, "TY_TEMPLATE", msg);
            return false;
        }
    }
    return true;
}

/* options[name] when present and not undefined; *present tells. */
static bool nb_option(napi_env env, napi_value options, const char *name, napi_value *out,
                      napi_valuetype *type) {
    *type = napi_undefined;
    if (!options) return true;
    NB_CALL_RET(env, napi_get_named_property(env, options, name, out), false);
    NB_CALL_RET(env, napi_typeof(env, *out, type), false);
    return true;
}

/* Reads a boolean option (undefined: `dflt`). */
static bool nb_option_bool(napi_env env, napi_value options, const char *name, bool dflt, bool *out) {
    napi_value v;
    napi_valuetype t;
    if (!nb_option(env, options, name, &v, &t)) return false;
    if (t == napi_undefined) {
        *out = dflt;
        return true;
    }
    if (t != napi_boolean) {
        char msg[96];
        const char *parts[] = {"options.", name, " must be a boolean", NULL};
        nb_concat(msg, sizeof msg, parts, 3);
        nb_type_error(env, "TY_TEMPLATE", msg);
        return false;
    }
    NB_CALL_RET(env, napi_get_value_bool(env, v, out), false);
    return true;
}

/* Reads options.escape into a ty_escape (undefined: none). */
static bool nb_option_escape(napi_env env, napi_value options, int *out) {
    napi_value v;
    napi_valuetype t;
    *out = TY_ESCAPE_NONE;
    if (!nb_option(env, options, "escape", &v, &t)) return false;
    if (t == napi_undefined) return true;
    char name[48];
    size_t len = 0;
    int mode = TY_E_ARG;
    if (t == napi_string) {
        NB_CALL_RET(env, napi_get_value_string_utf8(env, v, name, sizeof name, &len), false);
        mode = ty_escape_parse(name, len);
    } else {
        memcpy(name, "(not a string)", sizeof "(not a string)");
    }
    if (mode < 0) {
        char msg[200];
        const char *parts[] = {"options.escape must be one of 'none', 'html', 'telegram_html', "
                               "'telegram_md' (got '",
                               name, "')", NULL};
        nb_concat(msg, sizeof msg, parts, 3);
        nb_type_error(env, "TY_TEMPLATE", msg);
        return false;
    }
    *out = mode;
    return true;
}

/* Partials read from options.partials; every string malloc'd. */
typedef struct nb_partials {
    ty_partial *items;
    size_t n;
} nb_partials;

/* Frees every name and source and the array; leaves ps empty. */
static void nb_partials_free(nb_partials *ps) {
    for (size_t i = 0; i < ps->n; i++) {
        free((char *)ps->items[i].name);
        free((char *)ps->items[i].source);
    }
    free(ps->items);
    ps->items = NULL;
    ps->n = 0;
}

/* False, with the template's utf8 error thrown ("<what>: lone surrogate at
 * index N is not valid Unicode text"), when JS string v (its UTF-8 is s,
 * len) has a lone surrogate; also false with an exception pending if the
 * check itself failed. */
static bool nb_template_text_ok(napi_env env, napi_value v, const char *s, size_t len, const char *what) {
    int64_t at = nb_lone_surrogate(env, v, s, len);
    if (at >= 0) nb_throw_lone_surrogate(env, TY_DOMAIN_TEMPLATE, what, at);
    return at == -1;
}

/* Writes `partial "<name>"` into dst (cap >= 80): how an error in a
 * partial's source names it, the name cut to 64 bytes at a character
 * boundary (as the Python binding does). */
static void nb_partial_what(char *dst, size_t cap, const char *name, size_t len) {
    size_t n = len < 64 ? len : 64;
    while (n > 0 && n < len && ((unsigned char)name[n] & 0xC0) == 0x80) n--;
    char cut[72];
    memcpy(cut, name, n);
    cut[n] = '\0';
    const char *parts[] = {"partial \"", cut, "\"", NULL};
    nb_concat(dst, cap, parts, 3);
}

/* Reads options.partials ({name: source}) into ps. */
static bool nb_option_partials(napi_env env, napi_value options, nb_partials *ps) {
    napi_value obj, keys;
    napi_valuetype t;
    uint32_t n;
    if (!nb_option(env, options, "partials", &obj, &t)) return false;
    if (t == napi_undefined || t == napi_null) return true;
    bool is_array = false;
    if (t == napi_object) NB_CALL_RET(env, napi_is_array(env, obj, &is_array), false);
    if (t != napi_object || is_array) {
        nb_type_error(env, "TY_TEMPLATE", "options.partials must be an object mapping names to template strings");
        return false;
    }
    if (!nb_own_keys(env, obj, &keys, &n)) return false;
    if (n == 0) return true;
    ps->items = calloc(n, sizeof *ps->items);
    if (!ps->items) {
        napi_throw_range_error(env, "TY_NOMEM", "out of memory");
        return false;
    }
    for (uint32_t i = 0; i < n; i++) {
        napi_value k, src;
        NB_CALL_RET(env, napi_get_element(env, keys, i, &k), false);
        NB_CALL_RET(env, napi_get_property(env, obj, k, &src), false);
        ty_partial *p = &ps->items[ps->n];
        char *name = nb_string_dup(env, k, &p->name_len);
        if (!name) return false;
        p->name = name;
        ps->n++;
        if (!nb_template_text_ok(env, k, name, p->name_len, "partial name")) return false;
        if (!nb_is_string(env, src)) {
            char msg[200];
            const char *parts[] = {"options.partials['", name, "'] must be a string", NULL};
            nb_concat(msg, sizeof msg, parts, 3);
            nb_type_error(env, "TY_TEMPLATE", msg);
            return false;
        }
        char *s = nb_string_dup(env, src, &p->source_len);
        if (!s) return false;
        p->source = s;
        char what[96];
        nb_partial_what(what, sizeof what, name, p->name_len);
        if (!nb_template_text_ok(env, src, s, p->source_len, what)) return false;
    }
    return true;
}

/* new Template(source, {partials, escape, strict, guard}) */
static napi_value nb_template_new(napi_env env, napi_callback_info info) {
    size_t argc = 2;
    napi_value argv[2], self, target;
    void *cbdata;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, &cbdata));
    nb_inst *inst = cbdata;
    NB_CALL(env, napi_get_new_target(env, info, &target));
    if (!target) {
        nb_type_error(env, NULL, "Class constructor Template cannot be invoked without 'new'");
        return NULL;
    }
    if (argc < 1 || !nb_is_string(env, argv[0])) {
        nb_type_error(env, "TY_TEMPLATE", "Template source must be a string");
        return NULL;
    }
    napi_value options = NULL;
    if (argc >= 2) {
        napi_valuetype t;
        NB_CALL(env, napi_typeof(env, argv[1], &t));
        bool is_array = false;
        if (t == napi_object) NB_CALL(env, napi_is_array(env, argv[1], &is_array));
        if (t == napi_object && !is_array) options = argv[1];
        else if (t != napi_undefined && t != napi_null) {
            nb_type_error(env, "TY_TEMPLATE", "Template options must be an object");
            return NULL;
        }
    }

    ty_template_opts opts;
    memset(&opts, 0, sizeof opts);
    bool strict = true, guard = true;
    nb_partials ps = {NULL, 0};
    if (options && !nb_check_option_keys(env, options)) return NULL;
    if (!nb_option_escape(env, options, &opts.escape) ||
        !nb_option_bool(env, options, "strict", true, &strict) ||
        !nb_option_bool(env, options, "guard", true, &guard) || !nb_option_partials(env, options, &ps)) {
        nb_partials_free(&ps);
        return NULL;
    }
    opts.lenient = !strict;
    opts.no_guard = !guard;
    opts.partials = ps.items;
    opts.npartials = ps.n;

    size_t len;
    char *source = nb_string_dup(env, argv[0], &len);
    if (!source || !nb_template_text_ok(env, argv[0], source, len, "template source")) {
        free(source);
        nb_partials_free(&ps);
        return NULL;
    }
    ty_error err;
    ty_template *t = ty_template_compile(source, len, &opts, &err);
    free(source);
    nb_partials_free(&ps);
    if (!t) {
        throw_ty_error(env, &err);
        return NULL;
    }

    nb_template *tp = calloc(1, sizeof *tp);
    if (!tp) {
        ty_template_free(t);
        napi_throw_range_error(env, "TY_NOMEM", "out of memory");
        return NULL;
    }
    tp->t = t;
    napi_value holder;
    napi_status st = napi_create_array(env, &holder);
    if (st == napi_ok) st = napi_set_element(env, holder, NB_HOLDER_SOURCE, argv[0]);
    /* the top-level names become keys[0..npre), their strings made now */
    size_t nnames = ty_template_name_count(t);
    bool nomem = false;
    for (size_t i = 0; st == napi_ok && !nomem && i < nnames && i < NB_KEYS_MAX; i++) {
        size_t nlen;
        const char *name = ty_template_name(t, i, &nlen);
        napi_value k;
        /* names are distinct, so each lands at index i, as the walk expects */
        nomem = nb_key_find(tp, name, nlen) >= 0 || !nb_key_add(tp, name, nlen);
        tp->npre = tp->nkeys;
        if (!nomem) st = napi_create_string_utf8(env, name, nlen, &k);
        if (!nomem && st == napi_ok) st = napi_set_element(env, holder, (uint32_t)(NB_HOLDER_KEYS + i), k);
    }
    if (st == napi_ok && !nomem) st = napi_create_reference(env, holder, 1, &tp->holder);
    if (st == napi_ok && !nomem) st = napi_wrap(env, self, tp, nb_template_finalize, NULL, NULL);
    if (st != napi_ok || nomem) {
        if (nomem) nb_throw_nomem(env);
        else nb_throw_status(env, "the Template constructor"); /* before any other napi call */
        nb_template_finalize(env, tp, NULL);
        return NULL;
    }
    /* from here the finalizer owns tp */
    if (!nb_inst_add(inst, tp, &tp->id)) {
        nb_throw_nomem(env);
        return NULL;
    }
    tp->inst = inst;
    size_t held = sizeof *tp + ty_template_bytes(t);
    for (size_t i = 0; i < tp->nkeys; i++) held += tp->keys[i].len;
    nb_external_set(env, &tp->external, held);
    NB_CALL(env, napi_type_tag_object(env, self, &nb_template_tag));
    return self;
}

/* Decodes the records of one render's pre-extraction (section 4) into
 * *pre (grown as needed): `meta` (an ArrayBuffer) holds n records of four
 * doubles, `joined`
 * their strings, `objs` the objects they came from (objs[0]: the data).
 * Everything is copied out before any getter can run, and nothing from JS is
 * trusted: malformed records are a TypeError (false returned), never a wild
 * read. Strings whose lengths do not add up (possible only when two values'
 * lone surrogates meet in the joined string) become HOST records, read
 * through Node-API instead. */
static bool nb_pre_load(napi_env env, nb_render *r, napi_value joined, napi_value meta, napi_value count,
                        nb_pre **pre, size_t *pre_cap, char **buf, size_t *cap) {
    size_t bytes = 0;
    void *raw = NULL;
    uint32_t n = 0;
    /* an ArrayBuffer: napi_get_arraybuffer_info is much cheaper than
     * napi_get_typedarray_info (no buffer materialisation, no type switch) */
    bool ok = napi_get_value_uint32(env, count, &n) == napi_ok && nb_is_string(env, joined) &&
              napi_get_arraybuffer_info(env, meta, &raw, &bytes) == napi_ok && n >= 1 &&
              n <= NB_PRE_RECORDS_MAX && bytes / (4 * sizeof(double)) >= n && ((uintptr_t)raw % sizeof(double)) == 0;
    if (ok && n > *pre_cap) {
        size_t ncap = *pre_cap * 2 > n ? *pre_cap * 2 : n;
        nb_pre *p = realloc(*pre, ncap * sizeof *p);
        if (!p) {
            nb_throw_nomem(env);
            return false;
        }
        *pre = p;
        *pre_cap = ncap;
    }
    const double *m = raw;
    nb_pre *pr = *pre;
    size_t k = r->tpl->npre;
    double units = 0; /* UTF-16 units the strings claim in `joined` */
    for (uint32_t i = 0; ok && i < n; i++) pr[i].has_parent = false;
    for (uint32_t i = 0; ok && i < n; i++) {
        const double *f = m + 4 * (size_t)i;
        nb_pre *p = &pr[i];
        ok = f[0] >= NB_PRE_ABSENT && f[0] <= NB_PRE_LIST && f[0] == (int)f[0];
        if (!ok) break;
        p->tag = (int)f[0];
        p->s = NULL;
        p->len = 0;
        p->num = f[1];
        p->host = NULL;
        p->block = p->count = p->obj = 0;
        if (p->tag == NB_PRE_STRING) {
            ok = f[1] >= 0 && f[1] <= (double)(1u << 30) && f[1] == (uint32_t)f[1];
            units += f[1];
        } else if (p->tag == NB_PRE_MAP || p->tag == NB_PRE_LIST) {
            /* children come after their parent (so no cycles) and in range;
             * a map's block has one record per name, as many as we have */
            double cnt = f[3];
            ok = (p->tag == NB_PRE_LIST || cnt == (double)k) && f[1] >= 0 && f[1] <= UINT32_MAX && f[1] == (uint32_t)f[1] && cnt >= 0 && cnt == (uint32_t)cnt &&
                 f[2] > i && f[2] == (uint32_t)f[2] && f[2] + cnt <= n;
            if (!ok) break;
            p->obj = (uint32_t)f[1];
            p->block = (uint32_t)f[2];
            p->count = (uint32_t)cnt;
            for (uint32_t j = p->block; ok && j < p->block + p->count; j++) {
                ok = !pr[j].has_parent; /* each record in one block */
                pr[j].has_parent = true;
            }
        }
    }
    if (!ok || pr[0].tag != NB_PRE_MAP) {
        nb_type_error(env, NULL, "_renderPre: malformed pre-extraction records");
        return false;
    }
    r->pre = pr;
    r->npre = n;
    if (units == 0) return true;
    size_t blen;
    if (nb_utf8_into(env, joined, buf, cap, &blen)) return false;
    /* Split the UTF-8 where the UTF-16 lengths say: one byte per unit when
     * the lengths match, else one to three bytes per unit and four per
     * surrogate pair (two units). */
    const unsigned char *u = (const unsigned char *)*buf;
    size_t at = 0;
    bool ascii = (double)blen == units;
    for (uint32_t i = 0; ok && i < n; i++) {
        nb_pre *p = &pr[i];
        if (p->tag != NB_PRE_STRING) continue;
        size_t want = (size_t)p->num, got = 0, start = at;
        if (ascii) {
            at += want;
        } else {
            while (got < want && at < blen) {
                unsigned char c = u[at];
                size_t b = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
                got += b == 4 ? 2 : 1;
                at += b;
            }
            ok = got == want && at <= blen;
        }
        p->s = *buf + start;
        p->len = at - start;
        /* maybe a lone surrogate (V8 wrote U+FFFD): read natively, checked */
        if (!ascii && nb_has_fffd(p->s, p->len)) p->tag = NB_PRE_HOST;
    }
    if (ok && at == blen) return true;
    for (uint32_t i = 0; i < n; i++)
        if (pr[i].tag == NB_PRE_STRING) pr[i].tag = NB_PRE_HOST;
    return true;
}

/* Reports the names looked up in pre-read maps (section 4) into the record
 * after the last one, for the walk to learn. The buffer is looked up again:
 * a getter may have detached it meanwhile. */
static void nb_pre_learn(napi_env env, const nb_render *r, napi_value meta) {
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

/* Throws the error of a failed render: the core's, with what the binding
 * refused added, as Python words it: ", not Set" for a value that is not
 * data (an ArgumentTypeError with code 'TY_TEMPLATE', so a TemplateError
 * and a TypeError), ": lone surrogate at index N" for a string that is not
 * text. */
static void nb_throw_render_error(napi_env env, const nb_render *r, ty_error *err) {
    char num[24];
    if (err->code == TY_E_UTF8 && r->lone >= 0) {
        const char *parts[] = {err->message, ": lone surrogate at index ", nb_utoa((uint64_t)r->lone, num), NULL};
        char msg[TY_ERROR_MESSAGE_MAX];
        nb_concat(msg, sizeof msg, parts, 3);
        memcpy(err->message, msg, sizeof msg);
    } else if (err->code == TY_E_ARG && r->refused[0]) {
        const char *parts[] = {err->message, ", not ", r->refused, NULL};
        char msg[TY_ERROR_MESSAGE_MAX];
        nb_concat(msg, sizeof msg, parts, 3);
        memcpy(err->message, msg, sizeof msg);
        throw_ty_error_as(env, err, NB_ERR_TYPE);
        return;
    }
    throw_ty_error(env, err);
}

/* The body of render() and _renderPre(): renders tp with `data` (or with
 * the pre-extraction when `meta` is given) into a new JS string. */
static napi_value nb_render_run(napi_env env, nb_inst *inst, nb_template *tp, napi_value data, napi_value joined,
                                napi_value meta, napi_value count) {
    nb_render r;
    r.env = env;
    r.tpl = tp;
    r.holder = NULL;
    r.nkv = tp->nkeys;
    memset(r.keyvals, 0, r.nkv * sizeof r.keyvals[0]);
    r.last = NULL;
    r.last_type = napi_undefined;
    r.objs = data;
    r.pre = NULL;
    r.npre = 0;
    r.seen_root = r.seen_nested = 0;
    r.inst = inst;
    r.object_proto = NULL;
    r.refused[0] = '\0';
    r.lone = -1;

    /* The instance's buffers, unless a getter re-entered render() while
     * they are in use: then private ones. */
    ty_buf local_out, *out;
    char *joined_buf;
    size_t joined_cap, pre_cap;
    nb_pre *pre;
    bool shared = !inst->busy;
    if (shared) {
        inst->busy = 1;
        out = &inst->out;
        out->len = 0;
        r.scratch = inst->scratch;
        r.scratch_cap = inst->scratch_cap;
        joined_buf = inst->joined;
        joined_cap = inst->joined_cap;
        pre = inst->pre;
        pre_cap = inst->pre_cap;
    } else {
        ty_buf_init(&local_out, NULL);
        out = &local_out;
        r.scratch = malloc(NB_SCRATCH_INITIAL);
        r.scratch_cap = r.scratch ? NB_SCRATCH_INITIAL : 0;
        joined_buf = malloc(NB_SCRATCH_INITIAL);
        joined_cap = joined_buf ? NB_SCRATCH_INITIAL : 0;
        pre = NULL;
        pre_cap = 0;
    }

    napi_value result = NULL;
    ty_error err;
    if (!r.scratch || !joined_buf) {
        nb_throw_nomem(env);
    } else if (!meta || nb_pre_load(env, &r, joined, meta, count, &pre, &pre_cap, &joined_buf, &joined_cap)) {
        ty_data d = {&nb_data_ops, &r, meta ? (ty_ref)&r.pre[0] : (ty_ref)data};
        int rc = ty_template_render(tp->t, &d, out, &err);
        if (meta) nb_pre_learn(env, &r, meta);
        if (rc != TY_OK) nb_throw_render_error(env, &r, &err);
        else if (napi_create_string_utf8(env, out->len ? out->ptr : "", out->len, &result) != napi_ok) {
            nb_throw_status(env, "napi_create_string_utf8");
            result = NULL;
        }
    }

    if (shared) {
        /* the buffers may have grown; one huge render should not pin memory */
        inst->scratch = r.scratch;
        inst->scratch_cap = r.scratch_cap;
        inst->joined = joined_buf;
        inst->joined_cap = joined_cap;
        inst->pre = pre;
        inst->pre_cap = pre_cap;
        if (inst->scratch_cap > NB_KEEP_BYTES) {
            char *p = realloc(inst->scratch, NB_SCRATCH_INITIAL);
            if (p) {
                inst->scratch = p;
                inst->scratch_cap = NB_SCRATCH_INITIAL;
            }
        }
        if (inst->joined_cap > NB_KEEP_BYTES) {
            char *p = realloc(inst->joined, NB_SCRATCH_INITIAL);
            if (p) {
                inst->joined = p;
                inst->joined_cap = NB_SCRATCH_INITIAL;
            }
        }
        if (inst->pre_cap * sizeof(nb_pre) > NB_KEEP_BYTES) {
            free(inst->pre);
            inst->pre = NULL;
            inst->pre_cap = 0;
        }
        if (inst->out.cap > NB_KEEP_BYTES) ty_buf_free(&inst->out);
        inst->busy = 0;
    } else {
        ty_buf_free(&local_out);
        free(r.scratch);
        free(joined_buf);
        free(pre);
    }
    return result;
}

/* template.render(data) -> string */
static napi_value nb_template_render(napi_env env, napi_callback_info info) {
    size_t argc = 1;
    napi_value argv[1], self;
    void *inst;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, &inst));
    nb_template *tp = nb_template_unwrap(env, self);
    if (!tp) return NULL;
    if (argc < 1) NB_CALL(env, napi_get_undefined(env, &argv[0]));
    return nb_render_run(env, inst, tp, argv[0], NULL, NULL, NULL);
}

/* _renderPre(id, objs, joined, metaBuffer, n) -> string: render() of template
 * `id` (its _id) with the data already read by node/index.js (section 4).
 * Internal. An id names a live template of this environment or is refused. */
static napi_value nb_render_pre(napi_env env, napi_callback_info info) {
    size_t argc = 5;
    napi_value argv[5];
    void *cbdata;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, &cbdata));
    nb_inst *inst = cbdata;
    double id = -1; /* exactly an index: uint32 conversion would wrap 2^32 to 0 */
    if (argc < 5 || napi_get_value_double(env, argv[0], &id) != napi_ok || !(id >= 0) ||
        id >= inst->table_len || id != (uint32_t)id || !inst->table[(uint32_t)id]) {
        nb_type_error(env, NULL, "_renderPre(id, objs, joined, meta, n): no such template");
        return NULL;
    }
    return nb_render_run(env, inst, inst->table[(uint32_t)id], argv[1], argv[2], argv[3], argv[4]);
}

/* template._id: the id _renderPre knows it by. Internal. */
static napi_value nb_template_id(napi_env env, napi_callback_info info) {
    napi_value self, out;
    NB_CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
    nb_template *tp = nb_template_unwrap(env, self);
    if (!tp) return NULL;
    NB_CALL(env, napi_create_uint32(env, tp->id, &out));
    return out;
}

/* template.source: the source string as given to the constructor. */
static napi_value nb_template_source(napi_env env, napi_callback_info info) {
    napi_value self, out;
    NB_CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
    nb_template *tp = nb_template_unwrap(env, self);
    if (!tp) return NULL;
    napi_value holder;
    NB_CALL(env, napi_get_reference_value(env, tp->holder, &holder));
    NB_CALL(env, napi_get_element(env, holder, NB_HOLDER_SOURCE, &out));
    return out;
}

/* template.names: the distinct top-level names it reads, first use first
 * (a fresh array each time). */
static napi_value nb_template_names(napi_env env, napi_callback_info info) {
    napi_value self, out;
    NB_CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
    nb_template *tp = nb_template_unwrap(env, self);
    if (!tp) return NULL;
    size_t n = ty_template_name_count(tp->t);
    NB_CALL(env, napi_create_array_with_length(env, n, &out));
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = ty_template_name(tp->t, i, &len);
        napi_value name;
        NB_CALL(env, napi_create_string_utf8(env, s, len, &name));
        NB_CALL(env, napi_set_element(env, out, (uint32_t)i, name));
    }
    return out;
}

/* _liveTemplates() -> number of Templates of this environment not yet
 * finalized. For leak tests. */
static napi_value nb_live_templates(napi_env env, napi_callback_info info) {
    void *inst;
    napi_value out;
    NB_CALL(env, napi_get_cb_info(env, info, NULL, NULL, NULL, &inst));
    NB_CALL(env, napi_create_double(env, ((nb_inst *)inst)->live_templates, &out));
    return out;
}

/* ===================================================================== *
 * 7. JS values to ty_value trees (js_to_doc)
 * ===================================================================== */

/* The conversion the core's inputs go through: events, states, match data
 * and canonical JSON. JSON's own rules, applied directly (no JSON text in
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

/* The Python binding's limit too (the core's JSON default), so a value that
 * converts here converts there and parses from JSON text in C. */
#define NB_CONV_MAX_DEPTH 64
/* Initial UTF-8 scratch of one conversion (grown as needed). */
#define NB_CONV_SCRATCH 256

typedef struct nb_conv {
    napi_env env;
    ty_doc *doc;
    int domain;       /* ty_domain of value errors */
    int value_code;   /* the domain's code for a value JSON cannot carry */
    const char *root; /* path root: "event", "state", "data" */
    bool sort_keys;   /* canonical form: map keys in UTF-8 byte order */
    napi_value object_proto;
    char *buf; /* UTF-8 of the string or key being read */
    size_t cap;
    /* The path to the value being converted: keys[i] (a JS string) or, when
     * NULL, idx[i]; formatted only when an error names it. */
    napi_value keys[NB_CONV_MAX_DEPTH + 2];
    uint32_t idx[NB_CONV_MAX_DEPTH + 2];
} nb_conv;

/* Writes the decimal digits of x into dst (>= 21 bytes); returns dst. */
static char *nb_utoa(uint64_t x, char *dst) {
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

/* Index (in UTF-16 units) of the first lone surrogate in JS string v, or -1
 * when there is none; -2 with an exception pending on failure. V8 writes a
 * lone surrogate as U+FFFD, so only strings whose UTF-8 (s, len) holds that
 * character are looked at again, in UTF-16. */
static int64_t nb_lone_surrogate(napi_env env, napi_value v, const char *s, size_t len) {
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

/* Throws the family error `domain` with `code` (no path) and message
 * "<what>: lone surrogate at index N is not valid Unicode text". */
static void nb_throw_lone_surrogate(napi_env env, int domain, const char *what, int64_t at) {
    ty_error err;
    memset(&err, 0, sizeof err);
    err.code = TY_E_UTF8;
    err.domain = domain;
    char num[24];
    const char *parts[] = {what, ": lone surrogate at index ", nb_utoa((uint64_t)at, num),
                           " is not valid Unicode text", NULL};
    nb_concat(err.message, sizeof err.message, parts, 4);
    throw_ty_error(env, &err);
}

/* Reads a JS string argument into a fresh malloc'd UTF-8 buffer (caller
 * frees): a TypeError "<fn> <what> must be a string" for anything else, and
 * the `domain` family's utf8 error for a lone surrogate. NULL with an
 * exception pending on failure. */
static char *nb_text_arg(napi_env env, napi_value v, const char *fn, const char *what, int domain, size_t *len) {
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

/* Writes the path of the value at `depth` ("event.data.times[1]") into dst
 * (cap bytes, truncated, NUL-terminated). Keys are read with V8's UTF-8
 * (lone surrogates shown as U+FFFD). */
static void nb_conv_path(const nb_conv *c, unsigned depth, char *dst, size_t cap) {
    size_t n = strlen(c->root);
    if (n > cap - 1) n = cap - 1;
    memcpy(dst, c->root, n);
    dst[n] = '\0';
    for (unsigned i = 1; i <= depth && n + 1 < cap; i++) {
        if (c->keys[i]) {
            if (n || i > 1) dst[n++] = '.';
            size_t got = 0;
            if (n + 1 < cap && napi_get_value_string_utf8(c->env, c->keys[i], dst + n, cap - n, &got) == napi_ok)
                n += got;
        } else {
            char num[24];
            const char *parts[] = {"[", nb_utoa(c->idx[i], num), "]"};
            for (size_t j = 0; j < 3; j++) {
                size_t l = strlen(parts[j]);
                if (l > cap - 1 - n) l = cap - 1 - n;
                memcpy(dst + n, parts[j], l);
                n += l;
            }
        }
        dst[n] = '\0';
    }
}

/* Throws TypeError "<path>: <what>, not <kind of v>" with err.path set. */
static ty_value *nb_conv_type_error(const nb_conv *c, unsigned depth, const char *what, napi_value v) {
    napi_env env = c->env;
    char path[TY_ERROR_PATH_MAX];
    nb_conv_path(c, depth, path, sizeof path);
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
    NB_CALL(env, napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &m));
    if (!nb_new_error(env, NB_ERR_TYPE, m, &e)) return NULL;
    if (!nb_set_string(env, e, "code", ty_domain_name(c->domain))) return NULL;
    if (!nb_set_string(env, e, "path", path)) return NULL;
    napi_throw(env, e);
    return NULL;
}

/* Throws the domain's tinyyes error: code, path, "<path>: <message>". */
static ty_value *nb_conv_value_error(const nb_conv *c, unsigned depth, int code, const char *message) {
    ty_error err;
    memset(&err, 0, sizeof err);
    err.code = code;
    err.domain = c->domain;
    nb_conv_path(c, depth, err.path, sizeof err.path);
    const char *parts[] = {err.path, ": ", message, NULL};
    nb_concat(err.message, sizeof err.message, parts, 3);
    throw_ty_error(c->env, &err);
    return NULL;
}

/* UTF-8 of JS string v into c->buf (valid until the next read); lone
 * surrogates are the domain's utf8 error naming the path at `depth`. */
static bool nb_conv_utf8(nb_conv *c, napi_value v, unsigned depth, size_t *len) {
    if (nb_utf8_into(c->env, v, &c->buf, &c->cap, len)) return false;
    int64_t at = nb_lone_surrogate(c->env, v, c->buf, *len);
    if (at == -1) return true;
    if (at >= 0) {
        char num[24], msg[96];
        const char *parts[] = {"lone surrogate at index ", nb_utoa((uint64_t)at, num), " is not valid Unicode text",
                               NULL};
        nb_concat(msg, sizeof msg, parts, 3);
        nb_conv_value_error(c, depth, TY_E_UTF8, msg);
    }
    return false;
}

static ty_value *nb_conv_value(nb_conv *c, napi_value v, napi_valuetype t, unsigned depth);

/* A map entry of the canonical form, before sorting. */
typedef struct nb_entry {
    const char *k; /* in the doc (a string value made for it) */
    size_t n;
    ty_value *v;
} nb_entry;

static int nb_entry_cmp(const void *a, const void *b) {
    const nb_entry *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int r = n ? memcmp(x->k, y->k, n) : 0;
    if (r) return r;
    return x->n < y->n ? -1 : x->n > y->n;
}

/* Converts a JS array into a list. */
static ty_value *nb_conv_array(nb_conv *c, napi_value arr, unsigned depth) {
    napi_env env = c->env;
    uint32_t n;
    NB_CALL(env, napi_get_array_length(env, arr, &n));
    ty_value *list = ty_val_list(c->doc);
    if (!list) return (nb_throw_nomem(env), NULL);
    bool scoped = n >= NB_DOC_SCOPE_MIN;
    for (uint32_t i = 0; i < n; i++) {
        napi_handle_scope scope = NULL;
        if (scoped) NB_CALL(env, napi_open_handle_scope(env, &scope));
        napi_value item;
        napi_valuetype t;
        ty_value *v = NULL;
        c->keys[depth + 1] = NULL;
        c->idx[depth + 1] = i;
        if (napi_get_element(env, arr, i, &item) != napi_ok || napi_typeof(env, item, &t) != napi_ok)
            nb_throw_status(env, "napi_get_element");
        else if (t == napi_undefined) { /* JSON.stringify's rule for arrays */
            v = ty_val_null(c->doc);
            if (!v) nb_throw_nomem(env);
        } else
            v = nb_conv_value(c, item, t, depth + 1);
        if (v && ty_list_push(c->doc, list, v) < 0) {
            nb_throw_nomem(env);
            v = NULL;
        }
        if (scoped) NB_CALL(env, napi_close_handle_scope(env, scope));
        if (!v) return NULL;
    }
    return list;
}

/* Converts a plain object into a map (keys sorted when canonical). */
static ty_value *nb_conv_object(nb_conv *c, napi_value obj, unsigned depth) {
    napi_env env = c->env;
    napi_value keys;
    uint32_t n;
    if (!nb_own_keys(env, obj, &keys, &n)) return NULL;
    ty_value *map = ty_val_map(c->doc);
    nb_entry *ents = c->sort_keys && n > 1 ? malloc(n * sizeof *ents) : NULL;
    if (!map || (c->sort_keys && n > 1 && !ents)) {
        free(ents);
        nb_throw_nomem(env);
        return NULL;
    }
    size_t nents = 0;
    bool scoped = n >= NB_DOC_SCOPE_MIN;
    bool ok = true;
    for (uint32_t i = 0; i < n && ok; i++) {
        napi_handle_scope scope = NULL;
        if (scoped && napi_open_handle_scope(env, &scope) != napi_ok) {
            nb_throw_status(env, "napi_open_handle_scope");
            ok = false;
            break;
        }
        napi_value k, val;
        napi_valuetype t;
        ok = napi_get_element(env, keys, i, &k) == napi_ok && napi_get_property(env, obj, k, &val) == napi_ok &&
             napi_typeof(env, val, &t) == napi_ok;
        if (!ok) nb_throw_status(env, "napi_get_property");
        if (ok && t != napi_undefined) { /* undefined: skipped, as JSON.stringify does */
            c->keys[depth + 1] = k;
            ty_value *v = nb_conv_value(c, val, t, depth + 1);
            size_t klen = 0;
            ok = v && nb_conv_utf8(c, k, depth + 1, &klen);
            if (ok && ents) {
                ty_value *ks = ty_val_string(c->doc, c->buf, klen);
                if (ks) {
                    ents[nents].k = ty_value_string(ks, &ents[nents].n);
                    ents[nents++].v = v;
                }
                ok = ks != NULL;
                if (!ok) nb_throw_nomem(env);
            } else if (ok && ty_map_put(c->doc, map, c->buf, klen, v) < 0) {
                nb_throw_nomem(env);
                ok = false;
            }
        }
        if (scoped && napi_close_handle_scope(env, scope) != napi_ok && ok) {
            nb_throw_status(env, "napi_close_handle_scope");
            ok = false;
        }
    }
    if (ok && ents) {
        qsort(ents, nents, sizeof *ents, nb_entry_cmp);
        for (size_t i = 0; i < nents && ok; i++) ok = ty_map_put(c->doc, map, ents[i].k, ents[i].n, ents[i].v) >= 0;
        if (!ok) nb_throw_nomem(env);
    }
    free(ents);
    return ok ? map : NULL;
}

/* Converts one JS value (of typeof t) into c->doc; NULL with an exception
 * pending on failure. */
static ty_value *nb_conv_value(nb_conv *c, napi_value v, napi_valuetype t, unsigned depth) {
    napi_env env = c->env;
    ty_value *out = NULL;
    if (depth > NB_CONV_MAX_DEPTH) {
        char num[24], msg[112];
        const char *parts[] = {"nested deeper than ", nb_utoa(NB_CONV_MAX_DEPTH, num),
                               " levels (or a container contains itself)", NULL};
        nb_concat(msg, sizeof msg, parts, 3);
        return nb_conv_value_error(c, depth, TY_E_DEPTH, msg);
    }
    switch (t) {
    case napi_null: out = ty_val_null(c->doc); break;
    case napi_boolean: {
        bool b;
        NB_CALL(env, napi_get_value_bool(env, v, &b));
        out = ty_val_bool(c->doc, b);
        break;
    }
    case napi_number: {
        double x;
        NB_CALL(env, napi_get_value_double(env, v, &x));
        if (!(x - x == 0)) return nb_conv_value_error(c, depth, c->value_code, "NaN and infinity are not JSON");
        out = ty_val_number(c->doc, x);
        break;
    }
    case napi_string: {
        size_t len;
        if (!nb_conv_utf8(c, v, depth, &len)) return NULL;
        out = ty_val_string(c->doc, c->buf, len);
        break;
    }
    case napi_object: {
        bool yes;
        NB_CALL(env, napi_is_array(env, v, &yes));
        if (yes) return nb_conv_array(c, v, depth);
        if (!nb_is_plain(env, NULL, v, &c->object_proto, &yes)) return NULL;
        if (yes) return nb_conv_object(c, v, depth);
        return nb_conv_type_error(c, depth, "expected a plain object, an array, a string, a finite number, "
                                            "a boolean or null", v);
    }
    default:
        return nb_conv_type_error(c, depth, "expected a plain object, an array, a string, a finite number, "
                                            "a boolean or null", v);
    }
    if (!out) nb_throw_nomem(env);
    return out;
}

/* Converts JS value v into a new doc (caller frees with ty_doc_free), by
 * the rules above. root names the value in error paths ("event"); value
 * errors are raised in `domain`; sort_keys gives the canonical form. NULL
 * with an exception pending on failure. */
static ty_doc *js_to_doc(napi_env env, napi_value v, const char *root, int domain, bool sort_keys) {
    napi_valuetype t;
    NB_CALL(env, napi_typeof(env, v, &t));
    nb_conv *c = malloc(sizeof *c); /* ~800 bytes of path stack: off the C stack */
    ty_doc *doc = ty_doc_new(NULL);
    char *buf = malloc(NB_CONV_SCRATCH);
    if (!c || !doc || !buf) {
        free(c);
        free(buf);
        ty_doc_free(doc);
        nb_throw_nomem(env);
        return NULL;
    }
    c->env = env;
    c->doc = doc;
    c->domain = domain;
    c->value_code = domain == TY_DOMAIN_STATE ? TY_E_STATE : domain == TY_DOMAIN_EVENT ? TY_E_EVENT : TY_E_ARG;
    c->root = root;
    c->sort_keys = sort_keys;
    c->object_proto = NULL;
    c->buf = buf;
    c->cap = NB_CONV_SCRATCH;
    c->keys[0] = NULL;
    ty_value *out = nb_conv_value(c, v, t, 0);
    free(c->buf);
    free(c);
    if (!out) {
        ty_doc_free(doc);
        return NULL;
    }
    ty_doc_set_root(doc, out);
    return doc;
}

/* Tapes: the fast path into js_to_doc's rules. node/index.js (encodeTape)
 * walks a value in JS, where reading a property costs a fraction of a
 * Node-API call, and writes it as tokens of two doubles [tag, x] in one
 * ArrayBuffer plus every string and key joined into ONE JS string:
 *
 *   NB_TAPE_NULL, _FALSE, _TRUE   x unused
 *   NB_TAPE_NUMBER                x: the (finite) number
 *   NB_TAPE_STRING, NB_TAPE_KEY   x: its length in UTF-16 units, its text
 *                                 next in the joined string
 *   NB_TAPE_LIST                  x: item count; the items follow
 *   NB_TAPE_MAP                   x: entry count; KEY, value pairs follow
 *
 * The walk takes only what js_to_doc would take unchanged (plain objects,
 * arrays, well-formed strings, finite numbers, booleans, null; undefined
 * properties skipped, undefined items null; at most NB_CONV_MAX_DEPTH deep)
 * and leaves anything else, errors included, to js_to_doc, so a tape never
 * carries what js_to_doc would reject. Nothing in a tape is trusted: counts,
 * lengths and tags are checked, and a malformed tape is a TypeError, never
 * a wild read. */
enum {
    NB_TAPE_NULL = 0,
    NB_TAPE_FALSE = 1,
    NB_TAPE_TRUE = 2,
    NB_TAPE_NUMBER = 3,
    NB_TAPE_STRING = 4,
    NB_TAPE_LIST = 5,
    NB_TAPE_MAP = 6,
    NB_TAPE_KEY = 7
};

typedef struct nb_tape {
    const double *t; /* n tokens of two doubles */
    size_t n, at;    /* token count, next token */
    const char *s;   /* UTF-8 of the joined strings */
    size_t slen, pos;
    bool ascii; /* one byte per UTF-16 unit throughout */
    ty_doc *doc;
    bool sort_keys;
    bool nomem;
} nb_tape;

/* The next `units` UTF-16 units of the joined strings, as UTF-8. */
static bool nb_tape_text(nb_tape *tp, double units, const char **s, size_t *len) {
    if (!(units >= 0 && units <= (double)(1u << 30)) || units != (double)(size_t)units) return false;
    size_t want = (size_t)units, start = tp->pos;
    if (tp->ascii) {
        if (want > tp->slen - tp->pos) return false;
        tp->pos += want;
    } else {
        const unsigned char *u = (const unsigned char *)tp->s;
        size_t got = 0;
        while (got < want && tp->pos < tp->slen) {
            unsigned char c = u[tp->pos];
            size_t b = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            got += b == 4 ? 2 : 1;
            tp->pos += b;
        }
        if (got != want || tp->pos > tp->slen) return false;
    }
    *s = tp->s + start;
    *len = tp->pos - start;
    return true;
}

/* Decodes the value at the next token into tp->doc; NULL when the tape is
 * malformed or memory ran out (tp->nomem). */
static ty_value *nb_tape_value(nb_tape *tp, unsigned depth) {
    if (tp->at >= tp->n || depth > NB_CONV_MAX_DEPTH + 1) return NULL;
    const double tag = tp->t[2 * tp->at], x = tp->t[2 * tp->at + 1];
    tp->at++;
    ty_value *v = NULL;
    if (tag == NB_TAPE_NULL) v = ty_val_null(tp->doc);
    else if (tag == NB_TAPE_FALSE || tag == NB_TAPE_TRUE) v = ty_val_bool(tp->doc, tag == NB_TAPE_TRUE);
    else if (tag == NB_TAPE_NUMBER) {
        if (!(x - x == 0)) return NULL;
        v = ty_val_number(tp->doc, x);
    } else if (tag == NB_TAPE_STRING) {
        const char *s;
        size_t len;
        if (!nb_tape_text(tp, x, &s, &len)) return NULL;
        v = ty_val_string(tp->doc, s, len);
    } else if (tag == NB_TAPE_LIST || tag == NB_TAPE_MAP) {
        /* every item takes at least one token, every entry two */
        size_t per = tag == NB_TAPE_MAP ? 2 : 1;
        if (!(x >= 0) || x != (double)(size_t)x || (size_t)x > (tp->n - tp->at) / per) return NULL;
        size_t count = (size_t)x;
        bool sorted = tag == NB_TAPE_MAP && tp->sort_keys && count > 1;
        nb_entry *ents = sorted ? malloc(count * sizeof *ents) : NULL;
        v = tag == NB_TAPE_LIST ? ty_val_list(tp->doc) : ty_val_map(tp->doc);
        if (!v || (sorted && !ents)) {
            free(ents);
            tp->nomem = true;
            return NULL;
        }
        for (size_t i = 0; i < count && v; i++) {
            const char *k = NULL;
            size_t klen = 0;
            if (tag == NB_TAPE_MAP) {
                if (tp->at >= tp->n || tp->t[2 * tp->at] != NB_TAPE_KEY ||
                    !nb_tape_text(tp, tp->t[2 * tp->at + 1], &k, &klen)) {
                    v = NULL;
                    break;
                }
                tp->at++;
            }
            ty_value *item = nb_tape_value(tp, depth + 1);
            if (!item) v = NULL;
            else if (sorted) {
                ents[i].k = k;
                ents[i].n = klen;
                ents[i].v = item;
            } else if ((tag == NB_TAPE_LIST ? ty_list_push(tp->doc, v, item) : ty_map_put(tp->doc, v, k, klen, item)) < 0) {
                tp->nomem = true;
                v = NULL;
            }
        }
        if (v && sorted) {
            /* keys point into the joined UTF-8, alive until the doc is built */
            qsort(ents, count, sizeof *ents, nb_entry_cmp);
            for (size_t i = 0; i < count && v; i++)
                if (ty_map_put(tp->doc, v, ents[i].k, ents[i].n, ents[i].v) < 0) {
                    tp->nomem = true;
                    v = NULL;
                }
        }
        free(ents);
        return v;
    } else {
        return NULL;
    }
    if (!v) tp->nomem = true;
    return v;
}

/* Decodes the tape (tokens in `meta`, an ArrayBuffer; `count` tokens;
 * strings joined in `joined`) into nroots new docs (caller frees each with
 * ty_doc_free); a NULL token as a root gives a NULL doc when null_is_none.
 * False with an exception pending on failure. */
static bool nb_tape_docs(napi_env env, napi_value meta, napi_value count, napi_value joined, bool sort_keys,
                         ty_doc **docs, size_t nroots, bool null_is_none) {
    void *raw = NULL;
    size_t bytes = 0;
    uint32_t n = 0;
    for (size_t r = 0; r < nroots; r++) docs[r] = NULL;
    if (napi_get_value_uint32(env, count, &n) != napi_ok || !nb_is_string(env, joined) ||
        napi_get_arraybuffer_info(env, meta, &raw, &bytes) != napi_ok || bytes / (2 * sizeof(double)) < n ||
        (n && ((uintptr_t)raw % sizeof(double)) != 0)) {
        nb_type_error(env, NULL, "malformed value tape");
        return false;
    }
    nb_tape tp;
    memset(&tp, 0, sizeof tp);
    tp.t = raw;
    tp.n = n;
    tp.sort_keys = sort_keys;
    size_t cap = 0, units = 0;
    char *buf = NULL;
    NB_CALL_RET(env, napi_get_value_string_utf16(env, joined, NULL, 0, &units), false);
    cap = units * 3 + 1; /* UTF-8 takes at most 3 bytes per UTF-16 unit */
    buf = malloc(cap);
    if (!buf) {
        nb_throw_nomem(env);
        return false;
    }
    if (napi_get_value_string_utf8(env, joined, buf, cap, &tp.slen) != napi_ok) {
        free(buf);
        nb_throw_status(env, "napi_get_value_string_utf8");
        return false;
    }
    tp.s = buf;
    tp.ascii = tp.slen == units;
    bool ok = true;
    for (size_t r = 0; r < nroots && ok; r++) {
        if (null_is_none && tp.at < tp.n && tp.t[2 * tp.at] == NB_TAPE_NULL) {
            tp.at++;
            continue;
        }
        tp.doc = docs[r] = ty_doc_new(NULL);
        ty_value *v = tp.doc ? nb_tape_value(&tp, 0) : NULL;
        if (!tp.doc) tp.nomem = true;
        if (v) ty_doc_set_root(tp.doc, v);
        ok = v != NULL;
    }
    ok = ok && tp.at == tp.n && tp.pos == tp.slen;
    free(buf);
    if (!ok) {
        for (size_t r = 0; r < nroots; r++) {
            ty_doc_free(docs[r]);
            docs[r] = NULL;
        }
        if (tp.nomem) nb_throw_nomem(env);
        else nb_type_error(env, NULL, "malformed value tape");
    }
    return ok;
}

/* ===================================================================== *
 * 8. Playbook
 * ===================================================================== */

/* The class wrapping ty_playbook. Its methods are the raw calls node/index.js
 * builds the public Playbook on (it adds the clock, Dates, "+01:00" offsets
 * and state signing): _match, _recognize, _stats, _step. A loaded playbook
 * is immutable, so nothing here needs a lock; it is tied to the environment
 * that made it (a worker loads its own). */

/* Identifies objects wrapped by this addon as Playbooks. */
static const napi_type_tag nb_playbook_tag = {0x74696e7979657331ULL, 0x506c6179626f6f6bULL};

typedef struct nb_playbook {
    ty_playbook *pb;
    nb_inst *inst;
    int64_t external; /* bytes reported to V8 as external memory */
} nb_playbook;

/* Frees a Playbook's ty_playbook when its JS object is collected (a basic
 * finalizer: runs during garbage collection). */
static void nb_playbook_finalize(node_api_basic_env env, void *data, void *hint) {
    (void)hint;
    nb_playbook *p = data;
    if (!p) return;
    ty_playbook_free(p->pb);
    if (p->external) {
        int64_t ignored;
        napi_adjust_external_memory(env, -p->external, &ignored);
    }
    if (p->inst) {
        p->inst->live_playbooks--;
        nb_inst_release(p->inst);
    }
    free(p);
}

/* The nb_playbook behind `self`, or NULL with a TypeError thrown. */
static nb_playbook *nb_playbook_unwrap(napi_env env, napi_value self) {
    bool ok = false;
    void *p = NULL;
    if (self && napi_check_object_type_tag(env, self, &nb_playbook_tag, &ok) == napi_ok && ok &&
        napi_unwrap(env, self, &p) == napi_ok && p)
        return p;
    nb_type_error(env, NULL, "this method needs a Playbook (called on another object)");
    return NULL;
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
 * Tokens (keep in step with OUT_* in node/index.js):
 *   NULL, FALSE, TRUE            one token
 *   NUMBER x                     the double
 *   STRING u                     the next u UTF-16 units of the joined string
 *   LIST n                       then n values
 *   MAP id                       then the values of shape id's keys, in order
 *   OBJECT n                     a map with no shape: n times (KEY u, value)
 *   SHAPES first count           shape definitions, then the value they precede:
 *                                count times (nkeys, nkeys times u), the keys'
 *                                text in the joined string; ids first.. */
enum {
    NB_OUT_NULL = 0,
    NB_OUT_FALSE = 1,
    NB_OUT_TRUE = 2,
    NB_OUT_NUMBER = 3,
    NB_OUT_STRING = 4,
    NB_OUT_LIST = 5,
    NB_OUT_MAP = 6,
    NB_OUT_OBJECT = 7,
    NB_OUT_KEY = 8,
    NB_OUT_SHAPES = 9
};

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
 * decoder builds the result as usual. */
static napi_value nb_doc_result_signed(napi_env env, ty_doc *doc, const ty_error *err, const char *sig,
                                       size_t siglen, napi_value into) {
    if (!doc) {
        throw_ty_error(env, err);
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

static napi_value nb_doc_result(napi_env env, ty_doc *doc, const ty_error *err) {
    return nb_doc_result_signed(env, doc, err, NULL, 0, NULL);
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

/* True (exception-free) when v is undefined or null. */
static bool nb_is_nullish(napi_env env, napi_value v) {
    napi_valuetype t;
    return !v || (napi_typeof(env, v, &t) == napi_ok && (t == napi_undefined || t == napi_null));
}

/* Throws a TypeError or RangeError "<a><b><c>". */
static void nb_arg_error(napi_env env, bool range, const char *a, const char *b, const char *c) {
    char msg[256];
    const char *parts[] = {a, b, c, NULL};
    nb_concat(msg, sizeof msg, parts, 3);
    nb_throw_arg(env, range, NULL, msg);
}

/* Reads a whole number argument within [lo, hi]; false with a TypeError
 * (not a number) or RangeError (not whole, out of range) thrown. */
static bool nb_whole_arg(napi_env env, napi_value v, const char *what, double lo, double hi, double *out) {
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
static bool nb_limit_arg(napi_env env, napi_value v, const char *what, size_t *out) {
    *out = 0;
    if (nb_is_nullish(env, v)) return true;
    double x;
    if (!nb_whole_arg(env, v, what, 0, 9007199254740992.0, &x)) return false;
    *out = x > (double)SIZE_MAX ? SIZE_MAX : (size_t)x;
    return true;
}

/* new Playbook(source, maxBytes, maxIntents, maxExamples, maxMessage):
 * source is JSON text, a string or a Uint8Array (a Buffer) of UTF-8; the
 * limits are undefined/null/0 for the defaults. Loading validates, trains
 * the matcher and compiles the templates, synchronously. */
static napi_value nb_playbook_new(napi_env env, napi_callback_info info) {
    size_t argc = 6;
    napi_value argv[6], self, target;
    void *cbdata;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, &cbdata));
    nb_inst *inst = cbdata;
    NB_CALL(env, napi_get_new_target(env, info, &target));
    if (!target) {
        nb_type_error(env, NULL, "Class constructor Playbook cannot be invoked without 'new'");
        return NULL;
    }
    for (size_t i = argc; i < 6; i++) argv[i] = NULL;
    ty_playbook_opts opts;
    memset(&opts, 0, sizeof opts);
    size_t ttl = 0;
    if (!nb_limit_arg(env, argv[1], "Playbook() maxBytes", &opts.max_bytes) ||
        !nb_limit_arg(env, argv[2], "Playbook() maxIntents", &opts.max_intents) ||
        !nb_limit_arg(env, argv[3], "Playbook() maxExamples", &opts.max_examples) ||
        !nb_limit_arg(env, argv[4], "Playbook() maxMessage", &opts.max_message) ||
        !nb_limit_arg(env, argv[5], "Playbook() stateTtl", &ttl))
        return NULL;
    opts.state_ttl = ttl > (size_t)INT64_MAX ? INT64_MAX : (int64_t)ttl; /* the core names the range */

    const char *src = NULL;
    char *owned = NULL;
    size_t len = 0;
    bool typed = false;
    if (argc >= 1) NB_CALL(env, napi_is_typedarray(env, argv[0], &typed));
    if (typed) {
        napi_typedarray_type tt;
        void *data = NULL;
        NB_CALL(env, napi_get_typedarray_info(env, argv[0], &tt, &len, &data, NULL, NULL));
        if (tt != napi_uint8_array && tt != napi_uint8_clamped_array) {
            nb_type_error(env, NULL, "Playbook source must be JSON text: a string, or UTF-8 bytes in a Uint8Array or Buffer");
            return NULL;
        }
        /* read synchronously below: no JS runs that could detach it */
        src = data ? data : "";
        if (!data) len = 0;
    } else if (argc >= 1 && nb_is_string(env, argv[0])) {
        owned = nb_string_dup(env, argv[0], &len);
        if (!owned) return NULL;
        int64_t at = nb_lone_surrogate(env, argv[0], owned, len);
        if (at != -1) {
            free(owned);
            if (at >= 0) nb_throw_lone_surrogate(env, TY_DOMAIN_PLAYBOOK, "playbook source", at);
            return NULL;
        }
        src = owned;
    } else {
        nb_type_error(env, NULL, "Playbook source must be JSON text: a string, or UTF-8 bytes in a Uint8Array or Buffer");
        return NULL;
    }

    ty_error err;
    memset(&err, 0, sizeof err);
    ty_playbook *pb = ty_playbook_load(src, len, &opts, &err);
    free(owned);
    if (!pb) {
        throw_ty_error(env, &err);
        return NULL;
    }
    nb_playbook *p = calloc(1, sizeof *p);
    if (!p) {
        ty_playbook_free(pb);
        nb_throw_nomem(env);
        return NULL;
    }
    p->pb = pb;
    /* Tell V8 what the playbook holds, so a loop of loads collects the old ones. */
    ty_doc *stats = ty_playbook_stats(pb, NULL);
    const ty_value *bytes = stats ? ty_value_get(ty_doc_root(stats), "bytes", 5) : NULL;
    double b = bytes ? ty_value_number(bytes) : 0;
    ty_doc_free(stats);
    napi_status st = napi_wrap(env, self, p, nb_playbook_finalize, NULL, NULL);
    if (st != napi_ok) {
        nb_throw_status(env, "the Playbook constructor");
        nb_playbook_finalize(env, p, NULL);
        return NULL;
    }
    /* from here the finalizer owns p */
    inst->refs++;
    inst->live_playbooks++;
    p->inst = inst;
    if (b > 0 && b < 9007199254740992.0) {
        int64_t ignored;
        if (napi_adjust_external_memory(env, (int64_t)b, &ignored) == napi_ok) p->external = (int64_t)b;
    }
    NB_CALL(env, napi_type_tag_object(env, self, &nb_playbook_tag));
    return self;
}

/* False with the core's error thrown when JS string v is over pb's
 * max_message: V8 counts its UTF-8 bytes without a copy, so an oversized
 * message is refused before it is copied. Non-strings pass (the caller
 * reports them). */
static bool nb_check_size(napi_env env, const ty_playbook *pb, napi_value v, int in_event) {
    if (!nb_is_string(env, v)) return true;
    size_t len = 0;
    NB_CALL_RET(env, napi_get_value_string_utf8(env, v, NULL, 0, &len), false);
    ty_error err;
    memset(&err, 0, sizeof err);
    if (!ty_playbook_check_size(pb, len, in_event, &err)) return true;
    nb_doc_result(env, NULL, &err);
    return false;
}

/* Fills `in` from the (text, at, utcOffset, data) arguments of `fn`: the
 * text into *text (malloc'd, caller frees), data converted into *data_doc
 * (caller frees). at: undefined/null (relative dates unresolved) or whole
 * Unix seconds; utcOffset: undefined/null (the playbook's) or whole seconds
 * within a day; data: undefined/null or a plain object. */
static bool nb_read_input(napi_env env, const ty_playbook *pb, const char *fn, napi_value text, napi_value at,
                          napi_value utc, napi_value data, ty_input *in, char **text_buf, ty_doc **data_doc) {
    memset(in, 0, sizeof *in);
    *data_doc = NULL;
    *text_buf = NULL;
    if (!nb_check_size(env, pb, text, 0)) return false;
    *text_buf = nb_text_arg(env, text, fn, "text", TY_DOMAIN_EVENT, &in->len);
    if (!*text_buf) return false;
    in->text = *text_buf;
    char what[64];
    const char *parts[] = {fn, "() ", "at", NULL};
    if (!nb_is_nullish(env, at)) {
        double x;
        nb_concat(what, sizeof what, parts, 3);
        if (!nb_whole_arg(env, at, what, -9007199254740992.0, 9007199254740992.0, &x)) return false;
        in->at = (int64_t)x;
        in->has_at = 1;
    }
    if (!nb_is_nullish(env, utc)) {
        double x;
        parts[2] = "utcOffset (seconds)";
        nb_concat(what, sizeof what, parts, 3);
        if (!nb_whole_arg(env, utc, what, -86399, 86399, &x)) return false;
        in->utc_offset = (int32_t)x;
        in->has_offset = 1;
    }
    if (!nb_is_nullish(env, data)) {
        napi_valuetype t;
        bool arr = false;
        NB_CALL_RET(env, napi_typeof(env, data, &t), false);
        if (t == napi_object) NB_CALL_RET(env, napi_is_array(env, data, &arr), false);
        if (t != napi_object || arr) {
            nb_arg_error(env, false, fn, "() data must be a plain object or null", "");
            return false;
        }
        *data_doc = js_to_doc(env, data, "data", TY_DOMAIN_EVENT, false);
        if (!*data_doc) return false;
        in->data = ty_doc_root(*data_doc);
    }
    return true;
}

/* _checkEventText(text): throws the core's error for an event.text over
 * the playbook's max_message, counted without copying it; node/index.js
 * calls it for long texts before an event is converted. */
static napi_value nb_playbook_check_event_text(napi_env env, napi_callback_info info) {
    size_t argc = 1;
    napi_value argv[1] = {NULL}, self;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p || !argv[0] || !nb_check_size(env, p->pb, argv[0], 1)) return NULL;
    return NULL; /* undefined */
}

/* _match(text, expect, at, utcOffset, data) -> MatchResult */
static napi_value nb_playbook_match(napi_env env, napi_callback_info info) {
    size_t argc = 5;
    napi_value argv[5] = {NULL, NULL, NULL, NULL, NULL}, self;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p) return NULL;
    ty_input in;
    char *text = NULL, *expect = NULL;
    ty_doc *data = NULL;
    napi_value out = NULL;
    if (nb_read_input(env, p->pb, "match", argv[0], argv[2], argv[3], argv[4], &in, &text, &data)) {
        bool ok = true;
        if (!nb_is_nullish(env, argv[1])) {
            expect = nb_text_arg(env, argv[1], "match", "expect", TY_DOMAIN_EVENT, &in.expect_len);
            in.expect = expect;
            ok = expect != NULL;
        }
        if (ok) {
            ty_error err;
            memset(&err, 0, sizeof err);
            out = nb_doc_result(env, ty_playbook_match(p->pb, &in, &err), &err);
        }
    }
    free(text);
    free(expect);
    ty_doc_free(data);
    return out;
}

/* _recognize(text, slot, at, utcOffset, data) -> Recognition | null */
static napi_value nb_playbook_recognize(napi_env env, napi_callback_info info) {
    size_t argc = 5;
    napi_value argv[5] = {NULL, NULL, NULL, NULL, NULL}, self;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p) return NULL;
    size_t slen = 0;
    char *slot = nb_text_arg(env, argv[1], "recognize", "slot", TY_DOMAIN_EVENT, &slen);
    if (!slot) return NULL;
    ty_input in;
    char *text = NULL;
    ty_doc *data = NULL;
    napi_value out = NULL;
    if (nb_read_input(env, p->pb, "recognize", argv[0], argv[2], argv[3], argv[4], &in, &text, &data)) {
        ty_error err;
        memset(&err, 0, sizeof err);
        out = nb_doc_result(env, ty_playbook_recognize(p->pb, slot, slen, &in, &err), &err);
    }
    free(slot);
    free(text);
    ty_doc_free(data);
    return out;
}

/* _stats() -> {bytes, intents, examples, features, slots, templates, flows} */
static napi_value nb_playbook_stats(napi_env env, napi_callback_info info) {
    napi_value self;
    NB_CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    return nb_doc_result(env, ty_playbook_stats(p->pb, &err), &err);
}

static bool nb_ch_opt_text(napi_env env, napi_value v, const char *fn, const char *what, char **out, size_t *len);

/* _handoverLink(locale, number, conversation, tag) -> the wa.me link
 * (ty_handover_link) in this playbook's words. */
static napi_value nb_playbook_handover_link(napi_env env, napi_callback_info info) {
    size_t argc = 4;
    napi_value argv[4], self;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p) return NULL;
    char *s[4] = {NULL, NULL, NULL, NULL};
    size_t n[4] = {0, 0, 0, 0};
    static const char *const names[] = {"locale", "number", "conversation", "tag"};
    bool ok = true;
    for (int i = 0; i < 4 && ok; i++) ok = nb_ch_opt_text(env, argv[i], "handoverLink", names[i], &s[i], &n[i]);
    napi_value out = NULL;
    if (ok) {
        ty_buf b;
        ty_buf_init(&b, NULL);
        ty_error err;
        memset(&err, 0, sizeof err);
        if (ty_handover_link(p->pb, s[0], n[0], s[1], n[1], s[2], n[2], s[3], n[3], &b, &err))
            nb_doc_result(env, NULL, &err);
        else if (napi_create_string_utf8(env, b.ptr ? b.ptr : "", b.len, &out) != napi_ok)
            nb_throw_status(env, "napi_create_string_utf8");
        ty_buf_free(&b);
    }
    for (int i = 0; i < 4; i++) free(s[i]);
    return out;
}

static napi_value nb_canonical_doc(napi_env env, ty_doc *doc);

/* A copy of v in d with every map's keys in UTF-8 byte order (the
 * canonical form); a top-level "sig" is left out when drop_sig. NULL when
 * out of memory. */
static ty_value *nb_sorted_copy(ty_doc *d, const ty_value *v, unsigned depth, bool drop_sig) {
    int kind = ty_value_kind(v);
    if (depth > NB_DOC_MAX_DEPTH) return NULL;
    if (kind != TY_LIST && kind != TY_MAP) return ty_val_copy(d, v);
    size_t n = ty_value_count(v);
    ty_value *out = kind == TY_LIST ? ty_val_list(d) : ty_val_map(d);
    nb_entry *ents = kind == TY_MAP && n ? malloc(n * sizeof *ents) : NULL;
    if (!out || (kind == TY_MAP && n && !ents)) {
        free(ents);
        return NULL;
    }
    size_t m = 0;
    for (size_t i = 0; i < n && out; i++) {
        size_t klen = 0;
        const char *k = kind == TY_MAP ? ty_value_key(v, i, &klen) : NULL;
        if (drop_sig && klen == 3 && memcmp(k, "sig", 3) == 0) continue;
        ty_value *item = nb_sorted_copy(d, ty_value_item(v, i), depth + 1, false);
        if (!item) out = NULL;
        else if (kind == TY_LIST) {
            if (ty_list_push(d, out, item) < 0) out = NULL;
        } else {
            ents[m].k = k;
            ents[m].n = klen;
            ents[m++].v = item;
        }
    }
    if (out && kind == TY_MAP) {
        qsort(ents, m, sizeof *ents, nb_entry_cmp);
        for (size_t i = 0; i < m && out; i++)
            if (ty_map_put(d, out, ents[i].k, ents[i].n, ents[i].v) < 0) out = NULL;
    }
    free(ents);
    return out;
}

/* The canonical JSON (what a signature covers: see _canonicalJson) of v,
 * its top-level "sig" left out, as a new Buffer; NULL with an exception
 * pending on failure. */
static napi_value nb_canonical_of(napi_env env, const ty_value *v) {
    ty_doc *d = ty_doc_new(NULL);
    ty_value *c = d ? nb_sorted_copy(d, v, 0, true) : NULL;
    if (!c) {
        ty_doc_free(d);
        nb_throw_nomem(env);
        return NULL;
    }
    ty_doc_set_root(d, c);
    return nb_canonical_doc(env, d);
}

/* Steps p with the converted state (NULL: a new conversation) and event;
 * frees both docs. With a secret, node/index.js passes two functions that
 * do the HMACs with node:crypto: verify(canonical JSON of the incoming
 * state) before the core sees the state (it throws to reject), and
 * sign(canonical JSON of the new state) -> the hex signature, added to the
 * result's state as "sig". The canonical bytes come from the docs the
 * core already holds, so a signed step converts each state once. */
static napi_value nb_step_docs(napi_env env, nb_playbook *p, ty_doc *sdoc, ty_doc *edoc, napi_value verify,
                               napi_value sign, napi_value into) {
    if (verify && sdoc) {
        napi_value canon = nb_canonical_of(env, ty_doc_root(sdoc)), global, ignored;
        if (!canon || napi_get_global(env, &global) != napi_ok ||
            napi_call_function(env, global, verify, 1, &canon, &ignored) != napi_ok) {
            ty_doc_free(sdoc);
            ty_doc_free(edoc);
            return NULL; /* verify threw: the state is rejected */
        }
    }
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc = ty_playbook_step(p->pb, sdoc ? ty_doc_root(sdoc) : NULL, ty_doc_root(edoc), &err);
    ty_doc_free(sdoc);
    ty_doc_free(edoc);
    if (!doc || !sign) return nb_doc_result_signed(env, doc, &err, NULL, 0, into);
    const ty_value *state = ty_value_get(ty_doc_root(doc), "state", 5);
    napi_value canon = state ? nb_canonical_of(env, state) : NULL, global, sig;
    char hex[160];
    size_t len = 0;
    if (!canon || napi_get_global(env, &global) != napi_ok ||
        napi_call_function(env, global, sign, 1, &canon, &sig) != napi_ok) {
        ty_doc_free(doc);
        if (!state) nb_type_error(env, NULL, "step(): the core returned no state");
        return NULL;
    }
    if (!nb_is_string(env, sig) || napi_get_value_string_utf8(env, sig, hex, sizeof hex, &len) != napi_ok) {
        ty_doc_free(doc);
        nb_type_error(env, NULL, "step(): sign() must return the signature as a string");
        return NULL;
    }
    return nb_doc_result_signed(env, doc, &err, hex, len, into);
}

/* The optional verify/sign functions of _step and _stepTape: a function,
 * or undefined/null for none (*out NULL). */
static bool nb_hook_arg(napi_env env, napi_value v, napi_value *out) {
    *out = NULL;
    if (nb_is_nullish(env, v)) return true;
    napi_valuetype t;
    NB_CALL_RET(env, napi_typeof(env, v, &t), false);
    if (t != napi_function) {
        nb_type_error(env, NULL, "step(): verify and sign must be functions");
        return false;
    }
    *out = v;
    return true;
}

/* _step(state, event, verify, sign) -> {state, actions, events}: state undefined/null
 * (a new conversation) or a plain object, event a plain object. Signing is
 * node/index.js's job. */
static napi_value nb_playbook_step(napi_env env, napi_callback_info info) {
    size_t argc = 4;
    napi_value argv[4] = {NULL, NULL, NULL, NULL}, self, verify, sign;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p || !nb_hook_arg(env, argv[2], &verify) || !nb_hook_arg(env, argv[3], &sign)) return NULL;
    napi_valuetype t;
    bool arr = false;
    bool fresh = nb_is_nullish(env, argv[0]);
    if (!fresh) {
        NB_CALL(env, napi_typeof(env, argv[0], &t));
        if (t == napi_object) NB_CALL(env, napi_is_array(env, argv[0], &arr));
        if (t != napi_object || arr) {
            nb_type_error(env, NULL, "step() state must be an object (the last result's state) or null");
            return NULL;
        }
    }
    arr = false;
    t = napi_undefined;
    if (argv[1]) NB_CALL(env, napi_typeof(env, argv[1], &t));
    if (t == napi_object) NB_CALL(env, napi_is_array(env, argv[1], &arr));
    if (t != napi_object || arr) {
        nb_type_error(env, NULL, "step() event must be an object");
        return NULL;
    }
    ty_doc *sdoc = NULL, *edoc = NULL;
    if (!fresh && !(sdoc = js_to_doc(env, argv[0], "state", TY_DOMAIN_STATE, false))) return NULL;
    if (!(edoc = js_to_doc(env, argv[1], "event", TY_DOMAIN_EVENT, false))) {
        ty_doc_free(sdoc);
        return NULL;
    }
    return nb_step_docs(env, p, sdoc, edoc, verify, sign, NULL);
}

/* _migrate(state, at) -> {state, actions, events, dropped}: the state
 * carried across an edit of this playbook (ty_playbook_migrate). Signing
 * is node/index.js's job. */
static napi_value nb_playbook_migrate(napi_env env, napi_callback_info info) {
    size_t argc = 2;
    napi_value argv[2] = {NULL, NULL}, self;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p) return NULL;
    double at;
    if (!nb_whole_arg(env, argv[1], "migrate() at", -9007199254740992.0, 9007199254740992.0, &at)) return NULL;
    ty_doc *sdoc = js_to_doc(env, argv[0], "state", TY_DOMAIN_STATE, false);
    if (!sdoc) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    napi_value out = nb_doc_result(env, ty_playbook_migrate(p->pb, ty_doc_root(sdoc), (int64_t)at, &err), &err);
    ty_doc_free(sdoc);
    return out;
}

/* _stepTape(meta, n, joined, verify, sign, into) -> {state, actions, events}: _step
 * with the state (or null) and the event encoded as one tape by
 * node/index.js (the fast path; values the tape cannot carry go through
 * _step). With `into`, an ArrayBuffer the result's tokens fit in, they are
 * written there and the joined string is returned instead, for node/index.js
 * to decode (see nb_doc_result_signed). */
static napi_value nb_playbook_step_tape(napi_env env, napi_callback_info info) {
    size_t argc = 6;
    napi_value argv[6] = {NULL, NULL, NULL, NULL, NULL, NULL}, self, verify, sign;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p || !nb_hook_arg(env, argv[3], &verify) || !nb_hook_arg(env, argv[4], &sign)) return NULL;
    if (argc < 3) {
        nb_type_error(env, NULL, "_stepTape(meta, n, joined)");
        return NULL;
    }
    ty_doc *docs[2];
    if (!nb_tape_docs(env, argv[0], argv[1], argv[2], false, docs, 2, true)) return NULL;
    if (!docs[1] || ty_value_kind(ty_doc_root(docs[1])) != TY_MAP ||
        (docs[0] && ty_value_kind(ty_doc_root(docs[0])) != TY_MAP)) {
        ty_doc_free(docs[0]);
        ty_doc_free(docs[1]);
        nb_type_error(env, NULL, "_stepTape: the state must be an object or null and the event an object");
        return NULL;
    }
    return nb_step_docs(env, p, docs[0], docs[1], verify, sign, nb_is_nullish(env, argv[5]) ? NULL : argv[5]);
}

/* _utcOffset(text) -> seconds east of UTC for "Z", "+HH:MM" or "+HHMM"
 * (ty_utc_offset_parse), or null for any other shape; index.js checks the
 * range and words the error. */
static napi_value nb_utc_offset(napi_env env, napi_callback_info info) {
    size_t argc = 1;
    napi_value argv[1], out;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    if (argc < 1 || !nb_is_string(env, argv[0])) {
        nb_type_error(env, NULL, "_utcOffset() takes a string");
        return NULL;
    }
    char buf[8];
    size_t n = 0;
    NB_CALL(env, napi_get_value_string_utf8(env, argv[0], NULL, 0, &n));
    int32_t secs;
    if (n < sizeof buf) NB_CALL(env, napi_get_value_string_utf8(env, argv[0], buf, sizeof buf, &n));
    if (n >= sizeof buf || ty_utc_offset_parse(buf, n, &secs)) NB_CALL(env, napi_get_null(env, &out));
    else NB_CALL(env, napi_create_int32(env, secs, &out));
    return out;
}

/* _defaultPlaybook() -> the JSON text of the playbook tinyyes ships with. */
static napi_value nb_default_playbook(napi_env env, napi_callback_info info) {
    (void)info;
    size_t len;
    const char *s = ty_default_playbook(&len);
    napi_value out;
    NB_CALL(env, napi_create_string_utf8(env, s, len, &out));
    return out;
}

/* _canonicalJson(value) -> Buffer: the bytes a state signature covers.
 * value converted like a state (js_to_doc) and written by the core's JSON
 * writer (compact, numbers by ty_format_number) with every object's keys in
 * UTF-8 byte order: the Python binding's _canonical_json, byte for byte, so
 * a state signed in one language verifies in the other whatever order a
 * database gave its keys back in. */
static napi_value nb_canonical_json(napi_env env, napi_callback_info info) {
    size_t argc = 1;
    napi_value argv[1];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    if (argc < 1) NB_CALL(env, napi_get_undefined(env, &argv[0]));
    ty_doc *doc = js_to_doc(env, argv[0], "state", TY_DOMAIN_STATE, true);
    return doc ? nb_canonical_doc(env, doc) : NULL;
}

/* _canonicalTape(meta, n, joined) -> Buffer: _canonicalJson of a value
 * encoded as a tape by node/index.js (the fast path). */
static napi_value nb_canonical_tape(napi_env env, napi_callback_info info) {
    size_t argc = 3;
    napi_value argv[3];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    if (argc < 3) {
        nb_type_error(env, NULL, "_canonicalTape(meta, n, joined)");
        return NULL;
    }
    ty_doc *doc;
    if (!nb_tape_docs(env, argv[0], argv[1], argv[2], true, &doc, 1, false)) return NULL;
    return nb_canonical_doc(env, doc);
}

/* The canonical JSON of doc (freed here) as a new Buffer. */
static napi_value nb_canonical_doc(napi_env env, ty_doc *doc) {
    napi_value out;
    ty_buf buf;
    ty_buf_init(&buf, NULL);
    ty_error err;
    memset(&err, 0, sizeof err);
    int rc = ty_value_write_json(ty_doc_root(doc), &buf, &err);
    ty_doc_free(doc);
    if (rc < 0) {
        ty_buf_free(&buf);
        throw_ty_error(env, &err);
        return NULL;
    }
    napi_status st = napi_create_buffer_copy(env, buf.len, buf.len ? buf.ptr : "", NULL, &out);
    ty_buf_free(&buf);
    if (st != napi_ok) {
        nb_throw_status(env, "napi_create_buffer_copy");
        return NULL;
    }
    return out;
}

/* _livePlaybooks() -> number of Playbooks of this environment not yet
 * finalized. For leak tests. */
static napi_value nb_live_playbooks(napi_env env, napi_callback_info info) {
    void *inst;
    napi_value out;
    NB_CALL(env, napi_get_cb_info(env, info, NULL, NULL, NULL, &inst));
    NB_CALL(env, napi_create_double(env, ((nb_inst *)inst)->live_playbooks, &out));
    return out;
}

/* ===================================================================== *
 * 8b. Channels, lint and metrics (README.md, §8, §9)
 * ===================================================================== */

/* The raw calls node/channels.js builds tinyyes.payload, lint,
 * Playbook#lint, metrics and Metrics on (it adds the clock, Dates, option
 * names and the chunking of event streams):
 *   _payload(action, channel, at, lastCustomerAt, parseMode, humanAgent, to, locale)
 *   _payloadTape(meta, n, joined, channel, ...): the same, the action as a value tape
 *   _lint(text, channel, locale)
 *   _inbound(channel, body, at)
 *   _signatureHeader(channel), _signatureCheck(channel, header, body, url),
 *   _handshake(mode, token, challenge, verifyToken)
 *   _playbookLint(nativePlaybook, channel)
 *   class Metrics { _add(events, base); _addTape(meta, n, joined, base); result() }
 * Times are undefined/null (unknown) or whole Unix seconds; strings
 * undefined/null for the core's defaults. Results come back through
 * nb_doc_result. Everything here lives between the "8b" banners so the
 * rest of the file can change independently. */

/* Reads an optional string argument (undefined/null: *out NULL) into a
 * fresh malloc'd UTF-8 buffer; false with an exception pending. */
static bool nb_ch_opt_text(napi_env env, napi_value v, const char *fn, const char *what, char **out, size_t *len) {
    *out = NULL;
    *len = 0;
    if (nb_is_nullish(env, v)) return true;
    *out = nb_text_arg(env, v, fn, what, TY_DOMAIN_NONE, len);
    return *out != NULL;
}

/* Reads an optional Unix time (undefined/null: unknown) into at and has. */
static bool nb_ch_opt_seconds(napi_env env, napi_value v, const char *what, int64_t *at, int *has) {
    *has = 0;
    if (nb_is_nullish(env, v)) return true;
    double x;
    if (!nb_whole_arg(env, v, what, -9007199254740992.0, 9007199254740992.0, &x)) return false;
    *at = (int64_t)x;
    *has = 1;
    return true;
}

/* Throws the TY_ERROR 'arg' error "<path>: <a><b><c>" with `path` set. */
static void nb_ch_arg_error(napi_env env, const char *path, const char *a, const char *b, const char *c) {
    ty_error err;
    memset(&err, 0, sizeof err);
    err.code = TY_E_ARG;
    err.domain = TY_DOMAIN_NONE;
    const char *pp[] = {path, NULL};
    nb_concat(err.path, sizeof err.path, pp, 1);
    const char *parts[] = {path, ": ", a, b, c, NULL};
    nb_concat(err.message, sizeof err.message, parts, 5);
    throw_ty_error(env, &err);
}

/* Runs ty_payload for _payload and _payloadTape: `a` holds the arguments
 * after the action (channel, at, lastCustomerAt, parseMode, humanAgent, to,
 * locale); the action is the doc `in` (freed here) or, when in is NULL, the
 * JS object `action`, converted after the arguments are read. */
static napi_value nb_ch_payload_run(napi_env env, const napi_value *a, ty_doc *in, napi_value action) {
    ty_payload_opts o;
    memset(&o, 0, sizeof o);
    char *channel = NULL, *pm = NULL, *to = NULL, *locale = NULL, *link = NULL;
    size_t chlen = 0, pmlen = 0;
    napi_value out = NULL;
    bool human = false;
    bool ok = (channel = nb_text_arg(env, a[0], "payload", "channel", TY_DOMAIN_NONE, &chlen)) != NULL &&
              nb_ch_opt_seconds(env, a[1], "payload() at", &o.at, &o.has_at) &&
              nb_ch_opt_seconds(env, a[2], "payload() lastCustomerAt", &o.last_customer_at,
                                &o.has_last_customer_at) &&
              nb_ch_opt_text(env, a[3], "payload", "parseMode", &pm, &pmlen) &&
              nb_ch_opt_text(env, a[5], "payload", "to", &to, &o.to_len) &&
              nb_ch_opt_text(env, a[6], "payload", "locale", &locale, &o.locale_len) &&
              nb_ch_opt_text(env, a[7], "payload", "whatsappLink", &link, &o.whatsapp_link_len);
    if (ok && !nb_is_nullish(env, a[4])) {
        ok = napi_get_value_bool(env, a[4], &human) == napi_ok;
        if (!ok) nb_type_error(env, NULL, "payload() humanAgent must be a boolean");
    }
    if (ok && pm) {
        /* the core's own parser: every binding accepts exactly the same names */
        o.parse_mode = ty_parse_mode_parse(pm, pmlen);
        if (o.parse_mode < 0) {
            nb_ch_arg_error(env, "options.parse_mode", "must be \"html\", \"markdownv2\" or \"none\", not '", pm, "'");
            ok = false;
        }
    }
    if (ok && !in) ok = (in = js_to_doc(env, action, "action", TY_DOMAIN_NONE, false)) != NULL;
    if (ok) {
        o.human_agent = human;
        o.to = to;
        o.locale = locale;
        o.whatsapp_link = link;
        ty_error err;
        memset(&err, 0, sizeof err);
        out = nb_doc_result(env, ty_payload(ty_doc_root(in), channel, chlen, &o, &err), &err);
    }
    ty_doc_free(in);
    free(channel);
    free(pm);
    free(to);
    free(locale);
    free(link);
    return out;
}

/* _payload(action, channel, at, lastCustomerAt, parseMode, humanAgent, to,
 * locale, whatsappLink) -> {channel, payload, window, ...}: ty_payload. */
static napi_value nb_ch_payload(napi_env env, napi_callback_info info) {
    size_t argc = 9;
    napi_value argv[9];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    napi_valuetype t;
    bool arr = false;
    NB_CALL(env, napi_typeof(env, argv[0], &t));
    if (t == napi_object) NB_CALL(env, napi_is_array(env, argv[0], &arr));
    if (t != napi_object || arr) {
        nb_type_error(env, NULL, "payload() action must be an object (a send action of Playbook#step)");
        return NULL;
    }
    return nb_ch_payload_run(env, argv + 1, NULL, argv[0]);
}

/* _payloadTape(meta, n, joined, channel, at, lastCustomerAt, parseMode,
 * humanAgent, to, locale): _payload with the action encoded as a value tape
 * by node/channels.js (the fast path: a send action read through Node-API
 * costs more than building its payload). */
static napi_value nb_ch_payload_tape(napi_env env, napi_callback_info info) {
    size_t argc = 11;
    napi_value argv[11];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    ty_doc *in;
    if (!nb_tape_docs(env, argv[0], argv[1], argv[2], false, &in, 1, false)) return NULL;
    if (ty_value_kind(ty_doc_root(in)) != TY_MAP) {
        ty_doc_free(in);
        nb_type_error(env, NULL, "_payloadTape: the action must be an object");
        return NULL;
    }
    return nb_ch_payload_run(env, argv + 3, in, NULL);
}

/* _lint(text, channel, locale) -> [{code, severity, message, start, end}]. */
static napi_value nb_ch_lint(napi_env env, napi_callback_info info) {
    size_t argc = 3;
    napi_value argv[3];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    size_t len = 0, chlen = 0, loclen = 0;
    char *channel = NULL, *locale = NULL;
    char *text = nb_text_arg(env, argv[0], "lint", "text", TY_DOMAIN_NONE, &len);
    napi_value out = NULL;
    if (text && nb_ch_opt_text(env, argv[1], "lint", "channel", &channel, &chlen) &&
        nb_ch_opt_text(env, argv[2], "lint", "locale", &locale, &loclen)) {
        ty_error err;
        memset(&err, 0, sizeof err);
        out = nb_doc_result(env, ty_lint(text, len, channel, chlen, locale, loclen, &err), &err);
    }
    free(text);
    free(channel);
    free(locale);
    return out;
}

/* A number argument of audit(), null/undefined as 0; false with a
 * TypeError thrown for anything else. */
static bool nb_audit_int(napi_env env, napi_value v, const char *what, int64_t *out) {
    *out = 0;
    if (nb_is_nullish(env, v)) return true;
    if (napi_get_value_int64(env, v, out) == napi_ok) return true;
    char msg[96];
    snprintf(msg, sizeof msg, "audit() %s must be a number or null", what);
    nb_type_error(env, NULL, msg);
    return false;
}

/* _audit(inputs, business, dateOrder, utcOffset, columns, hours,
 * lateAfter, nativePlaybook) -> the audit (ty_audit): inputs an array of
 * [name, text, format] (strings; format null: guessed), columns null or
 * four strings|null. index.js checks the user's options first. */
static napi_value nb_ch_audit(napi_env env, napi_callback_info info) {
    size_t argc = 8;
    napi_value argv[8];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    ty_audit_opts o;
    memset(&o, 0, sizeof o);
    char *biz = NULL, *hours = NULL, *col[4] = {NULL, NULL, NULL, NULL};
    int64_t order, off, late;
    uint32_t n = 0;
    ty_audit_input *in = NULL;
    char **owned = NULL;
    napi_value out = NULL;
    bool ok = nb_ch_opt_text(env, argv[1], "audit", "business", &biz, &o.business_len) &&
              nb_ch_opt_text(env, argv[5], "audit", "hours", &hours, &o.hours_len) &&
              nb_audit_int(env, argv[2], "dateOrder", &order) && nb_audit_int(env, argv[3], "utcOffset", &off) &&
              nb_audit_int(env, argv[6], "lateAfter", &late) &&
              napi_get_array_length(env, argv[0], &n) == napi_ok;
    if (ok && !nb_is_nullish(env, argv[4]))
        for (uint32_t k = 0; k < 4 && ok; k++) {
            napi_value v;
            ok = napi_get_element(env, argv[4], k, &v) == napi_ok &&
                 nb_ch_opt_text(env, v, "audit", "columns", &col[k], &o.column_lens[k]);
        }
    if (ok && !nb_is_nullish(env, argv[7])) {
        nb_playbook *p = nb_playbook_unwrap(env, argv[7]);
        ok = p != NULL;
        if (p) o.playbook = p->pb;
    }
    if (ok) {
        in = calloc(n ? n : 1, sizeof *in);
        owned = calloc(n ? 3 * (size_t)n : 1, sizeof *owned);
        ok = in && owned;
        if (!ok) nb_throw_status(env, "out of memory");
    }
    for (uint32_t i = 0; ok && i < n; i++) {
        napi_value t, v[3];
        ok = napi_get_element(env, argv[0], i, &t) == napi_ok;
        for (uint32_t k = 0; ok && k < 3; k++) ok = napi_get_element(env, t, k, &v[k]) == napi_ok;
        if (!ok) break;
        ok = nb_ch_opt_text(env, v[0], "audit", "name", &owned[3 * i], &in[i].name_len) &&
             (owned[3 * i + 1] = nb_text_arg(env, v[1], "audit", "text", TY_DOMAIN_NONE, &in[i].len)) != NULL &&
             nb_ch_opt_text(env, v[2], "audit", "format", &owned[3 * i + 2], &in[i].format_len);
        in[i].name = owned[3 * i];
        in[i].text = owned[3 * i + 1];
        in[i].format = owned[3 * i + 2];
    }
    if (ok) {
        o.business = biz;
        o.hours = hours;
        o.date_order = (int)(order < -1 || order > 3 ? -1 : order);
        o.utc_offset = (int32_t)(off > TY_UTC_OFFSET_MAX + 1 ? TY_UTC_OFFSET_MAX + 1 : off < -TY_UTC_OFFSET_MAX - 1 ? -TY_UTC_OFFSET_MAX - 1 : off);
        o.late_after = late;
        for (int k = 0; k < 4; k++) o.columns[k] = col[k];
        ty_error err;
        memset(&err, 0, sizeof err);
        out = nb_doc_result(env, ty_audit(in, n, &o, &err), &err);
    }
    for (size_t i = 0; owned && i < 3 * (size_t)n; i++) free(owned[i]);
    free(owned);
    free(in);
    free(biz);
    free(hours);
    for (int k = 0; k < 4; k++) free(col[k]);
    return out;
}

/* _auditReport(json) -> the readable report (ty_audit_report) of an
 * audit result given as its JSON text. */
static napi_value nb_ch_audit_report(napi_env env, napi_callback_info info) {
    size_t argc = 1, len = 0;
    napi_value argv[1], out = NULL;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    char *json = nb_text_arg(env, argv[0], "auditReport", "result", TY_DOMAIN_NONE, &len);
    if (!json) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_doc *doc = ty_doc_parse(json, len, NULL, &err);
    ty_buf b;
    ty_buf_init(&b, NULL);
    if (!doc || ty_audit_report(ty_doc_root(doc), &b, &err)) nb_doc_result(env, NULL, &err);
    else if (napi_create_string_utf8(env, b.ptr ? b.ptr : "", b.len, &out) != napi_ok)
        nb_throw_status(env, "napi_create_string_utf8");
    ty_buf_free(&b);
    ty_doc_free(doc);
    free(json);
    return out;
}

/* _inbound(channel, body, at) -> {events, ignored}: ty_inbound. body: a
 * string or the request's bytes (a Buffer or any typed array); at: seconds
 * or null (unknown). */
static napi_value nb_ch_inbound(napi_env env, napi_callback_info info) {
    size_t argc = 3;
    napi_value argv[3];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    size_t chlen = 0, blen = 0;
    char *channel = nb_text_arg(env, argv[0], "inbound", "channel", TY_DOMAIN_NONE, &chlen), *text = NULL;
    const char *body = NULL;
    int64_t at = 0;
    int has_at = 0;
    napi_value out = NULL;
    bool typed = false;
    if (channel && !nb_is_string(env, argv[1])) {
        void *data = NULL;
        napi_typedarray_type tt;
        size_t n = 0, off = 0;
        napi_value ab;
        if (napi_is_typedarray(env, argv[1], &typed) == napi_ok && typed &&
            napi_get_typedarray_info(env, argv[1], &tt, &n, &data, &ab, &off) == napi_ok) {
            size_t width = tt == napi_int16_array || tt == napi_uint16_array ? 2
                           : tt == napi_int32_array || tt == napi_uint32_array || tt == napi_float32_array ? 4
                           : tt >= napi_float64_array ? 8 : 1;
            body = data ? data : "";
            blen = n * width;
        } else {
            typed = false;
            nb_type_error(env, NULL, "inbound() body must be a string or a Buffer (the request body as received)");
        }
    } else if (channel) {
        body = text = nb_text_arg(env, argv[1], "inbound", "body", TY_DOMAIN_EVENT, &blen);
    }
    if (body && nb_ch_opt_seconds(env, argv[2], "inbound() at", &at, &has_at)) {
        ty_error err;
        memset(&err, 0, sizeof err);
        out = nb_doc_result(env, ty_inbound(channel, chlen, body, blen, at, has_at, &err), &err);
    }
    free(channel);
    free(text);
    return out;
}

/* The bytes of a string (UTF-8, malloc'd into *owned) or a typed array
 * (borrowed) v; false with an exception pending. */
static bool nb_ch_bytes(napi_env env, napi_value v, const char *fn, const char *what, const char **p, size_t *n,
                        char **owned) {
    *owned = NULL;
    if (nb_is_string(env, v)) return (*p = *owned = nb_text_arg(env, v, fn, what, TY_DOMAIN_EVENT, n)) != NULL;
    bool typed = false;
    napi_typedarray_type tt;
    size_t len = 0, off = 0;
    void *data = NULL;
    napi_value ab;
    if (napi_is_typedarray(env, v, &typed) == napi_ok && typed &&
        napi_get_typedarray_info(env, v, &tt, &len, &data, &ab, &off) == napi_ok &&
        (tt == napi_uint8_array || tt == napi_int8_array || tt == napi_uint8_clamped_array)) {
        *p = data ? data : "";
        *n = len;
        return true;
    }
    char msg[160];
    const char *parts[] = {fn, "() ", what, " must be a string or a Buffer", NULL};
    nb_concat(msg, sizeof msg, parts, 4);
    nb_type_error(env, NULL, msg);
    return false;
}

/* _signatureHeader(channel) -> the channel's signature header, lower case. */
static napi_value nb_ch_signature_header(napi_env env, napi_callback_info info) {
    size_t argc = 1, chlen = 0;
    napi_value argv[1];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    char *channel = nb_text_arg(env, argv[0], "verify", "channel", TY_DOMAIN_NONE, &chlen);
    if (!channel) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    const char *h = ty_signature_header(channel, chlen, &err);
    free(channel);
    napi_value out = NULL;
    if (!h) return nb_doc_result(env, NULL, &err);
    NB_CALL(env, napi_create_string_utf8(env, h, NAPI_AUTO_LENGTH, &out));
    return out;
}

/* _signatureCheck(channel, header, body, url) -> [algorithm, message,
 * digest] (Buffers): what ty_signature_check reads; the HMAC is verify's
 * (node/channels.js). */
static napi_value nb_ch_signature_check(napi_env env, napi_callback_info info) {
    size_t argc = 4;
    napi_value argv[4];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    size_t chlen = 0, hn = 0, bn = 0, un = 0;
    const char *hdr = NULL, *body = NULL;
    char *channel = nb_text_arg(env, argv[0], "verify", "channel", TY_DOMAIN_NONE, &chlen), *hown = NULL, *bown = NULL,
         *url = NULL;
    napi_value out = NULL;
    bool ok = channel && (nb_is_nullish(env, argv[1]) || nb_ch_bytes(env, argv[1], "verify", "header", &hdr, &hn, &hown)) &&
              nb_ch_bytes(env, argv[2], "verify", "body", &body, &bn, &bown) &&
              nb_ch_opt_text(env, argv[3], "verify", "url", &url, &un);
    if (ok) {
        ty_signature sig;
        memset(&sig, 0, sizeof sig);
        ty_error err;
        memset(&err, 0, sizeof err);
        if (ty_signature_check(channel, chlen, hdr, hn, body, bn, url, un, &sig, &err)) {
            nb_doc_result(env, NULL, &err);
        } else {
            napi_value alg, msg, dig, arr;
            void *mp, *dp;
            if (napi_create_int32(env, sig.algorithm, &alg) == napi_ok &&
                napi_create_buffer_copy(env, sig.message.len, sig.message.ptr ? sig.message.ptr : "", &mp, &msg) ==
                    napi_ok &&
                napi_create_buffer_copy(env, sig.digest_len, sig.digest, &dp, &dig) == napi_ok &&
                napi_create_array_with_length(env, 3, &arr) == napi_ok && napi_set_element(env, arr, 0, alg) == napi_ok &&
                napi_set_element(env, arr, 1, msg) == napi_ok && napi_set_element(env, arr, 2, dig) == napi_ok)
                out = arr;
            else
                nb_throw_status(env, "napi_create_buffer_copy");
        }
        ty_signature_free(&sig);
    }
    free(channel);
    free(hown);
    free(bown);
    free(url);
    return out;
}

/* _handoverSigned(conversation) -> Buffer: the bytes a handover tag signs. */
static napi_value nb_ch_handover_signed(napi_env env, napi_callback_info info) {
    size_t argc = 1, n = 0;
    napi_value argv[1], out = NULL;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    char *conv = nb_text_arg(env, argv[0], "handover", "conversation", TY_DOMAIN_NONE, &n);
    if (!conv) return NULL;
    ty_buf b;
    ty_buf_init(&b, NULL);
    ty_error err;
    memset(&err, 0, sizeof err);
    void *data;
    if (ty_handover_signed(conv, n, &b, &err)) nb_doc_result(env, NULL, &err);
    else if (napi_create_buffer_copy(env, b.len, b.ptr ? b.ptr : "", &data, &out) != napi_ok)
        nb_throw_status(env, "napi_create_buffer_copy");
    ty_buf_free(&b);
    free(conv);
    return out;
}

/* _handoverFind(text) -> [conversation, tag] | null */
static napi_value nb_ch_handover_find(napi_env env, napi_callback_info info) {
    size_t argc = 1, n = 0;
    napi_value argv[1], out = NULL;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    char *text = nb_text_arg(env, argv[0], "handoverRef", "text", TY_DOMAIN_NONE, &n);
    if (!text) return NULL;
    const char *conv, *tag;
    size_t cn, tn;
    napi_value a, b;
    if (!ty_handover_find(text, n, &conv, &cn, &tag, &tn)) napi_get_null(env, &out);
    else if (napi_create_string_utf8(env, conv, cn, &a) != napi_ok || napi_create_string_utf8(env, tag, tn, &b) != napi_ok ||
             napi_create_array_with_length(env, 2, &out) != napi_ok || napi_set_element(env, out, 0, a) != napi_ok ||
             napi_set_element(env, out, 1, b) != napi_ok)
        out = NULL;
    free(text);
    return out;
}

/* _handshake(mode, token, challenge, verifyToken) -> challenge | null */
static napi_value nb_ch_handshake(napi_env env, napi_callback_info info) {
    size_t argc = 4;
    napi_value argv[4];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    char *s[4] = {NULL, NULL, NULL, NULL};
    size_t n[4] = {0, 0, 0, 0};
    static const char *const names[] = {"hub.mode", "hub.verify_token", "hub.challenge", "verifyToken"};
    bool ok = true;
    for (int i = 0; i < 4 && ok; i++) ok = nb_ch_opt_text(env, argv[i], "handshake", names[i], &s[i], &n[i]);
    napi_value out = NULL;
    if (ok) {
        if (ty_handshake(s[0], n[0], s[1], n[1], s[2], n[2], s[3], n[3])) out = argv[2];
        else napi_get_null(env, &out);
    }
    for (int i = 0; i < 4; i++) free(s[i]);
    return out;
}

/* _playbookLint(nativePlaybook, channel) -> [{template, variant, channel,
 * code, severity, message, start, end}]: ty_playbook_lint. */
static napi_value nb_ch_playbook_lint(napi_env env, napi_callback_info info) {
    size_t argc = 2;
    napi_value argv[2];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, argv[0]);
    if (!p) return NULL;
    char *channel = NULL;
    size_t chlen = 0;
    if (!nb_ch_opt_text(env, argv[1], "lint", "channel", &channel, &chlen)) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    napi_value out = nb_doc_result(env, ty_playbook_lint(p->pb, channel, chlen, &err), &err);
    free(channel);
    return out;
}

/* Identifies objects wrapped by this addon as Metrics. */
static const napi_type_tag nb_metrics_tag = {0x74696e7979657331ULL, 0x4d6574726963730aULL};

/* Frees a Metrics' ty_metrics when its JS object is collected (a basic
 * finalizer: runs during garbage collection). */
static void nb_metrics_finalize(node_api_basic_env env, void *data, void *hint) {
    (void)hint;
    int64_t held = (int64_t)ty_metrics_bytes(data); /* what was reported */
    nb_external_set(env, &held, 0);
    ty_metrics_free(data);
}

/* The ty_metrics behind `self`, or NULL with a TypeError thrown. */
static ty_metrics *nb_metrics_unwrap(napi_env env, napi_value self) {
    bool ok = false;
    void *m = NULL;
    if (self && napi_check_object_type_tag(env, self, &nb_metrics_tag, &ok) == napi_ok && ok &&
        napi_unwrap(env, self, &m) == napi_ok && m)
        return m;
    nb_type_error(env, NULL, "this method needs a Metrics (called on another object)");
    return NULL;
}

/* new Metrics(): an empty streaming accumulator (ty_metrics_new). */
static napi_value nb_metrics_new(napi_env env, napi_callback_info info) {
    napi_value self, target;
    NB_CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
    NB_CALL(env, napi_get_new_target(env, info, &target));
    if (!target) {
        nb_type_error(env, NULL, "Class constructor Metrics cannot be invoked without 'new'");
        return NULL;
    }
    ty_error err;
    memset(&err, 0, sizeof err);
    ty_metrics *m = ty_metrics_new(NULL, &err);
    if (!m) {
        throw_ty_error(env, &err);
        return NULL;
    }
    if (napi_wrap(env, self, m, nb_metrics_finalize, NULL, NULL) != napi_ok) {
        ty_metrics_free(m);
        nb_throw_status(env, "the Metrics constructor");
        return NULL;
    }
    /* from here the finalizer owns m */
    int64_t held = 0;
    nb_external_set(env, &held, ty_metrics_bytes(m));
    NB_CALL(env, napi_type_tag_object(env, self, &nb_metrics_tag));
    return self;
}

/* The core names a bad event by its index in the list it was given; a
 * chunk that starts at `base` in the caller's stream makes that
 * "events[<base + i>]..." in s (cap bytes, NUL-terminated), so the error
 * names the event's place in the whole stream. */
static void nb_ch_rebase(char *s, size_t cap, uint64_t base) {
    static const char prefix[] = "events[";
    size_t p = sizeof prefix - 1, i = p;
    if (!base || strncmp(s, prefix, p) != 0) return;
    uint64_t x = 0;
    while (s[i] >= '0' && s[i] <= '9') x = x * 10 + (uint64_t)(s[i++] - '0');
    if (i == p || s[i] != ']') return;
    char num[24];
    size_t nn = strlen(nb_utoa(x + base, num));
    /* the new number is at least as long as the old: move the tail right,
     * cutting its end when the buffer is full */
    size_t at = p + nn;
    if (at >= cap) return;
    size_t tail = strlen(s + i);
    if (tail > cap - 1 - at) tail = cap - 1 - at;
    memmove(s + at, s + i, tail);
    s[at + tail] = '\0';
    memcpy(s + p, num, nn);
}

/* Counts the events in doc (freed here) into m; a core error is thrown
 * with its index moved by base. Returns undefined, or NULL with an
 * exception pending. */
static napi_value nb_ch_metrics_count(napi_env env, ty_metrics *m, ty_doc *doc, uint64_t base) {
    ty_error err;
    memset(&err, 0, sizeof err);
    int64_t held = (int64_t)ty_metrics_bytes(m);
    int rc = ty_metrics_add(m, ty_doc_root(doc), &err);
    nb_external_set(env, &held, ty_metrics_bytes(m)); /* it grew */
    ty_doc_free(doc);
    if (rc < 0) {
        nb_ch_rebase(err.path, sizeof err.path, base);
        nb_ch_rebase(err.message, sizeof err.message, base);
        throw_ty_error(env, &err);
        return NULL;
    }
    napi_value out;
    NB_CALL(env, napi_get_undefined(env, &out));
    return out;
}

/* The `base` argument of _add/_addTape: undefined/null or a whole number. */
static bool nb_ch_base_arg(napi_env env, napi_value v, uint64_t *base) {
    double x = 0;
    *base = 0;
    if (!nb_is_nullish(env, v) && !nb_whole_arg(env, v, "Metrics base", 0, 9007199254740992.0, &x)) return false;
    *base = (uint64_t)x;
    return true;
}

/* Converts JS array arr into a new doc holding a list of its items, by
 * js_to_doc's rules, each item's errors naming "events[<base + i>]...".
 * NULL with an exception pending on failure. */
static ty_doc *nb_ch_events_doc(napi_env env, napi_value arr, uint64_t base) {
    uint32_t n;
    NB_CALL(env, napi_get_array_length(env, arr, &n));
    nb_conv *c = malloc(sizeof *c);
    ty_doc *doc = ty_doc_new(NULL);
    char *buf = malloc(NB_CONV_SCRATCH);
    ty_value *list = doc ? ty_val_list(doc) : NULL;
    if (!c || !buf || !list) {
        free(c);
        free(buf);
        ty_doc_free(doc);
        nb_throw_nomem(env);
        return NULL;
    }
    memset(c, 0, sizeof *c);
    c->env = env;
    c->doc = doc;
    c->domain = TY_DOMAIN_EVENT;
    c->value_code = TY_E_EVENT;
    c->buf = buf;
    c->cap = NB_CONV_SCRATCH;
    /* each item is converted as its own root, named with its index in the
     * whole stream ("events[12345]"), so paths are right whatever the chunk */
    char root[48];
    c->root = root;
    bool ok = true;
    for (uint32_t i = 0; i < n && ok; i++) {
        napi_handle_scope scope;
        if (napi_open_handle_scope(env, &scope) != napi_ok) {
            nb_throw_status(env, "napi_open_handle_scope");
            ok = false;
            break;
        }
        char num[24];
        const char *parts[] = {"events[", nb_utoa(base + i, num), "]", NULL};
        nb_concat(root, sizeof root, parts, 3);
        napi_value item;
        napi_valuetype t;
        ty_value *v = NULL;
        if (napi_get_element(env, arr, i, &item) != napi_ok || napi_typeof(env, item, &t) != napi_ok)
            nb_throw_status(env, "napi_get_element");
        else if (t == napi_undefined) { /* JSON.stringify's rule for arrays */
            if (!(v = ty_val_null(doc))) nb_throw_nomem(env);
        } else
            v = nb_conv_value(c, item, t, 0);
        if (v && ty_list_push(doc, list, v) < 0) {
            nb_throw_nomem(env);
            v = NULL;
        }
        ok = v != NULL;
        if (napi_close_handle_scope(env, scope) != napi_ok && ok) {
            nb_throw_status(env, "napi_close_handle_scope");
            ok = false;
        }
    }
    free(c->buf);
    free(c);
    if (!ok) {
        ty_doc_free(doc);
        return NULL;
    }
    ty_doc_set_root(doc, list);
    return doc;
}

/* _add(events, base): counts a JS array of events (anything else is
 * counted as null, which the core reports as "events: must be a list of
 * metric events"); base is the index of events[0] in the caller's stream. */
static napi_value nb_metrics_add(napi_env env, napi_callback_info info) {
    size_t argc = 2;
    napi_value argv[2], self;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    ty_metrics *m = nb_metrics_unwrap(env, self);
    uint64_t base;
    if (!m || !nb_ch_base_arg(env, argv[1], &base)) return NULL;
    bool arr = false;
    NB_CALL(env, napi_is_array(env, argv[0], &arr));
    ty_doc *doc;
    if (arr) {
        doc = nb_ch_events_doc(env, argv[0], base);
    } else {
        doc = ty_doc_new(NULL);
        ty_value *nv = doc ? ty_val_null(doc) : NULL;
        if (!nv) {
            ty_doc_free(doc);
            doc = NULL;
            nb_throw_nomem(env);
        } else {
            ty_doc_set_root(doc, nv);
        }
    }
    return doc ? nb_ch_metrics_count(env, m, doc, base) : NULL;
}

/* _addTape(meta, n, joined, base): _add with the list of events encoded as
 * one value tape by node/channels.js (the fast path). */
static napi_value nb_metrics_add_tape(napi_env env, napi_callback_info info) {
    size_t argc = 4;
    napi_value argv[4], self;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    ty_metrics *m = nb_metrics_unwrap(env, self);
    uint64_t base;
    if (!m || !nb_ch_base_arg(env, argv[3], &base)) return NULL;
    ty_doc *doc;
    if (!nb_tape_docs(env, argv[0], argv[1], argv[2], false, &doc, 1, false)) return NULL;
    return nb_ch_metrics_count(env, m, doc, base);
}

/* result() -> the metrics so far (ty_metrics_result); m is unchanged. */
static napi_value nb_metrics_result(napi_env env, napi_callback_info info) {
    napi_value self;
    NB_CALL(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
    ty_metrics *m = nb_metrics_unwrap(env, self);
    if (!m) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    return nb_doc_result(env, ty_metrics_result(m, &err), &err);
}

/* Adds this section's functions and the Metrics class to exports; false
 * with an exception pending on failure. Called once by the module init. */
static bool nb_channels_init(napi_env env, napi_value exports, nb_inst *inst) {
    napi_property_descriptor mprops[] = {
        {"_add", NULL, nb_metrics_add, NULL, NULL, NULL, napi_default_method, inst},
        {"_addTape", NULL, nb_metrics_add_tape, NULL, NULL, NULL, napi_default_method, inst},
        {"result", NULL, nb_metrics_result, NULL, NULL, NULL, napi_default_method, inst},
    };
    napi_value mctor, payload, payload_tape, lint, pblint, inbound, sigheader, sigcheck, handshake, hsigned, hfind, audit,
        areport;
    NB_CALL_RET(env, napi_define_class(env, "Metrics", NAPI_AUTO_LENGTH, nb_metrics_new, inst,
                                       sizeof mprops / sizeof mprops[0], mprops, &mctor), false);
    NB_CALL_RET(env, napi_create_function(env, "_payload", NAPI_AUTO_LENGTH, nb_ch_payload, inst, &payload), false);
    NB_CALL_RET(env, napi_create_function(env, "_payloadTape", NAPI_AUTO_LENGTH, nb_ch_payload_tape, inst,
                                          &payload_tape), false);
    NB_CALL_RET(env, napi_create_function(env, "_lint", NAPI_AUTO_LENGTH, nb_ch_lint, inst, &lint), false);
    NB_CALL_RET(env, napi_create_function(env, "_playbookLint", NAPI_AUTO_LENGTH, nb_ch_playbook_lint, inst, &pblint),
                false);
    NB_CALL_RET(env, napi_create_function(env, "_inbound", NAPI_AUTO_LENGTH, nb_ch_inbound, inst, &inbound), false);
    NB_CALL_RET(env, napi_create_function(env, "_signatureHeader", NAPI_AUTO_LENGTH, nb_ch_signature_header, inst,
                                          &sigheader), false);
    NB_CALL_RET(env, napi_create_function(env, "_signatureCheck", NAPI_AUTO_LENGTH, nb_ch_signature_check, inst,
                                          &sigcheck), false);
    NB_CALL_RET(env, napi_create_function(env, "_handshake", NAPI_AUTO_LENGTH, nb_ch_handshake, inst, &handshake),
                false);
    NB_CALL_RET(env, napi_create_function(env, "_handoverSigned", NAPI_AUTO_LENGTH, nb_ch_handover_signed, inst,
                                          &hsigned), false);
    NB_CALL_RET(env, napi_create_function(env, "_handoverFind", NAPI_AUTO_LENGTH, nb_ch_handover_find, inst, &hfind),
                false);
    NB_CALL_RET(env, napi_create_function(env, "_audit", NAPI_AUTO_LENGTH, nb_ch_audit, inst, &audit), false);
    NB_CALL_RET(env, napi_create_function(env, "_auditReport", NAPI_AUTO_LENGTH, nb_ch_audit_report, inst, &areport),
                false);
    napi_property_descriptor eprops[] = {
        {"Metrics", NULL, NULL, NULL, NULL, mctor, napi_enumerable, NULL},
        {"_payload", NULL, NULL, NULL, NULL, payload, napi_default, NULL},
        {"_payloadTape", NULL, NULL, NULL, NULL, payload_tape, napi_default, NULL},
        {"_lint", NULL, NULL, NULL, NULL, lint, napi_default, NULL},
        {"_playbookLint", NULL, NULL, NULL, NULL, pblint, napi_default, NULL},
        {"_inbound", NULL, NULL, NULL, NULL, inbound, napi_default, NULL},
        {"_signatureHeader", NULL, NULL, NULL, NULL, sigheader, napi_default, NULL},
        {"_signatureCheck", NULL, NULL, NULL, NULL, sigcheck, napi_default, NULL},
        {"_handshake", NULL, NULL, NULL, NULL, handshake, napi_default, NULL},
        {"_handoverSigned", NULL, NULL, NULL, NULL, hsigned, napi_default, NULL},
        {"_handoverFind", NULL, NULL, NULL, NULL, hfind, napi_default, NULL},
        {"_audit", NULL, NULL, NULL, NULL, audit, napi_default, NULL},
        {"_auditReport", NULL, NULL, NULL, NULL, areport, napi_default, NULL},
    };
    NB_CALL_RET(env, napi_define_properties(env, exports, sizeof eprops / sizeof eprops[0], eprops), false);
    return true;
}

/* ===================================================================== *
 * end of 8b. Channels, lint and metrics
 * ===================================================================== */

/* ===================================================================== *
 * 9. Module init
 * ===================================================================== */

napi_status nb_cli_register(napi_env env, napi_value exports); /* node/nb_cli.c: the chat and lint CLIs */

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
    nb_inst *inst = calloc(1, sizeof *inst);
    if (!inst) {
        napi_throw_range_error(env, "TY_NOMEM", "out of memory");
        return NULL;
    }
    inst->refs = 1;
    ty_buf_init(&inst->out, NULL);
    inst->scratch = malloc(NB_SCRATCH_INITIAL);
    inst->scratch_cap = NB_SCRATCH_INITIAL;
    inst->joined = malloc(NB_SCRATCH_INITIAL);
    inst->joined_cap = NB_SCRATCH_INITIAL;
    if (!inst->scratch || !inst->joined || napi_set_instance_data(env, inst, nb_inst_finalize, NULL) != napi_ok) {
        free(inst->scratch);
        free(inst->joined);
        free(inst);
        napi_throw_error(env, NULL, "tinyyes: cannot set up the addon's instance data");
        return NULL;
    }
    /* from here the environment owns inst */

    napi_property_descriptor tprops[] = {
        {"render", NULL, nb_template_render, NULL, NULL, NULL, napi_default_method, inst},
        {"_id", NULL, NULL, nb_template_id, NULL, NULL, napi_configurable, inst},
        {"source", NULL, NULL, nb_template_source, NULL, NULL, napi_configurable, inst},
        {"names", NULL, NULL, nb_template_names, NULL, NULL, napi_configurable, inst},
    };
    napi_value ctor;
    NB_CALL(env, napi_define_class(env, "Template", NAPI_AUTO_LENGTH, nb_template_new, inst,
                                   sizeof tprops / sizeof tprops[0], tprops, &ctor));
    NB_CALL(env, napi_create_reference(env, ctor, 1, &inst->template_ctor));

    napi_property_descriptor pprops[] = {
        {"_match", NULL, nb_playbook_match, NULL, NULL, NULL, napi_default_method, inst},
        {"_recognize", NULL, nb_playbook_recognize, NULL, NULL, NULL, napi_default_method, inst},
        {"_stats", NULL, nb_playbook_stats, NULL, NULL, NULL, napi_default_method, inst},
        {"_handoverLink", NULL, nb_playbook_handover_link, NULL, NULL, NULL, napi_default_method, inst},
        {"_checkEventText", NULL, nb_playbook_check_event_text, NULL, NULL, NULL, napi_default_method, inst},
        {"_migrate", NULL, nb_playbook_migrate, NULL, NULL, NULL, napi_default_method, inst},
        {"_step", NULL, nb_playbook_step, NULL, NULL, NULL, napi_default_method, inst},
        {"_stepTape", NULL, nb_playbook_step_tape, NULL, NULL, NULL, napi_default_method, inst},
    };
    napi_value pctor;
    NB_CALL(env, napi_define_class(env, "Playbook", NAPI_AUTO_LENGTH, nb_playbook_new, inst,
                                   sizeof pprops / sizeof pprops[0], pprops, &pctor));
    NB_CALL(env, napi_create_reference(env, pctor, 1, &inst->playbook_ctor));

    /* js_to_doc tells plain objects by their prototype */
    napi_value global, object_ctor, object_proto;
    NB_CALL(env, napi_get_global(env, &global));
    NB_CALL(env, napi_get_named_property(env, global, "Object", &object_ctor));
    NB_CALL(env, napi_get_named_property(env, object_ctor, "prototype", &object_proto));
    NB_CALL(env, napi_create_reference(env, object_proto, 1, &inst->object_proto));

    /* the documented defaults (README.md: limits are documented and settable) */
    napi_value limits;
    NB_CALL(env, napi_create_object(env, &limits));
    if (!nb_set_number(env, limits, "templateMaxSource", TY_TEMPLATE_MAX_SOURCE) ||
        !nb_set_number(env, limits, "templateMaxDepth", TY_TEMPLATE_MAX_DEPTH) ||
        !nb_set_number(env, limits, "templateMaxOutput", TY_TEMPLATE_MAX_OUTPUT) ||
        !nb_set_number(env, limits, "messageMaxBytes", TY_MESSAGE_MAX_BYTES) ||
        !nb_set_number(env, limits, "playbookMaxBytes", TY_PLAYBOOK_MAX_BYTES) ||
        !nb_set_number(env, limits, "playbookMaxIntents", TY_PLAYBOOK_MAX_INTENTS) ||
        !nb_set_number(env, limits, "playbookMaxExamples", TY_PLAYBOOK_MAX_EXAMPLES) ||
        !nb_set_number(env, limits, "stateMaxBytes", TY_STATE_MAX_BYTES) ||
        !nb_set_number(env, limits, "valueMaxDepth", NB_CONV_MAX_DEPTH))
        return NULL;
    NB_CALL(env, napi_object_freeze(env, limits));

    napi_value version, roundtrip, live, render_pre, dflt, canon, canon_tape, live_pb, set_decoder, utc_offset,
        utc_max;
    NB_CALL(env, napi_create_function(env, "_utcOffset", NAPI_AUTO_LENGTH, nb_utc_offset, inst, &utc_offset));
    NB_CALL(env, napi_create_int32(env, TY_UTC_OFFSET_MAX, &utc_max));
    NB_CALL(env, napi_create_string_utf8(env, ty_version(), NAPI_AUTO_LENGTH, &version)); /* the library's own */
    NB_CALL(env, napi_create_function(env, "_jsonRoundtrip", NAPI_AUTO_LENGTH, nb_json_roundtrip, inst,
                                      &roundtrip));
    NB_CALL(env, napi_create_function(env, "_liveTemplates", NAPI_AUTO_LENGTH, nb_live_templates, inst, &live));
    NB_CALL(env, napi_create_function(env, "_renderPre", NAPI_AUTO_LENGTH, nb_render_pre, inst, &render_pre));
    NB_CALL(env, napi_create_function(env, "_defaultPlaybook", NAPI_AUTO_LENGTH, nb_default_playbook, inst, &dflt));
    NB_CALL(env, napi_create_function(env, "_canonicalJson", NAPI_AUTO_LENGTH, nb_canonical_json, inst, &canon));
    NB_CALL(env, napi_create_function(env, "_livePlaybooks", NAPI_AUTO_LENGTH, nb_live_playbooks, inst, &live_pb));
    NB_CALL(env, napi_create_function(env, "_canonicalTape", NAPI_AUTO_LENGTH, nb_canonical_tape, inst, &canon_tape));
    NB_CALL(env, napi_create_function(env, "_setResultDecoder", NAPI_AUTO_LENGTH, nb_set_result_decoder, inst,
                                      &set_decoder));
    napi_value set_errors;
    NB_CALL(env, napi_create_function(env, "_setErrorClasses", NAPI_AUTO_LENGTH, nb_set_error_classes, inst,
                                      &set_errors));
    napi_property_descriptor eprops[] = {
        {"Template", NULL, NULL, NULL, NULL, ctor, napi_enumerable, NULL},
        {"Playbook", NULL, NULL, NULL, NULL, pctor, napi_enumerable, NULL},
        {"version", NULL, NULL, NULL, NULL, version, napi_enumerable, NULL},
        {"limits", NULL, NULL, NULL, NULL, limits, napi_enumerable, NULL},
        {"_jsonRoundtrip", NULL, NULL, NULL, NULL, roundtrip, napi_default, NULL},
        {"_liveTemplates", NULL, NULL, NULL, NULL, live, napi_default, NULL},
        {"_renderPre", NULL, NULL, NULL, NULL, render_pre, napi_default, NULL},
        {"_defaultPlaybook", NULL, NULL, NULL, NULL, dflt, napi_default, NULL},
        {"_utcOffset", NULL, NULL, NULL, NULL, utc_offset, napi_default, NULL},
        {"_utcOffsetMax", NULL, NULL, NULL, NULL, utc_max, napi_default, NULL},
        {"_canonicalJson", NULL, NULL, NULL, NULL, canon, napi_default, NULL},
        {"_canonicalTape", NULL, NULL, NULL, NULL, canon_tape, napi_default, NULL},
        {"_livePlaybooks", NULL, NULL, NULL, NULL, live_pb, napi_default, NULL},
        {"_setResultDecoder", NULL, NULL, NULL, NULL, set_decoder, napi_default, NULL},
        {"_setErrorClasses", NULL, NULL, NULL, NULL, set_errors, napi_default, NULL},
    };
    NB_CALL(env, napi_define_properties(env, exports, sizeof eprops / sizeof eprops[0], eprops));
    if (!nb_channels_init(env, exports, inst)) return NULL; /* 8b: payload, lint, Metrics */
    NB_CALL(env, nb_cli_register(env, exports));
    return exports;
}
