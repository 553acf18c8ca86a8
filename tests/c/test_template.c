/*
 * test_template.c — Check tests for csrc/src/template.c: the shared vectors
 * (tests/vectors/templates.json), the official Mustache spec files from
 * ../shared, exact error positions, allocation failure at every site,
 * host-callback failure and ref balance, concurrent rendering of one
 * template, depth limits and size limits, and the static walk over the
 * tags a template reads (ty_template_walk, for the linter).
 */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* White-box: the static walk is private to the core (template.h). */
#include "../../csrc/src/template.h"

/* ---- running one case ----------------------------------------------------- */

#define MAX_PARTIALS 32

/* ty_template_walk visitor: the depth of open sections, which an END may
 * never take below zero; -1000 once it did. */
static int walk_depth(void *ctx, const ty_tpl_item *it) {
    int *depth = ctx;
    if (it->tag == TY_TPL_SECTION || it->tag == TY_TPL_INVERTED) ++*depth;
    else if (it->tag == TY_TPL_END && --*depth < 0) *depth = -1000;
    ck_assert(it->tag == TY_TPL_END || (it->name && it->len && it->line >= 1 && it->col >= 1));
    return 0;
}

/* Every compiled template walks to its end with its sections balanced. */
static void walk_balanced(const ty_template *t) {
    int depth = 0;
    ck_assert_int_eq(ty_template_walk(t, walk_depth, &depth), 0);
    ck_assert_int_eq(depth, 0);
}

/* Compiles src with the partials in a JSON map and renders data into out
 * (and walks it: walk_balanced). Returns the first failing code (compile
 * or render), err filled. */
static int render_case(const char *src, size_t len, const ty_value *data, const ty_value *partials,
                       const ty_template_opts *base, ty_buf *out, ty_error *err) {
    ty_template_opts o = *base;
    ty_partial ps[MAX_PARTIALS];
    size_t np = ty_value_count(partials);
    ck_assert_uint_le(np, MAX_PARTIALS);
    for (size_t i = 0; i < np; i++) {
        ps[i].name = ty_value_key(partials, i, &ps[i].name_len);
        ps[i].source = ty_value_string(ty_value_item(partials, i), &ps[i].source_len);
        ck_assert_ptr_nonnull(ps[i].source);
    }
    o.partials = ps;
    o.npartials = np;
    ty_template *t = ty_template_compile(src, len, &o, err);
    if (!t) {
        ck_assert_int_lt(err->code, 0);
        ck_assert_int_eq(err->domain, TY_DOMAIN_TEMPLATE);
        return err->code;
    }
    walk_balanced(t);
    ty_data d = ty_value_data(data);
    int rc = ty_template_render(t, &d, out, err);
    ty_template_free(t);
    if (rc) ck_assert_int_eq(err->domain, TY_DOMAIN_TEMPLATE);
    return rc;
}

static void show_string(const char *label, const char *s, size_t n) {
    fprintf(stderr, "  %s: \"", label);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') fputs("\\n", stderr);
        else if (c == '\r') fputs("\\r", stderr);
        else if (c == '\t') fputs("\\t", stderr);
        else if (c < 0x20) fprintf(stderr, "\\x%02x", c);
        else fputc(c, stderr);
    }
    fputs("\"\n", stderr);
}

/* ---- shared vectors --------------------------------------------------------- */

static ty_doc *vec_doc;
static const ty_value *vec_tests;

START_TEST(test_vector) {
    const ty_value *tc = ty_value_item(vec_tests, (size_t)_i);
    const char *name = ty_test_get_string(tc, "name", NULL);
    size_t len;
    const char *src = ty_test_get_string(tc, "template", &len);
    ck_assert_msg(name && src, "vector %d lacks name/template", _i);
    const ty_value *opts = ty_test_get(tc, "options");
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    size_t elen;
    const char *esc = ty_test_get_string(opts, "escape", &elen);
    if (esc) {
        o.escape = ty_escape_parse(esc, elen);
        ck_assert_msg(o.escape >= 0, "%s: bad escape %s", name, esc);
    }
    const ty_value *strict = ty_test_get(opts, "strict");
    if (strict && ty_value_kind(strict) == TY_FALSE) o.lenient = 1;
    const ty_value *guard = ty_test_get(opts, "guard");
    if (guard && ty_value_kind(guard) == TY_FALSE) o.no_guard = 1;

    ty_buf out;
    ty_buf_init(&out, NULL);
    ty_error err;
    int rc = render_case(src, len, ty_test_get(tc, "data"), ty_test_get(tc, "partials"), &o, &out, &err);
    const ty_value *want_err = ty_test_get(tc, "error");
    if (!want_err) {
        size_t xlen;
        const char *expected = ty_test_get_string(tc, "expected", &xlen);
        ck_assert_msg(expected, "%s: no expected output", name);
        if (rc || out.len != xlen || memcmp(out.ptr, expected, xlen) != 0) {
            fprintf(stderr, "vector \"%s\" failed\n", name);
            if (rc)
                fprintf(stderr, "  error %s: %s (line %u col %u)\n", ty_code_name(rc), err.message, err.line,
                        err.col);
            else show_string("got", out.ptr, out.len);
            show_string("expected", expected, xlen);
            ck_abort_msg("vector \"%s\" failed", name);
        }
    } else {
        ck_assert_msg(rc != 0, "%s: rendered \"%s\" but an error was expected", name, out.ptr ? out.ptr : "");
        ck_assert_uint_eq(out.len, 0);
        const char *s;
        if ((s = ty_test_get_string(want_err, "code", NULL)))
            ck_assert_msg(strcmp(s, ty_domain_name(err.domain)) == 0, "%s: domain %s", name,
                          ty_domain_name(err.domain));
        if ((s = ty_test_get_string(want_err, "reason", NULL)))
            ck_assert_msg(strcmp(s, ty_code_reason(err.code)) == 0, "%s: reason %s, want %s (%s)", name,
                          ty_code_reason(err.code), s, err.message);
        if ((s = ty_test_get_string(want_err, "message", NULL)))
            ck_assert_msg(strcmp(s, err.message) == 0, "%s: message \"%s\", want \"%s\"", name, err.message, s);
        if ((s = ty_test_get_string(want_err, "path", NULL)))
            ck_assert_msg(strcmp(s, err.path) == 0, "%s: path \"%s\", want \"%s\"", name, err.path, s);
        const ty_value *v;
        if ((v = ty_test_get(want_err, "line")))
            ck_assert_msg(err.line == (unsigned)ty_value_number(v), "%s: line %u, want %g", name, err.line,
                          ty_value_number(v));
        if ((v = ty_test_get(want_err, "col")))
            ck_assert_msg(err.col == (unsigned)ty_value_number(v), "%s: col %u, want %g", name, err.col,
                          ty_value_number(v));
        if ((v = ty_test_get(want_err, "offset")))
            ck_assert_msg(err.offset == (size_t)ty_value_number(v), "%s: offset %zu, want %g", name, err.offset,
                          ty_value_number(v));
    }
    ty_buf_free(&out);
}
END_TEST

START_TEST(test_vector_names_unique) {
    size_t n = ty_value_count(vec_tests);
    ck_assert_uint_ge(n, 50);
    for (size_t i = 0; i < n; i++) {
        size_t li;
        const char *a = ty_test_get_string(ty_value_item(vec_tests, i), "name", &li);
        for (size_t j = i + 1; j < n; j++) {
            size_t lj;
            const char *b = ty_test_get_string(ty_value_item(vec_tests, j), "name", &lj);
            ck_assert_msg(li != lj || memcmp(a, b, li) != 0, "duplicate vector name %s", a);
        }
    }
}
END_TEST

