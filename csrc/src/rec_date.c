/*
 * rec_date.c — civil dates, date expressions and the date reader.
 * Part of the recognisers (recognize.c has the overview and the
 * decisions); included in this order by csrc/tinyyes.c, one translation unit.
 */
/* ===================================================================== *
 * The customer's day (the calendar itself is civil.c)
 * ===================================================================== */

/* The customer's local day (days since the epoch), when there is a clock. */
static bool rec_today(const rec_cx *c, int64_t *z) {
    const ty_recog_ctx *x = c->ctx;
    /* years 1 to 9999 only: keeps every sum below far from overflow */
    if (!x->has_at || x->at < -62135596800LL || x->at > 253402300799LL) return false;
    *z = ty_civil_local_day(x->at, x->utc_offset);
    return true;
}


/* ===================================================================== *
 * Dates
 * ===================================================================== */

enum { REC_D_YMD = 1, REC_D_MD, REC_D_DOM, REC_D_REL, REC_D_WD, REC_D_WEEKEND, REC_D_WDDOM, REC_D_MDOM, REC_D_NTHWD };

/* How deep one date may lean on another ("3 days from next friday"). */
enum { REC_D_DEPTH = 2 };

typedef struct rec_date {
    size_t t0, t1;
    int kind;   /* REC_D_* */
    int64_t y;
    int m, d;
    int n;      /* REL: days from today; WD, WDDOM, NTHWD: weekday; WEEKEND: 0 this, 1 next; MDOM: months on */
    int next;   /* WD: weeks after the coming one (-1: the latest one before today); NTHWD: months on
                   when m is 0 (m -1: the next month that has it) */
    bool weak;  /* not an entity in extract mode */
    int add_days, add_months; /* moved by these once the base resolves ("3 days from friday") */
    int in_week; /* 1 + weekday: that day of the resolved day's week (0: none) */
    bool bad;   /* a date relative to words that cannot be read: the reply reads nothing */
    bool loose; /* day and month in digits only ("5.12", "5-10"): also a decimal or a range, so
                   not kept from the number and money readers */
    int wd_need; /* YMD, MD: 1 + the weekday named with the date ("friday june 15"); 0: none */
    bool this_said; /* WD: "this tuesday" (today when today is tuesday) */
    bool next_week; /* WD: "next tuesday": that day of next week (weeks from Monday), not the one
                       a week after the coming one ("tuesday week") */
} rec_date;

static bool rec_date_at(const rec_cx *c, size_t i, rec_date *out, int depth);

/* The year a two-digit year means: 00-39 are 2000-2039, 40-99 1940-1999. */
static int64_t rec_year2(long v) { return v < 40 ? 2000 + v : 1900 + v; }

/* A day of the month in words at token j: "fifteenth", "twenty first",
 * "twenty one", "veintiuno", "treinta y uno", "vigesimo segundo";
 * *ordinal when its last word is an ordinal. */
static bool rec_day_words(const rec_cx *c, const ty_tokens *t, size_t j, int *day, size_t *end, bool *ordinal) {
    const ty_loc_word *w = NULL;
    int tens = 0;
    bool tens_ord = false;
    size_t n = rec_words(c, t, j, RW(number_words), &w);
    if (n && w->kind == TY_NUMW_ADD && (w->value == 20 || w->value == 30)) {
        tens = w->value;
    } else if ((n = rec_words(c, t, j, RW(day_words), &w)) != 0 && w->kind == 1) {
        tens = w->value;
        tens_ord = true;
    }
    if (tens) {
        size_t k = j + n;
        size_t cn = rec_list(c, t, k, RL(number_connectors));
        const ty_loc_word *u = NULL;
        bool uord = true;
        size_t un = rec_words(c, t, k + cn, RW(ordinals), &u);
        if (!un || u->value < 1 || u->value > 9) {
            uord = false;
            un = rec_words(c, t, k + cn, RW(number_words), &u);
            if (un && u->kind != TY_NUMW_ADD) un = 0;
        }
        if (un && u->value >= 1 && u->value <= 9 && tens + u->value <= 31) {
            *day = tens + u->value;
            *end = k + cn + un;
            *ordinal = uord;
            return true;
        }
        *day = tens;
        *end = k;
        *ordinal = tens_ord;
        return true;
    }
    if ((n = rec_words(c, t, j, RW(day_words), &w)) != 0 ||
        ((n = rec_words(c, t, j, RW(ordinals), &w)) != 0 && w->value >= 1 && w->value <= 31)) {
        *day = w->value;
        *end = j + n;
        *ordinal = true;
        return true;
    }
    n = rec_words(c, t, j, RW(number_words), &w);
    if (n && w->kind == TY_NUMW_ADD && w->value >= 1 && w->value <= 31) {
        *day = w->value;
        *end = j + n;
        *ordinal = false;
        return true;
    }
    return false;
}

/* A day of the month at token j: "3", "3rd", "third", "twenty one";
 * *ordinal says whether it was written as an ordinal, *word whether in
 * words; glued allows digits right after a month word ("Oct2"). */
static bool rec_day_at(const rec_cx *c, const rec_src *s, size_t j, int *day, size_t *end, bool *ordinal,
                       bool *word, bool glued) {
    const ty_tokens *t = s->t;
    if (j >= t->ntok) return false;
    *ordinal = false;
    *word = false;
    if (t->tok[j].kind == TY_TOK_NUM) {
        size_t nd;
        long v = rec_tok_int(t, j, &nd);
        if (v < 1 || v > 31 || nd > 2) return false;
        if (j > 0 && rec_adjacent(s, j) && !glued) return false;
        size_t k = j + 1;
        if (k < t->ntok && (rec_gap_is(s, k, ':') || rec_gap_is(s, k, '.')) && t->tok[k].kind == TY_TOK_NUM)
            return false; /* a time or a decimal */
        if (k < t->ntok && (rec_adjacent(s, k) || rec_gap_is(s, k, '.')) &&
            rec_tok_in(c, t, k, RL(ordinal_suffixes))) { /* "3rd", "1.º" */
            *ordinal = true;
            k++;
        } else if (k < t->ntok && rec_adjacent(s, k) && t->tok[k].kind == TY_TOK_WORD) {
            return false; /* "3pm" */
        }
        *day = (int)v;
        *end = k;
        return true;
    }
    const ty_loc_word *w;
    if (rec_words(c, t, j, RW(part_phrases), &w)) return false; /* "first thing" is a part of the day */
    if (rec_day_words(c, t, j, day, end, ordinal)) {
        *word = true;
        return true;
    }
    return false;
}

/* A year at token j: four digits, "nineteen eighty six", "two thousand and
 * five", "dos mil dieciocho"; with two_digit also "87" (1987), "12" (2012). */
static bool rec_year_at(const rec_cx *c, const rec_src *s, size_t j, bool two_digit, int64_t *y, size_t *end) {
    const ty_tokens *t = s->t;
    if (j >= t->ntok) return false;
    size_t nd;
    long v = rec_tok_int(t, j, &nd);
    if (v >= 0) {
        if (j + 1 < t->ntok && rec_adjacent(s, j + 1)) return false; /* "17th", "2020s" */
        if (nd == 4 && v >= 1000) *y = v;
        else if (nd == 2 && two_digit) *y = rec_year2(v);
        else return false;
        *end = j + 1;
        return true;
    }
    double a, b;
    size_t ae, be;
    if (!rec_int_words(c, s, j, &a, &ae)) return false;
    if (a >= 1000 && a <= 9999) {
        *y = (int64_t)a;
        *end = ae;
        return true;
    }
    /* two pairs of digits: "nineteen eighty six", "twenty twenty" */
    if (a >= 10 && a <= 99 && ae == j + 1 && rec_int_words(c, s, ae, &b, &be) && b <= 99) {
        double u;
        size_t ue;
        if (b == 0 && rec_int_words(c, s, be, &u, &ue) && u >= 1 && u <= 9) { /* "nineteen zero one" */
            b = u;
            be = ue;
        }
        if (rec_runs_on(c, s, be)) return false;
        *y = (int64_t)a * 100 + (int64_t)b;
        *end = be;
        return true;
    }
    return false;
}

/* Skips date connectors ("of", "the", "de") from token j. */
static size_t rec_skip_connectors(const rec_cx *c, const ty_tokens *t, size_t j) {
    size_t n;
    while ((n = rec_list(c, t, j, RL(date_connectors))) != 0) j += n;
    return j;
}

/* An optional year after a day and month ending at token k: "[of] 1995",
 * "in 2020", ", nineteen ninety", "of 87"; extends out to YMD. */
static void rec_date_year(const rec_cx *c, const rec_src *s, size_t k, rec_date *out) {
    const ty_tokens *t = s->t;
    size_t yj = rec_skip_connectors(c, t, k);
    bool two = yj > k || (yj < t->ntok && rec_gap_cuts(s, yj));
    if (yj == k) yj += rec_list(c, t, k, RL(in_words));
    int64_t y;
    size_t e;
    if (rec_year_at(c, s, yj, two, &y, &e)) {
        size_t nd;
        if (rec_tok_int(t, yj, &nd) >= 0 && nd == 2 && e < t->ntok &&
            (!rec_gap_cuts(s, e) || rec_tok_in(c, t, e, RL(ordinal_suffixes))))
            return; /* "July 1st, 17 times", "17.º": a count or an ordinal, not a year */
        out->kind = REC_D_YMD;
        out->y = y;
        out->t1 = e;
    }
}

/* Day and month of "a/b": a part over 12 is a day; otherwise the playbook's
 * date order, else the locale's. */
