/*
 * bench_flow.c — conversation stepping throughput (docs/playbook.md): a five-ask
 * booking conversation on the default playbook (the first message, then an
 * answer to each of the five asks: service, day, drop-off, name, the
 * check), with the state serialised to compact JSON and parsed back on
 * every step, as a web app keeping it in a database column does. Reports
 * steps per second and the median microseconds per step (over 7 runs),
 * and the same without the JSON round trip for comparison.
 *
 * Build: gcc -O2 -Icsrc/include bench/bench_flow.c csrc/tinyyes.c \
 *        $(pkg-config --cflags --libs libutf8proc) -lm
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tinyyes.h"

static double bf_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const char *const bf_events[] = {
    ("{\"type\":\"message\",\"text\":\"I'd like to book a service\",\"at\":1795000000,\"conversation\":\"bench\","
     "\"channel\":\"whatsapp\"}"),
    "{\"type\":\"message\",\"text\":\"Full service\",\"at\":1795000030}",
    "{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":1795000060}",
    "{\"type\":\"message\",\"text\":\"morning\",\"at\":1795000090}",
    "{\"type\":\"message\",\"text\":\"Ana\",\"at\":1795000120}",
    "{\"type\":\"message\",\"text\":\"yes\",\"at\":1795000150}",
};
#define BF_NEVENTS (sizeof bf_events / sizeof bf_events[0])

static void bf_die(const char *what, const ty_error *e) {
    fprintf(stderr, "bench_flow: %s: %s [%s] %s\n", what, ty_code_name(e->code), e->path, e->message);
    exit(1);
}

/* Runs `convs` conversations; returns the seconds taken. With roundtrip,
 * each step's state goes to JSON text and back before the next step. */
static double bf_run(const ty_playbook *pb, ty_doc **events, int convs, int roundtrip, size_t *state_bytes) {
    ty_error e;
    ty_buf b;
    ty_buf_init(&b, NULL);
    double t0 = bf_now();
    for (int k = 0; k < convs; k++) {
        ty_doc *state = NULL, *prev = NULL;
        for (size_t i = 0; i < BF_NEVENTS; i++) {
            const ty_value *sv = NULL;
            if (state) sv = ty_doc_root(state);
            else if (prev) sv = ty_value_get(ty_doc_root(prev), "state", 5);
            ty_doc *res = ty_playbook_step(pb, sv, ty_doc_root(events[i]), &e);
            if (!res) bf_die("step", &e);
            ty_doc_free(state);
            ty_doc_free(prev);
            state = NULL;
            prev = res;
            if (roundtrip) {
                b.len = 0;
                if (ty_value_write_json(ty_value_get(ty_doc_root(res), "state", 5), &b, &e)) bf_die("write", &e);
                if (state_bytes && b.len > *state_bytes) *state_bytes = b.len;
                state = ty_doc_parse(b.ptr, b.len, NULL, &e);
                if (!state) bf_die("parse", &e);
                ty_doc_free(prev);
                prev = NULL;
            }
        }
        ty_doc_free(state);
        ty_doc_free(prev);
    }
    double t = bf_now() - t0;
    ty_buf_free(&b);
    return t;
}

static int bf_cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(void) {
    size_t len;
    const char *json = ty_default_playbook(&len);
    ty_error e;
    ty_playbook *pb = ty_playbook_load(json, len, NULL, &e);
    if (!pb) bf_die("load", &e);
    ty_doc *events[BF_NEVENTS];
    for (size_t i = 0; i < BF_NEVENTS; i++)
        if (!(events[i] = ty_doc_parse(bf_events[i], strlen(bf_events[i]), NULL, &e))) bf_die("event", &e);
    /* check the script is the conversation it claims to be */
    {
        ty_doc *state = NULL;
        for (size_t i = 0; i < BF_NEVENTS; i++) {
            ty_doc *res = ty_playbook_step(pb, state ? ty_value_get(ty_doc_root(state), "state", 5) : NULL,
                                           ty_doc_root(events[i]), &e);
            if (!res) bf_die("step", &e);
            ty_doc_free(state);
            state = res;
        }
        const char *status = ty_value_string(ty_value_get(ty_value_get(ty_doc_root(state), "state", 5), "status", 6),
                                             NULL);
        if (!status || strcmp(status, "closed") != 0) {
            fprintf(stderr, "bench_flow: the script did not complete the booking (status %s)\n",
                    status ? status : "?");
            return 1;
        }
        ty_doc_free(state);
    }
    int convs = 200;
    size_t state_bytes = 0;
    while (bf_run(pb, events, convs, 1, &state_bytes) < 0.2) convs *= 2;
    printf("bench_flow: default playbook, %zu-event booking conversation (first message + 5 answers), %d "
           "conversations per run, largest state %zu bytes of JSON\n",
           BF_NEVENTS, convs, state_bytes);
    /* the two variants alternate, so a busy machine slows both alike */
    const char *names[2] = {"step only", "step + JSON round trip"};
    double runs[2][7];
    for (int r = 0; r < 7; r++)
        for (int rt = 1; rt >= 0; rt--) runs[rt][r] = bf_run(pb, events, convs, rt, NULL);
    for (int rt = 1; rt >= 0; rt--) {
        qsort(runs[rt], 7, sizeof runs[rt][0], bf_cmp);
        double steps = (double)convs * BF_NEVENTS;
        printf("  %-24s %10.0f steps/s   %7.2f us/step (median of 7)\n", names[rt], steps / runs[rt][3],
               runs[rt][3] / steps * 1e6);
    }
    for (size_t i = 0; i < BF_NEVENTS; i++) ty_doc_free(events[i]);
    ty_playbook_free(pb);
    return 0;
}
