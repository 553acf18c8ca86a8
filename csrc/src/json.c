/*
 * json.c — JSON text to ty_doc. cJSON does the tokenising; its tree is turned
 * into our own arena-backed values straight away and deleted. We check what
 * cJSON does not: UTF-8 validity of the text, "\u0000" escapes (cJSON's
 * NUL-terminated strings would silently cut them), duplicate keys (in linear
 * time: big objects hash their keys) and depth.
 * cJSON's process-global hooks and error pointer are never used.
 */
#include "common.h"

#include <cjson/cJSON.h>

#define JSON_DEFAULT_MAX_BYTES (16u << 20)
#define JSON_DEFAULT_MAX_DEPTH 64u

/* Objects with more keys than this find duplicates with a hash set of the
 * keys; smaller ones compare each key with the earlier ones. */
#define JSON_DUP_LINEAR 16u

typedef struct json_ctx {
    const ty_alloc *alloc;
    ty_doc *doc;
    ty_error *err;
    unsigned max_depth;
    /* the path of the node being converted, for error messages */
    char path[TY_ERROR_PATH_MAX];
    size_t plen;
} json_ctx;

/* Appends ".key" or "[i]" to the path; returns the previous length. */
static size_t json_path_push(json_ctx *c, const char *key, long index) {
    size_t old = c->plen;
    int w;
    size_t room = sizeof c->path - c->plen;
    if (key) w = snprintf(c->path + c->plen, room, c->plen ? ".%s" : "%s", key);
    else w = snprintf(c->path + c->plen, room, "[%ld]", index);
    if (w < 0 || (size_t)w >= room) c->plen = sizeof c->path - 1;
    else c->plen += (size_t)w;
    return old;
}

static void json_path_pop(json_ctx *c, size_t old) {
    c->plen = old;
    c->path[old] = '\0';
}

/* 64-bit FNV-1a of a key. */
static uint64_t json_key_hash(const char *k, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
    return h;
}

/* The first member of object `obj` whose key an earlier member has, or
 * NULL. Small objects compare with the earlier keys; bigger ones keep the
 * keys in an open-addressing set (allocated here, freed on return), so an
 * object of any size is checked in linear time. *oom on allocation failure. */
static const cJSON *json_duplicate(json_ctx *c, const cJSON *obj, bool *oom) {
    size_t count = 0;
    for (const cJSON *e = obj->child; e; e = e->next) count++;
    if (count <= JSON_DUP_LINEAR) {
        for (const cJSON *e = obj->child; e; e = e->next)
            for (const cJSON *f = obj->child; f != e; f = f->next)
                if (strcmp(e->string, f->string) == 0) return e;
        return NULL;
    }
    size_t cap = 64;
    while (cap < count * 2) cap *= 2;
    const cJSON **set = ty_mem_alloc(c->alloc, cap * sizeof *set);
    if (!set) {
        *oom = true;
        return NULL;
    }
    memset(set, 0, cap * sizeof *set);
    const cJSON *dup = NULL;
    for (const cJSON *e = obj->child; e && !dup; e = e->next) {
        size_t i = (size_t)json_key_hash(e->string, strlen(e->string)) & (cap - 1);
        for (; set[i]; i = (i + 1) & (cap - 1))
            if (strcmp(set[i]->string, e->string) == 0) break;
        if (set[i]) dup = e;
        else set[i] = e;
    }
    ty_mem_free(c->alloc, set);
    return dup;
}

