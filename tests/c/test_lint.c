/*
 * test_lint.c — Check tests for csrc/src/lint.c and lint_reach.c (docs/playbook.md):
 * the shared vectors in tests/vectors/lint.json and lint_playbooks.json,
 * every playbook the repository ships (tests/vectors/lint_shipped.json: the
 * default and the examples have no finding), the English tables being in
 * normalised form, code point spans, bad inputs and limits, linear time on
 * a megabyte of text and on a playbook of thousands of steps and slots,
 * ty_playbook_lint (template names, variants, channels, paths and sample
 * values; the asked slot's options), and allocation failure at every site.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"
#include "tinyyes.h"

/* White-box: the word tables and the normaliser they must agree with. */
#include "../../csrc/src/lint.h"
#include "../../csrc/src/text.h"

static char *lt_json(const ty_value *v) {
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert_int_eq(ty_value_write_json(v, &b, NULL), 0);
    return b.ptr ? b.ptr : strdup("");
}

/* Lints text for channel; the findings as JSON (or "ERR <code> <message>"). */
static char *lt_lint(const char *text, size_t len, const char *channel) {
    ty_error e;
    ty_doc *d = ty_lint(text, len, channel, channel ? strlen(channel) : 0, NULL, 0, &e);
    if (!d) {
        char *s = malloc(700);
        snprintf(s, 700, "ERR %s %s", ty_code_name(e.code), e.message);
        return s;
    }
    char *s = lt_json(ty_doc_root(d));
    ty_doc_free(d);
    return s;
}

/* The codes of the findings, "TY001,TY002". */
static char *lt_codes(const char *text, const char *channel) {
    ty_error e;
    ty_doc *d = ty_lint(text, strlen(text), channel, channel ? strlen(channel) : 0, NULL, 0, &e);
    ck_assert_msg(d != NULL, "%s", e.message);
    char *out = calloc(1, 1024);
    const ty_value *r = ty_doc_root(d);
    for (size_t i = 0; i < ty_value_count(r); i++) {
        if (i) strcat(out, ",");
        strncat(out, ty_test_get_string(ty_value_item(r, i), "code", NULL), 5);
    }
    ty_doc_free(d);
    return out;
}

/* ===================================================================== *
 * Vectors
 * ===================================================================== */

START_TEST(shared_vectors) {
    char path[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "lint.json"), &e);
    ck_assert_msg(vd != NULL, "%s: %s", path, e.message);
    const ty_value *tests = ty_test_get(ty_doc_root(vd), "tests");
    size_t n = ty_value_count(tests), failed = 0;
    ck_assert_uint_ge(n, 30);
    bool seen[9] = {false};
    for (size_t i = 0; i < n; i++) {
        const ty_value *t = ty_value_item(tests, i);
        const char *name = ty_test_get_string(t, "name", NULL);
        size_t tl, cl = 0;
        const char *text = ty_test_get_string(t, "text", &tl);
        const char *ch = ty_test_get_string(t, "channel", &cl);
        const ty_value *want_err = ty_test_get(t, "error");
        ty_doc *d = ty_lint(text, tl, ch, cl, NULL, 0, &e);
        if (want_err) {
            if (d || strcmp(ty_domain_name(e.domain), ty_test_get_string(want_err, "code", NULL)) ||
                strcmp(ty_code_reason(e.code), ty_test_get_string(want_err, "reason", NULL)) ||
                strcmp(e.path, ty_test_get_string(want_err, "path", NULL)) ||
                strcmp(e.message, ty_test_get_string(want_err, "message", NULL))) {
                fprintf(stderr, "lint vector %s: got %s [%s] %s\n", name, ty_code_reason(e.code), e.path, e.message);
                failed++;
            }
            ty_doc_free(d);
            continue;
        }
        ck_assert_msg(d != NULL, "%s: %s", name, e.message);
        char *got = lt_json(ty_doc_root(d)), *want = lt_json(ty_test_get(t, "expected"));
        if (strcmp(got, want)) {
            fprintf(stderr, "lint vector %s:\n  got  %s\n  want %s\n", name, got, want);
            failed++;
        }
        const ty_value *exp = ty_test_get(t, "expected");
        for (size_t k = 0; k < ty_value_count(exp); k++) {
            const char *code = ty_test_get_string(ty_value_item(exp, k), "code", NULL);
            seen[code[4] - '0'] = true;
        }
        free(got);
        free(want);
        ty_doc_free(d);
    }
    for (int c = 1; c <= 8; c++) ck_assert_msg(seen[c], "no vector shows TY00%d", c);
    ty_doc_free(vd);
    ck_assert_msg(failed == 0, "%zu of %zu lint vectors failed", failed, n);
}
END_TEST

