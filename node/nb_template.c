/*
 * nb_template.c — the Template class wrapping ty_template: the constructor
 * and its options (partials, escape, strict, guard), render() over JS data
 * (nb_hostdata.c) or over the pre-extraction records, source, names.
 */

#include "common.h"

/* Identifies objects wrapped by this addon as Templates, so a foreign
 * wrapped object passed as `this` is refused instead of misread. */
static const napi_type_tag nb_template_tag = {0x74696e7979657331ULL, 0x54656d706c617465ULL};

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
        nb_throw_ty_error(env, &err);
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
        nb_throw_ty_error_as(env, err, NB_ERR_TYPE);
        return;
    }
    nb_throw_ty_error(env, err);
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
 * `id` (its _id) with the data already read by node/index.js (nb_hostdata.c).
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

/* Adds the Template class, _renderPre and _liveTemplates to exports; false
 * with an exception pending on failure. */
bool nb_template_init(napi_env env, napi_value exports, nb_inst *inst) {
    napi_property_descriptor tprops[] = {
        NB_METHOD("render", nb_template_render, inst),
        {"_id", NULL, NULL, nb_template_id, NULL, NULL, napi_configurable, inst},
        {"source", NULL, NULL, nb_template_source, NULL, NULL, napi_configurable, inst},
        {"names", NULL, NULL, nb_template_names, NULL, NULL, napi_configurable, inst},
    };
    napi_value ctor;
    NB_CALL_RET(env, napi_define_class(env, "Template", NAPI_AUTO_LENGTH, nb_template_new, inst,
                                       NB_COUNT(tprops), tprops, &ctor), false);
    NB_CALL_RET(env, napi_create_reference(env, ctor, 1, &inst->template_ctor), false);
    napi_property_descriptor eprops[] = {
        {"Template", NULL, NULL, NULL, NULL, ctor, napi_enumerable, NULL},
        NB_FN("_liveTemplates", nb_live_count, &inst->live_templates),
        NB_FN("_renderPre", nb_render_pre, inst),
    };
    return nb_export(env, exports, eprops, NB_COUNT(eprops));
}
