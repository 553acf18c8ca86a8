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

/* A spelt-out whole number at token i (through rec_int_words, the one
 * call into rec_number.c): its value and the token after it. */
static bool rec_time_spelt(const rec_cx *c, const rec_src *s, size_t i, int *v, size_t *end) {
    if (i >= s->t->ntok || s->t->tok[i].kind != TY_TOK_WORD) return false;
    double n;
    if (!rec_int_words(c, s, i, &n, end) || n > 10000) return false;
    *v = (int)n;
    return true;
}

/* A count of minutes at token j, 1..59: two digits at most, or spelt out. */
static bool rec_time_count(const rec_cx *c, const rec_src *s, size_t j, int *v, size_t *end, bool *digits) {
    const ty_tokens *t = s->t;
    if (j >= t->ntok) return false;
    *digits = t->tok[j].kind == TY_TOK_NUM;
    if (*digits) {
        size_t nd;
        long m = rec_tok_int(t, j, &nd);
        if (m < 1 || m > 59 || nd > 2 || (j > 0 && rec_adjacent(s, j))) return false;
        *v = (int)m;
        *end = j + 1;
        return true;
    }
    return rec_time_spelt(c, s, j, v, end) && *v >= 1 && *v <= 59;
}

/* True when a count of minutes stands with its link: a minute word, or a
 * round count ("20 past"); a digit count before the hour taking minutes
 * away needs the word ("10 minutes to 9": "3 to 5" is a range). */
static bool rec_time_count_ok(const ty_loc_word *link, int count, bool digits, bool mw) {
    if (mw) return true;
    if (link->value < -1 || link->value > 1 || count % 5 != 0) return false;
    return !(digits && link->value < 0 && link->kind == TY_TOFF_BEFORE);
}

/* Minutes before the hour at token j: a count, a minute word and a link
 * ("20 past", "three minutes to", "30 mins pasadas"); the tokens, or 0. */
static size_t rec_time_before(const rec_cx *c, const rec_src *s, size_t j, int *off) {
    const ty_tokens *t = s->t;
    int v;
    size_t k;
    bool digits;
    if (!rec_time_count(c, s, j, &v, &k, &digits)) return 0;
    if (j > 0 && (rec_tok_in(c, t, j - 1, RL(range_min)) || rec_tok_in(c, t, j - 1, RL(range_between))))
        return 0; /* "from five to nine" */
    size_t mw = rec_list(c, t, k, RL(minute_words));
    const ty_loc_word *w = NULL;
    size_t ln = rec_words(c, t, k + mw, RW(minute_links), &w);
    if (!ln || w->kind != TY_TOFF_BEFORE || !rec_time_count_ok(w, v, digits, mw > 0)) return 0;
    *off = w->value < 0 ? -v : v;
    return k + mw + ln - j;
}

/* Minutes after the hour at token j: a link, a count and maybe a minute
 * word ("y veinte", "menos diez"); the tokens, or 0. *digits: a count in
 * digits without its minute word ("3 y 20"). */
static size_t rec_time_after(const rec_cx *c, const rec_src *s, size_t j, int *off, bool *digits) {
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    size_t ln = rec_words(c, t, j, RW(minute_links), &w);
    int v;
    size_t k;
    if (!ln || w->kind != TY_TOFF_AFTER || !rec_time_count(c, s, j + ln, &v, &k, digits)) return 0;
    size_t mw = rec_list(c, t, k, RL(minute_words));
    if ((w->value < -1 || w->value > 1) && !mw) return 0; /* needs its minute word */
    if (*digits && !mw && v % 5 != 0) return 0;           /* "las 3 y 4 personas" */
    *digits = *digits && !mw;
    *off = w->value < 0 ? -v : v;
    return k + mw - j;
}

/* An hour at token j: 1-2 ASCII digits (0..24), 3-4 digits holding the
 * minutes too ("340" before "pm": *hhmm), or a spelt-out 0..24. *end is the
 * token after it. */
