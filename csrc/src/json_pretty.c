/*
 * json_pretty.c — JSON for people to read: what the command lines print
 * for `chat`'s /state, a verbose event and `lint --json`. The form is
 * Python's json.dumps(v, ensure_ascii=False[, indent=n]) (", " and ": "
 * between items; with an indent, one item a line), so both command lines
 * print the same bytes without either imitating the other.
 */
#include "common.h"

#define JP_MAX_DEPTH 1000

static int jp_value(const ty_value *v, int indent, unsigned depth, ty_buf *out);

/* A line break and `indent` spaces per level, or the one-line separator. */
static int jp_break(ty_buf *out, int indent, unsigned depth, bool first) {
    if (indent < 0) return first ? TY_OK : ty_buf_append(out, ", ", 2);
    int rc = first ? ty_buf_putc(out, '\n') : ty_buf_append(out, ",\n", 2);
    for (size_t i = 0; !rc && i < (size_t)indent * depth; i++) rc = ty_buf_putc(out, ' ');
    return rc;
}

/* A list or a map: items (with their keys for a map) between brackets. */
static int jp_container(const ty_value *v, int indent, unsigned depth, ty_buf *out) {
    bool map = ty_value_kind(v) == TY_MAP;
    size_t n = ty_value_count(v);
    int rc = ty_buf_putc(out, map ? '{' : '[');
    for (size_t i = 0; !rc && i < n; i++) {
        rc = jp_break(out, indent, depth + 1, i == 0);
        if (!rc && map) {
            size_t kl;
            const char *k = ty_value_key(v, i, &kl);
            rc = ty_buf_json_string(out, k, kl);
            if (!rc) rc = ty_buf_append(out, ": ", 2);
        }
        if (!rc) rc = jp_value(ty_value_item(v, i), indent, depth + 1, out);
    }
    if (!rc && n && indent >= 0) rc = jp_break(out, indent, depth, true);
    return rc ? rc : ty_buf_putc(out, map ? '}' : ']');
}

static int jp_value(const ty_value *v, int indent, unsigned depth, ty_buf *out) {
    if (depth > JP_MAX_DEPTH) return TY_E_DEPTH;
    switch (ty_value_kind(v)) {
    case TY_LIST:
    case TY_MAP: return jp_container(v, indent, depth, out);
    default: return ty_value_write_json(v, out, NULL);
    }
}

int ty_value_write_json_pretty(const ty_value *v, int indent, ty_buf *out, ty_error *err) {
    ty_err_clear(err);
    if (!out) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "write_json_pretty: no output buffer");
    size_t mark = out->len;
    int rc = jp_value(v, indent, 0, out);
    if (!rc) return TY_OK;
    out->len = mark;
    if (out->ptr) out->ptr[mark] = '\0';
    if (rc == TY_E_NOMEM) return ty_err_nomem(err, TY_DOMAIN_NONE);
    return ty_err_set(err, TY_DOMAIN_NONE, TY_E_DEPTH, "value nested deeper than %d levels", JP_MAX_DEPTH);
}

#undef JP_MAX_DEPTH