static bool rec_dm(const rec_cx *c, long a, long b, int *m, int *d) {
    int ord = c->ctx && c->ctx->date_order ? c->ctx->date_order : c->loc->date_order;
    bool dmy = ord == TY_DATE_ORDER_DMY;
    if (a > 12 && b <= 12) dmy = true;
    else if (b > 12 && a <= 12) dmy = false;
    *d = (int)(dmy ? a : b);
    *m = (int)(dmy ? b : a);
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

/* The separator between parts of a numeric date before token j ('/', '-',
 * '.', or ',' for a comma before a year), or 0. */
static char rec_date_sep(const rec_src *s, size_t j) {
    const char *g;
    size_t gn;
    rec_gap(s, j, &g, &gn);
    if (gn == 1 && (g[0] == '/' || g[0] == '-' || g[0] == '.' || g[0] == ',')) return g[0];
    if (gn == 2 && g[0] == ',' && g[1] == ' ') return ',';
    return 0;
}

/* Reads up to three parts of a numeric date from token i: numbers of 1, 2
 * or 4 digits and month words, one separator between them; returns the
 * count (0 when the parts run on: "1/2/3/4", "555-12-34-56"). */
static size_t rec_date_parts(const rec_cx *c, const rec_src *s, size_t i, long *num, size_t *nd, int *mon,
                             char *sep) {
    const ty_tokens *t = s->t;
    size_t np = 0, j = i;
    *sep = 0;
    while (np < 3 && j < t->ntok) {
        if (np) {
            char ch = rec_date_sep(s, j);
            if (np == 1 && ch && ch != ',') *sep = ch;
            else if (!(np == 2 && ch && (ch == *sep || (ch == ',' && *sep == '/')))) break;
        }
        const ty_loc_word *w = NULL;
        mon[np] = 0;
        num[np] = rec_tok_int(t, j, &nd[np]);
        if (num[np] >= 0) {
            if (nd[np] > 4 || nd[np] == 3) break;
        } else if (t->tok[j].kind == TY_TOK_WORD && rec_words(c, t, j, RW(months), &w) == 1) {
            mon[np] = w->value;
            nd[np] = 0;
        } else {
            break;
        }
        np++;
        j++;
    }
    if (np < 2 || *sep == 0) return 0;
    if (j < t->ntok && (rec_adjacent(s, j) || (t->tok[j].kind == TY_TOK_NUM && rec_date_sep(s, j) &&
                                               rec_date_sep(s, j) != ',')))
        return 0;
    return np;
}

/* Eight digits that make a date, year first: "20161016" (1900-2099). */
static bool rec_compact_at(const rec_src *s, size_t i, rec_date *out) {
    size_t nd;
    long v = rec_tok_int(s->t, i, &nd);
    if (nd != 8 || v < 19000101 || v > 20991231) return false;
    if (i + 1 < s->t->ntok && rec_adjacent(s, i + 1)) return false;
    int64_t y = v / 10000;
    int m = (int)(v / 100 % 100), d = (int)(v % 100);
    if (m < 1 || m > 12 || d < 1 || d > ty_civil_month_days(y, m)) return false;
    memset(out, 0, sizeof *out);
    out->kind = REC_D_YMD;
    out->t0 = i;
    out->t1 = i + 1;
    out->y = y;
    out->m = m;
    out->d = d;
    out->loose = true; /* also a number */
    out->weak = true;
    return true;
}

/* True when the ordinal day of the month in tokens [i, k) is led as a day
 * ("on the 28th", "by the 3rd"; the leads of a weak weekday) and ends its
 * clause or goes on with a filler, a time or a part of the day ("on the
 * 28th please", "on the 28th at 3"): then it is a day in passing too; not
 * "on the 3rd floor". */
static bool rec_dom_led(const rec_cx *c, const rec_src *s, size_t i, size_t k) {
    const ty_tokens *t = s->t;
    size_t p = i > 0 && rec_tok_in(c, t, i - 1, RL(date_connectors)) ? i - 1 : i;
    if (!rec_list_before(t, p, c->loc->weak_day_leads)) return false;
    const ty_loc_word *w;
    return k >= t->ntok || rec_gap_cuts(s, k) || rec_tok_in(c, t, k, RL(fillers)) ||
           rec_list(c, t, k, RL(time_preps)) || rec_words(c, t, k, RW(day_periods), &w) ||
           rec_list(c, t, k, RL(and_words)) || rec_list(c, t, k, RL(or_words));
}

/* True when a numeric date cannot start at token i: it follows a number
 * it runs on from ("1/2/3/4") or touches the token before it. */
static bool rec_date_runs_on(const rec_src *s, size_t i) {
    const ty_tokens *t = s->t;
    if (i > 0 && t->tok[i - 1].kind == TY_TOK_NUM && (rec_adjacent(s, i) || rec_date_sep(s, i) == '/' ||
                                                       rec_date_sep(s, i) == '-' || rec_date_sep(s, i) == '.'))
        return true; /* "1/2/3/4": parts that run on */
    return i > 0 && rec_adjacent(s, i);
}

/* The day and year of a date whose month is a word, from its number parts
 * a and b ("3 sep", "sep 3 2020", "2020 sep 3", "3 sep 20"; b is unused
 * with two parts). False when they are no day and year. */
static bool rec_named_month_dy(const long *num, const size_t *nd, size_t np, size_t a, size_t b, int64_t *y, int *d) {
    if (np == 2) {
        if (nd[a] > 2) return false; /* "sep-2020": a month, not a day */
        *d = (int)num[a];
    } else if (nd[a] == 4 || nd[b] == 4) {
        size_t yi = nd[a] == 4 ? a : b, di = yi == a ? b : a;
        if (nd[di] > 2) return false;
        *y = num[yi];
        *d = (int)num[di];
    } else if (num[a] > 31) {
        *y = rec_year2(num[a]);
        *d = (int)num[b];
    } else {
        *d = (int)num[a];
        *y = rec_year2(num[b]);
    }
    return true;
}

/* Year, month and day of a date in numbers only (np parts from token i):
 * year first with four digits, else in the playbook's or the locale's
 * order. False when they are no date, or two parts read as a time ("at
 * 10.30", "3-4 pm"). */
static bool rec_numbers_ymd(const rec_cx *c, const rec_src *s, size_t i, const long *num, const size_t *nd, size_t np,
                            int64_t *y, int *m, int *d) {
    const ty_tokens *t = s->t;
    int ord = c->ctx && c->ctx->date_order ? c->ctx->date_order : c->loc->date_order;
    if (np == 3 && nd[0] == 4) { /* year first: 2026-12-03 */
        if (nd[1] > 2 || nd[2] > 2) return false;
        *y = num[0];
        *m = (int)num[1];
        *d = (int)num[2];
    } else if (np == 3 && ord == TY_DATE_ORDER_YMD && nd[0] == 2 && nd[2] <= 2) {
        *y = rec_year2(num[0]);
        *m = (int)num[1];
        *d = (int)num[2];
    } else {
        if (nd[0] > 2 || nd[1] > 2 || (np == 3 && nd[2] == 1)) return false;
        if (np == 3) *y = nd[2] == 4 ? num[2] : rec_year2(num[2]);
        if (!rec_dm(c, num[0], num[1], m, d)) return false;
        if (np == 2) { /* "at 10.30", "3-4 pm": a time, not a date */
            if (i > 0 && rec_tok_in(c, t, i - 1, RL(time_preps))) return false;
            if (i > 1 && rec_list(c, t, i - 2, RL(time_preps)) == 2) return false;
            const ty_loc_word *w = NULL;
            if (rec_words(c, t, i + 2, RW(meridiems), &w)) return false;
        }
    }
    return true;
}

/* A numeric or mixed date at token i: "21/04/2016", "4/22", "5.12",
 * "2019-aug-1", "23/Sep/2020", "Nov/2", "08/12,2015". */
static bool rec_numeric_at(const rec_cx *c, const rec_src *s, size_t i, rec_date *out) {
    if (rec_date_runs_on(s, i)) return false;
    if (rec_compact_at(s, i, out)) return true;
    long num[3];
    size_t nd[3];
    int mon[3];
    char sep;
    size_t np = rec_date_parts(c, s, i, num, nd, mon, &sep);
    if (!np) return false;
    const ty_loc_word *pw;
    /* "monday morning 9.30": after a day or a part of the day, a dotted
     * hour and minutes are a time */
    if (np == 2 && sep == '.' && !mon[0] && !mon[1] && num[0] <= 23 && nd[1] == 2 && num[1] <= 59 && i > 0 &&
        !rec_gap_cuts(s, i) && (rec_day_word_at(c, i - 1) || rec_words(c, s->t, i - 1, RW(day_periods), &pw) == 1))
        return false;
    int mi = -1, nmon = 0;
    size_t o[3] = {0, 0, 0}, no = 0; /* the number parts, in order */
    for (size_t k = 0; k < np; k++) {
        if (mon[k]) {
            mi = (int)k;
            nmon++;
        } else {
            o[no++] = k;
        }
    }
    if (nmon > 1) return false;
    int64_t y = 0;
    int m = 0, d = 0;
    bool has_y = np == 3;
    if (mi >= 0) {
        m = mon[mi];
        if (!rec_named_month_dy(num, nd, np, o[0], no > 1 ? o[1] : 0, &y, &d)) return false;
    } else if (!rec_numbers_ymd(c, s, i, num, nd, np, &y, &m, &d)) {
        return false;
    }
    if (m < 1 || m > 12 || d < 1 || d > 31) return false;
    memset(out, 0, sizeof *out);
    out->t0 = i;
    out->t1 = i + np;
    out->kind = has_y ? REC_D_YMD : REC_D_MD;
    out->y = y;
    out->m = m;
    out->d = d;
    out->loose = !has_y && mi < 0; /* "5.12", "5-10", "1/2": also numbers, ranges, fractions */
    out->weak = out->loose;
    return true;
}

/* Absolute forms at token i: numeric, day-month, month-day, day-of-month. */
static bool rec_date_abs_at(const rec_cx *c, const rec_src *s, size_t i, rec_date *out) {
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    if (rec_numeric_at(c, s, i, out)) return true;
    memset(out, 0, sizeof *out);
    out->t0 = i;
    int day;
    size_t k;
    bool ord, word;
    /* day [of] month [[of] year]; day [of] next month; "21 del 3" (day-first order only) */
    if (rec_day_at(c, s, i, &day, &k, &ord, &word, false)) {
        size_t j = rec_skip_connectors(c, t, k);
        size_t n = rec_words_fuzzy(c, t, j, RW(months), &w);
        if (n && word && !ord && day < 10 && j == k) return false; /* "one may" */
        if (n) {
            out->m = w->value;
            out->d = day;
            out->t1 = j + n;
            out->kind = REC_D_MD;
            rec_date_year(c, s, j + n, out);
            return true;
        }
        n = rec_words(c, t, j, RW(month_refs), &w);
        if (n) { /* "the 20th of next month" */
            out->kind = REC_D_MDOM;
            out->n = w->value;
            out->d = day;
            out->t1 = j + n;
            return true;
        }
        size_t nd;
        int order = c->ctx && c->ctx->date_order ? c->ctx->date_order : c->loc->date_order;
        long mv = j > k && !word && order == TY_DATE_ORDER_DMY ? rec_tok_int(t, j, &nd) : -1;
        if (mv >= 1 && mv <= 12 && nd <= 2 && !(j + 1 < t->ntok && rec_adjacent(s, j + 1)) &&
            !(j + 1 < t->ntok && rec_date_sep(s, j + 1) && rec_date_sep(s, j + 1) != ',')) {
            out->m = (int)mv;
            out->d = day;
            out->t1 = j + 1;
            out->kind = REC_D_MD;
            rec_date_year(c, s, j + 1, out);
            return true;
        }
        if (ord && (!word || day > 10)) { /* "the 15th", "the twenty second" (but "second" alone is no day) */
            out->kind = REC_D_DOM;
            out->d = day;
            out->t1 = k;
            out->weak = !rec_dom_led(c, s, i, k);
            return true;
        }
        return false;
    }
    /* a fixed-date holiday [year]: "christmas", "earth day 2010"; a movable
     * one (value 0: "easter", "black friday") is a date we cannot read */
    size_t n = rec_words(c, t, i, RW(holidays), &w);
    if (n && w->value == 0) {
        memset(out, 0, sizeof *out);
        out->t0 = i;
        out->t1 = i + n;
        out->bad = true;
        return true;
    }
    if (n) {
        out->m = w->value / 100;
        out->d = w->value % 100;
        out->t1 = i + n;
        out->kind = REC_D_MD;
        rec_date_year(c, s, i + n, out);
        return true;
    }
    /* month [the] day [, year] */
    n = rec_words_fuzzy(c, t, i, RW(months), &w);
    if (n) {
        size_t j = rec_skip_connectors(c, t, i + n);
        if (rec_day_at(c, s, j, &day, &k, &ord, &word, j == i + n) && !(word && !ord && day < 10)) {
            out->m = w->value;
            out->d = day;
            out->t1 = k;
            out->kind = REC_D_MD;
            rec_date_year(c, s, k, out);
            return true;
        }
    }
    return false;
}

/* True when some token of the message is a day unit ("days", "semanas"). */
static bool rec_find_units(const rec_cx *c) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w = NULL;
    for (size_t i = 0; i < t->ntok; i++)
        if (rec_words(c, t, i, RW(day_units), &w)) return true;
    return false;
}