static bool rec_hour_at(const rec_cx *c, const rec_src *s, size_t j, rec_time *out, bool *word, bool *hhmm,
                        size_t *end) {
    const ty_tokens *t = s->t;
    if (j >= t->ntok) return false;
    *word = false;
    *hhmm = false;
    out->lead_zero = false;
    if (t->tok[j].kind == TY_TOK_NUM) {
        size_t nd;
        long v = rec_tok_int(t, j, &nd);
        if (v < 0 || nd > 4) return false;
        if (j > 0 && rec_adjacent(s, j)) return false; /* "t15", "$3" */
        if (nd > 2) {
            if (v % 100 > 59) return false;
            *hhmm = true;
            out->min = (int)(v % 100);
            v /= 100;
        }
        if (v > 24) return false;
        /* "08", and four digits ("0800", "1100"), are 24-hour times */
        out->lead_zero = nd == 4 || (nd == 2 && rec_tok(t, j, &nd)[0] == '0');
        out->hour = (int)v;
        *end = j + 1;
        return true;
    }
    int v;
    if (!rec_time_spelt(c, s, j, &v, end) || v < 1 || v > 24) return false;
    out->hour = v;
    *word = true;
    return true;
}

/* True when no time may start at token i: inside a spelt-out number
 * ("five" of "twenty five", "cinco" of "treinta y cinco") or right after a
 * count and its link ("4pm" of "two to 4pm"). */
static bool rec_time_inside(const rec_cx *c, const rec_src *s, size_t i) {
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    if (i == 0) return false;
    if (t->tok[i].kind == TY_TOK_WORD && rec_words(c, t, i, RW(number_words), &w)) {
        if (rec_words(c, t, i - 1, RW(number_words), &w)) return true;
        if (i >= 2 && rec_list(c, t, i - 1, RL(number_connectors)) == 1 &&
            rec_words(c, t, i - 2, RW(number_words), &w))
            return true;
    }
    if (i < 2 || rec_words(c, t, i - 1, RW(minute_links), &w) != 1 || w->kind != TY_TOFF_BEFORE) return false;
    if (rec_list(c, t, i - 2, RL(minute_words)) == 1) return true;
    bool loose = w->value >= -1 && w->value <= 1;
    long v = rec_tok_int(t, i - 2, NULL);
    if (v < 0 && rec_words(c, t, i - 2, RW(number_words), &w)) v = w->value;
    /* a round count before a link that needs its minute word is ambiguous:
     * "diez para las ocho" is 7:50 or "ten, for eight" */
    return v >= 0 && (loose || v % 5 == 0);
}

/* What a time expression showed on the way (rec_time_at). */
typedef struct rec_tparse {
    size_t j;                 /* the next token */
    bool prep, word, hhmm;    /* "at"; a spelt-out hour; "340" (needs am/pm) */
    bool colon, dot, oc;      /* ":30", ".30", "o'clock" */
    bool has_off, digit_off;  /* minutes before/after the hour; "3 y 20" */
    int marked;               /* minutes after an hour mark (1: "7h01") or spelt out (2) */
    int mer, mkind;           /* meridiem value or -1, and its TY_MER_* kind */
} rec_tparse;

/* A part of the day (out, of value minutes) and an hour of one or two
 * digits right after it, a comma at most between, that nothing counts:
 * that hour in that part ("morning 10" is 10:00, "wednesday evening 5"
 * 17:00, "en la mañana, 10" 10:00; not "morning 10 of us"). */