static ty_value *json_convert(json_ctx *c, const cJSON *n, unsigned depth) {
    if (depth > c->max_depth) {
        ty_err_path(c->err, "%s", c->path);
        ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_DEPTH, "%s: JSON nested deeper than %u levels",
                   c->plen ? c->path : "(root)", c->max_depth);
        return NULL;
    }
    ty_value *v = NULL;
    if (cJSON_IsNull(n)) v = ty_val_null(c->doc);
    else if (cJSON_IsFalse(n)) v = ty_val_bool(c->doc, false);
    else if (cJSON_IsTrue(n)) v = ty_val_bool(c->doc, true);
    else if (cJSON_IsNumber(n)) v = ty_val_number(c->doc, n->valuedouble);
    else if (cJSON_IsString(n)) v = ty_val_string(c->doc, n->valuestring, strlen(n->valuestring));
    else if (cJSON_IsArray(n)) {
        v = ty_val_list(c->doc);
        long i = 0;
        for (const cJSON *e = n->child; v && e; e = e->next, i++) {
            size_t old = json_path_push(c, NULL, i);
            ty_value *item = json_convert(c, e, depth + 1);
            json_path_pop(c, old);
            if (!item) return NULL;
            if (ty_list_push(c->doc, v, item)) v = NULL;
        }
    } else if (cJSON_IsObject(n)) {
        bool oom = false;
        const cJSON *dup = json_duplicate(c, n, &oom);
        if (dup) {
            json_path_push(c, dup->string, 0);
            ty_err_path(c->err, "%s", c->path);
            ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_JSON, "%s: duplicate key \"%s\"", c->path, dup->string);
            return NULL;
        }
        v = oom ? NULL : ty_val_map(c->doc);
        for (const cJSON *e = n->child; v && e; e = e->next) {
            size_t klen = strlen(e->string);
            size_t old = json_path_push(c, e->string, 0);
            ty_value *item = json_convert(c, e, depth + 1);
            json_path_pop(c, old);
            if (!item) return NULL;
            if (ty_map_put(c->doc, v, e->string, klen, item)) v = NULL;
        }
    } else {
        ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_JSON, "%s: unsupported JSON value", c->plen ? c->path : "(root)");
        return NULL;
    }
    if (!v) ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return v;
}

/* Finds a "\u0000" escape (preceded by an even run of backslashes). */
static bool json_find_nul_escape(const char *s, size_t len, size_t *at) {
    for (size_t i = 0; i + 6 <= len; i++) {
        if (s[i] != '\\') continue;
        if (memcmp(s + i, "\\u0000", 6) == 0) {
            *at = i;
            return true;
        }
        i++; /* skip the escaped character so "\\\\u0000" is not matched */
    }
    return false;
}

ty_doc *ty_doc_parse(const char *json, size_t len, const ty_json_opts *opts, ty_error *err) {
    ty_err_clear(err);
    const ty_alloc *alloc = opts ? opts->alloc : NULL;
    size_t max_bytes = opts && opts->max_bytes ? opts->max_bytes : JSON_DEFAULT_MAX_BYTES;
    unsigned max_depth = opts && opts->max_depth ? opts->max_depth : JSON_DEFAULT_MAX_DEPTH;
    if (ty_text_input(json, len, max_bytes, false, TY_DOMAIN_NONE, "JSON text", err)) return NULL;
    size_t at;
    if (json_find_nul_escape(json, len, &at)) {
        ty_err_at(err, json, len, at);
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_NUL, "JSON string contains \\u0000 at line %u, column %u",
                   err ? err->line : 0, err ? err->col : 0);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
    if (!root) {
        size_t off = end && end >= json && end <= json + len ? (size_t)(end - json) : 0;
        ty_err_at(err, json, len, off);
        /* cJSON cannot tell an allocation failure from bad syntax; the
         * message names the position either way. */
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_JSON, "invalid JSON at line %u, column %u", err ? err->line : 0,
                   err ? err->col : 0);
        return NULL;
    }
    /* trailing garbage after the value */
    size_t off = (size_t)(end - json);
    while (off < len && (json[off] == ' ' || json[off] == '\t' || json[off] == '\n' || json[off] == '\r')) off++;
    if (off < len) {
        cJSON_Delete(root);
        ty_err_at(err, json, len, off);
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_JSON, "unexpected text after JSON value at line %u, column %u",
                   err ? err->line : 0, err ? err->col : 0);
        return NULL;
    }
    json_ctx c;
    c.alloc = alloc;
    c.doc = ty_doc_new(alloc);
    c.err = err;
    c.max_depth = max_depth;
    c.path[0] = '\0';
    c.plen = 0;
    if (!c.doc) {
        cJSON_Delete(root);
        ty_err_nomem(err, TY_DOMAIN_NONE);
        return NULL;
    }
    ty_value *v = json_convert(&c, root, 1);
    cJSON_Delete(root);
    if (!v) {
        ty_doc_free(c.doc);
        return NULL;
    }
    ty_doc_set_root(c.doc, v);
    return c.doc;
}