/* A span of time at token j: "3 days", "a week", "two months", "1 month
 * and 21 days"; *days and *months add up, *end is the token after. */
static bool rec_span_at(const rec_cx *c, const rec_src *s, size_t j, int *days, int *months, size_t *end) {
    const ty_tokens *t = s->t;
    bool any = false;
    *days = 0;
    *months = 0;
    if (!c->units) return false; /* no unit to count: skip reading every number as a count */
    for (int pairs = 0; pairs < 4 && j < t->ntok; pairs++) {
        size_t k = j;
        if (any) {
            k += rec_list(c, t, k, RL(number_connectors));
        }
        const ty_loc_word *w = NULL;
        long count = -1;
        size_t cn = rec_words(c, t, k, RW(count_words), &w);
        rec_num num;
        if (cn) {
            count = w->value;
            k += cn;
        } else if (rec_number_at(c, s, k, true, false, &num) && num.integer && num.v >= 0 && num.v <= 3660) {
            count = (long)num.v;
            k = num.t1;
        }
        size_t un = count >= 0 ? rec_words(c, t, k, RW(day_units), &w) : 0;
        if (!un) break;
        if (w->kind == 1) *months += (int)(count * w->value);
        else *days += (int)(count * w->value);
        any = true;
        j = k + un;
        *end = j;
    }
    return any;
}

/* A date counted from another or from today at token i: "3 days from
 * tuesday", "2 weeks before May 13", "two days ago", "in a week", "hace dos
 * dias". A count before a date that cannot be read makes out->bad. Not
 * after a word that makes the span how long ("for a week from monday",
 * "por una semana desde el lunes"). */
static bool rec_offset_date_at(const rec_cx *c, size_t i, rec_date *out, int depth) {
    const rec_src *s = &c->msg;
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    size_t j = i;
    if (i > 0 && rec_list_at(t, i - 1, c->loc->duration_leads) == 1 && !rec_gap_cuts(s, i)) return false;
    int prefix = 0;
    size_t n = rec_list(c, t, j, RL(in_words));
    bool in = n != 0;
    if (in) {
        j += n;
    } else if ((n = rec_words(c, t, j, RW(date_shifts), &w)) != 0 && w->kind == 2) {
        prefix = w->value;
        j += n;
    }
    int days, months;
    size_t k;
    if (!rec_span_at(c, s, j, &days, &months, &k)) return false;
    memset(out, 0, sizeof *out);
    out->kind = REC_D_REL;
    out->t0 = i;
    out->t1 = k;
    size_t sn = prefix ? 0 : rec_words(c, t, k, RW(date_shifts), &w);
    int dir = prefix ? prefix : 1;
    if (sn && w->kind == 0) {
        rec_date base;
        if (depth >= REC_D_DEPTH || !rec_date_at(c, k + sn, &base, depth + 1) || base.bad) {
            out->bad = true;
            out->t1 = k + sn;
            return true;
        }
        *out = base;
        out->t0 = i;
        dir = w->value;
    } else if (sn && w->kind == 1) {
        out->t1 = k + sn;
        dir = w->value;
    } else if (!in && !prefix) {
        return false;
    }
    out->add_days += dir * days;
    out->add_months += dir * months;
    size_t e = out->t1 + rec_list(c, t, out->t1, RL(day_markers));
    size_t wn = e > out->t1 ? rec_words(c, t, e, RW(weekdays), &w) : 0;
    if (wn && !out->in_week) { /* "in 3 days on friday": that week's friday */
        out->in_week = w->value + 1;
        out->t1 = e + wn;
    }
    return true;
}

/* cand becomes weekday wd (0 = Monday) of the week `weeks` away from this
 * one, read from tokens [t0, t1). */
static void rec_in_week(rec_date *cand, size_t t0, size_t t1, int weeks, int wd) {
    memset(cand, 0, sizeof *cand);
    cand->kind = REC_D_REL;
    cand->t0 = t0;
    cand->t1 = t1;
    cand->add_days = 7 * weeks;
    cand->in_week = wd + 1;
}

/* The weekday forms from token i, the weekday w at token j ending at e:
 * "friday next week", "monday two weeks from now", "monday 21", "friday
 * the 4th", "Fri 4 Dec"; cand holds the plain weekday and is replaced. */
static bool rec_wddom(int64_t today, int wd, int dd, int64_t *z);

/* True when the words at token e say that a day of the month just before
 * them counts something: "the 2 of us", "thursday, two of them are vegan",
 * "el 4 personas", "el jueves, 3 noches", "el viernes, de 5 músicos" (a
 * word of a slot's name). */
static bool rec_day_counts(const rec_cx *c, size_t e) {
    const ty_tokens *t = c->msg.t;
    size_t wn;
    const char *w = e < t->ntok ? rec_tok(t, e, &wn) : NULL;
    return rec_list(c, t, e, RL(count_after)) || rec_list(c, t, e, RL(people_kinds)) ||
           rec_list_at(t, e, c->loc->not_money) || rec_list_at(t, e, c->loc->time_unit_names) ||
           (w && c->ctx && ty_wordset_has(c->ctx->slot_words, w, wn));
}

/* "martes 1 por la tarde", "tuesday 1 in the afternoon": a number between
 * a weekday and a part of the day is the day of the month, not an hour,
 * when that weekday falls on it within the coming month. */
static bool rec_dom_before_part(const rec_cx *c, size_t e, int wd, int day) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w;
    int64_t today, z;
    size_t p = e + rec_list(c, t, e, RL(in_words)); /* "in the afternoon" */
    p += rec_list(c, t, p, RL(part_articles));
    return rec_words(c, t, p, RW(part_titles), &w) && rec_today(c, &today) &&
           rec_wddom(today, wd, day, &z) && z - today <= 31;
}

static void rec_weekday_more(const rec_cx *c, size_t i, size_t j, int depth, rec_date *cand) {
    const rec_src *s = &c->msg;
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    int wd = cand->n;
    size_t wn = rec_words(c, t, cand->t1, RW(week_refs), &w);
    if (wn && j == i) { /* "tuesday of next week", "martes de la semana que viene" */
        rec_in_week(cand, i, cand->t1 + wn, w->value, wd);
        return;
    }
    rec_date off;
    if (j == i && depth < REC_D_DEPTH && rec_offset_date_at(c, cand->t1, &off, depth + 1) && !off.bad &&
        off.kind == REC_D_REL && off.t0 == cand->t1) { /* "monday two weeks from now" */
        off.t0 = i;
        off.in_week = wd + 1;
        *cand = off;
        return;
    }
    size_t k = rec_skip_connectors(c, t, cand->t1);
    k += rec_list(c, t, k, RL(day_markers));
    rec_date abs;
    if (rec_date_abs_at(c, s, k, &abs)) { /* the absolute date decides */
        abs.t0 = i;
        abs.weak = false;
        if (abs.kind == REC_D_DOM) {
            abs.kind = REC_D_WDDOM;
            abs.n = wd;
        } else if (abs.kind == REC_D_MD || abs.kind == REC_D_YMD) {
            abs.wd_need = wd + 1;
        }
        *cand = abs;
        return;
    }
    int day;
    size_t e;
    bool ord, word;
    rec_time h;
    /* (a bare "one" is a pronoun: "the saturday one" is that saturday; a
     * small number in words is an article or a count: "para el sábado un
     * flete") */
    if (rec_day_at(c, s, k, &day, &e, &ord, &word, false) && !rec_tok_in(c, t, k, RL(pronoun_ones)) &&
        !(word && !ord && day < 10) &&
        !(rec_time_at(c, s, k, &h) && h.t1 > e && !rec_dom_before_part(c, e, wd, day)) &&
        !rec_words(c, t, e, RW(day_units), &w) && !rec_day_counts(c, e)) {
        memset(cand, 0, sizeof *cand);
        cand->kind = REC_D_WDDOM;
        cand->t0 = i;
        cand->t1 = e;
        cand->n = wd;
        cand->d = day;
    }
}

/* [this|next|last] weekday [que viene|pasado] ...: the weekday forms. */
static bool rec_weekday_at(const rec_cx *c, size_t i, int depth, rec_date *cand) {
    const rec_src *s = &c->msg;
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    size_t j = i;
    int next = 0;
    size_t pn = rec_list(c, t, j, RL(this_words));
    size_t nn = rec_list(c, t, j, RL(next_words));
    size_t ln = rec_list(c, t, j, RL(last_words));
    if (nn > pn && nn >= ln) {
        next = 1;
        j += nn;
    } else if (ln > pn) {
        next = -1;
        j += ln;
    } else {
        j += pn;
    }
    size_t wn = rec_words_fuzzy(c, t, j, RW(weekdays), &w);
    if (!wn || rec_contraction(&c->msg, j)) return false; /* "we'd like", no Wednesday */
    memset(cand, 0, sizeof *cand);
    cand->t0 = i;
    cand->t1 = j + wn;
    cand->kind = REC_D_WD;
    cand->n = w->value;
    cand->this_said = pn > 0;
    size_t sn = rec_list(c, t, cand->t1, RL(next_suffixes));
    size_t ls = rec_list(c, t, cand->t1, RL(last_suffixes));
    if (sn) {
        next = 1;
        cand->t1 += sn;
    } else if (ls) {
        next = -1;
        cand->t1 += ls;
        sn = ls;
    }
    cand->next = next;
    const ty_loc_word *pw;
    /* "sat" is weak, but not "on sat", "sat morning", "sun lunch" nor "sat 1pm" */
    rec_time h;
    cand->weak = j == i && !sn && wn == 1 && rec_tok_in(c, t, j, RL(weak_words)) &&
                 !rec_list_before(t, i, c->loc->weak_day_leads) && !rec_words(c, t, j + 1, RW(day_periods), &pw) &&
                 !rec_list_at(t, j + 1, c->loc->meal_parts) &&
                 !(j + 1 < t->ntok && !rec_gap_cuts(&c->msg, j + 1) && rec_may_start(c, t, j + 1, REC_G_TIME, 0) &&
                   rec_time_at(c, &c->msg, j + 1, &h) && h.level == REC_TL_STRONG);
    if (!sn) rec_weekday_more(c, i, j, depth, cand);
    /* "next tuesday", "el martes que viene": that day of next week */
    if (cand->kind == REC_D_WD && next == 1)
        cand->next_week = sn ? rec_list(c, t, cand->t1 - sn, RL(week_after)) != sn
                             : rec_list(c, t, i, RL(week_after)) != nn;
    return true;
}

