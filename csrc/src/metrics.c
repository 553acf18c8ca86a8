/*
 * metrics.c — the numbers of the method (docs/metrics.md) over the metric events
 * ty_playbook_step emits, streamed: ty_metrics_add folds each list of
 * events into per-conversation, per-step and per-wording counters (three
 * open-addressing hash tables keyed by the conversation id, by "flow.step"
 * and by (flow, step, template, variant)) and keeps only the commit
 * latencies besides, so a million events pass through without being held.
 * The definitions, and how a customer reply is read from the events, are
 * documented at ty_metrics_result in tinyyes.h and in docs/metrics.md.
 */
#include "common.h"
#include "schema.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MT_MAX_KEY 256 /* bytes of a conversation id, a flow, step, template or variant name */
#define MT_TAIL 2      /* asks (and answered steps) of one second kept per conversation */

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

/* One conversation: enough to tell, whatever order its events arrive in,
 * whether the customer replied after its first ask and after each ask.
 * `heard` is the latest time its events show a customer message: an ask
 * (asks answer messages), a commit, a reprompt, a handoff or an opt-out.
 * An ask before `heard` was replied to; an ask at `heard` (tail_ask) only
 * when a commit, reprompt, handoff or opt-out of that same second is at its
 * step (tail_said). */
typedef struct mt_conv {
    mt_head h;
    double first_ask;            /* -1: no ask seen */
    double heard;                /* -1: nothing heard */
    uint32_t tail_ask[MT_TAIL];  /* wording ids of the asks at `heard`; 0: none */
    uint32_t tail_said[MT_TAIL]; /* step ids with a commit, reprompt, handoff or opt-out at `heard` */
    bool replied;                /* a commit, reprompt, or a handoff/opt_out at a pending step */
} mt_conv;

/* One step "flow.step". Ids are 1, 2, ... in order of creation (entries
 * move when a table grows, ids do not). */
typedef struct mt_step {
    mt_head h;
    uint32_t id;
    uint64_t asks, commits, drops;
} mt_step;

/* One wording of a step's question: the key is flow, step, template and
 * variant, each after its length in two bytes (mt_word_parts). */
typedef struct mt_word {
    mt_head h;
    uint32_t id, step; /* its id, and its step's */
    uint64_t asks, commits;
} mt_word;

struct ty_metrics {
    const ty_alloc *alloc;
    ty_arena keys;            /* the keys of both tables */
    mt_conv *conv;
    size_t nconv, cconv;      /* used, capacity (a power of two) */
    mt_step *step;
    size_t nstep, cstep;
    mt_word *word;
    size_t nword, cword;
    double *lat;              /* commit latencies */
    uint32_t *lat_word;       /* the wording id of each (0: none) */
    size_t nlat, clat, clat_word;
    uint64_t asks, commits, handoffs, opt_outs;
    double ctx_sum;
    uint64_t ctx_n;
};

/* A parsed event; strings borrow from the event. */
typedef struct mt_ev {
    int type;
    const char *conv, *flow, *step, *outcome, *tpl, *var;
    size_t conv_len, flow_len, step_len, outcome_len, tpl_len, var_len;
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
    if (c && added) c->first_ask = c->heard = -1;
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
    if (s && added) s->id = (uint32_t)m->nstep;
    return s;
}

/* Appends s[0..n) after its length in two bytes; returns the end. */
static char *mt_put_part(char *at, const char *s, size_t n) {
    at[0] = (char)(n & 0xff);
    at[1] = (char)(n >> 8);
    memcpy(at + 2, s, n);
    return at + 2 + n;
}

/* The wording of e (template and variant strings) at step s. */
static mt_word *mt_word_get(ty_metrics *m, const mt_ev *e, const mt_step *s) {
    char key[4 * (2 + MT_MAX_KEY)];
    char *end = mt_put_part(key, e->flow, e->flow_len);
    end = mt_put_part(end, e->step, e->step_len);
    end = mt_put_part(end, e->tpl, e->tpl_len);
    end = mt_put_part(end, e->var, e->var_len);
    bool added;
    void *tab = m->word;
    mt_word *w = mt_lookup(m, &tab, &m->nword, &m->cword, sizeof(mt_word), key, (size_t)(end - key), &added);
    m->word = tab;
    if (w && added) {
        w->id = (uint32_t)m->nword;
        w->step = s->id;
    }
    return w;
}