/* ---- Mustache spec ------------------------------------------------------------ */

static const char *const spec_files[] = {
    "comments.json", "delimiters.json", "interpolation.json", "inverted.json",
    "partials.json", "sections.json",   "~inheritance.json",  "~dynamic-names.json",
};
#define NSPEC (sizeof spec_files / sizeof spec_files[0])
static ty_doc *spec_docs[NSPEC];
static size_t spec_index[1024][2]; /* flat index: (file, test) */
static size_t spec_count;

START_TEST(test_spec) {
    size_t f = spec_index[_i][0], k = spec_index[_i][1];
    const ty_value *tc = ty_value_item(ty_test_get(ty_doc_root(spec_docs[f]), "tests"), k);
    const char *name = ty_test_get_string(tc, "name", NULL);
    size_t len, xlen;
    const char *src = ty_test_get_string(tc, "template", &len);
    const char *expected = ty_test_get_string(tc, "expected", &xlen);
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.lenient = 1;
    o.no_guard = 1;
    o.escape = TY_ESCAPE_HTML;
    ty_buf out;
    ty_buf_init(&out, NULL);
    ty_error err;
    int rc = render_case(src, len, ty_test_get(tc, "data"), ty_test_get(tc, "partials"), &o, &out, &err);
    if (rc || out.len != xlen || memcmp(out.ptr, expected, xlen) != 0) {
        fprintf(stderr, "spec %s \"%s\" failed\n", spec_files[f], name);
        show_string("template", src, len);
        if (rc) fprintf(stderr, "  error %s: %s (line %u col %u)\n", ty_code_name(rc), err.message, err.line, err.col);
        else show_string("got", out.ptr, out.len);
        show_string("expected", expected, xlen);
        ty_buf_free(&out);
        ck_abort_msg("spec %s \"%s\" failed", spec_files[f], name);
    }
    ty_buf_free(&out);
}
END_TEST

/* ---- helpers for the C-only tests ----------------------------------------------- */

typedef struct compiled {
    ty_template *t;
    ty_doc *doc;
} compiled;

static ty_template *compile_str(const char *src, const ty_template_opts *o, ty_error *err) {
    return ty_template_compile(src, strlen(src), o, err);
}

/* Renders src with JSON data under options; returns rc, output in out. */
static int render_str(const char *src, const char *json, const ty_template_opts *o, ty_buf *out, ty_error *err) {
    ty_error jerr;
    ty_doc *d = ty_test_parse_json(json, strlen(json), &jerr);
    ck_assert_msg(d, "bad test JSON: %s", jerr.message);
    ty_template *t = compile_str(src, o, err);
    int rc = t ? 0 : err->code;
    if (t) {
        ty_data data = ty_value_data(ty_doc_root(d));
        rc = ty_template_render(t, &data, out, err);
    }
    ty_template_free(t);
    ty_doc_free(d);
    return rc;
}

/* ---- errors with exact positions ------------------------------------------------ */

typedef struct err_case {
    const char *src;
    int code;
    unsigned line, col;
    const char *message;
} err_case;

static const err_case err_cases[] = {
    {"Hi {{#a}}\nx", TY_E_SYNTAX, 1, 4, "unclosed section \"a\""},
    {"a\n  {{#a}}{{#b}}{{/a}}", TY_E_SYNTAX, 2, 15, "closing tag \"a\" does not match open section \"b\""},
    {"x\ny {{/a}}", TY_E_SYNTAX, 2, 3, "closing tag \"a\" has no open section"},
    {"héllo {{name", TY_E_SYNTAX, 1, 7, "unclosed tag (expected \"}}\")"},
    {"ab\n\n   {{{name}}", TY_E_SYNTAX, 3, 4, "unclosed tag (expected \"}}}\")"},
    {"{{=<% =}}", TY_E_SYNTAX, 1, 1, "bad delimiter change: expected two delimiters, like {{=<% %>=}}"},
    {"x {{= =}}", TY_E_SYNTAX, 1, 3, "bad delimiter change: expected two delimiters, like {{=<% %>=}}"},
    {"{{=<% %>=}}\n<% name", TY_E_SYNTAX, 2, 1, "unclosed tag (expected \"%>\")"},
    {"x {{ }}", TY_E_SYNTAX, 1, 3, "empty tag name"},
    {"x {{#}}{{/}}", TY_E_SYNTAX, 1, 3, "empty tag name"},
    {"{{a b}}", TY_E_SYNTAX, 1, 1, "invalid tag name \"a b\""},
    {"{{a..b}}", TY_E_SYNTAX, 1, 1, "invalid tag name \"a..b\""},
    {"日本 {{^x}}", TY_E_SYNTAX, 1, 4, "unclosed inverted section \"x\""},
    {"{{! a\nb }} {{/x}}", TY_E_SYNTAX, 2, 6, "closing tag \"x\" has no open section"},
    {"{{>nope}}", TY_E_MISSING, 1, 1, "missing partial: nope"},
    {"{{<p}}{{$a}}x", TY_E_SYNTAX, 1, 7, "unclosed block \"a\""},
    {"{{<p}}\n{{$a}}x{{/a}}", TY_E_SYNTAX, 1, 1, "unclosed parent \"p\""},
};

START_TEST(test_error_positions) {
    const err_case *ec = &err_cases[_i];
    ty_error err;
    ty_template *t = compile_str(ec->src, NULL, &err);
    ck_assert_msg(t == NULL, "case %d compiled", _i);
    ck_assert_int_eq(err.code, ec->code);
    ck_assert_int_eq(err.domain, TY_DOMAIN_TEMPLATE);
    ck_assert_str_eq(err.message, ec->message);
    ck_assert_msg(err.line == ec->line && err.col == ec->col, "case %d: %u:%u, want %u:%u", _i, err.line, err.col,
                  ec->line, ec->col);
    ck_assert_str_eq(err.path, "");
}
END_TEST

