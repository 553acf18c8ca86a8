/*
 * metrics.c — the numbers of the method (SPEC §9) over the metric events
 * ty_playbook_step emits, streamed: ty_metrics_add folds each list of
 * events into per-conversation and per-step counters (two open-addressing
 * hash tables keyed by the conversation id and by "flow.step") and keeps
 * only the commit latencies besides, so a million events pass through
 * without being held. The definitions, and how a customer reply is read
 * from the events, are documented at ty_metrics_result in tinyyes.h.
 */
#include "common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MT_MAX_KEY 256 /* bytes of a conversation id, a flow name or a step id */

enum { MT_ASK = 0, MT_COMMIT, MT_REPROMPT, MT_FOLLOWUP, MT_HANDOFF, MT_OPT_OUT, MT_CLOSE, MT_NTYPES };
static const char *const mt_type_names[MT_NTYPES] = {"ask",     "commit",  "reprompt", "followup",
                                                     "handoff", "opt_out", "close"};

/* The head of a hash table entry: the key (NULL: an empty slot, else a
 * copy in ty_metrics.keys), its length and hash. */
typedef struct mt_head {
    const char *key;
    uint32_t len;
    uint32_t hash;
} mt_head;

/* One conversation: enough to tell whether the customer replied after the
 * first ask, whatever order its events arrive in. */
typedef struct mt_conv {
    mt_head h;
    double first_ask, last_ask; /* -1: no ask seen */
    double unsure;              /* latest handoff/opt_out without a pending step; -1 */
    bool replied;               /* a commit, reprompt, or a handoff/opt_out at a pending step */
} mt_conv;

/* One step "flow.step". */
typedef struct mt_step {
    mt_head h;
    uint64_t asks, commits, drops;
} mt_step;

struct ty_metrics {
    const ty_alloc *alloc;
    ty_arena keys;            /* the keys of both tables */
    mt_conv *conv;
    size_t nconv, cconv;      /* used, capacity (a power of two) */
    mt_step *step;
    size_t nstep, cstep;
    double *lat;              /* commit latencies */
    size_t nlat, clat;
    uint64_t asks, commits, handoffs, opt_outs;
    double ctx_sum;
    uint64_t ctx_n;
};

/* A parsed event; strings borrow from the event. */
typedef struct mt_ev {
    int type;
    const char *conv, *flow, *step, *outcome;
    size_t conv_len, flow_len, step_len, outcome_len;
    double at, latency, filled, asked;
    bool skip; /* a reminder or error event: no part of the funnel */
} mt_ev;

/* ===================================================================== *
 * Hash tables
 * ===================================================================== */

static uint32_t mt_hash(const char *s, size_t n) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return (uint32_t)(h ^ (h >> 32));
}

/* Finds or adds key in a table of `elem`-byte entries that begin with an
 * mt_head; new entries are zeroed with their key copied. Grows at 70 %
 * load. NULL on OOM (the entries are unchanged). */
static void *mt_lookup(ty_metrics *m, void **tab, size_t *n, size_t *cap, size_t elem, const char *key, size_t len,
                       bool *added) {
    uint32_t h = mt_hash(key, len);
    *added = false;
    if (*cap == 0 || (*n + 1) * 10 > *cap * 7) {
        size_t nc = *cap ? *cap * 2 : 64, bytes;
        if (!ty_size_mul(nc, elem, &bytes)) return NULL;
        char *nt = ty_mem_alloc(m->alloc, bytes);
        if (!nt) return NULL;
        memset(nt, 0, bytes);
        char *old = *tab;
        for (size_t i = 0; i < *cap; i++) {
            char *e = old + i * elem;
            const mt_head *hd = (const mt_head *)e;
            if (!hd->key) continue;
            size_t j = hd->hash & (nc - 1);
            while (((const mt_head *)(nt + j * elem))->key) j = (j + 1) & (nc - 1);
            memcpy(nt + j * elem, e, elem);
        }
        ty_mem_free(m->alloc, old);
        *tab = nt;
        *cap = nc;
    }
    char *t = *tab;
    size_t j = h & (*cap - 1);
    for (;;) {
        mt_head *hd = (mt_head *)(t + j * elem);
        if (!hd->key) break;
        if (hd->hash == h && hd->len == len && memcmp(hd->key, key, len) == 0) return hd;
        j = (j + 1) & (*cap - 1);
    }
    char *copy = ty_arena_dup(&m->keys, key, len);
    if (!copy) return NULL;
    mt_head *hd = (mt_head *)(t + j * elem);
    hd->key = copy;
    hd->len = (uint32_t)len;
    hd->hash = h;
    (*n)++;
    *added = true;
    return hd;
}

