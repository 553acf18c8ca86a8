/*
 * test_metrics.c — Check tests for csrc/src/metrics.c (docs/metrics.md): the shared
 * vectors in tests/vectors/metrics.json (hand-computed expectations), the
 * same events streamed one by one and in reverse order, a list with a bad
 * event leaving the accumulator unchanged, bad arguments, allocation
 * failure at every site (wording rows included), events straight from
 * ty_playbook_step with their wordings, and a stream of one million events
 * through bounded memory.
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

/* ===================================================================== *
 * Helpers
 * ===================================================================== */

static char *mt_json(const ty_value *v) {
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert_int_eq(ty_value_write_json(v, &b, NULL), 0);
    return b.ptr ? b.ptr : strdup("");
}

static ty_doc *mt_parse(const char *json) {
    ty_error e;
    ty_doc *d = ty_test_parse_json(json, strlen(json), &e);
    ck_assert_msg(d != NULL, "%s", e.message);
    return d;
}

/* ===================================================================== *
 * Vectors
 * ===================================================================== */

START_TEST(shared_vectors) {
    char path[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "metrics.json"), &e);
    ck_assert_msg(vd != NULL, "%s: %s", path, e.message);
    const ty_value *tests = ty_test_get(ty_doc_root(vd), "tests");
    size_t n = ty_value_count(tests), failed = 0;
    ck_assert_uint_ge(n, 15);
    for (size_t i = 0; i < n; i++) {
        const ty_value *t = ty_value_item(tests, i);
        const char *name = ty_test_get_string(t, "name", NULL);
        ck_assert_ptr_nonnull(ty_test_get_string(t, "description", NULL));
        const ty_value *events = ty_test_get(t, "events");
        const ty_value *want_err = ty_test_get(t, "error");
        ty_metrics *m = ty_metrics_new(NULL, &e);
        int rc = ty_metrics_add(m, events, &e);
        if (want_err) {
            const char *code = ty_domain_name(e.domain), *reason = ty_code_reason(e.code);
            if (rc == 0 || strcmp(code, ty_test_get_string(want_err, "code", NULL)) ||
                strcmp(reason, ty_test_get_string(want_err, "reason", NULL)) ||
                strcmp(e.path, ty_test_get_string(want_err, "path", NULL)) ||
                strcmp(e.message, ty_test_get_string(want_err, "message", NULL))) {
                fprintf(stderr, "metrics vector %s:\n  got  %d %s %s [%s] %s\n  want %s %s [%s] %s\n", name, rc, code,
                        reason, e.path, e.message, ty_test_get_string(want_err, "code", NULL),
                        ty_test_get_string(want_err, "reason", NULL), ty_test_get_string(want_err, "path", NULL),
                        ty_test_get_string(want_err, "message", NULL));
                failed++;
            }
            ty_metrics_free(m);
            continue;
        }
        ck_assert_msg(rc == 0, "%s: %s", name, e.message);
        ty_doc *r = ty_metrics_result(m, &e);
        char *got = mt_json(ty_doc_root(r)), *want = mt_json(ty_test_get(t, "expected"));
        if (strcmp(got, want)) {
            fprintf(stderr, "metrics vector %s:\n  got  %s\n  want %s\n", name, got, want);
            failed++;
        }
        /* the same events one at a time, last first: the same result */
        ty_metrics *m2 = ty_metrics_new(NULL, &e);
        for (size_t k = ty_value_count(events); k-- > 0;) {
            ty_doc *one = ty_doc_new(NULL);
            ty_value *l = ty_val_list(one);
            ck_assert_int_eq(ty_list_push(one, l, ty_val_copy(one, ty_value_item(events, k))), 0);
            ck_assert_int_eq(ty_metrics_add(m2, l, &e), 0);
            ty_doc_free(one);
        }
        ty_doc *r2 = ty_metrics_result(m2, &e);
        char *got2 = mt_json(ty_doc_root(r2));
        if (strcmp(got2, want)) {
            fprintf(stderr, "metrics vector %s, streamed in reverse:\n  got  %s\n  want %s\n", name, got2, want);
            failed++;
        }
        free(got);
        free(got2);
        free(want);
        ty_doc_free(r);
        ty_doc_free(r2);
        ty_metrics_free(m);
        ty_metrics_free(m2);
    }
    ty_doc_free(vd);
    ck_assert_msg(failed == 0, "%zu of %zu metrics vectors failed", failed, n);
}
END_TEST