/* Loads a playbook from a JSON value (written out and loaded again). */
static ty_playbook *lt_load_value(const ty_value *v, ty_error *e) {
    char *text = lt_json(v);
    ty_playbook *pb = ty_playbook_load(text, strlen(text), NULL, e);
    free(text);
    return pb;
}

START_TEST(playbook_vectors) {
    char path[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "lint_playbooks.json"), &e);
    ck_assert_msg(vd != NULL, "%s: %s", path, e.message);
    const ty_value *tests = ty_test_get(ty_doc_root(vd), "tests");
    size_t n = ty_value_count(tests), failed = 0;
    ck_assert_uint_ge(n, 10);
    bool seen[7] = {false}, clean = false;
    for (size_t i = 0; i < n; i++) {
        const ty_value *t = ty_value_item(tests, i);
        const char *name = ty_test_get_string(t, "name", NULL);
        size_t cl = 0;
        const char *ch = ty_test_get_string(t, "channel", &cl);
        ty_playbook *pb = lt_load_value(ty_test_get(t, "playbook"), &e);
        ck_assert_msg(pb != NULL, "%s: %s: %s", name, e.path, e.message);
        ty_doc *d = ty_playbook_lint(pb, ch, cl, &e);
        ck_assert_msg(d != NULL, "%s: %s", name, e.message);
        char *got = lt_json(ty_doc_root(d)), *want = lt_json(ty_test_get(t, "expected"));
        if (strcmp(got, want)) {
            fprintf(stderr, "lint playbook vector %s:\n  got  %s\n  want %s\n", name, got, want);
            failed++;
        }
        const ty_value *exp = ty_test_get(t, "expected");
        clean |= ty_value_count(exp) == 0;
        for (size_t k = 0; k < ty_value_count(exp); k++) {
            const char *code = ty_test_get_string(ty_value_item(exp, k), "code", NULL);
            if (code[2] == '1') seen[code[4] - '0'] = true;
        }
        free(got);
        free(want);
        ty_doc_free(d);
        ty_playbook_free(pb);
    }
    for (int c = 1; c <= 6; c++) ck_assert_msg(seen[c], "no vector shows TY10%d", c);
    ck_assert_msg(clean, "no clean playbook among the vectors");
    ty_doc_free(vd);
    ck_assert_msg(failed == 0, "%zu of %zu lint playbook vectors failed", failed, n);
}
END_TEST

/* Every playbook the repository ships lints to the [path, code] pairs
 * listed; the default playbook and the examples to none, on every channel. */
START_TEST(shipped_playbooks) {
    char path[1024], root[1024], file[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "lint_shipped.json"), &e);
    ck_assert_msg(vd != NULL, "%s: %s", path, e.message);
    ty_test_path(root, sizeof root, ty_test_vectors_dir(), "../..");
    const ty_value *list = ty_test_get(ty_doc_root(vd), "playbooks");
    static const char *const channels[] = {"whatsapp", "messenger", "instagram", "telegram", "webchat", "sms"};
    size_t clean = 0;
    for (size_t i = 0; i < ty_value_count(list); i++) {
        const ty_value *entry = ty_value_item(list, i);
        const char *name = ty_test_get_string(entry, "playbook", NULL);
        const char *key = ty_test_get_string(entry, "key", NULL);
        ty_playbook *pb;
        if (strcmp(name, "default") == 0) {
            size_t len;
            const char *json = ty_default_playbook(&len);
            pb = ty_playbook_load(json, len, NULL, &e);
        } else {
            ty_doc *fd = ty_test_load_json(ty_test_path(file, sizeof file, root, name), &e);
            ck_assert_msg(fd != NULL, "%s: %s", file, e.message);
            pb = lt_load_value(key ? ty_test_get(ty_doc_root(fd), key) : ty_doc_root(fd), &e);
            ty_doc_free(fd);
        }
        ck_assert_msg(pb != NULL, "%s: %s", name, e.message);
        ty_doc *d = ty_playbook_lint(pb, NULL, 0, &e);
        ck_assert_msg(d != NULL, "%s: %s", name, e.message);
        /* the [path, code] pairs, as the vector lists them */
        ty_buf b;
        ty_buf_init(&b, NULL);
        ck_assert_int_eq(ty_buf_puts(&b, "["), 0);
        const ty_value *r = ty_doc_root(d);
        for (size_t k = 0; k < ty_value_count(r); k++) {
            const ty_value *f = ty_value_item(r, k);
            char one[600];
            snprintf(one, sizeof one, "%s[\"%s\",\"%s\"]", k ? "," : "", ty_test_get_string(f, "path", NULL),
                     ty_test_get_string(f, "code", NULL));
            ck_assert_int_eq(ty_buf_puts(&b, one), 0);
        }
        ck_assert_int_eq(ty_buf_puts(&b, "]"), 0);
        char *want = lt_json(ty_test_get(entry, "findings"));
        ck_assert_msg(strcmp(b.ptr, want) == 0, "%s:\n  got  %s\n  want %s", name, b.ptr, want);
        bool must_be_clean = strcmp(name, "default") == 0 || strncmp(name, "examples/", 9) == 0;
        if (must_be_clean) {
            clean++;
            ck_assert_uint_eq(ty_value_count(r), 0);
            for (size_t c = 0; c < sizeof channels / sizeof channels[0]; c++) {
                ty_doc *dc = ty_playbook_lint(pb, channels[c], strlen(channels[c]), &e);
                ck_assert_msg(dc && ty_value_count(ty_doc_root(dc)) == 0, "%s on %s", name, channels[c]);
                ty_doc_free(dc);
            }
        }
        free(want);
        ty_buf_free(&b);
        ty_doc_free(d);
        ty_playbook_free(pb);
    }
    ck_assert_uint_ge(clean, 3); /* the default and two examples */
    ty_doc_free(vd);
}
END_TEST

