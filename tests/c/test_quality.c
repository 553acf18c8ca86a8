/*
 * test_quality.c — the quality vectors (tests/vectors/conversations/quality/
 * *.json, found from the repository root or TINYYES_VECTORS) through
 * ty_playbook_step: one Check test per file, every customer a fresh
 * conversation (its id is the customer's name). The twin of
 * tests/python/quality_runner.py, which documents the format, and of
 * tests/node/quality.test.js:
 *  - the clock starts at TQ_START and moves on 15 s before every customer
 *    message but the first (as `python -m tinyyes chat`);
 *  - {"say": title, "choice": id} is a button tap (the event's "choice");
 *  - {"wait": N} delivers a tick at each state "due" inside the wait, in
 *    order, at most 50, then the clock is start + N; the turn's result is
 *    all of those ticks together (none: nothing sent);
 *  - every "expect" key is checked, and the five counters are kept (false
 *    and missed opt-outs, false handoffs, off-topic messages acted on,
 *    verbatim repeats). A customer passes with no failed expectation and
 *    zero counters.
 * Every customer runs to the end and everything is freed before the one
 * assertion per file, whose message (and stderr) names the file, customer,
 * turn and what differed.
 */
#define _POSIX_C_SOURCE 200809L /* strdup, dirent */
#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tinyyes.h"

#define TQ_START 1795514400LL /* Tue 2026-11-24 10:00 UTC, as the chat CLI */
#define TQ_STEP_SECONDS 15
#define TQ_MAX_TICKS_PER_WAIT 50
#define TQ_MAX_FILES 256

enum { TQ_FALSE_OPT_OUT, TQ_MISSED_OPT_OUT, TQ_FALSE_HANDOFF, TQ_OFFTOPIC, TQ_REPEAT, TQ_NCOUNTERS };
static const char *const tq_counter_names[TQ_NCOUNTERS] = {"false opt-outs", "missed opt-outs", "false handoffs",
                                                           "off-topic acted on", "verbatim repeats"};

static char tq_dir[1024];
static char *tq_files[TQ_MAX_FILES];
static size_t tq_nfiles;

/* ---- small helpers ------------------------------------------------------- */

/* A growable string for reports. */
typedef struct tq_str {
    char *p;
    size_t len, cap;
} tq_str;

static void tq_vprintf(tq_str *s, const char *fmt, va_list ap) {
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    ck_assert_int_ge(n, 0);
    if (s->len + (size_t)n + 1 > s->cap) {
        s->cap = (s->len + (size_t)n + 1) * 2;
        s->p = realloc(s->p, s->cap);
        ck_assert_ptr_nonnull(s->p);
    }
    vsnprintf(s->p + s->len, s->cap - s->len, fmt, again);
    s->len += (size_t)n;
    va_end(again);
}

