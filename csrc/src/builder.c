/*
 * builder.c — a checked document builder the bindings feed while they walk
 * a host value (a Python dict, a JS object): one value at a time, with the
 * rules JSON sets (no NaN or infinity, integers exact only within +-2^53,
 * nesting within TY_VALUE_MAX_DEPTH) checked here once, and every error
 * naming the path of the value it is about ("state.slots.day",
 * "events[10003].at" for a chunk of a stream). Type errors about host
 * values JSON has no form for stay with the binding, which names them
 * with ty_builder_path or fails them through ty_builder_fail.
 */
#include "common.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define BLD_EXACT_INT 9007199254740992LL /* 2^53 */

/* How the value at one level is placed in its parent: by key or index.
 * Keys are copied onto one stack (keys), level after level. */
typedef struct bld_slot {
    bool has_key; /* false: a list index (or, in a map, no key yet) */
    size_t off;   /* where this level's key starts in keys */
    size_t klen;
} bld_slot;

struct ty_builder {
    const ty_alloc *alloc;
    ty_doc *doc;
    ty_value *root;
    int domain;
    int value_code; /* the domain's code for a value JSON cannot carry */
    size_t base;    /* added to a top-level list index in paths */
    unsigned depth; /* open containers */
    bool failed;
    ty_value *open[TY_VALUE_MAX_DEPTH + 1];
    bld_slot slot[TY_VALUE_MAX_DEPTH + 2]; /* slot[l]: the value at level l in open[l-1] */
    char *keys; /* the keys of the open levels, copied */
    size_t keys_cap;
    ty_error err;
    char rootname[TY_ERROR_PATH_MAX];
};

ty_builder *ty_builder_new(const char *root, int domain, size_t base, const ty_alloc *alloc) {
    ty_builder *b = ty_mem_alloc(alloc, sizeof *b);
    if (!b) return NULL;
    memset(b, 0, sizeof *b);
    b->alloc = alloc;
    b->doc = ty_doc_new(alloc);
    if (!b->doc) {
        ty_mem_free(alloc, b);
        return NULL;
    }
    b->domain = domain;
    b->value_code = domain == TY_DOMAIN_STATE ? TY_E_STATE : domain == TY_DOMAIN_EVENT ? TY_E_EVENT : TY_E_ARG;
    b->base = base;
    snprintf(b->rootname, sizeof b->rootname, "%s", root ? root : "");
    return b;
}

void ty_builder_free(ty_builder *b) {
    if (!b) return;
    ty_doc_free(b->doc);
    ty_mem_free(b->alloc, b->keys);
    ty_mem_free(b->alloc, b);
}

/* Appends one path step to dst (at *at, cut at cap), counting the full length. */
static void bld_cat(char *dst, size_t cap, size_t *at, const char *s, size_t n) {
    if (*at < cap) {
        size_t room = cap - 1 - *at;
        memcpy(dst + *at, s, n < room ? n : room);
    }
    *at += n;
}

size_t ty_builder_path(const ty_builder *b, char *dst, size_t cap) {
    size_t at = 0;
    bld_cat(dst, cap, &at, b->rootname, strlen(b->rootname));
    unsigned levels = b->depth; /* the value at the builder's place is at level depth */
    for (unsigned l = 1; l <= levels; l++) {
        const ty_value *parent = b->open[l - 1];
        const bld_slot *s = &b->slot[l];
        if (ty_value_kind(parent) == TY_MAP) {
            if (!s->has_key) break; /* no key yet: the map names itself */
            if (b->rootname[0] || l > 1) bld_cat(dst, cap, &at, ".", 1);
            bld_cat(dst, cap, &at, b->keys + s->off, s->klen);
        } else {
            size_t i = l < levels ? ty_value_count(parent) - 1 : ty_value_count(parent);
            char num[32];
            int n = snprintf(num, sizeof num, "[%zu]", i + (l == 1 ? b->base : 0));
            bld_cat(dst, cap, &at, num, (size_t)n);
        }
    }
    if (cap) dst[at < cap ? at : cap - 1] = '\0';
    return at;
}

int ty_builder_fail(ty_builder *b, int code, const char *message) {
    if (b->failed) return b->err.code;
    b->failed = true;
    memset(&b->err, 0, sizeof b->err);
    b->err.code = code;
    b->err.domain = code == TY_E_NOMEM ? TY_DOMAIN_NONE : b->domain;
    ty_builder_path(b, b->err.path, sizeof b->err.path);
    snprintf(b->err.message, sizeof b->err.message, "%s: %s", b->err.path, message);
    return code;
}

const ty_error *ty_builder_error(const ty_builder *b) { return b->failed ? &b->err : NULL; }