/* "next week sunday", "this week on monday", "la semana que viene, el
 * jueves": a weekday of a named week. */
static bool rec_week_weekday_at(const rec_cx *c, size_t i, rec_date *cand) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w = NULL, *d = NULL;
    size_t n = rec_words(c, t, i, RW(week_refs), &w);
    if (!n) return false;
    size_t j = rec_skip_connectors(c, t, i + n);
    j += rec_list(c, t, j, RL(day_markers));
    size_t wn = rec_words_fuzzy(c, t, j, RW(weekdays), &d);
    if (!wn) return false;
    rec_in_week(cand, i, j + wn, w->value, d->value);
    return true;
}

/* "today", "the day before yesterday"; "the day after" counts from a date
 * that follows, and is unreadable before words that are no date. */
static bool rec_relative_at(const rec_cx *c, size_t i, int depth, rec_date *cand) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w = NULL;
    size_t n = rec_words_fuzzy(c, t, i, RW(relative_days), &w);
    if (!n) return false;
    memset(cand, 0, sizeof *cand);
    cand->t0 = i;
    cand->t1 = i + n;
    cand->kind = REC_D_REL;
    cand->n = w->value;
    size_t k = i + n;
    if (w->kind != 1 || k >= t->ntok || rec_gap_cuts(&c->msg, k)) return true;
    rec_date base;
    rec_time h;
    if (depth < REC_D_DEPTH && rec_date_at(c, k, &base, depth + 1) && !base.bad) {
        base.t0 = i;
        base.add_days += w->value;
        *cand = base;
    } else if (!(rec_may_start(c, t, k, REC_G_TIME, 0) && rec_time_at(c, &c->msg, k, &h)) &&
               !rec_alone(c, i, k)) {
        cand->bad = true; /* "the day after the party" */
    }
    return true;
}

/* "the first friday of july", "second sunday", "the last monday of next
 * month", "el primer viernes de este mes": the nth weekday of a month. */
static bool rec_nth_weekday_at(const rec_cx *c, size_t i, rec_date *cand) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *o = NULL, *w = NULL, *m = NULL;
    size_t j = i + rec_list(c, t, i, RL(day_markers));
    size_t n = rec_words(c, t, j, RW(ordinals), &o);
    if (!n || o->value < -1 || o->value > 5 || o->value == 0) return false;
    size_t wn = rec_words(c, t, j + n, RW(weekdays), &w);
    if (!wn) return false;
    memset(cand, 0, sizeof *cand);
    cand->kind = REC_D_NTHWD;
    cand->t0 = i;
    cand->t1 = j + n + wn;
    cand->n = w->value;
    cand->d = o->value;
    cand->m = -1;
    size_t k = cand->t1, kc = rec_skip_connectors(c, t, k);
    if (kc == k) kc += rec_list(c, t, k, RL(in_words));
    size_t mn = rec_words_fuzzy(c, t, kc, RW(months), &m);
    if (mn && kc > k) {
        cand->m = m->value;
        cand->t1 = kc + mn;
    } else if ((mn = rec_words(c, t, k, RW(month_refs), &m)) != 0) {
        cand->m = 0;
        cand->next = m->value;
        cand->t1 = k + mn;
    } else if ((mn = rec_words(c, t, kc, RW(month_refs), &m)) != 0) {
        cand->m = 0;
        cand->next = m->value;
        cand->t1 = kc + mn;
    } else if (o->value < 1) {
        return false; /* "last sunday" is the latest sunday */
    }
    return true;
}