START_TEST(test_error_in_partial) {
    ty_partial ps[2] = {{"ok", 2, "fine", 4}, {"card", 4, "line one\n  {{#x}}\n", 18}};
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.partials = ps;
    o.npartials = 2;
    ty_error err;
    ck_assert_ptr_null(compile_str("{{>card}}", &o, &err));
    ck_assert_int_eq(err.code, TY_E_SYNTAX);
    ck_assert_str_eq(err.message, "unclosed section \"x\"");
    ck_assert_str_eq(err.path, "partial \"card\"");
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.col, 3);
    ck_assert_uint_eq(err.offset, 11);

    /* a missing partial inside a partial, strict */
    ps[1].source = "{{>gone}}";
    ps[1].source_len = 9;
    ck_assert_ptr_null(compile_str("x", &o, &err));
    ck_assert_int_eq(err.code, TY_E_MISSING);
    ck_assert_str_eq(err.message, "missing partial: gone");
    ck_assert_str_eq(err.path, "partial \"card\"");

    /* invalid UTF-8 in a partial */
    ps[1].source = "ok \xff";
    ps[1].source_len = 4;
    ck_assert_ptr_null(compile_str("x", &o, &err));
    ck_assert_int_eq(err.code, TY_E_UTF8);
    ck_assert_uint_eq(err.offset, 3);
    ck_assert_str_eq(err.path, "partial \"card\"");

    /* duplicate names */
    ps[1].name = "ok";
    ps[1].name_len = 2;
    ck_assert_ptr_null(compile_str("x", &o, &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
}
END_TEST

START_TEST(test_bad_input) {
    ty_error err;
    /* invalid UTF-8 */
    const char bad[] = "ab\n c\xc3(";
    ck_assert_ptr_null(ty_template_compile(bad, sizeof bad - 1, NULL, &err));
    ck_assert_int_eq(err.code, TY_E_UTF8);
    ck_assert_int_eq(err.domain, TY_DOMAIN_TEMPLATE);
    ck_assert_uint_eq(err.offset, 5);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.col, 3);
    /* overlong encoding and a surrogate */
    ck_assert_ptr_null(ty_template_compile("\xc0\xaf", 2, NULL, &err));
    ck_assert_int_eq(err.code, TY_E_UTF8);
    ck_assert_ptr_null(ty_template_compile("\xed\xa0\x80", 3, NULL, &err));
    ck_assert_int_eq(err.code, TY_E_UTF8);
    /* NUL in the source */
    const char nul[] = "Hi {{name}}\0!";
    ck_assert_ptr_null(ty_template_compile(nul, sizeof nul - 1, NULL, &err));
    ck_assert_int_eq(err.code, TY_E_NUL);
    ck_assert_uint_eq(err.offset, 11);
    /* bad arguments */
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.escape = 9;
    ck_assert_ptr_null(compile_str("x", &o, &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
    o.escape = 0;
    o.npartials = 1;
    ck_assert_ptr_null(compile_str("x", &o, &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
    ck_assert_ptr_null(ty_template_compile(NULL, 3, NULL, &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
    /* an empty template is fine, with err NULL too */
    ty_template *t = ty_template_compile(NULL, 0, NULL, NULL);
    ck_assert_ptr_nonnull(t);
    ty_buf out;
    ty_buf_init(&out, NULL);
    ty_data d = ty_value_data(NULL);
    ck_assert_int_eq(ty_template_render(t, &d, &out, NULL), 0);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_str_eq(out.ptr, "");
    ck_assert_int_eq(ty_template_render(NULL, &d, &out, &err), TY_E_ARG);
    ck_assert_int_eq(ty_template_render(t, NULL, &out, &err), TY_E_ARG);
    ck_assert_int_eq(ty_template_render(t, &d, NULL, &err), TY_E_ARG);
    ty_buf_free(&out);
    ty_template_free(t);
    ty_template_free(NULL);
    /* escape names */
    ck_assert_int_eq(ty_escape_parse("none", 4), TY_ESCAPE_NONE);
    ck_assert_int_eq(ty_escape_parse("html", 4), TY_ESCAPE_HTML);
    ck_assert_int_eq(ty_escape_parse("telegram_html", 13), TY_ESCAPE_TELEGRAM_HTML);
    ck_assert_int_eq(ty_escape_parse("telegram_md", 11), TY_ESCAPE_TELEGRAM_MD);
    ck_assert_int_eq(ty_escape_parse("HTML", 4), TY_E_ARG);
    ck_assert_int_eq(ty_escape_parse("html", 3), TY_E_ARG);
    ck_assert_int_eq(ty_escape_parse(NULL, 0), TY_E_ARG);
}
END_TEST

START_TEST(test_names) {
    ty_partial ps[1] = {{"p", 1, "{{who.first}} {{#list}}{{item}}{{/list}}", 40}};
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.partials = ps;
    o.npartials = 1;
    ty_error err;
    ty_template *t = compile_str("{{a.b}} {{{c}}} {{#d}}{{.}}{{a}}{{/d}}{{^e}}{{/e}}{{>p}}{{>*f.g}}", &o, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    const char *want[] = {"a", "c", "d", "e", "f", "who", "list", "item"};
    ck_assert_uint_eq(ty_template_name_count(t), 8);
    for (size_t i = 0; i < 8; i++) {
        size_t n;
        const char *s = ty_template_name(t, i, &n);
        ck_assert_uint_eq(n, strlen(want[i]));
        ck_assert_msg(memcmp(s, want[i], n) == 0, "name %zu", i);
    }
    size_t n = 7;
    ck_assert_ptr_null(ty_template_name(t, 8, &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(ty_template_name_count(NULL), 0);
    ty_template_free(t);
}
END_TEST

/* Counts the bytes live through an allocator (each block carries its size). */
typedef struct tb_count {
    size_t live;
} tb_count;
static void *tb_malloc(void *ctx, size_t n) {
    size_t *p = malloc(n + sizeof(size_t) * 2);
    if (!p) return NULL;
    p[0] = n;
    ((tb_count *)ctx)->live += n;
    return p + 2;
}
static void tb_free(void *ctx, void *ptr) {
    if (!ptr) return;
    size_t *p = (size_t *)ptr - 2;
    ((tb_count *)ctx)->live -= p[0];
    free(p);
}
static void *tb_realloc(void *ctx, void *ptr, size_t old, size_t n) {
    void *q = tb_malloc(ctx, n);
    if (q && ptr) {
        memcpy(q, ptr, old < n ? old : n);
        tb_free(ctx, ptr);
    }
    return q;
}

/* ty_template_bytes is what a compiled template holds from its allocator,
 * byte for byte, small or large, with partials (bindings report it to their
 * garbage collector). */
START_TEST(test_bytes_held) {
    ck_assert_uint_eq(ty_template_bytes(NULL), 0);
    static char big[20000];
    memset(big, 'x', sizeof big - 1);
    memcpy(big + 100, "{{#a}}{{b.c}}{{/a}}", 19);
    const char *srcs[] = {"", "Hi {{name}}!", big};
    ty_partial ps[1] = {{"p", 1, "{{who.first}} {{#list}}{{item}}{{/list}}", 40}};
    size_t last = 0;
    for (size_t i = 0; i < 3; i++) {
        tb_count cnt = {0};
        ty_alloc a = {tb_malloc, tb_realloc, tb_free, &cnt};
        ty_template_opts o;
        memset(&o, 0, sizeof o);
        o.alloc = &a;
        o.partials = ps;
        o.npartials = i == 1;
        ty_error err;
        ty_template *t = ty_template_compile(srcs[i], strlen(srcs[i]), &o, &err);
        ck_assert_msg(t != NULL, "%s", err.message);
        ck_assert_uint_eq(ty_template_bytes(t), cnt.live);
        ck_assert_uint_gt(cnt.live, last);
        last = cnt.live;
        ty_template_free(t);
        ck_assert_uint_eq(cnt.live, 0);
    }
    ck_assert_uint_gt(last, sizeof big); /* the big one holds its text */
}
END_TEST

START_TEST(test_missing_message_truncated) {
    /* 120 distinct missing names of 9 bytes: far more than fit in a message */
    char src[4096];
    size_t n = 0;
    for (int i = 0; i < 120; i++) n += (size_t)snprintf(src + n, sizeof src - n, "{{name_%03d}}", i);
    ty_buf out;
    ty_buf_init(&out, NULL);
    ty_error err;
    ck_assert_int_eq(render_str(src, "{}", NULL, &out, &err), TY_E_MISSING);
    ck_assert_uint_lt(strlen(err.message), TY_ERROR_MESSAGE_MAX);
    ck_assert_msg(strncmp(err.message, "missing: name_000, name_001, ", 29) == 0, "%s", err.message);
    size_t ml = strlen(err.message);
    ck_assert_str_eq(err.message + ml - 5, ", \xE2\x80\xA6");
    /* 300 distinct names: more than the remembered set */
    n = 0;
    for (int i = 0; i < 300; i++) n += (size_t)snprintf(src + n, sizeof src - n, "{{%d}}", i);
    ck_assert_int_eq(render_str(src, "{}", NULL, &out, &err), TY_E_MISSING);
    ml = strlen(err.message);
    ck_assert_str_eq(err.message + ml - 5, ", \xE2\x80\xA6");
    /* one huge name is cut at a character boundary */
    char big[1200];
    n = (size_t)snprintf(big, sizeof big, "{{");
    for (int i = 0; i < 300; i++) n += (size_t)snprintf(big + n, sizeof big - n, "é");
    snprintf(big + n, sizeof big - n, "}}");
    ck_assert_int_eq(render_str(big, "{}", NULL, &out, &err), TY_E_MISSING);
    ml = strlen(err.message);
    ck_assert_str_eq(err.message + ml - 3, "\xE2\x80\xA6");
    ck_assert_msg(ml >= 500, "message too short: %zu", ml);
    ty_buf_free(&out);
}
END_TEST

START_TEST(test_guard_on_the_text_only) {
    /* guard_text_only: a placeholder in the template's own text is a
     * compile error at its line and column; values are never checked */
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.guard_text_only = 1;
    ty_error err;
    const char *bad = "Hi {{name}}.\nNow [first name], ok?";
    ck_assert_ptr_null(ty_template_compile(bad, strlen(bad), &o, &err));
    ck_assert_int_eq(err.code, TY_E_GUARD);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.col, 5);
    ck_assert_str_eq(err.message, "placeholder in the template's text: \"[first name]\"");
    const char *src = "Hi {{name}} [{{x}}]";
    ty_template *t = ty_template_compile(src, strlen(src), &o, &err);
    ck_assert_ptr_nonnull(t);
    const char *json = "{\"name\":\"Ana [at] home {{#a}}\",\"x\":\"}}\"}";
    ty_doc *d = ty_doc_parse(json, strlen(json), NULL, &err);
    ck_assert_ptr_nonnull(d);
    ty_data data = ty_value_data(ty_doc_root(d));
    ty_buf out;
    ty_buf_init(&out, NULL);
    ck_assert_int_eq(ty_template_render(t, &data, &out, &err), 0);
    ck_assert_str_eq(out.ptr, "Hi Ana [at] home {{#a}} [}}]");
    /* the same template with the whole-output guard refuses those values */
    ty_template_opts all;
    memset(&all, 0, sizeof all);
    ty_template *u = ty_template_compile(src, strlen(src), &all, &err);
    ck_assert_ptr_nonnull(u);
    out.len = 0;
    ck_assert_int_eq(ty_template_render(u, &data, &out, &err), TY_E_GUARD);
    ty_buf_free(&out);
    ty_template_free(u);
    ty_template_free(t);
    ty_doc_free(d);
}
END_TEST

START_TEST(test_no_recursion) {
    /* no_recursion: a cycle of partials is a compile error at the call that
     * closes it; a diamond (two partials sharing a third) is not a cycle;
     * without the option the spec's recursion compiles */
    ty_partial parts[] = {
        {"a", 1, "A{{> b}}", 8},
        {"b", 1, "{{#x}}\n{{> a}}{{/x}}", 20},
        {"c", 1, "C", 1},
        {"d", 1, "{{> c}}{{> c}}", 14},
    };
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.partials = parts;
    o.npartials = 4;
    o.no_recursion = 1;
    ty_error err;
    ck_assert_ptr_null(ty_template_compile("x {{> a}}", 9, &o, &err));
    ck_assert_int_eq(err.code, TY_E_SYNTAX);
    ck_assert_str_eq(err.message,
                     "partial \"a\" includes itself, directly or through other partials: recursion is not allowed here");
    ck_assert_str_eq(err.path, "partial \"b\"");
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.col, 1);
    ty_template *t = ty_template_compile("{{> d}}{{> c}}", 14, &o, &err);
    ck_assert_ptr_nonnull(t);
    ty_template_free(t);
    o.no_recursion = 0;
    t = ty_template_compile("x {{> a}}", 9, &o, &err);
    ck_assert_ptr_nonnull(t);
    ty_template_free(t);
}
END_TEST

START_TEST(test_guard_check) {
    ty_error err;
    ck_assert_int_eq(ty_guard_check("Hi Anna, pick A or B.", 21, &err), 0);
    ck_assert_int_eq(ty_guard_check("Hi [first name], ok?", 20, &err), TY_E_GUARD);
    ck_assert_str_eq(err.message, "placeholder left in output: \"[first name]\"");
    ck_assert_uint_eq(err.offset, 3);
    ck_assert_int_eq(err.domain, TY_DOMAIN_TEMPLATE);
    ck_assert_int_eq(ty_guard_check("see [the docs](https://x.y)", 27, &err), 0);
    ck_assert_int_eq(ty_guard_check("a \\[note] b", 11, &err), 0);
    ck_assert_int_eq(ty_guard_check("[1] [ ] [] [--]", 15, &err), 0);
    ck_assert_int_eq(ty_guard_check("x [Имя] y", strlen("x [Имя] y"), &err), TY_E_GUARD);
    ck_assert_str_eq(err.message, "placeholder left in output: \"[Имя]\"");
    ck_assert_int_eq(ty_guard_check("[नाम]", strlen("[नाम]"), &err), TY_E_GUARD);
    ck_assert_int_eq(ty_guard_check("[customer’s name]", strlen("[customer’s name]"), &err), TY_E_GUARD);
    ck_assert_int_eq(ty_guard_check("[a.b]", 5, &err), 0);
    ck_assert_int_eq(ty_guard_check("[[x]]", 5, &err), TY_E_GUARD);
    ck_assert_uint_eq(err.offset, 1);
    /* 40 code points are still a placeholder, 41 are not */
    char b[64];
    memset(b, 'a', sizeof b);
    b[0] = '[';
    b[41] = ']';
    ck_assert_int_eq(ty_guard_check(b, 42, &err), TY_E_GUARD);
    b[41] = 'a';
    b[42] = ']';
    ck_assert_int_eq(ty_guard_check(b, 43, &err), 0);
    ck_assert_int_eq(ty_guard_check("a {{ b", 6, &err), TY_E_GUARD);
    ck_assert_str_eq(err.message, "placeholder left in output: \"{{\"");
    ck_assert_uint_eq(err.offset, 2);
    ck_assert_int_eq(ty_guard_check("a {{name}} b", 12, &err), TY_E_GUARD);
    ck_assert_str_eq(err.message, "placeholder left in output: \"{{name}}\"");
    ck_assert_int_eq(ty_guard_check("a }} b", 6, &err), TY_E_GUARD);
    ck_assert_str_eq(err.message, "placeholder left in output: \"}}\"");
    ck_assert_int_eq(ty_guard_check("{ } [ ] { x }", 13, &err), 0);
    ck_assert_int_eq(ty_guard_check("bad \xff", 5, &err), TY_E_UTF8);
    ck_assert_int_eq(ty_guard_check("nul\0[x]", 7, &err), TY_E_GUARD);
    ck_assert_int_eq(ty_guard_check(NULL, 0, NULL), 0);
    /* long clean text exercises the word-at-a-time scan */
    char big[1000];
    memset(big, 'x', sizeof big);
    ck_assert_int_eq(ty_guard_check(big, sizeof big, &err), 0);
    big[997] = '}';
    big[998] = '}';
    ck_assert_int_eq(ty_guard_check(big, sizeof big, &err), TY_E_GUARD);
    ck_assert_uint_eq(err.offset, 997);
}
END_TEST

/* ---- a counting host: every ref is a malloc'd box ---------------------------------- */

typedef struct box_host {
    long live;      /* boxes not yet released */
    long calls;     /* callbacks so far */
    long fail_at;   /* the callback number that fails (-1: never) */
} box_host;

typedef struct box {
    const ty_value *v;
} box;

static int box_tick(box_host *h) {
    if (h->fail_at >= 0 && h->calls++ == h->fail_at) return TY_E_HOST;
    return 0;
}

static ty_ref box_new(box_host *h, const ty_value *v) {
    box *b = malloc(sizeof *b);
    ck_assert_ptr_nonnull(b);
    b->v = v;
    h->live++;
    return b;
}

static int box_kind(void *ctx, ty_ref v) {
    if (box_tick(ctx)) return TY_E_HOST;
    return ty_value_kind(((const box *)v)->v);
}

static int box_get(void *ctx, ty_ref map, const char *key, size_t len, ty_ref *out) {
    if (box_tick(ctx)) return TY_E_HOST;
    const ty_value *r = ty_value_get(((const box *)map)->v, key, len);
    if (!r) return 0;
    *out = box_new(ctx, r);
    return 1;
}

static int box_count(void *ctx, ty_ref list, size_t *n) {
    if (box_tick(ctx)) return TY_E_HOST;
    *n = ty_value_count(((const box *)list)->v);
    return 0;
}

static int box_item(void *ctx, ty_ref list, size_t i, ty_ref *out) {
    if (box_tick(ctx)) return TY_E_HOST;
    *out = box_new(ctx, ty_value_item(((const box *)list)->v, i));
    return 0;
}

static int box_string(void *ctx, ty_ref v, const char **s, size_t *len) {
    if (box_tick(ctx)) return TY_E_HOST;
    *s = ty_value_string(((const box *)v)->v, len);
    /* a deliberately broken host: "<bad>" comes out as invalid UTF-8, "<nul>" with a NUL;
     * "<sur>" is refused as text (a host string with a lone surrogate) */
    if (*s && *len == 5 && memcmp(*s, "<sur>", 5) == 0) return TY_E_UTF8;
    if (*s && *len == 5 && memcmp(*s, "<bad>", 5) == 0) *s = "bad\xff!";
    else if (*s && *len == 5 && memcmp(*s, "<nul>", 5) == 0) *s = "nu\0l!";
    return 0;
}

static int box_number(void *ctx, ty_ref v, double *out) {
    if (box_tick(ctx)) return TY_E_HOST;
    *out = ty_value_number(((const box *)v)->v);
    return 0;
}

static void box_release(void *ctx, ty_ref v) {
    box_host *h = ctx;
    h->live--;
    free((void *)v);
}

static const ty_data_ops box_ops = {box_kind, box_get, box_count, box_item, box_string, box_number, box_release, NULL};

static const char *rich_src = "Hi {{name}}! {{#options}}{{title}}{{^last}} or {{/last}}{{/options}}.\n"
                              "{{#service}}{{title}} ({{price}}){{/service}} {{#flag}}{{.}}{{/flag}}\n"
                              "  {{>card}}\n"
                              "{{<frame}}{{$body}}[{{name}}]{{/body}}{{/frame}}|{{>*kind}}|{{#tags}}{{.}},{{/tags}}";
static const char *rich_json = "{\"name\":\"Ann & Co\",\"options\":[{\"title\":\"a cut\"},{\"title\":\"a colour\","
                               "\"last\":true}],\"service\":{\"title\":\"Cut\",\"price\":35.5},\"flag\":\"yes\","
                               "\"kind\":\"card\",\"tags\":[\"x\",\"y\"],\"who\":\"Bo\"}";
static const char *rich_expected = "Hi Ann &amp; Co! a cut or a colour.\n"
                                   "Cut (35.5) yes\n"
                                   "  Card for Bo\n"
                                   "  ---\n"
                                   "<[Ann &amp; Co]>|Card for Bo\n---\n|x,y,";

static ty_partial rich_partials[2] = {
    {"card", 4, "Card for {{who}}\n---\n", 0},
    {"frame", 5, "<{{$body}}default{{/body}}>", 0},
};

static void rich_opts(ty_template_opts *o) {
    for (int i = 0; i < 2; i++) rich_partials[i].source_len = strlen(rich_partials[i].source);
    memset(o, 0, sizeof *o);
    o->partials = rich_partials;
    o->npartials = 2;
    o->escape = TY_ESCAPE_HTML;
    o->no_guard = 1;
}

START_TEST(test_rich_render) {
    ty_template_opts o;
    rich_opts(&o);
    ty_buf out;
    ty_buf_init(&out, NULL);
    ty_error err;
    ck_assert_int_eq(render_str(rich_src, rich_json, &o, &out, &err), 0);
    ck_assert_str_eq(out.ptr, rich_expected);
    ty_buf_free(&out);
}
END_TEST

START_TEST(test_host_refs_balanced) {
    ty_template_opts o;
    rich_opts(&o);
    ty_error err;
    ty_template *t = compile_str(rich_src, &o, &err);
    ck_assert_ptr_nonnull(t);
    ty_doc *d = ty_test_parse_json(rich_json, strlen(rich_json), &err);
    ck_assert_ptr_nonnull(d);
    box_host h = {0, 0, -1};
    box *root = (box *)box_new(&h, ty_doc_root(d));
    ty_data data = {&box_ops, &h, root};
    ty_buf out;
    ty_buf_init(&out, NULL);
    ck_assert_int_eq(ty_template_render(t, &data, &out, &err), 0);
    ck_assert_str_eq(out.ptr, rich_expected);
    ck_assert_int_eq(h.live, 1);
    /* now fail at every callback in turn: the code comes back, every ref
     * is released and the output is rolled back */
    long fails = 0;
    for (long at = 0;; at++) {
        h.calls = 0;
        h.fail_at = at;
        out.len = 0;
        int rc = ty_template_render(t, &data, &out, &err);
        ck_assert_int_eq(h.live, 1);
        if (rc == 0) break;
        fails++;
        ck_assert_int_eq(rc, TY_E_HOST);
        ck_assert_int_eq(err.code, TY_E_HOST);
        ck_assert_int_eq(err.domain, TY_DOMAIN_TEMPLATE);
        ck_assert_uint_eq(out.len, 0);
        ck_assert_int_eq(out.ptr[0], '\0');
    }
    ck_assert_int_gt(fails, 20);
    ck_assert_str_eq(out.ptr, rich_expected);
    ty_buf_free(&out);
    box_release(&h, root);
    ck_assert_int_eq(h.live, 0);
    ty_doc_free(d);
    ty_template_free(t);
}
END_TEST

START_TEST(test_host_bad_strings) {
    ty_error err;
    ty_template *t = compile_str("a {{#l}}{{.}}{{/l}} b", NULL, &err);
    ck_assert_ptr_nonnull(t);
    const char *cases[][2] = {{"{\"l\":[\"ok\",\"<bad>\"]}", "value of \".\" is not valid UTF-8 (byte 3)"},
                              {"{\"l\":[\"<nul>\"]}", "value of \".\" contains a NUL byte"},
                              {"{\"l\":[\"<sur>\"]}", "value of \".\" is not valid Unicode text"}};
    const int codes[] = {TY_E_UTF8, TY_E_NUL, TY_E_UTF8};
    for (int i = 0; i < 3; i++) {
        ty_doc *d = ty_test_parse_json(cases[i][0], strlen(cases[i][0]), &err);
        box_host h = {0, 0, -1};
        box *root = (box *)box_new(&h, ty_doc_root(d));
        ty_data data = {&box_ops, &h, root};
        ty_buf out;
        ty_buf_init(&out, NULL);
        int rc = ty_template_render(t, &data, &out, &err);
        ck_assert_int_eq(rc, codes[i]);
        ck_assert_int_eq(err.code, codes[i]);
        ck_assert_str_eq(err.message, cases[i][1]);
        ck_assert_uint_eq(err.line, 1);
        ck_assert_uint_eq(err.col, 9);
        ck_assert_uint_eq(out.len, 0);
        ck_assert_int_eq(h.live, 1);
        box_release(&h, root);
        ty_buf_free(&out);
        ty_doc_free(d);
    }
    ty_template_free(t);
}
END_TEST

/* ---- allocation failure at every site -------------------------------------------- */

START_TEST(test_alloc_failure) {
    ty_template_opts o;
    rich_opts(&o);
    ty_error err;
    ty_doc *d = ty_test_parse_json(rich_json, strlen(rich_json), &err);
    ck_assert_ptr_nonnull(d);
    ty_data data = ty_value_data(ty_doc_root(d));
    long base = ty_test_live_allocs();
    long compile_fails = 0, render_fails = 0;
    for (long n = 0;; n++) {
        long countdown = n;
        ty_alloc a = ty_test_failing_alloc(&countdown);
        o.alloc = &a;
        ty_template *t = compile_str(rich_src, &o, &err);
        if (!t) {
            ck_assert_int_eq(err.code, TY_E_NOMEM);
            ck_assert_int_eq(err.domain, TY_DOMAIN_TEMPLATE);
            ck_assert_int_eq(ty_test_live_allocs(), base);
            compile_fails++;
            continue;
        }
        ty_buf out;
        ty_buf_init(&out, &a);
        int rc = ty_template_render(t, &data, &out, &err);
        if (rc) {
            ck_assert_int_eq(rc, TY_E_NOMEM);
            ck_assert_int_eq(err.code, TY_E_NOMEM);
            ck_assert_uint_eq(out.len, 0);
            render_fails++;
        } else {
            ck_assert_str_eq(out.ptr, rich_expected);
        }
        ty_buf_free(&out);
        ty_template_free(t);
        ck_assert_int_eq(ty_test_live_allocs(), base);
        if (!rc) break;
    }
    ck_assert_int_gt(compile_fails, 10);
    ck_assert_int_ge(render_fails, 1);
    ty_doc_free(d);
}
END_TEST

START_TEST(test_alloc_failure_errors) {
    /* compile errors found after some allocations still release them all */
    const char *srcs[] = {"{{a}} {{#b}}{{c}}{{/b}} {{#d}}", "{{a}}{{b}}{{c}} {{/x}}", "x {{>nope}}"};
    long base = ty_test_live_allocs();
    for (size_t i = 0; i < 3; i++) {
        for (long n = 0; n < 200; n++) {
            long countdown = n;
            ty_alloc a = ty_test_failing_alloc(&countdown);
            ty_template_opts o;
            memset(&o, 0, sizeof o);
            o.alloc = &a;
            ty_error err;
            ck_assert_ptr_null(compile_str(srcs[i], &o, &err));
            ck_assert(err.code == TY_E_NOMEM || err.code == TY_E_SYNTAX || err.code == TY_E_MISSING);
            ck_assert_int_eq(ty_test_live_allocs(), base);
        }
    }
}
END_TEST

/* ---- threads ----------------------------------------------------------------------- */

typedef struct thread_arg {
    const ty_template *t;
    const ty_data *data;
    int ok;
} thread_arg;

static void *render_many(void *p) {
    thread_arg *a = p;
    ty_buf out;
    ty_buf_init(&out, NULL);
    a->ok = 1;
    for (int i = 0; i < 3000 && a->ok; i++) {
        out.len = 0;
        ty_error err;
        if (ty_template_render(a->t, a->data, &out, &err) != 0 || strcmp(out.ptr, rich_expected) != 0) a->ok = 0;
    }
    ty_buf_free(&out);
    return NULL;
}

START_TEST(test_threads) {
    ty_template_opts o;
    rich_opts(&o);
    ty_error err;
    ty_template *t = compile_str(rich_src, &o, &err);
    ck_assert_ptr_nonnull(t);
    ty_doc *d = ty_test_parse_json(rich_json, strlen(rich_json), &err);
    ty_data data = ty_value_data(ty_doc_root(d));
    pthread_t th[4];
    thread_arg args[4];
    for (int i = 0; i < 4; i++) {
        args[i].t = t;
        args[i].data = &data;
        args[i].ok = 0;
        ck_assert_int_eq(pthread_create(&th[i], NULL, render_many, &args[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        ck_assert_msg(args[i].ok, "thread %d rendered something else", i);
    }
    ty_doc_free(d);
    ty_template_free(t);
}
END_TEST

/* ---- depth ---------------------------------------------------------------------------- */

START_TEST(test_depth_recursive_partial) {
    ty_partial ps[1] = {{"loop", 4, "x{{>loop}}", 10}};
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.partials = ps;
    o.npartials = 1;
    ty_buf out;
    ty_buf_init(&out, NULL);
    ty_error err;
    ck_assert_int_eq(render_str("keep", "{}", NULL, &out, &err), 0);
    ck_assert_int_eq(render_str("a\n {{>loop}}", "{}", &o, &out, &err), TY_E_DEPTH);
    ck_assert_str_eq(err.message, "sections and partials nested deeper than 64");
    ck_assert_str_eq(err.path, "partial \"loop\"");
    ck_assert_uint_eq(err.line, 1);
    ck_assert_uint_eq(err.col, 2);
    ck_assert_uint_eq(out.len, 4);
    ck_assert_str_eq(out.ptr, "keep");
    /* the depth limit is settable and clamped to the hard cap */
    o.max_depth = 10;
    ck_assert_int_eq(render_str("{{>loop}}", "{}", &o, &out, &err), TY_E_DEPTH);
    ck_assert_str_eq(err.message, "sections and partials nested deeper than 10");
    o.max_depth = 1000000;
    ck_assert_int_eq(render_str("{{>loop}}", "{}", &o, &out, &err), TY_E_DEPTH);
    ck_assert_str_eq(err.message, "sections and partials nested deeper than 256");
    /* a recursive parent, and a dynamic partial naming itself */
    ps[0].source = "{{<loop}}{{/loop}}";
    ps[0].source_len = 18;
    o.max_depth = 0;
    ck_assert_int_eq(render_str("{{>loop}}", "{}", &o, &out, &err), TY_E_DEPTH);
    ps[0].source = "{{>*me}}";
    ps[0].source_len = 8;
    ck_assert_int_eq(render_str("{{>loop}}", "{\"me\":\"loop\"}", &o, &out, &err), TY_E_DEPTH);
    ck_assert_str_eq(out.ptr, "keep");
    ty_buf_free(&out);
}
END_TEST

START_TEST(test_depth_data_recursion) {
    /* a tree 80 levels deep rendered by a recursive partial: fine with a
     * limit of 200, TY_E_DEPTH with the default 64 */
    char json[4096];
    size_t n = 0;
    for (int i = 0; i < 60; i++) n += (size_t)snprintf(json + n, sizeof json - n, "{\"k\":{\"v\":%d,\"c\":", i);
    n += (size_t)snprintf(json + n, sizeof json - n, "null");
    for (int i = 0; i < 60; i++) n += (size_t)snprintf(json + n, sizeof json - n, "}}");
    ty_partial ps[1] = {{"node", 4, "{{#k}}{{v}} {{#c}}{{>node}}{{/c}}{{/k}}", 39}};
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.partials = ps;
    o.npartials = 1;
    ty_error err;
    ty_json_opts jo;
    memset(&jo, 0, sizeof jo);
    jo.max_depth = 200;
    ty_doc *d = ty_doc_parse(json, n, &jo, &err);
    ck_assert_msg(d != NULL, "%s", err.message);
    ty_data data = ty_value_data(ty_doc_root(d));
    ty_template *t = compile_str("{{>node}}", &o, &err);
    ty_buf out;
    ty_buf_init(&out, NULL);
    ck_assert_int_eq(ty_template_render(t, &data, &out, &err), TY_E_DEPTH);
    ck_assert_uint_eq(out.len, 0);
    ty_template_free(t);
    o.max_depth = 200;
    t = compile_str("{{>node}}", &o, &err);
    ck_assert_int_eq(ty_template_render(t, &data, &out, &err), 0);
    ck_assert(strncmp(out.ptr, "0 1 2 3 ", 8) == 0);
    ck_assert(strstr(out.ptr, " 59 ") != NULL);
    ty_template_free(t);
    ty_buf_free(&out);
    ty_doc_free(d);
}
END_TEST

START_TEST(test_depth_static_nesting) {
    char src[8192];
    size_t n = 0;
    for (int i = 0; i < 65; i++) n += (size_t)snprintf(src + n, sizeof src - n, "{{#s%d}}", i);
    for (int i = 64; i >= 0; i--) n += (size_t)snprintf(src + n, sizeof src - n, "{{/s%d}}", i);
    ty_error err;
    ck_assert_ptr_null(ty_template_compile(src, n, NULL, &err));
    ck_assert_int_eq(err.code, TY_E_DEPTH);
    ck_assert_uint_eq(err.line, 1);
    ck_assert_str_eq(err.message, "sections nested deeper than 64");
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.max_depth = 100;
    ty_template *t = ty_template_compile(src, n, &o, &err);
    ck_assert_ptr_nonnull(t);
    ty_template_free(t);
}
END_TEST

/* ---- limits ----------------------------------------------------------------------------- */

START_TEST(test_limits) {
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    ty_error err;
    /* source */
    o.max_source = 10;
    ck_assert_ptr_null(compile_str("0123456789A", &o, &err));
    ck_assert_int_eq(err.code, TY_E_LIMIT);
    ck_assert_int_eq(err.domain, TY_DOMAIN_TEMPLATE);
    ty_template *t = compile_str("0123456789", &o, &err);
    ck_assert_ptr_nonnull(t);
    ty_template_free(t);
    ty_partial ps[1] = {{"p", 1, "0123456789AB", 12}};
    o.partials = ps;
    o.npartials = 1;
    ck_assert_ptr_null(compile_str("x", &o, &err));
    ck_assert_int_eq(err.code, TY_E_LIMIT);
    ck_assert_str_eq(err.path, "partial \"p\"");
    /* the default source limit: 1 MiB */
    memset(&o, 0, sizeof o);
    size_t big = TY_TEMPLATE_MAX_SOURCE + 1;
    char *src = malloc(big);
    memset(src, 'x', big);
    ck_assert_ptr_null(ty_template_compile(src, big, &o, &err));
    ck_assert_int_eq(err.code, TY_E_LIMIT);
    t = ty_template_compile(src, big - 1, &o, &err);
    ck_assert_ptr_nonnull(t);
    ty_template_free(t);
    free(src);
    /* output: exactly at the limit is fine, one byte over fails and rolls back */
    ty_buf out;
    ty_buf_init(&out, NULL);
    ck_assert_int_eq(render_str("prefix", "{}", NULL, &out, &err), 0);
    o.max_output = 10;
    ck_assert_int_eq(render_str("{{a}}{{a}}", "{\"a\":\"12345\"}", &o, &out, &err), 0);
    ck_assert_str_eq(out.ptr, "prefix1234512345");
    out.len = 6;
    ck_assert_int_eq(render_str("{{a}}{{a}}!", "{\"a\":\"12345\"}", &o, &out, &err), TY_E_LIMIT);
    ck_assert_str_eq(err.message, "output is over the limit of 10 bytes");
    ck_assert_int_eq(err.domain, TY_DOMAIN_TEMPLATE);
    ck_assert_uint_eq(out.len, 6);
    ck_assert_str_eq(out.ptr, "prefix");
    /* the default output limit (4 MiB) stops a combinatorial explosion */
    o.max_output = 0;
    char json[2048];
    size_t n = (size_t)snprintf(json, sizeof json, "{\"l\":[");
    for (int i = 0; i < 100; i++) n += (size_t)snprintf(json + n, sizeof json - n, "%s%d", i ? "," : "", i);
    snprintf(json + n, sizeof json - n, "]}");
    out.len = 0;
    ck_assert_int_eq(render_str("{{#l}}{{#l}}{{#l}}{{#l}}[{{.}}]{{/l}}{{/l}}{{/l}}{{/l}}", json, &o, &out, &err),
                     TY_E_LIMIT);
    ck_assert_uint_eq(out.len, 0);
    /* loops that print nothing are stopped by the work budget
     * (4 * max_output + 1000000 iterations and calls) */
    o.max_output = 1000;
    ck_assert_int_eq(render_str("{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}", json, &o, &out, &err),
                     TY_E_LIMIT);
    ck_assert_str_eq(err.message, "rendering stopped: more than 1004000 section iterations and calls");
    ck_assert_uint_eq(out.len, 0);
    ty_partial ps2[1] = {{"p", 1, "{{#l}}{{#l}}{{/l}}{{/l}}", 24}};
    o.partials = ps2;
    o.npartials = 1;
    ck_assert_int_eq(render_str("{{#l}}{{>p}}{{/l}}", json, &o, &out, &err), TY_E_LIMIT);
    /* a long loop that does print is fine within the budget */
    o.partials = NULL;
    o.npartials = 0;
    o.max_output = 0;
    ck_assert_int_eq(render_str("{{#l}}{{#l}}{{#l}}{{.}}{{/l}}{{/l}}{{/l}}", json, &o, &out, &err), 0);
    ck_assert_uint_eq(out.len, 190 * 10000); /* 0..99 is 190 digits */
    ty_buf_free(&out);
}
END_TEST

START_TEST(test_strict_list_interpolation) {
    ty_buf out;
    ty_buf_init(&out, NULL);
    ty_error err;
    ck_assert_int_eq(render_str("x\n {{options}}", "{\"options\":[1,2]}", NULL, &out, &err), TY_E_ARG);
    ck_assert_str_eq(err.message, "cannot interpolate a list: \"options\"");
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.col, 2);
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.lenient = 1;
    ck_assert_int_eq(render_str("[{{options}}|{{.}}]", "{\"options\":{\"a\":1}}", &o, &out, &err), 0);
    ck_assert_str_eq(out.ptr, "[|]");
    ty_buf_free(&out);
}
END_TEST

/* ---- the static walk (template.h) ----------------------------------------------------------- */

/* Appends each item as "TAG name [partial] @line:col;" */
static int walk_log(void *ctx, const ty_tpl_item *it) {
    static const char *const tags[] = {"VAR", "SEC", "INV", "END", "DYN"};
    char one[160];
    if (it->tag == TY_TPL_END) snprintf(one, sizeof one, "END;");
    else
        snprintf(one, sizeof one, "%s %.*s%s%.*s @%u:%u;", tags[it->tag], (int)it->len, it->name,
                 it->partial ? " in " : "", (int)it->partial_len, it->partial ? it->partial : "", it->line, it->col);
    return ty_buf_puts(ctx, one);
}

/* Stops the walk at the first item. */
static int walk_stop(void *ctx, const ty_tpl_item *it) {
    (void)it;
    ++*(int *)ctx;
    return 7;
}

static void walk_case(const char *src, const ty_partial *ps, size_t np, const char *want) {
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.partials = ps;
    o.npartials = np;
    ty_error err;
    ty_template *t = ty_template_compile(src, strlen(src), &o, &err);
    ck_assert_msg(t != NULL, "%s", err.message);
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert_int_eq(ty_template_walk(t, walk_log, &b), 0);
    ck_assert_msg(strcmp(b.ptr ? b.ptr : "", want) == 0, "%s\n  got  %s\n  want %s", src, b.ptr, want);
    ty_buf_free(&b);
    ty_template_free(t);
}

/* Both branches of every section, partials where they are included (not
 * again inside themselves), a parent's blocks with the argument passed,
 * dynamic partials as names, positions in the main text. */
START_TEST(test_walk) {
    walk_case("Hi {{a}}!", NULL, 0, "VAR a @1:4;");
    walk_case("{{#s}}{{b.c}}{{^d}}{{e}}{{/d}}{{/s}}{{^f}}{{/f}}x", NULL, 0,
              "SEC s @1:1;VAR b.c @1:7;INV d @1:14;VAR e @1:20;END;END;INV f @1:37;END;");
    walk_case("{{#l}}{{.}}{{/l}}", NULL, 0, "SEC l @1:1;END;"); /* the implicit iterator is no name */
    ty_partial ps[] = {{"p", 1, "{{g}}{{#h}}{{> p}}{{/h}}", 24}, {"par", 3, "{{$blk}}{{k}}{{/blk}} {{i}}", 27}};
    walk_case("é\n  {{> p}} {{>*dyn}}\n{{<par}}{{$blk}}{{f}}{{/blk}}{{/par}}{{<par}}{{/par}}", ps, 2,
              "VAR g in p @2:3;SEC h in p @2:3;END;DYN dyn @2:11;VAR f @3:17;VAR i in par @3:1;"
              "VAR k in par @3:38;VAR i in par @3:38;");
    /* a stop from the visitor is returned; no visitor is an argument error */
    ty_template *t = ty_template_compile("{{a}}{{b}}", 10, NULL, NULL);
    int calls = 0;
    ck_assert_int_eq(ty_template_walk(t, walk_stop, &calls), 7);
    ck_assert_int_eq(calls, 1);
    ck_assert_int_eq(ty_template_walk(t, NULL, NULL), TY_E_ARG);
    ty_template_free(t);
}
END_TEST

/* ---- main ----------------------------------------------------------------------------------- */

int main(void) {
    Suite *s = suite_create("template");
    char path[1024];
    ty_error err;

    TCase *tv = tcase_create("vectors");
    vec_doc = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "templates.json"), &err);
    if (!vec_doc) {
        fprintf(stderr, "cannot load %s: %s\n", path, err.message);
        return 1;
    }
    vec_tests = ty_test_get(ty_doc_root(vec_doc), "tests");
    tcase_add_test(tv, test_vector_names_unique);
    tcase_add_loop_test(tv, test_vector, 0, (int)ty_value_count(vec_tests));
    suite_add_tcase(s, tv);

    const char *shared = ty_test_shared_dir();
    if (!shared) {
        printf("SKIP: ../shared not found (Mustache spec tests skipped)\n");
    } else {
        for (size_t f = 0; f < NSPEC; f++) {
            char rel[256];
            snprintf(rel, sizeof rel, "conformance/mustache-spec/%s", spec_files[f]);
            spec_docs[f] = ty_test_load_json(ty_test_path(path, sizeof path, shared, rel), &err);
            if (!spec_docs[f]) {
                fprintf(stderr, "cannot load %s: %s\n", path, err.message);
                return 1;
            }
            const ty_value *tests = ty_test_get(ty_doc_root(spec_docs[f]), "tests");
            for (size_t k = 0; k < ty_value_count(tests) && spec_count < 1024; k++) {
                spec_index[spec_count][0] = f;
                spec_index[spec_count][1] = k;
                spec_count++;
            }
        }
        printf("mustache spec: %zu cases from %zu files (6 required, ~inheritance, ~dynamic-names)\n", spec_count,
               (size_t)NSPEC);
        TCase *ts = tcase_create("mustache-spec");
        tcase_add_loop_test(ts, test_spec, 0, (int)spec_count);
        suite_add_tcase(s, ts);
    }

    TCase *te = tcase_create("errors");
    tcase_add_loop_test(te, test_error_positions, 0, (int)(sizeof err_cases / sizeof err_cases[0]));
    tcase_add_test(te, test_error_in_partial);
    tcase_add_test(te, test_bad_input);
    tcase_add_test(te, test_names);
    tcase_add_test(te, test_bytes_held);
    tcase_add_test(te, test_missing_message_truncated);
    tcase_add_test(te, test_guard_check);
    tcase_add_test(te, test_guard_on_the_text_only);
    tcase_add_test(te, test_no_recursion);
    tcase_add_test(te, test_strict_list_interpolation);
    tcase_add_test(te, test_walk);
    suite_add_tcase(s, te);

    TCase *th = tcase_create("host");
    tcase_add_test(th, test_rich_render);
    tcase_add_test(th, test_host_refs_balanced);
    tcase_add_test(th, test_host_bad_strings);
    suite_add_tcase(s, th);

    TCase *ta = tcase_create("alloc");
    tcase_set_timeout(ta, 60);
    tcase_add_test(ta, test_alloc_failure);
    tcase_add_test(ta, test_alloc_failure_errors);
    suite_add_tcase(s, ta);

    TCase *tt = tcase_create("threads");
    tcase_set_timeout(tt, 60);
    tcase_add_test(tt, test_threads);
    suite_add_tcase(s, tt);

    TCase *tl = tcase_create("limits");
    tcase_set_timeout(tl, 60);
    tcase_add_test(tl, test_depth_recursive_partial);
    tcase_add_test(tl, test_depth_data_recursion);
    tcase_add_test(tl, test_depth_static_nesting);
    tcase_add_test(tl, test_limits);
    suite_add_tcase(s, tl);

    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    ty_doc_free(vec_doc);
    for (size_t f = 0; f < NSPEC; f++) ty_doc_free(spec_docs[f]);
    return failed ? 1 : 0;
}
