/*
 * fuzz_template.c — libFuzzer target for template compile + render.
 *
 * Input: template source, a 0 byte, then JSON data (the whole input is the
 * source when there is no 0 byte). The source is compiled strict and
 * lenient, with each escape mode, beside a few fixed partials and itself as
 * the partial "self" (so recursion is reachable); each template renders the
 * data (or a fixed document when the JSON does not parse). One more compile
 * and render runs with an allocator that fails after N allocations, N taken
 * from the input. Nothing may crash, hang, leak or trip a sanitizer; the
 * static walk the linter uses (ty_template_walk) reaches the end of every
 * compiled template with its sections balanced. Seeds: tests/fuzz/fuzz_template/,
 * and templates.json's templates with their data (scripts/fuzz_seeds.py).
 * make fuzz builds and runs it; make test-fuzz, part of make test, runs it
 * for a bounded time. By hand:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icsrc/include \
 *     $(pkg-config --cflags libutf8proc) tests/fuzz/fuzz_template.c \
 *     csrc/tinyyes.c $(pkg-config --libs libutf8proc) -lm -o fuzz_template
 */
#include "tinyyes.h"

#include "../../csrc/src/template.h" /* white-box: the static walk */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char fz_default_json[] =
    "{\"name\":\"Ann <&>\",\"options\":[{\"title\":\"a\"},{\"title\":\"b\",\"last\":true}],"
    "\"a\":{\"b\":{\"c\":1.5}},\"l\":[1,\"x\",null,true,[2]],\"kind\":\"p\",\"self\":\"self\","
    "\"t\":true,\"f\":false,\"n\":null,\"e\":\"\",\"z\":0}";

static void fz_partials(ty_partial ps[4], const char *src, size_t len) {
    static const char p[] = "P({{name}}|{{#l}}{{.}}{{/l}})\n  {{>q}}\n";
    static const char q[] = "{{$b}}default {{a.b.c}}{{/b}}[{{^t}}x{{/t}}]";
    static const char r[] = "{{<q}}{{$b}}\n  over {{name}}\n{{/b}}{{/q}}{{>*kind}}";
    ps[0] = (ty_partial){"p", 1, p, sizeof p - 1};
    ps[1] = (ty_partial){"q", 1, q, sizeof q - 1};
    ps[2] = (ty_partial){"r", 1, r, sizeof r - 1};
    ps[3] = (ty_partial){"self", 4, src, len};
}

typedef struct fz_budget {
    long left;
} fz_budget;

static void *fz_malloc(void *ctx, size_t n) {
    fz_budget *b = ctx;
    if (b->left-- <= 0) return NULL;
    return malloc(n);
}

static void *fz_realloc(void *ctx, void *p, size_t old, size_t n) {
    (void)old;
    fz_budget *b = ctx;
    if (b->left-- <= 0) return NULL;
    return realloc(p, n);
}

static void fz_free(void *ctx, void *p) {
    (void)ctx;
    free(p);
}

/* ty_template_walk visitor: counts open sections; an END below zero aborts. */
static int fz_walk(void *ctx, const ty_tpl_item *it) {
    long *depth = ctx;
    if (it->tag == TY_TPL_SECTION || it->tag == TY_TPL_INVERTED) ++*depth;
    else if (it->tag == TY_TPL_END && --*depth < 0) abort();
    if (it->tag != TY_TPL_END && (!it->name || !it->len || !it->line || !it->col)) abort();
    return 0;
}

/* Compiles and renders once; checks the invariants every call must keep. */
static void fz_one(const char *src, size_t len, ty_template_opts *o, const ty_data *data, const ty_alloc *bufalloc) {
    ty_error err;
    ty_template *t = ty_template_compile(src, len, o, &err);
    if (!t) {
        if (err.code >= 0 || err.domain != TY_DOMAIN_TEMPLATE) abort();
        return;
    }
    for (size_t i = 0; i < ty_template_name_count(t); i++) {
        size_t n;
        if (!ty_template_name(t, i, &n)) abort();
    }
    long depth = 0;
    if (ty_template_walk(t, fz_walk, &depth) != 0 || depth != 0) abort();
    ty_buf out;
    ty_buf_init(&out, bufalloc);
    int rc = ty_template_render(t, data, &out, &err);
    if (rc) {
        if (out.len != 0 || err.code != rc || err.domain != TY_DOMAIN_TEMPLATE) abort();
    } else {
        if (out.ptr[out.len] != '\0') abort();
        /* a guarded render never lets a placeholder out */
        if (!o->no_guard && ty_guard_check(out.ptr, out.len, &err) == TY_E_GUARD) abort();
    }
    ty_buf_free(&out);
    ty_template_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *in = (const char *)data;
    const char *zero = memchr(in, 0, size);
    size_t slen = zero ? (size_t)(zero - in) : size;
    const char *json = zero ? zero + 1 : fz_default_json;
    size_t jlen = zero ? size - slen - 1 : sizeof fz_default_json - 1;

    ty_error err;
    ty_doc *doc = ty_doc_parse(json, jlen, NULL, &err);
    if (!doc) doc = ty_doc_parse(fz_default_json, sizeof fz_default_json - 1, NULL, &err);
    if (!doc) abort();
    ty_data d = ty_value_data(ty_doc_root(doc));

    ty_partial ps[4];
    fz_partials(ps, in, slen);
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.partials = ps;
    o.npartials = 4;
    o.max_output = 1 << 16;
    for (int lenient = 0; lenient < 2; lenient++) {
        for (int esc = 0; esc < 4; esc++) {
            o.lenient = lenient;
            o.escape = esc;
            o.no_guard = esc & 1;
            fz_one(in, slen, &o, &d, NULL);
        }
    }
    (void)ty_guard_check(in, slen, &err);

    /* allocation failure somewhere in compile or render */
    if (size > 0) {
        fz_budget b = {data[size - 1] % 48};
        ty_alloc a = {fz_malloc, fz_realloc, fz_free, &b};
        o.alloc = &a;
        o.lenient = 1;
        o.escape = TY_ESCAPE_HTML;
        fz_one(in, slen, &o, &d, &a);
    }
    ty_doc_free(doc);
    return 0;
}
