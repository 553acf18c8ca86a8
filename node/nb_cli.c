/*
 * nb_cli.c — the Node-API side of `npx tinyyes chat` and `npx tinyyes
 * lint`: the core's chat session (ty_chat_*) and lint report
 * (ty_lint_report), and its readable JSON (ty_value_write_json_pretty),
 * so node/cli.js and node/lint_cli.js do only arguments and I/O and print
 * the bytes `python -m tinyyes` prints.
 *
 * Values cross as JSON text (a few findings, the chat's --data): these
 * calls run once per command line, and the text route keeps this file
 * apart from the binding's converters (nb_marshal.c). Errors are thrown as Error
 * objects with the core's message and a `code` of its domain
 * ("TY_PLAYBOOK", "TY_ERROR", ...), as the CLI's messages need.
 *
 * Exports (registered by nb_cli_register, called from module init):
 *   _cliPlaybook(source)      a playbook handle (Buffer or string; null: the default)
 *   _chatNew(pb, opts)        [chat handle, header text]
 *   _chatFeed(chat, line)     [go on, output text]
 *   _lintReport(json, opts)   [exit status, output text]
 *   _jsonPretty(json, indent) JSON text as Python's json.dumps writes it
 */
#define NAPI_VERSION 8
#include <node_api.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tinyyes.h"

napi_status nb_cli_register(napi_env env, napi_value exports);