/* ===================================================================== *
 * Tables and rules
 * ===================================================================== */

/* Every phrase is written the way ty_text_normalize writes text, so it can
 * match at all ("#" and "$" are markers). */
START_TEST(tables_are_normalised) {
    const ty_lint_locale *L = &ty_lint_locale_en;
    const ty_lint_list *lists[] = {&L->closers,  &L->action_verbs, &L->softeners, &L->action_phrases, &L->or_words,
                                   &L->introducers, &L->lead_enders, &L->pressure, &L->negations};
    ty_arena a;
    ty_arena_init(&a, NULL);
    size_t total = 0;
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        ck_assert_uint_gt(lists[l]->n, 0);
        for (size_t i = 0; i < lists[l]->n; i++) {
            const char *p = lists[l]->v[i];
            char words[128] = "";
            /* drop the markers, then normalise */
            for (const char *q = p; *q;) {
                const char *w = q;
                while (*q && *q != ' ') q++;
                if (!((q - w == 1) && (*w == '#' || *w == '$'))) {
                    if (words[0]) strcat(words, " ");
                    strncat(words, w, (size_t)(q - w));
                }
                if (*q) q++;
            }
            size_t n;
            char *norm = ty_text_normalize(words, strlen(words), &a, &n);
            ck_assert_msg(norm && strcmp(norm, words) == 0, "\"%s\" is not normalised (\"%s\")", p, norm);
            total++;
        }
    }
    ty_arena_free(&a);
    ck_assert_uint_gt(total, 150);
    ck_assert_ptr_eq(ty_lint_locale_find("en-GB", 5), L);
    ck_assert_ptr_eq(ty_lint_locale_find("EN", 2), L);
    ck_assert_ptr_eq(ty_lint_locale_find("xx", 2), L); /* English when there is no table */
    ck_assert_ptr_eq(ty_lint_locale_find(NULL, 0), L);
}
END_TEST

START_TEST(spans_count_code_points) {
    /* "Olá 👋🏽 " is 7 code points: {{x}} spans [7, 12) */
    static const char t1[] = "Ol\xc3\xa1 \xf0\x9f\x91\x8b\xf0\x9f\x8f\xbd {{x}} Which day?";
    char *s = lt_lint(t1, sizeof t1 - 1, NULL);
    ck_assert_msg(strstr(s, "\"start\":7,\"end\":12") != NULL, "%s", s);
    free(s);
    /* a phrase after combining marks */
    static const char t2[] = "Cafe\xcc\x81 ready. Last chance!";
    s = lt_lint(t2, sizeof t2 - 1, NULL);
    ck_assert_msg(strstr(s, "\"code\":\"TY008\"") && strstr(s, "\"start\":13,\"end\":24"), "%s", s);
    free(s);
}
END_TEST

