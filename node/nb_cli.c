/*
 * nb_cli.c — the Node-API side of `npx tinyyes chat` and `npx tinyyes
 * lint`: the core's chat session (ty_chat_*), its lint report
 * (ty_lint_report) and readable JSON (ty_value_write_json_pretty), so
 * node/cli.js and node/lint_cli.js do only arguments and I/O and print
 * the bytes `python -m tinyyes` prints. Values come in by the binding's
 * one input route (value tapes, nb_tape_doc); errors are the binding's (nb_throw_ty_error).
 *
 * Exports:
 *   _chatNew(playbook, opts)  [chat, header text]; playbook is a native
 *                             Playbook (Playbook#_pb), kept alive by the chat
 *   _chatFeed(chat, line)     [go on, output text]
 *   _lintReport(findings, opts) [exit status, output text]
 *   _jsonPretty(value, indent)  value as Python's json.dumps writes it
 */
#include "common.h"

/* Tags the chat objects this file makes (napi_wrap'd plain objects). */
static const napi_type_tag nb_chat_tag = {0x74696e7979657331ULL, 0x436c694368617431ULL};

/* Frees a chat session inside garbage collection (it holds no JS values;
 * its playbook outlives it through the chat object's "playbook" property). */
static void nb_chat_finalize(node_api_basic_env env, void *data, void *hint) {
    (void)env;
    (void)hint;
    ty_chat_free(data);
}

/* The session wrapped by chat object v, or NULL with a TypeError thrown. */
static ty_chat *nb_chat_unwrap(napi_env env, napi_value v) {
    bool ok = false;
    void *p = NULL;
    if (napi_check_object_type_tag(env, v, &nb_chat_tag, &ok) == napi_ok && ok && napi_unwrap(env, v, &p) == napi_ok &&
        p)
        return p;
    nb_type_error(env, NULL, "_chatFeed() takes a chat from _chatNew()");
    return NULL;
}

/* opts[name] when it is there (not undefined or null). */
static bool nb_cli_opt(napi_env env, napi_value opts, const char *name, napi_value *out) {
    return napi_get_named_property(env, opts, name, out) == napi_ok && !nb_is_nullish(env, *out);
}

/* opts[name] as a number (absent: 0, *has 0). */
static double nb_cli_number(napi_env env, napi_value opts, const char *name, int *has) {
    napi_value v;
    double x = 0;
    *has = nb_cli_opt(env, opts, name, &v) && napi_get_value_double(env, v, &x) == napi_ok;
    return *has ? x : 0;
}

/* opts[name] as a boolean (absent: false). */
static bool nb_cli_bool(napi_env env, napi_value opts, const char *name) {
    napi_value v;
    bool b = false;
    if (nb_cli_opt(env, opts, name, &v) && napi_coerce_to_bool(env, v, &v) == napi_ok) napi_get_value_bool(env, v, &b);
    return b;
}

/* Reads the named string options of opts into s[i] (malloc'd, caller
 * frees; absent: NULL) and n[i]; false with an exception pending. */
static bool nb_cli_strings(napi_env env, napi_value opts, const char *const *names, size_t count, char **s, size_t *n) {
    for (size_t i = 0; i < count; i++) s[i] = NULL, n[i] = 0;
    for (size_t i = 0; i < count; i++) {
        napi_value v;
        if (nb_cli_opt(env, opts, names[i], &v) && !(s[i] = nb_string_dup(env, v, &n[i]))) return false;
    }
    return true;
}

/* [first, the text of b] as a new array; frees b. */
static napi_value nb_cli_pair(napi_env env, napi_value first, ty_buf *b) {
    napi_value arr, text;
    napi_status st = napi_create_string_utf8(env, b->ptr ? b->ptr : "", b->len, &text);
    ty_buf_free(b);
    NB_CALL(env, st);
    NB_CALL(env, napi_create_array_with_length(env, 2, &arr));
    NB_CALL(env, napi_set_element(env, arr, 0, first));
    NB_CALL(env, napi_set_element(env, arr, 1, text));
    return arr;
}

/* The chat object for session chat, holding playbook; frees chat on failure. */
static napi_value nb_chat_object(napi_env env, ty_chat *chat, napi_value playbook) {
    napi_value obj;
    if (napi_create_object(env, &obj) != napi_ok || napi_wrap(env, obj, chat, nb_chat_finalize, NULL, NULL) != napi_ok) {
        ty_chat_free(chat);
        nb_throw_status(env, "_chatNew");
        return NULL;
    }
    NB_CALL(env, napi_type_tag_object(env, obj, &nb_chat_tag));
    NB_CALL(env, napi_set_named_property(env, obj, "playbook", playbook));
    return obj;
}

/* _chatNew(playbook, opts, ...data tape): [chat, header]. opts: {start,
 * conversation, channel, utcOffset, verbose, echo, isDefault}; the data (an
 * object) on a value tape, or none (undefined). */
