/*
 * value.c — JSON-shaped value trees owned by a ty_doc arena: the builder the
 * core uses to produce results, the read API bindings use to convert them,
 * a compact JSON writer, and a ty_data_ops view so templates can render a
 * tree directly.
 */
#include "common.h"

#include <stdlib.h>

typedef struct val_member {
    const char *key;
    size_t klen;
    ty_value *val;
} val_member;

struct ty_value {
    uint8_t kind; /* ty_kind */
    size_t count, cap;
    union {
        double num;
        struct {
            const char *s;
            size_t len;
        } str;
        ty_value **items;     /* TY_LIST */
        val_member *members;  /* TY_MAP */
    } u;
};

struct ty_doc {
    ty_arena arena;
    ty_value *root;
};

static const ty_value val_null_node = {TY_NULL, 0, 0, {0}};

ty_doc *ty_doc_new(const ty_alloc *alloc) {
    ty_doc *d = ty_mem_alloc(alloc, sizeof *d);
    if (!d) return NULL;
    ty_arena_init(&d->arena, alloc);
    d->root = NULL;
    return d;
}

void ty_doc_free(ty_doc *doc) {
    if (!doc) return;
    const ty_alloc *a = doc->arena.alloc;
    ty_arena_free(&doc->arena);
    ty_mem_free(a, doc);
}

ty_arena *ty_doc_arena(ty_doc *doc) { return &doc->arena; }

void ty_doc_set_root(ty_doc *doc, ty_value *root) { doc->root = root; }

const ty_value *ty_doc_root(const ty_doc *doc) {
    return doc && doc->root ? doc->root : &val_null_node;
}

/* ---- constructors ------------------------------------------------------ */

static ty_value *val_node(ty_doc *d, int kind) {
    ty_value *v = ty_arena_alloc(&d->arena, sizeof *v);
    if (!v) return NULL;
    memset(v, 0, sizeof *v);
    v->kind = (uint8_t)kind;
    return v;
}

ty_value *ty_val_null(ty_doc *d) { return val_node(d, TY_NULL); }

ty_value *ty_val_bool(ty_doc *d, int b) { return val_node(d, b ? TY_TRUE : TY_FALSE); }

ty_value *ty_val_number(ty_doc *d, double x) {
    ty_value *v = val_node(d, TY_NUMBER);
    if (v) v->u.num = x;
    return v;
}

ty_value *ty_val_string(ty_doc *d, const char *s, size_t n) {
    ty_value *v = val_node(d, TY_STRING);
    if (!v) return NULL;
    char *c = ty_arena_dup(&d->arena, s, n);
    if (!c) return NULL;
    v->u.str.s = c;
    v->u.str.len = n;
    return v;
}

ty_value *ty_val_list(ty_doc *d) { return val_node(d, TY_LIST); }

ty_value *ty_val_map(ty_doc *d) { return val_node(d, TY_MAP); }

/* A map with room for cap members before it grows (in d's arena); NULL on OOM. */
ty_value *ty_val_map_sized(ty_doc *d, size_t cap) {
    ty_value *m = val_node(d, TY_MAP);
    size_t bytes;
    if (!m || !cap || !ty_size_mul(cap, sizeof(val_member), &bytes)) return m;
    if (!(m->u.members = ty_arena_alloc(&d->arena, bytes))) return NULL;
    m->cap = cap;
    return m;
}

/* Doubles the backing array of a full list or map v inside the arena (the
 * old array is simply abandoned: it dies with the arena). */
static int val_grow_full(ty_doc *d, ty_value *v, size_t elem) {
    size_t cap = v->cap ? v->cap * 2 : 4, bytes;
    if (!ty_size_mul(cap, elem, &bytes)) return TY_E_NOMEM;
    void *p = ty_arena_alloc(&d->arena, bytes);
    if (!p) return TY_E_NOMEM;
    void *old = v->kind == TY_LIST ? (void *)v->u.items : (void *)v->u.members;
    if (v->count) memcpy(p, old, v->count * elem);
    if (v->kind == TY_LIST) v->u.items = p;
    else v->u.members = p;
    v->cap = cap;
    return TY_OK;
}