static void rec_period_hour(const rec_cx *c, const ty_tokens *t, int value, rec_time *out) {
    size_t k = out->t1, n;
    if (k >= t->ntok || t->tok[k].kind != TY_TOK_NUM || rec_gap_ends_sentence(&c->msg, k)) return;
    const char *d = rec_tok(t, k, &n);
    if (n < 1 || n > 2 || d[0] < '0' || d[0] > '9' || (n == 2 && (d[1] < '0' || d[1] > '9'))) return;
    int h = n == 2 ? (d[0] - '0') * 10 + d[1] - '0' : d[0] - '0';
    if (h < 1 || h > 12) return;
    const ty_loc_word *w;
    size_t e = k + 1;
    /* "morning 10:30", "lunchtime 11 o'clock": the reader takes them whole;
     * around noon a part says neither am nor pm */
    if ((e < t->ntok && (t->tok[e].kind == TY_TOK_NUM || rec_list(c, t, e, RL(oclock)))) ||
        (value > 660 && value < 780))
        return;
    if (e < t->ntok && !rec_gap_cuts(&c->msg, e) &&
        (t->tok[e].kind != TY_TOK_WORD || rec_list(c, t, e, RL(count_after)) ||
         rec_list(c, t, e, RL(people_kinds)) || rec_list_at(t, e, c->loc->time_unit_names) ||
         rec_words(c, t, e, RW(meridiems), &w)))
        return;
    if (value >= 720 && h < 12) h += 12;
    out->t1 = k + 1;
    out->fixed = h * 60;
    out->level = REC_TL_STRONG;
}

/* A time point or a time of day at token i ("noon", "morning"). A time
 * point whose words all name one of the playbook's options is that option
 * ("medio día" rented for half a day is no noon). */
static bool rec_time_word(const rec_cx *c, const ty_tokens *t, size_t i, rec_time *out) {
    const ty_loc_word *w = NULL;
    size_t n = rec_words(c, t, i, RW(time_points), &w);
    bool named = n > 0;
    for (size_t k = i; named && k < i + n; k++) named = rec_option_word_at(c, k);
    if (named) n = 0;
    out->level = REC_TL_STRONG;
    if (!n) {
        n = rec_words(c, t, i, RW(day_periods), &w);
        out->level = REC_TL_PERIOD;
        /* "last night" is gone, "2 night" how long ("12 lunchtime" is noon) */
        if (n && i > 0 &&
            (rec_list(c, t, i - 1, RL(last_words)) ||
             (t->tok[i - 1].kind == TY_TOK_NUM && rec_list_at(t, i, c->loc->time_unit_names))))
            n = 0;
    }
    if (!n) return false;
    out->t1 = i + n;
    out->fixed = w->value;
    if (out->level == REC_TL_PERIOD) rec_period_hour(c, t, w->value, out);
    return true;
}

/* True when "about" at token j may lead a time (time_preps_answer): in an
 * answer to a time question, or in passing right after a day or a part
 * of the day, or a day and one word ("friday night about 9", "tmrw about
 * 3"; not "about 3 years", nor "saturday about 10 of us"), and not the
 * "about" of a proposal ("how about half past four?"). */
static bool rec_time_about_ok(const rec_cx *c, const ty_tokens *t, size_t j) {
    if (!rec_list(c, t, j, RL(time_preps_answer))) return false;
    if (j > 0 && rec_list_at(t, j - 1, c->loc->proposals) == 2) return false;
    /* "I'd like 2 bags": the verb, not "about" */
    if (j > 0 && !rec_gap_cuts(&c->msg, j) && rec_tok_in(c, t, j - 1, RL(time_prep_subjects))) return false;
    if (c->time_asked) return true;
    /* "about 10 of us", "about 3 people": a count, not a time */
    if (j + 2 < t->ntok && (rec_list(c, t, j + 2, RL(count_after)) || rec_list(c, t, j + 2, RL(people_kinds))))
        return false;
    const ty_loc_word *w;
    if (j == 0 || rec_gap_cuts(&c->msg, j)) return false;
    if (rec_day_word_at(c, j - 1) || rec_words(c, t, j - 1, RW(day_periods), &w) == 1) return true;
    /* a word between: "friday night about 9" */
    return j > 1 && !rec_gap_cuts(&c->msg, j - 1) && rec_day_word_at(c, j - 2);
}

/* What comes before the hour: "at", "half past", "20 minutes to",
 * "cuarto pasadas las". */
