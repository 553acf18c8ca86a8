/*
 * common.h — what the files of the Node-API binding share: the checked-call
 * macros (NB_CALL), the per-environment instance data, the structures of a
 * render and of a Playbook, and the functions one file uses from another.
 *
 * The binding is raw Node-API (version 8 plus basic finalizers) in C, and
 * only plumbing: argument conversion, error mapping, object lifetimes.
 * Policy and convenience live in node/index.js. It is split by class, as
 * Node's own test/js-native-api/common.h and its users are:
 *   nb_errors.c    failed napi_* calls, core errors and argument errors as JS
 *                  exceptions
 *   nb_args.c      reading JS values: strings, numbers, plain objects
 *   nb_hostdata.c  a ty_data_ops over napi_values (the lazy route templates
 *                  read data by) and the pre-extraction records
 *   nb_marshal.c   JS values to ty_value trees (value tapes, one walk) and
 *                  ty_value trees to JS values (the output tape)
 *   nb_template.c  the Template class
 *   nb_playbook.c  the Playbook class, the default playbook, canonical JSON
 *   nb_channels.c  payload, lint, inbound, signatures, handover, audit
 *   nb_metrics.c   the Metrics class
 *   nb_module.c    module init: instance data, the limits object, version
 *
 * Built with -fvisibility=hidden: the functions declared here are shared
 * between the files of the addon, not exported from it.
 */
#ifndef TINYYES_NODE_COMMON_H
#define TINYYES_NODE_COMMON_H

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
#include "tags.h" /* NB_OUT_*, NB_TAPE_*, NB_PRE_*, NB_KEYS_MAX: generated from tags.json */

/* ---- checked calls ------------------------------------------------------ */

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

/* The map shapes (key sequences) results were sent with, by id (the output
 * tape, nb_marshal.c): an open-addressing index over a list, keys stored as
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
    napi_ref object_proto;   /* this environment's Object.prototype (value tapes) */
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


/* ---- host data (nb_hostdata.c, nb_template.c) ------------------------- */

/* See nb_hostdata.c for how a template reads JS data and the records of
 * node/index.js's pre-extraction. */
#define NB_KEYS_HASH 128 /* open-addressing slots, at most half full */
#define NB_SEEN 32       /* pointer cache slots */
#define NB_HOLDER_SOURCE 0 /* holder index of the source string */
#define NB_HOLDER_KEYS 1   /* holder index of key 0 */
#define NB_PRE_RECORDS_MAX (1u << 20)

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

/* ---- values and results (nb_marshal.c) -------------------------------- */

/* Deeper trees than this are refused rather than risking the C stack; core
 * documents are far shallower (JSON parsing stops at 64 by default). */
#define NB_DOC_MAX_DEPTH 1000

/* The core's TY_VALUE_MAX_DEPTH, the Python binding's limit too, so a value
 * that converts here converts there and parses from JSON text in C. */
#define NB_CONV_MAX_DEPTH TY_VALUE_MAX_DEPTH

/* A loaded playbook, wrapped by the Playbook class (nb_playbook.c). */
typedef struct nb_playbook {
    ty_playbook *pb;
    nb_inst *inst;
    int64_t external; /* bytes reported to V8 as external memory */
} nb_playbook;

/* ---- small helpers on hot paths (inline in every file) ----------------- */

/* True when v is a JS string (no exception is thrown either way). */
static inline bool nb_is_string(napi_env env, napi_value v) {
    napi_valuetype t;
    return napi_typeof(env, v, &t) == napi_ok && t == napi_string;
}

/* True when UTF-8 (s, len) holds U+FFFD (EF BF BD), which is how V8 writes a
 * lone surrogate; memchr keeps the common case (none) cheap. */
static inline bool nb_has_fffd(const char *s, size_t len) {
    const char *end = s + len, *p = s;
    while (len >= 3 && (p = memchr(p, 0xEF, (size_t)(end - p))) != NULL) {
        if (end - p >= 3 && (unsigned char)p[1] == 0xBF && (unsigned char)p[2] == 0xBD) return true;
        p++;
    }
    return false;
}

/* Moves *at across `units` UTF-16 units of the UTF-8 text u[0..len) (one
 * to three bytes per unit, four per surrogate pair): how the joined strings
 * of a tape are cut where the JS side counted. False when the text runs
 * out or a pair would be split. */
static inline bool nb_utf16_skip(const unsigned char *u, size_t len, size_t *at, size_t units) {
    size_t got = 0, i = *at;
    while (got < units && i < len) {
        unsigned char c = u[i];
        size_t b = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        got += b == 4 ? 2 : 1;
        i += b;
    }
    *at = i;
    return got == units && i <= len;
}