/* Makes room for one more item or member of list or map v. */
static inline int val_grow(ty_doc *d, ty_value *v, size_t elem) {
    return v->count < v->cap ? TY_OK : val_grow_full(d, v, elem);
}

int ty_list_push(ty_doc *d, ty_value *list, ty_value *item) {
    if (!list || !item || list->kind != TY_LIST) return TY_E_ARG;
    if (val_grow(d, list, sizeof(ty_value *))) return TY_E_NOMEM;
    list->u.items[list->count++] = item;
    return TY_OK;
}

int ty_map_put(ty_doc *d, ty_value *map, const char *key, size_t klen, ty_value *val) {
    if (!map || !val || map->kind != TY_MAP) return TY_E_ARG;
    char *k = ty_arena_dup(&d->arena, key, klen);
    if (!k) return TY_E_NOMEM;
    if (val_grow(d, map, sizeof(val_member))) return TY_E_NOMEM;
    map->u.members[map->count].key = k;
    map->u.members[map->count].klen = klen;
    map->u.members[map->count].val = val;
    map->count++;
    return TY_OK;
}

/* Like ty_map_put without copying key: key must live as long as d (a string
 * literal, or bytes in d's own arena). Owns nothing new but the member slot. */
int ty_map_put_nocopy(ty_doc *d, ty_value *map, const char *key, size_t klen, ty_value *val) {
    if (!map || !val || map->kind != TY_MAP) return TY_E_ARG;
    if (val_grow(d, map, sizeof(val_member))) return TY_E_NOMEM;
    map->u.members[map->count].key = key;
    map->u.members[map->count].klen = klen;
    map->u.members[map->count].val = val;
    map->count++;
    return TY_OK;
}

/* Replaces item i of a list or map (a map keeps the key) by v, which must
 * live in the same doc. Frees nothing: the old value dies with the arena. */
void ty_val_set_item(ty_value *container, size_t i, ty_value *v) {
    if (!container || !v || i >= container->count) return;
    if (container->kind == TY_LIST) container->u.items[i] = v;
    else if (container->kind == TY_MAP) container->u.members[i].val = v;
}

/* ty_val_json_bound of a scalar v (not a list or map). Allocates nothing. */
static inline size_t val_leaf_bound(const ty_value *v, size_t cap) {
    switch (v ? v->kind : TY_NULL) {
    case TY_FALSE: return 5;
    case TY_NUMBER: return 32; /* ty_format_number writes at most 32 bytes */
    case TY_STRING: return v->u.str.len > (cap - 2) / 6 ? SIZE_MAX : 6 * v->u.str.len + 2;
    default: return 4; /* null, true */
    }
}

/* An upper bound of v's compact JSON size (every string byte escaped to
 * six), walking no string's bytes; SIZE_MAX past depth 64 or past `cap`.
 * Reads the nodes directly and recurses only into containers (it runs over
 * every state twice a step); allocates nothing. */
size_t ty_val_json_bound(const ty_value *v, unsigned depth, size_t cap) {
    if (depth > 64) return SIZE_MAX;
    if (!v || (v->kind != TY_LIST && v->kind != TY_MAP)) return val_leaf_bound(v, cap);
    size_t total = 2, count = v->count;
    bool map = v->kind == TY_MAP;
    for (size_t i = 0; i < count; i++) {
        size_t s = 1; /* the comma (or for the first one, slack) */
        const ty_value *item;
        if (map) {
            size_t kn = v->u.members[i].klen;
            if (kn > (cap - 3) / 6) return SIZE_MAX;
            s += 6 * kn + 3;
            item = v->u.members[i].val;
        } else {
            item = v->u.items[i];
        }
        size_t b = item && (item->kind == TY_LIST || item->kind == TY_MAP) ? ty_val_json_bound(item, depth + 1, cap)
                   : depth + 1 > 64                                        ? SIZE_MAX
                                                                           : val_leaf_bound(item, cap);
        if (b == SIZE_MAX || b > cap || s > cap - b || total > cap - (s + b)) return SIZE_MAX;
        total += s + b;
    }
    return total;
}