static void rec_time_head(const rec_cx *c, const rec_src *s, rec_time *out, rec_tparse *p) {
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    size_t n = rec_list(c, t, p->j, RL(time_preps));
    /* "about 4" to "what time?" (not the "about" of "how about half past four?") */
    if (!n && rec_time_about_ok(c, t, p->j)) n = rec_list(c, t, p->j, RL(time_preps_answer));
    p->prep = n != 0;
    p->j += n;
    n = rec_words(c, t, p->j, RW(time_offsets), &w);
    /* an offset of one word ("half ten") takes no article for its hour:
     * "half a dozen", "half an hour" */
    if (n && !strchr(w->text, ' ') && rec_list_at(t, p->j + n, c->loc->number_articles)) n = 0;
    if (n && w->kind == TY_TOFF_BEFORE) out->off = w->value;
    else n = rec_time_before(c, s, p->j, &out->off);
    if (n) {
        p->has_off = true;
        p->j += n;
        p->j += rec_list(c, t, p->j, RL(time_preps)); /* "cuarto pasadas las 8" */
    }
}

/* True when token i is an ordinal or its plural ("fifth", "firsts"): the
 * numbers before it are a fraction, not a time ("three twenty firsts"). */
static bool rec_time_ordinal(const rec_cx *c, const ty_tokens *t, size_t i) {
    if (i >= t->ntok || t->tok[i].kind != TY_TOK_WORD) return false;
    size_t n;
    const char *x = rec_tok(t, i, &n);
    for (const ty_loc_word *w = c->loc->ordinals; w && w->text; w++) {
        size_t wn = strlen(w->text);
        if (w->text[0] == x[0] && (n == wn || (n == wn + 1 && x[wn] == 's')) && memcmp(w->text, x, wn) == 0)
            return true;
    }
    return false;
}

/* Minutes right after the hour: ":30", ".30", "h01", or spelt-out minutes
 * after a spelt-out hour ("eight forty"); false when numbers follow that
 * make no minutes (never a partial reading). */
static bool rec_time_mins(const rec_cx *c, const rec_src *s, rec_time *out, rec_tparse *p) {
    const ty_tokens *t = s->t;
    size_t j = p->j, nd = 0;
    if (!p->word && j < t->ntok && (rec_gap_is(s, j, ':') || rec_gap_is(s, j, '.'))) {
        long m = rec_tok_int(t, j, &nd);
        if (m < 0 || nd != 2) return true;
        if (m > 59) return false;
        p->colon = rec_gap_is(s, j, ':');
        p->dot = !p->colon;
        out->min = (int)m;
        j++;
        if (p->colon && j < t->ntok && rec_gap_is(s, j, ':') && rec_tok_int(t, j, &nd) >= 0 && nd == 2) j++;
        p->j = j;
        return true;
    }
    size_t hm = p->word ? 0 : rec_list(c, t, j, RL(hour_marks));
    long m = hm ? rec_tok_int(t, j + hm, &nd) : -1;
    if (m >= 0 && nd == 2 && m <= 59) {
        out->min = (int)m;
        p->marked = 1;
        p->j = j + hm + 1;
        return true;
    }
    int v;
    size_t e;
    if (!p->word || hm || j >= t->ntok || rec_gap_cuts(s, j) || !rec_time_spelt(c, s, j, &v, &e)) return true;
    if (v > 59 || v < 1 || (v < 10 && !p->prep) || rec_time_ordinal(c, t, e)) return false;
    out->min = v;
    p->marked = 2;
    p->j = e;
    return true;
}

/* A meridiem at p->j when none was seen yet ("pm", "in the morning", glued
 * "p"); true when one was taken. */
static bool rec_time_mer(const rec_cx *c, const rec_src *s, rec_tparse *p) {
    const ty_loc_word *w = NULL;
    if (p->mer >= 0) return false;
    size_t n = rec_words(c, s->t, p->j, RW(meridiems), &w);
    if (!n || (w->kind == TY_MER_GLUED && !rec_adjacent(s, p->j))) return false;
    if (w->kind == TY_MER_GLUED && p->j + n < s->t->ntok && rec_adjacent(s, p->j + n)) return false; /* "9a1" */
    p->mer = w->value;
    p->mkind = w->kind;
    p->j += n;
    return true;
}

/* Minutes after the hour at p->j ("y media", "y veinte", "menos diez"),
 * when the time has none yet. */
