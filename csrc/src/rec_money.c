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

/* A sub-unit word at token i ("cents", "peniques"): tokens matched, *iso
 * set to its usual currency (NULL when it has none of its own). */
static size_t rec_subunit_at(const rec_cx *c, size_t i, const char **iso) {
    size_t best = 0;
    for (const ty_loc_currency *cu = c->loc->subunits; cu && cu->text; cu++) {
        size_t n = rec_phrase(c->msg.t, i, cu->text);
        if (n > best) {
            best = n;
            *iso = cu->iso;
        }
    }
    return best;
}

/* v times a multiplier, snapped to the integer it means when the binary
 * product misses it by a rounding error (16.4 million). */
static double rec_scale(double v, double m) {
    double r = v * m, q = nearbyint(r);
    return fabs(r - q) <= 1e-9 * fabs(r) ? q : r;
}

/* True when a percent sign follows token i-1 ("6,2%", "6.2 %"). */
static bool rec_percent_after(const rec_cx *c, size_t i) {
    const char *g;
    size_t gn;
    rec_gap(&c->msg, i, &g, &gn);
    while (gn && ty_is_space((unsigned char)*g)) g++, gn--;
    return gn && *g == '%';
}

/* A number at token j of the message; a currency word glued before it
 * ("USD115") does not make it part of a code. */
static bool rec_money_number(const rec_cx *c, size_t j, bool glued_ok, rec_num *num) {
    if (rec_number_at(c, &c->msg, j, true, false, num)) return true;
    if (!glued_ok || j == 0 || !rec_adjacent(&c->msg, j)) return false;
    ty_tokens view = *c->msg.t; /* the tokens from j on: nothing glued before */
    view.tok += j;
    view.ntok -= j;
    rec_src s = {c->msg.text, c->msg.len, &view};
    if (!rec_number_at(c, &s, 0, false, false, num)) return false;
    num->t0 += j;
    num->t1 += j;
    return true;
}

/* Hundredths after an amount in currency cur: [link] number<100 [sub-unit]
 * ("3 dollars 50 cents", "15 dolares con 50"); a bare number only when
 * bare is set (the currency was written after the amount) and nothing
 * follows that makes it an amount or a count of its own. */
static bool rec_cents_after(const rec_cx *c, size_t k, bool bare, double *cents, size_t *end) {
    const ty_tokens *t = c->msg.t;
    if (k >= t->ntok || rec_gap_punct(&c->msg, k)) return false;
    size_t q = k + rec_list_at(t, k, c->loc->money_links);
    rec_num n2;
    if (q >= t->ntok || (q > k && rec_gap_punct(&c->msg, q))) return false;
    if (!rec_number_at(c, &c->msg, q, true, false, &n2) || !n2.integer || n2.v >= 100 || n2.v < 0) return false;
    const char *iso = NULL, *cur = NULL;
    size_t sn = rec_subunit_at(c, n2.t1, &iso);
    if (!sn) {
        const ty_loc_word *w = NULL;
        if (!bare || (n2.t1 < t->ntok && rec_adjacent(&c->msg, n2.t1)) || rec_currency_at(c, n2.t1, &cur) ||
            rec_words(c, t, n2.t1, RW(multipliers), &w) || rec_list_at(t, n2.t1, c->loc->not_money) ||
            rec_percent_after(c, n2.t1))
            return false;
    }
    *cents = n2.v;
    *end = n2.t1 + sn;
    return true;
}

/* An amount at token i: [currency] number [multiplier] [currency]
 * [multiplier] [hundredths], or number sub-unit ("45 cents"). A bare
 * number that counts something ("3 times", "70 of us") or a percentage is
 * no amount. cents: hundredths may follow (not inside a "between"). */
static bool rec_amount_at(const rec_cx *c, size_t i, const bool *covered, rec_amt *a, bool cents) {
    const ty_tokens *t = c->msg.t;
    memset(a, 0, sizeof a[0]);
    size_t j = i;
    const char *cur = NULL;
    size_t n = rec_currency_at(c, j, &cur);
    j += n;
    rec_num num;
    if (j >= t->ntok || (covered && covered[j] && !cur)) return false;
    if (!rec_money_number(c, j, n > 0, &num) || rec_percent_after(c, num.t1)) return false;
    size_t k = num.t1;
    const ty_loc_word *w = NULL;
    size_t mn = rec_words(c, t, k, RW(multipliers), &w);
    double v = num.v;
    if (mn && !num.words) {
        v = rec_scale(v, w->value);
        k += mn;
    }
    bool postfix = false;
    if (!cur) {
        n = rec_currency_at(c, k, &cur);
        k += n;
        postfix = n > 0;
        if (n && !mn && !num.words && (mn = rec_words(c, t, k, RW(multipliers), &w)) != 0) { /* 75 USD million */
            v = rec_scale(v, w->value);
            k += mn;
        }
    }
    const char *iso = NULL;
    size_t sn = cur ? 0 : rec_subunit_at(c, k, &iso);
    double hundredths;
    size_t end;
    if (sn) { /* 45 cents */
        v = num.integer ? v / 100 : rec_scale(v, 0.01);
        cur = iso;
        k += sn;
    } else if (cur && cents && !mn && num.integer && rec_cents_after(c, k, postfix, &hundredths, &end)) {
        v = (v * 100 + hundredths) / 100;
        k = end;
    } else if (!cur && rec_list_at(t, k, c->loc->not_money)) {
        return false;
    }
    a->v = v;
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

/* m becomes the range between amounts a and b (either order); false with
 * *bad when they name two currencies. */
static bool rec_money_between(const rec_amt *a, const rec_amt *b, rec_money *m, bool *bad) {
    if (!rec_range_currency(a, b, &m->cur)) return *bad = true, false;
    m->range = m->has_min = m->has_max = m->explicit_ = true;
    m->min = a->v < b->v ? a->v : b->v;
    m->max = a->v < b->v ? b->v : a->v;
    m->t1 = b->t1;
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
    if ((n = rec_list(c, t, i, RL(range_between))) != 0 && rec_amount_at(c, i + n, NULL, &a, false) &&
        (rec_range_conn(c, a.t1, RL(range_and), &cn) || rec_range_conn(c, a.t1, RL(range_to), &cn)) &&
        rec_amount_at(c, a.t1 + cn, NULL, &b, true)) {
        return rec_money_between(&a, &b, m, bad);
    }
    size_t xn = rec_list(c, t, i, RL(range_max)), nn = rec_list(c, t, i, RL(range_min));
    if ((xn || nn) && rec_amount_at(c, i + (xn > nn ? xn : nn), NULL, &a, true)) {
        if (nn >= xn && rec_range_conn(c, a.t1, RL(range_to), &cn) && rec_amount_at(c, a.t1 + cn, NULL, &b, true)) {
            return rec_money_between(&a, &b, m, bad);
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
    if (!rec_amount_at(c, i, covered, &a, true)) return false;
    if (rec_range_conn(c, a.t1, RL(range_to), &cn) && rec_amount_at(c, a.t1 + cn, NULL, &b, true)) {
        return rec_money_between(&a, &b, m, bad);
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
            any = t->tok[i].kind != TY_TOK_NUM && (rec_currency_at(c, i, &iso) || (i > 0 && rec_subunit_at(c, i, &iso)));
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

