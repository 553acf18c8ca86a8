/*
 * rec_money.c — amounts, currencies and ranges: the money reader.
 * Part of the recognisers (recognize.c has the overview and the
 * decisions); included in this order by csrc/tinyyes.c, one translation unit.
 */
/* ---- money -------------------------------------------------------------- */

typedef struct rec_amt {
    double v;
    size_t t0, t1;
    const char *cur; /* ISO code, or NULL */
} rec_amt;

/* A currency word or symbol at token i: tokens matched, *iso set. */
static size_t rec_currency_at(const rec_cx *c, size_t i, const char **iso) {
    size_t best = 0;
    if (i >= c->msg.t->ntok || !((rec_may(c, c->msg.t, i, false) >> REC_L_currencies) & 1)) return 0;
    char b = c->msg.t->norm[c->msg.t->tok[i].start];
    for (const ty_loc_currency *cu = c->loc->currencies; cu && cu->text; cu++) {
        if (cu->text[0] != b) continue;
        size_t n = rec_phrase(c->msg.t, i, cu->text);
        if (n > best) {
            best = n;
            *iso = cu->iso;
        }
    }
    return best;
}

/* An amount at token i: [currency] number [multiplier] [currency]. */
static bool rec_amount_at(const rec_cx *c, size_t i, const bool *covered, rec_amt *a) {
    const ty_tokens *t = c->msg.t;
    memset(a, 0, sizeof a[0]);
    size_t j = i;
    const char *cur = NULL;
    size_t n = rec_currency_at(c, j, &cur);
    j += n;
    rec_num num;
    if (j >= t->ntok || (covered && covered[j] && !cur)) return false;
    if (!rec_number_at(c, &c->msg, j, true, false, &num)) return false;
    size_t k = num.t1;
    const ty_loc_word *w = NULL;
    size_t mn = rec_words(c, t, k, RW(multipliers), &w);
    if (mn && !num.words) {
        num.v *= w->value;
        k += mn;
    }
    if (!cur) {
        n = rec_currency_at(c, k, &cur);
        k += n;
    }
    a->v = num.v;
    a->t0 = i;
    a->t1 = k;
    a->cur = cur;
    return true;
}

typedef struct rec_money {
    size_t t0, t1;
    bool range, has_min, has_max, explicit_;
    double amount, min, max;
    const char *cur;
} rec_money;

/* A range connector at token j: a word of list ("to", "and": *n tokens) or
 * a dash between the two amounts ("50-80", "50 – 80": *n = 0). */
static bool rec_range_conn(const rec_cx *c, size_t j, const char *const *list, int id, size_t *n) {
    *n = rec_list(c, c->msg.t, j, list, id);
    if (*n) return true;
    if (j >= c->msg.t->ntok) return false;
    const char *g;
    size_t gn;
    rec_gap(&c->msg, j, &g, &gn);
    while (gn && ty_is_space((unsigned char)*g)) g++, gn--;
    while (gn && ty_is_space((unsigned char)g[gn - 1])) gn--;
    return (gn == 1 && g[0] == '-') || (gn == 3 && memcmp(g, "\xE2\x80\x93", 3) == 0) ||
           (gn == 3 && memcmp(g, "\xE2\x80\x94", 3) == 0);
}

/* Both ends of a range share one currency; false when they name two. */
static bool rec_range_currency(const rec_amt *a, const rec_amt *b, const char **cur) {
    if (a->cur && b->cur && strcmp(a->cur, b->cur) != 0) return false;
    *cur = a->cur ? a->cur : b->cur;
    return true;
}

