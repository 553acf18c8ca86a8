/*
 * rec_time.c — times of day and the time reader.
 * Part of the recognisers (recognize.c has the overview and the
 * decisions); included in this order by csrc/tinyyes.c, one translation unit.
 */
/* ===================================================================== *
 * Times
 * ===================================================================== */

enum { REC_TL_PERIOD = 1, REC_TL_BARE = 2, REC_TL_PREP = 3, REC_TL_STRONG = 4 };

typedef struct rec_time {
    size_t t0, t1;
    int level;      /* REC_TL_* */
    int fixed;      /* minutes of a point or period word, else -1 */
    int hour, min;  /* as written (hour already 24h when a meridiem was given) */
    int off;        /* "half past": minutes added */
    bool meridiem;
    bool lead_zero;
} rec_time;

/* An hour token at j: 1-2 ASCII digits (0..24), or a spelt-out 0..12 when
 * words are allowed. */
static bool rec_hour_at(const rec_cx *c, const rec_src *s, size_t j, int *h, bool *word, bool *lead_zero) {
    const ty_tokens *t = s->t;
    if (j >= t->ntok) return false;
    *word = false;
    *lead_zero = false;
    if (t->tok[j].kind == TY_TOK_NUM) {
        size_t nd;
        long v = rec_tok_int(t, j, &nd);
        if (v < 0 || nd > 2 || v > 24) return false;
        if (j > 0 && rec_adjacent(s, j)) return false; /* "t15", "$3" */
        *lead_zero = nd == 2 && rec_tok(t, j, &nd)[0] == '0';
        *h = (int)v;
        return true;
    }
    const ty_loc_word *w = NULL;
    if (rec_words(c, t, j, RW(number_words), &w) == 1 && w->kind == TY_NUMW_ADD && w->value >= 1 &&
        w->value <= 12) {
        *h = w->value;
        *word = true;
        return true;
    }
    return false;
}

/* A time expression starting at token i of s. */
static bool rec_time_at(const rec_cx *c, const rec_src *s, size_t i, rec_time *out) {
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    memset(out, 0, sizeof *out);
    out->t0 = i;
    out->fixed = -1;
    size_t n = rec_words(c, t, i, RW(time_points), &w);
    if (n) {
        out->t1 = i + n;
        out->level = REC_TL_STRONG;
        out->fixed = w->value;
        return true;
    }
    n = rec_words(c, t, i, RW(day_periods), &w);
    if (n) {
        out->t1 = i + n;
        out->level = REC_TL_PERIOD;
        out->fixed = w->value;
        return true;
    }
    size_t j = i;
    bool has_off = false, prep = false;
    n = rec_words(c, t, j, RW(time_offsets), &w);
    if (n && w->kind == TY_TOFF_BEFORE) {
        out->off = w->value;
        has_off = true;
        j += n;
    } else if ((n = rec_list(c, t, j, RL(time_preps))) != 0) {
        prep = true;
        j += n;
    }
    int h;
    bool word, lz;
    if (!rec_hour_at(c, s, j, &h, &word, &lz)) return false;
    j++;
    bool colon = false, dot = false;
    if (!word && j < t->ntok && (rec_gap_is(s, j, ':') || rec_gap_is(s, j, '.'))) {
        size_t nd;
        long m = rec_tok_int(t, j, &nd);
        if (m >= 0 && nd == 2) {
            if (m > 59) return false;
            colon = rec_gap_is(s, j, ':');
            dot = !colon;
            out->min = (int)m;
            j++;
            if (colon && j < t->ntok && rec_gap_is(s, j, ':') && rec_tok_int(t, j, &nd) >= 0 && nd == 2) j++;
        }
    }
    if (!has_off && !colon && !dot) {
        n = rec_words(c, t, j, RW(time_offsets), &w);
        if (n && w->kind == TY_TOFF_AFTER) {
            out->off = w->value;
            has_off = true;
            j += n;
        }
    }
    int mer = -1;
    n = rec_words(c, t, j, RW(meridiems), &w);
    if (n) {
        mer = w->value;
        j += n;
    }
    bool oc = false;
    n = rec_list(c, t, j, RL(oclock));
    if (n) {
        oc = true;
        j += n;
    }
    if (colon || mer >= 0 || oc || has_off || (dot && prep)) out->level = REC_TL_STRONG;
    else if (prep) out->level = REC_TL_PREP;
    else out->level = REC_TL_BARE;
    if (word && out->level == REC_TL_BARE) return false;
    if (out->level == REC_TL_BARE && j < t->ntok && rec_adjacent(s, j) && t->tok[j].kind == TY_TOK_WORD)
        return false; /* "3rd", "2x" */
    if (mer >= 0) {
        if (h < 1 || h > 12) return false;
        h = h % 12 + mer;
        out->meridiem = true;
    } else if (h > 23) {
        return false;
    }
    out->hour = h;
    out->lead_zero = lz;
    out->t1 = j;
    return true;
}