/* ===================================================================== *
 * Behaviour
 * ===================================================================== */

START_TEST(a_bad_list_changes_nothing) {
    ty_doc *good = mt_parse("[{\"type\":\"ask\",\"at\":1,\"conversation\":\"a\",\"flow\":\"f\",\"step\":\"s\"},"
                            "{\"type\":\"commit\",\"at\":5,\"conversation\":\"a\",\"flow\":\"f\",\"step\":\"s\",\"latency\":4}]");
    /* valid events first, then a bad one: none of them may count */
    ty_doc *bad = mt_parse("[{\"type\":\"ask\",\"at\":1,\"conversation\":\"b\",\"flow\":\"f\",\"step\":\"s\"},"
                           "{\"type\":\"commit\",\"at\":5,\"conversation\":\"b\",\"flow\":\"f\",\"step\":\"s\",\"latency\":4},"
                           "{\"type\":\"commit\",\"at\":5,\"conversation\":\"b\",\"flow\":\"f\",\"step\":\"s\",\"latency\":\"4\"}]");
    ty_error e;
    ty_metrics *m = ty_metrics_new(NULL, &e);
    ck_assert_int_eq(ty_metrics_add(m, ty_doc_root(good), &e), 0);
    ty_doc *r1 = ty_metrics_result(m, &e);
    ck_assert_int_eq(ty_metrics_add(m, ty_doc_root(bad), &e), TY_E_EVENT);
    ck_assert_str_eq(e.path, "events[2].latency");
    ck_assert_int_eq(e.domain, TY_DOMAIN_EVENT);
    ty_doc *r2 = ty_metrics_result(m, &e);
    char *a = mt_json(ty_doc_root(r1)), *b = mt_json(ty_doc_root(r2));
    ck_assert_str_eq(a, b);
    ck_assert_str_eq(a, "{\"conversations\":1,\"reply_rate\":1,\"time_to_next_step\":{\"median\":4,\"p90\":4},"
                        "\"completion\":{\"overall\":1,\"by_step\":{\"f.s\":1}},\"handoffs\":0,\"handoff_context\":null,"
                        "\"drop_off\":{},\"opt_outs\":0,\"variants\":[],\"steps\":{\"f.s\":{\"asks\":1,\"commits\":1}}}");
    /* the result does not change the accumulator: asking twice is the same */
    ty_doc *r3 = ty_metrics_result(m, &e);
    char *c = mt_json(ty_doc_root(r3));
    ck_assert_str_eq(a, c);
    free(a);
    free(b);
    free(c);
    ty_doc_free(r1);
    ty_doc_free(r2);
    ty_doc_free(r3);
    ty_doc_free(good);
    ty_doc_free(bad);
    ty_metrics_free(m);
}
END_TEST

