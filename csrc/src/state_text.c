/*
 * state_text.c — a conversation state stored as JSON text (a database
 * column, Redis, a cookie): reading the text a host kept, and turning a
 * result's state into the text to keep. The state itself is flow_state.c's;
 * this file only moves it between text and trees, once, in the core, so a
 * host stepping from text never parses or serialises the state itself.
 */
#include "common.h"

ty_doc *ty_state_parse(const char *json, size_t len, ty_error *err) {
    if (len > TY_STATE_MAX_BYTES) { /* before any byte is read: the contract in tinyyes.h */
        ty_err_set(err, TY_DOMAIN_STATE, TY_E_LIMIT, "the stored state is %zu bytes of JSON, over the limit of %u bytes",
                   len, TY_STATE_MAX_BYTES);
        return NULL;
    }
    ty_doc *doc = ty_doc_parse_in(json, len, NULL, TY_STATE_MAX_BYTES, TY_VALUE_MAX_DEPTH, TY_DOMAIN_STATE, err);
    if (!doc) {
        if (err) { /* the path is under "state", as the state reader's are */
            char path[TY_ERROR_PATH_MAX] = "state.";
            size_t at = err->path[0] && err->path[0] != '[' ? 6 : 5, n = strlen(err->path);
            if (n > sizeof path - 1 - at) n = sizeof path - 1 - at; /* a path this long is cut, as the parser's own are */
            memcpy(path + at, err->path, n);
            path[at + n] = '\0';
            memcpy(err->path, path, sizeof path);
        }
        return NULL;
    }
    ty_kind k = ty_value_kind(ty_doc_root(doc));
    if (k != TY_MAP && k != TY_NULL) {
        ty_doc_free(doc);
        ty_err_set(err, TY_DOMAIN_STATE, TY_E_STATE,
                   "state: the stored text must be a JSON object (a state) or null, not %s",
                   k == TY_LIST ? "an array" : k == TY_STRING ? "a string" : k == TY_NUMBER ? "a number" : "a boolean");
        if (err) snprintf(err->path, sizeof err->path, "state");
        return NULL;
    }
    return doc;
}

int ty_result_state_text(ty_doc *result, ty_error *err) {
    ty_value *root = (ty_value *)ty_doc_root(result);
    size_t n = ty_value_count(root);
    for (size_t i = 0; i < n; i++) {
        size_t klen;
        const char *key = ty_value_key(root, i, &klen);
        if (klen != 5 || memcmp(key, "state", 5) != 0) continue;
        ty_buf b;
        ty_buf_init(&b, NULL);
        if (ty_buf_reserve(&b, 2048) || ty_value_write(ty_value_item(root, i), TY_WRITE_COMPACT, &b, err) < 0) {
            ty_buf_free(&b);
            return err && err->code ? err->code : ty_err_nomem(err, TY_DOMAIN_STATE);
        }
        ty_value *text = ty_val_string(result, b.ptr, b.len);
        ty_buf_free(&b);
        if (!text) return ty_err_nomem(err, TY_DOMAIN_STATE);
        ty_val_set_item(root, i, text);
        return TY_OK;
    }
    return ty_err_set(err, TY_DOMAIN_STATE, TY_E_ARG, "the result has no \"state\" to write as text");
}
