/*
 * test_audit.c — Check tests for the chat audit (audit_import.c, audit.c,
 * audit_report.c; docs/audit.md): the shared vectors in
 * tests/vectors/audit.json (exports in each format with their exact result
 * or error), every prefix of every vector input (a result or a clear
 * error, never a crash), allocation failure at every site, the readable
 * report, and the 50 sample chats in examples/audit/chats.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tinyyes.h"

static char *ta_json(const ty_value *v) {
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert_int_eq(ty_value_write_json(v, &b, NULL), 0);
    return b.ptr ? b.ptr : strdup("");
}

static ty_doc *ta_vectors(void) {
    char path[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "audit.json"), &e);
    ck_assert_msg(vd != NULL, "%s: %s", path, e.message);
    return vd;
}

/* A vector case's inputs and options as ty_audit takes them (pointers
 * into the vector doc). */
typedef struct ta_case {
    ty_audit_input in[8];
    size_t n;
    ty_audit_opts o;
} ta_case;

static void ta_read(const ty_value *t, ta_case *c) {
    memset(c, 0, sizeof *c);
    const ty_value *inputs = ty_test_get(t, "inputs"), *o = ty_test_get(t, "options");
    c->n = ty_value_count(inputs);
    ck_assert_uint_le(c->n, 8);
    for (size_t i = 0; i < c->n; i++) {
        const ty_value *x = ty_value_item(inputs, i);
        c->in[i].name = ty_test_get_string(x, "name", &c->in[i].name_len);
        c->in[i].text = ty_test_get_string(x, "text", &c->in[i].len);
        c->in[i].format = ty_test_get_string(x, "format", &c->in[i].format_len);
    }
    c->o.business = ty_test_get_string(o, "business", &c->o.business_len);
    c->o.hours = ty_test_get_string(o, "hours", &c->o.hours_len);
    const ty_value *v;
    if ((v = ty_test_get(o, "date_order"))) c->o.date_order = (int)ty_value_number(v);
    if ((v = ty_test_get(o, "utc_offset"))) c->o.utc_offset = (int32_t)ty_value_number(v);
    if ((v = ty_test_get(o, "late_after"))) c->o.late_after = (int64_t)ty_value_number(v);
    if ((v = ty_test_get(o, "columns")))
        for (size_t k = 0; k < 4; k++)
            c->o.columns[k] = ty_value_string(ty_value_item(v, k), &c->o.column_lens[k]);
}

START_TEST(shared_vectors) {
    ty_doc *vd = ta_vectors();
    const ty_value *cases = ty_test_get(ty_doc_root(vd), "cases");
    size_t n = ty_value_count(cases), failed = 0;
    ck_assert_uint_ge(n, 10);
    for (size_t i = 0; i < n; i++) {
        const ty_value *t = ty_value_item(cases, i);
        const char *name = ty_test_get_string(t, "name", NULL);
        ta_case c;
        ta_read(t, &c);
        ty_error e;
        ty_doc *d = ty_audit(c.in, c.n, &c.o, &e);
        const ty_value *want_err = ty_test_get(t, "error");
        if (want_err) {
            const char *reason = ty_test_get_string(want_err, "reason", NULL);
            const char *msg = ty_test_get_string(want_err, "message", NULL);
            if (d || strcmp(ty_code_reason(e.code), reason) || strcmp(e.message, msg)) {
                fprintf(stderr, "audit vector %s: got %s: %s\n", name, d ? "a result" : ty_code_reason(e.code),
                        d ? "" : e.message);
                failed++;
            }
            ty_doc_free(d);
            continue;
        }
        if (!d) {
            fprintf(stderr, "audit vector %s: %s: %s\n", name, ty_code_reason(e.code), e.message);
            failed++;
            continue;
        }
        char *got = ta_json(ty_doc_root(d)), *want = ta_json(ty_test_get(t, "expect"));
        if (strcmp(got, want)) {
            fprintf(stderr, "audit vector %s:\n  got  %s\n  want %s\n", name, got, want);
            failed++;
        }
        free(got);
        free(want);
        ty_doc_free(d);
    }
    ck_assert_msg(failed == 0, "%zu of %zu audit vectors failed", failed, n);
    ty_doc_free(vd);
}
END_TEST