/* Places v at the builder's place; opens it when it is a container. */
static int bld_place(ty_builder *b, ty_value *v, bool container) {
    if (!v) return ty_builder_fail(b, TY_E_NOMEM, "out of memory");
    if (b->depth == 0) {
        if (b->root) return ty_builder_fail(b, TY_E_ARG, "a second root value");
        b->root = v;
    } else {
        ty_value *parent = b->open[b->depth - 1];
        bld_slot *s = &b->slot[b->depth];
        int rc;
        if (ty_value_kind(parent) == TY_MAP) {
            if (!s->has_key) return ty_builder_fail(b, TY_E_ARG, "a map value without a key");
            rc = ty_map_put(b->doc, parent, b->keys + s->off, s->klen, v);
        } else {
            rc = ty_list_push(b->doc, parent, v);
        }
        if (rc) return ty_builder_fail(b, TY_E_NOMEM, "out of memory");
    }
    if (container) {
        const bld_slot *up = &b->slot[b->depth];
        size_t off = b->depth && up->has_key ? up->off + up->klen : b->depth ? up->off : 0;
        b->open[b->depth++] = v;
        b->slot[b->depth] = (bld_slot){false, off, 0};
    } else if (b->depth) {
        b->slot[b->depth].has_key = false; /* the next map value needs its own key */
    }
    return TY_OK;
}

/* The checks every value passes first: no earlier error, nesting within the limit. */
static int bld_check(ty_builder *b) {
    if (b->failed) return b->err.code;
    if (b->depth > TY_VALUE_MAX_DEPTH) {
        char msg[96];
        snprintf(msg, sizeof msg, "nested deeper than %d levels (or a container contains itself)", TY_VALUE_MAX_DEPTH);
        return ty_builder_fail(b, TY_E_DEPTH, msg);
    }
    return TY_OK;
}

int ty_builder_null(ty_builder *b) {
    int rc = bld_check(b);
    return rc ? rc : bld_place(b, ty_val_null(b->doc), false);
}

int ty_builder_bool(ty_builder *b, int x) {
    int rc = bld_check(b);
    return rc ? rc : bld_place(b, ty_val_bool(b->doc, x), false);
}

int ty_builder_number(ty_builder *b, double x) {
    int rc = bld_check(b);
    if (rc) return rc;
    if (!isfinite(x)) return ty_builder_fail(b, b->value_code, "NaN and infinity are not JSON");
    return bld_place(b, ty_val_number(b->doc, x), false);
}

int ty_builder_integer(ty_builder *b, int64_t x, int overflow) {
    int rc = bld_check(b);
    if (rc) return rc;
    if (overflow || x > BLD_EXACT_INT || x < -BLD_EXACT_INT)
        return ty_builder_fail(b, b->value_code, "integer beyond +-2^53 cannot be carried exactly (pass it as a str)");
    return bld_place(b, ty_val_number(b->doc, (double)x), false);
}

int ty_builder_string(ty_builder *b, const char *s, size_t n) {
    int rc = bld_check(b);
    return rc ? rc : bld_place(b, ty_val_string(b->doc, s, n), false);
}

int ty_builder_list(ty_builder *b) {
    int rc = bld_check(b);
    return rc ? rc : bld_place(b, ty_val_list(b->doc), true);
}

int ty_builder_map(ty_builder *b) {
    int rc = bld_check(b);
    return rc ? rc : bld_place(b, ty_val_map(b->doc), true);
}

int ty_builder_key(ty_builder *b, const char *k, size_t n) {
    if (b->failed) return b->err.code;
    if (b->depth == 0 || ty_value_kind(b->open[b->depth - 1]) != TY_MAP)
        return ty_builder_fail(b, TY_E_ARG, "a key outside a map");
    bld_slot *s = &b->slot[b->depth];
    if (n > SIZE_MAX - s->off - 1) return ty_builder_fail(b, TY_E_NOMEM, "out of memory");
    if (s->off + n + 1 > b->keys_cap) {
        size_t cap = b->keys_cap ? b->keys_cap : 64;
        while (cap < s->off + n + 1) cap = cap > SIZE_MAX / 2 ? s->off + n + 1 : cap * 2;
        char *grown = b->keys ? ty_mem_realloc(b->alloc, b->keys, b->keys_cap, cap) : ty_mem_alloc(b->alloc, cap);
        if (!grown) return ty_builder_fail(b, TY_E_NOMEM, "out of memory");
        b->keys = grown;
        b->keys_cap = cap;
    }
    if (n) memcpy(b->keys + s->off, k, n);
    s->has_key = true;
    s->klen = n;
    return TY_OK;
}

int ty_builder_end(ty_builder *b) {
    if (b->failed) return b->err.code;
    if (b->depth == 0) return ty_builder_fail(b, TY_E_ARG, "an end without an open list or map");
    b->depth--;
    if (b->depth) b->slot[b->depth].has_key = false; /* the closed container's key is used */
    return TY_OK;
}

ty_doc *ty_builder_finish(ty_builder *b) {
    if (b->failed || b->depth || !b->root) return NULL;
    ty_doc *d = b->doc;
    ty_doc_set_root(d, b->root);
    b->doc = NULL;
    b->root = NULL;
    return d;
}

#undef BLD_EXACT_INT
