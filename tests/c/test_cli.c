/*
 * test_cli.c — Check tests for the command-line sessions (chat.c,
 * lint_report.c, json_pretty.c, cli_text.c): the shared vectors in
 * tests/vectors/cli.json (chat scripts and lint runs with the exact bytes
 * both command lines print), allocation failure at every site of a chat
 * and a report, durations, the readable JSON and bad arguments.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tinyyes.h"

static ty_doc *tc_vectors(void) {
    char path[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "cli.json"), &e);
    ck_assert_msg(vd != NULL, "%s: %s", path, e.message);
    return vd;
}

/* The playbook of a vector case (its text, or the default one). */
static ty_playbook *tc_playbook(const ty_value *c) {
    size_t n;
    const char *src = ty_test_get_string(c, "playbook", &n);
    if (!src) src = ty_default_playbook(&n);
    ty_error e;
    ty_playbook *pb = ty_playbook_load(src, n, NULL, &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    return pb;
}

/* A chat case's options (pointers into the vector doc). */
static ty_chat_opts tc_chat_opts(const ty_value *c, const ty_alloc *alloc) {
    const ty_value *o = ty_test_get(c, "opts"), *v;
    ty_chat_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.alloc = alloc;
    if ((v = ty_test_get(o, "start"))) opts.start = (int64_t)ty_value_number(v), opts.has_start = 1;
    if ((v = ty_test_get(o, "utc_offset"))) opts.utc_offset = (int32_t)ty_value_number(v), opts.has_utc_offset = 1;
    opts.conversation = ty_test_get_string(o, "conversation", &opts.conversation_len);
    opts.channel = ty_test_get_string(o, "channel", &opts.channel_len);
    opts.data = ty_test_get(o, "data");
    opts.verbose = ty_value_kind(ty_test_get(o, "verbose")) == TY_TRUE;
    opts.is_default = ty_value_kind(ty_test_get(o, "is_default")) == TY_TRUE;
    opts.echo = (int)ty_value_number(ty_test_get(o, "echo"));
    return opts;
}

/* Plays a chat case into out: TY_OK, or the first error (e set). */
static int tc_play(const ty_playbook *pb, const ty_value *c, const ty_alloc *alloc, ty_buf *out, ty_error *e) {
    ty_chat_opts opts = tc_chat_opts(c, alloc);
    ty_chat *chat = ty_chat_new(pb, &opts, e);
    if (!chat) return e->code;
    int rc = ty_chat_header(chat, out, e);
    const ty_value *script = ty_test_get(c, "script");
    for (size_t i = 0; !rc && i < ty_value_count(script); i++) {
        size_t n;
        const char *line = ty_value_string(ty_value_item(script, i), &n);
        rc = ty_chat_feed(chat, line, n, out, e);
        if (rc == 0) break;
        if (rc > 0) rc = 0;
    }
    ty_chat_free(chat);
    return rc;
}

START_TEST(chat_vectors) {
    ty_doc *vd = tc_vectors();
    const ty_value *chats = ty_test_get(ty_doc_root(vd), "chat");
    ck_assert_uint_gt(ty_value_count(chats), 3);
    for (size_t i = 0; i < ty_value_count(chats); i++) {
        const ty_value *c = ty_value_item(chats, i);
        ty_playbook *pb = tc_playbook(c);
        ty_buf out;
        ty_buf_init(&out, NULL);
        ty_error e;
        ck_assert_int_eq(tc_play(pb, c, NULL, &out, &e), 0);
        ck_assert_str_eq(out.ptr, ty_test_get_string(c, "output", NULL));
        ty_buf_free(&out);
        ty_playbook_free(pb);
    }
    ty_doc_free(vd);
}
END_TEST

/* The findings a lint case reports (ty_lint or ty_playbook_lint). */
static ty_doc *tc_findings(const ty_value *c) {
    size_t tl, cl, ll;
    const char *text = ty_test_get_string(c, "text", &tl), *ch = ty_test_get_string(c, "channel", &cl);
    const char *loc = ty_test_get_string(c, "locale", &ll);
    ty_error e;
    if (text) return ty_lint(text, tl, ch, cl, loc, loc ? ll : 0, &e);
    ty_playbook *pb = tc_playbook(c);
    ty_doc *d = ty_playbook_lint(pb, ch, cl, &e);
    ty_playbook_free(pb);
    return d;
}

/* A lint case's report options (pointers into the vector doc). */
static ty_lint_report_opts tc_lint_opts(const ty_value *c) {
    ty_lint_report_opts o;
    memset(&o, 0, sizeof o);
    o.label = ty_test_get_string(c, "label", &o.label_len);
    o.text = ty_test_get_string(c, "text", &o.text_len);
    o.channel = ty_test_get_string(c, "channel", &o.channel_len);
    o.source = ty_test_get_string(c, "playbook", &o.source_len);
    o.json = ty_value_kind(ty_test_get(c, "json")) == TY_TRUE;
    return o;
}

START_TEST(lint_vectors) {
    ty_doc *vd = tc_vectors();
    const ty_value *lints = ty_test_get(ty_doc_root(vd), "lint");
    ck_assert_uint_gt(ty_value_count(lints), 3);
    for (size_t i = 0; i < ty_value_count(lints); i++) {
        const ty_value *c = ty_value_item(lints, i);
        ty_doc *f = tc_findings(c);
        ck_assert_ptr_nonnull(f);
        ty_lint_report_opts o = tc_lint_opts(c);
        ty_buf out;
        ty_buf_init(&out, NULL);
        ty_error e;
        int status = ty_lint_report(ty_doc_root(f), &o, &out, &e);
        ck_assert_int_eq(status, (int)ty_value_number(ty_test_get(c, "status")));
        ck_assert_str_eq(out.ptr, ty_test_get_string(c, "output", NULL));
        ty_buf_free(&out);
        ty_doc_free(f);
    }
    ty_doc_free(vd);
}
END_TEST

/* Every allocation of a chat (its copies, the events, the steps, the log)
 * and of a report can fail: TY_E_NOMEM, nothing leaked, then the same bytes. */
START_TEST(alloc_failure_at_every_site) {
    ty_doc *vd = tc_vectors();
    const ty_value *c = ty_value_item(ty_test_get(ty_doc_root(vd), "chat"), 0);
    ty_playbook *pb = tc_playbook(c);
    long live0 = ty_test_live_allocs();
    int failures = 0;
    for (long budget = 0;; budget++) {
        long countdown = budget;
        ty_alloc a = ty_test_failing_alloc(&countdown);
        ty_buf out;
        ty_buf_init(&out, &a);
        ty_error e;
        int rc = tc_play(pb, c, &a, &out, &e);
        if (!rc) ck_assert_str_eq(out.ptr, ty_test_get_string(c, "output", NULL));
        ty_buf_free(&out);
        ck_assert_int_eq(ty_test_live_allocs(), live0);
        if (!rc) break;
        ck_assert_int_eq(rc, TY_E_NOMEM);
        failures++;
        ck_assert_int_lt(budget, 100000);
    }
    ck_assert_int_gt(failures, 10);
    const ty_value *l = ty_value_item(ty_test_get(ty_doc_root(vd), "lint"), 0);
    ty_doc *f = tc_findings(l);
    ty_lint_report_opts o = tc_lint_opts(l);
    for (long budget = 0;; budget++) {
        long countdown = budget;
        ty_alloc a = ty_test_failing_alloc(&countdown);
        ty_buf out;
        ty_buf_init(&out, &a);
        ty_error e;
        int rc = ty_lint_report(ty_doc_root(f), &o, &out, &e);
        if (rc >= 0) ck_assert_str_eq(out.ptr, ty_test_get_string(l, "output", NULL));
        ty_buf_free(&out);
        ck_assert_int_eq(ty_test_live_allocs(), live0);
        if (rc >= 0) break;
        ck_assert_int_eq(rc, TY_E_NOMEM);
        ck_assert_int_lt(budget, 100000);
    }
    ty_doc_free(f);
    ty_playbook_free(pb);
    ty_doc_free(vd);
}
END_TEST

START_TEST(durations) {
    static const struct { const char *text; int64_t secs; } ok[] = {
        {"90s", 90}, {"1h30m", 5400}, {"2d", 172800}, {"15 m", 900}, {" 42 ", 42}, {"4H", 14400}, {"1h 2m 3s", 3723},
        {"99999999999999999999d", INT64_MAX},
    };
    ty_error e;
    int64_t s;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ck_assert_int_eq(ty_duration_parse(ok[i].text, strlen(ok[i].text), &s, &e), 0);
        ck_assert_int_eq(s, ok[i].secs);
    }
    static const char *const bad[] = {"", "4x", "4h x", "h", "soon", "12 3h", "-4h"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_int_eq(ty_duration_parse(bad[i], strlen(bad[i]), &s, &e), TY_E_SYNTAX);
    ty_duration_parse("It's", 4, &s, &e);
    ck_assert_str_eq(e.message, "not a duration: \"it's\" (try 90s, 15m, 4h or 2d)");
    ty_duration_parse("a\tb\x01", 4, &s, &e);
    ck_assert_str_eq(e.message, "not a duration: 'a\\tb\\x01' (try 90s, 15m, 4h or 2d)");
    ck_assert_int_eq(ty_duration_parse(NULL, 0, &s, &e), TY_E_ARG);
    ck_assert_int_eq(ty_duration_parse("\xff", 1, &s, &e), TY_E_UTF8);
}
END_TEST

START_TEST(readable_json) {
    static const char *const cases[][3] = {
        {"{\"a\":[1,2.5,null,true],\"b\":{\"c\":\"\xc3\xa9\"}}", "{\"a\": [1, 2.5, null, true], \"b\": {\"c\": \"\xc3\xa9\"}}",
         "{\n  \"a\": [\n    1,\n    2.5,\n    null,\n    true\n  ],\n  \"b\": {\n    \"c\": \"\xc3\xa9\"\n  }\n}"},
        {"{\"a\":[],\"b\":{}}", "{\"a\": [], \"b\": {}}", "{\n  \"a\": [],\n  \"b\": {}\n}"},
        {"[1e-5,0.1,123.456,1.5e300]", "[1e-05, 0.1, 123.456, 1.5e+300]", "[\n  1e-05,\n  0.1,\n  123.456,\n  1.5e+300\n]"},
        {"\"a\\nb\"", "\"a\\nb\"", "\"a\\nb\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ty_error e;
        ty_doc *d = ty_test_parse_json(cases[i][0], strlen(cases[i][0]), &e);
        ck_assert_ptr_nonnull(d);
        for (int k = 0; k < 2; k++) {
            ty_buf b;
            ty_buf_init(&b, NULL);
            ck_assert_int_eq(ty_value_write_json_pretty(ty_doc_root(d), k ? 2 : -1, &b, &e), 0);
            ck_assert_str_eq(b.ptr, cases[i][1 + k]);
            ty_buf_free(&b);
        }
        ty_doc_free(d);
    }
    ck_assert_int_eq(ty_value_write_json_pretty(NULL, 2, NULL, NULL), TY_E_ARG);
}
END_TEST

START_TEST(bad_arguments) {
    ty_error e;
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert_ptr_null(ty_chat_new(NULL, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    size_t n;
    const char *src = ty_default_playbook(&n);
    ty_playbook *pb = ty_playbook_load(src, n, NULL, &e);
    ty_chat_opts o;
    memset(&o, 0, sizeof o);
    o.has_utc_offset = 1;
    o.utc_offset = 86400;
    ck_assert_ptr_null(ty_chat_new(pb, &o, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ty_chat *chat = ty_chat_new(pb, NULL, &e);
    ck_assert_ptr_nonnull(chat);
    ck_assert_int_eq(ty_chat_feed(chat, "\xc3", 1, &b, &e), TY_E_UTF8);
    ck_assert_int_eq(ty_chat_feed(NULL, "hi", 2, &b, &e), TY_E_ARG);
    ck_assert_int_eq(ty_chat_feed(chat, NULL, 0, &b, &e), 1);
    ck_assert_ptr_null(ty_chat_state(chat));
    ck_assert_ptr_null(ty_chat_log(chat));
    ck_assert_int_eq(ty_chat_feed(chat, "hi\r\n", 4, &b, &e), 1);
    ck_assert_ptr_nonnull(ty_chat_state(chat));
    ck_assert_int_eq(ty_chat_feed(chat, "/EXIT", 5, &b, &e), 0);
    ty_chat_free(chat);
    ty_chat_free(NULL);
    ty_lint_report_opts lo;
    memset(&lo, 0, sizeof lo);
    ck_assert_int_eq(ty_lint_report(NULL, &lo, &b, &e), TY_E_ARG);
    lo.text = "\xff";
    lo.text_len = 1;
    ty_doc *d = ty_test_parse_json("[]", 2, &e);
    ck_assert_int_eq(ty_lint_report(ty_doc_root(d), &lo, &b, &e), TY_E_UTF8);
    lo.text = "ok";
    lo.text_len = 2;
    size_t before = b.len;
    ck_assert_int_eq(ty_lint_report(ty_doc_root(d), &lo, &b, &e), 0);
    ck_assert_str_eq(b.ptr + before, "0 errors, 0 warnings\n");
    ty_doc_free(d);
    ty_buf_free(&b);
    ty_playbook_free(pb);
}
END_TEST

Suite *cli_suite(void);
Suite *cli_suite(void) {
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, chat_vectors);
    tcase_add_test(tc, lint_vectors);
    tcase_add_test(tc, alloc_failure_at_every_site);
    tcase_add_test(tc, durations);
    tcase_add_test(tc, readable_json);
    tcase_add_test(tc, bad_arguments);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(cli_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