/* Minutes after midnight of a time; hint is 0 (morning), 12 (afternoon or
 * later) or -1 (none) from a time-of-day word in the same text. */
static int rec_time_minutes(const rec_time *h, int hint) {
    if (h->fixed >= 0) return h->fixed;
    int hr = h->hour;
    if (!h->meridiem) {
        if (hint == 12) {
            if (hr >= 1 && hr <= 11) hr += 12;
        } else if (hint != 0 && !h->lead_zero && hr >= 1 && hr <= 6) {
            hr += 12;
        }
    }
    int m = (hr * 60 + h->min + h->off) % 1440;
    return m < 0 ? m + 1440 : m;
}

/* All time expressions of s (up to cap stored; the count is returned) and
 * the morning/afternoon hint of its time-of-day words. */
static size_t rec_time_scan(const rec_cx *c, const rec_src *s, rec_time *hits, size_t cap, int *hint) {
    size_t k = 0;
    *hint = -1;
    bool conflict = false;
    for (size_t i = 0; i < s->t->ntok;) {
        rec_time h;
        if (rec_may_start(c, s->t, i, REC_G_TIME, 0) && rec_time_at(c, s, i, &h)) {
            if (h.level == REC_TL_PERIOD) {
                int hh = h.fixed >= 720 ? 12 : 0;
                if (*hint >= 0 && *hint != hh) conflict = true;
                *hint = hh;
            }
            if (k < cap) hits[k] = h;
            k++;
            i = h.t1;
        } else {
            i++;
        }
    }
    if (conflict) *hint = -1;
    return k;
}


/* ---- time --------------------------------------------------------------- */

/* "HH:MM" of minutes after midnight, in the result doc. */
static ty_value *rec_hhmm(rec_cx *c, int minutes) {
    char b[6] = {(char)('0' + minutes / 600), (char)('0' + minutes / 60 % 10), ':', (char)('0' + minutes % 60 / 10),
                 (char)('0' + minutes % 10), 0};
    return rec_str(c, b, 5);
}

/* True when bare hour b and time e are joined as alternatives or a range
 * ("3 or 4pm", "between 3 and 5pm", "3-5pm"): then there is no one time. */
static bool rec_time_joined(const rec_cx *c, const rec_time *b, const rec_time *e) {
    const ty_tokens *t = c->msg.t;
    if (b->t1 > e->t0) return false;
    size_t between = e->t0 - b->t1;
    if (between == 0) {
        const char *g;
        size_t gn;
        rec_gap(&c->msg, e->t0, &g, &gn);
        return memchr(g, '-', gn) != NULL || (gn >= 3 && (memcmp(g, "\xE2\x80\x93", 3) == 0));
    }
    size_t n = rec_list(c, t, b->t1, RL(or_words));
    if (!n) n = rec_list(c, t, b->t1, RL(range_and));
    if (!n) n = rec_list(c, t, b->t1, RL(range_to));
    return n == between;
}

/* time: "HH:MM" of the one time the text names. */
static ty_value *rec_read_time(rec_cx *c) {
    rec_time hits[REC_MAX_HITS];
    int hint;
    size_t n = rec_time_scan(c, &c->msg, hits, REC_MAX_HITS, &hint);
    if (n > REC_MAX_HITS) return NULL;
    int want = c->answer ? REC_TL_PREP : REC_TL_STRONG;
    for (size_t a = 0; a + 1 < n; a++)
        if (hits[a].level == REC_TL_BARE && hits[a + 1].level >= want && rec_time_joined(c, &hits[a], &hits[a + 1]))
            return NULL;
    /* explicit times first; then (answers only) a time of day; then a bare
     * hour that is the whole reply */
    for (int pass = 0; pass < 3; pass++) {
        if (pass > 0 && !c->answer) break;
        const rec_time *pick = NULL;
        int value = -1;
        for (size_t k = 0; k < n; k++) {
            const rec_time *h = &hits[k];
            bool take = pass == 0   ? h->level >= want
                        : pass == 1 ? h->level == REC_TL_PERIOD
                                    : h->level == REC_TL_BARE && rec_alone(c, h->t0, h->t1);
            if (!take) continue;
            int v = rec_time_minutes(h, pass == 1 ? -1 : hint);
            if (pick && v != value) return NULL; /* "3 or 4pm" */
            if (!pick) {
                pick = h;
                value = v;
            }
        }
        if (pick) return rec_emit_toks(c, rec_hhmm(c, value), pick->t0, pick->t1);
    }
    return NULL;
}