/* The conversation entry for key, added when new; NULL on OOM. */
static mt_conv *mt_conv_get(ty_metrics *m, const char *key, size_t len) {
    bool added;
    void *tab = m->conv;
    mt_conv *c = mt_lookup(m, &tab, &m->nconv, &m->cconv, sizeof(mt_conv), key, len, &added);
    m->conv = tab;
    if (c && added) c->first_ask = c->last_ask = c->unsure = -1;
    return c;
}

/* The step "flow.step". */
static mt_step *mt_step_get(ty_metrics *m, const mt_ev *e) {
    char key[2 * MT_MAX_KEY + 1];
    memcpy(key, e->flow, e->flow_len);
    key[e->flow_len] = '.';
    memcpy(key + e->flow_len + 1, e->step, e->step_len);
    bool added;
    void *tab = m->step;
    mt_step *s = mt_lookup(m, &tab, &m->nstep, &m->cstep, sizeof(mt_step), key, e->flow_len + 1 + e->step_len,
                           &added);
    m->step = tab;
    return s;
}

/* ===================================================================== *
 * Reading events
 * ===================================================================== */

static int mt_fail(ty_error *err, size_t i, const char *field, const char *fmt, ...) TY_PRINTF(4, 5);

/* TY_E_EVENT at events[i].field (field may be ""). */
static int mt_fail(ty_error *err, size_t i, const char *field, const char *fmt, ...) {
    if (!err) return TY_E_EVENT;
    ty_err_path(err, "events[%zu]%s%s", i, field[0] ? "." : "", field);
    va_list ap;
    va_start(ap, fmt);
    ty_err_setv(err, TY_DOMAIN_EVENT, TY_E_EVENT, err->path, fmt, ap);
    va_end(ap);
    return TY_E_EVENT;
}

/* A string member: 1 when present as a string, 0 when absent or null (and
 * !required), else an error. */
static int mt_str(const ty_value *e, const char *key, bool required, size_t i, const char **s, size_t *n,
                  ty_error *err) {
    const ty_value *v = ty_value_get(e, key, strlen(key));
    *s = NULL;
    *n = 0;
    if (!v || ty_value_kind(v) == TY_NULL) {
        if (!required) return 0;
        return mt_fail(err, i, key, v ? "must be a string, not null" : "missing");
    }
    if (ty_value_kind(v) != TY_STRING) return mt_fail(err, i, key, "must be a string");
    *s = ty_value_string(v, n);
    if (*n > MT_MAX_KEY) return mt_fail(err, i, key, "is longer than %d bytes", MT_MAX_KEY);
    return 1;
}

/* A number member >= 0 (whole when `whole`). */
static int mt_num(const ty_value *e, const char *key, bool whole, size_t i, double *out, ty_error *err) {
    const ty_value *v = ty_value_get(e, key, strlen(key));
    if (!v) return mt_fail(err, i, key, "missing");
    double x = ty_value_number(v);
    if (ty_value_kind(v) != TY_NUMBER || !(x >= 0) || !isfinite(x) || (whole && x != floor(x)))
        return mt_fail(err, i, key, whole ? "must be a whole number >= 0" : "must be a number >= 0");
    *out = x;
    return TY_OK;
}

