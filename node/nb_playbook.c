/*
 * nb_playbook.c — the Playbook class wrapping ty_playbook (match, recognize,
 * stats, step with the signing hooks, migrate, handover links), the default
 * playbook, UTC offsets and canonical JSON.
 */

#include "common.h"

/* The class wrapping ty_playbook. Its methods are the raw calls node/index.js
 * builds the public Playbook on (it adds the clock, Dates, "+01:00" offsets
 * and state signing): _match, _recognize, _stats, _step. A loaded playbook
 * is immutable, so nothing here needs a lock; it is tied to the environment
 * that made it (a worker loads its own). */

/* Identifies objects wrapped by this addon as Playbooks. */
static const napi_type_tag nb_playbook_tag = {0x74696e7979657331ULL, 0x506c6179626f6f6bULL};

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
nb_playbook *nb_playbook_unwrap(napi_env env, napi_value self) {
    bool ok = false;
    void *p = NULL;
    if (self && napi_check_object_type_tag(env, self, &nb_playbook_tag, &ok) == napi_ok && ok &&
        napi_unwrap(env, self, &p) == napi_ok && p)
        return p;
    nb_type_error(env, NULL, "this method needs a Playbook (called on another object)");
    return NULL;
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
        nb_throw_ty_error(env, &err);
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
 * within a day; data: no value tape (data[0] undefined) or the tape of a
 * plain object. */
static bool nb_read_input(napi_env env, const ty_playbook *pb, const char *fn, napi_value text, napi_value at,
                          napi_value utc, const napi_value *data, ty_input *in, char **text_buf, ty_doc **data_doc) {
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
    if (!nb_is_nullish(env, data[0])) {
        if (!(*data_doc = nb_tape_doc(env, data, "data", TY_DOMAIN_EVENT))) return false;
        in->data = ty_doc_root(*data_doc);
        if (ty_value_kind(in->data) != TY_MAP) {
            nb_arg_error(env, false, fn, "() data must be a plain object or null", "");
            return false;
        }
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

/* _match(text, expect, at, utcOffset, ...data tape) -> MatchResult */
static napi_value nb_playbook_match(napi_env env, napi_callback_info info) {
    size_t argc = 8;
    napi_value argv[8], self;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p) return NULL;
    ty_input in;
    char *text = NULL, *expect = NULL;
    ty_doc *data = NULL;
    napi_value out = NULL;
    if (nb_read_input(env, p->pb, "match", argv[0], argv[2], argv[3], argv + 4, &in, &text, &data)) {
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

/* _recognize(text, slot, at, utcOffset, ...data tape) -> Recognition | null */
static napi_value nb_playbook_recognize(napi_env env, napi_callback_info info) {
    size_t argc = 8;
    napi_value argv[8], self;
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
    if (nb_read_input(env, p->pb, "recognize", argv[0], argv[2], argv[3], argv + 4, &in, &text, &data)) {
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

/* The canonical JSON (what a signature covers: see _canonicalJson) of v,
 * its top-level "sig" left out, as a new Buffer; NULL with an exception
 * pending on failure. */
static napi_value nb_canonical_of(napi_env env, const ty_value *v) {
    napi_value out;
    ty_buf buf;
    ty_buf_init(&buf, NULL);
    ty_error err;
    memset(&err, 0, sizeof err);
    if (ty_value_write(v, TY_WRITE_CANONICAL | TY_WRITE_NO_SIG, &buf, &err) < 0) {
        ty_buf_free(&buf);
        nb_throw_ty_error(env, &err);
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

/* nb_canonical_of a whole doc (freed here): _canonicalJson's bytes. */
static napi_value nb_canonical_doc(napi_env env, ty_doc *doc) {
    napi_value out = nb_canonical_of(env, ty_doc_root(doc));
    ty_doc_free(doc);
    return out;
}

/* A stored state's "sig" member for the verifier: its string, null for a
 * JSON null, undefined when absent, false for any other kind (not a hex
 * string); NULL with an exception pending. */
static napi_value nb_sig_value(napi_env env, const ty_value *sig) {
    napi_value out = NULL;
    size_t n = 0;
    const char *s = ty_value_string(sig, &n);
    napi_status st = !sig                               ? napi_get_undefined(env, &out)
                     : ty_value_kind(sig) == TY_NULL    ? napi_get_null(env, &out)
                     : s                                ? napi_create_string_utf8(env, s, n, &out)
                                                        : napi_get_boolean(env, false, &out);
    if (st != napi_ok) nb_throw_status(env, "the state's sig");
    return st == napi_ok ? out : NULL;
}

/* Steps p with the converted state (NULL: a new conversation) and event;
 * frees both docs. With a secret, node/index.js passes two functions that
 * do the HMACs with node:crypto: verify(canonical JSON of the incoming
 * state) before the core sees the state (it throws to reject), and
 * sign(canonical JSON of the new state) -> the hex signature, added to the
 * result's state as "sig". The canonical bytes come from the docs the
 * core already holds, so a signed step converts each state once. */
static napi_value nb_step_docs(napi_env env, nb_playbook *p, ty_doc *sdoc, ty_doc *edoc, napi_value verify,
                               napi_value sign, napi_value into, bool text) {
    if (verify && sdoc) {
        /* from text, verify also gets the state's own "sig" (JS has not seen the state) */
        napi_value args[2] = {nb_canonical_of(env, ty_doc_root(sdoc)), NULL}, global, ignored;
        if (!args[0] || (text && !(args[1] = nb_sig_value(env, ty_value_get(ty_doc_root(sdoc), "sig", 3)))) ||
            napi_get_global(env, &global) != napi_ok ||
            napi_call_function(env, global, verify, text ? 2 : 1, args, &ignored) != napi_ok) {
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
    if (!doc || !sign) return nb_doc_result_signed(env, doc, &err, NULL, 0, into, text);
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
    return nb_doc_result_signed(env, doc, &err, hex, len, into, text);
}

/* The optional verify/sign functions of _step: a function,
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

/* _migrate(...state tape, at) -> {state, actions, events, dropped}: the
 * state carried across an edit of this playbook (ty_playbook_migrate).
 * Signing is node/index.js's job. */
static napi_value nb_playbook_migrate(napi_env env, napi_callback_info info) {
    size_t argc = 5;
    napi_value argv[5], self;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p) return NULL;
    double at;
    if (!nb_whole_arg(env, argv[4], "migrate() at", -9007199254740992.0, 9007199254740992.0, &at)) return NULL;
    ty_doc *sdoc = nb_tape_doc(env, argv, "state", TY_DOMAIN_STATE);
    if (!sdoc) return NULL;
    ty_error err;
    memset(&err, 0, sizeof err);
    napi_value out = nb_doc_result(env, ty_playbook_migrate(p->pb, ty_doc_root(sdoc), (int64_t)at, &err), &err);
    ty_doc_free(sdoc);
    return out;
}

/* _step(...tape, verify, sign, into) -> {state, actions, events}: the state
 * (null: a new conversation) and the event written on one value tape by
 * node/index.js, which has checked that each is an object. With `into`, an
 * ArrayBuffer the result's tokens fit in, they are written there and the
 * joined string is returned instead, for node/index.js to decode (see
 * nb_doc_result_signed). Signing is node/index.js's job. */
static napi_value nb_playbook_step(napi_env env, napi_callback_info info) {
    size_t argc = 7;
    napi_value argv[7], self, verify, sign;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p || !nb_hook_arg(env, argv[4], &verify) || !nb_hook_arg(env, argv[5], &sign)) return NULL;
    static const nb_root roots[2] = {{"state", TY_DOMAIN_STATE, 0, true}, {"event", TY_DOMAIN_EVENT, 0, false}};
    ty_doc *docs[2];
    if (!nb_tape_docs(env, argv, roots, 2, docs)) return NULL;
    if (ty_value_kind(ty_doc_root(docs[1])) != TY_MAP || (docs[0] && ty_value_kind(ty_doc_root(docs[0])) != TY_MAP)) {
        ty_doc_free(docs[0]);
        ty_doc_free(docs[1]);
        nb_type_error(env, NULL, "_step: the state must be an object or null and the event an object");
        return NULL;
    }
    return nb_step_docs(env, p, docs[0], docs[1], verify, sign, nb_is_nullish(env, argv[6]) ? NULL : argv[6], false);
}

/* The stored text of a state (a string, a Buffer or null) as a new doc
 * (ty_state_parse; *out NULL for null or a text "null"); false with an
 * exception pending. A string is measured before it is copied: one over
 * the limit is refused without a copy. */
static bool nb_state_text(napi_env env, napi_value v, ty_doc **out) {
    *out = NULL;
    if (nb_is_nullish(env, v)) return true;
    bool isbuf = false;
    char *copy = NULL;
    const char *s = NULL;
    size_t len = 0;
    NB_CALL_RET(env, napi_is_buffer(env, v, &isbuf), false);
    if (isbuf) {
        void *data = NULL;
        NB_CALL_RET(env, napi_get_buffer_info(env, v, &data, &len), false);
        s = data ? data : "";
    } else if (nb_is_string(env, v)) {
        NB_CALL_RET(env, napi_get_value_string_utf8(env, v, NULL, 0, &len), false);
        if (len <= TY_STATE_MAX_BYTES) {
            if (!(copy = malloc(len + 1))) return nb_throw_nomem(env), false;
            if (napi_get_value_string_utf8(env, v, copy, len + 1, &len) != napi_ok) {
                free(copy);
                return nb_throw_status(env, "napi_get_value_string_utf8"), false;
            }
        }
        s = copy ? copy : "";
    } else {
        nb_type_error(env, NULL, "stepJson() state must be the stored JSON text (a string, or UTF-8 bytes in a Buffer or Uint8Array) or null");
        return false;
    }
    ty_error err;
    ty_doc *doc = ty_state_parse(s, len, &err);
    free(copy);
    if (!doc) return nb_throw_ty_error(env, &err), false;
    if (ty_value_kind(ty_doc_root(doc)) == TY_NULL) ty_doc_free(doc);
    else *out = doc;
    return true;
}

/* _stepJson(text, ...event tape, verify, sign, into) -> {state: text,
 * actions, events}: _step with the state read from its stored JSON text
 * and the new one returned as text (node/index.js's stepJson). */
static napi_value nb_playbook_step_json(napi_env env, napi_callback_info info) {
    size_t argc = 8;
    napi_value argv[8], self, verify, sign;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    nb_playbook *p = nb_playbook_unwrap(env, self);
    if (!p || !nb_hook_arg(env, argv[5], &verify) || !nb_hook_arg(env, argv[6], &sign)) return NULL;
    ty_doc *edoc = nb_tape_doc(env, argv + 1, "event", TY_DOMAIN_EVENT), *sdoc;
    if (!edoc) return NULL;
    if (ty_value_kind(ty_doc_root(edoc)) != TY_MAP) {
        ty_doc_free(edoc);
        nb_type_error(env, NULL, "_stepJson: the event must be an object");
        return NULL;
    }
    if (!nb_state_text(env, argv[0], &sdoc)) {
        ty_doc_free(edoc);
        return NULL;
    }
    return nb_step_docs(env, p, sdoc, edoc, verify, sign, nb_is_nullish(env, argv[7]) ? NULL : argv[7], true);
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

/* _canonicalJson(...tape) -> Buffer: the bytes a state signature covers.
 * The value, written on a value tape and converted like a state, is
 * written by the core as TY_WRITE_CANONICAL (compact, numbers by
 * ty_format_number, every object's keys in UTF-8 byte order; a top-level
 * "sig" left out): the Python binding's _canonical_json, byte for byte, so
 * a state signed in one language verifies in the other whatever order a
 * database gave its keys back in. */
static napi_value nb_canonical_json(napi_env env, napi_callback_info info) {
    size_t argc = 4;
    napi_value argv[4];
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    ty_doc *doc = nb_tape_doc(env, argv, "state", TY_DOMAIN_STATE);
    return doc ? nb_canonical_doc(env, doc) : NULL;
}

/* Adds the Playbook class and the module functions beside it (the default
 * playbook, UTC offsets, canonical JSON, the live count) to exports; false
 * with an exception pending on failure. */
bool nb_playbook_init(napi_env env, napi_value exports, nb_inst *inst) {
    napi_property_descriptor pprops[] = {
        NB_METHOD("_match", nb_playbook_match, inst),
        NB_METHOD("_recognize", nb_playbook_recognize, inst),
        NB_METHOD("_stats", nb_playbook_stats, inst),
        NB_METHOD("_handoverLink", nb_playbook_handover_link, inst),
        NB_METHOD("_checkEventText", nb_playbook_check_event_text, inst),
        NB_METHOD("_migrate", nb_playbook_migrate, inst),
        NB_METHOD("_step", nb_playbook_step, inst),
        NB_METHOD("_stepJson", nb_playbook_step_json, inst),
    };
    napi_value pctor;
    NB_CALL_RET(env, napi_define_class(env, "Playbook", NAPI_AUTO_LENGTH, nb_playbook_new, inst,
                                       NB_COUNT(pprops), pprops, &pctor), false);
    NB_CALL_RET(env, napi_create_reference(env, pctor, 1, &inst->playbook_ctor), false);
    napi_property_descriptor eprops[] = {
        {"Playbook", NULL, NULL, NULL, NULL, pctor, napi_enumerable, NULL},
        NB_FN("_defaultPlaybook", nb_default_playbook, inst),
        NB_FN("_utcOffset", nb_utc_offset, inst),
        NB_FN("_canonicalJson", nb_canonical_json, inst),
        NB_FN("_livePlaybooks", nb_live_count, &inst->live_playbooks),
    };
    return nb_export(env, exports, eprops, NB_COUNT(eprops));
}