static void rec_time_off_after(const rec_cx *c, const rec_src *s, rec_time *out, rec_tparse *p) {
    const ty_loc_word *w = NULL;
    if (p->has_off || p->colon || p->dot || p->marked) return;
    size_t n = rec_words(c, s->t, p->j, RW(time_offsets), &w);
    bool dg = false;
    if (n && w->kind == TY_TOFF_AFTER) out->off = w->value;
    else n = rec_time_after(c, s, p->j, &out->off, &dg);
    if (!n) return;
    p->digit_off = dg;
    p->has_off = true;
    p->j += n;
}

/* What comes after the hour and its minutes: offsets and a meridiem in
 * either order ("8 y media pm", "8pm y media"), "o'clock" (then perhaps a
 * meridiem: "1 o'clock midnight"), an hour mark ("las 20 horas"). */
static void rec_time_tail(const rec_cx *c, const rec_src *s, rec_time *out, rec_tparse *p) {
    rec_time_off_after(c, s, out, p);
    if (rec_time_mer(c, s, p)) rec_time_off_after(c, s, out, p);
    size_t n = rec_list(c, s->t, p->j, RL(oclock));
    if (n) {
        p->oc = true;
        p->j += n;
        rec_time_mer(c, s, p);
    }
    if (!p->marked) p->j += rec_list(c, s->t, p->j, RL(hour_marks));
}

/* How strong the evidence is (REC_TL_*): a digit count after the hour
 * ("3 y 20") is an answer, not an entity; a glued "9a" is one only after
 * "at" or as the whole reply ("flat 3a", "lira 11a"); "8.30" with more
 * said is a time only when a time was asked ("8.30 if you've got it"),
 * else it may be an amount. */
static int rec_time_level(const rec_tparse *p, bool asked) {
    bool glued = p->mer >= 0 && p->mkind == TY_MER_GLUED && !p->colon;
    bool weak = glued || (p->digit_off && !p->word);
    if (!weak && (p->colon || p->mer >= 0 || p->oc || p->has_off || (p->dot && p->prep) || p->marked == 1))
        return REC_TL_STRONG;
    if (glued && !p->prep && !p->has_off) return REC_TL_BARE;
    /* (hours and minutes together with no meridiem are read only when led: rec_time_led) */
    if (p->prep || weak || p->marked == 2 || (p->dot && asked) || (p->hhmm && p->mer < 0)) return REC_TL_PREP;
    return REC_TL_BARE;
}

/* The 24-hour hour from the hour as written and its meridiem; false when
 * they disagree ("13pm") or the hour is out of range. */
static bool rec_time_resolve(rec_time *out, const rec_tparse *p) {
    int h = out->hour;
    if (p->mer >= 0) {
        if (h < 1 || h > 12) return false;
        out->hour = p->mkind == TY_MER_NIGHT && h == 12 ? 0 : h % 12 + p->mer;
        out->meridiem = true;
    } else if (h == 24 && out->min == 0 && out->off == 0) {
        out->hour = 0; /* "a las 24" */
        out->lead_zero = true;
    } else if (h > 23) {
        return false;
    }
    return true;
}

/* True when token i may open an hour expression: digits, a number word,
 * "at" or "half past" (a cheap no for every other word). */
static bool rec_time_may_open(const rec_cx *c, const ty_tokens *t, size_t i) {
    const ty_loc_word *w = NULL;
    return t->tok[i].kind != TY_TOK_WORD || rec_words(c, t, i, RW(number_words), &w) ||
           rec_list(c, t, i, RL(time_preps)) || rec_time_about_ok(c, t, i) ||
           rec_words(c, t, i, RW(time_offsets), &w);
}

/* True when the hour at token i is led as a time: after "at" or "a las"
 * ("at 1830"), or right after a day, a part of the day or a meal ("tmrw
 * 1900", "lunch 1230", "monday morning 9.30"), with no street word just
 * after it ("at 1230 Main St" is an address). Hours and minutes written
 * together with no meridiem ("1830") are a time only so, and a dotted
 * one ("9.30") so is one in passing. */
