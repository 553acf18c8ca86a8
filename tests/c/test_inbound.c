/*
 * test_inbound.c — Check tests for csrc/src/inbound.c (docs/inbound.md):
 * the shared vectors in tests/vectors/inbound.json, every prefix of every
 * vector body (a clear error or a result, never a crash), bad arguments,
 * and end to end on each platform: a choice ask rendered by step(), built
 * into the platform's payload, tapped (the webhook body the platform would
 * send, built from the payload's own reply id), read back by ty_inbound
 * and stepped: the flow takes the option by its id. Signatures: the
 * shared vectors in tests/vectors/signatures.json (what ty_signature_check
 * reads: algorithm, signed bytes, claimed digest; the bindings compute the
 * HMACs) and the verification handshake.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tinyyes.h"

static char *it_json(const ty_value *v) {
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert_int_eq(ty_value_write_json(v, &b, NULL), 0);
    return b.ptr ? b.ptr : strdup("");
}

static ty_doc *it_parse(const char *s) {
    ty_error e;
    ty_doc *d = ty_doc_parse(s, strlen(s), NULL, &e);
    ck_assert_msg(d != NULL, "%s: %s", s, e.message);
    return d;
}

static ty_doc *it_vectors(void) {
    char path[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "inbound.json"), &e);
    ck_assert_msg(vd != NULL, "%s: %s", path, e.message);
    return vd;
}

/* Runs ty_inbound on case t (its channel, body and optional at). */
static ty_doc *it_run(const ty_value *t, const char *body, size_t len, ty_error *e) {
    size_t cl;
    const char *ch = ty_test_get_string(t, "channel", &cl);
    const ty_value *at = ty_test_get(t, "at");
    return ty_inbound(ch, cl, body, len, at ? (int64_t)ty_value_number(at) : 0, at != NULL, e);
}

START_TEST(shared_vectors) {
    ty_doc *vd = it_vectors();
    const ty_value *cases = ty_test_get(ty_doc_root(vd), "cases");
    size_t n = ty_value_count(cases), failed = 0;
    ck_assert_uint_ge(n, 40);
    for (size_t i = 0; i < n; i++) {
        const ty_value *t = ty_value_item(cases, i);
        const char *name = ty_test_get_string(t, "name", NULL);
        size_t bl;
        const char *body = ty_test_get_string(t, "body", &bl);
        ty_error e;
        ty_doc *d = it_run(t, body, bl, &e);
        const ty_value *want_err = ty_test_get(t, "error");
        if (want_err) {
            const char *code = ty_test_get_string(want_err, "code", NULL), *path = ty_test_get_string(want_err, "path", NULL);
            if (d || strcmp(ty_code_reason(e.code), code) || (path && strcmp(e.path, path))) {
                fprintf(stderr, "inbound vector %s: got %s [%s] %s\n", name, d ? "a result" : ty_code_reason(e.code),
                        d ? "" : e.path, d ? "" : e.message);
                failed++;
            }
            ty_doc_free(d);
            continue;
        }
        if (!d) {
            fprintf(stderr, "inbound vector %s: %s [%s] %s\n", name, ty_code_reason(e.code), e.path, e.message);
            failed++;
            continue;
        }
        char *got = it_json(ty_doc_root(d)), *want = it_json(ty_test_get(t, "expected"));
        if (strcmp(got, want)) {
            fprintf(stderr, "inbound vector %s:\n  got  %s\n  want %s\n", name, got, want);
            failed++;
        }
        free(got);
        free(want);
        ty_doc_free(d);
    }
    ty_doc_free(vd);
    ck_assert_msg(failed == 0, "%zu of %zu inbound vectors failed", failed, n);
}
END_TEST

/* Every prefix of every body: a result or an error with a message, and no
 * sanitizer report (this suite also runs under ASan, UBSan and valgrind). */