static napi_value nb_chat_new(napi_env env, napi_callback_info info) {
    size_t argc = 6;
    napi_value argv[6];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    nb_playbook *p = argc >= 2 ? nb_playbook_unwrap(env, argv[0]) : NULL;
    if (!p) return NULL;
    static const char *const names[] = {"conversation", "channel"};
    char *s[2];
    size_t n[2];
    ty_chat_opts o;
    memset(&o, 0, sizeof o);
    ty_doc *data = NULL;
    bool ok = nb_cli_strings(env, argv[1], names, 2, s, n);
    if (ok && !nb_is_nullish(env, argv[2])) ok = (data = nb_tape_doc(env, argv + 2, "data", TY_DOMAIN_EVENT));
    ty_chat *chat = NULL;
    ty_error err;
    if (ok) {
        o.conversation = s[0], o.conversation_len = n[0], o.channel = s[1], o.channel_len = n[1];
        o.data = data ? ty_doc_root(data) : NULL;
        o.start = (int64_t)nb_cli_number(env, argv[1], "start", &o.has_start);
        o.utc_offset = (int32_t)nb_cli_number(env, argv[1], "utcOffset", &o.has_utc_offset);
        int has;
        o.echo = (int)nb_cli_number(env, argv[1], "echo", &has);
        o.verbose = nb_cli_bool(env, argv[1], "verbose");
        o.is_default = nb_cli_bool(env, argv[1], "isDefault");
        if (!(chat = ty_chat_new(p->pb, &o, &err))) nb_throw_ty_error(env, &err);
    }
    free(s[0]);
    free(s[1]);
    ty_doc_free(data);
    napi_value obj = chat ? nb_chat_object(env, chat, argv[0]) : NULL;
    if (!obj) return NULL;
    ty_buf b;
    ty_buf_init(&b, NULL);
    if (ty_chat_header(chat, &b, &err)) {
        ty_buf_free(&b);
        nb_throw_ty_error(env, &err);
        return NULL;
    }
    return nb_cli_pair(env, obj, &b);
}

/* _chatFeed(chat, line): [go on, what it prints]. */
static napi_value nb_chat_feed(napi_env env, napi_callback_info info) {
    size_t argc = 2;
    napi_value argv[2];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    ty_chat *chat = argc == 2 ? nb_chat_unwrap(env, argv[0]) : NULL;
    size_t n;
    char *line = chat ? nb_string_dup(env, argv[1], &n) : NULL;
    if (!line) return NULL;
    ty_buf b;
    ty_buf_init(&b, NULL);
    ty_error err;
    int rc = ty_chat_feed(chat, line, n, &b, &err);
    free(line);
    if (rc < 0) {
        ty_buf_free(&b);
        nb_throw_ty_error(env, &err);
        return NULL;
    }
    napi_value go;
    NB_CALL(env, napi_get_boolean(env, rc > 0, &go));
    return nb_cli_pair(env, go, &b);
}

/* _lintReport(...findings tape, opts): [exit status, output]. opts: {label,
 * text, channel, source, json} as ty_lint_report_opts. */
static napi_value nb_lint_report(napi_env env, napi_callback_info info) {
    size_t argc = 5;
    napi_value argv[5];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    static const char *const names[] = {"label", "text", "channel", "source"};
    char *s[4] = {NULL, NULL, NULL, NULL};
    size_t n[4];
    ty_doc *doc = nb_tape_doc(env, argv, "findings", TY_DOMAIN_NONE);
    napi_value out = NULL;
    if (doc && nb_cli_strings(env, argv[4], names, 4, s, n)) {
        ty_lint_report_opts o;
        memset(&o, 0, sizeof o);
        o.label = s[0], o.label_len = n[0], o.text = s[1], o.text_len = n[1];
        o.channel = s[2], o.channel_len = n[2], o.source = s[3], o.source_len = n[3];
        o.json = nb_cli_bool(env, argv[4], "json");
        ty_buf b;
        ty_buf_init(&b, NULL);
        ty_error err;
        int rc = ty_lint_report(ty_doc_root(doc), &o, &b, &err);
        napi_value status;
        if (rc < 0) {
            ty_buf_free(&b);
            nb_throw_ty_error(env, &err);
        } else if (napi_create_int32(env, rc, &status) != napi_ok) {
            ty_buf_free(&b);
            nb_throw_status(env, "_lintReport");
        } else {
            out = nb_cli_pair(env, status, &b);
        }
    }
    for (int i = 0; i < 4; i++) free(s[i]);
    ty_doc_free(doc);
    return out;
}

/* _jsonPretty(...value tape, indent): the value written by
 * ty_value_write_json_pretty (Python's json.dumps form; indent < 0: one line). */
static napi_value nb_json_pretty(napi_env env, napi_callback_info info) {
    size_t argc = 5;
    napi_value argv[5], out;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    int32_t indent = -1;
    if (napi_get_value_int32(env, argv[4], &indent) != napi_ok) indent = -1;
    ty_doc *doc = nb_tape_doc(env, argv, "value", TY_DOMAIN_NONE);
    if (!doc) return NULL;
    ty_buf b;
    ty_buf_init(&b, NULL);
    ty_error err;
    int rc = ty_value_write_json_pretty(ty_doc_root(doc), indent, &b, &err);
    ty_doc_free(doc);
    napi_status st = rc < 0 ? napi_ok : napi_create_string_utf8(env, b.ptr ? b.ptr : "", b.len, &out);
    ty_buf_free(&b);
    if (rc < 0) {
        nb_throw_ty_error(env, &err);
        return NULL;
    }
    NB_CALL(env, st);
    return out;
}

bool nb_cli_init(napi_env env, napi_value exports, nb_inst *inst) {
    napi_property_descriptor eprops[] = {
        NB_FN("_chatNew", nb_chat_new, inst),
        NB_FN("_chatFeed", nb_chat_feed, inst),
        NB_FN("_lintReport", nb_lint_report, inst),
        NB_FN("_jsonPretty", nb_json_pretty, inst),
    };
    return nb_export(env, exports, eprops, NB_COUNT(eprops));
}