START_TEST(bad_arguments) {
    ty_error e;
    ty_metrics *m = ty_metrics_new(NULL, &e);
    ck_assert_int_eq(ty_metrics_add(NULL, NULL, &e), TY_E_ARG);
    ck_assert_int_eq(ty_metrics_add(m, NULL, &e), TY_E_ARG);
    ck_assert_ptr_null(ty_metrics_result(NULL, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ty_metrics_free(NULL);
    /* err may be NULL */
    ty_doc *d = mt_parse("[{\"type\":\"nope\"}]");
    ck_assert_int_eq(ty_metrics_add(m, ty_doc_root(d), NULL), TY_E_EVENT);
    ty_doc_free(d);
    /* a chunk of a stream names the event's place in the whole stream */
    d = mt_parse("[{\"type\":\"close\",\"conversation\":\"c\",\"at\":1,\"outcome\":\"done\"},{\"type\":\"ask\"}]");
    ck_assert_int_eq(ty_metrics_add_at(m, ty_doc_root(d), 10000, &e), TY_E_EVENT);
    ck_assert_str_eq(e.path, "events[10001].conversation");
    ck_assert_str_eq(e.message, "events[10001].conversation: missing");
    ty_doc_free(d);
    /* a string type that is not one, non-UTF-8 bytes in it: named, cut to 40 bytes */
    ty_doc *x = ty_doc_new(NULL);
    ty_value *l = ty_val_list(x), *ev = ty_val_map(x);
    ty_map_put(x, ev, "type", 4, ty_val_string(x, "\xff\xfe" "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", 54));
    ty_list_push(x, l, ev);
    ck_assert_int_eq(ty_metrics_add(m, l, &e), TY_E_EVENT);
    ck_assert_str_eq(e.message, "events[0].type: unknown event type \"\" (known: ask, commit, reprompt, followup, handoff, "
                                "opt_out, close, reminder, error)");
    ty_doc_free(x);
    /* ids over 256 bytes */
    char big[400];
    memset(big, 'c', 300);
    big[300] = '\0';
    char json[600];
    snprintf(json, sizeof json, "[{\"type\":\"followup\",\"at\":1,\"conversation\":\"%s\"}]", big);
    d = mt_parse(json);
    ck_assert_int_eq(ty_metrics_add(m, ty_doc_root(d), &e), TY_E_EVENT);
    ck_assert_str_eq(e.message, "events[0].conversation: is longer than 256 bytes");
    ty_doc_free(d);
    /* NaN and infinity are not times */
    x = ty_doc_new(NULL);
    l = ty_val_list(x);
    ev = ty_val_map(x);
    ty_map_put(x, ev, "type", 4, ty_val_string(x, "followup", 8));
    ty_map_put(x, ev, "conversation", 12, ty_val_string(x, "c", 1));
    ty_map_put(x, ev, "at", 2, ty_val_number(x, 1.0 / 0.0));
    ty_list_push(x, l, ev);
    ck_assert_int_eq(ty_metrics_add(m, l, &e), TY_E_EVENT);
    ck_assert_str_eq(e.path, "events[0].at");
    ty_doc_free(x);
    ty_metrics_free(m);
}
END_TEST

/* Replies to asks within one second of one conversation (the documented
 * limit of two): an ask is replied to by a later event, or by a commit,
 * reprompt, handoff or opt-out of its own second at its own step. */
START_TEST(asks_in_one_second) {
    ty_doc *d = mt_parse(
        "[{\"type\":\"ask\",\"at\":5,\"conversation\":\"a\",\"flow\":\"f\",\"step\":\"s\",\"template\":\"t\",\"variant\":\"text\"},"
        "{\"type\":\"ask\",\"at\":5,\"conversation\":\"a\",\"flow\":\"f\",\"step\":\"s\",\"template\":\"t\",\"variant\":\"v1\"},"
        "{\"type\":\"ask\",\"at\":5,\"conversation\":\"a\",\"flow\":\"f\",\"step\":\"s\",\"template\":\"t\",\"variant\":\"v2\"},"
        "{\"type\":\"ask\",\"at\":5,\"conversation\":\"b\",\"flow\":\"f\",\"step\":\"s\",\"template\":\"t\",\"variant\":\"text\"},"
        "{\"type\":\"reprompt\",\"at\":5,\"conversation\":\"b\",\"flow\":\"f\",\"step\":\"r\"},"
        "{\"type\":\"ask\",\"at\":5,\"conversation\":\"c\",\"flow\":\"f\",\"step\":\"s\",\"template\":\"t\",\"variant\":\"v1\"},"
        "{\"type\":\"reprompt\",\"at\":5,\"conversation\":\"c\",\"flow\":\"f\",\"step\":\"s\"}]");
    ty_error e;
    ty_metrics *m = ty_metrics_new(NULL, &e);
    ck_assert_int_eq(ty_metrics_add(m, ty_doc_root(d), &e), 0);
    ty_doc *r = ty_metrics_result(m, &e);
    const ty_value *rows = ty_test_get(ty_doc_root(r), "variants");
    ck_assert_uint_eq(ty_value_count(rows), 3);
    /* a: three asks in one second, nothing after: the first two are not
     * replied to, the third is past what is kept and counts as replied.
     * b: a reprompt of that second at another step is no reply; c: at the
     * ask's own step it is. */
    static const char *const want[3][3] = {{"text", "2", "0"}, {"v1", "2", "1"}, {"v2", "1", "1"}};
    for (size_t i = 0; i < 3; i++) {
        const ty_value *row = ty_value_item(rows, i);
        ck_assert_str_eq(ty_test_get_string(row, "variant", NULL), want[i][0]);
        char *asks = mt_json(ty_test_get(row, "asks")), *replies = mt_json(ty_test_get(row, "replies"));
        ck_assert_str_eq(asks, want[i][1]);
        ck_assert_str_eq(replies, want[i][2]);
        free(asks);
        free(replies);
    }
    ty_doc_free(r);
    ty_metrics_free(m);
    ty_doc_free(d);
}
END_TEST

/* Metric events from real conversations: the flow's own output is valid
 * input, and the handoff carries its context. */
START_TEST(events_from_the_flow_engine) {
    size_t len;
    const char *json = ty_default_playbook(&len);
    ty_error e;
    ty_playbook *pb = ty_playbook_load(json, len, NULL, &e);
    ck_assert_ptr_nonnull(pb);
    static const char *const convs[][4] = {
        {"start", "See prices", "Tune-up", "yes"},    /* commits, then a new ask */
        {"start", "See prices", "talk to a person", NULL}, /* handoff at a pending step */
        {"start", NULL, NULL, NULL},                  /* silence */
        {"human", NULL, NULL, NULL},                  /* handoff before any ask */
    };
    ty_metrics *m = ty_metrics_new(NULL, &e);
    for (size_t c = 0; c < 4; c++) {
        ty_doc *state = NULL;
        for (size_t k = 0; k < 4 && convs[c][k]; k++) {
            char ev[256];
            snprintf(ev, sizeof ev, "{\"type\":\"message\",\"text\":\"%s\",\"at\":%d,\"conversation\":\"k%zu\"}",
                     convs[c][k], 1795000000 + 60 * (int)k, c);
            ty_doc *evd = mt_parse(ev);
            ty_doc *r = ty_playbook_step(pb, state ? ty_doc_root(state) : NULL, ty_doc_root(evd), &e);
            ck_assert_msg(r != NULL, "%s", e.message);
            ck_assert_int_eq(ty_metrics_add(m, ty_test_get(ty_doc_root(r), "events"), &e), 0);
            char *st = mt_json(ty_test_get(ty_doc_root(r), "state"));
            ty_doc_free(state);
            state = mt_parse(st);
            free(st);
            ty_doc_free(r);
            ty_doc_free(evd);
        }
        ty_doc_free(state);
    }
    ty_doc *r = ty_metrics_result(m, &e);
    char *got = mt_json(ty_doc_root(r));
    /* k0: asks welcome.menu, pricing.which, pricing.tuneup, booking.when
     * (service known) with a 60 s commit each but the last. k1: asks menu
     * (commit 60) and which, then a handoff there (menu filled: 1 of 2).
     * k2: the menu ask only. k3: a handoff before anything was asked (0
     * of 0: left out of handoff_context). Asks 4 + 2 + 1 = 7, commits 3 +
     * 1 = 4: overall 4/7 = 0.5714; menu 2/3, which 1/2, tuneup 1/1, when
     * 0/1. Replied: k0, k1 -> 2/4.
     * Wordings (flow_pick's hash of the ids): menu "text" for k0, "v1" for
     * k1 and k2; which "text" for k0, "v1" for k1; tuneup and when have no
     * variants. Replies: every ask was followed by a message except k2's
     * menu (silence) and k0's last ask (when); k1's which by the handoff.
     * So menu text 1 ask, 1 reply, 1 commit; menu v1 2 asks, 1 reply (k1),
     * 1 commit; which text 1/1/1; which v1 1 ask, 1 reply, 0 commits;
     * tuneup 1/1/1; when 1/0/0. Wilson 95 % intervals: 1 of 1 -> [1/(1 +
     * z^2), 1] = [0.2065, 1]; 0 of 1 -> [0, 0.7935]; 1 of 2 -> 0.5 -/+ z
     * sqrt(0.25/2 + z^2/16) / (1 + z^2/2) = [0.0945, 0.9055] (z =
     * 1.96). */
#define MT_ROW(step, tpl, var, asks, replies, rr, rci, commits, comp, cci, med)                                  \
    "{\"flow\":\"" step "\",\"template\":\"" tpl "\",\"variant\":\"" var "\",\"asks\":" asks ",\"replies\":" replies \
    ",\"reply_rate\":" rr ",\"reply_rate_ci\":" rci ",\"commits\":" commits ",\"completion\":" comp                  \
    ",\"completion_ci\":" cci ",\"time_to_next_step\":{\"median\":" med ",\"p90\":" med "}}"
#define MT_ONE "[0.2065,1]"
#define MT_NONE "[0,0.7935]"
    ck_assert_str_eq(got, "{\"conversations\":4,\"reply_rate\":0.5,\"time_to_next_step\":{\"median\":60,\"p90\":60},"
                          "\"completion\":{\"overall\":0.5714,\"by_step\":{\"booking.when\":0,\"pricing.tuneup\":1,"
                          "\"pricing.which\":0.5,\"welcome.menu\":0.6667}},\"handoffs\":2,\"handoff_context\":0.5,"
                          "\"drop_off\":{},\"opt_outs\":0,\"variants\":["
                          MT_ROW("booking\",\"step\":\"when", "ask_day", "text", "1", "0", "0", MT_NONE, "0", "0", MT_NONE,
                                 "null") ","
                          MT_ROW("pricing\",\"step\":\"tuneup", "quote_tuneup", "text", "1", "1", "1", MT_ONE, "1", "1",
                                 MT_ONE, "60") ","
                          MT_ROW("pricing\",\"step\":\"which", "ask_service", "text", "1", "1", "1", MT_ONE, "1", "1",
                                 MT_ONE, "60") ","
                          MT_ROW("pricing\",\"step\":\"which", "ask_service", "v1", "1", "1", "1", MT_ONE, "0", "0",
                                 MT_NONE, "null") ","
                          MT_ROW("welcome\",\"step\":\"menu", "welcome", "text", "1", "1", "1", MT_ONE, "1", "1", MT_ONE,
                                 "60") ","
                          MT_ROW("welcome\",\"step\":\"menu", "welcome", "v1", "2", "1", "0.5", "[0.0945,0.9055]", "1",
                                 "0.5", "[0.0945,0.9055]", "60") "],"
                          /* the counts behind by_step: 0/1, 1/1, 1/2, 2/3 */
                          "\"steps\":{\"booking.when\":{\"asks\":1,\"commits\":0},\"pricing.tuneup\":{\"asks\":1,"
                          "\"commits\":1},\"pricing.which\":{\"asks\":2,\"commits\":1},\"welcome.menu\":{\"asks\":3,"
                          "\"commits\":2}}}");
#undef MT_ROW
#undef MT_ONE
#undef MT_NONE
    free(got);
    ty_doc_free(r);
    ty_metrics_free(m);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * Allocation failure
 * ===================================================================== */

/* Vectors with every kind of event, and with every kind of wording row. */
static const char *const mt_oom_vectors[] = {"reply_rate_drop_off_and_handoffs", "variants_side_by_side",
                                             "variants_from_a_partial_log"};

START_TEST(allocation_failure_at_every_site) {
    char path[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "metrics.json"), &e);
    ck_assert_ptr_nonnull(vd);
    const ty_value *tests = ty_test_get(ty_doc_root(vd), "tests");
    const ty_value *t = NULL;
    for (size_t i = 0; i < ty_value_count(tests); i++)
        if (!strcmp(ty_test_get_string(ty_value_item(tests, i), "name", NULL), mt_oom_vectors[_i]))
            t = ty_value_item(tests, i);
    ck_assert_ptr_nonnull(t);
    char *want = mt_json(ty_test_get(t, "expected"));
    long before = ty_test_live_allocs();
    bool done = false;
    for (long n = 0; n < 1000 && !done; n++) {
        long countdown = n;
        ty_alloc a = ty_test_failing_alloc(&countdown);
        ty_metrics *m = ty_metrics_new(&a, &e);
        if (!m) {
            ck_assert_int_eq(e.code, TY_E_NOMEM);
            continue;
        }
        int rc = ty_metrics_add(m, ty_test_get(t, "events"), &e);
        if (rc) {
            ck_assert_int_eq(rc, TY_E_NOMEM);
            ck_assert_int_eq(e.code, TY_E_NOMEM);
            ck_assert_msg(strncmp(e.path, "events[", 7) == 0, "path %s", e.path);
            /* still usable: a result of what was counted */
            ty_doc *r = ty_metrics_result(m, &e);
            if (r) ty_doc_free(r);
            ty_metrics_free(m);
            continue;
        }
        ty_doc *r = ty_metrics_result(m, &e);
        if (!r) {
            ck_assert_int_eq(e.code, TY_E_NOMEM);
            ty_metrics_free(m);
            continue;
        }
        char *got = mt_json(ty_doc_root(r));
        ck_assert_str_eq(got, want);
        free(got);
        ty_doc_free(r);
        ty_metrics_free(m);
        done = true;
    }
    ck_assert(done);
    ck_assert_int_eq(ty_test_live_allocs(), before);
    free(want);
    ty_doc_free(vd);
}
END_TEST

/* ===================================================================== *
 * A million events
 * ===================================================================== */

/* Counts bytes held, to show memory grows with conversations only. */
typedef struct mt_count {
    size_t live, peak;
} mt_count;

static void *mt_cmalloc(void *ctx, size_t n) {
    mt_count *c = ctx;
    size_t *p = malloc(n + sizeof(size_t) * 2);
    if (!p) return NULL;
    p[0] = n;
    c->live += n;
    if (c->live > c->peak) c->peak = c->live;
    return p + 2;
}

static void mt_cfree(void *ctx, void *ptr) {
    if (!ptr) return;
    mt_count *c = ctx;
    size_t *p = (size_t *)ptr - 2;
    c->live -= p[0];
    free(p);
}

static void *mt_crealloc(void *ctx, void *ptr, size_t old, size_t n) {
    (void)old;
    void *q = mt_cmalloc(ctx, n);
    if (!q) return NULL;
    if (ptr) {
        size_t *p = (size_t *)ptr - 2;
        memcpy(q, ptr, p[0] < n ? p[0] : n);
        mt_cfree(ctx, ptr);
    }
    return q;
}

/* Conversation i: ask booking.kind (ask_service, "text" for even i, "v1"
 * for odd), commit after L = 1 + i % 1000 s, ask booking.when (ask_day
 * "text"), then (i % 5 == 0) a handoff (filled 1, asked 2) or a follow-up,
 * then (i % 5 == 0) an opt-out or a no-response close at booking.when:
 * five events each, all but the first at t + L. */
static void mt_gen(ty_doc *d, ty_value *list, long i) {
    char conv[24];
    size_t cl = (size_t)snprintf(conv, sizeof conv, "conv-%ld", i);
    double t = 1795000000.0 + (double)i, lat = (double)(1 + i % 1000);
    for (int k = 0; k < 5; k++) {
        ty_value *e = ty_val_map(d);
        const char *type, *step = k == 0 || k == 1 ? "kind" : "when";
        bool special = i % 5 == 0;
        switch (k) {
        case 0: type = "ask"; break;
        case 1: type = "commit"; break;
        case 2: type = "ask"; break;
        case 3: type = special ? "handoff" : "followup"; break;
        default: type = special ? "opt_out" : "close"; break;
        }
        ty_map_put(d, e, "type", 4, ty_val_string(d, type, strlen(type)));
        ty_map_put(d, e, "at", 2, ty_val_number(d, k >= 1 ? t + lat : t));
        ty_map_put(d, e, "conversation", 12, ty_val_string(d, conv, cl));
        ty_map_put(d, e, "flow", 4, ty_val_string(d, "booking", 7));
        ty_map_put(d, e, "step", 4, ty_val_string(d, step, 4));
        ty_map_put(d, e, "slot", 4, ty_val_null(d));
        const char *tpl = k < 2 ? "ask_service" : "ask_day", *var = k < 2 && i % 2 ? "v1" : "text";
        ty_map_put(d, e, "template", 8, ty_val_string(d, tpl, strlen(tpl)));
        ty_map_put(d, e, "variant", 7, ty_val_string(d, var, strlen(var)));
        if (k == 1) ty_map_put(d, e, "latency", 7, ty_val_number(d, lat));
        if (k == 3 && special) {
            ty_map_put(d, e, "reason", 6, ty_val_string(d, "requested", 9));
            ty_map_put(d, e, "filled", 6, ty_val_number(d, 1));
            ty_map_put(d, e, "asked", 5, ty_val_number(d, 2));
        }
        if (k == 4 && !special) ty_map_put(d, e, "outcome", 7, ty_val_string(d, "no_response", 11));
        ty_list_push(d, list, e);
    }
}

static double mt_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

START_TEST(a_million_events_stream_through) {
    mt_count cnt = {0, 0};
    ty_alloc a = {mt_cmalloc, mt_crealloc, mt_cfree, &cnt};
    ty_error e;
    ty_metrics *m = ty_metrics_new(&a, &e);
    /* under valgrind (the lighter mode) 100,000 events: the same paths, and
     * every figure but the intervals and the exact table checked below */
    int lighter = ty_test_lighter();
    const long convs = lighter ? 20000 : 200000, batch = 2000; /* 10,000 events per list */
    double add_time = 0;
    for (long i = 0; i < convs; i += batch) {
        ty_doc *d = ty_doc_new(NULL);
        ty_value *list = ty_val_list(d);
        for (long k = i; k < i + batch; k++) mt_gen(d, list, k);
        double t0 = mt_now();
        ck_assert_int_eq(ty_metrics_add(m, list, &e), 0);
        add_time += mt_now() - t0;
        ty_doc_free(d);
    }
    double t0 = mt_now();
    ty_doc *r = ty_metrics_result(m, &e);
    double res_time = mt_now() - t0;
    char *got = mt_json(ty_doc_root(r));
    /* 200,000 conversations, all replied (a commit each). Latencies 1..1000,
     * each 200 times: median = rank 100,000 -> 500, p90 = rank 180,000 ->
     * 900. 400,000 asks, 200,000 commits: 0.5; kind 1, when 0. 40,000
     * handoffs with 1/2; 40,000 opt-outs; 160,000 closes at when.
     * Wordings: kind "text" (even i) 100,000 asks, each replied and
     * committed, latencies the odd 1..999 200 times each: median rank
     * 50,000 -> the 250th, 499; p90 rank 90,000 -> the 450th, 899; "v1"
     * the even 2..1000: 500 and 900. 100,000 of 100,000: [1 - 3.8415 /
     * 100,003.8 = 1.0000, 1]. when "text": 200,000 asks; replied only where
     * the handoff at when came in the ask's second (i % 5 == 0): 40,000,
     * 0.2, [0.1983, 0.2018] (0.2 -/+ 1.96 sqrt(0.16 / 200,000)); no commit:
     * [0, 3.8415 / 200,003.8 = 0.0000]. */
#define MT_ROW(step, tpl, var, n, replies, rr, rci, commits, comp, cci, med, p90)                                 \
    "{\"flow\":\"booking\",\"step\":\"" step "\",\"template\":\"" tpl "\",\"variant\":\"" var "\",\"asks\":" n   \
    ",\"replies\":" replies ",\"reply_rate\":" rr ",\"reply_rate_ci\":" rci ",\"commits\":" commits               \
    ",\"completion\":" comp ",\"completion_ci\":" cci ",\"time_to_next_step\":{\"median\":" med ",\"p90\":" p90 "}}"
    char head[512];
    snprintf(head, sizeof head,
             "{\"conversations\":%ld,\"reply_rate\":1,\"time_to_next_step\":{\"median\":500,\"p90\":900},"
             "\"completion\":{\"overall\":0.5,\"by_step\":{\"booking.kind\":1,\"booking.when\":0}},"
             "\"handoffs\":%ld,\"handoff_context\":0.5,\"drop_off\":{\"booking.when\":%ld},"
             "\"opt_outs\":%ld,\"variants\":[",
             convs, convs / 5, convs / 5 * 4, convs / 5);
    ck_assert_msg(strncmp(got, head, strlen(head)) == 0, "%s", got);
    if (!lighter) /* the whole table, intervals included */
        ck_assert_str_eq(got, "{\"conversations\":200000,\"reply_rate\":1,\"time_to_next_step\":{\"median\":500,\"p90\":900},"
                              "\"completion\":{\"overall\":0.5,\"by_step\":{\"booking.kind\":1,\"booking.when\":0}},"
                              "\"handoffs\":40000,\"handoff_context\":0.5,\"drop_off\":{\"booking.when\":160000},"
                              "\"opt_outs\":40000,\"variants\":["
                              MT_ROW("kind", "ask_service", "text", "100000", "100000", "1", "[1,1]", "100000", "1", "[1,1]",
                                     "499", "899") ","
                              MT_ROW("kind", "ask_service", "v1", "100000", "100000", "1", "[1,1]", "100000", "1", "[1,1]",
                                     "500", "900") ","
                              MT_ROW("when", "ask_day", "text", "200000", "40000", "0.2", "[0.1983,0.2018]", "0", "0", "[0,0]",
                                     "null", "null") "],"
                              "\"steps\":{\"booking.kind\":{\"asks\":200000,\"commits\":200000},"
                              "\"booking.when\":{\"asks\":200000,\"commits\":0}}}");
#undef MT_ROW
    fprintf(stderr, "metrics: %ld events added in %.3f s (%.0f events/s), result in %.3f s; %zu bytes held for "
                    "%ld conversations (%.0f bytes each, commit latencies included)\n",
            convs * 5, add_time, (double)convs * 5 / add_time, res_time, cnt.live, convs, (double)cnt.live / (double)convs);
    /* bounded per conversation (+8 bytes per commit), not per event */
    ck_assert_uint_lt(cnt.live, (size_t)convs * 200u);
    free(got);
    ty_doc_free(r);
    ty_metrics_free(m);
    ck_assert_uint_eq(cnt.live, 0);
}
END_TEST

/* ty_metrics_bytes is what the accumulator holds from its allocator, byte
 * for byte, as it grows (bindings report it to their garbage collector). */
START_TEST(bytes_held_match_the_allocator) {
    mt_count cnt = {0, 0};
    ty_alloc a = {mt_cmalloc, mt_crealloc, mt_cfree, &cnt};
    ty_error e;
    ck_assert_uint_eq(ty_metrics_bytes(NULL), 0);
    ty_metrics *m = ty_metrics_new(&a, &e);
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(ty_metrics_bytes(m), cnt.live);
    size_t before = cnt.live;
    for (long i = 0; i < 3000; i += 500) {
        ty_doc *d = ty_doc_new(NULL);
        ty_value *list = ty_val_list(d);
        for (long k = i; k < i + 500; k++) mt_gen(d, list, k);
        ck_assert_int_eq(ty_metrics_add(m, list, &e), 0);
        ty_doc_free(d);
        ck_assert_uint_eq(ty_metrics_bytes(m), cnt.live);
    }
    ck_assert_uint_gt(cnt.live, before + 3000u * 20u); /* it did grow */
    ty_metrics_free(m);
    ck_assert_uint_eq(cnt.live, 0);
}
END_TEST

static Suite *mt_suite(void) {
    Suite *s = suite_create("metrics");
    TCase *t = tcase_create("vectors");
    tcase_add_test(t, shared_vectors);
    suite_add_tcase(s, t);
    t = tcase_create("behaviour");
    tcase_add_test(t, a_bad_list_changes_nothing);
    tcase_add_test(t, bad_arguments);
    tcase_add_test(t, asks_in_one_second);
    tcase_add_test(t, events_from_the_flow_engine);
    tcase_add_test(t, bytes_held_match_the_allocator);
    suite_add_tcase(s, t);
    t = tcase_create("robustness");
    tcase_set_timeout(t, 120);
    tcase_add_loop_test(t, allocation_failure_at_every_site, 0,
                        (int)(sizeof mt_oom_vectors / sizeof mt_oom_vectors[0]));
    tcase_add_test(t, a_million_events_stream_through);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(mt_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