static bool rec_time_led(const rec_cx *c, const rec_src *s, size_t i, const rec_tparse *p) {
    const ty_tokens *t = s->t;
    const ty_loc_word *w;
    bool led = p->prep || (i > 0 && !rec_gap_cuts(s, i) &&
                           (rec_words(c, t, i - 1, RW(day_periods), &w) == 1 || rec_day_word_at(c, i - 1) ||
                            rec_list_at(t, i - 1, c->loc->meal_parts)));
    for (size_t k = p->j; led && k < p->j + 3 && k < t->ntok; k++)
        if (rec_list_at(t, k, c->loc->street_words)) return false;
    return led;
}

/* A time expression starting at token i of s. */
static bool rec_time_at(const rec_cx *c, const rec_src *s, size_t i, rec_time *out) {
    const ty_tokens *t = s->t;
    memset(out, 0, sizeof *out);
    out->t0 = i;
    out->fixed = -1;
    if (rec_time_word(c, t, i, out)) return true;
    if (!rec_time_may_open(c, t, i) || rec_time_inside(c, s, i)) return false;
    rec_tparse p;
    memset(&p, 0, sizeof p);
    p.j = i;
    p.mer = -1;
    rec_time_head(c, s, out, &p);
    if (!rec_hour_at(c, s, p.j, out, &p.word, &p.hhmm, &p.j)) return false;
    if (!p.word && p.j < t->ntok && rec_adjacent(s, p.j) && rec_tok_in(c, t, p.j, RL(ordinal_suffixes)))
        return false; /* "to 9th street" */
    if (!p.hhmm && !rec_time_mins(c, s, out, &p)) return false;
    rec_time_tail(c, s, out, &p);
    if (rec_list(c, t, p.j, RL(time_stops))) return false; /* "6.45 percent" */
    const ty_loc_word *unit;
    if (!p.word && !p.hhmm && rec_words(c, t, p.j, RW(day_units), &unit))
        return false; /* "about 3 years", "a las 2 semanas": how long, no time */
    if (p.hhmm && p.mer < 0 && !rec_time_led(c, s, i, &p)) return false; /* "1140" alone is no time */
    /* ("6.45%" is a rate) */
    size_t e = t->tok[p.j - 1].b_end;
    out->level = rec_time_level(&p, c->time_asked && !(e < s->len && s->text[e] == '%'));
    if (p.dot && out->level < REC_TL_PREP && rec_time_led(c, s, i, &p)) out->level = REC_TL_PREP;
    if (p.word && out->level == REC_TL_BARE) return false;
    if (out->level < REC_TL_STRONG && (rec_list(c, t, p.j, RL(count_after)) || rec_list(c, t, p.j, RL(people_kinds))))
        return false; /* "around 18 people", "a eso de 12 personas": how many */
    if (out->level == REC_TL_BARE && p.j < t->ntok && rec_adjacent(s, p.j) && t->tok[p.j].kind == TY_TOK_WORD)
        return false; /* "3rd", "2x" */
    out->t1 = p.j;
    return rec_time_resolve(out, &p);
}

/* Circular distance in minutes between two times of day. */
static int rec_time_dist(int a, int b) {
    int d = (a - b) % 1440;
    if (d < 0) d += 1440;
    return d > 720 ? 1440 - d : d;
}

/* True when the context gives the business's week hours. */
static bool rec_time_has_hours(const rec_cx *c) {
    return c->ctx && c->ctx->open_from >= 0 && c->ctx->open_to > c->ctx->open_from;
}

/* True when minute m of the day falls inside the business's week hours
 * (ctx open_from .. open_to, the closing time itself too: "8" is 20:00
 * when the doors close at 8 pm); false without them. */
static bool rec_time_open(const rec_cx *c, int m) {
    return rec_time_has_hours(c) && m >= c->ctx->open_from && m <= c->ctx->open_to;
}

/* Minutes from m to the business's week hours (0 inside them). */
static int rec_time_off_hours(const rec_cx *c, int m) {
    return m < c->ctx->open_from ? c->ctx->open_from - m : m > c->ctx->open_to ? m - c->ctx->open_to : 0;
}