/* The longest date expression starting at token i of the message. */
static bool rec_date_at(const rec_cx *c, size_t i, rec_date *out, int depth) {
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
    if (rec_relative_at(c, i, depth, &cand)) REC_TAKE(cand);
    size_t n = rec_words(c, t, i, RW(weekends), &w);
    /* a weekend that the playbook's options name is how long, no day ("just
     * the weekend" where the hire is a weekend or a full week); "this
     * weekend" still says when */
    if (n && rec_option_word_at(c, i + n - 1) && !rec_list(c, t, i, RL(this_words)) && !w->value) n = 0;
    if (n) {
        memset(&cand, 0, sizeof cand);
        cand.t0 = i;
        cand.t1 = i + n;
        cand.kind = REC_D_WEEKEND;
        cand.n = w->value;
        REC_TAKE(cand);
    }
    /* in 3 days, 2 weeks from friday, two days ago, dentro de dos semanas */
    if (depth < REC_D_DEPTH && rec_offset_date_at(c, i, &cand, depth)) REC_TAKE(cand);
    if (rec_weekday_at(c, i, depth, &cand)) REC_TAKE(cand);
    if (rec_week_weekday_at(c, i, &cand)) REC_TAKE(cand);
    if (rec_nth_weekday_at(c, i, &cand)) REC_TAKE(cand);
    /* "el 15", "the 15": a marker makes a bare number a day of the month */
    n = rec_list(c, t, i, RL(day_markers));
    if (n) {
        int day;
        size_t k;
        bool ord, word;
        if (rec_day_at(c, s, i + n, &day, &k, &ord, &word, false) && !word && !rec_day_counts(c, k) &&
            !rec_date_abs_at(c, s, i + n, &cand)) {
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

/* Day z moved by months, keeping the day of the month (or the month's last). */
static int64_t rec_add_months(int64_t z, int months) {
    int64_t y;
    int m, d;
    ty_civil_date(z, &y, &m, &d);
    int64_t mm = (int64_t)m - 1 + months;
    int64_t q = mm >= 0 ? mm / 12 : (mm - 11) / 12;
    y += q;
    m = (int)(mm - q * 12) + 1;
    if (y < 1 || y > 9999) return z + (int64_t)months * 31; /* out of range: caught by the caller */
    if (d > ty_civil_month_days(y, m)) d = ty_civil_month_days(y, m);
    return ty_civil_days(y, m, d);
}

/* The next day from today that is day dd of its month and weekday wd. */
static bool rec_wddom(int64_t today, int wd, int dd, int64_t *z) {
    int64_t y;
    int m, d;
    ty_civil_date(today, &y, &m, &d);
    for (int k = 0; k < 60; k++) {
        if (dd <= ty_civil_month_days(y, m)) {
            int64_t x = ty_civil_days(y, m, dd);
            if (x >= today && ty_civil_weekday(x) == wd) {
                *z = x;
                return true;
            }
        }
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    return false;
}

/* The nth (-1: last) weekday wd of month m of year y, if there is one. */
static bool rec_nth_in_month(int64_t y, int m, int nth, int wd, int64_t *z) {
    int dim = ty_civil_month_days(y, m);
    int64_t first = ty_civil_days(y, m, 1);
    if (nth < 0) {
        int64_t last = first + dim - 1;
        *z = last - (ty_civil_weekday(last) - wd + 7) % 7;
        return true;
    }
    *z = first + (wd - ty_civil_weekday(first) + 7) % 7 + 7 * (nth - 1);
    return *z < first + dim;
}

/* Resolves "the nth weekday of <month>": this month's or the named one's
 * next occurrence (today or later), or that of the month named by offset. */
static bool rec_nthwd(int64_t today, const rec_date *d, int64_t *z) {
    int64_t y;
    int m, td;
    ty_civil_date(today, &y, &m, &td);
    if (d->m == 0) {
        int64_t first = rec_add_months(ty_civil_days(y, m, 1), d->next);
        ty_civil_date(first, &y, &m, &td);
        return rec_nth_in_month(y, m, d->d, d->n, z);
    }
    if (d->m < 0) { /* this month's, or next month's once past; none when that month has none */
        if (!rec_nth_in_month(y, m, d->d, d->n, z)) return false;
        if (*z >= today) return true;
        if (++m > 12) {
            m = 1;
            y++;
        }
        return rec_nth_in_month(y, m, d->d, d->n, z);
    }
    if (d->m < m || !rec_nth_in_month(y, d->m, d->d, d->n, z) || *z < today) y++;
    return rec_nth_in_month(y, d->m, d->d, d->n, z) && *z >= today;
}

/* A full date (REC_D_YMD) as a day number, when it exists. */
static bool rec_base_ymd(const rec_date *d, int64_t *z) {
    if (d->y < 1 || d->y > 9999 || d->m < 1 || d->m > 12 || d->d < 1 || d->d > ty_civil_month_days(d->y, d->m)) return false;
    *z = ty_civil_days(d->y, d->m, d->d);
    return true;
}

/* A month and day (REC_D_MD) as the next such day from today ty-tm-td, or
 * the latest one when the slot reads the past; 29 February moves to a leap
 * year. */
static bool rec_base_md(const rec_cx *c, const rec_date *d, int64_t ty, int tm, int td, int64_t *z) {
    if (d->m < 1 || d->m > 12 || d->d < 1 || d->d > 31) return false;
    int64_t y = ty;
    bool past = c->ctx && c->ctx->past;
    if (!past && (d->m < tm || (d->m == tm && d->d < td))) y++;
    if (past && (d->m > tm || (d->m == tm && d->d > td))) y--;
    if (d->m == 2 && d->d == 29)
        while (!ty_civil_leap(y)) y += past ? -1 : 1;
    if (d->d > ty_civil_month_days(y, d->m)) return false;
    *z = ty_civil_days(y, d->m, d->d);
    return true;
}

/* A day of the month alone (REC_D_DOM, "the 5th") as the next month from
 * today ty-tm-td that has it. */
static bool rec_base_dom(const rec_date *d, int64_t ty, int tm, int td, int64_t *z) {
    int64_t y = ty;
    int m = tm;
    if (d->d < td) {
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    for (int k = 0; k < 12 && d->d > ty_civil_month_days(y, m); k++)
        if (++m > 12) {
            m = 1;
            y++;
        }
    if (d->d > ty_civil_month_days(y, m)) return false;
    *z = ty_civil_days(y, m, d->d);
    return true;
}

/* Days from a weekday wd (0 Monday) to the coming weekend's Saturday (today
 * when it is the weekend), or the one after it with next. */
static int rec_weekend_delta(int wd, int next) {
    int delta = wd >= 5 ? 0 : 5 - wd;
    if (next) delta = wd == 5 ? 7 : wd == 6 ? 6 : delta + 7;
    return delta;
}

/* Resolves the base of a date (before add_days, add_months, in_week). */
static bool rec_date_base(const rec_cx *c, const rec_date *d, int64_t *z) {
    if (d->kind == REC_D_YMD) return rec_base_ymd(d, z);
    int64_t today;
    if (!rec_today(c, &today)) return false;
    int64_t ty;
    int tm, td;
    ty_civil_date(today, &ty, &tm, &td);
    int wd = ty_civil_weekday(today);
    switch (d->kind) {
    case REC_D_MD: return rec_base_md(c, d, ty, tm, td, z);
    case REC_D_DOM: return rec_base_dom(d, ty, tm, td, z);
    case REC_D_MDOM: {
        int64_t first = rec_add_months(ty_civil_days(ty, tm, 1), d->n);
        int64_t y;
        int m, one;
        ty_civil_date(first, &y, &m, &one);
        if (d->d < 1 || d->d > ty_civil_month_days(y, m)) return false;
        *z = first + d->d - 1;
        return true;
    }
    case REC_D_NTHWD: return rec_nthwd(today, d, z);
    case REC_D_WDDOM: return d->d >= 1 && d->d <= 31 && rec_wddom(today, d->n, d->d, z);
    case REC_D_REL: *z = today + d->n; return true;
    case REC_D_WD:
        if (c->ctx && c->ctx->past && d->next == 0) { /* "monday" said of the past: the latest one */
            *z = today - (wd - d->n + 7) % 7;
            return true;
        }
        if (d->next_week) {
            *z = today - wd + 7 + d->n;
            return true;
        }
        *z = today + (d->n - wd + 7) % 7 + 7 * d->next;
        /* today's weekday named for a day to come in a conversation is next
         * week's ("tuesday works" said on a Tuesday); "this tuesday" and
         * "today" stay today */
        if (c->ctx && c->ctx->offers && d->next == 0 && d->n == wd && !d->this_said) *z += 7;
        return true;
    case REC_D_WEEKEND: *z = today + rec_weekend_delta(wd, d->n); return true;
    default: return false;
    }
}

/* A weekday named with a month and day picks between its next occurrence
 * (*z) and its last one: *z moves back when only the last one has it and
 * it is at most a month ago ("this friday june 15" said on June 20).
 * Otherwise the date wins, as written. */
static void rec_weekday_agrees(const rec_cx *c, const rec_date *d, int64_t *z) {
    int64_t today;
    if (ty_civil_weekday(*z) == d->wd_need - 1 || d->kind != REC_D_MD || !rec_today(c, &today)) return;
    int64_t y;
    int m, dd;
    ty_civil_date(*z, &y, &m, &dd);
    if (dd > ty_civil_month_days(y - 1, m)) return;
    int64_t prev = ty_civil_days(y - 1, m, dd);
    if (ty_civil_weekday(prev) == d->wd_need - 1 && prev >= today - 31) *z = prev;
}

/* Resolves a date to a day number; false when it cannot be (no clock for a
 * relative date, or no such day). */
static bool rec_date_resolve(const rec_cx *c, const rec_date *d, int64_t *z) {
    if (d->bad || !rec_date_base(c, d, z)) return false;
    if (d->wd_need) rec_weekday_agrees(c, d, z);
    if (d->add_months) *z = rec_add_months(*z, d->add_months);
    *z += d->add_days;
    if (d->in_week) *z = *z - ty_civil_weekday(*z) + (d->in_week - 1);
    return *z >= -719162 && *z <= 2932896; /* 0001-01-01 .. 9999-12-31 */
}

/* "YYYY-MM-DD" of day z into buf (11 bytes). */
static size_t rec_format_date(int64_t z, char *buf) {
    int64_t y;
    int m, d;
    ty_civil_date(z, &y, &m, &d);
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

/* True when a currency sign of the locale stands right before digit token i
 * ("$ 12 December 27": twelve dollars, not the 12th; "$12"). Currency words
 * ("usd 12") do not count: "20 dollars 12 december" still names a day. */
static bool rec_money_sign_before(const rec_cx *c, size_t i) {
    const ty_tokens *t = c->msg.t;
    const char *g, *iso;
    size_t gn, pn;
    if (i == 0 || !rec_tok_is_ascii_digits(t, i)) return false;
    rec_gap(&c->msg, i, &g, &gn);
    for (size_t k = 0; k < gn; k++)
        if (!ty_is_space((unsigned char)g[k])) return false;
    const char *p = rec_tok(t, i - 1, &pn);
    return !ty_is_alpha((unsigned char)p[0]) && !ty_is_digit((unsigned char)p[0]) && rec_currency_at(c, i - 1, &iso) == 1;
}

/* The next date expression from token *i on, skipping tokens that start
 * none, stop words and numbers after a currency sign; *i moves to where d
 * starts. False when the text holds no more. */
static bool rec_date_next(const rec_cx *c, size_t *i, rec_date *d) {
    const ty_tokens *t = c->msg.t;
    while (*i < t->ntok) {
        size_t n = rec_may_start(c, t, *i, REC_G_DATE, REC_G_DATE_TYPO) ? rec_list(c, t, *i, RL(date_stops)) : 1;
        if (n) {
            *i += n;
            continue;
        }
        if (!rec_money_sign_before(c, *i) && rec_date_at(c, *i, d, 0)) return true;
        (*i)++;
    }
    return false;
}

/* Marks the message tokens that belong to dates and explicit times, so a
 * number or amount is not read out of "3 Dec" or "at 3pm". */
static void rec_cover_dates_times(rec_cx *c, bool *covered) {
    const ty_tokens *t = c->msg.t;
    c->units = rec_find_units(c);
    rec_date d;
    for (size_t i = 0; rec_date_next(c, &i, &d); i = d.t1)
        if (!d.loose && !d.bad)
            for (size_t k = d.t0; k < d.t1; k++) covered[k] = true;
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

/* True when a unit and a shift word end at token i ("days from", "semanas
 * antes de"): a date there is counted from, and the count was not read;
 * not when a word before the count makes the span how long ("for a week
 * from monday" is Monday). */
static bool rec_counted_from(const rec_cx *c, size_t i) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w = NULL;
    for (size_t p = i > 3 ? i - 3 : 1; p < i; p++) {
        if (rec_words(c, t, p, RW(date_shifts), &w) == i - p && w->kind == 0 &&
            rec_words(c, t, p - 1, RW(day_units), &w) == 1)
            return !(p >= 3 && rec_list_at(t, p - 3, c->loc->duration_leads) == 1);
    }
    return false;
}

/* True when the weekday at token t0 is named in the plural, as a habit
 * ("saturdays", "los sábados"). */
static bool rec_weekday_plural(const rec_cx *c, size_t t0) {
    const ty_tokens *t = c->msg.t;
    for (size_t k = t0 > 0 ? t0 - 1 : 0; k <= t0 + 1 && k < t->ntok; k++) {
        size_t n;
        const char *w = rec_tok(t, k, &n);
        if (n == 3 && memcmp(w, "los", 3) == 0) return true;
        if (n <= 4 || memcmp(w + n - 4, "days", 4) != 0) continue;
        /* "saturdays", not "thursday's a no-go" (the apostrophe is gone from the normalised token) */
        const char *o = c->msg.text + t->tok[k].b_start;
        size_t on = t->tok[k].b_end - t->tok[k].b_start;
        bool apostrophe = false;
        for (size_t i = 0; i < on && !apostrophe; i++) apostrophe = o[i] == '\'' || (unsigned char)o[i] == 0xE2;
        if (!apostrophe) return true;
    }
    return false;
}

/* True when a count stands right before weekday d, named in the plural
 * or counted from ("two sundays from now", "3 mondays later"): counted
 * weekdays are not read, and the bare weekday would be the wrong day.
 * A count before a weekday alone counts something else ("table for 6
 * saturday", "room for 15 fri": the Saturday, the Friday). */
static bool rec_counted_weekday(const rec_cx *c, const rec_date *d) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w = NULL;
    size_t p = d->t0;
    if (d->kind != REC_D_WD || p == 0 || rec_gap_cuts(&c->msg, p)) return false;
    if (!rec_weekday_plural(c, p) && !rec_words(c, t, d->t1, RW(date_shifts), &w)) return false;
    if (rec_tok_is_ascii_digits(t, p - 1)) return true;
    return rec_words(c, t, p - 1, RW(number_words), &w) == 1 && w->kind == TY_NUMW_ADD && w->value >= 2;
}

/* The first day of a month that has none such ("31 November", "30/2",
 * "february 30th 2027"), when the message names no real date. */
static bool rec_no_such_day(rec_cx *c, int *month, int *day) {
    c->units = rec_find_units(c);
    rec_date d;
    bool found = false;
    for (size_t i = 0; rec_date_next(c, &i, &d);) {
        i = d.t1;
        int64_t z;
        if (!d.bad && rec_date_resolve(c, &d, &z)) return false; /* a real date is there */
        if (found || d.bad || (d.kind != REC_D_MD && d.kind != REC_D_YMD) || d.m < 1 || d.m > 12 || d.d < 1 ||
            d.d > 31)
            continue;
        int most = d.kind == REC_D_YMD && d.y >= 1 && d.y <= 9999 ? ty_civil_month_days(d.y, d.m)
                                                                  : ty_civil_month_days(2000, d.m);
        if (d.d <= most) continue;
        *month = d.m;
        *day = d.d;
        found = true;
    }
    return found;
}

/* The days a message names, in order, each with its tokens; at most
 * REC_DATES_MAX are weighed. */
enum { REC_DATES_MAX = 8 };
typedef struct rec_named_day {
    size_t t0, t1;
    int64_t z;
    bool bare; /* a weekday alone ("tuesday"), no "next" or date with it */
    bool superseded; /* in a sentence before a correction (rec_days_corrected) */
} rec_named_day;

/* "so wednesday or thursday. actually thursday": when a day still standing
 * sits in a sentence with a correction word, the days in the sentences
 * before it are superseded: set aside, and never the one settled on. */
static void rec_days_corrected(const rec_cx *c, rec_named_day *days, size_t n, bool *aside) {
    size_t last = n;
    for (size_t k = 0; k < n; k++)
        if (!aside[k] && rec_corrected(c, days[k].t0)) last = k;
    for (size_t j = 0; last < n && j < n; j++)
        if (days[j].t0 < days[last].t0 && !rec_same_sentence(c, days[j].t0, days[last].t0))
            aside[j] = days[j].superseded = true;
}

/* A bare weekday named again after the same weekday was named with more
 * ("next Tuesday ... so Tuesday is the only day") is that day. */
static void rec_days_same_weekday(rec_named_day *days, size_t n) {
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; days[k].bare && j < k; j++)
            if (!days[j].bare && days[j].z != days[k].z &&
                ty_civil_weekday(days[j].z) == ty_civil_weekday(days[k].z)) {
                days[k].z = days[j].z;
                break;
            }
}

/* True when tokens [p, q) are nothing or day markers alone ("the", "el"):
 * what a word before a day may be followed by. */
static bool rec_markers_to(const rec_cx *c, size_t p, size_t q) {
    return p == q || rec_list(c, c->msg.t, p, RL(day_markers)) == q - p;
}

/* True when an "or" stands between tokens p and q, a day marker at most
 * after it ("or", "o el"); at_start: right at p too. */
static bool rec_or_gap(const rec_cx *c, size_t p, size_t q, bool at_start) {
    for (size_t o = p; o < q && (o == p || !at_start); o++) {
        size_t ol = rec_list(c, c->msg.t, o, RL(or_words));
        if (ol && o + ol <= q && rec_markers_to(c, o + ol, q)) return true;
    }
    return false;
}

/* True when token p lies inside a proposal that opens at most two tokens
 * before it ("por qué no", "xq no", "why don't we"). */
static bool rec_in_proposal(const rec_cx *c, size_t p) {
    for (size_t k = p >= 2 ? p - 2 : 0; k <= p; k++)
        if (rec_list_at(c->msg.t, k, c->loc->proposals) > p - k) return true;
    return false;
}

/* True when days[k] follows days[k - 1] in its clause with nothing but
 * an "or" between ("friday or saturday", "el jueves o el viernes"). */
static bool rec_days_or_joined(const rec_cx *c, const rec_named_day *days, size_t k) {
    return days[k].t0 > days[k - 1].t1 && rec_one_clause(c, days[k - 1].t1, days[k].t0) &&
           rec_or_gap(c, days[k - 1].t1, days[k].t0, true);
}

/* True when a word that prefers what follows ("mejor", "instead")
 * starts among tokens [from, to): "no sabes q mejor el viernes" denies no
 * Friday. */
static bool rec_chosen_between(const rec_cx *c, size_t from, size_t to) {
    for (size_t k = from; k < to; k++)
        if (rec_list(c, c->msg.t, k, RL(instead_after))) return true;
    return false;
}

/* Marks in denied[0..n) the days of days[0..n) a negation governs. A
 * negation right before a day (a day marker at most between), or one that
 * replaces ("instead of", "en vez de"), governs the day after it: "friday
 * not saturday", "not on friday". Any other governs the day before it in
 * its clause ("el viernes no puedo", "friday doesn't work"), else the
 * first day after it there ("I won't be able to make it on friday"), when
 * no word joining another proposal, nor one turning to a choice, stands
 * between ("had to cancel my trip so im around saturday now", "no sabes q
 * mejor el viernes"). A day
 * joined by "or" to a denied one is denied too ("can't do friday or
 * saturday", "friday or saturday doesn't work"). */
static void rec_days_denied(const rec_cx *c, const rec_named_day *days, size_t n, bool *denied) {
    const ty_tokens *t = c->msg.t;
    bool back[REC_DATES_MAX] = {false}; /* denied by a negation after the day */
    memset(denied, 0, n * sizeof *denied);
    for (size_t p = 0, k = 0; p < t->ntok; p++) {
        while (k < n && days[k].t0 < p) k++; /* days[k]: the first day at or after p */
        size_t len = rec_list(c, t, p, RL(negations));
        if (!len || rec_in_proposal(c, p)) continue; /* "¿por qué no mañana?", "why don't we do friday" */
        bool replacing = rec_list(c, t, p, RL(replacing)) == len;
        size_t j = k < n && days[k].t0 >= p + len && rec_one_clause(c, p, days[k].t0) &&
                           !rec_join_between(c, p + len, days[k].t0) && !rec_chosen_between(c, p + len, days[k].t0)
                       ? k
                       : n;
        size_t i = k > 0 && days[k - 1].t1 <= p && rec_one_clause(c, days[k - 1].t1 - 1, p) ? k - 1 : n;
        size_t gap = j < n ? days[j].t0 - (p + len) : 0;
        bool right_before = j < n && (gap == 0 || rec_list(c, t, p + len, RL(day_markers)) == gap);
        if (j < n && (replacing || right_before || i == n)) denied[j] = true;
        else if (i < n && !replacing) denied[i] = back[i] = true;
        p += len - 1;
    }
    for (size_t k = 1; k < n; k++)
        if (denied[k - 1] && rec_days_or_joined(c, days, k)) denied[k] = true;
    for (size_t k = n; k-- > 1;)
        if (back[k] && rec_days_or_joined(c, days, k)) denied[k - 1] = back[k - 1] = true;
}

/* True when the message opens with a bare no right before the day at t0
 * (a day marker at most between): "no el jueves" corrects, it denies
 * nothing. */
static bool rec_no_then_day(const rec_cx *c, size_t t0) {
    const ty_tokens *t = c->msg.t;
    if (t0 == 0 || rec_list(c, t, 0, RL(negations)) != 1 || rec_list(c, t, 0, RL(no)) != 1) return false;
    return t0 == 1 || rec_list(c, t, 1, RL(day_markers)) == t0 - 1;
}

/* True when the day at token t0 is a weekday in the plural in a question
 * (its sentence ends with a question mark) whose clause is no proposal
 * ("before I pick a day, what time do you close on saturdays? I work till
 * 4", "¿hasta qué hora abrís los sábados?"; not "could you do saturdays?",
 * nor "what time do you close on friday, and can you fit a tune-up in that
 * day?"): in a reply in a conversation, a habit asked about, no day
 * chosen. */
static bool rec_day_asked_about(const rec_cx *c, size_t t0) {
    const ty_tokens *t = c->msg.t;
    if (!rec_weekday_plural(c, t0)) return false;
    size_t a = t0;
    while (a > 0 && !rec_gap_cuts(&c->msg, a)) a--;
    return rec_sentence_asks(c, t0) && !rec_list_at(t, a, c->loc->proposals);
}

/* True when token p names the weather ("rain", "lluvia"), and no option
 * of the playbook has that word ("rain cover" sold is no weather asked). */
static bool rec_weather_at(const rec_cx *c, size_t p) {
    return rec_list(c, c->msg.t, p, RL(weather_words)) && !rec_option_word_at(c, p);
}

/* True when the day at token t0 is the one something is moved to: a word
 * of moving at most two words before the words that lead to the new day
 * ("the party got moved to friday", "move it to the 3rd", "pásala al
 * jueves"): whatever it names is what is moved, no other engagement. */
static bool rec_moved_to(const rec_cx *c, size_t t0) {
    const ty_tokens *t = c->msg.t;
    for (size_t m = t0 > 2 ? t0 - 2 : 0; m < t0; m++) {
        if (rec_list_at(t, m, c->loc->move_to) != t0 - m) continue;
        for (size_t v = m > 3 ? m - 3 : 0; v < m; v++)
            if (rec_list_at(t, v, c->loc->move_words) && !rec_gap_cuts(&c->msg, v + 1)) return true;
    }
    return false;
}

/* True when day k of days[0..n) belongs to another engagement: a word for
 * one stands a few words before it in its clause ("my daughters birthday
 * on saturday", "un compromiso familiar el fin de semana") or right after
 * it ("el sábado tengo una boda", "fri im working"), with no other day
 * between ("working friday so saturday" engages friday alone), or it is
 * the day the weather is asked about (rec_weather_at, before it in its
 * clause or right after). */
static bool rec_day_engaged(const rec_cx *c, const rec_named_day *days, size_t n, size_t k) {
    const ty_tokens *t = c->msg.t;
    size_t t0 = days[k].t0, t1 = days[k].t1, lo = k > 0 ? days[k - 1].t1 : 0,
           hi = k + 1 < n ? days[k + 1].t0 : t->ntok;
    if (rec_clause_free(c, t0) || rec_moved_to(c, t0)) return false; /* "I have friday off", "the party moved to friday" */
    if (rec_event_before(c, t0, lo, 6)) return true;
    for (size_t p = t1; p < hi && p < t1 + 3 && rec_one_clause(c, t1 - 1, p) && !rec_gap_ends_sentence(&c->msg, p);
         p++)
        if (rec_other_event(c, p) || rec_weather_at(c, p)) return true;
    /* the weather asked about: "is it gonna rain saturday", "va a llover el sábado?" */
    for (size_t p = t0; p > lo && p + 6 > t0 && !rec_gap_cuts(&c->msg, p);)
        if (rec_weather_at(c, --p)) return true;
    return false;
}

/* True when the date slot being read is named after an occasion
 * ("wedding_date", "fecha_boda"): worked out once, when first needed. */
static bool rec_occasion_day(rec_cx *c) {
    const char *const *occasions[1] = {c->loc->occasions};
    if (!c->occasion)
        c->occasion = (c->ctx && c->ctx->occasion) || rec_slot_named_in(c, c->slot_name, c->slot_name_len, occasions, 1)
                          ? 1
                          : -1;
    return c->occasion > 0;
}

/* True when the day at token t0 is that of a booking the customer already
 * has ("necesito cambiar mi cita del sábado", "tengo cita el jueves y
 * quiero cambiarla al viernes", "my appointment on friday"): no day offered. */
static bool rec_day_booked(const rec_cx *c, size_t t0) {
    return rec_phrase_ends_at(c, t0, 5, RL(booked_before));
}

/* When one of days[0..n) is said to be chosen instead ("can we do friday
 * instead", "el viernes mejor", "friday would be better") or settled on
 * ("ah claro, Navidad... pues el martes"), the others are set aside in
 * aside[], and it stands unless a negation governs it (denied[]): a day
 * chosen outright is no other engagement's, whatever stands near it ("not
 * saturday because of the football match friday would be better"). */
static void rec_days_instead(const rec_cx *c, const rec_named_day *days, size_t n, const bool *denied,
                             bool *aside) {
    size_t chosen = n, count = 0;
    for (size_t k = 0; k < n; k++)
        if (!days[k].superseded && rec_settled(c, days[k].t0, days[k].t1)) {
            chosen = k;
            count++;
        }
    for (size_t k = 0; count == 1 && k < n; k++) aside[k] = k != chosen || denied[k];
}

/* In a reply in a conversation, a day before today ("les escribí ayer",
 * "text me the day before") is no day ahead: set aside in aside[] when a
 * day at or after today stands too. A past day named alone is left to the
 * flow, which says why it cannot be taken. */
static void rec_days_past(const rec_cx *c, const rec_named_day *days, size_t n, bool *aside) {
    int64_t today;
    bool ahead = false;
    if (!c->ctx || !c->ctx->offers || !rec_today(c, &today)) return;
    for (size_t k = 0; k < n; k++) ahead |= !aside[k] && days[k].z >= today;
    for (size_t k = 0; ahead && k < n; k++)
        if (days[k].z < today) aside[k] = true;
}

/* A day counted from words that cannot be read ("3 days from tuesday",
 * "the day before this time"; token offsets bad[0..nbad)) reads nothing in
 * its sentence: the days there are dropped from days[0..*n), but for one
 * chosen over the others (rec_settled). True when a
 * day named in another sentence is left ("can I book wednesday? and text
 * me the day before this time"); false when the message reads no day. */
static bool rec_days_unread(const rec_cx *c, rec_named_day *days, size_t *n, const size_t *bad, size_t nbad) {
    size_t kept = 0;
    for (size_t k = 0; k < *n; k++) {
        bool near = false;
        for (size_t b = 0; b < nbad && !near; b++)
            near = days[k].t0 < bad[b] ? rec_same_sentence(c, days[k].t0, bad[b])
                                       : rec_same_sentence(c, bad[b], days[k].t0);
        /* (a day chosen over it stands: "el jueves es Thanksgiving... mejor el viernes") */
        if (!near || rec_settled(c, days[k].t0, days[k].t1)) days[kept++] = days[k];
    }
    *n = kept;
    return kept > 0;
}

/* In a reply in a conversation, days still standing (aside[] false) that
 * each follow the one before with an "or" right before them ("monday or
 * tuesday", "el lunes o el martes a la tarde, el q tengas", "hoy a la
 * tarde puede ser? o mañana") are alternatives the customer can
 * both make: the earliest of them the business is open on (ctx->hours,
 * lead time included) is taken, else the earliest. Days of one weekday
 * are no such choice ("tuesday or next tuesday": which week is the
 * customer's to say). Returns its index, or n when the days are no
 * alternatives. */
static size_t rec_days_either(const rec_cx *c, const rec_named_day *days, size_t n, const bool *aside) {
    const ty_recog_ctx *x = c->ctx;
    if (!x || !x->offers || x->past) return n;
    size_t prev = n, count = 0, open = n, earliest = n;
    for (size_t k = 0; k < n; k++) {
        if (aside[k]) continue;
        for (size_t j = 0; j < k; j++)
            if (!aside[j] && days[j].z != days[k].z && ty_civil_weekday(days[j].z) == ty_civil_weekday(days[k].z))
                return n;
        if (prev < n && days[k].z != days[prev].z && !rec_or_gap(c, days[prev].t1, days[k].t0, false)) return n;
        count += prev == n || days[k].z != days[prev].z;
        prev = k;
        if (earliest == n || days[k].z < days[earliest].z) earliest = k;
        bool bookable = x->hours && x->has_at &&
                        ty_hours_check_date(x->hours, x->at, days[k].z, TY_RANGE_FUTURE, true) == TY_BOOK_OK;
        if (bookable && (open == n || days[k].z < days[open].z)) open = k;
    }
    if (count < 2) return n;
    return open < n ? open : earliest;
}

/* True when the day at token q ends a range begun by a day ending at
 * token p: "to", "till", "a", "hasta" between them ("fri to sun", "del
 * martes 1 al viernes 4", "de viernes a domingo"), a day marker at most
 * after it, or a dash alone ("12th-14th"). */
static bool rec_range_gap(const rec_cx *c, size_t p, size_t q) {
    const ty_tokens *t = c->msg.t;
    if (p == q) {
        const char *g;
        size_t gn;
        rec_gap(&c->msg, q, &g, &gn);
        bool dash = memchr(g, '-', gn) != NULL;
        for (size_t k = 0; !dash && k + 3 <= gn; k++) dash = memcmp(g + k, "\xE2\x80\x93", 3) == 0; /* an en dash */
        return dash;
    }
    size_t n = rec_list(c, t, p, RL(range_to));
    if (!n) n = rec_list(c, t, p, RL(range_until));
    return n && p + n <= q && rec_one_clause(c, p, q) && rec_markers_to(c, p + n, q);
}

/* Two days still standing that make a range, the later after the earlier
 * ("fri to sun", "Tuesday 1st to Friday 4th December", "12th-14th"): the
 * first day is the one asked (the day a stay begins, the first of the days
 * the customer can come).
 * Returns its index (the last day's in *end), or n. */
static size_t rec_days_range(const rec_cx *c, const rec_named_day *days, size_t n, const bool *aside, size_t *end) {
    if (!c->ctx || c->ctx->past) return n;
    size_t a = n, b = n;
    for (size_t k = 0; k < n; k++) {
        if (aside[k]) continue;
        if (a == n) a = k;
        else if (b == n && days[k].z != days[a].z) b = k;
        else if (days[k].z != days[a].z && days[k].z != days[b].z) return n;
    }
    if (b == n || days[b].z <= days[a].z || !rec_range_gap(c, days[a].t1, days[b].t0)) return n;
    *end = b;
    return a;
}

static bool rec_days_weighed(rec_cx *c, rec_named_day *days, size_t *np, bool *aside, bool weak);

/* Day z as "YYYY-MM-DD" over the tokens of d (NULL when out of range). */
static ty_value *rec_emit_day(rec_cx *c, int64_t z, const rec_named_day *d) {
    int64_t y;
    int m, dd;
    ty_civil_date(z, &y, &m, &dd);
    if (y < 1 || y > 9999) return NULL;
    char buf[11];
    size_t bn = rec_format_date(z, buf);
    return rec_emit_toks(c, rec_str(c, buf, bn), d->t0, d->t1);
}

/* True when tokens [t0, t1) are a day of the month alone: digits, with
 * an ordinal suffix at most ("18", "2nd"). */
static bool rec_bare_day_of_month(const rec_cx *c, size_t t0, size_t t1) {
    const ty_tokens *t = c->msg.t;
    if (t0 >= t1 || t->tok[t0].kind != TY_TOK_NUM) return false;
    return t1 == t0 + 1 || (t1 == t0 + 2 && rec_tok_in(c, t, t0 + 1, RL(ordinal_suffixes)));
}

/* Day dom of the month of day `to`, or of the month before when it would
 * not come before `to` ("del 30 al 2 de diciembre"): -1 when that day
 * does not exist (no 31 November) or lies a month or more before. */
static int64_t rec_day_before(int64_t to, int dom) {
    int64_t y;
    int m, d;
    ty_civil_date(to, &y, &m, &d);
    if (dom >= d && --m == 0) {
        y--;
        m = 12;
    }
    int64_t z = ty_civil_days(y, m, dom);
    ty_civil_date(z, &y, &m, &d);
    return d == dom && z < to && to - z <= 31 ? z : -1;
}

/* Takes the first day of the range days[a..b], when it is a day of the
 * month alone ("el 2 al 4 de enero"), in the month of the last. */
static void rec_range_month(const rec_cx *c, rec_named_day *days, size_t a, size_t b) {
    int64_t y, z;
    int m, d;
    if (!rec_bare_day_of_month(c, days[a].t0, days[a].t1)) return;
    ty_civil_date(days[a].z, &y, &m, &d);
    if ((z = rec_day_before(days[b].z, d)) >= 0) days[a].z = z;
}

/* The day of the month a bare day at tokens [t0, t1) names (1 to 31),
 * or 0 (rec_bare_day_of_month tells it is one). */
static int rec_dom_at(const rec_cx *c, size_t t0) {
    size_t n;
    const char *s = rec_tok(c->msg.t, t0, &n);
    int dom = 0;
    for (size_t i = 0; i < n && i < 2 && s[i] >= '0' && s[i] <= '9'; i++) dom = dom * 10 + (s[i] - '0');
    return n <= 2 && dom <= 31 ? dom : 0;
}

/* The end of the bare day of the month that begins at token s, its
 * ordinal suffix included ("11th"), or 0. */
static size_t rec_bare_day_end(const rec_cx *c, size_t s) {
    for (size_t f = s + 2; f > s; f--)
        if (f <= c->msg.t->ntok && rec_bare_day_of_month(c, s, f)) return f;
    return 0;
}

/* Adds day z over tokens [t0, t1) to days[0..*np) at index k. */
static void rec_days_insert(rec_named_day *days, size_t *np, size_t k, size_t t0, size_t t1, int64_t z) {
    memmove(days + k + 1, days + k, (*np - k) * sizeof *days);
    days[k] = (rec_named_day){t0, t1, z, false, false};
    (*np)++;
}

/* Before each day of days[0..*np) that ends a range, a day of the month
 * alone that begins it ("del 18 al 20 de diciembre", "18-20 dic", "the
 * 18th to the 20th"), which reads as no day on its own: added to days as
 * the day of that month (or the month before). */
static void rec_days_bare_starts(const rec_cx *c, rec_named_day *days, size_t *np) {
    for (size_t k = 0; k < *np && *np < REC_DATES_MAX; k++) {
        size_t q = days[k].t0, s = q > 4 ? q - 4 : 0, e = 0;
        if (k) s = s > days[k - 1].t1 ? s : days[k - 1].t1;
        for (; s < q && !e; s++)
            if ((e = rec_bare_day_end(c, s)) && (e >= q || !rec_range_gap(c, e, q))) e = 0;
        if (!e) continue;
        int dom = rec_dom_at(c, --s);
        int64_t z = dom ? rec_day_before(days[k].z, dom) : -1;
        if (z < 0) continue;
        rec_days_insert(days, np, k++, s, e, z);
    }
}

/* A range of two days of the month alone after a word that opens one
 * ("del 5 al 8", "from the 5th to the 8th"): the next 8th and the 5th
 * before it, added to days in the place of the days within it ("el finde
 * q viene, del 27 al 29" is no Saturday 28 alone). */
static void rec_days_bare_pair(const rec_cx *c, rec_named_day *days, size_t *np) {
    const ty_tokens *t = c->msg.t;
    int64_t today, y;
    int m, d;
    if (*np + 2 > REC_DATES_MAX || !rec_today(c, &today)) return;
    for (size_t i = 0; i < t->ntok; i++) {
        size_t s = i + rec_list(c, t, i, RL(range_from)), e = s > i ? rec_bare_day_end(c, s) : 0;
        for (size_t q = e + 1; e && q <= e + 3 && q < t->ntok; q++) {
            size_t f = rec_bare_day_end(c, q);
            int first = rec_dom_at(c, s), last = f ? rec_dom_at(c, q) : 0;
            if (!first || !last || first >= last || !rec_range_gap(c, e, q)) continue;
            ty_civil_date(today, &y, &m, &d);
            if (last < d && ++m == 13) {
                y++;
                m = 1;
            }
            int64_t z = ty_civil_days(y, m, last), start = rec_day_before(z, first);
            ty_civil_date(z, &y, &m, &d);
            if (d != last || start < 0) return;
            for (size_t k = 0; k < *np; k++) /* "del 2 al 4 de enero": a day read already */
                if ((days[k].t0 <= q && q < days[k].t1) || (days[k].t0 <= s && s < days[k].t1)) return;
            size_t n = 0, at = 0;
            for (size_t k = 0; k < *np; k++)
                if (days[k].z < start || days[k].z > z) days[n++] = days[k];
            while (at < n && days[at].t0 < s) at++;
            *np = n;
            rec_days_insert(days, np, at, s, e, start);
            rec_days_insert(days, np, at + 1, q, f, z);
            return;
        }
    }
}

/* True when a "no" alone closes the clause at token e, right after a day
 * ("ahorita no", "el sábado no"): in passing, that day is turned down. */
static bool rec_no_after(const rec_cx *c, size_t e) {
    const ty_tokens *t = c->msg.t;
    return e < t->ntok && !rec_gap_cuts(&c->msg, e) && rec_tok_in(c, t, e, RL(no)) &&
           rec_tok_in(c, t, e, RL(negations)) && (e + 1 == t->ntok || rec_gap_cuts(&c->msg, e + 1));
}

/* True when the message may hold a range of weak days: a day read
 * already (`days`), or a day of the month alone before a word that joins
 * a range or a dash ("the 11th to the 13th", "el 18 al 20", "11th-13th").
 * Only those are worth reading again with weak days. */
static bool rec_ranges(const rec_cx *c, size_t days) {
    const ty_tokens *t = c->msg.t;
    for (size_t s = 0; !days && s < t->ntok; s++) {
        size_t e = rec_bare_day_end(c, s);
        if (e && e < t->ntok &&
            (rec_range_gap(c, e, e) || rec_list(c, t, e, RL(range_to)) || rec_list(c, t, e, RL(range_until))))
            return true;
    }
    return days > 0;
}

/* True when the day at token t0 is said to end a stay ("nos vamos el
 * martes 8", "until sunday", "checking out on the 8th"). */
static bool rec_day_ends_stay(const rec_cx *c, size_t t0) { return rec_phrase_ends_at(c, t0, 4, RL(stay_end_before)); }

/* In a reply, the days of days[0..n) said to end a stay are the only ones
 * a slot for the day a stay ends takes (`ends`: "llegaríamos el sábado 5 y
 * nos vamos el martes 8" gives it the 8th), and the ones a slot for the
 * day it begins sets aside in aside[] (it takes the 5th; a slot for any
 * day does not: "the in-laws land on saturday and stay till tuesday" is
 * no day to come). A slot for the end takes no day said in passing
 * without such a word: "el sábado 12" is the day a stay begins, and the
 * end is asked. */
static void rec_days_ending(const rec_cx *c, const rec_named_day *days, size_t n, bool *aside, bool ends) {
    if (!c->ctx || !c->ctx->offers) return;
    bool marked = false;
    for (size_t k = 0; ends && k < n; k++) marked |= !aside[k] && rec_day_ends_stay(c, days[k].t0);
    for (size_t k = 0; k < n; k++)
        if (ends ? (marked || !c->answer) && !rec_day_ends_stay(c, days[k].t0) : rec_day_ends_stay(c, days[k].t0))
            aside[k] = true;
}

/* True when a word of moving a booking stands before token t0: a range of
 * days after it goes from the old day to the new one. */
static bool rec_moving(const rec_cx *c, size_t t0) {
    for (size_t k = 0; k < t0; k++)
        if (rec_list_at(c->msg.t, k, c->loc->move_words)) return true;
    return false;
}

/* date: "YYYY-MM-DD" of the one day the text names. Of several, those a
 * negation governs are set aside ("no, el viernes no puedo... mejor el
 * sábado" is Saturday); two others read nothing ("friday or saturday"),
 * unless in a reply they are alternatives (rec_days_either). A
 * day named alone stands, negated or not, in the recognize API ("ya no
 * estaré en dos semanas" names the day); in a reply in a conversation a
 * negated one is set aside ("thursday doesn't work for me"). The day of another engagement (rec_day_engaged) or of
 * a clause giving a reason (rec_in_reason) is set aside when another stands
 * ("el jueves, que tengo un compromiso el fin de semana"). An event's day
 * named alone stands in the recognize API, and is set aside in a reply in a
 * conversation ("sorry its my daughters birthday on saturday so its manic
 * here"): there it explains, and the question is asked again. */
static ty_value *rec_read_date(rec_cx *c, const char *name, size_t nlen) {
    rec_named_day days[REC_DATES_MAX];
    bool aside[REC_DATES_MAX] = {false};
    size_t n;
    c->slot_name = name; /* "getting married on 13 March" for a wedding_date (rec_occasion_day) */
    c->slot_name_len = nlen;
    if (!rec_days_weighed(c, days, &n, aside, c->answer)) return NULL;
    bool ranged = !c->answer && c->ctx && c->ctx->offers && rec_ranges(c, n);
    if (!n && !ranged) return NULL;
    const char *const *end_names[1] = {c->loc->stay_end_names}, *const *start_names[1] = {c->loc->stay_start_names};
    bool ends = rec_slot_named_in(c, name, nlen, end_names, 1);
    bool starts = !ends && rec_slot_named_in(c, name, nlen, start_names, 1);
    /* "me cambias la práctica del jueves al viernes", "move it from thursday
     * to friday": the day it moves to */
    if (!starts && n >= 2 && !aside[n - 1] && rec_moving(c, days[n - 1].t0) &&
        rec_list_before(c->msg.t, days[n - 1].t0, c->loc->move_to))
        return rec_emit_day(c, days[n - 1].z, &days[n - 1]);
    /* in passing, a range of weak days ("the 11th-13th", "el 18 al 20 de
     * diciembre") reads only with weak days */
    if (ranged) {
        rec_named_day all[REC_DATES_MAX];
        bool out[REC_DATES_MAX] = {false};
        size_t m, last, first = rec_days_weighed(c, all, &m, out, true) ? rec_days_range(c, all, m, out, &last) : 0;
        if (c->rc) return NULL;
        if (first < m) {
            rec_range_month(c, all, first, last);
            const rec_named_day *d = ends ? &all[last] : &all[first];
            return rec_emit_day(c, d->z, d);
        }
    }
    size_t either = rec_days_either(c, days, n, aside), end = n;
    if (either == n && c->ctx && c->ctx->offers) either = rec_days_range(c, days, n, aside, &end); /* in a reply */
    if (ends && end < n) either = end; /* "del 18 al 20": the 20th */
    else if (either == n && (ends || starts)) rec_days_ending(c, days, n, aside, ends);
    const rec_named_day *pick = either < n ? &days[either] : NULL;
    for (size_t k = 0; k < n && either == n; k++) {
        if (aside[k]) continue;
        if (pick && pick->z != days[k].z) return NULL;
        if (!pick) pick = &days[k];
    }
    return pick ? rec_emit_day(c, pick->z, pick) : NULL;
}

/* The longest stay a range of days counts as nights. */
#define REC_NIGHTS_MAX 60

/* nights: the nights of a stay given as a range of days in a reply ("fri
 * to sun" is 2, "Tuesday 1st to Friday 4th December" 3), for a number
 * slot that counts nights (rec_counts_nights): a range makes even weak
 * days ("sun", "the 14th") days. NULL when there is none. */
static ty_value *rec_read_nights(rec_cx *c) {
    rec_named_day days[REC_DATES_MAX];
    bool aside[REC_DATES_MAX] = {false};
    size_t n, end;
    if (!rec_days_weighed(c, days, &n, aside, true)) return NULL;
    size_t a = rec_days_range(c, days, n, aside, &end);
    if (a == n || days[end].z - days[a].z > REC_NIGHTS_MAX) return NULL;
    return rec_emit_toks(c, ty_val_number(c->doc, (double)(days[end].z - days[a].z)), days[a].t0, days[end].t1);
}

/* The days the text names in days[0..*np), those that do not stand marked
 * in aside[] (negated, another engagement's, superseded, past), weak ones
 * ("sun", "the 12th") too when `weak`; false when it names none that can
 * be read. */
static bool rec_days_weighed(rec_cx *c, rec_named_day *days, size_t *np, bool *aside, bool weak) {
    c->units = rec_find_units(c);
    size_t n = 0, bad[REC_DATES_MAX], nbad = 0;
    bool many = false;
    rec_date d;
    for (size_t i = 0; rec_date_next(c, &i, &d);) {
        if (d.bad || rec_counted_from(c, d.t0) || rec_counted_weekday(c, &d)) {
            /* "3 days from tuesday" is never tuesday, nor "two sundays from now" sunday */
            if (nbad == REC_DATES_MAX) return false;
            bad[nbad++] = d.t0;
            i = d.t1 > d.t0 ? d.t1 : d.t0 + 1;
            continue;
        }
        i = d.t1;
        int64_t z;
        if (d.weak && !weak) continue;
        if (c->ctx && c->ctx->offers && ((rec_in_past(c, d.t0, d.t1) && !rec_occasion_day(c)) || rec_day_booked(c, d.t0)))
            continue; /* "did anyone see the rugby at the weekend", "cambiar mi cita del sábado" */
        if (c->ctx && c->ctx->offers && d.kind == REC_D_REL && (d.add_months >= 12 || d.add_months <= -12))
            continue; /* "nobody's looked at it in three years", "hace dos años": how long, no day to book */
        if (c->ctx && c->ctx->offers && rec_day_asked_about(c, d.t0) && !rec_occasion_day(c))
            continue; /* "what time do you close on saturdays?": a habit asked about */
        if (!rec_date_resolve(c, &d, &z)) continue;
        if (n == REC_DATES_MAX) many = true;
        else days[n++] = (rec_named_day){d.t0, d.t1, z, d.kind == REC_D_WD && d.next == 0 && d.t1 == d.t0 + 1, false};
    }
    if (nbad && !rec_days_unread(c, days, &n, bad, nbad)) return false;
    rec_days_bare_starts(c, days, &n);
    rec_days_bare_pair(c, days, &n);
    rec_days_same_weekday(days, n);
    bool denied[REC_DATES_MAX] = {false}, engaged[REC_DATES_MAX];
    bool stands = false, offers = c->ctx && c->ctx->offers;
    if ((n > 1 || offers) && !many) rec_days_denied(c, days, n, denied);
    if (n == 1 && denied[0] && rec_no_then_day(c, days[0].t0)) denied[0] = false; /* "no el jueves": a correction */
    if (n == 1 && !c->answer && rec_no_after(c, days[0].t1)) denied[0] = true; /* "no, ahorita no, gracias" */
    for (size_t k = 0; k < n; k++) {
        aside[k] = denied[k];
        engaged[k] = n > 1 ? rec_day_engaged(c, days, n, k) || rec_in_reason(c, days[k].t0)
                           : offers && rec_day_engaged(c, days, n, k);
        stands |= !aside[k] && !engaged[k];
    }
    for (size_t k = 0; k < n; k++) /* an event's day, set aside when another stands or in a reply */
        aside[k] |= engaged[k] && (stands || offers) && !rec_occasion_day(c);
    rec_days_corrected(c, days, n, aside);
    rec_days_instead(c, days, n, denied, aside);
    rec_days_past(c, days, n, aside);
    *np = n;
    return true;
}

