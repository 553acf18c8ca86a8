/*
 * bench_intents.c — the intent matcher on CLINC150 (Larson et al., 2019):
 * trains on `train` (no out-of-scope examples), then reports in-scope
 * accuracy on `test` (right intent and not flagged out-of-scope),
 * out-of-scope recall on `oos_test`, training seconds, match latency
 * (tokenise + score, median and p99 in ns) and the model's memory; then the
 * same for a few-shot model (the first 10 training examples per intent).
 *
 * The data file is read from $TINYYES_SHARED/datasets/clinc150/data_full.json
 * (default ../shared); when it is absent the bench says so and exits 0.
 * TINYYES_BENCH_SPLIT=val evaluates on `val`/`oos_val` instead (for tuning:
 * the test split is for reporting only).
 *
 * Build: gcc -O2 -Icsrc/include bench/bench_intents.c csrc/tinyyes.c \
 *        $(pkg-config --cflags --libs libutf8proc) -lm
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../csrc/src/match.h"

typedef struct bi_set {
    ty_match_example *ex; /* text points into the doc */
    size_t n;
} bi_set;

typedef struct bi_labels {
    const char **name;
    size_t *len;
    uint32_t n;
} bi_labels;

static double bi_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *bi_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) break;
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        cap *= 2;
        char *nb = realloc(buf, cap);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Index of label (added when new; "oos" gets UINT32_MAX). */
static uint32_t bi_label(bi_labels *l, const char *s, size_t n) {
    if (n == 3 && memcmp(s, "oos", 3) == 0) return UINT32_MAX;
    for (uint32_t i = 0; i < l->n; i++)
        if (l->len[i] == n && memcmp(l->name[i], s, n) == 0) return i;
    l->name = realloc(l->name, (l->n + 1) * sizeof *l->name);
    l->len = realloc(l->len, (l->n + 1) * sizeof *l->len);
    if (!l->name || !l->len) exit(2);
    l->name[l->n] = s;
    l->len[l->n] = n;
    return l->n++;
}

static bi_set bi_split(const ty_value *root, const char *key, bi_labels *l) {
    bi_set s = {0};
    const ty_value *list = ty_value_get(root, key, strlen(key));
    size_t n = ty_value_count(list);
    s.ex = calloc(n ? n : 1, sizeof *s.ex);
    if (!s.ex) exit(2);
    for (size_t i = 0; i < n; i++) {
        const ty_value *pair = ty_value_item(list, i);
        size_t tl, ll;
        const char *t = ty_value_string(ty_value_item(pair, 0), &tl);
        const char *lab = ty_value_string(ty_value_item(pair, 1), &ll);
        if (!t || !lab) continue;
        s.ex[s.n].text = t;
        s.ex[s.n].len = tl;
        s.ex[s.n].intent = bi_label(l, lab, ll);
        s.n++;
    }
    return s;
}

static int bi_cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Matches one message the way a binding does: tokenise, score, release. */
static int bi_match(const ty_matcher *m, const ty_match_example *q, ty_match_score *top, bool *oos) {
    ty_arena ar;
    ty_arena_init(&ar, NULL);
    ty_tokens tk;
    int rc = ty_text_tokenize(q->text, q->len, &ar, &tk);
    size_t got = 0;
    if (!rc) got = ty_matcher_score(m, &tk, &ar, top, 3, oos, &rc);
    ty_arena_free(&ar);
    return rc ? -1 : (int)got;
}

static void bi_run(const char *name, const bi_set *train, uint32_t nintents, const bi_set *ins, const bi_set *oos) {
    ty_error err;
    double t0 = bi_now();
    ty_matcher *m = ty_matcher_train(train->ex, train->n, nintents, ty_mlex_en(), NULL, &err);
    double train_s = bi_now() - t0;
    if (!m) {
        printf("%s: training failed: %s\n", name, err.message);
        return;
    }
    size_t total = ins->n + oos->n;
    double *lat = malloc(total * sizeof(double));
    if (!lat) exit(2);
    ty_match_score top[3];
    bool is_oos;
    /* warm-up pass, then one timed pass */
    for (size_t i = 0; i < ins->n; i++) bi_match(m, &ins->ex[i], top, &is_oos);
    size_t right = 0, raw_right = 0, oos_hit = 0;
    for (size_t i = 0; i < total; i++) {
        const ty_match_example *q = i < ins->n ? &ins->ex[i] : &oos->ex[i - ins->n];
        double a = bi_now();
        int got = bi_match(m, q, top, &is_oos);
        lat[i] = (bi_now() - a) * 1e9;
        if (got < 0) {
            printf("%s: match failed\n", name);
            exit(1);
        }
        if (i < ins->n) {
            bool ok = got > 0 && top[0].intent == q->intent;
            raw_right += ok;
            right += ok && !is_oos;
        } else oos_hit += is_oos;
    }
    qsort(lat, total, sizeof(double), bi_cmp);
    printf("%-12s in-scope accuracy %.4f (top-1 %.4f)  oos recall %.4f  train %.3f s  "
           "match median %.0f ns p99 %.0f ns  memory %.2f MB  features %zu\n",
           name, (double)right / (double)ins->n, (double)raw_right / (double)ins->n,
           oos->n ? (double)oos_hit / (double)oos->n : 0.0, train_s, lat[total / 2],
           lat[(size_t)((double)total * 0.99)], (double)ty_matcher_bytes(m) / 1e6, ty_matcher_features(m));
    free(lat);
    ty_matcher_free(m);
}

int main(void) {
    const char *shared = getenv("TINYYES_SHARED");
    char path[4096];
    snprintf(path, sizeof path, "%s/datasets/clinc150/data_full.json", shared && *shared ? shared : "../shared");
    size_t len;
    char *json = bi_read_file(path, &len);
    if (!json) {
        printf("SKIP bench_intents: %s not found (set TINYYES_SHARED)\n", path);
        return 0;
    }
    ty_error err;
    ty_doc *doc = ty_doc_parse(json, len, NULL, &err);
    if (!doc) {
        printf("bench_intents: %s: %s\n", path, err.message);
        return 1;
    }
    const char *split = getenv("TINYYES_BENCH_SPLIT");
    int val = split && strcmp(split, "val") == 0;
    const ty_value *root = ty_doc_root(doc);
    bi_labels labels = {0};
    bi_set train = bi_split(root, "train", &labels);
    bi_set ins = bi_split(root, val ? "val" : "test", &labels);
    bi_set oos = bi_split(root, val ? "oos_val" : "oos_test", &labels);
    printf("CLINC150 %s: train %zu examples, %u intents; in-scope %zu, out-of-scope %zu\n", val ? "val" : "test",
           train.n, labels.n, ins.n, oos.n);
    bi_run("full", &train, labels.n, &ins, &oos);
    /* few-shot: the first 10 training examples of each intent */
    bi_set few = {calloc(train.n, sizeof(ty_match_example)), 0};
    uint32_t *seen = calloc(labels.n ? labels.n : 1, sizeof(uint32_t));
    if (!few.ex || !seen) return 2;
    for (size_t i = 0; i < train.n; i++)
        if (seen[train.ex[i].intent]++ < 10) few.ex[few.n++] = train.ex[i];
    bi_run("few-shot-10", &few, labels.n, &ins, &oos);
    free(seen);
    free(few.ex);
    free(train.ex);
    free(ins.ex);
    free(oos.ex);
    free(labels.name);
    free(labels.len);
    ty_doc_free(doc);
    free(json);
    return 0;
}
