/*
 * bench_lint_metrics.c — throughput of the linter, channel payloads and
 * the metrics accumulator (README.md, docs/playbook.md, docs/metrics.md) from C:
 *  - lint: messages per second over the default playbook's templates
 *    rendered as they are sent (twelve typical customer messages, 60-180
 *    characters each, plus three with findings), on WhatsApp;
 *  - payload: send actions per second (two choices) for each channel;
 *  - metrics: events per second for one million events (200,000
 *    conversations of five events: ask, commit, ask, handoff or follow-up,
 *    opt-out or no-response close), added in lists of 10,000, and the time
 *    to compute the result (sorting 200,000 latencies).
 * Medians of 5 runs.
 *
 * Build: gcc -O2 -Icsrc/include bench/bench_lint_metrics.c csrc/tinyyes.c \
 *        $(pkg-config --cflags --libs libutf8proc) -lm
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tinyyes.h"

static double bl_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int bl_dcmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double bl_median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, bl_dcmp);
    return v[n / 2];
}

static void bl_die(const char *what, const ty_error *e) {
    fprintf(stderr, "bench_lint_metrics: %s: %s [%s] %s\n", what, ty_code_name(e->code), e->path, e->message);
    exit(1);
}

static const char *const bl_messages[] = {
    "Hi, thanks for messaging Northbank Bike Workshop! What can I help with: booking a service, or our prices?",
    "Happy to help. Which does your bike need: Tune-up or Full service?",
    "Great, a Full service. Which day would you like to drop the bike off?",
    "Thanks. On 2026-11-24, would a morning or an afternoon drop-off suit you better?",
    "Just to check: a Full service, dropped off on 2026-11-24 in the morning, for Ana. Shall I confirm it?",
    "You're booked in: Full service, dropped off on 2026-11-24 in the morning, for Ana. We'll send a reminder the day "
    "before, and you can reply here any time to change it.",
    "A Tune-up is \xc2\xa3" "45: gears and brakes adjusted, tyres checked and the chain cleaned. It usually takes one "
    "working day. Shall I find you a day to bring it in?",
    "We're open Tuesday to Saturday, 9am to 6pm, and most weeks we can take a bike in within two or three days. Would "
    "you like me to find a day for you?",
    "Of course, take your time. What would help you decide: knowing which service fits your bike, or the price and "
    "timing?",
    "Just checking in, no rush at all. Whenever it suits you, a quick reply to my last question keeps things moving.",
    "Done. You won't get any more messages from us. If you'd ever like to chat again, just send START.",
    "Sorry, I didn't quite catch that. Is it Tune-up or Full service?",
    "Hi {{name}}! Last chance: would you like a Tune-up, a Full service or a wheel true? Let me know.",
    "Our prices are at https://northbank.example/prices. Which service do you need? And which day?",
    "Your bike is ready \xf0\x9f\x9a\xb2 Feel free to reach out if you need anything.",
};
#define BL_NMSG (sizeof bl_messages / sizeof bl_messages[0])

static void bl_lint(void) {
    const int rounds = 4000;
    double runs[5];
    size_t findings = 0, bytes = 0;
    for (size_t i = 0; i < BL_NMSG; i++) bytes += strlen(bl_messages[i]);
    for (int r = 0; r < 5; r++) {
        ty_error e;
        double t0 = bl_now();
        for (int k = 0; k < rounds; k++)
            for (size_t i = 0; i < BL_NMSG; i++) {
                ty_doc *d = ty_lint(bl_messages[i], strlen(bl_messages[i]), "whatsapp", 8, NULL, 0, &e);
                if (!d) bl_die("lint", &e);
                if (k == 0 && r == 0) findings += ty_value_count(ty_doc_root(d));
                ty_doc_free(d);
            }
        runs[r] = bl_now() - t0;
    }
    double t = bl_median(runs, 5), n = (double)rounds * BL_NMSG;
    printf("lint: %zu messages (%zu bytes, %zu findings), whatsapp\n", BL_NMSG, bytes, findings);
    printf("  %12.0f messages/s   %7.2f us/message   %6.1f MB/s (median of 5)\n", n / t, t / n * 1e6,
           (double)rounds * (double)bytes / t / 1e6);
}

static void bl_payload(void) {
    static const char action[] =
        "{\"type\":\"send\",\"text\":\"Happy to help. Which does your bike need: Tune-up or Full service?\","
        "\"choices\":[{\"id\":\"tuneup\",\"title\":\"Tune-up\"},{\"id\":\"full\",\"title\":\"Full service with "
        "everything\"}],\"template\":\"ask_service\",\"step\":\"kind\"}";
    static const char *const channels[] = {"whatsapp", "messenger", "instagram", "telegram", "webchat", "sms"};
    ty_error e;
    ty_doc *a = ty_doc_parse(action, sizeof action - 1, NULL, &e);
    if (!a) bl_die("parse", &e);
    ty_payload_opts o;
    memset(&o, 0, sizeof o);
    o.has_at = o.has_last_customer_at = 1;
    o.at = 1795003600;
    o.last_customer_at = 1795000000;
    printf("payload: a send action with two choices (one cut to fit)\n");
    const int n = 100000;
    for (size_t c = 0; c < 6; c++) {
        double runs[5];
        for (int r = 0; r < 5; r++) {
            double t0 = bl_now();
            for (int k = 0; k < n; k++) {
                ty_doc *d = ty_payload(ty_doc_root(a), channels[c], strlen(channels[c]), &o, &e);
                if (!d) bl_die("payload", &e);
                ty_doc_free(d);
            }
            runs[r] = bl_now() - t0;
        }
        double t = bl_median(runs, 5);
        printf("  %-10s %12.0f payloads/s   %6.2f us/payload\n", channels[c], n / t, t / n * 1e6);
    }
    ty_doc_free(a);
}

/* Five events of conversation i (see the header comment). */
static void bl_gen(ty_doc *d, ty_value *list, long i) {
    char conv[24];
    size_t cl = (size_t)snprintf(conv, sizeof conv, "conv-%ld", i);
    double t = 1795000000.0 + (double)i, lat = (double)(1 + i % 1000);
    for (int k = 0; k < 5; k++) {
        int special = i % 5 == 0;
        const char *type = k == 0 || k == 2 ? "ask" : k == 1 ? "commit" : k == 3 ? (special ? "handoff" : "followup")
                                                                                 : (special ? "opt_out" : "close");
        const char *step = k < 2 ? "kind" : "when";
        ty_value *e = ty_val_map(d);
        ty_map_put(d, e, "type", 4, ty_val_string(d, type, strlen(type)));
        ty_map_put(d, e, "at", 2, ty_val_number(d, k ? t + lat : t));
        ty_map_put(d, e, "conversation", 12, ty_val_string(d, conv, cl));
        ty_map_put(d, e, "flow", 4, ty_val_string(d, "booking", 7));
        ty_map_put(d, e, "step", 4, ty_val_string(d, step, 4));
        ty_map_put(d, e, "slot", 4, ty_val_null(d));
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

static void bl_metrics(void) {
    const long convs = 200000, batch = 2000;
    /* the events are built once, outside the timing */
    ty_doc *docs[100];
    int nd = 0;
    for (long i = 0; i < convs; i += batch) {
        ty_doc *d = ty_doc_new(NULL);
        ty_value *list = ty_val_list(d);
        for (long k = i; k < i + batch; k++) bl_gen(d, list, k);
        ty_doc_set_root(d, list);
        docs[nd++] = d;
    }
    double runs[5], res[5];
    for (int r = 0; r < 5; r++) {
        ty_error e;
        ty_metrics *m = ty_metrics_new(NULL, &e);
        double t0 = bl_now();
        for (int k = 0; k < nd; k++)
            if (ty_metrics_add(m, ty_doc_root(docs[k]), &e)) bl_die("metrics_add", &e);
        runs[r] = bl_now() - t0;
        t0 = bl_now();
        ty_doc *out = ty_metrics_result(m, &e);
        if (!out) bl_die("metrics_result", &e);
        res[r] = bl_now() - t0;
        ty_doc_free(out);
        ty_metrics_free(m);
    }
    double t = bl_median(runs, 5);
    printf("metrics: 1,000,000 events of 200,000 conversations, lists of 10,000\n");
    printf("  %12.0f events/s   add %.3f s   result %.3f s (median of 5)\n", 1e6 / t, t, bl_median(res, 5));
    for (int k = 0; k < nd; k++) ty_doc_free(docs[k]);
}

int main(void) {
    bl_lint();
    bl_payload();
    bl_metrics();
    return 0;
}