/* Every prefix of every vector input gives a result or an error. */
START_TEST(every_prefix_reads_or_fails_cleanly) {
    ty_doc *vd = ta_vectors();
    const ty_value *cases = ty_test_get(ty_doc_root(vd), "cases");
    size_t results = 0, errors = 0;
    for (size_t i = 0; i < ty_value_count(cases); i++) {
        ta_case c;
        ta_read(ty_value_item(cases, i), &c);
        if (c.n != 1) continue;
        size_t full = c.in[0].len;
        for (size_t k = 0; k <= full; k++) {
            /* cut on code point boundaries: a cut inside one is invalid UTF-8 */
            if (k < full && ((unsigned char)c.in[0].text[k] & 0xC0) == 0x80) continue;
            c.in[0].len = k;
            ty_error e;
            ty_doc *d = ty_audit(c.in, 1, &c.o, &e);
            if (d) results++;
            else {
                ck_assert_msg(e.code == TY_E_ARG, "prefix %zu: %s", k, e.message);
                ck_assert(e.message[0] != '\0');
                errors++;
            }
            ty_doc_free(d);
        }
    }
    ck_assert_uint_gt(results, 100);
    ck_assert_uint_gt(errors, 10);
    ty_doc_free(vd);
}
END_TEST

START_TEST(invalid_utf8_and_bad_arguments) {
    ty_audit_input in = {"x.txt", 5, "02/03/2026, 10:00 - A: \xff", 25, "whatsapp", 8};
    ty_error e;
    ck_assert_ptr_null(ty_audit(&in, 1, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_UTF8);
    ck_assert_uint_eq(e.offset, 23);
    ck_assert_ptr_null(ty_audit(NULL, 2, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_ptr_null(ty_audit(NULL, 0, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_ARG); /* no messages */
    ty_audit_opts o;
    memset(&o, 0, sizeof o);
    o.date_order = 3;
    in.text = "02/03/2026, 10:00 - A: hi";
    in.len = strlen(in.text);
    ck_assert_ptr_null(ty_audit(&in, 1, &o, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    o.date_order = 0;
    o.late_after = -1;
    ck_assert_ptr_null(ty_audit(&in, 1, &o, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
}
END_TEST

START_TEST(alloc_failure_at_every_site) {
    ty_doc *vd = ta_vectors();
    const ty_value *cases = ty_test_get(ty_doc_root(vd), "cases");
    for (size_t i = 0; i < ty_value_count(cases); i++) {
        const ty_value *t = ty_value_item(cases, i);
        if (ty_test_get(t, "error")) continue;
        ta_case c;
        ta_read(t, &c);
        ty_error e;
        ty_doc *ref = ty_audit(c.in, c.n, &c.o, &e);
        ck_assert_ptr_nonnull(ref);
        char *want = ta_json(ty_doc_root(ref));
        long live0 = ty_test_live_allocs();
        int failures = 0;
        for (long budget = 0;; budget++) {
            long countdown = budget;
            ty_alloc a = ty_test_failing_alloc(&countdown);
            c.o.alloc = &a;
            ty_doc *d = ty_audit(c.in, c.n, &c.o, &e);
            if (d) {
                char *got = ta_json(ty_doc_root(d));
                ck_assert_str_eq(got, want);
                free(got);
                ty_doc_free(d);
                break;
            }
            ck_assert_int_eq(e.code, TY_E_NOMEM);
            ck_assert_int_eq(ty_test_live_allocs(), live0);
            failures++;
            ck_assert_int_lt(budget, 100000);
        }
        ck_assert_int_gt(failures, 5);
        ck_assert_int_eq(ty_test_live_allocs(), live0);
        free(want);
        ty_doc_free(ref);
    }
    ty_doc_free(vd);
}
END_TEST

/* The report of a vector's result: the totals, the bars and each finding. */
START_TEST(report_of_a_result) {
    ty_doc *vd = ta_vectors();
    const ty_value *cases = ty_test_get(ty_doc_root(vd), "cases");
    const ty_value *t = NULL;
    for (size_t i = 0; i < ty_value_count(cases) && !t; i++)
        if (!strcmp(ty_test_get_string(ty_value_item(cases, i), "name", NULL), "csv_quoted_fields_and_order"))
            t = ty_value_item(cases, i);
    ck_assert_ptr_nonnull(t);
    ty_buf b;
    ty_buf_init(&b, NULL);
    ty_error e;
    ck_assert_int_eq(ty_audit_report(ty_test_get(t, "expect"), &b, &e), TY_OK);
    ck_assert_ptr_nonnull(b.ptr);
    ck_assert_msg(strncmp(b.ptr, "Audit of 2 conversations (5 messages, 2 customers); the business is "
                                 "\"Northbank Bike Workshop\".\n", 90) == 0, "%s", b.ptr);
    ck_assert_ptr_nonnull(strstr(b.ptr, "  first_reply              2  ##############################\n"));
    ck_assert_ptr_nonnull(strstr(b.ptr, "    open_closer          #1   \"We close at 6. Let me know!\" -> first_reply\n"));
    ck_assert_ptr_nonnull(strstr(b.ptr, "Lines not read (1)\n  export.csv: line 7: time \"not a time\""));
    ty_buf_free(&b);
    /* not an audit */
    ty_doc *other = ty_test_parse_json("{\"a\": 1}", 8, &e);
    ty_buf_init(&b, NULL);
    ck_assert_int_eq(ty_audit_report(ty_doc_root(other), &b, &e), TY_E_ARG);
    ck_assert_int_eq(ty_audit_report(NULL, &b, &e), TY_E_ARG);
    ty_buf_free(&b);
    ty_doc_free(other);
    ty_doc_free(vd);
}
END_TEST

/* Appends s[0..n) to the malloc'd text *t of *len bytes (capacity *cap). */
static void ta_append(char **t, size_t *len, size_t *cap, const char *s, size_t n) {
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *t = realloc(*t, *cap);
        ck_assert_ptr_nonnull(*t);
    }
    memcpy(*t + *len, s, n);
    *len += n;
}

/* Cost stays linear in the export: a CSV of many quoted fields (each was
 * once copied into a buffer as long as the rest of the file) and many
 * conversations ending on distinct unanswered questions (each was once
 * compared with every group before it). */
START_TEST(large_exports_cost_linear) {
    size_t rows = ty_test_lighter() ? 4000 : 40000;
    char *t = NULL;
    size_t len = 0, cap = 0;
    ta_append(&t, &len, &cap, "conversation,time,sender,text\n", 30);
    for (size_t i = 0; i < rows; i++) {
        char line[160];
        int n = i % 2 ? snprintf(line, sizeof line, "c%zu,%zu,Shop,\"Hi, we do. Shall I book you in?\"\n", i / 2,
                                 1773300000 + i * 60)
                      : snprintf(line, sizeof line, "c%zu,%zu,Cus%zu,\"can you fix a \"\"zq%zux\"\" wheel?\"\n", i / 2,
                                 1773300000 + i * 60, i / 2, i / 2);
        ta_append(&t, &len, &cap, line, (size_t)n);
    }
    ty_audit_input in = {"big.csv", 7, t, len, "csv", 3};
    ty_audit_opts o;
    memset(&o, 0, sizeof o);
    o.business = "Shop";
    o.business_len = 4;
    ty_error e;
    ty_doc *d = ty_audit(&in, 1, &o, &e);
    ck_assert_msg(d != NULL, "%s", e.message);
    const ty_value *sum = ty_test_get(ty_doc_root(d), "summary");
    ck_assert_uint_eq((size_t)ty_value_number(ty_test_get(sum, "messages")), rows);
    ty_doc_free(d);
    /* the same chats cut after each question: every one ends unanswered, in
     * a group of its own (each names its own wheel) */
    len = 30;
    for (size_t i = 0; i < rows / 2; i++) {
        char line[160];
        char word[10] = "zq"; /* i in letters: one word no other question has */
        size_t w = 2;
        for (size_t x = i + 1; x && w < 9; x /= 26) word[w++] = (char)('a' + x % 26);
        word[w] = '\0';
        int n = snprintf(line, sizeof line, "c%zu,%zu,Cus%zu,\"can you true my %s?\"\n", i, 1773300000 + i, i, word);
        ta_append(&t, &len, &cap, line, (size_t)n);
    }
    in.text = t;
    in.len = len;
    o.business = NULL;
    o.business_len = 0;
    d = ty_audit(&in, 1, &o, &e);
    ck_assert_msg(d != NULL, "%s", e.message);
    sum = ty_test_get(ty_doc_root(d), "summary");
    /* one sender per conversation: the guessed business is one of them */
    ck_assert_uint_eq(ty_value_count(ty_test_get(sum, "unanswered")), rows / 2 - 1);
    ty_doc_free(d);
    free(t);
}
END_TEST

/* The 50 sample chats of examples/audit/chats, as one audit. */
START_TEST(sample_chats) {
    char dir[1024];
    ty_test_path(dir, sizeof dir, ty_test_vectors_dir(), "../../examples/audit/chats");
    DIR *dp = opendir(dir);
    ck_assert_msg(dp != NULL, "%s", dir);
    char *names[64], *texts[64];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dp)) && n < 64) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".txt")) continue;
        char path[1400];
        ck_assert_int_lt(snprintf(path, sizeof path, "%s/%.255s", dir, de->d_name), (int)sizeof path);
        size_t len;
        texts[n] = ty_test_read_file(path, &len);
        ck_assert_ptr_nonnull(texts[n]);
        names[n++] = strdup(de->d_name);
    }
    closedir(dp);
    ck_assert_uint_eq(n, 50);
    ty_audit_input in[64];
    for (size_t i = 0; i < n; i++)
        in[i] = (ty_audit_input){names[i], strlen(names[i]), texts[i], strlen(texts[i]), NULL, 0};
    ty_audit_opts o;
    memset(&o, 0, sizeof o);
    o.hours = "mon-sat 09:00-18:00";
    o.hours_len = strlen(o.hours);
    ty_error e;
    ty_doc *d = ty_audit(in, n, &o, &e);
    ck_assert_msg(d != NULL, "%s", e.message);
    const ty_value *sum = ty_test_get(ty_doc_root(d), "summary");
    ck_assert_int_eq((int)ty_value_number(ty_test_get(sum, "conversations")), 50);
    ck_assert_str_eq(ty_test_get_string(ty_doc_root(d), "business", NULL), "Northbank Bike Workshop");
    ck_assert_uint_eq(ty_value_count(ty_test_get(ty_doc_root(d), "problems")), 0);
    ty_doc_free(d);
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
        free(texts[i]);
    }
}
END_TEST

Suite *audit_suite(void);
Suite *audit_suite(void) {
    Suite *s = suite_create("audit");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, shared_vectors);
    tcase_add_test(tc, every_prefix_reads_or_fails_cleanly);
    tcase_add_test(tc, invalid_utf8_and_bad_arguments);
    tcase_add_test(tc, alloc_failure_at_every_site);
    tcase_add_test(tc, report_of_a_result);
    tcase_add_test(tc, large_exports_cost_linear);
    tcase_add_test(tc, sample_chats);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(audit_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
