/*
 * nb_module.c — module init: the per-environment instance data (everything
 * hangs off napi_set_instance_data, so the addon loads independently in
 * every worker thread; there is no static napi_value or napi_ref anywhere),
 * the lifetimes of wrapped objects, the limits object and version, and the
 * exports each class file adds.
 */

#include "common.h"

/* Drops one reference to inst; the last one frees it. */
void nb_inst_release(nb_inst *inst) {
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
bool nb_inst_add(nb_inst *inst, struct nb_template *tp, uint32_t *id) {
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
void nb_inst_remove(nb_inst *inst, uint32_t id) {
    inst->table[id] = NULL;
    inst->free_ids[inst->nfree++] = id; /* room: nfree < table_len <= cap */
    inst->live_templates--;
    nb_inst_release(inst);
}

/* Reports to V8 that the object whose reported external memory is *held
 * now holds `bytes` (the difference), so its collector weighs the native
 * memory too; the basic finalizers then free it during the collection. */
void nb_external_set(node_api_basic_env env, int64_t *held, size_t bytes) {
    int64_t b = bytes < ((size_t)1 << 53) ? (int64_t)bytes : (int64_t)1 << 53, ignored;
    if (b != *held && napi_adjust_external_memory(env, b - *held, &ignored) == napi_ok) *held = b;
}

/* napi_delete_reference from a basic finalizer. It touches no JS state (it
 * only drops a persistent handle), and from Node 22 on its header says so
 * (node_api_basic_env); Node 20's still declares it with napi_env. */
void nb_ref_delete_in_gc(node_api_basic_env env, napi_ref ref) {
    napi_delete_reference((napi_env)env, ref);
}

/* Defines exports[name] = value with attributes attrs. */
static bool nb_define_value(napi_env env, napi_value exports, const char *name, napi_value value,
                            napi_property_attributes attrs) {
    napi_property_descriptor d = {name, NULL, NULL, NULL, NULL, value, attrs, NULL};
    NB_CALL_RET(env, napi_define_properties(env, exports, 1, &d), false);
    return true;
}

/* Node's spelling of a limit's name: TEMPLATE_MAX_SOURCE -> templateMaxSource
 * (dst holds at least strlen(name) + 1 bytes). */
static void nb_camel(const char *name, char *dst) {
    bool up = false;
    for (; *name; name++) {
        if (*name == '_') {
            up = true;
            continue;
        }
        char c = *name >= 'A' && *name <= 'Z' ? (char)(*name - 'A' + 'a') : *name;
        *dst++ = up && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
        up = false;
    }
    *dst = '\0';
}

/* Adds version (the library's own), limits (every documented default, from
 * the core's table: README.md, limits are documented and settable) and
 * CHANNELS (the core's list) to exports, frozen. */
static bool nb_module_values(napi_env env, napi_value exports) {
    napi_value limits, channels, version;
    NB_CALL_RET(env, napi_create_object(env, &limits), false);
    size_t n = 0;
    const ty_limit *lim = ty_limits(&n);
    for (size_t i = 0; i < n; i++) {
        char name[64];
        if (strlen(lim[i].name) >= sizeof name) continue; /* the table's names are short */
        nb_camel(lim[i].name, name);
        if (!nb_set_number(env, limits, name, (double)lim[i].value)) return false;
    }
    NB_CALL_RET(env, napi_object_freeze(env, limits), false);
    NB_CALL_RET(env, napi_create_array_with_length(env, ty_channel_count(), &channels), false);
    for (size_t i = 0; i < ty_channel_count(); i++) {
        napi_value name;
        NB_CALL_RET(env, napi_create_string_utf8(env, ty_channel_name(i), NAPI_AUTO_LENGTH, &name), false);
        NB_CALL_RET(env, napi_set_element(env, channels, (uint32_t)i, name), false);
    }
    NB_CALL_RET(env, napi_object_freeze(env, channels), false);
    NB_CALL_RET(env, napi_create_string_utf8(env, ty_version(), NAPI_AUTO_LENGTH, &version), false);
    return nb_define_value(env, exports, "version", version, napi_enumerable) &&
           nb_define_value(env, exports, "limits", limits, napi_enumerable) &&
           nb_define_value(env, exports, "CHANNELS", channels, napi_enumerable);
}

/* Keeps this environment's Object.prototype: value tapes and the host
 * data tell plain objects by their prototype. */
static bool nb_keep_object_proto(napi_env env, nb_inst *inst) {
    napi_value global, object_ctor, object_proto;
    NB_CALL_RET(env, napi_get_global(env, &global), false);
    NB_CALL_RET(env, napi_get_named_property(env, global, "Object", &object_ctor), false);
    NB_CALL_RET(env, napi_get_named_property(env, object_ctor, "prototype", &object_proto), false);
    NB_CALL_RET(env, napi_create_reference(env, object_proto, 1, &inst->object_proto), false);
    return true;
}

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
    /* from here the environment owns inst; each file adds its exports */
    if (!nb_keep_object_proto(env, inst) || !nb_template_init(env, exports, inst) ||
        !nb_playbook_init(env, exports, inst) || !nb_module_values(env, exports) ||
        !nb_marshal_init(env, exports, inst) || !nb_errors_init(env, exports, inst) ||
        !nb_channels_init(env, exports, inst) || !nb_metrics_init(env, exports, inst) ||
        !nb_cli_init(env, exports, inst))
        return NULL;
    return exports;
}
