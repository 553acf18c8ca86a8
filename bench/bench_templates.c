/*
 * bench_templates.c — the C core's template rendering against hand-written C
 * (snprintf/memcpy) producing the same text, for the three messages of
 * bench/messages.json (shared with the Python and Node benches):
 *   first_reply  a two-option first reply
 *   offer        a booking offer with a section over two time slots
 *   summary      a ~600-character booking summary, ten variables, HTML-escaped
 *
 * tinyyes renders with its defaults (strict names, placeholder guard on) from
 * a ty_doc through ty_data_ops, as a binding would; the hand-written
 * functions get the same values as plain C strings, the way a C programmer
 * would have them. Each figure is the median over many timed batches; the
 * contenders' batches are interleaved and timed in thread CPU time, so a
 * busy shared machine skews them alike and preemption is not counted.
 *
 *   usage: bench_templates [messages.json]   (default bench/messages.json)
 */
#define _POSIX_C_SOURCE 200809L
#include "tinyyes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCHES 41
#define MIN_BATCH_NS 10000000.0 /* each batch runs about 10 ms */

/* ---- the values the hand-written functions use ---------------------------- */

typedef struct msg_data {
    const char *name, *business, *option_a, *option_b;                   /* first_reply */
    const char *service, *day, *slot[2];                                 /* offer */
    const char *duration, *time, *address, *price, *cleaner, *reference; /* summary */
} msg_data;

static const char *bench_str(const ty_value *map, const char *key) {
    const char *s = ty_value_string(ty_value_get(map, key, strlen(key)), NULL);
    if (!s) {
        fprintf(stderr, "bench: messages.json lacks string \"%s\"\n", key);
        exit(1);
    }
    return s;
}

/* ---- hand-written C -------------------------------------------------------- */

static size_t hand_first_reply(const msg_data *d, char *out, size_t cap) {
    int n = snprintf(out, cap, "Hi %s! Thanks for reaching out to %s. Is this for a %s or a %s?", d->name, d->business,
                     d->option_a, d->option_b);
    return (size_t)n;
}

static size_t hand_offer(const msg_data *d, char *out, size_t cap) {
    int n = snprintf(out, cap, "Great, %s! For your %s I can do %s at ", d->name, d->service, d->day);
    size_t len = (size_t)n;
    for (int i = 0; i < 2; i++) {
        if (i) {
            memcpy(out + len, " or ", 4);
            len += 4;
        }
        size_t l = strlen(d->slot[i]);
        memcpy(out + len, d->slot[i], l);
        len += l;
    }
    static const char tail[] = ". Which works better for you?";
    memcpy(out + len, tail, sizeof tail);
    return len + sizeof tail - 1;
}

/* The escape function a C programmer writes: & < > " ' as entities. */
static size_t hand_escape(const char *s, char *out) {
    size_t n = 0;
    for (; *s; s++) {
        switch (*s) {
        case '&': memcpy(out + n, "&amp;", 5); n += 5; break;
        case '<': memcpy(out + n, "&lt;", 4); n += 4; break;
        case '>': memcpy(out + n, "&gt;", 4); n += 4; break;
        case '"': memcpy(out + n, "&quot;", 6); n += 6; break;
        case '\'': memcpy(out + n, "&#39;", 5); n += 5; break;
        default: out[n++] = *s;
        }
    }
    out[n] = '\0';
    return n;
}