/* One money expression at token i. */
static bool rec_money_at(const rec_cx *c, size_t i, const bool *covered, rec_money *m, bool *bad) {
    const ty_tokens *t = c->msg.t;
    memset(m, 0, sizeof *m);
    m->t0 = i;
    rec_amt a, b;
    size_t n;
    size_t cn;
    if ((n = rec_list(c, t, i, RL(range_between))) != 0 && rec_amount_at(c, i + n, NULL, &a) &&
        (rec_range_conn(c, a.t1, RL(range_and), &cn) || rec_range_conn(c, a.t1, RL(range_to), &cn)) &&
        rec_amount_at(c, a.t1 + cn, NULL, &b)) {
        if (!rec_range_currency(&a, &b, &m->cur)) return *bad = true, false;
        m->range = m->has_min = m->has_max = m->explicit_ = true;
        m->min = a.v < b.v ? a.v : b.v;
        m->max = a.v < b.v ? b.v : a.v;
        m->t1 = b.t1;
        return true;
    }
    size_t xn = rec_list(c, t, i, RL(range_max)), nn = rec_list(c, t, i, RL(range_min));
    if ((xn || nn) && rec_amount_at(c, i + (xn > nn ? xn : nn), NULL, &a)) {
        if (nn >= xn && rec_range_conn(c, a.t1, RL(range_to), &cn) && rec_amount_at(c, a.t1 + cn, NULL, &b)) {
            if (!rec_range_currency(&a, &b, &m->cur)) return *bad = true, false;
            m->range = m->has_min = m->has_max = m->explicit_ = true;
            m->min = a.v < b.v ? a.v : b.v;
            m->max = a.v < b.v ? b.v : a.v;
            m->t1 = b.t1;
            return true;
        }
        m->range = m->explicit_ = true;
        if (xn > nn) {
            m->has_max = true;
            m->max = a.v;
        } else {
            m->has_min = true;
            m->min = a.v;
        }
        m->cur = a.cur;
        m->t1 = a.t1;
        return true;
    }
    if (!rec_amount_at(c, i, covered, &a)) return false;
    if (rec_range_conn(c, a.t1, RL(range_to), &cn) && rec_amount_at(c, a.t1 + cn, NULL, &b)) {
        if (!rec_range_currency(&a, &b, &m->cur)) return *bad = true, false;
        m->range = m->has_min = m->has_max = m->explicit_ = true;
        m->min = a.v < b.v ? a.v : b.v;
        m->max = a.v < b.v ? b.v : a.v;
        m->t1 = b.t1;
        return true;
    }
    m->cur = a.cur;
    m->t1 = a.t1;
    if ((n = rec_list(c, t, a.t1, RL(range_max_after))) != 0) {
        m->range = m->has_max = m->explicit_ = true;
        m->max = a.v;
        m->t1 += n;
    } else if ((n = rec_list(c, t, a.t1, RL(range_min_after))) != 0) {
        m->range = m->has_min = m->explicit_ = true;
        m->min = a.v;
        m->t1 += n;
    } else {
        m->amount = a.v;
        m->explicit_ = a.cur != NULL;
    }
    return true;
}

/* True when two money readings are the same value. */
static bool rec_money_same(const rec_money *a, const rec_money *b) {
    if (a->range != b->range || a->has_min != b->has_min || a->has_max != b->has_max) return false;
    if ((a->cur == NULL) != (b->cur == NULL) || (a->cur && strcmp(a->cur, b->cur) != 0)) return false;
    if (!a->range) return a->amount == b->amount;
    return (!a->has_min || a->min == b->min) && (!a->has_max || a->max == b->max);
}

/* The money value map in the result doc (NULL on OOM). */
static ty_value *rec_money_value(rec_cx *c, const rec_money *m) {
    ty_doc *d = c->doc;
    ty_value *v = ty_val_map(d);
    ty_value *cur = m->cur ? ty_val_string(d, m->cur, strlen(m->cur)) : ty_val_null(d);
    if (!v || !cur) return NULL;
    if (!m->range) {
        ty_value *a = ty_val_number(d, m->amount);
        if (!a || ty_map_put(d, v, "amount", 6, a)) return NULL;
    } else {
        ty_value *lo = m->has_min ? ty_val_number(d, m->min) : NULL;
        ty_value *hi = m->has_max ? ty_val_number(d, m->max) : NULL;
        if ((m->has_min && (!lo || ty_map_put(d, v, "min", 3, lo))) ||
            (m->has_max && (!hi || ty_map_put(d, v, "max", 3, hi))))
            return NULL;
    }
    if (ty_map_put(d, v, "currency", 8, cur)) return NULL;
    return v;
}

/* money: one amount or range; explicit ones (a currency, a range word)
 * win over bare numbers, which count only in answers. */
static ty_value *rec_read_money(rec_cx *c) {
    const ty_tokens *t = c->msg.t;
    bool *covered = NULL;
    if (c->answer) { /* bare amounts count only in answers, and not inside dates and times */
        covered = ty_arena_alloc(c->scratch, t->ntok * sizeof(bool));
        if (!covered) {
            c->rc = TY_E_NOMEM;
            return NULL;
        }
        memset(covered, 0, t->ntok * sizeof(bool));
        rec_cover_dates_times(c, covered);
    } else { /* an entity names its currency */
        bool any = false;
        const char *iso;
        for (size_t i = 0; i < t->ntok && !any; i++)
            any = t->tok[i].kind != TY_TOK_NUM && rec_currency_at(c, i, &iso);
        if (!any) return NULL;
    }
    rec_money best, bare;
    memset(&best, 0, sizeof best);
    memset(&bare, 0, sizeof bare);
    bool have = false, have_bare = false, bare_conflict = false;
    for (size_t i = 0; i < t->ntok;) {
        rec_money m;
        bool bad = false;
        if (!rec_money_at(c, i, covered, &m, &bad)) {
            if (bad) return NULL;
            i++;
            continue;
        }
        i = m.t1;
        if (!m.explicit_) {
            if (have_bare && !rec_money_same(&bare, &m)) bare_conflict = true;
            if (!have_bare) bare = m;
            have_bare = true;
            continue;
        }
        if (!c->answer && !m.cur) continue; /* entities need a currency */
        if (have && !rec_money_same(&best, &m)) return NULL;
        if (!have) best = m;
        have = true;
    }
    if (!have) {
        if (!c->answer || !have_bare || bare_conflict) return NULL;
        best = bare;
    }
    ty_value *v = rec_money_value(c, &best);
    if (!v) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    return rec_emit_toks(c, v, best.t0, best.t1);
}