/* The four parts of w's key: flow, step, template, variant. */
static void mt_word_parts(const mt_word *w, const char *part[4], size_t len[4]) {
    const unsigned char *k = (const unsigned char *)w->h.key;
    for (int i = 0; i < 4; i++) {
        len[i] = (size_t)k[0] | (size_t)k[1] << 8;
        part[i] = (const char *)k + 2;
        k += 2 + len[i];
    }
}

/* Room for one more commit latency (both arrays); TY_E_NOMEM. */
static int mt_lat_room(ty_metrics *m) {
    if (m->nlat == m->clat) {
        size_t nc = m->clat ? m->clat * 2 : 1024, bytes;
        if (!ty_size_mul(nc, sizeof *m->lat, &bytes)) return TY_E_NOMEM;
        double *p = ty_mem_realloc(m->alloc, m->lat, m->clat * sizeof *m->lat, bytes);
        if (!p) return TY_E_NOMEM;
        m->lat = p;
        m->clat = nc;
    }
    if (m->nlat == m->clat_word) {
        size_t nc = m->clat, bytes;
        if (!ty_size_mul(nc, sizeof *m->lat_word, &bytes)) return TY_E_NOMEM;
        uint32_t *p = ty_mem_realloc(m->alloc, m->lat_word, m->clat_word * sizeof *m->lat_word, bytes);
        if (!p) return TY_E_NOMEM;
        m->lat_word = p;
        m->clat_word = nc;
    }
    return TY_OK;
}

/* Adds id to a tail (asks may repeat; answered steps are a set); a full
 * tail drops it. */
static void mt_tail_put(uint32_t tail[MT_TAIL], uint32_t id, bool set) {
    if (!id) return;
    for (int i = 0; i < MT_TAIL; i++) {
        if (set && tail[i] == id) return;
        if (!tail[i]) {
            tail[i] = id;
            return;
        }
    }
}

/* An event at `at` shows a customer message, with wording `ask` asked and
 * step `said` answered or acted on then (0: none). */
static void mt_heard(mt_conv *c, double at, uint32_t ask, uint32_t said) {
    if (at < c->heard) return;
    if (at > c->heard) {
        c->heard = at;
        memset(c->tail_ask, 0, sizeof c->tail_ask);
        memset(c->tail_said, 0, sizeof c->tail_said);
    }
    mt_tail_put(c->tail_ask, ask, false);
    mt_tail_put(c->tail_said, said, true);
}

/* ===================================================================== *
 * Reading events
 * ===================================================================== */

static int mt_fail(ty_error *err, size_t i, const char *field, const char *fmt, ...) TY_PRINTF(4, 5);

/* TY_E_EVENT at events[i].field (field may be ""), through sc_fail; owns
 * nothing. */
static int mt_fail(ty_error *err, size_t i, const char *field, const char *fmt, ...) {
    sc_path p;
    sc_path_init(&p, "events");
    sc_path_index(&p, i);
    if (field[0]) sc_path_key_s(&p, field);
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_failv(&p, err, TY_DOMAIN_EVENT, TY_E_EVENT, fmt, ap);
    va_end(ap);
    return rc;
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
    if ((rc = mt_str(e, "template", false, i, &ev->tpl, &ev->tpl_len, err)) < 0) return rc;
    if ((rc = mt_str(e, "variant", false, i, &ev->var, &ev->var_len, err)) < 0) return rc;
    if (ev->type == MT_COMMIT && (rc = mt_num(e, "latency", false, i, &ev->latency, err))) return rc;
    if (ev->type == MT_HANDOFF) {
        if ((rc = mt_num(e, "filled", true, i, &ev->filled, err)) || (rc = mt_num(e, "asked", true, i, &ev->asked, err)))
            return rc;
        if (ev->filled > ev->asked) return mt_fail(err, i, "filled", "must not be more than \"asked\"");
    }
    return TY_OK;
}