/* Reads and checks event i; TY_E_EVENT naming the field. */
static int mt_parse(const ty_value *e, size_t i, mt_ev *ev, ty_error *err) {
    memset(ev, 0, sizeof *ev);
    if (ty_value_kind(e) != TY_MAP) return mt_fail(err, i, "", "must be an object");
    const ty_value *tv = ty_value_get(e, "type", 4);
    size_t n;
    const char *t = ty_value_string(tv, &n);
    if (!tv) return mt_fail(err, i, "type", "missing");
    if (!t) return mt_fail(err, i, "type", "must be a string");
    ev->type = -1;
    for (int k = 0; k < MT_NTYPES; k++)
        if (strlen(mt_type_names[k]) == n && memcmp(mt_type_names[k], t, n) == 0) ev->type = k;
    /* events that are no step of the funnel: counted by nothing here */
    if (ev->type < 0 && ((n == 8 && memcmp(t, "reminder", 8) == 0) || (n == 5 && memcmp(t, "error", 5) == 0))) {
        ev->skip = true;
        return TY_OK;
    }
    if (ev->type < 0) {
        char shown[48];
        size_t m = n < 40 ? n : 40, bad;
        memcpy(shown, t, m);
        shown[m] = '\0';
        if (ty_utf8_check(shown, m, &bad)) shown[bad] = '\0';
        return mt_fail(err, i, "type",
                       "unknown event type \"%s\" (known: ask, commit, reprompt, followup, handoff, opt_out, close, "
                       "reminder, error)",
                       shown);
    }
    int rc = mt_str(e, "conversation", true, i, &ev->conv, &ev->conv_len, err);
    if (rc < 0) return rc;
    if ((rc = mt_num(e, "at", false, i, &ev->at, err))) return rc;
    bool need_step = ev->type == MT_ASK || ev->type == MT_COMMIT;
    if (ev->type == MT_CLOSE) {
        if ((rc = mt_str(e, "outcome", true, i, &ev->outcome, &ev->outcome_len, err)) < 0) return rc;
        need_step = ev->outcome_len == 11 && memcmp(ev->outcome, "no_response", 11) == 0;
    }
    if ((rc = mt_str(e, "flow", need_step, i, &ev->flow, &ev->flow_len, err)) < 0) return rc;
    if ((rc = mt_str(e, "step", need_step, i, &ev->step, &ev->step_len, err)) < 0) return rc;
    if (ev->type == MT_COMMIT && (rc = mt_num(e, "latency", false, i, &ev->latency, err))) return rc;
    if (ev->type == MT_HANDOFF) {
        if ((rc = mt_num(e, "filled", true, i, &ev->filled, err)) || (rc = mt_num(e, "asked", true, i, &ev->asked, err)))
            return rc;
        if (ev->filled > ev->asked) return mt_fail(err, i, "filled", "must not be more than \"asked\"");
    }
    return TY_OK;
}

/* Counts one parsed event. The fallible steps come first and leave
 * nothing counted when they fail (a new step with zero counts is never
 * reported). */
static int mt_apply(ty_metrics *m, const mt_ev *e) {
    mt_step *s = NULL;
    if (e->type == MT_ASK || e->type == MT_COMMIT ||
        (e->type == MT_CLOSE && e->flow && e->step && e->outcome_len == 11 &&
         memcmp(e->outcome, "no_response", 11) == 0)) {
        if (!(s = mt_step_get(m, e))) return TY_E_NOMEM;
    }
    if (e->type == MT_COMMIT && m->nlat == m->clat) {
        size_t nc = m->clat ? m->clat * 2 : 1024, bytes;
        if (!ty_size_mul(nc, sizeof *m->lat, &bytes)) return TY_E_NOMEM;
        double *p = ty_mem_realloc(m->alloc, m->lat, m->clat * sizeof *m->lat, bytes);
        if (!p) return TY_E_NOMEM;
        m->lat = p;
        m->clat = nc;
    }
    mt_conv *c = mt_conv_get(m, e->conv, e->conv_len);
    if (!c) return TY_E_NOMEM;
    /* nothing below fails: the event counts whole or not at all */
    switch (e->type) {
    case MT_ASK:
        m->asks++;
        s->asks++;
        if (c->first_ask < 0 || e->at < c->first_ask) c->first_ask = e->at;
        if (e->at > c->last_ask) c->last_ask = e->at;
        break;
    case MT_COMMIT:
        m->commits++;
        s->commits++;
        m->lat[m->nlat++] = e->latency;
        c->replied = true;
        break;
    case MT_REPROMPT: c->replied = true; break;
    case MT_HANDOFF:
    case MT_OPT_OUT:
        if (e->type == MT_HANDOFF) {
            m->handoffs++;
            if (e->asked > 0) {
                m->ctx_sum += e->filled / e->asked;
                m->ctx_n++;
            }
        } else {
            m->opt_outs++;
        }
        if (e->step) c->replied = true;
        else if (e->at > c->unsure) c->unsure = e->at;
        break;
    case MT_CLOSE:
        if (s) s->drops++;
        break;
    default: break;
    }
    return TY_OK;
}