/* Property descriptors of the export tables: a function (NB_FN) or a
 * class method (NB_METHOD) named `name`, with `data` its callback data. */
#define NB_FN(name, fn, data) {name, NULL, fn, NULL, NULL, NULL, napi_default, data}
#define NB_METHOD(name, fn, data) {name, NULL, fn, NULL, NULL, NULL, napi_default_method, data}
/* Element count of a fixed array. */
#define NB_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- nb_errors.c: errors ----------------------------------------------- */

/* Joins parts[0..nparts) into dst (cap bytes, NUL-terminated, cut to fit). */
void nb_concat(char *dst, size_t cap, const char *const *parts, size_t nparts);
/* Throws an Error naming the failed napi_* call, unless one is pending. */
void nb_throw_status(napi_env env, const char *call);
/* Throws an ArgumentTypeError (a TypeError) with code `code` (NULL: 'TY_ERROR'). */
void nb_type_error(napi_env env, const char *code, const char *msg);
/* Throws a TypeError (range false) or RangeError (range true) "<a><b><c>". */
void nb_arg_error(napi_env env, bool range, const char *a, const char *b, const char *c);
/* Throws a RangeError with code 'TY_NOMEM'. */
void nb_throw_nomem(napi_env env);
/* Throws the error of `domain` for a lone surrogate at UTF-16 index `at` of `what`. */
void nb_throw_lone_surrogate(napi_env env, int domain, const char *what, int64_t at);
/* Throws the JS form of a core error (TY_E_HOST: the pending exception stays). */
void nb_throw_ty_error(napi_env env, const ty_error *err);
/* nb_throw_ty_error with the class NB_ERR_* `which` (-1: the domain's). */
void nb_throw_ty_error_as(napi_env env, const ty_error *err, int which);
/* A new error of class `which` (NB_ERR_*) with message msg; false on failure. */
bool nb_new_error(napi_env env, int which, napi_value msg, napi_value *out);
/* Sets obj[name] to a new string (NUL-terminated s); false on failure. */
bool nb_set_string(napi_env env, napi_value obj, const char *name, const char *s);
/* Sets obj[name] to a new number; false (exception pending) on failure. */
bool nb_set_number(napi_env env, napi_value obj, const char *name, double x);
/* Writes the decimal digits of x into dst (>= 21 bytes); returns dst. */
char *nb_utoa(uint64_t x, char *dst);
/* Adds _setErrorClasses to exports; false with an exception pending. */
bool nb_errors_init(napi_env env, napi_value exports, nb_inst *inst);

/* ---- nb_args.c: reading JS values --------------------------------------- */

/* True (exception-free) when v is undefined or null. */
bool nb_is_nullish(napi_env env, napi_value v);
/* UTF-16 index of the first lone surrogate of string v, -1 for none, -2 on failure. */
int64_t nb_lone_surrogate(napi_env env, napi_value v, const char *s, size_t len);
/* JS string v as fresh malloc'd UTF-8 (caller frees); NULL with an exception pending. */
char *nb_string_dup(napi_env env, napi_value v, size_t *len);
/* Copies the UTF-8 of string v into *buf (grown as needed); TY_E_HOST on failure. */
int nb_utf8_into(napi_env env, napi_value v, char **buf, size_t *cap, size_t *len);
/* A string argument as fresh malloc'd UTF-8 (caller frees), lone surrogates refused. */
char *nb_text_arg(napi_env env, napi_value v, const char *fn, const char *what, int domain, size_t *len);
/* An optional string argument (undefined/null: *out NULL) as nb_text_arg does. */
bool nb_ch_opt_text(napi_env env, napi_value v, const char *fn, const char *what, char **out, size_t *len);
/* A whole number argument within [lo, hi]; false with a TypeError or RangeError. */
bool nb_whole_arg(napi_env env, napi_value v, const char *what, double lo, double hi, double *out);
/* A load limit: undefined, null or 0 for the default, else a whole number. */
bool nb_limit_arg(napi_env env, napi_value v, const char *what, size_t *out);
/* Own enumerable string keys of obj (as a JS array) and their count. */
bool nb_own_keys(napi_env env, napi_value obj, napi_value *keys, uint32_t *n);
/* *plain: obj's prototype is null or an Object.prototype; false on failure. */
bool nb_is_plain(napi_env env, nb_inst *inst, napi_value obj, napi_value *object_proto, bool *plain);
/* The name of object v's class ("Map", "Date") into dst; false when it has none. */
bool nb_class_name(napi_env env, napi_value v, char *dst, size_t cap);