/* Counts one parsed event. The fallible steps come first and leave
 * nothing counted when they fail (a new step or wording with zero counts
 * is never reported). */
static int mt_apply(ty_metrics *m, const mt_ev *e) {
    mt_step *s = NULL;
    mt_word *w = NULL;
    bool asked = e->type == MT_ASK || e->type == MT_COMMIT;
    bool dropped = e->type == MT_CLOSE && e->flow && e->step && e->outcome_len == 11 &&
                   memcmp(e->outcome, "no_response", 11) == 0;
    bool heard = e->type != MT_FOLLOWUP && e->type != MT_CLOSE;
    if ((asked || dropped || heard) && e->flow && e->step && !(s = mt_step_get(m, e))) return TY_E_NOMEM;
    if (asked && e->tpl && e->var && !(w = mt_word_get(m, e, s))) return TY_E_NOMEM;
    if (e->type == MT_COMMIT && mt_lat_room(m)) return TY_E_NOMEM;
    mt_conv *c = mt_conv_get(m, e->conv, e->conv_len);
    if (!c) return TY_E_NOMEM;
    /* nothing below fails: the event counts whole or not at all */
    switch (e->type) {
    case MT_ASK:
        m->asks++;
        s->asks++;
        if (w) w->asks++;
        if (c->first_ask < 0 || e->at < c->first_ask) c->first_ask = e->at;
        break;
    case MT_COMMIT:
        m->commits++;
        s->commits++;
        if (w) w->commits++;
        m->lat_word[m->nlat] = w ? w->id : 0;
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
        break;
    case MT_CLOSE:
        if (dropped) s->drops++;
        break;
    default: break;
    }
    if (heard) mt_heard(c, e->at, e->type == MT_ASK && w ? w->id : 0, e->type != MT_ASK && s ? s->id : 0);
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
    ty_mem_free(m->alloc, m->word);
    ty_mem_free(m->alloc, m->lat);
    ty_mem_free(m->alloc, m->lat_word);
    ty_arena_free(&m->keys);
    ty_mem_free(m->alloc, m);
}

/* Bytes m holds: the struct, its tables at their capacity and its key arena. */
size_t ty_metrics_bytes(const ty_metrics *m) {
    if (!m) return 0;
    return sizeof *m + m->keys.total + m->cconv * sizeof *m->conv + m->cstep * sizeof *m->step +
           m->cword * sizeof *m->word + m->clat * sizeof *m->lat + m->clat_word * sizeof *m->lat_word;
}

/* Reads events (borrowed); see tinyyes.h for atomicity. */
int ty_metrics_add_at(ty_metrics *m, const ty_value *events, size_t base, ty_error *err) {
    ty_err_clear(err);
    if (!m || !events) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "metrics and events are required");
    if (ty_value_kind(events) != TY_LIST) {
        ty_err_path(err, "events");
        return ty_err_set(err, TY_DOMAIN_EVENT, TY_E_EVENT, "events: must be a list of metric events");
    }
    size_t n = ty_value_count(events);
    mt_ev ev;
    for (size_t i = 0; i < n; i++) {
        int rc = mt_parse(ty_value_item(events, i), base + i, &ev, err);
        if (rc) return rc;
    }
    for (size_t i = 0; i < n; i++) {
        mt_parse(ty_value_item(events, i), base + i, &ev, NULL);
        if (!ev.skip && mt_apply(m, &ev)) {
            ty_err_path(err, "events[%zu]", base + i);
            ty_err_nomem(err, TY_DOMAIN_NONE);
            return TY_E_NOMEM;
        }
    }
    return TY_OK;
}

int ty_metrics_add(ty_metrics *m, const ty_value *events, ty_error *err) { return ty_metrics_add_at(m, events, 0, err); }

static double mt_round4(double x) { return floor(x * 10000.0 + 0.5) / 10000.0; }

/* qsort orders: doubles ascending; steps by key bytes. */
static int mt_dcmp(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b ? 1 : 0;
}