START_TEST(every_prefix_of_every_body) {
    ty_doc *vd = it_vectors();
    const ty_value *cases = ty_test_get(ty_doc_root(vd), "cases");
    size_t runs = 0;
    for (size_t i = 0; i < ty_value_count(cases); i++) {
        const ty_value *t = ty_value_item(cases, i);
        size_t bl;
        const char *body = ty_test_get_string(t, "body", &bl);
        for (size_t k = 0; k <= bl; k++) {
            char *cut = malloc(k + 1); /* exactly k bytes: reads past them are caught */
            ck_assert_ptr_nonnull(cut);
            memcpy(cut, body, k);
            ty_error e;
            ty_doc *d = it_run(t, cut, k, &e);
            if (!d) ck_assert_msg(e.message[0] != '\0', "prefix %zu of %s fails without a message", k, body);
            ty_doc_free(d);
            free(cut);
            runs++;
        }
    }
    ck_assert_uint_gt(runs, 1000);
    ty_doc_free(vd);
}
END_TEST

START_TEST(bad_arguments) {
    ty_error e;
    ck_assert_ptr_null(ty_inbound("viber", 5, "{}", 2, 0, 0, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_str_eq(e.path, "channel");
    ck_assert_ptr_null(ty_inbound(NULL, 0, "{}", 2, 0, 0, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_ptr_null(ty_inbound("webchat", 7, NULL, 3, 0, 0, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_ptr_null(ty_inbound("telegram", 8, "{\"update_id\":", 13, 0, 0, &e));
    ck_assert_int_eq(e.code, TY_E_JSON);
    ck_assert_int_eq(e.domain, TY_DOMAIN_EVENT);
    ck_assert_ptr_null(ty_inbound("sms", 3, "From=%2B1555&Body=hi", 20, 0, 0, NULL)); /* err may be NULL */
    /* an SMS field that is not UTF-8 once decoded, or holds a NUL */
    ck_assert_ptr_null(ty_inbound("sms", 3, "From=%2B1555&Body=%FF", 21, 5, 1, &e));
    ck_assert_str_eq(e.path, "Body");
    ck_assert_ptr_null(ty_inbound("sms", 3, "From=%2B1555&Body=a%00b", 23, 5, 1, &e));
    ck_assert_str_eq(e.path, "Body");
    /* a lone "%" and a bad escape stay as written */
    ty_doc *d = ty_inbound("sms", 3, "From=x&Body=100%&MessageSid=s%zz", 32, 5, 1, &e);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(ty_test_get_string(ty_value_item(ty_test_get(ty_doc_root(d), "events"), 0), "text", NULL), "100%");
    ty_doc_free(d);
}
END_TEST

/* The body a platform would post when the customer taps choice i of the
 * payload pd (its own reply id), at time at. */
static char *it_tap_body(const char *channel, const ty_doc *pd, size_t i, long at) {
    const ty_value *p = ty_test_get(ty_doc_root(pd), "payload");
    char *out = malloc(2048);
    ck_assert_ptr_nonnull(out);
    if (!strcmp(channel, "whatsapp")) {
        const ty_value *r = ty_test_get(ty_value_item(ty_test_get(ty_test_get(ty_test_get(p, "interactive"), "action"), "buttons"), i), "reply");
        snprintf(out, 2048,
                 "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                 "\"value\":{\"messaging_product\":\"whatsapp\",\"messages\":[{\"from\":\"15550001\",\"id\":\"wamid.t%zu\","
                 "\"timestamp\":\"%ld\",\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\",\"button_reply\":"
                 "{\"id\":\"%s\",\"title\":\"%s\"}}}]}}]}]}",
                 i, at, ty_test_get_string(r, "id", NULL), ty_test_get_string(r, "title", NULL));
    } else if (!strcmp(channel, "messenger")) {
        const ty_value *q = ty_value_item(ty_test_get(ty_test_get(p, "message"), "quick_replies"), i);
        snprintf(out, 2048,
                 "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":%ld000,\"messaging\":[{\"sender\":{\"id\":\"psid-1\"},"
                 "\"recipient\":{\"id\":\"page\"},\"timestamp\":%ld000,\"message\":{\"mid\":\"m.t%zu\",\"text\":\"%s\","
                 "\"quick_reply\":{\"payload\":\"%s\"}}}]}]}",
                 at, at, i, ty_test_get_string(q, "title", NULL), ty_test_get_string(q, "payload", NULL));
    } else if (!strcmp(channel, "telegram")) {
        char *markup = it_json(ty_test_get(p, "reply_markup"));
        const ty_value *b = ty_value_item(ty_value_item(ty_test_get(ty_test_get(p, "reply_markup"), "inline_keyboard"), i), 0);
        snprintf(out, 2048,
                 "{\"update_id\":%zu,\"callback_query\":{\"id\":\"cb1\",\"from\":{\"id\":42},\"data\":\"%s\",\"message\":"
                 "{\"message_id\":7,\"date\":%ld,\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"Which?\",\"reply_markup\":%s}}}",
                 900 + i, ty_test_get_string(b, "callback_data", NULL), at - 30, markup);
        free(markup);
    } else {
        const ty_value *b = ty_value_item(ty_test_get(p, "buttons"), i);
        snprintf(out, 2048, "{\"conversation\":\"web-1\",\"id\":\"w%zu\",\"at\":%ld,\"choice\":\"%s\",\"text\":\"%s\"}", i, at,
                 ty_test_get_string(b, "id", NULL), ty_test_get_string(b, "title", NULL));
    }
    return out;
}

START_TEST(taps_come_back_as_option_ids_end_to_end) {
    static const char src[] =
        "{\"tinyyes\": 1, \"intents\": {\"go\": {\"keywords\": [\"go\"], \"flow\": \"f\"},"
        " \"stop\": {\"keywords\": [\"stop\"], \"does\": \"opt_out\"}},"
        " \"slots\": {\"plan\": {\"type\": \"choice\", \"options\": [{\"id\": \"weekly\", \"title\": \"Standard clean, weekly"
        " visit\"}, {\"id\": \"stop-later\", \"title\": \"Stop after one\"}]}, \"n\": {\"type\": \"text\"}},"
        " \"templates\": {\"ask\": \"Which plan?\", \"who\": \"Your name?\"},"
        " \"flows\": {\"f\": {\"steps\": [{\"id\": \"a\", \"say\": \"ask\", \"ask\": \"plan\"}, {\"id\": \"b\", \"say\": \"who\","
        " \"ask\": \"n\"}]}}}";
    ty_error e;
    ty_playbook *pb = ty_playbook_load(src, sizeof src - 1, NULL, &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    ty_doc *go = it_parse("{\"type\":\"message\",\"text\":\"go\",\"at\":1795000000}");
    ty_doc *first = ty_playbook_step(pb, NULL, ty_doc_root(go), &e);
    ck_assert_ptr_nonnull(first);
    char *sj = it_json(ty_test_get(ty_doc_root(first), "state"));
    ty_doc *state = it_parse(sj);
    const ty_value *send = ty_value_item(ty_test_get(ty_doc_root(first), "actions"), 0);
    static const char *const channels[] = {"whatsapp", "messenger", "telegram", "webchat"};
    static const char *const want[] = {"weekly", "stop-later"};
    for (size_t c = 0; c < 4; c++) {
        ty_doc *pd = ty_payload(send, channels[c], strlen(channels[c]), NULL, &e);
        ck_assert_msg(pd != NULL, "%s: %s", channels[c], e.message);
        for (size_t i = 0; i < 2; i++) {
            char *body = it_tap_body(channels[c], pd, i, 1795000060);
            ty_doc *in = ty_inbound(channels[c], strlen(channels[c]), body, strlen(body), 1795000060, 1, &e);
            ck_assert_msg(in != NULL, "%s: %s [%s] %s", channels[c], body, e.path, e.message);
            const ty_value *ev = ty_value_item(ty_test_get(ty_doc_root(in), "events"), 0);
            ck_assert_msg(ev != NULL, "%s: no event in %s", channels[c], it_json(ty_doc_root(in)));
            ck_assert_str_eq(ty_test_get_string(ev, "choice", NULL), want[i]);
            ty_doc *r = ty_playbook_step(pb, ty_doc_root(state), ev, &e);
            ck_assert_msg(r != NULL, "%s: %s", channels[c], e.message);
            const ty_value *st = ty_test_get(ty_doc_root(r), "state");
            /* "Stop after one" is an option here, not an opt-out */
            ck_assert_str_eq(ty_test_get_string(st, "status", NULL), "active");
            ck_assert_str_eq(ty_test_get_string(ty_test_get(ty_test_get(st, "slots"), "plan"), "id", NULL), want[i]);
            ck_assert_str_eq(ty_test_get_string(st, "channel", NULL), channels[c]);
            ty_doc_free(r);
            ty_doc_free(in);
            free(body);
        }
        ty_doc_free(pd);
    }
    free(sj);
    ty_doc_free(state);
    ty_doc_free(first);
    ty_doc_free(go);
    ty_playbook_free(pb);
}
END_TEST

static const char *const it_algorithms[] = {"invalid", "token", "hmac-sha256", "hmac-sha1"};

START_TEST(signature_vectors) {
    char path[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "signatures.json"), &e);
    ck_assert_msg(vd != NULL, "%s: %s", path, e.message);
    const ty_value *cases = ty_test_get(ty_doc_root(vd), "cases");
    ck_assert_uint_ge(ty_value_count(cases), 20);
    for (size_t i = 0; i < ty_value_count(cases); i++) {
        const ty_value *t = ty_value_item(cases, i), *exp = ty_test_get(t, "expected");
        const char *name = ty_test_get_string(t, "name", NULL);
        size_t cl, hl = 0, bl, ul = 0;
        const char *ch = ty_test_get_string(t, "channel", &cl), *body = ty_test_get_string(t, "body", &bl);
        const char *header = ty_test_get_string(t, "header", &hl), *url = ty_test_get_string(t, "url", &ul);
        ty_signature sig;
        memset(&sig, 0, sizeof sig);
        ck_assert_msg(ty_signature_check(ch, cl, header, hl, body, bl, url, ul, &sig, &e) == TY_OK, "%s: %s", name,
                      e.message);
        ck_assert_msg(!strcmp(it_algorithms[sig.algorithm], ty_test_get_string(exp, "algorithm", NULL)), "%s: %s", name,
                      it_algorithms[sig.algorithm]);
        size_t ml;
        const char *msg = ty_test_get_string(exp, "message", &ml), *digest = ty_test_get_string(exp, "digest", NULL);
        if (msg) {
            ck_assert_msg(sig.message.len == ml && !memcmp(sig.message.ptr, msg, ml), "%s: signed bytes differ", name);
            char hex[65];
            for (size_t k = 0; k < sig.digest_len; k++) snprintf(hex + 2 * k, 3, "%02x", sig.digest[k]);
            hex[2 * sig.digest_len] = '\0';
            ck_assert_str_eq(hex, digest);
        } else {
            ck_assert_msg(sig.algorithm < TY_SIGNATURE_HMAC_SHA256, "%s: an HMAC without a message in the vector", name);
        }
        ty_signature_free(&sig);
    }
    ty_doc_free(vd);
}
END_TEST

START_TEST(signature_arguments_and_handshake) {
    ty_error e;
    ck_assert_str_eq(ty_signature_header("instagram", 9, &e), "x-hub-signature-256");
    ck_assert_str_eq(ty_signature_header("sms", 3, &e), "x-twilio-signature");
    ck_assert_ptr_null(ty_signature_header("webchat", 7, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_ptr_null(ty_signature_header("fax", 3, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ty_signature sig;
    memset(&sig, 0, sizeof sig);
    ck_assert_int_eq(ty_signature_check("sms", 3, "AAAA", 4, "a=b", 3, NULL, 0, &sig, &e), TY_E_ARG);
    ck_assert_str_eq(e.path, "url");
    ck_assert_int_eq(ty_signature_check("webchat", 7, "x", 1, "{}", 2, NULL, 0, &sig, &e), TY_E_ARG);
    ck_assert_int_eq(ty_signature_check("whatsapp", 8, NULL, 0, "{}", 2, NULL, 0, NULL, &e), TY_E_ARG);
    ty_signature_free(&sig);
    ty_signature_free(NULL);
    /* the handshake: the challenge only for subscribe with the right token */
    const char *c = ty_handshake("subscribe", 9, "tok", 3, "1158201444", 10, "tok", 3);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(c, "1158201444");
    ck_assert_ptr_null(ty_handshake("subscribe", 9, "tok", 3, "1", 1, "tom", 3));
    ck_assert_ptr_null(ty_handshake("subscribe", 9, "to", 2, "1", 1, "tok", 3));
    ck_assert_ptr_null(ty_handshake("subscribe", 9, "tokk", 4, "1", 1, "tok", 3));
    ck_assert_ptr_null(ty_handshake("unsubscribe", 11, "tok", 3, "1", 1, "tok", 3));
    ck_assert_ptr_null(ty_handshake("subscribe", 9, "", 0, "1", 1, "", 0)); /* no verify token: never */
    ck_assert_ptr_null(ty_handshake(NULL, 0, NULL, 0, NULL, 0, NULL, 0));
}
END_TEST

/* tests/vectors/handover.json: links (the tag as given) and references. */
START_TEST(handover_vectors) {
    char path[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "handover.json"), &e);
    ck_assert_msg(vd != NULL, "%s: %s", path, e.message);
    size_t len;
    const char *src = ty_default_playbook(&len);
    ty_playbook *pb = ty_playbook_load(src, len, NULL, &e);
    ck_assert_ptr_nonnull(pb);
    const ty_value *links = ty_test_get(ty_doc_root(vd), "links"), *finds = ty_test_get(ty_doc_root(vd), "finds");
    ck_assert_uint_ge(ty_value_count(links), 6);
    for (size_t i = 0; i < ty_value_count(links); i++) {
        const ty_value *t = ty_value_item(links, i);
        size_t cl, ll = 0, nl, tl = 0;
        const char *name = ty_test_get_string(t, "name", NULL), *conv = ty_test_get_string(t, "conversation", &cl);
        const char *loc = ty_test_get_string(t, "locale", &ll), *num = ty_test_get_string(t, "number", &nl);
        const char *tag = ty_test_get_string(t, "tag", &tl), *want = ty_test_get_string(t, "expected", NULL);
        ty_buf b;
        ty_buf_init(&b, NULL);
        int rc = ty_handover_signed(conv, cl, &b, &e);
        if (want) {
            ck_assert_int_eq(rc, TY_OK);
            ck_assert_uint_eq(b.len, 17 + cl);
            ck_assert_msg(!memcmp(b.ptr, "tinyyes-handover:", 17) && !memcmp(b.ptr + 17, conv, cl), "%s", name);
            b.len = 0;
            ck_assert_msg(ty_handover_link(pb, loc, ll, num, nl, conv, cl, tag, tl, &b, &e) == TY_OK, "%s: %s", name,
                          e.message);
            ck_assert_msg(b.len == strlen(want) && !memcmp(b.ptr, want, b.len), "%s: %.*s", name, (int)b.len, b.ptr);
        } else {
            const char *wpath = ty_test_get_string(ty_test_get(t, "error"), "path", NULL);
            if (!strcmp(wpath, "number")) rc = ty_handover_link(pb, loc, ll, num, nl, conv, cl, "0123456789", 10, &b, &e);
            ck_assert_msg(rc == TY_E_ARG && !strcmp(e.path, wpath), "%s: %s %s", name, ty_code_name(rc), e.path);
        }
        ty_buf_free(&b);
    }
    for (size_t i = 0; i < ty_value_count(finds); i++) {
        const ty_value *t = ty_value_item(finds, i), *want = ty_test_get(t, "expected");
        size_t n, cn, tn;
        const char *text = ty_test_get_string(t, "text", &n), *conv, *tag;
        int found = ty_handover_find(text, n, &conv, &cn, &tag, &tn);
        ck_assert_int_eq(found, ty_value_kind(want) == TY_LIST);
        if (found) {
            size_t wc, wt;
            const char *c0 = ty_value_string(ty_value_item(want, 0), &wc), *t0 = ty_value_string(ty_value_item(want, 1), &wt);
            ck_assert(cn == wc && !memcmp(conv, c0, cn) && tn == wt && !memcmp(tag, t0, tn));
        }
    }
    ty_playbook_free(pb);
    ty_doc_free(vd);
}
END_TEST

static Suite *it_suite(void) {
    Suite *s = suite_create("inbound");
    TCase *t = tcase_create("vectors");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, shared_vectors);
    tcase_add_test(t, every_prefix_of_every_body);
    tcase_add_test(t, bad_arguments);
    suite_add_tcase(s, t);
    t = tcase_create("signatures");
    tcase_add_test(t, signature_vectors);
    tcase_add_test(t, signature_arguments_and_handshake);
    tcase_add_test(t, handover_vectors);
    suite_add_tcase(s, t);
    t = tcase_create("flows");
    tcase_add_test(t, taps_come_back_as_option_ids_end_to_end);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(it_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