/* ===================================================================== *
 * Public API
 * ===================================================================== */

/* Returns a new accumulator the caller frees with ty_metrics_free. */
ty_metrics *ty_metrics_new(const ty_alloc *alloc, ty_error *err) {
    ty_err_clear(err);
    ty_metrics *m = ty_mem_alloc(alloc, sizeof *m);
    if (!m) {
        ty_err_nomem(err, TY_DOMAIN_NONE);
        return NULL;
    }
    memset(m, 0, sizeof *m);
    m->alloc = alloc;
    ty_arena_init(&m->keys, alloc);
    return m;
}

/* Frees the tables, the keys and the latencies. */
void ty_metrics_free(ty_metrics *m) {
    if (!m) return;
    ty_mem_free(m->alloc, m->conv);
    ty_mem_free(m->alloc, m->step);
    ty_mem_free(m->alloc, m->lat);
    ty_arena_free(&m->keys);
    ty_mem_free(m->alloc, m);
}

/* Reads events (borrowed); see tinyyes.h for atomicity. */
int ty_metrics_add(ty_metrics *m, const ty_value *events, ty_error *err) {
    ty_err_clear(err);
    if (!m || !events) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "metrics and events are required");
    if (ty_value_kind(events) != TY_LIST) {
        ty_err_path(err, "events");
        return ty_err_set(err, TY_DOMAIN_EVENT, TY_E_EVENT, "events: must be a list of metric events");
    }
    size_t n = ty_value_count(events);
    mt_ev ev;
    for (size_t i = 0; i < n; i++) {
        int rc = mt_parse(ty_value_item(events, i), i, &ev, err);
        if (rc) return rc;
    }
    for (size_t i = 0; i < n; i++) {
        mt_parse(ty_value_item(events, i), i, &ev, NULL);
        if (!ev.skip && mt_apply(m, &ev)) {
            ty_err_path(err, "events[%zu]", i);
            ty_err_nomem(err, TY_DOMAIN_NONE);
            return TY_E_NOMEM;
        }
    }
    return TY_OK;
}

static double mt_round4(double x) { return floor(x * 10000.0 + 0.5) / 10000.0; }

/* qsort orders: doubles ascending; steps by key bytes. */
static int mt_dcmp(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b ? 1 : 0;
}