/* ---- nb_hostdata.c: template data read lazily --------------------------- */

/* The callbacks the core reads a render's JS data (or its records) through. */
extern const ty_data_ops nb_data_ops;
/* Index of key in tp->keys, or -1. */
int nb_key_find(nb_template *tp, const char *key, size_t len);
/* Appends key to tp->keys; false when full or out of memory (then not cached). */
bool nb_key_add(nb_template *tp, const char *key, size_t len);
/* Decodes and checks one render's pre-extraction records into *pre; false on a TypeError. */
bool nb_pre_load(napi_env env, nb_render *r, napi_value joined, napi_value meta, napi_value count,
                 nb_pre **pre, size_t *pre_cap, char **buf, size_t *cap);
/* Writes the names a render looked up into the record after the last, for the walk. */
void nb_pre_learn(napi_env env, const nb_render *r, napi_value meta);

/* ---- nb_marshal.c: JS values in, results out ---------------------------- */

/* One root of a value tape: its name in error paths ("event"), the family
 * of its value errors, the index base of a top-level list (a stream chunk's
 * place) and whether a null root means none (a NULL doc). */
typedef struct nb_root {
    const char *name;
    int domain;
    uint64_t base;
    bool null_is_none;
} nb_root;
/* Decodes the value tape tape[0..3] (tokens, count, joined strings, held
 * values) into nroots new docs (caller frees each); false with an exception pending. */
bool nb_tape_docs(napi_env env, const napi_value *tape, const nb_root *roots, size_t nroots, ty_doc **docs);
/* A tape of one root as a new doc (caller frees); NULL with an exception pending. */
ty_doc *nb_tape_doc(napi_env env, const napi_value *tape, const char *root, int domain);
/* Throws err (doc NULL) or returns doc as JS values (the output tape); frees doc. */
napi_value nb_doc_result(napi_env env, ty_doc *doc, const ty_error *err);
/* nb_doc_result with a signature added to the result's state, tokens into
 * `into`; with state_text, the state (signed) goes out as its JSON text. */
napi_value nb_doc_result_signed(napi_env env, ty_doc *doc, const ty_error *err, const char *sig,
                                size_t siglen, napi_value into, bool state_text);
/* Defines the n properties on exports; false with an exception pending. */
bool nb_export(napi_env env, napi_value exports, const napi_property_descriptor *props, size_t n);
/* A live-object count (callback data: a double of nb_inst) as a JS number; for leak tests. */
napi_value nb_live_count(napi_env env, napi_callback_info info);
/* Adds _jsonRoundtrip and _setResultDecoder to exports; false with an exception pending. */
bool nb_marshal_init(napi_env env, napi_value exports, nb_inst *inst);

/* ---- the classes and their functions ------------------------------------ */

/* Adds the Template class, _renderPre and _liveTemplates to exports. */
bool nb_template_init(napi_env env, napi_value exports, nb_inst *inst);
/* The nb_playbook behind `self`, or NULL with a TypeError thrown. */
nb_playbook *nb_playbook_unwrap(napi_env env, napi_value self);
/* Adds the Playbook class and its module functions (canonical JSON, ...) to exports. */
bool nb_playbook_init(napi_env env, napi_value exports, nb_inst *inst);
/* Adds payload, lint, inbound, signature, handover and audit functions to exports. */
bool nb_channels_init(napi_env env, napi_value exports, nb_inst *inst);
/* Adds the Metrics class to exports. */
bool nb_metrics_init(napi_env env, napi_value exports, nb_inst *inst);
/* Adds the chat and lint command lines' functions (nb_cli.c) to exports. */
bool nb_cli_init(napi_env env, napi_value exports, nb_inst *inst);

/* ---- nb_module.c: instance data and object lifetimes -------------------- */

/* Drops one reference to inst; the last one frees it. */
void nb_inst_release(nb_inst *inst);
/* Registers tp under a fresh id (tp->id); false when out of memory. */
bool nb_inst_add(nb_inst *inst, struct nb_template *tp, uint32_t *id);
/* Unregisters template id (its finalizer runs) and releases its reference. */
void nb_inst_remove(nb_inst *inst, uint32_t id);
/* Reports to V8 that an object's external memory *held is now `bytes`. */
void nb_external_set(node_api_basic_env env, int64_t *held, size_t bytes);
/* napi_delete_reference from a basic finalizer (touches no JS state). */
void nb_ref_delete_in_gc(node_api_basic_env env, napi_ref ref);

#endif