ty_value *ty_val_copy(ty_doc *d, const ty_value *v) {
    switch (v->kind) {
    case TY_NULL: return ty_val_null(d);
    case TY_FALSE: return ty_val_bool(d, false);
    case TY_TRUE: return ty_val_bool(d, true);
    case TY_NUMBER: return ty_val_number(d, v->u.num);
    case TY_STRING: return ty_val_string(d, v->u.str.s, v->u.str.len);
    case TY_LIST: {
        ty_value *l = ty_val_list(d);
        for (size_t i = 0; l && i < v->count; i++) {
            ty_value *c = ty_val_copy(d, v->u.items[i]);
            if (!c || ty_list_push(d, l, c)) return NULL;
        }
        return l;
    }
    default: {
        ty_value *m = ty_val_map(d);
        for (size_t i = 0; m && i < v->count; i++) {
            const val_member *e = &v->u.members[i];
            ty_value *c = ty_val_copy(d, e->val);
            if (!c || ty_map_put(d, m, e->key, e->klen, c)) return NULL;
        }
        return m;
    }
    }
}

/* ---- reading ----------------------------------------------------------- */

ty_kind ty_value_kind(const ty_value *v) { return v ? (ty_kind)v->kind : TY_NULL; }

double ty_value_number(const ty_value *v) { return v && v->kind == TY_NUMBER ? v->u.num : 0; }

const char *ty_value_string(const ty_value *v, size_t *len) {
    if (!v || v->kind != TY_STRING) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = v->u.str.len;
    return v->u.str.s;
}

size_t ty_value_count(const ty_value *v) {
    return v && (v->kind == TY_LIST || v->kind == TY_MAP) ? v->count : 0;
}

const ty_value *ty_value_item(const ty_value *v, size_t i) {
    if (!v || i >= ty_value_count(v)) return NULL;
    return v->kind == TY_LIST ? v->u.items[i] : v->u.members[i].val;
}

const char *ty_value_key(const ty_value *v, size_t i, size_t *len) {
    if (!v || v->kind != TY_MAP || i >= v->count) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = v->u.members[i].klen;
    return v->u.members[i].key;
}

const ty_value *ty_value_get(const ty_value *v, const char *key, size_t len) {
    if (!v || v->kind != TY_MAP) return NULL;
    for (size_t i = 0; i < v->count; i++) {
        const val_member *e = &v->u.members[i];
        if (e->klen == len && (len == 0 || memcmp(e->key, key, len) == 0)) return e->val;
    }
    return NULL;
}

/* ---- JSON writer -------------------------------------------------------- */

#define VAL_WRITE_MAX_DEPTH 512

static int val_write(const ty_value *v, unsigned flags, ty_buf *out, unsigned depth);

/* Orders map members by key bytes (a shorter key first when one is the
 * other's prefix), equal keys by position, so the order is total. */