static size_t hand_summary(const msg_data *d, char *out, size_t cap) {
    char e[10][256];
    hand_escape(d->name, e[0]);
    hand_escape(d->business, e[1]);
    hand_escape(d->service, e[2]);
    hand_escape(d->duration, e[3]);
    hand_escape(d->day, e[4]);
    hand_escape(d->time, e[5]);
    hand_escape(d->address, e[6]);
    hand_escape(d->price, e[7]);
    hand_escape(d->cleaner, e[8]);
    hand_escape(d->reference, e[9]);
    int n = snprintf(out, cap,
                     "<p>Thanks %s, you're all set! Here is a summary of your booking with %s:</p>\n"
                     "<ul><li>Service: %s (%s)</li>\n<li>When: %s at %s</li>\n<li>Where: %s</li>\n"
                     "<li>Price: %s, paid on the day by card or cash</li>\n<li>Your cleaner: %s</li></ul>\n"
                     "<p>Your reference is %s. We'll text you a reminder the day before, and your cleaner will "
                     "message you when they are on the way. If anything changes, reply here or call us. Shall I "
                     "add a note for your cleaner about parking or pets?</p>",
                     e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9]);
    return (size_t)n;
}

/* Code points in UTF-8 text (the "chars" column). */
static size_t bench_chars(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

typedef size_t (*hand_fn)(const msg_data *d, char *out, size_t cap);

/* ---- timing ------------------------------------------------------------------ */

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static volatile size_t sink;

typedef struct job {
    const ty_template *t;
    const ty_data *data;
    ty_buf *out;
    hand_fn hand;
    const msg_data *d;
    char *hbuf;
} job;

static void run_tinyyes(const job *j, long n) {
    for (long i = 0; i < n; i++) {
        j->out->len = 0;
        if (ty_template_render(j->t, j->data, j->out, NULL)) abort();
        sink += j->out->len;
    }
}

static void run_hand(const job *j, long n) {
    for (long i = 0; i < n; i++) sink += j->hand(j->d, j->hbuf, 4096);
}

/* Calls per batch so that one batch of run lasts about MIN_BATCH_NS. */
static long calibrate(void (*run)(const job *, long), const job *j) {
    long n = 1000;
    for (;;) {
        double t0 = now_ns();
        run(j, n);
        double dt = now_ns() - t0;
        if (dt >= MIN_BATCH_NS / 4) return (long)((double)n * MIN_BATCH_NS / dt) + 1;
        n *= 4;
    }
}

/* Median ns per call of each of k contenders over BATCHES interleaved
 * batches. */
static void measure(int k, void (*const run[])(const job *, long), const job *const jobs[], double *median) {
    long n[4];
    static double per[4][BATCHES];
    for (int c = 0; c < k; c++) n[c] = calibrate(run[c], jobs[c]);
    for (int b = 0; b < BATCHES; b++) {
        for (int c = 0; c < k; c++) {
            double t0 = now_ns();
            run[c](jobs[c], n[c]);
            per[c][b] = (now_ns() - t0) / (double)n[c];
        }
    }
    for (int c = 0; c < k; c++) {
        qsort(per[c], BATCHES, sizeof per[c][0], cmp_double);
        median[c] = per[c][BATCHES / 2];
    }
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "bench/messages.json";
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench: cannot open %s (run from the repository root)\n", path);
        return 1;
    }
    static char json[1 << 16];
    size_t jlen = fread(json, 1, sizeof json, f);
    fclose(f);
    ty_error err;
    ty_doc *doc = ty_doc_parse(json, jlen, NULL, &err);
    if (!doc) {
        fprintf(stderr, "bench: %s: %s\n", path, err.message);
        return 1;
    }
    const ty_value *root = ty_doc_root(doc);
    static const char *const names[3] = {"first_reply", "offer", "summary"};
    static const hand_fn hands[3] = {hand_first_reply, hand_offer, hand_summary};

    msg_data md;
    const ty_value *m1 = ty_value_get(ty_value_get(root, "first_reply", 11), "data", 4);
    const ty_value *m2 = ty_value_get(ty_value_get(root, "offer", 5), "data", 4);
    const ty_value *m3 = ty_value_get(ty_value_get(root, "summary", 7), "data", 4);
    md.name = bench_str(m1, "name");
    md.business = bench_str(m1, "business");
    md.option_a = bench_str(m1, "option_a");
    md.option_b = bench_str(m1, "option_b");
    md.service = bench_str(m2, "service");
    md.day = bench_str(m2, "day");
    const ty_value *slots = ty_value_get(m2, "slots", 5);
    md.slot[0] = bench_str(ty_value_item(slots, 0), "time");
    md.slot[1] = bench_str(ty_value_item(slots, 1), "time");
    /* the summary's own values (same name as message 1 is not assumed) */
    msg_data sd = md;
    sd.name = bench_str(m3, "name");
    sd.business = bench_str(m3, "business");
    sd.service = bench_str(m3, "service");
    sd.duration = bench_str(m3, "duration");
    sd.day = bench_str(m3, "day");
    sd.time = bench_str(m3, "time");
    sd.address = bench_str(m3, "address");
    sd.price = bench_str(m3, "price");
    sd.cleaner = bench_str(m3, "cleaner");
    sd.reference = bench_str(m3, "reference");
    md.name = bench_str(m2, "name"); /* offer and first reply share it */
    if (strcmp(md.name, bench_str(m1, "name")) != 0) {
        fprintf(stderr, "bench: first_reply and offer are expected to greet the same name\n");
        return 1;
    }

    printf("tinyyes C core vs hand-written C (ns per render: median of %d interleaved batches, thread CPU time)\n\n",
           BATCHES);
    printf("%-12s %6s %-6s %14s %14s %8s %16s\n", "message", "chars", "escape", "hand-written", "tinyyes", "ratio",
           "tinyyes no-guard");
    int bad = 0;
    for (int k = 0; k < 3; k++) {
        const ty_value *msg = ty_value_get(root, names[k], strlen(names[k]));
        size_t slen, elen;
        const char *src = ty_value_string(ty_value_get(msg, "template", 8), &slen);
        const char *esc = ty_value_string(ty_value_get(msg, "escape", 6), &elen);
        ty_template_opts o;
        memset(&o, 0, sizeof o);
        o.escape = esc ? ty_escape_parse(esc, elen) : TY_ESCAPE_NONE;
        ty_template *t = ty_template_compile(src, slen, &o, &err);
        o.no_guard = 1;
        ty_template *tng = ty_template_compile(src, slen, &o, &err);
        if (!t || !tng) {
            fprintf(stderr, "bench: %s: %s\n", names[k], err.message);
            return 1;
        }
        ty_data data = ty_value_data(ty_value_get(msg, "data", 4));
        ty_buf out;
        ty_buf_init(&out, NULL);
        char hbuf[4096];
        const msg_data *d = k == 2 ? &sd : &md;
        if (ty_template_render(t, &data, &out, &err)) {
            fprintf(stderr, "bench: %s: %s\n", names[k], err.message);
            return 1;
        }
        size_t hl = hands[k](d, hbuf, sizeof hbuf);
        if (hl != out.len || memcmp(hbuf, out.ptr, hl) != 0) {
            fprintf(stderr, "bench: %s: hand-written output differs:\n%s\n---\n%s\n", names[k], hbuf, out.ptr);
            bad = 1;
        }
        job j = {t, &data, &out, hands[k], d, hbuf};
        job jn = j;
        jn.t = tng;
        void (*const runs[3])(const job *, long) = {run_hand, run_tinyyes, run_tinyyes};
        const job *const jobs[3] = {&j, &j, &jn};
        double med[3];
        measure(3, runs, jobs, med);
        double th = med[0], tt = med[1], tn = med[2];
        printf("%-12s %6zu %-6s %14.1f %14.1f %7.2fx %16.1f\n", names[k], bench_chars(out.ptr, out.len),
               esc ? esc : "none", th, tt, tt / th, tn);
        ty_buf_free(&out);
        ty_template_free(t);
        ty_template_free(tng);
    }
    printf("\nratio = tinyyes / hand-written (goal: within 3x)\n");
    ty_doc_free(doc);
    return bad;
}