/* Minutes after midnight of a time; hint is the minutes of a time-of-day
 * word in the same text (the hour is read in the half of the day nearer to
 * it), or -1 (none: the half of the day the business is open in, when only
 * one is, or when neither is the one nearer to its hours: "half 9" is 21:30
 * when check-in is 3 to 8 pm; else 1 to 6 in the afternoon). */
static int rec_time_minutes(const rec_cx *c, const rec_time *h, int hint) {
    if (h->fixed >= 0) return h->fixed;
    int hr = h->hour;
    if (!h->meridiem && hr >= 1 && hr <= 12) {
        int am = hr % 12 * 60 + h->min, pm = am + 720;
        if (hint >= 0) {
            int da = rec_time_dist(am, hint), dp = rec_time_dist(pm, hint);
            hr = hr % 12 + (dp < da || (dp == da && hint >= 720) ? 12 : 0);
        } else if (!h->lead_zero && rec_time_open(c, am) != rec_time_open(c, pm)) {
            hr = hr % 12 + (rec_time_open(c, pm) ? 12 : 0);
        } else if (!h->lead_zero && rec_time_has_hours(c) && !rec_time_open(c, am) &&
                   rec_time_off_hours(c, am) != rec_time_off_hours(c, pm)) {
            hr = hr % 12 + (rec_time_off_hours(c, pm) < rec_time_off_hours(c, am) ? 12 : 0);
        } else if (!h->lead_zero && hr <= 6) {
            hr += 12;
        }
    }
    int m = (hr * 60 + h->min + h->off) % 1440;
    return m < 0 ? m + 1440 : m;
}

/* All time expressions of s (up to cap stored; the count is returned) and
 * the minutes of its time-of-day word (-1: none, or two that disagree on
 * the half of the day). */