static int mt_bytes_cmp(const char *a, size_t an, const char *b, size_t bn) {
    size_t n = an < bn ? an : bn;
    int k = n ? memcmp(a, b, n) : 0;
    if (k) return k;
    return an < bn ? -1 : an > bn ? 1 : 0;
}

static int mt_kcmp(const void *x, const void *y) {
    const mt_head *a = &(*(const mt_step *const *)x)->h, *b = &(*(const mt_step *const *)y)->h;
    return mt_bytes_cmp(a->key, a->len, b->key, b->len);
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

/* {"median", "p90"} of sorted v[0..n), nulls when n is 0. */
static ty_value *mt_ttns(ty_doc *d, const double *v, size_t n) {
    ty_value *t = ty_val_map(d);
    ty_value *med = n ? ty_val_number(d, mt_rank(v, n, 50)) : ty_val_null(d);
    ty_value *p90 = n ? ty_val_number(d, mt_rank(v, n, 90)) : ty_val_null(d);
    if (!t || !med || !p90 || ty_map_put(d, t, "median", 6, med) || ty_map_put(d, t, "p90", 3, p90)) return NULL;
    return t;
}

/* The 95 % Wilson score interval of x successes in n trials (0 <= x <= n,
 * n > 0) as [low, high] rounded to 4 decimals; null when x > n. */
static ty_value *mt_wilson(ty_doc *d, double x, double n) {
    if (x > n) return ty_val_null(d);
    const double z = 1.959963984540054; /* the 0.975 quantile of the standard normal */
    double p = x / n, z2 = z * z;
    double mid = p + z2 / (2.0 * n);
    double half = z * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
    double den = 1.0 + z2 / n;
    double lo = mt_round4((mid - half) / den), hi = mt_round4((mid + half) / den);
    ty_value *l = ty_val_list(d), *a = ty_val_number(d, lo < 0 ? 0 : lo), *b = ty_val_number(d, hi > 1 ? 1 : hi);
    if (!l || !a || !b || ty_list_push(d, l, a) || ty_list_push(d, l, b)) return NULL;
    return l;
}

/* ===================================================================== *
 * The result's parts
 * ===================================================================== */

/* What ty_metrics_result works from, all allocated with m's allocator. */
typedef struct mt_view {
    const ty_metrics *m;
    double *lat;        /* the latencies, sorted */
    mt_step **steps;    /* sorted by key */
    size_t nsteps;
    uint32_t *step_rank; /* [step id]: its place in `steps` */
    mt_word **words;    /* sorted by step, template, variant */
    mt_word **word_by_id;
    uint64_t *unreplied; /* [word id]: asks with no reply seen */
    double *wlat;       /* latencies of commits with a wording, by wording id then value */
    size_t *wlat_at;    /* [word id]: where its latencies begin in wlat; [nword + 1] ends */
} mt_view;

static void mt_view_free(mt_view *v) {
    const ty_alloc *a = v->m->alloc;
    ty_mem_free(a, v->lat);
    ty_mem_free(a, v->steps);
    ty_mem_free(a, v->step_rank);
    ty_mem_free(a, v->words);
    ty_mem_free(a, v->word_by_id);
    ty_mem_free(a, v->unreplied);
    ty_mem_free(a, v->wlat);
    ty_mem_free(a, v->wlat_at);
}

/* n elements of `size` bytes, zeroed (n may be 0); NULL on OOM. */
static void *mt_calloc(const ty_metrics *m, size_t n, size_t size) {
    size_t bytes;
    if (!ty_size_mul(n ? n : 1, size, &bytes)) return NULL;
    void *p = ty_mem_alloc(m->alloc, bytes);
    if (p) memset(p, 0, bytes);
    return p;
}

/* Conversations with a customer message after their first ask. */
static size_t mt_replied(const ty_metrics *m) {
    size_t n = 0;
    for (size_t i = 0; i < m->cconv; i++) {
        const mt_conv *c = &m->conv[i];
        if (c->h.key && (c->replied || (c->first_ask >= 0 && c->heard > c->first_ask))) n++;
    }
    return n;
}

/* "text" < "v1" < "v2" < ... < "v10" < anything else (channel names,
 * "builtin"); then by bytes. */
static int mt_variant_class(const char *s, size_t n) {
    if (n == 4 && memcmp(s, "text", 4) == 0) return 0;
    if (n < 2 || s[0] != 'v') return 2;
    for (size_t i = 1; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 2;
    return 1;
}

static int mt_variant_cmp(const char *a, size_t an, const char *b, size_t bn) {
    int ca = mt_variant_class(a, an), cb = mt_variant_class(b, bn);
    if (ca != cb) return ca < cb ? -1 : 1;
    if (ca == 1 && an != bn) return an < bn ? -1 : 1; /* fewer digits, smaller number */
    return mt_bytes_cmp(a, an, b, bn);
}

/* The order of the wordings: by step (as by_step), template, variant.
 * qsort passes no context, so each wording carries its step's rank. */
typedef struct mt_wkey {
    uint32_t rank;
    mt_word *w;
} mt_wkey;

static int mt_wcmp(const void *x, const void *y) {
    const mt_wkey *a = x, *b = y;
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    const char *pa[4], *pb[4];
    size_t la[4], lb[4];
    mt_word_parts(a->w, pa, la);
    mt_word_parts(b->w, pb, lb);
    int k = mt_bytes_cmp(pa[2], la[2], pb[2], lb[2]);
    return k ? k : mt_variant_cmp(pa[3], la[3], pb[3], lb[3]);
}

/* One commit latency of a wording. */
typedef struct mt_wlat {
    uint32_t word;
    double lat;
} mt_wlat;

static int mt_wlcmp(const void *x, const void *y) {
    const mt_wlat *a = x, *b = y;
    if (a->word != b->word) return a->word < b->word ? -1 : 1;
    return a->lat < b->lat ? -1 : a->lat > b->lat ? 1 : 0;
}

/* Sorts the latencies and the steps. */
static int mt_view_steps(mt_view *v) {
    const ty_metrics *m = v->m;
    if (m->nlat) {
        if (!(v->lat = mt_calloc(m, m->nlat, sizeof *v->lat))) return TY_E_NOMEM;
        memcpy(v->lat, m->lat, m->nlat * sizeof *v->lat);
        qsort(v->lat, m->nlat, sizeof *v->lat, mt_dcmp);
    }
    if (!(v->steps = mt_calloc(m, m->nstep, sizeof *v->steps))) return TY_E_NOMEM;
    if (!(v->step_rank = mt_calloc(m, m->nstep + 1, sizeof *v->step_rank))) return TY_E_NOMEM;
    for (size_t i = 0; i < m->cstep; i++)
        if (m->step[i].h.key) v->steps[v->nsteps++] = &m->step[i];
    qsort(v->steps, v->nsteps, sizeof *v->steps, mt_kcmp);
    for (size_t i = 0; i < v->nsteps; i++) v->step_rank[v->steps[i]->id] = (uint32_t)i;
    return TY_OK;
}

/* Sorts the wordings and counts, per wording, the asks no reply followed
 * (the conversations' tails). */
static int mt_view_words(mt_view *v) {
    const ty_metrics *m = v->m;
    mt_wkey *keys = mt_calloc(m, m->nword, sizeof *keys);
    v->words = mt_calloc(m, m->nword, sizeof *v->words);
    v->word_by_id = mt_calloc(m, m->nword + 1, sizeof *v->word_by_id);
    v->unreplied = mt_calloc(m, m->nword + 1, sizeof *v->unreplied);
    if (!keys || !v->words || !v->word_by_id || !v->unreplied) {
        ty_mem_free(m->alloc, keys);
        return TY_E_NOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < m->cword; i++) {
        mt_word *w = &m->word[i];
        if (!w->h.key) continue;
        keys[n].rank = v->step_rank[w->step];
        keys[n++].w = w;
        v->word_by_id[w->id] = w;
    }
    qsort(keys, n, sizeof *keys, mt_wcmp);
    for (size_t i = 0; i < n; i++) v->words[i] = keys[i].w;
    ty_mem_free(m->alloc, keys);
    for (size_t i = 0; i < m->cconv; i++) {
        const mt_conv *c = &m->conv[i];
        for (int k = 0; c->h.key && k < MT_TAIL && c->tail_ask[k]; k++) {
            const mt_word *w = v->word_by_id[c->tail_ask[k]];
            bool answered = false;
            for (int j = 0; j < MT_TAIL; j++) answered |= c->tail_said[j] == w->step;
            if (!answered) v->unreplied[w->id]++;
        }
    }
    return TY_OK;
}

/* Groups the latencies of commits with a wording by wording, sorted. */
static int mt_view_word_latencies(mt_view *v) {
    const ty_metrics *m = v->m;
    size_t n = 0;
    for (size_t i = 0; i < m->nlat; i++) n += m->lat_word[i] != 0;
    mt_wlat *pairs = mt_calloc(m, n, sizeof *pairs);
    v->wlat = mt_calloc(m, n, sizeof *v->wlat);
    v->wlat_at = mt_calloc(m, m->nword + 2, sizeof *v->wlat_at);
    if (!pairs || !v->wlat || !v->wlat_at) {
        ty_mem_free(m->alloc, pairs);
        return TY_E_NOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < m->nlat; i++)
        if (m->lat_word[i]) pairs[k++] = (mt_wlat){m->lat_word[i], m->lat[i]};
    qsort(pairs, n, sizeof *pairs, mt_wlcmp);
    for (size_t i = 0; i < n; i++) {
        v->wlat[i] = pairs[i].lat;
        v->wlat_at[pairs[i].word + 1]++;
    }
    for (size_t id = 1; id <= m->nword + 1; id++) v->wlat_at[id] += v->wlat_at[id - 1];
    ty_mem_free(m->alloc, pairs);
    return TY_OK;
}

/* One row of "variants". */
static ty_value *mt_word_row(ty_doc *d, const mt_view *v, const mt_word *w) {
    static const char *const names[4] = {"flow", "step", "template", "variant"};
    const char *part[4];
    size_t len[4];
    mt_word_parts(w, part, len);
    double asks = (double)w->asks, commits = (double)w->commits;
    double replies = (double)(w->asks - v->unreplied[w->id]);
    size_t at = v->wlat_at[w->id], nlat = v->wlat_at[w->id + 1] - at;
    ty_value *row = ty_val_map(d);
    int rc = row ? TY_OK : TY_E_NOMEM;
    for (int i = 0; i < 4 && !rc; i++) {
        ty_value *s = ty_val_string(d, part[i], len[i]);
        if (!s || ty_map_put(d, row, names[i], strlen(names[i]), s)) rc = TY_E_NOMEM;
    }
    struct {
        const char *key;
        ty_value *val;
    } f[] = {{"asks", ty_val_number(d, asks)},
             {"replies", ty_val_number(d, replies)},
             {"reply_rate", mt_ratio(d, replies, asks)},
             {"reply_rate_ci", mt_wilson(d, replies, asks)},
             {"commits", ty_val_number(d, commits)},
             {"completion", mt_ratio(d, commits, asks)},
             {"completion_ci", mt_wilson(d, commits, asks)},
             {"time_to_next_step", mt_ttns(d, v->wlat + at, nlat)}};
    for (size_t i = 0; i < sizeof f / sizeof f[0] && !rc; i++)
        if (!f[i].val || ty_map_put(d, row, f[i].key, strlen(f[i].key), f[i].val)) rc = TY_E_NOMEM;
    return rc ? NULL : row;
}

/* "variants": a row per wording with at least one ask. */
static ty_value *mt_word_rows(ty_doc *d, const mt_view *v) {
    ty_value *list = ty_val_list(d);
    for (size_t i = 0; list && i < v->m->nword; i++) {
        if (!v->words[i]->asks) continue;
        ty_value *row = mt_word_row(d, v, v->words[i]);
        if (!row || ty_list_push(d, list, row)) return NULL;
    }
    return list;
}

/* by_step ({"flow.step": commits / asks} where asks > 0) when `ratio`,
 * else drop_off ({"flow.step": drops} where drops > 0). */
static ty_value *mt_step_map(ty_doc *d, const mt_view *v, bool ratio) {
    ty_value *map = ty_val_map(d);
    for (size_t i = 0; map && i < v->nsteps; i++) {
        const mt_step *s = v->steps[i];
        if (ratio ? !s->asks : !s->drops) continue;
        ty_value *x = ratio ? mt_ratio(d, (double)s->commits, (double)s->asks) : ty_val_number(d, (double)s->drops);
        if (!x || ty_map_put(d, map, s->h.key, s->h.len, x)) return NULL;
    }
    return map;
}

/* "steps": {"flow.step": {"asks", "commits"}} for each step asked or
 * answered (keys sorted, as by_step): the counts behind by_step, so a
 * result kept as JSON still has them. */
static ty_value *mt_step_counts(ty_doc *d, const mt_view *v) {
    ty_value *map = ty_val_map(d);
    for (size_t i = 0; map && i < v->nsteps; i++) {
        const mt_step *s = v->steps[i];
        if (!s->asks && !s->commits) continue;
        ty_value *row = ty_val_map(d), *a = ty_val_number(d, (double)s->asks), *c = ty_val_number(d, (double)s->commits);
        if (!row || !a || !c || ty_map_put(d, row, "asks", 4, a) || ty_map_put(d, row, "commits", 7, c) ||
            ty_map_put(d, map, s->h.key, s->h.len, row))
            return NULL;
    }
    return map;
}

/* The result's root map. */
static ty_value *mt_root(ty_doc *d, const mt_view *v) {
    const ty_metrics *m = v->m;
    ty_value *root = ty_val_map(d), *comp = ty_val_map(d);
    int rc = root && comp ? TY_OK : TY_E_NOMEM;
#define MT_PUT(map, k, val)                                                                    \
    do {                                                                                       \
        ty_value *v_ = (val);                                                                  \
        if (!rc && (!v_ || ty_map_put(d, map, k, strlen(k), v_))) rc = TY_E_NOMEM;             \
    } while (0)
    MT_PUT(root, "conversations", ty_val_number(d, (double)m->nconv));
    MT_PUT(root, "reply_rate", mt_ratio(d, (double)mt_replied(m), (double)m->nconv));
    MT_PUT(root, "time_to_next_step", mt_ttns(d, v->lat, m->nlat));
    MT_PUT(comp, "overall", mt_ratio(d, (double)m->commits, (double)m->asks));
    MT_PUT(comp, "by_step", mt_step_map(d, v, true));
    MT_PUT(root, "completion", comp);
    MT_PUT(root, "handoffs", ty_val_number(d, (double)m->handoffs));
    MT_PUT(root, "handoff_context",
           m->ctx_n ? ty_val_number(d, mt_round4(m->ctx_sum / (double)m->ctx_n)) : ty_val_null(d));
    MT_PUT(root, "drop_off", mt_step_map(d, v, false));
    MT_PUT(root, "opt_outs", ty_val_number(d, (double)m->opt_outs));
    MT_PUT(root, "variants", mt_word_rows(d, v));
    MT_PUT(root, "steps", mt_step_counts(d, v));
#undef MT_PUT
    return rc ? NULL : root;
}

/* Returns a new doc the caller frees with ty_doc_free; m is only read. */
ty_doc *ty_metrics_result(const ty_metrics *m, ty_error *err) {
    ty_err_clear(err);
    if (!m) {
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "metrics is required");
        return NULL;
    }
    mt_view v;
    memset(&v, 0, sizeof v);
    v.m = m;
    ty_doc *d = ty_doc_new(m->alloc);
    ty_value *root = NULL;
    if (d && !mt_view_steps(&v) && !mt_view_words(&v) && !mt_view_word_latencies(&v)) root = mt_root(d, &v);
    mt_view_free(&v);
    if (!root) {
        ty_doc_free(d);
        ty_err_nomem(err, TY_DOMAIN_NONE);
        return NULL;
    }
    ty_doc_set_root(d, root);
    return d;
}

#undef MT_MAX_KEY
