/*
 * nb_metrics.c — the Metrics class wrapping ty_metrics, a streaming
 * accumulator of step events (node/channels.js chunks the streams).
 */

#include "common.h"

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
        nb_throw_ty_error(env, &err);
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

/* Counts the events in doc (freed here) into m; a core error names the
 * event's place in the caller's stream (its index moved by base). Returns undefined, or NULL with an
 * exception pending. */
static napi_value nb_ch_metrics_count(napi_env env, ty_metrics *m, ty_doc *doc, uint64_t base) {
    ty_error err;
    memset(&err, 0, sizeof err);
    int64_t held = (int64_t)ty_metrics_bytes(m);
    int rc = ty_metrics_add_at(m, ty_doc_root(doc), (size_t)base, &err);
    nb_external_set(env, &held, ty_metrics_bytes(m)); /* it grew */
    ty_doc_free(doc);
    if (rc < 0) {
        nb_throw_ty_error(env, &err);
        return NULL;
    }
    napi_value out;
    NB_CALL(env, napi_get_undefined(env, &out));
    return out;
}

/* The `base` argument of _add: undefined/null or a whole number. */
static bool nb_ch_base_arg(napi_env env, napi_value v, uint64_t *base) {
    double x = 0;
    *base = 0;
    if (!nb_is_nullish(env, v) && !nb_whole_arg(env, v, "Metrics base", 0, 9007199254740992.0, &x)) return false;
    *base = (uint64_t)x;
    return true;
}

/* _add(...events tape, base): counts a list of events written on a value
 * tape by node/channels.js (anything but a list is the core's error "events:
 * must be a list of metric events"); base is the index of events[0] in the
 * caller's stream, added to the index in every error's path. */
static napi_value nb_metrics_add(napi_env env, napi_callback_info info) {
    size_t argc = 5;
    napi_value argv[5], self;
    NB_CALL(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
    ty_metrics *m = nb_metrics_unwrap(env, self);
    uint64_t base;
    if (!m || !nb_ch_base_arg(env, argv[4], &base)) return NULL;
    nb_root root = {"events", TY_DOMAIN_EVENT, base, false};
    ty_doc *doc;
    if (!nb_tape_docs(env, argv, &root, 1, &doc)) return NULL;
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


/* Adds the Metrics class (_add, result) to exports; false with an
 * exception pending on failure. */
bool nb_metrics_init(napi_env env, napi_value exports, nb_inst *inst) {
    napi_property_descriptor mprops[] = {
        NB_METHOD("_add", nb_metrics_add, inst),
        NB_METHOD("result", nb_metrics_result, inst),
    };
    napi_value mctor;
    NB_CALL_RET(env, napi_define_class(env, "Metrics", NAPI_AUTO_LENGTH, nb_metrics_new, inst,
                                       sizeof mprops / sizeof mprops[0], mprops, &mctor), false);
    napi_property_descriptor d = {"Metrics", NULL, NULL, NULL, NULL, mctor, napi_enumerable, NULL};
    NB_CALL_RET(env, napi_define_properties(env, exports, 1, &d), false);
    return true;
}