/* Any failed napi_* call: throw (unless an exception is pending) and return r. */
#define NBC_CALL_RET(env, call, r)                                                                                    \
    do {                                                                                                              \
        if ((call) != napi_ok) {                                                                                      \
            nbc_throw_status(env, #call);                                                                             \
            return r;                                                                                                 \
        }                                                                                                             \
    } while (0)
#define NBC_CALL(env, call) NBC_CALL_RET(env, call, NULL)

/* Throws an Error naming the failed call unless an exception is pending. */
static void nbc_throw_status(napi_env env, const char *call) {
    bool pending = false;
    if (napi_is_exception_pending(env, &pending) == napi_ok && pending) return;
    const napi_extended_error_info *info = NULL;
    napi_get_last_error_info(env, &info);
    napi_throw_error(env, "TY_NAPI", info && info->error_message ? info->error_message : call);
}

/* Throws err as an Error with code "TY_<domain>" (out of memory: a RangeError). */
static void nbc_throw(napi_env env, const ty_error *err) {
    if (err->code == TY_E_NOMEM) {
        napi_throw_range_error(env, "TY_NOMEM", "out of memory");
        return;
    }
    napi_throw_error(env, ty_domain_name(err->domain), err->message);
}

/* ---- handles ------------------------------------------------------------ */

/* A playbook shared by its handle and the chats made with it. */
typedef struct nbc_playbook {
    ty_playbook *pb;
    int refs;
} nbc_playbook;

/* A chat session and the playbook it borrows. */
typedef struct nbc_chat {
    ty_chat *chat;
    nbc_playbook *pb;
} nbc_chat;

static const napi_type_tag nbc_playbook_tag = {0x74696e7979657331ULL, 0x436c69506c617962ULL};
static const napi_type_tag nbc_chat_tag = {0x74696e7979657331ULL, 0x436c694368617431ULL};

/* Drops one reference to p; the last frees the playbook. */
static void nbc_playbook_release(nbc_playbook *p) {
    if (p && --p->refs == 0) {
        ty_playbook_free(p->pb);
        free(p);
    }
}

/* Finalizer of a playbook handle. */
static void nbc_playbook_finalize(napi_env env, void *data, void *hint) {
    (void)env;
    (void)hint;
    nbc_playbook_release(data);
}

/* Finalizer of a chat handle: the session, then its playbook reference. */
static void nbc_chat_finalize(napi_env env, void *data, void *hint) {
    (void)env;
    (void)hint;
    nbc_chat *c = data;
    ty_chat_free(c->chat);
    nbc_playbook_release(c->pb);
    free(c);
}

/* The pointer of a handle with tag, or NULL with a TypeError thrown. */
static void *nbc_unwrap(napi_env env, napi_value v, const napi_type_tag *tag, const char *what) {
    bool ok = false;
    void *p = NULL;
    napi_valuetype t;
    if (napi_typeof(env, v, &t) == napi_ok && t == napi_external &&
        napi_check_object_type_tag(env, v, tag, &ok) == napi_ok && ok && napi_get_value_external(env, v, &p) == napi_ok)
        return p;
    napi_throw_type_error(env, "TY_ERROR", what);
    return NULL;
}

/* A handle (external) for p with its finalizer and tag; NULL with an exception. */
static napi_value nbc_handle(napi_env env, void *p, napi_finalize fin, const napi_type_tag *tag) {
    napi_value h;
    if (napi_create_external(env, p, fin, NULL, &h) != napi_ok) {
        fin(env, p, NULL);
        nbc_throw_status(env, "napi_create_external");
        return NULL;
    }
    NBC_CALL(env, napi_type_tag_object(env, h, tag));
    return h;
}

/* ---- arguments ----------------------------------------------------------- */

/* The UTF-8 of string v, malloc'd (caller frees); NULL with an exception. */
static char *nbc_string(napi_env env, napi_value v, size_t *len) {
    size_t n;
    NBC_CALL(env, napi_get_value_string_utf8(env, v, NULL, 0, &n));
    char *s = malloc(n + 1);
    if (!s) {
        napi_throw_range_error(env, "TY_NOMEM", "out of memory");
        return NULL;
    }
    if (napi_get_value_string_utf8(env, v, s, n + 1, len) != napi_ok) {
        free(s);
        nbc_throw_status(env, "napi_get_value_string_utf8");
        return NULL;
    }
    return s;
}

/* opts[name]: *out the value, false when absent (undefined or null). */
static bool nbc_opt(napi_env env, napi_value opts, const char *name, napi_value *out) {
    napi_valuetype t = napi_undefined;
    if (napi_get_named_property(env, opts, name, out) != napi_ok || napi_typeof(env, *out, &t) != napi_ok) return false;
    return t != napi_undefined && t != napi_null;
}

/* opts[name] as a malloc'd string (absent: NULL and no error); *bad on failure. */
static char *nbc_opt_string(napi_env env, napi_value opts, const char *name, size_t *len, bool *bad) {
    napi_value v;
    *len = 0;
    if (!nbc_opt(env, opts, name, &v)) return NULL;
    char *s = nbc_string(env, v, len);
    if (!s) *bad = true;
    return s;
}

/* opts[name] as a number (absent: dflt, *has 0). */
static double nbc_opt_number(napi_env env, napi_value opts, const char *name, double dflt, int *has) {
    napi_value v;
    double x = dflt;
    *has = nbc_opt(env, opts, name, &v) && napi_get_value_double(env, v, &x) == napi_ok;
    return *has ? x : dflt;
}

/* opts[name] as a boolean (absent: false). */
static bool nbc_opt_bool(napi_env env, napi_value opts, const char *name) {
    napi_value v;
    bool b = false;
    if (nbc_opt(env, opts, name, &v) && napi_coerce_to_bool(env, v, &v) == napi_ok) napi_get_value_bool(env, v, &b);
    return b;
}

/* [first, text of b] as a new array, then b is freed. */
static napi_value nbc_pair(napi_env env, napi_value first, ty_buf *b) {
    napi_value arr, text;
    napi_status st = napi_create_string_utf8(env, b->ptr ? b->ptr : "", b->len, &text);
    ty_buf_free(b);
    NBC_CALL(env, st);
    NBC_CALL(env, napi_create_array_with_length(env, 2, &arr));
    NBC_CALL(env, napi_set_element(env, arr, 0, first));
    NBC_CALL(env, napi_set_element(env, arr, 1, text));
    return arr;
}

/* Reads up to n arguments into argv (missing ones undefined). */
static bool nbc_args(napi_env env, napi_callback_info info, size_t n, napi_value *argv) {
    size_t argc = n;
    NBC_CALL_RET(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL), false);
    return true;
}

/* ---- exports -------------------------------------------------------------- */