static int val_member_cmp(const void *a, const void *b) {
    const val_member *x = *(const val_member *const *)a, *y = *(const val_member *const *)b;
    size_t n = x->klen < y->klen ? x->klen : y->klen;
    int c = n ? memcmp(x->key, y->key, n) : 0;
    if (c) return c;
    if (x->klen != y->klen) return x->klen < y->klen ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* Writes one member ("key":value) after a comma unless it is the first. */
static int val_write_member(const val_member *e, bool first, unsigned flags, ty_buf *out, unsigned depth) {
    int rc = first ? TY_OK : ty_buf_putc(out, ',');
    if (!rc) rc = ty_buf_json_string(out, e->key, e->klen);
    if (!rc) rc = ty_buf_putc(out, ':');
    return rc ? rc : val_write(e->val, flags, out, depth + 1);
}

/* Writes a map: members in stored order, or sorted (TY_WRITE_CANONICAL) through
 * a temporary index it frees; a top-level "sig" is skipped under TY_WRITE_NO_SIG. */
static int val_write_map(const ty_value *v, unsigned flags, ty_buf *out, unsigned depth) {
    const val_member **order = NULL;
    if ((flags & TY_WRITE_CANONICAL) && v->count > 1) {
        size_t bytes;
        if (!ty_size_mul(v->count, sizeof *order, &bytes)) return TY_E_NOMEM;
        order = ty_mem_alloc(out->alloc, bytes);
        if (!order) return TY_E_NOMEM;
        for (size_t i = 0; i < v->count; i++) order[i] = &v->u.members[i];
        qsort((void *)order, v->count, sizeof *order, val_member_cmp);
    }
    int rc = ty_buf_putc(out, '{');
    bool first = true;
    for (size_t i = 0; !rc && i < v->count; i++) {
        const val_member *e = order ? order[i] : &v->u.members[i];
        if (depth == 0 && (flags & TY_WRITE_NO_SIG) && e->klen == 3 && !memcmp(e->key, "sig", 3)) continue;
        rc = val_write_member(e, first, flags, out, depth);
        first = false;
    }
    ty_mem_free(out->alloc, (void *)order);
    return rc ? rc : ty_buf_putc(out, '}');
}

static int val_write(const ty_value *v, unsigned flags, ty_buf *out, unsigned depth) {
    if (depth > VAL_WRITE_MAX_DEPTH) return TY_E_DEPTH;
    int rc = TY_OK;
    switch (v->kind) {
    case TY_NULL: return ty_buf_append(out, "null", 4);
    case TY_FALSE: return ty_buf_append(out, "false", 5);
    case TY_TRUE: return ty_buf_append(out, "true", 4);
    case TY_NUMBER: {
        char tmp[33];
        size_t n = ty_format_number(v->u.num, tmp);
        return ty_buf_append(out, tmp, n);
    }
    case TY_STRING: return ty_buf_json_string(out, v->u.str.s, v->u.str.len);
    case TY_LIST:
        rc = ty_buf_putc(out, '[');
        for (size_t i = 0; !rc && i < v->count; i++) {
            if (i) rc = ty_buf_putc(out, ',');
            if (!rc) rc = val_write(v->u.items[i], flags, out, depth + 1);
        }
        return rc ? rc : ty_buf_putc(out, ']');
    default: return val_write_map(v, flags, out, depth);
    }
}

int ty_value_write(const ty_value *v, unsigned flags, ty_buf *out, ty_error *err) {
    size_t mark = out->len;
    int rc = val_write(v ? v : &val_null_node, flags, out, 0);
    if (rc) {
        out->len = mark;
        if (out->ptr) out->ptr[mark] = '\0';
        if (rc == TY_E_NOMEM) return ty_err_nomem(err, TY_DOMAIN_NONE);
        return ty_err_set(err, TY_DOMAIN_NONE, rc, "value nested deeper than %d levels", VAL_WRITE_MAX_DEPTH);
    }
    return TY_OK;
}

int ty_value_write_json(const ty_value *v, ty_buf *out, ty_error *err) { return ty_value_write(v, 0, out, err); }

/* ---- ty_data view over a tree ------------------------------------------ */

static int val_op_kind(void *ctx, ty_ref v) {
    (void)ctx;
    return ((const ty_value *)v)->kind;
}

static int val_op_get(void *ctx, ty_ref map, const char *key, size_t len, ty_ref *out) {
    (void)ctx;
    const ty_value *r = ty_value_get(map, key, len);
    if (!r) return 0;
    *out = r;
    return 1;
}

static int val_op_count(void *ctx, ty_ref list, size_t *n) {
    (void)ctx;
    *n = ty_value_count(list);
    return TY_OK;
}

static int val_op_item(void *ctx, ty_ref list, size_t i, ty_ref *out) {
    (void)ctx;
    const ty_value *r = ty_value_item(list, i);
    if (!r) return TY_E_ARG;
    *out = r;
    return TY_OK;
}

static int val_op_string(void *ctx, ty_ref v, const char **s, size_t *len) {
    (void)ctx;
    *s = ty_value_string(v, len);
    return *s ? TY_OK : TY_E_ARG;
}

static int val_op_number(void *ctx, ty_ref v, double *out) {
    (void)ctx;
    *out = ty_value_number(v);
    return TY_OK;
}

static const ty_data_ops val_data_ops = {
    val_op_kind, val_op_get, val_op_count, val_op_item, val_op_string, val_op_number, NULL, NULL,
};

ty_data ty_value_data(const ty_value *root) {
    ty_data d;
    d.ops = &val_data_ops;
    d.ctx = NULL;
    d.root = root ? root : &val_null_node;
    return d;
}