static void tq_printf(tq_str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tq_printf(tq_str *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    tq_vprintf(s, fmt, ap);
    va_end(ap);
}

/* Strings returned by tq_js live in a ring of 64 (freed in main). */
static char *tq_ring[64];
static unsigned tq_nring;

/* v as compact JSON ("null" for an absent value). */
static const char *tq_js(const ty_value *v) {
    char *s;
    if (v) {
        ty_buf b;
        ty_buf_init(&b, NULL);
        ck_assert_int_eq(ty_value_write_json(v, &b, NULL), TY_OK);
        s = strdup(b.ptr ? b.ptr : "");
        ty_buf_free(&b);
    } else {
        s = strdup("null");
    }
    ck_assert_ptr_nonnull(s);
    unsigned i = tq_nring++ % 64;
    free(tq_ring[i]);
    return tq_ring[i] = s;
}

/* JSON equality, map keys in any order; an absent value is null. */
static int tq_equal(const ty_value *a, const ty_value *b) {
    ty_kind ka = ty_value_kind(a);
    if (ka != ty_value_kind(b)) return 0;
    size_t la, lb;
    switch (ka) {
    case TY_NUMBER: return !(ty_value_number(a) < ty_value_number(b)) && !(ty_value_number(a) > ty_value_number(b));
    case TY_STRING: {
        const char *sa = ty_value_string(a, &la), *sb = ty_value_string(b, &lb);
        return la == lb && memcmp(sa, sb, la) == 0;
    }
    case TY_LIST:
    case TY_MAP:
        if (ty_value_count(a) != ty_value_count(b)) return 0;
        for (size_t i = 0; i < ty_value_count(a); i++) {
            const char *key = ka == TY_MAP ? ty_value_key(a, i, &la) : NULL;
            const ty_value *other = key ? ty_value_get(b, key, la) : ty_value_item(b, i);
            if ((key && !other) || !tq_equal(ty_value_item(a, i), other)) return 0;
        }
        return 1;
    default: return 1;
    }
}

static int tq_is(const ty_value *v, const char *s) {
    size_t n;
    const char *t = ty_value_string(v, &n);
    return t && n == strlen(s) && memcmp(t, s, n) == 0;
}

static void tq_put(ty_doc *d, ty_value *map, const char *key, ty_value *val) {
    ck_assert_int_eq(ty_map_put(d, map, key, strlen(key), val), TY_OK);
}

static ty_value *tq_copy(ty_doc *d, const ty_value *v) { return v ? ty_val_copy(d, v) : ty_val_null(d); }

/* The pending ask, "flow.step", or null. */
static ty_value *tq_ask(ty_doc *d, const ty_value *state) {
    size_t fl, sl;
    const char *flow = ty_test_get_string(state, "flow", &fl), *step = ty_test_get_string(state, "step", &sl);
    if (!flow || !step || !fl || !sl) return ty_val_null(d);
    char *s = malloc(fl + sl + 2);
    ck_assert_ptr_nonnull(s);
    memcpy(s, flow, fl);
    s[fl] = '.';
    memcpy(s + fl + 1, step, sl);
    ty_value *v = ty_val_string(d, s, fl + sl + 1);
    free(s);
    return v;
}

/* What an off-topic message must not change: [intent, ask, slots, status]
 * (a new conversation: [null, null, {}, "active"]). Caller frees. */
static ty_doc *tq_round(const ty_value *state) {
    ty_doc *d = ty_doc_new(NULL);
    ck_assert_ptr_nonnull(d);
    ty_value *l = ty_val_list(d);
    const ty_value *slots = ty_test_get(state, "slots");
    ty_list_push(d, l, tq_copy(d, ty_test_get(state, "intent")));
    ty_list_push(d, l, tq_ask(d, state));
    ty_list_push(d, l, slots ? ty_val_copy(d, slots) : ty_val_map(d));
    ty_list_push(d, l, state ? tq_copy(d, ty_test_get(state, "status")) : ty_val_string(d, "active", 6));
    ck_assert_uint_eq(ty_value_count(l), 4);
    ty_doc_set_root(d, l);
    return d;
}

/* Whether an off-topic message was acted on (before and after are
 * tq_round lists): it changed the intent, the pending ask, the slots or the
 * status. A closed conversation left as it was is untouched; one reopened
 * to answer is empty, so there only starting something (an intent or an
 * ask) or changing the slots counts. */
static int tq_acted(const ty_value *before, const ty_value *after) {
    size_t n;
    const char *status = ty_value_string(ty_value_item(before, 3), &n);
    if (!status || strcmp(status, "closed") != 0) return !tq_equal(before, after);
    return !tq_equal(before, after) && (ty_value_kind(ty_value_item(after, 0)) != TY_NULL || ty_value_kind(ty_value_item(after, 1)) != TY_NULL ||
           !tq_equal(ty_value_item(before, 2), ty_value_item(after, 2)));
}

/* ---- one customer ---------------------------------------------------------- */

typedef struct tq_run {
    const ty_playbook *pb;
    const char *file, *name;
    const ty_value *customer;
    tq_str *out;     /* the file's report */
    size_t problems; /* of this customer */
    long counts[TQ_NCOUNTERS];
    const char *where; /* the current turn */
    ty_doc *res;       /* the last step's result: its "state" is the conversation's */
    long long now;
    int started;
    int sent, opt_out, handoff; /* over the current turn's steps */
    tq_str repeats;             /* texts sent again verbatim in the turn, one JSON per line */
} tq_run;

static void tq_fail(tq_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tq_fail(tq_run *r, const char *fmt, ...) {
    if (r->problems++ == 0) tq_printf(r->out, "%s: %s\n", r->file, r->name);
    tq_printf(r->out, "  %s: ", r->where);
    va_list ap;
    va_start(ap, fmt);
    tq_vprintf(r->out, fmt, ap);
    va_end(ap);
    tq_printf(r->out, "\n");
}

static const ty_value *tq_state(const tq_run *r) { return r->res ? ty_test_get(ty_doc_root(r->res), "state") : NULL; }

/* Steps the conversation with {"type", "at"[, "text", "conversation"]};
 * 0 when the step failed (reported). */
static int tq_step(tq_run *r, const char *type, const ty_value *text, const ty_value *choice,
                   const ty_value *conversation) {
    ty_doc *ev = ty_doc_new(NULL);
    ck_assert_ptr_nonnull(ev);
    ty_value *m = ty_val_map(ev);
    tq_put(ev, m, "type", ty_val_string(ev, type, strlen(type)));
    if (text) tq_put(ev, m, "text", ty_val_copy(ev, text));
    if (choice) tq_put(ev, m, "choice", ty_val_copy(ev, choice)); /* a button tap: the option id */
    tq_put(ev, m, "at", ty_val_number(ev, (double)r->now));
    if (conversation) tq_put(ev, m, "conversation", ty_val_copy(ev, conversation));
    ty_doc_set_root(ev, m);
    ty_error err;
    ty_doc *res = ty_playbook_step(r->pb, tq_state(r), m, &err);
    ty_doc_free(ev);
    if (!res) {
        tq_fail(r, "step failed: %s [%s] %s", ty_code_name(err.code), err.path, err.message);
        return 0;
    }
    const ty_value *acts = ty_test_get(ty_doc_root(res), "actions"), *evs = ty_test_get(ty_doc_root(res), "events");
    const ty_value *prev = r->res ? ty_test_get(ty_doc_root(r->res), "actions") : NULL;
    for (size_t i = 0; i < ty_value_count(acts); i++) {
        const ty_value *a = ty_value_item(acts, i);
        r->handoff |= tq_is(ty_test_get(a, "type"), "handoff");
        if (!tq_is(ty_test_get(a, "type"), "send")) continue;
        r->sent = 1;
        for (size_t k = 0; k < ty_value_count(prev); k++) {
            const ty_value *p = ty_value_item(prev, k);
            if (tq_is(ty_test_get(p, "type"), "send") && tq_equal(ty_test_get(p, "text"), ty_test_get(a, "text"))) {
                tq_printf(&r->repeats, "%s\n", tq_js(ty_test_get(a, "text")));
                break;
            }
        }
    }
    for (size_t i = 0; i < ty_value_count(evs); i++) r->opt_out |= tq_is(ty_test_get(ty_value_item(evs, i), "type"), "opt_out");
    ty_doc_free(r->res);
    r->res = res;
    return 1;
}

/* Plays one turn; 0 when the customer cannot go on. */
static int tq_play(tq_run *r, const ty_value *turn) {
    const ty_value *say = ty_test_get(turn, "say"), *wait = ty_test_get(turn, "wait");
    if (say) {
        if (r->started) r->now += TQ_STEP_SECONDS;
        r->started = 1;
        return tq_step(r, "message", say, ty_test_get(turn, "choice"), ty_test_get(r->customer, "name"));
    }
    double secs = ty_value_number(wait);
    if (ty_value_kind(wait) != TY_NUMBER || !(secs >= 0 && secs <= 1e12) || secs != (double)(long long)secs) {
        tq_fail(r, "a turn needs \"say\" or a \"wait\" of whole seconds >= 0");
        return 0;
    }
    long long end = r->now + (long long)secs;
    for (int k = 0; k < TQ_MAX_TICKS_PER_WAIT; k++) {
        const ty_value *due = ty_test_get(tq_state(r), "due");
        if (ty_value_kind(due) != TY_NUMBER) break;
        long long at = (long long)ty_value_number(due);
        if (at > end || at < r->now) break;
        r->now = at;
        if (!tq_step(r, "tick", NULL, NULL, NULL)) return 0;
    }
    r->now = end;
    return 1;
}

/* What a turn did, as the expectations name it. Caller frees. */
static ty_doc *tq_observed(const tq_run *r) {
    const ty_value *state = tq_state(r);
    ty_doc *d = ty_doc_new(NULL);
    ck_assert_ptr_nonnull(d);
    ty_value *m = ty_val_map(d);
    tq_put(d, m, "status", tq_copy(d, ty_test_get(state, "status")));
    tq_put(d, m, "ask", tq_ask(d, state));
    tq_put(d, m, "check", tq_copy(d, ty_test_get(state, "check"))); /* absent: null */
    tq_put(d, m, "intent", tq_copy(d, ty_test_get(state, "intent")));
    tq_put(d, m, "sent", ty_val_bool(d, r->sent));
    tq_put(d, m, "opt_out", ty_val_bool(d, r->opt_out));
    tq_put(d, m, "handoff", ty_val_bool(d, r->handoff));
    ty_doc_set_root(d, m);
    return d;
}

/* Checks the turn's expectations, then keeps the counters. */
static void tq_check(tq_run *r, const ty_value *turn, const ty_value *before) {
    const ty_value *expect = ty_test_get(turn, "expect");
    ty_doc *od = tq_observed(r);
    const ty_value *got = ty_doc_root(od);
    for (size_t i = 0; i < ty_value_count(expect); i++) {
        size_t kl;
        const char *key = ty_value_key(expect, i, &kl);
        const ty_value *want = ty_value_item(expect, i), *have = ty_value_get(got, key, kl);
        if (kl == 5 && memcmp(key, "slots", 5) == 0) {
            const ty_value *slots = ty_test_get(tq_state(r), "slots");
            for (size_t k = 0; k < ty_value_count(want); k++) {
                size_t sl;
                const char *slot = ty_value_key(want, k, &sl);
                const ty_value *w = ty_value_item(want, k), *g = ty_value_get(slots, slot, sl), *cmp = g;
                if (ty_value_kind(g) == TY_MAP && ty_test_get(g, "id") && ty_value_kind(w) != TY_MAP)
                    cmp = ty_test_get(g, "id"); /* a choice compares by option id */
                if (!tq_equal(cmp, w)) tq_fail(r, "slots.%.*s: got %s, want %s", (int)sl, slot, tq_js(g), tq_js(w));
            }
        } else if (!have) {
            tq_fail(r, "unknown expect key \"%.*s\"", (int)kl, key);
        } else if (!tq_equal(have, want)) {
            tq_fail(r, "%.*s: got %s, want %s", (int)kl, key, tq_js(have), tq_js(want));
        }
    }
    const ty_value *want_opt_out = ty_test_get(expect, "opt_out"), *want_handoff = ty_test_get(expect, "handoff");
    if (r->opt_out && ty_value_kind(want_opt_out) != TY_TRUE) {
        r->counts[TQ_FALSE_OPT_OUT]++;
        if (!want_opt_out) tq_fail(r, "false opt-out");
    }
    if (!r->opt_out && ty_value_kind(want_opt_out) == TY_TRUE) r->counts[TQ_MISSED_OPT_OUT]++;
    if (r->handoff && ty_value_kind(want_handoff) != TY_TRUE) {
        r->counts[TQ_FALSE_HANDOFF]++;
        if (!want_handoff) tq_fail(r, "false handoff");
    }
    if (ty_value_kind(ty_test_get(turn, "offtopic")) == TY_TRUE && ty_test_get(turn, "say")) {
        ty_doc *after = tq_round(tq_state(r));
        if (tq_acted(before, ty_doc_root(after))) {
            r->counts[TQ_OFFTOPIC]++;
            tq_fail(r, "off-topic acted on: %s -> %s", tq_js(before), tq_js(ty_doc_root(after)));
        }
        ty_doc_free(after);
    }
    for (char *line = r->repeats.p, *nl; line && (nl = strchr(line, '\n')); line = nl + 1) {
        r->counts[TQ_REPEAT]++;
        tq_fail(r, "verbatim repeat: %.*s", (int)(nl - line), line);
    }
    ty_doc_free(od);
}

/* Runs one customer to its end (or its first failed step). */
static void tq_customer(tq_run *r) {
    const ty_value *turns = ty_test_get(r->customer, "turns");
    r->now = TQ_START;
    for (size_t i = 0; i < ty_value_count(turns); i++) {
        const ty_value *turn = ty_value_item(turns, i), *say = ty_test_get(turn, "say");
        tq_str where = {0};
        if (say)
            tq_printf(&where, "turn %zu (say %s)", i, tq_js(say));
        else
            tq_printf(&where, "turn %zu (wait %ss)", i, tq_js(ty_test_get(turn, "wait")));
        r->where = where.p;
        r->sent = r->opt_out = r->handoff = 0;
        r->repeats.len = 0;
        if (r->repeats.p) r->repeats.p[0] = '\0';
        ty_doc *before = tq_round(tq_state(r));
        int ok = tq_play(r, turn);
        if (ok) tq_check(r, turn, ty_doc_root(before));
        ty_doc_free(before);
        free(where.p);
        r->where = "the customer"; /* no turn: a failure of the whole conversation */
        if (!ok) break;
    }
    ty_doc_free(r->res);
    free(r->repeats.p);
}

/* ---- one file ------------------------------------------------------------------ */

static ty_playbook *tq_playbook(const char *name, ty_error *err) {
    if (strcmp(name, "default") == 0) {
        size_t len;
        const char *json = ty_default_playbook(&len);
        return ty_playbook_load(json, len, NULL, err);
    }
    char dir[1200], path[1500];
    size_t len;
    char *json = ty_test_read_file(ty_test_path(path, sizeof path, ty_test_path(dir, sizeof dir, tq_dir, "playbooks"), name), &len);
    if (!json) {
        memset(err, 0, sizeof *err);
        snprintf(err->message, sizeof err->message, "cannot read %.400s", path);
        return NULL;
    }
    ty_playbook *pb = ty_playbook_load(json, len, NULL, err);
    free(json);
    return pb;
}

START_TEST(quality_file) {
    const char *file = tq_files[_i];
    char path[1500];
    ty_error err;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, tq_dir, file), &err);
    ck_assert_msg(vd != NULL, "%s: %s", path, err.message);
    const char *pbname = ty_test_get_string(ty_doc_root(vd), "playbook", NULL);
    ty_playbook *pb = pbname ? tq_playbook(pbname, &err) : NULL;
    if (!pb) {
        ty_doc_free(vd);
        ck_abort_msg("%s: playbook %s: %s %s", file, pbname ? pbname : "(none)", err.path, err.message);
    }
    const ty_value *customers = ty_test_get(ty_doc_root(vd), "customers");
    tq_str out = {0};
    long totals[TQ_NCOUNTERS] = {0};
    size_t n = ty_value_count(customers), passed = 0, wrong = 0;
    for (size_t i = 0; i < n; i++) {
        tq_run r;
        memset(&r, 0, sizeof r);
        r.pb = pb;
        r.file = file;
        r.customer = ty_value_item(customers, i);
        r.name = ty_test_get_string(r.customer, "name", NULL);
        if (!r.name) r.name = "?";
        r.where = "the customer";
        r.out = &out;
        tq_customer(&r);
        int clean = r.problems == 0;
        for (int k = 0; k < TQ_NCOUNTERS; k++) {
            totals[k] += r.counts[k];
            clean &= r.counts[k] == 0;
        }
        passed += (size_t)clean;
        /* a customer marked "known_gap" documents a failure we know of:
         * it must still fail (else the mark is stale and must go) */
        int gap = ty_test_get_string(r.customer, "known_gap", NULL) != NULL;
        if (gap && clean) tq_fail(&r, "marked known_gap but passes now: remove the mark");
        wrong += (size_t)((gap != 0) == (clean != 0));
    }
    fprintf(stderr, "quality %s: %zu customers, %zu passed", file, n, passed);
    for (int k = 0; k < TQ_NCOUNTERS; k++) fprintf(stderr, ", %s %ld", tq_counter_names[k], totals[k]);
    fprintf(stderr, "\n%s", out.p ? out.p : "");
    char msg[3000];
    snprintf(msg, sizeof msg, "%s", out.p ? out.p : "");
    free(out.p);
    ty_playbook_free(pb);
    ty_doc_free(vd);
    ck_assert_msg(wrong == 0, "%s: %zu of %zu customers failed (%zu marked known_gap):\n%s", file, wrong, n,
                  n - passed, msg);
}
END_TEST

/* ---- main ------------------------------------------------------------------------ */

static int tq_cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
    ty_test_path(tq_dir, sizeof tq_dir, ty_test_vectors_dir(), "conversations/quality");
    DIR *d = opendir(tq_dir);
    for (struct dirent *e; d && (e = readdir(d)) && tq_nfiles < TQ_MAX_FILES;) {
        size_t l = strlen(e->d_name);
        if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0) tq_files[tq_nfiles++] = strdup(e->d_name);
    }
    if (d) closedir(d);
    qsort(tq_files, tq_nfiles, sizeof tq_files[0], tq_cmp_names);

    Suite *s = suite_create("quality");
    TCase *t = tcase_create("vectors");
    tcase_set_timeout(t, 60);
    if (tq_nfiles)
        tcase_add_loop_test(t, quality_file, 0, (int)tq_nfiles);
    else
        fprintf(stderr, "SKIP quality vectors: none in %s\n", tq_dir);
    suite_add_tcase(s, t);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    for (size_t i = 0; i < tq_nfiles; i++) free(tq_files[i]);
    for (unsigned i = 0; i < 64; i++) free(tq_ring[i]);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