/* _cliPlaybook(source): a handle of the playbook (JSON text; null: the default). */
static napi_value nbc_cli_playbook(napi_env env, napi_callback_info info) {
    napi_value argv[1];
    if (!nbc_args(env, info, 1, argv)) return NULL;
    napi_valuetype t;
    NBC_CALL(env, napi_typeof(env, argv[0], &t));
    bool is_buffer = false;
    NBC_CALL(env, napi_is_buffer(env, argv[0], &is_buffer));
    char *own = NULL;
    const char *src;
    size_t len;
    if (is_buffer) {
        void *data;
        NBC_CALL(env, napi_get_buffer_info(env, argv[0], &data, &len));
        src = data ? data : "";
    } else if (t == napi_string) {
        if (!(src = own = nbc_string(env, argv[0], &len))) return NULL;
    } else {
        src = ty_default_playbook(&len);
    }
    ty_error err;
    ty_playbook *pb = ty_playbook_load(src, len, NULL, &err);
    free(own);
    if (!pb) return nbc_throw(env, &err), NULL;
    nbc_playbook *p = malloc(sizeof *p);
    if (!p) {
        ty_playbook_free(pb);
        napi_throw_range_error(env, "TY_NOMEM", "out of memory");
        return NULL;
    }
    p->pb = pb;
    p->refs = 1;
    return nbc_handle(env, p, nbc_playbook_finalize, &nbc_playbook_tag);
}

/* Reads _chatNew's opts into o (strings malloc'd into s[], data parsed into *data). */
static bool nbc_chat_opts(napi_env env, napi_value opts, ty_chat_opts *o, char *s[3], ty_doc **data) {
    bool bad = false;
    size_t dl = 0;
    o->start = (int64_t)nbc_opt_number(env, opts, "start", 0, &o->has_start);
    s[0] = nbc_opt_string(env, opts, "conversation", &o->conversation_len, &bad);
    s[1] = bad ? NULL : nbc_opt_string(env, opts, "channel", &o->channel_len, &bad);
    s[2] = bad ? NULL : nbc_opt_string(env, opts, "data", &dl, &bad);
    o->conversation = s[0];
    o->channel = s[1];
    o->utc_offset = (int32_t)nbc_opt_number(env, opts, "utcOffset", 0, &o->has_utc_offset);
    o->verbose = nbc_opt_bool(env, opts, "verbose");
    o->is_default = nbc_opt_bool(env, opts, "isDefault");
    int has;
    o->echo = (int)nbc_opt_number(env, opts, "echo", 0, &has);
    if (bad || !s[2]) return !bad;
    ty_error err;
    if (!(*data = ty_doc_parse(s[2], dl, NULL, &err))) return nbc_throw(env, &err), false;
    o->data = ty_doc_root(*data);
    return true;
}

/* _chatNew(pb, opts): [chat handle, header]. opts: {start, conversation,
 * channel, data (JSON text), utcOffset, verbose, echo, isDefault}. */
static napi_value nbc_chat_new(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    if (!nbc_args(env, info, 2, argv)) return NULL;
    nbc_playbook *p = nbc_unwrap(env, argv[0], &nbc_playbook_tag, "_chatNew() takes a playbook handle");
    if (!p) return NULL;
    ty_chat_opts o;
    memset(&o, 0, sizeof o);
    char *s[3] = {NULL, NULL, NULL};
    ty_doc *data = NULL;
    ty_error err;
    bool read = nbc_chat_opts(env, argv[1], &o, s, &data);
    ty_chat *chat = read ? ty_chat_new(p->pb, &o, &err) : NULL;
    for (int i = 0; i < 3; i++) free(s[i]);
    ty_doc_free(data);
    if (!chat) return read ? (nbc_throw(env, &err), NULL) : NULL;
    nbc_chat *c = malloc(sizeof *c);
    if (!c) {
        ty_chat_free(chat);
        napi_throw_range_error(env, "TY_NOMEM", "out of memory");
        return NULL;
    }
    c->chat = chat;
    c->pb = p;
    p->refs++;
    napi_value h = nbc_handle(env, c, nbc_chat_finalize, &nbc_chat_tag);
    if (!h) return NULL;
    ty_buf b;
    ty_buf_init(&b, NULL);
    if (ty_chat_header(chat, &b, &err)) return ty_buf_free(&b), nbc_throw(env, &err), NULL;
    return nbc_pair(env, h, &b);
}

