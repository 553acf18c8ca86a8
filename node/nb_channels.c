/*
 * nb_channels.c — channels and lint (README.md, "Channels, lint and metrics"; docs/metrics.md): payload, lint,
 * Playbook#lint, inbound messages, webhook signatures and handshakes,
 * handover links, the chat audit. node/channels.js is their JS side.
 */

#include "common.h"

/* The raw calls node/channels.js builds tinyyes.payload, lint,
 * Playbook#lint, metrics and Metrics on (it adds the clock, Dates, option
 * names and the chunking of event streams):
 *   _payload(...action tape, channel, at, lastCustomerAt, parseMode, humanAgent, to, locale,
 *            whatsappLink)
 *   _lint(text, channel, locale)
 *   _inbound(channel, body, at)
 *   _signatureHeader(channel), _signatureCheck(channel, header, body, url),
 *   _handshake(mode, token, challenge, verifyToken)
 *   _playbookLint(nativePlaybook, channel)
 *   class Metrics { _add(...events tape, base); result() }
 * A "tape" is the four arguments of a value tape (node/tape.js). Times are undefined/null (unknown) or whole Unix seconds; strings
 * undefined/null for the core's defaults. Results come back through
 * nb_doc_result. The Metrics class is in nb_metrics.c. */

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
    nb_throw_ty_error(env, &err);
}

/* Runs ty_payload for _payload: `a` holds the arguments after the action's
 * tape (channel, at, lastCustomerAt, parseMode, humanAgent, to, locale,
 * whatsappLink); the action, on the value tape `tape`, is converted after
 * they are read. */
static napi_value nb_ch_payload_run(napi_env env, const napi_value *a, const napi_value *tape) {
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
    ty_doc *in = ok ? nb_tape_doc(env, tape, "action", TY_DOMAIN_NONE) : NULL;
    ok = in != NULL;
    if (ok && ty_value_kind(ty_doc_root(in)) != TY_MAP) {
        nb_type_error(env, NULL, "_payload: the action must be an object");
        ok = false;
    }
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

/* _payload(...action tape, channel, at, lastCustomerAt, parseMode,
 * humanAgent, to, locale, whatsappLink) -> {channel, payload, window, ...}:
 * ty_payload. The action comes on a value tape (node/channels.js): a send
 * action read through Node-API would cost more than building its payload. */
static napi_value nb_ch_payload(napi_env env, napi_callback_info info) {
    size_t argc = 12;
    napi_value argv[12];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    return nb_ch_payload_run(env, argv + 4, argv);
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

/* Adds the channel functions (payload, lint, inbound, signatures, handover,
 * audit) to exports; false with an exception pending on failure. */
bool nb_channels_init(napi_env env, napi_value exports, nb_inst *inst) {
    napi_property_descriptor eprops[] = {
        NB_FN("_payload", nb_ch_payload, inst),
        NB_FN("_lint", nb_ch_lint, inst),
        NB_FN("_playbookLint", nb_ch_playbook_lint, inst),
        NB_FN("_inbound", nb_ch_inbound, inst),
        NB_FN("_signatureHeader", nb_ch_signature_header, inst),
        NB_FN("_signatureCheck", nb_ch_signature_check, inst),
        NB_FN("_handshake", nb_ch_handshake, inst),
        NB_FN("_handoverSigned", nb_ch_handover_signed, inst),
        NB_FN("_handoverFind", nb_ch_handover_find, inst),
        NB_FN("_audit", nb_ch_audit, inst),
        NB_FN("_auditReport", nb_ch_audit_report, inst),
    };
    return nb_export(env, exports, eprops, NB_COUNT(eprops));
}