START_TEST(rules_in_detail) {
    struct {
        const char *text, *channel, *codes;
    } cases[] = {
        /* TY001 only at the end of the sentence for bare "let me know" */
        {"Let me know when you're free, and I'll book it.", NULL, ""},
        {"Thanks, let me know.", NULL, "TY002,TY001"},
        {"Hope this helps! Shall I book it?", NULL, "TY001"},
        {"Don't hesitate to ask. Which day works?", NULL, "TY001"},
        /* TY002: softeners before the verb; a question anywhere */
        {"Please reply YES to confirm.", NULL, ""},
        {"Just tap a button below.", NULL, ""},
        {"Thanks!", NULL, "TY002"},
        /* TY003 */
        {"Is it A, B, or C?", NULL, "TY003"},
        {"Is it A or B or C?", NULL, "TY003"},
        {"Which do you prefer, the morning or the afternoon?", NULL, ""},
        {"Hi there, thanks for your message, is it A or B?", NULL, ""},
        {"1. Tune-up\n2. Full service\n3. Wheel true\nWhich one?", NULL, "TY003"},
        {"Version 1. Version 2. Version 3. Which one?", NULL, ""}, /* "1." marks an option only opening a line */
        /* TY004 */
        {"Is it for you? Or a gift? And when?", NULL, "TY004"},
        {"Really?! Which day?", NULL, "TY004"},
        /* TY005: {{ }} and [ ] only where the template guard sees them */
        {"See [our prices](https://x.example) first. Which service?", NULL, ""},
        {"Hi }} there. Which day?", NULL, "TY005"},
        /* TY007 */
        {"Visit www.example.com today. Which day?", "telegram", "TY007"},
        {"mail: a@b.com. Which day?", "sms", ""},
        {"v1.2 is out. Which day?", "sms", ""},
        /* TY008 */
        {"Hurry! Which day?", NULL, "TY008"},
        {"There's no hurry. Which day?", NULL, ""},
        {"No need to hurry. Which day?", NULL, ""},
        {"We'll reach out if anything changes. Which day?", NULL, ""},
        {"Only today: 10% off. Which day?", NULL, "TY008"},
        {"Don't miss out! Which day?", NULL, "TY008"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = lt_codes(cases[i].text, cases[i].channel);
        ck_assert_msg(strcmp(got, cases[i].codes) == 0, "\"%s\": got \"%s\", want \"%s\"", cases[i].text, got,
                      cases[i].codes);
        free(got);
    }
}
END_TEST

START_TEST(bad_inputs_and_limits) {
    ty_error e;
    ck_assert_ptr_null(ty_lint("a\xff b", 4, NULL, 0, NULL, 0, &e));
    ck_assert_int_eq(e.code, TY_E_UTF8);
    ck_assert_uint_eq(e.offset, 1);
    ck_assert_ptr_null(ty_lint("a\0b", 3, NULL, 0, NULL, 0, &e));
    ck_assert_int_eq(e.code, TY_E_NUL);
    ck_assert_ptr_null(ty_lint(NULL, 3, NULL, 0, NULL, 0, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ty_doc *d = ty_lint(NULL, 0, NULL, 0, NULL, 0, &e); /* empty: no ask */
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_eq(ty_value_count(ty_doc_root(d)), 1);
    ty_doc_free(d);
    ck_assert_ptr_null(ty_lint("hi", 2, "whatsapp2", 9, NULL, 0, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_str_eq(e.path, "channel");
    ck_assert_ptr_null(ty_lint("hi", 2, "what\0sapp", 9, NULL, 0, NULL)); /* err may be NULL */
    size_t big = TY_LINT_MAX_BYTES + 1;
    char *s = malloc(big);
    memset(s, 'a', big);
    ck_assert_ptr_null(ty_lint(s, big, NULL, 0, NULL, 0, &e));
    ck_assert_int_eq(e.code, TY_E_LIMIT);
    free(s);
    /* a locale without a table lints in English */
    char *a = lt_lint("Last chance!", 12, NULL);
    ty_doc *es = ty_lint("Last chance!", 12, NULL, 0, "es", 2, &e);
    char *b = lt_json(ty_doc_root(es));
    ck_assert_str_eq(a, b);
    free(a);
    free(b);
    ty_doc_free(es);
}
END_TEST

static double lt_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A megabyte of adversarial text lints in linear time, findings capped.
 * Under valgrind (the lighter mode) 64 KiB, still past the caps, untimed. */
START_TEST(a_megabyte_in_linear_time) {
    static const char *const units[] = {"[a] ", "a, ", "x.com ", "{{x}}", "let me know. ", "A) ", "? "};
    int lighter = ty_test_lighter();
    size_t max = lighter ? 64u << 10 : TY_LINT_MAX_BYTES;
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]), n = (max / ul) * ul;
        char *s = malloc(n);
        for (size_t i = 0; i < n; i += ul) memcpy(s + i, units[u], ul);
        ty_error e;
        double t0 = lt_now();
        ty_doc *d = ty_lint(s, n, "whatsapp", 8, NULL, 0, &e);
        double dt = lt_now() - t0;
        ck_assert_msg(d != NULL, "%s", e.message);
        ck_assert_uint_le(ty_value_count(ty_doc_root(d)), 8 * 100);
        fprintf(stderr, "lint: %zu KiB of \"%s\" in %.3f s, %zu findings\n", max >> 10, units[u], dt,
                ty_value_count(ty_doc_root(d)));
        ck_assert_msg(lighter || dt < 20.0, "too slow: %.1f s", dt);
        ty_doc_free(d);
        free(s);
    }
}
END_TEST

/* ===================================================================== *
 * Playbooks
 * ===================================================================== */

START_TEST(default_playbook_lints_without_errors) {
    size_t len;
    const char *json = ty_default_playbook(&len);
    ty_error e;
    ty_playbook *pb = ty_playbook_load(json, len, NULL, &e);
    ck_assert_ptr_nonnull(pb);
    static const char *const channels[] = {NULL, "whatsapp", "messenger", "instagram", "telegram", "webchat", "sms"};
    for (size_t c = 0; c < sizeof channels / sizeof channels[0]; c++) {
        ty_doc *d = ty_playbook_lint(pb, channels[c], channels[c] ? strlen(channels[c]) : 0, &e);
        ck_assert_msg(d != NULL, "%s", e.message);
        const ty_value *r = ty_doc_root(d);
        for (size_t i = 0; i < ty_value_count(r); i++) {
            const ty_value *f = ty_value_item(r, i);
            char *s = lt_json(f);
            ck_assert_msg(strcmp(ty_test_get_string(f, "severity", NULL), "error") != 0, "error: %s", s);
            free(s);
        }
        ty_doc_free(d);
    }
    ty_playbook_free(pb);
}
END_TEST

static const char lt_pb[] =
    "{\"tinyyes\": 1,\n"
    " \"intents\": {\"go\": {\"examples\": [\"which size\"], \"flow\": \"f\"}},\n"
    " \"slots\": {\"size\": {\"type\": \"choice\", \"options\": [{\"id\": \"s\", \"title\": \"Small\"}, {\"id\": \"m\", \"title\": "
    "\"Medium\"}, {\"id\": \"l\", \"title\": \"Large\"}]},\n"
    "            \"mail\": {\"type\": \"email\"}, \"budget\": {\"type\": \"money\"}, \"when\": {\"type\": \"date\"}},\n"
    " \"templates\": {\n"
    "  \"ask_size\": \"Which size: {{#options}}{{title}}{{^last}}, {{/last}}{{/options}}?\",\n"
    "  \"urgent\": {\"text\": \"Last chance for {{name}}! Which day?\", \"variants\": [\"Which day, {{name}}?\", "
    "\"Act now, {{name}}: which day?\"],\n"
    "             \"channels\": {\"sms\": \"Visit example.com/book. Which day?\"}},\n"
    "  \"mailer\": \"We'll email {{mail}} about {{budget.amount}} {{budget.currency}} on {{when}}, a {{size}}.\",\n"
    "  \"outer\": \"{{> urgent}}\"\n"
    " },\n"
    " \"flows\": {\"f\": {\"steps\": [{\"id\": \"a\", \"say\": \"ask_size\", \"ask\": \"size\"}]}}\n"
    "}";

START_TEST(playbook_findings_name_template_variant_channel) {
    ty_error e;
    ty_playbook *pb = ty_playbook_load(lt_pb, sizeof lt_pb - 1, NULL, &e);
    ck_assert_msg(pb != NULL, "%s: %s", e.path, e.message);
    ty_doc *d = ty_playbook_lint(pb, "whatsapp", 8, &e);
    ck_assert_msg(d != NULL, "%s", e.message);
    char *got = lt_json(ty_doc_root(d));
    /* ask_size renders with its slot's three options: "Small, Medium, Large?"
     * (no "or": the markers and or-list rules see no list of choices, but
     * it is one question: clean). urgent: pressure in the text; a
     * pressure in variant 1; a link in the sms text. mailer: samples
     * for email, money, date and choice read naturally (no link, no
     * placeholder). outer renders urgent through the partial. */
    const char *want =
        "[{\"template\":\"urgent\",\"variant\":null,\"channel\":\"whatsapp\",\"code\":\"TY008\",\"severity\":\"error\","
        "\"message\":\"pressure or false urgency \\\"Last chance\\\": give a real reason or none; the customer's yes must "
        "be free\",\"start\":0,\"end\":11,\"path\":\"templates.urgent.text\"},"
        "{\"template\":\"urgent\",\"variant\":1,\"channel\":\"whatsapp\",\"code\":\"TY008\",\"severity\":\"error\","
        "\"message\":\"pressure or false urgency \\\"Act now\\\": give a real reason or none; the customer's yes must "
        "be free\",\"start\":0,\"end\":7,"
        "\"path\":\"templates.urgent.variants[1]\"},"
        "{\"template\":\"urgent\",\"variant\":null,\"channel\":\"sms\",\"code\":\"TY007\",\"severity\":\"warning\","
        "\"message\":\"link \\\"example.com/book\\\" on SMS: summarise the key point in the message first and offer the "
        "link as the next step\",\"start\":6,\"end\":22,\"path\":\"templates.urgent.channels.sms\"},"
        "{\"template\":\"outer\",\"variant\":null,\"channel\":\"whatsapp\",\"code\":\"TY008\",\"severity\":\"error\","
        "\"message\":\"pressure or false urgency \\\"Last chance\\\": give a real reason or none; the customer's yes must "
        "be free\",\"start\":0,\"end\":11,\"path\":\"templates.outer\"}]";
    ck_assert_msg(strcmp(got, want) == 0, "got  %s\nwant %s", got, want);
    free(got);
    ty_doc_free(d);
    /* unknown channel */
    ck_assert_ptr_null(ty_playbook_lint(pb, "pager", 5, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_ptr_null(ty_playbook_lint(NULL, NULL, 0, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(playbook_asks_render_with_their_options) {
    static const char src[] =
        "{\"tinyyes\": 1, \"slots\": {\"size\": {\"type\": \"choice\", \"options\": [{\"id\": \"s\", \"title\": "
        "\"Small\"}, {\"id\": \"m\", \"title\": \"Medium\"}, {\"id\": \"l\", \"title\": \"Large\"}]}},"
        " \"templates\": {\"ask\": \"Is it {{#options}}{{#last}}or {{/last}}{{title}}{{^last}}, {{/last}}{{/options}}?\","
        " \"loose\": \"Is it {{#options}}{{title}}{{^last}} or {{/last}}{{/options}}?\"},"
        " \"flows\": {\"f\": {\"steps\": [{\"id\": \"a\", \"say\": \"ask\", \"ask\": \"size\"}]}}}";
    ty_error e;
    ty_playbook *pb = ty_playbook_load(src, sizeof src - 1, NULL, &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    ty_doc *d = ty_playbook_lint(pb, NULL, 0, &e);
    char *got = lt_json(ty_doc_root(d));
    /* "Is it Small, Medium, or Large?" lists three options; "loose" is not
     * said by a step and renders with the two sample options: clean */
    ck_assert_msg(strstr(got, "\"template\":\"ask\"") && strstr(got, "\"code\":\"TY003\"") && !strstr(got, "loose"),
                  "%s", got);
    free(got);
    ty_doc_free(d);
    ty_playbook_free(pb);
}
END_TEST

/* A playbook that gives every playbook-level check work: follow-ups, a
 * fallback, replaced built-in messages with a refusal, a partial, branches,
 * a step and a flow that never run, and a long choice. */
static const char lt_reach_pb[] =
    "{\"tinyyes\": 1,"
    " \"intents\": {\"book\": {\"examples\": [\"book me in\"], \"flow\": \"b\"},"
    "             \"hours\": {\"examples\": [\"when are you open\"], \"say\": \"hours\"}},"
    " \"slots\": {\"size\": {\"type\": \"choice\", \"options\": [{\"id\": \"s\", \"title\": \"Small\"},"
    " {\"id\": \"m\", \"title\": \"Medium\"}, {\"id\": \"l\", \"title\": \"Large\"}, {\"id\": \"x\", \"title\": \"XL\"}]},"
    "  \"day\": {\"type\": \"date\"}, \"name\": {\"type\": \"text\"}, \"ok\": {\"type\": \"yesno\"}},"
    " \"templates\": {\"ask_size\": \"Which size? {{question}}\", \"ask_day\": \"A {{size}}. Which day: {{#options}}{{title}}{{/options}}?\","
    "  \"hi\": \"Hi {{name}}!\", \"ask_name\": \"{{> hi}} What name?\", \"check\": \"{{size.name}} {{day.when}} {{who}}. OK?\","
    "  \"done\": \"Booked. We'll text you.\", \"hours\": \"Open {{day}}. Which day?\", \"nudge\": \"Still there {{name}}? {{question}}\","
    "  \"clarify\": \"Sorry? {{#options}}{{title}}{{/options}}\", \"date_closed\": \"Closed {{when}} {{name}}.\","
    "  \"off_topic\": \"Only bookings, {{name}}. Shall we go on?\", \"tip\": \"Tip: come early.\"},"
    " \"flows\": {\"b\": {\"steps\": [{\"id\": \"size\", \"say\": \"ask_size\", \"ask\": \"size\"},"
    "  {\"id\": \"tip\", \"say\": \"tip\"}, {\"id\": \"day\", \"say\": \"ask_day\", \"ask\": \"day\"},"
    "  {\"id\": \"who\", \"say\": \"ask_name\", \"ask\": \"name\"},"
    "  {\"id\": \"check\", \"say\": \"check\", \"ask\": \"ok\", \"next\": {\"yes\": \"done\", \"no\": \"size\"}},"
    "  {\"id\": \"lost\", \"say\": \"tip\", \"end\": \"x\"}, {\"id\": \"done\", \"say\": \"done\", \"end\": \"completed\"}]},"
    "  \"old\": {\"steps\": [{\"id\": \"o\", \"say\": \"done\", \"end\": \"x\"}]}},"
    " \"fallback\": \"clarify\", \"followups\": [{\"after\": \"4h\", \"say\": \"nudge\"}], \"hours\": {\"tue\": \"09:00-17:00\"}}";

/* Lints src with allocation failing at each site in turn: every failure is
 * TY_E_NOMEM with nothing leaked, and the run that succeeds gives the same
 * findings as without failures. Returns the number of sites. */
static long lt_alloc_every_site(const char *src, size_t len) {
    long countdown = -1;
    ty_alloc a = ty_test_failing_alloc(&countdown);
    ty_playbook_opts o;
    memset(&o, 0, sizeof o);
    o.alloc = &a;
    ty_error e;
    ty_playbook *pb = ty_playbook_load(src, len, &o, &e);
    ck_assert_msg(pb != NULL, "%s: %s", e.path, e.message);
    countdown = -1;
    ty_doc *ref = ty_playbook_lint(pb, "whatsapp", 8, &e);
    char *want = lt_json(ty_doc_root(ref));
    ty_doc_free(ref);
    long before = ty_test_live_allocs();
    bool done = false;
    long n;
    for (n = 0; n < 100000 && !done; n++) {
        countdown = n;
        ty_doc *d = ty_playbook_lint(pb, "whatsapp", 8, &e);
        if (!d) {
            ck_assert_msg(e.code == TY_E_NOMEM, "n=%ld: %s", n, e.message);
            ck_assert_int_eq(ty_test_live_allocs(), before);
            continue;
        }
        countdown = -1;
        char *got = lt_json(ty_doc_root(d));
        ck_assert_str_eq(got, want);
        free(got);
        ty_doc_free(d);
        done = true;
    }
    ck_assert(done);
    ck_assert_int_eq(ty_test_live_allocs(), before);
    free(want);
    countdown = -1;
    ty_playbook_free(pb);
    return n - 1;
}

START_TEST(allocation_failure_at_every_site) {
    long n = lt_alloc_every_site(lt_pb, sizeof lt_pb - 1);
    fprintf(stderr, "lint: playbook lint survived allocation failure at each of %ld sites\n", n);
    /* the playbook-level checks find something of every kind here */
    ty_error e;
    ty_playbook *pb = ty_playbook_load(lt_reach_pb, sizeof lt_reach_pb - 1, NULL, &e);
    ck_assert_msg(pb != NULL, "%s: %s", e.path, e.message);
    ty_doc *d = ty_playbook_lint(pb, NULL, 0, &e);
    char *got = lt_json(ty_doc_root(d));
    static const char *const codes[] = {"TY101", "TY102", "TY103", "TY104", "TY105", "TY106"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        char k[32];
        snprintf(k, sizeof k, "\"code\":\"%s\"", codes[i]);
        ck_assert_msg(strstr(got, k) != NULL, "no %s in %s", codes[i], got);
    }
    free(got);
    ty_doc_free(d);
    ty_playbook_free(pb);
    n = lt_alloc_every_site(lt_reach_pb, sizeof lt_reach_pb - 1);
    fprintf(stderr, "lint: the playbook-level checks survived allocation failure at each of %ld sites\n", n);
}
END_TEST

/* A playbook of 4000 steps over 1000 slots, with a jump back every 10
 * steps (so sets shrink and steps run again) and every step's message
 * reading the slot asked 7 steps before: the checks stay fast. */
START_TEST(a_large_playbook_in_linear_time) {
    enum { NSLOTS = 1000, NSTEPS = 4000 };
    ty_buf b;
    ty_buf_init(&b, NULL);
    char x[256];
    ck_assert_int_eq(ty_buf_puts(&b, "{\"tinyyes\": 1, \"intents\": {\"go\": {\"keywords\": [\"go\"], \"flow\": \"f\"}},"
                                     " \"slots\": {\"ok\": {\"type\": \"yesno\"}"), 0);
    for (int i = 0; i < NSLOTS; i++) {
        snprintf(x, sizeof x, ", \"s%d\": {\"type\": \"text\"}", i);
        ck_assert_int_eq(ty_buf_puts(&b, x), 0);
    }
    ck_assert_int_eq(ty_buf_puts(&b, "}, \"templates\": {\"nudge\": \"Still there, {{s0}}? {{question}}\""), 0);
    for (int i = 0; i < NSLOTS; i++) {
        snprintf(x, sizeof x, ", \"t%d\": \"Thanks {{s%d}}. And then?\"", i, (i + NSLOTS - 7) % NSLOTS);
        ck_assert_int_eq(ty_buf_puts(&b, x), 0);
    }
    ck_assert_int_eq(ty_buf_puts(&b, "}, \"flows\": {\"f\": {\"steps\": ["), 0);
    for (int i = 0; i < NSTEPS; i++) {
        if (i % 10 == 9)
            snprintf(x, sizeof x, "%s{\"id\": \"q%d\", \"say\": \"t%d\", \"ask\": \"ok\", \"next\": {\"no\": \"q%d\"}}",
                     i ? ", " : "", i, i % NSLOTS, i - 5);
        else
            snprintf(x, sizeof x, "%s{\"id\": \"q%d\", \"say\": \"t%d\", \"ask\": \"s%d\"}", i ? ", " : "", i, i % NSLOTS,
                     i % NSLOTS);
        ck_assert_int_eq(ty_buf_puts(&b, x), 0);
    }
    ck_assert_int_eq(ty_buf_puts(&b, "]}}, \"followups\": [{\"after\": \"4h\", \"say\": \"nudge\"}]}"), 0);
    ty_playbook_opts o;
    memset(&o, 0, sizeof o);
    ty_error e;
    ty_playbook *pb = ty_playbook_load(b.ptr, b.len, &o, &e);
    ck_assert_msg(pb != NULL, "%s: %s", e.path, e.message);
    double t0 = lt_now();
    ty_doc *d = ty_playbook_lint(pb, NULL, 0, &e);
    double dt = lt_now() - t0;
    ck_assert_msg(d != NULL, "%s", e.message);
    fprintf(stderr, "lint: %d steps, %d slots in %.3f s, %zu findings\n", NSTEPS, NSLOTS, dt,
            ty_value_count(ty_doc_root(d)));
    /* the first 7 steps read slots asked later; the nudge reads s0 */
    ck_assert_uint_ge(ty_value_count(ty_doc_root(d)), 8);
    ck_assert_msg(ty_test_lighter() || dt < 20.0, "too slow: %.1f s", dt);
    ty_doc_free(d);
    ty_playbook_free(pb);
    ty_buf_free(&b);
}
END_TEST

static Suite *lt_suite(void) {
    Suite *s = suite_create("lint");
    TCase *t = tcase_create("vectors");
    tcase_add_test(t, shared_vectors);
    tcase_add_test(t, playbook_vectors);
    tcase_add_test(t, shipped_playbooks);
    suite_add_tcase(s, t);
    t = tcase_create("rules");
    tcase_add_test(t, tables_are_normalised);
    tcase_add_test(t, spans_count_code_points);
    tcase_add_test(t, rules_in_detail);
    tcase_add_test(t, bad_inputs_and_limits);
    suite_add_tcase(s, t);
    t = tcase_create("playbooks");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, default_playbook_lints_without_errors);
    tcase_add_test(t, playbook_findings_name_template_variant_channel);
    tcase_add_test(t, playbook_asks_render_with_their_options);
    tcase_add_test(t, allocation_failure_at_every_site);
    suite_add_tcase(s, t);
    t = tcase_create("robustness");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, a_megabyte_in_linear_time);
    tcase_add_test(t, a_large_playbook_in_linear_time);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(lt_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
