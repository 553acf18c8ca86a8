/*
 * testutil.c — shared C test helpers (see testutil.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *ty_test_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (n + 1 < cap) break;
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

static int tu_is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *ty_test_shared_dir(void) {
    const char *env = getenv("TINYYES_SHARED");
    if (env && *env) return tu_is_dir(env) ? env : NULL;
    return tu_is_dir("../shared") ? "../shared" : NULL;
}

/* Reads $TINYYES_VALGRIND on each call (no global state to reset). */
int ty_test_lighter(void) {
    const char *env = getenv("TINYYES_VALGRIND");
    return env && *env && strcmp(env, "0") != 0;
}

const char *ty_test_vectors_dir(void) {
    const char *env = getenv("TINYYES_VECTORS");
    return env && *env ? env : "tests/vectors";
}

char *ty_test_path(char *buf, size_t cap, const char *dir, const char *name) {
    snprintf(buf, cap, "%s/%s", dir, name);
    return buf;
}

/* ---- fail-after-N allocator ------------------------------------------- */

static atomic_long tu_live;

static int tu_take(long *countdown) {
    if (*countdown < 0) return 1;
    if (*countdown == 0) return 0;
    (*countdown)--;
    return 1;
}

static void *tu_malloc(void *ctx, size_t size) {
    if (!tu_take(ctx)) return NULL;
    void *p = malloc(size);
    if (p) atomic_fetch_add(&tu_live, 1);
    return p;
}

static void *tu_realloc(void *ctx, void *ptr, size_t old_size, size_t size) {
    (void)old_size;
    if (!tu_take(ctx)) return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr) atomic_fetch_add(&tu_live, 1);
    return p;
}

static void tu_free(void *ctx, void *ptr) {
    (void)ctx;
    if (!ptr) return;
    atomic_fetch_sub(&tu_live, 1);
    free(ptr);
}

ty_alloc ty_test_failing_alloc(long *countdown) {
    ty_alloc a;
    a.malloc = tu_malloc;
    a.realloc = tu_realloc;
    a.free = tu_free;
    a.ctx = countdown;
    return a;
}

long ty_test_live_allocs(void) { return atomic_load(&tu_live); }

/* ---- JSON ---------------------------------------------------------------- */

ty_doc *ty_test_parse_json(const char *text, size_t len, ty_error *err) {
    return ty_doc_parse(text, len, NULL, err);
}

ty_doc *ty_test_load_json(const char *path, ty_error *err) {
    size_t len;
    char *text = ty_test_read_file(path, &len);
    if (!text) {
        if (err) {
            memset(err, 0, sizeof *err);
            err->code = TY_E_NOTFOUND;
            snprintf(err->message, sizeof err->message, "cannot read %s", path);
        }
        return NULL;
    }
    ty_doc *d = ty_doc_parse(text, len, NULL, err);
    free(text);
    return d;
}

const ty_value *ty_test_get(const ty_value *map, const char *key) {
    return ty_value_get(map, key, strlen(key));
}

const char *ty_test_get_string(const ty_value *map, const char *key, size_t *len) {
    return ty_value_string(ty_test_get(map, key), len);
}
