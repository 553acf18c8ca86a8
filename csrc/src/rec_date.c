/*
 * rec_date.c — civil dates, date expressions and the date reader.
 * Part of the recognisers (recognize.c has the overview and the
 * decisions); included in this order by csrc/tinyyes.c, one translation unit.
 */
/* ===================================================================== *
 * Civil dates (proleptic Gregorian; no mktime, no TZ)
 * ===================================================================== */

/* Days since 1970-01-01 of y-m-d (H. Hinnant's days_from_civil). */
static int64_t rec_days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Inverse of rec_days_from_civil. */
static void rec_civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
static int rec_weekday(int64_t z) {
    int64_t w = (z + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* Gregorian leap year. */
static bool rec_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Days in month m of year y. */
static int rec_dim(int64_t y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && rec_leap(y) ? 29 : days[m - 1];
}

/* The customer's local day (days since the epoch), when there is a clock. */
static bool rec_today(const rec_cx *c, int64_t *z) {
    const ty_recog_ctx *x = c->ctx;
    /* years 1 to 9999 only: keeps every sum below far from overflow */
    if (!x->has_at || x->at < -62135596800LL || x->at > 253402300799LL) return false;
    int64_t s = x->at + (int64_t)x->utc_offset;
    int64_t q = s / 86400;
    if (s % 86400 < 0) q--;
    *z = q;
    return true;
}


/* ===================================================================== *
 * Dates
 * ===================================================================== */

enum { REC_D_YMD = 1, REC_D_MD, REC_D_DOM, REC_D_REL, REC_D_WD, REC_D_WEEKEND };

typedef struct rec_date {
    size_t t0, t1;
    int kind;   /* REC_D_* */
    int64_t y;
    int m, d;
    int n;      /* REL: days from today; WD: weekday; WEEKEND: 0 this, 1 next */
    int next;   /* WD: weeks after the coming one */
    bool weak;  /* not an entity in extract mode */
} rec_date;

/* A day of the month at token j: "3", "3rd", "third"; *ordinal says whether
 * it was written as an ordinal. */
static bool rec_day_at(const rec_cx *c, const rec_src *s, size_t j, int *day, size_t *end, bool *ordinal,
                       bool *word) {
    const ty_tokens *t = s->t;
    if (j >= t->ntok) return false;
    *ordinal = false;
    *word = false;
    if (t->tok[j].kind == TY_TOK_NUM) {
        size_t nd;
        long v = rec_tok_int(t, j, &nd);
        if (v < 1 || v > 31 || nd > 2) return false;
        if (j > 0 && rec_adjacent(s, j)) return false;
        size_t k = j + 1;
        if (k < t->ntok && (rec_gap_is(s, k, ':') || rec_gap_is(s, k, '.')) && t->tok[k].kind == TY_TOK_NUM)
            return false; /* a time or a decimal */
        if (k < t->ntok && rec_adjacent(s, k) && rec_tok_in(c, t, k, RL(ordinal_suffixes))) {
            *ordinal = true;
            k++;
        } else if (k < t->ntok && rec_adjacent(s, k) && t->tok[k].kind == TY_TOK_WORD) {
            return false; /* "3pm" */
        }
        *day = (int)v;
        *end = k;
        return true;
    }
    const ty_loc_word *w = NULL;
    size_t n = rec_words(c, t, j, RW(ordinals), &w);
    if (n && w->value >= 1 && w->value <= 31) {
        *day = w->value;
        *end = j + n;
        *ordinal = true;
        *word = true;
        return true;
    }
    return false;
}

/* A four-digit year at token j. */
static bool rec_year_at(const rec_src *s, size_t j, int64_t *y) {
    size_t nd;
    long v = rec_tok_int(s->t, j, &nd);
    if (nd != 4 || v < 1000) return false;
    *y = v;
    return true;
}

/* Skips date connectors ("of", "the", "de") from token j. */
static size_t rec_skip_connectors(const rec_cx *c, const ty_tokens *t, size_t j) {
    size_t n;
    while ((n = rec_list(c, t, j, RL(date_connectors))) != 0) j += n;
    return j;
}

/* Absolute forms at token i: ISO, day-month, month-day, day-of-month. */
static bool rec_date_abs_at(const rec_cx *c, const rec_src *s, size_t i, rec_date *out) {
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    memset(out, 0, sizeof *out);
    out->t0 = i;
    /* year first: 2026-12-03, 2026/12/03, 2026.12.03 */
    int64_t y;
    if (rec_year_at(s, i, &y) && i + 2 < t->ntok && !(i > 0 && rec_adjacent(s, i))) {
        const char *g;
        size_t gn;
        rec_gap(s, i + 1, &g, &gn);
        size_t n1, n2;
        long m = rec_tok_int(t, i + 1, &n1), d = rec_tok_int(t, i + 2, &n2);
        if (gn == 1 && (g[0] == '-' || g[0] == '/' || g[0] == '.') && rec_gap_is(s, i + 2, g[0]) && m >= 1 &&
            n1 <= 2 && d >= 1 && n2 <= 2) {
            out->kind = REC_D_YMD;
            out->y = y;
            out->m = (int)m;
            out->d = (int)d;
            out->t1 = i + 3;
            return true;
        }
    }
    int day;
    size_t k;
    bool ord, word;
    /* day [of] month [[of] year] */
    if (rec_day_at(c, s, i, &day, &k, &ord, &word)) {
        size_t j = rec_skip_connectors(c, t, k);
        size_t n = rec_words_fuzzy(c, t, j, RW(months), &w);
        if (n) {
            out->m = w->value;
            out->d = day;
            out->t1 = j + n;
            out->kind = REC_D_MD;
            size_t yj = rec_skip_connectors(c, t, j + n);
            if (rec_year_at(s, yj, &y)) {
                out->kind = REC_D_YMD;
                out->y = y;
                out->t1 = yj + 1;
            }
            return true;
        }
        if (ord && !word) { /* "the 15th" (but "second" alone is no day) */
            out->kind = REC_D_DOM;
            out->d = day;
            out->t1 = k;
            out->weak = true;
            return true;
        }
        return false;
    }
    /* month [the] day [, year] */
    size_t n = rec_words_fuzzy(c, t, i, RW(months), &w);
    if (n) {
        size_t j = rec_skip_connectors(c, t, i + n);
        if (rec_day_at(c, s, j, &day, &k, &ord, &word)) {
            out->m = w->value;
            out->d = day;
            out->t1 = k;
            out->kind = REC_D_MD;
            size_t yj = rec_skip_connectors(c, t, k);
            if (rec_year_at(s, yj, &y)) {
                out->kind = REC_D_YMD;
                out->y = y;
                out->t1 = yj + 1;
            }
            return true;
        }
    }
    return false;
}

/* The longest date expression starting at token i of the message. */
static bool rec_date_at(const rec_cx *c, size_t i, rec_date *out) {
    const rec_src *s = &c->msg;
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    rec_date best, cand;
    memset(&best, 0, sizeof best);
    bool found = false;
#define REC_TAKE(x)                                   \
    do {                                              \
        if (!found || (x).t1 > best.t1) best = (x);   \
        found = true;                                 \
    } while (0)
    if (rec_date_abs_at(c, s, i, &cand)) REC_TAKE(cand);
    size_t n = rec_words_fuzzy(c, t, i, RW(relative_days), &w);
    if (n) {
        memset(&cand, 0, sizeof cand);
        cand.t0 = i;
        cand.t1 = i + n;
        cand.kind = REC_D_REL;
        cand.n = w->value;
        REC_TAKE(cand);
    }
    n = rec_words(c, t, i, RW(weekends), &w);
    if (n) {
        memset(&cand, 0, sizeof cand);
        cand.t0 = i;
        cand.t1 = i + n;
        cand.kind = REC_D_WEEKEND;
        cand.n = w->value;
        REC_TAKE(cand);
    }
    /* in 3 days, in a week, dentro de dos semanas */
    n = rec_list(c, t, i, RL(in_words));
    if (n) {
        size_t j = i + n;
        long count = -1;
        size_t cn = rec_words(c, t, j, RW(count_words), &w);
        rec_num num;
        if (cn) {
            count = w->value;
            j += cn;
        } else if (rec_number_at(c, s, j, true, false, &num) && num.integer && num.v >= 0 && num.v <= 3660) {
            count = (long)num.v;
            j = num.t1;
        }
        size_t un = count >= 0 ? rec_words(c, t, j, RW(day_units), &w) : 0;
        if (un) {
            memset(&cand, 0, sizeof cand);
            cand.t0 = i;
            cand.t1 = j + un;
            cand.kind = REC_D_REL;
            cand.n = (int)(count * w->value);
            REC_TAKE(cand);
        }
    }
    /* [this|next] weekday [que viene] */
    {
        size_t j = i;
        int next = 0;
        size_t pn = rec_list(c, t, j, RL(this_words));
        size_t nn = rec_list(c, t, j, RL(next_words));
        if (nn > pn) {
            next = 1;
            j += nn;
        } else {
            j += pn;
        }
        size_t wn = rec_words_fuzzy(c, t, j, RW(weekdays), &w);
        if (wn) {
            memset(&cand, 0, sizeof cand);
            cand.t0 = i;
            cand.t1 = j + wn;
            cand.kind = REC_D_WD;
            cand.n = w->value;
            size_t sn = rec_list(c, t, cand.t1, RL(next_suffixes));
            if (sn) {
                next = 1;
                cand.t1 += sn;
            }
            cand.next = next;
            cand.weak = j == i && !sn && wn == 1 && rec_tok_in(c, t, j, RL(weak_words));
            /* "friday the 4th", "Fri 4 Dec": the absolute date decides */
            size_t k = rec_skip_connectors(c, t, cand.t1);
            rec_date abs;
            if (rec_date_abs_at(c, s, k, &abs)) {
                abs.t0 = i;
                abs.weak = false;
                cand = abs;
            }
            REC_TAKE(cand);
        }
    }
    /* "el 15", "the 15": a marker makes a bare number a day of the month */
    n = rec_list(c, t, i, RL(day_markers));
    if (n) {
        int day;
        size_t k;
        bool ord, word;
        if (rec_day_at(c, s, i + n, &day, &k, &ord, &word) && !word && !rec_date_abs_at(c, s, i + n, &cand)) {
            memset(&cand, 0, sizeof cand);
            cand.t0 = i + n;
            cand.t1 = k;
            cand.kind = REC_D_DOM;
            cand.d = day;
            cand.weak = true;
            REC_TAKE(cand);
        }
    }
#undef REC_TAKE
    if (found) *out = best;
    return found;
}

/* Resolves a date to a day number; false when it cannot be (no clock for a
 * relative date, or no such day). */
static bool rec_date_resolve(const rec_cx *c, const rec_date *d, int64_t *z) {
    if (d->kind == REC_D_YMD) {
        if (d->y < 1 || d->y > 9999 || d->m < 1 || d->m > 12 || d->d < 1 || d->d > rec_dim(d->y, d->m)) return false;
        *z = rec_days_from_civil(d->y, d->m, d->d);
        return true;
    }
    int64_t today;
    if (!rec_today(c, &today)) return false;
    int64_t ty;
    int tm, td;
    rec_civil_from_days(today, &ty, &tm, &td);
    int wd = rec_weekday(today);
    switch (d->kind) {
    case REC_D_MD: {
        if (d->m < 1 || d->m > 12 || d->d < 1 || d->d > 31) return false;
        int64_t y = ty;
        if (d->m < tm || (d->m == tm && d->d < td)) y++;
        if (d->m == 2 && d->d == 29)
            while (!rec_leap(y)) y++;
        if (d->d > rec_dim(y, d->m)) return false;
        *z = rec_days_from_civil(y, d->m, d->d);
        return true;
    }
    case REC_D_DOM: {
        int64_t y = ty;
        int m = tm;
        if (d->d < td) {
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
        for (int k = 0; k < 12 && d->d > rec_dim(y, m); k++)
            if (++m > 12) {
                m = 1;
                y++;
            }
        if (d->d > rec_dim(y, m)) return false;
        *z = rec_days_from_civil(y, m, d->d);
        return true;
    }
    case REC_D_REL: *z = today + d->n; return true;
    case REC_D_WD: *z = today + (d->n - wd + 7) % 7 + 7 * d->next; return true;
    case REC_D_WEEKEND: {
        int delta = wd >= 5 ? 0 : 5 - wd;
        if (d->n) delta = wd == 5 ? 7 : wd == 6 ? 6 : delta + 7;
        *z = today + delta;
        return true;
    }
    default: return false;
    }
}

/* "YYYY-MM-DD" of day z into buf (11 bytes). */
static size_t rec_format_date(int64_t z, char *buf) {
    int64_t y;
    int m, d;
    rec_civil_from_days(z, &y, &m, &d);
    int yy = (int)y;
    buf[0] = (char)('0' + yy / 1000 % 10);
    buf[1] = (char)('0' + yy / 100 % 10);
    buf[2] = (char)('0' + yy / 10 % 10);
    buf[3] = (char)('0' + yy % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
    return 10;
}

/* Marks the message tokens that belong to dates and explicit times, so a
 * number or amount is not read out of "3 Dec" or "at 3pm". */
static void rec_cover_dates_times(const rec_cx *c, bool *covered) {
    const ty_tokens *t = c->msg.t;
    for (size_t i = 0; i < t->ntok;) {
        if (!rec_may_start(c, t, i, REC_G_DATE, REC_G_DATE_TYPO)) {
            i++;
            continue;
        }
        size_t n = rec_list(c, t, i, RL(date_stops));
        if (n) {
            i += n;
            continue;
        }
        rec_date d;
        if (rec_date_at(c, i, &d)) {
            for (size_t k = d.t0; k < d.t1; k++) covered[k] = true;
            i = d.t1;
            continue;
        }
        i++;
    }
    for (size_t i = 0; i < t->ntok;) {
        rec_time h;
        if (rec_may_start(c, t, i, REC_G_TIME, 0) && rec_time_at(c, &c->msg, i, &h)) {
            if (h.level >= REC_TL_PREP)
                for (size_t k = h.t0; k < h.t1; k++) covered[k] = true;
            i = h.t1;
        } else {
            i++;
        }
    }
}


/* ---- date --------------------------------------------------------------- */

/* date: "YYYY-MM-DD" of the one day the text names. */
static ty_value *rec_read_date(rec_cx *c) {
    const ty_tokens *t = c->msg.t;
    bool have = false;
    int64_t first = 0;
    size_t f0 = 0, f1 = 0;
    for (size_t i = 0; i < t->ntok;) {
        if (!rec_may_start(c, t, i, REC_G_DATE, REC_G_DATE_TYPO)) {
            i++;
            continue;
        }
        size_t n = rec_list(c, t, i, RL(date_stops));
        if (n) {
            i += n;
            continue;
        }
        rec_date d;
        if (!rec_date_at(c, i, &d)) {
            i++;
            continue;
        }
        i = d.t1;
        int64_t z;
        if (d.weak && !c->answer) continue;
        if (!rec_date_resolve(c, &d, &z)) continue;
        if (have && z != first) return NULL; /* "friday or saturday" */
        if (!have) {
            have = true;
            first = z;
            f0 = d.t0;
            f1 = d.t1;
        }
    }
    if (!have) return NULL;
    int64_t y;
    int m, dd;
    rec_civil_from_days(first, &y, &m, &dd);
    if (y < 1 || y > 9999) return NULL;
    char buf[11];
    size_t bn = rec_format_date(first, buf);
    return rec_emit_toks(c, rec_str(c, buf, bn), f0, f1);
}