static int mt_kcmp(const void *x, const void *y) {
    const mt_head *a = &(*(const mt_step *const *)x)->h, *b = &(*(const mt_step *const *)y)->h;
    size_t n = a->len < b->len ? a->len : b->len;
    int k = n ? memcmp(a->key, b->key, n) : 0;
    if (k) return k;
    return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

/* A ratio rounded to 4 decimals, or null when den is 0. */
static ty_value *mt_ratio(ty_doc *d, double num, double den) {
    return den > 0 ? ty_val_number(d, mt_round4(num / den)) : ty_val_null(d);
}

/* The nearest-rank percentile p of sorted v[0..n) (n > 0). */
static double mt_rank(const double *v, size_t n, unsigned p) {
    size_t r = (size_t)((n * (uint64_t)p + 99) / 100); /* ceil(p/100 * n) */
    if (r < 1) r = 1;
    return v[r - 1];
}

/* Returns a new doc the caller frees with ty_doc_free; m is only read. */
ty_doc *ty_metrics_result(const ty_metrics *m, ty_error *err) {
    ty_err_clear(err);
    if (!m) {
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "metrics is required");
        return NULL;
    }
    ty_doc *d = ty_doc_new(m->alloc);
    double *lat = NULL;
    mt_step **steps = NULL;
    int rc = d ? TY_OK : TY_E_NOMEM;
    size_t replied = 0;
    for (size_t i = 0; i < m->cconv; i++) {
        const mt_conv *c = &m->conv[i];
        if (!c->h.key) continue;
        if (c->replied || (c->first_ask >= 0 && (c->last_ask > c->first_ask || c->unsure > c->first_ask))) replied++;
    }
    if (!rc && m->nlat) {
        lat = ty_mem_alloc(m->alloc, m->nlat * sizeof *lat);
        if (!lat) rc = TY_E_NOMEM;
        else {
            memcpy(lat, m->lat, m->nlat * sizeof *lat);
            qsort(lat, m->nlat, sizeof *lat, mt_dcmp);
        }
    }
    size_t ns = 0;
    if (!rc && m->nstep) {
        steps = ty_mem_alloc(m->alloc, m->nstep * sizeof *steps);
        if (!steps) rc = TY_E_NOMEM;
        else {
            for (size_t i = 0; i < m->cstep; i++)
                if (m->step[i].h.key) steps[ns++] = &m->step[i];
            qsort(steps, ns, sizeof *steps, mt_kcmp);
        }
    }
    ty_value *root = NULL;
    if (!rc) {
        root = ty_val_map(d);
        ty_value *ttn = ty_val_map(d), *comp = ty_val_map(d), *by = ty_val_map(d), *drop = ty_val_map(d);
#define MT_PUT(map, k, v)                                                               \
    do {                                                                                \
        ty_value *v_ = (v);                                                             \
        if (!rc && (!(map) || !v_ || ty_map_put(d, map, k, strlen(k), v_))) rc = TY_E_NOMEM; \
    } while (0)
        MT_PUT(root, "conversations", ty_val_number(d, (double)m->nconv));
        MT_PUT(root, "reply_rate", mt_ratio(d, (double)replied, (double)m->nconv));
        MT_PUT(ttn, "median", m->nlat ? ty_val_number(d, mt_rank(lat, m->nlat, 50)) : ty_val_null(d));
        MT_PUT(ttn, "p90", m->nlat ? ty_val_number(d, mt_rank(lat, m->nlat, 90)) : ty_val_null(d));
        MT_PUT(root, "time_to_next_step", ttn);
        MT_PUT(comp, "overall", mt_ratio(d, (double)m->commits, (double)m->asks));
        for (size_t i = 0; i < ns && !rc; i++) {
            const mt_step *s = steps[i];
            if (!s->asks) continue;
            ty_value *v = mt_ratio(d, (double)s->commits, (double)s->asks);
            if (!by || !v || ty_map_put(d, by, s->h.key, s->h.len, v)) rc = TY_E_NOMEM;
        }
        MT_PUT(comp, "by_step", by);
        MT_PUT(root, "completion", comp);
        MT_PUT(root, "handoffs", ty_val_number(d, (double)m->handoffs));
        MT_PUT(root, "handoff_context",
               m->ctx_n ? ty_val_number(d, mt_round4(m->ctx_sum / (double)m->ctx_n)) : ty_val_null(d));
        for (size_t i = 0; i < ns && !rc; i++) {
            const mt_step *s = steps[i];
            if (!s->drops) continue;
            ty_value *v = ty_val_number(d, (double)s->drops);
            if (!drop || !v || ty_map_put(d, drop, s->h.key, s->h.len, v)) rc = TY_E_NOMEM;
        }
        MT_PUT(root, "drop_off", drop);
        MT_PUT(root, "opt_outs", ty_val_number(d, (double)m->opt_outs));
#undef MT_PUT
    }
    ty_mem_free(m->alloc, lat);
    ty_mem_free(m->alloc, steps);
    if (rc) {
        ty_doc_free(d);
        ty_err_nomem(err, TY_DOMAIN_NONE);
        return NULL;
    }
    ty_doc_set_root(d, root);
    return d;
}

#undef MT_MAX_KEY