static size_t rec_time_scan(const rec_cx *c, const rec_src *s, rec_time *hits, size_t cap, int *hint) {
    size_t k = 0;
    *hint = -1;
    bool conflict = false;
    for (size_t i = 0; i < s->t->ntok;) {
        rec_time h;
        size_t stop = rec_list(c, s->t, i, RL(time_stops)); /* "good morning" */
        if (stop) {
            i += stop;
        } else if ((rec_may_start(c, s->t, i, REC_G_TIME, 0) ||
                    rec_time_about_ok(c, s->t, i)) &&
                   rec_time_at(c, s, i, &h)) {
            if (h.level == REC_TL_PERIOD) {
                if (*hint >= 0 && (*hint >= 720) != (h.fixed >= 720)) conflict = true;
                if (*hint < 0) *hint = h.fixed;
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

/* True when token i is a number, in digits or spelt out. */
static bool rec_time_is_number(const rec_cx *c, const ty_tokens *t, size_t i) {
    const ty_loc_word *w = NULL;
    return i < t->ntok && (rec_tok_is_ascii_digits(t, i) || rec_words(c, t, i, RW(number_words), &w));
}

/* True when a number stands as an alternative to time h on either side
 * ("ten or eleven am", "4:45 or 5"): then there is no one time. */
static bool rec_time_or_number(const rec_cx *c, const rec_time *h) {
    const ty_tokens *t = c->msg.t;
    size_t n = rec_list(c, t, h->t1, RL(or_words));
    if (n && rec_time_is_number(c, t, h->t1 + n)) return true;
    for (size_t k = h->t0 >= 3 ? h->t0 - 3 : 0; k + 1 < h->t0; k++) {
        n = rec_list(c, t, k + 1, RL(or_words));
        if (n && k + 1 + n == h->t0 && rec_time_is_number(c, t, k)) return true;
    }
    return false;
}

/* True when a day is named next to hour h in its clause, a word or two
 * away ("thursday at 3", "tmrw around 2", "at 11 on saturday", "el
 * jueves a las 3"), a part of the day ("en la noche como a las 9"), or a
 * month right before it ("sat 12th dec at 1"): then "at 3" is a time in
 * passing too, as it is in an answer. */
static bool rec_time_by_day(const rec_cx *c, const rec_time *h) {
    const ty_loc_word *w;
    for (size_t p = h->t0; p > 0 && p + 3 > h->t0 && !rec_gap_cuts(&c->msg, p);) {
        if (rec_day_word_at(c, --p) || rec_words(c, c->msg.t, p, RW(day_periods), &w)) return true;
        if (p + 1 == h->t0 && rec_words(c, c->msg.t, p, RW(months), &w) == 1) return true; /* "12th dec at 1" */
    }
    for (size_t p = h->t1; p < c->msg.t->ntok && p < h->t1 + 2 && !rec_gap_cuts(&c->msg, p); p++)
        if (rec_day_word_at(c, p)) return true;
    return false;
}

/* True when hour h, with a preposition, is a time in passing: a day
 * stands by it, or it comes in a reply while the conversation asks
 * something ("la recojo a las 5" to "pick-up or delivery?"). */
static bool rec_time_in_passing(const rec_cx *c, const rec_time *h) {
    return (c->ctx && c->ctx->pending) || rec_time_by_day(c, h);
}

/* True when bare hour h is the whole reply but for fillers and the words
 * of a correction: a no, "actually", "instead", what "instead of" gives up
 * and a negated hour ("no, 11", "no wait, make it 12 instead of 11", "11
 * instead", "not 10 but 12", "12 not 10"; never the negated one). */
static bool rec_hour_alone(const rec_cx *c, const rec_time *h) {
    if (rec_alone(c, h->t0, h->t1)) return true;
    const ty_tokens *t = c->msg.t;
    const char *const *lists[] = {c->loc->fillers, c->loc->no, c->loc->corrections, c->loc->instead_after,
                                  c->loc->swap_verbs, c->loc->proposal_joins};
    for (size_t i = 0; i < t->ntok;) {
        size_t n = 0;
        if (i == h->t0) n = h->t1 - h->t0;
        if (!n && t->tok[i].kind == TY_TOK_SYM) n = 1;
        size_t r = n ? 0 : rec_list_at(t, i, c->loc->replacing);
        if (r && i + r < t->ntok && t->tok[i + r].kind == TY_TOK_NUM) n = r + 1; /* "instead of 11" */
        /* a negation right before an hour, which no answer's no is ("no, 12") */
        size_t g = n || rec_list_at(t, i, c->loc->no) ? 0 : rec_list_at(t, i, c->loc->negations);
        if (g && i + g < t->ntok && t->tok[i + g].kind == TY_TOK_NUM && !rec_gap_cuts(&c->msg, i + g)) {
            if (i + g == h->t0) return false; /* "not 10" gives 10 up */
            n = g + 1;
        }
        for (size_t k = 0; !n && k < sizeof lists / sizeof lists[0]; k++) n = rec_list_at(t, i, lists[k]);
        if (!n) return false;
        i += n;
    }
    return true;
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
        bool pick_other = false; /* pick is the time of another engagement */
        for (size_t k = 0; k < n; k++) {
            const rec_time *h = &hits[k];
            bool take = pass == 0   ? h->level >= want || (h->level == REC_TL_PREP && rec_time_in_passing(c, h))
                        : pass == 1 ? h->level == REC_TL_PERIOD
                                    : h->level == REC_TL_BARE && rec_hour_alone(c, h);
            /* a time turned down is none: "a las 20 no, mejor a las 19", "not at 8", "not in the morning" */
            if (!take || rec_negated(c, h->t0) || rec_negated_after(c, h->t1) || (pass == 1 && rec_negation_before(c, h->t0, 4)))
                continue;
            if (pass != 1 && rec_time_or_number(c, h)) return NULL;
            int v = rec_time_minutes(c, h, pass == 1 ? -1 : hint);
            /* "the flight's at 9 in the morning so we'll need picking up
             * about 5am": the time of another engagement gives way */
            bool other = rec_event_before(c, h->t0, 0, 4);
            if (pick && v != value && other && !pick_other) continue;
            if (pick && v != value && pick_other && !other) pick = NULL;
            else if (pick && v != value) return NULL; /* "3 or 4pm" */
            if (!pick) {
                pick = h;
                value = v;
                pick_other = other;
            }
        }
        if (pick) return rec_emit_toks(c, rec_hhmm(c, value), pick->t0, pick->t1);
    }
    return NULL;
}