/* _chatFeed(chat, line): [go on, what it prints]. */
static napi_value nbc_chat_feed(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    if (!nbc_args(env, info, 2, argv)) return NULL;
    nbc_chat *c = nbc_unwrap(env, argv[0], &nbc_chat_tag, "_chatFeed() takes a chat handle");
    size_t n;
    char *line = c ? nbc_string(env, argv[1], &n) : NULL;
    if (!line) return NULL;
    ty_buf b;
    ty_buf_init(&b, NULL);
    ty_error err;
    int rc = ty_chat_feed(c->chat, line, n, &b, &err);
    free(line);
    if (rc < 0) return ty_buf_free(&b), nbc_throw(env, &err), NULL;
    napi_value go;
    NBC_CALL(env, napi_get_boolean(env, rc > 0, &go));
    return nbc_pair(env, go, &b);
}

/* _lintReport(findingsJson, opts): [exit status, output]. opts: {label,
 * text, channel, source, json} as ty_lint_report_opts. */
static napi_value nbc_lint_report(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    if (!nbc_args(env, info, 2, argv)) return NULL;
    ty_lint_report_opts o;
    memset(&o, 0, sizeof o);
    bool bad = false;
    size_t jl;
    char *json = nbc_string(env, argv[0], &jl), *s[4] = {NULL, NULL, NULL, NULL};
    bad = !json;
    if (!bad) s[0] = nbc_opt_string(env, argv[1], "label", &o.label_len, &bad);
    if (!bad) s[1] = nbc_opt_string(env, argv[1], "text", &o.text_len, &bad);
    if (!bad) s[2] = nbc_opt_string(env, argv[1], "channel", &o.channel_len, &bad);
    if (!bad) s[3] = nbc_opt_string(env, argv[1], "source", &o.source_len, &bad);
    o.label = s[0], o.text = s[1], o.channel = s[2], o.source = s[3];
    o.json = !bad && nbc_opt_bool(env, argv[1], "json");
    ty_error err;
    ty_doc *doc = bad ? NULL : ty_doc_parse(json, jl, NULL, &err);
    ty_buf b;
    ty_buf_init(&b, NULL);
    int rc = doc ? ty_lint_report(ty_doc_root(doc), &o, &b, &err) : TY_E_ARG;
    ty_doc_free(doc);
    free(json);
    for (int i = 0; i < 4; i++) free(s[i]);
    if (bad) return ty_buf_free(&b), NULL;
    if (rc < 0) return ty_buf_free(&b), nbc_throw(env, &err), NULL;
    napi_value status;
    NBC_CALL(env, napi_create_int32(env, rc, &status));
    return nbc_pair(env, status, &b);
}

/* _jsonPretty(json, indent): the JSON text rewritten by ty_value_write_json_pretty. */
static napi_value nbc_json_pretty(napi_env env, napi_callback_info info) {
    napi_value argv[2], out;
    if (!nbc_args(env, info, 2, argv)) return NULL;
    int32_t indent = -1;
    napi_get_value_int32(env, argv[1], &indent);
    size_t n;
    char *json = nbc_string(env, argv[0], &n);
    if (!json) return NULL;
    ty_json_opts jo = {NULL, 0, 1000, 0};
    ty_error err;
    ty_doc *doc = ty_doc_parse(json, n, &jo, &err);
    free(json);
    ty_buf b;
    ty_buf_init(&b, NULL);
    int rc = doc ? ty_value_write_json_pretty(ty_doc_root(doc), indent, &b, &err) : -1;
    ty_doc_free(doc);
    if (rc < 0) return ty_buf_free(&b), nbc_throw(env, &err), NULL;
    napi_status st = napi_create_string_utf8(env, b.ptr ? b.ptr : "", b.len, &out);
    ty_buf_free(&b);
    NBC_CALL(env, st);
    return out;
}

napi_status nb_cli_register(napi_env env, napi_value exports) {
    static const struct {
        const char *name;
        napi_callback fn;
    } fns[] = {{"_cliPlaybook", nbc_cli_playbook}, {"_chatNew", nbc_chat_new}, {"_chatFeed", nbc_chat_feed},
               {"_lintReport", nbc_lint_report},   {"_jsonPretty", nbc_json_pretty}};
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        napi_value f;
        napi_status st = napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].fn, NULL, &f);
        if (st == napi_ok) st = napi_set_named_property(env, exports, fns[i].name, f);
        if (st != napi_ok) return st;
    }
    return napi_ok;
}

#undef NBC_CALL
#undef NBC_CALL_RET
